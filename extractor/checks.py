"""Consistency checks on extracted figures — the arithmetic no peer does.

A check fires only when the figures it compares provably measure the same
thing; otherwise it stays silent (precision first: a flag a reader does not
agree with is worse than none).  Every figure involved must be a level (no
``change``), stated exactly (comparator ``=``), and the figures compared must
agree on ``target`` (achieved or goal), area and period.  Two numbers disagree
only when no pair of values their stated precision allows agrees ("70,89%"
is 70.885–70.895; "35.000 lao động" is 34.500–35.500).  The words read
between and after the figures are in ``rules/checks.yaml``.

Within one document:
- ``ratio_percent``: a ratio and the percentage that restates it, adjacent in
  one clause ("113.418/162.000 lao động (đạt 70,89% kế hoạch)"), whose
  quotient is not the percentage (113418/162000 is 70.01%);
- ``count_share_total``: counts each stated with its share of a total, the
  share right after its count ("45 hộ, chiếm 0,084%"; "1.950 hộ, chiếm
  2,06%"), of the same counted unit, area, period and base, that imply
  different totals (53,571 and 94,660 households);
- ``out_of_range``: a level outside its indicator's plausible range (``range``
  in rules/indicators.yaml: a coverage rate is 0–100%), not a share of a plan
  or a comparison ("đạt 105% kế hoạch").
Across documents (``conflicts``, on the database): one statistic of an area
(``area_statistics`` in rules/checks.yaml: not a company's revenue or a
price), the same area and closed period, achieved levels of the same kind,
unit and measure, not a part of another figure ("trong đó …"), stated with
values that disagree beyond rounding by two articles published after the
period ended (before, a figure is a progress report), whose sentences and
titles differ (a syndicated copy repeats them).

Periods: two figures have the same period when their ``period`` values are
equal and not null, or, within one sentence, when both are null (the sentence
gives one time for both).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import regex

from .ruleset import per_rules
from .textnorm import compare_form, fold

NUMERIC = ("quantity", "percent", "ratio", "money")
MAX_GAP = 40  # characters between a figure and the percentage that restates it


def _alternation(phrases: list[str]) -> str:
    return "|".join(regex.escape(fold(p)) for p in sorted(phrases, key=len, reverse=True))


@dataclass(frozen=True)
class _Words:
    ratio_link: regex.Pattern
    share_link: regex.Pattern
    relative_base: regex.Pattern
    plan_base: regex.Pattern
    subset: regex.Pattern
    area_statistics: frozenset[str]
    filler: regex.Pattern


@per_rules
def words() -> _Words:
    """rules/checks.yaml, read at the first check (not at import: read-only
    commands import this module through the store and never load the rules)."""
    from pydantic import BaseModel, ConfigDict

    from .rules import load_model

    class CheckWords(BaseModel):
        model_config = ConfigDict(extra="forbid")
        description: str = ""
        ratio_links: list[str]
        share_links: list[str]
        plan_bases: list[str]
        comparison_bases: list[str]
        subset_openers: list[str]
        area_statistics: list[str]
        measure_fillers: list[str]

    w = load_model("checks.yaml", CheckWords)
    # the rest of the first figure's noun phrase ("hộ nghèo", "lao động nông
    # thôn"), then a clause mark, then a linking word
    qualifiers = r"(?:[\p{{L}} ]{{0,30}}[,(:\-–])?"
    link = qualifiers + r"\s*(?:(?:{})(?!\p{{L}}))?[\s(:]*"
    return _Words(
        ratio_link=regex.compile(link.format(_alternation(w.ratio_links)), regex.V1),
        share_link=regex.compile(rf"[\p{{L}} ]{{0,30}}?[,(]?\s*(?:{_alternation(w.share_links)})\s*", regex.V1),
        relative_base=regex.compile(rf"[\s(]*(?:{_alternation(w.plan_bases + w.comparison_bases)})(?!\p{{L}})", regex.V1),
        plan_base=regex.compile(rf"(?:{_alternation(w.plan_bases)})(?!\p{{L}})", regex.V1),
        subset=regex.compile(rf"(?<!\p{{L}})(?:{_alternation(w.subset_openers)})(?!\p{{L}})", regex.V1),
        area_statistics=frozenset(w.area_statistics),
        filler=regex.compile(rf"^(?:(?:{_alternation(w.measure_fillers)})\s+)+", regex.V1),
    )


@dataclass
class Check:
    check: str
    message: str
    facts: list[tuple[int, int]]  # (start, end) of the facts involved
    expected: float | None = None
    stated: float | None = None

    def as_row(self, document: str) -> dict:
        return {
            "document": document, "check": self.check, "message": self.message,
            "facts": json.dumps(self.facts), "expected": self.expected, "stated": self.stated,
        }


# --- stated precision -------------------------------------------------------

_NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")


def _half_unit(token: str, percent: bool) -> tuple[float, float]:
    """(number as written, half its last stated unit) for one numeral: "70,89"
    → (70.89, 0.005); "162.000" → (162000, 500) (a round figure written
    with a thousands mark may be rounded); "45" and "1.888" → exact; a
    percentage's integer is "62" ± 0.5."""
    if "," in token:
        whole, dec = token.rsplit(",", 1)
        return float(whole.replace(".", "").replace(",", "") + "." + dec), 0.5 * 10 ** -len(dec)
    parts = token.split(".")
    if len(parts) > 1 and not all(len(p) == 3 for p in parts[1:]):
        return float(token.replace(".", "", len(parts) - 2)), 0.5 * 10 ** -len(parts[-1])
    digits = "".join(parts)
    n = float(digits)
    if percent:
        return n, 0.5
    zeros = len(digits) - len(digits.rstrip("0"))
    if len(parts) == 1 or not zeros:
        return n, 0.0  # a count as written: "16/27", "1.888"
    return n, 0.5 * 10 ** zeros


