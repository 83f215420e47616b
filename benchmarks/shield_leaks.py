"""The shield against secrets pasted the way people paste them, and against ordinary text (JSON).

    .venv/bin/python benchmarks/shield_leaks.py [--per-kind 200] [--seed 19] [--show 3]
        [--banking77 ../shared/benchmarks/banking77/test.csv]

Leak rate: for each secret kind, `--per-kind` messages drawn with a fixed seed from the generators
in tests/support/secret_corpus.py (the same ones the hypothesis tests use): the share whose masked
text still shows any of the secret (a code's digits, five characters of a password in a row, six
hidden digits of a card or ID number, a word of a seed phrase, eight hex digits of a key).

Hand-written: data/eval/pasted_secrets.csv, 61 messages written by hand after the shield and the
generators were settled, each with a fragment that must not survive; leaks per kind.
Fresh: data/eval/pasted_secrets_fresh.csv (160 messages) and ordinary_numbers_fresh.csv (160
ordinary messages with numbers, counted with the false positives), written by someone who saw
neither the shield nor its tests; a second pair written later (`*_fresh2.csv`, 150 each), a third
(`*_fresh3.csv`, 120 each), and a fourth (`*_fresh4.csv`, 120 each) kept out of every change.

False positives: how many ordinary messages the shield changes at all, over the held-out FAQ
queries (data/eval/faq_test.csv, faq_val.csv), the FAQ's own phrasings (data/faq.yaml, half of
them Chinese), the Banking77 test set (English banking questions) and, where present beside it,
Banking77 train and every CLINC150 query (timers, transfers, PINs: more numbers). A change there
is not always wrong ("make my pin 1234" is a PIN): the examples show which. `--show` prints that
many examples of each leak and each change.

`us_per_message`: the shield's time per message over Banking77 test and the FAQ queries.

The shield measured is whichever `walletbot` is imported: run it with PYTHONPATH pointing at
another checkout's `src` to measure that one (the JSON names the module's file).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(REPO))  # for tests.support.secret_corpus: the generators live with the tests

from tests.support.secret_corpus import GENERATORS, digits_of, plain  # noqa: E402

from walletbot.brain import shield as shield_module  # noqa: E402
from walletbot.brain.faq import load_faq  # noqa: E402

shield = shield_module.shield


# The held-out pairs written apart from the shield: pasted_secrets_fresh{suffix}.csv and
# ordinary_numbers_fresh{suffix}.csv.
FRESH_SETS = ("", *(str(n) for n in range(2, 22)))


def leak_rates(per_kind: int, seed: int, show: int) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for kind, generate in GENERATORS.items():
        choices = random.Random(f"{seed}-{kind}")  # a str seed is hashed with SHA-512: stable
        leaks = []
        for _ in range(per_kind):
            case = generate(choices)
            masked = shield(case.text).text
            if case.leaked(masked):
                leaks.append({"text": case.text, "masked": masked})
        out[kind] = {
            "cases": per_kind,
            "leaked": len(leaks),
            "rate": round(len(leaks) / per_kind, 4),
            "examples": leaks[:show],
        }
    return out


def hand_written_leaks(path: Path, show: int) -> dict[str, dict[str, object]]:
    """data/eval/pasted_secrets.csv: per kind, the messages whose masked text still holds the
    row's `must_not_survive` (compared as a reader sees it, and digit for digit where it has 4+)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    out: dict[str, dict[str, object]] = {}
    for row in rows:
        figures = out.setdefault(row["kind"], {"cases": 0, "leaked": 0, "examples": []})
        masked = shield(row["text"]).text
        figures["cases"] = int(str(figures["cases"])) + 1
        if _survives(row["must_not_survive"], masked):
            figures["leaked"] = int(str(figures["leaked"])) + 1
            examples = figures["examples"]
            if isinstance(examples, list) and len(examples) < show:
                examples.append({"text": row["text"], "masked": masked})
    return out


def _survives(fragment: str, masked: str) -> bool:
    seen, wanted = plain(masked).lower(), plain(fragment).lower()
    digits = digits_of(fragment)
    if len(digits) == 3 and digits == wanted:
        # Three digits (a CVV) are inside many numbers ("4417"): they survive as a number of their
        # own, in digits, words or Chinese numerals, apart or not ("three zero five", "5 4 6").
        return re.search(rf"(?<!\d){digits}(?!\d)", _numbers_read(masked)) is not None
    return wanted in seen or (len(digits) >= 4 and digits in digits_of(masked))


