"""What each numeric fact measures: the indicator taxonomy of
``rules/indicators.yaml`` and its attachment to facts from their sentence.

Attachment looks, in order, at (1) the fact's own noun phrase ("2.134 hộ
nghèo"), (2) the words between the previous figure of the sentence and this
one, nearest first ("tỷ lệ bao phủ bảo hiểm y tế đạt 92,5%"), (3) for a
percentage, the words after it up to the end of its clause ("trên 96% dân số
tham gia bảo hiểm y tế"), (4) the previous figure of the same sentence when
this one is its share or its share of the plan ("… 45 hộ, chiếm tỷ lệ
0,084%", "… 8.623 lao động, đạt 132,06% chỉ tiêu giao").
"""

from __future__ import annotations

from functools import lru_cache

import regex
from pydantic import BaseModel, ConfigDict, model_validator

from .rules import load_model
from .textnorm import fold


class IndicatorExample(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    match: str
    key: str | None


class Family(BaseModel):
    model_config = ConfigDict(extra="forbid")
    family: str
    wordings: list[str]
    keys: dict[str, str]  # count | percent | money → key
    units: list[str] = []  # the counted nouns a count of this indicator may have (empty: any)
    range: dict[str, tuple[float, float]] = {}
    examples: list[IndicatorExample] = []


class KeyDef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    definition: str
    kinds: list[str]


class Taxonomy(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    keys: dict[str, KeyDef]
    families: list[Family]

    @model_validator(mode="after")
    def _families_use_defined_keys(self):
        for f in self.families:
            for k in f.keys.values():
                if k not in self.keys:
                    raise ValueError(f"family {f.family!r} uses key {k!r}, which `keys:` does not define")
        return self


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    return load_model("indicators.yaml", Taxonomy)


@lru_cache(maxsize=1)
def known_keys() -> frozenset[str]:
    return frozenset(taxonomy().keys)


def _spaced(w: str) -> str:
    return r"\s+".join(regex.escape(part) for part in w.split())


@lru_cache(maxsize=1)
def _wording_re() -> tuple[regex.Pattern, dict[str, Family]]:
    """One alternation of every wording, in folded form (see ``textnorm.fold``),
    longest first; the group name says which family matched."""
    index: dict[str, Family] = {}
    for f in taxonomy().families:
        for w in f.wordings:
            index[fold(w)] = f
    words = sorted(index, key=len, reverse=True)
    alts = "|".join(f"(?P<w{i}>{_spaced(w)})" for i, w in enumerate(words))
    rx = regex.compile(rf"(?<!\p{{L}})(?:{alts})(?!\p{{L}})")
    return rx, {f"w{i}": index[w] for i, w in enumerate(words)}


def _hits(folded: str, start: int, end: int) -> list[tuple[int, int, Family]]:
    rx, by_group = _wording_re()
    return [(m.start(), m.end(), by_group[m.lastgroup]) for m in rx.finditer(folded, start, end)]


def key_for(family: Family, kind: str) -> str | None:
    slot = {"quantity": "count", "ratio": "count", "percent": "percent", "money": "money"}[kind]
    return family.keys.get(slot)


# "…, chiếm (tỷ lệ) X%": a share of the figure before it
_SHARE_OF_PREVIOUS = regex.compile(r"(?:^|[,(]\s*|\s)(?:chiếm|bằng|tương đương|tương ứng)(?:\s+(?:tỷ lệ|tỉ lệ))?\s*\(?\s*$", regex.IGNORECASE)
_OF_PLAN = regex.compile(r"^\s*(?:so với\s+)?(?:chỉ tiêu|kế hoạch)", regex.IGNORECASE)
_CLAUSE_END = regex.compile(r"[,;.:!?()]")
_CLAUSE_INITIAL = regex.compile(r"[,;:(]\s*$")
_PREDICATE = regex.compile(r"(?:được hưởng|được|tham gia|sử dụng|dùng|có|đạt|hưởng)\s+$", regex.IGNORECASE)
OWN_REACH = 25  # characters after a count within which its noun phrase may name the indicator


def attach(facts: list[dict], text: str, folded: str, sent: tuple[int, int]) -> None:
    """Set ``indicator`` on the numeric facts of one sentence, in place;
    ``folded`` is ``textnorm.fold(text)`` (same offsets)."""
    s0, s1 = sent
    prev_end = s0
    prev: dict | None = None
    for i, f in enumerate(facts):
        fam = None
        nxt = facts[i + 1]["start"] if i + 1 < len(facts) else s1
        m = _CLAUSE_END.search(text, f["end"], nxt)
        clause_end = m.start() if m else nxt
        after = text[f["end"] : s1]
        semi = text.rfind(";", prev_end, f["start"])
        before_lo = semi + 1 if semi >= 0 else prev_end
        if f["kind"] == "percent" and _OF_PLAN.match(after) and prev and prev.get("indicator"):
            # "8.623 lao động, đạt 132,06% chỉ tiêu giao": the share of the plan of that figure
            f["indicator"], f["_family"] = prev["indicator"], prev.get("_family")
            prev, prev_end = f, f["end"]
            continue
        # (1) the fact's own noun phrase ("2.134 hộ nghèo", "10/10 phường đạt chuẩn …")
        # a count's noun phrase may go on a few words ("12.400 người tham gia
        # bảo hiểm thất nghiệp", "1.500 suất quà cho người có công")
        reach = OWN_REACH if f["kind"] in ("quantity", "ratio") else 1
        own = [h for h in _hits(folded, f["start"], clause_end) if h[0] <= f["end"] + reach]
        later = _hits(folded, f["end"], clause_end) if f["kind"] == "percent" else []
        if f["kind"] == "percent" and _CLAUSE_INITIAL.search(text, max(s0, f["start"] - 3), f["start"]) \
                or f["kind"] == "percent" and f["start"] - s0 < 3:
            # a percentage that opens its clause is its subject ("100% hộ gia đình …
            # được hưởng trợ cấp xã hội"): what it measures follows, up to the clause's
            # ';' or the next figure, named after the verb; nothing before it counts
            if not later:
                semi = text.find(";", f["end"], nxt)
                end = semi if semi >= 0 else nxt
                later = [h for h in _hits(folded, f["end"], end) if _PREDICATE.search(text, max(f["end"], h[0] - 14), h[0])]
            before = []
        else:
            before = _hits(folded, before_lo, f["start"])
        if own:
            fam = own[0][2]
        elif later:  # (2) "trên 96% dân số tham gia bảo hiểm y tế"
            fam = later[0][2]
        elif before:  # (3) "tỷ lệ bao phủ bảo hiểm y tế đạt 92,5%"
            fam = before[-1][2]
        elif prev is not None and prev.get("_family"):
            between = text[prev_end : f["start"]]
            if _SHARE_OF_PREVIOUS.search(text[max(prev_end, f["start"] - 30) : f["start"]]):
                fam = prev["_family"]  # (4) "… 45 hộ, chiếm tỷ lệ 0,084%"
            elif prev["kind"] == f["kind"] and ";" not in between:
                fam = prev["_family"]  # (5) a list: "tiểu học đạt 100%, trung học cơ sở đạt 99%"
        if fam is not None and fam.units and f["kind"] in ("quantity", "ratio") and f.get("unit") \
                and f["unit"] not in fam.units:
            fam = None  # a count of something else ("3 quận không còn hộ nghèo")
        if fam is not None:
            f["_family"] = fam
            f["indicator"] = key_for(fam, f["kind"])
        else:
            f.setdefault("indicator", None)
        prev, prev_end = f, f["end"]
