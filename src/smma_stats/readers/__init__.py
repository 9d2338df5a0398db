"""Reading questionnaire answers: a CSV (survey-platform exports included),
Excel workbook, SPSS .sav, Parquet file or DataFrame becomes coded,
reverse-keyed item scores with one score per construct and dimension.

Every cell problem is reported with the file, the row as a spreadsheet shows
it (the header is row 1) and the column header, so a student can find the
cell in Excel. The input file is only ever opened for reading.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from ..errors import ResponseError, SmmaError
from ..instrument import Instrument
from ..scores import construct_scores
from ._attention import AttentionAnswers, judge_attention, judge_keyed
from ._cells import MISSING_TEXTS
from ._files import load_table, read_header
from ._missing import RULES
from ._raw import RawResponses, read_all_rows


@dataclass(frozen=True, repr=False)
class Responses:
    """Coded answers of the respondents kept for analysis.

    Attributes
    ----------
    items : pandas.DataFrame
        One column per instrument item (instrument order), reverse keying
        applied (``min + max - x``). The index is the spreadsheet row number
        (header = row 1, first answer = row 2). Integer (int64) columns,
        except float64 when a skipped answer is left empty (``"pairwise"``)
        or filled with a person mean (``"person-mean"``).
    attributes : pandas.DataFrame
        The other columns (name, age, ...), same index as ``items``. An SPSS
        column whose every code has a value label shows the labels.
    scores : pandas.DataFrame
        One column per construct then per dimension: the sum or mean of its
        items, as the instrument's ``score`` says; NaN for a respondent who
        skipped one of its items (``"pairwise"`` only).
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
    missing : {"listwise", "pairwise", "person-mean"}
        The missing-answer rule applied.
    instrument : Instrument or None
    n_missing_answers : int
        Empty item cells among the rows read (answers skipped, ``NA``, or an
        SPSS code the file declares missing).
    missing_by_item : dict of str to int
        Item id -> its empty cells among the rows read (instrument order).
    n_imputed_answers, n_imputed_respondents : int
        Answers filled with a person mean, and respondents they belong to
        (``"person-mean"`` only, else 0).
    imputed_rows : tuple of int
        Spreadsheet rows holding a filled answer.
    max_missing_share : float or None
        The share of a construct's items a respondent may skip under
        ``"person-mean"``; None under the other rules.
    notes : tuple of str
        What reading did beyond the plain cells (SPSS codes read by their
        value labels, declared-missing codes read as skipped), for the report.
    attention : AttentionAnswers or None
        The instrument's attention check judged on the rows of ``items``
        (the rows kept); None when the instrument has no attention check.
    chunked : bool
        The file was read in chunks (see ``chunksize`` of
        :func:`read_responses`). ``items`` then holds the smallest integer
        type that fits the scale (``int8`` for a 1..5 scale; float64 as
        above when a gap is left or filled), ``scores`` ``int16`` sums (or
        wider when needed), and ``attributes`` categorical columns.
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
    n_missing_answers: int = 0
    missing_by_item: Mapping[str, int] = field(default_factory=dict)
    n_imputed_answers: int = 0
    n_imputed_respondents: int = 0
    imputed_rows: tuple[int, ...] = ()
    max_missing_share: float | None = None
    notes: tuple[str, ...] = ()
    chunked: bool = False
    attention: AttentionAnswers | None = None

    def __repr__(self) -> str:
        return (f"Responses(n={self.n}, n_read={self.n_read}, n_dropped={self.n_dropped}, "
                f"items={self.items.shape[1]}, source={self.source!r})")


