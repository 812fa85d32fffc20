"""Lint the lines a chair pastes (or pasted) for one target bot, and fix what can be fixed.

Every decision about whether a bot reads a line as a command goes through
:func:`chair_tui.meeting.botsim.read_line` / :func:`~chair_tui.meeting.botsim.starts_meeting`,
and every corrected line is made by :func:`chair_tui.meeting.render.render_entry`, so lint
and the composer can never disagree.  The rules are those of the MeetBot specification
(L1-L17, see ``docs/lint.md``), four about how lines travel (L18-L21), three about what the
bot records of the whole meeting (L22-L24: a command before the start, after the end, or from
someone who is not a chair) and four about votes as each bot counts them (L25-L28: OpenStack
``#startvote``/``#vote``, meetingology's counted lines, hcoop ``#vote``, ``#agreed`` to hcoop).

The rooms: ``findings`` (what lint reports), ``target`` (the bot as lint asks it),
``plain`` (lines that are plain text for every bot), ``lines`` (the rules about one line),
``commands`` (the rules about a command), ``hardwrap`` (L20), ``meeting`` (L3, L4 and the
roster), ``nicks`` (the nicks the bot knows, for L7 and L8), ``recorded`` (L22-L24, from the
bot model), ``votes`` (L25-L28), ``report`` (lint a sequence of lines), ``fixes`` (what
``--fix`` writes).
"""

from chair_tui.meeting.lint.findings import (
    ERROR,
    INFO,
    RULES,
    SEVERITIES,
    WARNING,
    Finding,
    Fix,
    Row,
    Severity,
)
from chair_tui.meeting.lint.fixes import fix_lines, plan_fixes
from chair_tui.meeting.lint.report import Linter, lint_lines, lint_rows

__all__ = [
    "ERROR",
    "INFO",
    "RULES",
    "SEVERITIES",
    "WARNING",
    "Finding",
    "Fix",
    "Linter",
    "Row",
    "Severity",
    "fix_lines",
    "lint_lines",
    "lint_rows",
    "plan_fixes",
]
