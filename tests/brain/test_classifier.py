"""IntentClassifier: bilingual toy data, calibrated output, and the lean path equal to scikit-learn."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np
import pytest

from walletbot.brain.analyzers import WordPairs
from walletbot.brain.classifier import IntentClassifier, Prediction
from walletbot.brain.fast_inference import softmax, softmax_list
from walletbot.brain.text import normalise


def _banking77() -> Path:
    """The public data set: $WALLETBOT_BENCHMARKS_DIR, else ../shared beside the checkout, else the
    workplace's /work/shared (a clean clone elsewhere still finds it)."""
    candidates = [
        Path(os.environ.get("WALLETBOT_BENCHMARKS_DIR", "/nonexistent")),
        Path(__file__).resolve().parents[3] / "shared" / "benchmarks",
        Path("/work/shared/benchmarks"),
    ]
    found = [c / "banking77" for c in candidates if (c / "banking77").is_dir()]
    return found[0] if found else candidates[1] / "banking77"


BANKING77 = _banking77()

TOY: dict[str, list[str]] = {
    "password": [
        "I forgot my password",
        "how do I reset my login password",
        "change my password please",
        "cannot remember the password for my account",
        "忘记密码了怎么办",
        "怎么重置登录密码",
        "我想修改密码",
        "密码想不起来了",
    ],
    "top_up": [
        "how do I top up my wallet",
        "add money to my balance",
        "my top up did not arrive",
        "can I top up with a credit card",
        "怎么给钱包充值",
        "充值没有到账",
        "可以用信用卡充值吗",
        "如何往余额里加钱",
    ],
    "card_lost": [
        "I lost my card",
        "my card was stolen",
        "block my card it is missing",
        "someone stole my bank card",
        "我的卡丢了",
        "银行卡被偷了",
        "请冻结我的卡",
        "卡片不见了怎么办",
    ],
    "transfer": [
        "how do I send money to a friend",
        "transfer money to another account",
        "my transfer failed",
        "how long does a transfer take",
        "怎么转账给朋友",
        "转账失败了",
        "转账要多久到账",
        "如何给别人汇款",
    ],
}
HELD_OUT = [
    ("i can't remember my password", "password"),
    ("密码忘了", "password"),
    ("top up with card", "top_up"),
    ("余额充值", "top_up"),
    ("my card has been stolen", "card_lost"),
    ("卡被偷了", "card_lost"),
    ("send money to my friend", "transfer"),
    ("转账给朋友", "transfer"),
]


def _toy() -> tuple[list[str], list[str]]:
    pairs = [(normalise(text), label) for label, texts in TOY.items() for text in texts]
    return [t for t, _ in pairs], [label for _, label in pairs]


@pytest.fixture(scope="module")
def toy() -> IntentClassifier:
    return IntentClassifier.fit(*_toy())


@pytest.mark.parametrize(("text", "label"), HELD_OUT)
def test_classifies_held_out_chinese_and_english(
    toy: IntentClassifier, text: str, label: str
) -> None:
    assert toy.predict(normalise(text)).label == label


def test_prediction_is_ranked_and_calibrated(toy: IntentClassifier) -> None:
    prediction = toy.predict(normalise("I forgot my password"), top=4)
    assert isinstance(prediction, Prediction)
    assert prediction.ranked[0][0] == prediction.label == "password"
    probabilities = [p for _, p in prediction.ranked]
    assert probabilities == sorted(probabilities, reverse=True)
    assert sum(probabilities) == pytest.approx(1.0)
    assert 0.0 < prediction.confidence <= 1.0
    assert toy.labels == ("card_lost", "password", "top_up", "transfer")


def test_batch_and_proba_agree_with_single(toy: IntentClassifier) -> None:
    texts = [normalise(t) for t, _ in HELD_OUT]
    batch = toy.predict_batch(texts, top=2)
    assert [p.label for p in batch] == [toy.predict(t).label for t in texts]
    proba = toy.predict_proba(texts)
    reference = toy.reference_proba(texts)
    assert proba.shape == (len(texts), 4)
    np.testing.assert_allclose(proba, reference, rtol=0, atol=1e-9)
    assert toy.predict_proba([]).shape == (0, 4)
    # predict ranks in plain floats: the same labels and probabilities as the numpy rows.
    for row, prediction in zip(reference, toy.predict_batch(texts, top=4), strict=True):
        order = np.argsort(-row, kind="stable")
        assert [label for label, _ in prediction.ranked] == [toy.labels[i] for i in order]
        np.testing.assert_allclose(
            [p for _, p in prediction.ranked], row[order], rtol=0, atol=1e-12
        )
    np.testing.assert_allclose(
        [p.scope for p in batch], toy.reference_scope(texts), rtol=0, atol=1e-9
    )


