"""``chitieu export``: the facts as CSV, JSON Lines or Parquet, for
spreadsheets and pandas.

One row per fact, every column of the ``facts`` table (fixed order, so a
pipeline can rely on it) plus the document's title, path, publication time
and url and the sentence the fact came from:

- ``jsonl``: one JSON object a line, nulls kept, ``titles`` a list, ``target``
  true/false (``pandas.read_json(path, lines=True)``);
- ``csv``: UTF-8 with a BOM, so Excel shows Vietnamese correctly (pandas and
  LibreOffice skip the BOM); ``titles`` joined with "; ", ``target`` true/false,
  empty cells for null;
- ``parquet``: typed columns (``titles`` a list of strings) through pyarrow,
  an optional extra: ``pip install -e '.[parquet]'``;
- ``spacy``: a spaCy ``DocBin`` of the documents with their facts as
  ``doc.spans["chitieu"]`` (training spans; see :mod:`spacy_component`).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from typing import IO
from collections.abc import Iterator

from .store import FACT_COLUMNS

FORMATS = ("csv", "jsonl", "parquet", "spacy")
KINDS = ("quantity", "percent", "ratio", "money", "date", "period", "person", "document", "area")
DOC_COLUMNS = ("document_title", "document_path", "published", "url", "sentence_text")
COLUMNS = tuple(FACT_COLUMNS) + DOC_COLUMNS
PARQUET_MISSING = ("parquet needs pyarrow, which is not installed; install the extra: "
                   "pip install -e '.[parquet]' in the chitieu checkout (or pip install pyarrow)")


def rows(conn: sqlite3.Connection, kind: str | None = None, indicator: str | None = None) -> Iterator[dict]:
    """The facts (filtered by kind and indicator), one dict per fact, in
    document and text order; ``titles`` a list, ``target`` a bool or None."""
    fact_cols = ", ".join(f'f."{c}"' for c in FACT_COLUMNS)
    sql = (f"select {fact_cols}, d.title, d.path, d.published, d.url, s.text from facts f "
           "join documents d on d.id = f.document left join sentences s on s.id = f.sentence where 1 = 1")
    args = []
    if kind:
        sql += " and f.kind = ?"
        args.append(kind)
    if indicator:
        sql += " and f.indicator = ?"
        args.append(indicator)
    sql += ' order by d.path, f.document, f.start, f."end", f.kind'
    for r in conn.execute(sql, args):
        row = dict(zip(COLUMNS, r))
        if row["titles"] is not None:
            try:
                row["titles"] = json.loads(row["titles"])
            except ValueError:
                row["titles"] = [row["titles"]]
        if row["target"] is not None:
            row["target"] = bool(row["target"])
        yield row


def write_jsonl(it: Iterator[dict], out: IO[str]) -> int:
    n = 0
    for row in it:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "; ".join(v)
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    return v


def write_csv(it: Iterator[dict], out: IO[str]) -> int:
    """CSV with a header; the caller opens ``out`` with ``encoding="utf-8-sig"``
    (or writes the BOM) and ``newline=""``."""
    w = csv.writer(out)
    w.writerow(COLUMNS)
    n = 0
    for row in it:
        w.writerow([_cell(row[c]) for c in COLUMNS])
        n += 1
    return n


def write_parquet(it: Iterator[dict], path: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise RuntimeError(PARQUET_MISSING) from None
    types = {str: pa.string(), int: pa.int64(), float: pa.float64()}
    fields = []
    for c in COLUMNS:
        if c == "titles":
            fields.append(pa.field(c, pa.list_(pa.string())))
        elif c == "target":
            fields.append(pa.field(c, pa.bool_()))
        else:
            fields.append(pa.field(c, types[FACT_COLUMNS.get(c, str)]))
    schema = pa.schema(fields)
    data = list(it)
    table = pa.Table.from_pylist(data, schema=schema)
    pq.write_table(table, path)
    return len(data)


def export(conn: sqlite3.Connection, fmt: str, output: str | None, kind: str | None = None,
           indicator: str | None = None, stdout: IO[bytes] | None = None) -> int:
    """Write the facts in ``fmt`` to ``output`` (a path) or ``stdout`` (a
    binary stream); returns how many rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "spacy":
        if not output:
            raise ValueError("--format spacy writes a binary file: give --output FILE.spacy")
        from .spacy_component import write_docbin

        return write_docbin(conn, rows(conn, kind, indicator), output)
    it = rows(conn, kind, indicator)
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise RuntimeError(PARQUET_MISSING) from None
        if not output:
            raise ValueError("--format parquet writes a binary file: give --output FILE.parquet")
        return write_parquet(it, output)
    writer = write_csv if fmt == "csv" else write_jsonl
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    if output:
        with open(output, "w", encoding=encoding, newline="") as fh:
            return writer(it, fh)
    if stdout is None:
        raise ValueError("export needs an output path or a stdout stream")
    buf = io.TextIOWrapper(stdout, encoding=encoding, newline="", write_through=True)
    try:
        return writer(it, buf)
    finally:
        buf.flush()
        buf.detach()
