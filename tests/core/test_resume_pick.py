"""Which session ``--resume`` opens, what the start screen lists of each unfinished one, and the
unfinished sessions of one meeting (to ask "resume or start new")."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from chair_tui.meeting.model import AgendaItem, MeetingPlan
from chair_tui.meeting.session import Session
from chair_tui.meeting.session.resume import (
    RECENT_ENDED_S,
    SessionInfo,
    find_for_resume,
    find_unfinished,
    list_unfinished,
    pick_for_resume,
    unfinished_for,
)

PLAN = MeetingPlan("Workstation WG", name="workstation", agenda=(AgendaItem("Budget"),))
OTHER = MeetingPlan("Council", agenda=(AgendaItem("Elections"),))
NOW = 1_700_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = NOW - 3600

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def sessions() -> Iterator[list[Session]]:
    made: list[Session] = []
    yield made
    for s in made:
        s.close()


def make(
    base: Path, sessions: list[Session], age: float, *, plan: MeetingPlan = PLAN, pending: bool
) -> Session:
    """A started session last changed ``age`` seconds before NOW, with or without lines not
    copied yet; closed (so nobody holds it)."""
    s = Session.create(plan, base, clock=Clock(), sync=False)
    s.start()
    if not pending:
        s.mark_copied([ln.id for ln in s.pending()])
    s.close()
    assert s.path is not None
    os.utime(s.path, (NOW - age, NOW - age))
    sessions.append(s)
    return s


def test_resume_prefers_the_newest_session_with_lines_not_copied(
    base: Path, sessions: list[Session]
) -> None:
    older = make(base, sessions, 300, pending=True)
    make(base, sessions, 200, pending=False)
    make(base, sessions, 100, pending=False)  # the newest, as opening a file again made it
    assert find_for_resume(base, now=NOW) == older.path
    infos = list_unfinished(base, now=NOW)
    assert len(infos) == 3
    picked = pick_for_resume(infos)
    assert picked is not None and picked.path == older.path


def test_resume_takes_the_newest_when_none_has_lines_pending(
    base: Path, sessions: list[Session]
) -> None:
    make(base, sessions, 300, pending=False)
    newest = make(base, sessions, 100, pending=False)
    assert find_for_resume(base, now=NOW) == newest.path
    assert find_for_resume(base / "nothing", now=NOW) is None
    assert pick_for_resume([]) is None


def test_the_start_screen_s_list(base: Path, sessions: list[Session]) -> None:
    s = make(base, sessions, 100, pending=True)
    again = Session.load(s.path or Path(), sync=False)
    again.goto(2)  # the first topic
    again.open_step()
    again.close()
    os.utime(s.path or Path(), (NOW - 50, NOW - 50))
    (info,) = list_unfinished(base, now=NOW)
    assert info == SessionInfo(
        path=s.path or Path(),
        title="Workstation WG",
        name="workstation",
        step="Budget",
        pending=len(again.pending()),
        created=s.created,
        modified=NOW - 50,
        ended=False,
    )
    assert info.pending and info.pending > 1


def test_the_list_is_what_find_unfinished_finds(base: Path, sessions: list[Session]) -> None:
    make(base, sessions, 100, pending=True)
    make(base, sessions, 200, pending=False)
    ended = make(base, sessions, 300, pending=False)
    s = Session.load(ended.path or Path(), sync=False)
    s.end()
    s.close()  # #endmeeting not copied: still offered, for three days
    os.utime(ended.path or Path(), (NOW - 300, NOW - 300))
    assert [i.path for i in list_unfinished(base, now=NOW)] == find_unfinished(base, now=NOW)
    assert len(find_unfinished(base, now=NOW)) == 3
    later = NOW + RECENT_ENDED_S
    assert [i.path for i in list_unfinished(base, now=later)] == find_unfinished(base, now=later)
    assert len(find_unfinished(base, now=later)) == 2


def test_a_damaged_session_is_listed_with_its_problem(base: Path, sessions: list[Session]) -> None:
    s = make(base, sessions, 100, pending=True)
    path = s.path or Path()
    with path.open("ab") as f:
        f.write(b'{"op":"nonsense"}\n{"op":"record"}\n')
    os.utime(path, (NOW - 100, NOW - 100))
    (info,) = list_unfinished(base, now=NOW)
    assert info.title == "Workstation WG" and info.pending is None and info.problem
    assert find_for_resume(base, now=NOW) == path  # as before: opening it moves it aside


def test_unfinished_for_a_meeting(base: Path, sessions: list[Session]) -> None:
    mine = make(base, sessions, 100, pending=True)
    make(base, sessions, 200, plan=OTHER, pending=True)
    assert [i.path for i in unfinished_for(base, PLAN, now=NOW)] == [mine.path]
    assert [i.path for i in unfinished_for(base, "workstation", now=NOW)] == [mine.path]
    assert [i.path for i in unfinished_for(base, "Workstation WG", now=NOW)] == [mine.path]
    assert len(unfinished_for(base, "Council", now=NOW)) == 1
    renamed = MeetingPlan("Workstation WG", name="ws", agenda=PLAN.agenda)
    assert unfinished_for(base, renamed, now=NOW) == []
    assert unfinished_for(base, " ", now=NOW) == []


def test_a_session_open_for_writing_says_who_has_it(base: Path, sessions: list[Session]) -> None:
    s = make(base, sessions, 100, pending=True)
    window = Session.load(s.path or Path(), sync=False)  # this process holds its lock now
    try:
        (info,) = unfinished_for(base, PLAN, now=NOW + 1000)
        assert info.held_by is not None and info.held_by.pid == os.getpid()
    finally:
        window.close()
    (info,) = unfinished_for(base, PLAN, now=NOW + 1000)
    assert info.held_by is None


def test_fifty_sessions_are_each_read_once(
    base: Path, sessions: list[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(50):
        make(base, sessions, 100 + n, pending=n == 49)
    loads: list[Path] = []
    real = Session.load

    def counting(path: Path, **kw: bool) -> Session:
        loads.append(path)
        return real(path, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Session, "load", counting)
    infos = list_unfinished(base, now=NOW)
    assert len(infos) == 50 and sorted(loads) == sorted(i.path for i in infos)
    loads.clear()
    assert find_for_resume(base, now=NOW) == sessions[-1].path  # the oldest has lines pending
    assert len(loads) == 50


def test_an_end_taken_back_is_unfinished_however_old(base: Path, sessions: list[Session]) -> None:
    s = make(base, sessions, 100, pending=False)
    path = s.path or Path()
    again = Session.load(path, sync=False)
    again.end()
    again.reopen()  # the end line was not copied: the meeting goes on
    again.close()
    old = NOW - 2 * RECENT_ENDED_S
    os.utime(path, (old, old))
    assert find_unfinished(base, now=NOW) == [path]
    assert [i.path for i in list_unfinished(base, now=NOW)] == [path]
    again = Session.load(path, sync=False)
    again.end()
    again.mark_copied([ln.id for ln in again.pending()])
    again.close()
    os.utime(path, (old, old))
    assert find_unfinished(base, now=NOW) == [] and list_unfinished(base, now=NOW) == []
