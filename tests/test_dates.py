"""Dates and periods: surface form → normal value, read by the whole pipeline
from a sentence in a document published 2023-06-15 (conftest.facts_of), then
the year inference of the contract, and a negative table of numbers that are
never a date or a period.

An expected row lists every `date` and `period` fact of the sentence, in
order, as (text, value): a date's value is "YYYY-MM-DD", "YYYY-MM" or None; a
period's is the contract's "START/END" form ("2021/2025", "/2030", "2019/")."""

import pytest

from conftest import facts_of
from extractor.dates import period_string

TIME_KINDS = ("date", "period")


def _value(f):
    return f["value"] if f["kind"] == "date" else period_string(f)


def _time_facts(sentence, pub="2023-06-15T08:00"):
    facts = [f for f in facts_of(sentence, pub=pub) if f["kind"] in TIME_KINDS]
    for f in facts:
        assert sentence[f["start"] : f["end"]] == f["text"], "offsets must give the text"
        if f["kind"] == "period":
            assert "/" in _value(f)
    return [(f["text"], _value(f)) for f in facts]


def _xfail(row, reason):
    return pytest.param(*row, marks=pytest.mark.xfail(strict=True, reason=reason), id=row[0])


# ---------------------------------------------------------------- dates
DATES = [
    # the contract's and the guidelines' own forms
    ("Chiều 7-3, Ban chỉ đạo họp", [("Chiều 7-3", "2023-03-07")]),
    ("Sáng 2/8/2023, Ban chỉ đạo họp", [("Sáng 2/8/2023", "2023-08-02")]),
    ("theo thông báo ngày 24/10/2023 của Ban", [("ngày 24/10/2023", "2023-10-24")]),
    ("từ tháng 5/2024 sẽ tăng lương", [("tháng 5/2024", "2024-05")]),
    ("Nghị quyết số 15-NQ/TƯ ngày 5-5-2022 của Bộ Chính trị", [("ngày 5-5-2022", "2022-05-05")]),
    ("Sáng ngày 9/11, Quận ủy họp", [("Sáng ngày 9/11", "2023-11-09")]),
    ("Ngày 27/5 Ban Thường vụ ban hành", [("Ngày 27/5", "2023-05-27")]),
    ("hiệu lực từ ngày 1-7 tới", [("ngày 1-7", "2023-07-01")]),
    ("Tối 1.6, tại Nhà hát Lớn", [("Tối 1.6", "2023-06-01")]),
    # parts of the day
    ("Trưa 12/6, đoàn công tác đến", [("Trưa 12/6", "2023-06-12")]),
    ("Chiều 14/6, mưa lớn", [("Chiều 14/6", "2023-06-14")]),
    ("Tối 10-6, khán giả", [("Tối 10-6", "2023-06-10")]),
    ("Đêm 30/4, lực lượng chức năng", [("Đêm 30/4", "2023-04-30")]),
    ("rạng sáng 3/6, một vụ cháy xảy ra", [("rạng sáng 3/6", "2023-06-03")]),
    ("Rạng sáng ngày 21/4, con tàu mất liên lạc", [("Rạng sáng ngày 21/4", "2023-04-21")]),
    ("Chiều tối 14-6, giao thông ùn tắc", [("Chiều tối 14-6", "2023-06-14")]),
    ("Sáng sớm 10/6, người dân", [("Sáng sớm 10/6", "2023-06-10")]),
    ("chiều ngày 28/10, đỉnh lũ lên cao", [("chiều ngày 28/10", "2023-10-28")]),
    ("Sáng 2-8-2023, hội nghị khai mạc", [("Sáng 2-8-2023", "2023-08-02")]),
    ("Tối 31.12.2022, pháo hoa", [("Tối 31.12.2022", "2022-12-31")]),
    # separators and full dates
    ("áp dụng từ 01.07.2024 trên cả nước", [("01.07.2024", "2024-07-01")]),
    ("khai mạc ngày 15-06-2023", [("ngày 15-06-2023", "2023-06-15")]),
    ("ngày 02/09/1945 Bác đọc Tuyên ngôn", [("ngày 02/09/1945", "1945-09-02")]),
    ("hợp đồng có giá trị đến 31/1/2022, sẽ", [("31/1/2022", "2022-01-31")]),
    ("dự báo ngày 12.4.2068 tiểu hành tinh", [("ngày 12.4.2068", "2068-04-12")]),
    ("sinh ngày 29/2/2024 tại", [("ngày 29/2/2024", "2024-02-29")]),
    ("ký ngày 5 tháng 5 năm 2022", [("ngày 5 tháng 5 năm 2022", "2022-05-05")]),
    ("Hà Nội, ngày 20 tháng 11 năm 2022", [("ngày 20 tháng 11 năm 2022", "2022-11-20")]),
    ("khai giảng ngày 5 tháng 9", [("ngày 5 tháng 9", "2023-09-05")]),
    # other words that make a day and month a date
    ("Giá vàng hôm nay 7/2 tăng mạnh", [("hôm nay 7/2", "2023-02-07")]),
    ("Sáng nay (15/6), Sở Giao thông", [("15/6", "2023-06-15")]),
    ("trong chiều nay (18/4), Hà Nội", [("18/4", "2023-04-18")]),
    ("thua Đắk Lắk hôm 24/4 vừa qua", [("hôm 24/4", "2023-04-24")]),
    ("Thứ Hai (12/6), Bộ Y tế cho biết", [("12/6", "2023-06-12")]),
    ("vào thứ Sáu, 16/6, đoàn sẽ", [("16/6", "2023-06-16")]),
    ("hoàn thành trước ngày 31/5.", [("ngày 31/5", "2023-05-31")]),
    ("Từ 1/7, mức lương cơ sở tăng", [("1/7", "2023-07-01")]),
    ("kéo dài đến 31/12.", [("31/12", "2023-12-31")]),
    ("trong ngày 15/6 (giờ Việt Nam)", [("ngày 15/6", "2023-06-15")]),
    ("Trong phiên giao dịch 9/6, cổ phiếu giảm", [("9/6", "2023-06-09")]),
    ("Hôm qua, 14/6, nhân dịp sinh nhật", [("14/6", "2023-06-14")]),
    ("sau đợt nghỉ lễ 30/4 và 1/5 ngay khi có", [("30/4", "2023-04-30"), ("1/5", "2023-05-01")]),
    ("trận đấu vào đêm thứ Tư tới (21-6)", [("21-6", "2023-06-21")]),
    # day lists and date lists: each day is its own date
    ("Trong hai ngày 11 và 12/7, đoàn công tác", [("ngày 11", "2023-07-11"), ("12/7", "2023-07-12")]),
    ("hội chợ diễn ra ngày 7-8/6 tại Hà Nội", [("ngày 7", "2023-06-07"), ("8/6", "2023-06-08")]),
    ("vòng loại diễn ra từ ngày 15 tới 23/7.", [("ngày 15", "2023-07-15"), ("23/7", "2023-07-23")]),
    ("trong các ngày 5, 6 và 7/6", [("ngày 5", "2023-06-05"), ("6", "2023-06-06"), ("7/6", "2023-06-07")]),
    ("lưu lượng từ ngày 1- 28/10/2020 tăng", [("ngày 1", "2020-10-01"), ("28/10/2020", "2020-10-28")]),
    ("có hai hóa đơn ngày 22/4 và 23/4 của nhà hàng", [("ngày 22/4", "2023-04-22"), ("23/4", "2023-04-23")]),
    ("dịp nghỉ lễ 30/4-1/5, khách du lịch", [("30/4", "2023-04-30"), ("1/5", "2023-05-01")]),
    ("Từ ngày 5/2 đến ngày 6/2, cô đã", [("ngày 5/2", "2023-02-05"), ("ngày 6/2", "2023-02-06")]),
    ("tuyển sinh kéo dài từ 27/4 - 11/5. Sau đó", [("27/4", "2023-04-27"), ("11/5", "2023-05-11")]),
    ("Sáng 7-6 và 8-6, đoàn công tác", [("Sáng 7-6", "2023-06-07"), ("8-6", "2023-06-08")]),
    ("kỳ nghỉ lễ 30/4-1/5 năm nay kéo dài", [("30/4", "2023-04-30"), ("1/5 năm nay", "2023-05-01")]),
    ("cả tuần trước dịp nghỉ (23-27/4), hoặc sau đó", [("23", "2023-04-23"), ("27/4", "2023-04-27")]),
    ("ngày 5/6 năm ngoái, công ty", [("ngày 5/6 năm ngoái", "2022-06-05")]),
    ("vào các ngày 7/6, 8/6 và 9/6", [("ngày 7/6", "2023-06-07"), ("8/6", "2023-06-08"), ("9/6", "2023-06-09")]),
    ("từ 28/12/2022 đến 3/1/2023", [("28/12/2022", "2022-12-28"), ("3/1/2023", "2023-01-03")]),
    # months
    ("trong tháng 6 năm 2017", [("tháng 6 năm 2017", "2017-06")]),
    ("Tháng 4/2016, cặp đôi đón con", [("Tháng 4/2016", "2016-04")]),
    ("từ tháng 12-2022 đến nay", [("tháng 12-2022", "2022-12")]),
    ("tháng 05/2023 giá lợn tăng", [("tháng 05/2023", "2023-05")]),
    ("vào đầu tháng 3, ông nhậm chức", [("tháng 3", "2023-03")]),
    ('"Đến cuối tháng 5, mỗi bên sẽ', [("tháng 5", "2023-05")]),
    ("diễn ra vào tháng 9 tới", [("tháng 9", "2023-09")]),
    ("trong tháng 6 năm nay", [("tháng 6 năm nay", "2023-06")]),
    ("từ tháng 12 năm ngoái", [("tháng 12 năm ngoái", "2022-12")]),
    ("từ tháng 1 đến tháng 6/2023", [("tháng 1", "2023-01"), ("tháng 6/2023", "2023-06")]),
    ("trong tháng 5 và 6/2022", [("tháng 5", "2022-05"), ("6/2022", "2022-06")]),
    _xfail(("vào tháng Năm tới", [("tháng Năm", "2023-05")]), "months written as words are not read"),
]


