"""Dialogs of the recording window. Each exposes a classmethod returning plain data (or None
when cancelled), so tests can replace the dialog without a modal loop."""
