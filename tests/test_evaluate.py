"""The scorer on small hand-made gold/prediction pairs; every expected number
is worked out by hand in the comments."""

import json

import pytest

from extractor.evaluate import Report, pair, score_document

GOLD_META = {"title": "T", "published": "2023-03-07T21:01", "author": "A", "source": "S"}


def gold(facts, meta=GOLD_META):
    return {"facts": facts, "meta": meta}


def q(start, end, value, **kw):
    return {"kind": "quantity", "start": start, "end": end, "text": "x" * (end - start), "value": value, **kw}


def test_pairing_prefers_largest_overlap():
    g = [q(0, 10, 1), q(20, 30, 2)]
    p = [q(5, 25, 2), q(18, 30, 2)]
    # gold1 overlaps p0 by 5 and p1 by 10; gold0 overlaps p0 by 5 → (1,1) first, then (0,0)
    assert sorted(pair(g, p)) == [(0, 0), (1, 1)]


def test_detection_and_strict():
    rep = Report()
    g = [q(0, 5, 8623), q(10, 15, 45), q(20, 25, 1950)]
    p = [q(0, 5, 8623), q(11, 14, 46), q(40, 45, 7)]
    score_document(rep, "d", gold(g), p, GOLD_META)
    d = rep.as_dict()["kinds"]["quantity"]
    # detection: 2 pairs of 3 gold and 3 pred → P = R = 2/3
    assert d["detection"]["precision"] == pytest.approx(2 / 3)
    assert d["detection"]["recall"] == pytest.approx(2 / 3)
    # strict: only 8623 is equal → P = R = F1 = 1/3
    assert d["strict"]["f1"] == pytest.approx(1 / 3)


def test_ignored_gold_drops_its_pair():
    rep = Report()
    g = [q(0, 5, 148.44, ignore=True), q(10, 15, 45)]
    p = [q(0, 5, 14844), q(10, 15, 45)]
    score_document(rep, "d", gold(g), p, GOLD_META)
    d = rep.as_dict()["kinds"]["quantity"]["strict"]
    # one gold and one prediction remain, equal → 1/1
    assert (d["tp"], d["gold"], d["pred"]) == (1, 1, 1)


def test_numbers_equal_to_1e9_relative():
    rep = Report()
    g = [q(0, 5, 20990000000000.0)]
    p = [q(0, 5, 20990000000000.0 * (1 + 1e-12))]
    score_document(rep, "d", gold(g), p, GOLD_META)
    assert rep.as_dict()["kinds"]["quantity"]["strict"]["f1"] == 1.0
    rep2 = Report()
    score_document(rep2, "d", gold(g), [q(0, 5, 20990000000000.0 * (1 + 1e-6))], GOLD_META)
    assert rep2.as_dict()["kinds"]["quantity"]["strict"]["f1"] == 0.0


def test_attribute_accuracy_skips_null_gold_and_uses_defaults():
    rep = Report()
    g = [q(0, 5, 1, unit="hộ", indicator=None, comparator="="), q(10, 15, 2, unit="người", indicator="jobs_created")]
    p = [q(0, 5, 1, unit="Hộ"), q(10, 15, 2, unit="lao động", indicator="jobs_created", comparator="=")]
    score_document(rep, "d", gold(g), p, GOLD_META)
    a = rep.as_dict()["attributes"]
    # unit: "hộ" = "Hộ" (case folded), "người" ≠ "lao động" → 1/2
    assert (a["unit"]["correct"], a["unit"]["total"]) == (1, 2)
    # indicator: only the second gold is non-null → 1/1
    assert (a["indicator"]["correct"], a["indicator"]["total"]) == (1, 1)
    # comparator: gold "=" twice (the second by default); omitted predicted "=" means "=" → 2/2
    assert (a["comparator"]["correct"], a["comparator"]["total"]) == (2, 2)


