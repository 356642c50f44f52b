"""``area`` facts: Vietnamese administrative units named by the article, and
the ``area`` attribute of numeric facts.

The gazetteer is built from the vietnamadminunits package (provinces,
districts and communes before the July 2025 merger, and the units after it,
with their official codes), never typed by hand. How articles name units
(level words, abbreviations, party committees, aliases) is rule data in
``rules/areas.yaml``.

Official codes: a (name, level) that one unit of the gazetteer has gets that
unit's code. A name many units share (the same commune name in many
provinces) is resolved by the nearest parent the article names: the units it
names one level up first (a district before a province), the closest in the
text first; the code stays null when no named parent leaves exactly one
unit. Units before the July 2025 merger are preferred for articles published
before it (or undated), the merged units after it.
"""

from __future__ import annotations

import bisect
import unicodedata

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

import regex
from pydantic import BaseModel, ConfigDict, field_validator

from .cache import disk_cached
from .draft import DocContext, Draft
from .boilerplate import Article
from .rules import load_model, load_yaml
from .gate import fold, gate, may_match
from .ruleset import per_rules
from .sentences import Sentence

# precompiled: a call such as regex.sub(literal, …) looks its pattern up in regex's cache every time
_PKG_SUFFIX = regex.compile(r"\s*\([^()]*\)$")
_DASH = regex.compile(r"[ \t]*[-–][ \t]*")
_BLANKS = regex.compile(r"[ \t]+")
_CAPS_BEFORE = regex.compile(r"(?<![\p{L}\p{N}])((?:\p{Lu}[\p{Ll}\p{M}]*[ \t]+)+)$")


class AreaRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    level_words: dict[str, str]
    committee_words: dict[str, str]
    aliases: dict[str, str]
    code_aliases: dict[str, str] = {}
    not_after: list[str]
    not_after_compounds: list[str] = []
    structure_words: list[str] = []
    needs_level_word: list[str] = []
    plural_words: list[str] = []
    historical: list[str] = []
    spelling_variants: dict[str, str] = {}
    not_before: list[str] = []
    commune_levels: list[str] = []
    unknown_district_levels: list[str] = []
    home_address_words: list[str] = []
    vehicle_words: list[str] = []
    seat_units: list[str] = []
    route_words: list[str] = []
    route_joiners: list[str] = []
    facility_words: list[str] = []
    national_words: list[str] = []
    region_words: list[str] = []
    foreign_places: list[str] = []
    scope_words: list[str] = []
    scope_after: list[str] = []
    owner_words: list[str] = []
    authority_words: list[str] = []
    authority_seat_words: list[str] = []
    jurisdiction_words: list[str] = []
    photo_credit_words: list[str] = []
    person_home_words: list[str] = []
    name_owner_words: list[str] = []
    statute_words: list[str] = []
    spec_units: list[str] = []
    deputy_title_words: list[str] = []
    delegation_words: list[str] = []
    locative_words: list[str] = []
    venue_words: list[str] = []
    opener_words: list[str] = []
    local_unit_words: list[str] = []
    pronoun_places: list[str] = []
    adjunct_words: list[str] = []
    bare_after: list[str] = []
    aside_words: list[str] = []
    home_words: list[str] = []
    org_before: list[str] = []
    not_level_after: list[str] = []
    package_levels: dict[str, str]
    numbered_levels: list[str]
    district_levels: list[str]
    list_joiners: list[str]
    list_head_words: list[str]
    duration_words: list[str]
    examples: list[dict] = []

    @field_validator("*")
    @classmethod
    def _not_empty(cls, v):
        """A group written with no words would compile to a pattern that matches
        nothing (or everything): refused, so that a YAML slip is seen at load."""
        if isinstance(v, (list, dict)) and not v:
            raise ValueError("an empty group: give it words or leave the key out")
        return v


LEGACY, MERGED = "legacy", "2025"
MERGER_DATE = "2025-07-01"


@dataclass(frozen=True)
class Unit:
    name: str
    level: str
    code: str | None
    parent_code: str | None
    province: str
    era: str = LEGACY


def _level_of(full: str) -> str | None:
    """The level of a unit the package names in full ("Huyện Đông Anh")."""
    low = full.lower()
    types = _rules().package_levels
    for t in sorted(types, key=len, reverse=True):
        if low.startswith(t + " "):
            return types[t]
    return None


@per_rules
def _rules() -> AreaRules:
    return load_model("areas.yaml", AreaRules)


def _alt(words, flags: str = "") -> str:
    """One alternation of ``words``, longest first; a pattern that matches
    nothing for none."""
    body = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@per_rules
def _numbered_rx() -> regex.Pattern:
    # the package writes numbered units with their level word ("Quận 8", "Phường 5")
    return regex.compile(rf"{_alt(_rules().numbered_levels, 'i')}\s+(\d+)")


@per_rules
def _list_sep_rx() -> regex.Pattern:
    return regex.compile(rf"([ \t]*{_joiner()}[ \t]*)")


def _joiner() -> str:
    """The words and marks that join the items of a list of units (",", "và")."""
    return _alt(_rules().list_joiners)


def _short(short: str) -> str:
    """The package writes numbered units with their level word ("Quận 8",
    "Phường 5"); articles' names are the number."""
    short = _PKG_SUFFIX.sub("", short)  # "Hồng Ngự (Huyện)": the package's disambiguator
    m = _numbered_rx().fullmatch(short)
    return m.group(1) if m else short


@disk_cached
def gazetteer() -> dict[tuple[str, str], list[Unit]]:
    """(name, level) → units; name as written without the level word."""
    from vietnamadminunits.database import get_data

    g: dict[tuple[str, str], set[Unit]] = defaultdict(set)
    legacy = get_data(["province", "provinceShort", "provinceCode", "district", "districtShort", "districtCode",
                       "ward", "wardShort", "wardCode"], table="admin_units_legacy")
    for r in legacy:
        pl = _level_of(r["province"]) or "tỉnh"
        g[(r["provinceShort"], pl)].add(Unit(r["provinceShort"], pl, r["provinceCode"], None, r["provinceShort"], LEGACY))
        dl = _level_of(r["district"])
        if dl and r["districtShort"]:
            name = _short(r["districtShort"])
            g[(name, dl)].add(Unit(name, dl, r["districtCode"], r["provinceCode"], r["provinceShort"], LEGACY))
        wl = _level_of(r["ward"] or "")
        if wl and r["wardShort"]:
            name = _short(r["wardShort"])
            g[(name, wl)].add(Unit(name, wl, r["wardCode"], r["districtCode"], r["provinceShort"], LEGACY))
    current = get_data(["province", "provinceShort", "provinceCode", "ward", "wardShort", "wardCode"], table="admin_units")
    for r in current:
        pl = _level_of(r["province"]) or "tỉnh"
        g[(r["provinceShort"], pl)].add(Unit(r["provinceShort"], pl, r["provinceCode"], None, r["provinceShort"], MERGED))
        wl = _level_of(r["ward"] or "")
        if wl and r["wardShort"]:
            name = _short(r["wardShort"])
            g[(name, wl)].add(Unit(name, wl, r["wardCode"], r["provinceCode"], r["provinceShort"], MERGED))
    return {k: sorted(v, key=lambda u: (u.era, u.code or "")) for k, v in g.items()}


@per_rules
def _by_code() -> dict[tuple[str, str], Unit]:
    return {(u.era, u.code): u for units in gazetteer().values() for u in units if u.code}


def ancestors(u: Unit) -> list[tuple[str, str]]:
    """(era, code) of the units above ``u``, nearest first."""
    out, seen = [], set()
    while u.parent_code and (u.era, u.parent_code) not in seen:
        key = (u.era, u.parent_code)
        seen.add(key)
        out.append(key)
        parent = _by_code().get(key)
        if parent is None:
            break
        u = parent
    return out


@per_rules
def _provinces() -> dict[str, str]:
    """bare province name → its level (Hà Nội → thành phố, Hà Tĩnh → tỉnh)."""
    return {name: level for (name, level), units in gazetteer().items() if any(u.parent_code is None for u in units)}


# a name word may carry an apostrophe ("R'Lấp", "Đắk R’Lấp", "Ia H'Drai")
# a number is a whole word, matched possessively: no backtracking through a run of digits
_NAME_WORD = r"(?:\p{Lu}[\p{Ll}\p{M}]*(?:['’]\p{Lu}?[\p{Ll}\p{M}]+)?|(?<!\d)\d++)"
_NAME_WORD_RX = regex.compile(_NAME_WORD)
# name words may be joined by a dash ("Bà Rịa - Vũng Tàu", "Phan Rang-Tháp Chàm")
_NAME = rf"{_NAME_WORD}(?:(?:[ \t]+|[ \t]*[-–][ \t]*){_NAME_WORD}){{0,4}}"


def _flex(name: str) -> str:
    """A gazetteer name as a pattern: any spacing around its dash, and the
    other spellings of its syllables (``spelling_variants``: "Đăk Lăk")."""
    alts = _spelling_alternatives()
    words = []
    for w in regex.split(r"(\s+-\s+|\s+)", name):
        if not w.strip():
            words.append(r"[ \t]+")
        elif w.strip() == "-":
            words.append(r"[ \t]*[-–][ \t]*")
        else:
            words.append("(?:" + "|".join(regex.escape(x) for x in sorted(alts.get(w, {w}) | {w}, key=len, reverse=True)) + ")")
    return "".join(words)


@per_rules
def _spelling_alternatives() -> dict[str, set[str]]:
    r = load_model("areas.yaml", AreaRules)
    out: dict[str, set[str]] = defaultdict(set)
    for k, v in r.spelling_variants.items():
        out[v].add(k)
    return out


