"""A figure's period, goal and change from the words around it (extractor/attach.py,
rules/context.yaml), read by the whole pipeline from one paragraph published
2023-06-15 (conftest.facts_of). Each row names a figure by its text and the
attributes it must have; counter-examples are rows whose expected value is
null or false. Known gaps are strict xfails."""

import pytest

from conftest import facts_of
from extractor.models import NUMERIC_KINDS


def _figure(text, figure):
    hits = [f for f in facts_of(text) if f["kind"] in NUMERIC_KINDS and f["text"] == figure]
    assert len(hits) == 1, [f["text"] for f in facts_of(text)]
    return hits[0]


def _xfail(row, reason):
    return pytest.param(*row, marks=pytest.mark.xfail(strict=True, reason=reason))


# (paragraph, figure, period)
PERIODS = [
    # each end of "từ X năm A lên Y năm B" takes its own year
    ("Vốn điều lệ tăng từ 12.500 tỷ đồng năm 2015 lên 30.200 tỷ đồng năm 2019.", "12.500 tỷ đồng", "2015/2015"),
    ("Vốn điều lệ tăng từ 12.500 tỷ đồng năm 2015 lên 30.200 tỷ đồng năm 2019.", "30.200 tỷ đồng", "2019/2019"),
    # open and relative forms
    ("Tỉnh phấn đấu nâng độ che phủ rừng lên 47% trước năm 2030.", "47%", "/2030"),
    ("Ngay từ sau năm 2018, xã đã có 14 hợp tác xã.", "14 hợp tác xã", "2018/"),
    ("Từ đầu năm 2022 đến nay, hội đã giúp 320 hộ vay vốn.", "320 hộ", "2022-01/"),
    ("Năm ngoái, mỗi héc-ta cam lãi 80 triệu đồng.", "80 triệu đồng", "2022/2022"),
    ("Năm nay toàn xã trồng mới 25 ha rừng.", "25 ha", "2023/2023"),
    ("Sang năm tới, trường tuyển thêm 150 sinh viên.", "150 sinh viên", "2024/2024"),
    # a day, a month, a span of days
    ("Tính đến ngày 31/12/2022, toàn tỉnh có 1.250 doanh nghiệp.", "1.250 doanh nghiệp", "2022-12-31"),
    ("Tính đến tháng 5/2023, xã còn 41 hộ nghèo.", "41 hộ", "2023-05/2023-05"),
    ("Từ ngày 1/3 đến ngày 10/3, đội kiểm tra phát hiện 12 vụ vi phạm.", "12 vụ", "2023-03-01/2023-03-10"),
    ("Số ca mắc tính từ ngày 27/4 đến nay: 815 ca.", "815 ca", "2023-04-27/"),
    # "từ đầu năm … đến <day or month>": from the year's first month to that day or month
    ("Từ đầu năm đến ngày 20/5, huyện ghi nhận 64 ca mắc sởi.", "64 ca mắc", "2023-01/2023-05-20"),
    ("Tính từ đầu năm 2022 đến 30/4/2022, cảng đón 215 chuyến tàu.", "215 chuyến", "2022-01/2022-04-30"),
    ("Từ đầu năm đến hết tháng 4, xã cấp 58 sổ đỏ.", "58 sổ đỏ", "2023-01/2023-04"),
    ("Từ đầu năm 2022 đến ngày 3/2/2023, cảng đón 215 chuyến tàu.", "215 chuyến", "2022-01/2023-02-03"),
    # counter-example: "đến nay" ends the span, a later day is no end of it
    ("Từ đầu năm đến nay, xã cấp 58 sổ đỏ, riêng ngày 2/6 cấp 9 sổ.", "58 sổ đỏ", "2023-01/"),
    # half a month: days 1-15 or 16 to its end; not the end of a running total
    ("Trong nửa đầu tháng 5, cảng xuất 1,2 triệu tấn hàng.", "1,2 triệu tấn", "2023-05-01/2023-05-15"),
    ("Nửa cuối tháng 2/2022, giá thép giảm 300 đồng/kg.", "300 đồng/kg", "2022-02-16/2022-02-28"),
    ("Trong tháng 5, cảng xuất 1,2 triệu tấn hàng.", "1,2 triệu tấn", "2023-05/2023-05"),
    ("Tính đến nửa đầu tháng 5, cảng xuất 1,2 triệu tấn hàng.", "1,2 triệu tấn", "2023-05/2023-05"),
    # "từ tháng X" alone opens a period like "từ năm 2019" does; a month without "từ" is that month
    ("Từ tháng 3/2022, giá vé tăng thêm 5.000 đồng.", "5.000 đồng", "2022-03/"),
    ("Kể từ tháng 9/2021, xã đã làm 12 km đường.", "12 km", "2021-09/"),
    ("Trong tháng 3/2022, giá vé tăng thêm 5.000 đồng.", "5.000 đồng", "2022-03/2022-03"),
    ("Đây là trận lũ lớn nhất kể từ tháng 9/2009, khi đó 30 người thiệt mạng.", "30 người", "2009-09/2009-09"),
    ("Từ tháng 3/2022 đến tháng 5/2022, xã làm 12 km đường.", "12 km", "2022-03/2022-05"),
    # a time closing the sentence after "trong"/"vào" is the time of its clause's figures
    ("Hai hãng bán ra 40 triệu máy, chiếm 12% và 9% thị phần trong quý II/2022.", "12%", "2022-04/2022-06"),
    ("Hai hãng bán ra 40 triệu máy, chiếm 12% và 9% thị phần trong quý II/2022.", "9%", "2022-04/2022-06"),
    ("Hợp tác xã thu về 2 tỷ đồng trong năm 2021.", "2 tỷ đồng", "2021/2021"),
    # … not of an earlier clause's, nor across a new statement or a subordinate clause
    ("Hai hãng bán ra 40 triệu máy, chiếm 12% và 9% thị phần trong quý II/2022.", "40 triệu máy", None),
    ("Hội có 35 hội viên, được thành lập vào năm 2009.", "35 hội viên", None),
    ("Đoàn sẽ thuyết phục 3 đối tác tham gia dự án khi lãnh đạo hai bên có cuộc gặp chính thức tại thủ đô "
     "vào năm 2019.", "3 đối tác", None),
    ("Cả 4 vận động viên nói trên đều không phải là người đã giành chiến thắng chung cuộc ở chặng đua dài "
     "vào năm 2019.", "4 vận động viên", None),
    ("Kết quả xổ số ngày 7/6: giải đặc biệt trị giá 42 tỷ đồng.", "42 tỷ đồng", "2023-06-07"),
    ("Đoàn thiện nguyện hôm 2/6 đã trao 60 suất quà.", "60 suất quà", "2023-06-02"),
    # a comparison base is not the figure's time
    ("Năm 2022, xuất khẩu đạt 3,4 tỷ USD, tăng 12% so với cùng kỳ năm 2021.", "12%", "2022/2022"),
    ("So với quý đầu tiên của năm 2022, giá thuê tăng 9%.", "9%", None),
    # the time opening a clause frames the sentence and the paragraph
    ("Trong 6 tháng đầu năm, huyện giải quyết việc làm cho 900 lao động. Tỷ lệ thất nghiệp dưới 3%.", "dưới 3%", "2023-01/2023-06"),
    ("Hôm nay (14/6), tỉnh ghi nhận thêm 35 ca mắc, nâng tổng số ca lên 2.100 ca.", "2.100 ca", "2023-06-14"),
    ("Dự kiến 6 tháng cuối năm, huyện ban hành 8 văn bản.", "8 văn bản", "2023-07/2023-12"),
    ("Dự án triển khai từ năm 2021 đến năm 2025. Dự án thực hiện trên diện tích 1.800 ha.", "1.800 ha", "2021/2025"),
    # relative days
    ("Ngày 3/5, tỉnh tiếp nhận 200 tấn gạo. Cùng ngày, huyện đã phát 50 tấn gạo cho dân.", "50 tấn", "2023-05-03"),
    ("Ngày 3/5, nhóm này trộm 2 xe máy. Ngay ngày hôm sau, chúng tiếp tục trộm 1 điện thoại.", "1 điện thoại", "2023-05-04"),
    # counter-examples: a vague time, a contrast, a parenthesis, a distant time, a plan's period
    ("Năm 2021, xã có 120 hộ nghèo. Hiện nay, xã chỉ còn 38 hộ nghèo.", "38 hộ", None),
    ("Năm 2021, xã có 120 hộ nghèo. Vài ngày sau, đoàn công tác trao 15 suất quà.", "15 suất quà", None),
    ("Ngày 3/5, tỉnh A nhận 200 tấn gạo, trong khi tỉnh B sẽ nhận 100 tấn.", "100 tấn", None),
    ("Ông Hùng (mất năm 2020) để lại 30 bức tranh.", "30 bức", None),
    ("Ban tổ chức công bố 30 cầu thủ chuẩn bị cho giải đấu khu vực sẽ khởi tranh tại Thái Lan vào tháng 9 tới.", "30 cầu thủ", None),
    ("Huyện thực hiện được 20 chỉ tiêu, có 3 chỉ tiêu vượt kế hoạch năm 2023; có 2 chỉ tiêu chưa đạt.", "3 chỉ tiêu", "2023/2023"),
    ("Huyện thực hiện được 20 chỉ tiêu, có 3 chỉ tiêu vượt kế hoạch năm 2023; có 2 chỉ tiêu chưa đạt.", "2 chỉ tiêu", None),
    ("Theo chuẩn nghèo giai đoạn 2022-2025, huyện còn 45 hộ nghèo.", "45 hộ", None),
    # a body scraped as one long line: the carried period reaches the next few sentences only
    ("Năm 2020, xã có 120 hộ nghèo. Người dân phấn khởi. Cán bộ xã đi thăm từng nhà. "
     + "Đường làng được sửa. " * 10 + "Xã có 5 trạm y tế.", "5 trạm", None),
    ("Năm 2020, xã có 120 hộ nghèo. Người dân phấn khởi. Xã có 5 trạm y tế.", "5 trạm", "2020/2020"),
    # a time between two figures that opens the second one's statement
    ("GDP quý I tăng 5,1% sang quý II tăng 6,2%.", "6,2%", "2023-04/2023-06"),
    ("GDP quý I tăng 5,1% sang quý II tăng 6,2%.", "5,1%", "2023-01/2023-03"),
    ("Số bệnh nhân tăng từ 90 người hôm 2/6 lên 140 người hôm 9/6.", "90 người", "2023-06-02"),
    # quarters and months counted from the publication (no facts themselves)
    ("GDP giảm 1,5% trong quý này.", "1,5%", "2023-04/2023-06"),
    ("Doanh số tháng trước của đại lý đạt 800 chiếc.", "800 chiếc", "2023-05/2023-05"),
    ("Doanh số của đại lý tăng 8% so với tháng trước.", "8%", None),
    # "cùng kỳ" as the figure's own time: the current period a year earlier
    ("GDP quý II tăng 6%. Đó là nhờ cùng kỳ năm ngoái đã giảm 4%.", "4%", "2022-04/2022-06"),
    ("Quý I/2022, hợp tác xã lãi 20 tỷ đồng, trong khi cùng kỳ lỗ 5 tỷ đồng.", "5 tỷ đồng", "2021-01/2021-03"),
    ("Quý I/2022, hợp tác xã lãi 20 tỷ đồng (cùng kỳ 12 tỷ đồng).", "12 tỷ đồng", "2021-01/2021-03"),
    ("Quý I/2022, hợp tác xã lãi 20 tỷ đồng, tăng 15% so với cùng kỳ.", "15%", "2022-01/2022-03"),
    ("Quý I/2022, hợp tác xã lãi 20 tỷ đồng, cùng kỳ năm trước 12 tỷ đồng.", "20 tỷ đồng", "2022-01/2022-03"),
    # "từ đầu năm (đến nay)" without a year opens at the context year's first month
    ("Từ đầu năm đến nay, tỉnh thu hút 15 dự án.", "15 dự án", "2023-01/"),
    ("Kể từ đầu năm, giá phân bón tăng 12%.", "12%", "2023-01/"),
    ("Đầu năm, giá phân bón tăng 12%.", "12%", "2023/2023"),
    # the share of a plan takes the plan's year, also after "so với"
    ("Đến cuối tháng 5, tỉnh giải ngân 900 tỷ đồng, đạt 45% so với kế hoạch vốn năm 2022.", "45%", "2022/2022"),
    # a sentence detailing the one before it ("Trong đó, …") takes its time
    ("Sản lượng lúa năm 2022 của huyện đạt 80.000 tấn. Trong đó, lúa chất lượng cao đạt 30.000 tấn.",
     "30.000 tấn", "2022/2022"),
    ("Sản lượng lúa năm 2022 của huyện đạt 80.000 tấn. Lúa chất lượng cao đạt 30.000 tấn.", "30.000 tấn", None),
    # a short clause opening the sentence with a time frames the paragraph
    ("Mở cửa phiên sáng 12/6, giá cà phê ở mức 40.000 đồng/kg. Giá tiêu đứng ở 70.000 đồng/kg.",
     "70.000 đồng/kg", "2023-06-12"),
    ("Cửa hàng bán được 40 chiếc xe vào ngày 12/6, khách rất đông. Cửa hàng còn 60 chiếc xe.", "60 chiếc", None),
    # vague spans end the carried period
    ("Năm 2020, hợp tác xã có 40 thành viên. Trong 10 năm qua, hợp tác xã đã trồng 300 ha chè.", "300 ha", None),
    ("Năm 2020, hợp tác xã có 40 thành viên. Hiện hợp tác xã đã có 65 thành viên.", "65 thành viên", None),
    # a time after a goal word that opens the next statement is the goal's, not the achieved figure's
    ("Năm 2016, trại mở rộng. Đàn bò hiện nay đã có 1.000 con và dự kiến đến năm 2018 đạt 3.000 con.",
     "1.000 con", None),
    ("Năm 2016, trại mở rộng. Đàn bò hiện nay đã có 1.000 con và dự kiến đến năm 2018 đạt 3.000 con.",
     "3.000 con", "/2018"),
    ("Ngân hàng đã hạ 1 điểm phần trăm trong dự báo tăng trưởng năm 2023.", "1 điểm", "2023/2023"),
    # a start ("từ tháng 6/2015") ending a sentence's opening clause does not frame the next sentences
    ("Nhóm lớp được cấp phép hoạt động từ tháng 6/2015, đang trông giữ 73 trẻ. Lớp này có 17 trẻ.", "17 trẻ", None),
    # … but still the later clauses of its own sentence ("giao dịch từ ngày 30/9/2016, với giá … phiên đầu tiên")
    ("Cổ phiếu giao dịch từ ngày 30/9/2016, với giá tham chiếu phiên đầu là 7.000 đồng.", "7.000 đồng", "2016-09-30"),
    # a duration of years or months is not the day or year carried from before
    ("Ngày 22/5, báo chí đưa tin ông bị cho thôi việc. Cổ phiếu của hãng giảm 40% trong 3 năm ông điều hành.",
     "40%", None),
    ("Năm 2020, hợp tác xã có 40 thành viên. Hợp tác xã đã trồng 300 ha chè trong 2 năm.", "300 ha", None),
    # … which opening a sentence neither frames it nor ends the carried period
    ("Năm 2016, công ty lỗ nặng. Trong vòng 1 năm, giá cổ phiếu giảm 50%. Công ty lỗ 437 tỷ đồng.",
     "437 tỷ đồng", "2016/2016"),
    # … but a span of the year is a period
    ("Năm 2020, hợp tác xã có 40 thành viên. Trong 6 tháng đầu năm, hợp tác xã trồng 300 ha chè.",
     "300 ha", "2023-01/2023-06"),
    ("Năm 2020, hợp tác xã có 40 thành viên. Trong 2 tháng cuối năm 2021, hợp tác xã trồng 300 ha chè.",
     "300 ha", "2021-11/2021-12"),
    ("Năm 2020, hợp tác xã có 40 thành viên. Hiện, hợp tác xã có 65 thành viên.", "65 thành viên", None),
    # "cả năm" without a year: the whole year of the time before it, not its quarter
    ("Doanh thu quý IV/2021 đạt 90 tỷ đồng, cả năm đạt 350 tỷ đồng.", "350 tỷ đồng", "2021/2021"),
    ("Quý III/2022 nhà máy xuất 2.000 tấn hàng. Tính chung cả năm, nhà máy xuất 9.000 tấn hàng.",
     "9.000 tấn", "2022/2022"),
    # … not a duration, and no year at all when nothing before it names one
    ("Ông ấy làm thuê cả năm trời mới để dành được 40 triệu đồng.", "40 triệu đồng", None),
    ("Cả năm, hợp tác xã bán được 120 tấn rau.", "120 tấn", None),
    # the time of a plan or forecast frames only the goals of the next sentences
    ("Trong tháng 5/2021, dự án sẽ được chấm điểm. Nhóm đã chi khoảng 90 triệu đồng cho dự án.",
     "khoảng 90 triệu đồng", None),
    ("Năm 2025, tỉnh dự kiến hoàn thành 3 tuyến đường. Tỉnh phấn đấu trồng thêm 500 ha rừng.", "500 ha", "2025/2025"),
    ("Năm 2021, tỉnh đã hoàn thành 3 tuyến đường. Tỉnh trồng thêm 500 ha rừng.", "500 ha", "2021/2021"),
    # a size, weight or capacity describes a thing: no time, whatever frames the sentence
    ("Tháng 3/2021, xưởng hạ thủy một chiếc sà lan dài 42m, rộng 9m.", "42m", None),
    ("Tháng 3/2021, xưởng hạ thủy một chiếc sà lan dài 42m, rộng 9m.", "9m", None),
    ("Năm 2019, cảng đón con tàu có trọng tải trên 80.000 tấn.", "trên 80.000 tấn", None),
    ("Năm 2020, ông mua khu vườn rộng khoảng 3 ha ở ngoại thành.", "khoảng 3 ha", None),
    ("Ngày 4/5/2022, cháu bé nặng 3,2kg chào đời.", "3,2kg", None),
    # … not a change of a size, nor what the year's work produced
    ("Năm 2020, huyện mở rộng 150 ha vùng trồng cam.", "150 ha", "2020/2020"),
    ("Năm 2020, tỉnh kéo dài 12 km đê biển.", "12 km", "2020/2020"),
    ("Năm 2020, hợp tác xã thu hoạch 700 tấn cam.", "700 tấn", "2020/2020"),
    ("Năm 2020, tỉnh có diện tích lúa 2.500 ha.", "2.500 ha", "2020/2020"),
    ("Đến năm 2030, tỉnh sẽ đưa vào khai thác các tuyến với tổng chiều dài 320km.", "320km", "/2030"),
    ("Năm 2022, lợi nhuận cao 15% so với năm trước.", "15%", "2022/2022"),
    # the time of an event that dates the subject frames no later clause of the sentence …
    ("Hợp tác xã được thành lập năm 2012, hiện có 85 thành viên.", "85 thành viên", None),
    ("Nhà máy khởi công năm 2018, tổng vốn đầu tư 900 tỷ đồng.", "900 tỷ đồng", None),
    ("Ra đời năm 1999, diễn đàn chiếm 60% thương mại thế giới.", "60%", None),
    # … but the figures of what the subject started with are of that time, and so are
    # the figures of the event's own clause
    ("Hợp tác xã được thành lập năm 2012, với 9 thành viên.", "9 thành viên", "2012/2012"),
    ("Hợp tác xã được thành lập năm 2012 với 9 thành viên.", "9 thành viên", "2012/2012"),
    ("Năm 2012, hợp tác xã có 9 thành viên.", "9 thành viên", "2012/2012"),
    # a running total over the year's first months
    ("Lũy kế 4 tháng, hợp tác xã bán được 120 tấn chè.", "120 tấn", "2023-01/2023-04"),
    ("Luỹ kế bảy tháng năm 2021, cảng đón 35 chuyến tàu.", "35 chuyến", "2021-01/2021-07"),
    ("Lũy kế đến nay, quỹ đã cho vay 900 triệu đồng.", "900 triệu đồng", None),
    # the two ends of a range share one time: a time right after the range is both ends',
    # a size has none even when an earlier clause has a time
    ("Viện dự báo mức lạm phát 3%-3,5% trong năm 2024.", "3%", "2024/2024"),
    ("Viện dự báo mức lạm phát 3%-3,5% trong năm 2024.", "3,5%", "2024/2024"),
    ("Thiên thạch được phát hiện vào tháng 3, có đường kính từ 120 đến 300 mét.", "300 mét", None),
    # a reporting period (a quarter, months of the year) an earlier sentence of the paragraph
    # states for its figures is the time of the next sentences' figures …
    ("Hãng bán được 30 triệu máy trong quý II/2022. Trong khi đó, đối thủ chỉ chiếm 9% thị phần.", "9%",
     "2022-04/2022-06"),
    # … not an event's year, nor a figure after a comparison, a goal or a vague time
    ("Dự án được cấp phép vào năm 2006 với vốn 1 tỷ USD. Sau đó, vốn được nâng lên 3 tỷ USD.", "3 tỷ USD", None),
    ("Hãng bán được 30 triệu máy trong quý II/2022. Lãi tăng lên 8 tỷ đồng so với mức cùng kỳ là 5 tỷ đồng.",
     "5 tỷ đồng", None),
    ("Hãng bán được 30 triệu máy trong quý II/2022. Hãng dự kiến bán thêm 10 triệu máy.", "10 triệu máy", None),
    ("Hãng bán được 30 triệu máy trong quý II/2022. Hiện nay, hãng có 4 nhà máy.", "4 nhà", None),
    # the delivery month of a futures contract is no time of its price; the session's day is
    ("Trong phiên ngày 12/6, dầu thô giao tháng 8/2023 giảm 1,5 USD xuống 70,2 USD/thùng.", "70,2 USD/thùng",
     "2023-06-12"),
    ("Dầu thô giao tháng 8/2023 giảm 1,5 USD.", "1,5 USD", None),
    ("Cà phê kỳ hạn tháng 9/2023 tăng 40 USD/tấn.", "40 USD/tấn", None),
    ("Căn hộ được bàn giao tháng 8/2023 với giá 2 tỷ đồng.", "2 tỷ đồng", "2023-08/2023-08"),
    # a parenthesis right after a figure that holds only its time, or ends with it, dates it …
    ("Tỷ lệ hộ nghèo giảm từ 9,2% (năm 2019) xuống còn 4,1% hiện nay.", "9,2%", "2019/2019"),
    ("Năm 2020, cổ phiếu chốt ở 21.500 đồng (phiên ngày 9/6), giảm 2%.", "21.500 đồng", "2023-06-09"),
    ("Tháng 1/2023, hãng bán 2.600 xe, tăng so với 1.900 xe (trong tháng 1/2022).", "1.900 xe", "2022-01/2022-01"),
    # … not when it holds a figure of its own, or the time of an event
    ("Năm 2022, lãi đạt 50 tỷ đồng (tăng 8% so với năm 2021).", "50 tỷ đồng", "2022/2022"),
    ("Công ty có vốn 300 tỷ đồng (thành lập năm 2010).", "300 tỷ đồng", None),
    # a time after a figure that a new statement ("và đợt 2 …") puts before the next figure is the next one's
    ("Đợt 1 được trả vào tháng 3/2023 với tỷ lệ 10% và đợt 2 được trả vào tháng 9/2023 với tỷ lệ 6%.", "10%",
     "2023-03/2023-03"),
    ("Đợt 1 được trả vào tháng 3/2023 với tỷ lệ 10% và đợt 2 được trả vào tháng 9/2023 với tỷ lệ 6%.", "6%",
     "2023-09/2023-09"),
    ("Số dư tại ngày 30/3 là 1.200 tỷ đồng và tại ngày 30/6 là 1.450 tỷ đồng.", "1.200 tỷ đồng", "2023-03-30"),
    ("Số dư tại ngày 30/3 là 1.200 tỷ đồng và tại ngày 30/6 là 1.450 tỷ đồng.", "1.450 tỷ đồng", "2023-06-30"),
    ("Xuất khẩu 5 triệu tấn gạo trong năm 2021 và 6 triệu tấn trong năm 2022.", "5 triệu tấn", "2021/2021"),
    ("Doanh thu đạt 900 tỷ đồng và tăng mạnh trong quý I/2023.", "900 tỷ đồng", "2023-01/2023-03"),
    # a point a stock is counted to dates its own sentence, not the next ones; a goal's end still frames goals
    ("Tính đến cuối năm 2022, tồn kho của công ty là 600 tỷ đồng. Cổ phiếu công ty tăng lên 18.000 đồng.",
     "600 tỷ đồng", "/2022"),
    ("Tính đến cuối năm 2022, tồn kho của công ty là 600 tỷ đồng. Cổ phiếu công ty tăng lên 18.000 đồng.",
     "18.000 đồng", None),
    ("Đến năm 2012, tập đoàn đổi tên. Tập đoàn đang nắm giữ 24 công ty con.", "24 công ty", None),
    ("Đến năm 2025, tỉnh phấn đấu có 300 hợp tác xã. Tỉnh sẽ có 50 chợ đạt chuẩn.", "50 chợ", "/2025"),

    # with a known publication day (2023-06-15), "sáng nay" is that day and "hôm qua" the day before …
    ("Sáng nay, giá vàng miếng được niêm yết ở mức 66,5 triệu đồng/lượng.", "66,5 triệu đồng/lượng", "2023-06-15"),
    ("Chốt phiên hôm qua, chỉ số tăng 4,2 điểm lên 1.080 điểm.", "1.080 điểm", "2023-06-14"),
    ("Phiên hôm qua có 320 mã giảm thì sáng nay đã có 410 mã tăng.", "320 mã", "2023-06-14"),
    ("Phiên hôm qua có 320 mã giảm thì sáng nay đã có 410 mã tăng.", "410 mã", "2023-06-15"),
    # … a date written with it wins, and it is neither a comparison base nor the time of a goal
    ("Sáng nay (12/6), giá vàng miếng ở mức 66,5 triệu đồng/lượng.", "66,5 triệu đồng/lượng", "2023-06-12"),
    ("Giá bán ra tăng 50.000 đồng so với phiên hôm qua.", "50.000 đồng", None),
    ("Tại cuộc họp sáng nay, công ty đặt mục tiêu lợi nhuận 800 tỷ đồng.", "800 tỷ đồng", None),
    # "phiên này" is the session of the day last named; "tuần qua" names no day
    ("Giá dầu giảm trong phiên ngày 9/6.\nTrong phiên này, dầu Brent giảm 1,1 USD xuống 74 USD/thùng.", "74 USD/thùng",
     "2023-06-09"),
    ("Trong phiên này, dầu Brent giảm 1,1 USD xuống 74 USD/thùng.", "74 USD/thùng", None),
    ("Ngày 9/6, dầu Brent giảm 1,1 USD. Giá đã tăng 6% trong tuần qua.", "6%", None),
]


