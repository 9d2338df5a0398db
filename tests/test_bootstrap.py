"""Bootstrap intervals against R's boot package, and resample statistics against
cronbach_alpha and statsmodels OLS computed one resample at a time.

R goldens: R 4.2.2 with boot 1.3-28.1. The resamples are fixed, not drawn by
R: :func:`lcg_indices` below writes them (a plain 64-bit linear congruential
generator, so the goldens do not depend on numpy's random streams), they were
saved with ``numpy.savetxt`` and read in R as ``idx <- as.matrix(read.csv(f,
header = FALSE)) + 1``. A ``boot`` object was then given those resamples::

    b <- boot(d, stat, R = nrow(idx))
    b$t <- matrix(apply(idx, 1, function(i) stat(d, i)), ncol = 1)   # one statistic
    L <- empinf(b, index = j, type = "jack"); L <- L - mean(L)
    boot.ci(b, conf = 0.95, type = c("perc", "bca"), index = j, L = L)

``L`` is centred because smma_stats takes the BCa acceleration from the
jackknife as Efron & Tibshirani (1993, eq. 14.15) do, ``theta_(.) - theta_(i)``;
boot's own jackknife values are ``(n - 1)(t0 - theta_(i))``, which gives a
slightly different acceleration. Everything else (bias correction, the
``(R + 1) q`` order statistic with normal-scale interpolation) is boot.ci's.

Data: ``validity_bfi_agreeableness101.csv`` (items A1-A5 of ``psych::bfi``,
101 respondents) and ``regression_mtcars.csv`` (R ``mtcars``).
"""

from __future__ import annotations

import doctest
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats import bootstrap as bs
from smma_stats import resampling
from smma_stats.bootstrap import (
    TABLE_COLUMNS,
    BootstrapResult,
    bootstrap_alpha,
    bootstrap_regression,
)
from smma_stats.resampling import bootstrap_indices
from smma_stats.errors import DataError, ModelError
from smma_stats.reliability import cronbach_alpha

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SAMPLE = HERE.parent / "data" / "sample" / "smma_responses.csv"
SMMA = [f"X{d}.{i}" for d in range(1, 6) for i in (1, 2)]
PI = [f"Y{d}.{i}" for d in range(1, 5) for i in range(1, 6)]


def lcg_indices(n: int, n_resamples: int, state: int) -> np.ndarray:
    """Resamples from a 64-bit LCG (Knuth's MMIX constants), high bits mod n."""
    a, c, mask = 6364136223846793005, 1442695040888963407, (1 << 64) - 1
    out = np.empty(n_resamples * n, dtype=np.int64)
    for i in range(n_resamples * n):
        state = (a * state + c) & mask
        out[i] = (state >> 33) % n
    return out.reshape(n_resamples, n)


@pytest.fixture(scope="module")
def agree():
    return pd.read_csv(DATA / "validity_bfi_agreeableness101.csv")


@pytest.fixture(scope="module")
def mtcars():
    return pd.read_csv(DATA / "regression_mtcars.csv")


@pytest.fixture(scope="module")
def sample():
    d = pd.read_csv(SAMPLE)
    scores = pd.DataFrame({"SMMA": d[SMMA].sum(axis=1), "PI": d[PI].sum(axis=1)})
    for j, dim in enumerate(["entertainment", "interaction", "customization", "trendiness",
                             "advertisement"], 1):
        scores[dim] = d[f"X{j}.1"] + d[f"X{j}.2"]
    return d, scores


# ------------------------------------------------------------- R boot 1.3-28.1

@pytest.fixture(scope="module")
def agree_idx():
    return lcg_indices(101, 999, 2024)


@pytest.fixture(scope="module")
def mtcars_idx():
    return lcg_indices(32, 1000, 7)


def test_lcg_indices_are_the_ones_given_to_r(agree_idx, mtcars_idx):
    # R: idx[1, 1:5] - 1; idx[999, 97:101] - 1 (and idx[1000, 28:32] - 1 for mtcars)
    assert agree_idx.shape == (999, 101) and mtcars_idx.shape == (1000, 32)
    assert agree_idx[0, :5].tolist() == [88, 76, 9, 30, 37]
    assert agree_idx[-1, -5:].tolist() == [61, 81, 14, 24, 68]
    assert mtcars_idx[0, :5].tolist() == [30, 31, 17, 17, 9]
    assert mtcars_idx[-1, -5:].tolist() == [25, 5, 1, 14, 10]


