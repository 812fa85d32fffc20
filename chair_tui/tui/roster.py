"""The roll-call form: one row per member, single keys to mark them."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from chair_tui.meeting.session import Session
from chair_tui.tui import commands
from chair_tui.tui.messages import AddGuest, MarkAttendance, ToggleSecretary, WriteRollCall
from chair_tui.tui.plain import shown

STATE_LABEL = {"present": "present", "regrets": "regrets", "absent": "—"}


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
        row = self.cursor_row
        self.clear(columns=not self.columns)
        if not self.columns:
            self.add_columns("Nick", "Name", "Roll call", "")
        for m in session.plan.members:
            state = session.attendance.get(m.nick, "absent")
            secr = "secretary" if session.secretary == m.nick else ""
            cells = (m.nick, m.display, STATE_LABEL.get(state, state), secr)
            self.add_row(*(Text(shown(cell)) for cell in cells), key=m.nick)
        for g in session.guests:
            self.add_row(Text(""), Text(shown(g)), Text("guest"), Text(""), key=f"guest:{g}")
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))

    def _nick(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        if key is None or key.startswith("guest:"):
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

    def action_emit(self) -> None:
        self.post_message(WriteRollCall())
