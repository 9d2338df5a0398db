"""Tests of smma_stats.normality against R, PSPP, scipy, statsmodels and simulation."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import DataError, SmmaError
from smma_stats.lilliefors import dallal_wilkinson_pvalue, lilliefors_pvalue
from smma_stats.normality import NormalityResult, ks_normality
from smma_stats.shapiro import shapiro_wilk

DATA = Path(__file__).parent / "data"

# R 4.2.2, nortest 1.0.4: nortest::lillie.test(x) and shapiro.test(x) on R
# 'datasets' and a few constructed sets; the exact R calls are in the file's
# "_source" entry.
R_GOLDENS = json.loads((DATA / "normality_r_goldens.json").read_text())["sets"]


def r_values(name: str) -> np.ndarray:
    """The data of one golden set (NaN where R had NA)."""
    if name == "f300":
        i = np.arange(1, 301)
        return ((i * 37) % 101) / 10 + np.log(i)
    if name == "f5000":
        i = np.arange(1, 5001)
        return (i % 97) + np.sqrt(i)
    return np.array(R_GOLDENS[name]["values"], dtype=float)


LILLIE_SETS = [k for k, v in R_GOLDENS.items() if "lillie_D" in v]
SW_SETS = list(R_GOLDENS)


# --- Lilliefors statistic ------------------------------------------------------

@pytest.mark.parametrize("name", LILLIE_SETS)
def test_statistic_matches_r_lillie_test(name):
    res = ks_normality(r_values(name), name=name)
    assert res.statistic == pytest.approx(R_GOLDENS[name]["lillie_D"], abs=1e-12)
    assert res.statistic == pytest.approx(max(res.d_plus, -res.d_minus), abs=0)
    assert res.d_minus < 0 < res.d_plus


@pytest.mark.parametrize("name", [k for k in LILLIE_SETS if R_GOLDENS[k]["lillie_p"] < 0.1])
def test_spss_p_is_dallal_wilkinson_as_in_r(name):
    # Below 0.1 lillie.test returns the Dallal-Wilkinson p, which is what SPSS prints.
    res = ks_normality(r_values(name))
    r_p = R_GOLDENS[name]["lillie_p"]
    assert res.p_spss == pytest.approx(r_p, rel=1e-9)
    assert not res.lower_bound
    # The accurate p agrees with Dallal-Wilkinson where that formula is good.
    assert res.p_value == pytest.approx(r_p, abs=max(0.002, 0.05 * r_p))


def test_missing_values_dropped_like_r():
    # airquality$Ozone: 153 rows, 37 NA.
    res = ks_normality(pd.Series(r_values("airquality_Ozone"), name="Ozone"))
    assert res.n == 116
    assert res.variable == "Ozone"
    assert res.statistic == pytest.approx(R_GOLDENS["airquality_Ozone"]["lillie_D"], abs=1e-12)


def test_statistic_matches_statsmodels():
    from statsmodels.stats.diagnostic import lilliefors

    rng = np.random.default_rng(11)
    for n in (5, 20, 101, 1000):
        for x in (rng.normal(size=n), rng.exponential(size=n), rng.integers(1, 6, size=n)):
            d_sm, _ = lilliefors(x, dist="norm", pvalmethod="approx")
            assert ks_normality(x).statistic == pytest.approx(d_sm, abs=1e-12)


# --- What SPSS prints ---------------------------------------------------------

def test_conventions_checked_numbers():
    # CONVENTIONS "Normality" (checked against SPSS output): n = 120, D = .074 -> .099.
    # The formula reaches .099 for D in [.074405, .0745), which SPSS prints as .074.
    assert round(0.07447, 3) == 0.074
    assert f"{dallal_wilkinson_pvalue(0.07447, 120):.3f}" == "0.099"
    # n = 65, D = .135 -> .005
    assert f"{dallal_wilkinson_pvalue(0.135, 65):.3f}" == "0.005"


def test_display_lower_bound_for_normal_looking_data():
    # trees$Height: lillie.test p = 0.2826 (Stephens formula); Dallal-Wilkinson 0.274 > .2.
    res = ks_normality(r_values("trees_Height"))
    assert res.lower_bound is True
    assert res.p_spss == 0.2
    assert res.display == ".200"
    assert res.normal is True


def test_display_between_1_and_2_is_not_a_lower_bound():
    # chickwts$weight: Dallal-Wilkinson .134 (SPSS prints .134, no footnote).
    res = ks_normality(r_values("chickwts_weight"))
    assert res.display == ".134"
    assert not res.lower_bound
    assert res.p_spss == pytest.approx(dallal_wilkinson_pvalue(res.statistic, 71))


@pytest.mark.parametrize("name", ["faithful_eruptions", "islands", "quakes_mag", "rivers"])
def test_display_tiny_p_never_000(name):
    res = ks_normality(r_values(name))
    assert res.display == "< .001"
    assert res.p_value < 0.001
    assert res.normal is False


def test_display_ordinary():
    # likert101: lillie.test p = 0.006658 -> ".007"
    res = ks_normality(r_values("likert101"))
    assert res.display == ".007"
    assert res.normal is False


# --- Accuracy of p_value against simulation -----------------------------------

# Monte Carlo goldens, computed once, independently of the shipped table (other
# seed): for each n, 200,000 samples (50,000 for n = 20,000) of N(0, 1), each
# standardised with its mean and SD (n - 1), D = max(D+, D-); p = share of D >= d.
# Recipe: python tools/make_lilliefors_table.py --check N d1 d2 ... --reps R --seed 7
# (numpy Generator(PCG64(SeedSequence([7, N])))). MC standard error <= 0.0023.
MC_GOLDENS = [
    # (n, d, simulated P(D >= d))
    (4, 0.25, 0.56333),  # s.e. 0.00111
    (4, 0.35, 0.09135),  # s.e. 0.00064
    (7, 0.2, 0.54878),  # s.e. 0.00111
    (7, 0.28, 0.10074),  # s.e. 0.00067
    (20, 0.13, 0.49162),  # s.e. 0.00112
    (20, 0.17, 0.12965),  # s.e. 0.00075
    (20, 0.2, 0.03388),  # s.e. 0.00040
    (37, 0.1, 0.44691),  # s.e. 0.00111
    (37, 0.13, 0.11222),  # s.e. 0.00071
    (60, 0.095, 0.19134),  # s.e. 0.00088
    (60, 0.101, 0.12965),  # s.e. 0.00075
    (60, 0.115, 0.04643),  # s.e. 0.00047
    (150, 0.06, 0.20850),  # s.e. 0.00091
    (150, 0.075, 0.03897),  # s.e. 0.00043
    (1000, 0.025, 0.14182),  # s.e. 0.00078
    (1000, 0.03, 0.03170),  # s.e. 0.00039
    (20000, 0.0055, 0.16138),  # s.e. 0.00165
    (20000, 0.0065, 0.04366),  # s.e. 0.00091
]


@pytest.mark.parametrize("n, d, p_mc", MC_GOLDENS)
def test_p_value_matches_simulation(n, d, p_mc):
    assert lilliefors_pvalue(d, n) == pytest.approx(p_mc, abs=0.01)


def mc(n, d):
    return next(p for n_, d_, p in MC_GOLDENS if (n_, d_) == (n, d))


def test_approximations_drift_where_p_value_does_not():
    # The reason for the table. statsmodels 0.14 lilliefors() at n = 60,
    # D = .101 gives .170 (simulation .130); Dallal-Wilkinson at n = 150,
    # D = .06 gives .193 (simulation .209).
    from statsmodels.stats._lilliefors import get_lilliefors_table

    table = get_lilliefors_table("norm")
    assert abs(float(table.prob(0.101, 60)) - mc(60, 0.101)) > 0.03
    assert abs(dallal_wilkinson_pvalue(0.06, 150) - mc(150, 0.06)) > 0.01
    assert abs(lilliefors_pvalue(0.101, 60) - mc(60, 0.101)) < 0.005
    assert abs(lilliefors_pvalue(0.06, 150) - mc(150, 0.06)) < 0.005


@pytest.mark.parametrize("level, t_crit", [
    # Stephens (1974), Table 1A, case 3 (normal, mean and variance estimated):
    # upper-tail points of D (sqrt(n) - 0.01 + 0.85/sqrt(n)).
    (0.15, 0.775), (0.10, 0.819), (0.05, 0.895), (0.025, 0.955), (0.01, 1.035),
])
@pytest.mark.parametrize("n", [20, 50])
def test_table_reproduces_stephens_points(level, t_crit, n):
    d = t_crit / (math.sqrt(n) - 0.01 + 0.85 / math.sqrt(n))
    assert lilliefors_pvalue(d, n) == pytest.approx(level, abs=0.003)


def test_shipped_table_is_well_formed():
    # Built by tools/make_lilliefors_table.py; the docstring of ks_normality describes it.
    with np.load(Path(__file__).parents[1] / "src" / "smma_stats" / "data"
                 / "lilliefors_table.npz") as z:
        n, levels, q, t_min, reps = z["n"], z["levels"], z["quantiles"], z["t_min"], z["reps"]
    assert n[0] == 4 and n[-1] == 10_000 and len(n) == 63 and np.all(np.diff(n) > 0)
    assert levels.min() == 0.001 and levels.max() == 0.999 and len(levels) == 122
    assert q.shape == (len(n), len(levels))
    order = np.argsort(levels)
    assert np.all(np.diff(q[:, order], axis=1) < 0)  # larger T, smaller tail probability
    assert np.all(t_min < q[:, order[-1]])
    assert reps.min() == 200_000 and reps[n <= 100].min() == 1_000_000


@pytest.mark.parametrize("n", [4, 5, 19, 20, 37, 99, 100, 101, 999, 1000, 9999, 10000, 10001,
                               10_000_000])
def test_p_value_monotone_and_bounded(n):
    ds = np.linspace(0.3, 2.0, 400) / math.sqrt(n)
    ps = np.array([lilliefors_pvalue(d, n) for d in ds])
    assert np.all(np.diff(ps) <= 1e-12)
    assert ps[0] <= 1.0 and ps[-1] >= 0.0
    assert ps[0] > 0.95 and ps[-1] < 1e-6


def test_p_value_continuous_in_n():
    # No jumps between tabulated sample sizes.
    for d_sqrt_n in (0.6, 0.8, 1.0, 1.3):
        ps = [lilliefors_pvalue(d_sqrt_n / math.sqrt(n), n) for n in range(20, 400)]
        assert np.max(np.abs(np.diff(ps))) < 0.004


def test_p_value_joins_tail_continuously():
    # Around p = .001, where the table hands over to the Dallal-Wilkinson tail.
    n = 80
    ds = np.linspace(0.11, 0.16, 2001)
    ps = np.array([lilliefors_pvalue(d, n) for d in ds])
    edge = np.argmin(np.abs(ps - 0.001))
    assert 0 < edge < len(ds) - 1
    assert np.max(np.abs(np.diff(np.log(ps)))) < 0.01


# --- Kolmogorov (uncorrected) method --------------------------------------------

def test_kolmogorov_method_matches_scipy_kstest():
    from scipy import stats

    rng = np.random.default_rng(3)
    for x in (rng.normal(10, 2, 50), rng.gamma(2.0, size=169), r_values("precip")):
        res = ks_normality(x, method="kolmogorov")
        mean, sd = x.mean(), x.std(ddof=1)
        ref = stats.kstest(x, "norm", args=(mean, sd), method="asymp")
        assert res.statistic == pytest.approx(ref.statistic, abs=1e-12)
        assert res.p_value == pytest.approx(ref.pvalue, rel=1e-9)
        assert res.z == pytest.approx(math.sqrt(len(x)) * ref.statistic)
        up = stats.kstest(x, "norm", args=(mean, sd), alternative="greater", method="asymp")
        lo = stats.kstest(x, "norm", args=(mean, sd), alternative="less", method="asymp")
        # scipy's "greater" is max(F_n - F) = D+, "less" is max(F - F_n) = D-.
        assert res.d_plus == pytest.approx(up.statistic, abs=1e-12)
        assert res.d_minus == pytest.approx(-lo.statistic, abs=1e-12)
        assert res.p_spss == res.p_value and not res.lower_bound


def test_kolmogorov_checked_number():
    # CONVENTIONS (checked): N = 169, Z = 1.191 -> .117.
    from scipy.special import kolmogorov

    assert f"{kolmogorov(1.191):.3f}" == "0.117"
    rng = np.random.default_rng(5)
    x = rng.normal(size=169)
    res = ks_normality(x, method="kolmogorov")
    assert res.p_value == pytest.approx(float(kolmogorov(res.z)), rel=1e-12)
    assert res.z == pytest.approx(13.0 * res.statistic)


@pytest.mark.parametrize("name, n, d, d_plus, d_minus, z, sig", [
    # PSPP 1.6.2: NPAR TESTS /KOLMOGOROV-SMIRNOV (NORMAL) = x (printed to 2-3 decimals)
    ("precip", 70, ".11", ".08", "-.11", ".91", ".375"),
    ("trees_Height", 31, ".12", ".07", "-.12", ".68", ".745"),
    ("likert101", 101, ".11", ".06", "-.11", "1.07", ".189"),
])
def test_kolmogorov_method_matches_pspp(name, n, d, d_plus, d_minus, z, sig):
    res = ks_normality(r_values(name), method="kolmogorov")

    def two(v):
        return f"{v:.2f}".replace("0.", ".")

    assert res.n == n
    assert (two(res.statistic), two(res.d_plus), two(res.d_minus)) == (d, d_plus, d_minus)
    assert two(res.z) == z
    assert not res.lower_bound
    if res.z < 1:
        assert res.display == sig
    else:
        # PSPP's ks_asymp_sig divides the Z >= 1 branch of the Smirnov series by Z
        # (.189 = .202 / 1.070); SPSS does not (CONVENTIONS: Z = 1.191 -> .117).
        assert res.display == ".202"
        assert f"{res.p_value / res.z:.3f}".lstrip("0") == sig


def test_kolmogorov_is_more_lenient_than_lilliefors():
    x = r_values("likert101")
    assert ks_normality(x, method="kolmogorov").p_value > ks_normality(x).p_value


# --- Shapiro-Wilk ------------------------------------------------------------------

@pytest.mark.parametrize("name", SW_SETS)
def test_shapiro_wilk_matches_r(name):
    w, p = shapiro_wilk(r_values(name))
    assert w == pytest.approx(R_GOLDENS[name]["sw_W"], abs=1e-9)
    assert p == pytest.approx(R_GOLDENS[name]["sw_p"], rel=1e-6, abs=1e-12)


def test_shapiro_wilk_matches_scipy():
    from scipy import stats

    rng = np.random.default_rng(8)
    for n in (3, 4, 5, 6, 11, 12, 30, 101, 999, 5000):
        for x in (rng.normal(size=n), rng.lognormal(size=n), rng.integers(1, 6, n) + 0.0):
            if np.ptp(x) == 0:
                continue
            ref = stats.shapiro(x)
            w, p = shapiro_wilk(x)
            # scipy's Fortran works in single precision for the coefficients.
            assert w == pytest.approx(ref.statistic, abs=1e-6)
            assert p == pytest.approx(ref.pvalue, abs=1e-5)


def test_shapiro_beside_ks_and_nan_above_5000():
    res = ks_normality(r_values("precip"))
    assert res.shapiro_statistic == pytest.approx(R_GOLDENS["precip"]["sw_W"], abs=1e-9)
    assert res.shapiro_p_value == pytest.approx(R_GOLDENS["precip"]["sw_p"], rel=1e-6)
    big = ks_normality(np.random.default_rng(1).normal(size=5001))
    assert math.isnan(big.shapiro_statistic) and math.isnan(big.shapiro_p_value)
    with pytest.raises(DataError, match="5000"):
        shapiro_wilk(np.arange(5001.0))


def test_shapiro_wilk_input_checks():
    with pytest.raises(DataError, match="at least 3"):
        shapiro_wilk([1.0, 2.0])
    with pytest.raises(DataError, match="equal"):
        shapiro_wilk([2.0, 2.0, 2.0, np.nan])


# --- Input handling and result object ------------------------------------------

def test_names():
    x = r_values("precip")
    assert ks_normality(x).variable == "x"
    assert ks_normality(pd.Series(x, name="Y")).variable == "Y"
    assert ks_normality(pd.Series(x, name="Y"), name="Kepuasan").variable == "Kepuasan"


def test_nullable_series_and_lists():
    s = pd.Series([3, 4, None, 5, 2, 4, 4, 3, 5], dtype="Int64", name="item")
    res = ks_normality(s)
    assert res.n == 8
    assert res.statistic == pytest.approx(ks_normality([3, 4, 5, 2, 4, 4, 3, 5]).statistic)


@pytest.mark.parametrize("bad, match", [
    ([1.0, 2.0, 3.0], "at least 4"),
    ([1.0, 2.0, np.nan, 3.0, np.nan], "at least 4"),
    ([4.0, 4.0, 4.0, 4.0, 4.0], "equal"),
    (["a", "b", "c", "d"], "numbers"),
    ([1.0, 2.0, np.inf, 3.0, 4.0], "finite"),
    (np.ones((3, 3)), "one column"),
])
def test_input_errors(bad, match):
    with pytest.raises(DataError, match=match):
        ks_normality(bad)


def test_argument_errors():
    with pytest.raises(SmmaError, match="method"):
        ks_normality([1.0, 2.0, 3.0, 5.0], method="shapiro")
    with pytest.raises(SmmaError, match="sig_level"):
        ks_normality([1.0, 2.0, 3.0, 5.0], alpha=5)


def test_alpha_decides_normal():
    x = r_values("precip")  # p about .037
    assert ks_normality(x).normal is False
    assert ks_normality(x, alpha=0.01).normal is True
    assert ks_normality(x, alpha=0.01).alpha == 0.01


def test_result_is_frozen_and_renders():
    res = ks_normality(pd.Series(r_values("precip"), name="precip"))
    assert isinstance(res, NormalityResult)
    with pytest.raises(AttributeError):
        res.n = 3
    d = res.to_dict()
    assert d["z"] is None  # NaN for the Lilliefors method
    assert d["display"] == ".038" and d["method"] == "lilliefors"
    json.dumps(d)
    for field in ("mean", "sd", "statistic", "d_plus", "d_minus", "p_value", "p_spss",
                  "shapiro_statistic", "shapiro_p_value"):
        assert type(getattr(res, field)) is float, field
    assert type(res.n) is int and type(res.normal) is bool and type(res.lower_bound) is bool
    text = res.summary()
    assert "p_spss: .038" in text and "display: .038" in text and "z:" not in text
    assert "variable: precip" in text
    assert "<table>" in res._repr_html_()
    assert "z: " in ks_normality(r_values("precip"), method="kolmogorov").summary()


def test_large_sample_runs():
    # Beyond the tabulated sizes the last row stands for the limiting distribution.
    x = np.random.default_rng(2).normal(size=200_000)
    res = ks_normality(x)
    assert 0.0 < res.p_value <= 1.0 and res.n == 200_000
    assert math.isnan(res.shapiro_p_value)
