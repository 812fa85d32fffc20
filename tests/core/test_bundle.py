"""The post-meeting bundle: Markdown (parsed with markdown-it-py), e-mail and ticket comments
(golden files from a real session journal), hostile text, tracker links, the CLI."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from chair_tui.cli import main
from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.bundle import (
    Tracker,
    build_bundle,
    leading_owners,
    session_start,
    split_owners,
    ticket_of_url,
)
from chair_tui.meeting.cadence import next_meeting
from chair_tui.meeting.model import AgendaItem, MeetingPlan, Member, Schedule, SkipDate
from chair_tui.meeting.profiles import Kind, get_profile
from chair_tui.meeting.session import Session

DATA = Path(__file__).parent.parent / "data"
WALKED = DATA / "sessions" / "v1-walked.jsonl"
GOLDEN = DATA / "bundle"
SCHEDULE = Schedule(
    "weekly", "2026-06-24", "10:00", "UTC", (SkipDate("2026-07-08", "Flock"),), ("cmurf", "neal")
)


@pytest.fixture
def walked() -> Iterator[Session]:
    s = Session.load(WALKED, sync=False, read_only=True)
    s.profile = get_profile("zodbot")
    yield s
    s.close()


def _bundle_of_walked(s: Session) -> tuple[str, str, str]:
    nxt = next_meeting(SCHEDULE, session_start(s), chair=s.plan.chair)
    b = build_bundle(s, next_meeting=nxt, previous=[("neal: test the ISO", "done")])
    tickets = "".join(f"==> {c.ticket.url} <==\n{c.text}" for c in b.tickets)
    return b.markdown, b.email.text(), tickets


@pytest.mark.parametrize(
    ("index", "name"),
    [(0, "workstation.summary.md"), (1, "workstation.email.txt"), (2, "workstation.tickets.txt")],
)
def test_golden(walked: Session, index: int, name: str) -> None:
    got = _bundle_of_walked(walked)[index]
    path = GOLDEN / name
    if os.environ.get("CHAIR_TUI_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def _tokens(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def _headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [
        (t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]


def _list_items(tokens: list[Token]) -> list[str]:
    return [
        tokens[i + 2].content
        for i, t in enumerate(tokens)
        if t.type == "list_item_open" and tokens[i + 2].type == "inline"
    ]


def test_markdown_parses_into_headings_and_checkboxes(walked: Session) -> None:
    tokens = _tokens(_bundle_of_walked(walked)[0])
    assert _headings(tokens) == [
        ("h1", "Workstation WG meeting, 2026-07-01"),
        ("h2", "Previous action items"),
        ("h2", "Topics"),
        ("h3", "Rollcall"),
        ("h3", "Approval of June 23 minutes"),
        ("h3", "Fesco deadline is today"),
        ("h3", "Open Floor"),
        ("h2", "Action items"),
        ("h2", "Next meeting"),
        ("h2", "Minutes and log"),
    ]
    boxes = [item for item in _list_items(tokens) if item.startswith("[ ] ")]
    assert boxes == ["[ ] @cmurf look into it soon"]
    html = MarkdownIt("commonmark").render(_bundle_of_walked(walked)[0])
    assert "<h1>Workstation WG meeting, 2026-07-01</h1>" in html
    assert "Next meeting: Wed 2026-07-15 10:00 UTC (2026-07-08 cancelled: Flock)" in html


HOSTILE_TITLE = "# Heading <script>alert(1)</script> [x](javascript:alert(1)) `code`"


def _hostile_session() -> Session:
    ticks = iter(range(1_625_000_000, 1_625_100_000, 7))
    plan = MeetingPlan(
        title="WG <img src=x onerror=alert(1)>",
        name="wg",
        profile="zodbot",
        chair="chair",
        channel="#wg",
        members=(Member("neal", "Neal"), Member("al", "Al")),
        agenda=(AgendaItem("x"),),
    )
    s = Session(plan, clock=lambda: float(next(ticks)))
    s.import_raw(
        [
            (Kind.START, "#startmeeting WG"),
            (Kind.TOPIC, f"#topic {HOSTILE_TITLE} https://github.com/o/r/pull/7"),
            (Kind.INFO, "#info 1. not a list | not | a table ~~no~~ ***no*** \\ &amp; @everyone"),
            (Kind.LINK, "#link javascript:alert(1) click"),
            (Kind.LINK, "#link https://bugzilla.redhat.com/show_bug.cgi?id=1234 the bug"),
            (Kind.DECISION, "#agreed ship it <b>now</b> (+5, 0, -0)"),
            (Kind.ACTION, "#action neal, al: check [y](http://evil) \u202egnp.exe"),
            (Kind.ACTION, "#action somebody should call back"),
            (Kind.END, "#endmeeting"),
        ]
    )
    return s


def test_hostile_text_stays_text() -> None:
    b = build_bundle(_hostile_session())
    tokens = _tokens(b.markdown)
    inline = [c for t in tokens if t.children for c in t.children]
    kinds = {t.type for t in tokens} | {c.type for c in inline}
    assert not kinds & {"html_block", "html_inline", "code_inline", "code_block", "fence"}
    links = [c.attrs.get("href") for c in inline if c.type == "link_open"]
    assert all(str(h).startswith("https://") for h in links), links
    assert [h for h in _headings(tokens) if h[0] == "h1"] == [
        ("h1", "WG \\<img src=x onerror=alert\\(1\\)\\> meeting, 2021-06-29")
    ]
    html = MarkdownIt("commonmark").render(b.markdown)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "1. not a list | not | a table ~~no~~ ***no*** \\ &amp;amp; @everyone" in html
    assert "\u202e" not in b.markdown and "\u202e" not in b.email.text()
    # the unassigned action is marked, the others name their owners
    boxes = [i for i in _list_items(tokens) if i.startswith("[ ] ")]
    assert boxes[0].startswith("[ ] @neal @al check")
    assert boxes[1].startswith("[ ] **unassigned** somebody")
    # two tickets: the pull request in the title and the bug
    keys = [(c.ticket.tracker, c.ticket.key) for c in b.tickets]
    assert keys == [(Tracker.GITHUB, "o/r#7"), (Tracker.BUGZILLA, "bugzilla.redhat.com#1234")]
    bug = b.tickets[1].text  # Bugzilla shows plain text: no Markdown escapes there
    assert "- AGREED: ship it <b>now</b> (+5, 0, -0)" in bug
    assert "- neal, al: check [y](http://evil) gnp.exe" in bug


def test_email_subject_cannot_inject_headers() -> None:
    s = _hostile_session()
    s.plan = MeetingPlan(title="WG\r\nBcc: x@example.org", channel="#wg", profile="zodbot")
    email = build_bundle(s).email
    assert "\n" not in email.subject and "\r" not in email.subject
    assert email.subject == "WG Bcc: x@example.org meeting minutes 2021-06-29"


@pytest.mark.parametrize(
    ("url", "tracker", "key"),
    [
        ("https://pagure.io/fesco/issue/2610", Tracker.PAGURE, "fesco#2610"),
        ("https://pagure.io/fedora-qa/pull-request/12", Tracker.PAGURE, "fedora-qa#12"),
        (
            "https://github.com/coreos/fedora-coreos-tracker/issues/1616#issuecomment-1",
            Tracker.GITHUB,
            "coreos/fedora-coreos-tracker#1616",
        ),
        ("https://github.com/o/r/pull/7/files", Tracker.GITHUB, "o/r#7"),
        ("https://gitlab.com/g/sub/p/-/issues/3", Tracker.GITLAB, "g/sub/p#3"),
        ("https://gitlab.gnome.org/GNOME/x/-/merge_requests/9", Tracker.GITLAB, "GNOME/x!9"),
        (
            "https://forge.fedoraproject.org/quality/tickets/issues/916",
            Tracker.FORGEJO,
            "forge.fedoraproject.org/quality/tickets#916",
        ),
        ("https://codeberg.org/a/b/pulls/4", Tracker.FORGEJO, "codeberg.org/a/b#4"),
        (
            "https://bugzilla.redhat.com/show_bug.cgi?id=1234",
            Tracker.BUGZILLA,
            "bugzilla.redhat.com#1234",
        ),
        ("https://bugs.launchpad.net/neutron/+bug/2051935", Tracker.LAUNCHPAD, "neutron#2051935"),
        ("https://launchpad.net/bugs/1", Tracker.LAUNCHPAD, "launchpad#1"),
    ],
)
def test_ticket_of_url(url: str, tracker: Tracker, key: str) -> None:
    ticket = ticket_of_url(url)
    assert ticket is not None and (ticket.tracker, ticket.key) == (tracker, key)


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/o/r",
        "https://example.org/issue/x",
        "javascript:alert(1)//issue/1",
        "ftp://pagure.io/x/issue/1",
        "https://bugzilla.redhat.com/show_bug.cgi?id=abc",
        "https://launchpad.net/ubuntu",
    ],
)
def test_not_a_ticket(url: str) -> None:
    assert ticket_of_url(url) is None


def test_leading_owners() -> None:
    known = ["neal", "Chris", "al"]
    assert leading_owners("neal, chris: review", known) == ("neal", "Chris")
    assert leading_owners("neal and al to call", known) == ("neal", "al")
    assert leading_owners("@al look", known) == ("al",)
    assert leading_owners("somebody calls neal", known) == ()
    assert split_owners("neal: review it", known) == (("neal",), "review it")
    assert split_owners("neal", known) == (("neal",), "neal")


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_cli_summary_formats(walked: Session) -> None:
    code, out, _ = _cli("summary", str(WALKED), "--profile", "zodbot", "--format", "email")
    assert code == ExitCode.OK
    assert out.startswith("Subject: Workstation WG meeting minutes 2026-07-01\n")
    code, out, _ = _cli("summary", str(WALKED), "--profile", "zodbot", "--format", "tickets")
    assert code == ExitCode.OK and out.startswith("==> https://pagure.io/fesco/issue/2610")
    code, out, _ = _cli("summary", str(WALKED))
    assert code == ExitCode.OK and out.startswith("# Workstation WG meeting, 2026-07-01")


def test_cli_summary_with_pasted_urls(tmp_path: Path) -> None:
    pasted = tmp_path / "bot.txt"
    pasted.write_text(
        "Minutes: https://real.example/m.html\nLog: https://real.example/m.log.html\n"
    )
    code, out, _ = _cli("summary", str(WALKED), "--urls", str(pasted))
    assert code == ExitCode.OK
    assert "<https://real.example/m.log.html>" in out and "predicted" not in out


def test_cli_summary_next_without_schedule_is_bad_input() -> None:
    code, _, err = _cli("summary", str(WALKED), "--next")
    assert code == ExitCode.BAD_INPUT and "cadence" in err


def test_cli_next_meeting(tmp_path: Path) -> None:
    meeting = tmp_path / "m.toml"
    meeting.write_text(
        'title = "WG"\nchair = "a"\n[schedule]\ncadence = "weekly"\nanchor = "2021-06-29"\n'
        'time = "16:00"\nchairs = ["a", "b"]\n'
        '[[schedule.skip]]\ndate = "2021-07-06"\nreason = "July 4"\n'
    )
    code, out, _ = _cli("next-meeting", str(meeting), "--after", "2021-06-30")
    assert code == ExitCode.OK
    assert out == (
        "Next meeting: Tue 2021-07-13 16:00 UTC (2021-07-06 cancelled: July 4)\nNext chair: b\n"
    )
