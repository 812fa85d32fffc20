"""``chair-tui import-log LOG``: turn a MeetBot raw log into a chair-tui session.

Every line the chair said is recorded verbatim (as already sent), so ``chair-tui export
SESSION`` gives back the chair's lines exactly as they are in the log.  Uses only the pure
core: no Textual.
"""

from __future__ import annotations

from pathlib import Path

from chair_tui.meeting.botsim import read_line, starts_meeting
from chair_tui.meeting.errors import InputError, printable, read_text
from chair_tui.meeting.meetingfile import is_irc_nick
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.profiles import (
    DEFAULT_PROFILE,
    PROFILES,
    VERB_ALIASES,
    Kind,
    Profile,
    UnknownProfileError,
    get_profile,
)
from chair_tui.meeting.rawlog import LogLine, chair_of, parse_log
from chair_tui.meeting.session import Session
from chair_tui.meeting.store import data_dir
from chair_tui.meeting.text import clean_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

EXIT_OK, EXIT_USAGE = 0, 2


def kind_of(profile: Profile, text: str) -> Kind:
    """The entry kind ``profile``'s bot gives the line ``text``: plain text is a note."""
    reading = read_line(profile, text)
    if reading.command is None or reading.unknown:
        return Kind.NOTE
    return VERB_ALIASES.get(reading.command, Kind.NOTE)


def _said(profile: Profile, line: LogLine) -> tuple[Kind, str]:
    """The line as the chair would type it again, and its kind."""
    if line.action:
        # a /me line: typed as "/me text"; only hcoop reads a CTCP ACTION as a command
        return kind_of(profile, f"\x01ACTION {line.text}\x01"), f"/me {line.text}"
    return kind_of(profile, line.text), line.text


def _title(profile: Profile, lines: list[LogLine], log: Path) -> str:
    """The name given to the meeting's start command, else the log's file name."""
    for line in lines:
        if line.action:
            continue
        for p in (profile, *PROFILES.values()):
            started, name = starts_meeting(p, line.text)
            if started:
                title = clean_line(name)
                if title:
                    return title
                break
    return clean_line(log.name) or "imported log"


def run_import(
    log: str,
    chair: str | None,
    profile: str | None,
    output: str | None,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """Import ``log``; print the session's path.  Returns the exit code (0, or 2 on bad input)."""

    def fail(message: str) -> int:
        print(f"chair-tui: {printable(message)}", file=stderr)
        return EXIT_USAGE

    try:
        prof = get_profile(profile or DEFAULT_PROFILE)
    except UnknownProfileError as exc:
        return fail(str(exc))
    log_path = Path(log)
    try:
        lines = parse_log(read_text(log_path), log_path)
    except InputError as exc:
        return fail(str(exc))
    if not lines:
        return fail(f"{log}: no messages in this log")
    nick = chair if chair is not None else chair_of(lines, prof)
    mine = [ln for ln in lines if ln.nick == nick]
    if not mine:
        nicks = ", ".join(dict.fromkeys(ln.nick for ln in lines))
        return fail(f"{log}: {nick!r} said nothing in this log (nicks in it: {nicks})")
    said = [_said(prof, ln) for ln in mine]
    plan = MeetingPlan(
        title=_title(prof, mine, log_path),
        profile=prof.name,
        chair=nick if is_irc_nick(nick) else "",
        chairs=(nick,) if is_irc_nick(nick) else (),
    )
    target = Path(output) if output else None
    try:
        base = target.parent if target is not None else data_dir()
        session = Session.create(plan, base, path=target, sync=False)
    except FileExistsError:
        return fail(f"{output}: already exists (import-log never overwrites a file)")
    except OSError as exc:
        where = output or "the data directory"
        return fail(f"{where}: cannot create the session: {exc.strerror or exc}")
    try:
        session.import_raw(said)
        # one atomic, fsync'd write of the whole session instead of one fsync per line
        session.compact()
    finally:
        session.close()
    print(str(session.path), file=stdout)
    print(f"chair-tui: imported {len(said)} lines said by {nick}", file=stderr)
    return EXIT_OK
