"""What every reader module shares: the raw table, header text, blank cells,
library errors on one line, and the compact integer type of a scale.

A leaf module: it imports nothing of the readers, so every other reader
module can import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from ..errors import ResponseError, one_line
from ..scores import compact_dtype

#: Header prefix of a placeholder column holding cells beyond the header's width.
SPARE = "\x00spare"


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


class ExcelError(str):
    """An Excel error value (``#DIV/0!``, ``#N/A``, ...) read from a workbook cell."""


class UnsavedFormula(str):
    """A workbook cell holding a formula whose value was never saved (its formula text)."""


def short(text, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with ``...``."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 3].rstrip() + "..."


def header_text(h) -> str:
    """A header cell as text: blank for nothing, ``"3"`` for the number 3.0."""
    if h is None or (isinstance(h, float) and np.isnan(h)):
        return ""
    if isinstance(h, float) and h.is_integer():
        return str(int(h))
    return str(h).strip()


def unique_names(headers: list[str]) -> list[str]:
    """Placeholder names for blank headers so the reader gets unique names."""
    return [h if h else f"\x00blank{i}" for i, h in enumerate(headers)]


def check_unique(headers: list[str], path) -> None:
    """Refuse a header that names two columns."""
    seen: dict[str, int] = {}
    for i, h in enumerate(headers):
        if h and h in seen:
            raise ResponseError(f"the header {h!r} appears twice (columns {seen[h] + 1} and "
                                f"{i + 1}); give each column its own name", path)
        seen.setdefault(h, i)


def blank_cells(s) -> np.ndarray:
    """Cells holding nothing: NaN/None, or text of spaces only.

    Each distinct value is judged once (see :func:`distinct_cells`).
    """
    from pandas.api.types import is_numeric_dtype

    if is_numeric_dtype(s.dtype):
        return s.isna().to_numpy()
    codes, uniques = distinct_cells(s)
    return np.array([_blank(u) for u in uniques] + [True], dtype=bool)[codes]


def distinct_cells(s):
    """(codes, distinct values) of a column, -1 coding a missing cell, so that a value
    is judged once however many rows hold it; in a column of unhashable cells (lists
    from a nested Parquet column) each cell is its own value."""
    import pandas as pd

    try:
        return pd.factorize(s, use_na_sentinel=True)
    except TypeError:
        cells = s.to_numpy(dtype=object)
        return np.arange(len(cells)), cells


def blank_rows(frame) -> tuple[np.ndarray, list[bool]]:
    """Rows whose every cell is blank, and whether each column is blank throughout."""
    rows = np.ones(len(frame), dtype=bool)
    empty = []
    for j in range(frame.shape[1]):
        cells = blank_cells(frame.iloc[:, j])
        rows &= cells
        empty.append(bool(cells.all()))
    return rows, empty


def _blank(u) -> bool:
    return (u is None or (isinstance(u, float) and np.isnan(u))
            or (isinstance(u, str) and not u.strip()))


__all__ = ["SPARE", "Table", "ExcelError", "UnsavedFormula", "short", "header_text", "unique_names", "check_unique", "blank_cells", "blank_rows", "distinct_cells",
           "one_line", "compact_dtype"]
