"""What will be pasted is on screen, keys a newcomer finds, focus without colour (issue 13).

The outbox shows the whole chunk that ``c`` copies next and how many pending lines wait below;
a wrapped line goes on under its own text; the start lines stay readable while edited and
Escape leaves them; the key bar keeps the important keys on a narrow terminal; help and the
palette name keys as keys; the roster keeps its columns; the focused panel differs by more than
a colour; the quit question is never cut.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.content import Content
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input, Label

from chair_tui.meeting.compose import parse_composed
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import Session
from chair_tui.tui import commands
from chair_tui.tui.app import ChairApp
from chair_tui.tui.keybar import KeyBar, keep
from chair_tui.tui.messages import RemoveGuest
from chair_tui.tui.palette import MeetingCommands
from chair_tui.tui.roster import RosterTable
from chair_tui.tui.screens.help import HelpScreen
from chair_tui.tui.screens.modals import Confirm
from chair_tui.tui.widgets import Hanging, Outbox, StartBlock
from tests.helpers.app import make_app, session_of
from tests.helpers.clipboard import FakeClipboard

# The demo meeting: start lines queued and copied, then every member marked and the roll call
# written (its 3 lines, the first a long one that wraps at 80 columns).
ROLL_CALL = ["n", "c", "c", "c", "p", "s", "p", "p", "r", "p", "p", "p", "p", "w"]
LONG_LINK = "https://example.org/" + "/".join(f"section{i}" for i in range(14)) + " the design"


def screen_text(app: ChairApp) -> str:
    """The screen as plain text, row by row (what is left when colour is taken away)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def bar_text(app: ChairApp) -> str:
    bar = app.screen.query_one(KeyBar)
    return "".join(seg.text for seg in bar.render_line(0)).rstrip()


def outbox_of(app: ChairApp) -> Outbox:
    return app.screen.query_one(Outbox)


async def type_text(app: ChairApp, text: str) -> None:
    focused = app.focused
    assert isinstance(focused, Input), focused
    focused.insert_text_at_cursor(text)


# ---------------------------------------------------------------------- the outbox


async def test_roll_call_lines_are_on_screen_whole_at_80x24(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*ROLL_CALL)
        await pilot.pause()
        s = session_of(app)
        chunk = [ln.id for ln in s.next_chunk()]
        assert len(chunk) == 3
        outbox = outbox_of(app)
        assert set(chunk) <= set(outbox.whole_in_view()), outbox.whole_in_view()
        assert any("(secr.)" in row for row in screen_text(app).splitlines())
        # scrolled away by hand, show_chunk (what the copy key calls first) brings it back
        outbox.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        assert not set(chunk) <= set(outbox.whole_in_view())
        outbox.show_chunk(s)
        await pilot.pause()
        assert set(chunk) <= set(outbox.whole_in_view())


async def at_topic(pilot: Pilot[int]) -> Session:
    """On the first topic with every line so far copied (marked copied in the session)."""
    await pilot.press("n", "n", "n")
    app = pilot.app
    assert isinstance(app, ChairApp)
    s = session_of(app)
    s.mark_copied([ln.id for ln in s.pending()])
    await pilot.pause()
    return s


async def test_a_split_info_and_the_undo_lines_are_on_screen_whole(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(120, 40)) as pilot:
        s = await at_topic(pilot)
        await pilot.press("i")
        await type_text(app, " ".join(f"point{i} of the long report" for i in range(30)))
        await pilot.press("enter")
        await pilot.pause()
        chunk = [ln.id for ln in s.next_chunk()]
        assert len(chunk) >= 3  # the info was split into 3 lines, copied as one chunk
        assert set(chunk) <= set(outbox_of(app).whole_in_view())
        for n in range(6):
            s.record(parse_composed(f"fact number {n} for the minutes", Kind.INFO, "#"))
        s.mark_copied([ln.id for ln in s.pending()])  # so undo queues #undo lines
        await pilot.press("u", "u")
        await pilot.pause()
        chunk = [ln.id for ln in s.next_chunk()]
        assert chunk and set(chunk) <= set(outbox_of(app).whole_in_view())


