"""Precision of the consistency checks (issue 11, item 4): a seeded random draw
of corpus articles to ingest, then a seeded random sample of each check type's
rows with the sentences of their figures, for a reader to judge.

    python benchmarks/checks_precision.py draw --n 12000 > /tmp/checks_files.txt
    .venv/bin/python -m extractor ingest $(cat /tmp/checks_files.txt) --db /tmp/checks.db --workers 2
    python benchmarks/checks_precision.py sample --db /tmp/checks.db --per-check 30

``sample`` re-runs the document checks (on the documents' numeric facts
extracted again once, since the database does not keep ``measure``, and cached)
and the cross-article conflicts (on the database) with the current
``extractor/checks.py``, so a change to the checks needs no new ingest; it counts the rows per check type and prints up
to ``--per-check`` rows of each, drawn with the seed, with the sentence of every
figure involved.  The judgements (real inconsistency or false alarm) are the
reader's; the README records them."""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 20261201
CORPORA = [Path("/tmp/corpus/data"), Path("/tmp/corpus/dantri")]


def draw(n: int, seed: int) -> list[str]:
    """The first ``n`` of the corpus files in a seeded shuffle: a smaller draw
    is a part of a larger one."""
    files = sorted(str(p) for c in CORPORA for p in c.glob("*.txt"))
    random.Random(seed).shuffle(files)
    return sorted(files[:n])


def _extract(path: str) -> list[dict]:
    from extractor.ingest import file_meta
    from extractor.pipeline import extract_text
    from extractor.reader import read_document

    src = read_document(path)
    ex = extract_text(src.text, sidecar=file_meta(src, path), doc=path)
    return [f for f in ex.facts if f["kind"] in ("quantity", "percent", "ratio", "money")]


def document_facts(con: sqlite3.Connection, cache: Path, workers: int) -> dict[str, list[dict]]:
    """The numeric facts, with every attribute the database does not keep
    (``measure``), of each document that has a percentage (every document
    check involves one), extracted again once and kept in ``cache``."""
    import pickle
    from multiprocessing import Pool

    docs = dict(con.execute(
        "select d.id, d.path from documents d where exists "
        "(select 1 from facts f where f.document = d.id and f.kind = 'percent')").fetchall())
    got: dict[str, list[dict]] = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    todo = [d for d in docs if d not in got]
    if todo:
        with Pool(workers) as pool:
            for d, facts in zip(todo, pool.map(_extract, [docs[d] for d in todo], chunksize=8)):
                got[d] = facts
        cache.write_bytes(pickle.dumps(got))
    return {d: got[d] for d in docs}


def checks_module(rev: str | None):
    """``extractor.checks`` as it is, or as it was at git revision ``rev``."""
    if not rev:
        from extractor import checks

        return checks
    import importlib.util
    import subprocess
    import tempfile

    src = subprocess.run(["git", "show", f"{rev}:extractor/checks.py"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "checks.py"
    path.write_text(src, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("extractor._checks_at_rev", path,
                                                  submodule_search_locations=None)
    mod = importlib.util.module_from_spec(spec)
    mod.__package__ = "extractor"  # its relative imports resolve in the installed package
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def rerun(con: sqlite3.Connection, cache: Path, workers: int, rev: str | None = None) -> list[dict]:
    """Every check row the code (now, or at ``rev``) gives on the sample."""
    import sqlite_utils

    mod = checks_module(rev)
    conflicts, document_checks = mod.conflicts, mod.document_checks

    out = []
    texts = dict(con.execute("select id, text from documents").fetchall())
    for doc, facts in sorted(document_facts(con, cache, workers).items()):
        for c in document_checks(facts, texts[doc]):
            out.append(c.as_row(doc))
    out.extend(conflicts(sqlite_utils.Database(con)))
    return out


def sentence_of(con: sqlite3.Connection, doc: str, start: int) -> str:
    r = con.execute("select text from sentences where document = ? and start <= ? and end > ? limit 1",
                    [doc, start, start]).fetchone()
    return r[0] if r else "?"


def show(con: sqlite3.Connection, row: dict) -> str:
    lines = [f"[{row['check']}] {row['message']}"]
    if row["document"]:
        seen = set()
        for s, _ in json.loads(row["facts"]):
            sent = sentence_of(con, row["document"], s)
            if sent not in seen:
                seen.add(sent)
                lines.append(f"  doc {row['document'][:12]}: {sent}")
    else:
        for doc, start, _ in json.loads(row["facts"]):
            lines.append(f"  doc {doc[:12]}: {sentence_of(con, doc, start)}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--n", type=int, default=12000)
    d.add_argument("--seed", type=int, default=SEED)
    s = sub.add_parser("sample")
    s.add_argument("--db", default="/tmp/checks.db")
    s.add_argument("--per-check", type=int, default=30)
    s.add_argument("--seed", type=int, default=SEED)
    s.add_argument("--only", help="one check type")
    s.add_argument("--cache", default="/tmp/checks_facts.pkl", help="the re-extracted facts (kept between runs)")
    s.add_argument("--workers", type=int, default=2)
    s.add_argument("--rev", help="run extractor/checks.py as it was at this git revision (a baseline)")
    a = ap.parse_args()
    if a.cmd == "draw":
        print("\n".join(draw(a.n, a.seed)))
        return
    con = sqlite3.connect(a.db)
    rows = rerun(con, Path(a.cache), a.workers, a.rev)
    by: dict[str, list[dict]] = {}
    for r in rows:
        by.setdefault(r["check"], []).append(r)
    n_docs = con.execute("select count(*) from documents").fetchone()[0]
    print(f"{n_docs} documents; rows per check: " + json.dumps({k: len(v) for k, v in sorted(by.items())}))
    for check, rs in sorted(by.items()):
        if a.only and check != a.only:
            continue
        picked = random.Random(a.seed).sample(rs, min(a.per_check, len(rs)))
        print(f"\n=== {check}: {len(picked)} of {len(rs)} ===")
        for i, r in enumerate(picked, 1):
            print(f"\n#{i} " + show(con, r))


if __name__ == "__main__":
    main()
