"""The lean analyzers split text exactly as the fitted scikit-learn vectorizers do."""

from __future__ import annotations

import pickle
import re

import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from walletbot.brain.analyzers import WORD, char_wb_ngrams, tokenizer, word_ngrams
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


def test_tokenizer_remembers_only_its_last_text() -> None:
    tokenize = tokenizer(WORD)
    assert tokenizer(re.compile(WORD.pattern)) is tokenize  # one per pattern in the process
    first = "".join(["card ", "fees"])  # built at run time: a distinct object each time
    tokens = tokenize(first)
    assert tokens == ["card", "fees"]
    assert tokenize(first) is tokens  # the same text object again: the same list
    other = "".join(["card ", "fees"])
    assert other is not first and tokenize(other) is not tokens  # equal text, new object
    assert tokenize("top up") == ["top", "up"]
    assert tokenize(first) == ["card", "fees"]
    assert pickle.loads(pickle.dumps(tokenize)) is tokenize
