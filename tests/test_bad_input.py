"""Bad input: every file that cannot be an article gives a one-line reason
naming the file and the fix (in the `errors` table under `chitieu ingest`,
and the batch goes on); the encodings that can be read without guessing
(UTF-16/32 with a BOM, NFD) are read.  Then property tests: random and
mutated article text never crashes the extractor, and every fact it gives is
well-formed and traces to its text."""

import codecs
import hashlib
import json
import math
import os
import sqlite3
import time
import unicodedata

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import reader
from extractor.cli import cli
from extractor.models import ALL_KINDS, FactAdapter
from extractor.pipeline import extract_text
from extractor.reader import MAX_BYTES, ReadError, decode, read_document

ARTICLE = (
    "Xã Tam Hưng giảm 12 hộ nghèo\n\n"
    "Hoàng Sơn| 07/03/2023 21:01\n\n"
    "(NSHN) - Chiều 7-3, UBND xã Tam Hưng, huyện Thanh Oai tổng kết Chương trình số 08-CTr/TU giai đoạn 2021-2025. "
    "Toàn xã còn 45 hộ nghèo, chiếm 0,084%; số hộ cận nghèo là 1.950 hộ, chiếm 2,06%.\n\n"
    "Năm 2022, xã giải quyết việc làm cho 8.623 lao động, đạt 132,06% chỉ tiêu giao; kinh phí hỗ trợ 20.990 tỷ đồng; "
    "tỷ lệ bao phủ bảo hiểm y tế đạt từ 90 đến 92,5%, 16/27 chỉ tiêu hoàn thành.\n\n"
    "Chủ tịch UBND xã Nguyễn Văn Minh cho biết, 6 tháng đầu năm 2023 có khoảng 300 triệu đồng “hỗ trợ” hộ khó khăn.\n"
)
UTF8 = ARTICLE.encode("utf-8")


def _cp1258(s: str) -> bytes:
    """Vietnamese in Windows-1258: base letters with their vowel marks, tone marks apart."""
    out = bytearray()
    for ch in s:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            vowel = "".join(m for m in d[1:] if m in "\u0302\u0306\u031b")
            tone = "".join(m for m in d[1:] if m not in "\u0302\u0306\u031b")
            out += unicodedata.normalize("NFC", d[0] + vowel).encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def _mojibake(s: str, codec: str) -> bytes:
    """UTF-8 text read as a single-byte code page and saved again as UTF-8."""
    return s.encode("utf-8").decode(codec).encode("utf-8")


NO_ARTICLE_HTML = (
    "<html><head><title>Trang chủ</title></head><body><nav><a href='/'>Trang chủ</a><a href='/xa-hoi'>Xã hội</a>"
    "</nav><footer><p>Địa chỉ: 44 Lê Thái Tổ. Điện thoại: 024 3825 3067</p></footer></body></html>"
).encode()

