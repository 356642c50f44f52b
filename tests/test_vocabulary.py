"""Vocabulary lives in rules/*.yaml, not in Python (issue 14, "one home per
rule"): every regex literal of ``extractor/`` and every string of a
module-level assignment is free of Vietnamese letters, or listed below with
its reason. And the word groups of the YAML work end to end: an empty group
is refused at load naming its file and key, a word added to a group is
matched by the patterns and has its value in the lookup built from the same
entry."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extractor"

# letters (and combining marks) that only Vietnamese spelling uses among the
# Latin ones: a literal holding one is Vietnamese text
_VI = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
_VI |= {ch.upper() for ch in _VI} | set("\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323")

_REGEX_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "finditer", "findall", "split", "escape"}

# module → reason: every literal of the module is allowed (its vocabulary moves
# in other work of this session)
ALLOWED_MODULES = {
    "serve.py": "UI text (the workbench's table and column descriptions), not matching vocabulary",
    "models.py": "the contract's eight values of an area's `level` (AreaLevel, ANNOTATION.md): a type, not matching vocabulary",
}
# (module, a piece of the literal) → reason
ALLOWED = {
    ("reader.py", "ăâêôơưđ"): "letters, not words: cp1258's Vietnamese letters and tone marks, to tell the encoding",
}


def _vietnamese(s: str) -> bool:
    return any(ch in _VI for ch in s)


def _strings(node: ast.AST) -> list[ast.Constant]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def regex_literals(path: Path) -> list[tuple[int, str]]:
    """(line, literal) of the strings passed to a ``re``/``regex`` call and of
    the strings of module-level assignments (word lists, pattern strings)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[int, ast.Constant] = {}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in _REGEX_CALLS and isinstance(node.func.value, ast.Name)
                and node.func.value.id in ("re", "regex")):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                found.update((id(c), c) for c in _strings(arg))
    for stmt in tree.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and stmt.value is not None:
            found.update((id(c), c) for c in _strings(stmt.value))
    return sorted((c.lineno, c.value) for c in found.values())


def _vietnamese_literals() -> list[tuple[str, int, str]]:
    return [(p.name, line, s) for p in sorted(PACKAGE.glob("*.py"))
            for line, s in regex_literals(p) if _vietnamese(s)]


def _allowed(module: str, s: str) -> bool:
    return module in ALLOWED_MODULES or any(m == module and piece in s for m, piece in ALLOWED)


def test_no_vietnamese_word_in_python_regexes():
    bad = [f"extractor/{m}:{line}: {s[:80]!r}" for m, line, s in _vietnamese_literals() if not _allowed(m, s)]
    assert not bad, "Vietnamese words belong in rules/*.yaml (or in the allow-list with a reason):\n" + "\n".join(bad)


def test_allow_list_is_honest():
    """Every entry still allows something, so a moved list leaves no stale excuse."""
    literals = _vietnamese_literals()
    stale = [k for k in ALLOWED if not any(m == k[0] and k[1] in s for m, _, s in literals)]
    stale += [m for m in ALLOWED_MODULES if not any(mm == m for mm, _, _ in literals)]
    assert not stale, stale
    assert all(reason.strip() for reason in [*ALLOWED.values(), *ALLOWED_MODULES.values()])


def test_the_scanner_sees_a_word_list(tmp_path):
    """The check finds what it is for: a word list, a cue regex, a pattern string."""
    src = tmp_path / "m.py"
    src.write_text('import regex\nWORDS = {"khoảng": "~"}\n_CUE = regex.compile(r"(?:sẽ|đã)\\s")\n'
                   'def f(t):\n    return regex.search("năm " + t, t)\n', encoding="utf-8")
    found = [s for _, s in regex_literals(src) if _vietnamese(s)]
    assert found == ["khoảng", "(?:sẽ|đã)\\s", "năm "]


# --- word groups end to end, on a copy of the rules -------------------------

def _rules_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", dest)
    return dest


