"""The learned reading of urgency: its lean serving path, and how triage guards what it adds."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from walletbot.brain.engine import Engine
from walletbot.brain.shield import shield
from walletbot.brain.text import normalise
from walletbot.brain.triage import assess
from walletbot.brain.urgency_model import (
    FLAGS,
    THRESHOLD,
    Example,
    UrgencyModel,
    bundled_examples,
    fit_reference,
)
from walletbot.settings import bundled_data_path


def read(text: str) -> str:
    return normalise(shield(text).text)


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    return bundled_examples(bundled_data_path("eval"), ["怎么提现", "how do i top up"], read)


def test_the_bundled_examples_hold_both_flags_in_both_languages(examples: list[Example]) -> None:
    assert sum(e.scam for e in examples) > 150 and sum(e.risk for e in examples) > 150
    assert sum(not e.scam and not e.risk for e in examples) > 800
    assert any("验证码" in e.text for e in examples if e.scam)
    assert any("hacked" in e.text for e in examples if e.risk)


def test_the_lean_model_gives_scikit_learns_probabilities(examples: list[Example]) -> None:
    model = UrgencyModel.fit(examples)
    features, models = fit_reference(examples)
    texts = [
        "有人冒充客服让我下载一个会议软件",
        "my wallet is empty and i did not do it",
        "怎么转账给朋友",
        "how long does a withdrawal take?",
        "",
    ]
    matrix = features.transform(texts)
    for flag in FLAGS:
        expected = models[flag].predict_proba(matrix)[:, 1]
        found = [model.probabilities(t)[flag] for t in texts]
        np.testing.assert_allclose(found, expected, rtol=1e-9, atol=1e-12)
    copy = pickle.loads(pickle.dumps(model))
    assert copy.probabilities(texts[0]) == model.probabilities(texts[0])


def always(flag: str) -> object:
    return lambda text: (flag,)


@pytest.mark.parametrize(
    "text",
    [
        "如果手机被偷了怎么办",  # a hypothetical
        "what if someone empties my wallet?",
        "客服会不会问我要验证码？",  # a general question
        "how do i recognise a scam?",
    ],
)
def test_triage_keeps_its_guards_over_the_model(text: str) -> None:
    found = assess(read(text), text, always("risk"))  # type: ignore[arg-type]
    assert not found.account_at_risk and not found.scam_risk


def test_what_the_model_adds_is_named_and_the_rules_come_first() -> None:
    text = "something weird happened, my balance is 0 this morning"
    added = assess(read(text), text, always("risk"))  # type: ignore[arg-type]
    assert added.account_at_risk and added.signals == ("learned:risk",)
    told = "客服让我提供验证码才能退款"  # a rule names it: the model is not asked
    asked: list[str] = []
    ruled = assess(read(told), told, lambda t: asked.append(t) or ())  # type: ignore[func-returns-value]
    assert ruled.scam_risk and not asked
    mine = "got a login alert from a new device but it was me"
    assert not assess(read(mine), mine, always("risk")).account_at_risk  # type: ignore[arg-type]


# Reports in words no rule names (written for this test; not in the training files).
UNNAMED_REPORTS = [
    "钱包里的币一夜之间少了一大半，我没动过",
    "有个网友说帮我投资，让我先充值五千保证金",
    "my wallet balance is suddenly empty, i never sent anything",
    "my husband took my phone and sent 3000 to his account without asking",
]


@pytest.mark.parametrize("text", UNNAMED_REPORTS)
def test_the_engine_hands_off_reports_the_rules_miss(engine: Engine, text: str) -> None:
    assert not assess(read(text), text).account_at_risk  # the rules alone miss it
    assert engine.urgency is not None
    probabilities = engine.urgency.probabilities(read(text))
    assert max(probabilities.values()) >= THRESHOLD
    assert engine.decide(text).reason.value == "urgent"


@pytest.mark.parametrize(
    "text", ["怎么转账给朋友", "how long does a withdrawal take?", "提现手续费是多少", "hi"]
)
def test_ordinary_questions_stay_with_the_bot(engine: Engine, text: str) -> None:
    assert engine.decide(text).reason.value != "urgent"
