"""The typed in-pipeline fact (``Draft``) and the per-document context
(``DocContext``) the stages share.

A ``Draft`` carries the contract's fields (those of the pydantic models in
:mod:`models`, all optional while the fact is being built) and the context
the stages hand to each other (the fact's sentence, the verb and phrase the
measure stage read, the year a date leaves pending …). It has slots: a
misspelt attribute is an ``AttributeError``, not a silent new key. At the end
of the pipeline :meth:`Draft.contract` gives the dict the contract's models
validate; the context fields never leave the pipeline.

``DocContext`` is built once per document in ``pipeline.extract_text``: the
sentences, each sentence by its index, the paragraph lengths, the facts of
each sentence, and the clause marks of each sentence, so that the stages ask
it for a figure's clause instead of scanning the text again.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .sentences import Sentence


@dataclass(slots=True)
class Draft:
    """One fact while the pipeline builds it (see the module's description)."""

    kind: str
    start: int
    end: int
    text: str
    rule_id: str | None = None
    ignore: bool | None = None
    # ---- the contract's fields (models.py), set by the stage named
    value: float | str | None = None  # numeric.build (a number), dates.resolve_years (a date's "YYYY-MM[-DD]")
    unit: str | None = None  # numeric.build
    currency: str | None = None  # numeric.build
    numerator: float | None = None  # numeric.build
    denominator: float | None = None  # numeric.build
    comparator: str | None = None  # numeric.build
    change: str | None = None  # attach.attach_goals
    target: bool | None = None  # attach.attach_goals
    measure: str | None = None  # measure.attach
    indicator: str | None = None  # indicators.attach
    period: str | None = None  # attach.attach_periods
    area: str | None = None  # areas.attach
    area_level: str | None = None
    area_code: str | None = None
    province: str | None = None
    province_code: str | None = None
    value_start: str | None = None  # dates.resolve_years
    value_end: str | None = None
    name: str = ""  # areas, persons (always set on those kinds)
    level: str = ""  # areas (always set on that kind)
    code: str | None = None  # areas.resolve_codes
    titles: list[str] = field(default_factory=list)  # persons
    ref: str | None = None  # citations
    doc_type: str | None = None
    date: str | None = None
    # ---- context between the stages (never in the output)
    sent: int | None = None  # index of the fact's sentence (pipeline, areas, persons, citations)
    # measure.attach → indicators.attach
    verb: str | None = None  # the verb that governs the figure ("đạt", "giải ngân")
    left_phrase: str | None = None  # the words of the figure's clause before it
    share: bool = False  # a percentage of a named total ("bằng 61,8% GDP")
    plan_share: bool = False  # a percentage of the plan ("đạt 95% kế hoạch")
    list_item: bool = False  # an item of a list sharing the previous figure's measure
    of_plan: bool = False  # the share of the plan the previous figure is the amount of
    range_high: bool = False  # numeric.build: the high end of a range, whose low end is the figure before it
    # dates.build → dates.resolve_years
    year: int | None = None  # the year written (None: to be inferred)
    month: int | None = None  # a date's month
    day: int | None = None  # a date's day
    rel_year: int | None = None  # a relative year ("năm ngoái": -1)
    years: tuple[str | None, str | None] | None = None  # a span of years, ready ("2016-2020", "thập niên 90")
    months: tuple[int, int] | None = None  # the months of the year a period covers (None: the whole year)
    open_start: bool = False  # "đến năm 2020", "trước năm 2020": no start
    open_end: bool = False  # "sau năm 2020", "từ tháng 6": no end
    from_first_month: bool = False  # "từ đầu năm 2017": from January on
    # citations
    type_written: bool = False  # the document's type is written before its symbol
    # areas (mentions and facts)
    key: tuple[str, str] = ("", "")  # (name, level): an area's identity in the document (always set on areas)
    aside: bool = False  # a club or team named after the place ("CLB Hà Nội")
    mentions: int = 1  # how often the document names the unit
    parent_code: str | None = None  # the code of the unit it lies in
    # the gazetteer's unit (an areas.Unit), when resolved; Any, as areas imports this module
    gazetteer_unit: Any = None

    @property
    def date_value(self) -> str | None:
        """A date's value ("YYYY-MM[-DD]") typed as text (``value`` also holds a figure's number)."""
        v = self.value
        return v if isinstance(v, str) else None

    def contract(self, fields: tuple[str, ...]) -> dict[str, Any]:
        """The set contract fields among ``fields`` (a kind's model fields), as
        the dict its pydantic model validates: an unset field is left out, as
        the dicts of the stages left it out."""
        out: dict[str, Any] = {}
        for k in fields:
            v = getattr(self, k, None)
            if v is not None:
                out[k] = v
        return out


@dataclass(slots=True)
class PersonMention:
    """A titled person's name where the text writes it (persons.extract)."""

    name: str
    start: int
    end: int
    sent: int
    titled: bool = False


CLAUSE_MARKS = ",;:()"


@dataclass(slots=True)
class DocContext:
    """What the stages of one document share: its text, sentences, paragraphs,
    the facts of each sentence and the clause marks of each sentence."""

    text: str
    sents: list[Sentence]
    by_index: dict[int, Sentence] = field(default_factory=dict)
    paragraph_length: dict[int, int] = field(default_factory=dict)
    facts_by_sent: dict[int, list[Draft]] = field(default_factory=dict)
    # marks → the sorted offsets of those characters in the text's sentences
    _marks: dict[str, list[int]] = field(default_factory=dict)
    _bracket_clauses: dict[tuple[int, int, int, int], tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def build(cls, text: str, sents: list[Sentence]) -> DocContext:
        ctx = cls(text, sents)
        for s in sents:
            ctx.by_index[s.index] = s
            ctx.paragraph_length[s.paragraph] = ctx.paragraph_length.get(s.paragraph, 0) + 1
        return ctx

    def index_facts(self, facts: list[Draft]) -> None:
        """Group ``facts`` by their sentence (in their order)."""
        self.facts_by_sent = {}
        for f in facts:
            self.facts_by_sent.setdefault(f.sent, []).append(f)  # type: ignore[arg-type]

    def _positions(self, marks: str) -> list[int]:
        pos = self._marks.get(marks)
        if pos is None:
            rx = re.compile("[" + re.escape(marks) + "]")
            pos = sorted(m.start() for s in self.sents for m in rx.finditer(self.text, s.start, s.end))
            self._marks[marks] = pos
        return pos

    def clause(self, lo: int, hi: int, start: int, end: int, marks: str = CLAUSE_MARKS) -> tuple[int, int]:
        """The clause of text[start:end] within the sentence [lo, hi): from
        after the last of ``marks`` before ``start`` to the first at or after
        ``end`` (the sentence's ends when there is none)."""
        pos = self._positions(marks)
        k = bisect_left(pos, start) - 1
        a = pos[k] + 1 if k >= 0 and pos[k] >= lo else lo
        j = bisect_left(pos, end)
        b = pos[j] if j < len(pos) and pos[j] < hi else hi
        return max(a, lo), b

    def clause_end(self, start: int, hi: int, marks: str) -> int:
        """The first of ``marks`` in [start, hi), else ``hi``."""
        pos = self._positions(marks)
        j = bisect_left(pos, start)
        return pos[j] if j < len(pos) and pos[j] < hi else hi

    def marks_in(self, a: int, b: int, marks: str) -> list[int]:
        """The offsets of ``marks`` in [a, b) (within sentences), in order."""
        pos = self._positions(marks)
        return pos[bisect_left(pos, a) : bisect_left(pos, b)]

    def bracket_clause(self, s0: int, s1: int, a: int, b: int) -> tuple[int, int]:
        """The clause of text[a:b] in the sentence text[s0:s1]: between the
        commas, semicolons and colons around it that stand outside brackets
        ("phường A (quận B, TP C) có 68 công trình" is one clause); a bracket
        that holds text[a:b] does not end it; a decimal comma ("85,7%") ends
        none. Computed once per span."""
        key = (s0, s1, a, b)
        got = self._bracket_clauses.get(key)
        if got is not None:
            return got
        text = self.text

        def decimal(k: int) -> bool:
            return text[k] == "," and 0 < k < len(text) - 1 and text[k - 1].isdigit() and text[k + 1].isdigit()

        lo, depth = s0, 0
        for k in range(a - 1, s0 - 1, -1):
            ch = text[k]
            if ch == ")":
                depth += 1
            elif ch == "(":
                if depth == 0:
                    continue  # the figure is inside the bracket: look further back
                depth -= 1
            elif ch in ",;:" and depth == 0 and not decimal(k):
                lo = k + 1
                break
        hi, depth = s1, 0
        for k in range(b, s1):
            ch = text[k]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
            elif ch in ",;:" and depth == 0 and not decimal(k):
                hi = k
                break
        self._bracket_clauses[key] = (lo, hi)
        return lo, hi
