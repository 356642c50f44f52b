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

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import regex
from pydantic import BaseModel, ConfigDict

from .cache import disk_cached
from .boilerplate import Article
from .rules import load_model, load_yaml
from .sentences import Sentence

# precompiled: a call such as regex.sub(literal, …) looks its pattern up in regex's cache every time
_NUMBERED = regex.compile(r"(?:Quận|Phường|Xã)\s+(\d+)")
_DASH = regex.compile(r"[ \t]*[-–][ \t]*")
_BLANKS = regex.compile(r"[ \t]+")
_LIST_SEP = regex.compile(r"([ \t]*(?:,|và)[ \t]*)")
_CAPS_BEFORE = regex.compile(r"(?<![\p{L}\p{N}])((?:\p{Lu}[\p{Ll}\p{M}]*[ \t]+)+)$")


class AreaRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    level_words: dict[str, str]
    committee_words: dict[str, str]
    aliases: dict[str, str]
    code_aliases: dict[str, str] = {}
    not_after: list[str]
    needs_level_word: list[str] = []
    plural_words: list[str] = []
    historical: list[str] = []
    org_before: list[str] = []
    not_level_after: list[str] = []
    examples: list[dict] = []


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


_TYPE_LEVEL = {"tỉnh": "tỉnh", "thành phố": "thành phố", "quận": "quận", "huyện": "huyện", "thị xã": "thị xã",
               "xã": "xã", "phường": "phường", "thị trấn": "thị trấn", "đặc khu": "huyện"}


def _level_of(full: str) -> str | None:
    low = full.lower()
    for t in sorted(_TYPE_LEVEL, key=len, reverse=True):
        if low.startswith(t + " "):
            return _TYPE_LEVEL[t]
    return None


def _short(short: str) -> str:
    """The package writes numbered units with their level word ("Quận 8",
    "Phường 5"); articles' names are the number."""
    m = _NUMBERED.fullmatch(short)
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


@lru_cache(maxsize=1)
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


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    """bare province name → its level (Hà Nội → thành phố, Hà Tĩnh → tỉnh)."""
    return {name: level for (name, level), units in gazetteer().items() if any(u.parent_code is None for u in units)}


_NAME_WORD = r"(?:\p{Lu}[\p{Ll}\p{M}]*|\d+)"
_NAME_WORD_RX = regex.compile(_NAME_WORD)
# name words may be joined by a dash ("Bà Rịa - Vũng Tàu", "Phan Rang-Tháp Chàm")
_NAME = rf"{_NAME_WORD}(?:(?:[ \t]+|[ \t]*[-–][ \t]*){_NAME_WORD}){{0,4}}"
_LIST_LEVELS = "quận|huyện|xã|phường|thị xã|thị trấn|tỉnh|thành phố"


def _flex(name: str) -> str:
    """A gazetteer name as a pattern: any spacing around its dash."""
    return regex.escape(name).replace(r"\ \-\ ", r"[ \t]*[-–][ \t]*")


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
        rf"(?<![\p{{L}}])(?P<lw>(?i:{_LIST_LEVELS}))(?P<head>[ \t]*:|[ \t]+là)?[ \t]+"
        rf"(?P<items>{_NAME}(?:[ \t]*(?:,|và)[ \t]*{_NAME})+)"
    )
    plural = "|".join(regex.escape(w) for w in sorted(r.plural_words, key=len, reverse=True)) or "(?!)"
    plural_rx = regex.compile(rf"(?<![\p{{L}}])(?i:{plural}|\d+)[ \t]*$")
    level_start_rx = regex.compile(rf"(?i:{lw}|{cw})(?:[ \t]|$)|(?i:{lw})(?=\p{{Lu}}|\d)")
    hist = "|".join(_flex(h) for h in sorted(r.historical, key=len, reverse=True)) or "(?!)"
    hist_rx = regex.compile(rf"(?<![\p{{L}}])(?:{hist})(?![\p{{L}}])")
    na = "|".join(regex.escape(w) for w in sorted(r.not_after, key=len, reverse=True)) or "(?!)"
    not_after_rx = regex.compile(rf"(?<!\p{{L}})(?:{na})\s*$")
    nla = "|".join(regex.escape(w) for w in sorted(r.not_level_after, key=len, reverse=True)) or "(?!)"
    # "hợp tác xã Hòa Bình" is a cooperative, not the commune
    not_level_rx = regex.compile(rf"(?<![\p{{L}}])(?i:{nla})[ \t]*$")
    return r, level_rx, committee_rx, alias_rx, bare_rx, list_rx, plural_rx, level_start_rx, hist_rx, not_level_rx, not_after_rx


