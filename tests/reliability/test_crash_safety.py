"""Crash safety: chair-tui killed with SIGKILL at random moments loses nothing it showed.

A child process (``crash_child.py``) works on a session and reports each change once it is
saved (and, for the TUI, visible in the outbox).  The parent kills it at a random moment
(seeded), then checks the file it left:

* every record but the last is intact; a damaged last record is reported in ``torn_tail``
  and the session loads exactly as if that record had never been written;
* every line the child reported is there, with the text and state it reported; the only other
  difference allowed is the one change that was being made when the kill came, applied whole
  or not at all.

Three variants: ``tui`` (the app driven by key presses, killed by the parent), ``core`` (a
tight loop of Session calls with large records and frequent compaction, killed by the parent)
and ``tear`` (the same loop, killed by the kernel in the middle of writing a record, so that
torn records are certain).  The next child resumes the same file (``Session.load`` repairs a
torn tail), so the checks also cover recovery after recovery.  ``CHAIR_TUI_CRASH_KILLS`` sets
the kills per variant.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.profiles import PROFILES
from chair_tui.meeting.session import COPIED, DELETED, PENDING, Session
from tests.reliability import knobs
from tests.reliability.journal import lines_of, scan, state

CHILD = Path(__file__).with_name("crash_child.py")
# How long after its start a child is killed, by mode (seconds).
# Seconds after the child has started (its imports, timed by start_up_seconds) to kill it.
KILL_WINDOW = {"tui": (0.1, 4.0), "core": (0.05, 0.8), "tear": (0.05, 0.8)}
# The core writers start a new session this often (their records are large).
ROUNDS_PER_SESSION = {"tui": 10_000, "core": 4, "tear": 4}


@dataclass
class Child:
    messages: list[dict[str, Any]]
    returncode: int
    killed_by_parent: bool
    stderr: str


def run_child(mode: str, path: Path, seed: int, delay: float, logs: Path) -> Child:
    """Start a child on ``path`` and SIGKILL it (by its pid) ``delay`` seconds later."""
    err_path = logs / f"{mode}-{seed}.stderr"
    with err_path.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), mode, str(path), str(seed)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
        )
    stdout = proc.stdout
    assert stdout is not None
    out: list[bytes] = []
    reader = threading.Thread(target=lambda: out.append(stdout.read()))
    reader.start()
    try:
        proc.wait(timeout=delay)
        killed = False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        killed = True
    proc.wait(timeout=60)
    reader.join(timeout=60)
    stdout.close()
    data = b"".join(out)
    whole = data[: data.rfind(b"\n") + 1]  # a report cut by the kill does not count
    messages = [json.loads(line) for line in whole.splitlines()]
    return Child(messages, proc.returncode, killed, err_path.read_text(errors="replace"))


class SecondWindow:
    """A second window on the session while a child writes it: it loads the session read-only,
    as a window does while another holds the session's lock (``open_for_window``), again and
    again from a thread until stopped. Reading must never fail nor change what the child
    writes, whatever the child is writing at that moment (the rounds' checks then find every
    reported change intact)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.loads = 0
        self.writable = 0
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                window = Session.load(self.path, read_only=True, sync=False)
                self.loads += 1
                window.close()
            except Exception as exc:  # any failure is a finding
                self.failures.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.01)

    def __enter__(self) -> SecondWindow:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)


def check_tui(expected: dict[int, tuple[str, str]], action: str | None, loaded: Session) -> None:
    """Every line the TUI showed is saved as shown (the action in flight may have gone on)."""
    actual = lines_of(loaded)
    lost = sorted(set(expected) - set(actual))
    assert not lost, f"lines shown but lost: {lost}"
    moves: dict[tuple[str, str], tuple[str, ...]] = {
        (PENDING, COPIED): ("copy", "copy_one"),
        (PENDING, DELETED): ("undo",),
    }
    for i, (text, st) in expected.items():
        got_text, got_state = actual[i]
        assert got_text == text, (i, text, got_text)
        if got_state != st:
            assert action in moves.get((st, got_state), ()), (i, st, got_state, action)
    extra = [i for i in actual if i not in expected]
    if expected and extra:
        assert min(extra) > max(expected), f"unreported lines among shown ones: {extra}"
    # new lines are pending, or already copied when the entry in flight was recorded with
    # Enter and copied at once (copy on record, the default)
    fresh = (PENDING, COPIED) if action == "record" else (PENDING,)
    assert all(actual[i][1] in fresh for i in extra), (extra, action)


