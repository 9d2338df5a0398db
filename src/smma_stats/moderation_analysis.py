"""Moderation analysis: Hayes' PROCESS model 1 (moderated regression analysis).

Does the effect of X on Y depend on a moderator W? Y is regressed on X, W
and their product (and covariates); the product's slope tests the
interaction, and the change in R Square when it enters is its effect size.
The effect of X at a value ``w`` of the moderator is ``b_X + b_XW w``; it
is probed at chosen values of W (pick-a-point) and over W's whole range by
the Johnson-Neyman technique, which finds the values of W where that
conditional effect turns significant.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import pathfit
from .errors import DataError, ModelError
from .keywords import SigLevelAlias, older_keywords
from .model_frame import check_alpha
from .results import ResultMixin, array_field

#: How W (and X, for the figure) is probed: mean and mean -/+ SD, or the
#: 16th, 50th and 84th percentiles. A variable with two values is probed at both.
PROBES = ("pick-a-point", "percentiles")

#: Columns of :attr:`ModerationResult.conditional_effects` and of
#: :meth:`ModerationResult.conditional_effect`.
CONDITIONAL_COLUMNS = ("w", "effect", "se", "t", "p_value", "conf_low", "conf_high")


@dataclass(frozen=True)
class ModerationResult(SigLevelAlias, ResultMixin):
    """A moderated regression: the interaction, its probing and plot data.

    Attributes
    ----------
    x, w, y : str
        Focal predictor, moderator and dependent variable.
    covariates : tuple of str
    product : str
        Name of the product term in ``coefficients`` (``"x*w"``).
    center : bool
        X and W were mean-centred before the product was formed; every W
        value reported is then a centred value.
    robust : bool
        HC3 standard errors and HC3 Wald F tests.
    probe : str
        Key of :data:`PROBES`.
    alpha : float
        The significance level (also readable as ``sig_level``).
    n, n_excluded : int
    r, r2, mse, f, df1, df2, p_value : float
        The model summary (``f`` the HC3 Wald F when robust).
    interaction, interaction_p_value : float
        ``b`` of the product and its p-value.
    w_dichotomous : bool
        W takes two values: it is probed at both and has no
        Johnson-Neyman points.
    w_min, w_max : float
        Observed range of W (centred when ``center``).
    t_critical : float
        Two-tailed critical t of the conditional effects' limits and of the
        Johnson-Neyman points.
    coefficients : pandas.DataFrame
        ``term, b, se, t, p_value, conf_low, conf_high``.
    r2_change : pandas.DataFrame
        ``term, r2_change, f, df1, df2, p_value`` for the product.
    conditional_effects : pandas.DataFrame
        ``w, effect, se, t, p_value, conf_low, conf_high`` at the probed W.
    johnson_neyman : pandas.DataFrame
        ``w, effect, se, t, p_value, conf_low, conf_high, pct_below,
        pct_above``: each point inside W's observed range where the
        conditional effect's p equals ``alpha``, with the percent of cases
        whose W lies below and above it. Empty when there is none.
    simple_slopes : pandas.DataFrame
        ``w, x, y_hat``: predicted Y at the probed X for each probed W,
        covariates at their means; the data of the simple-slopes figure.
    covariance : numpy.ndarray
        Covariance (HC3 when robust) of the X, W and product slopes; left
        out of :meth:`to_dict`.
    """

    x: str
    w: str
    y: str
    covariates: tuple[str, ...]
    product: str
    center: bool
    robust: bool
    probe: str
    alpha: float
    n: int
    n_excluded: int
    r: float
    r2: float
    mse: float
    f: float
    df1: int
    df2: int
    p_value: float
    interaction: float
    interaction_p_value: float
    w_dichotomous: bool
    w_min: float
    w_max: float
    t_critical: float
    coefficients: Any = field(repr=False, compare=False)
    r2_change: Any = field(repr=False, compare=False)
    conditional_effects: Any = field(repr=False, compare=False)
    johnson_neyman: Any = field(repr=False, compare=False)
    simple_slopes: Any = field(repr=False, compare=False)
    covariance: Any = array_field(default=None)

    _title = "Moderation analysis"

    def conditional_effect(self, w_values):
        """The effect of X at any values of W, with SE, t, p and limits.

        Returns
        -------
        pandas.DataFrame
            Columns :data:`CONDITIONAL_COLUMNS`.
        """
        import pandas as pd
        from scipy.special import stdtr

        b = self.coefficients.set_index("term")["b"]
        wv = np.atleast_1d(np.asarray(w_values, dtype=float))
        V = np.asarray(self.covariance)
        effect = b[self.x] + b[self.product] * wv
        se = np.sqrt(V[0, 0] + 2.0 * wv * V[0, 2] + wv * wv * V[2, 2])
        t = effect / se
        return pd.DataFrame({
            "w": wv, "effect": effect, "se": se, "t": t,
            "p_value": 2.0 * stdtr(self.df2, -np.abs(t)),
            "conf_low": effect - self.t_critical * se,
            "conf_high": effect + self.t_critical * se}, columns=list(CONDITIONAL_COLUMNS))


@older_keywords(alpha="sig_level")
def moderation(scores, x: str, w: str, y: str, covariates=(), *, center: bool = False,
               robust: bool = False, probe: str = "pick-a-point",
               sig_level: float = 0.05) -> ModerationResult:
    """Does W moderate the effect of X on Y? (PROCESS model 1.)

    Parameters
    ----------
    scores : pandas.DataFrame
        One row per case, one numeric column per variable.
    x, w, y : str
        Focal predictor, moderator and dependent variable.
    covariates : sequence of str, optional
    center : bool, default False
        Mean-centre X and W and form the product from the centred values
        (PROCESS's ``center=1``).
    robust : bool, default False
        HC3 standard errors and HC3 Wald F tests (PROCESS's ``hc3=1``).
    probe : {"pick-a-point", "percentiles"}, default "pick-a-point"
        Probe a continuous W at its mean and mean -/+ one SD, or at its
        16th, 50th and 84th percentiles. A W with two values is probed at both.
    sig_level : float, default 0.05
        Significance level of the tests, the limits and the Johnson-Neyman
        points (older keyword: ``alpha``).

    Returns
    -------
    ModerationResult

    Raises
    ------
    ModelError
        A variable has two roles, a column is unknown, too few cases, or
        a bad ``probe`` or ``sig_level``.
    DataError
        A column holds text, or W is constant.

    Notes
    -----
    The conditional effect of X at ``w`` is ``theta(w) = b1 + b3 w`` with
    ``se^2 = V11 + 2 w V13 + w^2 V33`` from the coefficients' covariance
    (HC3 when ``robust``). The Johnson-Neyman points solve ``theta(w)^2 =
    t_crit^2 se(w)^2``, a quadratic in ``w``; the roots inside W's observed
    range are reported with the percent of cases below and above each.
    The R Square change is that of adding the product to the model with X,
    W and the covariates; its F is ``dR2 / ((1 - R2) / df2)``, or with
    ``robust`` the HC3 Wald F of the product (its robust t squared).
    Percentiles are numpy's default (linear interpolation between order
    statistics, R's type 7). Probe values are used as computed, also when
    mean - SD falls below W's smallest observed value.

    References
    ----------
    Hayes, A. F. (2018). *Introduction to Mediation, Moderation, and
    Conditional Process Analysis* (2nd ed.). Guilford Press.

    Johnson, P. O., & Neyman, J. (1936). Tests of certain linear hypotheses
    and their application to some educational problems. *Statistical
    Research Memoirs*, 1, 57-93.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(5)
    >>> x, w = rng.normal(size=300), rng.normal(size=300)
    >>> d = pd.DataFrame({"x": x, "w": w, "y": 0.3 * x + 0.2 * w + 0.25 * x * w
    ...                   + rng.normal(size=300)})
    >>> res = moderation(d, "x", "w", "y")
    >>> res.conditional_effects[["w", "effect", "p_value"]].round(4)
            w  effect  p_value
    0 -1.0203 -0.0964   0.3104
    1 -0.0254  0.2322   0.0002
    2  0.9696  0.5608   0.0000
    >>> res.johnson_neyman[["w", "pct_below", "pct_above"]].round(4)
            w  pct_below  pct_above
    0 -1.4283     8.3333    91.6667
    1 -0.3301    37.3333    62.6667
    """
    covs = pathfit.names_of(covariates, "covariates")
    if probe not in PROBES:
        raise ModelError(f"probe must be 'pick-a-point' or 'percentiles', got {probe!r}")
    check_alpha(sig_level, ModelError)
    pathfit.check_roles([("X", x), ("W", w), ("Y", y)] + [("covariate", c) for c in covs])
    frame, n_excluded = pathfit.complete_cases(scores, [x, w, y, *covs])
    n = len(frame)
    pathfit.check_size(n, 4 + len(covs), f"model of {y}")
    if center:
        frame[x] = frame[x] - frame[x].mean()
        frame[w] = frame[w] - frame[w].mean()
    if frame[w].nunique() < 2:
        raise DataError(f"the moderator {w!r} is constant")
    product = _product_name(x, w, covs)
    frame[product] = frame[x] * frame[w]
    full = pathfit.fit(frame, y, [x, w, product, *covs], robust=robust, alpha=sig_level)
    reduced = pathfit.fit(frame, y, [x, w, *covs], robust=False, alpha=sig_level)
    coef = pathfit.coefficient_table(full, robust=robust, alpha=sig_level)
    V = pathfit.covariance(full, robust=robust)[np.ix_([1, 2, 3], [1, 2, 3])]
    summary = pathfit.model_summary(full, robust=robust)
    wv = frame[w].to_numpy()
    res = ModerationResult(
        x=x, w=w, y=y, covariates=covs, product=product, center=bool(center),
        robust=bool(robust), probe=probe, alpha=float(sig_level), n=n, n_excluded=n_excluded,
        **summary, interaction=float(coef.at[3, "b"]),
        interaction_p_value=float(coef.at[3, "p_value"]),
        w_dichotomous=bool(len(np.unique(wv)) == 2), w_min=float(wv.min()),
        w_max=float(wv.max()), t_critical=float(full.t_critical),
        coefficients=coef, r2_change=_r2_change(full, reduced, coef, product, robust),
        conditional_effects=None, johnson_neyman=None, simple_slopes=None, covariance=V)
    probes = probe_values(wv, probe)
    return _with_tables(res, probes, probe_values(frame[x].to_numpy(), probe), wv,
                        {c: float(frame[c].mean()) for c in covs})


def probe_values(values, probe: str = "pick-a-point") -> np.ndarray:
    """The values at which a variable is probed: its two values, or three.

    Examples
    --------
    >>> probe_values([1, 2, 3, 4, 5]).round(4)
    array([1.4189, 3.    , 4.5811])
    >>> probe_values([0, 1, 1, 0, 1])
    array([0., 1.])
    """
    v = np.asarray(values, dtype=float)
    distinct = np.unique(v)
    if len(distinct) == 2:
        return distinct
    if probe == "percentiles":
        return np.percentile(v, [16.0, 50.0, 84.0])
    m, s = v.mean(), v.std(ddof=1)
    return np.array([m - s, m, m + s])


def johnson_neyman_points(b_x: float, b_xw: float, cov, t_critical: float,
                          w_min: float = -math.inf, w_max: float = math.inf) -> np.ndarray:
    """Values of W where the conditional effect of X has ``|t| = t_critical``.

    Solves ``(b_x + b_xw w)^2 = t^2 (V11 + 2 w V13 + w^2 V33)`` for ``w``,
    with ``cov`` the 3 x 3 covariance of the X, W and product slopes (only
    the X and product entries are used), and keeps the real roots inside
    ``[w_min, w_max]``, sorted.

    Examples
    --------
    >>> V = [[0.01, 0, 0.001], [0, 1, 0], [0.001, 0, 0.0064]]
    >>> johnson_neyman_points(0.2, 0.4, V, 1.96).round(4)
    array([-1.1143, -0.0105])
    >>> johnson_neyman_points(0.2, 0.4, V, 1.96, w_min=-1, w_max=3).round(4)
    array([-0.0105])
    """
    V = np.asarray(cov, dtype=float)
    tc2 = t_critical * t_critical
    qa = b_xw * b_xw - tc2 * V[2, 2]
    qb = 2.0 * (b_x * b_xw - tc2 * V[0, 2])
    qc = b_x * b_x - tc2 * V[0, 0]
    if abs(qa) <= 1e-14 * max(b_xw * b_xw, tc2 * V[2, 2]):
        roots = np.array([-qc / qb]) if qb != 0 else np.array([])
    else:
        disc = qb * qb - 4.0 * qa * qc
        if disc < 0:
            return np.array([])
        sq = math.sqrt(disc)
        # the root formula without cancellation: q = -(b + sign(b) sqrt(disc)) / 2
        q = -0.5 * (qb + math.copysign(sq, qb))
        roots = np.array([q / qa, qc / q]) if q != 0 else np.array([0.0])
    roots = np.unique(roots)
    return roots[(roots >= w_min) & (roots <= w_max)]


def parse_moderation(text: str) -> dict:
    """Read ``"Y ~ X * W"`` (optionally ``+ covariates``) into :func:`moderation`'s arguments.

    Returns
    -------
    dict
        Keys ``y``, ``x``, ``w``, ``covariates`` (list).

    Raises
    ------
    ModelError
        The text is not of that form.

    Examples
    --------
    >>> parse_moderation("PI ~ SMMA * AGE + GENDER")
    {'y': 'PI', 'x': 'SMMA', 'w': 'AGE', 'covariates': ['GENDER']}
    """
    form = "write 'Y ~ X * W', optionally followed by '+ covariates'"
    if not isinstance(text, str) or text.count("~") != 1:
        raise ModelError(f"cannot read the moderation model {text!r}: {form}")
    lhs, rhs = (s.strip() for s in text.split("~"))
    terms = [t.strip() for t in rhs.split("+")]
    factors = [f.strip() for f in terms[0].split("*")]
    names = [lhs, *factors, *terms[1:]]
    if len(factors) != 2 or any(not v or re.search(r"[*~>|,]", v) for v in names):
        raise ModelError(f"cannot read the moderation model {text!r}: {form}")
    return {"y": lhs, "x": factors[0], "w": factors[1], "covariates": terms[1:]}


# ----------------------------------------------------------------------------

def _product_name(x: str, w: str, covs) -> str:
    name = f"{x}*{w}"
    while name in covs:
        name += "_"
    return name


def _r2_change(full, reduced, coef, product: str, robust: bool):
    import pandas as pd
    from scipy.special import fdtrc

    change = float(full.r2 - reduced.r2)
    df2 = int(full.df_residual)
    if robust:
        f = float(coef.at[3, "t"]) ** 2
    else:
        f = change / ((1.0 - full.r2) / df2)
    return pd.DataFrame([{"term": product, "r2_change": change, "f": f, "df1": 1, "df2": df2,
                          "p_value": float(fdtrc(1, df2, f))}])


def _with_tables(res: ModerationResult, w_probe, x_probe, wv, cov_means) -> ModerationResult:
    import dataclasses

    import pandas as pd

    b = res.coefficients.set_index("term")["b"]
    points = np.array([]) if res.w_dichotomous else johnson_neyman_points(
        float(b[res.x]), res.interaction, res.covariance, res.t_critical, res.w_min, res.w_max)
    jn = res.conditional_effect(points)
    jn["pct_below"] = [100.0 * float(np.mean(wv < p)) for p in points]
    jn["pct_above"] = [100.0 * float(np.mean(wv > p)) for p in points]
    base = b.iloc[0] + sum(b[c] * m for c, m in cov_means.items())
    slopes = pd.DataFrame([{"w": wi, "x": xi,
                            "y_hat": base + b[res.x] * xi + b[res.w] * wi + b[res.product] * xi * wi}
                           for wi in w_probe for xi in x_probe], columns=["w", "x", "y_hat"])
    return dataclasses.replace(res, conditional_effects=res.conditional_effect(w_probe), johnson_neyman=jn,
                               simple_slopes=slopes)
