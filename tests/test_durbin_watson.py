"""Exact Durbin-Watson bounds where they have a closed form.

The published goldens (Savin-White tables, R lmtest's Pan algorithm,
CONVENTIONS.md) are in tests/test_assumptions.py. Here: with two eigenvalues
the bound ratio (nu_1 z_1^2 + nu_2 z_2^2) / (z_1^2 + z_2^2) is below c exactly
when |z_2 / z_1| < r, r = sqrt((c - nu_1) / (nu_2 - c)), and z_2 / z_1 is
standard Cauchy, so P = (2 / pi) arctan(r): the alpha quantile is
c = (nu_1 + nu_2 r^2) / (1 + r^2) with r = tan(pi alpha / 2).
"""

from __future__ import annotations

import math

import pytest

from smma_stats.durbin_watson import durbin_watson_bounds


def _two_eigenvalue_quantile(nu1: float, nu2: float, alpha: float) -> float:
    r2 = math.tan(math.pi * alpha / 2.0) ** 2
    return (nu1 + nu2 * r2) / (1.0 + r2)


def _nu(j: int, n: int) -> float:
    return 2.0 * (1.0 - math.cos(math.pi * j / n))


@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.10, 0.5])
@pytest.mark.parametrize("n, k", [(4, 1), (5, 2), (6, 3)])
def test_bounds_with_two_eigenvalues_match_the_cauchy_closed_form(n, k, alpha):
    # K = k + 1 coefficients: dL from nu_1 .. nu_(n-K), dU from nu_K .. nu_(n-1),
    # two eigenvalues each when n = K + 2.
    # The root search stops once its bracket is 1e-12 wide.
    dl, du = durbin_watson_bounds(n, k, alpha)
    assert dl == pytest.approx(_two_eigenvalue_quantile(_nu(1, n), _nu(2, n), alpha),
                               rel=0.0, abs=1e-12)
    assert du == pytest.approx(_two_eigenvalue_quantile(_nu(k + 1, n), _nu(k + 2, n), alpha),
                               rel=0.0, abs=1e-12)
