"""Shared fixtures. In CI (CI=true) a skipped test is a failure: services must be there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from walletbot.brain.decision_rules import Thresholds
from walletbot.brain.engine import Engine
from walletbot.brain.faq import KnowledgeBase, load_faq

REPO = Path(__file__).resolve().parents[1]
FAQ_PATH = REPO / "data" / "faq.yaml"
pytest_plugins = ["tests.support.fixtures"]

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Tests never check timings: hypothesis's deadline and its "generation too slow" health check are
# timings, and fail on a loaded machine (the shared runners are). Everything else it checks stays.
settings.register_profile("walletbot", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("walletbot")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every test must run: {report.longrepr}"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_faq(FAQ_PATH)


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> Engine:
    """The engine trained on the bundled FAQ, built once for the whole run (it is immutable)."""
    return Engine.build(kb, Thresholds())
