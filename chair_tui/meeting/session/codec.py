"""The one codec between typed records and the journal's JSON objects, and its format version.

``encode`` turns a record into the object the journal writes; ``decode`` checks an object
read back (every field's type, finite numbers, known names) and turns it into a record. A
journal written by an older version of the format is migrated on read (:data:`MIGRATIONS`);
one written by a newer chair-tui is refused with :class:`NewerFormatError`, and the caller
must leave that file alone.

Changing the format: bump :data:`VERSION`, add ``MIGRATIONS[old] = function`` turning a record
of version ``old`` into one of ``old + 1``, and add a journal written by the old version under
``tests/data/sessions/`` with what it must read back as.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.meetingfile import (
    agenda_from_dict,
    agenda_to_dict,
    plan_from_dict,
    plan_to_dict,
)
from chair_tui.meeting.model import AgendaItem, Attendance
from chair_tui.meeting.profiles import KIND_BY_VALUE, Kind
from chair_tui.meeting.session.records import (
    AgendaChanged,
    AttendanceSet,
    EntryRecorded,
    EntryState,
    EntryUndone,
    GuestChanged,
    Header,
    LineDeleted,
    LineEdited,
    LineRecord,
    LinesCopied,
    LineState,
    MeetingEnded,
    MeetingReopened,
    NewLine,
    Record,
    SecretarySet,
    SessionState,
    Snapshot,
    StepEntered,
)

FORMAT = "chair-tui-session"
VERSION = 2

JSON = dict[str, Any]

# MIGRATIONS[v] turns a record of format version v into one of version v + 1.
# 1 -> 2: version 2 adds the "reopen" record (the end taken back) and the plan's vote,
# schedule, minutes_base_url, previous_actions and bridge keys; a version-1 record means the
# same in version 2, so it is read as it is.  A version-1 reader refuses a version-2 journal
# as newer instead of failing on the first record it does not know.


def _same(d: JSON) -> JSON:
    return d


MIGRATIONS: dict[int, Callable[[JSON], JSON]] = {1: _same}


class NewerFormatError(InputError):
    """A session written by a newer chair-tui: not damaged, only not readable by this one."""


# ---------------------------------------------------------------------- checked reading

_MISSING = object()


def _obj(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{what} is not an object")
    return value


def _get(d: Mapping[str, Any], key: str, default: object) -> object:
    value = d.get(key, default)
    if value is _MISSING:
        raise KeyError(key)
    return value


def _str(d: Mapping[str, Any], key: str, default: object = _MISSING) -> str:
    value = _get(d, key, default)
    if not isinstance(value, str):
        raise TypeError(f"{key!r} is not a string")
    return value


def _opt_str(d: Mapping[str, Any], key: str) -> str | None:
    value = d.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{key!r} is not a string")
    return value


def _int(d: Mapping[str, Any], key: str, default: object = _MISSING) -> int:
    value = _get(d, key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{key!r} is not a whole number")
    return value


def _num(value: object, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{key!r} is not a number")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{key!r} is not a finite number")
    return number


def _float(d: Mapping[str, Any], key: str) -> float:
    return _num(_get(d, key, _MISSING), key)


def _bool(d: Mapping[str, Any], key: str, default: object = _MISSING) -> bool:
    value = _get(d, key, default)
    if not isinstance(value, bool):
        raise TypeError(f"{key!r} is not true or false")
    return value


def _list(d: Mapping[str, Any], key: str, default: object = _MISSING) -> list[Any]:
    value = _get(d, key, default)
    if isinstance(value, tuple):
        value = list(value)
    if not isinstance(value, list):
        raise TypeError(f"{key!r} is not a list")
    return value


def _strs(d: Mapping[str, Any], key: str, default: object = _MISSING) -> list[str]:
    items = _list(d, key, default)
    if not all(isinstance(x, str) for x in items):
        raise TypeError(f"{key!r} holds something that is not a string")
    return items


def _ints(d: Mapping[str, Any], key: str, default: object = _MISSING) -> tuple[int, ...]:
    items = _list(d, key, default)
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in items):
        raise TypeError(f"{key!r} holds something that is not a whole number")
    return tuple(items)


def _agenda(value: object) -> AgendaItem:
    """An agenda item of a session, its fields' types checked first."""
    d = _obj(value, "agenda item")
    _str(d, "title")
    _strs(d, "links", default=())
    _strs(d, "info", default=())
    return agenda_from_dict(d)


def _kind(d: Mapping[str, Any], key: str = "kind") -> Kind:
    value = _str(d, key)
    try:
        return KIND_BY_VALUE[value]
    except KeyError:
        raise ValueError(f"unknown kind {value!r}") from None


def _state(value: str) -> LineState:
    try:
        return LineState(value)
    except ValueError:
        raise ValueError(f"unknown line state {value!r}") from None


def _attendance(value: str) -> Attendance:
    try:
        return Attendance(value)
    except ValueError:
        raise ValueError(f"unknown attendance state {value!r}") from None


