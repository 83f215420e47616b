"""`walletbot eval dialogues`: run the multi-turn evaluation set through the dialogue rules and a
real Engine, in memory (docs/dialogue.md, "Evaluation").

The conversation is a plain object: its status, priority and dialogue state change as the service
would change them (a hand-off queues it when someone is on duty, else opens a ticket; an urgent
message while waiting raises its priority). No database, no HTTP: what is measured is what the bot
says and decides. A dialogue succeeds when every expectation of every turn holds.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from walletbot.brain.decision_rules import Action, Reason
from walletbot.brain.engine import NOT_TOPICS, Engine
from walletbot.brain.text import Lang, detect_language
from walletbot.dialogue import conversation_replies as replies
from walletbot.dialogue.playbook import DialogueConfig
from walletbot.dialogue.rules import respond
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Context, Outcome
from walletbot.records.status import ConversationStatus

# "yesterday" in the set means 2026-12-05 (Asia/Shanghai).
EVAL_NOW = datetime(2026, 12, 6, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
KINDS = (
    "pick",
    "follow_up",
    "out_of_scope",
    "person",
    "urgent",
    "dissatisfaction",
    "waiting",
    "leaving",
    "details",
    "facts",
)


@dataclass
class Conversation:
    lang: Lang
    status: ConversationStatus = ConversationStatus.BOT
    priority: str | None = None
    on_duty: bool = True
    state: DialogueState = field(default_factory=DialogueState)


def load_dialogues(path: Path) -> list[dict[str, Any]]:
    dialogues: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["dialogues"]
    return dialogues


def _start(dialogue: dict[str, Any], engine: Engine) -> Conversation:
    setup = dialogue.get("setup") or {}
    lang: Lang = dialogue["lang"]
    conversation = Conversation(
        lang=lang,
        status=ConversationStatus(setup.get("status", "bot")),
        priority=setup.get("priority", "normal" if setup.get("status") else None),
        on_duty=setup.get("on_duty", True),
    )
    answered = setup.get("answered")
    offered = tuple(setup.get("offered") or ())
    topic = engine.kb.faq(answered).questions.get(lang)[0] if answered else None
    # `menu: scope`: the scope reply's problem types were just shown.
    menu = tuple(c.id for c in engine.kb.categories if c.id not in NOT_TOPICS)
    conversation.state = DialogueState(
        offered=offered,
        answered=answered,
        topic=topic,
        menu=menu if setup.get("menu") == "scope" else (),
    )
    return conversation


def _apply(conversation: Conversation, outcome: Outcome) -> None:
    conversation.state = outcome.state
    # As the service does (handoff.service.stop_waiting): out of the queue, or the ticket closed.
    if outcome.stop_waiting and conversation.status is ConversationStatus.QUEUED:
        conversation.status = ConversationStatus.BOT
    elif outcome.stop_waiting and conversation.status is ConversationStatus.TICKET:
        conversation.status = ConversationStatus.RESOLVED
    if outcome.hand_off is not None:
        conversation.status = (
            ConversationStatus.QUEUED if conversation.on_duty else ConversationStatus.TICKET
        )
        conversation.priority = outcome.hand_off.priority
    if outcome.raise_to is not None:
        conversation.priority = outcome.raise_to


def check(
    expect: dict[str, Any], outcome: Outcome, conversation: Conversation, config: DialogueConfig
) -> list[str]:
    """The expectations of one turn that do not hold (empty: the turn passed)."""
    d = outcome.decision
    lang = conversation.lang
    failed: list[str] = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            failed.append(what)

    answered = d.faq_id if d is not None and d.action is Action.ANSWER else None
    if "answer" in expect:
        wanted = expect["answer"]
        need(answered in (wanted if isinstance(wanted, list) else [wanted]), f"answer {wanted}")
    if "not_answer" in expect:
        need(answered != expect["not_answer"], f"not answer {expect['not_answer']}")
    if "topic" in expect:  # a problem type picked from the scope menu: its questions offered
        need(
            d is not None
            and d.action is Action.CLARIFY
            and d.reason is Reason.PICKED
            and d.category == expect["topic"],
            f"topic {expect['topic']}",
        )
    if expect.get("moves_on"):  # next-best entries, or a person
        need(
            d is not None and (d.action is Action.CLARIFY or outcome.hand_off is not None),
            "offers other entries or a person",
        )
    if "noted" in expect:  # facts given unasked: kept; a person offered, or the choice again
        noted = d is not None and (
            d.body == replies.FACTS_VOLUNTEERED[lang]
            or d.body.startswith(replies.FACTS_NOTED_CHOOSE[lang])
        )
        need(noted == bool(expect["noted"]), "facts noted" if expect["noted"] else "not noted")
    if expect.get("scope"):
        need(d is not None and d.reason is Reason.OUT_OF_SCOPE, "scope reply")
        need(outcome.hand_off is None, "kept with the bot")
    if "offers_person" in expect:
        offered = d is not None and replies.OFFER_PERSON[lang] in d.body
        need(offered == bool(expect["offers_person"]), "offers a person")
    if "handoff" in expect:
        wanted = expect["handoff"]
        got = outcome.hand_off.reason if outcome.hand_off else None
        need(got is not None and (wanted is True or got == wanted), f"hand-off {wanted}")
    if expect.get("no_handoff"):
        need(outcome.hand_off is None, "no hand-off")
    if "category" in expect:
        got = outcome.hand_off.category if outcome.hand_off else None
        need(got == expect["category"], f"category {expect['category']}")
    if "ask" in expect:
        need(
            d is not None and config.question(expect["ask"], lang) in d.body,
            f"asks {expect['ask']}",
        )
    if expect.get("notice"):
        need(d is not None and outcome.wait_notice, "acknowledged with a notice")
    if expect.get("unhelpful"):
        need(outcome.unhelpful, "counted as not helpful")
    if "status" in expect:
        need(conversation.status == expect["status"], f"status {expect['status']}")
    if "priority" in expect:
        need(conversation.priority == expect["priority"], f"priority {expect['priority']}")
    for name, value in (expect.get("facts") or {}).items():
        fact = conversation.state.facts.get(name, "missing")
        got = fact.get("value") if isinstance(fact, dict) else fact
        need(got == value, f"fact {name}={value!r} (got {got!r})")
    return failed


@dataclass
class Tally:
    """Per-message counts over all dialogues."""

    waited: int = 0  # messages sent while queued or ticketed
    acknowledged: int = 0  # ... answered with a reply and a notice
    out_of_scope: int = 0  # messages of out-of-scope dialogues
    kept: int = 0  # ... not handed off
    recognised: int = 0  # ... given the scope reply


def run_dialogue(
    dialogue: dict[str, Any], engine: Engine, config: DialogueConfig, tally: Tally
) -> list[str]:
    """The dialogue's failed expectations; counts messages into `tally`."""
    conversation = _start(dialogue, engine)
    failures: list[str] = []
    for number, turn in enumerate(dialogue["turns"], start=1):
        ctx = Context(
            status=conversation.status,
            lang=conversation.lang,
            priority=conversation.priority,
            on_duty=conversation.on_duty,
            now=EVAL_NOW,
            config=config,
        )
        outcome = respond(turn["user"], conversation.state, ctx, engine)
        if conversation.status in (ConversationStatus.QUEUED, ConversationStatus.TICKET):
            tally.waited += 1
            # A reply that says where the user stands, or that they have stopped waiting.
            told = outcome.wait_notice or outcome.stop_waiting
            tally.acknowledged += int(outcome.decision is not None and told)
        if dialogue["kind"] == "out_of_scope":
            tally.out_of_scope += 1
            tally.kept += int(outcome.hand_off is None)
            d = outcome.decision
            tally.recognised += int(d is not None and d.reason is Reason.OUT_OF_SCOPE)
        _apply(conversation, outcome)
        failures += [
            f"turn {number}: {f}" for f in check(turn["expect"], outcome, conversation, config)
        ]
    return failures