def _longest_known(words: str, level: str, numbered: bool = False) -> str | None:
    parts = _NAME_WORD_RX.findall(words)
    seps = _NAME_WORD_RX.split(words)[1:-1]
    for n in range(len(parts), 0, -1):
        written = "".join(p + (seps[i] if i < n - 1 else "") for i, p in enumerate(parts[:n]))
        cand = _canon(written)
        if (cand, level) in gazetteer():
            return written
        if numbered and parts[0].isdigit() and n == 1 and level in ("quận", "phường"):
            return cand  # numbered units of the big cities ("Quận 2"), not in the gazetteer's era
    return None


_ABBREV_END = regex.compile(r"(?<![\p{L}])(?:TX|TT|TP|Tp|Q|H|P)\.$")
_DURATION = regex.compile(r"[ \t]+(?:tháng|năm|ngày|tuần|quý|giờ|phút|tiếng)(?!\p{L})")


def _mention(name, level, start, end, text, sent, rule) -> dict:
    return {"kind": "area", "start": start, "end": end, "text": text[start:end], "name": _canon(name), "level": level,
            "rule_id": rule, "_sent": sent}


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


@lru_cache(maxsize=1)
def _bare_districts() -> dict[str, str]:
    """District-level units whose name no other district-level unit (nor a
    province) has, of two syllables or more: name → level. Only these may be
    named bare."""
    district_levels = ("quận", "huyện", "thị xã", "thành phố")
    # a commune that shares its district's name (the district seat) does not make it ambiguous
    counts: Counter = Counter(name for name, level in gazetteer() if level in district_levels)
    provinces = _provinces()
    out = {}
    for (name, level), units in gazetteer().items():
        if (level in district_levels and counts[name] == 1 and len(units) == 1
                and units[0].parent_code is not None and name not in provinces and " " in name
                and not any(ch.isdigit() for ch in name)):
            out[name] = level
    return out


@disk_cached
def _bare_district_rx() -> regex.Pattern:
    """A bare district name after a word of place or motion ("đi Nha Trang",
    "ở Lý Nhân"): without a level word, only there is it safely a place."""
    names = "|".join(regex.escape(n) for n in sorted(_bare_districts(), key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:ở|tại|đến|đi|về|từ|thuộc|khắp|qua)[ \t]+(?P<name>{names})(?![\p{{L}}])"
                         rf"(?:[ \t]*(?:,|và)[ \t]*(?P<more>{names})(?![\p{{L}}]))*")