def intervals(f: dict) -> list[tuple[float, float]] | None:
    """The values a figure's text allows, one interval per number (value, or
    numerator and denominator); None when the text does not show them."""
    nums = _NUMBER.findall(f.get("text") or "")
    fields = ("numerator", "denominator") if f["kind"] == "ratio" else ("value",)
    if len(nums) < len(fields):
        return None
    out = []
    for tok, field in zip(nums, fields):
        v = f.get(field)
        if v is None:
            return None
        n, h = _half_unit(tok, f["kind"] == "percent")
        scale = v / n if n else 1.0
        out.append((v - h * scale, v + h * scale) if scale >= 0 else (v + h * scale, v - h * scale))
    return out


def _exact_level(f: dict) -> bool:
    return not f.get("change") and (f.get("comparator") or "=") == "="


def _same_time(a: dict, b: dict) -> bool:
    if a.get("period") != b.get("period"):
        return False
    return a.get("period") is not None or _same_sentence(a, b)


def _same_sentence(a: dict, b: dict) -> bool:
    return a.get("sentence_start") is not None and a.get("sentence_start") == b.get("sentence_start")


def _same_frame(a: dict, b: dict) -> bool:
    """Achieved or goal alike, same area, same time."""
    return bool(a.get("target")) == bool(b.get("target")) and a.get("area") == b.get("area") and _same_time(a, b)


_CLAUSE_END = regex.compile(r"[,;.()\n:]")
_CLAUSE_MARK = regex.compile(r"[,;()\n:]|\s[-–]\s")


def _after(text: str, f: dict, limit: int = 60) -> str:
    """The words after a figure up to its clause's end, folded."""
    rest = text[f["end"] : f["end"] + limit]
    m = _CLAUSE_END.search(rest)
    return fold(rest[: m.start()] if m else rest).strip()


def _clause_before(text: str, f: dict, floor: int) -> str:
    lo = max(floor, f["start"] - 120)
    head = text[lo : f["start"]]
    cut = max((m.end() for m in _CLAUSE_END.finditer(head)), default=0)
    return fold(head[cut:])


def _relative(text: str, f: dict) -> bool:
    return bool(words().relative_base.match(fold(text[f["end"] : f["end"] + 40])))


# --- the checks -------------------------------------------------------------


