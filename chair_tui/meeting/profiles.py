"""Target-bot profiles: the one place that knows each MeetBot dialect.

A profile says how one bot reads a line: its command prefix, the verb it wants for each
abstract entry kind, which commands only a chair may use, how it finds the assignees of an
action item and the URL of a link, and how many lines can safely be pasted at once.

The facts here come from running each bot's own code (see ``docs/profiles.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """Abstract kinds of entry a chair records, independent of any bot's spelling."""

    START = "start"
    MEETINGNAME = "meetingname"
    CHAIR = "chair"
    NICK = "nick"
    TOPIC = "topic"
    INFO = "info"
    DECISION = "decision"
    REJECTED = "rejected"
    ACTION = "action"
    IDEA = "idea"
    HELP = "help"
    LINK = "link"
    UNDO = "undo"
    END = "end"
    NOTE = "note"  # plain narrative text: not a command


# ``Kind(value)`` by a dict lookup: about 20 times cheaper than calling the enum, which counts
# when a long session is loaded (two lookups per entry). A missing value is a KeyError.
KIND_BY_VALUE: dict[str, Kind] = {k.value: k for k in Kind}


# What a chair may type (``#agreed``, ``#halp`` ...) mapped to the abstract kind.  Used to
# recognise raw MeetBot syntax in the composer and in files, whatever the target profile.
VERB_ALIASES: dict[str, Kind] = {
    "startmeeting": Kind.START,
    "sm": Kind.START,
    "meetingname": Kind.MEETINGNAME,
    "mn": Kind.MEETINGNAME,
    "chair": Kind.CHAIR,
    "nick": Kind.NICK,
    "topic": Kind.TOPIC,
    "t": Kind.TOPIC,
    "info": Kind.INFO,
    "agreed": Kind.DECISION,
    "agree": Kind.DECISION,
    "accepted": Kind.DECISION,
    "accept": Kind.DECISION,
    "rejected": Kind.REJECTED,
    "reject": Kind.REJECTED,
    "failed": Kind.REJECTED,
    "action": Kind.ACTION,
    "idea": Kind.IDEA,
    "help": Kind.HELP,
    "halp": Kind.HELP,
    "link": Kind.LINK,
    "undo": Kind.UNDO,
    "endmeeting": Kind.END,
    "em": Kind.END,
}

# Kinds whose line puts an item in the minutes (what the Darst bots' #undo removes).
MINUTES_KINDS: frozenset[Kind] = frozenset(
    {
        Kind.TOPIC,
        Kind.INFO,
        Kind.DECISION,
        Kind.REJECTED,
        Kind.ACTION,
        Kind.IDEA,
        Kind.HELP,
        Kind.LINK,
    }
)

# Kinds that carry free text the chair records during a topic (the composer's kinds).
RECORDING_KINDS: tuple[Kind, ...] = (
    Kind.INFO,
    Kind.DECISION,
    Kind.REJECTED,
    Kind.ACTION,
    Kind.IDEA,
    Kind.HELP,
    Kind.LINK,
    Kind.NOTE,
)


class AssignRule(StrEnum):
    """How a bot decides whom an ``#action`` belongs to, when it writes the minutes."""

    WORD_CI = "word-ci"  # \bnick\b, case-insensitive (Darst, OpenStack, meetingology)
    SUBSTRING_CS = "substring-cs"  # plain case-sensitive substring (zodbot)
    TOKEN_CI = "token-ci"  # whitespace token, nick: or (nick), case-insensitive (hcoop)
    NONE = "none"  # no assignment at all (Fedora Matrix)


class LinkRule(StrEnum):
    """How a bot reads the URL of a ``#link`` line."""

    FIND_URL = "find-url"  # first scheme://… anywhere, trailing . or ) dropped
    FIRST_WORD = "first-word"  # the first word is the URL
    VERBATIM = "verbatim"  # the whole text is kept as the link


