"""Widgets of the meeting screen: step outline, outbox, roster and composer."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Input, OptionList
from textual.widgets.option_list import Option

from chair_tui.meeting.session import COPIED, DELETED, OutLine, Session


def fmt_duration(seconds: float) -> str:
    s = int(seconds)
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m:02d}:{sec:02d}"


class StepOutline(OptionList):
    """The steps of the meeting; the current one is marked with ▶ and '(now)'."""

    HELP = "The meeting's steps. Enter jumps to the highlighted step."

    def show(self, session: Session) -> None:
        steps = session.steps
        current = session.step_index
        prompts = []
        for i, step in enumerate(steps):
            done = step.id in session.opened_steps and i != current
            mark = "▶" if i == current else ("✓" if done else " ")
            label = step.label(steps)
            title = step.title if step.kind == "topic" else ""
            parts: list[str | tuple[str, str]] = [
                (f"{mark} {label}", "bold" if i == current else "")
            ]
            if i == current:
                parts.append((" (now)", "bold $text-accent"))
            if title:
                if len(title) > 19:
                    title = title[:18] + "…"
                parts.append((f"\n   {title}", "" if i == current else "$text-muted"))
            prompts.append(Option(Content.assemble(*parts), id=f"step-{i}"))
        self.clear_options()
        self.add_options(prompts)
        self.highlighted = current


class Outbox(OptionList):
    """Every emitted line, pending or copied.  Updated line by line, never rebuilt whole."""

    HELP = (
        "Lines to paste into the meeting. 'c' copies the next chunk, 'y' copies one line, "
        "Enter copies the highlighted line again, ctrl+e edits and Delete removes a pending line."
    )

    class CopyRequested(Message):
        def __init__(self, line_id: int) -> None:
            self.line_id = line_id
            super().__init__()

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: set[int] = set()

    @staticmethod
    def prompt(line: OutLine) -> Content:
        if line.state == COPIED:
            return Content.assemble(("✓ copied  ", "$text-success"), (line.text, "$text-muted"))
        return Content.assemble(("• pending ", "bold $text-warning"), line.text)

    def load(self, session: Session) -> None:
        self.clear_options()
        self._shown.clear()
        self.add_options(
            [Option(self.prompt(ln), id=f"line-{ln.id}") for ln in session.visible_lines()]
        )
        self._shown.update(ln.id for ln in session.visible_lines())
        self.follow(session)

    def add_line(self, line: OutLine) -> None:
        if line.id in self._shown or line.state == DELETED:
            return
        self.add_option(Option(self.prompt(line), id=f"line-{line.id}"))
        self._shown.add(line.id)

    def update_line(self, line: OutLine) -> None:
        oid = f"line-{line.id}"
        if line.id not in self._shown:
            self.add_line(line)
            return
        if line.state == DELETED:
            self.remove_option(oid)
            self._shown.discard(line.id)
            return
        self.replace_option_prompt(oid, self.prompt(line))

    def follow(self, session: Session) -> None:
        """Highlight the first pending line (or the last line) and keep it in view."""
        pending = session.pending()
        target = pending[0] if pending else None
        try:
            if target is not None:
                self.highlighted = self.get_option_index(f"line-{target.id}")
            elif self.option_count:
                self.highlighted = self.option_count - 1
        except Exception:
            return

    def selected_line_id(self) -> int | None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return int(option.id.removeprefix("line-"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.CopyRequested(int(event.option.id.removeprefix("line-"))))


STATE_LABEL = {"present": "present", "regrets": "regrets", "absent": "—"}


class RosterTable(DataTable[str]):
    """The roll-call form: one row per member; single keys mark the highlighted member."""

    HELP = (
        "Roll call: p present, r regrets, a absent, s secretary, g add a guest, "
        "w write the roll-call lines to the outbox."
    )
    BINDINGS = [
        Binding("p", "mark('present')", "Present", id="rollcall_present"),
        Binding("r", "mark('regrets')", "Regrets", id="rollcall_regrets"),
        Binding("a", "mark('absent')", "Absent", id="rollcall_absent"),
        Binding("s", "secretary", "Secretary", id="rollcall_secretary"),
        Binding("g", "guest", "Guest", id="rollcall_guest"),
        Binding("w", "emit", "Write roll call", id="rollcall_emit"),
    ]

    class Mark(Message):
        def __init__(self, nick: str, state: str) -> None:
            self.nick = nick
            self.state = state
            super().__init__()

    class Secretary(Message):
        def __init__(self, nick: str) -> None:
            self.nick = nick
            super().__init__()

    class AddGuest(Message):
        pass

    class Emit(Message):
        pass

    def show(self, session: Session) -> None:
        row = self.cursor_row
        self.clear(columns=not self.columns)
        if not self.columns:
            self.add_columns("Nick", "Name", "Roll call", "")
        for m in session.plan.members:
            state = session.attendance.get(m.nick, "absent")
            secr = "secretary" if session.secretary == m.nick else ""
            self.add_row(m.nick, m.display, STATE_LABEL[state], secr, key=m.nick)
        for g in session.guests:
            self.add_row("", g, "guest", "", key=f"guest:{g}")
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
            self.post_message(self.Mark(nick, state))
            if self.cursor_row + 1 < self.row_count:
                self.move_cursor(row=self.cursor_row + 1)

    def action_secretary(self) -> None:
        nick = self._nick()
        if nick:
            self.post_message(self.Secretary(nick))

    def action_guest(self) -> None:
        self.post_message(self.AddGuest())

    def action_emit(self) -> None:
        self.post_message(self.Emit())


class ComposerInput(Input):
    """The composer's text field: Tab completes a nick from the roster."""

    BINDINGS = [
        Binding("tab", "complete", "Complete nick", show=False, id="composer_complete"),
        Binding("escape", "leave", "Leave composer", show=False, id="composer_leave"),
    ]

    class Leave(Message):
        pass

    roster: list[str] = []

    def action_complete(self) -> None:
        value = self.value[: self.cursor_position]
        start = value.rfind(" ") + 1
        prefix = value[start:].lstrip("@").lower()
        if not prefix:
            return
        matches = [n for n in self.roster if n.lower().startswith(prefix)]
        if len(matches) != 1:
            if matches:
                self.app.notify("matches: " + " ".join(matches), timeout=3)
            return
        nick = matches[0]
        rest = self.value[self.cursor_position :]
        self.value = self.value[:start] + nick + " " + rest.lstrip(" ")
        self.cursor_position = start + len(nick) + 1

    def action_leave(self) -> None:
        self.post_message(self.Leave())