def test_alpha_percentile_matches_boot(agree, agree_idx):
    res = bootstrap_alpha(agree, ci=0.95, indices=agree_idx)
    # R: psych::alpha(d)$total$raw_alpha (psych 2.2.9) and b$t0
    assert res.estimate == pytest.approx(0.436608834380297, abs=1e-13)
    # R: b$t[1:3, 1]
    assert res.replicates[:3] == pytest.approx(
        [0.452192226054656, 0.251088501364856, 0.453998146403719], abs=1e-13)
    # R: sd(b$t[, 1]); mean(b$t[, 1]) - b$t0
    assert res.se == pytest.approx(0.0934079003658123, abs=1e-13)
    assert res.bias == pytest.approx(-0.0137489669874646, abs=1e-13)
    # R: boot.ci(b, conf = 0.95, type = "perc", index = 1)$percent[4:5]
    # ((999 + 1) * .025 = 25: plain order statistics)
    assert res.conf_low == pytest.approx(0.215993360770306, abs=1e-13)
    assert res.conf_high == pytest.approx(0.578377880535583, abs=1e-13)
    assert (res.n, res.n_resamples, res.n_failed, res.seed) == (101, 999, 0, None)


def test_alpha_percentile_90_matches_boot(agree, agree_idx):
    res = bootstrap_alpha(agree, ci=0.90, indices=agree_idx)
    # R: boot.ci(b, conf = 0.90, type = "perc", index = 1)$percent[4:5]
    assert res.conf_low == pytest.approx(0.264043204848327, abs=1e-13)
    assert res.conf_high == pytest.approx(0.557873807975061, abs=1e-13)


@pytest.mark.parametrize("ci, low, high", [
    # R: boot.ci(b, conf = ci, type = "bca", index = 1, L = L)$bca[4:5], L centred
    (0.95, 0.25767003183881, 0.588361225878653),
    (0.90, 0.281118812339836, 0.572479834424018),
])
def test_alpha_bca_matches_boot(agree, agree_idx, ci, low, high):
    res = bootstrap_alpha(agree, ci=ci, method="bca", indices=agree_idx)
    assert res.method == "bca"
    assert res.conf_low == pytest.approx(low, abs=1e-12)
    assert res.conf_high == pytest.approx(high, abs=1e-12)


# R: reg_fn <- function(x, i) { f <- lm(mpg ~ wt + hp, data = x[i, ])
#                               c(coef(f), summary(f)$r.squared) }
# b$t0; sd(b$t[, j]); mean(b$t[, j]) - b$t0[j];
# boot.ci(b, conf = 0.95, type = c("perc", "bca"), index = j, L = L)  (L centred)
# ((1000 + 1) * .025 = 25.025: normal-scale interpolation)
MTCARS_R = {
    #           estimate              sd                    bias
    #           perc low, perc high                         bca low, bca high
    "(Constant)": (37.2272701164472, 2.06149785522852, 0.11033444785722,
                   33.3010678017049, 41.7879095989243, 33.177592639453, 41.4681566599607),
    "wt": (-3.87783074240468, 0.733599011086152, -0.00595301280947647,
           -5.58385101998112, -2.48599815933448, -5.34411501535173, -2.34855238044742),
    "hp": (-0.031772946982161, 0.00805805436359962, -0.0011654694336739,
           -0.0497190078808913, -0.0195980135408145, -0.04713023724413, -0.0160761009544918),
    "r2": (0.826785451882791, 0.0422177660857559, 0.00947698603858471,
           0.744635278410338, 0.913260297999968, 0.707667170913386, 0.890857715082103),
}


@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_regression_matches_boot(mtcars, mtcars_idx, method):
    res = bootstrap_regression(mtcars, "mpg", ["wt", "hp"], method=method, indices=mtcars_idx)
    cols = (3, 4) if method == "percentile" else (5, 6)
    tab = res.table.set_index("term")
    for term, gold in MTCARS_R.items():
        if term == "r2":
            got = (res.estimate, res.se, res.bias, res.conf_low, res.conf_high)
        else:
            row = tab.loc[term]
            got = (row["b"], row["boot_se"], row["bias"], row["conf_low"], row["conf_high"])
        want = gold[:3] + tuple(gold[c] for c in cols)
        scale = max(1.0, abs(gold[0]))
        assert got == pytest.approx(want, abs=1e-11 * scale), term
    assert res.statistic == "r2" and res.name == "mpg ~ wt + hp"
    assert res.n_failed == 0 and res.n == 32


