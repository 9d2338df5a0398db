"""Synthesis targets: reading them from YAML and checking them against an instrument.

:func:`parse_targets` turns the user's mapping into the search's plain
specification: one :class:`Score` per construct (its integer range, category
cuts and counts), the alpha targets, the regression in sum units and the
Lilliefors bound. Every malformed or contradictory target is rejected here
with a :class:`~smma_stats.errors.DataError` naming it, before any search.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError

TARGET_KEYS = ("alpha", "model", "categories", "normal_residuals", "item_mean",
               "attributes", "tolerance")
_FORMULA_RE = re.compile(r"^\s*(\S+)\s*~\s*(\S+)\s*$")


def load_targets(path: str | Path) -> dict:
    """Read synthesis targets from a YAML file.

    Parameters
    ----------
    path : str or Path
        YAML mapping with the keys described in
        :func:`smma_stats.synthesis.synthesize`.

    Returns
    -------
    dict

    Raises
    ------
    DataError
        The file is missing, not YAML, or not a mapping of known keys.
    """
    import yaml

    p = Path(path)
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise DataError(f"{p}: targets file not found") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataError(f"{p}: cannot read targets ({exc.__class__.__name__})") from None
    _check_keys(raw, f"{p}: ")
    return raw


def _check_keys(targets: Any, where: str = "") -> None:
    """Targets must be a mapping of known keys; ``where`` prefixes the message."""
    if not isinstance(targets, Mapping):
        raise DataError(f"{where}targets must be a mapping (alpha, model, categories, ...)")
    unknown = sorted(set(map(str, targets)) - set(TARGET_KEYS))
    if unknown:
        raise DataError(f"{where}unknown targets key {unknown[0]!r} "
                        f"(known: {', '.join(TARGET_KEYS)})")


class Score:
    """One construct's sum score: range, category thresholds and count targets."""

    def __init__(self, name, k, lo, hi, thresholds, counts, mean):
        self.name, self.k, self.lo, self.hi = name, k, lo, hi
        self.thresholds = thresholds          # category = number of thresholds <= T
        self.counts = counts                  # per category index, None = free
        self.mean = mean                      # target mean of the sum

    def category(self, t: int) -> int:
        return sum(t >= c for c in self.thresholds)


def _thresholds(method: str, levels: int, k: int, lo: int, hi: int) -> tuple[int, ...]:
    """Smallest integer sum in each category above the lowest (lower bounds inclusive).

    The cuts are those of :func:`smma_stats.categories.categorize` on the
    hypothetical basis, in exact fractions: the search counts categories of
    integer sums at every move, and an integer threshold per cut makes that a
    comparison, with no tolerance for a sum lying on a cut such as 110/3.
    """
    if method == "interval":
        cuts = [Fraction(lo) + Fraction(j * (hi - lo), levels) for j in range(1, levels)]
    elif method == "mean_sd":
        mu, sd = Fraction(lo + hi, 2), Fraction(hi - lo, 6)
        zs = (-1, 1) if levels == 3 else (Fraction(-3, 2), Fraction(-1, 2),
                                          Fraction(1, 2), Fraction(3, 2))
        cuts = [mu + z * sd for z in zs]
    else:  # ideal_percent: the score as a share of the ideal (highest) score
        cuts = [Fraction(hi * j, levels) for j in range(1, levels)]
    return tuple(math.ceil(c) for c in cuts)


