"""Damaged sessions: a cut or corrupted journal is detected, never taken for data, and a session
that cannot be used is moved aside (never deleted or overwritten) with the chair told why."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static

from chair_tui import cli
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.model import AgendaItem, Entry, MeetingPlan, Member
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import VERSION, Session, find_unfinished
from chair_tui.meeting.store import encode_record
from chair_tui.tui.app import ChairApp
from chair_tui.tui.screens import StartScreen
from chair_tui.tui.widgets import Outbox
from tests.conftest import UserDirs
from tests.helpers.clock import FROZEN, frozen_clock
from tests.reliability import knobs
from tests.reliability.journal import decode, state

SMALL_PLAN = MeetingPlan(
    title="Tiny ✓ WG",
    chair="neal",
    members=(Member("neal", "Néal"), Member("aday")),
    agenda=(AgendaItem("Ünïcode topic", ("https://example.org/a",)),),
)


def small_journal(base: Path) -> Path:
    """A session of a dozen records of every common kind, with multi-byte text."""
    s = Session.create(SMALL_PLAN, base, clock=frozen_clock, sync=False)
    s.open_step()
    s.next_step()
    s.set_attendance("neal", "present")
    s.emit_rollcall()
    s.next_step()
    s.open_step()
    s.record(Entry(Kind.INFO, "é😀 שלום"))
    s.mark_copied([s.lines[0].id])
    s.record(Entry(Kind.ACTION, "aday review it"))
    s.undo()
    s.edit_line(s.pending()[0].id, "#info edited ✓")
    s.close()
    assert s.path is not None
    return s.path


def no_tui(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make starting the real TUI a failure instead of a hang."""

    def refuse(self: ChairApp, *args: object, **kwargs: object) -> None:
        raise AssertionError("the TUI was started")

    monkeypatch.setattr(ChairApp, "run", refuse)


# ---------------------------------------------------------------------------------------------
# A journal cut anywhere, or with any record corrupted


def test_a_journal_cut_at_every_byte_keeps_every_whole_record(tmp_path: Path) -> None:
    path = small_journal(tmp_path)
    data = path.read_bytes()
    lines = data.split(b"\n")[:-1]
    ends = []  # offset just past each record's last byte (before its newline)
    pos = 0
    for line in lines:
        pos += len(line)
        ends.append(pos)
        pos += 1
    references = []
    for k in range(1, len(lines) + 1):
        ref = tmp_path / f"ref-{k}.jsonl"
        ref.write_bytes(b"".join(line + b"\n" for line in lines[:k]))
        references.append(state(Session.load(ref, read_only=True, sync=False)))
    cut = tmp_path / "cut.jsonl"
    for offset in range(len(data) + 1):
        cut.write_bytes(data[:offset])
        whole = sum(1 for end in ends if end <= offset)
        if whole == 0:
            with pytest.raises(InputError, match="empty session file"):
                Session.load(cut, read_only=True, sync=False)
            continue
        loaded = Session.load(cut, read_only=True, sync=False)
        at_boundary = offset in ends or offset - 1 in ends
        assert (loaded.torn_tail is None) == at_boundary, offset
        assert state(loaded) == references[whole - 1], offset
        assert cut.read_bytes() == data[:offset]  # read-only means read-only
    knobs.note("cut at every byte", offsets=len(data) + 1, records=len(lines))


def test_a_repaired_journal_takes_new_records_cleanly(tmp_path: Path) -> None:
    path = small_journal(tmp_path)
    data = path.read_bytes()
    rng = random.Random(knobs.SEED)
    cut = tmp_path / "cut.jsonl"
    for offset in sorted(rng.sample(range(data.index(b"\n") + 1, len(data)), 40)):
        cut.write_bytes(data[:offset])
        session = Session.load(cut, sync=False)  # repairs a torn tail
        before = state(session)
        session.set_attendance("aday", "regrets")
        session.close()
        assert all(decode(line) for line in cut.read_bytes().split(b"\n")[:-1])
        again = Session.load(cut, read_only=True, sync=False)
        assert again.torn_tail is None
        assert again.attendance["aday"] == "regrets"
        assert state(again)[0] == before[0]


