"""The next meeting from a [schedule]: cadences, time zones across DST, month ends, skips."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from chair_tui.meeting.cadence import (
    IcsUnavailable,
    ScheduleError,
    check_cadence,
    check_schedule,
    check_timezone,
    ics_text,
    next_chair,
    next_meeting,
    parse_cadence,
)
from chair_tui.meeting.model import Schedule, SkipDate


def at(y: int, m: int, d: int, hh: int = 16, mm: int = 2) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


def test_the_issue_example() -> None:
    schedule = Schedule(
        "weekly", "2021-06-29", "16:00", "UTC", (SkipDate("2021-07-06", "July 4"),), ("a", "b")
    )
    nxt = next_meeting(schedule, at(2021, 6, 29), chair="a")
    assert nxt.texts() == (
        "Next meeting: Tue 2021-07-13 16:00 UTC (2021-07-06 cancelled: July 4)",
        "Next chair: b",
    )


def test_weekly_without_anchor_is_a_week_after_the_meeting() -> None:
    nxt = next_meeting(Schedule("weekly", time="16:00"), at(2021, 6, 30))
    assert nxt.date == date(2021, 7, 7)


@pytest.mark.parametrize(
    ("zone", "before", "after_utc"),
    [
        # Europe/Prague: CEST ends 2021-10-31; the 16:00 meeting moves from 14:00 to 15:00 UTC
        ("Europe/Prague", datetime(2021, 10, 26, 14, 5, tzinfo=UTC), "15:00"),
        # America/New_York: EDT ends 2021-11-07; 16:00 moves from 20:00 to 21:00 UTC
        ("America/New_York", datetime(2021, 11, 2, 20, 5, tzinfo=UTC), "21:00"),
    ],
)
def test_wall_clock_time_kept_across_dst(zone: str, before: datetime, after_utc: str) -> None:
    nxt = next_meeting(Schedule("weekly", time="16:00", timezone=zone), before)
    assert nxt.at is not None and f"{nxt.at:%H:%M}" == "16:00"
    assert nxt.utc is not None and f"{nxt.utc:%H:%M}" == after_utc
    assert nxt.info_text().endswith(f"16:00 {zone} ({after_utc} UTC)")


def test_spring_forward_into_dst() -> None:
    # Europe/Prague springs forward 2021-03-28; weekly Sunday 16:00 is 15:00 UTC, then 14:00
    nxt = next_meeting(
        Schedule("weekly", time="16:00", timezone="Europe/Prague"),
        datetime(2021, 3, 21, 15, 5, tzinfo=UTC),
    )
    assert nxt.date == date(2021, 3, 28)
    assert nxt.utc == datetime(2021, 3, 28, 14, 0, tzinfo=UTC)


def test_a_skipped_wall_time_moves_forward() -> None:
    # 02:30 does not exist in Prague on 2021-03-28
    nxt = next_meeting(
        Schedule("weekly", time="02:30", timezone="Europe/Prague"),
        datetime(2021, 3, 21, 1, 35, tzinfo=UTC),
    )
    assert nxt.at is not None and f"{nxt.at:%H:%M}" == "03:30"


def test_utc_date_shown_when_it_differs() -> None:
    nxt = next_meeting(
        Schedule("weekly", time="21:00", timezone="America/New_York"), at(2021, 6, 29)
    )
    assert nxt.when() == "Tue 2021-07-06 21:00 America/New_York (Wed 2021-07-07 01:00 UTC)"


@pytest.mark.parametrize(
    ("cadence", "after", "expected"),
    [
        ("monthly: 2nd tuesday", at(2021, 6, 8), date(2021, 7, 13)),
        ("monthly: last friday", at(2024, 1, 26), date(2024, 2, 23)),  # leap February
        ("monthly: last day", at(2024, 1, 31), date(2024, 2, 29)),
        ("monthly: last day", at(2023, 1, 31), date(2023, 2, 28)),
        ("monthly: 31st", at(2021, 3, 31), date(2021, 4, 30)),  # a shorter month: its last day
        ("monthly: 31st", at(2021, 4, 30), date(2021, 5, 31)),
        ("monthly: 5th friday", at(2021, 1, 29), date(2021, 4, 30)),  # months without a 5th
        ("every 14 days", at(2024, 2, 20), date(2024, 3, 5)),  # across Feb 29 from the anchor
        ("every 2 weeks", at(2024, 2, 21), date(2024, 3, 5)),
    ],
)
def test_cadences_and_month_ends(cadence: str, after: datetime, expected: date) -> None:
    nxt = next_meeting(Schedule(cadence, anchor="2024-02-20", time="16:00"), after)
    assert nxt.date == expected


def test_monthly_alone_takes_the_anchors_day() -> None:
    nxt = next_meeting(Schedule("monthly", anchor="2021-01-31"), at(2021, 1, 31))
    assert nxt.date == date(2021, 2, 28)
    assert nxt.at is None and nxt.info_text() == "Next meeting: Sun 2021-02-28"


def test_several_skips_and_no_reason() -> None:
    skips = (SkipDate("2021-12-28", "holidays"), SkipDate("2022-01-04"))
    nxt = next_meeting(Schedule("weekly", time="16:00", skip=skips), at(2021, 12, 21))
    assert nxt.info_text() == (
        "Next meeting: Tue 2022-01-11 16:00 UTC "
        "(2021-12-28 cancelled: holidays; 2022-01-04 cancelled)"
    )


def test_same_day_counts_a_meeting_later_that_day() -> None:
    schedule = Schedule("weekly", anchor="2021-06-29", time="16:00")
    assert next_meeting(schedule, at(2021, 6, 29, 10), same_day=True).date == date(2021, 6, 29)
    assert next_meeting(schedule, at(2021, 6, 29, 17), same_day=True).date == date(2021, 7, 6)
    assert next_meeting(schedule, at(2021, 6, 29, 10)).date == date(2021, 7, 6)


def test_chair_rotation() -> None:
    assert next_chair(("a", "B", "c"), "b") == "c"
    assert next_chair(("a", "b", "c"), "c") == "a"
    assert next_chair(("a", "b"), "someone") == "a"
    assert next_chair((), "a") == ""


@pytest.mark.parametrize(
    "good",
    [
        "weekly",
        "Weekly",
        "every 3 days",
        "biweekly",
        "monthly: 2nd Tuesday",
        "monthly:last fri",
        "",
    ],
)
def test_check_cadence_accepts(good: str) -> None:
    assert check_cadence(good) is None


@pytest.mark.parametrize("bad", ["sometimes", "every 0 days", "monthly: 6th monday", "monthly: 32"])
def test_check_cadence_refuses(bad: str) -> None:
    message = check_cadence(bad)
    assert message is not None and "cadence" in message
    with pytest.raises(ScheduleError):
        parse_cadence(bad)


def test_check_timezone_and_schedule() -> None:
    assert check_timezone("Europe/Prague") is None
    assert check_timezone("UTC") is None
    for bad in ("Mars/Olympus", "../etc/passwd", ""):
        assert check_timezone(bad) is not None
    assert check_schedule(Schedule("monthly")) is not None  # needs an anchor
    assert check_schedule(Schedule("")) is not None
    assert check_schedule(Schedule("weekly", time="16:00", timezone="Asia/Tokyo")) is None


def test_after_must_be_aware() -> None:
    with pytest.raises(ValueError):
        next_meeting(Schedule("weekly"), datetime(2021, 1, 1))


def test_ics_export() -> None:
    pytest.importorskip("icalendar")
    nxt = next_meeting(
        Schedule("weekly", time="16:00", timezone="Europe/Prague", chairs=("a", "b")),
        at(2021, 10, 26),
        chair="a",
    )
    text = ics_text(nxt, title="WG meeting", stamp=at(2021, 10, 26), location="#wg")
    assert "DTSTART:20211102T150000Z" in text
    assert "SUMMARY:WG meeting" in text and "LOCATION:#wg" in text
    assert text.startswith("BEGIN:VCALENDAR\r\n")


def test_ics_without_icalendar(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "icalendar", None)
    nxt = next_meeting(Schedule("weekly"), at(2021, 1, 1))
    with pytest.raises(IcsUnavailable, match=r"chair-tui\[ics\]"):
        ics_text(nxt, title="x", stamp=at(2021, 1, 1))
