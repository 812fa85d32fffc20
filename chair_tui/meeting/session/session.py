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
from chair_tui.meeting.model import Attendance, Entry, MeetingPlan
from chair_tui.meeting.profiles import VERB_ALIASES, Kind
from chair_tui.meeting.render import (
    agenda_entries,
    nick_entries,
    rollcall_entries,
    start_entries,
    start_notes,
)
from chair_tui.meeting.session import codec
from chair_tui.meeting.session.closing import Closing
from chair_tui.meeting.session.filing import TOPIC_STEPS, files_item
from chair_tui.meeting.session.lock import Holder, SessionLock
from chair_tui.meeting.session.minutes import model_of_session
from chair_tui.meeting.session.preview import Preview, Rendered, preview, render_for
from chair_tui.meeting.session.records import (
    EntryRecorded,
    Event,
    Header,
    LineDeleted,
    LineEdited,
    LinesCopied,
    LineState,
    MeetingEnded,
    MeetingReopened,
    NewLine,
    Record,
    Snapshot,
    StepKind,
)
from chair_tui.meeting.session.replay import read_records
from chair_tui.meeting.session.state import (
    COPIED,
    DELETED,
    PENDING,
    Recorded,
    SessionError,
)
from chair_tui.meeting.session.summary import Summary, summarize
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


