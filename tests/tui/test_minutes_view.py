"""The live minutes view (``M``) and the end summary: what the bot will record, as it stands.

The core half (:func:`chair_tui.meeting.minutes.live.live_minutes`) is checked on sessions
built without the app; the view with Pilot: opening and closing it, following recordings and
copies, the marks of copied, OSC 52-only and pending lines, actions by person, lost lines, the
Matrix bot's day boundary, and an end summary longer than the screen.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from chair_tui.meeting.compose import parse_composed
from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.minutes.live import Source, live_minutes
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import Session, model_of_session
from chair_tui.tui import commands
from chair_tui.tui.app import ChairApp
from chair_tui.tui.minutes_view import Rows, SummaryPane
from chair_tui.tui.screens.help import HelpScreen
from chair_tui.tui.screens.meeting import MeetingScreen
from chair_tui.tui.screens.minutes import MinutesScreen
from tests.helpers.app import make_app, session_of
from tests.helpers.clipboard import FakeClipboard
from tests.helpers.clock import frozen_clock

# ---------------------------------------------------------------------- helpers


def started(tmp_path: Path, profile: str | None = None) -> Session:
    """The demo meeting started and on its first topic (its opening lines queued)."""
    s = Session.create(load_demo(), tmp_path, profile=profile, clock=frozen_clock, sync=False)
    s.open_step(s.start_block())
    while s.step.kind != "topic":
        s.next_step()
    s.open_step()
    return s


def action(s: Session, text: str) -> None:
    s.record(parse_composed(text, Kind.ACTION, s.profile.prefix + "#"))


def rows_of(app: ChairApp) -> list[str]:
    return app.screen.query_one("#minutes-rows", Rows).plain_rows


async def type_text(pilot: Pilot[int], text: str) -> None:
    focused = pilot.app.focused
    assert isinstance(focused, Input), focused
    focused.insert_text_at_cursor(text)
    await pilot.pause()


async def record(pilot: Pilot[int], key: str, text: str) -> None:
    await pilot.press(key)
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def to_first_topic(pilot: Pilot[int]) -> None:
    """Start, mark cmurf and mclasen present, write the roll call, approve, first topic."""
    await pilot.press("n", "p", "p", "w", "n", "v", "n")
    await pilot.pause()


# ---------------------------------------------------------------------- the core half


def test_items_map_to_the_lines_that_made_them(tmp_path: Path) -> None:
    s = started(tmp_path)
    s.record(Entry(Kind.INFO, "first fact"))
    action(s, "mclasen file the ticket")
    live = live_minutes(s)
    model = model_of_session(s)
    assert [(i.kind, i.text) for i in live.items] == [
        (i.kind, i.text) for i in model.items if i.kind.value != "TOPIC"
    ]
    for item in live.items:
        line = s.line(item.line_id)
        assert item.text in line.text
        assert item.source is Source.PENDING


def test_copied_sent_and_pending_are_told_apart(tmp_path: Path) -> None:
    s = started(tmp_path)
    s.record(Entry(Kind.INFO, "copied fact"))
    s.mark_copied([ln.id for ln in s.pending()])
    s.record(Entry(Kind.INFO, "sent fact"))
    sent = [ln.id for ln in s.pending()]
    s.mark_copied(sent)
    s.record(Entry(Kind.INFO, "pending fact"))
    live = live_minutes(s, sent_only=set(sent))
    by_text = {i.text: i.source for i in live.items}
    assert by_text["copied fact"] is Source.COPIED
    assert by_text["sent fact"] is Source.SENT
    assert by_text["pending fact"] is Source.PENDING
    assert live.counts[Source.SENT] == 1
    assert live.counts[Source.PENDING] == 1


def test_lost_lines_and_empty_items(tmp_path: Path) -> None:
    s = Session.create(load_demo(), tmp_path, clock=frozen_clock, sync=False)
    s.record(Entry(Kind.NOTE, "said before the start"))
    s.open_step(s.start_block())
    while s.step.kind != "topic":
        s.next_step()
    s.open_step()
    s.record(Entry(Kind.NOTE, "just chatting"))
    rec = s.record(Entry(Kind.INFO, "to be emptied"))
    s.edit_line(rec.line_ids[-1], "#info")
    lost = {x.text: x.why for x in live_minutes(s).lost}
    assert "before the start" in lost["said before the start"]
    assert "not in the minutes" in lost["just chatting"]
    assert lost["INFO"] == "an empty item"


def test_hcoop_unknown_command_is_lost(tmp_path: Path) -> None:
    s = started(tmp_path, "hcoop")
    rec = s.record(Entry(Kind.NOTE, "a line"))  # the composer refuses it; an edit does not
    s.edit_line(rec.line_ids[-1], "#frobnicate now")
    [lost] = [x for x in live_minutes(s).lost if x.text == "#frobnicate now"]
    assert "Unknown command" in lost.why


def test_undone_item_is_listed_as_removed(tmp_path: Path) -> None:
    s = started(tmp_path)
    s.record(Entry(Kind.INFO, "regretted"))
    s.mark_copied([ln.id for ln in s.pending()])
    s.undo()  # copied: queues #undo
    live = live_minutes(s)
    assert [i.text for i in live.undone] == ["regretted"]
    assert "regretted" not in [i.text for i in live.items]


def test_actions_by_person_as_the_bot_assigns_them(tmp_path: Path) -> None:
    s = started(tmp_path)
    action(s, "mclasen neal review the proposals")
    action(s, "somebody else does it")
    live = live_minutes(s)
    people = {nick: [i.text for i in items] for nick, items in live.by_person}
    assert people["mclasen"] == ["mclasen neal review the proposals"]
    assert people["neal"] == ["mclasen neal review the proposals"]
    assert [i.text for i in live.unassigned] == ["somebody else does it"]


def test_matrix_warns_of_the_day_boundary(tmp_path: Path) -> None:
    s = started(tmp_path, "fedora-matrix")
    live = live_minutes(s, now=frozen_clock() + 3600)
    text = " ".join(live.warnings)
    assert "midnight" in text and "§4.3" in text
    assert "Started 10:00 UTC; midnight UTC is in 13 h 00 min" in text
    assert not live_minutes(started(tmp_path / "other")).warnings


# ---------------------------------------------------------------------- the view


async def test_minutes_key_opens_and_closes_the_view(tmp_path: Path) -> None:
    app = make_app(tmp_path, FakeClipboard())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
        assert "The meeting has not started" in " ".join(rows_of(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
        await pilot.press("M")  # the same key closes it
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        # in the palette (the meeting screen allows it) and in F1, by its id
        assert app.screen.check_action("show_minutes", ()) is True
        assert commands.BY_ID["show_minutes"] in commands.COMMANDS
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "(show_minutes)" in app.screen.body().plain
        assert "(minutes_close)" in app.screen.body().plain


async def test_view_follows_recording_and_copying(tmp_path: Path) -> None:
    app = make_app(tmp_path, FakeClipboard())
    async with app.run_test(size=(100, 30)) as pilot:
        await to_first_topic(pilot)
        await record(pilot, "i", "Owen will wait for feedback")
        await pilot.press("M")
        await pilot.pause()
        assert "  + INFO Owen will wait for feedback" in rows_of(app)
        s = session_of(app)
        # a change while the view is open (a copy finishing, a second window's reload…)
        s.record(Entry(Kind.INFO, "recorded while open"))
        await pilot.pause()
        assert "  + INFO recorded while open" in rows_of(app)
        s.mark_copied([ln.id for ln in s.pending()])
        await pilot.pause()
        rows = rows_of(app)
        assert "  ✓ INFO Owen will wait for feedback" in rows
        assert "  ✓ INFO recorded while open" in rows
        legend = app.screen.query_one("#minutes-legend").render()
        assert "+ 0 pending" in str(legend)


async def test_copy_by_osc52_only_is_marked_unconfirmed(tmp_path: Path) -> None:
    def no_system_clipboard(text: str) -> None:
        raise RuntimeError("no clipboard tool")

    app = make_app(tmp_path, no_system_clipboard)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_first_topic(pilot)
        while session_of(app).pending():
            await pilot.press("c")
            await pilot.pause()
        await record(pilot, "i", "went by OSC 52")
        await pilot.press("c")
        await pilot.pause()
        await record(pilot, "i", "still pending")
        await pilot.press("M")
        await pilot.pause()
        rows = rows_of(app)
        assert "  ↗ INFO went by OSC 52" in rows
        assert "  + INFO still pending" in rows
        assert "✓" not in " ".join(r for r in rows if "INFO" in r)


async def test_actions_by_person_and_lost_lines_in_the_view(tmp_path: Path) -> None:
    app = make_app(tmp_path, FakeClipboard())
    async with app.run_test(size=(100, 30)) as pilot:
        await to_first_topic(pilot)
        await record(pilot, "a", "mclasen cmurf file the ticket")
        await record(pilot, "a", "the board decides later")
        await record(pilot, "t", "a word in the channel")
        await pilot.press("M")
        await pilot.pause()
        rows = rows_of(app)
        start = rows.index("Actions by person, as the bot will assign them")
        assert rows[start + 1 : start + 7] == [
            "  cmurf",
            "    + mclasen cmurf file the ticket",
            "  mclasen",
            "    + mclasen cmurf file the ticket",
            "  UNASSIGNED",
            "    + the board decides later",
        ]
        assert "  + ACTION the board decides later  → UNASSIGNED" in rows
        assert "  ✗ + a word in the channel  — plain line: in the log, not in the minutes" in rows


async def test_matrix_view_warns_of_the_day_boundary(tmp_path: Path) -> None:
    app = make_app(tmp_path, FakeClipboard(), profile="fedora-matrix")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.press("M")
        await pilot.pause()
        warnings = [r for r in rows_of(app) if r.startswith("⚠ ")]
        assert any("after midnight" in w and "lost from these minutes" in w for w in warnings)
        assert any("midnight UTC is in" in w for w in warnings)


async def test_end_summary_scrolls_to_its_last_action(tmp_path: Path) -> None:
    app = make_app(tmp_path, FakeClipboard())
    async with app.run_test(size=(80, 24)) as pilot:
        await to_first_topic(pilot)
        s = session_of(app)
        for n in range(10):  # recorded as the composer records them (typing is tested above)
            action(s, f"mclasen task number {n}")
        await pilot.press("E", "y")
        await pilot.pause()
        pane = app.screen.query_one(SummaryPane)
        rows = pane.query_one(Rows).plain_rows
        assert sum(1 for r in rows if "mclasen task number" in r) == 10
        assert rows[-1] == "    + mclasen task number 9"
        assert pane.max_scroll_y > 0  # longer than its room
        assert str(pane.border_subtitle).startswith("▼")
        assert app.focused is pane  # after E: its keys scroll it at once
        await pilot.press("end")
        await pilot.pause()
        assert pane.scroll_y == pane.max_scroll_y
        assert pane.border_subtitle == ""
        # the last row drawn is the last action
        last = pane.query_one(Rows).lines(pane.query_one(Rows).content_region.width)[-1]
        assert last.plain.rstrip() == "    + mclasen task number 9"
        assert "line(s) still to paste" in str(app.screen.query_one("#step-panel").render())
        # c still copies the end line while the summary has the focus
        pending = len(session_of(app).pending())
        await pilot.press("c")
        await pilot.pause()
        assert len(session_of(app).pending()) < pending
