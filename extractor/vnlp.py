"""underthesea's sentence splitter and word segmenter, loaded cheaply.

``import underthesea`` runs a package ``__init__`` that imports every pipeline
(NER, POS, chunking, classification, …: joblib, numpy, requests), ~0.6 s,
for the two functions chitieu calls. Here:

- ``sent_tokenize`` is imported from its own module with the package's
  ``__init__`` deferred: ``underthesea`` is put in ``sys.modules`` as a
  package whose ``__init__`` runs on the first attribute looked up on it (so
  ``from underthesea import ner`` elsewhere still works as usual).
- ``word_tokenize`` is underthesea's function, re-assembled from its parts
  (regex tokenizer, CRF model) with its pickled tables read by ``pickle``
  instead of ``joblib``, which they were written with but do not need (plain
  pickles of a dict, a list and a set): joblib imports numpy, ~0.25 s.

Any surprise in underthesea's layout (another version) falls back to the
public functions, so the output never depends on which path was taken;
tests/test_vnlp.py checks the two agree.
"""

from __future__ import annotations

import importlib
import importlib.util
import pickle
import sys
import types
from pathlib import Path
from typing import Any
from collections.abc import Callable

_PKG = "underthesea"


def _deferred_package() -> None:
    """Put ``underthesea`` in sys.modules without running its ``__init__`` yet."""
    if _PKG in sys.modules:
        return
    spec = importlib.util.find_spec(_PKG)
    if spec is None or spec.loader is None or not spec.submodule_search_locations:
        raise ImportError(_PKG)
    mod = types.ModuleType(_PKG)
    mod.__spec__ = spec
    mod.__path__ = list(spec.submodule_search_locations)
    mod.__file__ = spec.origin
    mod.__package__ = _PKG
    mod.__loader__ = spec.loader
    loader = spec.loader
    state = {"done": False}

    def __getattr__(name: str) -> Any:
        if name.startswith("__") or state["done"]:
            raise AttributeError(name)
        state["done"] = True
        del mod.__dict__["__getattr__"]
        loader.exec_module(mod)  # the real __init__, into this module
        return getattr(mod, name)

    mod.__dict__["__getattr__"] = __getattr__
    sys.modules[_PKG] = mod


def _sent_tokenize() -> Callable[[str], list[str]]:
    try:
        _deferred_package()
        mod = importlib.import_module("underthesea.pipeline.sent_tokenize")
    except Exception:  # pragma: no cover - another underthesea layout
        from underthesea import sent_tokenize

        return sent_tokenize
    return _punkt_jumping(mod) or mod.sent_tokenize


# sha256 of the underthesea module whose ``sentences_from_text`` _punkt_jumping repeats
_PUNKT_SOURCE = "9fad5c8510a2bf9df2b94b59217d4351a5496eaa7210dd5e0ce610beddf6dab7"


def _punkt_jumping(mod: types.ModuleType) -> Callable[[str], list[str]] | None:
    """underthesea's ``sent_tokenize`` (its ``PunktSentenceTokenizer.sentences_from_text``,
    the same steps and its own boundary test), jumping from one ``.?!`` to the
    next instead of looking at every character in Python; None (underthesea's
    own function is used) when its module is not the one this repeats."""
    import hashlib
    import re

    try:
        src = Path(mod.__file__ or "").read_bytes()
    except OSError:  # pragma: no cover
        return None
    if hashlib.sha256(src).hexdigest() != _PUNKT_SOURCE:
        return None  # pragma: no cover - another underthesea version
    ends = mod.PunktSentenceTokenizer.SENT_END_CHARS
    next_end = re.compile("[" + re.escape("".join(sorted(ends))) + "]")

    def sent_tokenize(text: str) -> list[str]:
        mod._load_model()
        boundary = mod.sentence_tokenizer._is_sentence_boundary
        if not text or not text.strip():
            return []
        sentences: list[str] = []
        n = len(text)

        def cut(start: int, end: int) -> int:
            """Keep text[start:end] as a sentence; where the next one starts."""
            sentence = text[start:end].strip()
            if sentence:
                sentences.append(sentence)
            while end < n and text[end] in " \t\n\r":
                end += 1
            return end

        start = 0
        m = next_end.search(text)
        while m is not None:
            i = m.start()
            if text[i] == ".":
                dot_end = i
                while dot_end < n and text[dot_end] == ".":
                    dot_end += 1
                if dot_end - i >= 3:
                    after = dot_end
                    while after < n and text[after] in " \t":
                        after += 1
                    if after >= n or text[after].isupper():
                        start = dot_end = cut(start, dot_end)
                    m = next_end.search(text, dot_end)
                    continue
            if boundary(text, i):
                end = i + 1
                while end < n and text[end] in ends:
                    end += 1
                start = cut(start, end)
                m = next_end.search(text, start)
                continue
            m = next_end.search(text, i + 1)
        final = text[start:].strip()
        if final:
            sentences.append(final)
        return sentences

    return sent_tokenize


