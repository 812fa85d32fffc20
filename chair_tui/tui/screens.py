"""Screens: the meeting walk, the start screen, help and small modals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Input,
    Label,
    OptionList,
    Static,
)
from textual.widgets.option_list import Option

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import VERB_ALIASES, Kind
from chair_tui.meeting.render import RenderError
from chair_tui.meeting.session import COPIED, PENDING, Session, SessionError
from chair_tui.meeting.text import clean_line
from chair_tui.tui import commands
from chair_tui.tui.keybar import KeyBar
from chair_tui.tui.widgets import (
    ComposerInput,
    Outbox,
    RollCallEmit,
    RollCallGuest,
    RollCallMark,
    RollCallSecretary,
    StartBlock,
    StepOutline,
    fmt_duration,
)

if TYPE_CHECKING:
    from chair_tui.tui.roster import RosterTable

KIND_LABELS: dict[Kind, str] = {
    Kind.INFO: "info",
    Kind.DECISION: "decision",
    Kind.REJECTED: "rejected",
    Kind.ACTION: "action",
    Kind.IDEA: "idea",
    Kind.HELP: "help",
    Kind.LINK: "link",
    Kind.NOTE: "note",
    Kind.TOPIC: "topic",
}


def parse_composed(text: str, kind: Kind, prefixes: str = "#!") -> Entry:
    """An entry from what the chair typed: raw MeetBot syntax wins over the composer's kind."""
    stripped = text.strip()
    if stripped[:1] in prefixes:
        word, _, rest = stripped[1:].partition(" ")
        low = word.lower().rstrip(":")
        if low in VERB_ALIASES:
            return Entry(VERB_ALIASES[low], rest, verb=low)
    return Entry(kind, text)


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt_cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(self._title, id="prompt-title")
            yield Input(self._value, placeholder=self._placeholder, id="prompt-input")
            yield Label("Enter to accept, Escape to cancel", classes="hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm_yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm_no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(self._question, id="prompt-title")
            yield Label("y: yes    n / Escape: no", classes="hint")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class StepPicker(ModalScreen[int | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="picker_cancel")]

    def __init__(self, labels: Sequence[str], current: int) -> None:
        super().__init__()
        self._labels = labels
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label("Go to step", id="prompt-title")
            yield OptionList(*[Option(lbl, id=f"s{i}") for i, lbl in enumerate(self._labels)])

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = self._current

    @on(OptionList.OptionSelected)
    def _pick(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help_close")]

    def compose(self) -> ComposeResult:
        keymap: dict[str, str] = getattr(self.app, "keymap_overrides", {})
        rows: list[str] = []
        group = ""
        for c in commands.COMMANDS:
            if c.group != group:
                group = c.group
                rows.append(f"\n[b]{group}[/b]")
            key = self.app.get_key_display(Binding(keymap.get(c.id, c.key), ""))
            rows.append(
                f"  [b]{_escape(f'{key:>8}')}[/b]  {c.label}: {c.help}  [dim]({c.id})[/dim]"
            )
        rows.append("\n[b]Roll call (when the roster has the focus)[/b]")
        for c in commands.ROLLCALL_COMMANDS:
            key = self.app.get_key_display(Binding(keymap.get(c.id, c.key), ""))
            rows.append(
                f"  [b]{_escape(f'{key:>8}')}[/b]  {c.label}: {c.help}  [dim]({c.id})[/dim]"
            )
        rows.append(
            "\n[b]Composer[/b]\n  Type text and press Enter. Raw MeetBot syntax such as "
            "'#agreed …' is recognised and rewritten for the target bot.\n"
            "  Tab completes a nick from the roster; Escape leaves the composer."
        )
        with Vertical(id="help-box"):
            yield Label("chair-tui keys  (Escape closes)", id="prompt-title")
            with VerticalScroll():
                yield Static("\n".join(rows), markup=True)

    def action_close(self) -> None:
        self.dismiss(None)


class MeetingScreen(Screen[None]):
    """The meeting walk: outline, step panel, outbox, composer and status."""

    BINDINGS = commands.bindings()
    AUTO_FOCUS = "#outbox"

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.kind = Kind.INFO

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(id="topbar", markup=False)
        with Horizontal(id="body"):
            yield StepOutline(id="outline")
            with Vertical(id="main"):
                yield Static(id="step-panel")
                with Vertical(id="step-extra"):
                    # The first step's extra part is composed, not mounted after the
                    # first frame, so start-up lays the screen out once.
                    extra = self._extra_widget(self._extra_wanted(self.session.step.kind))
                    if extra is not None:
                        yield extra
                yield Outbox(id="outbox")
        with Horizontal(id="composer-row"):
            yield Label("info ›", id="kind")
            yield ComposerInput(
                id="composer",
                select_on_focus=False,
                placeholder="i/d/a/l… then type; Enter records",
            )
        yield Static(id="lint")
        yield Static(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        s = self.session
        s.add_listener(self._on_record)
        self.query_one(ComposerInput).roster = s.roster()
        self.query_one(Outbox).load(s)
        self.query_one(StepOutline).show(s)
        self._show_step()
        self._tick()
        self.set_interval(1.0, self._tick)
        if s.torn_tail:
            self.status(f"Recovered the session; {s.torn_tail}", error=True)
        else:
            self.status(
                f"Saved after every change as {s.path.name} (resume: chair-tui --resume)"
                if s.path
                else "This meeting is not being saved"
            )

    # ------------------------------------------------------------------ display

    def status(self, text: str, *, error: bool = False) -> None:
        widget = self.query_one("#status", Static)
        widget.update(text)
        widget.set_class(error, "error")

    def _tick(self) -> None:
        s = self.session
        step = s.step
        steps = s.steps
        parts = [
            f"{s.plan.title}",
            f"[{s.profile.name}]",
            f"meeting {fmt_duration(s.elapsed())}",
            f"{step.label(steps)} {fmt_duration(s.step_elapsed())}",
        ]
        box = s.timebox()
        over = False
        if box:
            used = s.step_elapsed()
            parts[-1] += f" / {box:d}:00"
            if used > box * 60:
                over = True
                parts.append(f"OVER TIME by {fmt_duration(used - box * 60)}")
        if s.ended:
            parts.append("ENDED")
        bar = self.query_one("#topbar", Static)
        bar.update("  ·  ".join(parts))
        bar.set_class(over, "overtime")

    def _show_step(self) -> None:
        s = self.session
        step = s.step
        steps = s.steps
        panel = self.query_one("#step-panel", Static)
        self._show_extra(step.kind)
        head = f"[b]{step.label(steps)}[/b]"
        if step.kind not in ("start", "end"):
            head += f" — {_escape(step.title)}"
        hints = {
            "start": "Edit the start lines below if needed, then [b]n[/b] queues them and "
            "moves to roll call.",
            "rollcall": "Mark each member: [b]p[/b] present, [b]r[/b] regrets, [b]a[/b] absent, "
            "[b]s[/b] secretary, [b]g[/b] guest; [b]w[/b] writes the roll-call lines.",
            "approval": "[b]v[/b] records 'no objections'; [b]d[/b] types another decision.",
            "topic": "Record with [b]i[/b] info, [b]d[/b] decision, [b]a[/b] action, "
            "[b]l[/b] link, [b]t[/b] note; [b]n[/b] next step.",
            "open": "Record as in a topic; [b]m[/b] prepares the next-meeting line; "
            "[b]E[/b] ends the meeting.",
            "end": "[b]E[/b] queues the end-meeting line and shows the summary.",
        }
        if s.started and step.kind == "start":
            body = "The start lines are in the outbox. [b]n[/b] moves on to roll call."
        else:
            body = hints[step.kind]
            if step.kind == "start":
                body += "".join(f"\n⚠ {_escape(note)}" for note in s.start_notes())
        if s.ended:
            body = self._summary_markup()
        elif step.kind == "rollcall":
            for roster in self.query(_roster_class()):
                roster.show(s)
            present = sum(1 for v in s.attendance.values() if v == "present")
            body += f"  ({present} present, {len(s.guests)} guests)"
        panel.update(f"{head}\n{body}")

    def _extra_wanted(self, kind: str) -> str:
        return "start" if kind == "start" and not self.session.started else kind

    def _extra_widget(self, want: str) -> Widget | None:
        if want == "start":
            return StartBlock(self._start_lines(), id="start-block")
        if want == "rollcall":
            return _roster_class()(self.session, id="roster")
        return None

    def _show_extra(self, kind: str) -> None:
        """Mount the start lines or the roster only while their step is shown."""
        extra = self.query_one("#step-extra", Vertical)
        want = self._extra_wanted(kind)
        if want == "start" and extra.query(StartBlock):
            return
        if want == "rollcall" and extra.query(_roster_class()):
            return
        if extra.children:
            focused = self.focused
            if focused is not None and extra in focused.ancestors:
                # The start lines or the roster had the focus: give it to the outbox, not
                # to whatever widget Textual would pick next.
                self.query_one(Outbox).focus()
            extra.remove_children()
        widget = self._extra_widget(want)
        if widget is not None:
            extra.mount(widget)

    def _focus_roster(self) -> None:
        for roster in self.query(_roster_class()):
            roster.focus()

    def _start_lines(self) -> list[str]:
        from chair_tui.meeting.render import render_entries

        s = self.session
        lines = render_entries(s.start_block(), s.profile, max_bytes=s.max_bytes)
        return [ln.text for ln in lines]

    def _summary_markup(self) -> str:
        s = self.session
        summary = s.summary()
        pending = len(s.pending())
        out = [
            f"[b]Meeting ended.[/b] {pending} line(s) still to paste. "
            f"Saved: {_escape(str(s.path))}",
            f"Topics: {len(summary['topics'])}  ·  decisions: {len(summary['decisions'])}",
        ]
        if summary["actions"] or summary["unassigned"]:
            out.append("Actions by person:")
            for nick, items in sorted(summary["actions"].items(), key=lambda kv: kv[0].lower()):
                for item in items:
                    out.append(f"  {_escape(nick)}: {_escape(item)}")
            for item in summary["unassigned"]:
                out.append(f"  (unassigned): {_escape(item)}")
        return "\n".join(out)

    def _on_record(self, record: dict[str, Any]) -> None:
        s = self.session
        outbox = self.query_one(Outbox)
        op = record["op"]
        if op == "record":
            for ln in record["lines"]:
                outbox.add_line(s.line(int(ln["id"])))
            if record.get("opens"):
                self.query_one(StepOutline).show(s)
            outbox.follow(s)
        elif op in ("copied",):
            for i in record["ids"]:
                outbox.update_line(s.line(int(i)))
            outbox.follow(s)
        elif op in ("edit", "delete"):
            outbox.update_line(s.line(int(record["line"])))
        elif op == "undo":
            for i in record["removed"]:
                outbox.update_line(s.line(int(i)))
            for ln in record.get("lines", []):
                outbox.add_line(s.line(int(ln["id"])))
            outbox.follow(s)
        elif op in ("attend", "guest", "secretary"):
            self._show_step()
        elif op in ("step", "agenda", "end"):
            self.query_one(StepOutline).show(s)
            self._show_step()
            self._tick()
        self.query_one(ComposerInput).roster = s.roster()

    # ------------------------------------------------------------------ helpers

    def _guard(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except (SessionError, RenderError) as exc:
            self.status(str(exc), error=True)
            self.app.bell()
        except OSError as exc:
            self.status(f"Could not save the session: {exc}", error=True)
            self.app.bell()
        return None

    def _arrive(self) -> None:
        """Queue the opening lines of the step we arrived at (once)."""
        s = self.session
        if s.step.kind == "rollcall":
            self.call_after_refresh(self._focus_roster)
        if s.step.kind not in ("start", "end") and s.step.id not in s.opened_steps:
            recs = self._guard(s.open_step)
            if recs:
                self.status(
                    f"{s.step.label(s.steps)}: queued {sum(len(r.line_ids) for r in recs)} "
                    "line(s); press c to copy"
                )

    def _emit_start(self) -> bool:
        s = self.session
        if s.started:
            return True
        blocks = list(self.query(StartBlock))
        lines = blocks[0].lines if blocks else self._start_lines()
        entries = [
            parse_composed(line, Kind.NOTE, s.profile.prefix) for line in lines if line.strip()
        ]
        if not entries or entries[0].kind is not Kind.START:
            self.status("The start lines must begin with the start-meeting command", error=True)
            return False
        return self._guard(s.open_step, entries) is not None

    # ------------------------------------------------------------------ actions: walk

    def action_next_step(self) -> None:
        s = self.session
        if s.step.kind == "start" and not self._emit_start():
            return
        before = s.step_index
        self._guard(s.next_step)
        if s.step_index != before:
            self._arrive()

    def action_prev_step(self) -> None:
        self._guard(self.session.prev_step)

    def action_goto_step(self) -> None:
        s = self.session
        labels = [f"{st.label(s.steps)} — {st.title}" for st in s.steps]

        def chosen(index: int | None) -> None:
            if index is None:
                return
            if s.step.kind == "start" and index > 0 and not self._emit_start():
                return
            self._guard(s.goto, index)
            self._arrive()

        self.app.push_screen(StepPicker(labels, s.step_index), chosen)

    def action_add_topic(self) -> None:
        def added(title: str | None) -> None:
            if not title or not title.strip():
                return
            index = self._guard(self.session.add_topic, title)
            if index is not None:
                st = self.session.steps[index]
                self.status(f"Added {st.label(self.session.steps)}: {st.title} (g to jump there)")

        self.app.push_screen(TextPrompt("New topic (added after the current one)"), added)

    def action_move_topic(self, delta: int) -> None:
        step = self.session.step
        if step.kind != "topic" or step.topic is None:
            self.status("Only an agenda topic can be moved", error=True)
            return
        self._guard(self.session.move_topic, step.topic, delta)

    def action_end_meeting(self) -> None:
        s = self.session
        if s.ended:
            self.status("The meeting has already ended", error=True)
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            if not s.started:
                self.status("Start the meeting first (n on the Start step)", error=True)
                return
            end_index = len(s.steps) - 1
            if s.step_index != end_index:
                self._guard(s.goto, end_index)
            if self._guard(s.end) is not None:
                self.status("Meeting ended: #endmeeting queued; c copies it")

        self.app.push_screen(
            Confirm(f"End the meeting now? {s.profile.command(Kind.END)} will be queued."),
            confirmed,
        )

    # ------------------------------------------------------------------ actions: record

    def action_compose(self, kind: str) -> None:
        self.kind = Kind(kind)
        s = self.session
        if self.kind is not Kind.NOTE and not s.profile.supports(self.kind):
            self.status(
                s.profile.notes.get(self.kind, f"{s.profile.label} has no {kind}"), error=True
            )
            return
        verb = s.profile.command(self.kind) if self.kind is not Kind.NOTE else "note"
        self.query_one("#kind", Label).update(f"{verb} ›")
        composer = self.query_one(ComposerInput)
        composer.focus()
        self._lint(composer.value)

    def action_next_meeting(self) -> None:
        self.action_compose("info")
        composer = self.query_one(ComposerInput)
        # a week from today is the usual answer; the chair edits it if not
        week = datetime.fromtimestamp(self.session.clock(), UTC) + timedelta(days=7)
        composer.value = f"Next meeting: {week:%A %Y-%m-%d}"
        composer.cursor_position = len(composer.value)

    def action_no_objections(self) -> None:
        s = self.session
        if self._guard(s.record, Entry(Kind.DECISION, "no objections")) is not None:
            self.status(f"Recorded {s.profile.command(Kind.DECISION)} no objections")

    @on(ComposerInput.Changed, "#composer")
    def _composer_changed(self, event: ComposerInput.Changed) -> None:
        self._lint(event.value)

    def _lint(self, value: str) -> None:
        widget = self.query_one("#lint", Static)
        if not value.strip():
            widget.update("")
            widget.remove_class("error")
            return
        s = self.session
        entry = parse_composed(value, self.kind, s.profile.prefix + "#")
        preview = s.preview(entry)
        if preview.error:
            widget.update(f"✗ {_escape(preview.error)}")
            widget.add_class("error")
            return
        widget.remove_class("error")
        main = [t for t in preview.lines if not t.startswith(f"{s.profile.prefix}nick ")]
        parts = [f"{max(preview.bytes_used)}/{s.max_bytes} bytes"]
        if len(main) > 1:
            parts.append(f"splits into {len(main)} lines")
        if entry.kind is Kind.ACTION:
            if not s.profile.assigns_actions:
                parts.append("this bot does not assign actions")
            elif preview.assignees:
                parts.append("assigns: " + " ".join(preview.assignees))
            else:
                parts.append("⚠ assigns nobody: start with a nick")
        parts.extend(preview.notes)
        widget.update(_escape("  ·  ".join(parts)))

    @on(ComposerInput.Submitted, "#composer")
    def _composer_submitted(self, event: ComposerInput.Submitted) -> None:
        value = event.value
        if not value.strip():
            return
        s = self.session
        entry = parse_composed(value, self.kind, s.profile.prefix + "#")
        if entry.kind is Kind.END:
            event.input.value = ""
            self.action_end_meeting()
            return
        rec = self._guard(s.record, entry)
        if rec is None:
            return
        event.input.value = ""
        self.query_one(Outbox).focus()
        lines = [s.line(i).text for i in rec.line_ids]
        note = f" ({'; '.join(rec.notes)})" if rec.notes else ""
        self.status(f"Queued {len(lines)} line(s): {lines[-1][:60]}{note}")

    @on(ComposerInput.Leave)
    def _leave_composer(self) -> None:
        self.query_one(Outbox).focus()

    def action_undo(self) -> None:
        msg = self._guard(self.session.undo)
        if msg:
            self.status(f"Undo: {msg}")

    # ------------------------------------------------------------------ roll call

    @on(RollCallMark)
    def _mark(self, event: RollCallMark) -> None:
        self._guard(self.session.set_attendance, event.nick, event.state)

    @on(RollCallSecretary)
    def _secretary(self, event: RollCallSecretary) -> None:
        s = self.session
        self._guard(s.set_secretary, "" if s.secretary == event.nick else event.nick)

    @on(RollCallGuest)
    def _guest(self) -> None:
        def added(name: str | None) -> None:
            if name and name.strip():
                self._guard(self.session.add_guest, name)

        self.app.push_screen(TextPrompt("Guest's name (as it should appear in the minutes)"), added)

    @on(RollCallEmit)
    def _emit_rollcall(self) -> None:
        recs = self._guard(self.session.emit_rollcall)
        if recs:
            self.status(f"Queued {len(recs)} roll-call line(s); c copies them")
            self.query_one(Outbox).focus()

    # ------------------------------------------------------------------ outbox / clipboard

    def _copy(self, ids: list[int], texts: list[str]) -> None:
        app = self.app
        result = app.copy_lines(texts)  # type: ignore[attr-defined]
        what = f"{len(texts)} line{'s' if len(texts) != 1 else ''}"
        if not result.ok:
            # nothing reached a clipboard: the lines stay pending, on screen to copy by hand
            self.status(f"Not copied ({what}): {result.status}", error=True)
            self.app.bell()
            return
        self._guard(
            self.session.mark_copied, [i for i in ids if self.session.line(i).state == PENDING]
        )
        left = len(self.session.pending())
        self.status(f"Copied {what} {result.status}. {left} pending.")

    def action_copy_chunk(self) -> None:
        chunk = self.session.next_chunk()
        if not chunk:
            self.status("Nothing pending to copy")
            return
        self._copy([ln.id for ln in chunk], [ln.text for ln in chunk])

    def action_copy_line(self) -> None:
        outbox = self.query_one(Outbox)
        line_id = outbox.selected_line_id() if outbox.has_focus else None
        if line_id is None:
            pending = self.session.pending()
            if not pending:
                self.status("Nothing pending to copy")
                return
            line_id = pending[0].id
        ln = self.session.line(line_id)
        self._copy([ln.id], [ln.text])

    @on(Outbox.CopyRequested)
    def _copy_selected(self, event: Outbox.CopyRequested) -> None:
        ln = self.session.line(event.line_id)
        self._copy([ln.id], [ln.text])

    def action_edit_line(self) -> None:
        outbox = self.query_one(Outbox)
        line_id = outbox.selected_line_id()
        if line_id is None:
            return
        ln = self.session.line(line_id)
        if ln.state == COPIED:
            self.status("That line was already copied: undo the entry instead", error=True)
            return

        def edited(text: str | None) -> None:
            if text is not None:
                self._guard(self.session.edit_line, line_id, text)

        self.app.push_screen(TextPrompt("Edit the pending line", ln.text), edited)

    def action_delete_line(self) -> None:
        line_id = self.query_one(Outbox).selected_line_id()
        if line_id is not None:
            self._guard(self.session.delete_line, line_id)

    def action_focus_outbox(self) -> None:
        self.query_one(Outbox).focus()

    def action_show_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        s = self.session
        if action == "no_objections":
            return True if s.step.kind == "approval" else None
        if action == "next_meeting":
            return True if s.step.kind == "open" else None
        if action in ("compose", "undo", "next_step", "add_topic") and s.ended:
            return None
        return True


class StartScreen(Screen[None]):
    """Pick a meeting: resume an unfinished one, open a file, or the demo."""

    BINDINGS = [
        Binding("ctrl+q", "app.quit", "Quit", priority=True, id="quit"),
        Binding("f1", "app.show_help", "Help", id="help"),
    ]

    def __init__(self, unfinished: list[Path]) -> None:
        super().__init__()
        self.unfinished = unfinished

    def compose(self) -> ComposeResult:
        with Vertical(id="start-box"):
            yield Label("chair-tui — chair a MeetBot meeting", id="start-title")
            if self.unfinished:
                yield Label("Unfinished meetings (Enter resumes):")
                yield OptionList(
                    *[Option(p.stem, id=str(i)) for i, p in enumerate(self.unfinished)],
                    id="sessions",
                )
            yield Label("Meeting file (.toml or .md agenda):")
            yield Input(placeholder="path/to/meeting.toml", id="meeting-path")
            with Horizontal(id="start-buttons"):
                yield Button("Open", id="open", variant="primary")
                yield Button("Demo meeting", id="demo")
            yield Static(id="start-error")
        yield KeyBar()

    @on(OptionList.OptionSelected, "#sessions")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        self.app.open_session_file(self.unfinished[event.option_index])  # type: ignore[attr-defined]

    @on(Input.Submitted, "#meeting-path")
    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        from chair_tui.meeting.meetingfile import load_meeting

        path = clean_line(self.query_one("#meeting-path", Input).value)
        if not path:
            return
        try:
            plan = load_meeting(Path(path).expanduser())
        except InputError as exc:
            self.query_one("#start-error", Static).update(str(exc))
            return
        self.app.start_meeting(plan)  # type: ignore[attr-defined]

    @on(Button.Pressed, "#demo")
    def _demo(self) -> None:
        from chair_tui.meeting.meetingfile import load_demo

        self.app.start_meeting(load_demo())  # type: ignore[attr-defined]


def _roster_class() -> type[RosterTable]:
    from chair_tui.tui.roster import RosterTable

    return RosterTable


def _escape(text: str) -> str:
    return text.replace("[", r"\[")
