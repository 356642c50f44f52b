"""Start-up and steady-state speed of chitieu, against a reference commit, in one run.

    python benchmarks/startup.py --corpus /tmp/corpus/data --corpus /tmp/corpus/dantri

Prints medians of --repeat runs, the two sides alternating so that a change
of the machine's load hits both (CPU = user + sys of the child, and wall) of:
  - ``python -c pass`` (the interpreter's own floor),
  - a cold ``chitieu extract --format jsonl`` of one article of about 1 KB
    (a new process; this checkout's table cache warm, and once with it empty),
  - a cold ``chitieu stats`` on a small database,
  - steady-state articles/s (CPU) of ``extract_text`` over --sample articles
    in one process after a warm-up, against a pure regex pass (read + NFC + a
    fixed set of number/date regexes, as benchmarks/throughput.py) over the
    same files,
(the warm-up: one article, then ``ingest.warm_once`` or ``warm_up``, each
side's own, which load every model as an ingest worker does; children run
with bytecode written, as from an installed package, whatever
PYTHONDONTWRITEBYTECODE says) for this checkout and for the reference commit (default b7cbe14, checked out
with ``git worktree add --detach`` into --workdir), each run from its own
sources first on PYTHONPATH. Nothing here is a test: figures are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEADY = r"""
import json, sys, time, unicodedata
from pathlib import Path
import regex
files = [l for l in Path(sys.argv[1]).read_text().splitlines() if l]
FLOOR = [regex.compile(p) for p in (
    r"\d+(?:[.,]\d+)*\s*%", r"\d+(?:[.,]\d+)*\s*(?:tỷ|triệu|nghìn)?\s*(?:đồng|USD)", r"\d+/\d+",
    r"\d+(?:[.,]\d+)*\s+\p{Ll}+", r"\d{1,2}/\d{1,2}/\d{4}", r"ngày\s+\d{1,2}[/-]\d{1,2}",
    r"(?:sáng|chiều|tối)\s+\d{1,2}[/-]\d{1,2}", r"tháng\s+\d{1,2}/\d{4}", r"năm\s+\d{4}",
    r"giai đoạn\s+\d{4}\s*-\s*\d{4}", r"\d+\s+tháng\s+(?:đầu|cuối)\s+năm", r"quý\s+[IV\d]+",
    r"đến năm\s+\d{4}", r"\d+-[A-Z][A-Za-z]*/[A-Z]+", r"\d+/\d{4}/[A-ZĐ]+-[A-Z]+",
    r"(?:hơn|trên|dưới|khoảng)\s+\d+", r"tăng\s+\d+", r"giảm\s+\d+", r"\d+\s*-\s*\d+",
    r"từ\s+\d+\s+đến\s+\d+", r"\d+\s+tuổi", r"lần thứ\s+\d+", r"\d+(?:\.\d{3})+", r"\d+,\d+",
    r"(?:tỷ lệ|tỉ lệ)\s+\p{Ll}+", r"hộ nghèo", r"bảo hiểm y tế", r"việc làm", r"chỉ tiêu", r"\d+\s+hộ",
)]
def floor():
    n = 0
    for f in files:
        t = unicodedata.normalize("NFC", Path(f).read_bytes().decode("utf-8", "replace"))
        for rx in FLOOR:
            n += sum(1 for _ in rx.finditer(t))
    return n
from extractor.pipeline import extract_text
from extractor.reader import read_document
extract_text(read_document(files[0]).text)  # warm-up: models, rules, gazetteer
import extractor.ingest as _ingest  # every model (segmenter, POS tagger), as an ingest worker before its first file
getattr(_ingest, "warm_once", _ingest.warm_up)()
floor()  # the same files, now in the page cache
c0, w0 = time.process_time(), time.perf_counter()
floor()
c1, w1 = time.process_time(), time.perf_counter()
for f in files:
    try:
        extract_text(read_document(f).text)
    except Exception:
        pass
c2, w2 = time.process_time(), time.perf_counter()
print(json.dumps({"floor_cpu": c1 - c0, "floor_wall": w1 - w0, "extract_cpu": c2 - c1, "extract_wall": w2 - w1}))
"""


def timed(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float, subprocess.CompletedProcess]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, p


def median_of(n: int, cmd: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    cpus, walls = [], []
    for _ in range(n):
        cpu, wall, p = timed(cmd, cwd, env)
        if p.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.decode()[-500:]}")
        cpus.append(cpu)
        walls.append(wall)
    return statistics.median(cpus), statistics.median(walls)


def drop_checkout(dest: Path) -> None:
    """Remove the reference worktree (and its entry in the repository's worktree list)."""
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(dest)], capture_output=True)


