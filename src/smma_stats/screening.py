"""Data screening: the responses a careful reader would look at twice.

:func:`screen` lists, by spreadsheet row (the header is row 1):

``duplicate``
    A submission identical to an earlier one: the same answer (or the same
    blank) to every item and the same value in every other column, except
    columns that only record when the form was sent (see
    :data:`TIMESTAMP_WORDS`). The first submission is kept unflagged; each
    later copy is flagged with the row it repeats (``other_row``).
``straight_lining``
    The same answer to every item the respondent answered (at least two),
    read before reverse keying: the box ticked, not the keyed score.
``attention_check``
    An answer to the instrument's ``attention_check`` question other than the
    expected one, or no answer.
``out_of_range``
    A cell of an item column that is not a scale point (only when screening a
    file or data frame: :func:`~smma_stats.readers.read_responses` refuses
    such a file, so a :class:`~smma_stats.readers.Responses` never holds one).

Nothing is removed here; ``analyze(..., exclude_flagged=True)`` leaves the
flagged rows out of the analysis and the report names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from .errors import ResponseError
from .results import ResultMixin, jsonable

#: Flags, in the order the report lists them.
FLAGS = ("duplicate", "straight_lining", "attention_check", "out_of_range")

#: A column whose header contains one of these (case ignored) records when a
#: form was sent; duplicates are compared without it (Google Forms writes
#: "Timestamp" / "Cap waktu", Microsoft Forms "Start time" / "Completion time").
TIMESTAMP_WORDS = ("timestamp", "time stamp", "cap waktu", "start time", "completion time",
                   "submitted at", "waktu mulai", "waktu selesai")

_COLUMNS = ("row", "flag", "column", "other_row", "value", "detail")


@dataclass(frozen=True)
class ScreeningResult(ResultMixin):
    """Rows flagged by :func:`screen`.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per flag, by row then flag: ``row`` (spreadsheet row),
        ``flag`` (one of :data:`FLAGS`), ``column`` (the header concerned, or
        None), ``other_row`` (the earlier row a duplicate repeats, or None),
        ``value`` (the repeated answer, the attention-check answer given, or
        None) and ``detail`` (the finding in words).
    n : int
        Responses screened.
    flagged_rows : tuple of int
        Every row with at least one flag, ascending.
    attention_check : dict or None
        The instrument's ``{column, expect}``, if it has one.
    ignored_columns : tuple of str
        Timestamp columns left out of the duplicate comparison.
    notes : tuple of str
        What could not be screened and why (an attention check whose
        question matches no column of the file).
    """

    _title = "Data screening"
    table: Any
    n: int
    flagged_rows: tuple = ()
    attention_check: Mapping[str, Any] | None = None
    ignored_columns: tuple = field(default=())
    notes: tuple = field(default=())

    @property
    def n_flagged(self) -> int:
        return len(self.flagged_rows)

    @property
    def counts(self) -> dict[str, int]:
        """``{flag: number of rows}`` for every flag in :data:`FLAGS`."""
        return {f: len(self.rows_of(f)) for f in FLAGS}

    def rows_of(self, flag: str) -> tuple[int, ...]:
        """The rows with ``flag``, ascending, each once."""
        rows = self.table.loc[self.table["flag"] == flag, "row"]
        return tuple(sorted({int(r) for r in rows}))

    def to_dict(self) -> dict:
        out = jsonable({"n": self.n, "n_flagged": self.n_flagged, "flagged_rows": None,
                        "counts": self.counts, "attention_check": self.attention_check,
                        "ignored_columns": list(self.ignored_columns),
                        "notes": list(self.notes), "flags": None})
        # built directly: a large file can have hundreds of thousands of flags
        out["flagged_rows"] = [int(r) for r in self.flagged_rows]
        out["flags"] = _flag_records(self.table)
        return out


def _flag_records(table) -> list[dict]:
    """The rows of a flags table as JSON-safe dicts."""
    plain = (int, str, bool, type(None))
    columns = []
    for name in table.columns:
        cells = table[name].tolist()
        if not set(map(type, cells)) <= set(plain):
            cells = [v if type(v) in plain else jsonable(v) for v in cells]
        columns.append(cells)
    names = [str(c) for c in table.columns]
    return [dict(zip(names, cells)) for cells in zip(*columns)]


def screen(source, instrument=None, *, ignore_columns: tuple = ()) -> ScreeningResult:
    """Flag duplicate submissions, straight-lining, failed attention checks and bad cells.

    Parameters
    ----------
    source : Responses or RawResponses
        What :func:`~smma_stats.readers.read_responses` returns (its rows
        are screened), or what :func:`~smma_stats.readers.read_all_rows`
        returns (every row read is screened, and cells that are not scale
        points are listed as ``out_of_range``). To screen a file in one call
        use :func:`smma_stats.screen` (:func:`smma_stats.study.screen`),
        which reads it first.
    instrument : Instrument
        Needed unless ``source`` carries its instrument.
    ignore_columns : sequence of str
        More columns to leave out of the duplicate comparison, besides the
        timestamp columns.

    Returns
    -------
    ScreeningResult

    Raises
    ------
    ResponseError
        The file cannot be read, an item column is missing, or the
        attention-check column is not in the file.

    Examples
    --------
    >>> import pandas as pd
    >>> from smma_stats.instrument import instrument_from_dict
    >>> inst = instrument_from_dict({"name": "demo", "scale": {"min": 1, "max": 5},
    ...     "constructs": {"PI": {"items": ["Y1", "Y2", "Y3"]}},
    ...     "attention_check": {"column": "check", "expect": 4}})
    >>> df = pd.DataFrame({"Timestamp": ["09:01", "09:02", "09:05", "09:07"],
    ...                    "Y1": [4, 2, 4, 3], "Y2": [5, 2, 5, 4], "Y3": [3, 2, 3, 9],
    ...                    "check": [4, 4, 4, 2]})
    >>> from smma_stats.readers import read_all_rows
    >>> res = screen(read_all_rows(df, inst), inst)
    >>> res.table[["row", "flag", "other_row", "value"]]
       row             flag other_row value
    0    3  straight_lining      None     2
    1    4        duplicate         2  None
    2    5  attention_check      None     2
    3    5     out_of_range      None  None
    >>> for text in res.table["detail"]:
    ...     print(text)
    answered 2 to each of the 3 items answered
    the same answers and other columns as row 2
    answered 2 to 'check' (expected 4)
    9 is outside the scale 1..5
    >>> res.counts
    {'duplicate': 1, 'straight_lining': 1, 'attention_check': 1, 'out_of_range': 1}
    """
    instrument = instrument if instrument is not None else getattr(source, "instrument", None)
    if instrument is None or not hasattr(instrument, "scale"):
        raise ResponseError("screen: give the Instrument the responses were read with")
    raw = hasattr(source, "problems")            # every row read, answers as ticked
    items = source.answers if raw else source.items
    attributes = source.attributes
    ignored = [c for c in attributes.columns
               if c in set(ignore_columns) or any(w in str(c).casefold()
                                                   for w in TIMESTAMP_WORDS)]
    flags = [_duplicates(items, attributes.drop(columns=ignored), instrument.scale),
             _straight_lining(items, instrument, keyed=not raw)]
    check = instrument.attention_check
    notes: list[str] = []
    attention = getattr(source, "attention", None)
    if check and attention is not None:
        if attention.error is not None:
            raise attention.error
        if attention.note:
            notes.append(attention.note)
        flags.append(_Flags("attention_check", np.asarray(attention.rows, dtype=np.int64),
                            detail=list(attention.details), value=list(attention.values),
                            column=attention.column))
    records = [_record(p.row, "out_of_range", column=p.column, detail=p.message)
               for p in (source.problems if raw else ())]
    return _result(records, len(items), check, tuple(ignored), blocks=flags,
                   notes=tuple(notes))


def _record(row, flag, column=None, other_row=None, value=None, detail="") -> dict:
    return {"row": int(row), "flag": flag, "column": column, "other_row": other_row,
            "value": value, "detail": detail}


@dataclass(frozen=True)
class _Flags:
    """Many flags of one kind, column by column (``rows`` a numpy array; the other
    fields one entry per row, or None for none)."""

    flag: str
    rows: Any
    detail: list
    other_row: list | None = None
    value: list | None = None
    column: str | None = None


def _result(records, n, check, ignored, blocks=(), notes=()) -> ScreeningResult:
    """The :class:`ScreeningResult` of flags given as :func:`_record` dicts and as
    :class:`_Flags` blocks, sorted by row then flag (in input order within both)."""
    import numpy as np
    import pandas as pd

    order = {f: k for k, f in enumerate(FLAGS)}
    parts = [_Flags(flag="", rows=np.array([r["row"] for r in records], dtype=np.int64),
                    detail=[r["detail"] for r in records])] + list(blocks)
    rows = np.concatenate([np.asarray(b.rows, dtype=np.int64) for b in parts])
    key = np.concatenate([[order[r["flag"]] for r in records]] +
                         [np.full(len(b.rows), order[b.flag]) for b in blocks]).astype(np.int64)
    sort = np.lexsort((key, rows))

    def column(records_part, of_block):
        out = np.empty(rows.size, dtype=object)
        cells = list(records_part)
        for b in blocks:
            got = of_block(b)
            cells.extend([None] * len(b.rows) if got is None else got)
        out[:] = cells
        return pd.Series(out[sort], dtype=object)

    table = pd.DataFrame({
        "row": rows[sort],
        "flag": column((r["flag"] for r in records), lambda b: [b.flag] * len(b.rows)),
        "column": column((r["column"] for r in records),
                         lambda b: None if b.column is None else [b.column] * len(b.rows)),
        "other_row": column((r["other_row"] for r in records), lambda b: b.other_row),
        "value": column((r["value"] for r in records), lambda b: b.value),
        "detail": column((r["detail"] for r in records), lambda b: b.detail)})
    table["row"] = table["row"].astype("int64")
    table["flag"] = table["flag"].astype(str)
    table["detail"] = table["detail"].astype(str)
    flagged = tuple(np.unique(rows).tolist())
    return ScreeningResult(table=table, n=int(n), flagged_rows=flagged,
                           attention_check=dict(check) if check else None,
                           ignored_columns=ignored, notes=tuple(notes))


def _duplicates(items, attributes, scale) -> _Flags:
    """Rows repeating an earlier row's answers and other columns exactly."""
    import numpy as np

    from .rowkeys import repeated_rows

    dup, first = repeated_rows(items.to_numpy(), attributes, scale.min, scale.max)
    rows = items.index
    other = np.asarray(rows[first], dtype=np.int64).tolist()
    return _Flags("duplicate", np.asarray(rows[dup], dtype=np.int64),
                  detail=[f"the same answers and other columns as row {o}" for o in other],
                  other_row=other)


