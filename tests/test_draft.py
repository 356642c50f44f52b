"""The typed in-pipeline fact (extractor.draft.Draft) and the per-document
context (DocContext): the stages read and write attributes, a misspelt one
is an error, only the contract's fields leave the pipeline, and the context
gives each figure the clause the stages used to cut out of the text
themselves. Sentences are written for these tests."""

import random

import pytest

from extractor import attach, dates, indicators, measure
from extractor.draft import DocContext, Draft, PersonMention
from extractor.models import FactAdapter, contract_fields, fact_to_dict
from extractor.sentences import split


def _figure(text: str, span: str, kind: str = "percent", value: float = 1.0, **kw) -> Draft:
    i = text.index(span)
    return Draft(kind=kind, start=i, end=i + len(span), text=span, value=value, **kw)


def test_a_misspelt_attribute_is_an_error():
    d = Draft(kind="quantity", start=0, end=3, text="120", value=120.0)
    with pytest.raises(AttributeError):
        d.perod = "2020"  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        d.__dict__  # noqa: B018 - slots: no per-instance dict to take stray keys
    m = PersonMention("Nguyễn Văn A", 0, 12, 0)
    with pytest.raises(AttributeError):
        m.sentence = 1  # type: ignore[attr-defined]


def test_goals_and_change_are_set_as_attributes():
    text = "Năm nay doanh thu của tỉnh tăng 20% so với năm trước, tỷ lệ hộ nghèo còn 2,5%."
    up, rate = _figure(text, "20%", value=20.0), _figure(text, "2,5%", value=2.5)
    attach.attach_goals([up, rate], text, (0, len(text)))
    assert (up.change, up.target) == ("increase", False)
    assert (rate.change, rate.target) == (None, False)


def test_measure_hands_the_indicator_stage_typed_context():
    text = "Kế hoạch năm nay là 500 tỷ đồng, đến nay đã đạt 95% kế hoạch."
    share = _figure(text, "95%", value=95.0)
    measure.attach([share], text, (0, len(text)))
    assert share.plan_share is True  # "đạt 95% kế hoạch": a share of the plan
    assert share.left_phrase is not None and share.left_phrase.endswith("đạt")
    text = "Tỷ lệ hộ nghèo của huyện giảm còn 2,5%."
    rate = _figure(text, "2,5%", value=2.5)
    indicators.attach([rate], text, (0, len(text)))
    assert rate.measure is not None and rate.measure.startswith("tỷ lệ hộ nghèo")
    assert rate.plan_share is False and rate.share is False


def test_years_left_pending_by_the_builder_are_resolved_on_the_draft():
    half = Draft(kind="period", start=0, end=15, text="6 tháng đầu năm", months=(1, 6))
    day = Draft(kind="date", start=20, end=28, text="ngày 7/3", month=3, day=7)
    since = Draft(kind="period", start=30, end=44, text="từ tháng 6 năm", year=2022, months=(6, 6), open_end=True)
    dates.resolve_years([half, day, since], "2023-06-15")
    assert (half.value_start, half.value_end) == ("2023-01", "2023-06")
    assert day.value == "2023-03-07" and day.date_value == "2023-03-07"
    assert (since.value_start, since.value_end) == ("2022-06", None)
    assert dates.period_string(half) == "2023-01/2023-06" == dates.period_string({"value_start": "2023-01",
                                                                                  "value_end": "2023-06"})


def test_only_the_contract_fields_of_the_kind_leave_the_pipeline():
    text = "Huyện có 120 hộ nghèo."
    d = _figure(text, "120 hộ", kind="quantity", value=120.0, unit="hộ", comparator="=", sent=0,
                verb="có", left_phrase="huyện có", list_item=True, year=2020)
    row = d.contract(contract_fields("quantity"))
    assert set(row) <= set(contract_fields("quantity"))
    assert "sent" not in row and "verb" not in row and "left_phrase" not in row and "year" not in row
    out = fact_to_dict(FactAdapter.validate_python(row))
    assert (out["kind"], out["value"], out["unit"], out["text"]) == ("quantity", 120.0, "hộ", "120 hộ")
    # a field another kind has (a date's value) is not carried into this one's model
    assert "currency" not in row and "value_start" not in row