sent_tokenize = _sent_tokenize()


_TN = "underthesea.pipeline.text_normalize.text_normalizer"


def _seed_text_normalizer(root: Path) -> None:
    """underthesea's text_normalizer module (two tables from a pickle), built
    with pickle so that importing the regex tokenizer does not import joblib."""
    if _TN in sys.modules:
        return
    src_path = root / "pipeline" / "text_normalize" / "text_normalizer.py"
    src = src_path.read_text(encoding="utf-8")
    import re

    files = re.findall(r'^rule_file = "([\w.]+)"$', src, re.M)
    if len(files) != 1 or "data = joblib.load(binary_file)" not in src:
        raise ImportError("unexpected text_normalizer")
    with open(src_path.parent / files[0], "rb") as fh:
        data = pickle.load(fh)
    if not isinstance(data, dict) or not {"character", "token"} <= data.keys():
        raise ImportError("unexpected text_normalizer tables")
    mod = types.ModuleType(_TN)
    mod.__file__ = str(src_path)
    mod.character_map = data["character"]  # type: ignore[attr-defined]
    mod.token_map = data["token"]  # type: ignore[attr-defined]
    sys.modules[_TN] = mod


class _WordSegmenter:
    """underthesea.pipeline.word_tokenize.word_tokenize, default arguments."""

    def __init__(self) -> None:
        _deferred_package()
        spec = importlib.util.find_spec(_PKG)
        assert spec is not None and spec.origin is not None
        root = Path(spec.origin).parent
        wt_src = (root / "pipeline" / "word_tokenize" / "__init__.py").read_text(encoding="utf-8")
        import re

        dirs = re.findall(r'join\(wd, "models", "(\w+)"\)', wt_src)
        if len(dirs) != 1 or 'if tag == "I-W" and num_words > 0:' not in wt_src:
            raise ImportError("unexpected word_tokenize")
        _seed_text_normalizer(root)
        importlib.import_module("underthesea.pipeline.text_normalize")  # before the tokenizer: they import each other
        from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize
        from underthesea_core import CRFFeaturizer, CRFTagger

        base = root / "pipeline" / "word_tokenize" / "models" / dirs[0]
        self.tagger = CRFTagger()
        self.tagger.load(str(base / "models.bin"))
        with open(base / "features.bin", "rb") as fh:
            features = pickle.load(fh)
        with open(base / "dictionary.bin", "rb") as fh:
            dictionary = pickle.load(fh)
        self.featurizer = CRFFeaturizer(features, dictionary)
        self.tokenize = tokenize

    def __call__(self, sentence: str) -> list[str]:
        tokens = self.tokenize(sentence, use_token_normalize=True, fixed_words=[])
        x = self.featurizer.process([[[t] for t in tokens]])[0]
        tags = self.tagger.tag(x)
        output: list[str] = []
        for i, (tag, token) in enumerate(zip(tags, tokens)):
            if tag == "I-W" and i > 0:
                output[-1] = output[-1] + " " + token
            else:
                output.append(token)
        return output


_loaded: dict[str, Callable] = {}


def _model(name: str, build: Callable[[], Callable]) -> Callable:
    """The model ``name``, built on first use; underthesea's public function of
    that name where its package layout differs from the one ``build`` reads."""
    fn = _loaded.get(name)
    if fn is None:
        try:
            fn = build()
        except Exception:  # pragma: no cover - another underthesea layout
            import importlib

            fn = getattr(importlib.import_module("underthesea"), name)
        _loaded[name] = fn
    return fn


