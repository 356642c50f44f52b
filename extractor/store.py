"""The SQLite database (sqlite-utils): documents, sentences (FTS5), facts,
runs and errors.  One transaction per document; a document's id is the sha256
of its bytes and every row key derives from it, so re-ingesting the same bytes
adds nothing."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from . import __version__
from .checks import conflicts
from .textnorm import search_key
from .views import ensure_views

if TYPE_CHECKING:  # the pipeline (and its NLP stack) is not loaded by read-only commands
    from .pipeline import Extraction

FACT_COLUMNS = {
    "id": str, "document": str, "sentence": str, "kind": str, "start": int, "end": int, "text": str,
    "value": float, "numerator": float, "denominator": float, "unit": str, "currency": str,
    "measure": str, "measure_folded": str,
    "indicator": str, "area": str, "period": str, "comparator": str, "change": str, "target": int,
    "value_start": str, "value_end": str, "date_value": str,
    "name": str, "titles": str, "ref": str, "doc_type": str, "date": str, "level": str, "code": str,
    "rule_id": str,
    # where a figure's area sits (areas.attach), for roll-ups by province
    "area_level": str, "area_code": str, "province": str, "province_code": str,
}
AREA_COLUMNS = ("area_level", "area_code", "province", "province_code")

# sentences_fts indexes both: ``text`` for queries typed with diacritics (FTS5's
# remove_diacritics 2 folds tones but not đ), ``text_folded`` (textnorm.search_key:
# no diacritics, đ → d) for "ho ngheo", "dat"
SENTENCE_FTS_COLUMNS = ["text", "text_folded"]


# the schema's version, in ``PRAGMA user_version``: 0 a database made before
# versioning (checked and repaired on open), 2 the schema below (errors.kind and
# errors.detail: the traceback of a crash)
SCHEMA_VERSION = 4  # 3: facts.measure, measure_folded and the area roll-up columns; 4: near-duplicate tables
BUSY_TIMEOUT_MS = 60_000  # how long a writer waits for another one (two ingests at once)

_SQL_TYPES = {str: "TEXT", int: "INTEGER", float: "REAL"}

DOCUMENT_COLUMNS = {"id": str, "path": str, "title": str, "published": str, "author": str, "source": str, "url": str,
                    "layout": str, "text": str, "body_start": int, "body_end": int, "ingested_at": str, "run": int}
SENTENCE_COLUMNS = {"id": str, "document": str, "idx": int, "start": int, "end": int, "text": str, "text_folded": str}
RUN_COLUMNS = {"id": int, "version": str, "rules_hash": str, "started": str, "finished": str,
               "documents": int, "skipped": int, "facts": int, "errors": int}
# kind: read (not an article), crash (a bug: detail holds the traceback), budget
# (over the per-document time budget: detail says where it stopped)
ERROR_COLUMNS = {"id": str, "path": str, "reason": str, "run": int, "at": str, "kind": str, "detail": str}
CHECK_COLUMNS = {"id": int, "document": str, "check": str, "message": str, "facts": str, "expected": float,
                 "stated": float}
FTS_TRIGGERS = {
    "sentences_ai": 'CREATE TRIGGER IF NOT EXISTS "sentences_ai" AFTER INSERT ON "sentences" BEGIN\n'
                    '  INSERT INTO "sentences_fts" (rowid, "text", "text_folded") '
                    'VALUES (new.rowid, new."text", new."text_folded");\nEND',
    "sentences_ad": 'CREATE TRIGGER IF NOT EXISTS "sentences_ad" AFTER DELETE ON "sentences" BEGIN\n'
                    '  INSERT INTO "sentences_fts" ("sentences_fts", rowid, "text", "text_folded") '
                    'VALUES(\'delete\', old.rowid, old."text", old."text_folded");\nEND',
    "sentences_au": 'CREATE TRIGGER IF NOT EXISTS "sentences_au" AFTER UPDATE ON "sentences" BEGIN\n'
                    '  INSERT INTO "sentences_fts" ("sentences_fts", rowid, "text", "text_folded") '
                    'VALUES(\'delete\', old.rowid, old."text", old."text_folded");\n'
                    '  INSERT INTO "sentences_fts" (rowid, "text", "text_folded") '
                    'VALUES (new.rowid, new."text", new."text_folded");\nEND',
}
FTS_SQL = ('CREATE VIRTUAL TABLE IF NOT EXISTS "sentences_fts" USING FTS5 ("text", "text_folded", '
           "tokenize='unicode61 remove_diacritics 2', content=\"sentences\")")


def now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


@contextmanager
def immediate(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A write transaction that takes the write lock at its start (BEGIN
    IMMEDIATE): a second writer waits for it (busy timeout) instead of failing
    with "database is locked" when its deferred read turns into a write.
    Nested: a savepoint."""
    con = db.conn
    if con.in_transaction:
        with db.atomic():
            yield db
        return
    con.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _set_wal(db: sqlite_utils.Database) -> None:
    """WAL mode, also while other processes open the same new file: changing
    the journal mode needs an exclusive lock, and SQLite returns "database is
    locked" at once, without calling the busy handler, when another connection
    holds a shared lock it could not wait out (CI saw it with twelve writers
    opening one new database). Retried with backoff up to the busy timeout."""
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def open_db(path: str | Path) -> sqlite_utils.Database:
    """The database for writing (ingest, merge, eval --db): created, or brought
    up to date and repaired, in one transaction."""
    con = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    db = sqlite_utils.Database(con)
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    _set_wal(db)
    # in WAL mode NORMAL never corrupts the database; a power cut may lose the last
    # documents, which a re-run ingests again (a killed process loses nothing)
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    ensure_schema(db)
    return db


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """A connection that cannot write (serve, show, export, stats, query): it
    never changes the database, works while an ingest writes it, and on a file
    the user cannot write (a WAL database without a -shm the user may create
    is then read as it is on disk)."""
    from urllib.parse import quote

    uri = "file:" + quote(str(Path(path).resolve()))
    con = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        con.execute("select name from sqlite_master").fetchall()
    except sqlite3.OperationalError:
        con.close()
        con = sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)
    return con


