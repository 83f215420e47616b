"""Held-out answers to "how much was it?", read by the guided details' parser.

    .venv/bin/python benchmarks/amount_answers.py [--show]

data/eval/amount_answers.json was written by someone who had not seen the parser or its tests:
120 answers as users type them (60 English, 60 Chinese), each with the amount and currency a
careful agent would record under the conventions in the file. Per language: answers read as
meant (amount and currency), with the right amount but not the currency, with no value where
one was meant, with a wrong amount (the worst: an agent trusts it), and of the answers meant to
have none, how many got one anyway. Prints a table and a last line of JSON.

The parser measured is whichever `walletbot` is imported: run it with PYTHONPATH pointing at
another checkout's `src` to measure that one (the JSON names the module's file).
"""

from __future__ import annotations

import argparse
import json
import warnings
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

from walletbot.dialogue import details

REPO = Path(__file__).resolve().parent.parent
KINDS = [
    "as meant",
    "currency missed or wrong",
    "no value",
    "wrong amount",
    "kept without value",
    "value where none was meant",
]


def outcome(amount: str | None, currency: str | None, value: str | None) -> str:
    if amount is None:
        return "kept without value" if value is None else "value where none was meant"
    if value is None:
        return "no value"
    number, _, unit = value.partition(" ")
    try:
        same = Decimal(number) == Decimal(amount)
    except InvalidOperation:
        same = False
    if not same:
        return "wrong amount"
    return "as meant" if (unit or None) == currency else "currency missed or wrong"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "data" / "eval" / "amount_answers.json")
    parser.add_argument("--show", action="store_true", help="print each answer not read as meant")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", module="cn2an")  # it warns on what it cannot read
    corpus = json.loads(args.data.read_text(encoding="utf-8"))
    counts: dict[str, Counter[str]] = {"en": Counter(), "zh": Counter()}
    for answer in corpus["answers"]:
        value = details.parse_amount(answer["text"])["value"]
        result = outcome(answer["amount"], answer["currency"], value)
        counts[answer["lang"]][result] += 1
        if args.show and result not in ("as meant", "kept without value"):
            meant = f"{answer['amount']} {answer['currency']}"
            print(f"{answer['text']!r}: {value} (meant {meant})")
    print("| language | " + " | ".join(KINDS) + " |")
    print("|---|" + "---:|" * len(KINDS))
    for lang, found in counts.items():
        print(f"| {lang} | " + " | ".join(str(found[k]) for k in KINDS) + " |")
    result = {"module": details.__file__, "counts": {k: dict(v) for k, v in counts.items()}}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
