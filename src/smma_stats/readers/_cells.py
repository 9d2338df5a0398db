"""Item columns: finding them by header and turning cells into scale points."""

from __future__ import annotations

import re

import numpy as np

from ..errors import InstrumentError, ResponseError
from ..instrument import Instrument, Scale
from ._files import Table

#: Cell texts read as "no answer" (compared after trimming, case ignored).
MISSING_TEXTS = frozenset({"", "na", "n/a", "nan", "null"})
_NUMBER_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def _match_columns(headers: list[str], instrument: Instrument, path) -> tuple[dict, list]:
    """Item id -> header, and the item ids without a column."""
    fold = lambda t: " ".join(str(t).split()).casefold()  # noqa: E731
    ids = instrument.item_ids
    out = {i: i for i in ids if i in headers}
    taken = set(out.values())
    for how in ("mapping", "case"):
        for item in (i for i in ids if i not in out):
            if how == "mapping":
                keys = {fold(k) for k, v in instrument.columns.items() if v == item}
                hits = [h for h in headers if fold(h) in keys and h not in taken]
            else:
                hits = [h for h in headers if fold(h) == fold(item) and h not in taken]
            if len(hits) > 1:
                raise ResponseError(f"item {item!r} matches several columns: "
                                    f"{', '.join(map(repr, hits))}", path)
            if hits:
                out[item] = hits[0]
                taken.add(hits[0])
    return {i: out[i] for i in ids if i in out}, [i for i in ids if i not in out]


def code_items(table: Table, instrument: Instrument, keep_going: bool = False):
    """Item id -> header, the coded answers (NaN = skipped) and the problems."""
    import pandas as pd

    frame, path = table.frame, table.path
    headers = list(frame.columns)
    try:
        columns, absent = _match_columns(headers, instrument, path)
    except ResponseError as exc:
        return {}, None, [exc]
    problems: list[tuple[int, int, ResponseError]] = []
    if absent:
        shown = ", ".join(headers[:15]) + (", ..." if len(headers) > 15 else "")
        err = ResponseError(f"no column for item(s) {', '.join(absent)} of instrument "
                            f"{instrument.name!r} (headers: {shown})", path)
        if not keep_going:
            return columns, None, [err]
        problems.append((0, -1, err))
    lookup = _label_lookup(instrument.scale)
    coded = {}
    for item, header in columns.items():
        values, bad = _code_column(frame[header], instrument.scale, lookup)
        coded[item] = values
        pos = headers.index(header)
        for where, message in bad:
            row = int(frame.index[where])
            problems.append((row, pos, ResponseError(message, path, row=row, column=header)))
    problems.sort(key=lambda t: (t[0], t[1]))
    codes = None if absent else pd.DataFrame(coded, index=frame.index)
    return columns, codes, [p[2] for p in problems]


def _label_lookup(scale: Scale) -> dict[str, int]:
    lookup: dict[str, int] = {}
    texts = [(v, t) for v, t in scale.labels.items()]
    texts += [(v, t) for v, ts in scale.aliases.items() for t in ts]
    for value, text in texts:
        key = " ".join(text.split()).casefold()
        if lookup.get(key, value) != value:
            raise InstrumentError(f"key 'scale': the answer text {text!r} stands for both "
                                  f"{lookup[key]} and {value}")
        lookup[key] = value
    return lookup


def _code_column(s, scale: Scale, lookup: dict[str, int]):
    """Float codes (NaN = no answer) and ``[(position, message), ...]`` problems."""
    import pandas as pd
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    lo, hi = scale.min, scale.max
    if s.dtype.kind in "iu":
        # fastest path: a column of whole numbers without gaps needs a range check only
        arr = s.to_numpy()
        bad = (arr < lo) | (arr > hi)
        return arr, [(int(p), _check_number(arr[p], lo, hi)[1]) for p in np.flatnonzero(bad)]
    if is_numeric_dtype(s.dtype) and not is_bool_dtype(s.dtype):
        # fast path: whole columns of numbers are checked with array operations
        arr = s.to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            bad = ~np.isnan(arr) & ((arr != np.floor(arr)) | (arr < lo) | (arr > hi))
        problems = [(int(p), _check_number(arr[p], lo, hi)[1]) for p in np.flatnonzero(bad)]
        return arr, problems
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    parsed = [_interpret(u, lo, hi, lookup) for u in uniques]
    values = np.array([v for v, _ in parsed] + [np.nan], dtype=float)
    arr = values[codes]
    bad_u = [k for k, (_, msg) in enumerate(parsed) if msg]
    problems = []
    if bad_u:
        for p in np.flatnonzero(np.isin(codes, bad_u)):
            problems.append((int(p), parsed[codes[p]][1]))
    return arr, problems


def _interpret(u, lo: int, hi: int, lookup: dict[str, int]) -> tuple[float, str | None]:
    """One distinct cell value -> (code or NaN, problem or None)."""
    if isinstance(u, (bool, np.bool_)):
        return np.nan, f"{u!r} is not a scale point ({lo}..{hi})"
    if isinstance(u, (int, float, np.integer, np.floating)):
        return (np.nan, None) if np.isnan(u) else _check_number(float(u), lo, hi)
    if isinstance(u, str):
        text = " ".join(u.split())
        key = text.casefold()
        if key in MISSING_TEXTS:
            return np.nan, None
        if key in lookup:
            return float(lookup[key]), None
        if _NUMBER_RE.match(text):
            return _check_number(float(text.replace(",", ".")), lo, hi)
        return np.nan, (f"{text!r} is neither a scale point ({lo}..{hi}) nor a label "
                        "of the scale")
    return np.nan, f"{u!r} is not a scale point ({lo}..{hi})"


def _check_number(v: float, lo: int, hi: int) -> tuple[float, str | None]:
    shown = str(int(v)) if float(v).is_integer() else repr(float(v))
    if not float(v).is_integer():
        return np.nan, f"{shown} is not a whole number; answers are the scale points {lo}..{hi}"
    if not lo <= v <= hi:
        return np.nan, f"{shown} is outside the scale {lo}..{hi}"
    return float(v), None
