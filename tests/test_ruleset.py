"""Two rule versions side by side in one process: every table built from the
rules belongs to a RuleSet, so a copy of rules/ with one more word gives other
facts for the same text, in either order, without touching the other."""

import hashlib
import json
import shutil
import threading
from pathlib import Path

import pytest

from extractor.pipeline import extract_text
from extractor.ruleset import RuleError, RuleSet, current, use

ROOT = Path(__file__).resolve().parent.parent

# "ngót" (just under) is no comparator of the package's rules, and "hộ khốn khó"
# (households in hardship) no wording of its poor-households family
TEXT = "Tiêu đề\n\nNăm 2023, xã có ngót 120 hộ khốn khó.\n"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def edited(tmp_path) -> Path:
    """A copy of rules/ with "ngót" a comparator ("<") and "hộ khốn khó" a poor-households wording."""
    dest = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", dest)
    _edit(dest / "numbers.yaml", '    không quá: "<="\n', '    không quá: "<="\n    ngót: "<"\n')
    _edit(dest / "indicators.yaml", "wordings: [hộ nghèo, hộ thoát nghèo,", "wordings: [hộ khốn khó, hộ nghèo, hộ thoát nghèo,")
    return dest


def _households(rules=None) -> list[tuple]:
    return [(f["text"], f["comparator"], f["indicator"]) for f in extract_text(TEXT, rules=rules).facts
            if f["kind"] == "quantity"]


PACKAGE = [("120 hộ", "=", None)]
EDITED = [("ngót 120 hộ", "<", "poor_households")]


@pytest.mark.parametrize("order", ["package first", "edited first"])
def test_two_rulesets_side_by_side(edited, order):
    package, copy = RuleSet(ROOT / "rules"), RuleSet(edited)
    runs = [(package, PACKAGE), (copy, EDITED)]
    if order == "edited first":
        runs.reverse()
    for rules, expected in runs + runs:  # and back again: neither run leaves a table in the other
        assert _households(rules) == expected
    assert _households() == PACKAGE  # the default rules are untouched
    # each built its own tables: the compiled span rules and the indicator index are distinct objects
    for key in ("rules.span_rules", "indicators._index", "rules.word_groups"):
        assert package.tables[key] is not copy.tables[key]
    assert "ngót" in copy.tables["rules.word_groups"]["COMPARATORS"]
    assert "ngót" not in package.tables["rules.word_groups"]["COMPARATORS"]


def test_use_is_a_context_and_restores(edited):
    copy = RuleSet(edited)
    before = current()
    with use(copy):
        assert current() is copy and _households() == EDITED
        with use(RuleSet(ROOT / "rules")):
            assert _households() == PACKAGE
        assert _households() == EDITED
    assert current() is before and _households() == PACKAGE


