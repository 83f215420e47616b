"""Seed phrases: BIP-39 words in a row, English here, Chinese in `seeds_chinese.py`.

English words may be separated by spaces, commas, dashes, slashes, line breaks, quotes, list
numbers ("1. word", "1-word", "1)word") or written as a JSON array, in any case. A phrase is
eight or more list words in a row (part of a phrase is still a leak), with one word in twelve
allowed to be anything: a typo or a word the user got wrong. A misspelled word at either end
(within one edit of a list word, found with rapidfuzz) is part of the phrase too. Ordinary English
breaks such runs quickly: "my", "to", "the", "is" are not on the list, and grammar words are never
taken for a slip ("my seed phrase is …" keeps "seed phrase is"), except between list words in a
run of eleven, when it is one edit from one: "wire" typed "were".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from walletbot.brain.shield.findings import Finding
from walletbot.brain.shield.seed_runs import (
    BREAK,
    EXACT,
    NEAR,
    OTHER,
    Token,
    chains,
    phrases,
    wordlist,
)
from walletbot.brain.shield.seeds_chinese import LANGS, find_chinese_phrases
from walletbot.brain.shield.seeds_chinese import warm_up as chinese_warm_up

_WORD = re.compile(r"[A-Za-z]+")
FULL_LESS_ONE = 11  # list words of the shortest phrase (12), one slip aside
# The list words that English sentences are made of, beside their content words.
_PROSE = frozenset(
    str.split(
        """able about above across again all also always any around because before behind below
        between can during either else enough few first have into just later like more much must
        near never next now often once only other over own please same since soon still such that
        then there they this together under until upon very want way what when where will you"""
    )
)
_GRAMMAR = frozenset(
    str.split(
        """the and for are was were has had its his her our your yours mine here there that with
        from not but who what which when where why how then than these those them their"""
    )
)


# A few words of a phrase are a leak when the message says what they are, just before them: "前六个
# 词是network narrow control retreat deal logic", "the first words are …". Four list words then do.
_PART_LABEL = r"助记词|助記詞|[词詞](?:是|为|為|[:：])|(?<![A-Za-z])(?:seed|phrase|mnemonic|words?)(?![A-Za-z])"
_LABELLED_PART = re.compile(r"(?:" + _PART_LABEL + r")[^\n.。!?]{0,16}$", re.IGNORECASE)
_LABEL_ANYWHERE = re.compile(_PART_LABEL, re.IGNORECASE)  # the gate: most messages have none
LABELLED_LISTED = 4


def warm_up() -> None:
    """Load the word lists and the Chinese dictionary now rather than on the first long message."""
    for lang in ("english", *LANGS):
        wordlist(lang)
    chinese_warm_up()


def find_seed_phrases(t: str) -> Iterator[Finding]:
    yield from _english_phrases(t)
    yield from find_chinese_phrases(t)


def _english_phrases(t: str) -> Iterator[Finding]:
    _, ordered, listed = wordlist("english")
    # The cheap gate most messages stop at: a phrase holds eight list words, under 40 % of them
    # grammar-like (`_reads_like_prose`), so five or more others; four after a label.
    content = sum(map(_content_words().__contains__, _WORD.findall(t.lower())))
    if content < LABELLED_LISTED:
        return
    least = LABELLED_LISTED if _LABEL_ANYWHERE.search(t) else 8
    if content < 5 and least == 8:
        return
    tokens = [Token(m.start(), m.end()) for m in _WORD.finditer(t)]
    for chain in chains(t, tokens):
        for part in _split_at_two_others(t, chain, listed):
            yield from _part_phrases(t, part, ordered, listed, least)


@lru_cache(maxsize=1)
def _content_words() -> frozenset[str]:
    return wordlist("english")[2] - _PROSE


def _split_at_two_others(
    t: str, chain: list[Token], listed: frozenset[str]
) -> Iterator[list[Token]]:
    """Split between two unlisted words side by side: no phrase holds them (bar a rare 24-word
    one with two slips together, masked then in two parts), and ordinary prose falls apart into
    short parts here, cheap to search. Each part keeps its unlisted end: it may be a typo."""
    part: list[Token] = []
    unlisted = [t[w.start : w.end].lower() not in listed for w in chain]
    for k, w in enumerate(chain):
        if k and unlisted[k] and unlisted[k - 1]:
            yield part
            part = []
        part.append(w)
    yield part


def _part_phrases(
    t: str, chain: list[Token], ordered: Sequence[str], listed: frozenset[str], least: int
) -> Iterator[Finding]:
    """Phrases of `least` list words or more: eight, or four in a message with a label."""
    words = [t[w.start : w.end].lower() for w in chain]
    classes = [_word_class(w, listed) for w in words]
    if classes.count(EXACT) < least:
        return
    for k, word in enumerate(words):
        if classes[k] == OTHER and _near(word, ordered):
            classes[k] = NEAR
    listed_words = classes.count(EXACT)
    if listed_words >= FULL_LESS_ONE:
        # Eleven list words and, between two of them, a grammar word one edit from a list word:
        # "wire" typed "were" in a pasted 12-word phrase, not prose (which never holds eleven).
        # Not at an end: "restore fails with" + a phrase would take "with" for its first word
        # and leave the last one out.
        for k, word in enumerate(words):
            if (
                classes[k] == BREAK
                and word in _GRAMMAR
                and _list_words_beside(classes, k) == 2
                and _near(word, ordered)
            ):
                classes[k] = NEAR
    for i, j in phrases(classes, min_listed=least):
        if classes[i : j + 1].count(EXACT) < 8 and not _LABELLED_PART.search(
            t, max(0, chain[i].start - 24), chain[i].start
        ):
            continue
        if not _reads_like_prose(words[i : j + 1]):
            yield Finding("seed_phrase", chain[i].start, chain[j].end)


def _list_words_beside(classes: Sequence[int], k: int) -> int:
    return sum(0 <= n < len(classes) and classes[n] in (EXACT, NEAR) for n in (k - 1, k + 1))


def _reads_like_prose(words: Sequence[str]) -> bool:
    """ "Is there any way that you can cancel this": list words, but the list's grammar-like
    ones. About 60 of the 2048 are; a random phrase holds 2 % to 3 % of them (five or more of
    twelve about twice in 100,000 phrases), prose far more."""
    prose = sum(w in _PROSE for w in words)
    return prose >= 3 and prose >= 0.4 * len(words)


def _word_class(word: str, listed: frozenset[str]) -> int:
    if word in listed:
        return EXACT
    return BREAK if len(word) < 3 or word in _GRAMMAR else OTHER


def _near(word: str, ordered: Sequence[str]) -> bool:
    """Within one edit (a letter dropped, added, replaced or two swapped) of a list word."""
    return process.extractOne(word, ordered, scorer=OSA.distance, score_cutoff=1) is not None
