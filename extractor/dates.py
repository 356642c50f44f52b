"""Builders of ``date`` and ``period`` facts from rule matches, and the year
inference of the contract: a missing year comes from the publication date, else
from the latest year-bearing date in the body; a date no rule gives a year to
has ``value: null``.

Near a year boundary the publication year is corrected: a day or month more
than seven months after the publication is last year's ("tối 28/12" in an
article of 3 January), one more than ten months before it next year's ("ngày
5/1" in an article of 20 December). A period without a year ("6 tháng đầu
năm") takes the publication year, else the latest year-bearing date, else the
latest single year the body names ("năm 2016", "quý II/2017").
"""

from __future__ import annotations

import calendar
from typing import Any

import regex

from .draft import Draft
from .matching import Candidate
from .rules import alternation, load_yaml, word_key, words
from .ruleset import per_rules

# precompiled: a call such as regex.sub(literal, …) looks its pattern up in regex's cache every time
_ISO_DATE = regex.compile(r"(\d{4})-(\d{2})-(\d{2})")

PERIOD_VALUE_RE = regex.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# the relative year words, the month counts in words and the part words are
# word groups of rules/dates.yaml (REL_YEAR_BACK, REL_YEAR_ON, REL_YEAR_SENTENCE,
# MONTH_COUNTS, FIRST_PART), the same entries the patterns match


def _rel(word: str) -> int:
    """Years from the reference year to the one a relative word names."""
    key = word_key(word)
    back = words("REL_YEAR_BACK")
    return back[key] if key in back else words("REL_YEAR_ON")[key]


def _first_part(part: str | None) -> bool:
    """Whether a part word (none: the start) names the start of a year."""
    return not part or word_key(part) in words("FIRST_PART")
# months after / before the publication beyond which a year-less date is
# taken to be last / next year's
_AFTER_PUB = 7
_BEFORE_PUB = 10


def _valid(y: int | None, m: int, d: int | None) -> bool:
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    last = calendar.monthrange(y if y else 2000, m)[1]  # 2000 is a leap year: 29/2 allowed
    return 1 <= d <= last


def _has(match, name: str) -> bool:
    """Whether the rule has a group ``name`` and it took part in the match
    (an empty marker group counts)."""
    try:
        return match.group(name) is not None
    except IndexError:
        return False


def _build_dates(c: Candidate, text: str, base: dict) -> list[Draft]:
    mt = c.match
    core: Any = getattr(mt, "core", mt)  # the pattern's own match: repeated groups' captures
    gd = mt.groupdict()
    m = int(gd["m"])
    y = int(gd["y"]) if gd.get("y") else None
    d = int(gd["d"]) if gd.get("d") else None
    rel = gd.get("rel")
    if not _valid(y, m, d):
        return []
    # earlier dates of a list: (start, end, y, m, d)
    earlier: list[tuple[int, int, int | None, int, int | None]] = []
    if _has(mt, "d1"):
        days = [int(x) for x in core.captures("d1")]
        assert d is not None  # a list of days ends with the day of the date
        if any(not _valid(y, m, x) for x in days) or days + [d] != sorted(set(days + [d])):
            return []
        for i, ((s, e), x) in enumerate(zip(core.spans("d1"), days)):
            earlier.append((c.start if i == 0 else s, e, y, m, x))
    elif _has(mt, "m1"):
        m1 = int(gd["m1"])
        y1 = int(gd["y1"]) if gd.get("y1") else (None if y is None else (y if m1 <= m else y - 1))
        if not _valid(y1, m1, None):
            return []
        last = "y1" if gd.get("y1") else "m1"
        earlier.append((c.start, mt.end(last), y1, m1, None))
    start = mt.start("two") if _has(mt, "two") else c.start
    out = []
    for s, e, yy, mm, dd in earlier + [(start, c.end, y, m, d)]:
        f = Draft(**base, start=s, end=e, text=text[s:e], year=yy, month=mm, day=dd)
        f.rel_year = _rel(rel) if rel and yy is None else None
        out.append(f)
    return out