def read_responses(source, instrument: Instrument, missing: str = "listwise",
                   sheet: str | int | None = None,
                   max_missing_share: float = 0.2, *, chunksize: int | None = None,
                   progress=None) -> Responses:
    """Read a response file (CSV, XLSX, SPSS .sav, Parquet) or DataFrame against an instrument.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        A ``.csv``/``.txt`` file (delimiter ``,`` ``;`` tab or ``|`` detected;
        UTF-8 with or without BOM; decimal comma accepted unless the delimiter
        is a comma), an ``.xlsx`` workbook, an SPSS ``.sav``/``.zsav`` file
        (needs pyreadstat), a Parquet file (needs pyarrow), or a DataFrame
        whose rows are respondents. The format is told by the file's first
        bytes. Row numbers count as if the rows were written to a sheet under
        one header row (first respondent = row 2) whatever the format.
    instrument : Instrument
        Names the item columns, the scale and its labels, reverse keying and
        how scores are built.
    missing : {"listwise", "pairwise", "person-mean"}
        What to do with a respondent who skipped an item. ``"listwise"``
        drops the whole row (SPSS's default). ``"pairwise"`` keeps every row
        and leaves the gap empty (NaN), so each statistic can use the
        respondents who answered what it needs. ``"person-mean"`` fills a gap
        with the respondent's mean over the answered items of the same
        construct, when at most ``max_missing_share`` of that construct's
        items are missing; otherwise the row is dropped.
    sheet : str or int, optional
        Workbook sheet by name or 0-based position; the first by default.
    max_missing_share : float
        For ``"person-mean"``: the share of a construct's items a respondent
        may skip, ``0 <= share < 1`` (0.2: one in five).
    chunksize : int, optional
        Rows per chunk for reading a CSV or Parquet file in chunks. By
        default a CSV file larger than 20 MB, or a Parquet file of 10
        million cells or more, is read in chunks of 250,000 rows and a
        smaller one whole; 0 reads the file whole whatever its size.
        Chunked reading keeps only compact answers (see ``chunked`` of
        :class:`Responses`); the answers, rows, counts and errors are those
        of a whole read.
    progress : callable, optional
        Called as ``progress("reading", done, total)`` while a file is read
        in chunks.

    Returns
    -------
    Responses

    Raises
    ------
    ResponseError
        The file cannot be read, a header is duplicated, an item column is
        missing or ambiguous, or a cell is not an answer; the first problem
        in row order. :func:`validate_responses` lists every one.

    Notes
    -----
    An item's column is found in this order: the header equal to the item
    id; the header the instrument's ``columns:`` maps to it; the id apart
    from case and spacing; the id apart from punctuation as well, alone or in
    square brackets (``"Pertanyaan [X1.1]"``); the item's wording (``text``
    or ``text_en``) as the whole header, after a number (``"1. ..."``), in
    square brackets (a Google Forms grid row) or as the SPSS variable label.
    Wording is compared without case, spacing and punctuation.

    A cell may hold a scale point (``4``, ``4.0``, ``4,0``), a scale label or
    alias (case, spacing and punctuation ignored), a point with its label
    (``"4 - Setuju"``, ``"SS (Sangat Setuju)"``), or nothing (empty, ``NA``,
    ``N/A``, ``NaN``, ``null``) for a skipped item. In an SPSS file a code
    whose value label is a scale label counts as that label's point, and a
    code the file declares missing counts as skipped. Fully blank rows are
    ignored.

    Reverse keying is applied before a gap is filled, so a person mean is
    taken over keyed answers. The filled value is the unrounded mean (e.g.
    4.25), so sum scores may hold fractions; a rounded value would move the
    respondent's score by up to half a point.

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
    >>> res = read_responses(df, inst, missing="person-mean", max_missing_share=0.34)
    >>> res.items
        Y1   Y2   Y3
    2  4.0  4.0  4.0
    3  5.0  5.0  5.0
    4  2.0  2.5  3.0
    >>> res.n_missing_answers, res.n_imputed_answers, res.imputed_rows
    (1, 1, (4,))
    """
    if not isinstance(instrument, Instrument):       # a YAML path or a shipped name
        from ..instrument import find_instrument

        instrument = find_instrument(instrument)
    rule = _rule(missing)
    share = _share(max_missing_share) if rule == "person-mean" else 0.0
    reader = _run(source, sheet, chunksize, instrument, rule, share, progress)
    if reader.deferred is not None:
        raise reader.deferred
    return _responses(reader, instrument, rule, share)


def validate_responses(source, instrument: Instrument,
                       sheet: str | int | None = None, *,
                       chunksize: int | None = None) -> list[ResponseError]:
    """Every problem that stops a response file from being read, in row order.

    A file that cannot be read as a table (encoding, duplicate header, no
    data, a damaged workbook, .sav or Parquet file) or whose columns match
    the items ambiguously gives that one error. Otherwise a missing item
    column comes first, then each bad cell of the item columns found, by
    row then column.
    An empty list means :func:`read_responses` will read the answers
    (skipped items are not problems).

    Parameters
    ----------
    source, instrument, sheet, chunksize
        As for :func:`read_responses`.

    Returns
    -------
    list of ResponseError
        Each with ``path``, ``row`` (spreadsheet row) and ``column`` (header).
    """
    try:
        return _run(source, sheet, chunksize, instrument, "listwise", 0.0, None,
                    keep_going=True).problems
    except ResponseError as exc:
        return [exc]


# ---------------------------------------------------------------- reading, whole or in chunks

