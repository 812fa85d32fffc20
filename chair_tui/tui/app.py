"""The Textual application: owns the session, the config and the clipboard."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.session import Session
from chair_tui.meeting.store import move_aside
from chair_tui.tui import commands
from chair_tui.tui.clipboard import CopyResult, copy_text
from chair_tui.tui.config import Config, save_theme


class ChairApp(App[int]):
    """chair-tui: walk a meeting and copy correct MeetBot lines."""

    TITLE = "chair-tui"
    # A style sheet per screen, all read once as the app starts: a screen's own CSS_PATH would
    # make Textual parse every style sheet again when that screen is first shown.
    CSS_PATH = ["app.tcss", "meeting.tcss", "start.tcss"]
    BINDINGS = [commands.BY_ID["quit"].binding(), commands.BY_ID["help"].binding()]

    def __init__(
        self,
        *,
        session: Session | None = None,
        plan: MeetingPlan | None = None,
        profile: str | None = None,
        data_dir: Path,
        config: Config | None = None,
        unfinished: Sequence[Path] = (),
        clock: Callable[[], float] = time.time,
        system_clipboard: Callable[[str], None] | None = None,
        sync: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self._plan = plan
        self._profile = profile
        self.data_dir = data_dir
        self.config = config or Config()
        self.unfinished = list(unfinished)
        self.clock = clock
        self._system_clipboard = system_clipboard
        self._sync = sync
        self.keymap_overrides = dict(self.config.keymap)
        self.last_copy: CopyResult | None = None
        self._config_ready = False
        self._quit_asked = False

    def get_default_screen(self) -> Screen[Any]:
        """The first screen: the meeting, or the start screen when there is none yet.

        Called once, when the app composes, so the meeting is the first screen drawn (no empty
        screen before it). The screens have no style sheets of their own (see ``CSS_PATH``):
        Textual would parse every style sheet again for a first screen that had one.
        """
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        if self.config.theme and self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self._config_ready = True
        if self.session is None and self._plan is not None:
            self.session = Session.create(
                self._plan, self.data_dir, profile=self._profile, clock=self.clock, sync=self._sync
            )
        if self.session is not None:
            from chair_tui.tui.screens import MeetingScreen

            self._title_for(self.session)
            return MeetingScreen(self.session)
        from chair_tui.tui.screens import StartScreen

        return StartScreen(self.unfinished)

    def watch_theme(self, theme: str) -> None:
        if self.config.path is not None and theme != self.config.theme and self._config_ready:
            try:
                save_theme(self.config, theme)
            except OSError as exc:
                self.notify(f"Could not save the theme: {exc}", severity="warning")

    def _show_meeting(self, session: Session) -> None:
        from chair_tui.tui.screens import MeetingScreen

        self._title_for(session)
        # Over the start screen (the default screen, which cannot be switched away).
        if len(self.screen_stack) > 1:
            self.switch_screen(MeetingScreen(session))
        else:
            self.push_screen(MeetingScreen(session))

    def _title_for(self, session: Session) -> None:
        self.session = session
        self.sub_title = f"{session.plan.title} [{session.profile.name}]"

    # called by the start screen
    def start_meeting(self, plan: MeetingPlan) -> None:
        session = Session.create(
            plan, self.data_dir, profile=self._profile, clock=self.clock, sync=self._sync
        )
        self._show_meeting(session)

    def open_session_file(self, path: Path) -> None:
        try:
            session = Session.load(path, clock=self.clock, sync=self._sync)
        except InputError as exc:
            aside = move_aside(path, str(exc))
            self.notify(
                f"{exc}. The file was moved aside to {aside.name}; nothing was deleted.",
                severity="error",
                timeout=15,
            )
            return
        self._show_meeting(session)

    # ------------------------------------------------------------------ the one clipboard

    def _osc52(self, text: str) -> bool:
        self.copy_to_clipboard(text)
        return self._driver is not None

    def copy_lines(self, lines: Iterable[str]) -> CopyResult:
        """Copy lines (joined by newlines) to the clipboard by every route there is."""
        text = "\n".join(lines)
        if self._system_clipboard is not None:
            result = copy_text(text, self._osc52, self._system_clipboard)
        else:
            result = copy_text(text, self._osc52)
        self.last_copy = result
        return result

    async def action_quit(self) -> None:
        """Quit. With lines not copied yet, ask first: ``y`` or ctrl+q again quits."""
        pending = 0 if self.session is None else len(self.session.pending())
        if not pending or self._quit_asked:
            self.exit()
            return
        from chair_tui.tui.screens import Confirm

        def answered(quit_now: bool | None) -> None:
            self._quit_asked = False
            if quit_now:
                self.exit()

        self._quit_asked = True
        self.push_screen(
            Confirm(
                f"{pending} line(s) not copied yet. Quit anyway? They stay saved: "
                "chair-tui --resume shows them again."
            ),
            answered,
        )

    def action_show_help(self) -> None:
        from chair_tui.tui.screens import HelpScreen

        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        from chair_tui.tui.screens import MeetingScreen

        if not isinstance(screen, MeetingScreen):
            return
        for c in commands.COMMANDS:
            if c.id in ("quit", "help"):
                continue
            yield SystemCommand(
                f"{c.label}  ({self.keymap_overrides.get(c.id, c.key)})",
                c.help,
                _runner(screen, c.action),
            )

    def on_unmount(self) -> None:
        if self.session is not None:
            self.session.close()


def _runner(screen: Screen[Any], action: str) -> Callable[[], object]:
    async def run() -> None:
        await screen.run_action(action)

    return run
