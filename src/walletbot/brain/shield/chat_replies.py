"""A secret typed in reply to a line that asks for it, in a chat the user pasted: a scam
forwarded after the fact ("「客服-小美」：…需要您提供一下六位支付密码进行核验\n我：147258", "'Agent Kevin':
… I need the 3 numbers on the back of the card\nMe: 614"), or told with both quoted ("它问：“请提供您的
银行卡取款密码以便核实身份”，我就回了“558204”").

The reply has no label of its own: the line before names what it is. Only a line of the user's
own ("我：", "Me:") right after such a line counts, and only a value of that secret's shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from walletbot.brain.shield.findings import Finding

# What the asking line names, and the shape of the reply that gives it.
_ASKED: tuple[tuple[re.Pattern[str], str, re.Pattern[str]], ...] = tuple(
    (re.compile(names, re.IGNORECASE), kind, re.compile(shape))
    for names, kind, shape in (
        (
            r"cvv|cvc|cvn|安全[码碼]|背面(?:的)?(?:三|3)位|(?:three|3) (?:numbers|digits) on the back",
            "card_code",
            r"\d{3,4}",
        ),
        (r"密[码碼]|(?<![A-Za-z])(?:password|passcode|pin)(?![A-Za-z])", "password", r"\S{4,40}"),
        (
            r"[验驗][证證][码碼]|(?<![A-Za-z])(?:otp|code)(?![A-Za-z])",
            "otp",
            r"\d{4,8}|(?=\S*\d)[A-Za-z\d]{4,10}",
        ),
    )
)
_REPLY = re.compile(
    r"^[^\n]*\n[ \t]*[【\[「(]?(?:我|本人|(?<![A-Za-z])(?:me|i)(?![A-Za-z]))[】\]」)]?[ \t]*[:：][ \t]*"
    r"(?P<val>[^\s，。,!?！？]+)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


# Told as a story: the request quoted, then what the user answered, quoted too: "它问：“请提供您的
# 银行卡取款密码以便核实身份”，我就回了“558204”", 'it asked "enter the code we sent" and I replied "482913"'.
_QUOTED_ASK_THEN_REPLY = re.compile(
    r"[“\"「](?P<ask>[^”\"」\n]{2,80})[”\"」]\s*[,，]?\s*"
    r"(?:我(?:就|也)?(?:回了?|回复了?|回覆了?|发了?|發了?|给了?|給了?|报了?|報了?|说了?|說了?)"
    r"|(?:and\s+)?i\s+(?:replied|answered|sent|gave|typed|said))\s*[:：]?\s*[“\"「]"
    r"(?P<val>[^”\"」\s]{3,40})[”\"」]",
    re.IGNORECASE,
)


def find_chat_replies(t: str) -> Iterator[Finding]:
    for m in _QUOTED_ASK_THEN_REPLY.finditer(t):
        yield from _given(m.group("ask"), m)
    if "\n" in t:
        for m in _REPLY.finditer(t):
            yield from _given(t[m.start() : t.index("\n", m.start())], m)


def _given(asking: str, reply: re.Match[str]) -> Iterator[Finding]:
    """The reply as the first secret the request names whose shape it has."""
    for names, kind, shape in _ASKED:
        if names.search(asking) and shape.fullmatch(reply.group("val")):
            yield Finding(kind, *reply.span("val"))
            return
