"""The C functions of the lean path (brain/_tfidf.c): built, equal to the pure Python and numpy
path they replace, strict on input."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from walletbot.brain import _tfidf, fast_inference
from walletbot.brain._tfidf import (
    add_scores,
    char_gram_table,
    char_wb_columns,
    max_ratios,
    pair_columns,
    top_k,
    word_columns,
)
from walletbot.brain.engine import Engine
from walletbot.brain.fast_inference import BlockSpec, LeanLinearModel
from walletbot.brain.text import normalise

QUERIES = Path(__file__).resolve().parents[2] / "data" / "eval" / "faq_test.csv"


def test_the_lean_path_uses_the_extension() -> None:
    # The install builds it (setup.py); were it missing, the service would silently run slower.
    assert fast_inference.extension is _tfidf


def _queries() -> list[str]:
    with QUERIES.open(newline="", encoding="utf-8") as handle:
        queries = [normalise(row["text"]) for row in csv.DictReader(handle)]
    many_words = " ".join(f"w{i} card top up" for i in range(300))  # over 1,024 columns and words
    return [
        *queries,
        "",
        "zzz",
        "提現 ＡＰＰ 密碼 密碼 密碼",
        "withdrawl pasword " * 40,
        many_words,
    ]


def test_equal_to_the_path_without_the_extension(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = [engine.classifier._lean, engine.retriever._lean]
    assert "pairs" in [b.kind for b in models[0].blocks]
    monkeypatch.setattr(fast_inference, "extension", None)
    twins = [LeanLinearModel(m.blocks, m._coef_t.T, m._intercept, m.temperature) for m in models]
    for model, twin in zip(models, twins, strict=True):
        for query in _queries():
            assert sorted(model._ids(query)) == sorted(twin._ids(query))
            np.testing.assert_allclose(model.scores(query), twin.scores(query), rtol=0, atol=1e-12)


def test_pairs_in_the_order_of_combinations() -> None:
    keys = np.array([0 * 4 + 1, 0 * 4 + 3, 2 * 4 + 3], dtype=np.int64)
    columns = np.array([7, 8, 9], dtype=np.int64)
    assert pair_columns([0, 1, 2, 3], 4, keys, columns) == [7, 8, 9]
    assert pair_columns([1, 2], 4, keys, columns) == []
    assert pair_columns([], 4, keys, columns) == []


def test_bad_pairs_input_is_refused() -> None:
    keys = np.array([1], dtype=np.int64)
    with pytest.raises(ValueError, match="ascend"):
        pair_columns([2, 1], 4, keys, keys)
    with pytest.raises(ValueError, match="ascend"):
        pair_columns([0, 4], 4, keys, keys)
    with pytest.raises(TypeError, match="int64"):
        pair_columns([0, 1], 4, keys.astype(np.int32), keys)
    with pytest.raises(TypeError, match="int64"):
        pair_columns([0, 1], 4, keys.astype(np.uint64), keys)
    with pytest.raises(TypeError, match="int64"):
        pair_columns([0, 1], 4, keys.astype(np.float64), keys)
    with pytest.raises(TypeError, match="int64"):
        pair_columns([0, 1], 4, keys, np.array([1, 2], dtype=np.int64))


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


def _word_block(vocabulary: dict[str, int], stop_words: frozenset[str] = frozenset()) -> BlockSpec:
    return BlockSpec(
        name="words",
        kind="words",
        vocabulary=vocabulary,
        idf=np.ones(len(vocabulary)),
        ngram_range=(1, 2),
        token_pattern=r"\w+",
        stop_words=stop_words,
    )


def test_word_columns_follow_the_word_analyzer(monkeypatch: pytest.MonkeyPatch) -> None:
    # Stop words go before pairing ("card of fees" pairs "card fees"); an unknown word breaks a
    # pair; a repeated word counts each time.
    vocabulary = {
        "card": 0,
        "fees": 1,
        "top": 2,
        "up": 3,
        "card fees": 4,
        "top up": 5,
        "up card": 6,
    }
    spec = _word_block(vocabulary, frozenset({"of", "the"}))
    with_c = LeanLinearModel([spec], np.ones((2, 7)), np.zeros(2), 1.0)
    monkeypatch.setattr(fast_inference, "extension", None)
    without = LeanLinearModel([spec], np.ones((2, 7)), np.zeros(2), 1.0)
    for text in [
        "card of fees",
        "top up the card",
        "top zzz up card card",
        "the of",
        "",
        "fees card top up up card",
    ]:
        assert sorted(with_c._ids(text)) == sorted(without._ids(text)), text
    assert sorted(with_c._ids("card of the fees")) == [0, 1, 4]
    assert sorted(with_c._ids("top zzz up card")) == [0, 2, 3, 6]


def test_a_pruned_vocabulary_takes_the_python_path() -> None:
    # "card fees" known without "fees" as a unigram (min_df pruning): the C path could not find
    # it by its words' columns, so the block falls back and still finds it.
    spec = _word_block({"card": 0, "card fees": 1})
    model = LeanLinearModel([spec], np.ones((2, 2)), np.zeros(2), 1.0)
    assert sorted(model._ids("card fees")) == [0, 1]


def test_word_columns_by_hand() -> None:
    keys = np.array([0 * 10 + 1, 1 * 10 + 0], dtype=np.int64)
    columns = np.array([5, 6], dtype=np.int64)
    vocabulary = {"a": 0, "b": 1, "the": -1}
    assert word_columns(["a", "the", "b", "a"], vocabulary, True, keys, columns, 10) == [
        0,
        1,
        5,
        0,
        6,
    ]
    assert word_columns(["a", "x", "b"], vocabulary, False, keys, columns, 10) == []
    assert word_columns([], vocabulary, True, keys, columns, 10) == []


def test_bad_word_columns_input_is_refused() -> None:
    keys = np.array([1], dtype=np.int64)
    with pytest.raises(TypeError, match="int64"):
        word_columns(["a"], {"a": 0}, True, keys.astype(np.int32), keys, 10)
    with pytest.raises(IndexError, match="outside"):
        word_columns(["a"], {"a": 10}, True, keys, keys, 10)
    with pytest.raises(TypeError):
        word_columns(["a"], {"a": "zero"}, True, keys, keys, 10)
    with pytest.raises(TypeError):
        word_columns(("a",), {"a": 0}, True, keys, keys, 10)  # type: ignore[arg-type]


def test_top_k_is_a_stable_sort_cut_short() -> None:
    rng = np.random.default_rng(7)
    for trial in range(3000):
        n = int(rng.integers(0, 40))
        k = int(rng.integers(0, n + 3))
        # Every other trial on a coarse grid: many equal scores, to pin the order among them.
        scores = np.round(rng.random(n) * 4) / 4 if trial % 2 else rng.standard_normal(n)
        expected = np.argsort(-scores, kind="stable")[:k].tolist()
        assert top_k(scores, k) == expected, (scores, k)


def test_top_k_skips_nan_and_checks_its_arguments() -> None:
    assert top_k(np.array([0.5, np.nan, 0.7, -np.inf]), 4) == [2, 0, 3]
    assert top_k(np.zeros(2000), 1500) == list(range(1500))  # beyond the stack buffer
    with pytest.raises(ValueError, match="negative"):
        top_k(np.zeros(3), -1)
    with pytest.raises(TypeError, match="float64"):
        top_k(np.zeros(3, dtype=np.float32), 1)


def test_the_retriever_ranks_alike_without_the_extension(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_it = [engine.retriever.search(q) for q in _queries()]
    monkeypatch.setattr(fast_inference, "extension", None)
    assert [engine.retriever.search(q) for q in _queries()] == with_it


def test_max_ratios_are_rapidfuzz_ratios() -> None:
    """The same floats as rapidfuzz, on queries past one and two 64-bit words, in both scripts."""
    import random

    from rapidfuzz import fuzz

    rng = random.Random(3)
    alphabet = "abcde fgh我的账户提现密码Ａxyz" + "".join(map(chr, range(0x4E00, 0x4E10)))

    def text(longest: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))

    for _ in range(3000):
        query = text(rng.choice([5, 30, 70, 150]))
        groups = [[text(rng.choice([5, 30, 140])) for _ in range(rng.randint(1, 4))] for _ in "abc"]
        expected = [max(fuzz.ratio(query, t) for t in group) for group in groups]
        assert max_ratios(query, groups) == expected, (query, groups)
    assert max_ratios("", [[""], ["abc"], []]) == [100.0, 0.0, 0.0]
    with pytest.raises(TypeError):
        max_ratios("a", [["b", 3]])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        max_ratios("a", [("b",)])  # type: ignore[list-item]


@pytest.mark.parametrize("ngram_range", [(1, 5), (1, 3), (2, 4), (5, 5)])
def test_char_wb_columns_are_scikit_learns_n_grams(ngram_range: tuple[int, int]) -> None:
    """Every n-gram of the texts is in the vocabulary, so any one missed or invented shows."""
    import random

    from walletbot.brain.analyzers import char_wb_ngrams

    rng = random.Random(11)
    alphabet = "ab c\t\n\u3000\xa0我的账户😀Ｘ" + "x" * 3
    texts = ["", " ", "a", "我", "  a  b ", "😀😀", "one two  three\tfour\nfive", *_queries()]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(400)]
    grams = sorted({g for t in texts for g in char_wb_ngrams(t, ngram_range)})
    vocabulary = {g: i for i, g in enumerate(grams)}
    table = char_gram_table(vocabulary, *ngram_range)
    for text in texts:
        expected = [vocabulary[g] for g in char_wb_ngrams(text, ngram_range)]
        assert sorted(char_wb_columns(table, text)) == sorted(expected), repr(text)
    # Unknown n-grams are skipped, known ones found.
    assert char_wb_columns(char_gram_table({" a": 7}, 1, 2), "a a zz") == [7, 7]


def test_char_gram_tables_take_n_grams_of_one_to_five_characters() -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        char_gram_table({"abcdef": 0}, 1, 5)
    with pytest.raises(ValueError, match="1 to 5"):
        char_gram_table({"ab": 0}, 1, 6)
    with pytest.raises(ValueError, match="1 to 5"):
        char_gram_table({"": 0}, 1, 5)
    with pytest.raises(TypeError):
        char_wb_columns(object(), "text")
