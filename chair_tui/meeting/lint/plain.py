"""Which lines are plain narrative for every bot, found without asking any bot.

A long log is mostly narrative; these tests let lint skip the full analysis of such lines
(:meth:`~chair_tui.meeting.lint.lines.LineAnalyser.analyse_lines`).  tests/core/test_lint.py
checks that they agree with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress, count
from operator import not_

from chair_tui.meeting.text import utf8_len

# Control characters but the tab (L21 ignores tabs); compiled on first use, see text.py.
_CONTROL_BUT_TAB = r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]"


def fits(text: str, max_bytes: int) -> bool:
    """Whether ``text`` is at most ``max_bytes`` bytes long in UTF-8 (L11)."""
    return len(text) <= max_bytes and (text.isascii() or utf8_len(text) <= max_bytes)


def is_clean(text: str) -> bool:
    """Whether none of the mechanical rules applies to ``text``, so the analysis can read it
    as it is: it starts with no blank and no '/' (L18, L19, L10), holds no control character
    but tabs (L21), and its first word does not end with ':' (L10)."""
    if not text:
        return False
    first = text[0]
    if first == "/" or first.isspace():
        return False
    if not text.isprintable() and re.search(_CONTROL_BUT_TAB, text) is not None:
        return False
    space = text.find(" ")
    return (text[space - 1] if space > 0 else text[-1]) != ":"


# A clean line that starts with none of these and has no "://" in it is plain text for every
# bot: no bot reads a command, a start or an automatic link in it, nor a command once its
# first word is lower-cased.  tests/core/test_lint.py checks the full analysis agrees.  ('/'
# and the empty string are here because such lines are not clean.)
_NOT_PLAIN_FIRST = "/#!["


def is_plain(text: str, max_bytes: int) -> bool:
    """Whether ``text`` is a plain narrative line: clean, starting with none of ``#![``,
    without ``://`` and within the byte limit."""
    return (
        text[:1] not in _NOT_PLAIN_FIRST
        and "://" not in text
        and fits(text, max_bytes)
        and is_clean(text)
    )


# The first word of a clean line does not end with ':' (L10; see is_clean).
FIRST_WORD = r"(?![^ ]*:(?: |\Z))"


def plain_ascii_re(max_bytes: int) -> re.Pattern[str]:
    """:func:`is_plain` for the lines of printable ASCII, in one match: what it matches is a
    plain line, and every plain line of printable ASCII matches (test_lint.py checks this)."""
    return re.compile(
        r"(?=[^ /#!\[])"  # no blank (L18, L10) or '/' (L19) first, nor a command's first character
        + rf"(?=[ -~]{{1,{max_bytes}}}\Z)"  # printable ASCII (no control character), short enough
        + FIRST_WORD
        + r"(?!.*://)"  # no URL
    )


def not_plain(texts: Sequence[str], max_bytes: int) -> list[int]:
    """The indexes of ``texts`` but those :func:`plain_ascii_re` finds plain: most plain
    lines are left out, in one pass in C (a plain line that is not printable ASCII is in)."""
    return list(compress(count(), map(not_, map(plain_ascii_re(max_bytes).match, texts))))
