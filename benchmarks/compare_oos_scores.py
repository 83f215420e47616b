"""Out-of-scope scores compared on CLINC150 in the standard setting (no `oos_train`).

    .venv/bin/python benchmarks/compare_oos_scores.py [--data ../shared/benchmarks] [--test]

Every model is fitted on CLINC150 train once; each score is judged on val: AUROC (in-scope against
oos rows) and val in-scope accuracy at the lowest threshold rejecting 80 % of val's oos rows (the
default rule of `walletbot eval intents`, with exact thresholds instead of its 0.01 grid). Test
figures at that val threshold are printed only with `--test`, so a choice can be made on val
first (benchmarks/README.md, "Out-of-scope score"). Takes about 25 minutes on two cores.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from scipy.special import logsumexp, softmax
from sklearn.calibration import CalibratedClassifierCV
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

from walletbot.brain import classifier
from walletbot.brain.text import normalise
from walletbot.evaluation.datasets import OOS_LABEL, convert_clinc150, read_labelled_csv

REPO = Path(__file__).resolve().parent.parent
Split = tuple[np.ndarray, np.ndarray]  # (val, test)


class Data:
    @classmethod
    def clinc150(cls, benchmarks: Path) -> Data:
        """CLINC150 from `benchmarks/clinc150/data_full.json` (../shared/benchmarks by default)."""
        with tempfile.TemporaryDirectory() as tmp:
            convert_clinc150(benchmarks / "clinc150" / "data_full.json", Path(tmp))
            return cls(Path(tmp))

    def __init__(self, folder: Path) -> None:
        sets = {
            name: read_labelled_csv(folder / f"{name}.csv") for name in ("train", "val", "test")
        }
        self.texts = {name: [normalise(t) for t in s.texts] for name, s in sets.items()}
        self.truth = {name: np.asarray(s.labels) for name, s in sets.items()}


def svm(c: float = classifier.SVM_C, **extra: Any) -> LinearSVC:
    return LinearSVC(C=c, max_iter=10_000, random_state=0, **extra)


def fit(data: Data, features: FeatureUnion, model: Any) -> dict[str, Any]:
    """Fit on train; decision scores or probabilities on val and test, and the fit time."""
    train = features.fit_transform(data.texts["train"])
    started = time.perf_counter()
    model.fit(train, data.truth["train"])
    out: dict[str, Any] = {"model": model, "features": features, "classes": model.classes_}
    out["seconds"] = time.perf_counter() - started
    for split in ("val", "test"):
        matrix = features.transform(data.texts[split])
        if hasattr(model, "decision_function"):
            out[f"{split}_dec"] = np.asarray(model.decision_function(matrix))
        if hasattr(model, "predict_proba"):
            out[f"{split}_proba"] = np.asarray(model.predict_proba(matrix))
    out["train_matrix"] = train
    return out


def word_terms(fitted: dict[str, Any], data: Data, split: str, *, stop: bool = False) -> dict:
    """Per message, for the label the model picks: coverage, idf coverage, support (as `scope`),
    and the share of its word bigrams in the vocabulary."""
    best = fitted[f"{split}_dec"].argmax(axis=1)
    return terms_of(fitted["features"], fitted["model"].coef_, data.texts[split], best, stop=stop)


def terms_of(
    features: FeatureUnion,
    coef: np.ndarray,
    texts: list[str],
    best: np.ndarray,
    *,
    stop: bool = False,
) -> dict:
    """`word_terms` for any fitted features, coefficients, texts and their picked labels."""
    words = dict(features.transformer_list)["words"]
    analyze, vocabulary, idf = words.build_analyzer(), words.vocabulary_, words.idf_
    unknown = float(idf.max())
    terms = {k: np.zeros(len(texts)) for k in ("coverage", "idf_coverage", "support", "bigrams")}
    for row, (text, label) in enumerate(zip(texts, best, strict=True)):
        tokens = analyze(text)
        unigrams = [t for t in tokens if " " not in t and not (stop and t in ENGLISH_STOP_WORDS)]
        bigrams = [t for t in tokens if " " in t]
        terms["bigrams"][row] = np.mean([b in vocabulary for b in bigrams]) if bigrams else 1.0
        if not unigrams:
            continue
        columns = [vocabulary.get(t) for t in unigrams]
        weights = np.array([unknown if c is None else idf[c] for c in columns])
        known = np.array([c is not None for c in columns])
        favoured = np.array([c is not None and coef[label, c] > 0 for c in columns])
        terms["coverage"][row] = known.mean()
        terms["idf_coverage"][row] = weights[known].sum() / weights.sum()
        terms["support"][row] = weights[favoured].sum() / weights.sum()
    return terms


def summary(features: FeatureUnion, model: LinearSVC, texts: list[str]) -> np.ndarray:
    """Per message, what a learned out-of-scope score may weigh: max and second SVM score,
    margin, coverage, idf coverage, support, known bigrams, log word count, energy (T 0.1)."""
    decision = np.asarray(model.decision_function(features.transform(texts)))
    ordered = np.sort(decision, axis=1)
    terms = terms_of(features, model.coef_, texts, decision.argmax(axis=1))
    analyze = dict(features.transformer_list)["words"].build_analyzer()
    return np.column_stack(
        [
            ordered[:, -1],
            ordered[:, -2],
            ordered[:, -1] - ordered[:, -2],
            *(terms[k] for k in ("coverage", "idf_coverage", "support", "bigrams")),
            np.log1p([sum(" " not in t for t in analyze(text)) for text in texts]),
            0.1 * logsumexp(decision / 0.1, axis=1),
        ]
    )


def held_out_classes(data: Data, folds: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Pseudo out-of-scope rows from train alone: in each fold, features and an SVM are fitted on
    the other folds' rows of 4/5 of the intents; the held-out intents' rows play out-of-scope
    queries, the held-out rows of the rest in-scope ones. Returns (summaries, 1 = in scope)."""
    texts = np.asarray(data.texts["train"], dtype=object)
    truth = data.truth["train"]
    rng = np.random.default_rng(0)
    classes = np.unique(truth)
    group = dict(zip(rng.permutation(classes), np.arange(len(classes)) % folds, strict=True))
    intent_fold = np.array([group[c] for c in truth])
    row_fold = np.zeros(len(truth), dtype=int)
    for c in classes:
        rows = np.flatnonzero(truth == c)
        row_fold[rng.permutation(rows)] = np.arange(len(rows)) % folds
    summaries, in_scope = [], []
    for k in range(folds):
        fitted = (intent_fold != k) & (row_fold != k)
        features = classifier._features(with_pairs=True)
        model = svm().fit(features.fit_transform(list(texts[fitted])), truth[fitted])
        scored = (row_fold == k) | (intent_fold == k)
        summaries.append(summary(features, model, list(texts[scored])))
        in_scope.append(intent_fold[scored] != k)
    return np.vstack(summaries), np.concatenate(in_scope)


