"""Loading a response table from CSV, XLSX, SPSS .sav, Parquet or a DataFrame.

The result holds the raw cells with the spreadsheet row number as index
(header = row 1, so the first respondent is row 2 whatever the format) and
blank rows removed. The kind of file is told by its first bytes, not by its
name. Files are only ever read.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import ResponseError
from ._chunks import is_large, large_header
from ._common import Table, blank_rows, check_unique, header_text, unique_names
from ._parquet import read_parquet
from ._spss import read_sav, sav_header
from ._text import csv_header, decode, read_csv
from ._xlsx import read_xlsx, xlsx_header


def load_table(source, sheet) -> Table:
    """The raw cells of a file or DataFrame, blank rows and empty blank-headed columns gone."""
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        if sheet is not None:
            raise ResponseError("sheet= applies to Excel workbooks, not to a DataFrame")
        frame = source.set_axis(pd.RangeIndex(2, len(source) + 2), axis=0)
        return _finish(frame, [header_text(c) for c in source.columns], None, None,
                       kind="frame")
    data, path, kind = _read_bytes(source, sheet)
    digest = hashlib.sha256(data).hexdigest()
    extras: dict = {}
    if kind == "xlsx":
        frame, headers = read_xlsx(data, path, sheet)
    elif kind == "sav":
        frame, headers, extras = read_sav(path)
    elif kind == "parquet":
        frame, headers = read_parquet(data, path)
    else:
        frame, headers = read_csv(data, path)
    return _finish(frame, headers, path, digest, kind=kind, **extras)


def read_header(source, sheet: str | int | None = None) -> list[str]:
    """The column headers of a response file or DataFrame, without reading the answers.

    Blank headers are left out; a duplicated header raises :class:`ResponseError`.
    """
    import pandas as pd

    path = None
    if isinstance(source, pd.DataFrame):
        headers = [header_text(c) for c in source.columns]
    else:
        path, kind, size = probe_file(source, sheet)
        if kind == "parquet" or is_large(kind, size, path):   # from the schema or the head
            headers = large_header(path, kind, size)
        elif kind == "sav":
            headers = sav_header(path)
        else:
            data = _read_bytes(source, sheet)[0]
            headers = (xlsx_header(data, path, sheet) if kind == "xlsx"
                       else csv_header(decode(data, path))[1])
    check_unique(headers, path)
    return [h for h in headers if h]


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


def _finish(frame, headers: list[str], path, digest, **extras) -> Table:
    check_unique(headers, path)
    frame = frame.set_axis(unique_names(headers), axis=1)
    blank, empty = blank_rows(frame)
    frame = frame.drop(columns=[c for c, h, e in zip(frame.columns, headers, empty)
                                if not h and e])
    names = {f"\x00blank{i}": f"column {i + 1}" for i, h in enumerate(headers) if not h}
    if blank.any():
        frame = frame.loc[~blank]
    frame = frame.rename(columns=names)
    if frame.empty:
        raise ResponseError("no data rows below the header", path)
    return Table(frame, path, digest, len(frame), **extras)

