"""Builders of ``date`` and ``period`` facts from rule matches, and the year
inference of the contract: a missing year comes from the publication date, else
from the latest year-bearing date in the body; a date no rule gives a year to
has ``value: null``.
"""

from __future__ import annotations

import calendar

import regex

from .matching import Candidate

PERIOD_VALUE_RE = regex.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_REL = {"nay": 0, "ngoái": -1, "trước": -1}


def _valid(y: int | None, m: int, d: int | None) -> bool:
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    last = calendar.monthrange(y if y else 2000, m)[1]  # 2000 is a leap year: 29/2 allowed
    return 1 <= d <= last


def build(c: Candidate, text: str) -> list[dict]:
    """Facts of one kept date/period candidate; year-less values are left
    pending (``_y`` None) for :func:`resolve_years`."""
    gd = c.match.groupdict()
    base = {"kind": c.kind, "rule_id": c.rule.id}
    if c.kind == "date":
        m = int(gd["m"])
        y = int(gd["y"]) if gd.get("y") else None
        d = int(gd["d"]) if gd.get("d") else None
        if not _valid(y, m, d):
            return []
        out = []
        if gd.get("d1"):
            d1 = int(gd["d1"])
            if not _valid(y, m, d1) or d1 >= (d or 0):
                return []
            s = c.start
            out.append({**base, "start": s, "end": c.match.end("d1"), "_y": y, "_m": m, "_d": d1})
            start = c.match.start("d")
        else:
            start = c.start
        out.append({**base, "start": start, "end": c.end, "_y": y, "_m": m, "_d": d})
        for f in out:
            f["text"] = text[f["start"] : f["end"]]
        return out
    # periods
    fact = {**base, "start": c.start, "end": c.end, "text": text[c.start : c.end]}
    if gd.get("y1") or gd.get("y2"):
        y1 = int(gd["y1"]) if gd.get("y1") else None
        y2 = int(gd["y2"]) if gd.get("y2") else None
        if y1 and y2 and y2 < y1:
            return []
        fact["_period"] = (str(y1) if y1 else None, str(y2) if y2 else None)
        return [fact]
    y = int(gd["y"]) if gd.get("y") else None
    rel = gd.get("rel")
    fact["_y"] = y
    fact["_rel"] = _REL[rel.lower()] if rel else None
    if gd.get("q"):
        q = gd["q"].lower()
        q = _ROMAN.get(q) or int(q)
        fact["_months"] = (3 * q - 2, 3 * q)
    elif gd.get("n") or gd.get("half"):
        n = 6 if gd.get("half") else int(gd["n"])
        if not 1 <= n <= 12:
            return []
        part = (gd.get("part") or "đầu").lower()
        fact["_months"] = (1, n) if part == "đầu" else (13 - n, 12)
    else:
        fact["_months"] = None  # the whole year
    return [fact]


def reference_year(published: str | None, facts: list[dict]) -> int | None:
    """The year for year-less dates: the publication year, else the latest year
    carried by a date of the body."""
    if published:
        return int(published[:4])
    years = [f["_y"] for f in facts if f["kind"] == "date" and f.get("_y")]
    return max(years) if years else None


def resolve_years(facts: list[dict], published: str | None) -> None:
    """Fill ``value`` / ``value_start`` / ``value_end`` in place."""
    ref = reference_year(published, facts)
    pub_year = int(published[:4]) if published else ref
    for f in facts:
        if f["kind"] == "date":
            y = f.pop("_y") or ref
            m, d = f.pop("_m"), f.pop("_d")
            if y is None:
                f["value"] = None
            else:
                f["value"] = f"{y:04d}-{m:02d}" + (f"-{d:02d}" if d else "")
        elif f["kind"] == "period":
            if "_period" in f:
                f["value_start"], f["value_end"] = f.pop("_period")
                continue
            y, rel, months = f.pop("_y"), f.pop("_rel"), f.pop("_months")
            if y is None:
                base = pub_year if rel is not None else ref
                y = base + rel if (base is not None and rel is not None) else base
            if y is None:
                f["value_start"] = f["value_end"] = None
                f["ignore"] = True
                continue
            if months:
                f["value_start"], f["value_end"] = f"{y:04d}-{months[0]:02d}", f"{y:04d}-{months[1]:02d}"
            else:
                f["value_start"] = f["value_end"] = f"{y:04d}"


def period_string(f: dict) -> str | None:
    """A period fact as the contract's attribute form "START/END"."""
    a, b = f.get("value_start"), f.get("value_end")
    if a is None and b is None:
        return None
    return f"{a or ''}/{b or ''}"
