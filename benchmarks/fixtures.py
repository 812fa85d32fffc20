"""Inputs the benchmarks share: sessions of a given size and a long raw MeetBot log."""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks.harness import ROOT
from chair_tui.meeting.meetingfile import demo_path, load_demo
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import Session

SEED_LOG = ROOT / "tests" / "data" / "workstation-2021-06-30.log.txt"
DEMO_MEETING = demo_path()
_STAMP = re.compile(r"^\d{2}:\d{2}:\d{2} ")


def entry_text(i: int) -> str:
    return f"benchmark fact {i}: the agreed wording of a typical minutes line, about 70 bytes"


def build_session(base: Path, entries: int) -> Path:
    """A session of the demo meeting in ``base``'s sessions folder holding ``entries`` info
    entries, built with the core API (no fsync, as a test would) and compacted every
    ``COMPACT_EVERY`` records as the core did before compaction moved out of the key press
    (so the journal has the same shape as in earlier runs); returns its file.

    Every line is then marked copied, as in a real meeting where the chair pastes as they go:
    the outbox follows the first pending line, so a new line is the one it scrolls to."""
    session = Session.create(load_demo(), base, sync=False)
    try:
        for i in range(entries):
            session.record(Entry(Kind.INFO, entry_text(i)))
            if (i + 2) % Session.COMPACT_EVERY == 0:
                # a journal as a long meeting leaves it: a snapshot and the records after it
                # (5,000 entries: a snapshot and 1,000 records, whether close() compacts or not)
                session.compact()
        session.mark_copied([line.id for line in session.pending()])
    finally:
        session.close()
    assert session.path is not None
    return session.path


def big_log(path: Path, lines: int) -> Path:
    """A raw MeetBot log of ``lines`` lines: the seed log repeated, time stamps kept rising."""
    seed = [_STAMP.sub("", line) for line in SEED_LOG.read_text(encoding="utf-8").splitlines()]
    out = []
    for i in range(lines):
        t = 2 * i
        out.append(f"{t // 3600 % 24:02d}:{t // 60 % 60:02d}:{t % 60:02d} {seed[i % len(seed)]}")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path
