"""Intent classifier: bilingual TF-IDF features and a linear SVM with temperature-calibrated confidence.

A generic component trained on (text, label) pairs: the service trains it on the FAQ, the evaluation
trains it on public benchmarks. Callers pass text already passed through `text.normalise`.

Chosen by cross-validation on Banking77 train (see benchmarks/README.md): words 1-2 + char_wb 1-5 +
unordered (stemmed) word pairs, LinearSVC C=0.7. The SVM was as accurate as logistic regression and ~10x
faster to train; its scores become probabilities through a softmax whose temperature minimises the
log-loss of cross-validated scores, so `confidence` means what it says and one threshold can hand off.
For out-of-scope text `Prediction.scope` (winning score + word coverage/support) separates better.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from walletbot.brain.analyzers import WORD, WordPairs
from walletbot.brain.fast_inference import FloatArray, WordSupport, softmax, softmax_list

if TYPE_CHECKING:  # imported where used: the server never loads scikit-learn (docs/model.md)
    from sklearn.pipeline import FeatureUnion
    from sklearn.svm import LinearSVC

SVM_C = 0.7
CV_FOLDS = 3
# Used when some label has a single example, so no held-out score exists to fit the temperature on;
# a typical fitted value (SVM margins are ~1, so this makes a clear winner ~0.9 probable).
DEFAULT_TEMPERATURE = 0.15
# scope = winning SVM score + these times the words' coverage and support (see `Prediction.scope`);
# chosen on CLINC150 val + oos_val (benchmarks/README.md).
COVERAGE_WEIGHT = 1.0
SUPPORT_WEIGHT = 0.5


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float  # calibrated probability of `label`
    ranked: tuple[tuple[str, float], ...]  # the best labels with their probabilities, best first
    # Out-of-scope score, higher = more in scope (no fixed range; threshold it, e.g. chosen on a val
    # set with out-of-scope rows): the label's raw SVM score + COVERAGE_WEIGHT * share of known words
    # + SUPPORT_WEIGHT * idf-weighted share of words the label's coefficients favour. It separated
    # CLINC150's out-of-scope queries better than `confidence` did.
    scope: float


def _features(with_pairs: bool) -> FeatureUnion:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    # Words for English; character n-grams (within word boundaries) for Chinese, which has no spaces,
    # and for English typos and inflections. lowercase=False: callers pass normalised (case-folded) text.
    blocks: list[tuple[str, TfidfVectorizer]] = [
        (
            "words",
            TfidfVectorizer(
                ngram_range=(1, 2), sublinear_tf=True, lowercase=False, token_pattern=WORD.pattern
            ),
        ),
        (
            "chars",
            TfidfVectorizer(
                analyzer="char_wb", ngram_range=(1, 5), sublinear_tf=True, lowercase=False
            ),
        ),
    ]
    if with_pairs:  # absent when no text has two words (e.g. only unspaced Chinese phrases)
        blocks.append(("pairs", TfidfVectorizer(analyzer=WordPairs(), sublinear_tf=True)))
    return FeatureUnion(blocks)


def _svm(random_state: int) -> LinearSVC:
    from sklearn.svm import LinearSVC

    return LinearSVC(C=SVM_C, max_iter=10_000, random_state=random_state)


def _linear_params(model: LinearSVC) -> tuple[FloatArray, FloatArray]:
    """(coef, intercept) with one row per class; a binary SVM's single row becomes [-w, +w]."""
    coef = np.asarray(model.coef_, dtype=np.float64)
    intercept = np.asarray(model.intercept_, dtype=np.float64)
    if coef.shape[0] == 1:
        return np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
    return coef, intercept


def _decision(model: LinearSVC, matrix: object) -> FloatArray:
    scores = np.asarray(model.decision_function(matrix), dtype=np.float64)
    return np.column_stack([-scores, scores]) if scores.ndim == 1 else scores


def _fit_temperature(matrix: object, y: np.ndarray, random_state: int) -> float:
    """Temperature minimising the log-loss of out-of-fold scores (features fitted once, on all rows)."""
    from scipy.optimize import minimize_scalar
    from scipy.special import log_softmax
    from sklearn.model_selection import StratifiedKFold

    folds = min(CV_FOLDS, int(np.bincount(y).min()))
    if folds < 2:
        return DEFAULT_TEMPERATURE
    scores = np.zeros((len(y), int(y.max()) + 1))
    splitter = StratifiedKFold(folds, shuffle=True, random_state=random_state)
    for train, held_out in splitter.split(np.zeros(len(y)), y):
        model = _svm(random_state).fit(matrix[train], y[train])  # type: ignore[index]
        scores[held_out] = _decision(model, matrix[held_out])  # type: ignore[index]
    rows = np.arange(len(y))

    def loss(log_t: float) -> float:
        return -float(np.mean(log_softmax(scores / np.exp(log_t), axis=1)[rows, y]))

    best = minimize_scalar(loss, bounds=(np.log(1e-3), np.log(10.0)), method="bounded")
    return float(np.exp(best.x))


