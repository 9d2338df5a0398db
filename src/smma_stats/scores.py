"""Construct and dimension scores: the one place they are computed.

A score is the sum (or mean, as the instrument's ``score`` says) of a
construct's or dimension's items, computed a block of respondents at a time
in the smallest integer type that holds it, so ten million respondents cost
a few tens of megabytes per score.
"""

from __future__ import annotations

import numpy as np


def compact_dtype(lo: int, hi: int):
    """The smallest signed integer type holding every point of a ``lo..hi`` scale."""
    for dt in (np.int8, np.int16, np.int32):
        info = np.iinfo(dt)
        if info.min <= lo and hi <= info.max:
            return np.dtype(dt)
    return np.dtype(np.int64)


def construct_scores(values, item_ids, instrument, items_used=None, index=None, *,
                     compact: bool = True):
    """Construct and dimension scores of an answers array, in compact types.

    Parameters
    ----------
    values : numpy.ndarray
        Answers, one row per respondent and one column per id of ``item_ids``.
    item_ids : list of str
    instrument : Instrument
    items_used : dict of str to tuple, optional
        Construct -> the items kept (after dropping invalid items); all by default.
        A scale left without items has no column.
    index : pandas.Index, optional
    compact : bool, default True
        Sums of whole answers in the smallest integer type that holds them
        (``int16`` at least); False gives ``int64``, as pandas would.

    Returns
    -------
    pandas.DataFrame
        One column per construct then per dimension, as the instrument's ``score``
        says. Sums of whole answers are ``int16`` (wider when a sum could not fit);
        means, and sums with gaps (NaN) or filled answers, are float64.

    Examples
    --------
    >>> import numpy as np
    >>> from smma_stats.instrument import instrument_from_dict
    >>> inst = instrument_from_dict({"name": "demo", "scale": {"min": 1, "max": 5},
    ...     "constructs": {"X": {"dimensions": {"a": {"items": ["X1", "X2"]},
    ...                                         "b": {"items": ["X3"]}}}}})
    >>> values = np.array([[4, 5, 3], [2, 2, 1]], dtype=np.int8)
    >>> construct_scores(values, ["X1", "X2", "X3"], inst)
        X  a  b
    0  12  9  3
    1   5  4  1
    """
    import pandas as pd

    where = {item: j for j, item in enumerate(item_ids)}
    scale, how = instrument.scale, instrument.score
    owner = {}
    for code, c in instrument.constructs.items():
        owner[code] = code
        for d in c.dimensions:
            owner[d.name] = code
    plans = []
    for name in instrument.scale_names():
        keep = items_used.get(owner[name]) if items_used is not None else None
        cols = [where[i] for i in instrument.items_of(name) if keep is None or i in keep]
        if cols:
            plans.append((name, cols))
    n = values.shape[0]
    whole = values.dtype.kind in "iu"
    out = {}
    for name, cols in plans:
        k = len(cols)
        if whole and how == "sum":
            # int16 at least, so that arithmetic on a score does not overflow at once
            dt = (compact_dtype(k * min(scale.min, 0) - 256, k * max(scale.max, 0) + 256)
                  if compact else np.dtype(np.int64))
            out[name] = np.empty(n, dtype=dt)
        else:
            out[name] = np.empty(n, dtype=np.float64)
    slices = [(name, slice(cols[0], cols[-1] + 1) if cols == list(range(cols[0], cols[-1] + 1))
               else cols) for name, cols in plans]
    step = max(1024, (1 << 22) // max(values.shape[1], 1))
    for start in range(0, n, step):
        t = np.ascontiguousarray(values[start:start + step].T)
        for name, cols in slices:
            target = out[name][start:start + step]
            if whole and how == "sum":
                np.add.reduce(t[cols], axis=0, dtype=target.dtype, out=target)
            else:
                total = np.add.reduce(t[cols], axis=0, dtype=np.int64 if whole else np.float64)
                k = cols.stop - cols.start if isinstance(cols, slice) else len(cols)
                target[:] = total if how == "sum" else total / k
    return pd.DataFrame(out, index=index if index is not None else pd.RangeIndex(n),
                        copy=False)
