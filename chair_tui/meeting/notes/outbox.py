"""The compiled notes as an outbox: lines to edit, delete and copy, and the minutes they make.

:class:`NotesOutbox` is a :class:`~chair_tui.meeting.session.MeetingState` (in memory, no
journal) pre-filled with the compiled lines as pending, so the meeting screen's outbox widget
and the live minutes (:func:`~chair_tui.meeting.minutes.live.live_minutes`) read it as they read
a meeting.  For a fragment (the meeting already runs) a start line is put first, as copied and
hidden (:attr:`hidden`): without it the bot model would record nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.notes.compile import Compiled
from chair_tui.meeting.pacing import paste_chunks
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import COPIED, DELETED, PENDING, MeetingState, OutLine
from chair_tui.meeting.session.records import (
    EntryRecorded,
    LineDeleted,
    LineEdited,
    LinesCopied,
    LineState,
    NewLine,
)

NOTES_STEP = "notes"


class NotesOutbox(MeetingState):
    """The compiled lines of ``compiled`` for ``plan``'s meeting, pending."""

    def __init__(
        self, compiled: Compiled, plan: MeetingPlan, *, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(plan, profile=compiled.profile.name, clock=clock)
        self.compiled = compiled
        self.hidden: set[int] = set()
        p = self.profile
        if not any(ln.kind is Kind.START for ln in compiled.lines):
            start = f"{p.prefix}{p.verbs.get(Kind.START, 'startmeeting')} {plan.title}"
            self._record(Kind.START, [(Kind.START, start)], COPIED, opens="start")
            self.hidden.update(ln.id for ln in self.lines)
        self.sources: dict[int, int] = {}
        self.topics: dict[int, str | None] = {}
        for ln in compiled.lines:
            rec = self._record(ln.kind, [(ln.kind, ln.text)], PENDING)
            self.sources[rec] = ln.source
            self.topics[rec] = ln.topic

    def _record(
        self, kind: Kind, lines: Sequence[tuple[Kind, str]], state: LineState, opens: str = ""
    ) -> int:
        eid = self._next_id
        new = tuple(NewLine(eid + 1 + i, text, k, state) for i, (k, text) in enumerate(lines))
        self._apply(
            EntryRecorded(
                eid, NOTES_STEP, kind, lines[0][1], new, self.clock(), opens=opens or None
            )
        )
        return new[0].id

    # ------------------------------------------------------------------ what the screen does

    def shown_lines(self) -> list[OutLine]:
        return [ln for ln in self.lines if ln.id not in self.hidden and ln.state != DELETED]

    def next_chunk(self) -> list[OutLine]:
        """The next paste-safe chunk of pending lines (:func:`.pacing.paste_chunks`)."""
        pending = [ln for ln in self.shown_lines() if ln.state == PENDING]
        if not pending:
            return []
        first = paste_chunks([ln.text for ln in pending], self.profile, self.plan)[0]
        return pending[: len(first)]

    def mark_copied(self, ids: Sequence[int]) -> None:
        self._apply(LinesCopied(tuple(i for i in ids if self.line(i).state == PENDING)))

    def edit_line(self, line_id: int, text: str) -> None:
        self._apply(LineEdited(line_id, text))

    def delete_line(self, line_id: int) -> None:
        self._apply(LineDeleted(line_id))

    def topic_of(self, line_id: int) -> str | None:
        return self.topics.get(line_id)
