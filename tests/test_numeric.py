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


# (sentence, a span that must be a fact, a span that must not be one)
CHI_ROWS = [
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
]
BARE_YEAR_ROWS = [
    # a bare year after a noun, followed by a verb or an adverb, is no count
    ("Kế hoạch lãi ròng 2024 dự kiến đạt 90 tỷ đồng.", "90 tỷ đồng", "2024 dự kiến"),
    ("Phiên bản 2019 vừa được bán ra với giá 400 triệu đồng.", "400 triệu đồng", "2019 vừa"),
    ("Sản lượng 2022 giảm 5% so với năm trước.", "5%", "2022 giảm"),
    # counter-examples: a year-like number before a noun counts it; any other number stays
    ("Nhà máy có 2000 công nhân làm ca đêm.", "2000 công nhân", None),
    ("Đợt này có 2020 thí sinh dự thi.", "2020 thí sinh", None),
    ("Đội thắng 2500 điểm đạt giải.", "2500 điểm", None),
]
ADVERB_ROWS = [
    # an adverb after a number opens the next clause: it is no counted noun
    ("Đến năm 2009 mới có điện lưới về bản.", None, "2009 mới"),
    ("Cả 3 đều đạt giải nhì.", None, "3 đều"),
    ("Đội khách dẫn 2 khiến khán giả im lặng.", None, "2 khiến"),
    ("Anh ấy 30 còn em gái 25 tuổi.", None, "30 còn"),
    ("Năm 2016 cũng có 12 hộ thoát nghèo.", "12 hộ", "2016 cũng"),
    # counter-examples: nouns that merely begin like a listed word stay counted
    ("Xã mới xây 4 chưa kịp… nhưng có 5 cầu treo.", "5 cầu treo", None),
    ("Trạm có 3 lính cứu hỏa trực.", "3 lính", None),
]


TIMES_ROWS = [
    # "N lần" counts times or a multiple: a quantity in "lần", not a duration
    ("Giá vàng trong nước cao gấp 3 lần giá thế giới.", "3 lần", None),
    ("Đội khách chưa thắng trong 6 lần gặp nhau gần nhất.", "6 lần", None),
    ("Doanh thu năm nay tăng 2,5 lần so với năm trước.", "2,5 lần", None),
    ("Bệnh nhân uống thuốc 3 lần/ngày sau bữa ăn.", "3 lần/ngày", None),
    # counter-examples: real durations stay blocked
    ("Dự án kéo dài 5 năm và có 200 hộ tham gia.", "200 hộ", "5 năm"),
    ("Anh ở lại 2 đêm rồi về quê.", None, "2 đêm"),
]
GLUED_HA_ROWS = [
    # hectares written against a one- or two-digit number are no clock time ("25h" + "a")
    ("Xã trồng thêm 25ha chè năm nay.", "25ha", None),
    ("Khu rừng rộng 2,5ha bị cháy.", "2,5ha", None),
    # counter-examples: hours stay blocked
    ("Đúng 8h sáng, đoàn xe xuất phát với 12 xe.", "12 xe", "8h"),
    ("Chị dậy từ 4 rưỡi sáng để bán 30 kg rau.", "30 kg", "4 rưỡi"),
]
NAME_NUMBER_ROWS = [
    # a number ending a name (a ship, a plate, a model) before a verb or a preposition counts nothing
    ("Tàu cá Hải Long 27 bị chìm gần bờ, 5 ngư dân được cứu.", "5 ngư dân", "27 bị"),
    ("Xe khách mang BKS 29LD - 2133 do một tài xế trẻ điều khiển.", None, "2133 do"),
    ("Mẫu xe Wave 110 gồm hai phiên bản.", None, "110 gồm"),
    ("Chiếc Corolla 2 gần như mới.", None, "2 gần"),
    # counter-examples: nouns that begin with the same syllable stay counted
    ("Tòa xét xử 4 bị cáo trong vụ án.", "4 bị cáo", None),
]
SLASH_CODE_ROWS = [
    # a slash pair after a lottery game or a tyre word is a name or a size, not a share
    ("Kỳ quay của xổ số Mega 6/45 có 3 vé trúng giải ba.", "3 vé", "6/45"),
    ("Bản tiêu chuẩn dùng lốp 215/60 R16 và 6 túi khí.", "6 túi", "215/60"),
    # counter-examples: the same shape after other words is a share
    ("Thôn có 14/15 hộ đã ký cam kết.", "14/15 hộ", None),
    ("Tỉnh đạt 6/45 chỉ tiêu đề ra.", "6/45 chỉ tiêu", None),
]

@pytest.mark.parametrize("text, present, absent", CHI_ROWS + BARE_YEAR_ROWS + ADVERB_ROWS + TIMES_ROWS + SLASH_CODE_ROWS + GLUED_HA_ROWS + NAME_NUMBER_ROWS)
def test_span_is_a_fact_or_not(text, present, absent):
    spans = {f["text"] for f in extract_text(text).facts}
    if present:
        assert any(s.startswith(present) for s in spans), spans
    if absent:
        assert absent not in spans, spans


@pytest.mark.parametrize("text, span, value, unit", [
    # "tỷ phú" / "triệu phú" are people (billionaires, millionaires), not a scale and a noun "phú"
    ("Danh sách năm nay có 500 tỷ phú đô la.", "500 tỷ phú", 500, "tỷ phú"),
    ("Thành phố có thêm 20 triệu phú mới.", "20 triệu phú", 20, "triệu phú"),
    # counter-examples: the scale before a currency or a counted noun stays a scale
    ("Quỹ có 500 tỷ đồng tiền nhàn rỗi.", "500 tỷ đồng", 500_000_000_000, None),
    ("Vùng này có 3 triệu người sinh sống.", "3 triệu người", 3_000_000, "người"),
])
def test_billionaire_is_a_counted_noun(text, span, value, unit):
    facts = {f["text"]: f for f in extract_text(text).facts}
    assert span in facts, list(facts)
    assert facts[span]["value"] == value
    assert facts[span].get("unit") == unit
