"""Opening a meeting file that has an unfinished session asks first: resume it, or start anew
(issue 13, sessions) — from the start screen's Open as from the command line."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, OptionList

from chair_tui.meeting.meetingfile import demo_path, load_demo
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import Session
from chair_tui.meeting.session.resume import unfinished_for
from chair_tui.tui.app import ChairApp
from chair_tui.tui.screens.meeting import MeetingScreen
from chair_tui.tui.screens.start import StartScreen
from tests.helpers.clock import frozen_clock


def an_unfinished_session(base: Path) -> Path:
    s = Session.create(load_demo(), base, clock=frozen_clock, sync=False)
    s.open_step()
    s.record(Entry(Kind.INFO, "left waiting"))
    assert s.path is not None
    path = s.path
    s.close()
    return path


async def test_open_from_the_start_screen_asks_resume_or_new(tmp_path: Path) -> None:
    old = an_unfinished_session(tmp_path)
    app = ChairApp(data_dir=tmp_path, clock=frozen_clock, sync=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#meeting-path", Input)
        field.value = str(demo_path())
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen) and screen.pending_plan is not None
        listed = screen.query_one("#sessions", OptionList)
        assert listed.option_count == 1
        assert "4 not copied" in str(listed.get_option_at_index(0).prompt)  # 3 start, 1 info
        screen.query_one("#start-new", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.session is not None and app.session.path != old
    assert len(unfinished_for(tmp_path, load_demo())) >= 1  # the old one is kept, untouched


async def test_resume_is_the_other_answer(tmp_path: Path) -> None:
    old = an_unfinished_session(tmp_path)
    app = ChairApp(data_dir=tmp_path, clock=frozen_clock, sync=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#meeting-path", Input).value = str(demo_path())
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#sessions", OptionList).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.session is not None and app.session.path == old
