"""The SQLite database (sqlite-utils): documents, sentences (FTS5), facts,
runs and errors.  One transaction per document; a document's id is the sha256
of its bytes and every row key derives from it, so re-ingesting the same bytes
adds nothing."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
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


def now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def open_db(path: str | Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    # in WAL mode NORMAL never corrupts the database; a power cut may lose the last
    # documents, which a re-run ingests again (a killed process loses nothing)
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    ensure_schema(db)
    ensure_views(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    if "documents" not in db.table_names():
        db["documents"].create(
            {"id": str, "path": str, "title": str, "published": str, "author": str, "source": str, "url": str,
             "layout": str, "text": str, "body_start": int, "body_end": int, "ingested_at": str, "run": int},
            pk="id",
        )
    if "sentences" not in db.table_names():
        db["sentences"].create(
            {"id": str, "document": str, "idx": int, "start": int, "end": int, "text": str, "text_folded": str},
            pk="id", foreign_keys=[("document", "documents", "id")],
        )
        db["sentences"].create_index(["document"])
        db["sentences"].enable_fts(SENTENCE_FTS_COLUMNS, tokenize="unicode61 remove_diacritics 2", create_triggers=True)
    elif "text_folded" not in db["sentences"].columns_dict:
        add_folded_sentences(db)
    if "facts" not in db.table_names():
        db["facts"].create(
            FACT_COLUMNS, pk="id",
            foreign_keys=[("document", "documents", "id"), ("sentence", "sentences", "id")],
        )
        for col in ("document", "kind", "indicator", "area", "rule_id"):
            db["facts"].create_index([col])
    for col in ("measure", "measure_folded"):  # databases made before facts had a measure
        if col not in db["facts"].columns_dict:
            db["facts"].add_column(col, str)
    for col in AREA_COLUMNS:  # databases made before facts had their area's level, code and province
        if col not in db["facts"].columns_dict:
            db["facts"].add_column(col, str)
    if "runs" not in db.table_names():
        db["runs"].create(
            {"id": int, "version": str, "rules_hash": str, "started": str, "finished": str,
             "documents": int, "skipped": int, "facts": int, "errors": int},
            pk="id",
        )
    if "errors" not in db.table_names():
        db["errors"].create({"id": str, "path": str, "reason": str, "run": int, "at": str}, pk="id")
    if "checks" not in db.table_names():
        db["checks"].create(
            {"id": int, "document": str, "check": str, "message": str, "facts": str, "expected": float, "stated": float},
            pk="id", foreign_keys=[("document", "documents", "id")],
        )
        db["checks"].create_index(["document"])
    ensure_entity_schema(db)
    from .dedup import ensure_tables

    ensure_tables(db)


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


def ensure_entity_schema(db: sqlite_utils.Database) -> None:
    for table, (cols, pk, indexed) in ENTITY_TABLES.items():
        if table in db.table_names():
            continue
        fks = [("document", "documents", "id")] + ([("sentence", "sentences", "id")] if "sentence" in cols else [])
        db[table].create(cols, pk=pk, foreign_keys=fks)
        for col in indexed:
            db[table].create_index([col])


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
    with db.atomic():
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
    with db.atomic():
        db.execute("delete from checks where \"check\" = 'conflict'")
        if rows:
            db["checks"].insert_all(rows)
    return len(rows)


def record_error(db: sqlite_utils.Database, path: str, reason: str, run: int | None) -> None:
    key = hashlib.sha256(f"{path}\0{reason}".encode()).hexdigest()[:32]
    with db.atomic():
        db["errors"].insert({"id": key, "path": path, "reason": reason, "run": run, "at": now()}, replace=True)


def start_run(db: sqlite_utils.Database, rules_hash: str) -> int:
    with db.atomic():
        pk = db["runs"].insert({"version": __version__, "rules_hash": rules_hash, "started": now()}).last_pk
    assert pk is not None  # a rowid table: insert() sets it
    return pk


def finish_run(db: sqlite_utils.Database, run: int, **counts) -> None:
    with db.atomic():
        db["runs"].update(run, {"finished": now(), **counts})
