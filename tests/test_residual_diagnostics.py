"""SPSS's saved residuals (ZPRED, ZRESID, SRESID, SDRESID) and the Normal P-P points.

Reference: R 4.x on the ``mtcars`` data shipped with R (columns mpg, wt, hp
copied below), ``f <- lm(mpg ~ wt + hp, mtcars)``. SPSS's SRESID is R's
``rstandard(f)``, SDRESID is ``rstudent(f)``, ZPRED is ``scale(fitted(f))``,
ZRESID is ``resid(f) / sigma(f)``; the P-P points are ``ppoints(32, a = 3/8)``
against ``pnorm(sort(resid(f) / sigma(f)))``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import ModelError
from smma_stats.regression import regress
from smma_stats.residual_diagnostics import normal_pp_points, residual_diagnostics

MTCARS = pd.DataFrame({
    "mpg": [21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2,
            10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4,
            15.8, 19.7, 15, 21.4],
    "wt": [2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73,
           3.78, 5.25, 5.424, 5.345, 2.2, 1.615, 1.835, 2.465, 3.52, 3.435, 3.84, 3.845,
           1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78],
    "hp": [110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230,
           66, 52, 65, 97, 150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109],
})
ROWS = [0, 16, 19, 30]  # R's cases 1, 17, 20, 31
R_VALUES = {
    # R 4.x: sprintf("%.12f", rstandard(f)[c(1, 17, 20, 31)])
    "sresid": [-1.014586466716, 2.354517159376, 2.378617835209, 1.119890902503],
    # R 4.x: rstudent(f)[c(1, 17, 20, 31)]
    "sdresid": [-1.015119284928, 2.572477556207, 2.605151629155, 1.125008384999],
    # R 4.x: hatvalues(f)[c(1, 17, 20, 31)]
    "leverage": [0.044276914820, 0.186487208886, 0.099503345846, 0.394208157647],
    # R 4.x: scale(fitted(f))[c(1, 17, 20, 31)]
    "zpred": [0.635328057951, -1.988650400380, 1.451704464993, -1.341409252720],
    # R 4.x: (resid(f) / sigma(f))[c(1, 17, 20, 31)]
    "zresid": [-0.991870795798, 2.123655431801, 2.257177553179, 0.871640551960],
}


@pytest.fixture(scope="module")
def diag():
    return residual_diagnostics(regress(MTCARS, "mpg", ["wt", "hp"]), MTCARS)


@pytest.mark.parametrize("column", sorted(R_VALUES))
def test_casewise_values_match_r(diag, column):
    got = diag.table[column].to_numpy()[ROWS]
    assert got == pytest.approx(R_VALUES[column], rel=1e-9, abs=1e-11)


def test_shape_and_fields(diag):
    assert diag.n == 32 and diag.df_residual == 29
    assert list(diag.table.columns) == ["residual", "fitted", "leverage", "zpred", "zresid",
                                        "sresid", "sdresid"]
    # the leverages of a model with an intercept and two slopes sum to 3
    assert diag.table["leverage"].sum() == pytest.approx(3.0, rel=1e-12)


def test_pp_points_match_r(diag):
    observed, expected = normal_pp_points(diag.table["zresid"])
    # R 4.x: ppoints(32, a = 3/8)[c(1, 16, 32)]
    assert observed[[0, 15, 31]] == pytest.approx(
        [0.019379844961, 0.484496124031, 0.980620155039], rel=1e-10)
    # R 4.x: pnorm(sort(resid(f) / sigma(f)))[c(1, 16, 32)]
    assert expected[[0, 15, 31]] == pytest.approx(
        [0.064304269224, 0.449883780632, 0.988001508781], rel=1e-9)
    assert np.all(np.diff(observed) > 0) and np.all(np.diff(expected) >= 0)


def test_missing_rows_are_left_out_as_in_the_fit():
    data = MTCARS.copy()
    data.loc[3, "hp"] = np.nan
    diag = residual_diagnostics(regress(data, "mpg", ["wt", "hp"]), data)
    assert diag.n == 31


def test_data_that_is_not_the_fit_is_refused():
    reg = regress(MTCARS, "mpg", ["wt", "hp"])
    with pytest.raises(ModelError, match="complete cases"):
        residual_diagnostics(reg, MTCARS.iloc[:20])


def test_a_perfect_fit_gives_nan_not_a_warning():
    import warnings

    data = pd.DataFrame({"x": [1.0, 2, 3, 4], "y": [2.0, 4, 6, 8]})
    reg = regress(data, "y", ["x"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        diag = residual_diagnostics(reg, data)
    assert diag.n == 4
    assert not np.isfinite(diag.table["sresid"]).any()
