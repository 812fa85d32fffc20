"""Walk a whole meeting with keys, for several bots, and check every line and the clipboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from chair_tui.meeting.session import Session
from chair_tui.tui.app import ChairApp
from tests.helpers.app import make_app
from tests.helpers.clipboard import FakeClipboard


async def type_text(pilot: Pilot[int], text: str) -> None:
    """Type into the focused input: the first letter as a key press, the rest pasted."""
    await pilot.press(text[0])
    focused = pilot.app.focused
    assert isinstance(focused, Input), focused
    focused.insert_text_at_cursor(text[1:])
    await pilot.pause()


async def record(pilot: Pilot[int], key: str, text: str) -> None:
    await pilot.press(key)
    await type_text(pilot, text)
    await pilot.press("enter", "escape")
    await pilot.pause()


async def chair_plainly(pilot: Pilot[int]) -> None:
    """Chair the demo meeting with plain text, so that each bot's lines can be compared whole
    (:func:`tests.helpers.walk.walk_meeting` chairs it with awkward text and every command)."""
    # Start: the start block, then roll call
    await pilot.press("n")
    await pilot.pause()
    # Roll call: cmurf present, mclasen secretary + present, neal present, tpopela regrets
    await pilot.press("p", "s", "p", "p", "r")
    await pilot.press("g")
    await pilot.pause()
    await type_text(pilot, "Omar Sandoval")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("w")
    await pilot.pause()
    # Minutes approval
    await pilot.press("n")
    await pilot.press("v")
    # Topic 1
    await pilot.press("n")
    await record(pilot, "i", "Owen will wait a few hours for feedback")
    await record(pilot, "d", "interested parties comment after the meeting")
    await record(pilot, "a", "Neal otaylor review the proposals")
    # Topic 2
    await pilot.press("n")
    await record(pilot, "l", "design doc https://example.org/btrfs")
    await record(pilot, "e", "use fscrypt for homed")
    # Topic 3, then open floor
    await pilot.press("n", "n")
    await pilot.press("m")
    await pilot.pause()
    focused = pilot.app.focused
    assert isinstance(focused, Input)
    assert focused.value == "Next meeting: Wednesday 2026-07-08"  # a week after the frozen clock
    focused.value = "Next meeting: July 13"
    await pilot.press("enter", "escape")
    await pilot.pause()
    await pilot.press("E")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()


async def copy_everything(pilot: Pilot[int], app: ChairApp) -> list[str]:
    copies = []
    assert app.session is not None
    while app.session.pending():
        await pilot.press("c")
        await pilot.pause()
        copies.append(app.clipboard)
    return copies


COMMON_TAIL = [
    "{p}topic Fesco deadline is today",
    "{p}link https://pagure.io/fesco/issue/2610",
    "{p}info Owen wants agreement from the WG on installing repos by default",
    "{p}info Owen will wait a few hours for feedback",
]

EXPECTED = {
    "meetbot": [
        "#startmeeting Workstation WG",
        "#meetingname workstation",
        "#chair mclasen",
        "#topic Rollcall",
        "#info present: Chris, Matthias (secr.), Neal",
        "#info regrets: Tomas",
        "#info present guests: Omar Sandoval",
        "#nick neal",
        "#topic Approval of June 23 minutes",
        "#link https://discussion.fedoraproject.org/t/workstation-wg-minutes-2021-06-23",
        "#agreed no objections",
        *[t.format(p="#") for t in COMMON_TAIL],
        "#agreed interested parties comment after the meeting",
        "#nick otaylor",
        "#action neal otaylor review the proposals",
        "#topic Discussion with Omar Sandoval about btrfs/fscrypt",
        "#link https://lwn.net/Articles/btrfs-fscrypt",
        "#link https://example.org/btrfs design doc",
        "#idea use fscrypt for homed",
        "#topic Default wallpaper for F35",
        "#topic Open Floor",
        "#info Next meeting: July 13",
        "#endmeeting",
    ],
    "hcoop": [
        "#startmeeting Workstation WG",
        "#meetingname workstation",
        "#chair mclasen",
        "#topic Rollcall",
        "#info present: Chris, Matthias (secr.), Neal",
        "#info regrets: Tomas",
        "#info present guests: Omar Sandoval",
        "#nick neal",
        "#topic Approval of June 23 minutes",
        "#link https://discussion.fedoraproject.org/t/workstation-wg-minutes-2021-06-23",
        "#accepted no objections",
        *[t.format(p="#") for t in COMMON_TAIL],
        "#accepted interested parties comment after the meeting",
        "#nick otaylor",
        "#action neal otaylor review the proposals",
        "#topic Discussion with Omar Sandoval about btrfs/fscrypt",
        "#link https://lwn.net/Articles/btrfs-fscrypt",
        "#link https://example.org/btrfs design doc",
        "#idea use fscrypt for homed",
        "#topic Default wallpaper for F35",
        "#topic Open Floor",
        "#info Next meeting: July 13",
        "#endmeeting",
    ],
    "fedora-matrix": [
        "!startmeeting Workstation WG",
        "!meetingname workstation",
        "!topic Rollcall",
        "!info present: Chris, Matthias (secr.), Neal",
        "!info regrets: Tomas",
        "!info present guests: Omar Sandoval",
        "!topic Approval of June 23 minutes",
        "!link https://discussion.fedoraproject.org/t/workstation-wg-minutes-2021-06-23",
        "!agreed no objections",
        *[t.format(p="!") for t in COMMON_TAIL],
        "!agreed interested parties comment after the meeting",
        "!action neal otaylor review the proposals",
        "!topic Discussion with Omar Sandoval about btrfs/fscrypt",
        "!link https://lwn.net/Articles/btrfs-fscrypt",
        "!link https://example.org/btrfs design doc",
        "!idea use fscrypt for homed",
        "!topic Default wallpaper for F35",
        "!topic Open Floor",
        "!info Next meeting: July 13",
        "!endmeeting",
    ],
}


@pytest.mark.parametrize("profile", sorted(EXPECTED))
async def test_whole_meeting(profile: str, tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = make_app(tmp_path / "data", clipboard, profile=profile)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await chair_plainly(pilot)
        session = app.session
        assert session is not None
        assert session.ended
        assert [ln.text for ln in session.visible_lines()] == EXPECTED[profile]
        copies = await copy_everything(pilot, app)
    # every line went to the clipboard exactly once, in order, in paste-safe chunks
    assert "\n".join(copies).split("\n") == EXPECTED[profile]
    assert clipboard.copies == copies
    if profile == "fedora-matrix":
        # the Matrix bot reads every line of a message: one message a step, the start alone
        assert copies[0] == "!startmeeting Workstation WG"
        for copy in copies:
            topics = [i for i, ln in enumerate(copy.split("\n")) if ln.startswith("!topic ")]
            assert topics in ([], [0]), copy
    else:
        chunk_size = 4
        assert all(len(c.split("\n")) <= chunk_size for c in copies)
    assert all(ln.state == "copied" for ln in session.visible_lines())
    # the saved session holds the same meeting
    assert session.path is not None
    again = Session.load(session.path)
    assert again.export_lines() == EXPECTED[profile]
    assert again.ended
    summary = again.summary()
    if profile != "fedora-matrix":
        assert summary.actions == {
            "neal": ["neal otaylor review the proposals"],
            "otaylor": ["neal otaylor review the proposals"],
        }
    else:
        assert summary.unassigned == ["neal otaylor review the proposals"]
