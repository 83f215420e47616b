"""The engine composes the brain: shield -> normalise -> triage -> classify -> retrieve -> decide.

Built once from a knowledge base (training takes about a second) and immutable afterwards, so the
server can build a new one off the event loop and swap it in with one assignment.
"""

from __future__ import annotations

import functools
import re
import time
from dataclasses import dataclass
from typing import NamedTuple

from walletbot.brain.bundled_data import bundled_data_path
from walletbot.brain.classifier import IntentClassifier
from walletbot.brain.code_switch import read_in_chinese
from walletbot.brain.courtesy import (
    courtesy_kind,
    good_that_greets_nobody,
    greeting_only,
    question_only,
)
from walletbot.brain.decision_rules import (
    Action,
    Match,
    Priority,
    Reason,
    Signals,
    Thresholds,
    decide,
)
from walletbot.brain.faq import OUT_OF_SCOPE, KnowledgeBase
from walletbot.brain.fast_inference import round_score
from walletbot.brain.message_replies import (
    ACCOUNT_AT_RISK_STEPS,
    GREETING_FALLBACK,
    SCAM_WARNING,
    clarify_reply,
    handoff_reply,
    scope_reply,
)
from walletbot.brain.retriever import FUZZ_WEIGHT, TOKEN_SHARE, FaqRetriever
from walletbot.brain.scope import HanCoverage
from walletbot.brain.shield import SECRET_WARNING, ShieldResult, shield
from walletbot.brain.shield import warm_up as shield_warm_up
from walletbot.brain.spelling import Spelling
from walletbot.brain.text import LANGS, Lang, detect_language, normalise
from walletbot.brain.triage import RULE_PATTERNS, Triage, assess
from walletbot.brain.urgency_model import REPORT_FILES, UrgencyModel, bundled_examples

# Weight of the classifier's belief in an entry's category when ranking FAQ entries; the rest is
# the retriever's score. The classifier sees all phrasings of a category at once, the retriever
# each entry's own: chosen with the retriever's weights on validation queries, from the full FAQ
# and from the FAQ cut to one phrasing per entry (docs/model.md, "Ranking").
CATEGORY_WEIGHT = 0.35
# Entries closest to the message (by the retriever) that are fused and ranked; enough for the
# answer, the margin test and three suggestions (a deeper cut ranked val queries no better).
CANDIDATES = 5
# Categories that are not problems a user brings: left out of the scope reply's menu.
NOT_TOPICS = frozenset({"greeting", "human_agent"})


class RankingWeights(NamedTuple):
    """How the FAQ ranking mixes its signals (benchmarks/choose_ranking_weights.py tries others)."""

    token_share: float = TOKEN_SHARE  # retriever cosine: tokens' share, the rest char n-grams'
    fuzz: float = FUZZ_WEIGHT  # retriever score: rapidfuzz ratio's share, the rest the cosine's
    category: float = CATEGORY_WEIGHT  # ranking: the category belief's share, the rest retriever's


class Suggestion(NamedTuple):  # a NamedTuple for the reason given at policy.Match
    faq_id: str
    question: str
    score: float


class HandoffRequest(NamedTuple):
    reason: Reason
    priority: Priority


@dataclass(frozen=True)
class Decision:
    """One message's decision. The reply is the preface (warnings about shared secrets, scams, an
    account at risk) followed by the body (the answer, clarification or hand-off sentence): kept
    apart so a conversation can change the body and keep the warnings without cutting strings."""

    action: Action
    reason: Reason
    category: str
    confidence: float
    lang: Lang
    body: str
    masked_text: str
    faq_id: str | None = None
    suggestions: tuple[Suggestion, ...] = ()
    handoff: HandoffRequest | None = None
    flags: tuple[str, ...] = ()
    preface: tuple[str, ...] = ()
    # Prediction.scope of the message (higher = more about the wallet); None when not computed.
    scope: float | None = None

    @property
    def reply(self) -> str:
        return "\n\n".join([*self.preface, self.body] if self.body else self.preface)


