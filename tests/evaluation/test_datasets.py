"""CLINC150 JSON -> labelled CSVs, and the per-label report on many labels."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from walletbot.evaluation.datasets import OOS_LABEL, convert_clinc150, read_labelled_csv
from walletbot.evaluation.report import most_confused, write_report

CLINC = {
    "train": [["what's my balance", "balance"], ["book a flight", "book_flight"]],
    "val": [["balance please", "balance"]],
    "test": [["fly me to rome", "book_flight"], ["how much money, do I have", "balance"]],
    "oos_train": [["sing a song", "oos"]],
    "oos_val": [["tell a joke", "oos"]],
    "oos_test": [["who is the president", "oos"]],
}


def test_convert_clinc150(tmp_path: Path) -> None:
    source = tmp_path / "data_full.json"
    source.write_text(json.dumps(CLINC), encoding="utf-8")
    paths = convert_clinc150(source, tmp_path / "csv")
    assert set(paths) == {"train", "train_with_oos", "val", "test"}
    train = read_labelled_csv(paths["train"])
    assert train.labels == ("balance", "book_flight") and not train.has_oos
    with_oos = read_labelled_csv(paths["train_with_oos"])
    assert with_oos.texts[-1] == "sing a song" and with_oos.labels[-1] == OOS_LABEL
    test = read_labelled_csv(paths["test"])
    assert test.texts == ("fly me to rome", "how much money, do I have", "who is the president")
    assert test.labels == ("book_flight", "balance", OOS_LABEL)
    assert read_labelled_csv(paths["val"]).has_oos


def test_report_with_many_labels(tmp_path: Path) -> None:
    labels = [f"intent_{i:03d}" for i in range(90)]
    truth = np.array(labels * 2, dtype=object)
    predicted = truth.copy()
    predicted[0] = "intent_001"
    predicted[1] = "intent_001"  # stays right
    files = write_report(truth, predicted, tmp_path)
    assert files["confusion_png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "| intent_000 | intent_001 | 1 |" in files["markdown"].read_text(encoding="utf-8")


def test_most_confused_orders_by_count() -> None:
    matrix = np.array([[5, 3, 0], [1, 4, 0], [0, 2, 7]])
    assert most_confused(matrix, ["a", "b", "c"]) == [("a", "b", 3), ("c", "b", 2), ("b", "a", 1)]
