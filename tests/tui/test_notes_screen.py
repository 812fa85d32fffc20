"""The notes screen: the compiled notes in the outbox, the minutes beside, the paced copy."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from chair_tui.meeting.meetingfile import load_meeting
from chair_tui.meeting.notes import compile_notes
from chair_tui.meeting.profiles import get_profile
from chair_tui.meeting.session import COPIED, PENDING
from chair_tui.tui.screens.notes import NotesApp, NotesScreen
from tests.helpers.clipboard import FakeClipboard

NOTES = Path(__file__).parent.parent / "data" / "notes"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_782_900_000.0

    def __call__(self) -> float:
        return self.now


async def test_notes_screen_copies_edits_and_paces() -> None:
    plan = load_meeting(NOTES / "workstation.toml")
    compiled = compile_notes((NOTES / "team-notes.md").read_text(), get_profile("zodbot"), plan)
    clipboard = FakeClipboard()
    clock = FakeClock()
    app = NotesApp(compiled, plan, clock=clock, system_clipboard=clipboard)
    app.paste_gap_setting = 0.0  # keys typed by the test come fast, and are no paste
    async with app.run_test(size=(140, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        notes = screen.notes
        # the minutes beside the outbox: every topic of the notes, the actions by person
        rows = "\n".join(screen.rows.plain_rows)
        assert "Fedora 35 change proposals" in rows and "Conan_Kudo" in rows
        # edit the first line (a #topic) before copying it
        first = notes.shown_lines()[0]
        await pilot.press("ctrl+e")
        await pilot.pause()
        prompt = app.screen.query_one("#prompt-input", Input)
        prompt.value = "#topic Roll call (edited)"
        await pilot.press("enter")
        await pilot.pause()
        assert notes.line(first.id).text == "#topic Roll call (edited)"
        # paced copy: the first chunk goes at once, the next waits for the countdown
        await pilot.press("P")
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert clipboard.copies[0].splitlines()[0] == "#topic Roll call (edited)"
        assert [ln.state for ln in notes.shown_lines()[:4]] == [COPIED] * 4
        await pilot.press("c")
        await pilot.pause()
        assert len(clipboard.copies) == 1  # 8.8 s to wait
        assert notes.shown_lines()[4].state == PENDING
        clock.now += 8.8
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(clipboard.copies) == 2
        assert notes.shown_lines()[4].state == COPIED
