"""The scorer of ../shared/ANNOTATION.md ("Scoring"), exactly:

- per document and per span kind (quantity, percent, ratio, money, date,
  period), gold and predicted facts are paired one to one by largest character
  overlap (> 0); a gold fact marked ``ignore`` is dropped with its pair;
- detection P/R/F1 counts every pair; strict P/R/F1 only pairs whose key
  fields are equal (numbers to 1e-9 relative, strings in ``compare_form``);
- attribute accuracy over pairs whose gold attribute is not null;
- person / document / area as sets of keys per document, their attributes
  on matching keys (``titles`` by set F1);
- meta: per field, the share of documents where it is equal.

Beyond the contract's figures, what analysts feel (issue 11):

- attribute *precision*: over pairs whose predicted attribute is not null,
  the share equal to the gold's (a predicted indicator where the gold has
  none is wrong);
- ``measure`` as the F1 of the two phrases' syllable sets, averaged over
  pairs with a gold measure;
- the *analyst row*: of the predicted numeric facts that carry an indicator,
  the share whose value, indicator, area and period are all right (an
  unpaired prediction counts as wrong).
"""

from __future__ import annotations

import hashlib
import os
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .citations import normalize_ref
from .models import ENTITY_KINDS, NUMERIC_KINDS, SPAN_KINDS, GoldFile
from .textnorm import compare_form

KEY_FIELDS = {
    "quantity": ("value",), "percent": ("value",), "ratio": ("numerator", "denominator"),
    "money": ("value", "currency"), "date": ("value",), "period": ("value_start", "value_end"),
}
ATTRIBUTES = {
    "quantity": ("unit", "measure", "indicator", "area", "period", "comparator", "change", "target"),
    "ratio": ("unit", "measure", "indicator", "area", "period", "comparator", "change", "target"),
    "percent": ("measure", "indicator", "area", "period", "comparator", "change", "target"),
    "money": ("measure", "indicator", "area", "period", "comparator", "change", "target"),
}
DEFAULTS = {"comparator": "=", "target": False}
# attributes whose predicted values analysts filter on: their precision is reported
PRECISION_ATTRIBUTES = ("unit", "indicator", "area", "period")
ANALYST_FIELDS = ("indicator", "area", "period")


def syllable_f1(gold: str | None, pred: str | None) -> float:
    """F1 of the syllable sets of two phrases (compared in ``compare_form``)."""
    g = set(compare_form(gold or "").split())
    p = set(compare_form(pred or "").split())
    if not g and not p:
        return 1.0
    tp = len(g & p)
    if not tp:
        return 0.0
    pr, rc = tp / len(p), tp / len(g)
    return 2 * pr * rc / (pr + rc)
META_FIELDS = ("title", "published", "author", "source")


def equal(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0) or a == b
    if isinstance(a, str) and isinstance(b, str):
        return compare_form(a) == compare_form(b)
    return a == b


def _attr(f: dict, name: str):
    v = f.get(name)
    return DEFAULTS.get(name) if v is None and name in DEFAULTS else v


def pair(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) by largest overlap > 0."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if ov > 0:
                cands.append((-ov, i, j))
    cands.sort()
    used_g, used_p, out = set(), set(), []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


@dataclass
class Counts:
    tp: int = 0
    n_gold: int = 0
    n_pred: int = 0

    def add(self, o: Counts) -> None:
        self.tp += o.tp
        self.n_gold += o.n_gold
        self.n_pred += o.n_pred

    def prf(self) -> dict:
        p = self.tp / self.n_pred if self.n_pred else (1.0 if not self.n_gold else 0.0)
        r = self.tp / self.n_gold if self.n_gold else (1.0 if not self.n_pred else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f, "tp": self.tp, "gold": self.n_gold, "pred": self.n_pred}


