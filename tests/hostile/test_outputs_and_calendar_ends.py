"""What an output path or a date can hold that a careless or hostile command line gives: a
device, a FIFO or a directory where a file is written, and a schedule asked about near the
end of the calendar."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chair_tui.meeting.cadence import ScheduleError, next_meeting
from chair_tui.meeting.model import Schedule
from chair_tui.meeting.store import atomic_write
from tests.helpers.cli import run


def test_atomic_write_refuses_to_put_a_file_where_a_fifo_or_directory_is(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for path in (fifo, folder):
        with pytest.raises(OSError, match="not a regular file"):
            atomic_write(path, b"x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and folder.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "folder"]  # no temp left


def test_compile_and_ics_output_to_a_fifo_is_refused_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("- a point\n", encoding="utf-8")
    meeting = tmp_path / "m.toml"
    meeting.write_text('title = "X"\n[schedule]\ncadence = "weekly"\n', encoding="utf-8")
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "compile", str(notes), "-o", str(fifo))
    assert code == 2 and "not a regular file" in err and "Traceback" not in err
    code, _, err = run(capsys, "next-meeting", str(meeting), "--ics", str(fifo))
    if "icalendar" not in err:  # the optional extra is installed by make test
        assert code == 2 and f"{fifo}" in err and "not a regular file" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("cadence", ["weekly", "every 14 days", "monthly: 2nd tuesday"])
def test_a_schedule_near_the_calendar_s_end_is_a_clear_error_or_a_date(cadence: str) -> None:
    schedule = Schedule(cadence=cadence, time="15:00")
    after = datetime(9999, 12, 20, tzinfo=UTC)
    try:
        found = next_meeting(schedule, after)
    except ScheduleError as exc:
        assert "end of the calendar" in str(exc)
    else:
        assert found.date.year == 9999 and found.date > after.date()
