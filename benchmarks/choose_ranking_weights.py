"""Choose the FAQ ranking's three weights on validation queries; print test figures for the choice.

    .venv/bin/python benchmarks/choose_ranking_weights.py

The weights (`RankingWeights`): the token block's share of the retriever's cosine similarity (the
rest is character n-grams'), rapidfuzz's share of the retriever's score, and the classifier's
category belief's share of the ranking. The category weight also sets the scale of the fused score
that the policy's answer thresholds read (chosen on faq_val.csv for answered precision), so it is
held at its value unless `--category-weights` lists others. Every combination of the grid is
scored on three validation sets, each in both languages:

- one phrasing: the FAQ cut to one phrasing per entry, the validation half of the other phrasings
  (`evaluation/ranking.py`);
- one phrasing, user queries: the same cut FAQ, data/eval/faq_val.csv;
- full FAQ, user queries: data/faq.yaml as it is, data/eval/faq_val.csv.

The combination with the highest mean MRR over these six wins (ties: the earlier in the grid).
Only then are the test sets ranked (the test half of the phrasings, data/eval/faq_test.csv), for
the choice and the previous weights, beside plain TF-IDF cosine. Markdown to stdout, then JSON.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
from pathlib import Path

from walletbot.brain.decision_rules import Thresholds
from walletbot.brain.engine import CATEGORY_WEIGHT, Engine, RankingWeights, model_text
from walletbot.brain.faq import KnowledgeBase, load_faq
from walletbot.brain.retriever import FaqRetriever
from walletbot.brain.text import LANGS, detect_language
from walletbot.evaluation.faq_answers import read_queries
from walletbot.evaluation.ranking import (
    PlainTfidf,
    fused_ranker,
    one_phrasing,
    reciprocal_rank,
    summary,
)

REPO = Path(__file__).resolve().parent.parent
TOKEN_SHARES = (0.0, 0.25, 0.5, 0.75)
FUZZ_WEIGHTS = (0.0, 0.1, 0.2, 0.3)
PREVIOUS = RankingWeights(token_share=0.5, fuzz=0.2, category=0.35)

Queries = list[tuple[str, str]]  # (text, faq id)


def by_language(pairs: Queries) -> dict[str, Queries]:
    return {lang: [q for q in pairs if detect_language(q[0]) == lang] for lang in LANGS}


def data_sets(faq: Path) -> dict[str, tuple[KnowledgeBase, dict[str, Queries], dict[str, Queries]]]:
    """name -> (FAQ, validation queries by language, test queries by language)."""
    kb = load_faq(faq)
    cut, held_out = one_phrasing(kb)
    user_val = [(q.text, q.faq_id) for q in read_queries(REPO / "data" / "eval" / "faq_val.csv")]
    user_test = [(q.text, q.faq_id) for q in read_queries(REPO / "data" / "eval" / "faq_test.csv")]

    def phrasings(split: str) -> dict[str, Queries]:
        return {
            lang: [(q.text, q.faq_id) for q in held_out if q.lang == lang and q.split == split]
            for lang in LANGS
        }

    return {
        "one phrasing": (cut, phrasings("validation"), phrasings("test")),
        "one phrasing, user queries": (cut, by_language(user_val), by_language(user_test)),
        "full FAQ, user queries": (kb, by_language(user_val), by_language(user_test)),
    }


def engines(kb: KnowledgeBase, categories: list[float]) -> dict[RankingWeights, Engine]:
    """An engine per grid point, sharing one classifier (the weights do not change it)."""
    base = Engine.build(kb)
    phrasings = list(kb.phrasings())
    texts = [model_text(p.text, kb.faq(p.faq_id).category) for p in phrasings]
    ids = [p.faq_id for p in phrasings]
    found = {}
    for share, fuzz in itertools.product(TOKEN_SHARES, FUZZ_WEIGHTS):
        retriever = FaqRetriever.fit(texts, ids, token_share=share, fuzz_weight=fuzz)
        for category in categories:
            weights = RankingWeights(share, fuzz, category)
            found[weights] = Engine(
                kb,
                base.classifier,
                retriever,
                Thresholds(),
                base.han_coverage,
                base.spelling,
                category,
            )
    return found


def scores(engine: Engine, queries: dict[str, Queries]) -> dict[str, dict[str, float | int]]:
    rank = fused_ranker(engine)
    return {
        lang: summary([reciprocal_rank(rank(text), faq_id) for text, faq_id in pairs])
        for lang, pairs in queries.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faq", type=Path, default=REPO / "data" / "faq.yaml")
    parser.add_argument(
        "--category-weights",
        type=lambda text: [float(w) for w in text.split(",")],
        default=[CATEGORY_WEIGHT],
        help="comma-separated category weights to try (default: the current one)",
    )
    args = parser.parse_args()
    categories = sorted({*args.category_weights, PREVIOUS.category})
    sets = data_sets(args.faq)
    grids = {name: engines(kb, categories) for name, (kb, _, _) in sets.items()}
    validation: dict[RankingWeights, dict[str, dict[str, dict[str, float | int]]]] = {}
    for weights in grids["one phrasing"]:
        validation[weights] = {
            name: scores(grids[name][weights], val) for name, (_, val, _) in sets.items()
        }

    def mean_mrr(weights: RankingWeights) -> float:
        return statistics.mean(
            float(by_lang[lang]["mrr"])
            for by_lang in validation[weights].values()
            for lang in LANGS
        )

    ranked = sorted(validation, key=mean_mrr, reverse=True)  # stable: ties keep grid order
    chosen = ranked[0]
    print("Validation, mean MRR of 3 sets x 2 languages (top 10 of", len(ranked), "and previous)\n")
    print("| token share | fuzz | category | mean MRR |\n|---:|---:|---:|---:|")
    for weights in ranked[:10] + ([] if PREVIOUS in ranked[:10] else [PREVIOUS]):
        print(f"| {weights[0]} | {weights[1]} | {weights[2]} | {mean_mrr(weights):.4f} |")

    test = {}
    for name, (kb, _, test_queries) in sets.items():
        plain = PlainTfidf(kb).rank
        test[name] = {
            "chosen": scores(grids[name][chosen], test_queries),
            "previous": scores(grids[name][PREVIOUS], test_queries),
            "plain": {
                lang: summary([reciprocal_rank(plain(t), f) for t, f in pairs])
                for lang, pairs in test_queries.items()
            },
        }
    print(f"\nTest sets, top-1 / MRR: chosen {tuple(chosen)}, previous {tuple(PREVIOUS)}\n")
    print("| set | lang | n | chosen | previous | plain TF-IDF |\n|---|---|---:|---:|---:|---:|")
    for name, rows in test.items():
        for lang in LANGS:
            cells = [f"{rows[k][lang]['top1']:.3f} / {rows[k][lang]['mrr']:.3f}" for k in rows]
            print(f"| {name} | {lang} | {rows['plain'][lang]['n']} | " + " | ".join(cells) + " |")
    print(
        json.dumps(
            {
                "chosen": chosen._asdict(),
                "validation_mean_mrr": {"chosen": mean_mrr(chosen), "previous": mean_mrr(PREVIOUS)},
                "test": test,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
