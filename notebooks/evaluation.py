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
# # Đánh giá bộ trích xuất — the latest evaluation per kind
#
# Builds a database from `corpus/`, scores the extractor against `gold/`
# (what `chitieu eval --json --db DB` does), stores the run in the database's
# `eval_runs` table and charts the latest stored run: strict and detection F1
# per kind, then attribute accuracy.  These are the project's five seeds, which
# the rules were written beside: they show the rules do what the guidelines
# say, not how well they generalise.

# %%
import json
import sqlite3
from pathlib import Path

import matplotlib.pyplot as plt

from extractor.evaluate import evaluate_dir, store_run

from _corpus_db import FIGURES, ROOT, corpus_db  # noqa: E402  (notebooks/_corpus_db.py)

DB = corpus_db()

# %%
report = evaluate_dir(ROOT / "gold", ROOT)
store_run(str(DB), report)
con = sqlite3.connect(DB)
at, scores = con.execute("select at, scores from eval_runs order by rowid desc limit 1").fetchone()
scores = json.loads(scores)
print("latest evaluation:", at, "on", scores["documents"], "documents")

# %% [markdown]
# ## F1 per kind

# %%
kinds = [k for k, v in scores["kinds"].items() if v["strict"]["gold"]]
entities = list(scores["entities"])
names = kinds + entities
strict = [scores["kinds"][k]["strict"]["f1"] for k in kinds] + [scores["entities"][k]["f1"] for k in entities]
detection = [scores["kinds"][k]["detection"]["f1"] for k in kinds] + [scores["entities"][k]["f1"] for k in entities]
for n, s, d in zip(names, strict, detection):
    print(f"{n:10} strict F1 {s:.3f}   detection F1 {d:.3f}")
fig, ax = plt.subplots(figsize=(9, 4))
x = range(len(names))
ax.bar([i - 0.2 for i in x], detection, width=0.4, label="detection F1", color="#9cc9cc")
ax.bar([i + 0.2 for i in x], strict, width=0.4, label="strict F1 (entities: set F1)", color="#2b6f8a")
ax.set_xticks(list(x), names, rotation=30, ha="right")
ax.set_ylim(0, 1.05)
ax.set_title(f"Evaluation of {at}")
ax.legend(loc="lower right")
fig.tight_layout()
if FIGURES:
    fig.savefig(Path(FIGURES) / "evaluation.png", dpi=80, bbox_inches="tight")
plt.show()

# %% [markdown]
# ## Attribute accuracy (over pairs whose gold attribute is set)

# %%
attrs = {a: v for a, v in scores["attributes"].items() if v["accuracy"] is not None}
for a, v in attrs.items():
    print(f"{a:12} {v['accuracy']:.3f} ({v['correct']}/{v['total']})")
fig, ax = plt.subplots(figsize=(7, 3))
ax.barh(list(attrs), [v["accuracy"] for v in attrs.values()], color="#feca74")
ax.set_xlim(0, 1.05)
ax.set_title("Attribute accuracy")
fig.tight_layout()
if FIGURES:
    fig.savefig(Path(FIGURES) / "attributes.png", dpi=80, bbox_inches="tight")
plt.show()
