"""Batch ingestion at scale: kill -9 at random points and resume, parallel
workers, shards merged idempotently, and the Dask engine on a local cluster.
Each test compares its database with an uninterrupted single-process run."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from extractor.ingest import ingest, merge, write_shard
from extractor.store import open_db

TEMPLATE = """Huyện {name} tổng kết công tác giảm nghèo năm {year}

Sáng {day}/12, Ban chỉ đạo giảm nghèo huyện {name} tổ chức hội nghị tổng kết.

Năm {year}, toàn huyện giải quyết việc làm cho {jobs} lao động, đạt {pct},5% kế hoạch; còn {poor} hộ nghèo, chiếm {rate}%; {ok}/{communes} xã đạt chuẩn quốc gia về y tế.

Tổng kinh phí hỗ trợ là {money} tỷ đồng, tỷ lệ bao phủ bảo hiểm y tế đạt {bhyt}%.

Nguyễn Văn An
"""

NAMES = ["Mê Linh", "Sóc Sơn", "Đông Anh", "Gia Lâm", "Thanh Trì", "Ba Vì", "Phúc Thọ", "Đan Phượng"]


def make_corpus(d, n):
    d.mkdir()
    for i in range(n):
        (d / f"a{i:03d}.txt").write_text(TEMPLATE.format(
            name=NAMES[i % len(NAMES)], year=2015 + i % 9, day=1 + i % 28, jobs=1000 + 37 * i, pct=90 + i % 20,
            poor=10 + i, rate=f"0,{10 + i % 80}", ok=i % 10 + 1, communes=12, money=5 + i, bhyt=80 + i % 19,
        ), encoding="utf-8")
    return sorted(str(p) for p in d.iterdir())


def _cmdline_has(pid: str, marker: str) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return marker.encode() in fh.read()
    except OSError:
        return False


def snapshot(db_path):
    con = sqlite3.connect(db_path)
    snap = {
        "documents": set(con.execute("select id from documents")),
        "facts": sorted(con.execute("select id, document, kind, start, end, value, text from facts")),
        "sentences": sorted(con.execute("select id, document, start, end from sentences")),
        # per-document checks; cross-article conflicts are recomputed by each ingest command
        "checks": sorted(con.execute('select document, "check", message from checks where "check" != \'conflict\'')),
    }
    con.close()
    return snap


def single_run(paths, db_path):
    db = open_db(db_path)
    ingest(db, str(db_path), paths, workers=1)
    db.conn.close()
    return snapshot(db_path)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("scale")
    paths = make_corpus(base / "in", 100)
    return base, paths, single_run(paths, base / "reference.db")


@pytest.mark.slow  # ~120 s: kills ingests at random points
def test_kill_at_random_points_then_resume(corpus, tmp_path):
    base, paths, ref = corpus
    db_path = tmp_path / "killed.db"
    rng = random.Random(20261123)
    cmd = [sys.executable, "-m", "extractor", "ingest", str(base / "in"), "--db", str(db_path), "--quiet"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    per_doc = {}
    con = sqlite3.connect(base / "reference.db")
    for doc, n in con.execute("select document, count(*) from facts group by document"):
        per_doc[doc] = n
    con.close()
    def count():
        if not db_path.exists():
            return 0
        try:
            c = sqlite3.connect(db_path, timeout=1)
            n = c.execute("select count(*) from documents").fetchone()[0]
            c.close()
            return n
        except sqlite3.Error:
            return 0

    kills = 0
    unkilled = []
    for _ in range(10):
        # kill after a random number of further documents, a few ms into the next
        target = count() + rng.randint(1, 4)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        deadline = time.monotonic() + 60
        while proc.poll() is None and count() < target and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.01))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        else:
            unkilled.append((proc.returncode, proc.stderr.read().decode()[-800:], count(), target))
        proc.wait()
        con = sqlite3.connect(db_path)
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        # no document half-written: each one present has all its facts
        for doc, n in con.execute("select d.id, count(f.id) from documents d left join facts f on f.document = d.id group by d.id"):
            assert n == per_doc.get(doc, 0)
        con.close()
    assert kills == 10, unkilled
    # no worker of a killed ingest outlives it
    time.sleep(2.5)
    left = [pid for pid in os.listdir("/proc") if pid.isdigit() and _cmdline_has(pid, str(db_path))]
    assert not left, f"orphaned ingest workers still running: {left}"
    assert 0 < count() < len(paths)
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    assert snapshot(db_path) == ref


def test_two_workers_equal_one(corpus, tmp_path):
    base, paths, ref = corpus
    db = open_db(tmp_path / "w2.db")
    s = ingest(db, str(tmp_path / "w2.db"), paths, workers=2)
    assert s.documents == len(paths) and not s.failures
    assert snapshot(tmp_path / "w2.db") == ref
    again = ingest(db, str(tmp_path / "w2.db"), paths, workers=2)
    assert again.documents == 0 and again.skipped == len(paths)


def test_shards_merge_idempotently(corpus, tmp_path):
    base, paths, ref = corpus
    half = len(paths) // 2
    s1 = write_shard(paths[:half], tmp_path / "s1.db")
    s2 = write_shard(paths[half:], tmp_path / "s2.db")
    assert not list(tmp_path.glob("*.partial-*"))
    db = open_db(tmp_path / "merged.db")
    assert merge(db, [s1, s2]) == {"merged": len(paths), "skipped": 0}
    assert merge(db, [s1, s2]) == {"merged": 0, "skipped": len(paths)}
    assert snapshot(tmp_path / "merged.db") == ref


@pytest.mark.slow  # ~25 s: starts a local Dask cluster
def test_dask_local_cluster(corpus, tmp_path):
    distributed = pytest.importorskip("distributed", reason="Dask is the optional extra chitieu[dask]")
    from extractor.ingest import ingest_dask

    base, paths, ref = corpus
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster, distributed.Client(cluster) as client:
        shards = ingest_dask(paths, tmp_path / "shards", client=client, partitions=4)
    assert len(shards) == 4
    db = open_db(tmp_path / "dask.db")
    merge(db, shards)
    assert snapshot(tmp_path / "dask.db") == ref
