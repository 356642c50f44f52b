"""Byte-for-byte comparison of ``chitieu extract --format jsonl`` between a
reference commit and this checkout, on a seeded random sample of articles.

    python benchmarks/compare_output.py --corpus /tmp/corpus/data --corpus /tmp/corpus/dantri --sample 1000

The reference commit (default b7cbe14, before the start-up work) is checked
out with ``git worktree add --detach`` into a temporary folder and run with
its own sources first on ``PYTHONPATH``; its output is cached in --workdir, so
a second run only re-extracts with this checkout. Exits 1 and prints the first
differing lines when the outputs differ. Nothing here is a test.

    python benchmarks/compare_output.py --corpus … --sample 1000 --hash-seeds 1,3,5

instead runs this checkout alone under each PYTHONHASHSEED given and compares
the outputs with each other: output that depends on set or dict-of-set order
shows up there (two such dependencies were found in session 4).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sample_files(corpora: list[str], n: int, seed: int) -> list[str]:
    files = sorted(str(p) for c in corpora for p in Path(c).rglob("*.txt"))
    if n and n < len(files):
        files = sorted(random.Random(seed).sample(files, n))
    return files


def drop_checkout(dest: Path) -> None:
    """Remove the reference worktree (and its entry in the repository's worktree list)."""
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(dest)], capture_output=True)


def reference_checkout(commit: str, workdir: Path) -> Path:
    dest = workdir / f"ref-{commit}"
    if not (dest / "extractor").is_dir():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(dest), commit],
                       check=True, capture_output=True)
    return dest


def run_extract(src: Path, files: list[str], hash_seed: str | None = None) -> tuple[bytes, bytes]:
    env = dict(os.environ, PYTHONPATH=str(src))
    if hash_seed is not None:
        env["PYTHONHASHSEED"] = hash_seed
    p = subprocess.run([sys.executable, "-m", "extractor", "extract", "--format", "jsonl", *files],
                       cwd=src, env=env, capture_output=True)
    return p.stdout, p.stderr


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", required=True, help="folder of .txt articles (repeatable)")
    ap.add_argument("--sample", type=int, default=1000, help="articles to draw (0: all)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--commit", default="b7cbe14", help="reference commit")
    ap.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "chitieu-compare"))
    ap.add_argument("--hash-seeds", help="comma-separated PYTHONHASHSEED values: compare this checkout with itself under each")
    args = ap.parse_args()
    if args.hash_seeds:
        return compare_hash_seeds(sample_files(args.corpus, args.sample, args.seed), args.hash_seeds.split(","))

    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    files = sample_files(args.corpus, args.sample, args.seed)
    # the cache is keyed by the commit's hash, never its name: "--commit main"
    # must not reuse the output of an older main
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{args.commit}^{{commit}}"],
                         capture_output=True, text=True)
    if rev.returncode != 0:
        sys.exit(f"compare_output: --commit {args.commit!r} is no commit of {ROOT}; give a hash or a branch name")
    args.commit = rev.stdout.strip()
    key = hashlib.sha256("\n".join([args.commit, *files]).encode()).hexdigest()[:16]
    cached = workdir / f"ref-{key}.jsonl"
    if cached.exists():
        ref_out = cached.read_bytes()
        ref_err = (workdir / f"ref-{key}.err").read_bytes()
    else:
        ref = reference_checkout(args.commit, workdir)
        try:
            ref_out, ref_err = run_extract(ref, files)
        finally:
            drop_checkout(ref)
        cached.write_bytes(ref_out)
        (workdir / f"ref-{key}.err").write_bytes(ref_err)
    new_out, new_err = run_extract(ROOT, files)
    n_ref, n_new = ref_out.count(b"\n"), new_out.count(b"\n")
    print(f"{len(files)} articles, {n_ref} jsonl lines from {args.commit}, {n_new} from this checkout")
    same = ref_out == new_out and ref_err == new_err
    if same:
        print("identical: stdout and stderr byte for byte")
        return 0
    print_diff((ref_out, ref_err), (new_out, new_err), args.commit, "this")
    return 1


def print_diff(old: tuple[bytes, bytes], new: tuple[bytes, bytes], old_name: str, new_name: str) -> None:
    for name, a, b in (("stdout", old[0], new[0]), ("stderr", old[1], new[1])):
        if a != b:
            print(f"{name} differs:")
            diff = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), old_name, new_name, lineterm="", n=0)
            for i, line in enumerate(diff):
                if i >= 40:
                    print("…")
                    break
                print(line[:300])


def compare_hash_seeds(files: list[str], seeds: list[str]) -> int:
    """This checkout's output under each PYTHONHASHSEED, compared with the first seed's."""
    first = run_extract(ROOT, files, seeds[0])
    lines = first[0].count(b"\n")
    print(f"{len(files)} articles, {lines} jsonl lines under PYTHONHASHSEED={seeds[0]}")
    status = 0
    for seed in seeds[1:]:
        out = run_extract(ROOT, files, seed)
        if out == first:
            print(f"PYTHONHASHSEED={seed}: identical")
        else:
            status = 1
            print(f"PYTHONHASHSEED={seed}: differs")
            print_diff(first, out, f"hashseed={seeds[0]}", f"hashseed={seed}")
    return status


if __name__ == "__main__":
    sys.exit(main())
