"""Serves the widget script, the demo page, the console and the dashboard: plain files, no build.

`/widget.js` is the widget's source files joined in order inside one function scope, so a host
page needs a single script tag and nothing leaks into its globals.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC = Path(str(files("walletbot.web") / "static"))
WIDGET_PARTS = (
    "i18n.js",
    "text.js",
    "api.js",
    "outbox.js",
    "stream.js",
    "view.js",
    "transcript.js",
    "rating.js",
    "tickets.js",
    "chat.js",
    "events.js",
    "element.js",
)
PAGES = {"/": "demo.html", "/console": "console.html", "/dashboard": "dashboard.html"}

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def widget_source() -> str:
    parts = [(STATIC / "widget" / name).read_text(encoding="utf-8") for name in WIDGET_PARTS]
    return '(function () {\n"use strict";\n' + "\n".join(parts) + "\n})();\n"


@router.get("/widget.js")
async def widget_js() -> Response:
    return Response(
        widget_source(),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "no-cache"},
    )


def _page(name: str) -> FileResponse:
    return FileResponse(STATIC / name, media_type="text/html; charset=utf-8")


@router.get("/")
async def demo_page() -> FileResponse:
    return _page(PAGES["/"])


@router.get("/console")
async def console_page() -> FileResponse:
    return _page(PAGES["/console"])


@router.get("/dashboard")
async def dashboard_page() -> FileResponse:
    return _page(PAGES["/dashboard"])


def static_files() -> StaticFiles:
    return StaticFiles(directory=STATIC)
