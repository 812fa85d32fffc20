"""Meeting files: the documented keys, the Markdown agenda, and every way a file can be bad."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chair_tui.meeting.agenda_md import parse_markdown_agenda
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.meetingfile import (
    MAX_MEETING_BYTES,
    agenda_from_dict,
    agenda_to_dict,
    demo_path,
    load_demo,
    load_meeting,
    parse_meeting,
    plan_from_dict,
    plan_to_dict,
)
from chair_tui.meeting.model import (
    AgendaItem,
    MeetingPlan,
    Member,
    MinutesApproval,
    Schedule,
    VoteSettings,
)
from chair_tui.meeting.profiles import PROFILES
from chair_tui.meeting.text import is_irc_nick

FULL = """\
title = "Workstation WG"
name = "workstation"
profile = "zodbot"
chair = "cmurf"
chairs = ["mclasen"]
channel = "#fedora-meeting-2"
rollcall_title = "Rollcall"
open_floor_title = "AOB"
max_bytes = 300

[[members]]
nick = "cmurf"
name = "Chris"

[[members]]
nick = "neal"

[minutes_approval]
date = "June 23"
link = "https://example.org/minutes"

[[agenda]]
title = "Fesco deadline"
links = ["https://pagure.io/fesco/issue/2610", "https://example.org/b the proposal"]
info = ["Owen wants agreement"]
minutes = 15

