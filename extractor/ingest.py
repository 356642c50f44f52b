"""Batch ingestion: worker processes extract, one writer commits.

- ``process_file`` is the per-document function (read → extract), the same for
  every engine: in-process, a local process pool (``--workers N``) or Dask.
- ``ingest`` streams paths through a bounded window of pending work, so memory
  stays flat whatever the number of files; each document is written in its own
  transaction; a file already in the database (same sha256) is not extracted
  again; a broken file is recorded in ``errors`` and the batch goes on.
- ``write_shard`` / ``merge`` are the distributed path: each partition writes a
  SQLite shard (renamed into place only when complete) and shards merge
  idempotently, document by document.
"""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from .pipeline import Extraction


@dataclass
class Outcome:
    path: str
    sha256: str | None = None
    extraction: Extraction | None = None
    url: str | None = None
    error: str | None = None
    # what went wrong: "read" (a file that is no article), "crash" (a bug in the
    # extractor), "budget" (over the per-document time budget)
    error_kind: str | None = None
    detail: str | None = None  # the full traceback of a crash or an overrun
    skipped: bool = False
    signature: bytes | None = None  # MinHash of the article's folded sentences (dedup.sign)
    seconds: float = 0.0  # time spent reading and extracting this file


_known: sqlite3.Connection | None = None
_budget: float | None = None  # seconds per document (budget.time_budget); None: no limit


def _die_with_parent() -> None:
    """A worker must not outlive the ingest that started it: a killed ingest
    (kill -9, OOM) would otherwise leave its workers waiting forever on a queue
    nobody writes to. Linux: the kernel kills the worker when its parent dies
    (prctl PR_SET_PDEATHSIG); everywhere: a watchdog thread exits when the
    worker is re-parented."""
    import signal
    import threading
    import time

    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="chitieu-parent-watch").start()


def _init_worker(db_path: str | None, in_pool: bool = False, budget: float | None = None) -> None:
    """Each worker opens the database read-only once, to skip known documents."""
    global _known, _budget
    _budget = budget
    _known = None  # never the database of an earlier run in this process
    if in_pool:
        _die_with_parent()
    if db_path and Path(db_path).exists():
        try:
            _known = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error:
            _known = None


def _is_known(sha: str) -> bool:
    if _known is None:
        return False
    try:
        return _known.execute("select 1 from documents where id = ?", [sha]).fetchone() is not None
    except sqlite3.Error:
        return False


def process_file(path: str) -> Outcome:
    """Read and extract one file; never raises for a bad file."""
    import time

    t0 = time.perf_counter()
    o = _process(path)
    o.seconds = time.perf_counter() - t0
    return o


def file_meta(src, path: str) -> dict:
    """The file's own metadata (an HTML page's title, date, author, site, url)
    merged under its ``.meta.json`` sidecar, which wins.  A broken sidecar is a
    ReadError of the article, so a batch records it and goes on."""
    from .meta import read_sidecar
    from .reader import ReadError

    try:
        sidecar = read_sidecar(path)
    except ValueError as exc:
        raise ReadError(path, f"sidecar {exc}") from None
    return {**(getattr(src, "meta", None) or {}), **sidecar}


CRASH = "the extractor crashed"  # every crash reason starts so (benchmarks/corpus_run.py counts them)


def crash_reason(exc: BaseException) -> str:
    """The one-line reason of a crash; the full traceback goes to ``errors.detail``."""
    msg = (str(exc).splitlines() or [""])[0][:160]
    return f"{CRASH} ({exc.__class__.__name__}: {msg}); a bug: report it with this file (traceback in errors.detail)"


def budget_reason(seconds: float) -> str:
    return (f"over the time budget ({seconds:g} s per document): extraction stopped; a pattern that is slow on "
            f"this text, report it with this file (where it stopped: errors.detail), or raise --budget")


