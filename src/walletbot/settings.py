"""All settings in one place, read from `WALLETBOT_*` environment variables (or passed in tests)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from walletbot.brain.bundled_data import bundled_data_path


def bundled_faq_path() -> Path:
    """The FAQ that comes with the code (see `bundled_data_path`)."""
    return bundled_data_path("faq.yaml")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WALLETBOT_", extra="ignore")

    environment: Literal["development", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

    faq_path: Path = Field(default_factory=bundled_faq_path)
    # Guided-details questions and urgent help (docs/dialogue.md).
    dialogue_path: Path = Field(default_factory=lambda: bundled_data_path("dialogue.yaml"))
    database_url: str = "sqlite+aiosqlite:///./walletbot.db"
    redis_url: str | None = None

    max_message_chars: int = Field(default=2000, ge=1)
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)

    # Decision thresholds (see brain/decision_rules.py); per-category answer thresholds keep their defaults.
    answer_threshold: float = Field(default=0.5, ge=0, le=1)
    clarify_threshold: float = Field(default=0.3, ge=0, le=1)
    margin: float = Field(default=0.02, ge=0, le=1)

    # Storage and hand-off (docs/conversations.md lists each variable).
    database_schema: str | None = None  # PostgreSQL search_path (tests use a throwaway schema)
    sqlite_synchronous: Literal["NORMAL", "FULL"] = "FULL"  # FULL: acknowledged = on disk
    migrate_on_start: bool = True
    claim_lease_seconds: float = Field(default=300, gt=0)
    agent_active_seconds: float = Field(default=120, gt=0)
    support_hours: str = "00:00-24:00"
    support_days: str = "mon,tue,wed,thu,fri,sat,sun"
    support_timezone: str = "Asia/Shanghai"
    default_wait_seconds: float = Field(default=180, gt=0)
    wait_sample_size: int = Field(default=20, ge=1)
    queue_tick_seconds: float = Field(default=1.0, gt=0)
    # Event streams wake on notifications; this is only their safety read (docs/storage.md).
    event_poll_seconds: float = Field(default=20, gt=0)
    sse_heartbeat_seconds: float = Field(default=15, gt=0)
    max_streams_per_conversation: int = Field(default=5, ge=1)  # beyond: 429 too_many_streams
    max_streams: int = Field(default=500, ge=1)  # open event streams per server process

    # Comma-separated `name:role:key` triples; keys are hashed on load and never kept in clear.
    agent_keys: SecretStr = SecretStr("")
    cors_origins: list[str] = Field(default_factory=list)
    log_format: Literal["json", "text"] = "json"  # `walletbot serve`: one JSON object per line
    # One `walletbot.access` line per request. Off where a proxy already logs every request:
    # a line costs ~80 us of the loop's time in the service (docs/web.md, "Logs and request ids").
    access_log: bool = True

    # Abuse limits and headers (docs/safety.md, "Abuse"): per minute, 0 turns a limit off.
    rate_limit_per_ip: int = Field(default=120, ge=0)
    rate_limit_per_conversation: int = Field(default=30, ge=0)
    agent_key_failures_per_ip: int = Field(default=10, ge=0)  # unknown agent keys, then 429
    # Proxies: X-Forwarded-For is read only with hops > 0, and only from these addresses or
    # networks (uvicorn's forwarded_allow_ips); 0 hops: the peer's address is the client's.
    trusted_proxy_hops: int = Field(default=0, ge=0, le=10)
    trusted_proxies: list[str] = Field(default_factory=list)
    https: bool = False  # served over HTTPS only: send Strict-Transport-Security
    # Slow or oversized requests (the request guard, http/middleware.py; `walletbot serve`).
    max_header_bytes: int = Field(default=16 * 1024, ge=4096)
    # httptools parses fastest; h11 also bounds what it buffers of an unfinished header block
    # (at max_header_bytes), for about a third fewer requests/s (docs/safety.md, "Abuse").
    http_parser: Literal["httptools", "h11"] = "httptools"
    body_read_timeout_seconds: float = Field(default=10, gt=0)
    keep_alive_seconds: int = Field(default=5, ge=1)

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses_or_networks(cls, value: list[str]) -> list[str]:
        for entry in value:
            ipaddress.ip_network(entry, strict=False)  # ValueError names the bad entry
        return value

    @model_validator(mode="after")
    def _proxies_listed_when_trusted(self) -> Settings:
        if self.trusted_proxy_hops > 0 and not self.trusted_proxies:
            raise ValueError(
                "WALLETBOT_TRUSTED_PROXY_HOPS > 0 needs WALLETBOT_TRUSTED_PROXIES: the addresses "
                "whose X-Forwarded-For is believed"
            )
        return self

    @model_validator(mode="after")
    def _no_placeholder_secrets_in_production(self) -> Settings:
        if self.environment == "production":
            for entry in self.agent_keys.get_secret_value().split(","):
                key = entry.rsplit(":", 1)[-1].strip()
                if key and (len(key) < 16 or key.lower() in {"changeme", "secret", "dev"}):
                    raise ValueError(
                        "agent keys must be at least 16 random characters in production"
                    )
        return self
