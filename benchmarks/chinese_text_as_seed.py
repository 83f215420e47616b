"""Chinese text masked as a seed phrase, and glued seed phrases left unmasked (JSON last line).

    .venv/bin/python benchmarks/chinese_text_as_seed.py [--mnemonics 20000] [--seed 23]

A Chinese mnemonic written without separators is a run of 12, 15, 18, 21 or 24 common characters,
as is much ordinary Chinese ("昨天客服问我要短信验证码" is twelve). The shield masks such a run
when it is a whole clause, passes the BIP-39 checksum (one run in eight or so, two lists) and does
not read like text. Both errors are measured here on messages that consist of one such run, shield
applied as in the service:

- text masked: each clause of a phrase length (a run of list characters between others, as users
  type it), and every stretch of a phrase length inside the runs (what the shield tests in a
  message that speaks of mnemonics), each as a message of its own; how many the shield turns into
  "[seed phrase]". Sources: the FAQ's
  Chinese answers (`faq_answers`, the texts the test for text was set on), its Chinese phrasings,
  the held-out Chinese queries (data/eval/faq_*.csv), the research articles in ../shared/seeds
  (held out: real prose from outside the project) and generated user messages
  (tests/support/triage_corpus.py, and facts given unasked from details_corpus.py);
- mnemonics left: `--mnemonics` random valid mnemonics (simplified and traditional lists, 12 to
  24 characters), each glued into one line, the share not masked.

The shield measured is whichever `walletbot` is imported: run it with PYTHONPATH pointing at
another checkout's `src` to measure that one (the JSON names the module's file).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from mnemonic import Mnemonic

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(REPO))  # for tests.support: the generators live with the tests

from tests.support import details_corpus, triage_corpus  # noqa: E402

from walletbot.brain.faq import load_faq  # noqa: E402
from walletbot.brain.shield import shield  # noqa: E402

LANGS = ("chinese_simplified", "chinese_traditional")
LENGTHS = (12, 15, 18, 21, 24)
LISTED = frozenset(w for lang in LANGS for w in Mnemonic(lang).wordlist)
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
NOT_LISTED = re.compile(f"[^{''.join(sorted(LISTED))}]")


def clauses(texts: Iterable[str]) -> Iterator[str]:
    """The runs of list characters between other characters, of a phrase length."""
    for text in texts:
        for run in HAN_RUN.findall(text):
            yield from (p for p in NOT_LISTED.split(run) if len(p) in LENGTHS)


def windows(texts: Iterable[str]) -> Iterator[str]:
    """Every stretch of a phrase length inside the runs of list characters."""
    for text in texts:
        for run in HAN_RUN.findall(text):
            for part in NOT_LISTED.split(run):
                for n in LENGTHS:
                    yield from (part[i : i + n] for i in range(len(part) - n + 1))


def generated_messages(count: int, seed: int) -> list[str]:
    choices = random.Random(seed)
    makers = [
        triage_corpus.theft_report,
        triage_corpus.look_alike,
        triage_corpus.posing_as_support,
        triage_corpus.support_question,
    ]
    out = []
    while len(out) < count:
        lang, text = choices.choice(makers)(choices)
        if lang == "zh":
            out.append(text)
    while len(out) < 2 * count:
        case = details_corpus.unasked(choices)
        if case.lang == "zh":
            out.append(case.text)
    return out


def sources(seed: int) -> dict[str, list[str]]:
    kb = load_faq(REPO / "data" / "faq.yaml")
    queries = []
    for name in ("faq_val.csv", "faq_test.csv"):
        with open(REPO / "data" / "eval" / name, encoding="utf-8") as f:
            queries += [row[0] for row in csv.reader(f)]
    seeds_dir = REPO.parent / "shared" / "seeds"
    articles = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    return {
        "faq_answers": [e.answers.zh for e in kb.faqs],
        "faq_phrasings": [q for e in kb.faqs for q in e.questions.zh],
        "held_out_queries": queries,
        "research_articles": articles,
        "generated_messages": generated_messages(4000, seed),
    }


def masked_as_seed(text: str) -> bool:
    return "seed_phrase" in {f.kind for f in shield(text).findings}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mnemonics", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--show", type=int, default=3)
    args = parser.parse_args()
    report: dict[str, object] = {"module": shield.__module__}
    print("| source | clauses masked | stretches masked |\n|---|---:|---:|")
    for name, texts in sources(args.seed).items():
        row = {}
        for unit, cut in (("clauses", clauses), ("stretches", windows)):
            seen = sorted(set(cut(texts)))
            masked = [s for s in seen if masked_as_seed(s)]
            row[unit] = {"of": len(seen), "masked": len(masked), "examples": masked[: args.show]}
        print(
            f"| {name} | " + " | ".join(f"{r['masked']} of {r['of']}" for r in row.values()) + " |"
        )
        report[name] = row
    choices = random.Random(args.seed)
    left = []
    for i in range(args.mnemonics):
        lang = LANGS[i % 2]
        entropy = choices.randbytes(choices.choice([16, 20, 24, 28, 32]))
        glued = "".join(Mnemonic(lang).to_mnemonic(entropy).split())
        if not masked_as_seed(glued):
            left.append(glued)
    print(f"glued mnemonics left unmasked: {len(left)} of {args.mnemonics}")
    report["mnemonics"] = {
        "drawn": args.mnemonics,
        "left": len(left),
        "examples": left[: args.show],
    }
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
