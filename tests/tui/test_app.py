"""Pilot tests of single behaviours: resume, undo, outbox edits, keymap, clipboard faults."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.actions import parse as parse_action
from textual.pilot import Pilot
from textual.widgets import Input

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.session import Session
from chair_tui.tui import commands
from chair_tui.tui.app import ChairApp
from chair_tui.tui.config import Config, load_config
from chair_tui.tui.keybar import KeyBar
from chair_tui.tui.palette import SKIPPED, MeetingCommands
from chair_tui.tui.screens import MeetingScreen, StartScreen
from chair_tui.tui.widgets import Outbox
from tests.helpers.app import make_app
from tests.helpers.clipboard import FakeClipboard
from tests.helpers.clock import frozen_clock


async def compose(pilot: Pilot[int], key: str, text: str) -> None:
    await pilot.press(key)
    focused = pilot.app.focused
    assert isinstance(focused, Input)
    focused.insert_text_at_cursor(text)
    await pilot.press("enter", "escape")
    await pilot.pause()


async def test_resume_finds_the_session_intact(clipboard: FakeClipboard, tmp_path: Path) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="zodbot")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "p", "p", "w", "n", "v", "n")
        await compose(pilot, "i", "first fact")
        await pilot.press("c")
        await pilot.pause()
        assert app.session is not None
        before = [(ln.text, ln.state) for ln in app.session.visible_lines()]
        step = app.session.step_index
        path = app.session.path
    assert path is not None and path.exists()
    # a new app resumes the same file
    again = Session.load(path, clock=frozen_clock)
    app2 = ChairApp(session=again, data_dir=tmp_path / "data", clock=frozen_clock, sync=False)
    async with app2.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app2.session is not None
        assert [(ln.text, ln.state) for ln in app2.session.visible_lines()] == before
        assert app2.session.step_index == step
        outbox = app2.screen.query_one(Outbox)
        assert outbox.option_count == len(before)
        # and goes on recording into the same file
        await compose(pilot, "i", "second fact")
    reloaded = Session.load(path)
    assert reloaded.export_lines()[-1] == "#info second fact"


async def test_undo_pending_then_copied(tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="meetbot")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n", "n", "n")  # to topic 1
        await pilot.pause()
        s = app.session
        assert s is not None
        await compose(pilot, "i", "oops")
        assert s.export_lines()[-1] == "#info oops"
        await pilot.press("u")
        await pilot.pause()
        assert "#info oops" not in s.export_lines()  # pending: simply removed
        await compose(pilot, "i", "pasted oops")
        while s.pending():
            await pilot.press("c")
            await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert s.pending()[-1].text == "#undo"  # copied: the bot's undo is queued


async def test_undo_refused_on_matrix_after_copy(tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="fedora-matrix")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n", "n", "n")
        await compose(pilot, "i", "said already")
        s = app.session
        assert s is not None
        while s.pending():
            await pilot.press("c")
            await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        status = str(app.screen.query_one("#status").render())
        assert "no undo" in status
        assert s.pending() == []


async def test_raw_syntax_the_bot_lacks_is_refused_with_the_verb_it_knows(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="hcoop")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n", "n", "n")
        await compose(pilot, "i", "#agreed ship it")
        s = app.session
        assert s is not None
        # hcoop has no #agreed: refused with the verb it knows, nothing queued
        assert not any(t.endswith("ship it") for t in s.export_lines())
        # the refusal is on the status line (Escape then cleared the draft)
        assert "#accepted" in str(app.screen.query_one("#status").render())


async def test_copy_one_line_and_recopy_selected(tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="meetbot")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "#startmeeting Workstation WG"
        s = app.session
        assert s is not None
        assert [ln.state for ln in s.visible_lines()][:2] == ["copied", "pending"]
        # select the first line in the outbox and copy it again with Enter
        outbox = app.screen.query_one(Outbox)
        outbox.focus()
        outbox.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert clipboard.copies[-1] == "#startmeeting Workstation WG"


async def test_edit_and_delete_pending_line(tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="meetbot")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        s = app.session
        assert s is not None
        outbox = app.screen.query_one(Outbox)
        outbox.focus()
        outbox.highlighted = 1  # "#meetingname workstation"
        await pilot.press("delete")
        await pilot.pause()
        assert "#meetingname workstation" not in s.export_lines()
        outbox.highlighted = 1  # now "#chair mclasen"
        await pilot.press("ctrl+e")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input)
        field.value = "#topci mclasen neal"
        await pilot.press("enter")
        await pilot.pause()
        # an edited line is a typed line: an unknown verb is refused and the prompt stays
        assert app.focused is field
        assert s.export_lines()[1] == "#chair mclasen"
        field.value = "#chair mclasen neal"
        await pilot.press("enter")
        await pilot.pause()
        # #chair is recorded as itself (docs/profiles.md, the raw-command policy)
        assert s.export_lines()[1] == "#chair mclasen neal"


async def test_clipboard_without_system_backend_still_copies(tmp_path: Path) -> None:
    def broken(text: str) -> None:
        raise RuntimeError("no clipboard mechanism found")

    app = ChairApp(
        plan=load_demo(),
        data_dir=tmp_path,
        clock=frozen_clock,
        system_clipboard=broken,
        sync=False,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "c")
        await pilot.pause()
        assert app.clipboard.startswith("#startmeeting")
        status = str(app.screen.query_one("#status").render())
        assert "OSC 52" in status and "no system clipboard" in status
        assert app.last_copy is not None and app.last_copy.ok


async def test_keymap_from_config_remaps_a_binding(tmp_path: Path) -> None:
    cfg_file = tmp_path / "config.toml"
    cfg_file.write_text('[keymap]\ncopy_chunk = "f5"\n', encoding="utf-8")
    cfg = load_config(cfg_file, known_ids=set(commands.BY_ID))
    app = ChairApp(
        plan=load_demo(),
        data_dir=tmp_path,
        config=cfg,
        clock=frozen_clock,
        system_clipboard=lambda t: None,
        sync=False,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "c")
        await pilot.pause()
        assert app.clipboard == ""  # 'c' no longer copies
        await pilot.press("f5")
        await pilot.pause()
        assert app.clipboard.startswith("#startmeeting")


def test_every_command_has_a_unique_id_and_key() -> None:
    ids = [c.id for c in commands.COMMANDS]
    keys = [c.key for c in commands.COMMANDS]
    assert len(ids) == len(set(ids))
    assert len(keys) == len(set(keys))
    for bad in ("ctrl+s", "ctrl+j", "ctrl+o", "ctrl+b", "ctrl+enter", "ctrl+c"):
        assert bad not in keys
    assert commands.BY_ID["quit"].key == "ctrl+q"
    assert commands.BY_ID["help"].key == "f1"


async def _offered(screen: MeetingScreen) -> dict[str, str]:
    return {str(hit.text): str(hit.help) async for hit in MeetingCommands(screen).discover()}


async def test_palette_offers_only_what_the_screen_allows_now(
    tmp_path: Path,
    clipboard: FakeClipboard,
) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="meetbot")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        offered = await _offered(screen)
        for c in commands.COMMANDS:
            if c.id in SKIPPED:
                continue
            _, name, params = parse_action(c.action)
            assert (c.label in offered) == (screen.check_action(name, params) is True), c.id
        assert "No objections" not in offered  # only on minutes approval
        assert "Next meeting" not in offered  # only on the open floor
        assert offered["Copy"].endswith("(key: c)")
        assert offered["Topic earlier"].endswith("(key: [)")  # the key, not its name
        await pilot.press("n", "n")  # roll call, then minutes approval
        await pilot.pause()
        assert "No objections" in await _offered(screen)
        hits = [hit async for hit in MeetingCommands(screen).search("no obj")]
        assert [hit.text for hit in hits] == ["No objections"]


async def test_palette_runs_a_command_by_its_words(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="meetbot")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")  # minutes approval
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"no objections")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None
        assert app.session.export_lines()[-1] == "#agreed no objections"


async def test_availability_changes_refresh_the_key_bar(
    tmp_path: Path,
    clipboard: FakeClipboard,
) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="meetbot")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert {item.label: item.enabled for item in bar._left}["Next"]
        await pilot.press("n", "w", "n", "v", "c", "c", "E", "y")  # end the meeting
        await pilot.pause()
        assert app.session is not None and app.session.ended
        shown = {item.label: item.enabled for item in bar._left}
        assert "Next" not in shown  # nothing to move on to: hidden, not dimmed
        assert shown["Take back End"]  # the end line is still pending


async def test_start_screen_opens_demo(tmp_path: Path) -> None:
    app = ChairApp(data_dir=tmp_path, clock=frozen_clock, sync=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.click("#demo")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.session is not None and app.session.plan.title == "Workstation WG"


async def test_start_screen_reports_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("title = \n", encoding="utf-8")
    app = ChairApp(data_dir=tmp_path, clock=frozen_clock, sync=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#meeting-path", Input)
        field.value = str(bad)
        await pilot.click("#open")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "bad.toml:1" in str(app.screen.query_one("#start-error").render())


async def test_damaged_session_is_moved_aside_not_deleted(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    damaged = sessions / "20260101-000000-abcdef.jsonl"
    damaged.write_text("this is not json\n", encoding="utf-8")
    app = ChairApp(data_dir=tmp_path, clock=frozen_clock, sync=False, unfinished=[damaged])
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        app.open_session_file(damaged)
        await pilot.pause()
        assert not damaged.exists()
        aside = [p for p in sessions.glob("*.damaged-*") if not p.name.endswith(".why")]
        assert len(aside) == 1
        assert aside[0].read_text(encoding="utf-8") == "this is not json\n"  # kept as it was
        assert isinstance(app.screen, StartScreen)


def test_config_rejects_unknown_binding(tmp_path: Path) -> None:
    from chair_tui.meeting.errors import InputError

    cfg_file = tmp_path / "config.toml"
    cfg_file.write_text('[keymap]\nfly = "f"\n', encoding="utf-8")
    with pytest.raises(InputError, match="unknown binding id 'fly'"):
        load_config(cfg_file, known_ids=set(commands.BY_ID))
    assert Config().keymap == {}


def test_key_map_doc_lists_every_binding() -> None:
    from chair_tui.tui.composer import ComposerInput
    from chair_tui.tui.roster import RosterTable

    doc = (Path(__file__).parents[2] / "docs" / "keys.md").read_text(encoding="utf-8")
    for c in commands.ALL_COMMANDS:
        assert f"`{c.id}`" in doc, c.id
    for widget in (RosterTable, ComposerInput):
        for b in widget.BINDINGS:
            assert f"`{getattr(b, 'id', '')}`" in doc


async def test_outbox_shows_a_window_of_a_long_meeting(tmp_path: Path) -> None:
    from chair_tui.meeting.model import Entry
    from chair_tui.meeting.profiles import Kind

    session = Session.create(load_demo(), tmp_path, clock=frozen_clock, sync=False)
    session.open_step()  # the start lines: nothing goes before them
    start = len(session.export_lines())
    for i in range(500):
        session.record(Entry(Kind.INFO, f"fact {i}"))
    session.mark_copied([ln.id for ln in session.pending()])
    session.record(Entry(Kind.INFO, "still to paste"))
    app = ChairApp(session=session, data_dir=tmp_path, clock=frozen_clock, sync=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        outbox = app.screen.query_one(Outbox)
        total = len(session.export_lines())
        assert total == start + 501
        # a header for the older lines, then the last WINDOW lines (the pending one included)
        earlier = total - Outbox.WINDOW
        assert outbox.option_count == 1 + Outbox.WINDOW
        assert f"{earlier} earlier" in str(outbox.get_option_at_index(0).prompt)
        pending = session.first_pending()
        assert pending is not None
        pending_id = pending.id
        assert outbox.selected_line_id() == pending_id
        await compose(pilot, "i", "and one more")
        assert outbox.option_count == 1 + Outbox.WINDOW + 1
        assert session.export_lines()[-1] == "#info and one more"
        assert len(session.export_lines()) == start + 502
        # Enter on the header shows MORE earlier lines; the highlight stays on its line
        outbox.focus()
        outbox.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert outbox.option_count == 1 + Outbox.WINDOW + Outbox.MORE
        left = start + 502 - Outbox.WINDOW - Outbox.MORE
        assert f"{left} earlier" in str(outbox.get_option_at_index(0).prompt)
        assert outbox.selected_line_id() == pending_id
        assert app.clipboard == ""  # the header copies nothing
        presses = 1
        while str(outbox.get_option_at_index(0).prompt).startswith("…"):
            outbox.highlighted = 0
            await pilot.press("enter")
            await pilot.pause()
            presses += 1
        assert presses == 1 + -(-left // Outbox.MORE)
        assert outbox.option_count == start + 502
        assert not str(outbox.get_option_at_index(0).prompt).startswith("…")


async def test_start_step_says_what_the_bot_cannot_do(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    # the demo has a co-chair; the Matrix bot has no chairs
    app = make_app(tmp_path / "data", clipboard, profile="fedora-matrix")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        panel = str(app.screen.query_one("#step-panel").render())
        assert "⚠" in panel and "chair" in panel.lower()
