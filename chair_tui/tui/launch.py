"""Start the TUI from the command line (kept apart so the CLI imports Textual only here)."""

from __future__ import annotations

import gc
import sys

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting import store
from chair_tui.meeting.crashreport import crash_line, write_crash_report
from chair_tui.meeting.errors import InputError, printable
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.session import NewerFormatError, open_for_window
from chair_tui.meeting.session.resume import find_for_resume, list_unfinished, unfinished_for
from chair_tui.tui import commands
from chair_tui.tui.app import ChairApp
from chair_tui.tui.config import load_config


def launch(
    *,
    plan: MeetingPlan | None,
    profile: str | None,
    resume: bool,
    data_dir: str | None,
    config: str | None,
) -> int:
    # Textual is imported (with this module) before the session is loaded: importing it
    # allocates a great deal, and every garbage collection that triggers would walk a long
    # session's objects too if the session were loaded already.
    try:
        cfg = load_config(config, known_ids=commands.all_binding_ids())
    except InputError as exc:
        return _refuse(str(exc))
    try:
        base = store.data_dir(data_dir)
    except InputError as exc:  # a file, /dev/null, shared with others, not creatable…
        return _refuse(str(exc))
    session = None
    # --resume: the newest unfinished session that still has lines to paste, else the newest
    if resume:
        chosen = find_for_resume(base)
        if chosen is None:
            return _refuse("no unfinished meeting to resume")
        try:
            session = open_for_window(chosen)
        except NewerFormatError as exc:
            return _refuse(str(exc))  # not damaged: left as it is
        except InputError as exc:
            aside = store.move_aside(chosen, str(exc))
            return _refuse(f"{exc}; moved it aside to {aside}")
    # the start screen lists every unfinished session; a meeting file with unfinished sessions
    # of its own asks "resume or start new" first
    unfinished = list_unfinished(base) if plan is None and session is None else []
    offer = unfinished_for(base, plan) if plan is not None and session is None else []
    # What start-up made (Textual's modules, a resumed session's entries and lines) lives as
    # long as the app: keep the garbage collector from walking it again and again.
    gc.freeze()
    app = ChairApp(
        session=session,
        plan=plan,
        profile=profile,
        data_dir=base,
        config=cfg,
        unfinished=unfinished,
        resume_offer=offer,
    )
    app.run()
    if app.crash is not None:
        # One line and the report's path; never "meeting saved" (every change already is).
        print(crash_line(write_crash_report(app.crash, data_dir=base)), file=sys.stderr)
        return ExitCode.CRASH
    if app.session is not None and app.session.read_only:
        held = app.session.held_by
        print(
            f"chair-tui: the meeting was open read-only ({held.describe() if held else ''}); "
            f"nothing was changed: {printable(str(app.session.path))}"
        )
    elif app.session is not None and app.session.path is not None:
        pending = len(app.session.pending())
        state = "ended" if app.session.ended else "saved"
        if pending:
            state += f", {pending} line(s) not copied yet (chair-tui --resume)"
        elif not app.session.ended:
            state += " (resume with chair-tui --resume)"
        print(f"chair-tui: meeting {state}: {printable(str(app.session.path))}")
    return ExitCode.OK


def _refuse(why: str) -> int:
    """One line on stderr, and the exit code of input that cannot be used."""
    print(f"chair-tui: {printable(why)}", file=sys.stderr)
    return ExitCode.BAD_INPUT
