"""Every parser of text a chair or a file gives runs in linear time on pathological input.

Each case builds an input of size n and 10n (outside the timing), grows n until the 10n run
takes at least 0.3 s, and requires the 10n run (best of up to 3) to take at most 15 times the
n run (best of 3).  A quadratic parser gives about 100 times.  The cases are marked ``serial``:
under xdist they run one after another on one worker, so they do not time each other.

The last test checks that the hand-written readers that replaced backtracking patterns read
exactly what those patterns read.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest

from chair_tui.meeting import agenda_md, botsim, meetingfile, rawlog
from chair_tui.meeting.botmodel import BotModel
from chair_tui.meeting.compose import parse_composed
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.lint import lint_rows
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import PROFILES, Kind
from chair_tui.meeting.render import RenderError, render_entry
from tests.helpers import timing

Run = Callable[[], object]


def assert_linear(make: Callable[[int], Run], n: int) -> None:
    """``make(n)`` returns a call on an input of size n; refusing the input is an answer too."""
    timing.assert_linear(make, n, refused=(InputError, RenderError))


def _render(kind: Kind, text: str, profile: str = "meetbot") -> Run:
    entry = Entry(kind, text)
    return lambda: render_entry(entry, PROFILES[profile])


def _markdown(text: str) -> Run:
    return lambda: agenda_md.parse_markdown_agenda(text)


def _lint(lines: list[str], profile: str = "meetbot") -> Run:
    linenos = range(1, len(lines) + 1)
    return lambda: lint_rows(
        linenos, lines, PROFILES[profile], whole_meeting=True, attendees=["alice", "bob"]
    )


def _read_everywhere(*lines: str) -> Run:
    def run() -> None:
        for line in lines:
            for p in PROFILES.values():
                botsim.read_line(p, line, channel="#c")
                botsim.starts_meeting(p, line)
                botsim.link_url(p, line)

    return run


def _composed(text: str) -> Run:
    entry = parse_composed(text, Kind.INFO)
    return lambda: render_entry(entry, PROFILES["meetbot"])


def _model(exchange: list[tuple[str, str]]) -> Run:
    def run() -> None:
        model = BotModel(PROFILES["hcoop"], channel="#c")
        for nick, text in exchange:
            model.feed("10:00:00", nick, text)
        model.assignments()

    return run


def _log(text: str) -> Run:
    def run() -> None:
        log = rawlog.read_log(text, "x.log")
        if log is not None:
            rawlog.chair_of(log)

    return run


def _meeting(text: str) -> Run:
    return lambda: meetingfile.parse_meeting(text, "m.toml")


# Each case with the n at which its 10n run takes about 0.4 s on a two-core machine (the test
# grows n where it runs faster): n is the size of what is pathological in it.
CASES: dict[str, tuple[Callable[[int], Run], int]] = {
    # links and URLs
    "link then n ')'": (lambda n: _render(Kind.LINK, "http://x" + ")" * n), 200_000),
    "URL with n mixed trailing punctuation": (
        lambda n: _render(Kind.LINK, "see http://x/(a" + ".,;))(" * (n // 12) + ".,;)" * (n // 8)),
        300_000,
    ),
    # Markdown agendas (markdown-it-py reads about 100 KB a second of these: n starts small)
    "Markdown '- ' then n '['": (lambda n: _markdown("- " + "[" * n), 5_000),
    "Markdown n '[' then ']('": (lambda n: _markdown("- " + "[" * n + "](" + "x" * n), 5_000),
    "Markdown n '[a](' in a row": (lambda n: _markdown("- " + "[a](" * (n // 4)), 5_000),
    "Markdown long emphasis runs": (
        lambda n: _markdown(f"- {'*' * n}\n- {'_' * n}\n- {'**a' * (n // 3)}\n# {'*' * n}"),
        5_000,
    ),
    "Markdown bullet, heading then n blanks": (
        lambda n: _markdown(f"# {' ' * n}\n- {' ' * n}\n1. [ ] {' ' * n}\n- a"),
        100_000,
    ),
    "Markdown n nested list lines": (
        lambda n: _markdown("- a\n" + "".join(" " * (i % 40) + "- [b](c\n" for i in range(n // 8))),
        5_000,
    ),
    # how the bots read a line
    "a command then n blanks then a word": (
        lambda n: _read_everywhere("#info x" + " " * n + "y"),
        900_000,
    ),
    "a command or a start, n blanks, two lines": (
        lambda n: _read_everywhere("[info" + " " * n + "y\nz", "#startmeeting" + " " * n + "y\nz"),
        400_000,
    ),
    # raw logs
    "raw log lines of n '<', n blanks and n '#'": (
        lambda n: _log(f"12:00:00 <a> {'#' * n}\n12:00:00{' ' * n}x\n12:00:00 {'<' * n}\n"),
        2_000_000,
    ),
    "raw log of n empty messages": (
        lambda n: _log("12:00:00 <a>\n" * (n // 13) + "12:00:00 <b> x\n"),
        700_000,
    ),
    "raw log of n blank messages, then a start": (
        lambda n: _log("12:00:00 <a>  \n" * (n // 15) + "12:00:00 <b> #startmeeting m\n"),
        1_400_000,
    ),
    # the composer
    "composer text of n '#'": (lambda n: _composed("#" * n), 200_000),
    "a note of one word of n characters and accents": (
        lambda n: _render(Kind.NOTE, "#" * (n // 2) + "a\u0301" * (n // 4)),
        150_000,
    ),
    # meeting files
    "meeting file string of n escaped quotes and backslashes": (
        lambda n: _meeting('title = "' + '\\"\\\\' * (n // 4) + '"\n'),
        130_000,
    ),
    "meeting file multi-line strings of quotes": (
        lambda n: _meeting(
            'title = """' + '""\\"' * (n // 4) + '"""\n' + "name = '''" + "''x" * (n // 3) + "'''\n"
        ),
        80_000,
    ),
    "meeting file error after n agenda items": (
        lambda n: _meeting('title = "x"\n' + "[[agenda]]\ntitle = 'a'\n" * (n // 20) + "bad = 1\n"),
        55_000,
    ),
    # lint (check) of n copies of an adversarial line
    "lint of n '#link' lines with ')' and '.'": (
        lambda n: _lint(["#link http://x.org/a)). (b" + ")" * 20] * (n // 40)),
        45_000,
    ),
    "lint of one '#link http://x' then n ')'": (
        lambda n: _lint(["#link http://x" + ")" * n]),
        170_000,
    ),
    "lint of n meetingology lines with blanks": (
        lambda n: _lint(["[info x" + " " * 30 + "y"] * (n // 40), "meetingology"),
        320_000,
    ),
    "lint of a #chair of n nicks": (
        lambda n: _lint(["#chair " + " ".join(f"n{i}" for i in range(n // 5))]),
        110_000,
    ),
    # the bot model
    "the model: n undos and n nicks": (
        lambda n: _model(
            [
                ("a", "#startmeeting x"),
                *[("a", "#info x"), ("a", "#undo")] * (n // 4),
                *[(f"n{i}", "#nick z") for i in range(n // 2)],
            ]
        ),
        8_000,
    ),
}


@pytest.mark.timing  # a ratio of CPU times: runs beside other tests
@pytest.mark.parametrize("case", list(CASES))
def test_linear_time(case: str) -> None:
    make, n = CASES[case]
    assert_linear(make, n)


# --- the hand-written readers read what the patterns they replace read ------------------------

_ALPHABET = [
    "#", "[", "]", "(", ")", "a", "K", "\u017f", "_", "1", " ", "\t", "\n", "\r", "\x1c",
    "\x85", "\xa0", "\u2028", "\u200b", "x", "startmeeting", "#startmeeting", "info", "](",
]  # fmt: skip


def _samples(seed: int, count: int, size: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(_ALPHABET, k=rng.randint(0, size))) for _ in range(count)]


def test_meetingology_and_hcoop_read_as_their_patterns() -> None:
    mgy = re.compile(r"^[#\[](\w+)\]?(?:\s+(.*?)|)\s*$")
    hcoop = re.compile(r"(?i)(^\s*)(#)([a-zA-Z_]+)($|\s+)(.*$)")
    start = re.compile(r"^\s*#startmeeting\s*(.*)$", re.IGNORECASE)
    for text in _samples(1, 30_000, 9):
        m = mgy.match(text)
        want = None if m is None else botsim.Reading(m.group(1).lower(), m.group(2) or "")
        got = botsim.read_line(PROFILES["meetingology"], text.strip())
        if want is not None and want.command in PROFILES["meetingology"].known_commands:
            assert got == want, text
        h = hcoop.match(text)
        assert botsim._hcoop_command(text) == (None if h is None else (h[3], h[5])), text
        s = start.match(text)
        expected = (False, "") if s is None else (True, s[1].strip())
        assert botsim.starts_meeting(PROFILES["hcoop"], text) == expected, text
