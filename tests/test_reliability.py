"""Reliability under real use (issue 15): no pattern takes quadratic time,
absurd numbers drop one fact and never the document, a per-document time
budget in batch runs, crash reports with their traceback."""

import sqlite3
import time

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.pipeline import extract_text
from extractor.ingest import warm_up

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
    # a run of digits before a bracket (a name word may be a number: "Quận 1 (TP.HCM)")
    "digits before a bracket": lambda n: TITLE + "Có " + "1" * n + " (Hà Nội) hộ.\n",
}


def _once(text: str) -> float:
    t = time.perf_counter()
    extract_text(text)
    return time.perf_counter() - t


def growth(make, n: int = 4000, factor: int = 8, reps: int = 5) -> tuple[int, float, float]:
    """(n, seconds at n, seconds at factor·n): each the fastest of ``reps``
    runs, small and large runs interleaved so that a busy machine slows both."""
    extract_text(make(100))  # warm the caches (rules, gazetteer, models)
    # as an ingest worker starts: models loaded, then frozen out of the garbage
    # collector's reach (otherwise one full collection walking the models'
    # objects, set off by the large text's many objects, is timed as if the
    # extractor grew faster than linearly)
    warm_up()
    while min(_once(make(n)), _once(make(n))) < 0.03 and n < 512_000:  # too fast to time well: grow it
        n *= 2
    small = large = float("inf")
    for _ in range(reps):
        small = min(small, _once(make(n)))
        large = min(large, _once(make(factor * n)))
    return n, small, large


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_time_grows_linearly(shape):
    """Linear time, measured as a ratio (no wall-clock limit): eight times the
    text takes about eight times as long (a quadratic shape: sixty-four)."""
    assert linear(SHAPES[shape]), shape


def linear(make, n: int = 4000, reps: int = 5) -> bool:
    """Eight times the size takes less than twenty times as long (linear: ~8,
    quadratic: ~64); measured again once before failing, because a busy machine
    can slow the large runs alone (a quadratic shape fails both times)."""
    for _attempt in range(2):
        n, small, large = growth(make, n=n, reps=reps)
        print(f"{n} → {small:.4f} s, {8 * n} → {large:.4f} s (×{large / small:.1f})")
        if large / small < 20:
            return True
    return False


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


# ---- the per-document time budget --------------------------------------------------

def _slow_extractor(monkeypatch, slow_name="slow.txt", seconds=60.0):
    """extract_text that takes ``seconds`` on files named ``slow_name`` (in small
    steps, as a slow pattern would on each sentence)."""
    from extractor import pipeline

    real = pipeline.extract_text

    def slow(text, sidecar=None, doc=None):
        if doc and doc.endswith(slow_name):
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                time.sleep(0.01)
        return real(text, sidecar=sidecar, doc=doc)

    monkeypatch.setattr(pipeline, "extract_text", slow)


ARTICLE = TITLE + "Năm 2022, xã có 45 hộ nghèo, chiếm 0,084%.\n"


def test_budget_overrun_is_an_error_row_and_the_batch_goes_on(tmp_path, monkeypatch):
    _slow_extractor(monkeypatch)
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "slow.txt").write_text(ARTICLE.replace("45", "46"), encoding="utf-8")
    (d / "z.txt").write_text(ARTICLE.replace("45", "47"), encoding="utf-8")
    db = tmp_path / "c.db"
    t = time.perf_counter()
    res = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--quiet", "--budget", "0.5", "--workers", "1"])
    assert time.perf_counter() - t < 30
    assert res.exit_code == 1, res.output
    con = sqlite3.connect(db)
    (path, reason, kind, detail), = con.execute("select path, reason, kind, detail from errors").fetchall()
    assert path.endswith("slow.txt") and kind == "budget" and "time budget (0.5 s per document)" in reason
    assert "Traceback" in detail and "slow" in detail  # where it stopped
    assert con.execute("select count(*) from documents").fetchone()[0] == 2


