"""Secrets written the way people paste them, for the shield's adversarial tests and its leak
benchmark (benchmarks/shield_leaks.py).

Each kind has a generator: a secret, a formatting (separators, zero-width characters, full-width
digits, Chinese numerals, line splits, case, numbering, quoting, one misspelled word) and a
surrounding message in Chinese or English. The generators take any source of choices with the
methods of `random.Random` they use, so the tests drive them with hypothesis (`DrawChoices`) and
the benchmark with a seeded `random.Random`. `Case.leaked` says whether anything of the secret
survived in a masked text; it is written independently of the shield (no shield code imported).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, TypeVar

from hypothesis import strategies as st
from mnemonic import Mnemonic

T = TypeVar("T")

ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")
HAN_DIGITS = "〇一二三四五六七八九"
HAN_DIGITS_ZERO = "零一二三四五六七八九"
EN_DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


class Choices(Protocol):
    def choice(self, seq: Sequence[T]) -> T: ...
    def randint(self, a: int, b: int) -> int: ...
    def randbytes(self, n: int) -> bytes: ...
    def random(self) -> float: ...


class DrawChoices:
    """`Choices` backed by a hypothesis draw, so failures shrink to a small example."""

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw

    def choice(self, seq: Sequence[T]) -> T:
        return self._draw(st.sampled_from(seq))

    def randint(self, a: int, b: int) -> int:
        return self._draw(st.integers(a, b))

    def randbytes(self, n: int) -> bytes:
        return self._draw(st.binary(min_size=n, max_size=n))

    def random(self) -> float:
        return self._draw(st.floats(0, 1, exclude_max=True))


# The shield's labels, which hold words and digits of their own ("[seed phrase]", "••••0128").
MASK_LABEL = re.compile(r"\[[a-z ]+\]|\[card ••••\d{4}\]")


@dataclass(frozen=True)
class Case:
    kind: str
    text: str  # the whole message
    template: str  # the message around the secret, "{}" where it stands
    secret: str  # as written in the message
    parts: tuple[str, ...]  # what must not survive, in the form `leaked` compares

    def leaked(self, masked: str) -> bool:
        """Whether any of the secret survives in `masked` (the shield's labels aside)."""
        return LEAK_CHECKS[self.kind](self, MASK_LABEL.sub(" ", masked))


# --- helpers ----------------------------------------------------------------------------------


def digits_of(text: str) -> str:
    """Every digit a reader would see, Chinese numerals and English digit words included, nothing
    else."""
    out = []
    text = re.sub(
        r"[A-Za-z]+",
        lambda m: (
            str(EN_DIGIT_WORDS.index(m[0].lower())) if m[0].lower() in EN_DIGIT_WORDS else m[0]
        ),
        text,
    )
    for ch in unicodedata.normalize("NFKC", text):
        if ch.isdigit():
            out.append(str(unicodedata.digit(ch, 0)))
        elif ch in HAN_DIGITS or ch == "零":
            out.append(str(HAN_DIGITS_ZERO.index(ch) if ch != "〇" else 0))
    return "".join(out)


def plain(text: str) -> str:
    """NFKC without format characters: what a reader sees."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def luhn_complete(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


def random_digits(c: Choices, n: int) -> str:
    return "".join(str(c.randint(0, 9)) for _ in range(n))


def with_zero_width(c: Choices, pieces: Sequence[str]) -> str:
    return "".join(p + c.choice(ZERO_WIDTH) for p in pieces[:-1]) + pieces[-1]


def fill(c: Choices, templates: Sequence[str], secret: str) -> tuple[str, str]:
    template = c.choice(templates)
    return template, template.replace("{}", secret)


# --- one-time codes ---------------------------------------------------------------------------

OTP_TEMPLATES = [
    "验证码收到了{}",
    "我刚收到 {} 这个验证码",
    "Here's the code:\n{}",
    "here is the code you sent {}",
    "验证码是{}",
    "{} is my verification code",
    "the SMS said {}",
    "短信验证码：{}，为什么登录不了",
    "I got a text with {} in it, is that the code?",
    "my 2FA code {} doesn't work",
    "收到短信 {} 要填在哪里",
    "OTP {}",
    "code\n{}",
    "{}\n这是验证码",
    "verification code? {}",
    "請問驗證碼{}要輸入到哪裡",
    "the code they texted me was {} but it expired",
    "动态码{}过期了吗",
    "{} that's what the sms says",
    "你们发的验证码 {} 输进去说错误",
    "【支付宝】您的验证码是{}，有效期5分钟，请勿泄露给他人",
    "i got {} from sms",
    "[Bank] Your verification code is {}. It expires in 5 minutes.",
]


def otp_case(c: Choices) -> Case:
    digits = random_digits(c, c.randint(4, 8))
    styles = ["plain", "spaced", "grouped", "pairs", "zero_width", "full_width", "han"]
    style = c.choice([*styles, "en_words", "listed"])
    if style == "spaced":
        written = c.choice([" ", "  "]).join(digits)
    elif style == "grouped":
        half = len(digits) // 2
        written = digits[:half] + c.choice([" ", "-"]) + digits[half:]
    elif style == "pairs":
        # Not "65.71": two groups joined by a dot read as a decimal, for people as for the shield.
        dot = ["."] if len(digits) > 5 else []
        written = c.choice(["-", " ", *dot]).join(
            digits[i : i + 2] for i in range(0, len(digits), 2)
        )
    elif style == "zero_width":
        written = with_zero_width(c, list(digits))
    elif style == "full_width":
        written = digits.translate(FULL_WIDTH)
    elif style == "han":
        zeros = c.choice([HAN_DIGITS, HAN_DIGITS_ZERO])
        written = "".join(zeros[int(d)] for d in digits)
    elif style == "en_words":  # read out: "four eight two nine", "Four-Eight-Two-Nine"
        words = [EN_DIGIT_WORDS[int(d)] for d in digits]
        written = c.choice([" ", "-"]).join(w.title() if c.random() < 0.3 else w for w in words)
    elif style == "listed":  # read out as a list: "6, 5, 4, 3", "six, five, four, three", "6、5、4"
        items = [EN_DIGIT_WORDS[int(d)] for d in digits] if c.random() < 0.5 else list(digits)
        written = c.choice([", ", ",", "，", "、"]).join(items)
    else:
        written = digits
    template, text = fill(c, OTP_TEMPLATES, written)
    return Case("otp", text, template, written, (digits,))


def _digits_leaked(case: Case, masked: str) -> bool:
    return case.parts[0] in digits_of(masked)


ALNUM_CODE_TEMPLATES = [
    "验证码 {}",
    "验证码是{}，怎么用",
    "my 2fa backup code is {}",
    "recovery code: {}",
    "Backup codes:\n{}\nwhich one do I use?",
    "谷歌验证器的备用码 {} 还能用吗",
    "恢复码：{}",
    "the verification code they sent is {} but it fails",
]
ALNUM = "abcdefghjkmnpqrstuvwxyz23456789"


def alnum_code_case(c: Choices) -> Case:
    """A code of letters and digits after its label: "A7K9Q2", "8f3k-29dl", "ABCD-EFGH-IJKL", or
    a list of backup codes."""

    def one() -> str:
        shape = c.choice(["mixed", "dashed", "capitals"])
        if shape == "capitals":
            return "-".join(
                "".join(c.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(4)) for _ in range(3)
            )
        length = c.randint(6, 10) if shape == "mixed" else 8
        code = "".join(c.choice(ALNUM) for _ in range(length - 2))
        for sure in (c.choice("abcdef"), str(c.randint(0, 9))):  # a letter and a digit somewhere
            at = c.randint(0, len(code))
            code = code[:at] + sure + code[at:]
        if c.random() < 0.5:
            code = code.upper()
        return f"{code[:4]}-{code[4:]}" if shape == "dashed" else code

    codes = [one() for _ in range(c.choice([1, 1, 1, 2, 3]))]
    written = c.choice([" ", ", ", "\n"]).join(codes)
    template, text = fill(c, ALNUM_CODE_TEMPLATES, written)
    return Case("alnum_code", text, template, written, tuple(codes))


def _alnum_code_leaked(case: Case, masked: str) -> bool:
    """Any four letters or digits of a code in a row that the template lacks, with a digit among
    them or all capitals: four small letters ("your") turn up in any English reply."""
    seen, around = plain(masked).replace("-", ""), plain(case.template)
    for code in case.parts:
        bare = code.replace("-", "")
        for i in range(len(bare) - 3):
            window = bare[i : i + 4]
            telling = any(ch.isdigit() for ch in window) or window.isupper()
            if telling and window in seen and window not in around:
                return True
    return False


# --- passwords --------------------------------------------------------------------------------

PASSWORD_KEYS_EN = ["password", "Password", "PASSWORD", "pass", "pwd", "passcode", "PIN", "pin"]
PASSWORD_KEYS_EN += ["security answer", "security question answer"]
PASSWORD_KEYS_ZH = [
    "密码",
    "密碼",
    "口令",
    "支付密码",
    "登录密码",
    "交易密碼",
    "密保答案",
    "密保问题答案",
]
CONNECTORS_EN = [" is ", ": ", " is now ", " = ", ":", " was ", " is: "]
CONNECTORS_ZH = ["是", "为", "：", "是 ", ": ", "就是"]
PASSWORD_TEMPLATES_EN = [
    "my {}",
    "{}, can you check why I can't log in?",
    "hi, my {} and it does not work",
    "{}\nthanks",
    "the wallet {}",
    "我的{}",
]
PASSWORD_TEMPLATES_ZH = [
    "我的{}，帮我看看为什么登不上",
    "{}",
    "{}\n谢谢",
    "请帮我查一下，{} 登录不了",
]
NAME_PARTS = ["张伟", "李娜", "王芳", "Müller", "José", "Zoë", "ßtraße", "Łukasz", "小明"]
SYMBOLS = "!@#$%^&*_+?~."


def password_value(c: Choices) -> str:
    shape = c.choice(["name_digits", "mixed", "digits", "symbols"])
    if shape == "name_digits":
        value = c.choice(NAME_PARTS) + random_digits(c, c.randint(3, 6))
        if c.random() < 0.5:
            value += c.choice(SYMBOLS)
    elif shape == "digits":
        value = random_digits(c, c.randint(4, 8))
    else:
        alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        if shape == "symbols":
            alphabet += SYMBOLS + "éüñ"
        value = "".join(c.choice(alphabet) for _ in range(c.randint(6, 14)))
        if not any(ch.isdigit() for ch in value):
            value += str(c.randint(0, 9))
    return value


def password_case(c: Choices) -> Case:
    value = password_value(c)
    written = value
    if value.isdigit() and c.random() < 0.5:  # a PIN typed with its digits apart: "4 4 2 1"
        sep = c.choice([" ", "  ", "-", "."])
        size = c.choice([1, 1, 2, 3])
        if size == 1 and c.random() < 0.3:  # "4, 4, 2, 1", "4，4，2，1"
            sep = c.choice([", ", ",", "，", "、"])
        written = sep.join(value[i : i + size] for i in range(0, len(value), size))
    elif c.random() < 0.3:  # a zero-width space typed (or pasted) inside
        cut = c.randint(1, len(value) - 1)
        written = value[:cut] + c.choice(ZERO_WIDTH) + value[cut:]
    if c.random() < 0.5:
        key = c.choice(PASSWORD_KEYS_EN)
        if c.random() < 0.3:
            secret = f"the {key} I use is {written}"
        else:
            secret = key + c.choice(CONNECTORS_EN) + written
        template = c.choice(PASSWORD_TEMPLATES_EN)
    else:
        secret = c.choice(PASSWORD_KEYS_ZH) + c.choice(CONNECTORS_ZH) + written
        template = c.choice(PASSWORD_TEMPLATES_ZH)
    return Case("password", template.replace("{}", secret), template, secret, (plain(value),))


def _password_leaked(case: Case, masked: str) -> bool:
    """Any five characters of the value in a row (all of it if shorter) that the template lacks;
    of a PIN, its digits whatever stands between them."""
    value, seen, around = case.parts[0], plain(masked), plain(case.template)
    if value.isdigit():
        seen, around = digits_of(masked), digits_of(case.template)
    n = min(5, len(value))
    return any(
        value[i : i + n] in seen and value[i : i + n] not in around
        for i in range(len(value) - n + 1)
    )


# --- payment cards and resident ID numbers ----------------------------------------------------

CARD_PREFIXES = [("4", 16), ("51", 16), ("55", 16), ("62", 16), ("62", 19), ("6011", 16)]
CARD_PREFIXES += [("35", 16), ("34", 15), ("37", 15), ("2221", 16)]
CARD_TEMPLATES = [
    "{}",
    "我的卡号是{}，帮我查一下",
    "請幫我看看這張卡 {} 為什麼被拒",
    "my visa {} was declined",
    "card: {} thanks",
    "hi\n{}\nplease help",
    "用这张卡{}付款失败了",
    "please refund to {} asap",
    "银行卡 {} 绑定不上",
]
SEPARATORS = [" ", "  ", "-", ".", " - ", "\u200b", "\n", "·", "_"]


def group(c: Choices, digits: str, sizes: Sequence[int]) -> str:
    sep = c.choice(SEPARATORS)
    pieces, at = [], 0
    for size in sizes:
        pieces.append(digits[at : at + size])
        at += size
    if at < len(digits):
        pieces.append(digits[at:])
    return sep.join(p for p in pieces if p)


def styled_number(c: Choices, digits: str, sizes: Sequence[int]) -> str:
    style = c.choice(["plain", "grouped", "grouped", "zero_width", "full_width"])
    if style == "grouped":
        return group(c, digits, sizes)
    if style == "zero_width":
        return with_zero_width(c, [digits[i : i + 4] for i in range(0, len(digits), 4)])
    if style == "full_width":
        return group(c, digits, sizes).translate(FULL_WIDTH)
    return digits


def card_case(c: Choices) -> Case:
    prefix, length = c.choice(CARD_PREFIXES)
    number = luhn_complete(prefix + random_digits(c, length - len(prefix) - 1))
    sizes = (4, 6, 5) if length == 15 else (4, 4, 4, 4)
    written = styled_number(c, number, sizes)
    template, text = fill(c, CARD_TEMPLATES, written)
    return Case("card_number", text, template, written, (number[:-4],))


def _card_leaked(case: Case, masked: str) -> bool:
    """Any six digits in a row of the card but its last four (which the mask shows)."""
    hidden, seen = case.parts[0], digits_of(masked)
    return any(hidden[i : i + 6] in seen for i in range(len(hidden) - 5))


# Written out here, independently of the shield's validators.
CARD_CODE_TEMPLATES = [
    "cvv {}",
    "CVV2: {}",
    "my cvc is {}",
    "the security code on the back is {}, can you pay for me?",
    "card ending 4242, exp 09/27, cvv {}",
    "amex cid {}",
    "卡背面的安全码是{}",
    "安全码：{} 帮我看看为什么付不了",
    "背面三位数 {}",
    "信用卡安全码为{}，有效期12/28",
    "卡背面3位数字是{}",
    "CVV：{}，能帮我付款吗",
]


def card_code_case(c: Choices) -> Case:
    """A card's security code after its label: 3 digits (4 for Amex), as typed."""
    template = c.choice(CARD_CODE_TEMPLATES)
    digits = random_digits(c, 4 if "amex" in template else 3)
    style = c.choice(["plain", "plain", "spaced", "dashed", "zero_width", "full_width"])
    style = c.choice([style, "listed", "en_words", "han"]) if c.random() < 0.3 else style
    if style == "spaced":
        written = " ".join(digits)
    elif style == "listed":  # "8, 4, 7"
        written = c.choice([", ", ",", "，", "、"]).join(digits)
    elif style == "en_words":  # "eight four seven"
        written = c.choice([" ", "-", ", "]).join(EN_DIGIT_WORDS[int(d)] for d in digits)
    elif style == "han":  # "八四七"
        written = "".join(HAN_DIGITS[int(d)] for d in digits)
    elif style == "dashed":
        written = "-".join(digits)
    elif style == "zero_width":
        written = with_zero_width(c, list(digits))
    elif style == "full_width":
        written = digits.translate(FULL_WIDTH)
    else:
        written = digits
    return Case("card_code", template.replace("{}", written), template, written, (digits,))


def _code_digits_leaked(case: Case, masked: str) -> bool:
    """The code's digits in a row more often than the message around it has them ("有效期12/28"
    holds "228")."""
    code = case.parts[0]
    return digits_of(masked).count(code) > digits_of(case.template).count(code)


PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46]
PROVINCES += [50, 51, 52, 53, 54, 61, 62, 63, 64, 65]
COUNTIES = ["0101", "0105", "0102", "0304", "0106", "0521", "0203", "0681", "2301"]
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_TEMPLATES = [
    "{}",
    "身份证号{}，麻烦核实",
    "my ID is {} ok",
    "證件號碼：{}",
    "实名认证一直失败 {}",
    "ID number\n{}",
]


