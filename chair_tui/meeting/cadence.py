"""When the group meets next, and who chairs: from the meeting file's ``[schedule]``.

The cadence (``docs/cadence.md``) is one of:

- ``weekly`` — every 7 days from ``anchor`` (or from the date of the meeting just held);
- ``biweekly`` / ``fortnightly``, ``every N days``, ``every N weeks`` — from ``anchor`` likewise;
- ``monthly: 2nd tuesday`` (``1st``…``5th`` or ``first``…``fifth``, or ``last``, and a weekday;
  a month without a 5th such weekday has no meeting);
- ``monthly: 15th`` (a day of the month; in a shorter month the meeting is on its last day),
  ``monthly: last day``, or ``monthly`` alone (the day of ``anchor``).

The meeting is at ``time`` (``HH:MM``) in ``timezone`` (an IANA name, read with
:mod:`zoneinfo`), so it stays at the same wall-clock time across daylight-saving changes;
a time that does not exist that day (the hour skipped in spring) moves forward by the gap.
``skip`` dates have no meeting; the next meeting says which were skipped and why.  The next
chair is the one after the current chair in ``chairs`` (the first when the current one is not
listed).  Nothing here reads a clock: the caller says after when.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import MAXYEAR, UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chair_tui.meeting.model import Schedule, SkipDate

__all__ = [
    "Cadence",
    "CadenceKind",
    "IcsUnavailable",
    "NextMeeting",
    "ScheduleError",
    "check_cadence",
    "check_schedule",
    "check_timezone",
    "ics_text",
    "next_chair",
    "next_meeting",
    "parse_cadence",
]


class ScheduleError(ValueError):
    """A ``[schedule]`` that cannot give a next meeting; ``str()`` says why, for the chair."""


class IcsUnavailable(RuntimeError):
    """The optional ``icalendar`` package is not installed."""


class CadenceKind(StrEnum):
    DAYS = "days"  # every ``days`` days
    MONTHLY_WEEKDAY = "monthly-weekday"  # the ``nth`` ``weekday`` of each month
    MONTHLY_DAY = "monthly-day"  # the ``day`` of each month


@dataclass(frozen=True, slots=True)
class Cadence:
    kind: CadenceKind
    days: int = 0  # DAYS: the interval
    nth: int = 0  # MONTHLY_WEEKDAY: 1..5, or -1 for the last
    weekday: int = 0  # MONTHLY_WEEKDAY: 0 is Monday
    day: int = 0  # MONTHLY_DAY: 1..31, -1 for the last day, 0 for the anchor's day


_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAYS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})
_WEEKDAYS.update({"tues": 1, "thur": 3, "thurs": 3})
_ORDINALS = {
    "1st": 1,
    "first": 1,
    "2nd": 2,
    "second": 2,
    "3rd": 3,
    "third": 3,
    "4th": 4,
    "fourth": 4,
    "5th": 5,
    "fifth": 5,
    "last": -1,
}
_EVERY = re.compile(r"every (\d{1,4}) (day|days|week|weeks)")
_DAY_OF_MONTH = re.compile(r"(\d{1,2})(st|nd|rd|th)?")
_EXAMPLES = "'weekly', 'every 14 days', 'monthly: 2nd tuesday', 'monthly: last friday'"


def parse_cadence(text: str) -> Cadence:
    """The cadence ``text`` names; :class:`ScheduleError` (saying what is accepted) if none."""
    words = " ".join(text.lower().replace(":", ": ").split())
    if words in ("weekly", "every week"):
        return Cadence(CadenceKind.DAYS, days=7)
    if words in ("biweekly", "fortnightly"):
        return Cadence(CadenceKind.DAYS, days=14)
    if words in ("daily", "every day"):
        return Cadence(CadenceKind.DAYS, days=1)
    every = _EVERY.fullmatch(words)
    if every:
        n = int(every.group(1)) * (7 if every.group(2).startswith("week") else 1)
        if n < 1:
            raise ScheduleError(f"cadence {text!r}: the interval must be at least one day")
        return Cadence(CadenceKind.DAYS, days=n)
    if words == "monthly":
        return Cadence(CadenceKind.MONTHLY_DAY, day=0)
    if words.startswith("monthly: "):
        rest = words.removeprefix("monthly: ").split()
        if rest == ["last", "day"]:
            return Cadence(CadenceKind.MONTHLY_DAY, day=-1)
        if len(rest) == 2 and rest[0] in _ORDINALS and rest[1] in _WEEKDAYS:
            return Cadence(
                CadenceKind.MONTHLY_WEEKDAY, nth=_ORDINALS[rest[0]], weekday=_WEEKDAYS[rest[1]]
            )
        dom = _DAY_OF_MONTH.fullmatch(rest[0]) if len(rest) == 1 else None
        if dom and 1 <= int(dom.group(1)) <= 31:
            return Cadence(CadenceKind.MONTHLY_DAY, day=int(dom.group(1)))
    raise ScheduleError(f"unknown cadence {text!r}: use {_EXAMPLES}")


def check_cadence(text: str) -> str | None:
    """The error in a ``[schedule]`` ``cadence`` value, or None (``""`` is no cadence)."""
    if not text.strip():
        return None
    try:
        parse_cadence(text)
    except ScheduleError as exc:
        return str(exc)
    return None


def check_timezone(name: str) -> str | None:
    """The error in a ``[schedule]`` ``timezone`` value (an IANA name), or None."""
    try:
        _zone(name)
    except ScheduleError as exc:
        return str(exc)
    return None


def check_schedule(schedule: Schedule) -> str | None:
    """The first error of a whole ``[schedule]`` (cadence, time zone, an anchor the cadence
    needs), or None."""
    try:
        _resolve(schedule)
    except ScheduleError as exc:
        return str(exc)
    return None


def _zone(name: str) -> ZoneInfo:
    if name.upper() == "UTC":
        return ZoneInfo("UTC")
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            f"unknown time zone {name!r}: use an IANA name such as 'Europe/Prague' or 'UTC'"
        ) from None


def _resolve(schedule: Schedule) -> tuple[Cadence, ZoneInfo, time | None, date | None]:
    if not schedule.cadence.strip():
        raise ScheduleError("the meeting file gives no [schedule] cadence")
    cadence = parse_cadence(schedule.cadence)
    zone = _zone(schedule.timezone or "UTC")
    at: time | None = None
    if schedule.time:
        try:
            at = time.fromisoformat(schedule.time)
        except ValueError:
            raise ScheduleError(f"[schedule] time {schedule.time!r} is not HH:MM") from None
    anchor: date | None = None
    if schedule.anchor:
        try:
            anchor = date.fromisoformat(schedule.anchor)
        except ValueError:
            raise ScheduleError(f"[schedule] anchor {schedule.anchor!r} is not a date") from None
    if cadence.kind is CadenceKind.MONTHLY_DAY and cadence.day == 0 and anchor is None:
        raise ScheduleError("cadence 'monthly' needs an anchor date (the day of the month)")
    return cadence, zone, at, anchor


def _month_day(year: int, month: int, cadence: Cadence, anchor: date | None) -> date | None:
    last = calendar.monthrange(year, month)[1]
    if cadence.kind is CadenceKind.MONTHLY_DAY:
        day = cadence.day or (anchor.day if anchor else 1)
        return date(year, month, last if day == -1 else min(day, last))
    days = [d for d in range(1, last + 1) if date(year, month, d).weekday() == cadence.weekday]
    if cadence.nth == -1:
        return date(year, month, days[-1])
    return date(year, month, days[cadence.nth - 1]) if cadence.nth <= len(days) else None


def _dates_from(cadence: Cadence, anchor: date | None, start: date) -> list[date]:
    """The meeting dates on or after ``start``, enough of them to pass a run of skips."""
    out: list[date] = []
    if cadence.kind is CadenceKind.DAYS:
        base = anchor or start
        step = cadence.days
        k = max(0, -(-(start - base).days // step))  # the first k with base + k*step >= start
        for i in range(k, k + 400):
            try:
                out.append(base + timedelta(days=i * step))
            except OverflowError:  # the calendar ends in the year 9999
                break
        return out
    year, month = start.year, start.month
    for _ in range(400):
        if year > MAXYEAR:  # the calendar ends in the year 9999
            break
        d = _month_day(year, month, cadence, anchor)
        if d is not None and d >= start:
            out.append(d)
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


@dataclass(frozen=True, slots=True)
class NextMeeting:
    """The next meeting: its date, its time in the group's zone (None when the schedule has
    no time), the dates skipped before it with their reasons, and its chair (``""``: none)."""

    date: date
    at: datetime | None
    zone: str
    skipped: tuple[SkipDate, ...] = ()
    chair: str = ""

    @property
    def utc(self) -> datetime | None:
        return None if self.at is None else self.at.astimezone(UTC)

    def when(self) -> str:
        """``Tue 2021-07-13 16:00 UTC``, or ``Tue 2021-07-13 16:00 Europe/Prague (14:00 UTC)``."""
        if self.at is None:
            return f"{self.date:%a %Y-%m-%d}"
        local = f"{self.at:%a %Y-%m-%d %H:%M}"
        if self.zone.upper() == "UTC":
            return f"{local} UTC"
        utc = self.at.astimezone(UTC)
        shown = f"{utc:%H:%M}" if utc.date() == self.at.date() else f"{utc:%a %Y-%m-%d %H:%M}"
        return f"{local} {self.zone} ({shown} UTC)"

    def info_text(self) -> str:
        """``Next meeting: Tue 2021-07-13 16:00 UTC (2021-07-06 cancelled: July 4)``."""
        text = f"Next meeting: {self.when()}"
        if self.skipped:
            said = [
                f"{s.date} cancelled: {s.reason}" if s.reason else f"{s.date} cancelled"
                for s in self.skipped
            ]
            text += f" ({'; '.join(said)})"
        return text

    def chair_text(self) -> str:
        """``Next chair: nick``, or ``""`` without a rotation."""
        return f"Next chair: {self.chair}" if self.chair else ""

    def texts(self) -> tuple[str, ...]:
        """The ``#info`` texts to record (without the verb): the meeting, then the chair."""
        return tuple(t for t in (self.info_text(), self.chair_text()) if t)