def _canon(written: str) -> str:
    """A written name in the gazetteer's form ("Bà Rịa-Vũng Tàu" → "Bà Rịa - Vũng Tàu")."""
    return _DASH.sub(" - ", _BLANKS.sub(" ", written))


@disk_cached
def _compiled():
    r = load_model("areas.yaml", AreaRules)
    lw = "|".join(regex.escape(w) for w in sorted(r.level_words, key=len, reverse=True))
    cw = "|".join(regex.escape(w) for w in sorted(r.committee_words, key=len, reverse=True))
    names = rf"(?P<name>{_NAME})"
    # "quận Cầu Giấy", "TP.HCM", "Huyện ủy Quốc Oai"; level words are case-insensitive, names are not
    level_rx = regex.compile(rf"(?<![\p{{L}}.])(?P<lw>(?i:{lw}))[ \t]*{names}")
    committee_rx = regex.compile(rf"(?<!\p{{L}})(?P<cw>(?i:{cw}))[ \t]+{names}")
    alias_rx = regex.compile("(?<![\\p{L}])(?:" + "|".join(regex.escape(a) for a in sorted(r.aliases, key=len, reverse=True)) + ")(?![\\p{L}])")
    prov = "|".join(_flex(p) for p in sorted(_provinces(), key=len, reverse=True))
    bare_rx = regex.compile(rf"(?<![\p{{L}}])(?P<name>{prov})(?![\p{{L}}])")
    # "3 quận: Hai Bà Trưng, Cầu Giấy, Ba Đình" / "các huyện Mê Linh, Sóc Sơn và Đông Anh" /
    # an address "xã Vân Hà, Đông Anh" (the items after the first may be its parents)
    list_rx = regex.compile(
        rf"(?<![\p{{L}}])(?P<lw>{_alt({w for w in r.level_words if w == w.lower()}, 'i')})"
        rf"(?P<head>[ \t]*:|[ \t]+{_alt(r.list_head_words)})?[ \t]+"
        rf"(?P<items>{_NAME}(?:[ \t]*{_joiner()}[ \t]*{_NAME})+)"
    )
    plural = "|".join(regex.escape(w) for w in sorted(r.plural_words, key=len, reverse=True)) or "(?!)"
    plural_rx = regex.compile(rf"(?<![\p{{L}}])(?i:{plural}|\d+)[ \t]*$")
    level_start_rx = regex.compile(rf"(?i:{lw}|{cw})(?:[ \t]|$)|(?i:{lw})(?=\p{{Lu}}|\d)")
    hist = "|".join(_flex(h) for h in sorted(r.historical, key=len, reverse=True)) or "(?!)"
    hist_rx = regex.compile(rf"(?<![\p{{L}}])(?:{hist})(?![\p{{L}}])")
    def _not_after_word(w: str) -> str:
        # a compound that ends with the word names something else ("thị trường" is a market, no school)
        heads = [c[: -len(w)].rstrip() for c in r.not_after_compounds if c.endswith(" " + w)]
        guard = rf"(?<!(?<!\p{{L}})(?:{'|'.join(regex.escape(h) for h in heads)})\s+)" if heads else ""
        return guard + regex.escape(w)

    na = "|".join(_not_after_word(w) for w in sorted(r.not_after + r.structure_words, key=len, reverse=True)) or "(?!)"
    not_after_rx = regex.compile(rf"(?<!\p{{L}})(?:{na})\s*$")
    nla = "|".join(regex.escape(w) for w in sorted(r.not_level_after, key=len, reverse=True)) or "(?!)"
    # "hợp tác xã Hòa Bình" is a cooperative, not the commune
    not_level_rx = regex.compile(rf"(?<![\p{{L}}])(?i:{nla})[ \t]*$")
    ab = "|".join(regex.escape(w) for w in sorted(r.aside_words, key=len, reverse=True)) or "(?!)"
    aside_rx = regex.compile(rf"(?<![\p{{L}}])(?:{ab})[ \t]*$")
    nb = "|".join(regex.escape(w) for w in sorted(r.not_before, key=len, reverse=True)) or "(?!)"
    not_before_rx = regex.compile(rf"[ \t]*(?:{nb})(?!\p{{L}})")
    return (r, level_rx, committee_rx, alias_rx, bare_rx, list_rx, plural_rx, level_start_rx, hist_rx, not_level_rx,
            not_after_rx, not_before_rx, aside_rx)


_APOSTROPHES = "'’‘ʼ`"


def _variant_form(name: str) -> str:
    """A name folded over the spellings articles use for one unit: tone
    placement and case (compare_form), apostrophes written or not ("R'Lấp",
    "R’Lấp", "RLấp"), spacing and dashes, and the syllable spellings of
    ``rules/areas.yaml`` ``spelling_variants`` ("Đăk" = "Đắk", "Krong" = "Krông")."""
    from .textnorm import compare_form

    f = compare_form(name)
    for ch in _APOSTROPHES:
        f = f.replace(ch, "")
    sv = _spellings()
    return " ".join(sv.get(w, w) for w in regex.split(r"[\s\-–]+", f) if w)


@per_rules
def _spellings() -> dict[str, str]:
    from .textnorm import compare_form

    return {compare_form(k): compare_form(v) for k, v in _compiled()[0].spelling_variants.items()}


@disk_cached
def _variants() -> dict[tuple[str, str], str]:
    """(variant form, level) → the gazetteer's name."""
    out: dict[tuple[str, str], str] = {}
    for name, level in gazetteer():
        out.setdefault((_variant_form(name), level), name)
    return out




def key_name(written: str, level: str) -> str | None:
    """The gazetteer's name of a unit written ``written`` at ``level``: the same
    name, a spelling variant of it, or a district-level unit of that name whose
    class changed since the article ("thị xã Chí Linh" of 2017 is "thành phố
    Chí Linh" of the gazetteer); None when the gazetteer has none."""
    cand = _canon(written)
    if (cand, level) in gazetteer():
        return cand
    v = _variants().get((_variant_form(cand), level))
    if v:
        return v
    if level in _district_levels() and not cand.isdigit():
        for other in _reclassified_order(level):
            units = gazetteer().get((cand, other), [])
            if other != level and any(u.parent_code is not None for u in units):
                return cand
    return None


def _unit_key(name: str, level: str) -> tuple[str, str]:
    """The gazetteer key a mention's units are looked up under."""
    k = key_name(name, level)
    if k is None:
        return (_canon(name), level)
    if (k, level) in gazetteer():
        return (k, level)
    for other in _reclassified_order(level):  # a district-level unit whose class changed
        if (k, other) in gazetteer():
            return (k, other)
    return (k, level)


def _reclassified_order(level: str) -> list[str]:
    """District-level classes a unit written at ``level`` may have in the
    gazetteer, the likeliest first: units are raised (huyện → thị xã →
    thành phố → quận) far more often than lowered."""
    up = list(_rules().district_levels)
    if level not in up:
        return []
    i = up.index(level)
    return up[i + 1 :] + list(reversed(up[:i]))


@per_rules
def _full_level_words() -> frozenset:
    """Level words written in full ("xã", "Huyện"), not abbreviated ("P.", "TP")."""
    return frozenset(k for k in _compiled()[0].level_words if k == k.lower())


def _longest_known(words: str, level: str, numbered: bool = False, unknown_ok: int = 0) -> str | None:
    """The longest start of ``words`` that names a unit of ``level``; with ``unknown_ok``,
    a whole capitalised run of 2 to ``unknown_ok`` words that no gazetteer lists."""
    parts = _NAME_WORD_RX.findall(words)
    seps = _NAME_WORD_RX.split(words)[1:-1]
    if unknown_ok and 2 <= len(parts) <= unknown_ok and all(not p.isdigit() for p in parts) \
            and all(regex.fullmatch(r"[ \t]+", x) for x in seps[: len(parts) - 1]):
        # a commune of before the 2019-2021 mergers that no gazetteer lists
        # ("phường Máy Tơ"): the whole capitalised run after its level word
        written = "".join(p + (seps[i] if i < len(parts) - 1 else "") for i, p in enumerate(parts))
        if key_name(written, level) is None and not any(key_name(" ".join(parts[:n]), level) for n in range(2, len(parts))):
            return written
    for n in range(len(parts), 0, -1):
        written = "".join(p + (seps[i] if i < n - 1 else "") for i, p in enumerate(parts[:n]))
        if key_name(written, level) is not None:
            return written
        if numbered and parts[0].isdigit() and n == 1 and level in ("quận", "phường"):
            return _canon(written)  # numbered units of the big cities ("Quận 2"), not in the gazetteer's era
    return None


# how much of the first paragraph may give the article's unit when the lead names none
_FIRST_PARAGRAPH_CHARS = 600
# how far after a figure a unit written with its level word may qualify it, and what may
# not come between (a mark, a bracket, another number)
_QUALIFIER_CHARS = 40
_QUALIFIER_BREAK = regex.compile(r"[,;:()\[\]\d]")
# a capitalised word (no level word) right before a bare unit: the unit ends a name
_NAME_BEFORE = regex.compile(r"(?<![\p{L}.])\p{Lu}[\p{Ll}\p{M}]+[ \t]+$")
_COUNT_AFTER = regex.compile(r"[ \t]*\(\d+\)")
# a bracket that a unit opens: "anh Dũng (xã Hoàng Hoa Thám, …)"
_ADDRESS_OPENS = regex.compile(r"\([ \t]*$")


@per_rules
def _abbrev_end_rx() -> regex.Pattern:
    """A level abbreviation with its dot ending a sentence ("… ở TX.")."""
    return regex.compile(rf"(?<![\p{{L}}]){_alt(w for w in _rules().level_words if w.endswith('.'))}$")


