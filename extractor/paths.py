"""Where the rules are: kept apart from :mod:`rules` so that :mod:`cache`,
which keys its tables by the rules in use, needs nothing else of it. The
folder is the current RuleSet's (see :mod:`ruleset`)."""

from __future__ import annotations

from .ruleset import default_rules_dir, rules_dir

__all__ = ["default_rules_dir", "rules_dir"]
