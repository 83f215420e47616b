"""`walletbot reload` against the running server process."""

from __future__ import annotations

import pytest

from tests.web.conftest import Server
from walletbot.cli import main


def test_reload_command_retrains_the_running_server(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["reload", "--url", server.url, "--admin-key", server.admin_key]) == 0
    assert "reloaded:" in capsys.readouterr().out
    assert main(["reload", "--url", server.url, "--admin-key", server.agent_key]) == 1
    assert "refused (403)" in capsys.readouterr().err
