"""A scripted stand-in for the trained engine: decisions chosen by keywords, so conversation and
queue tests exercise the policy deterministically, without training a model."""

from __future__ import annotations

from walletbot.brain.decision_rules import Action, Match, Priority, Reason, Thresholds
from walletbot.brain.engine import Decision, HandoffRequest, Suggestion
from walletbot.brain.faq import load_faq
from walletbot.brain.message_replies import GREETING_FALLBACK, clarify_reply, handoff_reply
from walletbot.brain.shield import shield
from walletbot.brain.text import Lang, detect_language
from walletbot.settings import bundled_faq_path

SUGGESTIONS = (
    Suggestion("password-forgot-login", "I forgot my login password", 0.31),
    Suggestion("top-up-not-credited", "I topped up but my balance didn't go up", 0.28),
)


class ScriptedEngine:
    """hello/你好: greeting · agent/人工: user request · stolen/被盗: urgent ·
    gibberish/乱码: low confidence · maybe/可能: middling (clarify) · anything else: an answer."""

    kb = load_faq(bundled_faq_path())  # what the app reads off an engine besides `decide`
    thresholds = Thresholds()

    def warm_up(self) -> None:
        """What the app calls at start-up (Engine.warm_up): a scripted engine builds nothing."""

    def rank(self, text: str, depth: int = 5) -> tuple[Match, ...]:
        """The suggestions (what the dialogue's clarifications offer), for every text but
        gibberish, which is close to nothing."""
        if "gibberish" in text.lower() or "乱码" in text:
            return ()
        return tuple(Match(s.faq_id, self.kb.faq(s.faq_id).category, s.score) for s in SUGGESTIONS)

    def decide(self, text: str, lang: Lang | None = None) -> Decision:
        masked = shield(text).text
        reply_lang: Lang = lang or detect_language(masked)
        lowered = masked.lower()

        def handoff(reason: Reason, priority: Priority) -> Decision:
            return Decision(
                Action.HANDOFF,
                reason,
                "human_agent",
                0.9,
                reply_lang,
                handoff_reply(reply_lang, reason),
                masked,
                suggestions=SUGGESTIONS,
                handoff=HandoffRequest(reason, priority),
            )

        if "hello" in lowered or "你好" in lowered:
            return Decision(
                Action.ANSWER,
                Reason.GREETING,
                "greeting",
                0.95,
                reply_lang,
                GREETING_FALLBACK[reply_lang],
                masked,
            )
        if "stolen" in lowered or "被盗" in lowered:
            return handoff(Reason.URGENT, Priority.URGENT)
        if "agent" in lowered or "人工" in lowered:
            return handoff(Reason.USER_REQUEST, Priority.NORMAL)
        if "gibberish" in lowered or "乱码" in lowered:
            return handoff(Reason.LOW_CONFIDENCE, Priority.NORMAL)
        if "maybe" in lowered or "可能" in lowered:
            return Decision(
                Action.CLARIFY,
                Reason.MIDDLING_CONFIDENCE,
                "password_reset",
                0.4,
                reply_lang,
                clarify_reply(reply_lang, [s.question for s in SUGGESTIONS]),
                masked,
                suggestions=SUGGESTIONS,
            )
        return Decision(
            Action.ANSWER,
            Reason.CONFIDENT_MATCH,
            "password_reset",
            0.9,
            reply_lang,
            "Open Settings > Security > Reset password.",
            masked,
            faq_id="password-forgot-login",
        )