@dataclass
class Report:
    detection: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    strict: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    attributes: dict[str, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    # predicted non-null attribute values: [right, total]
    attribute_precision: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    # predicted numeric facts carrying an indicator: [all of value/indicator/area/period right, total]
    analyst: list[int] = field(default_factory=lambda: [0, 0])
    entities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    entity_attributes: dict[str, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0.0, 0]))
    meta: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    errors: list[dict] = field(default_factory=list)
    documents: int = 0
    gold_hash: str = ""

    def micro(self, table: dict[str, Counts]) -> Counts:
        c = Counts()
        for k in SPAN_KINDS:
            if k in table:
                c.add(table[k])
        return c

    def as_dict(self) -> dict:
        kinds = {}
        for k in SPAN_KINDS:
            kinds[k] = {"detection": self.detection[k].prf(), "strict": self.strict[k].prf()}
        return {
            "documents": self.documents,
            "gold_hash": self.gold_hash,
            "kinds": kinds,
            "micro": {"detection": self.micro(self.detection).prf(), "strict": self.micro(self.strict).prf()},
            "attributes": {a: {"accuracy": (c[0] / c[1]) if c[1] else None, "correct": c[0], "total": c[1],
                               **({"precision": (pc[0] / pc[1]) if pc[1] else None, "predicted": pc[1]}
                                  if (pc := self.attribute_precision.get(a)) else {})}
                           for a, c in sorted(self.attributes.items())},
            "analyst_row": {"score": (self.analyst[0] / self.analyst[1]) if self.analyst[1] else None,
                            "correct": self.analyst[0], "total": self.analyst[1]},
            "entities": {k: self.entities[k].prf() for k in ENTITY_KINDS},
            "entity_attributes": {a: {"score": (c[0] / c[1]) if c[1] else None, "total": c[1]}
                                  for a, c in sorted(self.entity_attributes.items())},
            "meta": {f: {"accuracy": (c[0] / c[1]) if c[1] else None, "correct": c[0], "total": c[1]}
                     for f, c in self.meta.items()},
        }

    def scores(self) -> dict[str, float]:
        """Flat name → score map, the eval gate's floors."""
        d = self.as_dict()
        out = {}
        for k, v in d["kinds"].items():
            if v["strict"]["gold"]:
                out[f"{k}.strict_f1"] = v["strict"]["f1"]
                out[f"{k}.detection_f1"] = v["detection"]["f1"]
        out["micro.strict_f1"] = d["micro"]["strict"]["f1"]
        for a, v in d["attributes"].items():
            if v["accuracy"] is not None:
                out[f"attr.{a}"] = v["accuracy"]
            if v.get("precision") is not None:
                out[f"attr.{a}.precision"] = v["precision"]
        if d["analyst_row"]["score"] is not None:
            out["analyst_row"] = d["analyst_row"]["score"]
        for k, v in d["entities"].items():
            if v["gold"]:
                out[f"{k}.f1"] = v["f1"]
        for a, v in d["entity_attributes"].items():
            if v["score"] is not None:
                out[f"{a}"] = v["score"]
        for f, v in d["meta"].items():
            if v["accuracy"] is not None:
                out[f"meta.{f}"] = v["accuracy"]
        return out


def _entity_key(f: dict):
    k = f["kind"]
    if k == "person":
        return compare_form(f["name"])
    if k == "document":
        return compare_form(normalize_ref(f["ref"]))
    return (compare_form(f["name"]), compare_form(f["level"]))


