"""The roll-call form: one row per member, single keys to mark them."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from chair_tui.meeting.people import parse_guest
from chair_tui.meeting.session import Session
from chair_tui.tui import commands
from chair_tui.tui.messages import (
    AddGuest,
    MarkAttendance,
    RemoveGuest,
    ToggleSecretary,
    WriteRollCall,
)
from chair_tui.tui.plain import shown

STATE_LABEL = {"present": "present", "regrets": "regrets", "absent": "—"}
# The widest a nick or a name is shown; a longer one is cut with "…", so no row is wider
# than the others and every column stays in line.
NICK_WIDTH = 16
NAME_WIDTH = 28
GUEST_KEY = "guest:"


def cell(text: str, width: int) -> Text:
    """A cell's text as plain text, cut with "…" to ``width`` cells."""
    out = Text(shown(text), no_wrap=True, overflow="ellipsis")
    out.truncate(width, overflow="ellipsis")
    return out


def guest_parts(guest: object) -> tuple[str, str, str]:
    """A guest's key in the session (what :class:`RemoveGuest` names), name and nick.

    A guest is kept as typed (``Jens (jensb)``: the nick in brackets when it is an IRC nick) or
    as a record with a ``name`` and a ``nick``.
    """
    if isinstance(guest, str):
        parsed = parse_guest(guest)
        return guest, parsed.name, parsed.nick or ""
    name = str(getattr(guest, "name", guest))
    return str(getattr(guest, "display", name)), name, str(getattr(guest, "nick", "") or "")


class RosterTable(DataTable[Text]):
    """The roll-call form: one row per member; single keys mark the highlighted member.

    Cells are ``Text``, never strings: a DataTable reads a string cell as markup, and a nick or
    a guest's name is the person's, not markup.
    """

    # The keys are listed below this text by the key panel, as the keymap has them.
    HELP = (
        "Roll call: mark the highlighted member present, sending regrets or absent, make them "
        "the secretary, add a guest, then write the roll-call lines to the outbox."
    )
    BINDINGS = commands.bindings(commands.ROLLCALL_COMMANDS)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.session = session

    def on_mount(self) -> None:
        self.show(self.session)

    def show(self, session: Session) -> None:
        """Show the members and guests; the columns are as wide as their widest cell (up to a
        limit), measured again each time, so a new guest's row lines up with the others."""
        row = self.cursor_row
        members = session.plan.members
        guests = [guest_parts(g) for g in session.guests]
        nicks = [m.nick for m in members] + [nick for _, _, nick in guests]
        names = [m.display for m in members] + [name for _, name, _ in guests]
        nick_width = min(NICK_WIDTH, max((cell_len(shown(n)) for n in nicks), default=0))
        name_width = min(NAME_WIDTH, max((cell_len(shown(n)) for n in names), default=0))
        self.clear(columns=True)
        self.add_column("Nick", width=max(4, nick_width))
        self.add_column("Name", width=max(4, name_width))
        self.add_column("Roll call", width=9)
        self.add_column("", width=9)
        for m in members:
            state = session.attendance.get(m.nick, "absent")
            secr = "secretary" if session.secretary == m.nick else ""
            self.add_row(
                cell(m.nick, nick_width),
                cell(m.display, name_width),
                Text(STATE_LABEL.get(state, state)),
                Text(secr),
                key=m.nick,
            )
        for key, name, nick in guests:
            self.add_row(
                cell(nick, nick_width),
                cell(name, name_width),
                Text("guest"),
                Text(""),
                key=GUEST_KEY + key,
            )
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))

    def _row_key(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def _nick(self) -> str | None:
        key = self._row_key()
        if key is None or key.startswith(GUEST_KEY):
            return None
        return key

    def action_mark(self, state: str) -> None:
        nick = self._nick()
        if nick:
            self.post_message(MarkAttendance(nick, state))
            if self.cursor_row + 1 < self.row_count:
                self.move_cursor(row=self.cursor_row + 1)

    def action_secretary(self) -> None:
        nick = self._nick()
        if nick:
            self.post_message(ToggleSecretary(nick))

    def action_guest(self) -> None:
        self.post_message(AddGuest())

    def action_remove_guest(self) -> None:
        """Remove the highlighted guest. On a member's row the key does nothing (a bell): it
        must not reach the outbox's key of the same name and delete a line there."""
        key = self._row_key()
        if key is None or not key.startswith(GUEST_KEY):
            self.app.bell()
            return
        self.post_message(RemoveGuest(key.removeprefix(GUEST_KEY)))

    def action_emit(self) -> None:
        self.post_message(WriteRollCall())
