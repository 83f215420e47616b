import random

import pytest

from tests.support.messy_text import KINDS, held_out_queries, is_chinese, reading
from walletbot.brain.courtesy import (
    courtesy_kind,
    good_that_greets_nobody,
    greeting_only,
    question_only,
)
from walletbot.brain.engine import Engine
from walletbot.brain.text import normalise


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("您好，付款的时候让输密码，那6位数我给忘了", "付款的时候让输密码,那6位数我给忘了"),
        ("客服你好，请问提现多久到账？谢谢", "提现多久到账?"),
        ("在吗？钱没到账，急", "钱没到账"),
        ("hi, how do I top up? thanks!!", "how do i top up?"),
        ("hey there, my card got declined pls", "my card got declined"),
        ("🙏 转账一直在处理中，到底要等多久???", "转账一直在处理中,到底要等多久?"),
        ("ok, how do I top up", "how do i top up"),
        ("提 现 多 久 能 到 账 ？", "提现多久能到账?"),  # spaces between Chinese characters
        ("付 款 的 时 候 ， 急", "付款的时候"),
    ],
)
def test_the_courtesies_around_a_question_are_set_aside(text: str, question: str) -> None:
    assert question_only(normalise(text)) == question


@pytest.mark.parametrize(
    "text",
    [
        # nothing but courtesies: the greeting entries answer them as they are
        "你好，有人吗",
        "hey support",
        "谢谢",
        "好的，非常感谢",
        "hello? is anyone there?",
        # look-alikes: the same characters are words of the question
        "你好像没回答我的问题",
        "我很着急",
        "客服让我提供验证码",
        "support asked me for my code",
        "thanks for nothing, this bot is useless",
        # spaces between words are the model's to read, as they always were
        "我的 账户 被盗 了",
        "怎么转账给朋友 手续费呢",
    ],
)
def test_what_is_not_a_courtesy_around_a_question_stays(text: str) -> None:
    assert question_only(normalise(text)) == normalise(text)


def test_a_greeting_before_a_question_is_not_answered_as_a_greeting(engine: Engine) -> None:
    decision = engine.decide("客服你好，付款的时候让输密码，那6位数我给忘了")
    assert decision.category != "greeting"
    offered = [decision.faq_id, *(s.faq_id for s in decision.suggestions)]
    assert "password-forgot-payment" in offered


@pytest.mark.parametrize(
    ("kind", "bound"),
    [
        ("greeting", 0.94),
        ("afterword", 0.94),
        ("emoji", 0.94),
        ("zero_width", 0.94),
        ("full_width", 0.94),
        # Chinese spaced character by character: traditional phrases ("登 入") no longer convert
        ("spaced", 0.85),
    ],
)
def test_held_out_questions_typed_messily_are_read_as_typed_cleanly(
    engine: Engine, kind: str, bound: float
) -> None:
    """benchmarks/messy_queries.py on val, one variant per query, a seed per kind: most variants
    are read as the clean question (same action, same entry or first suggestion)."""
    choices = random.Random(f"messy-{kind}")
    same = total = 0
    for text in [q for q, _ in held_out_queries("val")]:
        variant = KINDS[kind](choices, text)
        if variant == text:
            continue
        got, clean = engine.decide(variant), engine.decide(text)
        total += 1
        same += reading(got) == reading(clean)
    assert total >= 100 and same >= bound * total, (kind, same, total)


def test_the_generated_variants_are_in_both_languages() -> None:
    queries = [q for q, _ in held_out_queries("val")]
    assert sum(map(is_chinese, queries)) > 100 and sum(not is_chinese(q) for q in queries) > 100


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("谢谢", "thanks"),
        ("明白了，谢谢", "thanks"),
        ("好的👍谢谢", "thanks"),
        ("问题解决了，谢谢！", "thanks"),
        ("有用", "thanks"),
        ("got it, thanks", "thanks"),
        ("perfect", "thanks"),
        ("that's helpful", "thanks"),
        ("Thank you!!! 🙏", "thanks"),
        ("拜拜", "goodbye"),
        ("好的没问题了", "goodbye"),
        ("没别的问题了", "goodbye"),
        ("thanks, bye", "goodbye"),
        ("that is all, thanks", "goodbye"),
        ("no more questions", "goodbye"),
        ("万分感谢", "thanks"),
        ("可以了谢谢", "thanks"),
        ("搞定了，谢谢", "thanks"),
        ("got it, will try", "thanks"),
        ("下次再聊", "goodbye"),
        ("好的我试试，拜拜", "goodbye"),
    ],
)
def test_thanks_and_goodbyes_alone_are_courtesies(text: str, kind: str) -> None:
    assert courtesy_kind(normalise(text)) == kind


@pytest.mark.parametrize(
    "text",
    [
        "没有用",  # dissatisfaction
        "没用",
        "懂了吗",
        "不明白",
        "拜托帮我看看",
        "没有了吗",
        "谢谢，怎么提现",
        "thanks, how do i withdraw",
        "not done",
        "good morning",
        "好的",  # an acknowledgement: "anything else?"
        "ok",
    ],
)
def test_a_question_or_a_complaint_is_no_courtesy(text: str) -> None:
    assert courtesy_kind(normalise(text)) is None


@pytest.mark.parametrize(
    "text", ["几天能好", "多久能好", "好慢啊", "一直不好", "能修好吗", "什么时候好", "好了没"]
)
def test_a_good_outside_any_greeting_word_greets_nobody(text: str) -> None:
    assert good_that_greets_nobody(normalise(text))


@pytest.mark.parametrize(
    "text",
    ["你好呀", "您好", "好的", "好", "好了", "早上好", "好的谢谢", "嗯嗯好的", "好，在吗", "感恩"],
)
def test_the_good_of_a_greeting_or_an_assent_greets(text: str) -> None:
    assert not good_that_greets_nobody(normalise(text))


@pytest.mark.parametrize("text", ["客服在吗", "客服在不在？", "你好，在吗"])
def test_calling_for_support_alone_is_a_greeting(text: str) -> None:
    assert greeting_only(normalise(text))
