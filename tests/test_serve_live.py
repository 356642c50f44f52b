"""``chitieu serve`` follows the data: pages read while an ingest writes to
the same database all answer, and show what it committed; the indicator
pages (index, a key, a measure, the data dictionary) in HTTP and in a real
browser (headless Chromium, skipped where it is not installed), with
screenshots kept in ``$CHITIEU_SCREENSHOTS`` when set.  Only 127.0.0.1 is
reached."""

from __future__ import annotations

import json
import os
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
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli

ROOT = Path(__file__).resolve().parent.parent
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))

from test_workbench import ARTICLES  # noqa: E402  (sentences written for the tests)


def _get(url: str, timeout: float = 30):
    assert url.startswith("http://127.0.0.1:"), url
    try:
        with LOCAL.open(url, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: Path, log: Path, *extra: str):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.name = db.stem
        self.log = log
        with open(log, "w") as fh:
            self.proc = subprocess.Popen([sys.executable, "-m", "extractor", "serve", "--db", str(db), "--port",
                                          str(self.port), *extra], stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"chitieu serve exited with {self.proc.returncode}: {log.read_text()}")
            try:
                LOCAL.open(self.base + "/-/versions.json", timeout=2).read()
                return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    pytest.fail(f"chitieu serve did not answer within 60 s: {log.read_text()}")
                time.sleep(0.3)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def pages(name: str, doc: str) -> list[str]:
    return ["/", f"/{name}", f"/{name}/facts", f"/{name}/documents", f"/{name}/sentences",
            f"/{name}/indicator_values", f"/{name}/indicator_series", f"/{name}/checks", f"/{name}/runs",
            f"/{name}/indicator_by_area?indicator=poor_household_rate&area=&province=&year=",
            "/-/chitieu/indicators", "/-/chitieu/indicator/poor_household_rate",
            "/-/chitieu/indicator/poor_household_rate?province=son+la&period=2016-2017",
            "/-/chitieu/dictionary", f"/-/chitieu/review/{doc}"]


def _documents(server) -> int:
    _, body = _get(f"{server.base}/{server.name}.json?sql=select+count(*)+as+n+from+documents&_shape=array")
    return json.loads(body)[0]["n"]


