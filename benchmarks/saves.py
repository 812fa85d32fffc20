"""Target 5: what saving one more entry costs (journal write + fsync, ``sync=True``).

Both sessions are loaded the way the app loads them (``Session.load(path, sync=True)``); the
journal writer of each is wrapped so that the time ``Session.record`` spends in
``JournalWriter.append`` / ``replace_all`` (the compaction) is counted.  Records alternate
between the small and the big session so a slow spell of the disk hits both alike.

5a is the ordinary save.  5b is the save of the key press at the compaction threshold: the
writer's counter is set so that ``COMPACT_EVERY`` records follow the snapshot.  That key press
used to compact the whole journal in ``Session._commit``; now it only appends, and a long
journal is compacted when it is loaded or closed (timed on the side: ``Session.compact`` at
5,000 entries).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.fixtures import entry_text
from benchmarks.harness import fresh_dir, median
from benchmarks.report import Row
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import Session

LIMIT = 3.0


class _Meter:
    """Time spent in a session's journal writer."""

    def __init__(self, session: Session) -> None:
        writer = session._writer
        if writer is None:
            raise RuntimeError("the session has no journal writer")
        self.writer = writer
        self.spent = 0.0
        for name in ("append", "replace_all"):
            setattr(writer, name, self._wrap(getattr(writer, name)))

    def _wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent += time.perf_counter() - t0

        return timed


def _one(session: Session, meter: _Meter, i: int) -> tuple[float, float]:
    """Record one entry: (ms in the journal writer, ms in the whole ``record``)."""
    meter.spent = 0.0
    t0 = time.perf_counter()
    session.record(Entry(Kind.INFO, entry_text(100_000 + i)))
    total = time.perf_counter() - t0
    return meter.spent * 1000.0, total * 1000.0


def bench_saves(
    tmp: Path, sessions: dict[int, Path], small: int, big: int, runs: int
) -> tuple[list[Row], dict[str, float]]:
    loaded: dict[int, tuple[Session, _Meter]] = {}
    for n in (small, big):
        work = fresh_dir(tmp, f"saves-{n}")
        copy = work / sessions[n].name
        shutil.copy2(sessions[n], copy)
        s = Session.load(copy, sync=True)
        loaded[n] = (s, _Meter(s))
    save: dict[int, list[float]] = {small: [], big: []}
    rec: dict[int, list[float]] = {small: [], big: []}
    compact: dict[int, list[float]] = {small: [], big: []}
    deferred: list[float] = []
    try:
        rounds = max(3 * runs, 15)
        for i in range(2 + rounds):  # the first two are the warm-up
            for n in (small, big):
                journal, total = _one(*loaded[n], i)
                if i >= 2:
                    save[n].append(journal)
                    rec[n].append(total)
        for i in range(max(runs, 5)):
            for n in (small, big):
                s, meter = loaded[n]
                meter.writer.records_written = Session.COMPACT_EVERY - 1
                journal, _total = _one(s, meter, 1000 + i)
                compact[n].append(journal)
        for _ in range(max(runs, 5)):  # what the deferred compaction costs, out of key presses
            s, meter = loaded[big]
            meter.spent = 0.0
            s.compact()
            deferred.append(meter.spent * 1000.0)
    finally:
        for s, _meter in loaded.values():
            s.close()
    save_ms = {n: median(v) for n, v in save.items()}
    rec_ms = {n: median(v) for n, v in rec.items()}
    worst_ms = {n: median(v) for n, v in compact.items()}
    rows = [
        Row(
            f"5a save one more entry at {big:,} (fsync)",
            save_ms[big] / save_ms[small],
            LIMIT,
            f"{small} entries {save_ms[small]:.2f} ms",
            f"{save_ms[big]:.2f} ms",
        ),
        Row(
            f"5b save at {big:,} at the compaction threshold",
            worst_ms[big] / save_ms[small],
            LIMIT,
            f"{small} entries {save_ms[small]:.2f} ms",
            f"{worst_ms[big]:.2f} ms",
        ),
        Row(
            f"5b   compaction at {big:,} (on load/close, not a key press)",
            median(deferred) / save_ms[small],
            None,
            f"{small} entries {save_ms[small]:.2f} ms",
            f"{median(deferred):.1f} ms",
        ),
        Row(
            f"5  Session.record at {big:,} (sync=True)",
            rec_ms[big] / rec_ms[small],
            None,
            f"{small} entries {rec_ms[small]:.2f} ms",
            f"{rec_ms[big]:.2f} ms",
        ),
    ]
    return rows, {
        "save_small_ms": save_ms[small],
        "save_big_ms": save_ms[big],
        "compact_big_ms": worst_ms[big],
        "compact_small_ms": worst_ms[small],
        "deferred_compaction_big_ms": median(deferred),
    }
