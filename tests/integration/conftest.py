"""Fixtures for the integration tests: one real IRC network (ngIRCd + MeetBot) per session.

When ngIRCd or Limnoria/hcoop-meetbot is missing the tests are skipped, unless ``CI=true``:
then they fail, so that a CI machine without the parts cannot go green by skipping.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

import pytest

from .harness import HcoopMeetbot, IrcTestNetwork, check_availability, running_in_ci

#: Channels the bot joins at start-up; each test claims its own.
CHANNELS = tuple(f"#chairtest-{i:02d}" for i in range(1, 13))

_MISSING_PARTS_FLAG = "integration_parts_missing"


class IntegrationPartsMissingError(Exception):
    """Raised in CI when the integration parts are not installed."""


@pytest.fixture(scope="session")
def irc_network() -> Iterator[IrcTestNetwork]:
    """ngIRCd on 127.0.0.1 and Limnoria with hcoop-meetbot, started once per test session."""
    availability = check_availability()
    if not availability.ok:
        if running_in_ci():
            raise IntegrationPartsMissingError(f"CI=true and {availability.reason}")
        pytest.skip(availability.reason)
    with IrcTestNetwork(HcoopMeetbot(nick="meetbot"), CHANNELS) as network:
        yield network


@pytest.fixture
def channel(irc_network: IrcTestNetwork) -> str:
    """A channel the bot sits in that no other test of this session uses."""
    return irc_network.claim_channel()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if call.excinfo is not None and call.excinfo.errisinstance(IntegrationPartsMissingError):
        setattr(report, _MISSING_PARTS_FLAG, True)
    return report


def pytest_report_teststatus(
    report: pytest.TestReport, config: pytest.Config
) -> tuple[str, str, str] | None:
    # A fixture error is normally reported as "error"; missing parts in CI are a test failure.
    if report.when == "setup" and report.failed and getattr(report, _MISSING_PARTS_FLAG, False):
        return "failed", "F", "FAILED"
    return None