def _new_line(value: object) -> NewLine:
    d = _obj(value, "line")
    return NewLine(
        _int(d, "id"),
        _str(d, "text"),
        _kind(d),
        _state(_str(d, "state", LineState.PENDING.value)),
    )


def _new_line_dict(line: NewLine, *, with_state: bool) -> JSON:
    d: JSON = {"id": line.id, "text": line.text, "kind": line.kind.value}
    if with_state:
        d["state"] = line.state.value
    return d


# ---------------------------------------------------------------------- header and state


def _header_dict(h: Header) -> JSON:
    return {
        "op": "header",
        "format": FORMAT,
        "version": VERSION,
        "id": h.sid,
        "created": h.created,
        "plan": plan_to_dict(h.plan),
        "profile": h.profile,
    }


def check_header(d: Mapping[str, Any], path: str) -> None:
    """Refuse what is not a session, or a session of a format version this code cannot read."""
    if d.get("format") != FORMAT or d.get("op") != "header":
        raise InputError(path, "not a chair-tui session (no header record)", 1)
    version = d.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise NewerFormatError(
            path,
            f"written by a newer chair-tui (session format version {version}; this one reads "
            f"up to {VERSION}): open it with that version",
            1,
        )
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InputError(path, f"session format version {version!r} is not supported", 1)


# The keys of a plan as a session stores it (what ``plan_to_dict`` writes). A meeting file's
# other keys (``agenda_markdown`` reads another file) are refused: loading a session never
# opens another path.
PLAN_KEYS = frozenset(
    {
        "title",
        "name",
        "profile",
        "chair",
        "chairs",
        "channel",
        "rollcall_title",
        "open_floor_title",
        "members",
        "agenda",
        "max_bytes",
        "minutes_approval",
        "vote",
        "schedule",
        "minutes_base_url",
        "previous_actions",
        "bridge",
    }
)


def _header(d: Mapping[str, Any], path: str) -> Header:
    raw_plan = _obj(d.get("plan"), "plan")
    extra = sorted(str(k) for k in raw_plan if k not in PLAN_KEYS)
    if extra:
        raise InputError(
            path, f"the session's plan holds {', '.join(map(repr, extra))}: a session never does"
        )
    plan = plan_from_dict(dict(raw_plan), path)
    return Header(_str(d, "id"), _float(d, "created"), plan, _str(d, "profile"))


def _state_dict(st: SessionState) -> JSON:
    return {
        "agenda": [agenda_to_dict(a) for a in st.agenda],
        "step_index": st.step_index,
        "attendance": {nick: state.value for nick, state in st.attendance},
        "guests": list(st.guests),
        "secretary": st.secretary,
        "nicked": list(st.nicked),
        "step_entered": dict(st.step_entered),
        "opened_steps": list(st.opened_steps),
        "ended_at": st.ended_at,
        "next_id": st.next_id,
        "entries": [
            {
                "id": e.id,
                "step": e.step,
                "kind": e.kind.value,
                "text": e.text,
                "verb": e.verb,
                "nicks": list(e.nicks),
                "notes": list(e.notes),
                "line_ids": list(e.line_ids),
                "at": e.at,
                "undone": e.undone,
            }
            for e in st.entries
        ],
        "lines": [
            {
                "id": ln.id,
                "text": ln.text,
                "kind": ln.kind.value,
                "entry": ln.entry,
                "state": ln.state.value,
            }
            for ln in st.lines
        ],
    }


def _state_from(value: object) -> SessionState:
    d = _obj(value, "state")
    attendance = _obj(d.get("attendance"), "attendance")
    step_entered = _obj(d.get("step_entered"), "step_entered")
    ended_at = d.get("ended_at")
    entries = []
    for raw in _list(d, "entries"):
        e = _obj(raw, "entry")
        entries.append(
            EntryState(
                id=_int(e, "id"),
                step=_str(e, "step"),
                kind=_kind(e),
                text=_str(e, "text"),
                line_ids=_ints(e, "line_ids"),
                at=_float(e, "at"),
                verb=_opt_str(e, "verb"),
                nicks=tuple(_strs(e, "nicks")),
                notes=tuple(_strs(e, "notes")),
                undone=_bool(e, "undone"),
            )
        )
    lines = []
    for raw in _list(d, "lines"):
        ln = _obj(raw, "line")
        lines.append(
            LineRecord(
                _int(ln, "id"),
                _str(ln, "text"),
                _kind(ln),
                _int(ln, "entry"),
                _state(_str(ln, "state")),
            )
        )
    for key, value in attendance.items():
        if not isinstance(value, str):
            raise TypeError(f"attendance of {key!r} is not a string")
    return SessionState(
        agenda=tuple(_agenda(a) for a in _list(d, "agenda")),
        step_index=_int(d, "step_index"),
        attendance=tuple((str(k), _attendance(v)) for k, v in attendance.items()),
        guests=tuple(_strs(d, "guests")),
        secretary=_str(d, "secretary"),
        nicked=tuple(_strs(d, "nicked")),
        step_entered=tuple((str(k), _num(v, "step_entered")) for k, v in step_entered.items()),
        opened_steps=tuple(_strs(d, "opened_steps")),
        ended_at=None if ended_at is None else _num(ended_at, "ended_at"),
        next_id=_int(d, "next_id"),
        entries=tuple(entries),
        lines=tuple(lines),
    )


