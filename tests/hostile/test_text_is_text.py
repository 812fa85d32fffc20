"""Text is text: whatever a chair types or a file holds reaches the screen as plain text.

One running app (Pilot) takes each text through every display path: the start screen's list
(a session whose meeting has the text as its title), the top bar, the start editor, the roll
call's guests (``g``), a topic added with ``o`` in the outline, the step panel and the step
picker (``g``), the composer with its check line and the status after Enter, the outbox, a
toast, the help screen and the end summary. Nothing may raise, and each shows the text as
:func:`chair_tui.tui.plain.shown` makes it: verbatim, but for control and bidi characters,
shown as visible escapes (docs/reliability.md).

What a widget shows is read from what it renders (its strips), not from the data it was
given; whitespace is ignored in the comparison because a long row may wrap.

``CHAIR_TUI_HYPOTHESIS_EXAMPLES`` / 100 is the number of generated texts (default 3); the
fixed texts run every time.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual import events
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets._toast import Toast

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.render import render_entries
from chair_tui.meeting.session import Session
from chair_tui.meeting.session.records import StepKind
from chair_tui.meeting.session.resume import info_of
from chair_tui.meeting.text import clean_line
from chair_tui.tui.app import ChairApp
from chair_tui.tui.composer import ComposerInput
from chair_tui.tui.plain import field_text, notify, shown
from chair_tui.tui.roster import RosterTable
from chair_tui.tui.screens.help import HelpScreen
from chair_tui.tui.screens.meeting import MeetingScreen
from chair_tui.tui.screens.modals import Confirm, StepPicker, TextPrompt
from chair_tui.tui.screens.start import StartScreen
from chair_tui.tui.widgets import Outbox, StartBlock, StepOutline
from tests.helpers.clipboard import FakeClipboard
from tests.helpers.clock import frozen_clock

# it drives the app (through a thread of its own, so the automatic marking misses it)
pytestmark = pytest.mark.app

# a walk through every display path takes about a second: a hundredth of the examples the
# other properties run (3 by default, one a shard, besides the 24 fixed texts; 100 in the
# long run of docs/reliability.md)
EXAMPLES = max(1, int(os.environ.get("CHAIR_TUI_HYPOTHESIS_EXAMPLES", "300")) // 100)
SIZE = (100, 30)

# Pieces that markup, terminals and bidi rendering treat specially.
SPECIAL = [
    "[",
    "]",
    "[/]",
    "[b]",
    "[/b]",
    "[@click=app.quit]",
    "[link=http://x]",
    "$text-accent",
    "\\",
    "\\[",
    "\x1b[31m",
    "\x1b]52;c;cm0gLXJmIH4=\x07",
    "\x00",
    "\t",
    "\n",
    "\r",
    "\x7f",
    "\x9b",
    "\u202e",
    "\u2066",
    "\u2069",
    "😀",
    "👩‍👩‍👧",
    "é",
    "ß",
    " ",
    ":",
    "#",
]
TEXTS = st.lists(
    st.sampled_from(SPECIAL) | st.text(min_size=1, max_size=4), min_size=1, max_size=6
).map("".join)


def rendered(widget: Widget) -> str:
    """What ``widget`` paints inside its border and padding, as plain text, row by row."""
    gutter = widget.gutter
    strips = widget.render_lines(Region(gutter.left, gutter.top, *widget.size))
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def squeeze(text: str) -> str:
    return "".join(text.split())


def shows(widget: Widget, text: str) -> bool:
    """Whether ``widget`` shows ``text`` as the screen should (see module docstring)."""
    return squeeze(shown(text)) in squeeze(rendered(widget))


async def seen(pilot: Pilot[int], widget: Widget, text: str, *, cut: bool = False) -> None:
    """Let the app draw, then require ``widget`` to show ``text`` (see :func:`shows`): a
    widget such as a table or a field lays its rows out after the change that filled it.
    With ``cut``, a text cut to its column (a table's cell ending in "…") may show only its
    start: its first 16 characters, as shown, must be there."""
    for _ in range(50):
        if shows(widget, text):
            return
        await pilot.pause(0)
    whole = squeeze(shown(text))
    # a table column sized to its widget ends a long cell with "…" (the roster does)
    if cut and len(whole) > 16 and "…" in rendered(widget):
        assert whole[:16] in squeeze(rendered(widget)), (shown(text), rendered(widget))
        return
    assert shows(widget, text), (shown(text), rendered(widget))


async def seen_in_field(pilot: Pilot[int], field: Input, text: str) -> None:
    """A one-line field holds ``text`` as shown, and shows it: all of it, or, when it is
    wider than the field, the part the field has scrolled to."""
    assert field.value == shown(text)
    await pilot.pause(0)
    visible = squeeze(rendered(field))
    whole = squeeze(shown(text))
    assert whole in visible or (visible and visible in whole), (whole, visible)


def first_line(text: str) -> str:
    """What a paste leaves in a one-line field: the first line (see Textual's Input)."""
    lines = text.splitlines()
    return lines[0] if lines else ""


async def settle(pilot: Pilot[int]) -> None:
    """Let the app handle what is queued (without Pilot's wait for the whole process to go
    idle: 50 ms or more each time)."""
    await pilot.pause(0)


async def until(pilot: Pilot[int], done: Callable[[], object]) -> None:
    """Let the app run until ``done()`` is true (a screen shown, composed and laid out)."""
    for _ in range(50):
        if done():
            return
        await pilot.pause(0)
    raise AssertionError("the app did not get there")


def showing(
    app: ChairApp, kind: type[Screen[Any]], part: str = "#status, #prompt-box"
) -> Callable[[], bool]:
    """Whether ``app`` shows a screen of ``kind``, with ``part`` composed and laid out."""

    def done() -> bool:
        screen = app.screen
        if not isinstance(screen, kind):
            return False
        parts = screen.query(part)
        return bool(parts) and all(w.size.width for w in parts if w.display)

    return done


async def press(pilot: Pilot[int], key: str) -> None:
    """Press ``key`` as a terminal sends it, without Pilot's wait for the whole process to go
    idle (100 ms a key): the app has handled it, and redrawn, when this returns."""
    pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
    await settle(pilot)


async def paste(pilot: Pilot[int], field: Input, text: str) -> None:
    """Paste ``text`` into ``field`` as a terminal's bracketed paste delivers it."""
    field.focus()
    field.post_message(events.Paste(text))
    await settle(pilot)


class RunningApp:
    """One app, started once, that every example walks through (starting an app for each
    example would take most of the test's time). It runs in a thread of its own; each walk
    is handed to it and runs inside the app's own task (where Textual knows the app)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.app = ChairApp(
            data_dir=base, clock=frozen_clock, system_clipboard=FakeClipboard(), sync=False
        )
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queue: asyncio.Queue[tuple[str, Future[None]] | None] | None = None
        self._thread = threading.Thread(target=asyncio.run, args=(self._main(),), daemon=True)
        self._thread.start()
        assert self._ready.wait(30)

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        queue = self._queue = asyncio.Queue()
        try:
            async with self.app.run_test(size=SIZE, notifications=True) as pilot:
                self._ready.set()
                while (job := await queue.get()) is not None:
                    text, done = job
                    try:
                        await walk(pilot, self.base, text)
                    except BaseException as exc:
                        done.set_exception(exc)
                    else:
                        done.set_result(None)
        finally:
            self._ready.set()

    def walk(self, text: str) -> None:
        assert self._loop is not None and self._queue is not None, "the app did not start"
        done: Future[None] = Future()
        self._loop.call_soon_threadsafe(self._queue.put_nowait, (text, done))
        done.result(60)

    def close(self) -> None:
        if self._loop is not None and self._queue is not None:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, None)
        self._thread.join(30)


async def walk(pilot: Pilot[int], base: Path, text: str) -> None:
    app = pilot.app
    assert isinstance(app, ChairApp)
    while len(app.screen_stack) > 1:  # what an earlier example left open
        await app.pop_screen()
    if app.session is not None:
        app.session.close()
        app.session = None
    await settle(pilot)
    title = f"M {text}"
    plan = replace(load_demo(), title=title)
    session = Session.create(plan, base, clock=frozen_clock, sync=False)
    assert session.path is not None
    path = session.path
    session.close()
    title = Session.load(path, read_only=True).plan.title  # as the session keeps it
    await app.push_screen(StartScreen([info_of(path)]))
    await until(pilot, showing(app, StartScreen, "#sessions"))
    # the start screen: a session named by its meeting's title
    assert isinstance(app.screen, StartScreen)
    sessions = app.screen.query_one("#sessions", OptionList)
    await seen(pilot, sessions, title)
    sessions.focus()
    sessions.highlighted = 0
    await press(pilot, "enter")
    await until(pilot, showing(app, MeetingScreen, "#topbar, StartBlock Input"))
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    s = screen.session
    await seen(pilot, screen.topbar, title)

    # the start editor: the start lines as rendered, in text fields
    start = render_entries(s.start_block(), s.profile, max_bytes=s.max_bytes)
    fields = list(screen.query_one(StartBlock).query(Input))
    for field, line in zip(fields, start, strict=True):
        await seen_in_field(pilot, field, line.text)
    assert clean_line(title) in start[0].text
    await press(pilot, "n")  # queue the start lines; on to the roll call
    await until(pilot, showing(app, MeetingScreen, "RosterTable"))
    outbox = screen.query_one(Outbox)
    await seen(pilot, outbox, fields[0].value)

    # roll call: a guest named by the text
    assert s.step.kind is StepKind.ROLLCALL
    screen.query_one(RosterTable).focus()
    await press(pilot, "g")
    await until(pilot, showing(app, TextPrompt, "Input"))
    prompt = app.screen
    await paste(pilot, prompt.query_one(Input), text)
    guest = clean_line(field_text(first_line(text)))
    await press(pilot, "enter")
    await until(pilot, showing(app, MeetingScreen))
    if guest:
        assert s.guests == [guest]
        await seen(pilot, screen.query_one(RosterTable), guest, cut=True)

    # a toast
    notify(app, text)
    await until(pilot, showing(app, MeetingScreen, "Toast"))
    toasts = list(app.screen.query(Toast))
    assert toasts
    await seen(pilot, toasts[-1], text)
    app.clear_notifications()

    # a topic added with o: the outline, the step panel and the step picker
    await press(pilot, "n")
    screen.query_one(Outbox).focus()
    await press(pilot, "o")
    await until(pilot, showing(app, TextPrompt, "Input"))
    prompt = app.screen
    await paste(pilot, prompt.query_one(Input), text)
    topic = clean_line(field_text(first_line(text)))
    await press(pilot, "enter")
    await until(pilot, showing(app, MeetingScreen))
    if topic:
        index = next(i for i, st in enumerate(s.steps) if st.title == topic)
        # the outline: the topic's label, then its title on one row, cut with "…" to fit
        rows = rendered(screen.query_one(StepOutline)).splitlines()
        at = next(i for i, row in enumerate(rows) if s.steps[index].label(s.steps) in row)
        row = rows[at + 1].strip()
        if row.endswith("…") and squeeze(row) != squeeze(shown(topic)):
            assert squeeze(shown(topic)).startswith(squeeze(row[:-1]))
        else:
            assert squeeze(row) == squeeze(shown(topic))
        await seen(pilot, screen.status_line, topic)
        await press(pilot, "g")
        await until(pilot, showing(app, StepPicker, "OptionList"))
        picker = app.screen
        await seen(pilot, picker.query_one(OptionList), topic)
        picker.query_one(OptionList).highlighted = index
        await press(pilot, "enter")
        await until(pilot, showing(app, MeetingScreen))
        assert s.step_index == index
        await seen(pilot, screen.step_panel, topic)

    # the composer, its check line, the status after Enter and the outbox
    screen.query_one(Outbox).focus()
    await press(pilot, "a")
    composer = screen.query_one(ComposerInput)
    await paste(pilot, composer, text)
    typed = field_text(first_line(text))
    assert composer.value == typed
    await seen_in_field(pilot, composer, typed)
    assert rendered(screen.lint_line).strip() or not typed.strip()
    before = len(s.entries)
    await press(pilot, "enter")
    status = rendered(screen.status_line)
    if len(s.entries) > before:
        lines = [s.line(i).text for i in s.entries[-1].line_ids]
        assert squeeze(shown(lines[-1][:60])) in squeeze(status)
        for queued in lines:
            await seen(pilot, outbox, queued)
    else:
        assert status.strip() or not typed.strip()

    # help
    await press(pilot, "f1")
    await until(pilot, showing(app, HelpScreen, "#help-body"))
    assert "compose_info" in rendered(app.screen.query_one("#help-body", Static))
    await press(pilot, "escape")
    await until(pilot, showing(app, MeetingScreen))

    # the end summary
    screen.query_one(Outbox).focus()
    await press(pilot, "E")
    await until(pilot, showing(app, Confirm))
    await press(pilot, "y")
    await until(pilot, lambda: s.ended and isinstance(app.screen, MeetingScreen))
    summary = rendered(screen.step_panel)
    assert "Meeting ended." in summary
    summary_rows = screen.query_one("#summary-rows")  # the summary's own scrollable pane
    for items in s.summary().actions.values():
        for item in items:
            await seen(pilot, summary_rows, item)
    for item in s.summary().unassigned:
        await seen(pilot, summary_rows, item)


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    runner = RunningApp(tmp_path_factory.mktemp("text"))
    yield runner
    runner.close()


# The texts that must pass every time, in three shards: each shard is a test of its own, so
# the test runner's workers take them side by side (each worker runs its own app).
FIXED: tuple[str, ...] = (
    "#info binaries live in [/usr/bin] here",
    "see [/etc/fstab]",
    "ok [/b] then",
    "[/]",
    "x [/] y",
    "[/x].toml",
    "alice[m]",
    "[RFC] proposal",
    "Alice [she/her]",
    "[@click=app.quit]quit?[/]",
    "[b]bold[/b] and [i]",
    "back\\slash \\[b] \\",
    "$text-accent $block-cursor-background",
    "[link=http://evil.example]x[/link]",
    "\x1b[2J\x1b[31mred",
    "\x1b]52;c;cm0gLXJmIH4=\x07 clipboard",
    "\u202eevil\u202c txt",
    "\u2066isolate\u2069 [/]",
    "😀 emoji [/] 👩‍👩‍👧",
    "tab\there\x00nul\x7fdel\x9bcsi",
    "two\nlines [b]",
    "\r\n[/]",
    "[on red]x[/on red]",
    "@alice [/] do it",
)
SHARDS = 3


def _with_examples(texts: tuple[str, ...]) -> Callable[[Any], Any]:
    def decorate(test: Any) -> Any:
        for text in reversed(texts):
            test = example(text=text)(test)
        return test

    return decorate


_SETTINGS = settings(
    max_examples=max(1, EXAMPLES // SHARDS),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@_SETTINGS
@given(text=TEXTS)
@_with_examples(FIXED[0::SHARDS])
def test_text_is_text(running: RunningApp, text: str) -> None:
    running.walk(text)


@_SETTINGS
@given(text=TEXTS)
@_with_examples(FIXED[1::SHARDS])
def test_text_is_text_second_shard(running: RunningApp, text: str) -> None:
    running.walk(text)


@_SETTINGS
@given(text=TEXTS)
@_with_examples(FIXED[2::SHARDS])
def test_text_is_text_third_shard(running: RunningApp, text: str) -> None:
    running.walk(text)