@per_rules
def _duration_rx() -> regex.Pattern:
    return regex.compile(rf"[ \t]+{_alt(_rules().duration_words)}(?!\p{{L}})")


def _district_levels() -> list[str]:
    """District-level classes, in the order units are raised (huyện → thị xã → thành phố → quận)."""
    return _rules().district_levels


def _commune_levels() -> list[str]:
    return _rules().commune_levels


def _mention(name, level, start, end, text, sent, rule) -> Draft:
    name = regex.sub(r"[ \t]+", " ", name)
    return Draft(kind="area", start=start, end=end, text=text[start:end], name=name, level=level,
                 rule_id=rule, sent=sent, key=_unit_key(name, level))


@disk_cached
def _levels_by_name() -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for name, level in gazetteer():
        out[name].append(level)
    return out


def _parent_level(name: str, child_units: list[Unit]) -> str | None:
    """The level at which ``name`` is a unit above one of ``child_units``."""
    above = {a for u in child_units for a in ancestors(u)}
    for level in _levels_by_name().get(name, []):
        if any((u.era, u.code) in above for u in gazetteer()[(name, level)]):
            return level
    return None


@per_rules
def _bare_districts() -> dict[str, str]:
    """District-level units whose name no other district-level unit (nor a
    province) has, of two syllables or more, or of one word that is no
    Vietnamese syllable ("Pleiku", "KBang", "M'Đrắk"; not "Vinh", a given
    name too): name → level. Only these may be named bare."""
    district_levels = _district_levels()
    # a commune that shares its district's name (the district seat) does not make it ambiguous
    counts: Counter = Counter(name for name, level in gazetteer() if level in district_levels)
    provinces = _provinces()
    out = {}
    for (name, level), units in gazetteer().items():
        if (level in district_levels and counts[name] == 1 and len(units) == 1
                and units[0].parent_code is not None and name not in provinces
                and (" " in name or _not_a_syllable(name))
                and not any(ch.isdigit() for ch in name)):
            out[name] = level
    return out


def _not_a_syllable(word: str) -> bool:
    """A one-word name that cannot be a Vietnamese syllable: an apostrophe, a
    capital inside it, or more letters than a syllable with a name's initial has."""
    return any(ch in _APOSTROPHES for ch in word) or any(ch.isupper() for ch in word[1:]) or len(word) >= 6


@disk_cached
def _bare_district_rx() -> regex.Pattern:
    """A bare district name after a word of place or motion ("đi Nha Trang",
    "ở Lý Nhân"): without a level word, only there is it safely a place."""
    names = "|".join(regex.escape(n) for n in sorted(_bare_districts(), key=len, reverse=True))
    after = "|".join(regex.escape(w) for w in sorted(_compiled()[0].bare_after, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{after})[ \t]+(?P<name>{names})(?![\p{{L}}])"
                         rf"(?:[ \t]*{_joiner()}[ \t]*(?P<more>{names})(?![\p{{L}}]))*")


