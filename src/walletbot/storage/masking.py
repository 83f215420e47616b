"""The one gate every text a person wrote passes through before storage (users' and agents'
messages, rating comments). The bot's replies hold none of it and are stored as sent."""

from __future__ import annotations

from walletbot.brain.shield import shield


def mask_for_storage(text: str) -> str:
    """Mask secrets and personal data. Deterministic, so a retried message masks the same way."""
    return shield(text).text
