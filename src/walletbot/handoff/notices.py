"""What the service tells the user about where they stand, in the conversation's language."""

from __future__ import annotations

from datetime import datetime

from walletbot.brain.text import Lang


def _minutes(seconds: float) -> int:
    return max(1, round(seconds / 60))


def queued(lang: Lang, position: int, wait_seconds: float) -> str:
    """Never "0 users ahead": the first in line is told they are next."""
    minutes = _minutes(wait_seconds)
    if lang == "zh":
        if position <= 1:
            return f"下一位就是您，预计等待约 {minutes} 分钟。"
        return (
            f"您前面还有 {position - 1} 位用户，当前排在第 {position} 位，"
            f"预计等待约 {minutes} 分钟。"
        )
    if position <= 1:
        return f"You are next in the queue; the estimated wait is about {minutes} min."
    ahead = "1 person is" if position == 2 else f"{position - 1} people are"
    return (
        f"You are number {position} in the queue ({ahead} ahead of you); "
        f"the estimated wait is about {minutes} min."
    )


def waiting_in_queue(lang: Lang, position: int, wait_seconds: float) -> str:
    """Where a user who writes while queued stands (docs/dialogue.md, "While waiting")."""
    minutes = _minutes(wait_seconds)
    if lang == "zh":
        ahead = "您是下一位" if position == 1 else f"您前面还有 {position - 1} 位用户"
        return f"您仍在排队：{ahead}，预计等待约 {minutes} 分钟。"
    ahead = "you are next" if position == 1 else f"{position - 1} ahead of you"
    return f"You are still in the queue: {ahead}, about {minutes} min to wait."


def added_to_ticket(lang: Lang, number: str, opening: datetime | None = None) -> str:
    """For a user who writes while their ticket waits for an agent; outside the support hours,
    when agents are back."""
    if lang == "zh":
        text = f"您的消息已添加到工单 {number}，客服处理时会一并看到。"
    else:
        text = f"Your message was added to ticket {number}; the agent will see it with the ticket."
    return text + (back_at(lang, opening) if opening else "")


def ticket_opened(lang: Lang, number: str, opening: datetime | None = None) -> str:
    if lang == "zh":
        text = (
            f"目前没有人工客服在线。我们已为您创建工单 {number}，客服上线后会尽快处理，"
            "处理进度会在此对话中通知您。"
        )
    else:
        text = (
            f"No agent is on duty right now, so we opened ticket {number} for you. An agent will "
            "pick it up as soon as possible; you will see its status in this chat."
        )
    return text + (back_at(lang, opening) if opening else "")


def back_at(lang: Lang, opening: datetime) -> str:
    """ "人工客服将于 12月7日 09:00（UTC+8）上线。", with the support time zone's offset."""
    offset = opening.utcoffset()
    hours = offset.total_seconds() / 3600 if offset is not None else 0.0
    zone = f"UTC{hours:+g}" if hours else "UTC"
    clock = opening.strftime("%H:%M")
    if lang == "zh":
        return f"人工客服将于 {opening.month}月{opening.day}日 {clock}（{zone}）上线。"
    return f" Agents are back at {clock} on {opening.strftime('%a %d %b')} ({zone})."


TICKET_STATUS = {
    "open": {"zh": "工单 {number} 已登记，等待处理。", "en": "Ticket {number} is open."},
    "in_progress": {
        "zh": "工单 {number} 正在处理中。",
        "en": "An agent is working on ticket {number}.",
    },
    "resolved": {
        "zh": "工单 {number} 已处理完毕。欢迎为本次服务评分。",
        "en": "Ticket {number} has been resolved. Please rate this conversation.",
    },
}


def ticket_status(lang: Lang, number: str, status: str) -> str:
    return TICKET_STATUS[status][lang].format(number=number)


STATUS = {
    "assigned": {
        "zh": "人工客服 {agent} 已接入，正在查看您的问题。",
        "en": "{agent} from our support team has joined and is reading your conversation.",
    },
    "resolved": {
        "zh": "客服已将此问题标记为已解决。欢迎为本次服务评分；如还有问题，直接发消息即可。",
        "en": "The agent marked this conversation as resolved. Please rate it; if anything "
        "is left, just send a message.",
    },
    "bot": {
        "zh": "客服已将对话交回智能助手，您可以继续提问。",
        "en": "The agent handed you back to the assistant; ask away.",
    },
    "left_queue": {
        "zh": "您已退出排队，智能助手继续为您服务。",
        "en": "You left the queue; the assistant is here for anything else.",
    },
    "closed_ticket": {
        "zh": "您已关闭工单，智能助手继续为您服务。",
        "en": "You closed your ticket; the assistant is here for anything else.",
    },
    "requeued": {
        "zh": "客服暂时离开，您已回到队列，位置保持不变。",
        "en": "The agent had to step away; you are back in the queue and keep your place.",
    },
}


def status_change(lang: Lang, status: str, agent: str | None = None) -> str:
    return STATUS[status][lang].format(agent=agent or "")


NOT_HELPFUL = {
    "zh": "抱歉没能帮到您，正在为您转接人工客服。",
    "en": "Sorry I couldn't help. I'm passing you to a member of our team.",
}
