"""Peer tools on the gold set, scored by the project's own scorer.

    pip install -e ".[peers]"
    python benchmarks/peers.py [--gold gold/] [--root .] [--out DIR]

Runs, on the ``doc`` files of ``gold/*.json`` (paths relative to ``--root``):

- ``chitieu``: ``python -m extractor extract --format jsonl`` on the same files;
- ``underthesea``: ``underthesea.ner`` (offline CRF).  PER spans become
  ``person`` facts (``name`` as written, ``titles: []``).  LOC spans become
  ``area`` facts only when the level is written: the span starts with a level
  word ("huyện Quốc Oai") or the word just before it is one ("tỉnh" + "Hà
  Tĩnh"), and what follows the level word starts with a capital or a digit;
  a bare LOC ("Hà Nội") has no level we could give without a gazetteer, so
  it is skipped and counted;
- ``duckling``: Duckling's Vietnamese rules through ``pyduckling-native-phihos``
  (dimensions amount-of-money, number, time, ordinal, duration):
  amount-of-money with a currency → ``money``; a number or a currency-less
  amount followed by "%" → ``percent``, otherwise → ``quantity`` (unit null);
  a time of day or month grain → ``date``, and so is an hour-grain time or
  part of a day whose text has a day/month numeral ("Sáng 2/8/2023"; "lúc 9
  giờ" alone is no calendar day); year and quarter grain, and year/month
  intervals → ``period``.  Ordinals and durations are not facts (the contract
  says so) and are dropped; so are spans without a digit ("hàng triệu":
  numbers written as words are not facts), before overlapping readings are
  resolved (longest first, then money, time, duration, ordinal, number).
  Duckling's reference time is the page's publication time (sidecar, else the
  header as chitieu's header parser reads it, since Duckling has no header
  parser); without one, the latest date Duckling finds whose text carries a
  year (the contract's rule); without that, 2000-01-01.

Both peers see the whole file, boilerplate included (they have no notion of an
article region).  ``<peer>+region`` rows are the same output with the facts
outside chitieu's article region (``extractor.boilerplate``) dropped, to
separate recognition from boilerplate handling.

Peers normalise text (underthesea rewrites tone placement, "hoà" → "hòa";
Duckling's ``body`` comes back mis-decoded), so every span is mapped back onto
the document text and checked: ``text == doc_text[start:end]``.  Every line
written is validated with ``extractor.models`` (``FactAdapter`` / ``MetaLine``).
One JSONL file per system is written to ``--out``; ``chitieu eval --pred FILE``
scores any of them.  The table printed is from ``extractor.evaluate.evaluate_dir``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from datetime import datetime
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from extractor.evaluate import evaluate_dir, load_gold  # noqa: E402
from extractor.models import SPAN_KINDS, FactAdapter, MetaLine, fact_to_dict  # noqa: E402
from extractor.reader import read_document  # noqa: E402
from extractor.rules import words  # noqa: E402
from extractor.textnorm import compare_form, fold  # noqa: E402

CURRENCIES = set(words("CURRENCIES").values())
TZ = "Asia/Ho_Chi_Minh"


# --------------------------------------------------------------------------- helpers


def fact(kind: str, text: str, start: int, end: int, doc: str, **fields) -> dict:
    """A contract fact, validated, with its text taken from the document."""
    d = {"kind": kind, "start": start, "end": end, "text": text[start:end], "doc": doc, **fields}
    return fact_to_dict(FactAdapter.validate_python(d))


def meta_line(doc: str) -> dict:
    """Peers read no metadata: a meta line with every field null."""
    return MetaLine(doc=doc, kind="meta").model_dump()


def lines_of(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def dedupe(facts: list[dict], key) -> list[dict]:
    seen, out = set(), []
    for f in facts:
        k = key(f)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


# --------------------------------------------------------------------------- underthesea


LEVELS = {"tỉnh": "tỉnh", "thành phố": "thành phố", "tp": "thành phố", "tp.": "thành phố", "quận": "quận",
          "huyện": "huyện", "thị xã": "thị xã", "xã": "xã", "phường": "phường", "thị trấn": "thị trấn"}


def _match_parts(parts: list[str], ftext: str, pos: int, hi: int) -> tuple[int, int] | None:
    j, first = pos, None
    for part in parts:
        while j < hi and ftext[j].isspace():
            j += 1
        if not ftext.startswith(part, j) or j + len(part) > hi:
            return None
        first = j if first is None else first
        j += len(part)
    return (first, j) if first is not None else None


def align(tokens: list[str], ftext: str, lo: int, hi: int) -> list[tuple[int, int] | None]:
    """Offsets of underthesea's tokens in the (folded) document text.

    A token is matched syllable by syllable in the folded form (lowercase, one
    tone placement), skipping whitespace; when it does not follow the previous
    one it is searched for further on the line; when not found it is None.
    """
    out, pos = [], lo
    for tok in tokens:
        parts = fold(unicodedata.normalize("NFC", tok)).replace("_", " ").split()
        span = _match_parts(parts, ftext, pos, hi) if parts else None
        if span is None and parts:
            k = ftext.find(parts[0], pos, hi)
            while k >= 0 and span is None:
                span = _match_parts(parts, ftext, k, hi)
                k = ftext.find(parts[0], k + 1, hi) if span is None else k
        out.append(span)
        if span:
            pos = span[1]
    return out


def run_underthesea(doc: str, text: str, stats: Counter) -> list[dict]:
    from underthesea import ner, sent_tokenize

    ftext = fold(text)
    persons, areas = [], []
    for ls, line in lines_of(text):
        if not line.strip():
            continue
        toks: list[tuple[str, str]] = []
        for sent in sent_tokenize(line):
            toks += [(t[0], t[-1]) for t in ner(sent)]
        spans = align([w for w, _ in toks], ftext, ls, ls + len(line))
        stats["tokens"] += len(toks)
        stats["tokens not found in the text"] += sum(s is None for s in spans)
        # BIO → entities (type, first token index, last token index)
        ents, cur = [], None
        for i, (_, tag) in enumerate(toks):
            bio, _, typ = tag.partition("-")
            if bio == "I" and cur and cur[0] == typ and cur[2] == i - 1:
                cur[2] = i
                continue
            if cur:
                ents.append(tuple(cur))
                cur = None
            if bio in ("B", "I"):
                cur = [typ, i, i]
        if cur:
            ents.append(tuple(cur))
        for typ, a, b in ents:
            if typ not in ("PER", "LOC"):
                continue
            stats[f"{typ} spans"] += 1
            if any(spans[k] is None for k in range(a, b + 1)):
                stats[f"{typ} spans not mapped back (dropped)"] += 1
                continue
            s, e = spans[a][0], spans[b][1]
            if typ == "PER":
                persons.append(fact("person", text, s, e, doc, name=text[s:e], titles=[]))
                continue
            # LOC: a level only when it is written
            level, ns = None, s
            for n in range(a, b):  # level word(s) at the start of the span
                lw = fold(text[s:spans[n][1]])
                if lw in LEVELS:
                    level, ns = LEVELS[lw], spans[n + 1][0]
                    break
            if level is None and a > 0 and spans[a - 1] is not None:
                lw = fold(text[spans[a - 1][0]:spans[a - 1][1]])
                if lw in LEVELS:
                    level, s = LEVELS[lw], spans[a - 1][0]
            if level is None:
                stats["LOC spans without a written level (skipped)"] += 1
                continue
            name = text[ns:e].strip()
            if not name or not (name[0].isupper() or name[0].isdigit()):
                # "Quận" + "ủy Nam Từ Liêm" (underthesea split "Quận ủy"), "phường" + "sau sắp xếp"
                stats["LOC spans whose rest is no proper name (skipped)"] += 1
                continue
            areas.append(fact("area", text, s, e, doc, name=name, level=level))
    persons = dedupe(persons, lambda f: compare_form(f["name"]))
    areas = dedupe(areas, lambda f: (compare_form(f["name"]), f["level"]))
    return persons + areas


# --------------------------------------------------------------------------- duckling


DIMS = ["amount-of-money", "number", "time", "ordinal", "duration"]
PRIORITY = {"amount-of-money": 0, "time": 1, "duration": 2, "ordinal": 3, "number": 4}
DAY_MONTH = regex.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}")
YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


class Duckling:
    def __init__(self):
        import duckling

        self.d = duckling
        self.tz = duckling.load_time_zones("/usr/share/zoneinfo")
        lang = duckling.parse_lang("VI")
        if lang.name != "VI":
            raise RuntimeError(f"no Vietnamese in this Duckling build (parse_lang('VI') gave {lang.name})")
        self.locale = duckling.default_locale_lang(lang)
        self.dims = duckling.parse_dimensions(DIMS)

    def parse(self, s: str, ref: datetime) -> list[dict]:
        from zoneinfo import ZoneInfo

        ts = int(ref.replace(tzinfo=ZoneInfo(TZ)).timestamp())
        ctx = self.d.Context(self.d.parse_ref_time(self.tz, TZ, ts), self.locale)
        return self.d.parse(s, ctx, self.dims, False)


def _body(s: str) -> str:
    """Duckling's ``body`` is UTF-8 bytes read as Latin-1; undo that."""
    try:
        return unicodedata.normalize("NFC", s.encode("latin-1").decode("utf-8"))
    except (UnicodeEncodeError, UnicodeDecodeError):
        return unicodedata.normalize("NFC", s)


