"""``chitieu gold check``: every gold file validated against the contract —
schema (pydantic, ``extra="forbid"``), ``text == doc_text[start:end]``, NFC,
the document's sha256, no duplicate facts, known kinds and indicator keys.
One line per problem, naming the file and the fact."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path

from pydantic import ValidationError

from .archive import resolve
from .models import GoldFile
from .reader import ReadError, decode


def _where(i: int, f: dict) -> str:
    return f"fact {i} ({f.get('kind')} {f.get('text')!r})"


def check_file(path: Path, root: Path) -> list[str]:
    problems: list[str] = []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{path}: not readable JSON ({exc.__class__.__name__}); fix the file"]
    try:
        gold = GoldFile.model_validate(raw)
    except ValidationError as exc:
        for e in exc.errors():
            loc = e["loc"]
            if len(loc) >= 2 and loc[0] == "facts" and isinstance(loc[1], int):
                f = raw["facts"][loc[1]]
                problems.append(f"{path}: {_where(loc[1], f)}: {'.'.join(map(str, loc[2:]))}: {e['msg']}")
            else:
                problems.append(f"{path}: {'.'.join(map(str, loc))}: {e['msg']}")
        return problems
    doc_path = resolve(root / gold.doc)
    try:
        data = doc_path.read_bytes()
        text = decode(data, doc_path)
    except (OSError, ReadError) as exc:
        return [f"{path}: document {gold.doc}: {exc}"]
    if hashlib.sha256(data).hexdigest() != gold.sha256:
        problems.append(f"{path}: sha256 does not match {gold.doc}; the document changed, re-annotate or fix the hash")
    seen = set()
    for i, f in enumerate(raw["facts"]):
        s, e, t = f["start"], f["end"], f["text"]
        if not unicodedata.is_normalized("NFC", t):
            problems.append(f"{path}: {_where(i, f)}: text is not NFC")
        if text[s:e] != t:
            problems.append(f"{path}: {_where(i, f)}: offsets {s}-{e} hold {text[s:e]!r}, not the text")
        key = json.dumps(dict(f.items()), sort_keys=True, ensure_ascii=False)
        if key in seen:
            problems.append(f"{path}: {_where(i, f)}: duplicate fact")
        seen.add(key)
    for kind, keyf in (("person", "name"), ("document", "ref"), ("area", ("name", "level"))):
        keys = [tuple(f[k] for k in keyf) if isinstance(keyf, tuple) else f[keyf] for f in raw["facts"] if f["kind"] == kind]
        for k in {k for k in keys if keys.count(k) > 1}:
            problems.append(f"{path}: {kind} {k!r} annotated more than once (once per document)")
    return problems


def check_dir(gold_dir: Path, root: Path) -> tuple[list[str], int]:
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        return [f"{gold_dir}: no gold files (*.json)"], 0
    problems = []
    for p in files:
        problems += check_file(p, root)
    return problems, len(files)
