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
# # Kiểm tra tính nhất quán — consistency checks
#
# Builds a database from `corpus/`, recomputes the cross-article `conflict`
# checks, and lists every failed check with the figures it involves (the
# `checks` table's `facts` column holds `[[start, end], …]` of the facts) and
# the sentence they come from; then charts the checks per kind and how far
# apart the numbers of each check are.

# %%
import sqlite3
from collections import Counter
from pathlib import Path

import matplotlib.pyplot as plt

from extractor.store import open_db, refresh_conflicts

from _corpus_db import FIGURES, ROOT, corpus_db  # noqa: E402  (notebooks/_corpus_db.py)

DB = corpus_db()
print(refresh_conflicts(open_db(DB)), "conflicts across articles")
con = sqlite3.connect(DB)

# %% [markdown]
# ## The failed checks and their figures

# %%
rows = con.execute("""
select c.id, c."check", c.message, c.expected, c.stated, d.path, f.text, f.kind, f.indicator, s.text
from checks c
left join documents d on d.id = c.document
left join json_each(coalesce(c.facts, '[]')) j
left join facts f on f.document = c.document and f.start = json_extract(j.value, '$[0]')
     and f."end" = json_extract(j.value, '$[1]')
left join sentences s on s.id = f.sentence
order by c.id, f.start
""").fetchall()
last = None
for cid, check, message, expected, stated, path, text, kind, indicator, sentence in rows:
    if cid != last:
        print(f"\n[{check}] {path or '(across articles)'}\n  {message}")
        last = cid
    if text:
        print(f"  - {text!r} ({kind}, {indicator}) in: {sentence}")

# %% [markdown]
# ## Checks per kind, and stated against computed values

# %%
checks = con.execute('select id, "check", expected, stated from checks order by id').fetchall()
per_kind = Counter(c for _, c, _, _ in checks)
print(dict(per_kind))
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.5))
ax1.bar(list(per_kind), list(per_kind.values()), color="#d9534f")
ax1.set_title("Failed checks per kind")
ax1.yaxis.get_major_locator().set_params(integer=True)
# how far apart the two numbers of each check are (ratio_percent: computed against stated percent;
# count_share_total: the two implied totals)
gaps = [(f"#{i} {c}", 100 * abs(s - e) / abs(e)) for i, c, e, s in checks if e and s is not None]
ax2.barh([n for n, _ in gaps], [g for _, g in gaps], color="#feca74")
ax2.invert_yaxis()
ax2.set_xlabel("discrepancy, % of the computed value")
ax2.set_title("How far apart the numbers are")
for i, (_, g) in enumerate(gaps):
    ax2.text(g, i, f" {g:.1f}%", va="center", fontsize=8)
fig.tight_layout()
if FIGURES:
    fig.savefig(Path(FIGURES) / "checks.png", dpi=80, bbox_inches="tight")
plt.show()
