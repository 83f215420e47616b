"""Generated reports of money taken from the user's account, and look-alikes that are not.

A report is what a user types when money left their account without them: who (or nobody named),
a verb of taking, what was taken (money, a currency, an amount), from where, and perhaps when or
"it wasn't me", in Chinese or English, active or passive ("someone took 500 usdt from my wallet",
"我的钱被人偷偷转走了"). A look-alike shares the words and asks or tells something else: moving
one's own money, a fee or a double charge, a question about support. Triage must flag every
report as money at risk (an urgent hand-off) and none of the look-alikes.

Each generator takes a `Choices` (tests/support/secret_corpus.py): a hypothesis draw in the tests
(tests/brain/test_triage.py), a seeded `random.Random` in the benchmark
(benchmarks/triage_rates.py).
"""

from __future__ import annotations

from hypothesis import strategies as st

from tests.support.secret_corpus import Choices, DrawChoices

EN_ACTORS = ["someone", "somebody", "a stranger", "some scammer", "a hacker", "they"]
EN_TAKE = ["took", "stole", "transferred", "withdrew", "moved", "drained", "sent out", "cashed out"]
EN_TAKEN = ["taken", "stolen", "transferred", "withdrawn", "drained", "moved"]
EN_WHAT = ["my money", "my funds", "all my usdt", "my savings", "my btc", "money", "funds"]
EN_FROM = ["from my account", "from my wallet", "out of my balance", "from my card", ""]
EN_WHEN = ["", " last night", " this morning", " yesterday", " an hour ago", " just now"]
EN_NOT_ME = [
    " without my permission",
    " without permission",
    ", it wasn't me",
    ", I didn't do it",
    " and I never authorized it",
]
EN_TAIL = [
    "",
    " without my permission",
    " without permission",
    ", it wasn't me",
    ", I didn't do it",
    " and I never authorized it",
    "!!",
    ", help",
]
ZH_ACTORS = ["有人", "别人", "陌生人", "骗子", "不知道谁", "黑客"]
ZH_HOW = ["", "偷偷", "悄悄", "趁我睡觉"]
ZH_TAKE = ["转走", "偷走", "盗走", "划走", "提走", "拿走", "转出去"]
ZH_WHAT = ["钱", "余额", "USDT", "积蓄", "两千块", "500块", "1万"]
ZH_WHEN = ["", "昨晚", "今天早上", "刚才", "一个小时前"]
ZH_TAIL = ["", "，不是我操作的", "，我根本没授权", "！！", "，怎么办", "，救命"]


def _amount_en(c: Choices) -> str:
    n = c.randint(20, 9000)
    return c.choice([f"${n}", f"{n} usdt", f"{n} dollars", f"€{n}", f"{n} usd"])


def theft_report(c: Choices) -> tuple[str, str]:
    """(language, message): money taken from the user, told in one of several shapes."""
    if c.randint(0, 1):
        shape = c.randint(0, 2)
        when, tail = c.choice(EN_WHEN), c.choice(EN_TAIL)
        if shape == 0:  # "someone took my money from my account last night"
            what = c.choice([*EN_WHAT, _amount_en(c)])
            text = f"{c.choice(EN_ACTORS)} {c.choice(EN_TAKE)} {what} {c.choice(EN_FROM)}"
        elif shape == 1:  # "my savings were stolen from my wallet"
            noun = c.choice(["my money", "my funds", "my savings", "my usdt", "my crypto"])
            verb = "were" if noun in ("my funds", "my savings") else "was"
            taken = c.choice(EN_TAKEN)
            text = f"{noun} {verb} {taken} {c.choice(EN_FROM)}"
        else:  # "$500 was taken from my account, it wasn't me"
            taken = c.choice(EN_TAKEN)
            text = f"{_amount_en(c)} was {taken} {c.choice(EN_FROM[:4])}"
        if shape and taken not in ("stolen", "drained"):
            # "taken from my account" alone may be a payment the user made: a report says so.
            tail = c.choice(EN_NOT_ME)
        return "en", " ".join(f"{text.strip()}{when}".split()) + tail
    shape = c.randint(0, 2)
    when, how, take, what = (
        c.choice(ZH_WHEN),
        c.choice(ZH_HOW),
        c.choice(ZH_TAKE),
        c.choice(ZH_WHAT),
    )
    actor, tail = c.choice(ZH_ACTORS), c.choice(ZH_TAIL)
    if shape == 0:  # "昨晚有人偷偷转走了我的钱"
        text = f"{when}{actor}{how}{take}了我的{what}"
    elif shape == 1:  # "我的余额被人悄悄划走了"
        by = c.choice(["", "人", "别人", "陌生人"])
        text = f"{when}我的{what}被{by}{how}{take}了"
    else:  # "有人从我账户里转走了500块"
        where = c.choice(["我账户里", "我的钱包里", "我卡里", "我余额里"])
        text = f"{when}{actor}从{where}{how}{take}了{what}"
    return "zh", text + tail


