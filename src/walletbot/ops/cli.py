"""`walletbot reload`: ask the running server to reload its FAQ (POST /v1/admin/faq/reload)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

import httpx


def _reload(args: argparse.Namespace) -> int:
    key = args.admin_key or os.environ.get("WALLETBOT_ADMIN_KEY", "")
    if not key:
        print("give an admin key: --admin-key or WALLETBOT_ADMIN_KEY", file=sys.stderr)
        return 2
    url = args.url.rstrip("/") + "/v1/admin/faq/reload"
    try:
        response = httpx.post(url, headers={"Authorization": f"Bearer {key}"}, timeout=120)
    except httpx.HTTPError as exc:
        print(f"cannot reach {url}: {exc}", file=sys.stderr)
        return 1
    body: Any = response.json() if response.content else {}
    if response.status_code == 200:
        print(
            f"reloaded: {body['faqs']} entries in {body['categories']} categories "
            f"({body['trained_seconds']} s)"
        )
        return 0
    error = body.get("error", {}) if isinstance(body, dict) else {}
    print(
        f"reload refused ({response.status_code}): {error.get('message', response.text)}",
        file=sys.stderr,
    )
    for line in error.get("details", {}).get("errors", []):
        print(f"- {line}", file=sys.stderr)
    return 1


def register(commands: Any) -> None:
    default_url = "http://{}:{}".format(
        os.environ.get("WALLETBOT_HOST", "127.0.0.1"), os.environ.get("WALLETBOT_PORT", "8000")
    )
    reload = commands.add_parser(
        "reload", help="make the running server reload its FAQ (keeps the old one if invalid)"
    )
    reload.add_argument(
        "--url", default=default_url, help=f"server address (default {default_url})"
    )
    reload.add_argument("--admin-key", help="admin key (default: WALLETBOT_ADMIN_KEY)")
    reload.set_defaults(handler=_reload)
