"""Vietnamese written numbers → Python numbers, in the contract's normal form.

- '.' followed by groups of exactly three digits separates thousands
  ("8.623" → 8623, "113.418" → 113418); any other '.' is a decimal point
  ("15.5", "148.44"). A group that starts with "0" ("0.095") is decimal:
  no number is written with a leading zero before a thousands separator.
- ',' is always a decimal comma ("132,06" → 132.06), also after thousands
  dots ("1.234,5" → 1234.5).
- Scale words multiply: nghìn/ngàn 1e3, vạn 1e4, triệu 1e6, tỷ/tỉ 1e9, and
  they stack ("5,9 nghìn tỷ" → 5.9e12).
"""

from __future__ import annotations

from decimal import Decimal

import regex

from .rules import words

# precompiled: a call such as regex.sub(literal, …) looks its pattern up in regex's cache every time
_LETTERS = regex.compile(r"\p{L}+")

_THOUSANDS = regex.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_PLAIN = regex.compile(r"\d+")
_DECIMAL_COMMA = regex.compile(r"(\d+(?:\.\d{3})*),(\d+)")
_DECIMAL_POINT = regex.compile(r"\d+\.\d+")

# the scale words and their factors: the word group SCALES of rules/numbers.yaml


class NotANumber(ValueError):
    """The string is not a written number in any form the contract knows."""


def _decimal(s: str) -> Decimal:
    s = s.strip()
    if _PLAIN.fullmatch(s):
        return Decimal(int(s))
    if _THOUSANDS.fullmatch(s):
        return Decimal(int(s.replace(".", "")))
    m = _DECIMAL_COMMA.fullmatch(s)
    if m:
        return Decimal(f"{int(m.group(1).replace('.', ''))}.{m.group(2)}")
    if _DECIMAL_POINT.fullmatch(s):
        return Decimal(s)
    raise NotANumber(f"not a Vietnamese written number: {s!r}")


def parse_number(s: str) -> float:
    """Parse one written number ("8.623", "132,06", "15.5", "02") to a float."""
    return float(_decimal(s))


def _scale(written: str | None) -> Decimal:
    factor = Decimal(1)
    scales = words("SCALES")
    for w in _LETTERS.findall((written or "").lower()):
        if w not in scales:
            raise NotANumber(f"unknown scale word {w!r}")
        factor *= Decimal(int(scales[w]))
    return factor


def parse_amount(number: str, scale: str | None = None) -> float:
    """A number with optional scale words: ("1,2", "triệu") → 1200000.0, exactly
    (decimal arithmetic, so "13,17 triệu" is 13170000, not 13169999.999…)."""
    return float(_decimal(number) * _scale(scale))