# name → (bytes, words the one-line reason must contain; None: read correctly)
CASES = {
    "binary.txt": (bytes(range(256)) * 20, ["binary", "remove it"]),
    "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, ["binary", "PNG image"]),
    "report.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", ["binary", "PDF"]),
    "invalid_utf8.txt": (UTF8[:200] + b" \xff\xfe\xc3( " + UTF8[200:260], ["not valid UTF-8", "iconv"]),
    "damaged_utf8.txt": (UTF8 + b"\xff" + UTF8, ["not valid UTF-8", "damaged", "iconv -f UTF-8 -t UTF-8 -c"]),
    "utf16_bom.txt": (ARTICLE.encode("utf-16"), None),
    "utf16be_bom.txt": (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), None),
    "utf32_bom.txt": (ARTICLE.encode("utf-32"), None),
    "utf8_bom.txt": (codecs.BOM_UTF8 + UTF8, None),
    "utf16le_no_bom.txt": (ARTICLE.encode("utf-16-le"), ["UTF-16LE", "without a byte-order mark", "iconv -f UTF-16LE -t UTF-8"]),
    "utf16be_no_bom.txt": (ARTICLE.encode("utf-16-be"), ["UTF-16BE", "iconv -f UTF-16BE -t UTF-8"]),
    "cp1258.txt": (_cp1258(ARTICLE), ["not valid UTF-8", "Windows-1258", "iconv -f CP1258 -t UTF-8"]),
    "nfd.txt": (unicodedata.normalize("NFD", ARTICLE).encode("utf-8"), None),
    "mojibake_1252.txt": (_mojibake(ARTICLE, "sloppy-windows-1252"), ["mojibake", "('XÃ£' should read 'Xã')", "ftfy.fix_encoding"]),
    "mojibake_latin1.txt": (_mojibake(ARTICLE, "latin-1"), ["mojibake", "ftfy.fix_encoding"]),
    "nul_bytes.txt": (UTF8[:120] + b"\x00\x00" + UTF8[120:], ["NUL bytes", "byte 120", "tr -d"]),
    "empty.txt": (b"", ["empty file"]),
    "blank.txt": (b" \n\n\t \r\n", ["empty file"]),
    "bom_only.txt": (codecs.BOM_UTF8 + b"\n", ["empty file"]),
    "no_article.html": (NO_ARTICLE_HTML, ["no article text", ".txt file"]),
    "empty_page.htm": (b"<html><body></body></html>", ["no article text"]),
    "cp1258_page.html": (b"<html><body><p>" + _cp1258("Toàn xã còn 45 hộ nghèo, chiếm 0,084% dân số.") + b"</p></body></html>",
                         ["Windows-1258", "iconv -f CP1258"]),
}


def _one_line(reason: str) -> bool:
    return "\n" not in reason and "\r" not in reason and 0 < len(reason) < 400


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_input(tmp_path, name):
    data, expect = CASES[name]
    p = tmp_path / name
    p.write_bytes(data)
    if expect is None:
        src = read_document(p)
        assert src.text == ARTICLE  # decoded, NFC: the same text as the UTF-8 file
        assert src.sha256 == hashlib.sha256(data).hexdigest()
        return
    with pytest.raises(ReadError) as e:
        read_document(p)
    msg = str(e.value)
    assert msg.startswith(f"{p}: ") and _one_line(msg)
    for word in expect:
        assert word in msg, msg


def test_nfd_offsets_point_into_the_nfc_text(tmp_path):
    p = tmp_path / "nfd.txt"
    p.write_bytes(unicodedata.normalize("NFD", ARTICLE).encode("utf-8"))
    res = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(p)])
    assert res.exit_code == 0, res.output
    facts = [json.loads(x) for x in res.output.splitlines()][1:]
    nfc = unicodedata.normalize("NFC", ARTICLE)
    assert {"45 hộ", "0,084%", "1.950 hộ", "20.990 tỷ đồng"} <= {f["text"] for f in facts}
    for f in facts:
        assert nfc[f["start"] : f["end"]] == f["text"] and unicodedata.is_normalized("NFC", f["text"])


def test_mojibake_is_reported_and_the_suggested_repair_works(tmp_path):
    broken = _mojibake(ARTICLE, "sloppy-windows-1252")
    with pytest.raises(ReadError):
        decode(broken, "x.txt")
    # what the message tells the analyst to run: ftfy's fix_encoding, nothing else changed (quotes stay curly)
    assert ftfy.fix_encoding(broken.decode("utf-8")) == ARTICLE
    # and correct Vietnamese is never taken for mojibake
    assert decode(UTF8) == ARTICLE


