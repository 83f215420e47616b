"""Intent evaluation on small generated CSVs: figures, the val-chosen threshold, report files."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from walletbot.evaluation.datasets import OOS_LABEL, read_labelled_csv, write_labelled_csv
from walletbot.evaluation.intents import (
    Outcome,
    choose_threshold,
    main_intents,
    run_intents_eval,
)

INTENTS = {
    "balance": (["check", "show", "what is", "see"], ["my balance", "the account balance"]),
    "top_up": (["top up", "add money to", "load", "refill"], ["my wallet", "the balance card"]),
    "lost_card": (
        ["i lost", "someone stole", "cannot find", "block"],
        ["my card", "the debit card"],
    ),
    "refund": (["refund", "money back for", "return", "cancel"], ["my order", "this payment"]),
    "密码": (["忘记了", "重置", "修改", "找回"], ["登录密码", "支付密码"]),
}
OOS_TEXTS = [
    "what is the weather in paris",
    "tell me a joke about cats",
    "who won the football game",
    "play some jazz music",
    "how tall is mount everest",
    "recommend a good pizza place",
    "translate hello into french",
    "what time is sunset today",
]


def _rows(seed: int, per_intent: int, oos: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    rows = []
    for label, (verbs, objects) in INTENTS.items():
        for _ in range(per_intent):
            rows.append((f"{rng.choice(verbs)} {rng.choice(objects)} please", label))
    rows += [(rng.choice(OOS_TEXTS), OOS_LABEL) for _ in range(oos)]
    return rows


@pytest.fixture
def csvs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "train": _rows(0, 12, 0),
        "train_oos": _rows(1, 12, 6),
        "val": _rows(2, 6, 6),
        "test": _rows(3, 6, 6),
        "test_plain": _rows(4, 6, 0),
    }
    paths = {name: tmp_path / f"{name}.csv" for name in files}
    for name, rows in files.items():
        write_labelled_csv(paths[name], rows)
    return paths


def test_without_oos_or_val_there_is_no_threshold(csvs: dict[str, Path]) -> None:
    result = run_intents_eval(csvs["train"], csvs["test_plain"], None, None)
    assert result["threshold"] is None
    assert result["oos_recall"] is None
    assert result["accuracy"] == result["in_scope_accuracy"] >= 0.9
    assert result["n_labels"] == len(INTENTS)
    for key in ("macro_f1", "train_seconds", "predict_us_per_message"):
        assert result[key] > 0


def test_threshold_is_chosen_on_val_and_oos_rows_are_rejected(
    csvs: dict[str, Path], tmp_path: Path
) -> None:
    result = run_intents_eval(csvs["train"], csvs["test"], csvs["val"], tmp_path / "report")
    assert result["threshold"] is not None
    assert result["val"]["oos_recall"] >= result["target_oos_recall"]
    assert result["oos_recall"] is not None and result["oos_recall"] >= 0.5
    assert result["in_scope_accuracy"] >= 0.8
    assert {row["rule"] for row in result["tradeoff"]} == {
        "val oos recall",
        "val in-scope accuracy",
    }
    assert json.dumps(result)  # JSON-ready
    files = {name: Path(path) for name, path in result["report"].items()}
    assert files["confusion_png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    per_label = files["per_label_csv"].read_text(encoding="utf-8").splitlines()
    assert per_label[0] == "label,precision,recall,f1,support"
    assert {line.split(",")[0] for line in per_label[1:]} >= {*INTENTS, OOS_LABEL}
    assert "| label | precision |" in files["markdown"].read_text(encoding="utf-8")


def test_oos_class_in_train_is_a_rejection(csvs: dict[str, Path]) -> None:
    result = run_intents_eval(csvs["train_oos"], csvs["test"], csvs["val"], None)
    assert result["oos_in_train"] is True
    assert result["n_labels"] == len(INTENTS) + 1
    assert result["oos_recall"] >= 0.8


def test_choose_threshold_is_the_lowest_reaching_the_target() -> None:
    outcome = Outcome(
        truth=np.array(["a", "a", OOS_LABEL, OOS_LABEL, OOS_LABEL, OOS_LABEL], dtype=object),
        predicted=np.array(["a", "a", "a", "a", "a", OOS_LABEL], dtype=object),
        confidence=np.array([0.9, 0.6, 0.2, 0.4, 0.7, 0.9]),
        scope=np.array([0.9, 0.6, 0.2, 0.4, 0.7, 0.9]),  # what the threshold applies to
    )
    # The oos-class row is rejected anyway; 0.21 also rejects 0.2 (recall 0.5), 0.41 reaches 0.75.
    assert choose_threshold(outcome, 0.5) == pytest.approx(0.21)
    assert choose_threshold(outcome, 0.75) == pytest.approx(0.41)
    assert choose_threshold(outcome, 1.0) == pytest.approx(0.71)
    # In-scope accuracy rule: the most rejections that keep val in-scope accuracy at the target.
    assert choose_threshold(outcome, target_in_scope_accuracy=1.0) == pytest.approx(0.6)
    assert choose_threshold(outcome, target_in_scope_accuracy=0.5) == pytest.approx(0.9)
    no_oos = Outcome(
        outcome.truth[:2], outcome.predicted[:2], outcome.confidence[:2], outcome.scope[:2]
    )
    assert choose_threshold(no_oos) is None


def test_main_prints_one_json_object_last(
    csvs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--train", str(csvs["train"]), "--test", str(csvs["test"]), "--val", str(csvs["val"])]
    assert main_intents([*argv, "--target-oos-recall", "0.5"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["target_oos_recall"] == 0.5
    assert main_intents([*argv, "--target-in-scope-accuracy", "0.9"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["target_in_scope_accuracy"] == 0.9 and result["target_oos_recall"] is None
    assert result["val"]["in_scope_accuracy"] >= 0.9
    assert {"accuracy", "in_scope_accuracy", "oos_recall", "threshold", "macro_f1"} <= set(result)


def test_csv_reader_checks_rows(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("text,label\nhello,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.csv:2"):
        read_labelled_csv(path)
    path.write_text("text,label\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no data rows"):
        read_labelled_csv(path)
    path.write_text("text,category,extra\nwhere is my card,card_arrival,x\n", encoding="utf-8")
    data = read_labelled_csv(path)
    assert data.texts == ("where is my card",) and data.labels == ("card_arrival",)
    assert not data.has_oos
