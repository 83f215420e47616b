"""Messages while the user waits for a person (queued, or a ticket open): never silent.

Every message gets a reply the service completes with where the user stands (queue place and
estimated wait, or "added to ticket WB-…"). Guided details asked while waiting are recorded; an
urgent message raises the conversation to `urgent`; a clear FAQ question is still answered and the
user keeps their place; "算了不用了" / "never mind" takes the user out of the queue, or closes
their ticket. Once an agent has the conversation the bot is silent: the agent answers.
"""

from __future__ import annotations

from dataclasses import replace

from walletbot.brain.decision_rules import Action, Priority, Reason
from walletbot.brain.text import normalise
from walletbot.dialogue import conversation_replies as replies
from walletbot.dialogue import followups, signals
from walletbot.dialogue.facts_given import told as facts_told
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Brain, Context, Outcome, ask_next, gives_no_fact, record, say
from walletbot.records.status import ConversationStatus

WAITING_STATUSES = frozenset({ConversationStatus.QUEUED, ConversationStatus.TICKET})
# Answers that would say "ask for a person" or "hello" to someone already waiting for one.
NOT_WHILE_WAITING = frozenset({"human_agent", "greeting"})


def respond(text: str, state: DialogueState, ctx: Context, brain: Brain) -> Outcome:
    if ctx.status not in WAITING_STATUSES:
        return Outcome(None, state)  # an agent has it
    decision = brain.decide(text, ctx.lang)
    lang = decision.lang
    said = normalise(decision.masked_text)

    if decision.handoff is not None and decision.handoff.priority is Priority.URGENT:
        raise_to = Priority.URGENT.value if ctx.priority != Priority.URGENT.value else None
        body = replies.RAISED[lang] if raise_to else replies.WAITING_ACK[lang]
        urgent = say(decision, Action.ANSWER, Reason.URGENT, body)
        return Outcome(urgent, state, raise_to=raise_to, wait_notice=True)

    if signals.stops_waiting(said):
        if ctx.priority == Priority.URGENT.value:
            # Money or the account was at risk: an agent still checks ("没事了" may be typed by
            # whoever now holds the phone).
            body = replies.URGENT_STAYS_QUEUED[lang]
            waiting = say(decision, Action.ANSWER, Reason.WAITING, body, category=ctx.category)
            return Outcome(waiting, state, wait_notice=True)
        # No agent should spend time on a conversation nobody waits on: it leaves the queue, or
        # its ticket is closed as resolved by the user (the ticket and its log stay).
        queued = ctx.status == ConversationStatus.QUEUED
        reason = Reason.LEFT_QUEUE if queued else Reason.CLOSED_TICKET
        body = (replies.LEFT_QUEUE if queued else replies.CLOSED_TICKET)[lang]
        leaving = say(decision, Action.ANSWER, reason, body)
        return Outcome(leaving, DialogueState(facts=state.facts), stop_waiting=True)

    details = state.details
    asks_for_person = signals.person_request(said) is not None
    skipped = signals.skips(said)
    # A question, thanks or "?" is no answer to the detail asked ("还要等多久？" had been recorded as
    # the time it happened): it is handled as any message while waiting, and the question asked again.
    no_fact = (
        details is not None and not skipped and gives_no_fact(details, decision, said, ctx.now)
    )
    if details is not None and not no_fact and not asks_for_person:
        state, left = record(state, decision.masked_text, skipped, ctx.now)
        ack = (replies.DETAILS_SKIPPED if skipped else replies.DETAILS_NOTED)[lang]
        if left is not None:
            body = f"{ack}\n\n{ask_next(left, lang, ctx.config)}"
        else:
            body = replies.DETAILS_DONE_WAITING[lang]
        noted = say(decision, Action.ANSWER, Reason.DETAILS, body, category=ctx.category)
        return Outcome(noted, state, wait_notice=True)

    if details is None and not asks_for_person:
        given = facts_told(decision.masked_text, said, lang, ctx.now)
        if given:
            # "my order number is 88812345" tells the agent about the case; it is no question
            # (its words had found changing a lost phone number): kept, so the ticket and the
            # console show it with the rest.
            body = replies.DETAILS_DONE_WAITING[lang]
            told = say(decision, Action.ANSWER, Reason.DETAILS, body, category=ctx.category)
            kept = replace(state, facts={**state.facts, **given})
            return Outcome(told, kept, wait_notice=True)

    again = f"\n\n{ask_next(details, lang, ctx.config)}" if no_fact and details else ""
    if asks_for_person:
        body = replies.ALREADY_HANDED_OFF[lang]
    elif (
        decision.action is Action.ANSWER
        and decision.reason is Reason.CONFIDENT_MATCH
        and decision.category not in NOT_WHILE_WAITING
        and decision.faq_id
        and not signals.asks_about_the_wait(said)
    ):
        # The service adds where the user stands ("您仍在排队：您是下一位…"): their place is kept.
        return Outcome(replace(decision, body=decision.body + again), state, wait_notice=True)
    elif ctx.priority == Priority.URGENT.value and followups.names_nothing(said, lang):
        # "现在该怎么办？", "what do I do now?" from someone whose money or account is at risk:
        # what they can do before the agent comes, again (the first reply may have scrolled away).
        help_text = replies.urgent_help(ctx.config.urgent_help[lang], freeze_said=False)
        body = f"{replies.WAITING_ACK[lang]}\n\n{help_text}"
    else:
        body = replies.WAITING_ACK[lang]
    acked = say(decision, Action.ANSWER, Reason.WAITING, body + again, category=ctx.category)
    return Outcome(acked, state, wait_notice=True)
