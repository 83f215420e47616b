"""English words misspelled by one slip, read as the word of the FAQ's vocabulary they stand for.

"i did not recieve my pasword": "recieve" and "pasword" are no words the model was trained on,
and their character n-grams only half match. A word of five letters or more that the FAQ's texts
never use and that is no English word, one edit (a letter dropped, added or replaced, or two
neighbours swapped) from exactly one word the FAQ uses, is read as that word. pyspellchecker
gives the edits and, in training only, its English dictionary: "unable" is one edit from
"enable", "playing" from "paying", "could" from "would", and each is a word of its own, so it is
left as written. So are shorter words and words with two candidates ("withdrawl": "withdraw" or
"withdrawal").

The English dictionary (about 30 MB in memory) is read where the engine is trained, never in a
serving worker: what is kept is the FAQ's vocabulary and the English words one edit from it.

Chinese has the slip of an input method: a character typed twice ("提提现多久到账"). A doubled
character that the FAQ's texts never double is read once; doubling is also how Chinese forms
words ("谢谢", "看看", "试试"), and those the texts use stay as written.
Works on `normalise()`d text; digits are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spellchecker import SpellChecker

# Contractions whole: "wouldn't" is no slip of "would".
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
_DOUBLED_HAN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff])\1")
MIN_LENGTH = 5
SEEN_SIZE = 50_000


class Spelling:
    def __init__(
        self,
        vocabulary: Iterable[str],
        english_near: Iterable[str],
        doubled_han: Iterable[str] = (),
    ) -> None:
        self._vocabulary = SpellChecker(language=None, distance=1)
        self._doubled_han = frozenset(doubled_han)  # "谢谢": doubled in the texts, so a word
        self._vocabulary.word_frequency.load_words(vocabulary)
        self._english_near = frozenset(english_near)  # real words: never "corrected"
        self._seen: dict[str, str] = {}  # words repeat: each is looked up once (a dict pickles)

    @classmethod
    def fit(cls, texts: Iterable[str]) -> Spelling:
        """The vocabulary of the texts the model was trained on (normalised), and the English
        words one edit from one of its words."""
        texts = list(texts)
        vocabulary = {w for text in texts for w in _WORD.findall(text)}
        doubled = {m.group() for text in texts for m in _DOUBLED_HAN.finditer(text)}
        english = SpellChecker(language="en", distance=1)
        near: set[str] = set()
        for word in vocabulary:
            if len(word) >= MIN_LENGTH - 1:
                near |= english.known(english.edit_distance_1(word))
        return cls(vocabulary, near - vocabulary, doubled)

    def correct(self, text: str) -> str:
        return _DOUBLED_HAN.sub(self._han, _WORD.sub(self._word, text))

    def _han(self, found: re.Match[str]) -> str:
        pair = found.group()
        return pair if pair in self._doubled_han else pair[0]

    def _word(self, found: re.Match[str]) -> str:
        word = found.group()
        if len(word) < MIN_LENGTH or "'" in word or word in self._english_near:
            return word
        hit = self._seen.get(word)
        if hit is None:  # a local: another thread may clear the dict meanwhile
            hit = self._nearest(word)
            if len(self._seen) >= SEEN_SIZE:
                self._seen.clear()
            self._seen[word] = hit
        return hit

    def _nearest(self, word: str) -> str:
        candidates = self._vocabulary.candidates(word) or set()
        return next(iter(candidates)) if len(candidates) == 1 else word