async def test_the_border_counts_the_pending_lines_below(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "p", "p", "w", "n", "v", "n")
        await pilot.pause()
        s = session_of(app)
        outbox = outbox_of(app)
        seen = set(outbox.whole_in_view())
        below = [ln for ln in s.pending() if ln.id not in seen]
        assert below  # more pending lines than the outbox shows: the test means something
        assert outbox.border_subtitle == f"+{len(below)} more pending ↓"
        assert f"+{len(below)} more pending" in screen_text(app)
        outbox.focus()
        await pilot.press("end")  # scrolled to the last line: nothing waits below
        await pilot.pause()
        assert outbox.border_subtitle == ""
        await pilot.press("home")
        await pilot.pause()
        assert outbox.border_subtitle.startswith("+")  # scrolled back: they wait below again
        s.mark_copied([ln.id for ln in s.pending()])  # as copying them all would
        await pilot.pause()
        assert outbox.border_subtitle == ""


def test_a_wrapped_line_goes_on_under_its_text() -> None:
    label = Content("• pending ")
    text = Content(f"#link {LONG_LINK}")
    rows = Hanging([(label, text)]).laid_out(40).plain.split("\n")
    assert len(rows) > 2
    assert rows[0].startswith("• pending #link https://")  # never an empty '#link' row
    for row in rows[1:]:
        assert row.startswith(" " * len("• pending ")) and row.strip(), rows
        assert len(row) <= 40
    # nothing lost or added (rows break between words or inside the URL)
    assert "".join(rows).replace(" ", "") == f"• pending #link {LONG_LINK}".replace(" ", "")
    assert str(Hanging([(label, text)])) == f"• pending #link {LONG_LINK}"


async def test_the_outbox_indents_a_long_link(tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_topic(pilot)
        await pilot.press("l")
        await type_text(app, LONG_LINK)
        await pilot.press("enter")
        await pilot.pause()
        rows = screen_text(app).splitlines()
        first = next(i for i, row in enumerate(rows) if "• pending #link https://" in row)
        following = rows[first + 1]
        inner = following[following.index("┃") + 1 :] if "┃" in following else following
        assert inner.startswith(" " * 11) and "section" in inner, rows[first : first + 3]


# ---------------------------------------------------------------------- the start lines


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_focused_start_line_shows_its_text(
    size: tuple[int, int], tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=size) as pilot:
        await pilot.press("shift+tab")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input) and field.id and field.id.startswith("start-line-")
        assert field.value and field.value in screen_text(app)
        assert field.region.height == 1
        hint = app.screen.query_one(StartBlock).hint().plain
        assert "esc" in hint and hint in screen_text(app)
        await pilot.press("end", "n")  # text, not the next step
        await pilot.pause()
        assert field.value.endswith("n")
        assert field.value in screen_text(app)
        assert session_of(app).step.kind == "start"
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is outbox_of(app)
        await pilot.press("n")  # now the key moves on, with the edited line
        await pilot.pause()
        assert session_of(app).step.kind == "rollcall"
        assert any(ln.text.endswith("n") for ln in session_of(app).pending())


# ---------------------------------------------------------------------- the key bar


def test_keep_drops_the_highest_rank_first_and_keeps_the_order() -> None:
    widths = [5, 5, 5, 5]
    assert keep(widths, [3, 50, 0, 8], 20) == [0, 1, 2, 3]
    assert keep(widths, [3, 50, 0, 8], 15) == [0, 2, 3]
    assert keep(widths, [3, 50, 0, 8], 10) == [0, 2]
    assert keep(widths, [50, 50, 50, 50], 10) == [0, 1]  # the later of equal ranks first
    assert keep(widths, [1, 2, 3, 4], 3) == []


