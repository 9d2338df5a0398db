"""Measurement model quality: loadings, reliability, validity, collinearity.

Each function takes the indicator correlation matrix ``S`` and the outer
weights ``W`` (scores of unit variance), stacked over a leading axis where a
bootstrap needs them, so the sample and every resample use one formula.
"""

from __future__ import annotations

import numpy as np


def cross_loadings(S: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Correlations of every indicator with every construct score, ``S W``."""
    return S @ W


def construct_correlations(S: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Correlations of the construct scores, ``W' S W``."""
    return np.swapaxes(W, -1, -2) @ S @ W


def construct_parts(S: np.ndarray, W: np.ndarray, layout) -> tuple[np.ndarray, np.ndarray]:
    """Construct correlations and loadings, consistent (PLSc) where ``layout`` says.

    Parameters
    ----------
    S : numpy.ndarray, shape (B, p, p)
    W : numpy.ndarray, shape (B, p, c)
    layout : smma_stats.pls_sem.estimate.Layout

    Returns
    -------
    C : numpy.ndarray, shape (B, c, c)
        Score correlations ``W'SW``; for the common factors of consistent PLS
        divided by ``sqrt(rho_A,i rho_A,k)`` (Dijkstra & Henseler, 2015).
    L : numpy.ndarray, shape (B, p, c)
        Correlations of the indicators with the scores ``S W``; a common
        factor's own indicators get the consistent loadings ``c w`` with
        ``c^2 = w'(S - diag S)w / w'(ww' - diag ww')w``.
    """
    C = construct_correlations(S, W)
    L = cross_loadings(S, W)
    if not layout.factors:
        return C, L
    rho = np.ones(C.shape[:2])
    for j, idx in layout.factors:
        w = W[:, idx, j]
        Sjj = S[:, idx[:, None], idx[None, :]]
        ww = np.einsum("bk,bk->b", w, w)
        off = np.einsum("bk,bkl,bl->b", w, Sjj, w) - np.einsum("bk,bkk,bk->b", w, Sjj, w)
        c2 = off / (ww ** 2 - np.sum(w ** 4, axis=1))
        rho[:, j] = ww ** 2 * c2
        L[:, idx, j] = np.sqrt(c2)[:, None] * w
    with np.errstate(invalid="ignore"):
        C = C / np.sqrt(rho[:, :, None] * rho[:, None, :])
    k = np.arange(C.shape[1])
    C[:, k, k] = 1.0
    return C, L


def cronbach_alpha(Sjj: np.ndarray) -> float:
    """Cronbach's alpha of standardised indicators from their correlations.

    ``k / (k - 1) * (1 - k / sum(S_jj))``; 1 for a single indicator, as
    SmartPLS and seminr print it.
    """
    k = Sjj.shape[0]
    if k == 1:
        return 1.0
    return k / (k - 1) * (1.0 - k / float(Sjj.sum()))


def rho_a(Sjj: np.ndarray, w: np.ndarray) -> float:
    """Dijkstra and Henseler's (2015) consistent reliability rho_A.

    ``rho_A = (w'w)^2 w'(S - diag S)w / w'(ww' - diag ww')w`` with the
    weights ``w`` scaled so that the construct score has unit variance
    (``w'Sw = 1``); 1 for a single indicator.
    """
    if len(w) == 1:
        return 1.0
    ww = float(w @ w)
    off = Sjj - np.diag(np.diag(Sjj))
    outer = np.outer(w, w)
    den = float(w @ (outer - np.diag(np.diag(outer))) @ w)
    return ww ** 2 * float(w @ off @ w) / den


def composite_reliability(lam: np.ndarray) -> float:
    """Jöreskog's rho_C from standardised loadings: ``(sum l)^2 / ((sum l)^2 + sum(1 - l^2))``."""
    s2 = float(lam.sum()) ** 2
    return s2 / (s2 + float(np.sum(1.0 - lam ** 2)))


def ave(lam: np.ndarray) -> float:
    """Average variance extracted: the mean squared standardised loading."""
    return float(np.mean(lam ** 2))


def outer_vif(Sjj: np.ndarray) -> np.ndarray:
    """VIF of each indicator on the others of its block, ``diag(S_jj^-1)``."""
    if Sjj.shape[0] == 1:
        return np.array([np.nan])
    return np.diag(np.linalg.inv(Sjj)).copy()


def htmt(S: np.ndarray, blocks: list[np.ndarray]) -> np.ndarray:
    """Heterotrait-monotrait ratios of every pair of blocks, stacked.

    Parameters
    ----------
    S : numpy.ndarray, shape (B, p, p)
    blocks : list of index arrays
        Indicator positions of each construct.

    Returns
    -------
    numpy.ndarray, shape (B, m)
        One column per pair ``(a, b)``, ``a < b``, in row-major order.

    Notes
    -----
    Henseler, Ringle and Sarstedt (2015): the mean heterotrait-heteromethod
    correlation over the geometric mean of the two mean monotrait
    correlations. Absolute correlations are used, as SmartPLS 4 and seminr
    do, and the monotrait mean of a single indicator is 1.
    """
    A = np.abs(S)
    mono = []
    for idx in blocks:
        k = len(idx)
        if k == 1:
            mono.append(np.ones(A.shape[0]))
            continue
        sub = A[:, idx[:, None], idx[None, :]]
        mono.append((sub.sum(axis=(1, 2)) - np.trace(sub, axis1=1, axis2=2)) / (k * (k - 1)))
    out = []
    for a in range(len(blocks)):
        for b in range(a + 1, len(blocks)):
            het = A[:, blocks[a][:, None], blocks[b][None, :]].mean(axis=(1, 2))
            with np.errstate(divide="ignore", invalid="ignore"):
                out.append(het / np.sqrt(mono[a] * mono[b]))
    return np.stack(out, axis=1) if out else np.zeros((A.shape[0], 0))


def block_reliability(S: np.ndarray, w: np.ndarray, idx: np.ndarray,
                      lam: np.ndarray) -> dict[str, float]:
    """Alpha, rho_A, rho_C and AVE of one reflective block with loadings ``lam``."""
    Sjj = S[np.ix_(idx, idx)]
    wj = w[idx]
    return {"alpha": cronbach_alpha(Sjj), "rho_a": rho_a(Sjj, wj),
            "rho_c": composite_reliability(lam), "ave": ave(lam)}
