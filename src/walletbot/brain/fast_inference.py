"""Lean inference for a fitted TF-IDF feature union and linear model: same numbers, far less overhead.

scikit-learn spends ~1 ms per call on validation and sparse-matrix bookkeeping, while the arithmetic for
one short message is a few hundred multiply-adds. `LeanLinearModel` copies what the fitted objects know
(analyzers, vocabularies, idf weights, block weights, coefficients) into plain dicts and numpy arrays
and rebuilds the sparse row itself. The analyzers are the vectorizers' own (`build_analyzer()`), so
tokens are identical by construction; tests assert equal labels and confidences on real data.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol, runtime_checkable

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

FloatArray = np.ndarray


WORD_CACHE_SIZE = 50_000  # distinct whitespace words whose char n-gram columns are remembered


def softmax(scores: FloatArray, temperature: float) -> FloatArray:
    """Row-wise softmax of scores / temperature (numerically safe); shared with the reference path."""
    z = scores / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    result: FloatArray = e / e.sum(axis=-1, keepdims=True)
    return result


def _char_wb_columns(
    min_n: int, max_n: int, vocabulary: dict[str, int]
) -> Callable[[str], list[int]]:
    """sklearn's `_char_wb_ngrams` + vocabulary look-up, memoised per whitespace-separated word.

    char_wb n-grams never cross a word boundary, so a message's n-grams are the concatenation of its
    words' n-grams, and words repeat endlessly: the per-word work (the bulk) is done once per word.
    Each word is padded with a space each side; a padded word no longer than n counts once, whole.
    """

    @lru_cache(maxsize=WORD_CACHE_SIZE)
    def word_columns(word: str) -> tuple[int, ...]:
        padded = f" {word} "
        size = len(padded)
        grams: list[str] = []
        for n in range(min_n, max_n + 1):
            if n >= size:
                grams.append(padded)
                break
            grams.extend(padded[i : i + n] for i in range(size - n + 1))
        return tuple(c for c in map(vocabulary.get, grams) if c is not None)

    def columns(text: str) -> list[int]:
        result: list[int] = []
        for word in text.split():
            result.extend(word_columns(word))
        return result

    return columns


@runtime_checkable
class PairAnalyzer(Protocol):
    """An analyzer whose tokens are `a<separator>b` for every 2-combination of `words(text)`."""

    separator: str

    def words(self, text: str) -> list[str]: ...


def _pair_columns(analyzer: PairAnalyzer, vocabulary: dict[str, int]) -> Callable[[str], list[int]]:
    # Look pairs up as tuples: itertools builds them in C, no per-pair string formatting.
    by_pair = {tuple(term.split(analyzer.separator)): c for term, c in vocabulary.items()}

    def columns(text: str) -> list[int]:
        pairs = itertools.combinations(analyzer.words(text), 2)
        return [c for c in map(by_pair.get, pairs) if c is not None]

    return columns


def _columns(vectorizer: TfidfVectorizer, offset: int) -> Callable[[str], list[int]]:
    """text -> the union's column of every in-vocabulary token, repeated as often as it occurs."""
    vocabulary = {term: offset + int(i) for term, i in vectorizer.vocabulary_.items()}
    plain = (
        vectorizer.input == "content"
        and not vectorizer.lowercase
        and vectorizer.strip_accents is None
        and vectorizer.preprocessor is None
    )
    if vectorizer.analyzer == "char_wb" and plain:
        min_n, max_n = vectorizer.ngram_range
        return _char_wb_columns(int(min_n), int(max_n), vocabulary)
    if isinstance(vectorizer.analyzer, PairAnalyzer):
        return _pair_columns(vectorizer.analyzer, vocabulary)
    analyze = vectorizer.build_analyzer()

    def columns(text: str) -> list[int]:
        return [c for c in map(vocabulary.get, analyze(text)) if c is not None]

    return columns