def cn_id_case(c: Choices) -> Case:
    year, month, day = c.randint(1940, 2010), c.randint(1, 12), c.randint(1, 28)
    body = f"{c.choice(PROVINCES)}{c.choice(COUNTIES)}{year}{month:02}{day:02}{random_digits(c, 3)}"
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]
    number = body + (check.lower() if check == "X" and c.random() < 0.5 else check)
    written = styled_number(c, number, (6, 8, 4))
    template, text = fill(c, ID_TEMPLATES, written)
    return Case("cn_id", text, template, written, (body,))


def _id_leaked(case: Case, masked: str) -> bool:
    body, seen = case.parts[0], digits_of(masked)
    return any(body[i : i + 6] in seen for i in range(len(body) - 5))


# Other identity documents: written out here, independently of the shield's labels.
DOCUMENT_TEMPLATES = [
    "my ssn is {}",
    "SSN: {} for the tax form",
    "social security number {}",
    "my passport number is {}, is that enough for verification?",
    "passport no. {}",
    "护照号 {}",
    "护照号码是{}，请帮我实名认证",
    "香港身份证 {} 可以认证吗",
    "身份證號碼：{}",
    "台湾身份证{}",
    "港澳通行证{}过期了还能用吗",
    "台胞证号码：{}",
    "my ID number is {}",
    "HKID {} please verify",
    "driver's license {}",
    "我的驾照号是 {}",
]
LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def document_number(c: Choices) -> str:
    """A US SSN, a Hong Kong ID with its check character, a Taiwan ID, or a passport or permit
    number, as people write them."""
    shape = c.choice(["ssn", "hkid", "twid", "passport", "digits"])
    if shape == "ssn":
        area, group, serial = c.randint(1, 665), c.randint(1, 99), c.randint(1, 9999)
        sep = c.choice(["-", " ", ""])
        return f"{area:03}{sep}{group:02}{sep}{serial:04}"
    if shape == "hkid":
        return f"{c.choice(LETTERS)}{random_digits(c, 6)}({c.choice('0123456789A')})"
    if shape == "twid":
        return c.choice(LETTERS) + c.choice("12") + random_digits(c, 8)
    if shape == "passport":
        return c.choice("EGCHKPDS") + random_digits(c, 8)
    return random_digits(c, c.randint(8, 10))


