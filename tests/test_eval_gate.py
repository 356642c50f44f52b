"""The evaluation gate: scores on gold/ may not drop more than 0.005 below the
floors in tests/eval_baseline.json, and gold/ may not change without the
baseline being re-recorded (`chitieu baseline`)."""

import json

import pytest

from extractor.evaluate import evaluate_dir, gold_hash

TOLERANCE = 0.005


@pytest.fixture(scope="module")
def report(request):
    root = request.config.rootpath
    return evaluate_dir(root / "gold", root)


@pytest.fixture(scope="module")
def baseline(request):
    return json.loads((request.config.rootpath / "tests" / "eval_baseline.json").read_text())


def test_gold_unchanged_since_baseline(baseline, request):
    assert gold_hash(request.config.rootpath / "gold") == baseline["gold_hash"], (
        "gold/ changed: re-record the floors with `chitieu baseline`"
    )


def test_no_score_below_its_floor(report, baseline):
    scores = report.scores()
    drops = {k: (scores.get(k), floor) for k, floor in baseline["floors"].items()
             if scores.get(k) is None or scores[k] < floor - TOLERANCE}
    assert not drops, f"scores below their floors (score, floor): {drops}"


def test_numeric_kinds_strict_f1(report):
    kinds = report.as_dict()["kinds"]
    for k in ("quantity", "percent", "ratio", "money"):
        assert kinds[k]["strict"]["f1"] >= 0.95, k


def test_baseline_refuses_to_lower_a_floor(tmp_path, request):
    from extractor.evaluate import record_baseline

    root = request.config.rootpath
    b = tmp_path / "baseline.json"
    b.write_text(json.dumps({"gold_hash": "x", "floors": {"micro.strict_f1": 1.5}}))
    with pytest.raises(ValueError, match="would lower"):
        record_baseline(root / "gold", b, allow_regression=False)
    record_baseline(root / "gold", b, allow_regression=True)
    assert json.loads(b.read_text())["floors"]["micro.strict_f1"] <= 1.0
