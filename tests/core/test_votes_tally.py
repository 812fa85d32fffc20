"""Vote tallies: every form groups write is read, written back in the meeting file's template,
and read again the same; hostile text is read in linear time."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chair_tui.meeting.votes import (
    DEFAULT_TEMPLATE,
    Tally,
    check_tally,
    find_tallies,
    format_tally,
    normalise_tally,
    parse_tally,
)
from tests.helpers import timing

EXAMPLES = max(10, int(os.environ.get("CHAIR_TUI_HYPOTHESIS_EXAMPLES", "300")) // 3)

REAL = [
    ("#agreed Approve the F40 schedule (+5, 0, -1)", Tally(5, 0, 1), "(+5, 0, -1)"),
    ("!agreed ship it (+5,0,0)", Tally(5, 0, 0), "(+5,0,0)"),
    ("AGREED: go ahead (9, 0, 0)", Tally(9, 0, 0), "(9, 0, 0)"),
    ("!info Votes in the ticket: (+3, 0, -0)", Tally(3, 0, 0), "(+3, 0, -0)"),
    ("APPROVED (+1: 7, 0: 1, -1: 0)", Tally(7, 1, 0), "(+1: 7, 0: 1, -1: 0)"),
    ("Vote result For: 4 Against: 1 Abstain: 2", Tally(4, 2, 1), "For: 4 Against: 1 Abstain: 2"),
    ("For: 4, Against: 0", Tally(4, 0, 0), "For: 4, Against: 0"),
    (
        "Final result is 5 for, 0 against, 1 abstained. Total: 5",
        Tally(5, 1, 0),
        "5 for, 0 against, 1 abstained",
    ),
    ("0 for, 2 against. 4 abstained", Tally(0, 4, 2), "0 for, 2 against. 4 abstained"),
    (
        "Votes for: 1, Votes against: 1, Abstentions: 1",
        Tally(1, 1, 1),
        "Votes for: 1, Votes against: 1, Abstentions: 1",
    ),
    ("Motion accepted: 2 in favor to 1 opposed", Tally(2, 0, 1), "2 in favor to 1 opposed"),
]


@pytest.mark.parametrize(("line", "tally", "written"), REAL)
def test_real_forms_are_read_with_their_span(line: str, tally: Tally, written: str) -> None:
    found = parse_tally(line)
    assert found is not None
    assert found.tally == tally
    assert line[found.start : found.end] == written
    assert found.span == (found.start, found.end)


@pytest.mark.parametrize(
    "line",
    [
        "no tally here",
        "(123456, 0, 0)",  # six digits: not a count
        "forum: 5 against: 2",
        "see items (1, 2)",
        "15for, 2 against",
        "(+5, 0, -1",
    ],
)
def test_text_without_a_tally(line: str) -> None:
    assert parse_tally(line) is None
    assert normalise_tally(line) == line


def test_a_count_never_starts_inside_a_longer_number() -> None:
    found = parse_tally("115 for, 2 against")
    assert found is not None and found.tally == Tally(115, 0, 2)


def test_format_uses_only_the_three_fields() -> None:
    assert format_tally(DEFAULT_TEMPLATE, Tally(5, 0, 1)) == "(+5, 0, -1)"
    assert format_tally("For: {yes} Against: {no} Abstain: {abstain}", Tally(4, 2, 1)) == (
        "For: 4 Against: 1 Abstain: 2"
    )
    assert format_tally("{yes} for, {no} against", Tally(3, 9, 1)) == "3 for, 1 against"


@pytest.mark.parametrize(
    "template", ["{yes.__class__} {no}", "{yes} {no} {0}", "(+{yes})", "{yes}\x07{no}"]
)
def test_unusable_templates_are_refused_and_fall_back(template: str) -> None:
    assert check_tally(template) is not None
    assert format_tally(template, Tally(1, 2, 3)) == "(+1, 2, -3)"


def test_usable_templates_pass() -> None:
    assert check_tally(DEFAULT_TEMPLATE) is None
    assert check_tally("{yes}-{no}") is None


def test_normalise_rewrites_every_tally_and_keeps_the_rest() -> None:
    text = "#agreed A (+5,0,0) and B 5 for, 0 against, 1 abstained."
    assert normalise_tally(text) == "#agreed A (+5, 0, -0) and B (+5, 1, -0)."
    assert normalise_tally(text, "[{yes}/{no}/{abstain}]") == "#agreed A [5/0/0] and B [5/0/1]."
    assert len(find_tallies(text)) == 2


_COUNT = st.integers(min_value=0, max_value=99999)
_TEMPLATES = st.sampled_from(
    [
        DEFAULT_TEMPLATE,
        "({yes}, {abstain}, {no})",
        "For: {yes} Against: {no} Abstain: {abstain}",
        "{yes} for, {no} against, {abstain} abstained",
        "(+1: {yes}, 0: {abstain}, -1: {no})",
    ]
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(_COUNT, _COUNT, _COUNT, _TEMPLATES, st.text(max_size=40), st.text(max_size=40))
def test_format_then_parse_round_trips(
    yes: int, abstain: int, no: int, template: str, before: str, after: str
) -> None:
    tally = Tally(yes, abstain, no)
    written = format_tally(template, tally)
    line = f"{before} {written} {after}"
    found = [m for m in find_tallies(line) if line[m.start : m.end] == written]
    assert found and found[0].tally == tally
    assert parse_tally(written) is not None
    assert normalise_tally(written, template) == written


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet="(+-0123456789, :forabsitnedvgu\t;)", max_size=200))
def test_hostile_text_never_breaks_normalise(text: str) -> None:
    out = normalise_tally(text)
    again = normalise_tally(out)
    assert again == out  # rewriting a rewritten line changes nothing more
    for m in find_tallies(text):
        assert 0 <= m.start < m.end <= len(text)


# the starts of every form, each repeated: a quadratic search of any of them dominates at 10n
_PIECES = ("1", "(1, ", "1 for, ", "for: 1, ", "(+1: ", "1 in favor to ", "votes ", "( ")


@pytest.mark.timing  # a ratio of CPU times: runs beside other tests
def test_tally_search_is_linear() -> None:
    def run(n: int) -> Callable[[], object]:
        text = "".join(p * (n // 8) for p in _PIECES)
        return lambda: normalise_tally(text)

    timing.assert_linear(run, 4000)
