"""Attributes a figure takes from the words around it: its `period` (the time
the figure refers to), `target` (a goal, plan or forecast) and `change` (the
figure is an amount of increase or decrease). The vocabulary is
rules/context.yaml.

A sentence is cut into clauses at , ; : ( and ). A figure's period is, in
order: a time expression of its own clause (the nearest one after the figure
and before the next figure, else the nearest one before it: "từ 11.160 tỷ
đồng năm 2012 lên 41.924 tỷ đồng năm 2016" gives each figure its own year);
for a figure after a colon or alone in parentheses, the time of the clause it
labels; a time expression that opens an earlier clause of the sentence
("Năm 2015, …", "Hôm nay (27/4), …"); else the period carried on in the
paragraph. Time expressions are the sentence's `period` facts and `date`
facts (a day is "YYYY-MM-DD", a month "YYYY-MM/YYYY-MM", "từ ngày A đến ngày
B" a day span "A/B", "từ ngày A đến nay" "A/"), the relative days "cùng
ngày" and "hôm sau", and vague times ("hiện nay", "đến nay", "vài ngày sau")
that say the figure's time is not known. Comparison bases ("so với cùng kỳ
năm 2022"), periods naming a standard or document, and times inside a
parenthesis that does not hold the figure are not the figure's time.
A time expression opening a clause, and a "từ … đến …" span, carry on to the
next sentences of the paragraph (in a body scraped as one line, to the next
three sentences only); a vague one ends the carried period.
In an article without a publication date whose report day ("Ngày 19/5, …")
falls months before a day of the same year the body dates, the body's latest
year is contradicted: its year-less times give no figure a period.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict

from .cache import disk_cached
from .dates import _not_context_rx, period_string
from .draft import DocContext, Draft
from .gate import fold, gate, may_match
from .models import NUMERIC_KINDS
from .rules import load_model
from .ruleset import per_rules
from .sentences import Sentence


class TargetCues(BaseModel):
    model_config = ConfigDict(extra="forbid")
    strong: str
    weak: str
    stop: str
    achieved: str
    plan_value: str
    plan_named: str


class PeriodCues(BaseModel):
    model_config = ConfigDict(extra="forbid")
    framing: str
    vague: str
    duration: str
    same_day: str
    next_day: str
    relative_day: str
    comparison: str
    descriptor: str
    since: str
    until_now: str
    span_join: str
    until_join: str
    half_month: str
    span_start: str
    plan: str
    year_start: str
    continuation: str
    same_period: str
    relative_part: str
    relative_shift: dict[str, int]
    hand_over: str
    hand_over_statement: str
    closing: str
    closing_break: str
    since_point: str
    whole_year: str
    past_year: str
    dimension: str
    founding: str
    founding_with: str
    contract_month: str
    record_since: str


class ContextRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    change: dict[str, str]
    change_object: dict[str, str]
    comparative: dict[str, str]
    comparative_base: str
    change_percent_object: dict[str, str]
    time_base: str
    level: str
    conjunction: str
    parallel_base: str
    parallel_phrase: str
    restate: str
    percent_range_high: str
    range_from: str
    range_to: str
    target: TargetCues
    period: PeriodCues
    plan_units: list[str]


@dataclass(frozen=True)
class _Cues:
    change: dict[str, regex.Pattern]
    change_object: dict[str, regex.Pattern]
    comparative: dict[str, regex.Pattern]
    comparative_base: regex.Pattern
    change_percent_object: dict[str, regex.Pattern]
    time_base: regex.Pattern
    level: regex.Pattern
    conjunction: regex.Pattern
    parallel_base: regex.Pattern
    parallel_phrase: regex.Pattern
    restate: regex.Pattern
    percent_range_high: regex.Pattern
    range_from: regex.Pattern
    range_to: regex.Pattern
    strong: regex.Pattern
    weak: regex.Pattern
    stop: regex.Pattern
    achieved: regex.Pattern
    plan_value: regex.Pattern
    plan_named: regex.Pattern
    framing: regex.Pattern
    vague: regex.Pattern
    duration: regex.Pattern
    same_day: regex.Pattern
    next_day: regex.Pattern
    relative_day: regex.Pattern
    comparison: regex.Pattern
    descriptor: regex.Pattern
    since: regex.Pattern
    until_now: regex.Pattern
    span_join: regex.Pattern
    until_join: regex.Pattern
    half_month: regex.Pattern
    span_start: regex.Pattern
    plan: regex.Pattern
    year_start: regex.Pattern
    continuation: regex.Pattern
    same_period: regex.Pattern
    relative_part: regex.Pattern
    relative_shift: dict[str, int]
    hand_over: regex.Pattern
    hand_over_statement: regex.Pattern
    closing: regex.Pattern
    closing_break: regex.Pattern
    since_point: regex.Pattern
    whole_year: regex.Pattern
    past_year: regex.Pattern
    dimension: regex.Pattern
    founding: regex.Pattern
    founding_with: regex.Pattern
    contract_month: regex.Pattern
    record_since: regex.Pattern
    plan_units: frozenset[str]


@disk_cached
def cues() -> _Cues:
    c = load_model("context.yaml", ContextRules)

    def rx(p: str) -> regex.Pattern:
        return regex.compile(p, regex.IGNORECASE)

    return _Cues(
        change={k: rx(v) for k, v in c.change.items()},
        change_object={k: rx(v) for k, v in c.change_object.items()},
        comparative={k: rx(v) for k, v in c.comparative.items()}, comparative_base=rx(c.comparative_base),
        change_percent_object={k: rx(v) for k, v in c.change_percent_object.items()}, time_base=rx(c.time_base),
        level=rx(c.level), conjunction=rx(c.conjunction),
        parallel_base=rx(c.parallel_base), parallel_phrase=rx(c.parallel_phrase), restate=rx(c.restate),
        percent_range_high=rx(c.percent_range_high),
        range_from=rx(c.range_from), range_to=rx(c.range_to),
        strong=rx(c.target.strong), weak=rx(c.target.weak), stop=rx(c.target.stop),
        achieved=rx(c.target.achieved), plan_value=rx(c.target.plan_value),
        plan_named=rx(c.target.plan_named),
        **{k: rx(getattr(c.period, k)) for k in PeriodCues.model_fields if k != "relative_shift"},
        relative_shift=c.period.relative_shift,
        plan_units=frozenset(c.plan_units),
    )


@per_rules
def _cue_gates() -> dict[str, tuple[str, ...] | None]:
    """The words one of which each per-sentence cue's match holds (:mod:`gate`)."""
    c = cues()
    return {k: gate(getattr(c, k)) for k in ("same_day", "next_day", "relative_day", "relative_part", "same_period", "vague",
                                             "comparison", "plan", "descriptor", "whole_year", "past_year")}


