"""What a figure measures (``measure``) and the indicator it gets, as tables
of sentences written for these tests (not taken from any article), with
counter-examples: the key must be refused when the measure is something else."""

import pytest

from extractor.indicators import key_for_measure
from extractor.pipeline import extract_text

NUMERIC = ("quantity", "percent", "ratio", "money")

# (sentence, figure text, expected measure (... : not checked, the row is about the key), expected indicator)
TABLE = [
    ("Tỷ lệ hộ nghèo của xã còn 1,2%.", "1,2%", "tỷ lệ hộ nghèo", "poor_household_rate"),
    ("Năm nay, số hộ cận nghèo là 310 hộ.", "310 hộ", "số hộ cận nghèo", "near_poor_households"),
    ("Huyện đã giải quyết việc làm cho 2.400 lao động.", "2.400 lao động", "giải quyết việc làm", "jobs_created"),
    ("Huyện đã giải quyết việc làm cho 2.400 lao động, đạt 110% kế hoạch.", "110%", "giải quyết việc làm", "jobs_created"),
    ("Kim ngạch xuất khẩu gạo đạt 2,5 tỷ USD.", "2,5 tỷ USD", "kim ngạch xuất khẩu gạo", "export_turnover"),
    ("Giá thuê mặt bằng giảm 12%.", "12%", "giá thuê mặt bằng", "housing_price"),
    ("Mức đóng BHYT bằng 4,5% tiền lương.", "4,5%", "mức đóng bhyt", None),
    ("Uỷ ban đã ban hành 120 văn bản chỉ đạo.", "120 văn bản", "văn bản chỉ đạo", "documents_issued"),
    ("Cơ quan công an bắt giữ 6 đối tượng.", "6 đối tượng", "đối tượng", None),
    ("Hơn 90% dân số tham gia bảo hiểm y tế.", "Hơn 90%", "dân số tham gia bảo hiểm y tế", "health_insurance_coverage"),
    ("Khoảng 40% trẻ em nhập viện thuộc hộ nghèo.", "Khoảng 40%", "trẻ em nhập viện thuộc hộ nghèo", None),
    ("Bệnh viện tỉnh có 500 giường bệnh.", "500 giường bệnh", "giường bệnh", None),
    pytest.param("Vụ việc gây thất thoát ngân sách 15 tỷ đồng.", "15 tỷ đồng", "thất thoát ngân sách", None,
                 marks=pytest.mark.xfail(strict=True, reason="a verb before the head noun is dropped from the measure")),
    ("Lợi nhuận trước thuế của công ty đạt 80 tỷ đồng.", "80 tỷ đồng", "lợi nhuận trước thuế", "company_profit"),
    ("Tỉnh có 12/15 xã đạt chuẩn nông thôn mới.", "12/15 xã", "xã đạt chuẩn nông thôn mới", "new_rural_communes"),
    ("Trường dành 1.200 chỉ tiêu tuyển sinh cho ngành y.", "1.200 chỉ tiêu", "chỉ tiêu tuyển sinh cho ngành y", "admission_quota"),
    ("Huyện đã thực hiện được 14/20 chỉ tiêu.", "14/20 chỉ tiêu", "chỉ tiêu", "targets_completed"),
    pytest.param("Cả năm thực hiện được 14/20 chỉ tiêu.", "14/20 chỉ tiêu", "chỉ tiêu", "targets_completed",
                 marks=pytest.mark.xfail(strict=True, reason="a period opening the clause hides the governing verb")),
    ("Còn 3 chỉ tiêu đang phấn đấu hoàn thành.", "3 chỉ tiêu", "chỉ tiêu", None),
    ("Thu ngân sách trên địa bàn đạt 5.200 tỷ đồng, tăng 8%.", "tăng 8%", "thu ngân sách", "budget_revenue"),
    ("Gia đình thu hoạch 3 tấn vải thiều.", "3 tấn", "vải thiều", None),
    ("Cửa hàng nhập 40 chiếc tủ lạnh.", "40 chiếc", "tủ lạnh", None),
    ("Nhóm doanh nghiệp này chiếm 40% tổng kim ngạch xuất khẩu.", "40%", "tổng kim ngạch xuất khẩu", None),
    ("Kim ngạch xuất khẩu của tỉnh tăng 12%.", "12%", "kim ngạch xuất khẩu", "export_turnover"),
    ("Nợ công bằng 58% GDP.", "58%", "nợ công", "public_debt"),
    ("Tăng trưởng tín dụng đạt 9%.", "9%", "tăng trưởng tín dụng", "credit_growth"),
    ("Sở Y tế cho biết đã chữa khỏi 300 ca Covid-19.", "300 ca", "ca covid-19", None),
    ("Có 30 học sinh phải nhập viện.", "30 học sinh", "học sinh phải nhập viện", None),
    ("Tổng số học sinh toàn tỉnh là 250.000 em.", "250.000 em", "tổng số học sinh", "students"),
    ("Số ca tử vong: 35 ca.", "35 ca", "số ca tử vong", None),
    ("Giá dầu Brent tăng 2%.", "2%", "giá dầu brent", "fuel_price"),
    ("Khu vực có vốn đầu tư nước ngoài xuất siêu 3 tỷ USD.", "3 tỷ USD", ..., None),
    ("Tỷ giá trung tâm ở mức 23.150 đồng.", "23.150 đồng", "tỷ giá trung tâm", "exchange_rate"),
    ("Chênh lệch giá vàng trong nước và thế giới là 4 triệu đồng.", "4 triệu đồng", "chênh lệch giá vàng", None),
    ("Người thắng nhận chiếc cúp trị giá 300 triệu đồng.", "300 triệu đồng", "chiếc cúp", None),
    ("Nhà đầu tư này sở hữu 12% cổ phần của ngân hàng.", "12%", "cổ phần", None),
    ("Trong số đó có 15 trường hợp được xuất viện.", "15 trường hợp", "trường hợp được xuất viện", None),
    ("Lực lượng chức năng thu 20 khẩu súng săn.", "20 khẩu", "khẩu súng săn", None),
    ("Toàn tỉnh thu hoạch 8.000 tấn lúa, riêng huyện Y đạt 3.000 tấn.", "3.000 tấn", "lúa", "agricultural_output"),
    ("Ông A, giám đốc công ty, nắm giữ tài sản vượt quá 2 tỷ USD.", "2 tỷ USD", "tài sản", None),
    # a thing and its attribute: "X có giá N" measures the attribute of the thing
    ("Trung bình mỗi chiếc đồng hồ cổ có giá 40 triệu đồng.", "40 triệu đồng", "giá đồng hồ cổ", None),
    # a head noun opens the measure: the thing before it is its subject
    ("Máy bơm có công suất 5 kW.", "5 kW", "công suất", None),
    ("Giếng khoan có chiều sâu 60 m.", "60 m", "chiều sâu", None),
    # a demonstrative at the end points back and names nothing
    ("Tổng kinh phí để xây dựng cây cầu này khoảng 12 tỷ đồng.", "khoảng 12 tỷ đồng", "tổng kinh phí để xây dựng cây cầu", "budget"),
    # the high end of a range written with its unit twice has the low end's measure
    ("Giá phân bón bán lẻ từ 9.000 đồng đến 11.000 đồng/kg.", "11.000 đồng", "giá phân bón bán lẻ", None),
    # an amount followed by what it is
    ("Tỉnh đã giải ngân 3.200 tỷ đồng vốn đầu tư công.", "3.200 tỷ đồng", "giải ngân vốn đầu tư công", "public_investment_disbursement"),
    ("Em nhận 20 triệu đồng tiền thưởng sau cuộc thi.", "20 triệu đồng", "nhận tiền thưởng", None),
    # a name right after a counted noun says who it is; a classifier's noun may be a name
    ("Tòa tuyên phạt 2 bị cáo Nguyễn Văn Hùng và Trần Bình.", "2 bị cáo", "bị cáo", None),
    ("Chị mua thêm 2 chiếc iPhone mới.", "2 chiếc", "iphone mới", None),
    # adverbs after the counted noun are no qualifiers
    ("Đội cần thắng thêm 3 trận nữa.", "3 trận", "trận", None),
    ("Mỗi ngày anh uống 2 tách cà phê trở lên.", "2 tách", "cà phê", None),
    # "lượt" and "ngôi" are classifiers too (GUIDELINES: "lượt khách" → lượt / khách); the
    # keys' wordings still read the classifier with its noun, also for a percentage after it
    ("Năm nay thị xã đón 2 triệu lượt khách du lịch.", "2 triệu lượt", "khách du lịch", "tourist_arrivals"),
    ("Khu du lịch đón 40.000 lượt khách, tăng 12%.", "12%", "khách", "tourist_arrivals"),
    ("Cơn lốc làm tốc mái 12 ngôi nhà ven sông.", "12 ngôi", "nhà ven sông", None),
    ("Bệnh viện tiếp nhận 300 lượt người đến khám.", "300 lượt", ..., None),
    # a size adjective alone names the size measured
    ("Cái ao sâu 3 m, rộng 12 m.", "12 m", "rộng", None),
    # a verb right before a head noun is part of what is measured
    ("Tỉnh đã giải ngân vốn đầu tư công đạt 45% kế hoạch.", "45%", "giải ngân vốn đầu tư công", "public_investment_disbursement"),
    ("Năm nay tỉnh thu hút vốn FDI đạt 1,5 tỷ USD.", "1,5 tỷ USD", "thu hút vốn fdi", "fdi"),
    # a change after an amount, compared with an earlier time, is the amount's change
    ("Kim ngạch xuất khẩu đạt 2,1 tỷ USD, tăng 8% so với cùng kỳ.", "8%", "kim ngạch xuất khẩu", "export_turnover"),
    # an index's name is its measure
    ("Phiên chiều, VN-Index mất 9 điểm.", "9 điểm", "vn-index", "stock_index"),
    ("Số tiền lắp đặt tính ra hết 4 triệu đồng; tức là 180 USD.", "180 USD", "số tiền lắp đặt", None),
    # the level reached after a change has the changed measure; with no change before, it does not
    ("Giá dầu thô hôm qua tăng 1,2% lên 84 USD/thùng.", "84 USD/thùng", "giá dầu thô", "fuel_price"),
    ("Xuất siêu của nước này chỉ là 3 tỷ USD năm 2010 nhưng đã tăng lên 45 tỷ USD.", "45 tỷ USD", "xuất siêu", "trade_balance"),
    ("Giá vàng miếng giảm 50 nghìn đồng về 66,1–66,8 triệu đồng/lượng.", "66,1", "giá vàng miếng", "gold_price"),
    ("Giá vàng tăng 2%, trong khi tỷ giá đi ngang, còn xăng về 21.000 đồng/lít.", "21.000 đồng/lít", ..., None),
    ("Doanh thu của công ty đạt 90 tỷ đồng, còn 20 công nhân nghỉ việc.", "20 công nhân", ..., None),
    ("Cổ phiếu ABC tăng lên 12.000 đồng và cổ phiếu XYZ tăng lên 8.000 đồng.", "8.000 đồng", "cổ phiếu xyz", None),
    # a threshold word after a measure links it to the figure
    ("Lợi suất trái phiếu chính phủ Mỹ vượt ngưỡng 4%.", "4%", "lợi suất trái phiếu chính phủ mỹ", "interest_rate"),
    # a film's box office is no company's revenue (issue 11's judge): the measure stays, the key goes
    ("Doanh thu phòng vé của bộ phim chạm mốc 30 tỷ đồng.", "30 tỷ đồng", "doanh thu phòng vé", None),
    # the source of an amount of money stays in its measure; a period after "từ" does not
    ("Cả năm, tổng thu từ khách du lịch ước đạt 8.000 tỷ đồng.", "8.000 tỷ đồng", "tổng thu từ khách du lịch", "tourism_revenue"),
    ("Doanh thu từ đầu năm tới nay đạt 70 tỷ đồng.", "70 tỷ đồng", "doanh thu", "company_revenue"),
    ("Số tiền thu từ 2.000 hộ dân là 300 triệu đồng.", "300 triệu đồng", ..., None),
    # two names joined by a spaced dash are one phrase; a dash before a clause breaks it
    ("Thương mại hai chiều Việt Nam - Hàn Quốc đạt 80 tỷ USD.", "80 tỷ USD", "thương mại hai chiều việt nam - hàn quốc", "trade_turnover"),
    ("Kim ngạch thương mại song phương Việt Nam - Ấn Độ đạt 12 tỷ USD.", "12 tỷ USD", ..., "trade_turnover"),
    ("Đoàn khảo sát đi qua Hà Nội - nơi có 8,5 triệu dân.", "8,5 triệu dân", "dân", "population"),
    # GDP as an amount of money is its size; per person it is income
    ("Năm 2022, GDP Việt Nam đạt khoảng 409 tỷ USD.", "khoảng 409 tỷ USD", "gdp việt nam", "gdp_size"),
    ("GDP bình quân đầu người năm nay đạt 4.110 USD.", "4.110 USD", ..., "income_per_capita"),
    ("Nông nghiệp đóng góp 12% GDP.", "12%", ..., None),
    # a forecaster before the figure is not its subject; the high end of a range keeps the key
    ("Các chuyên gia ngân hàng dự báo kinh tế Việt Nam tăng trưởng 6-6,5%.", "6,5%", "tăng trưởng", "gdp_growth"),
    ("Các chuyên gia ngân hàng dự báo kinh tế Việt Nam tăng trưởng 6%.", "6%", "tăng trưởng", "gdp_growth"),
    ("Công ty dự báo doanh thu ngành bán lẻ tăng trưởng 9%.", "9%", ..., None),
    # "trên 100 triệu" is more than that, not a rate's denominator, with no number before it
    ("Cả nước đã đón trên 100 triệu lượt khách nội địa.", "trên 100 triệu lượt", "khách nội địa", "tourist_arrivals"),
    ("Số ca tử vong là 12 ca trên 100.000 dân.", "trên 100.000 dân", ..., None),
    # "mức lương" is one word that opens a measure
    ("Chính phủ quyết định điều chỉnh mức lương cơ sở lên 2,34 triệu đồng/tháng.", "2,34 triệu đồng/tháng", "mức lương cơ sở", "minimum_wage"),
    # the sides of a market quote ("mỗi chiều", "chiều bán ra") are no measure: a bare change keeps the level's
    ("Giá vàng nhẫn ở mức 61 triệu đồng/lượng, giảm mỗi chiều 200.000 đồng/lượng.", "200.000 đồng/lượng", "giá vàng nhẫn", "gold_price"),
    ("Giá cà phê ở mức 50.000 đồng/kg, giảm mỗi chiều 500 đồng/kg.", "500 đồng/kg", "giá cà phê", None),
    # two values of one measure joined by "và" share its key; a new measure after "và" does not
    ("Nền kinh tế được dự báo lần lượt tăng trưởng 5,5% và 6,2% trong hai năm tới.", "6,2%", ..., "gdp_growth"),
    ("Nền kinh tế tăng trưởng 5,5% và 30% doanh nghiệp có lãi.", "30%", ..., None),
    # "trên" opening the words after a figure is a preposition ("31 tỷ đồng trên tổng doanh thu 540 tỷ đồng")
    ("Lãi ròng chỉ 12 tỷ đồng trên tổng doanh thu 300 tỷ đồng.", "300 tỷ đồng", "tổng doanh thu", "company_revenue"),
    # a head noun followed by a number names which one ("số 83 quốc gia"), no measure
    ("Hàn Quốc đứng đầu trong số 140 quốc gia với tổng số vốn đăng ký là 80 tỷ USD.", "80 tỷ USD", "tổng số vốn đăng ký", "fdi"),
    # an item of an enumeration shares the verb before the first item; a clause of its own does not
    ("Sở đã tham mưu ban hành 3 quyết định của UBND tỉnh, 5 kế hoạch của Sở.", "5 kế hoạch", ..., "documents_issued"),
    ("Sở đã ban hành 3 quyết định, tiếp nhận 40 văn bản của công dân.", "40 văn bản", ..., None),
    # commas inside a list of nouns do not end the measure; a topic before a comma is no list
    ("Kim ngạch xuất khẩu rau, quả, hạt điều tháng này đạt 900 triệu USD.", "900 triệu USD", "kim ngạch xuất khẩu rau, quả, hạt điều", "export_turnover"),
    ("Giá trị xuất khẩu gỗ, lâm sản ước đạt 1,1 tỷ USD.", "1,1 tỷ USD", "giá trị xuất khẩu gỗ, lâm sản", "export_turnover"),
    ("Về kim ngạch, gạo đạt 300 triệu USD.", "300 triệu USD", ..., None),
    ("Năm nay, xuất khẩu đạt 370 tỷ USD.", "370 tỷ USD", "xuất khẩu", "export_turnover"),
    ("Doanh thu đạt 50 tỷ đồng, lãi, lỗ chưa rõ, công ty mới chi 2 tỷ đồng.", "2 tỷ đồng", ..., None),
    # a figure that took the previous figure's measure is read with that figure's words
    ("Thu nhập bình quân tháng của công nhân là 6,2 triệu đồng, tăng khá cao 5,1%.", "6,2 triệu đồng", "thu nhập bình quân", "average_wage"),
    ("Thu nhập bình quân tháng của công nhân là 6,2 triệu đồng, tăng khá cao 5,1%.", "5,1%", "thu nhập bình quân", None),
    ("Trong quý, doanh thu du lịch của tỉnh là 900 tỷ đồng, tăng khá cao 15%.", "15%", "doanh thu du lịch", "tourism_revenue"),
    ("Tỷ lệ hộ nghèo đạt 3%, vượt 0,5% chỉ tiêu.", "vượt 0,5%", ..., None),
    # a lender's offer is an interest rate
    ("Khách hàng được ưu đãi lãi vay từ 7,2%/năm.", "7,2%", ..., "interest_rate"),
    ("Giá vàng miếng còn 66,2 triệu đồng/lượng, giảm 300.000 đồng/lượng chiều mua vào.", "300.000 đồng/lượng", "giá vàng miếng", "gold_price"),
    ("Ông A góp 5% vốn điều lệ và bà B, Phó Giám đốc, góp 2% vốn điều lệ.", "2%", "vốn điều lệ", None),
    ("Số hộ dân chưa đạt chuẩn còn nhiều, chưa kể 3 ngày là có thêm 1 hộ.", "1 hộ", ..., None),
    # a price of anything is no housing price ("giá bán bình quân" alone names no house)
    ("Doanh thu cả năm là 900 tỷ đồng, tính ra giá bán bình quân khoảng 30.000 đồng/kg.", "khoảng 30.000 đồng/kg", ..., None),
    # "tổng giá trị", "tổng doanh thu" open a measure; a verb before them does not belong to it
    ("Tháng này đạt 300 triệu USD, đưa tổng giá trị xuất khẩu rau quả lên 1,5 tỷ USD.", "1,5 tỷ USD", "tổng giá trị xuất khẩu rau quả", "export_turnover"),
    ("Tổng giá trị nhập khẩu phân bón đạt 600 triệu USD.", "600 triệu USD", "tổng giá trị nhập khẩu phân bón", "import_turnover"),
    # a span of time after the measure goes with its number
    ("Tổng kim ngạch xuất khẩu 7 tháng ước đạt 210 tỷ USD.", "210 tỷ USD", "tổng kim ngạch xuất khẩu", "export_turnover"),
    # a dash glued to a word is punctuation
    ("Đã có 1,2 triệu người tham gia BHYT- vượt kế hoạch.", "1,2 triệu người", ..., "health_insurance_participants"),
    # a growth noun alone right after a figure is the change of that figure's measure
    ("Năm nay công ty ước doanh thu 640 tỷ đồng, tăng trưởng 18% so với năm trước.", "18%", "doanh thu", "company_revenue"),
    ("Lợi nhuận trước thuế quý này đạt 95 tỷ đồng, mức tăng trưởng 12%.", "12%", "lợi nhuận trước thuế", "company_profit"),
    ("Xuất khẩu thủy sản đạt 3 tỷ USD, tăng trưởng 7% so với năm trước.", "7%", "xuất khẩu thủy sản", "export_turnover"),
    # counter-examples: a growth noun with a noun of its own, one in a new sentence, one after an unkeyed count
    ("Doanh thu đạt 640 tỷ đồng, tăng trưởng kinh tế của tỉnh đạt 7%.", "7%", "tăng trưởng kinh tế", "grdp_growth"),
    ("Doanh thu đạt 640 tỷ đồng. Tăng trưởng 9% là mức cao nhất.", "9%", "tăng trưởng", None),
    ("Tỉnh cấp phép 40 dự án, tăng trưởng 11%.", "11%", ..., None),
    # "(cùng kỳ năm trước tăng 0,9%)": the same measure in the same period of another year
    ("Dư nợ cho vay tăng 4,1% so với cuối năm (cùng kỳ năm trước tăng 0,9%).", "0,9%", "dư nợ cho vay", "credit_growth"),
    ("Tăng trưởng tín dụng đạt 6,2%, cùng kỳ năm ngoái là 5,1%.", "5,1%", "tăng trưởng tín dụng", "credit_growth"),
    # counter-examples: a noun of its own after the period, or a figure of another kind
    ("Dư nợ cho vay tăng 4,1% (cùng kỳ năm trước tỷ lệ nợ xấu là 1,9%).", "1,9%", "tỷ lệ nợ xấu", "bad_debt_ratio"),
    ("Dư nợ cho vay tăng 4,1%, cùng kỳ năm trước có 12 ngân hàng.", "12 ngân hàng", ..., None),
    # an index named with digits or a size group is a stock index like VN-Index
    ("Kết phiên, VN30-Index giảm 7,2 điểm tương ứng 0,6%.", "0,6%", "vn30-index", "stock_index"),
    ("Nhóm cổ phiếu nhỏ, VNSML-Index tăng 4,4 điểm.", "4,4 điểm", "vnsml-index", "stock_index"),
]


