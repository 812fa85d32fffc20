"""The clipboard tells the truth in three states (on the system clipboard, sent by OSC 52, not
copied), a system tool that swallows its failure is caught by reading back, and keys arriving
at the outbox in one burst (an unbracketed paste) run no command."""

from __future__ import annotations

from pathlib import Path

import pyperclip
import pytest
from textual import events
from textual.widgets import Static

from chair_tui.meeting.session import COPIED
from chair_tui.tui import clipboard as clip
from chair_tui.tui.clipboard import CopyResult, NotOnClipboard
from chair_tui.tui.widgets import Outbox
from tests.helpers.app import make_app, session_of
from tests.helpers.clipboard import FakeClipboard


@pytest.fixture
def clipboard() -> FakeClipboard:
    return FakeClipboard()


@pytest.mark.parametrize(
    ("result", "state", "mark"),
    [
        (CopyResult(True, True), "system", "✓ "),
        (CopyResult(False, True), "system", "✓ "),
        (CopyResult(True, False, "no display"), "sent", "↗ sent "),
        (CopyResult(False, False, "no display"), "none", "could not copy"),
    ],
)
def test_three_states(result: CopyResult, state: str, mark: str) -> None:
    assert result.state == state
    assert result.status.startswith(mark)
    assert result.ok == (state != "none")


@pytest.mark.parametrize("held", ["", "something else", "the tex"])
def test_a_clipboard_that_does_not_keep_the_text_is_not_copied(
    monkeypatch: pytest.MonkeyPatch, held: str
) -> None:
    monkeypatch.setattr(pyperclip, "copy", lambda text: None)  # xclip failed silently
    monkeypatch.setattr(pyperclip, "paste", lambda: held)
    with pytest.raises(NotOnClipboard):
        clip.pyperclip_copy("the text")


def test_a_clipboard_that_keeps_the_text_is_copied(monkeypatch: pytest.MonkeyPatch) -> None:
    box: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", box.append)
    monkeypatch.setattr(pyperclip, "paste", lambda: box[-1])
    clip.pyperclip_copy("the text ✓")


async def test_silent_xclip_failure_leaves_lines_pending_or_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pyperclip, "copy", lambda text: None)
    monkeypatch.setattr(pyperclip, "paste", lambda: "")
    app = make_app(tmp_path, clip.pyperclip_copy)
    async with app.run_test() as pilot:
        await pilot.press("n", "c")
        for _ in range(60):  # the read-back is tried again for up to 0.75 s before it fails
            await pilot.pause(0.05)
            if app.last_copy is not None:
                break
        await pilot.pause()
        status = str(app.screen.query_one("#status", Static).render())
        assert "system clipboard" in status and "no system clipboard" in status
        assert status.startswith("Sent") and "↗ sent" in status
        assert app.last_copy is not None and app.last_copy.state == "sent"
        # the outbox marks those lines as sent, not as copied: nothing confirmed them
        outbox = app.screen.query_one(Outbox)
        session = session_of(app)
        sent = [ln for ln in session.visible_lines() if ln.state == "copied"]
        assert sent
        for ln in sent:
            prompt = str(outbox.get_option(f"line-{ln.id}").prompt)
            assert prompt.startswith("↗ sent") and "copied" not in prompt


@pytest.mark.parametrize(
    "burst", [("y", "e", "s", "enter"), ("c", "c", "c"), ("enter", "y"), ("h", "i", "c", "enter")]
)
async def test_a_burst_into_the_outbox_runs_nothing(
    tmp_path: Path, clipboard: FakeClipboard, burst: tuple[str, ...]
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test() as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.paste_gap_setting = 0.03
        app.screen.query_one(Outbox).focus()
        s = session_of(app)
        pending = len(s.pending())
        for key in burst:  # all in one go, as a terminal delivers a paste
            app.post_message(events.Key(key, key))
        await pilot.pause(0.15)
        assert len(s.pending()) == pending
        assert not clipboard.copies
        assert any("ignored" in n.message for n in app._notifications)


@pytest.mark.parametrize("key", ["c", "y", "enter"])
async def test_a_typed_key_acts_after_the_gap(
    tmp_path: Path, clipboard: FakeClipboard, key: str
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test() as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.paste_gap_setting = 0.03
        outbox = app.screen.query_one(Outbox)
        outbox.focus()
        s = session_of(app)
        outbox.highlighted = outbox.option_count - 1
        await pilot.pause(0.1)
        await pilot.press(key)
        await pilot.pause(0.3)
        assert clipboard.copies
        assert any(ln.state == COPIED for ln in s.lines)