@per_rules
def _paren_rx() -> regex.Pattern:
    lw = "|".join(regex.escape(w) for w in sorted(_compiled()[0].level_words, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}.])(?P<name>{_NAME})[ \t]*\([ \t]*(?:(?P<plw>(?i:{lw}))[ \t]*)?(?P<parent>{_NAME})")


@per_rules
def _level_before_rx() -> regex.Pattern:
    """A level word right before a name ("huyện ", "TP.")."""
    return regex.compile(rf"(?<![\p{{L}}.])((?i:{_alt(_compiled()[0].level_words)}))[ \t]*$")


def _child_level(name: str, parent: str, parent_level: str | None) -> tuple[str, str] | None:
    """(the level at which ``name`` is a unit right below, or two below, a unit
    called ``parent`` of ``parent_level`` when written; that parent's level), or None."""
    for level in _levels_by_name().get(name, []):
        for u in gazetteer()[(name, level)]:
            for era, code in ancestors(u)[:2]:
                p = _by_code().get((era, code))
                if p is not None and p.name == parent and (parent_level is None or p.level == parent_level
                                                            or parent_level in _reclassified_order(p.level)):
                    return level, parent_level or p.level
    return None


@per_rules
def _mention_gates() -> dict[str, tuple[str, ...] | None]:
    """The words one of which each per-sentence pattern's match holds (:mod:`gate`); the
    patterns the regex engine scans as fast as the gate is tested (aliases, provinces,
    bare districts: many words, or common ones) have none."""
    c = _compiled()
    return {"level": gate(c[1]), "committee": gate(c[2]), "list": gate(c[5])}


# a Latin given name ("Helen", "Philip"): a capitalised word without Vietnamese letters
# or tone marks that no Vietnamese syllable spells, having two vowel groups
_LATIN_NAME_RX = regex.compile(r"[A-Z][b-df-hj-np-tv-z]*[aeiouy]+[b-df-hj-np-tv-z]+[aeiouy]+[a-z]*(?![\p{L}\p{M}])")


def mentions(text: str, sents: list[Sentence]) -> list[Draft]:
    (rules, level_rx, committee_rx, alias_rx, bare_rx, list_rx, plural_rx, level_start_rx, hist_rx, not_level_rx,
     not_after_rx, not_before_rx, aside_rx) = _compiled()
    gates = _mention_gates()
    committee_level = {k.casefold(): v for k, v in rules.committee_words.items()}
    out: list[Draft] = []
    # a province of the past ("Quảng Nam - Đà Nẵng") is no unit of today: nothing inside it counts
    # the spans taken so far, sorted and disjoint, so that an overlap test is a
    # binary search (a text of thousands of numbered units stays linear)
    taken: list[tuple[int, int]] = sorted(m.span() for s in sents for m in hist_rx.finditer(text, s.start, s.end))

    def free(a, b):
        i = bisect.bisect_left(taken, (a, a))
        return not (i > 0 and taken[i - 1][1] > a or i < len(taken) and taken[i][0] < b
                    or i + 1 < len(taken) and taken[i + 1][0] < b)

    def add(name, level, s, e, sent, rule):
        if free(s, e):
            out.append(_mention(name, level, s, e, text, sent, rule))
            bisect.insort(taken, (s, e))

    def level_word_ok(m) -> bool:
        return not not_level_rx.search(text, max(0, m.start() - 12), m.start())

    prev_sent = None
    for s in sents:
        # the splitter may end a sentence after a level abbreviation ("ở TX. Sơn Tây"):
        # the level word at the end of the previous sentence belongs to this one
        lo = s.start
        if prev_sent is not None and prev_sent.paragraph == s.paragraph and s.start - prev_sent.end <= 1:
            ab = _abbrev_end_rx().search(text, prev_sent.start, prev_sent.end)
            if ab:
                lo = ab.start()
        prev_sent = s
        # a pattern none of whose words the sentence holds has no match there: not run
        folded = fold(text[s.start : s.end])

        def may(name: str, folded: str = folded) -> bool:
            return may_match(gates[name], folded)

        for m in list_rx.finditer(text, s.start, s.end) if may("list") else ():
            if not level_word_ok(m):
                continue
            level = rules.level_words.get(m.group("lw").lower(), m.group("lw").lower())
            plural = bool(m.group("head")) or bool(plural_rx.search(text, max(s.start, m.start() - 15), m.start()))
            parts = _list_sep_rx().split(m.group("items"))
            items, joins = parts[0::2], [p.strip() for p in parts[1::2]]
            enumerated = plural or any(j.isalpha() for j in joins)  # a word joins the last item: "A, B và C"
            pos = m.start("items")
            prev: list[Unit] | None = None
            chain = False  # past the list: each item is the parent of the one before ("xã A, huyện B, tỉnh C")
            for k, item in enumerate(items):
                i = text.find(item, pos)
                pos = i + len(item)
                if level_start_rx.match(item):
                    break  # "Phường 5, Quận 3": the next unit has its own level word
                if k == 0:
                    name = _longest_known(item, level)
                    if name is None or name != item:
                        break
                    add(name, level, i, i + len(name), s.index, "area.list")
                    prev = gazetteer().get(_unit_key(name, level), [])
                    continue
                up = _parent_level(_canon(item), prev or [])
                if up:
                    add(item, up, i, i + len(item), s.index, "area.parent")
                    prev = gazetteer().get((_canon(item), up), [])
                    chain = True
                    continue
                if chain or not enumerated or key_name(item, level) is None:
                    break
                add(item, level, i, i + len(item), s.index, "area.list")
                prev = gazetteer().get(_unit_key(item, level), [])
        for m in level_rx.finditer(text, lo, s.end) if lo < s.start or may("level") else ():
            if not level_word_ok(m):
                continue
            lw = m.group("lw")
            level = rules.level_words.get(lw) or rules.level_words.get(lw.lower())
            written_level = lw.lower() in _full_level_words()
            name = _longest_known(m.group("name"), level, numbered=True,
                                  # a district's name is two words: a third one starts the next
                                  # sentence of a caption run into the text ("huyện Tĩnh Gia Chiều …")
                                  unknown_ok=(3 if level in rules.commune_levels else
                                              2 if lw.lower() in rules.unknown_district_levels else 0)
                                  if written_level else 0)
            if not name:
                continue
            if _LATIN_NAME_RX.match(name) and key_name(name, level) is None:
                continue  # "bà xã Helen Rooney": a foreign person's name, no commune
            if not written_level and not name.isdigit() and (len(name) == 1 or regex.fullmatch(r"[IVX]+", name)):
                continue  # "P.V", "TP.X": a person's initials, not phường V
            if not written_level and text[m.start("name") + len(name) : m.start("name") + len(name) + 1] == ".":
                continue
            if name.isdigit() and _duration_rx().match(text, m.start("name") + len(name)):
                continue  # "của quận 10 tháng đầu năm": a count of months, not Quận 10
            add(name, level, m.start(), m.start("name") + len(name), s.index, "area.level_word")
        for m in alias_rx.finditer(text, s.start, s.end):
            canon = rules.aliases[m.group(0)]
            level = _provinces().get(canon, "tỉnh")
            add(canon, level, m.start(), m.end(), s.index, "area.alias")
        for m in committee_rx.finditer(text, s.start, s.end) if may("committee") else ():
            level = committee_level[m.group("cw").casefold()]
            name = _longest_known(m.group("name"), level)
            if name and not name[0].isdigit():
                add(name, level, m.start("name"), m.start("name") + len(name), s.index, "area.committee")
        for m in _paren_rx().finditer(text, s.start, s.end):
            # "Nam Hồng (huyện Đông Anh, Hà Nội)", "ở Hạ Đình (Thanh Xuân, Hà Nội)": a bare
            # name followed by the unit above it in brackets is that unit's child
            name = m.group("name")
            if " " not in name.strip() or not free(m.start("name"), m.end("name")):
                continue
            if not_after_rx.search(text, max(s.start, m.start("name") - 30), m.start("name")):
                continue  # "cầu Chương Dương (Hà Nội)": a bridge or a street named after a unit
            plw = m.group("plw")
            plevel = (rules.level_words.get(plw) or rules.level_words.get(plw.lower())) if plw else None
            pname = _canon(m.group("parent"))
            found = _child_level(_canon(name), pname, plevel)
            written = _level_before_rx().search(text, max(s.start, m.start("name") - 12), m.start("name"))
            if found and written and (rules.level_words.get(written.group(1))
                                      or rules.level_words.get(written.group(1).lower())) != found[0]:
                # "huyện Tĩnh Gia (Thanh Hóa)": a district of before the mergers that the gazetteer
                # lacks is not the ward of that name the mergers made; the level written wins
                continue
            if found:
                add(name, found[0], m.start("name"), m.end("name"), s.index, "area.bracket_child")
                if not plw:
                    add(m.group("parent"), found[1], m.start("parent"), m.end("parent"), s.index, "area.bracket_parent")
        for m in _bare_district_rx().finditer(text, s.start, s.end):
            for name, (a, b) in zip([m.group("name")] + m.captures("more"), [m.span("name")] + m.spans("more")):
                add(name, _bare_districts()[name], a, b, s.index, "area.bare_district")
        for m in bare_rx.finditer(text, s.start, s.end):
            written = m.group("name")
            name = key_name(written, "tỉnh") or key_name(written, "thành phố") or _canon(written)
            if name not in _provinces():
                continue
            if name in rules.needs_level_word:
                continue
            if not_after_rx.search(text, max(s.start, m.start() - 30), m.start()):
                continue
            if not_before_rx.match(text, m.end()):
                continue  # "Thái Bình Dương" is the Pacific
            if _inside_person_name(text, s, m.start(), rules.org_before):
                continue
            add(written, _provinces()[name], m.start(), m.end(), s.index, "area.province")
    # a unit the article has named once may come back bare ("xã Thanh Bính … Thanh
    # Bính đã có 20 ha"): a name of two syllables or more, not inside a person's name
    known: dict[str, Draft] = {}
    for m in out:
        if " " in m.name and not m.name[0].isdigit():
            known.setdefault(m.name, m)
    if known:
        order = sorted(known, key=len, reverse=True)
        for s in sents:
            for a, b, written in _whole_names(text, s.start, s.end, order):
                if not free(a, b):
                    continue
                before = _CAP_WORD_END.search(text[max(s.start, a - 12) : a])
                if (before and before.group(1) in _surnames()) or _BLANK_CAP.match(text[b : b + 2]):
                    continue  # part of a longer capitalised name ("Nguyễn Thanh Hà", "Thanh Hà Xanh")
                if _structure_end_rx().search(text, max(s.start, a - 30), a):
                    continue  # "cầu Long Biên", "cửa biển Tam Quan": a bridge or an estuary named after the unit
                first = known[written]
                add(first.name, first.level, a, b, s.index, "area.again")
    for m in out:
        lo = max(0, m.start - 30)
        if aside_rx.search(text, lo, m.start):
            m.aside = True  # "CLB Hà Nội", "HA Gia Lai": a club, not the place
    out.sort(key=lambda f: f.start)
    return out


@per_rules
def _structure_end_rx() -> regex.Pattern:
    return regex.compile(rf"(?<!\p{{L}}){_alt(_rules().structure_words)}\s*$")


_CAP_WORD_END = regex.compile(r"(\p{Lu}[\p{Ll}\p{M}]*)[ \t]+$")
_BLANK_CAP = regex.compile(r"[ \t]+\p{Lu}")


def _letter_or_digit(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN"


def _whole_names(text: str, lo: int, hi: int, order: list[str]) -> list[tuple[int, int, str]]:
    """The matches, in text[lo:hi], of ``(?<![\\p{L}\\p{N}])(?:n1|n2|…)(?![\\p{L}\\p{N}])``
    over ``order`` (the names, longest first), as ``finditer(text, lo, hi)``
    finds them, without compiling a pattern per document: str.find of each
    name, then at each position the first name in ``order`` whose end is no
    letter or digit (or ``hi``), left to right without overlaps."""
    hits = []
    for rank, n in enumerate(order):
        i = text.find(n, lo, hi)
        while i >= 0:
            hits.append((i, rank))
            i = text.find(n, i + 1, hi)
    if not hits:
        return []
    hits.sort()
    out = []
    pos = lo
    i, k = 0, len(hits)
    while i < k:
        p = hits[i][0]
        j = i
        while j < k and hits[j][0] == p:
            j += 1
        if p >= pos and (p == 0 or not _letter_or_digit(text[p - 1])):
            for _, rank in hits[i:j]:
                n = order[rank]
                e = p + len(n)
                if e == hi or not _letter_or_digit(text[e]):
                    out.append((p, e, n))
                    pos = e
                    break
        i = j
    return out


@disk_cached
def _surnames() -> frozenset[str]:
    """The first words of the surnames of ``rules/persons.yaml``, read here:
    :mod:`persons` imports this module, not the other way round."""
    return frozenset(s.split()[0] for s in load_yaml("persons.yaml")["surnames"])


def _inside_person_name(text: str, s: Sentence, start: int, org_before: list[str]) -> bool:
    """A bare province name that continues a person's name ("Nguyễn Thái Bình");
    not an organisation named by a word that is also a surname ("Đoàn Hà Nội")."""
    m = _CAPS_BEFORE.search(text[max(s.start, start - 40) : start])
    if not m:
        return False
    words = m.group(1).split()
    return words[0] in _surnames() and words[0] not in org_before


def _era_order(published: str | None) -> tuple[str, str]:
    return (MERGED, LEGACY) if published and published[:10] >= MERGER_DATE else (LEGACY, MERGED)


def _candidates(key: tuple[str, str], era_order: tuple[str, str], code_aliases: dict[str, str]) -> list[Unit]:
    name, level = key
    units = gazetteer().get(key, [])
    if not units and name in code_aliases:
        target = code_aliases[name]
        units = [u for lv in _levels_by_name().get(target, []) for u in gazetteer()[(target, lv)] if u.parent_code is None]
    for era in era_order:
        in_era = [u for u in units if u.era == era]
        if in_era:
            return in_era
    return []


def _rank(units: list[Unit], level: str) -> int:
    if any(u.parent_code is None for u in units):
        return 2
    return 1 if level in _district_levels() else 0


def resolve_codes(found: list[Draft], ms: list[Draft], published: str | None = None) -> None:
    """Set ``code`` (and ``_parent_code``) on the area facts: a unique unit, or
    the one the nearest parent named by the article leaves."""
    rules = _compiled()[0]
    order = _era_order(published)
    keyed = {f.key: f for f in found}
    cands = {k: _candidates(k, order, rules.code_aliases) for k in keyed}
    rank = {k: _rank(cands[k], k[1]) for k in keyed}
    starts = defaultdict(list)
    for m in ms:
        starts[m.key].append(m.start)

    def distance(a, b) -> int:
        return min((abs(x - y) for x in starts[a] or [keyed[a].start] for y in starts[b] or [keyed[b].start]),
                   default=1 << 30)

    resolved: dict[tuple[str, str], Unit] = {}
    for key in sorted(keyed, key=lambda k: -rank[k]):
        units = cands[key]
        if len(units) > 1:
            parents = sorted((p for p in keyed if rank[p] > rank[key] and cands[p]),
                             key=lambda p: (rank[p], distance(key, p)))
            for p in parents:
                pcodes = {(u.era, u.code) for u in ([resolved[p]] if p in resolved else cands[p])}
                narrowed = [u for u in units if pcodes & set(ancestors(u))]
                if narrowed:
                    units = narrowed
                if len(units) == 1:
                    break
        if len(units) == 1:
            resolved[key] = units[0]
    for key, f in keyed.items():
        u = resolved.get(key)
        if u is not None:
            f.code = u.code
            f.parent_code = u.parent_code
            f.gazetteer_unit = u


def extract(text: str, sents: list[Sentence], published: str | None = None) -> tuple[list[Draft], list[Draft]]:
    """(one ``area`` fact per (name, level) at its first mention, every mention)."""
    _by_code(), _levels_by_name()  # indexes built once per process (before ingest workers fork)
    ms = mentions(text, sents)
    first: dict[tuple[str, str], Draft] = {}
    counts: Counter = Counter()
    for m in ms:
        key = m.key
        counts[key] += 1
        if key not in first:
            first[key] = replace(m)
    for key, f in first.items():
        f.mentions = counts[key]
    found = list(first.values())
    resolve_codes(found, ms, published)
    return found, ms






def _depth(f: Draft) -> int:
    """How specific a unit is: 1 a province, 2 a district, 3 a commune."""
    level = f.level
    if level in _commune_levels():
        return 3
    if level == "tỉnh":
        return 1
    if level == "thành phố":
        u = f.gazetteer_unit
        if u is not None:
            return 1 if u.parent_code is None else 2
        return 1 if _canon(f.name) in _provinces() else 2
    return 2


class _Places:
    """The units an article names, with what the text and the gazetteer say of
    which lies inside which."""

    def __init__(self, found: list[Draft], ms: list[Draft], text: str):
        self.fact = {f.key: f for f in found}
        self.ms = ms
        self.inside: set[tuple] = set()  # (child key, ancestor key)
        units = {k: f.gazetteer_unit for k, f in self.fact.items()}
        for k, u in units.items():
            if u is None:
                continue
            anc = set(ancestors(u))
            for k2, u2 in units.items():
                if u2 is not None and (u2.era, u2.code) in anc:
                    self.inside.add((k, k2))
        # an address or a bracket: "xã A, huyện B", "A (huyện B, tỉnh C)": each later,
        # less specific unit holds the ones before it
        for i, m in enumerate(ms):
            chain = [m]
            for n in ms[i + 1 :]:
                gap = text[chain[-1].end : n.start]
                if not regex.fullmatch(r"[\s,(–-]*(?:(?i:[\p{L}.]+(?:[ \t]+[\p{Ll}]+)?)[ \t]*)?", gap) or len(gap) > 16:
                    break
                chain.append(n)
            for a_i, x in enumerate(chain):
                for y in chain[a_i + 1 :]:
                    if _depth(self.fact[y.key]) < _depth(self.fact[x.key]):
                        self.inside.add((x.key, y.key))
        # the relation is transitive
        changed = True
        while changed:
            changed = False
            for a_, b_ in list(self.inside):
                for c_, d_ in list(self.inside):
                    if b_ == c_ and (a_, d_) not in self.inside:
                        self.inside.add((a_, d_))
                        changed = True

    def depth(self, key) -> int:
        return _depth(self.fact[key])

    def around(self, key) -> list:
        """The units ``key`` lies inside, in the order the text first names them
        (never the set's order, which changes with the hash seed from run to run)."""
        return sorted((b for a, b in self.inside if a == key), key=lambda k: (self.fact[k].start, k))

    def related(self, a, b) -> bool:
        return a == b or (a, b) in self.inside or (b, a) in self.inside

    def deepest(self, keys: list) -> tuple | None:
        """The most specific of ``keys`` when they all lie on one chain (each
        inside the next), else None."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return None
        best = max(keys, key=self.depth)
        if all(self.related(best, k) for k in keys):
            return best
        return None


def main_area(found: list[Draft], ms: list[Draft], art: Article, text: str = "", places: _Places | None = None) -> Draft | None:
    """The unit the article is about: the most specific unit that its title, its
    lead and its first paragraph name on one chain ("Nam Hồng (huyện Đông Anh,
    Hà Nội)" → Nam Hồng); none when they name units that are not on one chain
    (Thái Nguyên, Hà Nội and Khánh Hòa) or none at all. An article that names a
    unit only further down is not "about" it. Units side by side with one that
    holds them all ("5 xã của huyện A (gồm xã B, C …)") give that one; a title and
    lead that name a unit only as a court's or a procuracy's ("TAND TP Hà Nội
    xét xử …") give the court's unit."""
    if not found:
        return None
    places = places or _Places(found, ms, text)
    foreign, authority = _attach_rules()[1], _attach_rules()[4]
    # a title that names a foreign place, with a lead that names no unit of Việt Nam, is a
    # foreign story ("Vụ cháy xe buýt ở Đức: …"): the units its body names in passing are not its place
    lead = [z for z in art.zones if not art.title or z[0] >= art.title[1]][:1]
    if art.title and foreign.search(text, art.title[0], art.title[1]) and \
            not any(lo <= m.start < hi for m in ms for lo, hi in [art.title] + lead):
        return None
    caption, delegation = _caption_rx(), _delegation_rx()
    all_ms = ms
    homes = _passing_mentions(text, ms)
    ms = [m for i, m in enumerate(ms) if not m.aside and not authority.search(text, max(0, m.start - 40), m.start)
          and i not in homes and not caption.match(text, m.end)
          and not delegation.search(text, max(0, m.start - 80), m.start)]
    heads = [art.title] if art.title else []
    body = [z for z in art.zones if not art.title or z[0] >= art.title[1]]
    heads += body[:1]
    keys = [m.key for m in ms if any(lo <= m.start < hi for lo, hi in heads) and not m.aside]
    if not keys:
        # a court or a procuracy of a unit, in a title and a lead that name no other unit
        # ("TAND TP Hà Nội xét xử 3 bị cáo …"): it tries the cases of its own unit
        jrx = _jurisdiction_rx()
        keys = [m.key for m in all_ms if any(lo <= m.start < hi for lo, hi in heads) and not m.aside
                and jrx.search(text, max(0, m.start - 40), m.start)]
    from_lead = bool(keys)
    rest: list = []
    if not keys and len(body) > 1:
        # a lead that names no unit: the first paragraph after it, its opening only (a
        # body written as one line is one "paragraph": a company named thousands of
        # characters down is not what the article is about)
        heads.append(body[1])
        # and not from a unit that ends a company's name there ("Công ty X Tây Ninh", "Mía
        # đường Thành Thành Công Tây Ninh"): an article whose head names no place is about
        # the companies, not about the province one of them is named after
        owner_rx = _facility_rx()
        named = [m for m in ms if body[1][0] <= m.start < body[1][1] and not m.aside
                 and not owner_rx.search(text, max(0, m.start - 60), m.start)
                 and not (m.rule_id in ("area.province", "area.bare_district")
                          and _NAME_BEFORE.search(text, max(0, m.start - 20), m.start))]
        # the units of its opening give the unit; one elsewhere in the paragraph on
        # another chain gives none
        keys = [m.key for m in named if m.start < body[1][0] + _FIRST_PARAGRAPH_CHARS]
        rest = [m.key for m in named]
    if not keys:
        return None
    if _region_head(ms, heads, text):
        return None
    best = places.deepest(keys)
    if best is None:
        # several units side by side inside one the head also names ("ở 5 xã của huyện A (gồm
        # xã B, C, D)"): the most specific unit that holds, or lies inside, every other one the
        # head names (the province around it may be named too); a
        # first paragraph that only names a province around its units (a story that moves from
        # a district of Hà Nội to another) is no article about the province
        holders = [k for k in dict.fromkeys(keys) if all(places.related(k, o) for o in keys)
                   and (from_lead or places.depth(k) >= 2)]
        if holders:
            best = max(holders, key=places.depth)
    if best is None:
        # a unit the title names, when the rest of the head stays inside it
        tkeys = [m.key for m in ms if art.title and art.title[0] <= m.start < art.title[1] and not m.aside]
        t = places.deepest(tkeys)
        if t is not None and all(places.related(t, k) or places.depth(k) > places.depth(t) and (k, t) in places.inside
                                 for k in keys):
            best = t
    # a commune or a ward that the opening names is the article's even when the one-line body
    # names other units further down (a household's story in Hương Lâm that moves to Đồng Nai
    # for a while); a province or a district there is not ("CTCK Tp. Hồ Chí Minh" far down)
    if best is not None and places.depth(best) < 3 and any(not places.related(best, k) for k in rest):
        return None
    return places.fact[best] if best is not None else None


@per_rules
def _venue_rx() -> regex.Pattern:
    """An event's venue: "… diễn ra ngày 28/6 tại " before a unit."""
    r = _compiled()[0]
    return regex.compile(rf"(?<!\p{{L}}){_alt(r.venue_words)}(?!\p{{L}})[^.;!?\n]{{0,40}}?"
                         rf"(?<!\p{{L}}){_alt(r.locative_words)}[ \t]+(?:\p{{L}}+[ \t]+){{0,1}}$")


def _region_head(ms: list[Draft], heads: list[tuple[int, int]], text: str) -> bool:
    """The title and lead name a region (Tây Nam bộ, ĐBSCL) or the whole country and
    name units only as the venue of an event ("hội nghị … khu vực Tây Nam bộ diễn ra tại Cần Thơ"): the
    article is about the region or the country, which is no unit, so it has no unit
    of its own."""
    venue = _venue_rx()
    # a region, or the whole country ("hội nghị phát triển ngành tôm Việt Nam diễn ra ở Cà Mau")
    national = _attach_rules()[0]
    if not any(national.search(text, lo, hi) for lo, hi in heads):
        return False
    named = [m for m in ms if any(lo <= m.start < hi for lo, hi in heads) and not m.aside]
    return bool(named) and all(venue.search(text, max(0, m.start - 80), m.start) for m in named)


@per_rules
def _caption_rx() -> regex.Pattern:
    """The rest of a photo's caption after a unit, up to its credit ("Bốc xếp gạo tại
    Công ty Lương thực Đồng Tháp. (Ảnh: …)"): a picture's place, not what the
    article is about."""
    credit = _alt(_compiled()[0].photo_credit_words)
    # an abbreviation's dot ("TP.HCM", "TP. Hà Nội") does not end the caption's sentence
    char = r"(?:[^.!?\n]|\.(?=\p{L})|(?<=(?<!\p{L})\p{Lu}{1,2})\.[ \t](?=\p{Lu}))"
    return regex.compile(rf"{char}{{0,80}}[.!?]?[ \t]*\(?[ \t]*{credit}[ \t]*:")


@per_rules
def _person_home_rx() -> regex.Pattern:
    """A phrase that describes a person by a unit ("quê Nam Định", "trú tại huyện Đông
    Anh", "giọng ca gốc Bình Thuận", "Hoa hậu TP.HCM") right before it: the person's
    place, not what the article is about."""
    r = _compiled()[0]
    lw = _alt(tuple(_district_levels()) + tuple(r.commune_levels) + ("tỉnh", "TP"), "i")
    # a place below a commune may come between ("trú thôn Đông, xã An Phú")
    below = rf"(?:{_alt(r.home_address_words, 'i')}[ \t]+[^,;()\n]{{1,30}}?,[ \t]*){{0,2}}" if r.home_address_words else ""
    # a level word may come between, with an epithet after it ("người con của TP biển …")
    return regex.compile(rf"(?<!\p{{L}}){_alt(r.person_home_words)}[ \t]+{below}(?:{lw}\.?[ \t]*(?:\p{{Ll}}+[ \t]+)?)?$")


@per_rules
def _address_gap_rx() -> regex.Pattern:
    """What comes between two units of one address: a comma or a dash, and the next
    one's level word ("phường A, quận B", "xã C, H. D")."""
    return regex.compile(rf"[ \t]*[,–-][ \t]*(?:(?i:{_alt(_compiled()[0].level_words)})[ \t]*)?")


@per_rules
def _route_rx() -> tuple[regex.Pattern, regex.Pattern]:
    """A unit that ends a trip's direction ("theo hướng TP Cao Lãnh"), and the gap to
    the unit at its other end ("… đi huyện Hồng Ngự")."""
    r = _compiled()[0]
    lw = _alt(tuple(_district_levels()) + tuple(r.commune_levels) + ("tỉnh", "TP"), "i")
    if not r.route_words:
        return regex.compile("(?!)"), regex.compile("(?!)")
    start = regex.compile(rf"(?<!\p{{L}}){_alt(r.route_words, 'i')}[ \t]+(?:{lw}\.?[ \t]*)?$")
    gap = regex.compile(rf"[ \t]*(?:{_alt(r.route_joiners)})[ \t]+(?:{lw}\.?[ \t]*)?")
    return start, gap


@per_rules
def _vehicle_rx() -> regex.Pattern:
    """A vehicle word right before a count of seats ("xe khách 45 chỗ")."""
    r = _compiled()[0]
    return regex.compile(rf"(?<!\p{{L}}){_alt(r.vehicle_words, 'i')}(?:[ \t]+\p{{Ll}}+)?[ \t]+$")


def _passing_mentions(text: str, ms: list[Draft]) -> set[int]:
    """The positions (in ``ms``) of units the text only passes by: a person's home
    (``_home_mentions``) and the ends of a trip ("theo hướng A đi B")."""
    out = _home_mentions(text, ms)
    start, gap = _route_rx()
    route = -2
    for i, m in enumerate(ms):
        if start.search(text, max(0, m.start - 24), m.start) or (
                route == i - 1 and m.start - ms[i - 1].end <= 16 and gap.fullmatch(text, ms[i - 1].end, m.start)):
            out.add(i)
            route = i
    return out


def _home_mentions(text: str, ms: list[Draft]) -> set[int]:
    """The positions (in ``ms``) of units that give a person's home: after a word of
    residence ("quê", "trú thôn X,"), or in a bracket that opens with an age
    ("(44 tuổi, ngụ huyện A, tỉnh B)"), and the units of the address they start
    ("trú tổ 5, phường A, quận B, Đà Nẵng": all three)."""
    home_rx, person_home = _home_rx(), _person_home_rx()
    out: set[int] = set()
    for i, m in enumerate(ms):
        if home_rx.search(text, max(0, m.start - 60), m.start) \
                or person_home.search(text, max(0, m.start - 90), m.start) \
                or (i - 1 in out and m.start - ms[i - 1].end <= 16
                    and _address_gap_rx().fullmatch(text, ms[i - 1].end, m.start)):
            out.add(i)
    return out


@per_rules
def _home_rx() -> regex.Pattern:
    """A bracket that opens with a person's age or birth year: the unit in it
    is where the person lives ("Bệnh nhân N.T.T. (24 tuổi, Nghệ An)",
    "(SN 1996, trú tại huyện Quảng Xương)"), not what the article is about."""
    hw = "|".join(regex.escape(w) for w in sorted(_compiled()[0].home_words, key=len, reverse=True)) or "(?!)"
    return regex.compile(rf"\((?:[^()]*?(?<!\p{{L}})(?i:{hw}))[^()]*$")


@per_rules
def _delegation_rx() -> regex.Pattern:
    """A deputy's delegation before a unit ("(Đoàn Gia Lai)", "đại biểu Quốc hội Đoàn
    Hưng Yên", "Trưởng Đoàn ĐBQH tỉnh Nghệ An", "Đại biểu Lê Văn A - TP. Hà Nội"): the
    deputy's constituency, part of a person's title, not the article's unit."""
    r = _compiled()[0]
    lw = _alt(tuple(_district_levels()) + ("tỉnh", "TP"), "i")
    return regex.compile(rf"(?:\([ \t]*|(?<!\p{{L}}){_alt(r.deputy_title_words)}(?!\p{{L}})[^,.;:()\n]{{0,40}}?[ \t])"
                         rf"(?:(?:{_alt(r.delegation_words)}|[-–])[ \t]+|\([ \t]*)(?:{lw}\.?[ \t]*)?$")


@per_rules
def _attach_rules():
    r = _compiled()[0]

    def alt(ws) -> str:
        return "|".join(regex.escape(w) for w in sorted(ws, key=len, reverse=True)) or "(?!)"

    national = regex.compile(rf"(?<!\p{{L}})(?:{alt(tuple(r.national_words) + tuple(r.region_words))})(?!\p{{L}})",
                              regex.IGNORECASE)
    # a country word that ends a person's name ("Nguyễn Văn Đức", "Lê Thị Nga") is none
    # a country that is also a pronoun ("Anh") only after a lowercase word ("sang Anh", "nước Anh")
    # and before no name ("Anh Dũng", "Anh có …" at the start of a sentence are a man)
    plain = [w for w in r.foreign_places if w not in r.pronoun_places]
    foreign = regex.compile(
        rf"(?<!\p{{L}})(?<!\p{{Lu}}[\p{{Ll}}\p{{M}}]*[ \t]+)(?:{alt(plain)})(?![\p{{L}}\p{{N}}])"
        rf"|(?<=\p{{Ll}}[ \t]+)(?:{alt(r.pronoun_places)})(?![\p{{L}}\p{{N}}])(?![ \t]+\p{{Lu}})")
    lw = alt(tuple(_commune_levels()) + tuple(_district_levels()) + ("tỉnh",))
    # "toàn huyện", "trên địa bàn xã", "huyện ta", "huyện này"
    scope = regex.compile(
        rf"(?<!\p{{L}})(?:(?i:{alt(r.scope_words)})[ \t]+(?P<a>(?i:{lw}))(?![ \t]*\p{{Lu}})(?!\p{{L}})"
        rf"|(?P<b>(?i:{lw}))[ \t]+(?:{alt(r.scope_after)})(?!\p{{L}}))"
    )
    owner = regex.compile(rf"(?<!\p{{L}})(?:{alt(r.owner_words)})[ \t]*$", regex.IGNORECASE)
    # "TAND cấp cao tại TP.HCM": a high court named after the city it sits in
    authority = regex.compile(rf"(?<!\p{{L}})(?:{alt(r.authority_words)})"
                              rf"(?:[ \t]+(?i:{alt(r.authority_seat_words)}))?[ \t]*$")
    # a unit right after a locative in the figure's clause ("… phát hành tại TP.HCM")
    locative = regex.compile(rf"(?<!\p{{L}})(?:{alt(r.locative_words)})[ \t]*(?:\p{{L}}+[ \t]+){{0,1}}$")
    # a unit inside an adjunct of its clause ("theo chuẩn của thành phố Hà Nội") owns a standard
    adjunct = regex.compile(rf"(?<!\p{{L}})(?i:{alt(r.adjunct_words)})(?!\p{{L}})")
    return national, foreign, scope, owner, authority, locative, adjunct


@per_rules
def _jurisdiction_rx() -> regex.Pattern:
    """A court or a procuracy right before its unit ("TAND TP Hà Nội", "Viện kiểm sát nhân
    dân tỉnh X"), not a high court ("TAND cấp cao tại TP.HCM"), which sits for a region."""
    r = _compiled()[0]
    lw = _alt(tuple(_district_levels()) + ("tỉnh", "TP"), "i")
    return regex.compile(rf"(?<!\p{{L}}){_alt(r.jurisdiction_words)}[ \t]+(?:{lw}\.?[ \t]*)?$")


@per_rules
def _address_rx() -> regex.Pattern:
    """A named place after a locative, opening the bracket of its address ("ở Bùi Xương
    Trạch (", "tại chợ Bến Thành ("): the unit in the bracket is where the clause is."""
    r = _compiled()[0]
    return regex.compile(rf"(?<!\p{{L}}){_alt(r.locative_words)}[ \t]+(?:\p{{Ll}}+[ \t]+)?"
                         rf"(?:\p{{Lu}}[\p{{Ll}}\p{{M}}]*[ \t]+){{0,3}}\p{{Lu}}[\p{{Ll}}\p{{M}}]*[ \t]*\([ \t]*$")


@per_rules
def _statute_rx() -> regex.Pattern:
    """A penalty the law sets ("phạt tiền từ 20 đến 200 triệu đồng", "mức phạt
    tối đa"): a rule for everyone, not a figure of the article's unit."""
    return regex.compile(rf"(?<!\p{{L}}){_alt(_compiled()[0].statute_words, 'i')}(?!\p{{L}})")


@per_rules
def _spec_units() -> frozenset[str]:
    """Units that measure a product's spec ("155 phân khối", "6,7 inch"): placeless."""
    return frozenset(w.lower() for w in _compiled()[0].spec_units)


@per_rules
def _seat_units() -> frozenset[str]:
    return frozenset(w.lower() for w in _compiled()[0].seat_units)


@per_rules
def _name_owner_rx() -> regex.Pattern:
    """A unit that ends a company's or an agency's name ("Tổng Công ty Điện lực
    thành phố Hà Nội", "Chi cục quản lý thị trường tỉnh …"): part of a name,
    not a place the text moves to. A locative between them ("Công ty X ở
    huyện Y") makes the unit the company's place."""
    r = _compiled()[0]
    return regex.compile(rf"(?<!\p{{L}}){_alt(r.name_owner_words)}"
                         rf"(?:[ \t]+(?!{_alt(r.locative_words, 'i')}(?!\p{{L}}))[\p{{L}}\p{{M}}]+){{0,6}}[ \t]*$")


@per_rules
def _opener_rx() -> regex.Pattern:
    """The opening of a sentence that moves the text to the unit right after it:
    "Tại X", "Còn ở huyện X", "Riêng tại xã X" (a level word may come between)."""
    r = _compiled()[0]
    levels = _alt(tuple(r.level_words), "i")
    return regex.compile(rf"[ \t\"“'‘(]*(?:{_alt(r.opener_words, 'i')}[ \t,]+)?{_alt(r.locative_words, 'i')}"
                         rf"[ \t]+(?:{levels}[ \t]*)?$")


@per_rules
def _facility_rx() -> regex.Pattern:
    """A unit that ends the name of a company, a facility or a school ("Bệnh viện đa
    khoa thị xã Buôn Hồ"), no "tại"/"ở" between."""
    r = _compiled()[0]
    return regex.compile(rf"(?<!\p{{L}}){_alt(tuple(r.name_owner_words) + tuple(r.facility_words))}"
                         rf"(?:[ \t]+(?!{_alt(r.locative_words, 'i')}(?!\p{{L}}))[\p{{L}}\p{{M}}.]+){{0,6}}[ \t]*$")


def _national_scope(national: regex.Pattern, text: str, lo: int, hi: int) -> bool:
    """The span speaks of the whole country or a region: a national or region word that
    does not end a company's name ("Tổng Công ty Điện lực miền Nam trao tặng 100 bồn nước"
    is a gift of a company, not a figure of the South)."""
    owner = _name_owner_rx()
    return any(not owner.search(text, max(lo, x.start() - 60), x.start()) for x in national.finditer(text, lo, hi))


def attach(facts: list[Draft], text: str, sents: list[Sentence], found: list[Draft], ms: list[Draft], art: Article,
           ctx: DocContext | None = None) -> None:
    """Set ``area`` (and ``area_level``, ``area_code``, ``province``,
    ``province_code``) on numeric facts: the most specific unit named in the
    figure's own clause; else the unit a scope word points to ("toàn huyện",
    "xã ta": the unit of that level named last); else the unit named as the
    subject at the start of its sentence; else none when the clause or the
    sentence speaks of the whole country, the world or a foreign place; else
    the unit the paragraph has named inside the article's unit; else the
    article's unit (``main_area``). A unit named after a court or a procuracy
    ("TAND TP Hà Nội") is where the authority sits, not the figure's place."""
    national, foreign, scope, owner, authority, locative, adjunct = _attach_rules()
    if ctx is None:
        ctx = DocContext.build(text, sents)
    places = _Places(found, ms, text)
    main = main_area(found, ms, art, text, places)
    main_key = main.key if main else None
    # the article's unit holds from where the text first names it (or a unit
    # around it): a figure of the title or lead before that is placeless
    chain_keys = {main_key} | {b for a, b in places.inside if a == main_key} if main_key else set()
    main_from = min((m.start for m in ms if m.key in chain_keys), default=0)
    if art.title and art.title[0] <= main_from < art.title[1]:
        main_from = art.title[0]  # the title is one statement: "Hơn 664 tỷ đồng … tại Đồng Tháp"
    by_sent = defaultdict(list)
    for m in ms:
        by_sent[m.sent].append(m)
    sent_of = ctx.by_index
    homes = {id(ms[i]) for i in _passing_mentions(text, ms)}
    para_units: dict[int, list[Draft]] = defaultdict(list)
    for m in ms:
        s = sent_of.get(m.sent) if m.sent is not None else None
        if s is not None:
            para_units[s.paragraph].append(m)

    def owned(m: Draft, s0: int, s1: int) -> bool:
        """A unit after "theo", "so với" … owns something else: "tỷ lệ hộ
        nghèo theo chuẩn nghèo của thành phố Hà Nội còn 45 hộ"."""
        mlo, _ = ctx.bracket_clause(s0, s1, m.start, m.end)
        return bool(owner.search(text, max(s0, m.start - 12), m.start) or adjunct.search(text, mlo, m.start))

    def usable(m) -> bool:
        lo = max(0, m.start - 40)
        return not m.aside and not authority.search(text, lo, m.start)

    figures_of: dict[int, list[Draft]] = defaultdict(list)
    for g in facts:
        if g.kind in ("quantity", "percent", "ratio", "money") and g.sent is not None:
            figures_of[g.sent].append(g)

    def placed_before(m: Draft, lo: int, f: Draft) -> bool:
        """A unit of the figure's clause that is another figure's place: after
        "tại"/"ở" behind that figure ("4 ca ở Hà Nội và 1 ca tại Yên Bái"), or
        with its own count in brackets ("Khánh Hòa (2) và 1 ca ở Yên Bái")."""
        if _COUNT_AFTER.match(text, m.end):
            return True
        return bool(locative.search(text, max(lo, m.start - 14), m.start)) and any(
            lo <= g.start and g.end <= m.start and g is not f for g in figures_of[m.sent if m.sent is not None else -1])

    def placed_other(m: Draft, s0: int, s1: int, lo: int) -> bool:
        """A unit of an earlier clause, after "tại"/"ở" behind that clause's own
        figure, is that figure's place ("85% số vé bán tại TP.HCM, 15% trúng vào
        chủ nhật"): not the subject of the figures of the clauses after it."""
        if m.start >= lo:
            return False
        mlo, _ = ctx.bracket_clause(s0, s1, m.start, m.end)
        return bool(locative.search(text, max(mlo, m.start - 14), m.start)) and any(
            mlo <= g.start and g.end <= m.start for g in figures_of[m.sent if m.sent is not None else -1])

    def addressed(m: Draft, lo: int = 0) -> bool:
        """The unit is the address, in brackets, of a named place after "ở"/"tại" ("cho một
        khách ở Bùi Xương Trạch (Thanh Xuân)"), no unit between."""
        x = _address_rx().search(text, max(lo, m.start - 60), m.start)
        return bool(x) and not any(x.start() <= n.start < m.start for n in ms if n is not m)

    def qualifies(m: Draft, f: Draft) -> bool:
        """A unit written with its level word in the figure's own noun phrase, a few
        words after it, no mark or number between ("35 đại biểu là người có công tỉnh
        Vĩnh Long", "120 hộ nghèo xã A"): the unit the counted people or things are of;
        not one compared with ("so với tỉnh B"), nor a person's home."""
        gap = text[f.end : m.start]
        if len(gap) > _QUALIFIER_CHARS or _QUALIFIER_BREAK.search(gap) or id(m) in homes \
                or owner.search(text, max(f.end, m.start - 12), m.start):
            return False
        if m.rule_id == "area.level_word":
            return text[m.start : m.end].split(" ", 1)[0] in _full_level_words()
        w = _level_before_rx().search(text, max(f.end, m.start - 12), m.start)
        return bool(w) and w.group(1) in _full_level_words()

    def past_homes(earlier: list[Draft]) -> list[Draft]:
        """A person's home named after the last other unit ("xảy ra ở xã A … ông B (46
        tuổi, ở xã C, huyện D)", "tài xế E (44 tuổi, ngụ huyện F)") is not carried to the
        figures after it: the other unit is. The home still is when the text names no
        other unit before it (the story of that household), or when it lies inside
        that unit ("TP Tam Kỳ … (cùng trú xã Tam Ngọc)"). No distance limit: in a body
        written as one line, gold/dev carries "một khách ở X (Thanh Xuân)" to the
        prices ten sentences later."""
        others = [m for m in earlier if id(m) not in homes]
        if not others or others[-1] is earlier[-1]:
            return earlier
        last = others[-1]
        tail = earlier[earlier.index(last) + 1 :]
        if any(h.key == last.key or (h.key, last.key) in places.inside for h in tail):
            return earlier
        return others

    def last_of_level(level: str, before: int):
        """The unit of ``level`` named last before ``before``; the article's
        unit's chain when it has one of that level."""
        cands = [m for m in ms if m.level == level and m.start < before and usable(m)]
        if main_key is not None:
            chain = [main_key] + places.around(main_key)
            for k in chain:
                if places.fact[k].level == level and not cands:
                    return k
        return cands[-1].key if cands else None

    def opened_before(s: Sentence):
        """The unit the sentence before, in the same paragraph, opens with ("Còn tại Lý
        Sơn (Quảng Ngãi), lượng khách … . 133 cơ sở lưu trú trên đảo …"): the deepest
        of its address, when that sentence names no unit off that address."""
        prev = sent_of.get(s.index - 1)
        if prev is None or prev.paragraph != s.paragraph:
            return None
        named = by_sent.get(prev.index, [])
        if not named or not all(usable(m) for m in named) or id(named[0]) in homes:
            return None
        if not _opener_rx().fullmatch(text, prev.start, named[0].start):
            return None
        # one address, not a list ("Tại TPHCM như: … (Q.1); … (Q.4)")
        return places.deepest([m.key for m in named])

    # searched once per sentence, not once per figure: a sentence of thousands of
    # figures stays linear
    scope_cache: dict[int, list] = {}
    national_cache: dict[int, bool] = {}

    def scopes_of(sent) -> list:
        if sent.index not in scope_cache:
            scope_cache[sent.index] = list(scope.finditer(text, sent.start, sent.end))
        return scope_cache[sent.index]

    def national_in(sent) -> bool:
        if sent.index not in national_cache:
            national_cache[sent.index] = _national_scope(national, text, sent.start, sent.end)
        return national_cache[sent.index]

    for f in facts:
        if f.kind not in ("quantity", "percent", "ratio", "money"):
            continue
        s = sent_of.get(f.sent) if f.sent is not None else None
        key = None
        if s is not None:
            s0 = s.start
            lo, hi = ctx.bracket_clause(s0, s.end, f.start, f.end)
            here = [m for m in by_sent.get(s.index, []) if usable(m)]
            if (f.unit or "").lower() in _spec_units() or (
                    (f.unit or "").lower() in _seat_units() and _vehicle_rx().search(text, max(0, f.start - 24), f.start)):
                # a product's spec (an engine's size, a screen's): no unit's figure
                f.area = None
                continue
            if any(x.start() < f.start for x in _statute_rx().finditer(text, lo, f.end)):
                # a penalty the law sets: no unit's figure
                f.area = None
                continue
            # 1. a unit named in the figure's own clause ("ở Mê Linh có 120 hộ",
            #    "… được phát hành tại TP.HCM")
            clause = [m for m in here if lo <= m.start and m.end <= f.start and not owned(m, s0, s.end)
                      and not placed_before(m, lo, f)]
            after = [m for m in here if f.end <= m.start < hi
                     and (locative.search(text, max(f.end, m.start - 14), m.start) or addressed(m, f.end)
                          or qualifies(m, f))
                     and not _home_rx().search(text, max(0, m.start - 60), m.start)]
            if clause:
                # an address running into the clause: "Xã Vân Hà, huyện Đông Anh có 120 hộ"
                i0 = here.index(clause[0])
                while i0 > 0 and clause[0].start - here[i0 - 1].end <= 20 \
                        and (here[i0 - 1].key, clause[0].key) in places.inside:
                    clause.insert(0, here[i0 - 1])
                    i0 -= 1
                key = places.deepest([m.key for m in clause])
                i1 = here.index(clause[0])
                run = ([here[i1 - 1]] if i1 > 0 else []) + clause  # a list may start in an earlier clause
                if any(not places.related(x.key, y.key) and _list_sep_rx().fullmatch(text, x.end, y.start)
                       for x, y in zip(run, run[1:])):
                    # one figure over a list of units ("Tại Hà Nội, TP HCM, giá trứng …"): no one place
                    f.area = None
                    continue
                key = key or clause[-1].key
            elif after and not any(0 <= n.start - after[0].end <= 12 for n in here
                                   if n is not after[0] and (after[0].key, n.key) not in places.inside):
                # not the first of a list: "tại Thái Nguyên (1), Hà Nội (1)"; but an address
                # is one place: "nằm ở Nam Hồng (huyện Đông Anh, Hà Nội)"
                key = after[0].key
            # the figure's own clause speaks of the whole country or a region ("cả nước
            # có 1.200 ca", "sản lượng vùng ĐBSCL đạt …"): no unit named earlier in the
            # sentence or in the article is its place
            if key is None and _national_scope(national, text, lo, hi):
                f.area = None
                continue
            # 2. a scope word: "toàn huyện", "xã ta"
            if key is None:
                sc = [x for x in scopes_of(s) if x.start() >= lo and x.end() <= f.start]
                if not sc:
                    # 3. the unit named last earlier in the sentence (the deepest of its address),
                    #    unless a scope word comes after it
                    earlier = [m for m in here if m.end <= f.start and not owned(m, s0, s.end)
                               and not placed_other(m, s0, s.end, lo)]
                    if earlier:
                        j = len(earlier) - 1
                        while j > 0 and earlier[j].start - earlier[j - 1].end <= 20 \
                                and (earlier[j - 1].key, earlier[j].key) in places.inside:
                            j -= 1
                        listed = len(earlier) > 1 and not places.related(earlier[-2].key, earlier[-1].key) \
                            and _list_sep_rx().fullmatch(text, earlier[-2].end, earlier[-1].start)
                        if listed:
                            # the last of a list of units ("Tại các chợ Hà Nội, TP HCM, giá …"): no one place
                            f.area = None
                            continue
                        if not any(x.start() > earlier[-1].end and x.end() <= f.start for x in scopes_of(s)):
                            key = earlier[j].key
                if key is None and not sc:
                    sc = [x for x in scopes_of(s) if x.end() <= f.start]
                if sc:
                    lvl = (sc[-1].group("a") or sc[-1].group("b")).lower()
                    key = last_of_level(lvl, f.start)
                    if key is None:
                        f.area = None
                        continue
            # 3. the sentence's subject
            if key is None:
                subject = [m for m in here if m.end <= f.start and m.start - s0 < 60 and not owned(m, s0, s.end)
                           and not placed_other(m, s0, s.end, lo)]
                if subject:
                    key = places.deepest([m.key for m in subject]) or subject[0].key
            # 4. national, world and foreign figures have no area
            if key is None and (national_in(s) or foreign.search(text, lo, hi)):
                f.area = None
                continue
            # a club or team named before the figure in its sentence: its results are placeless
            # ("CLB Hà Nội đã thắng 8 trận" in an article about a stadium)
            if key is None and any(m.aside and m.end <= f.start for m in by_sent.get(s.index, [])):
                f.area = None
                continue
            # 5. the paragraph's unit, when it lies inside the article's
            if key is None and main_key is not None:
                earlier = [m for m in para_units.get(s.paragraph, []) if m.end <= f.start and usable(m)]
                para_named = bool(earlier)
                if not earlier:
                    # else the unit inside the article's that the text moved to last
                    earlier = [m for m in ms if main_from <= m.start and m.end <= f.start and usable(m)]
                earlier = past_homes(earlier)
                # a unit that only ends a company's or an agency's name, with the address it heads
                named: list[Draft] = []
                for m in earlier:
                    if _name_owner_rx().search(text, max(0, m.start - 60), m.start) or (
                            named and m.start - named[-1].end <= 20 and (named[-1].key, m.key) in places.inside):
                        named.append(m)
                earlier = [m for m in earlier if m not in named]
                if earlier:
                    # the last unit named, or the most specific one of the address it ends
                    # ("xã Thanh Bính, huyện Thanh Hà" → Thanh Bính)
                    j = len(earlier) - 1
                    while j > 0 and earlier[j].start - earlier[j - 1].end <= 20 \
                            and (earlier[j - 1].key, earlier[j].key) in places.inside:
                        j -= 1
                    k = earlier[j].key
                    # the last of a list of units ("ở 5 xã (gồm xã A, B và C)", "xã A, B và C
                    # của huyện D") is no one place
                    listed = j > 0 and not places.related(earlier[j - 1].key, earlier[j].key) \
                        and bool(_list_sep_rx().fullmatch(text, earlier[j - 1].end, earlier[j].start))
                    # a unit inside the article's, or one beside it that opens a bracket of its
                    # own, the address of who the paragraph is about ("… anh Dũng (xã Hoàng Hoa
                    # Thám, thị xã Chí Linh)" in an article about Thanh Hà); not one around it, nor
                    # any other unit beside it: on 300 random articles a unit beside the article's
                    # that the paragraph named anyhow (a person's home town after an age, a
                    # speaker's agency, a street named after a city) was the figure's place for 3
                    # figures of 53
                    if listed:
                        pass
                    elif k == main_key or (k, main_key) in places.inside or addressed(earlier[j]) or (
                            para_named and (main_key, k) not in places.inside
                            and _ADDRESS_OPENS.search(text, max(0, earlier[j].start - 2), earlier[j].start)):
                        key = k
        if key is None and s is not None and not by_sent.get(s.index):
            key = opened_before(s)
        if key is None and main_key is not None and f.start >= main_from:
            key = main_key
        counted = _counted_depth(f.unit)
        if key is not None and counted is not None and places.depth(key) >= counted:
            # a count of units ("6 xã", "12 phường") lies in a unit above them: the
            # nearest one around the unit found, else none ("Cùng với xã A, … ở 6 xã
            # của huyện B" → B)
            around = [b for b in places.around(key) if places.depth(b) < counted]
            key = max(around, key=places.depth) if around else None
        _set_area(f, places.fact[key] if key is not None else None)


def _counted_depth(unit: str | None) -> int | None:
    """The depth (see :func:`_depth`) of the units a figure counts when its unit
    is a level word ("6 xã" → 3, "10 huyện" → 2, "5 tỉnh" → 1), else None. Units
    of any level ("2 địa phương") count as provinces: nothing lies above them."""
    if not unit:
        return None
    u = unit.lower()
    if u in _rules().local_unit_words:
        return 1
    if u in _commune_levels():
        return 3
    if u in _district_levels():
        return 2
    if u == "tỉnh":
        return 1
    return None


def _set_area(f: Draft, unit: Draft | None) -> None:
    if unit is None:
        f.area = None
        return
    f.area = unit.name
    f.area_level = unit.level
    u: Unit | None = unit.gazetteer_unit
    if u is not None:
        f.area_code = u.code
        top = u
        for k in ancestors(u):
            p = _by_code().get(k)
            if p is not None:
                top = p
        f.province = top.name
        f.province_code = top.code
