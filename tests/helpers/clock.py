"""A clock that never moves, so that times in sessions and on screen are the same every run."""

from __future__ import annotations

FROZEN = 1_782_900_000.0  # a fixed moment (2026-07-01 UTC)


def frozen_clock() -> float:
    """The ``clock`` argument of ``ChairApp`` and ``Session``: always :data:`FROZEN`."""
    return FROZEN