def document_case(c: Choices) -> Case:
    number = document_number(c)
    written = number.translate(FULL_WIDTH) if c.random() < 0.1 else number
    template, text = fill(c, DOCUMENT_TEMPLATES, written)
    return Case("id_number", text, template, written, (digits_of(number),))


# --- seed phrases -----------------------------------------------------------------------------


@lru_cache(maxsize=4)
def wordlist(lang: str) -> tuple[str, ...]:
    return tuple(Mnemonic(lang).wordlist)


def mnemonic(c: Choices, lang: str) -> list[str]:
    entropy = c.randbytes(c.choice([16, 16, 16, 20, 24, 32]))
    return str(Mnemonic(lang).to_mnemonic(entropy)).split()


NOT_LIST_WORDS = ["hello", "bitcoin", "xyzzy", "qwerty", "lambo", "moonshot", "crypto", "binance"]
SEED_TEMPLATES_EN = [
    "{}",
    "my seed phrase is {}, is it safe?",
    "助记词：{}，钱包打不开",
    "here are my recovery words:\n{}\nplease help",
    "我的钱包备份是 {} 怎么恢复",
    "can you check {} thanks",
    "restore fails with\n{}",
]


SLIPS = ("drop", "double", "swap", "replace")


def slip(word: str, i: int, kind: str, letter: str) -> str:
    """The word with one typing slip at letter i (1 <= i): dropped, doubled, swapped with the
    letter before it, or replaced by `letter`."""
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    return word[:i] + letter + word[i + 1 :]