def _ratio_percent(a: dict, b: dict, text: str) -> Check | None:
    if not (a.get("denominator") and _exact_level(a) and _exact_level(b) and _same_frame(a, b)):
        return None
    w = words()
    if not w.ratio_link.fullmatch(fold(text[a["end"] : b["start"]])):
        return None
    base = _after(text, b)
    if base and not w.plan_base.match(base):
        return None  # a share of another total: "(chiếm 78,81% tổng số đại biểu)"
    ia, ib = intervals(a), intervals(b)
    if not ia or not ib:
        return None
    (nlo, nhi), (dlo, dhi) = ia
    (plo, phi), = ib
    if dlo <= 0:
        return None
    qlo, qhi = 100 * nlo / dhi, 100 * nhi / dlo
    if plo <= qhi and qlo <= phi:
        return None
    quotient = 100 * a["numerator"] / a["denominator"]
    return Check(
        "ratio_percent",
        f"{a['text']} is {quotient:.2f}%, but the text states {b['text']}",
        [(a["start"], a["end"]), (b["start"], b["end"])], round(quotient, 4), b["value"],
    )


def _share_pair(c: dict, s: dict, text: str, sentence_floor: int) -> tuple | None:
    """(group key, implied total interval) when ``s`` is the share of a total
    that the count ``c`` right before it is: "45 hộ, chiếm 0,084%"."""
    if c["kind"] != "quantity" or not c.get("unit") or not s.get("value"):
        return None
    if not (_exact_level(c) and _exact_level(s) and _same_frame(c, s)):
        return None
    if c.get("measure") and s.get("measure") and fold(c["measure"]) != fold(s["measure"]):
        return None
    w = words()
    if not w.share_link.fullmatch(fold(text[c["end"] : s["start"]])):
        return None
    if w.subset.search(_clause_before(text, c, sentence_floor)) or _relative(text, s):
        return None
    ic, ish = intervals(c), intervals(s)
    if not ic or not ish:
        return None
    (clo, chi), = ic
    (slo, shi), = ish
    if slo <= 0:
        return None
    base = _after(text, s)
    key = (fold(c["unit"]), c.get("area"), c.get("period"), bool(c.get("target")), base)
    return key, (100 * clo / shi, 100 * chi / slo), c["value"] * 100 / s["value"]


def _share_of_another_count(total: tuple[float, float], c: dict, nums: list[dict]) -> bool:
    """The total a count and its share imply is another count of the same unit
    in the sentence: "1.200 hộ nghèo …; 300 hộ dân tộc thiểu số, chiếm 25%"
    (25% of the 1.200), not a share of the total the other pairs share."""
    return any(
        f is not c and f["kind"] == "quantity" and _same_sentence(f, c) and f.get("value") is not None
        and fold(f.get("unit") or "") == fold(c["unit"]) and total[0] <= f["value"] <= total[1]
        for f in nums
    )


def _ranges() -> dict[tuple[str, str], tuple[float, float]]:
    from .indicators import taxonomy  # not at import: read-only commands never load the rules

    out = {}
    for fam in taxonomy().families:
        for slot, (lo, hi) in fam.range.items():
            key = fam.keys.get(slot)
            if key:
                out[(key, "percent" if slot == "percent" else slot)] = (lo, hi)
    return out


