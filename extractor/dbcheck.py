"""Every command that takes ``--db`` looks at it first and refuses, in one
line that names the fix, what would otherwise end in a traceback or in a
stranger's file being changed:

- a folder that does not exist (``sqlite3.OperationalError: unable to open``);
- a file that is not SQLite (``DatabaseError: file is not a database``);
- an SQLite file that is not a chitieu database (``stats`` used to add its 15
  tables to it).

Readers (``stats``, ``query``, ``show``, ``export``, ``serve``) also need the
file to exist and open it read-only (:func:`connect_ro`), so they never write.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
# a chitieu database has these tables; an empty SQLite file (0 bytes) is a new database
CHITIEU_TABLES = {"documents", "facts"}


class DatabaseProblem(ValueError):
    """The --db path cannot be used, with the reason and the fix."""


def check_db(path: str | Path, *, must_exist: bool) -> Path:
    """Check ``path`` before anything opens it; raises :class:`DatabaseProblem`."""
    p = Path(path)
    if p.exists() and p.is_dir():
        raise DatabaseProblem(f"{p}: is a folder; give a database file, e.g. --db {p / 'chitieu.db'}")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise DatabaseProblem(f"{p}: folder {parent} does not exist; create it (mkdir -p {parent}) or choose another --db")
    if not p.exists():
        if must_exist:
            raise DatabaseProblem(f"{p}: no such database; run `chitieu ingest PATH --db {p}` first")
        return p
    try:
        with open(p, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise DatabaseProblem(f"{p}: cannot be read ({exc.strerror}); check its permissions") from None
    if not head:
        if must_exist:
            raise DatabaseProblem(f"{p}: empty file, not a chitieu database; run `chitieu ingest PATH --db {p}`")
        return p
    if head != SQLITE_HEADER:
        raise DatabaseProblem(f"{p}: not an SQLite database; give the .db file written by `chitieu ingest`")
    try:
        con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        try:
            names = {r[0] for r in con.execute("select name from sqlite_master where type in ('table', 'view')")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(f"{p}: SQLite cannot read it ({exc}); it may be damaged") from None
    if names and not CHITIEU_TABLES <= names:
        raise DatabaseProblem(f"{p}: an SQLite database but not chitieu's (no documents/facts tables); "
                              "choose another --db, chitieu will not change this file")
    if not names and must_exist:
        raise DatabaseProblem(f"{p}: an empty SQLite database; run `chitieu ingest PATH --db {p}` first")
    return p


def connect_ro(path: str | Path) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``): it sees what a running ingest has
    committed, WAL included, and can never write."""
    con = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    con.row_factory = None
    from .textnorm import search_key

    con.create_function("chitieu_fold", 1, search_key, deterministic=True)
    return con
