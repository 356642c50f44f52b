"""A run over a whole corpus, once per change of rules (a command, not CI):
ingests every article into a fresh database with N workers and reports facts
per kind, errors by reason, the slowest documents and the throughput, so
regressions in speed or crashes on real text show up.

    python benchmarks/corpus_run.py                      # ../shared/corpus, 2 workers
    python benchmarks/corpus_run.py --corpus DIR --workers 4 --db /tmp/full.db
    python benchmarks/corpus_run.py --mentioning "hộ nghèo" --mentioning "bảo hiểm y tế" --mentioning BHYT

``--mentioning WORD`` (repeatable) ingests only the articles whose text
contains one of the words (case-insensitive, after NFC): every article is
still read, but only those are extracted — a quick way to see the series of
a few indicators over the whole corpus, since an article that never names
them cannot give them a figure.
"""

from __future__ import annotations

import argparse
import collections
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import DEFAULT_CORPUS, corpus_files  # noqa: E402

from extractor.ingest import finish, ingest  # noqa: E402
from extractor.rules import rules_hash  # noqa: E402
from extractor.store import finish_run, open_db, refresh_conflicts, start_run  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "chitieu-corpus-run.db")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "chitieu-bench")
    ap.add_argument("--slowest", type=int, default=10)
    ap.add_argument("--mentioning", action="append", default=[], metavar="WORD",
                    help="ingest only the articles containing one of these words (repeatable)")
    a = ap.parse_args()
    files = [str(f) for f in corpus_files(a.corpus, a.workdir)]
    if a.mentioning:
        import unicodedata

        words = [unicodedata.normalize("NFC", w).casefold() for w in a.mentioning]
        total = len(files)
        files = [f for f in files if any(w in unicodedata.normalize(
            "NFC", Path(f).read_bytes().decode("utf-8", errors="replace")).casefold() for w in words)]
        print(f"{len(files)} of {total} files mention {', '.join(a.mentioning)}")
    for suffix in ("", "-wal", "-shm"):
        Path(str(a.db) + suffix).unlink(missing_ok=True)
    db = open_db(a.db)
    run = start_run(db, rules_hash())
    slow: list[tuple[float, str]] = []
    crashes = 0

    def progress(o):
        nonlocal crashes
        slow.append((o.seconds, o.path))
        if len(slow) > 4 * a.slowest:
            slow.sort(reverse=True)
            del slow[a.slowest:]
        if o.error_kind == "crash":  # a bug of the extractor: errors.kind = 'crash', its traceback in errors.detail
            crashes += 1

    t0 = time.perf_counter()
    s = ingest(db, str(a.db), files, workers=a.workers, run=run, on_progress=progress)
    dt = time.perf_counter() - t0
    finish_run(db, run, documents=s.documents, skipped=s.skipped, facts=s.facts, errors=len(s.failures))
    conflicts = refresh_conflicts(db)
    steps = finish(db)  # near-duplicate groups, views, WAL checkpoint: as `chitieu ingest` ends
    con = sqlite3.connect(a.db)
    print(f"{len(files)} files, {s.documents} documents, {s.facts} facts, {len(s.failures)} errors "
          f"({crashes} extractor crashes) in {dt:.0f} s = {len(files) / dt:.1f} articles/s with {a.workers} workers")
    print("facts per kind:")
    for kind, n in con.execute("select kind, count(*) from facts group by kind order by 2 desc"):
        print(f"  {kind:<10}{n:>9}")
    assert crashes == con.execute("select count(*) from errors where run = ? and kind = 'crash'", [run]).fetchone()[0]
    if crashes:
        print(f"tracebacks: sqlite3 {a.db} \"select path, detail from errors where kind = 'crash'\"")
    print("errors by reason:")
    reasons = collections.Counter(r.split(";")[0].split("(")[0].strip() for _, r in s.failures)
    for reason, n in reasons.most_common():
        print(f"  {n:>6}  {reason}")
    print("consistency checks:")
    for check, n in con.execute('select "check", count(*) from checks group by 1 order by 2 desc'):
        print(f"  {check:<20}{n:>7}")
    print(f"  (conflicts across articles: {conflicts})")
    dups = con.execute("select count(*) from near_duplicates where group_id != document").fetchone()[0]
    print(f"near-duplicates: {dups} documents grouped with an earlier one "
          f"({steps['near_duplicates']:.1f} s; views and WAL checkpoint {steps['views_and_checkpoint']:.1f} s)")
    import resource

    rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"peak RSS of any one process: {rss / 1024:.0f} MB")
    print("slowest documents:")
    for sec, path in sorted(slow, reverse=True)[: a.slowest]:
        print(f"  {sec * 1000:8.0f} ms  {path}")
    for key in SERIES_KEYS:
        print_series(con, key)


SERIES_KEYS = ("poor_household_rate", "health_insurance_coverage")


def print_series(con: sqlite3.Connection, key: str, top: int = 5) -> None:
    """The largest series of one indicator: an area's achieved levels (no change,
    no target, no share of a plan) over the periods the articles give, one point
    per period (the value most articles report; each article once), longest
    series first. Figures with no area (national, foreign, placeless) or no
    period are no point of a series and are counted apart."""
    rows = con.execute(
        """with v as (
             select area, period, value, document, min(start) as start from facts
             where indicator = ? and change is null and coalesce(target, 0) = 0
             group by area, period, value, document),
           g as (select area, period, value, count(*) as n from v group by area, period, value),
           p as (select area, period, value, n, row_number() over (partition by area, period order by n desc, value) as r,
                        count(*) over (partition by area, period) as k from g)
           select area, period, value, n, k from p where r = 1 and area is not null and period is not null
           order by area, period""", (key,)).fetchall()
    loose = con.execute("select count(*) from facts where indicator = ? and change is null and coalesce(target, 0) = 0 "
                        "and (area is null or period is null)", (key,)).fetchone()[0]
    series: dict[str, list[tuple[str, float, int, int]]] = collections.defaultdict(list)
    for area, period, value, n, k in rows:
        series[area].append((period, value, n, k))
    best = sorted(series.items(), key=lambda kv: (-len(kv[1]), -sum(p[2] for p in kv[1]), kv[0]))[:top]
    print(f"largest series of {key} (area: period = value [articles; other values]); "
          f"{loose} figures without an area or a period are no point of a series:")
    for area, points in best:
        shown = "; ".join(f"{p} = {v:g}" + (f" [{n}]" if n > 1 else "") + (f" [+{k - 1} other]" if k > 1 else "")
                          for p, v, n, k in points)
        print(f"  {area:<16} {shown}")


if __name__ == "__main__":
    main()
