"""The bilingual knowledge base (data/faq.yaml): schema, loading and validation.

The file is reviewed like code, so every error names the entry and the field at fault.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from walletbot.brain.text import LANGS, Lang

REQUIRED_CATEGORIES = (
    "password_reset",
    "failed_transaction",
    "account_security",
    "account_frozen",
    "top_up_withdrawal",
    "app_technical",
    "privacy_data",
    "complaint",
    "human_agent",
    "greeting",
)
OUT_OF_SCOPE = "out_of_scope"

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(_Strict):
    zh: NonEmpty
    en: NonEmpty

    def get(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


class BilingualList(_Strict):
    zh: list[NonEmpty] = Field(min_length=1)
    en: list[NonEmpty] = Field(min_length=1)

    def get(self, lang: Lang) -> list[str]:
        return self.zh if lang == "zh" else self.en


class OptionalBilingualList(_Strict):
    zh: list[NonEmpty] = Field(default_factory=list)
    en: list[NonEmpty] = Field(default_factory=list)

    def get(self, lang: Lang) -> list[str]:
        return self.zh if lang == "zh" else self.en


class Category(_Strict):
    id: Identifier
    names: Bilingual
    examples: OptionalBilingualList = Field(default_factory=OptionalBilingualList)


Courtesy = Literal["hello", "thanks", "goodbye"]


class FaqEntry(_Strict):
    id: Identifier
    category: Identifier
    questions: BilingualList
    answers: Bilingual
    # The entry that answers thanks or a goodbye said alone ("明白了，谢谢", "拜拜", "that's all"),
    # or a message of greetings and nothing else ("你好，在吗", "i need help"), whatever its
    # phrasings' likeness: at most one entry per kind.
    courtesy: Courtesy | None = None


class FaqFile(_Strict):
    categories: list[Category] = Field(min_length=1)
    faqs: list[FaqEntry] = Field(min_length=1)


class FaqError(ValueError):
    """The FAQ file is invalid; `errors` lists every problem found, each naming its entry."""

    def __init__(self, source: str, errors: list[str]) -> None:
        self.source = source
        self.errors = errors
        super().__init__(
            f"{source}: {len(errors)} error(s)\n" + "\n".join(f"- {e}" for e in errors)
        )

    def __reduce__(self) -> tuple[type[FaqError], tuple[str, list[str]]]:
        return FaqError, (self.source, self.errors)  # crosses from the training process intact


@dataclass(frozen=True)
class Phrasing:
    """One way of asking an FAQ question: the unit the retriever indexes."""

    faq_id: str
    lang: Lang
    text: str


@dataclass(frozen=True)
class KnowledgeBase:
    categories: tuple[Category, ...]
    faqs: tuple[FaqEntry, ...]

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def faq(self, faq_id: str) -> FaqEntry:
        return self._faq_by_id[faq_id]

    @cached_property
    def _faq_by_id(self) -> dict[str, FaqEntry]:
        return {faq.id: faq for faq in self.faqs}

    def courtesy_entry(self, kind: Courtesy) -> str | None:
        """The id of the entry that answers a greeting, thanks or a goodbye, if the FAQ has one."""
        return next((f.id for f in self.faqs if f.courtesy == kind), None)

    def phrasings(self) -> Iterator[Phrasing]:
        for faq in self.faqs:
            for lang in LANGS:
                for question in faq.questions.get(lang):
                    yield Phrasing(faq.id, lang, question)

    def training_pairs(self) -> list[tuple[str, str]]:
        """(text, category) pairs for the classifier: every FAQ phrasing plus the category examples."""
        by_id = {f.id: f.category for f in self.faqs}
        pairs = [(p.text, by_id[p.faq_id]) for p in self.phrasings()]
        for category in self.categories:
            for lang in LANGS:
                pairs.extend((text, category.id) for text in category.examples.get(lang))
        return pairs


def _locate(entries: list[object], loc: tuple[int | str, ...], kind: str) -> str:
    """Turn a pydantic error location into 'faqs[3] (id: password-forgot).answers.zh'."""
    head = f"{kind}[{loc[0]}]"
    index = loc[0]
    if isinstance(index, int) and index < len(entries):
        entry = entries[index]
        if isinstance(entry, dict) and "id" in entry:
            head += f" (id: {entry['id']})"
    rest = ".".join(str(part) for part in loc[1:])
    return f"{head}.{rest}" if rest else head


def parse_faq(raw: object, source: str = "faq") -> KnowledgeBase:
    """Validate already-parsed YAML; raise FaqError listing every problem."""
    try:
        parsed = FaqFile.model_validate(raw)
    except ValidationError as exc:
        raw_dict = raw if isinstance(raw, dict) else {}
        schema_errors = []
        for err in exc.errors():
            loc = err["loc"]
            if len(loc) >= 2 and loc[0] in ("categories", "faqs"):
                entries = raw_dict.get(loc[0]) or []
                where = _locate(entries, tuple(loc[1:]), str(loc[0]))
            else:
                where = ".".join(str(part) for part in loc) or "file"
            schema_errors.append(f"{where}: {err['msg']}")
        raise FaqError(source, schema_errors) from None

    errors: list[str] = []
    category_ids = [c.id for c in parsed.categories]
    for cid, count in Counter(category_ids).items():
        if count > 1:
            errors.append(f"categories (id: {cid}): duplicate id")
    for cid in REQUIRED_CATEGORIES:
        if cid not in category_ids:
            errors.append(f"categories: required category {cid!r} is missing")
    if OUT_OF_SCOPE in category_ids:
        errors.append(
            f"categories (id: {OUT_OF_SCOPE}): reserved for messages outside every category"
        )
    for fid, count in Counter(f.id for f in parsed.faqs).items():
        if count > 1:
            errors.append(f"faqs (id: {fid}): duplicate id")
    for kind, count in Counter(f.courtesy for f in parsed.faqs if f.courtesy).items():
        if count > 1:
            errors.append(f"faqs: {count} entries answer courtesy {kind!r}; at most one may")
    known = set(category_ids)
    for index, faq in enumerate(parsed.faqs):
        if faq.category not in known:
            errors.append(
                f"faqs[{index}] (id: {faq.id}).category: unknown category {faq.category!r}"
            )
    if errors:
        raise FaqError(source, errors)
    return KnowledgeBase(tuple(parsed.categories), tuple(parsed.faqs))


def load_faq(path: Path | str) -> KnowledgeBase:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FaqError(str(path), [f"cannot read file: {exc.strerror}"]) from None
    except yaml.YAMLError as exc:
        raise FaqError(str(path), [f"not valid YAML: {exc}"]) from None
    return parse_faq(raw, str(path))
