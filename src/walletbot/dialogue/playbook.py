"""data/dialogue.yaml: the guided-details questions per problem, and the urgent help shown when
nobody is on duty. Loaded once at start-up; every error names the field at fault."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from walletbot.brain.faq import Bilingual, FaqError, Identifier, KnowledgeBase, NonEmpty
from walletbot.brain.text import Lang

FieldName = Literal["when", "amount", "method", "reference"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Problem(_Strict):
    id: Identifier
    entries: list[Identifier] = Field(min_length=1)  # FAQ entries that are about this problem
    fields: list[FieldName] = Field(min_length=1)


class UrgentHelp(_Strict):
    intro: NonEmpty
    freeze: NonEmpty
    hotline: NonEmpty
    self_service: NonEmpty


class DialogueConfig(_Strict):
    fields: dict[FieldName, Bilingual]
    problems: list[Problem]
    urgent_help: dict[Lang, UrgentHelp]

    def problem_for(self, faq_id: str | None) -> Problem | None:
        return next((p for p in self.problems if faq_id in p.entries), None)

    def problem(self, problem_id: str) -> Problem | None:
        return next((p for p in self.problems if p.id == problem_id), None)

    def question(self, field: str, lang: Lang) -> str:
        return self.fields[field].get(lang)  # type: ignore[index]

    def check_against(self, kb: KnowledgeBase) -> list[str]:
        """Cross-file errors: every entry named here must exist in the FAQ, every field asked."""
        known = {faq.id for faq in kb.faqs}
        errors = [
            f"problems (id: {p.id}).entries: unknown FAQ entry {entry!r}"
            for p in self.problems
            for entry in p.entries
            if entry not in known
        ]
        errors += [
            f"problems (id: {p.id}).fields: no question for {field!r}"
            for p in self.problems
            for field in p.fields
            if field not in self.fields
        ]
        return errors


def load_dialogue(path: Path | str, kb: KnowledgeBase | None = None) -> DialogueConfig:
    path = Path(path)
    try:
        config = DialogueConfig.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise FaqError(str(path), [f"cannot read file: {exc.strerror}"]) from None
    except yaml.YAMLError as exc:
        raise FaqError(str(path), [f"not valid YAML: {exc}"]) from None
    except ValidationError as exc:
        errors = [
            f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in exc.errors()
        ]
        raise FaqError(str(path), errors) from None
    missing = [lang for lang in ("zh", "en") if lang not in config.urgent_help]
    errors = [f"urgent_help: missing language {lang!r}" for lang in missing]
    errors += config.check_against(kb) if kb is not None else []
    if errors:
        raise FaqError(str(path), errors)
    return config
