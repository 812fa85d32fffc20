"""Meeting files: a team and today's agenda, in TOML (or an agenda as a Markdown list)."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chair_tui.meeting.errors import InputError, read_text
from chair_tui.meeting.model import (
    AgendaItem,
    MeetingPlan,
    Member,
    MinutesApproval,
    Schedule,
    SkipDate,
    VoteSettings,
    check_ledger_name,
)
from chair_tui.meeting.profiles import DEFAULT_PROFILE, PROFILES
from chair_tui.meeting.text import clean_line, is_irc_nick
from chair_tui.meeting.tomlsafe import load_toml

if TYPE_CHECKING:
    from chair_tui.meeting.agenda_md import MarkdownAgenda

MAX_MEETING_BYTES = 1024 * 1024
# The URL schemes every MeetBot recognises (lower case, as the bots compare them).
_URL_RE = re.compile(r"^(?:https?|irc|ftp|mailto|ssh)://\S+$")
# The plan's own fields, and the agenda given as a Markdown list instead of [[agenda]] tables.
_TOP_KEYS = {*(f.name for f in dataclasses.fields(MeetingPlan)), "agenda_markdown"}
_MEMBER_KEYS = {"nick", "name", "voting"}
_VOTE_KEYS = {f.name for f in dataclasses.fields(VoteSettings)}
_SCHEDULE_KEYS = {f.name for f in dataclasses.fields(Schedule)}
_SKIP_KEYS = {"date", "reason"}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_BRIDGES = ("", "matrix-irc")
_APPROVAL_KEYS = {"date", "link"}
_AGENDA_KEYS = {"title", "links", "info", "minutes", "link"}


_HEADER = r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(#.*)?$"  # compiled on first use


class _Reader:
    """Reads values out of the parsed TOML, and finds the line of what it complains about.

    :meth:`enter` says which table is being read (``("agenda", 2)`` is the second
    ``[[agenda]]``), so an error points at that table's line, not at the first line in the
    file with the same key.
    """

    def __init__(self, path: str | Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.section: tuple[str, int] | None = None

    def enter(self, table: str | None, index: int = 1) -> None:
        self.section = (table, index) if table else None

    def _span(self) -> tuple[int | None, int, int]:
        """The current table's header line index (None at top level) and its body's range."""
        header_re = re.compile(_HEADER)
        headers = [i for i, line in enumerate(self.lines) if header_re.match(line)]
        if self.section is None:
            return None, 0, headers[0] if headers else len(self.lines)
        name, index = self.section
        seen = 0
        for n, i in enumerate(headers):
            m = header_re.match(self.lines[i])
            if m and m.group(1) == name:
                seen += 1
                if seen == index:
                    end = headers[n + 1] if n + 1 < len(headers) else len(self.lines)
                    return i, i + 1, end
        return None, 0, 0

    def line_of(self, key: str | None) -> int | None:
        header, start, end = self._span()
        if key is not None:
            pat = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
            for i in range(start, end):
                if pat.match(self.lines[i]):
                    return i + 1
        if header is not None:
            return header + 1
        if key is None:
            return None
        # not where it should be (an inline table, say): the first line that names it
        pat = re.compile(r"^\s*(\[\[?\s*)?" + re.escape(key) + r"\b")
        for i, line in enumerate(self.lines, start=1):
            if pat.match(line):
                return i
        return None

    def fail(self, message: str, key: str | None = None) -> InputError:
        return InputError(self.path, message, self.line_of(key))

    def unknown(self, table: dict[str, Any], allowed: set[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                hint = difflib.get_close_matches(key, sorted(allowed), n=1)
                extra = f" (did you mean {hint[0]!r}?)" if hint else ""
                raise self.fail(f"unknown key {key!r} in {where}{extra}", key)

    def string(self, table: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
        if key not in table:
            if required:
                raise self.fail(f"{where} needs a {key!r}")
            return ""
        value = table[key]
        if not isinstance(value, str):
            raise self.fail(f"{where}: {key!r} must be a string, not {_tname(value)}", key)
        value = clean_line(value)
        if required and not value:
            raise self.fail(f"{where}: {key!r} is empty", key)
        return value

    def strings(self, table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        if key not in table:
            return ()
        value = table[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{where}: {key!r} must be a list of strings", key)
        return tuple(c for c in (clean_line(v) for v in value) if c)

    def flag(self, table: dict[str, Any], key: str, where: str) -> bool | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, bool):
            raise self.fail(f"{where}: {key!r} must be true or false, not {_tname(value)}", key)
        return value

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any] | None:
        if key not in data:
            return None
        value = data[key]
        if not isinstance(value, dict):
            raise self.fail(f"{key!r} must be a table ([{key}])", key)
        self.enter(key)
        return value

    def nick(self, value: str, key: str, where: str) -> str:
        if not is_irc_nick(value):
            raise self.fail(f"{where}: {value!r} is not an IRC nick", key)
        return value


def _tname(value: object) -> str:
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def parse_meeting(text: str, path: str | Path = "<meeting>") -> MeetingPlan:
    """A plan from a meeting file's text."""
    p = Path(path)
    plan = plan_from_dict(_parse_toml(text, p), p, text)
    _check_schedule(_Reader(p, text), plan.schedule)
    return plan


