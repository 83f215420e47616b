"""Secrets in a table pasted as text, under their column's header: "户名,开户行,账号\n深圳市星河贸易
有限公司,招商银行…支行,755915678910802", "card_type,last4,exp,cvv\nvisa,5037,09/27,381".

The header names the column; the rows below give its values, which have no label of their own.
Cells are set apart by commas or bars: the reading has turned tabs into spaces, which also stand
inside cells, so a table copied with tabs is not read here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from walletbot.brain.shield.findings import Finding

_ROW = re.compile(r"[^\n]*[,|][^\n]*")
_CELL = re.compile(r"[^,|]+")
# Each column's header, what its values are, and their shape.
_COLUMNS: tuple[tuple[re.Pattern[str], str, re.Pattern[str]], ...] = tuple(
    (re.compile(r"^\s*(?:" + header + r")\s*$", re.IGNORECASE), kind, re.compile(value))
    for header, kind, value in (
        (
            r"账号|帳號|賬號|账户|帳戶|賬戶|卡号|卡號|银行账号|銀行賬號|收款账号|收款帳號"
            r"|(?:bank\s+)?(?:account|acct|a/c)(?:\s*(?:number|no\.?|num|#))?|iban",
            "bank_account",
            r"\s*[\"']?(?P<value>\d(?:[ -]?\d){5,33})[\"']?\s*",
        ),
        (
            r"cvv2?|cvc2?|cvn2?|cid|csc|security\s+code|安全[码碼]",
            "card_code",
            r"\s*[\"']?(?P<value>\d{3,4})[\"']?\s*",
        ),
        (
            r"password|passwd|pwd|pin|passcode|密[码碼]|支付密[码碼]|登录密[码碼]",
            "password",
            r"\s*[\"']?(?P<value>[^\s\"']{4,40})[\"']?\s*",
        ),
    )
)


def find_table_secrets(t: str) -> Iterator[Finding]:
    """The values in a pasted table's secret columns, row by row, until a row of another shape."""
    columns: dict[int, tuple[str, re.Pattern[str]]] = {}
    for row in _ROW.finditer(t):
        cells = list(_CELL.finditer(t, *row.span()))
        header = {
            i: (kind, value)
            for i, cell in enumerate(cells)
            for name, kind, value in _COLUMNS
            if name.match(cell.group())
        }
        if header:
            columns = header
            continue
        if not columns or max(columns) >= len(cells):
            columns = {}  # the table ended
            continue
        for i, (kind, value) in columns.items():
            m = value.fullmatch(cells[i].group())
            if m is not None:
                at = cells[i].start()
                yield Finding(kind, at + m.start("value"), at + m.end("value"))
