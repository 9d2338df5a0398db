"""The result of a PLS-SEM estimation: tidy tables and a JSON layout."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..keywords import SigLevelAlias
from ..results import ResultMixin, jsonable

_TABLES = ("reliability", "loadings", "hoc", "fornell_larcker", "htmt", "cross_loadings",
           "paths", "r2", "effects", "fit", "predict")


@dataclass(frozen=True)
class PlsResult(SigLevelAlias, ResultMixin):
    """A PLS path model as SmartPLS reports it.

    Attributes
    ----------
    n : int
        Cases used.
    n_missing, n_dropped : int
        Missing cells found; cases dropped (casewise deletion).
    missing : {"mean", "casewise"}
    scheme : {"path", "factorial", "centroid"}
    consistent : bool
        Consistent PLS (PLSc) corrections applied.
    hoc : str
        ``"none"``, ``"repeated_indicators"``, ``"two_stage_embedded"`` or
        ``"two_stage_disjoint"``.
    converged : bool
        False when the iterations hit ``max_iter`` (the estimates are then
        those of the last iteration).
    iterations : int
    n_resamples, n_failed : int
        Bootstrap resamples drawn (0 without a bootstrap) and those that
        could not be estimated (left out).
    seed : int or None
    ci_method : {"percentile", "bca"}
    one_tailed : bool
    alpha : float
        The significance level of the limits and decisions (also readable as
        ``sig_level``); the ``alpha`` column of ``reliability`` is Cronbach's.
    reliability : DataFrame
        ``construct, mode, alpha, rho_a, rho_c, ave`` (NaN for Mode B).
    loadings : DataFrame
        ``construct, item, mode, loading, loading_se ... loading_conf_high,
        weight, weight_se ... weight_conf_high, indicator_reliability, vif``.
    hoc_loadings : DataFrame
        ``construct, dimension, loading, weight, se, t, p_value, conf_low,
        conf_high`` for higher-order constructs (empty otherwise).
    fornell_larcker : DataFrame
        Square root of AVE on the diagonal, score correlations below it.
    htmt : DataFrame
        ``a, b, htmt, se, t, p_value, conf_low, conf_high``.
    cross_loadings : DataFrame
        ``item`` and one column per construct.
    paths : DataFrame
        ``from, to, beta, se, t, p_value, conf_low, conf_high, f2, vif,
        decision`` (``"supported"`` when p < alpha, ``"not_supported"``,
        None without a bootstrap).
    r2 : DataFrame
        ``construct, r2, adj_r2, se, t, p_value, conf_low, conf_high``.
    effects : DataFrame
        ``from, through, to, kind, estimate, se, t, p_value, conf_low,
        conf_high``; ``kind`` is ``total``, ``total_indirect`` or
        ``specific_indirect`` (``through`` lists the mediators).
    fit : DataFrame
        ``measure`` (``srmr``, ``nfi``), ``saturated``, ``estimated``.
    predict : DataFrame
        ``item, construct, q2_predict, pls_rmse, pls_mae, lm_rmse, lm_mae``.
    scores : DataFrame
        Standardised construct scores, one row per case used, indexed like the
        data; left out of :meth:`to_dict` and :meth:`summary`.
    """

    n: int
    n_missing: int
    n_dropped: int
    missing: str
    scheme: str
    hoc: str
    consistent: bool
    converged: bool
    iterations: int
    n_resamples: int
    n_failed: int
    seed: int | None
    ci_method: str
    one_tailed: bool
    alpha: float
    reliability: Any
    loadings: Any
    hoc_loadings: Any
    fornell_larcker: Any
    htmt: Any
    cross_loadings: Any
    paths: Any
    r2: Any
    effects: Any
    fit: Any
    predict: Any
    scores: Any
    predict_folds: int = 10
    predict_repetitions: int = 10

    _title = "PLS-SEM"

    def _tables(self) -> dict[str, Any]:
        out = {}
        for name in ("reliability", "loadings", "hoc_loadings", "fornell_larcker", "htmt",
                     "paths", "r2", "effects", "fit", "predict"):
            df = getattr(self, name)
            if df is not None and len(df):
                out[name] = df
        return out

    def to_dict(self) -> dict:
        """JSON layout (snake_case): constructs, discriminant validity, paths, effects."""
        return jsonable({
            "n": self.n, "n_missing": self.n_missing, "n_dropped": self.n_dropped,
            "missing": self.missing, "scheme": self.scheme, "hoc": self.hoc,
            "consistent": self.consistent,
            "converged": self.converged, "iterations": self.iterations,
            "constructs": self._constructs_dict(),
            "hoc_loadings": _records(self.hoc_loadings),
            "fornell_larcker": _records(self.fornell_larcker),
            "htmt": _records(self.htmt[["a", "b", "htmt", "conf_low", "conf_high"]]),
            "paths": _records(self.paths[["from", "to", "beta", "se", "t", "p_value",
                                          "conf_low", "conf_high", "f2"]]),
            "r2": {r["construct"]: {"r2": r["r2"], "adj_r2": r["adj_r2"]}
                   for r in _records(self.r2)},
            "effects": _records(self.effects),
            "fit": {r["measure"]: {"saturated": r["saturated"], "estimated": r["estimated"]}
                    for r in _records(self.fit)},
            "predict": _records(self.predict),
            "bootstrap": {"n_resamples": self.n_resamples, "seed": self.seed,
                          "method": self.ci_method, "n_failed": self.n_failed,
                          "one_tailed": self.one_tailed, "alpha": self.alpha},
        })

    def _constructs_dict(self) -> dict:
        out = {}
        for r in _records(self.reliability):
            items = self.loadings[self.loadings["construct"] == r["construct"]]
            out[r["construct"]] = {
                "mode": r["mode"], "alpha": r["alpha"], "rho_a": r["rho_a"],
                "rho_c": r["rho_c"], "ave": r["ave"],
                "items": [{"item": it["item"], "loading": it["loading"], "weight": it["weight"],
                           "vif": it["vif"]} for it in _records(items)]}
        return out


def _records(df) -> list[dict]:
    if df is None:
        return []
    recs = df.to_dict(orient="records")
    return [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
            for r in recs]
