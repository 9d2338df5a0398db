"""The respondent profile: frequency tables of gender, age band, education ...

The results chapter opens with "Karakteristik Responden": for each
attribute column the count and percent of every category (SPSS's
FREQUENCIES: Frequency, Percent, Valid Percent, Cumulative Percent), ages
grouped into bands. Which columns are profile columns is detected: few
distinct values, or a numeric column named as an age; timestamps, e-mail
addresses, names and other free text are skipped and the reason is kept.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from ..errors import DataError, SmmaError
from ..results import ResultMixin

DEFAULT_AGE_BINS = (20, 30, 40, 50)
MAX_CATEGORIES = 10

_AGE_NAME = re.compile(r"(^|[^a-z])(usia|umur|age)([^a-z]|$)", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


@dataclass(frozen=True)
class ProfileResult(ResultMixin):
    """Frequency tables of the respondents' attributes.

    Attributes
    ----------
    n : int
        Respondents (rows).
    variables : tuple of str
        Profiled columns, in the order of the input.
    kinds : dict of str to str
        ``"categorical"`` or ``"age"`` (numeric, grouped into bands).
    bins : dict of str to tuple of float
        The band limits used for each ``"age"`` column.
    skipped : dict of str to str
        Columns left out and why: ``"empty"``, ``"timestamp"``, ``"email"``,
        ``"free_text"`` or ``"too_many_values"``.
    table : pandas.DataFrame
        Columns ``variable, category, count, percent, valid_percent,
        cumulative_percent, missing``. ``percent`` is of all ``n`` rows,
        ``valid_percent`` and ``cumulative_percent`` of the non-blank ones
        (0-100). A variable with blank cells ends with one row with
        ``missing=True`` and ``category`` None.
    """

    _title = "Respondent profile"
    n: int
    variables: tuple
    kinds: Mapping[str, str]
    bins: Mapping[str, tuple]
    skipped: Mapping[str, str]
    table: Any


def cell_text(v) -> str | None:
    """A cell as trimmed text; None when blank. 2.0 reads as "2"."""
    import pandas as pd

    if v is None or (not isinstance(v, str) and bool(np.ndim(v) == 0 and pd.isna(v))):
        return None
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    text = " ".join(str(v).split())
    return text or None


def _as_numbers(labels: list[str]) -> np.ndarray | None:
    try:
        return np.array([float(t.replace(",", ".")) for t in labels], dtype=float)
    except ValueError:
        return None


def _kind(name: str, column, labels: list[str], max_categories: int) -> tuple[str, str]:
    """``("categorical" | "age" | "skip", reason)`` for one column."""
    import pandas as pd

    if not labels:
        return "skip", "empty"
    if pd.api.types.is_datetime64_any_dtype(column):
        return "skip", "timestamp"
    distinct = len(set(labels))
    few = distinct <= max_categories and distinct <= max(2, len(labels) / 2)
    numbers = _as_numbers(labels)
    if numbers is not None:
        if _AGE_NAME.search(name) and numbers.min() >= 5:
            return "age", ""
        return ("categorical", "") if few else ("skip", "too_many_values")
    share = lambda rx: sum(bool(rx.search(t)) for t in labels) / len(labels)
    if share(_EMAIL) >= 0.5:
        return "skip", "email"
    if share(_DATE) >= 0.9:
        return "skip", "timestamp"
    return ("categorical", "") if few else ("skip", "free_text")


def text_order(text: str):
    """Sort key of category texts: numbers first, in numeric order, then text by case."""
    try:
        return (0, float(text.replace(",", ".")), text)
    except ValueError:
        return (1, 0.0, text.casefold())


def _bin_labels(edges: Sequence[float], whole: bool) -> list[str]:
    num = lambda x: f"{x:g}"
    out = [f"< {num(edges[0])}"]
    for a, b in pairwise(edges):
        out.append(f"{num(a)}-{num(b - 1)}" if whole else f"{num(a)}-<{num(b)}")
    out.append(f">= {num(edges[-1])}")
    return out


def _check_bins(name: str, edges) -> tuple[float, ...]:
    try:
        e = tuple(float(x) for x in edges)
    except (TypeError, ValueError):
        raise SmmaError(f"bins of {name!r} must be a list of numbers, not {edges!r}") from None
    if not e or any(b <= a for a, b in pairwise(e)):
        raise SmmaError(f"bins of {name!r} must be increasing numbers, not {list(edges)!r}")
    return e


def _rows(name: str, labels: list[str], n_blank: int, n: int, order: list[str]) -> list[dict]:
    counts = {c: 0 for c in order}
    for t in labels:
        counts[t] += 1
    valid, cum, rows = len(labels), 0, []
    for c in order:
        cum += counts[c]
        rows.append({"variable": name, "category": c, "count": counts[c],
                     "percent": 100 * counts[c] / n, "valid_percent": 100 * counts[c] / valid,
                     "cumulative_percent": 100 * cum / valid, "missing": False})
    if n_blank:
        rows.append({"variable": name, "category": None, "count": n_blank,
                     "percent": 100 * n_blank / n, "valid_percent": math.nan,
                     "cumulative_percent": math.nan, "missing": True})
    return rows


def respondent_profile(attributes, columns: Sequence[str] | None = None,
                       bins: Sequence[float] | Mapping[str, Sequence[float]] | None = None,
                       *, max_categories: int = MAX_CATEGORIES) -> ProfileResult:
    """Count and percent of each category of the respondents' attribute columns.

    Parameters
    ----------
    attributes : pandas.DataFrame
        The non-item columns of the response file (gender, age, education,
        timestamp, e-mail ...), one row per respondent.
    columns : sequence of str, optional
        Columns to profile. By default they are detected: a column with at
        most ``max_categories`` distinct values, and no more than half as
        many distinct values as answers (so names and ids drop out), or
        a numeric column whose name says age (Usia, Umur, Age). Timestamps,
        e-mail addresses, names and free text are skipped.
    bins : sequence of float or dict of str to sequence, optional
        Limits of the age bands: ``(20, 30, 40, 50)`` (the default) gives
        ``< 20, 20-29, 30-39, 40-49, >= 50``. A dict gives limits per
        column; a numeric column named there is banded even when its name
        does not say age.
    max_categories : int, default 10
        Most distinct values a detected profile column may have.

    Returns
    -------
    ProfileResult

    Raises
    ------
    SmmaError
        A named column is not in ``attributes``, or the bins are not
        increasing numbers.
    DataError
        No column is a profile column.

    Notes
    -----
    Categories are the trimmed cell texts, sorted as numbers when all are
    numbers, else alphabetically. A band ``a-b`` holds ``a <= age < b + 1``
    for whole-number ages (``a-<b`` with fractional ages); every band is
    listed, empty ones with count 0.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"Jenis Kelamin": ["Perempuan", "Laki-laki", "Perempuan", None],
    ...                   "Usia": [19, 23, 35, 24],
    ...                   "Email": ["a@x.id", "b@x.id", "c@x.id", "d@x.id"]})
    >>> res = respondent_profile(a)
    >>> res.table[["variable", "category", "count", "percent", "valid_percent"]].round(2)
            variable   category  count  percent  valid_percent
    0  Jenis Kelamin  Laki-laki      1     25.0          33.33
    1  Jenis Kelamin  Perempuan      2     50.0          66.67
    2  Jenis Kelamin       None      1     25.0            NaN
    3           Usia       < 20      1     25.0          25.00
    4           Usia      20-29      2     50.0          50.00
    5           Usia      30-39      1     25.0          25.00
    6           Usia      40-49      0      0.0           0.00
    7           Usia      >= 50      0      0.0           0.00
    >>> res.skipped
    {'Email': 'email'}
    """
    import pandas as pd

    per_column = dict(bins) if isinstance(bins, Mapping) else {}
    default_bins = DEFAULT_AGE_BINS if bins is None or isinstance(bins, Mapping) else bins
    names = [str(c) for c in attributes.columns]
    if columns is not None:
        unknown = [c for c in columns if str(c) not in names]
        if unknown:
            raise SmmaError(f"{unknown[0]!r} is not an attribute column; the columns are: "
                            + (", ".join(names) or "none"))
    for c in per_column:
        if str(c) not in names:
            raise SmmaError(f"bins name {c!r}, which is not an attribute column")
    n = len(attributes)
    rows, kinds, used_bins, skipped = [], {}, {}, {}
    wanted = names if columns is None else [str(c) for c in columns]
    for name, col in zip(names, attributes.columns):
        if name not in wanted:
            continue
        labels = [t for t in map(cell_text, attributes[col].tolist()) if t is not None]
        kind, why = _kind(name, attributes[col], labels, max_categories)
        numbers = _as_numbers(labels) if labels else None
        if numbers is not None and (name in per_column or (columns is not None and kind != "age"
                                    and len(set(labels)) > max_categories)):
            kind = "age"
        if columns is not None and kind == "skip":
            kind = "categorical"
        if kind == "skip":
            skipped[name] = why
            continue
        kinds[name] = kind
        if kind == "age":
            edges = _check_bins(name, per_column.get(name, default_bins))
            used_bins[name] = edges
            whole = bool(np.all(numbers == np.round(numbers))
                         and all(float(e).is_integer() for e in edges))
            order = _bin_labels(edges, whole)
            labels = [order[int(k)] for k in np.searchsorted(edges, numbers, side="right")]
        else:
            order = sorted(set(labels), key=text_order)
        rows += _rows(name, labels, n - len(labels), n, order)
    if not kinds:
        raise DataError("no attribute column looks like a respondent profile column"
                        + (f" (skipped: {', '.join(skipped)})" if skipped else ""))
    cols = ["variable", "category", "count", "percent", "valid_percent", "cumulative_percent",
            "missing"]
    table = pd.DataFrame(rows, columns=cols)
    # object dtype keeps the missing row's category None (pandas' string dtype makes it NaN)
    table["category"] = pd.Series([None if m else c for c, m in zip(table["category"],
                                                                    table["missing"])],
                                  index=table.index, dtype=object)
    return ProfileResult(n=n, variables=tuple(kinds), kinds=kinds, bins=used_bins,
                         skipped=skipped, table=table)
