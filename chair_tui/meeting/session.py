"""A meeting in progress or done: steps, attendance, entries and the outbox of lines.

Every change goes through :meth:`Session._commit`, which appends one journal record to disk
(fsync'd) *before* changing the in-memory state, so whatever the chair has seen on screen is
already saved.  Loading replays the journal.  See ``docs/session-format.md``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from chair_tui.meeting.botsim import assignees
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.meetingfile import plan_from_dict
from chair_tui.meeting.model import AgendaItem, Entry, MeetingPlan
from chair_tui.meeting.profiles import KIND_BY_VALUE, MINUTES_KINDS, Kind, Profile, get_profile
from chair_tui.meeting.render import (
    RenderError,
    action_nicks,
    agenda_entries,
    chunks,
    nick_entries,
    render_entry,
    rollcall_entries,
    start_entries,
    start_notes,
)
from chair_tui.meeting.store import (
    JournalWriter,
    create_new,
    decode_record,
    read_journal,
    remove_stale_temps,
    sessions_dir,
)
from chair_tui.meeting.text import clean_line, utf8_len
from chair_tui.meeting.value import Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FORMAT = "chair-tui-session"
VERSION = 1
COMPACT_EVERY = 2000
PENDING = "pending"
COPIED = "copied"
DELETED = "deleted"


class SessionError(ValueError):
    """A request the session refuses, worded for the chair."""


class Step(Value):
    __slots__ = ("id", "kind", "title", "topic")
    _fields = ("id", "kind", "title", "topic")

    def __init__(self, id: str, kind: str, title: str, topic: int | None = None) -> None:
        self.id = id
        self.kind = kind  # start, rollcall, approval, topic, open, end
        self.title = title
        self.topic = topic  # index into the agenda for topic steps

    def label(self, steps: Sequence[Step]) -> str:
        if self.kind == "topic" and self.topic is not None:
            total = sum(1 for s in steps if s.kind == "topic")
            return f"Topic {self.topic + 1}/{total}"
        return {
            "start": "Start",
            "rollcall": "Roll call",
            "approval": "Minutes",
            "open": "Open floor",
            "end": "End",
        }[self.kind]


class OutLine(Value):
    __slots__ = ("entry", "id", "kind", "state", "text")
    _fields = ("id", "text", "kind", "entry", "state")
    __hash__ = None  # type: ignore[assignment]  # mutable

    def __init__(self, id: int, text: str, kind: Kind, entry: int, state: str = PENDING) -> None:
        self.id = id
        self.text = text
        self.kind = kind
        self.entry = entry
        self.state = state


class Recorded(Value):
    __slots__ = ("at", "id", "kind", "line_ids", "nicks", "notes", "step", "text", "undone", "verb")
    _fields = ("id", "step", "kind", "text", "line_ids", "at", "verb", "nicks", "notes", "undone")
    __hash__ = None  # type: ignore[assignment]  # mutable

    def __init__(
        self,
        id: int,
        step: str,
        kind: Kind,
        text: str,
        line_ids: list[int],
        at: float,
        verb: str | None = None,
        nicks: tuple[str, ...] = (),
        notes: tuple[str, ...] = (),
        undone: bool = False,
    ) -> None:
        self.id = id
        self.step = step
        self.kind = kind
        self.text = text
        self.line_ids = line_ids
        self.at = at
        self.verb = verb
        self.nicks = nicks
        self.notes = notes
        self.undone = undone


class Preview(Value):
    """What recording an entry would emit, for the composer's live lint."""

    __slots__ = ("assignees", "bytes_used", "error", "lines", "new_nicks", "notes")
    _fields = ("lines", "notes", "error", "assignees", "new_nicks", "bytes_used")

    def __init__(
        self,
        lines: tuple[str, ...],
        notes: tuple[str, ...],
        error: str | None,
        assignees: tuple[str, ...] = (),
        new_nicks: tuple[str, ...] = (),
        bytes_used: tuple[int, ...] = (),
    ) -> None:
        self.lines = lines
        self.notes = notes
        self.error = error
        self.assignees = assignees
        self.new_nicks = new_nicks
        self.bytes_used = bytes_used


def plan_to_dict(plan: MeetingPlan) -> dict[str, Any]:
    d: dict[str, Any] = {
        "title": plan.title,
        "name": plan.name,
        "profile": plan.profile,
        "chair": plan.chair,
        "chairs": list(plan.chairs),
        "channel": plan.channel,
        "rollcall_title": plan.rollcall_title,
        "open_floor_title": plan.open_floor_title,
        "members": [{"nick": m.nick, "name": m.name} for m in plan.members],
        "agenda": [_agenda_to_dict(a) for a in plan.agenda],
        "max_bytes": plan.max_bytes,
    }
    if plan.minutes_approval is not None:
        d["minutes_approval"] = {
            "date": plan.minutes_approval.date,
            "link": plan.minutes_approval.link,
        }
    return d


