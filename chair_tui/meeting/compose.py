"""What the chair typed in the composer (or a start line), read as an entry."""

from __future__ import annotations

from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import VERB_ALIASES, Kind


def parse_composed(text: str, kind: Kind, prefixes: str = "#!") -> Entry:
    """An entry from what the chair typed: raw MeetBot syntax wins over the composer's kind."""
    stripped = text.strip()
    if stripped[:1] in prefixes:
        word, _, rest = stripped[1:].partition(" ")
        low = word.lower().rstrip(":")
        if low in VERB_ALIASES:
            return Entry(VERB_ALIASES[low], rest, verb=low)
    return Entry(kind, text)
