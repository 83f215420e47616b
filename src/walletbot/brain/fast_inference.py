"""Lean inference for a fitted TF-IDF feature union and linear model: same numbers, far less overhead.

scikit-learn spends ~1 ms per call on validation and sparse-matrix bookkeeping, while the arithmetic for
one short message is a few hundred multiply-adds. `LeanLinearModel` holds what the fitted objects know
(vocabularies, idf weights, block weights, coefficients) as plain dicts and numpy arrays and rebuilds
the sparse row itself, with the analyzers of `analyzers.py`. It imports neither scikit-learn nor
SciPy and pickles to plain data, so a model trained in a child process serves in one that never
loads them (`export.py` builds it from the fitted objects). Tests assert equal labels and
confidences against the fitted objects on real data.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal

import numpy as np

from walletbot.brain.analyzers import (
    WORD,
    WORD_CACHE_SIZE,
    WordPairs,
    stem,
    tokenizer,
    word_char_ngrams,
    word_ngrams,
)

FloatArray = np.ndarray
MAX_C_GRAM = 5  # the longest character n-gram the C look-up packs into its keys
# Longer words are not memoised: in Chinese a "word" (no spaces) is a whole clause, seen once.
MEMO_WORD_CHARS = 16

extension: ModuleType | None
try:  # built from _tfidf.c at install; optional (no compiler: pure Python and numpy, same numbers)
    from walletbot.brain import _tfidf as extension
except ImportError:  # pragma: no cover - only where the extension did not build
    extension = None


def softmax(scores: FloatArray, temperature: float) -> FloatArray:
    """Row-wise softmax of scores / temperature (numerically safe); shared with the reference path."""
    z = scores / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    result: FloatArray = e / e.sum(axis=-1, keepdims=True)
    return result


def round_score(score: float) -> float:
    """A score to 4 decimals, as reported and compared. `round(x, 4)` goes through a decimal
    string; this is arithmetic (a decision's dozen scores: 9k fewer of its 1,099k instructions).
    It equalled `round` on 200,000 random scores; exact halves may round up where `round` rounds
    to even, and no ranking depends on that."""
    return math.floor(score * 10_000.0 + 0.5) / 10_000.0


def softmax_list(scores: list[float], temperature: float) -> list[float]:
    """`softmax` of one row as plain floats, in the same order of operations (equal within an ulp
    or two: math.exp and numpy's exp may round differently)."""
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


def _union_columns(spec: BlockSpec, offset: int) -> dict[str, int]:
    """term -> its column in the whole union (the block's columns start at `offset`)."""
    return {term: offset + i for term, i in spec.vocabulary.items()}


def _char_wb_columns(spec: BlockSpec, offset: int) -> Callable[[str], list[int]]:
    """char_wb n-grams never cross a word boundary, so a message's columns are the concatenation of
    its words' columns. Words that can repeat (English words, short Chinese phrases) keep their
    columns; an unspaced Chinese clause is one long word, seen once, and is not kept."""
    vocabulary = _union_columns(spec, offset)
    min_n, max_n = spec.ngram_range
    word_columns: Callable[[str], tuple[int, ...]]
    if extension is not None and max_n <= MAX_C_GRAM:
        # In C: no string per n-gram and no dict look-up (see _tfidf.c).
        table = extension.char_gram_table(vocabulary, min_n, max_n)
        find = extension.char_wb_columns

        def word_columns(word: str) -> tuple[int, ...]:
            return tuple(find(table, word))

    else:

        def word_columns(word: str) -> tuple[int, ...]:
            grams = word_char_ngrams(word, min_n, max_n)
            return tuple(c for c in map(vocabulary.get, grams) if c is not None)

    by_word: dict[str, tuple[int, ...]] = {}

    def columns(text: str) -> list[int]:
        result: list[int] = []
        for word in text.split():
            found = by_word.get(word)
            if found is None:
                found = word_columns(word)
                # bounded: novel words cannot grow it forever
                if len(word) <= MEMO_WORD_CHARS and len(by_word) < WORD_CACHE_SIZE:
                    by_word[word] = found
            result.extend(found)
        return result

    return columns


def _pair_columns(spec: BlockSpec, offset: int) -> Callable[[str], list[int]]:
    # Only words that occur in some pair can make a known pair: number them in sorted order (so
    # sorting numbers sorts the words, as `WordPairs` does) and drop the rest before pairing.
    union = _union_columns(spec, offset)
    split = {tuple(term.split(WordPairs.separator)): c for term, c in union.items()}
    number = {word: i for i, word in enumerate(sorted({w for pair in split for w in pair}))}
    by_pair = {(number[a], number[b]): c for (a, b), c in split.items()}

    tokenize = tokenizer(WORD)

    def known_words(text: str) -> list[int]:
        return sorted({n for n in map(number.get, map(stem, tokenize(text))) if n is not None})

    if extension is None:

        def python_columns(text: str) -> list[int]:
            found = map(by_pair.get, itertools.combinations(known_words(text), 2))
            return [c for c in found if c is not None]

        return python_columns

    # The C side binary-searches a * n + b among the pairs' sorted keys: no tuple per pair.
    n = len(number)
    keyed = sorted((a * n + b, c) for (a, b), c in by_pair.items())
    keys = np.array([k for k, _ in keyed], dtype=np.int64)
    pair_columns = np.array([c for _, c in keyed], dtype=np.int64)
    find = extension.pair_columns

    def columns(text: str) -> list[int]:
        result: list[int] = find(known_words(text), n, keys, pair_columns)
        return result

    return columns


def _word_columns(spec: BlockSpec, offset: int) -> Callable[[str], list[int]]:
    vocabulary = _union_columns(spec, offset)
    pattern = re.compile(spec.token_pattern)
    end = offset + len(spec.vocabulary)  # every column of the block is below it
    bigrams = _bigram_keys(spec, vocabulary, end)
    if extension is None or bigrams is None:

        def python_columns(text: str) -> list[int]:
            grams = word_ngrams(text, pattern, spec.ngram_range, spec.stop_words)
            return [c for c in map(vocabulary.get, grams) if c is not None]

        return python_columns

    # The C side looks each token up once and finds a bigram by its two words' columns, so no
    # "a b" string is built per adjacent pair (most pairs are unknown anyway).
    unigrams = {term: c for term, c in vocabulary.items() if " " not in term}
    lookup = {**dict.fromkeys(spec.stop_words, -1), **unigrams}
    with_unigrams = spec.ngram_range[0] == 1
    keys, pair_columns = bigrams
    find = extension.word_columns
    tokenize = tokenizer(pattern)

    def columns(text: str) -> list[int]:
        result: list[int] = find(tokenize(text), lookup, with_unigrams, keys, pair_columns, end)
        return result

    return columns


def _bigram_keys(
    spec: BlockSpec, vocabulary: dict[str, int], end: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """Each bigram's key (first word's column * end + second's) and column, sorted by key; None
    when the block is not 1-2 grams, or a bigram's words are not both unigrams of the block (a
    vocabulary pruned by frequency): the C path could not find such a bigram."""
    if not 1 <= spec.ngram_range[0] <= spec.ngram_range[1] <= 2:
        return None
    keyed = []
    for term, column in vocabulary.items():
        if " " in term:
            first, _, second = term.partition(" ")
            a, b = vocabulary.get(first), vocabulary.get(second)
            if a is None or b is None or " " in second:
                return None
            keyed.append((a * end + b, column))
    keyed.sort()
    return (
        np.array([k for k, _ in keyed], dtype=np.int64),
        np.array([c for _, c in keyed], dtype=np.int64),
    )


_COLUMNS = {"words": _word_columns, "char_wb": _char_wb_columns, "pairs": _pair_columns}


class WordSupport:
    """How well one label accounts for a message's words: (coverage, support), both in [0, 1].

    coverage = share of the word tokens in the vocabulary; support = idf-weighted share of the tokens
    whose coefficient for the label is positive (unknown words weigh the largest idf). Out-of-scope
    messages tend to have unknown words, or words the winning label does not vouch for, even when
    char n-grams give that label a fair score.
    """

    def __init__(self, spec: BlockSpec, offset: int, coef_t: FloatArray) -> None:
        self._tokenize = tokenizer(re.compile(spec.token_pattern))
        # unigram -> (idf, labels whose coefficient is positive): plain Python, no numpy per token.
        # Bigram terms contain the space that joins their two words, so they are left out.
        self._terms = {
            term: (float(spec.idf[i]), frozenset(np.flatnonzero(coef_t[offset + i] > 0).tolist()))
            for term, i in spec.vocabulary.items()
            if " " not in term
        }
        self._unknown_idf = float(spec.idf.max())

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
        self._bounds = tuple(int(end) for end in np.cumsum(sizes))  # each block's end column
        self._block_weights = tuple(float(b.weight) for b in self.blocks)
        self.temperature = float(temperature)
        self._build_columns()

    def _build_columns(self) -> None:
        self._columns: list[Callable[[str], list[int]]] = []
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

    def _ids(self, text: str) -> list[int]:
        """The message's feature columns, one per n-gram (repeats count)."""
        ids: list[int] = []
        for columns in self._columns:
            ids.extend(columns(text))
        return ids

    def _row(self, ids: list[int]) -> tuple[FloatArray, FloatArray]:
        """The non-zero columns and their TF-IDF values, as the fitted union computes them."""
        cols, counts = np.unique(np.array(ids, dtype=np.intp), return_counts=True)
        values = (np.log(counts) + 1.0) * self._idf[cols]  # sublinear tf times idf
        block = self._block_of[cols]
        # l2-normalise each block separately, then apply its FeatureUnion weight (as sklearn does).
        norms = np.sqrt(np.bincount(block, weights=values * values, minlength=len(self._weights)))
        values *= (self._weights / np.maximum(norms, 1e-300))[block]
        return cols, values

    def scores(self, text: str) -> FloatArray:
        ids = self._ids(text)
        if extension is not None:
            result = self._intercept.copy()
            extension.add_scores(
                ids, self._idf, self._bounds, self._block_weights, self._coef_t, result
            )
            return result
        return self.numpy_scores(ids)

    def numpy_scores(self, ids: list[int]) -> FloatArray:
        """`scores` without the C extension (the fallback, and the extension's reference in tests)."""
        columns, values = self._row(ids)
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
