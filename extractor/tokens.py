"""Word tokens with POS tags, with the character offsets of the original text.

underthesea segments words ("lao động", "việc làm") and tags them; it also
normalises some tokens, so every token is mapped back onto the text rather than
trusted. This is the slow step of the pipeline (underthesea's CRF models), so it
runs on demand, one sentence at a time, only when a rule needs word boundaries
(a counted noun's extent, a governing noun phrase), and is cached per sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .vnlp import word_tokenize


@dataclass(frozen=True)
class Token:
    start: int  # offset in the sentence string
    end: int
    text: str
    pos: str | None = None


def _align(sentence: str, words: list[str]) -> list[tuple[int, int]]:
    """Map underthesea's words onto ``sentence`` offsets, tolerating whitespace
    and the tone placement underthesea rewrites ("Thành uỷ" comes back "Thành
    ủy"): both sides are compared in ``textnorm.fold`` form, which keeps lengths."""
    from .textnorm import fold

    original, sentence = sentence, fold(sentence)
    spans, pos = [], 0
    for w in words:
        chars = [c for c in fold(w) if not c.isspace()]
        while pos < len(sentence) and sentence[pos].isspace():
            pos += 1
        start, k, j = pos, 0, pos
        while j < len(sentence) and k < len(chars):
            if sentence[j].isspace():
                j += 1
                continue
            if sentence[j] != chars[k]:
                break
            j += 1
            k += 1
        if k < len(chars):  # normalised beyond recognition: take the same length
            j = min(len(sentence), start + len(w))
        spans.append((start, j))
        pos = j
    assert len(original) == len(sentence)
    return spans


@lru_cache(maxsize=4096)
def words(sentence: str) -> tuple[Token, ...]:
    """Word segmentation (no POS) of one sentence, offsets into it."""
    ws = word_tokenize(sentence)
    return tuple(Token(s, e, sentence[s:e]) for s, e in _align(sentence, ws))


@lru_cache(maxsize=1024)
def tagged(sentence: str) -> tuple[Token, ...]:
    """Word segmentation with POS tags (slower still: only where a rule needs POS)."""
    from .vnlp import pos_tag

    pairs = pos_tag(sentence)
    spans = _align(sentence, [w for w, _ in pairs])
    return tuple(Token(s, e, sentence[s:e], t) for (s, e), (_, t) in zip(spans, pairs))


def word_at(sentence: str, offset: int) -> Token | None:
    """The word token that starts at ``offset`` of the sentence, if any."""
    for t in words(sentence):
        if t.start == offset:
            return t
        if t.start > offset:
            return None
    return None
