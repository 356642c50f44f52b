"""Indicator keys from what a figure measures: the taxonomy of
``rules/indicators.yaml`` applied to each numeric fact's ``measure`` (see
``measure.py``), precision first.

A key is given only when the measure is what the key names: the measure, with
a generic prefix removed ("tỷ lệ", "số", "tổng" …), begins with one of the
family's wordings ("tỷ lệ hộ nghèo" → "hộ nghèo" → poor; "trẻ em bị bệnh
thuộc hộ nghèo" does not), contains none of its refused qualifiers ("mức
đóng", "thất thoát" …), the fact's kind has a key in the family and the key
allows that kind, and a count's unit is one the family counts.  Nearby words
that are not the figure's measure never give a key.
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


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid")
    when: list[str]
    wordings: list[str]


class Family(BaseModel):
    model_config = ConfigDict(extra="forbid")
    family: str
    wordings: list[str]
    keys: dict[str, str]  # count | percent | money → key
    units: list[str] = []  # the counted nouns a count of this indicator may have (empty: any)
    refuse: list[str] = []  # qualifiers that make a measure something else ("mức đóng", "thất thoát")
    # a count whose measure is only its counted noun gets the key when the verb
    # governing it is one of these ("hoàn thành 16/27 chỉ tiêu")
    governed_by: list[str] = []
    # wordings that name the family anywhere in a rate's or count's measure, after
    # its subject ("hộ gia đình ở nông thôn được sử dụng nước hợp vệ sinh")
    anywhere: list[str] = []
    # wordings that name the family only in an article about its topic ("ca tử vong" in
    # an article about Covid-19): the topic is on when one of `when` is in the title or
    # twice in the text
    topic: Topic | None = None
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
    prefixes: list[str] = []
    refuse: list[str] = []
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


def _words(w: str) -> tuple[str, ...]:
    return tuple(fold(w).replace("/", " / ").split())


@lru_cache(maxsize=1)
def _index() -> tuple[dict[tuple[str, ...], list[Family]], frozenset, frozenset, int]:
    """wording (folded syllables) → families; the generic prefixes; the global refusals; the longest wording."""
    t = taxonomy()
    by_wording: dict[tuple[str, ...], list[Family]] = {}
    for f in t.families:
        for w in f.wordings:
            by_wording.setdefault(_words(w), []).append(f)
        for w in f.topic.wordings if f.topic else ():
            by_wording.setdefault(_words(w), []).append(f)
    longest = max(len(w) for w in by_wording)
    return by_wording, frozenset(_words(p) for p in t.prefixes), frozenset(_words(r) for r in t.refuse), longest


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


SLOTS = {"quantity": "count", "ratio": "count", "percent": "percent", "money": "money"}


def topics(text: str, title: str | None) -> frozenset[str]:
    """The families whose topic the article is about (see ``Family.topic``)."""
    folded, ftitle = fold(text), fold(title or "")
    on = set()
    for f in taxonomy().families:
        if f.topic and any(_count_word(ftitle, fold(w)) or _count_word(folded, fold(w)) >= 2 for w in f.topic.when):
            on.add(f.family)
    return frozenset(on)


def _count_word(folded: str, word: str) -> int:
    return len(regex.findall(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(word)}(?![\p{{L}}\p{{N}}])", folded))


def key_for_measure(measure: str | None, kind: str, unit: str | None = None, verb: str | None = None,
                    active: frozenset[str] = frozenset()) -> str | None:
    """The indicator key a figure of ``kind`` measuring ``measure`` gets, or None;
    ``verb`` is the verb governing a count whose measure is its counted noun."""
    if not measure:
        return None
    t = taxonomy()
    words = _words(measure)
    if verb and unit:
        for fam in t.families:
            if fam.governed_by and any(words[: len(_words(u))] == _words(u) for u in fam.units) \
                    and any(fold(verb).endswith(fold(g)) or fold(verb).startswith(fold(g)) for g in fam.governed_by):
                key = fam.keys.get(SLOTS[kind])
                if key and kind in t.keys[key].kinds:
                    return key
    by_wording, prefixes, refuse, longest = _index()
    if any(_contains(words, r) for r in refuse):
        return None
    starts = [0] + [len(p) for p in prefixes if words[: len(p)] == p]
    for s in sorted(set(starts), reverse=True):
        rest = words[s:]
        for n in range(min(longest, len(rest)), 0, -1):
            for fam in by_wording.get(rest[:n], []):
                if fam.topic and rest[:n] in {_words(w) for w in fam.topic.wordings} and fam.family not in active \
                        and rest[:n] not in {_words(w) for w in fam.wordings}:
                    continue
                key = fam.keys.get(SLOTS[kind])
                if key is None or kind not in t.keys[key].kinds:
                    continue
                if any(_contains(words, _words(r)) for r in fam.refuse):
                    continue
                if fam.units and kind in ("quantity", "ratio") and unit and fold(unit) not in {fold(u) for u in fam.units}:
                    continue
                return key
    for fam in t.families:
        key = fam.keys.get(SLOTS[kind])
        if key is None or kind not in t.keys[key].kinds or any(_contains(words, _words(r)) for r in fam.refuse):
            continue
        if any(_contains(words[1:], _words(w)) for w in fam.anywhere):
            if fam.units and kind in ("quantity", "ratio") and unit and fold(unit) not in {fold(u) for u in fam.units}:
                continue
            return key
    return None


def attach(facts: list[dict], text: str, sent: tuple[int, int], active: frozenset[str] = frozenset()) -> None:
    """Set ``measure`` and ``indicator`` on the numeric facts of one sentence
    (sorted by start), in place; ``active``: the article's topics (``topics``)."""
    from . import measure as _measure

    _measure.attach(facts, text, sent)
    prev: dict | None = None
    for i, f in enumerate(facts):
        verb = f.pop("_verb", None)
        if verb is None and f["kind"] in ("quantity", "ratio") and f.get("unit"):
            # "19/27 chỉ tiêu đã hoàn thành …": the verb after the count
            nxt = facts[i + 1]["start"] if i + 1 < len(facts) else sent[1]
            end = min([nxt] + [p for p in (text.find(c, f["end"], nxt) for c in ",;(") if p >= 0])
            for fam in taxonomy().families:
                if fam.governed_by and _measure.achieved(text, f["end"], end, fam.governed_by):
                    verb = fam.governed_by[0]
                    break
        f["indicator"] = key_for_measure(f.get("measure"), f["kind"], f.get("unit"), verb, active)
        if f.pop("_of_plan", False) and prev is not None and prev.get("indicator"):
            # a share of the plan keeps the key of what was planned
            f["indicator"] = prev["indicator"]
        if f["indicator"] is None and f.pop("_list_item", False) and prev is not None and prev.get("indicator") \
                and prev["kind"] == f["kind"]:
            # a list sharing one measure: "tỷ lệ đi học đúng độ tuổi cấp tiểu học đạt 100%,
            # cấp trung học cơ sở đạt 99%"
            f["indicator"] = prev["indicator"]
        f.pop("_list_item", None)
        prev = f
