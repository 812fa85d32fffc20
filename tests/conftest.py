"""Fixtures shared by every test directory.

The autouse fixture keeps tests away from the machine's own chair-tui config and data: every test
sees fresh, empty locations through the environment variables chair-tui reads.

Under pytest-xdist (``make test`` runs two workers a core, ``--dist loadgroup``) the tests
marked ``serial`` all run on one worker, one after another, and so do the ``integration``
tests (one real IRC network per worker is started, so one worker means one network).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path

import pytest

#: xdist group of each marker whose tests must share one worker.
_GROUPS = {"serial": "serial", "integration": "irc-network"}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def _drives_the_app(item: pytest.Item) -> bool:
    """A Pilot test (a coroutine driving the app) or a snapshot of it."""
    function = getattr(item, "function", None)
    fixtures = getattr(item, "fixturenames", ())
    return inspect.iscoroutinefunction(function) or "snap_compare" in fixtures


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _drives_the_app(item):
            item.add_marker(pytest.mark.app)
        for marker, group in _GROUPS.items():
            if item.get_closest_marker(marker) is not None:
                item.add_marker(pytest.mark.xdist_group(group))
                break


@dataclass(frozen=True, slots=True)
class UserDirs:
    """Where chair-tui keeps its files during one test (none of them exists yet but the XDG
    directories)."""

    data_dir: Path  # $CHAIR_TUI_DATA_DIR
    config: Path  # $CHAIR_TUI_CONFIG
    config_home: Path  # $XDG_CONFIG_HOME
    data_home: Path  # $XDG_DATA_HOME


@pytest.fixture(autouse=True)
def user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> UserDirs:
    """Point chair-tui's data and config (and XDG's) at a temporary directory."""
    root = tmp_path_factory.mktemp("user")
    dirs = UserDirs(
        data_dir=root / "chair-tui-data",
        config=root / "chair-tui-config.toml",
        config_home=root / "xdg-config",
        data_home=root / "xdg-data",
    )
    dirs.config_home.mkdir()
    dirs.data_home.mkdir()
    monkeypatch.setenv("CHAIR_TUI_DATA_DIR", str(dirs.data_dir))
    monkeypatch.setenv("CHAIR_TUI_CONFIG", str(dirs.config))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs.config_home))
    monkeypatch.setenv("XDG_DATA_HOME", str(dirs.data_home))
    return dirs
