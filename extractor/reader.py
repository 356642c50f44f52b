"""Reading article files: bytes → document text, exactly as the contract says.

The text is the file's bytes decoded as UTF-8 (a BOM dropped), then Unicode
NFC; the document id is the sha256 of the bytes.  Anything else (binary data,
another encoding, an empty file) is a :class:`ReadError` whose message is one
line naming the file and the fix.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = (".txt",)


class ReadError(Exception):
    """A file that cannot be read as an article; ``str()`` is a one-line reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class SourceDocument:
    path: str
    sha256: str
    text: str
    size: int


def decode(data: bytes, path: str | Path = "<bytes>") -> str:
    if not data.strip():
        raise ReadError(path, "empty file; nothing to extract (remove it or re-download the article)")
    if b"\x00" in data[:4096]:
        raise ReadError(path, "binary data (NUL bytes), not a text article; remove it from the input")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            path,
            f"not valid UTF-8 (byte {exc.start}); convert it with "
            f"`iconv -f <encoding> -t UTF-8` and ingest again",
        ) from None
    return unicodedata.normalize("NFC", text)


def read_document(path: str | Path) -> SourceDocument:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError(path, "no such file; check the path") from None
    except IsADirectoryError:
        raise ReadError(path, "is a directory; pass it to `chitieu ingest`, which walks directories") from None
    except PermissionError:
        raise ReadError(path, "permission denied; make the file readable (chmod +r)") from None
    except OSError as exc:
        raise ReadError(path, f"cannot read ({exc.strerror}); check the file") from None
    text = decode(data, path)
    return SourceDocument(str(path), hashlib.sha256(data).hexdigest(), text, len(data))


def iter_paths(paths: list[str | Path]):
    """Yield article files from paths and directories (recursively), sorted,
    skipping hidden files and sidecar ``.meta.json`` files."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for q in sorted(p.rglob("*")):
                if q.is_file() and not any(part.startswith(".") for part in q.relative_to(p).parts):
                    if q.suffix.lower() in TEXT_SUFFIXES:
                        yield q
        else:
            yield p
