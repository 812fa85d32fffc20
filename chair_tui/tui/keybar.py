"""The key bar: one line at the bottom of a screen with the keys shown in the footer.

Textual's ``Footer`` makes a widget per key and rebuilds them all whenever the bindings
change (each focus change), which made it the most expensive part of the first frame. The
key bar is a single widget that paints the same information and repaints when the bindings
change. Keys come from the screen's active bindings (so ``[keymap]`` remaps show), the help
and palette keys sit on the right, and a click on a key presses it.

On a narrow terminal the least important keys go first: the highest ``rank`` of the key table
(copying and each step's main key have the lowest), the later of two equal ones first; the keys
that stay keep their order.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from chair_tui.tui import commands

# Shown on the right, with the command palette's key, after a gap: the last to be cut on a
# narrow terminal.
RIGHT_ACTIONS = ("show_help",)
# The rank of a key the key table does not list (a widget's own), as the table's default.
DEFAULT_RANK = commands.Command("", "", "", "", "").rank


class Shown(NamedTuple):
    key: str
    display: str
    label: str
    enabled: bool
    rank: int = 0


def rank_of(binding: Binding) -> int:
    """How much a newcomer needs the binding's key (lower: more), from the key table."""
    command = commands.BY_ID.get(binding.id or "")
    return command.rank if command is not None else DEFAULT_RANK


def keep(widths: list[int], ranks: list[int], room: int) -> list[int]:
    """The indexes (in order) of the items that fit in ``room`` cells, dropping the highest
    rank first (the later of equal ranks first)."""
    kept = set(range(len(widths)))
    total = sum(widths)
    for index in sorted(kept, key=lambda i: (ranks[i], i), reverse=True):
        if total <= room:
            break
        kept.discard(index)
        total -= widths[index]
    return sorted(kept)


class KeyBar(Widget, can_focus=False):
    """One line listing the screen's shown key bindings; click a key to press it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--label", "keybar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--label {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keybar--disabled {
            text-style: dim;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._left: list[Shown] = []
        self._right: list[Shown] = []
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._collect(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self._collect(screen)

    def _collect(self, screen: Screen[object]) -> None:
        left: list[Shown] = []
        right: list[Shown] = []
        seen: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else ""
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if binding.action in seen or not (binding.show or key == palette):
                continue
            seen.add(binding.action)
            item = Shown(
                key,
                self.app.get_key_display(binding),
                binding.description,
                active.enabled,
                rank_of(binding),
            )
            (right if binding.action in RIGHT_ACTIONS or key == palette else left).append(item)
        if (left, right) != (self._left, self._right):
            self._left, self._right = left, right
            self.refresh()

    def render(self) -> Text:
        styles = (
            self.get_component_rich_style("keybar--key"),
            self.get_component_rich_style("keybar--label"),
            self.get_component_rich_style("keybar--disabled"),
        )
        width = self.size.width
        right = [self._item(item, *styles) for item in self._right]
        right_len = sum(part.cell_len for part, _ in right)
        text = Text(no_wrap=True, end="")
        spans: list[tuple[int, int, str]] = []
        # The keys on the left that fit beside the right-hand ones, the least needed dropped
        # first, in order.
        left = [self._item(item, *styles) for item in self._left]
        ranks = [item.rank for item in self._left]
        for index in keep([part.cell_len for part, _ in left], ranks, width - right_len):
            part, key = left[index]
            spans.append((text.cell_len, text.cell_len + part.cell_len, key))
            text.append_text(part)
        text.append(" " * max(0, width - text.cell_len - right_len))
        for part, key in right:
            spans.append((text.cell_len, text.cell_len + part.cell_len, key))
            text.append_text(part)
        self._spans = spans
        return text

    @staticmethod
    def _item(item: Shown, key_style: Style, label_style: Style, dim: Style) -> tuple[Text, str]:
        extra = Style() if item.enabled else dim
        text = Text.assemble(
            (f" {item.display}", key_style + extra),
            (f" {item.label} ", label_style + extra),
            no_wrap=True,
            end="",
        )
        return text, item.key

    def key_at(self, x: int) -> str | None:
        """The key painted at column ``x``, if any."""
        for begin, end, key in self._spans:
            if begin <= x < end:
                return key
        return None

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is not None:
            event.stop()
            self.app.simulate_key(key)
