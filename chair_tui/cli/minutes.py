"""``chair-tui minutes FILE``: the minutes the bot writes (or will write) for a meeting.

FILE is a session (``.jsonl``) or a raw log.  For a log without ``--profile`` the bot is
detected (:func:`chair_tui.meeting.botmodel.detect_profile`) and the assumption is said on
stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.botmodel import bot_nick_of, detect_profile, feed_lines
from chair_tui.meeting.botmodel.model import BotModel
from chair_tui.meeting.errors import printable, read_text
from chair_tui.meeting.minutes import Where, write_minutes
from chair_tui.meeting.profiles import get_profile
from chair_tui.meeting.rawlog import parse_log
from chair_tui.meeting.session import Session, model_of_session


def _session_model(path: str, profile: str | None, channel: str | None, err: TextIO) -> BotModel:
    loaded = Session.load(Path(path), sync=False, read_only=True)
    try:
        if loaded.torn_tail:
            print(f"chair-tui: warning: {printable(f'{path}: {loaded.torn_tail}')}", file=err)
        if profile is not None:
            loaded.profile = get_profile(profile)
        return model_of_session(loaded, channel=channel)
    finally:
        loaded.close()


def run(
    out: TextIO,
    err: TextIO,
    *,
    file: str,
    profile: str | None,
    format: str,
    channel: str | None,
    log_url: str | None,
) -> int:
    where = Where(channel, log_url)
    if file.endswith(".jsonl"):
        model = _session_model(file, profile, channel, err)
    else:
        lines = parse_log(read_text(file), file)
        bot = bot_nick_of(lines)
        if profile is None:
            found = detect_profile(lines)
            print(f"chair-tui: {file}: {found.describe()}", file=err)
            chosen = get_profile(found.profile)
            bot = found.bot_nick or bot
        else:
            chosen = get_profile(profile)
        model = feed_lines(BotModel(chosen, bot_nick=bot, channel=channel), lines)
    if not model.running and not model.ended:
        print(
            f"chair-tui: {printable(file)}: no meeting starts here (no start line the"
            f" {model.profile.name} bot accepts): the bot writes no minutes",
            file=err,
        )
        return ExitCode.OK
    text = write_minutes(model, format, where)
    out.write(text if text.endswith("\n") else text + "\n")
    return ExitCode.OK
