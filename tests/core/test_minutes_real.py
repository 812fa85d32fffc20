"""`minutes` on two real zodbot logs gives the minutes zodbot wrote (tests/data/real-minutes)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from chair_tui.cli.minutes import run
from chair_tui.exitcodes import ExitCode

REAL = Path(__file__).parent.parent / "data" / "real-minutes"
URL = "https://meetbot.fedoraproject.org/fedora-meeting/2020-06-10/{}.log.html"
STEMS = ["magazine.2020-06-10-12.02", "fedora_iot_working_group_meeting.2020-06-10-14.10"]


def _minutes(
    stem: str,
    *,
    profile: str | None = None,
    channel: str | None = None,
    log_url: str | None = None,
) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(
        out,
        err,
        file=str(REAL / f"{stem}.log.txt"),
        profile=profile,
        format="text",
        channel=channel,
        log_url=log_url,
    )
    assert code == ExitCode.OK
    return out.getvalue(), err.getvalue()


def _zero_lines_sorted(lines: list[str]) -> list[str]:
    """The people with no line, in one order: the log cannot tell the bot's (Python 2 dict
    order in 2020)."""
    zero = sorted(i for i, line in enumerate(lines) if line.endswith(" (0)"))
    if zero:
        lines[zero[0] : zero[-1] + 1] = sorted(lines[zero[0] : zero[-1] + 1])
    return lines


@pytest.mark.parametrize("stem", STEMS)
def test_minutes_equal_the_real_ones_line_for_line(stem: str) -> None:
    ours, err = _minutes(stem, channel="#fedora-meeting", log_url=URL.format(stem))
    real = (REAL / f"{stem}.txt").read_text(encoding="utf-8")
    assert "assuming profile zodbot" in err
    assert _zero_lines_sorted(ours.splitlines()) == _zero_lines_sorted(real.splitlines())


def test_iot_minutes_are_byte_for_byte_the_real_ones() -> None:
    stem = STEMS[1]
    ours, _ = _minutes(stem, channel="#fedora-meeting", log_url=URL.format(stem))
    assert ours == (REAL / f"{stem}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", STEMS)
def test_without_channel_and_url_only_the_header_differs(stem: str) -> None:
    ours, _ = _minutes(stem, profile="zodbot")
    real = (REAL / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    mine = ours.splitlines()
    # the real header: title block (3 lines), 2 blank lines, the started paragraph
    real_body = real[real.index("Meeting summary") :]
    my_body = mine[mine.index("Meeting summary") :]
    assert _zero_lines_sorted(my_body) == _zero_lines_sorted(real_body)
    assert mine[1] == real[1].removeprefix("#fedora-meeting: ")
    assert any(line.startswith("Meeting started by ") and "UTC." in line for line in mine)


def test_the_undone_action_is_not_in_the_minutes() -> None:
    ours, _ = _minutes(STEMS[0], profile="zodbot")
    assert "gregbartholomew to edit #175" not in ours
    assert "* bcotton to edit #175" in ours
