"""Follow-ups that must find the sibling of the answer they follow: fees and times.

    .venv/bin/python benchmarks/followup_pairs.py [--show]

After an answer on how to send money, top up, withdraw or send crypto, a bare "手续费呢" / "is it
free?" means that operation's fees; after how to send money or withdraw, "要多久" / "how long?"
its times. Every pair below (answered entry -> the entry meant) is asked with every phrasing of
its kind, the way `dialogue.rules` reads a follow-up (`followups.combine` of the message alone and
after the answer's first question). Prints the share that finds the entry meant, per kind and
language, as JSON. The phrasings were written apart from the FAQ's; none is in it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from walletbot.brain.engine import Engine
from walletbot.brain.faq import load_faq
from walletbot.brain.text import normalise
from walletbot.dialogue import followups

ROOT = Path(__file__).resolve().parent.parent
PAIRS = {
    "fees": {
        "transfer-how": "fees-transfer-payment",
        "withdraw-how": "fees-withdrawal",
        "top-up-methods": "fees-top-up",
        "crypto-send": "fees-withdrawal",  # its phrasings include "提币手续费", "crypto withdrawal fee"
    },
    "times": {"transfer-how": "transfer-time", "withdraw-how": "withdrawal-time"},
}
ASKED = {
    "fees": {
        "zh": [
            "手续费呢",
            "手续费呢？",
            "要收费吗",
            "收手续费吗",
            "收多少钱",
            "那手续费多少",
            "要钱吗",
            "免费吗",
        ],
        "en": [
            "what about fees?",
            "and is there a fee?",
            "is there a fee?",
            "how much does it cost?",
            "is it free?",
            "any fees?",
            "does it cost anything?",
            "what's the fee",
        ],
    },
    "times": {
        "zh": ["要多久", "多久到账", "多长时间能到", "要几天", "什么时候到"],
        "en": [
            "how long does it take?",
            "how long?",
            "when will it arrive?",
            "how many days?",
            "how fast is it",
        ],
    },
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faq", type=Path, default=ROOT / "data/faq.yaml")
    parser.add_argument("--show", action="store_true", help="print each miss")
    args = parser.parse_args()
    engine = Engine.build(load_faq(args.faq))
    rates: dict[str, dict[str, float]] = {}
    for kind, pairs in PAIRS.items():
        for lang in ("zh", "en"):
            found = asked = 0
            for answered, meant in pairs.items():
                topic = engine.kb.faq(answered).questions.get(lang)[0]
                for text in ASKED[kind][lang]:
                    said = normalise(text)
                    ranked = followups.combine(
                        engine.rank(said, followups.DEPTH),
                        engine.rank(f"{topic} {said}", followups.DEPTH),
                    )
                    best = (
                        ranked[0] if ranked and ranked[0].score >= followups.MIN_SUPPORT else None
                    )
                    asked += 1
                    found += best is not None and best.faq_id == meant
                    if args.show and (best is None or best.faq_id != meant):
                        print(
                            f"{answered} -> {text!r}: {best.faq_id if best else None}, not {meant}"
                        )
            rates[f"{kind}_{lang}"] = {"found": found, "asked": asked}
    total = sum(r["found"] for r in rates.values()), sum(r["asked"] for r in rates.values())
    print(json.dumps({"rates": rates, "found": total[0], "asked": total[1]}, ensure_ascii=False))


if __name__ == "__main__":
    main()
