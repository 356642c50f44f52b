"""What a figure measures: the ``measure`` phrase of every numeric fact, read
from the grammar of its clause (``rules/measure.yaml`` holds every word).

For a figure, the words before it in its clause are stripped of linking verbs,
comparators, change and aspect words from the right and of clause openers
from the left; the rest, from its first head noun ("tỷ lệ", "kim ngạch",
"số" …) and cut before area, period and possessor phrases, is the measure
("tỷ lệ hộ nghèo toàn huyện còn 0,084%" → "tỷ lệ hộ nghèo").  A verb phrase
ending in a carrier word keeps the verb phrase ("giải quyết việc làm cho
8.623 lao động" → "giải quyết việc làm").  Otherwise a count's measure is its
counted noun phrase ("ban hành 936 văn bản chỉ đạo" → "văn bản chỉ đạo"), a
percentage that opens its clause takes the noun phrase after it ("96% dân số
tham gia bảo hiểm y tế"), a share of the plan or of the figure before it and
a bare change (", tăng 5%") take the previous figure's measure.  Where the
words before a percentage or an amount have no head noun, underthesea's POS
tags (on that phrase only, cached) drop a subject before its first verb
("Công ty xuất khẩu …") and refuse a phrase that is only a name.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict, field_validator

from .cache import disk_cached
from .draft import Draft
from .rules import RuleError, load_model
from .ruleset import per_rules, per_rules_memo
from .textnorm import fold


class MeasureWords(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    predicates: list[str]
    comparators: list[str]
    changes: list[str]
    bare_growth: list[str]
    same_period: list[str]
    aspects: list[str]
    trailing_aspects: list[str]
    openers: list[str]
    cut_before: list[str]
    heads: list[str]
    np_stops: list[str]
    brand_words: list[str]
    coordinators: list[str]
    share_phrase_keeps: list[str]
    weak_heads: list[str]
    value_of: list[str]
    has_attribute: list[str]
    amount_nouns: list[str]
    range_connectors: list[str]
    verb_heads: list[str]
    having_verbs: list[str]
    clause_joins: list[str]
    introducers: list[str]
    verb_particles: list[str]
    nominalisers: list[str]
    limit_names: list[str]
    name_measures: list[str]
    index_possessors: list[str]
    thing_openers: list[str]
    dimensions: list[str]
    time_units: list[str]
    demonstratives: list[str]
    area_subjects: list[str]
    measuring_units: list[str]
    classifiers: list[str]
    classifier_nouns: list[str]
    paired_nouns: list[str]
    not_achieved: list[str]
    carriers: list[str]
    of_plan: list[str]
    share_of_previous: list[str]
    share_verbs: list[str]
    share_intro: list[str]
    price_places: list[str]
    quantifiers: list[str]
    dropped: list[str]
    price_heads: list[str]
    source_heads: list[str]
    money_heads: list[str]
    price_per: list[str]
    yield_units: list[str]
    price_measure: list[str]
    yield_measure: list[str]
    source_words: list[str]
    source_not_before: list[str]
    to_level: list[str]
    place_words: list[str]
    extremes: list[str]
    restated_prices: list[str] = []
    price_sides: list[str] = []
    about_words: list[str]
    multiples: list[str]
    multiple_units: list[str]
    passives: list[str]
    capacity_heads: list[str]

    @field_validator("*")
    @classmethod
    def _not_empty(cls, v, info):
        if isinstance(v, list) and not v:
            raise ValueError(f"the word group `{info.field_name}` is empty; give it at least one phrase or remove its use")
        return v


def _phrases(words: list[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(fold(w).split()) for w in words)


class _Lexicon:
    def __init__(self, m: MeasureWords) -> None:
        self.strip_right = _phrases(m.predicates + m.comparators + m.changes + m.aspects)
        self.aspects = _phrases(m.aspects)
        self.linking = _phrases(m.predicates + m.comparators + m.changes)
        self.trailing_aspects = _phrases(m.trailing_aspects)
        self.openers = _phrases(m.openers)
        self.cut = _phrases(m.cut_before)
        self.heads = _phrases(m.heads)
        self.carriers = _phrases(m.carriers)
        self.of_plan = _phrases(m.of_plan)
        self.share = _phrases(m.share_of_previous)
        self.share_verbs = _phrases(m.share_verbs)
        self.share_intro = _phrases(m.share_intro)
        self.price_places = _phrases(m.price_places)
        self.quantifiers = _phrases(m.quantifiers)
        self.dropped = _phrases(m.dropped)
        self.price_heads = _phrases(m.price_heads)
        self.stop = self.cut | _phrases(m.predicates) | self.aspects | self.carriers | _phrases(m.openers)
        self.np_stops = _phrases(m.np_stops)
        self.brand_words = _phrases(m.brand_words)
        self.coordinators = _phrases(m.coordinators)
        # a share's own noun phrase runs on through place and time words ("hộ gia đình ở
        # nông thôn được sử dụng …"); it ends at the other cut words
        self.share_stops = self.cut - _phrases(m.share_phrase_keeps)
        self.weak_heads = _phrases(m.weak_heads)
        self.area_subjects = _phrases(m.area_subjects)
        self.value_of = _phrases(m.value_of)
        self.dimensions = _phrases(m.dimensions)
        self.time_units = frozenset(fold(u) for u in m.time_units)
        self.demonstratives = _phrases(m.demonstratives)
        self.has_attribute = _phrases(m.has_attribute)
        self.amount_nouns = _phrases(m.amount_nouns)
        self.range_connectors = _phrases(m.range_connectors)
        self.verb_heads = _phrases(m.verb_heads)
        self.having = _phrases(m.having_verbs)
        self.introducers = _phrases(m.introducers)
        self.verb_particles = _phrases(m.verb_particles)
        self.nominalisers = _phrases(m.nominalisers)
        self.limit_names = _phrases(m.limit_names)
        self.name_measures = frozenset(fold(w) for w in m.name_measures)
        self.possessors = _phrases(m.index_possessors)
        self.thing_openers = _phrases(m.thing_openers)
        self.measuring = frozenset(fold(u) for u in m.measuring_units)
        self.classifiers = frozenset(fold(u) for u in m.classifiers)
        self.classifier_nouns = _phrases(m.classifier_nouns)
        self.paired = _phrases(m.paired_nouns)
        self.not_achieved = _phrases(m.not_achieved)
        self.source_heads = _phrases(m.source_heads)
        self.money_heads = _phrases(m.money_heads)
        self.price_per = frozenset(fold(u) for u in m.price_per)
        self.yield_units = frozenset(fold(u) for u in m.yield_units)
        self.price_measure = m.price_measure[0]
        self.yield_measure = m.yield_measure[0]
        self.source_words = _phrases(m.source_words)
        self.source_not_before = frozenset(fold(w) for w in m.source_not_before)
        self.to_level = _phrases(m.to_level)
        self.place_words = frozenset(fold(w) for w in m.place_words)
        self.extremes = frozenset(fold(w) for w in m.extremes)
        self.restated_prices = frozenset(fold(w) for w in m.restated_prices)
        self.price_sides = frozenset(fold(w) for w in m.price_sides)
        self.about_words = _phrases(m.about_words)
        self.multiples = _phrases(m.multiples)
        self.multiple_units = frozenset(fold(w) for w in m.multiple_units)
        self.passives = _phrases(m.passives)
        self.capacity_heads = _phrases(m.capacity_heads)
        self.changes = _phrases(m.changes)
        self.bare_growth = frozenset(fold(w) for w in m.bare_growth)
        self.same_period = _phrases(m.same_period)
        self.comparators = _phrases(m.comparators)
        self.predicates = _phrases(m.predicates)
        self.clause_joins = _phrases(m.clause_joins)
        self.longest = max(len(p) for p in self.strip_right | self.openers | self.cut | self.heads | self.stop | self.np_stops
                           | self.paired | self.classifier_nouns | self.brand_words | self.having | self.limit_names | self.introducers)


@per_rules
def lexicon() -> _Lexicon:
    try:
        return _Lexicon(load_model("measure.yaml", MeasureWords))
    except ValueError as exc:  # pragma: no cover - load_model reports schema errors itself
        raise RuleError(f"measure.yaml: {exc}") from None


_SYLLABLE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")
_SPACES = regex.compile(r"\s+")
# a spaced dash breaks a clause, except between two names ("Việt Nam - Nga", "Trảng Dài - Tân Hiệp")
# (a dot with a letter right after it is inside a name: "Kitco.com", "TP.HCM")
_BREAK = regex.compile(r"[,;:()\[\]“”\"!?…–]|\.(?!\p{L})|\s(?<!\p{Lu}[\p{L}\p{M}]{0,40}\s)-\s|\s-\s(?!\p{Lu})")
MAX_COUNTED = 8  # syllables of qualifiers a counted noun may take ("hộ nghèo", "văn bản chỉ đạo")
MAX_AFTER = 16  # syllables of the noun phrase after a clause-opening percentage


@per_rules_memo(65536)
def _fold_syllable(s: str) -> str:
    return fold(s)


def _syllables(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _fold_syllable(m.group())) for m in _SYLLABLE.finditer(text, lo, hi)]


@lru_cache(maxsize=256)
def _edges(phrases: frozenset) -> tuple[frozenset, frozenset]:
    """The first and the last syllables of ``phrases``: a syllable that is
    neither opens or closes none of them (most are neither)."""
    return frozenset(p[0] for p in phrases if p), frozenset(p[-1] for p in phrases if p)


def _match_at(syl: list, i: int, phrases: frozenset, longest: int) -> int:
    """Length (in syllables) of the longest phrase starting at ``i``, or 0."""
    top = min(longest, len(syl) - i)
    if top <= 0 or syl[i][2] not in _edges(phrases)[0]:
        return 0
    keys = [s[2] for s in syl[i : i + top]]
    for n in range(top, 0, -1):
        if tuple(keys[:n]) in phrases:
            return n
    return 0


def _match_end(syl: list, j: int, phrases: frozenset, longest: int) -> int:
    """Length of the longest phrase ending at ``j`` (exclusive), or 0."""
    top = min(longest, j)
    if top <= 0 or syl[j - 1][2] not in _edges(phrases)[1]:
        return 0
    keys = [s[2] for s in syl[j - top : j]]
    for n in range(top, 0, -1):
        if tuple(keys[top - n :]) in phrases:
            return n
    return 0


@lru_cache(maxsize=4096)
def _pos(phrase: str) -> list[tuple[str, str]]:
    from .vnlp import pos_tag

    return [(w, t) for w, t in pos_tag(phrase)]


def _clause_start(text: str, lo: int, pos: int) -> int:
    last = lo
    for m in _BREAK.finditer(text, lo, pos):
        last = m.end()
    return last


def _has_head(measure: str) -> bool:
    lx = lexicon()
    syl = fold(measure).split()
    return any(_match_at([(0, 0, w) for w in syl], k, lx.heads, lx.longest) for k in range(len(syl)))


def _starts_with_head(measure: str) -> bool:
    """Whether the phrase opens with a head noun that is a whole word ("giá …", not "thu hoạch")."""
    lx = lexicon()
    syl = [(m.start(), m.end(), fold(m.group())) for m in _SYLLABLE.finditer(measure)]
    n = _match_at(syl, 0, lx.heads, lx.longest)
    if not n:
        return False
    return any(b == n for _, b, _ in _words(measure, syl))


def _only(syl: list, phrases: frozenset) -> bool:
    """Whether ``syl`` is nothing but a run of ``phrases`` (or empty)."""
    lx = lexicon()
    k = 0
    while k < len(syl):
        n = _match_at(syl, k, phrases, lx.longest)
        if not n:
            return False
        k += n
    return True


_PER = regex.compile(r"/\s*([\p{L}\p{N}]+(?:\s[\p{L}]+)?)\s*$")


def _per_unit(text: str, f: Draft, measure: str | None) -> str | None:
    """A price or a yield that no noun names: "chỉ 40.000 đồng/kg" → "giá", "nhà bà đạt
    5 tạ/sào" → "năng suất" (a yield also replaces words that only name whose it is)."""
    lx = lexicon()
    unit = fold(f.unit or "")
    if f.kind == "quantity" and unit in lx.yield_units \
            and (measure is None or fold(measure) == unit or not _has_head(measure)):
        return lx.yield_measure
    if f.kind == "money" and (measure is None or fold(measure) == unit):
        m = _PER.search(text[f.start : f.end])
        if m and fold(m.group(1)) in lx.price_per:
            return lx.price_measure
    return measure


