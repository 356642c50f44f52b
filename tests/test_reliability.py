"""Reliability under real use (issue 15): no pattern takes quadratic time,
absurd numbers drop one fact and never the document, a per-document time
budget in batch runs, crash reports with their traceback."""

import sqlite3
import time

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.pipeline import extract_text

TITLE = "Tiêu đề\n\n"

# text shapes that once took quadratic time (or worse): each is a function of a size n
SHAPES = {
    # the photo-credit exclude pattern: a long run of spaces, a ':' later on the line
    "spaces then colon": lambda n: TITLE + "Dân số" + " " * n + "x: 5 người.\n",
    "credit with padding": lambda n: TITLE + "Có 5 hộ (Ảnh" + " " * n + ": Thu Minh)\n",
    # block.ordinal tried the digit run from each digit
    "digits before %": lambda n: TITLE + "Tăng " + "1" * n + "% so với.\n",
    "ordinal digits": lambda n: TITLE + "lần thứ " + "9" * n + "%\n",
    # a number backed off one group at a time
    "dotted digits": lambda n: TITLE + "Có " + "1." * (n // 2) + " người.\n",
    # one sentence holding thousands of figures (areas.attach searched the sentence per figure)
    "many figures": lambda n: TITLE + "Có " + ", ".join(f"{i} hộ" for i in range(n // 8)) + ".\n",
    "blank lines": lambda n: TITLE + "Có 5 hộ.\n" + "\n" * n + "Chia sẻ: x\n",
    "space lines": lambda n: TITLE + "Có 5 hộ.\n" + " \n" * (n // 2) + "Chia sẻ: x\n",
    "capitals banner": lambda n: "ABC " * (n // 4) + "x\n" + TITLE + "Có 5 hộ.\n",
    "tabs before %": lambda n: TITLE + "Tăng 5" + "\t" * n + "% so với.\n",
}


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        extract_text(text)
        best = min(best, time.perf_counter() - t)
    return best


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_time_grows_linearly(shape):
    """Linear time, measured as a ratio (no wall-clock limit): four times the
    text takes about four times as long (a quadratic shape: sixteen)."""
    make = SHAPES[shape]
    extract_text(make(100))  # warm the caches (rules, gazetteer, models)
    n = 8000
    small = _seconds(make(n))
    while small < 0.01 and n < 64000:  # too fast to time well: grow it
        n *= 2
        small = _seconds(make(n))
    large = _seconds(make(4 * n))
    assert large / small < 9, f"{shape}: {n} → {small:.4f} s, {4 * n} → {large:.4f} s (×{large / small:.1f})"


@pytest.mark.parametrize("digits", [310, 400, 4301, 50_000])
def test_absurd_number_drops_only_that_fact(digits):
    """Beyond ~308 digits a number is inf as a float, beyond 4,300 digits
    Python refuses to convert it: that fact is dropped with a recorded
    reason, the document keeps its other facts."""
    text = TITLE + "Tăng " + "1" * digits + "% so với năm trước, có 45 hộ nghèo.\n"
    ex = extract_text(text)
    assert [f["text"] for f in ex.facts if f["kind"] == "quantity"] == ["45 hộ"]
    dropped = [c for c in ex.checks if c.check == "dropped_fact"]
    assert len(dropped) == 1 and dropped[0].facts == [(len(TITLE) + 5, len(TITLE) + 5 + digits + 1)]
    assert f"({digits + 1} characters)" in dropped[0].message
    for f in ex.facts:
        assert text[f["start"] : f["end"]] == f["text"]


def test_absurd_money_and_ratio_do_not_crash():
    text = TITLE + f"Thu {'9' * 500} tỷ đồng, tỷ lệ {'7' * 400}/{'3' * 400} hộ, còn 12 hộ nghèo.\n"
    ex = extract_text(text)
    assert any(f["text"] == "12 hộ" for f in ex.facts)
    assert any(c.check == "dropped_fact" for c in ex.checks)


def test_dropped_fact_is_stored_with_its_document(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(TITLE + "Tăng " + "1" * 400 + "% và có 45 hộ nghèo.\n", encoding="utf-8")
    db = tmp_path / "c.db"
    res = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--quiet"])
    assert res.exit_code == 0, res.output
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 1
    (msg,) = con.execute("select message from checks where \"check\" = 'dropped_fact'").fetchone()
    assert "finite" in msg
