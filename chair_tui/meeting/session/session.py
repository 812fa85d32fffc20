"""A meeting in progress or done: steps, attendance, entries and the outbox of lines.

Every change goes through :meth:`Session._commit`, which appends one journal record to disk
(fsync'd) *before* changing the in-memory state, so whatever the chair has seen on screen is
already saved; then the session's listeners hear of it as a typed event. Loading replays the
journal. See ``docs/session-format.md``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.model import AgendaItem, Attendance, Entry, MeetingPlan
from chair_tui.meeting.profiles import MINUTES_KINDS, Kind
from chair_tui.meeting.render import (
    agenda_entries,
    nick_entries,
    rollcall_entries,
    start_entries,
    start_notes,
)
from chair_tui.meeting.session import codec
from chair_tui.meeting.session.lock import Holder, SessionLock
from chair_tui.meeting.session.preview import Preview, Rendered, preview, render_for
from chair_tui.meeting.session.records import (
    AgendaChanged,
    AttendanceSet,
    EntryRecorded,
    EntryUndone,
    Event,
    GuestChanged,
    Header,
    LineDeleted,
    LineEdited,
    LinesCopied,
    LineState,
    MeetingEnded,
    NewLine,
    Record,
    SecretarySet,
    Snapshot,
    StepEntered,
    StepKind,
)
from chair_tui.meeting.session.replay import read_records
from chair_tui.meeting.session.state import (
    COPIED,
    DELETED,
    PENDING,
    MeetingState,
    Recorded,
    SessionError,
)
from chair_tui.meeting.session.steps import meeting_steps
from chair_tui.meeting.store import (
    JournalWriter,
    create_new,
    remove_stale_temps,
    sessions_dir,
)
from chair_tui.meeting.text import clean_line, utf8_len

__all__ = ["Preview", "Session", "new_session_id"]


def new_session_id(now: float) -> str:
    stamp = datetime.fromtimestamp(now, UTC).strftime("%Y%m%d-%H%M%S")
    # random enough to keep two sessions started in the same second apart
    return f"{stamp}-{os.urandom(3).hex()}"


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


class Session(MeetingState):
    # A journal with this many records after its snapshot is compacted when loaded or closed.
    COMPACT_EVERY = 2000

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
        super().__init__(plan, profile=profile, clock=clock)
        self.sid = sid or new_session_id(clock())
        self.path = path
        self.torn_tail: str | None = None
        self._header: Header | None = None
        self._writer: JournalWriter | None = JournalWriter(path, sync=sync) if path else None
        self._listeners: list[Callable[[Event], None]] = []
        # Read-only: loaded to be looked at (export, another window's view); never written.
        self.read_only = False
        self.held_by: Holder | None = None  # who has it open for writing, when read-only
        self._lock: SessionLock | None = None
        self._clean_end = True

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
        try:
            lock = SessionLock.acquire(path)
        except BaseException:
            _remove_quietly(path)
            raise
        s: Session | None = None
        try:
            s = cls(plan, profile=profile, path=path, clock=clock, sid=sid, sync=sync)
            s._lock = lock
            s._commit(Header(sid, s.created, plan, s.profile.name))
        except BaseException:
            # No header, no session: nothing is left behind, neither the lock nor the file
            # (it holds nothing the chair made; a half header would only be "damaged" later).
            if s is not None:
                s.close()  # releases the lock too
            else:
                lock.release()
            _remove_quietly(path)
            raise
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
        A damaged earlier record, or a file that is not a session, is an :class:`InputError`
        (:class:`codec.NewerFormatError` for a session of a newer format: not damaged).

        Unless ``read_only``, the session's lock is taken first (see :mod:`.lock`), so the
        torn-tail rewrite and compaction happen only under it; :class:`SessionLocked` when
        another process has the session open. A read-only load never writes or locks.
        """
        lock = None if read_only else SessionLock.acquire(path)
        try:
            s = cls._replay(path, clock=clock, sync=sync, read_only=read_only)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        s._lock = lock
        if s._writer is not None:
            remove_stale_temps(path)  # left by a compaction cut short by a crash
            if s.torn_tail or not s._clean_end:
                # rewrite without the torn record so later appends start on a clean line
                s.compact()
            else:
                s._compact_if_long()
        return s

    @classmethod
    def _replay(
        cls, path: Path, *, clock: Callable[[], float], sync: bool, read_only: bool
    ) -> Session:
        journal = read_records(path)
        header = journal.header
        line = 1
        try:
            s = cls(
                header.plan,
                profile=header.profile,
                path=None if read_only else path,
                clock=clock,
                sid=header.sid,
                sync=sync,
            )
            s.path = path
            s.read_only = read_only
            s.created = header.created
            s._header = header
            for record in journal.records:
                s._apply(record)
                line += 1
        except (KeyError, TypeError, ValueError, IndexError, AttributeError, RecursionError) as exc:
            raise InputError(path, f"damaged session ({type(exc).__name__}: {exc})", line) from None
        s.torn_tail = journal.torn_tail
        s._clean_end = journal.clean_end
        if s._writer is not None:
            s._writer.records_written = journal.after_snapshot
        return s

    def close(self) -> None:
        """Close the journal, compacting it first if it has grown long (see :meth:`compact`)."""
        if self._writer is not None:
            self._compact_if_long()
            self._writer.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def add_listener(self, fn: Callable[[Event], None]) -> None:
        """Call ``fn`` with every change, after it is saved and applied."""
        self._listeners.append(fn)

    def _commit(self, record: Header | Event) -> None:
        if self.read_only:
            raise SessionError(
                "this meeting is read-only here"
                + (f": it is {self.held_by.describe()}" if self.held_by else "")
            )
        if self._writer is not None:
            self._writer.append(codec.encode(record))
        self._apply(record)
        if not isinstance(record, Header):
            for fn in self._listeners:
                fn(record)
        # No compaction here: it rewrites the whole session (about 30 ms at 5,000 entries, more
        # on a slow disk), and this runs inside the key press that made the change.  A long
        # journal is compacted when it is loaded or closed instead.

    def compact(self) -> None:
        """Rewrite the journal as one snapshot record (atomically: see ``store.atomic_write``)."""
        if self._writer is None:
            return
        self._writer.replace_all([codec.encode(r) for r in self._snapshot_records()])
        self._writer.records_written = 0

    def _compact_if_long(self) -> None:
        """Compact when :attr:`COMPACT_EVERY` records or more follow the snapshot."""
        if self._writer is None or self._writer.records_written < self.COMPACT_EVERY:
            return
        try:
            self.compact()
        except OSError:
            pass  # every change is saved in the journal; compaction can wait for next time

    def _snapshot_records(self) -> list[Record]:
        header = self._header or Header(self.sid, self.created, self.plan, self.profile.name)
        out: list[Record] = [Snapshot(header, self._state())]
        if self.ended_at is not None:
            out.append(MeetingEnded(self.ended_at))
        return out

    # ------------------------------------------------------------------ rendering

    def preview(self, entry: Entry) -> Preview:
        return preview(self, entry)

    def _render(self, entry: Entry) -> Rendered:
        return render_for(self, entry)

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
        state: LineState = PENDING,
    ) -> Recorded:
        eid = self._next_id
        new = tuple(NewLine(eid + 1 + i, text, kind, state) for i, (kind, text) in enumerate(lines))
        self._commit(
            EntryRecorded(
                eid,
                self.step.id,
                entry.kind,
                entry.text,
                new,
                self.clock(),
                entry.verb,
                entry.nicks,
                tuple(notes),
                opens or None,
            )
        )
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
            self._commit(MeetingEnded(self.clock()))

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
        match step.kind:
            case StepKind.START:
                entries = list(edited) if edited is not None else self.start_block()
                if edited is None:
                    first_notes = self.start_notes()
            case StepKind.ROLLCALL | StepKind.OPEN:
                entries = [Entry(Kind.TOPIC, step.title)]
            case StepKind.APPROVAL:
                assert self.plan.minutes_approval is not None
                entries = [Entry(Kind.TOPIC, step.title)]
                if self.plan.minutes_approval.link:
                    entries.append(Entry(Kind.LINK, self.plan.minutes_approval.link))
            case StepKind.TOPIC:
                assert step.topic is not None
                entries = agenda_entries(self.agenda[step.topic])
            case _:
                return [self.end()]
        return self.record_many(entries, opens=step.id, first_notes=first_notes)

    def rollcall_entries(self) -> list[Entry]:
        return rollcall_entries(self.plan.members, self.attendance, self.guests, self.secretary)

    def emit_rollcall(self) -> list[Recorded]:
        entries = self.rollcall_entries()
        if not entries:
            raise SessionError("nobody is marked yet: mark members present or add guests")
        present = [
            m.nick for m in self.plan.members if self.attendance.get(m.nick) == Attendance.PRESENT
        ]
        entries.extend(nick_entries(self.profile, present, self.seen_nicks()))
        return self.record_many(entries)

    def set_attendance(self, nick: str, state: str) -> None:
        try:
            value = Attendance(state)
        except ValueError:
            raise SessionError(f"unknown attendance state {state!r}") from None
        self._commit(AttendanceSet(nick, value))

    def add_guest(self, name: str) -> None:
        name = clean_line(name)
        if not name:
            raise SessionError("a guest needs a name")
        self._commit(GuestChanged(name, True))

    def remove_guest(self, name: str) -> None:
        self._commit(GuestChanged(name, False))

    def set_secretary(self, nick: str) -> None:
        self._commit(SecretarySet(nick))

    def goto(self, index: int) -> None:
        if not 0 <= index < len(self.steps):
            raise SessionError(f"there is no step {index + 1}")
        self._commit(StepEntered(index, self.clock()))

    def next_step(self) -> None:
        if self.step_index + 1 >= len(self.steps):
            raise SessionError("this is the last step")
        self.goto(self.step_index + 1)

    def prev_step(self) -> None:
        if self.step_index == 0:
            raise SessionError("this is the first step")
        self.goto(self.step_index - 1)

    def add_topic(self, title: str, *, after_current: bool = True) -> int:
        """Add an ad-hoc topic after the current one (or at the end); returns its step index."""
        title = clean_line(title)
        if not title:
            raise SessionError("a topic needs a title")
        items = list(self.agenda)
        step = self.step
        if after_current and step.kind is StepKind.TOPIC and step.topic is not None:
            pos = step.topic + 1
        elif after_current and step.kind in (StepKind.START, StepKind.ROLLCALL, StepKind.APPROVAL):
            pos = 0
        else:
            pos = len(items)
        items.insert(pos, AgendaItem(title))
        self._commit(AgendaChanged(tuple(items), self._index_after_agenda_change(items)))
        return [s.topic for s in self.steps].index(pos)

    def move_topic(self, topic: int, delta: int) -> None:
        items = list(self.agenda)
        target = topic + delta
        if not (0 <= topic < len(items) and 0 <= target < len(items)):
            raise SessionError("cannot move the topic further")
        items[topic], items[target] = items[target], items[topic]
        self._commit(AgendaChanged(tuple(items), self._index_after_agenda_change(items)))

    def _index_after_agenda_change(self, items: list[AgendaItem]) -> int:
        """Where the current step is once the agenda is ``items``."""
        current = self.step
        if current.kind is StepKind.TOPIC and current.topic is not None:
            # the same topic, wherever it went (titles need not be unique)
            old = self.agenda[current.topic]
            moved = next(i for i, item in enumerate(items) if item is old)
            return next(
                i for i, s in enumerate(meeting_steps(self.plan, items)) if s.topic == moved
            )
        ids = [s.id for s in meeting_steps(self.plan, items)]
        return ids.index(current.id) if current.id in ids else min(self.step_index, len(ids) - 1)

    def mark_copied(self, ids: Sequence[int]) -> None:
        """Mark lines as pasted into the room; deleted lines cannot be."""
        for i in ids:
            if self.line(i).state == DELETED:
                raise SessionError(f"line {i} was deleted: it cannot be copied")
        if ids:
            self._commit(LinesCopied(tuple(ids)))

    def edit_line(self, line_id: int, text: str) -> None:
        ln = self.line(line_id)
        if ln.state != PENDING:
            raise SessionError("only a pending line can be edited; copy it again instead")
        new = clean_line(text)
        if not new:
            raise SessionError("an edited line cannot be empty: delete it instead")
        if utf8_len(new) > self.max_bytes:
            raise SessionError(f"the line is {utf8_len(new)} bytes; the limit is {self.max_bytes}")
        self._commit(LineEdited(line_id, new))

    def delete_line(self, line_id: int) -> None:
        ln = self.line(line_id)
        if ln.state != PENDING:
            raise SessionError("this line was already copied: undo the entry instead")
        if ln.kind is Kind.END and self.ended:
            raise SessionError("the meeting has ended: the end line must be sent to the bot")
        self._commit(LineDeleted(line_id))

    def undo(self) -> str:
        """Undo the last live entry; returns what happened, for the status bar."""
        if self.ended:
            raise SessionError("the meeting has ended: there is nothing left to undo")
        live = self.live_entries()
        if not live:
            raise SessionError("nothing to undo")
        entry = live[-1]
        lines = [self._line_by_id[i] for i in entry.line_ids]
        pending = tuple(ln.id for ln in lines if ln.state == PENDING)
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
        undo_lines: tuple[NewLine, ...] = ()
        if undoable:
            cmd = self.profile.command(Kind.UNDO)
            undo_lines = tuple(
                NewLine(self._next_id + i, cmd, Kind.UNDO) for i in range(len(undoable))
            )
        self._commit(EntryUndone(entry.id, pending, undo_lines))
        if undo_lines:
            return f"queued {len(undo_lines)} × {undo_lines[0].text}"
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
        self._commit(MeetingEnded(self.clock()))
        return rec
