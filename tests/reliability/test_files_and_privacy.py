"""Files and privacy: the data directory is 0700 and sessions 0600 whatever the umask; no user
text reaches a shell or another program; the app never opens a network connection."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyperclip
import pytest

from chair_tui import cli
from chair_tui.meeting import store
from chair_tui.meeting.meetingfile import demo_path, load_demo
from chair_tui.meeting.session import Session
from chair_tui.tui.config import Config, save_theme
from tests.conftest import UserDirs
from tests.helpers.app import make_app, session_of
from tests.helpers.clipboard import FakeClipboard
from tests.helpers.walk import check_walked, walk_meeting
from tests.reliability import knobs
from tests.reliability.conftest import Escapes
from tests.reliability.corpus import LOG

UMASKS = [0o000, 0o022, 0o077]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize("mask", UMASKS, ids=oct)
def test_the_data_directory_is_0700(
    mask: int, tmp_path: Path, user_dirs: UserDirs, monkeypatch: pytest.MonkeyPatch
) -> None:
    with umask(mask):
        assert mode(store.data_dir(tmp_path / "a" / "chair-tui")) == 0o700  # --data-dir
        assert mode(store.data_dir()) == 0o700  # $CHAIR_TUI_DATA_DIR
        loose = tmp_path / "loose"
        loose.mkdir(mode=0o755)
        loose.chmod(0o755)
        # an existing one is used as it is: chair-tui never changes a directory it did not make
        assert mode(store.data_dir(loose)) == 0o755
        monkeypatch.delenv(store.ENV_DATA_DIR)
        xdg = store.data_dir()  # $XDG_DATA_HOME/chair-tui
        assert xdg.is_relative_to(user_dirs.data_home) and mode(xdg) == 0o700
        assert mode(store.sessions_dir(xdg)) == 0o700


@pytest.mark.parametrize("mask", UMASKS, ids=oct)
def test_every_session_file_is_0600(
    mask: int, tmp_path: Path, user_dirs: UserDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    with umask(mask):
        base = store.data_dir()
        s = Session.create(load_demo(), base, sync=False)
        assert s.path is not None
        s.open_step()
        assert mode(s.path) == 0o600, "new session"
        s.compact()
        assert mode(s.path) == 0o600, "compacted"
        s.close()
        with s.path.open("ab") as fh:
            fh.write(b'{"c":1,"r":')
        Session.load(s.path, sync=False).close()
        assert mode(s.path) == 0o600, "repaired after a torn tail"
        aside = store.move_aside(s.path, "test")
        assert mode(aside) == 0o600, "moved aside"

        log = tmp_path / "meeting.log.txt"
        log.write_bytes(LOG)
        assert cli.main(["import-log", str(log)]) == 0
        imported = Path(capsys.readouterr().out.strip())
        assert imported.parent == base / "sessions" and mode(imported) == 0o600
        assert cli.main(["import-log", str(log), "-o", str(tmp_path / "out.jsonl")]) == 0
        assert mode(tmp_path / "out.jsonl") == 0o600

        config = Config(path=user_dirs.config)
        save_theme(config, "ansi-dark")
        assert mode(user_dirs.config) == 0o600, "config"
        for p in (base / "sessions").iterdir():
            if p.suffix == ".jsonl":
                assert mode(p) == 0o600, p


def test_the_note_beside_a_moved_session_is_0600(tmp_path: Path) -> None:
    """Regression: the '.why' note was written with the default mode (0644, or 0666)."""
    with umask(0o022):
        path = tmp_path / "s.jsonl"
        store.create_new(path)
        aside = store.move_aside(path, "damaged session (ValueError: 'private words')")
    assert mode(aside.with_name(aside.name + ".why")) == 0o600


def test_the_command_line_spawns_nothing_and_connects_nowhere(
    tmp_path: Path, sealed: Escapes, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "meeting.log.txt"
    log.write_bytes(LOG + b"17:11:00 <cmurf> #agree we are done\n")
    session = tmp_path / "s.jsonl"
    for args in (
        ["render", str(demo_path())],
        ["render", str(demo_path()), "--chunks", "--profile", "fedora-matrix"],
        ["check", str(log), "--fix"],
        ["check", str(log), "--format", "json"],
        ["import-log", str(log), "-o", str(session)],
        ["export", str(session)],
        ["export", str(session), "--format", "json"],
        ["profiles"],
        ["keys"],
    ):
        assert cli.main(args) in (0, 1), args
    capsys.readouterr()
    assert sealed.attempts == []


@pytest.mark.slow
async def test_a_whole_meeting_spawns_nothing_and_connects_nowhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sealed: Escapes, user_dirs: UserDirs
) -> None:
    """A whole meeting, saved with a real fsync per change, in the poorest terminal chair-tui
    supports (NO_COLOR=1, TERM=dumb, no COLORTERM, the ansi-dark theme): it runs to the end,
    starts no program, opens no connection, gives each text to the injected clipboard and to
    the terminal (OSC 52) only, and writes no file but its session, private.

    One walk checks both the privacy rules and the limited terminal: each walk costs seconds,
    and neither condition changes what the other checks."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("COLORTERM", raising=False)
    clipboard = FakeClipboard()
    app = make_app(tmp_path / "data", clipboard, config=Config(theme="ansi-dark"), sync=True)
    assert app.no_color
    osc52: list[str] = []
    real_copy = app.copy_to_clipboard

    def copy_to_clipboard(text: str) -> None:
        osc52.append(text)
        real_copy(text)

    monkeypatch.setattr(app, "copy_to_clipboard", copy_to_clipboard)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "ansi-dark"
        await walk_meeting(pilot)
        check_walked(app, clipboard)
    assert sealed.attempts == []
    # the text went to the injected clipboard and to the terminal (OSC 52), nowhere else
    assert osc52 == clipboard.copies
    # and the only file written is the session, private
    session = session_of(app)
    assert session.path is not None
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    # the session, and the group's action ledger (filled when the end line was copied) with
    # its lock: nothing else, each private
    ledger = session.path.parent.parent / "ledger" / "workstation.json"
    assert written == sorted([session.path, ledger, ledger.with_name(ledger.name + ".lock")])
    for path in written:
        assert mode(path) == 0o600 and mode(path.parent) == 0o700
    assert not user_dirs.config.exists()
    knobs.note("limited terminal", color_system=str(app.console.color_system))


