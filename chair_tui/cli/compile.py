"""``chair-tui compile NOTES``: the secretary's notes → the lines to paste.

The lines go to standard output (or, with ``-o FILE``, to FILE, written whole or not at all);
what compile decided or could not decide goes to standard error, one ``NOTES:LINE: …`` line
each, with a summary.  By default the lines are a fragment for a meeting already running
(``chair-tui check --fragment`` lints them); ``--whole`` adds the meeting's start and end.
Exit codes: :attr:`ExitCode.OK` when the lines were made (warnings included: they are in the
report); :attr:`ExitCode.BAD_INPUT` when the notes, the meeting file, the profile or the
output cannot be used.  See ``docs/notes.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import InputError, printable
from chair_tui.meeting.notes.load import load_and_compile
from chair_tui.meeting.store import atomic_write


def run(
    out: TextIO,
    err: TextIO,
    *,
    notes: str,
    profile: str | None,
    meeting: str | None,
    whole: bool,
    output: str | None,
) -> int:
    compiled, _plan = load_and_compile(notes, profile, meeting, whole=whole)
    text = "".join(line + "\n" for line in compiled.texts)
    if output is not None:
        try:
            atomic_write(Path(output), text.encode("utf-8"))
        except OSError as exc:
            raise InputError(output, f"cannot write: {exc.strerror or exc}") from None
    else:
        out.write(text)
    shown = "<stdin>" if notes == "-" else notes
    for note in compiled.notes:
        print(printable(note.line(shown)), file=err)
    warnings = sum(1 for n in compiled.notes if n.warning)
    others = len(compiled.notes) - warnings
    where = f" to {output}" if output is not None else ""
    summary = (
        f"{shown}: {len(compiled.lines)} lines for {compiled.profile.name}{where}; "
        f"{_count(warnings, 'warning')}, {_count(others, 'note')}"
    )
    print(printable(summary), file=err)
    return ExitCode.OK


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"
