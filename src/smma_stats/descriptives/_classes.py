"""Interpretation classes of a mean on a Likert scale (the class-interval rule).

A thesis describes each item and each variable by the class its mean falls
in: the scale range cut into ``k`` classes of width ``(max - min) / k``
(1.00-1.80 very low, 1.81-2.60 low, ... 4.21-5.00 very high on a 1..5 scale
with ``k = 5``). The printed ranges put a mean lying on a cut (1.80) in the
class below it: each class is closed on the right, ``(c_(j-1), c_j]``, the
first one also holding the scale minimum. ``closed="left"`` gives the other
convention, ``[c_(j-1), c_j)``, the last class also holding the maximum.
"""

from __future__ import annotations

import numpy as np

from ..errors import DataError, SmmaError

CLASS_KEYS = {
    3: ("low", "medium", "high"),
    4: ("very_low", "low", "high", "very_high"),
    5: ("very_low", "low", "medium", "high", "very_high"),
}
CLOSED = ("right", "left")

# A mean this close to a cut (relative to the scale range) lies on it: 9/5 must
# meet the cut 1 + 0.8 whatever the rounding of either.
_REL_TOL = 1e-9


def check_scale(scale_min, scale_max, classes, closed, decimals) -> None:
    """Raise SmmaError when the scale or the class options are not usable."""
    for key, v in (("scale_min", scale_min), ("scale_max", scale_max)):
        if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
            raise SmmaError(f"{key} must be a number, not {v!r}")
    if not scale_min < scale_max:
        raise SmmaError(f"scale_min ({scale_min}) must be below scale_max ({scale_max})")
    if classes not in CLASS_KEYS or isinstance(classes, bool):
        raise SmmaError(f"classes must be one of {', '.join(map(str, CLASS_KEYS))}, "
                        f"not {classes!r}")
    if closed not in CLOSED:
        raise SmmaError(f"closed must be 'right' or 'left', not {closed!r}")
    if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int)
                                 or decimals < 0):
        raise SmmaError(f"decimals must be a whole number >= 0 or None, not {decimals!r}")


def class_cuts(scale_min: float, scale_max: float, classes: int) -> list[float]:
    """The ``classes + 1`` class limits ``min, min + w, ..., max``, ``w = (max - min) / classes``.

    Examples
    --------
    >>> [round(c, 2) for c in class_cuts(1, 5, 5)]
    [1.0, 1.8, 2.6, 3.4, 4.2, 5.0]
    """
    lo, hi = float(scale_min), float(scale_max)
    return [lo + (hi - lo) * j / classes for j in range(classes)] + [hi]


def mean_class(means, scale_min: float, scale_max: float, classes: int = 5,
               closed: str = "right", decimals: int | None = None):
    """The class key (``"very_low"`` ... ``"very_high"``) of each mean.

    Parameters
    ----------
    means : float or array-like
        Means on the item scale (``scale_min..scale_max``). NaN gives None.
    scale_min, scale_max : float
        Ends of the answer scale.
    classes : {3, 4, 5}
        Number of classes.
    closed : {"right", "left"}
        ``"right"``: a mean on a cut belongs to the class below it (the
        printed 1.00-1.80, 1.81-2.60 ... ranges); ``"left"``: to the class
        above it.
    decimals : int, optional
        Round each mean to this many decimals before classing it (as a
        thesis that prints two decimals does).

    Returns
    -------
    str or list of str
        One key per mean (a single key for a scalar mean).

    Raises
    ------
    DataError
        A mean lies outside the scale.

    Examples
    --------
    >>> mean_class([1.8, 1.81, 3.4, 4.21], 1, 5)
    ['very_low', 'low', 'medium', 'very_high']
    >>> mean_class(1.8, 1, 5, closed="left")
    'low'
    """
    check_scale(scale_min, scale_max, classes, closed, decimals)
    scalar = np.ndim(means) == 0
    m = np.atleast_1d(np.asarray(means, dtype=float))
    if decimals is not None:
        m = np.round(m, decimals)
    tol = _REL_TOL * (scale_max - scale_min)
    bad = (m < scale_min - tol) | (m > scale_max + tol)
    if bad.any():
        raise DataError(f"mean {float(m[bad][0]):g} is outside the scale "
                        f"{scale_min:g}..{scale_max:g}")
    inner = np.asarray(class_cuts(scale_min, scale_max, classes)[1:-1])
    if closed == "right":     # class j holds c_(j-1) < m <= c_j
        code = np.searchsorted(inner + tol, m, side="left")
    else:                     # class j holds c_(j-1) <= m < c_j
        code = np.searchsorted(inner - tol, m, side="right")
    keys = CLASS_KEYS[classes]
    out = [None if np.isnan(v) else keys[int(c)] for v, c in zip(m, code)]
    return out[0] if scalar else out


def class_rule(scale_min: float, scale_max: float, classes: int, closed: str,
               what: str = "mean") -> str:
    """The class limits in words made of keys and numbers (two decimals).

    Examples
    --------
    >>> class_rule(1, 5, 3, "right")
    'low: 1.00 <= mean <= 2.33; medium: 2.33 < mean <= 3.67; high: 3.67 < mean <= 5.00'
    """
    cuts = class_cuts(scale_min, scale_max, classes)
    keys = CLASS_KEYS[classes]
    parts = []
    for j, key in enumerate(keys):
        lo, hi = f"{cuts[j]:.2f}", f"{cuts[j + 1]:.2f}"
        if closed == "right":
            op = "<=" if j == 0 else "<"
            parts.append(f"{key}: {lo} {op} {what} <= {hi}")
        else:
            op = "<=" if j == classes - 1 else "<"
            parts.append(f"{key}: {lo} <= {what} {op} {hi}")
    return "; ".join(parts)


def class_table(scale_min: float, scale_max: float, classes: int):
    """Columns ``category, lower, upper``: one row per class, lowest first."""
    import pandas as pd

    cuts = class_cuts(scale_min, scale_max, classes)
    return pd.DataFrame({"category": list(CLASS_KEYS[classes]), "lower": cuts[:-1],
                         "upper": cuts[1:]})
