"""Card security codes (CVV, CVC, CID, 安全码): 3 or 4 digits that the message says are one.

With the card number and its expiry date they are enough to pay online, so they are secrets like
a PIN, yet too short for the one-time code rule (4–8 digits) and mostly three digits long: "cvv
847", "CVV2: 847", "my cvc is 8 4 7", "卡背面的安全码是847", "背面三位数 847", "cvv is eight four
seven", "安全码八四七", and 安全码 typed as a homophone ("安全吗是804", "安全马是 556"). Only a number right after
such a label counts, with at most a connector between ("is", ":", "是", "为"): "cvv错了3次" and
"安全码是3位数吗" name no code ("3" is one digit), "where do I find the cvv" has none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from walletbot.brain.shield.context import is_amount, mentions
from walletbot.brain.shield.findings import Finding
from walletbot.brain.shield.reading import EN_DIGIT, HAN_DIGITS

_LABEL = (
    # spelt out by dictation too: "C V V is three one seven"
    # "security" as typed in a hurry: "securty", "secuirty", "secruity", "sercurity"
    r"(?:(?<![A-Za-z])(?:cvv2?|cvc2?|ccv|cid|csc|cvn2?|c[ .]v[ .][vc]\.?|card security code"
    r"|(?:security|securty|secuirty|secruity|sercurity) code"
    r"|(?:printed )?(?:next to|beside) the signature (?:strip|panel|box)"
    r"|card verification (?:value|code)"
    r"|(?:the )?(?:three|3)[- ]digits?(?: number| code)? (?:on|at) the back(?: side)?(?: of (?:my|the) card)?"
    # "the security number at back side of card is seven zero two"
    r"|security number)(?![A-Za-z])"
    r"|安全码|安全碼|安全[吗嗎马馬](?=\s*(?:是|为|為|[:：])\s*\d{3}(?![\d元块塊%]))|檢查碼|检查码|签名[条栏條欄](?:旁边?|后面|後面|右边|右邊)?的?那?(?:三|3)位|簽名[條欄](?:旁邊?|後面|右邊)?的?那?(?:三|3)位|卡背[面后後]?(?:的)?(?:那)?(?:三|3)位(?:数字|數字|数|數)?"
    r"|背[面后後](?:的)?(?:那)?(?:三|3)位(?:数字|數字|数|數)?)"
)
# A few words may come between the label and its connector: "the security code on the back is".
_BETWEEN = (
    r"(?:\s*\([^()\n]{1,30}\))?"
    # and a Filipino "po" of politeness: "the security code po at the back is five-six-two"
    r"(?:\s+(?:on|at|of|for|from|in|printed|written|the|my|this|that|back|side|card|it|po)){0,8}"
)
_CONNECTOR = _BETWEEN + (
    r"(?:[\"']?\s*(?:number|no\.?|code|吗|嗎|码|碼)?\s*(?:is|was|are|as|says|said|reads|shows|=|:|#|是|为|為|就是"
    r"|→|->)?\s*(?:\.{2,}|…)?\s*[\"'“「(（]?\s*)"
)
# Three or four digits, whole or one by one ("8 4 7", "8-4-7", "8, 4, 7"), and no more digits
# after; or read out in words ("eight four seven", "八四七"), which the reading turns into digits
# only from four on.
_APART = r"(?:[ \-.]|[,、] ?)"
_DIGITS = (
    rf"(?P<digits>\d(?:{_APART}?\d){{2,3}}(?![\d.,]?\d)(?!{_APART}\d)"
    rf"|[{HAN_DIGITS}]{{3,4}}(?![{HAN_DIGITS}])"
    rf"|(?<![A-Za-z]){EN_DIGIT}(?:{_APART}+{EN_DIGIT}){{2,3}}(?![A-Za-z]))"
)
CARD_CODE = re.compile(_LABEL + _CONNECTOR + _DIGITS, re.IGNORECASE)
# The label after the code: "its 943 the three digits on the back", "965是卡背面的三位数".
CODE_THEN_LABEL = re.compile(
    r"(?<![\d.,])(?P<digits>\d{3,4})(?![\d.,]?\d)[\"'”」)）]?\s*,?\s*"
    r"(?:(?:is\s+|are\s+)?(?:the\s+)?(?:three|3|four|4)[- ]digits?\s+(?:on|at)\s+the\s+back"
    r"|(?:[—–-]\s*)?(?:is|was|that'?s|this is|it'?s)\s+(?:my|the)\s+(?:cvv|cvc|security\s+code)\b"
    r"|是?卡?背[面后後]的?(?:三|3)位"
    r"|(?:这个)?是.{0,8}(?:安全码|cvv|cvc)"
    r"|(?:which is )?(?:what'?s |what is )?printed (?:next to|beside|on) the signature)",
    re.IGNORECASE,
)
# After the code's name, the digits later in the sentence: three standing alone, not an amount, a
# count or a card's last digits.
_GIVEN_LATER = (
    # an ellipsis does not end the sentence: "我有点不敢给……不过…就是402吧"
    # nor an initial's dot: "the signature strip with 'J. Smith' and then 447"
    # nor a question about where it is, answered: "…那最后三位吧？是四零七", "… right? it's 8 1 3"
    r"(?:[^.。!?！？\n]|\.{2,}|[.。!?！？]\s*(?=mine|我的)|[?？]\s*(?=是|it'?s|its)|(?<=[\s'\"][A-Z])\.)"
    # the digits may stand one per line: "背面的数字是\n5\n2\n9"
    # not the end of a phone number's dashed groups ("call a 1-877 number")
    # a comma may end the words before ("安全码，幺九八"), not a number's thousands ("1,482")
    r"{0,60}?\n?(?<!\d)(?<!\d[.,])(?<!\d-)(?<!尾号)(?<!尾號)(?<!ending )(?<!ending in )"
    rf"(?P<digits>\d(?:[ \n]?\d){{2}}(?![\d.,]?\d)(?![ \n]\d)|(?<![{HAN_DIGITS}])[{HAN_DIGITS}]{{3}}(?![{HAN_DIGITS}])"
    rf"|(?<![A-Za-z]){EN_DIGIT}(?: {EN_DIGIT}){{2}}(?![A-Za-z]))"
    r"(?!\s?(?:元|块|塊|次|位|天|个|個|号|號|%|usd|rmb|dollars?|yuan))"
)
# The code named loosely, then given later in the sentence, or after "mine": "绑卡时让填CVN2，我的
# 是072", "卡背面那三个数是318", "背面码是287", "卡背面嗰三個字539", "the 'CVC' is the little number by
# the signature strip. Mine says 956".
NAMED_THEN_GIVEN = re.compile(
    r"(?:(?<![A-Za-z])(?:cvv2?|cvc2?|cvn2?|ccv)(?![A-Za-z])|安全[码碼]"
    r"|背[面后後]的?(?:那|这|這)?(?:个|個)?(?:验证|驗證|安全)?[码碼]"
    r"|[背后後][面后後]的?(?:最后|最後)?(?:那|嗰|个|個)?(?:三|3)(?:位|[个個])?(?:数字|數字|数|數|字)"
    r"|背[面后後]的?(?:最后|最後)(?:那|嗰|个|個)?(?:三|3)(?:位|[个個])?"
    r"|(?<![A-Za-z])(?:number|digits|code) on the back(?: of (?:my|the) card)?"
    r"|(?<![A-Za-z])code on (?:the|my) card"
    # next to the signature strip, or the card's own verification code: "签名栏旁边印着 “ 7 0 4 ”",
    # "让我提供卡验证码，我给了960"
    r"|[签簽]名[条栏條欄](?:旁边?|旁邊?)?的?(?:印着|印著|印的|写着|寫著|的?数字|的?數字)|卡的?验证码|卡的?驗證碼"
    r"|(?<![A-Za-z])signature (?:strip|panel|box)"
    # the words printed on the strip, read off a photo: "AUTHORIZED SIGNATURE — NOT VALID UNLESS
    # SIGNED   629"
    r"|(?<![A-Za-z])(?:authori[sz]ed signature|not valid unless signed)"
    r"|背[面后後]的?(?:那|这|這)?(?:个|個|些)?(?:数字|數字)"
    r"|(?<![A-Za-z])(?:three|3)[- ](?:number|digit) code"
    # the back or the signature panel, a few words on, then those (three) digits: "背面簽名位隔離嗰
    # 三個字", "签名栏右边印着的那几个数字", "背面末三碼"
    r"|(?:背[面后後]|签名|簽名)[\u4e00-\u9fff]{0,10}?(?:(?:最后|最後)?(?:那|嗰)?(?:三|3|几|幾)[个個位]?"
    r"(?:数字|數字|数|數|字|码|碼)|末(?:三|3)[码碼位]))" + _GIVEN_LATER,
    re.IGNORECASE,
)
# In a message about a card, "the little number": "asked for the expiry and the little number and
# I told her 908".
_LOOSE_NAME_THEN_GIVEN = re.compile(
    # ("short code" is an SMS sender's, not the card's)
    r"(?<![A-Za-z])(?:(?:little|small) (?:number|code)|short number)(?![A-Za-z])" + _GIVEN_LATER,
    re.IGNORECASE,
)
# An Amex prints its code, four digits, on the front above the number: "the 4 little numbers
# printed above the long number on the front are 7254", in a message that names an Amex or its CID.
_FOUR_ON_THE_FRONT = re.compile(
    r"(?<![A-Za-z])(?:four|4)[- ](?:(?:little|small|tiny|short)\s+)?(?:numbers|digits)"
    r"[^.!?\n]{0,60}?(?:front|above)[^.!?\n]{0,40}?(?<![\d.,])(?P<digits>\d{4})(?![\d.,]?\d)",
    re.IGNORECASE,
)
_AMEX = re.compile(r"amex|american express|(?<![A-Za-z])cid(?![A-Za-z])", re.IGNORECASE)
# The signature strip prints the card's last four digits, then the code: "so it's 5517 then 062",
# "签名条上是 5517 然后 062". Only in a message about the strip or the security code.
_STRIP = re.compile(r"signature|security code|签名|簽名|安全[码碼]", re.IGNORECASE)
# Read off a photo, the card's hidden digits come first: "xxxx  7781 482".
_LAST_FOUR_THEN_CODE = re.compile(
    r"(?<![\d.,])(?:[xX*•]{4}[ \t]+\d{4}[ \t]+|(?<=[ \t])\d{4}[ \t]+(?=\d{3}[ \t]*\n)|\d{4}\s*(?:,\s*)?"
    r"(?:(?<![A-Za-z])(?:and then|then|followed by)(?![A-Za-z])|然后是?|然後是?|后面是?|後面是?|再是)\s*)"
    r"(?P<digits>\d{3})(?![\d.,]?\d)",
    re.IGNORECASE,
)
# In a message that names the code, three digits typed in: "it asks for the security code … each
# time I'm typing 528 exactly like it's printed", "让填安全码，我输入的是 318".
_CODE_NAMED = re.compile(
    r"cv[vcn]|ccv|security code|code on (?:the|my) card|安全[码碼]|[检檢]查[码碼]", re.IGNORECASE
)
_TYPED_IN = re.compile(
    r"(?:(?<![A-Za-z])(?:typ(?:e|ed|ing)|enter(?:ed|ing)?|input(?:ted|ting)?|put(?:ting)?)"
    r"(?:\s+in)?(?![A-Za-z])|[输輸]入?的?是?|填(?:了|的是?|入)?)\s*[\"'“]?"
    r"(?<![\d.,])(?P<digits>\d{3})(?![\d.,]?\d)",
    re.IGNORECASE,
)
# Every label has one of these: a message without them skips the search.
HINT = re.compile(
    r"cv|c[ .]v[ .][vc]|ccv|cid|csc|se[a-z]{3,5}ty code|card verification|安全[码碼吗嗎马馬]|[检檢]查[码碼]|三位|3位|signature"
    r"|背[面后後]|[后後]面|签名|簽名|on the back|number code|digit code|unless signed"
    r"|digits? (?:on|at) the back|security number|code on (?:the|my) card|卡的?[验驗][证證][码碼]"
)


def find_card_codes(t: str) -> Iterator[Finding]:
    if ("card" in t or "Card" in t) and ("little" in t or "small" in t or "short" in t):
        yield from _given_later(t, _LOOSE_NAME_THEN_GIVEN)
    if ("front" in t or "above" in t) and _AMEX.search(t):
        yield from _given_later(t, _FOUR_ON_THE_FRONT)
    if not mentions(HINT, t):
        return
    for m in CARD_CODE.finditer(t):
        yield Finding("card_code", *m.span("digits"))
    yield from _given_later(t, NAMED_THEN_GIVEN)
    for m in CODE_THEN_LABEL.finditer(t):
        yield Finding("card_code", *m.span("digits"))
    if _CODE_NAMED.search(t):
        for m in _TYPED_IN.finditer(t):
            if not is_amount(t, *m.span("digits"), weak_too=False):
                yield Finding("card_code", *m.span("digits"))
    if _STRIP.search(t):
        yield from (
            Finding("card_code", *m.span("digits")) for m in _LAST_FOUR_THEN_CODE.finditer(t)
        )


def _given_later(t: str, named_then_given: re.Pattern[str]) -> Iterator[Finding]:
    """Digits some words after the code's name, unless they are money ("cvv …, I paid 120")."""
    for m in named_then_given.finditer(t):
        if not is_amount(t, *m.span("digits"), weak_too=True):
            yield Finding("card_code", *m.span("digits"))