def test_entities_tone_placement_and_tw():
    rep = Report()
    g = [
        {"kind": "person", "start": 0, "end": 3, "text": "abc", "name": "Nguyễn Văn Thuý", "titles": ["Phó Bí thư Thành uỷ", "Chủ tịch"]},
        {"kind": "document", "start": 5, "end": 8, "text": "abc", "ref": "15-NQ/TW", "doc_type": "Nghị quyết", "date": "2022-05-05"},
        {"kind": "area", "start": 9, "end": 12, "text": "abc", "name": "Hòa Bình", "level": "tỉnh"},
    ]
    p = [
        {"kind": "person", "start": 40, "end": 43, "text": "abc", "name": "Nguyễn Văn Thúy", "titles": ["Phó Bí thư Thành ủy"]},
        {"kind": "document", "start": 50, "end": 53, "text": "abc", "ref": "15-NQ/TƯ", "doc_type": "nghị quyết"},
        {"kind": "area", "start": 9, "end": 12, "text": "abc", "name": "Hoà Bình", "level": "tỉnh"},
        {"kind": "area", "start": 20, "end": 23, "text": "abc", "name": "Hà Nội", "level": "thành phố"},
    ]
    score_document(rep, "d", gold(g), p, GOLD_META)
    d = rep.as_dict()
    assert d["entities"]["person"]["f1"] == 1.0      # "Thuý" = "Thúy"
    assert d["entities"]["document"]["f1"] == 1.0    # "TƯ" = "TW"
    # area: 1 tp, 1 gold, 2 pred → P 1/2, R 1, F1 2/3
    assert d["entities"]["area"]["f1"] == pytest.approx(2 / 3)
    # titles: gold 2, pred 1 (equal to one) → P 1, R 1/2, F1 2/3
    assert d["entity_attributes"]["person.titles_f1"]["score"] == pytest.approx(2 / 3)
    # document date missing in prediction → 0/1, doc_type case-folded equal → 1/1
    assert d["entity_attributes"]["document.date"]["score"] == 0.0
    assert d["entity_attributes"]["document.doc_type"]["score"] == 1.0


def test_meta_published_to_the_minute():
    rep = Report()
    score_document(rep, "d", gold([]), [], {"title": "t", "published": "2023-03-07T21:01:59", "author": None, "source": "S"})
    m = rep.as_dict()["meta"]
    assert m["title"]["accuracy"] == 1.0       # "T" = "t" after case folding
    assert m["published"]["accuracy"] == 1.0   # compared to the minute
    assert m["author"]["accuracy"] == 0.0
    assert m["source"]["accuracy"] == 1.0


def test_micro_average_pools_counts():
    rep = Report()
    g = [q(0, 5, 1), {"kind": "date", "start": 10, "end": 15, "text": "xxxxx", "value": "2023-03-07"}]
    p = [q(0, 5, 1), {"kind": "date", "start": 10, "end": 15, "text": "xxxxx", "value": "2023-03-08"}, q(30, 35, 3)]
    score_document(rep, "d", gold(g), p, GOLD_META)
    micro = rep.as_dict()["micro"]["strict"]
    # pooled: tp 1 (quantity), gold 2, pred 3 → P 1/3, R 1/2, F1 0.4
    assert micro["precision"] == pytest.approx(1 / 3)
    assert micro["recall"] == pytest.approx(1 / 2)
    assert micro["f1"] == pytest.approx(0.4)


def test_eval_json_on_pred_file(tmp_path, root):
    """`chitieu eval --pred` scores any system's JSONL: an empty prediction
    has recall 0 on every kind the gold has."""
    from click.testing import CliRunner

    from extractor.cli import cli

    pred = tmp_path / "empty.jsonl"
    g = json.loads(next((root / "gold").glob("*.json")).read_text())
    pred.write_text(json.dumps({"doc": g["doc"], "kind": "meta", "title": None}) + "\n")
    res = CliRunner().invoke(cli, ["eval", "--gold", str(root / "gold"), "--root", str(root), "--pred", str(pred), "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["micro"]["strict"]["recall"] == 0.0
    assert d["micro"]["strict"]["gold"] > 0