# ----------------------------------------- one resample at a time, in plain loops

def test_alpha_resamples_equal_cronbach_alpha_on_each_resample(sample):
    d, _ = sample
    items = d[PI]
    res = bootstrap_alpha(items, n_resamples=200, seed=11)
    idx = bootstrap_indices(len(items), n_resamples=200, seed=11)
    for b in (0, 1, 57, 199):
        # The library's own SPSS-checked alpha on the resampled rows
        ref = cronbach_alpha(items.iloc[idx[b]]).alpha
        assert res.replicates[b] == pytest.approx(ref, rel=1e-12, abs=1e-14)


def test_regression_resamples_equal_statsmodels_on_each_resample(sample):
    import statsmodels.api as sm

    _, scores = sample
    x = ["entertainment", "interaction", "customization", "trendiness", "advertisement"]
    res = bootstrap_regression(scores, "PI", x, n_resamples=100, seed=5)
    idx = bootstrap_indices(len(scores), n_resamples=100, seed=5)
    assert res.replicates.shape == (100, 7)
    for b in (0, 3, 99):
        rs = scores.iloc[idx[b]]
        fit = sm.OLS(rs["PI"], sm.add_constant(rs[x])).fit()
        want = np.concatenate([fit.params.to_numpy(), [fit.rsquared]])
        assert res.replicates[b] == pytest.approx(want, rel=1e-9, abs=1e-12)


def test_simple_regression_resamples_equal_statsmodels(sample):
    import statsmodels.api as sm

    _, scores = sample
    res = bootstrap_regression(scores, "PI", "SMMA", n_resamples=50, seed=3)
    idx = bootstrap_indices(len(scores), n_resamples=50, seed=3)
    rs = scores.iloc[idx[17]]
    fit = sm.OLS(rs["PI"], sm.add_constant(rs[["SMMA"]])).fit()
    assert res.replicates[17] == pytest.approx([*fit.params, fit.rsquared], rel=1e-10)
    full = sm.OLS(scores["PI"], sm.add_constant(scores[["SMMA"]])).fit()
    assert res.table["b"].tolist() == pytest.approx(list(full.params), rel=1e-12)
    assert res.estimate == pytest.approx(full.rsquared, rel=1e-12)


def _textbook_interval(t, t0, jack, ci, method):
    """Percentile/BCa limits written out from Efron & Tibshirani (1993), ch. 13-14,
    with the limit at probability q taken as the (R + 1) q-th order statistic,
    interpolated on the normal scale (Davison & Hinkley, 1997, eq. 5.8)."""
    from scipy.stats import norm

    ts = sorted(t)
    R = len(ts)
    qs = [(1 - ci) / 2, (1 + ci) / 2]
    if method == "bca":
        z0 = norm.ppf(sum(1 for v in t if v < t0) / R)                     # eq. 14.14
        mean_jack = sum(jack) / len(jack)
        num = sum((mean_jack - v) ** 3 for v in jack)
        den = 6 * sum((mean_jack - v) ** 2 for v in jack) ** 1.5
        a = num / den                                                        # eq. 14.15
        qs = [norm.cdf(z0 + (z0 + norm.ppf(q)) / (1 - a * (z0 + norm.ppf(q)))) for q in qs]
    out = []
    for q in qs:
        rk = (R + 1) * q
        k = int(rk)
        if k == rk:
            out.append(ts[k - 1])
        else:
            lo, hi = norm.ppf(k / (R + 1)), norm.ppf((k + 1) / (R + 1))
            out.append(ts[k - 1] + (norm.ppf(q) - lo) / (hi - lo) * (ts[k] - ts[k - 1]))
    return out


def _plain_alpha(x: np.ndarray) -> float:
    k = x.shape[1]
    return k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))


def _plain_ols(y: np.ndarray, x: np.ndarray) -> list:
    design = np.column_stack([np.ones(len(y)), x])
    b = np.linalg.lstsq(design, y, rcond=None)[0]
    resid = y - design @ b
    return [*b, 1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))]


