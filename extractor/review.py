"""The review page of one document: its text with every fact highlighted.

What this module holds: finding a document in the database by id prefix or
path (:func:`find_document`), turning ``facts`` rows back into contract-style
facts (:func:`fact_from_row`), a one-line normalised value per fact
(:func:`describe`), and the page itself (:func:`render_html`,
:func:`review_html`).

The page follows displaCy's span style in plain HTML/CSS (no script, no
external resource): each fact is a ``<mark class="fact k-KIND">`` around its
text, labelled after it by kind and normalised value (CSS ``::after`` from
``data-label``, so the DOM's text stays the article's text), with a hover
``title`` giving every normalised field and the rule id; a side list repeats
the facts with their fields and links to each mark.  Facts that overlap are
nested; one that crosses another's edge is cut into pieces that share its
``data-fact`` number (``class="cont"`` on all but the first).  Figures named
by a failed consistency check get ``class="flagged"`` and the checks are
listed above the text.  Text outside the article region (navigation, footers)
is shown greyed.  All text is HTML-escaped.

``chitieu show DOC --html FILE`` writes the page as a static file; ``chitieu
serve`` serves the same page from the database at
``/-/chitieu/review/<document id>`` (see :mod:`extractor.serve`).
"""

from __future__ import annotations

import html
import json
import sqlite3
from pathlib import Path

KINDS = ("quantity", "percent", "ratio", "money", "date", "period", "person", "document", "area")
# normalised fields shown per fact (in this order), when not null
FIELDS = ("value", "numerator", "denominator", "unit", "currency", "indicator", "area", "period", "comparator",
          "change", "target", "value_start", "value_end", "name", "titles", "ref", "doc_type", "date", "level",
          "code", "rule_id")


LABEL_MAX = 48  # a longer label is cut (the hover title and the side list have it all)


class DocumentNotFound(ValueError):
    """No document, or more than one, matches what was asked for."""


def _rows(conn: sqlite3.Connection, sql: str, args=()) -> list[dict]:
    cur = conn.execute(sql, args)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def find_document(conn: sqlite3.Connection, ref: str) -> dict:
    """The document whose id starts with ``ref``, or whose path is ``ref``
    (as stored, or the same file: same resolved path or same bytes)."""
    ref = ref.strip()
    if not ref:
        raise DocumentNotFound("give a document id (or its first characters) or a file path")
    hits = []
    if all(c in "0123456789abcdefABCDEF" for c in ref) and len(ref) >= 4:
        hits = _rows(conn, "select id, path from documents where id like ? order by path", [ref.lower() + "%"])
    if not hits:
        hits = _rows(conn, "select id, path from documents where path = ?", [ref])
    if not hits and Path(ref).is_file():
        import hashlib

        digest = hashlib.sha256(Path(ref).read_bytes()).hexdigest()
        hits = _rows(conn, "select id, path from documents where id = ?", [digest])
        if not hits:
            target = Path(ref).resolve()
            hits = [r for r in _rows(conn, "select id, path from documents") if Path(r["path"]).resolve() == target]
    if not hits:
        raise DocumentNotFound(f"no document matches {ref!r}; give an id prefix or a path listed in the documents table")
    if len(hits) > 1:
        shown = ", ".join(f"{h['id'][:12]} ({h['path']})" for h in hits[:3])
        raise DocumentNotFound(f"{ref!r} matches {len(hits)} documents: {shown}{', …' if len(hits) > 3 else ''}; give more of the id")
    return _rows(conn, "select * from documents where id = ?", [hits[0]["id"]])[0]


def fact_from_row(row: dict) -> dict:
    """A ``facts`` row → a contract-style fact: nulls dropped, ``titles`` a
    list, a date's value in ``value``, ``target`` a bool."""
    f = {k: v for k, v in row.items() if v is not None}
    if f.get("kind") == "date" and "date_value" in f:
        f["value"] = f.pop("date_value")
    if isinstance(f.get("titles"), str):
        try:
            f["titles"] = json.loads(f["titles"])
        except ValueError:
            f["titles"] = [f["titles"]]
    if "target" in f:
        f["target"] = bool(f["target"])
    return f


def load(conn: sqlite3.Connection, ref: str) -> tuple[dict, list[dict], list[dict]]:
    """(document, facts in text order, checks) of the document ``ref``."""
    doc = find_document(conn, ref)
    facts = [fact_from_row(r) for r in _rows(
        conn, 'select * from facts where document = ? order by start, "end" desc, kind, id', [doc["id"]])]
    checks = _rows(conn, 'select "check", message, facts, expected, stated from checks where document = ? order by id',
                   [doc["id"]])
    return doc, facts, checks


def _num(v) -> str:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    return str(v)