# Sharing the words of a report, telling or asking something else. Written as full messages: the
# variety is in which one and in the amounts, not in recombined parts that might make a report.
EN_LOOK_ALIKES = [
    "how do I move my money from my wallet to my bank",
    "I transferred {a} to my friend yesterday, how long until it arrives",
    "I want to withdraw {a} from my account",
    "the fee was taken from my balance, how much is it",
    "money was taken twice for one order",
    "a {a} charge was taken for my subscription",
    "can I send money without my friend's permission",
    "how do I stop my money from being taken by fees",
    "I took out {a} at an atm with my card",
    "my withdrawal of {a} is still pending",
    "can someone else transfer money to my account",
]
ZH_LOOK_ALIKES = [
    "怎么把钱转到银行卡",
    "我昨天给朋友转了{a}，多久能到",
    "我想从账户里提现{a}",
    "手续费从余额里扣了多少",
    "一笔订单扣了两次钱",
    "我把钱转走了还能撤回吗",
    "怎么把钱包里的USDT转出去",
    "提现{a}到银行卡要多久",
    "我用卡取了{a}现金",
    "别人可以给我的账户转账吗",
    "退款{a}什么时候到账",
]


def look_alike(c: Choices) -> tuple[str, str]:
    """(language, message): the words of a report, not a report."""
    if c.randint(0, 1):
        return "en", c.choice(EN_LOOK_ALIKES).format(a=_amount_en(c))
    return "zh", c.choice(ZH_LOOK_ALIKES).format(a=c.choice(["500块", "两千", "1万元", "300 USDT"]))


@st.composite
def theft_reports(draw: st.DrawFn) -> tuple[str, str]:
    return theft_report(DrawChoices(draw))


@st.composite
def look_alikes(draw: st.DrawFn) -> tuple[str, str]:
    return look_alike(DrawChoices(draw))


# Questions about what support would do ("客服会不会让我提供验证码？", "would an agent ever ask for
# my seed phrase?") are the anti-fraud FAQ's to answer; the same words told as something that
# happened ("客服打电话让我提供验证码", "support called me and asked for my code") are a scam in
# progress. Triage must flag every incident as a scam and none of the questions.
ZH_STAFF = [
    "客服",
    "官方客服",
    "工作人员",
    "你们的客服",
    "平台",
    "官方",
    "钱包客服",
    "你们",
    "人工客服",
]
ZH_CHANNEL = ["", "", "打电话", "发短信", "在微信上", "主动"]
ZH_ASK_NOUN = ["问我要", "找我要", "跟我要", "向我索要"]
ZH_ASK_VERB = ["叫我", "让我", "要我"]
ZH_SECRET = ["验证码", "短信验证码", "登录密码", "支付密码", "助记词", "私钥", "银行卡密码"]
ZH_DEMAND = [
    "提供验证码",
    "报一下验证码",
    "说出密码",
    "把钱转到安全账户",
    "下载远程控制软件",
    "共享屏幕",
    "先交解冻费",
    "扫码验证身份",
    "把助记词发过去",
]