def _check_schedule(r: _Reader, schedule: Schedule) -> None:
    """The ``[schedule]`` checked as the next meeting will be worked out from it.

    Only when a meeting file is read, not in :func:`plan_from_dict`: a time zone is looked
    up in this machine's tz database, and a session's plan must load on a machine whose
    database lacks the zone it was made with.
    """
    if schedule == Schedule():
        return
    # Imported here, when a file has a [schedule]: see docs/architecture.md "Imports"
    from chair_tui.meeting.cadence import check_cadence, check_schedule, check_timezone

    r.enter("schedule")
    for key, problem in (
        ("cadence", check_cadence(schedule.cadence)),
        ("timezone", check_timezone(schedule.timezone)),
        ("cadence", check_schedule(schedule) if schedule.cadence else None),
    ):
        if problem is not None:
            raise r.fail(f"[schedule]: {problem}", key)


def _parse_toml(text: str, p: Path) -> dict[str, Any]:
    return load_toml(text, p)


def plan_from_dict(data: dict[str, Any], path: str | Path, text: str = "") -> MeetingPlan:
    r = _Reader(path, text)
    r.unknown(data, _TOP_KEYS, "the meeting file")
    title = r.string(data, "title", "the meeting file", required=True)
    profile = r.string(data, "profile", "the meeting file") or DEFAULT_PROFILE
    if profile not in PROFILES:
        raise r.fail(
            f"unknown profile {profile!r} (choose one of: {', '.join(sorted(PROFILES))})",
            "profile",
        )
    chair = r.string(data, "chair", "the meeting file")
    if chair:
        r.nick(chair, "chair", "the meeting file")
    chairs = r.strings(data, "chairs", "the meeting file")
    for c in chairs:
        r.nick(c, "chairs", "the meeting file")
    if chair and chair not in chairs:
        chairs = (chair, *chairs)
    if not chair and chairs:
        chair = chairs[0]
    members: list[Member] = []
    raw_members = data.get("members", [])
    if not isinstance(raw_members, list) or not all(isinstance(m, dict) for m in raw_members):
        raise r.fail("'members' must be an array of tables ([[members]])", "members")
    seen: set[str] = set()
    for i, m in enumerate(raw_members, start=1):
        where = f"member {i}"
        r.enter("members", i)
        r.unknown(m, _MEMBER_KEYS, where)
        nick = r.nick(r.string(m, "nick", where, required=True), "nick", where)
        if nick.lower() in seen:
            raise r.fail(f"{where}: {nick!r} is listed twice", "nick")
        seen.add(nick.lower())
        voting = r.flag(m, "voting", where)
        members.append(Member(nick, r.string(m, "name", where), voting is not False))
    approval = None
    if "minutes_approval" in data:
        raw = data["minutes_approval"]
        if not isinstance(raw, dict):
            raise r.fail("'minutes_approval' must be a table", "minutes_approval")
        r.enter("minutes_approval")
        r.unknown(raw, _APPROVAL_KEYS, "[minutes_approval]")
        link = r.string(raw, "link", "[minutes_approval]")
        if link and not _URL_RE.match(link):
            raise r.fail(
                f"[minutes_approval]: link {link!r} must start with a URL such as https://",
                "link",
            )
        approval = MinutesApproval(r.string(raw, "date", "[minutes_approval]"), link)
    agenda: list[AgendaItem] = []
    r.enter(None)
    raw_agenda = data.get("agenda", [])
    if not isinstance(raw_agenda, list) or not all(isinstance(a, dict) for a in raw_agenda):
        raise r.fail("'agenda' must be an array of tables ([[agenda]])", "agenda")
    for i, a in enumerate(raw_agenda, start=1):
        where = f"agenda item {i}"
        r.enter("agenda", i)
        r.unknown(a, _AGENDA_KEYS, where)
        links = r.strings(a, "links", where) + r.strings(a, "link", where)
        for url in links:
            if not _URL_RE.match(url.split(" ", 1)[0]):
                raise r.fail(
                    f"{where}: link {url!r} must start with a URL such as https://", "links"
                )
        minutes = a.get("minutes")
        if minutes is not None and (
            isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 < minutes <= 600
        ):
            raise r.fail(f"{where}: 'minutes' must be a whole number from 1 to 600", "minutes")
        agenda.append(
            AgendaItem(
                r.string(a, "title", where, required=True),
                links,
                r.strings(a, "info", where),
                minutes,
            )
        )
    r.enter(None)
    if "agenda_markdown" in data:
        md = r.string(data, "agenda_markdown", "the meeting file", required=True)
        # the file beside the meeting file; its "## Members" are the roster when this has none
        markdown = _load_markdown_agenda(Path(path).parent / md)
        agenda.extend(markdown.items)
        if not members:
            members.extend(markdown.members)
    max_bytes = data.get("max_bytes", 350)
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or not 60 <= max_bytes <= 450:
        raise r.fail("'max_bytes' must be a whole number from 60 to 450", "max_bytes")
    bridge = r.string(data, "bridge", "the meeting file")
    if bridge not in _BRIDGES:
        raise r.fail(f"'bridge' must be \"matrix-irc\" or left out, not {bridge!r}", "bridge")
    base_url = r.string(data, "minutes_base_url", "the meeting file")
    if base_url and not _URL_RE.match(base_url):
        raise r.fail("'minutes_base_url' must be a URL such as https://", "minutes_base_url")
    previous = r.flag(data, "previous_actions", "the meeting file")
    name = r.string(data, "name", "the meeting file")
    # the ledger is the name's: asked for, or kept whenever the file names its group
    if previous or (name and previous is None):
        problem = check_ledger_name(name)
        if problem is not None:
            raise r.fail(problem, "name" if name else "previous_actions")
    vote = _vote(r, data)
    schedule = _schedule(r, data)
    r.enter(None)
    return MeetingPlan(
        title=title,
        name=name,
        profile=profile,
        chair=chair,
        chairs=chairs,
        channel=r.string(data, "channel", "the meeting file"),
        rollcall_title=r.string(data, "rollcall_title", "the meeting file") or "Roll call",
        open_floor_title=r.string(data, "open_floor_title", "the meeting file") or "Open Floor",
        members=tuple(members),
        minutes_approval=approval,
        agenda=tuple(agenda),
        max_bytes=max_bytes,
        vote=vote,
        schedule=schedule,
        minutes_base_url=base_url,
        previous_actions=previous,
        bridge=bridge,
    )