def _locate(tok: dict, line: str, stats: Counter) -> tuple[int, int] | None:
    """Map a Duckling token back onto the line; trust its offsets only if they check."""
    body = _body(tok.get("body", ""))
    s, e = tok["start"], tok["end"]
    if 0 <= s < e <= len(line) and line[s:e] == body:
        return s, e
    hits = [m.start() for m in regex.finditer(regex.escape(body), line)] if body else []
    if hits:
        stats["duckling offsets corrected"] += 1
        k = min(hits, key=lambda h: abs(h - s))
        return k, k + len(body)
    stats["duckling tokens not mapped back (dropped)"] += 1
    return None


def _ym(v: str) -> tuple[int, int, int]:
    return int(v[0:4]), int(v[5:7]), int(v[8:10])


def _minus_one(v: str, grain: str) -> str:
    """Duckling's interval end is exclusive: the last included year/month."""
    y, m, _ = _ym(v)
    if grain == "year":
        return f"{y - 1:04d}"
    m -= 1
    if m == 0:
        y, m = y - 1, 12
    return f"{y:04d}-{m:02d}"


def _time_facts(v: dict, span_text: str) -> tuple[str, dict] | None:
    """(kind, fields) of a Duckling time value, or None when it is no date/period."""
    if v.get("type") == "value":
        g, (y, m, d) = v["grain"], _ym(v["value"])
        if g == "day":
            return "date", {"value": f"{y:04d}-{m:02d}-{d:02d}"}
        if g == "month":
            return "date", {"value": f"{y:04d}-{m:02d}"}
        if g == "year":
            return "period", {"value_start": f"{y:04d}", "value_end": f"{y:04d}"}
        if g == "quarter":
            return "period", {"value_start": f"{y:04d}-{m:02d}", "value_end": f"{y:04d}-{m + 2:02d}"}
        if g in ("hour", "minute", "second") and DAY_MONTH.search(span_text):
            return "date", {"value": f"{y:04d}-{m:02d}-{d:02d}"}
        return None
    if v.get("type") == "interval":
        fr, to = v.get("from"), v.get("to")
        if not (fr or to):
            return None
        g = (fr or to)["grain"]
        if g in ("hour", "minute", "second"):
            # a part of one day ("Sáng 2/8/2023" is 04:00–12:00 of that day)
            if fr and DAY_MONTH.search(span_text) and (not to or to["value"][:10] == fr["value"][:10]):
                y, m, d = _ym(fr["value"])
                return "date", {"value": f"{y:04d}-{m:02d}-{d:02d}"}
            return None
        if g in ("year", "month", "quarter"):
            fmt = (lambda x: x[:4]) if g == "year" else (lambda x: x[:7])
            return "period", {"value_start": fmt(fr["value"]) if fr else None,
                              "value_end": _minus_one(to["value"], "year" if g == "year" else "month") if to else None}
    return None