def misspell(c: Choices, word: str, words: frozenset[str]) -> str:
    """One typing slip: a letter dropped, doubled, swapped with its neighbour or replaced."""
    for _ in range(20):
        i = c.randint(1, len(word) - 2) if len(word) > 3 else 1
        kind = c.choice(SLIPS)
        typo = slip(word, i, kind, c.choice("aeioustrnl") if kind == "replace" else "")
        if typo != word and typo not in words:
            return typo
    return word + "x"


def seed_en_case(c: Choices) -> Case:
    words = mnemonic(c, "english")
    listed = frozenset(wordlist("english"))
    replaced = -1  # the position of a word replaced by one off the list: not a secret
    slip = c.choice(["none", "none", "misspelled", "unknown"])
    if slip != "none":
        at = c.randint(0, len(words) - 1)
        if slip == "misspelled" and len(words[at]) >= 4:
            words[at] = misspell(c, words[at], listed)
        else:
            words[at] = c.choice(NOT_LIST_WORDS)
            replaced = at
    case_style = c.choice(["lower", "upper", "title", "random"])
    if case_style == "upper":
        words = [w.upper() for w in words]
    elif case_style == "title":
        words = [w.title() for w in words]
    elif case_style == "random":
        words = ["".join(ch.upper() if c.random() < 0.5 else ch for ch in w) for w in words]
    if c.random() < 0.2:  # a zero-width joiner inside each word
        words = [with_zero_width(c, [w[:2], w[2:]]) for w in words]
    sep = c.choice([" ", "-", "/", ", ", ",", "\n", " | ", "  ", "\t"])
    layout = c.choice(["plain", "plain", "numbered", "quoted", "json"])
    if layout == "numbered":
        number = c.choice(["{}-{}", "{}. {}", "{}){}", "{}) {}", "{}.{}", "{}: {}"])
        written = sep.join(number.format(i, w) for i, w in enumerate(words, 1))
    elif layout == "quoted":
        quote = c.choice(['"', "'", "“"])
        close = "”" if quote == "“" else quote
        written = sep.join(f"{quote}{w}{close}" for w in words)
    elif layout == "json":
        written = "[" + ", ".join(f'"{w}"' for w in words) + "]"
    else:
        written = sep.join(words)
    template, text = fill(c, SEED_TEMPLATES_EN, written)
    secret_words = tuple(plain(w).lower() for i, w in enumerate(words) if i != replaced)
    return Case("seed_phrase_en", text, template, written, secret_words)


