"""The analyst's pages of ``chitieu serve`` (HTML rendered from the database
on each request, so they follow an ingest):

- ``/-/chitieu/indicators``: every indicator key with its figures, areas and
  articles, its definition, and the measures (what a figure measures, in the
  article's words) that no key covers;
- ``/-/chitieu/indicator/<key>`` and ``/-/chitieu/measure?m=…``: the
  definition, a chart over time per area (or province), the series (the value
  most articles report, how many agree) and the table of figures with their
  sentences and links to each article's review page, all filtered by area,
  province and period (without diacritics: ``hoa binh`` is Hòa Bình);
- ``/-/chitieu/dictionary``: the data dictionary (every table and column, in
  Vietnamese and English), kept off the data pages.

Why the chart is SVG drawn here: it needs no network and no script (the
pages work on an offline machine and in a screenshot), nothing to ship or
update beside the package, and its points are plain elements a test can count.
A chart library would have meant shipping its JavaScript in the package for
what is a few lines and dots.
"""

from __future__ import annotations

import html
import re
import sqlite3
from urllib.parse import quote, urlencode

from .views import REVIEW_PREFIX, filter_sql, series_sql, values_sql

BASE = "/-/chitieu"
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
          "#7f7f7f", "#393b79", "#637939"]
MAX_LINES = len(COLORS)
MAX_FIGURES = 500


def esc(v) -> str:
    return html.escape("" if v is None else str(v))


def num(v, unit: str | None = None) -> str:
    """A value as an analyst reads it: thousands separated, money in its
    currency (1.1286e+13 VND is 11,286 billion VND)."""
    if v is None:
        return ""
    if unit in ("VND", "USD", "EUR") and abs(v) >= 1e9:
        return f"{v / 1e9:,.6g} billion {unit}"
    if unit in ("VND", "USD", "EUR") and abs(v) >= 1e6:
        return f"{v / 1e6:,.6g} million {unit}"
    s = f"{v:,.10g}" if not float(v).is_integer() or abs(v) >= 1e15 else f"{int(v):,}"
    if unit == "%":
        return s + "%"
    return f"{s} {unit}" if unit else s


STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:1em 1.5em;color:#222}
a{color:#1a5fb4}h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.4em}
.def{background:#f4f6f8;border-left:4px solid #1a5fb4;padding:.5em .8em;margin:.6em 0}
form.filters{display:flex;gap:.8em;flex-wrap:wrap;align-items:end;margin:.8em 0}
form.filters label{display:flex;flex-direction:column;font-size:.85em;color:#444}
form.filters input{font-size:1em;padding:.25em .4em;width:11em}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.4em 0}
th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f0f0f0;position:sticky;top:0}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.muted{color:#666;font-size:.9em}mark{background:#ffe58a;padding:0 .1em}
.chart{border:1px solid #ddd;margin:.5em 0;background:#fff}
nav a{margin-right:1em}
"""


def page(title: str, body: str) -> str:
    nav = (f'<nav><a href="{BASE}/indicators">Indicators / Chỉ tiêu</a><a href="/">Database / Cơ sở dữ liệu</a>'
           f'<a href="{BASE}/dictionary">Data dictionary / Từ điển dữ liệu</a></nav>')
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{esc(title)} — chitieu</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>'
            f"<body>{nav}{body}</body></html>")


def _rows(conn: sqlite3.Connection, sql: str, args=()) -> list[dict]:
    cur = conn.execute(sql, list(args))
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


# --- the index ---------------------------------------------------------------------------------


def index_html(conn: sqlite3.Connection) -> str:
    from .indicators import taxonomy

    counts = {r["indicator"]: r for r in _rows(conn,
              f"select indicator, count(*) as figures, count(distinct area) as areas, "
              f"count(distinct article) as articles from ({values_sql(conn)}) where indicator is not null "
              "group by indicator")}
    keys = sorted(taxonomy().keys.items(), key=lambda kv: (-(counts.get(kv[0]) or {}).get("figures", 0), kv[0]))
    rows = []
    for key, d in keys:
        c = counts.get(key) or {"figures": 0, "areas": 0, "articles": 0}
        name = f'<a href="{BASE}/indicator/{quote(key)}">{esc(key)}</a>' if c["figures"] else esc(key)
        rows.append(f'<tr><td>{name}</td><td class="num">{c["figures"]}</td><td class="num">{c["areas"]}</td>'
                    f'<td class="num">{c["articles"]}</td><td>{esc(d.definition)}</td></tr>')
    measures = _rows(conn, f"select measure, count(*) as figures, count(distinct area) as areas, "
                           f"count(distinct article) as articles from ({values_sql(conn)}) "
                           "where indicator is null and measure is not null group by lower(measure) "
                           "having count(*) >= 2 order by figures desc, measure limit 200")
    mrows = [f'<tr><td><a href="{BASE}/measure?{urlencode({"m": m["measure"]})}">{esc(m["measure"])}</a></td>'
             f'<td class="num">{m["figures"]}</td><td class="num">{m["areas"]}</td><td class="num">{m["articles"]}</td></tr>'
             for m in measures]
    body = (
        "<h1>Chỉ tiêu / Indicators</h1>"
        '<p class="muted">Each key is a page: its definition, a chart over time per area, the series and every '
        "figure with its sentence. Figures counts every figure; articles counts near-duplicate articles once.</p>"
        '<form class="filters" action="' + BASE + '/find" method="get"><label>Key or words / mã hoặc từ'
        '<input name="q" placeholder="ho ngheo, poor_household_rate"></label><button>Find</button></form>'
        "<table><thead><tr><th>indicator key</th><th>figures</th><th>areas</th><th>articles</th><th>definition</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "<h2>Measures no key covers / Đại lượng chưa có mã chỉ tiêu</h2>"
        '<p class="muted">What a figure measures, as the articles word it, with at least two figures.</p>'
        "<table><thead><tr><th>measure</th><th>figures</th><th>areas</th><th>articles</th></tr></thead>"
        f"<tbody>{''.join(mrows) or '<tr><td colspan=4>none</td></tr>'}</tbody></table>")
    return page("Indicators", body)


def find_url(conn: sqlite3.Connection, q: str) -> str | None:
    """Where the index's search box sends ``q``: a key, a measure, or the
    key whose definition has every word (without diacritics)."""
    from .indicators import known_keys, taxonomy
    from .textnorm import search_key
    from .views import resolve

    try:
        what, name = resolve(conn, q)
    except ValueError:
        words = search_key(q).split()
        hits = [k for k, d in taxonomy().keys.items() if words and all(w in search_key(d.definition) for w in words)]
        if not hits:
            return None
        what, name = "indicator", hits[0]
    if what == "indicator" and name in known_keys():
        return f"{BASE}/indicator/{quote(name)}"
    return f"{BASE}/measure?{urlencode({'m': name})}"


# --- the chart ---------------------------------------------------------------------------------


def _x(period_start: str | None, period_end: str | None) -> float | None:
    """A period's place on the time axis: its end (a year's middle, a month's
    middle), else its start."""
    p = period_end or period_start
    if not p:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?", p)
    if not m:
        return None
    year = int(m.group(1))
    return year + ((int(m.group(2)) - 0.5) / 12 if m.group(2) else 0.5)


def svg_chart(lines: dict[str, list[tuple[float, float, str]]], unit: str | None, title: str,
              width: int = 860, height: int = 320, years: tuple[int, int] | None = None) -> str:
    """A line chart, one line per name: points (x in years, y, label). Inline
    SVG: no script, no network."""
    pts = [(x, y) for ps in lines.values() for x, y, _ in ps]
    if not pts:
        return ""
    left, right, top, bottom = 80, 190, 28, 40
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1 = int(min(xs)), int(max(xs)) + 1
    if years:  # the axis spans the period asked for, data or not
        x0, x1 = min(x0, years[0]), max(x1, years[1] + 1)
    import math

    y0, y1 = min(0.0, min(ys)), max(ys)
    if y1 == y0:
        y1 = y0 + 1
    raw = (y1 - y0) / 4
    mag = 10 ** math.floor(math.log10(raw))
    ystep = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    y0 = math.floor(y0 / ystep) * ystep
    y1 = math.ceil(y1 * 1.0001 / ystep) * ystep
    nticks = round((y1 - y0) / ystep)

    def sx(x):
        return left + (x - x0) / (x1 - x0) * (width - left - right)

    def sy(y):
        return height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom)

    out = [f'<svg class="chart" role="img" aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg" '
           f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
           f'<text x="{left}" y="16" font-size="13" font-weight="bold">{esc(title)}</text>']
    for i in range(nticks + 1):
        yv = y0 + ystep * i
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{sy(yv):.1f}" y2="{sy(yv):.1f}" stroke="#e5e5e5"/>'
                   f'<text x="{left - 6}" y="{sy(yv) + 4:.1f}" text-anchor="end">{esc(num(yv, unit if unit == "%" else None))}</text>')
    step = max(1, (x1 - x0) // 10)
    for year in range(x0, x1 + 1, step):
        out.append(f'<line x1="{sx(year):.1f}" x2="{sx(year):.1f}" y1="{top}" y2="{height - bottom}" stroke="#f0f0f0"/>')
        if year < x1:
            out.append(f'<text x="{sx(year + 0.5):.1f}" y="{height - bottom + 16}" text-anchor="middle">{year}</text>')
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{height - bottom}" y2="{height - bottom}" stroke="#333"/>'
               f'<line x1="{left}" x2="{left}" y1="{top}" y2="{height - bottom}" stroke="#333"/>')
    if unit and unit != "%":
        out.append(f'<text x="12" y="{top + 4}" font-size="11">{esc(unit)}</text>')
    for i, (name, ps) in enumerate(lines.items()):
        color = COLORS[i % len(COLORS)]
        ps = sorted(ps)
        if len(ps) > 1:
            d = " ".join(f"{'M' if j == 0 else 'L'}{sx(x):.1f},{sy(y):.1f}" for j, (x, y, _) in enumerate(ps))
            out.append(f'<path d="{d}" fill="none" stroke="{color}" stroke-width="2"/>')
        for x, y, label in ps:
            out.append(f'<circle class="point" cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="4" fill="{color}">'
                       f"<title>{esc(name)} · {esc(label)}: {esc(num(y, unit))}</title></circle>")
        ly = top + 14 * i
        out.append(f'<rect x="{width - right + 12}" y="{ly}" width="10" height="10" fill="{color}"/>'
                   f'<text x="{width - right + 26}" y="{ly + 9}">{esc(name[:24])}</text>')
    out.append("</svg>")
    return "".join(out)


# --- an indicator's page -------------------------------------------------------------------------


def _family(r: dict) -> tuple:
    return (r["kind"], r["target_or_achieved"], r["change"] or "", r["unit"] or "")


def _family_title(fam: tuple) -> str:
    kind, toa, change, unit = fam
    what = {"": "level", "increase": "increase", "decrease": "decrease"}.get(change, change)
    return f"{kind} · {toa} · {what}" + (f" · {unit}" if unit else "")


def _highlight(sentence: str | None, text: str | None) -> str:
    if not sentence:
        return esc(text)
    if text and text in sentence:
        i = sentence.index(text)
        return esc(sentence[:i]) + "<mark>" + esc(text) + "</mark>" + esc(sentence[i + len(text):])
    return esc(sentence)


def indicator_html(conn: sqlite3.Connection, what: str, name: str, params: dict, base_url: str) -> str:
    """The page of indicator key (``what="indicator"``) or measure ``name``,
    filtered by ``params`` (area, province, period, by)."""
    from .indicators import taxonomy

    area, province, period = (params.get(k) or "" for k in ("area", "province", "period"))
    by = "province" if params.get("by") == "province" else "area"
    from .views import parse_period

    try:
        where, args = filter_sql(area=area, province=province, period=period)
        span = parse_period(period)
        years = (int(span[0]), int(span[1])) if span else None
        problem = ""
    except ValueError as exc:
        where, args, problem, years = "", [], str(exc), None
    cond = "indicator = ?" if what == "indicator" else "indicator is null and measure = ?"
    series = _rows(conn, f"select * from ({series_sql(conn, where=' and ' + cond + where)}) "
                         "order by kind, target, change, unit, province, area, period_start, period_end",
                   [name, *args])
    figures = _rows(conn, f"select * from ({values_sql(conn)}) where {cond}{where} "
                          f"order by province, area, period_start, period_end, published limit {MAX_FIGURES + 1}",
                    [name, *args])
    total = conn.execute(f"select count(*) from ({values_sql(conn)}) where {cond}", [name]).fetchone()[0]
    d = taxonomy().keys.get(name) if what == "indicator" else None
    definition = (f'<div class="def"><b>Definition.</b> {esc(d.definition)}</div>' if d else
                  '<div class="def">A measure no indicator key covers, as the articles word it; '
                  'figures are grouped by its words.</div>')
    form = (f'<form class="filters" method="get" action="{esc(base_url)}">'
            + (f'<input type="hidden" name="m" value="{esc(name)}">' if what == "measure" else "")
            + f'<label>Area / địa bàn<input name="area" value="{esc(area)}" placeholder="hoa binh"></label>'
            f'<label>Province / tỉnh<input name="province" value="{esc(province)}" placeholder="ha noi"></label>'
            f'<label>Period / thời kỳ<input name="period" value="{esc(period)}" placeholder="2016-2017"></label>'
            f'<label>Lines per<select name="by"><option value="area"{" selected" if by == "area" else ""}>area</option>'
            f'<option value="province"{" selected" if by == "province" else ""}>province</option></select></label>'
            '<button>Filter</button></form>')
    parts = [f"<h1>{esc(name)}</h1>", definition, form]
    if problem:
        parts.append(f'<p style="color:#b00">{esc(problem)}</p>')
    parts.append(f'<p class="muted">{len(series)} series, {min(len(figures), MAX_FIGURES)} figures shown '
                 f"({total} without filters). An article and its near-duplicates count once per series.</p>")
    fams: dict[tuple, list[dict]] = {}
    for r in series:
        fams.setdefault(_family(r), []).append(r)
    for fam, rs in fams.items():
        lines: dict[str, list] = {}
        undated = 0
        charted = rs
        if by == "province":  # a province's line is its own figures where it has any, not its districts'
            own = {r["province"] for r in rs if r["area"] and r["area"] == r["province"]}
            charted = [r for r in rs if r["province"] not in own or r["area"] == r["province"]]
        for r in charted:
            x = _x(r["period_start"], r["period_end"])
            if x is None or r["value"] is None:
                undated += 1
                continue
            lines.setdefault(r[by] or "(no area)", []).append((x, r["value"], r["period"] or ""))
        shown = dict(sorted(lines.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:MAX_LINES])
        parts.append(f"<h2>{esc(_family_title(fam))}</h2>")
        chart = svg_chart(shown, fam[3] or None, f"{name} — {_family_title(fam)}", years=years)
        parts.append(chart or '<p class="muted">No figure with a period to chart.</p>')
        notes = []
        if len(lines) > MAX_LINES:
            notes.append(f"{len(lines) - MAX_LINES} more {by}s in the table below (filter to see them)")
        if undated:
            notes.append(f"{undated} series without a period are only in the table")
        if notes:
            parts.append(f'<p class="muted">{esc("; ".join(notes))}.</p>')
        trs = "".join(
            f'<tr><td class="num">{esc(num(r["value"], r["unit"]))}</td><td>{esc(r["area"])}</td>'
            f'<td>{esc(r["province"])}</td><td>{esc(r["period"])}</td><td class="num">{r["articles_agreeing"]}</td>'
            f'<td class="num">{r["reports"]}</td><td class="num">{r["distinct_values"]}</td>'
            f'<td><a href="{esc(r["example_review"])}">article</a></td></tr>' for r in rs)
        parts.append("<table><thead><tr><th>value</th><th>area</th><th>province</th><th>period</th>"
                     "<th>articles agreeing</th><th>articles reporting</th><th>values seen</th><th>example</th>"
                     f"</tr></thead><tbody>{trs}</tbody></table>")
    frs = "".join(
        f'<tr><td class="num">{esc(num(f["value"], f["unit"]))}{esc("/" + num(f["denominator"])) if f["denominator"] else ""}</td>'
        f'<td>{esc(f["target_or_achieved"])}{esc(", " + f["change"]) if f["change"] else ""}</td>'
        f'<td>{esc(f["measure"])}</td><td>{esc(f["area"])}</td><td>{esc(f["period"])}</td>'
        f'<td>{_highlight(f["sentence"], f["text"])}</td>'
        f'<td><a href="{esc(f["review"])}">{esc(f["document_title"] or "review")}</a>'
        f'<div class="muted">{esc((f["published"] or "")[:10])}</div></td></tr>'
        for f in figures[:MAX_FIGURES])
    parts.append("<h2>Figures / Số liệu</h2>"
                 "<table><thead><tr><th>value</th><th>target/change</th><th>measure</th><th>area</th><th>period</th>"
                 f"<th>sentence</th><th>article (review page)</th></tr></thead><tbody>{frs}</tbody></table>")
    if len(figures) > MAX_FIGURES:
        parts.append(f'<p class="muted">Only the first {MAX_FIGURES}: filter by area, province or period, '
                     "or use <code>chitieu query indicator … --csv</code>.</p>")
    return page(name, "".join(parts))


def dictionary_html(tables: dict) -> str:
    parts = ["<h1>Data dictionary / Từ điển dữ liệu</h1>"]
    for table, (vi, en, cols) in tables.items():
        rows = "".join(f"<tr><td><code>{esc(c)}</code></td><td>{esc(cvi)}</td><td>{esc(cen)}</td></tr>"
                       for c, (cvi, cen) in cols.items())
        parts.append(f'<h2 id="{esc(table)}"><code>{esc(table)}</code></h2><p>{esc(vi)}<br><i>{esc(en)}</i></p>'
                     f"<table><thead><tr><th>column</th><th>Tiếng Việt</th><th>English</th></tr></thead>"
                     f"<tbody>{rows}</tbody></table>")
    return page("Data dictionary", "".join(parts))


def review_path(doc_id: str) -> str:
    return REVIEW_PREFIX + doc_id
