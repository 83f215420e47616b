import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from walletbot.brain.faq import REQUIRED_CATEGORIES, FaqError, load_faq, parse_faq

FAQ_PATH = Path(__file__).resolve().parents[2] / "data" / "faq.yaml"


def minimal() -> dict[str, Any]:
    return {
        "categories": [
            {"id": cid, "names": {"zh": f"类别{cid}", "en": f"Category {cid}"}}
            for cid in REQUIRED_CATEGORIES
        ],
        "faqs": [
            {
                "id": "password-forgot",
                "category": "password_reset",
                "questions": {"zh": ["忘记密码怎么办"], "en": ["I forgot my password"]},
                "answers": {"zh": "请点击忘记密码。", "en": "Tap Forgot password."},
            }
        ],
    }


def errors_of(raw: dict[str, Any]) -> list[str]:
    with pytest.raises(FaqError) as caught:
        parse_faq(raw)
    return caught.value.errors


def test_minimal_file_is_valid() -> None:
    kb = parse_faq(minimal())
    assert [f.id for f in kb.faqs] == ["password-forgot"]
    assert kb.training_pairs() == [
        ("忘记密码怎么办", "password_reset"),
        ("I forgot my password", "password_reset"),
    ]


def test_unknown_category_names_the_entry() -> None:
    raw = minimal()
    raw["faqs"][0]["category"] = "weather"
    assert errors_of(raw) == ["faqs[0] (id: password-forgot).category: unknown category 'weather'"]


def test_duplicate_faq_id() -> None:
    raw = minimal()
    raw["faqs"].append(copy.deepcopy(raw["faqs"][0]))
    assert errors_of(raw) == ["faqs (id: password-forgot): duplicate id"]


def test_at_most_one_entry_answers_each_courtesy() -> None:
    raw = minimal()
    twin = copy.deepcopy(raw["faqs"][0])
    twin["id"] = "password-forgot-again"
    raw["faqs"][0]["courtesy"] = twin["courtesy"] = "thanks"
    raw["faqs"].append(twin)
    assert errors_of(raw) == ["faqs: 2 entries answer courtesy 'thanks'; at most one may"]


def test_missing_language_names_entry_and_field() -> None:
    raw = minimal()
    del raw["faqs"][0]["answers"]["en"]
    (error,) = errors_of(raw)
    assert error.startswith("faqs[0] (id: password-forgot).answers.en:")


def test_empty_answer_is_rejected() -> None:
    raw = minimal()
    raw["faqs"][0]["answers"]["zh"] = "   "
    (error,) = errors_of(raw)
    assert error.startswith("faqs[0] (id: password-forgot).answers.zh:")


def test_missing_required_category() -> None:
    raw = minimal()
    raw["categories"] = [c for c in raw["categories"] if c["id"] != "greeting"]
    assert "categories: required category 'greeting' is missing" in errors_of(raw)


def test_unknown_key_is_rejected() -> None:
    raw = minimal()
    raw["faqs"][0]["answer"] = "typo of answers"
    (error,) = errors_of(raw)
    assert "faqs[0] (id: password-forgot).answer" in error


def test_every_error_is_reported_at_once() -> None:
    raw = minimal()
    raw["faqs"].append(copy.deepcopy(raw["faqs"][0]))
    raw["faqs"][1]["category"] = "weather"
    assert len(errors_of(raw)) == 2


def test_load_faq_reports_yaml_syntax_errors(tmp_path: Path) -> None:
    path = tmp_path / "faq.yaml"
    path.write_text("faqs: [unclosed", encoding="utf-8")
    with pytest.raises(FaqError, match="not valid YAML"):
        load_faq(path)


def test_load_faq_reports_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FaqError, match="cannot read file"):
        load_faq(tmp_path / "absent.yaml")


def test_bundled_faq_meets_the_content_bar() -> None:
    kb = load_faq(FAQ_PATH)
    assert len(kb.faqs) >= 60
    for faq in kb.faqs:
        assert len(faq.questions.zh) >= 3, faq.id
        assert len(faq.questions.en) >= 3, faq.id
    categories = {c.id for c in kb.categories}
    assert set(REQUIRED_CATEGORIES) <= categories
    assert {f.category for f in kb.faqs} == categories  # every category has answers


def test_bundled_faq_round_trips_through_yaml() -> None:
    raw = yaml.safe_load(FAQ_PATH.read_text(encoding="utf-8"))
    assert parse_faq(raw).faqs == load_faq(FAQ_PATH).faqs
