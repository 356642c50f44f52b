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
# `indicator_series` view (one row per indicator, area, period, kind and
# target/achieved: the value most articles report) and charts the achieved
# percentages.  Open with Jupyter (jupytext reads this `py:percent` file as a
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

# %%
series = con.execute(
    "select indicator, area_name, coalesce(period, '') as period, kind, target, value, coalesce(unit, '') as unit,"
    " articles_agreeing, reports from indicator_series order by indicator, area_name, period_start, period_end, kind"
).fetchall()
print(f"{'indicator':32} {'area':14} {'period':17} {'kind':9} {'target':6} {'value':>14} unit")
for ind, area, period, kind, target, value, unit, agreeing, reports in series:
    print(f"{ind:32} {area or '':14} {period:17} {kind:9} {'yes' if target else 'no':6} {value:>14} {unit}")

# %% [markdown]
# ## Achieved percentages by indicator, area and period

# %%
rows = con.execute(
    "select indicator, area_name, coalesce(period, '?') as period, value from indicator_values"
    " where kind = 'percent' and target = 0 and area_name is not null"
    " order by indicator, area_name, period_start"
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
# ## One indicator across areas: targets against achieved figures

# %%
KEY = "poor_households"
for area, period, kind, target, value, unit in con.execute(
    "select area_name, period, kind, target, value, unit from indicator_series where indicator = ?"
    " order by area_name, period_start", [KEY]
):
    print(f"{KEY}: {area} {period or '(period not stated)'} {'target' if target else 'achieved'} {value} {unit or ''}")
