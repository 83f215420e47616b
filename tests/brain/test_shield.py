import random
import re
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from walletbot.brain.shield import (
    CARD_MASK,
    KINDS,
    MASKS,
    SECRET_KINDS,
    SECRET_WARNING,
    Finding,
    codes,
    documents,
    passwords,
    shield,
)
from walletbot.brain.shield.context import mentions

# Written out here, independently of the shield's validators, so a bug there cannot hide in both.
REGIONS = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46]
REGIONS += [50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def is_luhn(number: str) -> bool:
    return luhn_check_digit(number[:-1]) == number[-1]


def id_check(body: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def is_cn_id(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit() or int(number[:2]) not in REGIONS:
        return False
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return id_check(number[:17]) == number[17].upper()


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


# --- property-based ---------------------------------------------------------------------------

SURROUNDINGS = [
    "{}",
    "我的卡号是{}，帮我查一下",
    "請幫我看看這張卡 {} 為什麼被拒",
    "my visa {} was declined",
    "card: {} thanks",
    "hi\n{}\nplease help",
    "用这张卡{}付款失败了",
]


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    length = draw(st.integers(13, 19))
    body = draw(st.text("0123456789", min_size=length - 1, max_size=length - 1))
    return body + luhn_check_digit(body)


def grouped(number: str, sep: str) -> str:
    return sep.join(number[i : i + 4] for i in range(0, len(number), 4))


@given(
    number=card_numbers(),
    sep=st.sampled_from(["", " ", "-"]),
    template=st.sampled_from(SURROUNDINGS),
    full_width=st.booleans(),
)
def test_every_luhn_valid_card_is_masked(
    number: str, sep: str, template: str, full_width: bool
) -> None:
    assume(not (sep == "" and is_cn_id(number)))  # an 18-digit ID outranks a card: tested below
    assume(not re.fullmatch(r"861[3-9]\d{9}", number))  # "86 138..." is a phone number
    written = grouped(number, sep) if sep else number
    if full_width:
        written = written.translate(FULL_WIDTH)
    text = template.format(written)
    result = shield(text)
    assert [f.kind for f in result.findings] == ["card_number"]
    assert result.text == template.format(f"[card ••••{number[-4:]}]")
    assert number not in digits_of(result.text)
    assert result.secret_shared and not result.critical


@st.composite
def cn_ids(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(REGIONS))
    area = draw(st.text("0123456789", min_size=4, max_size=4))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2019, 12, 31)))
    seq = draw(st.text("0123456789", min_size=3, max_size=3))
    body = f"{region}{area}{born:%Y%m%d}{seq}"
    check = id_check(body)
    return body + (check.lower() if check == "X" and draw(st.booleans()) else check)


@given(
    number=cn_ids(),
    template=st.sampled_from(["{}", "身份证号{}，麻烦核实", "my ID is {} ok", "證件號碼：{}"]),
    full_width=st.booleans(),
)
def test_every_valid_id_number_is_masked(number: str, template: str, full_width: bool) -> None:
    text = template.format(number.translate(FULL_WIDTH) if full_width else number)
    result = shield(text)
    assert [f.kind for f in result.findings] == ["cn_id"]
    assert result.text == template.format("[id number]")
    assert digits_of(number) not in digits_of(result.text)


def to_mnemonic(entropy: bytes, lang: str = "english") -> str:
    # Mnemonic.generate() is to_mnemonic(os.urandom(n)); here hypothesis draws the entropy.
    return str(Mnemonic(lang).to_mnemonic(entropy))


@given(
    entropy=st.sampled_from([16, 20, 24, 28, 32]).flatmap(
        lambda n: st.binary(min_size=n, max_size=n)
    ),
    style=st.sampled_from(["plain", "upper", "title", "commas", "newlines", "numbered"]),
    template=st.sampled_from(["{}", "my seed phrase is {}, is it safe?", "助记词：{}，钱包打不开"]),
)
def test_every_mnemonic_is_masked(entropy: bytes, style: str, template: str) -> None:
    words = to_mnemonic(entropy).split()
    phrase = {
        "plain": " ".join(words),
        "upper": " ".join(words).upper(),
        "title": " ".join(w.title() for w in words),
        "commas": ", ".join(words),
        "newlines": "\n".join(words),
        "numbered": " ".join(f"{i}. {w}" for i, w in enumerate(words, 1)),
    }[style]
    result = shield(template.format(phrase))
    assert [f.kind for f in result.findings] == ["seed_phrase"]
    prefix = "1. " if style == "numbered" else ""
    assert result.text == template.format(prefix + "[seed phrase]")
    assert result.critical


def test_neighbouring_list_words_are_masked_with_the_phrase() -> None:
    # "please help" are BIP-39 words too: the whole run goes, a word too many rather than too few.
    phrase = to_mnemonic(bytes(range(16)))
    assert (
        shield(f"my seed phrase is {phrase} please help").text == "my seed phrase is [seed phrase]"
    )


# Entropy as a wallet draws it: st.binary favours runs of zero bytes, whose phrases ("abandon
# abandon abandon abandon can like able able") hold four grammar-like list words in eight and
# read like prose; of 20,000 partial phrases of random entropy (random.Random("partial-8")) none
# was missed. Derandomized, so the rare draw that reads like prose cannot fail a run now and then.
@settings(derandomize=True)
@given(rng=st.randoms(use_true_random=False), start=st.integers(0, 4))
def test_a_partial_phrase_of_eight_words_is_masked(rng: random.Random, start: int) -> None:
    words = to_mnemonic(rng.randbytes(16)).split()[start : start + 8]
    result = shield("is this right: " + " ".join(words))
    assert result.text == "is this right: [seed phrase]"


@given(
    entropy=st.binary(min_size=16, max_size=32).filter(lambda b: len(b) % 4 == 0),
    lang=st.sampled_from(["chinese_simplified", "chinese_traditional"]),
)
def test_chinese_mnemonics_are_masked(entropy: bytes, lang: str) -> None:
    result = shield("我的助记词是 " + to_mnemonic(entropy, lang) + " 怎么恢复")
    assert result.text == "我的助记词是 [seed phrase] 怎么恢复"


# --- tables of realistic messages -------------------------------------------------------------

ETH = "0x52908400098527886E0F7030069857D2E4169EE7"
HEX64 = "5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"
WIF = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
XPRV = (
    "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtR"
    "BeJgk33yuGBxrMPHi"
)

MUST_MASK = [
    # passwords and PINs
    ("我的密码是abc123，帮我看看", "我的密码是[password]，帮我看看", ["password"]),
    ("密码：Qwerty!9", "密码：[password]", ["password"]),
    ("支付密码 123456", "支付密码 [password]", ["password"]),
    ("密碼是１２３４５６", "密碼是[password]", ["password"]),
    ("登录密码改成了 Abc@2024 还是登不上", "登录密码改成了 [password] 还是登不上", ["password"]),
    ("my password is hunter2", "my password is [password]", ["password"]),
    ("My Password is hunter", "My Password is [password]", ["password"]),
    ("pwd: x9k2", "pwd: [password]", ["password"]),
    ("PIN is 4821", "PIN is [password]", ["password"]),
    ("Ｍｙ ＰＩＮ ｉｓ ４８２１。", "Ｍｙ ＰＩＮ ｉｓ [password]。", ["password"]),
    ("pass code 1234", "pass code [password]", ["password"]),
    (
        "the password for my wallet is s3cret! and my pin is 4821 please help",
        "the password for my wallet is [password] and my pin is [password] please help",
        ["password", "password"],
    ),
    # one-time codes
    ("验证码是 384910", "验证码是 [code]", ["otp"]),
    ("驗證碼 384910", "驗證碼 [code]", ["otp"]),
    ("code: 384910", "code: [code]", ["otp"]),
    ("the OTP I got is 384910", "the OTP I got is [code]", ["otp"]),
    ("短信码 5566", "短信码 [code]", ["otp"]),
    ("384910 is the verification code", "[code] is the verification code", ["otp"]),
    ("384910是我的验证码", "[code]是我的验证码", ["otp"]),
    ("SMS code 384 910, is that right?", "SMS code [code], is that right?", ["otp"]),
    # payment cards (Luhn-valid), last four kept
    ("我的卡号是 4111 1111 1111 1111", "我的卡号是 [card ••••1111]", ["card_number"]),
    ("card 4111-1111-1111-1111 exp 12/27", "card [card ••••1111] exp 12/27", ["card_number"]),
    ("amex 378282246310005", "amex [card ••••0005]", ["card_number"]),
    ("银行卡6222021234567890128被拒", "银行卡[card ••••0128]被拒", ["card_number"]),
    (
        "paid for the order with 4111111111111111",
        "paid for the order with [card ••••1111]",
        ["card_number"],
    ),
    # resident ID numbers
    ("身份证 11010519491231002X", "身份证 [id number]", ["cn_id"]),
    (
        "我的身份证号是１１０１０５１９４９１２３１００２Ｘ，谢谢",
        "我的身份证号是[id number]，谢谢",
        ["cn_id"],
    ),
    ("ID 440304 19850615 1237", "ID [id number]", ["cn_id"]),
    # phones and e-mail
    ("我的手机号 13812345678", "我的手机号 [phone]", ["phone"]),
    (
        "call me +86 138 0013 8000 or +44 20 7946 0958",
        "call me [phone] or [phone]",
        ["phone", "phone"],
    ),
    ("email me at bob.smith@example.com", "email me at [email]", ["email"]),
    ("我的QQ邮箱 1234567890@qq.com", "我的QQ邮箱 [email]", ["email"]),
    ("帐号是13812345678", "帐号是[phone]", ["phone"]),  # a phone number used as the login
    # bank accounts: labelled, not Luhn-valid
    (
        "我的账号 6222021234567890123 请查一下",
        "我的账号 [account number] 请查一下",
        ["bank_account"],
    ),
    ("account number: 123456789012", "account number: [account number]", ["bank_account"]),
    ("my card 1234567812345678", "my card [account number]", ["bank_account"]),
    ("收款帳戶：0123 4567 8901 23", "收款帳戶：[account number]", ["bank_account"]),
    ("IBAN GB82 WEST 1234 5698 7654 32", "IBAN [account number]", ["bank_account"]),
    ("send it to DE89370400440532013000", "send it to [account number]", ["bank_account"]),
    # keys: critical
    (f"私钥 {HEX64}", "私钥 [private key]", ["private_key"]),
    (f"my private key is 0x{HEX64}", "my private key is [private key]", ["private_key"]),
    (HEX64, "[private key]", ["private_key"]),  # unlabelled: safety first
    (f"my wif {WIF}", "my wif [private key]", ["private_key"]),
    (f"导出的 {XPRV} 安全吗", "导出的 [private key] 安全吗", ["private_key"]),
    # identifiers kept useful
    (f"send to {ETH} please", "send to 0x5290…9EE7 please", ["wallet_address"]),
    (f"tx hash 0x{HEX64}", "tx hash 0x5c50…2060", ["tx_hash"]),
    (f"交易哈希：{HEX64}", "交易哈希：5c504e…2060", ["tx_hash"]),
    (
        "btc 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 tron TJRabPrwbZy45sbavfcjinPJC18kjpRTv8",
        "btc 1BvBMS…NVN2 tron TJRabP…RTv8",
        ["wallet_address", "wallet_address"],
    ),
    ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "bc1qar…5mdq", ["wallet_address"]),
    # several at once, masked right to left with spans intact
    (
        "密码是abc123，验证码 384910，卡号 4111 1111 1111 1111",
        "密码是[password]，验证码 [code]，卡号 [card ••••1111]",
        ["password", "otp", "card_number"],
    ),
]


