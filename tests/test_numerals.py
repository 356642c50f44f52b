"""Vietnamese written numbers: surface form → normal value (the contract's
number rules), read by the whole pipeline from a sentence; and a negative table
of numbers that are never facts."""

import pytest

from conftest import facts_of
from extractor.numerals import NotANumber, parse_amount, parse_number

NUMERIC = ("quantity", "percent", "ratio", "money")

# (sentence, kind, value) — value is the first fact's value (numerator for ratios)
TABLE = [
    ("giải quyết việc làm cho 8.623 lao động", "quantity", 8623),
    ("có 113.418 lao động", "quantity", 113418),
    # a multiple is a count of times (gold/GUIDELINES.md: unit "lần"), no longer a non-fact
    ("giá cao gấp 2 lần", "quantity", 2),
    ("đạt 132,06% chỉ tiêu", "percent", 132.06),
    ("đạt 15.5 điểm", "quantity", 15.5),
    ("đạt 15,5 điểm", "quantity", 15.5),
    ("dân số 1,2 triệu người", "quantity", 1_200_000),
    ("vốn 5,9 nghìn tỷ đồng", "money", 5.9e12),
    ("thu hoạch 1 vạn tấn", "quantity", 10_000),
    ("còn 45 hộ", "quantity", 45),
    ("có 1.950 hộ", "quantity", 1950),
    ("chiếm 0,084%", "percent", 0.084),
    ("chiếm 2,06%", "percent", 2.06),
    ("đạt 92,5%", "percent", 92.5),
    ("là 148.44 người", "quantity", 148.44),
    ("ban hành 936 văn bản", "quantity", 936),
    ("hơn 20.990 tỷ đồng", "money", 20_990e9),
    ("đầu tư 880 tỷ đồng", "money", 880e9),
    ("dân số 13,17 triệu người", "quantity", 13_170_000),
    ("chiếm 0,095% tổng số hộ", "percent", 0.095),
    ("có 22.263 hộ cận nghèo", "quantity", 22263),
    ("đạt 70,89% kế hoạch", "percent", 70.89),
    ("dưới 3%", "percent", 3),
    ("có 16/27 chỉ tiêu", "ratio", 16),
    ("cho 113.418/162.000 lao động", "ratio", 113418),
    ("10/10 phường đạt chuẩn", "ratio", 10),
    ("6,71 giường bệnh/1 vạn dân", "quantity", 6.71),
    ("3,76 bác sĩ/1 vạn dân", "quantity", 3.76),
    ("trên 96% dân số", "percent", 96),
    ("99,70% hộ gia đình", "percent", 99.7),
    ("32,59% lực lượng lao động", "percent", 32.59),
    ("đạt 100%", "percent", 100),
    ("ban hành 02 Quy tắc ứng xử", "quantity", 2),
    ("tặng 500 suất quà", "quantity", 500),
    ("hỗ trợ 1.000.000 đồng", "money", 1_000_000),
    ("hỗ trợ 1.500.000đ", "money", 1_500_000),
    ("thu 2,5 tỷ đồng", "money", 2.5e9),
    ("thu 2,5 tỉ đồng", "money", 2.5e9),
    ("đạt 3 tỷ USD", "money", 3e9),
    ("đạt 450 triệu USD", "money", 450e6),
    ("xuất khẩu 1,25 tỷ USD", "money", 1.25e9),
    ("khoảng 5.800tỷđồng", "money", 5.8e12),
    ("giá 15.000 đồng/hành khách", "money", 15000),
    ("mức 4,68 triệu đồng/người/tháng", "money", 4_680_000),
    ("có 30 quận, huyện, thị xã", "quantity", 30),
    ("còn 16 quận, huyện", "quantity", 16),
    ("gồm 126 xã, phường", "quantity", 126),
    ("có 48 tổ chức, cá nhân", "quantity", 48),
    ("có 24 bị cáo", "quantity", 24),
    ("tổng cộng 2.384 tỷ đồng", "money", 2384e9),
    ("hơn 40 tỷ đồng", "money", 40e9),
    ("gần 300 học sinh", "quantity", 300),
    ("khoảng 1.200 người", "quantity", 1200),
    ("xấp xỉ 45,6%", "percent", 45.6),
    ("ít nhất 20 doanh nghiệp", "quantity", 20),
    ("tối đa 50 người", "quantity", 50),
    ("tăng 5,7%", "percent", 5.7),
    ("giảm 2.000 hộ", "quantity", 2000),
    ("tăng 12 nghìn người", "quantity", 12_000),
    ("có 3,5 nghìn người", "quantity", 3500),
    ("có 3,5 ngàn người", "quantity", 3500),
    ("đạt 1.234,5 tấn", "quantity", 1234.5),
    ("trồng 250 ha lúa", "quantity", 250),
    ("dài 12 km", "quantity", 12),
    ("có 7 văn bản", "quantity", 7),
    ("có 4 Nghị quyết", "quantity", 4),
    ("có 6 Kế hoạch", "quantity", 6),
    ("đón 15.000 lượt khách", "quantity", 15_000),
    ("có 35/40 xã", "ratio", 35),
    ("có 19/27 chỉ tiêu", "ratio", 19),
    ("có 2/3 số hộ", "ratio", 2),
    ("ca mắc 1.024 ca", "quantity", 1024),
    ("cấp 5.000 thẻ bảo hiểm y tế", "quantity", 5000),
    ("có 3 lĩnh vực", "quantity", 3),
    ("có 0,5% hộ", "percent", 0.5),
    ("đạt 0,5 điểm", "quantity", 0.5),
    ("còn 6,8%", "percent", 6.8),
    ("tỷ lệ 95 phần trăm", "percent", 95),
    ("đạt 7,43 %", "percent", 7.43),
    ("có 125 ngàn hộ", "quantity", 125_000),
    ("với 1,5 vạn người", "quantity", 15_000),
    ("gần 2 triệu lao động", "quantity", 2_000_000),
    ("chi 12.000 tỷ đồng", "money", 12e12),
    ("chi 1,2 nghìn tỷ đồng", "money", 1.2e12),
    ("có 10.500 doanh nghiệp", "quantity", 10_500),
    ("có 100 trường học", "quantity", 100),
    ("có 27 trường đạt chuẩn quốc gia", "quantity", 27),
    ("cấp 1.234 căn hộ", "quantity", 1234),
    ("đạt 85,25%", "percent", 85.25),
    ("vượt 5%", "percent", 5),
    ("trên dưới 10%", "percent", 10),
    ("chưa đến 1%", "percent", 1),
    ("không quá 30 học sinh", "quantity", 30),
    ("tối thiểu 60%", "percent", 60),
    ("hơn 2.000 hộ", "quantity", 2000),
    ("khoảng 300 tỷ đồng", "money", 300e9),
    ("khoảng 0,3 tỷ USD", "money", 0.3e9),
    ("thêm 23 xã", "quantity", 23),
    ("trên 1.000 đảng viên", "quantity", 1000),
    ("đạt 50 triệu đồng/ha", "money", 50e6),
    ("số hộ nghèo là 1.102 hộ", "quantity", 1102),
    ("có 12.345.678 người", "quantity", 12_345_678),
    ("rộng 567 km2", "quantity", 567),
    ("giá từ 600 USD - 2000 USD", "money", 600),
    ("giá vé 10-15.000 đồng", "money", 10_000),
]