def test_a_corrupted_record_is_never_taken_for_data(tmp_path: Path) -> None:
    path = small_journal(tmp_path)
    lines = path.read_bytes().split(b"\n")[:-1]
    rng = random.Random(knobs.SEED)
    ref = tmp_path / "ref.jsonl"
    ref.write_bytes(b"".join(line + b"\n" for line in lines[:-1]))
    without_last = state(Session.load(ref, read_only=True, sync=False))
    bad = tmp_path / "bad.jsonl"
    flips = 0
    for k, line in enumerate(lines):
        for pos in rng.sample(range(len(line)), min(25, len(line))):
            damaged = bytearray(line)
            damaged[pos] ^= 1 << rng.randrange(8)
            if damaged[pos] == ord("\n"):
                continue
            flips += 1
            bad.write_bytes(
                b"".join(x + b"\n" for x in [*lines[:k], bytes(damaged), *lines[k + 1 :]])
            )
            if k == len(lines) - 1:
                loaded = Session.load(bad, read_only=True, sync=False)
                assert loaded.torn_tail, pos
                assert state(loaded) == without_last
            else:
                with pytest.raises(InputError) as err:
                    Session.load(bad, read_only=True, sync=False)
                assert f"{bad}:{k + 1}:" in str(err.value), str(err.value)
    knobs.note("flipped bits", flips=flips, records=len(lines))


# ---------------------------------------------------------------------------------------------
# A session that cannot be used is moved aside, and the chair told


def _with_version(good: bytes, version: int) -> bytes:
    first, rest = good.split(b"\n", 1)
    record = decode(first)
    assert record is not None
    return encode_record({**record, "version": version}) + rest


