"""Sentences of the article zones, as character spans of the document text.

underthesea's sentence splitter runs on each line of a zone (a line break
always ends a sentence in scraped news); its output strings are mapped back
onto the original text, because underthesea may normalise whitespace.
"""

from __future__ import annotations

from dataclasses import dataclass

from .vnlp import sent_tokenize


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int  # index of the line (paragraph) it belongs to


def _locate(piece: str, text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """Find ``piece`` in text[pos:limit], tolerating whitespace differences."""
    piece = piece.strip()
    if not piece:
        return None
    i = text.find(piece, pos, limit)
    if i >= 0:
        return i, i + len(piece)
    # whitespace-tolerant walk: match non-space characters in order
    chars = [ch for ch in piece if not ch.isspace()]
    j, k, first = pos, 0, None
    while j < limit and k < len(chars):
        ch = text[j]
        if ch.isspace():
            j += 1
            continue
        if ch != chars[k]:
            return None
        if first is None:
            first = j
        j += 1
        k += 1
    if k == len(chars) and first is not None:
        return first, j
    return None


def split(text: str, zones: list[tuple[int, int]]) -> list[Sentence]:
    out: list[Sentence] = []
    para = 0
    for zs, ze in zones:
        pos = zs
        for line in text[zs:ze].split("\n"):
            ls, le = pos, pos + len(line)
            pos = le + 1
            if not line.strip():
                continue
            cursor = ls
            for piece in sent_tokenize(line):
                span = _locate(piece, text, cursor, le)
                if span is None:
                    continue
                prev = out[-1] if out and out[-1].paragraph == para else None
                if prev is not None and prev.end == span[0] and text[span[0] - 1 : span[0]] == "." \
                        and text[span[0] : span[0] + 1].islower():
                    # a dot with a small letter right after it is inside a name ("Kitco.com"), no sentence
                    # end (a capital after it is a missing space: "không tăng.Còn …")
                    out[-1] = Sentence(prev.index, prev.start, span[1], para)
                else:
                    out.append(Sentence(len(out), span[0], span[1], para))
                cursor = span[1]
            if cursor < le and text[cursor:le].strip():
                # text the splitter dropped: keep it as a sentence of its own
                s = cursor + (len(text[cursor:le]) - len(text[cursor:le].lstrip()))
                out.append(Sentence(len(out), s, le - (len(text[s:le]) - len(text[s:le].rstrip())), para))
            para += 1
    return out
