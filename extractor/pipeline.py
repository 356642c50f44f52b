"""read → clean → sentences → rules → typed facts with provenance.

``extract_text`` is the one per-document function every entry point uses
(``chitieu extract``, ``ingest``, ``eval``); it has no side effects.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import regex

from . import areas, citations, dates, indicators, numeric, persons
from .boilerplate import Article, article
from .checks import document_checks
from .matching import candidates_by_sentence, resolve
from .meta import meta_of
from .models import NUMERIC_KINDS, FactAdapter, Meta, fact_to_dict
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


# a period that names a standard, a document or a programme ("chuẩn nghèo giai
# đoạn 2022-2025", "Nghị quyết Đại hội … nhiệm kỳ 2020-2025") describes that
# thing, not the time of a figure
_DESCRIPTOR_PERIOD = regex.compile(
    r"(?:chuẩn|nghị quyết|đại hội|chương trình|kế hoạch đầu tư|quy hoạch|đề án|chiến lược|tầm nhìn|luật|bộ luật)[^,;.]{0,60}$",
    regex.IGNORECASE,
)
# a comparison base ("tăng 74% so với cùng kỳ năm 2020") is not the figure's time either
_COMPARISON_PERIOD = regex.compile(r"so với(?:\s+(?:cùng kỳ|cùng thời điểm|mức))?(?:\s+của)?\s*$", regex.IGNORECASE)


_CLAUSE = regex.compile(r"[,;()]")
_FRAMING = regex.compile(r"[\s\-–(“\"]*(?:(?:trong|tính|tính đến|đến|từ|riêng|cũng|còn|sau|qua|cả)\s+)*", regex.IGNORECASE)


def _attach_periods(facts: list[dict], text: str, sents: list[Sentence]) -> None:
    by_sent: dict[int, list[dict]] = {}
    for f in facts:
        by_sent.setdefault(f["_sent"], []).append(f)
    carried: dict[int, str | None] = {}  # paragraph → last figure period
    for s in sents:
        fs = by_sent.get(s.index, [])
        # a count of chỉ tiêu takes the period of the plan it is measured against,
        # even when that period names the plan ("… vượt Nghị quyết Đại hội … nhiệm kỳ
        # 2020-2025 đề ra"); other figures skip such descriptor periods
        all_periods, periods = [], []
        for f in sorted((f for f in fs if f["kind"] == "period" and not f.get("ignore")), key=lambda f: f["start"]):
            left = text[max(s.start, f["start"] - 80) : f["start"]]
            if _COMPARISON_PERIOD.search(left):
                continue
            all_periods.append(f)
            if not _DESCRIPTOR_PERIOD.search(left):
                periods.append(f)
        p_starts = [p["start"] for p in periods]
        all_starts = [p["start"] for p in all_periods]
        nums = sorted((f for f in fs if f["kind"] in NUMERIC_KINDS), key=lambda f: f["start"])
        for i, f in enumerate(nums):
            # the figure's own clause first, then earlier in the sentence, then the paragraph
            lo = max([s.start] + [text.rfind(ch, s.start, f["start"]) + 1 for ch in ",;()"])
            m = _CLAUSE.search(text, f["end"], s.end)
            hi = m.start() if m else s.end
            if i + 1 < len(nums) and nums[i + 1]["start"] >= f["end"]:
                hi = min(hi, nums[i + 1]["start"])
            pool, pool_starts = (all_periods, all_starts) if f.get("unit") == "chỉ tiêu" else (periods, p_starts)
            j = bisect_left(pool_starts, lo)
            same = pool[j] if j < len(pool) and pool[j]["end"] <= hi else None
            k = bisect_right(p_starts, f["start"]) - 1
            while k >= 0 and periods[k]["end"] > f["start"]:
                k -= 1
            p = same or (periods[k] if k >= 0 else None)
            f["period"] = dates.period_string(p) if p else carried.get(s.paragraph)
        # only a period that frames its clause ("Trong 6 tháng đầu năm, …", "…,
        # đầu năm 2023, …") carries on to the next sentences of the paragraph; a
        # year told in passing ("vô địch vào năm 1999") does not
        framing = [p for p in periods
                   if _FRAMING.fullmatch(text, max([s.start] + [text.rfind(ch, s.start, p["start"]) + 1 for ch in ",;:"]), p["start"])]
        if framing:
            carried[s.paragraph] = dates.period_string(framing[-1])


def extract_text(text: str, sidecar: dict | None = None, doc: str | None = None) -> Extraction:
    art = article(text)
    meta = meta_of(text, art)
    if sidecar:
        meta = meta.model_copy(update={k: v for k, v in sidecar.items() if k in Meta.model_fields})
    sents = split(text, art.zones)

    facts: list[dict] = []
    active = indicators.topics("\n".join(text[a:b] for a, b in art.zones), meta.title)
    by_sentence = candidates_by_sentence(text, sents)
    for s in sents:
        sent_facts: list[dict] = []
        for c in resolve(by_sentence[s.index]):
            if c.kind == "block":
                continue
            built = dates.build(c, text) if c.kind in ("date", "period") else numeric.build(c, text, (s.start, s.end))
            for f in built:
                f["_sent"] = s.index
            sent_facts.extend(built)
        nums = [f for f in sent_facts if f["kind"] in NUMERIC_KINDS]
        if nums:
            indicators.attach(nums, text, (s.start, s.end), active)
        facts.extend(sent_facts)

    dates.resolve_years(facts, meta.published)
    _attach_periods(facts, text, sents)

    entity_facts = []
    entity_facts += citations.extract(text, sents, meta.published, facts)
    found_areas, area_mentions = areas.extract(text, sents, meta.published)
    entity_facts += found_areas
    found_persons, person_mentions = persons.extract(text, sents)
    entity_facts += found_persons
    areas.attach(facts, text, sents, found_areas, area_mentions, art)

    sent_start = {s.index: s.start for s in sents}
    person_rows = [{"name": m["name"], "start": m["start"], "end": m["end"], "sentence_start": sent_start.get(m["_sent"])}
                   for m in person_mentions]
    area_rows = [{"name": f["name"], "level": f["level"], "code": f.get("code"), "parent_code": f.get("_parent_code"),
                  "mentions": f.get("_count", 1), "start": f["start"], "end": f["end"]} for f in found_areas]

    out = []
    sent_text = {s.index: (s.start, text[s.start : s.end]) for s in sents}
    for f in facts + entity_facts:
        if f.get("ignore"):
            continue
        idx = f.pop("_sent", None)
        for k in [k for k in f if k.startswith("_")]:
            del f[k]
        if idx is not None:
            f["sentence_start"], f["sentence"] = sent_text[idx]
        if doc is not None:
            f["doc"] = doc
        out.append(fact_to_dict(FactAdapter.validate_python(f)))
    out.sort(key=lambda f: (f["start"], f["end"], f["kind"]))
    return Extraction(text=text, meta=meta, article=art, sentences=sents, facts=out,
                      checks=document_checks(out, text), person_mentions=person_rows, areas=area_rows)
