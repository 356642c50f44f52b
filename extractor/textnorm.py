"""Length-preserving text folding, so that matches on the folded text are
offsets of the original: lowercase, and one Vietnamese tone-placement form
("uỷ" = "ủy", "hoà" = "hòa", "thuý" = "thúy").  Also the comparison form the
scorer uses for strings (NFC, whitespace folded, case folded, tone placement).
"""

from __future__ import annotations

import unicodedata
from typing import overload

import regex

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
# "tỉ" (spelling variant of "tỷ") as a whole word
_TI = regex.compile(r"(?<!\p{L})tỉ(?!\p{L})")


def _lower_same_length(s: str) -> str:
    out = s.lower()
    if len(out) == len(s):
        return out
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in s)


def fold(s: str) -> str:
    """Lowercase + one tone-placement form + "tỉ"→"tỷ"; ``len(fold(s)) == len(s)``."""
    s = _lower_same_length(s)
    s = _PAIR_RE.sub(lambda m: _PAIRS[m.group(0)], s)
    return _TI.sub("tỷ", s)


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


# whole-word "ti" (from "tỉ", the spelling variant of "tỷ") → "ty", after the marks are gone
_TI_PLAIN = regex.compile(r"(?<!\p{L})ti(?!\p{L})")


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
    s = unicodedata.normalize("NFD", s.casefold().replace("đ", "d"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return _TI_PLAIN.sub("ty", unicodedata.normalize("NFC", s))
