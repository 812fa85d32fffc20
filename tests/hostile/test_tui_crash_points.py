"""A crash is a crash, wherever in the TUI it happens: in a screen's compose or mount, an action,
a worker, a message handler, a timer, a session listener, while a dialog is open, while
quitting; with a meeting open or on the start screen; with the data dir unusable for the
report. Each time the launcher exits 70 with one line on stderr naming a private (0600) crash
report, never says "meeting saved", shows nothing of the meeting on the terminal, and the
session on disk holds everything done before the crash.

The app runs in-process through the real launcher (:func:`chair_tui.tui.launch.launch`), on
Textual's headless driver, driven by an auto-pilot script; one case in a real terminal is in
``test_tui_crash.py``."""

from __future__ import annotations

import gc
import tempfile
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.session import Session
from chair_tui.tui import base as tui_base
from chair_tui.tui.app import ChairApp
from chair_tui.tui.launch import launch
from chair_tui.tui.roster import RosterTable
from chair_tui.tui.screens import help as help_screen
from chair_tui.tui.screens import meeting as meeting_screen
from chair_tui.tui.screens import modals, start
from chair_tui.tui.widgets import Outbox
from tests.helpers.clock import frozen_clock

SECRET = "SECRET-agenda-words"
Script = Callable[[Pilot[Any]], Coroutine[Any, Any, None]]
Patch = Callable[[pytest.MonkeyPatch], None]


class Boom(RuntimeError):
    """The unexpected exception; its message quotes the meeting, as a real one might."""

    def __init__(self) -> None:
        super().__init__(f"boom while handling {SECRET}")


def boom(*args: object, **kwargs: object) -> Any:
    raise Boom()


@dataclass(frozen=True, slots=True)
class Outcome:
    code: int
    out: str
    err: str
    data: Path
    temp: Path


def keys(*pressed: str, wait: float = 0.0) -> Script:
    async def script(pilot: Pilot[Any]) -> None:
        for key in pressed:
            await pilot.press(key)
            await pilot.pause()
        if wait:
            await pilot.pause(wait)
        await pilot.pause()
        pilot.app.exit()  # reached only when nothing crashed

    return script


