"""A real IRC network on the loopback interface for end-to-end tests.

The harness starts an ngIRCd server and a real MeetBot (Limnoria with the hcoop-meetbot
plugin) as child processes bound to ``127.0.0.1``, drives them with small asyncio IRC
clients and reads back the minutes the bot writes to disk.

Lifecycle:

* :class:`IrcTestNetwork` is a *synchronous* context manager owning the processes, so it can
  back a fixture of any scope.  It does not keep any asyncio object alive between tests.
* :class:`MeetingSession` is an *asynchronous* context manager that connects the people of one
  meeting (chair, attendees and a silent observer) inside a test's own event loop.

Every process is stopped by its own pid (SIGTERM, then SIGKILL after a timeout), including
when a test fails, and every wait has a timeout so no test can hang.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import functools
import importlib.util
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any, ParamSpec, Protocol, Self, TypeVar

LOOPBACK = "127.0.0.1"

#: Longest IRC line in bytes, including the trailing CR LF (RFC 1459 / RFC 2812).
IRC_MAX_LINE_BYTES = 512

#: Default pause between two lines sent by the same client, in seconds.  ngIRCd (with
#: penalties disabled) and Limnoria (with ``throttleTime`` 0) lose nothing even when lines are
#: sent back to back; this keeps a small, human-like gap and is what the tests use.
DEFAULT_PACE_SECONDS = 0.1

#: Default bound for a single wait (connect, join, a reply from the bot, ...).
DEFAULT_WAIT_SECONDS = 15.0

#: Channels the bot joins when the network is created without an explicit list.
DEFAULT_CHANNELS = tuple(f"#chairtest-{i}" for i in range(1, 9))

#: How long a child process gets to exit after SIGTERM before it is killed.
STOP_GRACE_SECONDS = 5.0

_NGIRCD_CANDIDATES = ("/usr/sbin/ngircd", "/usr/local/sbin/ngircd")
_NICK_RE = re.compile(r"^[A-Za-z\[\]\\`_^{|}][A-Za-z0-9\[\]\\`_^{|}-]*$")

T = TypeVar("T")
P = ParamSpec("P")


class HarnessError(RuntimeError):
    """The harness could not bring up or talk to the IRC network."""


# --------------------------------------------------------------------------------------------
# Availability
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Availability:
    """Whether the external parts of the integration tests are installed."""

    missing: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.missing

    @property
    def reason(self) -> str:
        if self.ok:
            return "all integration parts are installed"
        return "integration parts missing: " + "; ".join(self.missing)


def find_ngircd() -> str | None:
    """Path of the ngIRCd binary (``$NGIRCD`` wins, then ``PATH``, then the usual sbin dirs)."""
    override = os.environ.get("NGIRCD")
    if override:
        return override if os.access(override, os.X_OK) else None
    found = shutil.which("ngircd")
    if found:
        return found
    for candidate in _NGIRCD_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def _module_available(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def check_availability(bot_missing_parts: Callable[[], list[str]] | None = None) -> Availability:
    """Tell whether ngIRCd and the bot can be started.

    ``bot_missing_parts`` describes what a bot profile lacks; the default checks Limnoria with
    the hcoop-meetbot plugin (:meth:`HcoopMeetbot.missing_parts`).
    """
    missing: list[str] = []
    if find_ngircd() is None:
        missing.append("ngIRCd binary not found (Debian/Ubuntu: apt-get install ngircd)")
    missing.extend((bot_missing_parts or HcoopMeetbot.missing_parts)())
    return Availability(missing=tuple(missing))


def running_in_ci() -> bool:
    """True when ``CI=true``: missing integration parts must then fail, not skip."""
    return os.environ.get("CI", "").strip().lower() == "true"


def time_bounded(
    seconds: float,
) -> Callable[[Callable[P, Coroutine[Any, Any, T]]], Callable[P, Coroutine[Any, Any, T]]]:
    """Decorate an async test so that it fails (instead of hanging) after ``seconds``."""

    def decorate(
        func: Callable[P, Coroutine[Any, Any, T]],
    ) -> Callable[P, Coroutine[Any, Any, T]]:
        @functools.wraps(func)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            bound = asyncio.timeout(seconds)
            try:
                async with bound:
                    return await func(*args, **kwargs)
            except TimeoutError:
                if bound.expired():
                    raise HarnessError(f"{func.__name__} did not finish in {seconds}s") from None
                raise

        return wrapper

    return decorate


# --------------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------------

_LIVE_PROCESSES: dict[int, ManagedProcess] = {}
_LIVE_LOCK = threading.Lock()


def _stop_leftovers() -> None:
    with _LIVE_LOCK:
        leftovers = list(_LIVE_PROCESSES.values())
    for proc in leftovers:
        proc.stop(timeout=2.0)


atexit.register(_stop_leftovers)


class ManagedProcess:
    """A child process with its output in a log file, stopped by its own pid."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        *,
        cwd: Path,
        log_path: Path,
        env: dict[str, str] | None = None,
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self.cwd = cwd
        self.log_path = log_path
        self.env = env
        self._popen: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._popen.pid if self._popen is not None else None

    @property
    def running(self) -> bool:
        return self._popen is not None and self._popen.poll() is None

    @property
    def returncode(self) -> int | None:
        return self._popen.poll() if self._popen is not None else None

    def start(self) -> None:
        if self._popen is not None:
            raise HarnessError(f"{self.name} was already started")
        with self.log_path.open("ab") as log:
            self._popen = subprocess.Popen(
                self.argv,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a Ctrl-C in the terminal reaches pytest only
            )
        with _LIVE_LOCK:
            _LIVE_PROCESSES[self._popen.pid] = self

    def stop(self, timeout: float = STOP_GRACE_SECONDS) -> int | None:
        """SIGTERM the process by pid, SIGKILL it after ``timeout``; return its exit code."""
        popen = self._popen
        if popen is None:
            return None
        try:
            if popen.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(popen.pid, signal.SIGTERM)
                try:
                    popen.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(popen.pid, signal.SIGKILL)
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        popen.wait(timeout=timeout)
        finally:
            with _LIVE_LOCK:
                _LIVE_PROCESSES.pop(popen.pid, None)
        return popen.returncode

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port on ``host`` that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_port(host: str, port: int, timeout: float, process: ManagedProcess) -> None:
    """Block until ``host:port`` accepts a TCP connection (or the process died / time ran out)."""
    deadline = time.monotonic() + timeout
    while True:
        if not process.running:
            raise HarnessError(
                f"{process.name} exited with {process.returncode} before listening on "
                f"{host}:{port}:\n{process.log_tail()}"
            )
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise HarnessError(
                f"{process.name} did not listen on {host}:{port} within {timeout}s:\n"
                f"{process.log_tail()}"
            )
        time.sleep(0.05)


