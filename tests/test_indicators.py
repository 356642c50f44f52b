"""What each figure measures: the taxonomy's own examples, a table of
attachment cases (indicator, target, comparator, change, period) and the
analyst views (the consistency checks are in test_checks.py)."""

import sqlite3

import pytest
from click.testing import CliRunner

from conftest import facts_of
from extractor.cli import cli
from extractor.indicators import known_keys, taxonomy
from extractor.pipeline import extract_text

CONTRACT_KEYS = {
    "targets_completed", "poor_households", "poor_household_rate", "near_poor_households",
    "near_poor_household_rate", "health_insurance_participants", "health_insurance_coverage",
    "social_insurance_participants", "social_insurance_coverage", "unemployment_insurance_participants",
    "jobs_created", "unemployment_rate", "trained_labor_rate", "child_malnutrition_rate",
    "hospital_beds_per_10k", "doctors_per_10k", "clean_water_rate", "hygienic_water_rate", "vaccination_rate",
    "school_enrollment_rate", "national_standard_schools", "health_standard_communes", "meritorious_people_care",
    "social_assistance_beneficiaries", "budget", "documents_issued",
}


def test_every_contract_key_is_in_the_taxonomy():
    assert CONTRACT_KEYS <= known_keys()


EXAMPLES = [
    pytest.param(fam.family, ex, id=f"{fam.family}: {ex.text} [{ex.match}]",
                 marks=[pytest.mark.xfail(strict=True, reason=ex.gap)] if ex.gap else [])
    for fam in taxonomy().families for ex in fam.examples
]


@pytest.mark.parametrize("family,ex", EXAMPLES)
def test_taxonomy_example(family, ex):
    f = next((f for f in facts_of(ex.text) if f["text"] == ex.match), None)
    assert f is not None, [g["text"] for g in facts_of(ex.text)]
    assert f["indicator"] == ex.key, f.get("measure")


def test_every_family_has_an_example_and_a_counter_example():
    """A family's examples show a figure that gets one of its keys and one that
    uses its wording nearby but is something else (its key null or another)."""
    lacking = []
    for fam in taxonomy().families:
        own = set(fam.keys.values())
        if not any(ex.key in own for ex in fam.examples):
            lacking.append(f"{fam.family}: no positive example")
        if not any(ex.key not in own for ex in fam.examples):
            lacking.append(f"{fam.family}: no counter-example")
    assert not lacking, lacking