class WordSupport:
    """How well one label accounts for a message's words: (coverage, support), both in [0, 1].

    coverage = share of the word tokens in the vocabulary; support = idf-weighted share of the tokens
    whose coefficient for the label is positive (unknown words weigh the largest idf). Out-of-scope
    messages tend to have unknown words, or words the winning label does not vouch for, even when
    char n-grams give that label a fair score.
    """

    def __init__(self, vectorizer: TfidfVectorizer, offset: int, coef_t: FloatArray) -> None:
        self._tokenize = vectorizer.build_tokenizer()
        idf = np.asarray(vectorizer.idf_, dtype=np.float64)
        # unigram -> (idf, labels whose coefficient is positive): plain Python, no numpy per token.
        # Bigram terms contain the space that joins their two words, so they are left out.
        self._terms = {
            term: (float(idf[i]), frozenset(np.flatnonzero(coef_t[offset + int(i)] > 0).tolist()))
            for term, i in vectorizer.vocabulary_.items()
            if " " not in term
        }
        self._unknown_idf = float(idf.max())

    def __call__(self, text: str, label: int) -> tuple[float, float]:
        tokens = self._tokenize(text)
        if not tokens:
            return 0.0, 0.0
        known = 0
        total = positive = 0.0
        for term in map(self._terms.get, tokens):
            if term is None:
                total += self._unknown_idf
                continue
            known += 1
            weight, favoured = term
            total += weight
            if label in favoured:
                positive += weight
        return known / len(tokens), positive / total


class LeanLinearModel:
    """Scores = tfidf(text) @ coef.T + intercept; probabilities = softmax(scores / temperature)."""

    def __init__(
        self, features: FeatureUnion, coef: FloatArray, intercept: FloatArray, temperature: float
    ) -> None:
        weights = features.transformer_weights or {}
        self._blocks: list[Callable[[str], list[int]]] = []
        idf: list[FloatArray] = []
        block_of: list[FloatArray] = []
        sublinear: set[bool] = set()
        offset = 0
        for block, (_name, vectorizer) in enumerate(features.transformer_list):
            if not isinstance(vectorizer, TfidfVectorizer) or vectorizer.norm != "l2":
                raise TypeError("LeanLinearModel supports l2-normalised TfidfVectorizer blocks")
            if not vectorizer.use_idf:
                raise TypeError("LeanLinearModel needs use_idf=True")
            self._blocks.append(_columns(vectorizer, offset))
            size = len(vectorizer.vocabulary_)
            idf.append(np.asarray(vectorizer.idf_, dtype=np.float64))
            block_of.append(np.full(size, block, dtype=np.intp))
            sublinear.add(bool(vectorizer.sublinear_tf))
            offset += size
        if sublinear != {True}:
            raise TypeError("LeanLinearModel needs sublinear_tf=True in every block")
        if coef.shape[1] != offset:
            raise ValueError(f"coef has {coef.shape[1]} columns, the features {offset}")
        self._idf = np.concatenate(idf)
        self._block_of = np.concatenate(block_of)
        self._weights = np.array(
            [float(weights.get(name, 1.0)) for name, _ in features.transformer_list]
        )
        # Feature-major and contiguous: the rows for one message's columns are a cheap gather.
        self._coef_t = np.ascontiguousarray(coef.T, dtype=np.float64)
        self._intercept = np.asarray(intercept, dtype=np.float64)
        self.temperature = float(temperature)

    def word_support(self, features: FeatureUnion, block: str) -> WordSupport | None:
        """`WordSupport` over the named word block of `features` (the union this model was built on)."""
        offset = 0
        for name, vectorizer in features.transformer_list:
            if name == block:
                return WordSupport(vectorizer, offset, self._coef_t)
            offset += len(vectorizer.vocabulary_)
        return None

    def _row(self, text: str) -> tuple[FloatArray, FloatArray]:
        """The message's non-zero columns and their TF-IDF values, as the fitted union computes them."""
        ids: list[int] = []
        for columns in self._blocks:
            ids.extend(columns(text))
        cols, counts = np.unique(np.array(ids, dtype=np.intp), return_counts=True)
        values = (np.log(counts) + 1.0) * self._idf[cols]  # sublinear tf times idf
        block = self._block_of[cols]
        # l2-normalise each block separately, then apply its FeatureUnion weight (as sklearn does).
        norms = np.sqrt(np.bincount(block, weights=values * values, minlength=len(self._weights)))
        values *= (self._weights / np.maximum(norms, 1e-300))[block]
        return cols, values

    def scores(self, text: str) -> FloatArray:
        columns, values = self._row(text)
        if not len(columns):
            return self._intercept.copy()
        result: FloatArray = values @ self._coef_t[columns] + self._intercept
        return result

    def predict_proba_one(self, text: str) -> FloatArray:
        return softmax(self.scores(text), self.temperature)

    def predict_proba(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, self._intercept.shape[0]))
        return np.vstack([self.predict_proba_one(t) for t in texts])
