"""PLS-SEM (partial least squares path modelling) as SmartPLS reports it.

One call, :func:`pls`, estimates a path model with Lohmöller's algorithm and
returns a :class:`PlsResult`: loadings and weights, reliability (alpha,
rho_A, rho_C, AVE), discriminant validity (Fornell-Larcker, HTMT,
cross-loadings), paths with R2, f2 and VIF, total and specific indirect
effects, SRMR and NFI, PLSpredict, and bootstrap inference. Higher-order
constructs are estimated by the repeated-indicators or a two-stage approach.

Modules: ``model`` (specification), ``data`` (missing values,
standardisation), ``estimate`` (the algorithm), ``measures``,
``structural``, ``fit``, ``predict``, ``bootstrap``, ``hoc``, ``stats``
(the bootstrapped statistic vector), ``tables``, ``result``, ``api``.
"""

from __future__ import annotations

from .api import pls
from .model import PlsModel, specify
from .result import PlsResult

__all__ = ["pls", "PlsResult", "PlsModel", "specify"]
