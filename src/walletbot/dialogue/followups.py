"""Follow-ups: a short message that leans on the previous answer ("手续费呢？", "要多久？",
"what about fees?", "and for crypto?") is read in that answer's topic.

A message is elliptical when it is short and either carries a mark of ellipsis or reference
(a trailing 呢, a leading 那/还有, "what about", "and", "it", "that") or names no topic the bot
can answer on its own. Such a message is ranked twice, alone and after the previous answer's
question ("转账失败怎么回事 手续费呢"), and each entry gets the geometric mean of its two scores:
an entry must be supported by both the message's own words and the topic, so "手续费呢" after a
transfer answer meets the transfer-fee entry and after a withdrawal answer the withdrawal-fee
entry, and "the payment one" after a login-password answer the payment-password entry. When
both readings point back at the entry just answered ("what if you go bankrupt?" after the answer
on the balance's safety), the message asks what that answer covers, and it is given again: the
next entry would be a wrong answer. A message that stands on its own is judged alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from math import sqrt

from walletbot.brain.courtesy import NO_WORDS
from walletbot.brain.decision_rules import Match
from walletbot.brain.text import Lang

MAX_HAN = 10  # a Chinese follow-up is a few characters ("那提现呢", "多久能到账")
MAX_WORDS = 7  # an English one a few words ("and how long does that take")
# Without a mark of reference, only very short messages lean on what came before ("要多久？");
# "how do I change my login password" stands on its own even when the bot hesitates over it.
# Geometric mean of the two fused scores below which no entry fits the follow-up.
MIN_SUPPORT = 0.1
# How many entries each reading ranks. The answer needs both readings to list it; the message
# with its topic prepended is longer and spreads over more entries, so five were too few: after
# "send money to my mum", "how much does it cost?" left the transfer fees sixth by words alone,
# although the classifier was sure of fees.
DEPTH = 10
MAX_HAN_UNMARKED = 6
MAX_WORDS_UNMARKED = 4
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_WORDS = re.compile(r"[a-z0-9']+")
_MARKS = {
    "zh": re.compile(
        r"呢[?？]*$|^(?:那|那么|那如果|还有|另外|如果|要是|可是|但是|然后|并且|而且|也)"
        r"|它|这个|那个|这样|那样|这些|那些|上面|刚才"
    ),
    "en": re.compile(
        r"^(?:and|but|so|then|also|what about|how about|what if|same for|or)\b"
        r"|\b(?:it|that|this|those|these|them|there|one)\b"
    ),
}


# Words that ask, point or fill but name nothing ("怎么弄", "那怎么办", "为什么", "how do I do that",
# "why?"): a message made of them alone has no words to choose an entry by. Read with the topic it
# found entries of other categories after most answers ("怎么弄" after closing an account: how to
# send money), since every entry shares the topic's words with some of them.
_ASKS_ONLY = {
    "zh": re.compile(
        r"^(?:那么|那|然后|所以|但是|可是|这个|那个|这样|那样|这|它|具体|到底|究竟|现在|还|我们|我|你们|你|应该|该|需要|要"
        r"|可以|能|怎么样|怎么|怎样|如何|为什么|为啥|什么|啥|哪里|哪儿|在|哪|办|弄|做|操作|处理|解决"
        r"|设置|回事|意思|情况|找|看|去|是|的|了|呢|吗|啊|呀|吧|嘛)+$"
    ),
    "en": re.compile(
        r"^(?:(?:how|what|why|where|when|which|do|does|did|i|we|you|should|can|could|would|will"
        r"|that|this|it|its|then|so|and|but|now|next|else|exactly|is|are|was|the|a|to|me|about|mean"
        r"|ok|okay|fine|please"
        r"|means|work|works|find|get|go|there|happen|happens|happened|fix|solve|do it|that s)\s*)+$"
    ),
}


def names_nothing(text: str, lang: Lang) -> bool:
    """Whether a normalised message only asks, with no word of what about ("怎么弄", "why?")."""
    words = NO_WORDS.sub("" if lang == "zh" else " ", text).strip()
    return bool(words) and _ASKS_ONLY[lang].match(words) is not None


def size(text: str, lang: Lang) -> int:
    """A message's length as its language counts it: Chinese characters, or English words."""
    return len((_HAN if lang == "zh" else _WORDS).findall(text))


def is_short(text: str, lang: Lang, *, marked: bool = True) -> bool:
    if lang == "zh":
        return size(text, lang) <= (MAX_HAN if marked else MAX_HAN_UNMARKED)
    return size(text, lang) <= (MAX_WORDS if marked else MAX_WORDS_UNMARKED)


def has_mark(text: str, lang: Lang) -> bool:
    """A mark of ellipsis or reference to what was said before."""
    return _MARKS[lang].search(text.strip()) is not None


def is_elliptical(text: str, lang: Lang, answered_alone: bool) -> bool:
    """Whether a normalised message continues the previous answer's topic.
    `answered_alone`: whether the bot would answer it confidently without context."""
    if has_mark(text, lang):
        return is_short(text, lang)
    return not answered_alone and is_short(text, lang, marked=False)


def combine(alone: Sequence[Match], in_context: Sequence[Match]) -> list[Match]:
    """Entries both rankings list, by the geometric mean of their two scores, best first."""
    first = {m.faq_id: m for m in alone}
    scored = [
        Match(m.faq_id, m.category, round(sqrt(max(first[m.faq_id].score, 0) * max(m.score, 0)), 4))
        for m in in_context
        if m.faq_id in first
    ]
    return sorted(scored, key=lambda m: -m.score)
