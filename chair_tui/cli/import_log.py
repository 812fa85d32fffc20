"""``chair-tui import-log LOG``: turn a MeetBot raw log into a chair-tui session.

Prints the session's path on stdout and how many lines it holds on stderr; without
``--profile``, also which bot it assumed the log is from, and on what signal.
"""

from __future__ import annotations

from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import InputError, printable
from chair_tui.meeting.importlog import import_log
from chair_tui.meeting.profiles import UnknownProfileError, get_profile


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
        chosen = None if profile is None else get_profile(profile)
        imported = import_log(log, chair, chosen, output)
    except (InputError, UnknownProfileError) as exc:
        print(f"chair-tui: {printable(str(exc))}", file=stderr)
        return ExitCode.BAD_INPUT
    print(printable(str(imported.path)), file=stdout)
    if imported.detected is not None:
        print(f"chair-tui: {printable(f'{log}: {imported.detected.describe()}')}", file=stderr)
    said = printable(f"chair-tui: imported {imported.lines} lines said by {imported.chair}")
    print(said, file=stderr)
    return ExitCode.OK
