# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Chỉ tiêu theo địa bàn và thời kỳ — indicators by area and period
#
# Builds a database from `corpus/` with `chitieu ingest`, then reads the
# `indicator_series` view (one row per series: indicator or measure, area,
# period, kind, target or achieved, change or level, unit — the value most
# articles report) and charts achieved percentages and one indicator by
# province over time.  Run as a script it writes the charts as PNG files to
# `notebooks/figures/`.  Open with Jupyter (jupytext reads this `py:percent` file as a
# notebook) or run it as a script.  `CHITIEU_DB` points it at an existing
# database instead.

# %%
import sqlite3
from pathlib import Path

import matplotlib.pyplot as plt

from _corpus_db import FIGURES, ROOT, corpus_db  # noqa: E402  (notebooks/_corpus_db.py)

DB = corpus_db()
con = sqlite3.connect(DB)
print(DB, con.execute("select count(*) from documents").fetchone()[0], "documents")

# %% [markdown]
# ## Every indicator by area and period
#
# A series never mixes a target with an achieved figure, a change with a
# level, or two units; `value` is a number and `unit` says what of (%, VND,
# USD, hộ …).

# %%
series = con.execute(
    "select coalesce(indicator, measure), coalesce(area, ''), coalesce(period, ''), target_or_achieved,"
    " coalesce(change, ''), value, coalesce(unit, ''), articles_agreeing, reports from indicator_series"
    " order by indicator, area, period_start, period_end, kind"
).fetchall()
print(f"{'indicator or measure':32} {'area':14} {'period':17} {'':8} {'change':8} {'value':>16} unit")
for ind, area, period, toa, change, value, unit, agreeing, reports in series:
    print(f"{ind[:32]:32} {area[:14]:14} {period:17} {toa:8} {change:8} {value:>16,.6g} {unit}")

# %% [markdown]
# ## Achieved percentages by indicator, area and period

# %%
rows = con.execute(
    "select indicator, area, coalesce(period, '?') as period, value from indicator_values"
    " where unit = '%' and target = 0 and change is null and area is not null and indicator is not null"
    " order by indicator, area, period_start"
).fetchall()
labels = [f"{ind} · {area} · {period}" for ind, area, period, _ in rows]
values = [v for *_, v in rows]
fig, ax = plt.subplots(figsize=(9, 0.35 * len(rows) + 1.5))
ax.barh(range(len(rows)), values, color="#4c9f70")
ax.set_yticks(range(len(rows)), labels, fontsize=8)
ax.invert_yaxis()
ax.set_xlabel("%")
ax.set_title("Achieved percentages reported in the articles")
for i, v in enumerate(values):
    ax.text(v, i, f" {v:g}", va="center", fontsize=7)
fig.tight_layout()
if FIGURES:
    fig.savefig(Path(FIGURES) / "indicators.png", dpi=80, bbox_inches="tight")
plt.show()

# %% [markdown]
# ## One indicator by province over time
#
# The value most articles report per province and year (achieved levels
# only), as `chitieu query indicator poor_household_rate --csv` gives it and
# as the web page `/-/chitieu/indicator/poor_household_rate` draws it.

# %%
import os  # noqa: E402

KEY = os.environ.get("CHITIEU_KEY", "poor_household_rate")
points = con.execute(
    "select coalesce(province, area), substr(coalesce(period_end, period_start), 1, 4), value, unit"
    " from indicator_series where indicator = ? and target = 0 and change is null"
    " and coalesce(period_end, period_start) is not null order by 1, 2", [KEY]
).fetchall()
fig, ax = plt.subplots(figsize=(8, 4))
by_place: dict[str, list[tuple[int, float]]] = {}
for place, year, value, unit in points:
    by_place.setdefault(place or "(no area)", []).append((int(year), value))
for place, ps in sorted(by_place.items()):
    ax.plot([y for y, _ in ps], [v for _, v in ps], marker="o", label=place)
ax.set_title(f"{KEY} by province" + ("" if points else " (no dated figure in this database)"))
ax.set_xlabel("year")
ax.set_ylabel(points[0][3] if points else "")
if by_place:
    ax.legend(fontsize=8)
fig.tight_layout()
if FIGURES:
    fig.savefig(Path(FIGURES) / f"{KEY}_by_province.png", dpi=80, bbox_inches="tight")
plt.show()
for place, ps in sorted(by_place.items()):
    print(place, ", ".join(f"{y}: {v:g}" for y, v in ps))
