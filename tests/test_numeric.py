"""numeric.unit_extent's last resort: the letters at the noun."""

from extractor import numeric


def test_unit_extent_without_a_word_token(monkeypatch):
    # when the segmenter gives no word at the noun, the letters there are the noun
    text = "có 45 hộdân ở đây"
    start = text.index("hộ")
    monkeypatch.setattr(numeric.tokens, "word_at", lambda *a: None)
    monkeypatch.setattr(numeric, "_units", lambda: numeric.regex.compile("(?!)"))
    assert text[start : numeric.unit_extent(text, start, (0, len(text)))] == "hộdân"


import pytest  # noqa: E402

from extractor.pipeline import extract_text  # noqa: E402


@pytest.mark.parametrize("text, figure, comparator", [
    # a comparator word is a whole word: the end of a longer word before a figure is not one
    ("Công ty đã nộp Nhà nước 482 tỷ đồng.", "482 tỷ đồng", "="),   # n|ước is not 'ước'
    ("Doanh thu ước 482 tỷ đồng.", "ước 482 tỷ đồng", "~"),
    ("Sản lượng đạt trên 25 tấn.", "trên 25 tấn", ">"),
])
def test_comparator_is_a_whole_word(text, figure, comparator):
    facts = {f["text"]: f for f in extract_text(text).facts}
    assert figure in facts, list(facts)
    assert facts[figure]["comparator"] == comparator


@pytest.mark.parametrize("text, figure", [
    # a price per unit ends with its unit: the next word is not part of it
    ("Giá vàng tăng 150.000 đồng/lượng so với hôm qua.", "150.000 đồng/lượng"),
    ("Giá xăng giảm 283 đồng/lít lên mức mới.", "283 đồng/lít"),
    ("Thịt lợn hơi có giá 52.000 đồng/kg tại chợ.", "52.000 đồng/kg"),
    # a per-part that is one word of two syllables stays whole
    ("Khách sạn đón 300 khách/ngày đêm.", "300 khách/ngày đêm"),
])
def test_per_unit_span(text, figure):
    assert figure in [f["text"] for f in extract_text(text).facts]


@pytest.mark.parametrize("text, present, absent", [
    # "chỉ" counts gold before "vàng", punctuation or the end, and opens the nouns "chỉ tiêu", "chỉ số"
    ("Bà mua 3 chỉ vàng ở tiệm quen.", "3 chỉ", None),
    ("Chiếc nhẫn nặng 2 chỉ.", "2 chỉ", None),
    ("Xã đạt 14 chỉ tiêu của nghị quyết.", "14 chỉ tiêu", None),
    ("Báo cáo theo dõi 6 chỉ số chính.", "6 chỉ số", None),
    # before another word it is the adverb "only": the number counts no "chỉ"
    ("Mẫu xe Corolla 2 chỉ có giá 600 triệu đồng.", "600 triệu đồng", "2 chỉ"),
    ("Đội bóng thắng 3 trận, 2 đội chỉ còn 1 điểm.", "1 điểm", "2 chỉ"),
    ("Tiệm bán 5 chỉ lấy may trong ngày vía Thần Tài.", "5 chỉ", None),
    ("Quý 1 chỉ đạt 20% kế hoạch.", None, "1 chỉ"),
])
def test_chi_is_a_unit_only_where_it_counts_gold(text, present, absent):
    spans = {f["text"] for f in extract_text(text).facts}
    if present:
        assert present in spans, spans
    if absent:
        assert absent not in spans, spans


@pytest.mark.parametrize("text, absent, present", [
    # an adverb after a number opens the next clause: it is no counted noun
    ("Đến năm 2009 mới có điện lưới về bản.", "2009 mới", None),
    ("Cả 3 đều đạt giải nhì.", "3 đều", None),
    ("Đội khách dẫn 2 khiến khán giả im lặng.", "2 khiến", None),
    ("Anh ấy 30 còn em gái 25 tuổi.", "30 còn", None),
    ("Năm 2016 cũng có 12 hộ thoát nghèo.", "2016 cũng", "12 hộ"),
    # counter-examples: nouns that merely begin like a listed word stay counted
    ("Xã mới xây 4 chưa kịp… nhưng có 5 cầu treo.", None, "5 cầu treo"),
    ("Trạm có 3 lính cứu hỏa trực.", None, "3 lính"),
])
def test_adverb_after_a_number_is_no_unit(text, absent, present):
    spans = {f["text"] for f in extract_text(text).facts}
    if absent:
        assert absent not in spans, spans
    if present:
        assert any(s.startswith(present) for s in spans), spans
