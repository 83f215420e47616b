"""Where the data that comes with the code lives (the FAQ, the dialogue's questions, the examples
the urgency model learns from)."""

from __future__ import annotations

from pathlib import Path


def bundled_data_path(name: str) -> Path:
    """data/<name> of the checkout this package runs from (the file to edit), else the copy an
    installed wheel carries inside the package (pyproject.toml, force-include)."""
    package = Path(__file__).resolve().parents[1]
    in_checkout = package.parents[1] / "data" / name
    return in_checkout if in_checkout.exists() else package / "data" / name
