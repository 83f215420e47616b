"""Agent reply guard: does a support agent's message ask the user for a secret?

Nobody at support may ever ask for a password, a verification code, a seed phrase or a private key:
an impostor who got into the agent console, or an insider, would empty the wallet. Such a reply is
refused before it reaches the user (docs/safety.md, 'Agent guard').

The guard reads the reply as `agent_guard_text.read_reply` spells it out (leetspeak, spaced
letters, zero-width characters undone) and looks, clause by clause, for what a request is made of:
a secret, named or described ("the numbers we just texted you", "短信里的六位数字", "the 12 words
from your backup"), and a request aimed at us: a giving verb ("send", "reply with", "告诉", "报一
下"), a question for its value ("what is your PIN", "验证码多少"), or our need of it ("I need your
password"). Entering a secret is a request only into the chat ("type your PIN here"), not in the
app. Advice passes: a negation before the verb ("never share your code", "请勿透露验证码"), nobody
or the app as the recipient ("... with anyone", "在App内输入"), us as the sender ("we'll send you a
code"), a warning about what others ask ("if anyone asks for your PIN", "如果有人让您报验证码").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from walletbot.brain.agent_guard_text import read_reply

_OTP = (
    r"(?:验证码|校验码|动态码|动态密码|短信码|确认码|授权码|安全码|谷歌验证码|恢复码|备用码|备份码"
    r"|卡背面的?(?:那)?(?:三|3)位(?:数字|数|码)?"
    r"|(?<![a-z])(?:cvv2?|cvc2?|card security code|card verification (?:code|value))(?![a-z])"
    r"|短信(?:里|中|上)?(?:收到)?的?(?:那串|那几位|几位|[六6四4]位)?(?:数字|数|码)"
    r"|(?:手机|验证器|短信)(?:上|里)?(?:收到)?的?(?:那串|那几位|[六6四4]位)(?:数字|数)?"
    r"|(?:手机|验证器)(?:上|里)?(?:收到)?的(?:数字|数)|[六6]位数(?:字)?|那串数字"
    r"|(?<![a-z])(?:(?:verification|security|sms|text|one[- ]time|2fa|otp|login|confirmation"
    r"|authentication|authenticator|auth|access|reset|(?:six|6)[- ]?digit)\s)*codes?(?![a-z])"
    r"|(?<![a-z])(?:otp|2fa code|one[- ]time pass(?:code|word)|passcode|verification number)"
    r"|(?<![a-z])(?:(?:six|6)[- ]?digit (?:number|pin)|(?:six|6) (?:digits|numbers))"
    r"|(?<![a-z])(?:the |those |these )?(?:numbers?|digits?)(?= (?:we|i) (?:just )?(?:texted|sent"
    r"|messaged)| (?:in|from|on) (?:the|your|our|that) (?:sms|text|message|screen|phone"
    r"|authentication)| you (?:just )?(?:got|received)| did you (?:get|receive)"
    r"| (?:in|from|on) (?:the |our )?(?:sms|text message)))"
)
_PASSWORD = (
    r"(?:(?:支付|登录|交易|钱包|银行卡|取款)?密码|口令|pin码|密保(?:问题)?的?答案|安全问题的?答案"
    r"|(?<![a-z])(?:password|passphrase|pin(?: code| number)?|credentials|login details"
    r"|security (?:question )?answers?|answers? to (?:your|the) security questions?)(?![a-z]))"
)
_SEED = (
    r"(?:助记词|恢复短语|恢复词|种子短语|种子词|(?:钱包)?备份的?(?:那几个|那些)?单词|(?:12|24|十二|二十四)个单词"
    r"|(?<![a-z])(?:seed ?(?:phrase|words)?|(?:secret )?recovery ?(?:phrase|words)|secret ?phrase"
    r"|mnemonic(?: phrase)?|backup (?:phrase|words)|wallet words"
    r"|(?:12|24|twelve|twenty[- ]four)[- ]words?(?: phrase)?)(?![a-z]))"
)
_KEY = r"(?:私钥|密钥|(?<![a-z])(?:private ?key|priv key|secret key|keystore(?: file)?)(?![a-z]))"
_SECRET = re.compile(
    f"(?P<private_key>{_KEY})|(?P<seed_phrase>{_SEED})|(?P<password>{_PASSWORD})|(?P<otp>{_OTP})"
)
# Codes that are no secret: "promo code", "error code", "referral code", "优惠码".
_NOT_SECRET_CODE = re.compile(
    r"(?:promo|promotion|error|referral|invite|invitation|discount|coupon|country|area|zip|postal"
    r"|qr|swift|bank|branch|product|tracking|order|reference|gift|voucher|source|status) $"
)
# A reference back to a secret the reply names elsewhere: "..., please provide it", "send me the
# number" after "what did the SMS say?".
_REFERENCE = re.compile(
    r"(?<![a-z])(?:it|them|that|the (?:number|digits|numbers|code))(?![a-z])|它"
)
_TOPIC_HINT = re.compile(r"(?<![a-z])(?:sms|text(?:ed)?|message)(?![a-z])|短信")

# Verbs of giving aimed at us, in either order with the secret.
_GIVE_EN = (
    r"(?<![a-z])(?:send(?:ing)?(?: over| across)?|tell|give|provide|share|reply with|respond with"
    r"|reply|read(?: out)?|repeat|confirm|forward|(?:dm|message|text|email|whatsapp)(?= (?:me|us))"
    r"|post|drop|submit"
    r"|let (?:me|us) (?:know|see|have)|show|screenshot|disclose|reveal|hand over|say|spell"
    r"|(?:can|could|may) (?:i|we) (?:have|get|see))(?![a-z])"
)
_GIVE_ZH = (
    r"(?:提供|告知|告诉|出示|回复|回覆|发送|转发|报(?:一下|给)?|念|说一下|说下|截图|私信|复制|粘贴|抄"
    r"|打出来|上传|发(?:给|过来|来|我|一下|在)|给我|给客服|给我们)"
)
# After the secret a Chinese verb needs its recipient, us or the chat: "把助记词发给我", "密码输入在
# 这里", not "验证码发送到的手机号" or "验证码在App里填写".
_ZH_AFTER = re.compile(
    r"(?:发送?|报|念|说|告诉|截图|转发|私信|复制|粘贴|抄|提供|回复)(?:给)?(?:我|我们|客服|过来|上来|来|一下)"
    r"|(?:输入|填写?|打|发|贴)(?:在|到)(?:这里|此处|对话框|聊天)|给我|打出来"
    r"|(?:是)?(?:多少|什么|啥)(?![位时格意样原])"  # a question for its value: "验证码多少"
)
# Entering is a request only into the chat.
_ENTER = r"(?<![a-z])(?:type|enter|input|paste|write(?: down)?|key in|fill in)(?![a-z])|输入|填写|填|打在"
_INTO_CHAT = re.compile(
    r"(?<![a-z])(?:here|below|in (?:this|the|our) (?:chat|conversation|window)|chat ?box"
    r"|so (?:that )?(?:i|we) can|and (?:i|we)(?: will|'ll)|for me|for us|to me|to us)(?![a-z])"
    r"|这里|此处|在此|对话框|聊天框|聊天里|聊天中|我这边|我来|我帮|我们帮|我们来"
)
# A question for its value, not about the thing: "what is your PIN", "what code did the app text
# you", not "what is a seed phrase".
_QUESTION_BEFORE = (
    r"(?<![a-z])(?:what|which)(?: is| was| are|'s|s)?"
    r"(?= (?:your|the|that|those|these|this) | (?:[a-z0-9-]+ )?(?:codes?|digits?|numbers?|otp|pin"
    r"|password) (?:did|do|does|you|we))"
)
_NEED = (
    r"(?<![a-z])(?:i|we|our (?:system|team|engineers?)|support)(?: just| still| will| would|'ll|'d)?"
    r"(?: need| needs| require| requires| want| must have| have to (?:see|check|verify))(?![a-z])"
    r"|需要您|需要你"
)
_CUE = re.compile(
    f"(?P<give>{_GIVE_EN}|{_GIVE_ZH})|(?P<enter>{_ENTER})|(?P<ask>{_QUESTION_BEFORE})"
    f"|(?P<need>{_NEED})"
)
# Advice, not a request.
_NEGATION = re.compile(
    r"(?<![a-z])(?:never|not|don't|dont|do not|won't|will not|no one|nobody|can't|cannot|shouldn't"
    r"|should not|mustn't|must not|avoid|refuse|no need)(?![a-z])"
    r"|不要|别|勿|不会|绝不|从不|永远不|千万|切莫|不得|无权|不可|不能|没有人|不需要|无需|谨防|不用"
)
_NOBODY_OR_APP = re.compile(
    r"(?<![a-z])(?:anyone|anybody|no one|nobody|others|other people|in (?:the|our|your) app"
    r"|into (?:the|our) app|in-app|on the login (?:screen|page))(?![a-z])"
    r"|任何人|别人|他人|陌生人|app ?(?:内|里|中|上)|应用内|在app"
)
_WE_SEND = re.compile(
    r"(?<![a-z])(?:we|i|the app|our system)(?:'ve|'ll| have| will| just| already| can)*"
    r" (?:send|sent|text|texted|resend|resent) (?:you|a|the|another|it)(?![a-z])"
    r"|(?:我们|系统|我)?(?:已|已经)?(?:给|向)(?:您|你)(?:重新)?发(?:送)?|已发送|已经发送|重新发送"
)
_HEARSAY = re.compile(
    r"(?<![a-z])(?:if (?:anyone|someone|somebody|they|a person)|scam\w*|fraud\w*|phishing"
    r"|(?:someone|anyone|they) (?:ask|asks|asked|says?|said|tells?|told))(?![a-z])"
    r"|如果有人|若有人|有人让|有人要|骗子|诈骗|冒充"
)
_ALSO = re.compile(r"(?:包括|包含|还有|以及|连同|(?:including|incl|with|and|plus|also)(?![a-z]))")
_HIDDEN = re.compile(r"遮|挡|隐藏|打码|(?<![a-z])(?:cover|hid|blur|remov|redact|mask)")
_SENTENCE = re.compile(r"[.!?;](?:\s|$)|[。!?;\n]")
_CLAUSE = re.compile(r"[,:](?:\s|$)|[,、]")
_NEAR = 48  # characters between a cue and its secret, at most
# Another thing asked for, or an exception, stands between the verb and the secret: "confirm the
# phone number the code should go to", "send the screenshot without showing any codes".
_OTHER_OBJECT = re.compile(
    r"(?<![a-z])(?:phone|number|address|email|name|amount|date|time|hash|order|step|error|page"
    r"|link|photo|screenshot|id|receipt|reference|without|except|apart from)(?![a-z])"
    r"|手机号|号码|地址|金额|时间|订单|页面|除了|不含"
)


def asks_for_secret(text: str) -> str | None:
    """The kind of secret the text asks for (`otp`, `password`, `seed_phrase`, `private_key`), or
    None when it asks for none."""
    t = read_reply(text)
    named = _secrets(t)
    # What "it" or "the number" may stand for in a clause that names no secret.
    topic = named[0].kind if named else ("otp" if _TOPIC_HINT.search(t) else None)
    for sentence in _SENTENCE.split(t):
        if _HEARSAY.search(sentence):
            continue  # "if anyone asks for your PIN", "scammers say: send me your seed phrase"
        into_chat = bool(_INTO_CHAT.search(sentence))
        asked = False  # the clause before asked for something: "截图发给我，包括验证码"
        for clause in map(str.strip, _CLAUSE.split(sentence)):
            kind = _request_in(clause, topic, into_chat)
            if kind is None and asked and _ALSO.match(clause) and not _HIDDEN.search(clause):
                kind = next((s.kind for s in _secrets(clause)), None)
            if kind is not None:
                return kind
            asked = _asks(clause)
    return None


class _Secret(NamedTuple):
    start: int
    end: int
    kind: str


def _secrets(t: str) -> list[_Secret]:
    """The secrets a text names, but for codes that are none ("promo code", "error code")."""
    return [
        _Secret(m.start(), m.end(), next(k for k, v in m.groupdict().items() if v))
        for m in _SECRET.finditer(t)
        if not _NOT_SECRET_CODE.search(t, max(0, m.start() - 16), m.start())
    ]


def _request_in(clause: str, topic: str | None, into_chat: bool) -> str | None:
    if not clause or _NOBODY_OR_APP.search(clause):
        return None
    secrets = _secrets(clause)
    if not secrets and topic is not None:
        secrets = [_Secret(m.start(), m.end(), topic) for m in _REFERENCE.finditer(clause)]
    for cue in _CUE.finditer(clause):
        if _negated(clause, cue.end()) or _we_send(clause, cue):
            continue
        if cue.group("enter") and not into_chat:
            continue
        for secret in secrets:  # the verb first: "send me the code", "what is your PIN"
            if cue.end() <= secret.start <= cue.end() + _NEAR and not _OTHER_OBJECT.search(
                clause, cue.end(), secret.start
            ):
                return secret.kind
    for secret in secrets:  # the secret first: "把助记词发给我", "验证码多少", "密码输入在这里"
        verb = _ZH_AFTER.search(clause, secret.end, secret.end + 16)
        if verb and not _negated(clause, verb.end()):
            return secret.kind
    return None


def _asks(clause: str) -> bool:
    """A giving verb, not negated, that asks us something (the secret may follow)."""
    return any(
        cue.group("give") and not _negated(clause, cue.end()) and not _we_send(clause, cue)
        for cue in _CUE.finditer(clause)
    )


def _negated(clause: str, until: int) -> bool:
    return bool(_NEGATION.search(clause, 0, until))


def _we_send(clause: str, cue: re.Match[str]) -> bool:
    """The cue is our own sending ("we'll send you a new code", "已给您发送验证码")."""
    return any(m.start() <= cue.start() < m.end() + 2 for m in _WE_SEND.finditer(clause))


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