def _agenda_to_dict(a: AgendaItem) -> dict[str, Any]:
    d: dict[str, Any] = {"title": a.title, "links": list(a.links), "info": list(a.info)}
    if a.minutes is not None:
        d["minutes"] = a.minutes
    return d


def new_session_id(now: float) -> str:
    import os
    from datetime import UTC, datetime

    stamp = datetime.fromtimestamp(now, UTC).strftime("%Y%m%d-%H%M%S")
    # Random enough to keep two sessions started in the same second apart; os.urandom is what
    # ``secrets`` uses, without its import cost at start-up.
    return f"{stamp}-{os.urandom(3).hex()}"


class Session:
    def __init__(
        self,
        plan: MeetingPlan,
        *,
        profile: str | None = None,
        path: Path | None = None,
        clock: Callable[[], float] = time.time,
        sid: str | None = None,
        sync: bool = True,
    ) -> None:
        self.clock = clock
        self.plan = plan
        self.profile: Profile = get_profile(profile or plan.profile)
        self.max_bytes = plan.max_bytes
        self.sid = sid or new_session_id(clock())
        self.path = path
        self.agenda: list[AgendaItem] = list(plan.agenda)
        self.step_index = 0
        self.attendance: dict[str, str] = {}
        self.guests: list[str] = []
        self.secretary = ""
        self.entries: list[Recorded] = []
        self.lines: list[OutLine] = []
        self._line_by_id: dict[int, OutLine] = {}
        self.nicked: set[str] = set()
        self.created = clock()
        self.step_entered: dict[str, float] = {}
        self.opened_steps: set[str] = set()
        self.ended_at: float | None = None
        self.torn_tail: str | None = None
        self._next_id = 1
        self._writer: JournalWriter | None = JournalWriter(path, sync=sync) if path else None
        self._listeners: list[Callable[[dict[str, Any]], None]] = []

    # ------------------------------------------------------------------ persistence

    @classmethod
    def create(
        cls,
        plan: MeetingPlan,
        base: Path,
        *,
        profile: str | None = None,
        clock: Callable[[], float] = time.time,
        sync: bool = True,
        path: Path | None = None,
    ) -> Session:
        """A new session in ``base``'s sessions folder, or at ``path`` (which must not exist:
        :class:`FileExistsError` otherwise)."""
        sid = new_session_id(clock())
        if path is None:
            path = sessions_dir(base) / f"{sid}.jsonl"
        create_new(path)
        s = cls(plan, profile=profile, path=path, clock=clock, sid=sid, sync=sync)
        s._commit(
            {
                "op": "header",
                "format": FORMAT,
                "version": VERSION,
                "id": sid,
                "created": s.created,
                "plan": plan_to_dict(plan),
                "profile": s.profile.name,
            }
        )
        return s

    @classmethod
    def load(
        cls,
        path: Path,
        *,
        clock: Callable[[], float] = time.time,
        sync: bool = True,
        read_only: bool = False,
    ) -> Session:
        """Replay the journal at ``path``.

        A torn last record is left out and described in :attr:`torn_tail`; unless
        ``read_only``, the file is then rewritten without it so later appends are clean.
        A damaged earlier record, or a file that is not a session, is an :class:`InputError`.
        """
        read = read_journal(path)
        if not read.records:
            raise InputError(path, "empty session file (no header record)")
        first = read.records[0]
        header = first.get("header", {}) if first.get("op") == "snapshot" else first
        if not isinstance(header, dict):
            header = {}
        if header.get("format") != FORMAT or header.get("op") != "header":
            raise InputError(path, "not a chair-tui session (no header record)", 1)
        if header.get("version") != VERSION:
            raise InputError(
                path, f"session format version {header.get('version')!r} is not supported", 1
            )
        line = 1
        try:
            plan = plan_from_dict(dict(header["plan"]), path)
            s = cls(
                plan,
                profile=str(header["profile"]),
                path=None if read_only else path,
                clock=clock,
                sid=str(header["id"]),
                sync=sync,
            )
            s.path = path
            s.created = float(header["created"])
            s._header = header
            for record in read.records:
                s._apply(record)
                line += 1
        except InputError:
            raise
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            raise InputError(path, f"damaged session ({type(exc).__name__}: {exc})", line) from None
        s.torn_tail = read.torn_tail
        if s._writer is not None:
            remove_stale_temps(path)  # left by a compaction cut short by a crash
            # the records after the snapshot (a compacted journal starts with one)
            s._writer.records_written = len(read.records) - (
                1 if first.get("op") == "snapshot" else 0
            )
            if read.torn_tail or not read.clean_end:
                # rewrite without the torn record so later appends start on a clean line
                s.compact()
            else:
                s._compact_if_long()
        return s

    def close(self) -> None:
        """Close the journal, compacting it first if it has grown long (see :meth:`compact`)."""
        if self._writer is not None:
            self._compact_if_long()
            self._writer.close()

    def add_listener(self, fn: Callable[[dict[str, Any]], None]) -> None:
        self._listeners.append(fn)

    def _commit(self, record: dict[str, Any]) -> None:
        if self._writer is not None:
            self._writer.append(record)
        self._apply(record)
        for fn in self._listeners:
            fn(record)
        # No compaction here: it rewrites the whole session (about 30 ms at 5,000 entries, more
        # on a slow disk), and this runs inside the key press that made the change.  A long
        # journal is compacted when it is loaded or closed instead.

    def compact(self) -> None:
        """Rewrite the journal as one snapshot record (atomically: see ``store.atomic_write``)."""
        if self._writer is None:
            return
        self._writer.replace_all(self._snapshot_records())
        self._writer.records_written = 0

    def _compact_if_long(self) -> None:
        """Compact when :data:`COMPACT_EVERY` records or more follow the snapshot."""
        if self._writer is None or self._writer.records_written < COMPACT_EVERY:
            return
        try:
            self.compact()
        except OSError:
            pass  # every change is saved in the journal; compaction can wait for next time

    _header: dict[str, Any]

    def _snapshot_records(self) -> list[dict[str, Any]]:
        header = getattr(self, "_header", None) or {
            "op": "header",
            "format": FORMAT,
            "version": VERSION,
            "id": self.sid,
            "created": self.created,
            "plan": plan_to_dict(self.plan),
            "profile": self.profile.name,
        }
        out: list[dict[str, Any]] = [{"op": "snapshot", "header": header, "state": self._state()}]
        if self.ended_at is not None:
            out.append({"op": "end", "at": self.ended_at})
        return out

    def _state(self) -> dict[str, Any]:
        return {
            "agenda": [_agenda_to_dict(a) for a in self.agenda],
            "step_index": self.step_index,
            "attendance": self.attendance,
            "guests": self.guests,
            "secretary": self.secretary,
            "nicked": sorted(self.nicked),
            "step_entered": self.step_entered,
            "opened_steps": sorted(self.opened_steps),
            "ended_at": self.ended_at,
            "next_id": self._next_id,
            "entries": [
                {
                    "id": e.id,
                    "step": e.step,
                    "kind": e.kind.value,
                    "text": e.text,
                    "verb": e.verb,
                    "nicks": list(e.nicks),
                    "notes": list(e.notes),
                    "line_ids": e.line_ids,
                    "at": e.at,
                    "undone": e.undone,
                }
                for e in self.entries
            ],
            "lines": [
                {
                    "id": ln.id,
                    "text": ln.text,
                    "kind": ln.kind.value,
                    "entry": ln.entry,
                    "state": ln.state,
                }
                for ln in self.lines
            ],
        }

    def _load_state(self, st: dict[str, Any]) -> None:
        self.agenda = [_agenda_from(a) for a in st["agenda"]]
        self.step_index = int(st["step_index"])
        self.attendance = {str(k): str(v) for k, v in st["attendance"].items()}
        self.guests = [str(g) for g in st["guests"]]
        self.secretary = str(st["secretary"])
        self.nicked = {str(n) for n in st["nicked"]}
        self.step_entered = {str(k): float(v) for k, v in st["step_entered"].items()}
        self.opened_steps = {str(s) for s in st["opened_steps"]}
        self.ended_at = st["ended_at"]
        self._next_id = int(st["next_id"])
        self.entries = [
            Recorded(
                id=int(e["id"]),
                step=str(e["step"]),
                kind=KIND_BY_VALUE[e["kind"]],
                text=str(e["text"]),
                verb=e["verb"],
                nicks=tuple(e["nicks"]),
                notes=tuple(e["notes"]),
                line_ids=[int(i) for i in e["line_ids"]],
                at=float(e["at"]),
                undone=bool(e["undone"]),
            )
            for e in st["entries"]
        ]
        self.lines = [
            OutLine(
                int(ln["id"]),
                str(ln["text"]),
                KIND_BY_VALUE[ln["kind"]],
                int(ln["entry"]),
                str(ln["state"]),
            )
            for ln in st["lines"]
        ]
        self._line_by_id = {ln.id: ln for ln in self.lines}

    # ------------------------------------------------------------------ replay

    def _apply(self, r: dict[str, Any]) -> None:
        op = r["op"]
        if op == "header":
            self.step_entered.setdefault("start", float(r["created"]))
            return
        if op == "snapshot":
            self._load_state(r["state"])
            return
        if op == "record":
            for ln in r["lines"]:
                out = OutLine(
                    int(ln["id"]),
                    str(ln["text"]),
                    KIND_BY_VALUE[ln["kind"]],
                    int(r["id"]),
                    str(ln.get("state", PENDING)),
                )
                self.lines.append(out)
                self._line_by_id[out.id] = out
                if out.kind is Kind.NICK and out.state != DELETED:
                    self.nicked.update(out.text.split()[1:])
            self.entries.append(
                Recorded(
                    id=int(r["id"]),
                    step=str(r["step"]),
                    kind=KIND_BY_VALUE[r["kind"]],
                    text=str(r["text"]),
                    verb=r.get("verb"),
                    nicks=tuple(r.get("nicks", ())),
                    notes=tuple(r.get("notes", ())),
                    line_ids=[int(ln["id"]) for ln in r["lines"]],
                    at=float(r["at"]),
                )
            )
            if r.get("opens"):
                self.opened_steps.add(str(r["opens"]))
            self._next_id = max(
                self._next_id, int(r["id"]) + 1, *(int(ln["id"]) + 1 for ln in r["lines"])
            )
        elif op == "copied":
            for i in r["ids"]:
                self._line_by_id[int(i)].state = COPIED
        elif op == "edit":
            self._line_by_id[int(r["line"])].text = str(r["text"])
            self._recompute_nicked()
        elif op == "delete":
            self._line_by_id[int(r["line"])].state = DELETED
            self._recompute_nicked()
        elif op == "undo":
            entry = self._entry(int(r["entry"]))
            entry.undone = True
            for i in r["removed"]:
                self._line_by_id[int(i)].state = DELETED
            self._recompute_nicked()
            for ln in r.get("lines", []):
                out = OutLine(int(ln["id"]), str(ln["text"]), KIND_BY_VALUE[ln["kind"]], entry.id)
                self.lines.append(out)
                self._line_by_id[out.id] = out
                self._next_id = max(self._next_id, out.id + 1)
        elif op == "attend":
            self.attendance[str(r["nick"])] = str(r["state"])
        elif op == "guest":
            name = str(r["name"])
            if r["add"]:
                if name not in self.guests:
                    self.guests.append(name)
            elif name in self.guests:
                self.guests.remove(name)
        elif op == "secretary":
            self.secretary = str(r["nick"])
        elif op == "step":
            self.step_index = int(r["index"])
            self.step_entered.setdefault(self.steps[self.step_index].id, float(r["at"]))
        elif op == "agenda":
            self.agenda = [_agenda_from(a) for a in r["items"]]
            self.step_index = int(r["index"])
        elif op == "end":
            self.ended_at = float(r["at"])
        else:
            raise ValueError(f"unknown record op {op!r}")

    def _recompute_nicked(self) -> None:
        """Nicks introduced by ``#nick`` lines that are still to be (or were) sent."""
        self.nicked = {
            n
            for ln in self.lines
            if ln.kind is Kind.NICK and ln.state != DELETED
            for n in ln.text.split()[1:]
        }

    # ------------------------------------------------------------------ queries

    @property
    def steps(self) -> list[Step]:
        out = [
            Step("start", "start", "Start"),
            Step("rollcall", "rollcall", self.plan.rollcall_title),
        ]
        if self.plan.minutes_approval is not None:
            out.append(Step("approval", "approval", self.plan.minutes_approval.title))
        seen: dict[str, int] = {}
        for i, item in enumerate(self.agenda):
            n = seen[item.title] = seen.get(item.title, 0) + 1
            sid = f"topic:{item.title}" + (f"#{n}" if n > 1 else "")
            out.append(Step(sid, "topic", item.title, i))
        out.append(Step("open", "open", self.plan.open_floor_title))
        out.append(Step("end", "end", "End"))
        return out

    @property
    def step(self) -> Step:
        steps = self.steps
        return steps[min(self.step_index, len(steps) - 1)]

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @property
    def started(self) -> bool:
        return "start" in self.opened_steps

    def first_pending(self) -> OutLine | None:
        """The oldest pending line, found without rescanning the whole outbox.

        Lines are only appended, and a line never becomes pending again, so the position of
        the first pending line only moves forward.
        """
        lines = self.lines
        i = min(getattr(self, "_pending_from", 0), len(lines))
        while i < len(lines) and lines[i].state != PENDING:
            i += 1
        self._pending_from = i
        return lines[i] if i < len(lines) else None

    def pending(self) -> list[OutLine]:
        return [ln for ln in self.lines if ln.state == PENDING]

    def visible_lines(self) -> list[OutLine]:
        return [ln for ln in self.lines if ln.state != DELETED]

    def line(self, line_id: int) -> OutLine:
        try:
            return self._line_by_id[line_id]
        except KeyError:
            raise SessionError(f"no line {line_id}") from None

    def _entry(self, entry_id: int) -> Recorded:
        for e in reversed(self.entries):
            if e.id == entry_id:
                return e
        raise ValueError(f"no entry {entry_id}")

    def seen_nicks(self) -> set[str]:
        """Nicks the bot is sure to know: the chairs and the ``#nick``'ed nicks.

        Someone marked present may have answered before ``#startmeeting`` (the bots only count
        lines said during the meeting), so roll call introduces present members with ``#nick``
        rather than assuming the bot saw them speak.
        """
        seen = set(self.plan.chairs) | set(self.nicked)
        if self.plan.chair:
            seen.add(self.plan.chair)
        return seen

    def roster(self) -> list[str]:
        names = [m.nick for m in self.plan.members]
        for n in (*self.plan.chairs, *sorted(self.nicked)):
            if n not in names:
                names.append(n)
        return names

    def next_chunk(self) -> list[OutLine]:
        pending = self.pending()
        if not pending:
            return []
        groups = chunks([ln.text for ln in pending], self.profile)
        return pending[: len(groups[0])]

    def elapsed(self, now: float | None = None) -> float:
        now = self.clock() if now is None else now
        end = self.ended_at or now
        return max(0.0, end - self.created)

    def step_elapsed(self, step: Step | None = None, now: float | None = None) -> float:
        step = step or self.step
        now = self.clock() if now is None else now
        start = self.step_entered.get(step.id)
        if start is None:
            return 0.0
        # a step ends when a later step was entered
        later = [t for sid, t in self.step_entered.items() if t > start and sid != step.id]
        end = min(later) if later and self.step.id != step.id else (self.ended_at or now)
        return max(0.0, end - start)

    def timebox(self, step: Step | None = None) -> int | None:
        step = step or self.step
        if step.kind == "topic" and step.topic is not None:
            return self.agenda[step.topic].minutes
        return None

    def live_entries(self) -> list[Recorded]:
        return [e for e in self.entries if not e.undone]

    # ------------------------------------------------------------------ rendering

    def preview(self, entry: Entry) -> Preview:
        try:
            lines, notes, new_nicks = self._render(entry)
        except RenderError as exc:
            return Preview((), (), str(exc))
        who: tuple[str, ...] = ()
        if entry.kind is Kind.ACTION and lines:
            action_text = next(ln for k, ln in lines if k is Kind.ACTION)
            payload = action_text.split(" ", 1)[1] if " " in action_text else ""
            who = tuple(assignees(self.profile, payload, self.seen_nicks() | set(new_nicks)))
        return Preview(
            tuple(t for _, t in lines),
            notes,
            None,
            who,
            new_nicks,
            tuple(utf8_len(t) for _, t in lines),
        )

    def _render(
        self, entry: Entry
    ) -> tuple[list[tuple[Kind, str]], tuple[str, ...], tuple[str, ...]]:
        roster = self.roster()
        rendered = render_entry(entry, self.profile, max_bytes=self.max_bytes, roster=roster)
        lines = [(ln.kind, ln.text) for ln in rendered.lines]
        notes = list(rendered.notes)
        new_nicks: tuple[str, ...] = ()
        if entry.kind is Kind.ACTION:
            nicks, _ = action_nicks(entry, roster)
            extra = nick_entries(self.profile, nicks, self.seen_nicks())
            if extra:
                new_nicks = tuple(extra[0].text.split())
                pre = render_entry(extra[0], self.profile, max_bytes=self.max_bytes)
                lines = [(ln.kind, ln.text) for ln in pre.lines] + lines
                notes.append(
                    f"{' '.join(new_nicks)} not seen yet: {self.profile.prefix}nick first "
                    "so the action is assigned"
                )
        return lines, tuple(notes), new_nicks

    # ------------------------------------------------------------------ changes

    def _check_open(self) -> None:
        if self.ended:
            raise SessionError("the meeting has ended")

    def record(self, entry: Entry, *, opens: str | None = None) -> Recorded:
        """Record ``entry`` in the current step; its lines go to the outbox as pending."""
        self._check_open()
        lines, notes, _new = self._render(entry)
        return self._record_lines(entry, lines, notes, opens=opens)

    def _record_lines(
        self,
        entry: Entry,
        lines: Sequence[tuple[Kind, str]],
        notes: Sequence[str],
        *,
        opens: str | None = None,
        state: str = PENDING,
    ) -> Recorded:
        eid = self._next_id
        line_recs = [
            {"id": eid + 1 + i, "text": text, "kind": kind.value, "state": state}
            for i, (kind, text) in enumerate(lines)
        ]
        record: dict[str, Any] = {
            "op": "record",
            "id": eid,
            "step": self.step.id,
            "kind": entry.kind.value,
            "text": entry.text,
            "verb": entry.verb,
            "nicks": list(entry.nicks),
            "notes": list(notes),
            "lines": line_recs,
            "at": self.clock(),
        }
        if opens:
            record["opens"] = opens
        self._commit(record)
        return self.entries[-1]

    def record_many(
        self,
        entries: Iterable[Entry],
        *,
        opens: str | None = None,
        first_notes: Sequence[str] = (),
    ) -> list[Recorded]:
        """Record several entries, or none if any is refused; ``first_notes`` go on the first."""
        self._check_open()
        entries = list(entries)
        # render all first so a refusal leaves nothing half-recorded
        rendered = [self._render(e) for e in entries]
        out = []
        for i, (e, (lines, notes, _)) in enumerate(zip(entries, rendered, strict=True)):
            if i == 0:
                notes = (*notes, *first_notes)
            out.append(self._record_lines(e, lines, notes, opens=opens if i == 0 else None))
        return out

    def import_raw(self, texts: Sequence[tuple[Kind, str]]) -> None:
        """Record lines exactly as given (from a log), as already sent (copied).

        A start command opens the start step; an end command marks the session ended after
        them all.
        """
        self._check_open()
        for kind, text in texts:
            opens = "start" if kind is Kind.START and not self.started else None
            self._record_lines(Entry(kind, text), [(kind, text)], (), state=COPIED, opens=opens)
        if any(kind is Kind.END for kind, _ in texts):
            self._commit({"op": "end", "at": self.clock()})

    def start_block(self) -> list[Entry]:
        return start_entries(self.plan, self.profile)

    def start_notes(self) -> tuple[str, ...]:
        """What the plan's start block asks that this profile's bot cannot do (see render)."""
        return start_notes(self.plan, self.profile)

    def open_step(self, edited: Sequence[Entry] | None = None) -> list[Recorded]:
        """Emit the current step's opening lines (once): start block, #topic and its links."""
        self._check_open()
        step = self.step
        if step.id in self.opened_steps:
            return []
        entries: list[Entry]
        first_notes: tuple[str, ...] = ()
        if step.kind == "start":
            entries = list(edited) if edited is not None else self.start_block()
            if edited is None:
                first_notes = self.start_notes()
        elif step.kind == "rollcall":
            entries = [Entry(Kind.TOPIC, step.title)]
        elif step.kind == "approval":
            assert self.plan.minutes_approval is not None
            entries = [Entry(Kind.TOPIC, step.title)]
            if self.plan.minutes_approval.link:
                entries.append(Entry(Kind.LINK, self.plan.minutes_approval.link))
        elif step.kind == "topic":
            assert step.topic is not None
            entries = agenda_entries(self.agenda[step.topic])
        elif step.kind == "open":
            entries = [Entry(Kind.TOPIC, step.title)]
        else:
            return [self.end()]
        return self.record_many(entries, opens=step.id, first_notes=first_notes)

    def rollcall_entries(self) -> list[Entry]:
        return rollcall_entries(self.plan.members, self.attendance, self.guests, self.secretary)

    def emit_rollcall(self) -> list[Recorded]:
        entries = self.rollcall_entries()
        if not entries:
            raise SessionError("nobody is marked yet: mark members present or add guests")
        present = [m.nick for m in self.plan.members if self.attendance.get(m.nick) == "present"]
        entries.extend(nick_entries(self.profile, present, self.seen_nicks()))
        return self.record_many(entries)

    def set_attendance(self, nick: str, state: str) -> None:
        if state not in ("present", "regrets", "absent"):
            raise SessionError(f"unknown attendance state {state!r}")
        self._commit({"op": "attend", "nick": nick, "state": state})

    def add_guest(self, name: str) -> None:
        name = clean_line(name)
        if not name:
            raise SessionError("a guest needs a name")
        self._commit({"op": "guest", "name": name, "add": True})

    def remove_guest(self, name: str) -> None:
        self._commit({"op": "guest", "name": name, "add": False})

    def set_secretary(self, nick: str) -> None:
        self._commit({"op": "secretary", "nick": nick})

    def goto(self, index: int) -> None:
        steps = self.steps
        if not 0 <= index < len(steps):
            raise SessionError(f"there is no step {index + 1}")
        self._commit({"op": "step", "index": index, "at": self.clock()})

    def next_step(self) -> None:
        if self.step_index + 1 >= len(self.steps):
            raise SessionError("this is the last step")
        self.goto(self.step_index + 1)

    def prev_step(self) -> None:
        if self.step_index == 0:
            raise SessionError("this is the first step")
        self.goto(self.step_index - 1)

    def _set_agenda(self, items: list[AgendaItem], index: int) -> None:
        self._commit({"op": "agenda", "items": [_agenda_to_dict(a) for a in items], "index": index})

    def add_topic(self, title: str, *, after_current: bool = True) -> int:
        """Add an ad-hoc topic after the current one (or at the end); returns its step index."""
        title = clean_line(title)
        if not title:
            raise SessionError("a topic needs a title")
        items = list(self.agenda)
        step = self.step
        if after_current and step.kind == "topic" and step.topic is not None:
            pos = step.topic + 1
        elif after_current and step.kind in ("start", "rollcall", "approval"):
            pos = 0
        else:
            pos = len(items)
        items.insert(pos, AgendaItem(title))
        current_id = step.id
        new_steps_index = self._index_after_agenda_change(items, current_id)
        self._set_agenda(items, new_steps_index)
        return [s.topic for s in self.steps].index(pos)

    def move_topic(self, topic: int, delta: int) -> None:
        items = list(self.agenda)
        target = topic + delta
        if not (0 <= topic < len(items) and 0 <= target < len(items)):
            raise SessionError("cannot move the topic further")
        items[topic], items[target] = items[target], items[topic]
        self._set_agenda(items, self._index_after_agenda_change(items, self.step.id))

    def _index_after_agenda_change(self, items: list[AgendaItem], current_id: str) -> int:
        saved = self.agenda
        self.agenda = items
        try:
            ids = [s.id for s in self.steps]
        finally:
            self.agenda = saved
        return ids.index(current_id) if current_id in ids else min(self.step_index, len(ids) - 1)

    def mark_copied(self, ids: Sequence[int]) -> None:
        """Mark lines as pasted into the room; deleted lines cannot be."""
        for i in ids:
            if self.line(i).state == DELETED:
                raise SessionError(f"line {i} was deleted: it cannot be copied")
        if ids:
            self._commit({"op": "copied", "ids": list(ids)})

    def edit_line(self, line_id: int, text: str) -> None:
        ln = self.line(line_id)
        if ln.state != PENDING:
            raise SessionError("only a pending line can be edited; copy it again instead")
        new = clean_line(text)
        if not new:
            raise SessionError("an edited line cannot be empty: delete it instead")
        if utf8_len(new) > self.max_bytes:
            raise SessionError(f"the line is {utf8_len(new)} bytes; the limit is {self.max_bytes}")
        self._commit({"op": "edit", "line": line_id, "text": new})

    def delete_line(self, line_id: int) -> None:
        ln = self.line(line_id)
        if ln.state != PENDING:
            raise SessionError("this line was already copied: undo the entry instead")
        if ln.kind is Kind.END and self.ended:
            raise SessionError("the meeting has ended: the end line must be sent to the bot")
        self._commit({"op": "delete", "line": line_id})

    def undo(self) -> str:
        """Undo the last live entry; returns what happened, for the status bar."""
        if self.ended:
            raise SessionError("the meeting has ended: there is nothing left to undo")
        live = [e for e in self.entries if not e.undone]
        if not live:
            raise SessionError("nothing to undo")
        entry = live[-1]
        lines = [self._line_by_id[i] for i in entry.line_ids]
        pending = [ln.id for ln in lines if ln.state == PENDING]
        copied = [ln for ln in lines if ln.state == COPIED]
        if self.profile.family == "hcoop":
            # hcoop's #undo removes the last event of any kind, but never the start
            undoable = [ln for ln in copied if ln.kind not in (Kind.START, Kind.END, Kind.NOTE)]
        else:
            undoable = [ln for ln in copied if ln.kind in MINUTES_KINDS]
        if undoable and not self.profile.supports_undo:
            raise SessionError(
                f"{self.profile.label} has no undo and this entry was already pasted: "
                "say the correction in the room"
            )
        undo_lines = []
        if undoable:
            cmd = self.profile.command(Kind.UNDO)
            undo_lines = [
                {"id": self._next_id + i, "text": cmd, "kind": Kind.UNDO.value}
                for i in range(len(undoable))
            ]
        self._commit({"op": "undo", "entry": entry.id, "removed": pending, "lines": undo_lines})
        if undo_lines:
            return f"queued {len(undo_lines)} × {self.profile.command(Kind.UNDO)}"
        if copied:
            return (
                f"removed {len(pending)} pending line(s); what was already sent is not "
                "in the minutes, so there is nothing to undo in the room"
            )
        return f"removed {len(pending)} pending line(s)"

    def end(self) -> Recorded:
        """Queue ``#endmeeting`` and mark the meeting ended."""
        self._check_open()
        rec = self._record_lines(Entry(Kind.END), [(Kind.END, self.profile.command(Kind.END))], ())
        self._commit({"op": "end", "at": self.clock()})
        return rec

    # ------------------------------------------------------------------ summary

    def summary(self) -> dict[str, Any]:
        """Topics with their decisions, and actions by person, for the end screen."""
        topics: list[dict[str, Any]] = []
        actions: dict[str, list[str]] = {}
        unassigned: list[str] = []
        decisions: list[str] = []
        attendees = self.seen_nicks()
        for e in self.live_entries():
            for ln in (self._line_by_id[i] for i in e.line_ids):
                if ln.state == DELETED:
                    continue
                verb, _, rest = ln.text.partition(" ")
                if ln.kind is Kind.TOPIC:
                    topics.append({"title": rest, "items": []})
                elif ln.kind in (Kind.DECISION, Kind.REJECTED):
                    decisions.append(rest)
                    if topics:
                        topics[-1]["items"].append(f"{verb} {rest}")
                elif ln.kind is Kind.ACTION:
                    who = assignees(self.profile, rest, attendees)
                    for n in who:
                        actions.setdefault(n, []).append(rest)
                    if not who:
                        unassigned.append(rest)
        return {
            "topics": topics,
            "decisions": decisions,
            "actions": actions,
            "unassigned": unassigned,
        }

    def export_lines(self) -> list[str]:
        """Every line not deleted, in order; empty lines (which IRC cannot send) left out."""
        return [ln.text for ln in self.lines if ln.state != DELETED and ln.text != ""]


