"""The structural model: path coefficients, R2, f2, inner VIF and effects.

Path coefficients are the OLS regressions of each endogenous construct's
score on the scores of its predictors. Scores are standardised, so every
regression needs only the construct correlation matrix ``C``; the functions
take ``C`` stacked over a leading axis (sample or bootstrap resamples).
"""

from __future__ import annotations

import numpy as np

from .estimate import solve_each


def path_coefficients(C: np.ndarray, layout) -> tuple[np.ndarray, np.ndarray]:
    """Standardised path coefficients and R2 of every endogenous construct.

    Parameters
    ----------
    C : numpy.ndarray, shape (B, c, c)
        Construct score correlations.
    layout : smma_stats.pls_sem.estimate.Layout

    Returns
    -------
    paths : numpy.ndarray, shape (B, c, c)
        ``paths[b, i, j]`` is the coefficient of the path i -> j (0 if none).
    r2 : numpy.ndarray, shape (B, c)
        R2 of each construct (NaN for exogenous ones).
    """
    B, c = C.shape[0], C.shape[1]
    P = np.zeros((B, c, c))
    r2 = np.full((B, c), np.nan)
    for j, preds in layout.predecessors:
        beta = _solve(C[:, preds[:, None], preds[None, :]], C[:, preds, j])
        P[:, preds, j] = beta
        r2[:, j] = np.einsum("bk,bk->b", beta, C[:, preds, j])
    return P, r2


def adjusted_r2(r2: float, n: int, k: int) -> float:
    """``1 - (1 - R2)(n - 1)/(n - k - 1)`` with ``k`` predictors."""
    return 1.0 - (1.0 - r2) * (n - 1) / (n - k - 1)


def r2_without(C: np.ndarray, j: int, preds: np.ndarray) -> float:
    """R2 of construct ``j`` regressed on ``preds`` (one correlation matrix)."""
    if len(preds) == 0:
        return 0.0
    beta = np.linalg.solve(C[np.ix_(preds, preds)], C[preds, j])
    return float(beta @ C[preds, j])


def f_squared(C: np.ndarray, layout) -> dict[tuple[int, int], float]:
    """Cohen's f2 of every path, from the full model's construct scores.

    ``f2 = (R2_included - R2_excluded) / (1 - R2_included)`` where
    ``R2_excluded`` comes from regressing the endogenous construct's score on
    its other predictors' scores, all scores being those of the full model
    (SmartPLS's computation; the model is not re-estimated without the
    path).
    """
    out = {}
    for j, preds in layout.predecessors:
        full = r2_without(C, j, preds)
        for i in preds:
            excl = r2_without(C, j, preds[preds != i])
            out[(int(i), j)] = (full - excl) / (1.0 - full)
    return out


def inner_vif(C: np.ndarray, layout) -> dict[tuple[int, int], float]:
    """VIF of each predictor among the predictors of the same construct."""
    out = {}
    for j, preds in layout.predecessors:
        if len(preds) == 1:
            out[(int(preds[0]), j)] = 1.0
            continue
        d = np.diag(np.linalg.inv(C[np.ix_(preds, preds)]))
        for i, v in zip(preds, d):
            out[(int(i), j)] = float(v)
    return out


def total_effects(P: np.ndarray) -> np.ndarray:
    """Total effects ``P + P^2 + ... `` (the model is recursive, so it ends)."""
    total = P.copy()
    power = P
    for _ in range(P.shape[-1]):
        power = power @ P
        if not np.any(power):
            break
        total = total + power
    return total


def chains(layout) -> list[tuple[int, ...]]:
    """Every directed path through at least one mediator, as construct positions."""
    A = layout.adjacency
    c = A.shape[0]
    out: list[tuple[int, ...]] = []

    def walk(seq):
        for k in np.flatnonzero(A[seq[-1]]):
            nxt = seq + (int(k),)
            if len(nxt) >= 3:
                out.append(nxt)
            walk(nxt)

    for s in range(c):
        walk((s,))
    return sorted(out, key=lambda s: (s[0], s[-1], len(s), s))


def chain_effects(P: np.ndarray, seqs: list[tuple[int, ...]]) -> np.ndarray:
    """Product of the path coefficients along each chain, shape (B, len(seqs))."""
    out = np.ones((P.shape[0], len(seqs)))
    for k, seq in enumerate(seqs):
        for a, b in zip(seq[:-1], seq[1:]):
            out[:, k] *= P[:, a, b]
    return out


def _solve(M: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.solve(M, rhs[..., None])[..., 0]
    except np.linalg.LinAlgError:
        return solve_each(M, rhs)
