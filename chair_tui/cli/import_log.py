"""``chair-tui import-log LOG``: turn a MeetBot raw log into a chair-tui session.

Prints the session's path on stdout and how many lines it holds on stderr.
"""

from __future__ import annotations

from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import InputError, printable
from chair_tui.meeting.importlog import import_log
from chair_tui.meeting.profiles import DEFAULT_PROFILE, UnknownProfileError, get_profile


def run(
    out: TextIO,
    err: TextIO,
    *,
    log: str,
    chair: str | None,
    profile: str | None,
    output: str | None,
) -> int:
    return run_import(log, chair, profile, output, out, err)


def run_import(
    log: str,
    chair: str | None,
    profile: str | None,
    output: str | None,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """Import ``log``; print the session's path.  Returns the exit code."""
    try:
        imported = import_log(log, chair, get_profile(profile or DEFAULT_PROFILE), output)
    except (InputError, UnknownProfileError) as exc:
        print(f"chair-tui: {printable(str(exc))}", file=stderr)
        return ExitCode.BAD_INPUT
    print(printable(str(imported.path)), file=stdout)
    said = printable(f"chair-tui: imported {imported.lines} lines said by {imported.chair}")
    print(said, file=stderr)
    return ExitCode.OK
