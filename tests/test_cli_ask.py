"""`walletbot ask`: the decision as JSON, its records as objects with named fields."""

import json

import pytest

from walletbot.cli import main


def ask(text: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["ask", text]) == 0
    result: dict[str, object] = json.loads(capsys.readouterr().out)
    return result


def test_a_hand_off_names_its_reason_and_priority(capsys: pytest.CaptureFixture[str]) -> None:
    decision = ask("转人工", capsys)
    assert decision["action"] == "handoff"
    assert decision["handoff"] == {"reason": "user_request", "priority": "normal"}
    assert decision["lang"] == "zh"


def test_suggestions_are_objects(capsys: pytest.CaptureFixture[str]) -> None:
    decision = ask("提现", capsys)
    assert decision["action"] == "clarify"
    suggestions = decision["suggestions"]
    assert isinstance(suggestions, list) and suggestions
    assert all(set(s) == {"faq_id", "question", "score"} for s in suggestions)


def test_an_english_answer(capsys: pytest.CaptureFixture[str]) -> None:
    decision = ask("How do I withdraw to my bank card?", capsys)
    assert decision["action"] == "answer"
    assert decision["faq_id"] == "withdraw-how"
    assert decision["lang"] == "en" and decision["handoff"] is None
