"""A learned reading of urgency, beside triage's rules: has money been taken or the account
compromised (risk), is someone posing as support asking for a code, a transfer or a fee (scam)?

Rules written from stories catch those stories: on a set of reports no rule was written from
(data/eval/triage_fresh3.csv) they handed off 59 % at once. Two logistic regressions over
character and word n-grams, trained on labelled first messages, read the same reports in other
words (benchmarks/README.md, "A learned reading of urgency"). They only add flags: a message the
rules flag stays flagged, and triage keeps its guards (a hypothetical, a general question, "it was
me") over what the model adds.

Training data (bundled with the code, read once per process):
- the three triage sets of data/eval written by helpers who saw neither rules nor tests, each
  message labelled `scam` and `risk`; triage_fresh4.csv is never trained on: it is the held-out
  figure;
- as messages that are neither: ordinary messages with numbers (the shield's held-out
  `ordinary_numbers_fresh*.csv`), requests and complaints that sound urgent without a loss
  (`ordinary_urgent_tone.csv`), and the FAQ's phrasings that no rule flags.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from walletbot.brain.fast_inference import LeanLinearModel

if TYPE_CHECKING:
    from sklearn.pipeline import FeatureUnion

REPORT_FILES = ("triage_fresh.csv", "triage_fresh2.csv", "triage_fresh3.csv")
ORDINARY_FILES = (
    *(f"ordinary_numbers_fresh{suffix}.csv" for suffix in ("", "2", "3", "4")),
    # Requests and complaints that sound urgent ("delete my account right now!", "赶紧解决") and
    # report no loss: urgency words alone are no emergency.
    "ordinary_urgent_tone.csv",
)
FLAGS = ("scam", "risk")
# Chosen with the first two sets as training data and the third as validation
# (benchmarks/choose_urgency_threshold.py): the highest recall whose false alarms on the third
# set's look-alikes stay within one of the rules' and whose new flags over CLINC150 stay under 0.2 %.
THRESHOLD = 0.6
C = 10.0


@dataclass(frozen=True)
class Example:
    text: str  # normalised and masked, as triage reads it
    scam: bool
    risk: bool


class UrgencyModel:
    """Each flag's probability, a logistic regression's over the examples' n-grams; served by the
    lean path (fast_inference.py), so the server never loads scikit-learn."""

    def __init__(self, lean: LeanLinearModel) -> None:
        self._lean = lean  # one row of coefficients per flag, in FLAGS' order

    @classmethod
    def fit(cls, examples: Sequence[Example]) -> UrgencyModel:
        from walletbot.brain.export import lean_model

        features, models = fit_reference(examples)
        coef = np.vstack([models[flag].coef_[0] for flag in FLAGS])
        intercept = np.array([models[flag].intercept_[0] for flag in FLAGS])
        return cls(lean_model(features, coef, intercept, temperature=1.0))

    def probabilities(self, text: str) -> dict[str, float]:
        """Each flag's probability for a normalised, masked message."""
        scores = self._lean.scores(text)
        return {flag: _sigmoid(float(s)) for flag, s in zip(FLAGS, scores, strict=True)}

    def flags(self, text: str) -> tuple[str, ...]:
        """The flags whose probability reaches the threshold."""
        return tuple(f for f, p in self.probabilities(text).items() if p >= THRESHOLD)


def _sigmoid(score: float) -> float:
    return (
        1.0 / (1.0 + math.exp(-score)) if score >= 0 else math.exp(score) / (1.0 + math.exp(score))
    )


def fit_reference(examples: Sequence[Example]) -> tuple[FeatureUnion, dict[str, Any]]:
    """The fitted scikit-learn objects: the features and one logistic regression per flag."""
    from sklearn.linear_model import LogisticRegression

    features = _features()
    matrix = features.fit_transform([e.text for e in examples])
    models = {}
    for flag in FLAGS:
        labels = np.asarray([getattr(e, flag) for e in examples], dtype=int)
        # Balanced: a few hundred reports against a few thousand ordinary messages.
        model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
        models[flag] = model.fit(matrix, labels)
    return features, models


def _features() -> FeatureUnion:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    # Characters read Chinese (no word boundaries) and misspelt English; words keep phrases
    # ("posing as", "asked me for") that characters within a word do not. lowercase=False: the
    # text is normalised (case-folded) already.
    words = TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, lowercase=False, token_pattern=r"(?u)\b\w+\b"
    )
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, lowercase=False
    )
    return FeatureUnion([("chars", chars), ("words", words)])


def read_reports(path: Path) -> list[tuple[str, bool, bool]]:
    """A triage set: (text as written, scam, risk)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [(r["text"], r["scam"] == "1", r["risk"] == "1") for r in csv.DictReader(handle)]


def read_texts(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [r["text"] for r in csv.DictReader(handle)]


def bundled_examples(
    folder: Path,
    faq_phrasings: Iterable[str],
    read: Callable[[str], str],
    report_files: Sequence[str] = REPORT_FILES,
) -> list[Example]:
    """The labelled examples in `folder` (data/eval), and the FAQ's phrasings as ordinary
    messages, each read (masked, normalised) as triage will read it."""
    reports = [row for name in report_files for row in read_reports(folder / name)]
    ordinary = [text for name in ORDINARY_FILES for text in read_texts(folder / name)]
    out = [Example(read(text), scam, risk) for text, scam, risk in reports]
    return out + [Example(read(text), False, False) for text in [*ordinary, *faq_phrasings]]
