"""What the chair typed in the composer (or a start line), read as an entry."""

from __future__ import annotations

from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import VERB_ALIASES, Kind
from chair_tui.meeting.rawpolicy import RAW_ONLY
from chair_tui.meeting.session import Session
from chair_tui.meeting.text import without_controls


def parse_composed(text: str, kind: Kind, prefixes: str = "#!") -> Entry:
    """An entry from what the chair typed: raw MeetBot syntax wins over the composer's kind.

    A raw command without an entry kind of its own (``#unchair x``, ``#meetingtopic x``…) is
    a NOTE entry with its command as ``verb``: the session records it as typed, never wrapped
    in the composer's verb (:mod:`chair_tui.meeting.rawpolicy`)."""
    # read as the line will be sent: control characters and colour codes are dropped there
    stripped = without_controls(text).strip()
    if stripped[:1] in prefixes:
        word, _, rest = stripped[1:].partition(" ")
        low = word.lower().rstrip(":")
        if low in VERB_ALIASES:
            return Entry(VERB_ALIASES[low], rest, verb=low)
        if low in RAW_ONLY:
            return Entry(Kind.NOTE, stripped, verb=low)
    return Entry(kind, text)


def composer_check(session: Session, entry: Entry) -> tuple[str, bool]:
    """What the composer's live check says of ``entry`` (bytes, splits, who an action assigns,
    the notes), and whether it is a refusal."""
    preview = session.preview(entry)
    if preview.error:
        return f"✗ {preview.error}", True
    profile = session.profile
    main = [t for t in preview.lines if not t.startswith(f"{profile.prefix}nick ")]
    parts = [f"{max(preview.bytes_used)}/{session.max_bytes} bytes"]
    if len(main) > 1:
        parts.append(f"splits into {len(main)} lines")
    if entry.kind is Kind.ACTION:
        if not profile.assigns_actions:
            parts.append("this bot does not assign actions")
        elif preview.assignees:
            parts.append("assigns: " + " ".join(preview.assignees))
        else:
            parts.append("⚠ assigns nobody: start with a nick")
    parts.extend(preview.notes)
    return "  ·  ".join(parts), False
