"""Where the article is: title, header lines, lead, body, byline, and the site
chrome around them.  The markers are data (``rules/boilerplate.yaml`` and
``rules/layouts/*.yaml``); this module only applies them.

The result is a list of *zones*: character spans of the document text that
belong to the article.  Only zones are searched for facts; header lines, the
byline, photo credits, teaser lines and everything after the first end marker
are left out, with their offsets unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from pydantic import BaseModel, ConfigDict

from .cache import disk_cached
from .gate import fold as gate_fold
from .gate import gate, may_match
from .rules import load_model, rules_dir
from .ruleset import per_rules

# precompiled: a call such as regex.sub(literal, …) looks its pattern up in regex's cache every time
_DIGIT = regex.compile(r"\d")

_F = regex.MULTILINE | regex.IGNORECASE


class PublishedWords(BaseModel):
    model_config = ConfigDict(extra="forbid")

    before_time: str
    before_date: str
    dateline_words: str


class BoilerplateRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str = ""
    end_markers: list[str]
    banner_lines: list[str]
    exclude: list[str]
    teaser_line: str
    published: PublishedWords


class LayoutExample(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    expect: dict[str, str | None]


class Layout(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    description: str = ""
    detect: str
    header: list[str] = []
    examples: list[LayoutExample] = []


class _Compiled:
    def __init__(self, rules: BoilerplateRules, layouts: list[Layout]):
        self.end = [regex.compile(p, _F) for p in rules.end_markers]
        self.banner = [regex.compile(p, regex.MULTILINE) for p in rules.banner_lines]
        self.exclude = [regex.compile(p, _F) for p in rules.exclude]
        self.teaser = regex.compile(rules.teaser_line, regex.MULTILINE)
        self.layouts = [
            (lay, regex.compile(lay.detect, _F), [regex.compile(h, _F) for h in lay.header])
            for lay in layouts
        ]


@disk_cached
def compiled() -> _Compiled:
    rules = load_model("boilerplate.yaml", BoilerplateRules)
    layouts = []
    for p in sorted((rules_dir() / "layouts").glob("*.yaml")):
        layouts.append(load_model(f"layouts/{p.name}", Layout))
    # the catch-all layout goes last
    layouts.sort(key=lambda lay: lay.detect == ".")
    return _Compiled(rules, layouts)


_SOURCE_TAG = regex.compile(r"^\s*\((?P<source>\p{Lu}{2,12})\)\s*(?:[-–—]\s*)?")
_BYLINE = regex.compile(
    r"^\s*(?:(?:Theo\s+)?(?:\p{Lu}[\p{Ll}]*\.?)(?:[ \t]+\p{Lu}[\p{Ll}]*\.?){0,4}"
    r"(?:\s*[-–,/]\s*(?:\p{Lu}[\p{L}]*)(?:[ \t]+\p{Lu}[\p{L}]*){0,4})?)\s*$"
)


_GLUED_BYLINE = regex.compile(r"(?<=[.!?…”\"])[ \t]+(?P<name>\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){1,3})[ \t]*$")


@dataclass
class Line:
    start: int
    end: int  # without the newline

    def text(self, doc: str) -> str:
        return doc[self.start : self.end]


@dataclass
class Article:
    """The article region of a document and what the header said."""

    zones: list[tuple[int, int]]
    layout: str
    title: tuple[int, int] | None = None
    end: int = 0
    header: dict[str, str] = field(default_factory=dict)
    author: tuple[int, int] | None = None
    source: tuple[int, int] | None = None

    def contains(self, start: int, end: int) -> bool:
        return any(zs <= start and end <= ze for zs, ze in self.zones)


def _lines(text: str) -> list[Line]:
    out, pos = [], 0
    for chunk in text.split("\n"):
        out.append(Line(pos, pos + len(chunk)))
        pos += len(chunk) + 1
    return out


def _subtract(zones: list[tuple[int, int]], cut: tuple[int, int]) -> list[tuple[int, int]]:
    a, b = cut
    out = []
    for s, e in zones:
        if b <= s or a >= e:
            out.append((s, e))
            continue
        if s < a:
            out.append((s, a))
        if b < e:
            out.append((b, e))
    return out


def article(text: str) -> Article:
    c = compiled()
    lines = _lines(text)
    head = "\n".join(ln.text(text) for ln in lines[:15])
    layout, _, header_res = next((lay for lay in c.layouts if lay[1].search(head)), c.layouts[-1])
    art = Article(zones=[], layout=layout.id)

    # 1. header lines of the layout (anywhere in the first lines), banners, title
    header_lines: set[int] = set()
    for i, ln in enumerate(lines[:15]):
        s = ln.text(text)
        for hr in header_res:
            m = hr.search(s)
            if m:
                header_lines.add(i)
                art.header.update({k: v for k, v in m.groupdict().items() if v})
    i = 0
    while i < len(lines) and (
        i in header_lines
        or not lines[i].text(text).strip()
        or any(b.search(lines[i].text(text)) for b in c.banner)
    ):
        i += 1
    if i >= len(lines):
        art.end = len(text)
        return art
    title_line = lines[i]
    art.title = (title_line.start + _lstrip_len(title_line.text(text)), title_line.end)
    title_text = title_line.text(text).strip()

    # 2. the end of the article: the first end marker after the title (a marker
    # none of whose words the text holds is not searched for: see gate)
    folded = gate_fold(text)
    ends = [r for r, words in zip(c.end, _gates()["end"]) if may_match(words, folded)]
    end = len(text)
    for ln in lines[i + 1 :]:
        s = ln.text(text)
        hits = [m.start() for r in ends if (m := r.search(s))]
        if hits:
            end = ln.start + min(hits)
            break
    art.end = end

    # 3. zones: the title, then the body lines up to the end
    zones = [art.title]
    body_lines = [ln for j, ln in enumerate(lines) if j > i and ln.start < end and j not in header_lines]
    # the byline: the last non-empty line, when it reads as a name
    glued_cut: tuple[int, int] | None = None
    for ln in reversed(body_lines):
        s = text[ln.start : min(ln.end, end)]
        if not s.strip():
            continue
        if len(s.strip()) <= 40 and _BYLINE.match(s) and not _DIGIT.search(s):
            off = _lstrip_len(s)
            art.author = (ln.start + off, ln.start + len(s.rstrip()))
            body_lines = [b for b in body_lines if b is not ln]
        else:
            # a byline glued to the end of the last paragraph ("… trái luật. Hà Vy")
            m = _GLUED_BYLINE.search(s)
            if m:
                art.author = (ln.start + m.start("name"), ln.start + m.end("name"))
                glued_cut = (ln.start + m.start(), ln.start + len(s))
        break
    first_content = True
    for ln in body_lines:
        s = text[ln.start : min(ln.end, end)]
        if not s.strip():
            continue
        if s.strip() == title_text:
            continue  # a caption that repeats the title
        if c.teaser.search(s):
            continue
        start = ln.start
        if first_content:
            first_content = False
            m = _SOURCE_TAG.match(s)
            if m:
                art.source = (ln.start + m.start("source"), ln.start + m.end("source"))
                start = ln.start + m.end()
        zones.append((start, ln.start + len(s)))
    if glued_cut:
        zones = _subtract(zones, glued_cut)
    for rx, words in zip(c.exclude, _gates()["exclude"]):
        if not may_match(words, folded):
            continue
        for zs, ze in list(zones):
            for m in rx.finditer(text, zs, ze):
                if m.end() > m.start():
                    zones = _subtract(zones, (m.start(), m.end()))
    art.zones = [(s, e) for s, e in zones if e > s and text[s:e].strip()]
    return art


@per_rules
def _gates() -> dict[str, tuple[tuple[str, ...] | None, ...]]:
    """The words one of which each end marker's and exclusion's match holds (:mod:`gate`)."""
    c = compiled()
    return {"end": tuple(gate(r) for r in c.end), "exclude": tuple(gate(r) for r in c.exclude)}


def _lstrip_len(s: str) -> int:
    return len(s) - len(s.lstrip())
