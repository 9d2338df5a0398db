"""``pls()``: estimate a PLS path model and assemble its :class:`PlsResult`."""

from __future__ import annotations

import numbers

import numpy as np

from ..errors import DataError, ModelError
from ..keywords import older_keywords
from .data import prepare
from .estimate import MAX_ITER, TOLERANCE
from .fitted import fit_sample
from .hoc import approach_key, disjoint_stage1, repeated_model, split_spec, stage2_model
from .model import PlsModel, path_pairs
from .result import PlsResult
from . import tables


@older_keywords(alpha="sig_level")
def pls(data, model=None, *, instrument=None, measurement=None, modes=None,
        hoc: str = "repeated", scheme: str = "path", bootstrap: int = 0, seed=None,
        ci: str = "percentile", one_tailed: bool = False, missing: str = "mean",
        missing_codes=(), sig_level: float = 0.05, consistent: bool = False,
        predict: bool = True, folds: int = 10,
        repetitions: int = 10, max_iter: int = MAX_ITER, tol: float = TOLERANCE) -> PlsResult:
    """Estimate a PLS-SEM model as SmartPLS reports it.

    Parameters
    ----------
    data : pandas.DataFrame or Responses
        One row per case; the indicator columns must be numeric. What
        :func:`~smma_stats.readers.read_responses` returns is taken too: its
        items, and its instrument when none is given.
    model : list of str, dict or PlsModel, optional
        Structural formulas such as ``["CUSA ~ COMP + LIKE", "CUSL ~ CUSA"]``
        (indicators from ``measurement`` or ``instrument``), or a dict with
        keys ``paths``, ``measurement`` and optionally ``modes``. Default:
        the instrument's first model.
    instrument : smma_stats.instrument.Instrument, optional
        Gives the indicators of every construct and dimension; a construct
        with dimensions becomes a second-order construct.
    measurement : dict of str to list of str, optional
        Indicators of each construct. A construct whose indicators are other
        constructs is higher-order.
    modes : dict of str to {"A", "B"}, optional
        Mode B (formative) constructs; Mode A (reflective) elsewhere.
    hoc : {"repeated", "two-stage", "two-stage-disjoint"}
        Approach to higher-order constructs (ignored without one);
        "two-stage" is the embedded two-stage approach.
    scheme : {"path", "factorial", "centroid"}
        Inner weighting scheme.
    bootstrap : int, default 0
        Resamples for standard errors, t, p and confidence limits (SmartPLS
        suggests 5000); 0 skips the bootstrap.
    seed : int, optional
        Seed of the bootstrap draws and of the PLSpredict folds.
    ci : {"percentile", "bca"}
    one_tailed : bool
        One-tailed p-values (half the two-tailed) and ``1 - 2 sig_level`` limits.
    missing : {"mean", "casewise"}
        Mean replacement or casewise deletion.
    missing_codes : sequence of numbers
        Values that stand for a missing answer, e.g. ``(-99,)``.
    sig_level : float, default 0.05
        Significance level of the confidence limits and the path decisions
        (older keyword: ``alpha``).
    consistent : bool, default False
        Consistent PLS (PLSc; Dijkstra & Henseler, 2015): every Mode A
        construct with two or more indicators is taken as a common factor;
        its loadings become ``c w`` and its correlations with the other
        constructs are divided by ``sqrt(rho_A)``, so paths, R2, effects,
        f2, rho_C, AVE and the fit follow. PLSpredict keeps the PLS estimates.
    predict : bool
        Run PLSpredict (``folds``-fold, ``repetitions`` times).
    max_iter, tol : int, float
        Iteration limit and stop criterion (sum of absolute changes of the
        outer weights).

    Returns
    -------
    PlsResult

    Notes
    -----
    Two-stage approaches bootstrap the second stage, with the lower-order
    construct scores of the first stage held fixed. f2 comes from the full
    model's construct scores (see :func:`smma_stats.pls_sem.structural.f_squared`).

    References
    ----------
    Lohmöller, J.-B. (1989). *Latent variable path modeling with partial least
    squares*. Physica.

    Dijkstra, T. K., & Henseler, J. (2015). Consistent partial least squares
    path modeling. *MIS Quarterly*, 39(2), 297-316.

    Henseler, J., Ringle, C. M., & Sarstedt, M. (2015). A new criterion for
    assessing discriminant validity in variance-based structural equation
    modeling. *Journal of the Academy of Marketing Science*, 43, 115-135.

    Shmueli, G., Sarstedt, M., Hair, J. F., Cheah, J.-H., Ting, H.,
    Vaithilingam, S., & Ringle, C. M. (2019). Predictive model assessment in
    PLS-SEM: guidelines for using PLSpredict. *European Journal of
    Marketing*, 53(11), 2322-2347.

    Hair, J. F., Hult, G. T. M., Ringle, C. M., & Sarstedt, M. (2022). *A
    primer on partial least squares structural equation modeling (PLS-SEM)*
    (3rd ed.). Sage.

    Examples
    --------
    >>> import pandas as pd
    >>> from smma_stats.pls_sem import pls
    >>> d = pd.read_csv("tests/data/pls_corp_rep.csv")  # doctest: +SKIP
    >>> res = pls(d, ["CUSA ~ COMP + LIKE", "CUSL ~ COMP + LIKE + CUSA"],
    ...           measurement={"COMP": ["comp_1", "comp_2", "comp_3"],
    ...                        "LIKE": ["like_1", "like_2", "like_3"],
    ...                        "CUSA": ["cusa"], "CUSL": ["cusl_1", "cusl_2", "cusl_3"]},
    ...           missing_codes=[-99], seed=1)  # doctest: +SKIP
    >>> res.paths[["from", "to", "beta"]].round(4)  # doctest: +SKIP
       from    to    beta
    0  COMP  CUSA  0.1621
    1  LIKE  CUSA  0.4239
    2  COMP  CUSL  0.0092
    3  LIKE  CUSL  0.3421
    4  CUSA  CUSL  0.5045
    """
    from ..bootstrap import METHODS
    from ..resampling import random_seed

    if hasattr(data, "items") and hasattr(data, "attributes"):     # read_responses' result
        instrument = instrument if instrument is not None else data.instrument
        data = data.items
    _check_options(bootstrap, ci, sig_level, METHODS)
    seed = random_seed() if seed is None else seed
    spec = split_spec(*_resolve(model, instrument, measurement, modes))
    approach = approach_key(hoc) if spec.dimensions else "none"
    opts = dict(scheme=scheme, tol=tol, max_iter=max_iter, consistent=bool(consistent))
    stage = _estimate(data, spec, approach, missing, missing_codes, opts)
    fitted = stage["fitted"]
    boot = None
    if bootstrap:
        from .bootstrap import infer
        boot = infer(fitted.ind.z, fitted.plan.compute, fitted.t0, fitted.layout, scheme,
                     n_resamples=int(bootstrap), seed=seed, method=ci, alpha=sig_level,
                     one_tailed=one_tailed, tol=tol, max_iter=max_iter)
    look = tables.boot_lookup(fitted, boot)
    pred = None
    if predict:
        from .predict import pls_predict
        targets = [c for c in fitted.model.endogenous if c not in stage["locs"]]
        pred = pls_predict(fitted.ind.raw, fitted.model, fitted.layout, scheme, k=folds,
                           repetitions=repetitions, seed=seed, targets=targets, tol=tol,
                           max_iter=max_iter)
    return _assemble(stage, spec, approach, look, pred, boot, seed,
                     dict(missing=missing, ci=ci, one_tailed=one_tailed, alpha=sig_level,
                          folds=folds, repetitions=repetitions, consistent=bool(consistent)))


