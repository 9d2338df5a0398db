"""One estimation of a PLS model on the sample, with everything derived from it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .estimate import Layout, estimate
from .measures import construct_parts
from .stats import StatPlan
from .structural import path_coefficients


@dataclass(frozen=True)
class Fitted:
    """The sample estimation: weights ``W`` (p, c), construct correlations ``C``
    and loadings ``L`` (p, c; both consistent under PLSc), paths ``P`` (c, c),
    ``r2`` (c,), the statistic plan and its values ``t0``."""

    model: object
    layout: Layout
    ind: object
    W: np.ndarray
    C: np.ndarray
    L: np.ndarray
    P: np.ndarray
    r2: np.ndarray
    converged: bool
    iterations: int
    plan: StatPlan
    t0: np.ndarray
    scheme: str

    @property
    def scores(self) -> np.ndarray:
        """Standardised construct scores, shape (n, c)."""
        return self.ind.z @ self.W


def fit_sample(ind, model, scheme: str, tol: float, max_iter: int,
               exclude_targets=frozenset(), htmt_skip=frozenset(),
               consistent: bool = False) -> Fitted:
    """Estimate ``model`` on the prepared indicators ``ind``."""
    from ..errors import DataError

    layout = Layout.of(model, consistent)
    est = estimate(ind.corr[None], layout, scheme, tol, max_iter)
    if est.failed[0]:
        raise DataError("the PLS estimation broke down: a block of indicators is "
                        "perfectly collinear or a construct score has no variance")
    W = est.weights[0]
    C, L = construct_parts(ind.corr[None], W[None], layout)
    C, L = C[0], L[0]
    P, r2 = path_coefficients(C[None], layout)
    plan = StatPlan.of(model, layout, W, ind.corr, exclude_targets, htmt_skip)
    t0 = plan.compute(ind.corr[None], W[None])[0]
    return Fitted(model=model, layout=layout, ind=ind, W=W, C=C, L=L, P=P[0], r2=r2[0],
                  converged=bool(est.converged[0]), iterations=int(est.iterations[0]),
                  plan=plan, t0=t0, scheme=scheme)
