"""Notes as a secretary writes them, read into blocks: one point each, hard wraps joined.

A secretary's notes are one point a line, or a point hard-wrapped over several lines, with
Markdown headings and bullets here and there.  :func:`read_blocks` reads them in one pass over
the lines (linear time):

- a blank line ends a point; a Markdown heading (``# Title``, or a text line underlined with
  ``===``/``---``) is a :attr:`BlockKind.HEADING`; a bullet (``-``, ``*``, ``+``, ``1.``,
  ``1)``) starts a :attr:`BlockKind.BULLET`, its text without the marker;
- a line that goes on the point before it is joined to it with one space: the point before
  does not end a sentence (``.``, ``!``, ``?``, ``:``) and this line starts in lower case or
  with a digit (``so this should be uncontroversial.``) but not with a label
  (``regrets: Allan``), or is indented under a bullet;
- a line in a fenced code block (`````) is a point of its own, never joined;
- anything else starts a new :attr:`BlockKind.TEXT` point.

Markdown is read only as far as notes use it: the points stay one a line, where a Markdown
renderer would run a paragraph's lines together.  Emphasis around a label
(``**Agreed:**``) is dropped by :mod:`.classify`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from chair_tui.meeting.text import clean_line


class BlockKind(StrEnum):
    HEADING = "heading"
    BULLET = "bullet"
    TEXT = "text"
    CODE = "code"


@dataclass(frozen=True, slots=True)
class Block:
    """One point of the notes: its kind, its text (cleaned, hard wraps joined), and the
    notes' lines it came from (1-based, ``first``..``last``)."""

    kind: BlockKind
    text: str
    first: int
    last: int


_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"(=+|-+)[ \t]*$")
_BULLET = re.compile(r"([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_SENTENCE_END = ".!?:"
_STARTS_LABEL = re.compile(r"[A-Za-z][\w /&.'-]{0,38}:(?:[ \t]|$)")


def _goes_on(before: str, line: str, indented: bool, bullet: bool) -> bool:
    """Whether ``line`` goes on the point ``before`` (see the module's docstring)."""
    if not before or before[-1] in _SENTENCE_END:
        return bool(before) and bullet and indented
    if bullet and indented:
        return True
    first = line[:1]
    return (first.islower() or first.isdigit()) and _STARTS_LABEL.match(line) is None


def read_blocks(text: str) -> list[Block]:
    """The points of the notes ``text``, in order (see the module's docstring)."""
    out: list[Block] = []
    kind: BlockKind | None = None
    parts: list[str] = []
    first = last = 0
    fence: str | None = None

    def flush() -> None:
        nonlocal kind, parts
        if kind is not None and parts:
            joined = clean_line(" ".join(parts))
            if joined:
                out.append(Block(kind, joined, first, last))
        kind, parts = None, []

    for lineno, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
                continue
            flush()
            if stripped:
                kind, parts, first, last = BlockKind.CODE, [stripped], lineno, lineno
                flush()
            continue
        if not stripped:
            flush()
            continue
        m = _FENCE.match(stripped)
        if m is not None:
            flush()
            fence = m.group(1)[:3]
            continue
        if (
            _SETEXT.match(stripped)
            and kind is BlockKind.TEXT
            and len(parts) == 1
            and not raw[:1].isspace()
        ):
            kind = BlockKind.HEADING
            last = lineno
            flush()
            continue
        m = _HEADING.match(stripped)
        if m is not None and not raw[:1].isspace():
            flush()
            kind, parts, first, last = BlockKind.HEADING, [m.group(2)], lineno, lineno
            flush()
            continue
        m = _BULLET.match(stripped)
        if m is not None:
            flush()
            kind, parts, first, last = BlockKind.BULLET, [m.group(2)], lineno, lineno
            continue
        indented = raw[:1].isspace()
        if kind is not None and _goes_on(parts[-1], stripped, indented, kind is BlockKind.BULLET):
            parts.append(stripped)
            last = lineno
            continue
        flush()
        kind, parts, first, last = BlockKind.TEXT, [stripped], lineno, lineno
    flush()
    return out
