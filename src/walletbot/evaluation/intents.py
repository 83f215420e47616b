"""Train and test `IntentClassifier` on labelled CSV files; out-of-scope rows must be handed off.

A message is *rejected* (handed off) when the classifier predicts the `oos` class (present when the
training file has `oos` rows) or its out-of-scope score (`Prediction.scope`) is below the threshold.
The threshold is chosen on `--val` only: the lowest one (0.01 steps) that rejects at least
`target_oos_recall` of val's `oos` rows, i.e. the best in-scope accuracy that meets the hand-off
target; or, with `target_in_scope_accuracy`, the highest one that keeps val's in-scope accuracy at
that level. Without val, or without `oos` rows in val, there is no threshold (null): nothing is
rejected on the score.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import f1_score

from walletbot.brain.classifier import IntentClassifier
from walletbot.brain.text import normalise
from walletbot.evaluation.datasets import OOS_LABEL, LabelledSet, read_labelled_csv

# A support bot should rather hand off than answer an unrelated question wrongly: 4 in 5 by default.
DEFAULT_TARGET_OOS_RECALL = 0.8
_STEP = 0.01


@dataclass(frozen=True)
class Outcome:
    """Per-row results on one labelled set."""

    truth: np.ndarray  # gold labels
    predicted: np.ndarray  # classifier's best label
    confidence: np.ndarray
    scope: np.ndarray  # `Prediction.scope`: what the threshold applies to

    def final(self, threshold: float | None) -> np.ndarray:
        """The decision: the predicted label, or `oos` when rejected."""
        rejected = self.predicted == OOS_LABEL
        if threshold is not None:
            rejected |= self.scope < threshold
        return np.where(rejected, OOS_LABEL, self.predicted)


def predict(classifier: IntentClassifier, data: LabelledSet) -> Outcome:
    predictions = classifier.predict_batch([normalise(t) for t in data.texts], top=1)
    return Outcome(
        truth=np.asarray(data.labels, dtype=object),
        predicted=np.asarray([p.label for p in predictions], dtype=object),
        confidence=np.asarray([p.confidence for p in predictions]),
        scope=np.asarray([p.scope for p in predictions]),
    )


def metrics(outcome: Outcome, threshold: float | None) -> dict[str, Any]:
    final = outcome.final(threshold)
    correct = final == outcome.truth
    oos = outcome.truth == OOS_LABEL
    in_scope = ~oos
    return {
        "accuracy": float(correct.mean()),
        "in_scope_accuracy": float(correct[in_scope].mean()) if in_scope.any() else None,
        "oos_recall": float(correct[oos].mean()) if oos.any() else None,
        "macro_f1": float(f1_score(outcome.truth, final, average="macro", zero_division=0)),
    }


def _grid(scope: np.ndarray) -> np.ndarray:
    """Thresholds in 0.01 steps from one that rejects nothing to one that rejects every row."""
    low = np.floor(scope.min() / _STEP) * _STEP
    high = np.ceil(scope.max() / _STEP) * _STEP + _STEP
    return np.round(np.arange(low, high + _STEP / 2, _STEP), 2)


def choose_threshold(
    val: Outcome,
    target_oos_recall: float = DEFAULT_TARGET_OOS_RECALL,
    target_in_scope_accuracy: float | None = None,
) -> float | None:
    """Lowest grid threshold whose val oos recall reaches the target (the highest if none does).

    With `target_in_scope_accuracy`: the highest grid threshold whose val in-scope accuracy stays at
    or above it (the lowest if none does), i.e. the most hand-offs that accuracy budget allows.
    """
    oos = val.truth == OOS_LABEL
    if not oos.any():
        return None
    grid = _grid(val.scope)
    if target_in_scope_accuracy is not None:
        chosen = float(grid[0])
        for threshold in grid:
            if metrics_in_scope(val, float(threshold)) >= target_in_scope_accuracy:
                chosen = float(threshold)
        return chosen
    rejected_by_class = val.predicted[oos] == OOS_LABEL
    scope = val.scope[oos]
    for threshold in grid:
        recall = float((rejected_by_class | (scope < threshold)).mean())
        if recall >= target_oos_recall:
            return float(threshold)
    return float(grid[-1])


def metrics_in_scope(outcome: Outcome, threshold: float) -> float:
    """In-scope accuracy at `threshold` (1.0 when there are no in-scope rows)."""
    in_scope = outcome.truth != OOS_LABEL
    if not in_scope.any():
        return 1.0
    return float((outcome.final(threshold) == outcome.truth)[in_scope].mean())


TRADEOFF_OOS_RECALL = (0.7, 0.75, 0.8, 0.85, 0.9)
TRADEOFF_IN_SCOPE_ACCURACY = (0.93, 0.925, 0.92, 0.915, 0.91)


def tradeoff(val: Outcome, test: Outcome) -> list[dict[str, Any]]:
    """Test in-scope accuracy / oos recall at thresholds chosen on val by several targets."""
    rows: list[dict[str, Any]] = []
    targets = [("val oos recall", t) for t in TRADEOFF_OOS_RECALL]
    targets += [("val in-scope accuracy", t) for t in TRADEOFF_IN_SCOPE_ACCURACY]
    for rule, target in targets:
        if rule == "val oos recall":
            threshold = choose_threshold(val, target)
        else:
            threshold = choose_threshold(val, target_in_scope_accuracy=target)
        on_val, on_test = metrics(val, threshold), metrics(test, threshold)
        rows.append(
            {
                "rule": rule,
                "target": target,
                "threshold": threshold,
                **{f"val_{k}": on_val[k] for k in ("in_scope_accuracy", "oos_recall")},
                **{f"test_{k}": on_test[k] for k in ("in_scope_accuracy", "oos_recall")},
            }
        )
    return rows


def evaluate(
    train: LabelledSet,
    test: LabelledSet,
    val: LabelledSet | None = None,
    *,
    target_oos_recall: float = DEFAULT_TARGET_OOS_RECALL,
    target_in_scope_accuracy: float | None = None,
) -> tuple[dict[str, Any], Outcome, float | None]:
    """Fit on train, choose the threshold on val, measure on test: (figures, test outcome, threshold)."""
    started = time.perf_counter()
    classifier = IntentClassifier.fit([normalise(t) for t in train.texts], train.labels)
    train_seconds = time.perf_counter() - started

    threshold = None
    result: dict[str, Any] = {}
    if val is not None:
        val_outcome = predict(classifier, val)
        threshold = choose_threshold(val_outcome, target_oos_recall, target_in_scope_accuracy)
        result["val"] = metrics(val_outcome, threshold)

    started = time.perf_counter()
    outcome = predict(classifier, test)  # the lean path the service runs, one message at a time
    predict_seconds = time.perf_counter() - started
    result = {
        **metrics(outcome, threshold),
        "threshold": threshold,
        "target_oos_recall": (
            target_oos_recall
            if threshold is not None and target_in_scope_accuracy is None
            else None
        ),
        "target_in_scope_accuracy": target_in_scope_accuracy if threshold is not None else None,
        "oos_in_train": train.has_oos,
        "train_seconds": round(train_seconds, 3),
        "predict_us_per_message": round(predict_seconds / len(test) * 1e6, 1),
        "temperature": classifier.temperature,
        "n_train": len(train),
        "n_test": len(test),
        "n_labels": len(classifier.labels),
        **result,
    }
    if val is not None and threshold is not None:
        result["tradeoff"] = tradeoff(val_outcome, outcome)
    return result, outcome, threshold


def run_intents_eval(
    train: Path,
    test: Path,
    val: Path | None,
    report_dir: Path | None,
    target_oos_recall: float = DEFAULT_TARGET_OOS_RECALL,
    target_in_scope_accuracy: float | None = None,
) -> dict[str, Any]:
    """`walletbot eval intents`: figures as a JSON-ready dict; per-label report files if asked."""
    result, outcome, threshold = evaluate(
        read_labelled_csv(train),
        read_labelled_csv(test),
        read_labelled_csv(val) if val is not None else None,
        target_oos_recall=target_oos_recall,
        target_in_scope_accuracy=target_in_scope_accuracy,
    )
    if report_dir is not None:
        from walletbot.evaluation.report import write_report  # matplotlib only when asked for

        files = write_report(outcome.truth, outcome.final(threshold), report_dir)
        result["report"] = {name: str(path) for name, path in files.items()}
    return result


def main_intents(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="walletbot eval intents", description="train and test the intent classifier on CSVs"
    )
    parser.add_argument("--train", type=Path, required=True, help="CSV: text,label (header row)")
    parser.add_argument("--test", type=Path, required=True)
    parser.add_argument("--val", type=Path, help="chooses the out-of-scope threshold")
    parser.add_argument("--report", type=Path, help="folder for the per-label report and PNG")
    parser.add_argument("--target-oos-recall", type=float, default=DEFAULT_TARGET_OOS_RECALL)
    parser.add_argument(
        "--target-in-scope-accuracy",
        type=float,
        help="instead: the most hand-offs that keep val in-scope accuracy at this level",
    )
    args = parser.parse_args(argv)
    result = run_intents_eval(
        args.train,
        args.test,
        args.val,
        args.report,
        args.target_oos_recall,
        args.target_in_scope_accuracy,
    )
    print(json.dumps(result, ensure_ascii=False))
    return 0