def _fact(sentence: str, text: str) -> dict:
    facts = [f for f in extract_text(sentence).facts if f["kind"] in NUMERIC and f["text"] in (text, text.lower())]
    if not facts:
        facts = [f for f in extract_text(sentence).facts if f["kind"] in NUMERIC and text.endswith(f["text"])]
    assert facts, f"no figure {text!r} in {sentence!r}"
    return facts[0]


@pytest.mark.parametrize("sentence, text, measure, indicator", TABLE)
def test_measure_and_indicator(sentence, text, measure, indicator):
    f = _fact(sentence, text)
    if measure is not ...:
        assert f.get("measure") == measure
    assert f.get("indicator") == indicator


@pytest.mark.parametrize("measure, kind, unit, key", [
    ("tỷ lệ bao phủ bảo hiểm y tế", "percent", None, "health_insurance_coverage"),
    ("mức hỗ trợ đóng bảo hiểm y tế", "percent", None, None),
    ("giá vàng sjc", "money", None, "gold_price"),
    ("chi phí xây dựng", "money", None, None),
    ("kinh phí hỗ trợ", "money", None, "budget"),
    ("giường bệnh/1 vạn dân", "quantity", "giường bệnh/1 vạn dân", "hospital_beds_per_10k"),
    ("giường bệnh", "quantity", "giường bệnh", None),
    ("hộ nghèo", "quantity", "quận", None),  # a count of districts is no count of poor households
    ("chỉ tiêu tuyển sinh", "quantity", "chỉ tiêu", "admission_quota"),
    ("chỉ tiêu", "quantity", "chỉ tiêu", None),
])
def test_key_for_measure(measure, kind, unit, key):
    assert key_for_measure(measure, kind, unit) == key


