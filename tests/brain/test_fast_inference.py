"""The lean path computes scikit-learn's numbers: by hand, on the FAQ's queries, on messy text."""

from __future__ import annotations

import csv
import math
import pickle
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from walletbot.brain.engine import Engine
from walletbot.brain.fast_inference import BlockSpec, LeanLinearModel
from walletbot.brain.text import normalise

DATA = Path(__file__).resolve().parents[2] / "data"


def _queries() -> list[str]:
    texts = []
    for name in ("faq_test.csv", "faq_val.csv"):
        with (DATA / "eval" / name).open(newline="", encoding="utf-8") as handle:
            texts += [normalise(row["text"]) for row in csv.DictReader(handle)]
    many_words = " ".join(f"w{i} card top up" for i in range(300))
    return [*texts, "", "zzz", "提現 ＡＰＰ 密碼 密碼 密碼", "withdrawl pasword " * 40, many_words]


def test_a_row_computed_by_hand() -> None:
    # Two blocks (columns 0-1 and 2-4) weighted 2 and 0.5; "ab" occurs twice.
    words = BlockSpec("w", "words", {"ab": 0, "cd": 1}, np.array([1.5, 2.0]), 2.0, (1, 1), r"\w+")
    chars = BlockSpec("c", "char_wb", {"x": 0, "y": 1, " x": 2}, np.array([1.0, 3.0, 0.5]), 0.5)
    coef = np.arange(10, dtype=np.float64).reshape(5, 2).T  # 2 labels x 5 features
    model = LeanLinearModel([words, chars], coef, np.array([0.25, -0.25]), temperature=1.0)
    first = np.array([(math.log(2) + 1) * 1.5, 2.0])  # sublinear tf times idf, then l2 per block
    first = 2.0 * first / np.linalg.norm(first)
    second = 0.5  # "y" alone in its block (the word "y" has no other known n-gram): norm 1
    expected = np.array([0.25, -0.25]) + first @ coef.T[:2] + second * coef.T[3]
    np.testing.assert_allclose(model.scores("ab cd ab y"), expected, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(model.scores("nothing known"), [0.25, -0.25])


def test_equal_to_scikit_learn_on_the_faq_queries(engine: Engine) -> None:
    classifier, retriever = engine.classifier, engine.retriever
    queries = _queries()
    assert "pairs" in [b.kind for b in classifier._lean.blocks]
    np.testing.assert_allclose(
        classifier.predict_proba(queries), classifier.reference_proba(queries), rtol=0, atol=1e-9
    )
    np.testing.assert_allclose(
        [classifier.predict(q).scope for q in queries],
        classifier.reference_scope(queries),
        rtol=0,
        atol=1e-9,
    )
    for query in queries:
        np.testing.assert_allclose(
            retriever.centroid_similarity(query),
            retriever.reference_similarity(query),
            rtol=0,
            atol=1e-12,
        )


# Characters that make the edge cases: repeated words, several kinds of space, apostrophes, digits,
# Han characters and a character outside the BMP.
_MESSY = st.text(alphabet="abcd pw'9\t\u3000\xa0提现密码账户😀", max_size=60)


@settings(max_examples=200, deadline=None)
@given(text=_MESSY)
def test_equal_to_scikit_learn_on_messy_text(engine: Engine, text: str) -> None:
    classifier, retriever = engine.classifier, engine.retriever
    np.testing.assert_allclose(
        classifier.predict_proba([text]), classifier.reference_proba([text]), rtol=0, atol=1e-9
    )
    np.testing.assert_allclose(
        retriever.centroid_similarity(text),
        retriever.reference_similarity(text),
        rtol=0,
        atol=1e-12,
    )


def test_a_pickled_model_scores_alike(engine: Engine) -> None:
    model = engine.classifier._lean
    copy = pickle.loads(pickle.dumps(model))
    for query in _queries()[:50]:
        np.testing.assert_array_equal(copy.scores(query), model.scores(query))


def test_coefficients_must_match_the_features() -> None:
    block = BlockSpec("w", "words", {"a": 0}, np.ones(1), token_pattern=r"\w+")
    with pytest.raises(ValueError, match="columns"):
        LeanLinearModel([block], np.ones((2, 3)), np.zeros(2), 1.0)
