"""TOML read with a nesting cap: a file nested too deep is a ``file:line:col`` error, never a
RecursionError out of :mod:`tomllib` (which recurses once per array or inline table).

The cap, :data:`MAX_TOML_DEPTH`, counts what nests at a point of the file: the open brackets
of arrays, inline tables and a table header (``[[agenda]]`` is two), the parts of the last
table header for the keys under it, and the dots of a dotted key.  No meeting file or config
comes near it; a file over it is refused before :mod:`tomllib` reads it, in one pass over the
text that skips strings and comments.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from chair_tui.meeting.errors import InputError

MAX_TOML_DEPTH = 32

_TOML_POS = r"\(at line (\d+), column (\d+)\)"  # compiled on first use
# What the scan stops at: what opens or closes a level, a dot, a key's end, a string, a
# comment, a line break.  Everything else is passed over by the regular expression, in C.
_INTERESTING = re.compile(r"[\[\]{}.=,\"'#\n]")
_BASIC_STOP = re.compile(r"[\\\"\n]")  # in a "…" string
_MULTI_STOP = re.compile(r"[\\\"]")  # in a """…""" string


def _too_deep(path: str | Path, text: str, pos: int) -> InputError:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return InputError(path, f"TOML nested more than {MAX_TOML_DEPTH} levels deep", line, column)


def _string_end(text: str, pos: int) -> int:
    """Where the string starting at ``text[pos]`` (a quote) ends: the index after it, or
    ``len(text)`` for an unclosed one (tomllib then says what is wrong)."""
    quote = text[pos]
    if text.startswith(quote * 3, pos):
        if quote == "'":
            end = text.find("'''", pos + 3)
        else:
            i = pos + 3
            while (m := _MULTI_STOP.search(text, i)) is not None:
                if m.group() == "\\":
                    i = m.end() + 1
                elif text.startswith('"""', m.start()):
                    break
                else:
                    i = m.end()
            end = -1 if m is None else m.start()
        if end < 0:
            return len(text)
        end += 3
        extra = 0  # up to two quotes more belong to the string
        while extra < 2 and text.startswith(quote, end):
            end += 1
            extra += 1
        return end
    if quote == "'":
        end = text.find("'", pos + 1)
        newline = text.find("\n", pos + 1)
        if end < 0 or 0 <= newline < end:
            return len(text) if newline < 0 else newline
        return end + 1
    i = pos + 1
    while (m := _BASIC_STOP.search(text, i)) is not None:
        if m.group() == "\\":
            i = m.end() + 1
            continue
        return m.end() if m.group() == '"' else m.start()
    return len(text)


def check_depth(text: str, path: str | Path) -> None:
    """Raise :class:`InputError` at the first point of ``text`` nested deeper than
    :data:`MAX_TOML_DEPTH`.  Linear in the length of ``text``; a text that is not TOML passes
    or fails as it may, for :mod:`tomllib` to judge."""
    brackets = 0  # open arrays, inline tables and header brackets
    header = 0  # the parts of the last table header (the keys under it are that deep)
    in_header = False
    dots = 0  # dots since the last key or value began
    value_on_line = False  # an "=" at the top level on this line: a "[" opens an array
    pos = 0
    while (m := _INTERESTING.search(text, pos)) is not None:
        ch = m.group()
        at = m.start()
        pos = m.end()
        if ch in "\"'":
            pos = _string_end(text, at)
            continue
        if ch == "#":
            newline = text.find("\n", at)
            pos = len(text) if newline < 0 else newline
            continue
        if ch == "\n":
            dots = 0
            if not brackets:
                value_on_line = False
            continue
        if ch in "[{":
            if ch == "[" and not brackets and not value_on_line:
                in_header, header = True, 0
            brackets += 1
            dots = 0
        elif ch in "]}":
            brackets = max(brackets - 1, 0)
            if in_header and not brackets:
                in_header = False
                header = dots + 1
            dots = 0 if not in_header else dots
            continue
        elif ch == ".":
            dots += 1
        elif ch == "=":
            dots = 0
            if not brackets:
                value_on_line = True
            continue
        else:  # ","
            dots = 0
            continue
        depth = brackets + dots + (0 if in_header else header)
        if depth > MAX_TOML_DEPTH:
            raise _too_deep(path, text, at)


def load_toml(text: str, path: str | Path) -> dict[str, Any]:
    """The tables of the TOML ``text`` read from ``path``.

    Raises :class:`InputError` (``path:line:column: message``) for a syntax error and for a
    text nested deeper than :data:`MAX_TOML_DEPTH`.
    """
    check_depth(text, path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(_TOML_POS, msg)
        clean = re.sub(_TOML_POS, "", msg).strip()
        raise InputError(
            path,
            f"TOML syntax: {clean}",
            int(m.group(1)) if m else None,
            int(m.group(2)) if m else None,
        ) from None
    except RecursionError:  # the cap is far below the recursion limit: a safety net only
        raise InputError(path, f"TOML nested more than {MAX_TOML_DEPTH} levels deep") from None
