"""Whom an action is assigned to, found through the nick index: the same nicks as trying every
nick, each nick's pattern compiled once, and many actions among many nicks in linear time."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from chair_tui.meeting import botsim
from chair_tui.meeting.botmodel import BotModel
from chair_tui.meeting.profiles import PROFILES
from tests.helpers import timing

NICKS = ["neal", "Neal", "al", "chris", "Chris_", "ÅSA", "İbrahim", "a[m]", "foo|bar", "x-y", "ss"]
WORDS = [*NICKS, "call", "neal:", "(chris)", "to", "and", "İ", "ß", "[m]", " ", ",", "NEAL", "\t"]


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(WORDS, k=rng.randint(0, 8))) for _ in range(count)]


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_the_index_finds_what_trying_every_nick_finds(name: str) -> None:
    profile = PROFILES[name]
    index = botsim.NickIndex(NICKS)
    for text in _texts(hash(name) % 1000, 400):
        assert index.assignees(profile, text) == botsim.assignees(profile, text, NICKS), text


def test_a_nick_pattern_is_compiled_once() -> None:
    botsim._nick_matcher.cache_clear()
    profile = PROFILES["meetbot"]
    for _ in range(50):
        botsim.assignees(profile, "neal to check", ["neal", "chris"])
    info = botsim._nick_matcher.cache_info()
    assert info.misses == 2 and info.hits == 98


def test_the_model_assigns_through_the_index_as_before() -> None:
    model = BotModel(PROFILES["hcoop"])
    for nick, text in [
        ("neal", "#startmeeting x"),
        ("chris", "#here Christopher"),
        ("neal", "#action Christopher and neal: review"),
        ("neal", "#action nobody here"),
    ]:
        model.feed("10:00:00", nick, text)
    got = [(item.text, who) for item, who in model.assignments()]
    assert got == [("Christopher and neal: review", ["chris", "neal"]), ("nobody here", [])]


def _model(n: int) -> Callable[[], object]:
    model = BotModel(PROFILES["meetbot"])
    model.feed("10:00:00", "chair", "#startmeeting x")
    for i in range(n):
        model.feed("10:00:01", f"nick{i}", "hello")
    for i in range(n):
        model.feed("10:00:02", "chair", f"#action nick{i} does thing {i}")

    def run() -> object:
        botsim._nick_matcher.cache_clear()  # every run compiles its patterns: n against 10n
        return model.assignments()

    return run


@pytest.mark.timing  # a ratio of CPU times: runs beside other tests
def test_many_actions_among_many_nicks_in_linear_time() -> None:
    timing.assert_linear(_model, 300)
