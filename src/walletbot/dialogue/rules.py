"""The dialogue rules for a message the bot handles (docs/dialogue.md), in order:

1. urgent (scam, account at risk, seed phrase shared): hand off at once, priority urgent;
2. guided details in progress: the message answers the pending question (or skips it);
3. an explicit request for a person, anywhere in the message: hand off at once, about the rest;
   thanks or a goodbye alone ("谢谢", "got it, thanks", "拜拜"): its entry, nothing forgotten;
4. after a clarification: a pick answers that entry; "none of these" offers the next ones;
   after the scope reply: a pick of a problem type offers its questions;
5. dissatisfaction after an answer: a not-helpful vote, then the next-best entries or a person;
6. facts about the user's own case after an answer or a clarification about a problem with guided
   details (a time, an amount, a card's last digits, a reference): kept for the agent; a person
   offered after an answer, the choice asked again after a clarification;
   an acknowledgement or a bare "?" ("好的", "👍"): "anything else?" after an answer, the
   list again after a clarification;
   else a short elliptical message after an answer: read in that answer's topic, or, when it
   names nothing ("怎么弄", "why?"), pointed back at that answer with a person offered;
7. out of scope: a scope reply with the problem types numbered; the second in a row offers a
   person;
8. not understood: a clarification first, a hand-off the second time in a row; unless the second
   message points clearly to an entry of the list shown (answered) or is about something else
   (its closest entry is not on the list: a list of its own);
9. otherwise the engine's answer.
Hand-offs for problems an agent needs facts for (data/dialogue.yaml) ask for them first.
"""

from __future__ import annotations

from dataclasses import replace

from walletbot.brain.courtesy import courtesies_only, courtesy_kind
from walletbot.brain.decision_rules import Action, Priority, Reason
from walletbot.brain.engine import Decision
from walletbot.brain.faq import Courtesy
from walletbot.brain.text import normalise
from walletbot.dialogue import clarifications, facts_given, followups, scope_menu, signals, waiting
from walletbot.dialogue import conversation_replies as replies
from walletbot.dialogue.person_request import hand_off_on_request
from walletbot.dialogue.picks import asks_in_english, pick_by_number
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import (
    Brain,
    Context,
    Outcome,
    answer_with,
    ask_again,
    ask_next,
    bot_hand_off,
    gives_no_fact,
    hand_off,
    problem_of,
    record,
    say,
)
from walletbot.records.status import ConversationStatus

NOT_UNDERSTOOD = frozenset(
    {Reason.LOW_CONFIDENCE, Reason.MIDDLING_CONFIDENCE, Reason.CLOSE_CANDIDATES}
)
BOT_STATUSES = frozenset({ConversationStatus.BOT, ConversationStatus.RESOLVED})
PICK_ANY = 20  # "第二个" read as a pick from any list, to tell it from a follow-up
# A second unclear message answers the listed entry it points to when that entry leads its own
# ranking by this much. Chosen on pairs of val queries (benchmarks/README.md, "Two unclear
# questions in a row"): at 0.05, 42 Chinese and 1 English second messages answered right and none
# wrong; with no margin 58 and 8 right but 11 and 13 wrong.
NARROW_MARGIN = 0.05


