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