# sentence, fact text, expected attributes
ATTACH = [
    ("Năm nay toàn xã giải quyết việc làm mới cho 420 lao động.", "420 lao động", {"indicator": "jobs_created", "target": False}),
    ("Tỉ lệ hộ nghèo của huyện giảm còn 1,2%.", "1,2%", {"indicator": "poor_household_rate", "change": None}),
    ("Số hộ nghèo giảm 230 hộ so với đầu năm.", "230 hộ", {"indicator": "poor_households", "change": "decrease"}),
    ("Tỷ lệ bao phủ BHYT tăng 2,1% so với cùng kỳ.", "2,1%", {"indicator": "health_insurance_coverage", "change": "increase"}),
    ("Phấn đấu đến năm 2025 tỷ lệ người dân tham gia bảo hiểm y tế đạt trên 95%.", "trên 95%", {"indicator": "health_insurance_coverage", "target": True, "comparator": ">", "period": "/2025"}),
    ("Mục tiêu đến năm 2030, tỷ lệ lao động qua đào tạo đạt 75%.", "75%", {"indicator": "trained_labor_rate", "target": True, "period": "/2030"}),
    ("Toàn tỉnh có 12.400 người tham gia bảo hiểm thất nghiệp.", "12.400 người", {"indicator": "unemployment_insurance_participants"}),
    ("Có 35.000 người tham gia BHXH tự nguyện, đạt 103% kế hoạch.", "103%", {"indicator": "social_insurance_participants"}),
    ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi còn 14,5%.", "14,5%", {"indicator": "child_malnutrition_rate"}),
    ("Hiện có 98,5% dân số nông thôn được dùng nước hợp vệ sinh.", "98,5%", {"indicator": "hygienic_water_rate"}),
    ("Tỷ lệ hộ dân dùng nước sạch đạt 67%.", "67%", {"indicator": "clean_water_rate"}),
    ("Tỷ lệ tiêm chủng mở rộng đạt 97,2%.", "97,2%", {"indicator": "vaccination_rate"}),
    ("Huyện có 28 trường đạt chuẩn quốc gia.", "28 trường", {"indicator": "national_standard_schools"}),
    ("Đã có 14/16 xã đạt chuẩn quốc gia về y tế.", "14/16 xã", {"indicator": "health_standard_communes"}),
    pytest.param("Tặng 1.500 suất quà cho người có công với cách mạng.", "1.500 suất quà", {"indicator": "meritorious_people_care"},
                 marks=pytest.mark.xfail(strict=True, reason="underthesea splits 'người có công', so the counted noun phrase stops at 'có'")),
    ("Chi trả trợ cấp xã hội hằng tháng cho 3.210 đối tượng.", "3.210 đối tượng", {"indicator": "social_assistance_beneficiaries"}),
    ("Tổng kinh phí thực hiện là 45 tỷ đồng.", "45 tỷ đồng", {"indicator": "budget"}),
    ("Ủy ban đã ban hành 52 văn bản chỉ đạo.", "52 văn bản", {"indicator": "documents_issued"}),
    ("Toàn huyện có 5 xã không còn hộ nghèo.", "5 xã", {"indicator": None}),
    ("Có 2.134 hộ nghèo, chiếm 0,095% tổng số hộ.", "0,095%", {"indicator": "poor_household_rate"}),
    ("Giải quyết việc làm cho 900 lao động, đạt 112% kế hoạch.", "112%", {"indicator": "jobs_created"}),
    ("Tỷ lệ thất nghiệp ở khu vực thành thị khoảng 3,1%.", "khoảng 3,1%", {"indicator": "unemployment_rate", "comparator": "~"}),
    ("Đạt 8,5 bác sĩ/vạn dân và 28 giường bệnh/vạn dân.", "28 giường bệnh/vạn dân", {"indicator": "hospital_beds_per_10k"}),
    ("Trong 6 tháng đầu năm 2023, huyện giải quyết việc làm cho 1.200 lao động.", "1.200 lao động", {"period": "2023-01/2023-06"}),
    ("Quý III/2022, số người tham gia BHYT tăng thêm 4.000 người.", "4.000 người", {"period": "2022-07/2022-09", "change": "increase"}),
    ("Đến năm 2025, 95% hộ dân được sử dụng nước sạch; tỷ lệ hộ nghèo dưới 1%.", "95%", {"indicator": "clean_water_rate", "period": "/2025"}),
    ("Năm nay, tỷ lệ hộ nghèo còn 2%, 85% người dân tham gia bảo hiểm y tế.", "85%", {"indicator": "health_insurance_coverage"}),
    ("Tỷ lệ hộ nghèo còn 2%, 100% trạm y tế có bác sĩ.", "100%", {"indicator": None}),
    ("Năm 2021, số hộ nghèo giảm 74% so với cùng kỳ năm 2020.", "74%", {"period": "2021/2021", "change": "decrease"}),
    ("Luật Hợp tác xã năm 2012 quy định, năm 2016 toàn tỉnh có 520 hợp tác xã.", "520 hợp tác xã", {"period": "2016/2016"}),
    # a count after a keyed count in one clause chain is read with the words that introduced it
    ("Dịp nghỉ lễ cả nước xảy ra 90 vụ tai nạn giao thông, làm chết 41 người.", "41 người", {"indicator": "traffic_deaths"}),
    ("Xe tải va chạm xe khách trên cao tốc, vụ tai nạn giao thông khiến 4 người chết, 9 người bị thương.", "9 người", {"indicator": "traffic_injuries"}),
    ("Trong năm, toàn tỉnh có 210 vụ tai nạn giao thông. Mưa lũ làm 6 người chết.", "6 người", {"indicator": None}),
    ("Huyện xảy ra 15 vụ tai nạn giao thông và 4 vụ cháy làm 2 người tử vong.", "2 người", {"indicator": None}),
    ("Huyện đã ban hành 30 văn bản, tổ chức 6 hội nghị cho 500 người.", "500 người", {"indicator": None}),
    # the high end of a range is read with its low end's clause
    ("Nhiều người chấp nhận lỗ từ 2 tới 3 triệu đồng để bán nhanh.", "3 triệu đồng", {"indicator": None}),
    ("Năm tới tăng trưởng kinh tế của tỉnh dự kiến đạt từ 6 đến 6,5%.", "6,5%", {"indicator": "grdp_growth"}),
    # a range written with a dash: its high end is read with its low end's measure
    ("Lãi suất tiền gửi ngắn hạn dao động từ 3,8% - 4,6% và từ 4,6% - 5,9%/năm.", "4,6%", {"indicator": "interest_rate"}),
    ("Lãi suất tiền gửi ngắn hạn dao động từ 3,8% - 4,6% và từ 4,6% - 5,9%/năm.", "5,9%", {"indicator": "interest_rate"}),
    ("Số người mua nhà ở mức từ 3% - 4% dân số.", "4%", {"indicator": None}),
    # a bare growth noun after a share of the plan is the plan's measure's change; a second
    # change with its own base after "và" shares the first's change
    ("Năm qua hãng đạt doanh thu 500 tỷ đồng, vượt 8% kế hoạch năm, tăng trưởng 25% so với năm trước.", "25%",
     {"indicator": "company_revenue", "change": "increase"}),
    ("Năm qua hãng đạt doanh thu 500 tỷ đồng, vượt 8% kế hoạch, tăng trưởng 25% so với năm trước và 60% so với năm 2015.", "60%",
     {"indicator": "company_revenue", "change": "increase"}),
    ("Doanh thu hãng đạt 500 tỷ đồng, bằng 90% kế hoạch năm; tăng trưởng 25% so với năm trước.", "25%", {"indicator": None}),
    ("Lợi nhuận của hãng giảm 4% so với quý trước và 9% so với cùng kỳ.", "9%", {"change": "decrease"}),
    ("Lợi nhuận của hãng giảm 4% so với quý trước, 9% thuộc về cổ đông lớn.", "9%", {"change": None}),
    ("Lợi nhuận của hãng giảm 4% so với quý trước và 9% cổ phần thuộc về cổ đông lớn.", "9%", {"change": None}),
    # a percentage that restates the clause before its comma is read with that clause's words
    ("Nền kinh tế Indonesia có thể tăng trưởng ở mức cao, khoảng 6,2% trong năm tới.", "khoảng 6,2%", {"indicator": "gdp_growth"}),
    ("Nền kinh tế thế giới có thể tăng trưởng ở mức thấp, khoảng 2,1% trong năm tới.", "khoảng 2,1%", {"indicator": None}),
    # a percentage of the noun phrase a share named ("x% GDP") is that share again, never growth
    ("Nước A mất 2,8% GDP/năm vì thiên tai trong khi con số này của nước B là 2%.", "2%", {"indicator": None}),
    ("Tăng trưởng GDP năm nay đạt 6,4%, trong khi con số này năm ngoái là 5,1%.", "6,4%", {"indicator": "gdp_growth"}),
    ("Công nghiệp chiếm 40% GRDP của tỉnh, GRDP tăng 8,2%.", "8,2%", {"indicator": "grdp_growth"}),
    # "DN" abbreviates "doanh nghiệp", as the counted noun and inside the measure
    ("Tính đến tháng 6, toàn tỉnh có 610 DN thành lập mới, đạt 55% kế hoạch năm.", "610 DN", {"indicator": "new_enterprises"}),
    ("Tính đến tháng 6, toàn tỉnh có 610 DN thành lập mới, đạt 55% kế hoạch năm.", "55%", {"indicator": "new_enterprises"}),
    ("Tính đến tháng 6, toàn tỉnh có 610 DN rút lui khỏi thị trường.", "610 DN", {"indicator": None}),
    ("Công ty mẹ đã thành lập 3 doanh nghiệp con ở nước ngoài.", "3 doanh nghiệp", {"indicator": None}),
    # visits counted in "lượt" (or "lượt người") after a clause that names the visitors, and the
    # change right after them; "lượt" of anything else is no arrival
    ("Sáu tháng đầu năm, khách du lịch đến thành phố ước đạt 1,8 triệu lượt người, tăng 7% so với cùng kỳ.",
     "1,8 triệu lượt", {"indicator": "tourist_arrivals"}),
    ("Sáu tháng đầu năm, khách du lịch đến thành phố ước đạt 1,8 triệu lượt người, tăng 7% so với cùng kỳ.",
     "7%", {"indicator": "tourist_arrivals", "change": "increase"}),
    ("Riêng du khách nước ngoài là 95.000 lượt.", "95.000 lượt", {"indicator": "tourist_arrivals"}),
    ("Bài viết của một du khách nhận được 12.000 lượt thích.", "12.000 lượt", {"indicator": None}),
    ("Bệnh viện tiếp nhận 3.000 lượt người đến khám.", "3.000 lượt", {"indicator": None}),
    ("Khách du lịch đông, nhà xe chạy thêm 300 lượt xe.", "300 lượt", {"indicator": None}),
    # "nguồn" before a wording names the same thing
    ("Đến cuối tháng 9, nguồn vốn đầu tư công đã giải ngân đạt 62% kế hoạch.", "62%",
     {"indicator": "public_investment_disbursement"}),
    ("Nguồn vốn đầu tư công được giao cho tỉnh năm nay là 900 tỷ đồng.", "900 tỷ đồng", {"indicator": None}),
    # a bare "giá trị" after a tonnage is the value of what was counted
    ("Quý I, nhập khẩu phân bón đạt 200.000 tấn với giá trị 70 triệu USD.", "70 triệu USD", {"indicator": "import_turnover"}),
    ("Công ty thu mua 200 tấn vải với giá trị 3 tỷ đồng.", "3 tỷ đồng", {"indicator": None}),
    ("Hợp tác xã bán 50 tấn gạo với giá trị 900 triệu đồng.", "900 triệu đồng", {"indicator": None}),
    # a loss of farmers or fishermen named earlier in the sentence is no company's result
    ("Nhiều nông dân nuôi cá lồng trên sông cho biết, sau đợt cá chết vụ này lỗ gần 100 triệu đồng.",
     "gần 100 triệu đồng", {"indicator": None}),
    ("Trong quý II, công ty thủy sản lỗ 12 tỷ đồng.", "12 tỷ đồng", {"indicator": "company_profit"}),
    # a year right after a head noun is its period, not a name ("doanh thu 2022 tăng 12%")
    ("Tập đoàn Minh Long ghi nhận doanh thu 2022 tăng 12%, lên 8.000 tỷ đồng.", "12%", {"indicator": "company_revenue"}),
    ("Tập đoàn Minh Long ghi nhận doanh thu 2022 tăng 12%, lên 8.000 tỷ đồng.", "8.000 tỷ đồng", {"indicator": "company_revenue"}),
    ("Chi nhánh số 2022 của ngân hàng cho vay 40 tỷ đồng.", "40 tỷ đồng", {"indicator": None}),
    # an amount followed by its own noun: a having verb or a bare subject before it says nothing
    ("Hãng điện thoại này tạo ra 20 tỷ USD doanh thu trong quý.", "20 tỷ USD", {"indicator": "company_revenue", "measure": "doanh thu"}),
    ("Thương vụ mang về 900 tỷ đồng lợi nhuận cho hãng.", "900 tỷ đồng", {"indicator": "company_profit"}),
    ("Công an thu giữ 3 tỷ đồng tiền mặt tại hiện trường.", "3 tỷ đồng", {"indicator": None}),
    ("Tỉnh đã giải ngân 1.500 tỷ đồng vốn đầu tư công.", "1.500 tỷ đồng", {"indicator": "public_investment_disbursement"}),
    # an amount after a comma and a bare "đạt" restates the clause before it
    ("Hãng vừa công bố doanh thu kỷ lục trong quý, đạt 75 tỷ USD, tăng 30%.", "75 tỷ USD", {"indicator": "company_revenue"}),
    ("Hãng vừa công bố doanh thu kỷ lục trong quý, đạt 75 tỷ USD, tăng 30%.", "30%", {"indicator": "company_revenue"}),
    ("Hãng bán hàng trăm lô hàng sang châu Âu, đạt 75 tỷ USD.", "75 tỷ USD", {"indicator": None}),
    # a contrast word opens a new clause with its own measure
    ("Số khách tới quầy giảm trong tháng Tết nhưng tăng trưởng tín dụng của ngân hàng vẫn đạt 6%.", "6%", {"indicator": "credit_growth"}),
    ("Tỉnh chi thêm ngoài dự toán nhưng không đúng quy định và chưa hỏi ý kiến với số tiền 12 tỷ đồng.", "12 tỷ đồng", {"indicator": None}),
    # "con số" before a figure only links it ("vượt quá con số 5 triệu")
    ("Tổng số ca mắc Covid-19 tại nước này đã vượt quá con số 5 triệu người.", "5 triệu người", {"indicator": "covid_cases"}),
    ("Con số 5 triệu người khiến nhiều người lo ngại.", "5 triệu người", {"indicator": None}),
    # "với cùng kỳ" is a comparison (for "so với cùng kỳ")
    ("Quý này ngân hàng báo lãi 700 tỷ đồng, tăng 25% với cùng kỳ năm trước.", "25%", {"indicator": "company_profit"}),
    # an amount after a profit word with no currency is in đồng
    ("Tập đoàn báo lợi nhuận sau thuế đạt hơn 9 nghìn tỷ, tăng 60% so với năm trước.", "60%", {"indicator": "company_profit"}),
    ("Tập đoàn báo lợi nhuận sau thuế đạt hơn 9 nghìn tỷ, tăng 60% so với năm trước.", "hơn 9 nghìn tỷ", {"indicator": "company_profit", "currency": "VND"}),
    # a dot with a small letter right after it is inside a name, no sentence end
    ("Giá vàng giao ngay trên sàn Kitco.com giao dịch ở mức 1.900 USD/ounce.", "1.900 USD/ounce", {"indicator": "gold_price"}),
    # a range joined by "đến"/"tới" whose low end is a bare number counts the high end's noun
    ("Dịp nghỉ hè, khu du lịch dự kiến đón 40.000 đến 45.000 lượt khách.", "40.000", {"indicator": "tourist_arrivals", "measure": "khách"}),
    ("Dịp nghỉ hè, khu du lịch dự kiến đón 40.000 đến 45.000 lượt khách.", "45.000 lượt", {"indicator": "tourist_arrivals"}),
    ("Thị trấn sẽ đón 40.000 tới 45.000 lượt khách, tăng 10-15% so với năm trước.", "15%", {"indicator": "tourist_arrivals"}),
    ("Thị trấn có 40.000 đến 45.000 lượt chia sẻ bài viết về lễ hội.", "45.000 lượt", {"indicator": None}),
    ("Giá phòng từ 500.000 đến 800.000 đồng/đêm.", "từ 500.000", {"measure": "giá phòng"}),
    # stock indices named with "chỉ số" before a hyphenated name, after "giúp", or with a
    # possessor phrase naming the group of shares
    ("Chỉ số VN30-Index cuối phiên tăng 6,5 điểm lên 1.280 điểm.", "6,5 điểm", {"indicator": "stock_index", "measure": "chỉ số vn30-index"}),
    ("Nhóm ngân hàng tăng mạnh, nhờ đó giúp HNX-Index tăng 1,2 điểm.", "1,2 điểm", {"indicator": "stock_index", "measure": "hnx-index"}),
    ("Trong phiên, VNSML-Index của nhóm vốn hóa nhỏ giảm 2,4 điểm tương ứng 0,2%.", "2,4 điểm", {"indicator": "stock_index", "measure": "vnsml-index"}),
    ("Trong phiên, VNSML-Index của nhóm vốn hóa nhỏ giảm 2,4 điểm tương ứng 0,2%.", "0,2%", {"indicator": "stock_index"}),
    ("Trong phiên, vốn hóa của nhóm ngân hàng đạt 1,8 triệu tỷ đồng.", "1,8 triệu tỷ đồng", {"indicator": "market_value"}),
    ("Cổ phiếu của nhóm vốn hóa lớn tăng 2,5% trong phiên.", "2,5%", {"indicator": None}),
    # Covid-19 deaths written "bệnh nhân (Covid-19) đã tử vong"; cases in a planned scenario are no count
    ("Dịch Covid-19 vẫn lan rộng: trong tuần, thế giới có thêm 60.000 bệnh nhân Covid-19 đã tử vong.", "60.000 bệnh nhân", {"indicator": "covid_deaths"}),
    ("Dịch Covid-19 vẫn lan rộng: trong tuần, thế giới có thêm 60.000 bệnh nhân Covid-19 đã xuất viện.", "60.000 bệnh nhân", {"indicator": None}),
    ("Dịch Covid-19 vẫn phức tạp, tỉnh chuẩn bị giường bệnh cho tình huống có 5.000 người mắc bệnh.", "5.000 người", {"indicator": None}),
    ("Dịch Covid-19 vẫn phức tạp, trong tình huống này tỉnh đã ghi nhận 50 ca mắc Covid-19.", "50 ca mắc", {"indicator": "covid_cases"}),
    # a revenue qualified by "có thuế" is still the company's revenue
    ("Trong quý, doanh thu bán vé số có thuế của công ty là 900 tỷ đồng.", "900 tỷ đồng", {"indicator": "company_revenue"}),
    # a trade surplus or deficit as the object of a verb ("ghi nhận xuất siêu N"): the balance
    # noun is the measure, not the verb before it
    ("Theo cơ quan thống kê, nước này đạt thặng dư thương mại 1,3 tỷ USD trong tháng 3.", "1,3 tỷ USD", {"indicator": "trade_balance"}),
    ("Sau bốn tháng, cả nước ghi nhận xuất siêu 2,1 tỷ USD.", "2,1 tỷ USD", {"indicator": "trade_balance"}),
    ("Nước láng giềng ghi nhận thâm hụt ngân sách 4 tỷ USD.", "4 tỷ USD", {"indicator": None}),
    ("Năm qua, hợp tác xã đạt thặng dư 2 tỷ đồng.", "2 tỷ đồng", {"indicator": None}),
    # a fuel grade named without "giá" ("xăng A92 giảm …", "dầu hỏa … xuống còn …") is its price;
    # a volume of the same fuel is no price
    ("Ở kỳ điều hành này, xăng A92 được giảm 240 đồng/lít.", "240 đồng/lít", {"indicator": "fuel_price"}),
    ("Dầu hỏa tăng 130 đồng/lít, lên mức 12.050 đồng/lít.", "12.050 đồng/lít", {"indicator": "fuel_price"}),
    ("Còn dầu mazut giảm 45 đồng/kg.", "45 đồng/kg", {"indicator": "fuel_price"}),
    ("Cửa hàng đã cấp 2.500 lít dầu hỏa cho tàu cá.", "2.500 lít", {"indicator": None}),
    # a bare selling price after a fuel price of its sentence restates that price; after a ';',
    # or after a price of something else, it names nothing of its own
    ("Giá dầu diesel tăng 120 đồng/lít, giá bán tối đa không quá 15.400 đồng/lít.", "không quá 15.400 đồng/lít", {"indicator": "fuel_price", "measure": "giá dầu diesel"}),
    ("Giá dầu diesel tăng 120 đồng/lít; giá bán tại cửa hàng là 15.400 đồng/lít.", "15.400 đồng/lít", {"indicator": None}),
    ("Doanh thu của trại đạt 3 tỷ đồng, giá bán 55.000 đồng/kg.", "55.000 đồng/kg", {"indicator": None}),
    ("Giá mua vào giảm 100.000 đồng/lượng, giá bán ra giảm 50.000 đồng/lượng.", "50.000 đồng/lượng", {"measure": "giá bán ra"}),
    ("Căn hộ có giá gốc là 20 triệu đồng/m2, giá bán là 26 triệu đồng/m2.", "26 triệu đồng/m", {"measure": "giá bán"}),
]


