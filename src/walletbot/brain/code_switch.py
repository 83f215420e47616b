"""English wallet words inside a Chinese message, read in Chinese ("我想withdraw到bank card",
"我的account被hack了", "转账fee多少").

Chinese users write the words of money and apps in English all the time. The classifier and the
retriever learned Chinese questions from Chinese phrasings and English ones from English
phrasings, so a Chinese sentence with the key word in English straddles both and is often read
wrong, and triage's Chinese patterns ("被盗") miss "被hack了". For a message written in Chinese the
engine reads these words as their Chinese equivalents; what is stored and shown stays as written.
The list is the vocabulary of the FAQ's problem types, not a dictionary: a word not in it stays.
"""

from __future__ import annotations

import re

# English (normalised: lower case) → Chinese, as the FAQ's Chinese phrasings say it. Longer
# phrases first, so "bank card" is not read as "bank" + "card".
GLOSSARY: dict[str, str] = {
    "verification code": "验证码",
    "bank card": "银行卡",
    "credit card": "信用卡",
    "debit card": "储蓄卡",
    "log in": "登录",
    "top up": "充值",
    "top-up": "充值",
    "topup": "充值",
    "withdrawals": "提现",
    "withdrawal": "提现",
    "withdraw": "提现",
    "transferred": "转账",
    "transfers": "转账",
    "transfer": "转账",
    "refunds": "退款",
    "refund": "退款",
    "fees": "手续费",
    "fee": "手续费",
    "accounts": "账户",
    "account": "账户",
    "passwords": "密码",
    "password": "密码",
    "otp": "验证码",
    "code": "验证码",
    "hacked": "盗",
    "hack": "盗",
    "stolen": "盗",
    "stole": "偷",
    "drained": "清空",
    "login": "登录",
    "pending": "处理中",
    "frozen": "冻结",
    "freeze": "冻结",
    "unfreeze": "解冻",
    "balance": "余额",
    "scammed": "被骗",
    "scam": "诈骗",
    "limits": "限额",
    "limit": "限额",
    "deposit": "充值",
    "payment": "付款",
    "wallet": "钱包",
    "crashed": "闪退",
    "crash": "闪退",
    "card": "卡",
}
_WORDS = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(re.escape(w) for w in sorted(GLOSSARY, key=len, reverse=True))
    + r")(?![a-z0-9])"
)


_HAN_SPACE = re.compile(r"(?<=[\u3400-\u4dbf\u4e00-\u9fff]) +(?=[\u3400-\u4dbf\u4e00-\u9fff])")
# The shield's masks ("[code]", "[card ••••0128]") stay as they are: triage reads them.
_MASK = re.compile(r"(\[[^\]]*\])")


def read_in_chinese(normalised: str) -> str:
    """A normalised Chinese message with the glossary's English words in Chinese, masks kept; a
    message without Chinese is returned as it is."""
    if normalised.isascii():
        return normalised
    parts = _MASK.split(normalised)  # odd positions: the masks
    return "".join(part if i % 2 else _chinese(part) for i, part in enumerate(parts))


def _chinese(text: str) -> str:
    replaced = _WORDS.sub(lambda m: GLOSSARY[m[0]], text)
    # "login password" became "登录 密码": Chinese words are not spaced.
    return _HAN_SPACE.sub("", replaced) if replaced != text else text
