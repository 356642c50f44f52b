"""The evaluation gate: for every gold folder pinned in tests/eval_baseline.json
(the five seeds in gold/ and the development gold's test part, gold/test),
scores may not drop more than 0.005 below their floors, and the folder may not
change without the floors being re-recorded (`chitieu baseline --gold DIR`).
gold/test is never read while writing rules: only these aggregate scores."""

import json

import pytest

from extractor.evaluate import evaluate_dir, gold_hash

TOLERANCE = 0.005
BASELINE = json.loads((__import__("pathlib").Path(__file__).parent / "eval_baseline.json").read_text())
SETS = sorted(BASELINE["sets"])


@pytest.fixture(scope="module", params=SETS)
def gold_set(request):
    root = request.config.rootpath
    name = request.param
    folder = root / name
    docs = {json.loads(p.read_text())["doc"] for p in folder.glob("*.json")}
    if any(d.startswith("../shared/") for d in docs) and not (root / "../shared/corpus").exists():
        pytest.skip(f"{name} reads its articles from ../shared/corpus, which is not beside this checkout")
    return name, folder, evaluate_dir(folder, root)


def test_gold_unchanged_since_baseline(gold_set):
    name, folder, _ = gold_set
    assert gold_hash(folder) == BASELINE["sets"][name]["gold_hash"], (
        f"{name} changed: re-record its floors with `chitieu baseline --gold {name}`"
    )


def test_no_score_below_its_floor(gold_set):
    name, _, report = gold_set
    scores = report.scores()
    floors = BASELINE["sets"][name]["floors"]
    drops = {k: (scores.get(k), floor) for k, floor in floors.items()
             if scores.get(k) is None or scores[k] < floor - TOLERANCE}
    assert not drops, f"{name}: scores below their floors (score, floor): {drops}"


def test_the_test_part_is_gated():
    assert "gold/test" in BASELINE["sets"] and "gold" in BASELINE["sets"]


def test_numeric_kinds_strict_f1_on_the_seeds(request):
    root = request.config.rootpath
    kinds = evaluate_dir(root / "gold", root).as_dict()["kinds"]
    for k in ("quantity", "percent", "ratio", "money"):
        assert kinds[k]["strict"]["f1"] >= 0.95, k


def test_baseline_refuses_to_lower_a_floor(tmp_path, request):
    from extractor.evaluate import record_baseline

    root = request.config.rootpath
    b = tmp_path / "baseline.json"
    b.write_text(json.dumps({"sets": {"gold": {"gold_hash": "x", "floors": {"micro.strict_f1": 1.5}}}}))
    with pytest.raises(ValueError, match="would lower"):
        record_baseline(root / "gold", b, allow_regression=False, root=root)
    record_baseline(root / "gold", b, allow_regression=True, root=root)
    assert json.loads(b.read_text())["sets"]["gold"]["floors"]["micro.strict_f1"] <= 1.0