@pytest.mark.parametrize("sentence,kind,value", TABLE, ids=[t[0] for t in TABLE])
def test_surface_form_value(sentence, kind, value):
    facts = [f for f in facts_of(sentence) if f["kind"] in NUMERIC]
    assert facts, f"no numeric fact in {sentence!r}"
    f = facts[0]
    assert f["kind"] == kind
    got = f["numerator"] if kind == "ratio" else f["value"]
    assert got == pytest.approx(value, rel=1e-9)


NEGATIVE = [
    "Điện thoại: 0294.3882005 - Fax: 0294.3882245",
    "Chương trình số 08-CTr/TU của Thành ủy",
    "Nghị định 70/2017/NĐ-CP của Chính phủ",
    "Đại hội thể thao Đông Nam Á lần thứ 31",
    "Ban Chấp hành Trung ương Đảng khóa XIII",
    "kỳ họp thứ 3 của HĐND",
    "Thứ nhất, Ban Chỉ đạo đã hoàn tất",
    "các nhiệm vụ (1) nâng cao nhận thức; (2) đổi mới",
    "theo quy định tại Điều 22 của Luật",
    "dịch Covid-19 diễn biến phức tạp",
    "trẻ em dưới 5 tuổi",
    "trẻ mẫu giáo từ 3 đến 5 tuổi",
    "trẻ em dưới 36 tháng tuổi",
    "trong 4 tháng qua",
    "kế hoạch 5 năm",
    "Chương trình 08 của Thành ủy",
    "Số 274 QL 53, khóm 3",
    "lúc 15:32 hôm qua",
    "SEA Games 31 tại Việt Nam",
    "giai đoạn 2021-2025",
    "Sáng 2/8/2023, Ban chỉ đạo họp",
    "Quyết định số 2059/QĐ-UBND",
    "đường Vành đai 3,5",
]


@pytest.mark.parametrize("sentence", NEGATIVE, ids=NEGATIVE)
def test_not_a_numeric_fact(sentence):
    assert [f["text"] for f in facts_of(sentence) if f["kind"] in NUMERIC] == []


@pytest.mark.parametrize("s,v", [("8.623", 8623), ("0.095", 0.095), ("1.234,5", 1234.5), ("007", 7), ("15.5", 15.5)])
def test_parse_number(s, v):
    assert parse_number(s) == v


def test_scale_is_exact():
    assert parse_amount("13,17", "triệu") == 13_170_000
    assert parse_amount("5,9", "nghìn tỷ") == 5.9e12


@pytest.mark.parametrize("s", ["", "abc", "1..2", "1,"])
def test_not_a_number(s):
    with pytest.raises(NotANumber):
        parse_number(s)
