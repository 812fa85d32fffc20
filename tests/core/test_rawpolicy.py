"""One raw-command policy: every command of every profile is routed, recorded as itself, or
refused with its reason; the table in docs/profiles.md is this policy; the session records a
raw command as itself, never wrapped in the composer's verb."""

from __future__ import annotations

from pathlib import Path

import pytest

from chair_tui.meeting.compose import parse_composed
from chair_tui.meeting.model import Entry, MeetingPlan
from chair_tui.meeting.profiles import PROFILES, Kind, get_profile
from chair_tui.meeting.rawpolicy import Route, Verdict, policy, refusal
from chair_tui.meeting.render import RenderError
from chair_tui.meeting.session import PENDING, Session, SessionError, model_of_session

DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "profiles.md"
ORDER = ["meetbot", "zodbot", "openstack", "meetingology", "hcoop", "fedora-matrix"]


def cell(name: str, word: str) -> str:
    profile = PROFILES[name]
    d = policy(profile, f"{profile.prefix}{word} x")
    if d.verdict is Verdict.ROUTE:
        assert d.route is not None
        return f"→ {d.route.value}"
    if d.verdict is Verdict.RECORD:
        return "record"
    return "refuse"


def table() -> list[str]:
    words = sorted({w for p in PROFILES.values() for w in p.known_commands} | {"agreed"})
    head = "| command | " + " | ".join(ORDER) + " |"
    rows = [head, "|---|" + "---|" * len(ORDER)]
    for word in words:
        rows.append(f"| `{word}` | " + " | ".join(cell(n, word) for n in ORDER) + " |")
    return rows


def test_the_table_in_the_docs_is_the_policy() -> None:
    doc = DOC.read_text()
    for row in table():
        assert row in doc, row


@pytest.mark.parametrize("name", ORDER)
def test_every_command_of_every_profile_has_a_verdict(name: str) -> None:
    profile = PROFILES[name]
    for word in profile.known_commands:
        d = policy(profile, f"{profile.prefix}{word} some text")
        assert d.command == word
        if d.verdict is Verdict.REFUSE:
            assert d.reason
        if d.verdict is Verdict.ROUTE:
            assert d.route in (Route.START, Route.END, Route.UNDO)


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("hcoop", "#agreed yes", "hcoop-meetbot has no #agreed: decisions are #accepted"),
        ("meetbot", "#save", "in the middle of the meeting"),
        ("meetbot", "#restrictlogs", "who may read the logs"),
        ("meetbot", "#lurk", "stops the bot answering"),
        ("meetbot", "#commands", "lists the bot's commands"),
        ("openstack", "#startvote Approve? yes, no", "goes through the vote key"),
        ("openstack", "#vote yes", "casts one in OpenStack"),
        ("meetingology", "#vote the motion", "opens a vote in meetingology"),
        ("hcoop", "#vote +1", "goes through the vote key"),
        ("hcoop", "#motion do it", "goes through the vote key"),
        ("zodbot", "#vote yes", "zodbot (Fedora IRC) has no #vote"),
        ("zodbot", "#reject it", "has no #reject"),
        ("meetbot", "#failed x", "has no #failed"),
        ("fedora-matrix", "!chair neal", "has no !chair"),
        ("fedora-matrix", "!undo", "has no !undo"),
        ("meetbot", "#frobnicate x", "not a command the bot knows"),
        ("meetbot", "/msg nickserv x", "IRC client command"),
    ],
)
def test_refused_with_the_reason(name: str, text: str, reason: str) -> None:
    d = policy(get_profile(name), text)
    assert d.verdict is Verdict.REFUSE and reason in d.reason, d


@pytest.mark.parametrize(
    ("name", "text", "route"),
    [
        ("meetbot", "#startmeeting x", Route.START),
        ("fedora-matrix", "!sm x", Route.START),
        ("meetbot", "#endmeeting", Route.END),
        ("fedora-matrix", "!em", Route.END),
        ("hcoop", "#undo", Route.UNDO),
    ],
)
def test_routed_to_its_action(name: str, text: str, route: Route) -> None:
    d = policy(get_profile(name), text)
    assert d.verdict is Verdict.ROUTE and d.route is route


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("meetbot", "#unchair neal", Kind.NOTE),
        ("meetbot", "#chair neal", Kind.CHAIR),
        ("meetbot", "#nick omar", Kind.NICK),
        ("meetbot", "#meetingtopic The title", Kind.NOTE),
        ("meetbot", "#meetingname wg", Kind.MEETINGNAME),
        ("meetbot", "#topic Budget", Kind.TOPIC),
        ("meetbot", "#agree yes", Kind.DECISION),
        ("hcoop", "#here Neal", Kind.NOTE),
        ("hcoop", "#inconclusive no quorum", Kind.NOTE),
        ("meetingology", "#done shipped", Kind.NOTE),
        ("fedora-matrix", "#topic Budget", Kind.TOPIC),
    ],
)
def test_recorded_as_itself(name: str, text: str, kind: Kind) -> None:
    d = policy(get_profile(name), text)
    assert d.verdict is Verdict.RECORD and d.kind is kind
    assert refusal(get_profile(name), text) is None