def _check_options(bootstrap, ci, alpha, methods) -> None:
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, numbers.Integral) \
            or bootstrap < 0 or bootstrap == 1:
        raise DataError(f"bootstrap must be 0 or a whole number of at least 2, got {bootstrap!r}")
    if ci not in methods:
        raise DataError(f"ci must be 'percentile' or 'bca', got {ci!r}")
    if not isinstance(alpha, (int, float)) or not 0 < alpha < 0.5:
        raise DataError("the significance level (sig_level) must be between 0 and 0.5, "
                        f"got {alpha!r}")


def _resolve(model, instrument, measurement, modes):
    """(pairs, measurement, modes) from the arguments, the instrument filling gaps."""
    if isinstance(model, PlsModel):
        return model.paths, dict(model.indicators), dict(model.modes)
    if isinstance(model, dict):
        unknown = set(model) - {"paths", "measurement", "modes"}
        if unknown:
            raise ModelError(f"a model dict takes 'paths', 'measurement' and 'modes', "
                             f"not {sorted(unknown)[0]!r}")
        measurement = model.get("measurement", measurement)
        modes = model.get("modes", modes)
        model = model.get("paths")
    if model is None:
        if instrument is None or not instrument.models:
            raise ModelError("give the structural model (e.g. ['PI ~ SMMA']) or an "
                             "instrument with a model")
        m = instrument.models[0]
        model = [f"{m.dependent} ~ {' + '.join(m.predictors)}"]
    pairs = path_pairs(model)
    if measurement is None:
        if instrument is None:
            raise ModelError("give the measurement model (construct -> indicators) or an "
                             "instrument")
        measurement = _instrument_measurement(instrument, pairs)
    return pairs, dict(measurement), dict(modes or {})


def _instrument_measurement(instrument, pairs) -> dict:
    """Indicators of each named construct; constructs with dimensions become HOCs."""
    names = list(dict.fromkeys(n for p in pairs for n in p))
    out = {}
    for name in names:
        con = instrument.constructs.get(name)
        if con is not None and con.dimensions:
            out[name] = [d.name for d in con.dimensions]
            for d in con.dimensions:
                out[d.name] = list(d.item_ids)
        elif con is not None:
            out[name] = list(con.item_ids)
        elif name in instrument.dimensions:
            out[name] = list(instrument.dimensions[name].item_ids)
        else:
            raise ModelError(f"the path names {name!r}, which is not a construct or "
                             f"dimension of the instrument")
    return out


