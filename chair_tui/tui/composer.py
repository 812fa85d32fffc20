"""The composer: the one-line field where the chair types what to record.

It behaves like a good IRC client's input line: Tab completes a nick from the roster (again
and again to cycle through the matches; the common prefix first when several match), Escape
clears a draft (ctrl+z brings it back) and leaves an empty composer, and the expand key opens
a long text in a tall view with the bytes of each line it will be sent as.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import getters
from textual.message import Message

from chair_tui.tui import commands
from chair_tui.tui.base import ChairBase
from chair_tui.tui.messages import LeaveComposer
from chair_tui.tui.plain import PlainInput


def _common_prefix(words: list[str]) -> str:
    """The longest start that every word shares (characters, not path parts)."""
    first, last = min(words), max(words)
    i = 0
    while i < len(first) and first[i] == last[i]:
        i += 1
    return first[:i]


@dataclass(slots=True)
class _Cycle:
    """A Tab completion in progress: the word's start, the matches and the one shown."""

    start: int
    matches: list[str]
    index: int
    value: str  # the composer's text as the last Tab left it


class ComposerInput(PlainInput):
    """The composer's text field."""

    BINDINGS = commands.bindings(commands.COMPOSER_COMMANDS)

    class Hint(Message):
        """Something to say on the composer's check line (matches of a Tab, a cleared draft)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Expand(Message):
        """The chair asked for the tall view of the text."""

    app = getters.app(ChairBase)
    roster: list[str] = []

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._cleared: str | None = None
        self._cycle: _Cycle | None = None

    # ------------------------------------------------------------------ completion

    def action_complete(self) -> None:
        cycle = self._cycle
        if cycle is not None and cycle.value == self.value and len(cycle.matches) > 1:
            cycle.index = (cycle.index + 1) % len(cycle.matches)
            self._put(cycle.start, cycle.matches[cycle.index], cycle)
            return
        self._cycle = None
        value = self.value[: self.cursor_position]
        start = value.rfind(" ") + 1
        if value[start : start + 1] == "@":
            start += 1
        prefix = value[start:].lower()
        if not prefix:
            return
        matches = [n for n in self.roster if n.lower().startswith(prefix)]
        if not matches:
            self.post_message(self.Hint(f"no nick starts with {value[start:]!r}"))
            self.app.bell()
            return
        if len(matches) == 1:
            # remembered, so a comma typed next takes the completion's space
            self._cycle = _Cycle(start, matches, 0, "")
            self._put(start, matches[0], self._cycle)
            return
        common = _common_prefix([m.lower() for m in matches])
        if len(common) > len(prefix):
            # the common prefix first, in the case of the first match; Tab again cycles
            self._replace_word(start, matches[0][: len(common)], space=False)
            self._cycle = _Cycle(start, matches, -1, self.value)
        else:
            self._cycle = _Cycle(start, matches, 0, "")
            self._put(start, matches[0], self._cycle)
        self.post_message(self.Hint("Tab cycles: " + " ".join(matches)))

    def _put(self, start: int, nick: str, cycle: _Cycle | None) -> None:
        self._replace_word(start, nick, space=True)
        if cycle is not None:
            cycle.value = self.value

    def _replace_word(self, start: int, word: str, *, space: bool) -> None:
        end = self.cursor_position
        value = self.value
        # the rest of the word being completed goes too (the cursor may be inside it)
        while end < len(value) and value[end] != " ":
            end += 1
        rest = value[end:].lstrip(" ")
        sep = " " if space else ""
        self.value = value[:start] + word + sep + rest
        self.cursor_position = start + len(word) + len(sep)

    def insert_text_at_cursor(self, text: str) -> None:
        # "mcl⇥, ngo⇥: reply": the space a completion added goes before a comma or colon, so
        # the text reads as typed by hand ("mclasen, ngompa: reply")
        pos = self.cursor_position
        if (
            text[:1] in (",", ":", ";")
            and pos > 0
            and self.value[pos - 1 : pos] == " "
            and self._cycle is not None
            and self._cycle.value == self.value
        ):
            self.value = self.value[: pos - 1] + self.value[pos:]
            self.cursor_position = pos - 1
        self._cycle = None
        super().insert_text_at_cursor(text)

    # ------------------------------------------------------------------ draft

    def action_leave(self) -> None:
        if self.value:
            self._cleared = self.value
            self.value = ""
            key = self.app.key("composer_restore")
            self.post_message(self.Hint(f"draft cleared ({key} brings it back)"))
            return
        self.post_message(LeaveComposer())

    def action_restore(self) -> None:
        if self._cleared is None:
            self.app.bell()
            return
        self.value, self._cleared = self._cleared, None
        self.cursor_position = len(self.value)

    def action_expand(self) -> None:
        self.post_message(self.Expand())