def test_the_other_dialects_prefix_is_said() -> None:
    d = policy(get_profile("fedora-matrix"), "#topic Budget")
    assert "written !topic" in d.reason


PLAN = MeetingPlan(title="WG", name="wg", chair="cmurf", chairs=("cmurf", "neal"))


def session(tmp_path: Path, profile: str = "meetbot") -> Session:
    s = Session.create(PLAN, tmp_path, profile=profile, sync=False)
    s.open_step()
    return s


def test_unchair_typed_in_the_info_composer_is_sent_as_itself(tmp_path: Path) -> None:
    s = session(tmp_path)
    typed = "#unchair neal"
    assert refusal(s.profile, typed, Kind.INFO) is None
    rec = s.record(parse_composed(typed, Kind.INFO, "#"))
    assert [s.line(i).text for i in rec.line_ids] == ["#unchair neal"]
    assert "neal" not in model_of_session(s).chairs
    # the same, handed to the session as an info's text by any other caller: with a note
    rec = s.record(Entry(Kind.INFO, "#unchair neal"))
    assert [s.line(i).text for i in rec.line_ids] == ["#unchair neal"]
    assert any("as typed" in n for n in rec.notes)


def test_a_refused_or_routed_command_is_never_queued_by_the_session(tmp_path: Path) -> None:
    s = session(tmp_path)
    before = [ln.text for ln in s.lines]
    for kind, text in [(Kind.INFO, "#save"), (Kind.DECISION, "#undo"), (Kind.NOTE, "#lurk")]:
        with pytest.raises(RenderError):
            s.record(Entry(kind, text))
    assert [ln.text for ln in s.lines] == before


def test_raw_meetingtopic_and_here_reach_the_model(tmp_path: Path) -> None:
    s = session(tmp_path)
    s.record(parse_composed("#meetingtopic Budget day", Kind.INFO, "#"))
    assert model_of_session(s).title == "Budget day"
    h = session(tmp_path / "h", "hcoop")
    h.record(parse_composed("#here Chair", Kind.NOTE, "#"))
    assert [ln.text for ln in h.lines if ln.state == PENDING][-1] == "#here Chair"


def test_a_typo_in_an_info_is_still_text(tmp_path: Path) -> None:
    s = session(tmp_path)
    rec = s.record(parse_composed("#topci typo", Kind.INFO, "#"))
    assert [s.line(i).text for i in rec.line_ids][-1] == "#info #topci typo"


@pytest.mark.parametrize("typed", ["#undo", "#endmeeting", "#startmeeting again"])
def test_a_routed_command_is_not_recorded_as_a_line(tmp_path: Path, typed: str) -> None:
    s = session(tmp_path)
    s.record(Entry(Kind.INFO, "kept"))
    with pytest.raises(SessionError, match="has its own action"):
        s.record(parse_composed(typed, Kind.NOTE, "#"))
    assert s.summary().topics == [] and [e.text for e in s.live_entries()][-1] == "kept"


@pytest.mark.parametrize(
    ("profile", "typed", "undos"),
    [
        ("meetingology", "#done shipped", 1),  # an item
        ("meetbot", "#meetingtopic The title", 0),  # no item
        ("hcoop", "#unchair neal", 1),  # an event
        ("hcoop", "#here Neal", 1),
    ],
)
def test_undo_of_a_pasted_raw_command_counts_what_the_bot_made(
    tmp_path: Path, profile: str, typed: str, undos: int
) -> None:
    s = session(tmp_path, profile)
    s.record(parse_composed(typed, Kind.NOTE, "#"))
    s.mark_copied([ln.id for ln in s.pending()])
    s.undo()
    assert [ln.text for ln in s.pending()] == ["#undo"] * undos
