"""Item frequency tables and construct descriptives, each mean read by its class.

The first pages of a results chapter describe every item (how many
respondents chose each scale point, STS ... SS, the item mean and SD and
the class of that mean) and every variable (N, minimum, maximum, mean, SD,
as SPSS's DESCRIPTIVES prints them, and the class of the mean on the item
scale).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import DataError, SmmaError
from ..results import ResultMixin
from ._classes import check_scale, class_rule, class_table, mean_class


@dataclass(frozen=True)
class ItemFrequencyResult(ResultMixin):
    """Answers per scale point, mean, SD and class of the mean of each item.

    Attributes
    ----------
    scale_min, scale_max : int
        Ends of the answer scale.
    classes : int
        Number of interpretation classes (3, 4 or 5).
    closed : {"right", "left"}
        Which side of a class includes its limit (see :func:`mean_class`).
    decimals : int or None
        Means were rounded to this many decimals before classing (None: not).
    rule : str
        The class limits in words, e.g. ``"very_low: 1.00 <= mean <= 1.80;
        low: 1.80 < mean <= 2.60; ..."``.
    mean_of_item_means : float
        Mean of the item means (the "average" row under the table).
    category_of_mean : str
        Class of ``mean_of_item_means``.
    intervals : pandas.DataFrame
        Columns ``category, lower, upper``.
    frequencies : pandas.DataFrame
        Long table, one row per item and scale point: ``item, value, label,
        count, percent`` (percent of the item's answers, 0-100).
    table : pandas.DataFrame
        One row per item: ``item, n, n_missing, n_other, mean, sd,
        category``. ``n_other`` counts answers that are not a scale point
        (a person mean filled in for a skipped answer); they are in ``n``,
        the mean and the SD but in no frequency row.
    """

    _title = "Item frequencies"
    scale_min: int
    scale_max: int
    classes: int
    closed: str
    decimals: int | None
    rule: str
    mean_of_item_means: float
    category_of_mean: str | None
    intervals: Any
    frequencies: Any
    table: Any

    def wide(self, value: str = "count"):
        """Items as rows and scale points as columns (``value``: "count" or "percent")."""
        if value not in ("count", "percent"):
            raise SmmaError(f"value must be 'count' or 'percent', not {value!r}")
        wide = self.frequencies.pivot(index="item", columns="value", values=value)
        return wide.reindex(list(self.table["item"]))


@dataclass(frozen=True)
class ConstructDescriptivesResult(ResultMixin):
    """N, minimum, maximum, mean, SD and class of the mean of each construct score.

    Attributes
    ----------
    score : {"sum", "mean"}
        How the scores were built from the items.
    scale_min, scale_max, classes, closed, decimals, rule, intervals
        As in :class:`ItemFrequencyResult`; the classes apply to the mean
        on the item scale (``item_mean``).
    table : pandas.DataFrame
        One row per construct: ``variable, n, n_items, min, max, mean, sd,
        theoretical_min, theoretical_max, item_mean, item_sd, category``.
        ``min``..``sd`` are those of the scores as given (SPSS
        DESCRIPTIVES); ``item_mean`` and ``item_sd`` divide them by
        ``n_items`` for summed scores.
    """

    _title = "Descriptive statistics"
    score: str
    scale_min: int
    scale_max: int
    classes: int
    closed: str
    decimals: int | None
    rule: str
    intervals: Any
    table: Any


def numeric_column(frame, name: str) -> np.ndarray:
    """Column ``name`` as floats (NaN where empty); DataError when it is not numeric."""
    import pandas as pd

    col = frame[name]
    if not pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
        raise DataError(f"{name}: values must be numbers")
    return col.to_numpy(dtype=float, na_value=np.nan)


def _mean_sd(v: np.ndarray) -> tuple[float, float]:
    n = v.size
    mean = float(v.mean()) if n else math.nan
    sd = float(v.std(ddof=1)) if n > 1 else math.nan
    return mean, sd


def item_frequencies(items, scale_min: int, scale_max: int,
                     labels: Mapping[int, str] | None = None, classes: int = 5, *,
                     closed: str = "right", decimals: int | None = None
                     ) -> ItemFrequencyResult:
    """Frequency of each scale point, mean, SD and class of the mean, per item.

    Parameters
    ----------
    items : pandas.DataFrame
        One column per item, coded answers (reverse keying already applied).
        Empty cells are left out of that item.
    scale_min, scale_max : int
        Ends of the answer scale (1 and 5 for a 5-point Likert scale).
    labels : dict of int to str, optional
        Label of each scale point (``{1: "STS", ..., 5: "SS"}``), carried
        in the ``label`` column; None when not given.
    classes : {3, 4, 5}, default 5
        Number of interpretation classes of the mean.
    closed : {"right", "left"}, default "right"
        ``"right"``: a mean on a class limit goes to the class below it, as
        the printed ranges 1.00-1.80, 1.81-2.60 ... say; ``"left"``: to the
        class above.
    decimals : int, optional
        Round each mean to this many decimals before classing it.

    Returns
    -------
    ItemFrequencyResult

    Raises
    ------
    DataError
        A column is not numeric or holds an answer outside the scale, or an
        item has no answers.

    Notes
    -----
    ``percent`` is the share of the item's non-empty answers; the SD uses
    ``n - 1``. The classes cut ``scale_min..scale_max`` into ``classes``
    intervals of width ``(scale_max - scale_min) / classes``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"X1": [5, 4, 4, 3, 5, 2], "X2": [1, 2, 2, 3, 1, 2]})
    >>> res = item_frequencies(d, 1, 5)
    >>> res.table[["item", "n", "mean", "category"]].round(3)
      item  n   mean category
    0   X1  6  3.833     high
    1   X2  6  1.833      low
    >>> res.wide().loc["X1"].tolist()
    [0, 1, 1, 2, 2]
    """
    import pandas as pd

    check_scale(scale_min, scale_max, classes, closed, decimals)
    points = np.arange(int(scale_min), int(scale_max) + 1)
    freq, rows = [], []
    grid = _grid_counts(items, int(scale_min), int(scale_max))
    for j, name in enumerate(map(str, items.columns)):
        counts, row = (_item_counts(items, name, int(scale_min), int(scale_max), points.size)
                       if grid is None else _row_from_counts(name, grid[j], points))
        for p, c in zip(points.tolist(), counts.tolist()):
            freq.append({"item": name, "value": p,
                         "label": None if labels is None else labels.get(p),
                         "count": c, "percent": 100 * c / row["n"]})
        rows.append(row)
    if not rows:
        raise DataError("no items to describe")
    table = pd.DataFrame(rows)
    table["category"] = mean_class(table["mean"].to_numpy(), scale_min, scale_max, classes,
                                   closed, decimals)
    grand = float(table["mean"].mean())
    return ItemFrequencyResult(
        scale_min=scale_min, scale_max=scale_max, classes=classes, closed=closed,
        decimals=decimals, rule=class_rule(scale_min, scale_max, classes, closed),
        mean_of_item_means=grand,
        category_of_mean=mean_class(grand, scale_min, scale_max, classes, closed, decimals),
        intervals=class_table(scale_min, scale_max, classes),
        frequencies=pd.DataFrame(freq, columns=["item", "value", "label", "count", "percent"]),
        table=table)


def _grid_counts(items, lo: int, hi: int):
    """Counts per (item, scale point) of a whole-number table in one pass, or None.

    The answers of every item are coded ``item * k + (answer - lo)`` a block
    of rows at a time and counted with one ``bincount``, so a large table is
    read once, row-major, with no per-column copy.
    """
    if not len(items) or not all(isinstance(d, np.dtype) and d.kind in "iu"
                                 for d in items.dtypes):
        return None
    values = items.to_numpy()
    if int(values.min()) < lo or int(values.max()) > hi:
        return None                 # the per-item path names the answer outside the scale
    k, m = hi - lo + 1, values.shape[1]
    base = (np.arange(m) * k - lo).astype(np.intp)
    counts = np.zeros(m * k, dtype=np.int64)
    step = max(1, (1 << 20) // m)
    for a in range(0, len(values), step):
        codes = values[a:a + step].astype(np.intp) + base
        counts += np.bincount(codes.ravel(), minlength=m * k)
    return counts.reshape(m, k)


def _row_from_counts(name: str, counts: np.ndarray, points: np.ndarray):
    n = int(counts.sum())
    mean = float(np.dot(points, counts)) / n
    sd = (math.sqrt(float(np.dot(counts, (points - mean) ** 2)) / (n - 1))
          if n > 1 else math.nan)
    return counts, {"item": name, "n": n, "n_missing": 0, "n_other": 0, "mean": mean,
                    "sd": sd}


def _item_counts(items, name: str, lo: int, hi: int, k: int):
    """Counts per scale point and the summary row of one item column.

    (Whole-number tables, every item of a large file, are counted at once
    by :func:`_grid_counts` instead.)
    """
    v = numeric_column(items, name)
    n_missing = int(np.isnan(v).sum())
    v = v[~np.isnan(v)]
    if v.size == 0:
        raise DataError(f"{name}: no answers")
    outside = (v < lo) | (v > hi)
    if outside.any():
        raise DataError(f"{name}: answer {v[outside][0]:g} is outside the scale {lo}..{hi}")
    whole = v == np.round(v)
    counts = np.bincount(v[whole].astype(np.int64) - lo, minlength=k)
    mean, sd = _mean_sd(v)
    return counts, {"item": name, "n": int(v.size), "n_missing": n_missing,
                    "n_other": int((~whole).sum()), "mean": mean, "sd": sd}


def _n_items_of(n_items, name: str, score: str) -> int:
    if score == "mean":
        k = 1 if n_items is None else (n_items.get(name, 1) if isinstance(n_items, Mapping)
                                       else n_items)
    else:
        k = n_items.get(name) if isinstance(n_items, Mapping) else n_items
        if k is None:
            raise SmmaError(f"{name}: give n_items (the number of items summed into the score)")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise SmmaError(f"{name}: n_items must be a whole number >= 1, not {k!r}")
    return int(k)


def construct_descriptives(scores, n_items: int | Mapping[str, int] | None = None, *,
                           scale_min: int, scale_max: int, score: str = "sum",
                           classes: int = 5, closed: str = "right",
                           decimals: int | None = None) -> ConstructDescriptivesResult:
    """N, minimum, maximum, mean, SD and class of the mean of each construct score.

    Parameters
    ----------
    scores : pandas.DataFrame
        One column per construct (or dimension): each respondent's score.
    n_items : int or dict of str to int, optional
        Items behind each score (one number for all, or per column).
        Required for summed scores.
    scale_min, scale_max : int
        Ends of the item answer scale.
    score : {"sum", "mean"}, default "sum"
        Whether a score is the sum or the mean of its items.
    classes, closed, decimals
        As in :func:`item_frequencies`.

    Returns
    -------
    ConstructDescriptivesResult

    Raises
    ------
    DataError
        A column is not numeric, has no scores, or holds a score outside
        ``n_items * scale_min .. n_items * scale_max``.

    Notes
    -----
    The class is read from ``item_mean = mean / n_items`` (the mean score
    itself for mean scores), so sums and means of the same answers fall in
    the same class. Empty cells are left out of their column.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"SMMA": [16, 18, 12, 20, 15], "PI": [9, 12, 10, 14, 11]})
    >>> res = construct_descriptives(s, {"SMMA": 4, "PI": 3}, scale_min=1, scale_max=5)
    >>> res.table[["variable", "n", "min", "max", "mean", "item_mean", "category"]].round(3)
      variable  n   min   max  mean  item_mean category
    0     SMMA  5  12.0  20.0  16.2      4.050     high
    1       PI  5   9.0  14.0  11.2      3.733     high
    """
    import pandas as pd

    check_scale(scale_min, scale_max, classes, closed, decimals)
    if score not in ("sum", "mean"):
        raise SmmaError(f"score must be 'sum' or 'mean', not {score!r}")
    rows = []
    for name in map(str, scores.columns):
        k = _n_items_of(n_items, name, score)
        v = numeric_column(scores, name)
        v = v[~np.isnan(v)]
        if v.size == 0:
            raise DataError(f"{name}: no scores")
        div = k if score == "sum" else 1
        lo, hi = scale_min * div, scale_max * div
        tol = 1e-9 * (hi - lo)
        if v.min() < lo - tol or v.max() > hi + tol:
            bad = v[(v < lo - tol) | (v > hi + tol)][0]
            raise DataError(f"{name}: score {bad:g} is outside the theoretical range "
                            f"{lo:g}..{hi:g}")
        mean, sd = _mean_sd(v)
        rows.append({"variable": name, "n": int(v.size), "n_items": k, "min": float(v.min()),
                     "max": float(v.max()), "mean": mean, "sd": sd, "theoretical_min": lo,
                     "theoretical_max": hi, "item_mean": mean / div, "item_sd": sd / div})
    if not rows:
        raise DataError("no scores to describe")
    table = pd.DataFrame(rows)
    table["category"] = mean_class(table["item_mean"].to_numpy(), scale_min, scale_max,
                                   classes, closed, decimals)
    return ConstructDescriptivesResult(
        score=score, scale_min=scale_min, scale_max=scale_max, classes=classes, closed=closed,
        decimals=decimals, rule=class_rule(scale_min, scale_max, classes, closed),
        intervals=class_table(scale_min, scale_max, classes), table=table)
