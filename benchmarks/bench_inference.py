"""µs per message over Banking77 test: scikit-learn pipeline vs. the lean path, side by side (JSON).

    .venv/bin/python benchmarks/bench_inference.py [--data ../shared/benchmarks] [--train-rows N]

Both classify one message per call, as the service does. The lean path's per-word n-gram cache is
warmed by one pass first (a running service has seen its users' words); `cold_lean_us` is that pass.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from walletbot.brain.classifier import IntentClassifier
from walletbot.brain.text import normalise
from walletbot.evaluation.datasets import read_labelled_csv

REPO = Path(__file__).resolve().parent.parent


def _us_per_call(texts: list[str], call: Callable[[str], object]) -> float:
    started = time.perf_counter()
    for text in texts:
        call(text)
    return (time.perf_counter() - started) / len(texts) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "benchmarks")
    parser.add_argument("--train-rows", type=int, help="fit on the first N train rows only")
    args = parser.parse_args()
    train = read_labelled_csv(args.data / "banking77" / "train.csv")
    test = read_labelled_csv(args.data / "banking77" / "test.csv")
    rows = args.train_rows or len(train)
    classifier = IntentClassifier.fit(
        [normalise(t) for t in train.texts[:rows]], train.labels[:rows]
    )
    texts = [normalise(t) for t in test.texts]

    cold = _us_per_call(texts, classifier.predict)
    lean = _us_per_call(texts, classifier.predict)
    proba = _us_per_call(texts, classifier.lean_proba_one)
    sklearn = _us_per_call(texts, lambda t: classifier.reference_proba([t]))
    batch_started = time.perf_counter()
    reference = classifier.reference_proba(texts)
    batch = (time.perf_counter() - batch_started) / len(texts) * 1e6
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
            }
        )
    )


if __name__ == "__main__":
    main()