def build(c: Candidate, text: str) -> list[Draft]:
    """Facts of one kept date/period candidate; year-less values are left
    pending (``year`` None) for :func:`resolve_years`."""
    gd = c.match.groupdict()
    base: dict[str, Any] = {"kind": c.kind, "rule_id": c.rule.id}
    if c.kind == "date":
        return _build_dates(c, text, base)
    # periods
    fact = Draft(**base, start=c.start, end=c.end, text=text[c.start : c.end])
    if gd.get("dec"):
        dec = int(gd["dec"])
        dec = dec if dec >= 100 else 1900 + dec
        fact.years = (str(dec), str(dec + 9))
        return [fact]
    if gd.get("y1") or gd.get("y2"):
        y1 = int(gd["y1"]) if gd.get("y1") else None
        y2 = int(gd["y2"]) if gd.get("y2") else None
        if gd.get("y2s") and y1:
            y2 = y1 // 100 * 100 + int(gd["y2s"])
        if y1 and y2 and y2 <= y1:
            return []
        fact.years = (str(y1) if y1 else None, str(y2) if y2 else None)
        return [fact]
    y = int(gd["y"]) if gd.get("y") else None
    rel = gd.get("rel")
    fact.year = y
    fact.rel_year = _rel(rel) if rel else None
    fact.open_start = _has(c.match, "until") or _has(c.match, "before")
    fact.open_end = _has(c.match, "after")
    # "từ đầu năm 2017": from its first month on
    fact.from_first_month = _has(c.match, "from") and bool(gd.get("part")) and _first_part(gd["part"])
    if gd.get("fm"):  # from a month on: "từ đầu tháng 6 đến nay"
        fact.months = (int(gd["fm"]), int(gd["fm"]))
        fact.open_end = True
    elif _has(c.match, "qfirst") or _has(c.match, "qlast"):
        n = 3 * int(gd["nq"]) if gd.get("nq") else 3
        fact.months = (1, n) if _has(c.match, "qfirst") else (13 - n, 12)
    elif gd.get("q"):
        q = gd["q"].lower()
        q = _ROMAN.get(q) or int(q)
        fact.months = (3 * q - 2, 3 * q)
    elif gd.get("n") or gd.get("nw") or _has(c.match, "half"):
        if _has(c.match, "half"):
            n = 6
        elif gd.get("nw"):
            n = words("MONTH_COUNTS")[word_key(gd["nw"])]
        else:
            n = int(gd["n"])
        if not 1 <= n <= 12:
            return []
        fact.months = (1, n) if _first_part(gd.get("part")) else (13 - n, 12)
    else:
        fact.months = None  # the whole year
    return [fact]


def _pub_ymd(published: str | None) -> tuple[int, int, int] | None:
    if not published:
        return None
    m = _ISO_DATE.match(published)
    return (int(m[1]), int(m[2]), int(m[3])) if m else (int(published[:4]), 6, 15)


def _near_publication(pub: tuple[int, int, int], m: int, d: int | None) -> int:
    """The year of a year-less day/month as read by an article published on
    ``pub``."""
    py, pm, pd = pub
    delta = (m - pm) + ((d if d else 15) - pd) / 31
    if delta > _AFTER_PUB:
        return py - 1
    if delta < -_BEFORE_PUB:
        return py + 1
    return py


def _context_years(facts: list[Draft], text: str | None) -> list[int]:
    """The years a body without a publication date names that may date its
    report: the years of its dates and of its single-year periods, but not a
    birth date ("sinh ngày 18/9/1991"), a comparison base ("so với mức của năm
    2005"), the end of a target ("đến năm 2025", an open start), nor the year of
    the event a span runs from ("kể từ khi … vào năm 2014") or any earlier year."""
    out: list[int] = []
    since: list[int] = []
    past: list[int] = []
    birth = _birth_rx()
    comparison = None
    if text is not None:
        comparison, plan, strong, weak = _not_context_rx()
    for f in facts:
        if f.kind == "period" and f.years is not None and f.years[0] and f.years[1] is None \
                and text is not None and comparison is not None:
            # a span open towards the report ("Từ năm 1993, ông là giám đốc"): the report is in
            # or after its first year, so no earlier year dates it; not a plan's ("Từ năm 2018 sẽ …")
            left = text[max(0, f.start - 80) : f.start]
            left = left[max(left.rfind("."), left.rfind("\n")) + 1 :]
            right = text[f.end : f.end + 120]
            right = right[: min((i for i in (right.find("."), right.find("\n")) if i >= 0), default=len(right))]
            if not (plan.search(left) or strong.search(left) or weak.search(left)
                    or strong.search(right) or weak.search(right)):
                past.append(int(f.years[0][:4]))
            continue
        if f.kind not in ("date", "period") or not f.year or f.rel_year is not None:
            continue
        if f.kind == "period" and (f.years is not None or f.open_start):
            continue
        if text is not None and comparison is not None:
            left = text[max(0, f.start - 80) : f.start]
            cut = max(left.rfind("."), left.rfind("\n"))
            left = left[cut + 1 :]
            if f.kind == "period" and _since_event_rx().search(left):
                since.append(f.year)
                continue
            if birth.search(left) or comparison.search(left):
                continue
            if _past_event_rx().search(left):
                past.append(f.year)
                continue
            # a plan's, a goal's or a forecast's year ("kế hoạch năm 2018", "mục tiêu
            # năm 2020", "sẽ hoàn thành trong năm 2018")
            if f.kind == "period" and (plan.search(left) or strong.search(left) or weak.search(left)):
                continue
        out.append(f.year)
    # the report comes after the event a span runs from: no year up to that one dates it
    if since:
        out = [y for y in out if y > max(since)]
    # … and after a past event told as such ("hồi tháng 6/2016"): no earlier year dates it
    if past:
        out = [y for y in out if y >= max(past)]
    return out


@per_rules
def _not_context_rx() -> tuple[regex.Pattern, ...]:
    """The cues of rules/context.yaml (read by extractor/attach.py) before a time
    that does not date the report: a comparison base, a plan, a goal, a forecast."""
    c = load_yaml("context.yaml")
    return tuple(regex.compile(p, regex.IGNORECASE)
                 for p in (c["period"]["comparison"], c["period"]["plan"], c["target"]["strong"], c["target"]["weak"]))