def describe(f: dict) -> str:
    """The normalised value of a fact in one short line."""
    k = f.get("kind")
    if k == "ratio":
        s = f"{_num(f.get('numerator'))}/{_num(f.get('denominator'))}"
    elif k == "percent":
        s = f"{_num(f.get('value'))}%"
    elif k == "money":
        s = f"{_num(f.get('value'))} {f.get('currency') or ''}".strip()
    elif k == "quantity":
        s = f"{_num(f.get('value'))} {f.get('unit') or ''}".strip()
    elif k == "date":
        s = str(f.get("value") or "")
    elif k == "period":
        s = f"{f.get('value_start') or ''}/{f.get('value_end') or ''}"
    elif k == "person":
        s = "; ".join(f.get("titles") or [])
    elif k == "document":
        s = " ".join(x for x in (f.get("ref"), f.get("date")) if x)
    elif k == "area":
        s = f"{f.get('level') or ''} {f.get('name') or ''}".strip()
    else:
        s = str(f.get("value") or "")
    if k in ("quantity", "percent", "ratio", "money"):
        cmp = f.get("comparator")
        if cmp and cmp != "=":
            s = f"{cmp} {s}"
        if f.get("change"):
            s = ("+" if f["change"] == "increase" else "−") + " " + s
        if f.get("target"):
            s += " (target)"
    return s


def fields_text(f: dict) -> str:
    """Every normalised field of a fact, one ``name: value`` a line (the hover title)."""
    lines = [f"kind: {f.get('kind')}"]
    for k in FIELDS:
        if k in f and f[k] is not None:
            v = f[k]
            if k == "titles":
                v = "; ".join(v)
            elif isinstance(v, float):
                v = _num(v)
            lines.append(f"{k}: {v}")
    return "\n".join(lines)


def _esc(s) -> str:
    return html.escape(str(s), quote=True)


def _highlight(text: str, facts: list[dict], region: tuple[int, int], flagged: set[int]) -> str:
    """``text`` as HTML with every fact (``facts[i]``, numbered i) wrapped in
    marks, nested; crossing facts cut into pieces."""
    spans = [(i, f["start"], f["end"]) for i, f in enumerate(facts)
             if 0 <= f["start"] < f["end"] <= len(text)]
    cut_set = {0, len(text), *region}
    for _, s, e in spans:
        cut_set.update((s, e))
    cuts = sorted(c for c in cut_set if 0 <= c <= len(text))
    order = {i: (s, -e, i) for i, s, e in spans}
    out: list[str] = []
    stack: list[int] = []
    opened: set[int] = set()
    for a, b in zip(cuts, cuts[1:]):
        want = sorted((i for i, s, e in spans if s <= a and b <= e), key=order.__getitem__)
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep] == want[keep]:
            keep += 1
        while len(stack) > keep:
            stack.pop()
            out.append("</mark>")
        for i in want[keep:]:
            f = facts[i]
            s, e = f["start"], f["end"]
            # the piece of the fact that starts here runs to the next cut where it or an enclosing mark ends
            cls = ["fact", f"k-{f['kind']}"]
            if i in opened:
                cls.append("cont")
            if i in flagged:
                cls.append("flagged")
            piece_end = min([e] + [facts[j]["end"] for j in stack])
            if piece_end == e:
                cls.append("last")
            label = f"{f['kind']} {describe(f)}".strip()
            if len(label) > LABEL_MAX:
                label = label[: LABEL_MAX - 1] + "…"
            attrs = (f'class="{" ".join(cls)}" data-fact="{i}" data-kind="{_esc(f["kind"])}" '
                     f'data-label="{_esc(label)}" title="{_esc(fields_text(f))}"')
            if i not in opened:
                attrs += f' id="fact-{i}"'
            out.append(f"<mark {attrs}>")
            opened.add(i)
            stack.append(i)
        piece = _esc(text[a:b])
        out.append(piece if region[0] <= a and b <= region[1] else f'<span class="outside">{piece}</span>')
    out.extend("</mark>" for _ in stack)
    return "".join(out)