def test_threads_each_keep_their_ruleset(edited):
    """The current RuleSet is a context variable: two threads extracting with
    two RuleSets at once each see their own."""
    package, copy = RuleSet(ROOT / "rules"), RuleSet(edited)
    _households(package), _households(copy)  # built before the race
    seen: dict[str, list] = {"package": [], "copy": []}
    barrier = threading.Barrier(2)

    def run(name, rules):
        barrier.wait()
        with use(rules):
            for _ in range(20):
                seen[name].append(_households())

    threads = [threading.Thread(target=run, args=("package", package)), threading.Thread(target=run, args=("copy", copy))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen["package"] == [PACKAGE] * 20 and seen["copy"] == [EDITED] * 20


def test_disk_cache_keyed_by_the_folder_content(edited, tmp_path, monkeypatch):
    """The cached tables of two folders live under two keys; a new RuleSet of
    the edited folder reads its own back."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("CHITIEU_CACHE_DIR", str(cache))
    assert _households(RuleSet(ROOT / "rules")) == PACKAGE
    assert _households(RuleSet(edited)) == EDITED
    spans = sorted(cache.glob("rules.span_rules-*.pickle"))
    assert len(spans) == 2
    assert _households(RuleSet(edited)) == EDITED  # read back from disk: the edited folder's table
    assert _households(RuleSet(ROOT / "rules")) == PACKAGE
    assert sorted(cache.glob("rules.span_rules-*.pickle")) == spans


def test_load_validates_every_file(edited):
    _edit(edited / "measure.yaml", "carriers: [cho]", "carriers: []")
    with pytest.raises(RuleError, match=r"measure\.yaml: carriers: empty"):
        RuleSet.load(edited)
    with pytest.raises(RuleError, match="not a rules folder"):
        RuleSet.load(edited / "layouts")


def _cli(*args):
    from click.testing import CliRunner

    from extractor.cli import cli

    return CliRunner().invoke(cli, list(args))


def test_extract_with_rules_option(edited, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(TEXT, encoding="utf-8")

    def quantities(*opts):
        res = _cli("extract", "--format", "jsonl", *opts, str(art))
        assert res.exit_code == 0, res.output
        return [(f["text"], f["comparator"], f["indicator"]) for f in map(json.loads, res.output.splitlines())
                if f["kind"] == "quantity"]

    assert quantities("--rules", str(edited)) == EDITED
    assert quantities() == PACKAGE
    _edit(edited / "dates.yaml", "  FIRST_PART: [đầu]\n", "  FIRST_PART: []\n")  # a malformed copy: refused up front
    res = _cli("extract", "--rules", str(edited), str(art))
    assert res.exit_code == 1 and "dates.yaml" in res.output and "FIRST_PART" in res.output


def test_eval_with_rules_option(edited, tmp_path):
    """`chitieu eval --rules` scores the extractor with another rules folder on the same gold."""
    doc = tmp_path / "docs" / "a.txt"
    doc.parent.mkdir()
    doc.write_text(TEXT, encoding="utf-8")
    start, end = TEXT.index("ngót"), TEXT.index(" khốn")
    gold = tmp_path / "gold"
    gold.mkdir()
    fact = {"kind": "quantity", "start": start, "end": end, "text": TEXT[start:end], "value": 120, "unit": "hộ",
            "indicator": "poor_households", "area": None, "period": None, "comparator": "<", "change": None,
            "target": False}
    (gold / "a.json").write_text(json.dumps({
        "doc": "docs/a.txt", "sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
        "meta": {"title": "Tiêu đề", "published": None, "author": None, "source": None}, "facts": [fact]},
        ensure_ascii=False), encoding="utf-8")

    def scores(*opts):
        res = _cli("eval", "--gold", str(gold), "--root", str(tmp_path), "--json", *opts)
        assert res.exit_code == 0, res.output
        attrs = json.loads(res.output)["attributes"]
        return attrs["comparator"]["accuracy"], attrs["indicator"]["accuracy"]

    assert scores() == (0.0, 0.0)
    assert scores("--rules", str(edited)) == (1.0, 1.0)
    res = _cli("eval", "--gold", str(gold), "--root", str(tmp_path), "--rules", str(edited), "--pred", str(doc))
    assert res.exit_code == 2 and "--pred" in res.output


def test_a_folder_edited_between_two_rulesets_is_not_read_from_the_old_cache(tmp_path, monkeypatch):
    """The disk key is the folder's content, hashed once per RuleSet: a RuleSet
    made after an edit builds its tables again instead of reading the old ones."""
    monkeypatch.setenv("CHITIEU_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    assert _households(RuleSet(rules)) == PACKAGE
    _edit(rules / "numbers.yaml", '    không quá: "<="\n', '    không quá: "<="\n    ngót: "<"\n')
    assert _households(RuleSet(rules))[0][:2] == ("ngót 120 hộ", "<")


# the process-wide caches left: each is a function of its arguments (or of
# installed packages) alone, never of the rules, so RuleSets may share them
PROCESS_WIDE = {
    "cache._key": "the disk key of a folder path outside any RuleSet (cache.key() hashes once per RuleSet)",
    "dedup._params": "datasketch's permutations and banding: no rules",
    "measure._pos": "underthesea's POS tags of a phrase: no rules",
    "persons._syllable_rx": "a compiled pattern keyed by the pattern itself",
    "tokens.words": "underthesea's word segmentation of a sentence: no rules",
    "tokens.tagged": "underthesea's POS tagging of a sentence: no rules",
}


def test_every_table_of_the_rules_belongs_to_a_ruleset():
    """A table built from the rules kept in a module-level ``lru_cache`` would
    be shared by two RuleSets: such caches are ``per_rules``/``per_rules_memo``/
    ``disk_cached``; the few process-wide ones left are listed with a reason."""
    import ast

    found = set()
    for path in sorted((ROOT / "extractor").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for d in node.decorator_list:
                    target = d.func if isinstance(d, ast.Call) else d
                    name = ast.unparse(target)
                    if name.endswith(("lru_cache", ".cache")) or name == "cache":
                        found.add(f"{path.stem}.{node.name}")
    assert found <= set(PROCESS_WIDE), sorted(found - set(PROCESS_WIDE))
