"""``--fix`` never reduces or alters what the bot records.

The original and the fixed text are both fed to the bot model; every item of the original that
says anything must come out of the fixed text unchanged (as a reader sees it: control codes and
runs of blanks aside; a link may have its URL first, an action its nicks as separate words, an
over-long item may be split) and no item of the fixed text may hold another line's text.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chair_tui.meeting.botmodel import BotModel, Item, ItemKind, model_of_log
from chair_tui.meeting.checklog import check_file
from chair_tui.meeting.lint import fix_lines
from chair_tui.meeting.lint.recorded import CHAIR, content, has_content, start_line
from chair_tui.meeting.profiles import PROFILES, Profile

DATA = Path(__file__).parent.parent / "data"
REAL_LOGS = [
    (DATA / "workstation-2021-06-30.log.txt", "zodbot"),
    (DATA / "real-minutes" / "magazine.2020-06-10-12.02.log.txt", "zodbot"),
    (DATA / "real-minutes" / "fedora_iot_working_group_meeting.2020-06-10-14.10.log.txt", "zodbot"),
    (DATA / "hcoop-logs" / "wrapped.log.txt", "hcoop"),
    (DATA / "hcoop-logs" / "misfiled.log.txt", "hcoop"),
]
ROSTER = ["chair", "neal", "Chris", "tomas", "bittin[m]"]


def _words(item: Item) -> list[str]:
    """The words of an item as the fix may rearrange them (URL first, nicks respaced)."""
    text = content(item.text)
    if item.kind is ItemKind.LINK:
        words = (w.removeprefix("https://").removeprefix("http://") for w in text.split())
        return sorted(w.rstrip(".)") for w in words)
    if item.kind is ItemKind.ACTION:
        return text.lower().translate(str.maketrans(",/@;", "    ")).split()
    return text.split()


def _kept(before: Item, after: list[Item]) -> bool:
    if any(a.kind is before.kind and _words(a) == _words(before) for a in after):
        return True
    # an over-long item split over consecutive items of its kind
    whole = "".join(content(before.text).split())
    for i, first in enumerate(after):
        if first.kind is not before.kind:
            continue
        joined = ""
        for piece in after[i:]:
            joined += "".join(content(piece.text).split())
            if joined == whole:
                return True
            if not whole.startswith(joined):
                break
    return False


def assert_fix_keeps_items(
    original: list[Item], fixed: list[Item], source_lines: list[str]
) -> None:
    for item in original:
        if has_content(item):
            assert _kept(item, fixed), f"lost or altered by the fix: {item}"
    sources = [_loose(line) for line in source_lines]
    for item in fixed:
        if any(_words(item) == _words(o) and item.kind is o.kind for o in original):
            continue
        # a new item (a verb mapped, a link made right) or a piece of a split one: its words
        # are all words of one source line
        words = _loose(item.text)
        compact = "".join(content(item.text).split())
        assert any(not (words - line) for line in sources) or any(
            compact in "".join(content(line).split()) for line in source_lines
        ), f"an item holds more than one line's text: {item}"


def _loose(text: str) -> Counter[str]:
    """The words of ``text`` with their scheme, glue and trailing '.' or ')' taken off."""
    glue = str.maketrans(",/@;:", "     ")
    words = (w.removeprefix("https://").removeprefix("http://") for w in content(text).split())
    return Counter(piece for w in words for piece in w.rstrip(".)").lower().translate(glue).split())


def _starts(profile: Profile, lines: list[str]) -> bool:
    probe = BotModel(profile)
    for line in lines:
        probe.feed("00:00:00", CHAIR, line)
    return probe.running or probe.ended


def _items(profile: Profile, lines: list[str], started: bool) -> list[Item]:
    """The items ``lines`` make, fed after a start when the original lines hold none that the
    bot reads (``started``: they are lines for a meeting already running)."""
    model = BotModel(profile)
    if started:
        model.feed("00:00:00", CHAIR, start_line(profile))
    made: list[Item] = []
    for line in lines:
        count = len(model.items)
        model.feed("00:00:00", CHAIR, line)
        if len(model.items) > count:
            made.append(model.items[-1])
    return made


@pytest.mark.parametrize(("path", "profile"), REAL_LOGS, ids=lambda x: getattr(x, "name", x))
def test_fixed_real_logs_keep_every_item(tmp_path: Path, path: Path, profile: str) -> None:
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    result = check_file(str(copy), PROFILES[profile], fix=True)
    p = PROFILES[profile]
    original = model_of_log(copy.read_text(encoding="utf-8"), copy, p)
    if result.fixed is None:
        return
    fixed = model_of_log(result.fixed.read_text(encoding="utf-8"), result.fixed, p)
    said = [line.split("> ", 1)[-1] for line in copy.read_text(encoding="utf-8").splitlines()]
    assert_fix_keeps_items(original.items, fixed.items, said)
    # nothing the bot recorded is lost: as many items, but the empty ones the fix drops
    empty = sum(not has_content(i) for i in original.items)
    assert len(original.items) - empty <= len(fixed.items) <= len(original.items) + 5


def test_the_magazine_fix_glues_no_chat_onto_an_item(tmp_path: Path) -> None:
    path = DATA / "real-minutes" / "magazine.2020-06-10-12.02.log.txt"
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    result = check_file(str(copy), None, fix=True)
    assert result.fixed is not None
    p = PROFILES["zodbot"]
    before = model_of_log(copy.read_text(encoding="utf-8"), copy, p).items
    after = model_of_log(result.fixed.read_text(encoding="utf-8"), result.fixed, p).items
    assert len(after) == len(before) == 46
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b.text != a.text]
    # only the five links whose label came first: now URL first, the same words
    assert len(changed) == 5
    assert all(b.kind is a.kind is ItemKind.LINK and _words(a) == _words(b) for b, a in changed)
    assert all(a.url.startswith("https://") for _b, a in changed)


_POOL = st.sampled_from(
    [
        "#info Owen wants agreement from wg for proposals for installing repos by",
        "default, and flathub with a filter",
        "Michael says that these proposals have been discussed and agreed to by the WG,",
        "so this should be uncontroversial.",
        "#topic Discussion with Omar Sandoval about btrfs/fscrypt and what comes next for",
        "#topic: Rollcall",
        "  #info indented",
        "#agreed no objections",
        "#accepted no objections",
        "#reject the proposal",
        "#link Board: https://example.org/kanban",
        "#link example.org/agenda.",
        "#link",
        "#info regrets:",
        "#info \x02bold\x02 text",
        "#action neal, Chris follow up with the kernel people about the encryption and",
        "#action chris to check",
        "#action @neal/Chris to review",
        "neal: want to take the next one?",
        "the rest of the sentence, which goes on here",
        "#info " + "é" * 200,
        "#info " + "word " * 80,
        "",
        "#undo",
        "#startmeeting Workstation WG",
        "#endmeeting",
        "!topic Matrix",
        "#chair neal, Chris",
    ]
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(_POOL, max_size=12),
    profile=st.sampled_from(sorted(PROFILES)),
    roster=st.sampled_from([None, ROSTER]),
)
def test_fix_never_reduces_or_alters_what_the_bot_records(
    lines: list[str], profile: str, roster: list[str] | None
) -> None:
    p = PROFILES[profile]
    fixed = fix_lines(lines, p, attendees=roster)
    started = not _starts(p, lines)
    assert_fix_keeps_items(_items(p, lines, started), _items(p, fixed, started), lines)
