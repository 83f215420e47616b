"""Compile a pattern so that `search` skips quickly over places where it cannot start.

Python's `re` scans fast only when every way a pattern can begin is a plain literal: then it checks
one character set per position. Triage's rules begin with look-behinds ("(?<![a-z])agent") or
groups, so `re` tries every alternative at every position instead. `compile_fast` computes the set
of characters a match can begin with (its FIRST set) and puts it up front as a look-ahead,
`(?=[...])`, which fails in one step at most positions. The matches are unchanged: a match consumes
at least one character, and that character is in the set.

Patterns `re` already scans fast, patterns whose FIRST set cannot be bounded (`.`, `\\w`, negated
classes, nullable patterns) and patterns with inline flags are compiled as they are.
"""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]  # the parser's opcodes, stable since 3.11
from re import _parser  # type: ignore[attr-defined]
from typing import Any

# Wider ranges than this are not spelled out (a FIRST set of thousands of characters is no guard).
MAX_RANGE = 256


class _Unbounded(Exception):
    """Some way to begin a match is not a known, small set of characters."""


def compile_fast(pattern: str) -> re.Pattern[str]:
    compiled = re.compile(pattern)
    if compiled.flags & ~re.UNICODE:  # inline flags: (?i) changes the set, others must lead
        return compiled
    if _scans_fast(_parser.parse(pattern)):
        return compiled
    first = first_chars(pattern)
    if not first:  # unbounded or nullable
        return compiled
    chars = "".join(re.escape(ch) for ch in sorted(first))
    return re.compile(f"(?=[{chars}])(?:{pattern})")


def _scans_fast(parsed: Any) -> bool:
    """Whether `re` finds a literal prefix or character set itself: the pattern, or each of its
    top-level alternatives, begins with a literal."""
    items = list(parsed)
    if not items:
        return False
    op, av = items[0]
    if op is c.LITERAL:
        return True
    if op is c.BRANCH and len(items) == 1:
        return all(alt and alt[0][0] is c.LITERAL for alt in av[1])
    return False


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` can begin with; None when unbounded or nullable."""
    try:
        first, nullable = _first_of_sequence(list(_parser.parse(pattern)))
    except _Unbounded:
        return None
    return None if nullable else frozenset(first)


def _first_of_sequence(items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """FIRST set of items in sequence, and whether all of them can match the empty string."""
    first: set[str] = set()
    for op, av in items:
        item_first, nullable = _first_of_item(op, av)
        first |= item_first
        if not nullable:
            return first, False
    return first, True


def _first_of_item(op: Any, av: Any) -> tuple[set[str], bool]:
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        return _first_of_class(av), False
    if op is c.BRANCH:
        first: set[str] = set()
        nullable = False
        for alternative in av[1]:
            alt_first, alt_nullable = _first_of_sequence(list(alternative))
            first |= alt_first
            nullable = nullable or alt_nullable
        return first, nullable
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        if add_flags & re.IGNORECASE:
            raise _Unbounded
        return _first_of_sequence(list(body))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, _high, body = av
        first, nullable = _first_of_sequence(list(body))
        return first, nullable or low == 0
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):  # zero-width: the next item supplies the character
        return set(), True
    raise _Unbounded  # ANY, NOT_LITERAL, categories, back-references, atomic groups, ...


def _first_of_class(members: list[tuple[Any, Any]]) -> set[str]:
    chars: set[str] = set()
    for op, av in members:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < MAX_RANGE:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY (\d, \w, \s), wide ranges
            raise _Unbounded
    return chars
