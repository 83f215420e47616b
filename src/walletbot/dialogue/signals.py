"""What a message says about the conversation itself, not about the wallet: a request for a
person, dissatisfaction with the last answer, "skip", "none of these".

Each is a short list of phrasings over `normalise()`d text (simplified, case-folded). Requests for
a person count anywhere in a message ("我要投诉，转人工"); questions *about* support ("客服电话多少",
"support never asks for my password?", "人工客服几点上班") are look-alikes and are not requests.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from walletbot.brain.courtesy import BACKCHANNEL_WORDS, EMOJI, NO_WORDS

_PERSON_ZH = (
    r"转人工|转接人工|人工客服|人工服务|人工处理|人工介入|人工来|真人|活人|客服介入|找个人(?!工)|换个人(?!工)"
    # a verb, a few words of filler, then who: "叫你们客服", "接通人工", "和工作人员沟通"
    r"|(?:转|找|要|接通?|叫|联系|让|请|换|和|跟|同)(?:一下|下|个|一个|位|一位|你们的?|我)?(?:值班的?)?"
    r"(?:人工|客服|工作人员|同事|专员|接线员)|转接专员|接线员在|(?:出|过)?来个人"
    r"|不想(?:和|跟)机器人|^(?:人工|客服)(?:呢|在吗|在哪)?[?？!！。.]*$"
    # a manager: "叫你们经理来", "我要跟你们主管说"
    r"|(?:叫|找|要|让|请|换)(?:你们的?)?(?:经理|主管|领导|负责人)"
    r"|(?:跟|和|同)(?:你们的?)?(?:经理|主管|领导|负责人)(?:说|谈|聊|沟通|反映|讲)"
    # Said last, after the problem or an assent: "行吧，人工", "还是不行。人工！".
    r"|[,，.。!！]\s*人工(?:客服|服务)?(?:吧|啊|呀)?[.!。！?？]*$"
)
# English word edges: not `\b`, which sees no edge between a Chinese character and a Latin letter
# ("我要talk to an agent", "找agent").
_A, _Z = r"(?<![a-z])", r"(?![a-z])"
_PERSON_EN = (
    rf"{_A}(?:real|live|actual) (?:person|human|agent|people){_Z}|{_A}live support{_Z}"
    rf"|{_A}human (?:agent|being|support){_Z}|{_A}a human{_Z}|^(?:human|hooman){_Z}"
    rf"|{_A}(?:someone|somebody) (?:real|human){_Z}"
    rf"|{_A}(?:talk|speak|chat) (?:to|with) (?:a |an |the |your |some )?(?:person|human|agent|someone"
    rf"|somebody|representative|rep|operator|staff|support(?: team)?|customer (?:service|support|care)"
    rf"|supervisor|manager|specialist|colleague|(?:your |ur )?team(?: directly)?|ur (?:manager|supervisor)){_Z}"
    rf"|{_A}(?:be |get )?connected (?:to|with) (?:a |an |the |your )?(?:\w+ ){{0,3}}(?:representative"
    rf"|agent|person|human|staff|specialist|team){_Z}|{_A}(?:please )?connect me[.!?]*$"
    rf"|{_A}pass me (?:on )?to{_Z}|{_A}can (?:a|some|an actual|a real) (?:person|human|agent)"
    rf" (?:review|look|check|help|see){_Z}"
    rf"|{_A}(?:anyone|someone|somebody) (?:who can|to) (?:actually )?(?:look|check|review|help){_Z}"
    rf"|{_A}(?:connect|transfer|put) me (?:to|through|with){_Z}|{_A}escalate{_Z}"
    rf"|{_A}agent,? please{_Z}|{_A}get me (?:a|an|the|your) (?:person|human|agent|manager"
    rf"|supervisor){_Z}"
    rf"|{_A}(?:want|need|get|have) (?:a|an|some) (?:(?:real|live) )?(?:agent|human|person"
    rf"|representative|rep|operator){_Z}"
    rf"|{_A}(?:someone|somebody|anyone|a person|a human) (?:from|in|at|on) (?:your |the )?"
    rf"(?:support|customer service|staff|team){_Z}|{_A}(?:no more|stop the|enough) bots?{_Z}"
    r"|^(?:agent|operator|representative|human|hooman|customer service|support|人工|客服)"
    r"(?: ?(?:please|pls|plz))?[.!。！\s]*(?:谢谢|谢啦|吧|啊)?[.!。！]*$"
    # Said first or last, beside the problem: "agent, my withdrawal is stuck", "it failed again,
    # agent". Not "support" nor "客服": "客服，请问…" addresses the bot.
    r"|^(?:agent|operator|representative|human)(?: ?(?:please|pls|plz))?[,，:：!！]"
    r"|[,，.。!！]\s*(?:agent|operator|representative|human)(?: ?(?:please|pls|plz))?[.!。！\s]*$"
    # a Chinese verb and an English "who": "找agent", "转human", "帮我找个real person"
    r"|(?:转|找|要|接通?|叫|联系|换)(?:一下|下|个|一个|位|一位)? ?"
    rf"(?:(?:a |an )?(?:real |live )?(?:agent|human|person|staff|customer service|operator)){_Z}"
)
_PERSON = re.compile(f"{_PERSON_ZH}|{_PERSON_EN}")
# Questions about support rather than requests for it: its hours, numbers, wait, what it asks.
# Asking how to reach support through a channel ("怎么联系人工客服", "how do I contact a real
# person"): a question about support whatever verbs it has ("怎么转人工" is still a request).
_HOW_TO_REACH = re.compile(
    r"(?:怎么|怎样|如何|在哪里?)(?:才能)?(?:联系|联络|拨打|打电话|找到)"
    r"|\bhow (?:do|can|could|should) (?:i|we|you) (?:contact|reach|get in touch|call|email|phone)\b"
)
_ABOUT_SUPPORT = re.compile(
    r"电话|热线|号码|邮箱|几点|时间|上班|下班|多久|排队|\d+小时|全天|工号|会不会|会问|会要|索要|[问找跟向]我索?要"
    r"|是真的|是不是真"
    r"|怎么联系|在哪|是否会|是不是会|有没有可能|会(?:主动|打电话|发短信|在|找|跟|向|让|叫)"
    rf"|{_A}(?:phone|number|hotline|email|hours?|available|open|when|how long|wait(?:ing)?"
    rf"|ever ask|never ask|asks? (?:me )?for|ask me to|is it (?:really|true)){_Z}"
)
# What is left of a request once its phrase is gone ("我要找 客服", "i want an"): not a topic.
_RESIDUE = re.compile(
    r"人工|客服|真人|工作人员|我要|我想|帮我|给我|请|找|一下|能不能|可以吗|吧"
    r"|\b(?:i want|i need|i'd like|get me|can i|could i|let me|please|now|to|an?|the|agent|human"
    r"|person|someone|somebody|talk|speak|chat|connect|transfer|me|with|real|live)\b"
)
_REQUEST_VERB = re.compile(
    r"转|要|找|接|叫|联系|\b(?:want|need|let me|please|now|get me|give me|connect|transfer|put me)\b"
)
# Words of a request that are no request: a past agent ("上次的人工客服帮我解决了"), none wanted
# ("不用转人工了", "I don't need a human"), 人工 in other words (人工智能, "需要人工确认"), 真人 as
# the face check's ("请真人操作", "真人认证"), an "agent" who is a shop ("cash-in agent").
_NOT_A_REQUEST = re.compile(
    r"(?:上次|之前|刚才|昨天|那次)的?(?:那个|那位)?(?:人工客服|人工|客服)"
    r"|(?:不用|不需要|不要|无需|没必要)(?:再)?(?:转|找)?(?:人工|真人|客服)|不用 ?(?:human|agent)"
    r"|人工智能|人工(?:确认|审核|核实|复核)|真人(?:认证|验证|操作|检测|识别|核验)"
    rf"|{_A}(?:don'?t|do not|no) need (?:a |an |to talk to (?:a |an )?)?(?:human|agent|person){_Z}"
    rf"|{_A}no need for (?:a |an )?(?:human|agent|person){_Z}"
    rf"|{_A}no need to (?:transfer|connect|pass) me{_Z}"
    rf"|{_A}(?:don'?t|do not) need to (?:speak|talk) (?:to|with) (?:anyone|anybody|a person|an agent"
    rf"|someone|a human){_Z}"
    rf"|{_A}(?:last (?:week|time|month)|yesterday|earlier|before),? (?:a |an |the |your )?(?:human )?"
    rf"(?:agent|person|rep|representative){_Z}"
    rf"|{_A}(?:cash-?in|cash-?out|local|sales|travel|insurance|real estate) agents?{_Z}"
)
# Letters held down ("agentttt", "humaaaan") read once.
_HELD_DOWN = re.compile(r"([a-z])\1{2,}")
# "representative" as typed: "reprsentative", "represntative".
_REPRESENTATIVE = re.compile(r"(?<![a-z])repr?e?se?n?tatives?(?![a-z])")

_DISSATISFIED = re.compile(
    r"没用|没有用|不是这个|不是我要的|不是我问的|不是我想要的|答非所问|不对|没解决|不管用|没帮助|没帮上|没帮到"
    r"|还是不行|还是没|看不懂|不是这样"
    rf"|{_A}(?:didn'?t|did not|doesn'?t|does not) (?:help|work|answer){_Z}"
    rf"|{_A}not (?:helpful|useful){_Z}|{_A}useless{_Z}"
    rf"|{_A}not what i (?:asked|meant|need(?:ed)?|want(?:ed)?){_Z}"
    rf"|{_A}(?:that'?s|that is) (?:not it|wrong|not right|not my question){_Z}"
    rf"|{_A}wrong answer{_Z}|{_A}no help{_Z}|{_A}unhelpful{_Z}"
    rf"|{_A}still (?:not working|doesn'?t work|broken|failing|the same){_Z}"
    # The problem goes on, said alone after the answer ("他还没收到", "he still doesn't have it",
    # "it's still pending", "did that already"): inside a longer message "still pending" or "还没到"
    # may be a new question ("why is my transfer still pending", "还没收到验证码").
    r"|^(?:他|她|对方|钱)?(?:还是?|仍然|依然)(?:没|没有)(?:收到|到账|到帐|到)(?:啊|呢|呀|哦)?[\s.!?。！？]*$"
    r"|^(?:已经)?(?:试过了|照做了|都试了|弄过了|操作过了)(?:啊|呢|呀)?[\s.!?。！？，,]*(?:没用|不行)?[\s.!?。！？]*$"
    # Only pronouns: "my withdrawal is still pending" names its topic and may be a new question.
    r"|^(?:but |and |yeah |no,? )?(?:(?:he|she|they|it|that|the money|my money)(?: is|'s| has| have)? )?"
    r"still (?:(?:not|no|hasn'?t|haven'?t|isn'?t|doesn'?t|didn'?t|won'?t|can'?t)(?: [a-z']+){0,3}"
    r"|nothing|pending|failed|failing|stuck|missing|frozen|locked|blocked|restricted|on hold"
    r"|declined|rejected|denied|not going through|getting (?:declined|rejected)"
    r"|under review|says failed|shows? (?:failed|pending))[\s.!]*$"
    r"|^(?:账户|账号|钱|卡|它)?(?:还是|仍然|依然|还)(?:被)?(?:冻结|锁定|锁|限制|封)(?:着|的|了)*(?:啊|呢|呀)?[\s.!?。！？]*$"
    r"|^(?:i )?(?:(?:have|'ve) )?(?:already )?(?:did|done|tried) (?:that|it|this|everything)"
    r"(?: already)?[\s.!]*$"
)
# Passing on a question, or not knowing: after an answer, when nothing was asked, these say
# nothing ("dunno" is no question about another topic); "忘了", "没有", "none" may ("忘了" after
# "enter your payment password" is that it was forgotten), so they only skip a question asked.
_PASS = (
    r"跳过|跳过吧|略过|不知道|不清楚|不确定|pass|skip(?: it| this)?"
    r"|(?:i )?(?:don'?t|do not) know|not sure|no idea|dunno|idk"
)
_END = r"[\s.!?。！？~]*$"
_PASSES = re.compile(rf"^(?:{_PASS}){_END}")
_SKIP = re.compile(
    rf"^(?:{_PASS}|不记得了?|记不清了?|忘了|没有|算了|下一个|下一步"
    rf"|(?:i )?(?:don'?t|can'?t) remember|n/?a|none|next){_END}"
)
_NONE_OF_THESE = re.compile(
    r"^(?:都不是|都不对|以上都不是|一个都不是|全都不是|没有我要的|没有我想要的|都不是我要的"
    r"|(?:这些|这几个|上面的?|以上)都?(?:不是|不对)|不是这些|都不是这些|没有一个(?:是|对)的?"
    r"|(?:这|那)?[两三几]个都(?:不是|不对)|哪个都不是|一个也不是|全不是"
    r"|(?:(?:no|nah|nope),? )?(?:none(?: of (?:these|them|those|the above|that))?"
    r"|neither(?: one| of (?:these|them|those))?|not any of (?:these|them))"
    r"(?: (?:fits?|applies|apply|matche?s?|is it|are right))?"
    r"|no,? none|not these|not those)[\s,.!?。！？~]*(?:吧|啊|呢)?$"
)
# The user no longer wants a person: the whole message says so ("算了不用了", "never mind, I fixed
# it", "问题已经解决了，不用处理了", "you can close the ticket, it's working now"). A message made of
# these pieces and nothing else, with at least one that dismisses the wait or says the problem is
# solved: "算了，钱还是没到" still waits, a bare "取消" or "cancel" may be about a payment, and a
# question ("解决了吗", "all good?") asks rather than tells.
_STOP_LEAD = (
    r"那|那就|好吧|好的|行吧|行|嗯|哦|哈|谢谢|谢啦|多谢|麻烦了|吧|啦|呀"
    r"|(?<![a-z'])(?:ok|okay|oh|well|actually|hey|sorry|great|cool|good news|thanks|thank you|thx|ty|cheers"
    r"|anyway|after all|bye|sorry for the trouble|all the same)(?![a-z'])"
)
_STOP_CORE = (
    # dismissing the wait
    r"算了|不用了|不需要了|不要了|不用(?:再)?(?:等|排队|转人工|人工|处理|回复|麻烦|联系我|管)了"
    r"|不需要(?:人工|客服|处理|回复)了|不要人工了|取消排队|不排了|(?:我)?不等了|没事了|没问题了"
    r"|(?:工单|问题)?可以关(?:闭|掉)?了|(?:帮我|请)?关(?:闭|掉)(?:这个)?工单"
    # saying it is solved
    r"|(?:我|那个|这个)?(?:问题)?(?:已经)?(?:自己)?(?:解决|搞定|弄好|处理好|修好|找到)了"
    r"|(?:已经|现在)(?:好了|可以了|正常了|能用了|没问题了)"
    r"|(?:钱|款|退款)?(?:已经|刚|刚刚|终于)到(?:账)?了|(?:钱|款|退款)到(?:账)?了"
    r"|(?<![a-z'])(?:never ?mind|nvm|forget (?:it|about it)|stop waiting"
    r"|no need(?: anymore| any more| to (?:reply|wait|call|contact me|bother))?"
    r"|cancel (?:the queue|my request|the request|it please|the ticket|my ticket)"
    r"|(?:i )?(?:don'?t|do not|no longer) need (?:help|an agent|a person|it|support|anyone)"
    r"(?: anymore| any more| now)?"
    r"|(?:you can |please |pls )?close (?:the|my|this) (?:ticket|request|case|chat)"
    r"|(?:i'?ve |i have |i )?(?:fixed|solved|sorted|figured|worked) (?:it|this|that)(?: out)?"
    r"(?: myself| on my own)?"
    r"|(?:it'?s|it is|that'?s|everything'?s|all) (?:fixed|solved|working|sorted|fine|ok|okay|good"
    r"|set)(?: now)?|(?:the )?(?:problem|issue)(?:'s| is)? (?:solved|fixed|resolved|sorted)"
    r"|(?:it )?works now|got it working|(?:the|my) money is here"
    r"|(?:it|the money|my money|the payment|the transfer|the refund|the withdrawal)"
    r"(?: has| just| finally)* (?:arrived|come through|came through|gone through|went through"
    r"|shown up|showed up))(?![a-z'])"
)
_STOP_WAITING = re.compile(
    rf"^(?:(?:{_STOP_LEAD}) ?)*(?:{_STOP_CORE})(?: ?(?:{_STOP_LEAD}|{_STOP_CORE}))* ?$"
)
_QUESTION = re.compile(r"[?？]\s*$|[吗呢么嘛]\s*[?？!！。.~…]*\s*$")
_FILLER = re.compile(r"[\s,.!?;:，。！？；：、~…—–]+")


# A question rather than a statement: a mark or a particle at its end, a Chinese question word, or
# an English sentence that opens like one ("my bank is HSBC" is no question; "is it safe" is).
_ASKS = re.compile(
    r"怎么|为什么|为啥|什么|哪里|哪儿|多少|多久|能不能|可不可以|是不是"
    r"|^(?:how|what|why|where|when|which|can|could|should|will|would|is|are|do|does|did)\b"
)


def asks(text: str) -> bool:
    """Whether a message asks something ("对方不还怎么办", "能撤回吗", "what if he keeps it?")."""
    return _QUESTION.search(text) is not None or _ASKS.search(text) is not None


class PersonRequest(NamedTuple):
    rest: str  # the message without the request: what the hand-off is about, if anything


def person_request(text: str) -> PersonRequest | None:
    """An explicit request for a person, wherever it is in the message; None for look-alikes."""
    text = _REPRESENTATIVE.sub("representative", _HELD_DOWN.sub(r"\1", text))
    found = _PERSON.search(text)
    if found is None or _HOW_TO_REACH.search(text) or _NOT_A_REQUEST.search(text):
        return None
    if _ABOUT_THE_BOT.search(text):  # "are you a real human?" asks who answers
        return None
    if _ABOUT_SUPPORT.search(text) and not _REQUEST_VERB.search(text[: found.start()] + found[0]):
        return None
    rest = _RESIDUE.sub(" ", _PERSON.sub(" ", text))
    return PersonRequest(_FILLER.sub(" ", rest).strip())


# Asking about one's own wait for a person: how long, one's turn ("还要等多久", "要排队多久",
# "轮到我了吗", "how long do I have to wait?"). While waiting it is answered with the place in the
# queue, never with an FAQ entry its words resemble (the identity check's review times). "while I
# wait, how do I …" asks something else.
_ABOUT_THE_WAIT = re.compile(
    r"(?:等|排队)(?:多久|多长时间|几分钟|到什么时候)|还要等|轮到我"
    rf"|{_A}how (?:long|much longer)\b[^.?!,]*{_A}(?:wait|queue){_Z}|{_A}my turn{_Z}"
    rf"|{_A}how much longer{_Z}"
)


def declines_a_person(text: str) -> bool:
    """Words of a request that ask for nobody: "不用转人工了", "上次的人工客服帮我解决了", "人工智能",
    "I don't need a human"."""
    return _NOT_A_REQUEST.search(text) is not None


# Asking who answers: "你是机器人吗", "是真人在回复吗", "are you a bot?", "am I talking to a human".
_ABOUT_THE_BOT = re.compile(
    r"你(?:们)?是(?:不是)?(?:机器人|真人|人工智能|ai|客服机器人)|(?:是|有)(?:不是)?真人在(?:回复|回答|回覆)"
    r"|是机器人(?:自动)?回复|机器人(?:自动)?回复(?:吧|吗|的吗)|自动回复吧|真人还是(?:机器人|ai)"
    rf"|{_A}(?:are|r) (?:you|u) (?:a |an )?(?:real )?(?:bot|robot|human|person|ai|machine){_Z}"
    rf"|{_A}is this (?:a |an )?(?:bot|robot|ai|automated|real person){_Z}"
    rf"|{_A}talking to (?:a |an )?(?:bot|robot|human|person|real person|ai|machine){_Z}"
    rf"|{_A}(?:does|do|will) (?:a )?real (?:person|human) read{_Z}"
    rf"|{_A}(?:a )?(?:human|real person) behind (?:this|the) (?:chat|screen|bot){_Z}|是在(?:跟|和)机器人"
)


def about_the_bot(text: str) -> bool:
    return _ABOUT_THE_BOT.search(text) is not None


def asks_about_the_wait(text: str) -> bool:
    return _ABOUT_THE_WAIT.search(text) is not None


def about_support(text: str) -> bool:
    """A question about support itself (its hours, channels, wait, what it asks for)."""
    return _HOW_TO_REACH.search(text) is not None or _ABOUT_SUPPORT.search(text) is not None


class Dissatisfaction(NamedTuple):
    rest: str  # what else the message says ("不是这个，我问的是提现手续费" -> "我问的是提现手续费")


def dissatisfaction(text: str) -> Dissatisfaction | None:
    found = _DISSATISFIED.search(text)
    if found is None:
        return None
    rest = _FILLER.sub(" ", text[: found.start()] + " " + text[found.end() :]).strip()
    return Dissatisfaction(rest)


# Words that carry no question of their own ("this at all", "it just", "please").
_EMPTY_WORDS = frozenset(
    [
        "a",
        "all",
        "an",
        "and",
        "again",
        "at",
        "but",
        "do",
        "does",
        "for",
        "i",
        "is",
        "it",
        "it's",
        "just",
        "me",
        "my",
        "no",
        "not",
        "of",
        "ok",
        "okay",
        "please",
        "really",
        "so",
        "still",
        "that",
        "that's",
        "the",
        "this",
        "to",
        "very",
        "was",
        "you",
        "your",
        "yes",
    ]
)


def substantial(rest: str, *, han: int = 4, words: int = 3) -> bool:
    """Whether what is left of a message says something of its own (not "啊", "this at all"):
    at least `han` Chinese characters or `words` English words that carry meaning."""
    meaningful = [w for w in re.findall(r"[a-z][a-z']+", rest) if w not in _EMPTY_WORDS]
    return sum(1 for c in rest if "\u4e00" <= c <= "\u9fff") >= han or len(meaningful) >= words


# Messages that carry no question or fact: acknowledgements, hesitations, bare punctuation or an
# emoji, "this"/"that" pointing at nothing ("嗯", "好的", "？", "ok", "👍", "huh?", "this one").
_BACKCHANNEL = re.compile(rf"^(?:(?:{BACKCHANNEL_WORDS})\s*)+$")


def says_nothing(text: str) -> bool:
    """An acknowledgement or a bare "?": nothing to read in the previous answer's topic."""
    words = NO_WORDS.sub(" ", text).strip()
    return not words or _BACKCHANNEL.match(words) is not None


# The whole-message signals below read a message without its emoji ("跳过🙏", "算了不用了 😅").


def skips(text: str) -> bool:
    return _SKIP.match(EMOJI.sub("", text).strip()) is not None


def passes(text: str) -> bool:
    """ "跳过", "不知道", "dunno" and the like, alone: a skip that names nothing else."""
    return _PASSES.match(EMOJI.sub("", text).strip()) is not None


def none_of_these(text: str) -> bool:
    return _NONE_OF_THESE.match(EMOJI.sub("", text).strip()) is not None


def stops_waiting(text: str) -> bool:
    """A waiting user saying they no longer need a person ("算了不用了", "never mind, I fixed it")."""
    text = EMOJI.sub("", text)
    if _QUESTION.search(text):
        return False
    return _STOP_WAITING.match(_FILLER.sub(" ", text).strip()) is not None
