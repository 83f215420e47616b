"""Patterns and check-digit validators behind the shield (see shield.py).

Every pattern runs on the *folded* text: full-width ASCII mapped 1:1 to half-width, so spans found
there are spans of the original message. Traditional Chinese keywords are listed next to the
simplified ones for the same reason (no OpenCC conversion, which could change lengths).
"""

from __future__ import annotations

import re
from datetime import date

# Full-width digits, letters and "+@=", ideographic and no-break spaces: each to ONE character.
# Full-width punctuation stays, so "密码是abc123，..." ends the value at the Chinese comma.
_FULL = [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF0B, 0xFF1D]
FOLD = {cp: cp - 0xFEE0 for cp in [*_FULL, 0xFF20]} | {0x3000: 0x20, 0xA0: 0x20}
# Any character FOLD maps: most messages have none, and `str.translate` looks up every character.
FOLDABLE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(FOLD)) + "]")

B58 = "1-9A-HJ-NP-Za-km-z"
_L = r"(?<![0-9A-Za-z])"  # left word boundary for alphanumeric tokens
_R = r"(?![0-9A-Za-z])"

ANY_DIGIT = re.compile(r"\d")
LONG_TOKEN = re.compile(r"[0-9A-Za-z]{25,}")  # addresses, hashes and keys are all this long
ASCII_WORD = re.compile(r"[A-Za-z]+")
# Twelve or more standalone Han characters (no Han neighbour), separated: a Chinese mnemonic.
_LONE_HAN = r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?![\u4e00-\u9fff])"
HAN_RUN = re.compile(_LONE_HAN + r"(?:[\s,，、]+" + _LONE_HAN + r"){11,}")
HAN = re.compile(r"[\u4e00-\u9fff]")
# What may stand between two words of a pasted phrase: spaces, commas, list numbers ("1. ", "2)").
SEED_SEP = re.compile(r"(?:[\s,;，、|]|\d{1,2}(?!\d)[.):、]?)+")  # (?!\d): one way to split

