"""The key bar, the step outline and what the first screen loads."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from textual.screen import Screen

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.model import AgendaItem
from chair_tui.tui import commands
from chair_tui.tui.app import ChairApp
from chair_tui.tui.config import load_config
from chair_tui.tui.keybar import KeyBar
from chair_tui.tui.widgets import StepOutline
from tests.helpers.app import make_app
from tests.helpers.clipboard import FakeClipboard
from tests.helpers.clock import frozen_clock

TUI = Path(__file__).parents[2] / "chair_tui" / "tui"


def bar_text(app: ChairApp) -> str:
    bar = app.screen.query_one(KeyBar)
    return "".join(seg.text for seg in bar.render_line(0)).rstrip()


async def test_key_bar_lists_the_shown_commands_with_help_on_the_right(
    tmp_path: Path,
    clipboard: FakeClipboard,
) -> None:
    app = make_app(tmp_path / "data", clipboard)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        # reopen_meeting is offered only after the end
        skip = ("help", "quit", "reopen_meeting")
        shown = [c for c in commands.COMMANDS if c.show and c.id not in skip]
        assert shown
        for c in shown:
            assert f"{c.key} {c.label}" in text, (c.id, text)
        assert text.endswith("palette")
        assert text.index("Help") > text.index("Copy one")


async def test_key_bar_keeps_help_and_palette_when_narrow(
    tmp_path: Path,
    clipboard: FakeClipboard,
) -> None:
    app = make_app(tmp_path / "data", clipboard)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert "f1 Help" in text
        assert "palette" in text
        assert "Copy one" not in text  # cut whole, not half a label
        assert len(text) <= 40


async def test_key_bar_shows_a_remapped_key(tmp_path: Path) -> None:
    cfg_file = tmp_path / "config.toml"
    cfg_file.write_text('[keymap]\ncopy_chunk = "f5"\n', encoding="utf-8")
    cfg = load_config(cfg_file, known_ids=set(commands.BY_ID))
    app = ChairApp(plan=load_demo(), data_dir=tmp_path, config=cfg, clock=frozen_clock, sync=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert "f5 Copy" in text
        assert "c Copy" not in text


async def test_clicking_a_key_on_the_bar_presses_it(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path / "data", clipboard)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        column = bar_text(app).index("Next")
        assert bar.key_at(column) == "n"
        assert app.session is not None
        assert app.session.step.kind == "start"
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert app.session.step.kind == "rollcall"


async def test_key_bar_follows_the_focus(tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = make_app(tmp_path / "data", clipboard)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("n")  # roll call: the roster has the focus and its keys show
        await pilot.pause()
        assert "p Present" in bar_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert "p Present" not in bar_text(app)
        assert "n Next" in bar_text(app)


async def test_outline_marks_the_current_step(tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = make_app(tmp_path / "data", clipboard)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")
        await pilot.pause()
        rows = app.screen.query_one(StepOutline).rows
        assert rows[:3] == ["✓ Start", "✓ Roll call", "▶ Minutes (now)"]
        assert rows[3] == "  Topic 1/3"


async def test_outline_of_a_long_agenda_keeps_the_current_step_in_view(tmp_path: Path) -> None:
    plan = load_demo()
    agenda = tuple(AgendaItem(f"Subject number {i}") for i in range(40))
    app = ChairApp(
        plan=replace(plan, agenda=agenda), data_dir=tmp_path, clock=frozen_clock, sync=False
    )
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        # jump to topic 25 through the step picker
        picker = app.screen
        from textual.widgets import OptionList

        options = picker.query_one(OptionList)
        options.highlighted = 2 + 1 + 24
        await pilot.press("enter")
        await pilot.pause()
        outline = app.screen.query_one(StepOutline)
        height = outline.content_size.height
        shown = [
            "".join(seg.text for seg in outline.render_line(y)).strip() for y in range(height + 2)
        ]
        assert any("▶ Topic 25/40 (now)" in row for row in shown), shown
        assert any(row.startswith("↑") and "more" in row for row in shown)
        assert any(row.startswith("↓") and "more" in row for row in shown)


def test_outline_window_holds_the_current_step() -> None:
    from textual.content import Content

    outline = StepOutline()
    outline._rows = [Content(str(i)) for i in range(50)]
    for first in range(0, 49):
        outline._current = (first, first + 2)
        top, bottom = outline.window(10)
        assert bottom - top == 10
        assert top <= first and first + 2 <= bottom
    outline._current = (3, 4)
    assert outline.window(60) == (0, 50)


def test_every_style_sheet_is_read_once_by_the_app() -> None:
    """Screens must not name their own CSS_PATH: Textual re-parses every style sheet when a
    screen with its own style sheet is first shown (a cost paid at start-up)."""
    from chair_tui.tui import screens

    sheets = {p.name for p in TUI.glob("*.tcss")}
    assert set(ChairApp.CSS_PATH) == sheets
    for name in dir(screens):
        obj = getattr(screens, name)
        if isinstance(obj, type) and issubclass(obj, Screen):
            assert obj.__dict__.get("CSS_PATH") is None, name


def test_listing_the_keys_does_not_load_textual() -> None:
    """`chair-tui keys` and the config check read the command tables without the interface."""
    code = (
        "import sys\n"
        "from chair_tui.tui import commands\n"
        "list(commands.describe_bindings()), commands.all_binding_ids()\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


async def test_outbox_keeps_the_next_line_in_view_when_the_summary_grows(
    tmp_path: Path,
    clipboard: FakeClipboard,
) -> None:
    from textual.widgets import Input

    from chair_tui.tui.widgets import Outbox

    app = make_app(tmp_path / "data", clipboard)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "p", "s", "p", "p", "r", "w", "n", "v", "n", "a")
        composer = app.focused
        assert isinstance(composer, Input)
        composer.insert_text_at_cursor("mclasen file the FESCo ticket")
        await pilot.press("enter", "escape")
        for _ in range(5):
            await pilot.press("c")
        await pilot.press("E", "y")  # the end summary makes the step panel taller
        await pilot.pause()
        await pilot.pause()
        outbox = app.screen.query_one(Outbox)
        assert outbox.max_scroll_y > 0  # the lines no longer fit: the test means something
        assert outbox.highlighted == outbox.option_count - 1  # the pending #endmeeting
        assert outbox.scroll_y == outbox.max_scroll_y


async def test_starting_a_meeting_parses_each_style_sheet_once(
    tmp_path: Path, clipboard: FakeClipboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.css.stylesheet import Stylesheet

    reparsed: list[object] = []
    original = Stylesheet.reparse

    def counting(self: Stylesheet) -> None:
        reparsed.append(self)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counting)
    app = make_app(tmp_path / "data", clipboard)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(StepOutline).rows  # the meeting is on screen
    assert reparsed == []


async def test_quit_asks_first_when_lines_are_not_copied(
    tmp_path: Path,
    clipboard: FakeClipboard,
) -> None:
    from chair_tui.tui.screens import Confirm

    app = make_app(tmp_path / "data", clipboard)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")  # the start lines are queued, not copied
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # no: back to the meeting
        await pilot.pause()
        assert not isinstance(app.screen, Confirm)
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+q")  # twice quits
        await pilot.pause()
    assert app.return_code == 0
    assert app.session is not None and app.session.pending()  # nothing was dropped


async def test_quit_without_pending_lines_does_not_ask(
    tmp_path: Path,
    clipboard: FakeClipboard,
) -> None:
    app = make_app(tmp_path / "data", clipboard)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
