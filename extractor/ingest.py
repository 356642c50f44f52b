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
    skipped: bool = False
    signature: bytes | None = None  # MinHash of the article's folded sentences (dedup.sign)
    seconds: float = 0.0  # time spent reading and extracting this file


_known: sqlite3.Connection | None = None


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


def _init_worker(db_path: str | None, in_pool: bool = False) -> None:
    """Each worker opens the database read-only once, to skip known documents."""
    global _known
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


def crash_reason(exc: Exception) -> str:
    msg = (str(exc).splitlines() or [""])[0][:160]
    return f"the extractor failed ({exc.__class__.__name__}: {msg}); a bug: report it with this file"


def _process(path: str) -> Outcome:
    from .pipeline import extract_text
    from .reader import ReadError, read_document
    from .textnorm import search_key

    try:
        src = read_document(path)
        if _is_known(src.sha256):
            return Outcome(path, sha256=src.sha256, skipped=True)
        meta = file_meta(src, path)
    except ReadError as exc:
        return Outcome(path, error=exc.reason)
    try:
        ex = extract_text(src.text, sidecar=meta, doc=path)
        ex.search_keys = [search_key(ex.text[s.start : s.end]) for s in ex.sentences]
    except Exception as exc:  # a crash on one document must not stop the batch
        return Outcome(path, sha256=src.sha256, error=crash_reason(exc))
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


def _stream(paths: Iterable[str], workers: int, db_path: str | None) -> Iterator[Outcome]:
    if workers <= 1:
        _init_worker(db_path)
        for p in paths:
            yield process_file(p)
        return
    warm_up()
    window = workers * 4
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(db_path, True)) as pool:
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


def ingest(db, db_path: str, paths: Iterable[str], workers: int = 1, run: int | None = None,
           on_progress: Callable[[Outcome], None] | None = None) -> Summary:
    """Extract ``paths`` (an iterable, consumed lazily) into the open database."""
    from .store import has_document, record_error, write_document

    s = Summary(failures=[])
    for o in _stream((str(p) for p in paths), workers, db_path):
        if o.error:
            s.failures.append((o.path, o.error))
            record_error(db, o.path, o.error, run)
        elif o.skipped or has_document(db, o.sha256 or ""):
            s.skipped += 1
        else:
            assert o.sha256 is not None and o.extraction is not None  # a read, extracted document
            s.facts += write_document(db, o.sha256, o.path, o.extraction, run, url=o.url, signature=o.signature)
            s.documents += 1
        if on_progress:
            on_progress(o)
    return s


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


def write_shard(paths: list[str], shard: str | Path) -> str:
    """Extract ``paths`` into a new SQLite shard, renamed into place only when
    complete (a killed partition leaves no half shard under the final name)."""
    from .rules import rules_hash
    from .store import finish_run, open_db, start_run

    shard = Path(shard)
    tmp = shard.with_name(shard.name + f".partial-{os.getpid()}")
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    db = open_db(tmp)
    run = start_run(db, rules_hash())
    s = ingest(db, str(tmp), paths, workers=1, run=run)
    finish_run(db, run, documents=s.documents, skipped=s.skipped, facts=s.facts, errors=len(s.failures))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    os.replace(tmp, shard)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    return str(shard)


def _columns(con: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"pragma {schema}.table_info([{table}])")]


def merge(db, shards: Iterable[str | Path]) -> dict[str, int]:
    """Merge shards into the open database, one transaction per document;
    documents already present are left alone, so merging twice adds nothing."""
    merged = skipped = 0
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
            ids = [r[0] for r in con.execute("select id from shard.documents")]
            for doc_id in ids:
                if con.execute("select 1 from main.documents where id = ?", [doc_id]).fetchone():
                    skipped += 1
                    continue
                with db.atomic():
                    from .store import delete_document, earlier_versions

                    path = con.execute("select path from shard.documents where id = ?", [doc_id]).fetchone()[0]
                    for earlier in earlier_versions(db, doc_id, path):
                        delete_document(db, earlier)
                    cols = [c for c in _columns(con, "shard", "documents") if c in _columns(con, "main", "documents") and c != "run"]
                    cl = ", ".join(f"[{c}]" for c in cols)
                    con.execute(f"insert into main.documents ({cl}) select {cl} from shard.documents where id = ?", [doc_id])
                    # parents first: sentences before facts (foreign keys)
                    for t in sorted(by_doc, key=lambda t: (t != "sentences", t)):
                        main_cols = _columns(con, "main", t)
                        cols = [c for c in _columns(con, "shard", t) if c in main_cols and not (t == "checks" and c == "id")]
                        cl = ", ".join(f"[{c}]" for c in cols)
                        con.execute(f"insert or ignore into main.[{t}] ({cl}) select {cl} from shard.[{t}] where document = ?", [doc_id])
                merged += 1
            if "errors" in tables:
                with db.atomic():
                    con.execute("insert or ignore into main.errors (id, path, reason, at) select id, path, reason, at from shard.errors")
        finally:
            con.execute("detach database shard")
    return {"merged": merged, "skipped": skipped}


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
                partitions: int | None = None, client=None) -> list[str]:
    """Map ``write_shard`` over partitions of ``paths`` on a Dask cluster
    (``scheduler`` address, or an existing ``client``); returns the shard files.
    Needs the optional extra ``chitieu[dask]``."""
    try:
        from distributed import Client
    except ImportError:
        raise ValueError("Dask is not installed; install it with `pip install 'chitieu[dask]'`") from None
    shard_dir = Path(shard_dir)
    shard_dir.mkdir(parents=True, exist_ok=True)
    own = client is None
    if own:
        client = Client(scheduler) if scheduler else Client(processes=False)
    try:
        n = partitions or max(1, sum(client.nthreads().values()) * 2)
        parts = chunks([str(p) for p in paths], n)
        targets = [str(shard_dir / shard_name(p)) for p in parts]
        futures = client.map(write_shard, parts, targets, pure=False)
        return client.gather(futures)
    finally:
        if own:
            client.close()
