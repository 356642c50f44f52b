"""Word tokens mapped back onto the text; underthesea rewrites some words,
the offsets must not follow it. The word segmenter chitieu loads without
underthesea's __init__ (extractor.vnlp) must agree with underthesea's own."""

import pytest

from extractor import vnlp
from extractor.tokens import word_at, words

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


def test_fast_segmenter_agrees_with_underthesea():
    import underthesea

    for s in SENTENCES + ["Bác sĩ bây giờ có thể thản nhiên báo tin bệnh nhân bị ung thư.",
                          "Hà Nội có 1.234 hộ cận nghèo, giảm 12,5% so với năm 2022; TP.HCM đạt 98%."]:
        assert vnlp.word_tokenize(s) == underthesea.word_tokenize(s)
        assert vnlp.sent_tokenize(s) == underthesea.sent_tokenize(s)
    assert isinstance(vnlp._loaded["word_tokenize"], vnlp._WordSegmenter)  # the fast path was taken, not the fallback


def test_fast_pos_tagger_agrees_with_underthesea():
    import underthesea

    for s in SENTENCES + ["", "  ", "Ông  Nguyễn Văn A nói", "GDP tăng 5%", "Giá thuê mặt bằng giảm 12% so với cùng kỳ"]:
        assert vnlp.pos_tag(s) == underthesea.pos_tag(s), s
    assert isinstance(vnlp._loaded["pos_tag"], vnlp._PosTagger)  # the fast path was taken, not the fallback


# sentence ends of every kind underthesea's splitter tells apart: abbreviations, a dot between
# digits, ellipses before a capital or not, runs of "?!", blanks, line breaks (written for this test)
SPLITS = [
    "", "   ", "Không có dấu câu", "Giá tăng. Lượng bán giảm!", "Thật sao?! Đúng vậy.",
    "Sản lượng đạt 1.500.000 tấn. Năm sau giảm 2.5 lần.", "Theo TS. Lan, ông A. Bình và TP. Huế thì…",
    "Chờ đã... rồi tính. Sau đó... Anh ấy đi...", "Câu một.\nCâu hai.\r\nCâu ba .  ", "a..b...c....D . . .",
    "Ông nói: \"Xong.\" Rồi đi.", "e.g. ví dụ; v.v. và vs. khác.", "...", "?!.", "x. y! z?",
]


@pytest.mark.parametrize("text", SPLITS, ids=range(len(SPLITS)))
def test_fast_sentence_splitter_agrees_with_underthesea(text):
    import underthesea.pipeline.sent_tokenize as punkt

    assert vnlp.sent_tokenize is not punkt.sent_tokenize  # the jumping splitter was taken, not the fallback
    assert vnlp.sent_tokenize(text) == punkt.sent_tokenize(text)
