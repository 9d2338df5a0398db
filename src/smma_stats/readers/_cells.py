"""Item cells into scale points: numbers, labels and aliases, SPSS value labels."""

from __future__ import annotations

import re

import numpy as np

from ..errors import InstrumentError, ResponseError
from ..instrument import Instrument, Scale
from ._columns import absent_error, match_columns, normalise
from ._common import ExcelError, Table, UnsavedFormula, distinct_cells, short

#: Cell texts read as "no answer" (compared after trimming, case ignored).
MISSING_TEXTS = frozenset({"", "na", "n/a", "nan", "null"})
_NUMBER_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_ASCII_DIGITS = re.compile(r"[0-9]+")
#: Longest cell (normalised) tried as two names of one answer ("4 - Setuju").
_COMBINED_CHARS = 200


def code_items(table: Table, instrument: Instrument):
    """Item id -> header, the coded answers (NaN = skipped or not an answer; None when
    an item has no column), the problems, and reading notes.

    The problems are :class:`ResponseError` in row order (a missing item
    column first, without a row).
    """
    import pandas as pd

    frame, path = table.frame, table.path
    headers = list(frame.columns)
    try:
        columns, absent = match_columns(headers, instrument, path, table.variable_labels)
    except ResponseError as exc:
        return {}, None, [exc], []
    problems: list[tuple[int, int, ResponseError]] = []
    if absent:
        problems.append((0, -1, absent_error(headers, instrument, columns, absent, path,
                                             table.kind, first=first_cell(frame))))
    lookup = Labels(instrument.scale)
    coded, notes = {}, []
    for item, header in columns.items():
        s = frame[header]
        labels = table.value_labels.get(header)
        if labels:
            s, note = _apply_value_labels(s, labels, item, instrument.scale, lookup)
            notes += note
        values, bad = _code_column(s, instrument.scale, lookup)
        coded[item] = values
        pos = headers.index(header)
        for where, message in bad:
            row = int(frame.index[where])
            if labels and frame[header].iloc[where] in labels:
                message += f" (value label {labels[frame[header].iloc[where]]!r})"
            if table.kind == "sav":
                message += f" (case {row - 1} in SPSS)"
            problems.append((row, pos, ResponseError(message, path, row=row, column=header)))
    problems.sort(key=lambda t: (t[0], t[1]))
    codes = None if absent else pd.DataFrame(coded, index=frame.index)
    return columns, codes, [p[2] for p in problems], notes


def first_cell(frame):
    """The first non-empty cell of a one-column table (to guess a wrong delimiter)."""
    if frame.shape[1] != 1:
        return None
    s = frame.iloc[:, 0].dropna()
    return str(s.iloc[0]) if len(s) else None


def _apply_value_labels(s, labels, item: str, scale: Scale, lookup):
    """Stored codes read by their SPSS value label when the label is a scale label.

    A code whose label the scale knows takes that label's scale point, so a
    file coded 0..4 (or in reverse) under the labels still reads right; other
    codes are kept and checked as numbers.
    """
    import pandas as pd
    from pandas.api.types import is_numeric_dtype

    if not is_numeric_dtype(s.dtype):
        return s, []
    remap = {}
    for code, text in labels.items():
        value, problem = _interpret(str(text), scale.min, scale.max, lookup)
        if problem is None and not np.isnan(value) and value != code:
            remap[code] = value
    if not remap:
        return s, []
    arr = s.to_numpy(dtype=float, na_value=np.nan)
    out = arr.copy()
    for code, value in remap.items():
        out[arr == code] = value
    shown = ", ".join(f"{_num(c)} -> {_num(v)}" for c, v in sorted(remap.items()))
    note = f"{item}: stored codes read by their value labels as scale points ({shown})"
    return pd.Series(out, index=s.index, name=s.name), [note]


def _num(v) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


