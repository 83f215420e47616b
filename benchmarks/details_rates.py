"""How often the guided details' parser reads generated answers as they are meant.

    .venv/bin/python benchmarks/details_rates.py [--per-kind 300] [--seed 21]

For each kind in tests/support/details_corpus.py (the generators the hypothesis tests use),
`--per-kind` answers drawn with a fixed seed: Chinese times with hedges ("大概昨天下午三点左右"),
English ones ("around 3pm yesterday"), Chinese weekdays said on any day of two years ("上周五"),
amounts with 万/千/k/w ("1.2万", "1.5k usdt"); and facts given unasked after an answer, a time,
an amount and perhaps a card's last digits in one message ("昨天下午三点，转了1500元，卡尾号1234"),
counted right only when every one is read. A value counts when it says what the answer
means; no value (the answer is kept as written) and a wrong value (worse: an agent reads it) are
counted apart. Prints a table and a last line of JSON.

The parser measured is whichever `walletbot` is imported: run it with PYTHONPATH pointing at
another checkout's `src` to measure that one (the JSON names the module's file).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(REPO))  # for tests.support: the generators live with the tests

from tests.support.details_corpus import GENERATORS, read_right, unasked  # noqa: E402

from walletbot.dialogue import details  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=300)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", module="cn2an")  # it warns on what it cannot read
    choices = random.Random(args.seed)
    rates: dict[str, dict[str, float]] = {}
    print("| kind | read as meant | no value | a wrong value |\n|---|---:|---:|---:|")
    for kind, generate in GENERATORS.items():
        right = missing = 0
        for _ in range(args.per_kind):
            case = generate(choices)
            value = details.parse(case.field, case.text, case.now)["value"]
            right += read_right(case, value)
            missing += value is None
        wrong = args.per_kind - right - missing
        rates[kind] = {
            k: n / args.per_kind for k, n in (("right", right), ("none", missing), ("wrong", wrong))
        }
        print(f"| {kind} | {right}/{args.per_kind} | {missing} | {wrong} |")
    # Facts given unasked after an answer: every fact of the message must be read as meant.
    right = missing = 0
    for _ in range(args.per_kind):
        case = unasked(choices)
        found, _rest = details.volunteered(case.text, case.now)
        values = {field: fact["value"] for field, fact in found.items()}
        right += values == case.expected
        missing += values != case.expected and all(
            values.get(f) in (None, v) for f, v in case.expected.items()
        )
    wrong = args.per_kind - right - missing
    rates["unasked"] = {
        k: n / args.per_kind for k, n in (("right", right), ("none", missing), ("wrong", wrong))
    }
    print(f"| unasked (all facts of a message) | {right}/{args.per_kind} | {missing} | {wrong} |")
    print(json.dumps({"module": details.__file__, "per_kind": args.per_kind, "rates": rates}))


if __name__ == "__main__":
    main()
