"""The screens, one per module: the meeting walk, the start screen, help and small dialogs."""

from chair_tui.tui.screens.help import HelpScreen
from chair_tui.tui.screens.meeting import MeetingScreen
from chair_tui.tui.screens.modals import Confirm, StepPicker, TextPrompt
from chair_tui.tui.screens.start import StartScreen

__all__ = ["Confirm", "HelpScreen", "MeetingScreen", "StartScreen", "StepPicker", "TextPrompt"]
