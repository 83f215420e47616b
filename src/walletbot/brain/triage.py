"""Fraud and urgency triage: is the user being scammed, is the account under attack, are they angry?

Runs on text that is already `normalise()`d (NFKC, simplified Chinese, casefolded) and masked by the
shield, so "[code]" or "[seed phrase]" may stand where a secret was. The rules are in
`triage_rules.py`; each that fires is named in `Triage.signals` to explain the decision. Here is
what they mean together: a hypothetical, a general question, a clause that tells no event or the
user's own doing sets some aside.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from walletbot.brain.pattern_set import PatternSet
from walletbot.brain.triage_rules import ASK, RULES, SECRET, Rule


@dataclass(frozen=True)
class Triage:
    scam_risk: bool
    account_at_risk: bool
    angry: bool
    signals: tuple[str, ...]  # names of the rules that fired, e.g. "scam:safe_account"
    # A scam rule's words in a general question ("客服会不会问我要验证码？"): no scam in progress,
    # but a question for the account-security entries.
    scam_question: bool = False

    @property
    def urgent(self) -> bool:
        """Money or the account at risk now: a scam in progress or an account at risk."""
        return self.scam_risk or self.account_at_risk


# Every rule's patterns, searched together; each rule's are the indexes of its own.
RULE_PATTERNS = PatternSet([pattern for rule in RULES for pattern in rule.patterns])
_RULE_INDEXES: tuple[tuple[int, ...], ...] = tuple(
    tuple(RULE_PATTERNS.patterns.index(pattern) for pattern in rule.patterns) for rule in RULES
)

# Upper-case words that are not shouting.
_ACRONYMS = re.compile(
    r"usdt|usdc|btc|eth|trx|trc|erc|bnb|kyc|otp|pin|sms|app|atm|api|nft|dex|cex|usd|cny|rmb|hkd"
    r"|eur|gbp|iban|swift|faq|vip|ios|vpn|pdf"
)
_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
_CAPS_RUN = re.compile(r"[A-Z]{3}")
_LETTER = re.compile(r"[A-Za-z]")


def _shouting(raw: str) -> bool:
    """Three or more capitalised words (not acronyms) in a message that is mostly capitals."""
    if not _CAPS_RUN.search(raw):  # no capitalised word at all: most messages, at a quick scan
        return False
    letters = _LETTER.findall(raw)
    if len(letters) < 12:
        return False
    upper = sum(c.isupper() for c in letters)
    words = [w for w in _CAPS_WORD.findall(raw) if not _ACRONYMS.fullmatch(w.lower())]
    return upper >= 0.7 * len(letters) and len(words) >= 3


# A general question about scams ("how do I recognise a scam?", "会不会问我要验证码？") is answered
# from the FAQ; only a described incident (something happened to the user, someone did something)
# makes a scam rule hand off urgently. Account-at-risk rules are never silenced this way.
_GENERAL_QUESTION = re.compile(
    r"(?:怎么|怎样|如何|怎麼)(?:才能)?(?:识别|辨别|分辨|判断|防范|防止|避免|区分|知道|看出|举报)"
    r"|什么(?:是|叫)|有哪些|常见的?.{0,8}(?:诈骗|骗局)|会不会|会.{0,16}[吗嘛]"
    r"|是不是会|是否会|有没有可能|可不可能|正规的?(?:客服|工作人员|官方|平台)"
    # What support never does, and asking to have it confirmed: "客服是不是永远不会要密码", "对吧"
    r"|(?:不会|从不|从来不|绝不|绝对不|永远不|决不|不可能)会?.{0,8}?(?:要|问|索要|让|叫|联系|打电话)"
    r"|对吧|对吗|是吗|没错吧|是这样吗|是真的吗"
    r"|how (?:do|can|could|should|would) (?:i|you|we|one|people) (?:\w+ )?(?:recogni[sz]e|tell|spot"
    r"|avoid|identify|detect|know|protect|prevent|report|check)"
    r"|what (?:is|are|does|do) (?:a |an |the )?|(?:tips|warning signs|red flags)"
    r"|(?:will|would|does|do|can|could|might|may|should) (?:\w+ ){0,3}(?:ever )?"
    r"(?:ask|request|call|message|need)"
    r"|(?<![a-z])(?:never|won't|will not|wouldn't|would not|doesn't|does not|don't|do not"
    r"|shouldn't|should not|isn't supposed to|is not supposed to) (?:\w+ ){0,2}"
    r"(?:ask|request|need|call|message|contact|require)"
    r"|(?:^|[,\s])(?:right|correct|true|isn't it|is that (?:right|true|correct)|am i right)[\s?.!]*$"
    r"|is it (?:safe|ok|okay|normal|usual|common|legit) (?:for (?:\w+ ){1,3})?to|is it true"
)
_INCIDENT = re.compile(
    r"我(?:被|已经|已|刚|把|给了|收到|接到|点了|下载了|转了|付了)|(?:[让叫要]我|[问跟找向]我索?要|索要)|对方|有人|有个"
    r"|[他她]们?(?:说|让|要|叫|问)|刚才|今天|昨天|骗了我|打电话给我|给我打|加了我|我的(?:钱|账户|账号)被"
    r"|(?<![a-z])(?:i (?:was|got|have been|'ve been|just|gave|sent|clicked|received|entered|shared|paid"
    r"|transferred|think i)|someone|somebody|he|she|they (?:said|asked|told|want)|a guy|caller"
    r"|yesterday|today|just now)(?![a-z'])"
    # Something done to the user ("asked me", "called me", "wants me to"), not "would they ask me".
    r"|(?<![a-z])(?:\w+ed|told|sent|gave|rang|wants|keeps? \w+ing|is \w+ing|are \w+ing) me(?![a-z])"
    r"|(?<![a-z])(?:asked|told|called|texted|messaged|emailed|contacted|demanded|wanted|said)(?![a-z])"
)


# A question about a risk that has not happened ("如果手机丢了怎么办", "what if my account gets
# hacked?") is the account-security entries' to answer, not an urgent hand-off.
_IF_OPENER = re.compile(
    r"^(?:(?:请问|问一下|想问一下|我想问一下)[，,\s]*)?(?:如果|万一|假如|要是|假设|若是|假使|倘若)"
    r"|^[^，,。;；]*的话"
    r"|^(?:what if|what happens if|what would happen if|what (?:should|do|can|would) i do if|if"
    r"|in case|suppose|supposing|if ever|hypothetically)(?![a-z])"
)
_TOLD = re.compile(
    r"已经|刚刚|刚才|刚(?!好)|今天|昨天|昨晚|前天|今早"
    r"|(?<![a-z])(?:just|already|yesterday|today|tonight|this morning|last night|earlier)(?![a-z])"
)
_NEXT_SENTENCE = re.compile(r"[。！？!?.]\s*\S")
# Anywhere in a message, words that make it a question ahead of time: "in case it ever happens",
# "以防万一", "先了解一下", "just curious".
_AHEAD_OF_TIME = re.compile(
    r"以防万一|先了解一下|只是问问|问问而已|好奇问问|只是好奇|提前了解|未雨绸缪"
    r"|(?<![a-z])(?:in case (?:it|that|this) (?:ever )?happens|just in case|just (?:asking|curious)"
    r"|ahead of time|beforehand)(?![a-z])"
)
# The user did it themselves: "it was me on my new laptop", "是我自己在新电脑上登的".
_OWN_DOING = re.compile(
    r"(?<!不)(?<!不是)是我(?:自己|本人)|我自己(?:在|登|操作|改)"
    r"|(?<![a-z])(?:it|that) was (?:just )?me(?![a-z])|i did it myself"
)
# Clauses that tell no event: a condition ("if my account gets hacked", "账号被盗的话", "如果手机被偷
# 了"), a precaution ("防止手机被偷"), someone else's ("朋友的钱包被盗了", "my friend says her wallet
# got hacked"). The account-at-risk rules must fire without them: "my phone was stolen, what if
# they get into my account?" still does.
_UNTOLD_CLAUSE = re.compile(
    r"(?:如果|万一|假如|要是|假设|若是|倘若|防止|预防|以免|避免)[^，。,.!?！？;；]*"
    r"|[^，。,.!?！？;；]*的话"
    r"|(?:朋友|同事|家人|亲戚|同学|别人|表姐|表哥|表妹|表弟)的(?:钱包|账户|账号|手机|卡|微信|qq|支付宝)[^，。,.!?！？;；]*"
    r"|(?<![a-z])(?:if|in case|so (?:that )?(?:i|my|it) (?:don't|doesn't|won't)|to (?:avoid|prevent))"
    r"(?![a-z])[^,.!?;]*"
    r"|(?<![a-z])my (?:friend|colleague|coworker|sister|brother|mom|dad|mother|father|cousin)"
    r"(?:'s| says (?:her|his|their)| said (?:her|his|their)) [^,.!?;]*"
)


# The wallet itself as the one asking ("你们会向我索要短信验证码吗", "do you ask me for my seed
# phrase?"): no actor of the scam rules, since "登录时平台要我输入验证码" is the app's own sign-in,
# so it counts only asked in general, to rank the account-security entries first.
_ASKED_BY_US = re.compile(
    r"(?:你们|平台|官方|钱包|贵司|(?<![a-z])(?:you|your (?:team|staff|company|app|wallet)"
    r"|the official (?:team|staff)|officials?)(?![a-z]))"
    r".{0,40}?" + ASK + r".{0,40}?" + SECRET
)


# An ask after a modal ("会不会打电话让我", "是否会在微信上问我要") is what someone might do, asked
# about; without one ("客服打电话让我…") it is what someone did, and _INCIDENT counts it.
_HYPOTHETICAL_ASK = re.compile(
    r"(?:会|可能|是否|需要|应该)(?:不会)?[^，。,.!?！？；;]{0,8}?(?:[让叫要]我|[问跟找向]我索?要|索要)"
)


def assess(
    text: str, raw: str | None = None, learned: Callable[[str], tuple[str, ...]] | None = None
) -> Triage:
    """Triage a normalised, masked message; pass `raw` (before case folding) to detect shouting,
    and `learned` (urgency_model.UrgencyModel.flags) to read urgency the rules do not name."""
    fired, asked = _fired_rules(text)
    shouting = raw is not None and _shouting(raw)
    flags: set[str] = {f for r in fired for f in r.flags}
    added = _learned_flags(text, learned) if learned and not {"scam", "risk"} & flags else ()
    if not fired and not shouting and not added:
        return _SCAM_QUESTION if asked else _NOTHING  # most messages: no object to build
    signals = [r.name for r in fired] + [f"learned:{flag}" for flag in added]
    flags.update(added)
    if shouting:
        signals.append("angry:shouting")
        flags.add("angry")
    return Triage(
        scam_risk="scam" in flags,
        account_at_risk="risk" in flags,
        angry="angry" in flags,
        signals=tuple(signals),
        scam_question=asked,
    )


_NOTHING = Triage(scam_risk=False, account_at_risk=False, angry=False, signals=())
_SCAM_QUESTION = Triage(False, False, False, (), scam_question=True)


def _fired_rules(text: str) -> tuple[list[Rule], bool]:
    """The rules that fire, and whether scam rules were set aside as a general question (or the
    question is what the wallet itself asks for, which no rule reads)."""
    matched = RULE_PATTERNS.matching(text)
    found = set(matched)
    fired = [
        r for r, indexes in zip(RULES, _RULE_INDEXES, strict=True) if found.issuperset(indexes)
    ]
    if not fired:
        return [], _ASKED_BY_US.search(text) is not None and _general(text)
    if _hypothetical(text):
        kept = [r for r in fired if not {"scam", "risk"} & set(r.flags)]
        return kept, len(kept) < len(fired)
    if _OWN_DOING.search(text) is not None:  # "got a login alert but it was me": no takeover
        fired = [r for r in fired if r.flags != ("risk",)]
    told = _UNTOLD_CLAUSE.sub(" ", text)
    if told != text and any(r.flags == ("risk",) for r in fired):
        still = set(RULE_PATTERNS.matching(told))
        fired = [
            r
            for r, indexes in zip(RULES, _RULE_INDEXES, strict=True)
            if r in fired and (r.flags != ("risk",) or still.issuperset(indexes))
        ]
    if _general(text):
        kept = [r for r in fired if r.flags != ("scam",)]
        return kept, len(kept) < len(fired)
    return fired, False


def _learned_flags(text: str, learned: Callable[[str], tuple[str, ...]]) -> tuple[str, ...]:
    """What the model reads, under the rules' guards: a question before the event, a general
    question, the user's own doing are not reports, whatever their words."""
    if _hypothetical(text) or _general(text):
        return ()
    flags = learned(text)
    if _OWN_DOING.search(text) is not None:
        flags = tuple(f for f in flags if f != "risk")
    return flags


def _hypothetical(text: str) -> bool:
    """A risk asked about before it happens: one sentence opening with "如果", "万一", "what if",
    "in case" (or whose first clause ends in "的话"), and nothing to say it happened ("刚才",
    "already"). A report with a worry after it ("账户被盗了，要是钱被转走的话怎么办", "my account got
    hacked. what if they take my money?") does not open with one."""
    if _TOLD.search(text) is not None:
        return False
    if _AHEAD_OF_TIME.search(text) is not None:
        return True
    return (
        _IF_OPENER.search(text) is not None
        and _NEXT_SENTENCE.search(text.rstrip("。！？!?.~ ")) is None
    )


def _general(text: str) -> bool:
    """Asked in general, not told as something that happened."""
    return _GENERAL_QUESTION.search(text) is not None and not _INCIDENT.search(
        _HYPOTHETICAL_ASK.sub("", text)
    )