def _seed_en_leaked(case: Case, masked: str) -> bool:
    seen = set(re.findall(r"[^\W\d_]+", plain(masked).lower()))
    around = set(re.findall(r"[^\W\d_]+", case.template.lower()))
    return any(w in seen and w not in around for w in case.parts)


SEED_TEMPLATES_ZH = [
    "{}",
    "我的助记词是 {} 怎么恢复",
    "助记词：{}",
    "這是我的助記詞{}，請幫我看看",
    "seed: {}",
    "钱包恢复不了\n{}",
    "{}\n导入钱包时提示无效",
]


def seed_zh_case(c: Choices) -> Case:
    lang = c.choice(["chinese_simplified", "chinese_traditional"])
    chars = mnemonic(c, lang)
    layout = c.choice(["spaced", "joined", "joined", "commas", "numbered", "zero_width", "lines"])
    if layout == "spaced":
        written = " ".join(chars)
    elif layout == "commas":
        written = c.choice(["，", "、", ","]).join(chars)
    elif layout == "numbered":
        written = " ".join(f"{i}.{ch}" for i, ch in enumerate(chars, 1))
    elif layout == "zero_width":
        written = with_zero_width(c, chars)
    elif layout == "lines":
        written = "\n".join(" ".join(chars[i : i + 4]) for i in range(0, len(chars), 4))
    else:
        written = "".join(chars)
    template, text = fill(c, SEED_TEMPLATES_ZH, written)
    return Case("seed_phrase_zh", text, template, written, tuple(chars))


