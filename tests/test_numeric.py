"""numeric.unit_extent's last resort: the letters at the noun."""

from extractor import numeric


def test_unit_extent_without_a_word_token(monkeypatch):
    # when the segmenter gives no word at the noun, the letters there are the noun
    text = "có 45 hộdân ở đây"
    start = text.index("hộ")
    monkeypatch.setattr(numeric.tokens, "word_at", lambda *a: None)
    monkeypatch.setattr(numeric, "_units", lambda: numeric.regex.compile("(?!)"))
    assert text[start : numeric.unit_extent(text, start, (0, len(text)))] == "hộdân"
