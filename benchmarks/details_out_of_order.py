"""Guided details answered out of order: a fact for another field than the one asked.

    .venv/bin/python benchmarks/details_out_of_order.py [--per-kind 300] [--seed 23]

Users answer what they have in mind: "周一下午两点" to "what amount?", "$250 yesterday at 10am" to
"when?". For each kind of answer drawn from tests/support/details_corpus.py (a Chinese or an
English time, an amount with 万/千/k, and a time, an amount and perhaps a card's last digits in one
message), `--per-kind` answers with a fixed seed are recorded (`turns.record`) while each field
is asked, from that field on. Counted per kind, over the fields asked that the answer does not
give:
- *kept*: every fact the answer gives is stored as meant, and the field asked is asked again;
- *stored as the field asked*: the field asked got a value the answer does not give (an agent
  reads "2" as the amount of "2pm").
Prints a table and a last line of JSON. The rules measured are whichever `walletbot` is imported
(`PYTHONPATH` to measure another checkout's `src`; the JSON names the module).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(REPO))  # for tests.support: the generators live with the tests

from tests.support.details_corpus import (  # noqa: E402
    NOW,
    en_time,
    magnitude_amount,
    read_right,
    unasked,
    zh_time,
)
from tests.support.secret_corpus import Choices  # noqa: E402

from walletbot.dialogue import turns  # noqa: E402
from walletbot.dialogue.state import Details, DialogueState  # noqa: E402

FIELDS = ("when", "amount", "method", "reference")


def _single(
    generate: Callable[[Choices], object],
) -> Callable[[Choices], tuple[str, dict[str, str]]]:
    def draw(c: Choices) -> tuple[str, dict[str, str]]:
        case = generate(c)
        return case.text, {case.field: case.expected}  # type: ignore[attr-defined]

    return draw


def _several(c: Choices) -> tuple[str, dict[str, str]]:
    case = unasked(c)
    return case.text, case.expected


KINDS = {
    "zh_time": _single(zh_time),
    "en_time": _single(en_time),
    "amount": _single(magnitude_amount),
    "several": _several,
}


def _meant(field: str, expected: str, value: str | None) -> bool:
    if value is None:
        return False
    if field == "amount" and " " not in expected:  # the generator's number, currency aside
        return read_right(_Case(field, expected), value)
    return value == expected


class _Case:
    def __init__(self, field: str, expected: str) -> None:
        self.field, self.expected = field, expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=300)
    parser.add_argument("--seed", type=int, default=23)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", module="cn2an")
    choices = random.Random(args.seed)
    report: dict[str, object] = {"module": turns.__file__}
    print("| answer | turns | kept | stored as the field asked |\n|---|---:|---:|---:|")
    for kind, draw in KINDS.items():
        total = kept = misfiled = 0
        for _ in range(args.per_kind):
            text, expected = draw(choices)
            for asked in (f for f in FIELDS if f not in expected):
                pending = Details(
                    "transfer_failed_or_pending", FIELDS[FIELDS.index(asked) :], "waiting"
                )
                state, left = turns.record(DialogueState(details=pending), text, False, NOW)
                facts = state.facts
                stored = all(
                    _meant(f, v, (facts.get(f) or {}).get("value"))
                    for f, v in expected.items()
                    if f in pending.remaining
                )
                asked_again = left is not None and left.remaining[0] == asked
                total += 1
                kept += stored and asked_again
                misfiled += bool((facts.get(asked) or {}).get("value"))
        report[kind] = {"turns": total, "kept": kept, "stored_as_asked": misfiled}
        print(f"| {kind} | {total} | {kept} | {misfiled} |")
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
