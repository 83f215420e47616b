"""Chinese questions with their key words in English, as code-switching users write them.

    .venv/bin/python benchmarks/code_switch_rates.py [--queries data/eval/faq_test.csv ...] [--phrasings]

Every Chinese held-out query that holds a word of the list below is asked twice: as written, and
with those words in English ("提现到银行卡要多久" → "withdraw到bank card要多久"); one variant per
query, the English chosen at random (seeded). Prints, as JSON, how many variants get the same
decision as the Chinese original (action and entry), and how many are answered with the query's
expected entry, against the original. `--phrasings` asks the FAQ's own Chinese phrasings instead
(the model was trained on the originals, so they are nearly always answered). The English words come from the same list the engine's
glossary holds (brain/code_switch.py), so this measures the reading, not the list's coverage.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from pathlib import Path

from walletbot.brain.decision_rules import Action
from walletbot.brain.engine import Engine
from walletbot.brain.faq import load_faq
from walletbot.brain.text import detect_language

ROOT = Path(__file__).resolve().parent.parent
# Chinese term → how code-switching users write it in English.
ENGLISH: dict[str, tuple[str, ...]] = {
    "银行卡": ("bank card",),
    "信用卡": ("credit card",),
    "验证码": ("code", "verification code", "otp"),
    "提现": ("withdraw", "withdrawal"),
    "转账": ("transfer",),
    "手续费": ("fee", "fees"),
    "账户": ("account",),
    "账号": ("account",),
    "密码": ("password",),
    "充值": ("top up", "topup", "deposit"),
    "退款": ("refund",),
    "余额": ("balance",),
    "冻结": ("frozen", "freeze"),
    "登录": ("login", "log in"),
    "闪退": ("crash",),
    "限额": ("limit",),
    "钱包": ("wallet",),
    "被盗": ("被hack", "被hacked"),
}
_TERMS = re.compile("|".join(sorted(ENGLISH, key=len, reverse=True)))


def switched(text: str, rng: random.Random) -> str:
    return _TERMS.sub(lambda m: rng.choice(ENGLISH[m[0]]), text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--queries",
        type=Path,
        nargs="+",
        default=[ROOT / "data/eval/faq_val.csv", ROOT / "data/eval/faq_test.csv"],
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--phrasings", action="store_true", help="the FAQ's own Chinese phrasings instead"
    )
    args = parser.parse_args()
    kb = load_faq(ROOT / "data/faq.yaml")
    engine = Engine.build(kb)
    rng = random.Random(args.seed)
    rows = []
    if args.phrasings:
        rows = [
            {"text": p.text, "faq_id": p.faq_id}
            for p in kb.phrasings()
            if detect_language(p.text) == "zh"
        ]
    for path in [] if args.phrasings else args.queries:
        with path.open(encoding="utf-8") as handle:
            rows += [r for r in csv.DictReader(handle) if detect_language(r["text"]) == "zh"]
    asked = same = right_original = right_switched = 0
    examples = []
    for row in rows:
        variant = switched(row["text"], rng)
        if variant == row["text"]:
            continue
        asked += 1
        original, mixed = engine.decide(row["text"]), engine.decide(variant)
        agree = (original.action, original.faq_id) == (mixed.action, mixed.faq_id)
        same += agree
        right_original += original.action is Action.ANSWER and original.faq_id == row["faq_id"]
        right_switched += mixed.action is Action.ANSWER and mixed.faq_id == row["faq_id"]
        if not agree and len(examples) < 8:
            examples.append([variant, mixed.action.value, mixed.faq_id, row["faq_id"]])
    print(
        json.dumps(
            {
                "chinese_queries": len(rows),
                "switched": asked,
                "same_decision": same,
                "answered_right_original": right_original,
                "answered_right_switched": right_switched,
                "differing_examples": examples,
            },
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
