"""Chinese seed phrases: BIP-39 mnemonics from the simplified and traditional lists.

Their words are single characters. Spaced out ("的 一 是 …", "1.的 2.一 …", "的、一、是"), twelve list
characters in a row are a phrase unless they read like text and are no valid mnemonic (a sentence
typed with spaces, "提 现 多 久 …"); when the chain is one character short of a phrase, the missing
one may be glued to the text around it ("助记词唱 该 历 …"). Written without spaces a mnemonic looks
like text, since the lists hold the 2048 most common characters, so two tests decide: the BIP-39
checksum (`Mnemonic.check`), and whether the characters read like text or like a random draw
(`_reads_like_text`: are they common characters, or do they form words of a Chinese dictionary).
A run of list characters that is a whole line or clause of 12, 15, 18, 21 or 24 characters and
passes both is a phrase; in a message that speaks of mnemonics, so is any stretch of such a length
inside a longer run. Right after the word for a mnemonic ("助记词：…") the checksum alone decides:
about one random mnemonic in 1,300 reads like text.
"""

from __future__ import annotations

import importlib.metadata
import itertools
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
from walletbot.brain.text import normalise

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
# Text reads like text in one of two ways, and a random draw of list characters in neither:
# - common characters: the lists are in order of frequency (的 一 是 在 不 了 …), text draws on
#   their first few hundred, a mnemonic on all 2048 alike, so a mean log rank below this is text;
# - words: text is mostly words of two to four characters ("昨天 客服 问 我 要 短信 验证码"), a
#   random draw forms one now and then; at least this share of characters inside dictionary
#   words (jieba's, each seen at least _MIN_FREQUENCY times in its corpus) is text.
# The rank alone took 15 in 100 stretches of the FAQ's answers for random draws: answers use
# rarer characters in common words ("区块链网络拥堵"); the words alone miss what jieba's dictionary
# lacks or holds as rare ("微信", "客服"). Set with 20,000 random draws of 12 to 24 characters and
# the stretches of list characters in data/faq.yaml's Chinese answers, the research articles and
# generated messages (benchmarks/README.md, "Shield: Chinese text read as a seed phrase").
_TEXT_LOG_RANK = 5.6
_TEXT_COVERAGE = 0.35
_MIN_FREQUENCY = 10
# The words of wallet support that jieba's dictionary, built from general text, lacks or holds
# below _MIN_FREQUENCY ("客服" 3 times, "验证码" and "扫码" not at all), in the role of the user
# dictionary jieba takes for a domain: the words these messages are made of. The minimum
# frequency is what keeps the rest out (every word of the dictionary let twice as many random
# draws pass as text), so only these are added.
_WALLET_WORDS = frozenset(
    """
    客服 人工 工单 工作人员 验证码 短信码 动态码 助记词 私钥 密钥 钱包 扫码 二维码 收款码 付款码
    提现 提币 充值 充币 转账 转钱 转错 转出 转入 到账 没到 收不到 退款 退回 扣款
    扣钱 扣费 被扣 冻结 冻住 解冻 风控 实名 认证 身份验证 人脸识别 刷脸 手续费 银行卡 绑卡
    解绑 余额 零钱 账单 流水 限额 额度 登录 登不上 支付密码 登录密码 输错 闪退 链上 公链
    地址 哈希 申诉 被盗 盗刷 被骗 诈骗 骗子 安全账户 共享屏幕 远程控制 解冻费 保证金 提示 失败
    处理中 待处理 多长时间
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
# The longest label before a phrase: "recovery phrase", spaces, "是" or "is", a colon.
_LABEL_REACH = 32
# Windows tested in a message about mnemonics: all of a run of 80 list characters, the first 64
# starting points of a longer one.
_MAX_WINDOWS = 320


# Told word by word, each after its place: "第1個詞是錠，第2個詞是礎，…" (four list words at least).
_NUMBERED_WORD = re.compile(
    r"第\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[个個]?\s*(?:词|詞|字)\s*(?:是|係|为|為|[:：])?\s*"
    r"(?P<word>[\u4e00-\u9fff])(?![\u4e00-\u9fff])"
)
_NUMBERED_LEAST = 4


def find_chinese_phrases(t: str) -> Iterator[Finding]:
    if _LONE_HAN.search(t):
        yield from _spaced(t)
    if _HAN_RUN.search(t):
        yield from _joined(t)
    if "第" in t:
        yield from _numbered(t)


def _numbered(t: str) -> Iterator[Finding]:
    listed = _listed()
    words = [m for m in _NUMBERED_WORD.finditer(t) if m.group("word") in listed]
    if len(words) >= _NUMBERED_LEAST:
        yield Finding("seed_phrase", words[0].start("word"), words[-1].end("word"))


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    return wordlist(LANGS[0])[2] | wordlist(LANGS[1])[2]


def _spaced(t: str) -> Iterator[Finding]:
    """Spaced out, a stretch is a phrase when it is a valid mnemonic, when it does not read like
    text (a phrase with a slip, or a part of one), or in a message that speaks of mnemonics. A
    sentence typed with a space between characters ("提 现 多 久 能 到 账 …") reads like text and
    is a valid mnemonic only by chance (one in eight of phrase length); it is left as written."""
    listed = _listed()
    topic = _MNEMONIC_TOPIC.search(t) is not None
    for chain in chains(t, [Token(m.start(), m.end()) for m in _LONE_HAN.finditer(t)]):
        if len(chain) + 1 in PHRASE_LENGTHS:
            chain = _with_glued_ends(t, chain)
        if len(chain) < 12:
            continue
        classes = [EXACT if t[c.start] in listed else OTHER for c in chain]
        for i, j in phrases(classes, min_listed=12):
            chars = "".join(t[c.start] for c in chain[i : j + 1] if t[c.start] in listed)
            whole = len(chars) in PHRASE_LENGTHS and _valid(chars, labelled=True)
            if topic or whole or not _reads_like_text(chars):
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
    long_stretches: list[tuple[int, int]] = []
    for run in _HAN_RUN.finditer(t):
        start = run.start()
        while start < run.end():
            end = start
            while end < run.end() and t[end] in listed:
                end += 1
            whole = start == run.start() and end == run.end()
            if (
                whole
                and end - start in PHRASE_LENGTHS
                and _valid(t[start:end], _labelled(t, start))
            ):
                yield Finding("seed_phrase", start, end)
            elif topic and end - start >= 12:
                long_stretches.append((start, end))
            start = end + 1
    yield from _valid_stretches(t, long_stretches)


def _labelled(t: str, i: int) -> bool:
    """Whether the word for a mnemonic ends right before t[i] ("助记词：", "seed phrase is ")."""
    return _LABEL_BEFORE.search(t, max(0, i - _LABEL_REACH), i) is not None


def _valid_stretches(t: str, stretches: list[tuple[int, int]]) -> Iterator[Finding]:
    """For each stretch, from the first to the last character of any valid window in it. At most
    _MAX_WINDOWS windows a message: each costs a checksum (about 0.3 ms), and a message about
    mnemonics with a long unbroken run of random characters took seconds."""
    windows = (  # from the start of each stretch, where a phrase after its label begins
        (start, i, n)
        for start, end in stretches
        for i in range(start, end - 11)
        for n in PHRASE_LENGTHS
        if i + n <= end
    )
    spans: dict[int, tuple[int, int]] = {}
    for start, i, n in itertools.islice(windows, _MAX_WINDOWS):
        if _valid(t[i : i + n], labelled=_labelled(t, i)):
            first, last = spans.get(start, (i, i + n))
            spans[start] = (min(first, i), max(last, i + n))
    for first, last in spans.values():
        yield Finding("seed_phrase", first, last)


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
def _dictionary_words() -> frozenset[str]:
    """jieba's dictionary (its dict.txt: word, frequency, part of speech per line), the words of
    two to four list characters: about 75,000, 14 MB in a served worker. The file is read without
    importing jieba: only look-ups are needed, and jieba's segmenter with its models would cost
    each worker about 80 MB."""
    listed = {normalise(ch) for ch in _listed()}
    words = set()
    path = importlib.metadata.distribution("jieba").locate_file("jieba/dict.txt")
    with open(str(path), encoding="utf-8") as lines:
        for line in lines:
            word, frequency, _ = line.split(" ", 2)
            if (
                2 <= len(word) <= 4
                and int(frequency) >= _MIN_FREQUENCY
                and all(ch in listed for ch in word)
            ):
                words.add(word)
    words.update(w for w in _WALLET_WORDS if all(normalise(ch) in listed for ch in w))
    return frozenset(words)


def warm_up() -> None:
    """Load the dictionary now rather than on the first message that needs it (about 0.3 s)."""
    _dictionary_words()


@lru_cache(maxsize=1)
def _log_ranks() -> dict[str, float]:
    ranks: dict[str, float] = {}
    for lang in LANGS:
        for i, ch in enumerate(wordlist(lang)[1]):
            ranks.setdefault(ch, math.log1p(i))
    return ranks


def _reads_like_text(chars: str) -> bool:
    """Common characters (a low mean log rank) or enough of them inside dictionary words."""
    ranks = _log_ranks()
    if sum(ranks[ch] for ch in chars) / len(chars) < _TEXT_LOG_RANK:
        return True
    words, simplified = _dictionary_words(), normalise(chars)
    inside = [False] * len(simplified)
    for n in (2, 3, 4):
        for i in range(len(simplified) - n + 1):
            if simplified[i : i + n] in words:
                inside[i : i + n] = [True] * n
    return sum(inside) >= _TEXT_COVERAGE * len(simplified)
