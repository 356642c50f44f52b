"""Run the span rules over a sentence and keep the best non-overlapping matches.

Candidates are ranked by rule priority, then length, then position; a
candidate is kept when it overlaps nothing kept before it. ``block`` rules win
spans that must never become facts (codes, phone numbers, ordinals, ages).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .rules import CompiledRule, span_rules


@dataclass
class Candidate:
    rule: CompiledRule
    match: regex.Match
    start: int  # offsets in the document text
    end: int

    @property
    def kind(self) -> str:
        return self.rule.kind


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def candidates(text: str, start: int, end: int, rules: tuple[CompiledRule, ...] | None = None) -> list[Candidate]:
    """Every match of every rule inside text[start:end] (offsets into ``text``)."""
    out = []
    for r in rules if rules is not None else span_rules():
        for m in r.regex.finditer(text, start, end, overlapped=False):
            if m.end() > m.start():
                out.append(Candidate(r, m, m.start(), m.end()))
    return out


def resolve(cands: list[Candidate]) -> list[Candidate]:
    ranked = sorted(cands, key=lambda c: (-c.rule.rule.priority, -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    spans: list[tuple[int, int]] = []
    for c in ranked:
        if not _overlaps((c.start, c.end), spans):
            kept.append(c)
            spans.append((c.start, c.end))
    return sorted(kept, key=lambda c: c.start)
