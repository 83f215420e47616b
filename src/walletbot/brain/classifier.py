"""Intent classifier: bilingual TF-IDF features and a linear model with calibrated confidence.

A generic component trained on (text, label) pairs: the service trains it on the FAQ, the evaluation
trains it on public benchmarks. Callers pass text already passed through `text.normalise`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float  # calibrated probability of `label`
    ranked: tuple[tuple[str, float], ...]  # the best labels with their probabilities, best first


def _features() -> FeatureUnion:
    # Words for English; character n-grams (within word boundaries) for Chinese, which has no spaces,
    # and for English typos.
    return FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
            (
                "chars",
                TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True),
            ),
        ]
    )


class IntentClassifier:
    """Fitted once and immutable: safe to share between requests and to swap atomically."""

    def __init__(self, features: FeatureUnion, model: LogisticRegression) -> None:
        self._features = features
        self._model = model
        self.labels: tuple[str, ...] = tuple(str(c) for c in model.classes_)

    @classmethod
    def fit(
        cls, texts: Sequence[str], labels: Sequence[str], *, random_state: int = 0
    ) -> IntentClassifier:
        if len(texts) != len(labels) or not texts:
            raise ValueError("fit needs as many labels as texts, and at least one of each")
        if len(set(labels)) < 2:
            raise ValueError("fit needs at least two distinct labels")
        features = _features()
        matrix = features.fit_transform(texts)
        model = LogisticRegression(C=20.0, max_iter=2000, random_state=random_state)
        model.fit(matrix, list(labels))
        return cls(features, model)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self._model.predict_proba(self._features.transform(texts)))

    def predict_batch(self, texts: Sequence[str], top: int = 3) -> list[Prediction]:
        probabilities = self.predict_proba(texts)
        return [self._prediction(row, top) for row in probabilities]

    def predict(self, text: str, top: int = 3) -> Prediction:
        return self.predict_batch([text], top)[0]

    def _prediction(self, row: np.ndarray, top: int) -> Prediction:
        order = np.argsort(-row)[:top]
        ranked = tuple((self.labels[i], float(row[i])) for i in order)
        return Prediction(label=ranked[0][0], confidence=ranked[0][1], ranked=ranked)