def _vote(r: _Reader, data: dict[str, Any]) -> VoteSettings:
    raw = r.table(data, "vote")
    if raw is None:
        return VoteSettings()
    r.unknown(raw, _VOTE_KEYS, "[vote]")
    default = VoteSettings()
    vote = VoteSettings(
        rule=r.string(raw, "rule", "[vote]") or default.rule,
        quorum=r.string(raw, "quorum", "[vote]") or default.quorum,
        tally=r.string(raw, "tally", "[vote]") or default.tally,
    )
    # Imported here, when a file has a [vote] table: see docs/architecture.md "Imports"
    from chair_tui.meeting.votes import check_quorum, check_rule, check_tally

    for key, problem in (
        ("rule", check_rule(vote.rule)),
        ("quorum", check_quorum(vote.quorum)),
        ("tally", check_tally(vote.tally)),
    ):
        if problem is not None:
            raise r.fail(f"[vote]: {problem}", key)
    return vote


def _schedule(r: _Reader, data: dict[str, Any]) -> Schedule:
    raw = r.table(data, "schedule")
    if raw is None:
        return Schedule()
    r.unknown(raw, _SCHEDULE_KEYS, "[schedule]")
    anchor = r.string(raw, "anchor", "[schedule]")
    if anchor and not _DATE_RE.match(anchor):
        raise r.fail("[schedule]: 'anchor' must be a date YYYY-MM-DD", "anchor")
    time = r.string(raw, "time", "[schedule]")
    if time and not _TIME_RE.match(time):
        raise r.fail("[schedule]: 'time' must be HH:MM (24-hour)", "time")
    chairs = r.strings(raw, "chairs", "[schedule]")
    for c in chairs:
        r.nick(c, "chairs", "[schedule]")
    skips: list[SkipDate] = []
    raw_skip = raw.get("skip", [])
    if not isinstance(raw_skip, list) or not all(isinstance(x, dict) for x in raw_skip):
        raise r.fail("[schedule]: 'skip' must be an array of tables ([[schedule.skip]])", "skip")
    for i, sk in enumerate(raw_skip, start=1):
        where = f"[schedule] skip {i}"
        r.unknown(sk, _SKIP_KEYS, where)
        date = r.string(sk, "date", where, required=True)
        if not _DATE_RE.match(date):
            raise r.fail(f"{where}: 'date' must be YYYY-MM-DD", "date")
        skips.append(SkipDate(date, r.string(sk, "reason", where)))
    return Schedule(
        cadence=r.string(raw, "cadence", "[schedule]"),
        anchor=anchor,
        time=time,
        timezone=r.string(raw, "timezone", "[schedule]") or "UTC",
        skip=tuple(skips),
        chairs=chairs,
    )


