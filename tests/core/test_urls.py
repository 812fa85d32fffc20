"""Predicted minutes URLs per bot, and the URLs the bot printed, read back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from chair_tui.meeting.urls import MinutesUrls, matrix_slug, predict_urls, urls_from_text

REAL = Path(__file__).parent.parent / "data" / "real-minutes"
START = datetime(2020, 6, 10, 12, 2, 26, tzinfo=UTC)


def test_zodbot_reproduces_the_url_in_real_minutes() -> None:
    urls = predict_urls("zodbot", channel="#fedora-meeting", name="magazine", start=START)
    assert urls is not None and urls.predicted
    base = "https://meetbot.fedoraproject.org/fedora-meeting/2020-06-10/magazine.2020-06-10-12.02"
    assert urls == MinutesUrls(f"{base}.html", f"{base}.txt", f"{base}.log.html")
    # the real text minutes cite exactly that log
    text = (REAL / "magazine.2020-06-10-12.02.txt").read_text()
    assert urls.log_html in text.replace("\n", "")


def test_zodbot_with_no_name_uses_the_channel_lower_cased() -> None:
    urls = predict_urls("zodbot", channel="#Fedora-Meeting-2", name="", start=START)
    assert urls is not None
    assert urls.minutes_html.endswith(
        "/fedora-meeting-2/2020-06-10/fedora-meeting-2.2020-06-10-12.02.html"
    )


def test_matrix_room_and_name_slugs() -> None:
    assert matrix_slug("#meeting:fedoraproject.org") == "meeting_matrix_fedoraproject-org"
    assert matrix_slug("#meeting-1:fedoraproject.org") == "meeting-1_matrix_fedoraproject-org"
    start = datetime(2026, 1, 28, 18, 0, 30, tzinfo=UTC)
    urls = predict_urls(
        "fedora-matrix", channel="#meeting:fedoraproject.org", name="Fedora Server", start=start
    )
    assert urls is not None
    assert urls.minutes_html == (
        "https://meetbot-raw.fedoraproject.org/meeting_matrix_fedoraproject-org/2026-01-28/"
        "fedora-server.2026-01-28-18.00.html"
    )
    assert urls.log_html.endswith("fedora-server.2026-01-28-18.00.log.html")


def test_meetingology_is_named_by_channel_not_meeting_name() -> None:
    start = datetime(2023, 11, 14, 22, 14, 5, tzinfo=UTC)
    urls = predict_urls("meetingology", channel="#fedora-meeting", name="workstation", start=start)
    assert urls is not None
    # the reply meetingology gave in the test vectors (V66)
    assert urls.minutes_text == (
        "https://ubottu.com/meetingology/logs/fedora-meeting/2023/"
        "fedora-meeting.2023-11-14-22.14.moin.txt"
    )


def test_openstack_by_meeting_name() -> None:
    start = datetime(2024, 7, 19, 14, 0, tzinfo=UTC)
    urls = predict_urls(
        "openstack", channel="#openstack-neutron", name="neutron_drivers", start=start
    )
    assert urls is not None
    assert urls.log_html == (
        "https://meetings.opendev.org/meetings/neutron_drivers/2024/"
        "neutron_drivers.2024-07-19-14.00.log.html"
    )


def test_other_bots_need_a_base_url() -> None:
    assert predict_urls("meetbot", channel="#debian-x", name="", start=START) is None
    urls = predict_urls(
        "meetbot", channel="#debian-x", name="", start=START, base_url="https://meetbot.debian.net"
    )
    assert urls is not None
    assert (
        urls.minutes_text
        == "https://meetbot.debian.net/debian-x/2020/debian-x.2020-06-10-12.02.txt"
    )
    hcoop = predict_urls(
        "hcoop", channel="#hcoop", name="", start=START, base_url="https://h.example/"
    )
    assert hcoop is not None
    assert hcoop.log_html == "https://h.example/2020/hcoop.20200610.1202.log.html"
    assert hcoop.minutes_text == ""


def test_template_base_url() -> None:
    urls = predict_urls(
        "meetbot",
        channel="#x",
        name="wg",
        start=START,
        base_url="https://logs.example/{year}/{name}-{ymd}-{hm}{unknown}",
    )
    assert urls is not None
    assert urls.minutes_html == "https://logs.example/2020/wg-20200610-1202{unknown}.html"


@pytest.mark.parametrize(
    "pasted",
    [
        # zodbot at #endmeeting
        "Minutes:        https://meetbot.fedoraproject.org/fedora-meeting/2020-06-10/"
        "magazine.2020-06-10-12.02.html\n"
        "Minutes (text): https://meetbot.fedoraproject.org/fedora-meeting/2020-06-10/"
        "magazine.2020-06-10-12.02.txt\n"
        "Log:            https://meetbot.fedoraproject.org/fedora-meeting/2020-06-10/"
        "magazine.2020-06-10-12.02.log.html\n",
        # the Matrix bot announces the text log first
        "Text Log: https://meetbot.fedoraproject.org/fedora-meeting/2020-06-10/"
        "magazine.2020-06-10-12.02.log.txt\n"
        "HTML Log: https://meetbot.fedoraproject.org/fedora-meeting/2020-06-10/"
        "magazine.2020-06-10-12.02.log.html.\n"
        "Text Minutes: https://meetbot.fedoraproject.org/fedora-meeting/2020-06-10/"
        "magazine.2020-06-10-12.02.txt\n"
        "HTML Minutes: <https://meetbot.fedoraproject.org/fedora-meeting/2020-06-10/"
        "magazine.2020-06-10-12.02.html>",
    ],
)
def test_urls_from_pasted_bot_output(pasted: str) -> None:
    urls = urls_from_text(pasted)
    assert urls is not None and not urls.predicted
    assert urls.minutes_html.endswith("12.02.html")
    assert urls.minutes_text.endswith("12.02.txt")
    assert urls.log_html.endswith("12.02.log.html")


def test_pasted_text_without_urls() -> None:
    assert urls_from_text("Meeting ended. javascript:alert(1) ftp://x/y.html") is None