def type_path(path: str) -> Script:
    """On the start screen: type ``path`` as the meeting file, and Enter."""

    async def script(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.screen.query_one("#meeting-path").focus()
        await pilot.press(*path, "enter")
        await pilot.pause()
        pilot.app.exit()

    return script


def run_launch(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    script: Script,
    *,
    meeting: bool = True,
    resume: bool = False,
) -> Outcome:
    data = tmp_path / "data"
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setattr(gc, "freeze", lambda: None)  # launch freezes start-up's objects
    real_run = ChairApp.run

    def run(self: ChairApp, **_: object) -> int | None:
        self._sync = False
        return real_run(self, headless=True, size=(100, 30), auto_pilot=script)

    monkeypatch.setattr(ChairApp, "run", run)
    code = launch(
        plan=load_demo() if meeting else None,
        profile=None,
        resume=resume,
        data_dir=str(data),
        config=str(tmp_path / "none.toml"),
    )
    captured = capsys.readouterr()
    return Outcome(int(code), captured.out, captured.err, data, temp)


def assert_crash(outcome: Outcome, *, report_dir: str = "data") -> Path:
    """The contract of a crash; returns the report."""
    assert outcome.code == 70, (outcome.out, outcome.err)
    lines = [ln for ln in outcome.err.splitlines() if ln.strip()]
    assert len(lines) == 1, outcome.err
    assert lines[0].startswith("chair-tui: internal error; a report was written to ")
    terminal = outcome.out + outcome.err
    assert "meeting saved" not in terminal and "meeting ended" not in terminal
    assert SECRET not in terminal and "Traceback" not in terminal and "boom" not in terminal
    if report_dir == "data":
        reports = list((outcome.data / "crash").glob("crash-*.txt"))
    else:
        reports = list(outcome.temp.glob("chair-tui-crash-*.txt"))
    assert len(reports) == 1, reports
    report = reports[0]
    assert str(report) in lines[0]
    assert report.stat().st_mode & 0o777 == 0o600
    text = report.read_text(encoding="utf-8")
    assert "Traceback" in text and ("Boom" in text or "CHAIR_TUI_TEST_CRASH" in text)
    return report


def the_session(outcome: Outcome) -> Session:
    """The one session on disk, loaded (whole: every record checked)."""
    files = list((outcome.data / "sessions").glob("*.jsonl"))
    assert len(files) == 1
    return Session.load(files[0], read_only=True, clock=frozen_clock)


# Where the exception is raised, what drives the app there, whether a meeting is open, and
# how many lines the session on disk holds afterwards (None: no session).
CASES: dict[str, tuple[Patch, Script, bool, int | None]] = {
    "meeting compose": (
        lambda mp: mp.setattr(meeting_screen.MeetingScreen, "compose", boom),
        keys(),
        True,
        0,
    ),
    "meeting mount": (
        lambda mp: mp.setattr(meeting_screen.MeetingScreen, "on_mount", boom),
        keys(),
        True,
        0,
    ),
    "start screen compose": (
        lambda mp: mp.setattr(start.StartScreen, "compose", boom),
        keys(),
        False,
        None,
    ),
    "start screen open a file (message handler)": (
        lambda mp: mp.setattr(start, "load_meeting", boom),
        type_path("x.toml"),
        False,
        None,
    ),
    "action next step": (
        lambda mp: mp.setattr(meeting_screen.MeetingScreen, "action_next_step", boom),
        keys("n"),
        True,
        0,
    ),
    "action after lines were queued": (
        lambda mp: mp.setattr(meeting_screen.MeetingScreen, "action_undo", boom),
        keys("n", "u"),
        True,
        3,
    ),
    "session listener": (
        lambda mp: mp.setattr(meeting_screen.MeetingScreen, "_on_record", boom),
        keys("n"),
        True,
        1,
    ),
    "copy worker": (
        lambda mp: mp.setattr(tui_base.ChairBase, "copy_lines", boom),
        keys("n", "c"),
        True,
        3,
    ),
    "roll-call message handler": (
        lambda mp: mp.setattr(Session, "set_attendance", boom),
        keys("n", "p"),
        True,
        3,
    ),
    "roster mount": (
        lambda mp: mp.setattr(RosterTable, "show", boom),
        keys("n"),
        True,
        3,
    ),
    "outbox key handler": (
        lambda mp: mp.setattr(Outbox, "on_key", boom),
        keys("n", "f4", "c"),
        True,
        3,
    ),
    "dialog open: confirm answer": (
        lambda mp: mp.setattr(modals.Confirm, "action_answer", boom),
        keys("n", "E", "y"),
        True,
        3,
    ),
    "dialog compose: text prompt": (
        lambda mp: mp.setattr(modals.TextPrompt, "compose", boom),
        keys("n", "n", "o"),
        True,
        None,
    ),
    "dialog mount: step picker": (
        lambda mp: mp.setattr(modals.StepPicker, "on_mount", boom),
        keys("n", "f4", "g"),
        True,
        3,
    ),
    "help screen": (
        lambda mp: mp.setattr(help_screen.HelpScreen, "body", boom),
        keys("f1"),
        True,
        0,
    ),
    "quit: closing the session": (
        lambda mp: mp.setattr(Session, "close", boom),
        keys("n"),
        True,
        3,
    ),
    "quit action": (
        lambda mp: mp.setattr(ChairApp, "action_quit", boom),
        keys("n", "ctrl+q"),
        True,
        3,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_crash_at(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    case: str,
) -> None:
    patch, script, meeting, lines = CASES[case]
    patch(monkeypatch)
    outcome = run_launch(monkeypatch, capsys, tmp_path, script, meeting=meeting)
    assert_crash(outcome)
    monkeypatch.undo()  # load the session with nothing patched
    if lines is not None:
        assert len(the_session(outcome).lines) >= lines
    elif not meeting:
        assert not list(outcome.data.glob("sessions/*.jsonl"))


def test_a_crash_in_a_timer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    calls = []
    real_tick = meeting_screen.MeetingScreen._tick

    def tick(self: meeting_screen.MeetingScreen) -> None:
        calls.append(1)
        if len(calls) > 1:  # the first is on mount; the next ones come from the timer
            raise Boom()
        real_tick(self)

    monkeypatch.setattr(meeting_screen.MeetingScreen, "_tick", tick)

    async def script(pilot: Pilot[Any]) -> None:
        await pilot.press("n")
        pilot.app.screen.set_timer(0.01, pilot.app.screen._tick)  # type: ignore[attr-defined]
        await pilot.pause(0.1)
        pilot.app.exit()

    outcome = run_launch(monkeypatch, capsys, tmp_path, script)
    assert_crash(outcome)
    monkeypatch.undo()
    assert len(the_session(outcome).lines) == 3


def test_a_crash_with_a_rich_exception_shows_nothing_of_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    class RichBoom(Boom):
        def __rich__(self) -> str:  # Textual would show this instead of a traceback
            return f"[b]{SECRET}[/b]"

    def raise_rich(*args: object) -> None:
        raise RichBoom()

    monkeypatch.setattr(meeting_screen.MeetingScreen, "action_next_step", raise_rich)
    assert_crash(run_launch(monkeypatch, capsys, tmp_path, keys("n")))


def test_a_crash_whose_message_cannot_be_shown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    class Unprintable(Boom):
        def __str__(self) -> str:
            raise ValueError(SECRET)

    def raise_it(*args: object) -> None:
        raise Unprintable()

    monkeypatch.setattr(meeting_screen.MeetingScreen, "action_next_step", raise_it)
    outcome = run_launch(monkeypatch, capsys, tmp_path, keys("n"))
    assert outcome.code == 70
    assert len([ln for ln in outcome.err.splitlines() if ln.strip()]) == 1
    assert SECRET not in outcome.out + outcome.err


@pytest.mark.parametrize("meeting", [True, False])
def test_the_data_dir_unusable_for_the_report_falls_back_to_the_temp_dir(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    meeting: bool,
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "crash").write_text("a file where the crash folder goes")

    monkeypatch.setattr(meeting_screen.MeetingScreen, "action_next_step", boom)
    monkeypatch.setattr(start, "load_meeting", boom)
    script = keys("n") if meeting else type_path("x.toml")
    outcome = run_launch(monkeypatch, capsys, tmp_path, script, meeting=meeting)
    assert_crash(outcome, report_dir="temp")
    assert (data / "crash").read_text() == "a file where the crash folder goes"


@pytest.mark.parametrize("meeting", [True, False])
def test_the_test_crash_hook(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    meeting: bool,
) -> None:
    monkeypatch.setenv("CHAIR_TUI_TEST_CRASH", "1")
    outcome = run_launch(monkeypatch, capsys, tmp_path, keys(wait=0.1), meeting=meeting)
    assert_crash(outcome)


def test_a_crash_after_resume_leaves_the_session_as_it_was(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    s = Session.create(load_demo(), data, clock=frozen_clock, sync=False)
    s.open_step()
    s.next_step()
    s.add_guest(SECRET)
    s.close()
    assert s.path is not None
    before = s.path.read_bytes()
    monkeypatch.setattr(meeting_screen.MeetingScreen, "action_next_step", boom)
    outcome = run_launch(monkeypatch, capsys, tmp_path, keys("n"), meeting=False, resume=True)
    assert_crash(outcome)
    assert s.path.read_bytes() == before
    assert not Path(str(s.path) + ".lock").exists()


def test_no_crash_says_saved(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The control case: the same launcher without a crash exits 0 and says where it saved."""
    outcome = run_launch(monkeypatch, capsys, tmp_path, keys("n"))
    assert outcome.code == 0 and "chair-tui: meeting saved" in outcome.out
    assert not outcome.err.strip()
    assert not (outcome.data / "crash").exists()