def reference_checkout(commit: str, workdir: Path) -> Path:
    dest = workdir / f"ref-{commit}"
    if not (dest / "extractor").is_dir():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(dest), commit],
                       check=True, capture_output=True)
    return dest


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", required=True, help="folder of .txt articles (repeatable)")
    ap.add_argument("--sample", type=int, default=300, help="articles for the steady-state pass")
    ap.add_argument("--repeat", type=int, default=3, help="runs per cold measurement (the median is printed)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--commit", default="b7cbe14", help="reference commit")
    ap.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "chitieu-startup"))
    args = ap.parse_args()

    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    files = sorted(str(p) for c in args.corpus for p in Path(c).rglob("*.txt"))
    rng = random.Random(args.seed)
    sample = rng.sample(files, min(args.sample, len(files)))
    one = min(rng.sample(files, min(200, len(files))), key=lambda f: abs(os.path.getsize(f) - 1024))
    small = workdir / "small"
    if not small.is_dir():
        small.mkdir()
        for f in rng.sample(files, min(20, len(files))):
            shutil.copy(f, small / Path(f).name)
    (workdir / "sample.txt").write_text("\n".join(sample) + "\n")

    ref = reference_checkout(args.commit, workdir)
    try:
        print(f"cold extract: {one} ({os.path.getsize(one)} bytes); stats: a database of {len(list(small.iterdir()))} "
              f"articles; steady state: {len(sample)} articles; medians of {args.repeat}, this checkout and "
              f"{args.commit} alternating; CPU = user + sys; load average before: {os.getloadavg()[0]:.2f}")
        sides = []
        for label, src in (("this checkout", ROOT), (args.commit, ref)):
            cache = workdir / f"cache-{label.replace(' ', '_')}"
            shutil.rmtree(cache, ignore_errors=True)
            env = dict(os.environ, PYTHONPATH=str(src), CHITIEU_CACHE_DIR=str(cache))
            env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode (else ~0.2 s of compiling per run)
            db = workdir / f"stats-{label.replace(' ', '_')}.db"
            for p in workdir.glob(db.name + "*"):
                p.unlink()
            extract = [sys.executable, "-m", "extractor", "extract", "--format", "jsonl", one]
            first = timed(extract, src, env)[:2]  # fills this checkout's table cache
            r = subprocess.run([sys.executable, "-m", "extractor", "ingest", str(small), "--db", str(db), "--quiet",
                                "--workers", "1"], cwd=src, env=env, capture_output=True)
            if r.returncode != 0:
                raise SystemExit(f"ingest failed: {r.stderr.decode()[-500:]}")
            cmds = {"pass": [sys.executable, "-c", "pass"], "extract": extract,
                    "stats": [sys.executable, "-m", "extractor", "stats", "--db", str(db)],
                    "steady": [sys.executable, "-c", STEADY, str(workdir / "sample.txt")]}
            sides.append({"label": label, "src": src, "env": env, "cmds": cmds, "first_extract": first,
                          "runs": {k: [] for k in cmds}})
        for _ in range(args.repeat):  # alternate the two sides so that a change of load hits both
            for side in sides:
                for name, cmd in side["cmds"].items():
                    cpu, wall, p = timed(cmd, side["src"], side["env"])
                    if p.returncode != 0:
                        raise SystemExit(f"{name} failed ({p.returncode}): {p.stderr.decode()[-500:]}")
                    if name == "steady":
                        st = json.loads(p.stdout.decode().strip().splitlines()[-1])
                        side["runs"][name].append(st)
                    else:
                        side["runs"][name].append((cpu, wall))
        rows = []
        for side in sides:
            runs = side["runs"]
            row = {"label": side["label"], "first_extract": side["first_extract"]}
            for name in ("pass", "extract", "stats"):
                row[name] = (statistics.median(c for c, _ in runs[name]), statistics.median(w for _, w in runs[name]))
            row["steady"] = statistics.median(len(sample) / st["extract_cpu"] for st in runs["steady"])
            row["steady_wall"] = statistics.median(len(sample) / st["extract_wall"] for st in runs["steady"])
            row["floor"] = statistics.median(len(sample) / st["floor_cpu"] for st in runs["steady"])
            rows.append(row)
    finally:
        drop_checkout(ref)

    def s(pair):
        return f"{pair[0]:6.2f} s CPU {pair[1]:6.2f} s wall"

    for row in rows:
        print(f"\n== {row['label']}")
        print(f"  python -c pass                 {s(row['pass'])}")
        print(f"  cold extract, 1 article        {s(row['extract'])}")
        print(f"  (first run, empty table cache) {s(row['first_extract'])}")
        print(f"  cold stats                     {s(row['stats'])}")
        print(f"  steady state extract           {row['steady']:7.1f} articles/s CPU ({row['steady_wall']:.1f} wall)")
        print(f"  regex pass, same files         {row['floor']:7.1f} articles/s CPU "
              f"(extract is {row['floor'] / row['steady']:.0f}× slower)")
    new, old = rows
    print(f"\nsteady state: {new['steady'] / old['steady']:.2f}× {old['label']}'s articles/s; "
          f"cold extract: {old['extract'][0] / new['extract'][0]:.1f}× less CPU; "
          f"cold stats: {old['stats'][0] / new['stats'][0]:.1f}× less CPU; load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
