"""What English and Chinese seed phrases share: words in a row with only separators between them,
and the rule for which stretch of such a row is a phrase (docs/safety.md, 'Shield')."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from mnemonic import Mnemonic

# What may stand between two words of a pasted phrase: spaces, commas, dashes, slashes, quotes,
# brackets, list numbers ("1. ", "2)", "(3)"). Not a colon or a full stop: prose ("is this right:
# ...") stays outside the phrase.
# A "?" standing alone is a word the user lost ("craft unable ? goddess verb").
_GAP = re.compile(r"(?:[\s,;|/\\\-_、\"'“”‘’\[\]{}<>*]|\(?\d{1,2}(?!\d)[.):、]?|(?<=\s)\?+(?=\s))*")
_MAX_GAP = 16
GAP_CHARS = " \t\n,;|/\\-_、\"'“”‘’[]{}<>*"  # `_GAP`'s characters, for stripping
PHRASE_LENGTHS = (24, 21, 18, 15, 12)  # words in a BIP-39 phrase
EXACT, NEAR, OTHER, BREAK = 0, 1, 2, 3  # a list word, one edit from one, another word, a break


class Token(NamedTuple):
    start: int
    end: int


@lru_cache(maxsize=3)
def wordlist(lang: str) -> tuple[Mnemonic, tuple[str, ...], frozenset[str]]:
    """The language's `Mnemonic`, its words in list order, and as a set. Loaded on first use."""
    m = Mnemonic(lang)
    return m, tuple(m.wordlist), frozenset(m.wordlist)


def chains(t: str, tokens: Sequence[Token]) -> Iterator[list[Token]]:
    """Tokens with nothing but separators (and list numbers) between neighbours."""
    chain: list[Token] = []
    for token in tokens:
        if chain and not (
            token.start - chain[-1].end <= _MAX_GAP
            and _GAP.fullmatch(t, chain[-1].end, token.start)
        ):
            yield chain
            chain = []
        chain.append(token)
    if chain:
        yield chain


def phrases(classes: Sequence[int], min_listed: int) -> Iterator[tuple[int, int]]:
    """Longest stretches, left to right, that start and end on a list word (or a near one), hold
    at least `min_listed` list words and no break, and at most one word in twelve that is neither
    a list word nor one edit from one (a wrong word), two in twelve if the second is a typo: a
    phrase typed from paper ("helth", "lugage") is still the phrase, as is a careless paste."""
    listed, breaks, others = [0], [0], [0]
    for c in classes:
        listed.append(listed[-1] + (c == EXACT))
        breaks.append(breaks[-1] + (c == BREAK))
        others.append(others[-1] + (c == OTHER))
    i = 0
    while i < len(classes):
        found = None
        if classes[i] in (EXACT, NEAR):
            for j in range(len(classes) - 1, i + min_listed - 2, -1):
                size, exact = j - i + 1, listed[j + 1] - listed[i]
                if (
                    classes[j] in (EXACT, NEAR)
                    and exact >= min_listed
                    and size - exact <= size // 6
                    and others[j + 1] - others[i] <= size // 12
                    and breaks[j + 1] == breaks[i]
                ):
                    found = j
                    break
        if found is None:
            i += 1
            continue
        yield i, found
        i = found + 1
