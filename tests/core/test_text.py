"""Text hygiene: cleaning, byte counting and splitting at word boundaries."""

from __future__ import annotations

import os
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chair_tui.meeting.text import (
    Piece,
    clean_line,
    clean_paragraphs,
    has_control,
    join_pieces,
    split_text,
    utf8_len,
)

EXAMPLES = int(os.environ.get("CHAIR_TUI_HYPOTHESIS_EXAMPLES", "300"))
PROPERTY = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Pieces of text that have broken IRC lines before: formatting codes, line breaks of every
# kind, NUL, bidi controls, emoji sequences, combining marks, very long words.
SPECIAL = [
    "\x02",
    "\x03",
    "\x0304,12",
    "\x0f",
    "\x16",
    "\x1d",
    "\x1f",
    "\x01",
    "\x01ACTION ",
    "\x00",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\x0b",
    "\x0c",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u200f",
    "\u200b",
    "\xa0",
    "\u3000",
    "👩‍👩‍👧",
    "🇫🇷",
    "e\u0301",
    "\u0301\u0302\u0303",
    "ﷺ",
    "#info ",
    "!topic ",
    "/me ",
    " ",
    "  ",
    "x" * 400,
    "é" * 200,
]
TEXT = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(SPECIAL)), max_size=60).map("".join)


def _is_clean(line: str) -> bool:
    return (
        not has_control(line)
        and line == line.strip()
        and "  " not in line
        and all(not ch.isspace() or ch == " " for ch in line)
    )


# ---------------------------------------------------------------------------------------------
# clean_line / clean_paragraphs


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  hello   world  ", "hello world"),
        ("\x02bold\x02 and \x1funder\x1f", "bold and under"),
        ("\x0304,12red on blue\x03 done", "red on blue done"),
        ("\x0312blue", "blue"),
        ("\x03,5x", ",5x"),  # a lone comma is not a colour
        ("\x04ff0000hex\x04", "hex"),
        ("tab\there", "tab here"),
        ("a\nb", "a b"),  # a line break never glues two words together
        ("a\r\nb", "a b"),
        ("nul\x00byte", "nulbyte"),
        ("\x01ACTION waves\x01", "ACTION waves"),
        ("no\u00a0break", "no break"),
        ("e\u0301t\u00e9", "e\u0301t\u00e9"),  # combining marks are kept
        ("\u202eevil", "\u202eevil"),  # format characters (Cf) are not control characters
        ("\x03\u0663\u0663arabic digits", "\u0663\u0663arabic digits"),
    ],
)
def test_clean_line(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


def test_clean_paragraphs_splits_on_line_breaks_only() -> None:
    text = "one\r\ntwo\rthree\nfour\x0bfive\x0csix\x85seven\u2028eight\u2029nine"
    assert clean_paragraphs(text) == [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
    ]


def test_irc_italics_is_not_a_line_break() -> None:
    # str.splitlines() splits at \x1c-\x1e, but \x1d is IRC italics: it is dropped
    assert clean_paragraphs("an \x1ditalic\x1d word") == ["an italic word"]
    assert clean_paragraphs("a\x1cb\x1ec") == ["abc"]


def test_clean_paragraphs_drops_empty_lines() -> None:
    assert clean_paragraphs("\n\n  \n\x02\x02\nreal\n \t \n") == ["real"]
    assert clean_paragraphs("") == []


@PROPERTY
@given(TEXT)
def test_clean_line_is_clean_and_idempotent(raw: str) -> None:
    line = clean_line(raw)
    assert _is_clean(line)
    assert clean_line(line) == line
    assert not any(unicodedata.category(ch) == "Cc" for ch in line)


@PROPERTY
@given(TEXT)
def test_clean_paragraphs_are_clean_and_non_empty(raw: str) -> None:
    paragraphs = clean_paragraphs(raw)
    for p in paragraphs:
        assert p
        assert _is_clean(p)
        assert clean_line(p) == p
    # cleaning never invents or loses words: only spacing and control characters change
    assert "".join(paragraphs).replace(" ", "") == "".join(clean_line(raw).split(" ")).replace(
        " ", ""
    )


# ---------------------------------------------------------------------------------------------
# utf8_len / split_text


def test_utf8_len_counts_bytes() -> None:
    assert utf8_len("abc") == 3
    assert utf8_len("é") == 2
    assert utf8_len("€") == 3
    assert utf8_len("😀") == 4
    assert utf8_len("\ud800") == 3  # a lone surrogate still has a size


def test_split_text_keeps_short_text_whole() -> None:
    assert split_text("hello world", 100, 100) == [Piece("hello world", "")]


def test_split_text_cuts_at_spaces() -> None:
    pieces = split_text("aaa bbb ccc ddd", 8, 8)
    assert [p.text for p in pieces] == ["aaa bbb", "ccc ddd"]
    assert [p.joiner for p in pieces] == ["", " "]
    assert join_pieces(pieces) == "aaa bbb ccc ddd"


def test_split_text_uses_the_first_budget_first() -> None:
    pieces = split_text("aaa bbb ccc ddd eee", 4, 12)
    assert [p.text for p in pieces] == ["aaa", "bbb ccc ddd", "eee"]


def test_split_text_cuts_a_long_word_with_an_empty_joiner() -> None:
    pieces = split_text("x" * 10, 4, 4)
    assert [p.text for p in pieces] == ["xxxx", "xxxx", "xx"]
    assert [p.joiner for p in pieces] == ["", "", ""]


def test_split_text_never_cuts_inside_a_character() -> None:
    pieces = split_text("é" * 5, 5, 5)  # 10 bytes, 2 bytes a character
    assert [p.text for p in pieces] == ["éé", "éé", "é"]


def test_split_text_keeps_combining_marks_with_their_letter() -> None:
    word = "e\u0301" * 4  # 3 bytes per letter+accent
    pieces = split_text(word, 5, 5)
    for p in pieces:
        assert not unicodedata.combining(p.text[0])
    assert join_pieces(pieces) == word


def test_split_text_refuses_tiny_budgets() -> None:
    with pytest.raises(ValueError):
        split_text("abc", 3, 10)


@PROPERTY
@given(TEXT, st.integers(4, 400), st.integers(4, 400))
def test_split_text_round_trips_within_budgets(raw: str, first: int, rest: int) -> None:
    text = clean_line(raw)
    pieces = split_text(text, first, rest)
    assert join_pieces(pieces) == text
    for i, piece in enumerate(pieces):
        assert piece.text
        assert utf8_len(piece.text) <= (first if i == 0 else rest)
        assert piece.joiner in (("",) if i == 0 else ("", " "))
        assert piece.text == piece.text.strip()
