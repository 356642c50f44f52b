"""The consistency checks (extractor/checks.py) fire only when the figures they
compare provably measure the same thing.  Each table pairs the inconsistency
a reader would agree with and its look-alikes that are not one: a change next
to a level, a target next to an achieved figure, different periods, figures
that agree once their stated rounding is taken into account, a share of
another total, and syndicated copies of one article.  Sentences written for
these tests."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from extractor.checks import _half_unit, intervals
from extractor.cli import cli
from extractor.pipeline import extract_text


def _checks(body: str) -> list[str]:
    return [c.check for c in extract_text("Tiêu đề\n\n" + body + "\n").checks]


RATIO_PERCENT = [
    ("quotient disagrees", "Thành phố giải quyết việc làm cho 113.418/162.000 lao động (đạt 70,89% kế hoạch).", ["ratio_percent"]),
    ("quotient agrees", "Thành phố giải quyết việc làm cho 113.418/162.000 lao động (đạt 70,01% kế hoạch).", []),
    ("disagrees beyond an integer's rounding", "Huyện đã hoàn thành 16/27 chỉ tiêu, đạt 62%.", ["ratio_percent"]),
    ("agrees within the stated rounding", "Huyện đã hoàn thành 16/27 chỉ tiêu, đạt 59,3%.", []),
    ("agrees within an integer's rounding", "Huyện đã hoàn thành 16/27 chỉ tiêu, đạt 59%.", []),
    ("a bound, not an exact share", "Huyện hoàn thành 30/40 chỉ tiêu (đạt trên 80%).", []),
    ("a share of another total", "Ông A được 387/465 đại biểu có mặt tán thành (chiếm 78,81% tổng số đại biểu).", []),
    ("a change after the ratio", "Huyện hoàn thành 30/40 chỉ tiêu, tăng 12% so với năm trước.", []),
    ("another clause between", "Huyện hoàn thành 30/40 chỉ tiêu, tỷ lệ hộ nghèo còn 2,5%.", []),
]

COUNT_SHARE = [
    ("totals disagree", "Xã còn 45 hộ nghèo, chiếm 0,084%; có 1.950 hộ cận nghèo, chiếm 2,06%.", ["count_share_total"]),
    ("totals agree", "Xã có 120 hộ nghèo, chiếm 2,4%; có 250 hộ cận nghèo, chiếm 5%.", []),
    ("totals agree within the stated rounding", "Xã có 13 hộ nghèo, chiếm 1%; có 7 hộ cận nghèo, chiếm 0,6%.", []),
    ("different periods", "Năm 2015, xã có 300 hộ nghèo, chiếm 10%. Năm 2020, xã còn 60 hộ nghèo, chiếm 1,5%.", []),
    ("no period, two sentences", "Xã có 300 hộ nghèo, chiếm 10%. Hiện xã còn 60 hộ nghèo, chiếm 1,5%.", []),
    ("a change, not a level", "Năm 2022, xã giảm 45 hộ nghèo, bằng 0,084%; có 1.950 hộ cận nghèo, chiếm 2,06%.", []),
    ("a target next to an achieved figure",
     "Năm 2022, xã còn 45 hộ nghèo, chiếm 0,084%. Mục tiêu năm 2022 là có 1.950 hộ cận nghèo, chiếm 2,06%.", []),
    ("a part of the first count", "Xã có 1.200 hộ nghèo, chiếm 6%, trong đó 300 hộ đồng bào dân tộc thiểu số, chiếm 25%.", []),
    ("a share of the other count", "Xã có 1.200 hộ nghèo, chiếm 6%; 300 hộ đồng bào dân tộc thiểu số, chiếm 25%.", []),
    ("a number inside a name",
     "Cả nước có 1.888 công ty trách nhiệm hữu hạn 1 thành viên (chiếm 40,3%); "
     "1.362 công ty trách nhiệm hữu hạn 2 thành viên (chiếm 29,1%).", []),
    ("a comparison, not a share", "Xã có 45 hộ nghèo, bằng 50% so với năm trước; có 1.950 hộ cận nghèo, chiếm 2,06%.", []),
]

OUT_OF_RANGE = [
    ("a coverage rate above 100%", "Tỷ lệ bao phủ bảo hiểm y tế đạt 112%.", ["out_of_range"]),
    ("just above, beyond its rounding", "Tỷ lệ bao phủ bảo hiểm y tế đạt 100,4%.", ["out_of_range"]),
    ("in range", "Tỷ lệ bao phủ bảo hiểm y tế đạt 92,5%.", []),
    ("a share of the plan", "Tỷ lệ bao phủ bảo hiểm y tế đạt 102% kế hoạch.", []),
    ("a comparison", "Tỷ lệ bao phủ bảo hiểm y tế bằng 105% so với cùng kỳ.", []),
    ("a change, not a level", "Tỷ lệ bao phủ bảo hiểm y tế tăng 112%.", []),
    ("a bound", "Tỷ lệ bao phủ bảo hiểm y tế dưới 105%.", []),
    ("jobs as a share of the plan", "Giải quyết việc làm cho 900 lao động, đạt 132% kế hoạch.", []),
]


@pytest.mark.parametrize("name,body,expected", RATIO_PERCENT, ids=[c[0] for c in RATIO_PERCENT])
def test_ratio_percent(name, body, expected):
    assert _checks(body) == expected


@pytest.mark.parametrize("name,body,expected", COUNT_SHARE, ids=[c[0] for c in COUNT_SHARE])
def test_count_share_total(name, body, expected):
    assert _checks(body) == expected


@pytest.mark.parametrize("name,body,expected", OUT_OF_RANGE, ids=[c[0] for c in OUT_OF_RANGE])
def test_out_of_range(name, body, expected):
    assert _checks(body) == expected


@pytest.mark.parametrize("token,percent,expected", [
    ("70,89", True, (70.89, 0.005)),
    ("62", True, (62, 0.5)),
    ("16", False, (16, 0.0)),
    ("1.888", False, (1888, 0.0)),
    ("162.000", False, (162000, 500)),
    ("35.400", False, (35400, 50)),
    ("15.5", False, (15.5, 0.05)),
])
def test_stated_precision(token, percent, expected):
    n, h = _half_unit(token, percent)
    assert n == pytest.approx(expected[0]) and h == pytest.approx(expected[1])


def test_precision_scales_with_the_scale_word():
    money = {"kind": "money", "text": "5,9 nghìn tỷ đồng", "value": 5.9e12}
    lo, hi = intervals(money)[0]
    assert lo == pytest.approx(5.85e12) and hi == pytest.approx(5.95e12)


def test_seed_articles_real_inconsistencies(root):
    from extractor.reader import read_document

    flagged = {}
    for p in sorted((root / "corpus").glob("*.txt")):
        flagged[p.name[:3]] = sorted(c.check for c in extract_text(read_document(p).text).checks)
    assert flagged == {"000": ["count_share_total"], "001": ["ratio_percent"], "002": [], "003": [], "004": []}


# --- across articles ----------------------------------------------------------

BASE = ("Tin A", "Năm 2022, huyện Mê Linh có 120 hộ nghèo.", "2023-02-01")

CONFLICTS = [
    ("two articles disagree", [BASE, ("Tin B", "Báo cáo cho biết năm 2022 huyện Mê Linh có 135 hộ nghèo.", "2023-03-01")], 1),
    ("two articles agree", [BASE, ("Tin B", "Báo cáo cho biết năm 2022 huyện Mê Linh có 120 hộ nghèo.", "2023-03-01")], 0),
    ("a syndicated copy", [BASE, ("Tin A (theo báo B)", BASE[1], "2023-02-02")], 0),
    ("different periods", [BASE, ("Tin B", "Năm 2021, huyện Mê Linh có 135 hộ nghèo.", "2023-03-01")], 0),
    ("a change, not a level", [BASE, ("Tin B", "Năm 2022, số hộ nghèo của huyện Mê Linh giảm 135 hộ.", "2023-03-01")], 0),
    ("a target, not an achieved figure",
     [BASE, ("Tin B", "Năm 2022, huyện Mê Linh phấn đấu còn 100 hộ nghèo.", "2023-03-01")], 0),
    ("an approximate figure", [BASE, ("Tin B", "Năm 2022, huyện Mê Linh có khoảng 135 hộ nghèo.", "2023-03-01")], 0),
    ("published before the period ended",
     [BASE, ("Tin B", "Năm 2022, huyện Mê Linh có 135 hộ nghèo.", "2022-06-01")], 0),
    ("no period", [("Tin A", "Huyện Mê Linh có 120 hộ nghèo.", "2023-02-01"),
                   ("Tin B", "Hiện huyện Mê Linh có 135 hộ nghèo.", "2023-03-01")], 0),
    ("a part of another figure",
     [BASE, ("Tin B", "Năm 2022, huyện Mê Linh có 300 hộ gặp khó khăn, trong đó 135 hộ nghèo.", "2023-03-01")], 0),
    ("a narrower measure",
     [BASE, ("Tin B", "Năm 2022, huyện Mê Linh có 135 hộ nghèo đồng bào dân tộc thiểu số.", "2023-03-01")], 0),
    ("not a statistic of the area",
     [("Tin A", "Năm 2022, doanh thu của Công ty A ở huyện Mê Linh đạt 120 tỷ đồng.", "2023-02-01"),
      ("Tin B", "Năm 2022, doanh thu của Công ty B ở huyện Mê Linh đạt 300 tỷ đồng.", "2023-03-01")], 0),
    ("within rounding", [("Tin A", "Năm 2022, huyện Mê Linh có 1.200 hộ nghèo.", "2023-02-01"),
                         ("Tin B", "Báo cáo cho biết năm 2022 huyện Mê Linh có 1.236 hộ nghèo.", "2023-03-01")], 0),
    ("beyond rounding", [("Tin A", "Năm 2022, huyện Mê Linh có 1.200 hộ nghèo.", "2023-02-01"),
                         ("Tin B", "Báo cáo cho biết năm 2022 huyện Mê Linh có 1.320 hộ nghèo.", "2023-03-01")], 1),
]


def _ingest(tmp_path, articles):
    d = tmp_path / "in"
    d.mkdir()
    for i, (title, body, published) in enumerate(articles):
        (d / f"{i}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        (d / f"{i}.meta.json").write_text(json.dumps({"title": title, "published": published}), encoding="utf-8")
    db = tmp_path / "c.db"
    res = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--quiet"])
    assert res.exit_code == 0, res.output
    return sqlite3.connect(db)


@pytest.mark.parametrize("name,articles,expected", CONFLICTS, ids=[c[0] for c in CONFLICTS])
def test_conflicts_across_articles(tmp_path, name, articles, expected):
    con = _ingest(tmp_path, articles)
    rows = con.execute("select message, facts from checks where \"check\" = 'conflict'").fetchall()
    assert len(rows) == expected, rows


def test_conflict_names_the_figures_it_compares(tmp_path):
    con = _ingest(tmp_path, CONFLICTS[0][1])
    (message, facts), = con.execute("select message, facts from checks where \"check\" = 'conflict'").fetchall()
    assert "poor_households of Mê Linh for 2022/2022" in message and "120" in message and "135" in message
    figures = [con.execute("select text from facts where document = ? and start = ?", [d, s]).fetchone()[0]
               for d, s, _ in json.loads(facts)]
    assert sorted(figures) == ["120 hộ", "135 hộ"]


def test_refresh_conflicts_replaces_the_previous_rows(tmp_path):
    from extractor.store import open_db, refresh_conflicts

    con = _ingest(tmp_path, CONFLICTS[0][1])
    con.close()
    db = open_db(tmp_path / "c.db")
    assert refresh_conflicts(db) == 1
    assert refresh_conflicts(db) == 1
    assert db.execute("select count(*) from checks where \"check\" = 'conflict'").fetchone()[0] == 1