def _money_head(measure: str) -> bool:
    """Whether the phrase is only a head that names money ("thu", "doanh thu"), with nothing after it."""
    return tuple(fold(measure).split()) in lexicon().money_heads


def _left_syllables(text: str, s0: int, lo_floor: int, pos: int) -> tuple[list, bool]:
    """The syllables of a figure's clause before it; a parenthesis just before
    the figure's verb is skipped ("Tổng kinh phí … (bao gồm …) là 20.990 tỷ đồng")."""
    lo = _clause_start(text, lo_floor, pos)  # from the previous figure on: linear in a sentence of many figures
    if text[lo - 1 : lo] == ":" and not text[lo:pos].strip():
        # "X: N" — the measure is named before the colon
        lo2 = _clause_start(text, lo_floor, lo - 1)
        return _syllables(text, lo2, lo - 1), True
    close = text.rfind(")", lo_floor, pos)
    if close >= 0 and close + 1 == lo:
        opening = text.rfind("(", lo_floor, close)
        if opening >= 0:
            lo2 = _clause_start(text, lo_floor, opening)
            return _syllables(text, lo2, opening) + _syllables(text, close + 1, pos), False
    return _syllables(text, lo, pos), False


def _phrase(text: str, syl: list) -> str | None:
    time_units = lexicon().time_units
    for k, x in enumerate(syl):
        if k and x[2][:1].isdigit() and k + 1 < len(syl) and syl[k + 1][2] in time_units:
            syl = syl[:k]  # "doanh thu du lịch 9 tháng": a span of time ends the phrase
            break
    if not syl:
        return None
    return _SPACES.sub(" ", text[syl[0][0] : syl[-1][1]]).lower()


@disk_cached
def _dictionary() -> tuple[frozenset[str], frozenset[str], int]:
    """The multi-syllable words of underthesea's Vietnamese word list (Viet74K,
    shipped in its PyPI package), folded, for word boundaries by longest match:
    a dictionary look-up costs microseconds where a CRF tagger costs
    milliseconds per phrase. (The words with their syllables joined by a space —
    a syllable holds none —, their first syllables, the longest word: strings
    load from the disk cache in a fifth of the time tuples take.)"""
    import importlib.util

    spec = importlib.util.find_spec("underthesea")  # locates the package without running its __init__
    path = Path(next(iter(spec.submodule_search_locations or []))) / "corpus" / "data" / "Viet74K.txt" if spec else None
    words: set[tuple[str, ...]] = set()
    if path is not None and path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = tuple(fold(unicodedata.normalize("NFC", line)).split())
            if 1 < len(parts) <= 4:
                words.add(parts)
    return frozenset(" ".join(w) for w in words), frozenset(w[0] for w in words), 4


def is_word(phrase: str) -> bool:
    """Whether a phrase of several syllables is one word of the dictionary."""
    return fold(phrase) in _dictionary()[0]


def _words(text: str, syl: list) -> tuple[tuple[int, int, str | None], ...]:
    """Words over ``syl`` by longest match in the dictionary: (first syllable, end syllable, None)."""
    return _words_of(tuple(x[2] for x in syl))


@per_rules_memo(16384)
def _words_of(keys: tuple[str, ...]) -> tuple[tuple[int, int, str | None], ...]:
    """:func:`_words` over the folded syllables ``keys`` (a figure's measure is
    segmented several times over, on the same syllables or a stretch of them)."""
    words, firsts, longest = _dictionary()
    out: list[tuple[int, int, str | None]] = []
    k = 0
    while k < len(keys):
        n = 1
        for m in range(min(longest, len(keys) - k) if keys[k] in firsts else 1, 1, -1):
            if " ".join(keys[k : k + m]) in words:
                n = m
                break
        out.append((k, k + n, None))
        k += n
    return tuple(out)


def _tagged(text: str, syl: list) -> list[tuple[int, int, str]]:
    """underthesea's POS-tagged words over ``syl`` (the slow path, for the few
    decisions that need a verb)."""
    tags = _pos(_phrase(text, syl) or "")
    out, k = [], 0
    for w, t in tags:
        n = len(w.split())
        if k + n > len(syl):
            break
        out.append((k, k + n, t))
        k += n
    return out


