"""The gate of a pattern (extractor.gate): the words one of which every match
holds, so that a sentence holding none of them is never scanned. It must
never turn away a sentence in which the pattern matches."""

import pytest
import regex

from extractor import areas, attach, persons
from extractor.gate import DIGIT, fold, gate, may_match


@pytest.mark.parametrize("pattern, flags, words", [
    (r"(?<!\p{L})(?:cùng ngày|hôm sau)(?!\p{L})", regex.I, {"cùng ngày", "hôm sau"}),
    (r"(?P<lw>(?i:Quận|huyện))[ \t]+\p{Lu}", 0, {"quận", "huyện"}),
    (r"(?:ab)?cd", 0, {"ab", "cd"}),          # an optional group: its words or what follows
    (r"(?:ab){0,2}cd", 0, {"ab", "cd"}),
    (r"(?:ab)+cd", 0, {"ab"}),
    (r"(?:\d+|vài)\s+năm", 0, {DIGIT, "vài"}),
    (r"(?<=(?:^|[.,])\s*)hiện(?=[\s,])", 0, {"hiện"}),
    (r"tp\.?hcm", 0, {"tp"}),                 # an optional last character is left out
    (r"tp\ hcm", 0, {"tp hcm"}),              # regex.escape's escaped space is a space
])
def test_words_read_off_the_pattern(pattern, flags, words):
    assert set(gate(regex.compile(pattern, flags))) == words


@pytest.mark.parametrize("pattern", [r"a?b", r"(?:a|)b", r"[ab]c", r"(?x)ab", r".b", r"\s+x", r"(?>ab)c", r"(?i)ab"])
def test_no_gate_when_the_pattern_does_not_say(pattern):
    assert gate(regex.compile(pattern)) is None


def test_a_word_that_holds_another_is_redundant():
    assert gate(regex.compile(r"(?:năm nay|năm)")) == ("năm",)


def test_case_folding_matches_the_patterns_case_insensitivity():
    words = gate(regex.compile(r"(?i:ủy ban)"))
    assert may_match(words, fold("Ở ỦY BAN xã"))
    assert not may_match(words, fold("Ở Hội đồng xã"))
    # regex takes "I" for "ı" when case-insensitive: the gate lets that through too
    rx = regex.compile("(?i:HI)")
    assert rx.search("hı") and may_match(gate(rx), fold("hı"))
    assert may_match(None, "anything")  # no gate: always run


SENTENCES = [
    "Cùng ngày, UBND huyện Đông Anh cho biết quý này có 120 hộ thoát nghèo.",
    "Hôm sau, ông Kennedy, Tổng thống Mỹ, tới TP.HCM và tỉnh Lâm Đồng.",
    "Những năm qua, xã đã làm 3 km đường; hiện nay, cùng kỳ năm ngoái tăng 5%.",
    "Một câu không có gì đặc biệt để tìm.",
    "Ở Nha Trang (Khánh Hòa), các huyện Mê Linh, Sóc Sơn và Đông Anh có Huyện ủy mới.",
]


def test_the_package_patterns_never_lose_a_match():
    c, a = attach.cues(), areas._compiled()
    patterns = [c.same_day, c.next_day, c.relative_part, c.same_period, c.vague, a[1], a[2], a[3], a[4], a[5],
                areas._bare_district_rx(), persons._compiled().single_head_rx]
    assert sum(gate(p) is not None for p in patterns) >= 10  # most patterns of the rules have a gate
    for p in patterns:
        words = gate(p)
        for s in SENTENCES:
            if p.search(s):
                assert may_match(words, fold(s)), (p.pattern[:60], s)
