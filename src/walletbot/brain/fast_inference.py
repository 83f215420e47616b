"""Lean inference for a fitted TF-IDF feature union and a linear model: scikit-learn's numbers,
without its per-call cost.

scikit-learn spends about a millisecond per call on validation and sparse-matrix bookkeeping, while
the arithmetic for one short message is a few hundred multiply-adds. `LeanLinearModel` keeps what
the fitted objects know (vocabularies, idf weights, block weights, coefficients) as dicts and numpy
arrays: a message's n-grams (`analyzers.py`) are looked up in the vocabularies, and numpy weighs,
normalises and multiplies the few columns found. It imports neither scikit-learn nor SciPy and
pickles to plain data, so a model trained in a child process serves in one that never loads them
(`export.py` builds it from the fitted objects). Tests assert equal scores to the fitted objects
on the bundled FAQ and on Banking77 (docs/model.md, "Lean path").
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import numpy as np

from walletbot.brain.analyzers import WORD_CACHE_SIZE, WordPairs, word_char_ngrams, word_ngrams

FloatArray = np.ndarray


def softmax(scores: FloatArray, temperature: float) -> FloatArray:
    """Row-wise softmax of scores / temperature (numerically safe); shared with the reference path."""
    z = scores / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    result: FloatArray = e / e.sum(axis=-1, keepdims=True)
    return result


def round_score(score: float) -> float:
    """A score to 4 decimals, as reported and compared."""
    return round(score, 4)


def softmax_list(scores: list[float], temperature: float) -> list[float]:
    """`softmax` of one row as plain floats, in the same order of operations (equal within an ulp
    or two: math.exp and numpy's exp may round differently). For a few dozen labels, numpy's
    per-call cost is larger than the arithmetic."""
    z = [s / temperature for s in scores]
    top = max(z)
    e = [math.exp(v - top) for v in z]
    total = sum(e)
    return [v / total for v in e]


@dataclass(frozen=True)
class BlockSpec:
    """One l2-normalised, sublinear-tf TF-IDF block of a feature union, as plain data."""

    name: str
    kind: Literal["words", "char_wb", "pairs"]
    vocabulary: dict[str, int]  # term -> column within the block
    idf: FloatArray
    weight: float = 1.0  # the union's transformer weight
    ngram_range: tuple[int, int] = (1, 1)
    token_pattern: str = ""  # words only
    stop_words: frozenset[str] = field(default_factory=frozenset)  # words only


Columns = Callable[[str], list[int]]
# Words up to this long have their char n-gram columns memoised (`_char_wb_columns`).
MEMO_WORD_CHARS = 16


def _union_columns(spec: BlockSpec, offset: int) -> dict[str, int]:
    """term -> its column in the whole union (the block's columns start at `offset`)."""
    return {term: offset + i for term, i in spec.vocabulary.items()}


def _word_columns(spec: BlockSpec, offset: int) -> Columns:
    vocabulary = _union_columns(spec, offset)
    pattern = re.compile(spec.token_pattern)

    def columns(text: str) -> list[int]:
        grams = word_ngrams(text, pattern, spec.ngram_range, spec.stop_words)
        return [c for c in map(vocabulary.get, grams) if c is not None]

    return columns


def _char_wb_columns(spec: BlockSpec, offset: int) -> Columns:
    """char_wb n-grams never cross a word boundary, so a message's columns are its words' columns,
    one after the other. Words repeat endlessly, so each word's columns are memoised: the one
    speed trick of the lean path, a third of a decision's instructions (benchmarks/README.md,
    "Model": 1,696k without it, 1,090k with it)."""
    vocabulary = _union_columns(spec, offset)
    min_n, max_n = spec.ngram_range

    def word_columns(word: str) -> tuple[int, ...]:
        grams = word_char_ngrams(word, min_n, max_n)
        return tuple(c for c in map(vocabulary.get, grams) if c is not None)

    memoised = lru_cache(maxsize=WORD_CACHE_SIZE)(word_columns)

    def columns(text: str) -> list[int]:
        result: list[int] = []
        for word in text.split():
            # A longer "word" is mostly a Chinese clause (no spaces), seldom seen twice: not kept.
            result.extend(memoised(word) if len(word) <= MEMO_WORD_CHARS else word_columns(word))
        return result

    return columns


def _pair_columns(spec: BlockSpec, offset: int) -> Columns:
    """`WordPairs` looked up by word: only words that occur in some known pair can make one, so the
    others are dropped before pairing (a message's pairs grow with the square of its words)."""
    by_pair = {
        tuple(term.split(WordPairs.separator)): column
        for term, column in _union_columns(spec, offset).items()
    }
    paired = {word for pair in by_pair for word in pair}
    pairs = WordPairs()

    def columns(text: str) -> list[int]:
        words = [w for w in pairs.words(text) if w in paired]  # sorted, as `WordPairs` pairs them
        found = map(by_pair.get, itertools.combinations(words, 2))
        return [c for c in found if c is not None]

    return columns


_COLUMNS: dict[str, Callable[[BlockSpec, int], Columns]] = {
    "words": _word_columns,
    "char_wb": _char_wb_columns,
    "pairs": _pair_columns,
}


class WordSupport:
    """How well one label accounts for a message's words: (coverage, support), both in [0, 1].

    coverage = share of the word tokens in the vocabulary; support = idf-weighted share of the tokens
    whose coefficient for the label is positive (unknown words weigh the largest idf). Out-of-scope
    messages tend to have unknown words, or words the winning label does not vouch for, even when
    char n-grams give that label a fair score.
    """

    def __init__(self, spec: BlockSpec, offset: int, coef_t: FloatArray) -> None:
        self._findall = re.compile(spec.token_pattern).findall
        # unigram -> (idf, labels whose coefficient is positive): plain Python, no numpy per token.
        # Bigram terms contain the space that joins their two words, so they are left out.
        self._terms = {
            term: (float(spec.idf[i]), frozenset(np.flatnonzero(coef_t[offset + i] > 0).tolist()))
            for term, i in spec.vocabulary.items()
            if " " not in term
        }
        self._unknown_idf = float(spec.idf.max())

    def __call__(self, text: str, label: int) -> tuple[float, float]:
        tokens = self._findall(text)
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
        self,
        blocks: Sequence[BlockSpec],
        coef: FloatArray,
        intercept: FloatArray,
        temperature: float,
    ) -> None:
        self.blocks = tuple(blocks)
        sizes = [len(b.vocabulary) for b in self.blocks]
        if coef.shape[1] != sum(sizes):
            raise ValueError(f"coef has {coef.shape[1]} columns, the features {sum(sizes)}")
        self._idf = np.concatenate([np.asarray(b.idf, dtype=np.float64) for b in self.blocks])
        self._block_of = np.repeat(np.arange(len(sizes), dtype=np.intp), sizes)
        self._weights = np.array([b.weight for b in self.blocks], dtype=np.float64)
        # Feature-major and contiguous: the rows for one message's columns are a cheap gather.
        self._coef_t = np.ascontiguousarray(coef.T, dtype=np.float64)
        self._intercept = np.asarray(intercept, dtype=np.float64)
        self.temperature = float(temperature)
        self._build_columns()

    def _build_columns(self) -> None:
        self._columns: list[Columns] = []
        offset = 0
        for spec in self.blocks:
            self._columns.append(_COLUMNS[spec.kind](spec, offset))
            offset += len(spec.vocabulary)

    # Pickled as data; the look-up closures are rebuilt on arrival (closures do not pickle).
    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_columns"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._build_columns()

    def word_support(self, block: str) -> WordSupport | None:
        """`WordSupport` over the named word block."""
        offset = 0
        for spec in self.blocks:
            if spec.name == block:
                return WordSupport(spec, offset, self._coef_t)
            offset += len(spec.vocabulary)
        return None

    def columns(self, text: str) -> list[int]:
        """The message's feature columns, one per n-gram (repeats count)."""
        ids: list[int] = []
        for columns in self._columns:
            ids.extend(columns(text))
        return ids

    def row(self, text: str) -> tuple[FloatArray, FloatArray]:
        """The non-zero columns and their TF-IDF values, as the fitted union computes them."""
        ids = np.array(self.columns(text), dtype=np.intp)
        cols, counts = np.unique(ids, return_counts=True)
        values = np.log(counts) + 1.0  # sublinear tf ...
        values *= self._idf[cols]  # ... times idf
        # l2-normalise each block separately, then apply its FeatureUnion weight (as sklearn does).
        block = self._block_of[cols]
        squares = np.bincount(block, weights=values * values, minlength=len(self._weights))
        values *= (self._weights / np.sqrt(np.maximum(squares, 1e-300)))[block]
        return cols, values

    def scores(self, text: str) -> FloatArray:
        columns, values = self.row(text)
        result: FloatArray = values @ self._coef_t.take(columns, axis=0)
        result += self._intercept
        return result

    def predict_proba_one(self, text: str) -> FloatArray:
        return softmax(self.scores(text), self.temperature)

    def predict_proba(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, self._intercept.shape[0]))
        return np.vstack([self.predict_proba_one(t) for t in texts])
