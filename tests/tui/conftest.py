"""Fixtures for driving the app with Pilot (the app factory and the clock are in tests/helpers)."""

from __future__ import annotations

import pytest

from tests.helpers.clipboard import FakeClipboard


@pytest.fixture
def clipboard() -> FakeClipboard:
    """A fresh fake system clipboard: pass it to ``make_app`` and read its ``copies``."""
    return FakeClipboard()
