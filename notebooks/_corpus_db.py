"""What every notebook here starts with: the repository root, a database built
from ``corpus/`` with ``chitieu ingest`` (or ``$CHITIEU_DB`` when set), and where
charts go as PNG files: ``$CHITIEU_FIGURES`` when set (the test suite sets it),
else ``notebooks/figures/`` when a notebook runs as a script (``python
indicators.py``); under Jupyter the charts show inline and are not written
unless ``$CHITIEU_FIGURES`` says where."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "corpus").is_dir() and (p / "pyproject.toml").is_file())


def _in_jupyter() -> bool:
    return "ipykernel" in sys.modules


FIGURES = os.environ.get("CHITIEU_FIGURES") or (None if _in_jupyter() else str(ROOT / "notebooks" / "figures"))
if FIGURES:
    Path(FIGURES).mkdir(parents=True, exist_ok=True)


def corpus_db() -> Path:
    db = Path(os.environ.get("CHITIEU_DB") or Path(tempfile.mkdtemp()) / "chitieu.db")
    if not db.exists():
        subprocess.run([sys.executable, "-m", "extractor", "ingest", str(ROOT / "corpus"), "--db", str(db), "--quiet"],
                       check=True, cwd=ROOT)
    return db
