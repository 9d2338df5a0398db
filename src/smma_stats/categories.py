"""Low / medium / high category breakdowns of a scale score.

Indonesian theses describe each variable by sorting respondents into three
(``rendah``, ``sedang``, ``tinggi``) or five classes and reporting the count
and percentage in each. Three ways of drawing the class bounds are in use:

``interval``
    The theoretical score range cut into equal-width classes.
``mean_sd``
    Azwar's norm: cuts at the hypothetical (or sample) mean plus or minus
    one standard deviation (three classes) or 0.5 and 1.5 SD (five classes).
``ideal_percent``
    Each score as a percentage of the ideal (highest possible) score, cut into
    bands of 20 % (five classes) or thirds (three classes).

Every result states its boundary rule in words, because sources disagree on
which side of a cut a score lying exactly on it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from .errors import DataError, SmmaError
from .moments import Tally
from .options import CATEGORY_BASES as BASES, CATEGORY_METHODS as METHODS
from .results import ResultMixin, array_field


#: The class keys, lowest first; renderers translate them (report messages
#: ``cat_3_0`` ... ``cat_5_4``).
KEYS = {3: ("low", "medium", "high"),
        5: ("very_low", "low", "medium", "high", "very_high")}

# Words a user may write for a class in a targets file or instrument, English or
# Indonesian, mapped to its key (input vocabulary; reports translate keys themselves).
_SPOKEN = {"very low": "very_low", "very high": "very_high", "sangat rendah": "very_low",
           "rendah": "low", "sedang": "medium", "tinggi": "high",
           "sangat tinggi": "very_high"}


def class_key(label, levels: int) -> str | None:
    """The class key a written class name stands for, or None.

    Examples
    --------
    >>> class_key("Sangat Tinggi", 5), class_key("medium", 3), class_key("top", 3)
    ('very_high', 'medium', None)
    """
    text = " ".join(str(label).replace("_", " ").split()).casefold()
    key = _SPOKEN.get(text, text.replace(" ", "_"))
    return key if key in KEYS.get(levels, ()) else None


# A score this close to a cut (relative to the score range) counts as lying on
# it: item means such as 11/3 must land where exact arithmetic puts them.
_REL_TOL = 1e-9


@dataclass(frozen=True)
class CategoryResult(ResultMixin):
    """Respondents sorted into ordered classes of one score.

    Attributes
    ----------
    variable : str
        The score's name.
    method : {"interval", "mean_sd", "ideal_percent"}
    levels : int
        3 or 5 classes.
    basis : {"hypothetical", "sample"}
        Where the bounds come from: the theoretical scale, or the observed
        scores (range for ``interval``, mean and SD for ``mean_sd``).
    n : int
        Number of respondents.
    n_items, scale_min, scale_max : int
        The score is built from ``n_items`` answers on ``scale_min..scale_max``.
    mean : float
        Mean score.
    ideal_percent : float
        ``sum(score) / (n_items * scale_max * n) * 100``: the mean score as a
        percentage of the ideal score (NaN for a scale with negative points).
    mu, sigma : float or None
        Centre and spread behind the ``mean_sd`` cuts (None otherwise).
    lower, upper : tuple of float
        Bounds of each class, lowest class first. A class holds scores with
        ``lower <= score < upper``; the lowest class also holds anything
        below its upper bound and the highest anything from its lower bound.
    rule : str
        The boundary rule in words, cuts rounded to two decimals, e.g.
        ``"low: score < 23.33; medium: 23.33 <= score < 36.67; high: score >= 36.67"``
        (class keys, not translated words).
    note : str
        Where the cuts come from (range and class width, mu and sigma, or the
        ideal score), for a reader of the result; reports write their own.
    table : pandas.DataFrame
        Columns ``category, lower, upper, count, percent`` (percent 0-100,
        unrounded); ``category`` holds the class keys of :data:`KEYS`.
    assignments : pandas.Series
        Each respondent's class label (an ordered categorical), indexed like
        the input scores. Left out of :meth:`to_dict`.
    """

    variable: str
    method: str
    levels: int
    basis: str
    n: int
    n_items: int
    scale_min: int
    scale_max: int
    mean: float
    ideal_percent: float
    mu: float | None
    sigma: float | None
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    rule: str
    note: str
    table: Any
    assignments: Any = array_field()

    _title = "Categories"

    @property
    def counts(self) -> dict[str, int]:
        """``{label: count}`` in class order."""
        counts = (int(c) for c in self.table["count"])
        return dict(zip(self.table["category"], counts, strict=True))


def categorize(scores, n_items: int, scale_min: int, scale_max: int, levels: int = 3,
               method: str = "interval", basis: str = "hypothetical",
               *, name: str | None = None) -> CategoryResult:
    """Sort respondents into low/medium/high (or five) classes of a score.

    Parameters
    ----------
    scores : array-like or pandas.Series
        One score per respondent: the sum of ``n_items`` answers, or an item
        mean (then pass ``n_items=1``).
    n_items : int
        Number of items summed into the score.
    scale_min, scale_max : int
        Lowest and highest answer of the scale (1 and 5 for a 5-point Likert).
    levels : {3, 5}
        Number of classes.
    method : {"interval", "mean_sd", "ideal_percent"}
        How the cuts are drawn (see Notes).
    basis : {"hypothetical", "sample"}
        ``"hypothetical"`` uses the scale's theoretical range (Azwar's
        hypothetical mean and SD); ``"sample"`` uses the observed range
        (``interval``) or the sample mean and SD (``mean_sd``). Not used by
        ``ideal_percent``.
    name : str, optional
        The variable's name; defaults to the Series name, else ``"score"``.

    Returns
    -------
    CategoryResult

    Raises
    ------
    SmmaError
        An option is not one of the allowed values.
    DataError
        A score is missing or outside the theoretical range
        ``n_items * scale_min .. n_items * scale_max``; too few scores or no
        spread for a sample basis.

    Notes
    -----
    With ``k = n_items`` and cuts ``c_1 < ... < c_(L-1)``, a score on a cut
    belongs to the class above it: class ``j`` holds ``c_j <= X < c_(j+1)``.

    * ``interval``: range ``[k*min, k*max]`` split into ``levels`` classes of
      width ``k*(max - min)/levels``.
    * ``mean_sd`` (Azwar): ``mu = k(min + max)/2``, ``sigma = k(max - min)/6``;
      three classes cut at ``mu -/+ sigma``, five at ``mu -/+ 1.5 sigma`` and
      ``mu -/+ 0.5 sigma``.
    * ``ideal_percent``: ``X / (k*max) * 100`` cut at 20, 40, 60 and 80 (five
      classes) or at 100/3 and 200/3 (three classes).

    Every result also carries the aggregate ideal-score percentage
    ``sum(X) / (k*max*N) * 100`` that theses report beside the table.

    References
    ----------
    Azwar, S. (2012). *Penyusunan Skala Psikologi* (2nd ed.). Pustaka Pelajar.

    Examples
    --------
    >>> res = categorize([12, 23, 24, 30, 36, 37, 40, 50, 10, 45], n_items=10,
    ...                  scale_min=1, scale_max=5, name="PI")
    >>> res.rule
    'low: score < 23.33; medium: 23.33 <= score < 36.67; high: score >= 36.67'
    >>> res.counts
    {'low': 3, 'medium': 3, 'high': 4}
    >>> round(res.ideal_percent, 2)
    61.4
    """
    import pandas as pd

    _check_options(n_items, scale_min, scale_max, levels, method, basis)
    x, index, name = _score_array(scores, name)
    lo_t, hi_t = n_items * scale_min, n_items * scale_max
    tol = _REL_TOL * (hi_t - lo_t)
    x_min, x_max = x.min(), x.max()
    if x_min < lo_t - tol or x_max > hi_t + tol:
        pos = int(np.flatnonzero((x < lo_t - tol) | (x > hi_t + tol))[0])
        raise DataError(f"{name}: score {_num(x[pos])} (respondent {index[pos]!r}) is outside "
                        f"the theoretical range {_num(lo_t)}..{_num(hi_t)} of {n_items} items "
                        f"on a {scale_min}..{scale_max} scale")
    tally = Tally(x, int(x_min), int(x_max)) if x.dtype.kind in "iu" else None
    sample = _Sample(name=name, x=x, tally=tally, x_min=x_min, x_max=x_max)
    cuts, outer, note, mu, sigma = _CUT_METHODS[method](sample, n_items, scale_min, scale_max,
                                                        levels, basis)

    # class j holds c_j - tol <= X < c_(j+1) - tol: the number of shifted cuts at or below X
    edges = np.asarray(cuts, dtype=float) - tol
    if tally is not None:
        klass, counts = tally.classes(edges, levels)
        total, mean = tally.total, tally.mean
    else:
        klass = np.zeros(x.size, dtype=np.int8)
        for edge in edges:
            klass += x >= edge
        counts = np.bincount(klass, minlength=levels)
        total, mean = x.sum(), float(x.mean())
    labels = KEYS[levels]
    lower = (float(outer[0]), *map(float, cuts))
    upper = (*map(float, cuts), float(outer[1]))
    table = pd.DataFrame({"category": list(labels), "lower": list(lower), "upper": list(upper),
                          "count": counts.astype(int), "percent": counts / x.size * 100})
    assignments = pd.Series(pd.Categorical.from_codes(klass, categories=list(labels),
                                                      ordered=True), index=index, name=name)
    ideal_total = n_items * scale_max
    ideal_pct = (float(np.float64(total) / (ideal_total * x.size) * 100)
                 if scale_min >= 0 else float("nan"))
    return CategoryResult(
        variable=name, method=method, levels=levels, basis=basis, n=int(x.size),
        n_items=n_items, scale_min=scale_min, scale_max=scale_max, mean=mean,
        ideal_percent=ideal_pct, mu=mu, sigma=sigma, lower=lower, upper=upper,
        rule=_rule(labels, cuts), note=note, table=table, assignments=assignments)


def _score_array(scores, name: str | None):
    """The scores as a flat array (whole numbers kept as integers), their index and name.

    Refuses an empty input, a value that is not a number and a missing score.
    """
    import pandas as pd

    index = scores.index if isinstance(scores, pd.Series) else None
    if name is None:
        name = str(scores.name) if isinstance(scores, pd.Series) and scores.name is not None \
            else "score"
    x = scores.to_numpy() if isinstance(scores, pd.Series) else scores
    try:
        x = np.asarray(x)
        if x.dtype.kind not in "iu":
            x = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise DataError(f"{name}: scores must be numbers") from None
    x = x.ravel()
    if index is None:
        index = pd.RangeIndex(len(x))
    if x.size == 0:
        raise DataError(f"{name}: no scores to categorise")
    if x.dtype.kind not in "iu" and np.isnan(x).any():
        pos = int(np.flatnonzero(np.isnan(x))[0])
        raise DataError(f"{name}: missing score for respondent {index[pos]!r}")
    return x, index, name


class _Sample(NamedTuple):
    """The checked scores, as the cut methods need them."""

    name: str
    x: np.ndarray
    tally: Any          # a Tally of whole-number scores, else None
    x_min: Any
    x_max: Any


class _Cuts(NamedTuple):
    """Where one method cuts the scores, and how it says so."""

    cuts: list
    outer: tuple
    note: str
    mu: float | None = None
    sigma: float | None = None


def _interval_cuts(s: _Sample, n_items, scale_min, scale_max, levels, basis) -> _Cuts:
    """Equal-width classes over the theoretical (or the observed) range."""
    if basis == "hypothetical":
        a, b = n_items * scale_min, n_items * scale_max
    else:
        a, b = float(s.x_min), float(s.x_max)
    if b <= a:
        raise DataError(f"{s.name}: all scores equal {_num(a)}; the observed range "
                        "cannot be divided")
    cuts = [(a * (levels - i) + b * i) / levels for i in range(1, levels)]
    return _Cuts(cuts, (a, b), f"range {_num(a)}-{_num(b)}, class width {_num((b - a) / levels)}")


def _mean_sd_cuts(s: _Sample, n_items, scale_min, scale_max, levels, basis) -> _Cuts:
    """Azwar's norm: cuts at mu -/+ sigma (three classes) or 0.5 and 1.5 sigma (five)."""
    if basis == "hypothetical":
        mu, sigma = n_items * (scale_min + scale_max) / 2, n_items * (scale_max - scale_min) / 6
    else:
        if s.x.size < 2:
            raise DataError(f"{s.name}: a sample SD needs at least 2 scores")
        mu, sigma = ((s.tally.mean, s.tally.sd) if s.tally is not None
                     else (float(s.x.mean()), float(s.x.std(ddof=1))))
        if sigma == 0:
            raise DataError(f"{s.name}: all scores equal {_num(mu)}; the SD is zero")
    steps = (-1.0, 1.0) if levels == 3 else (-1.5, -0.5, 0.5, 1.5)
    cuts = [mu + step * sigma for step in steps]
    return _Cuts(cuts, (n_items * scale_min, n_items * scale_max),
                 f"mu = {_num(mu)}, sigma = {_num(sigma)}", mu, sigma)