def _numeric(text: str, doc: str, s: int, e: int, value: float, currency: str | None, comparator: str) -> dict:
    m = regex.match(r"[ \t\u00a0]?%", text[e:e + 2])
    if currency is None and m:
        return fact("percent", text, s, e + m.end(), doc, value=value, comparator=comparator)
    if currency is not None:
        return fact("money", text, s, e, doc, value=value, currency=currency, comparator=comparator)
    return fact("quantity", text, s, e, doc, value=value, comparator=comparator)


def _duckling_tokens(dk: Duckling, text: str, ref: datetime, stats: Counter) -> list[tuple[int, int, dict]]:
    """Duckling's tokens of every line, in document offsets, overlaps resolved."""
    out = []
    for ls, line in lines_of(text):
        if not line.strip():
            continue
        cands = []
        for tok in dk.parse(line, ref):
            span = _locate(tok, line, stats)
            if not span:
                continue
            if not regex.search(r"\d", line[span[0]:span[1]]):
                # "hàng triệu", "cuối năm": words, no fact; dropped before they
                # can shadow an overlapping reading that has digits ("năm 2025")
                stats["spans without a digit (dropped)"] += 1
                continue
            cands.append((ls + span[0], ls + span[1], tok))
        # Duckling returns overlapping readings: keep the longest, then by dimension
        cands.sort(key=lambda c: (-(c[1] - c[0]), PRIORITY.get(c[2]["dim"], 9), c[0]))
        kept: list[tuple[int, int, dict]] = []
        for c in cands:
            if all(c[1] <= k[0] or c[0] >= k[1] for k in kept):
                kept.append(c)
            else:
                stats["overlapping readings dropped"] += 1
        out += sorted(kept, key=lambda c: c[0])
    return out


