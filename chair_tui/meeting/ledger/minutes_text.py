"""Actions out of the text minutes the bots publish: the Darst family's ``.txt`` (zodbot,
Debian's MeetBot, OpenStack), Fedora's Matrix ``.txt`` and meetingology's ``.moin.txt``.

Each reader goes over the lines once, keeping the sections it needs: the plain action list
("Action Items" in zodbot, "Action items" in the Matrix bot: the heading is matched in any
case), the ``ACTION:`` items of the summary where there is no plain list (Debian, OpenStack,
meetingology), and "Action items, by person" for whom the bot listed each under.  A bullet's
wrapped lines (72 columns, hanging indent) are joined again with one blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chair_tui.meeting.ledger.owners import leading_owners, nick_map
from chair_tui.meeting.ledger.records import MinutedAction

_DATE_RE = re.compile(r"(?<![0-9])(\d{4}-\d{2}-\d{2})(?![0-9])")
_URL_RE = re.compile(r"https?://\S+")
# "(nick, HH:MM:SS)" after a summary item, without its "("
_SAID_RE = re.compile(r"[^()]*, \d{1,2}:\d{2}(?::\d{2})?\)")
_UNASSIGNED = "**UNASSIGNED**"


@dataclass(frozen=True, slots=True)
class ReadMinutes:
    """What an import read: the meeting's title, date and minutes URL when the file says them,
    its actions, and the format read."""

    title: str
    date: str
    minutes_url: str
    actions: tuple[MinutedAction, ...]
    format: str


@dataclass(slots=True)
class _Bullet:
    depth: int  # 0: "* x", 1: "  * x"
    text: str


def _sections(lines: list[str]) -> dict[str, list[str]]:
    """The lines under each ``Heading`` / ``-----`` (Darst, Matrix) or ``== Heading ==``
    (Moin), by heading in lower case; the lines before the first heading under ""."""
    out: dict[str, list[str]] = {"": []}
    current = out[""]
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        stripped = line.strip()
        nxt = lines[i + 1].strip() if i + 1 < n else ""
        moin = re.fullmatch(r"==\s*(.*?)\s*==", stripped)
        if moin is not None and not stripped.startswith("==="):
            current = out.setdefault(moin.group(1).lower(), [])
            i += 1
            continue
        if stripped and nxt and set(nxt) == {"-"} and len(nxt) >= len(stripped) - 1:
            current = out.setdefault(stripped.lower(), [])
            i += 2
            continue
        current.append(line)
        i += 1
    return out


def _bullets(lines: list[str]) -> list[_Bullet]:
    """The bullets of a section, their wrapped lines joined.  ``* x`` is depth 0, an indented
    ``* x`` depth 1; a line indented past the bullet continues it."""
    out: list[_Bullet] = []
    indent = -1
    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            indent = -1
            continue
        body = line.lstrip(" ")
        lead = len(line) - len(body)
        if body.startswith("* ") or body == "*":
            out.append(_Bullet(0 if lead < 2 else 1, body[2:].strip()))
            indent = lead
        elif body.startswith("** "):  # Moin's second level
            out.append(_Bullet(1, body[3:].strip()))
            indent = lead
        elif out and indent >= 0 and lead > indent:
            out[-1].text = f"{out[-1].text} {body.strip()}".strip()
    return out


def _by_person(lines: list[str]) -> dict[str, list[str]]:
    """Action text → the nicks it is listed under (UNASSIGNED gives none)."""
    owners: dict[str, list[str]] = {}
    person: str | None = None
    for bullet in _bullets(lines):
        if bullet.depth == 0:
            person = None if bullet.text == _UNASSIGNED else bullet.text
            continue
        listed = owners.setdefault(bullet.text, [])
        if person is not None and person not in listed:
            listed.append(person)
    return owners


def _summary_actions(lines: list[str], label: str) -> list[str]:
    """The texts of the summary's ``ACTION:`` items (``label``: how the format writes it)."""
    out = []
    for bullet in _bullets(lines):
        if bullet.text.startswith(label):
            out.append(_without_said(bullet.text[len(label) :]))
    return out


