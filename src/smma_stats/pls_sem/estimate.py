"""Lohmöller's PLS path algorithm, batched over correlation matrices.

Every quantity of the algorithm is a function of the indicators' correlation
matrix ``S``: with construct scores ``Y = X W`` of unit variance, their
correlations are ``W' S W``, the covariances of indicators and scores are
``S W``, and those of indicators and inner proxies ``Z = Y E`` are
``S W E``. So one routine estimates the model on the sample (a stack of one
matrix) and on thousands of bootstrap resamples at once (a stack of ``B``
matrices), with a convergence mask per matrix: a converged stack member is
frozen while the others iterate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import DataError

#: Inner weighting schemes.
SCHEMES = ("path", "factorial", "centroid")

#: Stop criterion: sum of absolute changes of the outer weights (SmartPLS 1e-7).
TOLERANCE = 1e-7

#: Maximum number of iterations (SmartPLS 4's default is 3000).
MAX_ITER = 3000


@dataclass(frozen=True)
class Layout:
    """The model as arrays: what the batched iterations index.

    ``membership`` (p, c) marks each construct's indicators; ``adjacency``
    (c, c) has ``A[i, j] = 1`` for a path i -> j; ``predecessors`` lists, for
    each endogenous construct, its position and its predictors' positions;
    ``mode_b`` lists the formative constructs with their indicator positions.
    """

    membership: np.ndarray
    adjacency: np.ndarray
    predecessors: tuple[tuple[int, np.ndarray], ...]
    mode_b: tuple[tuple[int, np.ndarray], ...]
    factors: tuple[tuple[int, np.ndarray], ...] = ()

    @classmethod
    def of(cls, model, consistent: bool = False) -> "Layout":
        """Arrays of ``model``; with ``consistent`` every Mode A block of two or
        more indicators is a common factor that PLSc corrects (``factors``)."""
        pos = {c: j for j, c in enumerate(model.constructs)}
        preds = tuple((pos[c], np.array([pos[p] for p in model.predictors(c)], dtype=np.intp))
                      for c in model.endogenous)
        mode_b = tuple((pos[c], model.block(c)) for c in model.constructs
                       if model.modes[c] == "B")
        factors = tuple((pos[c], model.block(c)) for c in model.constructs
                        if consistent and model.modes[c] == "A" and len(model.indicators[c]) > 1)
        return cls(model.membership(), model.adjacency(), preds, mode_b, factors)


@dataclass(frozen=True)
class Estimate:
    """Outer weights of a stack of estimations.

    Attributes
    ----------
    weights : numpy.ndarray, shape (B, p, c)
        Outer weights scaled so each construct score has unit variance.
    converged : numpy.ndarray of bool, shape (B,)
    iterations : numpy.ndarray of int, shape (B,)
    failed : numpy.ndarray of bool, shape (B,)
        The estimation broke down (a singular block or a constant score).
    """

    weights: np.ndarray
    converged: np.ndarray
    iterations: np.ndarray
    failed: np.ndarray


def estimate(S: np.ndarray, layout: Layout, scheme: str = "path",
             tol: float = TOLERANCE, max_iter: int = MAX_ITER) -> Estimate:
    """Run the PLS algorithm on a stack of indicator correlation matrices.

    Parameters
    ----------
    S : numpy.ndarray, shape (B, p, p)
        Indicator correlation matrices.
    layout : Layout
    scheme : {"path", "factorial", "centroid"}
    tol : float
        Stop when the sum of absolute changes of the outer weights between
        two iterations is below this.
    max_iter : int

    Returns
    -------
    Estimate

    Notes
    -----
    Start with unit weights; then repeat (Lohmöller, 1989; Hair et al., 2022):
    (1) scale the weights so the scores ``Y = X W`` have unit variance;
    (2) inner weights ``E`` from the score correlations ``C = W'SW``: path
    weighting takes, for each construct, the multiple-regression
    coefficients of the construct on its predecessors and the correlations
    with its successors; factorial takes the correlations with every
    adjacent construct, centroid their signs; (3) inner proxies
    ``Z = Y E``; (4) new outer weights: Mode A the covariances of the
    indicators with the proxy (``S W E``), Mode B the regression of the
    proxy on the block's indicators (``S_jj^-1 (S W E)_j``).
    """
    if scheme not in SCHEMES:
        raise DataError(f"scheme must be 'path', 'factorial' or 'centroid', got {scheme!r}")
    B = S.shape[0]
    W = np.broadcast_to(layout.membership, (B,) + layout.membership.shape).copy()
    W, SW = _unit_variance(W, S @ W)
    iterations = np.zeros(B, dtype=int)
    converged = np.zeros(B, dtype=bool)
    failed = ~np.isfinite(W).all(axis=(1, 2))
    ids = np.flatnonzero(~failed)                 # stack members still iterating
    work = [S[ids], W[ids], SW[ids]] if failed.any() else [S, W.copy(), SW]
    live = np.ones(ids.size, dtype=bool)          # rows of ``work`` not yet done
    for it in range(1, max_iter + 1):
        if not live.any():
            break
        Sw, Ww, SWw = work
        new = _outer_update(Sw, Ww, SWw, layout, scheme)
        new, SWn = _unit_variance(new, Sw @ new)
        diff = np.abs(new - Ww).sum(axis=(1, 2))
        work = [Sw, new, SWn]
        iterations[ids[live]] = it
        bad = live & ~np.isfinite(diff)
        done = live & (diff < tol)
        failed[ids[bad]] = True
        converged[ids[done]] = True
        W[ids[bad | done]] = new[bad | done]
        live &= ~(bad | done)
        if live.sum() < 0.5 * live.size:          # drop finished members from the work
            work = [a[live] for a in work]
            ids, live = ids[live], np.ones(int(live.sum()), dtype=bool)
    W[ids[live]] = work[1][live]
    return Estimate(weights=W, converged=converged, iterations=iterations, failed=failed)


def _unit_variance(W: np.ndarray, SW: np.ndarray):
    """Scale the weights (and ``S W`` with them) so every score has unit variance."""
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = 1.0 / np.sqrt(np.sum(W * SW, axis=1))[:, None, :]
    return W * scale, SW * scale


def _outer_update(S: np.ndarray, W: np.ndarray, SW: np.ndarray, layout: Layout,
                  scheme: str) -> np.ndarray:
    C = np.swapaxes(W, 1, 2) @ SW
    E = inner_weights(C, layout, scheme)
    G = SW @ E
    new = G * layout.membership
    for j, idx in layout.mode_b:
        Sjj = S[:, idx[:, None], idx[None, :]]
        try:
            new[:, idx, j] = np.linalg.solve(Sjj, G[:, idx, j][..., None])[..., 0]
        except np.linalg.LinAlgError:
            new[:, idx, j] = solve_each(Sjj, G[:, idx, j])
    return new


def inner_weights(C: np.ndarray, layout: Layout, scheme: str) -> np.ndarray:
    """Inner weights ``E`` (B, c, c) from score correlations ``C``; ``Z = Y E``."""
    A = layout.adjacency
    both = A + A.T
    if scheme == "factorial":
        return C * both
    if scheme == "centroid":
        return np.sign(C) * both
    E = C * A.T
    for j, preds in layout.predecessors:
        Cpp = C[:, preds[:, None], preds[None, :]]
        rhs = C[:, preds, j]
        try:
            E[:, preds, j] = np.linalg.solve(Cpp, rhs[..., None])[..., 0]
        except np.linalg.LinAlgError:
            E[:, preds, j] = solve_each(Cpp, rhs)
    return E


def solve_each(M: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """Solve a stack of systems ``M[b] x = rhs[b]`` one by one, giving NaN where a
    matrix is singular."""
    out = np.full(rhs.shape, np.nan)
    for b in range(M.shape[0]):
        try:
            out[b] = np.linalg.solve(M[b], rhs[b])
        except np.linalg.LinAlgError:
            pass
    return out
