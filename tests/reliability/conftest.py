"""Fixtures of the reliability suite: a guard that no shell or network is ever used."""

from __future__ import annotations

import asyncio
import os
import pty
import socket
import subprocess
from collections.abc import Callable
from typing import Any

import pytest

# Every way a Python program can start another program.
_OS_SPAWNERS = (
    "system",
    "popen",
    "fork",
    "forkpty",
    "posix_spawn",
    "posix_spawnp",
    "execv",
    "execve",
    "execvp",
    "execvpe",
    "execl",
    "execle",
    "execlp",
    "execlpe",
    "spawnv",
    "spawnve",
    "spawnvp",
    "spawnvpe",
    "spawnl",
    "spawnle",
    "spawnlp",
    "spawnlpe",
)


class Escapes:
    """What the app tried that it must never do (each attempt also raised)."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def refuse(self, what: str) -> Callable[..., Any]:
        def refused(*args: Any, **kwargs: Any) -> Any:
            self.attempts.append(f"{what} {args!r:.200}")
            raise AssertionError(f"chair-tui must not call {what}")

        return refused


@pytest.fixture
def sealed(monkeypatch: pytest.MonkeyPatch) -> Escapes:
    """No subprocess, no shell, no exec and no network connection while the test runs."""
    escapes = Escapes()
    for name in ("Popen", "run", "call", "check_call", "check_output", "getoutput"):
        monkeypatch.setattr(subprocess, name, escapes.refuse(f"subprocess.{name}"))
    for name in _OS_SPAWNERS:
        if hasattr(os, name):
            monkeypatch.setattr(os, name, escapes.refuse(f"os.{name}"))
    monkeypatch.setattr(pty, "spawn", escapes.refuse("pty.spawn"))
    for name in ("create_subprocess_exec", "create_subprocess_shell", "open_connection"):
        monkeypatch.setattr(asyncio, name, escapes.refuse(f"asyncio.{name}"))
    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, escapes.refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, escapes.refuse(f"socket.{name}"))
    return escapes
