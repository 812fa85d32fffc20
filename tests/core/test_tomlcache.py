"""The parse cache of meeting files: used only for the same text, never stale, never fatal."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from chair_tui.meeting import tomlcache
from chair_tui.meeting.meetingfile import demo_path, load_meeting

MEETING = 'title = "Weekly"\nchair = "alice"\n[[agenda]]\ntitle = "First"\n'


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(tomlcache.ENV_CACHE_DIR, str(folder))
    return folder


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_second_load_comes_from_the_cache(tmp_path: Path, cache: Path) -> None:
    meeting = write(tmp_path / "m.toml", MEETING)
    first = load_meeting(meeting)
    entry = Path(tomlcache.entry_path(meeting))
    assert entry.is_file()
    assert tomlcache.load(meeting, MEETING) is not None
    assert load_meeting(meeting) == first


def test_a_changed_file_is_parsed_again(tmp_path: Path, cache: Path) -> None:
    meeting = write(tmp_path / "m.toml", MEETING)
    load_meeting(meeting)
    write(meeting, MEETING.replace("First", "Second"))
    assert load_meeting(meeting).agenda[0].title == "Second"
    assert tomlcache.load(meeting, MEETING) is None  # the entry now holds the new text


def test_an_entry_is_used_only_for_its_own_text(tmp_path: Path, cache: Path) -> None:
    meeting = write(tmp_path / "m.toml", MEETING)
    # an entry that claims the file says something else must not win
    tomlcache.save(meeting, MEETING, {"title": "Forged"})
    assert load_meeting(meeting).title == "Forged"  # same text: the entry is trusted
    write(meeting, MEETING + "# a comment\n")
    assert load_meeting(meeting).title == "Weekly"


@pytest.mark.parametrize("garbage", [b"", b"\x00\x01junk", b"\xe3" * 40])
def test_a_damaged_entry_is_ignored(tmp_path: Path, cache: Path, garbage: bytes) -> None:
    meeting = write(tmp_path / "m.toml", MEETING)
    load_meeting(meeting)
    Path(tomlcache.entry_path(meeting)).write_bytes(garbage)
    assert load_meeting(meeting).title == "Weekly"
    assert tomlcache.load(meeting, MEETING) is not None  # and rewritten


def test_toml_dates_are_not_cached(tmp_path: Path, cache: Path) -> None:
    tomlcache.save(tmp_path / "d.toml", "x", {"when": __import__("datetime").date(2021, 6, 30)})
    assert not os.path.exists(tomlcache.entry_path(tmp_path / "d.toml"))


def test_an_unwritable_cache_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = write(tmp_path / "not-a-folder", "")
    monkeypatch.setenv(tomlcache.ENV_CACHE_DIR, str(blocker))
    meeting = write(tmp_path / "m.toml", MEETING)
    assert load_meeting(meeting).title == "Weekly"
    assert load_meeting(meeting).title == "Weekly"


def test_entries_are_private(tmp_path: Path, cache: Path) -> None:
    meeting = write(tmp_path / "m.toml", MEETING)
    load_meeting(meeting)
    entry = Path(tomlcache.entry_path(meeting))
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert not list(entry.parent.glob("*.tmp"))


def test_default_location_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(tomlcache.ENV_CACHE_DIR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert tomlcache.cache_dir() == str(tmp_path / "xdg" / "chair-tui")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    if sys.platform.startswith("linux"):
        assert tomlcache.cache_dir() == os.path.expanduser("~/.cache/chair-tui")


def test_render_of_an_unchanged_file_skips_tomllib(cache: Path) -> None:
    code = (
        "import sys, io\n"
        "from chair_tui.cli import main\n"
        "try:\n"
        f"    main(['render', {str(demo_path())!r}])\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print('TOMLLIB' if 'tomllib' in sys.modules else 'NO-TOMLLIB', file=sys.stderr)\n"
    )
    env = {**os.environ, tomlcache.ENV_CACHE_DIR: str(cache)}
    runs = [
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stderr.strip().endswith("TOMLLIB")
    assert runs[1].stderr.strip().endswith("NO-TOMLLIB")
