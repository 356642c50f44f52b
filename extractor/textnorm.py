"""Length-preserving text folding, so that matches on the folded text are
offsets of the original: lowercase, and one Vietnamese tone-placement form
("uỷ" = "ủy", "hoà" = "hòa", "thuý" = "thúy").  Also the comparison form the
scorer uses for strings (NFC, whitespace folded, case folded, tone placement).
"""

from __future__ import annotations

import unicodedata
from typing import overload

import regex

from .ruleset import per_rules, per_rules_memo

# precompiled: a call such as regex.sub(literal, …) looks its pattern up in regex's cache every time
_SPACES = regex.compile(r"\s+")

# tone on the second vowel of a syllable-final oa/oe/uy → on the first ("hoà" →
# "hòa"); a pair followed by a consonant ("hoàng") has one correct form only
_PAIRS = {}
for tone_o, tone_a in zip("òóỏõọ", "àáảãạ"):
    _PAIRS["o" + tone_a] = tone_o + "a"
for tone_o, tone_e in zip("òóỏõọ", "èéẻẽẹ"):
    _PAIRS["o" + tone_e] = tone_o + "e"
for tone_u, tone_y in zip("ùúủũụ", "ỳýỷỹỵ"):
    _PAIRS["u" + tone_y] = tone_u + "y"
_PAIR_RE = regex.compile("(?:" + "|".join(sorted(_PAIRS, key=len, reverse=True)) + r")(?!\p{L})")


def _plain(s: str) -> str:
    """Lowercase, every diacritic removed, đ → d (NFC)."""
    s = unicodedata.normalize("NFD", s.casefold().replace("đ", "d"))
    return unicodedata.normalize("NFC", "".join(ch for ch in s if not unicodedata.combining(ch)))


@per_rules
def _spellings() -> tuple[regex.Pattern, dict[str, str], regex.Pattern, dict[str, str]]:
    """Whole-word spelling variants folded to one form (``folded`` of
    rules/spelling.yaml: "tỉ" → "tỷ"): the pattern and table of the folded
    text, and of the search keys (the same entries without diacritics).
    Read with PyYAML alone: search keys serve read-only commands, which do
    not load the rule models."""
    import yaml

    from .paths import rules_dir

    path = rules_dir() / "spelling.yaml"
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    table = {" ".join(k.lower().split()): v for k, v in ((data or {}).get("folded") or {}).items()}
    if not table or any(not isinstance(v, str) or len(k) != len(v) for k, v in table.items()):
        from .rules import RuleError

        raise RuleError(f"{path}: folded: an empty word group, or a variant whose form is not a word of its length")
    plain = {_plain(k): _plain(v) for k, v in table.items()}

    def alternation(words: dict[str, str]) -> str:
        return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))

    return (regex.compile(r"(?<!\p{L})(?:" + alternation(table) + r")(?!\p{L})"), table,
            regex.compile(r"(?<!\p{L})(?:" + alternation(plain) + r")(?!\p{L})"), plain)


def _lower_same_length(s: str) -> str:
    out = s.lower()
    if len(out) == len(s):
        return out
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in s)


@per_rules_memo(8192)  # the same clause or noun phrase is folded again by each step that reads it
def fold(s: str) -> str:
    """Lowercase + one tone-placement form + one spelling ("tỉ"→"tỷ"); ``len(fold(s)) == len(s)``."""
    s = _lower_same_length(s)
    # each substitution only where a match can be: its pair or word in the text (str's
    # substring search, much cheaper than the regex scan that mostly finds nothing)
    if any(map(s.__contains__, _PAIRS)):
        s = _PAIR_RE.sub(lambda m: _PAIRS[m.group(0)], s)
    rx, table, _, _ = _spellings()
    if any(map(s.__contains__, table)):
        s = rx.sub(lambda m: table[m.group(0)], s)
    return s


@overload
def compare_form(s: str) -> str: ...
@overload
def compare_form(s: None) -> None: ...
def compare_form(s: str | None) -> str | None:
    """The scorer's string comparison form."""
    if s is None:
        return None
    s = unicodedata.normalize("NFC", s)
    s = _SPACES.sub(" ", s).strip().casefold()
    s = _PAIR_RE.sub(lambda m: _PAIRS[m.group(0)], s)
    return s


@overload
def search_key(s: str) -> str: ...
@overload
def search_key(s: None) -> None: ...
def search_key(s: str | None) -> str | None:
    """The form people type Vietnamese in a search box: lowercase, every
    diacritic removed and đ → d ("Tỷ lệ hộ nghèo đạt" → "ty le ho ngheo dat";
    "tỉ" and "tỷ" both → "ty").  ``sentences.text_folded`` stores it and search
    queries are folded the same way.  Not length-preserving."""
    if s is None:
        return None
    _, _, rx, plain = _spellings()
    return rx.sub(lambda m: plain[m.group(0)], _plain(s))