def _estimate(data, spec, approach, missing, codes, opts) -> dict:
    """Estimate the model (both stages for a two-stage approach)."""
    import pandas as pd

    locs = {loc for ls in spec.dimensions.values() for loc in ls}
    if approach in ("none", "repeated_indicators"):
        model = repeated_model(spec)
        ind = prepare(data, model.columns, missing, codes)
        fitted = fit_sample(ind, model, opts["scheme"], opts["tol"], opts["max_iter"],
                            exclude_targets=locs, htmt_skip=set(spec.dimensions),
                            consistent=opts["consistent"])
        return {"fitted": fitted, "first": None, "locs": locs}
    first_model = repeated_model(spec) if approach == "two_stage_embedded" \
        else disjoint_stage1(spec)
    ind1 = prepare(data, first_model.columns, missing, codes)
    first = fit_sample(ind1, first_model, opts["scheme"], opts["tol"], opts["max_iter"],
                       htmt_skip=set(spec.dimensions), consistent=opts["consistent"])
    model2 = stage2_model(spec)
    frame = pd.DataFrame(ind1.raw, columns=list(first_model.columns))
    scores = first.scores
    for loc in locs:
        frame[loc] = scores[:, first_model.constructs.index(loc)]
    ind2 = prepare(frame, model2.columns, "mean", ())
    fitted = fit_sample(ind2, model2, opts["scheme"], opts["tol"], opts["max_iter"],
                        consistent=opts["consistent"])
    return {"fitted": fitted, "first": first, "locs": set()}


def _assemble(stage, spec, approach, look, pred, boot, seed, o) -> PlsResult:
    import pandas as pd

    f, first = stage["fitted"], stage["first"]
    hoc_paths = {(h, loc) for h, ls in spec.dimensions.items() for loc in ls}
    source = first or f
    return PlsResult(
        n=f.ind.n, n_missing=source.ind.n_missing, n_dropped=source.ind.n_dropped,
        missing=o["missing"], scheme=f.scheme, hoc=approach, consistent=o["consistent"],
        converged=f.converged and source.converged, iterations=f.iterations,
        n_resamples=boot.n_resamples if boot else 0, n_failed=boot.n_failed if boot else 0,
        seed=seed, ci_method=o["ci"], one_tailed=o["one_tailed"], alpha=o["alpha"],
        **_measurement_tables(f, first, spec, look),
        hoc_loadings=tables.hoc_table(f, look, spec.dimensions, approach),
        paths=tables.paths_table(f, look, hoc_paths, o["alpha"]),
        r2=tables.r2_table(f, look, skip=stage["locs"]), effects=tables.effects_table(f, look),
        fit=tables.fit_table(f), predict=_predict_frame(pred),
        scores=pd.DataFrame(f.scores, columns=list(f.model.constructs),
                            index=pd.Index(list(source.ind.rows))),
        predict_folds=o["folds"], predict_repetitions=o["repetitions"])


def _measurement_tables(f, first, spec, look) -> dict:
    """Reliability, loadings and discriminant validity; both stages of a two-stage fit.

    A two-stage result takes the lower-order constructs' items, reliability
    and HTMT from stage 1 (without bootstrap: stage 1 is not resampled) and
    the rest from stage 2.
    """
    import pandas as pd

    hocs = set(spec.dimensions)
    if first is None:
        extra = [tables.hoc_reliability(f, h, ls) for h, ls in spec.dimensions.items()]
        rel = tables.reliability_table(f, skip=hocs, extra=extra)
        return {"reliability": rel, "loadings": tables.loadings_table(f, look),
                "fornell_larcker": tables.fornell_larcker_table(f, rel, skip=hocs),
                "htmt": tables.htmt_table(f, look),
                "cross_loadings": tables.cross_loadings_table(f, skip=hocs)}
    locs = {loc for ls in spec.dimensions.values() for loc in ls}
    not_loc = set(first.model.constructs) - locs
    no_look = tables.boot_lookup(first, None)
    rel = pd.concat([tables.reliability_table(first, skip=not_loc),
                     tables.reliability_table(f)], ignore_index=True)
    load = pd.concat([tables.loadings_table(first, no_look, skip=not_loc),
                      tables.loadings_table(f, look, skip=hocs)], ignore_index=True)
    ht2 = tables.htmt_table(f, look)
    ht2 = ht2[ht2.a.isin(hocs) | ht2.b.isin(hocs)]
    return {"reliability": rel, "loadings": load,
            "fornell_larcker": tables.fornell_larcker_table(f, rel),
            "htmt": pd.concat([tables.htmt_table(first, no_look), ht2], ignore_index=True),
            "cross_loadings": tables.cross_loadings_table(first, skip=hocs)}


def _predict_frame(pred):
    import pandas as pd

    cols = ["item", "construct", "q2_predict", "pls_rmse", "pls_mae", "lm_rmse", "lm_mae"]
    if pred is None:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame({"item": pred["item_names"], "construct": pred["construct"],
                         **{k: np.asarray(pred[k]) for k in cols[2:]}})
