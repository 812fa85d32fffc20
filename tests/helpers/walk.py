"""A whole meeting walked with key presses, for the tests that change what surrounds the app.

:func:`walk_meeting` uses nearly every command (roll call, guests, every kind of entry typed
with awkward text, undo, copy, edit, delete, help, the step picker, an ad-hoc topic moved
about, the end) and calls ``hook`` after every step, so a test can resize the terminal there
or check that nothing escaped.  :func:`check_walked` then checks what the meeting left behind.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Awaitable, Callable

from textual.pilot import Pilot
from textual.widgets import Input, Static

from chair_tui.meeting.session import COPIED, Session
from chair_tui.meeting.text import utf8_len
from chair_tui.tui.app import ChairApp
from chair_tui.tui.composer import ComposerInput
from chair_tui.tui.roster import RosterTable
from chair_tui.tui.widgets import Outbox
from tests.helpers.app import session_of
from tests.helpers.clipboard import FakeClipboard

Hook = Callable[[str], Awaitable[None]]

# What the chair types: Unicode that tends to break things, IRC formatting codes, raw syntax.
RECORDS: tuple[tuple[str, str], ...] = (
    ("i", "Owen waits for feedback \x02bold\x02 \x0304,12red\x0f שלום עולם مرحبا 👩‍👩‍👧 e\u0301"),
    ("d", "#agreed ship it 🚀"),
    ("a", "neal, otaylor: review the proposals \u202eevil\u202c"),
    ("l", "design doc https://example.org/btrfs."),
    ("e", "use fscrypt for homed \u200f\u0301\u0301"),
    ("h", "need reviewers\x00 \x1dtoday\x1d\t\x7f"),
    ("x", "proposal to drop X11"),
    ("t", "/me says this is narrative"),
    ("t", "#topic a note that looks like a command"),
    ("i", "long " + " ".join(f"wörd{i}" for i in range(600))),
)
GUEST = "Omar Sandoval \u202eguest\u202c"
AD_HOC = "Ad-hoc ⚠ topic"


async def type_text(pilot: Pilot[int], text: str) -> None:
    focused = pilot.app.focused
    assert isinstance(focused, Input), focused
    focused.insert_text_at_cursor(text)
    await pilot.pause()


# From the start to the first topic of the demo meeting: roll call written, minutes approved.
TO_TOPIC = ("n", "p", "p", "w", "n", "v", "n")


def pending_texts(app: ChairApp) -> list[str]:
    """The texts of the lines waiting in the outbox."""
    return [ln.text for ln in session_of(app).pending()]


def status_of(app: ChairApp) -> str:
    """What the status line says."""
    return str(app.screen.query_one("#status", Static).content)


async def at_topic(pilot: Pilot[int], *, copied: bool = True) -> Session:
    """The first topic of the demo meeting, walked with the keys; with ``copied``, every line
    so far marked copied (set-up, not under test: as the copy key would), so the outbox is
    empty."""
    await pilot.pause()  # the meeting screen is up before the first key
    await pilot.press(*TO_TOPIC)
    await pilot.pause()
    s = session_of(pilot.app)  # type: ignore[arg-type]
    assert s.step.kind == "topic"
    if copied:
        s.mark_copied([ln.id for ln in s.pending()])
        await pilot.pause()
        assert not s.pending()
    return s


async def walk_meeting(pilot: Pilot[int], hook: Hook | None = None) -> list[str]:
    """Chair the demo meeting from start to end and copy every line; returns the steps."""
    app = pilot.app
    assert isinstance(app, ChairApp)
    steps: list[str] = []

    async def done(name: str) -> None:
        await pilot.pause()
        assert app.is_running, f"the app stopped at {name!r}"
        steps.append(name)
        if hook is not None:
            await hook(name)

    async def press(name: str, *keys: str) -> None:
        await pilot.press(*keys)
        await done(name)

    async def record(key: str, text: str) -> None:
        await pilot.press(key)
        await type_text(pilot, text)
        await pilot.press("enter")
        await pilot.pause()
        if isinstance(app.focused, ComposerInput):  # refused: leave the composer
            app.focused.value = ""
            await pilot.press("escape")
        await done(f"record {key}")

    def highlight_pending(index: int) -> None:
        outbox = app.screen.query_one(Outbox)
        outbox.focus()
        line = session_of(app).pending()[index]
        outbox.highlighted = outbox.get_option_index(f"line-{line.id}")

    await done("started")
    await press("start block", "n")
    app.screen.query_one(RosterTable).focus()
    for key in ("p", "s", "p", "p", "r", "a"):
        await press(f"roll call {key}", key)
    await press("guest prompt", "g")
    await type_text(pilot, GUEST)
    await press("guest added", "enter")
    app.screen.query_one(RosterTable).focus()
    await press("roll call written", "w")
    await press("minutes approval", "n")
    await press("no objections", "v")
    await press("topic 1", "n")
    for key, text in RECORDS:
        await record(key, text)
    await press("undo", "u")
    await press("copy chunk", "c")
    await press("copy one", "y")
    highlight_pending(0)
    await press("edit prompt", "ctrl+e")
    field = app.focused
    assert isinstance(field, Input)
    field.value = "#info edited line ✓ \x02"
    await press("edited", "enter")
    highlight_pending(1)
    await press("deleted", "delete")
    await press("help", "f1")
    await press("help closed", "escape")
    await press("step picker", "g")
    await press("step picker closed", "escape")
    await press("add topic prompt", "o")
    await type_text(pilot, AD_HOC)
    await press("topic added", "enter")
    await press("topic later", "right_square_bracket")
    await press("topic earlier", "left_square_bracket")
    await press("topic 2", "n")
    await record("i", "second topic fact")
    session = session_of(app)
    while session.step.kind != "open":
        await press("next step", "n")
    await press("next meeting", "m")
    composer = app.focused
    assert isinstance(composer, ComposerInput)
    assert composer.value.startswith("Next meeting: ")
    composer.value = ""  # whatever date was proposed, the chair types their own
    await type_text(pilot, "Next meeting: July 13")
    await press("next meeting recorded", "enter")
    await press("end prompt", "E")
    await press("ended", "y")
    while session.pending():
        await press("copy", "c")
    return steps


def check_walked(app: ChairApp, clipboard: FakeClipboard | None) -> None:
    """What a walked meeting must leave: every line kept, sane, copied, and shown."""
    session = session_of(app)
    assert session.ended
    visible = session.visible_lines()
    texts = [ln.text for ln in visible]
    assert texts[0].startswith("#startmeeting ") and texts[-1] == "#endmeeting"
    for expected in (
        "#agreed ship it 🚀",
        "#link https://example.org/btrfs design doc",
        "#info Next meeting: July 13",
        f"#topic {AD_HOC}",
        "#info edited line ✓",
    ):
        assert expected in texts, expected
    assert any(t.startswith("#action neal otaylor review the proposals") for t in texts)
    assert not any("wörd599" in t for t in texts)  # the long entry was undone
    for ln in visible:
        assert ln.state == COPIED, ln
        assert not any(unicodedata.category(ch) == "Cc" for ch in ln.text), ln
        assert utf8_len(ln.text) <= session.max_bytes
        assert ln.text == ln.text.strip()
    outbox = app.screen.query_one(Outbox)
    for ln in visible:
        assert outbox.get_option(f"line-{ln.id}").prompt is not None
    if clipboard is not None:
        assert clipboard.copies, "nothing reached the system clipboard"
        assert "\n".join(clipboard.copies).split("\n") == texts
    assert session.path is not None
    again = Session.load(session.path, read_only=True)
    assert again.export_lines() == session.export_lines()
    assert again.ended
