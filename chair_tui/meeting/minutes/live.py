"""The minutes as they stand during a meeting: what the live minutes view and the end summary show.

:func:`live_minutes` feeds a session's lines to the bot model (``model_of_session``: the copied
lines and the pending ones, deleted lines never) and tells, for every minutes item, where the
line that made it stands: copied (on the system clipboard), sent by OSC 52 only (the terminal
cannot confirm it arrived; the session does not keep the route, so the caller passes those
line ids) or still pending (what pasting it will add).  It also lists what reaches no minutes:
plain lines, unknown commands, lines before the start or after the end, and empty items.

Plain data only; the view decides how it looks.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from chair_tui.meeting.botmodel import BotModel, Item, ItemKind
from chair_tui.meeting.botsim import read_line
from chair_tui.meeting.session import COPIED, DELETED, MeetingState, OutLine, model_of_session

BEFORE_START = "before the start line: the bot ignores it"
AFTER_END = "after the end line: the bot ignores it"
PLAIN = "plain line: in the log, not in the minutes"
EMPTY = "an empty item"


class Source(StrEnum):
    """Where the line that makes an item stands."""

    COPIED = "copied"  # copied to the system clipboard (and, we trust, pasted)
    SENT = "sent"  # sent by OSC 52 only: the terminal cannot confirm it
    PENDING = "pending"  # still in the outbox: what pasting it will add


# the items a decision is (the bots' verbs for a decision, a rejection, a vote's outcome)
DECISIONS = frozenset(
    {
        ItemKind.AGREED,
        ItemKind.ACCEPTED,
        ItemKind.REJECTED,
        ItemKind.FAILED,
        ItemKind.INCONCLUSIVE,
    }
)


@dataclass(frozen=True, slots=True)
class LiveItem:
    """A minutes item with the state of its line; ``nicks``: whom the bot lists an action
    under (empty: unassigned); ``after_midnight``: said on a later UTC date than the start."""

    kind: ItemKind
    text: str
    source: Source
    line_id: int
    time: str
    nicks: tuple[str, ...] = ()
    after_midnight: bool = False

    @property
    def empty(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True, slots=True)
class LiveTopic:
    """A topic and the items filed under it; ``title`` None: before the first topic."""

    title: str | None
    source: Source | None
    items: tuple[LiveItem, ...]

    @property
    def decisions(self) -> tuple[LiveItem, ...]:
        return tuple(i for i in self.items if i.kind in DECISIONS)


@dataclass(frozen=True, slots=True)
class LostLine:
    """A line that reaches no minutes item, and why."""

    text: str
    source: Source
    line_id: int
    why: str


@dataclass(frozen=True, slots=True)
class LiveMinutes:
    profile: str
    running: bool
    ended: bool
    title: str | None
    topics: tuple[LiveTopic, ...]
    by_person: tuple[tuple[str, tuple[LiveItem, ...]], ...]
    unassigned: tuple[LiveItem, ...]
    assigns: bool  # whether this bot assigns actions to people at all
    lost: tuple[LostLine, ...]
    undone: tuple[LiveItem, ...]  # removed from the minutes by #undo
    warnings: tuple[str, ...]
    counts: dict[Source, int]  # the lines the bot is fed, by where they stand

    @property
    def items(self) -> list[LiveItem]:
        return [i for t in self.topics for i in t.items]

    @property
    def actions(self) -> list[LiveItem]:
        return [i for i in self.items if i.kind is ItemKind.ACTION]

    @property
    def decisions(self) -> list[LiveItem]:
        return [i for i in self.items if i.kind in DECISIONS]


def _source(line: OutLine, sent_only: Collection[int]) -> Source:
    if line.state != COPIED:
        return Source.PENDING
    return Source.SENT if line.id in sent_only else Source.COPIED


def _date(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d")


def _matrix_warnings(started_at: float | None, late: int, now: float) -> list[str]:
    out = [
        "Fedora's Matrix bot files every line under the date it is said on its server: "
        "lines said after midnight (server time) are lost from these minutes "
        "(see meetbot-spec §4.3). Do not let the meeting cross midnight."
    ]
    if started_at is not None:
        start = datetime.fromtimestamp(started_at, UTC)
        midnight = datetime(start.year, start.month, start.day, tzinfo=UTC).timestamp() + 86400
        left = int(midnight - now)
        if left > 0:
            out.append(
                f"Started {start:%H:%M} UTC; midnight UTC is in {left // 3600} h "
                f"{left // 60 % 60:02d} min."
            )
        else:
            out.append(f"Started {start:%H:%M} UTC: the meeting has crossed midnight UTC.")
    if late:
        out.append(f"{late} item(s) said after midnight UTC may be missing from the minutes.")
    return out


def live_minutes(
    session: MeetingState,
    *,
    sent_only: Collection[int] = (),
    now: float | None = None,
    channel: str | None = None,
) -> LiveMinutes:
    """The minutes of ``session`` as they stand, copied and pending lines together, each item
    marked with where its line stands.  ``sent_only``: ids of copied lines that went by OSC 52
    only.  ``now``: for the Matrix bot's day boundary (the session's clock by default)."""
    model: BotModel = model_of_session(session, pending=True, channel=channel)
    profile = session.profile
    # the lines model_of_session feeds, in its order: the first ignored_before are before the
    # start, the next model.lines were read while the meeting ran, the rest came after the end
    fed = [ln for ln in session.lines if ln.state != DELETED and ln.text != ""]
    first = model.ignored_before
    running = fed[first : first + model.lines]
    at_of = {i: e.at for e in session.entries for i in e.line_ids}
    start_at = at_of.get(running[0].id, session.created) if running else None
    start_date = _date(start_at) if start_at is not None else ""

    def line_of(item: Item) -> OutLine:
        return running[item.line - 1]

    def live(item: Item, nicks: tuple[str, ...] = ()) -> LiveItem:
        line = line_of(item)
        late = bool(start_date) and _date(at_of.get(line.id, session.created)) > start_date
        return LiveItem(
            item.kind,
            item.text,
            _source(line, sent_only),
            line.id,
            item.time,
            nicks,
            late and profile.family == "matrix",
        )

    assigned = {id(item): tuple(nicks) for item, nicks in model.assignments()}
    made: dict[int, LiveItem] = {}  # id(Item) -> its LiveItem
    for item in model.items:
        made[id(item)] = live(item, assigned.get(id(item), ()))

    topics: list[LiveTopic] = []
    current: list[LiveItem] = []
    title: str | None = None
    topic_source: Source | None = None
    for item in model.items:
        if item.kind is ItemKind.TOPIC:
            if current or title is not None:
                topics.append(LiveTopic(title, topic_source, tuple(current)))
            title, topic_source, current = item.text, made[id(item)].source, []
            continue
        current.append(made[id(item)])
    if current or title is not None:
        topics.append(LiveTopic(title, topic_source, tuple(current)))

    by_person: dict[str, list[LiveItem]] = {}
    unassigned: list[LiveItem] = []
    for item in model.actions():
        li = made[id(item)]
        for nick in li.nicks:
            by_person.setdefault(nick, []).append(li)
        if not li.nicks:
            unassigned.append(li)

    lost: list[LostLine] = []
    item_lines = {made[id(i)].line_id for i in model.items}
    undone_lines = {line_of(i).id for i in model.undone if isinstance(i, Item)}
    for n, line in enumerate(fed):
        src = _source(line, sent_only)
        if n < first:
            lost.append(LostLine(line.text, src, line.id, BEFORE_START))
            continue
        if n >= first + model.lines:
            lost.append(LostLine(line.text, src, line.id, AFTER_END))
            continue
        if line.id in item_lines or line.id in undone_lines:
            continue
        reading = read_line(profile, line.text, channel=channel)
        if reading.unknown:
            why = f"the bot does not know #{reading.command}: it answers 'Unknown command'"
            lost.append(LostLine(line.text, src, line.id, why))
        elif reading.command is None:
            lost.append(LostLine(line.text, src, line.id, PLAIN))
    for li in made.values():
        if li.empty:
            lost.append(LostLine(li.kind.value, li.source, li.line_id, EMPTY))
    lost.sort(key=lambda x: x.line_id)

    counts = {s: 0 for s in Source}
    for line in fed:
        counts[_source(line, sent_only)] += 1
    late = sum(1 for li in made.values() if li.after_midnight)
    warnings: list[str] = []
    if profile.family == "matrix":
        warnings = _matrix_warnings(start_at, late, session.clock() if now is None else now)
    if not model.running and not model.ended:
        warnings.insert(0, "The meeting has not started: the bot records nothing before the start.")

    return LiveMinutes(
        profile=profile.name,
        running=model.running,
        ended=model.ended,
        title=model.title,
        topics=tuple(topics),
        by_person=tuple(
            (nick, tuple(items))
            for nick, items in sorted(by_person.items(), key=lambda kv: (kv[0].lower(), kv[0]))
        ),
        unassigned=tuple(unassigned),
        assigns=profile.assigns_actions,
        lost=tuple(lost),
        undone=tuple(live(i) for i in model.undone if isinstance(i, Item)),
        warnings=tuple(warnings),
        counts=counts,
    )