def test_beliefs_are_the_full_ranking(toy: IntentClassifier) -> None:
    for text, _ in HELD_OUT:
        ranked = toy.predict(normalise(text), top=len(toy.labels)).ranked
        assert list(toy.beliefs(normalise(text)).items()) == list(ranked)


def test_scope_is_lower_for_unrelated_words(toy: IntentClassifier) -> None:
    # Same winning label either way; unknown words lower coverage and support, hence the scope.
    related = toy.predict(normalise("I forgot my password"))
    unrelated = toy.predict(normalise("password of the volcano museum tickets"))
    assert related.label == unrelated.label == "password"
    assert unrelated.scope < related.scope


def test_unknown_text_falls_back_to_intercepts(toy: IntentClassifier) -> None:
    text = "§§§ ¤¤¤"
    np.testing.assert_allclose(toy.predict_proba([text]), toy.reference_proba([text]), atol=1e-9)


def test_two_labels_and_unspaced_chinese_only() -> None:
    # No text has two words, so the pair block is left out; binary SVM scores become two columns.
    texts = ["忘记密码", "重置密码", "密码错误", "充值失败", "怎么充值", "充值到账"]
    labels = ["password"] * 3 + ["top_up"] * 3
    classifier = IntentClassifier.fit(texts, labels)
    assert classifier.predict("密码忘了").label == "password"
    np.testing.assert_allclose(
        [classifier.predict(t).scope for t in texts], classifier.reference_scope(texts), atol=1e-9
    )
    assert classifier.predict("充值").label == "top_up"
    np.testing.assert_allclose(
        classifier.predict_proba(texts), classifier.reference_proba(texts), rtol=0, atol=1e-9
    )


def test_single_example_labels_use_the_default_temperature() -> None:
    classifier = IntentClassifier.fit(["lost card", "reset password"], ["card", "password"])
    assert classifier.predict("lost my card").label == "card"


def test_fit_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="as many labels"):
        IntentClassifier.fit(["a"], ["x", "y"])
    with pytest.raises(ValueError, match="two distinct"):
        IntentClassifier.fit(["a", "b"], ["x", "x"])


def test_word_pairs_are_unordered_and_stemmed() -> None:
    assert WordPairs()("cards arriving card") == ["arriv|card"]
    assert WordPairs()("我的卡 丢了") == [
        "丢了|我的卡"
    ]  # sorted, so order in the text does not matter


def _read(path: Path) -> tuple[list[str], list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return [normalise(r[0]) for r in rows], [r[1] for r in rows]


@pytest.mark.skipif(not BANKING77.is_dir(), reason=f"Banking77 not found at {BANKING77}")
def test_lean_path_equals_scikit_learn_on_banking77() -> None:
    train_texts, train_labels = _read(BANKING77 / "train.csv")
    test_texts, _ = _read(BANKING77 / "test.csv")
    # 3,000 rows cover all 77 labels and keep the test fast; every test message is compared.
    classifier = IntentClassifier.fit(train_texts[::3][:3000], train_labels[::3][:3000])
    reference = classifier.reference_proba(test_texts)
    lean = classifier.predict_proba(test_texts)
    assert len(test_texts) > 3000
    np.testing.assert_array_equal(lean.argmax(axis=1), reference.argmax(axis=1))
    np.testing.assert_allclose(lean, reference, rtol=0, atol=1e-9)
    predictions = classifier.predict_batch(test_texts[:500], top=1)
    best = reference[:500].max(axis=1)
    np.testing.assert_allclose([p.confidence for p in predictions], best, rtol=0, atol=1e-9)
    np.testing.assert_allclose(
        [p.scope for p in predictions],
        classifier.reference_scope(test_texts[:500]),
        rtol=0,
        atol=1e-9,
    )


def test_softmax_list_equals_numpy_softmax() -> None:
    rng = np.random.default_rng(7)
    for size in (1, 2, 15, 77, 151):
        for scale in (0.01, 1.0, 40.0):  # near-ties to rows where one label takes everything
            scores = rng.normal(size=size) * scale
            for temperature in (0.05, 0.15, 1.0):
                np.testing.assert_allclose(
                    softmax_list(scores.tolist(), temperature),
                    softmax(scores, temperature),
                    rtol=1e-12,
                    atol=1e-15,
                )
