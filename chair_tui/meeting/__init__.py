"""chair-tui's core: meetings, bots, lines, sessions and lint, with no user interface.

Nothing here imports Textual or Rich (an import-linter contract and a runtime test guard it).
"""