def _left_measure(text: str, syl: list, kind: str, colon: bool = False) -> tuple[str | None, bool, str | None]:
    """The measure named before a figure, whether it is a carrier's verb phrase,
    and the verb governing the figure when that is all there is."""
    lx = lexicon()
    starts_all = {a for a, _, _ in _words(text, syl)} if syl else set()
    k = len(syl)
    while k and (n := _match_end(syl, k, lx.comparators, lx.longest)):
        k -= n
    # "iPhone chiếm 47,94 tỷ USD", "nhóm TM-DV chiếm 67,3%": a share's subject is its measure
    share_verb = bool(_match_end(syl, k, lx.share_verbs, lx.longest))
    dim: list = []  # a size adjective linking the measure to the figure ("rộng 5 m")
    j = len(syl)
    while j:
        if _match_end(syl, j, lx.limit_names, lx.longest):
            break  # "công suất tối đa": the limit word names the spec
        n = _match_end(syl, j, lx.strip_right, lx.longest)
        if n and j - n not in starts_all and starts_all and j < len(syl):
            # next to the figure a linking word is the verb ("nợ công bằng 58%"); further
            # left only a whole word is ("giá thuê mặt bằng giảm 12%")
            # "bằng" is no linking verb inside "mặt bằng": strip whole words only
            n = next((m for m in range(n - 1, 0, -1) if _match_end(syl, j, frozenset([tuple(x[2] for x in syl[j - m : j])]), m)
                      and tuple(x[2] for x in syl[j - m : j]) in lx.strip_right and j - m in starts_all), 0)
        if n and _match_end(syl, j, lx.heads, lx.longest) > n:
            break  # the word ends a head noun: "ở độ cao 65 km", "có chiều cao 65 m"
        if n and j == len(syl) and starts_all and j - n not in starts_all and tuple(x[2] for x in syl[j - n : j]) in lx.aspects \
                and tuple(x[2] for x in syl[j - n : j]) not in lx.linking \
                and not _only(syl[max(a for a in starts_all if a < j - n) : j - n], lx.strip_right):
            break  # an aspect word is no tail of a word: "phát hiện 50 triệu đồng" (but "còn lại" goes)
        if not n:
            n = _match_end(syl, j, lx.dimensions, lx.longest)
            if not n or (starts_all and j - n not in starts_all) or _match_end(syl, j, lx.heads, lx.longest) > n:
                break  # (the adjective ends a head noun: "ở độ sâu 800 mét" keeps "độ sâu")
            dim = syl[j - n : j]
        j -= n
    linked = j < len(syl) or colon  # a linking word, comparator, change word or colon stood before the figure
    valued = any(_match_at(syl, k, lx.value_of, lx.longest) for k in range(j, len(syl)))
    carrier = False
    n = _match_end(syl, j, lx.carriers, lx.longest)
    if n:
        j -= n
        carrier = True
    i = 0
    while i < j:
        n = _match_at(syl, i, lx.openers, lx.longest)
        if not n:
            break
        i += n
    # a contrast opens a new clause inside the old one: "lượng khách ít nhưng doanh thu đạt …"
    joins = [k + n for k in range(i, j) if k in starts_all and (n := _match_at(syl[:j], k, lx.clause_joins, lx.longest))
             and k + n < j and k + n in starts_all]
    if share_verb and kind == "percent" and any(k in starts_all and _match_at(syl[:j], k, lx.clause_joins, lx.longest) == j - k
                                                for k in range(i, j)):
        # "… tăng cả khối lượng và giá trị đồng thời chiếm 39% tổng giá trị": a new clause with
        # only its share verb; the share's own noun phrase says what it is of
        return None, carrier, None
    if joins:
        # (only when the new clause names its own head noun or only its subject: "… nhưng không
        # đúng quy định và chưa có ý kiến … số tiền 20 tỷ đồng" goes on with the old one)
        own = _left_measure(text, syl[joins[-1] :], kind, colon)
        if own[0] and (_starts_with_head(own[0]) or not any(t == "V" for _, t in _pos(own[0]))):
            return own
    # a subject that is a unit and its name opens the clause: "huyện Mê Linh giải quyết …"
    n = _match_at(syl[:j], i, lx.area_subjects, lx.longest) if i < j else 0
    if n:
        k = i + n
        while k < j and _titlecase(text[syl[k][0] : syl[k][1]]):
            k += 1
        if k < j:
            i = k
    body = _after_introducer(text, syl[i:j])
    if not body and dim:
        return _phrase(text, dim), carrier, None  # "sâu 3 m, rộng 5 m": the size is what is measured
    if valued:
        # the thing valued is the phrase after the last possessor or place word
        last = max([k + 1 for k in range(len(body)) if _match_at(body, k, lx.cut, lx.longest)] + [0])
        body = body[last:]
        verbs = [b for _, b, t in _tagged(text, body) if t == "V"] if body else []
        if verbs and verbs[-1] < len(body):
            body = body[verbs[-1] :]  # "người thắng nhận chiếc cúp trị giá …" → "chiếc cúp"
    if not body:
        return None, carrier, None
    words = _words(text, body)
    bounds = {a for a, _, _ in words} or {0}
    ends = {b for _, b, _ in words} or {len(body)}
    start = None
    verb_head = False
    # the tagger's word boundaries: where a token starts → the length of that token in syllables
    tag_ends: dict[int, int] = {}
    if len(body) > 1:
        a = 0
        for w, _ in _pos(" ".join(x[2] for x in body)):
            tag_ends[a] = len(w.split())
            a += len(w.split())
        if a != len(body):
            tag_ends = {}
    for k in range(len(body)):
        n = _match_at(body, k, lx.heads, lx.longest) if k in bounds or (k in tag_ends and _match_at(body, k, lx.heads, lx.longest) == tag_ends[k] > 1) else 0
        if n and any(_match_at(body, q, lx.quantifiers, lx.longest) > k - q for q in range(max(0, k - lx.longest), k)):
            n = 0  # "một số dự án": a quantifier, not the head noun "số"
        if n and k + n < len(body) and body[k + n][2][:1].isdigit() \
                and not (k + n + 1 < len(body) and body[k + n + 1][2] in lx.time_units) \
                and not (_YEAR.fullmatch(body[k + n][2]) and k + n + 1 == len(body)):
            n = 0  # "số 83 quốc gia": a number after the noun names which one ("… 5 tháng" is a span;
            # a year ending the phrase is its period: "doanh thu 2020 tăng 41%")
        if n and k + n not in ends and k + n < len(body) and k + n in tag_ends \
                and (n > 1 or tag_ends.get(k + n, 0) > 1):
            # "số nhân viên", "có công suất": where the greedy split read "số nhân", "có công",
            # the tagger reads the head, then a word; taken when the head or that word has two
            # syllables or more ("tiền | đạo" is no head "tiền")
            ends = ends | {k + n}
        if n and k + n in ends and not _match_at(body, k + n, lx.demonstratives, lx.longest):
            start = k  # a whole word ("thu" is no head inside "thu giữ"), not "số đó"
            v = _match_end(body, k, lx.verb_heads, lx.longest)
            if v and k - v in bounds:
                start = k - v  # "giải ngân vốn đầu tư công": the verb is what is measured of the noun
                verb_head = True
            break
    if start is not None and not verb_head and any(
            body[q][2] in lx.name_measures and (c := _match_at(body, q + 1, lx.possessors, lx.longest))
            and q + 1 + c < start <= q + 3 + c for q in range(start)):
        # "VNMID-Index của nhóm vốn hóa trung bình tăng 4 điểm": a head noun in the possessor
        # phrase right after an index's name says whose index it is; the index is the measure
        start = None
    if start is None and carrier:
        # "Thành phố giải quyết việc làm cho": the verb phrase from its first verb
        verbs = [a for a, _, t in _tagged(text, body) if t == "V"]
        if verbs:
            start = verbs[0]
    if start is None:
        # a subject before an aspect word: "Toàn huyện đã giải quyết việc làm"
        for k in range(len(body) - 1, -1, -1):
            n = _match_at(body, k, lx.aspects, lx.longest) if k in bounds else 0
            if n and k + n in ends:  # a whole word: "hiện" is no aspect inside "thực hiện"
                start = k + n
                break
    head_found = start is not None and start < len(body) and _match_at(body, start, lx.heads, lx.longest) > 0 \
        and start + _match_at(body, start, lx.heads, lx.longest) in ends
    head_found = head_found or verb_head
    body = body[start or 0 :]
    # cut before area, period and possessor phrases (never at the first syllable, and
    # only at a word of its own: "nhà ở xã hội" goes on)
    body_starts = {a for a, _, _ in _words(text, body)}
    for k in range(1, len(body)):
        if k in body_starts and _match_at(body, k, lx.cut, lx.longest) \
                and not _titlecase(text[body[k][0] : body[k][1]]):  # (inside a name: "ông Cao Toàn Mỹ")
            if _source(body, k):
                continue  # "tổng thu từ du lịch": the source of the money stays
            if _price_place(text, body, k):
                continue  # "giá tại vườn": the place a price is paid at stays
            if k > 1 and body[k - 1][2][:1].isdigit() and body[k][2] in lx.time_units:
                k -= 1  # "giá trị xuất khẩu 5 tháng": the span of time goes with its number
            attr = None if head_found else next(
                (m + n for m in range(k + 1, len(body) - 1)
                 if (n := _match_at(body, m, lx.has_attribute, lx.longest)) and _match_at(body, m + n, lx.heads, lx.longest)),
                None)
            if attr is not None:
                # "động cơ của xe có công suất 200 kW": the owner and its possessor only say whose
                # attribute it is; the attribute is the measure
                body = body[attr:]
                head_found = True
                break
            body = body[:k]
            break
    if not carrier and len(body) > 1:
        # "Xe sở hữu khoảng sáng gầm 220 mm": the thing had is the measure, not its owner
        having_starts = {a for a, _, _ in _words(text, body)}
        for k in range(len(body) - 1, -1, -1):
            n = _match_at(body, k, lx.having, lx.longest) if k in having_starts else 0
            if n and k + n < len(body) and (n > 1 or k + n in having_starts):
                body = body[k + n :]
                break
    if not body or _match_at(body, 0, lx.cut, lx.longest):
        return None, carrier, None
    if head_found and not linked and not carrier and kind in ("quantity", "ratio") \
            and not (_match_at(body, 0, lx.capacity_heads, lx.longest) == len(body)):
        # "thu 72 súng trường": a verb and its object, the counted noun says it (a capacity
        # right before the count is what the count measures: "có sức chứa 300 ô tô")
        head_found = False
    if not head_found and not carrier and _match_at(body, 0, lx.area_subjects, lx.longest):
        return None, False, None  # "riêng huyện X đạt …": an area, the figure's subject
    named = [k for k in range(len(body)) if body[k][2] in lx.name_measures]
    if not head_found and not carrier and named:
        return _phrase(text, body[: named[-1] + 1]), False, None  # "VN-Index mất 9 điểm"
    if not head_found and not carrier:
        if all(_titlecase(text[a:b]) for a, b, _ in body) \
                and not any(x[2] in lx.name_measures for x in body):  # "GDP", "VN-Index" are measures, not names
            if not share_verb:
                return None, False, None  # only a name: a subject, not a measure
            return _phrase(text, body), False, None
        if kind in ("quantity", "ratio") and share_verb:
            return _phrase(text, body), False, None  # "ung thư vú chiếm 15.229 ca": the subject, not the counted noun
        if kind in ("quantity", "ratio"):
            # a verb or subject before a count: the counted noun says it; the words
            # are kept for the verbs that govern a count ("hoàn thành 16/27 chỉ tiêu")
            return None, False, _phrase(text, body)
        phrase = _phrase(text, body) or ""
        words = _words(text, body)
        w_starts, w_ends = {a for a, _, _ in words}, {b for _, b, _ in words}
        if dim:
            pass  # "bãi đỗ xe rộng 2.000 m2": before a size adjective, the whole subject is what is measured
        elif not any(0 < (n := _match_at(body, a, lx.heads, lx.longest)) and a in w_starts and a + n in w_ends
                     or n and _inside_word(body, words, a, n) for a in range(len(body))):
            body = body[_governing_verb(text, body) :]
        else:
            # a head noun inside a word ("có giá bán", "giảm thuế"): "Công ty xuất khẩu …" —
            # only a subject of nouns before the first verb goes
            tags = _pos(phrase)
            verbs = [k for k, (_, t) in enumerate(tags) if t == "V"]
            # "cua gạch có giá": a price names its item, `tidy` makes it "giá cua gạch" (a spec does
            # not: "máy bơm có công suất" → "công suất")
            has = bool(verbs) and tuple(fold(tags[verbs[0]][0]).split()) in lx.has_attribute \
                and verbs[0] + 1 < len(tags) and tuple(fold(tags[verbs[0] + 1][0]).split()) in lx.price_heads
            if verbs and verbs[0] > 0 and all(t in ("N", "Np", "Nc", "Ny", "Nu", "M", "P") for _, t in tags[: verbs[0]]) \
                    and not has:
                body = body[len(" ".join(w for w, _ in tags[: verbs[0]]).split()) :]
    return _phrase(text, body), carrier, None


