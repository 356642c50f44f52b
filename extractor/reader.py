"""Reading article files: bytes → document text, exactly as the contract says.

The text of a text article (``.txt`` and any other suffix but ``.html``/``.htm``)
is the file's bytes decoded as UTF-8 (a BOM dropped), then Unicode NFC; the
document id is the sha256 of the bytes.  An HTML page (``.html``/``.htm``) is
decoded the same way and then goes through :mod:`html_input`, whose
extracted text (title, blank line, paragraphs) is the document text and whose
page metadata comes back in :attr:`SourceDocument.meta`.

What is read and what is refused, each refusal a :class:`ReadError` whose
message is one line naming the file and the fix (so ``chitieu ingest`` records
it in ``errors`` and goes on):

- UTF-8, with or without a BOM: read.  UTF-16 or UTF-32 *with* a BOM: decoded
  (the BOM says which; an editor on Windows saves "Unicode" text so).
  NFD text (macOS, some editors): normalised to NFC, and offsets refer to the
  NFC text, like every other document.
- UTF-16 without a BOM: refused with the ``iconv -f UTF-16LE`` fix (it cannot
  be told from binary data with certainty, so it is not guessed).
- Windows-1258 (cp1258, the legacy Vietnamese code page) and any other
  non-UTF-8 bytes: refused with the ``iconv -f CP1258 -t UTF-8`` fix; the
  message names cp1258 when the bytes read as Vietnamese in it, and says
  "damaged" when the file is UTF-8 but for a few bytes.
- Mojibake (UTF-8 text once decoded as Windows-1252/Latin-1 and saved again:
  "Ná»™i" for "Nội"), detected with ftfy: **refused, not fixed**, because
  the contract makes the document text the file's own decoded bytes (a
  silently repaired text would no longer be what the file says, and its
  offsets would trace to nothing a reader of the file sees); the message
  shows a broken word and its repair and gives the fix: ftfy's
  ``fix_encoding``, which repairs the encoding and changes nothing else (the
  ``ftfy`` command would also straighten curly quotes).
- Binary data (NUL and other control bytes, or a PDF/image/archive/Office
  signature), NUL bytes inside text, an empty or whitespace-only file: refused.
- Larger than :data:`MAX_BYTES` (20 MB; an article is rarely above 1 MB):
  refused without reading more than the limit, so a huge file neither fills
  memory nor stalls a batch.
- Not there (deleted or moved between listing and reading), a directory,
  not a regular file (a FIFO would block), permission denied: refused.
"""

from __future__ import annotations

import codecs
import hashlib
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

MAX_BYTES = 20_000_000  # 20 MB