CSS = """
:root { --quantity:#7aecec; --percent:#bfeeb7; --ratio:#feca74; --money:#ffeb80; --date:#bfe1d9;
        --period:#e4e7d2; --person:#aa9cfc; --document:#f0d0ff; --area:#9cc9cc; }
* { box-sizing: border-box; }
body { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { padding: 12px 20px; background: #fff; border-bottom: 1px solid #ddd; }
header h1 { font-size: 1.25rem; margin: 0 0 4px; }
header .meta { color: #666; font-size: .85rem; }
header a { color: #0b5cad; }
.legend span { display: inline-block; padding: 0 6px; margin: 2px 4px 0 0; border-radius: 3px; font-size: .75rem; }
main { display: flex; gap: 20px; padding: 16px 20px; align-items: flex-start; }
.article { flex: 3; background: #fff; padding: 16px 20px; border: 1px solid #e2e2e2; border-radius: 6px;
           white-space: pre-wrap; line-height: 2.3; font-size: 1rem; }
.outside { color: #aaa; }
aside { flex: 2; max-height: calc(100vh - 40px); overflow: auto; position: sticky; top: 10px; font-size: .8rem; }
aside table { border-collapse: collapse; width: 100%; background: #fff; }
aside th, aside td { border-bottom: 1px solid #eee; padding: 3px 5px; text-align: left; vertical-align: top; }
aside tr.flagged td { background: #ffecec; }
mark.fact { padding: 2px 3px; border-radius: 4px; line-height: 1; }
mark.fact.last::after { content: attr(data-label); font-size: .62rem; font-weight: bold; text-transform: none;
                        margin-left: 4px; padding: 1px 4px; border-radius: 3px; background: rgba(255,255,255,.75);
                        vertical-align: middle; color: #333; }
mark.fact.flagged { outline: 2px solid #d22; }
.checks { margin: 0 20px; padding: 8px 12px; background: #fff4f4; border: 1px solid #f0b8b8; border-radius: 6px; font-size: .9rem; }
.checks h2 { font-size: 1rem; margin: 0 0 4px; color: #b00; }
""" + "".join(f"mark.k-{k}, .legend .k-{k}, aside .k-{k} {{ background: var(--{k}); }}\n" for k in KINDS)


def render_html(doc: dict, facts: list[dict], checks: list[dict], back_url: str | None = None) -> str:
    """The review page of ``doc`` (a ``documents`` row) with its facts and checks."""
    flagged_spans: set[tuple] = set()
    for c in checks:
        try:
            flagged_spans.update(tuple(x) for x in json.loads(c.get("facts") or "[]"))
        except ValueError:
            pass
    flagged = {i for i, f in enumerate(facts) if (f["start"], f["end"]) in flagged_spans}
    text = doc.get("text") or ""
    body_end = doc.get("body_end")
    region = (doc.get("body_start") or 0, body_end if body_end is not None else len(text))
    title = doc.get("title") or doc.get("path") or doc["id"]
    meta = " · ".join(_esc(x) for x in (doc.get("published"), doc.get("source"), doc.get("author"), doc.get("path")) if x)
    counts: dict[str, int] = {}
    for f in facts:
        counts[f["kind"]] = counts.get(f["kind"], 0) + 1
    legend = "".join(f'<span class="k-{k}">{k} {counts[k]}</span>' for k in KINDS if k in counts)
    links = []
    if back_url:
        links.append(f'<a href="{_esc(back_url)}">Datasette</a>')
    if doc.get("url"):
        links.append(f'<a href="{_esc(doc["url"])}" rel="noreferrer">source / nguồn</a>')
    parts = [
        "<!doctype html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(title)} — chitieu review</title>",
        f"<style>{CSS}</style></head><body>",
        f'<header><h1>{_esc(title)}</h1><div class="meta">{meta} · <code>{_esc(doc["id"][:16])}</code>'
        + (" · " + " · ".join(links) if links else "") + "</div>",
        f'<div class="legend">{len(facts)} facts: {legend}</div></header>',
    ]
    if checks:
        items = "".join(f'<li><b>{_esc(c["check"])}</b>: {_esc(c["message"])}</li>' for c in checks)
        parts.append(f'<section class="checks"><h2>Consistency checks / kiểm tra nhất quán ({len(checks)})</h2><ul>{items}</ul></section>')
    parts.append(f'<main><div class="article" id="article">{_highlight(text, facts, region, flagged)}</div>')
    rows = []
    for i, f in enumerate(facts):
        cls = ' class="flagged"' if i in flagged else ""
        rows.append(
            f'<tr{cls}><td><a href="#fact-{i}">{i}</a></td><td class="k-{_esc(f["kind"])}">{_esc(f["kind"])}</td>'
            f'<td>{_esc(f["text"])}</td><td>{_esc(describe(f))}</td><td>{_esc(f.get("indicator") or "")}</td>'
            f'<td>{_esc(f.get("area") or "")}</td><td>{_esc(f.get("period") or "")}</td>'
            f'<td><code>{_esc(f.get("rule_id") or "")}</code></td></tr>'
        )
    parts.append(
        '<aside><table id="facts"><thead><tr><th>#</th><th>kind</th><th>text</th><th>value</th><th>indicator</th>'
        f'<th>area</th><th>period</th><th>rule</th></tr></thead><tbody>{"".join(rows)}</tbody></table></aside></main>'
    )
    parts.append("</body></html>\n")
    return "\n".join(parts)


def review_html(conn: sqlite3.Connection, ref: str, back_url: str | None = None) -> str:
    doc, facts, checks = load(conn, ref)
    return render_html(doc, facts, checks, back_url=back_url)