@pytest.mark.parametrize("sentence,text,expect", ATTACH, ids=[(a.values if hasattr(a, "values") else a)[0] for a in ATTACH])
def test_attachment(sentence, text, expect):
    f = next((f for f in facts_of(sentence) if f["text"] == text), None)
    assert f is not None, [g["text"] for g in facts_of(sentence)]
    for k, v in expect.items():
        assert f.get(k) == v, (k, f.get(k))


# figures whose words name a threshold, a gap, a price per stay or a probability, no value of the
# key their measure names (each with a counter-example that keeps the key)
NOT_A_VALUE = [
    # an amount followed by "trở lên" / "trở xuống" is a threshold of a rule or a ranking
    ("Chỉ những hãng có vốn hóa từ 2.000 tỷ đồng trở lên mới được xét chọn.", "2.000 tỷ đồng", None),
    ("Người bán hàng online có doanh thu từ 100 triệu đồng trở lên phải kê khai thuế.", "100 triệu đồng", None),
    ("Năm nay hãng đạt doanh thu 2.000 tỷ đồng, tăng 10% so với năm trước.", "2.000 tỷ đồng", "company_revenue"),
    # a gap between two prices is no price
    ("Giá vàng miếng trong nước đang chênh khoảng 4 triệu đồng/lượng so với thế giới.", "khoảng 4 triệu đồng/lượng", None),
    ("Hiện khoảng cách giữa giá vàng miếng và vàng nhẫn là 1,5 triệu đồng/lượng.", "1,5 triệu đồng/lượng", None),
    ("Giá vàng miếng trong nước đang ở mức 70 triệu đồng/lượng.", "70 triệu đồng/lượng", "gold_price"),
    # a price per night or per guest is a stay's
    ("Căn biệt thự nghỉ dưỡng có giá 900 USD mỗi đêm.", "900 USD", None),
    ("Căn biệt thự ven sông có giá 20 tỷ đồng.", "20 tỷ đồng", "housing_price"),
    # the odds of a rate decision are a probability
    ("Xác suất để ngân hàng trung ương giữ nguyên lãi suất trong kỳ họp tới là 60%.", "60%", None),
    ("Lãi suất cho vay ngắn hạn phổ biến ở mức 7%/năm.", "7%", "interest_rate"),
    # a ratio key never takes an amount: bad debt in money has its own key
    ("Cuối quý, nợ xấu của ngân hàng ở mức 3.000 tỷ đồng.", "3.000 tỷ đồng", "bad_debt_amount"),
    ("Cuối quý, tỷ lệ nợ xấu của ngân hàng ở mức 1,7%.", "1,7%", "bad_debt_ratio"),
    # a revenue or profit "from" one activity is a segment's; an accumulated loss is a balance
    ("Lãi từ hoạt động kinh doanh ngoại hối đạt 90 tỷ đồng.", "90 tỷ đồng", None),
    ("Lãi trước thuế của ngân hàng đạt 900 tỷ đồng.", "900 tỷ đồng", "company_profit"),
    ("Lũy kế đến hết năm, hãng hàng không lỗ lũy kế 1.500 tỷ đồng.", "1.500 tỷ đồng", None),
]


