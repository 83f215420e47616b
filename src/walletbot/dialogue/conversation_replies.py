"""What the bot says in a conversation, beyond FAQ answers and the engine's own sentences.

Every text is in both languages. Hand-off sentences are chosen knowing whether anybody is on duty,
so a reply never promises an agent that the next notice (a ticket) contradicts, and the urgent
help lists only what the warnings before it did not already say (issue: no repeated sentence).
"""

from __future__ import annotations

from walletbot.brain.decision_rules import Reason
from walletbot.brain.message_replies import CLARIFY_OUTRO, HANDOFF
from walletbot.brain.text import Lang
from walletbot.dialogue.playbook import UrgentHelp

NEXT_BEST_INTRO = {
    "zh": "抱歉没能帮到您。您想问的是以下哪一个？",
    "en": "Sorry that didn't help. Is your question one of these?",
}
OFFER_PERSON = {
    "zh": "如果需要，回复“人工”即可联系人工客服。",
    "en": "If you'd like, reply “agent” to reach a person.",
}
DETAILS_INTRO = {
    "zh": "为了让客服更快处理，我先问几个问题。每一项都可以回复“跳过”，也可以随时回复“人工”直接转人工。",
    "en": "So an agent can sort this out faster, a few quick questions first. You can reply "
    "“skip” to any of them, or “agent” at any time to reach a person now.",
}
DETAILS_WHILE_WAITING = {
    "zh": "在等待期间，您可以先告诉我几个信息，客服接手时就能直接看到（每一项都可以回复“跳过”）。",
    "en": "While you wait, a few details will let the agent start right away (reply “skip” to "
    "any of them).",
}
# The scope reply in a conversation: the problem types numbered, so "2", "第二个" or a type's
# name picks one (the stateless /v1/chat keeps the engine's sentence: it has nothing to pick from).
SCOPE_MENU_INTRO = {
    "zh": "抱歉，我是钱包客服助手，只能解答与钱包账户和交易有关的问题。请回复编号选择问题类型：",
    "en": "Sorry, I'm the wallet's support assistant and can only help with your wallet account "
    "and payments. Reply with a number to choose a topic:",
}
SCOPE_MENU_OUTRO = {
    "zh": "也可以直接描述您遇到的钱包问题。",
    "en": "Or describe your wallet problem in your own words.",
}
TOPIC_INTRO = {
    "zh": "关于“{topic}”，您想问的是哪一个？",
    "en": "About “{topic}”: which of these is your question?",
}
DETAILS_NOTED = {"zh": "好的，已记录。", "en": "Thanks, noted."}
# Facts given unasked after an answer: the bot cannot look a transaction up, an agent can.
FACTS_VOLUNTEERED = {
    "zh": "谢谢，已记下。我无法查询单笔交易；如果上面的方法没有解决问题，回复“人工”，客服会帮您核查，"
    "您提供的信息会一并转给客服。",
    "en": "Thanks, noted. I can't look into a single transaction myself; if the steps above didn't "
    "solve it, reply “agent” and an agent will check it, with what you told me.",
}
# An acknowledgement or a bare "?" after an answer.
ANYTHING_ELSE = {
    "zh": "还有什么我可以帮您的吗？可以直接描述您的问题，或回复“人工”联系客服。",
    "en": "Is there anything else I can help with? Describe it in your own words, or reply "
    "“agent” to reach a person.",
}
# "怎么弄", "why?" after an answer: a question with no word of what about. The topic is the
# answer's question; another entry would be a guess.
ABOUT_THE_ANSWER = {
    "zh": "您问的是“{question}”吧？上面的回答就是这方面的说明。如果还有不清楚的地方，请告诉我具体情况，"
    "比如看到的提示或卡在哪一步；也可以回复“人工”联系客服。",
    "en": "About “{question}”: the answer above covers it. If something is still unclear, tell me "
    "more, such as the message you see or the step you're stuck on, or reply “agent” to reach a "
    "person.",
}
# An acknowledgement or a bare "?" after a clarification: the list again.
PICK_PROMPT = {
    "zh": "请回复编号（例如“1”）选择下面的问题，或换个说法描述：",
    "en": "Reply with a number (for example “1”) to choose one of these, or describe it in other "
    "words:",
}
# Facts given in reply to a clarification: kept, and the choice asked again.
FACTS_NOTED_CHOOSE = {
    "zh": "谢谢，已记下。为了给您准确的帮助，请先确认是以下哪一个：",
    "en": "Thanks, noted. So I can help with the right thing, which of these is it?",
}
DETAILS_SKIPPED = {"zh": "好的，跳过。", "en": "OK, skipped."}
# A question instead of the fact asked for: not recorded as that fact; the agent will see it.
DETAILS_QUESTION_KEPT = {
    "zh": "这个问题客服接手后会一并为您解答。",
    "en": "An agent will answer that when they take over.",
}
DETAILS_DONE_WAITING = {
    "zh": "谢谢，这些信息已经转给客服。",
    "en": "Thank you, the agent will see these details.",
}
# A hand-off that will be a ticket: no "please wait", no "stay in this chat" (nobody is there);
# the ticket notice that follows says what happens next.
HANDOFF_OFF_DUTY = {
    Reason.USER_REQUEST: {
        "zh": "好的，我为您转给人工客服处理。",
        "en": "Sure, I'm passing this to our support team.",
    },
    Reason.URGENT: {
        "zh": "您的问题已按最高优先级登记。",
        "en": "Your case is registered with top priority.",
    },
    Reason.LOW_CONFIDENCE: {
        "zh": "这个问题我暂时无法准确回答，我为您转给人工客服处理。",
        "en": "I can't answer this one reliably, so I'm passing it to our support team.",
    },
    Reason.NOT_HELPFUL: {
        "zh": "抱歉没能帮到您，我为您转给人工客服处理。",
        "en": "Sorry I couldn't help; I'm passing this to our support team.",
    },
}
HANDOFF_NOT_HELPFUL = {
    "zh": "抱歉没能帮到您，正在为您转接人工客服，请稍候。",
    "en": "Sorry I couldn't help. I'm passing you to a member of our team; please stay in this chat.",
}
WAITING_ACK = {
    "zh": "收到，您的消息已转给客服。",
    "en": "Got it; your message is with our support team.",
}
LEFT_QUEUE = {
    "zh": "好的，已为您取消排队。如果还需要人工客服，随时发“转人工”；其他问题也可以直接问我。",
    "en": 'OK, you have left the queue. If you need a person again, just say "agent"; '
    "anything else, ask me.",
}
CLOSED_TICKET = {
    "zh": "好的，已为您关闭工单。如果问题再出现，随时发“转人工”；其他问题也可以直接问我。",
    "en": 'OK, your ticket is closed. If the problem comes back, just say "agent"; anything '
    "else, ask me.",
}
URGENT_STAYS_QUEUED = {
    "zh": "您的问题涉及资金或账户安全，客服仍会尽快与您确认；如果确实已经解决，客服确认后会结束对话。",
    "en": "Your case involves your money or account security, so an agent will still check with "
    "you shortly; if it really is solved, they will close it once confirmed.",
}
ALREADY_HANDED_OFF = {
    "zh": "您已经在等待人工客服，无需重复申请。",
    "en": "You're already waiting for a person; there is no need to ask again.",
}
RAISED = {
    "zh": "已将您的对话提升为最高优先级。",
    "en": "I've raised your conversation to top priority.",
}


