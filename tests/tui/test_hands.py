"""A chair's hands (issue 13), pressed as a chair presses them: copy on record, the composer
like a good IRC client, the tall view of a long text, taking the end back, what the end leaves
to press, late arrivals, chair hand-over, removing a guest, and the keys the step names.

Every test looks at what the chair sees: the lines waiting in the outbox, what reached the
clipboard, the status line, the focused widget.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from chair_tui.meeting.compose import parse_composed
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import COPIED, Session
from chair_tui.tui.app import ChairApp
from chair_tui.tui.composer import ComposerInput
from chair_tui.tui.config import Config
from chair_tui.tui.keybar import KeyBar
from chair_tui.tui.roster import RosterTable
from chair_tui.tui.screens.expand import ExpandScreen
from chair_tui.tui.widgets import Outbox
from tests.helpers.app import make_app, session_of
from tests.helpers.clipboard import FakeClipboard
from tests.helpers.walk import at_topic, pending_texts, status_of, type_text

# start lines, roll call (two present), minutes approved, on to the first topic
# 785 characters: one info that the bot receives as three lines
LONG_INFO = " ".join(f"item{i:02d} of the long report" for i in range(40))[:785]


def composer_of(app: ChairApp) -> ComposerInput:
    return app.screen.query_one(ComposerInput)


async def copy_all(pilot: Pilot[int], session: Session) -> None:
    """Press the copy key until nothing is pending (each copy waits for the clipboard)."""
    for _ in range(50):
        if not session.pending():
            return
        await pilot.press("c")
        await pilot.pause()
    raise AssertionError(f"still pending: {[ln.text for ln in session.pending()]}")


def bar_keys(app: ChairApp) -> set[str]:
    bar = app.screen.query_one(KeyBar)
    return {item.key for item in (*bar._left, *bar._right)}


# ---------------------------------------------------------------------- copy on record


async def test_copy_on_record_copies_a_lone_entry_and_only_records_while_lines_wait(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard, profile="zodbot", config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        s = await at_topic(pilot, copied=False)
        hint = str(app.screen.query_one("#step-panel", Static).content)
        assert "V vote" in hint and "L late" in hint  # the step names this round's keys
        waiting = pending_texts(app)
        assert waiting  # the topic's own lines are not copied yet: Enter only records
        before = list(clipboard.copies)
        await pilot.press("i")
        await type_text(pilot, "Owen waits for feedback")
        await pilot.press("enter")
        await pilot.pause()
        assert clipboard.copies == before
        assert pending_texts(app) == [*waiting, "#info Owen waits for feedback"]
        assert s.next_chunk()[0].text == waiting[0]
        assert status_of(app).startswith("Queued 1 line(s)")
        await copy_all(pilot, s)
        # nothing waits now: Enter records and copies, the chair only pastes
        before = list(clipboard.copies)
        await pilot.press("i")
        await type_text(pilot, "Owen waits for feedback on the proposals")
        await pilot.press("enter")
        await pilot.pause()
        assert clipboard.copies[len(before) :] == ["#info Owen waits for feedback on the proposals"]
        assert s.pending() == []
        assert s.visible_lines()[-1].state == COPIED
        assert status_of(app).startswith("Copied 1 line")
        assert status_of(app).endswith("0 pending.")
        assert isinstance(app.focused, Outbox)


# ---------------------------------------------------------------------- the composer


async def test_escape_clears_a_draft_ctrl_z_restores_it_and_escape_leaves(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(120, 40)) as pilot:
        s = await at_topic(pilot)
        composer = composer_of(app)
        await pilot.press("i")
        await type_text(pilot, "reply to the ticket")
        await pilot.press("escape")
        await pilot.pause()
        assert composer.value == ""
        assert app.focused is composer  # a cleared draft keeps the composer
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert composer.value == "reply to the ticket"
        await pilot.press("escape", "escape")  # clear, then leave the empty composer
        await pilot.pause()
        assert isinstance(app.focused, Outbox)
        await pilot.press("a")  # the next kind starts empty: no old draft glued on
        await pilot.pause()
        assert app.focused is composer and composer.value == ""
        assert s.pending() == []


async def test_tab_completes_the_common_prefix_then_cycles(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(120, 40)) as pilot:
        await at_topic(pilot)
        composer = composer_of(app)
        assert {"mclasen", "mcatanzaro"} <= set(composer.roster)
        await pilot.press("a", "m", "tab")
        await pilot.pause()
        assert composer.value == "mc"  # the common prefix of mclasen and mcatanzaro
        assert "Tab cycles: mclasen mcatanzaro" in str(
            app.screen.query_one("#lint", Static).content
        )
        seen = []
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(composer.value)
        assert seen == ["mclasen ", "mcatanzaro ", "mclasen "]


async def test_completed_nicks_with_punctuation_make_a_tidy_action(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard, profile="zodbot", config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        s = await at_topic(pilot)
        before = len(clipboard.copies)
        await pilot.press("a", "m", "c", "l", "tab", "comma", "space", "n", "e", "tab")
        await pilot.press("colon", "space", *"reply")
        await pilot.pause()
        assert composer_of(app).value == "mclasen, neal: reply"
        await pilot.press("enter")
        await pilot.pause()
        copied = "\n".join(clipboard.copies[before:]).split("\n")
        assert copied[-1] == "#action mclasen neal reply"
        assert s.pending() == []


async def test_f2_lists_each_line_with_its_bytes_and_escape_brings_the_edit_back(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(120, 40)) as pilot:
        s = await at_topic(pilot)
        assert len(LONG_INFO) == 785 and not LONG_INFO.endswith(" ")
        await pilot.press("i")
        await type_text(pilot, LONG_INFO)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ExpandScreen)
        shown = str(app.screen.query_one("#expand-lines", Static).content)
        preview = s.preview(parse_composed(LONG_INFO, Kind.INFO, s.profile.prefix + "#"))
        assert len(preview.lines) >= 3
        assert f"Sent as {len(preview.lines)} lines" in shown
        for n, size in enumerate(preview.bytes_used, start=1):
            assert f"{n:>2}. {size:>3} bytes  #info" in shown, shown
        area = app.screen.query_one(TextArea)
        assert area.text == LONG_INFO
        area.insert(" and one more point")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        composer = composer_of(app)
        assert not isinstance(app.screen, ExpandScreen)
        assert app.focused is composer
        assert composer.value == LONG_INFO + " and one more point"
        assert s.pending() == []  # reviewing records nothing


# ---------------------------------------------------------------------- the end


async def test_r_takes_the_end_back_until_its_line_is_copied(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(120, 40)) as pilot:
        s = await at_topic(pilot)
        await pilot.press("E", "y")
        await pilot.pause()
        assert s.ended and pending_texts(app) == ["#endmeeting"]
        assert "ENDED" in str(app.screen.query_one("#topbar", Static).content)
        assert "R takes the end back" in str(app.screen.query_one("#step-panel", Static).content)
        step, lines = s.step_index, pending_texts(app)
        await pilot.press("n", "i", "u", "b", "a")  # walking and recording do nothing now
        await pilot.pause()
        assert (s.step_index, pending_texts(app), s.ended) == (step, lines, True)
        assert not isinstance(app.focused, ComposerInput)
        await pilot.press("R")
        await pilot.pause()
        assert not s.ended
        assert pending_texts(app) == []
        assert "ENDED" not in str(app.screen.query_one("#topbar", Static).content)
        assert "taken back" in status_of(app)
        assert s.step.kind == "open"  # the meeting goes on at the step before the end
        await pilot.press("i")  # recording works again
        await type_text(pilot, "one more thing")
        await pilot.press("enter")
        await pilot.pause()
        assert pending_texts(app) == ["#topic Open Floor", "#info one more thing"]
        await pilot.press("E", "y")
        await pilot.pause()
        await copy_all(pilot, s)
        assert clipboard.copies[-1].split("\n")[-1] == "#endmeeting"
        await pilot.press("R")  # the bot has ended the meeting: too late
        await pilot.pause()
        assert s.ended
        assert [ln.text for ln in s.visible_lines()][-1] == "#endmeeting"
        assert "ENDED" in str(app.screen.query_one("#topbar", Static).content)
        assert "takes the end back" not in str(app.screen.query_one("#step-panel", Static).content)


async def test_after_the_end_the_key_bar_offers_only_what_still_makes_sense(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(120, 40)) as pilot:
        await at_topic(pilot)
        await pilot.press("E", "y")
        await pilot.pause()
        keys = bar_keys(app)
        assert {"c", "y", "R"} <= keys  # the end line still has to be copied (or taken back)
        assert not {"n", "b", "i", "d", "a", "u"} & keys, keys


# ---------------------------------------------------------------------- people


async def test_l_queues_a_late_arrival_and_k_a_chair(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard, profile="zodbot")
    async with app.run_test(size=(120, 40)) as pilot:
        s = await at_topic(pilot)
        await pilot.press("L")
        await type_text(pilot, "Jens (jensb)")
        await pilot.press("enter")
        await pilot.pause()
        assert pending_texts(app) == ["#info late: Jens (jensb)", "#nick jensb"]
        assert "Jens (jensb)" in status_of(app)
        assert "jensb" in composer_of(app).roster  # an action for them completes the nick
        assert s.step.kind == "topic"
        await copy_all(pilot, s)
        await pilot.press("K")
        await type_text(pilot, "neal")
        await pilot.press("enter")
        await pilot.pause()
        assert pending_texts(app) == ["#chair neal"]
        assert isinstance(app.focused, Outbox)


async def test_k_on_fedora_matrix_is_refused_with_the_reason(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard, profile="fedora-matrix")
    async with app.run_test(size=(120, 40)) as pilot:
        await at_topic(pilot)
        await pilot.press("K")
        await type_text(pilot, "neal")
        await pilot.press("enter")
        await pilot.pause()
        assert pending_texts(app) == []
        assert "power level" in status_of(app)
        assert app.screen.query_one("#status", Static).has_class("error")


async def test_delete_on_the_roll_call_removes_a_guest(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        s = session_of(app)
        roster = app.screen.query_one(RosterTable)
        members = roster.row_count
        roster.focus()
        await pilot.press("g")
        await type_text(pilot, "Omar Sandoval (osandov)")
        await pilot.press("enter")
        await pilot.pause()
        assert s.guests == ["Omar Sandoval (osandov)"]
        roster.focus()
        roster.move_cursor(row=roster.row_count - 1)
        await pilot.press("delete")
        await pilot.pause()
        assert s.guests == []
        assert roster.row_count == members
        assert "Removed the guest Omar Sandoval (osandov)" in status_of(app)
        roster.move_cursor(row=0)  # on a member's row the key removes nobody
        await pilot.press("delete")
        await pilot.pause()
        assert roster.row_count == members
