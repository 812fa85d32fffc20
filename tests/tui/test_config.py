"""Saving the theme edits config.toml as a TOML document: one key, comments kept, links kept."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from chair_tui.tui import commands
from chair_tui.tui.config import load_config, save_theme


def test_a_quoted_theme_key_is_replaced_not_doubled(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('"theme" = "textual-dark"  # mine\n\n[keymap]\nundo = "u"\n', "utf-8")
    save_theme(load_config(path, known_ids=commands.all_binding_ids()), "ansi-dark")
    text = path.read_text(encoding="utf-8")
    assert tomllib.loads(text) == {"theme": "ansi-dark", "keymap": {"undo": "u"}}
    assert "# mine" in text
    assert load_config(path, known_ids=commands.all_binding_ids()).theme == "ansi-dark"


def test_the_theme_goes_before_the_first_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# keys\n[keymap]\ncopy_chunk = "c,f5"\n', encoding="utf-8")
    save_theme(load_config(path), "ansi-light")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {"theme": "ansi-light", "keymap": {"copy_chunk": "c,f5"}}


def test_a_new_config_file_is_created(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    save_theme(load_config(path), 'odd "name"')
    assert load_config(path).theme == 'odd "name"'


def test_a_symlinked_config_stays_a_symlink(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "chair-tui.toml"
    real.write_text('theme = "textual-dark"\n', encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    save_theme(load_config(link), "ansi-dark")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert tomllib.loads(real.read_text(encoding="utf-8")) == {"theme": "ansi-dark"}
