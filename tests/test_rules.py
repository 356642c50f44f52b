"""Every rule's own examples and counter-examples (rules/*.yaml), and the
validation of rule files themselves."""

import pytest

from conftest import facts_of
from extractor import rules as R
from extractor.boilerplate import compiled as boilerplate_compiled
from extractor.models import SPAN_KINDS

SPAN_RULES = R.span_rules()
EXAMPLES = [(r, ex) for r in SPAN_RULES for ex in r.rule.examples]
COUNTER = [(r, text) for r in SPAN_RULES for text in r.rule.counter_examples]


def _blocked_spans(text):
    from extractor.matching import candidates, resolve

    return [(c.rule.id, text[c.start : c.end]) for c in resolve(candidates(text, 0, len(text))) if c.kind == "block"]


@pytest.mark.parametrize("rule,ex", EXAMPLES, ids=[f"{r.id}: {ex.text}" for r, ex in EXAMPLES])
def test_rule_example(rule, ex):
    if rule.kind == "block":
        assert (rule.id, ex.match) in _blocked_spans(ex.text)
        return
    found = [f for f in facts_of(ex.text) if f["text"] == ex.match]
    assert found, f"{rule.id} did not produce {ex.match!r}; got {[f['text'] for f in facts_of(ex.text)]}"
    f = found[0]
    assert f["rule_id"] == rule.id
    for k, v in ex.expect.items():
        assert f.get(k) == (pytest.approx(v) if isinstance(v, float) else v), k


@pytest.mark.parametrize("rule,text", COUNTER, ids=[f"{r.id}: {t}" for r, t in COUNTER])
def test_rule_counter_example(rule, text):
    if rule.kind == "block":
        return
    assert [f["text"] for f in facts_of(text) if f["kind"] == rule.kind] == []


def test_every_rule_has_an_example():
    missing = [r.id for r in SPAN_RULES if not r.rule.examples]
    assert not missing


def test_rule_file_rejects_unknown_field(tmp_path, monkeypatch):
    (tmp_path / "macros.yaml").write_text("macros: {NUM: '\\d+'}\n")
    for name in R.SPAN_RULE_FILES:
        (tmp_path / name).write_text("rules: []\n")
    (tmp_path / "numbers.yaml").write_text("rules:\n  - id: a.b\n    kind: percent\n    pattern: '{NUM}%'\n    colour: red\n")
    monkeypatch.setenv("CHITIEU_RULES", str(tmp_path))
    R.span_rules.cache_clear()
    R.macros.cache_clear()
    try:
        with pytest.raises(R.RuleError, match=r"numbers.yaml: rules.0.colour"):
            R.span_rules()
    finally:
        monkeypatch.delenv("CHITIEU_RULES")
        R.span_rules.cache_clear()
        R.macros.cache_clear()


def test_unknown_macro_is_an_error():
    with pytest.raises(R.RuleError, match="unknown macro"):
        R.expand("{NOPE}", {})


def test_rule_kinds_are_contract_kinds():
    assert {r.kind for r in SPAN_RULES} <= set(SPAN_KINDS) | {"block"}


LAYOUT_EXAMPLES = [(lay, ex) for lay, _, _ in boilerplate_compiled().layouts for ex in lay.examples]


@pytest.mark.parametrize("layout,ex", LAYOUT_EXAMPLES, ids=[f"{lay.id}: {ex.text[:40]}" for lay, ex in LAYOUT_EXAMPLES])
def test_layout_example(layout, ex):
    from extractor.boilerplate import article
    from extractor.meta import meta_of

    art = article(ex.text)
    assert art.layout == layout.id
    assert meta_of(ex.text, art).model_dump() == {"title": None, "published": None, "author": None, "source": None, **ex.expect}


# A share button's line is chrome; a sentence that opens with the verb "chia sẻ" is text.
SHARE_LINES = [
    ("Chia sẻ", True),
    ("Chia sẻ:", True),
    ("Chia sẻ: Facebook Zalo", True),
    ("Chia sẻ bài viết", True),
    ("Chia sẻ với phóng viên, bà Lê Thị Hoa cho biết xã có 12 hộ nghèo.", False),
    ("Chia sẻ cảm xúc sau trận đấu, huấn luyện viên nói đội đã cố hết sức.", False),
    ("Chia sẻ: ông Trần Văn Bình, chủ nhiệm hợp tác xã, cho biết năm nay lãi 2 tỷ đồng.", False),
]


@pytest.mark.parametrize("line,dropped", SHARE_LINES)
def test_share_line_is_chrome_only_when_short(line, dropped):
    from extractor.boilerplate import article

    text = "Tiêu đề bài\n\nĐoạn đầu của bài viết có nội dung.\n\n" + line + "\n\nĐoạn cuối của bài.\n"
    start = text.index(line)
    kept = article(text).contains(start, start + len(line))
    assert kept is not dropped