def test_pages_follow_an_ingest_that_writes_while_serving(tmp_path):
    first = tmp_path / "first"
    rest = tmp_path / "rest"
    first.mkdir()
    rest.mkdir()
    shutil.copy(ROOT / "corpus" / "000_a0478d8ebb50c014.txt", first)
    for p in sorted((ROOT / "corpus").glob("*.txt"))[1:]:
        shutil.copy(p, rest)
    for name, text in ARTICLES.items():
        (rest / name).write_text(text, encoding="utf-8")
    db = tmp_path / "live.db"
    res = CliRunner().invoke(cli, ["ingest", str(first), "--db", str(db), "--quiet", "--workers", "1"])
    assert res.exit_code == 0, res.output
    doc = sqlite3.connect(db).execute("select id from documents").fetchone()[0]
    server = Server(db, tmp_path / "serve.log")
    try:
        assert _documents(server) == 1
        ingest = subprocess.Popen([sys.executable, "-m", "extractor", "ingest", str(rest), "--db", str(db),
                                   "--quiet", "--workers", "1"], cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
        statuses: dict[str, set[int]] = {}
        rounds = 0
        while ingest.poll() is None or rounds == 0:
            for path in pages(server.name, doc):
                status, body = _get(server.base + path)
                statuses.setdefault(path, set()).add(status)
                assert status == 200, (path, status, body[:500])
            rounds += 1
        out = ingest.communicate()[0]
        assert ingest.returncode == 0, out
        n = sqlite3.connect(db).execute("select count(*) from documents").fetchone()[0]
        assert n == 1 + len(list(rest.iterdir()))
        # after the ingest: every page answers and shows what it committed, no restart
        for path in pages(server.name, doc):
            status, body = _get(server.base + path)
            assert status == 200, (path, status, body[:500])
        assert _documents(server) == n
        status, body = _get(server.base + "/-/chitieu/indicator/poor_household_rate?province=son+la&period=2017")
        assert "27.3%" in body and "Hòa Bình" not in body.split("<h2>Figures")[1]
        _, body = _get(f"{server.base}/-/databases.json")
        assert {d["name"]: d for d in json.loads(body)}[server.name]["is_mutable"] is True
    finally:
        server.stop()
    assert "malformed" not in server.log.read_text()


def test_immutable_is_for_a_finished_file(tmp_path):
    db = tmp_path / "pub.db"
    assert CliRunner().invoke(cli, ["ingest", str(ROOT / "corpus"), "--db", str(db), "--quiet"]).exit_code == 0
    server = Server(db, tmp_path / "serve.log", "--immutable")
    try:
        _, body = _get(f"{server.base}/-/databases.json")
        assert {d["name"]: d for d in json.loads(body)}["pub"]["is_mutable"] is False
        assert _documents(server) == 5
    finally:
        server.stop()


# --- the pages -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page_server(tmp_path_factory):
    d = tmp_path_factory.mktemp("pages")
    src = d / "in"
    src.mkdir()
    for p in (ROOT / "corpus").glob("*.txt"):
        shutil.copy(p, src)
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    db = d / "chitieu.db"
    res = CliRunner().invoke(cli, ["ingest", str(src), "--db", str(db), "--quiet", "--workers", "1"])
    assert res.exit_code == 0, res.output
    server = Server(db, d / "serve.log")
    server.db = db
    yield server
    server.stop()


def test_index_lists_every_key_with_counts_and_links(page_server):
    from extractor.indicators import known_keys

    status, body = _get(page_server.base + "/-/chitieu/indicators")
    assert status == 200
    for key in known_keys():
        assert f">{key}<" in body
    row = re.search(r'href="/-/chitieu/indicator/poor_household_rate">poor_household_rate</a></td>'
                    r'<td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td>', body)
    assert row and int(row.group(1)) >= 5 and int(row.group(2)) >= 4
    status, _ = _get(page_server.base + "/-/chitieu/find?q=ho+ngheo")
    assert status == 200  # redirected to a page
    status, body = _get(page_server.base + "/-/chitieu/indicator/poor_households_typo")
    assert status == 404 and "/-/chitieu/indicators" in body


def test_indicator_page_has_definition_chart_and_figures(page_server):
    status, body = _get(page_server.base + "/-/chitieu/indicator/poor_household_rate?province=hoa+binh&period=2016-2017")
    assert status == 200
    assert "Share of an area" in body  # the definition
    achieved = body.split("<h2>percent · achieved · level · %</h2>")[1].split("<h2>")[0]
    assert achieved.count('<circle class="point"') == 2 and "<path d=" in achieved
    assert "http://" not in body.replace("http://www.w3.org/2000/svg", "")  # nothing from the network
    figures = body.split("<h2>Figures")[1]
    assert "22.5%" in figures and "18.6%" in figures and "<mark>22,5%</mark>" in figures
    assert "Sơn La" not in figures
    assert figures.count('href="/-/chitieu/review/') >= 2
    # the measure page, where no key applies
    con = sqlite3.connect(page_server.db)
    m = con.execute("select measure from facts where indicator is null and measure is not null "
                    "and kind in ('quantity','percent','money','ratio') limit 1").fetchone()[0]
    status, body = _get(page_server.base + "/-/chitieu/measure?" + urllib.parse.urlencode({"m": m}))
    assert status == 200 and "no indicator key covers" in body.lower()


def test_data_pages_lead_with_the_data(page_server):
    _, body = _get(f"{page_server.base}/{page_server.name}/indicator_values")
    heads = re.findall(r'<th class="col-([a-z_]+)', body)
    assert heads[:7] == ["value", "unit", "indicator", "measure", "area", "province", "period"] or \
        heads[1:8] == ["value", "unit", "indicator", "measure", "area", "province", "period"]
    assert "Từ điển" not in body.split("<table")[0] or body.count("Đường dẫn tệp") == 0
    _, dic = _get(page_server.base + "/-/chitieu/dictionary")
    assert "Đường dẫn tệp" in dic and "File path" in dic
    _, docs = _get(f"{page_server.base}/{page_server.name}/documents")
    doc = sqlite3.connect(page_server.db).execute("select id from documents limit 1").fetchone()[0]
    status, body = _get(f"{page_server.base}/{page_server.name}/documents/{doc}")
    assert status == 200 and 'class="fact' in body  # a document's page is its review page
    _, series = _get(f"{page_server.base}/{page_server.name}/indicator_series.json?_shape=array&indicator=budget")
    money = [r for r in json.loads(series) if r["unit"] == "VND"]
    assert money and all(isinstance(r["value"], float) for r in money)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _browser(url: str, out: Path, *, dom: bool = False, height: int = 1400) -> str:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={out.parent / ('profile-' + out.stem)}",
             "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--disable-sync",
             "--disable-extensions", "--no-default-browser-check", f"--window-size=1280,{height}"]
    args = [_chromium(), *flags] + (["--dump-dom"] if dom else [f"--screenshot={out}"]) + [url]
    res = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
def test_pages_in_a_real_browser(page_server, tmp_path):
    shots = Path(os.environ.get("CHITIEU_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    url = page_server.base + "/-/chitieu/indicator/poor_household_rate?period=2016-2017"
    dom = _browser(url, shots / "dom.html", dom=True)
    assert dom.count('class="point"') >= 3 and "<svg" in dom
    for name, path in (("indicator", "/-/chitieu/indicator/poor_household_rate?period=2016-2017"),
                       ("indicators", "/-/chitieu/indicators"),
                       ("indicator_values", f"/{page_server.name}/indicator_values")):
        shot = shots / f"{name}.png"
        _browser(page_server.base + path, shot)
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
        try:
            from PIL import Image
        except ImportError:
            continue
        img = Image.open(shot).convert("RGB")
        assert img.size == (1280, 1400)
        colours = {c for _, c in img.getcolors(maxcolors=1 << 24)}
        assert len(colours) > 50
        if name == "indicator":
            assert (0x1F, 0x77, 0xB4) in colours  # the first line of the chart was drawn
