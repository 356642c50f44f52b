"""Analyst views over the facts.

``indicator_values``: one row per figure that has an indicator key or, where
no key applies, a ``measure`` (what the figure measures, in the article's
words).  It leads with the data — value (a number, REAL), unit (``%``, the
currency, or the counted noun), indicator, measure, area, province, period,
sentence, article title and a link to the review page — and ends with the ids.

``indicator_series``: one row per series and value reported, the value most
articles report first.  A series is an indicator (or a measure where no key
applies), an area, a period, a kind, target or achieved, a change or a level,
and a unit or currency (issue 11): a change is never mixed with a level, a
target with an achieved figure, VND with USD, households with people.  An
article counts once per series (its first mention), and near-duplicate
articles — the same release syndicated by several sites, grouped by
:mod:`extractor.dedup` — count as one article.

The SQL is built from the columns the database has, so one database made
before a column existed (``measure``; ``province`` from the areas work) still
gets working views; :func:`values_sql` and :func:`series_sql` give the same
SQL for read-only callers (the web pages, ``chitieu query``) that must not
create anything.
"""

from __future__ import annotations

import sqlite3

FIGURE_KINDS = "('quantity', 'percent', 'ratio', 'money')"
REVIEW_PREFIX = "/-/chitieu/review/"


def _columns(conn, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"pragma table_info([{table}])")}


def _tables(conn) -> set[str]:
    return {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}


def values_sql(conn) -> str:
    """The select of ``indicator_values`` for this database's columns."""
    cols = _columns(conn, "facts")
    tables = _tables(conn)
    measure = "f.measure" if "measure" in cols else "null"
    province = "coalesce(f.province, f.area)" if "province" in cols else "f.area"
    joins = []
    if "area_code" in cols:
        area_code = "f.area_code"
    elif "areas" in tables and {"document", "name", "code"} <= _columns(conn, "areas"):
        area_code = "a.code"
        joins.append("left join (select document, name, max(code) as code from areas group by document, name) a "
                     "on a.document = f.document and a.name = f.area")
    else:
        area_code = "null"
    if "near_duplicates" in tables:
        article = "coalesce(nd.group_id, f.document)"
        joins.append("left join near_duplicates nd on nd.document = f.document")
    else:
        article = "f.document"
    return f"""
select case when f.kind = 'ratio' then f.numerator else f.value end as value,
       case f.kind when 'percent' then '%' when 'money' then f.currency else f.unit end as unit,
       f.indicator, {measure} as measure, f.area as area, {province} as province, f.period,
       case when coalesce(f.target, 0) = 1 then 'target' else 'achieved' end as target_or_achieved,
       f.change, s.text as sentence, d.title as document_title, d.published,
       '{REVIEW_PREFIX}' || f.document as review,
       f.kind, coalesce(f.comparator, '=') as comparator, f.denominator, f.currency,
       case when instr(f.period, '/') > 0 then nullif(substr(f.period, 1, instr(f.period, '/') - 1), '') else f.period end as period_start,
       case when instr(f.period, '/') > 0 then nullif(substr(f.period, instr(f.period, '/') + 1), '') else f.period end as period_end,
       coalesce(f.target, 0) as target, {area_code} as area_code, f.text, f.rule_id,
       {article} as article, f.document, f.start, f.id as fact, d.path
from facts f
join documents d on d.id = f.document
left join sentences s on s.id = f.sentence
{' '.join(joins)}
where f.kind in {FIGURE_KINDS} and (f.indicator is not null or {measure} is not null)
"""


SERIES = """
with v as (
  select *, coalesce(indicator, '') as ik,
         case when indicator is null then lower(measure) else '' end as mk,
         coalesce(change, '') as ck, coalesce(unit, '') as uk
  from ({values}) where 1 = 1{where}
), first as (
  -- one article, one voice: its first mention in the series
  select * from (
    select v.*, row_number() over (partition by ik, mk, area, period, kind, target, ck, uk, article
                                   order by document, start) as r
    from v)
  where r = 1
), g as (
  select ik, mk, area, period, kind, target, ck, uk, value, denominator,
         max(indicator) as indicator, max(measure) as measure, max(province) as province,
         max(period_start) as period_start, max(period_end) as period_end, max(unit) as unit,
         max(currency) as currency, max(change) as change, max(area_code) as area_code,
         count(*) as n, min(review) as review
  from first group by ik, mk, area, period, kind, target, ck, uk, value, denominator
), ranked as (
  select *, row_number() over w2 as rk, sum(n) over w as reports, count(*) over w as distinct_values
  from g
  window w as (partition by ik, mk, area, period, kind, target, ck, uk),
         w2 as (partition by ik, mk, area, period, kind, target, ck, uk order by n desc, value)
)
select value, unit, indicator, measure, area, province, period,
       case when target = 1 then 'target' else 'achieved' end as target_or_achieved, change,
       n as articles_agreeing, reports, distinct_values, rk as rank, kind, denominator, currency,
       period_start, period_end, target, area_code, review as example_review
from ranked
"""


