"""Chinese numerals in running text as digits ("两千块" -> "2000块"), by cn2an."""

from __future__ import annotations

import warnings

import cn2an


def as_digits(text: str) -> str:
    """cn2an's transform, without the warning it gives for a numeral word it cannot read alone
    ("百万保障", "万一"): those stay as written, which is what the callers want; the warning is a
    notice to a developer, not a fault in the user's message."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return str(cn2an.transform(text, "cn2an"))
