"""Fraud, theft, secrets and anger through the whole engine, in both languages.

Each row is a realistic message and exactly what the engine must decide: category, action, hand-off
priority and flags. Where a row carries a secret, neither the reply nor the masked text may contain
it (for cards: no more than the last four digits). The look-alikes below must pass untouched.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

import pytest

from walletbot.brain.engine import Decision, Engine
from walletbot.brain.message_replies import ACCOUNT_AT_RISK_STEPS, SCAM_WARNING
from walletbot.brain.shield import SECRET_WARNING


class Row(NamedTuple):
    text: str
    lang: str
    category: str
    action: str
    priority: str | None
    flags: tuple[str, ...]
    secret: str | None = None  # must not survive (digits compared without separators)


TABLE = [
    Row(
        "客服让我提供验证码才能退款，是真的吗",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "有人打电话说是平台客服，要我把短信验证码念给他",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk", "account_at_risk"),
    ),
    Row(
        "一个自称官方的人在电报上问我要助记词",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "对方说我的账户有风险，要把钱转到安全账户",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "刚才有个陌生号码说我中奖了，让我点链接领取",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "网上认识的老师带我投资，说保本高收益",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "客服说退款要先交保证金才能到账",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "对方让我下载软件共享屏幕帮我解冻",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "自称警察的人说我涉嫌洗钱，让我转账配合调查",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "有人加我微信说是官方客服，要帮我解冻账户",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "我刚把助记词发给了一个客服，怎么办",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk", "account_at_risk"),
    ),
    Row(
        "我把验证码告诉对方了，现在怎么办",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk", "account_at_risk"),
    ),
    Row(
        "網上搜到的客服電話，對方讓我先交手續費才能提現",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "有人发给我一个链接说可以领取空投，要连接钱包",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "我的账号被盗了，钱都被转走了",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("account_at_risk",),
    ),
    Row(
        "余额里的USDT全没了，不是我操作的",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("account_at_risk",),
    ),
    Row(
        "有一笔500元的扣款不是我付的",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("account_at_risk",),
    ),
    Row(
        "手机丢了，钱包里还有两万块",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("account_at_risk",),
    ),
    Row(
        "收到异地登录提醒，但不是我本人登录的",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("account_at_risk",),
    ),
    Row(
        "我的登录密码被人改了，现在登不上去",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("account_at_risk",),
    ),
    Row(
        "帳戶裡的錢莫名其妙少了3000塊",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("account_at_risk",),
    ),
    Row(
        "我的助记词是 abandon ability able about above absent absorb abstract absurd abuse access accident",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("sensitive_data",),
        "abandon ability",
    ),
    Row(
        "我的私钥是 4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318，帮我看看余额",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("sensitive_data",),
        "4c0883a6",
    ),
    Row(
        "验证码是 482913，为什么登录不上",
        "zh",
        "password_reset",
        "answer",
        None,
        ("sensitive_data",),
        "482913",
    ),
    Row(
        "身份证号 11010519491231002X 实名认证一直不通过",
        "zh",
        "identity_verification",
        "answer",
        None,
        ("sensitive_data",),
        "11010519491231002X",
    ),
    Row(
        "什么破app，提现三天了还没到，我要找人工客服",
        "zh",
        "human_agent",
        "handoff",
        "high",
        ("angry",),
    ),
    Row("垃圾平台，赶紧给我转人工！！！", "zh", "human_agent", "handoff", "high", ("angry",)),
    Row("气死了，找你们人工客服", "zh", "human_agent", "handoff", "high", ("angry",)),
    Row(
        "support asked me for my verification code to unlock my account",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "someone on telegram says he is from your team and wants my seed phrase",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "they told me to move my money to a safe wallet before it gets frozen",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "I got an email saying I won an airdrop, I just have to connect my wallet at the link",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "the refund agent says I must pay a fee first to get my money back",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "a guy asked me to install anydesk so he could fix my withdrawal",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "a man claiming to be from the police said my account is linked to money laundering",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "I called a support number I found on google and they asked for my password",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "I gave the caller my otp, what should I do now",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk", "account_at_risk"),
    ),
    Row(
        "I think I was scammed by a fake support agent on whatsapp",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("scam_risk",),
    ),
    Row(
        "my account was hacked and all my USDT is gone",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("account_at_risk",),
    ),
    Row(
        "there is a 300 dollar payment I didn't make",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("account_at_risk",),
    ),
    Row(
        "someone logged into my account from Russia",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("account_at_risk",),
    ),
    Row(
        "I lost my phone and the wallet app is on it",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("account_at_risk",),
    ),
    Row(
        "my password was changed and it wasn't me",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("account_at_risk",),
    ),
    Row(
        "my wallet was drained last night",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("account_at_risk",),
    ),
    Row(
        "my seed phrase is legal winner thank year wave sausage worth useful legal winner thank yellow",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("sensitive_data",),
        "legal winner",
    ),
    Row(
        "here is my private key 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318 please check my balance",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("sensitive_data",),
        "4c0883a6",
    ),
    Row(
        "my password is Tr0ub4dor&3 and I still cannot log in",
        "en",
        "password_reset",
        "answer",
        None,
        ("sensitive_data",),
        "Tr0ub4dor&3",
    ),
    Row(
        "the code is 739201 but the app says it expired",
        "en",
        "password_reset",
        "clarify",
        None,
        ("sensitive_data",),
        "739201",
    ),
    Row(
        "my ID number is 11010519491231002X and verification keeps failing",
        "en",
        "identity_verification",
        "answer",
        None,
        ("sensitive_data",),
        "11010519491231002X",
    ),
    Row(
        "this is ridiculous, I want to talk to a human now",
        "en",
        "human_agent",
        "handoff",
        "high",
        ("angry",),
    ),
    Row(
        "worst app ever, get me a real person!!!",
        "en",
        "human_agent",
        "handoff",
        "high",
        ("angry",),
    ),
    Row(
        "I am furious, let me speak to an agent", "en", "human_agent", "handoff", "high", ("angry",)
    ),
    Row("useless bot, I want a real agent", "en", "human_agent", "handoff", "high", ("angry",)),
    Row(
        "my withdrawal has been stuck for 3 days, this is unacceptable",
        "en",
        "top_up_withdrawal",
        "answer",
        None,
        ("angry",),
    ),
    # Answered like the English above (the entry on a withdrawal still pending), since that entry
    # has a phrasing for a withdrawal days late; it was a clarification before.
    Row("提现三天了还没到！！！", "zh", "top_up_withdrawal", "answer", None, ("angry",)),
    Row(
        "转账失败了，钱扣了但对方没收到，我的卡号 6222021234567890128",
        "zh",
        "failed_transaction",
        "answer",
        None,
        ("sensitive_data",),
        "123456",
    ),
    Row(
        "my transfer failed but money was deducted, card 4111 1111 1111 1111",
        "en",
        "failed_transaction",
        "answer",
        None,
        ("sensitive_data",),
        "4111111111111111",
    ),
    Row(
        "payment failed and I was charged anyway, my card is 4111-1111-1111-1111",
        "en",
        "failed_transaction",
        "clarify",
        None,
        ("sensitive_data",),
        "4111111111111111",
    ),
    Row(
        "WHY IS MY WITHDRAWAL STILL NOT HERE THIS IS A JOKE",
        "en",
        "top_up_withdrawal",
        "answer",
        None,
        ("angry",),
    ),
    Row("你们这什么垃圾服务，我要人工客服", "zh", "human_agent", "handoff", "high", ("angry",)),
    Row(
        "客服让我提供验证码，我已经告诉他了：482913",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("sensitive_data", "scam_risk", "account_at_risk"),
        "482913",
    ),
    Row(
        "对方说是官方客服，我把支付密码123456告诉他了",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("sensitive_data", "scam_risk", "account_at_risk"),
        "123456",
    ),
    Row(
        "我的卡号６２２２０２１２３４５６７８９０１２８被盗刷了",
        "zh",
        "account_security",
        "handoff",
        "urgent",
        ("sensitive_data", "account_at_risk"),
        "6222021234567890128",
    ),
    Row(
        "support asked for my code so I sent him 739201",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("sensitive_data", "scam_risk", "account_at_risk"),
        "739201",
    ),
    Row(
        "the agent on telegram asked for my seed phrase and I gave it: legal winner thank year wave sausage worth useful legal winner thank yellow",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("sensitive_data", "scam_risk", "account_at_risk"),
        "legal winner",
    ),
    Row(
        "someone stole my phone, my card 4111 1111 1111 1111 is linked to the app",
        "en",
        "account_security",
        "handoff",
        "urgent",
        ("sensitive_data", "account_at_risk"),
        "4111111111111111",
    ),
    Row(
        "支付密码是 830614，但是一直提示密码错误",
        "zh",
        "password_reset",
        "answer",
        None,
        ("sensitive_data",),
        "830614",
    ),
]


def test_the_table_covers_both_languages() -> None:
    assert len(TABLE) >= 60
    assert sum(r.lang == "zh" for r in TABLE) >= 25
    assert sum(r.lang == "en" for r in TABLE) >= 25
    assert len({r.text for r in TABLE}) == len(TABLE)


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r.text[:40])
def test_safety_decision(engine: Engine, row: Row) -> None:
    d = engine.decide(row.text)
    priority = d.handoff.priority.value if d.handoff else None
    assert (d.lang, d.category, d.action.value, priority, d.flags) == (
        row.lang,
        row.category,
        row.action,
        row.priority,
        row.flags,
    ), d
    assert_warnings(d)
    if row.secret is not None:
        assert_secret_gone(row.secret, d.reply)
        assert_secret_gone(row.secret, d.masked_text)


def assert_warnings(d: Decision) -> None:
    """The warnings come first, in the message's language: secret, then scam, then account."""
    expected = [
        warning[d.lang]
        for flag, warning in (
            ("sensitive_data", SECRET_WARNING),
            ("scam_risk", SCAM_WARNING),
            ("account_at_risk", ACCOUNT_AT_RISK_STEPS),
        )
        if flag in d.flags
    ]
    assert d.reply.startswith("\n\n".join(expected)), d.reply
    if "scam_risk" in d.flags and "sensitive_data" not in d.flags:
        assert d.reply.startswith(SCAM_WARNING[d.lang])


