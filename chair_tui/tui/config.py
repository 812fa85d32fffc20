"""The user's config file: ``config.toml`` in the user config directory.

```toml
theme = "textual-dark"
[keymap]
copy_chunk = "c,f5"
```
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
import tomlkit

from chair_tui.meeting.errors import InputError, read_text
from chair_tui.meeting.store import APP_NAME, atomic_write
from chair_tui.meeting.tomlsafe import load_toml

ENV_CONFIG = "CHAIR_TUI_CONFIG"
_TOP_KEYS = frozenset({"theme", "keymap", "copy_on_record", "paced_copy"})
_KEYS_RE = re.compile(r"^[\w+-]+(,[\w+-]+)*$")


@dataclass(slots=True)
class Config:
    theme: str = ""
    # Enter in the composer records and copies at once when nothing else waits (and it fits one
    # chunk): one info is i, text, Enter, paste.
    copy_on_record: bool = True
    # After each copied chunk, wait before the next may be copied (see docs/notes.md).
    paced_copy: bool = False
    keymap: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


def config_path(override: str | Path | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    if os.environ.get(ENV_CONFIG):
        return Path(os.environ[ENV_CONFIG]).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def load_config(override: str | Path | None = None, *, known_ids: set[str] | None = None) -> Config:
    path = config_path(override)
    if not path.exists():
        return Config(path=path)
    text = read_text(path, max_bytes=256 * 1024)
    data = load_toml(text, path)  # nested too deep or not TOML: one file:line:col error
    cfg = Config(path=path)
    for key in data:
        if key not in _TOP_KEYS:
            raise InputError(
                path, f"unknown key {key!r} (expected one of {', '.join(sorted(_TOP_KEYS))})"
            )
    for flag in ("copy_on_record", "paced_copy"):
        if flag in data:
            value = data[flag]
            if not isinstance(value, bool):
                raise InputError(path, f"{flag!r} must be true or false")
            setattr(cfg, flag, value)
    theme = data.get("theme", "")
    if not isinstance(theme, str):
        raise InputError(path, "'theme' must be a string")
    cfg.theme = theme
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        raise InputError(path, "'keymap' must be a table: [keymap]")
    for binding_id, keys in keymap.items():
        if known_ids is not None and binding_id not in known_ids:
            raise InputError(
                path, f"[keymap]: unknown binding id {binding_id!r} (see chair-tui keys)"
            )
        if not isinstance(keys, str) or not _KEYS_RE.match(keys.replace(" ", "")):
            raise InputError(path, f'[keymap]: {binding_id} must be keys like "c" or "c,f5"')
        cfg.keymap[binding_id] = keys.replace(" ", "")
    return cfg


def save_theme(cfg: Config, theme: str) -> None:
    """Remember the theme: only the ``theme`` value changes; comments and ``[keymap]`` stay.

    The file is edited as a TOML document (a quoted ``"theme"`` key is the same key, never a
    second one). A ``config.toml`` that is a symlink (dotfiles) stays one: the write goes to the
    file it points to.
    """
    if cfg.path is None:
        return
    cfg.theme = theme
    target = Path(os.path.realpath(cfg.path))
    try:
        doc = tomlkit.parse(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        doc = tomlkit.document()
    doc["theme"] = theme
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write(target, tomlkit.dumps(doc).encode("utf-8"))
