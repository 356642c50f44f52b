"""chitieu in spaCy: a tokenizer over underthesea's words that keeps the
text's whitespace, the ``chitieu`` pipeline component, facts as DocBin
training spans; and spaCy (and the NLP stack) loaded only where used."""

import subprocess
import sys

import pytest
import spacy
from click.testing import CliRunner
from spacy.matcher import Matcher
from spacy.tokens import DocBin

from extractor.cli import cli
from extractor.pipeline import extract_text
from extractor.spacy_component import SPAN_KEY, doc_of, make_tokenizer

TEXTS = [
    "Toàn huyện đã giải quyết việc làm cho 8.623 lao động, đạt 132,06% chỉ tiêu giao.",
    "Thành uỷ Hà Nội chăm lo hoà bình cho người dân.",
    "Chương trình 08-CTr/TU của Thành ủy được triển khai   rộng  khắp.",
    "  Tiêu đề\n\nKhoẻ mạnh, thuý mị và  hoà  nhã.\n\n\n  Năm 2023, huyện Quốc Oai có 45 hộ nghèo.\n",
    "",
]


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("xx")
    nlp.tokenizer = make_tokenizer(nlp)
    nlp.add_pipe("chitieu")  # found through the spacy_factories entry point
    return nlp


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_doc_keeps_the_text_and_native_offsets(text):
    doc = doc_of(spacy.blank("xx").vocab, text)
    assert doc.text == text
    for t in doc:
        assert text[t.idx : t.idx + len(t.text)] == t.text
        assert t.is_space or not t.text.isspace()


def test_tokens_are_underthesea_words_as_written():
    s = "Thành uỷ giao chỉ tiêu giải quyết việc làm cho 8.623 lao động."
    doc = doc_of(spacy.blank("xx").vocab, s)
    assert "việc làm" in [t.text for t in doc] and "lao động" in [t.text for t in doc]
    assert "uỷ" in doc.text  # the text as written, not underthesea's "ủy"
    matcher = Matcher(doc.vocab)
    matcher.add("JOBS", [[{"LOWER": "việc làm"}, {"LOWER": "cho"}, {"LIKE_NUM": True}, {"LOWER": "lao động"}]])
    ((_, a, b),) = matcher(doc)
    assert doc[a:b].text == "việc làm cho 8.623 lao động"
    assert doc[a:b].start_char == s.index("việc làm")


def test_component_sets_the_facts_as_spans(nlp):
    text = "Tiêu đề\n\nNăm 2023, huyện Quốc Oai có 45 hộ nghèo, chiếm 0,084%; theo Quyết định số 12/QĐ-UBND.\n"
    doc = nlp(text)
    facts = extract_text(text).facts
    spans = doc.spans[SPAN_KEY]
    assert [(s.start_char, s.end_char, s.label_) for s in spans] == [(f["start"], f["end"], f["kind"]) for f in facts]
    q = next(s for s in spans if s.label_ == "quantity")
    assert (q.text, q._.value, q._.unit, q._.area, q._.rule_id) == ("45 hộ", 45.0, "hộ", "Quốc Oai", "quantity.basic")
    assert q._.period == "2023/2023" and q._.kind == "quantity" and q._.fact["text"] == "45 hộ"
    assert {s.label_ for s in spans} >= {"period", "area", "quantity", "percent", "document"}


def test_component_with_spacys_own_tokenizer():
    nlp = spacy.blank("xx")
    nlp.add_pipe("chitieu")
    doc = nlp("Tiêu đề\n\nHuyện có 45 hộ nghèo.\n")
    assert [s.text for s in doc.spans[SPAN_KEY]] == ["45 hộ"]


def test_tokenizer_from_a_config():
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "chitieu.underthesea.v1"}}})
    assert [t.text for t in nlp("có 936 văn bản chỉ đạo")] == ["có", "936", "văn bản", "chỉ đạo"]


def test_export_docbin(corpus_db, tmp_path):
    import sqlite3

    out = tmp_path / "facts.spacy"
    res = CliRunner().invoke(cli, ["export", "--db", str(corpus_db), "--format", "spacy", "-o", str(out)])
    assert res.exit_code == 0, res.output
    con = sqlite3.connect(corpus_db)
    n_docs, n_facts = con.execute("select (select count(*) from documents), (select count(*) from facts)").fetchone()
    texts = dict(con.execute("select id, text from documents"))
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))
    assert len(docs) == n_docs and sum(len(d.spans[SPAN_KEY]) for d in docs) == n_facts
    for d in docs:
        assert d.text == texts[d.user_data["chitieu_document"]]
        for s in d.spans[SPAN_KEY]:
            assert s._.kind == s.label_ and s._.rule_id
    res = CliRunner().invoke(cli, ["export", "--db", str(corpus_db), "--format", "spacy"])
    assert res.exit_code != 0 and "--output" in res.output


def _modules_after(code: str) -> set[str]:
    p = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
                       capture_output=True, text=True, check=True)
    return {m.split(".")[0] for m in p.stdout.split()}


def test_spacy_is_imported_only_where_used():
    assert "spacy" not in _modules_after("import extractor.pipeline, extractor.cli, extractor.ingest")


@pytest.mark.parametrize("args", [["stats"], ["export", "--format", "jsonl", "-o", "{tmp}/x.jsonl"]],
                         ids=["stats", "export"])
def test_read_only_commands_do_not_load_the_nlp_stack(corpus_db, tmp_path, args):
    argv = ["chitieu", *[a.format(tmp=tmp_path) for a in args], "--db", str(corpus_db)]
    code = ("import sys\nfrom extractor.cli import cli\n"
            f"sys.argv = {argv!r}\n"
            "try:\n    cli()\nexcept SystemExit:\n    pass\n")
    loaded = _modules_after(code)
    assert not loaded & {"spacy", "underthesea", "vietnamadminunits", "ftfy", "yaml"}, loaded
