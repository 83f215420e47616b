"""data/eval/amount_answers.json, the held-out answers to "how much?", is well formed."""

import json
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "eval" / "amount_answers.json"


def test_every_answer_has_a_plain_amount_and_a_currency_code_or_none() -> None:
    corpus = json.loads(DATA.read_text(encoding="utf-8"))
    langs = [answer["lang"] for answer in corpus["answers"]]
    assert langs.count("en") == langs.count("zh") == 60
    for answer in corpus["answers"]:
        assert answer["text"].strip()
        if answer["amount"] is not None:
            assert Decimal(answer["amount"]) > 0, answer
            assert "," not in answer["amount"], answer
        currency = answer["currency"]
        assert currency is None or (currency.isupper() and 3 <= len(currency) <= 4), answer
