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

import math
from itertools import islice


import regex
from pydantic import BaseModel, ConfigDict, model_validator

from .cache import disk_cached
from .draft import DocContext, Draft
from .gate import fold as gate_fold
from .gate import gate, may_match
from .rules import load_model
from .ruleset import per_rules
from .textnorm import fold


class IndicatorExample(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    match: str
    key: str | None
    # a known extractor gap: why the example does not pass yet (the test expects it to fail)
    gap: str | None = None


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
    # the measure must open with a generic prefix ("số học sinh", not any "học sinh")
    needs_prefix: bool = False
    # a count governed by one of these verbs is something else ("chữa khỏi 2.516 ca")
    refuse_verbs: list[str] = []
    # the same, anywhere in the figure's sentence before it, across earlier figures ("đầu tư trong
    # nước được 77 dự án với tổng vốn đăng ký 5.000 tỷ đồng": the second figure's own clause is short)
    refuse_in_sentence: list[str] = []
    # the family's percentage is a rate of units ("100% xã đạt chuẩn"), even where it
    # shares its key with the count; elsewhere a shared key's percentage must be a
    # change or a share of the plan ("xuất khẩu tăng 5%"), never a share of a total
    percent_is_rate: bool = False
    # an amount per unit other than time ("đồng/kg", "USD/người") may take this family's key
    # (prices, wages, rates); elsewhere it is a price of something, no total
    per_unit: bool = False
    # the currencies an amount of this family may be in (empty: any)
    currencies: list[str] = []
    # an amount per one of these ("2.500 USD/đêm", "… mỗi đêm") is the price of something else
    refuse_per: list[str] = []
    # the key is given only when the figure's clause before it, or its measure, has one
    # of these (an area as the subject: "toàn tỉnh thu hoạch 25.000 tấn vải", not a farm's harvest)
    needs_context: list[str] = []
    range: dict[str, tuple[float, float]] = {}
    # a count in one of `units` whose measure is only that unit and what follows it
    # ("thử thách ngưỡng 1.230 điểm") takes the key when its clause before it names a
    # wording as its subject ("VN-Index … ngưỡng 1.230 điểm"); the units are the
    # family's own scale, which nothing else in such a clause counts in
    unit_of_subject: bool = False
    examples: list[IndicatorExample] = []


class KeyDef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    definition: str
    kinds: list[str]


class Taxonomy(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    keys: dict[str, KeyDef]
    change_words: list[str] = []
    # "189 người chết trên 100.000 dân": a round power of ten after one of these is the
    # denominator of a rate, not a count of its own
    per_words: list[str] = []
    reporting_verbs: list[str] = []
    denominator_units: list[str] = []
    list_joiners: list[str] = []
    # "giảm 20 điểm tương ứng 1,6%": what joins a change to the same change in percent
    share_joiners: list[str] = []
    # a count after a keyed count, joined by one of these, is its consequence or its change and
    # is read with the words before that count ("260 vụ tai nạn giao thông, làm chết 150 người")
    consequence_words: list[str] = []
    time_denominators: list[str] = []
    # "xuất khẩu gạo đạt 325.000 tấn với giá trị 136 triệu USD": an amount whose measure is only
    # one of these is the value of the count before it (the first one heads the joined measure)
    value_heads: list[str] = []
    # "tăng 5% về lượng và 12% về giá trị": a percentage followed by one of these is the change
    # in value of the amount keyed last before it in the sentence
    value_aspects: list[str] = []
    prefixes: list[str] = []
    refuse: list[str] = []
    # an amount followed by one of these is a threshold ("từ 100 triệu đồng trở lên"), no value
    threshold_after: list[str] = []
    # a gap between two values ("khoảng cách", "chênh"): refused as `refuse` is
    gap_words: list[str] = []
    # "2.500 USD mỗi đêm": the words after an amount that say what it is per (besides "/")
    per_after: list[str] = []
    # "trên 100 triệu đồng mới phải nộp thuế": after a bound, the words that make it a rule's condition
    condition_after: list[str] = []
    # criteria named before a figure ("3 tiêu chí gồm: …"), and the words that open a lower bound ("từ")
    criterion_words: list[str] = []
    lower_bound_before: list[str] = []
    # "nếu có 1 ca dương tính": conditionals, the words after one that open no hypothesis, and past times
    conditionals: list[str] = []
    conditional_not: list[str] = []
    conditional_past: list[str] = []
    families: list[Family]

    @model_validator(mode="after")
    def _ratio_keys_take_no_amount(self):
        # a key named for a ratio or a rate that takes a percentage measures a share: an amount of
        # money is never its value ("các khoản nợ xấu 280 triệu USD" is no bad-debt ratio)
        bad = [k for k, d in self.keys.items()
               if k.endswith(("_ratio", "_rate")) and "percent" in d.kinds and "money" in d.kinds]
        if bad:
            raise ValueError(f"ratio or rate keys that also take money: {bad}")
        return self

    @model_validator(mode="after")
    def _families_use_defined_keys(self):
        for f in self.families:
            for k in f.keys.values():
                if k not in self.keys:
                    raise ValueError(f"family {f.family!r} uses key {k!r}, which `keys:` does not define")
        return self


@disk_cached
def taxonomy() -> Taxonomy:
    return load_model("indicators.yaml", Taxonomy)


@per_rules
def known_keys() -> frozenset[str]:
    return frozenset(taxonomy().keys)


_PUNCT = regex.compile(r"[^\w\s/-]")


def _words(w: str) -> tuple[str, ...]:
    # a dash glued to a word's end or start is punctuation ("BHYT- đạt …"), not part of it
    return tuple(t for t in (x.strip("-–") for x in fold(w).replace("/", " / ").split()) if t)


class _Compiled:
    """One family's phrases, folded into syllable tuples once."""

    __slots__ = ("family", "name", "keys", "refuse", "units", "anywhere", "governed_by", "topic_words", "own_words",
                 "needs_prefix", "refuse_verbs", "percent_is_change", "currencies", "needs_context", "per_unit",
                 "refuse_sentence_j", "refuse_j", "anywhere_j", "refuse_verbs_j", "needs_context_j", "refuse_per")

    def __init__(self, f: Family) -> None:
        self.family = f
        self.name = f.family
        self.keys = f.keys
        self.refuse = tuple(_words(r) for r in f.refuse)
        self.units = frozenset(fold(u) for u in f.units)
        self.anywhere = tuple(_words(w) for w in f.anywhere)
        self.governed_by = tuple(fold(g) for g in f.governed_by)
        self.topic_words = frozenset(_words(w) for w in f.topic.wordings) if f.topic else frozenset()
        self.own_words = frozenset(_words(w) for w in f.wordings)
        self.needs_prefix = f.needs_prefix
        self.currencies = frozenset(f.currencies)
        self.refuse_verbs = tuple(fold(v) for v in f.refuse_verbs)
        self.needs_context = tuple(_words(w) for w in f.needs_context)
        self.per_unit = f.per_unit
        self.refuse_per = frozenset(_words(w) for w in f.refuse_per)
        pk = f.keys.get("percent")
        self.percent_is_change = pk is not None and not f.percent_is_rate and pk in (f.keys.get("count"), f.keys.get("money"))
        # the same phrases as _contains compares them (" a b "), joined once here, not per figure
        self.refuse_j = tuple(map(_joined, self.refuse))
        self.anywhere_j = tuple(map(_joined, self.anywhere))
        self.refuse_verbs_j = tuple(_joined(tuple(v.split())) for v in self.refuse_verbs)
        self.needs_context_j = tuple(map(_joined, self.needs_context))
        self.refuse_sentence_j = tuple(_joined(_words(v)) for v in f.refuse_in_sentence)


@per_rules
def _index() -> tuple[dict[tuple[str, ...], list[_Compiled]], tuple, tuple, int, tuple[_Compiled, ...]]:
    """wording (folded syllables) → families; the generic prefixes; the global
    refusals; the longest wording; every family compiled."""
    t = taxonomy()
    compiled = tuple(_Compiled(f) for f in t.families)
    by_wording: dict[tuple[str, ...], list[_Compiled]] = {}
    for c in compiled:
        for w in c.own_words | c.topic_words:
            by_wording.setdefault(w, []).append(c)
    longest = max(len(w) for w in by_wording)
    return by_wording, tuple(_words(p) for p in t.prefixes), tuple(_words(r) for r in t.refuse + t.gap_words), longest, compiled


@per_rules
def _change_words() -> tuple[tuple[str, ...], ...]:
    return tuple(_words(w) for w in taxonomy().change_words)


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` occurs in ``words`` as whole syllables."""
    return _joined(phrase) in _joined(words)


def _joined(words: tuple[str, ...]) -> str:
    """The syllables as :func:`_contains` compares them: " a b "; ``_joined(p) in
    _joined(w)`` is ``_contains(w, p)``."""
    return f" {' '.join(words)} "


@per_rules
def _change_words_j() -> tuple[str, ...]:
    return tuple(map(_joined, _change_words()))


@per_rules
def _refuse_j() -> tuple[str, ...]:
    return tuple(map(_joined, _index()[2]))


SLOTS = {"quantity": "count", "ratio": "count", "percent": "percent", "money": "money"}


def topics(text: str, title: str | None) -> frozenset[str]:
    """The families whose topic the article is about (see ``Family.topic``)."""
    folded, ftitle = fold(text), fold(title or "")
    # a topic none of whose words the text holds is not run over it (gate); two matches are enough
    gfolded, gtitle = gate_fold(folded), gate_fold(ftitle)
    on = set()
    for (name, rx), words in zip(_topic_patterns(), _topic_gates()):
        if (may_match(words, gtitle) and rx.search(ftitle)) \
                or (may_match(words, gfolded) and next(islice(rx.finditer(folded, overlapped=False), 1, None), None)):
            on.add(name)
    return frozenset(on)


@per_rules
def _topic_gates() -> tuple[tuple[str, ...] | None, ...]:
    return tuple(gate(rx) for _, rx in _topic_patterns())


@disk_cached
def _topic_patterns() -> tuple[tuple[str, regex.Pattern], ...]:
    out = []
    for f in taxonomy().families:
        if f.topic:
            alts = "|".join(regex.escape(fold(w)) for w in sorted(f.topic.when, key=len, reverse=True))
            out.append((f.family, regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{alts})(?![\p{{L}}\p{{N}}])")))
    return tuple(out)


def _with_classifier(measure: str | None, unit: str | None) -> str | None:
    """``measure`` with the classifier that is its count's unit before it ("lượt" +
    "khách du lịch"), as the keys' wordings name it; else ``measure`` itself."""
    if measure and unit:
        funit = fold(unit)
        if funit in _measure_lexicon().classifiers and not fold(measure).startswith(funit):
            return f"{unit} {measure}"
    return measure


def _measure_lexicon():
    from . import measure as _measure  # imported where used, as in attach()

    return _measure.lexicon()


def key_for_measure(measure: str | None, kind: str, unit: str | None = None, verb: str | None = None,
                    active: frozenset[str] = frozenset(), change: str | None = None, of_plan: bool = False,
                    share: bool = False, currency: str | None = None, context: str | None = None,
                    per_unit: bool = False, before: str | None = None,
                    per: tuple[str, ...] = ()) -> str | None:
    """The indicator key a figure of ``kind`` measuring ``measure`` gets, or None;
    ``verb`` is the verb governing a count whose measure is its counted noun;
    ``change``, ``of_plan`` (a share of the plan) and ``share`` (a percentage of
    the noun phrase after it) say what kind of percentage it is; ``context``: the
    words of the figure's clause before it, where a refused word also counts; ``before``:
    its sentence before it, where a family's ``refuse_in_sentence`` words count; ``per``: the
    words after the "/" or "mỗi" of an amount per something ("đêm" of "2.500 USD/đêm")."""
    if not measure:
        return None
    t = taxonomy()
    by_wording, prefixes, refuse, longest, compiled = _index()
    words = _words(measure)
    slot = SLOTS[kind]
    counted = kind in ("quantity", "ratio")
    funit = fold(unit) if unit else None

    fverb = " ".join(x for x in (fold(verb) if verb else "", _after_reporting(fold(context)) if context else "") if x)
    cwords = tuple(fverb.split())
    # joined once: each test below is a substring test of these (_contains)
    hay, chay, hay1 = _joined(words), _joined(cwords), _joined(words[1:])
    growth = any(w in hay for w in _change_words_j())
    shay: list[str] = []  # the sentence before the figure, joined only when a family asks for it

    def sentence_hay() -> str:
        if not shay:
            shay.append(_joined(_words(_PUNCT.sub(" ", before))) if before else "")
        return shay[0]

    def fits(c: _Compiled, prefixed: bool = True) -> str | None:
        key = c.keys.get(slot)
        if key is None or kind not in t.keys[key].kinds or any(r in hay for r in c.refuse_j):
            return None
        if c.needs_prefix and not prefixed or any(v in chay for v in c.refuse_verbs_j) \
                or c.refuse_sentence_j and any(v in sentence_hay() for v in c.refuse_sentence_j):
            return None
        if c.currencies and kind == "money" and currency not in c.currencies:
            return None
        if c.needs_context and not any(w in chay or w in hay for w in c.needs_context_j):
            return None
        if per_unit and kind == "money" and not c.per_unit:
            return None  # "kinh phí 500 triệu đồng/lần": a price per unit, no total
        if per and any(per[: len(w)] == w for w in c.refuse_per):
            return None  # "biệt thự … 2.500 USD/đêm": a stay's price, no dwelling's
        if kind == "percent" and c.percent_is_change and not (change or of_plan or growth):
            return None  # "chiếm 90% tổng kim ngạch": a share of an amount is no value of it
        if share and not c.anywhere:
            return None  # "bằng 61,8% GDP": the percentage of a total measures something else
        if c.units and counted and funit and funit not in c.units:
            return None
        return key

    if any(r in hay or r in chay for r in _refuse_j()):
        return None
    if verb and unit:
        gverb = fold(verb)
        for c in compiled:
            if c.governed_by and any(words[: len(u.split())] == tuple(u.split()) for u in c.units) \
                    and any(gverb.endswith(g) or gverb.startswith(g) for g in c.governed_by):
                key = fits(c)
                if key:
                    return key
    starts = {0} | {len(p) for p in prefixes if words[: len(p)] == p}
    for s in sorted(starts, reverse=True):
        rest = words[s:]
        for n in range(min(longest, len(rest)), 0, -1):
            for c in by_wording.get(rest[:n], ()):
                if rest[:n] in c.topic_words and c.name not in active and rest[:n] not in c.own_words:
                    continue
                key = fits(c, prefixed=s > 0)
                if key:
                    return key
    for c in compiled:
        if c.anywhere and any(w in hay1 for w in c.anywhere_j):
            key = fits(c, prefixed=not c.needs_prefix)
            if key:
                return key
    return None


BEFORE_REACH = 300  # characters of a sentence read before a figure (bounded: linear time)


def _before(text: str, s0: int, start: int) -> str:
    """The figure's sentence before it, from after its last ';', at most BEFORE_REACH characters."""
    lo = max(s0, start - BEFORE_REACH)
    return text[max(lo, text.rfind(";", lo, start) + 1) : start]


def _subject_key(f: Draft, said: str | None, active: frozenset[str]) -> str | None:
    """The key of a family whose own scale ``f``'s unit is (``unit_of_subject``) and one of
    whose wordings ``said``, the words of its clause before it, names.  When the unit is a
    classifier ("lượt"), the count's measure with it must be one of the family's units too
    ("khách du lịch đạt 3 triệu lượt người", not "… 5.000 lượt chia sẻ")."""
    if not said or not f.unit:
        return None
    unit = _words(f.unit)
    whole = _words(_with_classifier(f.measure, f.unit) or "") if fold(f.unit) in _measure_lexicon().classifiers else None
    hay = None
    for units, wordings in _subject_families():
        if unit not in units or (whole is not None and whole not in units):
            continue
        hay = hay if hay is not None else _joined(_words(said))
        for w, joined in wordings:
            if joined in hay:
                key = key_for_measure(w, f.kind, f.unit, None, active, f.change, False, False, f.currency, said)
                if key:
                    return key
    return None


@per_rules
def _subject_families() -> tuple[tuple[frozenset[tuple[str, ...]], tuple[tuple[str, str], ...]], ...]:
    """Per ``unit_of_subject`` family: its units' words, and its wordings (longest first)
    with their joined form, built once per rule set instead of per figure."""
    return tuple((frozenset(_words(u) for u in fam.units),
                  tuple((w, _joined(_words(w))) for w in sorted(fam.wordings, key=lambda x: (-len(x), x))))
                 for fam in taxonomy().families if fam.unit_of_subject)


def _change_gap(gap: str, measure: str | None) -> bool:
    """Whether the words between a count and a percentage are only the rest of the count's
    ``measure`` and a change word ("3 triệu lượt | người (tăng | 13,4%"), so that the
    percentage is the count's own change."""
    words = _words(_PUNCT.sub(" ", gap))
    counted = _words(measure) if measure else ()
    if counted and words[: len(counted)] == counted:
        words = words[len(counted):]
    return words in _change_words()


def _value_aspect(text: str, end: int, s1: int) -> bool:
    """Whether the words right after a percentage are one of ``value_aspects`` ("12% về giá trị")."""
    after = _joined(_words(_PUNCT.sub(" ", text[end : min(s1, end + 24)])))
    return any(after.startswith(a) for a in _value_words()[1])


@per_rules
def _value_words() -> tuple[frozenset[tuple[str, ...]], tuple[str, ...], frozenset[tuple[str, ...]]]:
    """``value_heads`` and ``share_joiners`` as word tuples, and ``value_aspects`` as the joined
    prefixes _value_aspect tests, built once per rule set instead of per figure."""
    t = taxonomy()
    return (frozenset(_words(w) for w in t.value_heads),
            tuple(_joined(_words(a))[:-1] + " " for a in t.value_aspects),
            frozenset(_words(w) for w in t.share_joiners))


def _value_of_previous(measure: str, gap: str) -> bool:
    """Whether an amount whose ``measure`` is a bare value head ("giá trị") follows a count
    closely, in the same clause chain."""
    return _words(measure) in _value_words()[0] \
        and len(gap) <= 40 and not any(c in gap for c in ".;:!?")


def _consequence_gap(gap: str, measure: str | None) -> bool:
    """Whether the words between two counts keep them in one clause chain: short, with no
    break stronger than a comma, and, after the rest of the first count's ``measure``
    ("3 người | tử vong, "), nothing but a list joiner or a word that opens a consequence or a
    change of what was counted ("," "và" "làm" "khiến" "(tăng")."""
    if len(gap) > 60 or any(c in gap for c in ".;:!?"):
        return False
    words = tuple(w for w in (x.strip(",()-–") for x in fold(gap).split()) if w)
    counted = _words(measure) if measure else ()
    for k in range(min(len(counted), len(words)), 0, -1):
        if words[:k] == counted[-k:]:
            words = words[k:]
            break
    t = taxonomy()
    if words and words[0] in t.list_joiners:
        words = words[1:]
    return not words or any(words[: len(c)] == c for c in _consequence_words())


@per_rules
def _consequence_words() -> tuple[tuple[str, ...], ...]:
    return tuple(_words(w) for w in taxonomy().consequence_words + taxonomy().change_words)


def _after_reporting(context: str) -> str:
    """The words of a clause after its last reporting verb ("Ngân hàng Thế giới dự báo
    kinh tế Việt Nam tăng trưởng" → "kinh tế việt nam tăng trưởng"): who reports a figure
    is not what it is about."""
    padded = f" {context} "
    cut = -1
    for v in _reporting_verbs():
        p = padded.rfind(f" {' '.join(v)} ")
        if p >= 0 and not padded[:p].endswith((" được", " bị")):  # "nền kinh tế được dự báo": the subject stays
            cut = max(cut, p + len(" ".join(v)) + 1)
    return padded[cut:].strip() if cut >= 0 else context


@per_rules
def _reporting_verbs() -> tuple[tuple[str, ...], ...]:
    return tuple(_words(w) for w in taxonomy().reporting_verbs)


_PER = regex.compile(r"\s*/\s*(\p{L}+(?:\s\p{L}+)?)")


def per_unit(text: str, start: int, end: int) -> bool:
    """Whether an amount is per a unit other than time ("đồng/kg", "đồng/lần"), written
    in its span or right after it."""
    span = text[start:end]
    slash = span.rfind("/")
    m = _PER.match(span, slash) if slash >= 0 else _PER.match(text, end, min(len(text), end + 40))
    if not m:
        return False
    times = _time_denominators()
    words = _words(m.group(1))
    return not any(words[: len(t)] == t for t in times)


def per_words(text: str, start: int, end: int) -> tuple[str, ...]:
    """The words an amount is per ("đêm" of "2.500 USD/đêm", or of "2.500 USD mỗi đêm" with a
    ``per_after`` word), folded; () when none."""
    span = text[start:end]
    slash = span.rfind("/")
    m = _PER.match(span, slash) if slash >= 0 else _PER.match(text, end, min(len(text), end + 40))
    if m:
        return _words(m.group(1))
    after = _words(_PUNCT.sub(" ", text[end : end + 40]))
    for w in _per_after():
        if after[: len(w)] == w and len(after) > len(w):
            return after[len(w) : len(w) + 2]
    return ()


def count_per_words(facts: list[Draft], i: int, text: str) -> tuple[str, ...]:
    """The words a count is per ("tàu" of "2,5 tấn hải sản mỗi tàu" or "2 tấn/tàu"): "/" right after
    it, or a ``per_after`` word within the next three words of its clause (its counted noun between);
    the low end of a range reads its high end's."""
    f = facts[i]
    if _range_low(facts, i):
        f = facts[i + 1]
    m = _PER.match(text, f.end, min(len(text), f.end + 40))
    if m:
        return _words(m.group(1))
    rest = text[f.end : f.end + 60]
    cut = _CLAUSE_BREAK.search(rest)
    after = _words(_PUNCT.sub(" ", rest[: cut.start()] if cut else rest))
    for k in range(min(4, len(after))):
        for w in _per_after():
            if after[k : k + len(w)] == w and len(after) > k + len(w):
                return after[k + len(w) : k + len(w) + 2]
    return ()


@per_rules
def _per_after() -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((_words(w) for w in taxonomy().per_after), key=len, reverse=True))


def threshold(text: str, end: int) -> bool:
    """Whether the words right after a figure make it a threshold ("… trở lên")."""
    after = _words(_PUNCT.sub(" ", text[end : end + 24]))
    return any(after[: len(w)] == w for w in _threshold_after())


@per_rules
def _threshold_after() -> tuple[tuple[str, ...], ...]:
    return tuple(_words(w) for w in taxonomy().threshold_after)


@per_rules
def _rule_words() -> dict[str, tuple[tuple[str, ...], ...]]:
    t = taxonomy()
    return {name: tuple(sorted((_words(w) for w in getattr(t, name)), key=len, reverse=True))
            for name in ("condition_after", "criterion_words", "lower_bound_before", "conditionals",
                         "conditional_not", "conditional_past")}


def _lower_bound(f: Draft, text: str, s0: int) -> bool:
    """Whether a figure is a lower bound: its comparator says so, or a ``lower_bound_before`` word
    ("từ") ends the text right before it."""
    if f.comparator in (">=", ">"):
        return True
    before = _words(_PUNCT.sub(" ", text[max(s0, f.start - 12) : f.start]))
    return any(w and before[-len(w):] == w for w in _rule_words()["lower_bound_before"])


def condition(f: Draft, text: str, s0: int) -> bool:
    """Whether a bound is followed right away (no punctuation) by words that make it the condition
    of a rule ("có doanh thu trên 100 triệu đồng mới phải nộp thuế")."""
    if f.comparator in (None, "=", "~") and not _lower_bound(f, text, s0):
        return False
    rest = text[f.end : f.end + 40]
    m = _PER.match(rest)  # "100 triệu đồng/năm mới phải …"
    if m:
        rest = rest[m.end():]
    cut = _CONDITION_END.search(rest)
    after = _words(rest[: cut.start()] if cut else rest)
    return any(after[: len(w)] == w for w in _rule_words()["condition_after"])


def _range_low(facts: list[Draft], i: int) -> bool:
    """Whether ``facts[i]`` opens a range whose high end is the next figure."""
    f = facts[i]
    nxt = facts[i + 1] if i + 1 < len(facts) else None
    return nxt is not None and nxt.comparator == "<=" and nxt.start - f.end <= 12


def criterion(facts: list[Draft], i: int, text: str, s0: int) -> bool:
    """Whether a lower bound ("từ 25 tỷ đồng", no range) is one of a list of selection criteria: its
    sentence names criteria before it, or an earlier item of it, across a ';', was a threshold."""
    f = facts[i]
    if not _lower_bound(f, text, s0) or _range_low(facts, i) or facts[i].comparator == "<=":
        return False
    before = _joined(_words(_PUNCT.sub(" ", text[s0 : f.start])))
    if any(_joined(w) in before for w in _rule_words()["criterion_words"]):
        return True
    return any(";" in text[g.end : f.start] and threshold(text, g.end) for g in facts[:i])


_CONDITION_END = regex.compile(r"[,.;:!?()\"“”]")
_CLAUSE_BREAK = regex.compile(r"[,;:.!?]\s|[()\"“”]")


def hypothesis(text: str, s0: int, start: int) -> bool:
    """Whether a figure is in the clause a conditional opens ("nếu có 1 ca dương tính"): the last
    conditional before it in its sentence, with no "thì", comma or ';' between them, not followed
    by a ``conditional_not`` word ("nếu so với", "nếu tính cả") nor naming a past time."""
    seg = text[s0:start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(seg)), default=0)
    words = _words(_PUNCT.sub(" ", seg[cut:]))
    rw = _rule_words()
    at = -1
    for k in range(len(words) - 1, -1, -1):
        if any(words[k : k + len(w)] == w for w in rw["conditionals"]):
            at = k
            break
    if at < 0:
        return False
    cond = next(w for w in rw["conditionals"] if words[at : at + len(w)] == w)
    rest = words[at + len(cond) :]
    if "thì" in rest or any(rest[: len(w)] == w for w in rw["conditional_not"]):
        return False
    joined = _joined(rest)
    # a year in it ("nếu năm 2015 … thì năm nay …") is a past time too
    return not any(_joined(w) in joined for w in rw["conditional_past"]) \
        and not any(w.isdigit() and len(w) == 4 and w[:2] in ("19", "20") for w in rest)


@per_rules
def _time_denominators() -> tuple[tuple[str, ...], ...]:
    return tuple(_words(w) for w in taxonomy().time_denominators)


def _per_unit_of(facts: list[Draft], i: int, text: str) -> bool:
    """``per_unit`` of a figure, or of the high end of the range it opens
    ("từ 150 triệu - 500 triệu đồng/lần")."""
    f = facts[i]
    if per_unit(text, f.start, f.end):
        return True
    nxt = facts[i + 1] if i + 1 < len(facts) else None
    return bool(nxt is not None and f.comparator == ">=" and nxt.comparator == "<="
                and nxt.start - f.end <= 24 and per_unit(text, nxt.start, nxt.end))


def _denominator(f: Draft, text: str) -> bool:
    """Whether a count is the denominator of a rate: "trên 100.000 dân", "mỗi 1.000 trẻ",
    right after the rate's own number ("189 người chết trên 100.000 dân"); with no number
    just before it or a unit rates are taken over ("trên 1 vạn dân"), "trên 100 triệu
    lượt khách" is a count of more than that."""
    v = f.value
    if f.kind != "quantity" or not isinstance(v, (int, float)) or v < 100:
        return False
    k = round(math.log10(v))
    if 10 ** k != v:
        return False
    first = tuple(fold(f.text).split()[:2])
    if not any(first[: len(w)] == w for w in _per_words()):
        return False
    if f.unit and fold(f.unit) in {fold(u) for u in taxonomy().denominator_units}:
        return True
    return any(c.isdigit() for c in text[max(0, f.start - 30) : f.start])


@per_rules
def _per_words() -> tuple[tuple[str, ...], ...]:
    return tuple(_words(w) for w in taxonomy().per_words)


def attach(facts: list[Draft], text: str, sent: tuple[int, int], active: frozenset[str] = frozenset(),
           ctx: DocContext | None = None) -> None:
    """Set ``measure`` and ``indicator`` on the numeric facts of one sentence
    (sorted by start), in place; ``active``: the article's topics (``topics``)."""
    from . import measure as _measure

    _measure.attach(facts, text, sent)
    prev: Draft | None = None
    prev_said: str | None = None  # the words that gave the previous figure its key
    for i, f in enumerate(facts):
        f_said = f.left_phrase
        verb = f.verb
        if verb is None and f.kind in ("quantity", "ratio") and f.unit:
            # "19/27 chỉ tiêu đã hoàn thành …": the verb after the count
            nxt = facts[i + 1].start if i + 1 < len(facts) else sent[1]
            if ctx is not None:
                end = ctx.clause_end(f.end, nxt, ",;(")
            else:
                end = min([nxt] + [p for p in (text.find(c, f.end, nxt) for c in ",;(") if p >= 0])
            for fam in taxonomy().families:
                if fam.governed_by and _measure.achieved(text, f.end, end, fam.governed_by):
                    verb = fam.governed_by[0]
                    break
        if prev is not None and prev.kind == f.kind and prev.comparator == ">=" and f.comparator == "<=" \
                and prev.measure == f.measure and len(text[prev.end : f.start]) <= 8:
            # the high end of a range ("lỗ từ 1 tới 1,5 triệu đồng") is read with the clause of its
            # low end, not with the "tới" between them
            f_said = prev_said
        f.indicator = key_for_measure(f.measure, f.kind, f.unit, verb, active, f.change,
                                      bool(f.plan_share), bool(f.share), f.currency,
                                      f_said, f.kind == "money" and _per_unit_of(facts, i, text),
                                      _before(text, sent[0], f.start),
                                      per_words(text, f.start, f.end) if f.kind == "money"
                                      else count_per_words(facts, i, text) if f.kind == "quantity" else ())
        if f.indicator is None and f.kind == "quantity" and (whole := _with_classifier(f.measure, f.unit)) != f.measure:
            # a classifier is the count's unit and the noun after it its measure
            # ("1,2 triệu lượt | khách du lịch"): the key's wordings name them together
            f.indicator = key_for_measure(whole, f.kind, f.unit, verb, active,
                                          f.change, False, False, f.currency, f.left_phrase, False)
        if f.indicator is None and prev is not None and prev.indicator and not f.of_plan and (
                prev.kind == f.kind and not (f.left_phrase or "").strip() and f.kind in ("quantity", "ratio")
                or prev.measure and f.measure == prev.measure):
            # an item of an enumeration shares the verb before the first item ("đã ban hành 4
            # nghị quyết của HĐND, 6 kế hoạch của UBND"), and a figure that took the previous
            # figure's measure ("…là 5,4 triệu đồng, tăng 6,4%") its words: read it with them
            # (a measure taken from a count after a classifier is read with it: "lượt khách")
            again = key_for_measure(_with_classifier(f.measure, prev.unit) if prev.kind == "quantity"
                                    and f.measure == prev.measure else f.measure,
                                    f.kind, f.unit, verb or prev.verb, active, f.change,
                                    bool(f.plan_share), bool(f.share), f.currency, prev.left_phrase,
                                    f.kind == "money" and _per_unit_of(facts, i, text), None,
                                    per_words(text, f.start, f.end) if f.kind == "money" else ())
            if again == prev.indicator:
                f.indicator = again
        if f.indicator is None and prev is not None and prev.indicator and f.kind in ("quantity", "ratio") \
                and prev.kind in ("quantity", "ratio") and _consequence_gap(text[prev.end : f.start], prev.measure):
            # "260 vụ tai nạn giao thông, làm chết 150 người", "khiến 3 người tử vong, 2 người bị
            # thương": a count that follows a keyed count in the same clause chain is read with the
            # words that introduced that count (only a family that needs its clause can gain by it)
            # (a new predicate in between ends it: "ban hành 3 quyết định, tiếp nhận 40 văn bản")
            said = " ".join(x for x in (prev_said, prev.measure, text[prev.end : f.start].lower()) if x)
            f.indicator = key_for_measure(f.measure, f.kind, f.unit, verb, active, f.change,
                                          bool(f.plan_share), bool(f.share), f.currency, said, False)
            if f.indicator:
                f_said = said
        if f.indicator is None and f.kind == "quantity" and f.unit and f.measure \
                and (_words(f.measure)[: len(_words(f.unit))] == _words(f.unit)
                     or _with_classifier(f.measure, f.unit) != f.measure):
            # (a count after a classifier, "3 triệu lượt người", is read as the classifier and its
            # noun together; _subject_key takes it only when that whole is one of a family's units)
            f.indicator = _subject_key(f, f_said, active)
            if f.indicator is None and prev is not None and prev.indicator \
                    and not any(c in text[prev.end : f.start] for c in ",;:()"):
                # "giảm 20 điểm tương ứng 1,6% còn 1.228 điểm": the level the same subject reached
                again = _subject_key(f, _before(text, sent[0], f.start), active)
                f.indicator = again if again == prev.indicator else None
        elif f.indicator is None and f.kind == "percent" and prev is not None and prev.indicator \
                and prev.measure == f.measure and prev.kind == "quantity" and prev.unit and f.measure \
                and prev.indicator == _subject_key(prev, prev_said, active) \
                and (_words(text[prev.end : f.start].strip(" ,(")) in _value_words()[2]
                     or f.change and _change_gap(text[prev.end : f.start], prev.measure)):
            # "20,35 điểm tương ứng 1,63%": the same change in percent; "khách du lịch đạt 3 triệu
            # lượt (tăng 13,4%)": the count's own change
            f.indicator = prev.indicator if f.kind in taxonomy().keys[prev.indicator].kinds else None
        if f.indicator is None and f.kind == "money" and prev is not None and prev.kind == "quantity" \
                and prev.measure and f.measure and _value_of_previous(f.measure, text[prev.end : f.start]):
            # "xuất khẩu gạo đạt 325.000 tấn với giá trị 136 triệu USD": the value of what was counted
            f.indicator = key_for_measure(f"{taxonomy().value_heads[0]} {prev.measure}", f.kind, None, None, active,
                                          f.change, False, False, f.currency, prev.left_phrase, False)
        if f.indicator is None and f.kind == "percent" and _value_aspect(text, f.end, sent[1]):
            # "xuất khẩu đạt 1,2 tỷ USD, tăng 5% về lượng và 12% về giá trị": the value's change
            last = next((g for g in reversed(facts[:i]) if g.kind == "money" and g.indicator), None)
            if last is not None and last.indicator and ";" not in text[last.end : f.start] \
                    and "percent" in taxonomy().keys[last.indicator].kinds:
                f.indicator = last.indicator
        if f.indicator and _denominator(f, text):
            f.indicator = None
        if f.indicator and f.kind == "money" and threshold(text, f.end):
            f.indicator = None  # "doanh thu từ 100 triệu đồng trở lên": a threshold, no value
        if f.indicator and f.kind == "money" and (condition(f, text, sent[0]) or criterion(facts, i, text, sent[0])):
            f.indicator = None  # "trên 100 triệu đồng mới phải nộp thuế", "tiêu chí …: lợi nhuận từ 25 tỷ đồng"
        if f.indicator and hypothesis(text, sent[0], f.start):
            f.indicator = None  # "nếu có 1 ca dương tính": a hypothesis, no count
        if f.of_plan and prev is not None and prev.indicator:
            # a share of the plan keeps the key of what was planned; a rate's excess over its
            # plan ("69,46%, vượt 0,96% chỉ tiêu") is a gap in points, no value of the rate
            f.indicator = prev.indicator if prev.kind != "percent" else None
        if f.indicator is None and prev is not None and prev.indicator and prev.kind == f.kind \
                and prev.comparator == ">=" and f.comparator == "<=" and prev.measure == f.measure \
                and not text[prev.end : f.start].strip(" -–"):
            # the high end of a range has the low end's key ("tăng trưởng 2,5-3%")
            f.indicator = prev.indicator
        if f.indicator is None and prev is not None and prev.indicator and prev.kind == f.kind \
                and prev.measure and prev.measure == f.measure and fold(text[prev.end : f.start]).strip(" ,") in taxonomy().list_joiners:
            # two values of one measure joined by "và" ("lần lượt đạt 1,6% và 6,7%")
            f.indicator = prev.indicator
        if f.indicator is None and f.list_item and prev is not None and prev.indicator \
                and prev.kind == f.kind:
            # a list sharing one measure: "tỷ lệ đi học đúng độ tuổi cấp tiểu học đạt 100%,
            # cấp trung học cơ sở đạt 99%"
            f.indicator = prev.indicator
        prev, prev_said = f, f_said
