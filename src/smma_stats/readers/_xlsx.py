"""Excel workbooks (.xlsx), read cell by cell with openpyxl's read-only reader.

Limits keep a small hostile workbook from taking the machine: a part of the
workbook (a sheet, the shared strings) may unpack to at most
:data:`MAX_PART_BYTES`, a sheet may hold at most :data:`MAX_ROWS` rows, and
a cell at most :data:`MAX_CELL_CHARS` characters (Excel's own limit). An
Excel error value (``#DIV/0!``, ``#N/A``, ...) is kept as
:class:`~._common.ExcelError` and a formula whose value was never saved as
:class:`~._common.UnsavedFormula`, so that an answer cell holding either is
named as a problem rather than read as a skipped answer.
"""

from __future__ import annotations

import io
import re

from ..errors import ResponseError
from ._common import ExcelError, UnsavedFormula, header_text, one_line, short

#: Most rows read from one sheet (a larger sheet: save it as CSV, read in chunks).
MAX_ROWS = 200_000
#: Most characters in one cell (Excel's own limit).
MAX_CELL_CHARS = 32_767
#: Most bytes one part of the workbook (a sheet, the shared strings) may unpack to.
MAX_PART_BYTES = 128 << 20

#: The error values Excel shows in a cell.
ERROR_VALUES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                          "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!",
                          "#CONNECT!", "#BUSY!", "#UNKNOWN!"})

_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]+</")
_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f[^>]*>([^<]*)</")


def open_book(data: bytes, path: str):
    """The workbook opened read-only (cached values of formulas), its parts' sizes checked."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if info.file_size > MAX_PART_BYTES:
                    raise ResponseError(f"the workbook part {short(info.filename, 60)!r} "
                                        f"unpacks to {info.file_size >> 20} MB, more than the "
                                        f"{MAX_PART_BYTES >> 20} MB read; save the sheet as "
                                        "CSV", path)
    except zipfile.BadZipFile as exc:
        raise ResponseError(f"cannot be read as an .xlsx workbook ({one_line(exc)})",
                            path) from None
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise ResponseError(f"cannot be read as an .xlsx workbook ({one_line(exc)})",
                            path) from None


def sheet_of(book, sheet, path):
    """The worksheet named or numbered by ``sheet`` (the first by default)."""
    names = book.sheetnames
    if sheet is None:
        if not names:
            raise ResponseError("the workbook has no sheet", path)
        return book[names[0]]
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        if not 0 <= sheet < len(names):
            raise ResponseError(f"no sheet number {sheet}; the workbook has {len(names)} "
                                f"sheet(s): {', '.join(names)}", path)
        return book[names[sheet]]
    if sheet not in names:
        raise ResponseError(f"no sheet named {sheet!r}; sheets: {', '.join(names)}", path)
    return book[sheet]


def xlsx_header(data: bytes, path: str, sheet) -> list[str]:
    """The first row of the sheet as headers."""
    book = open_book(data, path)
    try:
        ws = sheet_of(book, sheet, path)
        for row in _rows(ws, path):
            return [header_text(h) for h in row]
        return []
    finally:
        book.close()


def read_xlsx(data: bytes, path: str, sheet):
    """The cells below the first row (index = spreadsheet row) and the headers."""
    import pandas as pd

    book = open_book(data, path)
    try:
        ws = sheet_of(book, sheet, path)
        _check_dimension(ws, path)
        rows = list(_rows(ws, path))
        unsaved = _unsaved_formulas(data, ws)
    except ResponseError:
        raise
    except Exception as exc:  # a damaged sheet surfaces while its rows are read
        raise ResponseError(f"cannot be read as an .xlsx workbook ({one_line(exc)})",
                            path) from None
    finally:
        book.close()
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    if not rows:
        raise ResponseError(f"sheet {ws.title!r} is empty", path)
    width = max(len(r) for r in rows)
    while width and all(len(r) < width or r[width - 1] is None for r in rows):
        width -= 1
    rows = [list(r[:width]) + [None] * (width - len(r)) for r in rows]
    for (r, c), formula in unsaved.items():
        if r <= len(rows) and c <= width and rows[r - 1][c - 1] is None:
            rows[r - 1][c - 1] = UnsavedFormula(formula)
    headers = [header_text(h) for h in rows[0]]
    _check_cells(rows, headers, path)
    index = pd.RangeIndex(2, len(rows) + 1)
    columns = {}
    for j in range(width):
        s = pd.Series([r[j] for r in rows[1:]], index=index, dtype=object)
        columns[j] = s if _marked(s) else s.infer_objects()
    frame = pd.DataFrame(columns, index=index)
    return frame, headers


def _rows(ws, path):
    """The sheet's rows as tuples of values, error values as ExcelError, at most MAX_ROWS."""
    for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if n > MAX_ROWS + 1:
            raise ResponseError(f"sheet {ws.title!r} has more than {MAX_ROWS:,} rows of "
                                "answers; save it as CSV, which is read in chunks", path)
        yield tuple(_cell(v) for v in row)


def _cell(v):
    if isinstance(v, str):
        return ExcelError(v) if v in ERROR_VALUES else v
    if isinstance(v, float) and v.is_integer() and abs(v) < 2 ** 53:
        return int(v)
    return v


def _check_dimension(ws, path) -> None:
    """Refuse a sheet whose stated size is past the row limit, before reading it."""
    try:
        rows = ws.max_row
    except Exception:  # no or a malformed dimension: the rows are counted as read
        return
    if rows is not None and rows > MAX_ROWS + 1:
        raise ResponseError(f"sheet {ws.title!r} has {rows - 1:,} rows below the header, "
                            f"more than the {MAX_ROWS:,} read; save it as CSV, which is read "
                            "in chunks", path)


def _check_cells(rows, headers, path) -> None:
    for i, row in enumerate(rows, start=1):
        for j, v in enumerate(row):
            if isinstance(v, str) and len(v) > MAX_CELL_CHARS:
                raise ResponseError(f"a cell of {len(v):,} characters; a cell holds at most "
                                    f"{MAX_CELL_CHARS:,}", path, row=i,
                                    column=headers[j] or f"column {j + 1}")


def _marked(s) -> bool:
    return any(isinstance(v, (ExcelError, UnsavedFormula)) for v in s)


def _unsaved_formulas(data: bytes, ws) -> dict:
    """(row, column) -> formula text of the sheet's formula cells without a saved value."""
    import zipfile

    part = getattr(ws, "_worksheet_path", None)
    if not part:
        return {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        try:
            xml = zf.read(part.lstrip("/"))
        except KeyError:
            return {}
    out = {}
    for m in _FORMULA.finditer(xml):
        start = max(xml.rfind(b"<c ", 0, m.start()), xml.rfind(b":c ", 0, m.start()))
        end = _CELL_END.search(xml, m.end())
        if start < 0 or end is None:
            continue
        cell = xml[start:end.start()]
        ref = _CELL_REF.search(cell)
        if ref is None or _VALUE.search(cell) is not None:
            continue
        text = _FORMULA_TEXT.search(cell)
        formula = "=" + (text.group(1).decode("utf-8", "replace") if text else "(formula)")
        out[(int(ref.group(2)), _column_number(ref.group(1)))] = formula
    return out


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


__all__ = ["MAX_ROWS", "MAX_CELL_CHARS", "MAX_PART_BYTES", "ERROR_VALUES", "open_book",
           "sheet_of", "xlsx_header", "read_xlsx"]
