"""``document`` facts: numbered legal and party documents cited by the article
(symbol grammar, type and date; ``rules/documents.yaml``), once per document.

The symbol is "number[/year]-or/ABBREVIATION[-/ISSUER…]" ("42-NQ/TW",
"70/2017/NĐ-CP", "2059/QĐ-UBND", "04- CTr/QU", "80/2015/QH13"). The type is
the one written before it (a listed type word, optionally followed by a few
lowercase words and "số": "Giấy phép xây dựng số …"), else the one the
symbol's abbreviation names, else "Công văn" for a symbol made only of the
issuer's abbreviations ("573/TTg-KTN": the form of an official letter). The
date is a "ngày …" right after the symbol (also "ban hành ngày …"), or the
date of the sentence that issues it.
"""

from __future__ import annotations


import regex
from pydantic import BaseModel, ConfigDict

from .cache import disk_cached
from .draft import Draft
from .sentences import Sentence
from .rules import alternation, load_model

# precompiled: a call such as regex.sub(literal, …) looks its pattern up in regex's cache every time
_SPACES = regex.compile(r"\s+")
_REF_SEP = regex.compile(r"[-/]")
_TRAILING_DIGITS = regex.compile(r"\d+$")


class DocumentRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    symbol: str
    needs: str | None = None
    types: list[str]
    abbreviations: dict[str, str]
    letter_type: str | None = None
    number_words: list[str]
    issue_words: list[str]
    date_link: str
    symbol_spellings: dict[str, str]
    examples: list[dict] = []


@disk_cached
def _compiled():
    r = load_model("documents.yaml", DocumentRules)
    types = "|".join(regex.escape(t) for t in sorted(r.types, key=len, reverse=True))
    # type words in any case; at most four lowercase words between the type and "số"
    number = alternation(r.number_words)
    rx = regex.compile(
        rf"(?:(?P<type>(?i:{types}))(?:(?:[ \t]+\p{{Ll}}+){{1,4}}?[ \t]+(?:{number})|[ \t]+(?i:{number}))?[ \t]*:?[ \t]*)?"
        rf"(?P<ref>{r.symbol})"
    )
    return rx, r, regex.compile(r.needs) if r.needs else None


@disk_cached
def _links() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    """(issue words, the link between a symbol and its date, symbol spellings) of rules/documents.yaml."""
    r = _compiled()[1]
    issue = regex.compile(alternation(r.issue_words), regex.IGNORECASE)
    spelling = regex.compile(r"(?<![\p{L}])(?:" + alternation(r.symbol_spellings) + r")(?![\p{L}])")
    return issue, regex.compile(r.date_link, regex.IGNORECASE), spelling


def normalize_ref(ref: str) -> str:
    """Spaces removed, a spelling of `symbol_spellings` written its usual way
    (an abbreviation with a diacritic, as the YAML lists): "04- CTr/QU" → "04-CTr/QU"."""
    ref = _SPACES.sub("", ref)
    spellings = _compiled()[1].symbol_spellings
    return _links()[2].sub(lambda m: spellings[m.group(0)], ref)


def _type_from_symbol(ref: str, r: DocumentRules) -> str | None:
    parts = [p for p in _REF_SEP.split(ref) if p]
    for p in parts[1:]:
        if p in r.abbreviations:
            return r.abbreviations[p]
        bare = _TRAILING_DIGITS.sub("", p)  # "QH13": the law of a legislature
        if bare != p and bare in r.abbreviations:
            return r.abbreviations[bare]
    if r.letter_type and not any(p.isdigit() and len(p) == 4 for p in parts[1:]):
        return r.letter_type
    return None




def extract(text: str, sents: list[Sentence], published: str | None, facts: list[Draft]) -> list[Draft]:
    rx, r, needs = _compiled()
    issue_rx, date_link, _ = _links()
    dates = [f for f in facts if f.kind == "date" and f.date_value]
    found: dict[str, Draft] = {}
    for s in sents:
        if needs is not None and not needs.search(text, s.start, s.end):
            continue  # no symbol can match here
        for m in rx.finditer(text, s.start, s.end):
            ref = normalize_ref(m.group("ref"))
            written_type = m.group("type")
            date = None
            after = [d for d in dates if d.start >= m.end() and date_link.fullmatch(text, m.end(), d.start)]
            if after:
                date = after[0].date_value
            else:
                issued = [d for d in dates if s.start <= d.start < m.start() and issue_rx.search(text, d.end, m.start())]
                if issued:
                    date = issued[-1].date_value
            f = found.get(ref)
            if f is None:
                found[ref] = Draft(
                    kind="document",
                    start=m.start(),
                    end=m.end(),
                    text=text[m.start() : m.end()],
                    ref=ref,
                    doc_type=written_type or _type_from_symbol(ref, r),
                    date=date,
                    rule_id="document.symbol",
                    sent=s.index,
                    type_written=bool(written_type),
                )
            else:
                if f.date is None and date:
                    f.date = date
                if written_type and not f.type_written:
                    f.doc_type, f.type_written = written_type, True
    return list(found.values())