def check_core(
    expected: dict[int, tuple[str, str]], intent: dict[str, Any] | None, loaded: Session
) -> bool:
    """Every reported change is saved; the change in flight is there whole or not at all.

    Returns whether the change in flight reached the file.
    """
    actual = lines_of(loaded)
    lost = sorted(set(expected) - set(actual))
    assert not lost, f"lines saved but lost: {lost}"
    changed = {i: v for i, v in actual.items() if expected.get(i) != v}
    if not changed:
        return False
    assert intent is not None, f"changes nobody made: {changed}"
    op = intent["op"]
    new = sorted(i for i in changed if i not in expected)
    old = {i: v for i, v in changed.items() if i in expected}
    if op == "record":
        # the entry's lines, whole or not at all; before them, the lines the session files
        # first in records of their own (the start lines, the step's #topic again), pending
        assert not old, old
        texts = [(t, PENDING) for t in intent["texts"]]
        got = [actual[i] for i in new]
        entry_of = {ln.id: ln.entry for ln in loaded.lines}
        if got[len(got) - len(texts) :] == texts:
            own = new[len(got) - len(texts) :]
            assert len({entry_of[i] for i in own}) == 1
            filed_first = new[: len(got) - len(texts)]
        else:
            filed_first = new  # killed before the entry's own record
        assert all(actual[i][1] == PENDING for i in filed_first), filed_first
        assert not {entry_of[i] for i in filed_first} & {
            entry_of[i] for i in new if i not in filed_first
        }
    elif op == "copy":
        assert not new and old == {i: (expected[i][0], COPIED) for i in intent["ids"]}, old
    elif op == "undo":
        assert old == {i: (expected[i][0], DELETED) for i in intent["removed"]}, old
        assert all(actual[i] == (intent["undo"], PENDING) for i in new), new
    elif op == "edit":
        assert changed == {intent["id"]: (intent["text"], PENDING)}, changed
    elif op == "delete":
        assert changed == {intent["id"]: (expected[intent["id"]][0], DELETED)}, changed
    else:
        raise AssertionError(f"{op} changed lines: {changed}")
    return True


def new_session(base: Path, rng: random.Random, *, opened: bool) -> Path:
    profile = rng.choice(sorted(PROFILES))
    session = Session.create(replace(load_demo(), profile=profile), base, sync=True)
    if opened:
        session.open_step()
    session.close()
    assert session.path is not None
    return session.path


@dataclass
class Tally:
    kills: int = 0
    self_kills: int = 0
    torn_tails: int = 0
    in_flight_applied: int = 0
    reports: int = 0
    lines_checked: int = 0
    sessions: int = 0
    told_recovered: int = 0
    leftover_tmp_files: int = 0
    second_window_loads: int = 0
    max_lines: int = 0
    notes: list[str] = field(default_factory=list)


