"""The one escaping helper of every writer: each unsafe character, and only those, escaped."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chair_tui.meeting.errors import UNSAFE_CODE_POINTS, json_printable, printable
from tests.helpers.timing import assert_linear

UNSAFE = "".join(chr(c) for c in sorted(UNSAFE_CODE_POINTS))
TEXT = st.text(alphabet=st.sampled_from([*UNSAFE, "a", "é", "🚀", "\\", " ", "[", "x"]))


def _by_hand(text: str, keep: str = "") -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if code not in UNSAFE_CODE_POINTS or ch in keep:
            out.append(ch)
        elif ch in "\t\n\r":
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r"}[ch])
        else:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return "".join(out)


@settings(max_examples=300)
@given(text=TEXT, keep=st.sampled_from(["", "\t"]))
def test_every_unsafe_character_and_only_those_is_escaped(text: str, keep: str) -> None:
    assert printable(text, keep=keep) == _by_hand(text, keep)


@settings(max_examples=200)
@given(value=st.lists(TEXT))
def test_json_stays_the_same_data_and_holds_no_unsafe_character(value: list[str]) -> None:
    dumped = json_printable(json.dumps(value, ensure_ascii=False, indent=1))
    assert json.loads(dumped) == value
    assert not any(ord(ch) in UNSAFE_CODE_POINTS and ch != "\n" for ch in dumped)


def test_a_long_clean_text_is_returned_as_it_is() -> None:
    text = "16:59:31 <cmurf> #info a line of a long log\t" * 10_000
    assert printable(text, keep="\t") is text


@pytest.mark.timing  # a ratio of CPU times: runs beside other tests
def test_escaping_takes_linear_time() -> None:
    def make(n: int) -> Callable[[], object]:
        text = ("ab\x1b[31m\u202e " * n)[: 9 * n]
        return lambda: printable(text)

    assert_linear(make, 10_000)