@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_alpha_interval_equals_textbook_loop(sample, method):
    d, _ = sample
    x = d[SMMA].to_numpy(dtype=float)
    res = bootstrap_alpha(d[SMMA], n_resamples=400, seed=2, method=method)
    idx = bootstrap_indices(len(x), n_resamples=400, seed=2)
    t = [_plain_alpha(x[i]) for i in idx]
    jack = [_plain_alpha(np.delete(x, i, axis=0)) for i in range(len(x))]
    low, high = _textbook_interval(t, res.estimate, jack, 0.95, method)
    assert res.conf_low == pytest.approx(low, abs=1e-12)
    assert res.conf_high == pytest.approx(high, abs=1e-12)
    assert res.se == pytest.approx(np.std(t, ddof=1), abs=1e-12)


def test_regression_bca_equals_textbook_loop(sample):
    _, scores = sample
    x = ["entertainment", "advertisement"]
    res = bootstrap_regression(scores, "PI", x, n_resamples=300, seed=9, method="bca")
    idx = bootstrap_indices(len(scores), n_resamples=300, seed=9)
    yv, xv = scores["PI"].to_numpy(dtype=float), scores[x].to_numpy(dtype=float)
    t = np.array([_plain_ols(yv[i], xv[i]) for i in idx])
    jack = np.array([_plain_ols(np.delete(yv, i), np.delete(xv, i, axis=0))
                     for i in range(len(yv))])
    t0 = _plain_ols(yv, xv)
    for j, term in enumerate(["(Constant)", *x]):
        low, high = _textbook_interval(t[:, j], t0[j], jack[:, j], 0.95, "bca")
        row = res.table.iloc[j]
        assert row["term"] == term
        assert (row["conf_low"], row["conf_high"]) == pytest.approx((low, high), rel=1e-9)
    low, high = _textbook_interval(t[:, 3], t0[3], jack[:, 3], 0.95, "bca")
    assert (res.conf_low, res.conf_high) == pytest.approx((low, high), rel=1e-9)


# ------------------------------------------------------------ seeds and blocks

def test_same_seed_same_result_other_seed_other_result(sample):
    d, _ = sample
    a = bootstrap_alpha(d[SMMA], n_resamples=300, seed=42)
    b = bootstrap_alpha(d[SMMA], n_resamples=300, seed=42)
    c = bootstrap_alpha(d[SMMA], n_resamples=300, seed=43)
    assert a == b
    assert np.array_equal(a.replicates, b.replicates)
    assert a.conf_low != c.conf_low
    assert a.seed == 42


def test_without_a_seed_the_drawn_seed_reproduces_the_run(sample):
    d, _ = sample
    first = bootstrap_alpha(d[SMMA], n_resamples=200)
    assert isinstance(first.seed, int) and 0 <= first.seed < 2 ** 32
    again = bootstrap_alpha(d[SMMA], n_resamples=200, seed=first.seed)
    assert np.array_equal(first.replicates, again.replicates)


def test_blocks_do_not_change_the_numbers(sample, monkeypatch):
    _, scores = sample
    x = ["interaction", "trendiness"]
    whole = bootstrap_regression(scores, "PI", x, n_resamples=500, seed=1, method="bca")
    # 7 resamples a block, and 78 jackknife rows a block (9 columns of sums)
    monkeypatch.setattr(resampling, "_BLOCK_CELLS", 101 * 7)
    blocked = bootstrap_regression(scores, "PI", x, n_resamples=500, seed=1, method="bca")
    np.testing.assert_allclose(whole.replicates, blocked.replicates, rtol=1e-12)
    pd.testing.assert_frame_equal(whole.table, blocked.table, check_exact=False, rtol=1e-12)
    assert bootstrap_indices(101, 500, seed=1).tolist() == \
        np.random.default_rng(1).integers(0, 101, size=(500, 101)).tolist()


def test_same_seed_resamples_the_same_respondents_for_every_statistic(sample):
    d, scores = sample
    a = bootstrap_alpha(d[PI], n_resamples=50, seed=8)
    r = bootstrap_regression(scores, "PI", "SMMA", n_resamples=50, seed=8)
    idx = bootstrap_indices(101, 50, seed=8)
    assert a.replicates[4] == pytest.approx(cronbach_alpha(d[PI].iloc[idx[4]]).alpha, rel=1e-12)
    slope = np.polyfit(scores["SMMA"].iloc[idx[4]], scores["PI"].iloc[idx[4]], 1)[0]
    assert r.replicates[4, 1] == pytest.approx(slope, rel=1e-10)


