"""Make the real hcoop-meetbot logs of this folder with the integration harness.

Run from the repository root: ``.venv/bin/python -m tests.data.hcoop-logs.make_logs`` does not
work (the folder name has a dash), so run ``.venv/bin/python tests/data/hcoop-logs/make_logs.py``.
It starts ngIRCd and Limnoria with hcoop-meetbot 0.8.1 on the loopback interface
(tests/integration/harness.py), plays each meeting below as the chair and the others would,
and writes for each:

- ``<name>.sent.txt`` — what was sent, one ``nick<TAB>text`` per line (``<paste>`` marks a paste);
- ``<name>.log.json`` and ``<name>.html`` — the raw log and the minutes the bot wrote;
- ``<name>.log.txt`` — the messages of ``.log.json`` as a plain ``HH:MM:SS <nick> text`` log,
  which is what ``chair-tui check`` reads.  hcoop-meetbot logs only the meeting: the lines said
  before its start and after its end are added from what was sent, at the time they were sent
  (as a channel logger would have them).
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from tests.integration.harness import (  # noqa: E402
    HcoopMeetbot,
    IrcTestNetwork,
    MeetingSession,
)

HERE = Path(__file__).resolve().parent
CHAIR = "cmurf"
PEOPLE = ("neal", "Chris", "tomas")

# (nick, text, pause after it); "<paste>:nick" pastes the text's lines back to back
Step = tuple[str, str, float]


WRAPPED: list[Step] = [
    ("neal", "hi all", 0.5),
    ("cmurf", "#meetingname workstation", 0.5),
    ("cmurf", "#topic Rollcall", 0.5),
    ("cmurf", "#info regrets:", 0.5),
    ("cmurf", "#info present: neal Chris tomas", 0.5),
    ("cmurf", "#topic Fesco deadline is today", 0.5),
    (
        "<paste>:cmurf",
        "#info Owen wants agreement from the WG for the proposals about installing the repos by\n"
        "default, and flathub with a filter\n"
        "Michael says that these proposals have been discussed and agreed to by the WG in the\n"
        "past, so this should be uncontroversial.",
        1.0,
    ),
    ("cmurf", "#agreed interested parties comment on the proposals after the meeting", 0.5),
    ("cmurf", "#link", 0.5),
    ("cmurf", "#info Week of Jun 1: 61.3k page views, slightly above our recent average", 2.0),
    ("neal", "nice, that is more than last month", 1.0),
    (
        "cmurf",
        "#info Omar expects this to land in complete form, not piecemeal, at the end of",
        0.0,
    ),
    ("Chris", "sounds good to me", 0.5),
    ("cmurf", "the year, which is what the kernel people said as well", 3.0),
    ("cmurf", "#info Next meeting is cancelled due to July 4, the next one is on July 13", 3.0),
    ("cmurf", "neal: want to take the next topic?", 2.0),
    ("neal", "sure", 0.5),
    ("cmurf", "#topic Open floor", 0.5),
    ("cmurf", "#link Board: https://teams.example.org/project/workstation/kanban", 1.0),
    ("cmurf", "so we have nothing queued at the moment and nobody is on the list for this", 2.0),
    ("cmurf", "but that is fine", 1.0),
    ("cmurf", "#action neal, Chris follow up with Omar about the encryption work", 0.5),
    ("cmurf", "#action tomas to write the summary", 0.5),
    ("cmurf", "#action somebody reviews the homed proposal", 0.5),
]

MISFILED: list[Step] = [
    ("cmurf", "#link https://example.org/agenda the agenda", 0.5),
    ("cmurf", "#topic Rollcall", 0.5),
    ("START", "Workstation WG", 0.5),
    ("cmurf", "#meetingname workstation", 0.5),
    ("cmurf", "#topic Rollcall", 0.5),
    ("cmurf", "#info present: neal Chris", 0.5),
    ("neal", "#topic Btrfs and fscrypt", 0.5),
    ("neal", "#info Omar expects this to land by the end of the year", 0.5),
    ("cmurf", "#chair neal", 0.5),
    ("neal", "#topic Btrfs and fscrypt", 0.5),
    ("neal", "#info Omar will reach out when testing would be useful", 0.5),
    ("cmurf", "#topic Approval of the minutes", 0.5),
    ("cmurf", "#agreed no objections", 0.5),
    ("cmurf", "#accepted no objections", 0.5),
    ("cmurf", "#action Chris to send the minutes", 0.5),
    ("cmurf", "#action neal's follow-up with Omar", 0.5),
    ("END", "", 0.5),
    ("cmurf", "#info one more thing: the next meeting is on July 13", 0.5),
]

MEETINGS: dict[str, tuple[str | None, list[Step]]] = {
    "wrapped": ("Workstation WG", WRAPPED),
    "misfiled": (None, MISFILED),
}


SENT: list[tuple[str, str, str]] = []  # (HH:MM:SS, nick, text) of every line sent


def _now() -> str:
    return datetime.now(UTC).strftime("%H:%M:%S")


async def play(session: MeetingSession, title: str | None, steps: list[Step]) -> None:
    SENT.clear()
    if title is not None:
        await session.start(title)
    for nick, text, pause in steps:
        if nick == "START":
            SENT.append((_now(), CHAIR, f"#startmeeting {text}"))
            await session.start(text)
        elif nick == "END":
            SENT.append((_now(), CHAIR, "#endmeeting"))
            mark = session.mark()
            await session.say(CHAIR, "#endmeeting")
            await session.wait_for_bot(session.bot.is_meeting_ended, since=mark)
        elif nick.startswith("<paste>:"):
            who = nick.split(":", 1)[1]
            SENT.extend((_now(), who, line) for line in text.split("\n"))
            await session.paste(who, text.split("\n"))
        else:
            SENT.append((_now(), nick, text))
            await session.say(nick, text)
        await asyncio.sleep(pause)


def sent_text(title: str | None, steps: list[Step]) -> str:
    out = [] if title is None else [f"{CHAIR}\t#startmeeting {title}"]
    for nick, text, _pause in steps:
        if nick == "START":
            out.append(f"{CHAIR}\t#startmeeting {text}")
        elif nick == "END":
            out.append(f"{CHAIR}\t#endmeeting")
        elif nick.startswith("<paste>:"):
            who = nick.split(":", 1)[1]
            out += [f"<paste>{who}\t{line}" for line in text.split("\n")]
        else:
            out.append(f"{nick}\t{text}")
    if title is not None:
        out.append(f"{CHAIR}\t#endmeeting")
    return "".join(line + "\n" for line in out)


def log_text(raw: dict[str, list[dict[str, str]]]) -> str:
    logged = [
        (str(m["timestamp"])[11:19], str(m["sender"]), str(m["payload"]))
        for m in raw.get("messages", [])
    ]
    said = [(t, n, x) for t, n, x in SENT]
    # the sent lines before the first logged one and after the last one
    first = said.index(logged[0]) if logged[0] in said else 0
    lines = said[:first] + logged
    last = logged[-1]
    if last in said:
        lines += said[said.index(last) + 1 :]
    return "".join(f"{t} <{n}> {x}\n" for t, n, x in lines)


def make(network: IrcTestNetwork, name: str, title: str | None, steps: list[Step]) -> None:
    channel = network.claim_channel()

    async def run() -> None:
        async with network.meeting(channel, CHAIR, PEOPLE) as session:
            await play(session, title, steps)
            if title is not None:
                mark = session.mark()
                await session.say(CHAIR, "#endmeeting")
                await session.wait_for_bot(session.bot.is_meeting_ended, since=mark)
            await asyncio.sleep(1.0)

    asyncio.run(run())
    bot = network.bot
    assert isinstance(bot, HcoopMeetbot)
    folder = bot.meetings_dir / channel.lstrip("#")
    raw_path = sorted(folder.glob("*.log.json"))[-1]
    html_path = raw_path.with_name(raw_path.name.removesuffix(".log.json") + ".html")
    shutil.copyfile(raw_path, HERE / f"{name}.log.json")
    shutil.copyfile(html_path, HERE / f"{name}.html")
    raw = json.loads(raw_path.read_text(encoding="utf-8"))
    (HERE / f"{name}.log.txt").write_text(log_text(raw), encoding="utf-8")
    (HERE / f"{name}.sent.txt").write_text(sent_text(title, steps), encoding="utf-8")


def main(argv: list[str]) -> None:
    wanted = argv or list(MEETINGS)
    channels = tuple(f"#chairlog-{i}" for i in range(1, len(wanted) + 1))
    with IrcTestNetwork(HcoopMeetbot(nick="meetbot"), channels) as network:
        for name in wanted:
            title, steps = MEETINGS[name]
            make(network, name, title, steps)
            print("wrote", name)


if __name__ == "__main__":
    main(sys.argv[1:])