class Labels:
    """Answer texts of a scale: exact (case and spacing ignored), then without punctuation."""

    def __init__(self, scale: Scale):
        self.min, self.max = scale.min, scale.max
        self.exact: dict[str, int] = {}
        self.loose: dict[str, int | None] = {}     # None: two values share the text
        texts = [(v, t) for v, t in scale.labels.items()]
        texts += [(v, t) for v, ts in scale.aliases.items() for t in ts]
        for value, text in texts:
            key = " ".join(text.split()).casefold()
            if self.exact.get(key, value) != value:
                raise InstrumentError(f"key 'scale': the answer text {text!r} stands for both "
                                      f"{self.exact[key]} and {value}")
            self.exact[key] = value
            loose = normalise(text)
            self.loose[loose] = value if self.loose.get(loose, value) == value else None

    def part(self, words: str) -> int | None:
        """Scale point named by a piece of a cell: a label, an alias or a bare number."""
        if len(words) <= 18 and _ASCII_DIGITS.fullmatch(words) and self.min >= 0:
            return int(words)
        return self.loose.get(words)

    def combined(self, text: str) -> tuple[float | None, str | None]:
        """``"5 (Sangat Setuju)"``, ``"SS - Sangat Setuju"``: two names of one point.

        Returns (value, None) when both pieces name the same scale point,
        (None, problem) when they name different ones, (None, None) otherwise.
        """
        key = normalise(text)
        if len(key) > _COMBINED_CHARS:      # no answer is that long: not tried piece by piece
            return None, None
        if key in self.loose:
            value = self.loose[key]
            return (float(value), None) if value is not None else (None, None)
        words = key.split()
        for cut in range(1, len(words)):
            left, right = self.part(" ".join(words[:cut])), self.part(" ".join(words[cut:]))
            if left is None or right is None:
                continue
            if left == right:
                return float(left), None
            return None, (f"{text!r} names two different answers ({left} and {right})")
        return None, None


def _code_column(s, scale: Scale, lookup: Labels):
    """Codes (NaN = no answer, or a cell that is not one) and ``[(position, message), ...]``
    problems."""
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    lo, hi = scale.min, scale.max
    if is_numeric_dtype(s.dtype) and not is_bool_dtype(s.dtype):
        # fast path: whole columns of numbers are checked with array operations; whole
        # numbers without gaps keep their integer type and need a range check only
        whole = isinstance(s.dtype, np.dtype) and s.dtype.kind in "iu"
        arr = s.to_numpy() if whole else s.to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            bad = (arr < lo) | (arr > hi)
            if not whole:
                bad = ~np.isnan(arr) & (bad | (arr != np.floor(arr)))
        problems = [(int(p), _check_number(arr[p], lo, hi)[1]) for p in np.flatnonzero(bad)]
        return (np.where(bad, np.nan, arr) if problems else arr), problems
    codes, uniques = distinct_cells(s)
    parsed = [_interpret(u, lo, hi, lookup) for u in uniques]
    values = np.array([v for v, _ in parsed] + [np.nan], dtype=float)
    arr = values[codes]
    bad_u = [k for k, (_, msg) in enumerate(parsed) if msg]
    problems = []
    if bad_u:
        for p in np.flatnonzero(np.isin(codes, bad_u)):
            problems.append((int(p), parsed[codes[p]][1]))
    return arr, problems


def _interpret(u, lo: int, hi: int, lookup: Labels) -> tuple[float, str | None]:
    """One distinct cell value -> (code or NaN, problem or None)."""
    if isinstance(u, (bool, np.bool_)):
        return np.nan, f"{u!r} is not a scale point ({lo}..{hi})"
    if isinstance(u, ExcelError):
        return np.nan, f"Excel error value {u} in the cell"
    if isinstance(u, UnsavedFormula):
        return np.nan, ("formula without a saved value: open and save the file in Excel "
                        f"({short(u, 40)})")
    if isinstance(u, (int, np.integer)):
        if not lo <= u <= hi:
            shown = short(str(u), 40) if int(u).bit_length() < 4000 else "a huge number"
            return np.nan, f"{shown} is outside the scale {lo}..{hi}"
        return float(u), None
    if isinstance(u, (float, np.floating)):
        return (np.nan, None) if np.isnan(u) else _check_number(float(u), lo, hi)
    if isinstance(u, str):
        text = " ".join(u.split())
        key = text.casefold()
        if key in MISSING_TEXTS:
            return np.nan, None
        if key in lookup.exact:
            return float(lookup.exact[key]), None
        if _NUMBER_RE.match(text):
            return _check_number(float(text.replace(",", ".")), lo, hi, text)
        value, problem = lookup.combined(text)
        if value is not None or problem:
            return (np.nan if value is None else value), problem
        return np.nan, (f"{short(text, 120)!r} is neither a scale point ({lo}..{hi}) nor "
                        "a label of the scale")
    return np.nan, f"{short(repr(u), 60)} is not a scale point ({lo}..{hi})"


def _check_number(v: float, lo: int, hi: int, text: str | None = None
                  ) -> tuple[float, str | None]:
    if not np.isfinite(v):
        return np.nan, f"{short(text or repr(float(v)), 40)} is not a scale point ({lo}..{hi})"
    shown = str(int(v)) if float(v).is_integer() else repr(float(v))
    if len(shown) > 40:
        shown = short(text or shown, 40)
    if not float(v).is_integer():
        return np.nan, f"{shown} is not a whole number; answers are the scale points {lo}..{hi}"
    if not lo <= v <= hi:
        return np.nan, f"{shown} is outside the scale {lo}..{hi}"
    return float(v), None