def respond(text: str, state: DialogueState, ctx: Context, brain: Brain) -> Outcome:
    """The bot's move for one user message, given what the conversation remembers."""
    if ctx.status not in BOT_STATUSES:
        return waiting.respond(text, state, ctx, brain)
    if ctx.status == ConversationStatus.RESOLVED:
        state = DialogueState()  # a new question after a resolution starts afresh
    decision = brain.decide(text, ctx.lang)
    said = normalise(decision.masked_text)

    if decision.handoff is not None and decision.handoff.priority is Priority.URGENT:
        return hand_off(
            decision,
            state,
            ctx,
            brain,
            reason=Reason.URGENT,
            priority=Priority.URGENT.value,
            category=decision.category,
            problem=problem_of(ctx, _urgent_entry(decision, brain)),
        )
    if state.details is not None and state.details.then == "handoff":
        return _details_answer(text, said, decision, state, ctx, brain)

    # "怎么弄", "why?"; a greeting made of the same words ("在吗") greets.
    asks_only = followups.names_nothing(said, decision.lang) and not courtesies_only(said)
    request = signals.person_request(said)
    if request is not None:
        return hand_off_on_request(request.rest, decision, state, ctx, brain)
    # "你是机器人吗", "am I talking to a human?": the greeting says who answers and that a person
    # is a word away; its words had found the hand-off's or the unhappy user's entries.
    hello = brain.kb.courtesy_entry("hello")
    brief = followups.size(said, decision.lang) <= (20 if decision.lang == "zh" else 12)
    if hello and brief and signals.about_the_bot(said):
        return answer_with(hello, decision, state, brain, Reason.GREETING)

    if state.menu:
        topic = scope_menu.picked(said, decision, state, brain)
        if topic is not None:
            return scope_menu.offer(topic, decision, state, brain)

    kind = courtesy_kind(said)
    if kind is not None:
        return _courtesy(kind, decision, state, ctx, brain)

    if state.offered:
        # "收到", "ok", "yes" are in some phrasings, and would pick by their words alone; so would
        # "没有" ("钱扣了但对方没收到") or "忘了", which skip.
        skipped = signals.skips(said)
        # "怎么弄", "why?" name nothing to pick by either (a word shared with a phrasing picked).
        silent = skipped or asks_only or signals.says_nothing(said)
        picked = None if silent else clarifications.picked(said, decision.lang, state, brain)
        if picked is not None:
            answer = answer_with(picked, decision, state, brain, Reason.PICKED)
            return facts_given.from_question(answer, picked, state.topic, ctx)
        if signals.none_of_these(said) or (signals.dissatisfaction(said) and not state.answered):
            return clarifications.next_candidates(decision, state, ctx, brain, state.spare)
        if skipped:
            # "不知道", "not sure", "跳过" to "which of these?": the user cannot tell. After a
            # clarification that is a second message the bot cannot place, so it hands off,
            # about the list (their own reading, "payments" or out of scope, says nothing) and
            # asking that problem's details; a list the user did not ask for is shown again.
            if state.unclear_streak >= 1:
                return bot_hand_off(
                    decision,
                    state,
                    ctx,
                    brain,
                    Reason.LOW_CONFIDENCE,
                    state.offered[0],
                    about_offered=True,
                )
            return ask_again(decision, state, brain, replies.PICK_PROMPT)

    unhappy = signals.dissatisfaction(said)
    if unhappy is None and state.answered and signals.none_of_these(said):
        # "都不是" / "none of these" after an answer, not a list: that answer was not it.
        unhappy = signals.Dissatisfaction("")
    if unhappy is not None and state.answered:
        if signals.substantial(unhappy.rest):
            fresh = respond(unhappy.rest, DialogueState(facts=state.facts), ctx, brain)
            return replace(fresh, unhelpful=True)
        return replace(clarifications.after_unhelpful(decision, state, ctx, brain), unhelpful=True)

    if state.answered or state.offered:
        noted = facts_given.noted(said, decision, state, ctx, brain)
        if noted is not None:
            return noted

    if state.offered and (signals.says_nothing(said) or asks_only):
        # "好的", "?", "怎么弄" after a list: no pick and no new question; the list again, with
        # how to choose (it had been the greeting, the scope menu, even a hand-off for "这个").
        return ask_again(decision, state, brain, replies.PICK_PROMPT)

    if state.answered and (signals.says_nothing(said) or signals.passes(said)):
        # "好的", "嗯", "?", "👍" after an answer: no question to answer, no reason for the scope
        # menu or a hand-off ("这个" alone had one), and not a goodbye. The topic stays. So for
        # "跳过" or "dunno", when the bot asked nothing.
        prompt = say(decision, Action.ANSWER, Reason.GREETING, replies.ANYTHING_ELSE[decision.lang])
        return Outcome(replace(prompt, category="greeting"), replace(state, unclear_streak=0))

    if state.answered and asks_only:
        # No word of what about: another entry would be a guess (the topic found one of another
        # category after most answers), and the answer given is the one on its topic.
        body = replies.ABOUT_THE_ANSWER[decision.lang].format(question=state.topic)
        # About the answer's topic: its category, not the one the words alone found.
        category = brain.kb.faq(state.answered).category
        asked = say(decision, Action.CLARIFY, Reason.FOLLOW_UP, body, category=category)
        return Outcome(asked, state)

    if state.topic:  # after an answer, or a clarification of the user's own question
        alone = decision.action is Action.ANSWER and decision.reason is Reason.CONFIDENT_MATCH
        # After a clarification the bot did not understand the question, so only a message that
        # points back at it ("手续费呢？", "how much does it cost?") leans on it, or one that names
        # nothing the engine can place alone ("要多久？" after "提现" and its list: the withdrawal
        # times, where it had been handed off asking for a transaction's details). A question
        # with a subject of its own ("提币要填什么", merely unclear) is not read in the list's
        # topic: on val pairs that found entries of the list for new questions. Another unclear
        # one is still handed off (rule 8).
        points_back = state.answered is not None or followups.has_mark(said, decision.lang)
        to_list = bool(state.offered) and decision.reason is Reason.LOW_CONFIDENCE
        # An English question after a list ("how long?", "can I cancel it?") picks nothing by its
        # words (picks.py): it is read in the list's topic ("my refund", then "how long?": the
        # refund times, listed or not).
        asks_about_list = bool(state.offered) and asks_in_english(said)
        # "跳过", "不知道", "skip" answer a question the bot did not ask, and "2️⃣" or "第二个"
        # picks from a list it did not show: no topic to read them in (acknowledgements, which
        # had found entries as unrelated as the goodbye, are answered above).
        asked_nothing = signals.skips(said) or pick_by_number(said, PICK_ANY) is not None
        # A greeting ("hi", "你好", "anyone there?") greets, whatever came before: read in the
        # topic it found entries as unrelated as a hello would ("hi" after most answers).
        greets = (decision.reason is Reason.GREETING and decision.faq_id is not None) or (
            courtesies_only(said)
        )
        # "帮我写一首诗" after an answer is about something else, however short: only a mark of
        # reference ("那…", "what about…") reads a message the engine calls out of scope in the topic.
        elsewhere = decision.reason is Reason.OUT_OF_SCOPE and not followups.has_mark(
            said, decision.lang
        )
        if (
            (points_back or to_list or asks_about_list)
            and not greets
            and not elsewhere
            and not asked_nothing
            and followups.is_elliptical(said, decision.lang, alone)
        ):
            followed = _follow_up(text, decision, state, brain)
            if followed is not None:
                return followed

    if decision.reason is Reason.OUT_OF_SCOPE:
        return scope_menu.reply(decision, state, brain)

    if decision.reason in NOT_UNDERSTOOD and decision.action is not Action.ANSWER:
        narrowed = _narrowed(decision, state)
        if narrowed is not None:
            answer = answer_with(narrowed, decision, state, brain, Reason.PICKED)
            return facts_given.from_question(answer, narrowed, state.topic, ctx)
        if state.unclear_streak >= 1 and not _another_question(decision, state):
            return bot_hand_off(
                decision, state, ctx, brain, Reason.LOW_CONFIDENCE, _topic_entry(decision)
            )
        return clarifications.clarify(decision, state, brain)

    if decision.action is Action.ANSWER and decision.faq_id:
        answer = answer_with(decision.faq_id, decision, state, brain, decision.reason)
        return facts_given.from_question(answer, decision.faq_id, decision.masked_text, ctx)
    if decision.action is Action.HANDOFF:  # the classifier's "human_agent" intent
        # "人工客服要排队多久" asks about support, "你是机器人吗" about the bot, "我不需要人工，就想查
        # 一下余额" asks for nobody: answer them.
        if (
            signals.about_support(said)
            or signals.about_the_bot(said)
            or signals.declines_a_person(said)
        ):
            return _about_support(decision, state, brain)
        return hand_off_on_request(said, decision, state, ctx, brain)
    return Outcome(decision, DialogueState(facts=state.facts))