@pytest.mark.parametrize("sentence,text,key", NOT_A_VALUE, ids=[a[0] + " [" + a[1] + "]" for a in NOT_A_VALUE])
def test_not_a_value(sentence, text, key):
    f = next((f for f in facts_of(sentence) if f["text"] == text), None)
    assert f is not None, [g["text"] for g in facts_of(sentence)]
    assert f["indicator"] == key, f.get("measure")


def test_a_ratio_key_takes_no_amount():
    """A key named for a ratio or a rate that takes a percentage may not also take money."""
    from pydantic import ValidationError

    from extractor.indicators import Taxonomy

    data = taxonomy().model_dump()
    data["keys"]["bad_debt_ratio"]["kinds"] = ["percent", "money"]
    with pytest.raises(ValidationError, match="bad_debt_ratio"):
        Taxonomy.model_validate(data)
    data["keys"]["bad_debt_ratio"]["kinds"] = ["percent"]
    Taxonomy.model_validate(data)  # as the rules have it


AREAS = [
    # (document body after the title, figure, area)
    ("Huyện Mê Linh tổng kết năm.\n\nToàn huyện có 120 hộ nghèo.", "120 hộ", "Mê Linh"),
    ("Huyện Mê Linh tổng kết năm.\n\nCả nước có 1,2 triệu hộ nghèo.", "1,2 triệu hộ", None),
    ("Hội nghị tổng kết năm.\n\nHọc sinh đạt 30 giải.\n\nỞ tỉnh Hà Nam, có 12 trường đạt chuẩn.", "30 giải", None),
    ("Hội nghị tổng kết năm.\n\nHọc sinh đạt 30 giải.\n\nTỉnh Hà Nam có 12 trường đạt chuẩn.", "12 trường", "Hà Nam"),
    ("Quận Ba Đình họp.\n\nViệt Nam ghi nhận 2.852 ca mắc.", "2.852 ca mắc", None),
    ("Bảo hiểm y tế.\n\nTỷ lệ bao phủ cao nhất ở Hải Phòng (100%), Hà Nam (99%), Thái Bình (98,46%).", "98,46%", "Thái Bình"),
    ("Huyện Quốc Oai họp.\n\nTheo chuẩn nghèo của thành phố Hà Nội, toàn huyện còn 45 hộ nghèo.", "45 hộ", "Quốc Oai"),
]