def mixed_halves(data: Data, count: int) -> list[str]:
    """Made-up out-of-scope rows: the first half of a train sentence, the second half of one of
    another intent (seeded)."""
    texts, truth = data.texts["train"], data.truth["train"]
    rng = np.random.default_rng(0)
    rows: list[str] = []
    while len(rows) < count:
        i, j = rng.integers(len(texts), size=2)
        first, second = texts[i].split(), texts[j].split()
        if truth[i] != truth[j] and len(first) > 1 and len(second) > 1:
            rows.append(" ".join(first[: (len(first) + 1) // 2] + second[len(second) // 2 :]))
    return rows


def judge(score: Split, predicted: Split, data: Data, show_test: bool) -> str:
    val_score, test_score = score
    truth_val, truth_test = data.truth["val"], data.truth["test"]
    oos = np.sort(val_score[truth_val == OOS_LABEL])
    threshold = np.nextafter(oos[int(np.ceil(0.8 * len(oos))) - 1], np.inf)

    def figures(s: np.ndarray, p: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
        out = truth == OOS_LABEL
        kept = s >= threshold
        return 100 * ((p == truth) & kept)[~out].mean(), 100 * (~kept)[out].mean()

    auroc = roc_auc_score(truth_val != OOS_LABEL, val_score)
    line = f"{auroc:6.4f}  {figures(val_score, predicted[0], truth_val)[0]:6.2f}"
    if show_test:
        in_scope, recall = figures(test_score, predicted[1], truth_test)
        line += f"  {in_scope:6.2f} / {recall:5.1f}"
    return line


def top2(scores: np.ndarray) -> np.ndarray:
    ordered = np.sort(scores, axis=1)
    return ordered[:, -1] - ordered[:, -2]


def scores_of(data: Data) -> dict[str, tuple[Split, Split]]:
    """name -> ((val score, test score), (val labels, test labels))."""
    out: dict[str, tuple[Split, Split]] = {}
    base = fit(data, classifier._features(with_pairs=True), svm())
    classes = base["classes"]
    label: Split = tuple(classes[base[f"{s}_dec"].argmax(1)] for s in ("val", "test"))  # type: ignore[assignment]
    dec = (base["val_dec"], base["test_dec"])
    terms = (word_terms(base, data, "val"), word_terms(base, data, "test"))

    def each(f: Callable[[np.ndarray, dict], np.ndarray]) -> Split:
        return f(dec[0], terms[0]), f(dec[1], terms[1])

    scope = each(lambda d, t: d.max(1) + t["coverage"] + 0.5 * t["support"])
    out["scope: max SVM + 1.0 coverage + 0.5 support"] = (scope, label)
    out["raw max SVM score"] = (each(lambda d, t: d.max(1)), label)
    for temperature in (0.116, 1.0):
        out[f"max prob. T {temperature}"] = (
            each(lambda d, t, T=temperature: softmax(d / T, 1).max(1)),
            label,
        )
    out["margin top-1 - top-2"] = (each(lambda d, t: top2(d)), label)
    out["scope + margin"] = ((scope[0] + top2(dec[0]), scope[1] + top2(dec[1])), label)
    out["energy T 0.1"] = (each(lambda d, t: 0.1 * logsumexp(d / 0.1, 1)), label)

    def negative_entropy(d: np.ndarray, t: dict) -> np.ndarray:
        p = softmax(d / 0.116, 1)
        return (p * np.log(p + 1e-300)).sum(1)

    out["-entropy T 0.116"] = (each(negative_entropy), label)
    out["idf-weighted coverage + 0.5 support"] = (
        each(lambda d, t: d.max(1) + t["idf_coverage"] + 0.5 * t["support"]),
        label,
    )
    out["max + 1.5 coverage + 0.5 support"] = (
        each(lambda d, t: d.max(1) + 1.5 * t["coverage"] + 0.5 * t["support"]),
        label,
    )
    for weight in (0.25, 0.5):
        out[f"scope + {weight} known bigrams"] = (
            (scope[0] + weight * terms[0]["bigrams"], scope[1] + weight * terms[1]["bigrams"]),
            label,
        )
    stop = (word_terms(base, data, "val", stop=True), word_terms(base, data, "test", stop=True))
    out["coverage and support over non-stop words"] = (
        (
            dec[0].max(1) + stop[0]["coverage"] + 0.5 * stop[0]["support"],
            dec[1].max(1) + stop[1]["coverage"] + 0.5 * stop[1]["support"],
        ),
        label,
    )

    def probabilistic(name: str, model: Any) -> None:
        fitted = fit(data, classifier._features(with_pairs=True), model)
        proba = (fitted["val_proba"], fitted["test_proba"])
        own: Split = tuple(fitted["classes"][p.argmax(1)] for p in proba)  # type: ignore[assignment]
        print(f"# {name}: fitted in {fitted['seconds']:.1f} s", flush=True)
        out[f"{name}: max prob."] = ((proba[0].max(1), proba[1].max(1)), own)
        out[f"{name}: log prob. + coverage + 0.5 support"] = (
            tuple(  # type: ignore[arg-type]
                np.log(p.max(1)) + t["coverage"] + 0.5 * t["support"]
                for p, t in zip(proba, terms, strict=True)
            ),
            own,
        )
        out[f"scope + {name} max prob."] = (
            (scope[0] + proba[0].max(1), scope[1] + proba[1].max(1)),
            label,
        )
        agree = tuple((o == lab).astype(float) for o, lab in zip(own, label, strict=True))
        out[f"scope + 0.25 x agreement with {name}"] = (
            (scope[0] + 0.25 * agree[0], scope[1] + 0.25 * agree[1]),
            label,
        )
        if "val_dec" in fitted and isinstance(model, LogisticRegression):
            logits = (fitted["val_dec"], fitted["test_dec"])
            out[f"{name}: max logit"] = ((logits[0].max(1), logits[1].max(1)), own)
            out[f"{name}: energy"] = ((logsumexp(logits[0], 1), logsumexp(logits[1], 1)), own)

    probabilistic("calibrated SVM", CalibratedClassifierCV(svm(), method="sigmoid", cv=3))
    probabilistic("LR C 10", LogisticRegression(C=10, max_iter=3000))
    probabilistic("LR C 50", LogisticRegression(C=50, max_iter=3000))

    blocks = dict(classifier._features(with_pairs=True).transformer_list)
    rows = np.arange(len(label[0])), np.arange(len(label[1]))
    best = (dec[0].argmax(1), dec[1].argmax(1))
    for name, keep in (("word-only SVM", ["words", "pairs"]), ("char-only SVM", ["chars"])):
        view = fit(data, FeatureUnion([(k, blocks[k]) for k in keep]), svm())
        out[f"scope + {name}'s score for the label"] = (
            (
                scope[0] + view["val_dec"][rows[0], best[0]],
                scope[1] + view["test_dec"][rows[1], best[1]],
            ),
            label,
        )
    plain = fit(data, FeatureUnion([(k, blocks[k]) for k in ("words", "chars")]), svm())
    plain_label: Split = tuple(
        plain["classes"][plain[f"{s}_dec"].argmax(1)] for s in ("val", "test")
    )  # type: ignore[assignment]
    out["no word pairs: max + coverage + 0.5 support"] = (
        (
            plain["val_dec"].max(1) + terms[0]["coverage"] + 0.5 * terms[0]["support"],
            plain["test_dec"].max(1) + terms[1]["coverage"] + 0.5 * terms[1]["support"],
        ),
        plain_label,
    )
    for name, model in (
        ("SVM C 0.3", svm(0.3)),
        ("SVM C 1.5", svm(1.5)),
        ("SVM balanced", svm(class_weight="balanced")),
    ):
        other = fit(data, classifier._features(with_pairs=True), model)
        other_terms = (word_terms(other, data, "val"), word_terms(other, data, "test"))
        other_label: Split = tuple(
            other["classes"][other[f"{s}_dec"].argmax(1)] for s in ("val", "test")
        )  # type: ignore[assignment]
        out[f"{name}: scope"] = (
            tuple(  # type: ignore[arg-type]
                other[f"{s}_dec"].max(1) + t["coverage"] + 0.5 * t["support"]
                for s, t in zip(("val", "test"), other_terms, strict=True)
            ),
            other_label,
        )

    # Per-class normalisation with out-of-fold scores of the training rows' own labels.
    truth = np.searchsorted(classes, data.truth["train"])
    oof = np.zeros((len(truth), len(classes)))
    splitter = StratifiedKFold(3, shuffle=True, random_state=0)
    for train, held in splitter.split(np.zeros(len(truth)), truth):
        oof[held] = (
            svm()
            .fit(base["train_matrix"][train], truth[train])
            .decision_function(base["train_matrix"][held])
        )
    own = oof[np.arange(len(truth)), truth]
    mean = np.array([own[truth == c].mean() for c in range(len(classes))])
    out["max - label's out-of-fold mean + coverage + support"] = (
        tuple(  # type: ignore[arg-type]
            d.max(1) - mean[b] + mean.mean() + t["coverage"] + 0.5 * t["support"]
            for d, b, t in zip(dec, best, terms, strict=True)
        ),
        label,
    )

    # Mahalanobis distance to the class means in an LSA space (shared covariance).
    for dims in (100, 300):
        svd = TruncatedSVD(dims, random_state=0).fit(base["train_matrix"])

        def embed(matrix: Any, svd: TruncatedSVD = svd) -> np.ndarray:
            z = svd.transform(matrix)
            return z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)

        z_train = embed(base["train_matrix"])
        centres = np.vstack([z_train[truth == c].mean(0) for c in range(len(classes))])
        residual = z_train - centres[truth]
        precision = np.linalg.inv(residual.T @ residual / len(truth) + 1e-3 * np.eye(dims))
        maha = []
        for split in ("val", "test"):
            z = embed(base["features"].transform(data.texts[split]))
            d = np.column_stack(
                [np.einsum("ij,jk,ik->i", z - c, precision, z - c) for c in centres]
            )
            maha.append(-d.min(1))
        out[f"LSA {dims}: -Mahalanobis"] = ((maha[0], maha[1]), label)
        spread = np.std(maha[0][data.truth["val"] != OOS_LABEL]) / np.std(
            scope[0][data.truth["val"] != OOS_LABEL]
        )
        out[f"LSA {dims}: scope + 0.25 x -Mahalanobis"] = (
            (scope[0] + 0.25 * maha[0] / spread, scope[1] + 0.25 * maha[1] / spread),
            label,
        )

    # Disagreement: labels of 5 SVMs, each fitted on 4/5 of train, agreeing with the full model's.
    matrices = [base["features"].transform(data.texts[split]) for split in ("val", "test")]
    for seed in range(4):
        agree = [np.zeros(len(label[0])), np.zeros(len(label[1]))]
        splitter = StratifiedKFold(5, shuffle=True, random_state=seed)
        for train, _ in splitter.split(np.zeros(len(truth)), truth):
            bag = svm().fit(base["train_matrix"][train], truth[train])
            for i, matrix in enumerate(matrices):
                agree[i] += (bag.decision_function(matrix).argmax(1) == best[i]) / 5
        out[f"scope + 0.25 x agreement of 5 bags (folds seed {seed})"] = (
            (scope[0] + 0.25 * agree[0], scope[1] + 0.25 * agree[1]),
            label,
        )

    # A label for made-up out-of-scope rows: the first half of a train sentence joined to the
    # second half of another intent's (pseudo outliers from in-scope data alone, no oos_train).
    mixed, mixed_label = mixed_halves(data, 3000), "~mixed"
    features = classifier._features(with_pairs=True)
    with_mixed = svm().fit(
        features.fit_transform(data.texts["train"] + mixed),
        np.concatenate([data.truth["train"], [mixed_label] * len(mixed)]),
    )
    column = list(with_mixed.classes_).index(mixed_label)
    kept = np.array([k for k in range(len(with_mixed.classes_)) if k != column])
    parts = []
    for split in ("val", "test"):
        d = np.asarray(with_mixed.decision_function(features.transform(data.texts[split])))
        best = kept[d[:, kept].argmax(1)]
        t = terms_of(features, with_mixed.coef_, data.texts[split], best)
        own = d[:, kept].max(1) + t["coverage"] + 0.5 * t["support"]
        parts.append((own, d[:, column], with_mixed.classes_[best]))
    for weight in (0.0, 0.25, 0.5):
        out[f"mixed-halves label: scope - {weight} x its score"] = (
            (parts[0][0] - weight * parts[0][1], parts[1][0] - weight * parts[1][1]),
            (parts[0][2], parts[1][2]),
        )

    # Learned: logistic regression on the summaries, pseudo out-of-scope from held-out intents.
    pseudo, in_scope = held_out_classes(data)
    summaries = [summary(base["features"], base["model"], data.texts[s]) for s in ("val", "test")]
    for name, columns in (("max, coverage, support", [0, 3, 5]), ("all 10 terms", slice(None))):
        learned = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
        learned.fit(pseudo[:, columns], in_scope)
        out[f"LR on held-out intents: {name}"] = (
            (
                learned.decision_function(summaries[0][:, columns]),
                learned.decision_function(summaries[1][:, columns]),
            ),
            label,
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "benchmarks")
    parser.add_argument("--test", action="store_true", help="also print the test columns")
    args = parser.parse_args()
    data = Data.clinc150(args.data)
    header = "score | val AUROC | val in-scope @ val recall 0.80"
    print(header + (" | test in-scope / oos recall" if args.test else ""))
    for name, (score, predicted) in scores_of(data).items():
        print(f"{name:58s} {judge(score, predicted, data, args.test)}", flush=True)


if __name__ == "__main__":
    main()
