"""Throughput and memory of chitieu against a regex floor and a peer, on the
real news of ../shared/corpus (or any folder of .txt articles).

    python benchmarks/throughput.py --sample 2000
    python benchmarks/throughput.py --corpus /path/to/txt --sample 0   # all files

Each stage runs in its own process so its peak RSS is its own:
  (a) floor:   read + NFC + a fixed set of number/date regexes
  (b) ner:     underthesea's NER (the peer), on at most --ner-sample files
  (c) extract: chitieu's extractor, in process, one core
  (d) ingest:  chitieu ingest into a fresh database with 1 and with 2 workers
It prints articles/s, MB/s and peak RSS per stage, and the ratios c/a, c/b and
2-worker/1-worker from the same run. Nothing here is a test: figures vary by
machine, so they are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"

FLOOR_PATTERNS = [regex.compile(p) for p in (
    r"\d+(?:[.,]\d+)*\s*%", r"\d+(?:[.,]\d+)*\s*(?:tỷ|triệu|nghìn)?\s*(?:đồng|USD)", r"\d+/\d+",
    r"\d+(?:[.,]\d+)*\s+\p{Ll}+", r"\d{1,2}/\d{1,2}/\d{4}", r"ngày\s+\d{1,2}[/-]\d{1,2}",
    r"(?:sáng|chiều|tối)\s+\d{1,2}[/-]\d{1,2}", r"tháng\s+\d{1,2}/\d{4}", r"năm\s+\d{4}",
    r"giai đoạn\s+\d{4}\s*-\s*\d{4}", r"\d+\s+tháng\s+(?:đầu|cuối)\s+năm", r"quý\s+[IV\d]+",
    r"đến năm\s+\d{4}", r"\d+-[A-Z][A-Za-z]*/[A-Z]+", r"\d+/\d{4}/[A-ZĐ]+-[A-Z]+",
    r"(?:hơn|trên|dưới|khoảng)\s+\d+", r"tăng\s+\d+", r"giảm\s+\d+", r"\d+\s*-\s*\d+",
    r"từ\s+\d+\s+đến\s+\d+", r"\d+\s+tuổi", r"lần thứ\s+\d+", r"\d+(?:\.\d{3})+", r"\d+,\d+",
    r"(?:tỷ lệ|tỉ lệ)\s+\p{Ll}+", r"hộ nghèo", r"bảo hiểm y tế", r"việc làm", r"chỉ tiêu", r"\d+\s+hộ",
)]


def corpus_files(corpus: Path, workdir: Path) -> list[Path]:
    """The .txt files of a folder, or of the corpus tarballs unpacked once into workdir."""
    tars = sorted(corpus.glob("*.tar.gz"))
    if not tars:
        return sorted(corpus.rglob("*.txt"))
    out_dir = workdir / "corpus"
    if not (out_dir / ".unpacked").exists():
        out_dir.mkdir(parents=True, exist_ok=True)
        for t in tars:
            with tarfile.open(t) as tf:
                tf.extractall(out_dir, filter="data")
        (out_dir / ".unpacked").touch()
    return sorted(out_dir.rglob("*.txt"))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage(name: str, files: list[str], workers: int = 1) -> dict:
    size = sum(os.path.getsize(f) for f in files)
    t0 = time.perf_counter()
    if name == "floor":
        hits = 0
        for f in files:
            text = unicodedata.normalize("NFC", Path(f).read_bytes().decode("utf-8-sig", errors="replace"))
            for rx in FLOOR_PATTERNS:
                hits += len(rx.findall(text))
    elif name == "ner":
        from underthesea import ner

        for f in files:
            text = unicodedata.normalize("NFC", Path(f).read_bytes().decode("utf-8-sig", errors="replace"))
            for line in text.splitlines():
                if line.strip():
                    ner(line)
    elif name == "extract":
        sys.path.insert(0, str(ROOT))
        from extractor.ingest import process_file

        for f in files:
            process_file(f)
    elif name == "ingest":
        sys.path.insert(0, str(ROOT))
        from extractor.ingest import ingest
        from extractor.store import open_db

        with tempfile.TemporaryDirectory() as d:
            db_path = str(Path(d) / "bench.db")
            db = open_db(db_path)
            ingest(db, db_path, files, workers=workers)
    dt = time.perf_counter() - t0
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"stage": name, "workers": workers, "files": len(files), "seconds": dt,
            "articles_per_s": len(files) / dt, "mb_per_s": size / 1e6 / dt,
            "peak_rss_mb": max(peak_rss_mb(), child)}


def run_stage(name: str, listfile: Path, workers: int = 1) -> dict:
    out = subprocess.run([sys.executable, __file__, "--stage", name, "--files", str(listfile), "--workers", str(workers)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sample", type=int, default=2000, help="random files to use (0: all)")
    ap.add_argument("--ner-sample", type=int, default=50, help="files for the (slow) NER peer")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "chitieu-bench")
    ap.add_argument("--stage", help=argparse.SUPPRESS)
    ap.add_argument("--files", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.stage:
        print(json.dumps(stage(a.stage, a.files.read_text().splitlines(), a.workers)))
        return
    a.workdir.mkdir(parents=True, exist_ok=True)
    files = [str(f) for f in corpus_files(a.corpus, a.workdir)]
    random.Random(a.seed).shuffle(files)
    if a.sample:
        files = files[: a.sample]
    lst = a.workdir / "files.txt"
    lst.write_text("\n".join(files))
    ner_lst = a.workdir / "ner_files.txt"
    ner_lst.write_text("\n".join(files[: a.ner_sample]))
    print(f"{len(files)} files, {sum(os.path.getsize(f) for f in files) / 1e6:.1f} MB, {os.cpu_count()} cores")
    results = {
        "floor": run_stage("floor", lst),
        "ner": run_stage("ner", ner_lst),
        "extract": run_stage("extract", lst),
        "ingest1": run_stage("ingest", lst, 1),
        "ingest2": run_stage("ingest", lst, 2),
    }
    print(f"{'stage':<22}{'files':>7}{'art/s':>10}{'MB/s':>8}{'peak RSS MB':>13}")
    for k, r in results.items():
        label = {"floor": "(a) regex floor", "ner": "(b) underthesea NER", "extract": "(c) chitieu extract",
                 "ingest1": "(d) ingest, 1 worker", "ingest2": "(d) ingest, 2 workers"}[k]
        print(f"{label:<22}{r['files']:>7}{r['articles_per_s']:>10.1f}{r['mb_per_s']:>8.2f}{r['peak_rss_mb']:>13.0f}")
    c, fl, ner = results["extract"]["articles_per_s"], results["floor"]["articles_per_s"], results["ner"]["articles_per_s"]
    print(f"c/a (extract vs floor): {c / fl:.3f}  (floor is {fl / c:.1f}x faster)")
    print(f"c/b (extract vs NER):   {c / ner:.1f}x")
    print(f"2-worker/1-worker ingest: {results['ingest2']['articles_per_s'] / results['ingest1']['articles_per_s']:.2f}x")
    full = 35440 + 2653
    print(f"whole corpus ({full} articles) at the 2-worker rate: {full / results['ingest2']['articles_per_s'] / 60:.1f} min")


if __name__ == "__main__":
    main()
