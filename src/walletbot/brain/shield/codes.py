"""One-time codes: a number of 4-8 digits that the message says is a code.

People rarely write "code: 123456". They write "验证码收到了768688", "我刚收到 183898 这个验证码",
"Here's the code:\n292875", "the SMS said 8 3 2 9 4 3". So a number is a code when it is labelled
as one nearby, or when the message talks about codes, SMS or verification anywhere, in either
language. It is not a code when it reads as something else: an amount ("转账 5000", "500元"), a date
("2024-03-15"), a year ("since 2023"), a time, a version, an order, error or phone number. Weak
money verbs ("I sent 100000 to him") count against a code only when no code label is near and the
message talks about money somewhere or the number is round: "the code you sent 552377" is a code,
and so is "the number paypal texted me … so i sent 275590".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from walletbot.brain.shield.context import (
    MONEY_TALK,
    NOT_SECRET_LABEL,
    SEP,
    YEAR_BEFORE,
    L,
    is_amount,
    is_date,
    mentions,
)
from walletbot.brain.shield.findings import Finding

_KEY = (
    r"(?:验证码|驗證碼|验正码|校验码|校驗碼|动态码|動態碼|短信码|短信碼|簡訊碼|简讯码|确认码|確認碼|授权码|授權碼"
    r"|安全码|安全碼|验证数字|驗證數字|登录码|登錄碼|登入码|登入碼|提取码|提取碼"
    # a bank's hardware token or the password it shows: "动态密码…小令牌…上面显示 730 512"
    r"|动态密码|動態密碼|动态口令|動態口令|令牌"
    r"|恢复码|恢復碼|备用码|備用碼|备份码|備份碼|(?:收到|发来|發來|发给我|發給我)的?(?:那个|這個|这个)?(?:码|碼)"
    r"|(?<![A-Za-z])(?:otp|totp|2fa|mfa|codes?|cdoes?|auth ?codes?|one[- ]time (?:code|pin|password)"
    # "OPT", as OTP is often typed; "opt in/out" is a verb
    r"|opt(?=\s*(?:codes?|number|is|was|[:#]|\d))"
    # a bank's one-time "token" (Nigeria, India): "the token the bank sent to me is …"; a coin is
    # a token too, so only one sent or named so
    r"|token(?=\s+(?:the bank|from (?:the|my) bank|sent|code|is|was)|\s*:))(?![A-Za-z]))"
)
KEY = re.compile(_KEY, re.IGNORECASE)
# The message talks about codes: a code word, SMS, verification, authentication.
_TOPIC = re.compile(
    _KEY
    + r"|短信|簡訊|简讯|短讯|短訊|验证|驗證|认证|認證|[4-8四五六七八]位(?:的)?(?:数字|數字|数|數|码|碼)"
    r"|(?<![A-Za-z])(?:sms|texted|texts?|verif(?:y|ied|ying|ication)|authenticat\w*"
    r"|two[- ]factor|(?:[4-8]|four|five|six|seven|eight)[- ]digits?)(?![A-Za-z])",
    re.IGNORECASE,
)
# "error code", "promo code", "QR code" are no sign of a one-time code.
_OTHER_CODE = re.compile(
    r"(?:error|err|promo|promotion|referral|invite|invitation|country|area|zip|postal|post"
    r"|coupon|discount|qr|swift|bank|branch|sort|product|tracking|status|reason|gift|voucher"
    r"|dial|source|bar|region|currency|tax|transaction|reference|ref|iban|bic|routing|short)[\s-]*$",
    re.IGNORECASE,
)
# A number of one or more digit groups, not glued to letters, not part of a time or a fraction,
# nor of a number with thousands ("1,234"). Any other digit after a comma starts a new clause:
# "验证码123456，5分钟内有效" (the reading's "，" is ",").
_NUMBER = re.compile(
    # The first digit, then what must not stand before it (looked at only where a digit stands,
    # which the search finds fast): a letter or digit, "+", "%40" in a URL, a time's or fraction's
    # "2:", an error's "E-2207" (Google's "G-542478" is a code).
    # A digit right after "digit-" starts no code: the search would have taken it with the digits
    # before, unless those were left out ("KYC-2024-118273": a reference's tail).
    # Nor a file's number ("IMG_4821.PNG").
    r"\d(?<![0-9A-Za-z+%_]\d)(?<!\d[,:/]\d)(?<![A-FH-Za-fh-z]-\d)(?<!\d-\d)(?:"
    + SEP
    + r"?\d)*(?![0-9A-Za-z@])(?![:/]\d)(?!,\d{3}(?!\d))"
)
# Single digits set apart by commas ("6, 5, 4, 3, 2, 1", "6，5，4，3", "six, five, four, three"
# once read): a code read out as a list. A comma inside a number is a thousands separator, so
# `_NUMBER` never crosses one.
_DIGIT_LIST = re.compile(
    L + r"(?<![\d][,、])(?<![\d][,、] )\d(?:(?:[,、] ?| )\d){3,7}(?!\d)(?! ?[,、] ?\d)"
)
_DECIMAL = re.compile(r"\d+\.\d{1,2}")  # "12.50" is money
# Ends a label's reach: another number, or a sentence or clause break (the reading is NFKC, so
# full-width "，！？；" are ASCII here).
_SENTENCE_END = re.compile(r"[。!?;,\d]|\.\s")


def find_codes(t: str) -> Iterator[Finding]:
    topic = _talks_about_codes(t)
    last_end = -1
    for start, end in _candidates(t):
        token = t[start:end]
        digits = sum(ch.isdigit() for ch in token)
        if not 4 <= digits <= 8 or is_date(token):
            continue
        before = t[max(0, start - 24) : start]
        if _beside_card_mask(t, start, end):
            continue
        if NOT_SECRET_LABEL.search(before) and not (
            topic and digits >= 5 and _ENDING.search(before)
        ):
            continue
        if len(token) == 4 and token[:2] in ("19", "20") and YEAR_BEFORE.search(before):
            continue
        # The next line of a list of codes under one label ("恢复码：\n18551816\n48012337").
        listed = last_end >= 0 and t[last_end:start].strip() == ""
        labelled = listed or _labelled(t, start, end)
        if _DECIMAL.fullmatch(token) and not labelled:
            continue
        if not (labelled or topic):
            continue
        # A round number after "sent" is money even in a message about codes ("I sent 5000 to
        # him, the 6 digit code?"); a one-time code ends in "00" once in a hundred.
        weak_too = not labelled and (token.endswith("00") or MONEY_TALK.search(t) is not None)
        if not labelled and _SENDER_AFTER.match(t, end):
            continue  # "短信是 95188 发的": the number the text came from
        if _POSTCODE_TALK.search(t) and not _code_word_before(t, start):
            continue  # "I live in 10115 Berlin … my 5-digit postcode", "ZIP codes like 10001"
        if (
            _SERVICE_NUMBER.fullmatch(token)
            and _SERVICE_BEFORE.search(t, max(0, start - 24), start)
            and not _code_word_before(t, start)
        ):
            continue  # "你们官方客服不是 95188 吗", "工商银行 95588 的短信"
        if _PREFIX_AFTER.match(t, end) or (not labelled and _PHONE_WORD_AFTER.match(t, end)):
            continue  # "1069开头" (a code is never the start of another number), "a 1-877 number"
        if not is_amount(t, start, end, weak_too=weak_too):
            yield Finding("otp", start, end)
            last_end = end


# The five-digit numbers of Chinese banks and services (95188, 95588), named as a bank's, support's
# or a number to call a few words before: "工商银行 95588 的短信说扣了年费", "你们官方客服不是 95188 吗".
# Alone, five digits from 95 or 96 may still be a code ("我刚收到 96492 这个验证码").
_SERVICE_NUMBER = re.compile(r"9[56]\d{3}")
_SERVICE_BEFORE = re.compile(
    r"(?:银行|銀行|客服|官方|热线|熱線|支付宝|支付寶|微信|电话|電話|号码|號碼|拨打|撥打"
    r"|(?<![A-Za-z])(?:bank|hotline|call|dial)(?![A-Za-z]))[^\d\n]{0,10}$",
    re.IGNORECASE,
)
# What follows the first digits of a longer number ("1069开头"), or a phone number's ("a 1-877
# number").
_PREFIX_AFTER = re.compile(r"\s*(?:开头|開頭|打头|打頭)")
_PHONE_WORD_AFTER = re.compile(
    r"\s*(?:号码|號碼|(?<![A-Za-z])(?:numbers?|hotline)(?![A-Za-z]))", re.IGNORECASE
)
# A message about a postcode: its digits, unlabelled, are the postcode's.
_POSTCODE_TALK = re.compile(
    r"post\s?code|zip(?:\s?code)?|postal|邮编|郵編|邮政编码|郵政編碼", re.IGNORECASE
)
# The number a text came from, named after it: "短信是 95188 发的", "95588 发来的短信".
_SENDER_AFTER = re.compile(
    r"\s*(?:(?:发的|發的)(?!时候|時候)|发来|發來|发过来|發過來|号码发|號碼發|(?<![A-Za-z])(?:sent (?:it|them|the text)|texted me)(?![A-Za-z]))"
)
# A card's or a phone's last digits are four: in a message about codes, five or more "ending
# with" are a code's ("two texts, the newest one ending with 290417").
_ENDING = re.compile(r"(?<![A-Za-z])(?:ending|ends)(?:\s+(?:with|in))?\s*$", re.IGNORECASE)
# A card shown masked keeps its first and last digits: "6225 **** **** 4471", "**** 4471".
_CARD_MASK_BEFORE = re.compile(r"[*•xX]{3,}[ -]?$")  # and a phone's: "+1 (***) ***-4821"
_CARD_MASK_AFTER = re.compile(r"[ -]?[*•xX]{4}")


def _beside_card_mask(t: str, start: int, end: int) -> bool:
    return bool(
        _CARD_MASK_BEFORE.search(t, max(0, start - 5), start) or _CARD_MASK_AFTER.match(t, end)
    )


def _candidates(t: str) -> Iterator[tuple[int, int]]:
    """The numbers of the message; one that runs over several lines (the reading joins digit
    groups across a line break) also as each of its lines, in case it is a list of codes."""
    for m in chain(_NUMBER.finditer(t), _DIGIT_LIST.finditer(t)):
        yield m.span()
        if "\n" in m.group() and sum(ch.isdigit() for ch in m.group()) > 8:
            at = m.start()
            for line in m.group().split("\n"):
                yield at, at + len(line)
                at += len(line) + 1


# A code of letters and digits right after its label ("验证码 A7K9Q2", "2fa backup code is
# 8f3k-29dl", "recovery codes: ABCD-EFGH-IJKL MNOP-QRST-UVWX"): backup and recovery codes open an
# account as a one-time code does. Letters and digits mixed, or capital groups joined by dashes,
# so "the code is wrong" and "code: SAVE" name none; a list of them is masked whole.
_ALNUM_CODE = (
    r"(?:(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9]{2,}(?:-[A-Za-z0-9]{2,})*"
    r"|(?-i:[A-Z0-9]{4,}(?:-[A-Z0-9]{4,})+))(?![A-Za-z0-9@.])"
)
# Codes listed as saved, numbered: "1. 4hq8-2mzt\n2. 9vdk-7xpe".
_LIST_NUMBER = r"(?:\d{1,2}[.)][ \t]*)?"
_LABELLED_ALNUM = re.compile(
    _KEY
    + r"(?:\s*\([^()\n]{1,24}\)|[^\n:：。.!?]{1,32}?(?<!\d)(?=[:：]))?"  # "recovery codes (Kraken): …", "备用码我还留着： …", "backup codes I saved when I set it up:\n…"
    # "验证码 A7K9Q2", "code: …", "the code they sent me is …"
    + r"(?:\s*(?:is|was|are|were|=|:|是|为|為)\s*|(?:\s+[A-Za-z]+){1,3}?\s+(?:is|was|are|were)\s+|\s+"
    # a few Chinese words, then "是": "backup code，我之前截图存的一个是 8412-5530-9927"
    + r"|[,，]?[\u4e00-\u9fff]{1,14}?(?:是|为|為)\s*)"
    + _LIST_NUMBER
    + r"(?P<first>"
    + _ALNUM_CODE
    + r")",
    re.IGNORECASE,
)
_NEXT_ALNUM = re.compile(r"[\s,;]+" + _LIST_NUMBER + r"(" + _ALNUM_CODE + r")")
# Every way `_KEY` can match contains one of these: most messages skip the labelled search.
# After the number, the message it came in names it too: "482913 from the sms", "是短信里的".
_AFTER_KEY = re.compile(
    _KEY
    + r"|短信|簡訊|简讯|[4-8四五六七八]位(?:的)?(?:数字|數字|码|碼)"
    + r"|(?<![A-Za-z])(?:sms|text(?:ed)?|text message|(?:[4-8]|four|six)[- ]digit)(?![A-Za-z])",
    re.IGNORECASE,
)
# A code glued to its label, as some apps copy it: "otp740112", "code-552193".
_GLUED = re.compile(
    r"(?<![A-Za-z])(?:otp|totp|2fa|code)[-_]?(?P<code>\d{4,8})(?![\dA-Za-z])", re.IGNORECASE
)
# A hexadecimal literal is an error or status code: "failed with code 0x1f".
_HEX_LITERAL = re.compile(r"0x[0-9a-f]+", re.IGNORECASE)
_KEY_HINT = re.compile(r"[码碼]|[数數]字|otp|2fa|mfa|code|cdoe|one.time")  # lower case: `mentions`


# An authenticator's setup key (base32, in groups of four) opens the account for good, as every
# code it would make: "setup key: KUGJ SA2F BAXL Z44W", "2fa secret key is jbsw y3dp ehpk 3pxp",
# "Google Authenticator 之前的密钥我截图存了：Z3L3 V5CQ …" (密钥 alone: no other key is written so).
# Capitals, or small letters with a digit among them: "secret key is your own responsibility"
# is no key.
_SETUP_KEY = re.compile(
    # or the authenticator named alone: "the key it showed when I enabled Google Authenticator: K7QM …"
    # or "the key" alone ("kept the key: kvmj ojgw y6v2 …"): the value's shape decides
    r"(?:(?<![A-Za-z])(?:(?:setup|secret|authenticator|2fa|totp|otp|mfa)\s+key|authenticator|key)"
    r"|(?:[设設][置定])?[密秘金][钥鑰])"
    # a remark between ("我把密钥抄在本子上了，照片太糊发不了，我手打一下："), the groups over lines
    r"(?:\s*\([^()\n]{1,40}\))?[^\n:：]{0,32}?(?:[:：]|\s(?:is|was))?\s*"
    r"(?P<val>(?-i:[A-Z2-7]{4}(?:(?:[ -]|\s*\n\s*)?[A-Z2-7]{4}){3,12}"
    r"|(?=[a-z2-7 -]*[2-7])[a-z2-7]{4}(?:(?:[ -]|\s*\n\s*)[a-z2-7]{4}){3,12}))(?![A-Za-z2-7])",
    re.IGNORECASE,
)


# The URI an authenticator's QR code holds carries the same key: "otpauth://totp/…?secret=…".
_OTPAUTH_SECRET = re.compile(r"otpauth://\S*?[?&]secret=(?P<val>[A-Za-z2-7]+=*)", re.IGNORECASE)
# A code of letters and digits named a discount is a promo code: "Use code SPRING25 for 25% off".
_DISCOUNT_AFTER = re.compile(
    r"%\s*off|(?<![A-Za-z])(?:off|discount)(?![A-Za-z])|折扣|优惠|優惠|打折", re.IGNORECASE
)


# A backup code's names, and its shape: groups of four letters and digits ("xk4m-97dq-2rtp").
_BACKUP_CODE_NAME = (
    r"(?:恢复码|恢復碼|备用码|備用碼|备份码|備份碼|救援码|救援碼"
    r"|(?<![A-Za-z])(?:backup|recovery|rescue)\s+codes?)"
)
_GROUPS_OF_FOUR = (
    r"(?P<val>(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9]{4}(?:-[A-Za-z0-9]{4}){2,7})"
    r"(?![A-Za-z0-9-])"
)
# A backup code before its name: "备忘录里存的 xk4m-97dq-2rtp-wz8a 这一串应该就是…恢复码", "ab12-cd34-ef56
# is my recovery code".
_CODE_THEN_NAME = re.compile(
    r"(?<![A-Za-z0-9-])" + _GROUPS_OF_FOUR + r"[^\n。.!?]{0,30}?" + _BACKUP_CODE_NAME, re.IGNORECASE
)
# Its name, a remark and a comma, then the code: "恢复码我截图了，R3KQ-9TZW-PL2M-84XD".
_NAME_REMARK_GROUPS = re.compile(
    _BACKUP_CODE_NAME + r"[^\n。.!?:：]{1,20}?[,，:：]\s*" + _GROUPS_OF_FOUR, re.IGNORECASE
)


# A code on a line of its own below the words that announce it, as e-mails print it: "Use the code
# below to finish signing in …\n\n    K7Q-M2X", "验证码如下：\n\n  482913".
_CODE_BELOW = re.compile(
    r"(?:code|验证码|驗證碼)[^\n]{0,12}?(?:below|如下|以下)[^\n]*\n(?:[^\n]*\n){0,3}?[ \t]*"
    r"(?P<val>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9]{2,8}(?:-[A-Za-z0-9]{2,8})?)[ \t]*(?=\n|$)",
    re.IGNORECASE,
)


def find_alphanumeric_codes(t: str) -> Iterator[Finding]:
    if "otpauth:" in t:
        yield from (Finding("otp", *m.span("val")) for m in _OTPAUTH_SECRET.finditer(t))
    if (  # plain tests: cheap
        "key" in t
        or "Key" in t
        or "KEY" in t
        or "钥" in t
        or "鑰" in t
        or "uthenticator" in t
        or "UTHENTICATOR" in t
    ):
        yield from (Finding("otp", *m.span("val")) for m in _SETUP_KEY.finditer(t))
    if not mentions(_KEY_HINT, t):
        return
    yield from (Finding("otp", *m.span("val")) for m in _CODE_THEN_NAME.finditer(t))
    yield from (Finding("otp", *m.span("val")) for m in _NAME_REMARK_GROUPS.finditer(t))
    if "\n" in t:
        yield from (Finding("otp", *m.span("val")) for m in _CODE_BELOW.finditer(t))
    yield from (Finding("otp", *m.span("code")) for m in _GLUED.finditer(t))
    for m in _LABELLED_ALNUM.finditer(t):
        if _other_code(t, m) or not 4 <= len(m.group("first")) <= 24:
            continue
        if m.group("first").isdigit() or _HEX_LITERAL.fullmatch(m.group("first")):
            continue  # digits alone are `find_codes`' (amounts, dates, years left alone there)
        if _DISCOUNT_AFTER.search(t, m.end("first"), m.end("first") + 24):
            continue
        end = m.end("first")
        while (more := _NEXT_ALNUM.match(t, end)) and 4 <= len(more.group(1)) <= 24:
            end = more.end(1)
        yield Finding("otp", m.start("first"), end)


def _code_word_before(t: str, start: int) -> bool:
    """A code word shortly before the number, not one that names another code ("ZIP codes")."""
    return any(not _other_code(t, k) for k in KEY.finditer(t, max(0, start - 30), start))


def _talks_about_codes(t: str) -> bool:
    return any(not _other_code(t, m) for m in _TOPIC.finditer(t))


def _labelled(t: str, start: int, end: int) -> bool:
    """A code word shortly before the number or shortly after it, in the same sentence."""
    for m in KEY.finditer(t, max(0, start - 30), start):
        if not _SENTENCE_END.search(t, m.end(), start) and not _other_code(t, m):
            return True
    after = _AFTER_KEY.search(t, end, min(len(t), end + 24))
    return after is not None and not re.search(r"[\n。!?,;]", t[end : after.start()])


# What a failure reports is an error: "it failed twice with code 10486", "rejected with code 51".
_FAILED_WITH = re.compile(
    r"(?<![A-Za-z])(?:fail\w*|reject\w*|declin\w*|return\w*|error\w*|crash\w*|exit\w*)"
    r"(?:\s+[A-Za-z]+){0,2}\s+with\s*$",
    re.IGNORECASE,
)


def _other_code(t: str, key: re.Match[str]) -> bool:
    if not key.group().lower().startswith("code"):
        return False
    return bool(
        _OTHER_CODE.search(t, max(0, key.start() - 16), key.start())
        or _FAILED_WITH.search(t, max(0, key.start() - 40), key.start())
    )