def mentions(text: str, sents: list[Sentence]) -> list[dict]:
    (rules, level_rx, committee_rx, alias_rx, bare_rx, list_rx, plural_rx, level_start_rx, hist_rx, not_level_rx,
     not_after_rx) = _compiled()
    committee_level = {k.casefold(): v for k, v in rules.committee_words.items()}
    out: list[dict] = []
    # a province of the past ("Quảng Nam - Đà Nẵng") is no unit of today: nothing inside it counts
    taken: list[tuple[int, int]] = [m.span() for s in sents for m in hist_rx.finditer(text, s.start, s.end)]

    def free(a, b):
        return not any(a < e and s < b for s, e in taken)

    def add(name, level, s, e, sent, rule):
        if free(s, e):
            out.append(_mention(name, level, s, e, text, sent, rule))
            taken.append((s, e))

    def level_word_ok(m) -> bool:
        return not not_level_rx.search(text, max(0, m.start() - 12), m.start())

    prev_sent = None
    for s in sents:
        # the splitter may end a sentence after a level abbreviation ("ở TX. Sơn Tây"):
        # the level word at the end of the previous sentence belongs to this one
        lo = s.start
        if prev_sent is not None and prev_sent.paragraph == s.paragraph and s.start - prev_sent.end <= 1:
            ab = _ABBREV_END.search(text, prev_sent.start, prev_sent.end)
            if ab:
                lo = ab.start()
        prev_sent = s
        for m in list_rx.finditer(text, s.start, s.end):
            if not level_word_ok(m):
                continue
            level = rules.level_words.get(m.group("lw").lower(), m.group("lw").lower())
            plural = bool(m.group("head")) or bool(plural_rx.search(text, max(s.start, m.start() - 15), m.start()))
            parts = _LIST_SEP.split(m.group("items"))
            items, joins = parts[0::2], [p.strip() for p in parts[1::2]]
            enumerated = plural or "và" in joins
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
                    prev = gazetteer().get((_canon(name), level), [])
                    continue
                up = _parent_level(_canon(item), prev or [])
                if up:
                    add(item, up, i, i + len(item), s.index, "area.parent")
                    prev = gazetteer().get((_canon(item), up), [])
                    chain = True
                    continue
                if chain or not enumerated or (_canon(item), level) not in gazetteer():
                    break
                add(item, level, i, i + len(item), s.index, "area.list")
                prev = gazetteer().get((_canon(item), level), [])
        for m in level_rx.finditer(text, lo, s.end):
            if not level_word_ok(m):
                continue
            lw = m.group("lw")
            level = rules.level_words.get(lw) or rules.level_words.get(lw.lower())
            name = _longest_known(m.group("name"), level, numbered=True)
            if not name:
                continue
            if name.isdigit() and _DURATION.match(text, m.start("name") + len(name)):
                continue  # "của quận 10 tháng đầu năm": a count of months, not Quận 10
            add(name, level, m.start(), m.start("name") + len(name), s.index, "area.level_word")
        for m in alias_rx.finditer(text, s.start, s.end):
            canon = rules.aliases[m.group(0)]
            level = _provinces().get(canon, "tỉnh")
            add(canon, level, m.start(), m.end(), s.index, "area.alias")
        for m in committee_rx.finditer(text, s.start, s.end):
            level = committee_level[m.group("cw").casefold()]
            name = _longest_known(m.group("name"), level)
            if name and not name[0].isdigit():
                add(name, level, m.start("name"), m.start("name") + len(name), s.index, "area.committee")
        for m in _bare_district_rx().finditer(text, s.start, s.end):
            for name, (a, b) in zip([m.group("name")] + m.captures("more"), [m.span("name")] + m.spans("more")):
                add(name, _bare_districts()[name], a, b, s.index, "area.bare_district")
        for m in bare_rx.finditer(text, s.start, s.end):
            name = _canon(m.group("name"))
            if name in rules.needs_level_word:
                continue
            if not_after_rx.search(text, max(s.start, m.start() - 30), m.start()):
                continue
            if _inside_person_name(text, s, m.start(), rules.org_before):
                continue
            add(name, _provinces()[name], m.start(), m.end(), s.index, "area.province")
    out.sort(key=lambda f: f["start"])
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
    return 1 if level in ("quận", "huyện", "thị xã", "thành phố") else 0


