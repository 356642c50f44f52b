"""Builders of numeric facts (quantity, percent, ratio, money) from rule matches.

A rule's pattern finds the span; this module turns its named groups into the
contract's fields: the value (``numerals``), the counted noun (``unit``), the
comparator. Its change, goal and period come from the words around it
(``attach``).
"""

from __future__ import annotations

import regex
from pydantic import BaseModel, ConfigDict

from .cache import disk_cached
from .draft import Draft
from . import tokens
from .matching import Candidate
from .numerals import NotANumber, parse_amount, parse_number
from .rules import alternation, load_model, words
from .ruleset import per_rules

# precompiled: a call such as regex.sub(literal, …) looks its pattern up in regex's cache every time
_LETTERS = regex.compile(r"\p{L}+")
_SPACES = regex.compile(r"\s+")
_GROUP3 = regex.compile(r"\.\d{3}")
_PERCENT_SIGN = regex.compile(r"\s*%")

# the comparator and currency words and their values: word groups of rules/numbers.yaml
# (COMPARATORS, AFTER_COMPARATORS, CURRENCIES), the same entries the patterns match


class UnitLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    units: list[str]


@disk_cached
def _units() -> regex.Pattern:
    words = sorted(load_model("units.yaml", UnitLexicon).units, key=len, reverse=True)
    return regex.compile(r"(?:" + "|".join(regex.escape(w) for w in words) + r")(?!\p{L})", regex.IGNORECASE)


@per_rules
def _fraction_noun() -> regex.Pattern:
    """A noun after a day/month-like ratio that makes it a fraction (FRACTION_NOUNS of rules/numbers.yaml)."""
    return regex.compile(r"\s+(?:" + alternation(words("FRACTION_NOUNS")) + r")\s")


def unit_extent(text: str, start: int, sent: tuple[int, int]) -> int:
    """End offset of the counted noun that starts at ``start``: the longest
    lexicon entry there (the head noun, without qualifiers: "hộ" of "hộ cận
    nghèo"), else the word underthesea segments there (the slow path)."""
    m = _units().match(text, start, sent[1])
    if m:
        return m.end()
    # segment only a few syllables from the noun on (cheap, and enough to see
    # a compound such as "phóng viên")
    w = _WINDOW.match(text, start, sent[1])
    window = w.group(0) if w else ""
    tok = tokens.word_at(window, 0) if window else None
    if tok is not None:
        return start + tok.end
    m = _LETTERS.match(text, start, sent[1])
    return m.end() if m else start


_THOUSANDS_ONLY = regex.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_WINDOW = regex.compile(r"\p{L}+(?:[ \t]+\p{L}+){0,3}")
_PER_UNIT = regex.compile(r"/[ \t]?(?:\d+(?:\.\d{3})*[ \t]*)?(?P<u>\p{L}+)(?:[ \t](?P<u2>\p{Ll}+))?(?!\p{L})")


def _comparator(m: regex.Match) -> str:
    gd = m.groupdict()
    if gd.get("after"):
        return words("AFTER_COMPARATORS")[_SPACES.sub(" ", gd["after"].lower())]
    if gd.get("cmp"):
        return words("COMPARATORS")[_SPACES.sub(" ", gd["cmp"].lower())]
    return "="


def _base(c: Candidate, text: str, start: int, end: int, **fields) -> Draft:
    return Draft(kind=c.kind, start=start, end=end, text=text[start:end], rule_id=c.rule.id, **fields)


def _unit(c: Candidate, text: str, sent: tuple[int, int]) -> tuple[str | None, int]:
    """(unit, span end) for a match with a ``unit`` group."""
    if c.match.group("unit") is None:
        return None, c.end
    us = c.match.start("unit")
    ue = unit_extent(text, us, sent)
    word = text[us:ue]
    if word[:1].isupper() and not word.isupper() and not _units().match(text, us, sent[1]):
        return "", ue  # a capitalised word that is no known noun: a name ("2017 Yamaha", "675 Hoàng Sa")
    per = _PER_UNIT.match(text, ue, sent[1])
    if per:  # a rate keeps its denominator: "1.728 khách/giờ", "100 km/h", "đồng/suất ăn"
        ue = per.end()
        if per.group("u2"):
            from .measure import is_word

            if not is_word(f"{per.group('u')} {per.group('u2')}"):
                ue = per.end("u")  # "đồng/lít lên mức mới": the next word is no part of the unit
    return (word if word.isupper() else word.lower()) + text[us + len(word) : ue], ue


_YEAR_LIKE = regex.compile(r"(?:19|20)\d\d")
_NOT_COUNTED_TAGS = frozenset({"V", "R", "A", "T", "C", "CC", "E", "P"})


