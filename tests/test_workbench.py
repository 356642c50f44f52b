"""The analyst's workbench (issue 13) and the series rules (issue 11):

- every command checks --db first, in one line; read-only commands never write;
- an ingest and a merge end with a WAL checkpoint (the main file is complete);
- piped output is plain (no box drawing, no wrapped header); --json/--csv;
- skipped file types are counted and named;
- an edited article re-ingested from its path replaces its earlier version;
  near-duplicate articles count once;
- series never mix a change with a level, a target with an achieved figure,
  or two currencies; an article counts once per series; values are numbers;
- "poverty rate by province, 2016–2017" from the CLI as CSV.

Test articles are sentences written here, not corpus text."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "hb2016.txt": "Hòa Bình giảm nghèo nhanh\n\nNăm 2016, tỷ lệ hộ nghèo của tỉnh Hòa Bình là 22,5%, giảm 4,1% "
                  "so với năm 2015.\n\nTỉnh phấn đấu đến năm 2020 tỷ lệ hộ nghèo còn dưới 10%.\n",
    "hb2017.txt": "Hòa Bình: kết quả giảm nghèo năm 2017\n\nNăm 2017, tỷ lệ hộ nghèo của tỉnh Hòa Bình là 18,6%.\n\n"
                  "Tổng kinh phí cho chương trình là 1.200 tỷ đồng.\n",
    "sl2017.txt": "Sơn La: giảm nghèo năm 2017\n\nNăm 2017, tỷ lệ hộ nghèo của tỉnh Sơn La là 27,3%.\n",
}


def run(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], **kw)


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def syn_db(articles, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("syn") / "chitieu.db"
    res = run("ingest", articles, "--db", db, "--quiet", "--workers", "1")
    assert res.exit_code == 0, res.output
    return db


# --- --db checks ---------------------------------------------------------------------------------

READERS = [
    ["stats"], ["query", "indicator", "poor_household_rate"], ["query", "indicators"], ["show", "abcd"],
    ["export", "--format", "csv"], ["serve", "--port", "0"],
]
WRITERS = [["ingest", str(ROOT / "corpus" / "000_a0478d8ebb50c014.txt"), "--quiet"], ["merge", "x.db"]]


def _one_line_error(res, needle: str) -> None:
    assert res.exit_code == 1, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], res.output
    assert "Traceback" not in res.output


@pytest.mark.parametrize("cmd", READERS + WRITERS, ids=lambda c: " ".join(c[:2]))
def test_db_in_a_missing_folder(cmd, tmp_path):
    _one_line_error(run(*cmd, "--db", tmp_path / "nowhere" / "c.db"), "does not exist")


@pytest.mark.parametrize("cmd", READERS + WRITERS, ids=lambda c: " ".join(c[:2]))
def test_db_that_is_not_sqlite(cmd, tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 20)
    before = bad.read_bytes()
    _one_line_error(run(*cmd, "--db", bad), "not an SQLite database")
    assert bad.read_bytes() == before


@pytest.mark.parametrize("cmd", READERS + WRITERS, ids=lambda c: " ".join(c[:2]))
def test_db_that_is_someone_elses_sqlite(cmd, tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("create table birds (name text)")
    con.execute("insert into birds values ('chào mào')")
    con.commit()
    con.close()
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    _one_line_error(run(*cmd, "--db", other), "not chitieu's")
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before
    con = sqlite3.connect(other)
    assert [r[0] for r in con.execute("select name from sqlite_master")] == ["birds"]


@pytest.mark.parametrize("cmd", READERS, ids=lambda c: " ".join(c[:2]))
def test_missing_db_for_readers(cmd, tmp_path):
    _one_line_error(run(*cmd, "--db", tmp_path / "none.db"), "chitieu ingest")
    assert not (tmp_path / "none.db").exists()


def _fingerprint(db: Path) -> dict:
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in db.parent.iterdir() if p.name.startswith(db.name)}


def test_read_only_commands_never_write(syn_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(syn_db, db)
    before = _fingerprint(db)
    doc = sqlite3.connect(db).execute("select id from documents limit 1").fetchone()[0]
    for cmd in (["stats"], ["stats", "--json"], ["query", "indicator", "poor_household_rate", "--csv"],
                ["query", "indicators"], ["show", doc[:8]], ["show", doc[:8], "--json"],
                ["export", "--format", "jsonl", "-o", tmp_path / "x.jsonl"]):
        res = run(*cmd, "--db", db)
        assert res.exit_code == 0, (cmd, res.output)
    after = _fingerprint(db)
    assert after[db.name] == before[db.name]  # not a byte, not even the modification time
    # SQLite's WAL readers may leave an empty -wal and an index (-shm) beside the file: no data
    wal = db.parent / (db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


# --- WAL checkpoint ---------------------------------------------------------------------------------


def _immutable_count(db: Path) -> int:
    """What a reader of the main file alone sees (a copy without its -wal)."""
    con = sqlite3.connect(f"file:{db}?immutable=1", uri=True)
    try:
        return con.execute("select count(*) from documents").fetchone()[0]
    finally:
        con.close()


def test_ingest_and_merge_end_with_a_wal_checkpoint(articles, tmp_path):
    db = tmp_path / "c.db"
    assert run("ingest", articles, "--db", db, "--quiet", "--workers", "1").exit_code == 0
    wal = Path(str(db) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert _immutable_count(db) == 3
    # merge: a shard written by the distributed path, merged into a fresh database
    from extractor.ingest import write_shard

    shard = write_shard([str(articles / "sl2017.txt")], tmp_path / "s.db")
    db2 = tmp_path / "m.db"
    res = run("merge", shard, "--db", db2)
    assert res.exit_code == 0, res.output
    wal2 = Path(str(db2) + "-wal")
    assert not wal2.exists() or wal2.stat().st_size == 0
    assert _immutable_count(db2) == 1


# --- output ------------------------------------------------------------------------------------------


def test_piped_output_is_plain(syn_db):
    """A pipe gets a header line and tab-separated rows: no box drawing, no
    header folded over two lines, no colour codes."""
    env = {**os.environ, "COLUMNS": "60"}
    for cmd in (["stats"], ["query", "indicator", "poor_household_rate"]):
        res = subprocess.run([sys.executable, "-m", "extractor", *cmd, "--db", str(syn_db)], capture_output=True,
                             text=True, env=env, timeout=120, cwd=ROOT)
        assert res.returncode == 0, res.stderr
        assert not set(res.stdout) & set("─━│┃┏┓┗┛╭╮╰╯┡┩") and "\x1b[" not in res.stdout, res.stdout
    header = next(line for line in res.stdout.splitlines() if not line.startswith("#"))
    assert header.split("\t")[:5] == ["area", "province", "period", "value", "unit"]
    rows = [line.split("\t") for line in res.stdout.splitlines()[2:]]
    assert ["Hòa Bình", "Hòa Bình", "2016/2016", "22.5", "%"] in [r[:5] for r in rows]


def test_extract_table_has_no_literal_none():
    res = run("extract", ROOT / "corpus" / "000_a0478d8ebb50c014.txt")
    assert res.exit_code == 0 and "None" not in res.output


def test_json_and_csv(syn_db):
    res = run("query", "indicator", "poor_household_rate", "--db", syn_db, "--json")
    rows = json.loads(res.output)
    assert {(r["area"], r["period"], r["value"], r["unit"]) for r in rows if r["target_or_achieved"] == "achieved"
            and not r["change"]} >= {("Hòa Bình", "2016/2016", 22.5, "%"), ("Hòa Bình", "2017/2017", 18.6, "%"),
                                     ("Sơn La", "2017/2017", 27.3, "%")}
    assert all(isinstance(r["value"], float) for r in rows)
    stats = json.loads(run("stats", "--db", syn_db, "--json").output)
    assert stats["documents"] == 3 and stats["facts_per_kind"]["percent"] >= 4
    doc = sqlite3.connect(syn_db).execute("select id from documents where path like '%sl2017%'").fetchone()[0]
    shown = json.loads(run("show", doc[:10], "--db", syn_db, "--json").output)
    assert shown["document"]["id"] == doc and any(f["text"] == "27,3%" for f in shown["facts"])
    table = list(csv.reader(io.StringIO(run("show", doc[:10], "--db", syn_db, "--csv").output)))
    assert table[0][:3] == ["kind", "text", "value"] and any(r[1] == "27,3%" for r in table[1:])
    both = run("stats", "--db", syn_db, "--json", "--csv")
    assert both.exit_code == 2


def test_poverty_rate_by_province_2016_2017_as_csv(syn_db):
    """The question of issue 13, without diacritics, as CSV."""
    res = run("query", "indicator", "poor_household_rate", "--province", "hoa binh", "--period", "2016-2017",
              "--csv", "--db", syn_db)
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.output)))
    levels = {(r["period"], r["value"]) for r in rows if r["target_or_achieved"] == "achieved" and not r["change"]}
    assert levels == {("2016/2016", "22.5"), ("2017/2017", "18.6")}
    assert {r["province"] for r in rows} == {"Hòa Bình"}
    only_2017 = run("query", "indicator", "poor_household_rate", "--period", "2017", "--csv", "--db", syn_db)
    rows = list(csv.DictReader(io.StringIO(only_2017.output)))
    assert {(r["province"], r["value"]) for r in rows if r["target_or_achieved"] == "achieved"} == {
        ("Hòa Bình", "18.6"), ("Sơn La", "27.3")}
    # Vietnamese words find the key's measure or name the keys that fit
    words = run("query", "indicator", "tỷ lệ hộ nghèo", "--db", syn_db, "--csv")
    assert words.exit_code == 0 and "poor_household_rate" in words.output
    wrong = run("query", "indicator", "poor_household", "--db", syn_db)
    _one_line_error(wrong, "did you mean")
    assert "poor_households" in wrong.output


def test_skipped_file_types_are_counted_and_named(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLES["sl2017.txt"], encoding="utf-8")
    (d / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (d / "memo.docx").write_bytes(b"PK\x03\x04")
    (d / "memo2.docx").write_bytes(b"PK\x03\x04")
    (d / "a.meta.json").write_text("{}")
    res = run("ingest", d, "--db", tmp_path / "c.db", "--quiet", "--workers", "1")
    assert res.exit_code == 0, res.output
    assert "skipped 2 .docx, 1 .pdf file(s)" in res.output


# --- one article, one voice ------------------------------------------------------------------------


def test_an_edited_article_replaces_its_earlier_version(tmp_path):
    art = tmp_path / "in" / "tin.txt"
    art.parent.mkdir()
    art.write_text(ARTICLES["sl2017.txt"], encoding="utf-8")
    db = tmp_path / "c.db"
    assert run("ingest", art.parent, "--db", db, "--quiet", "--workers", "1").exit_code == 0
    art.write_text(ARTICLES["sl2017.txt"].replace("27,3%", "26,9%"), encoding="utf-8")
    assert run("ingest", art.parent, "--db", db, "--quiet", "--workers", "1").exit_code == 0
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 1
    assert [r[0] for r in con.execute("select text from facts where kind = 'percent'")] == ["26,9%"]
    assert con.execute("select count(*) from sentences").fetchone()[0] == 2
    assert con.execute("select count(*) from sentences_fts where sentences_fts match '27'").fetchone()[0] == 0


def test_near_duplicates_count_once(tmp_path):
    """The same release on three sites (a different headline and footer
    each) is one voice; a fourth article with another value is another."""
    body = ("Năm 2017, tỷ lệ hộ nghèo của tỉnh Sơn La là 27,3%, theo báo cáo của Sở Lao động - Thương binh và "
            "Xã hội tỉnh tại hội nghị tổng kết công tác giảm nghèo được tổ chức sáng nay với sự tham dự của "
            "lãnh đạo các sở, ngành và các huyện, thành phố trong tỉnh.")
    d = tmp_path / "in"
    d.mkdir()
    for i, site in enumerate(("Báo A", "Báo B", "Báo C")):
        (d / f"r{i}.txt").write_text(f"Sơn La giảm nghèo ({site})\n\n{body}\n\nNguồn: {site}\n", encoding="utf-8")
    (d / "other.txt").write_text("Một bài khác\n\nNăm 2017, tỷ lệ hộ nghèo của tỉnh Sơn La là 28,1%.\n", encoding="utf-8")
    db = tmp_path / "c.db"
    res = run("ingest", d, "--db", db, "--quiet", "--workers", "1")
    assert res.exit_code == 0, res.output
    con = sqlite3.connect(db)
    groups = con.execute("select group_id, count(*) from near_duplicates group by group_id order by 2 desc").fetchall()
    assert [n for _, n in groups] == [3, 1]
    rows = json.loads(run("query", "indicator", "poor_household_rate", "--all-values", "--json", "--db", db).output)
    level = sorted((r["value"], r["articles_agreeing"], r["reports"]) for r in rows
                   if r["period"] == "2017/2017" and r["target_or_achieved"] == "achieved")
    assert level == [(27.3, 1, 2), (28.1, 1, 2)]


# --- series rules (issue 11), on rows written here ---------------------------------------------------


def _db_with_facts(tmp_path, facts: list[dict]) -> sqlite3.Connection:
    from extractor.store import open_db
    from extractor.views import ensure_views

    db = open_db(tmp_path / "s.db")
    docs = sorted({f["document"] for f in facts})
    for d in docs:
        db["documents"].insert({"id": d, "path": f"{d}.txt", "title": d, "text": "x"})
    for i, f in enumerate(facts):
        db["facts"].insert({"id": f"f{i}", "kind": "percent", "start": i, "end": i + 1, "text": "x",
                            "area": "Sơn La", "period": "2017/2017", "indicator": "poor_household_rate", **f})
    ensure_views(db)
    con = db.conn
    from extractor.textnorm import search_key

    con.create_function("chitieu_fold", 1, search_key)
    return con


def test_series_never_mix_and_count_an_article_once(tmp_path):
    con = _db_with_facts(tmp_path, [
        {"document": "a", "value": 27.3},
        {"document": "a", "value": 27.3},                  # the same article says it twice: one voice
        {"document": "b", "value": 27.3},
        {"document": "c", "value": 4.1, "change": "decrease"},   # a change is not a level
        {"document": "c", "value": 20.0, "target": 1},           # a target is not an achieved figure
        {"document": "d", "kind": "money", "indicator": "budget", "value": 1.2e12, "currency": "VND"},
        {"document": "e", "kind": "money", "indicator": "budget", "value": 5e7, "currency": "USD"},
    ])
    rows = con.execute("select indicator, target_or_achieved, change, unit, value, typeof(value), articles_agreeing, "
                       "reports from indicator_series order by indicator, target, change, unit").fetchall()
    assert rows == [
        ("budget", "achieved", None, "USD", 5e7, "real", 1, 1),
        ("budget", "achieved", None, "VND", 1.2e12, "real", 1, 1),
        ("poor_household_rate", "achieved", None, "%", 27.3, "real", 2, 2),
        ("poor_household_rate", "achieved", "decrease", "%", 4.1, "real", 1, 1),
        ("poor_household_rate", "target", None, "%", 20.0, "real", 1, 1),
    ]
    lead = [c[0] for c in con.execute("select * from indicator_values").description][:7]
    assert lead == ["value", "unit", "indicator", "measure", "area", "province", "period"]


def test_province_filter_uses_a_province_column_when_there_is_one(tmp_path):
    con = _db_with_facts(tmp_path, [{"document": "a", "value": 27.3, "area": "Mộc Châu"}])
    if "province" not in {r[1] for r in con.execute("pragma table_info(facts)")}:
        con.execute("alter table facts add column province text")
    from extractor.views import ensure_views

    ensure_views(con)
    con.execute("update facts set province = 'Sơn La'")
    from extractor.views import filter_sql, series_sql

    where, args = filter_sql(province="son la", period="2016-2017")
    rows = con.execute(f"select area, province, value from ({series_sql(con)}) where 1 = 1{where}", args).fetchall()
    assert rows == [("Mộc Châu", "Sơn La", 27.3)]
