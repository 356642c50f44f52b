"""Analyst views over the facts: ``indicator_values`` (one row per figure with
its area, indicator, value, period, document and sentence) and
``indicator_series`` (one row per area, indicator, period, kind and
target/achieved across documents: the value most articles report, how many
agree, how many values were seen)."""

from __future__ import annotations

INDICATOR_VALUES = """
create view indicator_values as
select f.id as fact, f.document, d.title as document_title, d.published, d.path,
       f.area as area_name, {area_code} as area_code,
       f.indicator, f.kind, f.value, f.numerator, f.denominator, f.unit, f.currency,
       coalesce(f.comparator, '=') as comparator, f.period,
       case when instr(f.period, '/') > 0 then nullif(substr(f.period, 1, instr(f.period, '/') - 1), '') else f.period end as period_start,
       case when instr(f.period, '/') > 0 then nullif(substr(f.period, instr(f.period, '/') + 1), '') else f.period end as period_end,
       coalesce(f.target, 0) as target, f.change, f.text, s.text as sentence, f.rule_id
from facts f
join documents d on d.id = f.document
left join sentences s on s.id = f.sentence
{area_join}
where f.indicator is not null and f.kind in ('quantity', 'percent', 'ratio', 'money')
"""

INDICATOR_SERIES = """
create view indicator_series as
with v as (
  select indicator, area_name, area_code, period, period_start, period_end, kind, target, unit, document,
         case when value is not null then printf('%g', value) else printf('%g/%g', numerator, denominator) end as shown
  from indicator_values
), g as (
  select indicator, area_name, max(area_code) as area_code, period, max(period_start) as period_start,
         max(period_end) as period_end, kind, target, shown, max(unit) as unit, count(distinct document) as n
  from v group by indicator, area_name, period, kind, target, shown
), ranked as (
  select *, row_number() over w2 as rk, sum(n) over w as reports, count(*) over w as distinct_values
  from g
  window w as (partition by indicator, area_name, period, kind, target),
         w2 as (partition by indicator, area_name, period, kind, target order by n desc, shown)
)
select indicator, area_name, area_code, period, period_start, period_end, kind, target,
       shown as value, unit, n as articles_agreeing, reports, distinct_values
from ranked where rk = 1
"""


def ensure_views(db) -> None:
    """(Re)create the views; the area code joins the ``areas`` table when it
    has one."""
    cols = {c.name for c in db["areas"].columns} if "areas" in db.table_names() else set()
    if {"document", "name", "code"} <= cols:
        area_code, area_join = "a.code", "left join (select document, name, max(code) as code from areas group by document, name) a on a.document = f.document and a.name = f.area"
    else:
        area_code, area_join = "null", ""
    for name in ("indicator_series", "indicator_values"):
        db.execute(f"drop view if exists {name}")
    db.execute(INDICATOR_VALUES.format(area_code=area_code, area_join=area_join))
    db.execute(INDICATOR_SERIES)
