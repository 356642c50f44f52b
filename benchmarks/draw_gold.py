"""The seeded random draw of the development gold (issue 11), recorded in
``benchmarks/gold_draw.json``.  Run again with the same seed and corpus, it gives the
same list.

    python benchmarks/draw_gold.py                 # writes benchmarks/gold_draw.json
    python benchmarks/draw_gold.py --check         # verifies benchmarks/gold_draw.json

Per archive of ``../shared/corpus``, half the articles are drawn uniformly
among all articles and half among those whose text names a welfare or
economic indicator next to a figure (the term list below, a sampling
criterion, not an extraction rule).  Only articles of 300 to 6,000
characters are eligible, so that one annotator can read each whole; the
cap is part of the draw and is recorded.  Within each stratum the drawn
articles alternate between the ``dev`` part (read while writing rules) and
the ``test`` part (never read while writing rules; the CI gate's floors)."""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tarfile
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.archive import unpacked  # noqa: E402

SEED = 20261201
CORPUS = Path("../shared/corpus")
ARCHIVES = {"baomoi-2017.tar.gz": (20, 20), "dantri-2020.tar.gz": (16, 16)}  # (uniform, indicator)
MIN_CHARS, MAX_CHARS = 300, 6000
TERMS = [
    "hộ nghèo", "cận nghèo", "bảo hiểm y tế", "BHYT", "bảo hiểm xã hội", "BHXH", "bảo hiểm thất nghiệp",
    "việc làm", "thất nghiệp", "lao động qua đào tạo", "suy dinh dưỡng", "nước sạch", "tiêm chủng",
    "người có công", "trợ cấp", "bảo trợ xã hội", "ngân sách", "GDP", "GRDP", "tăng trưởng", "kim ngạch",
    "xuất khẩu", "nhập khẩu", "giải ngân", "đầu tư công", "FDI", "vốn đầu tư", "CPI", "lạm phát",
    "bán lẻ", "thu nhập bình quân", "doanh thu", "lợi nhuận", "tuyển sinh", "ca mắc", "tai nạn giao thông",
    "che phủ rừng", "khách du lịch", "lượt khách", "dân số", "lãi suất", "tín dụng", "nợ xấu", "giá",
]
FIGURE = r"\d[\d.,]*\s*(?:%|phần trăm|tỷ|tỉ|triệu|nghìn|ngàn|USD|đồng|lượt|người|hộ|ca|vụ|tấn|ha)"
INDICATOR_RX = regex.compile(
    "(?i)(?:" + "|".join(regex.escape(t) for t in TERMS) + r")[^.\n]{0,60}?" + FIGURE
)


def corpus_docs(corpus: Path):
    for name in ARCHIVES:
        tarball = corpus / name
        folder = unpacked(tarball)
        with tarfile.open(tarball) as tf:
            members = sorted(m.name for m in tf.getmembers() if m.isfile() and m.name.endswith(".txt"))
        yield name, folder, members


def draw(corpus: Path, seed: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for name, folder, members in corpus_docs(corpus):
        n_uniform, n_indicator = ARCHIVES[name]
        eligible, indicator = [], []
        for m in members:
            data = (folder / m).read_bytes()
            text = data.decode("utf-8", errors="replace")
            if not MIN_CHARS <= len(text) <= MAX_CHARS:
                continue
            eligible.append(m)
            if INDICATOR_RX.search(text):
                indicator.append(m)
        uniform = rng.sample(eligible, n_uniform)
        ind_pool = [m for m in indicator if m not in set(uniform)]
        chosen = [("uniform", m) for m in uniform] + [("indicator", m) for m in rng.sample(ind_pool, n_indicator)]
        for stratum in ("uniform", "indicator"):
            picked = [m for s, m in chosen if s == stratum]
            for i, m in enumerate(picked):
                data = (folder / m).read_bytes()
                out.append({
                    "doc": f"{corpus.as_posix()}/{name}/{m}",
                    "archive": name, "stratum": stratum, "split": "dev" if i % 2 == 0 else "test",
                    "sha256": hashlib.sha256(data).hexdigest(), "chars": len(data.decode("utf-8", errors="replace")),
                    "eligible_in_stratum": len(eligible) if stratum == "uniform" else len(indicator),
                })
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "gold_draw.json")
    ap.add_argument("--check", action="store_true", help="verify the recorded draw instead of writing it")
    a = ap.parse_args()
    docs = draw(a.corpus, a.seed)
    record = {
        "seed": a.seed, "script": "benchmarks/draw_gold.py", "archives": ARCHIVES,
        "chars": [MIN_CHARS, MAX_CHARS], "terms": TERMS, "figure": FIGURE, "documents": docs,
    }
    if a.check:
        old = json.loads(a.out.read_text(encoding="utf-8"))
        same = [d["doc"] for d in old["documents"]] == [d["doc"] for d in docs]
        print("draw matches benchmarks/gold_draw.json" if same else "draw differs from benchmarks/gold_draw.json")
        sys.exit(0 if same else 1)
    a.out.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    splits = {s: sum(d["split"] == s for d in docs) for s in ("dev", "test")}
    print(f"{len(docs)} documents drawn with seed {a.seed}: {splits}")


if __name__ == "__main__":
    main()
