"""Facts about the user's own transaction given without being asked (rule 6 of docs/dialogue.md):
a time, an amount, a card's last digits or a reference, after an answer or a clarification about
a problem an agent needs them for, or in the question itself. They are kept with the
conversation, so a hand-off asks only for what is still missing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from walletbot.brain.decision_rules import Action, Reason
from walletbot.brain.engine import Decision
from walletbot.brain.text import Lang
from walletbot.dialogue import conversation_replies as replies
from walletbot.dialogue import details as parsing
from walletbot.dialogue import followups
from walletbot.dialogue.playbook import Problem
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Brain, Context, Outcome, ask_again, say

FACTS_MAX_HAN = 20  # facts given unasked: "昨天下午三点转了两千块，招商银行尾号6217"
FACTS_MAX_WORDS = 12
LITTLE_ELSE_HAN = 4  # besides the facts: "转了", "充的"
LITTLE_ELSE_WORDS = 4  # "to my debit card", "it was"


def noted(
    said: str, decision: Decision, state: DialogueState, ctx: Context, brain: Brain
) -> Outcome | None:
    """Facts given unasked, after an answer or a clarification about a problem an agent needs
    them for ("昨天下午三点", "$45.99", "visa ending 4242"): the user is telling the bot about their
    own transaction, which is no question for the FAQ, let alone one out of scope. The facts are
    kept, so a hand-off asks only for the rest; after an answer a person is offered, after a
    clarification the choice is asked again. None when the message gives none."""
    entries = (state.answered,) if state.answered else state.offered
    problems = [p for p in map(ctx.config.problem_for, entries) if p is not None]
    if not problems:
        return None
    given, rest = parsing.volunteered(decision.masked_text, ctx.now)
    facts: dict[str, parsing.Fact | None] = {
        name: fact for name, fact in given.items() if any(name in p.fields for p in problems)
    }
    # Facts and next to nothing else ("card ending 7788"), whatever entry the words resemble; or
    # a short message with facts that the bot cannot answer ("提现到工商银行尾号3321，2万块").
    # "今天天气怎么样" has a time word, and the rest is about something else, not their case.
    unanswered = (
        decision.action is not Action.ANSWER
        and decision.reason is not Reason.OUT_OF_SCOPE
        and _brief(said, decision.lang)
    )
    one_more = _one_more(decision.masked_text, problems) if not facts and state.facts else {}
    if one_more:
        # Given again ("500" after "充了500块"), a fact keeps what was first read (its currency).
        facts = {k: v for k, v in one_more.items() if state.facts.get(k) is None}
        rest = ""
    if not (facts or one_more) or not (_little_else(rest, decision.lang) or unanswered):
        return None
    kept = replace(state, facts={**state.facts, **facts})
    lang = decision.lang
    if state.answered:
        category = brain.kb.faq(state.answered).category
        # The person was offered with the first fact; the next ones are only noted.
        body = (replies.DETAILS_NOTED if one_more else replies.FACTS_VOLUNTEERED)[lang]
        noted = say(decision, Action.CLARIFY, Reason.DETAILS, body, category=category)
        return Outcome(noted, replace(kept, unclear_streak=0))
    # The user answered the clarification with facts of their case, not with a choice: which
    # entry it is about still decides the answer, so the same choice is asked again.
    return ask_again(decision, kept, brain, replies.FACTS_NOTED_CHOOSE, Reason.DETAILS)


def told(masked: str, said: str, lang: Lang, now: datetime) -> dict[str, parsing.Fact | None]:
    """The facts of a message that gives facts and little else ("my order number is 88812345",
    "昨天下午三点，500块"), by field; empty for a question or a longer story."""
    given, rest = parsing.volunteered(masked, now)
    if not given or not _brief(said, lang) or not _little_else(rest, lang):
        return {}
    return dict(given)


def _one_more(masked: str, problems: list[Problem]) -> dict[str, parsing.Fact]:
    """Telling their case fact by fact ("昨天下午三点", then "500", then "支付宝"): a number or a
    method alone is one more fact (it had been read into the topic: "工商银行卡" found binding a
    card). Empty when it is neither, or its field is not one the problem needs."""
    more = parsing.one_more(masked)
    if more is None or more[1]["value"] is None:
        return {}
    field, fact = more
    return {field: fact} if any(field in p.fields for p in problems) else {}


def from_question(answer: Outcome, entry: str, question: str | None, ctx: Context) -> Outcome:
    """An answer on a problem an agent needs facts for keeps those the question gave ("充了2000u
    没到账", "我的提现三天了还没到"), so a later hand-off does not ask for them again."""
    problem = ctx.config.problem_for(entry)
    if problem is None or not question:
        return answer
    given, _ = parsing.volunteered(question, ctx.now)
    facts: dict[str, parsing.Fact | None] = {
        name: fact for name, fact in given.items() if name in problem.fields
    }
    if not facts:
        return answer
    # What the user said since, in reply to the bot, is the more precise: it stays.
    return replace(answer, state=replace(answer.state, facts={**facts, **answer.state.facts}))


def _little_else(rest: str, lang: Lang) -> bool:
    """What a message says besides its facts is a few words at most ("it was", "转了")."""
    limit = LITTLE_ELSE_HAN if lang == "zh" else LITTLE_ELSE_WORDS
    return followups.size(rest.lower(), lang) <= limit


def _brief(said: str, lang: Lang) -> bool:
    """Short enough to be facts and little else ("我的卡尾号1234，昨天下午2点，200元"): a longer
    message tells more than facts, and is judged as a question."""
    return followups.size(said, lang) <= (FACTS_MAX_HAN if lang == "zh" else FACTS_MAX_WORDS)