def _extract(rules: Path, text: str, tmp_path: Path) -> list[dict]:
    """``chitieu extract`` in a fresh process with the rules folder ``rules``."""
    art = tmp_path / "a.txt"
    art.write_text(text, encoding="utf-8")
    env = {"CHITIEU_RULES": str(rules), "CHITIEU_CACHE_DIR": "off", "PATH": "/usr/bin:/bin"}
    p = subprocess.run([sys.executable, "-m", "extractor", "extract", "--format", "jsonl", str(art)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    return [json.loads(line) for line in p.stdout.splitlines() if line.strip()]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


TEXT = "Tiêu đề\n\nNăm 2023, xã có ngót 120 hộ nghèo; doanh thu đạt 3 triệu peso.\n"


def _facts(facts: list[dict], kind: str) -> list[dict]:
    return [f for f in facts if f.get("kind") == kind]


@pytest.mark.slow
def test_a_word_added_to_a_group_works_end_to_end(tmp_path):
    """Adding "ngót" to the comparators gives "<" (it gave "=" while the lookup
    was a Python dict), adding "peso" to the currencies gives PHP (it crashed
    with KeyError); without them neither is read."""
    before = _extract(ROOT / "rules", TEXT, tmp_path)
    assert not any(f.get("currency") == "PHP" for f in before)
    assert not any(f.get("text", "").startswith("ngót") for f in before)
    rules = _rules_copy(tmp_path)
    _edit(rules / "numbers.yaml", "    không quá: \"<=\"\n", "    không quá: \"<=\"\n    ngót: \"<\"\n")
    _edit(rules / "numbers.yaml", "    ruble: RUB\n", "    ruble: RUB\n    peso: PHP\n")
    after = _extract(rules, TEXT, tmp_path)
    households = [f for f in _facts(after, "quantity") if f["text"].startswith("ngót")]
    assert [(f["value"], f["comparator"]) for f in households] == [(120, "<")]
    money = _facts(after, "money")
    assert [(f["value"], f["currency"]) for f in money] == [(3_000_000, "PHP")]


class _AnyFile(BaseModel):
    model_config = ConfigDict(extra="allow")


@pytest.mark.parametrize("file, old, new, key", [
    ("numbers.yaml", "  AFTER_COMPARATORS:\n    trở lên: \">=\"\n    trở xuống: \"<=\"\n",
     "  AFTER_COMPARATORS: {}\n", "words.AFTER_COMPARATORS"),
    ("dates.yaml", "  FIRST_PART: [đầu]\n", "  FIRST_PART: []\n", "words.FIRST_PART"),
    ("context.yaml", "plan_units: [chỉ tiêu]", "plan_units: []", "plan_units"),
    ("documents.yaml", "symbol_spellings: {TƯ: TW}", "symbol_spellings: {}", "symbol_spellings"),
    ("areas.yaml", "\naliases:\n", "\naliases: {}\nold_aliases:\n", "aliases"),
])
def test_an_empty_word_group_is_refused_at_load(tmp_path, monkeypatch, file, old, new, key):
    from extractor import rules as R

    rules = _rules_copy(tmp_path)
    _edit(rules / file, old, new)
    monkeypatch.setenv("CHITIEU_RULES", str(rules))
    with pytest.raises(R.RuleError) as exc:
        R.load_model(file, _AnyFile)
    message = str(exc.value)
    assert "\n" not in message and str(rules / file) in message and f": {key}: empty" in message


def test_an_empty_spelling_table_is_refused(tmp_path, monkeypatch):
    from extractor import rules as R
    from extractor import textnorm

    rules = _rules_copy(tmp_path)
    _edit(rules / "spelling.yaml", "folded:\n  tỉ: tỷ\n", "folded: {}\n")
    monkeypatch.setenv("CHITIEU_RULES", str(rules))
    textnorm._spellings.cache_clear()
    try:
        with pytest.raises(R.RuleError, match=r"spelling.yaml: folded: an empty word group"):
            textnorm.fold("tỉ lệ")
    finally:
        monkeypatch.undo()
        textnorm._spellings.cache_clear()


def test_a_group_and_its_lookup_come_from_one_entry():
    """Every word a pattern can match through a group has its value: the
    alternation is built from the lookup's own keys."""
    import regex

    from extractor import rules as R

    m = R.macros()
    for group, table in R.word_groups().items():
        rx = regex.compile(f"(?:{m[group]})", regex.IGNORECASE)
        for word in table:
            assert rx.fullmatch(word), (group, word)