def test_budget_interrupts_one_long_regex_match():
    """In the main thread the budget stops even a single match running in C
    (the quadratic photo-credit pattern of old on 16,000 spaces)."""
    import regex

    from extractor.budget import BudgetExceeded, time_budget

    old = regex.compile(r"\(?\s*(?:Ảnh|Video)\s*:\s*(?:(?:\p{Lu}[\p{L}\d/-]*|[\p{Lu}\d]+)[ \t]?){1,5}\)?",
                        regex.I | regex.M)
    t = time.perf_counter()
    with pytest.raises(BudgetExceeded), time_budget(0.3):
        list(old.finditer("Dân số" + " " * 40_000 + "x: 5 người."))
    assert time.perf_counter() - t < 5


def test_budget_in_a_worker_thread():
    """A Dask worker runs partitions in threads: the budget reaches them too."""
    import threading

    from extractor.budget import BudgetExceeded, time_budget

    seen = []

    def work():
        try:
            with time_budget(0.2):
                end = time.perf_counter() + 20
                while time.perf_counter() < end:
                    sum(range(1000))
            seen.append("finished")
        except BudgetExceeded:
            seen.append("stopped")

    th = threading.Thread(target=work)
    t = time.perf_counter()
    th.start()
    th.join(30)
    assert seen == ["stopped"] and time.perf_counter() - t < 5


def test_no_budget_left_armed_after_a_document():
    import signal

    from extractor.budget import time_budget

    with time_budget(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# ---- crash reports -------------------------------------------------------------------

def _crashing_extractor(monkeypatch, name="a.txt"):
    from extractor import pipeline

    real = pipeline.extract_text

    def flaky(text, sidecar=None, doc=None):
        if doc.endswith(name):
            raise KeyError("boom\nsecond line")
        return real(text, sidecar=sidecar, doc=doc)

    monkeypatch.setattr(pipeline, "extract_text", flaky)


def test_extract_command_reports_a_crash_and_goes_on(tmp_path, monkeypatch):
    """`chitieu extract` on an extractor failure once ended in NameError
    (crash_reason was never imported)."""
    _crashing_extractor(monkeypatch)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    res = CliRunner().invoke(cli, ["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "jsonl"])
    assert res.exit_code == 1
    assert not isinstance(res.exception, NameError) and "NameError" not in res.output
    assert "a.txt: the extractor crashed (KeyError: 'boom" in res.output
    assert "Traceback" in res.output and "flaky" in res.output
    assert '"doc": "' + str(tmp_path / "b.txt") in res.output  # the next file was extracted


def test_crash_report_keeps_the_traceback(tmp_path, monkeypatch):
    from extractor.ingest import ingest
    from extractor.store import open_db

    _crashing_extractor(monkeypatch)
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "b.txt").write_text(ARTICLE.replace("45", "46"), encoding="utf-8")
    db = open_db(tmp_path / "c.db")
    s = ingest(db, str(tmp_path / "c.db"), [d / "a.txt", d / "b.txt"])
    assert s.crashes == 1 and s.documents == 1
    (reason, kind, detail), = db.execute("select reason, kind, detail from errors").fetchall()
    assert kind == "crash" and reason.startswith("the extractor crashed (KeyError")
    assert detail.startswith("Traceback (most recent call last)") and "in flaky" in detail
    assert "KeyError: 'boom\\nsecond line'" in detail


# ---- file names and odd files ----------------------------------------------------------

import os  # noqa: E402


@pytest.mark.skipif(not hasattr(os, "mkfifo") or os.name != "posix", reason="POSIX names, FIFOs and links")
def test_odd_files_each_get_one_escaped_line_and_one_row(tmp_path, monkeypatch):
    """Each odd entry: one line (escaped: no raw escape sequence reaches the
    terminal) and one error row; the batch goes on to the files after it."""
    from extractor import reader

    d = tmp_path / "in"
    d.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text(ARTICLE.replace("45", "90"), encoding="utf-8")
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    long_name = "d" * 246 + ".txt"  # 250 bytes: its .meta.json sidecar name is too long to exist
    (d / long_name).write_text(ARTICLE.replace("45", "51"), encoding="utf-8")
    bad_bytes = os.fsdecode(b"b\xff\xfe.txt")  # not UTF-8: read, stored under an escaped name
    (d / bad_bytes).write_text(ARTICLE.replace("45", "52"), encoding="utf-8")
    escape_seq = "c\x1b[31mred\x07.txt"  # an escape sequence in the name, and an empty file
    (d / escape_seq).write_bytes(b"")
    os.mkfifo(d / "fifo.txt")
    os.symlink("loop2.txt", d / "loop1.txt")
    os.symlink("loop1.txt", d / "loop2.txt")
    os.symlink(outside / "far.txt", d / "link-out.txt")
    os.symlink(outside, d / "dir-out")
    (d / "gone.txt").write_text(ARTICLE.replace("45", "53"), encoding="utf-8")
    (d / "z.txt").write_text(ARTICLE.replace("45", "54"), encoding="utf-8")
    listed = reader.iter_paths
    calls = []

    def list_then_delete(paths, **kw):
        calls.append(1)
        for f in listed(paths, **kw):
            if len(calls) == 2 and f.name == "gone.txt":
                f.unlink()
            yield f

    monkeypatch.setattr(reader, "iter_paths", list_then_delete)
    db = tmp_path / "c.db"
    res = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--quiet"])
    out = res.output
    assert "\x1b" not in out and "\x07" not in out and "\udcff" not in out
    con = sqlite3.connect(db)
    rows = dict(con.execute("select path, reason from errors").fetchall())
    expected = {  # name as stored and shown → a word of its reason
        str(d / "c\\x1b[31mred\\x07.txt"): "empty file",
        str(d / "fifo.txt"): "not a regular file",
        str(d / "loop1.txt"): "symbolic links",
        str(d / "loop2.txt"): "symbolic links",
        str(d / "link-out.txt"): "outside the given folders",
        str(d / "dir-out"): "outside the given folders",
        str(d / "gone.txt"): "no such file",
    }
    assert set(rows) == set(expected), rows
    for name, word in expected.items():
        assert word in rows[name]
        assert sum(line.count(name + ":") for line in out.splitlines()) == 1, (name, out)
    assert res.exit_code == len(expected)
    paths = {r[0] for r in con.execute("select path from documents")}
    assert paths == {str(d / "a.txt"), str(d / long_name), str(d / "b\\xff\\xfe.txt"), str(d / "z.txt")}

    # followed on request
    res = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(tmp_path / "f.db"), "--quiet", "--follow-symlinks"])
    con = sqlite3.connect(tmp_path / "f.db")
    paths = {r[0] for r in con.execute("select path from documents")}
    assert str(d / "link-out.txt") in paths or str(d / "dir-out" / "far.txt") in paths