@pytest.mark.parametrize("body,text,area", AREAS, ids=[a[0] for a in AREAS])
def test_area_attachment(body, text, area):
    ex = extract_text("Tiêu đề\n\n" + body + "\n")
    f = next(f for f in ex.facts if f["text"] == text)
    assert f["area"] == area


def test_views_and_query(tmp_path, root):
    db = tmp_path / "c.db"
    assert CliRunner().invoke(cli, ["ingest", str(root / "corpus"), "--db", str(db), "--quiet"]).exit_code == 0
    con = sqlite3.connect(db)
    rows = con.execute(
        "select area, value, sentence, document_title from indicator_values where indicator = 'poor_households'"
    ).fetchall()
    assert ("Quốc Oai", 45.0) in [(a, v) for a, v, _, _ in rows]
    assert all(s and t for _, _, s, t in rows)
    series = con.execute("select area, value, articles_agreeing from indicator_series where indicator = 'jobs_created' and kind = 'quantity'").fetchall()
    assert ("Quốc Oai", 8623.0, 1) in series
    res = CliRunner().invoke(cli, ["query", "indicator", "poor_households", "--area", "Quốc Oai", "--db", str(db)])
    assert res.exit_code == 0 and "45" in res.output
    bad = CliRunner().invoke(cli, ["query", "indicator", "happiness", "--db", str(db)])
    assert bad.exit_code == 1 and "no indicator key or measure" in bad.output
