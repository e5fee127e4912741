"""The import dialog for docs/screenshots/import-programme.png: run under screenshot.sh.

    /work/shared/tools/screenshot.sh docs/screenshots/import-programme.png \
        python scripts/import_screenshot.py
A fictional council's timetable (.xlsx, written by openpyxl as a council would send it: a
title row, real dates and times, a "Meeting with" heading, a headcount, a typo in one time)
is opened over the demo challenge's Programme page, the columns as recognised.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, time
from pathlib import Path

SCRATCH = Path(tempfile.mkdtemp(prefix="peernotes-shots-"))
os.environ["PEERNOTES_DATA_DIR"] = str(SCRATCH / "data")

import openpyxl  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402

from peernotes.core import programme_columns, sheets  # noqa: E402
from peernotes.core.records import programme  # noqa: E402
from peernotes.ui.app import make_application  # noqa: E402
from peernotes.ui.dialogs.import_programme import ImportProgrammeDialog  # noqa: E402
from peernotes.ui.main_window import MainWindow  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from helpers import make_challenge  # noqa: E402

ROWS = [
    (date(2026, 11, 10), time(9, 30), time(10, 30), "Welcome from the Chief Executive",
     "Civic Centre, Room 1", "Alex, Priya", "Sam Okafor (Chief Executive)", "Senior leader"),
    (None, time(11, 0), time(12, 0), "Carers' focus group", "Central Library", "Priya",
     "12 carers", ""),
    (None, "2pm", "3pm", "Director of Adult Social Care", "Room 2", "Alex",
     "Jo Reid (Director of Adult Social Care)", "Senior leader"),
    (None, "3.30", "4.30", "Provider forum", "Council Chamber", "Tom, Priya",
     "Lee Park; Ana Wu; Kit Nash", "Provider"),
    (date(2026, 11, 11), "9.30", "10.15", "Frontline staff drop-in", "Hub", "Alex, Tom",
     "8 frontline staff", ""),
    (None, "25.00", "11.00", "Safeguarding lead", "Room 3", "Priya", "Noor Shah", "Manager"),
    (None, "1pm", "2pm", "Cabinet member for adult care", "Members' room", "Tom",
     "Cllr Eve Hart", "Councillor"),
    (date(2026, 11, 3), "10.00", "11.00", "Pre-site call", "Teams", "Jo", "", ""),
]  # fmt: skip


def write_timetable(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Programme"
    sheet.append(["Fernhill Borough Council – Adult Social Care Peer Challenge programme"])
    sheet.merge_cells("A1:H1")
    sheet.append(["Date", "Start", "Finish", "Meeting with", "Venue", "Peers", "Attendees",
                  "Stakeholder group"])  # fmt: skip
    for row in ROWS:
        sheet.append(list(row))
    book.save(path)


def main() -> int:
    app = make_application([sys.argv[0]])
    path = SCRATCH / "Fernhill ASC peer challenge.peernotes"
    cf = make_challenge(path)
    programme.add_meeting(cf, date="2026-11-12", title="Leader of the Council", start_time="09:00")
    cf.close()
    window = MainWindow()
    window.resize(1180, 760)
    window.show()
    window.open_path(path)
    window.show_page("programme")
    sheet = SCRATCH / "Fernhill programme v3.xlsx"
    write_timetable(sheet)
    table = sheets.read_table(sheet)
    page = window.page_widget("programme")
    dialog = ImportProgrammeDialog(
        window, table, sheet.name, programme_columns.recognise(table), page.plan_for(table, sheet)
    )
    QTimer.singleShot(300, dialog.show)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