# --- passwords and PINs ---------------------------------------------------------------------
_PW_KEY = (
    r"(?:(?:支付|登录|登錄|交易|提现|提現|钱包|錢包|银行卡|銀行卡|取款|解锁|解鎖|动态|動態)?"
    r"(?:密码|密碼|口令)|pin\s*(?:码|碼)"
    r"|(?<![A-Za-z])(?:password|passwd|pwd|pass\s?code|pin(?:\s*(?:code|number))?|pw)(?![A-Za-z]))"
)
_PW_STRONG = (
    r"(?:\s*(?:是|为|為|就是|改成了?|改为|改為|设为|設為|设置[为成]|設置[為成])\s*[:=：]?\s*"
    r"|\s*[:=：]\s*"
    r"|\s+(?:is|was|is\s+now|was\s+changed\s+to|changed\s+to|set\s+to|should\s+be|will\s+be)\s+)"
)
# Every way `_PW_KEY` can match contains one of these, under the same case rules: a message without
# them (most) skips PASSWORD's case-insensitive search, the dearest of the shield's.
PASSWORD_HINT = re.compile(r"密[码碼]|口令|pin|pw|pass", re.IGNORECASE)
PASSWORD = re.compile(
    _PW_KEY
    + r"(?:\s+(?:for|of|on|to|in)(?:\s+[A-Za-z']+){1,3}?)?"  # "password for my wallet is ..."
    + r"(?:(?P<strong>"
    + _PW_STRONG
    + r")[\"'“‘「『]?(?P<val>[!-~]+)"
    + r"|\s*(?P<weakval>(?=[!-~]*\d)[!-~]+))",  # no connector: "支付密码 123456" needs a digit
    re.IGNORECASE,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that follow "my password is ..." in ordinary questions; never a password value.
PW_STOP = _words(
    """wrong incorrect correct right not invalid expired locked blocked lost forgotten forgot
    too very the a an my your same different working required needed weak strong ok okay fine
    changed reset set still being already case sensitive empty missing rejected accepted fixed
    compromised stolen leaked hacked broken long short new old and or but that this it in on
    for to now just only also always never sent shown saved stored done what how why where
    correctly anymore again"""
)
# A letters-only value followed by another word is prose ("password is not working"), unless
# the next word merely joins clauses.
PW_JOINERS = _words("and but so or please pls plz thanks thx can could help")
NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")

# --- one-time codes -------------------------------------------------------------------------
_OTP_KEY = (
    r"(?:验证码|驗證碼|校验码|校驗碼|动态码|動態碼|短信码|短信碼|簡訊碼|简讯码|确认码|確認碼"
    r"|授权码|授權碼|安全码|安全碼|(?<![A-Za-z])(?:otp|totp|2fa|codes?)(?![A-Za-z]))"
)
_NUM = (
    r"(?<![0-9A-Za-z])(?<!\d[.,:/-])(?P<num>\d{3}[ -]\d{3}|\d{4}[ -]\d{4}|\d{4,8})"
    r"(?![0-9A-Za-z@]|[.,:/-]\d)"
)
OTP_AFTER = re.compile(r"(?P<key>" + _OTP_KEY + r")[^\d\n。！？!?]{0,30}?" + _NUM, re.IGNORECASE)
OTP_BEFORE = re.compile(
    _NUM + r"[^\d\n。！？!?,，;；]{0,24}?(?P<key>" + _OTP_KEY + r")", re.IGNORECASE
)
# "error code 1234" or "promo code" are not one-time codes.
OTP_NOT_AFTER = re.compile(
    r"(?:error|promo|promotion|referral|invite|invitation|country|area|zip|postal|coupon|discount"
    r"|qr|swift|bank|branch|sort|product|tracking|status|reason|gift|voucher|dial|source)"
    r"\s*$",
    re.IGNORECASE,
)
AMOUNT_BEFORE = re.compile(
    r"(?:[$¥￥€£]|rmb|usd|cny|hkd|转了?|转账|轉賬|付了?|充值?了?|提现?了?|收到了?|sent|send|paid|pay"
    r"|transfer(?:red)?|withdr[ae]wn?|deposit(?:ed)?|amount|balance|余额|餘額|金额|金額)\s*$",
    re.IGNORECASE,
)
AMOUNT_AFTER = re.compile(
    r"\s*(?:元|块|塊|万|萬|年|月|日|号|號|点|點|时|時|分|秒|个|個|次|天|笔|筆|%"
    r"|(?:rmb|usd|cny|hkd|usdt|dollars?|yuan|btc|eth|trx|days?|hours?|times?)(?![A-Za-z]))",
    re.IGNORECASE,
)

# --- numbers with check digits ----------------------------------------------------------------
DIGIT_RUN = re.compile(_L + r"(?<!\+)\d+(?:[ -]\d+)*(?![0-9A-Za-z@])")
CN_ID = re.compile(_L + r"(?<!\+)\d{6} ?\d{8} ?\d{3}[\dXx](?![0-9A-Za-z@])")
ACCOUNT_LABEL = re.compile(
    r"(?:账号|帳號|賬號|账户|帳戶|賬戶|卡号|卡號|银行卡|銀行卡|户号|戶號|收款账|收款帳"
    r"|(?<![A-Za-z])(?:account|acct|a/c|iban|card)(?:\s*(?:number|no\.?|num|#))?)"
    r"[^\d\n]{0,12}$",
    re.IGNORECASE,
)
ORDER_LABEL = re.compile(
    r"(?:订单|訂單|单号|單號|流水|交易号|交易號|运单|運單|工单|工單|编号|編號|发票|發票"
    r"|(?<![A-Za-z])(?:order|ref|reference|invoice|tracking|ticket|case|txn|tx|transaction\s+id))"
    r"[^\d\n]{0,12}$",
    re.IGNORECASE,
)
# Issuer prefixes of the card networks (Amex/JCB/Diners 3, Visa 4, Mastercard 5 and 2221-2720,
# UnionPay/Discover 6): an order number that starts like a card is still masked as one.
CARD_IIN = re.compile(r"[3-6]|22[2-9][1-9]|2[3-6]\d\d|27[01]\d|2720")
MOBILE = re.compile(r"(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}")
PHONE_CN = re.compile(_L + r"(?:(?:\+|00)86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z@])")
PHONE_INTL = re.compile(
    r"(?<![0-9A-Za-z+])\+\d{1,3}(?:[ -]?\(?\d{1,4}\)?)(?:[ -]?\d{2,5}){1,4}" + _R
)
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
IBAN = re.compile(
    _L + r"[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?" + _R, re.IGNORECASE
)

# --- keys, hashes and addresses -------------------------------------------------------------
HEX64 = re.compile(_L + r"(?:0x)?[0-9a-fA-F]{64}" + _R)
WIF = re.compile(_L + rf"(?:5[HJK][{B58}]{{49}}|[KL][{B58}]{{51}})" + _R)
XPRV = re.compile(_L + rf"[xyztuvYZUV]prv[{B58}]{{100,110}}" + _R)
ADDRESS = re.compile(
    _L
    + rf"(?:0x[0-9a-fA-F]{{40}}|[13][{B58}]{{25,34}}|T[{B58}]{{33}}"
    + r"|(?:bc1|tb1)[02-9ac-hj-np-z]{11,71}|(?:BC1|TB1)[02-9AC-HJ-NP-Z]{11,71})"
    + _R
)
KEY_LABEL = re.compile(
    r"私钥|私鑰|密钥|密鑰|private\s*key|priv\s*key|privkey|secret|(?<![A-Za-z])key(?![A-Za-z])",
    re.IGNORECASE,
)
TX_LABEL = re.compile(
    r"交易哈希|交易号|交易號|交易id|哈希|区块|區塊|(?<![A-Za-z])(?:txid|txn|tx|hash|transaction|block)",
    re.IGNORECASE,
)

# GB/T 2260 province codes that open a mainland resident ID.
CN_REGIONS = frozenset(
    (*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55), *range(61, 66))
) | {71, 81, 82, 83}
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def cn_id_ok(value: str, today: date | None = None) -> bool:
    """Region, real date of birth (1900..today) and the ISO 7064 MOD 11-2 check character."""
    if len(value) != 18 or int(value[:2]) not in CN_REGIONS:
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if not date(1900, 1, 1) <= born <= (today or date.today()):
        return False
    total = sum(int(c) * w for c, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == value[17].upper()


def iban_ok(value: str) -> bool:
    compact = value.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1