def test_a_batch_of_bad_files_is_recorded_and_goes_on(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name, (data, _) in CASES.items():
        (d / name).write_bytes(data)
    (d / "good.txt").write_bytes(UTF8)
    db = tmp_path / "c.db"
    res = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--quiet"])
    bad = {n for n, (_, expect) in CASES.items() if expect is not None}
    assert res.exit_code == len(bad), res.output
    con = sqlite3.connect(db)
    reasons = {os.path.basename(p): r for p, r in con.execute("select path, reason from errors")}
    assert set(reasons) == bad
    for name, reason in reasons.items():
        assert _one_line(reason)
        for word in CASES[name][1]:
            assert word in reason, (name, reason)
    # each error is printed on one line naming the file
    printed = [ln for ln in res.output.splitlines() if ln.startswith("error ")]
    assert len(printed) == len(bad)
    for name in bad:
        assert any(f"{d / name}: " in ln for ln in printed), name
    # what can be read was read; identical texts from different bytes are different documents
    docs = {os.path.basename(p) for (p,) in con.execute("select path from documents")}
    assert docs == {"good.txt"} | {n for n, (_, e) in CASES.items() if e is None}
    texts = {t for (t,) in con.execute("select text from documents")}
    assert texts == {ARTICLE}


def test_too_large_file_is_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.txt"
    block = (ARTICLE * 200).encode("utf-8")
    with open(p, "wb") as f:
        while f.tell() < 50_000_000:
            f.write(block)
    assert p.stat().st_size > MAX_BYTES
    t = time.perf_counter()
    res = CliRunner().invoke(cli, ["ingest", str(p), str(tmp_path / "none.txt"), "--db", str(tmp_path / "c.db"), "--quiet"])
    assert time.perf_counter() - t < 10
    assert res.exit_code == 2, res.output
    reasons = dict(sqlite3.connect(tmp_path / "c.db").execute("select path, reason from errors").fetchall())
    assert "too large (50.1 MB; the limit is 20 MB)" in reasons[str(p)] and "split it" in reasons[str(p)]


def test_read_is_bounded_even_when_the_size_lies(tmp_path, monkeypatch):
    p = tmp_path / "growing.txt"
    p.write_bytes(UTF8 * 10)
    monkeypatch.setattr(reader, "MAX_BYTES", len(UTF8) * 3)
    with pytest.raises(ReadError, match="too large"):
        read_document(p)


def test_file_vanishing_mid_run(tmp_path, monkeypatch):
    d = tmp_path / "in"
    d.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (d / name).write_text(ARTICLE.replace("45 hộ", f"{len(name) + ord(name[0])} hộ"), encoding="utf-8")
    listed = reader.iter_paths
    calls = []

    def list_then_delete(paths):
        # ingest walks the paths twice: once to count them, once to stream them;
        # on the second walk b.txt is listed and then gone before it is read
        calls.append(1)
        for f in listed(paths):
            if len(calls) == 2 and f.name == "b.txt":
                f.unlink()
            yield f

    monkeypatch.setattr(reader, "iter_paths", list_then_delete)
    db = tmp_path / "c.db"
    res = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--quiet"])
    assert res.exit_code == 1, res.output
    con = sqlite3.connect(db)
    (path, reason), = con.execute("select path, reason from errors").fetchall()
    assert path == str(d / "b.txt") and "no such file" in reason and "deleted or moved" in reason
    assert con.execute("select count(*) from documents").fetchone()[0] == 2


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="running as root: chmod 000 does not deny root, so the file would be read "
                           "(test_permission_denied_simulated covers the same path)")
def test_permission_denied(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_bytes(UTF8)
    p.chmod(0)
    try:
        with pytest.raises(ReadError, match=r"permission denied; make the file readable \(chmod \+r\)"):
            read_document(p)
    finally:
        p.chmod(0o644)


def test_permission_denied_simulated(tmp_path, monkeypatch):
    p = tmp_path / "secret.txt"
    p.write_bytes(UTF8)

    def denied(*a, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reader, "open", denied, raising=False)
    with pytest.raises(ReadError) as e:
        read_document(p)
    assert str(e.value) == f"{p}: permission denied; make the file readable (chmod +r) and run again"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_not_waited_on(tmp_path):
    p = tmp_path / "pipe.txt"
    os.mkfifo(p)
    with pytest.raises(ReadError, match="not a regular file"):
        read_document(p)


def test_a_directory_and_a_missing_file(tmp_path):
    with pytest.raises(ReadError, match="is a directory"):
        read_document(tmp_path)
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "none.txt")


