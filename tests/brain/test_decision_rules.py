import pytest

from walletbot.brain.decision_rules import (
    Action,
    Match,
    Priority,
    Reason,
    Signals,
    Thresholds,
    decide,
)

T = Thresholds(
    answer=0.5, clarify=0.3, margin=0.04, intent=0.45, per_category={"account_security": 0.62}
)


def signals(
    *matches: tuple[str, str, float],
    category: str = "top_up_withdrawal",
    confidence: float = 0.8,
    **flags: bool,
) -> Signals:
    return Signals(
        category=category, confidence=confidence, matches=tuple(Match(*m) for m in matches), **flags
    )


def test_confident_match_is_answered() -> None:
    v = decide(
        signals(
            ("withdraw-time", "top_up_withdrawal", 0.7), ("topup-time", "top_up_withdrawal", 0.4)
        ),
        T,
    )
    assert (v.action, v.reason, v.faq_id) == (
        Action.ANSWER,
        Reason.CONFIDENT_MATCH,
        "withdraw-time",
    )
    assert v.priority is None


def test_close_rival_of_the_same_category_also_asks_which() -> None:
    # Two entries of one category answer different questions (withdrawal time vs. a pending one).
    v = decide(
        signals(
            ("withdraw-time", "top_up_withdrawal", 0.7),
            ("withdraw-pending", "top_up_withdrawal", 0.69),
        ),
        T,
    )
    assert v.action is Action.CLARIFY


def test_close_rival_of_another_category_asks_which() -> None:
    v = decide(
        signals(("withdraw-time", "top_up_withdrawal", 0.7), ("fees", "fees_limits", 0.68)), T
    )
    assert (v.action, v.reason) == (Action.CLARIFY, Reason.CLOSE_CANDIDATES)
    assert [m.faq_id for m in v.suggestions] == ["withdraw-time", "fees"]


def test_middling_score_asks_with_suggestions() -> None:
    v = decide(
        signals(
            ("withdraw-time", "top_up_withdrawal", 0.45),
            ("fees", "fees_limits", 0.3),
            ("a", "b", 0.2),
            ("c", "d", 0.1),
        ),
        T,
    )
    assert (v.action, v.reason) == (Action.CLARIFY, Reason.MIDDLING_CONFIDENCE)
    assert len(v.suggestions) == 3


def test_security_needs_a_surer_match_than_top_up() -> None:
    security = decide(signals(("2fa", "account_security", 0.58), category="account_security"), T)
    top_up = decide(signals(("withdraw-time", "top_up_withdrawal", 0.58)), T)
    assert security.action is Action.CLARIFY
    assert top_up.action is Action.ANSWER


def test_low_score_hands_off() -> None:
    v = decide(signals(("withdraw-time", "top_up_withdrawal", 0.2), confidence=0.3), T)
    assert (v.action, v.reason, v.priority) == (
        Action.HANDOFF,
        Reason.LOW_CONFIDENCE,
        Priority.NORMAL,
    )
    assert v.category == "out_of_scope"


def test_no_match_at_all_hands_off() -> None:
    v = decide(signals(), T)
    assert v.action is Action.HANDOFF


def test_asking_for_a_person_hands_off() -> None:
    v = decide(
        signals(
            ("withdraw-time", "top_up_withdrawal", 0.9), category="human_agent", confidence=0.7
        ),
        T,
    )
    assert (v.action, v.reason, v.priority) == (
        Action.HANDOFF,
        Reason.USER_REQUEST,
        Priority.NORMAL,
    )


def test_anger_raises_the_priority() -> None:
    v = decide(signals(category="human_agent", confidence=0.7, angry=True), T)
    assert v.priority is Priority.HIGH


@pytest.mark.parametrize("flag", ["scam_risk", "account_at_risk", "critical_secret"])
def test_risk_to_money_hands_off_urgently_before_anything_else(flag: str) -> None:
    v = decide(signals(("withdraw-time", "top_up_withdrawal", 0.95), **{flag: True}), T)
    assert (v.action, v.reason, v.priority, v.category) == (
        Action.HANDOFF,
        Reason.URGENT,
        Priority.URGENT,
        "account_security",
    )


def test_greeting_is_answered_never_handed_off() -> None:
    v = decide(signals(("hello", "greeting", 0.1), category="greeting", confidence=0.6), T)
    assert (v.action, v.reason, v.faq_id) == (Action.ANSWER, Reason.GREETING, "hello")


def test_out_of_scope_unless_the_bot_would_answer_outright() -> None:
    # "how do I bake sourdough bread": two payment entries just over the answer threshold, close
    # together, and a low scope score. A clarification among them would list unrelated questions.
    tied = signals(
        ("receive-money", "payments", 0.504), ("transfer-how", "payments", 0.49), in_scope=False
    )
    assert (decide(tied, T).action, decide(tied, T).reason) == (
        Action.CLARIFY,
        Reason.OUT_OF_SCOPE,
    )
    # A clear answer still wins over a low scope score (a terse in-scope question).
    clear = signals(
        ("receive-money", "payments", 0.7), ("transfer-how", "payments", 0.4), in_scope=False
    )
    assert decide(clear, T).reason is Reason.CONFIDENT_MATCH


def test_a_longer_message_out_of_scope_is_no_greeting_a_brief_one_may_be() -> None:
    # "recommend me a good sci-fi movie": the classifier reads a greeting, the scope score says
    # it is about something else; "heyo" scores as low, but a word or two says little.
    movie = signals(("hello", "greeting", 0.4), category="greeting", confidence=0.7, in_scope=False)
    assert decide(movie, T).reason is Reason.OUT_OF_SCOPE
    heyo = signals(
        ("hello", "greeting", 0.5), category="greeting", confidence=0.9, in_scope=False, brief=True
    )
    assert decide(heyo, T).reason is Reason.GREETING


@pytest.mark.parametrize(
    ("runner_up", "brief", "action"),
    [
        # "密码忘了": a word or two, and a sibling entry 0.06 behind: which password?
        (("password-forgot-login", "password_reset", 0.58), True, Action.CLARIFY),
        # the same gap in a longer message: its other words chose
        (("password-forgot-login", "password_reset", 0.58), False, Action.ANSWER),
        # a brief message with a close entry of another category: no sibling to ask about
        (("card-bind", "payment", 0.58), True, Action.ANSWER),
        # a sibling further than the brief margin (0.08)
        (("password-forgot-login", "password_reset", 0.55), True, Action.ANSWER),
    ],
)
def test_a_brief_message_close_to_two_sibling_entries_asks_which(
    runner_up: tuple[str, str, float], brief: bool, action: Action
) -> None:
    v = decide(
        signals(
            ("password-forgot-payment", "password_reset", 0.64),
            runner_up,
            category="password_reset",
            brief=brief,
        ),
        T,
    )
    assert v.action is action