@dataclass(frozen=True, slots=True)
class Profile:
    """How one bot reads lines; see the module's docstring."""

    name: str
    label: str
    description: str
    prefix: str
    verbs: dict[Kind, str]
    # Every command word the bot acts on (aliases included), and those only a chair may use.
    known_commands: frozenset[str]
    chair_only: frozenset[str]
    family: str  # "darst", "hcoop" or "matrix": the shape of the bot's parser
    start_requires_name: bool
    assign_rule: AssignRule
    link_rule: LinkRule
    strips_leading_space: bool = False
    case_sensitive_commands: bool = False
    bracket_commands: bool = False  # MootBot "[topic] x" (meetingology)
    replies_unknown: bool = False  # "Unknown command: #word" (hcoop)
    auto_link: bool = True  # a bare line starting with a URL becomes a link item
    chunk_size: int = 4
    start_alone: bool = False  # the start command must be pasted on its own
    undo_removes: str = "the last minutes item"
    # the bot ignores the #startmeeting text and titles its minutes with #meetingname (hcoop)
    title_needs_meetingname: bool = False
    notes: dict[Kind, str] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash(self.name)  # the fields hold dicts

    def supports(self, kind: Kind) -> bool:
        return kind in self.verbs

    def verb(self, kind: Kind) -> str:
        """The command word for ``kind`` (without prefix); KeyError when unsupported."""
        return self.verbs[kind]

    def command(self, kind: Kind) -> str:
        """The prefix and verb, e.g. ``#agreed`` or ``!topic``."""
        return self.prefix + self.verbs[kind]

    def is_chair_only(self, kind: Kind) -> bool:
        return kind in self.verbs and self.verbs[kind] in self.chair_only

    @property
    def supports_undo(self) -> bool:
        return Kind.UNDO in self.verbs

    @property
    def assigns_actions(self) -> bool:
        return self.assign_rule is not AssignRule.NONE


_DARST_VERBS: dict[Kind, str] = {
    Kind.START: "startmeeting",
    Kind.MEETINGNAME: "meetingname",
    Kind.CHAIR: "chair",
    Kind.NICK: "nick",
    Kind.TOPIC: "topic",
    Kind.INFO: "info",
    Kind.DECISION: "agreed",
    Kind.REJECTED: "rejected",
    Kind.ACTION: "action",
    Kind.IDEA: "idea",
    Kind.HELP: "help",
    Kind.LINK: "link",
    Kind.UNDO: "undo",
    Kind.END: "endmeeting",
}

_DARST_COMMANDS = frozenset(
    [
        "accept",
        "accepted",
        "action",
        "agree",
        "agreed",
        "chair",
        "commands",
        "endmeeting",
        "halp",
        "help",
        "idea",
        "info",
        "link",
        "lurk",
        "meetingname",
        "meetingtopic",
        "nick",
        "reject",
        "rejected",
        "restrictlogs",
        "save",
        "startmeeting",
        "topic",
        "unchair",
        "undo",
        "unlurk",
    ]
)
_DARST_CHAIR_ONLY = frozenset(
    [
        "accept",
        "accepted",
        "agree",
        "agreed",
        "chair",
        "endmeeting",
        "lurk",
        "meetingtopic",
        "reject",
        "rejected",
        "restrictlogs",
        "save",
        "topic",
        "unchair",
        "undo",
        "unlurk",
    ]
)

_HCOOP_VERBS: dict[Kind, str] = {
    **_DARST_VERBS,
    Kind.DECISION: "accepted",
    Kind.REJECTED: "failed",
}

MEETBOT = Profile(
    name="meetbot",
    label="MeetBot (Debian)",
    description="Richard Darst's MeetBot, as Debian runs it (meetbot.debian.net)",
    prefix="#",
    verbs=dict(_DARST_VERBS),
    known_commands=_DARST_COMMANDS,
    chair_only=_DARST_CHAIR_ONLY,
    family="darst",
    start_requires_name=False,
    assign_rule=AssignRule.WORD_CI,
    link_rule=LinkRule.FIND_URL,
)

ZODBOT = Profile(
    name="zodbot",
    label="zodbot (Fedora IRC)",
    description="Fedora's zodbot MeetBot (MeetBot 0.1.4 with Fedora patches)",
    prefix="#",
    verbs={**_DARST_VERBS, Kind.HELP: "halp"},
    # "#reject" is a no-op in zodbot (an old alias bug), so it is not listed.
    known_commands=_DARST_COMMANDS - {"reject"},
    chair_only=_DARST_CHAIR_ONLY - {"reject"},
    family="darst",
    start_requires_name=True,
    assign_rule=AssignRule.SUBSTRING_CS,
    link_rule=LinkRule.FIRST_WORD,
    notes={
        Kind.ACTION: "zodbot matches nicks case-sensitively as plain substrings",
    },
)

MEETINGOLOGY = Profile(
    name="meetingology",
    label="meetingology (Ubuntu)",
    description="Ubuntu's meetingology (ubottu), with MootBot [topic] syntax",
    prefix="#",
    verbs=dict(_DARST_VERBS),
    known_commands=_DARST_COMMANDS
    | frozenset(
        [
            "subtopic",
            "progress",
            "done",
            "vote",
            "voters",
            "votesrequired",
            "endvote",
            "abortmeeting",
            "replay",
        ]
    ),
    chair_only=_DARST_CHAIR_ONLY
    | frozenset(
        [
            "subtopic",
            "progress",
            "done",
            "vote",
            "voters",
            "votesrequired",
            "endvote",
            "abortmeeting",
        ]
    )
    | {"meetingname"},
    family="darst",
    start_requires_name=False,
    assign_rule=AssignRule.WORD_CI,
    link_rule=LinkRule.FIRST_WORD,
    strips_leading_space=True,
    bracket_commands=True,
)

