"""`chitieu gold check` passes on gold/ and names the fact on broken files."""

import json
import shutil

import pytest
from click.testing import CliRunner

from extractor.cli import cli


def run_check(gold_dir, root):
    return CliRunner().invoke(cli, ["gold", "check", str(gold_dir), "--root", str(root)])


def test_gold_dir_is_valid(root):
    res = run_check(root / "gold", root)
    assert res.exit_code == 0, res.output
    assert "ok" in res.output


@pytest.fixture
def broken(tmp_path, root):
    """A copy of one gold file and its document, to break."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "gold").mkdir()
    src = sorted((root / "gold").glob("*.json"))[0]
    data = json.loads(src.read_text())
    shutil.copy(root / data["doc"], tmp_path / data["doc"])
    return tmp_path, tmp_path / "gold" / src.name, data


def test_wrong_offset_is_named(broken):
    tmp, path, data = broken
    f = next(f for f in data["facts"] if f["kind"] == "ratio")
    f["start"] += 1
    f["end"] += 1
    path.write_text(json.dumps(data, ensure_ascii=False))
    res = run_check(tmp / "gold", tmp)
    assert res.exit_code == 1
    assert f"ratio {f['text']!r}" in res.output and "offsets" in res.output


def test_wrong_hash(broken):
    tmp, path, data = broken
    data["sha256"] = "0" * 64
    path.write_text(json.dumps(data, ensure_ascii=False))
    res = run_check(tmp / "gold", tmp)
    assert res.exit_code == 1 and "sha256 does not match" in res.output


def test_unknown_kind(broken):
    tmp, path, data = broken
    data["facts"][0]["kind"] = "temperature"
    path.write_text(json.dumps(data, ensure_ascii=False))
    res = run_check(tmp / "gold", tmp)
    assert res.exit_code == 1 and "fact 0" in res.output


def test_unknown_indicator_key(broken):
    tmp, path, data = broken
    f = next(f for f in data["facts"] if f["kind"] == "percent")
    f["indicator"] = "happiness_index"
    path.write_text(json.dumps(data, ensure_ascii=False))
    res = run_check(tmp / "gold", tmp)
    assert res.exit_code == 1 and "unknown indicator key" in res.output


def test_duplicate_fact(broken):
    tmp, path, data = broken
    data["facts"].append(data["facts"][0])
    path.write_text(json.dumps(data, ensure_ascii=False))
    res = run_check(tmp / "gold", tmp)
    assert res.exit_code == 1 and "duplicate" in res.output
