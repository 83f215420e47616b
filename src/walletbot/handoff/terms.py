"""Hand-off settings in the shape the services use, built once from Settings at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from walletbot.brain.text import Lang
from walletbot.dialogue.playbook import DialogueConfig, load_dialogue
from walletbot.handoff.hours import SupportHours
from walletbot.settings import Settings
from walletbot.storage.models import Conversation


@dataclass(frozen=True)
class HandoffConfig:
    hours: SupportHours
    agent_active: timedelta  # an agent seen within this window counts as on duty
    lease: timedelta  # a claim without agent activity for this long returns to the queue
    default_wait_seconds: float
    wait_sample_size: int
    # Guided-details questions and the urgent help shown when nobody is on duty
    # (data/dialogue.yaml, WALLETBOT_DIALOGUE_PATH; docs/dialogue.md).
    dialogue: DialogueConfig
    transcript_lines: int = 30

    @classmethod
    def from_settings(cls, settings: Settings) -> HandoffConfig:
        return cls(
            hours=SupportHours.parse(
                settings.support_hours, settings.support_days, settings.support_timezone
            ),
            agent_active=timedelta(seconds=settings.agent_active_seconds),
            lease=timedelta(seconds=settings.claim_lease_seconds),
            default_wait_seconds=settings.default_wait_seconds,
            wait_sample_size=settings.wait_sample_size,
            dialogue=load_dialogue(settings.dialogue_path),
        )

    def local(self, now: datetime) -> datetime:
        """`now` in the support time zone: what a user's "yesterday" means."""
        return now.astimezone(self.hours.zone)


def lang_of(conversation: Conversation) -> Lang:
    return cast(Lang, conversation.lang if conversation.lang in ("zh", "en") else "en")