def _named(text: str, syl: list, measure: str) -> bool:
    """Whether ``measure``, read from the syllables ``syl``, is written there as a name
    (each syllable capitalised: "HAG", "Apple")."""
    want = fold(measure).split()
    for k in range(len(syl) - len(want), -1, -1):
        if [fold(x[2]) for x in syl[k : k + len(want)]] == want:
            return all(text[a : a + 1].isupper() for a, _, _ in syl[k : k + len(want)])
    return False


def _drops_before_amount(measure: str, named: bool = False) -> bool:
    """Whether the words before an amount followed by its own noun ("… 113 tỷ USD doanh
    thu") say nothing of it: a verb of having or producing ends them ("tạo ra", "mang
    về"), or they hold no verb at all (a subject: "công ty đạt …").  A verb that is part
    of what is measured stays ("giải ngân 3.200 tỷ đồng vốn đầu tư công"); so does a word
    the tagger cannot tell ("thu giữ 10 tỷ đồng tiền mặt")."""
    lx = lexicon()
    syl = [(0, 0, w) for w in fold(measure).split()]
    if _match_end(syl, len(syl), lx.verb_heads, lx.longest):
        return False
    if _ends_with_having(measure):
        return True
    return named or all(t in ("N", "Np", "Nc") for _, t in _pos(measure))


def _ends_with_having(measure: str) -> bool:
    """Whether ``measure`` ends with a verb of having or producing ("thu về", "tạo ra")."""
    lx = lexicon()
    syl = [(0, 0, w) for w in fold(measure).split()]
    return bool(_match_end(syl, len(syl), lx.having, lx.longest))


_YEAR = regex.compile(r"(?:19|20)\d\d")


def _inside_word(body: list, words: list | tuple, a: int, n: int) -> bool:
    """Whether syllables ``a`` to ``a + n`` are a head noun after a linking or change
    verb that the dictionary joins to it ("có giá", "giảm thuế"; not "vé số")."""
    lx = lexicon()
    return any(x < a < b <= a + n and (_only(body[x:a], lx.strip_right) or _only(body[x:a], lx.has_attribute))
               for x, b, _ in words)


def _governing_verb(text: str, body: list) -> int:
    """Where the verb phrase governing a figure starts in the words before it that hold
    no head noun: the run of verbs holding the last verb that is a whole word of the
    dictionary and no particle ("sang", "ra"); its subject and any clause before it go
    ("TAND huyện yêu cầu ông S. nộp tạm ứng án phí 300.000 đồng" → "nộp tạm ứng án
    phí"; "Công ty xuất khẩu gạo sang châu Phi" keeps "xuất khẩu gạo sang châu phi"; "bộ
    mâm hợp kim": "hợp" is no verb inside "hợp kim").  0 when no verb is found."""
    lx = lexicon()
    tagged = _tagged(text, body)
    words = _words(text, body)
    starts, ends = {a for a, _, _ in words}, {b for _, b, _ in words}

    def verb(i: int) -> bool:
        a, b, t = tagged[i]
        # (after a nominaliser the verb is a noun: "sự sống", "việc xây dựng")
        return t == "V" and a in starts and b in ends and not (a and _match_end(body, a, lx.nominalisers, lx.longest))

    last = next((i for i in range(len(tagged) - 1, -1, -1)
                 if verb(i) and not _only(body[tagged[i][0] : tagged[i][1]], lx.verb_particles)), None)
    if last is None:
        return 0
    end = last
    while last > 0 and verb(last - 1):
        last -= 1
    if end == len(tagged) - 1 and last >= 2 and tagged[last - 1][2] == "N" and verb(last - 2):
        last -= 1  # "bẻ vải bán được 20 tấn": the object two verbs share, with the last one
    return tagged[last][0]


