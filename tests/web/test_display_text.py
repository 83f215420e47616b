"""What the widget does to every text it shows (widget/text.js), run in Chromium on generated
input: bidirectional controls never survive, the shield's mask labels come out in the language
shown, and nothing else changes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page

from walletbot.brain.shield import MASKS
from walletbot.web.routes import STATIC

pytestmark = pytest.mark.browser
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
LABELS = {  # the shield's fixed English labels (brain/shield/findings.py) and what Chinese readers see
    "[password]": "[密码]",
    "[code]": "[验证码]",
    "[cvv]": "[安全码]",
    "[id number]": "[身份证号]",
    "[account number]": "[账号]",
    "[seed phrase]": "[助记词]",
    "[private key]": "[私钥]",
    "[phone]": "[手机号]",
    "[email]": "[邮箱]",
}


def test_every_label_the_shield_writes_is_localised_here() -> None:
    assert set(MASKS.values()) == set(LABELS)


@pytest.fixture(scope="module")
def text_page(browser: Browser) -> Iterator[Page]:
    page = browser.new_page()
    for name in ("i18n.js", "text.js"):  # alone, outside the widget's closure
        page.add_script_tag(content=Path(STATIC / "widget" / name).read_text(encoding="utf-8"))
    yield page
    page.close()


masks = st.sampled_from(sorted(LABELS)) | st.from_regex(r"\[card ••••[0-9]{4}\]", fullmatch=True)
plain = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters=BIDI + "[]"),
    max_size=12,
)
pieces = st.lists(masks | plain | st.sampled_from(list(BIDI)), max_size=12)


def expected(parts: list[str], lang: str) -> str:
    out = []
    for part in parts:
        if part in LABELS:
            out.append(LABELS[part] if lang == "zh" else part)
        elif part.startswith("[card ••••"):
            out.append(part.replace("[card", "[卡号") if lang == "zh" else part)
        else:
            out.append("".join(c for c in part if c not in BIDI))
    return "".join(out)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=pieces, lang=st.sampled_from(["zh", "en"]))
def test_display_text_drops_bidi_controls_and_localises_masks(
    text_page: Page, parts: list[str], lang: str
) -> None:
    shown = text_page.evaluate("([t, lang]) => displayText(t, lang)", ["".join(parts), lang])
    assert not re.search(f"[{BIDI}]", shown)
    assert shown == expected(parts, lang)
