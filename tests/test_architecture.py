"""The import directions the layout promises (docs/architecture.md), read from the source with
`ast`: a module that breaks one fails here before anyone has to notice a cycle."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "walletbot"
DOMAINS = ("brain", "chat", "conversations", "dialogue", "evaluation", "handoff", "ops", "records")
DOMAINS += ("serving", "storage", "web")
WEB_FRAMEWORKS = ("fastapi", "starlette", "sqlalchemy")


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in SOURCE.rglob("*.py")}


def imported(name: str, *, top_level_only: bool = False) -> Iterator[str]:
    """The modules `name` imports (a `from package import module` names the module)."""
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    package = name if modules()[name].name == "__init__.py" else name.rpartition(".")[0]
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, up level - 1
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules() else base


def imports_of(package: str) -> set[tuple[str, str]]:
    """(module, what it imports) for every module of `walletbot.<package>`."""
    prefix = f"walletbot.{package}"
    return {
        (name, target)
        for name in modules()
        if name == prefix or name.startswith(prefix + ".")
        for target in imported(name)
    }


def within(target: str, *packages: str) -> bool:
    return any(target == p or target.startswith(p + ".") for p in packages)


def test_the_reader_sees_imports() -> None:
    """The control: known imports are found, so an empty answer below means none."""
    assert ("walletbot.conversations.service", "walletbot.handoff.service") in imports_of(
        "conversations"
    )
    assert ("walletbot.main", "walletbot.http.error_handlers") in imports_of("main")


def test_handoff_never_imports_conversations() -> None:
    """conversations/ (the user's side) builds on handoff/ (the agents' side), not back."""
    assert {
        (m, t) for m, t in imports_of("handoff") if within(t, "walletbot.conversations")
    } == set()


def test_records_import_neither_side() -> None:
    assert {
        (m, t)
        for m, t in imports_of("records")
        if within(t, "walletbot.conversations", "walletbot.handoff")
    } == set()


def test_http_imports_no_domain_package_and_no_app_module() -> None:
    """Every package may import http/ (its errors, fields, credentials, limits)."""
    assert {
        (m, t)
        for m, t in imports_of("http")
        if within(t, "walletbot") and not within(t, "walletbot.http")
    } == set()


@pytest.mark.parametrize("package", ["brain", "dialogue"])
def test_brain_and_dialogue_are_libraries(package: str) -> None:
    """Pure: neither the web framework nor the database, and no package that uses them (the
    status vocabulary is a leaf module)."""
    allowed = ["walletbot.brain", f"walletbot.{package}", "walletbot.records.status"]
    found = {
        (m, t)
        for m, t in imports_of(package)
        if within(t, *WEB_FRAMEWORKS) or (within(t, "walletbot") and not within(t, *allowed))
    }
    assert found == set()


def test_no_import_cycle_between_modules() -> None:
    """What a module imports when it is imported (module level) never leads back to it."""
    graph = {
        name: {t for t in imported(name, top_level_only=True) if t in modules() and t != name}
        for name in modules()
    }
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> list[str] | None:
        if name in path:
            return [*path[path.index(name) :], name]
        if name in done:
            return None
        for target in sorted(graph[name]):
            if (cycle := visit(target, [*path, name])) is not None:
                return cycle
        done.add(name)
        return None

    for name in sorted(graph):
        assert visit(name, []) is None
