"""The ledger file's format: JSON, versioned, read strictly.

``{"format": "chair-tui-ledger", "version": 1, "name": …, "next_id": …, "meetings": [...],
"actions": [...]}`` (docs/ledger.md).  A file of a newer version is refused with
:class:`NewerLedgerError` and left alone; anything else that is not exactly this shape is a
damaged ledger (:class:`~chair_tui.meeting.errors.InputError`), never guessed at.

Changing the format: bump :data:`VERSION`, add ``MIGRATIONS[old]`` turning a document of
version ``old`` into one of ``old + 1``, and a file of the old version under ``tests/data/``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.ledger.records import Action, HistoryEvent, Ledger, Meeting, Outcome

FORMAT = "chair-tui-ledger"
VERSION = 1

JSON = dict[str, Any]

# MIGRATIONS[v] turns a document of version v into one of version v + 1 (none yet).
MIGRATIONS: dict[int, Callable[[JSON], JSON]] = {}


class NewerLedgerError(InputError):
    """A ledger written by a newer chair-tui: not damaged, only not readable by this one."""


# ---------------------------------------------------------------------- writing


def _event_dict(e: HistoryEvent) -> JSON:
    d: JSON = {"outcome": e.outcome.value, "date": e.date, "meeting": e.meeting}
    if e.outcome is Outcome.REASSIGNED:
        d["from"] = list(e.from_owners)
        d["to"] = list(e.to_owners)
    return d


def to_dict(ledger: Ledger) -> JSON:
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": ledger.name,
        "next_id": ledger.next_id,
        "meetings": [
            {
                "id": m.id,
                "title": m.title,
                "date": m.date,
                "minutes_url": m.minutes_url,
                "source": m.source,
            }
            for m in ledger.meetings
        ],
        "actions": [
            {
                "id": a.id,
                "text": a.text,
                "owners_minuted": list(a.owners_minuted),
                "owners_intended": list(a.owners_intended),
                "meeting": a.meeting,
                "history": [_event_dict(e) for e in a.history],
            }
            for a in ledger.actions
        ],
    }


def dumps(ledger: Ledger) -> bytes:
    """The file's bytes: indented JSON (one key a line), UTF-8, a final newline."""
    text = json.dumps(to_dict(ledger), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


# ---------------------------------------------------------------------- reading


def _obj(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"{what} is not an object")
    return value


def _str(d: Mapping[str, Any], key: str, default: str | None = None) -> str:
    value = d.get(key, default)
    if not isinstance(value, str):
        raise TypeError(f"{key!r} is not a string")
    return value


def _strs(d: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise TypeError(f"{key!r} is not a list of strings")
    return tuple(value)


def _list(d: Mapping[str, Any], key: str) -> list[Any]:
    value = d.get(key, [])
    if not isinstance(value, list):
        raise TypeError(f"{key!r} is not a list")
    return value


def _event(value: object) -> HistoryEvent:
    d = _obj(value, "history event")
    raw = _str(d, "outcome")
    try:
        outcome = Outcome(raw)
    except ValueError:
        raise ValueError(f"unknown outcome {raw!r}") from None
    return HistoryEvent(
        outcome, _str(d, "date", ""), _str(d, "meeting", ""), _strs(d, "from"), _strs(d, "to")
    )


def from_dict(d: JSON, path: str) -> Ledger:
    """The ledger of a parsed document; :class:`InputError` when it is not one."""
    if not isinstance(d, dict) or d.get("format") != FORMAT:
        raise InputError(path, 'not a chair-tui ledger (no "format": "chair-tui-ledger")')
    version = d.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InputError(path, f"ledger format version {version!r} is not supported")
    if version > VERSION:
        raise NewerLedgerError(
            path,
            f"written by a newer chair-tui (ledger format version {version}; this one reads up "
            f"to {VERSION}): use that version",
        )
    while version < VERSION:
        d = MIGRATIONS[version](d)
        version += 1
    try:
        next_id = d.get("next_id")
        if isinstance(next_id, bool) or not isinstance(next_id, int) or next_id < 1:
            raise TypeError("'next_id' is not a whole number above 0")
        meetings = []
        for raw in _list(d, "meetings"):
            m = _obj(raw, "meeting")
            meetings.append(
                Meeting(
                    _str(m, "id"),
                    _str(m, "title", ""),
                    _str(m, "date", ""),
                    _str(m, "minutes_url", ""),
                    _str(m, "source", "session"),
                )
            )
        actions = []
        for raw in _list(d, "actions"):
            a = _obj(raw, "action")
            actions.append(
                Action(
                    _str(a, "id"),
                    _str(a, "text"),
                    _strs(a, "owners_minuted"),
                    _strs(a, "owners_intended"),
                    _str(a, "meeting", ""),
                    tuple(_event(e) for e in _list(a, "history")),
                )
            )
        ledger = Ledger(_str(d, "name"), tuple(meetings), tuple(actions), next_id)
    except (TypeError, ValueError) as exc:
        raise InputError(path, f"damaged ledger ({exc})") from None
    ids = [a.id for a in ledger.actions]
    if len(set(ids)) != len(ids):
        raise InputError(path, "damaged ledger (two actions share an id)")
    return ledger


def loads(data: bytes, path: str) -> Ledger:
    """The ledger in the file's ``data``; :class:`InputError` when it is damaged or newer."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise InputError(path, "damaged ledger (nested too deeply)") from None
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError included
        raise InputError(path, f"damaged ledger (not JSON: {exc})") from None
    return from_dict(doc, path)
