"""The C function of the lean path (brain/_tfidf.c): built, equal to the numpy path, strict on input."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from walletbot.brain import fast_inference
from walletbot.brain._tfidf import add_scores
from walletbot.brain.engine import Engine
from walletbot.brain.fast_inference import LeanLinearModel
from walletbot.brain.text import normalise

QUERIES = Path(__file__).resolve().parents[2] / "data" / "eval" / "faq_test.csv"


def test_the_lean_path_uses_the_extension() -> None:
    # The install builds it (setup.py); were it missing, the service would silently run slower.
    assert fast_inference.add_scores is add_scores


def _models(engine: Engine) -> list[LeanLinearModel]:
    return [engine.classifier._lean, engine.retriever._lean]


def test_equal_to_the_numpy_path_on_held_out_queries(engine: Engine) -> None:
    with QUERIES.open(newline="", encoding="utf-8") as handle:
        queries = [normalise(row["text"]) for row in csv.DictReader(handle)]
    queries += ["", "zzz", "提現 ＡＰＰ 密碼 密碼 密碼", "withdrawl pasword " * 40]
    for model in _models(engine):
        for query in queries:
            ids = model._ids(query)
            np.testing.assert_allclose(
                model.scores(query), model.numpy_scores(ids), rtol=0, atol=1e-12
            )


def test_a_row_computed_by_hand() -> None:
    # Two blocks (columns 0-1 and 2-4) weighted 2 and 0.5; column 0 counted twice.
    idf = np.array([1.5, 2.0, 1.0, 3.0, 0.5])
    coef_t = np.arange(10, dtype=np.float64).reshape(5, 2)
    out = np.array([0.25, -0.25])
    assert add_scores([0, 3, 0, 1], idf, (2, 5), (2.0, 0.5), coef_t, out) == 3
    first = np.array([(math.log(2) + 1) * 1.5, 2.0])  # sublinear tf times idf, then l2 per block
    first = 2.0 * first / np.linalg.norm(first)
    second = 0.5 * 1.0  # one column alone: normalised to 1
    expected = np.array([0.25, -0.25]) + first @ coef_t[:2] + second * coef_t[3]
    np.testing.assert_allclose(out, expected, rtol=0, atol=1e-12)


def test_no_columns_leave_the_intercept() -> None:
    out = np.array([1.0, 2.0])
    assert add_scores([], np.ones(3), (3,), (1.0,), np.ones((3, 2)), out) == 0
    assert out.tolist() == [1.0, 2.0]


def test_many_columns_take_the_heap_path() -> None:
    # Over the 1,024 columns the C function keeps on its stack.
    ids = [i % 7 for i in range(5000)]
    idf = np.linspace(1, 2, 7)
    coef_t = np.random.default_rng(0).normal(size=(7, 3))
    out = np.zeros(3)
    add_scores(ids, idf, (7,), (1.0,), coef_t, out)
    counts = np.bincount(ids, minlength=7)
    values = (np.log(counts) + 1) * idf
    np.testing.assert_allclose(out, values / np.linalg.norm(values) @ coef_t, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (([5],), IndexError, "column 5 is outside 0..2"),
        (([-1],), IndexError, "outside"),
        ((["a"],), TypeError, "integer"),
        ((None,), TypeError, "sequence of ints"),
    ],
)
def test_bad_columns_are_refused(args: tuple[object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        add_scores(*args, np.ones(3), (3,), (1.0,), np.ones((3, 2)), np.zeros(2))


def test_bad_arrays_are_refused() -> None:
    ones = np.ones((3, 2))
    with pytest.raises(TypeError, match="float64"):
        add_scores([0], np.ones(3, dtype=np.float32), (3,), (1.0,), ones, np.zeros(2))
    with pytest.raises(ValueError, match="n_features, n_labels"):
        add_scores([0], np.ones(3), (3,), (1.0,), np.ones((2, 2)), np.zeros(2))
    with pytest.raises(ValueError, match="n_features, n_labels"):
        add_scores([0], np.ones(3), (4,), (1.0,), ones, np.zeros(2))
    with pytest.raises(ValueError, match="one entry per block"):
        add_scores([0], np.ones(3), (3,), (1.0, 2.0), ones, np.zeros(2))
    with pytest.raises(ValueError, match="ascending"):
        add_scores([0], np.ones(3), (2, 1), (1.0, 1.0), ones, np.zeros(2))
    with pytest.raises((TypeError, ValueError)):  # read-only output
        frozen = np.zeros(2)
        frozen.flags.writeable = False
        add_scores([0], np.ones(3), (3,), (1.0,), ones, frozen)