@functools.cache
def urgency_model(
    faq_phrasings: tuple[str, ...], report_files: tuple[str, ...] = REPORT_FILES
) -> UrgencyModel:
    """The urgency model on the bundled examples (`report_files` of them: the benchmark that
    chooses the threshold leaves one out), with the FAQ's phrasings no rule flags as ordinary
    messages: fitted once per process and FAQ (a few seconds)."""

    def read(text: str) -> str:
        return normalise(shield(text).text)

    ordinary = [p for p in faq_phrasings if not assess(read(p), p).urgent]
    folder = bundled_data_path("eval")
    return UrgencyModel.fit(bundled_examples(folder, ordinary, read, report_files))


class Engine:
    def __init__(
        self,
        kb: KnowledgeBase,
        classifier: IntentClassifier,
        retriever: FaqRetriever,
        thresholds: Thresholds,
        han_coverage: HanCoverage,
        spelling: Spelling,
        category_weight: float = CATEGORY_WEIGHT,
        urgency: UrgencyModel | None = None,
    ) -> None:
        self.kb = kb
        self.urgency = urgency
        self.han_coverage = han_coverage
        self.spelling = spelling
        self.classifier = classifier
        self.retriever = retriever
        self.thresholds = thresholds
        self.category_weight = category_weight
        self._category_of = {faq.id: faq.category for faq in kb.faqs}
        self.trained_seconds = 0.0

    @classmethod
    def build(
        cls,
        kb: KnowledgeBase,
        thresholds: Thresholds | None = None,
        weights: RankingWeights | None = None,
    ) -> Engine:
        started = time.perf_counter()
        weights = weights or RankingWeights()
        pairs = kb.training_pairs()
        texts = [model_text(text, label) for text, label in pairs]
        classifier = IntentClassifier.fit(texts, [label for _, label in pairs])
        phrasings = list(kb.phrasings())
        retriever = FaqRetriever.fit(
            [model_text(p.text, kb.faq(p.faq_id).category) for p in phrasings],
            [p.faq_id for p in phrasings],
            token_share=weights.token_share,
            fuzz_weight=weights.fuzz,
        )
        engine = cls(
            kb,
            classifier,
            retriever,
            thresholds or Thresholds(),
            HanCoverage.fit(texts),
            Spelling.fit(texts),
            weights.category,
            urgency_model(tuple(p.text for p in phrasings)),
        )
        engine.trained_seconds = time.perf_counter() - started
        return engine

    def decide(self, text: str, lang: Lang | None = None) -> Decision:
        reading = self._read(text)
        shielded, belief, matches = reading.shielded, reading.belief, reading.matches
        triage = reading.triage
        category, confidence = next(iter(belief.items()))  # the classifier's best label
        reply_lang = lang or reading.written_in
        scope = self.han_coverage.scope(reading.scope, reading.features, reading.written_in)
        verdict = decide(
            Signals(
                category=category,
                confidence=confidence,
                matches=matches,
                scam_risk=triage.scam_risk,
                account_at_risk=triage.account_at_risk,
                critical_secret=shielded.critical,
                angry=triage.angry,
                in_scope=self.thresholds.in_scope(scope, reading.written_in),
                brief=_brief(reading.features),
                courtesy_entry=self._courtesy_entry(shielded.text),
            ),
            self.thresholds,
        )

        flags: list[str] = []
        preface: list[str] = []
        if shielded.secret_shared:
            flags.append("sensitive_data")
            preface.append(SECRET_WARNING[reply_lang])
        if triage.scam_risk:
            flags.append("scam_risk")
            preface.append(SCAM_WARNING[reply_lang])
        if triage.account_at_risk:
            flags.append("account_at_risk")
            preface.append(ACCOUNT_AT_RISK_STEPS[reply_lang])
        if triage.angry:
            flags.append("angry")

        suggestions: tuple[Suggestion, ...] = ()  # an answer has none
        if verdict.reason is Reason.OUT_OF_SCOPE:
            body = scope_reply(reply_lang, self.topics(reply_lang))
        elif verdict.action is Action.ANSWER:
            body = (
                self.kb.faq(verdict.faq_id).answers.get(reply_lang)
                if verdict.faq_id
                else GREETING_FALLBACK[reply_lang]
            )
        else:
            suggestions = tuple(
                Suggestion(m.faq_id, self.kb.faq(m.faq_id).questions.get(reply_lang)[0], m.score)
                for m in (verdict.suggestions or matches[:3])
            )
            if verdict.action is Action.CLARIFY:
                body = clarify_reply(reply_lang, [s.question for s in suggestions])
            else:
                body = handoff_reply(reply_lang, verdict.reason)

        return Decision(
            action=verdict.action,
            reason=verdict.reason,
            category=verdict.category,
            confidence=round_score(self._confidence(verdict.category, belief)),
            lang=reply_lang,
            body=body,
            masked_text=shielded.text,
            faq_id=verdict.faq_id,
            suggestions=suggestions,
            handoff=HandoffRequest(verdict.reason, verdict.priority)
            if verdict.priority is not None
            else None,
            flags=tuple(flags),
            preface=tuple(preface),
            scope=round_score(scope),
        )

    def warm_up(self) -> None:
        """Pay a first decision's one-off costs now rather than on a user's message: wait for
        triage's prefilter to compile (it starts with `RULE_PATTERNS.compile_in_background()`),
        then decide the FAQ's first question in each language, which builds whatever a first
        decision builds (the OpenCC converter: serving/warm_up.py), and throw the answers away.
        Blocks: a server calls it off its event loop."""
        RULE_PATTERNS.wait_compiled()
        shield_warm_up()  # the shield's word lists and Chinese dictionary
        for lang in LANGS:
            self.decide(self.kb.faqs[0].questions.get(lang)[0])

    def topics(self, lang: Lang) -> list[str]:
        """The problem types a user can ask about (the menu of the scope reply)."""
        return [c.names.get(lang) for c in self.kb.categories if c.id not in NOT_TOPICS]

    def rank(self, text: str, depth: int = CANDIDATES) -> tuple[Match, ...]:
        """FAQ entries ranked for a raw message, as `decide` ranks them; `depth` entries, the
        closest to the message, are fused with the classifier's belief."""
        return self._read(text, depth).matches

    def _read(self, text: str, depth: int = CANDIDATES) -> _Reading:
        """Shield, normalise, classify and rank: what `decide` and `rank` share."""
        shielded = shield(text)
        written_in = detect_language(shielded.model_text)
        if written_in == "en" and not shielded.model_text.isascii():
            # Han characters outweighed by English wallet words: "我想withdraw到bank card".
            written_in = detect_language(read_in_chinese(normalise(shielded.model_text)))
        masked = normalise(shielded.text)
        features = (
            _CARD_DIGITS.sub("]", masked)
            if _keeps_masks(shielded, written_in)
            else normalise(shielded.model_text)
        )
        if written_in == "zh":  # English wallet words read in Chinese ("我的account被hack了")
            read = read_in_chinese(masked)
            # Without findings the features are the masked text: read it once.
            features = read if features == masked else read_in_chinese(features)
            # Triage reads both: its Chinese rules the Chinese reading, its English ones the words
            # as written ("account hacked了" keeps "hacked").
            masked = masked if read == masked else f"{masked}\n{read}"
        features = self.spelling.correct(question_only(features))
        # One pass of the classifier gives both every label's probability and the message's scope.
        prediction = self.classifier.predict(features, top=len(self.classifier.labels))
        belief = dict(prediction.ranked)
        # "几天能好", "好慢啊": read as a greeting by the "好" in them, not by their words. Neither
        # the greeting nor its entries are a reading of them.
        greets_nobody = (
            written_in == "zh"
            and next(iter(belief)) == GREETING_CATEGORY
            and good_that_greets_nobody(features)
        )
        if greets_nobody:
            belief = {label: p for label, p in belief.items() if label != GREETING_CATEGORY}
        # A pasted seed phrase or private key is urgent by itself, with its own warning: the
        # model's reading of "my seed phrase is [seed phrase]" would only add two more.
        learned = self.urgency.flags if self.urgency and not shielded.critical else None
        triage = assess(masked, shielded.text, learned)  # the masked raw text: shouting needs case
        matches = self._rank(features, belief, depth)
        if greets_nobody:
            matches = tuple(m for m in matches if m.category != GREETING_CATEGORY)
        if triage.scam_question:
            matches = _security_first(matches)
        return _Reading(
            shielded, written_in, masked, features, belief, prediction.scope, matches, triage
        )

    def _rank(self, normalised: str, belief: dict[str, float], depth: int) -> tuple[Match, ...]:
        """Fuse the retriever's similarity with the classifier's belief in each entry's category."""
        matches = []
        weight = self.category_weight
        for candidate in self.retriever.search(normalised, top=depth):
            category = self._category_of[candidate.faq_id]
            score = (1 - weight) * candidate.score + weight * belief.get(category, 0.0)
            matches.append(Match(candidate.faq_id, category, round_score(score)))
        return tuple(sorted(matches, key=lambda m: -m.score))

    def _courtesy_entry(self, text: str) -> str | None:
        """The entry for a message of courtesies alone: thanks, a goodbye, else a greeting ("i need
        help" had been thanked, by the word it shares with "appreciate the help")."""
        said = normalise(text)
        kind = courtesy_kind(said) or ("hello" if greeting_only(said) else None)
        return self.kb.courtesy_entry(kind) if kind is not None else None

    @staticmethod
    def _confidence(category: str, belief: dict[str, float]) -> float:
        """The classifier's probability for the reported category (for out-of-scope: that no
        category fits, i.e. one minus the best category's probability)."""
        if category == OUT_OF_SCOPE:
            return 1.0 - next(iter(belief.values()), 0.0)  # best first
        return belief.get(category, 0.0)


