"""Held-out answers to "when did it happen?", read by the guided details' parser.

    .venv/bin/python benchmarks/when_answers.py [--show]

data/eval/when_answers.json was written by someone who had not seen the parser or its tests:
120 answers as users type them (60 English, 60 Chinese), each with the value a careful agent would
record under the conventions in the file (a day alone is a date, a part of the day has a default
hour, an hour that could be morning or afternoon has no value). Per language: answers read as
meant, with no value where one was meant, with a wrong value (the worst: an agent trusts it), and
of the answers meant to have none, how many got one anyway. Prints a table and a last line of
JSON.

The parser measured is whichever `walletbot` is imported: run it with PYTHONPATH pointing at
another checkout's `src` to measure that one (the JSON names the module's file).
"""

from __future__ import annotations

import argparse
import json
import warnings
from collections import Counter
from datetime import datetime
from pathlib import Path

from walletbot.dialogue import details

REPO = Path(__file__).resolve().parent.parent


def outcome(expected: str | None, value: str | None) -> str:
    if expected is None:
        return "kept without value" if value is None else "value where none was meant"
    if value is None:
        return "no value"
    return "as meant" if value == expected else "wrong value"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "data" / "eval" / "when_answers.json")
    parser.add_argument("--show", action="store_true", help="print each answer not read as meant")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", module="cn2an")  # it warns on what it cannot read
    corpus = json.loads(args.data.read_text(encoding="utf-8"))
    now = datetime.fromisoformat(corpus["now"])
    counts: dict[str, Counter[str]] = {"en": Counter(), "zh": Counter()}
    for answer in corpus["answers"]:
        value = details.parse_when(answer["text"], now)["value"]
        result = outcome(answer["value"], value)
        counts[answer["lang"]][result] += 1
        if args.show and result not in ("as meant", "kept without value"):
            print(f"{answer['text']!r}: {value} (meant {answer['value']})")
    kinds = [
        "as meant",
        "no value",
        "wrong value",
        "kept without value",
        "value where none was meant",
    ]
    print("| language | " + " | ".join(kinds) + " |")
    print("|---|" + "---:|" * len(kinds))
    for lang, found in counts.items():
        print(f"| {lang} | " + " | ".join(str(found[k]) for k in kinds) + " |")
    result = {"module": details.__file__, "counts": {k: dict(v) for k, v in counts.items()}}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
