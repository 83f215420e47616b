"""A short question right after a clarification's list, held out: is it answered as meant?

    .venv/bin/python benchmarks/after_list.py [--show]

data/eval/after_list.json holds 84 pairs (42 per language), written apart from the dialogue rules
by someone who saw none of them: a vague first message the bot answers with a list ("提现的问题",
"transfer"), then a short question leaning on it ("手续费呢？", "can I cancel it?"), with the FAQ
entry a person would answer it with (on the list or not), or none. Used for nothing but this
report. Each first message is sent to a new conversation through the dialogue rules (the engine
trained on this checkout's FAQ); when its list is not the one recorded, the pair counts as
"list changed". Prints, per language, how the second messages ended, as JSON. The rules measured
are whichever `walletbot` is imported (`PYTHONPATH` to measure another checkout).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from walletbot.brain.decision_rules import Action
from walletbot.brain.engine import Engine
from walletbot.brain.faq import load_faq
from walletbot.dialogue import rules
from walletbot.dialogue.playbook import load_dialogue
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Context

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 12, 6, 12, tzinfo=ZoneInfo("Asia/Shanghai"))


def ending(item: dict[str, Any], engine: Engine, ctx: dict[str, Context]) -> str:
    """How the second message ended: right, wrong, no entry (expect null), list, hand-off, …"""
    lang = item["lang"]
    first = rules.respond(item["first"], DialogueState(), ctx[lang], engine)
    if list(first.state.offered) != item["offered"]:
        return "list changed"
    second = rules.respond(item["second"], first.state, ctx[lang], engine).decision
    if second is None:
        return "silent"
    if second.action is Action.ANSWER and second.faq_id:
        if item["expect"] is None:
            return "answered (no entry fits)"
        return "right" if second.faq_id == item["expect"] else "wrong"
    if second.action is Action.HANDOFF:
        return "hand-off"
    return f"{second.action.value} ({second.reason.value})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="list the pairs not answered right")
    args = parser.parse_args()
    engine = Engine.build(load_faq(ROOT / "data/faq.yaml"))
    config = load_dialogue(ROOT / "data/dialogue.yaml")
    ctx = {lang: Context("bot", lang, None, True, NOW, config) for lang in ("zh", "en")}  # type: ignore[arg-type]
    items = json.loads((ROOT / "data/eval/after_list.json").read_text(encoding="utf-8"))["items"]
    report: dict[str, Any] = {"module": rules.__file__}
    for lang in ("zh", "en"):
        ends: Counter[str] = Counter()
        for item in (i for i in items if i["lang"] == lang):
            end = ending(item, engine, ctx)
            ends[end] += 1
            if args.show and end != "right":
                print(f"{item['id']}: {item['first']} / {item['second']} -> {end}")
        report[lang] = dict(sorted(ends.items()))
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
