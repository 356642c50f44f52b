"""Where the rules are: kept apart from :mod:`rules` so that :mod:`cache`,
which keys its tables by the rules in use, needs nothing else of it."""

from __future__ import annotations

from pathlib import Path


def rules_dir() -> Path:
    """The rules directory: ``$CHITIEU_RULES`` if set, else the installed rules."""
    import os

    env = os.environ.get("CHITIEU_RULES")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    source_tree = here.parent / "rules"  # a checkout or an editable install
    if (source_tree / "macros.yaml").is_file():
        return source_tree
    return here / "rule_files"  # a wheel install: rules/ packaged as package data
