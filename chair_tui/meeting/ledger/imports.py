"""``chair-tui ledger import``: a previous meeting's actions, read from its minutes or log.

The formats (docs/ledger.md): ``txt`` (zodbot, Debian's MeetBot, OpenStack), ``matrix``
(Fedora's Matrix bot), ``moin`` (meetingology), ``hcoop-json`` (hcoop-meetbot's ``.log.json``)
and ``log`` (a raw log, read through the bot model as ``import-log`` reads it).  ``auto``
finds the format from the text (:func:`detect_format`).  Nothing is fetched: a file or stdin.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

from chair_tui.meeting.botmodel import bot_nick_of, detect_profile, feed_lines
from chair_tui.meeting.botmodel.model import BotModel
from chair_tui.meeting.botsim import NickIndex
from chair_tui.meeting.errors import STDIN, InputError, read_text
from chair_tui.meeting.ledger.minutes_text import (
    ReadMinutes,
    read_darst_text,
    read_matrix_text,
    read_moin,
)
from chair_tui.meeting.ledger.owners import actions_of_model, leading_owners, nick_map
from chair_tui.meeting.ledger.records import Meeting, MinutedAction
from chair_tui.meeting.ledger.store import record_meeting
from chair_tui.meeting.profiles import HCOOP, Profile, get_profile
from chair_tui.meeting.rawlog import parse_log

MAX_IMPORT_BYTES = 8 * 1024 * 1024


class ImportFormat(StrEnum):
    AUTO = "auto"
    TXT = "txt"
    MATRIX = "matrix"
    MOIN = "moin"
    HCOOP_JSON = "hcoop-json"
    LOG = "log"


_DATE_RE = re.compile(r"(?<![0-9])(\d{4}-\d{2}-\d{2})(?![0-9])")
_MATRIX_START_RE = re.compile(r"^Meeting started by @\S+ at \d{4}-\d{2}-\d{2} ", re.MULTILINE)
_DARST_HEADING_RE = re.compile(
    r"^(?:Meeting summary|Action items)[ \t]*\r?\n-{6,}", re.MULTILINE | re.IGNORECASE
)


def detect_format(text: str) -> ImportFormat:
    """The format of ``text``: JSON is hcoop's log, ``== … ==`` headings Moin, a summary with
    a ``Meeting started by @mxid at YYYY-MM-DD`` the Matrix bot's, a summary the Darst text,
    anything else a raw log."""
    head = text.lstrip()[:1]
    if head == "{":
        return ImportFormat.HCOOP_JSON
    if "== Meeting information ==" in text or "== Meeting summary ==" in text:
        return ImportFormat.MOIN
    if _DARST_HEADING_RE.search(text):
        if _MATRIX_START_RE.search(text):
            return ImportFormat.MATRIX
        return ImportFormat.TXT
    return ImportFormat.LOG


def _loads(text: str, path: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise InputError(path, "JSON nested too deeply") from None
    except ValueError as exc:
        raise InputError(path, f"not JSON: {exc}") from None


def read_hcoop_json(text: str, path: str = "") -> ReadMinutes:
    """hcoop-meetbot's ``.log.json``: its ``ACTION`` events in order, assigned as it assigns
    them (a nick or ``#here`` alias as a token, ``nick:`` or ``(nick)``) among its nicks."""
    doc = _loads(text, path)
    if not isinstance(doc, dict) or not isinstance(doc.get("events"), list):
        raise InputError(path, 'not an hcoop-meetbot log (no "events" list)')
    nicks = doc.get("nicks")
    seen = [str(n) for n in nicks] if isinstance(nicks, dict | list) else []
    aliases_raw = doc.get("aliases")
    aliases: dict[str, list[str]] = {}
    if isinstance(aliases_raw, dict):
        for who, alias in aliases_raw.items():
            if isinstance(alias, str) and alias:
                aliases.setdefault(alias, []).append(str(who))
    index = NickIndex(seen)
    alias_index = NickIndex(aliases) if aliases else None
    known = nick_map(seen)
    actions: list[MinutedAction] = []
    for event in doc["events"]:
        if not isinstance(event, Mapping) or event.get("event_type") != "ACTION":
            continue
        operand = event.get("operand")
        if not isinstance(operand, str) or not operand.strip():
            continue
        found = set(index.assignees(HCOOP, operand))
        if alias_index is not None:
            for alias in alias_index.assignees(HCOOP, operand):
                found.update(aliases[alias])
        owners = tuple(sorted(found, key=lambda n: (n.lower(), n)))
        actions.append(MinutedAction(operand, owners, leading_owners(operand, known)))
    name = doc.get("name")
    title = name if isinstance(name, str) and name else ""
    start = doc.get("start_time")
    m = _DATE_RE.match(start) if isinstance(start, str) else None
    return ReadMinutes(title, m.group(1) if m else "", "", tuple(actions), "hcoop-json")


def read_raw_log(text: str, path: str = "", profile: Profile | None = None) -> ReadMinutes:
    """A raw log: the actions its bot (``profile``, else detected) minutes, through the bot
    model."""
    lines = parse_log(text, path or STDIN)
    if not lines:
        raise InputError(path or "<stdin>", "no messages in this log")
    bot = bot_nick_of(lines)
    if profile is None:
        found = detect_profile(lines)
        profile = get_profile(found.profile)
        bot = found.bot_nick or bot
    model = feed_lines(BotModel(profile, bot_nick=bot), lines)
    if not model.running and not model.ended:
        raise InputError(path or "<stdin>", f"no meeting starts here for the {profile.name} bot")
    m = _DATE_RE.search(Path(path).name) if path else None
    return ReadMinutes(
        model.title or model.name,
        m.group(1) if m else "",
        "",
        tuple(actions_of_model(model)),
        "log",
    )


def read_minutes(
    text: str, fmt: ImportFormat | str = ImportFormat.AUTO, path: str = ""
) -> ReadMinutes:
    """The actions of a previous meeting in ``text`` of format ``fmt`` (``auto``: detected)."""
    chosen = ImportFormat(fmt)
    if chosen is ImportFormat.AUTO:
        chosen = detect_format(text)
    name = Path(path).name if path and path != STDIN else ""
    if chosen is ImportFormat.TXT:
        return read_darst_text(text, name)
    if chosen is ImportFormat.MATRIX:
        return read_matrix_text(text, name)
    if chosen is ImportFormat.MOIN:
        return read_moin(text, name)
    if chosen is ImportFormat.HCOOP_JSON:
        return read_hcoop_json(text, path)
    return read_raw_log(text, path)


def import_minutes(
    name: str,
    path: str,
    fmt: ImportFormat | str = ImportFormat.AUTO,
    *,
    date: str | None = None,
    minutes_url: str | None = None,
    base: Path | str | None = None,
) -> tuple[Meeting, ReadMinutes]:
    """Read ``path`` (``-``: stdin) and record its actions in ``name``'s ledger.  The meeting's
    id is made from the text, so importing the same minutes again replaces them."""
    text = read_text(path, max_bytes=MAX_IMPORT_BYTES)
    read = read_minutes(text, fmt, path)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    meeting = record_meeting(
        name,
        read.actions,
        date if date is not None else read.date,
        minutes_url if minutes_url is not None else read.minutes_url,
        meeting_id=f"import-{digest}",
        title=read.title,
        source=read.format,
        base=base,
    )
    return meeting, read
