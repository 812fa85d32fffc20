"""Markdown agendas read with a CommonMark parser: plain titles, links with their descriptions,
a roster under ``## Members``, and hostile input (deep nesting, huge lines, control
characters) read in linear time or refused with its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from chair_tui.meeting.agenda_md import (
    MAX_AGENDA_BYTES,
    MAX_NESTING,
    MarkdownAgenda,
    load_markdown_agenda,
    parse_markdown_agenda,
)
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.model import AgendaItem, Member
from tests.helpers import timing


def items(text: str) -> tuple[AgendaItem, ...]:
    return parse_markdown_agenda(text).items


def titles(text: str) -> list[str]:
    return [i.title for i in items(text)]


# --- titles are plain text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "title"),
    [
        ("- **Budget** for `2025`", "Budget for 2025"),
        ("- *Wallpaper* _and_ __icons__", "Wallpaper and icons"),
        ("- Fix `**kwargs` handling", "Fix **kwargs handling"),
        ("- \\*not emphasis\\* &amp; &lt;tag&gt;", "*not emphasis* & <tag>"),
        ("- <b>HTML</b> is text", "<b>HTML</b> is text"),
        ("- [Notes](notes.md) for next time", "Notes for next time"),
        ("- ![logo](https://x.org/l.png) Branding", "logo Branding"),
        ("- [ ] Open task", "Open task"),
        ("- [x] Done task", "Done task"),
        ("1. Omar about btrfs:", "Omar about btrfs"),
        ("- Budget\n  continued on the next line", "Budget continued on the next line"),
    ],
)
def test_a_title_is_the_item_s_plain_text(markdown: str, title: str) -> None:
    assert titles(markdown) == [title]


@pytest.mark.parametrize(
    ("markdown", "title", "links"),
    [
        ("- Budget (https://x.org/b)", "Budget", ("https://x.org/b",)),
        ("- Budget (<https://x.org/b>)", "Budget", ("https://x.org/b",)),
        ("- Budget [https://x.org/b]", "Budget", ("https://x.org/b",)),
        ("- Budget (see https://x.org/b)", "Budget (see)", ("https://x.org/b",)),
        ("- Budget (https://x.org/b and more)", "Budget (and more)", ("https://x.org/b",)),
        ("- Budget: https://x.org/b.", "Budget", ("https://x.org/b",)),
        ("- Wiki https://w.org/Foo_(bar), today", "Wiki today", ("https://w.org/Foo_(bar)",)),
        ("- Fesco - https://x.org/f", "Fesco", ("https://x.org/f",)),
        ("- [Wallpaper](https://x.org/w)", "Wallpaper", ("https://x.org/w",)),
        ("- [https://x.org/w](https://x.org/w)", "https://x.org/w", ("https://x.org/w",)),
        ("- https://x.org/only", "https://x.org/only", ("https://x.org/only",)),
        ("- a<https://x.org/a>b", "a b", ("https://x.org/a",)),
    ],
)
def test_a_link_taken_out_of_a_title_leaves_no_empty_brackets(
    markdown: str, title: str, links: tuple[str, ...]
) -> None:
    assert items(markdown) == (AgendaItem(title, links),)


def test_the_title_is_the_first_level_one_heading_before_any_item() -> None:
    agenda = parse_markdown_agenda("Prose.\n\n# **Workstation** WG\n\n- One\n\n# Later\n- Two\n")
    assert agenda.title == "Workstation WG"
    assert parse_markdown_agenda("## Sub\n- One\n").title == ""
    assert parse_markdown_agenda("- One\n# After\n").title == ""
    assert parse_markdown_agenda("Workstation WG\n===\n\n- One\n").title == "Workstation WG"


# --- what is nested in a topic -----------------------------------------------------------------

AGENDA = """\
# Workstation WG

