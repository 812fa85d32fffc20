"""The exit codes of every ``chair-tui`` command (docs/cli.md lists them for users)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    """Done."""
    PROBLEMS = 1
    """``check`` found at least one error or warning; no other command uses it."""
    BAD_INPUT = 2
    """A file, profile or option that cannot be used; the reason is one line on stderr."""
    INTERRUPTED = 130
    """Interrupted with Ctrl-C (128 + SIGINT, as shells report it)."""