def _create_table(name: str, cols: dict, pk: str | tuple, fks=()) -> str:
    refs = {c: (t, tc) for c, t, tc in fks}
    lines = []
    for c, typ in cols.items():
        line = f'   "{c}" {_SQL_TYPES[typ]}'
        if isinstance(pk, str) and c == pk:
            line += " PRIMARY KEY"
        if c in refs:
            line += f' REFERENCES "{refs[c][0]}"("{refs[c][1]}")'
        lines.append(line)
    if not isinstance(pk, str):
        lines.append("   PRIMARY KEY (" + ", ".join(f'"{c}"' for c in pk) + ")")
    return f'CREATE TABLE IF NOT EXISTS "{name}" (\n' + ",\n".join(lines) + "\n)"


def _create_index(table: str, col: str) -> str:
    return f'CREATE INDEX IF NOT EXISTS "idx_{table}_{col}" ON "{table}" ("{col}")'


def schema_statements() -> list[str]:
    """Every table and index of the schema, each ``IF NOT EXISTS``."""
    doc_fk = [("document", "documents", "id")]
    out = [
        _create_table("documents", DOCUMENT_COLUMNS, "id"),
        _create_table("sentences", SENTENCE_COLUMNS, "id", doc_fk), _create_index("sentences", "document"),
        _create_table("facts", FACT_COLUMNS, "id", doc_fk + [("sentence", "sentences", "id")]),
        *[_create_index("facts", c) for c in ("document", "kind", "indicator", "area", "rule_id")],
        _create_table("runs", RUN_COLUMNS, "id"),
        _create_table("errors", ERROR_COLUMNS, "id"), _create_index("errors", "path"),
        _create_table("checks", CHECK_COLUMNS, "id", doc_fk), _create_index("checks", "document"),
    ]
    for table, (cols, pk, indexed) in ENTITY_TABLES.items():
        fks = doc_fk + ([("sentence", "sentences", "id")] if "sentence" in cols else [])
        out.append(_create_table(table, cols, pk, fks))
        out += [_create_index(table, c) for c in indexed]
    return out


