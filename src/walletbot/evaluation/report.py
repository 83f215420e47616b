"""Per-label report (CSV + Markdown, with the most-confused pairs) and a confusion-matrix heat map."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

MOST_CONFUSED = 20
# Above this many labels per-cell numbers and tick labels would be unreadable.
_ANNOTATE_UP_TO = 20
_CJK_FONTS = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", "SimHei"]


def write_report(truth: np.ndarray, predicted: np.ndarray, out_dir: Path) -> dict[str, Path]:
    """Write per_label.csv, report.md and confusion.png into `out_dir`; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    labels = sorted(set(truth) | set(predicted))
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=labels, zero_division=0
    )
    matrix = confusion_matrix(truth, predicted, labels=labels)
    rows = [
        (label, float(p), float(r), float(f), int(s))
        for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
    ]
    paths = {
        "per_label_csv": out_dir / "per_label.csv",
        "markdown": out_dir / "report.md",
        "confusion_png": out_dir / "confusion.png",
    }
    with paths["per_label_csv"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["label", "precision", "recall", "f1", "support"])
        writer.writerows((lbl, f"{p:.4f}", f"{r:.4f}", f"{f:.4f}", s) for lbl, p, r, f, s in rows)
    paths["markdown"].write_text(_markdown(rows, labels, matrix), encoding="utf-8")
    _plot(matrix, labels, paths["confusion_png"])
    return paths


def most_confused(
    matrix: np.ndarray, labels: list[str], top: int = MOST_CONFUSED
) -> list[tuple[str, str, int]]:
    """(true label, predicted label, count) for the largest off-diagonal cells, largest first."""
    off = matrix.copy()
    np.fill_diagonal(off, 0)
    order = np.argsort(-off, axis=None, kind="stable")[:top]
    pairs = [np.unravel_index(i, off.shape) for i in order]
    return [(labels[t], labels[p], int(off[t, p])) for t, p in pairs if off[t, p] > 0]


def _markdown(
    rows: list[tuple[str, float, float, float, int]], labels: list[str], matrix: np.ndarray
) -> str:
    lines = ["# Per-label report", "", "| label | precision | recall | F1 | support |"]
    lines.append("|---|---:|---:|---:|---:|")
    # Worst F1 first: what to look at.
    for label, p, r, f, s in sorted(rows, key=lambda row: (row[3], row[0])):
        lines.append(f"| {label} | {p:.3f} | {r:.3f} | {f:.3f} | {s} |")
    lines += ["", "## Most confused (true → predicted)", "", "| true | predicted | count |"]
    lines.append("|---|---|---:|")
    lines += [f"| {t} | {p} | {n} |" for t, p, n in most_confused(matrix, labels)]
    return "\n".join(lines) + "\n"


def _plot(matrix: np.ndarray, labels: list[str], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no display; safe in servers and CI
    import matplotlib.pyplot as plt

    # Labels may be Chinese: fall back to a CJK font where one is installed; elsewhere the glyphs
    # render as boxes, which is no reason to fail a report (hence the filtered warning).
    fallback = [*_CJK_FONTS, *plt.rcParams["font.sans-serif"]]
    with plt.rc_context({"font.sans-serif": fallback}), warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="Glyph .* missing from font", category=UserWarning
        )
        _draw(plt, matrix, labels, path)


def _draw(plt: Any, matrix: np.ndarray, labels: list[str], path: Path) -> None:
    from matplotlib.colors import PowerNorm

    n = len(labels)
    # Row-normalised: a rare label's errors are as visible as a common one's.
    totals = matrix.sum(axis=1, keepdims=True)
    share = np.divide(matrix, totals, out=np.zeros(matrix.shape), where=totals > 0)
    side = min(max(6.0, 0.14 * n), 24.0)
    fig, ax = plt.subplots(figsize=(side, side), dpi=100)
    # A power scale lifts the small off-diagonal shares (the errors) out of the dark background.
    scale = PowerNorm(gamma=0.4, vmin=0.0, vmax=1.0)
    image = ax.imshow(share, cmap="viridis", norm=scale, interpolation="nearest")
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="share of the true label's rows")
    fontsize = 8 if n <= _ANNOTATE_UP_TO else max(3.0, 8 - n / 25)
    ax.set_xticks(range(n), labels, rotation=90, fontsize=fontsize)
    ax.set_yticks(range(n), labels, fontsize=fontsize)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    if n <= _ANNOTATE_UP_TO:
        for (t, p), count in np.ndenumerate(matrix):
            if count:
                colour = "black" if share[t, p] > 0.5 else "white"
                ax.text(p, t, str(count), ha="center", va="center", fontsize=7, color=colour)
    ax.set_title(f"Confusion matrix ({n} labels, rows normalised)")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