@pytest.mark.parametrize("sentence,expected", DATES, ids=[r[0] if isinstance(r, tuple) else r.id for r in DATES])
def test_date(sentence, expected):
    assert _time_facts(sentence) == expected


# ---------------------------------------------------------------- periods
PERIODS = [
    # "năm trước" counts from the year the sentence states, "năm ngoái" from publication
    ("Năm 2019 doanh thu tăng 27% so với năm trước", [("Năm 2019", "2019/2019"), ("năm trước", "2018/2018")]),
    # spans of years
    ("nhân dân Thủ đô giai đoạn 2021-2025", [("giai đoạn 2021-2025", "2021/2025")]),
    ("Quy hoạch giai đoạn 2021 - 2025", [("giai đoạn 2021 - 2025", "2021/2025")]),
    ("kế hoạch giai đoạn 2021–2025", [("giai đoạn 2021–2025", "2021/2025")]),
    ("Đảng bộ huyện nhiệm kỳ 2020-2025 đề ra", [("nhiệm kỳ 2020-2025", "2020/2025")]),
    ("đại biểu HĐND nhiệm kỳ 2016 - 2021", [("nhiệm kỳ 2016 - 2021", "2016/2021")]),
    ("năm học 2021-2022, toàn ngành", [("năm học 2021-2022", "2021/2022")]),
    ("kết thúc năm học 2022/2023", [("năm học 2022/2023", "2022/2023")]),
    ("học sinh niên khóa 2019-2020", [("niên khóa 2019-2020", "2019/2020")]),
    ("Ngoại hạng Anh mùa giải 2020-2021", [("mùa giải 2020-2021", "2020/2021")]),
    ("mùa giải 2022/23 đã khép lại", [("mùa giải 2022/23", "2022/2023")]),
    ("thời kỳ 2021 - 2030, tầm nhìn đến năm 2050", [("thời kỳ 2021 - 2030", "2021/2030"), ("tầm nhìn đến năm 2050", "/2050")]),
    ("kế hoạch đầu tư công trung hạn 5 năm 2021-2025 các dự án", [("2021-2025", "2021/2025")]),
    ("cho biết năm 2010-2012 tàu đã được", [("2010-2012", "2010/2012")]),
    ("từ năm 2021 đến 2023, kinh phí", [("từ năm 2021 đến 2023", "2021/2023")]),
    ("Từ năm 2018 đến năm 2020, tỉnh cử đi", [("Từ năm 2018 đến năm 2020", "2018/2020")]),
    ("từ 2016 đến 2020 đã đào tạo", [("từ 2016 đến 2020", "2016/2020")]),
    ("từ năm 2016 - 2020, tỉnh", [("từ năm 2016 - 2020", "2016/2020")]),
    ("Giá đất từ 2015 - 2017 cũng tăng", [("từ 2015 - 2017", "2015/2017")]),
    ("từ năm 2009-2011, bảy doanh nghiệp", [("từ năm 2009-2011", "2009/2011")]),
    ("từ năm 2013 tới nay, đội bóng", [("từ năm 2013", "2013/")]),
    # open ends
    ("mục tiêu đến năm 2030 bảo đảm", [("đến năm 2030", "/2030")]),
    ("nhiệm vụ trọng tâm đến cuối năm 2025.", [("đến cuối năm 2025", "/2025")]),
    ("từ nay đến năm 2025, Ban Chỉ đạo", [("từ nay đến năm 2025", "/2025")]),
    ("Tầm nhìn đến năm 2045, cơ bản", [("Tầm nhìn đến năm 2045", "/2045")]),
    ("phấn đấu tới năm 2030 có", [("tới năm 2030", "/2030")]),
    ("quy hoạch đến năm 2030, tầm nhìn năm 2050.", [("đến năm 2030", "/2030"), ("tầm nhìn năm 2050", "/2050")]),
    ("hoàn thành đến hết năm 2024.", [("đến hết năm 2024", "/2024")]),
    ("duy trì đến 2030, khi", [("đến 2030", "/2030")]),
    ("phấn đấu từ nay đến cuối năm, toàn tỉnh", [("từ nay đến cuối năm", "/2023")]),
    ("từ năm 2019, xã đã", [("từ năm 2019", "2019/")]),
    ("diện tích rừng giảm kể từ năm 2016.", [("kể từ năm 2016", "2016/")]),
    ("bị ngừng sản xuất kể từ 2017 và", [("kể từ 2017", "2017/")]),
    ("hẹn hò từ 2019.", [("từ 2019", "2019/")]),
    # single years and parts of a year
    ("lĩnh vực y tế năm 2022 đã hoàn thành", [("năm 2022", "2022/2022")]),
    ("mùa tuyển sinh năm 2024, trường mở thêm ngành", [("năm 2024", "2024/2024")]),
    ("dự kiến phóng trong năm tài khóa 2024", [("năm tài khóa 2024", "2024/2024")]),
    ("Năm 2020, doanh nghiệp đã vượt", [("Năm 2020", "2020/2020")]),
    ("đầu năm 2023, theo chuẩn nghèo", [("đầu năm 2023", "2023/2023")]),
    ("cuối năm 2022, giá tăng", [("cuối năm 2022", "2022/2022")]),
    ("đến giữa năm 2024 mới xong", [("đến giữa năm 2024", "/2024")]),
    ("hoàn thành vào giữa năm 2024", [("giữa năm 2024", "2024/2024")]),
    ("tăng trưởng cả năm 2023", [("cả năm 2023", "2023/2023")]),
    ("hẹn hò từ cuối 2016.", [("cuối 2016", "2016/2016")]),
    ("tăng 7% so với 2015; trong đó", [("2015", "2015/2015")]),
    ("sẽ ra mắt vào 2018, dùng động cơ", [("2018", "2018/2018")]),
    ("Tôi nghĩ đầu 2020 rõ ràng khó khăn", [("đầu 2020", "2020/2020")]),
    ("sinh viên tốt nghiệp năm 2019 và 2020 nhưng", [("năm 2019", "2019/2019"), ("2020", "2020/2020")]),
    ("Kể từ đầu năm tới nay, giá vàng", [("đầu năm", "2023/2023")]),
    ("tăng 5% so với cùng kỳ năm 2022", [("năm 2022", "2022/2022")]),
    ("Cuối năm, giá thịt lợn tăng", [("Cuối năm", "2023/2023")]),
    ("Từ đầu năm đến nay, toàn tỉnh", [("đầu năm", "2023/2023")]),
    ("kế hoạch giữa năm, công ty", [("giữa năm", "2023/2023")]),
    ("đại hội năm nay thu hút", [("năm nay", "2023/2023")]),
    ("so với năm ngoái, tăng 5%", [("năm ngoái", "2022/2022")]),
    ("tăng 3% so với năm trước.", [("năm trước", "2022/2022")]),
    ("một lễ trao giải cuối năm ngoái", [("cuối năm ngoái", "2022/2022")]),
    ("đầu năm nay, giá vàng", [("đầu năm nay", "2023/2023")]),
    ("kế hoạch trong năm tới", [("năm tới", "2024/2024")]),
    ("giành vé dự cúp châu Âu năm sau.", [("năm sau", "2024/2024")]),
    ("xe cổ từ những năm 1990", [("những năm 1990", "1990/1999")]),
    ("âm nhạc thập niên 1980 trở lại", [("thập niên 1980", "1980/1989")]),
    # months of a year
    ("Hội nghị sơ kết công tác 6 tháng đầu năm 2023", [("6 tháng đầu năm 2023", "2023-01/2023-06")]),
    ("sơ kết 6 tháng đầu năm, triển khai", [("6 tháng đầu năm", "2023-01/2023-06")]),
    ("Dự kiến 6 tháng cuối năm, các thành viên", [("6 tháng cuối năm", "2023-07/2023-12")]),
    ("nhiệm vụ 6 tháng cuối năm 2022.", [("6 tháng cuối năm 2022", "2022-07/2022-12")]),
    ("trong 2 tháng cuối năm 2022.", [("2 tháng cuối năm 2022", "2022-11/2022-12")]),
    ("kết quả 10 tháng đầu năm 2022 đạt", [("10 tháng đầu năm 2022", "2022-01/2022-10")]),
    ("nửa đầu năm, doanh thu", [("nửa đầu năm", "2023-01/2023-06")]),
    ("nửa cuối năm 2022, doanh thu", [("nửa cuối năm 2022", "2022-07/2022-12")]),
    ("9 tháng năm 2022, kim ngạch", [("9 tháng năm 2022", "2022-01/2022-09")]),
    ("9 tháng đầu năm nay, kim ngạch", [("9 tháng đầu năm nay", "2023-01/2023-09")]),
    ("Sáu tháng đầu năm 2023, xuất khẩu", [("Sáu tháng đầu năm 2023", "2023-01/2023-06")]),
    ("trong 6 tháng đầu 2024, doanh số", [("6 tháng đầu 2024", "2024-01/2024-06")]),
    # quarters
    ("trong quý III/2023, toàn tỉnh", [("quý III/2023", "2023-07/2023-09")]),
    ("lợi nhuận quý 3/2023 tăng", [("quý 3/2023", "2023-07/2023-09")]),
    ("quý 1 năm 2024, doanh nghiệp", [("quý 1 năm 2024", "2024-01/2024-03")]),
    ("trong quý I năm 2024", [("quý I năm 2024", "2024-01/2024-03")]),
    ("báo cáo quý I-2023 cho thấy", [("quý I-2023", "2023-01/2023-03")]),
    ("dự kiến hoàn thành trong quý II", [("quý II", "2023-04/2023-06")]),
    ("doanh thu quý 4 tăng", [("quý 4", "2023-10/2023-12")]),
    ("so với quý IV năm ngoái", [("quý IV năm ngoái", "2022-10/2022-12")]),
    # relative quarters are no facts (gold/GUIDELINES.md); they may set a
    # figure's period (tests/test_attach.py)
    ("lợi nhuận quý tới sẽ tăng", []),
    ("giảm mạnh vào quý II tới đầu quý III", [("quý II", "2023-04/2023-06"), ("quý III", "2023-07/2023-09")]),
    _xfail(("trong quý I và II năm 2024", [("quý I", "2024-01/2024-03"), ("II năm 2024", "2024-04/2024-06")]),
           "a list of quarters gives only the last one its year"),
]


