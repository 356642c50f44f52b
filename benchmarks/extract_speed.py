"""Steady-state extraction speed in CPU time on a seeded random sample of the
shared corpus (one process, models warmed first), to compare two commits:

    python benchmarks/extract_speed.py --sample 400
    git stash; git checkout REV; python benchmarks/extract_speed.py --sample 400; git checkout -
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.pipeline import extract_text  # noqa: E402
from extractor.reader import read_document  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, action="append", help="folders of .txt articles (default: the unpacked shared corpus)")
    ap.add_argument("--sample", type=int, default=400)
    ap.add_argument("--seed", type=int, default=5)
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
    t = time.process_time()
    facts = sum(len(extract_text(x).facts) for x in texts)
    dt = time.process_time() - t
    print(f"{len(texts)} articles, {facts} facts, {len(texts) / dt:.1f} articles/s CPU")


if __name__ == "__main__":
    main()
