"""The 72-column wrapping of the Darst family's text minutes.

The bots fill each item with Python's ``textwrap`` at width 72, breaking only at whitespace
(a run of whitespace is one separator, hyphens never break), never breaking a long word (a
long URL stands alone on its line), and indenting continuation lines two columns more than the
first.  Tabs are expanded to 8 columns and every ASCII whitespace character becomes a space.
Linear in the length of the text.
"""

from __future__ import annotations

import re
import textwrap

WIDTH = 72


class _Wrapper(textwrap.TextWrapper):
    # the bots split on whitespace only: no break after a hyphen
    wordsep_re = re.compile(r"(\s+)")


def wrap_item(text: str, indent: int = 0, *, width: int = WIDTH) -> str:
    """``text`` filled to ``width`` columns, the first line indented by ``indent`` and the
    others by ``indent + 2``; the lines are joined with ``\\n``.  Empty text gives ``""``."""
    return _Wrapper(
        width=width,
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + 2),
        break_long_words=False,
    ).fill(text)


def wrap_paragraph(text: str, *, width: int = WIDTH) -> str:
    """``text`` filled to ``width`` columns with no indent (the "Meeting started" paragraph)."""
    return _Wrapper(width=width, break_long_words=False).fill(text)
