"""TOML nested deeper than the cap is one ``file:line:col`` error (exit 2), never a traceback;
a Markdown agenda nested past the parser's limit is one ``file:line`` error, indented any depth
it is read as CommonMark reads it.

The cap (:data:`~chair_tui.meeting.tomlsafe.MAX_TOML_DEPTH`, 32) counts open arrays, inline
tables and header brackets, the parts of the last table header and the dots of a dotted key.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from chair_tui.meeting.agenda_md import MAX_NESTING, parse_markdown_agenda
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.meetingfile import load_meeting, parse_meeting
from chair_tui.meeting.tomlsafe import MAX_TOML_DEPTH, load_toml

TOO_DEEP = f"TOML nested more than {MAX_TOML_DEPTH} levels deep"


def _arrays(depth: int) -> str:
    return "[" * depth + "]" * depth


DEEP_FILES: dict[str, tuple[str, int, int]] = {
    # name: (text, line, column of the error)
    "33 arrays": (f"title = {_arrays(33)}\n", 1, 41),
    "400 arrays": (f"title = {_arrays(400)}\n", 1, 41),
    "5000 arrays": (f"title = {_arrays(5000)}\n", 1, 41),
    "100,000 open arrays": ("title = " + "[" * 100_000, 1, 41),
    "1000 inline tables": ("title = " + "{a = " * 1000 + "1" + "}" * 1000, 1, 169),
    "arrays and tables in turn": ("x = " + "[{a = " * 500 + "1" + "}]" * 500, 1, 101),
    "deep under [[agenda]]": (
        'title = "t"\n[[agenda]]\ntitle = "a"\nlinks = ' + _arrays(32) + "\n",
        4,
        40,
    ),
    "a dotted key of 1000 parts": ('title = "t"\n' + "a." * 1000 + "b = 1\n", 2, 66),
    "a table header of 1000 parts": ("[" + "a." * 1000 + "b]\n", 1, 65),
    "an array-of-tables header of 40 parts": ("[[" + "a." * 40 + "b]]\n", 1, 64),
    "a dotted key under a deep header": ("[" + "a." * 20 + "b]\n" + "c." * 20 + "d = 1\n", 2, 24),
    "deep after the first lines": ('title = "t"\n# a comment\n\nx = ' + _arrays(99), 4, 37),
    "deep after a multi-line string": ('title = """\n"\n"""\nx = ' + _arrays(99), 4, 37),
    "deep after a syntax error": ("title = = 1\nx = " + _arrays(99), 2, 37),
    "deep on a CRLF line": ('title = "t"\r\nx = ' + _arrays(40) + "\r\n", 2, 37),
}


@pytest.mark.parametrize("case", list(DEEP_FILES))
def test_deep_meeting_file_is_one_error_with_its_place(case: str) -> None:
    text, line, column = DEEP_FILES[case]
    with pytest.raises(InputError) as err:
        parse_meeting(text, "m.toml")
    assert (err.value.line, err.value.column, err.value.message) == (line, column, TOO_DEEP)
    assert str(err.value) == f"m.toml:{line}:{column}: {TOO_DEEP}"


NOT_DEEP: dict[str, str] = {
    "brackets in a string": 'title = "' + "[" * 500 + '"\n',
    "brackets in a literal string": "title = '" + "{" * 500 + "'\n",
    "brackets in a multi-line string": 'title = """\n' + "[" * 500 + '\n"""\n',
    "brackets in a multi-line literal string": "title = '''\n" + "[" * 500 + "\n'''\n",
    "brackets in a comment": 'title = "t"  # ' + "[" * 500 + "\n",
    "escaped quotes before brackets in a string": 'title = "\\"' + "[" * 100 + '"\n',
    "quotes at a multi-line string's end": 'title = """x""""\nname = "' + "[" * 99 + '"\n',
    "a quoted key with dots": 'title = "t"\n"' + "a." * 100 + '" = 1\n',
    "floats and times in an array": 'title = "t"\nx = [' + "1.5, " * 200 + "07:32:00.999]\n",
}


@pytest.mark.parametrize("case", list(NOT_DEEP))
def test_nesting_inside_strings_and_comments_does_not_count(case: str) -> None:
    # the file is read past the cap check: it fails (or not) on its own merits
    try:
        parse_meeting(NOT_DEEP[case], "m.toml")
    except InputError as exc:
        assert TOO_DEEP not in exc.message


