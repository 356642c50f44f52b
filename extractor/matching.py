"""Run the span rules over a sentence and keep the best non-overlapping matches.

Candidates are ranked by rule priority, then length, then position; a
candidate is kept when it overlaps nothing kept before it. ``block`` rules win
spans that must never become facts (codes, phone numbers, ordinals, ages).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .rules import CompiledRule, span_rules


class SpanMatch:
    """A rule's match: its pattern's match plus, when the rule has one, the
    prefix matched right before it; groups of both are visible."""

    __slots__ = ("core", "pre")

    def __init__(self, core: regex.Match, pre: regex.Match | None):
        self.core = core
        self.pre = pre

    def _owner(self, name) -> regex.Match:
        if self.pre is not None and isinstance(name, str) and name in self.pre.re.groupindex \
                and self.pre.group(name) is not None:
            return self.pre
        return self.core

    def group(self, name=0):
        if name == 0:
            return self.core.string[self.start() : self.end()]
        return self._owner(name).group(name)

    def groupdict(self) -> dict:
        d = dict(self.core.groupdict())
        if self.pre is not None:
            d.update({k: v for k, v in self.pre.groupdict().items() if v is not None})
        return d

    def start(self, name=0) -> int:
        if name == 0:
            return self.pre.start() if self.pre is not None else self.core.start()
        return self._owner(name).start(name)

    def end(self, name=0) -> int:
        return self.core.end() if name == 0 else self._owner(name).end(name)


@dataclass
class Candidate:
    rule: CompiledRule
    match: SpanMatch
    start: int  # offsets in the document text
    end: int

    @property
    def kind(self) -> str:
        return self.rule.kind


def candidates(text: str, start: int, end: int, rules: tuple[CompiledRule, ...] | None = None) -> list[Candidate]:
    """Every match of every rule inside text[start:end] (offsets into ``text``)."""
    out = []
    for r in rules if rules is not None else span_rules():
        for m in r.regex.finditer(text, start, end, overlapped=False):
            if m.end() <= m.start():
                continue
            pre = r.prefix.search(text, max(start, m.start() - PREFIX_REACH), m.start()) if r.prefix else None
            if pre is not None and pre.end() == pre.start():
                pre = None
            if pre is None and r.rule.prefix_required:
                continue
            sm = SpanMatch(m, pre)
            out.append(Candidate(r, sm, sm.start(), sm.end()))
    return out


PREFIX_REACH = 40  # characters before a pattern's match in which its prefix may stand


_DIGIT = regex.compile(r"\d")


def candidates_by_sentence(text: str, sents) -> dict[int, list[Candidate]]:
    """Every rule run once per paragraph (not per sentence: far fewer calls),
    each match given to the sentence that holds it; a match across a sentence
    boundary is dropped. Paragraphs without a digit only run the rules that can
    match without one (``needs_digit: false``)."""
    from bisect import bisect_right

    rules = span_rules()
    lettered = tuple(r for r in rules if not r.rule.needs_digit)
    out: dict[int, list[Candidate]] = {s.index: [] for s in sents}
    paras: dict[int, list] = {}
    for s in sents:
        paras.setdefault(s.paragraph, []).append(s)
    for group in paras.values():
        lo, hi = group[0].start, group[-1].end
        starts = [s.start for s in group]
        use = rules if _DIGIT.search(text, lo, hi) else lettered
        for c in candidates(text, lo, hi, use):
            i = bisect_right(starts, c.start) - 1
            if i >= 0 and c.end <= group[i].end:
                out[group[i].index].append(c)
    return out


def resolve(cands: list[Candidate]) -> list[Candidate]:
    """Best first; a candidate is kept when it overlaps nothing kept before it
    (kept spans are disjoint, so a sorted list and bisection decide that)."""
    from bisect import bisect_left, insort

    ranked = sorted(cands, key=lambda c: (-c.rule.rule.priority, -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    starts: list[tuple[int, int]] = []  # (start, end) of kept spans, by start
    for c in ranked:
        i = bisect_left(starts, (c.start, -1))
        if i < len(starts) and starts[i][0] < c.end:
            continue  # a kept span starts inside this one
        if i > 0 and starts[i - 1][1] > c.start:
            continue  # the kept span before reaches into this one
        insort(starts, (c.start, c.end))
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)
