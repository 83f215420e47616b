"""Labelled CSV files (header row; text first, label second) and the CLINC150 JSON converter."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

OOS_LABEL = "oos"  # rows with this label are out of scope: they must be handed off, not classified


@dataclass(frozen=True)
class LabelledSet:
    texts: tuple[str, ...]
    labels: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def has_oos(self) -> bool:
        return OOS_LABEL in self.labels


def read_labelled_csv(path: Path) -> LabelledSet:
    """Read `text,label[,...]` rows after a header; extra columns are ignored (Banking77 as it is)."""
    texts: list[str] = []
    labels: list[str] = []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        if next(reader, None) is None:
            raise ValueError(f"{path}: empty file (a header row is expected)")
        for line, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) < 2 or not row[0].strip() or not row[1].strip():
                raise ValueError(f"{path}:{line}: expected a text and a label")
            texts.append(row[0])
            labels.append(row[1].strip())
    if not texts:
        raise ValueError(f"{path}: no data rows")
    return LabelledSet(tuple(texts), tuple(labels))


def write_labelled_csv(path: Path, rows: list[tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(rows)


def convert_clinc150(source: Path, out_dir: Path) -> dict[str, Path]:
    """CLINC150 `data_full.json` -> train.csv, train_with_oos.csv, val.csv, test.csv in `out_dir`.

    The JSON keeps out-of-scope rows in separate keys (`oos_train`, ...), labelled `oos` already;
    val and test get theirs appended so one threshold is chosen and judged on the mixed sets.
    """
    data = json.loads(source.read_text(encoding="utf-8"))

    def rows(*keys: str) -> list[tuple[str, str]]:
        return [
            (str(text), OOS_LABEL if key.startswith("oos") else str(label))
            for key in keys
            for text, label in data[key]
        ]

    files = {
        "train": rows("train"),
        "train_with_oos": rows("train", "oos_train"),
        "val": rows("val", "oos_val"),
        "test": rows("test", "oos_test"),
    }
    paths: dict[str, Path] = {}
    for name, content in files.items():
        paths[name] = out_dir / f"{name}.csv"
        write_labelled_csv(paths[name], content)
    return paths
