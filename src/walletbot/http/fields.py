"""The strings the API accepts, each declared once: the same declaration is the OpenAPI schema
clients see and the validation the server runs (docs/safety.md, "What the API accepts").

Refused in every string: NUL (PostgreSQL cannot store it in text; the patterns exclude it) and
unpaired surrogates (no UTF-8 encoding; JSON can still carry one as `"\\ud800"`). A JSON Schema
string is a string of Unicode characters, which an unpaired surrogate is not; the patterns do not
name surrogates because schema validators built on Rust's regex (schemathesis' among them) cannot
compile them. Message text must also hold a character that is not white space, and stay within
the configured length. White space is listed character by character (those of `str.isspace`):
`\\s` differs between regex dialects.

Each refusal has its own error type (`empty_text`, `text_too_long`, `nul_character`,
`unpaired_surrogate`, `invalid_cursor`), which the error handler reports as the error's code.
A wrap validator checks these first, for the precise code; the declared constraints then run as
declared, so the schema and the server cannot disagree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Annotated, Any, TypeVar

from fastapi import Path
from pydantic import (
    BaseModel,
    Field,
    StringConstraints,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    create_model,
)
from pydantic_core import PydanticCustomError

from walletbot.http.errors import InvalidInput

# Every character for which str.isspace() is true.
BLANK = r"\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
FORBIDDEN = r"\x00"
SAFE_PATTERN = rf"^[^{FORBIDDEN}]*$"
# Leading white space, one visible character, then anything allowed: linear, no backtracking.
TEXT_PATTERN = rf"^[{BLANK}]*[^{BLANK}{FORBIDDEN}][^{FORBIDDEN}]*$"
CURSOR_PATTERN = r"^[0-9]{0,18}$"  # an event id (or empty: from the start)
CONVERSATION_ID_PATTERN = r"^[0-9a-f]{32}$"
TICKET_NUMBER_PATTERN = r"^WB-[0-9]{8}-[0-9]{6,18}$"
# BIGINT: ids beyond it do not exist, and would overflow the driver. Declared as `lt=ID_BOUND`:
# OpenAPI numbers pass through floats in FastAPI, and 2**63 is exact as one, 2**63 - 1 is not.
ID_BOUND = 2**63
MAX_ID = ID_BOUND - 1

DEFAULT_MAX_MESSAGE_CHARS = 2000
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _refuse_unstorable(value: str) -> None:
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "the text contains a NUL character")
    if not value.isascii() and _SURROGATE.search(value):
        raise PydanticCustomError(
            "unpaired_surrogate", "the text contains an unpaired UTF-16 surrogate"
        )


def is_blank(text: str) -> bool:
    """Nothing a person can see: whitespace and invisible format characters (zero-width spaces and
    joiners, BOMs) only."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def _safe(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    if isinstance(value, str):
        _refuse_unstorable(value)
    return handler(value)


def _message_text_checks(max_chars: int) -> WrapValidator:
    def check(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if isinstance(value, str):
            _refuse_unstorable(value)
            if is_blank(value):
                raise PydanticCustomError("empty_text", "text is empty")
            if len(value) > max_chars:
                raise PydanticCustomError(
                    "text_too_long",
                    "text is {length} characters; the limit is {limit}",
                    {"length": len(value), "limit": max_chars},
                )
        return handler(value)

    return WrapValidator(check)


@cache
def message_text(max_chars: int) -> Any:
    """A user's or an agent's message: 1..max_chars characters, not all white space."""
    return Annotated[
        str,
        StringConstraints(min_length=1, max_length=max_chars, pattern=TEXT_PATTERN),
        _message_text_checks(max_chars),
    ]


def safe_string(min_length: int | None = None, max_length: int | None = None) -> Any:
    """Any other free text (ids chosen by clients, comments): storable as it is."""
    return Annotated[
        str,
        StringConstraints(min_length=min_length, max_length=max_length, pattern=SAFE_PATTERN),
        WrapValidator(_safe),
    ]


def _cursor(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    if isinstance(value, str) and not re.fullmatch(CURSOR_PATTERN, value):
        raise PydanticCustomError("invalid_cursor", "the cursor is not an event id")
    return handler(value)


# `?after=` and `Last-Event-ID`: the last event id the client has seen ("": from the start).
Cursor = Annotated[
    str,
    StringConstraints(pattern=CURSOR_PATTERN),
    WrapValidator(_cursor),
    Field(description="The last event id seen; empty for everything from the start."),
]
MessageText = message_text(DEFAULT_MAX_MESSAGE_CHARS)

# Path parameters: ids the service itself hands out. Anything else cannot exist (422, before any
# lookup: a NUL in a path would otherwise reach PostgreSQL).
ConversationId = Annotated[
    str, Path(pattern=CONVERSATION_ID_PATTERN, description="As returned on creation.")
]
TicketNumber = Annotated[str, Path(pattern=TICKET_NUMBER_PATTERN, examples=["WB-20261128-000042"])]


Model = TypeVar("Model", bound=BaseModel)


@cache
def with_text_limit(model: type[Model], max_chars: int) -> type[Model]:
    """`model`, its `text` field limited to `max_chars` (the configured limit): one subclass per
    limit, so the OpenAPI document of each app states the limit that app enforces."""
    if max_chars == DEFAULT_MAX_MESSAGE_CHARS:
        return model
    field = model.model_fields["text"]
    limited = create_model(
        model.__name__,
        __base__=model,
        __module__=model.__module__,
        text=(message_text(max_chars), Field(description=field.description)),
    )
    return limited


def check_text(text: str, max_chars: int) -> str:
    """Refuse what no one should process, in a service: empty or blank text, or text over the
    limit (the same codes as the field validators above)."""
    if is_blank(text):
        raise InvalidInput("text is empty", code="empty_text", field="text")
    if len(text) > max_chars:
        raise InvalidInput(
            f"text is {len(text)} characters; the limit is {max_chars}",
            code="text_too_long",
            field="text",
            limit=max_chars,
        )
    return text
