"""Writing the config keeps a symbolic link a link: a ``config.toml`` kept in a dotfiles
repository and linked into place is written where it points, and stays linked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chair_tui.tui.config import Config, load_config, save_theme

BODY = '# my settings\ntheme = "textual-dark"\n\n[keymap]\ncopy_chunk = "c,f5"\n'


@pytest.mark.parametrize("relative", [False, True])
def test_a_linked_config_stays_a_link(tmp_path: Path, relative: bool) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "chair-tui.toml"
    target.write_text(BODY, encoding="utf-8")
    target.chmod(0o640)
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    link = config_dir / "config.toml"
    link.symlink_to(os.path.relpath(target, config_dir) if relative else target)
    cfg = load_config(link)
    save_theme(cfg, "nord")
    assert link.is_symlink()
    assert os.readlink(link) == (os.path.relpath(target, config_dir) if relative else str(target))
    text = target.read_text(encoding="utf-8")
    assert 'theme = "nord"' in text and "# my settings" in text and 'copy_chunk = "c,f5"' in text
    assert load_config(link).theme == "nord"
    assert sorted(p.name for p in config_dir.iterdir()) == ["config.toml"]  # no temp left
    assert sorted(p.name for p in dotfiles.iterdir()) == ["chair-tui.toml"]


def test_a_chain_of_links_writes_the_last_file(tmp_path: Path) -> None:
    target = tmp_path / "real.toml"
    target.write_text(BODY, encoding="utf-8")
    middle = tmp_path / "middle.toml"
    middle.symlink_to(target)
    link = tmp_path / "config.toml"
    link.symlink_to(middle)
    save_theme(Config(path=link), "gruvbox")
    assert link.is_symlink() and middle.is_symlink()
    assert 'theme = "gruvbox"' in target.read_text(encoding="utf-8")


def test_a_dangling_link_is_written_where_it_points(tmp_path: Path) -> None:
    target = tmp_path / "dotfiles" / "chair-tui.toml"
    link = tmp_path / "config.toml"
    link.symlink_to(target)
    save_theme(Config(path=link), "nord")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == 'theme = "nord"\n'
