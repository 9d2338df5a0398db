"""SPSS .sav and .zsav files: stored codes, value labels and declared missing values.

SPSS keeps an answer as a number (the code) and may give each code a value
label ("Sangat Setuju") and declare some codes missing (9 = "no answer").
Declared-missing codes are read as empty cells here; what a code means for
an item is decided later against the instrument's scale labels.
"""

from __future__ import annotations

import numpy as np

from ..errors import ResponseError
from ._common import one_line


def _pyreadstat(path):
    try:
        import pyreadstat
    except ImportError:
        raise ResponseError("reading SPSS .sav files needs the pyreadstat package "
                            "(pip install pyreadstat)", path) from None
    return pyreadstat


def _unreadable(exc, path) -> ResponseError:
    return ResponseError(f"cannot be read as an SPSS .sav file ({one_line(exc)})", path)


def read_sav(path: str):
    """Cells (declared-missing codes emptied), headers, and the labels the file holds."""
    import pandas as pd

    pyreadstat = _pyreadstat(path)
    try:
        # user_missing=True keeps declared-missing codes so they can be counted here;
        # the file is named rather than handed over as bytes, which every pyreadstat reads
        frame, meta = pyreadstat.read_sav(path, user_missing=True)
    except Exception as exc:  # pyreadstat raises its own types for a damaged file
        raise _unreadable(exc, path) from None
    headers = [str(c) for c in frame.columns]
    frame.columns = headers
    emptied = {}
    for name, ranges in (meta.missing_ranges or {}).items():
        if name not in frame.columns:
            continue
        mask = _declared_missing(frame[name], ranges)
        if mask.any():
            frame[name] = frame[name].mask(mask)
            emptied[str(name)] = int(mask.sum())
    value_labels = {str(k): dict(v) for k, v in (meta.variable_value_labels or {}).items() if v}
    variable_labels = {str(k): str(v) for k, v in (meta.column_names_to_labels or {}).items()
                       if v}
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    return frame, headers, {"value_labels": value_labels, "variable_labels": variable_labels,
                            "user_missing": emptied}


def _declared_missing(s, ranges) -> np.ndarray:
    """Cells whose code lies in one of the file's missing values or ranges."""
    from pandas.api.types import is_numeric_dtype

    mask = np.zeros(len(s), dtype=bool)
    numeric = is_numeric_dtype(s.dtype)
    for r in ranges:
        lo, hi = r["lo"], r["hi"]
        if numeric and isinstance(lo, (int, float)) and isinstance(hi, (int, float)):
            with np.errstate(invalid="ignore"):
                mask |= ((s >= lo) & (s <= hi)).to_numpy(dtype=bool, na_value=False)
        elif not numeric:
            mask |= (s == lo).to_numpy(dtype=bool, na_value=False)
    return mask


def sav_header(path: str) -> list[str]:
    """Variable names of a .sav file, without reading its cases."""
    pyreadstat = _pyreadstat(path)
    try:
        _, meta = pyreadstat.read_sav(path, metadataonly=True)
    except Exception as exc:
        raise _unreadable(exc, path) from None
    return [str(c) for c in meta.column_names]


def label_attributes(frame, value_labels):
    """Other columns whose every code has a value label show the labels instead."""
    out = frame
    for name, labels in value_labels.items():
        if name not in frame.columns:
            continue
        s = frame[name]
        present = s.dropna().unique()
        if len(present) and all(v in labels for v in present):
            if out is frame:
                out = frame.copy()
            out[name] = s.map(labels)
    return out