def _seed_zh_leaked(case: Case, masked: str) -> bool:
    """Two characters of the phrase side by side (separators aside) that the template lacks."""
    han = re.compile(r"[^\u4e00-\u9fff]")
    seen, around = han.sub("", plain(masked)), han.sub("", case.template)
    pairs = ("".join(case.parts[i : i + 2]) for i in range(len(case.parts) - 1))
    return any(p in seen and p not in around for p in pairs)


# --- private keys -----------------------------------------------------------------------------

KEY_TEMPLATES = [
    "{}",
    "私钥 {}",
    "my private key is {} please check",
    "here is my key:\n{}",
    "导出的私钥是{}，安全吗",
    "is this right? {}",
    "wallet import fails: {}",
]


def private_key_case(c: Choices) -> Case:
    key = c.randbytes(32).hex()
    case_style = c.choice(["lower", "upper", "mixed"])
    if case_style == "upper":
        key_written = key.upper()
    elif case_style == "mixed":
        key_written = "".join(ch.upper() if c.random() < 0.5 else ch for ch in key)
    else:
        key_written = key
    layout = c.choice(["plain", "groups", "two_lines", "zero_width"])
    if layout == "groups":
        size = c.choice([4, 8, 16])
        sep = c.choice([" ", "-", "\n", "  ", ":"])
        key_written = sep.join(key_written[i : i + size] for i in range(0, 64, size))
    elif layout == "two_lines":
        key_written = key_written[:32] + "\n" + key_written[32:]
    elif layout == "zero_width":
        key_written = with_zero_width(c, [key_written[i : i + 16] for i in range(0, 64, 16)])
    written = c.choice(["", "", "0x", "0X"]) + key_written
    template, text = fill(c, KEY_TEMPLATES, written)
    return Case("private_key", text, template, written, (key,))


