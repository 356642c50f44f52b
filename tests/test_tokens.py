"""Word tokens mapped back onto the text, and a spaCy Doc over them that
Matcher rules can use; underthesea rewrites some words, the offsets must not
follow it."""

import pytest
from spacy.matcher import Matcher

from extractor.tokens import _VOCAB, spacy_doc, word_at, words

SENTENCES = [
    "Toàn huyện đã giải quyết việc làm cho 8.623 lao động, đạt 132,06% chỉ tiêu giao.",
    "Thành uỷ Hà Nội chăm lo hoà bình cho người dân.",
    "Chương trình 08-CTr/TU của Thành ủy được triển khai   rộng  khắp.",
    "Khoẻ mạnh, thuý mị và  hoà  nhã.",
]


@pytest.mark.parametrize("sentence", SENTENCES, ids=SENTENCES)
def test_tokens_cover_the_text_in_order(sentence):
    toks = words(sentence)
    assert toks, sentence
    pos = 0
    for t in toks:
        assert t.start >= pos and t.end > t.start
        assert sentence[t.start : t.end] == t.text
        assert not sentence[pos : t.start].strip(), sentence[pos : t.start]  # only spaces skipped
        pos = t.end
    assert not sentence[pos:].strip()


def test_compound_word_found_at_an_offset():
    s = "có 936 văn bản chỉ đạo"
    t = word_at(s, s.index("văn"))
    assert t is not None and t.text == "văn bản"
    assert word_at(s, s.index("ăn")) is None  # not a token start


def test_spacy_matcher_over_underthesea_words():
    s = "Thành uỷ giao chỉ tiêu giải quyết việc làm cho 8.623 lao động."
    doc = spacy_doc(s)
    matcher = Matcher(_VOCAB)
    matcher.add("JOBS", [[{"LOWER": "việc làm"}, {"LOWER": "cho"}, {"LIKE_NUM": True}, {"LOWER": "lao động"}]])
    (match_id, a, b), = matcher(doc)
    start, end = doc._.offsets[a][0], doc._.offsets[b - 1][1]
    assert s[start:end] == "việc làm cho 8.623 lao động"
    # tokens are the text as written, not underthesea's rewrite ("uỷ" → "ủy")
    assert all(t.text == s[a:b] for t, (a, b) in zip(doc, doc._.offsets)) and "uỷ" in doc.text


def test_pos_tags_on_the_doc():
    doc = spacy_doc("Toàn huyện có 45 hộ nghèo.", with_pos=True)
    assert len(doc) >= 5 and all(t.tag_ for t in doc)
    assert {t.tag_ for t in doc if t.text == "45"} <= {"M", "N"}
