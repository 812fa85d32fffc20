"""An edited line is a typed line: ctrl+e goes through the composer's parsing and checks, with
the same refusals (one table in the core), and the composer refuses raw commands that have
their own key."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from chair_tui.meeting.profiles import Kind, get_profile
from chair_tui.meeting.rawpolicy import refusal
from chair_tui.meeting.session import PENDING
from chair_tui.tui.composer import ComposerInput
from chair_tui.tui.widgets import Outbox
from tests.helpers.app import make_app, session_of
from tests.helpers.clipboard import FakeClipboard


@pytest.fixture
def clipboard() -> FakeClipboard:
    return FakeClipboard()


REFUSED = {
    "/quit bye": "IRC client command",
    "/me waves": "IRC client command",
    "#topci typo": "did you mean #topic",
    "#inof typo": "did you mean #info",
    "#frobnicate now": "not a command the bot knows",
    "#info regrets:": "nothing after the label",
    "#agreed Decision:": "nothing after the label",
    "#action": "needs text",
    "#startmeeting evil": "use Next",
    "#sm evil": "use Next",
    "#endmeeting": "use End meeting",
    "#em": "use End meeting",
    "#undo": "use Undo",
    "#save": "in the middle of the meeting",
    "#vote +1": "goes through the vote key",
    "#commands": "lists the bot's commands",
    "#ENDMEETING": "use End meeting",
    "  #undo  ": "use Undo",
}
ALLOWED = [
    "#info all good",
    "#agreed yes",
    "plain words",
    "#123 is fixed",
    "#",
    "#link x.org",
    "#chair mallory",  # recorded as itself: the bot model follows the chairs
    "#unchair neal",
]


@pytest.mark.parametrize("text", list(REFUSED))
def test_the_policy_refuses_with_the_reason(text: str) -> None:
    why = refusal(get_profile("meetbot"), text)
    assert why is not None and REFUSED[text] in why


@pytest.mark.parametrize("text", ALLOWED)
def test_the_policy_lets_ordinary_lines_through(text: str) -> None:
    assert refusal(get_profile("meetbot"), text) is None


def test_the_key_is_named_when_there_is_one() -> None:
    why = refusal(get_profile("meetbot"), "#undo", key=lambda binding: f"<{binding}>")
    assert why is not None and "(<undo>)" in why


def test_composed_text_of_another_kind_is_only_checked_for_raw_commands() -> None:
    profile = get_profile("meetbot")
    assert refusal(profile, "/quit in the minutes", Kind.INFO) is None
    assert refusal(profile, "#undo", Kind.INFO) is not None


@pytest.mark.parametrize("text", ["/quit bye", "#endmeeting", "#undo", "#save"])
async def test_the_edit_prompt_refuses_and_stays_open(
    tmp_path: Path, clipboard: FakeClipboard, text: str
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test() as pilot:
        await pilot.press("n")
        await pilot.pause()
        s = session_of(app)
        before = s.export_lines()
        outbox = app.screen.query_one(Outbox)
        outbox.focus()
        outbox.highlighted = 1
        await pilot.press("ctrl+e")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input)
        field.value = text
        await pilot.pause()
        check = str(app.screen.query_one("#prompt-check", Static).render())
        assert check.startswith("✗")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is field  # still open
        await pilot.press("escape")
        await pilot.pause()
        assert s.export_lines() == before


@pytest.mark.parametrize("text", ["#topci x", "/quit bye", "#save"])  # start, end, undo: routed
async def test_the_composer_refuses_the_same(
    tmp_path: Path, clipboard: FakeClipboard, text: str
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test() as pilot:
        await pilot.press("n")
        await pilot.pause()
        s = session_of(app)
        before = s.export_lines()
        await pilot.press("t")  # a raw note: the line goes as typed
        await pilot.pause()
        composer = app.screen.query_one(ComposerInput)
        composer.value = text
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert s.export_lines() == before
        assert composer.value == text
        assert str(app.screen.query_one("#lint", Static).render()).startswith("✗")
        assert all(ln.state == PENDING for ln in s.pending())
