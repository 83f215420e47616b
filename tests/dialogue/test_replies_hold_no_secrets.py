"""The bot's replies and the dialogue's memory never repeat a secret the user pasted.

The service stores the bot's reply as sent (docs/conversations.md) and the dialogue state with
the conversation, so both must be free of the user's secrets by construction: the dialogue reads
the shield's masked message, never the raw one. Each kind of secret from the generated corpus
(tests/support/secret_corpus.py) is sent in the states where a reply could echo the user: a fresh
conversation, a pending clarification, guided details being asked for (the answer is kept), and
while waiting in the queue.
"""

from __future__ import annotations

import re
from datetime import datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.secret_corpus import GENERATORS, Case, cases, plain
from walletbot.brain.engine import Engine
from walletbot.dialogue.playbook import DialogueConfig, load_dialogue
from walletbot.dialogue.rules import respond
from walletbot.dialogue.state import Details, DialogueState, PendingHandOff
from walletbot.dialogue.turns import Context
from walletbot.settings import bundled_data_path

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
FIELDS = ("when", "amount", "method", "reference")
PENDING = PendingHandOff("low_confidence", "normal", "transfer", 0.4)
# (conversation status, dialogue state before the message)
STATES = [
    ("bot", DialogueState()),
    ("bot", DialogueState(offered=("password-forgot-payment", "password-forgot-login"))),
    ("bot", DialogueState(details=Details("withdrawal_pending", FIELDS, "handoff", PENDING))),
    (
        "bot",
        DialogueState(
            details=Details("transfer_failed_or_pending", FIELDS[2:], "handoff", PENDING)
        ),
    ),
    ("queued", DialogueState(details=Details("top_up_not_credited", FIELDS[1:], "waiting"))),
    ("queued", DialogueState()),
]


@pytest.fixture(scope="module")
def config() -> DialogueConfig:
    return load_dialogue(bundled_data_path("dialogue.yaml"))


def test_the_states_name_real_problems(config: DialogueConfig) -> None:
    known = {p.id for p in config.problems}
    assert {s.details.problem for _, s in STATES if s.details} <= known


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_no_reply_or_state_repeats_a_secret(
    kind: str, engine: Engine, config: DialogueConfig
) -> None:
    @settings(max_examples=40, deadline=None)
    @given(case=cases(kind), before=st.sampled_from(STATES), on_duty=st.booleans())
    def check(case: Case, before: tuple[str, DialogueState], on_duty: bool) -> None:
        status, state = before
        lang = "en" if case.text.isascii() else "zh"
        ctx = Context(status, lang, None, on_duty, NOW, config)  # type: ignore[arg-type]
        out = respond(case.text, state, ctx, engine)
        if out.decision is not None:
            assert not leaked(case, out.decision.reply), (case.text, out.decision.reply)
        remembered = " ".join(texts_in(out.state.to_json()))
        assert not leaked(case, remembered), (case.text, remembered)

    check()


def leaked(case: Case, text: str) -> bool:
    """The corpus's own check, except for seed phrases. Their words are everyday words ("about",
    "priority"; "账", "户") that a reply of several sentences uses anyway: two English words of
    the phrase side by side, in its order, count as a leak, and three Chinese characters (two in
    a row of a random phrase also make a common word now and then: "账户" in an answer)."""
    if case.kind == "seed_phrase_en":
        words = re.findall(r"[^\W\d_]+", plain(text).lower())
        return bool(set(pairwise(words)) & set(pairwise(case.parts)))
    if case.kind == "card_code":
        # Three digits turn up inside a reply's other numbers ("WB-20261207-000011"): a card code
        # leaks only as a number of its own, whole or typed apart.
        code = r"[\s\-.]?".join(case.parts[0])
        return re.search(rf"(?<!\d){code}(?!\d)", digits_apart(text)) is not None
    if case.kind == "seed_phrase_zh":
        han = re.sub(r"[^\u4e00-\u9fff]", "", plain(text))
        runs = ("".join(case.parts[i : i + 3]) for i in range(len(case.parts) - 2))
        return any(run in han for run in runs)
    return case.leaked(text)


def digits_apart(text: str) -> str:
    """What a reader sees, digits as ASCII (full-width and zero-width forms read)."""
    return "".join(str(int(ch)) if ch.isdigit() else ch for ch in plain(text))


def texts_in(value: object) -> list[str]:
    """Every text the stored state holds (its keys are field names, not the user's)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts_in(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in texts_in(v)]
    return []


def test_the_check_sees_a_reply_that_echoes_the_message(engine: Engine) -> None:
    # The check must be able to fail: a reply quoting the raw message leaks.
    case = Case("otp", "验证码是 482913", "验证码是 {}", "482913", ("482913",))
    assert leaked(case, f"您发送的是：{case.text}")
    assert not leaked(case, engine.decide(case.text).masked_text)
    seed = Case("seed_phrase_en", "seed: about ability", "seed: {}", "", ("about", "ability"))
    assert leaked(seed, "Your words were about ability.")
    assert not leaked(seed, "Read about it. Your ability to pay is safe.")
    zh = Case("seed_phrase_zh", "助记词 的一是在", "助记词 {}", "", ("的", "一", "是", "在"))
    assert leaked(zh, "您发的是：的 一 是") and not leaked(zh, "这是在账户的一页")
    cvv = Case("card_code", "cvv 011", "cvv {}", "011", ("011",))
    assert leaked(cvv, "you sent cvv 0 1 1") and leaked(cvv, "cvv 011.")
    assert not leaked(cvv, "ticket WB-20261207-000011") and not leaked(cvv, "cvv [cvv]")