def resolve_codes(found: list[dict], ms: list[dict], published: str | None = None) -> None:
    """Set ``code`` (and ``_parent_code``) on the area facts: a unique unit, or
    the one the nearest parent named by the article leaves."""
    rules = _compiled()[0]
    order = _era_order(published)
    keyed = {(f["name"], f["level"]): f for f in found}
    cands = {k: _candidates(k, order, rules.code_aliases) for k in keyed}
    rank = {k: _rank(cands[k], k[1]) for k in keyed}
    starts = defaultdict(list)
    for m in ms:
        starts[(m["name"], m["level"])].append(m["start"])

    def distance(a, b) -> int:
        return min((abs(x - y) for x in starts[a] or [keyed[a]["start"]] for y in starts[b] or [keyed[b]["start"]]),
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
            f["code"] = u.code
            f["_parent_code"] = u.parent_code


def extract(text: str, sents: list[Sentence], published: str | None = None) -> tuple[list[dict], list[dict]]:
    """(one ``area`` fact per (name, level) at its first mention, every mention)."""
    _by_code(), _levels_by_name()  # indexes built once per process (before ingest workers fork)
    ms = mentions(text, sents)
    first: dict[tuple[str, str], dict] = {}
    counts: Counter = Counter()
    for m in ms:
        key = (m["name"], m["level"])
        counts[key] += 1
        if key not in first:
            first[key] = dict(m)
    for key, f in first.items():
        f["_count"] = counts[key]
    found = list(first.values())
    resolve_codes(found, ms, published)
    return found, ms




def main_area(found: list[dict], ms: list[dict], art: Article) -> dict | None:
    """The unit the article is about: the first one its title names, else the
    first its lead (the first paragraph after the title) names; an article that
    names a unit only further down is not "about" it, so figures there get an
    area only from their own sentence."""
    if not found:
        return None
    heads = [art.title] if art.title else []
    body = [z for z in art.zones if not art.title or z[0] >= art.title[1]]
    if body:
        heads.append(body[0])
    for lo, hi in heads:
        named = [m for m in ms if lo <= m["start"] < hi]
        if named:
            key = (named[0]["name"], named[0]["level"])
            return next(f for f in found if (f["name"], f["level"]) == key)
    return None


# a unit named as the owner of something else ("chuẩn nghèo của thành phố Hà Nội")
_OWNER = regex.compile(r"(?i)(?:của|theo|thuộc|tại|với)\s*$")
# a figure about the whole country or the world is no unit's
_NATIONAL = regex.compile(r"(?i)(?<!\p{L})(?:cả nước|toàn quốc|trên toàn quốc|Việt Nam|nước ta|thế giới|toàn cầu)(?!\p{L})")


def attach(facts: list[dict], text: str, sents: list[Sentence], found: list[dict], ms: list[dict], art: Article) -> None:
    """Set ``area`` on numeric facts: a unit named as the subject at the start of
    the figure's sentence, else none when the sentence speaks of the whole
    country or the world, else the unit the article is about (``main_area``;
    "toàn huyện" is the article's)."""
    main = main_area(found, ms, art)
    by_sent = defaultdict(list)
    for m in ms:
        by_sent[m["_sent"]].append(m)
    sent_start = {s.index: s.start for s in sents}
    for f in facts:
        if f["kind"] not in ("quantity", "percent", "ratio", "money"):
            continue
        area = main["name"] if main else None
        s0 = sent_start.get(f["_sent"]) if "_sent" in f else None
        if s0 is not None and _NATIONAL.search(text, s0, f["start"]):
            area = None
        if s0 is not None:
            here = [m for m in by_sent.get(f["_sent"], []) if m["end"] <= f["start"]
                    and not _OWNER.search(text, max(s0, m["start"] - 12), m["start"])]
            # a unit named in the figure's own clause: "Hà Nam (100%)", "ở Mê Linh có 120 hộ"
            lo = max([s0] + [text.rfind(ch, s0, f["start"]) + 1 for ch in ",;"])
            clause = [m for m in here if m["start"] >= lo]
            # else a unit named as the subject at the start of the sentence
            subject = [m for m in here if m["start"] - s0 < 40]
            if clause:
                area = clause[-1]["name"]
            elif subject:
                area = subject[0]["name"]
        f["area"] = area
