"""The end of a meeting and taking things back: undo, end, and taking the end back.

:class:`Closing` is the part of :class:`~chair_tui.meeting.session.session.Session` that
undoes entries, ends the meeting and takes the end back while its end line is still pending;
every change is a journal record made through :meth:`Walk._commit`.
"""

from __future__ import annotations

from collections.abc import Sequence

from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session.filing import undoes
from chair_tui.meeting.session.records import (
    EntryUndone,
    LineState,
    MeetingEnded,
    MeetingReopened,
    NewLine,
)
from chair_tui.meeting.session.state import COPIED, PENDING, Recorded, SessionError
from chair_tui.meeting.session.walk import Walk


class Closing(Walk):
    """Undo, end and take the end back."""

    def _check_open(self) -> None:
        if self.ended:
            raise SessionError("the meeting has ended")

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
        raise NotImplementedError  # the session records the entry and its lines

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
        undoable = [ln for ln in copied if undoes(self.profile, ln.kind, ln.text)]
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

    def end_entry(self) -> Recorded | None:
        """The live entry that queued the end line, once the meeting has ended."""
        if not self.ended:
            return None
        for rec in reversed(self.live_entries()):
            if rec.kind is Kind.END:
                return rec
        return None

    def can_reopen(self) -> bool:
        """Whether the end can be taken back: ended, and its end line not copied yet."""
        rec = self.end_entry()
        if rec is None:
            return False
        return all(self.line(i).state == PENDING for i in rec.line_ids)

    def reopen(self) -> None:
        """Take the end back: its pending end line goes, and the meeting goes on at the step
        before the end."""
        rec = self.end_entry()
        if rec is None:
            raise SessionError("the meeting has not ended")
        if not self.can_reopen():
            raise SessionError(
                "the end line was already copied: the bot has ended the meeting; "
                "start a new one to go on"
            )
        self._commit(MeetingReopened(self.clock()))
        self._commit(EntryUndone(rec.id, tuple(rec.line_ids), ()))
        if self.step_index == len(self.steps) - 1 and self.step_index > 0:
            self.goto(self.step_index - 1)
