"""``person`` facts: officials named next to their positions, once per document
with every title seen beside the name (``rules/persons.yaml``).

A name is a run of capitalised syllables that starts with a Vietnamese
surname (two to four syllables). What the run may carry before the surname is
a place ("… thành phố Hà Nội Nguyễn Ngọc Tuấn"), an honorific ("TS"), the end
of an organisation's name ("Bộ Công Thương Trần …") or a name a school or
street is called after ("Trường THPT Chu Văn An Nguyễn Thị B"); a run that is
a place ("tỉnh Lâm Đồng", "quận Hà Đông", a province, "Hà Lan") or starts an
organisation ("Đoàn Thanh niên", "Mặt trận") is no name. A syllable with a
lowercase word glued to it ("Trọngmong") or the start of a position ("…
Hùng Tổng giám đốc") ends the name.

Titles are the comma-separated positions right before the name (each starts
with a title head; the chain stops at a verb, a quote, another person's name
or a segment without a head) and those after it ("đồng chí X - title, title",
"ông X, title", "X (title)"); a position after a name that runs straight into
the next name is that name's title ("Chủ tịch A, Phó Chủ tịch B"). A name with
no title anywhere in the document is not a fact (residents, patients,
bylines).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex
from pydantic import BaseModel, ConfigDict

from .cache import disk_cached
from .draft import Draft, PersonMention
from .rules import load_model
from .gate import fold, gate, may_match
from .ruleset import per_rules, per_rules_memo
from .sentences import Sentence
from .textnorm import compare_form

# precompiled: a call such as regex.sub(literal, …) looks its pattern up in regex's cache every time
_NONSPACE = regex.compile(r"\S+")
_BLANKS = regex.compile(r"[ \t]+")
_LETTER = regex.compile(r"\p{L}")
_SPACES = regex.compile(r"\s+")
_LOWER_PAREN_END = regex.compile(r"\s*\([^()\p{Lu}]*\)$")
_CAPITALISED = regex.compile(r"\p{Lu}\p{Ll}+")
_FIVE_LOWER = regex.compile(r"(?:\s\p{Ll}+){5}")
_LOWER_PAREN = regex.compile(r"\(\s*\p{Ll}")
_NAME_SEP = regex.compile(r"[ \t]*([-–,(])[ \t]*")
_BLANK_BEFORE_CAP = regex.compile(r"[ \t]+(?=\p{Lu})")


class PersonRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    title_heads: list[str]
    guarded_heads: list[str] = []
    surnames: list[str]
    stop_words: list[str]
    compounds: list[str] = []
    date_starts: list[str] = []
    not_names: list[str]
    honorifics: list[str]
    place_words: list[str] = []
    institution_words: list[str] = []
    head_prefixes: list[str] = []
    ranks: list[str] = []
    object_words: list[str] = []
    foreign_syllable: str = ''
    degrees: list[str] = []
    title_links: list[str] = []
    link_objects: list[str] = []
    company_words: list[str] = []
    org_suffixes: list[str] = []
    apposition_words: list[str] = []
    single_name_heads: list[str] = []
    role_verbs: list[str] = []
    role_agents: list[str] = []
    copulas: list[str] = []
    behalf_words: list[str] = []
    house_number_words: list[str] = []
    name_honorifics: list[str] = []
    and_words: list[str]
    trailing_conjunctions: list[str]
    glued_honorifics: list[str]
    name_particles: list[str]
    not_head_after: dict[str, list[str]] = {}
    comma_phrases: list[str] = []
    remark_leads: list[str] = []
    age_words: list[str] = []
    country_given_names: list[str] = []
    plural_words: list[str] = []
    foreign_work_starts: list[str] = []
    foreign_place_starts: list[str] = []
    vietnamese_syllable: str
    lone_y: str = ''
    examples: list[dict] = []

_SYL = r"\p{Lu}[\p{Ll}\p{M}]*"
# a word of a foreign name: "Kun-hee", "Schulze-Makuch", "al-Ja'afari", "McGraw"; particles
# (``name_particles``: "von der", "bin") may stand between its words
_LATIN_WORD = r"(?:(?:al|el)-)?(?:Ma?c[A-Z][a-z]+|[A-Z][a-z'’]+)(?:-[A-Za-z][a-z'’]+)?"
_QUOTES = "\"“”„«»"
_CLAUSE_MARK = regex.compile(rf"[;:{_QUOTES}]")
# a capitalised name in quotes right after a word ("Hiệp hội “Ánh Sáng”"): part of the position
_QUOTED_NAME = regex.compile(r"(?<=\p{L}[ \t])[“\"«]\p{Lu}[^“”\"«»,;:.!?\n]{0,40}[”\"»]")

# the five tone marks as combining code points (grave, acute, tilde, hook above, dot below)
_TONES = dict.fromkeys((0x300, 0x301, 0x303, 0x309, 0x323))


def _toneless(w: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", w.lower()).translate(_TONES))


@per_rules_memo(16384)
def is_syllable(w: str) -> bool:
    """A Vietnamese syllable ("Nguyễn", "khoa"); not "Roesler", "Trọngmong"."""
    return bool(_compiled().syllable_rx.fullmatch(_toneless(w)))


@per_rules_memo(16384)
def _glued_prefix(w: str) -> int | None:
    """Length of the syllable at the start of a word with a lowercase word glued
    to it ("Trọngmong" → 5), or None."""
    if is_syllable(w) or w.isascii():
        return None  # "City" is no "Cit" with "y" glued to it: a word in Latin letters is a foreign one
    for k in range(len(w) - 1, 0, -1):
        rest = w[k:]
        if rest.islower() and is_syllable(w[:k]) and is_syllable(rest):
            return k
    return None


class _Compiled:
    def __init__(self, r: PersonRules):
        self.rules = r

        def alt(ws):
            return "|".join(regex.escape(w) for w in sorted(ws, key=len, reverse=True)) or "(?!)"

        # a Vietnamese syllable once its tone marks are dropped: onset, vowels, a final consonant
        self.syllable_rx = regex.compile(r.vietnamese_syllable)
        self.lone_y_rx = regex.compile(r.lone_y) if r.lone_y else None
        # a prefix or head that ends a compound starts no position: "chính quyền Tổng thống X" is not
        # "quyền Tổng thống", "đại hội cổ đông" names no shareholder
        not_prefix = "|".join(rf"(?<=(?<![\p{{L}}])(?i:{regex.escape(before)})[ \t]+)(?i:{alt(heads)})(?![\p{{L}}])"
                              for before, heads in r.not_head_after.items()) or "(?!)"
        # heads are matched case-insensitively ("giám đốc Sở", "Phó trưởng ban"),
        # with the prefixes any position may take ("Phó", "Quyền", "nguyên")
        # a guarded head ("ông chủ") is a position only before a capitalised word, a link word or a
        # link object ("ông chủ Chelsea", "ông chủ của đội", "ông chủ hãng X"), never inside a lowercase
        # phrase ("ông chủ tịch xã")
        guarded = (rf"|(?i:{alt(r.guarded_heads)})(?=[ \t]+(?:\p{{Lu}}|(?:{alt(r.title_links + r.link_objects)})(?![\p{{L}}])))"
                   if r.guarded_heads else "")
        self.head_rx = regex.compile(
            rf"(?<![\p{{L}}])(?!{not_prefix})(?i:(?:{alt(r.head_prefixes)})\s+)*(?:(?i:{alt(r.title_heads + r.ranks)})(?![\p{{L}}]){guarded})"
        )
        # the prefixes before a head ("cựu Chủ tịch" is written as a capitalised post)
        self.prefixes_rx = regex.compile(rf"^(?i:(?:{alt(r.head_prefixes)})\s+)+")
        self.trailing_and_rx = regex.compile(rf"(?:\s+(?:{alt(r.trailing_conjunctions)}))+$")
        # "… Chủ nhiệm Chương trìnhđồng chí Trần …": an honorific glued to the word before it ends a title
        # a level word written with a dot ("UBND Tp. Hồ Chí Minh"), the place's name after it
        abbrs = [w for w in r.place_words if w.endswith(".")]
        self.abbr_place_rx = regex.compile(
            rf"(?<=(?<![\p{{L}}])(?:{alt(abbrs)}))[ \t]*(?P<place>\p{{Lu}}[\p{{Ll}}\p{{M}}]*(?:[ \t]+\p{{Lu}}[\p{{Ll}}\p{{M}}]*){{0,3}}|\d{{1,2}}(?!\d))")
        self.title_end_rx = regex.compile(
            rf"[;:{_QUOTES}]|\.(?!\p{{L}})|\s[-–]\s+(?=\p{{Ll}})|(?:{alt(r.glued_honorifics)})\s+\p{{Lu}}|(?<=\p{{Ll}})(?:{alt(r.glued_honorifics)})"
        )
        # (?=[aeA-Z]): the characters a run can start with, so that the scan skips to them (3× faster, same matches)
        self.latin_run_rx = regex.compile(
            rf"(?=[aeA-Z])(?<![\p{{L}}])(?:{_LATIN_WORD})(?:[ \t]+(?:(?:{alt(r.name_particles)})[ \t]+){{0,2}}(?:{_LATIN_WORD}|[A-Z]\.|[A-Z](?=[ \t]+[A-Z][a-z]))){{1,4}}(?![\p{{L}}])"
        )
        self.name_hon_rx = regex.compile(rf"(?<![\p{{L}}])(?:{alt(r.name_honorifics)})[ \t]+$")
        self.name_honorifics_set = frozenset(r.name_honorifics)
        self.comma_phrase_rx = regex.compile(rf"(?<![\p{{L}}])(?i:{alt(r.comma_phrases)})(?![\p{{L}}])")
        # a position, then only lowercase words, right before a run ("Chủ tịch nước Trung Quốc …")
        self.head_end_rx = regex.compile(self.head_rx.pattern + r"(?:[ \t]+\p{Ll}+)*[ \t]+$")
        self.stop_set = frozenset(w.casefold() for w in r.stop_words)
        self.guarded_only_rx = regex.compile(
            rf"(?i:(?:{alt(r.head_prefixes)})\s+)*(?i:{alt(r.guarded_heads)})" if r.guarded_heads else "(?!)")
        # a name, a comma, then a guarded head right before a run ("Ông Charles Kaye, lãnh đạo …")
        self.name_comma_guarded_rx = regex.compile(
            rf"\p{{Lu}}\p{{Ll}}+[ \t]*,[ \t]*(?i:(?:{alt(r.head_prefixes)})\s+)*(?i:{alt(r.guarded_heads)})[ \t]+$"
            if r.guarded_heads else "(?!)")
        self.single_head_end_rx = regex.compile(
            rf"(?<![\p{{L}}])(?i:(?:{alt(r.head_prefixes)})\s+)*(?i:{alt(r.single_name_heads)})[ \t]+$")
        self.rank_rx = regex.compile(rf"(?<![\p{{L}}])(?:{alt(r.ranks)})(?![\p{{L}}])")
        # "Ảnh: Trần Duy Ông Nguyễn Lương Trào": a capitalised "Ông"/"Bà" before a surname starts a new run
        cap_hons = [h for h in r.name_honorifics if h[:1].isupper() and " " not in h]
        self.cap_hon_mid_rx = regex.compile(rf"(?<=[\p{{L}}\p{{N}}][ \t]+)(?:{alt(cap_hons)})(?=[ \t])")
        self.run_rx = regex.compile(
            rf"(?<![\p{{L}}\p{{N}}]){_SYL}(?:[ \t]+(?!(?:{alt(cap_hons)})[ \t]+(?:{alt({w.split()[0] for w in r.surnames})})(?![\p{{L}}])){_SYL})+")
        # "(SN 1954, nguyên Giám đốc …)", "(49 tuổi, Trưởng thôn …)": a birth year or an age before the
        # position in the brackets after a name
        self.remark_lead_rx = regex.compile(
            rf"(?:(?:{alt(r.remark_leads)})[ \t.:]*\d{{4}}|\d{{4}}|\d{{1,3}}[ \t]+(?:{alt(r.age_words)}))[ \t]*,[ \t]*")
        self.country_given = frozenset(r.country_given_names)
        # "ông Hải, Giám đốc …" after "ông Nguyễn Văn Hải": a given name alone after "ông"/"bà"
        one_word_hons = [h for h in r.name_honorifics if " " not in h]
        self.given_rx = regex.compile(
            rf"(?<![\p{{L}}])(?<!\p{{Lu}}[\p{{Ll}}\p{{M}}]*[ \t]+)(?:{alt(one_word_hons)})[ \t]+(?P<w>\p{{Lu}}[\p{{Ll}}\p{{M}}]*)(?![\p{{L}}\p{{N}}.'’-])(?![ \t]+\p{{Lu}})")
        # names that share one position: "các đồng chí A, B, Phó Chủ tịch …", "Hai trợ lý A và B"
        self.name_gap_rx = regex.compile(
            rf"[ \t]*(?:,|(?:{alt(r.and_words)})(?![\p{{L}}]))[ \t]*(?:(?:{alt(r.name_honorifics)})[ \t]+)?")
        self.plural_hon_rx = regex.compile(
            rf"(?<![\p{{L}}])(?:{alt(r.plural_words)})[ \t]+(?:{alt(r.name_honorifics)})[ \t]*:?[ \t]*$")
        self.plural_head_rx = regex.compile(
            rf"(?<![\p{{L}}])(?:{alt(r.plural_words)})[ \t]+(?=(?i:(?:{alt(r.head_prefixes)})\s+)*(?i:{alt(r.title_heads + r.ranks)})(?![\p{{L}}]))")
        # a stop word is a whole lowercase word (an and-word only as stops() says)
        self.and_words = frozenset(r.and_words)
        dates = rf"|(?:{alt(r.date_starts)})(?=[ \t]+\d{{1,2}}[/.-]\d)" if r.date_starts else ""
        self.stop_rx = regex.compile(rf"(?<![\p{{L}}])(?:{alt(set(r.stop_words) | self.and_words)}{dates})(?![\p{{L}}])")
        self.compound_rx = regex.compile(rf"(?<![\p{{L}}])(?i:{alt(r.compounds)})(?![\p{{L}}])")
        self.surnames = {s.split()[0] for s in r.surnames}
        self.honorifics = set(r.honorifics)
        self.object_words = set(r.object_words)
        self.not_names = sorted(r.not_names, key=len, reverse=True)
        self.place_word_rx = regex.compile(rf"(?<![\p{{L}}])((?i:{alt(r.place_words)}))[ \t]*$")
        self.institution_rx = regex.compile(rf"(?<![\p{{L}}])(?:{alt(r.institution_words)})[ \t]+$")
        self.trailing_hon_rx = regex.compile(rf"(?<![\p{{L}}])(?i:{alt(r.honorifics + r.degrees)})[ \t]*$")
        # an academic degree or rank right before a name is a title as written ("TS.", "PGS.TS", "ThS.BS")
        # degrees may be chained with a dot or a hyphen ("TS-BS", "TS. BS"): one title as written
        degree = rf"(?i:{alt(r.degrees)})(?![\p{{L}}])(?:[ \t]*[-–.]?[ \t]*(?i:{alt(r.degrees)})(?![\p{{L}}]))*"
        self.degree_start_rx = regex.compile(rf"{degree}\.?(?![\p{{L}}])")
        self.degree_rx = regex.compile(rf"(?<![\p{{L}}])(?:{degree}\.?)[ \t]*$")
        # "người phát ngôn của Taliban", "nhà kinh tế học tại DBS", "cổ đông lớn nhất của tập đoàn X":
        # a link word inside a position, before a name or an organisation
        self.link_rx = regex.compile(
            rf"(?:{alt(r.title_links)})(?=[ \t]+(?:(?!(?i:(?:{alt(r.head_prefixes)})\s+)*(?i:{alt(r.title_heads)})(?!\p{{L}}))\p{{Lu}}|(?i:{alt(r.link_objects)})[ \t]+\p{{Lu}}))"
        )
        # "Công ty thương mại Hoàng Lan", "Công ty TNHH Minh Phát": lowercase words of the
        # company's kind, never a verb or a function word ("Cửa hàng do Nguyễn Văn A …")
        self.company_rx = regex.compile(
            rf"(?<![\p{{L}}])(?:{alt(r.company_words)})"
            rf"(?:[ \t]+(?!(?:{alt(r.stop_words + r.name_honorifics)})(?!\p{{L}}))(?:\p{{Ll}}+|\p{{Lu}}{{2,}})){{0,4}}[ \t]+$")
        # "X - một nhà kinh tế …", "do X làm Giám đốc"
        self.role_agent_rx = regex.compile(rf"(?<![\p{{L}}])(?:{alt(r.role_agents)})[ \t]+(?:(?:{alt(r.honorifics + r.name_honorifics)})[ \t]+)?$")
        # a house number right before a capitalised run makes it a street ("số 12 Trần Phú", "35B Lê
        # Lợi"); a bare number is not one ("quận 2 Nguyễn Văn A" is the district's official)
        self.house_number_rx = regex.compile(
            rf"(?:(?<![\p{{L}}])(?i:{alt(r.house_number_words)})[ \t]+\d{{1,4}}[A-Z]?|(?<![\p{{L}}\p{{N}}/.,:-])\d{{1,4}}[A-Z])[ \t]+$")
        self.link_end_rx = regex.compile(rf"(?<!\p{{L}})(?:{'|'.join(map(regex.escape, r.title_links))})[ \t]+$")
        self.link_word_rx = regex.compile(rf"(?<![\p{{L}}])(?:{alt(r.title_links)})(?![\p{{L}}])")
        self.apposition_rx = regex.compile(rf"(?:{alt(r.apposition_words)})[ \t]+")
        self.role_verb_rx = regex.compile(rf"[ \t]+(?:{alt(r.role_verbs)})[ \t]+(?=\p{{L}})")
        self.behalf_rx = regex.compile(rf"(?<![\p{{L}}])(?:{alt(r.behalf_words)})(?![\p{{L}}])[^,;]*$")
        self.copula_rx = regex.compile(rf"[ \t]+(?:{alt(r.copulas)})[ \t]+$")
        self.single_head_rx = regex.compile(
            rf"(?<![\p{{L}}])(?i:(?:{alt(r.head_prefixes)})\s+)*(?i:{alt(r.single_name_heads)})(?![\p{{L}}])")
        self.org_suffixes = frozenset(r.org_suffixes)
        self.institution_set = frozenset(w for w in r.institution_words if w[:1].isupper())
        # "Sau", "Trong": the first word of a capitalised stop word ("Sau đó", "Trong khi")
        self.stop_words = frozenset(w.split()[0] for w in r.stop_words if w[:1].isupper())
        self.org_suffix_rx = regex.compile(rf"(?<![\p{{L}}])(?:{alt(r.org_suffixes)})$")
        # "và" joins two organisation names ("Sở Giáo dục và Đào tạo") unless a
        # lowercase word, an honorific or another position follows
        self.and_stop_rx = regex.compile(rf"\s+(?:\p{{Ll}}|(?:{alt(r.honorifics)})(?!\p{{L}})|(?i:(?:{alt(r.head_prefixes)})\s+)*(?i:{alt(r.title_heads + r.ranks)})(?!\p{{L}}))")

    def stops(self, text: str, pos: int, end: int):
        """Stop words in text[pos:end] that are not part of a compound ("dự án", "Thư ký")."""
        covered = [(m.start(), m.end()) for m in self.compound_rx.finditer(text, max(0, pos - 20), min(len(text), end + 20))]
        for m in self.stop_rx.finditer(text, pos, end):
            if any(a <= m.start() < b and m.end() <= b for a, b in covered):
                continue  # inside a compound; a longer stop ("làm việc với") still stops
            if self.link_rx.match(text, m.start()):
                head = None
                for hm in self.head_rx.finditer(text, max(0, m.start() - 60), m.end()):
                    if hm.end() <= m.start():
                        head = hm  # the last one (the bound lets a guarded head see the link after it)
                # "người phát ngôn của Taliban": part of the position; one link per position
                # ("Chủ tịch của Huawei tại Hội nghị …" ends before "tại")
                if head is not None and not self.link_word_rx.search(text, head.end(), m.start()):
                    continue
            if m.group(0) in self.and_words and not self.and_stop_rx.match(text, m.end()):
                continue
            yield m


@disk_cached
def _compiled() -> _Compiled:
    return _Compiled(load_model("persons.yaml", PersonRules))


@per_rules
def _places() -> tuple[frozenset, frozenset]:
    """(every unit name, the province names) of the gazetteer."""
    from .areas import gazetteer

    names = frozenset(name for name, _ in gazetteer())
    provinces = frozenset(u.name for units in gazetteer().values() for u in units if u.parent_code is None)
    return names, provinces


def _names(text: str, s: Sentence):
    """(start, end, name) of person names in the sentence."""
    c = _compiled()
    places, provinces = _places()
    for m in c.run_rx.finditer(text, s.start, s.end):
        words = m.group(0).split()
        starts = [m.start() + mm.start() for mm in _NONSPACE.finditer(m.group(0))]
        # a lowercase word glued to a syllable ends the run there ("Trọngmong")
        for j, w in enumerate(words):
            k = _glued_prefix(w)
            if k is not None:
                words = words[:j] + [w[:k]]
                starts = starts[: j + 1]
                break
        # a position starts inside the run: "… Nguyễn Mạnh Hùng Tổng giám đốc …"
        for j in range(1, len(words)):
            h = c.head_rx.match(text, starts[j])
            if h:
                inside = [k for k in range(j + 1, len(words)) if starts[k] < h.end()]
                if inside and words[inside[-1]] in c.surnames and inside[-1] + 1 < len(words):
                    continue  # "Trung Quốc Vương Nghị": the head's last word starts a name
                words, starts = words[:j], starts[:j]
                break
        end_of = [st + len(w) for st, w in zip(starts, words)]
        # a run right after a level word starts with that unit's name ("tỉnh Đồng Nai")
        first = 0
        pw = c.place_word_rx.search(text, max(s.start, m.start() - 12), m.start())
        if pw:
            level = _level_of_word(pw.group(1))
            for n in range(len(words), 0, -1):
                head = " ".join(words[:n])
                if ((head, level) in _gazetteer_keys()) if level else (head in places):
                    first = n
                    break
            if first == 0 and len(words) == 2 and pw.group(1).casefold() in _level_words():
                continue  # "xã Thạch Tiến" (a unit the gazetteer lacks): a place, not a two-syllable name
        elif c.institution_rx.search(text, max(s.start, m.start() - 20), m.start()):
            first = 2  # "trường THPT Chu Văn An": the institution's name
        elif c.company_rx.search(text, max(s.start, m.start() - 50), m.start()):
            # "Công ty thương mại Hoàng Lan": the company's name; a brand that is no Vietnamese
            # syllable is one word ("Tập đoàn Vingroup Phạm Nhật Vượng")
            first = 1 if len(words) > 2 and not is_syllable(words[0]) else 2
        # an institution's word that starts the run names the institution with the words after it
        # ("… Hiệu trưởng Trường Lương Thế Vinh"; "Trường THPT Chu Văn An Nguyễn Văn B")
        lead = 0
        while lead < len(words) - 1 and words[lead] in c.institution_set:
            lead += 1
        if lead:
            first = max(first, lead + 2)
        if c.house_number_rx.search(text, max(s.start, m.start() - 16), m.start()):
            continue  # "số 35B Trần Phú": a street named after a person
        syllabic = _syllabic_foreign_name(text, s, m.start(), starts, words, end_of, c)
        if syllabic is not None:
            yield syllabic
            continue
        anchored = _anchored_name(text, s, m.start(), starts, words, end_of, c)
        if anchored is not None:
            yield anchored
            continue
        n_words = len(words)
        whole = (words, starts, end_of)
        skip_to = 0
        for i in range(first, n_words):
            words, starts, end_of = whole
            w = words[i]
            if i < skip_to:
                continue
            prov_end = next((j for j in range(i + 2, min(n_words - 2, i + 3) + 1)
                             if " ".join(words[i:j]) in provinces and words[j] in c.surnames and n_words - j <= 4), None)
            if prov_end is not None:
                skip_to = prov_end  # "Sở Y tế Hà Nội Hoàng Đức Hạnh": the province ends the title, a name follows
                continue
            if n_words - i > 4 and w in c.surnames:
                # "Vũ Văn Tám Phạm Anh": two names run together (a byline after a name): the first one
                cut = next((j for j in range(i + 2, i + 5) if words[j] in c.surnames and 2 <= len(words) - j <= 4
                            and " ".join(words[i:j]) not in places and " ".join(words[i:j]) not in c.not_names), None)
                if cut is not None:
                    words, starts, end_of = words[:cut], starts[:cut], end_of[:cut]
            if w not in c.surnames or not 2 <= len(words) - i <= 4:
                continue
            if any(" ".join(words[k : i + 1]) in places for k in range(max(first, skip_to), i)):
                continue  # the surname ends a place: "Quảng Ninh Lê Hồng Thắng"
            if any(text.startswith(ph, starts[k]) and starts[k] + len(ph) > starts[i]
                   for k in range(first, i) for ph in c.not_names):
                break  # the surname is inside a name that is never a person's ("Bồ Đào Nha")
            name_words = _cut_not_names(text, starts, words, i, c)
            if name_words is None:
                break
            name = " ".join(name_words)
            if name in provinces:
                break
            if len(name_words) == 4 and " ".join(name_words[2:]) in provinces:
                continue  # "Hoàng Anh Gia Lai": four words that end with a province name a firm; a name may follow
            if any(w.isascii() and not is_syllable(w) for w in name_words):
                break  # "châu Âu Ursula": a foreign name, read by _foreign_names
            if len(name_words) == 2 and name in places and not (
                    c.name_hon_rx.search(text, max(s.start, starts[i] - 12), starts[i])
                    or c.trailing_hon_rx.search(text, max(s.start, starts[i] - 24), starts[i])):
                break  # "Giám đốc Trung tâm … Lục Ngạn cho biết": a unit's two-syllable name, no honorific before it
            yield starts[i], end_of[i + len(name_words) - 1], name
            break



_CAPS_RUN = regex.compile(r"(?<![\p{L}\p{N}.])\p{Lu}[\p{Lu}\p{M}]*(?:[ \t]+\p{Lu}[\p{Lu}\p{M}]*)+(?![\p{L}\p{N}])")
_WORD_BEFORE = regex.compile(r"(\S+)[ \t]*$")
_DASH_OR_COMMA = regex.compile(r"[ \t]*(?:,|[-–][ \t])[ \t]*")


def _capital_names(text: str, s: Sentence, taken: list[tuple[int, int]]):
    """A name written in capitals ("bà THÁI THỊ TUYẾT DUNG, giảng viên …",
    "đồng chí NGUYỄN VĂN A - Bí thư …"): two to four Vietnamese syllables, the
    first a surname, right after an honorific or a position written in normal
    case, or followed by a position after a comma or a dash; never a headline
    in capitals (a longer run) nor an acronym (no syllable: "UBND")."""
    c = _compiled()
    hon_rx = c.name_hon_rx
    for m in _CAPS_RUN.finditer(text, s.start, s.end):
        words = m.group(0).split()
        if not 2 <= len(words) <= 4 or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if words[0].capitalize() not in c.surnames \
                or not all(is_syllable(w) for w in words):
            continue
        if " ".join(w.capitalize() for w in words) in _places()[0]:
            continue  # "HÀ NỘI", "LÂM ĐỒNG": a place in capitals
        before = text[max(s.start, m.start() - 40):m.start()]
        prev = _WORD_BEFORE.search(before)
        if prev and prev.group(1).isupper() and is_syllable(prev.group(1)):
            continue  # a banner in capitals runs on before the name (an acronym, "UBND", may stand there)
        cue = bool(hon_rx.search(before)) or any(
            not regex.search(r"[,;:.()]", text[h.end():m.start()])
            for h in c.head_rx.finditer(text, max(s.start, m.start() - 60), m.start()))
        if not cue:
            d = _DASH_OR_COMMA.match(text, m.end())
            cue = bool(d and c.head_rx.match(text, d.end()))
        if cue:
            yield m.start(), m.end(), m.group(0)


def _syllabic_foreign_name(text: str, s: Sentence, run_start: int, starts: list[int], words: list[str],
                           end_of: list[int], c: _Compiled) -> tuple[int, int, str] | None:
    """A foreign official's name written in Vietnamese syllables right after a
    position that ends with the country ("Chủ tịch Trung Quốc Tập Cận Bình"):
    the two or three syllables after the country, when the first is no
    Vietnamese surname (the common path reads "Trung Quốc Vương Nghị")."""
    foreign = _all_foreign_places()
    k = next((k for k in (2, 1) if len(words) - k in (2, 3) and " ".join(words[:k]) in foreign), 0)
    if not k:
        return None
    rest = words[k:]
    if all(w.isascii() for w in rest) or _JOINED_NAME.match(text, end_of[-1]):
        return None  # "Tổng thống Hàn Quốc Lee Hae-chan": Latin letters, read by _foreign_names
    if rest[0] in c.surnames or not all(is_syllable(w) for w in rest) \
            or any(w.casefold() in c.stop_set for w in rest) or any(w in _countries() for w in rest):
        return None
    if " ".join(rest) in _places()[0] or " ".join(rest) in foreign:
        return None
    if not c.head_end_rx.search(text, max(s.start, run_start - 60), run_start) \
            or c.company_rx.search(text, max(s.start, run_start - 50), run_start):
        return None  # no position before the country; "giám đốc công ty Trung Quốc Thiên Long": a firm
    return starts[k], end_of[len(words) - 1], " ".join(rest)


def _anchored_name(text: str, s: Sentence, run_start: int, starts: list[int], words: list[str],
                   end_of: list[int], c: _Compiled) -> tuple[int, int, str] | None:
    """A name whose first word is no known surname, read from where it stands:
    the whole run after "ông"/"bà" ("ông Thang Văn Phúc", "ông Ken Hu"), or an
    unmarked run right after a position that takes a bare name ("HLV Tan Cheng
    Hoe"); every word a syllable, no place, no country."""
    i = 0
    if words[0] in c.name_honorifics_set:
        i = 1  # "Ông Thang Văn Phúc" at the start of a sentence
    elif not (c.name_hon_rx.search(text, max(s.start, run_start - 12), run_start)
              or (all(w.isascii() for w in words)
                  and c.single_head_end_rx.search(text, max(s.start, run_start - 40), run_start))):
        return None
    rest = words[i:]
    if not 2 <= len(rest) <= 4 or rest[0] in c.surnames or any(w in c.org_suffixes for w in rest):
        return None
    end = end_of[len(words) - 1]
    if _JOINED_NAME.match(text, end):
        return None  # "Lee Kun-hee": the run goes on as a foreign name
    if not all(is_syllable(w) for w in rest):
        return None
    places, _ = _places()
    if any(" ".join(words[:k]) in places or " ".join(words[:k]) in _all_foreign_places()
           for k in range(2, len(words) + 1)) or any(
               w in _countries() and not (0 < k == len(rest) - 1 and w in c.country_given)
               for k, w in enumerate(rest)):
        return None  # "Bà Rịa", "ông Hàn Quốc …"
    if any(text.startswith(ph, starts[k]) for k in range(i, len(words)) for ph in c.not_names):
        return None
    name = " ".join(rest)
    return starts[i], end, name


def _foreign_names(text: str, s: Sentence, taken: list[tuple[int, int]], known: frozenset = frozenset(),
                   runs: list | None = None):
    """Names in Latin letters that cannot be Vietnamese ("Emmanuel Macron",
    "James Gorman"): at least one word is no Vietnamese syllable."""
    c = _compiled()
    syllable = _syllable_rx(c.rules.foreign_syllable)
    if syllable is None:
        return
    # ``runs``: the sentence's matches of latin_run_rx, when the caller has them already
    for m in runs if runs is not None else _compiled().latin_run_rx.finditer(text, s.start, s.end):
        run_start, run_end, group = m.start(), m.end(), m.group(0)
        if any(run_start < e and a < run_end for a, e in taken):
            continue
        words = list(_BLANKS.split(group))
        while len(words) > 1 and words[-1] in c.stop_words:
            # "… City Wings Sau đó": a capitalised function word after a caption is no part of the run
            group = group[: group.rindex(words.pop())].rstrip()
            run_end = run_start + len(group)
        while len(words) > 2 and words[0] in c.stop_words:
            # "Theo Moloy Banerjee, …": a capitalised function word that starts the sentence is no part of the run
            drop = len(words.pop(0))
            skip = len(group) - len(group[drop:].lstrip())
            group, run_start = group[skip:], run_start + skip
        # "Hochiminh City Wings": a run with an organisation's word inside names the organisation;
        # a name may follow it ("Goldman Sachs Group Lloyd Blankfein")
        org_cut = max((k + 1 for k, w in enumerate(words) if w in c.org_suffixes), default=0)
        if org_cut and len(words) - org_cut < 2:
            continue

        def vietnamese(w: str) -> bool:
            # "Min-koo", "Yong-Soo": a Vietnamese name joins no syllables with a hyphen
            return all(syllable.fullmatch(part) for part in w.rstrip(".").split("-")) and "-" not in w.strip("-")

        if all(vietnamese(w) for w in words):
            continue  # could be Vietnamese written without marks
        if c.org_suffix_rx.search(group) or (len(words) > 2 and words[-1] in _countries()):
            continue  # "Samsung Electronics", "Sofina Foods Inc", "Volvo Car Manufacturing Malaysia": an organisation
        if (len(words) <= 2 and c.company_rx.search(text, max(s.start, run_start - 50), run_start)) \
                or (_CAP_NON_ASCII_NEXT.match(text, run_end) and not c.head_rx.match(text, run_end + 1)):
            continue  # "Công ty CP Tập đoàn Vina Megastar"; "Seabank Hai Bà Trưng": an organisation's name
        if c.name_comma_guarded_rx.search(text, max(s.start, run_start - 50), run_start) \
                and _APPOSITION_END.match(text, run_end):
            continue  # "Ông Charles Kaye, lãnh đạo Warburg Pincus - …": the run is the firm in the name's position
        if words[0] in c.rules.foreign_work_starts or (len(words) <= 2 and (
                words[0] in c.rules.foreign_place_starts
                or c.place_word_rx.search(text, max(s.start, run_start - 12), run_start))):
            continue  # "The Australian"; "Saint Petersburg", "xã Ia Glai": a place
        # a country before the name belongs to the title ("Bộ Ngoại giao Iran Bahram Qasemi")
        countries = _countries()
        lead0 = 0
        link = c.link_end_rx.search(text[max(s.start, run_start - 8) : run_start])
        # "người phát ngôn của Taliban Zabihullah Mujahid": the word after a position's link is its object
        linked = bool(link) and bool(c.head_rx.search(text, max(s.start, run_start - 60), run_start - 4))
        if group in _all_foreign_places() or " ".join(words[-2:]) in _all_foreign_places():
            continue  # "Úc - New Zealand": a country
        if len(words) >= 2 and " ".join(words[:-1]) in _all_foreign_places() \
                and c.single_head_end_rx.search(text, max(s.start, run_start - 40), run_start):
            yield run_end - len(words[-1]), run_end, words[-1]  # "Quốc vương Qatar Tamim": the country is the title's
            continue
        if linked and len(words) <= 2:
            continue  # "chuyên gia của Forest Trends": the object of a position's link is an organisation
        prev_word = _PREV_WORD.search(text, max(s.start, run_start - 24), run_start)
        home = False
        if prev_word and len(words) > 2 and prev_word.group(1) + " " + words[0] in _all_foreign_places() | _national_names():
            home = prev_word.group(1) + " " + words[0] in _national_names()
            lead0 = 1  # "Thái Lan Arkhom …", "Việt Nam Tom …": the run's first word ends a country's name
        elif len(words) > 3 and " ".join(words[:2]) in _all_foreign_places():
            lead0 = 2  # "New Zealand Todd McClay": the country is the title's
        elif len(words) > 2 and c.company_rx.search(text, max(s.start, run_start - 50), run_start):
            lead0 = 1  # "tập đoàn Alibaba Jack Ma": the company's name is the title's
        # (after the home country, a country's word is a given name: "Việt Nam Jordan Peele")
        while len(words) - lead0 > 2 and ((words[lead0] in countries and not home) or " ".join(words[lead0 + 1 :]) in known
                                          or (linked and lead0 == 0) or _bare_somewhere(text, words[lead0])):
            lead0 += 1  # … or an organisation before a name the article also writes alone ("Samsung Lee Kun-hee")
        lead0 = max(lead0, org_cut)
        if lead0:
            off = group.index(words[lead0], len(" ".join(words[:lead0])))
            words = words[lead0:]
            m_start = run_start + off
        else:
            m_start = run_start
        # a country written without marks before the name ("Tổng thống Nga Vladimir Putin")
        lead = 0
        # (only a word the article also writes bare: "Kim Jong Un", "Moon Jae In" keep their surname)
        while len(words) - lead > 2 and vietnamese(words[lead]) and (words[lead] in countries
                                                                       or _bare_somewhere(text, words[lead])):
            lead += 1
        run = text[m_start : run_end]
        start = m_start + run.index(words[lead], len(" ".join(words[:lead]))) if lead else m_start
        yield start, run_end, text[start : run_end]


@per_rules
def _countries() -> frozenset:
    """One-word country and place names (``rules/areas.yaml`` ``foreign_places``)."""
    from .areas import _compiled as area_rules

    return frozenset(w for w in area_rules()[0].foreign_places if " " not in w)


@per_rules
def _all_foreign_places() -> frozenset:
    """Country and place names of ``rules/areas.yaml`` ``foreign_places``, of any length ("New Zealand")."""
    from .areas import _compiled as area_rules

    return frozenset(area_rules()[0].foreign_places)


@per_rules
def _national_names() -> frozenset:
    """The home country's names (``rules/areas.yaml`` ``national_words`` written with capitals: "Việt Nam")."""
    from .areas import _compiled as area_rules

    return frozenset(w for w in area_rules()[0].national_words if w[:1].isupper())


@lru_cache(maxsize=4)
def _syllable_rx(pattern: str):
    return regex.compile(pattern) if pattern else None


def _gazetteer_keys():
    from .areas import gazetteer

    return gazetteer()


@per_rules
def _level_words() -> frozenset:
    """The level words of ``rules/areas.yaml`` ("xã", "huyện", "TP."), folded; not the committees' ("Huyện ủy")."""
    from .areas import _compiled as area_rules

    return frozenset(k.casefold() for k in area_rules()[0].level_words)


@per_rules
def _place_word_levels() -> dict[str, str]:
    from .areas import _compiled as area_rules

    r = area_rules()[0]
    return {k.casefold(): v for k, v in {**r.level_words, **r.committee_words}.items()}


def _level_of_word(word: str) -> str | None:
    """The level a place word names ("huyện", "TP.", "Huyện ủy"), from ``rules/areas.yaml``."""
    return _place_word_levels().get(word.casefold())


def _cut_not_names(text: str, starts: list[int], words: list[str], i: int, c: _Compiled) -> list[str] | None:
    """The name's words, cut before a phrase that is never a name ("Đoàn Mặt
    trận" → nothing); None when too little is left."""
    n = len(words)
    for j in range(i, n):
        for phrase in c.not_names:
            if text.startswith(phrase, starts[j]) and not _LETTER.match(text[starts[j] + len(phrase) : starts[j] + len(phrase) + 1]):
                n = j
                break
        if n == j:
            break
    return words[i:n] if n - i >= 2 else None


def _clean(t: str) -> str:
    t = _SPACES.sub(" ", t).strip(" ,-–;:")
    # a lowercase remark in brackets is no part of the position: "(bên phải)", "(thứ hai từ trái)"
    t = _LOWER_PAREN_END.sub("", t)
    # a bracket the sentence never closes: "… Sen Vàng (Hai Bà Trưng"
    if t.count("(") > t.count(")"):
        t = t[: t.rindex("(")]
    t = _compiled().trailing_and_rx.sub("", t)
    return t.strip(" ,-–;:")


def _foreign_name_at_end(seg: str) -> bool:
    """A segment ending in someone else's (foreign) name: "… WEF Philipp Roesler"."""
    toks = seg.split()
    if len(toks) < 2:
        return False
    last = toks[-2:]
    return all(_CAPITALISED.fullmatch(t) for t in last) and not all(is_syllable(t) for t in last)


def _inner_commas(text: str, lo: int, hi: int) -> set[int]:
    """Offsets of the commas inside a fixed phrase of an organisation's name
    ("phòng, chống", "phòng cháy, chữa cháy"): they split no titles."""
    return {m.start() + m.group(0).index(",") for m in _compiled().comma_phrase_rx.finditer(text, lo, hi)}


def _split_commas(window: str, inner: set[int]) -> list[str]:
    parts, last = [], 0
    for k, ch in enumerate(window):
        if ch == "," and k not in inner:
            parts.append(window[last:k])
            last = k + 1
    return parts + [window[last:]]


def _titles_before(text: str, lo: int, name_start: int) -> list[str]:
    c = _compiled()
    window = text[lo:name_start]
    # a quote, a colon, a semicolon or an unclosed bracket starts the chain afresh
    cut = 0
    lead = len(window) - len(window.lstrip())
    if window[lead : lead + 1] == "(" and ")" in window:
        cut = window.index(")") + 1  # "A (SN 1969, …) 10 năm tù và B": the bracket is the name's before
    for mm in _CLAUSE_MARK.finditer(window, cut):
        cut = mm.end()
    depth = 0
    for k in range(len(window) - 1, cut - 1, -1):
        if window[k] == ")":
            depth += 1
        elif window[k] == "(":
            if depth == 0:
                cut = k + 1
                break
            depth -= 1
    window = window[cut:]
    degree_titles: list[str] = []
    dg = c.degree_rx.search(window)
    while dg:
        degree_titles.insert(0, dg.group(0).strip())
        window = window[: dg.start()]
        # "PGS, TS X": degrees split by a comma are one title each
        bare = window.rstrip(" \t")
        dg = c.degree_rx.search(bare[:-1]) if bare.endswith(",") else None
        if dg:
            window = bare[:-1]
    hon = c.trailing_hon_rx.search(window)
    honorific = False
    if hon and not (hon.group(0).strip() in _countries() and regex.search(r"\p{L}[ \t]+$", window[: hon.start()])
                    and c.head_rx.search(window[max(0, hon.start() - 40) : hon.start()])):
        window = window[: hon.start()]  # not "Thủ tướng Anh Boris Johnson": there Anh is the country
        honorific = True
    comma = window.rstrip(" \t").endswith(",")
    window = window.rstrip(" \t,")  # "Trung tướng, PGS.TS X": the rank is X's
    if not window.strip():
        return degree_titles
    base = lo + cut
    segs, pos = [], 0
    inner = _inner_commas(text, base, base + len(window))
    for part in _split_commas(window, {k - base for k in inner}):
        segs.append((base + pos, part))
        pos += len(part) + 1
    titles: list[str] = []
    for k in range(len(segs) - 1, -1, -1):
        s0, seg = segs[k]
        if k < len(segs) - 1 and _foreign_name_at_end(seg):
            break  # a title of someone else named just before
        # the title starts after the segment's last verb
        last_stop = None
        for m in c.stops(text, s0, s0 + len(seg)):
            last_stop = m
        copula = False
        if honorific and k == len(segs) - 1 and last_stop is not None and not seg[last_stop.end() - s0 :].strip() \
                and c.copula_rx.search(text, max(s0, last_stop.start() - 1), last_stop.end() + 1):
            # "Chủ tịch HĐQT là ông X": the position before the copula is the name's
            copula = True
            seg = seg[: last_stop.start() - s0].rstrip()
            last_stop = None
            for m in c.stops(text, s0, s0 + len(seg)):
                last_stop = m
        from_ = (last_stop.end() - s0) if last_stop else 0
        for cm in c.cap_hon_mid_rx.finditer(seg, from_):
            if c.head_rx.match(text, s0 + cm.start()):
                from_ = cm.start()  # "… ông chủ Amazon Ông chủ hãng …": a capitalised "Ông chủ" starts a new (caption) sentence
        # (read with the name's first letters after it: a guarded head looks at the word that follows)
        h = c.head_rx.search(text[s0 : s0 + len(seg) + 3], from_)
        if not h or h.end() > len(seg) or (copula and seg[from_ : h.start()].strip()):
            break  # (before a copula, the position must start the clause: not "đại diện cơ quan quản lý là ông X")
        if comma and honorific and last_stop and k == len(segs) - 1 and c.guarded_only_rx.fullmatch(h.group(0)):
            break  # "báo cáo lãnh đạo CATP, đồng chí X": a body of officials after a verb is its object
        if c.prefixes_rx.sub("", h.group(0))[:1].islower() and _FIVE_LOWER.search(seg[h.end() :]):
            break  # "… vì hiệu trưởng nhập nhèm vụ học sinh …": a common noun in a clause, not a position
        rank = None
        for r in c.rank_rx.finditer(seg, h.end()):
            rank = r  # the last one
        if rank is not None:
            h = rank  # "… Ban ATGT tỉnh Thiếu tá X": a rank is the start of a new title
        if last_stop and k < len(segs) - 1 and last_stop.group(0) in c.object_words:
            break  # "Thay mặt Thủ tướng, Bộ trưởng X": that position is someone else's
        t = _clean(seg[h.start() :])
        if c.link_end_rx.search(t + " "):
            break  # "Quản lý cũ của X", "trợ lý của ông X": the position is someone else's, the name its object
        if t.count(")") > t.count("("):
            break  # "nhà văn A (Chủ tịch), PGS-TS B": the position in brackets is the name's before it
        if t:
            titles.append(t)
        if last_stop or seg[: h.start()].strip():
            break  # junk before the head: the chain starts here
    return list(reversed(titles)) + degree_titles


def _title_end(text: str, start: int, hi: int) -> int:
    """Where a title written after a name, starting at ``start``, ends: at a
    verb, a comma, sentence punctuation (not the dot of "TP.HCM", "T.Ư"), a
    dash before a lowercase apposition ("- đơn vị …"), a closing bracket it
    did not open, or a bracket opening a lowercase remark ("(em vợ …)")."""
    c = _compiled()
    ends = [hi]
    stop = next(c.stops(text, start, hi), None)
    if stop:
        ends.append(stop.start())
    m = c.title_end_rx.search(text, start, hi)
    while m and m.group(0) in ".“\"«":
        if m.group(0) == ".":
            place = _abbr_place_end(text, m.end(), hi)
        else:
            q = _QUOTED_NAME.match(text, m.start(), hi)
            place = q.end() if q and not next(c.stops(text, q.start(), q.end()), None) else None
        if place is None:
            break
        m = c.title_end_rx.search(text, place, hi)  # "UBND Tp. Hồ Chí Minh": the level word's dot
    if m:
        ends.append(m.start())
    depth = 0
    inner = _inner_commas(text, start, min(ends))
    for k in range(start, min(ends)):
        ch = text[k]
        if ch == "(":
            if _LOWER_PAREN.match(text[k : k + 3]):
                ends.append(k)
                break
            depth += 1
        elif ch == ")":
            if depth == 0:
                ends.append(k)
                break
            depth -= 1
        elif ch == "," and depth == 0 and k not in inner:
            ends.append(k)  # a comma inside brackets does not end it: "(Bộ Văn hóa, Thể thao và Du lịch)"
            break
    return min(ends)


def _abbr_place_end(text: str, pos: int, hi: int) -> int | None:
    """Where the place named after a level word's dot ends ("Tp. Hồ Chí Minh",
    "Q. 1"), the dot just before ``pos``; None when no unit of the gazetteer
    follows ("UBND TP. Ông nói …": the dot ends the sentence)."""
    m = _compiled().abbr_place_rx.match(text, pos, hi)
    if not m:
        return None
    place = m.group("place")
    if place[0].isdigit():
        return m.end()
    words = place.split()
    places = _places()[0]
    for n in range(len(words), 0, -1):
        if " ".join(words[:n]) in places:
            return m.start("place") + len(" ".join(words[:n]))
    return None


_CAP_RUN = regex.compile(r"(?<![\p{L}])\p{Lu}[\p{Ll}\p{M}]*(?:[ \t]+\p{Lu}[\p{Ll}\p{M}]*){0,3}")
# two or more lowercase words and nothing else (no number, no capital: "nhiệm kỳ 2016-2021", "khóa XIV" stay)
_LOWER_TAIL = regex.compile(r"(?:[ \t]+[\p{Ll}\p{M}]+){2,}[ \t]*")


def _cut_after_place(text: str, start: int, end: int) -> int:
    """A title written after a name that runs past the unit it names into
    lowercase words up to the verb ("Giám đốc Công an tỉnh Hà Giang xác lập
    chuyên án", "Chủ tịch Hiệp hội Du lịch Đà Nẵng một lần nữa nhấn mạnh"):
    it ends with the unit's name (a name of the gazetteer)."""
    places = _places()[0]
    for m in _CAP_RUN.finditer(text, start, end):
        words = m.group(0).split()
        for n in range(len(words), 1, -1) if len(words) > 1 else ():
            place = " ".join(words[:n])
            if place in places:
                stop = m.start() + len(place)
                if stop == m.end() and _LOWER_TAIL.fullmatch(text, stop, end) \
                        and not _compiled().head_rx.search(text, stop, end):
                    return stop  # (not "… tỉnh Quảng Nam phụ trách văn xã": a second post)
                break
    return end


def _titles_after(text: str, name_start: int, name_end: int, hi: int, next_is_name: bool,
                  titled_before: bool = False) -> tuple[list[str], int]:
    """Titles written after the name, and where they end. ``titled_before``: the
    name has its positions before it ("Chủ tịch nước A, Phó Thủ tướng, Bộ
    trưởng B"): a chain after it that runs into the next name is all that
    name's."""
    c = _compiled()
    m = _NAME_SEP.match(text[name_end:hi]) or c.role_verb_rx.match(text[name_end:hi])
    if m and m.re is c.role_verb_rx and not text[name_end + m.end() : name_end + m.end() + 1].isupper() \
            and not c.role_agent_rx.search(text, max(0, name_start - 16), name_start) \
            and not c.copula_rx.fullmatch(m.group(0)):
        return [], name_end  # "Bộ trưởng … Barack Obama làm cố vấn": a lowercase post needs "do X làm …"
    if not m:
        # no punctuation at all (scraped text): a capitalised position right after the name
        m = _BLANK_BEFORE_CAP.match(text[name_end:hi])
        if not m or not c.head_rx.match(text, name_end + m.end(), hi):
            return [], name_end
    pos = name_end + m.end()
    skipped = False  # a bracketed remark (a birth year, a delegation) was passed over
    if m.group(0).strip() == "(":
        lead = c.remark_lead_rx.match(text, pos, hi)
        if lead and c.head_rx.match(text, lead.end(), hi):
            pos = lead.end()  # "X (SN 1954, nguyên Tổng Giám đốc …)": the position after the birth year
    if m.group(0).strip() == "(" and not c.head_rx.match(text, pos, hi):
        # "X (đoàn Hòa Bình), Phó Giám đốc Sở Y tế": a remark in brackets, then the position
        close = text.find(")", pos, hi)
        after = _NAME_SEP.match(text[close + 1 : hi]) if close > 0 and "(" not in text[pos:close] else None
        if after and after.group(1) != "(":
            pos = close + 1 + after.end()
            skipped = True
    art = c.apposition_rx.match(text, pos, hi)
    if art and c.head_rx.match(text, art.end(), hi):
        pos = art.end()  # "X - một nhà kinh tế học tại DBS"
    titles: list[str] = []
    last = name_end
    while pos < hi:
        # a degree in the chain is a title too: "X (sinh năm 1978), Bác sĩ, Trưởng khoa …"
        h = c.head_rx.match(text, pos, hi) or (c.degree_start_rx.match(text, pos, hi) if titles or skipped else None)
        if not h:
            break
        end = _title_end(text, h.end(), hi)
        if end == hi and next_is_name and text[end - 1 : end].isspace():
            hon = c.trailing_hon_rx.search(text, h.end(), end)
            if not hon:
                if titled_before:
                    return [], name_end  # the whole chain is the next name's
                break  # runs into the next name: it is that name's title
            end = hon.start()  # "X - Viện trưởng … - ThS Y": Y's honorific closes X's title
        dg = c.degree_rx.search(text, pos, end)
        if dg and dg.start() > pos and text[dg.start() - 1].isspace():
            end = dg.start()  # "… Hiệu trưởng ĐH FPT TS. Lê …": the degree is the next name's
        if text[end : end + 1] != ",":
            end = _cut_after_place(text, h.end(), end)
        t = _clean(text[pos:end])
        if t:
            titles.append(t)
        last = end
        if text[end : end + 1] != ",":
            break
        pos = end + 1
        while pos < hi and text[pos] in " \t":
            pos += 1
    return titles, last


def extract(text: str, sents: list[Sentence]) -> tuple[list[Draft], list[PersonMention]]:
    """(one ``person`` fact per titled name, every mention of those names)."""
    _compiled(), _places(), _place_word_levels()  # built once per process (before ingest workers fork)
    found: dict[str, Draft] = {}
    mentions: list[PersonMention] = []
    # every foreign name the article writes (a shorter one shows what runs before it is not the name)
    latin = {s.index: list(_compiled().latin_run_rx.finditer(text, s.start, s.end)) for s in sents}
    known = frozenset(m.group(0) for s in sents for m in latin[s.index])
    shorts: set[str] = set()  # given names read alone after "ông"/"bà"
    given_all = list(_given_names(text))
    for s in sents:
        names = list(_names(text, s))
        names = sorted(names + list(_foreign_names(text, s, [(a, b) for a, b, _ in names], known, latin[s.index])))
        names = sorted(names + list(_single_names(text, s, [(a, b) for a, b, _ in names])))
        names = sorted(names + list(_capital_names(text, s, [(a, b) for a, b, _ in names])))
        names = sorted(names + list(_short_after_head(text, s, [(a, b) for a, b, _ in names])))
        given = {g for g in given_all if s.start <= g[0] < s.end
                 and not any(g[0] < e and x < g[1] for x, e, _ in names)} if given_all else set()
        if given:
            shorts.update(n for _, _, n in given)
            names = sorted(names + list(given))
        prev_end = s.start
        rows = []
        for k, (a, b, name) in enumerate(names):
            nxt = names[k + 1][0] if k + 1 < len(names) else s.end
            lo = max(prev_end, text.rfind(";", prev_end, a) + 1)
            before = [] if (a, b, name) in given else _titles_before(text, lo, a)
            titled_before = any(not _compiled().degree_start_rx.fullmatch(t) for t in before) \
                and not _compiled().trailing_hon_rx.search(text, max(lo, a - 12), a)
            after, after_end = _titles_after(text, a, b, nxt, k + 1 < len(names), titled_before)
            if after and _compiled().behalf_rx.search(text[lo:a]):
                after = []  # "Thay mặt Chủ tịch nước A, Thủ tướng …": the position after the comma is the subject's
            # a given name alone takes only the position written after it ("ông Hải, Giám đốc …"):
            # one before it may be an anaphor's ("Theo vị chuyên gia, ông Tuối …")
            titles = before + after
            if lo == s.start:
                # the splitter may end a sentence after a degree's dot ("PGS.TS. Vũ Ngọc Lâm")
                dg = _compiled().degree_rx.search(text, max(0, s.start - 16), a)
                if dg and "\n" not in dg.group(0) and dg.start() < s.start:
                    titles = [dg.group(0).strip()] + titles
            prev_end = max(b, after_end)
            rows.append((a, b, name, titles, after, lo))
        for a, b, name, titles in (_share_titles(text, rows) if len(rows) > 1 else [r[:4] for r in rows]):
            mentions.append(PersonMention(name, a, b, s.index, bool(titles)))
            if not titles:
                continue
            f = found.get(name)
            if f is None:
                found[name] = f = Draft(kind="person", start=a, end=b, text=text[a:b], name=name,
                                        titles=[], rule_id="person.titled_name", sent=s.index)
            # "PGS.TS." where a sentence ends after the degree is "PGS.TS"
            seen = {compare_form(t.rstrip(".")) for t in f.titles}
            for t in titles:
                if compare_form(t.rstrip(".")) not in seen:
                    f.titles.append(t)
                    seen.add(compare_form(t.rstrip(".")))
    _merge_overlong(found, mentions)
    _merge_front(found, mentions)
    _merge_short(found, mentions)
    _merge_given(found, mentions, shorts)
    _merge_single(found, mentions)
    _merge_spacing(found, mentions)
    ms = [m for m in mentions if m.name in found]
    return list(found.values()), ms


_PREV_WORD = regex.compile(r"(\p{Lu}\p{Ll}*)[ \t]+$")
# a capitalised word with a Vietnamese letter right after a run in Latin letters: the run is the start of
# a longer proper name ("Seabank Hai Bà Trưng")
_CAP_NON_ASCII_NEXT = regex.compile(r"[ \t](?=\p{Lu}\p{Ll}*[^\x00-\x7f\s])")
_SINGLE = regex.compile(r"[ \t]+(?P<w>[A-Z][a-z]{2,}(?:-[A-Za-z][a-z]+)?)(?![\p{L}\p{N}])(?![ \t]+\p{Lu})")
_HYPHEN_LOWER = regex.compile(r"-\p{Ll}")


def _single_names(text: str, s: Sentence, taken: list[tuple[int, int]]):
    """A foreign surname alone right after a position ("Tổng thống Kennedy",
    "Thủ tướng Modi"): a word in Latin letters that cannot be Vietnamese, no
    country and no organisation."""
    c = _compiled()
    syllable = _syllable_rx(c.rules.foreign_syllable)
    if syllable is None:
        return
    if not may_match(_single_head_gate(), fold(text[s.start : s.end])):
        return  # none of the heads' words in the sentence: no match
    for h in c.single_head_rx.finditer(text, s.start, s.end):
        m = _SINGLE.match(text, h.end(), s.end)
        if not m:
            continue
        w = m.group("w")
        a, b = m.span("w")
        if any(a < e and x < b for x, e in taken):
            continue
        if all(syllable.fullmatch(part) for part in w.split("-")) and not _HYPHEN_LOWER.search(w):
            continue  # could be a Vietnamese word
        if w in _countries() or c.org_suffix_rx.search(w) or w in c.not_names:
            continue
        if any(_AFTER_NAME.fullmatch(text, e, h.start()) for _, e in taken) and _APPOSITION_END.match(text, b):
            continue  # "Lee Kun-hee, Chủ tịch Samsung": the position is the name's before it, the word its employer
        if _mostly_bare(text, w) and not _named_person(text, w):
            continue  # "Chủ tịch Chelsea" in an article that names the club bare throughout
        yield a, b, w


_TWO_SYLLABLES = regex.compile(rf"[ \t]+(?P<w>{_SYL}[ \t]+{_SYL})(?![\p{{L}}\p{{N}}.'’-])(?![ \t]+\p{{Lu}})")
# the same two words found by a scan (a blank before them, not a run of blanks matched at every
# start: a line padded with thousands of blanks would take quadratic time)
_TWO_SYLLABLES_AFTER_BLANK = regex.compile(rf"(?<=[ \t])(?P<w>{_SYL}[ \t]+{_SYL})(?![\p{{L}}\p{{N}}.'’-])(?![ \t]+\p{{Lu}})")


def _short_after_head(text: str, s: Sentence, taken: list[tuple[int, int]]):
    """A Vietnamese name's last two words right after a position ("HLV Hữu
    Thắng", "Bộ trưởng Kim Tiến" where the first word is no surname), when
    the article writes the full name somewhere (a surname, up to two more
    words, then these two): a short mention of that person (``_merge_short``),
    never an organisation's name, which no full name ends with."""
    c = _compiled()
    places = _places()[0]

    def short(w: str) -> bool:
        words = w.split()
        return not (words[0] in c.surnames or not all(is_syllable(x) for x in words) or w in places
                    or any(x in _countries() for x in words)) and _full_name_ending(text, w)

    # a yield needs a short name that passes, wherever in the sentence two such words stand
    # after a blank: without one, the scan for positions (the costly part) is not run
    if not any(short(_BLANKS.sub(" ", m.group("w")))
               for m in _TWO_SYLLABLES_AFTER_BLANK.finditer(text, s.start, s.end, overlapped=True)):
        return
    for h in c.head_rx.finditer(text, s.start, s.end):
        m = _TWO_SYLLABLES.match(text, h.end(), s.end)
        if not m:
            continue
        a, b = m.span("w")
        w = _BLANKS.sub(" ", m.group("w"))
        if not any(a < e and x < b for x, e in taken) and short(w):
            yield a, b, w


@per_rules_memo(512)
def _full_name_ending(text: str, w: str) -> bool:
    """The article writes a Vietnamese full name that ends with ``w`` (a surname first)."""
    # each place the words of ``w`` stand (blanks between them, no letter after them), then the
    # surname and up to two words before it matched backwards from there: no pattern compiled per word
    first, *rest = w.split()
    lead = _full_name_lead()
    i = text.find(first)
    while i >= 0:
        end = i + len(first)
        for x in rest:
            gap = _BLANKS.match(text, end)
            if gap is None or not text.startswith(x, gap.end()):
                break
            end = gap.end() + len(x)
        else:
            if _NO_LETTER_AFTER.match(text, end) and lead.match(text, i):
                return True
        i = text.find(first, i + 1)
    return False


_NO_LETTER_AFTER = regex.compile(r"(?![\p{L}])")


@per_rules
def _full_name_lead() -> regex.Pattern:
    """A surname and up to two capitalised words, then blanks, right before a position (a lookbehind)."""
    surnames = "|".join(sorted(_compiled().surnames, key=len, reverse=True))
    return regex.compile(rf"(?<=(?<![\p{{L}}])(?:{surnames})(?:[ \t]+{_SYL}){{0,2}}[ \t]+)")


@per_rules
def _single_head_gate() -> tuple[str, ...] | None:
    return gate(_compiled().single_head_rx)


_AFTER_NAME = regex.compile(r"[ \t]*[,(–-][ \t]*")
_APPOSITION_END = regex.compile(r"[ \t]*(?:[,;:.)–-]|$)")


# the contexts _bare_somewhere and _mostly_bare test around a word, compiled once
# (a pattern per word would be compiled per document: see _occurrences)
_AFTER_LOWER_WORD = regex.compile(r"(?<=(?<![\p{L}\p{M}])\p{Ll}[\p{Ll}\p{M}]*[ \t]+)")
_BARE_END = regex.compile(r"(?![\p{L}\p{N}])(?![ \t]+\p{Lu})")
_NO_WORD_BEFORE = regex.compile(r"(?<![\p{L}\p{N}])")
_NO_WORD_AFTER = regex.compile(r"(?![\p{L}\p{N}])")
_CAP_WORD_BEFORE = regex.compile(r"\p{Lu}\S*[ \t]+$")
_BLANK_CAP_AFTER = regex.compile(r"[ \t]+\p{Lu}")


def _occurrences(text: str, w: str, before: regex.Pattern, after: regex.Pattern):
    """The starts of the matches of ``(?:before)w(?:after)`` (``before`` a
    lookbehind, ``after`` a lookahead, ``w`` literal) as ``finditer`` finds them,
    left to right without overlaps: str.find of the word, then the two contexts
    matched in place, instead of compiling a pattern per word."""
    i = text.find(w)
    while i >= 0:
        if before.match(text, i) and after.match(text, i + len(w)):
            yield i
            i = text.find(w, i + (len(w) or 1))
        else:
            i = text.find(w, i + 1)


@per_rules_memo(512)
def _bare_somewhere(text: str, w: str) -> bool:
    """The article writes the word alone after a lowercase word somewhere
    ("tại Bulgaria,"): a place or an organisation before a name, not its first
    word. Not after an honorific or a position ("ông Kim" is Kim Jong Un)."""
    c = _compiled()
    for start in _occurrences(text, w, _AFTER_LOWER_WORD, _BARE_END):
        before = text[max(0, start - 40) : start]
        if not (c.name_hon_rx.search(before) or c.trailing_hon_rx.search(before) or c.single_head_end_rx.search(before)
                or c.head_rx.search(before, max(0, len(before) - 30))):
            return True
    return False


@per_rules_memo(512)
def _named_person(text: str, w: str) -> bool:
    """The article writes the word as a person's somewhere: after "ông"/"bà"
    ("ông Putin"), or as the last word of a full name in Latin letters right
    after a position or an honorific ("HLV Jose Mourinho"). A club or a firm
    is never written so, however often the article names it bare."""
    c = _compiled()
    for m in regex.finditer(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(w)}(?![\p{{L}}\p{{N}}'’-])", text):
        before = text[max(0, m.start() - 60) : m.start()]
        if c.name_hon_rx.search(before):
            return True
        full = _FIRST_NAMES_END.search(before)
        if full and full.group("first").split()[-1] not in _countries() and (
                c.single_head_end_rx.search(before, 0, full.start("first"))
                or c.name_hon_rx.search(before, 0, full.start("first"))):
            return True
    return False


# one or two capitalised words in Latin letters right before a word: a foreign name's first names
# a hyphen or an apostrophe glued to a letter continues a Latin name ("Lee Hae-chan", "O'Neil")
_JOINED_NAME = regex.compile(r"[-'’]\p{L}")
_FIRST_NAMES_END = regex.compile(r"(?<![\p{L}])(?P<first>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)[ \t]+$")


@per_rules_memo(512)
def _mostly_bare(text: str, w: str) -> bool:
    """The article writes the word bare (no position or honorific before it,
    no other capitalised word beside it) four times or more, and three times
    as often as beside a position or honorific: an organisation or a place.
    Cached: a document asks once per word, however often it writes it."""
    c = _compiled()
    bare = anchored = 0
    for start in _occurrences(text, w, _NO_WORD_BEFORE, _NO_WORD_AFTER):
        before = text[max(0, start - 40) : start]
        if c.single_head_end_rx.search(before) or c.name_hon_rx.search(before) or c.trailing_hon_rx.search(before):
            anchored += 1
        elif not _CAP_WORD_BEFORE.search(before) and not _BLANK_CAP_AFTER.match(text[start + len(w) : start + len(w) + 2]):
            bare += 1
    return bare >= 4 and bare > 3 * anchored


def _merge_single(found: dict[str, Draft], mentions: list[PersonMention]) -> None:
    """A one-word name that ends a longer name of the document is that person
    ("Thủ tướng Modi" is Narendra Modi): its titles go to the full name."""
    full = {m.name for m in mentions} | set(found)
    for name in [n for n in found if " " not in n]:
        longer = sorted({n for n in full if n.endswith(" " + name)}, key=lambda n: (len(n), n))
        if not longer:
            # "HLV Ricky" beside "HLV Ricky Magallanes": a foreign first name alone, when one name starts
            # with it and has its positions ("Giáo hoàng Francis" is not "Francis Sullivan")
            longer = sorted({n for n in full if n.startswith(name + " ")
                             and n.split()[0] not in _compiled().surnames})
            if len(longer) != 1 or longer[0] not in found or not {compare_form(t) for t in found[name].titles} \
                    <= {compare_form(t) for t in found[longer[0]].titles}:
                continue
        f = found.pop(name)
        g = found.get(longer[0])
        if g is None:
            # the full name has no position of its own: it takes this one's ("ông chủ Roman Abramovich
            # … Chủ tịch Abramovich"), at the full name's mention
            full_mention = next((m for m in mentions if m.name == longer[0]), None)
            if full_mention is not None and len(longer) == 1:  # not when "Trump" may be Donald or Ivanka
                f.name, f.text, f.start, f.end, f.sent = longer[0], longer[0], full_mention.start, full_mention.end, full_mention.sent
                found[longer[0]] = f
                for m in mentions:
                    if m.name == name:
                        m.name = longer[0]
            continue
        seen = {compare_form(t) for t in g.titles}
        g.titles += [t for t in f.titles if compare_form(t) not in seen]
        for m in mentions:
            if m.name == name:
                m.name = longer[0]


def _spelling_key(name: str) -> str:
    """A name with its spaces dropped and a lone "y" written "i": the two
    spellings of one syllable ("Bùi Sỹ Lợi", "Bùi Sĩ Lợi") give one key."""
    folded = unicodedata.normalize("NFD", compare_form(name))
    lone_y = _compiled().lone_y_rx
    if lone_y is not None:
        folded = lone_y.sub("i", folded)
    return unicodedata.normalize("NFC", folded).replace(" ", "")


def _merge_spacing(found: dict[str, Draft], mentions: list[PersonMention]) -> None:
    """Names that differ only in their spaces ("John Mc Cain", "John McCain")
    or in a syllable's "y"/"i" ("Sỹ", "Sĩ") are one person: the facts go to the spelling the article writes most
    (the earlier one on a tie), with every title of both."""
    groups: dict[str, list[str]] = {}
    for name in found:
        groups.setdefault(_spelling_key(name), []).append(name)
    for names in groups.values():
        if len(names) < 2:
            continue
        count = {n: sum(m.name == n for m in mentions) for n in names}
        keep = min(names, key=lambda n: (-count[n], found[n].start, n))
        g = found[keep]
        for name in names:
            if name == keep:
                continue
            f = found.pop(name)
            seen = {compare_form(t) for t in g.titles}
            g.titles += [t for t in f.titles if compare_form(t) not in seen]
            for m in mentions:
                if m.name == name:
                    m.name = keep


def _merge_overlong(found: dict[str, Draft], mentions: list[PersonMention]) -> None:
    """A name one syllable longer than another name of the same document is
    that name with the next word run on ("Vũ Hồng Thanh Đồng quan điểm")."""
    known = {m.name for m in mentions}
    for name in list(found):
        words = name.split()
        short = " ".join(words[:-1])
        if len(words) >= 4 and short in known:
            f = found.pop(name)
            f.name = short
            f.end = f.start + len(short)
            f.text = short
            g = found.get(short)
            if g is None:
                found[short] = f
            else:
                seen = {compare_form(t) for t in g.titles}
                g.titles += [t for t in f.titles if compare_form(t) not in seen]
                if f.start < g.start:
                    g.start, g.end, g.text, g.sent = f.start, f.end, f.text, f.sent
            for m in mentions:
                if m.name == name:
                    m.name, m.end = short, m.start + len(short)


def _merge_front(found: dict[str, Draft], mentions: list[PersonMention]) -> None:
    """A four-word name whose last three words are another name of the document
    is that name with an organisation's last word before it ("Trung ương Đoàn
    Lê Quốc Phong" beside "ông Lê Quốc Phong")."""
    known = {m.name for m in mentions}
    for name in list(found):
        words = name.split()
        short = " ".join(words[1:])
        if len(words) == 4 and short in known and name in found:
            f = found.pop(name)
            cut = len(words[0]) + 1
            g = found.get(short)
            if g is None:
                f.name, f.start, f.text = short, f.start + cut, short
                found[short] = f
            else:
                seen = {compare_form(t) for t in g.titles}
                g.titles += [t for t in f.titles if compare_form(t) not in seen]
            for m in mentions:
                if m.name == name:
                    m.name, m.start = short, m.start + cut


def _merge_short(found: dict[str, Draft], mentions: list[PersonMention]) -> None:
    """A name of two or more words that ends a longer name of the document is a
    short mention of that person ("Bộ trưởng Kim Tiến" beside "Nguyễn Thị Kim
    Tiến"): no fact of its own, and (as the guidelines say) no title when the
    full name has a position of its own."""
    full = {m.name for m in mentions} | set(found)
    for name in [n for n in found if " " in n]:
        longer = sorted({n for n in full if n.endswith(" " + name)}, key=lambda n: (len(n), n))
        if not longer:
            continue
        f = found.pop(name)
        full_mention = next((m for m in mentions if m.name == longer[0]), None)
        if longer[0] not in found and full_mention is not None:
            # the full name has no position of its own: it takes this one's, at the full name's mention
            f.name, f.text, f.start, f.end, f.sent = longer[0], longer[0], full_mention.start, full_mention.end, full_mention.sent
            found[longer[0]] = f
        for m in mentions:
            if m.name == name:
                m.name = longer[0]


def _given_names(text: str):
    """A Vietnamese given name alone after "ông"/"bà" ("Theo ông Hải, Giám đốc
    Sở …"): a candidate that counts only as the short mention of a full name
    of the document (``_merge_given``). Read once per document."""
    countries = _countries()
    for m in _compiled().given_rx.finditer(text):
        w = m.group("w")
        if is_syllable(w) and w not in countries:
            yield m.start("w"), m.end("w"), w


def _merge_given(found: dict[str, Draft], mentions: list[PersonMention], shorts: set[str]) -> None:
    """A given name read alone after "ông"/"bà" is the one full name of the
    document that ends with it: its titles go to that name when the full name
    has no position of its own (a short mention adds no title beside the full
    name's, as the guidelines say); with no such name, or two, it is no fact."""
    if not shorts:
        return
    c = _compiled()
    # Vietnamese full names only ("ông Lee" is not "Jay Y. Lee")
    full = {m.name for m in mentions if " " in m.name and m.name.split()[0] in c.surnames
            and all(is_syllable(w) for w in m.name.split())}
    for name in [n for n in found if n in shorts]:
        f = found.pop(name)
        longer = {n for n in full if n.endswith(" " + name)}
        if len(longer) != 1:
            continue
        target = longer.pop()
        full_mention = next((m for m in mentions if m.name == target), None)
        if target not in found and full_mention is not None:
            f.name, f.text, f.start, f.end, f.sent = target, target, full_mention.start, full_mention.end, full_mention.sent
            found[target] = f
    for m in mentions:
        if m.name in shorts and " " not in m.name:
            longer = {n for n in full if n.endswith(" " + m.name)}
            if len(longer) == 1:
                m.name = next(iter(longer))


def _share_titles(text: str, rows: list) -> list:
    """(start, end, name, titles) of a sentence's names, a position shared by
    names joined by commas or "và": written after the last one when a plural
    honorific opens the list ("các đồng chí A, B, Phó Chủ tịch UBND tỉnh"), or
    before the first one after a plural word ("Hai trợ lý A và B"). Each name
    without a position of its own takes it."""
    c = _compiled()
    out = [[a, b, name, titles] for a, b, name, titles, _, _ in rows]
    k = 0
    while k < len(rows):
        j = k
        while j + 1 < len(rows) and c.name_gap_rx.fullmatch(text, rows[j][1], rows[j + 1][0]):
            j += 1
        if j > k:
            first, last = rows[k], rows[j]
            if last[4] and not any(r[3] for r in rows[k:j]) \
                    and c.plural_hon_rx.search(text, max(first[5], first[0] - 20), first[0]):
                for r in out[k:j]:
                    r[3] = list(last[4])
            elif first[3] and not first[4] and not any(r[3] for r in rows[k + 1 : j + 1]) \
                    and c.plural_head_rx.search(text, max(first[5], first[0] - 120), first[0]):
                for r in out[k + 1 : j + 1]:
                    r[3] = list(first[3])
        k = j + 1
    # "Tổng thống Mỹ A và Nga B": a position before the first name, with its country, is the second's
    # with the country written before the second name
    places = _all_foreign_places()
    for k in range(len(rows) - 1):
        if out[k + 1][3] or not rows[k][3] or rows[k][4]:
            continue
        gap = _COUNTRY_GAP.fullmatch(text, rows[k][1], rows[k + 1][0])
        if not gap or gap.group("c") not in places or not c.name_gap_rx.fullmatch(gap.group("sep")):
            continue
        last = rows[k][3][-1]
        own = next((p for p in sorted(places, key=len, reverse=True) if last.endswith(" " + p)), None)
        if own is not None and own != gap.group("c"):
            out[k + 1][3] = [last[: -len(own)] + gap.group("c")]
    return [tuple(r) for r in out]


# between two names: a comma or an and-word, then a country ("A và Nga B")
_COUNTRY_GAP = regex.compile(r"(?P<sep>[ \t]*(?:,|\p{Ll}+)[ \t]*)(?P<c>\p{Lu}[\p{L}\p{M}]*(?:[ \t]+\p{Lu}[\p{L}\p{M}]*){0,2})[ \t]*")
