"""English wallet words in Chinese messages: read in Chinese, masks kept (pure), and what the
engine then decides."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walletbot.brain.code_switch import read_in_chinese
from walletbot.brain.decision_rules import Action, Priority
from walletbot.brain.engine import Engine
from walletbot.brain.text import normalise


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("我想withdraw到bank card", "我想提现到银行卡"),
        ("我的account被hack了", "我的账户被盗了"),
        ("转账fee多少", "转账手续费多少"),
        ("想换个login password", "想换个登录密码"),  # no space left between Chinese words
        ("验证码是[code],code没用", "验证码是[code],验证码没用"),  # the shield's mask stays
        ("[card ••••1111]的card被冻了", "[card ••••1111]的卡被冻了"),
        ("我的paypal账户", "我的paypal账户"),  # not a word of the list
        ("cardiff的朋友", "cardiff的朋友"),  # only whole words
        ("my code never comes", "my code never comes"),  # English stays English
    ],
)
def test_english_wallet_words_are_read_in_chinese(text: str, read: str) -> None:
    assert read_in_chinese(normalise(text)) == read


# Chinese sentences around a term, and how code-switching users write that term.
_TERMS = {
    "提现": ["withdraw", "withdrawal", "WITHDRAW"],
    "转账": ["transfer", "Transfer"],
    "验证码": ["code", "verification code", "OTP"],
    "银行卡": ["bank card", "Bank Card"],
    "账户": ["account"],
    "手续费": ["fee", "fees"],
    "充值": ["top up", "topup", "deposit"],
}
_FRAMES = ["{}一直失败怎么办", "我的{}出问题了", "请问{}要多久", "{} 怎么弄", "为什么{}不行"]


@given(st.sampled_from(sorted(_TERMS)), st.sampled_from(_FRAMES), st.data())
def test_a_switched_sentence_reads_as_the_chinese_one(
    term: str, frame: str, data: st.DataObject
) -> None:
    english = data.draw(st.sampled_from(_TERMS[term]))
    chinese = normalise(frame.format(term))
    switched = normalise(frame.format(english))
    assert read_in_chinese(switched).replace(" ", "") == chinese.replace(" ", "")


def test_a_stolen_account_in_mixed_words_is_urgent(engine: Engine) -> None:
    for text in (
        "我的account被hack了",
        "account hacked了怎么办",
        "我的号被hack了，password都被改了",
        "有人stole了我的钱",
        "我的wallet被drained了",
    ):
        decision = engine.decide(text)
        assert decision.action is Action.HANDOFF, text
        assert decision.handoff is not None and decision.handoff.priority is Priority.URGENT
        assert decision.lang == "zh"


def test_mixed_words_reach_the_entries_of_their_chinese_meaning(engine: Engine) -> None:
    withdraw = engine.decide("我想withdraw到bank card")
    assert withdraw.lang == "zh", "more Chinese meaning than English letters"
    assert [s.faq_id for s in withdraw.suggestions][:3] == [
        s.faq_id for s in engine.decide("我想提现到银行卡").suggestions
    ][:3]
    fee, chinese = engine.decide("转账fee多少"), engine.decide("转账手续费多少")
    assert (fee.action, fee.faq_id) == (chinese.action, chinese.faq_id)