def document_checks(facts: list[dict], text: str) -> list[Check]:
    nums = sorted((f for f in facts if f["kind"] in NUMERIC), key=lambda f: f["start"])
    out: list[Check] = []
    shares: list[tuple[tuple, dict, dict, tuple[float, float], float]] = []
    for i, (a, b) in enumerate(zip(nums, nums[1:])):
        if not _same_sentence(a, b) or b["kind"] != "percent" or b["start"] - a["end"] > MAX_GAP:
            continue
        prev = nums[i - 1] if i else None
        if prev and _same_sentence(prev, a) and not _CLAUSE_MARK.search(text[prev["end"] : a["start"]]):
            continue  # not the first figure of its clause: "1.888 công ty TNHH 1 thành viên (chiếm 40,3%)"
        if a["kind"] == "ratio":
            c = _ratio_percent(a, b, text)
            if c:
                out.append(c)
        else:
            p = _share_pair(a, b, text, a.get("sentence_start") or 0)
            if p and not _share_of_another_count(p[1], a, nums):
                shares.append((p[0], a, b, p[1], p[2]))
    out.extend(_count_share_totals(shares))
    ranges = _ranges()
    for f in nums:
        r = ranges.get((f["indicator"], f["kind"])) if f.get("indicator") else None
        if not r or f.get("value") is None or not _exact_level(f) or _relative(text, f):
            continue
        iv = intervals(f)
        if iv and (iv[0][1] < r[0] or iv[0][0] > r[1]):
            out.append(Check(
                "out_of_range",
                f"{f['text']} is outside the plausible range {r[0]:g}–{r[1]:g} of {f['indicator']}",
                [(f["start"], f["end"])], None, f["value"],
            ))
    return out


def _count_share_totals(shares: list) -> list[Check]:
    """One check per group of count/share pairs (same unit, area, period,
    target and base) two of which imply totals no rounding reconciles."""
    groups: dict[tuple, list] = {}
    for key, c, s, iv, total in shares:
        groups.setdefault(key, []).append((c, s, iv, total))
    out = []
    for key, group in groups.items():
        bad: set[int] = set()
        for i, (c1, _s1, iv1, _) in enumerate(group):
            for j in range(i + 1, len(group)):
                c2, s2, iv2, _ = group[j]
                if not (_same_time(c1, c2)):
                    continue
                if iv1[1] < iv2[0] or iv2[1] < iv1[0]:
                    bad.update((i, j))
        if not bad:
            continue
        involved = [group[i] for i in sorted(bad)]
        shown = "; ".join(f"{c['text']} at {s['text']} implies {t:,.0f}" for c, s, _, t in involved[:4])
        more = f" (+{len(involved) - 4} more)" if len(involved) > 4 else ""
        totals = [t for *_, t in involved]
        out.append(Check(
            "count_share_total",
            f"counts and their shares imply different totals of {key[0]}: {shown}{more}",
            [span for c, s, _, _ in involved for span in ((c["start"], c["end"]), (s["start"], s["end"]))],
            round(min(totals), 2), round(max(totals), 2),
        ))
    return out


# --- across articles --------------------------------------------------------

CONFLICT_CANDIDATES_SQL = """
select f.document, f.start, f."end", f.kind, f.text, f.value, f.numerator, f.denominator, f.unit, f.currency,
       f.indicator, f.area, f.period, {measure} as measure, f.sentence as sentence_id, s.text as sentence, s.start as sentence_start,
       d.published, d.title
from facts f
join documents d on d.id = f.document
join sentences s on s.id = f.sentence
where f.indicator is not null and f.area is not null and f.period is not null
  and f.kind in ('quantity', 'percent', 'ratio', 'money')
  and coalesce(f.target, 0) = 0 and f.change is null and coalesce(f.comparator, '=') = '='
order by f.indicator, f.area, f.period, f.document, f.start
"""

_PERIOD_END = regex.compile(r"^(?:(\d{4}(?:-\d{2})?)/(\d{4}(?:-\d{2})?)|(\d{4}-\d{2}-\d{2}))$")


def _after_period(published: str | None, period: str) -> bool:
    """True when an article published on ``published`` appeared after the
    closed period ``period`` ended ("2017/2017" → from 2018; "2017-01/2017-06"
    → from July 2017); False for open periods or unknown dates."""
    m = _PERIOD_END.match(period or "")
    if not m or not published:
        return False
    end = m.group(2) or m.group(3)
    if len(end) == 4:
        return published[:4] > end
    return published[: len(end)] > end


def _disagree(a: dict, b: dict) -> bool:
    ia, ib = intervals(a), intervals(b)
    if not ia or not ib or len(ia) != len(ib):
        return False
    return any(x[1] < y[0] or y[1] < x[0] for x, y in zip(ia, ib))


def _shown(f: dict) -> str:
    if f["kind"] == "ratio":
        return f"{f['numerator']:g}/{f['denominator']:g}"
    return f"{f['value']:g}"


