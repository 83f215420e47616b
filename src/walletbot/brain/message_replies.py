"""What the bot says around FAQ answers, in both languages.

FAQ answers come from data/faq.yaml; these are the fixed sentences for clarifying and handing off,
and the warnings put before a reply when triage finds a scam or an account at risk.
"""

from __future__ import annotations

from walletbot.brain.decision_rules import Reason
from walletbot.brain.text import Lang

CLARIFY_INTRO = {
    "zh": "我想确认一下您遇到的问题，是以下哪一个？",
    "en": "I want to be sure I understand. Which of these is your question?",
}
CLARIFY_OUTRO = {
    "zh": "如果都不是，请换个说法描述，或回复“人工”转人工客服。",
    "en": "If none of these fits, describe it in other words, or reply “agent” to reach a person.",
}
HANDOFF = {
    Reason.LOW_CONFIDENCE: {
        "zh": "这个问题我暂时无法准确回答，正在为您转接人工客服，请稍候。",
        "en": "I can't answer this one reliably, so I'm passing you to a member of our team. "
        "Please stay in this chat.",
    },
    Reason.USER_REQUEST: {
        "zh": "好的，正在为您转接人工客服，请稍候。",
        "en": "Sure, I'm connecting you with a member of our support team. Please stay in this chat.",
    },
    Reason.URGENT: {
        "zh": "已为您以最高优先级转接人工客服，请留在此对话中。",
        "en": "A support agent has been alerted with top priority. Please stay in this chat.",
    },
}
GREETING_FALLBACK = {
    "zh": "您好！我是钱包智能客服，请直接描述您遇到的问题，或从菜单中选择问题类型。",
    "en": "Hello! I'm the wallet support assistant. Describe your problem, or pick a topic "
    "from the menu.",
}


SCOPE = {
    "zh": "抱歉，我是钱包客服助手，只能解答与钱包账户和交易有关的问题，例如：{topics}。"
    "请描述您遇到的钱包问题。",
    "en": "Sorry, I'm the wallet's support assistant and can only help with your wallet account "
    "and payments, for example: {topics}. Please describe your wallet problem.",
}
TOPIC_SEPARATOR = {"zh": "、", "en": ", "}


def scope_reply(lang: Lang, topics: list[str]) -> str:
    """For a message about something else: what the bot can help with (the problem-type menu)."""
    names = topics if lang == "zh" else [t[:1].lower() + t[1:] for t in topics]
    return SCOPE[lang].format(topics=TOPIC_SEPARATOR[lang].join(names))


def clarify_reply(lang: Lang, questions: list[str]) -> str:
    lines = [CLARIFY_INTRO[lang]]
    lines += [f"{index}. {question}" for index, question in enumerate(questions, start=1)]
    lines.append(CLARIFY_OUTRO[lang])
    return "\n".join(lines)


def handoff_reply(lang: Lang, reason: Reason) -> str:
    return HANDOFF.get(reason, HANDOFF[Reason.LOW_CONFIDENCE])[lang]


# Warnings only: what happens next (an agent in this chat, or a ticket when nobody is on duty)
# is said once, by the hand-off sentence that follows (walletbot.dialogue.conversation_replies).
SCAM_WARNING: dict[str, str] = {
    "zh": (
        "⚠️ 请立即停止操作！我们的客服绝不会索要验证码、密码、助记词或私钥，"
        "也不会让你把资金转到“安全账户”。请不要点击陌生链接，不要向任何人透露这些信息。"
    ),
    "en": (
        "⚠️ Stop right there! Our support team will never ask for your codes, passwords, seed "
        'phrase or private key, and never asks you to move money to a "safe account". Do not '
        "click unknown links or share these with anyone."
    ),
}

ACCOUNT_AT_RISK_STEPS: dict[str, str] = {
    "zh": (
        "请马上保护你的账户：1. 在 App 中冻结账户（我的 > 安全 > 冻结账户）；"
        "2. 修改登录密码和支付密码；3. 检查并移除不认识的设备；4. 不要把验证码告诉任何人。"
    ),
    "en": (
        "Protect your account now: 1. Freeze it in the app (Me > Security > Freeze account); "
        "2. change your login and payment passwords; 3. check and remove unknown devices; "
        "4. never share your codes."
    ),
}
