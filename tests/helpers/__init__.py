"""What several test directories share: a frozen clock, a fake clipboard, app factories and a
whole meeting walked with key presses.

Each module imports only what it needs, so a core test can take :data:`clock.FROZEN` without
loading Textual.
"""
