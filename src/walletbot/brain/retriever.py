"""FAQ retriever: TF-IDF over every phrasing of every FAQ entry, re-ranked with rapidfuzz.

An entry is scored by the cosine similarity of the query to the entry's centroid (the normalised sum
of its phrasings' vectors): an entry asked in many ways is matched by what its phrasings share, not
by one phrasing's accidental overlap. rapidfuzz's edit-distance ratio against the closest phrasings
then rescues typos that break too many n-grams. Fitted once; immutable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from walletbot.brain.fast_inference import FloatArray, round_score
from walletbot.brain.text import LANGS, Lang, detect_language

if TYPE_CHECKING:  # imported where used: the serving process never loads scikit-learn
    from scipy.sparse import csr_matrix
    from sklearn.pipeline import FeatureUnion

# Share of the token block (words, Han characters and their pairs) in the cosine similarity; the
# rest is the character n-gram block's. And how much of the score comes from rapidfuzz's string
# ratio; the rest is the cosine. Both chosen on validation queries with benchmarks/
# choose_ranking_weights.py (docs/model.md, "Ranking").
TOKEN_SHARE = 0.25
FUZZ_WEIGHT = 0.2
# Only the phrasings of this many entries (the closest by cosine) are compared with rapidfuzz:
# it is the costly part, and an entry far by n-grams is not rescued by a typo-tolerant ratio.
FUZZ_ENTRIES = 6
# Function words carry no topic (scikit-learn's English list), but negations and particles do
# ("can't log in", "log out"): these stay.
KEPT_STOP_WORDS = {"not", "no", "cannot", "never", "off", "out", "up", "down", "back"}


class Candidate(NamedTuple):
    faq_id: str
    score: float  # 0..1, higher is closer


# A token is a Latin/digit word or ONE Han character: Chinese has no spaces, so the default pattern
# would make a whole Chinese sentence one "word". Bigrams of Han tokens are then Chinese words.
TOKEN_PATTERN = r"[a-z0-9]+(?:'[a-z]+)?|[\u3400-\u4dbf\u4e00-\u9fff]"


class FaqRetriever:
    """Pickled, it leaves the fitted scikit-learn objects behind: the copy searches (lean path)
    without scikit-learn, but has no `reference_similarity`."""

    def __init__(
        self,
        features: FeatureUnion,
        matrix: csr_matrix,
        faq_ids: Sequence[str],
        texts: Sequence[str],
        fuzz_weight: float = FUZZ_WEIGHT,
    ) -> None:
        from scipy.sparse import csr_matrix
        from sklearn.preprocessing import normalize

        from walletbot.brain.export import lean_model

        self.entries = tuple(dict.fromkeys(faq_ids))  # entry ids, in first-seen order
        self.fuzz_weight = fuzz_weight
        position = {faq_id: i for i, faq_id in enumerate(self.entries)}
        entry_of = np.array([position[f] for f in faq_ids])
        membership = csr_matrix(
            (np.ones(len(faq_ids)), (entry_of, np.arange(len(faq_ids)))),
            shape=(len(self.entries), len(faq_ids)),
        )
        self._features: FeatureUnion | None = features
        self._centroids: csr_matrix | None = normalize(membership @ matrix)
        # Cosine to every centroid is a linear model with the centroids as weights: the lean path
        # computes it without scikit-learn's per-call overhead.
        self._lean = lean_model(
            features, self._centroids.toarray(), np.zeros(len(self.entries)), temperature=1.0
        )
        # Per entry and language: a query is only compared with rapidfuzz to phrasings in its own
        # language (a Chinese query never matches English characters anyway), halving the work.
        self._phrasings: dict[Lang, list[list[str]]] = {
            lang: [[] for _ in self.entries] for lang in LANGS
        }
        for faq_id, text in zip(faq_ids, texts, strict=True):
            self._phrasings[detect_language(text)][position[faq_id]].append(text)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_features": None, "_centroids": None}

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        faq_ids: Sequence[str],
        *,
        token_share: float = TOKEN_SHARE,
        fuzz_weight: float = FUZZ_WEIGHT,
    ) -> FaqRetriever:
        """Index normalised phrasings, each labelled with the FAQ entry it asks for."""
        if len(texts) != len(faq_ids) or not texts:
            raise ValueError("fit needs one faq id per phrasing, and at least one phrasing")
        if not 0 <= token_share <= 1 or not 0 <= fuzz_weight <= 1:
            raise ValueError("token_share and fuzz_weight are shares, between 0 and 1")
        features = _features(token_share)
        return cls(features, features.fit_transform(texts), faq_ids, texts, fuzz_weight)

    def centroid_similarity(self, text: str) -> FloatArray:
        """Cosine similarity of a normalised query to each entry's centroid (lean path)."""
        return self._lean.scores(text)

    def reference_similarity(self, text: str) -> FloatArray:
        """The same through scikit-learn, to prove the lean path right."""
        if self._features is None or self._centroids is None:
            raise RuntimeError("this copy was pickled without its scikit-learn objects")
        row = self._features.transform([text]) @ self._centroids.T
        return np.asarray(row.todense()).ravel()

    def search(self, text: str, top: int = 5) -> list[Candidate]:
        """The best `top` FAQ entries for a normalised query, best first."""
        # Plain lists from here on: for ~80 entries and ~36 phrasings, each numpy call costs more
        # than the arithmetic it would do (this glue took half of `search`).
        similarity = self.centroid_similarity(text)
        closest = _closest(similarity, max(top, FUZZ_ENTRIES))
        centroid = similarity.tolist()
        phrasings = self._phrasings[detect_language(text)]
        pool = [entry for entry in closest if phrasings[entry]]
        best = _best_ratios(text, [phrasings[entry] for entry in pool])
        weight = self.fuzz_weight
        scored = [
            Candidate(
                self.entries[entry],
                round_score((1 - weight) * centroid[entry] + weight * ratio / 100.0),
            )
            for entry, ratio in zip(pool, best, strict=True)
        ]
        scored.sort(key=lambda c: -c.score)
        return scored[:top]


def _closest(similarity: FloatArray, k: int) -> list[int]:
    """The k entries of highest similarity, best first; equal ones in entry order."""
    closest: list[int] = np.argsort(-similarity, kind="stable")[:k].tolist()
    return closest


def _best_ratios(text: str, groups: list[list[str]]) -> list[float]:
    """Each group's highest rapidfuzz `ratio` to the text."""
    # One rapidfuzz call over all the strings: per-call overhead dominates short strings.
    ratios = process.cdist([text], [t for g in groups for t in g], scorer=fuzz.ratio)[0].tolist()
    best, start = [], 0
    for group in groups:
        best.append(max(ratios[start : start + len(group)]))
        start += len(group)
    return best


def _features(token_share: float) -> FeatureUnion:
    """Tokens 1-2 (English words, Chinese characters and their pairs) and characters 1-3 within
    words, which survive English typos. Each block is L2-normalised and weighted by the square root
    of its share, so a row has unit length and a dot product is the blocks' cosine similarities
    mixed in those shares."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion(
        [
            (
                "tokens",
                TfidfVectorizer(
                    ngram_range=(1, 2),
                    sublinear_tf=True,
                    lowercase=False,  # callers pass normalised (case-folded) text
                    stop_words=sorted(ENGLISH_STOP_WORDS - KEPT_STOP_WORDS),
                    token_pattern=TOKEN_PATTERN,
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, lowercase=False
                ),
            ),
        ],
        transformer_weights={
            "tokens": float(np.sqrt(token_share)),
            "chars": float(np.sqrt(1 - token_share)),
        },
    )
