"""Requests for a person, look-alikes, dissatisfaction, skips and "none of these" (pure)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.messy_text import KINDS
from tests.support.secret_corpus import DrawChoices
from walletbot.brain.text import normalise
from walletbot.dialogue.signals import (
    about_support,
    about_the_bot,
    asks_about_the_wait,
    dissatisfaction,
    none_of_these,
    person_request,
    skips,
    stops_waiting,
    substantial,
)


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("转人工", ""),
        ("我要投诉，转人工", "投诉"),
        ("找客服", ""),
        ("人工", ""),
        ("给我找个真人", ""),
        ("退款一直没到账，能不能让人工来处理一下", "退款一直没到账"),
        ("agent", ""),
        ("I want to talk to a real person", ""),
        ("my refund never arrived, let me speak to someone", "my refund never arrived"),
        # Chinese and English in one message: no word edge between 要 and "talk"
        ("我要找agent", ""),
        ("转human", ""),
        ("帮我找个real person", ""),
        ("我要talk to an agent", ""),
        ("人工please", ""),
        ("Human please", ""),
        # a verb, a little filler, then who; wanting or needing "an agent"; someone from support
        ("叫你们客服出来", ""),
        ("麻烦帮我接通人工", ""),
        ("我需要和工作人员沟通", ""),
        ("我不想和机器人说话", ""),
        ("人工呢？", ""),
        ("they still haven't got it, I want an agent", "they still haven't got it"),
        ("I need a real agent", ""),
        ("can someone from support help me", ""),
        ("let me talk to customer support", ""),
        ("Representative please", ""),
        # the word alone, first or last beside the problem
        ("agent, my withdrawal is stuck", "my withdrawal is stuck"),
        ("it failed again. human please", "it failed again"),
        ("还是不行。人工！", "还是不行"),
        ("行吧，人工", ""),
        # shapes a held-out set found (data/eval/person_requests_fresh.csv), written anew here
        ("让你们主管来处理", "处理"),
        ("我要和你们经理谈谈", ""),
        ("can I speak to a manager", ""),
        ("get me your supervisor now", ""),
        ("agenttt pls", ""),
        ("humaaan", ""),
        ("represntative please", ""),
        ("switch me to live support", ""),
        ("is there someone real who can look at this", ""),
        ("still waiting, just get me a human", "still waiting"),
        # shapes a second held-out set found (data/eval/person_requests_fresh2.csv), written anew
        ("is there someone who can check my account", ""),
        ("please connect me", ""),
        ("i need to talk to ur supervisor", ""),
        ("i'd like to be connected with a support agent", ""),
        ("can a real person review this", ""),
        ("let me speak with a specialist about the double charge", "double charge"),
        ("pass me to your colleague", ""),
        ("找个专员来处理", "处理"),
        ("帮我叫值班的客服", ""),
        ("来个人啊", ""),
    ],
)
def test_a_request_for_a_person_counts_anywhere_in_the_message(text: str, rest: str) -> None:
    request = person_request(normalise(text))
    assert request is not None
    assert rest in request.rest


@pytest.mark.parametrize(
    "text",
    [
        "客服电话多少",
        "人工客服几点上班",
        "客服会问我要密码吗",
        "support never asks for my password, right?",
        "when are human agents available?",
        "what's your customer service phone number",
        "how do I reset my password",
        # how to reach support through a channel, whatever verb it uses
        "怎么联系人工客服",
        "在哪里联系客服",
        "how do I contact a real person at your company",
        "how can I call customer service",
        "transfer money to my agent",
        "转账给agent要多久",
        # what support would ask of the user: the anti-fraud entry's question, not a request
        "人工客服会不会找我要私钥",
        "人工客服是否会打电话让我共享屏幕",
        "is it ok for a real agent to ask me for my code?",
        "would a real person from support ask me to install anydesk",
        # a past agent, nobody wanted, 人工 and 真人 in other words, an agent who is a shop
        "之前的人工客服态度很好",
        "不需要人工，我自己看看",
        "i don't need an agent, just tell me the fee",
        "人工智能客服能看懂截图吗",
        "转账超过5万要人工审核吗",
        "真人验证一直过不了",
        "where is the nearest cash-in agent",
        "人工客服是全天在线的吗",
        "no need to transfer me, it's fixed",
        "thanks, I don't need to speak to anyone",
        "yesterday an agent helped me a lot",
        "我不用找真人，直接告诉我限额",
        "人工客服排队的人多吗",
        # who answers
        "你是机器人吗",
        "is there a human behind this chat?",
        "我是在跟机器人聊天吗",
        "are you a real person or a bot?",
    ],
)
def test_questions_about_support_are_not_requests(text: str) -> None:
    assert person_request(normalise(text)) is None


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("你是机器人吗", True),
        ("是真人在回复吗", True),
        ("am i talking to a bot", True),
        ("are u a human", True),
        ("不要机器人回复，我要找人工", False),
        ("the bot is useless", False),
    ],
)
def test_asking_who_answers(text: str, about: bool) -> None:
    assert about_the_bot(normalise(text)) is about


@pytest.mark.parametrize(
    ("text", "has_rest"),
    [
        ("没用", False),
        ("不是这个", False),
        ("that didn't help", False),
        ("this doesn't help at all", False),
        ("useless", False),
        ("不是这个，我问的是提现要不要手续费", True),
        ("not what I asked, I want to know the withdrawal fee", True),
        ("这个didn't help", False),  # no word edge between 个 and "didn't"
        ("答案not useful", False),
        # the problem goes on, said alone
        ("还没收到", False),
        ("对方还是没收到", False),
        ("已经试过了，没用", False),
        ("he still doesn't have it", False),
        ("it's still pending", False),
        ("still hasn't arrived", False),
        ("did that already", False),
        ("still frozen", False),
        ("账户还是被冻结了", False),
        ("it's still declined", False),
        ("still not going through", False),
    ],
)
def test_dissatisfaction_and_what_else_the_message_asks(text: str, has_rest: bool) -> None:
    found = dissatisfaction(normalise(text))
    assert found is not None
    assert substantial(found.rest) is has_rest


@pytest.mark.parametrize(
    "text",
    [
        "没问题",
        "this helps, thanks",
        "how do I top up",
        # a new question with "still" or "还没" in it, and FAQ phrasings that name their topic
        "还没收到验证码",
        "why is my transfer still pending",
        "can i still withdraw after closing?",
        "My withdrawal is still pending",
        "still waiting for a human to pick up",
        "why is it still frozen",
        "why is my card still declined",
        "冻结了怎么办",
    ],
)
def test_content_messages_are_not_dissatisfaction(text: str) -> None:
    assert dissatisfaction(normalise(text)) is None


@pytest.mark.parametrize(
    "text", ["跳过", "不知道", "不记得了", "skip", "I don't know", "not sure", "跳过🙏", "skip 👍"]
)
def test_skip_words(text: str) -> None:
    assert skips(normalise(text))


@pytest.mark.parametrize("text", ["昨天下午三点", "skip the fee question, it was 200"])
def test_an_answer_is_not_a_skip(text: str) -> None:
    assert not skips(normalise(text))


@pytest.mark.parametrize(
    "text",
    ["都不是", "以上都不是", "none of these", "Neither", "none", "不是这些", "这些都不是",
     "上面都不对", "没有一个是的", "not these", "neither of those", "都不是😅", "none of these 🙄",
     "两个都不是", "这三个都不是", "哪个都不是", "一个也不是", "none of them fit", "nah none of these",
     "nope, neither one"],
)  # fmt: skip
def test_none_of_these(text: str) -> None:
    assert none_of_these(normalise(text))


@pytest.mark.parametrize(
    "text",
    [
        "不是这些问题，是提现失败",
        "none of my transfers arrived",
        "两个都不是我的卡",
        "none of them fit my card",
    ],
)
def test_more_than_none_of_these_is_a_new_message(text: str) -> None:
    assert not none_of_these(normalise(text))


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("人工客服要排队多久", True),
        ("how long is the wait for a real person", True),
        ("怎么联系人工客服", True),
        ("转人工", False),
        ("get me a human", False),
    ],
)
def test_questions_about_support_are_told_apart(text: str, about: bool) -> None:
    assert about_support(normalise(text)) is about


@pytest.mark.parametrize(
    "text",
    ["算了不用了", "不用了", "好的，不用了", "我自己解决了", "没事了", "取消排队", "我不等了",
     "never mind", "nvm, it's working now, thanks", "I don't need help anymore", "forget it",
     "never mind, I fixed it", "算了，不用了，我自己弄好了", "问题已经解决了，不用处理了",
     "没事了，我自己搞定了", "工单可以关了，谢谢", "钱已经到账了，不用等了",
     "you can close the ticket, it's working now", "problem solved, no need to reply",
     "never mind, I figured it out", "OK the money arrived, thanks", "never mind, it just arrived",
     "算了，已经到账了", "钱刚到账了，谢谢", "the refund has finally come through",
     "算了，不用了🙏", "never mind, thanks 👍", "钱到了😊"],
)  # fmt: skip
def test_no_longer_waiting(text: str) -> None:
    assert stops_waiting(normalise(text))


@pytest.mark.parametrize(
    "text",
    ["算了，钱还是没到", "解决了吗", "取消转账怎么操作", "取消", "cancel", "can you cancel my transfer",
     "never mind the fee, when will someone come", "不用了吗", "还要等多久", "好了",
     "好了吗？还要多久", "我不想等了，能快点吗", "fine, I'll keep waiting", "all good?",
     "is it fixed now", "it's not working", "ok", "谢谢", "thanks", "钱到账了吗", "到了",
     "has the money arrived", "it arrived but the amount is wrong", "钱到了一半"],
)  # fmt: skip
def test_what_keeps_the_user_waiting(text: str) -> None:
    assert not stops_waiting(normalise(text))


# Generated messages: pieces that end the wait, with the fillers, punctuation, spacing and case
# people type, against the same pieces followed by what keeps them waiting or asked as a question.
_LEADS_ZH = ["", "那", "好吧", "嗯", "哦", "好的，", "ok "]
_LEADS_EN = ["", "ok ", "okay, ", "oh ", "actually ", "sorry, ", "Well "]
_ENDS_ZH = [
    "算了",
    "不用了",
    "不需要了",
    "没事了",
    "取消排队",
    "不用等了",
    "不用处理了",
    "我自己解决了",
    "问题已经解决了",
    "已经搞定了",
    "我自己弄好了",
    "现在可以了",
    "工单可以关了",
    "钱已经到账了",
    "退款到了",
]
_ENDS_EN = [
    "never mind",
    "nvm",
    "forget it",
    "no need anymore",
    "stop waiting",
    "I fixed it",
    "I've sorted it out myself",
    "it's working now",
    "problem solved",
    "all good now",
    "you can close the ticket",
    "I don't need help anymore",
    "the money arrived",
    "it just arrived",
    "the transfer has gone through",
]
_THANKS_ZH = ["", "谢谢", "谢啦", "多谢", "thanks"]
_THANKS_EN = ["", "thanks", "thank you", "thx", "cheers"]
_SEPARATORS_ZH = ["", " ", "，", "。", "！", "～", "…"]
_SEPARATORS_EN = [" ", ", ", ". ", "! ", "... ", " — "]
_STILL_WAITING_ZH = ["但是钱还没到", "可是还是登不上", "还要等多久", "什么时候有人来", "我要投诉"]
_STILL_WAITING_EN = [
    "but the money still isn't there",
    "when will someone come",
    "but I still can't log in",
    "how long is the wait",
    "my card was charged twice",
]


@st.composite
def _ending(draw: st.DrawFn) -> str:
    zh = draw(st.booleans())
    pieces = draw(st.lists(st.sampled_from(_ENDS_ZH if zh else _ENDS_EN), min_size=1, max_size=3))
    text = draw(st.sampled_from(_LEADS_ZH if zh else _LEADS_EN))
    for piece in pieces:
        text += piece + draw(st.sampled_from(_SEPARATORS_ZH if zh else _SEPARATORS_EN))
    text += draw(st.sampled_from(_THANKS_ZH if zh else _THANKS_EN))
    return draw(st.sampled_from([str.lower, str.upper, str.capitalize, lambda s: s]))(text)


@settings(max_examples=300, deadline=None)
@given(_ending())
def test_generated_endings_stop_the_wait(text: str) -> None:
    assert stops_waiting(normalise(text)), text


@settings(max_examples=300, deadline=None)
@given(_ending(), st.data())
def test_generated_endings_that_go_on_keep_the_wait(text: str, data: st.DataObject) -> None:
    zh = any("\u4e00" <= c <= "\u9fff" for c in text)
    sep = data.draw(st.sampled_from(["，", "。", " "] if zh else [", ", ". ", " "]))
    tail = data.draw(st.sampled_from(_STILL_WAITING_ZH if zh else _STILL_WAITING_EN))
    assert not stops_waiting(normalise(text + sep + tail)), text + sep + tail
    assert not stops_waiting(normalise(text.rstrip(" ,.!，。！～…") + ("吗？" if zh else "?")))


# Requests for a person that mix the languages: a Chinese verb and an English "who", or English
# inside a Chinese sentence, with a topic before it or not.
_MIXED_LEADS = ["", "我要", "帮我", "麻烦", "快点", "退款一直没到，"]
_MIXED_VERBS = ["找", "转", "要", "叫", "换", "联系"]
_MIXED_WHO = ["agent", "human", "real person", "customer service", "live agent", "a real agent"]
_MIXED_TAILS = ["", "谢谢", "，快点", "!", "吧"]


@settings(max_examples=200)
@given(
    st.sampled_from(_MIXED_LEADS),
    st.sampled_from(_MIXED_VERBS),
    st.sampled_from(["", "个", "一个", "一下"]),
    st.sampled_from(_MIXED_WHO),
    st.sampled_from(_MIXED_TAILS),
    st.sampled_from([str.lower, str.upper, str.title]),
)
def test_generated_mixed_language_requests_hand_off(
    lead: str, verb: str, measure: str, who: str, tail: str, case: Callable[[str], str]
) -> None:
    text = lead + verb + measure + case(who) + tail
    assert person_request(normalise(text)) is not None, text


# Marks that change no word (tests/support/messy_text.py): each signal still reads its phrasings
# through them. Not the runs of punctuation: "算了不用了???" asks, it does not tell.
WORDLESS_MESS = ["zero_width", "full_width", "emoji", "capitals", "traditional"]
SIGNAL_PHRASINGS: list[tuple[Callable[[str], object], str]] = [
    *((person_request, t) for t in ["转人工", "我要找真人客服", "talk to an agent", "real person"]),
    *((skips, t) for t in ["跳过", "不知道", "skip", "not sure"]),
    *((none_of_these, t) for t in ["都不是", "以上都不是", "none of these", "neither of those"]),
    *(
        (stops_waiting, t)
        for t in ["算了不用了", "问题已经解决了，不用处理了", "never mind, I fixed it"]
    ),
    *((dissatisfaction, t) for t in ["没用", "不是这个", "that didn't help"]),
]


@settings(max_examples=200, deadline=None)
@given(
    case=st.sampled_from(SIGNAL_PHRASINGS),
    kind=st.sampled_from(WORDLESS_MESS),
    data=st.data(),
)
def test_signals_read_their_phrasings_typed_messily(
    case: tuple[Callable[[str], object], str], kind: str, data: st.DataObject
) -> None:
    signal, text = case
    messy = KINDS[kind](DrawChoices(data.draw), text)
    assert signal(normalise(messy)), (signal.__name__, messy)


def test_what_is_left_of_a_request_holds_no_piece_of_it() -> None:
    # "找个人" was taken for the whole request, leaving "工" of "人工客服" as the message's topic.
    request = person_request(normalise("那你帮我找个人工客服吧"))
    assert request is not None and "工" not in request.rest


@pytest.mark.parametrize(
    ("text", "about_the_wait"),
    [
        ("how long do I have to wait?", True),
        ("how much longer?", True),
        ("还要等多久", True),
        ("轮到我了吗", True),
        ("while I wait, how do I turn on fingerprint payment", False),
        ("等一下，提现多久到账", False),
        ("how long does a withdrawal take", False),
    ],
)
def test_a_question_about_the_wait_itself(text: str, about_the_wait: bool) -> None:
    assert asks_about_the_wait(normalise(text)) is about_the_wait