def run_coroutine_in_thread(
    factory: Callable[[], Coroutine[Any, Any, T]], timeout: float = DEFAULT_WAIT_SECONDS * 2
) -> T:
    """Run a coroutine to completion on a private event loop in a helper thread.

    This lets synchronous fixtures use the asyncio client without touching the event loop
    that pytest-asyncio manages for the tests.
    """
    result: list[T] = []
    error: list[BaseException] = []

    def runner() -> None:
        try:
            result.append(asyncio.run(factory()))
        except BaseException as exc:
            error.append(exc)

    thread = threading.Thread(target=runner, name="irc-harness-helper", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise HarnessError(f"helper coroutine did not finish within {timeout}s")
    if error:
        raise error[0]
    return result[0]


# --------------------------------------------------------------------------------------------
# ngIRCd
# --------------------------------------------------------------------------------------------


class NgircdServer:
    """An ngIRCd in the foreground with a throwaway configuration, listening on 127.0.0.1 only."""

    server_name = "irc.chair-tui.test"

    def __init__(
        self, workdir: Path, *, binary: str | None = None, traverse_root: Path | None = None
    ) -> None:
        self.workdir = workdir
        # As root, directories from ``traverse_root`` down to ``workdir`` are made traversable
        # for the unprivileged user ngIRCd switches to, so that it can write its pid file.
        self.traverse_root = traverse_root or workdir
        self.binary = binary or find_ngircd() or "ngircd"
        self.host = LOOPBACK
        self.port = 0
        self.config_path = workdir / "ngircd.conf"
        self.motd_path = workdir / "ngircd.motd"
        self.pid_path = workdir / "run" / "ngircd.pid"
        self.include_dir = workdir / "conf.d"
        self.process: ManagedProcess | None = None

    def config_text(self) -> str:
        """The ngircd.conf used for the test server."""
        lines = [
            "[Global]",
            f"Name = {self.server_name}",
            "Info = chair-tui integration test server",
            "AdminInfo1 = chair-tui integration tests",
            "AdminInfo2 = loopback only",
            "AdminEMail = nobody@invalid",
            f"Listen = {self.host}",
            f"Ports = {self.port}",
            f"MotdFile = {self.motd_path}",
            f"PidFile = {self.pid_path}",
            f"HelpFile = {self.workdir / 'help.txt'}",
        ]
        run_as = _ngircd_run_as()
        if run_as is not None:
            lines += [f"ServerUID = {run_as[0]}", f"ServerGID = {run_as[1]}"]
        lines += [
            "[Limits]",
            # several clients (chair, attendees, observer, bot) share 127.0.0.1
            "MaxConnectionsIP = 0",
            # 0 disables ngIRCd's per-command penalty time, i.e. its flood throttling
            "MaxPenaltyTime = 0",
            "MaxJoins = 0",
            "MaxNickLength = 30",
            "PingTimeout = 120",
            "PongTimeout = 30",
            "[Options]",
            "DNS = no",
            "Ident = no",
            "PAM = no",
            "ConnectIPv6 = no",
            "RequireAuthPing = no",
            f"IncludeDir = {self.include_dir}",
        ]
        return "\n".join(lines) + "\n"

    def start(self, timeout: float = DEFAULT_WAIT_SECONDS, attempts: int = 3) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.include_dir.mkdir(exist_ok=True)
        self.motd_path.write_text("chair-tui integration tests\n", encoding="utf-8")
        (self.workdir / "help.txt").write_text("No help on the test server.\n", encoding="utf-8")
        last_error: HarnessError | None = None
        for _attempt in range(attempts):
            self.port = free_port(self.host)
            self._prepare_pid_file()
            self.config_path.write_text(self.config_text(), encoding="utf-8")
            self.process = ManagedProcess(
                "ngIRCd",
                [self.binary, "--nodaemon", "--config", str(self.config_path)],
                cwd=self.workdir,
                log_path=self.workdir / "ngircd.log",
            )
            self.process.start()
            try:
                wait_for_port(self.host, self.port, timeout, self.process)
                return
            except HarnessError as exc:  # e.g. the port was taken in between
                last_error = exc
                self.process.stop()
        raise last_error or HarnessError("ngIRCd did not start")

    def _prepare_pid_file(self) -> None:
        # ngIRCd creates its pid file (O_EXCL) after dropping root privileges: give that user
        # a directory of its own, and make the way to it traversable.
        run_dir = self.pid_path.parent
        run_dir.mkdir(exist_ok=True)
        self.pid_path.unlink(missing_ok=True)
        run_as = _ngircd_run_as()
        if run_as is not None:
            os.chown(run_dir, run_as[0], run_as[1])
            for directory in (self.workdir, *self.workdir.parents):
                if not directory.is_relative_to(self.traverse_root):
                    break
                directory.chmod(directory.stat().st_mode | 0o011)

    def pid_from_file(self) -> int | None:
        try:
            return int(self.pid_path.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            return None

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


def _ngircd_run_as() -> tuple[int, int] | None:
    """The uid/gid ngIRCd switches to when started as root (it refuses to keep uid 0)."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam("nobody")
    except KeyError:
        return (65534, 65534)
    return (entry.pw_uid, entry.pw_gid)


# --------------------------------------------------------------------------------------------
# IRC client
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IrcLine:
    """One parsed IRC protocol line."""

    raw: str
    prefix: str
    command: str
    params: tuple[str, ...]

    @property
    def nick(self) -> str:
        return self.prefix.split("!", 1)[0]

    @property
    def trailing(self) -> str:
        return self.params[-1] if self.params else ""

    @classmethod
    def parse(cls, raw: str) -> IrcLine:
        rest = raw
        if rest.startswith("@"):  # IRCv3 message tags, unused here
            _tags, _, rest = rest.partition(" ")
        prefix = ""
        if rest.startswith(":"):
            prefix, _, rest = rest[1:].partition(" ")
        params: list[str] = []
        while rest:
            if rest.startswith(":"):
                params.append(rest[1:])
                break
            word, _, rest = rest.partition(" ")
            if word:
                params.append(word)
        command = params.pop(0).upper() if params else ""
        return cls(raw=raw, prefix=prefix, command=command, params=tuple(params))


@dataclass(frozen=True)
class ChatMessage:
    """A PRIVMSG or NOTICE a client received."""

    seq: int
    sender: str
    command: str
    target: str
    text: str


def _end_of_names(channel: str) -> Callable[[IrcLine], bool]:
    def matches(line: IrcLine) -> bool:
        return (
            line.command == "366"
            and len(line.params) > 1
            and line.params[1].lower() == channel.lower()
        )

    return matches


class IrcClient:
    """A minimal asyncio IRC client: register, answer PING, join, send paced lines, record."""

    def __init__(
        self,
        nick: str,
        *,
        host: str,
        port: int,
        pace: float = DEFAULT_PACE_SECONDS,
    ) -> None:
        if not _NICK_RE.match(nick):
            raise ValueError(f"not a valid IRC nick: {nick!r}")
        if host != LOOPBACK:
            raise ValueError("the test clients only ever connect to 127.0.0.1")
        self.nick = nick
        self.host = host
        self.port = port
        self.pace = pace
        self.lines: list[IrcLine] = []
        self.messages: list[ChatMessage] = []
        self.sent: list[bytes] = []
        self.server_error: str | None = None
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._read_task: asyncio.Task[None] | None = None
        self._changed: asyncio.Condition | None = None
        self._last_send = 0.0
        self._eof = False

    # -- connection ---------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._writer is not None and not self._eof

    async def connect(self, timeout: float = DEFAULT_WAIT_SECONDS) -> None:
        """Open the connection, register with NICK/USER and wait for the welcome (001)."""
        self._changed = asyncio.Condition()
        async with asyncio.timeout(timeout):
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
            self._read_task = asyncio.create_task(self._read_loop(), name=f"irc-read-{self.nick}")
            await self._write(f"NICK {self.nick}")
            await self._write(f"USER {self.nick.lower()} 0 * :{self.nick} (test client)")
            welcome = await self.wait_for_line(
                lambda line: line.command in {"001", "432", "433"}, timeout=timeout
            )
            if welcome.command != "001":
                raise HarnessError(f"server refused nick {self.nick}: {welcome.raw}")

    async def join(self, *channels: str, timeout: float = DEFAULT_WAIT_SECONDS) -> None:
        """JOIN the channels and wait until the server confirmed each one (end of NAMES)."""
        for channel in channels:
            mark = len(self.lines)
            await self.send(f"JOIN {channel}")
            await self.wait_for_line(_end_of_names(channel), timeout=timeout, since=mark)

    async def names(self, channel: str, timeout: float = DEFAULT_WAIT_SECONDS) -> set[str]:
        """The nicks in ``channel`` (without the @/+ status prefix)."""
        mark = len(self.lines)
        await self.send(f"NAMES {channel}")
        await self.wait_for_line(_end_of_names(channel), timeout=timeout, since=mark)
        nicks: set[str] = set()
        for line in self.lines[mark:]:
            if line.command == "353" and line.params[-2].lower() == channel.lower():
                nicks.update(word.lstrip("@+%&~") for word in line.trailing.split())
        return nicks

    async def close(self, message: str = "bye") -> None:
        if self._writer is not None and not self._eof:
            with contextlib.suppress(OSError, RuntimeError):
                self._writer.write(f"QUIT :{message}\r\n".encode())
                async with asyncio.timeout(2):
                    await self._writer.drain()
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError, TimeoutError, RuntimeError):
                async with asyncio.timeout(2):
                    await self._writer.wait_closed()
        if self._read_task is not None:
            self._read_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._read_task
        self._eof = True

    # -- sending ------------------------------------------------------------------------------

    async def send(self, line: str, *, allow_overlong: bool = False) -> None:
        """Send one raw protocol line (without CR LF), paced like a person typing.

        A line whose UTF-8 encoding with CR LF exceeds 512 bytes raises ``ValueError`` unless
        ``allow_overlong`` is set (for tests that show what the server does with it).
        """
        if "\r" in line or "\n" in line:
            raise ValueError("a single IRC line cannot contain CR or LF")
        data = line.encode("utf-8") + b"\r\n"
        if len(data) > IRC_MAX_LINE_BYTES and not allow_overlong:
            raise ValueError(f"IRC line is {len(data)} bytes, the limit is {IRC_MAX_LINE_BYTES}")
        wait = self._last_send + self.pace - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        await self._write_bytes(data)
        self._last_send = time.monotonic()

    async def say(self, target: str, text: str, *, allow_overlong: bool = False) -> None:
        """PRIVMSG ``text`` to a channel or nick."""
        await self.send(f"PRIVMSG {target} :{text}", allow_overlong=allow_overlong)

    async def paste(self, target: str, texts: Sequence[str]) -> None:
        """PRIVMSG several lines back to back, as a client does with pasted text.

        There is no pause between the lines of one paste, whatever ``pace`` is.  Every line is
        checked (no CR/LF, at most 512 bytes) before the first one is sent.
        """
        data: list[bytes] = []
        for text in texts:
            line = f"PRIVMSG {target} :{text}"
            if "\r" in line or "\n" in line:
                raise ValueError("a single IRC line cannot contain CR or LF")
            encoded = line.encode("utf-8") + b"\r\n"
            if len(encoded) > IRC_MAX_LINE_BYTES:
                raise ValueError(
                    f"IRC line is {len(encoded)} bytes, the limit is {IRC_MAX_LINE_BYTES}"
                )
            data.append(encoded)
        for encoded in data:
            await self._write_bytes(encoded)
        self._last_send = time.monotonic()

    async def _write(self, line: str) -> None:
        await self._write_bytes(line.encode("utf-8") + b"\r\n")

    async def _write_bytes(self, data: bytes) -> None:
        if self._writer is None or self._eof:
            raise HarnessError(f"{self.nick} is not connected")
        self._writer.write(data)
        await self._writer.drain()
        self.sent.append(data)

    # -- receiving ----------------------------------------------------------------------------

    async def _read_loop(self) -> None:
        assert self._reader is not None and self._changed is not None
        try:
            while True:
                raw = await self._reader.readline()
                if not raw:
                    break
                line = IrcLine.parse(raw.decode("utf-8", errors="replace").rstrip("\r\n"))
                if line.command == "PING":
                    await self._write(f"PONG :{line.trailing}")
                    continue
                if line.command == "ERROR":
                    self.server_error = line.trailing
                if line.command in {"PRIVMSG", "NOTICE"} and line.params:
                    self.messages.append(
                        ChatMessage(
                            seq=len(self.messages),
                            sender=line.nick,
                            command=line.command,
                            target=line.params[0],
                            text=line.trailing,
                        )
                    )
                async with self._changed:
                    self.lines.append(line)
                    self._changed.notify_all()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            self._eof = True
            async with self._changed:
                self._changed.notify_all()

    async def _wait(self, check: Callable[[], T | None], timeout: float, what: str) -> T:
        assert self._changed is not None, "connect() first"
        try:
            async with asyncio.timeout(timeout), self._changed:
                while True:
                    found = check()
                    if found is not None:
                        return found
                    if self._eof:
                        raise HarnessError(
                            f"{self.nick} was disconnected ({self.server_error or 'EOF'}) "
                            f"while waiting for {what}"
                        )
                    await self._changed.wait()
        except TimeoutError:
            raise HarnessError(
                f"{self.nick}: no {what} within {timeout}s; last lines received:\n"
                + "\n".join(line.raw for line in self.lines[-10:])
            ) from None

    async def wait_for_line(
        self,
        predicate: Callable[[IrcLine], bool],
        *,
        timeout: float = DEFAULT_WAIT_SECONDS,
        since: int = 0,
    ) -> IrcLine:
        """Wait for a received protocol line (index >= ``since``) matching ``predicate``."""
        return await self._wait(
            lambda: next((line for line in self.lines[since:] if predicate(line)), None),
            timeout,
            "matching line",
        )

    async def wait_for_message(
        self,
        predicate: Callable[[ChatMessage], bool],
        *,
        timeout: float = DEFAULT_WAIT_SECONDS,
        since: int = 0,
    ) -> ChatMessage:
        """Wait for a PRIVMSG/NOTICE (``seq`` >= ``since``) matching ``predicate``."""
        return await self._wait(
            lambda: next((m for m in self.messages[since:] if predicate(m)), None),
            timeout,
            "matching message",
        )

    async def wait_disconnected(self, timeout: float = DEFAULT_WAIT_SECONDS) -> str | None:
        """Wait until the server closed the connection; return its ERROR text if any."""
        assert self._read_task is not None
        async with asyncio.timeout(timeout):
            await asyncio.shield(self._read_task)
        return self.server_error

    def messages_from(self, nick: str, *, target: str | None = None, since: int = 0) -> list[str]:
        return [
            m.text
            for m in self.messages[since:]
            if m.sender.lower() == nick.lower()
            and (target is None or m.target.lower() == target.lower())
        ]


# --------------------------------------------------------------------------------------------
# Minutes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MinutesEvent:
    """One event of a meeting: e.g. ``MinutesEvent("INFO", "cmurf", "present: neal Chris")``."""

    event_type: str
    nick: str
    payload: str
    topic: str = ""


@dataclass(frozen=True)
class LoggedMessage:
    """One line of the meeting's raw log (including the bot's own messages)."""

    nick: str
    text: str


@dataclass
class Minutes:
    """What a bot recorded for one meeting, in a bot-independent shape."""

    events: list[MinutesEvent]
    """Every event of the raw log, in order (including START_MEETING, END_MEETING, ...)."""
    summary: list[MinutesEvent]
    """The items of the human-readable minutes (TOPIC, INFO, ACTION, LINK, IDEA, ...)."""
    actions: list[str]
    actions_by_attendee: dict[str, list[str]]
    attendees: list[str]
    log: list[LoggedMessage]
    bot_replies: list[str] = field(default_factory=list)
    """Every message the bot sent to the channel during the meeting, as seen by an observer."""
    files: dict[str, Path] = field(default_factory=dict)

    def payloads(self, event_type: str) -> list[str]:
        """Payloads of the raw-log events of one type, in order."""
        return [e.payload for e in self.events if e.event_type == event_type.upper()]

    def summary_payloads(self, event_type: str) -> list[str]:
        """Payloads of the HTML minutes items of one type, in order."""
        return [e.payload for e in self.summary if e.event_type == event_type.upper()]

    def unknown_command_replies(self) -> list[str]:
        return [reply for reply in self.bot_replies if "Unknown command" in reply]

    def text(self) -> str:
        """All payloads in the minutes and raw log, one per line, for containment checks."""
        parts = [e.payload for e in self.events] + [e.payload for e in self.summary]
        return "\n".join(parts)


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[_Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def elements(self) -> list[_Node]:
        return [child for child in self.children if isinstance(child, _Node)]

    def find_all(self, tag: str, cls: str | None = None) -> Iterator[_Node]:
        for child in self.elements():
            if child.tag == tag and (cls is None or cls in child.classes):
                yield child
            yield from child.find_all(tag, cls)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def own_text(self) -> str:
        return "".join(c for c in self.children if isinstance(c, str))


class _TreeBuilder(HTMLParser):
    _VOID = frozenset({"meta", "link", "br", "hr", "img", "input", "area", "base", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self._current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs}, self._current)
        self._current.children.append(node)
        if tag not in self._VOID:
            self._current = node

    def handle_endtag(self, tag: str) -> None:
        node: _Node | None = self._current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self._current = node.parent

    def handle_data(self, data: str) -> None:
        self._current.children.append(data)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _sections(root: _Node) -> dict[str, _Node]:
    """Map each <h3> heading of the hcoop minutes to the list element following it."""
    sections: dict[str, _Node] = {}
    for h3 in root.find_all("h3"):
        parent = h3.parent
        if parent is None:
            continue
        siblings = parent.elements()
        index = siblings.index(h3)
        if index + 1 < len(siblings):
            sections[_squash(h3.text())] = siblings[index + 1]
    return sections


def _strip_link_suffix(text: str) -> str:
    return re.sub(r"\s*\(link\)\s*$", "", _squash(text))


def parse_hcoop_minutes_html(
    html: str,
) -> tuple[list[MinutesEvent], list[str], dict[str, list[str]], list[str]]:
    """Parse hcoop-meetbot's HTML minutes.

    Returns (summary items, action items, action items by attendee, attendee nicks).
    """
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    sections = _sections(builder.root)

    attendees: list[str] = []
    if "Attendees" in sections:
        for li in sections["Attendees"].find_all("li"):
            words = _squash(li.text()).split()
            if words:
                attendees.append(words[0])

    summary: list[MinutesEvent] = []
    if "Meeting Summary" in sections:
        for topic_li in sections["Meeting Summary"].elements():
            topic_span = next(topic_li.find_all("span", "topic"), None)
            topic = topic_span.text().strip() if topic_span is not None else ""
            topic_nick = ""
            details = next(topic_li.find_all("span", "details"), None)
            if details is not None:
                link = next(details.find_all("a"), None)
                topic_nick = link.text().strip() if link is not None else ""
            summary.append(MinutesEvent("TOPIC", topic_nick, topic, topic))
            for ol in topic_li.find_all("ol", "latin"):
                for item in ol.elements():
                    kind = next(item.find_all("span", "event"), None)
                    if kind is None:
                        continue
                    event_type = kind.text().strip().rstrip(":").strip()
                    payload_span = next(item.find_all("span", event_type), None)
                    payload = payload_span.text().strip() if payload_span is not None else ""
                    nick = ""
                    item_details = next(item.find_all("span", "details"), None)
                    if item_details is not None:
                        link = next(item_details.find_all("a"), None)
                        nick = link.text().strip() if link is not None else ""
                    summary.append(MinutesEvent(event_type, nick, payload, topic))

    actions: list[str] = []
    if "Action Items" in sections:
        actions = [_strip_link_suffix(li.text()) for li in sections["Action Items"].elements()]

    by_attendee: dict[str, list[str]] = {}
    if "Action Items by Attendee" in sections:
        for li in sections["Action Items by Attendee"].elements():
            nick = _squash(li.own_text())
            items = [
                _strip_link_suffix(x.text()) for ol in li.find_all("ol") for x in ol.elements()
            ]
            if nick:
                by_attendee[nick] = items
    return summary, actions, by_attendee, attendees


def _operand_text(operand: object) -> str:
    if operand is None:
        return ""
    if isinstance(operand, list):
        return " ".join(str(item) for item in operand)
    return str(operand)


def parse_hcoop_raw_log(data: str) -> tuple[list[MinutesEvent], list[LoggedMessage]]:
    """Parse hcoop-meetbot's ``.log.json`` into events and logged messages."""
    raw: dict[str, Any] = json.loads(data)
    events: list[MinutesEvent] = []
    topic = ""
    for event in raw.get("events", []):
        event_type = str(event.get("event_type", ""))
        payload = _operand_text(event.get("operand"))
        if event_type == "TOPIC":
            topic = payload
        message = event.get("message") or {}
        events.append(MinutesEvent(event_type, str(message.get("sender", "")), payload, topic))
    log = [
        LoggedMessage(str(m.get("sender", "")), str(m.get("payload", "")))
        for m in raw.get("messages", [])
    ]
    return events, log


# --------------------------------------------------------------------------------------------
# Bots under test
# --------------------------------------------------------------------------------------------


class BotUnderTest(Protocol):
    """A MeetBot implementation the harness can start on the test network.

    To add a profile, implement this protocol and pass an instance to :class:`IrcTestNetwork`.
    """

    profile: str
    nick: str
    event_types: Mapping[str, str]
    """The raw-log event type for each kind of chair-tui line (keys are ``Kind`` values)."""
    summary_types: frozenset[str]
    """The event types the human-readable minutes show (the others are administrative)."""
    prologue: str
    """The heading of items recorded before the first topic in the minutes ("" if none)."""

    def start(self, server: NgircdServer, channels: Sequence[str], workdir: Path) -> None:
        """Start the bot process; it must connect to ``server`` and join ``channels``."""
        ...

    def stop(self) -> None:
        """Stop every process the bot started (by pid)."""
        ...

    def is_meeting_started(self, reply: str) -> bool:
        """Whether a channel message from the bot acknowledges #startmeeting."""
        ...

    def is_meeting_ended(self, reply: str) -> bool:
        """Whether a channel message from the bot is the last one it sends after #endmeeting."""
        ...

    def read_minutes(self, channel: str, replies: Sequence[str]) -> Minutes:
        """Find and parse the files written for the last meeting that ended in ``channel``."""
        ...

    def diagnostics(self) -> str:
        """The tail of the bot's own log, for error messages."""
        ...


class HcoopMeetbot:
    """Limnoria with the hcoop-meetbot plugin (``HcoopMeetbot``), configured non-interactively."""

    profile = "hcoop"
    network = "chairtest"
    url_prefix = "https://meetings.invalid"
    #: ``{channel}`` keeps every channel in its own folder, ``{id}`` keeps meetings apart.
    pattern = "{channel}/%Y%m%dT%H%M%S-{id}"
    #: hcoop-meetbot's ``EventType`` for each chair-tui line kind it acts on.
    event_types: Mapping[str, str] = MappingProxyType(
        {
            "start": "START_MEETING",
            "meetingname": "MEETING_NAME",
            "chair": "ADD_CHAIR",
            "nick": "TRACK_NICK",
            "topic": "TOPIC",
            "info": "INFO",
            "decision": "ACCEPTED",
            "rejected": "FAILED",
            "action": "ACTION",
            "idea": "IDEA",
            "help": "HELP",
            "link": "LINK",
            "undo": "UNDO",
            "end": "END_MEETING",
        }
    )
    #: Everything but hcoop's ``_EXCLUDED`` administrative events shows in the HTML minutes.
    summary_types = frozenset(
        {"MEETING_NAME", "TOPIC", "INFO", "ACCEPTED", "FAILED", "ACTION", "IDEA", "HELP", "LINK"}
    )
    #: hcoop files items made before the first ``#topic`` under this heading.
    prologue = "Prologue"

    def __init__(self, nick: str = "meetbot") -> None:
        self.nick = nick
        self.workdir: Path | None = None
        self.process: ManagedProcess | None = None

    @staticmethod
    def missing_parts() -> list[str]:
        missing: list[str] = []
        if not _module_available("supybot"):
            missing.append("Limnoria not installed in this Python (pip install limnoria)")
        if not (_module_available("HcoopMeetbot") and _module_available("hcoopmeetbotlogic")):
            missing.append("hcoop-meetbot not installed in this Python (pip install hcoop-meetbot)")
        return missing

    @property
    def meetings_dir(self) -> Path:
        assert self.workdir is not None, "start() first"
        return self.workdir / "meetings"

    def config_text(self, server: NgircdServer, channels: Sequence[str]) -> str:
        """The Limnoria registry (bot.conf) for the test bot."""
        assert self.workdir is not None
        d = self.workdir
        net = f"supybot.networks.{self.network}"
        values = {
            "supybot.nick": self.nick,
            "supybot.ident": self.nick,
            "supybot.user": "chair-tui integration test MeetBot",
            "supybot.networks": self.network,
            f"{net}.servers": server.address,
            f"{net}.ssl": "False",
            f"{net}.channels": " ".join(channels),
            "supybot.directories.conf": str(d / "conf"),
            "supybot.directories.data": str(d / "data"),
            "supybot.directories.data.tmp": str(d / "data" / "tmp"),
            "supybot.directories.data.web": str(d / "data" / "web"),
            "supybot.directories.backup": str(d / "backup"),
            "supybot.directories.log": str(d / "logs"),
            "supybot.directories.plugins": str(d / "plugins"),
            "supybot.pidFile": str(d / "bot.pid"),
            "supybot.plugins": "HcoopMeetbot",
            "supybot.plugins.HcoopMeetbot": "True",
            # send replies at once: Limnoria's default queues one line per second
            "supybot.protocols.irc.throttleTime": "0.0",
            "supybot.protocols.irc.umodes": "",
            # no plugin here needs Limnoria's HTTP server; should one start, keep it local
            "supybot.servers.http.hosts4": LOOPBACK,
            "supybot.servers.http.hosts6": "",
            "supybot.log.stdout": "True",
            "supybot.log.stdout.colorized": "False",
            "supybot.log.level": "INFO",
        }
        return "".join(f"{key}: {value}\n" for key, value in values.items())

    def plugin_config_text(self) -> str:
        """HcoopMeetbot.conf, read by the plugin from Limnoria's conf directory."""
        return (
            "[HcoopMeetbot]\n"
            f"logDir = {self.meetings_dir}\n"
            f"urlPrefix = {self.url_prefix}\n"
            f"pattern = {self.pattern}\n"
            "timezone = UTC\n"
            "useChannelTopic = False\n"
        )

    def start(self, server: NgircdServer, channels: Sequence[str], workdir: Path) -> None:
        self.workdir = workdir
        for sub in ("conf", "data/tmp", "data/web", "backup", "logs", "plugins", "meetings"):
            (workdir / sub).mkdir(parents=True, exist_ok=True)
        for name in ("users.conf", "channels.conf", "networks.conf", "ignores.conf"):
            (workdir / "conf" / name).touch()
        (workdir / "conf" / "HcoopMeetbot.conf").write_text(
            self.plugin_config_text(), encoding="utf-8"
        )
        bot_conf = workdir / "bot.conf"
        bot_conf.write_text(self.config_text(server, channels), encoding="utf-8")
        launcher = (
            "import sys; from supybot.scripts.limnoria import main; "
            "sys.argv[0] = 'limnoria'; sys.exit(main())"
        )
        argv = [sys.executable, "-c", launcher, str(bot_conf)]
        if os.geteuid() == 0:
            argv.insert(3, "--allow-root")  # containers and CI machines often run as root
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = ManagedProcess(
            "Limnoria", argv, cwd=workdir, log_path=workdir / "limnoria.out", env=env
        )
        self.process.start()

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()

    def is_meeting_started(self, reply: str) -> bool:
        return "Meeting started at" in reply

    def is_meeting_ended(self, reply: str) -> bool:
        return "Minutes: " in reply

    def read_minutes(self, channel: str, replies: Sequence[str]) -> Minutes:
        raw_path = self._raw_log_path(channel, replies)
        html_path = raw_path.with_name(raw_path.name.removesuffix(".log.json") + ".html")
        events, log = parse_hcoop_raw_log(raw_path.read_text(encoding="utf-8"))
        summary, actions, by_attendee, attendees = parse_hcoop_minutes_html(
            html_path.read_text(encoding="utf-8")
        )
        return Minutes(
            events=events,
            summary=summary,
            actions=actions,
            actions_by_attendee=by_attendee,
            attendees=attendees,
            log=log,
            bot_replies=list(replies),
            files={"raw_log": raw_path, "minutes": html_path},
        )

    def _raw_log_path(self, channel: str, replies: Sequence[str]) -> Path:
        # The bot announces "Raw log: <urlPrefix>/<file>"; map that URL back into logDir.
        for reply in reversed(replies):
            match = re.search(r"Raw log: (\S+\.log\.json)", reply)
            if match and match.group(1).startswith(self.url_prefix + "/"):
                relative = match.group(1)[len(self.url_prefix) + 1 :]
                candidate = (self.meetings_dir / relative).resolve()
                if candidate.is_relative_to(self.meetings_dir.resolve()) and candidate.is_file():
                    return candidate
        # Otherwise: the newest raw log in the channel's folder.
        folder = self.meetings_dir / re.sub(r"[^./a-zA-Z0-9_-]+", "_", channel.lstrip("#"))
        logs = sorted(folder.glob("*.log.json"), key=lambda p: p.stat().st_mtime)
        if not logs:
            raise HarnessError(f"no raw log for {channel} in {folder}:\n{self.diagnostics()}")
        return logs[-1]

    def diagnostics(self) -> str:
        return self.process.log_tail() if self.process is not None else "(bot not started)"


# --------------------------------------------------------------------------------------------
# Network and meetings
# --------------------------------------------------------------------------------------------


class IrcTestNetwork:
    """ngIRCd plus one bot under test, with a fixed set of channels the bot sits in.

    Synchronous context manager; tests take a channel with :meth:`claim_channel` and run a
    :class:`MeetingSession` in their own event loop.
    """

    def __init__(
        self,
        bot: BotUnderTest,
        channels: Sequence[str] = DEFAULT_CHANNELS,
        *,
        workdir: Path | None = None,
        keep_files: bool | None = None,
        pace: float = DEFAULT_PACE_SECONDS,
    ) -> None:
        if not channels:
            raise ValueError("at least one channel is needed")
        self.bot = bot
        self.channels = list(channels)
        self.pace = pace
        self._own_workdir = workdir is None
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix="chair-tui-irc-"))
        self.keep_files = (
            keep_files if keep_files is not None else bool(os.environ.get("CHAIR_TUI_IT_KEEP"))
        )
        self.server = NgircdServer(self.workdir / "ngircd", traverse_root=self.workdir)
        self._free = list(self.channels)
        self.startup_seconds = 0.0

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self, timeout: float = 30.0) -> None:
        began = time.monotonic()
        try:
            self.server.start()
            self.bot.start(self.server, self.channels, self.workdir / self.bot.profile)
            run_coroutine_in_thread(lambda: self._wait_bot_joined(timeout), timeout + 5)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - began

    async def _wait_bot_joined(self, timeout: float) -> None:
        probe = IrcClient("probe", host=self.server.host, port=self.server.port, pace=0)
        deadline = time.monotonic() + timeout
        try:
            await probe.connect()
            pending = list(self.channels)
            while pending:
                if time.monotonic() > deadline:
                    raise HarnessError(
                        f"{self.bot.nick} did not join {pending} within {timeout}s:\n"
                        f"{self.bot.diagnostics()}"
                    )
                channel = pending[0]
                if self.bot.nick.lower() in {n.lower() for n in await probe.names(channel)}:
                    pending.pop(0)
                else:
                    await asyncio.sleep(0.2)
        finally:
            await probe.close()

    def stop(self) -> None:
        try:
            self.bot.stop()
        finally:
            self.server.stop()
            if self._own_workdir and not self.keep_files:
                shutil.rmtree(self.workdir, ignore_errors=True)

    def claim_channel(self) -> str:
        """A channel the bot sits in and no earlier test used."""
        if not self._free:
            raise HarnessError(
                f"all {len(self.channels)} channels are used; create the network with more"
            )
        return self._free.pop(0)

    def client(self, nick: str, *, pace: float | None = None) -> IrcClient:
        return IrcClient(
            nick,
            host=self.server.host,
            port=self.server.port,
            pace=self.pace if pace is None else pace,
        )

    def meeting(
        self,
        channel: str,
        chair: str,
        attendees: Sequence[str] = (),
        *,
        pace: float | None = None,
    ) -> MeetingSession:
        return MeetingSession(self, channel, chair, attendees, pace=pace)

    def diagnostics(self) -> str:
        ngircd = self.server.process.log_tail() if self.server.process else ""
        return f"--- ngIRCd ---\n{ngircd}\n--- {self.bot.profile} ---\n{self.bot.diagnostics()}"


