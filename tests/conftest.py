import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """A database ingested from corpus/ with the CLI, once per test session;
    for tests that only read it."""
    from click.testing import CliRunner

    from extractor.cli import cli

    path = tmp_path_factory.mktemp("corpus_db") / "chitieu.db"
    res = CliRunner().invoke(cli, ["ingest", str(ROOT / "corpus"), "--db", str(path), "--quiet"])
    assert res.exit_code == 0, res.output
    return path


def facts_of(text: str, kind: str | None = None, pub: str | None = "2023-06-15T08:00"):
    """Extract from a one-sentence document (a title line first, so the
    sentence is body text) with a known publication date."""
    from extractor.pipeline import extract_text

    text = unicodedata.normalize("NFC", text)
    doc = "Tiêu đề\n\n" + text + "\n"
    sidecar = {"published": pub} if pub else None
    ex = extract_text(doc, sidecar=sidecar)
    off = len("Tiêu đề\n\n")
    out = []
    for f in ex.facts:
        if f["start"] < off:
            continue
        f = dict(f, start=f["start"] - off, end=f["end"] - off)
        if kind is None or f["kind"] == kind:
            out.append(f)
    return out