@pytest.mark.parametrize("text,figure,period", PERIODS)
def test_period_of_figure(text, figure, period):
    assert _figure(text, figure)["period"] == period


# "năm qua" alone is the year under review when the article is published at the
# turn of the year; in mid-year, or as "những năm qua", it names no year
PAST_YEAR = [
    ("Năm qua, huyện giải quyết việc làm cho 2.100 lao động.", "2024-01-05T08:00", "2023/2023"),
    ("Trong năm qua, huyện giải quyết việc làm cho 2.100 lao động.", "2023-12-20T08:00", "2023/2023"),
    ("Năm qua, huyện giải quyết việc làm cho 2.100 lao động.", "2023-06-15T08:00", None),
    ("Những năm qua, huyện giải quyết việc làm cho 2.100 lao động.", "2024-01-05T08:00", None),
    ("Ba năm qua, huyện giải quyết việc làm cho 2.100 lao động.", "2023-12-20T08:00", None),
]


@pytest.mark.parametrize("text,pub,period", PAST_YEAR)
def test_past_year_at_the_turn_of_the_year(text, pub, period):
    hits = [f for f in facts_of(text, pub=pub) if f["text"] == "2.100 lao động"]
    assert len(hits) == 1 and hits[0]["period"] == period


# (sentence, figure, target)
TARGETS = [
    ("Năm 2024, huyện sẽ xây mới 3 trường học.", "3 trường học", True),
    ("Tỉnh đã gửi 500 tấn hàng, trong khi tỉnh bạn sẽ gửi 300 tấn.", "300 tấn", True),
    ("Tỉnh đã gửi 500 tấn hàng, trong khi tỉnh bạn sẽ gửi 300 tấn.", "500 tấn", False),
    ("Gia đình sẽ ủng hộ 700 triệu đồng cho bệnh viện, 300 triệu đồng cho trường học.", "300 triệu đồng", True),
    ("Để đạt mục tiêu tăng trưởng cả năm 6,5%, quý IV phải tăng 7,2%.", "6,5%", True),
    ("Để đạt mục tiêu tăng trưởng cả năm 6,5%, quý IV phải tăng 7,2%.", "7,2%", True),
    ("Công ty xây dựng kế hoạch lợi nhuận là 400 tỷ đồng.", "400 tỷ đồng", True),
    ("Công ty đã hoàn thành 53% kế hoạch năm (1.200 tỷ đồng).", "1.200 tỷ đồng", True),
    ("Chuyên gia dự báo, giá vàng có thể tăng 5% trong quý tới.", "5%", True),
    ("Ông cho biết, gia đình có ý định quyên góp 2 tỷ đồng.", "2 tỷ đồng", True),
    ("Mục tiêu đến năm 2030, tỷ lệ lao động qua đào tạo đạt 80%.", "80%", True),
    # achievements and abilities are no goals
    ("Công ty đạt 60% kế hoạch năm 2023.", "60%", False),
    ("Xã đã hoàn thành mục tiêu với 95% hộ dân dùng nước sạch.", "95%", False),
    ("Khách hàng có thể chọn 1 trong 3 gói cước.", "3 gói", False),
    ("Việc mở rộng sẽ giúp giảm ùn tắc, giải quyết được 2 điểm nghẽn.", "2 điểm", False),
    ("Năm 2023 dự kiến thu 50 tỷ đồng, đến nay đã thu được 38 tỷ đồng.", "38 tỷ đồng", False),
    _xfail(("Trung bình 1 kg rác sẽ cho 0,4 kg phân bón.", "0,4 kg", False),
           "'sẽ' in a general statement reads as a goal"),
]


