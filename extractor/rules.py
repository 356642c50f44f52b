"""Rules are data: YAML files in ``rules/``, validated by pydantic models.

A span rule has an ``id``, the ``kind`` of fact it makes (or ``block`` for a
rule that only claims a span so that nothing else matches inside it: codes,
phone numbers, ordinals, ages…), a ``pattern`` (a `regex` pattern in which
``{NAME}`` expands to a macro of ``rules/macros.yaml``), a ``priority`` used
when candidates overlap, and its own ``examples`` and ``counter_examples``
that the test suite runs.  Every fact records the id of the rule that made it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .cache import disk_cached
from .paths import rules_dir
from .ruleset import RuleError as RuleError  # defined there: read-only commands raise it without pydantic
from .ruleset import RuleSet as RuleSet, folder_hash, per_rules, use as use  # the rules in use: see ruleset.py


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    match: str = Field(description="the span the rule must produce in `text`")
    expect: dict[str, Any] = {}


class SpanRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
    kind: Literal["quantity", "percent", "ratio", "money", "date", "period", "block"]
    pattern: str
    prefix: str | None = Field(default=None, description=(
        "words that may stand right before the pattern and belong to the span (a comparator, "
        "'ngày', a part of day); kept apart so the pattern can start at its digit, which is fast"))
    prefix_required: bool = False
    priority: int = 50
    description: str = ""
    needs_digit: bool = Field(default=True, description="skip paragraphs without a digit (a speed-up; false for rules such as 'năm nay')")
    examples: list[Example] = []
    counter_examples: list[str] = []


# a word group: its words, or its words and the value each stands for
# ("khoảng": "~", "tỷ": 1e9); ``{NAME}`` in a pattern matches any of its words
GroupName = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$")]
WordGroup = dict[str, str | int | float] | list[str]


class SpanRuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str = ""
    words: dict[GroupName, WordGroup] = Field(default={}, description=(
        "word groups: {NAME} in a pattern matches one of the words (longest first), and the "
        "builders look the matched word's value up in the same group"))
    rules: list[SpanRule]


class MacroFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str = ""
    macros: dict[str, str]


class CompiledRule:
    __slots__ = ("rule", "regex", "prefix", "source")

    def __init__(self, rule: SpanRule, compiled: regex.Pattern, source: str, prefix: regex.Pattern | None = None):
        self.rule = rule
        self.regex = compiled
        self.prefix = prefix
        self.source = source

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def kind(self) -> str:
        return self.rule.kind


# libyaml's loader where PyYAML was built with it (the same documents, ~10× faster)
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(name: str) -> Any:
    path = rules_dir() / name
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_SafeLoader)
    except FileNotFoundError:
        raise RuleError(f"{path}: rules file missing; reinstall chitieu or set CHITIEU_RULES") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: not valid YAML ({exc.__class__.__name__}); fix the file") from None


# keys whose value may be empty: a rule's tests, not a group of words
_MAY_BE_EMPTY = frozenset({"examples", "counter_examples", "expect"})


def _refuse_empty(data: Any, name: str, loc: str = "") -> None:
    """An empty list or mapping of words (``aliases: {}``) is a mistake that
    would match nothing or everything: refused, naming the file and the key."""
    if isinstance(data, dict):
        items: Any = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return
    for key, value in items:
        where = f"{loc}.{key}" if loc else str(key)
        if isinstance(value, (dict, list)) and not value and key not in _MAY_BE_EMPTY:
            raise RuleError(f"{rules_dir() / name}: {where}: empty word group; add its words or remove the key")
        _refuse_empty(value, name, where)


def load_model(name: str, model: type[BaseModel]) -> Any:
    data = load_yaml(name)
    _refuse_empty(data, name)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        raise RuleError(f"{rules_dir() / name}: {loc}: {first['msg']}") from None


_MACRO_REF = re.compile(r"(?<!\\[pP])\{([A-Z][A-Z0-9_]*)\}")  # not \p{L}


def expand(pattern: str, macros: dict[str, str], _depth: int = 0) -> str:
    """Replace ``{NAME}`` by ``(?:macro)`` recursively."""
    if _depth > 10:
        raise RuleError(f"macro expansion too deep in {pattern[:60]!r}")

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in macros:
            raise RuleError(f"unknown macro {{{name}}} in pattern {pattern[:60]!r}")
        return "(?:" + expand(macros[name], macros, _depth + 1) + ")"

    return _MACRO_REF.sub(sub, pattern)


SPAN_RULE_FILES = ("numbers.yaml", "dates.yaml", "blocks.yaml")


def word_key(word: str) -> str:
    """The form a group's word is looked up by: lowercase, single spaces."""
    return " ".join(word.lower().split())


def alternation(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, longest first (so "trên dưới" is
    tried before "trên"), with any run of spaces inside a word kept literal."""
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@per_rules
def word_groups() -> dict[str, dict[str, Any]]:
    """Every word group of the span rule files: NAME → {word key: value}; a
    group written as a list maps each word to itself."""
    out: dict[str, dict[str, Any]] = {}
    named = set(load_model("macros.yaml", MacroFile).macros)
    for name in SPAN_RULE_FILES:
        for group, entries in load_model(name, SpanRuleFile).words.items():
            if group in out or group in named:
                raise RuleError(f"{rules_dir() / name}: words.{group}: the name is already a macro or a group")
            pairs = entries.items() if isinstance(entries, dict) else ((w, w) for w in entries)
            table: dict[str, Any] = {}
            for word, value in pairs:
                key = word_key(word)
                if not key or key in table:
                    raise RuleError(f"{rules_dir() / name}: words.{group}: {word!r} is empty or listed twice")
                table[key] = value
            out[group] = table
    return out


def words(group: str) -> dict[str, Any]:
    """The word group ``group`` (see :func:`word_groups`)."""
    return word_groups()[group]


@per_rules
def macros() -> dict[str, str]:
    """The macros of ``macros.yaml`` and one per word group (its words' alternation)."""
    out = dict(load_model("macros.yaml", MacroFile).macros)
    for group, table in word_groups().items():
        out[group] = alternation(table)
    return out


@disk_cached
def span_rules() -> tuple[CompiledRule, ...]:
    """Every span rule of every rules file, compiled, in file order."""
    out: list[CompiledRule] = []
    seen: set[str] = set()
    m = macros()
    for name in SPAN_RULE_FILES:
        f = load_model(name, SpanRuleFile)
        for r in f.rules:
            if r.id in seen:
                raise RuleError(f"{rules_dir() / name}: duplicate rule id {r.id}")
            seen.add(r.id)
            try:
                compiled = regex.compile(expand(r.pattern, m), regex.IGNORECASE)
                # the prefix is matched backwards from the pattern's start: it must end there
                prefix = regex.compile(f"(?:{expand(r.prefix, m)})\\Z", regex.IGNORECASE) if r.prefix else None
            except regex.error as exc:
                raise RuleError(f"{rules_dir() / name}: rule {r.id}: bad pattern ({exc})") from None
            if r.prefix_required and not r.prefix:
                raise RuleError(f"{rules_dir() / name}: rule {r.id}: prefix_required without a prefix")
            out.append(CompiledRule(r, compiled, name, prefix))
    return tuple(out)


def rules_hash() -> str:
    """sha256 over every file in ``rules/`` (names and bytes), to tag runs."""
    return folder_hash(rules_dir())