def start_up_seconds() -> float:
    """How long a child takes to start here and now (its imports): the kill window begins
    after it, so a slow or busy machine still kills children that have begun their work."""
    started = time.monotonic()
    subprocess.run(
        [sys.executable, str(CHILD), "start", "-", "0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        check=True,
        timeout=60,
    )
    return time.monotonic() - started


def crash_rounds(mode: str, kills: int, tmp_path: Path) -> Tally:
    rng = random.Random(f"{knobs.SEED}-{mode}")
    start_up = start_up_seconds()
    base = tmp_path / "data"
    logs = tmp_path / "logs"
    logs.mkdir()
    tally = Tally()
    path = new_session(base, rng, opened=mode != "tui")
    tally.sessions = 1
    expected = lines_of(Session.load(path, read_only=True, sync=False))
    torn_before = False
    for round_no in range(kills):
        if round_no and round_no % ROUNDS_PER_SESSION[mode] == 0:
            path = new_session(base, rng, opened=True)
            tally.sessions += 1
            expected = lines_of(Session.load(path, read_only=True, sync=False))
        low, high = KILL_WINDOW[mode]
        with SecondWindow(path) as window:  # a second window reads while the child writes
            delay = start_up + rng.uniform(low, high)
            child = run_child(mode, path, rng.randrange(2**31), delay, logs)
        assert not window.failures, window.failures[:3]
        tally.second_window_loads += window.loads
        where = f"round {round_no} ({mode}), child stderr:\n{child.stderr[-3000:]}"
        if child.killed_by_parent:
            tally.kills += 1
        else:
            assert mode == "tear", where
            assert child.returncode in (-signal.SIGXFSZ, -signal.SIGKILL), where
            tally.self_kills += 1
        tally.reports += len(child.messages)

        journal = scan(path)
        loaded = Session.load(path, read_only=True, sync=False)
        assert bool(loaded.torn_tail) == journal.torn, where
        if journal.torn:
            tally.torn_tails += 1
            clean = path.with_name("without-torn-tail.jsonl")
            clean.write_bytes(journal.without_torn_tail())
            assert state(Session.load(clean, read_only=True, sync=False)) == state(loaded), where
            clean.unlink()

        if mode == "tui":
            statuses = [m["status"] for m in child.messages if "status" in m]
            if torn_before and statuses:
                assert statuses[0].startswith("Recovered the session"), statuses
                tally.told_recovered += 1
            doing = [m["doing"] for m in child.messages if "doing" in m]
            for m in child.messages:
                if "shown" in m:
                    i, text, st = m["shown"]
                    expected[i] = (text, st)
            check_tui(expected, doing[-1] if doing else None, loaded)
        else:
            intent: dict[str, Any] | None = None
            for m in child.messages:
                if "intent" in m:
                    intent = m["intent"]
                elif "done" in m:
                    assert intent is not None and intent["n"] == m["done"], where
                    intent = None
                    for i, text, st in m["lines"]:
                        expected[i] = (text, st)
            if check_core(expected, intent, loaded):
                tally.in_flight_applied += 1
        tally.lines_checked += len(expected)
        tally.max_lines = max(tally.max_lines, len(loaded.lines))
        expected = lines_of(loaded)  # what the next child starts from
        torn_before = journal.torn
    tally.leftover_tmp_files = len(list((base / "sessions").glob(".*.tmp")))
    # whatever happened, the last session still resumes
    Session.load(path, sync=False).close()
    return tally


@pytest.mark.slow
@pytest.mark.serial  # a kill loop of child processes, each timed: alone, not beside its kind
@pytest.mark.parametrize("mode", ["tui", "core", "tear"])
def test_sigkill_at_random_moments_loses_nothing(mode: str, tmp_path: Path) -> None:
    started = time.monotonic()
    tally = crash_rounds(mode, knobs.KILLS, tmp_path)
    assert tally.reports > 0, "no child ever reported anything: the test checked nothing"
    assert tally.second_window_loads > 0, "the second window never read the session"
    if mode == "tear":
        assert tally.torn_tails > 0, "no write was ever cut in the middle of a record"
    knobs.note(
        f"crash[{mode}]",
        seconds=round(time.monotonic() - started, 1),
        **{k: v for k, v in vars(tally).items() if k != "notes"},
    )


def test_the_child_reports_with_single_writes() -> None:
    """Each report is one ``os.write`` of one line, so a kill cannot leave half of one that
    parses; a stray ``print`` would break that."""
    source = CHILD.read_text(encoding="utf-8")
    assert source.count("os.write(") == 1
    assert "print(" not in source
