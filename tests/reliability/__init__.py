"""Reliability suite: nothing lost, clear errors (see docs/reliability.md)."""
