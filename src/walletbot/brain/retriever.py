"""FAQ retriever: TF-IDF over every phrasing of every FAQ entry, re-ranked with rapidfuzz.

An entry is scored by the cosine similarity of the query to the entry's centroid (the normalised sum
of its phrasings' vectors): an entry asked in many ways is matched by what its phrasings share, not
by one phrasing's accidental overlap. rapidfuzz's token ratio against the closest phrasings then
rescues typos that break too many n-grams. Fitted once; immutable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize

# How much of the score comes from the fuzzy string ratio; the rest is TF-IDF cosine similarity.
FUZZ_WEIGHT = 0.2
# Only this many phrasings (by cosine) are compared with rapidfuzz: it is the costly part.
FUZZ_POOL = 24
# Function words carry no topic, but negations and particles do ("can't log in", "log out").
STOP_WORDS = sorted(
    ENGLISH_STOP_WORDS - {"not", "no", "cannot", "never", "off", "out", "up", "down", "back"}
)


@dataclass(frozen=True)
class Candidate:
    faq_id: str
    score: float  # 0..1, higher is closer
    phrasing: str  # the indexed phrasing closest to the query (normalised)


# A token is a Latin/digit word or ONE Han character: Chinese has no spaces, so the default pattern
# would make a whole Chinese sentence one "word". Bigrams of Han tokens are then Chinese words.
TOKEN_PATTERN = r"[a-z0-9]+(?:'[a-z]+)?|[\u3400-\u4dbf\u4e00-\u9fff]"


def vectorizers() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    """Tokens 1-2 (English words, Chinese characters and their pairs); characters 1-3 within
    words, which survive English typos."""
    return (
        TfidfVectorizer(
            ngram_range=(1, 2),
            sublinear_tf=True,
            stop_words=STOP_WORDS,
            token_pattern=TOKEN_PATTERN,
        ),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True),
    )


class FaqRetriever:
    def __init__(
        self,
        words: TfidfVectorizer,
        chars: TfidfVectorizer,
        phrasing_matrix: csr_matrix,
        faq_ids: Sequence[str],
        texts: Sequence[str],
    ) -> None:
        self._words = words
        self._chars = chars
        self._texts = tuple(texts)
        self.entries = tuple(dict.fromkeys(faq_ids))  # entry ids, in first-seen order
        position = {faq_id: i for i, faq_id in enumerate(self.entries)}
        self._entry_of = np.array([position[f] for f in faq_ids])
        membership = csr_matrix(
            (np.ones(len(faq_ids)), (self._entry_of, np.arange(len(faq_ids)))),
            shape=(len(self.entries), len(faq_ids)),
        )
        self._phrasings_t = phrasing_matrix.T.tocsr()
        self._centroids_t = normalize(membership @ phrasing_matrix).T.tocsr()

    @classmethod
    def fit(cls, texts: Sequence[str], faq_ids: Sequence[str]) -> FaqRetriever:
        """Index normalised phrasings, each labelled with the FAQ entry it asks for."""
        if len(texts) != len(faq_ids) or not texts:
            raise ValueError("fit needs one faq id per phrasing, and at least one phrasing")
        words, chars = vectorizers()
        matrix = _join(words.fit_transform(texts), chars.fit_transform(texts))
        return cls(words, chars, matrix, faq_ids, texts)

    def vector(self, text: str) -> csr_matrix:
        return _join(self._words.transform([text]), self._chars.transform([text]))

    def search(self, text: str, top: int = 5) -> list[Candidate]:
        """The best `top` FAQ entries for a normalised query, best first."""
        query = self.vector(text)
        centroid = np.asarray((query @ self._centroids_t).todense()).ravel()
        phrasing = np.asarray((query @ self._phrasings_t).todense()).ravel()
        fuzzy = np.zeros(len(self.entries))
        closest: dict[int, int] = {}
        for index in np.argsort(-phrasing)[:FUZZ_POOL]:
            entry = int(self._entry_of[index])
            ratio = fuzz.token_set_ratio(text, self._texts[index]) / 100.0
            if ratio > fuzzy[entry]:
                fuzzy[entry] = ratio
            closest.setdefault(entry, int(index))
        scores = (1 - FUZZ_WEIGHT) * centroid + FUZZ_WEIGHT * fuzzy
        best = np.argsort(-scores)[:top]
        return [
            Candidate(
                self.entries[i],
                round(float(scores[i]), 4),
                self._texts[closest[i]] if i in closest else "",
            )
            for i in best
        ]


def _join(words: csr_matrix, chars: csr_matrix) -> csr_matrix:
    # Each block is L2-normalised; scaling both by sqrt(1/2) keeps the joined row at unit length,
    # so the dot product of two rows is the mean of the word and character cosine similarities.
    joined: csr_matrix = hstack([words, chars]).tocsr() * np.sqrt(0.5)
    return joined