def test_exactly_the_cap_is_read() -> None:
    data = load_toml("x = " + _arrays(MAX_TOML_DEPTH) + "\n", "c.toml")
    depth, value = 0, data["x"]
    while isinstance(value, list) and value:
        depth, value = depth + 1, value[0]
    assert depth == MAX_TOML_DEPTH - 1  # the innermost array is empty
    with pytest.raises(InputError, match=TOO_DEEP):
        load_toml("x = " + _arrays(MAX_TOML_DEPTH + 1) + "\n", "c.toml")


@pytest.mark.parametrize(
    "text",
    [
        "theme = " + _arrays(2000) + "\n",
        "[keymap]\ncopy = " + "{a = " * 300 + "1" + "}" * 300 + "\n",
        "[" + "keymap." * 500 + "x]\n",
    ],
    ids=["arrays", "inline tables", "header"],
)
def test_a_deep_config_is_one_error(text: str) -> None:
    with pytest.raises(InputError) as err:
        load_toml(text, "config.toml")
    assert err.value.line is not None and err.value.column is not None
    assert err.value.message == TOO_DEEP


def test_a_syntax_error_keeps_its_place() -> None:
    with pytest.raises(InputError) as err:
        load_toml('a = "x"\nb = = 1\n', "c.toml")
    assert err.value.path == "c.toml" and err.value.line is not None
    assert err.value.message.startswith("TOML syntax: ")


def test_render_of_a_deep_meeting_file_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("title = " + _arrays(3000) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "chair_tui", "render", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [f"chair-tui: {path}:1:41: {TOO_DEEP}"]


def test_load_meeting_of_a_deep_file(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text('title = "t"\n' + "[[agenda]]\n" + "a." * 3000 + "b = 1\n", encoding="utf-8")
    with pytest.raises(InputError, match=TOO_DEEP):
        load_meeting(path)


# --- Markdown agendas: past the parser's nesting limit, one error with its line ----------------


@pytest.mark.parametrize("depth", [2, 5])
def test_an_indented_item_is_an_info_of_the_topic_above(depth: int) -> None:
    items = parse_markdown_agenda("- Budget\n" + " " * depth + "- read the draft\n").items
    assert [(i.title, i.info) for i in items] == [("Budget", ("read the draft",))]


@pytest.mark.parametrize("depth", [6, 40, 1000, 20_000])
def test_a_deeply_indented_item_continues_the_topic_above(depth: int) -> None:
    # CommonMark: indented past the item's content, the line continues its paragraph
    items = parse_markdown_agenda("- Budget\n" + " " * depth + "- read the draft\n").items
    assert [(i.title, i.info) for i in items] == [("Budget - read the draft", ())]


def test_a_staircase_of_nested_items_is_refused_where_it_goes_too_deep() -> None:
    text = "- Topic\n" + "".join(" " * (2 * k) + f"- level {k}\n" for k in range(1, 500))
    with pytest.raises(
        InputError, match=rf"^<agenda>:\d+: nested too deep \(more than {MAX_NESTING}"
    ):
        parse_markdown_agenda(text)


def test_nested_brackets_in_a_link_keep_their_text() -> None:
    items = parse_markdown_agenda(
        "- " + "[" * 1000 + "Budget" + "]" * 1000 + "(https://x.org/b)\n"
    ).items
    assert items[0].title == "[" * 1000 + "Budget" + "]" * 1000
    assert items[0].links == ("https://x.org/b",)
    items = parse_markdown_agenda("- " + "[" * 1000 + "Budget](https://x.org/b)\n").items
    assert items[0].title == "[" * 999 + "Budget" and items[0].links == ("https://x.org/b",)


def test_deep_block_quotes_are_refused_with_their_line() -> None:
    with pytest.raises(InputError, match=r"^<agenda>:1: nested too deep"):
        parse_markdown_agenda("- " + "> " * 2000 + "**" * 2000 + "x\n")


def test_long_emphasis_runs_are_plain_text() -> None:
    items = parse_markdown_agenda("- " + "**" * 2000 + "x\n").items
    assert len(items) == 1 and items[0].title.endswith("x")


@pytest.mark.parametrize("depth", [40, 5_000])
def test_a_config_nested_too_deep_is_one_error_with_its_place(tmp_path: Path, depth: int) -> None:
    from chair_tui.tui.config import load_config

    path = tmp_path / "config.toml"
    path.write_text('theme = "x"\n[keymap]\nquit = ' + "[" * depth + "]" * depth + "\n")
    with pytest.raises(InputError) as info:
        load_config(path)
    assert info.value.line == 3 and "nested" in str(info.value)
