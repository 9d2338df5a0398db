"""Loading a response table from CSV, XLSX, SPSS .sav, Parquet or a DataFrame.

The result holds the raw cells with the spreadsheet row number as index
(header = row 1, so the first respondent is row 2 whatever the format) and
blank rows removed. The kind of file is told by its first bytes, not by its
name. Files are only ever read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from ..errors import ResponseError

_DELIMITERS = (",", ";", "\t", "|")
_PARSER_RE = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_SPARE = "\x00spare"


@dataclass(frozen=True)
class Table:
    """Raw cells of a response table; the index is the spreadsheet row number."""

    frame: Any            # raw cells, index = spreadsheet row, blank rows removed
    path: str | None
    sha256: str | None
    n_read: int
    kind: str = "frame"   # "text", "xlsx", "sav", "parquet" or "frame"
    #: header -> {stored code: value label} (SPSS value labels)
    value_labels: Mapping[str, Mapping[Any, str]] = field(default_factory=dict)
    #: header -> the column's own label (SPSS variable label)
    variable_labels: Mapping[str, str] = field(default_factory=dict)
    #: header -> cells emptied because the file declares their code missing
    user_missing: Mapping[str, int] = field(default_factory=dict)


def load_table(source, sheet) -> Table:
    """The raw cells of a file or DataFrame, blank rows and empty blank-headed columns gone."""
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        if sheet is not None:
            raise ResponseError("sheet= applies to Excel workbooks, not to a DataFrame")
        frame = source.set_axis(pd.RangeIndex(2, len(source) + 2), axis=0)
        return _finish(frame, [_header_text(c) for c in source.columns], None, None,
                       kind="frame")
    data, path, kind = _read_bytes(source, sheet)
    digest = hashlib.sha256(data).hexdigest()
    extras: dict = {}
    if kind == "xlsx":
        frame, headers = _read_excel(data, path, sheet)
    elif kind == "sav":
        from ._spss import read_sav

        frame, headers, extras = read_sav(path)
    elif kind == "parquet":
        from ._parquet import read_parquet

        frame, headers = read_parquet(data, path)
    else:
        frame, headers = _read_csv(data, path)
    return _finish(frame, headers, path, digest, kind=kind, **extras)


def read_header(source, sheet: str | int | None = None) -> list[str]:
    """The column headers of a response file or DataFrame, without reading the answers.

    Blank headers are left out; a duplicated header raises :class:`ResponseError`.
    """
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        headers = [_header_text(c) for c in source.columns]
        path = None
    elif _large(source, sheet):
        from ._chunks import large_header

        path = str(source)
        headers = large_header(*probe_file(source, sheet))
    else:
        data, path, kind = _read_bytes(source, sheet)
        if kind == "xlsx":
            with _open_book(data, path) as book:
                raw = pd.read_excel(book, sheet_name=_sheet_name(book, sheet, path),
                                    header=None, nrows=1)
            headers = [_header_text(h) for h in raw.iloc[0]] if len(raw) else []
        elif kind == "sav":
            from ._spss import sav_header

            headers = sav_header(path)
        elif kind == "parquet":
            from ._parquet import parquet_header

            headers = parquet_header(data, path)
        else:
            headers = _csv_header(_decode(data, path))[1]
    _check_unique(headers, path)
    return [h for h in headers if h]


def _large(source, sheet) -> bool:
    """A CSV or Parquet file too large to be read whole just for its header."""
    from ._chunks import is_large

    path, kind, size = probe_file(source, sheet)
    return is_large(kind, size, path)


#: First bytes of the binary formats read, and what ``sheet=`` would be misapplied to.
_MAGIC = {b"PK\x03\x04": "xlsx", b"$FL2": "sav", b"$FL3": "sav", b"PAR1": "parquet"}
_KIND_NAMES = {"sav": "an SPSS .sav file", "parquet": "a Parquet file", "text": "a text file"}


def _read_bytes(source, sheet) -> tuple[bytes, str, str]:
    """The file's bytes, its name as given, and its kind ("xlsx", "sav", "parquet", "text")."""
    path = _path_of(source)
    try:
        data = Path(source).read_bytes()
    except FileNotFoundError:
        raise ResponseError("file not found", path) from None
    except OSError as exc:
        raise ResponseError(f"cannot read the file ({exc.strerror or exc})", path) from None
    return data, path, _kind(data[:4096], data[-4:], path, sheet)


