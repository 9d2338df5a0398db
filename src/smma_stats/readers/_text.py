"""Text (CSV) response files: decoding, the delimiter, the header, and parsing
with pandas' C parser, its complaints turned into one-line errors naming the
spreadsheet row.

Files saved by Excel for Mac as "CSV (Macintosh)" end their lines with a lone
carriage return; such a file is read as if its lines ended with a newline.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import warnings

import numpy as np

from ..errors import ResponseError
from ._common import SPARE, blank_cells, check_unique, one_line, unique_names

_DELIMITERS = (",", ";", "\t", "|")
_FIELDS_RE = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_EOF_RE = re.compile(r"EOF inside string starting at row (\d+)")
#: Bytes after the header the delimiter is judged on (at least three lines are).
SNIFF_BYTES = 65536
#: Longest line (header or row) read, in bytes.
MAX_LINE_BYTES = 16 * 1024 * 1024


def cr_only(data: bytes) -> bool:
    """Whether lines end with a lone carriage return (Excel for Mac's "CSV (Macintosh)")."""
    return b"\n" not in data and b"\r" in data


def decode(data: bytes, path: str) -> str:
    """The file's text (UTF-8, BOM dropped); a byte that is not UTF-8 names its line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise not_utf8(data, exc.start, path) from None
    if not text.strip():
        raise ResponseError("the file is empty", path)
    if "\n" not in text and "\r" in text:
        text = text.replace("\r", "\n")
    return text


def not_utf8(data: bytes, start: int, path, lines_before: int = 0, error=ResponseError):
    """The error for the byte at ``start`` of ``data`` that is not UTF-8, naming its line."""
    line = lines_before + data.count(b"\n", 0, start) + 1
    return error(f"line {line}: byte 0x{data[start]:02x} is not UTF-8 text; "
                 "save the file as 'CSV UTF-8' and try again", path)


def _head(text: str) -> str:
    """The start of ``text``: the header and at least two more lines, or SNIFF_BYTES past it."""
    end = -1
    for _ in range(3):
        found = text.find("\n", end + 1)
        if found < 0:
            return text
        end = found
    return text[:max(end + 1, text.find("\n") + 1 + SNIFF_BYTES)]


def csv_header(text: str):
    """The delimiter, the header cells (trimmed) and a reader over the next records."""
    head = _head(text)
    delimiter = sniff(head, truncated=len(text) > len(head))
    records = csv.reader(io.StringIO(head), delimiter=delimiter)
    try:
        return delimiter, [h.strip() for h in next(records)], records
    except csv.Error as exc:
        raise ResponseError(f"the header cannot be read ({one_line(exc)})") from None


def read_csv(data: bytes, path: str):
    """The cells of a whole CSV file (index = spreadsheet row) and its headers."""
    if cr_only(data):
        data = data.replace(b"\r", b"\n")
    text = decode(data, path)
    delimiter, headers, spares = csv_layout(text, path)
    return parse_csv(io.BytesIO(data), csv_options(delimiter, headers, spares), path,
                     header=0, encoding="utf-8-sig"), headers


def csv_layout(text: str, path) -> tuple[str, list[str], list[str]]:
    """The delimiter, the header cells and the names of spare columns.

    When the first row is longer than the header, the C parser would take the extra
    cells as an index or drop them unseen; spare columns keep them to be checked.
    """
    try:
        delimiter, headers, records = csv_header(text)
    except ResponseError as exc:
        raise ResponseError(exc.message, path) from None
    check_unique(headers, path)
    first, row = [], 2
    try:
        for row, record in enumerate(records, start=2):
            if record:
                first = record
                break
    except csv.Error:       # e.g. a cell over the csv module's size limit: pandas judges
        first = []
    if any(c.strip() for c in first[len(headers):]):
        # the first row is longer than the header: said at once, not after a parse of
        # a table as wide as that row
        raise too_many(len(first), len(headers), row, path)
    return delimiter, headers, [f"{SPARE}{i}" for i in range(len(first) - len(headers))]


def csv_options(delimiter: str, headers: list[str], spares: list[str]) -> dict:
    """The ``pandas.read_csv`` arguments every response CSV is read with."""
    return dict(sep=delimiter, names=[*unique_names(headers), *spares], index_col=False,
                keep_default_na=False, na_values=[""], skip_blank_lines=False,
                low_memory=False, decimal="." if delimiter == "," else ",", engine="c")


def parse_csv(buffer, options: dict, path, header, encoding: str, rows_before: int = 0):
    """The cells of CSV records (a whole file or a block), indexed by spreadsheet row.

    ``pandas.read_csv`` parses them, its complaints turned into
    :class:`ResponseError`, and a cell in a spare column (a row longer than
    the header) is refused. ``rows_before`` counts the records above
    ``buffer`` in the file (0 when the buffer starts with the header, then
    ``header=0``), so that a row named in an error is the spreadsheet row.
    """
    import pandas as pd

    spares = [n for n in options["names"] if n.startswith(SPARE)]
    n_headers = len(options["names"]) - len(spares)
    frame = _parse(buffer, options, path, header, encoding, rows_before, n_headers)
    first = rows_before + 1 + (header is not None)
    frame.index = pd.RangeIndex(first, first + len(frame))
    return _pop_spares(frame, spares, n_headers, path)


def _parse(buffer, options: dict, path, header, encoding: str, rows_before: int,
           n_headers: int):
    """``pandas.read_csv`` with its complaints turned into :class:`ResponseError`."""
    import pandas as pd

    if _may_be_too_wide(buffer, options["sep"], len(options["names"])):
        # the C parser would first build a column for every cell of such a row (slow)
        found = _first_long_record(buffer, options["sep"], len(options["names"]), encoding)
        if found is not None:
            raise too_many(found[1], n_headers, found[0] + rows_before + 1, path)
        buffer.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(buffer, header=header, encoding=encoding, **options)
    except pd.errors.ParserWarning:
        found = _first_long_record(buffer, options["sep"], n_headers, encoding)
        if found is not None:
            raise too_many(found[1], n_headers, found[0] + rows_before + 1, path) from None
        raise ResponseError("some rows have more cells than the header has columns",
                            path) from None
    except (ValueError, OverflowError, MemoryError) as exc:     # ParserError is a ValueError
        m = _FIELDS_RE.search(str(exc))
        if m:
            raise too_many(int(m.group(3)), n_headers, int(m.group(2)) + rows_before,
                           path) from None
        m = _EOF_RE.search(str(exc))
        if m:
            # pandas counts records from 0 (the header when there is one)
            row = int(m.group(1)) + rows_before + 1
            raise ResponseError('a quote (") opens a cell that is never closed', path,
                                row=row) from None
        raise ResponseError(f"cannot be read as a table ({one_line(exc)})", path) from None


def _may_be_too_wide(buffer, delimiter: str, n_names: int) -> bool:
    """Whether a line of ``buffer`` holds far more delimiters than the header has columns."""
    data = buffer.getbuffer() if hasattr(buffer, "getbuffer") else None
    if data is None or len(delimiter) != 1 or len(data) < 4096:
        return False
    a = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(a == 10)
    marks = np.flatnonzero(a == ord(delimiter))
    del a, data
    if marks.size <= 2 * n_names + 64:
        return False
    bounds = np.concatenate(([0], ends + 1, [len(buffer.getbuffer())]))
    per_line = np.diff(np.searchsorted(marks, bounds))
    return bool(per_line.max() > 2 * n_names + 64)


def _first_long_record(buffer, delimiter: str, n_headers: int, encoding: str):
    """(0-based record number in ``buffer``, cells) of its first record longer than the
    header, read by the csv module; None when there is none or the buffer cannot be read."""
    try:
        buffer.seek(0)
        text = buffer.read().decode(encoding, "replace")
        with cells_of_any_size(len(text)):
            for j, record in enumerate(csv.reader(io.StringIO(text, newline=""),
                                                  delimiter=delimiter)):
                if len(record) > n_headers:
                    return j, len(record)
    except (csv.Error, OSError, ValueError):
        return None
    return None


@contextlib.contextmanager
def cells_of_any_size(size: int):
    """The csv module's cell size limit (128 KB) raised to ``size`` characters for a while."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, min(size, 2**31 - 1)))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _pop_spares(frame, spares: list[str], n_headers: int, path):
    """The frame without its spare columns; a cell in one means a row longer than the header."""
    if spares:
        cells = frame[spares]
        frame = frame.drop(columns=spares)          # at once: many spares are cheap
        extra = np.column_stack([~blank_cells(cells.iloc[:, j]) for j in range(len(spares))])
        del cells
        if extra.any():
            pos = int(extra.any(axis=1).argmax())
            cells = n_headers + 1 + int(np.flatnonzero(extra[pos]).max())
            raise too_many(cells, n_headers, int(frame.index[pos]), path)
    return frame


def too_many(cells: int, columns: int, row: int, path) -> ResponseError:
    """The error for a row with more cells than the header has columns."""
    return ResponseError(f"{cells} cells but the header has {columns} columns", path, row=row)


def sniff(head: str, truncated: bool) -> str:
    """The delimiter that splits the header and the next rows alike into most columns."""
    lines = head.splitlines()
    if truncated and len(lines) > 1:
        lines = lines[:-1]
    lines = [ln for ln in lines[:21] if ln.strip()]
    best, best_key = ",", (False, 1)
    for delim in _DELIMITERS:
        try:
            with cells_of_any_size(len(head)):
                rows = list(csv.reader(lines, delimiter=delim))
        except csv.Error:
            continue
        width = len(rows[0]) if rows else 0
        key = (all(len(r) == width for r in rows[1:]), width)
        if width > 1 and key > best_key:
            best, best_key = delim, key
    return best


__all__ = ["cells_of_any_size", "MAX_LINE_BYTES", "SNIFF_BYTES", "cr_only", "decode", "not_utf8", "csv_header", "read_csv",
           "csv_layout", "csv_options", "parse_csv", "too_many", "sniff"]