def _straight_lining(items, instrument, keyed: bool) -> _Flags:
    """Rows with the same box ticked for every item answered (at least two)."""
    import numpy as np

    from .moments import blocks

    values = items.to_numpy()
    flip = [j for j, c in enumerate(items.columns) if keyed and c in set(instrument.reverse)]
    lo_hi = instrument.scale.min + instrument.scale.max
    where, found, counts = [], [], []
    whole = values.dtype.kind in "iu"      # whole-number answers hold no gap
    for a, b in blocks(len(values), values.shape[1]):
        raw = values[a:b].astype(values.dtype if whole else float)   # a copy to flip
        if flip:
            raw[:, flip] = lo_hi - raw[:, flip]
        if whole:
            count = np.full(len(raw), raw.shape[1])
            lo, hi = raw.min(axis=1), raw.max(axis=1)
        else:
            answered = ~np.isnan(raw)
            count = answered.sum(axis=1)
            lo = np.where(answered, raw, np.inf).min(axis=1)
            hi = np.where(answered, raw, -np.inf).max(axis=1)
        p = np.flatnonzero((count >= 2) & (lo == hi))
        where.append(p + a)
        found += [_plain(v) for v in lo[p].tolist()]
        counts += count[p].tolist()
    at = np.concatenate(where) if where else np.empty(0, dtype=np.intp)
    return _Flags("straight_lining", np.asarray(items.index[at], dtype=np.int64),
                  detail=[f"answered {v} to each of the {c} items answered"
                          for v, c in zip(found, counts)], value=found)


