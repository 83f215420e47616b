"""Hooks for the schemathesis run (tests/api/test_schemathesis.py): the agent key on the agent and
admin operations only.

Configured auth (`[auth.openapi.*]`, or headers in the config file) reaches every request of
schemathesis' stateful phase, where it would replace the conversation tokens the OpenAPI links
carry from POST /v1/conversations; an auth provider restricted by path does not.
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis

AGENT_KEY = os.environ.get("WALLETBOT_FUZZ_AGENT_KEY", "")


@schemathesis.auth().apply_to(path_regex="^/v1/(agent|admin)/")
class AgentKey:
    def get(self, case: Any, context: Any) -> str:
        return AGENT_KEY

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
