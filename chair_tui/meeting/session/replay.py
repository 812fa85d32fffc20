"""Reading a session file into typed records, every one checked: the first half of a load.

A session file is untrusted input (see ``docs/session-format.md``): each record is decoded by
the codec for the file's format version, nested no deeper than :data:`validate.MAX_DEPTH`, and
the records are checked together (unique ids, references that resolve, ranges). Anything else
is an :class:`InputError` naming the record's line, never another exception.
:class:`~chair_tui.meeting.session.session.Session` then replays what this returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.session import codec, validate
from chair_tui.meeting.session.records import Header, Record, Snapshot
from chair_tui.meeting.store import read_journal


@dataclass(frozen=True, slots=True)
class Journal:
    """A session file's records, checked, and how its end looked."""

    header: Header
    records: list[Record]
    torn_tail: str | None  # why the last record was left out, if it was
    clean_end: bool  # the file ended with a newline
    after_snapshot: int  # records after the snapshot a compacted journal starts with
    version: int = codec.VERSION  # the format version its header declares


def read_records(path: Path) -> Journal:
    """The checked records of the session file at ``path``; :class:`InputError` (with the
    line of the first bad record) when it is damaged, :class:`codec.NewerFormatError` when it
    is of a newer format."""
    try:
        read = read_journal(path)
    except RecursionError:
        raise InputError(path, "damaged session (a record is nested too deeply)") from None
    if not read.records:
        raise InputError(path, "empty session file (no header record)")
    first = read.records[0]
    header_dict = first.get("header", {}) if first.get("op") == "snapshot" else first
    codec.check_header(header_dict if isinstance(header_dict, dict) else {}, str(path))
    version = codec.header_version(first)
    line = 1
    try:
        records: list[Record] = []
        for raw in read.records:
            validate.check_depth(raw)
            records.append(codec.decode(raw, str(path), version))
            line += 1
    except InputError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, RecursionError) as exc:
        raise InputError(path, f"damaged session ({type(exc).__name__}: {exc})", line) from None
    try:
        validate.check(records)
    except ValueError as exc:
        at = exc.args[1] + 1 if len(exc.args) > 1 else 1
        raise InputError(path, f"damaged session ({exc.args[0]})", at) from None
    head = records[0]
    header = head.header if isinstance(head, Snapshot) else head
    if not isinstance(header, Header):
        raise InputError(path, "damaged session (the first record is not a header)", 1)
    return Journal(
        header,
        records,
        read.torn_tail,
        read.clean_end,
        len(records) - (1 if isinstance(head, Snapshot) else 0),
        version,
    )
