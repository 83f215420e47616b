"""Fitted scikit-learn TF-IDF unions -> the lean path's plain `BlockSpec`s (training side only).

Imported only where models are fitted (a child process in the service, the evaluation CLI, tests):
the serving process never loads scikit-learn.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from walletbot.brain.analyzers import WordPairs
from walletbot.brain.fast_inference import BlockSpec, FloatArray, LeanLinearModel


def lean_model(
    features: FeatureUnion, coef: FloatArray, intercept: FloatArray, temperature: float
) -> LeanLinearModel:
    """The lean twin of `features` followed by a linear model with these coefficients."""
    return LeanLinearModel(block_specs(features), coef, intercept, temperature)


def block_specs(features: FeatureUnion) -> list[BlockSpec]:
    weights = features.transformer_weights or {}
    return [
        block_spec(name, vectorizer, float(weights.get(name, 1.0)))
        for name, vectorizer in features.transformer_list
    ]


def block_spec(name: str, vectorizer: TfidfVectorizer, weight: float) -> BlockSpec:
    """What one fitted vectorizer knows, checked to be a case the lean analyzers reproduce."""
    v = vectorizer
    if not isinstance(v, TfidfVectorizer) or v.norm != "l2" or not v.use_idf or not v.sublinear_tf:
        raise TypeError("the lean path needs l2-normalised, sublinear-tf TfidfVectorizer blocks")
    vocabulary = {str(term): int(i) for term, i in v.vocabulary_.items()}
    idf = np.asarray(v.idf_, dtype=np.float64)
    if isinstance(v.analyzer, WordPairs):  # a callable analyzer skips all preprocessing
        return BlockSpec(name, "pairs", vocabulary, idf, weight)
    plain = (
        v.input == "content"
        and not v.lowercase
        and v.strip_accents is None
        and v.preprocessor is None
        and v.tokenizer is None
    )
    ngram_range = (int(v.ngram_range[0]), int(v.ngram_range[1]))
    if plain and v.analyzer == "char_wb":
        return BlockSpec(name, "char_wb", vocabulary, idf, weight, ngram_range)
    if plain and v.analyzer == "word":
        stop_words = frozenset(v.get_stop_words() or ())
        return BlockSpec(
            name, "words", vocabulary, idf, weight, ngram_range, v.token_pattern, stop_words
        )
    raise TypeError(f"block {name!r}: no lean analyzer reproduces this vectorizer")