def next_chair(chairs: tuple[str, ...], current: str) -> str:
    """The chair after ``current`` in the rotation ``chairs`` (compared without case), the
    first when ``current`` is not in it, ``""`` when there is no rotation."""
    if not chairs:
        return ""
    low = [c.lower() for c in chairs]
    if current.lower() in low:
        return chairs[(low.index(current.lower()) + 1) % len(chairs)]
    return chairs[0]


def _local(day: date, at: time, zone: ZoneInfo) -> datetime:
    naive = datetime.combine(day, at, tzinfo=zone)
    # a wall time the zone skips (spring forward) is normalised: 02:30 becomes 03:30
    return naive.astimezone(UTC).astimezone(zone)


def next_meeting(
    schedule: Schedule, after: datetime, *, chair: str = "", same_day: bool = False
) -> NextMeeting:
    """The first meeting of ``schedule`` after ``after`` (an aware time; the meeting just held
    started then): on a later day in the group's zone, or with ``same_day`` also later the
    same day (for asking before a meeting).  ``chair`` is the current chair, for the rotation.
    :class:`ScheduleError` when the schedule gives no cadence or cannot be read."""
    cadence, zone, at, anchor = _resolve(schedule)
    if after.tzinfo is None:
        raise ValueError("after must be an aware datetime")
    now = after.astimezone(zone)
    first = now.date() if same_day else now.date() + timedelta(days=1)
    skip = {s.date: s for s in schedule.skip}
    skipped: list[SkipDate] = []
    try:
        dates = _dates_from(cadence, anchor or now.date(), first)
    except OverflowError:  # the day after the year 9999's last
        dates = []
    if not dates:
        raise ScheduleError("no meeting date before the end of the calendar (year 9999)")
    for day in dates:
        when = _local(day, at, zone) if at is not None else None
        if same_day and day == now.date() and when is not None and when <= now:
            continue
        hit = skip.get(day.isoformat())
        if hit is not None:
            skipped.append(hit)
            continue
        name = zone.key if schedule.timezone.upper() != "UTC" else "UTC"
        return NextMeeting(day, when, name, tuple(skipped), next_chair(schedule.chairs, chair))
    raise ScheduleError("every meeting date in the next years is a skip date")


