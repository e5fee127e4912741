"""The My day screenshot: run under /work/shared/tools/screenshot.sh.

    screenshot.sh docs/screenshots/my-day.png python scripts/my_day_screenshot.py
    QT_SCALE_FACTOR=1.5 screenshot.sh docs/screenshots/my-day-150.png python scripts/...
    screenshot.sh docs/screenshots/my-day-dark.png python scripts/my_day_screenshot.py --dark
Opens the real window on the fictional demo in a scratch data folder, with the clock set to
the demo's Tuesday at 12:15 (two meetings run at once), on the Programme page's My day.
--dark: the dark appearance PeerNotes uses on a dark desktop (palette.dark_palette).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

SCRATCH = Path(tempfile.mkdtemp(prefix="peernotes-shots-"))
os.environ["PEERNOTES_DATA_DIR"] = str(SCRATCH / "data")

from peernotes.core import demo, meeting_choice  # noqa: E402
from peernotes.ui.app import make_application  # noqa: E402
from peernotes.ui.main_window import MainWindow  # noqa: E402


def _dark(app) -> None:
    from peernotes.ui.palette import dark_palette
    from peernotes.ui.style import restyle

    app.setPalette(dark_palette())
    restyle(app)


def main(argv: list[str]) -> int:
    meeting_choice.clock = lambda: datetime(2026, 11, 10, 12, 15)  # type: ignore[assignment]
    app = make_application([argv[0]])
    if "--dark" in argv:
        _dark(app)
    path = SCRATCH / "Demo - Northmoor Borough Council.peernotes"
    demo.write_demo(path)
    window = MainWindow()
    window.resize(1180, 760)
    window.show()
    window.open_path(path)
    window.show_page("programme")
    window.page_widget("programme").show_my_day()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
