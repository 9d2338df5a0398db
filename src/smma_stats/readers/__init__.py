"""Reading questionnaire answers: a CSV, Excel workbook or DataFrame becomes
coded, reverse-keyed item scores with one score per construct and dimension.

Every cell problem is reported with the file, the row as a spreadsheet shows
it (the header is row 1) and the column header, so a student can find the
cell in Excel. The input file is only ever opened for reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ..errors import ResponseError, SmmaError
from ..instrument import Instrument
from ._cells import MISSING_TEXTS, code_items
from ._files import load_table, read_header


@dataclass(frozen=True, repr=False)
class Responses:
    """Coded answers of the respondents kept for analysis.

    Attributes
    ----------
    items : pandas.DataFrame
        One integer column per instrument item (instrument order), reverse
        keying applied (``min + max - x``). The index is the spreadsheet row
        number (header = row 1, first answer = row 2).
    attributes : pandas.DataFrame
        The other columns (name, age, ...), same index as ``items``.
    scores : pandas.DataFrame
        One column per construct then per dimension: the sum or mean of its
        items, as the instrument's ``score`` says.
    n, n_read, n_dropped : int
        Rows used, rows read (blank rows not counted) and rows dropped.
    dropped_rows : tuple of int
        Spreadsheet row numbers dropped for a missing answer.
    source : str or None
        The file as named by the caller; None for a DataFrame.
    sha256 : str or None
        Hex SHA-256 digest of the file's bytes; None for a DataFrame.
    columns : dict of str to str
        Item id -> the header it was read from.
    missing : str
        The missing-answer rule applied.
    instrument : Instrument or None
    """

    items: Any
    attributes: Any
    scores: Any
    n: int
    n_read: int
    n_dropped: int
    dropped_rows: tuple[int, ...]
    source: str | None
    sha256: str | None
    columns: Mapping[str, str] = field(default_factory=dict)
    missing: str = "listwise"
    instrument: Instrument | None = None

    def __repr__(self) -> str:
        return (f"Responses(n={self.n}, n_read={self.n_read}, n_dropped={self.n_dropped}, "
                f"items={self.items.shape[1]}, source={self.source!r})")


def read_responses(source, instrument: Instrument, missing: str = "listwise",
                   sheet: str | int | None = None) -> Responses:
    """Read a response file (CSV, XLSX) or DataFrame against an instrument.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        A ``.csv``/``.txt`` file (delimiter ``,`` ``;`` tab or ``|`` detected;
        UTF-8 with or without BOM; decimal comma accepted unless the delimiter
        is a comma), an ``.xlsx`` workbook, or a DataFrame whose rows are
        respondents (row numbers then count as if written to a sheet).
    instrument : Instrument
        Names the item columns, the scale and its labels, reverse keying and
        how scores are built.
    missing : {"listwise"}
        What to do with a respondent who skipped an item: ``"listwise"`` drops
        the whole row.
    sheet : str or int, optional
        Workbook sheet by name or 0-based position; the first by default.

    Returns
    -------
    Responses

    Raises
    ------
    ResponseError
        The file cannot be read, a header is duplicated, an item column is
        missing, or a cell is not an answer; the first problem in row order.
        :func:`validate_responses` lists every one.

    Notes
    -----
    An item column is the header equal to the item id, else the header the
    instrument's ``columns:`` maps to it, else a header equal to the id apart
    from case and surrounding spaces. A cell may hold a scale point (``4``,
    ``4.0``, ``4,0``), a scale label or alias (case and spacing ignored), or
    nothing (empty, ``NA``, ``N/A``, ``NaN``, ``null``) for a skipped item.
    Fully blank rows are ignored.

    Examples
    --------
    >>> import pandas as pd
    >>> from smma_stats.instrument import instrument_from_dict
    >>> inst = instrument_from_dict({"name": "demo", "scale": {"min": 1, "max": 5,
    ...     "labels": {1: "STS", 2: "TS", 3: "N", 4: "S", 5: "SS"}},
    ...     "constructs": {"PI": {"items": ["Y1", "Y2", "Y3"]}}, "reverse": ["Y3"]})
    >>> df = pd.DataFrame({"name": ["Ani", "Budi", "Citra"], "Y1": [4, 5, 2],
    ...                    "y2": ["s", "SS", None], "Y3": [2, 1, 3]})
    >>> res = read_responses(df, inst)
    >>> res
    Responses(n=2, n_read=3, n_dropped=1, items=3, source=None)
    >>> res.scores
       PI
    2  12
    3  15
    """
    if missing not in _MISSING_RULES:
        raise SmmaError(f"missing={missing!r} is not supported; use one of "
                        f"{', '.join(_MISSING_RULES)}")
    table = load_table(source, sheet)
    columns, codes, errors = code_items(table, instrument)
    if errors:
        raise errors[0]
    items, dropped = _MISSING_RULES[missing](codes)
    if items.empty:
        raise ResponseError(f"no complete responses: each of the {table.n_read} rows misses "
                            "at least one answer", table.path)
    scale = instrument.scale
    for item in instrument.reverse:
        items[item] = scale.min + scale.max - items[item]
    used = set(columns.values())
    attributes = table.frame.loc[items.index, [h for h in table.frame.columns if h not in used]]
    scores = _scores(items, instrument)
    return Responses(items=items, attributes=attributes, scores=scores, n=len(items),
                     n_read=table.n_read, n_dropped=len(dropped), dropped_rows=dropped,
                     source=table.path, sha256=table.sha256, columns=columns,
                     missing=missing, instrument=instrument)


def validate_responses(source, instrument: Instrument,
                       sheet: str | int | None = None) -> list[ResponseError]:
    """Every problem that stops a response file from being read, in row order.

    A file that cannot be read as a table (encoding, duplicate header, no
    data) gives that one error. Otherwise a missing item column comes first,
    then each bad cell of the item columns found, by row then column.
    An empty list means :func:`read_responses` will read the answers
    (skipped items are not problems).

    Parameters
    ----------
    source, instrument, sheet
        As for :func:`read_responses`.

    Returns
    -------
    list of ResponseError
        Each with ``path``, ``row`` (spreadsheet row) and ``column`` (header).
    """
    try:
        table = load_table(source, sheet)
    except ResponseError as exc:
        return [exc]
    return code_items(table, instrument, keep_going=True)[2]


# ---------------------------------------------------------------- missing answers

# A rule takes the coded answers (NaN = skipped) and returns the answers kept
# and the spreadsheet rows left out.

def _listwise(codes):
    """Keep only respondents who answered every item (SPSS's default)."""
    if all(dt.kind in "iu" for dt in codes.dtypes):
        return codes.astype("int64"), ()
    complete = codes.notna().all(axis=1).to_numpy()
    dropped = tuple(int(r) for r in codes.index[~complete])
    return codes.loc[complete].astype("int64"), dropped


_MISSING_RULES = {"listwise": _listwise}


def _scores(items, instrument: Instrument):
    import pandas as pd

    how = instrument.score
    cols = {}
    for name in instrument.scale_names():
        block = items[instrument.items_of(name)]
        cols[name] = block.sum(axis=1) if how == "sum" else block.mean(axis=1)
    return pd.DataFrame(cols, index=items.index)


__all__ = ["Responses", "read_responses", "validate_responses", "read_header", "MISSING_TEXTS"]