- Fesco deadline https://pagure.io/fesco/issue/2610
  - Owen wants agreement
  - See also https://example.org/extra
  - [the proposal](https://example.org/p)
  - Drafts: https://example.org/d1 https://example.org/d2
  - **Bold** info with `code`
    - deeper still an info
- Wallpaper
"""


def test_nested_items_are_infos_and_links_with_descriptions() -> None:
    assert items(AGENDA) == (
        AgendaItem(
            "Fesco deadline",
            (
                "https://pagure.io/fesco/issue/2610",
                "https://example.org/extra See also",
                "https://example.org/p the proposal",
                "https://example.org/d1",
                "https://example.org/d2",
            ),
            ("Owen wants agreement", "Drafts", "Bold info with code", "deeper still an info"),
        ),
        AgendaItem("Wallpaper"),
    )


def test_a_quoted_list_code_and_prose_are_not_the_agenda() -> None:
    text = "> - quoted\n\n    - code\n\n```\n- fenced\n```\n\nProse - not a list\n- Real\n"
    assert titles(text) == ["Real"]


# --- the roster --------------------------------------------------------------------------------

ROSTER = """\
# Council

## MEMBERS:

- alice: Alice Liddell
- `bob_`: **Bob**
- carol
  - a note under a member is not a topic

## Agenda

- Budget
"""


def test_a_members_heading_gives_the_roster_and_ends_at_the_next_heading() -> None:
    agenda = parse_markdown_agenda(ROSTER)
    assert agenda == MarkdownAgenda(
        "Council",
        (AgendaItem("Budget"),),
        (Member("alice", "Alice Liddell"), Member("bob_", "Bob"), Member("carol")),
    )


@pytest.mark.parametrize("heading", ["# Members", "### members", "Members\n---"])
def test_any_members_heading(heading: str) -> None:
    agenda = parse_markdown_agenda(f"{heading}\n- alice: A\n\n## Topics\n- One\n")
    assert agenda.members == (Member("alice", "A"),)
    assert agenda.title == ""  # "# Members" is the roster, not the title


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("- Alice Liddell: x", r"^a\.md:3: members: 'Alice Liddell' is not an IRC nick"),
        ("- #chan: x", r"^a\.md:3: members: '#chan' is not an IRC nick"),
        ("- ALICE: again", r"^a\.md:3: members: 'ALICE' is listed twice"),
    ],
)
def test_a_bad_roster_line_is_an_error_with_its_line(line: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_markdown_agenda(f"## Members\n- alice: A\n{line}\n\n## A\n- One\n", "a.md")


def test_a_roster_without_topics_is_no_agenda() -> None:
    with pytest.raises(InputError, match="no agenda items found"):
        parse_markdown_agenda("## Members\n- alice: A\n")


# --- hostile input -----------------------------------------------------------------------------


def test_control_characters_are_cleaned_everywhere() -> None:
    text = (
        "# T\x1b[2J\x07itle\n## Members\n- al\x00ice: A\x85B\n## A\n- a\x1b]0;x\x07b\u2028c\x00\n"
    )
    agenda = parse_markdown_agenda(text)
    assert agenda.title == "T[2Jitle"
    assert agenda.members == (Member("alice", "A B"),)
    assert agenda.items == (AgendaItem("a]0;xb c"),)
    for text in (agenda.title, agenda.items[0].title, agenda.members[0].name):
        assert text.isprintable()


def test_nesting_past_the_limit_is_refused_with_its_line() -> None:
    ok = "- a\n" + "".join("  " * k + "- b\n" for k in range(1, 6))
    assert len(items(ok)[0].info) == 5
    deep = "- Budget\n\n" + "> " * MAX_NESTING + "x\n- after\n"
    with pytest.raises(InputError, match=r"^<agenda>:3: nested too deep"):
        parse_markdown_agenda(deep)
    stairs = "- Topic\n" + "".join(" " * (2 * k) + f"- level {k}\n" for k in range(1, 500))
    with pytest.raises(InputError, match="nested too deep"):
        parse_markdown_agenda(stairs)


def test_a_deep_indent_is_a_line_of_the_item_above() -> None:
    # CommonMark: an indented line under a paragraph continues it (no code block, no list)
    assert titles("- Budget\n" + " " * 20_000 + "- read the draft\n") == ["Budget - read the draft"]


def test_load_refuses_a_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"- a\n" * (MAX_AGENDA_BYTES // 4 + 1))
    with pytest.raises(InputError, match="too large"):
        load_markdown_agenda(path)
    path.write_text("- One\n", encoding="utf-8")
    assert load_markdown_agenda(path).items == (AgendaItem("One"),)


def _parse(text: str) -> Callable[[], object]:
    return lambda: parse_markdown_agenda(text)


# Inputs for what this module adds to the parser (markdown-it-py's own cases, "[" and
# emphasis runs, are timed with the other parsers in tests/hostile/test_linear_time.py).
LINEAR: dict[str, tuple[Callable[[int], Callable[[], object]], int]] = {
    "n links in one nested item": (
        lambda n: _parse("- T\n  - " + "see https://x.org/a (" * (n // 21)),
        130_000,
    ),
    "n blanks around links in brackets": (
        lambda n: _parse(f"- https://a {' ' * n}( {' ' * n}https://b {' ' * n})\n- b"),
        500_000,
    ),
    "n quotes and lists past the nesting limit": (
        lambda n: _parse("- a\n" + ("> - " * MAX_NESTING + "x\n") * (n // 80)),
        26_000,
    ),
}


@pytest.mark.timing  # a ratio of CPU times: runs beside other tests
@pytest.mark.parametrize("case", list(LINEAR))
def test_linear_time(case: str) -> None:
    make, n = LINEAR[case]
    timing.assert_linear(make, n, refused=(InputError,))