SEED_TEXT = "legal winner thank year wave sausage worth useful legal winner thank yellow"
SEED = SEED_TEXT.split()
ZW = "\u200b"  # zero-width space
# Shapes that leaked before the shield read text as people write it, in both languages.
PASTED = [
    # codes, told apart by what the message talks about
    ("验证码收到了768688", "验证码收到了[code]", ["otp"]),
    ("我刚收到 183898 这个验证码", "我刚收到 [code] 这个验证码", ["otp"]),
    ("Here's the code:\n292875", "Here's the code:\n[code]", ["otp"]),
    ("here is the code you sent 552377", "here is the code you sent [code]", ["otp"]),
    ("the code is 8 3 2 9 4 3", "the code is [code]", ["otp"]),
    (f"验证码 7{ZW}6{ZW}8{ZW}6{ZW}8{ZW}8", "验证码 [code]", ["otp"]),
    ("my verification code: 15-14-92", "my verification code: [code]", ["otp"]),
    ("验证码是五一三五三五", "验证码是[code]", ["otp"]),
    ("短信里的数字是 〇四七二九一", "短信里的数字是 [code]", ["otp"]),
    ("the SMS said 4471 09, what now", "the SMS said [code], what now", ["otp"]),
    ("簡訊驗證碼：３８４９１０", "簡訊驗證碼：[code]", ["otp"]),
    # passwords, whatever their characters
    ("my password is Müller2641!", "my password is [password]", ["password"]),
    ("密码是张伟116883", "密码是[password]", ["password"]),
    ("密码是张伟116883怎么登不上", "密码是[password]怎么登不上", ["password"]),
    ("my pass is Tr0ub4dor", "my pass is [password]", ["password"]),
    ("the password I use is Hunter2!", "the password I use is [password]", ["password"]),
    (f"password: abc{ZW}123xyz", "password: [password]", ["password"]),
    ("my PIN is now 4821", "my PIN is now [password]", ["password"]),
    ("支付密码一直是 830614", "支付密码一直是 [password]", ["password"]),
    # digits read out in English words
    ("verification code is four eight two nine one three", "verification code is [code]", ["otp"]),
    ("pin is one two three four", "pin is [password]", ["password"]),
    ("my code: Four-Eight-Two-Nine", "my code: [code]", ["otp"]),
    # codes of letters and digits, and lists of backup codes
    ("验证码 A7K9Q2", "验证码 [code]", ["otp"]),
    ("my 2fa backup code is 8f3k-29dl", "my 2fa backup code is [code]", ["otp"]),
    ("recovery codes: ABCD-EFGH-IJKL, MNOP-QRST-UVWX", "recovery codes: [code]", ["otp"]),
    ("恢复码：a1b2c3d4 还能用吗", "恢复码：[code] 还能用吗", ["otp"]),
    # a card's security code: three digits, too short for a one-time code
    ("CVV2: 847", "CVV2: [cvv]", ["card_code"]),
    ("my cvc is 8 4 7", "my cvc is [cvv]", ["card_code"]),
    ("卡背面的安全码是847", "卡背面的安全码是[cvv]", ["card_code"]),
    (
        "the security code on the back is 039",
        "the security code on the back is [cvv]",
        ["card_code"],
    ),
    # a PIN typed with its digits apart (each digit had been a value too short to mask)
    ("pin is 4 4 2 1", "pin is [password]", ["password"]),
    ("支付密码 44-21-09 对吗", "支付密码 [password] 对吗", ["password"]),
    ("密碼是 54  20  15  47", "密碼是 [password]", ["password"]),
    (
        "i want my account pin to be 1234 from now on",
        "i want my account pin to be [password] from now on",
        ["password"],
    ),
    # digits read out as a list, in words or digits (each digit had been a number too short)
    ("my code is six, five, four, three, two, one", "my code is [code]", ["otp"]),
    ("验证码是 6，5，4，3，2，1", "验证码是 [code]", ["otp"]),
    ("短信验证码：7、3、9、1", "短信验证码：[code]", ["otp"]),
    ("pin: 4, 4, 2, 1", "pin: [password]", ["password"]),
    ("支付密码是4、4、2、1", "支付密码是[password]", ["password"]),
    # a pasted SMS, a code named by the SMS after it, a connector with a colon, security answers
    ("【支付宝】验证码123456，5分钟内有效", "【支付宝】验证码[code]，5分钟内有效", ["otp"]),
    ("i got 482913 from sms", "i got [code] from sms", ["otp"]),
    ("my password is: hunter22", "my password is: [password]", ["password"]),
    (
        "security question answer is Fluffy2010",
        "security question answer is [password]",
        ["password"],
    ),
    ("密保问题答案是小花2010", "密保问题答案是[password]", ["password"]),
    # shapes a held-out set found (data/eval/pasted_secrets_fresh.csv), written anew here
    ("密保答案是 李小红", "密保答案是 [password]", ["password"]),
    (
        "密保问题是“我的宠物叫什么” 答案：旺财",
        "密保问题是“我的宠物叫什么” 答案：[password]",
        ["password"],
    ),
    ("登录密码应该是 ５５８８１２ 吧", "登录密码应该是 [password] 吧", ["password"]),
    ("logged in with Hx7!mpq2 twice", "logged in with [password] twice", ["password"]),
    ("my mother's maiden name is Novak", "my mother's maiden name is [password]", ["password"]),
    (
        "the answer to the security question (first car) is Civic99",
        "the answer to the security question (first car) is [password]",
        ["password"],
    ),
    ("the security code says 512", "the security code says [cvv]", ["card_code"]),
    ("it's 734, the 3 digits on the back", "it's [cvv], the 3 digits on the back", ["card_code"]),
    ("卡背后的三位数是 208", "卡背后的三位数是 [cvv]", ["card_code"]),
    ("CVN2: 六一四", "CVN2: [cvv]", ["card_code"]),
    # shapes a second held-out set found (data/eval/pasted_secrets_fresh2.csv), written anew
    ("我的蜜码是 qiqi0815", "我的蜜码是 [password]", ["password"]),
    ("my pasword is Orchid!77", "my pasword is [password]", ["password"]),
    ("「Maple_2024」这个就是我的支付密码", "「[password]」这个就是我的支付密码", ["password"]),
    (
        '{"user": "amy", "password": "s3cret&pie"}',
        '{"user": "amy", "password": "[password]"}',
        ["password"],
    ),
    ("tried 'bluebird88' as my password", "tried '[password]' as my password", ["password"]),
    ("动态口令 381 204，30秒后刷新", "动态口令 [password]，30秒后刷新", ["password"]),
    ("验正码 472 915 不对吗", "验正码 [code] 不对吗", ["otp"]),
    ("the code is two two nine, four one seven", "the code is [code]", ["otp"]),
    ("卡片背面的檢查碼 517", "卡片背面的檢查碼 [cvv]", ["card_code"]),
    ("ccv 318 exp 04/29", "ccv [cvv] exp 04/29", ["card_code"]),
    ('{"cvv":"092","exp":"10/27"}', '{"cvv":"[cvv]","exp":"10/27"}', ["card_code"]),
    ("'735' is the cvv", "'[cvv]' is the cvv", ["card_code"]),
    ("澳門身份證 1/234567/8", "澳門身份證 [id number]", ["id_number"]),
    ("UK driving licence: MORGA753116SM9IJ", "UK driving licence: [id number]", ["id_number"]),
    ("匯豐戶口號碼 123-456789-001", "匯豐戶口號碼 [account number]", ["bank_account"]),
    # shapes a third held-out set found (data/eval/pasted_secrets_fresh3.csv), written anew
    (
        "密码 Kx-19aZ 不对打错了，是 Kx-91aZ#2",
        "密码 [password] 不对打错了，是 [password]",
        ["password", "password"],
    ),
    (
        "code 448120, no wait, the wallet one is 559031",
        "code [code], no wait, the wallet one is [code]",
        ["otp", "otp"],
    ),
    (
        "cvv 417 by mistake, the real code on the card is 471",
        "cvv [cvv] by mistake, the real code on the card is [cvv]",
        ["card_code", "card_code"],
    ),
    ("验证码 661203，其实是我自己转错了", "验证码 [code]，其实是我自己转错了", ["otp"]),
    ("短信里的码：六五三，二一八", "短信里的码：[code]", ["otp"]),
    ("cvv码 二九四", "cvv码 [cvv]", ["card_code"]),
    ("the CVV is... four zero six", "the CVV is... [cvv]", ["card_code"]),
    ("签名条旁边那三位是 638", "签名条旁边那三位是 [cvv]", ["card_code"]),
    ("mima: chunfeng_88 登不上", "mima: [password] 登不上", ["password"]),
    ("密码明明是 Lin#2020ok", "密码明明是 [password]", ["password"]),
    (
        "security question (favourite food). I answered Dumpling7",
        "security question (favourite food). I answered [password]",
        ["password"],
    ),
    ("acc no 6218004455", "acc no [account number]", ["bank_account"]),
    # "pw" inside a backup code is no password label (a property test's draw)
    ("验证码 0AAAAA A0PW2AAA", "验证码 [code]", ["otp"]),
    ("收到一个6位的码 553201", "收到一个6位的码 [code]", ["otp"]),
    ("备份码：\n40417712\n95520318", "备份码：\n[code]\n[code]", ["otp", "otp"]),
    ("you sent me 7731, the 4 digit one", "you sent me [code], the 4 digit one", ["otp"]),
    (
        "driver license number for verification: 553 201 774",
        "driver license number for verification: [id number]",
        ["id_number"],
    ),
    ("台灣身分證字號 A123456789", "台灣身分證字號 [id number]", ["id_number"]),
    ("my social is 512 44 9087", "my social is [id number]", ["id_number"]),
    (
        "汇到 6013820500012345，到现在没收到",
        "汇到 [account number]，到现在没收到",
        ["bank_account"],
    ),
    # a card's security code read out, in words or one by one
    ("CVV: eight four seven", "CVV: [cvv]", ["card_code"]),
    ("安全码是八四七", "安全码是[cvv]", ["card_code"]),
    ("cvv is 8, 4, 7", "cvv is [cvv]", ["card_code"]),
    # identity documents other than the mainland ID: after their label, or a shape of their own
    ("my ssn is 123 45 6789", "my ssn is [id number]", ["id_number"]),
    ("123-45-6789 is on the form", "[id number] is on the form", ["id_number"]),
    ("香港身份证 A123456(3) 可以吗", "香港身份证 [id number] 可以吗", ["id_number"]),
    ("K654321(A)", "[id number]", ["id_number"]),
    ("台湾身份证A123456789", "台湾身份证[id number]", ["id_number"]),
    ("护照号码是E12345678，请帮我实名", "护照号码是[id number]，请帮我实名", ["id_number"]),
    ("港澳通行证C12345678过期了", "港澳通行证[id number]过期了", ["id_number"]),
    ("my passport number is 512345678", "my passport number is [id number]", ["id_number"]),
    ("My ID: S1234567D", "My ID: [id number]", ["id_number"]),
    ("身份证号 110101199209158642", "身份证号 [id number]", ["id_number"]),  # one digit off
    # a password told a few words after what it is, shaped like a password
    ("密码是我生日加名字 wang.0312，登不上", "密码是我生日加名字 [password]，登不上", ["password"]),
    (
        "I keep the password in my notes app: Tulip#Lane9. locked out now",
        "I keep the password in my notes app: [password]. locked out now",
        ["password"],
    ),
    (
        "reset the password last night to orchid_2241 but it fails",
        "reset the password last night to [password] but it fails",
        ["password"],
    ),
    # a security answer: a name after its label, or after "it was"
    (
        "mother's maiden name is Haverford. Please unlock it",
        "mother's maiden name is [password]. Please unlock it",
        ["password"],
    ),
    (
        "the secret question about my first school - it was Riverside",
        "the secret question about my first school - it was [password]",
        ["password"],
    ),
    # a card's code named loosely, then given later in the sentence
    ("卡背面那三个数字是604吗", "卡背面那三个数字是[cvv]吗", ["card_code"]),
    ("他让我报CVN2，我的是318", "他让我报CVN2，我的是[cvv]", ["card_code"]),
    (
        "the CVC is printed by the signature strip. mine says 771",
        "the CVC is printed by the signature strip. mine says [cvv]",
        ["card_code"],
    ),
    # a PIN given later in the sentence, after a connector; Cantonese 係
    (
        "支付密码记不清了，后来想起来应该是 ４０２７１８",
        "支付密码记不清了，后来想起来应该是 [password]",
        ["password"],
    ),
    (
        "he asked for my passcode and I said ok, it was 773104",
        "he asked for my passcode and I said ok, it was [password]",
        ["password"],
    ),
    ("登入密碼係 Wing@2288，入唔到", "登入密碼係 [password]，入唔到", ["password"]),
    # a card code in Chinese numerals, or "the number on the back"
    ("他要卡背面的验证码，我说了是四一九", "他要卡背面的验证码，我说了是[cvv]", ["card_code"]),
    (
        "she wanted the number on the back of my card, I gave her 318",
        "she wanted the number on the back of my card, I gave her [cvv]",
        ["card_code"],
    ),
    # identity numbers and accounts given a few words after their label
    (
        "they needed my aadhaar, so i sent 2345 6789 0123",
        "they needed my aadhaar, so i sent [id number]",
        ["id_number"],
    ),
    (
        "NI number QQ 12 34 56 C for the payout",
        "NI number [id number] for the payout",
        ["id_number"],
    ),
    (
        "he asked for my account number so i read out 6214 8301 2298 to him",
        "he asked for my account number so i read out [account number] to him",
        ["bank_account"],
    ),
    # a password set "设成", changed "to" another, or in capitals with digits
    ("新密码设成 Ab3#xY7z 了，登不上", "新密码设成 [password] 了，登不上", ["password"]),
    (
        "my old password was maple77 and i changed it to Maple_77! today",
        "my old password was [password] and i changed it to [password]! today",
        ["password", "password"],
    ),
    (
        "the password on the note is HENDERSON2001",
        "the password on the note is [password]",
        ["password"],
    ),
    # a card code behind "後面三個數字" with its digits apart, or a "three digit code" in words
    ("卡後面三個數字係 4 1 8 嗎", "卡後面三個數字係 [cvv] 嗎", ["card_code"]),
    (
        "she asked for the three digit code and I said six one four",
        "she asked for the three digit code and I said [cvv]",
        ["card_code"],
    ),
    # a Canadian SIN where the message names one; a UK account beside its sort code
    ("my SIN for the form: 130 692 544", "my SIN for the form: [id number]", ["id_number"]),
    (
        "sort code 12-34-56 account 31926819 for the refund",
        "sort code 12-34-56 account [account number] for the refund",
        ["bank_account"],
    ),
    # recovery codes after a bracketed name
    ("Backup codes (Binance): k3j9-x8p2 m4n7-q1w5", "Backup codes (Binance): [code]", ["otp"]),
    # a password after a verb of giving, or far after its label; a secret said twice
    (
        "他要我的登录密码，我已经发了 Zx81!kq2 给他了",
        "他要我的登录密码，我已经发了 [password] 给他了",
        ["password"],
    ),
    (
        "I'll send my password so you see, it has a hash sign and two numbers in it: plum#Tree41",
        "I'll send my password so you see, it has a hash sign and two numbers in it: [password]",
        ["password"],
    ),
    (
        "changed my pin to 7731 and now 7731 is rejected",
        "changed my pin to [password] and now [password] is rejected",
        ["password", "password"],
    ),
    # backup codes after a few words and a colon; a CVV corrected with "actually"
    ("备用码我都抄下来了： 4kd9-2jf8 7qm3-9zx1", "备用码我都抄下来了： [code]", ["otp"]),
    (
        "cvv is 482 wait its actually 428",
        "cvv is [cvv] wait its actually [cvv]",
        ["card_code", "card_code"],
    ),
    # a Chinese account label beside a sort code; documents after a remark or "here's the number"
    (
        "sort code 11-22-33 账号 90817263",
        "sort code 11-22-33 账号 [account number]",
        ["bank_account"],
    ),
    (
        "licence renewal failed so here's the number MORGA753116SM9IJ",
        "licence renewal failed so here's the number [id number]",
        ["id_number"],
    ),
    (
        "my passport (UK, the one on page 2) is 512345678",
        "my passport (UK, the one on page 2) is [id number]",
        ["id_number"],
    ),
    # nine digits in a message that names a Social Security number
    (
        "they wanted my SSN for the account, so I typed 536228726 there",
        "they wanted my SSN for the account, so I typed [id number] there",
        ["id_number"],
    ),
    # a secret set against another: "不是 X，是 Y", "Y, not X"
    (
        "支付密码不是Qk2024abc，是Qk2024acb，我记反了",
        "支付密码不是[password]，是[password]，我记反了",
        ["password", "password"],
    ),
    (
        "the pin is actually 4471, not 4417",
        "the pin is actually [password], not [password]",
        ["password", "password"],
    ),
    (
        "the passcode is really Fern_88! not Fern_89!",
        "the passcode is really [password] not [password]!",
        ["password", "password"],
    ),
    (
        "my account number was wrong, it's 6211 0390 47 not 6211039074",
        "my account number was wrong, it's [account number] not [account number]",
        ["bank_account", "bank_account"],
    ),
    # a password spelt out case by case
    (
        "登录密码是小写的qin 大写的W 然后五二零 还是登不上",
        "登录密码是[password] 还是登不上",
        ["password"],
    ),
    (
        "password is capital R, lower iver, then 2019 but it's refused",
        "password is [password] but it's refused",
        ["password"],
    ),
    # an account beside its branch's code: BSB, routing number
    (
        "refund to BSB 033-172 account 2290 4418 please",
        "refund to BSB 033-172 account [account number] please",
        ["bank_account"],
    ),
    (
        "routing 011000015 acct 00381 92741 for the wire",
        "routing 011000015 acct [account number] for the wire",
        ["bank_account"],
    ),
    # card codes: dictated label, "背面最后三位" then a giving verb
    ("c v c is six zero two", "c v c is [cvv]", ["card_code"]),
    (
        "他让我报卡背面最后三位，我就报了 418",
        "他让我报卡背面最后三位，我就报了 [cvv]",
        ["card_code"],
    ),
    # the code sent on, in a message about a texted number that names no money
    (
        "a buyer asked for the number the app texted me and i sent 830614 right away",
        "a buyer asked for the number the app texted me and i sent [code] right away",
        ["otp"],
    ),
    # the wrong value first, the secret after it; a code corrected after a remark
    (
        "my password is not Daisy1990 — it's Da1sy_1990#x, please check",
        "my password is not [password] — it's [password], please check",
        ["password", "password"],
    ),
    (
        "cvv isn't 904, it's 940",
        "cvv isn't [cvv], it's [cvv]",
        ["card_code", "card_code"],
    ),
    (
        "身份证号不是110101199003076638，是110101199003076632",
        "身份证号不是[id number]，是[id number]",
        ["cn_id", "cn_id"],
    ),
    (
        "SSN 536 22 8726, wait no that one is my son's, mine is 536 22 8762",
        "SSN [id number], wait no that one is my son's, mine is [id number]",
        ["id_number", "id_number"],
    ),
    # a password on the line under its label; a word only a password looks like, in a message
    # about a password
    (
        "user: kim88\npassword\nRiver#Stone42\nstill locked",
        "user: kim88\npassword\n[password]\nstill locked",
        ["password"],
    ),
    (
        "wrote the new password on the fridge and typed it right: Blue_Heron77 is what it says",
        "wrote the new password on the fridge and typed it right: [password] is what it says",
        ["password"],
    ),
    # backup codes after a longer lead and a colon
    (
        "kept the authenticator backup codes from the first setup:\nq8k3-m2x9\nz7w1-p4r6",
        "kept the authenticator backup codes from the first setup:\n[code]",
        ["otp"],
    ),
    # card codes: by the signature panel, "那几个数字", "末三碼", 安全码 typed as 安全吗
    (
        "卡背面签名条旁边那几个数字是 671，填了还是失败",
        "卡背面签名条旁边那几个数字是 [cvv]，填了还是失败",
        ["card_code"],
    ),
    ("背面末三碼係 318", "背面末三碼係 [cvv]", ["card_code"]),
    ("安全吗是 552 吧，付不了款", "安全吗是 [cvv] 吧，付不了款", ["card_code"]),
    # a driver license without "'s"; a residence permit's number "上面的號碼"
    (
        "driver license is D4471920 for the check",
        "driver license is [id number] for the check",
        ["id_number"],
    ),
    ("居留证上的号码：G12345678", "居留证上的号码：[id number]", ["id_number"]),
    # a passport's machine-readable line; a Solana keypair, in base58 or as its key file's bytes
    (
        "P<GBRSMITH<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n5071812347GBR8504049F2901154<<<<<<<<<<<<<<06",
        "P<GBRSMITH<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n[id number]",
        ["id_number"],
    ),
    ("key " + "3" * 2 + "vQ" * 43, "key [private key]", ["private_key"]),
    (
        "id.json: [" + ",".join(str((i * 37) % 256) for i in range(64)) + "]",
        "id.json: [private key]",
        ["private_key"],
    ),
    # a few words of a phrase after what they are
    (
        "前四个词是 ocean bridge trigger frozen 后面忘了",
        "前四个词是 [seed phrase] 后面忘了",
        ["seed_phrase"],
    ),
    # a password wrapped over two lines under its label; a code glued to its label
    (
        "the password is\nTk#90\nfal-Lake\n(it wrapped)",
        "the password is\n[password]\n(it wrapped)",
        ["password"],
    ),
    ("authcode rejected, here: otp509317", "authcode rejected, here: [code]", ["otp"]),
    ("my otp509317 was not accepted", "my otp[code] was not accepted", ["otp"]),
    # card codes: "卡背后的那个码" and an ellipsis before the digits; 安全码 typed as 安全马
    (
        "他要卡背后的那个码……我犹豫了一下，还是说了是815",
        "他要卡背后的那个码……我犹豫了一下，还是说了是[cvv]",
        ["card_code"],
    ),
    ("安全马是 207 打错字了", "安全马是 [cvv] 打错字了", ["card_code"]),
    # a licence's number "on it"; an account after "acct no" or given "给你"
    (
        "my driving licence scan failed, the number on it is HARRI612094JM8KL",
        "my driving licence scan failed, the number on it is [id number]",
        ["id_number"],
    ),
    (
        "acct no 00482913 for the refund",
        "acct no [account number] for the refund",
        ["bank_account"],
    ),
    (
        "工商银行的账户，我不确定绑的是哪张，完整的给你：6212260200019876543",
        "工商银行的账户，我不确定绑的是哪张，完整的给你：[account number]",
        ["bank_account"],
    ),
    # a seed phrase with "?" for a lost word; a WIF key wrapped over two lines
    (
        " ".join([*SEED[:6], "?", *SEED[7:]]),
        "[seed phrase]",
        ["seed_phrase"],
    ),
    (
        "key is KwDiBf89QgGbjEhKnhXJuH7\nLrciVrZi3qYjgd9M7rFU73sVHnoWn\nsorry it wrapped",
        "key is [private key]\nsorry it wrapped",
        ["private_key"],
    ),
    # a licence misspelt or as "DL#"; a full SSN asked for by a US tax form
    (
        "my lisence number is WB2209371, can you update it",
        "my lisence number is [id number], can you update it",
        ["id_number"],
    ),
    ("renewed it, DL# K4417203 now", "renewed it, DL# [id number] now", ["id_number"]),
    (
        "the W-9 keeps asking, here you go 536 22 1984 thanks",
        "the W-9 keeps asking, here you go [id number] thanks",
        ["id_number"],
    ),
    # numbered backup codes under a long label; a PIN read out in words a sentence after its name
    ("验证码 PW3K8Q2", "验证码 [code]", ["otp"]),  # a code's letters, not the label "pw"
    (
        "the backup codes printed out when i turned on 2fa:\n1) 7kq2-m9xa\n2) p3vd-88zt",
        "the backup codes printed out when i turned on 2fa:\n1) [code]",
        ["otp"],
    ),
    (
        "locked out of my pin. my son knows it though: five one nine nine two zero",
        "locked out of my pin. my son knows it though: [password]",
        ["password"],
    ),
    # a PIN's digits apart after an ellipsis; a correction to "the current one"
    (
        "交易密码记不清了…好像是 7 2 0 4 4 1 吧",
        "交易密码记不清了…好像是 [password] 吧",
        ["password"],
    ),
    (
        "pwd is Harbor!88 oh no that one expired last month, the current one is Harbor!89x",
        "pwd is [password] oh no that one expired last month, the current one is [password]",
        ["password", "password"],
    ),
    # the signature strip's last four, then the code; what one types to log in
    (
        "签名条上印的是 8812 然后 409，网页让填哪个",
        "签名条上印的是 8812 然后 [cvv]，网页让填哪个",
        ["card_code"],
    ),
    (
        "cannot log in since the update, what I enter is maple_Tree2019 every time",
        "cannot log in since the update, what I enter is [password] every time",
        ["password"],
    ),
    # a PEM key block, cut off or whole; an authenticator's setup key
    (
        "is this format ok?\n-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n",
        "is this format ok?\n[private key]",
        ["private_key"],
    ),
    (
        "2FA secret key: jbsw y3dp ehpk 3pxp, can you reset it",
        "2FA secret key: [code], can you reset it",
        ["otp"],
    ),
    # read out in groups with pauses: a card, an SSN after "my social"
    (
        "card is four one one one, one one one one, one one one one, one one one one",
        "card is [card ••••1111]",
        ["card_number"],
    ),
    (
        "they wanted my social so I told them five three six, two two, one nine eight four",
        "they wanted my social so I told them [id number]",
        ["id_number"],
    ),
    # a code one digit per line, or after a name with an initial on the signature strip
    ("卡背面的数字是\n3\n1\n8", "卡背面的数字是\n[cvv]", ["card_code"]),
    (
        "signature strip says A. Wong then 604 in small print",
        "signature strip says A. Wong then [cvv] in small print",
        ["card_code"],
    ),
    # a password set with no label, in brackets; an account corrected with its bank's name
    (
        "locked out, I changed it to [Cedar#Lake42] this morning",
        "locked out, I changed it to [password] this morning",  # brackets and all,
        ["password"],
    ),
    (
        "收款账户填错了，应该是工商银行 6212 2640 0001 2345 678",
        "收款账户填错了，应该是工商银行 [account number]",
        ["bank_account"],
    ),
    # an IBAN wrapped over lines; a Malaysian IC; a passport's label in two languages
    ("IBAN\nGB82 WEST 1234\n5698 7654 32", "IBAN\n[account number]", ["bank_account"]),
    ("MyKad no: 900101-10-1234 pls verify", "MyKad no: [id number] pls verify", ["id_number"]),
    (
        "Passport No./No du passeport AB1234567 expired?",
        "Passport No./No du passeport [id number] expired?",
        ["id_number"],
    ),
    # a password spelt character by character; quoted with its spaces; after a misspelt label
    (
        "the pasword? sure: upper case K, i, w, i, 4, 4, underscore. it fails",
        "the pasword? sure: [password]. it fails",
        ["password"],
    ),
    (
        "密码是“晴天 1988 去海边” 有空格，登不上",
        "密码是“[password]” 有空格，登不上",
        ["password"],
    ),
    (
        "pasword trouble again, using Orchid_7Lane now",
        "pasword trouble again, using [password] now",
        ["password"],
    ),
    # a setup key after a remark in brackets; a TOTP URI's secret; a code "ending with" its digits
    (
        "authenticator setup key (under the QR): MZXW 6YTB OI2D EZLT",
        "authenticator setup key (under the QR): [code]",
        ["otp"],
    ),
    (
        "otpauth://totp/Acme:me?secret=JBSWY3DPEHPK3PXP&issuer=Acme does this work",
        "otpauth://totp/Acme:me?secret=[code]&issuer=Acme does this work",
        ["otp"],
    ),
    (
        "two sms codes came, I used the one ending with 804417",
        "two sms codes came, I used the one ending with [code]",
        ["otp"],
    ),
    # the card's hidden digits then the code off a photo; "the little number"; "as"
    (
        "photo of the signature strip reads **** 4410 093",
        "photo of the signature strip reads **** 4410 [cvv]",
        ["card_code"],
    ),
    (
        "the waiter asked for the small number on my card, I said 515",
        "the waiter asked for the small number on my card, I said [cvv]",
        ["card_code"],
    ),
    ("entered the cvc as 661 twice", "entered the cvc as [cvv] twice", ["card_code"]),
    # a document's number far on, or after a remark and a comma
    (
        "my passport was replaced and the new number is G5839201 in the app?",
        "my passport was replaced and the new number is [id number] in the app?",
        ["id_number"],
    ),
    ("护照是新加坡的，号码 K1234567X", "护照是新加坡的，号码 [id number]", ["id_number"]),
    # a Chinese mnemonic told word by word
    (
        "第1个词是的，第2个词是一，第3个词是是，第4个词是在，后面的忘了",
        "第1个词是[seed phrase]，后面的忘了",
        ["seed_phrase"],
    ),
    # digits said twice or three times: a PIN in short groups, a CVV
    (
        "new phone, the PIN. it's triple four, double two, nine",
        "new phone, the PIN. it's [password]",
        ["password"],
    ),
    ("cvv is double one eight", "cvv is [cvv]", ["card_code"]),
    # a security answer quoted after who filled it in; a password with a comma inside
    (
        "密保问题选的“母亲的名字”，答案我写的是“李秀兰”，提示错误",
        "密保问题选的“母亲的名字”，答案我写的是“[password]”，提示错误",
        ["password"],
    ),
    (
        "password keeps failing, it has a comma: Rx,7mq!T2z",
        "password keeps failing, it has a comma: [password]",
        ["password"],
    ),
    # a backup code after a few Chinese words and 是; an account after "acc" alone
    (
        "2FA 的 recovery code，我纸上写的是 5521-0098-7713",
        "2FA 的 recovery code，我纸上写的是 [code]",
        ["otp"],
    ),
    (
        "CIMB acc 8007 1234 5678 got debited",
        "CIMB acc [account number] got debited",
        ["bank_account"],
    ),
    # an ID's last six; India's PAN, Nigeria's NIN, the Philippines' PCN
    ("身份证号后六位：12001X", "身份证号后六位：[id number]", ["id_number"]),
    ("my PAN is ABCPE1234F for KYC", "my PAN is [id number] for KYC", ["id_number"]),
    ("NIN: 12345678901 abeg check", "NIN: [id number] abeg check", ["id_number"]),
    ("PhilSys PCN 1234-5678-9012-3456 po", "PhilSys [id number] po", ["id_number"]),
    # a file's checksum named so is kept at its ends, as a tx hash is
    (
        "the SHA256 of the installer is " + "ab" * 32 + " right?",
        "the SHA256 of the installer is ababab…abab right?",
        ["tx_hash"],
    ),
    # a private key in base64 without its PEM lines
    (
        "private key: MIIEowIBAAKCAQEA" + "q7Bx" * 30,
        "private key: [private key]",
        ["private_key"],
    ),
    # cards and ID numbers with any separators
    ("card 4111  1111  1111  1111 declined", "card [card ••••1111] declined", ["card_number"]),
    ("卡号 4111.1111.1111.1111", "卡号 [card ••••1111]", ["card_number"]),
    (f"4111{ZW}1111{ZW}1111{ZW}1111", "[card ••••1111]", ["card_number"]),
    ("visa 4111–1111–1111–1111", "visa [card ••••1111]", ["card_number"]),  # en dashes
    ("4111/1111/1111/1111 付款失败", "[card ••••1111] 付款失败", ["card_number"]),
    ("登录码 409217 输错了三次", "登录码 [code] 输错了三次", ["otp"]),
    ("I set the password to Łódź2024!", "I set the password to [password]", ["password"]),
    ("身份证 110101-19920915-8641", "身份证 [id number]", ["cn_id"]),
    # seed phrases, however pasted
    ("-".join(SEED), "[seed phrase]", ["seed_phrase"]),
    ("/".join(SEED), "[seed phrase]", ["seed_phrase"]),
    (" ".join(f'"{w}"' for w in SEED), '"[seed phrase]"', ["seed_phrase"]),
    ('["' + '", "'.join(SEED) + '"]', '["[seed phrase]"]', ["seed_phrase"]),
    (" ".join(f"{i}-{w}" for i, w in enumerate(SEED, 1)), "1-[seed phrase]", ["seed_phrase"]),
    (" ".join(f"{i}){w}" for i, w in enumerate(SEED, 1)), "1)[seed phrase]", ["seed_phrase"]),
    (" ".join(w[:2] + "\u200d" + w[2:] for w in SEED), "[seed phrase]", ["seed_phrase"]),
    (" ".join([*SEED[:5], "wimter", *SEED[6:]]), "[seed phrase]", ["seed_phrase"]),  # a typo
    (" ".join([*SEED[:5], "bitcoin", *SEED[6:]]), "[seed phrase]", ["seed_phrase"]),  # a wrong word
    (" ".join(["legl", *SEED[1:]]), "[seed phrase]", ["seed_phrase"]),  # a typo at the edge
    # a typo that is a grammar word ("wire" typed "were") inside the phrase; at an end a grammar
    # word stays prose ("fails with" + a phrase)
    (" ".join(["abandon", "were", *["abandon"] * 9, "about"]), "[seed phrase]", ["seed_phrase"]),
    ("restore fails with " + " ".join(SEED), "restore fails with [seed phrase]", ["seed_phrase"]),
    (
        "my seed phrase is " + " ".join(SEED).upper(),
        "my seed phrase is [seed phrase]",
        ["seed_phrase"],
    ),
    ("礼忽卸可瓶酯大欧群弄家陵", "[seed phrase]", ["seed_phrase"]),  # Chinese, no spaces
    (
        "助记词：礼忽卸可瓶酯大欧群弄家陵，导入不了",
        "助记词：[seed phrase]，导入不了",
        ["seed_phrase"],
    ),
    ("助记词是礼 忽 卸 可 瓶 酯 大 欧 群 弄 家 陵", "助记词是[seed phrase]", ["seed_phrase"]),
    # private keys in any case, grouping or line split
    ("0X" + HEX64.upper(), "[private key]", ["private_key"]),
    (" ".join(HEX64[i : i + 8] for i in range(0, 64, 8)), "[private key]", ["private_key"]),
    (f"私钥\n{HEX64[:32]}\n{HEX64[32:]}", "私钥\n[private key]", ["private_key"]),
    (f"key: 0x{HEX64[:16]}{ZW}{HEX64[16:]}", "key: [private key]", ["private_key"]),
    # national numbers under their own names, right after the label or anywhere in the message
    # when their check digits pass
    ("o CPF do titular é 529.982.247-25, pode conferir?", "o CPF do titular é [id number], pode conferir?", ["id_number"]),
    ("the Pix form rejected my CPF, I typed 529.982.247-25 twice", "the Pix form rejected my CPF, I typed [id number] twice", ["id_number"]),
    ("DNI: 12345678Z, ya subí las fotos", "DNI: [id number], ya subí las fotos", ["id_number"]),
    ("Mi RUT quedó mal escrito, es 76.086.428-5", "Mi RUT quedó mal escrito, es [id number]", ["id_number"]),
    ("CURP GODE561231HDFRRN04 para validar mi cuenta", "CURP [id number] para validar mi cuenta", ["id_number"]),
    ("my korean resident registration number is 900101-1234567", "my korean resident registration number is [id number]", ["id_number"]),
    ("PESEL 44051401359, weryfikacja nie przechodzi", "PESEL [id number], weryfikacja nie przechodzi", ["id_number"]),
    # an IBAN right after its name, its check digits mistyped; an account with its branch
    ('settings.yaml:\n  iban: "DE89 3704 0044 0532 0130 01"', 'settings.yaml:\n  iban: "[account number]"', ["bank_account"]),
    ("Banco do Brasil, agência 1234-5, conta corrente 98765432-1", "Banco do Brasil, agência 1234-5, conta corrente [account number]", ["bank_account"]),
    ("sucursal 0182 cuenta 0201581733", "sucursal 0182 cuenta [account number]", ["bank_account"]),
    # an account in a pasted table's account column; an account named after it
    ("账户信息：\n户名,开户行,账号\n李雷,工商银行,6212260200012345678", "账户信息：\n户名,开户行,账号\n李雷,工商银行,[account number]", ["bank_account"]),
    ("name | bank | account number\nAcme Ltd | HSBC | 12345678", "name | bank | account number\nAcme Ltd | HSBC | [account number]", ["bank_account"]),
    ("4000 1234 5678 — that is our business account for the payout", "[account number] — that is our business account for the payout", ["bank_account"]),
    ("6222021234567890 是我的工资卡账号", "[account number] 是我的工资卡账号", ["bank_account"]),
    # an authenticator's key under 密钥 alone
    ("之前绑定 Authenticator 的密钥是 JBSW Y3DP EHPK 3PXP 4G5Q，换机了怎么办", "之前绑定 Authenticator 的密钥是 [code]，换机了怎么办", ["otp"]),
    # locked out, or logged in: a word only a password looks like is one
    ("I got locked out after the update. What I use is Blue!Harbor2291 and it worked yesterday", "I got locked out after the update. What I use is [password] and it worked yesterday", ["password"]),
    ("logged in fine last week with the same one, Qz7#mountainLeaf", "logged in fine last week with the same one, [password]", ["password"]),
    # the card's code beside the strip, read off the strip, typed in, or named 卡验证码
    ("卡背面签名栏旁边印的是 4 1 9", "卡背面签名栏旁边印的是 [cvv]", ["card_code"]),
    ("卡背面签名条那三位是 274", "卡背面签名条那三位是 [cvv]", ["card_code"]),
    ("AUTHORIZED SIGNATURE  NOT VALID UNLESS SIGNED 733", "AUTHORIZED SIGNATURE  NOT VALID UNLESS SIGNED [cvv]", ["card_code"]),
    ("the app keeps asking for the CVV. I entered 271 exactly as printed", "the app keeps asking for the CVV. I entered [cvv] exactly as printed", ["card_code"]),
    ("让填安全码，我输入的是318还是失败", "让填安全码，我输入的是[cvv]还是失败", ["card_code"]),
    ("有人让我报卡验证码，我给了 604", "有人让我报卡验证码，我给了 [cvv]", ["card_code"]),
    # a code that looks like a year after 收到 ("received", not "until")
    ("刚收到 1926 这个验证码", "刚收到 [code] 这个验证码", ["otp"]),
    # a password that opens with digits is one value, not a PIN and some letters
    ("我的口令是3249uXU7eSZDJ，帮我看看", "我的口令是[password]，帮我看看", ["password"]),
    ("my pin is 6968L72D8xM", "my pin is [password]", ["password"]),
    # 密玛 typed for 密码; an answer with a title and its dot; a password spaced out; one pointed at
    ("我刚才输的支付密玛是 904417，提示错误", "我刚才输的支付密玛是 [password]，提示错误", ["password"]),
    ("For the security question (first car) the answer I chose was Mrs. Beetle", "For the security question (first car) the answer I chose was [password]", ["password"]),
    ("my password is G r e e n 4 2 ?", "my password is [password]", ["password"]),
    ("Qp7!zeta9W  <- 这就是我的密码", "[password]  <- 这就是我的密码", ["password"]),
    # said again in another case; a second guess beside it; a card's code repeated
    ("password is Sunflower!22 — no, lowercase s: sunflower!22", "password is [password] — no, lowercase s: [password]", ["password", "password"]),
    ("密保问题的答案是 张老师 还是 张老三 记不清了", "密保问题的答案是 [password] 还是 [password] 记不清了", ["password", "password"]),
    ("CVC: 048 ✘ invalid. what is wrong with 048?", "CVC: [cvv] ✘ invalid. what is wrong with [cvv]?", ["card_code", "card_code"]),
    # a code read aloud (幺 one, 两 two, 洞 zero); "OPT" typed for OTP; a setup key over lines
    ("我记的验证码是 幺洞洞两八三", "我记的验证码是 [code]", ["otp"]),
    ("OPT: 482913", "OPT: [code]", ["otp"]),
    ("密钥我抄在本子上了，照片太糊，手打一下：\nJBSW Y3DP\nEHPK 3PXP", "密钥我抄在本子上了，照片太糊，手打一下：\n[code]", ["otp"]),
    # Canada's SIN in French, Germany's tax ID, a UK NI number wrapped
    ("my SIN (NAS in french) is 130 692 544", "my SIN (NAS in french) is [id number]", ["id_number"]),
    ("die App will meine Steuer-ID. It's 17 528 564 507", "die App will meine Steuer-ID. It's [id number]", ["id_number"]),
    ("NI no. QQ 12 34\n56 A", "NI no. [id number]", ["id_number"]),
    # a transaction's ID right after its label, kept at its ends though a key is named later
    (f"交易ID 0x{HEX64}，不是我操作的，私钥没给过任何人", f"交易ID 0x{HEX64[:4]}…{HEX64[-4:]}，不是我操作的，私钥没给过任何人", ["tx_hash"]),
    # a PIN before its label; an answer on the line after the bot's question; a password wrapped
    ("就是这 6 位：407718 是我的支付密码", "就是这 6 位：[password] 是我的支付密码", ["password"]),
    ("305521 is my card PIN, please check", "[password] is my card PIN, please check", ["password"]),
    ("> Bot: please answer your security question: What city were you born in?\nHarbin88", "> Bot: please answer your security question: What city were you born in?\n[password]", ["password"]),
    ("my password is Kestrel\n_42x (it wrapped, it's one word)", "my password is [password] (it wrapped, it's one word)", ["password"]),
    # "OPT" before the digits; the authenticator named alone before its setup key
    ("the OPT 771204 expired already", "the OPT [code] expired already", ["otp"]),
    ("Google Authenticator: JBSW Y3DP EHPK 3PXP 4G5Q — still valid?", "Google Authenticator: [code] — still valid?", ["otp"]),
    # an ID read off a photo with O for zero
    ("身份证识别结果 11O1O1199209158641 对吗", "身份证识别结果 [id number] 对吗", ["cn_id"]),
    # a misspelt "security code"; an Amex's four digits on the front; a card code corrected
    ("secuirty code 4 8 2 for the visa", "secuirty code [cvv] for the visa", ["card_code"]),
    ("the Amex CID: the 4 small digits above the number on the front say 3391", "the Amex CID: the 4 small digits above the number on the front say [cvv]", ["card_code"]),
    ("CVV 517? hang on, I had the card upside down, it's 715", "CVV [cvv]? hang on, I had the card upside down, it's [cvv]", ["card_code", "card_code"]),
    # a card's code and a password in their own columns of a pasted table
    ("card,exp,cvc\nmastercard,11/27,604", "card,exp,cvc\nmastercard,11/27,[cvv]", ["card_code"]),
    ("site | user | password\npaypal | amy | Hunter22!", "site | user | password\npaypal | amy | [password]", ["password"]),
    # a document's number before its label
    ("S1234567D is my NRIC for the Singpass link", "[id number] is my NRIC for the Singpass link", ["id_number"]),
    ("E48291736 是我的护照号", "[id number] 是我的护照号", ["id_number"]),
    # six digits anywhere in a message about a payment password; an answer typed to a quoted
    # question; a PIN one digit per line; "pass word"
    ("支付密码锁了。我妈说她记在本子上，本子上写着 530118，不知道对不对", "支付密码锁了。我妈说她记在本子上，本子上写着 [password]，不知道对不对", ["password"]),
    ('It asks "What was your first school called?" and I typed Saint Mary because that is it', 'It asks "What was your first school called?" and I typed [password] because that is it', ["password"]),
    ("问“您母亲的姓名”，我填的李秀兰，不对", "问“您母亲的姓名”，我填的[password]，不对", ["password"]),
    ("my card PIN is\n4\n0\n9\n1\nsorry for the lines", "my card PIN is\n[password]\nsorry for the lines", ["password"]),
    ("I change the pass word to Kano#Road55 yesterday", "I change the pass word to [password] yesterday", ["password"]),
    ("> 客服：请回答安全问题：您的出生城市？\n\nXiamen1990 是这个", "> 客服：请回答安全问题：您的出生城市？\n\n[password] 是这个", ["password"]),
    # given in a pasted chat, in reply to a line that asked for it
    ("聊天记录：\n「客服」：请提供六位支付密码核验\n我：660413\n然后钱就没了", "聊天记录：\n「客服」：请提供六位支付密码核验\n我：[password]\n然后钱就没了", ["password"]),
    ("'Support': I need the 3 numbers on the back of the card\nMe: 508", "'Support': I need the 3 numbers on the back of the card\nMe: [cvv]", ["card_code"]),
    # a setup key after "the key"; "cdoe"; a recovery code before its name
    ("kept the key: jbsw y3dp ehpk 3pxp so I can move phones", "kept the key: [code] so I can move phones", ["otp"]),
    ("verification cdoe is K7Q2XP but it fails", "verification cdoe is [code] but it fails", ["otp"]),
    ("ab3d-9kq2-xx7p 这串就是我的恢复码", "[code] 这串就是我的恢复码", ["otp"]),
    # the strip's words then the code; "that's the cvv"; "security number"
    ("签名栏后面那三位是 418", "签名栏后面那三位是 [cvv]", ["card_code"]),
    ("552 — that's the cvv on the back", "[cvv] — that's the cvv on the back", ["card_code"]),
    ("the security number at the back side of the card is nine one four", "the security number at the back side of the card is [cvv]", ["card_code"]),
    # an NI number anywhere in a message that names one; "NIN is"; Singapore's and Malaysia's IC;
    # Korea's number in Chinese
    ("National Insurance keeps failing. From my payslip: AB 12 34 56 C.", "National Insurance keeps failing. From my payslip: [id number].", ["id_number"]),
    ("My NIN is 12345678901 please check", "My NIN is [id number] please check", ["id_number"]),
    ("my IC S1234567D cannot pass", "my IC [id number] cannot pass", ["id_number"]),
    ("IC号码是 900101-10-1234，不对吗", "IC号码是 [id number]，不对吗", ["id_number"]),
    ("住民登录番号是 900101-1234567", "住民登录番号是 [id number]", ["id_number"]),
    # six digits typed in front of someone, or read out after "写的，"; a name on its own line after
    # the bot's question; "【我】：" in a pasted chat
    ("支付密码被我妈看到了，我当着她面输的，558201，要不要改", "支付密码被我妈看到了，我当着她面输的，[password]，要不要改", ["password"]),
    ("> 机器人：请回答密保问题「您父亲的姓名？」\nZhang Wei\n对吗", "> 机器人：请回答密保问题「您父亲的姓名？」\n[password]\n对吗", ["password"]),
    ("记录：\n【客服】：请提供登录密码\n【我】：qwe774411\n然后钱没了", "记录：\n【客服】：请提供登录密码\n【我】：[password]\n然后钱没了", ["password"]),
    # a code below the words that announce it; a bank's token; a recovery code after a remark
    ("Use the code below to sign in.\n\n    X4T-9QZ\n\nThanks", "Use the code below to sign in.\n\n    [code]\n\nThanks", ["otp"]),
    ("the token the bank sent me is 803317 but it fails", "the token the bank sent me is [code] but it fails", ["otp"]),
    ("恢复码我抄下来了，K2QD-77XM-P9RA-3TTW，还能用吗", "恢复码我抄下来了，[code]，还能用吗", ["otp"]),
    # "我输的" after the code's name; "the three digit at the back"; a Filipino "po"
    ("安全码是背面那三位吗？我输的 604 不对", "安全码是背面那三位吗？我输的 [cvv] 不对", ["card_code"]),
    ("the three digit at the back of my card is 381", "the three digit at the back of my card is [cvv]", ["card_code"]),
    ("the security code po at the back is four-one-nine", "the security code po at the back is [cvv]", ["card_code"]),
    # "acc" and a particle; India's PAN before its name; the Philippines' SSS; a number typed in
    ("refund to my CIMB acc ah? 7012 3344 5566 pls", "refund to my CIMB acc ah? [account number] pls", ["bank_account"]),
    ("BKRPS4827L is my PAN card number", "[id number] is my PAN card number", ["id_number"]),
    ("I only have SSS po, number is 33-1234567-8", "I only have SSS po, number is [id number]", ["id_number"]),
    ("要填IC号码，我填了 900512-14-7239 不行", "要填IC号码，我填了 [id number] 不行", ["id_number"]),
    # "this is my pin"; "I've typed" to a quoted question; a correction after a long remark
    ("402918 this is my pin since 2 years", "[password] this is my pin since 2 years", ["password"]),
    ('It asks "What was the name of your first pet?" and I\'ve typed Mr Biscuits like 5 times', 'It asks "What was the name of your first pet?" and I\'ve typed [password] like 5 times', ["password"]),
    ("my pw is Autumn2020 — sorry no, I changed it in May after the breach email, it's Aut!umn2025x", "my pw is [password] — sorry no, I changed it in May after the breach email, it's [password]", ["password", "password"]),
    # a request quoted and the answer quoted; a hardware token's code
    ("它问：“请提供您的取款密码”，我就回了“773105”", "它问：“请提供您的取款密码”，我就回了“[password]”", ["password"]),
    ('it asked "enter the code we sent" and I replied "482913"', 'it asked "enter the code we sent" and I replied "[code]"', ["otp"]),
    ("动态密码要用小令牌，按了一下上面显示 730 512", "动态密码要用小令牌，按了一下上面显示 [code]", ["otp"]),
    # a card's code after a question about where it is, answered; after a comma, read aloud
    ("安全码就是签名条那最后三位吧？是四零七", "安全码就是签名条那最后三位吧？是[cvv]", ["card_code"]),
    ("CVV is the one on the back right? it's 8 1 3", "CVV is the one on the back right? it's [cvv]", ["card_code"]),
    ("卡背面那个安全码，幺九八", "卡背面那个安全码，[cvv]", ["card_code"]),
    # an ID after "我的是"; a PAN typed off the card; an NRIC where named; a SIN after a full stop;
    # Korea's alien registration number
    ("要填身分證字號嗎？我的是 A123456789", "要填身分證字號嗎？我的是 [id number]", ["id_number"]),
    ("Permanent Account Number Card\nBNZPM6019F\nNAME: R MEHTA", "Permanent Account Number Card\n[id number]\nNAME: R MEHTA", ["id_number"]),
    ("my NRIC wrong leh, I key in S1234567D already", "my NRIC wrong leh, I key in [id number] already", ["id_number"]),
    ("you asked for my SIN. It's 130 692 544", "you asked for my SIN. It's [id number]", ["id_number"]),
    ("외국인등록번호，我的是 910417-5215101", "외국인등록번호，我的是 [id number]", ["id_number"]),
    # a five-digit number from 95 named only as a code
    ("验证码短信是银行发的，验证码 95123", "验证码短信是银行发的，验证码 [code]", ["otp"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "masked", "kinds"), PASTED)
def test_secrets_are_masked_as_pasted(text: str, masked: str, kinds: list[str]) -> None:
    result = shield(text)
    assert result.text == masked
    assert [f.kind for f in result.findings] == kinds
    assert result.critical == bool({"seed_phrase", "private_key"} & set(kinds))


@pytest.mark.parametrize(("text", "masked", "kinds"), MUST_MASK)
def test_must_mask(text: str, masked: str, kinds: list[str]) -> None:
    result = shield(text)
    assert result.text == masked
    assert [f.kind for f in result.findings] == kinds
    assert result.kinds <= KINDS


LOOK_ALIKES = [
    # what a password must be, where to reset it, a version: no password
    "the password reset link is https://example.com/reset?id=ab12cd",
    "password stopped working after updating to v4.8.2",
    "my password is fine, error code is ERR_PW_LOCKED",
    # a sort code alone, a setting changed, an error code of a few letters
    "sort code 12-34-56, is the branch open on saturday?",
    "I changed it to dark mode",
    "password reset failed with E1029",
    # the same number twice, with no secret
    "paid 2024 in 2024 for the order",
    "password reset at 10:30, error code 4012 twice: 4012",
    # a number after a password's label that is another number's
    "密码错了两次，转账金额是5000",
    "my passcode works, the order number is 88120345",
    "cvv is on the back, I paid 120 for it",
    # a card code's label with an amount, a count or the card's last digits
    "cvv错了3次，卡被锁了吗",
    "安全码输了以后扣了199元",
    "cvv field says required, card ending 442",
    # lists and IDs that are not secrets
    "我的PIN码是不是6位数？",
    "密码是6位数字吗？",
    "商户号 1601234567 扫码付款失败",
    "转账到账了吗 订单 2026120312345678",
    "my passport expired order: 12345678",
    "密保问题的答案不对",
    "sign in with google",
    "I sent 5000 to him, the 6 digit code?",
    "我電話係6123 4589，收唔到短訊驗證碼",  # a Hong Kong phone after Cantonese "係"
    "the payment failed with code 0x1f, what does it mean",  # a hexadecimal status code
    "what is the account number format, 6 or 8 digits?",
    "你们客服电话是多少？我的账号登录不了",
    "social media 12345678",
    "验证码 1,234元",
    "I forgot my security question answer",
    "密保问题忘了怎么办",
    "cvv错了三次",
    "the cvv is three digits",
    "I paid 1,234,567 yuan",
    "选了1、2、3、4都不行",
    "transaction ID 123456789",
    "user id 12345678 can't log in",
    "订单ID 12345678 还没到账",
    "护照过期了，订单号 12345678",
    "护照2030年到期",
    "身份证号码是多少位",
    "what ID do you accept?",
    "call 123-00-6789",  # not a valid SSN (stdnum: no group 00)
    "订单号 20231105123456 还没到账",  # 14 digits, Luhn-valid, but an order number
    "order no. 2023110512345675 shows pending",
    "¥1,234.56 到账了吗",
    "I paid $500 yesterday",
    "转了5000元还没到",
    "I sent 100000 to him",
    "转账100000需要验证码吗",
    "I sent 100000 to him, what code do I need",
    "2024-03-15 的提现",
    "2024年3月15日 12:30 提交的",
    "app version v3.2.1 crashes",
    "since 2023 I have used this app",
    "16 digits 1234567812345678 nothing else",
    "账户余额 1234567890",
    "error code 5001 when withdrawing",
    "promo code SAVE2024",
    "I need access to my account again after the update",
    "Please help, I cannot find the wallet address for my deposit",
    "Can you explain the fee for a bank transfer again",
    "What is the minimum amount to withdraw and how long does it take?",
    "My friend said the exchange rate was better last week, is that true",
    "how do I reset my password",
    "my password is not working",
    "the password is case sensitive",
    "my password is wrong",
    "password reset failed 3 times",
    "忘记密码了怎么办",
    "密码是6位数字吗",
    "密码错误5次被锁定",
    "cvv错了3次",
    "I have one or two questions",
    "one two three, go",
    "the code is wrong",
    "promo code SAVE2024",
    "error code E1023 when I withdraw",
    "邀请码 AB12CD",
    "code: read-only",
    "安全码是3位数吗",
    "where do I find the cvv on my card",
    "the cvv is 3 digits on the back",
    "验证码收不到怎么办",
    "I didn't get the verification code after 5 minutes",
    "的一是在不了有和人这中大为",  # ordinary Chinese, not a spaced mnemonic
    "提现多久到账？我昨天提交的申请现在还没有到，怎么回事",
    "",
    # numbers in messages about codes that are not codes
    "验证码收不到，已经等了5分钟",
    "I didn't get the SMS code for my transfer of $2500",
    "verification failed on 2024-03-15 at 14:30",
    "my verification code expired, order 20231105 still pending",
    "error code 5001 when I verify my phone",
    "验证码发到了我2019年换掉的手机上",
    "since 2023 I have not received any SMS codes",
    "验证码收不到，客服电话 95588 打不通",
    "I received 3000 USDT but no confirmation text",
    "转账 5000 元需要短信验证吗",
    "app version 3.12.4 doesn't send the verification code",
    "my phone number ends in 8842 and the SMS never arrives",
    "card ending 4821 needs verification",
    "the SMS says my account 62220212 was charged",
    "I was charged 1,250 after the verification",
    "fee of 12.50 for verification",
    "验证短信里说我消费了 1288.00",
    "2fa stopped working after 3 attempts on 15/03/2024",
    "The SMS from 10086 has no code",
    "we texted 2000 users today",
    "验证了三次都失败，订单号 88776655",
    # ordinary text made of list words and common characters
    "my seed phrase is lost, can you help me find it",
    "助记词可以截图存手机里吗",
    "退款是进零钱还是回银行卡",
    "I have twelve words but the app says the phrase is invalid, what should I do now",
    "Is there any way that you can cancel this transaction for me",  # eight list words
    "My passcode was denied.",
    "how do I change my password to something stronger",
    "I forgot the password to my account",
    "My PIN is unlocked, what do I do?",
    "i'm afraid i've forgotten the pin for my 401k account",
    # rules about a password, not one spelt out; a round amount sent in a message about codes
    "password is lowercase only?",
    "密码是大写加小写加数字吗",
    "pin is capital A then 4 digits?",
    "she texted me her details and I sent 250000 to her",
    # a branch code with no account beside it; "not" between two amounts
    "what is the BSB for transfers from abroad",
    "the fee was 12 not 15, the code worked fine",
    # a shop's terminal ids, an SMS short code, a tracking number with a Luhn-valid stretch inside
    "收款码下面写着 MID: 71802233 TID: 00917，是哪家店",
    "got an sms from short code 882371 about a parcel",
    "tracking 9400 1112 0289 3374 5521 86 still not moving",
    # passwords talked about, with no word only a password looks like; prose after "words"
    "my password has 8 characters, a capital and a number, is that OK?",
    "the words on the screen were about your account security review",
    "转账安全吗:200元可以吗",
    # a card shown masked; a question about a one-time password; tax forms with other numbers;
    # a signature strip's numbers and an ordinary "and"
    "银行卡 6228 **** **** 0193 绑定失败",
    "card •••• 5521 was charged twice",
    "动态口令是不是每60秒刷新？",
    "I filed 1099 forms for 2023, order 123456789",
    "签名条旁边的有效期是 2027，我付了 1200 和 130",
    "my PIN has 6 digits, is that right?",
    # an error code after a failure; a public key block; a secret that is prose; a reset to a
    # default; social media; numbers read out with no pause inside a group
    "the transfer failed twice with code 10486",
    "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----",
    "the secret key is your own responsibility right",
    "I set it to default again, version 2.3.1",
    "I set it to default2024 now",  # one case: no word only a password looks like
    "my social media account got 123456789 views",
    "背面的数字有点模糊，付了 299 元",
    # a time in a message about codes; an error code glued by a dash; a promo code; a URL's "%40";
    # a quoted word about a password; a card's last four "ending with"
    "Got 2 SMS codes at 3:27am I never asked for",
    "Verification failed (E-4471) again",
    "use code AUTUMN30 for 30% off?",
    "the verify link is https://x.example/?u=a%40163.com",
    'my password is "wrong" the app says',
    "verification code sent to the card ending with 4821?",
    "第一个字是我，第二个字是的",
    # a "double" that says no digit; an ID's last four; "pan" as a verb
    "a double check is one two things",
    "身份证后四位是 559X",
    "I will pan the camera, order 123456789",
    # a count of tries or digits where a card's code is named; money typed in
    "the CVV field wants 3 digits, I entered 100 dollars instead",
    "安全码输入了3次都不对",
    # a table whose account column holds no number; an order named after its number
    "name,amount,account\nBob,100,n/a",
    "户名,账号\n张三,见附件",
    "order 2024051412 — that is the order for my account",
    # a branch with no account; "rut" as a word; a name that spells NIR
    "agência 0341 fechou, liguei às 14:30",
    "in a rut since April, ticket 76.086.428-5",
    "Nir from support said order 1850578006084 is fine",
    # a year after 到 ("until") in a message about codes
    "验证码的规则一直用到 2025 吗",
    # "opt" as a verb; a second guess that is a complaint; money after a card's code
    "I want to opt out of marketing, code sent 3 times",
    "那个密码还是不对",
    "CVC is required, the fee was 123 yuan",
    # a hole, not a zero
    "漏洞两三个",
    # an SMS's sender; a question about the security question; an order before "is my …"
    "短信是 95588 发的，是官方的吗",
    "the security question is what?\nhello",
    "order 20240514 is my payment record",
    # four digits on the front with no Amex named; a fee corrected after a card's code
    "the 4 digits on the front of my card: 2026 expiry",
    "a table of fees\nitem,amount\nwithdrawal,2.50",
    "12345678 is my id number at the gym",
    # an SMS's sender named before it; a reference's tail; a postcode; a hotline on a card
    "收到了验证码短信，发送号码是95588，是官方的吗",
    "Got 2 verification codes, the sender was 262966, is that you?",
    "ID verification reference KYC-2024-118273",
    "I live in 10115 Berlin and the 5-digit postcode is rejected",
    "The number printed on the card is 1-800-432-1000, right one to call?",
    # another number after a payment password is named
    "交易密码错了三次，交易号是 202405 吗",
    "支付密码错误，订单号：123456",
    # money in a message about a payment password; a masked phone's last four; a short code; coins
    "支付密码错了，余额是 1,234,567 吗",
    "code sent to +1 (***) ***-4821 but that is my old number",
    "I got one from a different short code, 32665, is it a scam?",
    "I bought 500 token yesterday, is the token contract safe?",
    "I accept 1234567890 as the order number",
    # official numbers, hotlines and SMS prefixes; a ZIP; a file name; a negative error code
    "你们官方客服不是 95188 吗",
    "今天收到工商银行 95588 的短信说扣了 ¥6.00 年费",
    "短信验证码是 1069 开头的号码发的吗",
    "请拨打 400-826-3579 解除账户风险，这是官方的吗",
    "The form only accepts 5-digit ZIP codes like 10001.",
    "a 5-digit short code said my card was locked, call a 1-877 number",
    "The email code arrives as 8 digits. Screenshot attached (IMG_4821.PNG).",
    # a reply quoted that is no secret
    "他问“你吃饭了吗”，我回了“吃了”",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_left_alone(text: str) -> None:
    result = shield(text)
    assert result.findings == ()
    assert result.text == text
    assert not result.secret_shared


# Whole clauses of 12 or 15 list characters that pass the BIP-39 checksum and are too rare in
# characters to read as text by that alone: their words decide ("客服", "短信", "验证码").
CHECKSUM_VALID_CHINESE_TEXT = [
    "昨天客服问我要短信验证码",
    "刚才官方客服要我共享屏幕",
    "刚才客服找我要短信验证码",
    "于区块链网络拥堵情况和所需确认",  # a stretch of an FAQ answer
    "尽快修改密码并开启双重验",
    "客服会让我扫码验证身份吗",  # "客服" and "扫码": wallet words jieba's dictionary lacks
]


@pytest.mark.parametrize(
    "text",
    [
        "提 现 多 久 能 到 账 啊 我 等 了 好 久 了",
        "付 款 的 时 候 让 输 密 码 ， 那 6 位 数 我 给 忘 了",
    ],
)
def test_chinese_typed_with_a_space_between_characters_is_left_alone(text: str) -> None:
    assert shield(text).findings == ()


@pytest.mark.parametrize("text", CHECKSUM_VALID_CHINESE_TEXT)
def test_chinese_text_that_passes_the_checksum_is_left_alone(text: str) -> None:
    mnemonic = Mnemonic("chinese_simplified")
    assert all(ch in mnemonic.wordlist for ch in text) and mnemonic.check(" ".join(text))
    assert shield(text).findings == ()


def test_the_order_number_look_alike_is_really_luhn_valid() -> None:
    assert is_luhn("20231105123456") and is_luhn("2023110512345675")


def test_findings_are_spans_of_the_original_text() -> None:
    text = "卡号：４１１１ １１１１ １１１１ １１１１，手机 13812345678"
    result = shield(text)
    assert result.findings == (Finding("card_number", 3, 22), Finding("phone", 26, 37))
    assert text[3:22] == "４１１１ １１１１ １１１１ １１１１"
    assert result.text == "卡号：[card ••••1111]，手机 [phone]"


def test_flags() -> None:
    assert shield("手机 13812345678").kinds == {"phone"}
    assert not shield("手机 13812345678").secret_shared
    assert not shield(f"send to {ETH}").secret_shared
    assert shield("验证码 384910").secret_shared
    assert not shield("验证码 384910").critical
    assert shield(f"key {HEX64}").critical


def test_kinds_are_as_documented() -> None:
    expected_secrets = {
        "password",
        "otp",
        "card_code",
        "card_number",
        "cn_id",
        "id_number",
        "bank_account",
        "seed_phrase",
        "private_key",
    }
    assert expected_secrets == SECRET_KINDS
    assert expected_secrets | {"phone", "email", "wallet_address", "tx_hash"} == KINDS


def test_secret_warning_is_bilingual() -> None:
    assert set(SECRET_WARNING) == {"zh", "en"}
    assert "助记词" in SECRET_WARNING["zh"] and "seed phrase" in SECRET_WARNING["en"]


def test_model_text_drops_findings_instead_of_naming_them() -> None:
    result = shield("我的卡号是 6222 0212 3456 7890 123，充值没到账")
    assert "6222" not in result.model_text
    assert "account" not in result.model_text and "card" not in result.model_text
    assert result.model_text.startswith("我的卡号是") and result.model_text.endswith("充值没到账")


def test_model_text_is_the_text_when_nothing_is_found() -> None:
    assert shield("提现多久到账").model_text == "提现多久到账"


# The shield's shortcuts may skip work, never a finding: each gate is a superset of what it guards.
PASSWORD_KEYS = ["密码", "密碼", "支付密码", "登錄密碼", "口令", "pin码", "PIN 碼", "password"]
PASSWORD_KEYS += ["passwd", "pwd", "passcode", "pass code", "pin", "pin code", "pin number", "pw"]
PASSWORD_KEYS += ["pass", "passphrase", "登入密碼", "密保答案", "密保问题的答案", "安全问题答案"]
PASSWORD_KEYS += ["security answer", "Security Question Answer"]


@given(
    key=st.sampled_from(PASSWORD_KEYS),
    # Upper case, and the characters Python's case-insensitive matching takes for letters:
    # the long s for "s", the Kelvin sign for "k".
    shape=st.lists(st.sampled_from(["lower", "upper", "long s", "kelvin"]), min_size=1),
    connector=st.sampled_from(["是", " is ", ": ", " ", "=", "为 ", " I use is "]),
    value=st.sampled_from(["hunter2!", "Abc12345", "123456", "tiger-lily-77", "Müller2641!"]),
    before=st.sampled_from(["", "我的", "my ", "x"]),
)
def test_every_password_the_shield_finds_passes_its_hint(
    key: str, shape: list[str], connector: str, value: str, before: str
) -> None:
    for how in shape:
        if how == "upper":
            key = key.upper()
        elif how == "long s":
            key = key.replace("s", "ſ")
        elif how == "kelvin":
            key = key.replace("k", "\u212a")
    text = before + key + connector + value
    if passwords.PASSWORD.search(text):
        assert mentions(passwords.HINT, text), text


@given(
    st.lists(
        st.sampled_from(
            [
                "code",
                "CODE",
                "codes",
                "otp",
                "2FA",
                "mfa",
                "one-time pin",
                "one time password",
                "验证码",
                "驗證碼",
                "恢复码",
                "验证数字",
                "backup",
                " is ",
                ": ",
                "是",
                " ",
                "A7K9Q2",
                "8f3k-29dl",
                "ABCD-EFGH",
            ]
        ),
        max_size=6,
    ).map("".join)
)
def test_the_alphanumeric_code_hint_covers_every_labelled_code(text: str) -> None:
    if codes._LABELLED_ALNUM.search(text):
        assert mentions(codes._KEY_HINT, text), text


@given(st.text(alphabet=st.sampled_from("paſsSwordinPINK\u212a密码碼口令是: 12=!")))
def test_the_password_hint_covers_random_text(text: str) -> None:
    if passwords.PASSWORD.search(text):
        assert mentions(passwords.HINT, text)


# Every alternative of documents._LABEL, as written in messages.
DOCUMENT_LABELS = [
    "护照", "護照", "港澳通行证", "通行證", "台胞证", "台胞證", "回乡证", "回鄉證", "居留证",
    "居留證", "居留许可", "居留許可", "身份证", "身份證", "身分證", "证件", "證件", "驾驶证",
    "駕駛證", "驾照", "駕照", "社保号", "社會安全號碼", "社会安全号码", "Passport", "SSN",
    "social security", "Social Insurance", "national insurance", "NRIC", "HKID", "ID card",
    "identity card", "national ID", "my ID", "ID", "ITIN", "tax id", "driver's license",
    "drivers licence", "driving license", "residence permit", "travel permit", "license", "social",
    "driving lisence", "liscense", "DNI", "NIF", "CPF", "CURP", "RFC", "RUT", "CUIL", "CUIT",
    "cédula", "cedula", "PESEL", "BSN", "TCKN", "T.C. kimlik", "NIK", "KTP", "personnummer",
    "codice fiscale", "resident registration", "주민등록번호", "マイナンバー", "個人番号", "在留カード",
]  # fmt: skip


@pytest.mark.parametrize("label", DOCUMENT_LABELS)
def test_every_document_label_passes_the_hint(label: str) -> None:
    text = f"{label} number: E12345678"
    assert mentions(documents.HINT, text)
    assert [f.kind for f in shield(text).findings] == ["id_number"], label


def test_every_mask_label_is_as_documented() -> None:
    # The widget localises these on the client (docs/safety.md, 'Shield'): a change breaks it.
    assert MASKS == {
        "password": "[password]",
        "otp": "[code]",
        "card_code": "[cvv]",
        "cn_id": "[id number]",
        "id_number": "[id number]",
        "bank_account": "[account number]",
        "seed_phrase": "[seed phrase]",
        "private_key": "[private key]",
        "phone": "[phone]",
        "email": "[email]",
    }
    assert CARD_MASK.format(last4="0128") == "[card ••••0128]"


def test_spans_cover_the_raw_characters_behind_a_finding() -> None:
    text = f"验证码 7{ZW}6{ZW}8{ZW}6{ZW}8{ZW}8 请查收"
    result = shield(text)
    assert result.findings == (Finding("otp", 4, 15),)
    assert ZW not in result.text and result.text == "验证码 [code] 请查收"


def test_a_chinese_numeral_code_is_masked_where_it_was_written() -> None:
    result = shield("验证码是五一三五三五，谢谢")
    assert result.findings == (Finding("otp", 4, 10),)
    assert result.text == "验证码是[code]，谢谢"


def test_a_mnemonic_after_its_label_in_a_long_unbroken_run_is_masked() -> None:
    """Windows of a long run are tested from its start, within a budget a message (a run of
    random characters after "助记词" took seconds): the phrase after the label is among them."""
    choices = random.Random("long-run")
    mnemonic = Mnemonic("chinese_simplified")
    for _ in range(20):
        phrase = "".join(mnemonic.to_mnemonic(choices.randbytes(16)).split())
        tail = "".join(choices.choice(mnemonic.wordlist) for _ in range(300))
        masked = shield(f"我的助记词是{phrase}{tail}").text
        assert phrase[:4] not in masked, phrase