def test_a_symlink_inside_the_folder_is_read_once(tmp_path):
    from extractor.reader import iter_paths

    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(d / "sub", d / "again")  # a folder link back inside: walked once, not twice
    os.symlink(d, d / "sub" / "up")  # a loop
    skipped = []
    assert [p.name for p in iter_paths([d], on_skip=lambda p, r: skipped.append(p))] == ["a.txt"]
    assert skipped == []


# ---- two writers, read-only readers, the schema ------------------------------------------

import subprocess  # noqa: E402
import sys  # noqa: E402

NAMES = ["Mê Linh", "Sóc Sơn", "Đông Anh", "Gia Lâm", "Thanh Trì", "Ba Vì"]


def _corpus(d, n):
    d.mkdir()
    for i in range(n):
        (d / f"a{i:03d}.txt").write_text(
            f"Huyện {NAMES[i % len(NAMES)]} tổng kết năm {2015 + i % 9}\n\n"
            f"Năm {2015 + i % 9}, toàn huyện giải quyết việc làm cho {1000 + 37 * i} lao động, đạt {90 + i % 20},5% "
            f"kế hoạch; còn {10 + i} hộ nghèo, chiếm 0,{10 + i % 80}%; tổng kinh phí {5 + i} tỷ đồng.\n",
            encoding="utf-8")
    return d


