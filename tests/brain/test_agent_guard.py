"""The agent reply guard: requests for secrets are caught in both languages; advice passes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from walletbot.brain.agent_guard import REFUSAL, asks_for_secret
from walletbot.brain.agent_guard_text import read_reply

REPLIES = Path(__file__).resolve().parents[2] / "data" / "eval" / "agent_replies.csv"

REQUESTS = [
    ("请提供您的验证码", "otp"),
    ("請提供您的驗證碼", "otp"),
    ("你的验证码是多少", "otp"),
    ("麻烦把短信验证码发我一下", "otp"),
    ("请回复您收到的验证码", "otp"),
    ("把助记词发给我", "seed_phrase"),
    ("请把您的助记词截图发给我们核实", "seed_phrase"),
    ("请在这里输入您的支付密码", "password"),
    ("告诉我您的登录密码，我帮您查一下", "password"),
    ("把私钥截图发给我们", "private_key"),
    ("please send me the code you received", "otp"),
    ("Please share the 6-digit code you just received", "otp"),
    ("can you read me the verification code?", "otp"),
    ("what's the code you got by SMS?", "otp"),
    ("We need the OTP you received to process the refund", "otp"),
    ("Reply with the code here", "otp"),
    ("what is your seed phrase", "seed_phrase"),
    ("please provide your seed phrase", "seed_phrase"),
    ("send us your 12 words", "seed_phrase"),
    ("DM me your recovery phrase", "seed_phrase"),
    ("tell me your password", "password"),
    ("I need your password to verify the account", "password"),
    ("give me your private key so I can check", "private_key"),
    # paraphrases, disguises
    ("请把短信里的六位数字发给我", "otp"),
    ("To verify, reply with the numbers we just texted you", "otp"),
    ("send your p@ssword", "password"),
    ("Send your P A S S W O R D now", "password"),
    ("s\u200bhare your seed phrase please", "seed_phrase"),
    ("验 证 码 发 给 我", "otp"),
    ("請把簡訊裡的驗證碼告訴我", "otp"),
    ("you can type the PIN right here", "password"),
    ("密码输入在这里，我帮您查询", "password"),
    ("请把短信截图发给我，包括验证码", "otp"),
    ("Our system needs your private key to recover the funds, please provide it.", "private_key"),
    # a card's security code and backup codes, which the shield masks as well
    ("please send me the cvv on the back of your card", "otp"),
    ("请告诉我卡背面的三位数字", "otp"),
    ("请提供您的恢复码", "otp"),
    # a security question's answer opens the account as a password does
    ("请告诉我您的密保答案", "password"),
    ("what is the answer to your security question?", "password"),
]


@pytest.mark.parametrize(("text", "kind"), REQUESTS)
def test_requests_for_secrets_are_caught(text: str, kind: str) -> None:
    assert asks_for_secret(text) == kind


ADVICE = [
    "never share your code with anyone",
    "we will never ask for your password",
    "please reset your password in the app",
    "Support will never ask for your seed phrase or private key",
    "Don't tell anyone your password, not even us",
    "We'll send the code to your phone",
    "You will need your seed phrase to restore the wallet",
    "What is a seed phrase? It is 12 words that back up your wallet",
    "Please change your password now",
    "Enter the code in the app to finish",
    "Type the code you received in the app, not here",
    "Did you receive the verification code?",
    "Your password must be at least 8 characters",
    "I have reset your login; please set a new password in the app",
    "please send me a screenshot of the error",
    "could you tell me your order number?",
    "what's the transaction id?",
    "请不要把验证码告诉任何人",
    "我们不会向您索要密码",
    "我们无权索要您的私钥",
    "我们已经给您发送了验证码，请查收",
    "验证码已发送到您的手机，请在App中输入",
    "请在App内修改支付密码",
    "请勿向任何人透露密保答案",
    "you can change your security question in the app settings",
    "请通过App设置新的交易密码",
    "请妥善保管助记词，不要截图",
    "请提供您的订单号和注册手机号",
    "请勿向任何人透露验证码",
    "n3ver g1ve your p@ssword to anyone",
    "Write down your seed words and store them somewhere safe.",
    "Please confirm the phone number the code should go to.",
    "Scammers often say: send me your seed phrase. Never do it.",
    "如果有人让您报验证码，那一定是骗子",
    "验证码请自己在App里填写，不要发给我",
    "我们看不到您的密码，也不需要您的密码",
    "What's the promo code you tried to use?",
    "请把付款截图发给我，记得遮住验证码",
    "the cvv is on the back of your card, never share it",
    "如果有人问您要CVV，请不要给",
]


@pytest.mark.parametrize("text", ADVICE)
def test_advice_and_other_requests_pass(text: str) -> None:
    assert asks_for_secret(text) is None


def test_the_refusal_is_bilingual() -> None:
    assert set(REFUSAL) == {"zh", "en"}
    assert all(w in REFUSAL["zh"] for w in ("验证码", "助记词", "私钥", "密码"))
    assert all(w in REFUSAL["en"] for w in ("verification code", "seed phrase", "impostors"))


def test_the_reply_is_read_without_its_disguises() -> None:
    assert read_reply("Send your P A S S W O R D") == "send your password"
    assert read_reply("p@ssw0rd, s33d phr@se, c-o-d-e") == "password, seed phrase, code"
    assert read_reply("pass\u200bword") == "password"
    assert read_reply("请把私 钥 发 我") == "请把私钥发我"
    assert read_reply("whats ur 6-digit code, 2fa, 12 words") == (
        "what is your 6-digit code, 2fa, 12 words"
    )


def read_split(split: str) -> list[dict[str, str]]:
    with REPLIES.open(newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["split"] == split]


@pytest.mark.parametrize("split", ["tune", "heldout", "fresh"])
def test_precision_and_recall_on_labelled_replies(split: str) -> None:
    """Floors the guard reaches on each split (exact figures in benchmarks/README.md). The held-out
    split scored 0.981 precision and 0.963 recall when first scored, with the rules frozen."""
    rows = read_split(split)
    caught = [asks_for_secret(r["text"]) is not None for r in rows]
    asks = [r["label"] == "ask" for r in rows]
    true_positives = sum(c and a for c, a in zip(caught, asks, strict=True))
    assert true_positives / sum(asks) >= 0.95
    assert true_positives / max(1, sum(caught)) >= 0.95


def test_the_labelled_replies_are_balanced_and_bilingual() -> None:
    rows = [r for split in ("tune", "heldout", "fresh") for r in read_split(split)]
    assert len(rows) >= 100 and len({r["text"] for r in rows}) == len(rows)
    for lang in ("zh", "en"):
        of_lang = [r for r in rows if r["lang"] == lang]
        assert sum(r["label"] == "ask" for r in of_lang) == sum(r["label"] == "ok" for r in of_lang)
    assert {r["kind"] for r in rows if r["label"] == "ask"} == {
        "otp",
        "password",
        "seed_phrase",
        "private_key",
    }
