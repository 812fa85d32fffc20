"""Where the bot will put the minutes: the URLs predicted per bot, or the ones it printed.

A bot names its files from the channel (or room), the meeting name and the time the meeting
started, and each bot has its own rule (docs/summary.md, with the sources):

- zodbot: ``https://meetbot.fedoraproject.org/<channel>/<YYYY-MM-DD>/<name>.<YYYY-MM-DD-HH.MM>``
  (MeetBot's ``filenamePattern`` ``%(channel)s/%%Y-%%m-%%d/%(meetingname)s.%%Y-%%m-%%d-%%H.%%M``;
  the channel without ``#``, lower-cased; the name as zodbot stores it, lower-cased with ``_``
  for blanks, the channel when there is none);
- Fedora's Matrix bot: ``https://meetbot-raw.fedoraproject.org/<room>/<YYYY-MM-DD>/<name>.<…>``
  with the room alias slugified (``:`` becomes ``_matrix_``, ``#meeting:fedoraproject.org`` is
  ``meeting_matrix_fedoraproject-org``) and the name slugified with ``-``;
- meetingology: ``https://ubottu.com/meetingology/logs/<channel>/<YYYY>/<channel>.<…>`` — named
  by the channel, never the meeting name; its text minutes are ``.moin.txt``;
- OpenStack: ``https://meetings.opendev.org/meetings/<name>/<YYYY>/<name>.<…>``;
- MeetBot (Debian) and hcoop-meetbot: no known host; the meeting file's ``minutes_base_url``
  gives it, followed by the bot's shipped file pattern.

A ``minutes_base_url`` holding ``{`` is a whole template of the file name without its
extension, with the fields ``{channel}``, ``{name}``, ``{year}``, ``{date}`` (2021-07-06),
``{time}`` (16.00), ``{ymd}`` (20210706) and ``{hm}`` (1600).

Every URL made here is a prediction (:attr:`MinutesUrls.predicted`): the bot's configuration
may differ.  :func:`urls_from_text` takes what the bot printed at ``#endmeeting`` instead.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["KNOWN_BASES", "MinutesUrls", "matrix_slug", "predict_urls", "urls_from_text"]


@dataclass(frozen=True, slots=True)
class MinutesUrls:
    """The minutes (HTML and text) and the HTML log of one meeting; ``""`` where unknown."""

    minutes_html: str = ""
    minutes_text: str = ""
    log_html: str = ""
    predicted: bool = True  # made from the bot's naming rule, not read from the bot

    @property
    def known(self) -> bool:
        return bool(self.minutes_html or self.minutes_text or self.log_html)

    def rows(self) -> list[tuple[str, str]]:
        """``(label, url)`` of each URL known, in the order the bots announce them."""
        rows = [
            ("Minutes", self.minutes_html),
            ("Minutes (text)", self.minutes_text),
            ("Log", self.log_html),
        ]
        return [(label, url) for label, url in rows if url]


KNOWN_BASES = {
    "zodbot": "https://meetbot.fedoraproject.org/",
    "fedora-matrix": "https://meetbot-raw.fedoraproject.org/",
    "meetingology": "https://ubottu.com/meetingology/logs/",
    "openstack": "https://meetings.opendev.org/meetings/",
}
"""The host each bot publishes under, where one is known."""

# each profile's file pattern after its base (str.format fields of _fields)
_PATTERNS = {
    "zodbot": "{channel}/{date}/{name}.{date}-{time}",
    "fedora-matrix": "{room}/{date}/{slug}.{date}-{time}",
    "meetingology": "{channel}/{year}/{channel}.{date}-{time}",
    "openstack": "{name}/{year}/{name}.{date}-{time}",
    "meetbot": "{channel}/{year}/{channel}.{date}-{time}",
    "hcoop": "{year}/{hname}.{ymd}.{hm}",
}
# the extensions of the minutes (HTML, text) and the HTML log
_EXTENSIONS = {
    "meetingology": (".html", ".moin.txt", ".log.html"),
    "hcoop": (".html", "", ".log.html"),
}
_DARST_EXTENSIONS = (".html", ".txt", ".log.html")

_SLUG_DROP = re.compile(r"[^-a-z0-9]+")
_ROOM_DROP = re.compile(r"[^-a-z0-9_]+")
_DASHES = re.compile(r"-{2,}")
_HCOOP_DROP = re.compile(r"[^./a-zA-Z0-9_-]")
_FIELD = re.compile(r"\{(\w*)\}")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _slugify(text: str, drop: re.Pattern[str]) -> str:
    # python-slugify as the Matrix bot calls it: quotes dropped, ASCII, lower case, every run
    # of other characters one dash, no dash at either end
    text = _ascii(text.replace("'", "-")).lower().replace("'", "")
    return _DASHES.sub("-", drop.sub("-", text)).strip("-")


def matrix_slug(room: str) -> str:
    """The folder of a Matrix room's logs: ``#meeting-1:fedoraproject.org`` is
    ``meeting-1_matrix_fedoraproject-org``."""
    return _slugify(room.replace(":", "_matrix_"), _ROOM_DROP)


def _darst_channel(channel: str) -> str:
    return channel.strip("# ").lower().replace("/", "")


def _fields(channel: str, name: str, start: datetime) -> dict[str, str]:
    at = start.astimezone(UTC)
    chan = _darst_channel(channel)
    meeting = name.replace("/", "") or chan
    hname = _HCOOP_DROP.sub("", (name or channel).replace("/", "")) or "meeting"
    return {
        "channel": chan,
        "name": meeting,
        "room": matrix_slug(channel),
        "slug": _slugify(name or channel, _SLUG_DROP),
        "hname": hname,
        "year": f"{at:%Y}",
        "date": f"{at:%Y-%m-%d}",
        "time": f"{at:%H.%M}",
        "ymd": f"{at:%Y%m%d}",
        "hm": f"{at:%H%M}",
    }


def _fill(template: str, fields: dict[str, str]) -> str:
    # only the known fields are replaced; anything else in braces stays as written
    return _FIELD.sub(lambda m: fields.get(m.group(1), m.group(0)), template)


def predict_urls(
    profile: str, *, channel: str, name: str, start: datetime, base_url: str = ""
) -> MinutesUrls | None:
    """The URLs ``profile``'s bot will most likely give a meeting in ``channel`` (a channel,
    or a Matrix room alias) named ``name`` (as the bot stores it; ``""`` for none) that
    started at ``start``.  ``base_url`` (the meeting file's ``minutes_base_url``) replaces
    the bot's known host, or is a whole template when it holds ``{``.  None when the bot has
    no known host and no ``base_url`` is given, or there is no channel to name the files."""
    if not channel and "{" not in base_url:
        return None
    fields = _fields(channel, name, start)
    if "{" in base_url:
        stem = _fill(base_url, fields)
    else:
        base = base_url or KNOWN_BASES.get(profile, "")
        if not base:
            return None
        pattern = _PATTERNS.get(profile, _PATTERNS["meetbot"])
        stem = base.rstrip("/") + "/" + _fill(pattern, fields)
    html, text, log = _EXTENSIONS.get(profile, _DARST_EXTENSIONS)
    return MinutesUrls(stem + html, stem + text if text else "", stem + log, predicted=True)


_URL = re.compile(r"https?://[^\s<>\"'`]+")


def urls_from_text(text: str) -> MinutesUrls | None:
    """The URLs in what the bot printed when the meeting ended (pasted by the chair), sorted
    by their file name: ``.log.html`` the log, ``.html`` the minutes, ``.txt`` (``.moin.txt``)
    the text minutes; a raw log (``.log.txt``, ``.log.json``) is not kept.  The first of each
    wins.  None when none of them is there."""
    found: dict[str, str] = {}
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:)]}")
        path = url.split("?", 1)[0].split("#", 1)[0].lower()
        if path.endswith((".log.txt", ".log.json")):
            continue
        if path.endswith(".log.html"):
            found.setdefault("log", url)
        elif path.endswith((".html", ".htm")):
            found.setdefault("html", url)
        elif path.endswith(".txt"):
            found.setdefault("text", url)
    if not found:
        return None
    return MinutesUrls(
        found.get("html", ""), found.get("text", ""), found.get("log", ""), predicted=False
    )
