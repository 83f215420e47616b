"""Does the engine's ranking beat plain character TF-IDF when the FAQ gives it little to learn from?

Our FAQ has five to nine phrasings per entry and language; a FAQ imported from elsewhere often has
one. `one_phrasing` cuts the FAQ down to the first question of each entry in each language (and
drops the categories' examples), and every other question becomes a query. `compare` ranks each
query with the engine trained on that cut FAQ (`Engine.rank`: retriever and classifier fused, as
the service ranks) and with plain TF-IDF cosine (scikit-learn's `TfidfVectorizer`, char_wb 1-3,
fitted on the cut FAQ's phrasings), and reports top-1 and MRR per language.

MRR counts the five entries the engine returns (an entry ranked lower counts 0), for both rankers.
The queries are split by entry: those of the entries at even positions in the file form the
validation half, on which benchmarks/choose_ranking_weights.py chose the ranking weights; the odd
ones, the test half. Both rankers read `normalise`d text. docs/model.md, "Ranking".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from walletbot.brain.engine import Engine, RankingWeights
from walletbot.brain.faq import BilingualList, KnowledgeBase, OptionalBilingualList
from walletbot.brain.text import LANGS, Lang, normalise

Split = Literal["validation", "test"]
RANKED = 5  # entries the engine returns for a message


@dataclass(frozen=True)
class HeldOut:
    text: str
    faq_id: str
    lang: Lang
    split: Split


def one_phrasing(kb: KnowledgeBase) -> tuple[KnowledgeBase, list[HeldOut]]:
    """The FAQ with only each entry's first question per language, and the other questions."""
    faqs = []
    held_out: list[HeldOut] = []
    for position, faq in enumerate(kb.faqs):
        split: Split = "validation" if position % 2 == 0 else "test"
        kept: dict[str, list[str]] = {}
        for lang in LANGS:
            first, *others = faq.questions.get(lang)
            kept[lang] = [first]
            held_out.extend(HeldOut(text, faq.id, lang, split) for text in others)
        faqs.append(faq.model_copy(update={"questions": BilingualList(**kept)}))
    categories = tuple(
        category.model_copy(update={"examples": OptionalBilingualList()})
        for category in kb.categories
    )
    return KnowledgeBase(categories, tuple(faqs)), held_out


class PlainTfidf:
    """Cosine similarity of character n-grams (char_wb 1-3) to each phrasing; an entry ranks by
    its closest phrasing."""

    def __init__(self, kb: KnowledgeBase) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        phrasings = list(kb.phrasings())
        self._faq_ids = [p.faq_id for p in phrasings]
        self._vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3))
        self._matrix = self._vectorizer.fit_transform([normalise(p.text) for p in phrasings])

    def rank(self, text: str) -> list[str]:
        """FAQ ids, best first, at most `RANKED` of them."""
        similarity = (self._vectorizer.transform([normalise(text)]) @ self._matrix.T).toarray()[0]
        ranked: dict[str, None] = {}
        for row in np.argsort(-similarity, kind="stable"):
            ranked.setdefault(self._faq_ids[row])
            if len(ranked) == RANKED:
                break
        return list(ranked)


def fused_ranker(engine: Engine) -> Callable[[str], list[str]]:
    return lambda text: [match.faq_id for match in engine.rank(text)]


def reciprocal_rank(ranked: Sequence[str], faq_id: str) -> float:
    """1 / position of the expected entry (1 for first), 0 when absent."""
    return 1 / (ranked.index(faq_id) + 1) if faq_id in ranked else 0.0


def summary(reciprocal_ranks: Sequence[float]) -> dict[str, float | int]:
    """n, top-1 (share ranked first) and MRR."""
    n = len(reciprocal_ranks)
    if not n:
        return {"n": 0}
    top1 = sum(r == 1.0 for r in reciprocal_ranks)
    return {"n": n, "top1": round(top1 / n, 4), "mrr": round(sum(reciprocal_ranks) / n, 4)}


Comparison = dict[str, dict[str, dict[str, dict[str, float | int]]]]


def compare(kb: KnowledgeBase, weights: RankingWeights | None = None) -> Comparison:
    """{lang: {"validation" | "test" | "all": {"fused": summary, "plain": summary}}}."""
    reduced, held_out = one_phrasing(kb)
    rankers = {
        "fused": fused_ranker(Engine.build(reduced, weights=weights)),
        "plain": PlainTfidf(reduced).rank,
    }
    reciprocal = {
        name: [reciprocal_rank(rank(q.text), q.faq_id) for q in held_out]
        for name, rank in rankers.items()
    }
    result: Comparison = {}
    for lang in LANGS:
        result[lang] = {}
        for split in ("validation", "test", "all"):
            rows = [
                i for i, q in enumerate(held_out) if q.lang == lang and split in ("all", q.split)
            ]
            result[lang][split] = {
                name: summary([ranks[i] for i in rows]) for name, ranks in reciprocal.items()
            }
    return result
