"""``chitieu export``: CSV (for spreadsheets: UTF-8 with BOM) and JSON Lines
(for pandas) hold every fact with its document and sentence; filters by kind
and indicator; parquet needs the optional extra and says so in one line."""

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.export import COLUMNS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def db(corpus_db):
    return corpus_db


def _facts(db, where="1 = 1", args=()):
    return sqlite3.connect(db).execute(f"select count(*) from facts where {where}", args).fetchone()[0]


def test_jsonl_to_stdout(db):
    res = CliRunner().invoke(cli, ["export", "--format", "jsonl", "--db", str(db)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in res.output.splitlines()]
    assert len(rows) == _facts(db) and list(rows[0]) == list(COLUMNS)
    person = next(r for r in rows if r["kind"] == "person" and r["name"] == "Nguyễn Ngọc Tuấn")
    assert "Phó Bí thư Thành ủy" in person["titles"]
    poor = next(r for r in rows if r["indicator"] == "poor_households" and r["area"] == "Quốc Oai")
    assert poor["value"] == 45 and poor["target"] is False and "45 hộ" in poor["sentence_text"]
    assert poor["document_title"].startswith("Huyện Quốc Oai")
    assert all(r["text"] in r["sentence_text"] for r in rows if r["sentence_text"])


def test_csv_file_with_filters(db, tmp_path):
    out = tmp_path / "percent.csv"
    res = CliRunner().invoke(cli, ["export", "--format", "csv", "--kind", "percent", "--db", str(db), "--output", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the Vietnamese right
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == _facts(db, "kind = 'percent'") and set(rows[0]) == set(COLUMNS)
    assert {r["kind"] for r in rows} == {"percent"}
    cov = next(r for r in rows if r["text"] == "92,5%")
    assert cov["value"] == "92.5" and cov["indicator"] == "health_insurance_coverage" and cov["target"] == "false"

    res = CliRunner().invoke(cli, ["export", "--indicator", "poor_households", "--db", str(db)])
    assert res.exit_code == 0
    lines = res.output.lstrip("\ufeff").splitlines()
    rows = list(csv.DictReader(lines))
    assert len(rows) == _facts(db, "indicator = ?", ["poor_households"]) > 0
    assert ("45 hộ", "45", "hộ") in [(r["text"], r["value"], r["unit"]) for r in rows]


def test_bad_options_are_one_line(db, tmp_path):
    res = CliRunner().invoke(cli, ["export", "--indicator", "happiness", "--db", str(db)])
    assert res.exit_code == 1 and "unknown indicator" in res.output
    res = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1 and "chitieu ingest" in res.output


def test_parquet_needs_the_extra(db, tmp_path):
    out = tmp_path / "f.parquet"
    res = CliRunner().invoke(cli, ["export", "--format", "parquet", "--db", str(db), "--output", str(out)])
    try:
        import pyarrow.parquet as pq
    except ImportError:
        assert res.exit_code == 1 and len(res.output.strip().splitlines()) == 1
        assert "pip install -e '.[parquet]'" in res.output and not out.exists()
        return
    assert res.exit_code == 0, res.output
    table = pq.read_table(out)
    assert table.num_rows == _facts(db) and table.column_names == list(COLUMNS)
