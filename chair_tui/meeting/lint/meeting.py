"""The rules about the meeting as a whole (L3, L4), and who the bot knows in it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import compress, count, repeat
from operator import is_not

from chair_tui.meeting.botsim import read_line
from chair_tui.meeting.lint.findings import ERROR, WARNING, Finding
from chair_tui.meeting.lint.target import Info, Line
from chair_tui.meeting.profiles import Kind, Profile

# Profiles whose users must name the files with #meetingname right after the start (L3).
_WANTS_MEETINGNAME = frozenset({"zodbot"})


def good_file_name(start: str) -> bool:
    """Whether the name zodbot makes of the start line ``start`` (its words joined by ``_``,
    in lower case) is a file name as a chair would choose it: letters, digits, ``_ . -`` only,
    no date (the bot adds the date), at most 40 characters."""
    name = "_".join(start.split()[1:]).lower()
    return bool(_FILE_NAME.fullmatch(name)) and not _DATE.search(name)


_FILE_NAME = re.compile(r"[a-z0-9_.\-]{1,40}")
_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?|\d{1,2}/\d{1,2}")


def meeting_findings(
    p: Profile,
    linenos: Sequence[int],
    infos: Sequence[Info],
    texts: Sequence[str] = (),
) -> list[Finding]:
    """L3 and L4 for the lines ``linenos`` (``texts``), of which ``infos`` is what lint made.

    L3 only fires when the name zodbot makes of the start text is no good file name (see
    :func:`good_file_name`): ``#startmeeting Fedora IoT Working Group Meeting`` names the
    files well enough, ``#startmeeting Workstation WG (2021-06-30)`` does not."""
    out: list[Finding] = []
    if not infos:
        return out
    start_texts = dict(zip(linenos, texts, strict=False))
    # (lineno, kind) of every line but the plain ones, which have no kind
    kinds = [
        (linenos[i], x.kind if isinstance(x, Line) else x)
        for i in compress(count(), map(is_not, infos, repeat(None)))
        if (x := infos[i]) is not None
    ]
    start = next((n for n, kind in kinds if kind is Kind.START), None)
    if (
        start is not None
        and p.name in _WANTS_MEETINGNAME
        and p.supports(Kind.MEETINGNAME)
        and not good_file_name(start_texts.get(start, ""))
    ):
        if not any(kind is Kind.MEETINGNAME for n, kind in kinds if n > start):
            out.append(
                Finding(
                    "L3",
                    start,
                    f"no {p.command(Kind.MEETINGNAME)} after the start: {p.label} names the"
                    " minutes' files after the long start text",
                    f"add {p.command(Kind.MEETINGNAME)} <short-name> right after the start",
                    WARNING,
                )
            )
    if p.supports(Kind.END) and not any(kind is Kind.END for _n, kind in kinds):
        out.append(
            Finding(
                "L4",
                start if start is not None else max(linenos),
                f"the meeting is never ended: without {p.command(Kind.END)} {p.label} writes"
                " no minutes"
                + ("" if p.family == "matrix" else " and the meeting blocks the channel"),
                f"end with {p.command(Kind.END)}",
                ERROR,
            )
        )
    return out


def roster(
    texts: Iterable[str], profile: Profile, attendees: Iterable[str] | None
) -> tuple[list[str] | None, list[str]]:
    """The nicks the bot knows (``attendees`` and whoever is ``#nick``-ed or ``#chair``-ed in
    ``texts``; None without attendees), and those a ``#chair`` nick must match exactly (who
    spoke or was ``#nick``-ed)."""
    if attendees is None:
        return None, []
    # dicts as ordered sets: a long #chair or #nick list stays linear
    roster = dict.fromkeys(attendees)
    spoken = dict(roster)
    # #nick and #chair make their nicks attendees wherever they are said
    for text in texts:
        if "#" not in text and "[" not in text:
            continue  # no bot reads #nick or #chair (or [nick], [chair]) here
        low = text.lower()  # the bots lower-case the command word
        if "nick" not in low and "chair" not in low:
            continue
        r = read_line(profile, text.lstrip())
        if r.command in ("nick", "chair"):
            for n in re.split(r"[\s,]+", r.text):
                if n:
                    roster.setdefault(n)
                    if r.command == "nick":
                        spoken.setdefault(n)
    return list(roster), list(spoken)
