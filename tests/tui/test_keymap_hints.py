"""Every text that names a key names the key the live keymap gives; dialog keys remap too."""

from __future__ import annotations

import time
from pathlib import Path

from textual.widgets import Input, Label, Static

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.tui import commands
from chair_tui.tui.app import ChairApp
from chair_tui.tui.config import load_config
from chair_tui.tui.screens import Confirm, HelpScreen
from tests.helpers.clock import frozen_clock

REMAP = """\
[keymap]
copy_chunk = "f5"
next_step = "f7"
goto_step = "backslash"
confirm_yes = "j"
confirm_no = "k,escape"
help_close = "f10"
"""


def remapped_app(tmp_path: Path) -> ChairApp:
    cfg_file = tmp_path / "config.toml"
    cfg_file.write_text(REMAP, encoding="utf-8")
    cfg = load_config(cfg_file, known_ids=commands.all_binding_ids())
    return ChairApp(
        plan=load_demo(),
        data_dir=tmp_path / "data",
        config=cfg,
        clock=frozen_clock,
        system_clipboard=lambda text: None,
        sync=False,
    )


def text_of(app: ChairApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def test_dialog_binding_ids_are_accepted_by_the_config_loader(tmp_path: Path) -> None:
    cfg_file = tmp_path / "config.toml"
    cfg_file.write_text(REMAP, encoding="utf-8")
    cfg = load_config(cfg_file, known_ids=commands.all_binding_ids())
    assert cfg.keymap["confirm_yes"] == "j"
    assert cfg.keymap["help_close"] == "f10"


async def test_hints_and_status_name_the_remapped_keys(tmp_path: Path) -> None:
    app = remapped_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = text_of(app, "#step-panel")
        assert "then f7 queues them" in panel, panel
        await pilot.press("f7")  # roll call
        await pilot.pause()
        status = text_of(app, "#status")
        assert "press f5 to copy" in status, status
        await pilot.press("p", "w")
        await pilot.pause()
        assert "f5 copies them" in text_of(app, "#status")
        await pilot.press("f7", "f7")  # the first topic
        await pilot.press("o")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input)
        field.insert_text_at_cursor("Late item")
        await pilot.press("enter")
        await pilot.pause()
        assert "(\\ to jump there)" in text_of(app, "#status")
        assert "f7 next" in text_of(app, "#step-panel")


async def test_a_remapped_dialog_key_answers_and_is_named(tmp_path: Path) -> None:
    app = remapped_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f7")  # lines queued, not copied: quitting asks first
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        hint = str(app.screen.query_one(".hint", Label).render())
        assert hint == "j: yes    k / esc: no", hint
        await pilot.press("y")  # no longer an answer
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("j")
        await pilot.pause()
    assert app.return_code == 0


async def test_help_screen_shows_a_key_named_backslash(tmp_path: Path) -> None:
    app = remapped_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = str(app.screen.query_one("#help-body", Static).render())
        assert "\\  Go to: Jump to any step of the meeting  (goto_step)" in body
        assert "f5  Copy:" in body
        assert "(f10 closes)" in str(app.screen.query_one("#prompt-title", Label).render())
        await pilot.press("escape")  # the remap replaced the close keys
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f10")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_the_composer_placeholder_names_the_remapped_keys(tmp_path: Path) -> None:
    cfg_file = tmp_path / "config.toml"
    cfg_file.write_text('[keymap]\ncompose_info = "f6"\n', encoding="utf-8")
    app = ChairApp(
        plan=load_demo(),
        data_dir=tmp_path / "data",
        config=load_config(cfg_file, known_ids=commands.all_binding_ids()),
        clock=frozen_clock,
        sync=False,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#composer", Input).placeholder.startswith("f6/d/a/l…")


async def test_a_hanging_system_clipboard_is_given_up_on(tmp_path: Path) -> None:
    def hangs(text: str) -> None:
        time.sleep(1.0)

    app = ChairApp(
        plan=load_demo(),
        data_dir=tmp_path / "data",
        clock=frozen_clock,
        system_clipboard=hangs,
        sync=False,
    )
    app.clipboard_timeout = 0.2
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "c")
        await pilot.pause(0.5)
        status = text_of(app, "#status")
        assert "OSC 52" in status and "no system clipboard" in status, status
        assert app.last_copy is not None and "did not answer" in (app.last_copy.system_error or "")
        assert app.session is not None and app.session.lines[0].state == "copied"
