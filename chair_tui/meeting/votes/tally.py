"""Vote tallies: find one in a line in the forms groups really write, and write it back.

Forms read (case-insensitive, leftmost first):

* ``(+5, 0, -1)``, ``(+5,0,0)``, ``(9, 0, 0)``, ``(+3, 0, -0)`` — for, abstain, against;
* ``(+1: 5, 0: 0, -1: 1)`` — the same with each count labelled by its vote;
* ``For: 5 Against: 1 Abstain: 0`` (commas, semicolons or full stops between;
  ``Abstained``/``Abstentions``; the abstentions may be left out) and meetingology's reply
  ``Votes for: 5, Votes against: 1, Abstentions: 0``;
* Ubuntu's ``5 for, 0 against, 1 abstained`` (the abstentions may be left out);
* hcoop's reply ``2 in favor to 1 opposed``.

Every quantifier is bounded and a count may not start inside a longer number, so a search
takes time linear in the text, whatever it holds. Counts have at most five digits.

The template is the meeting file's ``[vote] tally``: ``{yes}``, ``{abstain}`` and ``{no}`` are
replaced by the counts; nothing else in it is interpreted (it is not a ``str.format`` string).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_TEMPLATE = "(+{yes}, {abstain}, -{no})"
FIELDS = ("{yes}", "{abstain}", "{no}")


@dataclass(frozen=True, slots=True)
class Tally:
    """How many voted for (+1), abstained (0) and against (-1)."""

    yes: int = 0
    abstain: int = 0
    no: int = 0

    @property
    def voting(self) -> int:
        """The votes cast for or against (abstentions left out)."""
        return self.yes + self.no

    @property
    def total(self) -> int:
        return self.yes + self.abstain + self.no

    @property
    def net(self) -> int:
        """The sum of the votes: for minus against."""
        return self.yes - self.no


@dataclass(frozen=True, slots=True)
class TallyMatch:
    """A tally found in a text and where: ``text[start:end]`` is the tally as written."""

    tally: Tally
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


_S = r"[ \t]{0,3}"  # spaces inside a tally
_W = r"[ \t]{1,3}"  # spaces between words
_SEP = r"[ \t]{0,3}[,;.]?[ \t]{0,3}"
_ABST = r"(?:abstain(?:ed|ing|s)?|abstentions?)"


def _n(name: str) -> str:
    """A count: one to five digits, not part of a longer number."""
    return rf"(?<!\d)(?P<{name}>\d{{1,5}})(?!\d)"


_FORMS = (
    # (+5, 0, -1)
    rf"\({_S}\+?{_n('p_y')}{_S},{_S}\+?{_n('p_a')}{_S},{_S}-?{_n('p_n')}{_S}\)",
    # (+1: 5, 0: 0, -1: 1)
    rf"\({_S}\+1{_S}:{_S}{_n('l_y')}{_S},{_S}\+?0{_S}:{_S}{_n('l_a')}{_S},"
    rf"{_S}-1{_S}:{_S}{_n('l_n')}{_S}\)",
    # For: 5 Against: 1 Abstain: 0 / Votes for: 5, Votes against: 1, Abstentions: 0
    rf"\b(?:votes{_W})?for{_S}:{_S}{_n('f_y')}{_SEP}(?:votes{_W})?against{_S}:{_S}{_n('f_n')}"
    rf"(?:{_SEP}{_ABST}{_S}:{_S}{_n('f_a')})?",
    # 5 for, 0 against, 1 abstained
    rf"{_n('u_y')}{_W}for{_SEP}{_n('u_n')}{_W}against\b"
    rf"(?:{_SEP}(?:and{_W})?{_n('u_a')}{_W}{_ABST}\b)?",
    # 2 in favor to 1 opposed
    rf"{_n('h_y')}{_W}in{_W}favou?r{_W}to{_W}{_n('h_n')}{_W}opposed\b",
)
_PATTERN = re.compile("|".join(_FORMS), re.IGNORECASE)

_GROUPS: tuple[tuple[str, str, str], ...] = (
    ("p_y", "p_a", "p_n"),
    ("l_y", "l_a", "l_n"),
    ("f_y", "f_a", "f_n"),
    ("u_y", "u_a", "u_n"),
    ("h_y", "", "h_n"),
)


def _tally_of(match: re.Match[str]) -> Tally:
    for y, a, n in _GROUPS:
        yes = match.group(y)
        if yes is not None:
            abstain = match.group(a) if a else None
            return Tally(int(yes), int(abstain or 0), int(match.group(n)))
    raise AssertionError("a tally match without counts")  # pragma: no cover


def parse_tally(text: str) -> TallyMatch | None:
    """The first tally written in ``text`` and its span, or None."""
    match = _PATTERN.search(text)
    if match is None:
        return None
    return TallyMatch(_tally_of(match), match.start(), match.end())


def find_tallies(text: str) -> tuple[TallyMatch, ...]:
    """Every tally written in ``text``, left to right, not overlapping."""
    return tuple(TallyMatch(_tally_of(m), m.start(), m.end()) for m in _PATTERN.finditer(text))


def check_tally(template: str) -> str | None:
    """An error message when ``template`` cannot show a tally, else None."""
    if "{yes}" not in template or "{no}" not in template:
        return "the tally template must contain {yes} and {no} (and may contain {abstain})"
    rest = template
    for field in FIELDS:
        rest = rest.replace(field, "")
    if "{" in rest or "}" in rest:
        return "the tally template knows only {yes}, {abstain} and {no}"
    if any(ord(c) < 32 or ord(c) == 127 for c in template):
        return "the tally template must not contain control characters"
    return None


def format_tally(template: str, tally: Tally) -> str:
    """``tally`` written in ``template`` (``{yes}``, ``{abstain}``, ``{no}`` replaced).

    An unusable template (see check_tally) falls back to the default one."""
    if check_tally(template) is not None:
        template = DEFAULT_TEMPLATE
    counts = {"{yes}": tally.yes, "{abstain}": tally.abstain, "{no}": tally.no}
    return re.sub(r"\{(?:yes|abstain|no)\}", lambda m: str(counts[m.group(0)]), template)


def normalise_tally(text: str, template: str = DEFAULT_TEMPLATE) -> str:
    """``text`` with every tally found in it rewritten in ``template``; the rest unchanged."""
    parts: list[str] = []
    pos = 0
    for found in find_tallies(text):
        parts.append(text[pos : found.start])
        parts.append(format_tally(template, found.tally))
        pos = found.end
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)
