"""Steady-state extraction speed in CPU time on a seeded random sample of the
shared corpus (one process, models warmed first), to compare two commits:

    python benchmarks/extract_speed.py --sample 400
    git worktree add --detach /tmp/wt-ref REV; python benchmarks/extract_speed.py --sample 400 --src /tmp/wt-ref
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# --src DIR: the extractor of another checkout (a worktree of the reference commit), same benchmark
_src = sys.argv[sys.argv.index("--src") + 1] if "--src" in sys.argv[:-1] else str(ROOT)
sys.path.insert(0, _src)

from extractor.pipeline import extract_text  # noqa: E402
from extractor.reader import read_document  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, action="append", help="folders of .txt articles (default: the unpacked shared corpus)")
    ap.add_argument("--sample", type=int, default=400)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--src", help="source folder to import extractor from (default: this checkout)")
    ap.add_argument("--cold-models", action="store_true",
                    help="warm up on one article only (models a later article needs load inside the timed loop)")
    a = ap.parse_args()
    if a.corpus:
        files = sorted(str(p) for c in a.corpus for p in c.rglob("*.txt"))
    else:
        from extractor.archive import unpacked

        shared = ROOT.parent / "shared" / "corpus"
        files = sorted(str(p) for t in sorted(shared.glob("*.tar.gz")) for p in unpacked(t).rglob("*.txt"))
    random.Random(a.seed).shuffle(files)
    texts = [read_document(f).text for f in files[: a.sample]]
    extract_text(texts[0])
    if not a.cold_models:
        import extractor.ingest as ingest  # every model (segmenter, POS tagger), as an ingest worker before its first file

        getattr(ingest, "warm_once", ingest.warm_up)()
    t = time.process_time()
    facts = sum(len(extract_text(x).facts) for x in texts)
    dt = time.process_time() - t
    print(f"{len(texts)} articles, {facts} facts, {len(texts) / dt:.1f} articles/s CPU")


if __name__ == "__main__":
    main()
