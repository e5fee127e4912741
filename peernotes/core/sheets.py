"""Read a spreadsheet as councils send it: CSV in any of its dialects, or an Excel .xlsx file.

The result is plain rows of cell values with the sheet's own row numbers, so every message can
say "row 7" and mean the row the officer sees in Excel. What officers' files really hold:
  * CSV saved by Excel on Windows: UTF-8 with a byte-order mark, or Windows-1252 ("café",
    "–"), separated by commas, or by semicolons where the decimal mark is a comma;
  * .xlsx with real date and time values (openpyxl returns date/time objects; a cell typed as
    a number keeps its day serial or day fraction, which peernotes.core.times understands),
    merged cells (a day's date merged down its meetings, a title merged across the top: the
    value is copied into every cell of the range), and blank rows between days.
Why openpyxl: reading .xlsx means unzipping XML parts, shared strings, styles (a date is a
number with a date format) and merged ranges; openpyxl is the maintained reader that does all
of it, with no compiled parts, and it only loads when an .xlsx file is opened.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peernotes.core.errors import PeerNotesError

Value = str | int | float | object | None


class SheetRefused(PeerNotesError):
    """A file that cannot be read as a table. Nothing has been changed."""


@dataclass(frozen=True)
class Table:
    """The cells of one sheet: rows[i] is sheet row numbers[i] (1-based, blank rows dropped)."""

    name: str
    rows: tuple[tuple[Value, ...], ...]
    numbers: tuple[int, ...]

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def read_table(path: Path) -> Table:
    """The first sheet with anything in it of an .xlsx file, or a CSV file."""
    return read_tables(path)[0]


def read_tables(path: Path) -> list[Table]:
    """Every sheet with anything in it, in the workbook's order (a CSV file is one sheet), so
    the caller can choose: councils often put a cover page before the timetable. SheetRefused
    with the reason if the file is neither."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SheetRefused(f"{path} could not be read ({error.strerror or error}).") from error
    if data.startswith(b"PK\x03\x04"):
        return _xlsx(path, data)
    if path.suffix.lower() in (".xls", ".ods", ".docx", ".doc"):
        raise SheetRefused(
            f"{path.name} is not a CSV or .xlsx file. Save it from the spreadsheet program as "
            "Excel Workbook (.xlsx) or CSV and import that."
        )
    return [_csv(path, data)]


def choose_table(tables: Sequence[Table], name: str, source: str) -> Table:
    """The sheet called `name` (case and outer spaces ignored); SheetRefused naming the
    sheets there are when there is none."""
    wanted = name.strip().casefold()
    for table in tables:
        if table.name.strip().casefold() == wanted:
            return table
    names = ", ".join(f"'{t.name}'" for t in tables)
    raise SheetRefused(f"{source} has no sheet called '{name}'. Its sheets: {names}.")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252: what Excel writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv(path: Path, data: bytes) -> Table:
    if b"\x00" in data[:4096]:
        raise SheetRefused(f"{path.name} is not a text (CSV) file or an .xlsx workbook.")
    text = decode_text(data)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    return _table(path.stem, rows)


def _delimiter(text: str) -> str:
    """The separator that splits the most of the first lines into the same number (>1) of
    cells: a comma, or a semicolon (Excel where the decimal mark is a comma), tab or bar.
    (csv.Sniffer guesses wrong when a title line or commas inside cells come first.)"""
    sample = text[:20_000].splitlines()[:40]
    best, best_score = ",", (0, 0)
    for candidate in (",", ";", "\t", "|"):
        widths = Counter(
            len(row) for row in csv.reader(sample, delimiter=candidate) if len(row) > 1
        )
        if widths:
            width, lines = max(widths.items(), key=lambda item: (item[1], item[0]))
            if (lines, width) > best_score:
                best, best_score = candidate, (lines, width)
    return best


def _xlsx(path: Path, data: bytes) -> list[Table]:
    import openpyxl  # type: ignore[import-untyped]  # 1.5 MB: only when a workbook is opened

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise SheetRefused(
            f"{path.name} could not be read as an Excel workbook ({error}). Save it again as "
            ".xlsx or CSV."
        ) from error
    tables = [_sheet_table(s) for s in book.worksheets if s.max_row > 1 or s.max_column > 1]
    if not tables:
        raise SheetRefused(f"{path.name} has no sheet with anything in it.")
    return tables


def _sheet_table(sheet: Any) -> Table:
    grid = [list(row) for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        top = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            for c in range(merged.min_col - 1, min(merged.max_col, len(grid[r]))):
                grid[r][c] = top
    return _table(sheet.title, grid)


def _table(name: str, grid: Sequence[Sequence[Value]]) -> Table:
    rows, numbers = [], []
    for number, row in enumerate(grid, start=1):
        cells = [c.strip() if isinstance(c, str) else c for c in row]
        while cells and cells[-1] in (None, ""):
            cells.pop()
        if cells:
            rows.append(tuple(cells))
            numbers.append(number)
    return Table(name, tuple(rows), tuple(numbers))


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