def _ideal_percent_cuts(s: _Sample, n_items, scale_min, scale_max, levels, basis) -> _Cuts:
    """Bands of the ideal (highest possible) score: fifths or thirds."""
    ideal = n_items * scale_max
    cuts = [ideal * i / levels for i in range(1, levels)]
    pcts = ", ".join(f"{_num(100 * i / levels)}%" for i in range(1, levels))
    return _Cuts(cuts, (0.0, float(ideal)), f"cuts at {pcts} of the ideal score {_num(ideal)}")


#: One function per method of :data:`METHODS`: the cuts, the outer bounds, the note.
_CUT_METHODS = {"interval": _interval_cuts, "mean_sd": _mean_sd_cuts,
                "ideal_percent": _ideal_percent_cuts}


def _check_options(n_items, scale_min, scale_max, levels, method, basis) -> None:
    if method not in METHODS:
        raise SmmaError(f"unknown category method {method!r}; use one of {', '.join(METHODS)}")
    if levels not in (3, 5) or isinstance(levels, bool):
        raise SmmaError(f"levels must be 3 or 5, not {levels!r}")
    if basis not in BASES:
        raise SmmaError(f"basis must be 'hypothetical' or 'sample', not {basis!r}")
    if method == "ideal_percent" and basis != "hypothetical":
        raise SmmaError("basis 'sample' does not apply to the ideal_percent method")
    for key, v in (("n_items", n_items), ("scale_min", scale_min), ("scale_max", scale_max)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool):
            raise SmmaError(f"{key} must be a whole number, not {v!r}")
    if n_items < 1:
        raise SmmaError(f"n_items must be at least 1, not {n_items}")
    if scale_min >= scale_max:
        raise SmmaError(f"scale_min ({scale_min}) must be below scale_max ({scale_max})")
    if method == "ideal_percent" and scale_min < 0:
        raise SmmaError("the ideal_percent method needs a scale without negative points")


def _rule(labels, cuts) -> str:
    word = "score"
    parts = [f"{labels[0]}: {word} < {_num(cuts[0])}"]
    for j in range(1, len(labels) - 1):
        parts.append(f"{labels[j]}: {_num(cuts[j - 1])} <= {word} < {_num(cuts[j])}")
    parts.append(f"{labels[-1]}: {word} >= {_num(cuts[-1])}")
    return "; ".join(parts)


def _num(x: float) -> str:
    """A number for a sentence: at most two decimals, no trailing zeros."""
    text = f"{float(x):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


__all__ = ["CategoryResult", "categorize"]
