"""Article metadata (title, publication time, author, source tag) from the
layout's header lines and the article region found by :mod:`boilerplate`."""

from __future__ import annotations

import json
from pathlib import Path

from .boilerplate import Article
from .models import Meta


def _published(h: dict[str, str]) -> str | None:
    try:
        y, m, d = int(h["year"]), int(h["month"]), int(h["day"])
    except (KeyError, ValueError):
        return None
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    out = f"{y:04d}-{m:02d}-{d:02d}"
    if "hour" in h and "minute" in h:
        out += f"T{int(h['hour']):02d}:{int(h['minute']):02d}"
    return out


def meta_of(text: str, art: Article) -> Meta:
    h = art.header
    author = h.get("author")
    if author is None and art.author:
        author = text[art.author[0] : art.author[1]]
    return Meta(
        title=text[art.title[0] : art.title[1]].strip() if art.title else None,
        published=_published(h),
        author=author.strip() if author else None,
        source=text[art.source[0] : art.source[1]] if art.source else None,
    )


SIDECAR_FIELDS = ("title", "published", "author", "source", "url")


def sidecar_for(path: str | Path) -> Path:
    p = Path(path)
    return p.with_name(p.stem + ".meta.json")


def read_sidecar(path: str | Path) -> dict:
    """``article.meta.json`` beside ``article.txt``: its fields win over the text's."""
    sc = sidecar_for(path)
    try:
        if not sc.is_file():
            return {}
    except OSError:  # a name too long for a sidecar beside it (File name too long): none can exist
        return {}
    try:
        data = json.loads(sc.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{sc}: not a readable JSON object ({exc.__class__.__name__}); fix or remove it") from None
    if not isinstance(data, dict):
        raise ValueError(f"{sc}: must be a JSON object with title/published/author/source/url; fix it")
    unknown = set(data) - set(SIDECAR_FIELDS)
    if unknown:
        raise ValueError(f"{sc}: unknown field(s) {sorted(unknown)}; allowed: {', '.join(SIDECAR_FIELDS)}")
    return {k: v for k, v in data.items() if v is not None}