def _year_before_predicate(num: str, text: str, us: int, sent: tuple[int, int]) -> bool:
    """Whether a bare four-digit number that reads as a year is followed by a verb, an adverb
    or a particle rather than a noun: "lợi nhuận sau thuế 2017 dự kiến đạt …", "mẫu xe 2017
    vừa ra mắt" name a year, no count ("2000 công nhân" stays a count)."""
    if not _YEAR_LIKE.fullmatch(num):
        return False
    from .vnlp import pos_tag

    w = _WINDOW.match(text, us, sent[1])
    tags = pos_tag(w.group(0)) if w else []
    return bool(tags) and tags[0][1] in _NOT_COUNTED_TAGS


def build(c: Candidate, text: str, sent: tuple[int, int]) -> list[Draft]:
    """Facts from one kept numeric candidate (two for a range); [] to reject."""
    m = c.match
    gd = m.groupdict()
    try:
        if gd.get("lo") is not None:
            return _range(c, text, sent)
        kind = c.kind
        cmp_ = _comparator(m)
        fields: dict = {"comparator": cmp_}
        end = c.end
        if kind == "percent":
            fields["value"] = parse_number(gd["num"])
        elif kind == "money":
            fields["value"] = parse_amount(gd["num"], gd.get("scale"))
            # no currency written: a rule that only matches amounts of money in đồng
            fields["currency"] = words("CURRENCIES")[_SPACES.sub(" ", gd["cur"].lower())] if gd.get("cur") else "VND"
            per = gd.get("per")
            if per and len(per.split()) == 2:
                from .measure import is_word

                if not is_word(per):
                    end = m.start("per") + len(per.split()[0])  # "đồng/lít lên …": "lên" is no part of the unit
        elif kind == "quantity":
            fields["value"] = parse_amount(gd["num"], gd.get("scale"))
            if gd.get("per"):
                unit = _SPACES.sub(" ", (gd["unit"] + "/" + gd["per"].strip()).lower())
            else:
                unit, end = _unit(c, text, sent)
                if unit == "" or (unit and cmp_ == "=" and _year_before_predicate(gd["num"], text, c.match.start("unit"), sent)):
                    return []
            fields["unit"] = unit
        elif kind == "ratio":
            num, den = parse_number(gd["num"]), parse_number(gd["den"])
            if den == 0:
                return []
            unit, end = _unit(c, text, sent)
            if unit == "":
                unit, end = None, c.match.end("den")
            if unit is None and _reads_as_day_month(gd["num"], gd["den"]) and not _fraction_noun().match(text, end):
                return []  # "18/4" alone is a date; "2/3 số hộ" is a fraction
            fields.update(numerator=num, denominator=den, unit=unit)
        else:
            return []
    except NotANumber:
        return []
    return [_base(c, text, c.start, end, **fields)]


def _reads_as_day_month(a: str, b: str) -> bool:
    return a.isdigit() and b.isdigit() and 1 <= int(a) <= 31 and 1 <= int(b) <= 12


def _range(c: Candidate, text: str, sent: tuple[int, int]) -> list[Draft]:
    m = c.match
    gd = m.groupdict()
    kind = c.kind
    hi_scale = gd.get("scale")
    lo_scale = gd.get("lo_scale") or hi_scale
    lo_val = parse_amount(gd["lo"], lo_scale) if kind != "percent" else parse_number(gd["lo"])
    hi_val = parse_amount(gd["hi"], hi_scale) if kind != "percent" else parse_number(gd["hi"])
    # "10-15.000 đồng" leaves the low end's thousands unwritten: 10.000-15.000
    groups = len(_GROUP3.findall(gd["hi"])) if _THOUSANDS_ONLY.fullmatch(gd["hi"]) else 0
    if groups and "." not in gd["lo"] and "," not in gd["lo"] and lo_val * 1000**groups <= hi_val:
        lo_val *= 1000**groups
    if lo_val >= hi_val:
        return []
    extra: dict = {}
    end = c.end
    if kind == "money":
        extra["currency"] = words("CURRENCIES")[_SPACES.sub(" ", gd["cur"].lower())]
    if kind == "quantity":
        unit, end = _unit(c, text, sent)
        if unit == "":
            return []
        extra["unit"] = unit
    lo_end = m.end("lo")
    tail = _PERCENT_SIGN.match(text[lo_end : m.start("hi")])
    if kind == "percent" and tail:
        lo_end += tail.end()
    lo = _base(c, text, c.start, lo_end, value=lo_val, comparator=">=", **extra)
    hi = _base(c, text, m.start("hi"), end, value=hi_val, comparator="<=", **extra)
    hi.range_high = True
    return [lo, hi]