def _process(path: str) -> Outcome:
    import traceback

    from .budget import BudgetExceeded, time_budget
    from .pipeline import extract_text
    from .reader import ReadError, read_document
    from .textnorm import search_key

    try:
        src = read_document(path)
        if _is_known(src.sha256):
            return Outcome(path, sha256=src.sha256, skipped=True)
        meta = file_meta(src, path)
    except ReadError as exc:
        return Outcome(path, error=exc.reason, error_kind="read")
    try:
        try:
            with time_budget(_budget):
                ex = extract_text(src.text, sidecar=meta, doc=path)
                ex.search_keys = [search_key(ex.text[s.start : s.end]) for s in ex.sentences]
        except BudgetExceeded:
            return Outcome(path, sha256=src.sha256, error=budget_reason(_budget or 0), error_kind="budget",
                           detail=traceback.format_exc())
    except BudgetExceeded:  # the budget ran out between the end of the extraction and the timer's cancel
        return Outcome(path, sha256=src.sha256, error=budget_reason(_budget or 0), error_kind="budget")
    except Exception as exc:  # a crash on one document must not stop the batch
        return Outcome(path, sha256=src.sha256, error=crash_reason(exc), error_kind="crash",
                       detail=traceback.format_exc())
    from .dedup import sign

    return Outcome(path, sha256=src.sha256, extraction=ex, url=meta.get("url"),
                   signature=sign(" ".join(ex.search_keys)))


def warm_up() -> None:
    """Load the models, rules and gazetteer once in this process, so that
    forked workers inherit them instead of loading them each."""
    from .pipeline import extract_text
    from .tokens import words

    extract_text("Tiêu đề\n\nSáng 2/8/2023, huyện Quốc Oai có 45 hộ nghèo, chiếm 0,084%; "
                 "Phó Chủ tịch UBND tỉnh Nguyễn Văn An nói, theo Quyết định số 12/QĐ-UBND.\n")
    words("người lao động")  # the word segmenter's model
    # what is loaded now lives as long as the process: move it out of the
    # collector's reach, so that a full collection (triggered by a long
    # document's many objects) does not walk the models and the gazetteer
    # again and again; forked workers inherit it frozen (the use gc.freeze is for)
    gc.freeze()


def _stream(paths: Iterable[str], workers: int, db_path: str | None,
            budget: float | None = None) -> Iterator[Outcome]:
    if workers <= 1:
        _init_worker(db_path, budget=budget)
        for p in paths:
            yield process_file(p)
        return
    warm_up()
    window = workers * 4
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(db_path, True, budget)) as pool:
        pending: set[Future] = set()
        it = iter(paths)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < window:
                try:
                    pending.add(pool.submit(process_file, next(it)))
                except StopIteration:
                    exhausted = True
            if not pending:
                break
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()


@dataclass
class Summary:
    documents: int = 0
    skipped: int = 0
    facts: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    crashes: int = 0  # failures that are bugs of the extractor (errors.kind = 'crash')


def ingest(db, db_path: str, paths: Iterable[str], workers: int = 1, run: int | None = None,
           on_progress: Callable[[Outcome], None] | None = None, budget: float | None = None) -> Summary:
    """Extract ``paths`` (an iterable, consumed lazily) into the open database;
    ``budget``: seconds per document (an overrun is an error row)."""
    from .reader import shown
    from .store import clear_error, has_document, record_error, write_document

    s = Summary(failures=[])
    for o in _stream((str(p) for p in paths), workers, db_path, budget):
        name = shown(o.path)  # the row and the line: no undecodable bytes, no escape sequences
        if o.error:
            s.failures.append((name, o.error))
            record_error(db, name, o.error, run, kind=o.error_kind, detail=o.detail)
            if o.error_kind == "crash":
                s.crashes += 1
        elif o.skipped or has_document(db, o.sha256 or ""):
            s.skipped += 1
            clear_error(db, name)
        else:
            assert o.sha256 is not None and o.extraction is not None  # a read, extracted document
            s.facts += write_document(db, o.sha256, name, o.extraction, run, url=o.url, signature=o.signature)
            clear_error(db, name)
            s.documents += 1
        if on_progress:
            on_progress(o)
    return s


_WARM_LOCK = __import__("threading").Lock()
_warmed = False