def _chunk_plan(source, sheet, chunksize):
    """(path, kind, size, rows per chunk) when the file is to be read in chunks, else None."""
    from ._chunks import CHUNK_ROWS, is_large
    from ._files import probe_file

    if chunksize is not None and (isinstance(chunksize, bool) or
                                  not isinstance(chunksize, int) or chunksize < 0):
        raise SmmaError(f"chunksize must be a whole number of rows (0: read whole), "
                        f"not {chunksize!r}")
    if chunksize == 0 or not isinstance(source, (str, os.PathLike)):
        return None
    path, kind, size = probe_file(source, sheet)
    if kind not in ("text", "parquet") or (chunksize is None and not is_large(kind, size, path)):
        return None
    return path, kind, size, chunksize or CHUNK_ROWS


def _run(source, sheet, chunksize, instrument, rule, share, progress, keep_going=False):
    """The reader that has taken every row of ``source``, in chunks or as one table."""
    from . import _chunks
    from ._compact import ChunkReader

    plan = _chunk_plan(source, sheet, chunksize)
    if plan is None:
        table = load_table(source, sheet)
        reader = ChunkReader(instrument, table.path, table.kind, rule, share,
                             keep_going=keep_going, compact=False)
        reader.take_table(table)
        reader.digest = table.sha256
        return reader
    path, kind, size, rows = plan
    reader = ChunkReader(instrument, path, kind, rule, share, keep_going=keep_going)
    try:
        source = _chunks.open_source(path, kind, size, rows)
        _chunks.run(reader, source, progress)
    except _chunks.NotText as exc:
        raise ResponseError(exc.message, exc.path) from None
    if reader.n_read == 0:
        raise ResponseError("no data rows below the header", path)
    reader.digest = source.digest()
    return reader


def _responses(reader, instrument: Instrument, rule: str, share: float) -> Responses:
    """The Responses of the rows a reader kept."""
    import pandas as pd

    path = reader.path
    values, index, attributes = reader.finish()
    if len(index) == 0:
        raise ResponseError(_nothing_left(rule, reader, share), path)
    if rule == "pairwise" and values.dtype.kind == "f" and _all_nan(values):
        raise ResponseError(f"no answers: none of the {reader.n_read} rows answers an item",
                            path)
    ids = list(instrument.item_ids)
    items = pd.DataFrame(values, index=index, columns=ids, copy=False)
    attention = judge_keyed(instrument, items, attributes, path)
    return Responses(items=items, attributes=attributes,
                     scores=construct_scores(values, ids, instrument, index=index,
                                             compact=reader.compact),
                     n=len(index), n_read=reader.n_read, n_dropped=len(reader.dropped),
                     dropped_rows=tuple(reader.dropped), source=path, sha256=reader.digest,
                     columns=reader.columns, missing=rule, instrument=instrument,
                     n_missing_answers=reader.n_missing, missing_by_item=reader.by_item,
                     n_imputed_answers=reader.n_imputed,
                     n_imputed_respondents=len(reader.imputed),
                     imputed_rows=tuple(reader.imputed),
                     max_missing_share=share if rule == "person-mean" else None,
                     notes=tuple(reader.notes), chunked=reader.compact, attention=attention)


def _all_nan(values) -> bool:
    step = 1 << 16
    return all(np.isnan(values[i:i + step]).all() for i in range(0, len(values), step))


# ---------------------------------------------------------------- missing answers

def _rule(missing) -> str:
    rule = missing.replace("_", "-") if isinstance(missing, str) else missing
    if rule not in RULES:
        raise SmmaError(f"missing={missing!r} is not supported; use one of {', '.join(RULES)}")
    return rule


def _share(share) -> float:
    ok = isinstance(share, (int, float)) and not isinstance(share, bool)
    if not ok or not 0 <= share < 1:
        raise SmmaError(f"max_missing_share must be a number from 0 up to (not including) 1, "
                        f"not {share!r}")
    return float(share)


def _nothing_left(rule: str, reader, share: float) -> str:
    """Why no row is left, naming the item columns blank in every row read."""
    n_read, columns = reader.n_read, reader.columns
    empty = [columns.get(i, i) for i, k in reader.by_item.items() if k >= n_read > 0]
    if empty:
        shown = ", ".join(repr(h) for h in empty[:5]) + (", ..." if len(empty) > 5 else "")
        return (f"no complete responses: the item column(s) {shown} are empty in all "
                f"{n_read} rows")
    if rule == "person-mean":
        return (f"no usable responses: each of the {n_read} rows misses more than "
                f"{share:.0%} of the items of a construct")
    return f"no complete responses: each of the {n_read} rows misses at least one answer"


__all__ = ["Responses", "read_responses", "validate_responses", "read_header", "MISSING_TEXTS",
           "read_all_rows", "RawResponses", "AttentionAnswers", "judge_attention"]
