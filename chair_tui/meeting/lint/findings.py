"""What lint reports: the severities, the rule codes, a finding, and how a line is fixed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from operator import itemgetter


class Severity(StrEnum):
    """``error``: the bot loses or misreads the line; ``warning``: it is recorded, but probably
    not as meant, or the client mangles it; ``info``: worth knowing (narrative lines that stay
    out of the minutes)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


ERROR = Severity.ERROR
WARNING = Severity.WARNING
INFO = Severity.INFO
SEVERITIES = (ERROR, WARNING, INFO)

# Stable rule codes and a short title for each (the full table is in docs/lint.md).
RULES: dict[str, str] = {
    "L1": "command the target bot does not read (wrong dialect, alias or unknown verb)",
    "L2": "#startmeeting that does not start the meeting as meant",
    "L3": "no #meetingname after the start (zodbot names the files after it)",
    "L4": "no #endmeeting: the bot writes no minutes",
    "L5": "command with nothing to record",
    "L6": "#link whose first word is not a URL with a scheme",
    "L7": "action nick the bot will not (or wrongly) assign",
    "L8": "action nobody is assigned",
    "L9": "#chair/#unchair with comma lists or nicks in the wrong case",
    "L10": "leading whitespace, or a colon after the command word",
    "L11": "line longer than the byte limit",
    "L15": "narrative line that stays out of the minutes",
    "L17": "#agenda, which no bot knows",
    "L18": "blank line",
    "L19": "line starting with '/', which the IRC client runs as a command",
    "L20": "one sentence hard-wrapped over several lines",
    "L21": "control characters (IRC colour or formatting codes)",
    "L22": "command before the start: the bot is not in a meeting yet",
    "L23": "command after the end: the meeting is closed",
    "L24": "command only a chair may give, from someone who is not a chair (misfiled items)",
    "L25": "OpenStack #startvote the bot cannot parse or splits wrongly, or a #vote it refuses",
    "L26": "meetingology vote line that does not count, or chat that counts as a vote",
    "L27": "hcoop #vote counted otherwise than meant (not +1/-1, twice, no motion open)",
    "L28": "#agreed to hcoop as a vote's result: hcoop counts the votes itself (#close)",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: ``code`` (``"L5"``), the file line, a one-line message, a suggested fix."""

    code: str
    lineno: int
    message: str
    fix: str | None
    severity: Severity

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "line": self.lineno,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass(frozen=True, slots=True)
class Fix:
    """What replaces the source lines ``linenos``: ``lines`` (empty when they are dropped)."""

    linenos: tuple[int, ...]
    lines: tuple[str, ...]
    changed: bool


# A finding as lint_rows gives it: (sort key, code, lineno, message, fix, severity).  The key
# orders the findings by line, then in the order of RULES: lineno * 128 + the rule's rank.
Row = tuple[int, str, int, str, str | None, Severity]
RANK = {code: i for i, code in enumerate(RULES)}
ROW_KEY = itemgetter(0)


def as_rows(findings: Iterable[Finding]) -> list[Row]:
    """``findings`` as :data:`Row` tuples."""
    rank = RANK
    return [
        (f.lineno * 128 + rank[f.code], f.code, f.lineno, f.message, f.fix, f.severity)
        for f in findings
    ]