def word_tokenize(sentence: str) -> list[str]:
    """Word segmentation as ``underthesea.word_tokenize(sentence)``; the model loads on first use."""
    return _model("word_tokenize", _WordSegmenter)(sentence)


_POS_TEMPLATE = [
    "T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower",
    "T[2].lower",
    "T[0].istitle", "T[-1].istitle", "T[1].istitle",
    # word unigram and bigram
    "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]",
    "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]",
    # pos unigram and bigram
    "T[-3][1]", "T[-2][1]", "T[-1][1]",
    "T[-3,-2][1]", "T[-2,-1][1]",
]


def _istitle(word: str) -> bool:
    """underthesea's ``text_istitle``: every space-separated part opens with a title-case letter."""
    if not word:
        return False
    parts = word.split(" ")
    if any(not p for p in parts):
        return False  # its ``s[0]`` of an empty part raises, which it reads as False
    return all(p[0].istitle() for p in parts)


def _pos_features(words: list[str]) -> list[list[str]]:
    """The features underthesea's ``TaggedTransformer`` computes for ``_POS_TEMPLATE``
    over ``[(w, "X") for w in words]``, without re-reading the template and
    re-building every column for each feature (quadratic in the sentence)."""
    n = len(words)
    out = []
    for i in range(n):
        f = []
        for k in (-2, -1, 0, 1, 2):
            j = i + k
            f.append(f"T[{k}].lower=" + ("BOS" if j < 0 else "EOS" if j >= n else words[j].lower()))
        for k in (0, -1, 1):
            j = i + k
            f.append(f"T[{k}].istitle=" + ("BOS" if j < 0 else "EOS" if j >= n else str(_istitle(words[j]))))
        for k in (-2, -1, 0, 1, 2):
            j = i + k
            f.append(f"T[{k}]=" + ("BOS" if j < 0 else "EOS" if j >= n else words[j]))
        for a, b in ((-2, -1), (-1, 0), (0, 1), (1, 2)):
            ja, jb = i + a, i + b
            f.append(f"T[{a},{b}]=" + ("BOS" if ja < 0 else "EOS" if ja >= n or jb >= n else " ".join(words[ja : jb + 1])))
        for k in (-3, -2, -1):
            f.append(f"T[{k}][1]=" + ("BOS" if i + k < 0 else "X"))
        for a, b in ((-3, -2), (-2, -1)):
            f.append(f"T[{a},{b}][1]=" + ("BOS" if i + a < 0 else "X X"))
        out.append(f)
    return out


class _PosTagger:
    """underthesea.pos_tag(sentence), default arguments: its word segmentation,
    then its CRF model (``CRFPOSTagPredictor``) on the features of its template,
    without importing underthesea's ``__init__`` or its feature module (which
    reads a 74,000-word dictionary that this template does not use)."""

    def __init__(self) -> None:
        _deferred_package()
        spec = importlib.util.find_spec(_PKG)
        assert spec is not None and spec.origin is not None
        folder = Path(spec.origin).parent / "pipeline" / "pos_tag"
        src = (folder / "model_crf.py").read_text(encoding="utf-8")
        init = (folder / "__init__.py").read_text(encoding="utf-8")
        import re

        template = re.search(r"template = \[(.*?)\]\n", src, re.S)
        files = re.findall(r'join\(dirname\(__file__\), "([\w.]+)"\)', src)
        if (template is None or re.findall(r'"([^"]+)"', template.group(1)) != _POS_TEMPLATE or len(files) != 1
                or 'tokens = [(token, "X") for token in sentence]' not in src
                or "crf_model.predict(sentence, format)" not in init):
            raise ImportError("unexpected pos_tag")
        from underthesea_core import CRFTagger

        self.model = CRFTagger()
        self.model.load(str(folder / files[0]))

    def __call__(self, sentence: str) -> list[tuple[str, str]]:
        words = word_tokenize(sentence)
        if not words:
            return []
        tags = self.model.tag(_pos_features(words))
        return list(zip(words, tags))


def pos_tag(sentence: str) -> list[tuple[str, str]]:
    """POS tags as ``underthesea.pos_tag(sentence)``; the model loads on first use."""
    return _model("pos_tag", _PosTagger)(sentence)