[[agenda]]
title = "Wallpaper"
link = "https://example.org/wallpaper"
"""


def write(tmp_path: Path, text: str, name: str = "meeting.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def error_of(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_meeting(path)
    return info.value


# ---------------------------------------------------------------------------------------------
# The documented keys


def test_every_documented_key(tmp_path: Path) -> None:
    plan = load_meeting(write(tmp_path, FULL))
    assert plan.title == "Workstation WG"
    assert plan.name == "workstation"
    assert plan.profile == "zodbot"
    assert plan.chair == "cmurf"
    assert plan.chairs == ("cmurf", "mclasen")  # the chair is always one of the chairs
    assert plan.channel == "#fedora-meeting-2"
    assert plan.rollcall_title == "Rollcall"
    assert plan.open_floor_title == "AOB"
    assert plan.max_bytes == 300
    assert plan.members == (Member("cmurf", "Chris"), Member("neal", ""))
    assert plan.minutes_approval == MinutesApproval("June 23", "https://example.org/minutes")
    assert plan.agenda == (
        AgendaItem(
            "Fesco deadline",
            ("https://pagure.io/fesco/issue/2610", "https://example.org/b the proposal"),
            ("Owen wants agreement",),
            15,
        ),
        AgendaItem("Wallpaper", ("https://example.org/wallpaper",)),
    )


def test_defaults(tmp_path: Path) -> None:
    plan = load_meeting(write(tmp_path, 'title = "T"\n'))
    assert plan.profile == "meetbot"
    assert (plan.name, plan.chair, plan.chairs, plan.channel) == ("", "", (), "")
    assert plan.rollcall_title == "Roll call"
    assert plan.open_floor_title == "Open Floor"
    assert plan.max_bytes == 350
    assert plan.members == () and plan.agenda == ()
    assert plan.minutes_approval is None


def test_first_of_chairs_is_the_chair_when_none_is_given(tmp_path: Path) -> None:
    plan = load_meeting(write(tmp_path, 'title = "T"\nchairs = "neal"\n'))
    assert plan.chair == "neal" and plan.chairs == ("neal",)


def test_strings_are_cleaned(tmp_path: Path) -> None:
    plan = load_meeting(write(tmp_path, 'title = "  Work\\tstation \\u0002WG\\n "\n'))
    assert plan.title == "Work station WG"


def test_minutes_approval_title() -> None:
    assert MinutesApproval("June 23").title == "Approval of June 23 minutes"
    assert MinutesApproval().title == "Approval of the last minutes"


def test_demo_loads() -> None:
    plan = load_demo()
    assert plan.title and plan.members and plan.agenda
    assert demo_path().name == "demo.toml"


def test_is_irc_nick() -> None:
    assert is_irc_nick("cmurf") and is_irc_nick("bittin[m]")
    assert not is_irc_nick("a b") and not is_irc_nick("#chan") and not is_irc_nick("")


# ---------------------------------------------------------------------------------------------
# Bad content


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ('title = "x"\nname = = 3\n', ":2:8:", "TOML syntax"),
        ('title = "x\n', ":1:", "TOML syntax"),
        ("title = 5\n", ":1:", "'title' must be a string, not a number"),
        ('title = "x"\nchairs = [1, 2]\n', ":2:", "'chairs' must be a list of strings"),
        ('title = "x"\nmembers = "neal"\n', ":2:", "array of tables"),
        ('title = "x"\nmax_bytes = true\n', ":2:", "'max_bytes' must be a whole number"),
        ('title = "x"\nmax_bytes = 1000\n', ":2:", "from 60 to 450"),
        ('title = "x"\nprofile = "zod"\n', ":2:", "unknown profile 'zod'"),
        ('name = "x"\n', "", "needs a 'title'"),
        ('title = "   "\n', ":1:", "'title' is empty"),
        ('title = "x"\nprofil = "zodbot"\n', ":2:", "did you mean 'profile'?"),
        ('title = "x"\n[[agenda]]\ntitel = "a"\n', ":3:", "did you mean 'title'?"),
        ('title = "x"\n[[members]]\nnick = "a b"\n', ":3:", "is not an IRC nick"),
        ('title = "x"\nchair = "#chan"\n', ":2:", "is not an IRC nick"),
        ('title = "x"\n[[members]]\nnick = "a"\n[[members]]\nnick = "A"\n', ":5:", "twice"),
        ('title = "x"\n[[agenda]]\ntitle = "a"\nlinks = ["agenda"]\n', ":4:", "URL"),
        ('title = "x"\n[[agenda]]\ntitle = "a"\nlinks = ["gopher://x"]\n', ":4:", "URL"),
        ('title = "x"\n[[agenda]]\ntitle = "a"\nminutes = 0\n', ":4:", "from 1 to 600"),
        ('title = "x"\n[[agenda]]\nlinks = []\n', ":2:", "needs a 'title'"),
        ('title = "x"\n[minutes_approval]\nlink = "minutes"\n', ":3:", "URL"),
        ('title = "x"\nminutes_approval = 3\n', ":2:", "must be a table"),
        ('title = "x"\nagenda_markdown = ""\n', ":2:", "is empty"),
    ],
)
def test_bad_content(tmp_path: Path, text: str, where: str, words: str) -> None:
    path = write(tmp_path, text)
    err = error_of(path)
    message = str(err)
    assert message.startswith(f"{path}{where}" if where else f"{path}: "), message
    assert words in message
    assert "\n" not in message


# What the modules that own a concept refuse, on the line that holds it


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('title = "x"\n[vote]\nrule = "fesco"\n', 3, "[vote]: unknown vote rule 'fesco'"),
        ('title = "x"\n[vote]\nrule = "majority:3/2"\n', 3, "[vote]: "),
        ('title = "x"\n\n[vote]\nquorum = "most"\n', 4, "[vote]: unknown quorum 'most'"),
        ('title = "x"\n[vote]\ntally = "{yes}/{no}"\nrule = "x"\n', 4, "unknown vote rule"),
        ('title = "x"\n[vote]\ntally = "+{yes}"\n', 3, "[vote]: the tally template must"),
        ('title = "x"\n[vote]\ntally = "{yes} {no} {maybe}"\n', 3, "knows only {yes}"),
        (
            'title = "x"\n[schedule]\ncadence = "every blue moon"\n',
            3,
            "[schedule]: unknown cadence 'every blue moon'",
        ),
        (
            'title = "x"\n[schedule]\ncadence = "weekly"\ntimezone = "Mars/Base"\n',
            4,
            "[schedule]: unknown time zone 'Mars/Base'",
        ),
        (
            'title = "x"\n[schedule]\ntimezone = "../etc/passwd"\n',
            3,
            "unknown time zone",
        ),
        (
            'title = "x"\n[schedule]\ntime = "18:00"\ncadence = "monthly"\n',
            4,
            "[schedule]: cadence 'monthly' needs an anchor date",
        ),
        ('title = "x"\nprevious_actions = true\n', 2, "a ledger needs the meeting file's name"),
        ('title = "x"\nname = "' + "n" * 121 + '"\n', 2, "too long for a ledger file"),
        (
            'title = "x"\nname = "' + "n" * 121 + '"\nprevious_actions = true\n',
            2,
            "too long for a ledger file",
        ),
    ],
)
def test_a_value_its_module_refuses_is_an_error_on_its_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = write(tmp_path, text)
    err = error_of(path)
    assert err.line == line, str(err)
    assert str(err).startswith(f"{path}:{line}: "), str(err)
    assert words in str(err)
    assert "\n" not in str(err)


def test_values_their_modules_accept(tmp_path: Path) -> None:
    text = (
        'title = "x"\nname = "' + "n" * 120 + '"\n'
        '[vote]\nrule = "majority:>1/2:cast"\nquorum = "quorum:50%"\n'
        'tally = "{yes} for, {no} against"\n'
        '[schedule]\ncadence = "monthly: 2nd tuesday"\ntimezone = "Europe/Prague"\n'
    )
    plan = load_meeting(write(tmp_path, text))
    assert plan.vote == VoteSettings("majority:>1/2:cast", "quorum:50%", "{yes} for, {no} against")
    assert plan.schedule == Schedule("monthly: 2nd tuesday", timezone="Europe/Prague")


def test_no_ledger_no_ledger_check(tmp_path: Path) -> None:
    # a file without a name keeps no ledger; with previous_actions = false it keeps none either
    assert load_meeting(write(tmp_path, 'title = "x"\n')).previous_actions is None
    long_name = 'title = "x"\nname = "' + "n" * 121 + '"\nprevious_actions = false\n'
    assert load_meeting(write(tmp_path, long_name)).previous_actions is False


def test_a_session_s_plan_is_not_refused_for_a_time_zone_this_machine_lacks() -> None:
    # the time zone is looked up when a meeting file is read, not when a session is
    data = {"title": "x", "schedule": {"cadence": "weekly", "timezone": "Nowhere/Land"}}
    assert plan_from_dict(data, "session").schedule.timezone == "Nowhere/Land"
    with pytest.raises(InputError, match="unknown vote rule"):
        plan_from_dict({"title": "x", "vote": {"rule": "fesco"}}, "session")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            'title = "x"\n[[agenda]]\ntitle = "a"\nminutes = 5\n'
            '[[agenda]]\ntitle = "b"\nminutes = 0\n',
            7,
        ),
        ('title = "x"\n[[members]]\nnick = "neal"\n[[members]]\nnick = "bad nick"\n', 5),
        ('title = "x"\n[[agenda]]\ntitle = "a"\n[[agenda]]\nlinks = []\n', 4),
        ('title = "x"\n[[agenda]]\ntitle = ""\n', 3),
        (
            'title = "x"\n[[agenda]]\ntitle = "a"\nlink = "https://a.org"\n\n'
            '[minutes_approval]\ndate = "d"\nlink = "nope"\n',
            8,
        ),
        ('title = "x"\n[[agenda]]\ntitle = "a"\n[[agenda]]  # second\ntitel = "b"\n', 5),
    ],
)
def test_errors_point_at_the_table_they_are_in(tmp_path: Path, text: str, line: int) -> None:
    assert error_of(write(tmp_path, text)).line == line


def test_toml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, 'title = "x"\n\nname = = 3\n'))
    assert (err.line, err.column) == (3, 8)
    assert str(err).startswith(f"{tmp_path / 'meeting.toml'}:3:8: TOML syntax: ")


# ---------------------------------------------------------------------------------------------
# Bad files


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    assert str(error_of(path)) == f"{path}: no such file"


def test_directory(tmp_path: Path) -> None:
    assert "is a directory" in str(error_of(tmp_path))
    assert str(error_of(tmp_path)).startswith(str(tmp_path))


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(b'title = "x"\nname = "caf\xe9"\n')
    err = error_of(path)
    assert str(err) == f"{path}:2:12: not valid UTF-8 text"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(b"\x7fELF\x02\x01\x00\x00")
    assert str(error_of(path)) == f"{path}: looks like a binary file (it contains NUL bytes)"


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(b"#" * (MAX_MEETING_BYTES + 1))
    assert "too large" in str(error_of(path))


def test_bom_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(b'\xef\xbb\xbftitle = "x"\n')
    assert load_meeting(path).title == "x"


# ---------------------------------------------------------------------------------------------
# Markdown agenda

AGENDA_MD = """\
# Workstation WG

