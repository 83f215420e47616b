"""The one gate every stored message text passes through: only masked text reaches the database."""

from __future__ import annotations

from walletbot.brain.shield import shield


def mask_for_storage(text: str) -> str:
    """Mask secrets and personal data. Deterministic, so a retried message masks the same way."""
    return shield(text).text
