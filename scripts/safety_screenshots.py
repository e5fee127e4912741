"""Scenes for the reliability screenshots: run under /work/shared/tools/screenshot.sh.

    screenshot.sh docs/screenshots/bad-file.png python scripts/safety_screenshots.py bad-file
    (also: restore-backup, passphrase)
Each scene opens the real main window on a fictional demo challenge in a scratch data folder
and shows the real dialog, non-modal, over it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SCRATCH = Path(tempfile.mkdtemp(prefix="peernotes-shots-"))
os.environ["PEERNOTES_DATA_DIR"] = str(SCRATCH / "data")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from peernotes.core import backups, demo, encryption  # noqa: E402
from peernotes.core.records import observations  # noqa: E402
from peernotes.core.store import ChallengeFile  # noqa: E402
from peernotes.ui import opening  # noqa: E402
from peernotes.ui.app import make_application  # noqa: E402
from peernotes.ui.main_window import MainWindow  # noqa: E402
from peernotes.ui.safety.backup_dialog import BackupDialog  # noqa: E402
from peernotes.ui.safety.passphrase_dialog import PassphraseDialog  # noqa: E402


def main(scene: str) -> int:
    app = make_application([sys.argv[0]])
    window = MainWindow()
    window.resize(1180, 760)
    window.show()
    path = SCRATCH / "Northmoor ASC peer challenge.peernotes"
    demo.write_demo(path, observations=120)
    keep: list[object] = []
    if scene == "bad-file":
        bad = SCRATCH / "Northmoor ASC peer challenge (from USB).peernotes"
        data = path.read_bytes()
        bad.write_bytes(data[: len(data) // 3])  # an interrupted copy
        try:
            ChallengeFile.open(bad)
        except Exception as error:  # the exact message the window shows
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                opening.REFUSED_TITLE,
                str(error),
                QMessageBox.StandardButton.Close,
                window,
            )
            keep.append(box)
            QTimer.singleShot(300, box.show)
    elif scene == "restore-backup":
        window.open_path(path)
        cf = window.session.cf
        for n, reason in enumerate(["interval", "interval", "before-merge", "interval"]):
            for k in range(7 * (n + 1)):
                observations.add_observation(
                    cf, f"Extra note {n}-{k} from the afternoon focus group"
                )
            backups.backup(cf, reason)
        dialog = BackupDialog(window, path, backups.list_backups(path))
        keep.append(dialog)
        QTimer.singleShot(300, dialog.show)
    elif scene == "passphrase":
        protected = SCRATCH / "Northmoor ASC peer challenge (protected).peernotes"
        protected.write_bytes(path.read_bytes())
        encryption.encrypt_file(protected, "shots only passphrase")
        dialog = PassphraseDialog(window, "unlock", protected, wrong=True)
        dialog.new.setText("not the right one")
        keep.append(dialog)
        QTimer.singleShot(300, dialog.show)
    else:
        raise SystemExit(f"unknown scene {scene}")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
