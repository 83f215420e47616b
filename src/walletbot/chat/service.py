"""Rules for incoming message text shared by every endpoint that accepts one."""

from __future__ import annotations

from walletbot.errors import InvalidInput


def check_text(text: str, max_chars: int) -> str:
    """Reject what no one should process: empty or whitespace-only text, or text over the limit."""
    if not text.strip():
        raise InvalidInput("text is empty", code="empty_text", field="text")
    if len(text) > max_chars:
        raise InvalidInput(
            f"text is {len(text)} characters; the limit is {max_chars}",
            code="text_too_long",
            field="text",
            limit=max_chars,
        )
    return text
