"""Fixtures for driving the app with Pilot: a frozen clock and a fake system clipboard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.model import MeetingPlan
from chair_tui.tui.app import ChairApp

FROZEN = 1_782_900_000.0  # a fixed moment: the meeting clock never moves in tests


class FakeClipboard:
    def __init__(self) -> None:
        self.copies: list[str] = []

    def __call__(self, text: str) -> None:
        self.copies.append(text)


@pytest.fixture
def clipboard() -> FakeClipboard:
    return FakeClipboard()


@pytest.fixture
def make_app(tmp_path: Path, clipboard: FakeClipboard) -> Callable[..., ChairApp]:
    def make(profile: str = "meetbot", plan: MeetingPlan | None = None) -> ChairApp:
        plan = plan or load_demo()
        return ChairApp(
            plan=replace(plan, profile=profile),
            data_dir=tmp_path / "data",
            clock=lambda: FROZEN,
            system_clipboard=clipboard,
            sync=False,
        )

    return make