def _plain(v):
    """A whole float as an int, for display."""
    v = float(v)
    return int(v) if v.is_integer() else v


def without_rows(responses, rows):
    """The :class:`~smma_stats.readers.Responses` without the given spreadsheet rows.

    Items, attributes and scores lose the rows and ``n`` is recounted; how the
    file was read (``n_read``, ``dropped_rows``, ...) is kept. The three
    tables share one row index. ``responses`` itself is returned when none
    of the rows is in it.
    """
    fields = _fields(responses)
    return responses if not _drop_rows(fields, rows) else type(responses)(**fields)


def _fields(responses) -> dict:
    """The constructor arguments of a Responses (the tables themselves, not copies)."""
    import dataclasses

    return {f.name: getattr(responses, f.name) for f in dataclasses.fields(responses) if f.init}


def _drop_rows(fields: dict, rows) -> bool:
    """Take ``rows`` out of the ``items``, ``attributes`` and ``scores`` of ``fields``.

    The tables are replaced in ``fields`` one at a time: when ``fields`` holds
    the last reference to the tables read, each is let go as soon as its copy
    is made, so a large study never holds two copies of all three. False
    (nothing changed) when none of the rows is in the items.
    """
    import numpy as np
    import pandas as pd

    index = fields["items"].index
    keep = ~index.isin(np.asarray(list(rows), dtype=np.int64))
    if keep.all():
        return False
    kept = index[keep]

    def take(frame):
        if not frame.index.equals(index):      # not aligned with the items: by label
            return frame.loc[kept]
        dtypes = set(frame.dtypes)
        if len(dtypes) == 1 and isinstance(next(iter(dtypes)), np.dtype) and len(frame):
            # one array of the kept rows, filled a block of rows at a time
            out = np.empty((len(kept), frame.shape[1]), dtype=next(iter(dtypes)))
            at, step = 0, 1 << 18
            for a in range(0, len(frame), step):
                part = frame.iloc[a:a + step].to_numpy()[keep[a:a + step]]
                out[at:at + len(part)] = part
                at += len(part)
            return pd.DataFrame(out, index=kept, columns=frame.columns, copy=False)
        if frame.columns.is_unique:
            return pd.DataFrame({c: frame[c].array[keep] for c in frame.columns},
                                index=kept, columns=frame.columns, copy=False)
        out = frame[keep]
        out.index = kept
        return out

    for name in ("items", "attributes", "scores"):
        fields[name] = take(fields.pop(name))
    fields["n"] = int(keep.sum())
    return True


def missing_summary(responses) -> dict:
    """What the missing-answer rule did: ``method``, ``n_missing_answers``,
    ``n_imputed_answers``, ``n_imputed_respondents`` and ``max_missing_share``
    (0 or None when the reader does not record them; missing answers are
    then counted in ``items``)."""
    n_missing = getattr(responses, "n_missing_answers", None)
    if n_missing is None:
        n_missing = int(responses.items.isna().to_numpy().sum())
    return {"method": str(getattr(responses, "missing", "listwise")),
            "n_missing_answers": int(n_missing),
            "n_imputed_answers": int(getattr(responses, "n_imputed_answers", 0) or 0),
            "n_imputed_respondents": int(getattr(responses, "n_imputed_respondents", 0) or 0),
            "max_missing_share": getattr(responses, "max_missing_share", None)}
