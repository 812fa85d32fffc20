"""The start screen: resume an unfinished meeting, open a meeting file, or the demo."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from textual import getters, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.meetingfile import load_demo, load_meeting
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.notes.load import load_and_compile
from chair_tui.meeting.notes.outbox import NotesOutbox
from chair_tui.meeting.session.resume import SessionInfo, unfinished_for
from chair_tui.meeting.text import clean_line
from chair_tui.tui import commands
from chair_tui.tui.keybar import KeyBar
from chair_tui.tui.messages import ResumeMeeting, StartMeeting
from chair_tui.tui.plain import PlainInput, plain
from chair_tui.tui.screens.modals import TextPrompt
from chair_tui.tui.screens.notes import NotesScreen


class StartScreen(Screen[None]):
    """Pick a meeting: resume an unfinished one, open a file, or the demo."""

    BINDINGS = [
        commands.BY_ID["quit"].binding(),
        commands.BY_ID["help"].binding(),
        *commands.bindings(commands.START_COMMANDS),
    ]
    meeting_path = getters.query_one("#meeting-path", Input)
    error = getters.query_one("#start-error", Static)

    def __init__(
        self, unfinished: Sequence[SessionInfo], *, pending_plan: MeetingPlan | None = None
    ) -> None:
        super().__init__()
        self.unfinished = list(unfinished)
        # a meeting file was opened that has unfinished sessions: resume one, or start anew
        self.pending_plan = pending_plan

    def compose(self) -> ComposeResult:
        with Vertical(id="start-box"):
            yield Label("chair-tui — chair a MeetBot meeting", id="start-title")
            if self.unfinished:
                if self.pending_plan is not None:
                    yield Label(
                        plain(
                            f"{self.pending_plan.title} has an unfinished session. Resume it "
                            "(Enter on it), or start a new one:"
                        )
                    )
                    yield Button("Start a new session", id="start-new", variant="warning")
                else:
                    yield Label("Unfinished meetings (Enter resumes):")
                yield OptionList(
                    *[Option(session_label(i), id=str(n)) for n, i in enumerate(self.unfinished)],
                    id="sessions",
                )
            yield Label("Meeting file (.toml or .md agenda):")
            yield PlainInput(placeholder="path/to/meeting.toml", id="meeting-path")
            with Horizontal(id="start-buttons"):
                yield Button("Open", id="open", variant="primary")
                yield Button("Demo meeting", id="demo")
            yield Static(id="start-error")
        yield KeyBar()

    def _clock(self) -> Callable[[], float]:
        clock: Callable[[], float] = getattr(self.app, "clock", time.time)
        return clock

    @on(Button.Pressed, "#start-new")
    def _start_new(self) -> None:
        if self.pending_plan is not None:
            self.post_message(StartMeeting(self.pending_plan))

    def action_open_notes(self) -> None:
        """Ask for a secretary's notes (and the meeting file for the roster), then show the
        compiled lines to copy."""

        def given(value: str | None) -> None:
            if not value or not value.strip():
                return
            notes, _, meeting = clean_line(value).partition(" ")
            try:
                compiled, plan = load_and_compile(
                    Path(notes).expanduser(), None, Path(meeting.strip()) if meeting else None
                )
            except (InputError, ValueError) as exc:
                self.error.update(plain(str(exc)))
                return
            self.app.push_screen(NotesScreen(NotesOutbox(compiled, plan, clock=self._clock())))

        self.app.push_screen(
            TextPrompt("Notes file (then, optionally, the meeting file for the roster)"), given
        )

    @on(OptionList.OptionSelected, "#sessions")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        self.post_message(ResumeMeeting(self.unfinished[event.option_index].path))

    @on(Input.Submitted, "#meeting-path")
    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        path = clean_line(self.meeting_path.value)
        if not path:
            return
        try:
            plan = load_meeting(Path(path).expanduser())
        except InputError as exc:
            self.error.update(plain(str(exc)))
            return
        base = getattr(self.app, "data_dir", None)
        offer = unfinished_for(base, plan) if isinstance(base, Path) else []
        if offer:  # this meeting has an unfinished session: resume it, or start anew?
            self.app.push_screen(StartScreen(offer, pending_plan=plan))
            return
        self.post_message(StartMeeting(plan))

    @on(Button.Pressed, "#demo")
    def _demo(self) -> None:
        self.post_message(StartMeeting(load_demo()))


def session_label(info: SessionInfo) -> Content:
    """A session as the list names it: title, step, lines not copied, date; then its file."""
    if info.problem is not None:
        head = plain(info.title or info.path.stem)
        return Content.assemble(head, ("  cannot be read: " + info.problem[:60], "$text-error"))
    when = info.created if info.created is not None else info.modified
    date = datetime.fromtimestamp(when, UTC).strftime("%Y-%m-%d %H:%M UTC")
    pending = f"{info.pending} not copied" if info.pending else "all copied"
    parts = [f"{info.title}", f"at {info.step}", pending, date]
    if info.held_by is not None:
        parts.append(f"open in another window ({info.held_by.describe()})")
    return Content.assemble(plain(" · ".join(parts)), ("  " + info.path.stem, "$text-muted"))
