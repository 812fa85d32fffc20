"""chair-tui: a terminal companion for chairing MeetBot-recorded meetings."""

__version__ = "0.1.0"
