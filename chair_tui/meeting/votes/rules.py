"""How a group decides: rule presets (when a proposal passes) and quorum presets.

A rule compares the ``+1`` votes with a base, one of:

* ``for-against`` — the ``+1`` and ``-1`` votes (abstentions not counted);
* ``cast`` — every vote cast, ``0`` included;
* ``eligible`` — the eligible voters, less those who abstained (a ``0`` removes its voter);
* ``roster`` — every eligible voter, whether they voted or not;

or is a margin: ``+1`` votes minus ``-1`` votes must reach a number (meetingology's
``#votesrequired`` is exactly such a margin, so only margin rules can be told to that bot).

Custom values (the meeting file's ``[vote] rule`` and ``quorum``):

* ``majority:N/D`` — at least N/D of the ``+1``/``-1`` votes are ``+1``; ``majority:>N/D`` — more
  than N/D; a third part picks the base: ``majority:>1/2:eligible``, ``majority:2/3:cast``,
  ``majority:>1/2:roster`` (the default base is ``for-against``);
* ``margin:N`` — ``+1`` votes minus ``-1`` votes at least N (N ≥ 1);
* ``quorum:N`` — at least N voters; ``quorum:N/D`` — at least N/D of the eligible voters
  (rounded up); ``quorum:>N/D`` — more than that; ``quorum:P%`` — at least P per cent.

Every rule also needs at least one ``+1``. Quorum counts the eligible voters who cast a vote
(``0`` included), in the meeting or carried in from a ticket.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Basis(StrEnum):
    """What a rule compares the ``+1`` votes with."""

    FOR_AGAINST = "for-against"
    CAST = "cast"
    ELIGIBLE = "eligible"
    ROSTER = "roster"
    MARGIN = "margin"


@dataclass(frozen=True, slots=True)
class Source:
    """The group's own text a preset follows."""

    url: str
    date: str  # YYYY-MM-DD, or "" when the text carries none
    note: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    """When a proposal passes: ``+1`` votes compared with ``share`` of the ``basis``."""

    name: str
    label: str
    basis: Basis
    share: Fraction = Fraction(1, 2)  # unused for MARGIN
    strict: bool = True  # more than the share (else at least the share)
    margin: int = 1  # for MARGIN: +1 minus -1 at least this
    sources: tuple[Source, ...] = ()
    as_proposed: bool = False  # the group's current text could not be confirmed
    note: str = ""

    @property
    def per_voter(self) -> bool:
        """True when the rule must know who voted (the eligible set changes per voter)."""
        return self.basis in (Basis.ELIGIBLE, Basis.ROSTER)

    @property
    def pure_margin(self) -> int | None:
        """The margin meetingology's ``#votesrequired`` can enforce, or None."""
        return self.margin if self.basis is Basis.MARGIN else None

    def passes(self, yes: int, abstain: int, no: int, eligible: int) -> bool:
        """Whether the votes pass; ``eligible`` is the number of eligible voters."""
        if yes < 1:
            return False
        if self.basis is Basis.MARGIN:
            return yes - no >= self.margin
        base = {
            Basis.FOR_AGAINST: yes + no,
            Basis.CAST: yes + abstain + no,
            Basis.ELIGIBLE: max(eligible - abstain, 0),
            Basis.ROSTER: eligible,
        }[self.basis]
        need = self.share * base
        return yes > need if self.strict else yes >= need


