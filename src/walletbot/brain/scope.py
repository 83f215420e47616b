"""The out-of-scope score the engine thresholds (docs/dialogue.md, "Out of scope").

`Prediction.scope` adds to the classifier's winning score the share of the message's words the
model knows (coverage). Its words are runs of letters: a Chinese sentence, written without spaces,
is one "word" nobody has seen, so for Chinese the coverage term is always about zero and the score
separates little. Chinese words are mostly two characters long, so for a Chinese message the
engine adds the same kind of coverage over character pairs: the share of its pairs that occur
anywhere in the knowledge base's phrasings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from walletbot.brain.classifier import COVERAGE_WEIGHT

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def _pairs(text: str) -> list[str]:
    pairs: list[str] = []
    for run in _HAN_RUN.findall(text):
        pairs.extend([run[i : i + 2] for i in range(len(run) - 1)] or [run])
    return pairs


class HanCoverage:
    """Fitted on normalised texts; immutable (a frozenset), cheap to pickle and share."""

    def __init__(self, known: frozenset[str]) -> None:
        self.known = known

    @classmethod
    def fit(cls, texts: Iterable[str]) -> HanCoverage:
        return cls(frozenset(pair for text in texts for pair in _pairs(text)))

    def __call__(self, text: str) -> float:
        """Share of a normalised message's character pairs seen in the texts; 0 without any."""
        pairs = _pairs(text)
        return sum(p in self.known for p in pairs) / len(pairs) if pairs else 0.0

    def scope(self, classifier_scope: float, text: str, lang: str) -> float:
        """The classifier's scope, plus the Chinese coverage term for a Chinese message."""
        return classifier_scope + COVERAGE_WEIGHT * self(text) if lang == "zh" else classifier_scope
