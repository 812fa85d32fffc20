"""The Textual application: owns the session, the config and the screens."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from textual import on
from textual.content import Content
from textual.screen import Screen
from textual.worker import WorkerFailed

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.ledger import open_items
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import NewerFormatError, Session, open_for_window
from chair_tui.meeting.session.resume import SessionInfo, info_of
from chair_tui.meeting.store import move_aside
from chair_tui.tui import commands
from chair_tui.tui.base import ChairBase
from chair_tui.tui.config import Config, save_theme
from chair_tui.tui.messages import ResumeMeeting, StartMeeting
from chair_tui.tui.plain import notify, shown
from chair_tui.tui.screens import Confirm, HelpScreen, MeetingScreen, StartScreen


class ChairApp(ChairBase):
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
        unfinished: Sequence[Path | SessionInfo] = (),
        resume_offer: Sequence[SessionInfo] = (),
        clock: Callable[[], float] = time.time,
        system_clipboard: Callable[[str], None] | None = None,
        sync: bool = True,
    ) -> None:
        super().__init__(config=config, clock=clock, system_clipboard=system_clipboard)
        self.session = session
        self._plan = plan
        self._profile = profile
        self.data_dir = self._base = data_dir
        self.unfinished = [u if isinstance(u, SessionInfo) else info_of(u) for u in unfinished]
        # unfinished sessions of the meeting file being opened: ask "resume or start new"
        self.resume_offer = list(resume_offer)
        self._sync = sync
        self._config_ready = False
        self._quit_asked = False
        # The first unexpected exception: the app exits with ExitCode.CRASH and the launcher
        # writes the crash report (no traceback, and no locals, on the terminal).
        self.crash: BaseException | None = None

    # ------------------------------------------------------------------ a crash is a crash

    def _handle_exception(self, error: Exception) -> None:
        if self.crash is None:
            # a failed worker's own exception holds the traceback the report needs
            self.crash = error.error if isinstance(error, WorkerFailed) else error
        super()._handle_exception(error)
        self._return_code = ExitCode.CRASH

    def _fatal_error(self) -> None:
        # Textual would print a Rich traceback with the locals of every frame: session content
        # on the terminal. The crash report holds the traceback, without locals.
        self.bell()
        self._close_messages_no_wait()

    def panic(self, *renderables: RenderableType) -> None:
        # An exception with a __rich__ method is shown by its own rendering instead of a
        # traceback, which can quote the meeting as well: after a crash, nothing is shown.
        if self.crash is not None:
            self._close_messages_no_wait()
            return
        super().panic(*renderables)

    def on_mount(self) -> None:
        # For tests only (docs/walkthrough.md): crash on purpose once the first frame is drawn.
        if os.environ.get("CHAIR_TUI_TEST_CRASH") == "1":
            self.call_after_refresh(self._test_crash)

    def _test_crash(self) -> None:
        raise RuntimeError("CHAIR_TUI_TEST_CRASH: a crash on purpose, for tests")

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
        if self.session is None and self._plan is not None and self.resume_offer:
            return StartScreen(self.resume_offer, pending_plan=self._plan_for(self._plan))
        if self.session is None and self._plan is not None:
            self.session = Session.create(
                self._plan_for(self._plan),
                self._base,
                profile=self._profile,
                clock=self.clock,
                sync=self._sync,
            )
        if self.session is not None:
            self._title_for(self.session)
            return MeetingScreen(self.session)
        return StartScreen(self.unfinished)

    def _plan_for(self, plan: MeetingPlan) -> MeetingPlan:
        """``plan`` as a new session keeps it: the "previous action items" step is on when the
        meeting file says so, or (unsaid) when the group's ledger has open actions."""
        if plan.previous_actions is not None or not plan.name:
            return plan
        try:
            has_open = bool(open_items(plan.name, base=self._base))
        except (InputError, OSError) as exc:
            notify(self, f"Could not read the action ledger: {exc}", severity="warning")
            has_open = False
        return replace(plan, previous_actions=has_open)

    def watch_theme(self, theme: str) -> None:
        if self.config.path is not None and theme != self.config.theme and self._config_ready:
            try:
                save_theme(self.config, theme)
            except OSError as exc:
                notify(self, f"Could not save the theme: {exc}", severity="warning")

    def _show_meeting(self, session: Session) -> None:
        self._title_for(session)
        # Over the start screen (the default screen, which cannot be switched away).
        if len(self.screen_stack) > 1:
            self.switch_screen(MeetingScreen(session))
        else:
            self.push_screen(MeetingScreen(session))

    def _title_for(self, session: Session) -> None:
        self.session = session
        self.sub_title = shown(f"{session.plan.title} [{session.profile.name}]")

    @on(StartMeeting)
    def _start_meeting(self, message: StartMeeting) -> None:
        self.start_meeting(message.plan)

    @on(ResumeMeeting)
    def _resume_meeting(self, message: ResumeMeeting) -> None:
        self.open_session_file(message.path)

    def start_meeting(self, plan: MeetingPlan) -> None:
        session = Session.create(
            self._plan_for(plan),
            self._base,
            profile=self._profile,
            clock=self.clock,
            sync=self._sync,
        )
        self._show_meeting(session)

    def open_session_file(self, path: Path) -> None:
        try:
            session = open_for_window(path, clock=self.clock, sync=self._sync)
        except NewerFormatError as exc:  # not damaged: left as it is
            notify(self, str(exc), severity="error", timeout=15)
            return
        except InputError as exc:
            aside = move_aside(path, str(exc))
            notify(
                self,
                f"{exc}. The file was moved aside to {aside.name}; nothing was deleted.",
                severity="error",
                timeout=15,
            )
            return
        self._show_meeting(session)

    async def action_quit(self) -> None:
        """Quit. With lines not copied yet, ask first: yes, or the quit key again, quits."""
        s = self.session
        pending = 0 if s is None else len(s.pending())
        # started, but the bot was never told to end: it is still recording the channel
        unended = s is not None and s.started and not s.read_only and not _end_copied(s)
        if not (pending or unended) or self._quit_asked:
            self.exit()
            return

        def answered(quit_now: bool | None) -> None:
            self._quit_asked = False
            if quit_now:
                self.exit()

        self._quit_asked = True
        parts = ["Quit anyway?"]
        if pending:
            parts.append(f"{pending} line(s) not copied yet.")
        if unended and s is not None:
            parts.append(
                f"{s.profile.command(Kind.END)} was never copied: the bot is still recording."
            )
        parts.append("Everything stays saved: chair-tui --resume shows it again.")
        self.push_screen(Confirm(Content(" ".join(parts))), answered)

    def action_show_help(self) -> None:
        self.push_screen(HelpScreen())

    def on_unmount(self) -> None:
        if self.session is None:
            return
        try:
            self.session.close()
        except Exception as exc:  # while quitting: still a crash, reported by the launcher
            if self.crash is None:
                self.crash = exc
            self._return_code = ExitCode.CRASH


def _end_copied(session: Session) -> bool:
    """Whether the end line of ``session`` reached the clipboard."""
    rec = session.end_entry()
    return rec is not None and all(session.line(i).state != "pending" for i in rec.line_ids)
