"""chitieu inside spaCy: a tokenizer over underthesea's words, a pipeline
component that puts the extractor's facts on the Doc, and facts as training
spans in a ``DocBin``.

    import spacy
    nlp = spacy.blank("xx")
    nlp.tokenizer = make_tokenizer(nlp.vocab)   # or keep any tokenizer
    nlp.add_pipe("chitieu")                     # registered by entry point
    doc = nlp(text)
    for span in doc.spans["chitieu"]:
        span.label_, span._.value, span._.unit, span._.indicator, span._.rule_id

- The tokenizer makes Docs whose tokens are underthesea's words ("lao động"
  is one token) and whose whitespace is the text's own: ``doc.text == text``
  and every ``token.idx`` is the character offset of the word in the text
  (runs of spaces and line breaks become whitespace tokens, as spaCy's own
  tokenizer does).
- The ``chitieu`` component runs :func:`extractor.pipeline.extract_text` on
  ``doc.text`` (with any tokenizer) and sets ``doc.spans["chitieu"]``: one
  span per fact, labelled with its kind, with the span extensions ``kind``,
  ``value``, ``unit``, ``measure``, ``indicator``, ``area``, ``period``,
  ``rule_id`` and ``fact`` (the whole fact, as ``chitieu extract`` prints it).
  A fact whose offsets do not fall on token boundaries is widened to the
  tokens that hold it (``alignment_mode="expand"``).
- :func:`write_docbin` (``chitieu export --format spacy``) stores the
  documents of a database with their facts as ``doc.spans["chitieu"]``, for
  training a span categorizer or NER model on the extractor's output.

spaCy is imported only here: nothing else in chitieu needs it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import IO, Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import registry
from spacy.vocab import Vocab

SPAN_KEY = "chitieu"
ATTRIBUTES = ("kind", "value", "unit", "measure", "indicator", "area", "period", "rule_id")


def _register_extensions() -> None:
    for name in (*ATTRIBUTES, "fact"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


_register_extensions()


def _words(text: str) -> list[tuple[int, int]]:
    """(start, end) of underthesea's words over the whole text, line by line."""
    from .tokens import words

    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.extend((pos + t.start, pos + t.end) for t in words(line))
        pos += len(line) + 1
    return out


def doc_of(vocab: Vocab, text: str) -> Doc:
    """A Doc of ``text`` over underthesea's words that keeps its whitespace:
    ``doc.text == text`` and ``token.idx`` is each word's offset."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for start, end in _words(text):
        if start < pos:  # never overlap (the aligner guarantees order; be safe)
            continue
        gap = text[pos:start]
        if gap:
            if words and not spaces[-1] and gap[0] == " ":
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
        words.append(text[start:end])
        spaces.append(False)
        pos = end
    gap = text[pos:]
    if gap:
        if words and not spaces[-1] and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
    doc = Doc(vocab, words=words, spaces=spaces)
    assert doc.text == text
    return doc


class Tokenizer:
    """A spaCy tokenizer: text → :func:`doc_of`."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return doc_of(self.vocab, text)

    # spaCy serialises the tokenizer with the pipeline; there is no state to save
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> Tokenizer:
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        pass

    def from_disk(self, path: Any, **kwargs: Any) -> Tokenizer:
        return self


@registry.tokenizers("chitieu.underthesea.v1")
def create_tokenizer():
    """For a config: ``[nlp.tokenizer] @tokenizers = "chitieu.underthesea.v1"``."""
    return make_tokenizer


def make_tokenizer(nlp_or_vocab: Language | Vocab) -> Tokenizer:
    vocab = nlp_or_vocab.vocab if isinstance(nlp_or_vocab, Language) else nlp_or_vocab
    return Tokenizer(vocab)


def set_facts(doc: Doc, facts: Iterable[dict]) -> Doc:
    """Put ``facts`` (dicts with document offsets) on ``doc.spans["chitieu"]``."""
    spans = []
    for f in facts:
        span = doc.char_span(f["start"], f["end"], label=f["kind"], alignment_mode="expand")
        if span is None:
            continue
        for a in ATTRIBUTES:
            span._.set(a, f.get(a))
        span._.set("fact", f)
        spans.append(span)
    doc.spans[SPAN_KEY] = spans
    return doc


class ChitieuComponent:
    """The ``chitieu`` pipeline component (see the module doc)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        from .pipeline import extract_text

        return set_facts(doc, extract_text(doc.text).facts)


@Language.factory("chitieu")
def make_component(nlp: Language, name: str) -> ChitieuComponent:
    return ChitieuComponent(nlp, name)


def write_docbin(conn: sqlite3.Connection, facts: Iterable[dict], out: str | IO[bytes]) -> int:
    """Every document of the database as a Doc (:func:`doc_of`) with its
    ``facts`` (``export.rows``) on ``doc.spans["chitieu"]``, in a DocBin
    written to ``out`` (a path or a binary stream); returns how many facts."""
    import spacy

    vocab = spacy.blank("xx").vocab
    by_doc: dict[str, list[dict]] = {}
    for r in facts:
        by_doc.setdefault(r["document"], []).append(r)
    bin_ = DocBin(attrs=[], store_user_data=True)
    n = 0
    for doc_id, text in conn.execute("select id, text from documents order by path, id"):
        doc = set_facts(doc_of(vocab, text or ""), by_doc.get(doc_id, []))
        doc.user_data["chitieu_document"] = doc_id
        n += len(doc.spans[SPAN_KEY])
        bin_.add(doc)
    data = bin_.to_bytes()
    if isinstance(out, str):
        with open(out, "wb") as fh:
            fh.write(data)
    else:
        out.write(data)
    return n
