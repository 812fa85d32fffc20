"""Performance benchmarks for chair-tui: ``python -m benchmarks`` (or ``make bench``).

Every number is a ratio against a baseline measured in the same run on the same machine, as
the median of several runs after a warm-up.  See ``docs/performance.md``.
"""