async def test_copy_and_the_main_key_stay_at_80_columns(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n")
        await pilot.pause()
        text = bar_text(app)
        for shown in ("c Copy", "y Copy one", "n Next", "i Info", "f1 Help"):
            assert shown in text, text
        assert "b Back" not in text  # the least needed went first
        assert len(text) <= 80


async def test_the_roll_call_key_stays_when_the_table_ranks_it(
    tmp_path: Path, clipboard: FakeClipboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    emit = commands.BY_ID["rollcall_emit"]
    monkeypatch.setitem(commands.BY_ID, emit.id, replace(emit, rank=3))
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.focused, RosterTable)
        text = bar_text(app)
        for shown in ("c Copy", "y Copy one", "w Write roll call"):
            assert shown in text, text


async def test_the_composer_bar_names_its_keys(tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n", "i")
        await pilot.pause()
        text = bar_text(app)
        for command in commands.COMPOSER_COMMANDS:
            if command.show:
                assert f"{app.key(command.id)} {command.label}" in text, text


# ---------------------------------------------------------------------- help and palette


async def test_help_at_80x24_keeps_ids_whole_and_keys_in_words(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        width = screen.query_one("#help-body").content_size.width
        assert width >= 60  # help takes the width there is
        rows = screen.body().laid_out(width).plain.split("\n")
        text = "\n".join(rows)
        assert "_square_bracket" not in text
        assert "  [  Topic earlier" in text
        for c in commands.ALL_COMMANDS:
            assert any(f"({c.id})" in row for row in rows), c.id  # never cut in two
        for row in rows:
            assert len(row) <= width
            if row.strip().startswith("("):  # an id on a row of its own: under its text
                assert row.startswith(" " * 10), row


async def test_the_palette_names_keys_as_keys(tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n")
        await pilot.pause()
        provider = MeetingCommands(app.screen)
        helps = {c.id: text for c, text in provider.available()}
        assert helps["topic_earlier"].endswith("(key: [)")
        assert helps["topic_later"].endswith("(key: ])")
        assert not [t for t in helps.values() if "_bracket" in t or "key: ctrl+" in t]


# ---------------------------------------------------------------------- the roster


async def shown_rows(pilot: Pilot[int], roster: RosterTable) -> list[str]:
    await pilot.pause()
    return ["".join(seg.text for seg in roster.render_line(y)) for y in range(roster.size.height)]


async def test_a_long_guest_keeps_the_roster_in_line_and_shows_a_nick(
    tmp_path: Path, clipboard: FakeClipboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "g")
        await type_text(app, "Bartholomew Fitzgerald-Worthington III, visiting from the board")
        await pilot.press("enter", "g")
        await type_text(app, "Jens Bauer (jensb)")
        await pilot.press("enter")
        await pilot.pause()
        roster = app.screen.query_one(RosterTable)
        roster.focus()
        await pilot.pause()
        rows = await shown_rows(pilot, roster)
        roster.move_cursor(row=roster.row_count - 1)  # the guests, at the end
        rows += await shown_rows(pilot, roster)
        states = [r for r in rows if "—" in r or "guest" in r]
        columns = {r.index("—") if "—" in r else r.index("guest") for r in states}
        assert len(columns) == 1, rows
        assert any("jensb" in r and "Jens Bauer" in r for r in rows), rows
        assert any("Bartholomew" in r and "…" in r for r in rows), rows

        posted: list[RemoveGuest] = []
        post = roster.post_message

        def capture(message: Message) -> bool:
            if isinstance(message, RemoveGuest):
                posted.append(message)
                return True
            return post(message)

        monkeypatch.setattr(roster, "post_message", capture)
        pending = len(session_of(app).pending())
        roster.move_cursor(row=0)
        await pilot.press("delete")  # a member's row: nothing is removed, no line deleted
        roster.move_cursor(row=roster.row_count - 1)
        await pilot.press("delete")
        await pilot.pause()
        assert [m.name for m in posted] == ["Jens Bauer (jensb)"]
        assert len(session_of(app).pending()) == pending


# ---------------------------------------------------------------------- focus and dialogs


async def test_focus_shows_without_colour(
    tmp_path: Path, clipboard: FakeClipboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path, clipboard)
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.focused, RosterTable)
        roster_focused = screen_text(app)
        outbox_of(app).focus()
        await pilot.pause()
        outbox_focused = screen_text(app)
        await pilot.press("i")
        await pilot.pause()
        composer_focused = screen_text(app)
        # Only the focus moved between these; the plain text (no colour at all) shows where.
        assert "┏" in outbox_focused and "┏" not in roster_focused + composer_focused
        assert roster_focused.count("▌") > composer_focused.count("▌")
        assert len({roster_focused, outbox_focused, composer_focused}) == 3


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_quit_question_is_never_cut(
    size: tuple[int, int], tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", "ctrl+q")
        await pilot.pause()
        question = app.screen.query_one("#prompt-title", Label)
        rows = [
            "".join(seg.text for seg in question.render_line(y)).strip()
            for y in range(question.size.height)
        ]
        dialog = app.screen
        assert isinstance(dialog, Confirm)
        assert "Quit anyway?" in dialog.question.plain
        assert " ".join(rows) == " ".join(dialog.question.plain.split())
        assert question.region.right <= app.screen.query_one("#prompt-box").region.right
