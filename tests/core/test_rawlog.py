"""Raw MeetBot logs: the seed, every accepted line shape, and the errors for the rest."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chair_tui.meeting.botsim import may_start_meeting, starts_meeting
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.profiles import PROFILES, Profile
from chair_tui.meeting.rawlog import (
    LogLine,
    Messages,
    _is_command,
    _Malformed,
    _parse_one,
    _Scan,
    _split_lines,
    chair_of,
    looks_like_log,
    parse_log,
)

SEED = Path(__file__).parent.parent / "data" / "workstation-2021-06-30.log.txt"


def seed_text() -> str:
    return SEED.read_bytes().decode("utf-8")


def test_seed_parses_line_for_line() -> None:
    log = parse_log(seed_text(), SEED)
    assert len(log) == 39
    assert log[0] == LogLine(1, "16:59:31", "cmurf", "#topic Rollcall", False)
    assert log[-1] == LogLine(39, "17:01:14", "cmurf", "#endmeeting", False)
    assert {x.nick for x in log} == {"cmurf"}
    assert [x.lineno for x in log] == list(range(1, 40))


def test_seed_empty_message_is_kept_with_empty_text() -> None:
    log = parse_log(seed_text(), SEED)
    blank = log[5]
    assert (blank.lineno, blank.time, blank.text) == (6, "16:59:41", "")
    assert log[14].text == "#link"


def test_seed_chair_texts_give_back_the_file_byte_for_byte() -> None:
    raw = SEED.read_bytes()
    log = parse_log(raw.decode("utf-8"), SEED)
    chair = chair_of(log)
    assert chair == "cmurf"
    rebuilt = "\n".join(
        f"{x.time} <{x.nick}>" + (f" {x.text}" if x.text else "") for x in log if x.nick == chair
    )
    assert rebuilt.encode("utf-8") == raw
    # and the message texts alone are exactly what followed "<cmurf> " in each line
    expected = [line.partition(b"> ")[2] for line in raw.split(b"\n")]
    assert [x.text.encode("utf-8") for x in log] == expected


@pytest.mark.parametrize(
    ("line", "time", "nick", "text", "action"),
    [
        ("16:59:31 <cmurf> #topic Rollcall", "16:59:31", "cmurf", "#topic Rollcall", False),
        ("[16:59:31] <cmurf> #topic Rollcall", "16:59:31", "cmurf", "#topic Rollcall", False),
        ("16:59 <cmurf> #topic Rollcall", "16:59", "cmurf", "#topic Rollcall", False),
        ("16:59:31 * cmurf waves at everyone", "16:59:31", "cmurf", "waves at everyone", True),
        ("16:59 * cmurf", "16:59", "cmurf", "", True),
        ("16:59:31 <@neal> hi", "16:59:31", "neal", "hi", False),
        ("16:59:31 <+Chris> hi", "16:59:31", "Chris", "hi", False),
        ("16:59:31 < tomas> hi", "16:59:31", "tomas", "hi", False),
        ("16:59:31 <bittin[m]> hello", "16:59:31", "bittin[m]", "hello", False),
        (
            "2024-07-23 17:00:09 <@zbyszek:fedora.im> !info Votes: (+5, 0, 0)",
            "2024-07-23 17:00:09",
            "@zbyszek:fedora.im",
            "!info Votes: (+5, 0, 0)",
            False,
        ),
        ("2024-07-23T17:00:09 <@a:b.org> x", "2024-07-23 17:00:09", "@a:b.org", "x", False),
        ("16:59:41 <cmurf>", "16:59:41", "cmurf", "", False),
        ("16:59:41 <cmurf> ", "16:59:41", "cmurf", "", False),
        ("16:59:41 <cmurf>  #startmeeting WG ", "16:59:41", "cmurf", " #startmeeting WG ", False),
        ("16:59:41 <cmurf> tab\there", "16:59:41", "cmurf", "tab\there", False),
    ],
)
def test_line_shapes(line: str, time: str, nick: str, text: str, action: bool) -> None:
    (got,) = parse_log(line + "\n", "x.log")
    assert got == LogLine(1, time, nick, text, action)


def test_crlf_and_blank_lines() -> None:
    log = parse_log("12:00:00 <a> one  \r\n\r\n   \n12:00:01 <b> two\r\n", "x.log")
    assert [(x.lineno, x.nick, x.text) for x in log] == [(1, "a", "one  "), (4, "b", "two")]


def test_only_newline_splits_lines() -> None:
    (got,) = parse_log("12:00:00 <a> one\u2028two\x0bthree\n", "x.log")
    assert got.text == "one\u2028two\x0bthree"


@pytest.mark.parametrize(
    ("text", "lineno", "column", "words"),
    [
        ("hello world", 1, 1, "expected a time"),
        ("12:00:00 <a> ok\nhello world", 2, 1, "expected a time"),
        ("12:00:00 <a> ok\n\n12:00:01 cmurf says hi", 3, 10, "'<nick> message'"),
        ("12:00:00 <cmurf no close", 1, 25, "'>'"),
        ("12:00:00 <cmurf>glued", 1, 17, "one space"),
        ("12:00:00 <> empty nick", 1, 11, "nick"),
        ("25:00:00 <a> late", 1, 1, "not a valid time"),
        ("12:61 <a> late", 1, 1, "not a valid time"),
        ("[12:00:00 <a> x", 1, 1, "unbalanced"),
        ("12:00:00<a> x", 1, 9, "space after the time"),
        ("12:00:00 * ", 1, 12, "nick after '* '"),
    ],
)
def test_malformed_lines(text: str, lineno: int, column: int, words: str) -> None:
    with pytest.raises(InputError) as err:
        parse_log(text, "meeting.log.txt")
    exc = err.value
    assert (exc.line, exc.column) == (lineno, column)
    assert words in exc.message
    assert str(exc).startswith(f"meeting.log.txt:{lineno}:{column}: not a log line: ")


def test_looks_like_log() -> None:
    assert looks_like_log(seed_text())
    assert not looks_like_log("#topic Rollcall\n#info hi\n")
    assert not looks_like_log("")
    assert not looks_like_log("\n\n")
    mostly = "12:00:00 <a> x\n12:00:01 <a> y\nnot a log line\n"
    assert looks_like_log(mostly)
    half = "12:00:00 <a> x\nnot a log line\n"
    assert not looks_like_log(half)


def test_chair_is_who_started_the_meeting() -> None:
    log = parse_log(
        "12:00:00 <neal> #info early\n"
        "12:00:01 <neal> #info more\n"
        "12:00:02 <cmurf> #startmeeting WG\n"
        "12:00:03 <neal> #info x\n",
        "x.log",
    )
    assert chair_of(log) == "cmurf"
    matrix = parse_log("2024-07-23 17:00:00 <@a:fedora.im> !startmeeting FESCo\n", "x.log")
    assert chair_of(matrix) == "@a:fedora.im"


def test_chair_by_command_count_then_first_speaker() -> None:
    log = parse_log(
        "12:00:00 <neal> hello\n"
        "12:00:01 <neal> hello again\n"
        "12:00:02 <cmurf> #topic A\n"
        "12:00:03 <Chris> #info b\n"
        "12:00:04 <cmurf> #info c\n",
        "x.log",
    )
    assert chair_of(log) == "cmurf"
    tie = parse_log("12:00:00 <b> #info x\n12:00:01 <a> #info y\n", "x.log")
    assert chair_of(tie) == "b"
    chat = parse_log("12:00:00 <b> hi\n12:00:01 <a> hi\n12:00:02 <a> bye\n", "x.log")
    assert chair_of(chat) == "a"
    assert chair_of([]) == ""


def test_chair_of_with_a_profile_uses_only_that_dialect() -> None:
    log = parse_log(
        "12:00:00 <mx> !topic A\n12:00:01 <mx> !info B\n12:00:02 <irc> #info C\n", "x.log"
    )
    assert chair_of(log) == "mx"
    assert chair_of(log, PROFILES["meetbot"]) == "irc"


def test_action_lines_do_not_start_meetings() -> None:
    log = parse_log("12:00:00 * neal #startmeeting X\n12:00:01 <cmurf> #topic A\n", "x.log")
    assert chair_of(log) == "cmurf"


_NICK = st.from_regex(r"[a-zA-Z_\[\]{}|^`][a-zA-Z0-9_\-\[\]{}|^`]{0,15}", fullmatch=True)
_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\n\r"))


@given(nick=_NICK, text=_TEXT)
def test_text_round_trips(nick: str, text: str) -> None:
    (got,) = parse_log(f"01:02:03 <{nick}> {text}", "x.log")
    assert (got.nick, got.text) == (nick, text)


# the one-match reading of the common line shape must agree with the general reader
_SHAPES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "16:59:31",
                "1:02:03",
                "23:59:60",
                "24:00:00",
                "09:5:00",
                "016:00:00",
                "\u0661\u0662:00:00",
                " ",
                "\t",
                "<",
                ">",
                "<cmurf>",
                "<@neal>",
                "<+a>",
                "<~x>",
                "< tomas>",
                "<@a:b.org>",
                "<a b>",
                "<a\xa0b>",
                "* ",
                "\r",
                "#topic x",
            ]
        ),
        st.text(st.characters(exclude_characters="\n"), max_size=3),
    ),
    max_size=6,
).map("".join)


@given(_SHAPES)
def test_the_common_shape_reads_as_the_general_reader_reads_it(line: str) -> None:
    line = line.removesuffix("\r")  # as the file is split into lines
    try:
        expected: LogLine | str = _parse_one(1, line)
    except _Malformed as exc:
        expected = exc.message
    if not line.strip():
        expected = "blank"
    scan = _Scan(line, times=True)
    lines = scan.columns.log_lines()
    got: LogLine | str = lines[0] if lines else "blank"
    if scan.error is not None:
        got = scan.error[1]
    assert got == expected


@given(st.lists(st.tuples(_SHAPES, st.sampled_from(["\n", "\r\n", "\r\r\n", "\r"]))))
def test_a_file_reads_as_its_lines_read_alone(lines: list[tuple[str, str]]) -> None:
    """The whole-file reading (one regular expression for the common shape) gives each line
    what reading that line alone gives, numbered in the file; a CRLF file loses one \\r."""
    text = "".join(line + end for line, end in lines)
    for cut in (0, 1):  # with and without the last line's end
        text = text[: len(text) - cut]
        scan = _Scan(text, times=True)
        expected: list[LogLine] = []
        error = None
        total = 0
        for lineno, line in enumerate(_split_lines(text), start=1):
            alone = _Scan(line, times=True)
            total += alone.total
            if alone.error is not None and error is None:
                error = (lineno, *alone.error[1:])
            expected += [
                LogLine(lineno, x.time, x.nick, x.text, x.action) for x in alone.columns.log_lines()
            ]
        assert scan.columns.log_lines() == expected
        assert (scan.total, scan.error) == (total, error)
        plain = _Scan(text)  # without the times: the same columns
        assert plain.columns.texts == scan.columns.texts
        assert plain.columns.nicks == scan.columns.nicks
        assert list(plain.columns.linenos) == [x.lineno for x in expected]
        assert plain.columns.actions == scan.columns.actions


def _reference_chair(lines: list[LogLine], profile: Profile | None = None) -> str:
    """chair_of the long way: every line asked of every bot, as it was first written."""
    profiles = [profile] if profile is not None else list(PROFILES.values())
    said = [x for x in lines if not x.action]
    for x in said:
        if may_start_meeting(x.text) and any(starts_meeting(p, x.text)[0] for p in profiles):
            return x.nick
    commands = Counter(x.nick for x in said if _is_command(profiles, x.text))
    counts = commands or Counter(x.nick for x in lines)
    if not counts:
        return ""
    best = max(counts.values())
    return next(x.nick for x in lines if counts.get(x.nick) == best)


_SAID = st.sampled_from(
    [
        "#startmeeting WG",
        " #startmeeting",
        "#STARTMEETING x",
        "#startmeetingWG",
        "!startmeeting m",
        "!sm",
        "!",
        "#topic x",
        "#TOPIC x",
        "[topic] x",
        "#info y",
        "#nope",
        "hello",
        "  ",
        "",
        "a\n#startmeeting WG",
        "\n!sm",
        "#startmeeting\n",
        "http://example.org",
    ]
)
_LOG = st.lists(
    st.tuples(st.sampled_from(["cmurf", "neal", "Chris", "al"]), _SAID, st.booleans()),
    max_size=12,
).map(lambda xs: [LogLine(n, "12:00:00", nick, text, me) for n, (nick, text, me) in enumerate(xs)])


@settings(max_examples=400, deadline=None)
@given(log=_LOG, profile=st.sampled_from([None, *sorted(PROFILES)]))
def test_chair_of_agrees_with_the_long_way(log: list[LogLine], profile: str | None) -> None:
    p = None if profile is None else PROFILES[profile]
    expected = _reference_chair(log, p)
    assert chair_of(log, p) == expected
    assert chair_of(Messages.of(log), p) == expected


def test_chair_of_a_long_log_of_commands_and_chatter() -> None:
    """Who sent the most commands wins even when someone else said more, whoever spoke first."""
    lines = [LogLine(1, "12:00:00", "chatty", "hello there", False)]
    for i in range(200):
        lines.append(LogLine(2 + 3 * i, "12:00:00", "chatty", f"more words {i}", False))
        if i % 10 == 0:  # 20 commands, two of them /me lines
            lines.append(LogLine(3 + 3 * i, "12:00:00", "chatty", "#info mine", i % 100 == 0))
        if i % 4 == 0:
            lines.append(LogLine(4 + 3 * i, "12:00:00", "cmurf", f"#topic {i}", False))
    assert chair_of(lines) == _reference_chair(lines) == "cmurf"
    lines.append(LogLine(999, "12:00:00", "al", "#startmeeting late", False))
    assert chair_of(lines) == _reference_chair(lines) == "al"
