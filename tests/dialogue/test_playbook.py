"""data/dialogue.yaml: loaded, and its mistakes named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from walletbot.brain.faq import FaqError, KnowledgeBase
from walletbot.dialogue.playbook import load_dialogue
from walletbot.settings import bundled_data_path


def test_the_bundled_file_is_valid_against_the_faq(kb: KnowledgeBase) -> None:
    config = load_dialogue(bundled_data_path("dialogue.yaml"), kb)
    assert config.problem_for("transfer-failed") is not None
    assert set(config.urgent_help) == {"zh", "en"}


def test_an_unknown_entry_and_a_missing_language_are_named(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    raw = yaml.safe_load(bundled_data_path("dialogue.yaml").read_text(encoding="utf-8"))
    raw["problems"][0]["entries"].append("no-such-entry")
    del raw["urgent_help"]["en"]
    path = tmp_path / "dialogue.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FaqError) as error:
        load_dialogue(path, kb)
    assert any("no-such-entry" in e for e in error.value.errors)
    assert any("'en'" in e for e in error.value.errors)
