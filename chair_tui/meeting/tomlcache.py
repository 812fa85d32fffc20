"""A cache of what tomllib made of a meeting file, so an unchanged file is not parsed again.

``tomllib`` (which imports ``typing`` and ``datetime``) is the largest import of
``chair-tui render``, ``check`` on a meeting file and the TUI's start.  An entry holds the
file's exact text beside the parsed tables and is used only when the text read now is the
same, so an entry can never be stale: at worst it is not used.  One entry per meeting file
(named by a checksum of its absolute path) in the user cache directory, ``0700``/``0600``,
written atomically; any problem reading or writing it is ignored and the file is parsed.
Values ``marshal`` cannot hold (TOML dates) are simply not cached.
"""

from __future__ import annotations

import marshal
import os
import sys

TYPE_CHECKING = False  # typing is not imported on the paths this cache serves
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

ENV_CACHE_DIR = "CHAIR_TUI_CACHE_DIR"
FORMAT = 1  # bump when the entry's shape or what is cached changes


def cache_dir() -> str:
    """``$CHAIR_TUI_CACHE_DIR``, else the platform's user cache directory + ``chair-tui``.

    Worked out here rather than with platformdirs, whose import costs more than the parse
    this cache saves; the locations are the same.
    """
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return os.path.expanduser(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
        return os.path.join(base, "chair-tui", "Cache")
    if sys.platform == "darwin":
        return os.path.expanduser("~/Library/Caches/chair-tui")
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if not base or not os.path.isabs(base):
        base = os.path.expanduser("~/.cache")
    return os.path.join(base, "chair-tui")


def entry_path(path: str | Path) -> str:
    import zlib

    key = os.path.abspath(path).encode("utf-8", "surrogateescape")
    return os.path.join(cache_dir(), "toml", f"{zlib.crc32(key):08x}.marshal")


def load(path: str | Path, text: str) -> dict[str, Any] | None:
    """The tables cached for ``path`` if they were parsed from exactly ``text``."""
    try:
        with open(entry_path(path), "rb") as fh:
            entry = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if (
        isinstance(entry, tuple)
        and len(entry) == 3
        and entry[0] == FORMAT
        and entry[1] == text
        and isinstance(entry[2], dict)
    ):
        return entry[2]
    return None


def save(path: str | Path, text: str, data: dict[str, Any]) -> None:
    """Remember ``data`` as the parse of ``text`` (best effort: never raises)."""
    try:
        blob = marshal.dumps((FORMAT, text, data))
    except ValueError:  # a value marshal cannot hold, such as a TOML date
        return
    target = entry_path(path)
    folder = os.path.dirname(target)
    tmp = f"{target}.{os.getpid()}.tmp"
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, blob)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