def schema_ok(con: sqlite3.Connection) -> bool:
    """The schema is this version's and whole: every table, the full-text
    index with its three triggers, the views."""
    if con.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        return False
    names = {r[0] for r in con.execute("select name from sqlite_master")}
    expected = {"documents", "sentences", "facts", "runs", "errors", "checks", "sentences_fts", *FTS_TRIGGERS,
                "indicator_values", "indicator_series", *ENTITY_TABLES}
    return expected <= names


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create, upgrade or repair the schema, all in one transaction: a kill
    mid-way leaves the database as it was and the next open finishes the
    work; a second writer doing the same waits, then finds it done."""
    if schema_ok(db.conn):
        return
    with immediate(db):
        if schema_ok(db.conn):  # another writer did it while this one waited
            return
        for sql in schema_statements():
            db.execute(sql)
        _add_missing_columns(db)
        _repair_fts(db)
        from .dedup import ensure_tables

        ensure_tables(db)
        ensure_views(db)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def _add_missing_columns(db: sqlite_utils.Database) -> None:
    """Columns added since a database was made (its tables predate them)."""
    tables = [("documents", DOCUMENT_COLUMNS), ("sentences", SENTENCE_COLUMNS), ("facts", FACT_COLUMNS),
              ("runs", RUN_COLUMNS), ("errors", ERROR_COLUMNS), ("checks", CHECK_COLUMNS)]
    tables += [(t, c) for t, (c, _, _) in ENTITY_TABLES.items()]
    for table, cols in tables:
        have = {r[1] for r in db.execute(f'PRAGMA table_info("{table}")')}
        for c, typ in cols.items():
            if c in have:
                continue
            db.execute(f'ALTER TABLE "{table}" ADD COLUMN "{c}" {_SQL_TYPES[typ]}')
            if table == "sentences" and c == "text_folded":
                rows = db.execute("select id, text from sentences").fetchall()
                db.conn.executemany("update sentences set text_folded = ? where id = ?",
                                    [(search_key(text), sid) for sid, text in rows])


def _repair_fts(db: sqlite_utils.Database) -> None:
    """The full-text index of the sentences, over both columns, with its three
    triggers; rebuilt from the sentences whenever it was missing, of an older
    shape or without a trigger (sentences written meanwhile were not indexed)."""
    names = {r[0] for r in db.execute("select name from sqlite_master")}
    fts_cols = [r[1] for r in db.execute('PRAGMA table_info("sentences_fts")')] if "sentences_fts" in names else []
    if fts_cols == SENTENCE_FTS_COLUMNS and set(FTS_TRIGGERS) <= names:
        return
    for trig in FTS_TRIGGERS:
        db.execute(f'DROP TRIGGER IF EXISTS "{trig}"')
    if fts_cols != SENTENCE_FTS_COLUMNS:
        db.execute('DROP TABLE IF EXISTS "sentences_fts"')
    db.execute(FTS_SQL)
    for sql in FTS_TRIGGERS.values():
        db.execute(sql)
    db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')")


# Entity tables: one row per person, cited document and area of a document
# (keys derive from the document id, so re-ingesting replaces them), and one
# row per mention of a person. Written in write_document's transaction.
ENTITY_TABLES = {
    "persons": ({"document": str, "name": str, "titles": str, "start": int, "end": int, "sentence": str},
                ("document", "name"), ("name",)),
    "person_mentions": ({"document": str, "name": str, "start": int, "end": int, "sentence": str},
                        ("document", "start"), ("name",)),
    "cited_documents": ({"document": str, "ref": str, "doc_type": str, "date": str, "start": int, "end": int,
                         "sentence": str}, ("document", "ref"), ("ref",)),
    "areas": ({"document": str, "name": str, "level": str, "code": str, "parent_code": str, "mentions": int,
               "start": int, "end": int}, ("document", "name", "level"), ("code", "name")),
}


def entity_rows(doc_id: str, ex: Extraction, sent_ids: dict[int, str]) -> dict[str, list[dict]]:
    """The rows of the entity tables for one extracted document."""
    out: dict[str, list[dict]] = {t: [] for t in ENTITY_TABLES}
    for f in ex.facts:
        sid = sent_ids.get(f["sentence_start"]) if f.get("sentence_start") is not None else None
        if f["kind"] == "person":
            out["persons"].append({"document": doc_id, "name": f["name"], "start": f["start"], "end": f["end"],
                                   "titles": json.dumps(f.get("titles") or [], ensure_ascii=False), "sentence": sid})
        elif f["kind"] == "document":
            out["cited_documents"].append({"document": doc_id, "ref": f["ref"], "doc_type": f.get("doc_type"),
                                           "date": f.get("date"), "start": f["start"], "end": f["end"], "sentence": sid})
    for m in getattr(ex, "person_mentions", []):
        out["person_mentions"].append({"document": doc_id, "name": m["name"], "start": m["start"], "end": m["end"],
                                       "sentence": sent_ids.get(m.get("sentence_start"))})
    for a in getattr(ex, "areas", []):
        out["areas"].append({"document": doc_id, **{k: a.get(k) for k in
                             ("name", "level", "code", "parent_code", "mentions", "start", "end")}})
    return out


def delete_entities(db: sqlite_utils.Database, doc_id: str) -> None:
    for table in ENTITY_TABLES:
        db.execute(f"delete from {table} where document = ?", [doc_id])


def insert_entities(db: sqlite_utils.Database, rows: dict[str, list[dict]]) -> None:
    for table, rs in rows.items():
        if rs:
            db[table].insert_all(rs, alter=False)


def add_folded_sentences(db: sqlite_utils.Database) -> None:
    """Bring a database made before ``sentences.text_folded`` up to date: add
    and fill the column, and rebuild ``sentences_fts`` over both columns."""
    db["sentences"].disable_fts()
    with db.atomic():
        db["sentences"].add_column("text_folded", str)
        rows = db.execute("select id, text from sentences").fetchall()
        db.conn.executemany("update sentences set text_folded = ? where id = ?",
                            [(search_key(text), sid) for sid, text in rows])
    db["sentences"].enable_fts(SENTENCE_FTS_COLUMNS, tokenize="unicode61 remove_diacritics 2", create_triggers=True)


def delete_document(db: sqlite_utils.Database, doc_id: str) -> None:
    """Remove a document and every row derived from it (children first)."""
    db.execute("delete from facts where document = ?", [doc_id])
    delete_entities(db, doc_id)
    db.execute("delete from checks where document = ?", [doc_id])
    db.execute("delete from sentences where document = ?", [doc_id])
    from .dedup import delete

    delete(db, doc_id)
    db.execute("delete from documents where id = ?", [doc_id])


def earlier_versions(db: sqlite_utils.Database, doc_id: str, path: str) -> list[str]:
    """Documents ingested earlier from the same path with other bytes: an
    edited article re-ingested replaces its earlier version (one article, one
    voice)."""
    return [r[0] for r in db.execute("select id from documents where path = ? and id != ?", [path, doc_id])]


def has_document(db: sqlite_utils.Database, doc_id: str) -> bool:
    return bool(db.execute("select 1 from documents where id = ?", [doc_id]).fetchone())


def fact_row(doc_id: str, f: dict) -> dict:
    row = {k: f.get(k) for k in FACT_COLUMNS if k in f and k not in ("sentence",)}
    if f["kind"] == "date":
        row.pop("value", None)
        row["date_value"] = f.get("value")
    if "titles" in f:
        row["titles"] = json.dumps(f["titles"], ensure_ascii=False)
    if f.get("measure"):
        row["measure_folded"] = search_key(f["measure"])  # "ty le ho ngheo" finds "tỷ lệ hộ nghèo"
    if "target" in f and f["target"] is not None:
        row["target"] = int(f["target"])
    key = json.dumps([doc_id, f["kind"], f["start"], f["end"], f.get("rule_id")], ensure_ascii=False)
    row["id"] = hashlib.sha256(key.encode()).hexdigest()[:32]
    row["document"] = doc_id
    if f.get("sentence_start") is not None:
        row["sentence"] = None  # filled by write_document
    return row


def write_document(db: sqlite_utils.Database, doc_id: str, path: str, ex: Extraction, run: int | None,
                   url: str | None = None, signature: bytes | None = None) -> int:
    """Write one extracted document in one transaction; returns facts written."""
    body = ex.body_span
    sent_ids = {}
    sent_rows = []
    keys = ex.search_keys or [search_key(ex.text[s.start : s.end]) for s in ex.sentences]
    for s, key in zip(ex.sentences, keys):
        sid = f"{doc_id[:32]}:{s.index}"
        sent_ids[s.start] = sid
        sent_rows.append({"id": sid, "document": doc_id, "idx": s.index, "start": s.start, "end": s.end,
                          "text": ex.text[s.start : s.end], "text_folded": key})
    rows = []
    for f in ex.facts:
        row = fact_row(doc_id, f)
        if f.get("sentence_start") is not None:
            row["sentence"] = sent_ids.get(f["sentence_start"])
        rows.append(row)
    m = ex.meta
    with immediate(db):
        for old in earlier_versions(db, doc_id, path):
            delete_document(db, old)
        db["documents"].insert(
            {"id": doc_id, "path": path, "title": m.title, "published": m.published, "author": m.author,
             "source": m.source, "url": url, "layout": ex.article.layout, "text": ex.text,
             "body_start": body[0], "body_end": body[1], "ingested_at": now(), "run": run},
            replace=True,
        )
        db.execute("delete from facts where document = ?", [doc_id])
        delete_entities(db, doc_id)
        db.execute("delete from sentences where document = ?", [doc_id])
        if sent_rows:
            db["sentences"].insert_all(sent_rows)
        if rows:
            db["facts"].insert_all(rows, alter=False)
        insert_entities(db, entity_rows(doc_id, ex, sent_ids))
        db.execute("delete from checks where document = ?", [doc_id])
        if ex.checks:
            db["checks"].insert_all([c.as_row(doc_id) for c in ex.checks])
        if signature is not None:  # near-duplicate signature and bands (extractor.dedup); else refresh() signs
            from .dedup import delete, rows as dedup_rows

            delete(db, doc_id)
            nd, bands = dedup_rows(doc_id, signature)
            db["near_duplicates"].insert(nd)
            db["near_duplicate_bands"].insert_all(bands)
    return len(rows)


def refresh_conflicts(db: sqlite_utils.Database) -> int:
    """Recompute the cross-document ``conflict`` checks; returns how many."""
    rows = conflicts(db)
    with immediate(db):
        db.execute("delete from checks where \"check\" = 'conflict'")
        if rows:
            db["checks"].insert_all(rows)
    return len(rows)


def error_id(path: str) -> str:
    return hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def record_error(db: sqlite_utils.Database, path: str, reason: str, run: int | None, kind: str | None = None,
                 detail: str | None = None) -> None:
    """One row per file: its latest failure (a re-run replaces it)."""
    with immediate(db):
        db.execute("delete from errors where path = ?", [path])
        db["errors"].insert({"id": error_id(path), "path": path, "reason": reason, "run": run, "at": now(),
                             "kind": kind, "detail": detail}, replace=True)


def clear_error(db: sqlite_utils.Database, path: str) -> None:
    """A file that now succeeds has no error any more."""
    if db.execute("select 1 from errors where path = ?", [path]).fetchone():
        with immediate(db):
            db.execute("delete from errors where path = ?", [path])


def start_run(db: sqlite_utils.Database, rules_hash: str) -> int:
    with immediate(db):
        pk = db["runs"].insert({"version": __version__, "rules_hash": rules_hash, "started": now()}).last_pk
    assert pk is not None  # a rowid table: insert() sets it
    return pk


def finish_run(db: sqlite_utils.Database, run: int, **counts) -> None:
    with immediate(db):
        db["runs"].update(run, {"finished": now(), **counts})
