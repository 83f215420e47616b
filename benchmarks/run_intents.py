"""Banking77 and CLINC150 through `walletbot eval intents`' logic; a Markdown table vs. published figures.

    .venv/bin/python benchmarks/run_intents.py [--data ../shared/benchmarks] [--report DIR]

Banking77 has no val split (hyper-parameters were chosen by cross-validation on train), so its figure
is plain test accuracy. CLINC150 runs twice: trained without and with `oos_train` as a class; the
threshold is chosen on val + oos_val only. Per-run JSON lines go to stderr, the table to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from walletbot.evaluation.datasets import convert_clinc150
from walletbot.evaluation.intents import DEFAULT_TARGET_OOS_RECALL, run_intents_eval

REPO = Path(__file__).resolve().parent.parent
PUBLISHED_BANKING77 = (
    "BERT-Fixed 87.2 · USE 92.8 · ConveRT 93.0 · USE+ConveRT 93.4 · BERT-Tuned 93.7"
)
PUBLISHED_CLINC150 = (
    "Rasa 90.9/31.2 · Dialogflow 90.8/26.7 · SVM 88.2/18.0 · MLP 93.4/49.1 · BERT 96.2/52.3"
)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def run(data: Path, report: Path | None, target: float) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = []
    banking = data / "banking77"
    result = run_intents_eval(
        banking / "train.csv", banking / "test.csv", None, report and report / "banking77", target
    )
    runs.append({"name": "Banking77", **result})
    with tempfile.TemporaryDirectory() as tmp:
        files = convert_clinc150(data / "clinc150" / "data_full.json", Path(tmp))
        for name, train in (
            ("CLINC150 (train)", "train"),
            ("CLINC150 (train+oos)", "train_with_oos"),
        ):
            sub = report and report / name.split()[1].strip("()").replace("+", "_")
            result = run_intents_eval(files[train], files["test"], files["val"], sub, target)
            runs.append({"name": name, **result})
    return runs


def table(runs: list[dict[str, Any]]) -> str:
    lines = [
        "| data set | accuracy | in-scope acc. | oos recall | threshold | macro F1 | train s "
        "| µs/msg | published |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in runs:
        published = PUBLISHED_BANKING77 if r["name"] == "Banking77" else PUBLISHED_CLINC150
        threshold = "—" if r["threshold"] is None else f"{r['threshold']:.2f}"
        lines.append(
            f"| {r['name']} | {_pct(r['accuracy'])} | {_pct(r['in_scope_accuracy'])} "
            f"| {_pct(r['oos_recall'])} | {threshold} | {_pct(r['macro_f1'])} "
            f"| {r['train_seconds']:.1f} | {r['predict_us_per_message']:.0f} | {published} |"
        )
    return "\n".join(lines)


def tradeoff_table(runs: list[dict[str, Any]]) -> str:
    """Test in-scope accuracy / oos recall at thresholds chosen on val by several targets."""
    lines = [
        "| data set | val rule | threshold | val in-scope / oos | test in-scope / oos |",
        "|---|---|---:|---:|---:|",
    ]
    for r in runs:
        for row in r.get("tradeoff", []):
            lines.append(
                f"| {r['name']} | {row['rule']} >= {row['target']} | {row['threshold']:.2f} "
                f"| {_pct(row['val_in_scope_accuracy'])} / {_pct(row['val_oos_recall'])} "
                f"| {_pct(row['test_in_scope_accuracy'])} / {_pct(row['test_oos_recall'])} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "benchmarks")
    parser.add_argument(
        "--report", type=Path, help="also write per-label reports under this folder"
    )
    parser.add_argument("--target-oos-recall", type=float, default=DEFAULT_TARGET_OOS_RECALL)
    args = parser.parse_args()
    runs = run(args.data, args.report, args.target_oos_recall)
    for r in runs:
        print(json.dumps(r, ensure_ascii=False), file=sys.stderr)
    print(table(runs))
    print()
    print(tradeoff_table(runs))


if __name__ == "__main__":
    main()
