"""What the screens need of the app: the live keymap, the one clipboard and the clock.

The screens reach it through ``getters.app(ChairBase)``; :class:`~chair_tui.tui.app.ChairApp`
subclasses it and builds the screens, so no screen imports the module that imports it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from chair_tui.meeting.session import Session
from chair_tui.tui import commands
from chair_tui.tui.clipboard import SYSTEM_TIMEOUT, CopyResult, copy_text, pyperclip_copy
from chair_tui.tui.config import Config

PASTE_GAP = 0.03  # seconds: keys closer together than this were not typed by a person


class ChairBase(App[int]):
    """The app as its screens see it."""

    clipboard_timeout = SYSTEM_TIMEOUT  # seconds the system clipboard gets for each copy
    # Keys reaching the outbox closer together than this are a paste (see Outbox.on_key).
    # None: PASTE_GAP in a terminal, off when headless (Pilot presses keys faster than anyone
    # types; a test sets it to try bursts).
    paste_gap_setting: float | None = None

    @property
    def paste_gap(self) -> float:
        if self.paste_gap_setting is not None:
            return self.paste_gap_setting
        return 0.0 if self.is_headless else PASTE_GAP

    def __init__(
        self,
        *,
        config: Config | None = None,
        clock: Callable[[], float] = time.time,
        system_clipboard: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.session: Session | None = None
        # where sessions and the group's action ledger live (None: the default data directory)
        self.data_dir: Path | None = None
        self.config = config or Config()
        self.clock = clock
        self._system_clipboard = system_clipboard or pyperclip_copy
        self.keymap_overrides = dict(self.config.keymap)
        self.last_copy: CopyResult | None = None
        # Ids of the lines copied by OSC 52 only (no system clipboard confirmed them). The
        # session keeps a line copied or not, not the route: this window keeps the route for
        # the minutes view, so after a resume such lines show as copied.
        self.sent_only: set[int] = set()

    def note_route(self, ids: Iterable[int], result: CopyResult) -> None:
        """Remember how ``ids`` were copied: a line on the system clipboard is confirmed, even
        if it went by OSC 52 only before."""
        if result.system:
            self.sent_only.difference_update(ids)
        elif result.osc52:
            self.sent_only.update(ids)

    # ------------------------------------------------------------------ keys, as remapped

    def key_list(self, binding_id: str) -> list[str]:
        """The keys that run ``binding_id`` now, as the key bar shows them."""
        keys = self.keymap_overrides.get(binding_id) or commands.BY_ID[binding_id].key
        return [self.get_key_display(Binding(key, "")) for key in keys.split(",") if key]

    def key(self, binding_id: str) -> str:
        """The first key that runs ``binding_id`` now: for hints such as "press c to copy"."""
        return self.key_list(binding_id)[0]

    def keys(self, binding_id: str) -> str:
        """Every key that runs ``binding_id`` now, joined with " / "."""
        return " / ".join(self.key_list(binding_id))

    # ------------------------------------------------------------------ the one clipboard

    def _osc52(self, text: str) -> bool:
        self.copy_to_clipboard(text)
        return self._driver is not None

    async def copy_lines(self, lines: Iterable[str]) -> CopyResult:
        """Copy lines (joined by newlines) to the clipboard by every route there is."""
        result = await copy_text(
            self,
            "\n".join(lines),
            self._osc52,
            self._system_clipboard,
            timeout=self.clipboard_timeout,
        )
        self.last_copy = result
        return result
