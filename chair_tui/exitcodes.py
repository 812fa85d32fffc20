"""The exit codes of every ``chair-tui`` command and of the TUI (docs/cli.md lists them)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    """Done."""
    PROBLEMS = 1
    """``check`` found at least one error or warning; no other command uses it."""
    BAD_INPUT = 2
    """A file, profile or option that cannot be used; the reason is one line on stderr."""
    CRASH = 70
    """An unexpected exception (``EX_SOFTWARE`` of sysexits.h): one line on stderr naming the
    crash report (:mod:`chair_tui.meeting.crashreport`)."""
    INTERRUPTED = 130
    """Interrupted with Ctrl-C (128 + SIGINT, as shells report it)."""