def clarify_with(lang: Lang, intro: dict[str, str], questions: list[str]) -> str:
    lines = [intro[lang], *(f"{i}. {q}" for i, q in enumerate(questions, start=1))]
    lines.append(CLARIFY_OUTRO[lang])
    return "\n".join(lines)


def scope_menu(lang: Lang, topics: list[str]) -> str:
    lines = [SCOPE_MENU_INTRO[lang], *(f"{i}. {t}" for i, t in enumerate(topics, start=1))]
    lines.append(SCOPE_MENU_OUTRO[lang])
    return "\n".join(lines)


def hand_off_text(lang: Lang, reason: Reason, on_duty: bool) -> str:
    if not on_duty:
        return HANDOFF_OFF_DUTY.get(reason, HANDOFF_OFF_DUTY[Reason.LOW_CONFIDENCE])[lang]
    if reason is Reason.NOT_HELPFUL:
        return HANDOFF_NOT_HELPFUL[lang]
    return HANDOFF.get(reason, HANDOFF[Reason.LOW_CONFIDENCE])[lang]


def urgent_help(help_text: UrgentHelp, *, freeze_said: bool) -> str:
    """What the user can do now, from configuration; the freeze steps only if the warnings before
    did not already give them."""
    steps = [help_text.hotline, help_text.self_service]
    if not freeze_said:
        steps.insert(0, help_text.freeze)
    return "\n".join([help_text.intro, *(f"{i}. {s}" for i, s in enumerate(steps, start=1))])
