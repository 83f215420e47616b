"""What the words around a number say it is: an amount, a date, an order number, a phone number.

Shared by the code and card detectors, which must leave such numbers alone (docs/safety.md,
'Shield'). Like every detector's, these patterns search the reading (reading.py): NFKC, so
full-width letters, digits and punctuation are ASCII there; it is not converted to simplified
Chinese, so traditional keywords stand next to the simplified ones.
"""

from __future__ import annotations

import re
from datetime import date

# Between the digit groups of one number: one or two spaces, a dash, a dot, an underscore, a middle
# dot, a spaced dash, or a line break ("4111 1111 1111 1111", "110101-19920915-8641", "15-14-92").
SEP = r"(?: - | {1,2}|[-._·]|\n)"
L = r"(?<![0-9A-Za-z])"  # no letter or digit just before
R = r"(?![0-9A-Za-z@])"  # no letter, digit or "@" just after

# Currency, money verbs and balances right before a number: "¥500", "转账 100000", "paid 5000".
STRONG_AMOUNT_BEFORE = re.compile(
    r"(?:[$¥￥€£]|rmb|usd|cny|hkd|usdt|转了?|转账|轉賬|轉了?|付了|付款|充值?了?|提现?了?|提現了?"
    r"|paid|pay(?:ing)?|transfer(?:red|ring)?|withdr[ae]wn?|withdrawing|deposit(?:ed)?|amount"
    r"|balance|余额|餘額|金额|金額|price|cost|fee|worth)\s*:?\s*$",
    re.IGNORECASE,
)
# Verbs that usually come before an amount, but also before a code: "I sent 100000 to him" is
# money, "the code you sent 552377" is not. They count only where no code label is near.
WEAK_AMOUNT_BEFORE = re.compile(
    r"(?:sent|send|sending|got|received?|收到了?|收了|到账了?|到賬了?|付|充)\s*$", re.IGNORECASE
)
# The message talks about money somewhere: without that, "so i sent 275590" after "the number
# paypal texted me" is the code sent, not an amount.
MONEY_TALK = re.compile(
    r"[$¥￥€£]|钱|錢|元|块|塊|转账|轉賬|付款|退款|余额|餘額|金额|金額|汇款|匯款|扣款|收款|充值|提现|提現"
    r"|(?<![A-Za-z])(?:money|cash|funds?|dollars?|bucks|usd|usdt|usdc|rmb|cny|hkd|eur|gbp|btc|eth"
    r"|paid|pay|payment|transfer\w*|refund\w*|balance|amount|price|fee|charged?|deposit\w*"
    r"|withdr\w*|loan|invoice|bill)(?![A-Za-z])",
    re.IGNORECASE,
)
# Units right after a number: "500元", "3 days", "1000 times", "2024年".
UNIT_AFTER = re.compile(
    r"\s*(?:元|块|塊|万|萬|年|月|日|号|號|点|點|时|時|分|秒|个|個|次|天|笔|筆|条|條|张|張|人|岁|歲|%"
    r"|位|台|份|周|週|小时|小時|毫秒|积分|積分"
    r"|(?:rmb|usd|cny|hkd|usdt|usdc|eur|gbp|dollars?|yuan|euros?|pounds?|btc|eth|trx|coins?"
    r"|tokens?|points?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|weeks?|months?|years?"
    r"|times?|people|persons?|users?|customers?|members?|accounts?|orders?|transactions?|messages?"
    r"|texts?|attempts?|tries|items?|ms|km|kb|mb|gb|am|pm)(?![A-Za-z]))",
    re.IGNORECASE,
)
# Labels of numbers that are not secrets, just before one: "订单号 2023...", "error code 5001".
NOT_SECRET_LABEL = re.compile(
    r"(?:订单|訂單|单号|單號|流水|交易号|交易號|运单|運單|工单|工單|编号|編號|发票|發票|错误|錯誤"
    r"|代码|代碼|邮编|郵編|尾号|尾號|末四位|后四位|後四位|版本|手机|手機|电话|電話|热线|熱線|分机"
    # who sent a text: "发送号码是95188", "The sender was 729725"
    r"|发送号码|發送號碼|发送方|發送方|发件人|發件人|(?<![A-Za-z])senders?(?![A-Za-z])"
    r"|(?<![A-Za-z])(?:order|ref|reference|invoice|tracking|ticket|case|txn|tx|transaction|id"
    r"|error|err|promo|promotion|coupon|discount|referral|invite|invitation|voucher|gift|zip"
    r"|postal|post|area|country|swift|sort|branch|bank|product|status|reason|model|version|v"
    r"|build|phone|tel|mobile|call|fax|room|flight|ending|ends|last|from|account|acct|card|no\.?|#"
    r"|mid|tid|merchant|terminal|store|shop|short)"  # terminal ids on a QR stand; an SMS short code
    r"|账号|帳號|賬號|账户|帳戶|賬戶|卡号|卡號|来自|來自|发自|發自)"
    r"(?:\s*(?:code|number|no\.?|num|#|id|号|號|码|碼|in|with))?"
    r"(?:\s*(?:is|was|of|是|係|为|為))?[\s:#=,]*$",
    re.IGNORECASE,
)
# Orders and transactions: a Luhn-valid order number is still an order number.
ORDER_LABEL = re.compile(
    r"(?:订单|訂單|单号|單號|流水|交易号|交易號|运单|運單|工单|工單|编号|編號|发票|發票"
    r"|(?<![A-Za-z])(?:order|ref|reference|invoice|tracking|ticket|case|txn|tx|transaction\s+id))"
    r"[^\d\n]{0,12}$",
    re.IGNORECASE,
)
# A year after a preposition ("since 2023", "in 2024", "到2025") or a date's parts; "收到 1926" is
# "received", not "until".
YEAR_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?:in|since|from|until|till|by|before|after|year|of|the|early|late|mid)"
    r"|在|从|從|(?<![收得拿找])到|于|於|自)\s*$",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)[-./ ](?P<m>\d{1,2})[-./ ](?P<d>\d{1,2})"
    r"|(?P<d2>\d{1,2})[-./ ](?P<m2>\d{1,2})[-./ ](?P<y2>(?:19|20)\d\d)"
)


def mentions(hint: re.Pattern[str], t: str) -> bool:
    """A gate: whether the message holds one of the hint's words, in any case. The hints are
    written in lower case and searched in the case-folded text ("ſ" and "S" fold to "s", as a
    case-insensitive search takes them): such a search over many alternatives costs about three
    times as much, at every character of every message (benchmarks/README.md, 'Shield')."""
    return hint.search(t.casefold()) is not None


def is_date(token: str) -> bool:
    """'2024-03-15', '15.03.2024', '03/15/2024': a real date with a four-digit year."""
    m = _DATE.fullmatch(token)
    if m is None:
        return False
    year = int(m.group("y") or m.group("y2"))
    first, second = int(m.group("m") or m.group("m2")), int(m.group("d") or m.group("d2"))
    for month, day in ((first, second), (second, first)):  # day-month or month-day
        try:
            date(year, month, day)
            return True
        except ValueError:
            continue
    return False


def is_amount(t: str, start: int, end: int, *, weak_too: bool) -> bool:
    before = t[max(0, start - 16) : start]
    if STRONG_AMOUNT_BEFORE.search(before) or UNIT_AFTER.match(t, end):
        return True
    return weak_too and bool(WEAK_AMOUNT_BEFORE.search(before))
