"""The notebooks in notebooks/ (jupytext ``py:percent`` files) are valid
notebooks and run from top to bottom — as scripts, with matplotlib's
non-interactive backend, from notebooks/ as Jupyter would — each building its
database from corpus/ and drawing its charts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("*.py") if not p.name.startswith("_"))  # _*.py: shared helpers


def test_there_are_notebooks():
    assert {p.stem for p in NOTEBOOKS} >= {"indicators", "evaluation", "checks"}


@pytest.mark.slow  # 15-40 s each: runs the notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, tmp_path):
    jupytext = pytest.importorskip("jupytext", reason="the notebooks need the test extra: pip install -e '.[test]'")
    nb = jupytext.read(path)
    assert nb.metadata["jupytext"]["text_representation"]["format_name"] == "percent"
    assert [c.cell_type for c in nb.cells].count("markdown") >= 2 and [c.cell_type for c in nb.cells].count("code") >= 2
    figures = tmp_path / "figures"
    figures.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("CHITIEU_DB",)}
    env.update(MPLBACKEND="Agg", CHITIEU_FIGURES=str(figures), TMPDIR=str(tmp_path))
    res = subprocess.run([sys.executable, path.name], cwd=path.parent, env=env, capture_output=True, text=True,
                         timeout=180)
    assert res.returncode == 0, res.stderr[-3000:]
    pngs = list(figures.glob("*.png"))
    assert pngs and all(p.stat().st_size > 5000 for p in pngs), pngs
    assert "Traceback" not in res.stderr
    from PIL import Image  # matplotlib depends on Pillow

    for png in pngs:  # real images: a PNG that decodes, of a chart's size, with more than a background
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        with Image.open(png) as img:
            img.verify()
        with Image.open(png) as img:
            assert img.format == "PNG" and img.width >= 300 and img.height >= 150
            assert len(img.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 10


def test_run_as_a_script_a_notebook_writes_its_figures_beside_it():
    env = {k: v for k, v in os.environ.items() if k != "CHITIEU_FIGURES"}
    res = subprocess.run([sys.executable, "-c", "import _corpus_db; print(_corpus_db.FIGURES)"],
                         cwd=ROOT / "notebooks", env=env, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert Path(res.stdout.strip()) == ROOT / "notebooks" / "figures"
