"""English words misspelled by one slip, read as the word of the FAQ's vocabulary they stand for.

"how long dose a withdrawl take": "withdrawl" is no word the model was trained on, and its
character n-grams only half match "withdrawal". A word of five letters or more that the FAQ's
texts never use, one edit (a letter dropped, added, replaced, or two neighbours swapped: optimal
string alignment, rapidfuzz) from exactly one word they use, is read as that word. Shorter words
and words with two candidates are left as written: "fees" and "feet", "card" and "cart" are one
edit apart and both real.

Works on `normalise()`d text; Chinese and digits are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

_WORD = re.compile(r"[a-z]+")
MIN_LENGTH = 5
SEEN_SIZE = 50_000


class Spelling:
    def __init__(self, words: Iterable[str]) -> None:
        self._known = frozenset(words)
        # One edit changes a length by one at most: only words of a near length are compared.
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self._known):
            self._by_length.setdefault(len(word), []).append(word)
        self._seen: dict[str, str] = {}  # words repeat: each is looked up once (a dict pickles)

    @classmethod
    def fit(cls, texts: Iterable[str]) -> Spelling:
        """The vocabulary of the texts the model was trained on (normalised)."""
        return cls(w for text in texts for w in _WORD.findall(text))

    def correct(self, text: str) -> str:
        return _WORD.sub(self._word, text)

    def _word(self, found: re.Match[str]) -> str:
        word = found.group()
        if len(word) < MIN_LENGTH or word in self._known:
            return word
        hit = self._seen.get(word)
        if hit is None:  # a local: another thread may clear the dict meanwhile
            hit = self._nearest(word)
            if len(self._seen) >= SEEN_SIZE:
                self._seen.clear()
            self._seen[word] = hit
        return hit

    def _nearest(self, word: str) -> str:
        n = len(word)
        choices = [w for size in (n - 1, n, n + 1) for w in self._by_length.get(size, ())]
        near = process.extract(word, choices, scorer=OSA.distance, score_cutoff=1, limit=2)
        return near[0][0] if len(near) == 1 else word
