"""The on-disk cache of built tables: read back instead of rebuilt, keyed by
the rules in use, rebuilt when a file is damaged, safe with two builders."""

import os
import shutil
import subprocess
import sys

import regex

from extractor import cache
from extractor.rules import rules_dir


def test_built_once_then_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("CHITIEU_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"rx": regex.compile(r"(?<!\p{L})(?:Hà Nội|Huế)(?!\p{L})"), "n": 1}

    first = cache.load_or_build("t.table", build)
    second = cache.load_or_build("t.table", build)
    assert calls == [1]
    assert second["rx"].search("ở Huế nay").group(0) == "Huế" and second["n"] == first["n"]
    assert [p.name for p in tmp_path.iterdir()] == [f"t.table-{cache.key()}.pickle"]  # no temporary file left


def test_key_follows_the_rules(tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    monkeypatch.setenv("CHITIEU_RULES", str(rules))
    before = cache.key()
    with open(rules / "units.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n# an edit\n")
    cache._key.cache_clear()
    assert cache.key() != before


def test_damaged_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CHITIEU_CACHE_DIR", str(tmp_path))
    cache.load_or_build("t.table", lambda: [1, 2, 3])
    (tmp_path / f"t.table-{cache.key()}.pickle").write_bytes(b"\x80\x05truncated")
    assert cache.load_or_build("t.table", lambda: [4]) == [4]
    assert cache.load_or_build("t.table", lambda: [5]) == [4]


def test_unwritable_folder_and_off(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("CHITIEU_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    assert cache.load_or_build("t.table", lambda: "built") == "built"
    monkeypatch.setenv("CHITIEU_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    assert cache.load_or_build("t.table", lambda: "again") == "again"


def test_two_processes_build_at_once(tmp_path):
    """Both builders finish and the one file left is whole: each writes a
    temporary file and renames it into place."""
    code = (
        "import sys, time\n"
        "from extractor import cache\n"
        "def build():\n"
        "    time.sleep(0.5)\n"
        "    return list(range(200000))\n"
        "v = cache.load_or_build('t.race', build)\n"
        "assert v == list(range(200000))\n"
    )
    env = dict(os.environ, CHITIEU_CACHE_DIR=str(tmp_path))
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].suffix == ".pickle"
    env2 = dict(env)
    out = subprocess.run([sys.executable, "-c", code.replace("time.sleep(0.5)", "raise SystemExit('rebuilt')")],
                         env=env2, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr  # read back, not rebuilt


def test_tables_survive_the_round_trip(tmp_path, monkeypatch):
    """The cached tables extract exactly what freshly built ones do."""
    from extractor import areas, persons, rules

    doc = ("Tiêu đề\n\nNgày 2/8/2023, UBND huyện Quốc Oai (Hà Nội) cho biết có 45 hộ nghèo, chiếm 0,084%; "
           "Phó Chủ tịch UBND tỉnh Nguyễn Văn An đến Nha Trang.\n")
    from extractor.pipeline import extract_text

    fresh = extract_text(doc).facts
    monkeypatch.setenv("CHITIEU_CACHE_DIR", str(tmp_path))
    for fn in (areas.gazetteer, areas._compiled, areas._bare_district_rx, persons._compiled, rules.span_rules):
        fn.cache_clear()
    extract_text(doc)  # builds and stores the tables
    assert len(list(tmp_path.glob("*.pickle"))) >= 5
    for fn in (areas.gazetteer, areas._compiled, areas._bare_district_rx, persons._compiled, rules.span_rules):
        fn.cache_clear()
    assert extract_text(doc).facts == fresh  # read back from disk


def test_old_tables_of_other_keys_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("CHITIEU_CACHE_DIR", str(tmp_path))
    old, recent, other = (tmp_path / "t.table-0ld.pickle", tmp_path / "t.table-recent.pickle",
                          tmp_path / "u.table-0ld.pickle")
    for p in (old, recent, other):
        p.write_bytes(b"x")
    week_ago = __import__("time").time() - 8 * 86400
    os.utime(old, (week_ago, week_ago))
    os.utime(other, (week_ago, week_ago))
    cache.load_or_build("t.table", lambda: 1)
    assert not old.exists() and recent.exists() and other.exists()
