"""Reading session journals independently of ``chair_tui.meeting.store``, and comparing states.

The checker decodes records itself (JSON line ``{"c": CRC32, "r": RECORD}``, the CRC taken
over the record dumped with sorted keys and no spaces), so a bug in the app's own reader cannot
hide a bug in its writer.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chair_tui.meeting.session import Session


def decode(raw: bytes) -> dict[str, Any] | None:
    """The record in one journal line, or ``None`` if the line is not a whole, intact record."""
    try:
        outer = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(outer, dict) or set(outer) != {"c", "r"}:
        return None
    record = outer["r"]
    if not isinstance(record, dict):
        return None
    body = json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return record if zlib.crc32(body.encode("utf-8")) == outer["c"] else None


@dataclass(frozen=True)
class Scan:
    lines: list[bytes]  # the journal's lines, without their newlines
    intact: int  # how many of them are whole records
    torn: bool  # the last line is not a whole record

    def without_torn_tail(self) -> bytes:
        kept = self.lines[: self.intact]
        return b"".join(line + b"\n" for line in kept)


def scan(path: Path) -> Scan:
    """Read ``path``; fail if any record but the last is damaged."""
    data = path.read_bytes()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    bad = [i for i, raw in enumerate(lines) if decode(raw) is None]
    assert bad in ([], [len(lines) - 1]), f"{path}: damaged records before the last one: {bad}"
    return Scan(lines, len(lines) - len(bad), bool(bad))


def state(session: Session) -> tuple[Any, ...]:
    """Everything a chair could see of a session."""
    return (
        [(ln.id, ln.text, ln.state, ln.kind, ln.entry) for ln in session.lines],
        [(e.id, e.kind, e.text, e.undone, tuple(e.line_ids)) for e in session.entries],
        session.step_index,
        dict(session.attendance),
        list(session.guests),
        session.secretary,
        [a.title for a in session.agenda],
        session.ended_at,
    )


def lines_of(session: Session) -> dict[int, tuple[str, str]]:
    return {ln.id: (ln.text, ln.state) for ln in session.lines}