# ------------------------------------------------------------- failed resamples

def test_resamples_with_constant_total_fail_and_are_counted():
    # Rows 0-2 are the same respondent's answers: a resample drawing only those
    # (or only one row) has a constant total score and no alpha.
    d = pd.DataFrame({"a": [1, 1, 1, 5, 3], "b": [2, 2, 2, 4, 4]})
    total = d.sum(axis=1).tolist()
    idx = lcg_indices(5, 400, 1)
    res = bootstrap_alpha(d, indices=idx)
    expected = sum(len({total[i] for i in row}) == 1 for row in idx.tolist())
    assert 0 < expected < 200
    assert res.n_failed == expected
    assert len(res.replicates) == 400 - expected
    assert np.isfinite(res.replicates).all()


def test_singular_resamples_fail_and_are_counted():
    # x2 = 2 * x1 except in row 0, so a resample is collinear when it lacks row 0,
    # or when it holds only two distinct x1 values (two points are always collinear).
    x1 = [1.0, 2, 3, 4, 5, 6, 6, 6, 6, 6]
    d = pd.DataFrame({"x1": x1, "x2": [2 * v for v in x1],
                      "y": [3.0, 1, 4, 1, 5, 9, 2, 6, 5, 3]})
    d.loc[0, "x2"] = 7.0
    idx = lcg_indices(10, 300, 3)
    res = bootstrap_regression(d, "y", ["x1", "x2"], indices=idx)
    expected = sum(0 not in row or len({x1[i] for i in row}) < 3 for row in idx.tolist())
    assert res.n_failed == expected > 0
    assert len(res.replicates) == 300 - expected


def test_constant_y_resample_fails():
    d = pd.DataFrame({"y": [1.0, 1, 1, 2, 5], "x": [1.0, 2, 3, 4, 6]})
    idx = np.array([[0, 1, 2, 0, 1], [0, 3, 4, 2, 1], [4, 3, 4, 2, 0]] * 30)
    res = bootstrap_regression(d, "y", "x", indices=idx)
    assert res.n_failed == 30
    assert res.n_resamples == 90


# ------------------------------------------------------------ results and input

def test_result_shape_and_rendering(mtcars):
    res = bootstrap_regression(mtcars, "mpg", ["wt", "hp"], n_resamples=200, seed=1)
    assert isinstance(res, BootstrapResult)
    assert tuple(res.table.columns) == TABLE_COLUMNS
    assert res.table["term"].tolist() == ["(Constant)", "wt", "hp"]
    assert (res.table["conf_low"] < res.table["b"]).all()
    assert (res.table["b"] < res.table["conf_high"]).all()
    out = res.to_dict()
    assert "replicates" not in out
    text = json.dumps(out)
    assert json.loads(text)["table"][1]["term"] == "wt"
    assert all(type(out[k]) is float for k in ("estimate", "conf_low", "conf_high", "se",
                                               "bias", "ci"))
    assert "boot_se" in res.summary() and "boot_se" in res._repr_html_()
    with pytest.raises(ValueError):
        res.replicates[0, 0] = 1.0


def test_alpha_result_has_no_table(agree):
    res = bootstrap_alpha(agree, n_resamples=100, seed=1, name="A")
    assert res.table is None and res.statistic == "alpha" and res.name == "A"
    assert "table" not in res.summary()
    assert json.loads(json.dumps(res.to_dict()))["table"] is None


def test_listwise_deletion_before_resampling(agree):
    d = agree.head(40).astype(float)
    d.iloc[[3, 10], [0, 2]] = np.nan
    res = bootstrap_alpha(d, n_resamples=100, seed=1)
    assert (res.n, res.n_excluded) == (38, 2)
    assert res.estimate == pytest.approx(cronbach_alpha(d).alpha, abs=0)
    m = pd.DataFrame({"y": [1.0, 2, np.nan, 4, 5, 7, 6, 8], "x": [1.0, 3, 2, 4, 4, 6, 7, 8]})
    r = bootstrap_regression(m, "y", "x", n_resamples=100, seed=1)
    assert (r.n, r.n_excluded) == (7, 1)