class MeetingSession:
    """The people of one meeting in one channel, plus a silent observer that records it all.

    Use as ``async with network.meeting("#chan", "cmurf", ["neal"]) as m: ...``.
    """

    observer_nick = "observer"

    def __init__(
        self,
        network: IrcTestNetwork,
        channel: str,
        chair: str,
        attendees: Sequence[str],
        *,
        pace: float | None = None,
    ) -> None:
        self.network = network
        self.bot = network.bot
        self.channel = channel
        self.chair = chair
        self.people: dict[str, IrcClient] = {
            nick: network.client(nick, pace=pace) for nick in (chair, *attendees)
        }
        self.observer = network.client(self.observer_nick, pace=0)
        self._start_mark = 0

    async def __aenter__(self) -> Self:
        clients = [self.observer, *self.people.values()]
        try:
            await asyncio.gather(*(client.connect() for client in clients))
            await self.observer.join(self.channel)
            for client in self.people.values():
                await client.join(self.channel)
        except BaseException:
            await self.close()
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        clients = [*self.people.values(), self.observer]
        await asyncio.gather(*(client.close() for client in clients), return_exceptions=True)

    def __getitem__(self, nick: str) -> IrcClient:
        return self.people[nick]

    async def say(
        self,
        nick: str,
        text: str,
        *,
        confirm: bool = True,
        allow_overlong: bool = False,
        timeout: float = DEFAULT_WAIT_SECONDS,
    ) -> None:
        """``nick`` says ``text`` in the channel; with ``confirm`` wait until the observer saw it.

        Waiting for the observer keeps the order of lines from different people deterministic.
        """
        mark = len(self.observer.messages)
        await self.people[nick].say(self.channel, text, allow_overlong=allow_overlong)
        if confirm:
            await self.observer.wait_for_message(
                lambda m: (
                    m.sender.lower() == nick.lower() and m.target.lower() == self.channel.lower()
                ),
                since=mark,
                timeout=timeout,
            )

    async def paste(
        self,
        nick: str,
        texts: Sequence[str],
        *,
        confirm: bool = True,
        timeout: float = DEFAULT_WAIT_SECONDS,
    ) -> None:
        """``nick`` pastes ``texts`` into the channel: all lines back to back, no pause between.

        With ``confirm``, wait until the observer saw every one of them.
        """
        mark = len(self.observer.messages)
        await self.people[nick].paste(self.channel, texts)
        if not confirm or not texts:
            return
        wanted = len(texts)

        def seen_all(message: ChatMessage) -> bool:
            return (
                message.sender.lower() == nick.lower()
                and message.target.lower() == self.channel.lower()
                and len(self.observer.messages_from(nick, target=self.channel, since=mark))
                >= wanted
            )

        await self.observer.wait_for_message(seen_all, since=mark, timeout=timeout)

    async def start(self, title: str, timeout: float = DEFAULT_WAIT_SECONDS) -> None:
        """The chair sends ``#startmeeting <title>``; wait for the bot's acknowledgement."""
        self._start_mark = len(self.observer.messages)
        await self.say(self.chair, f"#startmeeting {title}".rstrip())
        await self.wait_for_bot(self.bot.is_meeting_started, timeout=timeout)

    async def wait_for_bot(
        self,
        predicate: Callable[[str], bool],
        *,
        since: int | None = None,
        timeout: float = DEFAULT_WAIT_SECONDS,
    ) -> str:
        """Wait for a channel message from the bot whose text matches ``predicate``."""
        try:
            message = await self.observer.wait_for_message(
                lambda m: (
                    m.sender.lower() == self.bot.nick.lower()
                    and m.target.lower() == self.channel.lower()
                    and predicate(m.text)
                ),
                since=self._start_mark if since is None else since,
                timeout=timeout,
            )
        except HarnessError as exc:
            raise HarnessError(f"{exc}\n{self.network.diagnostics()}") from None
        return message.text

    def bot_replies(self, since: int | None = None) -> list[str]:
        """Channel messages from the bot seen by the observer since the meeting started."""
        start = self._start_mark if since is None else since
        return self.observer.messages_from(self.bot.nick, target=self.channel, since=start)

    def mark(self) -> int:
        """A position in the observer's record, for ``since=`` arguments."""
        return len(self.observer.messages)

    async def end(self, timeout: float = DEFAULT_WAIT_SECONDS) -> Minutes:
        """The chair sends ``#endmeeting``; wait for the bot's last reply and read the minutes."""
        mark = self.mark()
        await self.say(self.chair, "#endmeeting")
        return await self.minutes(since=mark, timeout=timeout)

    async def minutes(self, *, since: int = 0, timeout: float = DEFAULT_WAIT_SECONDS) -> Minutes:
        """Wait for the bot's last reply to an ``#endmeeting`` already sent (observer record
        position >= ``since``) and read the minutes.

        Use this when the end command was part of pasted lines rather than :meth:`end`.
        """
        await self.wait_for_bot(self.bot.is_meeting_ended, since=since, timeout=timeout)
        return await asyncio.to_thread(
            self.bot.read_minutes, self.channel, self.bot_replies(self._start_mark)
        )