def _zh_ask(c: Choices) -> str:
    """A verb of asking and what is asked: "问我要验证码", "让我把钱转到安全账户"."""
    if c.randint(0, 1):
        return c.choice(ZH_ASK_NOUN) + c.choice(ZH_SECRET)
    return c.choice(ZH_ASK_VERB) + c.choice(ZH_DEMAND)


EN_STAFF = [
    "support",
    "your support team",
    "an agent",
    "your staff",
    "customer service",
    "you",
    "the official team",
    "a real agent",
]
EN_SECRET = [
    "code",
    "verification code",
    "password",
    "PIN",
    "seed phrase",
    "private key",
    "sms code",
]
EN_DEMAND = [
    "share my code",
    "read out the sms code",
    "move my funds to a safe account",
    "install anydesk",
    "pay an unfreeze fee",
    "send my seed phrase",
]


def _en_ask(c: Choices, tense: str) -> str:
    """The English ask: "ask me for my code", "asked me to install anydesk" (tense "" or "ed")."""
    ask = "asked" if tense else "ask"
    if c.randint(0, 1):
        return f"{ask} me for my {c.choice(EN_SECRET)}"
    return f"{ask} me to {c.choice(EN_DEMAND)}"


def support_question(c: Choices) -> tuple[str, str]:
    """(language, message): a question about what support would ask of the user."""
    if c.randint(0, 1):
        who, ask = c.choice(EN_STAFF), _en_ask(c, "")
        shape = c.randint(0, 3)
        if shape == 0:  # "would support ever ask me for my pin?"
            modal = c.choice(["will", "would", "does", "do", "could", "can", "might", "should"])
            ever = c.choice(["", "ever "])
            return "en", f"{modal} {who} {ever}{ask}?"
        if shape == 1:  # "is it normal for an agent to ask me for my code"
            return (
                "en",
                f"{c.choice(['is it normal', 'is it ok', 'is it usual'])} for {who} to {ask}?",
            )
        if shape == 2:  # "does support ever call and ask me for my seed phrase?"
            return "en", f"does {who} ever call and {ask}?"
        return "en", f"{c.choice(['can', 'would', 'will'])} {who} {ask}{c.choice(['?', '', ' ??'])}"
    who, channel, ask = c.choice(ZH_STAFF), c.choice(ZH_CHANNEL), _zh_ask(c)
    shape = c.randint(0, 3)
    if shape == 0:  # "客服会不会主动问我要验证码？"
        modal = c.choice(["会不会", "是不是会", "是否会", "有没有可能", "会不会"])
        return "zh", f"{who}{modal}{channel}{ask}{c.choice(['', '？', '呢', '啊', '吗？'])}"
    if shape == 1:  # "官方会打电话让我提供验证码吗"
        modal = c.choice(["会", "可能会", "一般会", "真的会"])
        return "zh", f"{who}{modal}{channel}{ask}{c.choice(['吗', '吗？', '吗?', '嘛'])}"
    if shape == 2:  # "正规客服会让我共享屏幕吗"
        return "zh", f"正规{who}会{channel}{ask}吗"
    return "zh", f"{who}会{channel}{ask}吗，{c.choice(['我有点担心', '想确认一下', '问问'])}"


def posing_as_support(c: Choices) -> tuple[str, str]:
    """(language, message): someone claiming to be support asked the user for a secret or money."""
    if c.randint(0, 1):
        who = c.choice(
            [
                "support",
                "someone from support",
                "an agent",
                "a guy claiming to be support",
                "customer service",
                "your staff",
            ]
        )
        how = c.choice(["", "called me and ", "messaged me and ", "dmed me on telegram and "])
        tail = c.choice(["", ", is that normal?", ", is that real?", ", what should I do", "!!"])
        return "en", f"{who} {how}{_en_ask(c, 'ed')}{tail}"
    who = c.choice(["客服", "自称客服的人", "有个客服", "一个说是官方的人", "官方客服", "工作人员"])
    when = c.choice(["", "刚才", "今天", "昨天"])
    tail = c.choice(["", "，是真的吗", "，怎么办", "，我该给吗", "，会不会是骗子", "，正常吗"])
    return "zh", f"{when}{who}{c.choice(ZH_CHANNEL)}{_zh_ask(c)}{tail}"


