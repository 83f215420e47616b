"""Chinese seed phrases: BIP-39 mnemonics from the simplified and traditional lists.

Their words are single characters. Spaced out ("的 一 是 …", "1.的 2.一 …", "的、一、是"), twelve list
characters in a row are a phrase; when the chain is one character short of a phrase, the missing
one may be glued to the text around it ("助记词唱 该 历 …"). Written without spaces a mnemonic looks
like text, since the lists hold the 2048 most common characters, so two tests decide: the BIP-39
checksum (`Mnemonic.check`), and whether the characters read like text or like a random draw
(`_reads_like_text`). A run of list characters that is a whole line or clause of 12, 15, 18, 21
or 24 characters and passes both is a phrase; in a message that speaks of mnemonics, so is any
stretch of such a length inside a longer run. Right after the word for a mnemonic ("助记词：…")
the checksum alone decides: about one random mnemonic in 600 reads like text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import lru_cache

from walletbot.brain.shield.findings import Finding
from walletbot.brain.shield.seed_runs import (
    EXACT,
    GAP_CHARS,
    OTHER,
    PHRASE_LENGTHS,
    Token,
    chains,
    phrases,
    wordlist,
)

LANGS = ("chinese_simplified", "chinese_traditional")
_LONE_HAN = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?![\u4e00-\u9fff])")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{12,}")
# The words for a mnemonic, in both scripts and in English.
_MNEMONIC_WORDS = (
    r"助记词|助記詞|记忆词|記憶詞|种子词|種子詞|恢复短语|恢復短語|恢复词|恢復詞|备份词|備份詞"
    r"|seed(?: phrase| words)?|mnemonic|recovery (?:phrase|words)|backup (?:phrase|words)"
)
_MNEMONIC_TOPIC = re.compile(rf"{_MNEMONIC_WORDS}|导入钱包|導入錢包", re.IGNORECASE)
# A stretch right after the word for a mnemonic is what the user says it is ("助记词：…",
# "seed: …", "这是我的助記詞…"): there the checksum alone decides, without the test for text.
_LABEL_BEFORE = re.compile(
    rf"(?:{_MNEMONIC_WORDS})\s*(?:(?:是|为|為|如下|is|are)\s*)?[:：]?\s*$", re.IGNORECASE
)
# Measured once with 200,000 random draws of twelve and the 488 stretches of twelve list
# characters in data/faq.yaml's Chinese answers: random draws fall below it 2 times in 1,000,
# text is at or above it 15 times in 100 (docs/safety.md, 'Shield').
_TEXT_LOG_RANK = 5.6


def find_chinese_phrases(t: str) -> Iterator[Finding]:
    if _LONE_HAN.search(t):
        yield from _spaced(t)
    if _HAN_RUN.search(t):
        yield from _joined(t)


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    return wordlist(LANGS[0])[2] | wordlist(LANGS[1])[2]


def _spaced(t: str) -> Iterator[Finding]:
    listed = _listed()
    for chain in chains(t, [Token(m.start(), m.end()) for m in _LONE_HAN.finditer(t)]):
        if len(chain) + 1 in PHRASE_LENGTHS:
            chain = _with_glued_ends(t, chain)
        if len(chain) < 12:
            continue
        classes = [EXACT if t[c.start] in listed else OTHER for c in chain]
        for i, j in phrases(classes, min_listed=12):
            yield Finding("seed_phrase", chain[i].start, chain[j].end)


def _with_glued_ends(t: str, chain: list[Token]) -> list[Token]:
    """One character short of a phrase: the missing one may be glued to the text around it
    ("助记词唱 该 历 …", "… 危 着 救请帮我看看"), as the last or first character of a word."""
    before = len(t[: chain[0].start].rstrip(GAP_CHARS))
    if 0 < before < chain[0].start and _is_han(t[before - 1]):
        chain = [Token(before - 1, before), *chain]
    rest = t[chain[-1].end :]
    after = chain[-1].end + len(rest) - len(rest.lstrip(GAP_CHARS))
    if chain[-1].end < after < len(t) and _is_han(t[after]):
        chain = [*chain, Token(after, after + 1)]
    return chain


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _joined(t: str) -> Iterator[Finding]:
    listed = _listed()
    topic = bool(_MNEMONIC_TOPIC.search(t))
    for run in _HAN_RUN.finditer(t):
        start = run.start()
        while start < run.end():
            end = start
            while end < run.end() and t[end] in listed:
                end += 1
            whole = start == run.start() and end == run.end()
            labelled = _LABEL_BEFORE.search(t[:start]) is not None
            if whole and end - start in PHRASE_LENGTHS and _valid(t[start:end], labelled):
                yield Finding("seed_phrase", start, end)
            elif topic and end - start >= 12:
                yield from _valid_stretches(t, start, end)
            start = end + 1


def _valid_stretches(t: str, start: int, end: int) -> Iterator[Finding]:
    """From the first to the last character of any valid stretch in t[start:end]."""
    spans = [
        (i, i + n)
        for n in PHRASE_LENGTHS
        for i in range(start, end - n + 1)
        if _valid(t[i : i + n], labelled=_LABEL_BEFORE.search(t[:i]) is not None)
    ]
    if spans:
        yield Finding("seed_phrase", min(s for s, _ in spans), max(e for _, e in spans))


def _valid(chars: str, labelled: bool = False) -> bool:
    if not labelled and _reads_like_text(chars):
        return False
    phrase = " ".join(chars)
    for lang in LANGS:
        mnemonic, _, listed = wordlist(lang)
        if all(ch in listed for ch in chars) and mnemonic.check(phrase):
            return True
    return False


@lru_cache(maxsize=1)
def _log_ranks() -> dict[str, float]:
    ranks: dict[str, float] = {}
    for lang in LANGS:
        for i, ch in enumerate(wordlist(lang)[1]):
            ranks.setdefault(ch, math.log1p(i))
    return ranks


def _reads_like_text(chars: str) -> bool:
    """Text draws on the first few hundred characters of the list, a mnemonic on all 2048 alike:
    the lists are in order of frequency (的 一 是 在 不 了 …), so the mean log rank tells them apart."""
    ranks = _log_ranks()
    return sum(ranks[ch] for ch in chars) / len(chars) < _TEXT_LOG_RANK
