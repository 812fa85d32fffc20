"""Hostile files on the command line: what is not a regular file, links, caps, stdin, planted
names, modes, data dirs that cannot be used and disks that fail.

Every command answers a path it cannot use with one line on stderr and exit 2, at once: a
FIFO is never waited on, ``/dev/zero`` never read without end.  Outputs are never written
through a link, and a failure part way leaves no file that looks complete.  Every test runs
under an alarm, so a hang fails instead of blocking the suite.

Permission-denied cannot be made with ``chmod`` when the tests run as root (as in CI): those
failures are simulated by making ``os`` calls raise, like full and read-only disks.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from chair_tui.cli import main
from chair_tui.meeting import store
from chair_tui.meeting.checklog import MAX_FIXED_NAMES, fixed_path
from chair_tui.meeting.errors import MAX_INPUT_BYTES, InputError, read_bytes
from chair_tui.meeting.meetingfile import demo_path
from tests.conftest import UserDirs
from tests.helpers.cli import deadline, run

ROOT = Path(__file__).resolve().parents[2]
LOG = (
    "16:59:31 <chair> #startmeeting Weekly\n"
    "16:59:40 <chair> #topic Rollcall\n"
    "16:59:45 <alice> hi\n"
    "17:01:14 <chair> #endmeeting\n"
)
LINES = "#topic Rollcall\n#info alice is here\n"
DEADLINE_S = 20


@pytest.fixture(autouse=True)
def _deadline() -> Iterator[None]:
    """Fail a test that waits or loops instead of letting it block the suite."""
    with deadline(DEADLINE_S):
        yield


def assert_bad_input(code: int, out: str, err: str, *words: str) -> None:
    assert code == 2, err
    assert out == ""
    assert err.startswith("chair-tui: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err


def session_of(tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str = LOG) -> Path:
    src = tmp_path / "in.log.txt"
    src.write_text(log, encoding="utf-8")
    target = tmp_path / "s.jsonl"
    assert main(["import-log", str(src), "-o", str(target)]) == 0
    capsys.readouterr()
    return target


# ---------------------------------------------------------------------------------------------
# what is not a regular file, for every input of every command


Made = list[socket.socket]  # what a maker opened, closed after the test


def _fifo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: Made) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def _directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: Made) -> Path:
    path = tmp_path / "dir.toml"
    path.mkdir()
    return path


def _device(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: Made) -> Path:
    return Path(os.devnull)


def _socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: Made) -> Path:
    monkeypatch.chdir(tmp_path)  # a socket's address is short: bind the relative name
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    made.append(sock)
    sock.bind("sock")
    return tmp_path / "sock"


KINDS: dict[str, Callable[[Path, pytest.MonkeyPatch, Made], Path]] = {
    "fifo": _fifo,
    "directory": _directory,
    "device": _device,
    "socket": _socket,
}
COMMAND_ARGS: dict[str, Callable[[str], list[str]]] = {
    "render": lambda p: ["render", p],
    "check": lambda p: ["check", p],
    "import-log": lambda p: ["import-log", p, "-o", p + ".out.jsonl"],
    "export": lambda p: ["export", p],
    "tui": lambda p: [p],  # the meeting file given to chair-tui itself, refused before the TUI
}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("command", list(COMMAND_ARGS))
def test_a_path_that_is_not_a_regular_file_is_refused_at_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
    kind: str,
) -> None:
    made: Made = []
    try:
        path = KINDS[kind](tmp_path, monkeypatch, made)
        code, out, err = run(capsys, *COMMAND_ARGS[command](str(path)))
    finally:
        for sock in made:
            sock.close()
    assert_bad_input(code, out, err, str(path))
    assert "not a" in err
    assert not Path(str(path) + ".out.jsonl").exists()


@pytest.mark.parametrize("command", ["render", "check", "import-log", "export"])
def test_a_fifo_does_not_hang_a_real_process(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    proc = subprocess.run(
        [sys.executable, "-m", "chair_tui", *COMMAND_ARGS[command](str(fifo))],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )
    assert_bad_input(proc.returncode, proc.stdout, proc.stderr, "FIFO")


def test_export_of_a_link_to_dev_zero_stops_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "s.jsonl"
    link.symlink_to("/dev/zero")
    assert_bad_input(*run(capsys, "export", str(link)), "character device")


def test_export_of_a_session_over_the_cap_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.jsonl"
    with big.open("wb") as fh:
        fh.truncate(store.MAX_SESSION_BYTES + 1)  # sparse: nothing is written or read
    assert_bad_input(*run(capsys, "export", str(big)), "too large (over 64 MiB)")


def test_check_of_a_file_over_the_cap_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_INPUT_BYTES + 1)
    assert_bad_input(*run(capsys, "check", str(big)), "too large (over 8 MiB)")


def test_inputs_follow_links_to_regular_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text(LINES, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(lines)
    meeting = tmp_path / "m.toml"
    meeting.symlink_to(demo_path())
    assert run(capsys, "check", str(link))[0] == 0
    code, out, _ = run(capsys, "render", str(meeting))
    assert code == 0 and out.startswith("#startmeeting")


def test_a_link_loop_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert_bad_input(*run(capsys, "check", str(loop)), "symbolic links")


# ---------------------------------------------------------------------------------------------
# "-": standard input, under the same cap


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_check_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b"#topic Rollcall\n#agreed\n")
    code, out, _ = run(capsys, "check", "-")
    assert code == 1 and "-:2:" in out


def test_standard_input_over_the_cap_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b"#info x\n" * (MAX_INPUT_BYTES // 8 + 1))
    assert_bad_input(*run(capsys, "check", "-"), "<stdin>: too large")


def test_check_fix_of_standard_input_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b"#topci typo\n")
    assert_bad_input(*run(capsys, "check", "--fix", "-"), "--fix")


def test_import_log_and_export_read_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "s.jsonl"
    _stdin(monkeypatch, LOG.encode())
    assert run(capsys, "import-log", "-", "-o", str(target))[0] == 0
    _stdin(monkeypatch, target.read_bytes())
    code, out, _ = run(capsys, "export", "-")
    assert code == 0 and out.splitlines()[-1] == "#endmeeting"


def test_render_reads_standard_input_in_a_real_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "chair_tui", "render", "-"],
        input=demo_path().read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("#startmeeting")


# ---------------------------------------------------------------------------------------------
# outputs: never through a link, never over a file, private, whole or nothing


def test_check_fix_with_a_dangling_link_at_the_fixed_name_does_not_loop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("#topic: Budget\n\n #info present: neal\n", encoding="utf-8")
    planted = tmp_path / "notes.fixed.txt"
    victim = tmp_path / "victim"
    planted.symlink_to(victim)
    code, out, _ = run(capsys, "check", "--fix", str(notes))
    assert code == 1
    assert f"wrote the corrected file to {tmp_path / 'notes.fixed-2.txt'}" in out
    assert not victim.exists() and planted.is_symlink()


def test_check_fix_never_writes_through_a_link_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("#topic: Budget\n\n #info present: neal\n", encoding="utf-8")
    victim = tmp_path / "victim"
    victim.write_text("keep me\n")
    (tmp_path / "notes.fixed.txt").symlink_to(victim)
    assert run(capsys, "check", "--fix", str(notes))[0] == 1
    assert victim.read_text() == "keep me\n"
    assert (tmp_path / "notes.fixed-2.txt").is_file()


def test_fixed_names_are_bounded(tmp_path: Path) -> None:
    notes = tmp_path / "n"
    (tmp_path / "n.fixed").symlink_to(tmp_path / "nowhere")
    for n in range(2, MAX_FIXED_NAMES + 1):
        (tmp_path / f"n.fixed-{n}").symlink_to(tmp_path / "nowhere")
    with pytest.raises(InputError, match="names are taken"):
        fixed_path(notes)


@pytest.mark.parametrize("source_mode", [0o600, 0o640, 0o644, 0o400, 0o755])
def test_a_fixed_copy_has_at_most_the_originals_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source_mode: int
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("#topic: Budget\n\n #info present: neal\n", encoding="utf-8")
    notes.chmod(source_mode)
    old = os.umask(0)
    try:
        assert run(capsys, "check", "--fix", str(notes))[0] == 1
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "notes.fixed.txt").stat().st_mode)
    assert mode == source_mode & 0o666


def test_import_log_refuses_a_planted_link_at_its_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "in.log.txt"
    log.write_text(LOG, encoding="utf-8")
    out = tmp_path / "s.jsonl"
    victim = tmp_path / "victim"
    out.symlink_to(victim)
    assert_bad_input(*run(capsys, "import-log", str(log), "-o", str(out)), "already exists")
    assert not victim.exists() and out.is_symlink()


def test_planted_links_at_the_old_predictable_temp_names_are_never_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "in.log.txt"
    log.write_text(LOG, encoding="utf-8")
    out = tmp_path / "s.jsonl"
    victim = tmp_path / "victim"
    victim.write_text("keep me\n")
    for name in (f".{out.name}.{os.getpid()}.tmp", f"..{out.name}.{os.getpid()}.tmp.tmp"):
        (tmp_path / name).symlink_to(victim)
    assert run(capsys, "import-log", str(log), "-o", str(out))[0] == 0
    assert victim.read_text() == "keep me\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_atomic_write_replaces_a_link_and_leaves_its_target(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep me\n")
    path = tmp_path / "config.toml"
    path.symlink_to(victim)
    store.atomic_write(path, b"new\n")
    assert victim.read_text() == "keep me\n"
    assert not path.is_symlink() and path.read_bytes() == b"new\n"


def test_temp_names_are_unpredictable_and_recognised(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    names = {store.temp_name(path).name for _ in range(50)}
    assert len(names) == 50
    assert all(n.startswith(f".s.jsonl.{os.getpid()}.") and n.endswith(".tmp") for n in names)


def test_stale_temps_of_both_spellings_are_removed_when_their_process_is_gone(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.jsonl"
    path.write_bytes(b"")
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
        timeout=30,
    )
    dead = int(gone.stdout)
    old = tmp_path / f".s.jsonl.{dead}.tmp"
    new = tmp_path / f".s.jsonl.{dead}.0123456789abcdef.tmp"
    mine = store.temp_name(path)
    other = tmp_path / f".other.jsonl.{dead}.0123456789abcdef.tmp"
    odd = tmp_path / f".s.jsonl.{dead}.not-hex.tmp"
    for p in (old, new, mine, other, odd):
        p.write_bytes(b"x")
    assert sorted(store.remove_stale_temps(path)) == sorted([old, new])
    assert mine.exists() and other.exists() and odd.exists()


# ---------------------------------------------------------------------------------------------
# the data dir and the sessions folder


def test_an_existing_shared_directory_is_refused_and_never_chmoded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    log = tmp_path / "in.log.txt"
    log.write_text(LOG, encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", str(shared), str(demo_path()))
    assert_bad_input(code, out, err, "written by others", "1777")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert not (shared / "sessions").exists()


def test_a_group_writable_data_dir_from_the_environment_is_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    loose.chmod(0o770)
    monkeypatch.setenv(store.ENV_DATA_DIR, str(loose))
    log = tmp_path / "in.log.txt"
    log.write_text(LOG, encoding="utf-8")
    assert_bad_input(*run(capsys, "import-log", str(log)), "written by others")
    assert stat.S_IMODE(loose.stat().st_mode) == 0o770


@pytest.mark.parametrize(
    "where", ["a file", "/dev/null", "under /proc", "under a file", "sessions a file"]
)
def test_a_data_dir_that_cannot_be_used_is_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    base = {
        "a file": a_file,
        "/dev/null": Path(os.devnull),
        "under /proc": Path("/proc/self/chair-tui"),
        "under a file": a_file / "data",
        "sessions a file": tmp_path / "data",
    }[where]
    if where == "sessions a file":
        base.mkdir(mode=0o700)
        (base / "sessions").write_text("x")
    log = tmp_path / "in.log.txt"
    log.write_text(LOG, encoding="utf-8")
    # the TUI's path (checked before the screen opens) and import-log's
    assert_bad_input(*run(capsys, "--data-dir", str(base), "--demo"))
    monkeypatch.setenv(store.ENV_DATA_DIR, str(base))
    assert_bad_input(*run(capsys, "import-log", str(log)))


def test_a_data_dir_made_now_is_0700_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        made = store.data_dir(tmp_path / "new" / "data")
    finally:
        os.umask(old)
    assert stat.S_IMODE(made.stat().st_mode) == 0o700


# ---------------------------------------------------------------------------------------------
# full and read-only disks, and a kill part way


def _failing_write(monkeypatch: pytest.MonkeyPatch, err: int) -> None:
    real = os.write

    def write(fd: int, data: bytes | memoryview) -> int:
        if fd > 2:
            raise OSError(err, os.strerror(err))
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)


def _leftovers(directory: Path) -> list[str]:
    """What is in ``directory`` but the inputs (and a session lock file, which holds no data)."""
    inputs = ("in.log.txt", "n.txt")
    return sorted(
        p.name for p in directory.iterdir() if p.name not in inputs and p.suffix != ".lock"
    )


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EDQUOT])
def test_import_log_on_a_failing_disk_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], err: int
) -> None:
    log = tmp_path / "in.log.txt"
    log.write_text(LOG, encoding="utf-8")
    _failing_write(monkeypatch, err)
    out = tmp_path / "s.jsonl"
    assert_bad_input(*run(capsys, "import-log", str(log), "-o", str(out)), os.strerror(err))
    assert _leftovers(tmp_path) == []
    monkeypatch.undo()
    assert run(capsys, "import-log", str(log), "-o", str(out))[0] == 0  # a retry works


def test_import_log_on_a_read_only_folder_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "in.log.txt"
    log.write_text(LOG, encoding="utf-8")
    real = os.open

    def open_(path: str | os.PathLike[str], flags: int, mode: int = 0o777, **kw: int) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", open_)
    code, out, err = run(capsys, "import-log", str(log), "-o", str(tmp_path / "s.jsonl"))
    assert_bad_input(code, out, err, "Read-only file system")
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EROFS])
def test_check_fix_on_a_failing_disk_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], err: int
) -> None:
    notes = tmp_path / "n.txt"
    notes.write_text("#topic: Budget\n\n #info present: neal\n", encoding="utf-8")
    _failing_write(monkeypatch, err)
    assert_bad_input(*run(capsys, "check", "--fix", str(notes)), os.strerror(err))
    assert _leftovers(tmp_path) == []


def test_an_import_interrupted_part_way_leaves_no_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from chair_tui.meeting.session import Session

    def interrupted(self: Session) -> None:
        raise KeyboardInterrupt

    log = tmp_path / "in.log.txt"
    log.write_text(LOG, encoding="utf-8")
    monkeypatch.setattr(Session, "compact", interrupted)
    code, _, _ = run(capsys, "import-log", str(log), "-o", str(tmp_path / "s.jsonl"))
    assert code == 130
    assert _leftovers(tmp_path) == []


KILLED_IMPORT = """
import os, signal, sys
from chair_tui.meeting import importlog
def killed(tmp, path):
    os.kill(os.getpid(), signal.SIGKILL)
importlog.publish = killed
from chair_tui.cli import main
main(["import-log", sys.argv[1], "-o", sys.argv[2]])
"""


def test_a_killed_import_leaves_nothing_that_looks_complete(tmp_path: Path) -> None:
    log = tmp_path / "in.log.txt"
    log.write_text(LOG, encoding="utf-8")
    out = tmp_path / "s.jsonl"
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_IMPORT, str(log), str(out)],
        capture_output=True,
        timeout=30,
        cwd=ROOT,
    )
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists()
    left = _leftovers(tmp_path)
    assert len(left) == 1 and left[0].startswith(".s.jsonl.") and left[0].endswith(".tmp")
    # the next import to the same name clears what the killed one left and writes it whole
    assert main(["import-log", str(log), "-o", str(out)]) == 0
    assert _leftovers(tmp_path) == ["s.jsonl"]


def test_read_bytes_refuses_a_fifo_without_opening_it_for_long(tmp_path: Path) -> None:
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="FIFO"):
        read_bytes(fifo)


def test_export_of_a_damaged_session_through_stdin_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], user_dirs: UserDirs
) -> None:
    _stdin(monkeypatch, b"not a session\n")
    assert_bad_input(*run(capsys, "export", "-"))
