"""Every row of a response file as answered, for screening: nothing dropped,
nothing reverse-keyed, and each cell that is not a scale point listed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..instrument import Instrument
from ._attention import AttentionAnswers, judge_attention
from ._cells import code_items
from ._files import load_table


@dataclass(frozen=True, eq=False)
class RawResponses:
    """Every row read from a response file, answers as ticked.

    Attributes
    ----------
    answers : pandas.DataFrame
        One float column per instrument item (instrument order): the scale
        point ticked, NOT reverse-keyed; NaN where the cell is blank or not a
        scale point. The index is the spreadsheet row (header = row 1).
    attributes : pandas.DataFrame
        The other columns as read, same index.
    problems : tuple of ResponseError
        The cells of item columns that are not scale points, by row then column.
    attention : AttentionAnswers or None
        The attention check judged over every row read; None when the
        instrument has none.
    source : str or None
        The file as named by the caller; None for a DataFrame.
    """

    answers: Any
    attributes: Any
    problems: tuple
    attention: AttentionAnswers | None
    source: str | None

    def __repr__(self) -> str:
        return (f"RawResponses(rows={len(self.answers)}, problems={len(self.problems)}, "
                f"source={self.source!r})")


def read_all_rows(source, instrument: Instrument,
                  sheet: str | int | None = None) -> RawResponses:
    """Read every row of a response file as answered, for screening.

    Unlike :func:`~smma_stats.readers.read_responses`, a cell that is not a
    scale point does not stop the reading: it is listed in ``problems`` and
    read as NaN, and no row is dropped for a skipped answer.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        As for :func:`~smma_stats.readers.read_responses`.
    instrument : Instrument
    sheet : str or int, optional
        Workbook sheet by name or 0-based position.

    Returns
    -------
    RawResponses

    Raises
    ------
    ResponseError
        The file cannot be read, an item column is missing, or the attention
        check's question matches several columns.

    Examples
    --------
    >>> import pandas as pd
    >>> from smma_stats.instrument import instrument_from_dict
    >>> inst = instrument_from_dict({"name": "demo", "scale": {"min": 1, "max": 5},
    ...     "constructs": {"PI": {"items": ["Y1", "Y2"]}}, "reverse": ["Y2"],
    ...     "attention_check": {"column": "check", "expect": 4}})
    >>> df = pd.DataFrame({"Y1": [4, 9, 5], "Y2": [1, 2, None], "check": [4, 4, 3]})
    >>> raw = read_all_rows(df, inst)
    >>> raw.answers
        Y1   Y2
    2  4.0  1.0
    3  NaN  2.0
    4  5.0  NaN
    >>> [str(p) for p in raw.problems]
    ["row 3, column 'Y1': 9 is outside the scale 1..5"]
    >>> raw.attention.rows.tolist(), raw.attention.details
    ([4], ["answered 3 to 'check' (expected 4)"])
    """
    table = load_table(source, sheet)
    columns, codes, problems = code_items(table, instrument)[:3]
    if codes is None:
        raise problems[0]
    used = set(columns.values())
    attributes = table.frame[[h for h in table.frame.columns if h not in used]]
    answers = codes.astype(float)       # a cell that is not a scale point is NaN: no answer
    attention = judge_attention(instrument, answers, attributes, table.path)
    return RawResponses(answers=answers, attributes=attributes, problems=tuple(problems),
                        attention=attention, source=table.path)


__all__ = ["RawResponses", "read_all_rows"]
