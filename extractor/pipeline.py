"""read → clean → sentences → rules → typed facts with provenance.

``extract_text`` is the one per-document function every entry point uses
(``chitieu extract``, ``ingest``, ``eval``); it has no side effects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import areas, attach, citations, dates, indicators, numeric, persons
from .boilerplate import Article, article
from .checks import Check, document_checks
from .draft import DocContext, Draft
from .matching import candidates_by_sentence, resolve
from .meta import meta_of
from .models import NUMERIC_KINDS, FactAdapter, Meta, contract_fields, fact_to_dict
from .ruleset import RuleSet, use
from .sentences import Sentence, split


@dataclass
class Extraction:
    text: str
    meta: Meta
    article: Article
    sentences: list[Sentence]
    facts: list[dict] = field(default_factory=list)
    checks: list = field(default_factory=list)
    # each sentence's search form (textnorm.search_key), filled by batch workers
    # so the single writer does not compute it
    search_keys: list[str] = field(default_factory=list)
    # every mention of a titled person: {name, start, end, sentence_start}
    person_mentions: list[dict] = field(default_factory=list)
    # one row per area fact: {name, level, code, parent_code, mentions, start, end}
    areas: list[dict] = field(default_factory=list)

    @property
    def body_span(self) -> tuple[int, int]:
        zs = self.article.zones
        return (zs[0][0], zs[-1][1]) if zs else (0, 0)


def extract_text(text: str, sidecar: dict | None = None, doc: str | None = None,
                 rules: RuleSet | None = None) -> Extraction:
    """The facts of ``text`` under ``rules`` (default: the current RuleSet, see
    :mod:`extractor.ruleset`)."""
    if rules is not None:
        with use(rules):
            return extract_text(text, sidecar, doc)
    art = article(text)
    meta = meta_of(text, art)
    if sidecar:
        meta = meta.model_copy(update={k: v for k, v in sidecar.items() if k in Meta.model_fields})
    sents = split(text, art.zones)
    ctx = DocContext.build(text, sents)

    facts: list[Draft] = []
    active = indicators.topics("\n".join(text[a:b] for a, b in art.zones), meta.title)
    dropped: list[Check] = []
    by_sentence = candidates_by_sentence(text, sents)
    for s in sents:
        sent_facts: list[Draft] = []
        for c in resolve(by_sentence[s.index]):
            if c.kind == "block":
                continue
            try:
                built = dates.build(c, text) if c.kind in ("date", "period") else numeric.build(c, text, (s.start, s.end))
            except (ArithmeticError, ValueError) as exc:  # an absurd number: drop this fact, keep the document
                dropped.append(_dropped(text, c.start, c.end, exc))
                continue
            for f in built:
                f.sent = s.index
            sent_facts.extend(built)
        nums = [f for f in sent_facts if f.kind in NUMERIC_KINDS]
        if nums:
            attach.attach_goals(nums, text, (s.start, s.end), ctx)
            indicators.attach(nums, text, (s.start, s.end), active, ctx)
        facts.extend(sent_facts)

    dates.resolve_years(facts, meta.published, text)
    ctx.index_facts(facts)
    attach.attach_periods(facts, text, sents, ctx, meta.published)

    entity_facts: list[Draft] = []
    entity_facts += citations.extract(text, sents, meta.published, facts)
    found_areas, area_mentions = areas.extract(text, sents, meta.published)
    entity_facts += found_areas
    found_persons, person_mentions = persons.extract(text, sents)
    entity_facts += found_persons
    areas.attach(facts, text, sents, found_areas, area_mentions, art, ctx)

    sent_start = {s.index: s.start for s in sents}
    person_rows = [{"name": m.name, "start": m.start, "end": m.end, "sentence_start": sent_start.get(m.sent)}
                   for m in person_mentions]
    area_rows = [{"name": f.name, "level": f.level, "code": f.code, "parent_code": f.parent_code,
                  "mentions": f.mentions, "start": f.start, "end": f.end} for f in found_areas]

    out = []
    sent_text = {s.index: (s.start, text[s.start : s.end]) for s in sents}
    for d in facts + entity_facts:
        if d.ignore:
            continue
        # the contract's fields of the fact's kind; the context fields stay behind
        row = d.contract(contract_fields(d.kind))
        if d.sent is not None:
            row["sentence_start"], row["sentence"] = sent_text[d.sent]
        if doc is not None:
            row["doc"] = doc
        try:
            out.append(fact_to_dict(FactAdapter.validate_python(row)))
        except ValueError as exc:  # pydantic's ValidationError: a value out of the contract (inf)
            dropped.append(_dropped(text, d.start, d.end, exc))
    out.sort(key=lambda f: (f["start"], f["end"], f["kind"]))
    return Extraction(text=text, meta=meta, article=art, sentences=sents, facts=out,
                      checks=document_checks(out, text) + dropped, person_mentions=person_rows, areas=area_rows)


def _dropped(text: str, start: int, end: int, exc: Exception) -> Check:
    """A fact that could not be built (a number of hundreds of digits is inf as a
    float; one of thousands exceeds Python's int conversion limit): recorded
    as a ``dropped_fact`` check of its document, which keeps its other facts."""
    reason = (str(exc).splitlines() or [""])[0]
    if "ValidationError" in exc.__class__.__name__:
        reason = "; ".join(e["msg"] for e in exc.errors())  # type: ignore[attr-defined]
    span = text[start:end]
    shown = span if len(span) <= 40 else f"{span[:20]}…{span[-12:]} ({len(span)} characters)"
    return Check("dropped_fact", f"fact at {start}-{end} dropped ({exc.__class__.__name__}: {reason[:120]}): {shown!r}",
                 [(start, end)])