class _Reading(NamedTuple):
    shielded: ShieldResult
    written_in: Lang
    masked: str  # normalised masked text: what triage reads (with its Chinese reading, if any)
    features: str  # what the classifier and retriever read
    belief: dict[str, float]  # each category's probability, best first
    scope: float  # the classifier's Prediction.scope
    matches: tuple[Match, ...]  # a general question about scams: account security first
    triage: Triage


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z0-9']+")
GREETING_CATEGORY = "greeting"
SECURITY_CATEGORY = "account_security"
BRIEF_WORDS = 2  # "yo", "hey you"
BRIEF_HAN = 4  # "嗨嗨", "哈喽哈喽"


def _security_first(matches: tuple[Match, ...]) -> tuple[Match, ...]:
    """A question about scams or what support asks ("客服会在微信上向我索要登录密码吗") is the
    account-security entries' to answer, though its words ("登录密码") lean elsewhere: they go
    first, each with its own score (a low one still asks rather than answers)."""
    security = tuple(m for m in matches if m.category == SECURITY_CATEGORY)
    return security + tuple(m for m in matches if m.category != SECURITY_CATEGORY)


def model_text(text: str, category: str) -> str:
    """A training text as the model reads a message (`_read`): normalised, courtesies aside,
    but for the greeting entries, whose courtesies are what they are about ("解决了，谢谢")."""
    normalised = normalise(text)
    return normalised if category == GREETING_CATEGORY else question_only(normalised)


def _brief(text: str) -> bool:
    """A message of a word or two: its out-of-scope score rests on too little to overrule the
    classifier's reading of it as a greeting, and it names a topic rather than which of its
    entries. An English word counts as two Chinese characters ("怎么找回login password" is not
    brief, "嗨嗨" and "hey you" are)."""
    size = len(_HAN.findall(text)) + len(_LATIN_WORD.findall(text)) * BRIEF_HAN // BRIEF_WORDS
    return size <= BRIEF_HAN


# A masked card's last four digits tell cards apart for people; to the model they are noise that
# pulls a message about a failed payment towards card binding. It reads "[card]".
_CARD_DIGITS = re.compile(r" ••••\d{4}\]")


def _keeps_masks(shielded: ShieldResult, lang: Lang) -> bool:
    """Whether the classifier and retriever read the masked text as it is. English keeps the masks
    ("my code is [code]"): they are words of the message's language. Chinese drops them:
    "[account number]" inside a Chinese message would be the only English in it and pull it
    towards English-worded entries."""
    return lang == "en" or not shielded.findings