def test_every_key_has_a_family_and_a_definition():
    from extractor.indicators import taxonomy

    t = taxonomy()
    used = {k for f in t.families for k in f.keys.values()}
    assert set(t.keys) == used
    assert len(t.keys) >= 60
    for key, d in t.keys.items():
        assert d.definition and d.kinds, key


def test_an_empty_word_group_is_refused(tmp_path, monkeypatch):
    import shutil

    from extractor import measure, rules

    shutil.copytree(rules.rules_dir(), tmp_path / "rules")
    y = tmp_path / "rules" / "measure.yaml"
    y.write_text(y.read_text(encoding="utf-8").replace("carriers: [cho]", "carriers: []"), encoding="utf-8")
    monkeypatch.setenv("CHITIEU_RULES", str(tmp_path / "rules"))
    rules.rules_dir.cache_clear() if hasattr(rules.rules_dir, "cache_clear") else None
    measure.lexicon.cache_clear()
    try:
        with pytest.raises(rules.RuleError, match="carriers"):
            measure.lexicon()
    finally:
        monkeypatch.delenv("CHITIEU_RULES")
        rules.rules_dir.cache_clear() if hasattr(rules.rules_dir, "cache_clear") else None
        measure.lexicon.cache_clear()


# (sentence, figure text, expected measure): classifiers, classifier-like nouns, counted pairs
MEASURE_ONLY = [
    # a classifier before a noun counts that noun
    ("Mỗi sáng anh ấy uống 3 tách trà xanh.", "3 tách", "trà xanh"),
    ("Quán bán được 200 ly sinh tố.", "200 ly", "sinh tố"),
    ("Đội du kích bắt sống 12 tên lính.", "12 tên", "lính"),
    ("Kho còn 500 chai dầu ăn.", "500 chai", "dầu ăn"),
    # counter-examples: with no noun after it, the classifier is the head and a verb phrase stays
    ("Có 40 tên phải ra đầu thú.", "40 tên", "tên phải ra đầu thú"),
    ("Cảnh sát đã khống chế 3 tên này.", "3 tên", "tên"),
    ("Phường đã trồng 500 cây xanh.", "500 cây", "cây xanh"),
    ("Xưởng chỉ làm được 10 chiếc tương tự.", "10 chiếc", "chiếc tương tự"),
    # a classifier that opens a noun of its own is part of it
    ("Công an triệt phá ổ bạc, bắt 35 con bạc.", "35 con", "con bạc"),
    ("Nhóm vũ trang thả 4 con tin.", "4 con", "con tin"),
    ("Hải quân bắn thử 2 quả tên lửa.", "2 quả", "tên lửa"),
    # two nouns counted as one
    ("Có 40 tỉnh, thành phố gửi báo cáo.", "40 tỉnh", "tỉnh, thành phố gửi báo cáo"),
    ("Hội nghị có đại diện của 30 quốc gia và vùng lãnh thổ.", "30 quốc gia", "quốc gia và vùng lãnh thổ"),
    # counter-examples: a second figure makes two counts; a name after a pair's first noun is no pair
    ("Đoàn đi qua 5 tỉnh và 2 thành phố.", "5 tỉnh", "tỉnh"),
    ("Đoàn đi qua 5 tỉnh, 2 thành phố.", "5 tỉnh", "tỉnh"),
    ("Đoàn đi qua 6 tỉnh thành trên cả nước.", "6 tỉnh", "tỉnh thành"),
    # a verb of having: the thing had is the measure, not its owner
    ("Mẫu xe mới sở hữu khoảng sáng gầm 210 mm.", "210 mm", "khoảng sáng gầm"),
    ("Gia đình bà sở hữu thửa ruộng 2.000 m2.", "2.000 m2", "thửa ruộng"),
    ("Động cơ tạo ra công suất 180 mã lực.", "180 mã lực", "công suất"),
    ("Cổ đông lớn nắm giữ 15% vốn điều lệ.", "15%", "vốn điều lệ"),
    # counter-examples: with nothing after the verb the count names it; other verbs stay
    ("Nhà máy mới tạo ra 300 việc làm.", "300 việc làm", "việc làm"),
    ("Tỉnh đã giải quyết việc làm cho 900 lao động.", "900 lao động", "giải quyết việc làm"),
    # a limit word that is part of a spec's name stays in the measure
    ("Động cơ sinh ra công suất tối đa 200 mã lực.", "tối đa 200 mã lực", "công suất tối đa"),
    ("Mẫu xe này có công suất tối đa là 120 mã lực.", "120 mã lực", "công suất tối đa"),
    # counter-examples: elsewhere the limit word is a comparator
    ("Mức phạt tối đa 8 triệu đồng.", "tối đa 8 triệu đồng", "mức phạt"),
    ("Động cơ có công suất khoảng 110 mã lực.", "khoảng 110 mã lực", "công suất"),
    # an aspect word at the end belongs to the verb after, not to the measure
    ("Khoảng 25 quốc gia đã có đoàn tham dự.", "Khoảng 25 quốc gia", "quốc gia"),
    ("Có 8 đội còn lại sẽ vào vòng trong.", "8 đội", "đội còn lại"),
    # a money head ("thu") names no tonnage: a measured amount followed by its noun counts that noun
    ("Năm nay nhà ông thu được 6 tấn nhãn chín sớm.", "6 tấn", "nhãn chín sớm"),
    # counter-examples: a head that measures tonnage stays; with no noun after the unit, the words before say it
    ("Sản lượng của hợp tác xã đạt 80 tấn cam.", "80 tấn", "sản lượng"),
    ("Doanh thu của hợp tác xã đạt 3 tỷ đồng.", "3 tỷ đồng", "doanh thu"),
    # a range's low end written with no unit counts what the high end's unit is followed by
    ("Mỗi vụ gia đình thu được khoảng 3 đến 4 tấn vải thiều.", "3", "vải thiều"),
    ("Mỗi vụ gia đình thu được khoảng 3 đến 4 tấn vải thiều.", "4 tấn", "vải thiều"),
    ("Mỗi vụ gia đình thu được 2-2,5 tấn cam sành.", "2", "cam sành"),
    # counter-example: a low end with a unit of its own keeps the range's own measure
    ("Diện tích lúa của xã từ 20 ha đến 25 ha lúa nếp.", "20 ha", "diện tích lúa"),
    # a percentage opening a clause with no noun of its own restates the head noun of the clause before
    ("Nền kinh tế có thể đạt tăng trưởng cao, khoảng 7% trong năm sau.", "khoảng 7%", "tăng trưởng"),
    ("Lợi nhuận của ngân hàng tăng mạnh, hơn 20% so với năm ngoái.", "hơn 20%", "lợi nhuận"),
    # counter-examples: no head noun before, a noun phrase of its own after, or a figure in the clause before
    ("Ông cho rằng tình hình đã khá hơn, khoảng 30% trong năm nay.", "khoảng 30%", None),
    ("Lợi nhuận tăng mạnh, 40% cổ đông hài lòng.", "40%", "cổ đông hài lòng"),
    ("Có 60% vé trúng vào ngày thứ bảy, 40% còn lại chia cho các ngày quay số khác.", "40%", None),
    # money per unit of goods with no noun naming it is a price; mass per unit of land a yield
    ("Năm trước chỉ 35.000 đồng/kg mà thôi.", "35.000 đồng/kg", "giá"),
    ("Ruộng nhà anh đạt 6 tạ/sào.", "6 tạ/sào", "năng suất"),
    # counter-examples: a named measure stays; money per month is no price
    ("Năng suất ngô vụ này đạt 55 tạ/ha.", "55 tạ/ha", "năng suất ngô vụ"),
    ("Giá phân bón tăng lên 12.000 đồng/kg.", "12.000 đồng/kg", "giá phân bón"),
    ("Năm trước chỉ 5 triệu đồng/tháng mà thôi.", "5 triệu đồng/tháng", None),
    # an adjective or linking word that ends a head noun stays in it
    ("Chiếc tàu ngầm lặn ở độ sâu 300 mét.", "300 mét", "độ sâu"),
    ("Khinh khí cầu bay ở độ cao khoảng 2 km.", "khoảng 2 km", "độ cao"),
    ("Ngọn tháp có chiều cao khoảng 90 m.", "khoảng 90 m", "chiều cao"),
    # counter-example: alone, the size adjective links the measure to its amount
    ("Con đường ven biển dài 12 km.", "12 km", "con đường ven biển"),
    # before a size adjective the whole subject is the thing measured, a verb inside it too
    ("Riêng bãi đỗ xe của bệnh viện đã rộng hơn 3.000 m2.", "hơn 3.000 m2", "bãi đỗ xe"),
    ("Quãng đường chạy bộ của ông dài 8 km.", "8 km", "quãng đường chạy bộ"),
    # a preposition introducing a new thing: the phrase after it is what is measured
    ("Căn hộ được bán lại cho một nhà đầu tư nước ngoài với giá 8 tỷ đồng.", "8 tỷ đồng", "giá"),
    ("Bản tiêu chuẩn có hệ thống âm thanh với màn hình 9 inch.", "9 inch", "màn hình"),
    ("Phiên bản cao cấp có thêm nhiều trang bị như bộ la-zăng 19 inch.", "19 inch", "bộ la-zăng"),
    # counter-examples: the complement of a verb or adjective, or a head noun before with none after
    ("Khoảng 30% hành tinh phù hợp với sự sống.", "Khoảng 30%", "hành tinh phù hợp với sự sống"),
    ("Tỷ lệ người dân hài lòng với dịch vụ công đạt 88%.", "88%", "tỷ lệ người dân hài lòng với dịch vụ công"),
    # no head noun before an amount: the verb phrase governing it, without its subject or an earlier clause
    ("Tòa án yêu cầu bị đơn nộp tạm ứng án phí 400.000 đồng.", "400.000 đồng", "nộp tạm ứng án phí"),
    ("Thêm một người trúng xổ số hơn 20 tỷ đồng.", "hơn 20 tỷ đồng", "trúng xổ số"),
    ("Hôm sau ông ra ngân hàng thì phát hiện 50 triệu đồng đã biến mất.", "50 triệu đồng", "phát hiện"),
    # counter-examples: a particle after the verb governs nothing; a head noun joined to the verb keeps the phrase
    ("Doanh nghiệp xuất khẩu cà phê sang châu Âu 30 triệu USD.", "30 triệu USD", "xuất khẩu cà phê sang châu âu"),
    ("Mẫu xe này có giá bán 700 triệu đồng.", "700 triệu đồng", "giá bán"),
    # a demonstrative ends a counted noun's qualifiers: what follows it is the clause's own
    ("Ban tổ chức chọn 2 đội này cho trận khai mạc.", "2 đội", "đội"),
    ("Đoàn kiểm tra đã nhắc nhở 6 cơ sở kể trên.", "6 cơ sở", "cơ sở"),
    # counter-example: a qualifier with no demonstrative stays
    ("Đoàn kiểm tra đã nhắc nhở 6 cơ sở kinh doanh thực phẩm.", "6 cơ sở", "cơ sở kinh doanh thực phẩm"),
    # "cùng" after a counted noun adds another thing or opens the clause's verb
    ("Công an thu giữ 5 khẩu súng cùng nhiều hộp đạn.", "5 khẩu", "khẩu súng"),
    ("Đoạn phim quay cảnh 300 chiếc máy tính cùng khởi động.", "300 chiếc", "máy tính"),
    # a brand word before a name ends the counted noun; counter-example: no name after it
    ("Cửa hàng bán 2 chai dầu gội hiệu Lavender.", "2 chai", "dầu gội"),
    ("Đoàn thu giữ 40 chiếc quạt điện nhãn hiệu SUNNY.", "40 chiếc", "quạt điện"),
    ("Xã triển khai 3 mô hình hiệu quả cao.", "3 mô hình", "mô hình hiệu quả cao"),
    # words of a head noun the dictionary writes as one word ("tổng diện tích", "chi phí", "tổng giá trị"),
    # after a clause before it too
    ("Chi phí sửa chữa cây cầu này khoảng 3 tỷ đồng.", "khoảng 3 tỷ đồng", "chi phí sửa chữa cây cầu"),
    ("Tổng giá trị hàng hóa bị thu giữ là 200 triệu đồng.", "200 triệu đồng", "tổng giá trị hàng hóa bị thu giữ"),
    ("Ngành chè đặt mục tiêu đến năm 2030 tổng diện tích trồng chè đạt 9.000 ha.", "9.000 ha", "tổng diện tích trồng chè"),
    ("Tổng diện tích rừng của tỉnh là 40.000 ha.", "40.000 ha", "tổng diện tích rừng"),
    # "X của Y có HEAD N": the owner and its possessor say whose attribute it is; counter-example: a head before "của"
    ("Động cơ của mẫu xe này có công suất 150 kW.", "150 kW", "công suất"),
    ("Mảnh vườn của gia đình có diện tích 800 m2.", "800 m2", "diện tích"),
    ("Doanh thu của công ty có thể đạt 40 tỷ đồng.", "40 tỷ đồng", "doanh thu"),
    # temperature, humidity, diameter are head nouns: the verb before them goes
    ("Hôm nay có nơi có nhiệt độ trên 38 độ.", "trên 38 độ", "nhiệt độ"),
    ("Bánh xe có đường kính 60 cm.", "60 cm", "đường kính"),
    # "X có giá N": a price names its item; counter-example: a spec does not ("Máy bơm có công suất" above)
    ("Tôm hùm có giá 1 triệu đồng/kg.", "1 triệu đồng/kg", "giá tôm hùm"),
    # "được" before a verb of valuing is the passive, not part of the measure
    ("Cầu thủ này được định giá 80 triệu euro.", "80 triệu euro", "định giá"),
    # change words and a time-aspect phrase between the measure and its level go, the sign word too
    ("Giá cà phê có lúc rơi xuống 30.000 đồng/kg.", "30.000 đồng/kg", "giá cà phê"),
    ("Nhiệt độ ở đỉnh núi giảm xuống âm 5 độ C.", "5 độ", "nhiệt độ"),
    # a unit written as the head of a longer word: the whole word is what is counted
    ("Hôm nay phát hiện thêm 40 F1 và 120 F2.", "40 F", "f1"),
    ("Hôm nay phát hiện thêm 40 F1 và 120 F2.", "120 F", "f2"),
    # the low end of a range written with no noun counts the high end's noun; a rate's high end
    # with no noun of its own has the low end's measure
    ("Mỗi gian hàng có 4 - 6 nhân viên.", "4", "nhân viên"),
    ("Năng lực phục vụ tăng lên 1.500-1.800 khách/giờ.", "1.800 khách/giờ", "năng lực phục vụ"),
    # "từ A lên B" after a change verb: B is the level of A's measure
    ("Cảng nâng năng lực xếp dỡ từ 900 container/ngày lên 1.300 container/ngày.", "1.300 container/ngày", "năng lực xếp dỡ"),
    # a share verb: its subject is the measure, a name too, a count too; counter-example: a noun
    # phrase after the figure names the whole ("Samsung chiếm 20% thị phần")
    ("Hàng nông sản chiếm 25%.", "25%", "hàng nông sản"),
    ("Trong đó, xe máy chiếm 700 chiếc.", "700 chiếc", "xe máy"),
    ("Samsung chiếm 20% thị phần.", "20%", "thị phần"),
    ("Bệnh viện tiếp nhận 300 ca, trong đó ung thư phổi chiếm 60 ca (20%).", "20%", "ung thư phổi"),
    # "N% trong tổng X": the whole after "trong"; counter-example: "trong" before a place is cut
    ("Nhà máy góp 12% trong tổng sản lượng điện.", "12%", "tổng sản lượng điện"),
    ("Hộ nghèo chiếm 5% trong xã.", "5%", "hộ nghèo"),
    # an amount followed by what it is: a verb before it goes unless it is measured itself
    ("Hãng tạo ra 40 tỷ USD doanh thu.", "40 tỷ USD", "doanh thu"),
    # a bare linking verb after a comma restates the clause before; counter-example: no head noun there
    ("Doanh thu trong quý vừa qua, đạt 30 tỷ đồng.", "30 tỷ đồng", "doanh thu"),
    ("Theo báo cáo, đạt 30 tỷ đồng.", "30 tỷ đồng", None),
    # a head noun running up to the next figure opens that figure's measure; counter-example: a
    # one-syllable head is often an object and stays
    ("Đường có hai chiều, 4 làn xe tốc độ tối đa 80 km/h.", "4 làn", "làn xe"),
    ("Xã có 15 hộ vay vốn 300 triệu đồng.", "15 hộ", "hộ vay vốn"),
    # the source of money after the amount stays with a money head; counter-example: a time is no source
    ("Ông thu được 80 triệu đồng từ đàn lợn.", "80 triệu đồng", "thu từ đàn lợn"),
    ("Doanh thu đạt 5 tỷ đồng từ đầu năm.", "5 tỷ đồng", "doanh thu"),
    # the place a price is paid at stays; counter-example: a named place is an area
    ("Giá bán tại ruộng khoảng 7.000 đồng/kg.", "khoảng 7.000 đồng/kg", "giá bán tại ruộng"),
    ("Giá vàng tại TP.HCM tăng 2%.", "2%", "giá vàng"),
    # "giúp" opens a purpose clause after a counted noun
    ("Sân bay lắp thêm 4 máy soi giúp hành khách đỡ chờ.", "4 máy", "máy soi"),
    # the time of a trading session and a "kể từ" phrase end a measure; counter-example: "phiên"
    # alone inside a noun phrase stays
    ("Giá dầu thô chốt phiên tăng 1,2%.", "1,2%", "giá dầu thô"),
    ("Mức giá cao nhất kể từ đầu tuần là 1.900 USD/ounce.", "1.900 USD/ounce", "mức giá cao nhất"),
    ("Đơn giá phiên đấu giá là 2 triệu đồng.", "2 triệu đồng", "đơn giá phiên đấu giá"),
    # a range "A đến B" with a bare low end: both ends count the high end's noun
    ("Mỗi tháng đội tình nguyện có từ 12 đến 15 người tham gia.", "từ 12", "người tham gia"),
    ("Giá thuê từ 3 triệu đồng đến 5 triệu đồng mỗi tháng.", "5 triệu đồng", "giá thuê"),
    # "X có Y": an amount of money X already names keeps X ("có thuế" only qualifies it);
    # counter-examples: a thing with a price or a spec is read as the attribute
    ("Doanh thu bán vé số có thuế của công ty đạt 900 tỷ đồng.", "900 tỷ đồng", "doanh thu bán vé số"),
    ("Chiếc đồng hồ cổ có giá 3 tỷ đồng.", "3 tỷ đồng", "giá đồng hồ cổ"),
    ("Máy bơm mới có công suất 50 kW.", "50 kW", "công suất"),
    # a place said only as "where" takes the list's measure; an extreme said alone takes the
    # previous noun with its own extreme; counter-example: a first figure with only a place
    # names no measure
    ("Mực nước thấp nhất từ 2-3 m, cao nhất từ 5-6 m, có nơi trên 7 m.", "từ 5", "mực nước cao nhất"),
    ("Mực nước thấp nhất từ 2-3 m, cao nhất từ 5-6 m, có nơi trên 7 m.", "6 m", "mực nước cao nhất"),
    ("Mực nước thấp nhất từ 2-3 m, cao nhất từ 5-6 m, có nơi trên 7 m.", "trên 7 m", "mực nước cao nhất"),
    ("Giá bán thấp nhất 12.000 đồng/kg, cao nhất 15.000 đồng/kg.", "15.000 đồng/kg", "giá bán cao nhất"),
    ("Lượng mưa phổ biến 50-80 mm, vùng núi 100-120 mm.", "100", "lượng mưa phổ biến"),
    ("Một số nơi trên 38 độ C.", "trên 38 độ", None),
    # "tăng N% về X": X is what changed; counter-example: a measure before the figure stays
    ("Năm nay tăng 12% về khối lượng và tăng 9% về giá trị.", "9%", "giá trị"),
    ("Xuất khẩu chè tăng 12% về lượng.", "12%", "xuất khẩu chè"),
    # a multiple ("N lần" after a change word or "gấp") measures its subject, and what follows
    # it is the base; counter-example: a count of times keeps "lần"
    ("Lượng khách quốc tế tăng 3 lần.", "3 lần", "lượng khách quốc tế"),
    ("Tiền phạt cao gấp 5 lần mức cũ.", "5 lần", "tiền phạt"),
    ("Hai đội đã gặp nhau 4 lần.", "4 lần", "lần"),
    # the same inside a range of bare numbers, for both ends; counter-examples: a count of times
    # in a range keeps "lần", and a clause naming no subject leaves none (not the base after it)
    ("Tiền phạt cao gấp 3-4 lần mức cũ.", "4 lần", "tiền phạt"),
    ("Tiền phạt cao gấp 3-4 lần mức cũ.", "3", "tiền phạt"),
    ("Doanh thu năm nay tăng từ 2 – 3 lần so với năm trước.", "3 lần", "doanh thu"),
    ("Hai đội đã gặp nhau 3-4 lần.", "4 lần", "lần"),
    ("Khoản thuế này rất lớn, gấp 3-4 lần tổng thu từ thuế nhà đất.", "4 lần", None),
    ("Hàm lượng chì trong nước cao gấp 20-30 lần mức cho phép.", "30 lần", "hàm lượng chì"),
    # a subject is a noun phrase: a verb phrase before the multiple names none
    ("Loại thuốc này có thể làm tăng men gan gấp 3 - 5 lần bình thường.", "5 lần", None),
    # classifiers "pho", "vị" before the noun; counter-example: "con trai", "vị trí" are nouns
    ("Kẻ gian lấy trộm 3 pho tượng đồng.", "3 pho", "tượng đồng"),
    ("Buổi lễ có 12 vị khách quý.", "12 vị", "khách quý"),
    ("Gia đình ông có 2 con trai.", "2 con", "con trai"),
    ("Đội tuyển giành 3 vị trí dẫn đầu.", "3 vị trí", "vị trí dẫn đầu"),
    # a passive marker before a verb measure goes; counter-example: "bị thương" is a word
    ("Chủ cơ sở bị xử phạt 5 triệu đồng.", "5 triệu đồng", "xử phạt"),
    ("Vụ cháy làm 4 người bị thương.", "4 người", "người bị thương"),
    # a head read across a greedy word split ("số nhân | viên"), with a linking "không chỉ"
    ("Năm nay, số nhân viên y tế không chỉ là 300 người.", "300 người", "số nhân viên y tế"),
    # a capacity right before a count is its measure, both ends of a range, read across a greedy
    # word split ("có công | suất"); counter-examples: a verb before a count leaves the counted
    # noun, and a measuring unit the thing measured after it
    ("Bến xe mới có sức chứa 250 ô tô.", "250 ô tô", "sức chứa"),
    ("Cảng có công suất từ 2-3 triệu tấn hàng.", "3 triệu tấn", "hàng"),
    ("Cảng có công suất từ 2-3 triệu hành khách.", "3 triệu hành khách", "công suất"),
    ("Đội tuần tra thu giữ 12 xe máy.", "12 xe máy", "xe máy"),
    # after "đồng thời", a share verb alone: the share's own noun phrase
    ("Doanh nghiệp tăng vốn đồng thời chiếm 15% tổng vốn ngành.", "15%", "tổng vốn ngành"),
]


@pytest.mark.parametrize("sentence, text, measure", MEASURE_ONLY)
def test_measure_only(sentence, text, measure):
    assert _fact(sentence, text).get("measure") == measure
