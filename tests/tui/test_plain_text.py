"""Text from a person or a file is shown as it is: brackets are text, never markup."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from chair_tui.tui.app import ChairApp
from chair_tui.tui.screens import MeetingScreen, StartScreen
from chair_tui.tui.widgets import Outbox, StepOutline
from tests.helpers.app import make_app
from tests.helpers.clipboard import FakeClipboard
from tests.helpers.clock import frozen_clock
from tests.tui.test_app import compose

INFO = "binaries live in [/usr/bin] here"
GUEST = "[/]"
TOPIC = "x [/] y"


def shown(app: ChairApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def outbox_texts(app: ChairApp) -> list[str]:
    outbox = app.screen.query_one(Outbox)
    return [
        str(getattr(p, "plain", p))
        for p in (outbox.get_option_at_index(i).prompt for i in range(outbox.option_count))
    ]


async def type_into_prompt(pilot: object, text: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.pause()
    field = pilot.app.focused
    assert isinstance(field, Input)
    field.insert_text_at_cursor(text)
    await pilot.press("enter")
    await pilot.pause()


async def test_brackets_typed_by_the_chair_are_shown_verbatim(
    tmp_path: Path,
    clipboard: FakeClipboard,
) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="meetbot")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")  # roll call: the roster has the focus
        await pilot.press("g")  # a guest
        await type_into_prompt(pilot, GUEST)
        assert app.session is not None and GUEST in app.session.guests
        roster = app.screen.query_one(DataTable)
        cells = [str(roster.get_row_at(i)[1]) for i in range(roster.row_count)]
        assert GUEST in cells
        await pilot.press("w", "n", "n")  # the roll call lines, then the first topic
        await pilot.press("o")  # an ad-hoc topic after it
        await type_into_prompt(pilot, TOPIC)
        assert TOPIC in shown(app, "#status")
        assert f"   {TOPIC}" in app.screen.query_one(StepOutline).rows
        # the composer: the live check line, then the outbox and the status line
        await pilot.press("i")
        field = app.focused
        assert isinstance(field, Input)
        field.insert_text_at_cursor(f"#info {INFO}")
        await pilot.pause()
        assert "bytes" in shown(app, "#lint")
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert f"#info {INFO}" in shown(app, "#status")
        assert any(text.endswith(f"#info {INFO}") for text in outbox_texts(app))
        await pilot.press("n")  # on to the new topic: its title heads the step panel
        await pilot.pause()
        assert app.session.step.title == TOPIC
        assert f" — {TOPIC}" in shown(app, "#step-panel")
        assert app.is_running and isinstance(app.screen, MeetingScreen)


async def test_a_failed_composer_entry_shows_its_brackets(
    tmp_path: Path,
    clipboard: FakeClipboard,
) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="meetbot")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "w", "n", "n")
        await compose(pilot, "a", "[/b] then")
        assert app.is_running
        assert "[/b] then" in shown(app, "#status") + "".join(outbox_texts(app))


async def test_a_bad_path_on_the_start_screen_is_shown_verbatim(tmp_path: Path) -> None:
    app = ChairApp(data_dir=tmp_path, clock=frozen_clock, sync=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#meeting-path", Input).value = str(tmp_path / "[/x].toml")
        await pilot.click("#open")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "[/x].toml" in shown(app, "#start-error")