def _set_f1(a: list[str], b: list[str]) -> float:
    sa, sb = {compare_form(x) for x in a}, {compare_form(x) for x in b}
    if not sa and not sb:
        return 1.0
    tp = len(sa & sb)
    p = tp / len(sb) if sb else 0.0
    r = tp / len(sa) if sa else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def score_document(rep: Report, doc: str, gold: GoldFile | dict, pred: list[dict], pred_meta: dict | None,
                   sentence_of=None) -> None:
    gfacts: list[dict] = [f if isinstance(f, dict) else f.model_dump()
                          for f in (gold.facts if isinstance(gold, GoldFile) else gold["facts"])]
    gmeta = gold.meta.model_dump() if isinstance(gold, GoldFile) else gold["meta"]
    rep.documents += 1
    for kind in SPAN_KINDS:
        g = [f for f in gfacts if f["kind"] == kind]
        p = [f for f in pred if f["kind"] == kind]
        pairs = pair(g, p)
        ignored_p = {j for i, j in pairs if g[i].get("ignore")}
        pairs = [(i, j) for i, j in pairs if not g[i].get("ignore")]
        det, st = Counts(), Counts()
        det.n_gold = st.n_gold = sum(1 for f in g if not f.get("ignore"))
        det.n_pred = st.n_pred = len(p) - len(ignored_p)
        det.tp = len(pairs)
        paired_g = {i for i, _ in pairs}
        paired_p = {j for _, j in pairs} | ignored_p
        for i, j in pairs:
            gf, pf = g[i], p[j]
            ok = all(equal(gf.get(k), pf.get(k)) for k in KEY_FIELDS[kind])
            st.tp += ok
            if not ok:
                rep.errors.append({"doc": doc, "kind": kind, "type": "wrong", "gold": gf, "pred": pf})
            for a in ATTRIBUTES.get(kind, ()):
                gv, pv = _attr(gf, a), _attr(pf, a)
                if a in PRECISION_ATTRIBUTES and pv is not None:
                    pc = rep.attribute_precision[a]
                    pc[1] += 1
                    pc[0] += equal(gv, pv)
                if gv is None:
                    continue
                c = rep.attributes[a]
                c[1] += 1
                score = syllable_f1(gv, pv) if a == "measure" else float(equal(gv, pv))
                c[0] += score
                if score < 1:
                    rep.errors.append({"doc": doc, "kind": kind, "type": f"attribute {a}", "gold": gf, "pred": pf})
        for i, gf in enumerate(g):
            if i not in paired_g and not gf.get("ignore"):
                rep.errors.append({"doc": doc, "kind": kind, "type": "missed", "gold": gf, "pred": None})
        for j, pf in enumerate(p):
            if j not in paired_p:
                rep.errors.append({"doc": doc, "kind": kind, "type": "spurious", "gold": None, "pred": pf})
        if kind in NUMERIC_KINDS:
            gold_of = {j: g[i] for i, j in pairs}
            for j, pf in enumerate(p):
                if j in ignored_p or not pf.get("indicator"):
                    continue
                gold_fact = gold_of.get(j)
                rep.analyst[1] += 1
                rep.analyst[0] += gold_fact is not None \
                    and all(equal(gold_fact.get(k), pf.get(k)) for k in KEY_FIELDS[kind]) \
                    and all(equal(gold_fact.get(a), pf.get(a)) for a in ANALYST_FIELDS)
        rep.detection[kind].add(det)
        rep.strict[kind].add(st)
    for kind in ENTITY_KINDS:
        ge = {_entity_key(f): f for f in gfacts if f["kind"] == kind and not f.get("ignore")}
        pe = {_entity_key(f): f for f in pred if f["kind"] == kind}
        rep.entities[kind].add(Counts(tp=len(ge.keys() & pe.keys()), n_gold=len(ge), n_pred=len(pe)))
        for key in ge.keys() - pe.keys():
            rep.errors.append({"doc": doc, "kind": kind, "type": "missed", "gold": ge[key], "pred": None})
        for key in pe.keys() - ge.keys():
            rep.errors.append({"doc": doc, "kind": kind, "type": "spurious", "gold": None, "pred": pe[key]})
        for key in ge.keys() & pe.keys():
            gf, pf = ge[key], pe[key]
            if kind == "person":
                s = rep.entity_attributes["person.titles_f1"]
                f1 = _set_f1(gf.get("titles") or [], pf.get("titles") or [])
                s[0] += f1
                s[1] += 1
                if f1 < 1:
                    rep.errors.append({"doc": doc, "kind": kind, "type": "attribute titles", "gold": gf, "pred": pf})
            elif kind == "document":
                for a in ("doc_type", "date"):
                    if gf.get(a) is not None:
                        s = rep.entity_attributes[f"document.{a}"]
                        s[1] += 1
                        s[0] += equal(gf.get(a), pf.get(a))
    pm = pred_meta or {}
    for fld in META_FIELDS:
        gv, pv = gmeta.get(fld), pm.get(fld)
        if fld == "published" and gv and pv:
            gv, pv = gv[:16], pv[:16]
        mc = rep.meta[fld]
        mc[1] += 1
        mc[0] += equal(gv, pv)