def _snapshot(db_path):
    con = sqlite3.connect(db_path)
    snap = {
        "documents": sorted(con.execute("select id, path from documents")),
        "facts": sorted(con.execute("select id, document, kind, start, end, value, text, area, period from facts")),
        "sentences": sorted(con.execute("select id, document, start, end from sentences")),
        "fts": con.execute("select count(*) from sentences_fts where sentences_fts match 'ngheo'").fetchone(),
        "checks": sorted(con.execute('select document, "check", message from checks where "check" != \'conflict\'')),
        "errors": sorted(con.execute("select path, reason from errors")),
    }
    con.close()
    return snap


def _chitieu(*args, **kw):
    return subprocess.Popen([sys.executable, "-m", "extractor", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


@pytest.mark.slow
def test_two_ingests_at_once_equal_one(tmp_path):
    """Two `chitieu ingest` at once into one database: both finish (BEGIN
    IMMEDIATE + busy timeout; schema creation in one transaction) and the
    database is the one a single ingest makes."""
    d = _corpus(tmp_path / "in", 40)
    (d / "empty.txt").write_bytes(b"")
    one = _chitieu("ingest", d, "--db", tmp_path / "one.db", "--quiet", "--workers", "1")
    one.communicate(timeout=600)
    procs = [_chitieu("ingest", d, "--db", tmp_path / "two.db", "--quiet", "--workers", "1") for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode == 1, err  # the empty file, nothing else
        assert "locked" not in err and "already exists" not in err and "Traceback" not in err
    assert _snapshot(tmp_path / "two.db") == _snapshot(tmp_path / "one.db")


def _open_and_close(path):
    from extractor.store import open_db

    open_db(path).conn.close()
    return True


def test_schema_creation_races(tmp_path):
    """Many writers opening a new database at once: check-then-create once
    failed with 'table "runs" already exists'."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(6) as pool:
        for i in range(3):
            assert pool.map(_open_and_close, [str(tmp_path / f"r{i}.db")] * 12) == [True] * 12


def test_a_kill_during_schema_creation_leaves_no_half_schema(tmp_path, monkeypatch):
    from extractor import store

    path = tmp_path / "k.db"

    def killed(db):
        raise KeyboardInterrupt  # as a kill would stop it here, tables made, FTS not yet

    monkeypatch.setattr(store, "_repair_fts", killed)
    with pytest.raises(KeyboardInterrupt):
        store.open_db(path)
    con = sqlite3.connect(path)
    assert con.execute("select count(*) from sqlite_master").fetchone()[0] == 0  # nothing half-made
    con.close()
    monkeypatch.undo()
    db = store.open_db(path)
    assert store.schema_ok(db.conn)


@pytest.mark.parametrize("damage", ["no triggers", "no fts", "old version"])
def test_a_degraded_schema_is_repaired(tmp_path, damage):
    from extractor.ingest import ingest
    from extractor.store import SCHEMA_VERSION, open_db, schema_ok

    d = _corpus(tmp_path / "in", 4)
    path = tmp_path / "d.db"
    db = open_db(path)
    ingest(db, str(path), sorted(d.iterdir())[:2])
    if damage == "no triggers":
        for t in ("sentences_ai", "sentences_ad", "sentences_au"):
            db.execute(f"drop trigger {t}")
    elif damage == "no fts":
        db.execute("drop table sentences_fts")
        db.execute("drop trigger sentences_ai")
    db.execute("PRAGMA user_version=0")
    db.conn.commit()
    if damage != "old version":  # sentences written while the index was broken
        db.execute("insert into documents (id, path, text) values ('x', 'x.txt', 'hộ nghèo')")
        db.execute("insert into sentences (id, document, idx, start, end, text, text_folded) "
                   "values ('x:0', 'x', 0, 0, 8, 'hộ nghèo', 'ho ngheo')")
        db.conn.commit()
    db.conn.close()
    db = open_db(path)
    assert schema_ok(db.conn) and db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    n_sent = db.execute("select count(*) from sentences where text_folded like '%ngheo%'").fetchone()[0]
    assert db.execute("select count(*) from sentences_fts where sentences_fts match 'ngheo'").fetchone()[0] == n_sent
    db.execute("delete from sentences where id = 'x:0'")  # the triggers work
    assert db.execute("select count(*) from sentences_fts where sentences_fts match 'ngheo'").fetchone()[0] == \
        db.execute("select count(*) from sentences where text_folded like '%ngheo%'").fetchone()[0]


def _file_state(path):
    """The database file's bytes and mtime, and what its WAL holds (a write in
    WAL mode lands there first)."""
    import hashlib

    p = os.fspath(path)
    wal = p + "-wal"
    return (hashlib.sha256(open(p, "rb").read()).hexdigest(), os.stat(p).st_mtime_ns,
            os.path.getsize(wal) if os.path.exists(wal) else 0)


def test_read_only_commands_never_write(tmp_path):
    """stats, query, show, export: the database stays byte for byte (they once
    rewrote the views on open), also on a file the user cannot write."""
    d = _corpus(tmp_path / "in", 3)
    db = tmp_path / "ro" / "c.db"
    db.parent.mkdir()
    res = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--quiet"])
    assert res.exit_code == 0, res.output
    before = _file_state(db)
    db.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        doc = sqlite3.connect(f"file:{db}?mode=ro", uri=True).execute("select id from documents").fetchone()[0]
        for args in (["stats"], ["query", "indicator", "poor_households"], ["show", doc[:12]],
                     ["export", "--format", "csv", "-o", str(tmp_path / "x.csv")]):
            res = CliRunner().invoke(cli, [*args, "--db", str(db)])
            assert res.exit_code == 0, (args, res.output)
            assert _file_state(db) == before, args
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)


def test_a_database_that_cannot_be_opened_mode_ro_is_read_as_on_disk(tmp_path, monkeypatch):
    """A WAL database in a folder the user cannot write has no -shm to map:
    mode=ro fails there (as root it cannot be reproduced with chmod), and the
    read-only commands read it immutable."""
    from extractor import store

    d = _corpus(tmp_path / "in", 2)
    path = tmp_path / "c.db"
    assert CliRunner().invoke(cli, ["ingest", str(d), "--db", str(path), "--quiet"]).exit_code == 0
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as when the ingest process ends
    real = sqlite3.connect
    monkeypatch.setattr(store.sqlite3, "connect", _failing_ro(real))
    con = store.connect_readonly(path)
    assert con.execute("select count(*) from documents").fetchone()[0] == 2


def _failing_ro(real):
    class Failing:
        def __init__(self, con):
            self.con = con

        def execute(self, *a):
            raise sqlite3.OperationalError("unable to open database file")

        def close(self):
            self.con.close()

    def connect(database, *a, **kw):
        con = real(database, *a, **kw)
        return Failing(con) if "mode=ro" in str(database) else con

    return connect


def test_serve_does_not_write_while_an_ingest_does(tmp_path):
    """serve once checkpointed (TRUNCATE) the WAL at start, under a running
    ingest; now it only reads."""
    from extractor.serve import prepare
    from extractor.store import open_db

    path = tmp_path / "s.db"
    db = open_db(path)
    db.execute("PRAGMA wal_autocheckpoint=0")
    db.execute("insert into runs (version) values ('x')")
    db.conn.commit()
    before = _file_state(path)
    assert before[2] > 0
    names, live = prepare(path)
    assert "facts" in names and live
    assert _file_state(path) == before


# ---- safe output -----------------------------------------------------------------------

@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,<b>x</b>",
                                 "file:///etc/passwd", "vbscript:x", "//evil.example/x"])
def test_only_web_urls_become_links_on_the_review_page(url):
    from extractor.review import render_html

    doc = {"id": "ab" * 32, "path": "a.txt", "title": "T", "url": url, "text": ARTICLE, "published": None,
           "author": None, "source": None, "layout": "plain", "body_start": 0, "body_end": len(ARTICLE)}
    page = render_html(doc, [], [])
    assert "href=\"" + url not in page and "href=\" " not in page
    hrefs = [h.lower() for h in __import__("re").findall(r'href="([^"]*)"', page)]
    assert not any(h.strip().startswith(("javascript:", "data:", "file:", "vbscript:", "//")) for h in hrefs)
    ok = render_html(dict(doc, url="https://vnexpress.net/a.html"), [], [])
    assert 'href="https://vnexpress.net/a.html"' in ok


def test_csv_cells_cannot_be_formulas(tmp_path):
    import csv

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("=HYPERLINK(\"http://evil.example\",\"Bấm\")\n\nNăm 2022, xã có 45 hộ nghèo.\n",
                             encoding="utf-8")
    (d / "a.meta.json").write_text('{"title": "@SUM(1+1)", "url": "-2+3"}', encoding="utf-8")
    db = tmp_path / "c.db"
    assert CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--quiet"]).exit_code == 0
    out = tmp_path / "x.csv"
    res = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", str(db), "-o", str(out)])
    assert res.exit_code == 0, res.output
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for r in rows:
        for col, v in r.items():
            assert not v.startswith(("=", "+", "@", "\t", "\r")), (col, v)
            if v.startswith("-"):
                float(v)  # a negative number stays a number
    assert rows[0]["document_title"] == "'@SUM(1+1)" and rows[0]["url"] == "'-2+3"
    quantity = next(r for r in rows if r["kind"] == "quantity")
    assert quantity["value"] == "45"


def test_gold_check_refuses_a_doc_outside_the_root_without_reading_it(tmp_path, monkeypatch):
    import json

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET first line of a private file\n", encoding="utf-8")
    root = tmp_path / "repo"
    (root / "gold").mkdir(parents=True)
    os.symlink(secret, root / "link.txt")
    opened = []
    real_open = open

    def spy(file, *a, **kw):
        opened.append(os.fspath(file))
        return real_open(file, *a, **kw)

    from pathlib import Path

    real = json.loads(sorted((Path(__file__).resolve().parent.parent / "gold").glob("*.json"))[0].read_text())
    for i, doc in enumerate(["../secret.txt", str(secret), "link.txt"]):
        (root / "gold" / f"g{i}.json").write_text(json.dumps(dict(real, doc=doc), ensure_ascii=False),
                                                   encoding="utf-8")
    import builtins
    import pathlib

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: (opened.append(str(self)), b"")[1])
    res = CliRunner().invoke(cli, ["gold", "check", str(root / "gold"), "--root", str(root)])
    monkeypatch.undo()
    assert res.exit_code == 1
    assert "TOP SECRET" not in res.output
    assert res.output.count("outside the gold root") == 3, res.output
    assert not any(o.endswith(("secret.txt", "link.txt")) for o in opened), opened


# ---- the Dask engine ---------------------------------------------------------------------

def _local_reference(tmp_path, d):
    from extractor.ingest import ingest
    from extractor.store import open_db

    path = tmp_path / "local.db"
    db = open_db(path)
    ingest(db, str(path), sorted(d.iterdir()))
    db.conn.close()
    return _snapshot(path)


@pytest.mark.slow
@pytest.mark.parametrize("processes", [False, True], ids=["threads", "processes"])
def test_dask_equals_local(tmp_path, processes):
    """The Dask engine's database equals the local engine's, on a cluster of
    threads (where underthesea's half-loaded tagger once failed 1–8% of the
    files) and of processes; the counts add up to the files."""
    distributed = pytest.importorskip("distributed", reason="Dask is the optional extra chitieu[dask]")
    from extractor.ingest import ingest_dask, merge
    from extractor.store import open_db

    d = _corpus(tmp_path / "in", 24)
    (d / "empty.txt").write_bytes(b"")
    (d / "dup.txt").write_bytes((d / "a000.txt").read_bytes())
    ref = _local_reference(tmp_path, d)
    paths = sorted(str(p) for p in d.iterdir())
    kw = ({"n_workers": 1, "threads_per_worker": 4} if not processes
          else {"n_workers": 2, "threads_per_worker": 2, "host": "127.0.0.1"})
    with distributed.LocalCluster(processes=processes, dashboard_address=None, **kw) as cluster, \
            distributed.Client(cluster) as client:
        shards = ingest_dask(paths, tmp_path / "shards", client=client, partitions=6)
    db = open_db(tmp_path / "dask.db")
    counts = merge(db, shards)
    assert counts["merged"] + counts["skipped"] + len(counts["failures"]) == len(paths)
    assert (counts["merged"], len(counts["failures"])) == (24, 1)
    assert _snapshot(tmp_path / "dask.db") == ref
    assert not list((tmp_path / "shards").glob("*.partial-*"))


def test_dask_cli_counts_errors_and_logging(tmp_path):
    """`chitieu ingest --engine dask`: one line per failure of this run, counts
    that add up on a re-run, an error row gone once its file is fixed, no
    INFO logging, no partial shard of a killed run left."""
    pytest.importorskip("distributed", reason="Dask is the optional extra chitieu[dask]")
    d = _corpus(tmp_path / "in", 6)
    (d / "broken.txt").write_bytes(b"")
    db = tmp_path / "c.db"
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "shard-0123456789abcdef.db.partial-4242").write_bytes(b"half")  # a killed run's leftover
    p = _chitieu("ingest", d, "--db", db, "--engine", "dask", "--shards", shards)
    out, err = p.communicate(timeout=600)
    assert p.returncode == 1, err
    assert not [line for line in err.splitlines() if " - INFO - " in line or "INFO " in line[:40]], err
    assert "6 document(s) ingested, 0 already present, 1 failed" in err + out
    assert sum("broken.txt: empty file" in line for line in err.splitlines()) == 1
    assert not list(shards.glob("*.partial-*"))
    (d / "broken.txt").write_text(ARTICLE, encoding="utf-8")  # fixed
    p = _chitieu("ingest", d, "--db", db, "--engine", "dask", "--shards", shards)
    out, err = p.communicate(timeout=600)
    assert p.returncode == 0, err
    assert "1 document(s) ingested, 6 already present, 0 failed" in err + out
    assert not list(shards.glob("*.partial-*"))
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from errors").fetchone()[0] == 0
    assert con.execute("select count(*) from documents").fetchone()[0] == 7


def test_models_load_once_before_threads_extract(monkeypatch):
    import threading

    from extractor import ingest

    calls = []
    monkeypatch.setattr(ingest, "_warmed", False)
    monkeypatch.setattr(ingest, "warm_up", lambda: (calls.append(1), time.sleep(0.3)))
    done = []
    threads = [threading.Thread(target=lambda: (ingest.warm_once(), done.append(len(calls)))) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1] and done == [1] * 6  # every thread waited for the one load


def test_a_failed_partition_leaves_no_partial(tmp_path, monkeypatch):
    from extractor import ingest

    monkeypatch.setattr(ingest, "warm_once", lambda: None)

    def boom(*a, **kw):
        raise MemoryError

    monkeypatch.setattr(ingest, "ingest", boom)
    with pytest.raises(MemoryError):
        ingest.write_shard([], tmp_path / "shard-x.db")
    assert list(tmp_path.iterdir()) == []


# ---- fuzz: mutated real articles -------------------------------------------------------------
# Real articles (the corpus tarballs in ../shared/corpus beside the clone; skipped
# when absent) with random damage, padding and pathological runs: the
# extractor never raises, never overruns its time budget, and every fact's
# text is doc_text[start:end].

import math  # noqa: E402
import random  # noqa: E402
from pathlib import Path  # noqa: E402

SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FUZZ_BUDGET = 20.0  # seconds per document; an article takes well under one
_NOISE = list("0123456789.,/-%:;()“” \n\t\u00a0hộnghèotỷtriệuđồngnămthángquýIIgiaiđoạnđếntừxãẢnh:") + [
    "\u0300", "\u0323", "\ufeff", "\u2028", "\x0b", "Ảnh: ", "(Ảnh: Thu Minh)", "Chia sẻ: ", "lần thứ "]


def real_files(limit: int):
    """Up to ``limit`` (name, bytes) of article files, streamed from the corpus
    tarballs (never unpacked)."""
    import tarfile

    tars = sorted(SHARED_CORPUS.glob("*.tar.gz"), key=lambda t: t.stat().st_size)  # smallest first
    given = 0
    for i, t in enumerate(tars):
        quota = -(-(limit - given) // (len(tars) - i))  # an even share of what is left
        n = 0
        with tarfile.open(t) as tf:
            for m in tf:
                if n >= quota:
                    break
                if m.isfile() and m.name.endswith(".txt"):
                    n += 1
                    yield m.name, tf.extractfile(m).read()
        given += n


def real_articles(limit: int):
    """The decoded articles among ``real_files(limit)``."""
    from extractor.reader import ReadError, decode

    for name, data in real_files(limit):
        try:
            yield name, decode(data, name)
        except ReadError:
            continue


def mutate(text: str, rnd: random.Random) -> str:
    """A few random edits: noise, deletions, duplications, and the shapes that
    once took quadratic time (long runs of spaces, digits, dotted digits,
    figures, blank lines)."""
    for _ in range(rnd.randint(1, 6)):
        i = rnd.randint(0, len(text))
        j = min(len(text), i + rnd.randint(0, 200))
        op = rnd.choice(["noise", "delete", "duplicate", "run"])
        if op == "noise":
            ins = "".join(rnd.choice(_NOISE) for _ in range(rnd.randint(1, 12)))
            text = text[:i] + ins + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:i] + text[i:j] * rnd.randint(1, 20) + text[i:]
        else:
            k = rnd.choice([50, 500, 5000])
            run = rnd.choice([" " * k, "1" * k, "1." * (k // 2), "\n" * k, " \n" * (k // 2), "\t" * k,
                              ", ".join(f"{n} hộ" for n in range(k // 8)), "9" * k + "%", "ẢNH " * (k // 4)])
            text = text[:i] + run + text[i:]
    return text


def fuzz_one(text: str) -> None:
    from extractor.budget import time_budget

    with time_budget(FUZZ_BUDGET):  # BudgetExceeded fails the test: no overrun
        ex = extract_text(text)
    assert ex.text == text
    for f in ex.facts:
        assert 0 <= f["start"] < f["end"] <= len(text), f
        assert text[f["start"] : f["end"]] == f["text"], f
        for k in ("value", "numerator", "denominator"):
            if isinstance(f.get(k), (int, float)):
                assert math.isfinite(f[k]), f


def _fuzz_case(args):
    """(decoded?, failure or None) of one corpus file, mutated with its seed."""
    from extractor.reader import ReadError, decode

    name, data, seed = args
    try:
        text = decode(data, name)
    except ReadError:
        return False, None
    try:
        fuzz_one(mutate(text, random.Random(seed)))
    except BaseException as exc:  # noqa: BLE001 - reported by the test
        return True, f"{name} (seed {seed}): {exc.__class__.__name__}: {str(exc)[:300]}"
    return True, None


needs_corpus = pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="no ../shared/corpus beside the clone")


@pytest.fixture(scope="module")
def few_articles():
    from extractor.ingest import warm_once

    warm_once()  # the models load once (seconds), outside any document's budget
    return [t for _, t in real_articles(40)]


@needs_corpus
def test_fuzz_mutated_real_articles(few_articles):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=25, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.sampled_from(few_articles), st.randoms(use_true_random=False))
    def prop(text, rnd):
        fuzz_one(mutate(text, rnd))

    prop()


@pytest.mark.slow
@needs_corpus
def test_fuzz_ten_thousand_mutated_real_articles():
    import multiprocessing

    # decoded in the workers (the mojibake check is not cheap); a few files are refused
    cases = ((name, data, seed) for seed, (name, data) in enumerate(real_files(10_300)))
    from extractor.ingest import warm_once

    warm_once()  # load the models once, before the workers fork
    n, failures = 0, []
    with multiprocessing.get_context("fork").Pool(max(1, min(4, os.cpu_count() or 1))) as pool:
        for decoded, failure in pool.imap_unordered(_fuzz_case, cases, chunksize=16):
            n += decoded
            if failure:
                failures.append(failure)
    assert n >= 10_000
    assert not failures, f"{len(failures)} of {n}: " + "\n".join(failures[:20])
