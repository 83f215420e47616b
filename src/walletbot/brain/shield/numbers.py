"""Numbers with check digits or labels: payment cards, resident ID numbers, bank accounts, IBANs,
and the personal data beside them (phone numbers, e-mail addresses).

Check digits come from python-stdnum (Luhn, the ID's ISO 7064 character, IBAN). Digit groups may be
separated in any of the ways `context.SEP` allows; zero-width characters are already gone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from stdnum import iban, luhn
from stdnum.cn import ric

from walletbot.brain.shield.context import ORDER_LABEL, SEP, L, R, is_amount
from walletbot.brain.shield.findings import Finding

# Cards are also written with slashes ("4111/1111/1111/1111"); a date after one stays out of
# its Luhn stretches.
DIGIT_RUN = re.compile(L + r"(?<!\+)\d+(?:(?:" + SEP + r"|/)\d+)*" + R)
_GROUP = re.compile(r"\d+")
# 18 characters, any separators: "110101199209158641", "110101-19920915-8641", "1101 0119 ...".
CN_ID = re.compile(L + r"(?<!\+)\d(?:" + SEP + r"?\d){16}" + SEP + r"?[\dXx]" + R)
_NOT_ID_CHAR = re.compile(r"[^\dXx]")
# Read off a photo, an ID's zeros may come out as the letter O: "公民身份号码 4403041995O13O5O78".
CN_ID_READ_OFF_A_PHOTO = re.compile(L + r"[\dO](?:" + SEP + r"?[\dO]){16}" + SEP + r"?[\dXx]" + R)
# GB/T 2260 province codes that open a mainland resident ID. Only the province is checked, not the
# county (stdnum's `get_birth_place`): a county code missing from its table must not leak an ID.
CN_PROVINCES = frozenset(
    (*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55), *range(61, 66))
) | {71, 81, 82, 83}
# Searched in the stretch before a number, whose end is the window's: "acc" right before the
# number counts ("Maybank acc 5140 2286 7731").
ACCOUNT_LABEL = re.compile(
    r"(?:账号|帳號|賬號|账户|帳戶|賬戶|户口|戶口|卡号|卡號|银行卡|銀行卡|(?<![商客])户号|(?<![商客])戶號|收款账|收款帳"
    # and in the languages of the customers' banks: Mexico's CLABE, "cuenta", "conta", "Konto"
    r"|(?<![A-Za-z])(?:account|acct|a/c|iban|card|clabe|cuenta|conta|kontonummer|konto|compte"
    # "acc" right before the number, or a particle between: "my Maybank acc ah? 1140 0260 1565"
    r"|acc(?=\s*(?:no|number|#|$)|(?:\s+(?:ah|la|lah|leh|hor|pls|please))?\W{0,3}$))"
    r"(?:\s*(?:number|no\.?|num|#))?)"
    r"(?:[^\d\n]{0,12}"
    # given wrong, then right: "i put my acc number wrong, it's 7720 1948 35"
    # "收款账户我上次填错了一位，正确的应该是招行 755 2742 …": a few words on, and a bank's name
    r"|[^\d\n]{0,12}?(?:wrong|incorrect|错了|錯了|不对|不對)[^\d\n.!?。！？]{0,12}?"
    r"(?:it'?s|it is|should be|是|应该是|應該是)\s*(?:[\u4e00-\u9fff]{1,6}?(?:银行|銀行|行)\s*)?"
    # a few words, then a verb of giving: "read out my account number so i read 7732 0419 8856"
    r"|[^\d\n.!?。！？]{0,30}?(?<![A-Za-z])(?:gave|sent|typed|read|told)(?![A-Za-z])"
    r"(?:\s+(?:him|her|them|it|out))?\s*"
    # or given to us: "尾号我记不清了，全部给你：4852…"
    r"|[^\d\n.!?。！？]{0,30}?(?:给你|給你|发你|發你|发给你|發給你|告诉你|告訴你)\s*[:：]?\s*)$",
    re.IGNORECASE,
)
# The label after the number: "8723 2331 8399 — that's my savings account number for the refund",
# "6222 0212 3456 7890 是我的工资卡账号".
ACCOUNT_LABEL_AFTER = re.compile(
    r"\s*(?:[—–\-,，:：(（]\s*)?(?:(?:(?:that|this|it)(?:'s|\s+is)|is)\s+(?:my|our|the)\s+(?:[A-Za-z]+\s+){0,2}?"
    r"(?:account|acct)(?![A-Za-z])|(?:这|這)?是(?:我|我们|我們)的[\u4e00-\u9fff]{0,6}?(?:账号|帳號|賬號|账户|帳戶|賬戶))",
    re.IGNORECASE,
)
# Where money was sent, right before the number: "转账到 497803478042", "transferred to …" (a
# mobile number is left out below; "转账到账了吗，订单 2026…" names no account).
SENT_TO = re.compile(
    r"(?:转账?到|轉賬?到|转入|轉入|汇到|匯到|汇入|匯入|打到"
    r"|(?<![A-Za-z])(?:transfer(?:red)?\s+to|wired?\s+to|sent\s+(?:it\s+)?to))\s*[:：]?\s*$",
    re.IGNORECASE,
)
# Issuer prefixes of the card networks (Amex/JCB/Diners 3, Visa 4, Mastercard 5 and 2221-2720,
# UnionPay/Discover 6): an order number that starts like a card is still masked as one.
CARD_IIN = re.compile(r"[3-6]|22[2-9][1-9]|2[3-6]\d\d|27[01]\d|2720")
MOBILE = re.compile(r"(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}")
# A North American number written as one dials it ("1-800-432-1000" on a card's sticker), and a
# Chinese hotline ("请拨打 400-826-3579"): numbers to call, not accounts.
PHONE_TO_CALL = re.compile(r"1[-. ]\d{3}[-. ]\d{3}[-. ]\d{4}|[48]00[- ]?\d{3}[- ]?\d{4}")
PHONE_CN = re.compile(L + r"(?:(?:\+|00)86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}" + R)
PHONE_INTL = re.compile(
    r"(?<![0-9A-Za-z+])\+\d{1,3}(?:[ -]?\(?\d{1,4}\)?)(?:[ -]?\d{2,5}){1,4}" + R
)
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
# Groups of four, also wrapped over lines when pasted ("CH07 0076\n2193 5582 5575 3").
IBAN = re.compile(
    L + r"[A-Z]{2}\d{2}(?:[ \n]?[A-Z0-9]{4}){2,7}(?:[ \n]?[A-Z0-9]{1,3})?" + R, re.IGNORECASE
)
# Right after its name an IBAN counts even when its check digits fail: one digit mistyped is
# still the account (`iban: "ES15 0355 …"` in a pasted config).
IBAN_NAMED = re.compile(r"iban[\"']?\s*[:=：]?\s*[\"']?$", re.IGNORECASE)


# An account beside the code of its branch: a UK sort code, an Australian BSB, a US routing
# number ("sort code 20-45-77 account 53018264", "BSB 062-000 account 1084 9372", "account number
# 7 1 9 3 0 4 5 8"). Such accounts are 6 to 17 digits, too short for the label rule above; the
# branch code names a branch and stays.
# A Brazilian account is given with its branch and a check digit: "agência 0341, conta corrente
# 80781917-0"; a Spanish-speaking customer's "sucursal 0123 cuenta 40021577".
BRANCH_CODE = re.compile(
    r"sort\s*code|(?<![A-Za-z])(?:bsb|routing|aba|transit|ag[eê]ncia|sucursal)(?![A-Za-z])",
    re.IGNORECASE,
)
BRANCH_ACCOUNT = re.compile(
    r"(?:(?<![A-Za-z])(?:account|acct|acc|a/c|cuenta|conta(?:\s+(?:corrente|poupan[çc]a))?)"
    r"(?:\s*(?:number|no\.?|#))?|账号|賬號|帳號)\s*[:：]?\s*"
    r"(?P<account>(?<!\d)\d(?: ?\d){5,16}(?:-[\dXx])?)(?![\d-])",
    re.IGNORECASE,
)


# A shorter account right after a label that says "account number" ("acct no 00796315", "账号：
# 83920174"): 6 to 9 digits, where the label alone would be too weak ("account 2024").
SHORT_ACCOUNT = re.compile(
    r"(?:(?<![A-Za-z])(?:account|acct|acc|a/c)\s*(?:number|no\.?|num|#)|账号|帳號|賬號)"
    r"\s*(?:is|was|:|：|是|为|為)?\s*(?P<account>(?<!\d)\d(?:[ -]?\d){5,8})(?![\d-])",
    re.IGNORECASE,
)


def find_numbers(t: str) -> Iterator[Finding]:
    for m in CN_ID.finditer(t):
        if cn_id_ok(_NOT_ID_CHAR.sub("", m.group())):
            yield Finding("cn_id", *m.span())
    if "O" in t:
        for m in CN_ID_READ_OFF_A_PHOTO.finditer(t):
            if "O" in m.group() and cn_id_ok(_NOT_ID_CHAR.sub("", m.group().replace("O", "0"))):
                yield Finding("cn_id", *m.span())
    ibans = [
        Finding("bank_account", *m.span())
        for m in IBAN.finditer(t)
        if IBAN_NAMED.search(t, max(0, m.start() - 12), m.start())
        or iban.is_valid(m.group().replace("\n", ""))
    ]
    yield from ibans
    for m in DIGIT_RUN.finditer(t):
        if sum(ch.isdigit() for ch in m.group()) < 10:
            continue
        if any(f.start <= m.start() and m.end() <= f.end for f in ibans):
            continue  # an IBAN's digits after its country: a Luhn-valid stretch there is no card
        cards = list(_cards(t, m))
        yield from cards
        start, end = m.span()
        digits = _digits(m.group())
        if (
            not cards
            and len(digits) <= 20
            and (
                ACCOUNT_LABEL.search(t, max(0, start - 56), start)
                or SENT_TO.search(t, max(0, start - 16), start)
                or (
                    ACCOUNT_LABEL_AFTER.match(t, end)
                    and not ORDER_LABEL.search(t, max(0, start - 24), start)
                )
            )
            and not MOBILE.fullmatch(m.group())
            and not PHONE_TO_CALL.fullmatch(m.group())
            and not is_amount(t, start, end, weak_too=False)
        ):
            yield Finding("bank_account", start, end)
    for m in SHORT_ACCOUNT.finditer(t):
        if not MOBILE.fullmatch(m.group("account")):
            yield Finding("bank_account", *m.span("account"))
    if BRANCH_CODE.search(t):
        yield from (Finding("bank_account", *m.span("account")) for m in BRANCH_ACCOUNT.finditer(t))
    yield from (Finding("phone", *m.span()) for m in PHONE_CN.finditer(t))
    for m in PHONE_INTL.finditer(t):
        if 8 <= len(_digits(m.group())) <= 15:
            yield Finding("phone", *m.span())


def find_emails(t: str) -> Iterator[Finding]:
    return (Finding("email", *m.span()) for m in EMAIL.finditer(t))


def cn_id_ok(value: str, today: date | None = None) -> bool:
    """Province, a real date of birth (1900..today) and the check character."""
    if len(value) != 18 or int(value[:2]) not in CN_PROVINCES:
        return False
    try:
        born = ric.get_birth_date(value)
    except ValueError:  # stdnum's InvalidComponent is a ValueError
        return False
    return (
        date(1900, 1, 1) <= born <= (today or date.today())
        and ric.calc_check_digit(value) == value[17].upper()
    )


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _cards(t: str, run: re.Match[str]) -> Iterator[Finding]:
    """The Luhn-valid stretches of 13-19 digits in a run of digit groups, longest first."""
    groups = [g.span() for g in _GROUP.finditer(t, *run.span())]
    sizes = [e - s for s, e in groups]
    spans: list[tuple[int, int]] = []
    for i in range(len(groups)):
        total = 0
        for j in range(i, len(groups)):  # stops within 19 groups: linear in the run length
            total += sizes[j]
            if total > 19:
                break
            if total >= 13:
                spans.append((i, j))
            if sizes[j] < 3:
                break  # cards are written in groups of 3+ digits; only the last may be shorter
    taken: list[tuple[int, int]] = []
    for i, j in sorted(spans, key=lambda ij: (ij[0] - ij[1], ij[0])):
        if any(not (j < a or b < i) for a, b in taken):
            continue
        start, end = groups[i][0], groups[j][1]
        digits = _digits(t[start:end])
        if not luhn.is_valid(digits) or MOBILE.fullmatch(t[start:end]):
            continue
        # The label stands before the run, not the stretch: "tracking 9400 1112 0289 …".
        before = max(0, run.start() - 24)
        if ORDER_LABEL.search(t, before, run.start()) and not CARD_IIN.match(digits):
            continue  # "订单号 2023..." passes Luhn one time in ten; a real card still wins
        taken.append((i, j))
        yield Finding("card_number", start, end)
