"""How well the service answers from its own FAQ: held-out queries and leave-one-out.

Both go through `Engine` itself (shield, normalise, classifier, retriever, policy), so the figures
are those of the code that serves users.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from walletbot.brain.decision_rules import Action, Thresholds
from walletbot.brain.engine import Engine
from walletbot.brain.faq import BilingualList, KnowledgeBase
from walletbot.brain.text import LANGS, detect_language


@dataclass(frozen=True)
class Query:
    text: str
    faq_id: str


def read_queries(path: Path) -> list[Query]:
    """CSV with a header; columns `text,faq_id`."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return [Query(row[0], row[1]) for row in rows[1:] if len(row) >= 2 and row[0].strip()]


def score_queries(engine: Engine, queries: Iterable[Query]) -> dict[str, float | int]:
    """top1, top3 and MRR of the ranking, plus what the policy did: answered right, answered
    wrong (the costly error), or asked/handed off."""
    n = top1 = top3 = answered_right = answered_wrong = 0
    reciprocal = 0.0
    for query in queries:
        n += 1
        ranked = [m.faq_id for m in engine.rank(query.text)]
        if query.faq_id in ranked:
            position = ranked.index(query.faq_id)
            reciprocal += 1 / (position + 1)
            top1 += position == 0
            top3 += position < 3
        decision = engine.decide(query.text)
        if decision.action is Action.ANSWER and decision.faq_id is not None:
            if decision.faq_id == query.faq_id:
                answered_right += 1
            else:
                answered_wrong += 1
    if n == 0:
        return {"n": 0}
    return {
        "n": n,
        "top1": round(top1 / n, 4),
        "top3": round(top3 / n, 4),
        "mrr": round(reciprocal / n, 4),
        "answered_right": round(answered_right / n, 4),
        "answered_wrong": round(answered_wrong / n, 4),
    }


def evaluate_queries(
    kb: KnowledgeBase, queries: Sequence[Query], thresholds: Thresholds | None = None
) -> dict[str, object]:
    """Train on the whole FAQ, score the queries overall and per language."""
    engine = Engine.build(kb, thresholds)
    result: dict[str, object] = dict(score_queries(engine, queries))
    for lang in LANGS:
        result[lang] = score_queries(
            engine, [q for q in queries if detect_language(q.text) == lang]
        )
    return result


def _without_phrasing(kb: KnowledgeBase, index: int) -> tuple[KnowledgeBase, list[Query]]:
    """The FAQ minus the `index`-th phrasing of every entry (in each language), and those phrasings
    as queries. Entries with too few phrasings keep them all."""
    held_out: list[Query] = []
    faqs = []
    for faq in kb.faqs:
        kept: dict[str, list[str]] = {}
        for lang in LANGS:
            questions = list(faq.questions.get(lang))
            if len(questions) > index and len(questions) > 1:
                held_out.append(Query(questions.pop(index), faq.id))
            kept[lang] = questions
        faqs.append(faq.model_copy(update={"questions": BilingualList(**kept)}))
    return KnowledgeBase(kb.categories, tuple(faqs)), held_out


def leave_one_out(
    kb: KnowledgeBase, folds: int = 5, thresholds: Thresholds | None = None
) -> dict[str, dict[str, float | int]]:
    """Fold k holds out the k-th phrasing of every entry, trains on the rest and asks the held-out
    phrasings; the scores are pooled over folds, per language."""
    by_lang: dict[str, list[tuple[Engine, Query]]] = {lang: [] for lang in LANGS}
    for fold in range(folds):
        reduced, held_out = _without_phrasing(kb, fold)
        engine = Engine.build(reduced, thresholds)
        for query in held_out:
            by_lang[detect_language(query.text)].append((engine, query))
    result: dict[str, dict[str, float | int]] = {}
    for lang, pairs in by_lang.items():
        totals: dict[str, float] = {}
        n = 0
        for engine, query in pairs:
            scores = score_queries(engine, [query])
            n += 1
            for key, value in scores.items():
                if key != "n":
                    totals[key] = totals.get(key, 0.0) + float(value)
        result[lang] = {"n": n, **{k: round(v / n, 4) for k, v in totals.items()}} if n else {}
    return result
