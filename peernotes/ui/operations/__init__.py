"""The undoable actions, gathered by noun: what a screen does to the challenge file.

Each action is one small typed function, `meetings.add_meeting(session, data)`: it names the
action, owns its undo label (what Edit › Undo "…" shows, so its wording is user-visible) and
runs one core operation through `ui.undo.run_undoable`, returning what the screen needs.
Screens read their widgets, call one action and refresh; they never call `run_undoable`
themselves (`tests/ui/test_operations_spine.py` checks it). The actions take typed values and
the `Session`, never widgets, so a test runs them without a screen.

Import the noun module you need (`from peernotes.ui.operations import meetings`): this package
imports none of them, so opening the window loads only what its first screen uses.
"""