async def test_without_an_injected_clipboard_only_pyperclip_gets_the_text(
    tmp_path: Path, sealed: Escapes, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = FakeClipboard()
    monkeypatch.setattr(pyperclip, "copy", given)
    # the copy is read back to confirm it (docs/clipboard.md): from the same clipboard
    monkeypatch.setattr(pyperclip, "paste", lambda: given.copies[-1] if given.copies else "")
    app = make_app(tmp_path, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "c", "y")
        await pilot.pause()
        session = session_of(app)
        copied = [ln.text for ln in session.lines if ln.state == "copied"]
    assert "\n".join(given.copies).split("\n") == copied
    assert sealed.attempts == []


def test_changing_the_theme_keeps_the_rest_of_the_config(tmp_path: Path) -> None:
    from chair_tui.tui import commands
    from chair_tui.tui.config import load_config

    path = tmp_path / "config.toml"
    path.write_text(
        '# my settings\ntheme = "textual-dark"  # easier on the eyes\n\n'
        '[keymap]\n# F5 as in my editor\ncopy_chunk = "c,f5"\n',
        encoding="utf-8",
    )
    config = load_config(path, known_ids=commands.all_binding_ids())
    save_theme(config, "ansi-dark")
    assert load_config(path, known_ids=commands.all_binding_ids()).theme == "ansi-dark"
    text = path.read_text(encoding="utf-8")
    assert "# my settings" in text and "# F5 as in my editor" in text, text
