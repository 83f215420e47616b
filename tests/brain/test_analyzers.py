"""The lean analyzers split text exactly as the fitted scikit-learn vectorizers do."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from walletbot.brain.analyzers import WORD, char_wb_ngrams, word_ngrams
from walletbot.brain.faq import KnowledgeBase
from walletbot.brain.retriever import TOKEN_PATTERN
from walletbot.brain.text import normalise

ODD = ["", " ", "a", "a  b\t c", "i'm ok", "提現 ＡＰＰ 闪退", "x" * 30, "don't-stop 2fa 123"]


@pytest.fixture(scope="module")
def texts(kb: KnowledgeBase) -> list[str]:
    return [normalise(p.text) for p in kb.phrasings()] + ODD


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 3)])
@pytest.mark.parametrize(
    ("pattern", "stop_words"),
    [(WORD.pattern, None), (TOKEN_PATTERN, sorted(ENGLISH_STOP_WORDS - {"not", "no"}))],
)
def test_word_ngrams_equal_scikit_learn(
    texts: list[str], ngram_range: tuple[int, int], pattern: str, stop_words: list[str] | None
) -> None:
    reference = TfidfVectorizer(
        lowercase=False, token_pattern=pattern, ngram_range=ngram_range, stop_words=stop_words
    ).build_analyzer()
    compiled = re.compile(pattern)
    for text in texts:
        assert word_ngrams(text, compiled, ngram_range, frozenset(stop_words or ())) == reference(
            text
        )


@pytest.mark.parametrize("ngram_range", [(1, 3), (1, 5), (3, 4)])
def test_char_wb_ngrams_equal_scikit_learn(texts: list[str], ngram_range: tuple[int, int]) -> None:
    reference = TfidfVectorizer(
        analyzer="char_wb", lowercase=False, ngram_range=ngram_range
    ).build_analyzer()
    for text in texts:
        assert char_wb_ngrams(text, ngram_range) == reference(text)


# Random text from the characters that make the edge cases: spaces of several kinds, apostrophes,
# digits, Han characters, full-width letters and a character outside the BMP.
_MESSY = st.text(alphabet="ab z'-9\t\n\u3000\xa0我的账户提現ＡＰ😀", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_MESSY)
def test_random_text_is_split_as_scikit_learn_splits_it(text: str) -> None:
    chars = TfidfVectorizer(analyzer="char_wb", lowercase=False, ngram_range=(1, 5))
    words = TfidfVectorizer(lowercase=False, token_pattern=TOKEN_PATTERN, ngram_range=(1, 2))
    assert char_wb_ngrams(text, (1, 5)) == chars.build_analyzer()(text)
    assert word_ngrams(text, re.compile(TOKEN_PATTERN), (1, 2)) == words.build_analyzer()(text)
