"""A cheap necessary condition for a pattern to match in a stretch of text.

Most patterns of the rules open with an alternation of words ("(?<!\\p{L})
(?:cùng ngày|hôm sau|…)"). A match then holds one of those words, so a
sentence whose case-folded text holds none of them has no match: ``str``'s
substring search answers that many times faster than the regex engine
scanning the sentence (most sentences have none of a pattern's words).

:func:`gate` reads the words off the pattern's text: after the zero-width
assertions that open it, a run of literal characters, or a group each of
whose alternatives opens so (recursively); ``\\d`` stands for "a digit".
Anything it does not understand (a class, a dot, an optional first item, a
verbose pattern) gives None: no gate, the pattern always runs. The gate only
ever skips a stretch in which the pattern cannot match, so the matches are
the same with and without it.
"""

from __future__ import annotations

import regex

DIGIT = "\\d"  # the "word" that stands for any digit
_META = set(".^$*+?{}[]\\|()")
_QUANT = set("*?{")
# one character that may be absent: an escape or a class (no nested set) with ?, * or {0,…}
_OPTIONAL_ATOM = regex.compile(r"(?:\\[A-Za-z]|\[(?:\\.|[^\]\[\\])*\])(?:[?*]|\{0?(?:,\d*)?\})[?+]?")
# a quantifier after a group; "min" is "0" or "" when the group may be absent
_QUANTIFIER = regex.compile(r"(?:(?P<min>[?*])|\+|\{(?P<min2>\d*)(?:,\d*)?\})[?+]?")


def _scan(p: str, i: int = 0):
    """(index, character, depth after it) of each character of ``p`` from ``i`` that
    is neither escaped nor inside a character class; depth counts open groups."""
    depth, k, n = 0, i, len(p)
    while k < n:
        ch = p[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "[":
            k = _class_end(p, k)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        yield k, ch, depth
        k += 1


def _group_end(p: str, i: int) -> int:
    """The index just past the group opening at p[i] == "(" (escapes and classes skipped)."""
    for k, ch, depth in _scan(p, i):
        if ch == ")" and depth == 0:
            return k + 1
    raise ValueError("unbalanced")


def _class_end(p: str, i: int) -> int:
    k = i + 1
    if k < len(p) and p[k] == "^":
        k += 1
    if k < len(p) and p[k] == "]":
        k += 1
    while k < len(p):
        if p[k] == "\\":
            k += 2
            continue
        if p[k] == "[":  # a nested set (regex's V1 syntax) is no literal: keep scanning to its end
            k = _class_end(p, k)
            continue
        if p[k] == "]":
            return k + 1
        k += 1
    raise ValueError("unbalanced class")


def _alternatives(p: str) -> list[str]:
    """The top-level alternatives of ``p``."""
    out, last = [], 0
    for k, ch, depth in _scan(p):
        if ch == "|" and depth == 0:
            out.append(p[last:k])
            last = k + 1
    out.append(p[last:])
    return out


def _words(p: str) -> set[str] | None:
    """The words one of which every match of ``p`` (a sequence) holds, or None."""
    alts = _alternatives(p)
    if len(alts) > 1:
        out: set[str] = set()
        for a in alts:
            w = _words(a)
            if w is None:
                return None
            out |= w
        return out
    i = 0
    while i < len(p):  # the zero-width assertions that open it
        if p.startswith(("(?<!", "(?<=", "(?=", "(?!"), i):
            i = _group_end(p, i)
            if i < len(p) and p[i] in _QUANT:
                return None
            continue
        if p[i] == "^":
            i += 1
            continue
        opt = _OPTIONAL_ATOM.match(p, i)  # "\s*", "[ \t]?": may be absent, what follows is there
        if opt:
            i = opt.end()
            continue
        break
    if i >= len(p):
        return None
    if p[i] == "(":
        j = _group_end(p, i)
        inner = p[i + 1 : j - 1]
        m = regex.match(r"\?(?:P<\w+>|[aiLmsux-]*:)", inner)
        if inner.startswith("?") and not m:
            return None  # an atomic group, a conditional, a reference…
        if m:
            inner = inner[m.end() :]
        q = _QUANTIFIER.match(p, j)
        optional = q is not None and (q.group("min") is not None or q.group("min2") in ("", "0"))
        if not optional:  # the group is there (once or more): a match holds one of its words
            return _words(inner)
        # an optional group: a match holds one of its words, or one of what follows it
        first, rest = _words(inner), _words(p[q.end() :])
        return None if first is None or rest is None else first | rest
    if p.startswith("\\d", i):
        return {DIGIT}
    word = []
    while i < len(p):
        ch = p[i]
        if ch == "\\":
            if i + 1 >= len(p) or p[i + 1].isalnum():
                break  # \s, \p{…}, \d, \b…: no literal
            word.append(p[i + 1])
            i += 2
            if i < len(p) and p[i] in _QUANT:
                word.pop()
                break
            continue
        if ch in _META:
            if ch in _QUANT and word:
                word.pop()  # the last character is optional
            break
        word.append(ch)
        i += 1
    lit = fold("".join(word))
    return {lit} if lit else None


def gate(rx: regex.Pattern) -> tuple[str, ...] | None:
    """The (case-folded) words one of which every match of ``rx`` holds, or
    None when the pattern's text does not say."""
    if rx.flags & regex.VERBOSE:
        return None
    try:
        words = _words(rx.pattern)
    except (ValueError, IndexError):
        return None
    if not words or "" in words:
        return None
    # a word that holds another is redundant: keep the shortest
    kept = [w for w in sorted(words, key=len) if w == DIGIT or not any(v != DIGIT and v in w and v != w for v in words)]
    return tuple(kept)


# regex's case-insensitive "I" matches "ı", and "İ" matches "i": both fold to "i" here
_DOTTED = {0x130: "i", 0x131: "i"}


def fold(s: str) -> str:
    """The form a gate compares: every pair of characters a case-insensitive
    pattern takes for one another folds to the same string."""
    f = s.casefold()
    if "\u0131" in f or "\u0307" in f:  # "ı", or the dot "İ" folds to: rare, and translate is slow
        f = s.translate(_DOTTED).casefold()
    return f


def may_match(words: tuple[str, ...] | None, folded: str) -> bool:
    """Whether a stretch of text whose :func:`fold` is ``folded`` may hold a
    match of a pattern of gate ``words`` (always, without a gate)."""
    if words is None or any(map(folded.__contains__, words)):  # (DIGIT itself in the text: let through)
        return True
    return DIGIT in words and _ANY_DIGIT.search(folded) is not None


_ANY_DIGIT = regex.compile(r"\d")  # the patterns' \d
