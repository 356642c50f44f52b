"""``area`` facts: Vietnamese administrative units named by the article, and
the ``area`` attribute of numeric facts.

The gazetteer is built from the vietnamadminunits package (provinces,
districts and communes before the July 2025 merger, and the units after it,
with their official codes), never typed by hand. How articles name units
(level words, abbreviations, party committees, aliases) is rule data in
``rules/areas.yaml``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import regex
from pydantic import BaseModel, ConfigDict

from .boilerplate import Article
from .rules import load_model
from .sentences import Sentence


class AreaRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    level_words: dict[str, str]
    committee_words: dict[str, str]
    aliases: dict[str, str]
    not_after: list[str]
    examples: list[dict] = []


@dataclass(frozen=True)
class Unit:
    name: str
    level: str
    code: str | None
    parent_code: str | None
    province: str


_TYPE_LEVEL = {"tỉnh": "tỉnh", "thành phố": "thành phố", "quận": "quận", "huyện": "huyện", "thị xã": "thị xã",
               "xã": "xã", "phường": "phường", "thị trấn": "thị trấn", "đặc khu": "huyện"}


def _level_of(full: str) -> str | None:
    low = full.lower()
    for t in sorted(_TYPE_LEVEL, key=len, reverse=True):
        if low.startswith(t + " "):
            return _TYPE_LEVEL[t]
    return None


@lru_cache(maxsize=1)
def gazetteer() -> dict[tuple[str, str], list[Unit]]:
    """(name, level) → units; name as written without the level word."""
    from vietnamadminunits.database import get_data

    g: dict[tuple[str, str], set[Unit]] = defaultdict(set)
    legacy = get_data(["province", "provinceShort", "provinceCode", "district", "districtShort", "districtCode",
                       "ward", "wardShort", "wardCode"], table="admin_units_legacy")
    for r in legacy:
        pl = _level_of(r["province"]) or "tỉnh"
        g[(r["provinceShort"], pl)].add(Unit(r["provinceShort"], pl, r["provinceCode"], None, r["provinceShort"]))
        dl = _level_of(r["district"])
        if dl and r["districtShort"]:
            g[(r["districtShort"], dl)].add(Unit(r["districtShort"], dl, r["districtCode"], r["provinceCode"], r["provinceShort"]))
        wl = _level_of(r["ward"] or "")
        if wl and r["wardShort"]:
            g[(r["wardShort"], wl)].add(Unit(r["wardShort"], wl, r["wardCode"], r["districtCode"], r["provinceShort"]))
    current = get_data(["province", "provinceShort", "provinceCode", "ward", "wardShort", "wardCode"], table="admin_units")
    for r in current:
        pl = _level_of(r["province"]) or "tỉnh"
        g[(r["provinceShort"], pl)].add(Unit(r["provinceShort"], pl, r["provinceCode"], None, r["provinceShort"]))
        wl = _level_of(r["ward"] or "")
        if wl and r["wardShort"]:
            g[(r["wardShort"], wl)].add(Unit(r["wardShort"], wl, r["wardCode"], r["provinceCode"], r["provinceShort"]))
    return {k: sorted(v, key=lambda u: u.code or "") for k, v in g.items()}


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    """bare province name → its level (Hà Nội → thành phố, Hà Tĩnh → tỉnh)."""
    return {name: level for (name, level), units in gazetteer().items() if any(u.parent_code is None for u in units)}


_NAME_WORD = r"(?:\p{Lu}[\p{Ll}\p{M}]*|\d+)"


@lru_cache(maxsize=1)
def _compiled():
    r = load_model("areas.yaml", AreaRules)
    lw = "|".join(regex.escape(w) for w in sorted(r.level_words, key=len, reverse=True))
    cw = "|".join(regex.escape(w) for w in sorted(r.committee_words, key=len, reverse=True))
    names = rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}})"
    # "quận Cầu Giấy", "TP.HCM", "Huyện ủy Quốc Oai"; level words are case-insensitive, names are not
    level_rx = regex.compile(rf"(?<![\p{{L}}.])(?P<lw>(?i:{lw}))[ \t]*{names}")
    committee_rx = regex.compile(rf"(?<!\p{{L}})(?P<cw>{cw})[ \t]+{names}")
    alias_rx = regex.compile("(?<![\\p{L}])(?:" + "|".join(regex.escape(a) for a in sorted(r.aliases, key=len, reverse=True)) + ")(?![\\p{L}])")
    prov = "|".join(regex.escape(p) for p in sorted(_provinces(), key=len, reverse=True))
    bare_rx = regex.compile(rf"(?<![\p{{L}}])(?P<name>{prov})(?![\p{{L}}])")
    # "3 quận: Hai Bà Trưng, Cầu Giấy, Ba Đình" / "các huyện Mê Linh, Sóc Sơn và Đông Anh"
    list_rx = regex.compile(rf"(?<![\p{{L}}])(?P<lw>(?i:quận|huyện|xã|phường|thị xã|thị trấn|tỉnh|thành phố))(?:[ \t]*:|[ \t]+là)?[ \t]+(?P<items>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}}(?:[ \t]*(?:,|và)[ \t]*{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}})+)")
    return r, level_rx, committee_rx, alias_rx, bare_rx, list_rx


def _longest_known(words: str, level: str, numbered: bool = False) -> str | None:
    parts = words.split()
    for n in range(len(parts), 0, -1):
        cand = " ".join(parts[:n])
        if (cand, level) in gazetteer():
            return cand
        if numbered and parts[0].isdigit() and n == 1 and level in ("quận", "phường"):
            return cand  # numbered units of the big cities ("Quận 2")
    return None


def _mention(name, level, start, end, text, sent, rule) -> dict:
    return {"kind": "area", "start": start, "end": end, "text": text[start:end], "name": name, "level": level,
            "rule_id": rule, "_sent": sent}


def mentions(text: str, sents: list[Sentence]) -> list[dict]:
    rules, level_rx, committee_rx, alias_rx, bare_rx, list_rx = _compiled()
    out: list[dict] = []
    taken: list[tuple[int, int]] = []

    def free(a, b):
        return not any(a < e and s < b for s, e in taken)

    def add(name, level, s, e, sent, rule):
        if free(s, e):
            out.append(_mention(name, level, s, e, text, sent, rule))
            taken.append((s, e))

    for s in sents:
        for m in list_rx.finditer(text, s.start, s.end):
            level = rules.level_words.get(m.group("lw").lower(), m.group("lw").lower())
            pos = m.start("items")
            for item in regex.split(r"[ \t]*(?:,|và)[ \t]*", m.group("items")):
                i = text.find(item, pos)
                name = _longest_known(item, level)
                if name and name == item:
                    add(name, level, i, i + len(name), s.index, "area.list")
                pos = i + len(item)
        for m in alias_rx.finditer(text, s.start, s.end):
            canon = rules.aliases[m.group(0)]
            level = _provinces().get(canon, "tỉnh")
            add(canon, level, m.start(), m.end(), s.index, "area.alias")
        for m in level_rx.finditer(text, s.start, s.end):
            lw = m.group("lw")
            level = rules.level_words.get(lw) or rules.level_words.get(lw.lower())
            name = _longest_known(m.group("name"), level, numbered=True)
            if not name:
                continue
            after = text[m.start("name") + len(name) : m.start("name") + len(name) + 40]
            hist = regex.match(r"[ \t]*-[ \t]*(\p{Lu}[\p{Ll}]*(?:[ \t]+\p{Lu}[\p{Ll}]*)*)", after)
            if hist and hist.group(1).split()[0] and any(hist.group(1).startswith(p) for p in _provinces()):
                continue  # "Quảng Nam - Đà Nẵng": a historical unit, left unresolved
            add(name, level, m.start(), m.start("name") + len(name), s.index, "area.level_word")
        for m in committee_rx.finditer(text, s.start, s.end):
            level = rules.committee_words[m.group("cw")]
            name = _longest_known(m.group("name"), level)
            if name:
                add(name, level, m.start("name"), m.start("name") + len(name), s.index, "area.committee")
        for m in bare_rx.finditer(text, s.start, s.end):
            before = text[max(s.start, m.start() - 20) : m.start()]
            if any(regex.search(rf"(?<!\p{{L}}){regex.escape(w)}\s*$", before) for w in rules.not_after):
                continue
            after = text[m.end() : m.end() + 30]
            if regex.match(r"[ \t]*-[ \t]*\p{Lu}", after):
                continue  # "Quảng Nam - Đà Nẵng": a historical unit
            add(m.group("name"), _provinces()[m.group("name")], m.start(), m.end(), s.index, "area.province")
    out.sort(key=lambda f: f["start"])
    return out


def extract(text: str, sents: list[Sentence]) -> tuple[list[dict], list[dict]]:
    """(one ``area`` fact per (name, level) at its first mention, every mention)."""
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
        units = gazetteer().get(key, [])
        if len(units) == 1:
            f["code"] = units[0].code
    return list(first.values()), ms


_RANK = {"xã": 0, "phường": 0, "thị trấn": 0, "quận": 1, "huyện": 1, "thị xã": 1, "thành phố": 2, "tỉnh": 2}


def main_area(found: list[dict], ms: list[dict], art: Article) -> dict | None:
    """The unit the article is about: one named in the title, else the most
    mentioned (the lower level on ties: a district article names its city too)."""
    if not found:
        return None
    if art.title:
        in_title = [m for m in ms if art.title[0] <= m["start"] < art.title[1]]
        if in_title:
            key = (in_title[0]["name"], in_title[0]["level"])
            return next(f for f in found if (f["name"], f["level"]) == key)
    return max(found, key=lambda f: (f["_count"], -_RANK[f["level"]], -f["start"]))




def attach(facts: list[dict], text: str, sents: list[Sentence], found: list[dict], ms: list[dict], art: Article) -> None:
    """Set ``area`` on numeric facts: the article's unit, unless the figure's
    clause names another unit as its subject ("toàn huyện" is the article's)."""
    main = main_area(found, ms, art)
    by_sent = defaultdict(list)
    for m in ms:
        by_sent[m["_sent"]].append(m)
    sent_start = {s.index: s.start for s in sents}
    for f in facts:
        if f["kind"] not in ("quantity", "percent", "ratio", "money"):
            continue
        area = main["name"] if main else None
        s0 = sent_start.get(f.get("_sent"))
        if s0 is not None:
            # a unit named as the subject at the start of the figure's sentence
            subj = [m for m in by_sent.get(f["_sent"], []) if m["start"] - s0 < 40 and m["end"] <= f["start"]
                    and not regex.search(r"(?i)(?:của|theo|thuộc|tại)\s*$", text[max(s0, m["start"] - 12) : m["start"]])]
            if subj:
                area = subj[0]["name"]
        f["area"] = area