def _key_leaked(case: Case, masked: str) -> bool:
    """Any eight hex digits of the key in a row, separators aside."""
    seen = re.sub(r"[^0-9a-f]", "", plain(masked).lower())
    key = case.parts[0]
    return any(key[i : i + 8] in seen for i in range(0, 57))


# --- the registry -----------------------------------------------------------------------------

GENERATORS: dict[str, Callable[[Choices], Case]] = {
    "otp": otp_case,
    "alnum_code": alnum_code_case,
    "password": password_case,
    "card_code": card_code_case,
    "card_number": card_case,
    "cn_id": cn_id_case,
    "id_number": document_case,
    "seed_phrase_en": seed_en_case,
    "seed_phrase_zh": seed_zh_case,
    "private_key": private_key_case,
}
LEAK_CHECKS: dict[str, Callable[[Case, str], bool]] = {
    "otp": _digits_leaked,
    "alnum_code": _alnum_code_leaked,
    "password": _password_leaked,
    "card_code": _code_digits_leaked,
    "card_number": _card_leaked,
    "cn_id": _id_leaked,
    "id_number": _id_leaked,
    "seed_phrase_en": _seed_en_leaked,
    "seed_phrase_zh": _seed_zh_leaked,
    "private_key": _key_leaked,
}


@st.composite
def cases(draw: st.DrawFn, kind: str) -> Case:
    return GENERATORS[kind](DrawChoices(draw))
