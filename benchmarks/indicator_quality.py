"""What analysts feel, on the development gold's test part (issues 11 and 12): the
indicator's precision (a predicted key where the gold has none is wrong) and
accuracy, the measure's syllable-set F1, the analyst row (of the predicted
figures carrying an indicator, the share whose value, indicator, area and
period are all right), area and period accuracy and precision, target and change accuracy, the
numeric kinds' strict F1, and the entity sets' F1 (areas, persons, and the
titles of matched persons), beside the targets of the issues.

    python benchmarks/indicator_quality.py                 # gold/test
    python benchmarks/indicator_quality.py --gold gold/dev --gold gold
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.evaluate import evaluate_dir  # noqa: E402

TARGETS = {"indicator precision": 0.90, "indicator accuracy": 0.85, "measure F1": 0.80, "analyst row": 0.80,
           "area accuracy": 0.85, "period accuracy": 0.85, "target accuracy": 0.95, "change accuracy": 0.90,
           "area set F1": 0.92, "person set F1": 0.90, "person titles F1": 0.90}


def rows(gold: Path) -> list[tuple[str, float | None, int]]:
    d = evaluate_dir(gold, ROOT).as_dict()
    a = d["attributes"]

    def acc(k):
        v = a.get(k, {})
        return v.get("accuracy"), v.get("total", 0)

    def prec(k):
        v = a.get(k, {})
        return v.get("precision"), v.get("predicted", 0)

    numeric = {k: d["kinds"][k]["strict"] for k in ("quantity", "percent", "ratio", "money")}
    tp = sum(v["tp"] for v in numeric.values())
    ng = sum(v["gold"] for v in numeric.values())
    npred = sum(v["pred"] for v in numeric.values())
    p, r = (tp / npred if npred else 0.0), (tp / ng if ng else 0.0)
    return [
        ("indicator precision", *prec("indicator")),
        ("indicator accuracy", *acc("indicator")),
        ("measure F1", *acc("measure")),
        ("analyst row", d["analyst_row"]["score"], d["analyst_row"]["total"]),
        ("area accuracy", *acc("area")),
        ("area precision", *prec("area")),
        ("period accuracy", *acc("period")),
        ("period precision", *prec("period")),
        ("target accuracy", *acc("target")),
        ("change accuracy", *acc("change")),
        ("numeric strict F1", 2 * p * r / (p + r) if p + r else 0.0, ng),
        ("area set F1", d["entities"].get("area", {}).get("f1"), d["entities"].get("area", {}).get("gold", 0)),
        ("person set F1", d["entities"].get("person", {}).get("f1"), d["entities"].get("person", {}).get("gold", 0)),
        ("person titles F1", d["entity_attributes"].get("person.titles_f1", {}).get("score"),
         d["entity_attributes"].get("person.titles_f1", {}).get("total", 0)),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, action="append")
    a = ap.parse_args()
    for gold in a.gold or [ROOT / "gold" / "test"]:
        print(f"{gold}:")
        print(f"  {'score':<22}{'value':>8}{'n':>7}{'target':>9}")
        for name, v, n in rows(gold):
            t = TARGETS.get(name)
            print(f"  {name:<22}{'—' if v is None else f'{v:.3f}':>8}{n:>7}{'' if t is None else f'≥ {t:.2f}':>9}")


if __name__ == "__main__":
    main()