def _numbers_read(text: str) -> str:
    """Digit words and Chinese numerals as digits, with what stands between single digits gone."""
    text = re.sub(r"[A-Za-z]+", lambda m: str(digits_of(m[0])) or m[0], plain(text))
    text = "".join(digits_of(ch) or ch for ch in text)
    return re.sub(r"(?<=\d)[\s,，、\-.]+(?=\d(?!\d))", "", text)


def read_texts(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [row[0] for row in list(csv.reader(handle))[1:] if row]


def changed(texts: list[str], show: int) -> dict[str, object]:
    changes = [(t, shield(t).text) for t in texts]
    changes = [(t, m) for t, m in changes if t != m]
    return {
        "messages": len(texts),
        "changed": len(changes),
        "rate": round(len(changes) / max(1, len(texts)), 4),
        "examples": [{"text": t, "masked": m} for t, m in changes[:show]],
    }


def us_per_message(texts: list[str], passes: int = 5) -> float:
    """Median over `passes` passes: the machine's speed drifts within a run."""
    times = []
    for _ in range(passes):
        started = time.perf_counter()
        for text in texts:
            shield(text)
        times.append((time.perf_counter() - started) / len(texts) * 1e6)
    return round(statistics.median(times), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=200)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--show", type=int, default=3)
    parser.add_argument(
        "--banking77",
        type=Path,
        default=REPO.parent / "shared" / "benchmarks" / "banking77" / "test.csv",
    )
    args = parser.parse_args()

    ordinary = {
        "faq_test": read_texts(REPO / "data" / "eval" / "faq_test.csv"),
        "faq_val": read_texts(REPO / "data" / "eval" / "faq_val.csv"),
        "faq_phrasings": [p.text for p in load_faq(REPO / "data" / "faq.yaml").phrasings()],
    }
    for suffix in FRESH_SETS:
        name = f"ordinary_numbers_fresh{suffix}"
        ordinary[name] = read_texts(REPO / "data" / "eval" / f"{name}.csv")
    if args.banking77.exists():
        ordinary["banking77_test"] = read_texts(args.banking77)
        train = args.banking77.with_name("train.csv")  # beyond the brief: more numbers, more words
        if train.exists():
            ordinary["banking77_train"] = read_texts(train)
    clinc = args.banking77.parent.parent / "clinc150" / "data_full.json"
    if clinc.exists():
        splits = json.loads(clinc.read_text(encoding="utf-8"))
        ordinary["clinc150_all"] = [row[0] for rows in splits.values() for row in rows]
    leaks = leak_rates(args.per_kind, args.seed, args.show)
    false_positives = {name: changed(texts, args.show) for name, texts in ordinary.items()}
    # Banking77 test and the FAQ queries, as the service meets them: mostly nothing to mask.
    timing = us_per_message(
        ordinary.get("banking77_test", []) + ordinary["faq_test"] + ordinary["faq_val"]
    )
    hand_written = hand_written_leaks(REPO / "data" / "eval" / "pasted_secrets.csv", args.show)
    # Written by someone who saw neither the shield nor its tests (docs: benchmarks/README.md).
    fresh = {
        suffix: hand_written_leaks(
            REPO / "data" / "eval" / f"pasted_secrets_fresh{suffix}.csv", args.show
        )
        for suffix in FRESH_SETS
    }
    result = {
        "shield": str(Path(shield_module.__file__ or "?").resolve()),
        "leaks": leaks,
        "hand_written_leaks": hand_written,
        **{f"fresh{suffix}_leaks": leaked for suffix, leaked in fresh.items()},
        "false_positives": false_positives,
        "us_per_message": timing,
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    for kind, figures in leaks.items():
        print(f"leaked {kind:15} {figures['leaked']:4}/{figures['cases']}", file=sys.stderr)
    for kind, figures in hand_written.items():
        print(f"hand-written {kind:15} {figures['leaked']:2}/{figures['cases']}", file=sys.stderr)
    for suffix, leaked in fresh.items():
        for kind, figures in leaked.items():
            label = f"fresh{suffix} {kind:{15 - len(suffix)}}"
            print(f"{label} {figures['leaked']:2}/{figures['cases']}", file=sys.stderr)
    for name, figures in false_positives.items():
        print(f"changed {name:15} {figures['changed']:4}/{figures['messages']}", file=sys.stderr)
    print(f"µs per message {timing}", file=sys.stderr)


if __name__ == "__main__":
    main()
