"""Text hygiene for IRC lines: cleaning, byte counting and splitting at word boundaries."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 350

# Patterns for the rare lines that are not printable text are kept as strings: the re module
# compiles them on first use (and caches them), so a command that never meets such a line does
# not pay for it.  Character classes reaching the surrogates take about 0.5 ms each to compile.

# mIRC colour codes carry their digits with them: \x03 fg[,bg] and \x04 RRGGBB[,RRGGBB].
_COLOUR = r"\x03(?:[0-9]{1,2}(?:,[0-9]{1,2})?)?|\x04(?:[0-9a-fA-F]{6}(?:,[0-9a-fA-F]{6})?)?"
# Line breaks between paragraphs.  \x1c-\x1e are not among them although str.splitlines()
# says so: \x1d is IRC italics, and formatting codes are dropped, not turned into breaks.
_LINE_BREAK_RE = re.compile("\r\n|[\r\n\x0b\x0c\x85]|\u2028|\u2029")
# Exactly the Unicode categories Cc (control characters, IRC formatting codes among them) and
# Cs (lone surrogates); tests/core/test_text.py checks this against unicodedata for every
# code point.  Every such character is one str.isprintable() refuses.
_CONTROL = "[\x00-\x1f\x7f-\x9f\ud800-\udfff]"
# What clean_line changes besides spacing: controls, and the separators Zl (U+2028) and Zp
# (U+2029), which are not printable either.  Controls that separate words (tab, line breaks,
# NEL) become a space, the separators too: dropping them would glue two words together.  Other
# controls are dropped.
_DIRTY = "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]"
_SPACING = "[\t\n\r\x0b\x0c\x85\u2028\u2029]"


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def without_controls(text: str) -> str:
    """``text`` without IRC colour codes and control characters; the controls that separate
    words (tab, line breaks) become a space. The spacing a person typed is left as it is."""
    if not text.isprintable() and re.search(_DIRTY, text) is not None:
        text = re.sub(_COLOUR, "", text)
        text = re.sub(_CONTROL, "", re.sub(_SPACING, " ", text))
    return text


def clean_line(text: str) -> str:
    """One line of text with no control characters and single spaces, stripped."""
    return " ".join(without_controls(text).split())


def clean_paragraphs(text: str) -> list[str]:
    """Split ``text`` at line breaks into cleaned, non-empty lines."""
    out = []
    for raw in _LINE_BREAK_RE.split(text):
        line = clean_line(raw)
        if line:
            out.append(line)
    return out


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character (category Cc) or a lone surrogate (Cs)."""
    return not text.isprintable() and re.search(_CONTROL, text) is not None


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of a split text; ``joiner`` is what stood between it and the piece before."""

    text: str
    joiner: str = " "


def join_pieces(pieces: list[Piece]) -> str:
    if not pieces:
        return ""
    out = pieces[0].text
    for p in pieces[1:]:
        out += p.joiner + p.text
    return out


def _cut(word: str, start: int, budget: int) -> int:
    """Where the longest head of ``word[start:]`` within ``budget`` bytes ends.

    Cuts fall on character boundaries and, where possible, not before a combining mark, so a
    letter and its accents stay together.  At least one character is taken.  The work is in
    proportion to the head, not to the rest of ``word``.
    """
    size = 0
    cut = start
    for i in range(start, len(word)):
        n = utf8_len(word[i])
        if size + n > budget:
            break
        size += n
        cut = i + 1
    back = cut
    while start < back < len(word) and unicodedata.combining(word[back]):
        back -= 1
    if back > start:
        cut = back
    return max(cut, start + 1)


def split_text(text: str, first_budget: int, rest_budget: int) -> list[Piece]:
    """Split cleaned one-line ``text`` into pieces whose UTF-8 sizes fit the budgets.

    The first piece may use ``first_budget`` bytes, every later one ``rest_budget``.  Cuts fall
    on spaces; a single word longer than a budget is cut inside the word.  Joining the pieces
    with their joiners gives back ``text`` exactly.  Linear in the length of ``text``.
    """
    if first_budget < 4 or rest_budget < 4:
        raise ValueError("line budget too small to hold any text")
    pieces: list[Piece] = []
    current = ""
    current_size = 0  # utf8_len(current)
    current_joiner = ""

    def budget() -> int:
        return first_budget if not pieces else rest_budget

    for index, word in enumerate(text.split(" ")):
        joiner = " " if index else ""
        start = 0  # the part of the word still to place is word[start:] ...
        left = utf8_len(word)  # ... of this many bytes
        while left:
            if current:
                if current_size + len(joiner) + left <= budget():
                    current += joiner + word[start:]
                    current_size += len(joiner) + left
                    break
                pieces.append(Piece(current, current_joiner))
                current, current_size = "", 0
            if left <= budget():
                current, current_size, current_joiner = word[start:], left, joiner
                break
            cut = _cut(word, start, budget())
            head = word[start:cut]
            pieces.append(Piece(head, joiner))
            left -= utf8_len(head)
            start = cut
            joiner = ""
    if current:
        pieces.append(Piece(current, current_joiner))
    return pieces


# A nick as IRC itself allows it (RFC 2812, with the usual length): letters, digits and
# []\`_^{|}-, not starting with a digit or a dash; "she/her" is no nick.
_STRICT_NICK = re.compile(r"[A-Za-z\[\]\\`_^{|}][A-Za-z0-9\[\]\\`_^{|}-]{0,63}")


def is_strict_nick(value: str) -> bool:
    """Whether ``value`` is a nick by IRC's own rule."""
    return _STRICT_NICK.fullmatch(value) is not None


# A nick as a meeting file may give it: no blank, comma or colon (they separate nicks in the
# bots' commands), not starting with a channel or command sign.
NICK_RE = re.compile(r"^[^\s,:#!@/][^\s,:]{0,63}$")


def is_irc_nick(value: str) -> bool:
    """Whether ``value`` can be a nick in a meeting file (and so in a session's plan)."""
    return NICK_RE.match(value) is not None