def in_scope_rate(engine: Engine, queries: Path) -> dict[str, Any]:
    """Share of in-scope FAQ questions the engine wrongly calls out of scope, per language."""
    with queries.open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    wrong: dict[str, list[bool]] = defaultdict(list)
    for text in texts:
        wrong[detect_language(text)].append(engine.decide(text).reason is Reason.OUT_OF_SCOPE)
    every = [w for rows in wrong.values() for w in rows]
    return {
        "rows": len(every),
        "wrongly_out_of_scope": sum(every) / len(every) if every else None,
        **{f"wrongly_out_of_scope_{lang}": sum(r) / len(r) for lang, r in sorted(wrong.items())},
    }


def evaluate(
    dialogues: list[dict[str, Any]], engine: Engine, config: DialogueConfig
) -> dict[str, Any]:
    passed: dict[str, list[bool]] = defaultdict(list)
    by_lang: dict[str, list[bool]] = defaultdict(list)
    failures: dict[str, list[str]] = {}
    tally = Tally()
    for dialogue in dialogues:
        failed = run_dialogue(dialogue, engine, config, tally)
        ok = not failed
        passed[dialogue["kind"]].append(ok)
        by_lang[f"{dialogue['kind']}_{dialogue['lang']}"].append(ok)
        if failed:
            failures[dialogue["id"]] = failed
    return {
        "dialogues": len(dialogues),
        "success": {kind: _rate(passed[kind]) for kind in KINDS if passed[kind]},
        "counts": {kind: len(passed[kind]) for kind in KINDS if passed[kind]},
        "success_by_language": {key: _rate(v) for key, v in sorted(by_lang.items())},
        # Out-of-scope messages not handed off / given the scope reply with the menu.
        "out_of_scope_kept": tally.kept / tally.out_of_scope if tally.out_of_scope else None,
        "out_of_scope_recognised": tally.recognised / tally.out_of_scope
        if tally.out_of_scope
        else None,
        "waiting_acknowledged": tally.acknowledged / tally.waited if tally.waited else None,
        "failures": failures,
    }


def _rate(values: list[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def dialogues_main(
    path: Path, engine: Engine, config: DialogueConfig, queries: Path | None
) -> dict[str, Any]:
    result = evaluate(load_dialogues(path), engine, config)
    if queries is not None:
        result["in_scope"] = in_scope_rate(engine, queries)
    return result