@pytest.mark.parametrize("text,figure,target", TARGETS)
def test_target_of_figure(text, figure, target):
    assert _figure(text, figure)["target"] is target


# (sentence, figure, change)
CHANGES = [
    # verbs of movement on a ranking, an index or a price are changes
    ("Đội tuyển nhảy 5 bậc trên bảng xếp hạng.", "5 bậc", "increase"),
    ("Trường đại học thăng 3 bậc so với năm trước.", "3 bậc", "increase"),
    ("Cổ phiếu ngân hàng hồi phục 5%.", "5%", "increase"),
    ("Chỉ số chứng khoán mất 9 điểm ngay đầu phiên.", "9 điểm", "decrease"),
    ("Giá vàng miếng trượt 200.000 đồng/lượng.", "200.000 đồng/lượng", "decrease"),
    ("Giá dầu thô rơi 3% trong tuần.", "3%", "decrease"),
    # … not a cost, nor the level reached, nor the mức a forecast falls in
    ("Mỗi hành khách phải mất 200.000 đồng mua vé.", "200.000 đồng", None),
    ("Chỉ số chứng khoán nhảy lên 700 điểm.", "700 điểm", None),
    # "leo" and "lùi" name plants and car parts more often than moves ("cà gai leo", "camera lùi")
    ("Bài thuốc gồm cà gai leo 40g và tía tô 30g.", "40g", None),
    ("Xe có camera lùi 3 góc quay.", "3 góc", None),
    ("Giá dầu thô rơi xuống 50 USD/thùng.", "50 USD/thùng", None),
    ("Ngân sách của quỹ rơi vào mức 17 tỷ rúp.", "17 tỷ rúp", None),
    ("Giá xăng giảm tới 500 đồng/lít.", "500 đồng/lít", "decrease"),
    ("Ngân hàng có thể phải hạ 0,5% hoặc 1% lãi suất.", "1%", "decrease"),
    ("Lượng khách tăng lần lượt 12% và 15%.", "15%", "increase"),
    ("Cổ phiếu bốc hơi 8% giá trị.", "8%", "decrease"),
    ("Doanh thu tăng từ 5 tỷ đồng lên 8 tỷ đồng.", "5 tỷ đồng", None),
    ("Doanh thu tăng từ 5 tỷ đồng lên 8 tỷ đồng.", "8 tỷ đồng", None),
    ("Tỷ lệ hộ nghèo giảm còn 2,1%.", "2,1%", None),
    ("Tỉnh có thêm 320 ca mắc, nâng tổng số ca lên 5.000 ca.", "5.000 ca", None),
    # words between the verb and the figure
    ("Giá vàng miếng tăng mỗi chiều 150.000 đồng/lượng.", "150.000 đồng/lượng", "increase"),
    ("Siêu thị giảm giá lên đến 49% cho đồ gia dụng.", "49%", "decrease"),
    ("Giá cổ phiếu tăng lên tới 50.000 đồng.", "50.000 đồng", None),
    ("Mức tăng học phí không quá 10% mỗi năm.", "không quá 10%", "increase"),
    ("Công ty tăng vốn điều lệ thêm 40%.", "40%", "increase"),
    ("Huyện tăng cường thêm 30 cán bộ.", "30 cán bộ", None),
    ("Đồng nội tệ mất giá 4% trong năm.", "4%", "decrease"),
    # a figure restating the change, and a sign
    ("Chỉ số tăng 12,5 điểm tương ứng 1,1% lên 1.200 điểm.", "1,1%", "increase"),
    ("Chỉ số tăng 12,5 điểm tương ứng 1,1% lên 1.200 điểm.", "1.200 điểm", None),
    ("Chỉ số đóng cửa ở 980 điểm (+0,45%).", "0,45%", "increase"),
    ("Chỉ số đóng cửa ở 980 điểm (+0,45%).", "980 điểm", None),
    # a level after a change is no change, even right after it
    ("Giá xăng tăng 300 đồng/lít, lên 21.000 đồng/lít.", "21.000 đồng/lít", None),
    # a comparative with its base after the figure is a change; a gap is not
    ("Giá vàng hôm nay cao hơn 6% so với đầu năm.", "hơn 6%", "increase"),
    ("Nhiệt độ ở vùng núi thấp hơn đồng bằng 4 độ.", "4 độ", None),
    # a yearly rate of change: "giảm trung bình hằng năm", "tăng bình quân mỗi năm"
    ("Tỷ lệ hộ nghèo của huyện giảm trung bình hằng năm 2,5%.", "2,5%", "decrease"),
    ("Thu ngân sách tăng bình quân mỗi năm 11%.", "11%", "increase"),
    # an adverb between the verb and the figure
    ("Giá điện tăng đột biến 15% trong tháng qua.", "15%", "increase"),
    ("Doanh số xe tăng trở lại 12% so với tháng trước.", "12%", "increase"),
    ("Số vụ cướp giật giảm đáng kể 30 vụ.", "30 vụ", "decrease"),
    # a lost sum or thing is no decrease; a price that loses value is
    ("Chị ấy bị mất 5 triệu đồng ở bến xe.", "5 triệu đồng", None),
    ("Cán bộ coi thi làm mất 40 bài thi.", "40 bài", None),
    ("Lũ cuốn trôi mất 3 con trâu của gia đình.", "3 con", None),
    ("Giá vàng mất 300.000 đồng mỗi lượng.", "300.000 đồng", "decrease"),
    # a height or length is no comparative
    ("Khinh khí cầu bay ở độ cao 3.000 m so với mặt biển.", "3.000 m", None),
    ("Cây có chiều cao 12 m so với mặt đất.", "12 m", None),
    # a percentage right after a change verb and its object is that object's change
    ("Ngân hàng giảm lãi suất 0,5% cho khách vay cũ.", "0,5%", "decrease"),
    ("Chính phủ tăng lương cơ sở 7,2% cho công chức.", "7,2%", "increase"),
    ("Quý này tỉnh tăng trưởng GRDP 8,1%.", "8,1%", "increase"),
    # … not a compound that names no change, nor across a function word, nor a count
    ("Tỉnh dành cho hạ tầng 30% vốn đầu tư.", "30%", None),
    ("Chương trình giảm nghèo chiếm 12% ngân sách.", "12%", None),
    ("Tăng trưởng kinh tế của huyện là 7%.", "7%", None),
    ("Huyện tăng cường 30 cán bộ cho xã.", "30 cán bộ", None),
    ("Đề án giảm ngập 1.000 tỷ đồng được duyệt.", "1.000 tỷ đồng", None),
    # a time base between the change or the comparative and its figure
    ("Doanh thu tăng so với cùng kỳ 15%.", "15%", "increase"),
    ("Kim ngạch nhập khẩu giảm so với năm trước 8%.", "8%", "decrease"),
    ("Sản lượng cà phê cao hơn năm ngoái 30.000 tấn.", "30.000 tấn", "increase"),
    ("Số ca mắc mới ít hơn hôm qua 200 ca.", "200 ca", "decrease"),
    ("Nhiệt độ ở vùng núi thấp hơn đồng bằng 4 độ.", "4 độ", None),
    ("Giá cổ phiếu tăng so với đầu năm lên 50.000 đồng.", "50.000 đồng", None),
    # both ends of a range of change are changes, the unit written after the low end too
    ("Giá tôm tăng từ 20.000 đồng đến 40.000 đồng/kg so với tháng trước.", "40.000 đồng", "increase"),
    ("Giá tôm dao động từ 20.000 đồng đến 40.000 đồng/kg.", "40.000 đồng", None),
    # size and strength comparatives with "hơn" and a base after the figure
    ("Bản mới nhẹ hơn 30 kg so với bản tiêu chuẩn.", "hơn 30 kg", "decrease"),
    ("Động cơ mới mạnh hơn 40 mã lực so với thế hệ trước.", "hơn 40 mã lực", "increase"),
    ("Tuyến đường mới dài 5 km so với tuyến cũ chỉ 3 km.", "5 km", None),
    ("Chiếc xe nặng hơn 30 kg.", "hơn 30 kg", None),
    # a growth rate "reached" is a level, like "đạt tăng trưởng"; the bare rate is a change
    ("Nông nghiệp của tỉnh đạt mức tăng trưởng 3,2% trong năm.", "3,2%", None),
    ("Ngành chế biến đạt tốc độ tăng trưởng 9,4%.", "9,4%", None),
    ("Ngành chế biến tăng trưởng 9,4% so với năm trước.", "9,4%", "increase"),
    ("Với mức tăng 2,1%, mã này dẫn đầu sàn.", "2,1%", "increase"),
    # an adverb between the change word and its figure
    ("Chỉ số chung có mức giảm chỉ 0,6% trong phiên.", "0,6%", "decrease"),
    ("Sau đợt điều trị, bệnh nhân tăng hẳn 4 kg.", "4 kg", "increase"),
    ("Giá thép chỉ còn 12.000 đồng mỗi kg.", "12.000 đồng", None),
    # a change of an object of four words before "thêm"
    ("Ngân hàng trung ương tăng lãi suất cơ bản thêm 0,5 điểm phần trăm.", "0,5 điểm", "increase"),
    # a range of changes opened by "từ" after its cue, closed by "(cho) đến"; a starting
    # level ("từ … xuống còn …") or "đến nay" is no range of changes
    ("Hãng công bố mức giảm giá từ 30 triệu đồng cho đến 90 triệu đồng.", "30 triệu đồng", "decrease"),
    ("Hãng công bố mức giảm giá từ 30 triệu đồng cho đến 90 triệu đồng.", "90 triệu đồng", "decrease"),
    ("Thực tế, tỷ lệ tăng giá chỉ từ 2% đến 4% tùy mẫu.", "từ 2%", "increase"),
    ("Thuế suất giảm từ 20% xuống còn 10% kể từ tháng 7.", "20%", None),
    ("Thuế suất giảm từ 20% xuống còn 10% kể từ tháng 7.", "10%", None),
    ("Giá phòng tăng từ 500.000 đồng lên 800.000 đồng mỗi đêm.", "500.000 đồng", None),
    # a share restating a change after the level it reached is that change; a sum
    # converting the level is not
    ("Hãng giảm giá 60 triệu đồng, xuống còn 1,2 tỷ đồng cho bản cao cấp, tương đương 4,8%.", "4,8%", "decrease"),
    ("Chỉ số tăng 6 điểm lên 1.200 điểm, tức 0,5%.", "0,5%", "increase"),
    ("Giá vàng giảm 9 USD, tức 0,7%, xuống 1.250 USD/ounce.", "0,7%", "decrease"),
    ("Giá xe giảm 50 triệu đồng xuống còn 900 triệu đồng (tương đương 38.000 USD).", "38.000 USD", None),
    ("Doanh thu đạt 500 tỷ đồng, tương đương 80% kế hoạch.", "80%", None),
    ("Chi phí tăng 40%, tức khoảng 2.000 tỷ đồng so với năm trước.", "khoảng 2.000 tỷ đồng", "increase"),
    # "mức tăng … là N"; a percentage object of four words; the low end of a range of
    # percentages written without "%"
    ("Tính từ đầu năm, mức tăng này là 12%.", "12%", "increase"),
    ("Chỉ số lấy lại gần hết mức giảm của 3 phiên trước.", "3 phiên", None),
    ("Điểm chuẩn một số ngành tăng dao động từ 0,5 đến 2 điểm.", "2 điểm", "increase"),
    ("Hãng nâng công suất động cơ thêm 15 mã lực.", "15 mã lực", "increase"),
    # two figures after one change verb, each with a phrase opening on the same word;
    # not a figure of another kind or unit, nor one whose phrase mirrors nothing
    ("Giá điện dự kiến tăng 6% đối với hộ gia đình và 4% đối với doanh nghiệp.", "4%", "increase"),
    ("Giá bán lẻ giảm 50.000 đồng chiều mua và 30.000 đồng chiều bán.", "30.000 đồng", "decrease"),
    ("Doanh thu tăng 10% trong quý I và 200 nhân viên trong công ty được thưởng.", "200 nhân viên", None),
    ("Giá cổ phiếu tăng 5% trong phiên và 3% cổ đông đã bán ra.", "3%", None),
    ("Ngân hàng trung ương sẽ giảm lãi suất cơ bản khoảng 0,5%.", "khoảng 0,5%", "decrease"),
    ("Thuốc mới giúp giảm giá điều trị từ 10 - 20%.", "từ 10", "decrease"),
    ("Tỷ lệ bao phủ bảo hiểm từ 10 - 20% tùy vùng.", "từ 10", None),
]


