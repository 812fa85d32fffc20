"""chair-tui compile: the rules of docs/notes.md, the lint-clean property, linear time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chair_tui.cli import main
from chair_tui.meeting.checklog import check_file
from chair_tui.meeting.lint import ERROR, WARNING
from chair_tui.meeting.model import MeetingPlan, Member
from chair_tui.meeting.notes import Compiled, compile_notes
from chair_tui.meeting.notes.blocks import BlockKind, read_blocks
from chair_tui.meeting.profiles import PROFILES, Profile, get_profile
from tests.helpers.timing import assert_linear

EXAMPLES = int(os.environ.get("CHAIR_TUI_HYPOTHESIS_EXAMPLES", "300"))
ZODBOT = get_profile("zodbot")
PLAN = MeetingPlan(
    title="Team",
    profile="zodbot",
    chair="chair",
    members=(
        Member("Conan_Kudo", "Neal Gompa"),
        Member("cmurf", "Chris Murphy"),
        Member("chrisb", "Chris Brown"),
        Member("mclasen", "Matthias Clasen"),
    ),
)


def texts(notes: str, profile: Profile = ZODBOT, plan: MeetingPlan = PLAN) -> list[str]:
    return compile_notes(notes, profile, plan).texts


def test_hard_wrapped_paragraph_is_joined_and_split_at_the_byte_limit() -> None:
    long = " ".join(["word"] * 120)
    notes = f"Michael says these were agreed in the past,\nso this is fine.\n{long}\n"
    out = texts(notes)
    assert out[0] == "#info Michael says these were agreed in the past, so this is fine."
    assert len(out) == 3 and all(len(x.encode()) <= 350 for x in out)
    assert out[1].startswith("#info word") and out[2].startswith("#info word")


def test_headings_topic_lines_bullets_paragraphs() -> None:
    notes = "# Roll call\n\nTopic: Budget\n- one point\n* two\n1. three\nA paragraph.\n"
    assert texts(notes) == [
        "#topic Roll call",
        "#topic Budget",
        "#info one point",
        "#info two",
        "#info three",
        "#info A paragraph.",
    ]
    blocks = read_blocks("Title\n=====\ntext\n")
    assert [b.kind for b in blocks] == [BlockKind.HEADING, BlockKind.TEXT]


def test_decisions_keep_a_tally_in_the_groups_template() -> None:
    plan = MeetingPlan(title="T", vote=PLAN.vote)
    assert texts("AGREED: ship it (+5,0,-1)", plan=plan) == ["#agreed ship it (+5, 0, -1)"]
    assert texts("decision: ship it") == ["#agreed ship it"]
    assert texts("Resolved: ship it") == ["#agreed ship it"]
    assert texts("Rejected: ship it", get_profile("hcoop")) == ["#failed ship it"]
    assert texts("Agreed: ship it", get_profile("hcoop")) == ["#accepted ship it"]


def test_actions_resolve_names_to_nicks_with_nick_first() -> None:
    out = texts("AI: Neal to update the page\nAction: conan_kudo checks it\n")
    assert out == [
        "#nick Conan_Kudo",
        "#action Conan_Kudo Neal to update the page",
        "#action Conan_Kudo checks it",
    ]
    assert texts("Matthias will ask Omar.") == [
        "#nick mclasen",
        "#action mclasen Matthias will ask Omar.",
    ]


def test_unknown_ambiguous_and_ownerless_actions_are_kept_and_reported() -> None:
    compiled = compile_notes("AI: Chris to do it\nTODO: Zed to do it\nTODO: later\n", ZODBOT, PLAN)
    assert compiled.texts == [
        "#action Chris to do it",
        "#action Zed to do it",
        "#action later",
    ]
    codes = [(n.lineno, n.code.value) for n in compiled.notes]
    assert codes == [
        (1, "ambiguous-name"),
        (1, "ownerless"),
        (2, "unknown-name"),
        (2, "ownerless"),
        (3, "ownerless"),
    ]


def test_links() -> None:
    assert texts("https://example.org/a") == ["#link https://example.org/a"]
    assert texts("Slides: https://example.org/s.pdf") == ["#link https://example.org/s.pdf Slides"]
    assert texts("See https://example.org/a for more.") == [
        "#info See https://example.org/a for more."
    ]


def test_labels_with_nothing_after_are_dropped_with_a_note() -> None:
    compiled = compile_notes("regrets:\n#info regrets:\n#link\n", ZODBOT, PLAN)
    assert compiled.texts == []
    assert [n.code.value for n in compiled.notes] == ["dropped"] * 3


def test_present_and_regrets_are_checked_against_the_roster() -> None:
    compiled = compile_notes("present: Neal, Matthias (secr.), Zed\n", ZODBOT, PLAN)
    assert compiled.texts == ["#info present: Neal, Matthias (secr.), Zed"]
    assert [(n.code.value, n.message) for n in compiled.notes] == [
        ("unknown-name", "'Zed' is not in the roster")
    ]


def test_raw_commands_go_through_the_policy() -> None:
    matrix = get_profile("fedora-matrix")
    assert texts("#topic Budget\n#agreed yes", matrix) == ["!topic Budget", "!agreed yes"]
    compiled = compile_notes("#save\n#save now\n#endmeeting\n#unchair cmurf\n", ZODBOT, PLAN)
    assert compiled.texts == ["#info #save now", "#unchair cmurf"]
    assert [n.code.value for n in compiled.notes] == ["dropped", "refused", "routed"]


def test_whole_adds_the_start_and_the_end() -> None:
    out = compile_notes("a point", ZODBOT, PLAN, whole=True).texts
    assert out == ["#startmeeting Team", "#info a point", "#endmeeting"]


def test_lines_grouped_by_topic() -> None:
    compiled = compile_notes("before\n# A\none\n# B\ntwo\n", ZODBOT, PLAN)
    groups = [(t, [ln.text for ln in lines]) for t, lines in compiled.topics()]
    assert groups == [
        (None, ["#info before"]),
        ("A", ["#topic A", "#info one"]),
        ("B", ["#topic B", "#info two"]),
    ]


# ------------------------------------------------------------------ lint-clean property

_WORDS = st.sampled_from(
    [
        "Neal",
        "Chris",
        "Matthias",
        "Zed",
        "conan_kudo",
        "will",
        "to",
        "and",
        "the",
        "review",
        "AI:",
        "Agreed:",
        "Rejected:",
        "TODO:",
        "Topic:",
        "present:",
        "regrets:",
        "Slides:",
        "#info",
        "#topic",
        "#agreed",
        "#action",
        "#link",
        "#save",
        "#endmeeting",
        "#nick",
        "#chair",
        "!topic",
        "/me",
        "#",
        "-",
        "*",
        "1.",
        "(+3,0,-1)",
        "https://example.org/x",
        "https://e.org/(a)",
        "x.org",
        "note:",
        "regrets",
        ":",
        "::",
        "(",
        ")",
        "é",
        "\u202e",
        "\x03",
        "\t",
        "word.",
        "end,",
        "[topic]",
        "#startmeeting",
        "```",
    ]
)
_LINE = st.lists(_WORDS | st.text(max_size=12), max_size=12).map(" ".join)
_NOTES = st.lists(_LINE | st.sampled_from(["", "# Heading", "===", "  indented tail"]), max_size=14)


def _lint(tmp: Path, compiled: Compiled, attendees: list[str] | None) -> list[tuple[str, int]]:
    path = tmp / "lines.txt"
    path.write_text("".join(t + "\n" for t in compiled.texts), encoding="utf-8")
    result = check_file(
        str(path), compiled.profile, fragment=True, attendees=attendees, max_bytes=350
    )
    return [(code, n) for _k, code, n, _m, _f, sev in result.findings if sev in (ERROR, WARNING)]


@settings(
    max_examples=max(10, EXAMPLES // 3),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(notes=_NOTES, profile=st.sampled_from(sorted(PROFILES)))
@example(notes=["#chair conan_kudo"], profile="hcoop")  # a nick in another case: lint's L9
def test_compiled_lines_are_lint_clean_but_for_what_compile_reported(
    tmp_path: Path, notes: list[str], profile: str
) -> None:
    p = get_profile(profile)
    compiled = compile_notes("\n".join(notes), p, PLAN)
    # as `chair-tui check --fragment` runs it: no error or warning at all
    assert _lint(tmp_path, compiled, None) == []
    # with the roster: only the actions compile said the bot will not assign as named
    reported = {n.lineno for n in compiled.notes if n.code.value == "not-assigned"}
    for code, n in _lint(tmp_path, compiled, [m.nick for m in PLAN.members]):
        assert code == "L7" and compiled.lines[n - 1].source in reported, (code, n)


# ------------------------------------------------------------------ linear time


_UNIT = "".join(
    [
        "AI: Neal and Chris to review the page (+1,0,-1)\n",
        "word " * 50 + "\n",
        "- " * 40 + "\n",
        " " * 200 + "x\n",
        "present: " + "Neal, " * 30 + "\n",
        "#info " + "regrets: " * 20 + "\n",
        "Slides" + ":" * 100 + " https://e.org\n",
        "continued in lower case,\n",
    ]
)


@pytest.mark.timing  # a ratio of CPU times: runs beside other tests
def test_compile_is_linear() -> None:
    def make(n: int) -> object:
        text = _UNIT * n
        return lambda: compile_notes(text, ZODBOT, PLAN)

    assert_linear(make, 5)  # type: ignore[arg-type]


@pytest.mark.timing  # a ratio of CPU times: runs beside other tests
def test_one_long_line_is_linear() -> None:
    def make(n: int) -> object:
        text = "Agreed: " + "word, " * n
        return lambda: compile_notes(text, ZODBOT, PLAN)

    assert_linear(make, 200)  # type: ignore[arg-type]


# ------------------------------------------------------------------ the command


def test_cli_compile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# A\nTODO: later\n", encoding="utf-8")
    assert main(["compile", str(notes), "--profile", "zodbot"]) == 0
    out, err = capsys.readouterr()
    assert out == "#topic A\n#action later\n"
    assert f"{notes}:2: warning: no roster (--meeting)" in err
    target = tmp_path / "out.txt"
    assert main(["compile", str(notes), "--whole", "-o", str(target)]) == 0
    assert target.read_text() == "#startmeeting Meeting\n#topic A\n#action later\n#endmeeting\n"
    assert main(["compile", str(tmp_path / "missing.md")]) == 2
    assert main(["compile", str(notes), "--profile", "nope"]) == 2
