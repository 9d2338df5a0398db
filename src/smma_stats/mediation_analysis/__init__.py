"""Mediation analysis: Hayes' PROCESS model 4 (parallel) and model 6 (serial).

X affects Y directly and through one or more mediators M. Each mediator is
regressed on X (and, in a serial model, on the mediators before it), Y on
X and every mediator, and Y on X alone for the total effect; covariates
enter every regression. An indirect effect is a product of paths (``a_i
b_i``, or ``a_1 d_21 b_2`` in a serial model) whose sampling distribution is
not normal, so it is judged by a bootstrap confidence interval from
resamples of the cases, as PROCESS does; the Sobel test is given beside it
for readers who ask for it.

All resamples are computed at once: each one's regressions depend on it
only through weighted cross-product sums ``W @ V`` of the centred variables,
so 5,000 resamples are one matrix product and a batch of small normal
equations (:mod:`smma_stats.mediation_analysis.resampling`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np

from .. import pathfit
from ..errors import DataError, ModelError
from ..keywords import SigLevelAlias, older_keywords
from ..model_frame import check_alpha
from ..resampling import check_method, frozen, sum_bootstrap
from ..results import ResultMixin, array_field
from .resampling import UNDEFINED, indirect_chains, indirect_statistic

#: Mediation types of Zhao, Lynch & Chen (2010), the keys of ``mediation_type``.
MEDIATION_TYPES = ("complementary", "competitive", "indirect_only", "direct_only", "no_effect")

#: Serial models with more mediators than this have too many paths to list.
MAX_SERIAL = 4



@dataclass(frozen=True)
class MediationResult(SigLevelAlias, ResultMixin):
    """A mediation model: its regressions, indirect effects and their intervals.

    Attributes
    ----------
    x, y : str
        The independent and the dependent variable.
    mediators, covariates : tuple of str
    serial : bool
        Mediators in a chain (PROCESS model 6) rather than in parallel (model 4).
    n, n_excluded : int
        Complete cases used, and cases dropped for a missing value.
    total_effect, total_p_value : float
        ``c``, the slope of X in ``Y ~ X (+ covariates)``, and its p-value.
    direct_effect, direct_p_value : float
        ``c'``, the slope of X in the model of Y with the mediators.
    indirect_effect, indirect_conf_low, indirect_conf_high : float
        The total indirect effect (sum of all specific indirect effects)
        and its bootstrap interval; ``total = direct + indirect`` exactly.
    mediation_type : str
        Key of :data:`MEDIATION_TYPES` for the total indirect effect.
    sd_x, sd_y : float
        Standard deviations (n - 1) of X and Y used for standardising.
    n_resamples, n_failed : int
        Resamples drawn and resamples left out (a singular design).
    seed : int or None
    ci : float
        Level of the bootstrap intervals.
    method : str
        ``"percentile"`` or ``"bca"``.
    robust : bool
        HC3 standard errors and Wald F tests in ``paths`` and ``models``.
    alpha : float
        Significance level of the t tests and t-based limits of the
        regressions (also readable as ``sig_level``).
    paths : pandas.DataFrame
        ``model, dependent, path, term, b, se, t, p_value, conf_low,
        conf_high``; ``model`` is ``mediator``, ``outcome`` or ``total``;
        ``path`` names the key slopes (``a1``, ``d21``, ``b1``, ``c_prime``,
        ``c``) and is empty for the constant and covariates.
    models : pandas.DataFrame
        ``model, dependent, r, r2, mse, f, df1, df2, p_value`` per regression.
    indirect : pandas.DataFrame
        ``effect, path, estimate, boot_se, conf_low, conf_high,
        significant, mediation_type`` and the standardised effects with
        their intervals: ``std_partial`` (``ab / SD_Y``), ``std_complete``
        (``ab SD_X / SD_Y``), each with ``_low`` and ``_high``. The row
        ``total`` (listed when there are several paths) sums the others.
    sobel : pandas.DataFrame
        ``effect, mediator, a, se_a, b, se_b, estimate, se, z, p_value``
        for each path through a single mediator.
    contrasts : pandas.DataFrame
        ``contrast, estimate, boot_se, conf_low, conf_high`` for each pair
        of specific indirect effects (``ind1 - ind2``).
    effects : pandas.DataFrame
        ``kind, b, se, t, p_value, conf_low, conf_high`` for ``total``,
        ``direct`` and ``indirect`` (bootstrap SE and limits, no t).
    replicates : numpy.ndarray
        The specific indirect effects of each usable resample, one column
        per path; left out of :meth:`to_dict`.
    """

    x: str
    y: str
    mediators: tuple[str, ...]
    covariates: tuple[str, ...]
    serial: bool
    n: int
    n_excluded: int
    total_effect: float
    total_p_value: float
    direct_effect: float
    direct_p_value: float
    indirect_effect: float
    indirect_conf_low: float
    indirect_conf_high: float
    mediation_type: str
    sd_x: float
    sd_y: float
    n_resamples: int
    n_failed: int
    seed: int | None
    ci: float
    method: str
    robust: bool
    alpha: float
    paths: Any = field(repr=False, compare=False)
    models: Any = field(repr=False, compare=False)
    indirect: Any = field(repr=False, compare=False)
    sobel: Any = field(repr=False, compare=False)
    contrasts: Any = field(repr=False, compare=False)
    effects: Any = field(repr=False, compare=False)
    replicates: Any = array_field(default=None)

    _title = "Mediation analysis"

@older_keywords(alpha="sig_level")
def mediation(scores, x: str, m, y: str, covariates=(), *, serial: bool = False,
              bootstrap: int = 5000, seed: int | None = None, ci: float = 0.95,
              method: str = "percentile", robust: bool = False, sig_level: float = 0.05,
              indices=None) -> MediationResult:
    """Simple, parallel or serial mediation of X's effect on Y (PROCESS models 4 and 6).

    Parameters
    ----------
    scores : pandas.DataFrame
        One row per case, one numeric column per variable.
    x, y : str
        The independent and the dependent variable.
    m : str or sequence of str
        The mediator(s).
    covariates : sequence of str, optional
        Entered in every regression.
    serial : bool, default False
        Chain the mediators in the order given (model 6): each mediator is
        regressed on X and the mediators before it.
    bootstrap : int, default 5000
        Resamples of the cases.
    seed : int, optional
        Seed of the resamples (:func:`smma_stats.resampling.resample_plan`);
        without one a fresh seed is drawn and reported.
    ci : float, default 0.95
        Level of the bootstrap intervals.
    method : {"percentile", "bca"}, default "percentile"
        Percentile interval, or bias-corrected and accelerated.
    robust : bool, default False
        HC3 standard errors and HC3 Wald F tests in the regressions.
    sig_level : float, default 0.05
        Significance level of the regressions' t tests and limits, and of
        the direct effect's test in ``mediation_type`` (older keyword:
        ``alpha``).
    indices : array_like of int, shape (B, n), optional
        The resamples themselves (0-based rows of the complete cases).

    Returns
    -------
    MediationResult

    Raises
    ------
    ModelError
        A variable has two roles (X equal to Y, a mediator that is also a
        covariate ...), a column is unknown, or there are too few cases.
    DataError
        A column holds text, or a bad ``bootstrap``, ``ci``, ``method``.

    Notes
    -----
    The specific indirect effect through mediators ``i1 < ... < ir`` is the
    product of X's slope on ``M_i1``, each ``M_i(s+1)``'s slope on
    ``M_is``, and ``M_ir``'s slope in the model of Y. A parallel model has
    one path per mediator. The total effect equals the direct effect plus
    the sum of the specific indirect effects. Sobel's ``z = ab / sqrt(b^2
    SE_a^2 + a^2 SE_b^2)`` uses the standard errors of ``paths``. The
    standardised effects divide by the standard deviation of Y (and multiply
    by that of X), recomputed in every resample. These are the SDs of X and
    Y themselves also when there are covariates; PROCESS 2.13 and later then
    use the SDs left after the covariates, so with covariates its
    standardised effects differ from these.

    ``mediation_type`` follows Zhao, Lynch & Chen (2010): an indirect
    effect is significant when its bootstrap interval excludes 0, the
    direct effect when its p-value is below ``sig_level``. Both significant:
    ``complementary`` when indirect and direct effect have the same sign,
    else ``competitive``; only the indirect: ``indirect_only``; only the
    direct: ``direct_only``; neither: ``no_effect``.

    References
    ----------
    Hayes, A. F. (2018). *Introduction to Mediation, Moderation, and
    Conditional Process Analysis* (2nd ed.). Guilford Press.

    Zhao, X., Lynch, J. G., & Chen, Q. (2010). Reconsidering Baron and
    Kenny: Myths and truths about mediation analysis. *Journal of Consumer
    Research*, 37(2), 197-206.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(3)
    >>> x = rng.normal(size=200)
    >>> m = 0.5 * x + rng.normal(size=200)
    >>> d = pd.DataFrame({"x": x, "m": m, "y": 0.4 * m + 0.2 * x + rng.normal(size=200)})
    >>> res = mediation(d, "x", "m", "y", bootstrap=2000, seed=1)
    >>> res.indirect[["effect", "estimate", "conf_low", "conf_high"]].round(4)
      effect  estimate  conf_low  conf_high
    0   ind1    0.2028    0.1216     0.2918
    >>> res.mediation_type
    'indirect_only'
    """
    meds = pathfit.names_of(m, "mediator")
    covs = pathfit.names_of(covariates, "covariates")
    _check_options(meds, serial, ci, method, sig_level)
    pathfit.check_roles([("X", x), ("Y", y)] + [("mediator", v) for v in meds]
                        + [("covariate", v) for v in covs])
    frame, n_excluded = pathfit.complete_cases(scores, [x, *meds, y, *covs])
    n = len(frame)
    pathfit.check_size(n, 2 + len(meds) + len(covs), f"model of {y}")
    fits = _fit_models(frame, x, meds, y, covs, serial, robust, sig_level)
    chains = indirect_chains(len(meds), serial)
    stat, V = indirect_statistic(frame[[x, *meds, y, *covs]].to_numpy(dtype=float), chains,
                                 len(meds), len(covs), serial)
    t0, ok = stat(V.sum(axis=0)[None, :], np.array([float(n)]))
    if not ok[0]:
        raise ModelError("the mediation model is singular (a constant or collinear variable)")
    run = sum_bootstrap(stat, V, t0[0], n_resamples=bootstrap, seed=seed, indices=indices, ci=ci,
                        method=method, undefined=UNDEFINED)
    low, high = run.low, run.high
    tables = _tables(fits, x, meds, y, chains, (t0[0], low, high, run.se), robust,
                     sig_level)
    sd_x, sd_y = (float(frame[c].std(ddof=1)) for c in (x, y))
    eff = tables["effects"].set_index("kind")
    n_paths = len(chains)
    return MediationResult(
        x=x, y=y, mediators=meds, covariates=covs, serial=bool(serial), n=n,
        n_excluded=n_excluded, total_effect=float(eff.at["total", "b"]),
        total_p_value=float(eff.at["total", "p_value"]),
        direct_effect=float(eff.at["direct", "b"]),
        direct_p_value=float(eff.at["direct", "p_value"]),
        indirect_effect=float(t0[0][n_paths]), indirect_conf_low=float(low[n_paths]),
        indirect_conf_high=float(high[n_paths]),
        mediation_type=classify(low[n_paths], high[n_paths], t0[0][n_paths],
                                eff.at["direct", "b"], eff.at["direct", "p_value"],
                                sig_level),
        sd_x=sd_x, sd_y=sd_y, n_resamples=run.n_resamples, n_failed=run.n_failed, seed=run.seed,
        ci=float(ci), method=method, robust=bool(robust), alpha=float(sig_level),
        replicates=frozen(run.replicates[:, :n_paths]), **tables)


def classify(conf_low: float, conf_high: float, indirect: float, direct: float,
             direct_p_value: float, alpha: float = 0.05) -> str:
    """Zhao, Lynch & Chen's (2010) mediation type, as a key of :data:`MEDIATION_TYPES`.

    The indirect effect counts when its interval excludes 0, the direct
    effect when ``direct_p_value < alpha``; both: ``complementary`` (same
    sign) or ``competitive``; else ``indirect_only``, ``direct_only`` or
    ``no_effect``.

    Examples
    --------
    >>> classify(0.1, 0.3, 0.2, -0.5, 0.001)
    'competitive'
    >>> classify(-0.1, 0.3, 0.1, 0.5, 0.2)
    'no_effect'
    """
    ind = bool(conf_low > 0 or conf_high < 0)
    dire = bool(direct_p_value < alpha)
    if ind and dire:
        return "complementary" if indirect * direct > 0 else "competitive"
    if ind:
        return "indirect_only"
    return "direct_only" if dire else "no_effect"


def parse_mediation(text: str) -> dict:
    """Read ``"X -> M -> Y"`` into the arguments of :func:`mediation`.

    Commas between the arrows list parallel mediators (``"X -> M1, M2 ->
    Y"``); more arrows chain serial mediators (``"X -> M1 -> M2 -> Y"``);
    ``"| C1, C2"`` at the end adds covariates.

    Returns
    -------
    dict
        Keys ``x``, ``m`` (list), ``y``, ``covariates`` (list), ``serial``.

    Raises
    ------
    ModelError
        The text is not of that form.

    Examples
    --------
    >>> parse_mediation("SMMA -> TRUST, IMAGE -> PI | AGE")
    {'x': 'SMMA', 'm': ['TRUST', 'IMAGE'], 'y': 'PI', 'covariates': ['AGE'], 'serial': False}
    """
    if not isinstance(text, str):
        raise ModelError(f"a mediation model must be text like 'X -> M -> Y', got {text!r}")
    body, bar, cov = text.partition("|")
    parts = [p.strip() for p in body.split("->")]
    covs = [c.strip() for c in cov.split(",")] if bar else []
    middle = [[v.strip() for v in p.split(",")] for p in parts[1:-1]]
    names = [parts[0], parts[-1], *covs, *(v for p in middle for v in p)]
    if len(parts) < 3 or any(not v or re.search(r"[,~*>|]", v) for v in names) \
            or (len(middle) > 1 and any(len(p) > 1 for p in middle)):
        raise ModelError(f"cannot read the mediation model {text!r}: write 'X -> M -> Y', "
                         f"'X -> M1, M2 -> Y' (parallel) or 'X -> M1 -> M2 -> Y' (serial), "
                         f"optionally followed by '| covariates'")
    return {"x": parts[0], "m": [v for p in middle for v in p], "y": parts[-1],
            "covariates": covs, "serial": len(middle) > 1}


# ----------------------------------------------------------------------------
# The reported regressions

def _check_options(meds, serial, ci, method, alpha) -> None:
    if not meds:
        raise ModelError("name at least one mediator")
    if serial and len(meds) > MAX_SERIAL:
        raise ModelError(f"a serial model takes at most {MAX_SERIAL} mediators, got {len(meds)}")
    if not isinstance(ci, (int, float)) or isinstance(ci, bool) or not 0 < ci < 1:
        raise DataError(f"ci must be a number between 0 and 1, got {ci!r}")
    check_method(method)
    check_alpha(alpha, ModelError)


def _fit_models(frame, x, meds, y, covs, serial, robust, alpha) -> list:
    """(model, dependent, predictors, fit) for each mediator, the outcome and the total."""
    out = []
    for i, med in enumerate(meds):
        preds = [x, *(meds[:i] if serial else ()), *covs]
        out.append(("mediator", med, preds, pathfit.fit(frame, med, preds, robust=robust,
                                                         alpha=alpha)))
    for model, preds in (("outcome", [x, *meds, *covs]), ("total", [x, *covs])):
        out.append((model, y, preds, pathfit.fit(frame, y, preds, robust=robust, alpha=alpha)))
    return out


def _path_label(model: str, term: str, x: str, meds, dep: str) -> str:
    if model == "total":
        return "c" if term == x else ""
    if model == "outcome":
        return "c_prime" if term == x else (f"b{meds.index(term) + 1}" if term in meds else "")
    i = meds.index(dep) + 1
    return f"a{i}" if term == x else (f"d{i}{meds.index(term) + 1}" if term in meds else "")


def _tables(fits, x, meds, y, chains, boot, robust, alpha) -> dict:
    import pandas as pd

    paths, models = [], []
    for model, dep, _, reg in fits:
        tab = pathfit.coefficient_table(reg, robust=robust, alpha=alpha)
        tab.insert(0, "path", [_path_label(model, str(t), x, meds, dep) for t in tab["term"]])
        tab.insert(0, "dependent", dep)
        tab.insert(0, "model", model)
        paths.append(tab)
        models.append({"model": model, "dependent": dep, **pathfit.model_summary(reg, robust=robust)})
    paths = pd.concat(paths, ignore_index=True)
    out = {"paths": paths, "models": pd.DataFrame(models)}
    out.update(_boot_tables(paths, x, meds, y, chains, boot, alpha))
    return out


def _boot_tables(paths, x, meds, y, chains, boot, alpha) -> dict:
    import pandas as pd
    from scipy.special import ndtr

    t0, low, high, se = boot
    P = len(chains)
    key = paths.set_index("path")
    direct, direct_p = float(key.at["c_prime", "b"]), float(key.at["c_prime", "p_value"])
    names = [f"ind{i + 1}" for i in range(P)] + ["total"]
    labels = [" -> ".join([x, *(meds[i] for i in c), y]) for c in chains] + ["total"]
    rows = ([P] if P > 1 else []) + list(range(P))      # the total first, as PROCESS
    pairs = list(combinations(range(P), 2))
    # columns of the statistic: effects, total, contrasts, partially, completely standardised
    std = {"std_partial": P + 1 + len(pairs), "std_complete": 2 * (P + 1) + len(pairs)}
    ind = pd.DataFrame({
        "effect": [names[j] for j in rows], "path": [labels[j] for j in rows],
        "estimate": t0[rows], "boot_se": se[rows], "conf_low": low[rows], "conf_high": high[rows],
        "significant": [bool(low[j] > 0 or high[j] < 0) for j in rows],
        "mediation_type": [classify(low[j], high[j], t0[j], direct, direct_p, alpha) for j in rows]})
    for name, start in std.items():
        cols = [start + j for j in rows]
        ind[name], ind[f"{name}_low"], ind[f"{name}_high"] = t0[cols], low[cols], high[cols]
    cols = [P + 1 + j for j in range(len(pairs))]
    con = pd.DataFrame({"contrast": [f"{names[i]} - {names[j]}" for i, j in pairs],
                        "estimate": t0[cols], "boot_se": se[cols], "conf_low": low[cols],
                        "conf_high": high[cols]})
    sob = []
    for j, c in enumerate(chains):
        if len(c) == 1:
            a = key.loc[f"a{c[0] + 1}"]
            b = key.loc[f"b{c[0] + 1}"]
            s = math.sqrt(b["b"] ** 2 * a["se"] ** 2 + a["b"] ** 2 * b["se"] ** 2)
            z = a["b"] * b["b"] / s
            sob.append({"effect": names[j], "mediator": meds[c[0]], "a": a["b"], "se_a": a["se"],
                        "b": b["b"], "se_b": b["se"], "estimate": a["b"] * b["b"], "se": s,
                        "z": z, "p_value": float(2.0 * ndtr(-abs(z)))})
    eff = key.loc[["c", "c_prime"], ["b", "se", "t", "p_value", "conf_low", "conf_high"]]
    eff = pd.concat([eff, pd.DataFrame([{"b": t0[P], "se": se[P], "t": math.nan,
                                         "p_value": math.nan, "conf_low": low[P],
                                         "conf_high": high[P]}])], ignore_index=True)
    eff.insert(0, "kind", ["total", "direct", "indirect"])
    return {"indirect": ind, "sobel": pd.DataFrame(sob, columns=[
        "effect", "mediator", "a", "se_a", "b", "se_b", "estimate", "se", "z", "p_value"]),
        "contrasts": con, "effects": eff}