def gold_hash(gold_dir: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(gold_dir.glob("*.json")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def load_gold(gold_dir: Path) -> list[tuple[Path, GoldFile]]:
    out = []
    for p in sorted(gold_dir.glob("*.json")):
        try:
            out.append((p, GoldFile.model_validate_json(p.read_bytes())))
        except ValueError as exc:
            raise ValueError(f"{p}: not a valid gold file; run `chitieu gold check` ({str(exc).splitlines()[0]})") from None
    if not out:
        raise ValueError(f"{gold_dir}: no gold files (*.json); pass --gold DIR")
    return out


def _read_pred(path: Path) -> dict[str, tuple[dict, list[dict]]]:
    by_doc: dict[str, tuple[dict, list[dict]]] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                raise ValueError(f"{path}:{n}: not JSON; each line must be one contract fact object") from None
            doc = obj.get("doc")
            if not doc:
                raise ValueError(f"{path}:{n}: no \"doc\" field; every line names its document")
            meta, facts = by_doc.setdefault(doc, ({}, []))
            if obj.get("kind") == "meta":
                meta.update(obj)
            else:
                facts.append(obj)
    return by_doc


def _match_doc(gold_doc: str, by_doc: dict) -> str | None:
    if gold_doc in by_doc:
        return gold_doc
    name = Path(gold_doc).name
    hits = [d for d in by_doc if Path(d).name == name]
    return hits[0] if len(hits) == 1 else None


def evaluate_dir(gold_dir: Path, root: Path, pred: Path | None = None) -> Report:
    rep = Report(gold_hash=gold_hash(gold_dir))
    golds = load_gold(gold_dir)
    by_doc = _read_pred(pred) if pred else None
    for _gp, g in golds:
        if by_doc is not None:
            key = _match_doc(g.doc, by_doc)
            meta, facts = by_doc.get(key, ({}, [])) if key else ({}, [])
        else:
            from .pipeline import extract_text
            from .reader import read_document

            src = read_document(root / g.doc)
            ex = extract_text(src.text, doc=g.doc)
            meta, facts = ex.meta.model_dump(), ex.facts
        score_document(rep, g.doc, g, facts, meta)
    return rep


def _fmt(x) -> str:
    return "—" if x is None else f"{x:.3f}"


def render(rep: Report, console, show_errors: bool = False) -> None:
    from rich.table import Table

    d = rep.as_dict()
    t = Table(title=f"chitieu eval — {d['documents']} documents")
    for col in ("kind", "gold", "pred", "det P", "det R", "det F1", "strict P", "strict R", "strict F1"):
        t.add_column(col, justify="right" if col != "kind" else "left")
    rows = list(d["kinds"].items()) + [("micro", d["micro"])]
    for k, v in rows:
        de, st = v["detection"], v["strict"]
        t.add_row(k, str(st["gold"]), str(st["pred"]), _fmt(de["precision"]), _fmt(de["recall"]), _fmt(de["f1"]),
                  _fmt(st["precision"]), _fmt(st["recall"]), _fmt(st["f1"]))
    console.print(t)
    e = Table(title="entities (sets of keys per document)")
    for col in ("kind", "gold", "pred", "P", "R", "F1"):
        e.add_column(col)
    for k, v in d["entities"].items():
        e.add_row(k, str(v["gold"]), str(v["pred"]), _fmt(v["precision"]), _fmt(v["recall"]), _fmt(v["f1"]))
    console.print(e)
    a = Table(title="attributes (measure: syllable-set F1)")
    for col in ("attribute", "accuracy", "n gold", "precision", "n predicted"):
        a.add_column(col)
    for k, v in d["attributes"].items():
        a.add_row(k, _fmt(v["accuracy"]), str(v["total"]), _fmt(v.get("precision")), str(v.get("predicted", "")))
    for k, v in d["entity_attributes"].items():
        a.add_row(k, _fmt(v["score"]), str(v["total"]), "", "")
    for k, v in d["meta"].items():
        a.add_row(f"meta.{k}", _fmt(v["accuracy"]), str(v["total"]), "", "")
    ar = d["analyst_row"]
    a.add_row("analyst row", _fmt(ar["score"]), "", "", str(ar["total"]))
    console.print(a)
    if show_errors:
        grouped = defaultdict(list)
        for err in rep.errors:
            grouped[(err["kind"], (err["pred"] or {}).get("rule_id") or "-")].append(err)
        for (kind, rule), errs in sorted(grouped.items()):
            console.print(f"[bold]{kind}[/bold] rule={rule} ({len(errs)})")
            for err in errs:
                g, p = err["gold"], err["pred"]
                gs = json.dumps({k: v for k, v in (g or {}).items() if k not in ("start", "end", "kind")}, ensure_ascii=False)
                ps = json.dumps({k: v for k, v in (p or {}).items() if k not in ("start", "end", "kind", "sentence", "sentence_start", "doc")}, ensure_ascii=False)
                console.print(f"  {err['type']:>20} {Path(err['doc']).name}\n      gold: {gs if g else '—'}\n      pred: {ps if p else '—'}",
                              markup=False, highlight=False)
                if p and p.get("sentence"):
                    console.print(f"      sentence: {p['sentence']}", markup=False, highlight=False)


def store_run(db_path: str, rep: Report) -> None:
    from .rules import rules_hash
    from .store import now, open_db

    db = open_db(db_path)
    with db.atomic():
        db.table("eval_runs").insert({"at": now(), "rules_hash": rules_hash(), "gold_hash": rep.gold_hash,
                                "scores": json.dumps(rep.as_dict(), ensure_ascii=False)}, alter=True)


def record_baseline(gold_dir: Path, baseline: Path, allow_regression: bool, root: Path = Path(".")) -> list[str]:
    """Write the current scores on ``gold_dir`` as its floors in ``baseline``
    (one set of floors per gold folder, each with the folder's hash); refuse
    to lower one unless allowed."""
    rep = evaluate_dir(gold_dir, root)
    new = {k: round(v, 4) for k, v in rep.scores().items()}
    data = json.loads(baseline.read_text()) if baseline.exists() else {"sets": {}}
    data.setdefault("sets", {})
    name = Path(os.path.relpath(gold_dir, root)).as_posix()
    old = data["sets"].get(name, {"floors": {}})
    lowered = [f"{k}: {old['floors'][k]} → {v}" for k, v in new.items() if k in old["floors"] and v < old["floors"][k]]
    if lowered and not allow_regression:
        raise ValueError(f"{baseline}: would lower {len(lowered)} floor(s) of {name} ({lowered[0]}, …); "
                         "fix the regression or pass --allow-regression")
    floors = {k: (v if allow_regression else max(v, old["floors"].get(k, 0.0))) for k, v in new.items()}
    data["sets"][name] = {"gold_hash": rep.gold_hash, "floors": floors}
    baseline.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return lowered