def reference_time(dk: Duckling, path: Path, text: str, stats: Counter) -> datetime:
    from extractor.boilerplate import article
    from extractor.meta import meta_of, read_sidecar

    pub = read_sidecar(path).get("published") or meta_of(text, article(text)).published
    if pub:
        stats["reference: publication time"] += 1
        return datetime.fromisoformat(pub if "T" in pub else pub + "T00:00")
    dates = []
    for s, e, tok in _duckling_tokens(dk, text, datetime(2000, 1, 1), Counter()):
        if tok["dim"] == "time" and YEAR.search(text[s:e]):
            tf = _time_facts(tok["value"], text[s:e])
            if tf and tf[0] == "date":
                dates.append(tf[1]["value"])
    if dates:
        stats["reference: latest dated time in the text"] += 1
        y, m, *d = (int(x) for x in max(dates).split("-"))
        return datetime(y, m, d[0] if d else 1)
    stats["reference: 2000-01-01 (none found)"] += 1
    return datetime(2000, 1, 1)


def run_duckling(dk: Duckling, doc: str, path: Path, text: str, stats: Counter) -> list[dict]:
    ref = reference_time(dk, path, text, stats)
    facts = []
    for s, e, tok in _duckling_tokens(dk, text, ref, stats):
        dim, v = tok["dim"], tok["value"]
        if dim in ("ordinal", "duration"):
            stats[f"{dim} spans (not facts, dropped)"] += 1
            continue
        if dim == "time":
            tf = _time_facts(v, text[s:e])
            if tf is None:
                stats["times that are no calendar day/month/period (dropped)"] += 1
                continue
            facts.append(fact(tf[0], text, s, e, doc, **tf[1]))
        elif dim in ("number", "amount-of-money"):
            # the currency: on the value, or on an interval's ends
            units = {x.get("unit") for x in (v, v.get("from") or {}, v.get("to") or {})} - {None}
            cur = units.pop() if dim == "amount-of-money" and len(units) == 1 else None
            cur = cur if cur in CURRENCIES else None
            if v.get("type") == "interval":
                # a range gives two facts: the low end and the high end
                fr, to = v.get("from"), v.get("to")
                if fr:
                    facts.append(_numeric(text, doc, s, e, fr["value"], cur, ">=" if to else ">"))
                if to:
                    facts.append(_numeric(text, doc, s, e, to["value"], cur, "<=" if fr else "<"))
            else:
                facts.append(_numeric(text, doc, s, e, v["value"], cur, "="))
    return facts


# --------------------------------------------------------------------------- chitieu


def run_chitieu(root: Path, docs: list[str]) -> list[dict]:
    cmd = [sys.executable, "-m", "extractor", "extract", "--format", "jsonl", *docs]
    res = subprocess.run(cmd, cwd=root, capture_output=True, text=True, encoding="utf-8")
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[1:])} failed ({res.returncode}): {res.stderr.strip()[-500:]}")
    return [json.loads(ln) for ln in res.stdout.splitlines() if ln.strip()]


# --------------------------------------------------------------------------- output, scoring


def write_jsonl(path: Path, lines: list[dict], texts: dict[str, str]) -> None:
    """Validate every line (models and offsets), then write it."""
    for n, obj in enumerate(lines, 1):
        if obj.get("kind") == "meta":
            MetaLine.model_validate(obj)
            continue
        FactAdapter.validate_python(obj)
        t = texts[obj["doc"]]
        if t[obj["start"]:obj["end"]] != obj["text"]:
            raise ValueError(f"{path.name}:{n}: text {obj['text']!r} is not doc_text[{obj['start']}:{obj['end']}]")
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in lines), encoding="utf-8")