def _ctx(text: str) -> DocContext:
    return DocContext.build(text, split(text, [(0, len(text))]))


def test_the_context_gives_a_figure_its_clause():
    text = "Năm 2020, xã A có 120 hộ nghèo; năm 2021 còn 95 hộ (giảm 25 hộ). Xã B có 40 hộ."
    ctx = _ctx(text)
    s = ctx.sents[0]
    i = text.index("120 hộ")
    a, b = ctx.clause(s.start, s.end, i, i + 6)
    assert text[a:b] == " xã A có 120 hộ nghèo"
    j = text.index("25 hộ")
    a, b = ctx.clause(s.start, s.end, j, j + 5)
    assert text[a:b] == "giảm 25 hộ"
    a, b = ctx.clause(s.start, s.end, j, j + 5, marks=",;:")  # brackets do not cut
    assert text[a:b] == " năm 2021 còn 95 hộ (giảm 25 hộ)."  # to the end of the sentence
    second = ctx.sents[1]
    k = text.index("40 hộ")
    assert text[slice(*ctx.clause(second.start, second.end, k, k + 5))].strip() == "Xã B có 40 hộ."
    assert ctx.by_index[second.index] is second
    assert ctx.paragraph_length[s.paragraph] == 2


def test_a_bracket_does_not_end_a_clause_for_the_area_stage():
    text = "Phường A (quận B, TP C) có 68 công trình, phường D có 12 công trình."
    ctx = _ctx(text)
    s = ctx.sents[0]
    i = text.index("68")
    assert text[slice(*ctx.bracket_clause(s.start, s.end, i, i + 2))] == "Phường A (quận B, TP C) có 68 công trình"
    j = text.index("quận B")
    # inside the bracket: the comma inside it ends the clause on the right
    assert text[slice(*ctx.bracket_clause(s.start, s.end, j, j + 6))] == "Phường A (quận B"


def test_context_clauses_equal_the_period_stage_own_scan():
    """The clause from the context's marks equals the one the period stage cuts
    with its own search, at every position of sentences written here."""
    text = ("Năm 2019 (theo báo cáo), tỉnh đạt 1.200 tỷ đồng; năm 2020: 1.500 tỷ đồng, tăng 25%. "
            "Riêng quý I, doanh thu (gồm thuế) đạt 300 tỷ đồng.")
    ctx = _ctx(text)
    rnd = random.Random(7)
    for s in ctx.sents:
        for _ in range(200):
            x = rnd.randrange(s.start, s.end)
            y = rnd.randrange(x, s.end + 1)
            for marks in (",;:()", ",;:", ",;:("):
                assert ctx.clause(s.start, s.end, x, y, marks) == attach._clause(text, s.start, s.end, x, y, marks)
            assert ctx.clause_end(x, s.end, ",;(") == min(
                [s.end] + [p for p in (text.find(c, x, s.end) for c in ",;(") if p >= 0])
            assert ctx.marks_in(x, y, ",;:") == [k for k in range(x, y) if text[k] in ",;:"]


def test_periods_read_the_same_with_and_without_a_shared_context():
    text = "Năm 2020, xã A có 120 hộ nghèo; năm 2021 còn 95 hộ."
    sents = split(text, [(0, len(text))])

    def drafts() -> list[Draft]:
        y1 = _figure(text, "Năm 2020", kind="period", value=None, year=2020, sent=0)
        y2 = _figure(text, "năm 2021", kind="period", value=None, year=2021, sent=0)
        return [y1, y2, _figure(text, "120 hộ", kind="quantity", value=120.0, unit="hộ", sent=0),
                _figure(text, "95 hộ", kind="quantity", value=95.0, unit="hộ", sent=0)]

    alone, shared = drafts(), drafts()
    for fs in (alone, shared):
        dates.resolve_years(fs, "2023-06-15")
    attach.attach_periods(alone, text, sents)
    ctx = DocContext.build(text, sents)
    ctx.index_facts(shared)
    attach.attach_periods(shared, text, sents, ctx)
    assert [f.period for f in alone] == [f.period for f in shared]
    assert [f.period for f in alone[2:]] == ["2020/2020", "2021/2021"]
