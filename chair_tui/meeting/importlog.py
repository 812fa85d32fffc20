"""A MeetBot raw log made into a session: what ``chair-tui import-log`` does.

Every line the chair said is recorded verbatim (as already sent), so the session's exported
lines are the chair's lines exactly as they are in the log.  The other nicks the bot saw in the
meeting (everyone who spoke, was ``#nick``-ed or ``#chair``-ed, the bot itself) are marked
present, so that the session's bot model assigns the chair's actions as the bot did.  Without
a profile, the bot is found from the log (:func:`~chair_tui.meeting.botmodel.detect_profile`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from chair_tui.meeting.botmodel import BotModel, Detected, bot_nick_of, detect_profile, feed_lines
from chair_tui.meeting.botsim import read_line, starts_meeting
from chair_tui.meeting.errors import STDIN, InputError, read_text
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.profiles import PROFILES, VERB_ALIASES, Kind, Profile, get_profile
from chair_tui.meeting.rawlog import LogLine, chair_of, parse_log
from chair_tui.meeting.session import Session
from chair_tui.meeting.store import (
    data_dir,
    publish,
    remove_stale_temps,
    sessions_dir,
    temp_name,
)
from chair_tui.meeting.text import clean_line, is_irc_nick


@dataclass(frozen=True, slots=True)
class Imported:
    """The session an import wrote."""

    path: Path
    chair: str
    lines: int
    """How many of the chair's lines it holds."""
    profile: str
    detected: Detected | None = None
    """How the profile was found, when none was given."""


def kind_of(profile: Profile, text: str) -> Kind:
    """The entry kind ``profile``'s bot gives the line ``text``: plain text is a note."""
    reading = read_line(profile, text)
    if reading.command is None or reading.unknown:
        return Kind.NOTE
    return VERB_ALIASES.get(reading.command, Kind.NOTE)


def said(profile: Profile, line: LogLine) -> tuple[Kind, str]:
    """The line as the chair would type it again, and its kind."""
    if line.action:
        # a /me line: typed as "/me text"; only hcoop reads a CTCP ACTION as a command
        return kind_of(profile, f"\x01ACTION {line.text}\x01"), f"/me {line.text}"
    return kind_of(profile, line.text), line.text


def meeting_title(profile: Profile, lines: list[LogLine], log: Path) -> str:
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
    if str(log) == STDIN:
        return "imported log"
    return clean_line(log.name) or "imported log"


def seen_nicks(profile: Profile, lines: list[LogLine]) -> list[str]:
    """Every nick ``profile``'s bot saw in the meeting of ``lines``, in the order seen."""
    model = feed_lines(BotModel(profile, bot_nick=bot_nick_of(lines)), lines)
    return list(model.attendees)


def import_log(
    log: str, chair: str | None, profile: Profile | None, output: str | None
) -> Imported:
    """Make a session of what ``chair`` (default: :func:`chair_of`) said in the raw log ``log``.

    ``log`` ``-`` is standard input; with ``profile`` None the bot is detected from the log.
    The session is written to ``output``, which must not exist, or else to a new file in the
    data directory; it appears there whole or not at all.
    Raises :class:`InputError` when the log or the session cannot be used.
    """
    log_path = Path(log)
    lines = parse_log(read_text(log_path), log_path)
    if not lines:
        raise InputError(log, "no messages in this log")
    detected = None
    if profile is None:
        detected = detect_profile(lines)
        profile = get_profile(detected.profile)
    nick = chair if chair is not None else chair_of(lines, profile)
    mine = [ln for ln in lines if ln.nick == nick]
    if not mine:
        nicks = ", ".join(dict.fromkeys(ln.nick for ln in lines))
        raise InputError(log, f"{nick!r} said nothing in this log (nicks in it: {nicks})")
    typed = [said(profile, ln) for ln in mine]
    plan = MeetingPlan(
        title=meeting_title(profile, mine, log_path),
        profile=profile.name,
        chair=nick if is_irc_nick(nick) else "",
        chairs=(nick,) if is_irc_nick(nick) else (),
    )
    target = Path(output) if output else None
    if target is not None and os.path.lexists(target):
        raise InputError(output or "", "already exists (import-log never overwrites a file)")
    try:
        folder = target.parent if target is not None else sessions_dir(data_dir())
        # the whole session is written under a temp name and given its own at the end: a
        # kill or a full disk part way leaves no file that looks like a complete session
        placeholder = target if target is not None else folder / "import.jsonl"
        remove_stale_temps(placeholder)
    except OSError as exc:
        where = output or "the data directory"
        raise InputError(where, f"cannot create the session: {exc.strerror or exc}") from None
    tmp = temp_name(placeholder)
    try:
        session = Session.create(plan, folder, path=tmp, sync=False)
    except OSError as exc:
        _unlink_quietly(tmp)
        where = output or "the data directory"
        raise InputError(where, f"cannot create the session: {exc.strerror or exc}") from None
    try:
        try:
            session.import_raw(typed)
            for other in seen_nicks(profile, lines):
                if other != nick:
                    session.set_attendance(other, "present")
            # one atomic, fsync'd write of the whole session instead of one fsync per line
            session.compact()
        finally:
            session.close()
        final = target if target is not None else folder / f"{session.sid}.jsonl"
        publish(tmp, final)
    except FileExistsError:
        raise InputError(
            output or "", "already exists (import-log never overwrites a file)"
        ) from None
    except OSError as exc:
        where = output or "the data directory"
        raise InputError(where, f"cannot write the session: {exc.strerror or exc}") from None
    finally:
        _unlink_quietly(tmp)
    return Imported(final, nick, len(typed), profile.name, detected)


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