def warm_once() -> None:
    """Load the models once per process before any document is extracted, under
    a lock: a Dask worker runs partitions as threads, and underthesea publishes
    its module-level tagger before its model is loaded, so a second thread
    could find it half-made (``'NoneType' object has no attribute 'process'``)."""
    global _warmed
    with _WARM_LOCK:
        if not _warmed:
            from .tokens import tagged

            warm_up()
            tagged("người lao động")  # the POS tagger's model too
            _warmed = True


def finish(db) -> dict[str, float]:
    """What every ingest and merge ends with: near-duplicate groups
    (:mod:`extractor.dedup`), the views for the database's columns, and a WAL
    checkpoint, so the main file holds everything (a copied ``chitieu.db`` is
    complete without its ``-wal``). Returns seconds per step."""
    import time

    from .dedup import refresh
    from .views import ensure_views

    t0 = time.perf_counter()
    refresh(db)
    t1 = time.perf_counter()
    ensure_views(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"near_duplicates": t1 - t0, "views_and_checkpoint": time.perf_counter() - t1}


PARTIAL = ".partial-"


def write_shard(paths: list[str], shard: str | Path, budget: float | None = None) -> str:
    """Extract ``paths`` into a new SQLite shard, renamed into place only when
    complete (a killed partition leaves no half shard under the final name, and
    a failed one removes its partial file)."""
    import uuid

    from .rules import rules_hash
    from .store import finish_run, open_db, start_run

    warm_once()
    shard = Path(shard)
    tmp = shard.with_name(f"{shard.name}{PARTIAL}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        db = open_db(tmp)
        run = start_run(db, rules_hash())
        # no read-only side connection (db_path ""): partitions running as threads
        # of one worker would share it; the writer's own check finds duplicates
        s = ingest(db, "", paths, workers=1, run=run, budget=budget)
        finish_run(db, run, documents=s.documents, skipped=s.skipped, facts=s.facts, errors=len(s.failures))
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.conn.close()
        os.replace(tmp, shard)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
    return str(shard)


def remove_partials(shard_dir: str | Path) -> int:
    """Remove what killed partitions left in the shard folder (``shard-*.db.partial-*``
    and their -wal/-shm); returns how many files."""
    n = 0
    for p in Path(shard_dir).glob(f"shard-*.db{PARTIAL}*"):
        p.unlink(missing_ok=True)
        n += 1
    return n


def _columns(con: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"pragma {schema}.table_info([{table}])")]