def _without_said(text: str) -> str:
    """An item's text without the ``(nick, HH:MM:SS)`` the minutes add after it."""
    i = text.rfind("(")
    if i > 0 and _SAID_RE.fullmatch(text, i + 1):
        return text[:i].strip()
    return text.strip()


def _people(lines: list[str]) -> list[str]:
    out = []
    for bullet in _bullets(lines):
        nick, _, count = bullet.text.rpartition(" (")
        if nick and count.endswith(")"):
            out.append(nick)
    return out


def _first(sections: dict[str, list[str]], *names: str) -> list[str] | None:
    for name in names:
        if name in sections:
            return sections[name]
    return None


def _actions(
    texts: list[str], by_person: dict[str, list[str]], roster: list[str], *, assigns: bool
) -> tuple[MinutedAction, ...]:
    known = nick_map([*roster, *(n for names in by_person.values() for n in names)])
    return tuple(
        MinutedAction(
            text,
            tuple(by_person.get(text, ())) if assigns else (),
            leading_owners(text, known),
        )
        for text in texts
        if text and text != "(none)"
    )


def _minutes_url(text: str) -> str:
    """The minutes' own URL, from the full logs' (``….log.html`` → ``….html``)."""
    for m in _URL_RE.finditer(text):
        url = m.group().rstrip(".,)")
        if url.endswith(".log.html"):
            return url[: -len(".log.html")] + ".html"
    return ""


def _date(text: str, name: str) -> str:
    m = _DATE_RE.search(text[:4000]) or _DATE_RE.search(name)
    return m.group(1) if m else ""


def read_darst_text(text: str, name: str = "") -> ReadMinutes:
    """zodbot's, MeetBot's or OpenStack's ``.txt``: the plain action list where there is one,
    else the summary's ``ACTION:`` items; "by person" for the assignment."""
    lines = text.splitlines()
    sections = _sections(lines)
    head = [ln.strip() for ln in sections[""] if ln.strip() and set(ln.strip()) != {"="}]
    title = head[0].partition(": ")[2] if head and ": " in head[0] else ""
    plain = _first(sections, "action items")
    texts = (
        [b.text for b in _bullets(plain)]
        if plain is not None
        else _summary_actions(sections.get("meeting summary", []), "ACTION: ")
    )
    by_person = _by_person(_first(sections, "action items, by person") or [])
    roster = _people(_first(sections, "people present (lines said)") or [])
    return ReadMinutes(
        title,
        _date(text, name),
        _minutes_url(text),
        _actions(texts, by_person, roster, assigns=True),
        "txt",
    )


def read_matrix_text(text: str, name: str = "") -> ReadMinutes:
    """Fedora's Matrix bot's ``.txt``: "Action items" (it assigns nobody; the owners meant are
    the leading ``@mxid`` or nicks)."""
    lines = text.splitlines()
    sections = _sections(lines)
    head = [ln.strip() for ln in sections[""] if ln.strip() and set(ln.strip()) != {"="}]
    title = head[0].removeprefix("# ").partition(": ")[2] if head else ""
    plain = _first(sections, "action items")
    texts = (
        [b.text for b in _bullets(plain)]
        if plain is not None
        else _summary_actions(sections.get("meeting summary", []), "ACTION: ")
    )
    roster = _people(_first(sections, "people present (lines said)") or [])
    return ReadMinutes(
        title,
        _date(text, name),
        _minutes_url(text),
        _actions(texts, {}, roster, assigns=False),
        "matrix",
    )


def read_moin(text: str, name: str = "") -> ReadMinutes:
    """meetingology's ``.moin.txt``: the summary's ``''ACTION:''`` items, "Action items, by
    person" for the assignment."""
    lines = text.splitlines()
    sections = _sections(lines)
    title = ""
    for bullet in _bullets(sections.get("meeting information", [])):
        m = re.match(r"(.*?) meeting, started by ", bullet.text)
        if m:
            title = m.group(1).partition(": ")[2] or m.group(1)
            break
    texts = _summary_actions(sections.get("meeting summary", []), "''ACTION:'' ")
    by_person = _by_person(sections.get("action items, by person", []))
    roster = _people(sections.get("people present (lines said)", []))
    return ReadMinutes(
        title,
        _date(text, name),
        _minutes_url(text),
        _actions(texts, by_person, roster, assigns=True),
        "moin",
    )