def _narrowed(decision: Decision, state: DialogueState) -> str | None:
    """The entry of the list shown that a second unclear message points to ("能撤回吗" after a
    list with "转账能取消吗"): both messages agree on it when it is on the list and the second's
    closest entry, clear of its next by NARROW_MARGIN."""
    ranked = decision.suggestions
    if decision.reason is Reason.LOW_CONFIDENCE or not ranked or not state.offered:
        return None
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    if ranked[0].faq_id not in state.offered or ranked[0].score - runner_up < NARROW_MARGIN:
        return None
    return ranked[0].faq_id


def _another_question(decision: Decision, state: DialogueState) -> bool:
    """Whether a message the bot would clarify after a list asks about something else: close
    entries, the closest not on that list ("我想提现", then "我想充值"). It gets its own list; the
    same problem not understood twice is handed off (it had been, whatever was asked)."""
    if decision.reason is Reason.LOW_CONFIDENCE or not decision.suggestions or not state.offered:
        return False
    return decision.suggestions[0].faq_id not in state.offered


def _follow_up(text: str, decision: Decision, state: DialogueState, brain: Brain) -> Outcome | None:
    """A follow-up read in the previous topic (the last answer's question, or the question the
    bot asked to clarify): the entry both readings support best; None when no entry is supported
    by both (the message is judged alone)."""
    assert state.topic is not None
    ranked = followups.combine(
        brain.rank(text, followups.DEPTH), brain.rank(f"{state.topic} {text}", followups.DEPTH)
    )
    if not ranked or ranked[0].score < followups.MIN_SUPPORT:
        return None
    if ranked[0].category == "human_agent":
        # "不懂" after a list, read as "the bot is no help": those entries promise a person, which
        # only a hand-off gives (judged alone, the message is handed off, rule 8), and the wait
        # for one is answered as a question about support.
        return None
    # No margin test: with the topic set, the closest entry is the reading to try, and "not
    # this" brings the next ones (rule 5). It may be the entry just answered: the message asks
    # what that answer covers ("what if you go bankrupt?"), and the next entry would be wrong.
    return answer_with(ranked[0].faq_id, decision, state, brain, Reason.FOLLOW_UP)


