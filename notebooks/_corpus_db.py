"""What every notebook here starts with: the repository root, a database built
from ``corpus/`` with ``chitieu ingest`` (or ``$CHITIEU_DB`` when set), and where
charts go (``$CHITIEU_FIGURES``, set by the test suite)."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "corpus").is_dir() and (p / "pyproject.toml").is_file())
FIGURES = os.environ.get("CHITIEU_FIGURES")


def corpus_db() -> Path:
    db = Path(os.environ.get("CHITIEU_DB") or Path(tempfile.mkdtemp()) / "chitieu.db")
    if not db.exists():
        subprocess.run([sys.executable, "-m", "extractor", "ingest", str(ROOT / "corpus"), "--db", str(db), "--quiet"],
                       check=True, cwd=ROOT)
    return db
