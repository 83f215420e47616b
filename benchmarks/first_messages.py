"""Held-out first messages: urgent cases and requests for a person, as the conversation reads them.

    .venv/bin/python benchmarks/first_messages.py [--show]

Files in data/eval, written by helpers that saw neither the rules nor their tests:
- triage_fresh.csv: 240 messages (120 per language), each labelled `scam` (someone posing as
  support or the platform wants a code, a transfer, a fee) and `risk` (money already taken, the
  account compromised now), or neither: how-tos, hypotheticals, ordinary problems in the same
  words. A flagged message must be handed to a person at once, first in line (reason `urgent`);
  the flags are counted too (the warnings the user reads depend on them).
- triage_fresh2.csv: 200 more (100 per language), written later, with other scenarios (hijacked
  friends' accounts borrowing money, fake courier compensation, romance and job scams, malicious
  approvals, skimming), scored once after the rules were settled on the first set;
- triage_fresh3.csv: 160 more (80 per language), each a different situation, scored once
  after the rules were settled on the first two; the urgency model (brain/urgency_model.py)
  learns from these three sets, so with it their figures are in sample;
- triage_fresh4.csv: 160 more (80 per language), never learned from, scored with the rules alone
  and with each version of the model;
- triage_fresh5.csv and triage_fresh6.csv: 160 more each (80 per language), written after the
  model was settled and each scored once: the held-out figures of triage with its rules and the
  model;
- person_requests_fresh.csv: 200 messages (100 per language), explicit requests for a person,
  alone or with another topic, and look-alikes that mention support without asking for it;
  person_requests_fresh2.csv, 160 more, scored once after the rules were settled on the first.

Each message opens a fresh conversation (`dialogue.rules.respond`, nobody on duty or someone on
duty makes no difference to these two), through the shield and the engine as in the service.
Prints a table and a last line of JSON.

The rules measured are whichever `walletbot` is imported: run it with PYTHONPATH pointing at
another checkout's `src` to measure that one (the JSON names the module's file).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from walletbot.brain.decision_rules import Action, Reason
from walletbot.brain.engine import Decision, Engine
from walletbot.brain.faq import load_faq
from walletbot.dialogue import rules
from walletbot.dialogue.playbook import DialogueConfig, load_dialogue
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Context
from walletbot.settings import bundled_data_path

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 12, 9, 16, 40, tzinfo=ZoneInfo("Asia/Shanghai"))


def read_rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():  # a set not written yet
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def first_reply(engine: Engine, config: DialogueConfig, text: str) -> Decision | None:
    """The reply to a message that opens a conversation (nobody on duty makes no difference)."""
    ctx = Context("bot", None, None, True, NOW, config)  # type: ignore[arg-type]
    return rules.respond(text, DialogueState(), ctx, engine).decision


def person_outcome(decision: Decision | None) -> str:
    """ "handed off: user_request" (or its reason), "details first" (the facts an agent needs are
    asked before the hand-off), or "kept" with the bot."""
    if decision is None:
        return "kept"
    if decision.action is Action.HANDOFF:
        return f"handed off: {decision.reason.value}"
    return "details first" if decision.reason is Reason.DETAILS else "kept"


def triage_row(
    engine: Engine,
    config: DialogueConfig,
    row: dict[str, str],
    suffix: str,
    count: Callable[[str, str], None],
    show: bool,
) -> None:
    """One message of a triage set: handed off as urgent or not, and the warnings given."""
    decision = first_reply(engine, config, row["text"])
    urgent = decision is not None and decision.reason is Reason.URGENT
    flags = set(decision.flags) if decision else set()
    wanted = row["scam"] == "1" or row["risk"] == "1"
    lang = row["lang"]
    count(
        f"triage{suffix}_{'flagged' if wanted else 'none'}_{lang}",
        "urgent" if urgent else "not urgent",
    )
    if row["scam"] == "1":
        count(f"scam{suffix}_{lang}", "warned" if "scam_risk" in flags else "not warned")
    if row["risk"] == "1":
        count(f"risk{suffix}_{lang}", "steps given" if "account_at_risk" in flags else "no steps")
    if show and urgent != wanted:
        print(f"triage{suffix} {'missed' if wanted else 'false alarm'}: {row['text']!r}")


def person_row(
    engine: Engine,
    config: DialogueConfig,
    row: dict[str, str],
    suffix: str,
    count: Callable[[str, str], None],
    show: bool,
) -> None:
    """One message of a set of requests for a person and look-alikes."""
    outcome = person_outcome(first_reply(engine, config, row["text"]))
    wanted = row["asks_for_person"] == "1"
    count(f"person{suffix}_{'request' if wanted else 'look_alike'}_{row['lang']}", outcome)
    # A request handed off for urgency is handed off; a look-alike handed off as urgent
    # (someone posing as support) is no false alarm.
    handed = outcome.startswith("handed off") if wanted else outcome == "handed off: user_request"
    if show and handed != wanted:
        print(
            f"person{suffix} {'missed' if wanted else 'false alarm'}: {row['text']!r} ({outcome})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each message not read as meant")
    args = parser.parse_args()
    engine = Engine.build(load_faq(bundled_data_path("faq.yaml")))
    config = load_dialogue(bundled_data_path("dialogue.yaml"))
    counts: dict[str, Counter[str]] = {}

    def count(group: str, outcome: str) -> None:
        counts.setdefault(group, Counter())[outcome] += 1

    triage_sets = [
        ("", "triage_fresh.csv"),
        ("2", "triage_fresh2.csv"),
        ("3", "triage_fresh3.csv"),
        ("4", "triage_fresh4.csv"),
        ("5", "triage_fresh5.csv"),
        ("6", "triage_fresh6.csv"),
    ]
    for suffix, name in triage_sets:
        for row in read_rows(REPO / "data" / "eval" / name):
            triage_row(engine, config, row, suffix, count, args.show)
    for suffix, name in [("", "person_requests_fresh.csv"), ("2", "person_requests_fresh2.csv")]:
        for row in read_rows(REPO / "data" / "eval" / name):
            person_row(engine, config, row, suffix, count, args.show)
    print("| messages | outcomes |\n|---|---|")
    for group, found in sorted(counts.items()):
        print(f"| {group} | " + ", ".join(f"{k} {v}" for k, v in sorted(found.items())) + " |")
    result = {"module": rules.__file__, "counts": {k: dict(v) for k, v in counts.items()}}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
