"""Turn an annotator's draft into a gold file: each fact names its text and,
when the text occurs more than once, which occurrence (``"occ": 2``) or a
piece of text it follows (``"after": "…"``); this tool finds the offsets,
fills in the document's sha256, writes ``gold/<part>/<name>.json`` and runs
``chitieu gold check`` on it.  Annotators never type offsets.

    python benchmarks/gold_place.py draft.json --out gold/dev/x.json

Draft: ``{"doc": "../shared/corpus/…", "meta": {…}, "facts": [{"kind": …,
"text": …, "occ"?: n, "after"?: "…", …fields}]}``."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.archive import resolve  # noqa: E402
from extractor.gold import check_file  # noqa: E402
from extractor.reader import decode  # noqa: E402


def place(draft: dict, text: str) -> tuple[list[dict], list[str]]:
    facts, problems = [], []
    for i, f in enumerate(draft["facts"]):
        f = dict(f)
        occ = int(f.pop("occ", 1))
        after = f.pop("after", None)
        frm = 0
        if after is not None:
            a = text.find(after)
            if a < 0:
                problems.append(f"fact {i} {f.get('text')!r}: 'after' text {after!r} not in the document")
                continue
            frm = a + len(after) if f["text"] not in after else a
        pos = frm - 1
        for _ in range(occ):
            pos = text.find(f["text"], pos + 1)
            if pos < 0:
                break
        if pos < 0:
            problems.append(f"fact {i} {f.get('text')!r}: occurrence {occ} not found")
            continue
        f["start"], f["end"] = pos, pos + len(f["text"])
        facts.append({"kind": f.pop("kind"), "start": f.pop("start"), "end": f.pop("end"), "text": f.pop("text"), **f})
    facts.sort(key=lambda f: (f["start"], f["end"]))
    return facts, problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("draft", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    draft = json.loads(a.draft.read_text(encoding="utf-8"))
    data = resolve(ROOT / draft["doc"]).read_bytes()
    text = decode(data, draft["doc"])
    facts, problems = place(draft, text)
    gold = {"doc": draft["doc"], "sha256": hashlib.sha256(data).hexdigest(), "meta": draft["meta"], "facts": facts}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    problems += check_file(a.out, ROOT)
    for p in problems:
        print(p)
    print(f"{a.out}: {len(facts)} facts, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
