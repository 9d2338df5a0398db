"""Indicator data for PLS: missing codes, missing values, standardisation.

PLS-SEM works on standardised indicators: centred on the mean and divided by
the sample standard deviation with ``n - 1``, as SmartPLS and seminr do. Every
later step (weights, loadings, paths, reliabilities, the bootstrap) needs only
the indicators' correlation matrix, so that is what this module hands on,
with the standardised rows for construct scores and PLSpredict.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import DataError, ModelError

#: Ways to treat a missing value.
MISSING = ("mean", "casewise")


@dataclass(frozen=True)
class Indicators:
    """Indicator data ready for estimation.

    Attributes
    ----------
    raw : numpy.ndarray, shape (n, p)
        The values after missing-value treatment, in the model's column order.
    z : numpy.ndarray, shape (n, p)
        Standardised (mean 0, SD 1 with ``n - 1``).
    mean, sd : numpy.ndarray, shape (p,)
    corr : numpy.ndarray, shape (p, p)
        Correlation matrix of the indicators.
    n_missing : int
        Missing cells found (after the missing codes).
    n_dropped : int
        Cases dropped by casewise deletion.
    rows : tuple
        Index labels of the cases used (the data frame's index).
    """

    columns: tuple[str, ...]
    raw: np.ndarray
    z: np.ndarray
    mean: np.ndarray
    sd: np.ndarray
    corr: np.ndarray
    n_missing: int
    n_dropped: int
    rows: tuple = ()

    @property
    def n(self) -> int:
        return self.raw.shape[0]


def prepare(data, columns, missing: str = "mean", missing_codes=()) -> Indicators:
    """Select, clean and standardise the indicator columns.

    Parameters
    ----------
    data : pandas.DataFrame
    columns : sequence of str
        Indicator columns, in the model's order.
    missing : {"mean", "casewise"}
        Mean replacement (each missing cell gets its column's mean of the
        valid values, as SmartPLS and seminr do) or casewise deletion.
    missing_codes : sequence of numbers
        Values that mean "missing" (e.g. ``-99``).

    Returns
    -------
    Indicators

    Raises
    ------
    ModelError
        An indicator is not a column of the data.
    DataError
        A column is not numeric, constant, or too few cases remain.
    """
    import pandas as pd

    if missing not in MISSING:
        raise DataError(f"missing must be 'mean' or 'casewise', got {missing!r}")
    absent = [c for c in columns if c not in data.columns]
    if absent:
        raise ModelError(f"indicator {absent[0]!r} is not a column of the data")
    frame = data.loc[:, list(columns)]
    values = np.empty(frame.shape)
    for j, c in enumerate(columns):
        col = pd.to_numeric(frame[c], errors="coerce")
        bad = col.isna() & frame[c].notna()
        if bad.any():
            raise DataError(f"indicator {c!r} holds a value that is not a number: "
                            f"{frame[c][bad].iloc[0]!r}")
        values[:, j] = col.to_numpy(dtype=float)
    for code in missing_codes:
        values[values == float(code)] = np.nan
    holes = np.isnan(values)
    n_missing = int(holes.sum())
    n_dropped = 0
    rows = tuple(data.index)
    if missing == "casewise":
        keep = ~holes.any(axis=1)
        n_dropped = int((~keep).sum())
        values = values[keep]
        rows = tuple(r for r, k in zip(rows, keep) if k)
    elif n_missing:
        means = np.nanmean(np.where(holes.all(axis=0), 0.0, values), axis=0)
        values = np.where(holes, means, values)
    return standardize(tuple(columns), values, n_missing, n_dropped, rows)


def standardize(columns, values: np.ndarray, n_missing: int = 0,
                n_dropped: int = 0, rows=()) -> Indicators:
    """Standardise complete numeric data (the last step of :func:`prepare`)."""
    n = values.shape[0]
    if n < 3:
        raise DataError(f"PLS needs at least 3 complete cases, got {n}")
    mean = values.mean(axis=0)
    sd = values.std(axis=0, ddof=1)
    flat = np.flatnonzero(~(sd > 1e-12 * np.maximum(1.0, np.abs(mean))))
    if flat.size:
        raise DataError(f"indicator {columns[flat[0]]!r} is constant; it cannot measure "
                        f"a construct")
    z = (values - mean) / sd
    corr = (z.T @ z) / (n - 1)
    np.fill_diagonal(corr, 1.0)
    return Indicators(columns=tuple(columns), raw=values, z=z, mean=mean, sd=sd,
                      corr=corr, n_missing=n_missing, n_dropped=n_dropped,
                      rows=tuple(rows) or tuple(range(n)))