def _after_introducer(text: str, body: list) -> list:
    """The phrase after the last word that introduces a new thing ("như", "với") before a
    figure, when it names what is measured: "các trang bị như bộ mâm hợp kim 20 inch" →
    "bộ mâm hợp kim"; "bán cho quỹ X với giá 175 triệu" → "giá".  Kept whole when a head
    noun before the word names the measure and the phrase after it opens with none ("tỷ lệ
    hộ hài lòng với dịch vụ đạt 90%")."""
    lx = lexicon()
    if len(body) < 2:
        return body
    if not any(_match_at(body, k, lx.introducers, lx.longest) for k in range(1, len(body) - 1)):
        return body
    tagged = _tagged(text, body)  # (only here: a preposition, not "cùng lúc" nor "phù hợp với")
    tag_at = {a: t for a, _, t in tagged}
    before = {b: t for _, b, t in tagged}
    starts = set(tag_at)
    for k in range(len(body) - 1, 0, -1):
        n = _match_at(body, k, lx.introducers, lx.longest) if k in starts else 0
        if not n or k + n >= len(body) or _match_at(body, k, lx.cut, lx.longest) > n \
                or _match_end(body, k + n, lx.cut, lx.longest) > n:
            continue  # ("so với", "cùng kỳ" are comparison and period words)
        if tag_at.get(k) not in ("E", "C", "CC") or before.get(k) == "V":
            continue  # "cùng lúc"; "phù hợp với sự sống" is the verb's complement
        rest = body[k + n :]
        if _match_at(rest, 0, lx.heads, lx.longest) \
                or not any(_match_at(body, m, lx.heads, lx.longest) for m in starts if m < k):
            return rest
        break
    return body


def _changed(phrase: str | None) -> bool:
    """Whether a change word stands, as a word of its own, in ``phrase`` ("cảng nâng năng lực
    … từ 1.728 khách/giờ lên 2.400 khách/giờ": the second figure is the level reached)."""
    if not phrase:
        return False
    lx = lexicon()
    syl = [(0, 0, w) for w in fold(phrase).split()]
    starts = {a for a, _, _ in _words_of(tuple(x[2] for x in syl))}
    return any(k in starts and _match_at(syl, k, lx.changes, lx.longest) for k in range(len(syl)))


def _price_place(text: str, body: list, k: int) -> bool:
    """Whether the cut word at ``k`` opens the place a price is paid at ("giá tại vườn",
    "giá bán tại ruộng"): a place word right after a price head, followed by a common noun
    that names no unit ("giá vàng tại TP.HCM", "giá tại các tỉnh" are cut)."""
    lx = lexicon()
    n = _match_at(body, k, lx.price_places, lx.longest)
    if not n or k + n >= len(body) or tuple(x[2] for x in body[:k]) not in lx.price_heads:
        return False
    nxt = body[k + n]
    return not _is_name(text[nxt[0] : nxt[1]]) and not _match_at(body, k + n, lx.area_subjects, lx.longest) \
        and not _match_at(body, k + n, lx.thing_openers, lx.longest) and not nxt[2][:1].isdigit()


def _source(body: list, k: int) -> bool:
    """Whether the cut word at ``k`` opens the source of an amount of money ("tổng thu
    từ du lịch"): a source word after a money head, followed by a noun that is no number
    and no time ("doanh thu từ đầu năm", "thu từ 2.000 hộ" are cut)."""
    lx = lexicon()
    n = _match_at(body, k, lx.source_words, lx.longest)
    if not n or k + n >= len(body) or not _match_end(body, k, lx.source_heads, lx.longest):
        return False
    nxt = body[k + n][2]
    return not nxt[:1].isdigit() and nxt not in lx.time_units and nxt not in lx.source_not_before


MAX_LIST_ITEM = 3  # syllables of an inner item of a list of nouns ("nông, lâm, thủy sản")
MAX_LIST_TAIL = 12  # syllables of the figure's own clause after the list's last comma
MAX_LIST_HEAD = 10  # syllables of the segment that opens the list with its head noun


def _across_commas(text: str, floor: int, lo: int, left: list, after_figure: bool) -> list | None:
    """The syllables of a figure's clause joined with the short segments before it, back
    to the segment holding a head noun, when the commas between are a list of nouns inside
    one measure ("Kim ngạch xuất khẩu nông, lâm, thủy sản đạt …"); None otherwise."""
    lx = lexicon()
    parts = [left]
    pos = lo
    for _ in range(3):
        if pos <= floor or text[pos - 1 : pos] != ",":
            return None
        start = _clause_start(text, floor, pos - 1)
        seg = _syllables(text, start, pos - 1)
        if not seg or (after_figure and start == floor):
            return None  # the tail of the figure before ("37 triệu đồng/lượng, giảm …")
        if any(_titlecase(text[a:b]) or (text[a:b].isupper() and b - a > 1) for a, b, _ in seg[1:]) \
                or any(_match_at(seg, k, lx.strip_right, lx.longest) for k in range(len(seg))):
            return None  # a name or a verb: a clause of its own, no item of a list
        parts.insert(0, seg)
        words = {a for a, _, _ in _words(text, seg)}  # word starts
        if _match_at(seg, 0, lx.openers, lx.longest):
            return None  # "Về giá trị, rau quả đạt …": a topic, not the first item of a list
        n = _match_at(seg, 0, lx.heads, lx.longest)
        if n and n in words | {len(seg)} and len(seg) <= MAX_LIST_HEAD:
            # the list's first segment opens with its head noun ("kim ngạch xuất khẩu nông")
            return [x for p in parts for x in p]
        if len(seg) > MAX_LIST_ITEM or _titlecase(text[seg[0][0] : seg[0][1]]):
            return None
        pos = start
    return None


def _is_name(word: str) -> bool:
    """A titlecased word or an abbreviation in capitals ("Sakura", "OPPO")."""
    return _titlecase(word) or (word.isupper() and len(word) > 1)


def _titlecase(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or not word.isupper()) \
        or word[:1].islower() and any(c.isupper() for c in word[1:])


def _right_phrase(text: str, lo: int, hi: int, limit: int, first_stops: frozenset, stops: frozenset,
                  names_end: bool = False, names_first: bool = False) -> str | None:
    lx = lexicon()
    syl = _syllables(text, lo, hi)[: limit + 1]
    bounds = {a for a, _, _ in _words(text, syl)} if len(syl) > 1 else {0}
    out = []
    for k in range(len(syl)):
        # a stop word ends the phrase only as a word of its own ("người có công" goes on)
        if k >= limit or (k and k in bounds and _match_at(syl, k, stops, lx.longest)):
            break
        word = text[syl[k][0] : syl[k][1]]
        n = _match_at(syl, k, lx.brand_words, lx.longest) if k and k in bounds else 0
        if n and k + n < len(syl) and _is_name(text[syl[k + n][0] : syl[k + n][1]]):
            break  # "thuốc trừ sâu hiệu X", "đèn bàn nhãn hiệu Y": the brand says which one
        if names_end and (k or names_first) and _titlecase(word) and not any(c.isdigit() or c == "-" for c in word):
            break  # a name after the noun: "2 đối tượng Lê Văn A", "1 điện thoại iPhone"
        if k == 0 and _match_at(syl, 0, first_stops, lx.longest):
            return None
        out.append(syl[k])
    return _phrase(text, out)


def _share_phrase(text: str, lo: int, hi: int) -> str | None:
    """The noun phrase after a percentage, of which it is a share ("13% trong tổng doanh số":
    a word that opens the whole before a head noun goes)."""
    lx = lexicon()
    syl = _syllables(text, lo, hi)
    n = _match_at(syl, 0, lx.share_intro, lx.longest)
    h = _match_at(syl, n, lx.heads, lx.longest) if n else 0
    if h and not text[syl[n + h - 1][1] :].lstrip()[:1].isdigit():  # ("trong tổng 408 cơ sở": a count)
        lo = syl[n][0]
    return _right_phrase(text, lo, hi, MAX_AFTER, lx.stop | lx.np_stops, lx.share_stops)


