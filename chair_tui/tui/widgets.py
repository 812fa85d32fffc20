"""Widgets of the meeting screen: step outline, outbox, roster and composer."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
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
        self._first_id = 0

    @staticmethod
    def prompt(line: OutLine) -> Content:
        if line.state == COPIED:
            return Content.assemble(("✓ copied  ", "$text-success"), (line.text, "$text-muted"))
        return Content.assemble(("• pending ", "bold $text-warning"), line.text)

    WINDOW = 200  # copied lines kept on screen before the first pending one

    def load(self, session: Session) -> None:
        """Show the pending lines and the last copied ones; older lines stay in the session."""
        lines = session.visible_lines()
        first_pending = next((i for i, ln in enumerate(lines) if ln.state != COPIED), len(lines))
        start = max(0, min(first_pending, len(lines) - self.WINDOW))
        self.clear_options()
        self._shown.clear()
        options: list[Option] = []
        if start:
            options.append(
                Option(
                    Content.styled(
                        f"… {start} earlier line(s), all copied (chair-tui export shows them)",
                        "$text-muted",
                    ),
                    id="earlier",
                    disabled=True,
                )
            )
        shown = lines[start:]
        options.extend(Option(self.prompt(ln), id=f"line-{ln.id}") for ln in shown)
        self.add_options(options)
        self._shown.update(ln.id for ln in shown)
        self._first_id = shown[0].id if shown else 0
        self.follow(session)

    def add_line(self, line: OutLine) -> None:
        if line.id in self._shown or line.state == DELETED:
            return
        self.add_option(Option(self.prompt(line), id=f"line-{line.id}"))
        self._shown.add(line.id)

    def update_line(self, line: OutLine) -> None:
        oid = f"line-{line.id}"
        if line.id not in self._shown:
            if line.id >= self._first_id:
                self.add_line(line)
            return
        if line.state == DELETED:
            self.remove_option(oid)
            self._shown.discard(line.id)
            return
        self.replace_option_prompt(oid, self.prompt(line))

    def follow(self, session: Session) -> None:
        """Highlight the first pending line (or the last line) and keep it in view."""
        target = session.first_pending()
        try:
            if target is not None and target.id in self._shown:
                self.highlighted = self.get_option_index(f"line-{target.id}")
            elif self.option_count:
                self.highlighted = self.option_count - 1
        except Exception:
            return

    def selected_line_id(self) -> int | None:
        option = self.highlighted_option
        if option is None or option.id is None or not option.id.startswith("line-"):
            return None
        return int(option.id.removeprefix("line-"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.startswith("line-"):
            self.post_message(self.CopyRequested(int(event.option.id.removeprefix("line-"))))


class RollCallMark(Message):
    """Mark a member present, regrets or absent (posted by the roster)."""

    def __init__(self, nick: str, state: str) -> None:
        self.nick = nick
        self.state = state
        super().__init__()


class RollCallSecretary(Message):
    def __init__(self, nick: str) -> None:
        self.nick = nick
        super().__init__()


class RollCallGuest(Message):
    pass


class RollCallEmit(Message):
    pass


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


def __getattr__(name: str) -> object:
    # The roster (a DataTable) is imported only when roll call needs it.
    if name == "RosterTable":
        from chair_tui.tui.roster import RosterTable

        return RosterTable
    raise AttributeError(name)


class StartBlock(Vertical):
    """The start lines, one editable field each, shown until they are queued."""

    DEFAULT_CSS = """
    StartBlock { height: auto; }
    StartBlock > Input { border: none; height: 1; padding: 0 1; margin-bottom: 0; }
    StartBlock > Input:focus { background: $boost; }
    """

    def __init__(self, lines: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._lines = lines

    def compose(self) -> ComposeResult:
        for i, line in enumerate(self._lines):
            yield Input(line, id=f"start-line-{i}", select_on_focus=False)

    @property
    def lines(self) -> list[str]:
        return [field.value for field in self.query(Input)]