class _Measures:
    """The ``measure`` of stored facts, compared without filler words: the
    stored one, else (a database made before facts kept it) read again from
    the fact's sentence with the extractor's own rule (``measure.attach``),
    only for the few facts a conflict involves."""

    def __init__(self, db) -> None:
        self.db = db
        self.by_sentence: dict[str, dict[int, str | None]] = {}

    def __call__(self, f: dict) -> str | None:
        if f.get("measure"):
            return words().filler.sub("", fold(f["measure"])).strip()
        sid = f["sentence_id"]
        if sid not in self.by_sentence:
            from . import measure
            from .draft import Draft

            cur = self.db.execute(
                'select kind, start, "end", text, unit, value from facts where sentence = ? '
                "and kind in ('quantity', 'percent', 'ratio', 'money') order by start", [sid])
            cols = [d[0] for d in cur.description]
            facts = [Draft(**dict(zip(cols, r))) for r in cur.fetchall()]
            s0, s1, doc = self.db.execute('select start, "end", document from sentences where id = ?', [sid]).fetchone()
            text = self.db.execute("select text from documents where id = ?", [doc]).fetchone()[0]
            measure.attach(facts, text, (s0, s1))
            self.by_sentence[sid] = {x.start: x.measure for x in facts}
        m = self.by_sentence[sid].get(f["start"])
        return words().filler.sub("", fold(m)).strip() if m else None


def _part_of_another(f: dict) -> bool:
    """The figure's clause makes it a part of another figure ("trong đó …")."""
    head = f["sentence"][: f["start"] - f["sentence_start"]]
    cut = max((m.end() for m in _CLAUSE_END.finditer(head)), default=0)
    return bool(words().subset.search(fold(head[cut:])))


def conflicts(db) -> list[dict]:
    """One row per indicator, area, period, kind and unit that two articles
    report with values no rounding reconciles (see the module docstring).
    ``facts`` lists ``[document, start, end]`` of the figures involved."""
    w = words()
    has_measure = any(r[1] == "measure" for r in db.execute("pragma table_info(facts)").fetchall())
    cur = db.execute(CONFLICT_CANDIDATES_SQL.format(measure="f.measure" if has_measure else "null"))
    cols = [d[0] for d in cur.description]
    groups: dict[tuple, list[dict]] = {}
    for row in cur.fetchall():
        f = dict(zip(cols, row))
        if f["indicator"] not in w.area_statistics or not _after_period(f["published"], f["period"]):
            continue
        if _part_of_another(f):
            continue
        unit = fold(f["unit"] or "") if f["kind"] in ("quantity", "ratio") else f["currency"]
        groups.setdefault((f["indicator"], f["area"], f["period"], f["kind"], unit), []).append(f)
    measure_of = _Measures(db)
    rows = []
    for (ind, area, period, kind, unit), fs in groups.items():
        involved: dict[tuple, dict] = {}
        for i, a in enumerate(fs):
            for b in fs[i + 1 :]:
                if a["document"] == b["document"]:
                    continue
                if compare_form(a["sentence"]) == compare_form(b["sentence"]):
                    continue  # a syndicated copy
                if compare_form(a["title"]) == compare_form(b["title"]):
                    continue
                if not _disagree(a, b):
                    continue
                ma = measure_of(a)
                if ma is None or ma != measure_of(b):
                    continue
                for f in (a, b):
                    involved[(f["document"], f["start"])] = f
        if not involved:
            continue
        figs = sorted(involved.values(), key=lambda f: (f["document"], f["start"]))
        seen = "; ".join(f"{_shown(f)} ({f['document'][:8]})" for f in figs[:6])
        docs = len({f["document"] for f in figs})
        rows.append({
            "document": None, "check": "conflict",
            "message": f"{ind} of {area} for {period} ({kind}{', ' + unit if unit else ''}) differs in {docs} articles: {seen}",
            "facts": json.dumps([[f["document"], f["start"], f["end"]] for f in figs]),
            "expected": None, "stated": None,
        })
    return rows