@st.composite
def support_questions(draw: st.DrawFn) -> tuple[str, str]:
    return support_question(DrawChoices(draw))


@st.composite
def posing_as_support_reports(draw: st.DrawFn) -> tuple[str, str]:
    return posing_as_support(DrawChoices(draw))


# Losing a phone, a hacked account, a leaked password or seed phrase: told as something that
# happened ("我手机丢了", "someone logged into my account") the account is at risk and an agent
# must act now; asked as a hypothetical ("如果手机丢了怎么办", "what if my account gets hacked?") it
# is the account-security entries' to answer. Triage must flag every report and no hypothetical.
ZH_RISK_EVENTS = [
    "手机丢了",
    "手机被偷了",
    "账户被盗了",
    "账号被别人登录了",
    "有人盗了我的号",
    "助记词泄露了",
    "密码被别人知道了",
    "有人在别的手机上登录我的账号",
    "钱被人转走了",
]
ZH_IF = ["如果", "万一", "假如", "要是", "假设", "请问如果", "想问一下，万一"]
ZH_RISK_ASK = [
    "怎么办",
    "，钱包怎么办",
    "，我的钱安全吗",
    "，该怎么处理",
    "，要怎么冻结账户",
    "，余额会不会被转走",
]
ZH_RISK_WHEN = ["", "刚才", "今天", "昨晚", "我"]
EN_RISK_EVENTS = [
    ("i lose my phone", "i lost my phone"),
    ("my phone gets stolen", "my phone was stolen"),
    ("my account gets hacked", "my account got hacked"),
    ("someone logs into my account", "someone logged into my account"),
    ("someone steals my password", "someone stole my password"),
    ("my seed phrase leaks", "my seed phrase leaked"),
    ("someone transfers money out of my account", "someone transferred money out of my account"),
]
EN_IF = ["what if", "what happens if", "in case", "suppose", "what should i do if"]
EN_RISK_ASK = ["", ", what should i do", ", is my money safe", ", how do i freeze my account"]
EN_RISK_WHEN = ["", " just now", " yesterday", " this morning"]


def hypothetical_risk(c: Choices) -> tuple[str, str]:
    """(language, message): a risk to the account asked about as a hypothetical."""
    if c.randint(0, 1):
        event, _ = c.choice(EN_RISK_EVENTS)
        opener = c.choice(EN_IF)
        ask = "" if opener == "what should i do if" else c.choice(EN_RISK_ASK)
        return "en", f"{opener} {event}{ask}{c.choice(['?', '', ' ?'])}"
    event, ask = c.choice(ZH_RISK_EVENTS), c.choice(ZH_RISK_ASK)
    if c.randint(0, 3) == 0:  # "手机丢了的话怎么办"
        return "zh", f"{event}的话{ask.lstrip('，')}{c.choice(['', '？'])}"
    return "zh", f"{c.choice(ZH_IF)}{event}{ask}{c.choice(['', '？', '?'])}"


def risk_report(c: Choices) -> tuple[str, str]:
    """(language, message): the same risks told as having happened, perhaps with a question
    after ("my account got hacked. what if they take my money?")."""
    if c.randint(0, 1):
        _, event = c.choice(EN_RISK_EVENTS)
        text = f"{event}{c.choice(EN_RISK_WHEN)}{c.choice(EN_RISK_ASK)}"
        if c.randint(0, 3) == 0:
            text += f". {c.choice(['what if', 'what happens if'])} they take my money?"
        return "en", text
    when, event = c.choice(ZH_RISK_WHEN), c.choice(ZH_RISK_EVENTS)
    text = f"{when}{event}{c.choice(ZH_RISK_ASK)}"
    if c.randint(0, 3) == 0:
        text += f"。{c.choice(['如果', '万一'])}钱被转走怎么办"
    return "zh", text


@st.composite
def hypothetical_risks(draw: st.DrawFn) -> tuple[str, str]:
    return hypothetical_risk(DrawChoices(draw))


@st.composite
def risk_reports(draw: st.DrawFn) -> tuple[str, str]:
    return risk_report(DrawChoices(draw))