def plan_to_dict(plan: MeetingPlan) -> dict[str, object]:
    """``plan`` as the tables of a meeting file: :func:`plan_from_dict` reads it back."""
    d: dict[str, object] = {
        "title": plan.title,
        "name": plan.name,
        "profile": plan.profile,
        "chair": plan.chair,
        "chairs": list(plan.chairs),
        "channel": plan.channel,
        "rollcall_title": plan.rollcall_title,
        "open_floor_title": plan.open_floor_title,
        "members": [_member_dict(m) for m in plan.members],
        "agenda": [agenda_to_dict(a) for a in plan.agenda],
        "max_bytes": plan.max_bytes,
    }
    if plan.minutes_approval is not None:
        d["minutes_approval"] = {
            "date": plan.minutes_approval.date,
            "link": plan.minutes_approval.link,
        }
    # the newer keys only when set, so a plan without them is written as before
    if plan.vote != VoteSettings():
        d["vote"] = dataclasses.asdict(plan.vote)
    if plan.schedule != Schedule():
        s = plan.schedule
        d["schedule"] = {
            "cadence": s.cadence,
            "anchor": s.anchor,
            "time": s.time,
            "timezone": s.timezone,
            "skip": [{"date": k.date, "reason": k.reason} for k in s.skip],
            "chairs": list(s.chairs),
        }
    if plan.minutes_base_url:
        d["minutes_base_url"] = plan.minutes_base_url
    if plan.previous_actions is not None:
        d["previous_actions"] = plan.previous_actions
    if plan.bridge:
        d["bridge"] = plan.bridge
    return d


def _member_dict(m: Member) -> dict[str, object]:
    d: dict[str, object] = {"nick": m.nick, "name": m.name}
    if not m.voting:
        d["voting"] = False
    return d


def agenda_to_dict(item: AgendaItem) -> dict[str, object]:
    """One agenda item as an ``[[agenda]]`` table (``minutes`` only when it has a time-box)."""
    d: dict[str, object] = {"title": item.title, "links": list(item.links), "info": list(item.info)}
    if item.minutes is not None:
        d["minutes"] = item.minutes
    return d


def agenda_from_dict(d: Mapping[str, Any]) -> AgendaItem:
    """An agenda item from :func:`agenda_to_dict`'s table; ValueError for a time-box that is
    not a whole number."""
    minutes = d.get("minutes")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)):
        raise ValueError(f"agenda item {d.get('title')!r}: time-box {minutes!r} is not a number")
    return AgendaItem(
        str(d["title"]),
        tuple(str(x) for x in d.get("links", ())),
        tuple(str(x) for x in d.get("info", ())),
        minutes,
    )


def load_meeting(path: str | Path) -> MeetingPlan:
    """Read a meeting file (``.toml``, or ``.md`` holding just an agenda)."""
    p = Path(path)
    if p.suffix.lower() in (".md", ".markdown"):
        agenda = _load_markdown_agenda(p)
        return MeetingPlan(
            title=agenda.title or p.stem, agenda=agenda.items, members=agenda.members
        )
    return parse_meeting(read_text(p, max_bytes=MAX_MEETING_BYTES), p)


def demo_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "demo.toml"


def load_demo() -> MeetingPlan:
    return load_meeting(demo_path())


def _load_markdown_agenda(path: Path) -> MarkdownAgenda:
    """A Markdown agenda; its reader is imported when one is read (see docs/architecture.md
    "Imports")."""
    from chair_tui.meeting.agenda_md import load_markdown_agenda

    return load_markdown_agenda(path)
