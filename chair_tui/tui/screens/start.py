"""The start screen: resume an unfinished meeting, open a meeting file, or the demo."""

from __future__ import annotations

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
from chair_tui.meeting.session.resume import session_title
from chair_tui.meeting.text import clean_line
from chair_tui.tui import commands
from chair_tui.tui.keybar import KeyBar
from chair_tui.tui.messages import ResumeMeeting, StartMeeting
from chair_tui.tui.plain import PlainInput, plain


class StartScreen(Screen[None]):
    """Pick a meeting: resume an unfinished one, open a file, or the demo."""

    BINDINGS = [
        commands.BY_ID["quit"].binding(),
        commands.BY_ID["help"].binding(),
    ]
    meeting_path = getters.query_one("#meeting-path", Input)
    error = getters.query_one("#start-error", Static)

    def __init__(self, unfinished: list[Path]) -> None:
        super().__init__()
        self.unfinished = unfinished

    def compose(self) -> ComposeResult:
        with Vertical(id="start-box"):
            yield Label("chair-tui — chair a MeetBot meeting", id="start-title")
            if self.unfinished:
                yield Label("Unfinished meetings (Enter resumes):")
                yield OptionList(
                    *[Option(self._label(p), id=str(i)) for i, p in enumerate(self.unfinished)],
                    id="sessions",
                )
            yield Label("Meeting file (.toml or .md agenda):")
            yield PlainInput(placeholder="path/to/meeting.toml", id="meeting-path")
            with Horizontal(id="start-buttons"):
                yield Button("Open", id="open", variant="primary")
                yield Button("Demo meeting", id="demo")
            yield Static(id="start-error")
        yield KeyBar()

    @staticmethod
    def _label(path: Path) -> Content:
        """A session as the list names it: its meeting's title (plain text), then its file."""
        title = session_title(path)
        if title is None:
            return plain(path.stem)
        return Content.assemble(plain(title), ("  " + path.stem, "$text-muted"))

    @on(OptionList.OptionSelected, "#sessions")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        self.post_message(ResumeMeeting(self.unfinished[event.option_index]))

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
        self.post_message(StartMeeting(plan))

    @on(Button.Pressed, "#demo")
    def _demo(self) -> None:
        self.post_message(StartMeeting(load_demo()))