def _courtesy(
    kind: Courtesy, decision: Decision, state: DialogueState, ctx: Context, brain: Brain
) -> Outcome:
    """Thanks or a goodbye: its entry's answer (or "anything else?"). What the conversation
    remembers stays, so "手续费呢？" next is still read in the last answer's topic."""
    entry_id = brain.kb.courtesy_entry(kind)
    if entry_id is None:
        body, category = replies.ANYTHING_ELSE[decision.lang], "greeting"
    else:
        entry = brain.kb.faq(entry_id)
        body, category = entry.answers.get(decision.lang), entry.category
    reply = say(decision, Action.ANSWER, Reason.GREETING, body, faq_id=entry_id, category=category)
    return Outcome(reply, replace(state, unclear_streak=0))


def _about_support(decision: Decision, state: DialogueState, brain: Brain) -> Outcome:
    """A question about support that the classifier read as a request: its best entry when
    sure enough, else a clarification. The entry that stands for the request itself (its answer
    says "transferring you now") is no answer to a question."""
    ranked = [m for m in brain.rank(decision.masked_text) if not _is_request(brain, m.faq_id)]
    best = ranked[0] if ranked else None
    if best is not None and best.score >= brain.thresholds.answer_for(best.category):
        return answer_with(best.faq_id, decision, state, brain, Reason.CONFIDENT_MATCH)
    return clarifications.clarify(
        decision, state, brain, ranked[: clarifications.SUGGESTED + clarifications.SPARE]
    )


def _is_request(brain: Brain, faq_id: str) -> bool:
    """Whether most of an entry's phrasings ask for a person or complain about the bot."""
    entry = brain.kb.faq(faq_id)
    asked = [normalise(q) for q in (*entry.questions.zh, *entry.questions.en)]
    requests = sum(
        signals.person_request(q) is not None or signals.dissatisfaction(q) is not None
        for q in asked
    )
    return 2 * requests > len(asked)


def _urgent_entry(decision: Decision, brain: Brain) -> str | None:
    """What an urgent message is about: the closest entry of the category triage gave it. "我的银行
    卡被盗刷了" is about a payment the user did not make, not about unbinding the card, which its
    words are closest to; so the agent's details are asked for the right problem."""
    same = (m for m in brain.rank(decision.masked_text) if m.category == decision.category)
    return next((m.faq_id for m in same), None) or _topic_entry(decision)


def _topic_entry(decision: Decision) -> str | None:
    """The entry a message is most likely about: its answer, else its best suggestion."""
    if decision.faq_id:
        return decision.faq_id
    return decision.suggestions[0].faq_id if decision.suggestions else None


def _details_answer(
    text: str, said: str, decision: Decision, state: DialogueState, ctx: Context, brain: Brain
) -> Outcome:
    """A message while guided details are asked before a hand-off."""
    details = state.details
    assert details is not None and details.handoff is not None
    pending = details.handoff
    if signals.person_request(said) is not None:
        return hand_off(
            decision,
            replace(state, details=None),
            ctx,
            brain,
            reason=Reason.USER_REQUEST,
            priority=pending.priority,
            category=pending.category,
        )
    lang = decision.lang
    kind = courtesy_kind(said)
    if kind == "goodbye":  # leaving: nothing more to ask, nobody to hand to
        return _courtesy(kind, decision, replace(state, details=None), ctx, brain)
    skipped = signals.skips(said)
    if not skipped and gives_no_fact(details, decision, said, ctx.now):
        # "好的", "谢谢", a question ("对方不还怎么办" to "when did it happen?" had been recorded as
        # the time): the question is asked again, after the FAQ's answer when the bot has one.
        question = ask_next(details, lang, ctx.config)
        if decision.action is Action.ANSWER and decision.reason is Reason.CONFIDENT_MATCH:
            body = f"{decision.body}\n\n{question}"
            return Outcome(say(decision, Action.ANSWER, Reason.DETAILS, body), state)
        if signals.asks(said) and not signals.says_nothing(said):  # a question, not a bare "?"
            question = f"{replies.DETAILS_QUESTION_KEPT[lang]}\n\n{question}"
        return Outcome(say(decision, Action.CLARIFY, Reason.DETAILS, question), state)
    state, left = record(state, decision.masked_text, skipped, ctx.now)
    ack = (replies.DETAILS_SKIPPED if skipped else replies.DETAILS_NOTED)[lang]
    if left is not None:
        body = f"{ack}\n\n{ask_next(left, lang, ctx.config)}"
        return Outcome(say(decision, Action.CLARIFY, Reason.DETAILS, body), state)
    return hand_off(
        decision,
        state,
        ctx,
        brain,
        reason=Reason(pending.reason),
        priority=pending.priority,
        category=pending.category,
        prefix=ack,
    )
