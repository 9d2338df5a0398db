"""Approximate model fit as SmartPLS prints it: SRMR and NFI.

Both compare the indicators' empirical correlation matrix ``S`` with a
model-implied one. The *saturated* model keeps the construct scores'
empirical correlations; the *estimated* model replaces them by those the
(recursive) structural model implies.
"""

from __future__ import annotations

import numpy as np


def implied_construct_correlations(C: np.ndarray, P: np.ndarray, r2: np.ndarray) -> np.ndarray:
    """Construct correlations implied by the structural model.

    ``Sigma = (I - P')^-1 Psi (I - P')^-T`` with ``P[i, j]`` the path
    i -> j; ``Psi`` holds the empirical correlations among the exogenous
    constructs and the disturbance variances ``1 - R2`` of the endogenous
    ones, uncorrelated with everything else.
    """
    c = C.shape[0]
    exo = np.isnan(r2)
    psi = np.zeros((c, c))
    psi[np.ix_(exo, exo)] = C[np.ix_(exo, exo)]
    psi[~exo, ~exo] = 1.0 - r2[~exo]
    inv = np.linalg.inv(np.eye(c) - P.T)
    return inv @ psi @ inv.T


def implied_indicator_correlations(S: np.ndarray, L: np.ndarray, Cc: np.ndarray,
                                   home: np.ndarray, modes: list[str]) -> np.ndarray:
    """Indicator correlations implied by the measurement model and ``Cc``.

    Parameters
    ----------
    S : (p, p) empirical correlations.
    L : (p, c) loadings (indicator-score correlations; consistent under PLSc).
    Cc : (c, c) construct correlations (empirical or model-implied).
    home : (p,) int
        The construct each indicator measures (for a repeated indicator, its
        lower-order construct).
    modes : list of "A" / "B", one per construct.

    Notes
    -----
    Between two blocks the implied correlation is ``l_i C_ab l_k`` with the
    loadings ``l``. Within a reflective (Mode A) block it is ``l_i l_k``
    (the common factor model); within a formative (Mode B) block the
    empirical correlations are kept (the composite model). The diagonal is 1.
    """
    p = S.shape[0]
    lam = L[np.arange(p), home]
    sigma = np.outer(lam, lam) * Cc[np.ix_(home, home)]
    for j, mode in enumerate(modes):
        if mode == "B":
            idx = np.flatnonzero(home == j)
            sigma[np.ix_(idx, idx)] = S[np.ix_(idx, idx)]
    np.fill_diagonal(sigma, 1.0)
    return sigma


def srmr(S: np.ndarray, sigma: np.ndarray) -> float:
    """Standardized root mean square residual over the lower triangle with diagonal."""
    rows, cols = np.tril_indices(S.shape[0])
    res = S[rows, cols] - sigma[rows, cols]
    return float(np.sqrt(np.mean(res ** 2)))


def nfi(S: np.ndarray, sigma: np.ndarray) -> float:
    """Bentler and Bonett's normed fit index from maximum-likelihood discrepancies.

    ``NFI = 1 - F(S, Sigma) / F(S, I)`` with ``F = ln|Sigma| + tr(S Sigma^-1)
    - ln|S| - p``; the factor ``n - 1`` of the chi-squares cancels. NaN when
    the implied matrix is not positive definite.
    """
    p = S.shape[0]
    sign_s, logdet_s = np.linalg.slogdet(S)
    sign, logdet = np.linalg.slogdet(sigma)
    if sign <= 0 or sign_s <= 0:
        return float("nan")
    f_model = logdet + float(np.trace(S @ np.linalg.inv(sigma))) - logdet_s - p
    f_null = -logdet_s
    return float(1.0 - f_model / f_null)


def model_fit(S, L, C, P, r2, home, modes) -> dict[str, dict[str, float]]:
    """SRMR and NFI of the saturated and the estimated model."""
    out = {"srmr": {}, "nfi": {}}
    for name, Cc in (("saturated", C), ("estimated", implied_construct_correlations(C, P, r2))):
        sigma = implied_indicator_correlations(S, L, Cc, home, modes)
        out["srmr"][name] = srmr(S, sigma)
        out["nfi"][name] = nfi(S, sigma)
    return out