def test_a_crash_in_the_extractor_is_recorded_and_the_batch_goes_on(tmp_path, monkeypatch):
    from extractor import pipeline

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes(UTF8)
    (d / "b.txt").write_text(ARTICLE.replace("45 hộ", "46 hộ"), encoding="utf-8")
    real = pipeline.extract_text

    def flaky(text, sidecar=None, doc=None):
        if doc.endswith("a.txt"):
            raise KeyError("boom\nsecond line")
        return real(text, sidecar=sidecar, doc=doc)

    monkeypatch.setattr(pipeline, "extract_text", flaky)
    db = tmp_path / "c.db"
    res = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--quiet"])
    assert res.exit_code == 1
    con = sqlite3.connect(db)
    (reason,) = con.execute("select reason from errors").fetchone()
    assert _one_line(reason) and "KeyError" in reason and "report it" in reason
    assert con.execute("select count(*) from documents").fetchone()[0] == 1


@pytest.mark.parametrize("line", [
    "45{ws}hộ", "hơn 45{ws}tỷ", "từ 3{ws}%", "6,71 giường bệnh/1{ws}dân", "Bình luận{ws}x", "Tin khác{ws}x",
])
def test_long_whitespace_runs_do_not_stall(line):
    """A padded line (a bad scrape) once made rules with `\\s*X?\\s*` backtrack
    quadratically: 50,000 spaces took seconds, 200,000 minutes."""
    _check_invariants("Tiêu đề\n\n" + line.format(ws=" ") + "\n")  # warm the caches (gazetteer, rules)
    text = "Tiêu đề\n\n" + line.format(ws=" " * 50_000) + "\n"
    t = time.perf_counter()
    _check_invariants(text)
    assert time.perf_counter() - t < 2


# ---- property tests -------------------------------------------------------------

PROPS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_NOISE = st.text(
    st.sampled_from(list("0123456789.,/-%:;()“” \n\t\r\u00a0hộnghèotỷtriệuđồngnămthángquýIIgiaiđoạnđếntừxã")
                    + ["\u0300", "\u0323", "\ufeff", "\u2028", "\x0b"]),
    max_size=8,
)


@st.composite
def mutated_article(draw):
    """The article with a few random insertions, deletions, duplications and replacements."""
    s = ARTICLE
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "replace"]))
        i = draw(st.integers(0, len(s)))
        j = draw(st.integers(i, min(len(s), i + 30)))
        if op == "insert":
            s = s[:i] + draw(_NOISE) + s[i:]
        elif op == "delete":
            s = s[:i] + s[j:]
        elif op == "duplicate":
            s = s[:i] + s[i:j] + s[i:]
        else:
            s = s[:i] + draw(_NOISE) + s[j:]
    return s


def _check_invariants(text: str) -> None:
    ex = extract_text(text)
    assert ex.text == text
    for f in ex.facts:
        FactAdapter.validate_python(f)
        assert f["kind"] in ALL_KINDS
        assert 0 <= f["start"] < f["end"] <= len(text)
        assert text[f["start"] : f["end"]] == f["text"]
        for k in ("value", "numerator", "denominator"):
            if isinstance(f.get(k), (int, float)):
                assert math.isfinite(f[k]), f


@PROPS
@given(mutated_article())
def test_property_mutated_article(text):
    _check_invariants(text)


@PROPS
@given(st.one_of(st.text(max_size=200), st.lists(_NOISE, max_size=30).map("".join)))
def test_property_random_text(text):
    _check_invariants(text)


@PROPS
@given(st.data())
def test_property_mutated_bytes(data):
    """Damaged bytes are either read (then extracted with the invariants) or
    refused with a one-line reason; nothing else."""
    b = bytearray(UTF8)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(b) - 1))
        op = data.draw(st.sampled_from(["flip", "nul", "cut", "bom"]))
        if op == "flip":
            b[i] = data.draw(st.integers(0, 255))
        elif op == "nul":
            b.insert(i, 0)
        elif op == "cut":
            del b[i : i + data.draw(st.integers(1, 5))]
        else:
            b[:0] = data.draw(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]))
    try:
        text = decode(bytes(b), "x.txt")
    except ReadError as e:
        assert str(e).startswith("x.txt: ") and _one_line(str(e))
        return
    assert unicodedata.is_normalized("NFC", text)
    _check_invariants(text)
