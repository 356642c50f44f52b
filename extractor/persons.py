"""``person`` facts: officials named next to their positions, once per document
with every title seen beside the name (``rules/persons.yaml``).

A name is a run of capitalised syllables that starts with a Vietnamese
surname (two to four syllables; a place name glued before it, as in "… thành
phố Hà Nội Nguyễn Ngọc Tuấn", is not part of it). Titles are the
comma-separated positions right before the name (each must start with a title
head) and those after it ("đồng chí X - title, title", "ông X, title").
A name with no title is not a fact (residents, patients, bylines).
"""

from __future__ import annotations

from functools import lru_cache

import regex
from pydantic import BaseModel, ConfigDict

from .rules import load_model
from .sentences import Sentence
from .textnorm import compare_form


class PersonRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    title_heads: list[str]
    surnames: list[str]
    stop_words: list[str]
    not_names: list[str]
    honorifics: list[str]
    examples: list[dict] = []


_SYL = r"\p{Lu}[\p{Ll}\p{M}]*"
_VERB_RX: regex.Pattern


@lru_cache(maxsize=1)
def _compiled():
    r = load_model("persons.yaml", PersonRules)
    heads = "|".join(regex.escape(h) for h in sorted(r.title_heads, key=len, reverse=True))
    head_rx = regex.compile(rf"(?<![\p{{L}}])(?:{heads})(?![\p{{Ll}}])")
    run_rx = regex.compile(rf"(?<![\p{{L}}]){_SYL}(?:[ \t]+{_SYL})+(?![\p{{L}}])")
    stops = "|".join(regex.escape(w) for w in sorted(r.stop_words, key=len, reverse=True))
    stop_rx = regex.compile(rf"\s(?:{stops})(?![\p{{L}}])|[;.(:]|đồng chí\s+\p{{Lu}}|(?<=\p{{Ll}})đồng chí")
    # inside a title written before the name only verbs and prepositions are
    # foreign ("Thủ tướng tới Vương quốc …"); "và" and brackets belong to
    # organisation names ("Sở Giáo dục và Đào tạo", "Hội đồng nhân dân (HĐND)")
    verbs = "|".join(regex.escape(w) for w in sorted(set(r.stop_words) - {"và"}, key=len, reverse=True))
    global _VERB_RX
    _VERB_RX = regex.compile(rf"\s(?:{verbs})(?![\p{{L}}])")
    surnames = {s.split()[0] for s in r.surnames}
    return r, head_rx, run_rx, stop_rx, surnames, set(r.not_names) | set(r.honorifics)


def _place_names() -> set[str]:
    from .areas import gazetteer

    return {name for name, _ in gazetteer()}


def _names(text: str, s: Sentence):
    """(start, end) of person names in the sentence."""
    r, head_rx, run_rx, stop_rx, surnames, not_names = _compiled()
    places = None
    # glued scraping noise: "Chương trìnhđồng chí Trần" → a boundary before "đồng chí"
    for m in run_rx.finditer(text, s.start, s.end):
        words = m.group(0).split()
        starts = [m.start() + mm.start() for mm in regex.finditer(r"\S+", m.group(0))]
        for i, w in enumerate(words):
            if w not in surnames or not 2 <= len(words) - i <= 4:
                continue
            name = " ".join(words[i:])
            if name in not_names:
                break
            if i > 0 and words[i - 1] not in r.honorifics:
                places = places if places is not None else _place_names()
                prefix = " ".join(words[:i])
                if prefix not in places and not any(prefix.endswith(" " + p) or prefix == p for p in places):
                    break
            yield starts[i], m.end(), name
            break


def _clean(t: str) -> str:
    return regex.sub(r"\s+", " ", t).strip(" ,-–;:")


def _titles_before(text: str, lo: int, name_start: int) -> list[str]:
    _, head_rx, _, _, _, _ = _compiled()
    window = text[lo:name_start]
    window = regex.sub(r"(?:đồng chí|Đồng chí|ông|Ông|bà|Bà)\s*$", "", window.rstrip())
    if not window.strip():
        return []
    segs = regex.split(r",\s*", window)
    titles: list[str] = []
    for k in range(len(segs) - 1, -1, -1):
        seg = segs[k]
        m = head_rx.search(seg)
        if not m or _VERB_RX.search(seg, m.end()):
            break  # no position here, or a verb/preposition: not a title of this name
        if m.start() > 0 and seg[: m.start()].strip():
            titles.append(_clean(seg[m.start() :]))
            break  # junk before the head: the chain starts here
        titles.append(_clean(seg))
    return list(reversed([t for t in titles if t]))


def _titles_after(text: str, name_end: int, hi: int) -> tuple[list[str], int]:
    """Titles written after the name, and where they end."""
    _, head_rx, _, stop_rx, _, _ = _compiled()
    m = regex.match(r"[ \t]*(?:[-–,])[ \t]*", text[name_end:hi])
    if not m:
        return [], name_end
    pos = name_end + m.end()
    titles, last = [], name_end
    while pos < hi:
        h = head_rx.match(text, pos, hi)
        if not h:
            break
        stop = stop_rx.search(text, h.end(), hi)
        comma = text.find(",", h.end(), hi)
        end = min(x for x in (stop.start() if stop else hi, comma if comma >= 0 else hi, hi))
        titles.append(_clean(text[pos:end]))
        last = end
        if end != comma:
            break
        pos = comma + 1
        while pos < hi and text[pos] in " \t":
            pos += 1
    return [t for t in titles if t], last


def extract(text: str, sents: list[Sentence]) -> list[dict]:
    found: dict[str, dict] = {}
    for s in sents:
        names = list(_names(text, s))
        prev_end = s.start
        for k, (a, b, name) in enumerate(names):
            nxt = names[k + 1][0] if k + 1 < len(names) else s.end
            semi = text.rfind(";", prev_end, a)
            lo = semi + 1 if semi >= 0 else prev_end
            after, after_end = _titles_after(text, b, nxt)
            titles = _titles_before(text, lo, a) + after
            prev_end = after_end
            if not titles:
                continue
            f = found.get(name)
            if f is None:
                found[name] = f = {"kind": "person", "start": a, "end": b, "text": text[a:b], "name": name,
                                   "titles": [], "rule_id": "person.titled_name", "_sent": s.index}
            seen = {compare_form(t) for t in f["titles"]}
            for t in titles:
                if compare_form(t) not in seen:
                    f["titles"].append(t)
                    seen.add(compare_form(t))
    return list(found.values())
