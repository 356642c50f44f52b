"""``document`` facts: numbered legal and party documents cited by the article
(symbol grammar, type and date; ``rules/documents.yaml``), once per document."""

from __future__ import annotations

from functools import lru_cache

import regex
from pydantic import BaseModel, ConfigDict

from .rules import expand, load_model, macros
from .sentences import Sentence


class DocumentRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    types: list[str]
    abbreviations: dict[str, str]
    examples: list[dict] = []


@lru_cache(maxsize=1)
def _compiled():
    r = load_model("documents.yaml", DocumentRules)
    types = "|".join(regex.escape(t) for t in sorted(r.types, key=len, reverse=True))
    rx = regex.compile(
        rf"(?:(?P<type>{types})\s+(?:số\s+|hành động số\s+)?)?(?P<ref>{expand('{DOCREF}', macros())})",
        regex.IGNORECASE,
    )
    return rx, r.abbreviations


def normalize_ref(ref: str) -> str:
    """Spaces removed, "TƯ" written "TW": "04- CTr/QU" → "04-CTr/QU"."""
    ref = regex.sub(r"\s+", "", ref)
    return regex.sub(r"(?<![\p{L}])TƯ(?![\p{L}])", "TW", ref)


def _type_from_symbol(ref: str, abbreviations: dict[str, str]) -> str | None:
    parts = regex.split(r"[-/]", ref)
    for p in parts[1:]:
        if p in abbreviations:
            return abbreviations[p]
    return None


_ISSUE = regex.compile(r"ban hành|ký|thông qua|công bố", regex.IGNORECASE)


def extract(text: str, sents: list[Sentence], published: str | None, facts: list[dict]) -> list[dict]:
    rx, abbrev = _compiled()
    dates = [f for f in facts if f["kind"] == "date" and f.get("value")]
    found: dict[str, dict] = {}
    for s in sents:
        for m in rx.finditer(text, s.start, s.end):
            ref = normalize_ref(m.group("ref"))
            written_type = m.group("type")
            date = None
            after = [d for d in dates if m.end() <= d["start"] <= m.end() + 4 and text[m.end() : d["start"]].strip(" ,") == ""]
            after += [d for d in dates if d["start"] > m.end() and regex.fullmatch(r"[\s,]*(?:ngày)?\s*", text[m.end() : d["start"]], regex.I)]
            if after:
                date = after[0]["value"]
            else:
                issued = [d for d in dates if s.start <= d["start"] < m.start() and _ISSUE.search(text, d["end"], m.start())]
                if issued:
                    date = issued[-1]["value"]
            f = found.get(ref)
            if f is None:
                found[ref] = {
                    "kind": "document",
                    "start": m.start(),
                    "end": m.end(),
                    "text": text[m.start() : m.end()],
                    "ref": ref,
                    "doc_type": written_type or _type_from_symbol(ref, abbrev),
                    "date": date,
                    "rule_id": "document.symbol",
                    "_sent": s.index,
                }
            else:
                if f["date"] is None and date:
                    f["date"] = date
                if written_type and f["doc_type"] is None:
                    f["doc_type"] = written_type
    return list(found.values())
