"""Show one page of the demo challenge, for screenshots: run under screenshot.sh.

    SHOT_SIZE=1366x768 screenshot.sh docs/screenshots/findings-1366.png \
        python scripts/page_screenshot.py findings
    QT_SCALE_FACTOR=1.5 SHOT_SIZE=1366x768 ... page_screenshot.py findings    (150 %)
    ... page_screenshot.py capture --dark                                     (dark palette)
The window fills the screen as a maximised window would; a scratch data folder is used.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SCRATCH = Path(tempfile.mkdtemp(prefix="peernotes-shots-"))
os.environ["PEERNOTES_DATA_DIR"] = str(SCRATCH / "data")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from peernotes.core import demo  # noqa: E402
from peernotes.ui.app import make_application  # noqa: E402
from peernotes.ui.main_window import MainWindow  # noqa: E402
from peernotes.ui.palette import dark_palette  # noqa: E402
from peernotes.ui.style import restyle  # noqa: E402


def main(page: str, dark: bool) -> int:
    app = make_application([sys.argv[0]])
    if dark:  # as Windows dark mode would: the scheme, and the palette where Qt has none
        app.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(dark_palette())
        restyle(app)
    window = MainWindow()
    window.setGeometry(QGuiApplication.primaryScreen().availableGeometry())
    window.show()
    path = SCRATCH / "Northmoor ASC peer challenge.peernotes"
    demo.write_demo(path)
    window.open_path(path)
    QTimer.singleShot(1500, lambda: window.show_page(page))
    # as a desktop does for a new window (Xvfb has no window manager to do it)
    QTimer.singleShot(1600, window.activateWindow)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--dark" in sys.argv[2:]))
