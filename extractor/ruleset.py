"""One home for the rules in use: a :class:`RuleSet` is one rules folder and
every table built from it — the validated models of its YAML files, the
compiled patterns, the word lookups — kept on the RuleSet, not in the modules.

The modules keep their table functions (``measure.lexicon()``,
``indicators.taxonomy()``, ``rules.span_rules()``…), decorated with
:func:`per_rules` (or :func:`cache.disk_cached`, which also keeps the table on
disk): a call looks the table up in the *current* RuleSet and builds it there
on first use. The current RuleSet is the one made current by ``with
use(rules):`` — a context variable, so each thread and asyncio task has its
own and two RuleSets can run side by side in one process — else the default
one: the folder of ``$CHITIEU_RULES``, or the package's rules, resolved at the
first table built and kept (a table function's ``cache_clear()`` forgets it,
so the folder is looked up again).

    from extractor.ruleset import RuleSet, use
    old, new = RuleSet("rules-v1"), RuleSet("rules-v2")
    extract_text(text, rules=old), extract_text(text, rules=new)

This module needs only the standard library: read-only commands import it
without the rule models.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class RuleError(ValueError):
    """A rules file is malformed; the message names the file and the rule."""


def default_rules_dir() -> Path:
    """The rules directory: ``$CHITIEU_RULES`` if set, else the installed rules."""
    env = os.environ.get("CHITIEU_RULES")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    source_tree = here.parent / "rules"  # a checkout or an editable install
    if (source_tree / "macros.yaml").is_file():
        return source_tree
    return here / "rule_files"  # a wheel install: rules/ packaged as package data


# the table functions, by "module.name": what RuleSet.build() builds
_TABLES: dict[str, Callable[[], Any]] = {}
# the modules that define them (imported by RuleSet.build())
_TABLE_MODULES = ("rules", "textnorm", "numeric", "measure", "indicators", "attach", "checks", "citations",
                  "boilerplate", "html_input", "areas", "persons", "dates")


class RuleSet:
    """The rules of one folder and the tables built from them, each built once
    (on first use, or all at once by :meth:`build`)."""

    __slots__ = ("folder", "tables")

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_rules_dir()
        self.tables: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"RuleSet({str(self.folder)!r}, {len(self.tables)} tables built)"

    @classmethod
    def load(cls, folder: str | os.PathLike[str] | None = None) -> RuleSet:
        """A RuleSet with every file validated and every table built: a
        malformed file is a :class:`RuleError` here, naming the file and key."""
        rs = cls(folder)
        if not (rs.folder / "macros.yaml").is_file():
            raise RuleError(f"{rs.folder}: not a rules folder (no macros.yaml); copy the package's rules/ and edit it")
        return rs.build()

    def build(self) -> RuleSet:
        """Build every table of the package's modules now."""
        import importlib

        for name in _TABLE_MODULES:
            importlib.import_module(f"{__package__}.{name}")
        for key in list(_TABLES):
            self.table(key, _TABLES[key])
        return self

    def table(self, key: str, build: Callable[[], T]) -> T:
        """The table ``key``, built by ``build()`` (with this RuleSet current) if missing."""
        try:
            return self.tables[key]
        except KeyError:
            pass
        token = _ACTIVE.set(self)
        try:
            value = build()
        finally:
            _ACTIVE.reset(token)
        self.tables[key] = value
        return value

    def hash(self) -> str:
        """sha256 over every file of the folder (names and bytes), to tag runs."""
        return folder_hash(self.folder)

    @contextmanager
    def use(self) -> Iterator[RuleSet]:
        with use(self) as rs:
            yield rs


def folder_hash(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*.yaml")):
        h.update(str(p.relative_to(root)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


_ACTIVE: ContextVar[RuleSet | None] = ContextVar("chitieu_rules", default=None)
_default: RuleSet | None = None
# default RuleSets by folder, so that going back to a folder finds its tables
_DEFAULTS: dict[Path, RuleSet] = {}


def _resolve_default() -> RuleSet:
    global _default
    folder = default_rules_dir()
    rs = _DEFAULTS.get(folder)
    if rs is None:
        while len(_DEFAULTS) >= 4:  # test folders come and go: keep a few
            del _DEFAULTS[next(iter(_DEFAULTS))]
        rs = _DEFAULTS[folder] = RuleSet(folder)
    _default = rs
    return rs


def current() -> RuleSet:
    """The RuleSet in use: the one of the innermost ``use()``, else the default."""
    return _ACTIVE.get() or _default or _resolve_default()


def active() -> RuleSet | None:
    """The RuleSet of the innermost ``use()`` (or of a table being built), if any."""
    return _ACTIVE.get()


def rules_dir() -> Path:
    """The folder of the rules in use: the current ``use()``'s, else
    ``$CHITIEU_RULES``, else the installed rules."""
    rs = _ACTIVE.get()
    return rs.folder if rs is not None else default_rules_dir()


@contextmanager
def use(rules: RuleSet | str | os.PathLike[str] | None) -> Iterator[RuleSet]:
    """Make ``rules`` (a RuleSet or a folder) current in this context; None
    keeps the current one."""
    if rules is None:
        yield current()
        return
    rs = rules if isinstance(rules, RuleSet) else RuleSet(rules)
    token = _ACTIVE.set(rs)
    try:
        yield rs
    finally:
        _ACTIVE.reset(token)


def reset() -> None:
    """Forget the default RuleSet: the next table looks ``$CHITIEU_RULES`` up again."""
    global _default
    _default = None


def _clearer(key: str) -> Callable[[], None]:
    def cache_clear() -> None:
        current().tables.pop(key, None)
        reset()

    return cache_clear


def _key_of(fn: Callable[..., Any]) -> str:
    """A table's name: "module.function" ("rules.span_rules", "indicators._index")."""
    return f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__qualname__}"


def per_rules(fn: Callable[[], T], build: Callable[[], T] | None = None) -> Callable[[], T]:
    """Decorator for a table function without arguments: its value is built
    once per RuleSet (by ``build``, default ``fn``) and kept on it."""
    key = _key_of(fn)
    make = build or fn

    @functools.wraps(fn)
    def wrapper() -> T:
        rs = _ACTIVE.get() or _default or _resolve_default()
        try:
            return rs.tables[key]
        except KeyError:
            return rs.table(key, make)

    wrapper.cache_clear = _clearer(key)  # type: ignore[attr-defined]
    _TABLES[key] = wrapper
    return wrapper


def per_rules_memo(maxsize: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorator for a function of its arguments and of the rules (a folded
    syllable): an ``lru_cache`` of ``maxsize`` per RuleSet."""

    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        key = _key_of(fn)

        @functools.wraps(fn)
        def wrapper(*args: Any) -> T:
            rs = _ACTIVE.get() or _default or _resolve_default()
            try:
                memo = rs.tables[key]
            except KeyError:
                memo = rs.tables[key] = functools.lru_cache(maxsize=maxsize)(fn)
            return memo(*args)

        wrapper.cache_clear = _clearer(key)  # type: ignore[attr-defined]
        return wrapper

    return decorate