@dataclass(frozen=True, slots=True)
class Quorum:
    """How many eligible voters must vote: ``count``, or ``share`` of the eligible voters;
    with both, whichever is lower."""

    name: str
    label: str
    count: int | None = None
    share: Fraction | None = None
    strict: bool = False  # more than the share (else at least)
    sources: tuple[Source, ...] = ()
    note: str = ""

    def required(self, eligible: int) -> int:
        """The number of voters that makes a vote quorate."""
        options: list[int] = []
        if self.count is not None:
            options.append(self.count)
        if self.share is not None:
            exact = self.share * eligible
            options.append(
                int(exact) + 1 if self.strict else -(-exact.numerator // exact.denominator)
            )
        return min(options) if options else 0


_FESCO_2020 = Source(
    "http://mail.spinics.net/lists/fedora-devel/msg270975.html",
    "2020-05-11",
    "quotes the policy then in force: 'A majority of the committee (that is, five out of nine) "
    "is required to pass a proposal in a meeting', after 4 × +1 and 5 × 0 reached an impasse",
)
_FESCO_2023 = Source(
    "http://mail.spinics.net/lists/fedora-devel/msg314347.html",
    "2023-07-21",
    "the devel-list thread on the FESCo voting-policy change: a 0 lets the voter abstain "
    "meaningfully, ticket votes transfer to the meeting; e.g. +1 ×4, -1, 0 ×4 was rejected "
    "under the old rules",
)
_COREOS = Source(
    "https://github.com/coreos/fedora-coreos-tracker/blob/main/README.md#voting",
    "2018-07-10",
    "README 'Voting' (rules taken over from the Atomic WG, issue #1 of 2018-07-10); read at "
    "commit 08665f0533ec7a42ed4d140604747a6baaf7389f",
)
_WORKSTATION = Source(
    "https://docs.fedoraproject.org/en-US/workstation-working-group/governance/",
    "",
    "'a majority vote is necessary for a measure to pass, with abstain votes not being included "
    "in the count'; quorum 'a majority of the Working Group'; the page shows no date",
)
_DMB = Source(
    "https://documentation.ubuntu.com/project/who-makes-ubuntu/councils/dmb-rules/",
    "2021-11-05",
    "'7 with a quorum of 4'; 'The sum of all votes given must reach >0'; the date is that of "
    "the page's attendance rule (quorum is half the active members, rounded up)",
)

RULES: dict[str, Rule] = {
    r.name: r
    for r in (
        Rule(
            "default",
            "More +1 than -1 among those voting",
            Basis.MARGIN,
            margin=1,
        ),
        Rule(
            "majority",
            "Simple majority of the +1/-1 votes (abstentions not counted)",
            Basis.MARGIN,
            margin=1,
        ),
        Rule(
            "fesco-2023",
            "FESCo 2023: +1 from a majority of eligible voters; a 0 removes the voter",
            Basis.ELIGIBLE,
            sources=(_FESCO_2023,),
            as_proposed=True,
            note="the current text on docs.fedoraproject.org could not be confirmed here: "
            "this follows the 2023 proposal",
        ),
        Rule(
            "fesco-2020",
            "FESCo before 2023: +1 from a majority of the committee (5 of 9)",
            Basis.ROSTER,
            sources=(_FESCO_2020,),
        ),
        Rule(
            "coreos",
            "Fedora CoreOS: a majority of the members voting",
            Basis.CAST,
            sources=(_COREOS,),
            note="'majority of the members voting': a +0 is a vote, so it counts among "
            "those voting",
        ),
        Rule(
            "coreos-urgent",
            "Fedora CoreOS urgent vote: 2/3 of those voting (rounded up)",
            Basis.CAST,
            share=Fraction(2, 3),
            strict=False,
            sources=(_COREOS,),
        ),
        Rule(
            "workstation",
            "Fedora Workstation: majority, abstentions not counted",
            Basis.MARGIN,
            margin=1,
            sources=(_WORKSTATION,),
        ),
        Rule(
            "ubuntu-dmb",
            "Ubuntu DMB: the sum of the votes is above 0",
            Basis.MARGIN,
            margin=1,
            sources=(_DMB,),
        ),
    )
}

QUORUMS: dict[str, Quorum] = {
    q.name: q
    for q in (
        Quorum("none", "No quorum"),
        Quorum(
            "coreos",
            "Fedora CoreOS: 5 people or 51 % of the WG, whichever is lower",
            count=5,
            share=Fraction(51, 100),
            sources=(_COREOS,),
        ),
        Quorum(
            "workstation",
            "Fedora Workstation: a majority of the Working Group",
            share=Fraction(1, 2),
            strict=True,
            sources=(_WORKSTATION,),
        ),
        Quorum(
            "ubuntu-dmb",
            "Ubuntu DMB: half the active members, rounded up (4 of 7)",
            share=Fraction(1, 2),
            sources=(_DMB,),
            note="if the first meeting is not quorate, a majority of the votes present "
            "passes at the next: choose quorum 'none' then",
        ),
        Quorum(
            "fesco",
            "FESCo: a majority of the committee (5 of 9)",
            share=Fraction(1, 2),
            strict=True,
            sources=(_FESCO_2020,),
        ),
    )
}

_MAJORITY_RE = re.compile(
    r"majority:(>?)(\d{1,3})/(\d{1,3})(?::(for-against|cast|eligible|roster))?\Z"
)
_MARGIN_RE = re.compile(r"margin:(\d{1,3})\Z")
_QUORUM_RE = re.compile(r"quorum:(?:(\d{1,4})|(>?)(\d{1,3})/(\d{1,3})|(\d{1,3})%)\Z")
_RULE_SYNTAX = "majority:N/D, majority:>N/D[:for-against|cast|eligible|roster] or margin:N"
_QUORUM_SYNTAX = "quorum:N, quorum:N/D, quorum:>N/D or quorum:P%"


class UnknownRuleError(ValueError):
    """A ``[vote] rule`` or ``quorum`` value that names no preset and fits no custom form."""


def _custom_rule(name: str) -> Rule | str:
    if m := _MARGIN_RE.match(name):
        n = int(m.group(1))
        if n < 1:
            return "a margin must be at least 1"
        return Rule(name, f"+1 votes minus -1 votes at least {n}", Basis.MARGIN, margin=n)
    if m := _MAJORITY_RE.match(name):
        num, den = int(m.group(2)), int(m.group(3))
        if den == 0 or num == 0 or num > den:
            return "a majority share must be a fraction between 0 and 1, such as 2/3"
        basis = Basis(m.group(4) or "for-against")
        strict = m.group(1) == ">"
        words = "more than" if strict else "at least"
        label = f"+1 from {words} {num}/{den} of the {basis.value} votes"
        return Rule(name, label, basis, share=Fraction(num, den), strict=strict)
    return f"unknown vote rule {name!r}: choose one of {', '.join(RULES)} or {_RULE_SYNTAX}"


def _custom_quorum(name: str) -> Quorum | str:
    m = _QUORUM_RE.match(name)
    if m is None:
        return f"unknown quorum {name!r}: choose one of {', '.join(QUORUMS)} or {_QUORUM_SYNTAX}"
    if m.group(1) is not None:
        return Quorum(name, f"at least {int(m.group(1))} voters", count=int(m.group(1)))
    if m.group(5) is not None:
        pct = int(m.group(5))
        if not 0 < pct <= 100:
            return "a quorum percentage must be between 1 and 100"
        return Quorum(name, f"at least {pct} % of the voters", share=Fraction(pct, 100))
    num, den = int(m.group(3)), int(m.group(4))
    if den == 0 or num == 0 or num > den:
        return "a quorum share must be a fraction between 0 and 1, such as 1/2"
    strict = m.group(2) == ">"
    words = "more than" if strict else "at least"
    return Quorum(
        name, f"{words} {num}/{den} of the voters", share=Fraction(num, den), strict=strict
    )


def get_rule(name: str) -> Rule:
    """The preset or custom rule ``name``; UnknownRuleError when there is none."""
    if name in RULES:
        return RULES[name]
    found = _custom_rule(name)
    if isinstance(found, str):
        raise UnknownRuleError(found)
    return found


def get_quorum(name: str) -> Quorum:
    """The preset or custom quorum ``name``; UnknownRuleError when there is none."""
    if name in QUORUMS:
        return QUORUMS[name]
    found = _custom_quorum(name)
    if isinstance(found, str):
        raise UnknownRuleError(found)
    return found


def check_rule(name: str) -> str | None:
    """An error message for a ``[vote] rule`` value, or None when it is usable."""
    if name in RULES:
        return None
    found = _custom_rule(name)
    return found if isinstance(found, str) else None


def check_quorum(name: str) -> str | None:
    """An error message for a ``[vote] quorum`` value, or None when it is usable."""
    if name in QUORUMS:
        return None
    found = _custom_quorum(name)
    return found if isinstance(found, str) else None
