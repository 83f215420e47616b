"""Pay the engine's one-off costs at start-up, not on the loop while serving.

Its first Chinese message builds the traditional-to-simplified converter (OpenCC loads its
dictionaries: 11-12 ms on this machine, against about 0.5 ms for a warm decision), and every
request in flight would wait for it. Deciding one question of each language from the FAQ at
start-up builds it, and anything else a first decision builds, before the first user comes
(`Engine.warm_up`: the brain knows what a decision needs; this module only says when).

Triage's prefilter (brain/pattern_set.py) compiles for about three seconds in its own thread: it
starts first, beside the model's training, and serving waits for it. Without it every message
would be triaged correctly, searching its patterns one by one with `re` (see pattern_set.py for
the cost of each).

(The routes' validators are built at start-up too: by generating the OpenAPI document, in
the app's lifespan.)
"""

from __future__ import annotations

import asyncio

from walletbot.brain.engine import Engine
from walletbot.brain.triage import RULE_PATTERNS


def start_compiling() -> None:
    """Begin compiling triage's prefilter (once per process)."""
    RULE_PATTERNS.compile_in_background()


async def warm_engine(engine: Engine) -> None:
    """`engine.warm_up()` in a worker thread, so the loop stays free while it waits."""
    await asyncio.to_thread(engine.warm_up)
