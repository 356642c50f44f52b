"""Consistency checks on extracted figures — the arithmetic no peer does.

Within one document:
- ``ratio_percent``: a ratio followed by the percentage it states
  ("113.418/162.000 lao động (đạt 70,89% …)") whose quotient disagrees
  (113418/162000 is 70.01%);
- ``count_share_total``: counts stated with their share of a total ("45 hộ,
  chiếm 0,084%"; "1.950 hộ, chiếm 2,06%") that imply different totals of the
  same unit in the same area;
- ``out_of_range``: a value outside its indicator's plausible range
  (``range`` in rules/indicators.yaml: a coverage rate is 0–100%).
Across documents (``conflicts``, on the database): the same indicator, area,
period and kind reported with different values by different articles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import regex

# precompiled: a call such as regex.sub(literal, …) looks its pattern up in regex's cache every time
_SHARE_LINK = regex.compile(r"[\s,(]*(?:đạt|bằng|chiếm|tương đương|tương ứng|là)?[\s(]*", regex.I)


# how far apart two numbers may be before they disagree
PERCENT_TOLERANCE = 0.5  # percentage points, for a stated share of a ratio
TOTAL_TOLERANCE = 0.05  # relative, for totals implied by count/share pairs

_SHARE = regex.compile(r"(?:chiếm|bằng|tương đương|tương ứng|đạt)(?:\s+(?:tỷ lệ|tỉ lệ))?\s*\(?\s*$", regex.IGNORECASE)


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


def _same_sentence(a: dict, b: dict) -> bool:
    return a.get("sentence_start") is not None and a.get("sentence_start") == b.get("sentence_start")


def _ranges() -> dict[tuple[str, str], tuple[float, float]]:
    out = {}
    from .indicators import taxonomy  # not at import: read-only commands never load the rules

    for fam in taxonomy().families:
        for slot, (lo, hi) in fam.range.items():
            key = fam.keys.get(slot)
            if key:
                kind = "percent" if slot == "percent" else slot
                out[(key, kind)] = (lo, hi)
    return out


def document_checks(facts: list[dict], text: str) -> list[Check]:
    nums = [f for f in facts if f["kind"] in ("quantity", "percent", "ratio", "money")]
    nums.sort(key=lambda f: f["start"])
    out: list[Check] = []
    pairs: list[tuple[dict, dict, float]] = []  # (count, share, implied total)
    for a, b in zip(nums, nums[1:]):
        if not _same_sentence(a, b) or b["kind"] != "percent" or b["start"] - a["end"] > 40:
            continue
        between = text[a["end"] : b["start"]]
        if a["kind"] == "ratio" and a["denominator"]:
            quotient = 100 * a["numerator"] / a["denominator"]
            if _SHARE_LINK.fullmatch(between):
                if abs(quotient - b["value"]) > PERCENT_TOLERANCE:
                    out.append(Check(
                        "ratio_percent",
                        f"{a['text']} is {quotient:.2f}%, but the text states {b['text']}",
                        [(a["start"], a["end"]), (b["start"], b["end"])], round(quotient, 4), b["value"],
                    ))
        elif a["kind"] == "quantity" and b["value"] and _SHARE.search(text[max(a["end"], b["start"] - 30) : b["start"]]):
            pairs.append((a, b, a["value"] / (b["value"] / 100)))
    # totals implied by count/share pairs of the same unit and area: one check
    # per group whose totals spread more than the tolerance
    groups: dict[tuple, list[tuple[dict, dict, float]]] = {}
    for c, sh, t in pairs:
        if not c.get("change"):
            groups.setdefault((c.get("unit"), c.get("area")), []).append((c, sh, t))
    for (unit, _), group in groups.items():
        lo, hi = min(g[2] for g in group), max(g[2] for g in group)
        if len(group) < 2 or hi - lo <= TOTAL_TOLERANCE * hi:
            continue
        shown = "; ".join(f"{c['text']} at {sh['text']} implies {t:,.0f}" for c, sh, t in group[:4])
        more = f" (+{len(group) - 4} more)" if len(group) > 4 else ""
        out.append(Check(
            "count_share_total",
            f"counts and their shares imply different totals of {unit or 'the same unit'}: {shown}{more}",
            [span for c, sh, _ in group for span in ((c["start"], c["end"]), (sh["start"], sh["end"]))],
            round(lo, 2), round(hi, 2),
        ))
    ranges = _ranges()
    for f in nums:
        r = ranges.get((f["indicator"], f["kind"])) if f.get("indicator") else None
        if r and "value" in f and not r[0] <= f["value"] <= r[1]:
            out.append(Check(
                "out_of_range",
                f"{f['text']} is outside the plausible range {r[0]:g}–{r[1]:g} of {f['indicator']}",
                [(f["start"], f["end"])], None, f["value"],
            ))
    return out


CONFLICTS_SQL = """
select indicator, area, period, kind,
       count(distinct coalesce(value, numerator || '/' || denominator)) as values_n,
       count(distinct document) as documents,
       group_concat(distinct coalesce(value, numerator || '/' || denominator)) as values_seen
from facts
where indicator is not null and area is not null and period is not null
  and kind in ('quantity', 'percent', 'ratio', 'money') and coalesce(target, 0) = 0
group by indicator, area, period, kind
having values_n > 1 and documents > 1
"""


def conflicts(db) -> list[dict]:
    """The same indicator, area, period and kind with different values in
    different articles (achieved figures only; targets may differ legitimately)."""
    rows = []
    for ind, area, period, kind, n, docs, seen in db.execute(CONFLICTS_SQL).fetchall():
        rows.append({
            "document": None, "check": "conflict",
            "message": f"{ind} of {area} for {period} ({kind}) has {n} values in {docs} articles: {seen}",
            "facts": json.dumps([]), "expected": None, "stated": None,
        })
    return rows
