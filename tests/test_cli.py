"""The CLI end to end: extract's JSONL honours the contract, ingest is
idempotent and survives bad files, stats reads the database."""

import json
import sqlite3

from click.testing import CliRunner

from extractor.cli import cli
from extractor.models import FactAdapter, MetaLine


def test_extract_jsonl_validates_against_contract(root):
    files = sorted(str(p) for p in (root / "corpus").glob("*.txt"))
    res = CliRunner().invoke(cli, ["extract", "--format", "jsonl", *files])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.output.splitlines()]
    metas = [x for x in lines if x["kind"] == "meta"]
    assert len(metas) == len(files)
    for m in metas:
        MetaLine.model_validate(m)
    facts = [x for x in lines if x["kind"] != "meta"]
    assert len(facts) > 50
    texts = {p: open(p, encoding="utf-8-sig").read() for p in files}
    for f in facts:
        FactAdapter.validate_python(f)
        assert f["doc"] in files and f["rule_id"]
        assert texts[f["doc"]][f["start"] : f["end"]] == f["text"]


def _counts(db):
    con = sqlite3.connect(db)
    return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("documents", "sentences", "facts")}


def test_ingest_twice_is_idempotent(tmp_path, root):
    db = tmp_path / "c.db"
    r1 = CliRunner().invoke(cli, ["ingest", str(root / "corpus"), "--db", str(db), "--quiet"])
    assert r1.exit_code == 0, r1.output
    first = _counts(db)
    assert first["documents"] == 5 and first["facts"] > 50
    r2 = CliRunner().invoke(cli, ["ingest", str(root / "corpus"), "--db", str(db), "--quiet"])
    assert r2.exit_code == 0
    assert _counts(db) == first


def test_bad_files_are_recorded_and_skipped(tmp_path, root):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text("Tiêu đề\n\nToàn huyện có 45 hộ nghèo.\n", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (d / "empty.txt").write_bytes(b"")
    (d / "latin1.txt").write_bytes("Hội nghị tổng kết".encode().decode("utf-8").encode("cp1258", errors="replace") + b" caf\xe9 na\xefve")
    db = tmp_path / "c.db"
    res = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--quiet"])
    assert res.exit_code == 3, res.output
    for name in ("binary.txt", "empty.txt", "latin1.txt"):
        assert name in res.output
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 1
    reasons = dict(con.execute("select path, reason from errors").fetchall())
    assert any("binary" in r for r in reasons.values())
    assert any("empty" in r for r in reasons.values())
    assert any("UTF-8" in r for r in reasons.values())
    # nothing already ingested is lost on a second run
    CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--quiet"])
    assert con.execute("select count(*) from documents").fetchone()[0] == 1


def test_stats(tmp_path, root):
    db = tmp_path / "c.db"
    CliRunner().invoke(cli, ["ingest", str(root / "corpus"), "--db", str(db), "--quiet"])
    res = CliRunner().invoke(cli, ["stats", "--db", str(db)])
    assert res.exit_code == 0 and "quantity.basic" in res.output


def test_stats_without_database_is_one_line(tmp_path):
    res = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1
    assert "chitieu ingest" in res.output and len(res.output.strip().splitlines()) == 1


def test_sidecar_wins(tmp_path):
    (tmp_path / "a.txt").write_text("Tiêu đề\n\nNgày 9/11, xã có 45 hộ nghèo.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2021-11-10T08:00", "source": "X"}))
    res = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(tmp_path / "a.txt")])
    lines = [json.loads(x) for x in res.output.splitlines()]
    assert lines[0]["published"] == "2021-11-10T08:00" and lines[0]["source"] == "X"
    assert [x["value"] for x in lines if x["kind"] == "date"] == ["2021-11-09"]


def test_fts_search_over_sentences(tmp_path, root):
    db = tmp_path / "c.db"
    CliRunner().invoke(cli, ["ingest", str(root / "corpus"), "--db", str(db), "--quiet"])
    con = sqlite3.connect(db)
    n = con.execute("select count(*) from sentences_fts where sentences_fts match 'ho ngheo'").fetchone()[0]
    assert n > 0
