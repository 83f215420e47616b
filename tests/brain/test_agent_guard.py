"""The agent reply guard: requests for secrets are caught in both languages; advice passes."""

from __future__ import annotations

import pytest

from walletbot.brain.agent_guard import REFUSAL, asks_for_secret

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
    "请通过App设置新的交易密码",
    "请妥善保管助记词，不要截图",
    "请提供您的订单号和注册手机号",
]


@pytest.mark.parametrize("text", ADVICE)
def test_advice_and_other_requests_pass(text: str) -> None:
    assert asks_for_secret(text) is None


def test_the_refusal_is_bilingual() -> None:
    assert set(REFUSAL) == {"zh", "en"}
    assert all(w in REFUSAL["zh"] for w in ("验证码", "助记词", "私钥", "密码"))
    assert all(w in REFUSAL["en"] for w in ("verification code", "seed phrase", "impostors"))
