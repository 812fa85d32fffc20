"""What ``compile`` reports about the notes: one :class:`Note` per thing it decided for the
chair or could not decide, with the notes' line it is about."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Code(StrEnum):
    """What a note is about; the warnings are what the chair should look at before pasting."""

    OWNERLESS = "ownerless"  # an action with no owner: the minutes list it unassigned
    UNKNOWN_NAME = "unknown-name"  # a name the roster does not hold
    AMBIGUOUS_NAME = "ambiguous-name"  # a name two members share
    NOT_ASSIGNED = "not-assigned"  # an action names a member the bot will not assign
    UNSURE = "unsure"  # kept as an #info: compile was not sure what it is
    REFUSED = "refused"  # a raw command the raw-command policy refuses: kept as an #info
    ROUTED = "routed"  # a start, end or undo in the notes: the chair's own action, not a line
    DROPPED = "dropped"  # a label or command with nothing after it
    NO_REJECTION = "no-rejection"  # the bot has no rejection verb: kept as an #info
    REWRITTEN = "rewritten"  # written otherwise for the bot (a verb, a tally, a link)


WARNINGS = frozenset(
    {
        Code.OWNERLESS,
        Code.UNKNOWN_NAME,
        Code.AMBIGUOUS_NAME,
        Code.NOT_ASSIGNED,
        Code.UNSURE,
        Code.REFUSED,
        Code.NO_REJECTION,
    }
)


@dataclass(frozen=True, slots=True)
class Note:
    lineno: int
    code: Code
    message: str

    @property
    def warning(self) -> bool:
        return self.code in WARNINGS

    def line(self, path: str) -> str:
        """``path:lineno: warning|note: message [code]``."""
        what = "warning" if self.warning else "note"
        return f"{path}:{self.lineno}: {what}: {self.message} [{self.code.value}]"
