"""Building the app for Pilot tests: the demo meeting, a frozen clock, an injected clipboard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.session import Session
from chair_tui.tui.app import ChairApp
from chair_tui.tui.config import Config
from tests.helpers.clock import frozen_clock


def make_app(
    data_dir: Path,
    clipboard: Callable[[str], None] | None = None,
    *,
    profile: str | None = None,
    plan: MeetingPlan | None = None,
    config: Config | None = None,
    sync: bool = False,
) -> ChairApp:
    """A new meeting of ``plan`` (the demo meeting, a ``meetbot`` one, by default) under
    ``profile`` (the plan's own by default), saved in ``data_dir``, its clock frozen;
    ``clipboard=None`` leaves the real system clipboard.

    Without a ``config``, copy on record is off: most tests record several entries and then
    copy, as a chair does when lines are already waiting; the tests of copy on record pass a
    ``Config()`` of their own."""
    plan = plan or load_demo()
    return ChairApp(
        plan=replace(plan, profile=profile or plan.profile),
        data_dir=data_dir,
        config=config if config is not None else Config(copy_on_record=False),
        clock=frozen_clock,
        system_clipboard=clipboard,
        sync=sync,
    )


def session_of(app: ChairApp) -> Session:
    """The app's session (which every meeting screen has)."""
    assert app.session is not None
    return app.session
