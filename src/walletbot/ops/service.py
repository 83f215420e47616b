"""The ops figures: the metrics snapshot read at scrape time and the dashboard's statistics.

SQL lives in ops/repository.py; here the rows become rates, percentiles and groups.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.ops import repository as repo
from walletbot.ops.clusters import group_questions
from walletbot.ops.metrics import StorageSnapshot
from walletbot.ops.repository import BotAnswer
from walletbot.ops.schemas import (
    CategoryDayOut,
    CsatOut,
    HelpfulOut,
    Percentiles,
    QuestionGroupOut,
    StatsOut,
)

TOP_CATEGORIES = 6
UNANSWERED_GROUPS = 20
# Bot answers that mean "the FAQ had nothing for this": handed off for want of a match, or
# called out of scope (a vague "钱", or a topic the FAQ lacks, lands there too; docs/dialogue.md).
UNANSWERED_REASONS = {"low_confidence", "out_of_scope"}


async def metrics_snapshot(session: AsyncSession, now: datetime) -> StorageSnapshot:
    queue = await repo.queue_by_priority(session)
    return StorageSnapshot(
        decisions=await repo.decision_counts(session),
        queue_length={priority: n for priority, n, _ in queue},
        queue_oldest_wait={
            priority: max(0.0, (now - oldest).total_seconds())
            for priority, _, oldest in queue
            if oldest is not None
        },
        feedback={str(k).lower(): n for k, n in (await repo.feedback_counts(session)).items()},
        ratings=await repo.rating_counts(session),
        conversations=await repo.status_counts(session),
    )


def percentiles(values: Sequence[float]) -> Percentiles:
    if not values:
        return Percentiles(count=0)
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    return Percentiles(count=len(ordered), p50=at(0.5), p90=at(0.9))


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


async def stats(
    session: AsyncSession, now: datetime, days: int, question_of: Callable[[str], str]
) -> StatsOut:
    since = now - timedelta(days=days)
    conversations = await repo.conversations_since(session, since)
    answers = await repo.bot_answers_since(session, since)
    first_reply = await repo.first_agent_reply(session, since)

    total = len(conversations)
    handoffs = Counter(c.handoff_reason for c in conversations if c.handoff_reason)
    # Deflected: the bot answered from the FAQ (an answer nobody marked unhelpful) and no person
    # was needed. A conversation the user left after "please rephrase" does not count.
    answered = {
        a.conversation_id
        for a in answers
        if a.decision.get("action") == "answer"
        and a.decision.get("faq_id")
        and a.helpful is not False
    }
    deflected = sum(1 for c in conversations if not c.handoff_reason and c.id in answered)
    waits: defaultdict[str, list[float]] = defaultdict(list)
    first_response, resolution = [], []
    for c in conversations:
        if c.queued_at and c.claimed_at and c.claimed_at >= c.queued_at:
            waits[c.priority or "normal"].append((c.claimed_at - c.queued_at).total_seconds())
        if c.queued_at and c.id in first_reply:
            first_response.append(max(0.0, (first_reply[c.id] - c.queued_at).total_seconds()))
        if c.resolved_at:
            resolution.append((c.resolved_at - c.created_at).total_seconds())
    ratings = Counter(c.rating for c in conversations if c.rating)
    rated = sum(ratings.values())

    unanswered_ids = [
        a.reply_to
        for a in answers
        if a.reply_to is not None
        and (a.decision.get("reason") in UNANSWERED_REASONS or a.helpful is False)
    ]
    groups = group_questions(await repo.message_texts(session, unanswered_ids))

    return StatsOut(
        generated_at=now,
        days=days,
        conversations=total,
        deflection_rate=_rate(deflected, total),
        handoffs=dict(handoffs),
        handoff_rate={reason: _rate(n, total) or 0.0 for reason, n in handoffs.items()},
        decisions=dict(Counter(str(a.decision.get("action", "?")) for a in answers)),
        helpful=_helpful(answers, question_of),
        csat=CsatOut(
            count=rated,
            average=round(sum(r * n for r, n in ratings.items()) / rated, 2) if rated else None,
            satisfied_rate=_rate(ratings[4] + ratings[5], rated),
            distribution={str(r): ratings[r] for r in range(1, 6)},
        ),
        first_response_seconds=percentiles(first_response),
        resolution_seconds=percentiles(resolution),
        queue_wait_seconds={p: percentiles(v) for p, v in sorted(waits.items())},
        categories_by_day=_categories_by_day(answers),
        unanswered=[
            QuestionGroupOut(count=g.count, examples=list(g.examples))
            for g in groups[:UNANSWERED_GROUPS]
        ],
    )


def _helpful(answers: list[BotAnswer], question_of: Callable[[str], str]) -> list[HelpfulOut]:
    votes: defaultdict[str, Counter[bool]] = defaultdict(Counter)
    for a in answers:
        faq_id = a.decision.get("faq_id")
        if isinstance(faq_id, str) and a.helpful is not None:
            votes[faq_id][a.helpful] += 1
    rows = [
        HelpfulOut(
            faq_id=faq_id,
            question=question_of(faq_id),
            helpful=v[True],
            unhelpful=v[False],
            rate=round(v[True] / (v[True] + v[False]), 4),
        )
        for faq_id, v in votes.items()
    ]
    return sorted(rows, key=lambda r: (r.rate, -(r.helpful + r.unhelpful)))


def _categories_by_day(answers: list[BotAnswer]) -> list[CategoryDayOut]:
    """Daily counts of the most asked categories; the rest add up under `other`."""
    overall = Counter(str(a.decision.get("category", "?")) for a in answers)
    top = {category for category, _ in overall.most_common(TOP_CATEGORIES)}
    days: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for a in answers:
        category = str(a.decision.get("category", "?"))
        days[a.created_at.date().isoformat()][category if category in top else "other"] += 1
    return [CategoryDayOut(day=day, counts=dict(days[day])) for day in sorted(days)]
