"""PLSpredict: out-of-sample prediction of the endogenous indicators.

Shmueli, Ray, Velasquez Estrada and Chatla (2016) and Shmueli et al. (2019):
the cases are split at random into ``k`` folds; the model is estimated on
``k - 1`` folds and predicts the held-out fold, every fold in turn, and the
whole is repeated ``repetitions`` times. Each endogenous indicator's
prediction errors are summarised as RMSE and MAE, beside a linear-model
benchmark (the indicator regressed on all indicators of the exogenous
constructs), and as ``Q2_predict = 1 - SSE / SSE_naive``, the naive
prediction being the training folds' mean.
"""

from __future__ import annotations

import numpy as np

from ..errors import DataError
from .estimate import estimate


def fold_plan(n: int, k: int, repetitions: int, seed: int) -> list[list[np.ndarray]]:
    """Test-fold indices: ``repetitions`` random splits into ``k`` near-equal folds.

    ``k = n`` is leave-one-out cross-validation (the same folds whatever the seed).
    """
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 2 <= k <= n:
        raise DataError(f"PLSpredict needs between 2 folds and one fold per case ({n}); "
                        f"got {k!r}")
    if isinstance(repetitions, bool) or not isinstance(repetitions, (int, np.integer)) \
            or repetitions < 1:
        raise DataError(f"repetitions must be a whole number of at least 1, got {repetitions!r}")
    rng = np.random.default_rng(seed)
    return [np.array_split(rng.permutation(n), k) for _ in range(repetitions)]


def pls_predict(raw: np.ndarray, model, layout, scheme: str, *, k: int = 10,
                repetitions: int = 10, seed: int = 0, targets=None, tol: float = 1e-7,
                max_iter: int = 3000) -> dict:
    """Cross-validated predictions of the endogenous constructs' indicators.

    Parameters
    ----------
    raw : numpy.ndarray, shape (n, p)
        Indicator values (missing values already treated), model column order.
    model : PlsModel
    layout : Layout
    scheme : str
        Inner weighting scheme.
    k, repetitions, seed : int
        Folds, repetitions of the split, seed of the splits.
    targets : sequence of str, optional
        Endogenous constructs whose indicators are predicted (default all).

    Returns
    -------
    dict
        ``items`` (column positions), ``construct`` names, and arrays
        ``q2_predict``, ``pls_rmse``, ``pls_mae``, ``lm_rmse``, ``lm_mae``.

    Notes
    -----
    Predictions follow the earliest-antecedents approach: the held-out
    cases' exogenous construct scores (their indicators standardised with the
    training folds' means and SDs, weighted by the training weights) are
    carried through the training path coefficients to every endogenous
    construct, then through its loadings back to the indicators' scale.
    """
    n, p = raw.shape
    plan = fold_plan(n, k, repetitions, seed)
    tests = [t for rep in plan for t in rep]
    trains = [np.setdiff1d(np.arange(n), t, assume_unique=True) for t in tests]
    stats = [_train_moments(raw[tr]) for tr in trains]
    S = np.stack([s[2] for s in stats])
    est = estimate(S, layout, scheme, tol, max_iter)
    targets = list(model.endogenous if targets is None else targets)
    cols = _target_columns(model, targets)
    exo_cols = np.unique(np.concatenate([model.block(c) for c in model.constructs
                                         if c not in model.endogenous]))
    sq = {key: np.zeros(len(cols)) for key in ("pls", "lm", "naive")}
    ab = {key: np.zeros(len(cols)) for key in ("pls", "lm", "naive")}
    count = 0
    for f, (te, tr) in enumerate(zip(tests, trains)):
        mean, sd, Sf = stats[f]
        pred = _pls_fold(raw[te], mean, sd, Sf, est.weights[f], layout, model, cols)
        lm = _lm_fold(raw[tr], raw[te], exo_cols, [c for c, _ in cols])
        naive = np.broadcast_to(mean[[c for c, _ in cols]], pred.shape)
        actual = raw[te][:, [c for c, _ in cols]]
        for key, yhat in (("pls", pred), ("lm", lm), ("naive", naive)):
            sq[key] += np.sum((actual - yhat) ** 2, axis=0)
            ab[key] += np.sum(np.abs(actual - yhat), axis=0)
        count += len(te)
    return {"items": [c for c, _ in cols], "item_names": [model.columns[c] for c, _ in cols],
            "construct": [model.constructs[j] for _, j in cols],
            "q2_predict": 1.0 - sq["pls"] / sq["naive"],
            "pls_rmse": np.sqrt(sq["pls"] / count), "pls_mae": ab["pls"] / count,
            "lm_rmse": np.sqrt(sq["lm"] / count), "lm_mae": ab["lm"] / count,
            "n_failed": int((~est.converged).sum())}


def _train_moments(x: np.ndarray):
    mean = x.mean(axis=0)
    sd = x.std(axis=0, ddof=1)
    if np.any(sd == 0):
        raise DataError("an indicator is constant within a PLSpredict training sample; "
                        "use fewer folds")
    z = (x - mean) / sd
    S = z.T @ z / (len(x) - 1)
    np.fill_diagonal(S, 1.0)
    return mean, sd, S


def _target_columns(model, targets) -> list[tuple[int, int]]:
    pos = {c: j for j, c in enumerate(model.constructs)}
    return [(int(i), pos[c]) for c in targets for i in model.block(c)]


def _pls_fold(test, mean, sd, S, W, layout, model, cols) -> np.ndarray:
    z = (test - mean) / sd
    c = len(model.constructs)
    C = W.T @ S @ W
    scores = np.zeros((len(test), c))
    endo = {j for j, _ in layout.predecessors}
    for j in range(c):
        if j not in endo:
            scores[:, j] = z @ W[:, j]
    for j, preds in layout.predecessors:        # causal order
        beta = np.linalg.solve(C[np.ix_(preds, preds)], C[preds, j])
        scores[:, j] = scores[:, preds] @ beta
    lam = S @ W
    out = np.empty((len(test), len(cols)))
    for k, (i, j) in enumerate(cols):
        out[:, k] = scores[:, j] * lam[i, j] * sd[i] + mean[i]
    return out


def _lm_fold(train, test, exo_cols, ycols) -> np.ndarray:
    X = np.column_stack([np.ones(len(train)), train[:, exo_cols]])
    coef, *_ = np.linalg.lstsq(X, train[:, ycols], rcond=None)
    return np.column_stack([np.ones(len(test)), test[:, exo_cols]]) @ coef