def ics_text(
    meeting: NextMeeting,
    *,
    title: str,
    stamp: datetime,
    location: str = "",
    minutes: int = 60,
    uid: str = "",
) -> str:
    """The next meeting as an iCalendar file (one event; times in UTC).  ``stamp`` is the
    DTSTAMP (when the file was made).  :class:`IcsUnavailable` without ``icalendar``."""
    try:
        # an optional extra: only this export needs it
        import icalendar
    except ImportError:
        raise IcsUnavailable(
            "the .ics export needs the optional icalendar package: pip install 'chair-tui[ics]'"
        ) from None
    cal = icalendar.Calendar()
    cal.add("prodid", "-//chair-tui//next meeting//EN")
    cal.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", uid or f"{meeting.date.isoformat()}-{_uid_part(title)}@chair-tui")
    event.add("dtstamp", stamp.astimezone(UTC))
    if meeting.at is not None:
        start = meeting.at.astimezone(UTC)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=minutes))
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + timedelta(days=1))
    event.add("summary", title)
    if location:
        event.add("location", location)
    notes = [meeting.info_text()]
    if meeting.chair:
        notes.append(meeting.chair_text())
    event.add("description", "\n".join(notes))
    cal.add_component(event)
    data: bytes = cal.to_ical()
    return data.decode("utf-8")


def _uid_part(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "meeting"
