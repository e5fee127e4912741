"""The safety feature: keeping the open file safe from loss and from prying eyes.

    File › Restore from backup…      the open file's backups, with dates and counts
    File › Protect with passphrase…  (or Change passphrase… when it is protected)
    a backup every ten minutes while something was saved since the last one

`actions` (the menu actions and the backup timer), `backup_dialog`, `passphrase_dialog`
(also asked by opening a protected file, the wizard and merge). Recovering a damaged file is
offered where it is found: `ui/opening.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peernotes.ui.features import Feature

if TYPE_CHECKING:
    from peernotes.ui.main_window import MainWindow


def _install_actions(window: MainWindow) -> None:
    from peernotes.ui.safety.actions import SafetyActions

    window.safety = SafetyActions(window)


FEATURE = Feature("safety", install_actions=_install_actions)
