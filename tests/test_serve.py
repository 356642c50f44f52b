"""Analysts' tools over HTTP: ``chitieu serve`` (Datasette) in a subprocess on
a free port of 127.0.0.1 — metadata, canned queries, search without
diacritics, the review page — and the review page in a real browser
(headless Chromium, skipped only where it is not installed).  Nothing here
talks to any address but 127.0.0.1."""

from __future__ import annotations

import json
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.review import load, render_html
from extractor.serve import TABLES, fts_query, metadata
from extractor.store import open_db
from extractor.textnorm import search_key

ROOT = Path(__file__).resolve().parent.parent
# never through a proxy: the only address these tests reach is 127.0.0.1
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _get(url: str, timeout: float = 10):
    assert url.startswith("http://127.0.0.1:"), url
    with LOCAL.open(url, timeout=timeout) as r:
        return r.status, r.read().decode("utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def built(corpus_db):
    return corpus_db


@pytest.fixture(scope="module")
def server(built, tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("serve-log") / "serve.log"
    with open(log, "w") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "extractor", "serve", "--db", str(built), "--port", str(port)],
            stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"chitieu serve exited with {proc.returncode}: {log.read_text()}")
            try:
                _get(base + "/-/versions.json", timeout=2)
                break
            except (OSError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    pytest.fail(f"chitieu serve did not answer within 30 s: {log.read_text()}")
                time.sleep(0.2)
        yield SimpleNamespace(base=base, db=built, name="chitieu")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _query(server, name: str, **params) -> list[dict]:
    qs = urllib.parse.urlencode({**params, "_shape": "array"})
    status, body = _get(f"{server.base}/{server.name}/{name}.json?{qs}")
    assert status == 200
    return json.loads(body)


# --- folding and the folded FTS column -------------------------------------------------------


def test_search_key():
    assert search_key("Tỷ lệ hộ nghèo ĐẠT 92,5%") == "ty le ho ngheo dat 92,5%"
    assert search_key("tỉ lệ") == search_key("tỷ lệ") == "ty le"
    assert search_key("Thuỷ") == search_key("Thủy") == "thuy"
    assert fts_query("Hộ  nghèo") == '"ho" "ngheo"'
    assert fts_query('đạt OR (x') == '"dat" "or" "x"'
    assert fts_query('"Hộ nghèo" Quốc-Oai') == '"ho ngheo" "quoc oai"'
    assert fts_query('đạt "x') == '"dat" "x"'
    assert fts_query("ngh*") == '"ngh"*'
    assert fts_query("  ") == '""'


def test_sentences_have_a_folded_fts_column(built):
    con = sqlite3.connect(built)
    assert con.execute("select count(*) from sentences where text_folded is null").fetchone()[0] == 0

    def texts(q):
        return [r[0] for r in con.execute(
            "select s.text from sentences_fts join sentences s on s.rowid = sentences_fts.rowid "
            "where sentences_fts match ?", [q])]

    assert texts("ho ngheo") and all({"ho", "ngheo"} <= set(re.findall(r"\w+", search_key(t))) for t in texts("ho ngheo"))
    assert texts('"ho ngheo"') and all("hộ nghèo" in t.lower() for t in texts('"ho ngheo"'))
    assert texts("dat") and all("dat" in re.findall(r"\w+", search_key(t)) for t in texts("dat"))
    assert any("đạt" in t for t in texts("dat"))
    assert sorted(texts("dat")) == sorted(texts("đạt"))


def test_an_older_database_gets_the_folded_column(tmp_path):
    import sqlite_utils

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old["documents"].create({"id": str, "text": str}, pk="id")
    old["sentences"].create({"id": str, "document": str, "idx": int, "start": int, "end": int, "text": str}, pk="id")
    old["sentences"].enable_fts(["text"], tokenize="unicode61 remove_diacritics 2", create_triggers=True)
    old["sentences"].insert({"id": "a:0", "document": "a", "idx": 0, "start": 0, "end": 20, "text": "Tỷ lệ đạt 95%"})
    old.conn.close()
    db = open_db(path)
    assert db.execute("select text_folded from sentences").fetchone()[0] == "ty le dat 95%"
    assert db.execute("select count(*) from sentences_fts where sentences_fts match 'dat'").fetchone()[0] == 1
    db["sentences"].insert({"id": "a:1", "document": "a", "idx": 1, "start": 21, "end": 30, "text": "Hộ nghèo",
                            "text_folded": "ho ngheo"})
    assert db.execute("select count(*) from sentences_fts where sentences_fts match 'ho ngheo'").fetchone()[0] == 1


def test_every_table_and_column_is_in_the_data_dictionary_in_both_languages(built):
    db = open_db(built)
    names = set(db.table_names()) | set(db.view_names())
    meta = metadata(names, "chitieu")
    tables = meta["databases"]["chitieu"]["tables"]
    core = {"documents", "sentences", "facts", "runs", "errors", "checks", "indicator_values", "indicator_series",
            "near_duplicates"}
    assert core <= set(tables)
    for t in core:
        cols = [c.name for c in db[t].columns]
        # one line above the data, with a link to the dictionary; no column list in front of the rows
        assert " — " in tables[t]["description_html"] and f"/-/chitieu/dictionary#{t}" in tables[t]["description_html"]
        assert "columns" not in tables[t]
        for c in cols:
            assert c in TABLES[t][2], f"{t}.{c} has no description in extractor/serve.py TABLES"
            vi, en = TABLES[t][2][c]
            assert vi and en, (t, c)
    assert set(TABLES["eval_runs"][2]) >= {"at", "rules_hash", "gold_hash", "scores"}
    assert tables["facts"]["facets"] == ["kind", "indicator", "area", "period", "target"]
    assert meta["title"] and meta["description_html"] and meta["license"]


def test_serve_refuses_a_missing_database_and_a_busy_port(tmp_path, built):
    res = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1 and "chitieu ingest" in res.output and len(res.output.strip().splitlines()) == 1
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        res = CliRunner().invoke(cli, ["serve", "--db", str(built), "--port", str(s.getsockname()[1])])
    assert res.exit_code == 1 and "--port" in res.output


# --- Datasette over HTTP -----------------------------------------------------------------------


def test_metadata_and_facets_are_served(server):
    _, body = _get(f"{server.base}/-/metadata.json")
    meta = json.loads(body)
    assert "chitieu" in meta["title"] and "/-/chitieu/indicators" in meta["description_html"]
    assert "hộ nghèo" in meta["databases"]["chitieu"]["queries"]["search"]["description"]
    _, body = _get(f"{server.base}/chitieu/facts.json?_size=1")
    assert set(json.loads(body)["facet_results"]) == {"kind", "indicator", "area", "period", "target"}


def test_the_database_follows_the_data(server):
    """Read-only (mode=ro), not immutable: what an ingest commits shows (tests/test_serve_live.py)."""
    _, body = _get(f"{server.base}/-/databases.json")
    dbs = {d["name"]: d for d in json.loads(body)}
    assert dbs["chitieu"]["is_mutable"] is True


def test_search_without_diacritics(server):
    rows = _query(server, "search", q="ho ngheo")
    assert rows and all({"ho", "ngheo"} <= set(re.findall(r"\w+", search_key(r["text"]))) for r in rows)
    assert any("hộ nghèo" in r["text"] for r in rows)
    phrase = _query(server, "search", q='"ho ngheo"')
    assert phrase and all("hộ nghèo" in r["text"].lower() for r in phrase) and len(phrase) < len(rows)
    assert {r["document_title"] for r in rows}
    rows = _query(server, "search", q="dat")
    assert any("đạt" in r["text"] for r in rows)
    assert _query(server, "search", q="") == []
    assert _query(server, "search", q='") OR (') == []
    # Datasette's own search box on the table finds the same without diacritics
    _, body = _get(f"{server.base}/chitieu/sentences.json?_search=ho+ngheo&_shape=array")
    assert len(json.loads(body)) == len(_query(server, "search", q="hộ nghèo"))


def test_canned_queries(server):
    blank = {"area": "", "province": "", "year": ""}
    rows = _query(server, "indicator_by_area", indicator="poor_households", **blank)
    assert ("Quốc Oai", 45.0) in [(r["area"], r["value"]) for r in rows]
    assert [r["area"] for r in _query(server, "indicator_by_area", indicator="poor_households",
                                      **{**blank, "area": "ha noi"})] == ["Hà Nội"]
    ratios = _query(server, "indicator_by_area", indicator="targets_completed", **{**blank, "area": "Quốc Oai"})
    assert (16.0, 27.0) in [(r["value"], r["denominator"]) for r in ratios]
    assert _query(server, "indicator_by_area", indicator="poor_households", **{**blank, "year": "2023"})
    assert _query(server, "indicator_by_area", indicator="poor_households", **{**blank, "year": "2017"}) == []

    facts = _query(server, "document_facts", document="06e93006")
    assert len(facts) > 10 and "16/27 chỉ tiêu" in [f["text"] for f in facts]
    assert all(f["review"].startswith("/-/chitieu/review/06e93006") for f in facts)
    assert _query(server, "document_facts", document="") == []

    officials = {r["name"]: r for r in _query(server, "officials")}
    assert "Phó Bí thư Thành ủy" in officials["Nguyễn Ngọc Tuấn"]["titles"]
    assert officials["Nguyễn Ngọc Tuấn"]["articles"] >= 1

    cited = _query(server, "documents_cited")
    assert cited[0]["ref"] == "08-CTr/TU" and cited[0]["articles"] == 3

    failed = _query(server, "failed_checks")
    by_check = {}
    for r in failed:
        by_check.setdefault(r["check"], []).append(r["text"])
    assert by_check["ratio_percent"] == ["113.418/162.000 lao động", "70,89%"]
    assert by_check["count_share_total"] == ["45 hộ", "0,084%", "1.950 hộ", "2,06%"]


def test_documents_link_to_their_review_page(server):
    _, body = _get(f"{server.base}/chitieu/documents")
    assert 'href="/-/chitieu/review/06e930066d11bad9' in body
    status, page = _get(f"{server.base}/-/chitieu/review/06e93006")
    assert status == 200 and page.count('class="fact') >= 20
    with pytest.raises(urllib.error.HTTPError) as exc:
        _get(f"{server.base}/-/chitieu/review/ffffffff")
    assert exc.value.code == 404


# --- the review page -------------------------------------------------------------------------


class Marks(HTMLParser):
    """The text inside every fact mark, by ``data-fact``, pieces joined."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[dict | None] = []
        self.marks: dict[int, dict] = {}
        self.article_text: list[str] = []
        self.in_article = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div" and a.get("id") == "article":
            self.in_article = 1
        elif self.in_article and tag in ("div", "span", "mark"):
            self.in_article += 1
        if tag == "mark" and "data-fact" in a:
            i = int(a["data-fact"])
            m = self.marks.setdefault(i, {"text": "", "attrs": a, "pieces": 0})
            m["pieces"] += 1
            self.stack.append(m)
        elif tag == "mark":
            self.stack.append(None)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.stack.pop()
        if self.in_article and tag in ("div", "span", "mark"):
            self.in_article -= 1

    def handle_data(self, data):
        for m in self.stack:
            if m is not None:
                m["text"] += data
        if self.in_article:
            self.article_text.append(data)


def _marks(html: str) -> Marks:
    p = Marks()
    p.feed(html)
    return p


def test_review_page_escapes_and_nests_crossing_facts():
    text = "Tiêu đề <b>\n\nA <script>alert(1)</script> 16/27 chỉ tiêu & 45 hộ nghèo."
    s = text.index("16/27")
    facts = [
        {"kind": "ratio", "start": s, "end": s + len("16/27 chỉ tiêu"), "text": "16/27 chỉ tiêu",
         "numerator": 16.0, "denominator": 27.0, "rule_id": "ratio.basic"},
        {"kind": "quantity", "start": s + 6, "end": text.index(" nghèo"), "text": text[s + 6 : text.index(" nghèo")],
         "value": 1.0, "rule_id": "x"},  # crosses the ratio's end
        {"kind": "area", "start": 0, "end": 7, "text": "Tiêu đề", "name": "<x>", "level": "xã", "rule_id": "y"},
    ]
    facts.sort(key=lambda f: (f["start"], -f["end"]))
    doc = {"id": "ab" * 32, "path": "a.txt", "title": "<i>T</i>", "text": text, "body_start": 0, "body_end": len(text)}
    html = render_html(doc, facts, [{"check": "c", "message": "<m>", "facts": json.dumps([[s, s + 14]])}])
    assert "<script>" not in html and "&lt;script&gt;" in html and "<i>T</i>" not in html and "&lt;m&gt;" in html
    p = _marks(html)
    assert "".join(p.article_text) == text
    assert {i: m["text"] for i, m in p.marks.items()} == {i: f["text"] for i, f in enumerate(facts)}
    crossing = next(i for i, f in enumerate(facts) if f["kind"] == "quantity")
    assert p.marks[crossing]["pieces"] == 2
    ratio = next(i for i, f in enumerate(facts) if f["kind"] == "ratio")
    assert "flagged" in p.marks[ratio]["attrs"]["class"]
    assert "rule_id: ratio.basic" in p.marks[ratio]["attrs"]["title"]
    assert p.marks[ratio]["attrs"]["data-label"] == "ratio 16/27"


def test_show_prints_facts_and_writes_the_review_page(built, tmp_path):
    wide = {"COLUMNS": "240"}  # rich folds cells to the terminal's width
    res = CliRunner().invoke(cli, ["show", "06e93006", "--db", str(built)], env=wide)
    assert res.exit_code == 0, res.output
    assert "16/27" in res.output and "targets_completed" in res.output
    by_path = CliRunner().invoke(cli, ["show", str(ROOT / "corpus" / "000_a0478d8ebb50c014.txt"), "--db", str(built)], env=wide)
    assert by_path.exit_code == 0 and by_path.output == res.output
    out = tmp_path / "r.html"
    res = CliRunner().invoke(cli, ["show", "06e93006", "--db", str(built), "--html", str(out)])
    assert res.exit_code == 0, res.output
    con = sqlite3.connect(built)
    doc, facts, _ = load(con, "06e93006")
    p = _marks(out.read_text(encoding="utf-8"))
    assert "".join(p.article_text) == doc["text"]
    assert {i: m["text"] for i, m in p.marks.items()} == {i: f["text"] for i, f in enumerate(facts)}
    for bad in ("zzz", "0"):
        res = CliRunner().invoke(cli, ["show", bad, "--db", str(built)])
        assert res.exit_code == 1 and "no document matches" in res.output and len(res.output.strip().splitlines()) == 1


def _chromium() -> str | None:
    return shutil.which("chromium")


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
def test_review_page_in_a_real_browser(server, tmp_path):
    con = sqlite3.connect(server.db)
    doc, facts, checks = load(con, "413e8541")  # 001: has a ratio_percent check
    url = f"{server.base}/-/chitieu/review/{doc['id']}"
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
        "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--disable-sync", "--disable-extensions",
        "--disable-default-apps", "--no-default-browser-check", "--disable-domain-reliability",
        "--disable-client-side-phishing-detection", "--window-size=1280,1000",
    ]
    dom = subprocess.run([_chromium(), *flags, "--dump-dom", url], capture_output=True, text=True, timeout=90)
    assert dom.returncode == 0, dom.stderr[-2000:]
    p = _marks(dom.stdout)
    assert len(p.marks) == len(facts) > 20
    for i, f in enumerate(facts):
        assert p.marks[i]["text"] == f["text"], (i, f)
        assert p.marks[i]["attrs"]["data-kind"] == f["kind"]
        assert f"rule_id: {f['rule_id']}" in p.marks[i]["attrs"]["title"]
    flagged = sorted(m["text"] for m in p.marks.values() if "flagged" in m["attrs"]["class"])
    assert flagged == ["113.418/162.000 lao động", "70,89%"]
    assert "".join(p.article_text) == doc["text"]

    shot = tmp_path / "review.png"
    res = subprocess.run([_chromium(), *flags, f"--screenshot={shot}", url], capture_output=True, text=True, timeout=90)
    assert res.returncode == 0 and shot.exists(), res.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    try:
        from PIL import Image
    except ImportError:
        return
    colours = {c for _, c in Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 24)}
    assert (0xBF, 0xEE, 0xB7) in colours  # a percent mark's background was painted
    assert (0xFE, 0xCA, 0x74) in colours  # a ratio's
