"""Articles inside a tarball, addressed as a path through it:
``../shared/corpus/dantri-2020.tar.gz/dantri/news_business_001.txt``.

The development gold names its documents this way, so the article texts stay
in the shared corpus and are never copied into the repository.  A tarball is
unpacked once into a per-user cache folder keyed by its size and mtime (a
gzip stream has no random access; unpacking 139 MB takes about two seconds,
reading members one by one would take that per member), atomically, so two
processes unpacking at once both end with a complete folder."""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
from pathlib import Path

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar")


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "chitieu" / "archives"


def split_archive_path(path: str | Path) -> tuple[Path, str] | None:
    """``(tarball, member)`` when a leading part of ``path`` is a tarball file."""
    parts = Path(path).parts
    for i in range(len(parts) - 1, 0, -1):
        head = Path(*parts[:i])
        if head.name.endswith(ARCHIVE_SUFFIXES) and head.is_file():
            return head, "/".join(parts[i:])
    return None


def unpacked(tarball: Path) -> Path:
    """The folder holding the tarball's members, unpacked on first use."""
    st = tarball.stat()
    dest = cache_root() / f"{tarball.name}-{st.st_size}-{st.st_mtime_ns}"
    if dest.is_dir():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=dest.name + ".partial-", dir=dest.parent))
    try:
        with tarfile.open(tarball) as tf:
            tf.extractall(tmp, filter="data")
        try:
            os.rename(tmp, dest)
        except OSError:  # another process finished first
            if not dest.is_dir():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return dest


def resolve(path: str | Path) -> Path:
    """A real file for ``path``: itself, or the unpacked member it names."""
    p = Path(path)
    if p.exists():
        return p
    hit = split_archive_path(p)
    if hit is None:
        return p
    tarball, member = hit
    return unpacked(tarball) / member