def _agenda_from(d: dict[str, Any]) -> AgendaItem:
    minutes = d.get("minutes")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)):
        raise ValueError(f"agenda item {d.get('title')!r}: time-box {minutes!r} is not a number")
    return AgendaItem(
        str(d["title"]),
        tuple(str(x) for x in d.get("links", ())),
        tuple(str(x) for x in d.get("info", ())),
        minutes,
    )


RECENT_ENDED_S = 3 * 24 * 3600  # ended meetings checked for lines not yet pasted


def find_unfinished(base: Path, *, now: float | None = None) -> list[Path]:
    """Session files to offer for resuming, newest first: meetings not yet ended (damaged ones
    included), and meetings ended in the last three days whose last lines (``#endmeeting``,
    say) were never copied. Older ended meetings are not replayed to find out."""
    from chair_tui.meeting.store import iter_session_files

    if now is None:
        now = time.time()
    out = []
    for p in iter_session_files(base):
        try:
            ended = _has_end_record(p)
            recent = now - p.stat().st_mtime < RECENT_ENDED_S
        except OSError:
            continue
        if not ended or (recent and _has_pending_lines(p)):
            out.append(p)
    return out


def _has_pending_lines(path: Path) -> bool:
    try:
        return Session.load(path, read_only=True).first_pending() is not None
    except InputError:
        return False


def _has_end_record(path: Path) -> bool:
    """Whether the journal holds an intact ``end`` record, wherever it is."""
    for raw in path.read_bytes().split(b"\n"):
        if b'"op":"end"' not in raw:
            continue
        try:
            if decode_record(raw).get("op") == "end":
                return True
        except (ValueError, UnicodeDecodeError):
            continue
    return False
