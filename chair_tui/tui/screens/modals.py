"""Small dialogs: a line of text, a yes/no question and the step picker.

Their keys come from :data:`chair_tui.tui.commands.DIALOG_COMMANDS` (remappable in
``[keymap]``), and their hints name the keys as remapped. Every text shown is ``Content``:
a title or a step label may hold a person's words, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from chair_tui.tui import commands
from chair_tui.tui.base import ChairBase
from chair_tui.tui.plain import PlainInput, plain


def _dialog_bindings(*ids: str) -> list[BindingType]:
    return commands.bindings(tuple(commands.BY_ID[i] for i in ids))


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text."""

    BINDINGS = _dialog_bindings("prompt_cancel")
    app = getters.app(ChairBase)

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(plain(self._title), id="prompt-title")
            yield PlainInput(self._value, placeholder=self._placeholder, id="prompt-input")
            yield Label(
                Content.from_markup(
                    "Enter to accept, $cancel to cancel", cancel=self.app.keys("prompt_cancel")
                ),
                classes="hint",
            )

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EditPrompt(TextPrompt):
    """Edit a line, with the live check the composer shows; a refused line is not accepted."""

    def __init__(self, title: str, value: str, *, check: Callable[[str], tuple[str, bool]]) -> None:
        super().__init__(title, value)
        self._check = check

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static(id="prompt-check", markup=False)

    def on_mount(self) -> None:
        self._show_check(self._value)

    def _show_check(self, value: str) -> bool:
        text, error = self._check(value)
        check = self.query_one("#prompt-check", Static)
        check.update(plain(text))
        check.set_class(error, "error")
        return error

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._show_check(event.value)

    @on(Input.Submitted)
    def _submit_checked(self, event: Input.Submitted) -> None:
        event.prevent_default()  # TextPrompt's own handler would accept anything
        event.stop()
        if self._show_check(event.value):
            self.app.bell()  # refused: the reason is on the check line; the prompt stays
            return
        self.dismiss(event.value)


class Confirm(ModalScreen[bool]):
    """Ask a yes/no question."""

    BINDINGS = _dialog_bindings("confirm_yes", "confirm_no")
    app = getters.app(ChairBase)

    def __init__(self, question: str | Content) -> None:
        super().__init__()
        self._question = plain(question) if isinstance(question, str) else question

    @property
    def question(self) -> Content:
        """The question asked (the dialog wraps it, sized to it, never cut)."""
        return self._question

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(self._question, id="prompt-title")
            yield Label(
                Content.from_markup(
                    "$yes: yes    $no: no",
                    yes=self.app.keys("confirm_yes"),
                    no=self.app.keys("confirm_no"),
                ),
                classes="hint",
            )

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class StepPicker(ModalScreen[int | None]):
    """Pick a step of the meeting to jump to."""

    BINDINGS = _dialog_bindings("picker_cancel")
    options = getters.query_one(OptionList)

    def __init__(self, labels: Sequence[str], current: int, title: str = "Go to step") -> None:
        super().__init__()
        self._labels = labels
        self._current = current
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(plain(self._title), id="prompt-title")
            yield OptionList(
                *[Option(plain(lbl), id=f"s{i}") for i, lbl in enumerate(self._labels)]
            )

    def on_mount(self) -> None:
        self.options.highlighted = self._current

    @on(OptionList.OptionSelected)
    def _pick(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)