@pytest.mark.parametrize("text,figure,change", CHANGES)
def test_change_of_figure(text, figure, change):
    assert _figure(text, figure)["change"] == change


# An article without a publication date: a time with no year of its own takes the
# body's latest year (contract), unless the text contradicts that year: the day
# would fall months before an event of that year the body dates; when the body's first
# such day (the report's) is contradicted, no yearless time of the body keeps a period.
# (paragraph, figure, period)
UNDATED = [
    # examples: the body's latest year stands
    ("Năm 2018, hợp tác xã bán 900 tấn cam. Ngày 3/3, xã nhận thêm 40 tấn giống.", "40 tấn", "2018-03-03"),
    ("Ngày 9/12, tòa xử 2 bị cáo. Các bị cáo trộm tài sản ngày 14/5/2019.", "2 bị cáo", "2019-12-09"),
    ("Năm 2018, hợp tác xã bán 900 tấn cam.", "900 tấn", "2018/2018"),
    # an occasion a few days ahead is no contradiction
    ("Ngày 18/6, tỉnh trao 12 giải thưởng. Lễ kỷ niệm diễn ra ngày 21/6/2017.", "12 giải thưởng", "2017-06-18"),
    ("Ngày 2/8/2019 công ty chia cổ tức. Năm nay, công ty dự kiến lãi 45 tỷ đồng.", "45 tỷ đồng", "2019/2019"),
    # a plan's day is no event the report tells
    ("Ngày 10/5, ban quản lý cho biết đã giải ngân 250 triệu USD. Tuyến sẽ chạy thử từ ngày 1/10/2017.",
     "250 triệu USD", "2017-05-10"),
    # counter-examples: the guessed year would date the report before an event it tells
    ("Ngày 12/4, tòa xử 2 bị cáo. Các bị cáo trộm tài sản ngày 3/10/2016.", "2 bị cáo", None),
    ("Sáng 20/3, hội nghị thu hút 300 đại biểu. Hội được thành lập ngày 5/9/2015.", "300 đại biểu", None),
    ("Sáng 20/3, hội khai mạc. Năm nay, hội nghị thu hút 300 đại biểu. Hội được thành lập ngày 5/9/2015.",
     "300 đại biểu", None),
    ("Sáng 20/3, hội khai mạc; cùng ngày, hội nhận 8 tấn hàng. Hội được thành lập ngày 5/9/2015.",
     "8 tấn", None),
    # the year of the event a span runs from, and any earlier year, is before the report
    ("Ngày 14/6, đơn vị bắt giữ 6 đối tượng. Kể từ khi được thành lập vào năm 2016, đơn vị đã phá nhiều đường dây.",
     "6 đối tượng", None),
    ("Ngày 14/6, đơn vị bắt giữ 6 đối tượng. Năm 2009, đơn vị nhận huân chương. Kể từ khi được thành lập vào năm "
     "2016, đơn vị đã phá nhiều đường dây.", "6 đối tượng", None),
    # … a later year still dates it, and a past event without "kể từ khi" is no since-point
    ("Ngày 14/6, đơn vị bắt giữ 6 đối tượng. Kể từ khi được thành lập vào năm 2016, đơn vị đã phá nhiều đường dây. "
     "Năm 2017, đơn vị nhận bằng khen.", "6 đối tượng", "2017-06-14"),
    ("Ngày 14/6, đơn vị bắt giữ 6 đối tượng. Đơn vị được thành lập vào năm 2016.", "6 đối tượng", "2016-06-14"),
    # a record counted from a month the guessed year puts months after the report's day: that day has no year
    ("Phiên 8/5, chỉ số tăng lên 1.050 điểm, mức cao nhất kể từ tháng 11/2016.", "1.050 điểm", None),
    # … a record's start before the day is no contradiction
    ("Phiên 8/2, giá dầu xuống 52 USD/thùng, mức thấp nhất kể từ ngày 19/1/2017.", "52 USD/thùng", "2017-02-08"),
    ("Phiên 8/5, chỉ số tăng lên 1.050 điểm. Tháng 11/2016, chỉ số chỉ đạt 900 điểm.", "1.050 điểm", "2016-05-08"),
    # a year told as a past event's ("hồi tháng 6/2016") is before the report, and so is any earlier year:
    # a day with no other year in reach has none, and an earlier sentence's year does not carry over it
    ("Cuộc bầu cử diễn ra hồi tháng 6/2016. Ngày 2/7, cảng xuất 70 tấn cá.", "70 tấn", None),
    ("Năm 2015, cảng xuất 90 tấn cá. Cuộc bầu cử diễn ra hồi tháng 6/2016. Ngày 2/7, cảng xuất 70 tấn cá.",
     "70 tấn", None),
    ("Năm 2015, cảng xuất 90 tấn cá. Cuộc bầu cử diễn ra hồi tháng 6/2016. Ngày 2/7, cảng xuất 70 tấn cá.",
     "90 tấn", "2015/2015"),
    # … a span open towards the report ("Từ năm 1993, …") puts the report in or after its first year
    ("Năm 1992, ông về hưu. Từ năm 1993, ông làm cố vấn. Ngày 17/5, ông trao 2 suất học bổng.",
     "2 suất", None),
    # counter-examples: the same year or a later one named without "hồi" still dates the report; the
    # past event's year is the body's latest when nothing tells it as past; a plan's open span is no floor
    ("Hồi tháng 1/2017, hồ cạn. Quý I/2017, hồ cấp 40 triệu m3 nước. Ngày 5/6, hồ cấp thêm 3 triệu m3.",
     "3 triệu m3", "2017-06-05"),
    ("Cuộc bầu cử diễn ra vào tháng 6/2016. Ngày 2/7, cảng xuất 70 tấn cá.", "70 tấn", "2016-07-02"),
    ("Năm 2017, giá điện tăng. Từ năm 2018, ngành điện sẽ áp biểu giá mới. Ngày 5/6, giá giảm 5%.",
     "5%", "2017-06-05"),
]


@pytest.mark.parametrize("text,figure,period", UNDATED)
def test_period_of_figure_without_publication_date(text, figure, period):
    hits = [f for f in facts_of(text, pub=None) if f["kind"] in NUMERIC_KINDS and f["text"] == figure]
    assert len(hits) == 1, [f["text"] for f in facts_of(text, pub=None)]
    assert hits[0]["period"] == period