@pytest.mark.parametrize("sentence,expected", PERIODS, ids=[r[0] if isinstance(r, tuple) else r.id for r in PERIODS])
def test_period(sentence, expected):
    assert _time_facts(sentence) == expected


# ---------------------------------------------------------------- years
# a year-less date near a year boundary belongs to the year that puts it
# nearest before the publication, unless it is a near future
PUBLISHED = [
    ("Tối 28/12, pháo hoa được bắn", "2024-01-03T08:00", [("Tối 28/12", "2023-12-28")]),
    ("Từ ngày 5/1 tới, các trường", "2023-12-20T08:00", [("ngày 5/1", "2024-01-05")]),
    ("Chiều 7-3, Ban chỉ đạo họp", "2023-03-07T21:01", [("Chiều 7-3", "2023-03-07")]),
    ("tối 11/12 bắt đầu trưng bày", "2021-04-23T08:00", [("tối 11/12", "2020-12-11")]),
    ("trong tháng 12, doanh số tăng", "2024-01-10T08:00", [("tháng 12", "2023-12")]),
    ("Ngày 20/11, các trường tổ chức", "2023-06-15T08:00", [("Ngày 20/11", "2023-11-20")]),
    ("6 tháng cuối năm, doanh số", "2022-11-09T15:32", [("6 tháng cuối năm", "2022-07/2022-12")]),
]