@per_rules
def _since_event_rx() -> regex.Pattern:
    """A clause about the event a span runs from, before its year ("kể từ khi … vào năm 2014")."""
    return regex.compile(rf"(?<!\p{{L}})(?:{alternation(words('SINCE_EVENT_WORDS'))})(?!\p{{L}})[^,;:.()]{{0,70}}$",
                         regex.IGNORECASE)


@per_rules
def _past_event_rx() -> regex.Pattern:
    """A word that tells the time right after it as a past event's ("hồi tháng 6/2016")."""
    return regex.compile(rf"(?<!\p{{L}})(?:{alternation(words('PAST_EVENT_WORDS'))})"
                         rf"(?:\s+(?:{alternation(words('PAST_EVENT_PARTS'))}))?\s*$", regex.IGNORECASE)


@per_rules
def _birth_rx() -> regex.Pattern:
    return regex.compile(rf"(?<!\p{{L}})(?:{alternation(words('BIRTH_WORDS'))})\s*:?\s*$", regex.IGNORECASE)


def reference_year(published: str | None, facts: list[Draft], text: str | None = None) -> int | None:
    """The year for year-less dates: the publication year, else the latest year
    carried by a date of the body; with ``text``, the latest of the years that
    may date the report (:func:`_context_years`), dates and single-year
    periods alike."""
    if published:
        return int(published[:4])
    if text is not None:
        years = _context_years(facts, text)
        return max(years) if years else None
    years = [f.year for f in facts if f.kind == "date" and f.year]
    return max(years) if years else None


def period_reference_year(published: str | None, facts: list[Draft], text: str | None = None) -> int | None:
    """The year for year-less periods: as for dates, else the latest single
    year a period of the body names ("năm 2016", "6 tháng đầu năm 2017")."""
    ref = reference_year(published, facts, text)
    if ref is not None or text is not None:
        return ref
    years = [f.year for f in facts if f.kind == "period" and f.year and not f.open_start and not f.open_end]
    return max(years) if years else None


def resolve_years(facts: list[Draft], published: str | None, text: str | None = None) -> None:
    """Fill ``value`` / ``value_start`` / ``value_end`` in place; ``text``: the
    document, to leave birth dates and comparison bases out of the context year."""
    pref = period_reference_year(published, facts, text)
    # a date with no year in reach takes the latest single year the body names,
    # as a period does ("ngày 7/7" in an article about "6 tháng đầu năm 2017")
    ref = reference_year(published, facts, text) or pref
    pub = _pub_ymd(published)
    # years the sentences themselves state, for "năm trước" ("the year before"),
    # which counts from the sentence's year: "Năm 2019 … tăng 27% so với năm trước"
    stated: dict[int, list[tuple[int, int]]] = {}
    for f in facts:
        y = f.year or (f.years and f.years[1] and int(f.years[1][:4]))
        if f.kind in ("date", "period") and y and f.sent is not None:
            stated.setdefault(f.sent, []).append((f.start, int(y)))
    for f in facts:
        if f.kind == "date":
            y, rel = f.year, f.rel_year
            m, d = f.month, f.day
            assert m is not None  # dates.build sets a date's month
            if y is None:
                if rel is not None:
                    y = ref + rel if ref is not None else None
                elif pub:
                    y = _near_publication(pub, m, d)
                else:
                    y = ref
            if y is None:
                f.value = None
            else:
                f.value = f"{y:04d}-{m:02d}" + (f"-{d:02d}" if d else "")
        elif f.kind == "period":
            if f.years is not None:
                f.value_start, f.value_end = f.years
                continue
            y, rel, months = f.year, f.rel_year, f.months
            open_start = f.open_start
            open_end = f.open_end
            first_month = f.from_first_month
            if y is None and rel == -1 and any(word_key(f.text).endswith(w) for w in words("REL_YEAR_SENTENCE")):
                earlier = [yy for st, yy in stated.get(f.sent, []) if st < f.start] if f.sent is not None else []
                if earlier:
                    y = earlier[-1] - 1
            if y is None:
                y = pref + (rel or 0) if pref is not None else None
            if y is None:
                f.value_start = f.value_end = None
                f.ignore = True
                continue
            if months:
                f.value_start, f.value_end = f"{y:04d}-{months[0]:02d}", f"{y:04d}-{months[1]:02d}"
            else:
                f.value_start = f.value_end = f"{y:04d}"
            if open_start:
                f.value_start = None
            if open_end:
                f.value_end = None
                if first_month:
                    f.value_start = f"{y:04d}-01"


def period_string(f: Draft | dict) -> str | None:
    """A period fact (a ``Draft`` or an output dict) as the contract's attribute form "START/END"."""
    a, b = (f.get("value_start"), f.get("value_end")) if isinstance(f, dict) else (f.value_start, f.value_end)
    if a is None and b is None:
        return None
    return f"{a or ''}/{b or ''}"
