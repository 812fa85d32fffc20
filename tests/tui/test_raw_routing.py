"""A start, an end or an undo typed raw into the composer does what its key does
(docs/profiles.md, the raw-command policy); an item recorded on the Start step goes after the
start lines as the chair edited them."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from chair_tui.tui.screens import Confirm
from chair_tui.tui.widgets import StartBlock
from tests.helpers.app import make_app, session_of
from tests.helpers.clipboard import FakeClipboard


async def _type(pilot: Pilot[int], key: str, text: str) -> None:
    await pilot.press(key)
    field = pilot.app.focused
    assert isinstance(field, Input)
    field.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_a_raw_undo_undoes_the_last_entry(tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="meetbot")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n", "n", "n")
        await _type(pilot, "i", "a fact to take back")
        s = session_of(app)
        assert s.export_lines()[-1] == "#info a fact to take back"
        await _type(pilot, "i", "#undo")
        assert "#info a fact to take back" not in s.export_lines()
        assert "#undo" not in s.export_lines()  # it was pending: removed, not undone in the room
        assert s.live_entries()[-1].text != "a fact to take back"


async def test_a_raw_end_asks_as_the_end_key_does(tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="meetbot")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")
        await _type(pilot, "t", "#endmeeting")
        assert isinstance(app.screen, Confirm)
        s = session_of(app)
        assert not s.ended and "#endmeeting" not in s.export_lines()
        await pilot.press("y")
        await pilot.pause()
        assert s.ended and s.export_lines()[-1] == "#endmeeting"


async def test_a_raw_start_on_the_start_step_queues_the_start_lines(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="meetbot")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _type(pilot, "t", "#startmeeting something else")
        s = session_of(app)
        assert s.started
        assert s.export_lines()[0] == "#startmeeting Workstation WG"  # the step's own lines
        assert not any("something else" in t for t in s.export_lines())


async def test_an_item_on_the_start_step_goes_after_the_edited_start_lines(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="meetbot")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        block = app.screen.query_one(StartBlock)
        first = block.query(Input).first()
        first.value = "#startmeeting Workstation WG, week 26"
        await pilot.pause()
        await _type(pilot, "l", "https://example.org/agenda the agenda")
        s = session_of(app)
        lines = s.export_lines()
        assert lines[0] == "#startmeeting Workstation WG, week 26"
        assert lines[-1] == "#link https://example.org/agenda the agenda"
        assert lines.index("#link https://example.org/agenda the agenda") > 0


async def test_back_to_an_earlier_topic_reopens_it_before_an_item(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    """Topic 1, topic 2, `b` back to topic 1, an info: the bot is still on topic 2, so
    `#topic <topic 1>` is queued again before the info (issue: items filed under the wrong
    topic)."""
    app = make_app(tmp_path / "data", clipboard, profile="meetbot")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n", "n", "n")  # start, roll call, approval, topic 1
        s = session_of(app)
        first = s.step.title
        await pilot.press("n")  # topic 2
        second = s.step.title
        assert first != second and s.export_lines()[-1] != f"#topic {first}"
        await pilot.press("b")
        assert s.step.title == first
        await _type(pilot, "i", "back on the first topic")
        lines = s.export_lines()
        assert lines[-2:] == [f"#topic {first}", "#info back on the first topic"]
        assert lines.count(f"#topic {first}") == 2
        # once the bot is on it, the next item needs no second #topic
        await _type(pilot, "i", "and one more")
        assert s.export_lines()[-1] == "#info and one more"
        assert s.export_lines().count(f"#topic {first}") == 2