def merge(db, shards: Iterable[str | Path], run: int | None = None) -> dict:
    """Merge shards into the open database, one transaction per document;
    documents already present are left alone, so merging twice adds nothing.
    Returns the counts of this merge, which add up to the files of the shards:
    ``merged`` + ``skipped`` (already in the database, or twice in the input)
    + ``len(failures)``; ``facts`` merged. A file merged or skipped loses its
    error row of an earlier run; a shard's failures replace that file's row."""
    from .store import immediate

    merged = skipped = facts = 0
    failures: list[tuple[str, str]] = []
    con = db.conn
    for shard in shards:
        if not Path(shard).is_file():
            raise ValueError(f"{shard}: no such shard; pass the .db files written by the distributed ingest")
        con.execute("attach database ? as shard", [str(shard)])
        try:
            tables = [r[0] for r in con.execute("select name from shard.sqlite_master where type = 'table'")
                      if not r[0].startswith(("sentences_fts", "sqlite_"))]
            by_doc = [t for t in tables if t != "documents" and "document" in _columns(con, "shard", t)
                      and t in db.table_names()]
            if "runs" in tables:  # files the partition found twice (the same bytes)
                skipped += sum(r[0] or 0 for r in con.execute("select skipped from shard.runs"))
            for doc_id, path in con.execute("select id, path from shard.documents").fetchall():
                if con.execute("select 1 from main.documents where id = ?", [doc_id]).fetchone():
                    skipped += 1
                    with immediate(db):
                        con.execute("delete from main.errors where path = ?", [path])
                    continue
                with immediate(db):
                    from .store import delete_document, earlier_versions

                    path = con.execute("select path from shard.documents where id = ?", [doc_id]).fetchone()[0]
                    for earlier in earlier_versions(db, doc_id, path):
                        delete_document(db, earlier)
                    cols = [c for c in _columns(con, "shard", "documents") if c in _columns(con, "main", "documents") and c != "run"]
                    cl = ", ".join(f"[{c}]" for c in cols)
                    con.execute(f"insert into main.documents ({cl}, run) select {cl}, ? from shard.documents where id = ?",
                                [run, doc_id])
                    # parents first: sentences before facts (foreign keys)
                    for t in sorted(by_doc, key=lambda t: (t != "sentences", t)):
                        main_cols = _columns(con, "main", t)
                        cols = [c for c in _columns(con, "shard", t) if c in main_cols and not (t == "checks" and c == "id")]
                        cl = ", ".join(f"[{c}]" for c in cols)
                        con.execute(f"insert or ignore into main.[{t}] ({cl}) select {cl} from shard.[{t}] where document = ?", [doc_id])
                    facts += con.execute("select count(*) from shard.facts where document = ?", [doc_id]).fetchone()[0]
                    con.execute("delete from main.errors where path = ?", [path])
                merged += 1
            if "errors" in tables:
                shard_cols = set(_columns(con, "shard", "errors"))
                rows = con.execute("select path, reason, at, " + ", ".join(
                    c if c in shard_cols else "null" for c in ("kind", "detail")) + " from shard.errors").fetchall()
                from .store import error_id

                with immediate(db):
                    for path, reason, at, kind, detail in rows:
                        con.execute("delete from main.errors where path = ?", [path])
                        con.execute("insert into main.errors (id, path, reason, run, at, kind, detail) "
                                    "values (?, ?, ?, ?, ?, ?, ?)", [error_id(path), path, reason, run, at, kind, detail])
                        failures.append((path, reason))
        finally:
            con.execute("detach database shard")
    return {"merged": merged, "skipped": skipped, "facts": facts, "failures": failures}


def chunks(paths: list[str], n: int) -> list[list[str]]:
    """``paths`` cut into at most ``n`` contiguous partitions of near-equal size."""
    n = max(1, min(n, len(paths)))
    size, extra = divmod(len(paths), n)
    out, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        out.append(paths[start:end])
        start = end
    return [c for c in out if c]


def shard_name(paths: list[str]) -> str:
    """A shard's file name from its partition's content, so a re-run rewrites the
    same shard instead of adding another."""
    import hashlib

    return "shard-" + hashlib.sha256("\n".join(paths).encode()).hexdigest()[:16] + ".db"


def ingest_dask(paths: list[str], shard_dir: str | Path, scheduler: str | None = None,
                partitions: int | None = None, client=None, budget: float | None = None,
                on_progress: Callable[[str], None] | None = None) -> list[str]:
    """Map ``write_shard`` over partitions of ``paths`` on a Dask cluster
    (``scheduler`` address, or an existing ``client``); returns the shard files.
    ``on_progress(shard)`` hears of each finished partition. Needs the optional
    extra ``chitieu[dask]``."""
    import logging

    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ValueError("Dask is not installed; install it with `pip install 'chitieu[dask]'`") from None
    for name in ("distributed", "dask", "tornado", "bokeh"):  # its INFO lines would bury the progress
        logging.getLogger(name).setLevel(logging.WARNING)
    shard_dir = Path(shard_dir)
    shard_dir.mkdir(parents=True, exist_ok=True)
    remove_partials(shard_dir)
    own = client is None
    if own:
        client = (Client(scheduler) if scheduler
                  else Client(processes=False, dashboard_address=None, silence_logs=logging.WARNING))
    try:
        n = partitions or max(1, sum(client.nthreads().values()) * 2)
        parts = chunks([str(p) for p in paths], n)
        targets = [str(shard_dir / shard_name(p)) for p in parts]
        futures = client.map(write_shard, parts, targets, [budget] * len(parts), pure=False)
        for fut in as_completed(futures):
            shard = fut.result()
            if on_progress:
                on_progress(shard)
        return [f.result() for f in futures]
    finally:
        if own:
            client.close()
