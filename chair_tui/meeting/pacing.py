"""Pasting at a pace nothing drops: how many lines a paste may hold, and how long to wait.

**Chunks.**  An IRC client sends a pasted chunk line by line; :func:`chunk_limit` is how many
lines one paste may hold: the profile's ``chunk_size`` (4) for the IRC bots; for the Fedora
Matrix bot, which reads every line of a multi-line message, no limit — one message per step
(:func:`paste_chunks` starts a chunk at every topic), with ``!startmeeting`` alone; and at
most :data:`BRIDGE_LINES` (3) when the meeting file says ``bridge = "matrix-irc"`` (a Matrix
message of more lines reaches IRC as a paste-bin link).

**Timed mode.**  A client that does not throttle, or a bridge, can flood the server: irssi
sends :data:`IRSSI_BURST` lines at once, then one every :data:`IRSSI_INTERVAL` s; WeeChat one
every :data:`WEECHAT_INTERVAL` s; a Solanum server (Libera.Chat) drops a client with
:data:`SOLANUM_MAX_QUEUED` lines queued.  :class:`Pacer` keeps the chair below that: after each
copied chunk a countdown of :data:`PER_LINE` s per line beyond a burst of :data:`BURST` lines
before the next chunk may be copied.  It is pure: the caller gives the time (``now``), so a
test drives it with a fake clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.profiles import Kind, Profile

IRSSI_BURST = 5
"""irssi's ``cmds_max_at_once``: lines sent at once before throttling."""
IRSSI_INTERVAL = 2.2
"""irssi's ``cmd_queue_speed``: seconds between throttled lines."""
WEECHAT_INTERVAL = 2.0
"""WeeChat's ``irc.server_default.anti_flood`` (seconds between lines)."""
SOLANUM_MAX_QUEUED = 20
"""Lines a Solanum server lets a client queue before it drops the client ("Excess Flood")."""

BURST = 4
"""Lines that may go at once (one chunk), below irssi's burst of 5."""
PER_LINE = IRSSI_INTERVAL
"""Seconds each line beyond the burst waits, as irssi throttles (the slower of the two)."""
BRIDGE_LINES = 3
"""Lines a message may hold in a Matrix room bridged to IRC."""


def chunk_limit(profile: Profile, plan: MeetingPlan | None = None) -> int | None:
    """How many lines one paste may hold (None: no limit, one message per step)."""
    if plan is not None and plan.bridge == "matrix-irc":
        return min(BRIDGE_LINES, profile.chunk_size)
    if profile.family == "matrix":
        return None
    return profile.chunk_size


def _is_start(profile: Profile, line: str) -> bool:
    start = profile.prefix + profile.verbs.get(Kind.START, "startmeeting")
    return line == start or line.startswith(start + " ")


def _is_topic(profile: Profile, line: str) -> bool:
    topic = profile.prefix + profile.verbs.get(Kind.TOPIC, "topic") + " "
    return line.startswith(topic)


def paste_chunks(
    lines: Sequence[str], profile: Profile, plan: MeetingPlan | None = None
) -> list[list[str]]:
    """``lines`` in paste-safe chunks: at most :func:`chunk_limit` lines each; the start line
    alone where the bot needs it; without a limit, a new chunk at every topic (one message a
    step)."""
    limit = chunk_limit(profile, plan)
    out: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if profile.start_alone and _is_start(profile, line):
            if current:
                out.append(current)
            out.append([line])
            current = []
            continue
        if limit is None and current and _is_topic(profile, line):
            out.append(current)
            current = []
        current.append(line)
        if limit is not None and len(current) >= limit:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


@dataclass(slots=True)
class Pacer:
    """The countdown of the timed mode (see the module's docstring).

    ``queued`` is how many lines the client may still be holding back: each copied line adds
    one, and one is sent every ``per_line`` seconds.  A chunk of up to ``burst`` lines may be
    copied when the lines still queued and the chunk together are at most ``burst``, so the
    client never holds more than ``burst`` lines — far below Solanum's 20."""

    per_line: float = PER_LINE
    burst: int = BURST
    queued: float = 0.0
    at: float | None = None

    def _queued(self, now: float) -> float:
        if self.at is None:
            return 0.0
        return max(0.0, self.queued - max(0.0, now - self.at) / self.per_line)

    def remaining(self, now: float, lines: int | None = None) -> float:
        """Seconds before a chunk of ``lines`` (default: a whole burst) may be copied."""
        n = self.burst if lines is None else min(lines, self.burst)
        wait = (self._queued(now) + n - self.burst) * self.per_line
        # a clock read as seconds since 1970 carries about 1e-7 s of rounding
        return wait if wait > 1e-3 else 0.0

    def ready(self, now: float, lines: int | None = None) -> bool:
        return self.remaining(now, lines) <= 0.0

    def copied(self, n_lines: int, now: float) -> float:
        """``n_lines`` were copied at ``now``; returns the countdown before the next chunk."""
        self.queued = self._queued(now) + max(0, n_lines)
        self.at = now
        return self.remaining(now)