def parse_targets(instrument, n, targets) -> dict:
    """Check ``targets`` for ``n`` respondents of ``instrument``; the search's specification.

    Returns a dict with ``scores`` (construct code to :class:`Score`),
    ``alphas``, ``model`` (None or ``y, x, b, r2, b_sum_factor, formula``),
    ``dmax`` (bound on Lilliefors D, or None), ``tol``, ``item_mean`` and
    ``attributes``.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 10:
        raise DataError(f"n must be a whole number of at least 10 respondents, got {n!r}")
    _check_keys(targets)
    lo_s, hi_s = instrument.scale.min, instrument.scale.max
    item_mean = float(targets.get("item_mean", lo_s + 0.8 * (hi_s - lo_s)))
    if not lo_s + 0.5 < item_mean < hi_s - 0.3:
        raise DataError(f"item_mean {item_mean} leaves no room inside the scale "
                        f"{lo_s}..{hi_s}")
    tol = float(targets.get("tolerance", 2e-4))
    if not 0 < tol <= 0.01:
        raise DataError(f"tolerance must be in (0, 0.01], got {tol}")
    scores = _parse_scores(instrument, n, targets, item_mean)
    alphas = _parse_alphas(instrument, targets, scores)
    model = _parse_model(instrument, targets["model"], scores) if targets.get("model") else None
    normal = targets.get("normal_residuals", False)
    if normal and model is None:
        raise DataError("normal_residuals needs a model")
    dmax = 0.65 / math.sqrt(n) if normal else None
    return {"scores": scores, "alphas": alphas, "model": model, "dmax": dmax, "tol": tol,
            "item_mean": item_mean, "attributes": targets.get("attributes") or {}}


def _parse_scores(instrument, n: int, targets, item_mean: float) -> dict[str, Score]:
    """Each construct's :class:`Score`, with the category counts asked for."""
    from ..categories import KEYS

    lo_s, hi_s = instrument.scale.min, instrument.scale.max
    cat = instrument.categories or {}
    method, levels = cat.get("method", "interval"), int(cat.get("levels", 3))
    labels = KEYS[levels]
    cat_targets = targets.get("categories") or {}
    if cat_targets and cat.get("basis", "hypothetical") != "hypothetical":
        raise DataError("categories: synthesis counts categories on the theoretical range "
                        "only; the instrument uses basis 'sample'")
    scores = {}
    for code, con in instrument.constructs.items():
        k = len(con.items)
        lo, hi = k * lo_s, k * hi_s
        counts = _category_counts(code, cat_targets.get(code) or {}, labels, n)
        scores[code] = Score(code, k, lo, hi, _thresholds(method, levels, k, lo, hi),
                             counts, k * item_mean)
    for code in cat_targets:
        if code not in scores:
            raise DataError(f"categories: {code!r} is not a construct of {instrument.name!r}")
    return scores


def _category_counts(code: str, given_counts, labels: tuple, n: int) -> list[int | None]:
    """The count asked for in each class of one construct (None where not given)."""
    from ..categories import class_key

    levels = len(labels)
    counts: list[int | None] = [None] * levels
    for label, cnt in given_counts.items():
        key = class_key(label, levels)
        if key is None:
            raise DataError(f"categories.{code}: unknown category {label!r} "
                            f"(known: {', '.join(labels)})")
        index = labels.index(key)
        if isinstance(cnt, bool) or not isinstance(cnt, int) or not 0 <= cnt <= n:
            raise DataError(f"categories.{code}.{label}: count {cnt!r} is not "
                            f"between 0 and n = {n}")
        counts[index] = cnt
    given = [c for c in counts if c is not None]
    if sum(given) > n or (len(given) == levels and sum(given) != n):
        raise DataError(f"categories.{code}: counts add up to {sum(given)}, "
                        f"not {'at most ' if len(given) < levels else ''}n = {n}")
    return counts


def _parse_alphas(instrument, targets, scores: dict[str, Score]) -> dict[str, float]:
    """The target alpha of each construct named under ``alpha``."""
    alphas = {}
    for code, value in (targets.get("alpha") or {}).items():
        if code not in scores:
            raise DataError(f"alpha: {code!r} is not a construct of {instrument.name!r}")
        if scores[code].k < 2:
            raise DataError(f"alpha: construct {code!r} has one item; alpha needs two")
        if not isinstance(value, (int, float)) or not -1 < value < 1:
            raise DataError(f"alpha.{code}: target {value!r} must lie between -1 and 1")
        alphas[code] = float(value)
    return alphas


def _parse_model(instrument, m, scores: dict[str, Score]) -> dict:
    """The simple regression ``Y ~ X`` with its target slope and R Square."""
    match = _FORMULA_RE.match(str(m.get("formula", "")))
    if not match:
        raise DataError(f"model.formula: write one simple regression 'Y ~ X', "
                        f"not {m.get('formula')!r}")
    y, x = match.groups()
    for term in (y, x):
        if term not in scores:
            raise DataError(f"model.formula: {term!r} is not a construct of "
                            f"{instrument.name!r}")
    if x == y:
        raise DataError("model.formula: the same construct on both sides")
    b, r2 = float(m.get("b", math.nan)), float(m.get("r2", math.nan))
    if not (0 < r2 < 1) or b == 0 or math.isnan(b):
        raise DataError(f"model: needs b (not 0) and r2 strictly between 0 and 1, "
                        f"got b = {m.get('b')!r}, r2 = {m.get('r2')!r}")
    # slope in sum units: a mean score divides each sum by its item count
    scale = scores[y].k / scores[x].k if instrument.score == "mean" else 1.0
    return {"y": y, "x": x, "b": b, "r2": r2, "b_sum_factor": scale, "formula": f"{y} ~ {x}"}
