"""What the server receives from the training process: a pickled engine, without scikit-learn."""

from __future__ import annotations

import csv
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from walletbot.brain.engine import Engine

VAL = Path(__file__).resolve().parents[2] / "data" / "eval" / "faq_val.csv"


def test_pickled_engine_decides_as_the_original(engine: Engine) -> None:
    copy = pickle.loads(pickle.dumps(engine))
    with VAL.open(newline="", encoding="utf-8") as handle:
        queries = [row["text"] for row in csv.DictReader(handle)]
    queries += ["my card number is 4111 1111 1111 1111", "有人冒充客服要我的验证码", "hello"]
    assert len(queries) > 100
    for query in queries:
        assert copy.decide(query) == engine.decide(query)
    # The copy carries no scikit-learn objects, so it cannot run the reference path.
    with pytest.raises(RuntimeError, match="without its scikit-learn objects"):
        copy.classifier.reference_proba(["hello"])
    with pytest.raises(RuntimeError, match="without its scikit-learn objects"):
        copy.retriever.reference_similarity("hello")


def test_the_server_never_loads_scikit_learn(tmp_path: Path) -> None:
    """A real start-up (training in the child process), a chat answer, the unanswered-question
    groups of the dashboard: scikit-learn and SciPy stay out of the server's interpreter."""
    script = textwrap.dedent(
        f"""
        import asyncio, sys
        import httpx
        from walletbot.settings import Settings
        from walletbot.main import create_app
        from walletbot.ops.clusters import group_questions

        app = create_app(Settings(database_url="sqlite+aiosqlite:///{tmp_path}/t.db"))

        async def main():
            async with app.router.lifespan_context(app):
                transport = httpx.ASGITransport(app=app)
                async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                    answer = (await client.post("/v1/chat", json={{"text": "提现多久到账"}})).json()
            assert answer["action"] == "answer", answer
            assert group_questions(["怎么开发票", "怎麼開發票"])[0].count == 2

        asyncio.run(main())
        loaded = sorted({{m.split(".")[0] for m in sys.modules}} & {{"sklearn", "scipy"}})
        print("loaded:", loaded)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "loaded: []"