def achieved(text: str, lo: int, hi: int, verbs: list[str]) -> bool:
    """Whether the clause after a count goes on with one of ``verbs`` and no
    word that makes it a goal or a status ("4 chỉ tiêu đang phấn đấu hoàn thành")."""
    lx = lexicon()
    syl = _syllables(text, lo, hi)
    wanted = _phrases(verbs)
    longest = max(lx.longest, max(len(v) for v in wanted))
    for k in range(len(syl)):
        if _match_at(syl, k, lx.not_achieved, lx.longest):
            return False
        if _match_at(syl, k, wanted, longest):
            return True
    return False


def _counted(text: str, f: Draft, hi: int) -> str | None:
    unit = f.unit
    if not unit:
        return None
    base = unit.split("/")[0]
    u0 = fold(text[f.start : f.end]).rfind(fold(base))  # the figure's span only: linear in the text
    if u0 < 0:
        return None
    u0 += f.start
    lx = lexicon()
    paired = _paired(text, u0, f.end)
    if paired is not None:
        return paired
    glued = _GLUED.match(text, f.end)
    if glued:
        # a unit written as the head of a longer word ("200 F2", the figure's span ends at "F"):
        # the whole word is the counted noun
        rest = _right_phrase(text, glued.end(), hi, MAX_COUNTED, lx.np_stops, lx.np_stops, names_end=True, names_first=True)
        return _SPACES.sub(" ", text[u0 : glued.end()]).lower() + (" " + rest if rest else "")
    measuring = fold(unit) in lx.measuring or "/" in unit
    classifier = fold(unit) in lx.classifiers \
        and not _match_at(_syllables(text, u0, min(len(text), f.end + 20)), 0, lx.classifier_nouns, lx.longest)
    # a name right after a counted noun is who or what it is, not a qualifier ("2 bị cáo
    # Lê Văn A", "1 điện thoại Oppo"); after a classifier it is the thing ("2 chiếc iPhone")
    extra = _right_phrase(text, f.end, hi, MAX_COUNTED, lx.np_stops, lx.np_stops,
                          names_end=not classifier, names_first=not measuring and not classifier)
    if measuring:
        # "2.200 ha vải sớm" → "vải sớm", when a noun follows the unit ("22 inch mạ crôm" names
        # no measure); none: the words before say it
        if extra and _pos(extra)[:1] and _pos(extra)[0][1] not in ("N", "Np", "Nc", "Nu"):
            return None
        return extra
    if classifier and extra and _pos(extra)[:1] and _pos(extra)[0][1] not in _NOT_NOUN:
        return extra  # "776 chiếc công tơ điện" → "công tơ điện" ("135 tên phải ra hàng" stays whole)
    return _SPACES.sub(" ", text[u0 : f.end]).lower() + (" " + extra if extra else "")


_NOT_NOUN = ("V", "R", "A", "E", "C", "CC", "T", "P")
_GLUED = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def _paired(text: str, u0: int, f_end: int) -> str | None:
    """The two nouns of a counted pair written as one ("57 tỉnh, thành phố", "20
    quốc gia và vùng lãnh thổ"), with the qualifiers after them, or None."""
    lx = lexicon()
    syl = _syllables(text, u0, min(len(text), u0 + 60))
    n = _match_at(syl, 0, lx.paired, lx.longest)
    if n < 2 or syl[n - 1][1] <= f_end or any(text[syl[k][1] : syl[k + 1][0]].strip(" ,") for k in range(n - 1)):
        return None  # (a pair the figure's unit holds whole goes the usual way)
    end = syl[n - 1][1]
    stop = min(len(text), end + 200)
    m = _BREAK.search(text, end, stop)
    extra = _right_phrase(text, end, m.start() if m else stop, MAX_COUNTED, lx.np_stops, lx.np_stops,
                          names_end=True, names_first=True)
    return _SPACES.sub(" ", text[u0:end]).lower() + (" " + extra if extra else "")


def _range_gap(text: str, lo: int, hi: int, end: int) -> bool:
    """Whether the words between a range's two ends are only its connector and the
    units the high end repeats ("180.000 đồng đến 200.000 đồng": "đồng đến")."""
    own = {x[2] for x in _syllables(text, hi, end)}
    connectors = lexicon().range_connectors
    gap = _syllables(text, lo, hi)
    return len(gap) <= 4 and any((x[2],) in connectors for x in gap) \
        and all((x[2],) in connectors or x[2] in own for x in gap)


def _right_after(text: str, prev: Draft, lo: int) -> bool:
    """Whether a clause starting at ``lo`` follows the previous figure with nothing
    of its own in between: nothing but commas, or the plan that figure is a share of
    ("756 tỷ đồng, vượt 11% kế hoạch năm, tăng trưởng 40%")."""
    gap = _syllables(text, prev.end, lo)
    if not gap:
        return not text[prev.end : lo].strip(" ,")
    if not prev.plan_share:
        return False
    lx = lexicon()
    n = _match_at(gap, 0, lx.of_plan, lx.longest)
    return bool(n) and all(x[2] in lx.time_units for x in gap[n:]) and not text[gap[-1][1] : lo].strip(" ,")


def tidy(measure: str | None) -> str | None:
    """The last touches on a measure phrase: a demonstrative at its end points
    back and names nothing ("dự án khởi nghiệp này" → "dự án khởi nghiệp"), and
    "X có giá" names the attribute of a thing ("một chiếc xe cổ có giá" → "giá xe
    cổ"; a name as the thing is a subject and goes: "Apple có vốn hóa" → "vốn hóa")."""
    if not measure:
        return measure
    lx = lexicon()
    syl = [(m.start(), m.end(), fold(m.group())) for m in _SYLLABLE.finditer(measure)]
    k = 1
    while k < len(syl):
        n = _match_at(syl, k, lx.dropped, lx.longest)
        if n:  # "doanh thu kỷ lục", "số tiền kỷ lục để mua …": a superlative says nothing of what is measured
            measure = (measure[: syl[k - 1][1]] + measure[syl[k + n - 1][1] :]) if k + n <= len(syl) else measure
            syl = [(m.start(), m.end(), fold(m.group())) for m in _SYLLABLE.finditer(measure)]
            continue
        k += 1
    while len(syl) > 1 and (_match_end(syl, len(syl), lx.demonstratives, lx.longest) == 1
                            or _match_end(syl, len(syl), lx.trailing_aspects, lx.longest) == 1):
        syl = syl[:-1]
    for k in range(len(syl) - 1):
        n = _match_at(syl, k, lx.has_attribute, lx.longest)
        if n and _match_at(syl, k + n, lx.heads, lx.longest):
            thing = syl[:k]
            i = 0
            while i < len(thing):
                m = _match_at(thing, i, lx.thing_openers, lx.longest)
                if not m:
                    break
                i += m
            thing = thing[i:]
            j = len(thing)
            while j > 0:
                m = _match_end(thing, j, lx.thing_openers, lx.longest)
                if not m:
                    break
                j -= m
            thing = thing[:j]
            attr = measure[syl[k + n][0] : syl[-1][1]]
            if thing and thing[0][2] == syl[k + n][2]:
                return measure[thing[0][0] : thing[-1][1]]  # "giá vàng có giá": the thing says it
            m = _match_at(thing, 0, lx.money_heads, lx.longest)
            if m and not _match_at(syl, k + n, lx.price_heads, lx.longest):
                # "doanh thu bán vé có thuế": an amount of money the thing already names;
                # "có thuế" only qualifies it
                return measure[thing[0][0] : thing[-1][1]]
            if thing and not all(_titlecase(measure[a:b]) for a, b, _ in thing):
                return f"{attr} {measure[thing[0][0] : thing[-1][1]]}"
            return attr
        if n:
            break
    if not any(c.isalpha() for _, _, w in syl for c in w):
        return None  # "2016", "000": a number left over is no measure
    return measure[syl[0][0] : syl[-1][1]] if syl else None