def probe_file(source, sheet=None) -> tuple[str, str, int]:
    """The file's name as given, its kind and its size in bytes, reading only its ends."""
    path = _path_of(source)
    try:
        with open(source, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            head = fh.read(4096)
            if size > 4096:
                fh.seek(size - 4)
            tail = fh.read(4) if size > 4096 else head[-4:]
    except FileNotFoundError:
        raise ResponseError("file not found", path) from None
    except OSError as exc:
        raise ResponseError(f"cannot read the file ({exc.strerror or exc})", path) from None
    return path, _kind(head, tail, path, sheet), size


def _path_of(source) -> str:
    if not isinstance(source, (str, Path)):
        raise ResponseError(f"cannot read responses from a {type(source).__name__}; give a "
                            "file path or a pandas DataFrame")
    return str(source)


def _kind(head: bytes, tail: bytes, path: str, sheet) -> str:
    """The kind of file told by its first 4096 and last 4 bytes."""
    if head[:4] == b"\xd0\xcf\x11\xe0":
        raise ResponseError("an old-style .xls workbook; save it as .xlsx or as CSV UTF-8", path)
    kind = _MAGIC.get(head[:4], "text")
    if kind == "parquet" and tail != b"PAR1" and b"\x00" not in head:
        kind = "text"       # a CSV whose first header is "PAR1..."; a damaged Parquet has NULs
    if sheet is not None and kind != "xlsx":
        raise ResponseError(f"sheet= applies to Excel workbooks, not to {_KIND_NAMES[kind]}",
                            path)
    return kind


def _decode(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ResponseError(f"line {line}: byte 0x{data[exc.start]:02x} is not UTF-8 text; "
                            "save the file as 'CSV UTF-8' and try again", path) from None
    if not text.strip():
        raise ResponseError("the file is empty", path)
    return text


def _csv_header(text: str):
    """The delimiter, the header cells (trimmed) and a reader over the next records."""
    head = text[:65536]
    delimiter = _sniff(head, truncated=len(text) > len(head))
    records = csv.reader(io.StringIO(head), delimiter=delimiter)
    return delimiter, [h.strip() for h in next(records)], records


def _read_csv(data: bytes, path: str):
    text = _decode(data, path)
    delimiter, headers, spares = csv_layout(text, path)
    frame = parse_csv(io.BytesIO(data), csv_options(delimiter, headers, spares), path,
                      header=0, encoding="utf-8-sig")
    frame.index = _range_index(2, len(frame))
    pop_spares(frame, spares, len(headers), path)
    return frame, headers


def csv_layout(text: str, path) -> tuple[str, list[str], list[str]]:
    """The delimiter, the header cells and the names of spare columns.

    When the first row is longer than the header, the C parser would take the extra
    cells as an index or drop them unseen; spare columns keep them to be checked.
    """
    delimiter, headers, records = _csv_header(text)
    _check_unique(headers, path)
    first = next((r for r in records if r), [])
    return delimiter, headers, [f"{_SPARE}{i}" for i in range(len(first) - len(headers))]


def csv_options(delimiter: str, headers: list[str], spares: list[str]) -> dict:
    """The ``pandas.read_csv`` arguments every response CSV is read with."""
    return dict(sep=delimiter, names=[*_unique(headers), *spares], index_col=False,
                keep_default_na=False, na_values=[""], skip_blank_lines=False,
                low_memory=False, decimal="." if delimiter == "," else ",", engine="c")


def parse_csv(buffer, options: dict, path, header, encoding: str, rows_before: int = 0):
    """``pandas.read_csv`` with its complaints turned into :class:`ResponseError`.

    ``rows_before`` counts the records (header included) above ``buffer`` in the file,
    so that a row named in an error is the spreadsheet row.
    """
    import pandas as pd

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(buffer, header=header, encoding=encoding, **options)
    except pd.errors.ParserError as exc:
        m = _PARSER_RE.search(str(exc))
        if m:
            n_headers = len([n for n in options["names"] if not n.startswith(_SPARE)])
            raise _too_many(int(m.group(3)), n_headers, int(m.group(2)) + rows_before,
                            path) from None
        raise ResponseError(f"cannot be read as a table ({one_line(exc)})", path) from None
    except pd.errors.ParserWarning:
        raise ResponseError("some rows have more cells than the header has columns",
                            path) from None


def pop_spares(frame, spares: list[str], n_headers: int, path) -> None:
    """Remove the spare columns; a cell in one means a row longer than the header."""
    if spares:
        extra = np.column_stack([~_blank_cells(frame.pop(name)) for name in spares])
        if extra.any():
            pos = int(extra.any(axis=1).argmax())
            cells = n_headers + 1 + int(np.flatnonzero(extra[pos]).max())
            raise _too_many(cells, n_headers, int(frame.index[pos]), path)


def _range_index(start: int, n: int):
    import pandas as pd

    return pd.RangeIndex(start, start + n)


def one_line(exc, width: int = 200) -> str:
    """A library's error text on one line, cut to ``width`` characters."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= width else text[:width - 3] + "..."


def _too_many(cells: int, columns: int, row: int, path) -> ResponseError:
    return ResponseError(f"{cells} cells but the header has {columns} columns", path, row=row)


def _sniff(head: str, truncated: bool) -> str:
    """The delimiter that splits the header and the next rows alike into most columns."""
    lines = head.splitlines()
    if truncated:
        lines = lines[:-1]
    lines = [ln for ln in lines[:21] if ln.strip()]
    best, best_key = ",", (False, 1)
    for delim in _DELIMITERS:
        rows = list(csv.reader(lines, delimiter=delim))
        width = len(rows[0]) if rows else 0
        key = (all(len(r) == width for r in rows[1:]), width)
        if width > 1 and key > best_key:
            best, best_key = delim, key
    return best


def _open_book(data: bytes, path: str):
    import pandas as pd

    try:
        return pd.ExcelFile(io.BytesIO(data), engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise ResponseError(f"cannot be read as an .xlsx workbook ({one_line(exc)})",
                            path) from None


def _sheet_name(book, sheet, path) -> str:
    names = book.sheet_names
    if sheet is None:
        return names[0]
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        if not 0 <= sheet < len(names):
            raise ResponseError(f"no sheet number {sheet}; the workbook has {len(names)} "
                                f"sheet(s): {', '.join(names)}", path)
        return names[sheet]
    if sheet not in names:
        raise ResponseError(f"no sheet named {sheet!r}; sheets: {', '.join(names)}", path)
    return sheet


def _read_excel(data: bytes, path: str, sheet):
    import pandas as pd

    with _open_book(data, path) as book:
        sheet = _sheet_name(book, sheet, path)
        raw = pd.read_excel(book, sheet_name=sheet, header=None)
    if raw.empty:
        raise ResponseError(f"sheet {sheet!r} is empty", path)
    headers = [_header_text(h) for h in raw.iloc[0]]
    frame = raw.iloc[1:].infer_objects()
    frame.columns = _unique(headers)
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    return frame, headers


def _header_text(h) -> str:
    if h is None or (isinstance(h, float) and np.isnan(h)):
        return ""
    if isinstance(h, float) and h.is_integer():
        return str(int(h))
    return str(h).strip()


def _unique(headers: list[str]) -> list[str]:
    """Placeholder names for blank headers so the reader gets unique names."""
    return [h if h else f"\x00blank{i}" for i, h in enumerate(headers)]


def _check_unique(headers: list[str], path) -> None:
    seen: dict[str, int] = {}
    for i, h in enumerate(headers):
        if h and h in seen:
            raise ResponseError(f"the header {h!r} appears twice (columns {seen[h] + 1} and "
                                f"{i + 1}); give each column its own name", path)
        seen.setdefault(h, i)


def _finish(frame, headers: list[str], path, digest, **extras) -> Table:
    _check_unique(headers, path)
    frame = frame.set_axis(_unique(headers), axis=1)
    blank = np.ones(len(frame), dtype=bool)
    for i, col in enumerate(frame.columns):
        empty = _blank_cells(frame[col])
        blank &= empty
        if not headers[i] and empty.all():
            frame = frame.drop(columns=col)
    names = {f"\x00blank{i}": f"column {i + 1}" for i, h in enumerate(headers) if not h}
    if blank.any():
        frame = frame.loc[~blank]
    frame = frame.rename(columns=names)
    if frame.empty:
        raise ResponseError("no data rows below the header", path)
    return Table(frame, path, digest, len(frame), **extras)


def _blank_cells(s) -> np.ndarray:
    from pandas.api.types import is_numeric_dtype

    if is_numeric_dtype(s.dtype):
        return s.isna().to_numpy()
    return _per_unique(s, lambda u: isinstance(u, str) and not u.strip(), missing=True)


def _per_unique(s, fn, missing):
    """``fn`` evaluated once per distinct value, spread back over the column."""
    import pandas as pd

    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    out = np.array([fn(u) for u in uniques] + [missing], dtype=object)
    return out[codes].astype(type(missing))