@pytest.mark.parametrize("sentence,pub,expected", PUBLISHED, ids=[f"{r[1][:10]} {r[0]}" for r in PUBLISHED])
def test_year_from_publication(sentence, pub, expected):
    assert _time_facts(sentence, pub=pub) == expected


# no publication date: the latest year-bearing date of the body gives the year
NO_PUB = [
    ("Ngày 27/5, Ban Thường vụ Huyện ủy họp. Trước đó, ngày 22/4/2024, Tỉnh ủy ban hành chương trình.",
     [("Ngày 27/5", "2024-05-27"), ("ngày 22/4/2024", "2024-04-22")]),
    ("Trong tháng 6/2017, giá lợn tăng mạnh. Ngày 5/7, thương lái quay lại mua.",
     [("tháng 6/2017", "2017-06"), ("Ngày 5/7", "2017-07-05")]),
    ("Ngày 10/3/2016, xã khởi công. Ngày 2/1/2017, xã khánh thành. Ngày 5/2, xã đón khách.",
     [("Ngày 10/3/2016", "2016-03-10"), ("Ngày 2/1/2017", "2017-01-02"), ("Ngày 5/2", "2017-02-05")]),
    ("Sáng 2/8/2023, hội nghị sơ kết 6 tháng đầu năm. Năm ngoái, kết quả thấp hơn.",
     [("Sáng 2/8/2023", "2023-08-02"), ("6 tháng đầu năm", "2023-01/2023-06"), ("Năm ngoái", "2022/2022")]),
    # no dated mention: the latest year the body names for a single year
    ("Năm 2016, sản lượng tôm tăng. Trong 6 tháng đầu năm 2017, giá giảm. 6 tháng cuối năm, giá dự kiến tăng.",
     [("Năm 2016", "2016/2016"), ("6 tháng đầu năm 2017", "2017-01/2017-06"), ("6 tháng cuối năm", "2017-07/2017-12")]),
    # years that do not date the report: a birth date, a comparison base, a
    # target's end or a plan's year; a past career start does, but a later year wins
    ("Ông vào công ty từ tháng 7/1989. Quý I năm 2017, lợi nhuận giảm. Ngày 22/5, ông nghỉ việc.",
     [("tháng 7/1989", "1989-07"), ("Quý I năm 2017", "2017-01/2017-03"), ("Ngày 22/5", "2017-05-22")]),
    ("Chị Lan (sinh ngày 3/4/1991) dự thi. Ngày 9/2, chương trình lên sóng.",
     [("ngày 3/4/1991", "1991-04-03"), ("Ngày 9/2", None)]),
    ("Nước này cam kết đến năm 2025 giảm 28% khí thải so với mức năm 2005. Ngày 25/5, các nghị sĩ gửi thư.",
     [("đến năm 2025", "/2025"), ("năm 2005", "2005/2005"), ("Ngày 25/5", None)]),
    ("Công ty đặt mục tiêu năm 2019 lãi 50 tỷ đồng. Ngày 3/5, đại hội cổ đông họp. Năm 2016, công ty lãi 20 tỷ đồng.",
     [("năm 2019", "2019/2019"), ("Ngày 3/5", "2016-05-03"), ("Năm 2016", "2016/2016")]),
    ("Tuyến đường sẽ được đưa vào khai thác trong năm 2018. Triển lãm mở cửa từ 20/5 đến hết ngày 20/6/2017.",
     [("năm 2018", "2018/2018"), ("20/5", "2017-05-20"), ("ngày 20/6/2017", "2017-06-20")]),
    ("Anh Tú (SN 1990) bị bắt ngày 5/6/2016. Ngày 7/6, công an khám nhà.",
     [("ngày 5/6/2016", "2016-06-05"), ("Ngày 7/6", "2016-06-07")]),
    # a year told as a past event's ("hồi năm 2015", "hồi cuối năm 2015") dates no later day
    ("Hai nước ký hiệp định hồi năm 2015. Ngày 4/9, hai bộ trưởng gặp nhau.",
     [("năm 2015", "2015/2015"), ("Ngày 4/9", None)]),
    ("Đợt rét hồi cuối tháng 12/2015 làm chết trâu. Năm 2014, đàn trâu tăng. Ngày 3/3, xã nhận giống.",
     [("tháng 12/2015", "2015-12"), ("Năm 2014", "2014/2014"), ("Ngày 3/3", None)]),
    # … a later year does
    ("Hai nước ký hiệp định hồi năm 2015. Năm 2017, thương mại tăng. Ngày 4/9, hai bộ trưởng gặp nhau.",
     [("năm 2015", "2015/2015"), ("Năm 2017", "2017/2017"), ("Ngày 4/9", "2017-09-04")]),
    # a span open towards the report puts it in or after the span's first year
    ("Năm 1990, bà về hưu. Từ năm 1991, bà làm chủ nhiệm hợp tác xã. Ngày 9/4, bà mất.",
     [("Năm 1990", "1990/1990"), ("Từ năm 1991", "1991/"), ("Ngày 9/4", None)]),
    # nothing gives a year: the date is kept with a null value, the period is not kept
    ("Ngày 27/5, Ban Thường vụ họp. Sáng 28/5, đoàn về xã.", [("Ngày 27/5", None), ("Sáng 28/5", None)]),
    ("6 tháng đầu năm, sản lượng tăng. Ngày 3/7, tỉnh họp.", [("Ngày 3/7", None)]),
]


