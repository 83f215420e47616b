"""The dialogue rules with the trained engine, rule by rule (pure: no database, no HTTP)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.support.acknowledgements import (
    ACKNOWLEDGEMENTS,
    ASKS_ONLY,
    GOODBYES,
    MARKS,
    PASSES,
    STILL_NOT,
    THANKS,
)
from walletbot.brain.decision_rules import Action, Reason
from walletbot.brain.engine import Engine
from walletbot.brain.faq import KnowledgeBase
from walletbot.dialogue import conversation_replies as replies
from walletbot.dialogue.playbook import DialogueConfig, load_dialogue
from walletbot.dialogue.rules import respond
from walletbot.dialogue.state import Details, DialogueState
from walletbot.dialogue.turns import Context, Outcome
from walletbot.settings import bundled_data_path

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="module")
def config() -> DialogueConfig:
    return load_dialogue(bundled_data_path("dialogue.yaml"))


def turn(
    engine: Engine,
    config: DialogueConfig,
    text: str,
    state: DialogueState | None = None,
    *,
    lang: str = "zh",
    status: str = "bot",
    priority: str | None = None,
    on_duty: bool = True,
) -> Outcome:
    ctx = Context(status, lang, priority, on_duty, NOW, config)  # type: ignore[arg-type]
    return respond(text, state or DialogueState(), ctx, engine)


def answered(engine: Engine, faq_id: str, lang: str = "zh") -> DialogueState:
    return DialogueState(answered=faq_id, topic=engine.kb.faq(faq_id).questions.get(lang)[0])  # type: ignore[arg-type]


def draw_answer(engine: Engine, data: st.DataObject) -> tuple[str, str]:
    """A language and an entry that is not a greeting nor a request for a person, for the
    generated tests of what follows an answer."""
    lang = data.draw(st.sampled_from(["zh", "en"]))
    topics = [f.id for f in engine.kb.faqs if f.category not in ("greeting", "human_agent")]
    return lang, data.draw(st.sampled_from(topics))


OFFERED = DialogueState(
    offered=("password-forgot-payment", "password-forgot-login", "password-change"),
    spare=("password-locked-attempts", "code-sms-not-received"),
    unclear_streak=1,
)


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("2", "password-forgot-login"),
        ("第二个", "password-forgot-login"),
        ("the second one", "password-forgot-login"),
        ("支付的那个", "password-forgot-payment"),
    ],
)
def test_a_pick_after_a_clarification_answers_that_entry(
    engine: Engine, config: DialogueConfig, text: str, entry: str
) -> None:
    out = turn(engine, config, text, OFFERED)
    assert out.decision is not None and out.decision.reason is Reason.PICKED
    assert out.decision.faq_id == entry and out.hand_off is None


@pytest.mark.parametrize("text", ["好的", "好", "对", "是的", "行", "ok", "嗯"])
def test_an_assent_after_a_clarification_picks_nothing(
    engine: Engine, config: DialogueConfig, text: str
) -> None:
    # One character shared with a suggestion's phrasing is no pick ("好" is in many of them).
    out = turn(engine, config, text, OFFERED)
    assert out.decision is None or out.decision.reason is not Reason.PICKED, out.decision


@pytest.mark.parametrize(("text", "lang"), [("提现", "zh"), ("transfer", "en")])
def test_a_clarification_gives_each_entry_its_score_for_the_message(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    # As /v1/chat does: a caller over the conversations API may weigh them (they had been 0).
    out = turn(engine, config, text, lang=lang)
    assert out.decision is not None and out.decision.action is Action.CLARIFY
    stateless = engine.decide(text, lang)  # type: ignore[arg-type]
    assert out.decision.suggestions == stateless.suggestions
    assert all(s.score > 0 for s in out.decision.suggestions)


def test_none_of_these_offers_the_next_candidates_then_a_person(
    engine: Engine, config: DialogueConfig
) -> None:
    first = turn(engine, config, "都不是", OFFERED)
    assert first.decision is not None and first.decision.action is Action.CLARIFY
    assert {s.faq_id for s in first.decision.suggestions} == set(OFFERED.spare)
    second = turn(engine, config, "都不是", first.state)
    assert second.hand_off is not None and second.hand_off.reason == "not_helpful"


@pytest.mark.parametrize(
    ("text", "lang"), [("人工", "zh"), ("转人工", "zh"), ("agent", "en"), ("找客服", "zh")]
)
def test_a_hand_off_suggests_nothing_to_read_that_the_bot_would_not_offer(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    # "人工" suggested "转人工" to read while waiting, and "都不是" the scam entries by a character.
    first = turn(engine, config, text, lang=lang)
    rejected = turn(engine, config, "都不是", turn(engine, config, "都不是", OFFERED).state)
    for out in (first, rejected):
        assert out.hand_off is not None and out.decision is not None
        for offered in out.decision.suggestions:
            assert engine.kb.faq(offered.faq_id).category not in ("human_agent", "greeting")
            assert offered.score >= engine.thresholds.clarify


def test_a_second_unclear_question_about_something_else_gets_its_own_list(
    engine: Engine, config: DialogueConfig
) -> None:
    # "我想提现" then "我想充值" was handed off (a ticket with nobody on duty): two messages not
    # understood in a row, although the second named another operation.
    first = turn(engine, config, "我想提现")
    assert first.decision is not None and first.decision.action is Action.CLARIFY
    second = turn(engine, config, "我想充值", first.state)
    assert second.hand_off is None and second.decision is not None
    assert second.decision.action is Action.CLARIFY
    assert second.decision.suggestions[0].faq_id == "top-up-methods"
    # The same problem not understood twice still goes to a person.
    again = turn(engine, config, "提现", first.state)
    assert again.hand_off is not None


@pytest.mark.parametrize(
    ("text", "lang"), [("帮我写一首诗", "zh"), ("今天天气怎么样", "zh"), ("write me a poem", "en")]
)
def test_a_message_about_something_else_after_an_answer_gets_the_scope_reply(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    # "帮我写一首诗" after most answers was read in their topic and answered from the FAQ, and
    # "今天天气怎么样" after an answer on a failed transfer was noted as the time it happened.
    out = turn(engine, config, text, answered(engine, "transfer-failed", lang), lang=lang)
    assert out.decision is not None and out.decision.reason is Reason.OUT_OF_SCOPE
    assert not out.state.facts


def test_a_second_unclear_message_that_points_clearly_to_a_listed_entry_is_answered(
    engine: Engine, config: DialogueConfig
) -> None:
    # "能撤回吗" after the list on a transfer to the wrong person started a hand-off, although
    # both messages lead to the same entry.
    first = turn(engine, config, "我刚才转账转错人了")
    assert first.decision is not None and first.decision.action is Action.CLARIFY
    second = turn(engine, config, "能撤回吗", first.state)
    assert second.hand_off is None and second.decision is not None
    assert second.decision.faq_id in first.state.offered


def test_anything_else_after_a_clarification_is_a_new_message(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "提现多久到账", OFFERED)
    assert out.decision is not None and out.decision.faq_id == "withdrawal-time"


@pytest.mark.parametrize(
    ("previous", "text", "lang", "expected"),
    [
        ("withdraw-how", "手续费呢", "zh", "fees-withdrawal"),
        ("transfer-how", "手续费呢", "zh", "fees-transfer-payment"),
        ("withdraw-how", "how long does it take?", "en", "withdrawal-time"),
        ("transfer-how", "how long does it take?", "en", "transfer-time"),
        ("transfer-how", "要多久？", "zh", "transfer-time"),
        ("card-bind-how", "那怎么解绑", "zh", "card-unbind"),
    ],
)
def test_a_short_follow_up_is_read_in_the_previous_answers_topic(
    engine: Engine, config: DialogueConfig, previous: str, text: str, lang: str, expected: str
) -> None:
    out = turn(engine, config, text, answered(engine, previous, lang), lang=lang)
    assert out.decision is not None and out.decision.reason is Reason.FOLLOW_UP
    assert out.decision.faq_id == expected


@pytest.mark.parametrize(
    ("previous", "text", "lang"),
    [("funds-safety", "what if you go bankrupt", "en"), ("funds-safety", "如果平台倒闭呢", "zh")],
)
def test_a_follow_up_on_what_the_answer_covers_gets_that_answer_again(
    engine: Engine, config: DialogueConfig, previous: str, text: str, lang: str
) -> None:
    # Alone it is out of scope; the next entry in the topic would be a wrong answer.
    out = turn(engine, config, text, answered(engine, previous, lang), lang=lang)
    assert out.decision is not None and out.decision.reason is Reason.FOLLOW_UP
    assert out.decision.faq_id == previous


@pytest.mark.parametrize(
    ("question", "text", "lang"),
    [
        ("给朋友打钱没成功", "手续费呢？", "zh"),
        ("send money to my mum", "how much does it cost?", "en"),
    ],
)
def test_a_follow_up_to_a_clarified_question_is_read_in_that_question(
    engine: Engine, config: DialogueConfig, question: str, text: str, lang: str
) -> None:
    # The question is clarified (a failed transfer, or how to send money?); the fee question that
    # follows is about transfers, and judged alone it would get another fee entry.
    asked = turn(engine, config, question, lang=lang)
    assert asked.decision is not None and asked.decision.action is Action.CLARIFY
    alone = turn(engine, config, text, lang=lang)
    assert alone.decision is None or alone.decision.faq_id != "fees-transfer-payment"
    out = turn(engine, config, text, asked.state, lang=lang)
    assert out.decision is not None and out.decision.reason is Reason.FOLLOW_UP
    assert out.decision.faq_id == "fees-transfer-payment"


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [("提现", "要多久", "withdrawal-time"), ("账户被冻结了", "要多久？", "account-unfreeze")],
)
def test_a_message_that_names_nothing_placeable_after_a_list_is_read_in_its_topic(
    engine: Engine, config: DialogueConfig, question: str, text: str, expected: str
) -> None:
    # Alone the engine places "要多久" nowhere: after the list it had been a second unclear
    # message, handed off with a transaction's details asked.
    asked = turn(engine, config, question)
    assert asked.decision is not None and asked.decision.action is Action.CLARIFY
    alone = engine.decide(text, "zh")
    assert alone.reason is Reason.LOW_CONFIDENCE
    out = turn(engine, config, text, asked.state)
    assert out.decision is not None and out.decision.reason is Reason.FOLLOW_UP
    assert out.decision.faq_id == expected and out.hand_off is None


@pytest.mark.parametrize("text", ["不懂", "asdf", "啊啊啊"])
def test_a_reply_placed_nowhere_after_a_list_is_no_follow_up(
    engine: Engine, config: DialogueConfig, text: str
) -> None:
    # Read in the list's topic, "不懂" found "the bot is no help", whose answer promises a person
    # without handing off. Gibberish gets the scope menu or the list again, as before.
    asked = turn(engine, config, "提现")
    assert asked.decision is not None and asked.decision.action is Action.CLARIFY
    out = turn(engine, config, text, asked.state)
    assert out.decision is not None and out.decision.reason is not Reason.FOLLOW_UP
    if text == "不懂":
        assert out.decision.action is Action.HANDOFF and out.hand_off is not None


def test_an_english_question_after_a_list_is_read_in_its_topic_not_picked_by_its_words(
    engine: Engine, config: DialogueConfig
) -> None:
    # "how long?" matched the refund request's "how do I get my money back from a shop" by its
    # asking words; read in the list's topic it lands on the refund times when they are listed.
    asked = turn(engine, config, "refund", lang="en")
    assert asked.decision is not None and asked.decision.action is Action.CLARIFY
    assert "refund-how-long" in asked.state.offered
    out = turn(engine, config, "how long?", asked.state, lang="en")
    assert out.decision is not None and out.decision.faq_id == "refund-how-long"
    # Another question after an unrelated list is judged alone ("what are your opening hours",
    # then "how do i cash out to my bank", had picked the greeting).
    asked = turn(engine, config, "what are your opening hours", lang="en")
    assert asked.state.offered and "withdraw-how" not in asked.state.offered
    out = turn(engine, config, "how do i cash out to my bank", asked.state, lang="en")
    assert out.decision is not None and out.decision.faq_id == "withdraw-how"


def test_a_question_with_its_own_subject_after_a_list_is_not_read_in_its_topic(
    engine: Engine, config: DialogueConfig
) -> None:
    asked = turn(engine, config, "账户被冻结了")
    assert asked.decision is not None and set(asked.state.offered) >= {"account-frozen-why"}
    out = turn(engine, config, "提币要填什么", asked.state)
    assert out.decision is not None
    assert out.decision.faq_id not in asked.state.offered
    assert not set(s.faq_id for s in out.decision.suggestions) <= set(asked.state.offered)


def test_the_same_words_follow_different_answers_differently(
    engine: Engine, config: DialogueConfig
) -> None:
    after_refund = turn(engine, config, "多久能到账", answered(engine, "refund-request-merchant"))
    after_withdraw = turn(engine, config, "多久能到账", answered(engine, "withdraw-how"))
    assert after_refund.decision is not None and after_withdraw.decision is not None
    assert after_refund.decision.faq_id != after_withdraw.decision.faq_id


def test_out_of_scope_gets_the_menu_and_stays_with_the_bot_a_second_offers_a_person(
    engine: Engine, config: DialogueConfig
) -> None:
    first = turn(engine, config, "帮我写一首诗")
    assert first.decision is not None and first.decision.reason is Reason.OUT_OF_SCOPE
    assert first.hand_off is None and not first.decision.suggestions
    assert "密码重置" in first.decision.body
    assert replies.OFFER_PERSON["zh"] not in first.decision.body
    second = turn(engine, config, "今天天气怎么样", first.state)
    assert second.hand_off is None
    assert second.decision is not None and replies.OFFER_PERSON["zh"] in second.decision.body


@pytest.mark.parametrize(
    ("lang", "first", "reply", "category"),
    [
        ("zh", "帮我写一首诗", "2", "failed_transaction"),
        ("zh", "帮我写一首诗", "第九个", "refunds"),
        ("zh", "今天天气怎么样", "退款的", "refunds"),
        ("en", "write me a poem about autumn", "2", "failed_transaction"),
        ("en", "write me a poem about autumn", "the second one", "failed_transaction"),
        ("en", "what's the capital of australia", "the refunds one", "refunds"),
    ],
)
def test_a_problem_type_picked_from_the_scope_menu_offers_its_questions(
    engine: Engine, config: DialogueConfig, lang: str, first: str, reply: str, category: str
) -> None:
    scope = turn(engine, config, first, lang=lang)
    assert scope.decision is not None and scope.decision.reason is Reason.OUT_OF_SCOPE
    assert "\n2. " in scope.decision.body, "the menu is numbered"
    topic = turn(engine, config, reply, scope.state, lang=lang)
    assert topic.hand_off is None and topic.decision is not None
    assert topic.decision.action is Action.CLARIFY and topic.decision.reason is Reason.PICKED
    assert topic.decision.category == category
    entries = [s.faq_id for s in topic.decision.suggestions]
    assert entries and {engine.kb.faq(f).category for f in entries} == {category}
    # ... and the next reply picks one of those questions, as after any clarification
    picked = turn(engine, config, "1", topic.state, lang=lang)
    assert picked.decision is not None and picked.decision.faq_id == entries[0]


def test_a_question_after_the_scope_menu_is_a_new_message(
    engine: Engine, config: DialogueConfig
) -> None:
    scope = turn(engine, config, "帮我写一首诗")
    out = turn(engine, config, "提现手续费是多少", scope.state)
    assert out.decision is not None and out.decision.reason is not Reason.PICKED
    assert out.decision.faq_id == "fees-withdrawal"
    assert not turn(engine, config, "2", out.state).state.menu, "the menu is forgotten"


@pytest.mark.parametrize(
    ("text", "category"),
    [("我要投诉，转人工", "complaint"), ("找客服", "human_agent"), ("human please", "human_agent")],
)
def test_asking_for_a_person_hands_off_at_once_about_the_rest_of_the_message(
    engine: Engine, config: DialogueConfig, text: str, category: str
) -> None:
    out = turn(engine, config, text)
    assert out.hand_off is not None and out.hand_off.reason == "user_request"
    assert out.hand_off.category == category


@pytest.mark.parametrize(
    ("text", "lang", "entry"),
    [
        ("they still haven't got it, I want an agent", "en", "money-deducted-not-received"),
        ("对方说这笔钱他没收到，找客服", "zh", "money-deducted-not-received"),
    ],
)
def test_a_request_that_points_back_is_about_the_last_answer(
    engine: Engine, config: DialogueConfig, text: str, lang: str, entry: str
) -> None:
    out = turn(engine, config, text, answered(engine, entry, lang), lang=lang, on_duty=False)
    assert out.hand_off is not None and out.hand_off.reason == "user_request"
    assert out.hand_off.category == engine.kb.faq(entry).category
    assert out.decision is not None and config.question("when", lang) in out.decision.body  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ok can you connect me with someone", "en"),
        ("fine, real person please", "en"),
        ("好的，帮我转人工", "zh"),
        ("那你帮我找个人工客服吧", "zh"),
    ],
)
def test_a_bare_request_after_an_answer_is_about_that_answer(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    # What is left of the request ("ok can you", "那你") names nothing: it had found contact
    # channels or identity checks for the hand-off's category, and lost the guided details.
    state = answered(engine, "money-deducted-not-received", lang)
    out = turn(engine, config, text, state, lang=lang, on_duty=False)
    assert out.hand_off is not None and out.hand_off.category == "failed_transaction"
    assert out.decision is not None and config.question("when", lang) in out.decision.body  # type: ignore[arg-type]


def test_a_bare_request_after_a_clarification_is_about_what_was_offered(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "找客服", OFFERED)
    assert out.hand_off is not None and out.hand_off.category == "password_reset"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("客服电话多少", "zh"),
        ("人工客服几点上班", "zh"),
        ("人工客服要排队多久", "zh"),  # the classifier says "human_agent"; it is a question
        ("客服会问我要密码吗？", "zh"),  # not a scam report
        ("support never asks for my password, right?", "en"),
        ("would support ever ask me for my PIN?", "en"),
    ],
)
def test_look_alikes_are_answered(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    out = turn(engine, config, text, lang=lang)
    assert out.hand_off is None
    assert out.decision is not None and out.decision.action is Action.ANSWER
    assert "transferring you" not in out.decision.body and "正在为您转接" not in out.decision.body


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # The classifier reads "人工客服" as a request; what it asks is whether support asks.
        ("人工客服会向我索要私钥嘛", "zh"),
        ("人工客服会找我要银行卡密码吗", "zh"),
        ("你们会向我索要短信验证码吗", "zh"),
        ("平台是否会在微信上跟我要登录密码呢", "zh"),
    ],
)
def test_a_question_about_what_support_asks_for_leads_with_the_anti_fraud_entry(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    out = turn(engine, config, text, lang=lang)
    assert out.hand_off is None and out.decision is not None
    first = out.decision.faq_id or out.decision.suggestions[0].faq_id
    assert first == "support-never-asks"


def test_asking_how_to_reach_a_person_is_not_answered_with_a_transfer(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "how do I contact a real person at your company", lang="en")
    assert out.hand_off is None and out.decision is not None
    assert "transferring you" not in out.decision.body
    offered = [s.faq_id for s in out.decision.suggestions] or [out.decision.faq_id]
    assert "contact-channels" in offered


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("someone claiming to be support asked for my code", "en"),
        ("support asked me for my code, right?", "en"),
        ("有个自称客服的人让我报验证码", "zh"),
        ("客服刚才打电话问我要验证码，对吧", "zh"),
    ],
)
def test_real_scam_reports_still_hand_off_as_urgent(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    out = turn(engine, config, text, lang=lang)
    assert out.hand_off is not None and out.hand_off.priority == "urgent"


def test_dissatisfaction_votes_and_offers_the_next_entries(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "没用", answered(engine, "withdrawal-time"))
    assert out.unhelpful
    assert out.decision is not None and out.decision.action is Action.CLARIFY
    assert "withdrawal-time" not in {s.faq_id for s in out.decision.suggestions}


def test_not_this_offers_only_entries_close_enough_and_else_a_person(
    engine: Engine, config: DialogueConfig
) -> None:
    # "转错人了怎么办" had filled the list after the payment password's answer.
    out = turn(engine, config, "不是这个", answered(engine, "password-forgot-payment"))
    assert out.decision is not None
    assert {s.faq_id for s in out.decision.suggestions} == {
        "password-forgot-login",
        "password-change",
    }
    # Nothing else close to the answer on app notifications: a person.
    alone = turn(
        engine, config, "that didn't help", answered(engine, "notifications", "en"), lang="en"
    )
    assert alone.hand_off is not None and alone.hand_off.reason == "not_helpful"


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_problem_going_on_after_an_answer_is_a_not_helpful_vote(
    engine: Engine, config: DialogueConfig, data: st.DataObject
) -> None:
    # "he still doesn't have it" after the answer on money taken but not received was read in
    # its topic: the review times of identity checks.
    lang, entry = draw_answer(engine, data)
    text = data.draw(st.sampled_from(STILL_NOT[lang]))
    out = turn(engine, config, text, answered(engine, entry, lang), lang=lang)
    assert out.unhelpful, text
    assert out.decision is not None and out.decision.faq_id is None


def test_dissatisfaction_with_a_new_question_answers_it(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(
        engine, config, "不是这个，我问的是提现要不要手续费", answered(engine, "withdraw-how")
    )
    assert out.unhelpful
    assert out.decision is not None and out.decision.faq_id == "fees-withdrawal"


def test_urgent_with_nobody_on_duty_says_what_to_do_now_without_repeating_itself(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "我的账户刚刚被盗了", on_duty=False)
    assert out.hand_off is not None and out.hand_off.priority == "urgent"
    assert out.decision is not None
    reply = out.decision.reply
    help_text = config.urgent_help["zh"]
    assert help_text.hotline in reply and help_text.self_service in reply
    assert "请留在此对话中" not in reply, "no promise of an agent the ticket notice contradicts"
    sentences = [s for s in reply.replace("\n", "。").split("。") if s.strip()]
    assert len(sentences) == len(set(sentences)), "no sentence said twice"


def test_urgent_on_duty_promises_an_agent_once(engine: Engine, config: DialogueConfig) -> None:
    out = turn(engine, config, "my account was hacked, someone changed my password", lang="en")
    assert out.decision is not None
    assert out.decision.reply.count("top priority") == 1
    assert config.urgent_help["en"].hotline not in out.decision.reply


def test_every_message_while_waiting_is_acknowledged(
    engine: Engine, config: DialogueConfig
) -> None:
    for status in ("queued", "ticket"):
        for text in ("还要等多久？", "有人吗？", "hello?", "转人工"):
            out = turn(engine, config, text, status=status, priority="normal")
            assert out.decision is not None and out.wait_notice and out.hand_off is None


def test_a_faq_question_while_waiting_is_answered_and_the_place_kept(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "怎么修改登录密码", status="queued", priority="normal")
    assert out.decision is not None and out.decision.faq_id == "password-change"
    assert out.wait_notice and out.hand_off is None and out.raise_to is None


@pytest.mark.parametrize(
    ("text", "lang", "facts"),
    [
        ("my order number is 88812345", "en", {"reference": "88812345"}),
        ("订单号123456789", "zh", {"reference": "123456789"}),
        ("昨天下午三点，两千块", "zh", {"when": "2026-12-05T15:00", "amount": "2000 CNY"}),
        ("visa ending 4242, $45.99", "en", {"method": "Visa ••••4242", "amount": "45.99 USD"}),
    ],
)
def test_facts_told_while_waiting_are_kept_for_the_agent_not_answered_from_the_faq(
    engine: Engine, config: DialogueConfig, text: str, lang: str, facts: dict[str, str]
) -> None:
    # "my order number is 88812345" had been answered with how to change a lost phone number.
    for status in ("queued", "ticket"):
        out = turn(engine, config, text, lang=lang, status=status, priority="normal")
        assert out.decision is not None and out.decision.faq_id is None and out.wait_notice
        kept = {field: fact["value"] for field, fact in out.state.facts.items() if fact}
        assert kept == facts


@pytest.mark.parametrize(
    ("text", "lang"), [("how long do I have to wait?", "en"), ("要排队多久啊", "zh")]
)
def test_asking_about_the_wait_while_waiting_gets_the_place_not_an_faq_entry(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    # "how long do I have to wait?" had been answered with the identity check's review times.
    out = turn(engine, config, text, lang=lang, status="queued", priority="normal")
    assert out.decision is not None and out.decision.reason is Reason.WAITING
    assert out.decision.faq_id is None and out.wait_notice


def test_an_urgent_message_while_waiting_raises_the_priority_once(
    engine: Engine, config: DialogueConfig
) -> None:
    text = "有人自称客服让我把验证码发给他"
    out = turn(engine, config, text, status="queued", priority="normal")
    assert out.raise_to == "urgent" and out.wait_notice
    again = turn(engine, config, text, status="queued", priority="urgent")
    assert again.raise_to is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("现在该怎么办？", "zh"),
        ("那我现在怎么办", "zh"),
        ("what do I do now?", "en"),
        ("what now", "en"),
        ("我还能做什么", "zh"),
        ("what else can I do?", "en"),
    ],
)
def test_asking_what_to_do_while_waiting_urgent_gets_what_can_be_done_now(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    help_text = config.urgent_help[lang]  # type: ignore[index]
    for status in ("queued", "ticket"):
        out = turn(engine, config, text, lang=lang, status=status, priority="urgent")
        assert out.decision is not None and out.wait_notice and out.hand_off is None
        assert help_text.freeze in out.decision.reply and help_text.hotline in out.decision.reply
        normal = turn(engine, config, text, lang=lang, status=status, priority="normal")
        assert normal.decision is not None and help_text.hotline not in normal.decision.reply


@pytest.mark.parametrize("text", ["算了不用了", "好的，我自己解决了", "never mind, I fixed it"])
def test_a_waiting_user_who_no_longer_needs_a_person_stops_waiting(
    engine: Engine, config: DialogueConfig, text: str
) -> None:
    lang = "en" if text.isascii() else "zh"
    out = turn(engine, config, text, status="queued", priority="normal", lang=lang)
    assert out.stop_waiting and out.decision is not None
    assert out.decision.reason is Reason.LEFT_QUEUE and not out.wait_notice
    assert out.decision.reply == replies.LEFT_QUEUE[lang]
    # With a ticket open, the ticket is closed.
    closed = turn(engine, config, text, status="ticket", priority="normal", lang=lang)
    assert closed.stop_waiting and closed.decision is not None and not closed.wait_notice
    assert closed.decision.reason is Reason.CLOSED_TICKET
    assert closed.decision.reply == replies.CLOSED_TICKET[lang]
    # Money or the account at risk: an agent still checks, queue or ticket.
    for status in ("queued", "ticket"):
        urgent = turn(engine, config, text, status=status, priority="urgent", lang=lang)
        assert not urgent.stop_waiting and urgent.wait_notice and urgent.decision is not None
        assert urgent.decision.reply.startswith(replies.URGENT_STAYS_QUEUED[lang])


def test_the_bot_is_silent_once_an_agent_has_it(engine: Engine, config: DialogueConfig) -> None:
    out = turn(engine, config, "hello?", status="assigned")
    assert out.decision is None and not out.wait_notice


def test_guided_details_before_a_hand_off_one_at_a_time_each_skippable(
    engine: Engine, config: DialogueConfig
) -> None:
    state = answered(engine, "top-up-not-credited")
    out = turn(engine, config, "没用", state)
    out = turn(engine, config, "都不是", out.state)
    assert out.hand_off is None, "details first"
    assert out.decision is not None and config.question("when", "zh") in out.decision.body
    answers = ["前天", "跳过", "银行卡尾号6789", "不知道"]
    for text in answers:
        out = turn(engine, config, text, out.state)
    assert out.hand_off is not None and out.hand_off.reason == "not_helpful"
    facts = out.state.facts
    assert facts["when"] == {"text": "前天", "value": "2026-12-04"}
    assert facts["amount"] is None and facts["reference"] is None
    assert facts["method"] is not None and facts["method"]["value"] == "bank card ••••6789"


@pytest.mark.parametrize(
    ("lang", "asked", "text", "stored"),
    [
        ("en", "amount", "Monday around 2pm", {"when": "2026-11-30T14:00"}),
        ("zh", "amount", "周一下午两点", {"when": "2026-11-30T14:00"}),
        ("en", "reference", "chase debit card ending 4432", {"method": "debit card ••••4432"}),
        (
            "en",
            "amount",
            "$250 yesterday at 10am",
            {"amount": "250 USD", "when": "2026-12-05T10:00"},
        ),
        (
            "zh",
            "when",
            "昨天晚上8点，转了3000块",
            {"when": "2026-12-05T20:00", "amount": "3000 CNY"},
        ),
    ],
)
def test_a_detail_answer_is_stored_under_the_fields_it_plainly_gives(
    engine: Engine,
    config: DialogueConfig,
    lang: str,
    asked: str,
    text: str,
    stored: dict[str, str],
) -> None:
    # Users answer what they have in mind: a time given to "what amount?" had been stored as an
    # amount of 2 (price-parser reads "2pm"), and the amount asked no more.
    fields = ("when", "amount", "method", "reference")
    pending = Details("transfer_failed_or_pending", fields[fields.index(asked) :], "waiting")
    state = DialogueState(details=pending)
    out = turn(engine, config, text, state, lang=lang, status="ticket", priority="normal")
    facts = out.state.facts
    assert {f: (facts[f] or {}).get("value") for f in stored} == stored
    assert out.state.details is not None
    left = out.state.details.remaining
    assert (left[0] == asked) is (asked not in stored), (
        "the field asked is asked again if not given"
    )
    assert not set(stored) & set(left)


@pytest.mark.parametrize(
    ("text", "lang", "kept_question"),
    [
        ("对方不还怎么办", "zh", True),
        ("what if he never returns it?", "en", True),
        ("好的", "zh", False),
        ("谢谢", "zh", False),
        ("?", "en", False),
    ],
)
def test_a_question_or_an_acknowledgement_is_no_answer_to_a_detail(
    engine: Engine, config: DialogueConfig, text: str, lang: str, kept_question: bool
) -> None:
    # "对方不还怎么办" to "when did it happen?" was recorded as the time, and "好的" as the amount.
    out = turn(engine, config, "没用", answered(engine, "transfer-failed", lang), lang=lang)
    out = turn(engine, config, "none of these" if lang == "en" else "都不是", out.state, lang=lang)
    asked = out.state
    out = turn(engine, config, text, asked, lang=lang)
    assert out.hand_off is None and out.decision is not None
    assert "when" not in out.state.facts and out.state.details == asked.details
    assert config.question("when", lang) in out.decision.body
    assert (replies.DETAILS_QUESTION_KEPT[lang] in out.decision.body) is kept_question


def test_a_statement_with_nothing_to_read_is_still_an_answer_to_a_detail(
    engine: Engine, config: DialogueConfig
) -> None:
    # "is" inside a statement does not make it a question: it is kept as written.
    out = turn(engine, config, "没用", answered(engine, "transfer-failed", "en"), lang="en")
    out = turn(engine, config, "none of these", out.state, lang="en")
    out = turn(engine, config, "my bank is in another country", out.state, lang="en")
    assert out.state.facts["when"] == {"text": "my bank is in another country", "value": None}


def test_a_confident_question_during_the_details_is_answered_and_the_detail_asked_again(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "没用", answered(engine, "transfer-failed"))
    out = turn(engine, config, "都不是", out.state)
    out = turn(engine, config, "提现多久能到账", out.state)
    assert out.decision is not None and out.decision.action is Action.ANSWER
    assert out.decision.body.startswith(engine.kb.faq("withdrawal-time").answers.zh)
    assert config.question("when", "zh") in out.decision.body
    assert "when" not in out.state.facts


def test_a_goodbye_during_the_details_ends_them_without_a_hand_off(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "没用", answered(engine, "transfer-failed"))
    out = turn(engine, config, "都不是", out.state)
    out = turn(engine, config, "再见", out.state)
    assert out.hand_off is None and out.state.details is None
    assert out.decision is not None and out.decision.faq_id == engine.kb.courtesy_entry("goodbye")


def test_a_question_while_waiting_is_no_answer_to_the_detail_asked(
    engine: Engine, config: DialogueConfig
) -> None:
    # "还要等多久？" while the time was asked had been recorded as the time.
    out = turn(engine, config, "转人工", answered(engine, "transfer-failed"))
    waiting = turn(engine, config, "还要等多久？", out.state, status="queued", priority="normal")
    assert waiting.wait_notice and "when" not in waiting.state.facts
    assert waiting.decision is not None and config.question("when", "zh") in waiting.decision.body


def test_a_person_can_be_asked_for_in_the_middle_of_the_details(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "没用", answered(engine, "withdrawal-pending"))
    out = turn(engine, config, "都不是", out.state)
    out = turn(engine, config, "昨天", out.state)
    out = turn(engine, config, "转人工", out.state)
    assert out.hand_off is not None and out.hand_off.reason == "user_request"
    assert out.state.facts["when"] is not None


def test_asking_for_a_person_about_a_guided_problem_asks_the_details_while_waiting(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "转人工", answered(engine, "transfer-failed"))
    assert out.hand_off is not None
    assert out.decision is not None and config.question("when", "zh") in out.decision.body
    waiting = turn(engine, config, "昨天下午三点", out.state, status="queued", priority="normal")
    assert waiting.wait_notice and waiting.state.facts["when"] == {
        "text": "昨天下午三点",
        "value": "2026-12-05T15:00",
    }
    assert waiting.decision is not None and config.question("amount", "zh") in waiting.decision.body


@pytest.mark.parametrize(
    ("text", "lang", "given", "asked"),
    [
        ("我的提现三天了还没到账，转人工", "zh", {"when"}, "amount"),
        (
            "my withdrawal of 500 usdt is stuck since yesterday 3pm, agent please",
            "en",
            {"when", "amount"},
            "method",
        ),
        # urgent: "我的银行卡被盗刷了" had asked nothing, its words being closest to unbinding a card
        ("我的银行卡昨天晚上被盗刷了5000块", "zh", {"when", "amount"}, "method"),
        ("我的银行卡被盗刷了", "zh", set(), "when"),
    ],
)
def test_a_hand_off_keeps_the_facts_its_message_gives_and_asks_for_the_rest(
    engine: Engine, config: DialogueConfig, text: str, lang: str, given: set[str], asked: str
) -> None:
    out = turn(engine, config, text, lang=lang)
    assert out.hand_off is not None and out.state.details is not None
    assert {field for field, fact in out.state.facts.items() if fact} == given
    assert out.state.details.remaining[0] == asked
    assert out.decision is not None and config.question(asked, lang) in out.decision.body


def test_a_hand_off_with_no_details_to_ask_still_keeps_the_facts_its_message_gives(
    engine: Engine, config: DialogueConfig
) -> None:
    text = "someone hacked my account and withdrew 300 usdt an hour ago"
    out = turn(engine, config, text, lang="en", on_duty=False)
    assert out.hand_off is not None and out.hand_off.priority == "urgent"
    kept = {field: fact["value"] for field, fact in out.state.facts.items() if fact}
    assert kept == {"amount": "300 USDT", "when": "2026-12-06T11:00"}


@pytest.mark.parametrize(
    ("entry", "text", "lang", "given", "asked_next"),
    [
        ("transfer-failed", "昨天下午三点转了两千块", "zh", {"when", "amount"}, "method"),
        ("money-deducted-not-received", "yesterday around 3pm", "en", {"when"}, "amount"),
        ("top-up-not-credited", "visa ending 4242, $45.99", "en", {"amount", "method"}, "when"),
    ],
)
def test_facts_given_unasked_after_an_answer_are_kept_and_a_person_offered(
    engine: Engine,
    config: DialogueConfig,
    entry: str,
    text: str,
    lang: str,
    given: set[str],
    asked_next: str,
) -> None:
    # Facts about the user's own transaction: no scope reply, no follow-up answer, no hand-off yet.
    out = turn(engine, config, text, answered(engine, entry, lang), lang=lang)
    assert out.decision is not None and out.decision.reason is Reason.DETAILS
    assert out.decision.body == replies.FACTS_VOLUNTEERED[lang]
    assert out.hand_off is None and set(out.state.facts) == given
    # Asking for a person then asks only for what is still missing.
    person = turn(engine, config, "转人工" if lang == "zh" else "agent", out.state, lang=lang)
    assert person.hand_off is not None and person.decision is not None
    assert config.question(asked_next, lang) in person.decision.body
    assert all(config.question(f, lang) not in person.decision.body for f in given)


@pytest.mark.parametrize(
    ("lang", "messages", "expected"),
    [
        (
            "zh",
            ["昨天下午三点", "2000", "工商银行卡"],
            {"when": "2026-12-05T15:00", "amount": "2000", "method": "bank card"},
        ),
        ("zh", ["昨晚八点", "五百块", "支付宝"], {"amount": "500 CNY", "method": "Alipay"}),
        ("en", ["3pm yesterday", "500", "visa"], {"amount": "500", "method": "Visa"}),
    ],
)
def test_a_case_told_fact_by_fact_after_an_answer_is_noted_fact_by_fact(
    engine: Engine,
    config: DialogueConfig,
    lang: str,
    messages: list[str],
    expected: dict[str, str],
) -> None:
    # "2000" after the first fact was read as a follow-up (the top-up answer), "工商银行卡" found
    # binding a card, and the hand-off then asked for neither.
    state = answered(engine, "withdrawal-pending", lang)
    for text in messages:
        out = turn(engine, config, text, state, lang=lang)
        assert out.decision is not None and out.decision.reason is Reason.DETAILS, text
        state = out.state
    values = {k: v["value"] for k, v in state.facts.items() if v is not None}
    assert expected.items() <= values.items()
    person = turn(engine, config, "人工" if lang == "zh" else "agent", state, lang=lang)
    assert person.decision is not None
    assert config.question("reference", lang) in person.decision.body
    assert config.question("amount", lang) not in person.decision.body


def test_a_number_alone_before_any_fact_is_not_taken_for_an_amount(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "500", answered(engine, "withdrawal-pending"))
    assert out.decision is not None and out.decision.reason is not Reason.DETAILS


def test_facts_after_an_answer_without_guided_details_are_not_taken_as_facts(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "昨天下午三点", answered(engine, "password-forgot-login"))
    assert out.decision is not None and out.decision.reason is not Reason.DETAILS
    assert not out.state.facts


TRANSFER_CLARIFIED = DialogueState(
    offered=("money-deducted-not-received", "transfer-time", "transfer-how"),
    spare=("transfer-failed",),
    unclear_streak=1,
    topic="我昨天转给朋友的钱他说没收到",
)


@pytest.mark.parametrize(
    ("text", "lang", "given"),
    [
        ("昨天晚上八点", "zh", {"when"}),
        ("500块", "zh", {"amount"}),
        ("前天下午转的，两千块", "zh", {"when", "amount"}),
        ("yesterday around 3pm, $200", "en", {"when", "amount"}),
        ("card ending 4242", "en", {"method"}),
    ],
)
def test_facts_given_in_reply_to_a_clarification_are_kept_and_the_choice_asked_again(
    engine: Engine, config: DialogueConfig, text: str, lang: str, given: set[str]
) -> None:
    # The user told the bot about their transfer instead of choosing: not out of scope, not a
    # second "not understood" (which would hand off), and the same entries to choose from.
    out = turn(engine, config, text, TRANSFER_CLARIFIED, lang=lang)
    assert out.decision is not None and out.decision.reason is Reason.DETAILS, out.decision
    assert out.hand_off is None and set(out.state.facts) == given
    shown = [s.faq_id for s in out.decision.suggestions]
    assert shown == list(TRANSFER_CLARIFIED.offered) and out.state.offered == tuple(shown)
    assert out.decision.body.startswith(replies.FACTS_NOTED_CHOOSE[lang])
    # Then the pick still works, and the facts stay for a later hand-off, with the time the
    # question itself gave ("我昨天转给朋友的钱…") unless the user said it again.
    picked = turn(engine, config, "1", out.state, lang=lang)
    assert picked.decision is not None and picked.decision.faq_id == "money-deducted-not-received"
    assert set(picked.state.facts) == given | {"when"}
    if "when" in given:
        assert picked.state.facts["when"] == out.state.facts["when"]


def test_facts_after_a_clarification_of_problems_without_guided_details_are_not_kept(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "昨天下午三点", OFFERED)
    assert out.decision is not None and out.decision.reason is not Reason.DETAILS
    assert not out.state.facts


@pytest.mark.parametrize(("text", "lang"), [("跳过", "zh"), ("不知道", "zh"), ("skip", "en")])
def test_a_skip_after_an_answer_is_no_follow_up(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    # Nothing was asked, so "skip" has no topic to be read in (it once found the entry on
    # failed identity checks after an answer on transfers).
    out = turn(
        engine, config, text, answered(engine, "money-deducted-not-received", lang), lang=lang
    )
    assert out.decision is not None and out.decision.reason is not Reason.FOLLOW_UP


def test_a_follow_up_after_an_answer_on_a_guided_problem_is_still_a_follow_up(
    engine: Engine, config: DialogueConfig
) -> None:
    out = turn(engine, config, "那要多久", answered(engine, "withdrawal-pending"))
    assert out.decision is not None and out.decision.reason is Reason.FOLLOW_UP
    assert not out.state.facts


def test_secrets_in_a_details_answer_are_masked(engine: Engine, config: DialogueConfig) -> None:
    out = turn(engine, config, "转人工", answered(engine, "transfer-failed"))
    out = turn(engine, config, "跳过", out.state, status="queued", priority="normal")
    out = turn(engine, config, "跳过", out.state, status="queued", priority="normal")
    out = turn(
        engine, config, "卡号 4111 1111 1111 1111", out.state, status="queued", priority="normal"
    )
    assert "4111 1111" not in str(out.state.facts)


@pytest.mark.parametrize(("text", "reason"), [("hello?", Reason.WAITING), ("跳过", Reason.DETAILS)])
def test_replies_while_waiting_are_about_what_the_conversation_is_about(
    engine: Engine, config: DialogueConfig, text: str, reason: Reason
) -> None:
    # Not the engine's reading of "hello?" (a greeting) or "跳过": the hand-off's category.
    asking = turn(engine, config, "转人工", answered(engine, "transfer-failed"))
    state = asking.state if reason is Reason.DETAILS else DialogueState()
    ctx = Context("queued", "zh", "normal", True, NOW, config, category="failed_transaction")  # type: ignore[arg-type]
    out = respond(text, state, ctx, engine)
    assert out.decision is not None and out.decision.reason is reason
    assert out.decision.category == "failed_transaction" and out.wait_notice


@pytest.mark.parametrize(
    ("text", "lang"), [("都不是", "zh"), ("none of these", "en"), ("neither", "en")]
)
def test_none_of_these_after_an_answer_is_a_not_helpful_vote(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    # No list was shown, so it turns down the answer: the next entries for its topic, about it
    # (once a follow-up, it found the entry on unauthorised payments after one on passwords).
    out = turn(engine, config, text, answered(engine, "password-forgot-payment", lang), lang=lang)
    assert out.decision is not None and out.decision.reason is Reason.NOT_HELPFUL
    assert out.unhelpful and out.decision.category == "password_reset"
    again = turn(engine, config, text, out.state, lang=lang)
    assert again.hand_off is not None and again.hand_off.category == "password_reset"


@pytest.mark.parametrize(
    ("text", "lang"), [("2️⃣", "zh"), ("第二个吧", "zh"), ("the second one", "en")]
)
def test_a_pick_with_no_list_shown_is_no_follow_up(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    out = turn(engine, config, text, answered(engine, "password-forgot-payment", lang), lang=lang)
    assert out.decision is not None and out.decision.reason is not Reason.FOLLOW_UP


@pytest.mark.parametrize(
    ("text", "lang"),
    [("我去试一下", "zh"), ("了解了", "zh"), ("可以了", "zh"), ("ok I will try that", "en")],
)
def test_going_to_try_the_answer_says_nothing_to_answer(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    # They had got the scope menu ("I can only help with your wallet…") after an answer.
    out = turn(engine, config, text, answered(engine, "withdraw-how", lang), lang=lang)
    assert out.decision is not None and out.decision.reason is Reason.GREETING
    assert out.decision.reply == replies.ANYTHING_ELSE[lang]  # type: ignore[index]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_an_acknowledgement_or_a_bare_question_mark_after_an_answer_says_nothing(
    engine: Engine, config: DialogueConfig, data: st.DataObject
) -> None:
    # Each once found an unrelated entry as a follow-up ("好的" the goodbye, "?" failed payments,
    # "嗯" how to recognise a scam), or a hand-off ("这个"), or the scope menu.
    lang, entry = draw_answer(engine, data)
    words = data.draw(st.lists(st.sampled_from(ACKNOWLEDGEMENTS[lang]), min_size=0, max_size=2))
    if not words and data.draw(st.booleans()):  # or a pass, alone: "跳过", "dunno"
        words = [data.draw(st.sampled_from(PASSES[lang]))]
    text = " ".join(words) + data.draw(st.sampled_from(MARKS))
    assume(text.strip())
    out = turn(engine, config, text, answered(engine, entry, lang), lang=lang)
    assert out.decision is not None and out.hand_off is None, text
    assert out.decision.body == replies.ANYTHING_ELSE[lang], (text, out.decision.reason)
    assert out.state.answered == entry  # "手续费呢？" next is still read in its topic


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_thanks_or_a_goodbye_after_an_answer_or_a_list_gets_its_entry(
    engine: Engine, config: DialogueConfig, data: st.DataObject
) -> None:
    # "thanks" after the answer on withdrawal times was read in its topic: how to withdraw; "bye"
    # after most answers found some other entry.
    lang = data.draw(st.sampled_from(["zh", "en"]))
    kind, corpus = data.draw(st.sampled_from([("thanks", THANKS), ("goodbye", GOODBYES)]))
    text = data.draw(st.sampled_from(corpus[lang])) + data.draw(st.sampled_from(MARKS))
    entries = [f.id for f in engine.kb.faqs if f.category not in ("greeting", "human_agent")]
    state = data.draw(
        st.one_of(
            st.sampled_from(entries).map(lambda e: answered(engine, e, lang)), st.just(OFFERED)
        )
    )
    out = turn(engine, config, text, state, lang=lang)
    assert out.decision is not None and out.hand_off is None, text
    assert out.decision.faq_id == engine.kb.courtesy_entry(kind), (text, out.decision.reason)
    assert (out.state.answered, out.state.offered) == (state.answered, state.offered)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_question_that_names_nothing_points_back_at_the_answer(
    engine: Engine, config: DialogueConfig, data: st.DataObject
) -> None:
    # "怎么弄" after the answer on closing an account found how to send money; such questions
    # found an entry of another category after most answers.
    lang, entry = draw_answer(engine, data)
    text = data.draw(st.sampled_from(ASKS_ONLY[lang])) + data.draw(st.sampled_from(MARKS))
    state = answered(engine, entry, lang)
    out = turn(engine, config, text, state, lang=lang)
    assert out.decision is not None and out.hand_off is None, text
    assert out.decision.reason is Reason.FOLLOW_UP and out.decision.faq_id is None, text
    assert str(state.topic) in out.decision.body
    # reported under the answer's category ("ok what now" had been "out_of_scope")
    assert out.decision.category == engine.kb.faq(entry).category
    assert out.state == state  # "手续费呢？" next is still read in that topic


@pytest.mark.parametrize(("text", "lang"), [("怎么弄", "zh"), ("为什么？", "zh"), ("why?", "en")])
def test_a_question_that_names_nothing_after_a_list_shows_the_list_again(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    out = turn(engine, config, text, OFFERED, lang=lang)
    assert out.hand_off is None and out.decision is not None
    assert out.decision.body.startswith(replies.PICK_PROMPT[lang])


@pytest.mark.parametrize(
    ("text", "lang"), [("你好", "zh"), ("在吗", "zh"), ("hi", "en"), ("hello?", "en")]
)
def test_a_greeting_after_an_answer_is_no_follow_up(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    # "hi" after the answer on withdrawal times was read in its topic.
    out = turn(engine, config, text, answered(engine, "withdrawal-time", lang), lang=lang)
    assert out.decision is not None and out.decision.faq_id == "greeting-hello"


def test_without_a_courtesy_entry_in_the_faq_thanks_asks_for_anything_else(
    engine: Engine, config: DialogueConfig
) -> None:
    class WithoutCourtesies:  # the engine, over a FAQ whose entries answer no courtesy
        kb = KnowledgeBase(
            engine.kb.categories,
            tuple(f.model_copy(update={"courtesy": None}) for f in engine.kb.faqs),
        )
        thresholds = engine.thresholds
        decide = engine.decide
        rank = engine.rank

    state = answered(engine, "withdrawal-time", "en")
    ctx = Context("bot", "en", None, True, NOW, config)  # type: ignore[arg-type]
    out = respond("got it, thanks", state, ctx, WithoutCourtesies())
    assert out.decision is not None and out.decision.body == replies.ANYTHING_ELSE["en"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("不知道", "zh"), ("跳过", "zh"), ("不确定。", "zh"), ("dunno", "en"), ("skip", "en")],
)
def test_passing_when_nothing_was_asked_is_no_question_of_its_own(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    # After an answer these once got the scope menu ("I can only help with your wallet…").
    out = turn(engine, config, text, answered(engine, "transfer-failed", lang), lang=lang)
    assert out.decision is not None and out.hand_off is None
    assert out.decision.body == replies.ANYTHING_ELSE[lang], (text, out.decision.reason)
    assert out.state.answered == "transfer-failed"


def test_forgetting_after_an_answer_is_still_read_as_a_question(
    engine: Engine, config: DialogueConfig
) -> None:
    # "忘了" skips a question asked, but after "how do I pay" it says the password is forgotten.
    out = turn(engine, config, "忘了", answered(engine, "pay-merchant"))
    assert out.decision is not None and out.decision.body != replies.ANYTHING_ELSE["zh"]


@pytest.mark.parametrize(("text", "lang"), [("不知道", "zh"), ("没有", "zh"), ("not sure", "en")])
def test_not_knowing_which_after_a_second_clarification_hands_off_about_the_list(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    # Its own reading ("不知道" near "payments") once named the hand-off, so a failed transfer
    # went to a ticket about payments without the details an agent needs for it.
    out = turn(engine, config, text, TRANSFER_CLARIFIED, lang=lang)
    assert out.state.details is not None and out.state.details.handoff is not None
    assert out.state.details.handoff.category == "failed_transaction"
    assert out.decision is not None and config.question("when", lang) in out.decision.body


@pytest.mark.parametrize(
    ("text", "lang"), [("嗯", "zh"), ("这个", "zh"), ("？", "zh"), ("ok", "en"), ("huh?", "en")]
)
def test_an_acknowledgement_after_a_clarification_shows_the_list_again(
    engine: Engine, config: DialogueConfig, text: str, lang: str
) -> None:
    # It had been the greeting, the scope menu, or ("这个") a hand-off as a second unclear message.
    out = turn(engine, config, text, OFFERED, lang=lang)
    assert out.hand_off is None and out.decision is not None
    assert out.decision.body.startswith(replies.PICK_PROMPT[lang])
    assert [s.faq_id for s in out.decision.suggestions] == list(OFFERED.offered)
    picked = turn(engine, config, "2", out.state, lang=lang)
    assert picked.decision is not None and picked.decision.faq_id == "password-forgot-login"


@pytest.mark.parametrize(
    ("question", "lang", "given", "asked_first"),
    [
        ("充了2000u没到账", "zh", {"amount"}, "when"),
        ("我的提现三天了还没到", "zh", {"when"}, "amount"),
        ("I topped up $50 yesterday and it never arrived", "en", {"when", "amount"}, "method"),
    ],
)
def test_facts_in_the_question_an_answer_follows_are_not_asked_again(
    engine: Engine,
    config: DialogueConfig,
    question: str,
    lang: str,
    given: set[str],
    asked_first: str,
) -> None:
    answer = turn(engine, config, question, lang=lang)
    assert answer.decision is not None and answer.decision.reason is Reason.CONFIDENT_MATCH
    assert set(answer.state.facts) == given
    person = turn(engine, config, "转人工" if lang == "zh" else "agent", answer.state, lang=lang)
    assert person.decision is not None and person.hand_off is not None
    assert config.question(asked_first, lang) in person.decision.body
    assert all(config.question(f, lang) not in person.decision.body for f in given)


def test_counting_words_are_no_time() -> None:
    from walletbot.dialogue.details import volunteered

    assert volunteered("转了3次了", NOW)[0] == {}


@pytest.mark.parametrize(
    "text",
    [
        "你是机器人吗",
        "请问你是真人还是AI？",
        "are you a real human lol",
        "Am I talking to a human or an AI?",
    ],
)
def test_asking_who_answers_gets_the_greeting_not_a_hand_off(
    engine: Engine, config: DialogueConfig, text: str
) -> None:
    # Its words had found the hand-off entries: "are you a real human" was handed off.
    out = turn(engine, config, text, DialogueState())
    assert out.hand_off is None
    assert out.decision is not None and out.decision.faq_id == engine.kb.courtesy_entry("hello")


@pytest.mark.parametrize(
    "text",
    [
        "我不需要人工，就想查一下余额",
        "上次的人工客服帮我解决了，谢谢他",
        "no need for an agent, thanks",
    ],
)
def test_words_of_a_request_that_ask_for_nobody_are_no_hand_off(
    engine: Engine, config: DialogueConfig, text: str
) -> None:
    assert turn(engine, config, text, DialogueState()).hand_off is None
