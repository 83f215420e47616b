"""µs per message: scikit-learn vs. the lean path, side by side in one run (JSON).

    .venv/bin/python benchmarks/bench_inference.py [--data ../shared/benchmarks] [--train-rows N]

Banking77 test: classification, one message per call, as the service does. The lean path's per-word
n-gram cache is warmed by one pass first (a running service has seen its users' words);
`cold_lean_us` is that pass.

Our FAQ (`faq`): the service's engine trained on data/faq.yaml, over the 160 held-out queries of
data/eval/faq_test.csv (both languages, typos, traditional and full-width characters), each
shielded and normalised (the shield's model text, which is what the engine classifies unless an
English message kept its masks). Classification is `predict` with the full ranking and
retrieval is `search` with the rapidfuzz re-ranking, each as `Engine.decide` calls them; the
scikit-learn reference for the same two models is the fitted pipelines' `transform` and product.
Each figure is the median of `--passes` passes (the machine's speed drifts within a run). Times
are this process's CPU time (`time.process_time`): on a machine shared with other jobs, wall-clock
time also counts the waits for a core.

Triage (`triage`): which of triage's patterns match each of the same 160 queries (normalised and
masked, as `Engine.decide` triages them), searched one by one with `re` beside hyperscan's
prefilter (brain/pattern_set.py), in the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from walletbot.brain.classifier import IntentClassifier
from walletbot.brain.engine import Engine
from walletbot.brain.faq import load_faq
from walletbot.brain.pattern_set import PatternSet
from walletbot.brain.shield import shield
from walletbot.brain.text import normalise
from walletbot.brain.triage import RULE_PATTERNS
from walletbot.evaluation.datasets import read_labelled_csv

REPO = Path(__file__).resolve().parent.parent
FAQ_QUERIES = REPO / "data" / "eval" / "faq_test.csv"


def _us_per_call(texts: list[str], call: Callable[[str], object]) -> float:
    started = time.process_time()
    for text in texts:
        call(text)
    return (time.process_time() - started) / len(texts) * 1e6


def _median_us(texts: list[str], call: Callable[[str], object], passes: int) -> float:
    return statistics.median(_us_per_call(texts, call) for _ in range(passes))


def faq_figures(passes: int) -> dict[str, float]:
    """Classification + retrieval on our own FAQ, lean beside scikit-learn (see the docstring)."""
    engine = Engine.build(load_faq(REPO / "data" / "faq.yaml"))
    raw = read_labelled_csv(FAQ_QUERIES).texts
    texts = [normalise(shield(t).model_text) for t in raw]
    classifier, retriever = engine.classifier, engine.retriever
    labels = len(classifier.labels)

    def lean(text: str) -> None:
        classifier.predict(text, top=labels)
        retriever.search(text)

    def reference(text: str) -> None:
        classifier.reference_proba([text])
        retriever.reference_similarity(text)

    for text in raw:  # warm the per-word caches, as a running service has
        engine.decide(text)
    classify = _median_us(texts, lambda t: classifier.predict(t, top=labels), passes)
    retrieve = _median_us(texts, retriever.search, passes)
    both = _median_us(texts, lean, passes)
    sklearn = _median_us(texts, reference, max(1, passes // 2))
    return {
        "queries": len(texts),
        "classify_us": round(classify, 1),
        "retrieve_us": round(retrieve, 1),
        "classify_retrieve_us": round(both, 1),
        "sklearn_classify_retrieve_us": round(sklearn, 1),
        "speed_up": round(sklearn / both, 1),
        "decide_us": round(_median_us(raw, engine.decide, passes), 1),
    }


def triage_figures(passes: int) -> dict[str, float | bool]:
    """Triage's patterns searched with `re` alone, and through the hyperscan prefilter."""
    texts = [normalise(shield(t).text) for t in read_labelled_csv(FAQ_QUERIES).texts]
    with_re = PatternSet(RULE_PATTERNS.patterns)  # never compiled: `re`, one pattern at a time
    prefiltered = RULE_PATTERNS.wait_compiled()
    figures: dict[str, float | bool] = {
        "re_us": round(_median_us(texts, with_re.matching, passes), 1),
        "hyperscan": prefiltered,
    }
    if prefiltered:
        figures["hyperscan_us"] = round(_median_us(texts, RULE_PATTERNS.matching, passes), 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "benchmarks")
    parser.add_argument("--train-rows", type=int, help="fit on the first N train rows only")
    parser.add_argument("--passes", type=int, default=5, help="passes per figure (median)")
    args = parser.parse_args()
    RULE_PATTERNS.wait_compiled()  # as the service does before serving
    faq = faq_figures(args.passes)
    triage = triage_figures(args.passes)
    train = read_labelled_csv(args.data / "banking77" / "train.csv")
    test = read_labelled_csv(args.data / "banking77" / "test.csv")
    rows = args.train_rows or len(train)
    classifier = IntentClassifier.fit(
        [normalise(t) for t in train.texts[:rows]], train.labels[:rows]
    )
    texts = [normalise(t) for t in test.texts]

    cold = _us_per_call(texts, classifier.predict)
    lean = _median_us(texts, classifier.predict, args.passes)
    proba = _median_us(texts, classifier.lean_proba_one, args.passes)
    sklearn = _us_per_call(texts, lambda t: classifier.reference_proba([t]))
    batch_started = time.process_time()
    reference = classifier.reference_proba(texts)
    batch = (time.process_time() - batch_started) / len(texts) * 1e6
    diff = float(np.abs(reference - classifier.predict_proba(texts)).max())
    print(
        json.dumps(
            {
                "messages": len(texts),
                "train_rows": rows,
                "sklearn_us": round(sklearn, 1),
                "lean_proba_us": round(proba, 1),
                "lean_predict_us": round(lean, 1),
                "cold_lean_us": round(cold, 1),
                "sklearn_batch_us": round(batch, 1),
                "speed_up": round(sklearn / lean, 1),
                "max_abs_proba_diff": diff,
                "faq": faq,
                "triage": triage,
            }
        )
    )


if __name__ == "__main__":
    main()