class ReadError(Exception):
    """A file that cannot be read as an article; ``str()`` is a one-line reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = " ".join(reason.split())  # one line, whatever a library said
        super().__init__(f"{path}: {self.reason}")


@dataclass(frozen=True)
class SourceDocument:
    path: str
    sha256: str
    text: str
    size: int
    meta: dict = field(default_factory=dict)  # from the file itself (an HTML page's metadata)


_SIGNATURES = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# letters and tone marks that only Vietnamese text has, as cp1258 decodes them
_VI_CP1258 = set("ăâêôơưđĂÂÊÔƠƯĐ\u0300\u0301\u0303\u0309\u0323")
_SAMPLE = 8192


def _control_share(sample: bytes) -> float:
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl / max(len(sample), 1)


def _utf16_without_bom(sample: bytes) -> str | None:
    """'UTF-16LE'/'UTF-16BE' when NUL bytes sit on one side of the byte pairs."""
    n = len(sample) // 2
    if n < 4:
        return None
    even = sum(1 for i in range(0, 2 * n, 2) if sample[i] == 0) / n
    odd = sum(1 for i in range(1, 2 * n, 2) if sample[i] == 0) / n
    if odd >= 0.25 and even < 0.02:
        return "UTF-16LE"
    if even >= 0.25 and odd < 0.02:
        return "UTF-16BE"
    return None


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> str:
    """The bytes' text (UTF-8, or UTF-16/32 with a BOM), NFC; encoding and
    binary checks only (see the module doc)."""
    if not data.strip():
        raise ReadError(path, "empty file; nothing to extract (remove it or re-download the article)")
    for sig, what in _SIGNATURES:
        if data.startswith(sig):
            raise ReadError(path, f"binary data ({what}), not a text article; remove it from the input or save its text as .txt")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    path,
                    f"starts with a {name} byte-order mark but is not valid {name} (byte {exc.start + len(bom)}); "
                    f"re-save it as UTF-8 (`iconv -f {name} -t UTF-8`) and ingest again",
                ) from None
            return unicodedata.normalize("NFC", text)
    sample = data[:_SAMPLE]
    nul = data.find(b"\x00")
    if nul >= 0:
        utf16 = _utf16_without_bom(sample)
        if utf16:
            raise ReadError(
                path,
                f"looks like {utf16} text without a byte-order mark, not UTF-8; convert it with "
                f"`iconv -f {utf16} -t UTF-8` and ingest again",
            )
        if _control_share(sample) > 0.05:
            raise ReadError(path, "binary data (NUL bytes), not a text article; remove it from the input")
        raise ReadError(
            path,
            f"NUL bytes in the text (first at byte {nul}): a damaged file; re-download it, or strip them with "
            f"`tr -d '\\000'` and ingest again",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(path, _not_utf8_reason(data, exc)) from None
    return unicodedata.normalize("NFC", text)


def _not_utf8_reason(data: bytes, exc: UnicodeDecodeError) -> str:
    at = f"not valid UTF-8 (byte {exc.start})"
    sample = data[: 1 << 20]
    if _control_share(sample[:_SAMPLE]) > 0.05:
        return f"binary data (control bytes, and {at}), not a text article; remove it from the input"
    as_utf8 = sample.decode("utf-8", errors="replace")
    bad = as_utf8.count("\ufffd")
    good = sum(1 for ch in as_utf8 if ord(ch) > 127) - bad
    if good >= 10 * bad:
        return (f"{at}, in otherwise UTF-8 text: a damaged file; re-download it, or drop the bad bytes with "
                f"`iconv -f UTF-8 -t UTF-8 -c` and ingest again")
    as_cp1258 = sample.decode("cp1258", errors="replace")
    vi = sum(1 for ch in as_cp1258 if ch in _VI_CP1258)
    non_ascii = sum(1 for ch in as_cp1258 if ord(ch) > 127)
    if vi >= 3 and vi >= 0.25 * non_ascii:
        return (f"{at}; it reads as Vietnamese in Windows-1258 (cp1258): convert it with "
                f"`iconv -f CP1258 -t UTF-8` and ingest again")
    return f"{at}; convert it with `iconv -f <encoding> -t UTF-8` (e.g. CP1258, UTF-16) and ingest again"


def check_text(text: str, path: str | Path = "<bytes>") -> str:
    """Refuse a decoded text that has nothing in it or is mojibake (ftfy)."""
    if not text.strip():
        raise ReadError(path, "empty file; nothing to extract (remove it or re-download the article)")
    broken = _mojibake(text)
    if broken:
        bad, good = broken
        raise ReadError(
            path,
            f"mojibake: UTF-8 text that was once decoded as Windows-1252/Latin-1 and saved again "
            f"({bad!r} should read {good!r}); repair it with ftfy (installed with chitieu): `python -c 'import sys, "
            f"ftfy; sys.stdout.write(ftfy.fix_encoding(sys.stdin.read()))' < FILE > FIXED.txt`, check it, and "
            f"ingest the repaired file",
        )
    return text


def _mojibake(text: str) -> tuple[str, str] | None:
    """A broken word and its repair when ftfy would re-encode and re-decode the text."""
    from ftfy import fix_encoding, fix_encoding_and_explain
    from ftfy.badness import is_bad

    if not is_bad(text):
        return None
    checked = 0
    for line in text.split("\n"):
        if not is_bad(line):
            continue
        checked += 1
        fixed, steps = fix_encoding_and_explain(line)
        if any(step[0] in ("encode", "decode") for step in steps or ()):
            for word in line.split():
                repaired = fix_encoding(word)
                if repaired != word:
                    return word[:24], repaired[:24]
            return line[:24], fixed[:24]
        if checked >= 50:
            break
    return None


def decode(data: bytes, path: str | Path = "<bytes>") -> str:
    """The document text of a text article's bytes (see the module doc)."""
    return check_text(decode_bytes(data, path), path)


def _read_bytes(path: str | Path) -> bytes:
    p = Path(path)
    if not p.exists():
        from .archive import resolve

        p = resolve(p)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(path, "not a regular file (a pipe, socket or device); pass article files")
        if st.st_size > MAX_BYTES:
            raise ReadError(path, _too_large(st.st_size))
        with open(p, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ReadError(path, "no such file (missing, or deleted or moved since it was listed); check the path and run again") from None
    except IsADirectoryError:
        raise ReadError(path, "is a directory; pass it to `chitieu ingest`, which walks directories") from None
    except PermissionError:
        raise ReadError(path, "permission denied; make the file readable (chmod +r) and run again") from None
    except OSError as exc:
        raise ReadError(path, f"cannot read ({exc.strerror or exc.__class__.__name__}); check the file") from None
    if len(data) > MAX_BYTES:  # it grew after stat
        raise ReadError(path, _too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return (f"too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB): one file should hold "
            f"one article; split it into one file per article")


def read_document(path: str | Path) -> SourceDocument:
    data = _read_bytes(path)
    meta: dict = {}
    if Path(path).suffix.lower() in HTML_SUFFIXES:
        text, meta = read_html(data, path)
    else:
        text = decode(data, path)
    return SourceDocument(str(path), hashlib.sha256(data).hexdigest(), text, len(data), meta)


def read_html(data: bytes, path: str | Path) -> tuple[str, dict]:
    """An HTML page's document text and metadata (:mod:`html_input`), its
    bytes decoded and its text checked as a text article's are."""
    from .html_input import HtmlError, html_to_text

    try:
        text, meta = html_to_text(decode_bytes(data, path))
    except HtmlError as exc:
        raise ReadError(path, exc.reason) from None
    check_text(text, path)
    return text, meta


def iter_paths(paths: list[str | Path]):
    """Yield article files (``.txt``, ``.html``, ``.htm``) from paths and
    directories (recursively), sorted, skipping hidden files and sidecar
    ``.meta.json`` files.  A path given as a file is yielded whatever its suffix."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for q in sorted(p.rglob("*")):
                if q.is_file() and not any(part.startswith(".") for part in q.relative_to(p).parts):
                    if q.suffix.lower() in ARTICLE_SUFFIXES:
                        yield q
        else:
            yield p
