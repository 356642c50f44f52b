"""Tables that are costly to build (the gazetteer, the compiled rule regexes)
kept on disk between runs, so a cold ``chitieu extract`` does not rebuild them.

A table is a pickle in the cache folder (``$CHITIEU_CACHE_DIR``, else
``$XDG_CACHE_HOME/chitieu``, else ``~/.cache/chitieu``) named by a key: the
sha256 of every rules file (names and bytes, of the rules folder in use), of
every source file of the ``extractor`` package, and of the versions of Python
and of the packages the tables come from. Any change to one of them names
another file, so a stale table is never read. `regex` patterns pickle with
their compiled program: loading one takes a millisecond where compiling it
takes up to 0.4 s.

Two processes may build the same table at once: each writes a temporary file
in the folder and renames it into place (atomic on POSIX and Windows), so a
reader sees a whole file or none. A file that fails to load is rebuilt; a
folder that cannot be written is no error (the table is built every run).
Writing a table removes its files under other keys that are more than a week
old. ``CHITIEU_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import TypeVar
from collections.abc import Callable

from .ruleset import active, per_rules, rules_dir

T = TypeVar("T")

# the packages the tables are built from or pickled with; their installed
# distribution folders ("regex-2026.5.9.dist-info") name their versions
_DEPENDENCIES = ("regex", "pydantic", "pydantic_core", "vietnamadminunits", "yaml")


def cache_dir() -> Path | None:
    env = os.environ.get("CHITIEU_CACHE_DIR")
    if env:
        return None if env == "off" else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "chitieu"


def _installed(module: str) -> str:
    """Where ``module`` is installed and its distribution's version, without
    importing it (importlib.metadata's scan of sys.path costs ~35 ms)."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return f"{module} missing"
    where = Path(spec.origin).parent
    site = where.parent if spec.submodule_search_locations else where
    stem = where.name if spec.submodule_search_locations else module
    infos = sorted(p.name for p in site.glob("*.dist-info") if p.name.split("-")[0].lower().replace("_", "")
                   in (stem.lower().replace("_", ""), "pyyaml" if stem == "yaml" else ""))
    return f"{module} at {spec.origin} {infos}"


@functools.lru_cache(maxsize=4)
def _key(rules: str) -> str:
    h = hashlib.sha256()
    h.update(sys.version.encode())
    for module in _DEPENDENCIES:
        h.update(_installed(module).encode())
    root = Path(rules)
    for p in sorted(root.rglob("*.yaml")):
        h.update(str(p.relative_to(root)).encode())
        h.update(p.read_bytes())
    pkg = Path(__file__).resolve().parent
    for p in sorted(pkg.glob("*.py")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:24]


def key() -> str:
    """The key of the rules in use: that of the RuleSet being built (hashed
    once per RuleSet, so a RuleSet made after an edit of its folder has a new
    key), else that of the default folder."""
    rs = active()
    if rs is None:
        return _key(str(rules_dir().resolve()))
    return rs.table("cache.key", lambda: _key.__wrapped__(str(rs.folder.resolve())))


def load_or_build(name: str, build: Callable[[], T]) -> T:
    """The table ``name`` from the cache, else ``build()`` stored there."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key()}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception:  # a truncated or foreign file: build it again
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            _prune(folder, name, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except Exception:  # an unwritable folder, a table that does not pickle: no cache
        pass
    return value


STALE_DAYS = 7


def _prune(folder: Path, name: str, keep: Path) -> None:
    """Remove the same table under other keys when unchanged for STALE_DAYS
    (each edit of a rule or a source makes a new key; another checkout's
    newer tables are left alone)."""
    import time

    limit = time.time() - STALE_DAYS * 86400
    for other in folder.glob(f"{name}-*.pickle"):
        try:
            if other != keep and other.stat().st_mtime < limit:
                other.unlink()
        except OSError:
            pass


def disk_cached(fn: Callable[[], T]) -> Callable[[], T]:
    """Decorator for a table builder without arguments: once per RuleSet (see
    :func:`ruleset.per_rules`) and once per key on disk (the key of that
    RuleSet's folder, so two folders never share a table)."""
    name = f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"
    wrapper = per_rules(fn, build=lambda: load_or_build(name, fn))
    wrapper.__wrapped__ = fn  # type: ignore[attr-defined]
    return wrapper