class Session(Closing):
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
        # the format version of the file's header (an older file keeps it until compacted)
        self._file_version = codec.VERSION
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
        s._file_version = journal.version
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
            if isinstance(record, MeetingReopened) and self._file_version < codec.VERSION:
                # a record an older chair-tui does not know: the file is rewritten with a
                # header of this version first, so that one refuses it as newer, not damaged
                self.compact()
                self._file_version = codec.VERSION
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

    def summary(self) -> Summary:
        """The minutes' summary for the end screen, from the bot model of every line queued
        or copied: topics with their decisions, actions by person as the bot assigns them."""
        return summarize(model_of_session(self))

    def preview(self, entry: Entry) -> Preview:
        return preview(self, entry)

    def _render(self, entry: Entry) -> Rendered:
        return render_for(self, entry)

    # ------------------------------------------------------------------ changes

    def record(self, entry: Entry, *, opens: str | None = None) -> Recorded:
        """Record ``entry`` in the current step; its lines go to the outbox as pending.

        The bot ignores what is said before the meeting starts and files an item under its
        current topic: so the start lines are queued first when they are not yet, and an item
        recorded in a step whose topic is not the bot's queues that topic first (see
        :meth:`file_first`); the item's notes say so."""
        self._check_open()
        if entry.kind in (Kind.START, Kind.END, Kind.UNDO):  # routed: see rawpolicy
            raise SessionError(f"{entry.kind.value} has its own action: use it, not a line")
        lines, notes, _new = self._render(entry)
        first = self.file_first(lines)
        return self._record_lines(entry, lines, (*notes, *first), opens=opens)

    def _record_lines(
        self,
        entry: Entry,
        lines: Sequence[tuple[Kind, str]],
        notes: Sequence[str],
        *,
        opens: str | None = None,
        state: LineState = PENDING,
        step: str | None = None,
    ) -> Recorded:
        eid = self._next_id
        new = tuple(NewLine(eid + 1 + i, text, kind, state) for i, (kind, text) in enumerate(lines))
        self._commit(
            EntryRecorded(
                eid,
                step or self.step.id,
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

    def record_verbatim(self, lines: Sequence[str], *, note: str = "") -> Recorded:
        """Record lines the core already wrote in the bot's own syntax (a vote's protocol), as
        one entry sent as they are: nothing is rewritten, and no raw-command refusal applies
        (the chair did not type them). Each must be within the byte limit."""
        self._check_open()
        texts = [clean_line(t) for t in lines if clean_line(t)]
        if not texts:
            raise SessionError("nothing to record")
        for t in texts:
            if utf8_len(t) > self.max_bytes:
                raise SessionError(
                    f"the line is {utf8_len(t)} bytes; the limit is {self.max_bytes}"
                )
        prefix = self.profile.prefix

        def kind_of(text: str) -> Kind:
            word = text.split(" ", 1)[0].removeprefix(prefix).lower()
            return VERB_ALIASES.get(word, Kind.NOTE) if text.startswith(prefix) else Kind.NOTE

        kinds = [(kind_of(t), t) for t in texts]
        first = self.file_first(kinds)
        word = texts[0].split(" ", 1)[0].removeprefix(prefix).lower()
        notes = (note,) if note else ()
        return self._record_lines(Entry(Kind.NOTE, texts[0], verb=word), kinds, (*notes, *first))

    def record_many(
        self,
        entries: Iterable[Entry],
        *,
        opens: str | None = None,
        first_notes: Sequence[str] = (),
        step: str | None = None,
    ) -> list[Recorded]:
        """Record several entries, or none if any is refused; ``first_notes`` go on the first.
        Like :meth:`record`, the start lines (and the step's topic) are queued first when the
        bot needs them."""
        self._check_open()
        entries = list(entries)
        # render all first so a refusal leaves nothing half-recorded
        rendered = [self._render(e) for e in entries]
        if opens != "start":
            first = self.file_first([ln for lines, _, _ in rendered for ln in lines])
            first_notes = (*first_notes, *first)
        out = []
        for i, (e, (lines, notes, _)) in enumerate(zip(entries, rendered, strict=True)):
            if i == 0:
                notes = (*notes, *first_notes)
            out.append(
                self._record_lines(e, lines, notes, opens=opens if i == 0 else None, step=step)
            )
        return out

    def file_first(self, lines: Sequence[tuple[Kind, str]]) -> tuple[str, ...]:
        """Queue what the bot needs before ``lines`` (kinds and texts about to be queued in
        the current step) and say what was queued: the start lines, when the meeting has not
        started and a line is not plain chat; the step's opening lines (or, when they were
        queued before, its ``#topic`` again) when a line files an item and the bot's current
        topic is not this step's.  Plain chat is never held back: the bot ignores it."""
        p = self.profile
        commands = [(k, t) for k, t in lines if k is not Kind.NOTE or t.startswith(p.prefix)]
        notes = self._start_first() if commands else []
        step = self.step
        if step.kind not in TOPIC_STEPS or not any(files_item(p, k, t) for k, t in commands):
            return tuple(notes)
        if step.id not in self.opened_steps:
            if self.open_step():
                notes.append(f"queued the opening lines of {step.title!r} first")
        elif self.bot_topic_step() != step.id:
            rec = self.record_many([self.reopen_entry()], step=step.id)
            notes.append(
                f"queued {self.line(rec[0].line_ids[0]).text} first: the bot was on another "
                "topic, and files an item under its current topic"
            )
        return tuple(notes)

    def _start_first(self) -> list[str]:
        start = [] if self.started else self.start()
        if not start or not start[0].line_ids:
            return []
        first = self.line(start[0].line_ids[0]).text
        return [f"queued the start lines first ({first}): the bot ignores what comes before"]

    def reopen_entry(self) -> Entry:
        """The ``#topic`` that makes the current step's topic the bot's again: the step's last
        topic line as it stands (edited or not), else the step's title."""
        step = self.step
        for ln in reversed(self.lines):
            if ln.kind is Kind.TOPIC and ln.state != DELETED:
                entry = self._entry(ln.entry)
                if entry.step == step.id and not entry.undone:
                    return Entry(Kind.TOPIC, ln.text.partition(" ")[2] or step.title)
        return Entry(Kind.TOPIC, step.title)

    def topic_to_reopen(self) -> Entry | None:
        """The ``#topic`` an item recorded now would queue first (None when the bot is on the
        current step's topic, or the step has none or is not opened yet): for the composer."""
        step = self.step
        if step.kind not in TOPIC_STEPS or step.id not in self.opened_steps:
            return None
        return None if self.bot_topic_step() == step.id else self.reopen_entry()

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

    def start(self, edited: Sequence[Entry] | None = None) -> list[Recorded]:
        """Queue the start lines (once, from any step): ``edited`` as the chair changed them,
        else the plan's start block with what it leaves out as notes."""
        self._check_open()
        if self.started:
            return []
        entries = list(edited) if edited is not None else self.start_block()
        notes = self.start_notes() if edited is None else ()
        return self.record_many(entries, opens="start", first_notes=notes, step="start")

    def open_step(self, edited: Sequence[Entry] | None = None) -> list[Recorded]:
        """Emit the current step's opening lines (once): start block, #topic and its links."""
        self._check_open()
        step = self.step
        if step.id in self.opened_steps:
            return []
        entries: list[Entry]
        match step.kind:
            case StepKind.START:
                return self.start(edited)
            case StepKind.ROLLCALL | StepKind.OPEN | StepKind.PREVIOUS:
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
        # the opening lines carry the step's topic: only the start may have to come first
        rendered = [self._render(e) for e in entries]
        first = tuple(self._start_first())
        out = []
        for i, (e, (lines, notes, _)) in enumerate(zip(entries, rendered, strict=True)):
            notes = (*notes, *first) if i == 0 else notes
            out.append(self._record_lines(e, lines, notes, opens=step.id if i == 0 else None))
        return out

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