# ---------------------------------------------------------------------- records


def encode(record: Record) -> JSON:
    """The JSON object the journal stores for ``record``."""
    match record:
        case Header():
            return _header_dict(record)
        case Snapshot(header, state):
            return {"op": "snapshot", "header": _header_dict(header), "state": _state_dict(state)}
        case EntryRecorded():
            d: JSON = {
                "op": "record",
                "id": record.id,
                "step": record.step,
                "kind": record.kind.value,
                "text": record.text,
                "verb": record.verb,
                "nicks": list(record.nicks),
                "notes": list(record.notes),
                "lines": [_new_line_dict(ln, with_state=True) for ln in record.lines],
                "at": record.at,
            }
            if record.opens:
                d["opens"] = record.opens
            return d
        case LinesCopied(ids):
            return {"op": "copied", "ids": list(ids)}
        case LineEdited(line, text):
            return {"op": "edit", "line": line, "text": text}
        case LineDeleted(line):
            return {"op": "delete", "line": line}
        case EntryUndone(entry, removed, lines):
            return {
                "op": "undo",
                "entry": entry,
                "removed": list(removed),
                "lines": [_new_line_dict(ln, with_state=False) for ln in lines],
            }
        case AttendanceSet(nick, state):
            return {"op": "attend", "nick": nick, "state": state.value}
        case GuestChanged(name, add):
            return {"op": "guest", "name": name, "add": add}
        case SecretarySet(nick):
            return {"op": "secretary", "nick": nick}
        case StepEntered(index, at):
            return {"op": "step", "index": index, "at": at}
        case AgendaChanged(items, index):
            return {"op": "agenda", "items": [agenda_to_dict(a) for a in items], "index": index}
        case MeetingEnded(at):
            return {"op": "end", "at": at}
        case MeetingReopened(at):
            return {"op": "reopen", "at": at}
    raise TypeError(f"not a session record: {record!r}")  # pragma: no cover


def decode(d: JSON, path: str, version: int = VERSION) -> Record:
    """The record a journal object stands for; ``ValueError``/``TypeError``/``KeyError`` when it
    is damaged (the loader turns them into a message with the record's line)."""
    while version < VERSION:
        d = MIGRATIONS[version](d)
        version += 1
    op = d.get("op")
    if op == "header":
        check_header(d, path)
        return _header(d, path)
    if op == "snapshot":
        header = _obj(d.get("header"), "header")
        check_header(header, path)
        return Snapshot(_header(header, path), _state_from(d.get("state")))
    if op == "record":
        opens = _opt_str(d, "opens")
        return EntryRecorded(
            id=_int(d, "id"),
            step=_str(d, "step"),
            kind=_kind(d),
            text=_str(d, "text"),
            lines=tuple(_new_line(ln) for ln in _list(d, "lines")),
            at=_float(d, "at"),
            verb=_opt_str(d, "verb"),
            nicks=tuple(_strs(d, "nicks", default=())),
            notes=tuple(_strs(d, "notes", default=())),
            opens=opens or None,
        )
    if op == "copied":
        return LinesCopied(_ints(d, "ids"))
    if op == "edit":
        return LineEdited(_int(d, "line"), _str(d, "text"))
    if op == "delete":
        return LineDeleted(_int(d, "line"))
    if op == "undo":
        lines = tuple(_new_line(ln) for ln in _list(d, "lines", default=()))
        return EntryUndone(_int(d, "entry"), _ints(d, "removed"), lines)
    if op == "attend":
        return AttendanceSet(_str(d, "nick"), _attendance(_str(d, "state")))
    if op == "guest":
        return GuestChanged(_str(d, "name"), _bool(d, "add"))
    if op == "secretary":
        return SecretarySet(_str(d, "nick"))
    if op == "step":
        return StepEntered(_int(d, "index"), _float(d, "at"))
    if op == "agenda":
        items = tuple(_agenda(a) for a in _list(d, "items"))
        return AgendaChanged(items, _int(d, "index"))
    if op == "end":
        return MeetingEnded(_float(d, "at"))
    if op == "reopen":
        return MeetingReopened(_float(d, "at"))
    raise ValueError(f"unknown record op {op!r}")


def header_version(d: Mapping[str, Any]) -> int:
    """The format version a journal's first record (a header or a snapshot) declares."""
    header = d.get("header") if d.get("op") == "snapshot" else d
    version = header.get("version") if isinstance(header, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else VERSION