Some prose that is not part of the agenda.

- Fesco deadline https://pagure.io/fesco/issue/2610
  - Owen wants agreement
  - see also <https://example.org/extra>
* [Wallpaper](https://example.org/wallpaper)
1. Omar about btrfs:
2) [ ] [Notes](notes.md) for next time
- https://example.org/only-a-link

## Not a title
"""


def test_markdown_agenda() -> None:
    agenda = parse_markdown_agenda(AGENDA_MD, "agenda.md")
    assert agenda.title == "Workstation WG"
    assert agenda.members == ()
    assert list(agenda.items) == [
        AgendaItem(
            "Fesco deadline",
            # the text before a link describes it: not an "#info see also" of its own
            ("https://pagure.io/fesco/issue/2610", "https://example.org/extra see also"),
            ("Owen wants agreement",),
        ),
        AgendaItem("Wallpaper", ("https://example.org/wallpaper",)),
        AgendaItem("Omar about btrfs"),
        AgendaItem("Notes for next time"),  # a relative link target is not a URL
        AgendaItem("https://example.org/only-a-link", ("https://example.org/only-a-link",)),
    ]


def test_markdown_file_as_the_meeting(tmp_path: Path) -> None:
    plan = load_meeting(write(tmp_path, AGENDA_MD, "weekly.md"))
    assert plan.title == "Workstation WG"
    assert len(plan.agenda) == 5
    plan = load_meeting(write(tmp_path, "- One\n- Two\n", "weekly.md"))
    assert plan.title == "weekly"
    assert [a.title for a in plan.agenda] == ["One", "Two"]


def test_markdown_without_a_list_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "# Title\n\nJust prose.\n", "a.md")
    assert str(error_of(path)) == (
        f"{path}: no agenda items found (expected a Markdown list: '- Topic')"
    )


def test_agenda_markdown_key_adds_the_items(tmp_path: Path) -> None:
    write(tmp_path, "- From markdown https://example.org/md\n", "agenda.md")
    text = 'title = "T"\nagenda_markdown = "agenda.md"\n[[agenda]]\ntitle = "From TOML"\n'
    plan = load_meeting(write(tmp_path, text))
    assert [a.title for a in plan.agenda] == ["From TOML", "From markdown"]


ROSTER_MD = "# Weekly\n\n## Members\n- alice: Alice A\n- bob\n\n## Agenda\n- One\n"


def test_a_markdown_agenda_s_members_are_the_roster_of_a_file_without_one(
    tmp_path: Path,
) -> None:
    write(tmp_path, ROSTER_MD, "agenda.md")
    plan = load_meeting(write(tmp_path, 'title = "T"\nagenda_markdown = "agenda.md"\n'))
    assert plan.members == (Member("alice", "Alice A"), Member("bob", ""))
    assert [a.title for a in plan.agenda] == ["One"]
    text = 'title = "T"\nagenda_markdown = "agenda.md"\n[[members]]\nnick = "carol"\n'
    plan = load_meeting(write(tmp_path, text))
    assert plan.members == (Member("carol", ""),)  # the meeting file's own roster wins


def test_a_markdown_file_alone_gives_its_members(tmp_path: Path) -> None:
    plan = load_meeting(write(tmp_path, ROSTER_MD, "weekly.md"))
    assert plan.title == "Weekly"
    assert plan.members == (Member("alice", "Alice A"), Member("bob", ""))


def test_a_bad_roster_line_names_the_markdown_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "## Members\n- alice: A\n- not a nick: B\n\n## A\n- One\n", "a.md")
    err = error_of(write(tmp_path, 'title = "T"\nagenda_markdown = "a.md"\n'))
    assert err.line == 3 and str(err).startswith(f"{path}:3: members: 'not a nick'")


def test_agenda_markdown_missing_names_the_markdown_file(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, 'title = "T"\nagenda_markdown = "gone.md"\n'))
    assert str(err) == f"{tmp_path / 'gone.md'}: no such file"


def test_parse_meeting_without_a_file() -> None:
    assert parse_meeting('title = "x"\n').title == "x"
    with pytest.raises(InputError, match=r"^<meeting>: "):
        parse_meeting("title = 1\nx=", "<meeting>")


@pytest.mark.parametrize("name", ["two\nlines.toml", "clear\x1b[2Jscreen.toml"])
def test_a_file_name_with_control_characters_gives_one_clean_line(
    tmp_path: Path, name: str
) -> None:
    path = write(tmp_path, "title = \n", name)
    message = str(error_of(path))
    assert not any(ch < " " or ch == "\x7f" for ch in message), repr(message)
    assert message.startswith(str(tmp_path))
    assert ("\\n" in message) or ("\\x1b" in message)


# ---------------------------------------------------------------------------------------------
# The plan as a dict (what a session file keeps), and back


def test_plan_to_dict_writes_every_field(tmp_path: Path) -> None:
    plan = load_meeting(write(tmp_path, FULL))
    assert plan_to_dict(plan) == {
        "title": "Workstation WG",
        "name": "workstation",
        "profile": "zodbot",
        "chair": "cmurf",
        "chairs": ["cmurf", "mclasen"],
        "channel": "#fedora-meeting-2",
        "rollcall_title": "Rollcall",
        "open_floor_title": "AOB",
        "members": [{"nick": "cmurf", "name": "Chris"}, {"nick": "neal", "name": ""}],
        "agenda": [
            {
                "title": "Fesco deadline",
                "links": [
                    "https://pagure.io/fesco/issue/2610",
                    "https://example.org/b the proposal",
                ],
                "info": ["Owen wants agreement"],
                "minutes": 15,
            },
            {"title": "Wallpaper", "links": ["https://example.org/wallpaper"], "info": []},
        ],
        "max_bytes": 300,
        "minutes_approval": {"date": "June 23", "link": "https://example.org/minutes"},
    }
    assert "minutes_approval" not in plan_to_dict(MeetingPlan("T"))


@pytest.mark.parametrize(
    "plan",
    [
        load_demo(),
        MeetingPlan("T"),
        MeetingPlan("T", chair="neal", chairs=("neal",), minutes_approval=MinutesApproval()),
        MeetingPlan(
            "Weekly",
            profile="fedora-matrix",
            agenda=(AgendaItem("First", ("irc://libera.chat/#x",), ("a", "b"), 600),),
        ),
    ],
)
def test_plan_from_dict_reads_back_what_plan_to_dict_wrote(plan: MeetingPlan) -> None:
    assert plan_from_dict(plan_to_dict(plan), Path("meeting.toml")) == plan


_WORD = st.text("aZ09-:.#!é漢😀", min_size=1, max_size=6)
_LINE = st.lists(_WORD, min_size=1, max_size=4).map(" ".join)
_OPTIONAL_LINE = st.one_of(st.just(""), _LINE)
_NICK = st.builds(str.__add__, st.sampled_from("aZ_[]{}|^`"), st.text("aZ09_[]{}|^`-", max_size=8))
_URL = st.builds(
    "{}://{}".format,
    st.sampled_from(["https", "http", "irc", "ftp", "mailto", "ssh"]),
    st.text("az09./%~-", min_size=1, max_size=12),
)
_LINK = st.one_of(_URL, st.builds(lambda url, words: f"{url} {words}", _URL, _LINE))
_AGENDA_ITEM = st.builds(
    AgendaItem,
    _LINE,
    st.lists(_LINK, max_size=3).map(tuple),
    st.lists(_LINE, max_size=3).map(tuple),
    st.one_of(st.none(), st.integers(1, 600)),
)


@st.composite
def _plans(draw: st.DrawFn) -> MeetingPlan:
    """Plans as plan_from_dict makes them: cleaned text, valid nicks and URLs, the chair
    among the chairs."""
    chairs = tuple(draw(st.lists(_NICK, max_size=3, unique=True)))
    return MeetingPlan(
        title=draw(_LINE),
        name=draw(_OPTIONAL_LINE),
        profile=draw(st.sampled_from(sorted(PROFILES))),
        chair=draw(st.sampled_from(chairs)) if chairs else "",
        chairs=chairs,
        channel=draw(_OPTIONAL_LINE),
        rollcall_title=draw(_LINE),
        open_floor_title=draw(_LINE),
        members=tuple(
            draw(
                st.lists(
                    st.builds(Member, _NICK, _OPTIONAL_LINE),
                    max_size=4,
                    unique_by=lambda m: m.nick.lower(),
                )
            )
        ),
        minutes_approval=draw(
            st.one_of(
                st.none(),
                st.builds(MinutesApproval, _OPTIONAL_LINE, st.one_of(st.just(""), _URL)),
            )
        ),
        agenda=tuple(draw(st.lists(_AGENDA_ITEM, max_size=4))),
        max_bytes=draw(st.integers(60, 450)),
    )


@settings(max_examples=50, deadline=None)
@given(_plans())
def test_any_plan_survives_the_round_trip(plan: MeetingPlan) -> None:
    assert plan_from_dict(plan_to_dict(plan), Path("meeting.toml")) == plan


@pytest.mark.parametrize(
    "item",
    [
        AgendaItem("T"),
        AgendaItem("T", ("https://example.org a b",), ("one", "two"), 15),
        *load_demo().agenda,
    ],
)
def test_an_agenda_item_survives_the_round_trip(item: AgendaItem) -> None:
    d = agenda_to_dict(item)
    assert ("minutes" in d) == (item.minutes is not None)
    assert agenda_from_dict(d) == item


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        (True, "agenda item 'T': time-box True is not a number"),
        ("15", "agenda item 'T': time-box '15' is not a number"),
        (1.5, "agenda item 'T': time-box 1.5 is not a number"),
    ],
)
def test_agenda_from_dict_refuses_a_time_box_that_is_not_a_number(
    minutes: object, message: str
) -> None:
    with pytest.raises(ValueError) as info:
        agenda_from_dict({"title": "T", "minutes": minutes})
    assert str(info.value) == message


def test_agenda_from_dict_defaults() -> None:
    assert agenda_from_dict({"title": "T"}) == AgendaItem("T")