CLAUSE_MARKS = ",;:()"
LEFT_REACH = 200  # characters before a figure searched for its change words
DIMENSION_KINDS = ("quantity", "ratio")  # a size is counted or measured, not a share nor a sum
AFTER_REACH = 60  # a time expression further after the figure is about something else
# a body scraped as one line is one "paragraph": there a carried period reaches
# only the next few sentences (a topical block), not the rest of the body
LONG_PARAGRAPH = 12  # sentences
CARRY_IN_LONG = 3  # sentences


def _clause(text: str, lo: int, hi: int, start: int, end: int, marks: str = CLAUSE_MARKS) -> tuple[int, int]:
    """The clause of text[start:end] within the sentence [lo, hi)."""
    a = max([lo] + [text.rfind(ch, lo, start) + 1 for ch in marks])
    bs = [i for i in (text.find(ch, end, hi) for ch in marks) if i >= 0]
    return a, min(bs) if bs else hi


PAREN_REACH = 300


def _paren_depth(text: str, lo: int, pos: int) -> tuple[int, int] | None:
    """The parenthesis (open, close) that holds ``pos``, if any."""
    depth = 0
    # a bounded look back: a parenthesis holding a figure opens within a few hundred
    # characters, and a sentence of thousands of figures stays linear
    for i in range(pos - 1, max(lo, pos - PAREN_REACH) - 1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                j = text.find(")", pos)
                return i, (j if j >= 0 else len(text))
            depth -= 1
    return None


# ---------------------------------------------------------------- change


@per_rules
def _change_gates() -> dict[str, Any]:
    """The words one of which each change and target cue's match holds (:mod:`gate`)."""
    c = cues()
    return {"level": gate(c.level), "change": {k: gate(rx) for k, rx in c.change.items()},
            "change_object": {k: gate(rx) for k, rx in c.change_object.items()},
            "comparative": {k: gate(rx) for k, rx in c.comparative.items()},
            "change_percent_object": {k: gate(rx) for k, rx in c.change_percent_object.items()},
            **{k: gate(getattr(c, k)) for k in ("strong", "weak", "plan_named", "achieved")}}


def change_of(text: str, sent_start: int, fact_start: int, fact_end: int | None = None) -> str | None:
    left = text[max(sent_start, fact_start - LEFT_REACH) : fact_start]
    c = cues()
    # the low end of a range of changes after its cue ("mức giảm giá từ 50 triệu đồng cho
    # đến 210 triệu đồng"), not a starting level ("giảm từ 40% xuống còn 30%")
    if fact_end is not None and (rf := c.range_from.search(left)) is not None and c.range_to.match(text, fact_end):
        left = left[: rf.start()]
    # a cue none of whose words the window holds is not searched for (gate)
    g, folded = _change_gates(), fold(left)
    if may_match(g["level"], folded) and c.level.search(left):
        return None
    for key, rx in c.change.items():
        if may_match(g["change"][key], folded) and rx.search(left):
            return key
    for key, rx in c.change_object.items():
        if may_match(g["change_object"][key], folded) and rx.search(left):
            return key
    word = text[fact_start:fact_end] if fact_end is not None else ""
    # "giảm lãi suất 0,5%", and the low end of "giảm giá thuốc từ 10 - 15%"
    if word.rstrip().endswith("%") or (fact_end is not None and c.percent_range_high.match(text, fact_end)):
        for key, rx in c.change_percent_object.items():
            if may_match(g["change_percent_object"][key], folded) and rx.search(left):
                return key
    # "tăng so với cùng kỳ 15%", "cao hơn năm ngoái 30.000 tấn": the cue before the time base
    m = c.time_base.search(left)
    if m is not None:
        head = left[: m.start()]
        if not c.level.search(head):
            for rxs in (c.change, c.comparative):
                for key, rx in rxs.items():
                    if rx.search(head):
                        return key
    # "cao hơn 6% so với …" (the span may hold "hơn" and the "so" after it)
    if fact_end is not None:
        lead = left + ("hơn " if word.lower().startswith("hơn") else "")
        tail = text[fact_end - 2 : fact_end + 40]
        if c.comparative_base.match(tail):
            flead = fold(lead)
            for key, rx in c.comparative.items():
                if may_match(g["comparative"][key], flead) and rx.search(lead):
                    return key
    return None


# ---------------------------------------------------------------- target


def _is_goal(f: Draft, text: str, lo: int, hi: int, prev: Draft | None, prev_goal: bool, ctx: DocContext | None = None) -> bool:
    c = cues()
    start = f.start
    paren = _paren_depth(text, lo, start)
    a, _ = ctx.clause(lo, hi, start, f.end) if ctx is not None else _clause(text, lo, hi, start, f.end)
    # the plan's own amount: "kế hoạch năm 2017 (3.550 tỷ đồng)"
    if paren and text[f.end : paren[1]].strip() == "" and c.plan_value.search(text, lo, paren[0] + 1):
        return True
    # a cue of the figure's own clause, before it, or the plan it is the figure of
    g, clause = _change_gates(), fold(text[a:start])  # a cue's words must be in the clause (gate)
    if (may_match(g["strong"], clause) and c.strong.search(text, a, start)) \
            or (may_match(g["weak"], clause) and c.weak.search(text, a, start)) \
            or (may_match(g["plan_named"], clause) and c.plan_named.search(text[a:start])):
        return True
    # a figure continuing the previous one ("700 tỷ won …, 300 tỷ won")
    if prev is not None and c.conjunction.search(text[max(prev.end, a) : start]) and \
            (prev.end >= a or text[a:start].strip() == ""):
        return prev_goal
    if may_match(g["achieved"], clause) and c.achieved.search(text, a, start):
        return False
    # a strong cue of an earlier clause, outside parentheses (or in the same
    # parenthesis), with no clause opening on a stop word in between
    lo_scan = paren[0] + 1 if paren else lo
    earlier = c.strong.finditer(text, lo_scan, a) if may_match(g["strong"], fold(text[lo_scan:a])) else ()
    for m in earlier:
        mp = _paren_depth(text, lo_scan, m.start())
        if mp is not None and mp[1] < start:
            continue
        blocked = False
        i = m.end()
        while True:
            j = min([k for k in (text.find(ch, i, a) for ch in ",;:") if k >= 0], default=-1)
            if j < 0:
                break
            if c.stop.search(text[j + 1 : start]):
                blocked = True
                break
            i = j + 1
        if not blocked:
            return True
    return False


def _range_pair(lo: Draft | None, hi: Draft) -> bool:
    """Whether ``hi`` is the high end of a range whose low end is ``lo`` (numeric.build)."""
    return lo is not None and hi.range_high and lo.comparator == ">=" and lo.end <= hi.start and lo.kind == hi.kind


def _parallel(prev: Draft, f: Draft, text: str, hi: int) -> bool:
    """Whether ``f`` repeats the previous change's figure with a phrase of the same
    opening word after each ("giảm 200.000 đồng chiều mua và 100.000 đồng chiều bán"):
    same kind and unit, joined by a conjunction after a short phrase without figures."""
    if f.kind != prev.kind or f.unit != prev.unit or f.currency != prev.currency:
        return False
    m = cues().parallel_phrase.match(text[prev.end : f.start])
    if m is None:
        return False
    nxt = _FIRST_WORD.match(text, f.end, min(hi, f.end + 30))
    if nxt is None:
        return False
    # the phrase after the first figure holds that word as a word of its own
    word = nxt.group(1).casefold()
    return any(w.group().casefold() == word for w in _WORD.finditer(m.group("mid")))


def attach_goals(nums: list[Draft], text: str, sent: tuple[int, int], ctx: DocContext | None = None) -> None:
    """Set `change` and `target` on the numeric facts of one sentence (their
    clauses from ``ctx`` when given)."""
    lo, hi = sent
    prev: Draft | None = None
    prev_goal = False
    last: Draft | None = None  # the sentence's last figure stated as a change
    for f in sorted(nums, key=lambda f: f.start):
        ch = change_of(text, lo, f.start, f.end)
        # a share restating a change after the level it reached ("giảm 80 triệu đồng xuống còn
        # 1,39 tỷ đồng, tương đương 5,4%"): the change's, not a share of the level
        if ch is None and f.kind == "percent" and prev is not None and last is not None and \
                prev.change is None and prev.kind != "percent" and last.end <= prev.start and \
                cues().level.search(text[max(lo, prev.start - LEFT_REACH) : prev.start]) and \
                cues().restate.search(text[prev.end : f.start]) and ";" not in text[last.end : f.start]:
            ch = last.change
        # a level after a change ("tăng 300 đồng lên 17.000 đồng") is no change,
        # even when the previous figure's span took the level word
        if ch is None and prev is not None and prev.change and \
                not cues().level.search(text[max(lo, f.start - LEFT_REACH) : f.start]) and \
                cues().conjunction.search(text[prev.end : f.start]):
            ch = prev.change
        if ch is None and prev is not None and prev.change and cues().parallel_base.search(text[prev.end : f.start]) \
                and cues().comparative_base.match(text[f.end : min(hi, f.end + 40)]):
            ch = prev.change  # "tăng 40% so với năm 2015 và 71% so với năm 2014"
        if ch is None and prev is not None and prev.change and _parallel(prev, f, text, hi):
            ch = prev.change  # "tăng 11% đối với xe máy và 17% đối với ô tô"
        if _range_pair(prev, f):
            ch = prev.change if prev is not None else ch  # "tăng từ 150.000 đồng đến 300.000 đồng": one change
        f.change = ch
        if ch is not None:
            last = f
        goal = _is_goal(f, text, lo, hi, prev, prev_goal, ctx)
        f.target = goal
        prev, prev_goal = f, goal


# ---------------------------------------------------------------- period


@dataclass
class _Anchor:
    start: int
    end: int
    value: str | None  # None: a vague time
    span: bool = False  # a "từ … đến …" span
    descriptor: bool = False
    plan: bool = False  # the period of a plan: it stays in its clause
    paren: tuple[int, int] | None = None  # the parenthesis it stands in, when it is more than the time
    same_period: bool = False  # "cùng kỳ": the figure's period is the current one a year earlier
    year: int | None = None  # the year "cùng kỳ năm 2015" names
    duration: bool = False  # "trong 3 năm": the figure's time only when it follows the figure
    since: bool = False  # "từ tháng 6/2015": the start of something, no frame of the sentence
    guessed: bool = False  # no publication date, no year of its own, and the report's day contradicts the year guessed
    whole_year: bool = False  # "cả năm" without a year: the whole year of the time in reach
    months: bool = False  # a period of months of a year ("quý 1/2021", "5 tháng đầu năm"): a reporting period
    event: bool = False  # the time of an event that dates the subject ("được thành lập năm 2010"): no frame
    relative: bool = False  # "sáng nay", "hôm qua": the day of a report, no time of a goal


def _date_value(v: str) -> str:
    return v if len(v) == 10 else f"{v}/{v}"


def _shift(day: str, n: int) -> str | None:
    try:
        return (date.fromisoformat(day) + timedelta(days=n)).isoformat()
    except ValueError:
        return None


def _relative_part(unit: str, shift: int, pub: tuple[int, int] | None) -> str | None:
    """"quý này", "tháng trước" … as a period counted from the publication month."""
    if pub is None:
        return None
    y, m = pub
    if unit.lower() == "quý":
        q = (m - 1) // 3 + shift
        y, q = y + q // 4, q % 4
        return f"{y:04d}-{3 * q + 1:02d}/{y:04d}-{3 * q + 3:02d}"
    k = m - 1 + shift
    y, k = y + k // 12, k % 12
    return f"{y:04d}-{k + 1:02d}/{y:04d}-{k + 1:02d}"


def _year_earlier(value: str, year: int | None) -> str:
    """The same span a year earlier, or in ``year`` when the text names it."""
    parts = value.split("/")
    ys = [int(p[:4]) for p in parts if p]
    delta = (year - max(ys)) if year is not None and ys else -1
    return "/".join(f"{int(p[:4]) + delta:04d}{p[4:]}" if p else "" for p in parts)


# how far after a guessed day a dated day of the same year must lie to contradict it:
# an occasion a few days or weeks ahead ("kỷ niệm … 21/6/2017" told on "Ngày 20/6")
# is no contradiction; an event recounted months later in the year is
CONTRADICTION_DAYS = 92
RANGE_GAP = 6  # characters between the two days of a range


def _dated_days(facts: list[Draft], text: str) -> list[str]:
    """The days the body gives with their year ("ngày 30/11/2016"), but not a
    plan's, goal's or forecast's ("sẽ chạy thử từ 1/10/2017") nor a range's."""
    _, plan, strong, weak = _not_context_rx()
    out = []
    dates = [f for f in facts if f.kind == "date"]
    for f in dates:
        # a range's day ("từ 10/11 - 14/11/2017") dates a scheduled event, often one to come
        if any(g is not f and (0 <= g.start - f.end <= RANGE_GAP or 0 <= f.start - g.end <= RANGE_GAP) for g in dates):
            continue
        if f.year and not f.ignore and f.date_value and len(f.date_value) == 10:
            left = text[max(0, f.start - 80) : f.start]
            left = left[max(left.rfind("."), left.rfind("\n")) + 1 :]
            if not (plan.search(left) or strong.search(left) or weak.search(left)):
                out.append(f.date_value)
    return out


def _contradicted(value: str | None, dated: list[str]) -> bool:
    """Whether a year-less day or month of an article without a publication date,
    in the year the body's latest year gives it, falls before a day of that year
    the body dates, by more than CONTRADICTION_DAYS: the guess would put the report
    before an event it tells ("Ngày 19/5, tòa xử …" in a body whose crimes are
    dated "ngày 30/11/2016")."""
    if not value:
        return False
    v = value.split("/")[0]
    try:
        day = date.fromisoformat(v if len(v) == 10 else f"{v}-01")
        return any(d[:4] == v[:4] and (date.fromisoformat(d) - day).days > CONTRADICTION_DAYS for d in dated)
    except ValueError:
        return False


REPORT_DAY_WORDS = 2  # words before a sentence's opening day ("Trước đó, ngày 3/5, …" is not one)


def _report_day_contradicted(facts: list[Draft], text: str, dated: list[str]) -> bool:
    """Whether the body's first year-less day, when it opens its sentence ("Ngày
    19/5, TAND … xét xử …", "Sáng 27/6, …": the day of the report), is
    contradicted (:func:`_contradicted`) in the year the body's latest year gives it."""
    days = sorted((f for f in facts if f.kind == "date" and not f.year and not f.ignore and f.date_value),
                  key=lambda f: f.start)
    if not days:
        return False
    f = days[0]
    left = text[max(0, f.start - 60) : f.start]
    left = left[max(left.rfind(ch) for ch in ".!?\n") + 1 :]
    # the first day of a range whose last day gives the year ("15/3 - 19/3/2017")
    ranged = any(g.kind == "date" and g.year and 0 <= g.start - f.end <= RANGE_GAP for g in facts)
    if len(left.split()) > REPORT_DAY_WORDS or ranged:
        return False
    return _contradicted(f.date_value, dated)


def _record_points(facts: list[Draft], text: str) -> list[str]:
    """The days (a month: its first day) the body dates with their year as the
    point a record is counted from ("thấp nhất kể từ tháng 11/2016"): the report
    comes after them."""
    rx = cues().record_since
    out = []
    for f in facts:
        if f.kind not in ("date", "period") or not f.year or f.ignore:
            continue
        v = f.date_value if f.kind == "date" else f.value_start
        if v and len(v) >= 7 and rx.search(text, max(0, f.start - 30), f.start):
            out.append(v[:10] if len(v) >= 10 else f"{v[:7]}-01")
    return out


def _anchors(fs: list[Draft], text: str, s: Sentence, last_day: list[tuple[int, str]],
             pub: tuple[int, int] | None = None, doubtful: bool = False,
             record: list[str] | None = None, pub_day: str | None = None) -> list[_Anchor]:
    """The sentence's times. In an article without a publication date, a day or
    month with no year of its own takes the body's latest year; when the text
    contradicts that year for the report's own day (``doubtful``,
    :func:`_report_day_contradicted`), no time without a year of its own
    ("ngày 3/5", "năm nay", "6 tháng đầu năm") is a figure's period (value None,
    like a vague time)."""
    c = cues()
    # a cue none of whose words the sentence holds has no match in it, nor in a part of it: not run
    gates, folded = _cue_gates(), fold(text[s.start : s.end])
    comparison_may = may_match(gates["comparison"], folded)
    plan_may, descriptor_may = may_match(gates["plan"], folded), may_match(gates["descriptor"], folded)
    out: list[_Anchor] = []
    times = sorted((f for f in fs if f.kind in ("date", "period") and not f.ignore), key=lambda f: f.start)
    used = set()
    for i, f in enumerate(times):
        if i in used:
            continue
        left = text[max(s.start, f.start - 80) : f.start]
        plan = plan_may and bool(c.plan.search(left))
        if comparison_may and c.comparison.search(left) and not plan:
            continue
        if c.contract_month.search(left):  # "giao tháng 7/2017": the contract, not the price's time
            continue
        desc = descriptor_may and bool(c.descriptor.search(left))
        # inside a parenthesis that is more than the time itself ("(qua đời năm ngoái)")
        p = _paren_depth(text, s.start, f.start)
        paren = p if p and text[p[0] + 1 : p[1]].strip() != f.text.strip() else None
        if f.kind == "period":
            v = period_string(f)
            if v is None:
                continue
            a, b = f.value_start, f.value_end
            # "từ năm 2017 đến năm 2020": a span that frames what follows
            span = bool(a and b and a != b and c.span_start.match(f.text))
            end = f.end
            # "từ đầu năm (đến nay)": from the year's first month on
            if a and a == b and len(a) == 4 and c.year_start.match(f.text) and \
                    c.since.search(text[max(s.start, f.start - 12) : f.start]):
                v, b = f"{a}-01/", None
            # "từ đầu năm (2022) đến (hết) ngày 15/5": from the year's first month to that day or month
            nxt = times[i + 1] if i + 1 < len(times) else None
            if b is None and v.endswith("-01/") and nxt is not None and nxt.kind == "date" and \
                    nxt.date_value and nxt.date_value[:4] >= v[:4] and \
                    c.until_join.match(text[end : nxt.start]):
                v = f"{v}{nxt.date_value}"
                end = nxt.end
                used.add(i + 1)
                span = True
            m_now = c.until_now.match(text[end : s.end]) if b is None else None
            if m_now:
                end += m_now.end()
            guessed = (doubtful or bool(record and _contradicted(v, record))) and pub is None \
                and f.year is None and f.years is None
            out.append(_Anchor(f.start, end, None if guessed else v, span=span, descriptor=desc, plan=plan,
                               paren=paren, guessed=guessed, months=f.months is not None))
            continue
        v = f.date_value
        if not v:
            if pub is None and f.year is None and f.month is not None:
                # a day or month no year is in reach of ("Ngày 2/7, …" in an undated body whose
                # only years are past events'): the figures it dates have no known time, and
                # an earlier sentence's time does not carry over it
                out.append(_Anchor(f.start, f.end, None, descriptor=desc, plan=plan, paren=paren, guessed=True))
            continue
        start, end = f.start, f.end
        since = c.since.search(text[max(s.start, start - 12) : start])
        span = False
        if since:
            nxt = times[i + 1] if i + 1 < len(times) else None
            m_now = c.until_now.match(text[end : s.end])
            if nxt is not None and nxt.kind == "date" and nxt.date_value and \
                    c.span_join.match(text[end : nxt.start]):
                v2 = nxt.date_value
                value = f"{v}/{v2}"
                end = nxt.end
                used.add(i + 1)
                span = True
            elif m_now:
                value = f"{v}/"
                end += m_now.end()
            elif len(v) == 7 and not c.since_point.match(text, end, s.end):
                # "từ tháng 3/2017" alone: from that month on, open like "từ năm 2019";
                # not when the text goes back to that month ("kể từ tháng 7/2005, khi đó …")
                value = f"{v}/"
            else:
                value = _date_value(v)
        else:
            value = _date_value(v)
            half = c.half_month.search(text, max(s.start, start - 16), start) if len(v) == 7 else None
            if half:  # "nửa đầu tháng 5": days 1-15 of the month, "nửa cuối": 16 to its end
                yr, mo = int(v[:4]), int(v[5:7])
                last = (date(yr + mo // 12, mo % 12 + 1, 1) - timedelta(days=1)).day
                value = f"{v}-01/{v}-15" if half["first"] else f"{v}-16/{v}-{last:02d}"
        # the first day of a range whose last day gives the year ("15/3 - 19/3/2017") has that year
        # … and a day the guessed year puts months before a record's starting point
        # ("thấp nhất kể từ tháng 11/2016" in a report of "phiên 8/5") has no year either
        guessed = (doubtful or bool(record and _contradicted(value, record))) and pub is None \
            and f.year is None and not (
            i + 1 < len(times) and times[i + 1].kind == "date" and times[i + 1].year
            and 0 <= times[i + 1].start - f.end <= RANGE_GAP)
        out.append(_Anchor(start, end, None if guessed else value, span=span, descriptor=desc, plan=plan,
                           paren=paren, since=bool(since), guessed=guessed))
    # relative days and vague times, where no date or period stands
    def free(a: int, b: int) -> bool:
        return all(b <= x.start or a >= x.end for x in out)

    for m in c.same_day.finditer(text, s.start, s.end) if may_match(gates["same_day"], folded) else ():
        if free(m.start(), m.end()):
            k = bisect_right(last_day, (m.start(), "~")) - 1
            out.append(_Anchor(m.start(), m.end(), last_day[k][1] if k >= 0 else None))
    for m in c.next_day.finditer(text, s.start, s.end) if may_match(gates["next_day"], folded) else ():
        if free(m.start(), m.end()):
            k = bisect_right(last_day, (m.start(), "~")) - 1
            out.append(_Anchor(m.start(), m.end(), _shift(last_day[k][1], 1) if k >= 0 else None))
    for m in c.relative_day.finditer(text, s.start, s.end) if pub_day and may_match(gates["relative_day"], folded) \
            else ():
        if free(m.start(), m.end()) and \
                not (comparison_may and c.comparison.search(text[max(s.start, m.start() - 80) : m.start()])):
            day = pub_day or ""
            out.append(_Anchor(m.start(), m.end(), day if m["today"] else _shift(day, -1), relative=True))
    for m in c.relative_part.finditer(text, s.start, s.end) if may_match(gates["relative_part"], folded) else ():
        if free(m.start(), m.end()) and not (comparison_may and c.comparison.search(text[max(s.start, m.start() - 80) : m.start()])):
            out.append(_Anchor(m.start(), m.end(),
                               _relative_part(m["u"], c.relative_shift[m["r"].lower()], pub)))
    # "cả năm": the whole year of the sentence's time before it, else of the paragraph's
    for m in c.whole_year.finditer(text, s.start, s.end) if may_match(gates["whole_year"], folded) else ():
        if free(m.start(), m.end()):
            near = max((x for x in out if x.end <= m.start() and x.value and x.value[:4].isdigit()
                        and not x.paren and not x.descriptor), key=lambda x: x.end, default=None)
            whole = near.value[:4] if near is not None and near.value else None
            out.append(_Anchor(m.start(), m.end(), f"{whole}/{whole}" if whole else None, whole_year=True))
    # "năm qua" in a review of the year: published in its last two months or the next year's first two
    review = None if pub is None else pub[0] if pub[1] >= 11 else pub[0] - 1 if pub[1] <= 2 else None
    for m in c.past_year.finditer(text, s.start, s.end) if review and may_match(gates["past_year"], folded) else ():
        y = review
        if y is not None and free(m.start(), m.end()) and \
                not (comparison_may and c.comparison.search(text[max(s.start, m.start() - 80) : m.start()])):
            out.append(_Anchor(m.start(), m.end(), f"{y}/{y}"))
    for m in c.same_period.finditer(text, s.start, s.end) if may_match(gates["same_period"], folded) else ():
        if comparison_may and c.comparison.search(text[max(s.start, m.start() - 80) : m.start()]):
            continue
        inner = [x for x in out if m.start() <= x.start < m.end()]
        year = None
        for x in inner:
            out.remove(x)
            if x.value and x.value[:4].isdigit():
                year = int(x.value[:4])
        out.append(_Anchor(m.start(), m.end(), None, same_period=True, year=year))
    for m in c.vague.finditer(text, s.start, s.end) if may_match(gates["vague"], folded) else ():
        if free(m.start(), m.end()):
            out.append(_Anchor(m.start(), m.end(), None))
    for m in c.duration.finditer(text, s.start, s.end):
        if free(m.start(), m.end()):
            out.append(_Anchor(m.start(), m.end(), None, duration=True))
    for x in out:
        x.event = bool(c.founding.search(text, max(s.start, x.start - 40), x.start)) and \
            not c.founding_with.match(text, x.end, s.end)
    out.sort(key=lambda a: a.start)
    return out


def _opens_clause(text: str, s: Sentence, a: _Anchor, ctx: DocContext | None = None) -> bool:
    if ctx is not None:
        lo = ctx.clause(s.start, s.end, a.start, a.start, ",;:")[0]
    else:
        lo = max([s.start] + [text.rfind(ch, s.start, a.start) + 1 for ch in ",;:"])
    return cues().framing.fullmatch(text, lo, a.start) is not None


def _contrast_between(text: str, a: int, b: int, end: int, ctx: DocContext | None = None) -> bool:
    """Whether a clause opening with a contrast ("trong khi", "nhưng") starts in
    text[a:b] (the clause may run on to ``end``)."""
    stop = cues().stop
    if ctx is not None:
        return any(stop.match(text[j + 1 : end]) for j in ctx.marks_in(a, b, ",;:"))
    i = a
    while True:
        j = min([k for k in (text.find(ch, i, b) for ch in ",;:") if k >= 0], default=-1)
        if j < 0:
            return False
        if stop.match(text[j + 1 : end]):
            return True
        i = j + 1


def _goal_between(text: str, a: int, b: int) -> bool:
    """Whether a goal word opening a new statement ("và dự kiến", "còn phấn đấu")
    stands in text[a:b]."""
    c = cues()
    for m in c.strong.finditer(text, a, b):
        words = text[a : m.start()].split()
        if words and c.hand_over.match(words[-1]):
            return True
    return False


_PAREN_OPEN = regex.compile(r"\s{0,2}\(")
_FIRST_WORD = regex.compile(r"\s*(\p{L}+)")
_WORD = regex.compile(r"\p{L}+")
PAREN_TIME_REACH = 80  # characters of a parenthesis after a figure that may date it


def _paren_time(text: str, f: Draft, anchors: list[_Anchor], nums: list[Draft]) -> _Anchor | None:
    """The time that closes a parenthesis right after the figure and holds no
    figure of its own ("7,55% (năm 2014)", "33.600 đồng (đóng cửa phiên ngày 8/2)",
    "1.904 chiếc (trong tháng 1/2016)"): the figure's own time."""
    m = _PAREN_OPEN.match(text, f.end, f.end + 3)
    if m is None:
        return None
    lo = m.end() - 1
    hi = text.find(")", lo, lo + PAREN_TIME_REACH)
    if hi < 0 or any(lo < g.start < hi for g in nums):
        return None
    inside = [x for x in anchors if lo < x.start and x.end <= hi and x.value and not x.descriptor
              and not x.same_period and not x.duration and not x.event and not x.plan]
    if not inside or text[inside[-1].end : hi].strip():
        return None
    return inside[-1]


OPENING_WORDS = 9  # words before the time in a sentence's opening adverbial ("Mở cửa phiên sáng 22/4, …")


def _opening_adverbial(text: str, s: Sentence, a: _Anchor, first_figure: int) -> bool:
    """Whether ``a`` ends a short opening of a sentence that reports figures
    ("Cụ thể, lúc 11h hôm nay 29/4, giá …"): such a time frames the sentence
    like one that opens a clause."""
    _, hi = _clause(text, s.start, s.end, a.start, a.end, ",;:")
    # "Nhóm lớp được cấp phép từ tháng 6/2015, đang trông 73 trẻ": a start, not a frame
    if a.since or first_figure >= s.end or hi >= first_figure or text[a.end : hi].strip(" )"):
        return False
    return len(text[s.start : a.start].split()) <= OPENING_WORDS


def attach_periods(facts: list[Draft], text: str, sents: list[Sentence], ctx: DocContext | None = None,
                   published: str | None = None) -> None:
    """Set `period` on every numeric fact (see the module's description);
    ``ctx``: the document's context, built here when not given; ``published``:
    the publication date, for "quý này", "tháng trước"."""
    c = cues()
    pub = (int(published[:4]), int(published[5:7]) if len(published) >= 7 else 6) if published else None
    if ctx is None:
        ctx = DocContext.build(text, sents)
        ctx.index_facts(facts)
    by_sent = ctx.facts_by_sent
    # days named in the document, for "cùng ngày" / "hôm sau"
    last_day: list[tuple[int, str]] = []
    carried: dict[int, str | None] = {}
    carried_at: dict[int, int] = {}  # paragraph → index of the sentence that set it
    carried_goal: dict[int, bool] = {}  # paragraph → whether it is the time of a plan or forecast
    plan_units = cues().plan_units
    length = ctx.paragraph_length
    last_period: dict[int, str] = {}  # paragraph → the last figure period given in it
    stated: dict[int, str] = {}  # paragraph → the last span an earlier sentence states for its own figures
    first_period: dict[int, tuple[int, str | None]] = {}  # paragraph → (sentence, its first figure's period)
    dated = _dated_days(facts, text)
    doubtful = published is None and _report_day_contradicted(facts, text, dated)
    record = _record_points(facts, text) if published is None else []
    pub_day = published[:10] if published and len(published) >= 10 and _shift(published[:10], 0) else None
    for s in sents:
        fs = by_sent.get(s.index, [])
        anchors = _anchors(fs, text, s, last_day, pub, doubtful, record, pub_day)
        nums = sorted((f for f in fs if f.kind in NUMERIC_KINDS), key=lambda f: f.start)
        claimed: set[int] = set()
        sized: set[int] = set()  # figures that are a size (`dimension`): no time
        vague_here = any(x.value is None and not x.duration for x in anchors)

        def based_before(pos: int, s: Sentence = s) -> bool:
            # a figure after a comparison or "cùng kỳ" ("so với mức lỗ cùng kỳ là 1.908 tỷ") is no figure of the stated time
            left = text[s.start : pos]
            return bool(c.comparison.search(left) or c.same_period.search(left))

        stated_here: str | None = None
        # "Trong đó, …": the time of the sentence before, when it is the paragraph's
        prev = first_period.get(s.paragraph)
        detail = prev[1] if prev and prev[0] == s.index - 1 and c.continuation.match(text[s.start : s.end]) else None
        for i, f in enumerate(nums):
            plan_count = f.unit in plan_units
            # a time in a parenthesis serves only the figures of that parenthesis
            pool = [x for x in anchors if (plan_count or not x.descriptor) and not (f.target and x.relative)
                    and (x.paren is None or x.paren[0] < f.start < x.paren[1])]
            a, b = ctx.clause(s.start, s.end, f.start, f.end)
            nxt = nums[i + 1].start if i + 1 < len(nums) and nums[i + 1].start < b else b
            reach = b if plan_count else AFTER_REACH
            # a time after the figure, unless it opens the next figure's statement
            # ("quý I tăng 5% sang quý II tăng 6%"); "cùng kỳ" only before its figure
            handed = nxt < b
            # a time behind a goal word that opens a new statement after an achieved
            # figure is the goal's ("đã có 1.000 con và dự kiến đến năm 2018 …")
            after = [x for x in pool if f.end <= x.start < nxt and x.start - f.end <= reach
                     and not x.same_period
                     and not (not f.target and _goal_between(text, f.end, x.start))
                     and not (handed and (c.hand_over.match(text[f.end : x.start])
                                          or c.hand_over_statement.search(text, f.end, x.start))
                              and not any(ch in text[x.end : nxt] for ch in CLAUSE_MARKS))]
            before = [x for x in pool if a <= x.start and x.end <= f.start and id(x) not in claimed and not x.duration]
            chosen: _Anchor | None = None
            own = _paren_time(text, f, anchors, nums)
            if own is not None:
                # "từ 7,55% (năm 2014) xuống …", "33.600 đồng (đóng cửa phiên ngày 8/2)"
                chosen = own
                claimed.add(id(chosen))
            elif after:
                chosen = after[0]
                claimed.add(id(chosen))
            elif before:
                chosen = before[-1]
            elif a > s.start and text[a - 1] in ":(":
                # a figure after a label ("… ngày 7/7: Hơn 35 tỷ đồng") or alone in
                # parentheses takes the time of the clause it belongs to
                la, _ = ctx.clause(s.start, s.end, a - 1, a - 1, ",;:" if text[a - 1] == ":" else ",;:(")
                head = [x for x in pool if la <= x.start and x.end <= a - 1]
                chosen = head[-1] if head else None
            if chosen is None:
                # the time of the sentence: one that opens an earlier clause, or
                # stands before the sentence's first figure, unless a clause
                # opening with a contrast ("trong khi …") comes between
                framing = [x for x in pool if x.end <= a and not x.descriptor and not x.duration and not x.event
                           and (not x.plan or _opens_clause(text, s, x, ctx)
                                or _opening_adverbial(text, s, x, nums[0].start))
                           and not _contrast_between(text, x.end, a, f.start, ctx)]
                chosen = framing[-1] if framing else None
            if chosen is None:
                # a time that closes the sentence after "trong"/"vào" ("… chiếm 15% và 11% thị
                # phần trong quý I/2021.") is the time of the figures of its clause that have none
                closing = [x for x in pool if f.end <= x.start < b and not x.descriptor and not x.duration
                           and not x.plan and not x.same_period and x.value
                           and c.closing.search(text, max(s.start, x.start - 12), x.start)
                           and not text[x.end : s.end].strip(" .!?…\"”)\n")
                           and not c.closing_break.search(
                               text, max([g.end for g in nums if g.end <= x.start] + [f.end]), x.start)
                           and not (not f.target and _goal_between(text, f.end, x.start))
                           and not _contrast_between(text, f.end, x.start, x.start, ctx)]
                chosen = closing[-1] if closing else None
            if chosen is not None and chosen.whole_year and chosen.value is None:
                # the paragraph's frame first: a figure's own year may be a base ("bằng 29% … năm 2015")
                ref = carried.get(s.paragraph) or last_period.get(s.paragraph)
                f.period = f"{ref[:4]}/{ref[:4]}" if ref and ref[:4].isdigit() else None
            elif chosen is not None and chosen.same_period:
                ref = last_period.get(s.paragraph) or carried.get(s.paragraph)
                f.period = _year_earlier(ref, chosen.year) if ref else (
                    f"{chosen.year}/{chosen.year}" if chosen.year else None)
            elif chosen is None and any(x.event and x.end <= f.start for x in anchors):
                f.period = None  # after an event's time ("thành lập năm 1986, là đơn vị của 40 cuộc thi"): not known
            elif chosen is None and detail:
                f.period = detail
            elif chosen is None and (length[s.paragraph] <= LONG_PARAGRAPH
                                     or s.index - carried_at.get(s.paragraph, s.index) <= CARRY_IN_LONG):
                f.period = carried.get(s.paragraph) if f.target or not carried_goal.get(s.paragraph) else None
                if f.period is None and s.paragraph not in carried and not f.target and not vague_here \
                        and length[s.paragraph] <= LONG_PARAGRAPH and not based_before(f.start):
                    # "… đạt 113 tỷ USD trong quý 1/2021. Trong khi đó, … chiếm 16,8%": the time an
                    # earlier sentence of the paragraph states for its own figures
                    f.period = stated.get(s.paragraph)
            else:
                f.period = chosen.value if chosen is not None else None
            if f.kind in DIMENSION_KINDS and f.period and \
                    c.dimension.search(text, max(s.start, f.start - LEFT_REACH), f.start):
                f.period = None
                sized.add(id(f))
            if chosen is not None and chosen.months and chosen.value and not f.target and not chosen.plan \
                    and not chosen.descriptor and f.period == chosen.value:
                stated_here = chosen.value
            if i > 0 and _range_pair(nums[i - 1], f):
                # the two ends of a range share one time: a time right after the range is the low
                # end's too ("6,7%-7% … vào năm 2017"); else the low end's ("đường kính từ 260 đến 580 mét")
                lo_f = nums[i - 1]
                if after and chosen is after[0] and f.period and id(lo_f) not in sized:
                    lo_f.period = f.period
                else:
                    f.period = lo_f.period
            if f.period and not (chosen is not None and chosen.same_period):
                last_period[s.paragraph] = f.period
            if i == 0:
                first_period[s.paragraph] = (s.index, f.period)
        if stated_here is not None:
            stated[s.paragraph] = stated_here
        if nums and s.paragraph in first_period and first_period[s.paragraph][0] != s.index:
            first_period.pop(s.paragraph)
        # what frames a clause, and a "từ … đến …" span, carries on
        first_figure = nums[0].start if nums else s.end
        for x in anchors:
            if x.descriptor or x.paren or x.same_period or x.duration or (x.whole_year and x.value is None) or \
                    (x.plan and not _opens_clause(text, s, x, ctx)):
                continue
            if _opens_clause(text, s, x, ctx) or x.span or _opening_adverbial(text, s, x, first_figure):
                goal = bool(c.strong.search(text, x.end, s.end) or c.weak.search(text, x.end, s.end))
                if x.value and x.value.startswith("/") and not goal:
                    # a point a stock is counted to ("Tính đến cuối năm 2016, tồn kho …", "Đến năm
                    # 2012, tập đoàn đổi tên …") dates its own sentence, not what the next ones report
                    carried[s.paragraph] = None
                    carried_at[s.paragraph] = s.index
                    carried_goal[s.paragraph] = False
                    continue
                carried[s.paragraph] = x.value
                carried_at[s.paragraph] = s.index
                # the time of a plan or forecast ("Trong tháng 3, dự án sẽ được chấm …") is no
                # frame for what the next sentences report, only for their goals
                carried_goal[s.paragraph] = goal
        for x in anchors:
            if x.value and len(x.value) == 10 and x.value[4] == "-":
                last_day.append((x.start, x.value))
        for f in fs:
            day = f.date_value
            if f.kind == "date" and day and len(day) == 10 and \
                    not (doubtful and pub is None and f.year is None):
                last_day.append((f.start, day))
        last_day.sort()
