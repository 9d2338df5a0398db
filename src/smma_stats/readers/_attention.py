"""The attention check: finding its column and judging each respondent's answer.

An instrument's ``attention_check`` names an instructed-response question
("for this question, choose Agree") and the answer(s) it expects. Its column
is the item's when the check names an item id; otherwise it is found among
the other columns as an item's column is found (see
:func:`._columns.match_attention`). An answer is read as an item's cell is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import ResponseError
from ..instrument import Instrument
from ._cells import MISSING_TEXTS, Labels
from ._columns import match_attention, normalise
from ._common import distinct_cells


@dataclass(frozen=True, eq=False)
class AttentionAnswers:
    """The rows that failed the instrument's attention check.

    Attributes
    ----------
    column : str or None
        The header of the check's column (the item id when the check is an
        item); None when no column matches.
    rows : numpy.ndarray
        Spreadsheet rows (int64, ascending) whose answer is blank or not one
        of the expected answers.
    values : list
        The answer given on each of those rows: None for a blank, a whole
        number as int, else the cell as read (text, or a fraction).
    details : list of str
        The finding on each of those rows in words, e.g.
        ``"answered 2 to 'check' (expected 4)"`` or
        ``"no answer to 'check' (expected 4)"``.
    note : str or None
        Why nothing was judged (no column matches the check), else None.
    error : ResponseError or None
        Set (and nothing judged) when the check's question matches several
        columns: :func:`~smma_stats.readers.read_responses` still reads the
        answers, and whoever screens them raises this error.
    """

    column: str | None
    rows: Any = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    values: list = field(default_factory=list)
    details: list = field(default_factory=list)
    note: str | None = None
    error: ResponseError | None = None

    @property
    def n_failed(self) -> int:
        return int(len(self.rows))

    def __repr__(self) -> str:
        return (f"AttentionAnswers(column={self.column!r}, rows={self.rows.tolist()!r}, "
                f"note={self.note!r})")


def judge_attention(instrument: Instrument, items, attributes,
                    path: str | None = None) -> AttentionAnswers | None:
    """Find the attention check's column and judge every row's answer.

    Parameters
    ----------
    instrument : Instrument
    items : pandas.DataFrame
        Answers as ticked (not reverse-keyed), one column per item id; its
        column is used when the check names an item id.
    attributes : pandas.DataFrame
        The other columns, same index (spreadsheet rows).
    path : str, optional
        The file, for an error naming several matching columns.

    Returns
    -------
    AttentionAnswers or None
        None when the instrument has no attention check.

    Raises
    ------
    ResponseError
        The check's question matches several columns.

    Notes
    -----
    Each distinct answer is judged once and the verdict spread over its
    rows, so a file of millions of rows costs one pass over the column.

    Examples
    --------
    >>> import pandas as pd
    >>> from smma_stats.instrument import instrument_from_dict
    >>> inst = instrument_from_dict({"name": "demo", "scale": {"min": 1, "max": 5},
    ...     "constructs": {"PI": {"items": ["Y1", "Y2"]}},
    ...     "attention_check": {"column": "check", "expect": 4}})
    >>> items = pd.DataFrame({"Y1": [4, 2, 5], "Y2": [5, 2, 4]}, index=[2, 3, 4])
    >>> other = pd.DataFrame({"check": ["4", None, "2"]}, index=[2, 3, 4])
    >>> res = judge_attention(inst, items, other)
    >>> res.rows.tolist(), res.values
    ([3, 4], [None, 2])
    >>> res.details
    ["no answer to 'check' (expected 4)", "answered 2 to 'check' (expected 4)"]
    """
    check = instrument.attention_check
    if not check:
        return None
    column = check["column"]
    if column in items.columns:
        cells = items[column]
    else:
        names = {str(h): h for h in attributes.columns}
        header = match_attention(list(names), instrument, path)
        if header is None:
            return AttentionAnswers(None, note=no_column_note(column, list(names)))
        column, cells = header, attributes[names[header]]
    return _judge_cells(cells, str(column), check, Labels(instrument.scale))


def judge_keyed(instrument: Instrument, items, attributes,
                path: str | None = None) -> AttentionAnswers | None:
    """:func:`judge_attention` of reverse-keyed answers (those a Responses holds).

    Only the check's own column, when it is an item, has its keying undone.
    A check matching several columns gives ``error`` instead of raising, so
    that the answers are still read.
    """
    import pandas as pd

    check = instrument.attention_check
    if not check:
        return None
    column = check["column"]
    raw = pd.DataFrame(index=items.index)
    if column in items.columns:
        cells = items[column].to_numpy(dtype=float)
        if column in instrument.reverse:
            cells = instrument.scale.min + instrument.scale.max - cells
        raw[column] = cells
    try:
        return judge_attention(instrument, raw, attributes, path)
    except ResponseError as exc:
        return AttentionAnswers(None, error=exc)


def _judge_cells(cells, column: str, check, lookup: Labels) -> AttentionAnswers:
    """Judge each distinct cell of ``cells`` once, then spread the verdicts over the rows."""
    rows = np.asarray(cells.index, dtype=np.int64)
    codes, uniques = distinct_cells(cells)
    distinct = list(np.asarray(uniques, dtype=object)) + [None]     # code -1: the last
    points = {point(v, lookup) for v in check["expect"]} - {None}
    texts = {normalise(v) for v in check["expect"] if isinstance(v, str)}
    expect = " or ".join(str(v) for v in check["expect"])
    verdicts = [_verdict(u, column, points, texts, expect, lookup) for u in distinct]
    failing = np.array([v is not None for v in verdicts], dtype=bool)
    where = np.flatnonzero(failing[codes])
    failed = [verdicts[c] for c in codes[where].tolist()]
    return AttentionAnswers(column=column, rows=rows[where],
                            values=[v for v, _ in failed], details=[d for _, d in failed])


def _verdict(cell, column: str, points, texts, expect: str, lookup: Labels):
    """None when ``cell`` passes, else (the value shown, the detail in words)."""
    if not blank(cell) and (point(cell, lookup) in points
                            or isinstance(cell, str) and normalise(cell) in texts):
        return None
    if blank(cell):
        return None, f"no answer to {column!r} (expected {expect})"
    number = as_number(cell)
    value = _plain(number) if number is not None else cell
    return value, f"answered {value!r} to {column!r} (expected {expect})"


def point(cell, lookup: Labels) -> float | None:
    """A number, or the scale point an answer text names (read as an item's cell is)."""
    number = as_number(cell)
    if number is not None or not isinstance(cell, str):
        return number
    key = " ".join(cell.split()).casefold()
    if key in lookup.exact:
        return float(lookup.exact[key])
    return lookup.combined(cell)[0]


def blank(cell) -> bool:
    """No answer: nothing, NaN, or a text an item cell would read as skipped."""
    if isinstance(cell, str):
        return " ".join(cell.split()).casefold() in MISSING_TEXTS
    import pandas as pd

    return cell is None or (pd.api.types.is_scalar(cell) and bool(pd.isna(cell)))


def as_number(cell) -> float | None:
    """A cell as a number (``4``, ``4.0``, ``"4"``, ``"4,0"``), else None."""
    if isinstance(cell, (bool, np.bool_)):
        return None
    try:
        v = float(str(cell).strip().replace(",", ".")) if isinstance(cell, str) else float(cell)
    except (TypeError, ValueError, OverflowError):
        return None
    return None if math.isnan(v) else v


def _plain(v: float):
    """A whole float as an int, for display."""
    return int(v) if float(v).is_integer() else v


def no_column_note(column, headers: list[str]) -> str:
    """Why the attention check was not screened: no column matches it."""
    shown = [h if len(h) <= 40 else h[:37].rstrip() + "..." for h in headers[:10]]
    shown = ", ".join(shown) + (", ..." if len(headers) > 10 else "") or "none"
    return (f"attention check not screened: no column matches {column!r} by id, the "
            f"columns: mapping or wording (columns besides the items: {shown})")


__all__ = ["AttentionAnswers", "judge_attention", "judge_keyed", "point", "blank", "as_number",
           "no_column_note"]