def _damages() -> dict[str, Callable[[bytes], bytes]]:
    def header_with_version_0(good: bytes) -> bytes:
        return _with_version(good, 0)

    def flip_middle(good: bytes) -> bytes:
        lines = good.split(b"\n")
        middle = len(lines) // 2
        lines[middle] = lines[middle].replace(b'"op"', b'"oq"', 1)
        return b"\n".join(lines)

    return {
        "empty": lambda good: b"",
        "cut inside the header": lambda good: good[: good.index(b"\n") // 2],
        "not JSON": lambda good: b"this is not a session\n",
        "garbage before the records": lambda good: b"garbage\n" + good,
        "impossible schema version": header_with_version_0,
        "other JSON lines": lambda good: b'{"a": 1}\n{"b": 2}\n',
        "a damaged record in the middle": flip_middle,
        "binary": lambda good: bytes(random.Random(1).randrange(256) for _ in range(3000)),
    }


DAMAGES = _damages()


def _plant(base: Path, damage: str) -> tuple[Path, bytes]:
    good = small_journal(base / "good").read_bytes()
    bad = DAMAGES[damage](good)
    sessions = base / "sessions"
    sessions.mkdir(parents=True, exist_ok=True)
    path = sessions / "20260101-000000-abcdef.jsonl"
    path.write_bytes(bad)
    return path, bad


def _moved_aside(path: Path, content: bytes) -> Path:
    assert not path.exists(), "the damaged session was left in place"
    aside = [p for p in path.parent.glob(f"{path.name}.damaged-*") if p.suffix != ".why"]
    assert len(aside) == 1, aside
    assert re.fullmatch(re.escape(path.name) + r"\.damaged-\d{8}T\d{6}Z(-\d+)?", aside[0].name)
    assert aside[0].read_bytes() == content, "the damaged session was changed"
    why = aside[0].with_name(aside[0].name + ".why").read_text(encoding="utf-8")
    assert str(path) in why
    return aside[0]


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_resume_moves_a_damaged_session_aside_and_says_so(
    damage: str,
    user_dirs: UserDirs,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    no_tui(monkeypatch)
    path, content = _plant(user_dirs.data_dir, damage)
    assert find_unfinished(user_dirs.data_dir) == [path]
    assert cli.main(["--resume"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err, err
    aside = _moved_aside(path, content)
    assert str(path) in err and aside.name in err, err
    # the next --resume does not trip over it again
    assert cli.main(["--resume"]) == 2
    assert "no unfinished meeting" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["cut inside the header", "impossible schema version", "binary"])
async def test_the_start_screen_moves_a_damaged_session_aside_and_says_so(
    damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, content = _plant(tmp_path, damage)
    told: list[str] = []
    app = ChairApp(
        data_dir=tmp_path,
        unfinished=find_unfinished(tmp_path),
        clock=frozen_clock,
        system_clipboard=lambda text: None,
        sync=False,
    )
    real_notify = app.notify

    def notify(message: str, **kwargs: Any) -> None:  # App.notify's keywords, passed on
        told.append(message)
        real_notify(message, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#sessions", OptionList).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.is_running
        aside = _moved_aside(path, content)
        assert len(told) == 1 and aside.name in told[0] and "nothing was deleted" in told[0]


async def test_a_torn_tail_is_recovered_and_the_chair_told(tmp_path: Path) -> None:
    path = small_journal(tmp_path)
    good = path.read_bytes()
    intact = Session.load(path, read_only=True, sync=False)
    path.write_bytes(good + encode_record({"op": "attend", "nick": "neal", "state": "x"})[:17])
    session = Session.load(path, clock=frozen_clock, sync=False)
    assert session.torn_tail and state(session) == state(intact)
    app = ChairApp(session=session, data_dir=tmp_path, clock=frozen_clock, sync=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        status = str(app.screen.query_one("#status", Static).render())
        assert status.startswith("Recovered the session") and "incomplete" in status
        outbox = app.screen.query_one(Outbox)
        for ln in session.visible_lines():
            outbox.get_option(f"line-{ln.id}")
    # the repair rewrote the journal without the torn record, and without losing anything
    repaired = Session.load(path, read_only=True, sync=False)
    assert repaired.torn_tail is None and state(repaired) == state(intact)


def test_export_of_a_torn_session_warns_and_leaves_the_file_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = small_journal(tmp_path)
    expected = Session.load(path, read_only=True, sync=False).export_lines()
    torn = path.read_bytes() + b'{"c":1,"r":{"op":"cop'
    path.write_bytes(torn)
    assert cli.main(["export", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == expected
    assert err.count("\n") == 1 and str(path) in err and "incomplete" in err
    assert path.read_bytes() == torn


def test_nothing_is_ever_created_over_an_existing_session(tmp_path: Path) -> None:
    path = small_journal(tmp_path)
    content = path.read_bytes()
    with pytest.raises(FileExistsError):
        Session.create(SMALL_PLAN, tmp_path, path=path, sync=False)
    assert path.read_bytes() == content


@pytest.mark.slow
def test_resume_of_a_damaged_session_in_a_real_process(user_dirs: UserDirs) -> None:
    path, content = _plant(user_dirs.data_dir, "impossible schema version")
    proc = subprocess.run(
        [sys.executable, "-m", "chair_tui", "--resume"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TERM": "dumb"},
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 2, proc
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "version 0 is not supported" in proc.stderr
    _moved_aside(path, content)


def _plant_newer(base: Path) -> tuple[Path, bytes]:
    good = small_journal(base / "good").read_bytes()
    sessions = base / "sessions"
    sessions.mkdir(parents=True, exist_ok=True)
    path = sessions / "20260101-000000-abcdef.jsonl"
    path.write_bytes(_with_version(good, VERSION + 1))
    return path, path.read_bytes()


def test_resume_refuses_a_session_of_a_newer_format_and_leaves_it_alone(
    user_dirs: UserDirs, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    no_tui(monkeypatch)
    path, content = _plant_newer(user_dirs.data_dir)
    assert cli.main(["--resume"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "newer chair-tui" in err, err
    assert path.read_bytes() == content
    assert not list(path.parent.glob("*.damaged-*"))


async def test_the_start_screen_refuses_a_session_of_a_newer_format_and_leaves_it_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, content = _plant_newer(tmp_path)
    told: list[str] = []
    app = ChairApp(
        data_dir=tmp_path,
        unfinished=find_unfinished(tmp_path),
        clock=frozen_clock,
        system_clipboard=lambda text: None,
        sync=False,
    )
    monkeypatch.setattr(app, "notify", lambda message, **kwargs: told.append(message))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#sessions", OptionList).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.is_running
    assert len(told) == 1 and "newer chair-tui" in told[0]
    assert path.read_bytes() == content
    assert not list(path.parent.glob("*.damaged-*"))


def test_an_ended_meeting_is_not_offered_for_resume(tmp_path: Path) -> None:
    """Regression: find_unfinished looked for the end record only in the last 4096 bytes."""
    s = Session.create(SMALL_PLAN, tmp_path, clock=frozen_clock, sync=False)
    s.open_step()
    for i in range(120):
        s.record(Entry(Kind.INFO, f"fact {i}"))
    s.end()
    for line in s.pending():  # the chair presses y for each line left
        s.mark_copied([line.id])
    s.close()
    assert s.ended
    assert find_unfinished(tmp_path) == []


IMPOSSIBLE: dict[str, list[dict[str, Any]]] = {
    # on the roll-call step: RosterTable.show looks the state up (it used to crash)
    "an attendance state that does not exist": [
        {"op": "attend", "nick": "neal", "state": "bogus"},
        {"op": "step", "index": 1, "at": FROZEN},
    ],
    # on the topic step: the top bar formats the time-box with :d
    "a time-box that is text": [
        {"op": "agenda", "items": [{"title": "Ünïcode topic", "minutes": "ten"}], "index": 2},
    ],
}


@pytest.mark.parametrize(
    "damage",
    [
        "an attendance state that does not exist",
        "a time-box that is text",
    ],
)
async def test_a_session_with_impossible_values_is_refused_not_a_crash(
    damage: str, tmp_path: Path
) -> None:
    path = small_journal(tmp_path)
    with path.open("ab") as fh:
        for record in IMPOSSIBLE[damage]:
            fh.write(encode_record(record))
    try:
        session = Session.load(path, clock=frozen_clock, sync=False)
    except InputError:
        return  # refused with a clear message: what --resume then reports
    app = ChairApp(session=session, data_dir=tmp_path, clock=frozen_clock, sync=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.is_running
