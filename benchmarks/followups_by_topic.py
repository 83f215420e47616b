"""Short questions on one aspect of a topic ("要多久", "any fees?", "it failed"), after a list or an
answer on that topic: answered with the entry the topic and the aspect point to?

    .venv/bin/python benchmarks/followups_by_topic.py [--show]

Seven topics (withdrawal, transfer, top-up, refund, identity check, frozen account, bank card),
each with the aspects the FAQ answers for it (its time, fee, failure, cancelling, where the
money goes, …) and the entry that answers each; two to four phrasings per aspect and language.
Each phrasing is sent after the topic's list (the bot's clarification of "提现", "transfer", …,
when it gives one) and after the answer on the topic (how to withdraw, …), through the dialogue
rules with the engine trained on this checkout's FAQ. Written with the rules in view, so not held
out: a yardstick for follow-ups read in a topic (rule 6), not a test of them. Prints, per
language and context, how many were answered right, answered with another entry, or got
something else (a list, the scope menu, a hand-off), as JSON. `PYTHONPATH` measures another
checkout's rules.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import datetime
from pathlib import Path
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

# topic: (its vague message in Chinese and in English, the entry answered on it, {aspect: entry})
TOPICS = {
    "withdrawal": (
        {"zh": "提现", "en": "withdrawal"},
        "withdraw-how",
        {
            "time": "withdrawal-time",
            "fee": "fees-withdrawal",
            "failed": "withdrawal-failed",
            "pending": "withdrawal-pending",
        },
    ),
    "transfer": (
        {"zh": "转账", "en": "transfer"},
        "transfer-how",
        {
            "time": "transfer-time",
            "fee": "fees-transfer-payment",
            "failed": "transfer-failed",
            "cancel": "transfer-cancel",
        },
    ),
    "top-up": (
        {"zh": "充值", "en": "top up"},
        "top-up-methods",
        {"fee": "fees-top-up", "failed": "top-up-not-credited"},
    ),
    "refund": (
        {"zh": "退款", "en": "my refund"},
        "refund-request-merchant",
        {"time": "refund-how-long", "where": "refund-where-goes", "missing": "refund-not-received"},
    ),
    "identity check": (
        {"zh": "实名认证的问题", "en": "verification"},
        "kyc-how",
        {"time": "kyc-review-time", "failed": "kyc-failed"},
    ),
    "frozen account": (
        {"zh": "账户被冻结了", "en": "account frozen"},
        "account-frozen-why",
        {"time": "account-unfreeze", "undo": "account-unfreeze"},
    ),
    "bank card": (
        {"zh": "绑卡", "en": "bank card"},
        "card-bind-how",
        {"failed": "card-bind-failed", "remove": "card-unbind", "which": "card-supported"},
    ),
}
ASPECTS = {
    "zh": {
        "time": ["要多久", "多久到账", "要等多长时间", "几天能好"],
        "fee": ["手续费呢", "收费吗", "要手续费吗"],
        "failed": ["失败了怎么办", "一直失败"],
        "pending": ["一直在审核", "还在处理中"],
        "cancel": ["能取消吗", "可以撤回吗"],
        "where": ["钱退到哪", "退到哪里"],
        "missing": ["一直没收到", "还没到"],
        "undo": ["怎么解", "怎么恢复"],
        "remove": ["怎么解绑", "怎么删掉"],
        "which": ["支持哪些银行", "哪些卡能用"],
    },
    "en": {
        "time": ["how long?", "how long does it take", "how many days"],
        "fee": ["any fees?", "is there a fee", "how much does it cost"],
        "failed": ["what if it fails?", "it failed"],
        "pending": ["it's still pending", "still in review"],
        "cancel": ["can I cancel it?", "can I undo it"],
        "where": ["where does it go", "card or balance?"],
        "missing": ["never arrived", "haven't got it"],
        "undo": ["how do I undo it", "how to get it back"],
        "remove": ["how do I remove it", "delete it"],
        "which": ["which banks?", "what cards work"],
    },
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="list the questions not answered right")
    args = parser.parse_args()
    engine = Engine.build(load_faq(ROOT / "data/faq.yaml"))
    config = load_dialogue(ROOT / "data/dialogue.yaml")
    report: dict[str, object] = {"module": rules.__file__}
    for lang in ("zh", "en"):
        ctx = Context("bot", lang, None, True, NOW, config)  # type: ignore[arg-type]
        for where in ("list", "answer"):
            ends: Counter[str] = Counter()
            for vague, answered, aspects in TOPICS.values():
                if where == "list":
                    state = rules.respond(vague[lang], DialogueState(), ctx, engine).state
                    if not state.offered:
                        continue
                else:
                    topic = engine.kb.faq(answered).questions.get(lang)[0]  # type: ignore[arg-type]
                    state = DialogueState(answered=answered, topic=topic)
                for aspect, meant in aspects.items():
                    for text in ASPECTS[lang][aspect]:
                        reply = rules.respond(text, state, ctx, engine).decision
                        got = reply.faq_id if reply and reply.action is Action.ANSWER else None
                        end = "right" if got == meant else ("wrong" if got else "other")
                        ends[end] += 1
                        if args.show and end != "right":
                            print(f"{lang} after the {where} on {answered}: {text} -> {got or end}")
            report[f"{lang}_after_{where}"] = dict(sorted(ends.items()))
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
