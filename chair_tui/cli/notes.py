"""``chair-tui notes NOTES [--meeting MEETING.toml]``: the compiled notes in the outbox.

The notes are compiled as ``chair-tui compile`` does
(:func:`chair_tui.meeting.notes.load.load_and_compile`), then the notes screen opens on them:
each line editable before copying, the minutes they make beside them
(:mod:`chair_tui.tui.screens.notes`).
"""

from __future__ import annotations

from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import InputError, printable
from chair_tui.meeting.notes.load import load_and_compile
from chair_tui.meeting.profiles import UnknownProfileError


def run(
    out: TextIO,
    err: TextIO,
    *,
    notes: str,
    profile: str | None,
    meeting: str | None,
    data_dir: str | None,
    config: str | None,
) -> int:
    try:
        compiled, plan = load_and_compile(notes, profile, meeting)
    except (InputError, UnknownProfileError) as exc:
        print(f"chair-tui: {printable(str(exc))}", file=err)
        return ExitCode.BAD_INPUT
    # Textual is imported only once the notes have been compiled
    from chair_tui.tui import commands
    from chair_tui.tui.config import load_config
    from chair_tui.tui.screens.notes import NotesApp

    try:
        cfg = load_config(config, known_ids=commands.all_binding_ids())
    except InputError as exc:
        print(f"chair-tui: {printable(str(exc))}", file=err)
        return ExitCode.BAD_INPUT
    NotesApp(compiled, plan, config=cfg).run()
    return ExitCode.OK
