"""A case told fact by fact after an answer: "昨天下午三点", then "2000", then "工商银行卡".

    .venv/bin/python benchmarks/facts_one_by_one.py

After the answer on each problem with guided details (data/dialogue.yaml), in each language, a
time is given first (it is read as a fact, as before), then an amount alone and a payment method
alone, in every form below. Prints, as JSON, how many of those second messages were noted as the
fact they are, how many were read as something else (a follow-up, a clarification, the scope
menu), and how many were noted with a wrong value. The rules measured are whichever `walletbot`
is imported (`PYTHONPATH` to measure another checkout).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from walletbot.brain.decision_rules import Reason
from walletbot.brain.engine import Engine
from walletbot.brain.faq import load_faq
from walletbot.dialogue import rules
from walletbot.dialogue.playbook import load_dialogue
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Context

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 12, 6, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
FIRST = {"zh": "昨天下午三点", "en": "3pm yesterday"}
# (message, field, value): written apart from the parser's patterns, as users type them.
ALONE = {
    "zh": [
        ("500", "amount", "500"),
        ("2000", "amount", "2000"),
        ("1,299.00", "amount", "1299"),
        ("两千块", "amount", "2000 CNY"),
        ("五百", "amount", "500"),
        ("300元", "amount", "300 CNY"),
        ("支付宝", "method", "Alipay"),
        ("微信", "method", "WeChat Pay"),
        ("用的是支付宝", "method", "Alipay"),
        ("工商银行卡", "method", "bank card"),
        ("建行的卡", "method", "bank card"),
        ("信用卡", "method", "credit card"),
        ("银联卡", "method", "UnionPay"),
    ],
    "en": [
        ("500", "amount", "500"),
        ("2000", "amount", "2000"),
        ("1,299.00", "amount", "1299"),
        ("120.50", "amount", "120.5"),
        ("visa", "method", "Visa"),
        ("by visa", "method", "Visa"),
        ("mastercard", "method", "Mastercard"),
        ("my chase bank card", "method", "bank card"),
        ("credit card", "method", "credit card"),
        ("paypal", "method", "PayPal"),
        ("apple pay", "method", "mobile pay"),
        ("debit card", "method", "debit card"),
    ],
}


def main() -> None:
    engine = Engine.build(load_faq(ROOT / "data/faq.yaml"))
    config = load_dialogue(ROOT / "data/dialogue.yaml")
    ends: Counter[str] = Counter()
    for problem in config.problems:
        for entry in problem.entries:
            for lang in ("zh", "en"):
                ctx = Context("bot", lang, None, True, NOW, config)  # type: ignore[arg-type]
                answered = DialogueState(
                    answered=entry, topic=engine.kb.faq(entry).questions.get(lang)[0]
                )
                first = rules.respond(FIRST[lang], answered, ctx, engine)
                for text, field, value in ALONE[lang]:
                    out = rules.respond(text, first.state, ctx, engine)
                    ends[_end(out, field, value)] += 1
    print(json.dumps({"module": rules.__file__, "turns": sum(ends.values()), "ends": dict(ends)}))


def _end(out: rules.Outcome, field: str, value: str) -> str:
    decision = out.decision
    if decision is None or decision.reason is not Reason.DETAILS:
        return f"read as {decision.reason.value if decision else 'nothing'}"
    fact = out.state.facts.get(field)
    return "noted right" if fact is not None and fact["value"] == value else "noted wrong"


if __name__ == "__main__":
    main()