def attach(facts: list[Draft], text: str, sent: tuple[int, int]) -> None:
    """Set ``measure`` on the numeric facts of one sentence (sorted by start), in place."""
    lx = lexicon()
    s0, s1 = sent
    prev: Draft | None = None
    lefts: list[list] = []  # each figure's own words before it (a range's high end looks past its low end)
    for i, f in enumerate(facts):
        nxt = facts[i + 1].start if i + 1 < len(facts) else s1
        m = _BREAK.search(text, f.end, nxt)
        clause_end = m.start() if m else nxt
        floor = prev.end if prev is not None else s0
        lo = _clause_start(text, floor, f.start)
        left, colon = _left_syllables(text, s0, floor, f.start)
        if prev is not None and prev.end == lo:
            # "… 2.134 hộ nghèo, chiếm 0,095% tổng số hộ và 22.263 hộ cận nghèo": after a
            # coordinator, a new item of the list
            for k in range(len(left) - 1, -1, -1):
                if _match_at(left, k, lx.coordinators, lx.longest):
                    left = left[k + 1 :]
                    break
        lefts.append(left)
        right = _syllables(text, f.end, clause_end)
        if not m and i + 1 < len(facts) and right:
            # "2 làn xe tốc độ tối đa 60 km/h": with no break before the next figure, a head noun
            # of two syllables or more followed only by linking words opens that figure's measure,
            # not this one's (one syllable is often an object: "15 hộ vay vốn 300 triệu")
            r_starts = {a for a, _, _ in _words(text, right)}
            for k in range(len(right)):
                n = _match_at(right, k, lx.heads, lx.longest) if k in r_starts else 0
                if n > 1 and k + n in r_starts | {len(right)} and _only(right[k + n :], lx.strip_right) \
                        and not _match_end(right, k, lx.strip_right, lx.longest) \
                        and tuple(x[2] for x in right[k : k + n]) not in lx.weak_heads:
                    # (the object of a verb stays: "85 trường đạt chỉ tiêu 100%")
                    clause_end = right[k][0]
                    right = right[:k]
                    break
        kind = f.kind
        measured = None
        if kind == "quantity" and f.unit and (fold(f.unit) in lx.measuring or "/" in f.unit):
            kind = "money"  # a measured amount: what follows its unit, else the words before it
            measured = _counted(text, f, clause_end)
        measure, carrier, verb = _left_measure(text, left, kind, colon)
        said = left  # the words the figure's measure was read from: its clause, or the list joined across commas
        if not colon and not (measure and _has_head(measure)) and len(left) <= MAX_LIST_TAIL \
                and (measure is None or len(measure.split()) <= MAX_LIST_ITEM + 1):
            joined = _across_commas(text, floor, lo, left, prev is not None)
            if joined is not None:
                m2, c2, v2 = _left_measure(text, joined, kind)
                if m2 and _starts_with_head(m2) and (measure is None or fold(measure) in fold(m2)):
                    # "kim ngạch xuất khẩu nông, lâm, thủy sản đạt …": the commas join a list of
                    # nouns inside one measure
                    measure, carrier, verb = m2, c2, v2
                    said = joined
        f.left_phrase = _phrase(text, said)
        if measured and not (measure and _starts_with_head(measure) and not _money_head(measure)):
            # (a money head names no tonnage: "thu được 5 tấn vải sớm" → "vải sớm")
            measure, carrier, verb = measured, False, None
        if verb:
            f.verb = verb
        if measure and f.kind == "percent" and right and not _match_at(right, 0, lx.of_plan, lx.longest) \
                and (tuple(fold(measure).split()[:2]) in lx.weak_heads or tuple(fold(measure).split()[:1]) in lx.weak_heads):
            # "các chỉ tiêu chủ yếu … bảo đảm 100% người có công": the share's own noun phrase
            own = _share_phrase(text, f.end, clause_end)
            if own:
                measure = own
        if f.kind == "percent" and right and not carrier and not f.of_plan \
                and not (measure and _starts_with_head(measure)) and not _match_at(right, 0, lx.of_plan, lx.longest) \
                and not (prev is not None and left and _match_end(left, len(left), lx.share, lx.longest)):
            # "Trung Quốc chiếm 30% cổ phần", "gửi 1 triệu USD viện trợ": a share or an amount
            # followed by its own noun phrase, with no head noun before it
            own = _share_phrase(text, f.end, clause_end)
            if own:
                measure = own
                f.share = True
        if f.kind == "money" and right and not carrier \
                and not (measure and _starts_with_head(measure) and not _ends_with_having(measure)) \
                and _match_at(right, 0, lx.amount_nouns, lx.longest):
            own = _right_phrase(text, f.end, clause_end, MAX_COUNTED, lx.np_stops, lx.np_stops | lx.stop)
            if own:
                # "gửi 1 triệu USD viện trợ": an amount followed by what it is; a verb before
                # it stays, as the verb phrase it is ("giải ngân 3.200 tỷ đồng vốn đầu tư công")
                if measure and _drops_before_amount(measure, _named(text, left, measure)):
                    measure = None  # "Apple tạo ra 113 tỷ USD doanh thu": a having verb or a bare subject goes
                measure = f"{measure} {own}" if measure else own
        if f.kind == "money" and measure and tuple(fold(measure).split()) in lx.source_heads and len(right) > 1 \
                and _source([(0, 0, w) for w in fold(measure).split()] + right, len(fold(measure).split())):
            own = _right_phrase(text, f.end, clause_end, MAX_COUNTED, frozenset(), lx.np_stops | lx.stop)
            if own:
                measure = f"{measure} {own}"  # "thu được 120 triệu đồng từ vụ vải": the source of the money
        if f.kind == "percent" and right and _match_at(right, 0, lx.of_plan, lx.longest):
            f.plan_share = True  # "đạt 95% kế hoạch"
        if measure and prev is not None and prev.measure and prev.kind == f.kind \
                and ";" not in text[prev.end : f.start] and not _has_head(measure) \
                and fold(measure).split()[0] in fold(prev.measure).split()[1:]:
            # an item of a list sharing one measure, parallel to the previous one: "tỷ lệ đi học
            # đúng độ tuổi cấp tiểu học đạt 100%, cấp trung học cơ sở đạt 99%"
            f.list_item = True
        prev_measure = prev.measure if prev is not None else None
        if measure and fold(tidy(measure) or "") in lx.place_words:
            # "có nơi trên 40 độ C", "vùng núi 26-29 độ C": where, not what; an item of a list
            # goes on with the previous figure's measure (below)
            measure = None
        if measure and prev_measure and fold(tidy(measure) or "") in lx.extremes:
            # "nhiệt độ thấp nhất 25 độ C, cao nhất 33 độ C": an extreme said alone names the
            # previous figure's noun with this extreme
            pw = prev_measure.split()
            for n in (2, 1):
                if len(pw) > n and " ".join(fold(w) for w in pw[-n:]) in lx.extremes:
                    measure = " ".join(pw[:-n] + [tidy(measure) or measure])
                    break
        if measure and prev_measure and prev is not None and prev.kind == f.kind == "money" \
                and ";" not in text[prev.end : f.start] and fold(tidy(measure) or "") in lx.restated_prices \
                and fold(prev_measure).split()[0] == fold(tidy(measure) or "").split()[0] \
                and not any(" ".join(fold(prev_measure).split()[:n]) in lx.price_sides for n in (2, 3)):
            # "giá xăng E5 giảm 197 đồng/lít, giá bán tối đa không quá 16.871 đồng/lít": a bare
            # selling price after a price of the same sentence is that price's level (not after a
            # buying price: "giá mua vào giảm …, giá bán ra giảm …" are two sides)
            measure = prev_measure
        if f.kind == "percent" and measure is None and len(right) > 1 \
                and (n := _match_at(right, 0, lx.about_words, lx.longest)) and n < len(right) \
                and _match_at(right, n, lx.heads, lx.longest):
            # "tăng 31,8% về khối lượng": the noun after "về" is what changed
            measure = _right_phrase(text, right[n][0], clause_end, MAX_COUNTED, lx.np_stops, lx.np_stops | lx.stop)
        if measure and f.kind == "percent" and f.change and prev is not None and prev.measure \
                and _right_after(text, prev, lo) and len(left) <= 4 and fold(tidy(measure) or "") in lx.bare_growth:
            # "doanh thu 866 tỷ đồng, tăng trưởng 26% so với năm trước": a growth noun alone in the
            # clause after a figure is that figure's measure's change, as a bare "tăng" is
            measure = None
        if measure is None:
            if f.kind == "percent" and right and _match_at(right, 0, lx.of_plan, lx.longest) and prev_measure:
                measure = prev_measure  # "8.623 lao động, đạt 132,06% chỉ tiêu giao"
                f.of_plan = True
            elif left and _match_end(left, len(left), lx.share, lx.longest) and prev_measure and len(left) <= 4:
                measure = prev_measure  # "45 hộ nghèo, chiếm 0,084%"
            elif f.kind in ("quantity", "ratio") and f.unit:
                measure = _counted(text, f, clause_end)
                mleft = left
                if prev is not None and not left and text[prev.end : f.start].strip() in ("-", "–") \
                        and _syllables(text, prev.start, prev.end)[-1][2][:1].isdigit():
                    # "gấp 3-4 lần tổng thu": the high end of a range of bare numbers is said
                    # after the words before its low end
                    mleft = lefts[i - 1]
                k = len(mleft)
                while k and (n := _match_end(mleft, k, lx.comparators, lx.longest)):
                    k -= n
                if measure and fold(f.unit) in lx.multiple_units and fold(measure).split()[0] == fold(f.unit) and k \
                        and (_match_end(mleft, k, lx.changes, lx.longest) or _match_end(mleft, k, lx.multiples, lx.longest)):
                    # "giá trị nhập khẩu tăng 2 lần", "thuế cao gấp 4 lần tổng thu": a multiple measures
                    # its subject (what follows it is the base), none when the clause names none
                    measure = _left_measure(text, mleft, "percent")[0]
                    if measure and not _starts_with_head(measure) and _pos(measure)[:1] \
                            and _pos(measure)[0][1] not in ("N", "Nc", "Np"):
                        measure = None  # a subject is a noun phrase: "nghĩa là to gấp 2 lần" names none
                if measure is None and f.kind == "quantity" and "/" in f.unit:
                    measure = f.unit  # "6,71 giường bệnh/1 vạn dân"
            elif f.kind == "percent" and right:
                measure = _share_phrase(text, f.end, clause_end)
            if measure is None and prev_measure and prev is not None and f.unit and prev.unit == f.unit \
                    and text.count(";", prev.end, f.start) == 0:
                measure = prev_measure  # "25.000 tấn vải sớm, trong đó huyện X đạt 20.000 tấn"
            if measure is None and prev_measure and prev is not None and prev.kind == f.kind and left \
                    and _match_at(left, 0, lx.same_period, lx.longest) and ";" not in text[prev.end : f.start]:
                measure = prev_measure  # "tăng 3,3% (cùng kỳ năm trước tăng 0,8%)": the same measure a year before
            if measure is None and prev_measure and len(left) <= 3 \
                    and not (right and f.kind == "percent" and not _match_at(right, 0, lx.cut, lx.longest)):
                measure = prev_measure  # ", tăng 5%": the same measure's change
        if measure is None and lo > floor and text[lo - 1 : lo] == "," \
                and (f.kind == "percent" and _only(left, lx.comparators)
                     or f.kind in ("percent", "money") and left and _only(left, lx.strip_right) and prev is None):
            # "… đạt tăng trưởng ở mức hai con số, khoảng 10,5% trong năm tới": a percentage
            # opening its clause with no noun of its own restates the clause before it; the
            # head noun named there is its measure (none when that clause has no head noun);
            # so does an amount or a percentage after a bare linking, change or aspect word, first
            # in its sentence ("doanh thu kỷ lục trong tháng 3, đạt 89,6 tỷ USD")
            pstart = _clause_start(text, s0, lo - 1)
            # (a figure in that clause is its own: "53% X, 46% còn lại …" names no measure)
            before = _syllables(text, pstart, lo - 1) if prev is None or prev.end <= pstart else []
            m2 = _left_measure(text, before, f.kind)[0] if before else None
            if m2 and _starts_with_head(m2):
                measure = m2
                f.left_phrase = _phrase(text, before)  # the clause it restates is the one it is about
        if prev is not None and prev.measure and lo == prev.end and left \
                and _match_end(left, len(left), lx.to_level, lx.longest) and not (measure and _has_head(measure)) \
                and (prev.change or any(_match_at(left, k, lx.changes, lx.longest) for k in range(len(left)))
                     or _changed(prev.left_phrase)) \
                and not any(_titlecase(text[a:b]) or (text[a:b].isupper() and b - a > 1) for a, b, _ in left):
            # (a name in between is a new subject: "mã A tăng lên 9.170 đồng và mã B tăng lên 10.650 đồng")
            # "giá vàng tăng 0,1% lên 1.281 USD/ounce": the level the previous figure's measure reached
            measure = prev.measure
        if prev is not None and prev.comparator == ">=" and f.comparator == "<=" and prev.kind == f.kind \
                and (_range_gap(text, prev.end, f.start, f.end)
                     and (prev.measure is not None or not text[prev.end - 1].isdigit())
                     or (text[prev.end : f.start].strip() in ("-", "–") and not text[prev.end - 1].isdigit())):
            # (a bare low end with no measure, "50.000 đến 60.000 lượt khách", takes the high
            # end's own noun instead: below)
            # (a low end written with no unit, "5-6 người", counts the high end's noun: below)
            measure = prev.measure  # the high end of a range: "từ 180.000 đồng đến 200.000 đồng/m3"
        if measured and prev is not None and prev.kind == "quantity" and prev.unit == f.unit \
                and not regex.search(r"\p{L}", text[prev.start : prev.end]) \
                and (_range_gap(text, prev.end, f.start, f.end) or text[prev.end : f.start].strip() in ("-", "–")):
            # "khoảng 4,5 đến 5 tấn vải sớm", "4-4,5 tấn vải": the low end, written with no unit,
            # counts what the high end's unit is followed by
            measure = measured
            prev.measure = tidy(measured)
        if measure and not text[f.start : f.start + 1].isdigit():
            fsyl = _syllables(text, f.start, f.end)
            lead = fsyl[: next((k for k, x in enumerate(fsyl) if x[2][:1].isdigit()), 0)]
            msyl = [(0, 0, w) for w in fold(measure).split()] + lead
            if lead and _match_end(msyl, len(msyl), lx.limit_names, lx.longest) > len(lead):
                # "công suất tối đa 150 mã lực" with the limit word read as the figure's comparator
                measure = f"{measure} {text[lead[0][0] : lead[-1][1]].lower()}"
        measure = _per_unit(text, f, measure)
        if measure:
            ms = measure.split()
            n = _match_at([(0, 0, fold(w)) for w in ms], 0, lx.passives, lx.longest)
            if n and len(ms) >= n + 2 and is_word(" ".join(ms[n : n + 2])):
                # "bị xử phạt 4 triệu đồng": the passive marker says nothing of what is measured
                # ("bị thương", "bị cáo" are words of their own and stay)
                measure = " ".join(ms[n:])
        f.measure = tidy(measure)
        if f.measure and prev is not None and prev.kind == f.kind == "quantity" and prev.unit == f.unit \
                and (prev.measure is None or "/" in (prev.unit or "") and fold(prev.measure) == fold(prev.unit or "")) \
                and not _syllables(text, prev.start, prev.end)[-1][2].isalpha() \
                and (_range_gap(text, prev.end, f.start, f.end) or text[prev.end : f.start].strip() in ("-", "–")):
            # "3 - 5 quầy", "từ 200-300 con": a low end written with no noun counts the high end's
            prev.measure = f.measure
        elif f.measure and prev is not None and prev.kind == f.kind == "quantity" and prev.unit == f.unit \
                and f.unit and "/" in f.unit and fold(f.measure) == fold(f.unit) and prev.measure \
                and fold(prev.measure) != fold(f.unit) and text[prev.end : f.start].strip() in ("-", "–"):
            # "năng lực 2.400-2.500 khách/giờ": a rate's high end has no noun of its own
            f.measure = prev.measure
        elif f.measure and prev is not None and prev.kind == f.kind == "quantity" and prev.unit == f.unit and f.unit \
                and fold(f.measure) == fold(f.unit) and prev.measure \
                and _match_at(_syllables(prev.measure, 0, len(prev.measure)), 0, lx.capacity_heads, lx.longest) \
                == len(prev.measure.split()) and text[prev.end : f.start].strip() in ("-", "–"):
            # "công suất 10-15 triệu hành khách": the high end counts in the capacity the low end measures
            f.measure = prev.measure
        if f.kind == "percent" and prev is not None and prev.kind == "percent" and prev.share and f.measure \
                and prev.measure and fold(f.measure) == fold(prev.measure) and not f.plan_share \
                and not f.change and lo == prev.end:
            # "mất 3,12% GDP/năm trong khi con số này của nước B là 3%": a percentage whose measure
            # is read from the share's own noun phrase, in the same clause, is that share again, not
            # a value of the noun (after a comma the noun may open a clause of its own: "chiếm 40%
            # GRDP, GRDP tăng 8%")
            f.share = True
        prev = f