def assert_secret_gone(secret: str, text: str) -> None:
    assert secret not in text
    digits = re.sub(r"\D", "", secret)
    if len(digits) >= 12:
        folded = re.sub(r"\D", "", unicodedata.normalize("NFKC", text))
        assert digits[:-4] not in folded


# Questions ABOUT scams are answered from the FAQ (no urgent hand-off): only a described incident
# hands off. Numbers that are not secrets stay as they are.
LOOK_ALIKES = [
    "how do I recognise a scam?",
    "how can I tell if a message is phishing?",
    "what are common scams I should watch out for",
    "what is a safe account scam",
    "will support ever ask for my password?",
    "is it safe to share my screen with support?",
    "怎么识别诈骗？",
    "如何防范电信诈骗",
    "如何防止被骗",
    "什么是刷单诈骗",
    "客服会不会问我要验证码？",
    "my order number is 2023112500123456, where is my refund",
    "订单号 202311250012345678 的退款还没到",
    "I sent 1500 USDT on 2024-03-15 and it hasn't arrived",
    "2024年3月15日充值的500元还没到账",
    "转账 8888 元到银行卡要多久",
    "提现 20000 元手续费多少",
    "app version 3.12.4 keeps crashing",
    "the error code 40312 shows when I withdraw",
    "the promo code SPRING2024 doesn't work",
    "I forgot my password, how do I reset it",
    "my password is not working",
    "验证码收不到怎么办",
    "我忘记了支付密码",
    "how do I back up my seed phrase safely",
    "where do I find my private key export option",
    "I have 12 words written down, is that my backup?",
    "the transaction id is 8f3a2c on my receipt",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_neither_masked_nor_flagged(engine: Engine, text: str) -> None:
    d = engine.decide(text)
    assert d.masked_text == text
    assert d.flags == ()
    assert d.handoff is None or d.handoff.priority.value != "urgent", d


SEED_TEXT = "legal winner thank year wave sausage worth useful legal winner thank yellow"
SEED_WORDS = SEED_TEXT.split()
KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
# Secrets pasted the way people paste them: (message, what must not survive).
PASTED_CRITICAL = [
    ("my seed phrase: " + "-".join(SEED_WORDS), "winner-thank"),
    ('我的助记词 ["' + '", "'.join(SEED_WORDS) + '"] 还安全吗', '"winner"'),
    (" ".join(f"{i}) {w.upper()}" for i, w in enumerate(SEED_WORDS, 1)), "WINNER"),
    ("wallet words " + " ".join(w[:2] + "\u200d" + w[2:] for w in SEED_WORDS), "wi\u200dnner"),
    ("助记词：礼忽卸可瓶酯大欧群弄家陵，导入不了", "礼忽卸可"),
    ("私钥是 0X" + KEY.upper(), KEY.upper()[:8]),
    ("my key " + " ".join(KEY[i : i + 8] for i in range(0, 64, 8)), KEY[8:16]),
    (f"private key:\n{KEY[:32]}\n{KEY[32:]}", KEY[:8]),
]


@pytest.mark.parametrize(("text", "secret"), PASTED_CRITICAL, ids=lambda v: str(v)[:30])
def test_a_pasted_seed_or_key_hands_off_urgently(engine: Engine, text: str, secret: str) -> None:
    d = engine.decide(text)
    assert d.handoff is not None and d.handoff.priority.value == "urgent"
    assert (d.category, d.action.value) == ("account_security", "handoff")
    assert "sensitive_data" in d.flags
    assert secret not in d.masked_text and secret not in d.reply
    assert d.reply.startswith(SECRET_WARNING[d.lang])


PASTED_SECRETS = [
    ("验证码收到了768688", "768688"),
    ("我刚收到 183898 这个验证码", "183898"),
    ("Here's the code:\n292875", "292875"),
    ("here is the code you sent 552377", "552377"),
    ("验证码是五一三五三五", "五一三五三五"),
    ("my password is Müller2641!", "Müller2641"),
    ("密码是张伟116883", "张伟116883"),
    ("card 4111  1111  1111  1111 was declined", "4111  1111  1111"),
    ("身份证 110101-19920915-8641 认证失败", "19920915"),
]


@pytest.mark.parametrize(("text", "secret"), PASTED_SECRETS, ids=lambda v: str(v)[:30])
def test_a_pasted_secret_is_flagged_and_gone(engine: Engine, text: str, secret: str) -> None:
    d = engine.decide(text)
    assert "sensitive_data" in d.flags
    assert secret not in d.masked_text and secret not in d.reply
