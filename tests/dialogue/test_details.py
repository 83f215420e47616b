"""Reading what users write for the guided details (pure)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walletbot.brain.shield import shield
from walletbot.dialogue.details import parse, parse_amount, parse_method, parse_when

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("昨天下午三点", "2026-12-05T15:00"),
        ("前天", "2026-12-04T12:00"),
        ("3pm yesterday", "2026-12-05T15:00"),
        ("今天上午十点", "2026-12-06T10:00"),
        ("大概昨天晚上8点半", "2026-12-05T20:30"),
        ("12月3号", "2026-12-03T00:00"),
        ("2 days ago", "2026-12-04T12:00"),
        ("2026-12-03 14:30", "2026-12-03T14:30"),
    ],
)
def test_when(text: str, value: str) -> None:
    assert parse_when(text, NOW) == {"text": text, "value": value}


@pytest.mark.parametrize("text", ["不记得了", "上周五", "a while back"])
def test_an_unreadable_or_doubtful_time_is_kept_as_written_without_a_value(text: str) -> None:
    assert parse_when(text, NOW) == {"text": text, "value": None}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("¥1,299.00", "1299 CNY"),
        ("两千块", "2000 CNY"),
        ("200 usdt", "200 USDT"),
        ("$49.99", "49.99 USD"),
        ("大概三百美元", "300 USD"),
        ("0.5 btc", "0.5 BTC"),
        ("一千二百块", "1200 CNY"),
        ("1299", "1299"),
        ("不清楚", None),
    ],
)
def test_amount(text: str, value: str | None) -> None:
    assert parse_amount(text)["value"] == value


@given(
    amount=st.decimals(min_value=1, max_value=999_999, places=2, allow_nan=False),
    currency=st.sampled_from(
        [("¥{a}", "CNY"), ("{a}元", "CNY"), ("${a}", "USD"), ("{a} USDT", "USDT")]
    ),
    thousands=st.booleans(),
)
def test_generated_amounts(amount: Decimal, currency: tuple[str, str], thousands: bool) -> None:
    written = f"{amount:,.2f}" if thousands else f"{amount:.2f}"
    template, code = currency
    assert parse_amount(template.format(a=written))["value"] == f"{amount.normalize():f} {code}"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("尾号1234", "card ••••1234"),
        ("银行卡尾号6789", "bank card ••••6789"),
        ("card ending 4321", "bank card ••••4321"),
        ("余额支付", "wallet balance"),
        ("bank transfer", "bank transfer"),
    ],
)
def test_method(text: str, value: str) -> None:
    assert parse_method(text)["value"] == value


def test_a_full_card_number_is_masked_before_it_is_read_and_only_its_last_4_kept() -> None:
    masked = shield("卡号 4111 1111 1111 1111").text
    fact = parse("method", masked, NOW)
    assert "4111 1111" not in str(fact)
    assert fact["value"] is not None and fact["value"].endswith("••••1111")


def test_a_transaction_hash_stays_partly_masked() -> None:
    masked = shield("0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be").text
    fact = parse("reference", masked, NOW)
    assert fact["value"] == masked and "3f5ce5fbfe3e9af3971dd833" not in masked


@pytest.mark.parametrize(
    ("text", "value"), [("订单号 202612051234567", "202612051234567"), ("TX9F8E7D6C", "TX9F8E7D6C")]
)
def test_reference(text: str, value: str) -> None:
    assert parse("reference", text, NOW)["value"] == value