# the kinds each peer is asked for; a kind it never produces is shown "n/a", not 0
COVERS = {"underthesea": {"person", "area"}, "duckling": {"quantity", "percent", "money", "date", "period"}}


def row(name: str, rep) -> list[str]:
    d = rep.as_dict()
    covers = COVERS.get(name.split("+")[0], set(SPAN_KINDS) | {"person", "area"})
    if covers & set(SPAN_KINDS):
        covers = covers | {"micro"}  # the micro pools every span kind, ratio included

    def cell(kind: str, v: float) -> str:
        return f"{v:.3f}" if kind in covers else "n/a"

    st = d["micro"]["strict"]
    cells = [name, cell("micro", st["precision"]), cell("micro", st["recall"]), cell("micro", st["f1"]),
             cell("micro", d["micro"]["detection"]["f1"])]
    for k in SPAN_KINDS:
        cells.append(cell(k, d["kinds"][k]["strict"]["f1"]))
    for k in ("person", "area"):
        cells.append(cell(k, d["entities"][k]["f1"]))
    return cells


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default=str(REPO / "gold"), help="gold directory (default: the repository's gold/)")
    ap.add_argument("--root", default=str(REPO), help="where the gold's doc paths start (default: the repository)")
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "chitieu-peers"),
                    help="directory for the JSONL files (default: %(default)s)")
    args = ap.parse_args(argv)
    gold_dir, root, out = Path(args.gold), Path(args.root), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    golds = load_gold(gold_dir)
    docs = [g.doc for _, g in golds]
    texts = {d: read_document(root / d).text for d in docs}

    from extractor.boilerplate import article

    regions = {d: article(t) for d, t in texts.items()}
    systems: dict[str, list[dict]] = {}
    notes: dict[str, Counter] = {}
    unavailable: dict[str, str] = {}
    timing: dict[str, float] = {}

    t0 = time.perf_counter()
    systems["chitieu"] = run_chitieu(root, docs)
    timing["chitieu"] = time.perf_counter() - t0

    peers = {}
    try:
        import underthesea  # noqa: F401

        peers["underthesea"] = lambda d: run_underthesea(d, texts[d], notes["underthesea"])
    except ImportError as exc:
        unavailable["underthesea"] = f"not importable ({exc})"
    try:
        dk = Duckling()
        peers["duckling"] = lambda d: run_duckling(dk, d, root / d, texts[d], notes["duckling"])
    except Exception as exc:  # ImportError, no tz database, no Vietnamese
        unavailable["duckling"] = f"{exc.__class__.__name__}: {exc}"
    for name, run in peers.items():
        notes[name] = Counter()
        t0 = time.perf_counter()
        lines = []
        for d in docs:
            lines.append(meta_line(d))
            lines += run(d)
        timing[name] = time.perf_counter() - t0
        systems[name] = lines
        systems[f"{name}+region"] = [f for f in lines if f["kind"] == "meta"
                                     or regions[f["doc"]].contains(f["start"], f["end"])]

    header = ["system", "micro P", "micro R", "micro F1", "micro det F1", *SPAN_KINDS, "person F1", "area F1"]
    rows = []
    for name, lines in systems.items():
        path = out / f"{name}.jsonl"
        write_jsonl(path, lines, texts)
        rows.append(row(name, evaluate_dir(gold_dir, root, pred=path)))

    rep = evaluate_dir(gold_dir, root, pred=out / "chitieu.jsonl").as_dict()
    print(f"gold: {len(docs)} documents, gold_hash {rep['gold_hash'][:12]}; "
          f"strict P/R/F1 micro over {', '.join(SPAN_KINDS)}; per-kind columns are strict F1; "
          f"person/area are set F1")
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print()
    for name, lines in systems.items():
        kinds = Counter(f["kind"] for f in lines if f["kind"] != "meta")
        extra = f", {timing[name]:.1f}s" if name in timing else ""
        print(f"{name}: {out / (name + '.jsonl')} ({sum(kinds.values())} facts: "
              f"{', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}{extra})")
    for name, c in notes.items():
        if c:
            print(f"{name} notes: " + "; ".join(f"{k} {v}" for k, v in c.items()))
    for name, why in unavailable.items():
        print(f"{name}: not run: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