OPENSTACK = Profile(
    name="openstack",
    label="OpenStack meetbot",
    description="OpenStack/OpenDev meetbot (adds #startvote)",
    prefix="#",
    verbs=dict(_DARST_VERBS),
    known_commands=_DARST_COMMANDS | frozenset(["startvote", "vote", "showvote", "endvote"]),
    chair_only=_DARST_CHAIR_ONLY | frozenset(["startvote", "endvote"]),
    family="darst",
    start_requires_name=True,
    assign_rule=AssignRule.WORD_CI,
    link_rule=LinkRule.FIND_URL,
)

HCOOP = Profile(
    name="hcoop",
    label="hcoop-meetbot",
    description="HcoopMeetbot, the Limnoria plugin (PyPI hcoop-meetbot)",
    prefix="#",
    verbs=_HCOOP_VERBS,
    known_commands=frozenset(
        [
            "accepted",
            "action",
            "chair",
            "close",
            "endmeeting",
            "failed",
            "help",
            "here",
            "idea",
            "inconclusive",
            "info",
            "link",
            "meetingname",
            "motion",
            "nick",
            "save",
            "startmeeting",
            "topic",
            "unchair",
            "undo",
            "vote",
        ]
    ),
    chair_only=frozenset(
        [
            "endmeeting",
            "save",
            "topic",
            "chair",
            "unchair",
            "undo",
            "meetingname",
            "motion",
            "close",
            "accepted",
            "failed",
            "inconclusive",
        ]
    ),
    family="hcoop",
    start_requires_name=False,
    assign_rule=AssignRule.TOKEN_CI,
    link_rule=LinkRule.VERBATIM,
    strips_leading_space=True,
    replies_unknown=True,
    undo_removes="the last event (which may be a #chair or #nick)",
    title_needs_meetingname=True,
    notes={
        Kind.DECISION: "hcoop-meetbot has no #agreed: decisions are #accepted",
        Kind.REJECTED: "hcoop-meetbot has no #rejected: a rejected proposal is #failed",
    },
)

FEDORA_MATRIX = Profile(
    name="fedora-matrix",
    label="Fedora Matrix meetbot",
    description="Fedora's Matrix meetbot (maubot 'meetings' plugin, ! prefix)",
    prefix="!",
    verbs={
        Kind.START: "startmeeting",
        Kind.MEETINGNAME: "meetingname",
        Kind.TOPIC: "topic",
        Kind.INFO: "info",
        Kind.DECISION: "agreed",
        Kind.REJECTED: "rejected",
        Kind.ACTION: "action",
        Kind.IDEA: "idea",
        Kind.HELP: "halp",
        Kind.LINK: "link",
        Kind.END: "endmeeting",
    },
    known_commands=frozenset(
        [
            "startmeeting",
            "sm",
            "endmeeting",
            "em",
            "topic",
            "t",
            "meetingname",
            "mn",
            "action",
            "info",
            "agreed",
            "rejected",
            "idea",
            "halp",
            "link",
        ]
    ),
    chair_only=frozenset(
        ["startmeeting", "sm", "endmeeting", "em", "topic", "t", "meetingname", "mn"]
    ),
    family="matrix",
    start_requires_name=False,
    assign_rule=AssignRule.NONE,
    link_rule=LinkRule.VERBATIM,
    case_sensitive_commands=True,
    auto_link=False,
    start_alone=True,
    undo_removes="nothing: the Matrix bot has no undo",
    notes={
        Kind.CHAIR: "the Matrix bot has no chairs: give co-chairs power level 50 in the room",
        Kind.NICK: "the Matrix bot does not assign actions, so #nick is not needed",
        Kind.UNDO: "the Matrix bot has no undo: say the correction in the room instead",
    },
)

PROFILES: dict[str, Profile] = {
    p.name: p for p in (MEETBOT, ZODBOT, MEETINGOLOGY, OPENSTACK, HCOOP, FEDORA_MATRIX)
}
DEFAULT_PROFILE = "meetbot"


class UnknownProfileError(ValueError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"unknown profile {name!r} (choose one of: {', '.join(sorted(PROFILES))})")


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise UnknownProfileError(name) from None
