"""Agent reply guard: does a support agent's message ask the user for a secret?

Nobody at support may ever ask for a password, a verification code, a seed phrase or a private key:
an impostor who got into the agent console, or an insider, would empty the wallet. Such a reply is
refused before it reaches the user. Advice that merely names a secret ("never share your code",
"we will never ask for your password", "please reset your password in the app") passes: a request
needs a giving verb aimed at us, or a question about the secret's value, with no negation in front.
"""

from __future__ import annotations

import re

from walletbot.brain.text import normalise

# Each alternative is a named group so the match tells which kind was asked for.
_ZH_SECRET = (
    r"(?:(?P<otp>验证码|校验码|动态码|短信码|确认码|授权码)|(?P<seed_phrase>助记词|恢复短语|种子短语)"
    r"|(?P<private_key>私钥|密钥)|(?P<password>(?:支付|登录|交易|钱包|银行卡)?密码|口令|pin码))"
)
_EN_SECRET = (
    r"(?:(?P<seed_phrase>seed(?: ?phrase| words)?|recovery (?:phrase|words)|secret (?:phrase|words)"
    r"|mnemonic(?: phrase)?|(?:12|24|twelve|twenty-four)[ -]words?)"
    r"|(?P<private_key>private key|priv key|keystore(?: file)?)"
    r"|(?P<otp>(?:verification |sms |security |one-time |2fa |otp |login |confirmation )?codes?"
    r"|otp|2fa)"
    r"|(?P<password>password|passcode|passphrase|pin(?: code| number)?))(?![a-z])"
)
_W = r"(?: [a-z0-9'-]+)"  # one English word
_FILLER = r"[^，。！？；,.!?;\n]{0,10}?"  # a few characters, never across a clause
_US = r"(?:我|我们|客服|本人)"

_REQUESTS = tuple(
    re.compile(p)
    for p in (
        # 请提供您的验证码 · 告诉我你的密码 · 发给我您收到的验证码 · 在这里输入验证码
        r"(?:(?:提供|告知|出示|回复)|(?:发送?|告诉|报|念|说|截图|私信|给)(?:一下)?给?"
        + _US
        + r"|(?:在这里|在此|在对话框|在聊天框?|直接)(?:里|中)?(?:输入|填写?|发送?|回复))"
        + _FILLER
        + _ZH_SECRET,
        # 把助记词发给我 · 验证码发我一下 · 私钥截图过来
        _ZH_SECRET
        + _FILLER
        + r"(?:发送?|告诉|给|报|念|说|截图|私信|提供)(?:给|一下)?(?:"
        + _US
        + r"|过来|上来)",
        # 你的验证码是多少 · 密码是什么
        _ZH_SECRET + r"(?:是|为)?(?:多少|什么|几)",
        # tell me your password · send us the code · read me the code
        r"(?<![a-z])(?:send|tell|read|text|forward|dm|whatsapp|email|give|show)(?: it)?"
        r"(?: to)? (?:me|us)" + _W + r"{0,4}? " + _EN_SECRET,
        # share your seed phrase · provide the code · give your password
        r"(?<![a-z])(?:share|provide|give|disclose|reveal|hand over|type|paste|enter|send|reply with)"
        r"(?: (?:your|the|that|this|those|these))"
        + _W
        + r"{0,3}? "
        + _EN_SECRET
        + r"(?="
        + _W
        + r"{0,4}? (?:here|below|in (?:this|the) chat|with (?:me|us)|to (?:me|us)"
        r"|(?:that |which )?you (?:just )?(?:received|got|were sent))"
        r"| (?:that |which )?you (?:just )?(?:received|got|were sent)|$| please| now|[,.!?])",
        # what is your seed phrase · what's the code you got
        r"(?<![a-z])what(?:'s| is| was| are|s)(?: (?:your|the|that))"
        + _W
        + r"{0,2}? "
        + _EN_SECRET,
        # I need your password · we require the code
        r"(?<![a-z])(?:i|we)(?:'ll|'d| will| would| must| have to| need to| still)?"
        r" (?:need|require|want|ask(?: you)? for|have to (?:see|check|verify))"
        r"(?: to (?:have|see|know|get|check|verify))? (?:your|the|that)"
        + _W
        + r"{0,2}? "
        + _EN_SECRET,
    )
)
# Advice, not a request: a negation shortly before the request in the same clause.
_NEGATION = re.compile(
    r"(?:不要|别|勿|不会|绝不|从不|从来不|永远不|千万|切莫|不得|无权|不可|不能|没有人|任何人都不"
    r"|(?<![a-z])(?:never|not|don't|dont|do not|won't|will not|no one|nobody|neither|nor|avoid"
    r"|should(?:n't| not)|must(?:n't| not)|can't|cannot|refuse)(?![a-z]))"
)
# After the request: nobody is the recipient ("... to no one"), or the app is ("... in the app").
_NOBODY = re.compile(
    r"任何人|no one|nobody|anybody else|in (?:the|our|your) app|in-app|app ?[里内中]"
)
_CLAUSE_START = re.compile(r"[，。！？；,.!?;\n]")


def asks_for_secret(text: str) -> str | None:
    """The kind of secret the text asks for (`otp`, `password`, `seed_phrase`, `private_key`), or
    None when it asks for none."""
    t = normalise(text)
    for rx in _REQUESTS:
        for m in rx.finditer(t):
            if not _negated(t, *m.span()):
                return next(kind for kind, value in m.groupdict().items() if value)
    return None


def _negated(t: str, start: int, end: int) -> bool:
    """A negation earlier in the clause ("never share ..."), or no person to receive it."""
    clause_start = max(
        (m.end() for m in _CLAUSE_START.finditer(t, max(0, start - 40), start)),
        default=max(0, start - 40),
    )
    clause_end = _CLAUSE_START.search(t, end)
    rest = t[end : clause_end.start() if clause_end else len(t)]
    return bool(_NEGATION.search(t, clause_start, start) or _NOBODY.search(rest))


REFUSAL: dict[str, str] = {
    "zh": (
        "此回复已被拦截：客服不得向用户索要密码、验证码、助记词或私钥。"
        "冒充客服的骗子和内部人员正是借此盗取资金，任何理由都不成立。"
        "如需核实身份，请引导用户在 App 内完成验证。"
    ),
    "en": (
        "Reply blocked: support must never ask a user for a password, verification code, seed "
        "phrase or private key. That is exactly how impostors and insiders steal funds, whatever "
        "the reason given. To verify identity, guide the user through verification in the app."
    ),
}
