"""data/eval/when_answers.json, the held-out answers to "when did it happen?", is well formed."""

import json
from datetime import date, datetime
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "eval" / "when_answers.json"


def test_every_answer_has_a_language_a_text_and_a_value_in_one_of_the_stated_forms() -> None:
    corpus = json.loads(DATA.read_text(encoding="utf-8"))
    now = datetime.fromisoformat(corpus["now"])
    langs = [answer["lang"] for answer in corpus["answers"]]
    assert langs.count("en") == langs.count("zh") == 60
    for answer in corpus["answers"]:
        assert answer["text"].strip()
        value = answer["value"]
        if value is None:
            continue
        moment = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        day = moment.date() if isinstance(moment, datetime) else moment
        assert day <= now.date(), answer  # what happened, not what is yet to come
