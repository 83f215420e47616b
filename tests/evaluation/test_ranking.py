"""The FAQ cut to one phrasing per entry: the engine must rank at least as well as plain TF-IDF."""

from __future__ import annotations

import json

import pytest

from walletbot.brain.faq import KnowledgeBase
from walletbot.cli import main
from walletbot.evaluation.ranking import (
    Comparison,
    PlainTfidf,
    compare,
    one_phrasing,
    reciprocal_rank,
    summary,
)


@pytest.fixture(scope="module")
def comparison(kb: KnowledgeBase) -> Comparison:
    return compare(kb)


def test_the_cut_faq_keeps_the_first_question_and_asks_the_others(kb: KnowledgeBase) -> None:
    cut, held_out = one_phrasing(kb)
    assert [f.id for f in cut.faqs] == [f.id for f in kb.faqs]
    for full, reduced in zip(kb.faqs, cut.faqs, strict=True):
        for lang in ("zh", "en"):
            assert reduced.questions.get(lang) == full.questions.get(lang)[:1]
    assert not any(c.examples.zh or c.examples.en for c in cut.categories)
    phrasings = sum(len(f.questions.zh) + len(f.questions.en) for f in kb.faqs)
    assert len(held_out) == phrasings - 2 * len(kb.faqs)
    # Every entry's questions fall in one half, and both halves hold both languages.
    halves = {(q.faq_id, q.split) for q in held_out}
    assert len(halves) == len({q.faq_id for q in held_out})
    assert {(q.lang, q.split) for q in held_out} == {
        (lang, split) for lang in ("zh", "en") for split in ("validation", "test")
    }


def test_plain_tfidf_finds_a_phrasing_it_was_fitted_on(kb: KnowledgeBase) -> None:
    cut, _ = one_phrasing(kb)
    plain = PlainTfidf(cut)
    for faq in cut.faqs[:10]:
        ranked = plain.rank(faq.questions.zh[0])
        assert ranked[0] == faq.id
        assert len(ranked) == len(set(ranked)) == 5


def test_scores_are_shares() -> None:
    assert reciprocal_rank(["a", "b", "c"], "b") == 0.5
    assert reciprocal_rank(["a"], "z") == 0.0
    assert summary([1.0, 0.5, 0.0, 1.0]) == {"n": 4, "top1": 0.5, "mrr": 0.625}
    assert summary([]) == {"n": 0}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("split", ["test", "all"])
def test_the_engine_ranks_at_least_as_well_as_plain_tfidf(
    comparison: Comparison, lang: str, split: str
) -> None:
    """The test half was not used to choose the ranking weights; "all" adds the validation half."""
    fused, plain = comparison[lang][split]["fused"], comparison[lang][split]["plain"]
    assert fused["n"] == plain["n"] > 150
    assert fused["top1"] >= plain["top1"]
    assert fused["mrr"] >= plain["mrr"]


def test_cli_prints_the_comparison(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "ranking"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(result) == {"zh", "en"}
    assert set(result["zh"]["test"]) == {"fused", "plain"}