@pytest.mark.parametrize("kwargs, match", [
    ({"method": "BCa"}, "method"),
    ({"method": "normal"}, "method"),
    ({"ci": 1.0}, "ci"),
    ({"ci": 0}, "ci"),
    ({"seed": -1}, "seed"),
    ({"seed": 1.5}, "seed"),
    ({"seed": True}, "seed"),
    ({"n_resamples": 0}, "n_resamples"),
    ({"n_resamples": True}, "n_resamples"),
    ({"n_resamples": 100.0}, "n_resamples"),
    ({"n_resamples": 39}, "too few"),
    ({"n_resamples": 150, "ci": 0.99}, "at least 200"),
    ({"indices": np.zeros((5, 3), dtype=int)}, "shape"),
    ({"indices": np.full((50, 40), 40)}, "0 to 39"),
    ({"indices": np.zeros((50, 40))}, "whole numbers"),
])
def test_bad_arguments_raise_dataerror(agree, kwargs, match):
    args = {"n_resamples": 100, "seed": 1}
    args.update(kwargs)
    with pytest.raises(DataError, match=match):
        bootstrap_alpha(agree.head(40), **args)


def test_forty_resamples_are_enough_at_95_percent(agree):
    res = bootstrap_alpha(agree, n_resamples=40, seed=1)
    assert res.conf_low < res.conf_high


def test_undefined_alpha_and_bad_models_raise():
    with pytest.raises(DataError, match="undefined"):
        bootstrap_alpha(pd.DataFrame({"a": [1, 2, 3], "b": [3, 2, 1], "c": [2, 2, 2]}),
                        n_resamples=50)
    with pytest.raises(DataError, match="at least 2 items"):
        bootstrap_alpha(pd.DataFrame({"a": [1, 2, 3]}), n_resamples=50)
    d = pd.DataFrame({"y": [1.0, 2, 3, 5], "x": [1.0, 2, 3, 4]})
    with pytest.raises(ModelError, match="not in the data"):
        bootstrap_regression(d, "y", ["z"], n_resamples=50)
    with pytest.raises(ModelError, match="constant"):
        bootstrap_regression(d.assign(x=1.0), "y", "x", n_resamples=50)


def test_bca_needs_a_defined_jackknife():
    # Leaving out row 0 makes x constant: the acceleration is undefined.
    d = pd.DataFrame({"y": [1.0, 2, 3, 4, 6], "x": [9.0, 1, 1, 1, 1]})
    idx = np.array([[0, 1, 2, 3, 4], [0, 0, 1, 2, 3]] * 30)
    with pytest.raises(DataError, match="acceleration"):
        bootstrap_regression(d, "y", "x", method="bca", indices=idx)
    res = bootstrap_regression(d, "y", "x", method="percentile", indices=idx)
    assert res.n_failed == 0


def test_bootstrap_indices_checks_its_input():
    with pytest.raises(DataError, match="seed"):
        bootstrap_indices(10, 5)
    with pytest.raises(DataError, match="positive"):
        bootstrap_indices(0, 5, seed=1)


def test_docstring_examples_run():
    failed, attempted = doctest.testmod(bs, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert attempted >= 8 and failed == 0


def test_runtime_imports_stay_light():
    # The statistics run without scipy.stats or statsmodels (each costs a second of start-up).
    src = HERE.parent / "src"
    code = ("import sys, pandas as pd\n"
            "from smma_stats.bootstrap import bootstrap_alpha, bootstrap_regression\n"
            "d = pd.DataFrame({'a': [1, 2, 3, 4, 5, 3], 'b': [2, 2, 3, 5, 4, 4]})\n"
            "bootstrap_alpha(d, n_resamples=60, seed=1, method='bca')\n"
            "bootstrap_regression(d, 'a', 'b', n_resamples=60, seed=1, method='bca')\n"
            "print(sorted(m for m in sys.modules if m.startswith(('scipy.stats', "
            "'statsmodels'))))\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(src)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_interval_is_wider_at_higher_confidence(sample):
    d, _ = sample
    narrow = bootstrap_alpha(d[PI], n_resamples=1000, seed=4, ci=0.90)
    wide = bootstrap_alpha(d[PI], n_resamples=1000, seed=4, ci=0.99)
    assert wide.conf_low < narrow.conf_low < narrow.estimate < narrow.conf_high < wide.conf_high
    assert math.isclose(narrow.se, wide.se)