@pytest.mark.parametrize("text,expected", NO_PUB, ids=[r[0] for r in NO_PUB])
def test_year_without_publication(text, expected):
    assert _time_facts(text, pub=None) == expected


# ---------------------------------------------------------------- negatives
NEGATIVE = [
    "thắng chung cuộc (6-3, 6-4, 7-5) sau trận",
    "đạt 132,06% kế hoạch",
    "Chương trình số 08-CTr/TU của Thành ủy",
    "Nghị định 70/2017/NĐ-CP của Chính phủ",
    "Luật Doanh nghiệp số 59/2020/QH14",
    "Quyết định số 2059/QĐ-UBND",
    "khoảng 1/2 số hộ",
    "đạt 15,5 điểm",
    "thực hiện được 16/27 chỉ tiêu",
    "10/10 phường đạt chuẩn",
    "thắng với tỷ số 2-1",
    "hai trận thắng 2-1, 3-1",
    "ra sân với sơ đồ 4-2-3-1",
    "giá 1,7 - 1,8 triệu đồng/kg",
    "thu cao gấp 2-3 lần",
    "nhóm nhỏ từ 2 - 4 - 6 - 8 khách",
    "tăng trưởng 2,5-3%",
    "đắt hơn từ 1,5 - 2,5 lần",
    "hơn 10 năm nay",
    "từ nhiều năm nay",
    "cách đây 60 năm trước",
    "từ hàng nghìn năm trước",
    "ít nhất một tỷ năm trước",
    "gấp 1.5 lần",
    "từ 1/3 đến 1/2 diện tích",
    "chiếm 1/2, 1/3 số hộ",
    "trực 24/24 giờ",
    "Điện thoại: 0294.3882005 - Fax: 0294.3882245",
    "Đường dây nóng 1900 9095",
    "dịch Covid-19 diễn biến phức tạp",
    "đội U23 Việt Nam",
    "trong 5 năm qua",
    "kéo dài 4 tháng",
    "trong 4 tháng",
    "sau 3 năm gắn bó",
    "trẻ em dưới 36 tháng tuổi",
    "trẻ em dưới 5 tuổi",
    "lúc 15:32 hôm qua",
    "khoảng 20h30 tối qua",
    "sinh năm 1989, ở thị trấn",
    "(SN 1990, trú tại xã)",
    "trong 100 năm tới",
    "Nửa năm sau khi chia tay",
    "hàng chục năm sau khi công chiếu",
    "các vận động viên sinh năm 2005, 2006",
    "trong vài năm tới",
    "3 năm trước",
    "những năm gần đây",
    "năm trước đó",
    "hằng năm, mỗi năm",
    "đầu năm học mới",
    "tháng 7 âm lịch",
    "lương tháng 13",
    "ngày 30/2",
    "giữa nhiệm kỳ",
    "đến hết nhiệm kỳ",
    "giai đoạn mới",
    "thời gian tới",
    "từ 2000 người trở lên",
    "tăng từ 1.990 đến 2.020 tấn",
    "vào năm 2.000 người",
    "quý hơn vàng",
]


@pytest.mark.parametrize("sentence", NEGATIVE, ids=NEGATIVE)
def test_not_a_date_or_period(sentence):
    assert _time_facts(sentence) == []