class IntentClassifier:
    """Fitted once and immutable: safe to share between requests and to swap atomically.

    `predict`/`predict_batch` run the lean path (what the service uses); `reference_proba` runs the
    fitted scikit-learn objects and exists to prove the two agree. Pickled, it leaves the fitted
    objects behind: the copy predicts (lean path) without scikit-learn, but has no reference.
    """

    def __init__(self, features: FeatureUnion, model: LinearSVC, temperature: float) -> None:
        from walletbot.brain.export import lean_model

        self._features: FeatureUnion | None = features
        self._model: LinearSVC | None = model
        self.temperature = temperature
        self.labels: tuple[str, ...] = tuple(str(c) for c in model.classes_)
        coef, intercept = _linear_params(model)
        self._lean = lean_model(features, coef, intercept, temperature)
        self._support: WordSupport | None = self._lean.word_support("words")

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_features": None, "_model": None}

    def _reference(self) -> tuple[FeatureUnion, LinearSVC]:
        if self._features is None or self._model is None:
            raise RuntimeError("this copy was pickled without its scikit-learn objects")
        return self._features, self._model

    @classmethod
    def fit(
        cls, texts: Sequence[str], labels: Sequence[str], *, random_state: int = 0
    ) -> IntentClassifier:
        if len(texts) != len(labels) or not texts:
            raise ValueError("fit needs as many labels as texts, and at least one of each")
        if len(set(labels)) < 2:
            raise ValueError("fit needs at least two distinct labels")
        features = _features(with_pairs=any(WordPairs()(t) for t in texts))
        matrix = features.fit_transform(list(texts))
        classes, y = np.unique(np.asarray(labels, dtype=str), return_inverse=True)
        temperature = _fit_temperature(matrix, y, random_state)
        model = _svm(random_state).fit(matrix, classes[y])
        return cls(features, model, temperature)

    def reference_proba(self, texts: Sequence[str]) -> FloatArray:
        """Probabilities through the scikit-learn objects (batch-efficient; the lean path's reference)."""
        features, model = self._reference()
        return softmax(_decision(model, features.transform(list(texts))), self.temperature)

    def predict_proba(self, texts: Sequence[str]) -> FloatArray:
        """Probabilities, one row per text, columns in `labels` order."""
        return self._lean.predict_proba(texts)

    def lean_proba_one(self, text: str) -> FloatArray:
        """One message's probabilities through the lean path (no `Prediction` built)."""
        return self._lean.predict_proba_one(text)

    def reference_scope(self, texts: Sequence[str]) -> FloatArray:
        """`Prediction.scope` through the scikit-learn objects (the lean path's reference)."""
        features, model = self._reference()
        texts = list(texts)
        scores = _decision(model, features.transform(texts))
        best = scores.argmax(axis=1)
        result: FloatArray = scores[np.arange(len(texts)), best]
        words = dict(features.transformer_list)["words"]
        coef, _ = _linear_params(model)
        analyze = words.build_analyzer()
        unknown_idf = float(words.idf_.max())
        for row, (text, label) in enumerate(zip(texts, best, strict=True)):
            tokens = [t for t in analyze(text) if " " not in t]  # unigrams
            if not tokens:
                continue
            columns = [words.vocabulary_.get(t) for t in tokens]
            idf = np.array([unknown_idf if c is None else words.idf_[c] for c in columns])
            favoured = np.array([c is not None and coef[label, c] > 0 for c in columns])
            coverage = sum(c is not None for c in columns) / len(tokens)
            support = idf[favoured].sum() / idf.sum()
            result[row] += COVERAGE_WEIGHT * coverage + SUPPORT_WEIGHT * support
        return result

    def predict_batch(self, texts: Sequence[str], top: int = 3) -> list[Prediction]:
        return [self.predict(t, top) for t in texts]

    def predict(self, text: str, top: int = 3) -> Prediction:
        scores = self._lean.scores(text).tolist()
        row, order = self._ranked(scores)
        best = order[0]
        scope = scores[best]
        if self._support is not None:
            coverage, support = self._support(text, best)
            scope += COVERAGE_WEIGHT * coverage + SUPPORT_WEIGHT * support
        ranked = tuple((self.labels[i], row[i]) for i in order[: max(top, 1)])
        return Prediction(label=ranked[0][0], confidence=ranked[0][1], ranked=ranked, scope=scope)

    def beliefs(self, text: str) -> dict[str, float]:
        """Every label's probability, best first: `predict(text, top=all).ranked` as a dict,
        without the out-of-scope score and its word look-ups (what the engine needs)."""
        row, order = self._ranked(self._lean.scores(text).tolist())
        labels = self.labels
        return {labels[i]: row[i] for i in order}

    def _ranked(self, scores: list[float]) -> tuple[list[float], list[int]]:
        """Probabilities, and the label indexes best first."""
        # Plain floats: for a few dozen labels numpy's per-call cost (softmax, argsort, a scalar
        # per label) is several times the arithmetic (18 against 7.5 µs measured).
        row = softmax_list(scores, self.temperature)
        # `sorted` is stable with reverse=True, so ties keep label order.
        return row, sorted(range(len(row)), key=row.__getitem__, reverse=True)