def series_sql(conn, all_values: bool = False, where: str = "") -> str:
    """The select of ``indicator_series`` (only the value most articles report
    per series, or with ``all_values`` every value with its rank); ``where``
    (``" and …"`` on the columns of ``indicator_values``, as
    :func:`filter_sql` gives) keeps only some figures before grouping, which
    is what makes a page of one indicator fast on a large database."""
    sql = SERIES.format(values=values_sql(conn), where=where)
    return sql if all_values else f"select * from ({sql}) where rank = 1"


def ensure_views(db) -> None:
    """(Re)create the views from this database's columns (writers only:
    ingest and merge) when they are not already the current ones, in one
    transaction: a reader (``chitieu serve`` during an ingest) sees the old
    views or the new, never none."""
    conn = db.conn if hasattr(db, "conn") else db
    if views_current(conn):
        return
    conn.execute("savepoint chitieu_views")
    try:
        for name in ("indicator_series", "indicator_values"):
            conn.execute(f"drop view if exists {name}")
        conn.execute("create view indicator_values as " + values_sql(conn))
        conn.execute("create view indicator_series as " + series_sql(conn))
    except BaseException:
        conn.execute("rollback to chitieu_views")
        conn.execute("release chitieu_views")
        raise
    conn.execute("release chitieu_views")


def views_current(conn: sqlite3.Connection) -> bool:
    """Whether the stored views are the ones this chitieu would create."""
    import re

    stored = {name: re.sub(r"^create\s+view\s+\w+ as ", "", sql or "", flags=re.I)
              for name, sql in conn.execute("select name, sql from sqlite_master where type = 'view'")}
    return ((stored.get("indicator_values") or "").strip() == values_sql(conn).strip()
            and (stored.get("indicator_series") or "").strip() == series_sql(conn).strip())


def parse_period(text: str | None) -> tuple[str, str] | None:
    """``2017`` → (2017, 2017); ``2016-2017``, ``2016–2017``, ``2016/2017``,
    ``2016..2017`` → (2016, 2017); a blank → None."""
    import re

    if not text or not text.strip():
        return None
    years = re.findall(r"\d{4}", text)
    if not years or len(years) > 2 or re.sub(r"[\d\s./–—-]", "", text):
        raise ValueError(f"period {text!r}: give a year (2017) or a range of years (2016-2017)")
    lo, hi = years[0], years[-1]
    return (lo, hi) if lo <= hi else (hi, lo)


def filter_sql(area: str | None = None, province: str | None = None, period: str | None = None,
               alias: str = "") -> tuple[str, list]:
    """Conditions (``and …``) on rows of ``indicator_values`` or
    ``indicator_series``: area and province compared without diacritics or
    case (``hoa binh`` is "Hòa Bình"), a period that overlaps the years asked
    for (a figure of 2016/2020 is in 2017; one with no period is in none)."""
    from .textnorm import search_key

    p = f"{alias}." if alias else ""
    where, args = [], []
    if area and area.strip():
        where.append(f"chitieu_fold({p}area) = ?")
        args.append(search_key(area.strip()))
    if province and province.strip():
        where.append(f"chitieu_fold({p}province) = ?")
        args.append(search_key(province.strip()))
    years = parse_period(period)
    if years:
        where.append(f"substr(coalesce({p}period_start, {p}period_end), 1, 4) <= ? "
                     f"and substr(coalesce({p}period_end, {p}period_start), 1, 4) >= ?")
        args += [years[1], years[0]]
    return "".join(f" and {w}" for w in where), args


def resolve(conn, text: str) -> tuple[str, str]:
    """What an analyst typed → ("indicator", key) or ("measure", measure):
    a key as is, a measure as stored (compared without diacritics), else a
    ValueError naming the closest keys and measures."""
    import difflib

    from .indicators import known_keys, taxonomy
    from .textnorm import search_key

    text = (text or "").strip()
    if text in known_keys():
        return "indicator", text
    folded = search_key(text)
    if "measure" in _columns(conn, "facts"):
        # the words of a measure: the key most of its figures have, else the measure itself
        row = conn.execute(f"select indicator, measure from facts where kind in {FIGURE_KINDS} and "
                           "chitieu_fold(measure) = ? group by indicator, measure "
                           "order by indicator is null, count(*) desc limit 1", [folded]).fetchone()
        if row:
            return ("indicator", row[0]) if row[0] else ("measure", row[1])
    near = difflib.get_close_matches(text.replace(" ", "_").lower(), sorted(known_keys()), n=3, cutoff=0.5)
    words = [w for w in folded.split() if len(w) > 1]
    if words:
        near += [k for k, d in taxonomy().keys.items()
                 if k not in near and all(w in search_key(d.definition) for w in words)][:5]
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise ValueError(f"no indicator key or measure {text!r}{hint} (`chitieu query indicators` lists them)")
