"""The `walletbot` command: serve | ask | check-faq, and the sub-commands registered below."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from walletbot.settings import Settings


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """How `walletbot serve` runs uvicorn (docs/safety.md, "Abuse"): proxy headers only from the
    configured proxies, the chosen HTTP parser, idle connections closed."""
    return {
        "host": settings.host,
        "port": settings.port,
        "access_log": False,  # walletbot.access logs each request, with its id and route template
        # X-Forwarded-For sets the client's address only behind proxies listed by address;
        # uvicorn's own default trusts it from 127.0.0.1.
        "proxy_headers": settings.trusted_proxy_hops > 0,
        "forwarded_allow_ips": settings.trusted_proxies,
        # Header blocks over max_header_bytes are refused by the app (431, http/middleware.py); h11
        # also stops buffering an unfinished one there, httptools buffers it whole.
        "http": settings.http_parser,
        "h11_max_incomplete_event_size": settings.max_header_bytes,
        "timeout_keep_alive": settings.keep_alive_seconds,
        # Measured (benchmarks/http_bench.py): uvloop gave the same throughput on this CPU-bound
        # service but served some requests 10x later than the rest (p99 0.75-1.25 s against
        # 0.11 s with asyncio's own loop, 64 connections); the tail is what users feel.
        "loop": "asyncio",
    }


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from walletbot.main import create_app
    from walletbot.ops.logs import logging_config

    overrides = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    settings = Settings(**overrides)
    uvicorn.run(
        create_app(settings),
        log_level=args.log_level,
        log_config=logging_config(args.log_level, settings.log_format),
        **uvicorn_options(settings),
    )
    return 0


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a NamedTuple record
        return {name: _jsonable(v) for name, v in value._asdict().items()}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    return value


def _ask(args: argparse.Namespace) -> int:
    from walletbot.app_state import thresholds_from
    from walletbot.brain.engine import Engine
    from walletbot.brain.faq import load_faq

    settings = Settings()
    faq_path = args.faq or settings.faq_path
    engine = Engine.build(load_faq(faq_path), thresholds_from(settings))
    decision = engine.decide(args.text, args.lang)
    print(json.dumps(_jsonable(decision), ensure_ascii=False, indent=2))
    return 0


def _check_faq(args: argparse.Namespace) -> int:
    from walletbot.brain.faq import FaqError, load_faq
    from walletbot.dialogue.playbook import load_dialogue

    settings = Settings()
    path = args.path or settings.faq_path
    dialogue = args.dialogue or settings.dialogue_path
    try:
        kb = load_faq(path)
        config = load_dialogue(dialogue, kb)  # its entries must exist in this FAQ
    except FaqError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    phrasings = sum(1 for _ in kb.phrasings())
    print(
        f"{path}: OK — {len(kb.categories)} categories, {len(kb.faqs)} entries, "
        f"{phrasings} phrasings"
    )
    print(f"{dialogue}: OK — {len(config.problems)} problems with guided details")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="walletbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host", help="default 127.0.0.1 (WALLETBOT_HOST)")
    serve.add_argument("--port", type=int, help="default 8000 (WALLETBOT_PORT)")
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(handler=_serve)

    ask = commands.add_parser("ask", help="print the decision for one message, as JSON")
    ask.add_argument("text")
    ask.add_argument("--lang", choices=("zh", "en"))
    ask.add_argument("--faq", type=Path, help="FAQ file (default: the configured one)")
    ask.set_defaults(handler=_ask)

    check = commands.add_parser(
        "check-faq", help="validate an FAQ file and the dialogue file (guided details)"
    )
    check.add_argument("path", nargs="?", type=Path)
    check.add_argument("--dialogue", type=Path, help="default: WALLETBOT_DIALOGUE_PATH")
    check.set_defaults(handler=_check_faq)

    from walletbot.evaluation import cli as evaluation_cli
    from walletbot.ops import cli as ops_cli
    from walletbot.storage import cli as storage_cli

    storage_cli.register(commands)
    evaluation_cli.register(commands)
    ops_cli.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
