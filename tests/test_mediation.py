"""Tests of smma_stats.mediation_analysis against PROCESS, R and direct refits.

Data: ``tests/data/process_model4.csv`` and ``process_model6.csv`` are the
columns x, m1, m2, y (n = 1000, digits unchanged) of ``Data_Model4.csv`` and
``Data_Model6.csv`` in the tests folder of the pyprocessmacro project
(github.com/QuentinAndre/pyprocessmacro, MIT licence). The same folder holds
the output of PROCESS for SPSS 2.16.3 on them (``Results_OLS_Model4.txt``,
``Results_OLS_Model6.txt``): models 4 and 6, Y = y, X = x, M1 = m1, M2 =
m2, no covariates, ``hc3=1`` ("All standard errors for continuous outcome
models are based on the HC3 estimator"), 5000 bias-corrected bootstrap
samples, 95% intervals. Its numbers are quoted beside each golden and
matched to their printed 4 decimals.

Bootstrap limits cannot match digit for digit: PROCESS drew other
resamples and used bias-corrected limits, this run percentile limits. With
B = 5000 the Monte Carlo SD of a 2.5% or 97.5% limit is about
sqrt(.025 * .975 / 5000) / phi(1.96) = 0.038 bootstrap SEs, so two
independent runs differ by about 0.054 SE (SD); the tolerance is 0.2 SE
(about 3.7 SD of that difference). The bootstrap SE itself varies by about
SE / sqrt(2B) = 1% per run; the tolerance is 5%.

R goldens: R 4.x, ``lm()`` and ``car::hccm(fit, type = "hc3")``, the calls
quoted beside the numbers.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats import DataError, ModelError, mediation
from smma_stats.resampling import bootstrap_indices, confidence_limits
from smma_stats.mediation_analysis import MEDIATION_TYPES, MediationResult, classify, parse_mediation

DATA = Path(__file__).parent / "data"


def printed(value, text: str) -> None:
    """``value`` rounds to the 4-decimal number PROCESS printed."""
    assert abs(float(value) - float(text)) <= 0.5e-4 + 1e-12, (value, text)


@pytest.fixture(scope="module")
def m4() -> pd.DataFrame:
    return pd.read_csv(DATA / "process_model4.csv")


@pytest.fixture(scope="module")
def m6() -> pd.DataFrame:
    return pd.read_csv(DATA / "process_model6.csv")


@pytest.fixture(scope="module")
def res4(m4) -> MediationResult:
    return mediation(m4, "x", ["m1", "m2"], "y", robust=True, seed=20240501)


def _path(res, label):
    row = res.paths[res.paths["path"] == label]
    assert len(row) == 1, label
    return row.iloc[0]


# ----------------------------------------------------------------------------
# PROCESS 2.16.3, model 4, hc3=1

# Results_OLS_Model4.txt, "Model" tables: coeff, se, t, LLCI, ULCI
PROCESS_M4_PATHS = {
    "a1": ("m1", "x", ".9637", ".0306", "31.4854", ".9036", "1.0238"),
    "a2": ("m2", "x", "-.9719", ".0301", "-32.3062", "-1.0309", "-.9128"),
    "b1": ("y", "m1", ".9870", ".0331", "29.8099", ".9220", "1.0519"),
    "b2": ("y", "m2", ".9811", ".0311", "31.5778", ".9201", "1.0420"),
    "c_prime": ("y", "x", "1.0523", ".0566", "18.5862", ".9412", "1.1634"),
}


@pytest.mark.parametrize("label", sorted(PROCESS_M4_PATHS))
def test_model4_paths_match_process_hc3(res4, label):
    dep, term, b, se, t, lo, hi = PROCESS_M4_PATHS[label]
    row = _path(res4, label)
    assert (row["dependent"], row["term"]) == (dep, term)
    for col, text in zip(("b", "se", "t", "conf_low", "conf_high"), (b, se, t, lo, hi), strict=True):
        printed(row[col], text)
    assert row["p_value"] < 0.00005  # printed .0000


def test_model4_constants_match_process(res4):
    consts = res4.paths[res4.paths["term"] == "(Constant)"].set_index("dependent")
    # Results_OLS_Model4.txt: constant 1.0534 (.0429), .9210 (.0428), 1.0079 (.0667)
    printed(consts.loc["m1", "b"], "1.0534")
    printed(consts.loc["m1", "se"], ".0429")
    printed(consts.loc["m2", "b"], ".9210")
    printed(consts.loc["m2", "se"], ".0428")
    outcome = res4.paths[(res4.paths["model"] == "outcome") & (res4.paths["term"] == "(Constant)")]
    printed(outcome["b"].iloc[0], "1.0079")
    printed(outcome["se"].iloc[0], ".0667")


# Results_OLS_Model4.txt, "Model Summary": R, R-sq, MSE, F (HC3 Wald), df1, df2
PROCESS_M4_MODELS = [
    ("mediator", "m1", ".7101", ".5043", ".9961", "991.3306", 1, 998),
    ("mediator", "m2", ".7108", ".5052", "1.0095", "1043.6906", 1, 998),
    ("outcome", "y", ".8665", ".7509", "1.0292", "883.3145", 3, 996),
]


def test_model4_model_summaries_match_process_hc3_wald_f(res4):
    models = res4.models
    for i, (model, dep, r, r2, mse, f, df1, df2) in enumerate(PROCESS_M4_MODELS):
        row = models.iloc[i]
        assert (row["model"], row["dependent"], row["df1"], row["df2"]) == (model, dep, df1, df2)
        for col, text in zip(("r", "r2", "mse", "f"), (r, r2, mse, f), strict=True):
            printed(row[col], text)
        assert row["p_value"] < 0.00005


def test_model4_hc3_wald_f_matches_car():
    # R: fit <- lm(y ~ x + m1 + m2, d); car::linearHypothesis(fit, c("x=0","m1=0","m2=0"),
    #    vcov. = hccm(fit, type = "hc3"), test = "F")$F[2]
    d = pd.read_csv(DATA / "process_model4.csv")
    res = mediation(d, "x", ["m1", "m2"], "y", robust=True, bootstrap=200, seed=1)
    assert res.models.iloc[2]["f"] == pytest.approx(883.314536178137, rel=1e-10)


def test_model4_indirect_effects_match_process(res4):
    ind = res4.indirect.set_index("effect")
    # Results_OLS_Model4.txt, "Indirect effect of X on Y": Effect
    printed(ind.at["ind1", "estimate"], ".9511")
    printed(ind.at["ind2", "estimate"], "-.9535")
    printed(ind.at["total", "estimate"], "-.0024")
    printed(res4.indirect_effect, "-.0024")
    # Direct effect of X on Y: 1.0523 (.0566), t 18.5862
    printed(res4.direct_effect, "1.0523")
    eff = res4.effects.set_index("kind")
    printed(eff.at["direct", "se"], ".0566")
    printed(eff.at["direct", "t"], "18.5862")
    assert list(ind.index) == ["total", "ind1", "ind2"]
    assert ind.at["ind1", "path"] == "x -> m1 -> y"


# Results_OLS_Model4.txt: Boot SE, BootLLCI, BootULCI (5000 bias-corrected resamples)
PROCESS_M4_BOOT = {"total": (".0616", "-.1253", ".1183"),
                   "ind1": (".0434", ".8667", "1.0361"),
                   "ind2": (".0428", "-1.0380", "-.8697")}


@pytest.mark.parametrize("effect", sorted(PROCESS_M4_BOOT))
def test_model4_bootstrap_within_sampling_error_of_process(res4, effect):
    se, lo, hi = (float(v) for v in PROCESS_M4_BOOT[effect])
    row = res4.indirect.set_index("effect").loc[effect]
    assert row["boot_se"] == pytest.approx(se, rel=0.05)
    assert row["conf_low"] == pytest.approx(lo, abs=0.2 * se)
    assert row["conf_high"] == pytest.approx(hi, abs=0.2 * se)


# ----------------------------------------------------------------------------
# PROCESS 2.16.3, model 6 (serial), hc3=1

def test_model6_serial_matches_process(m6):
    res = mediation(m6, "x", ["m1", "m2"], "y", serial=True, robust=True, seed=7)
    # Results_OLS_Model6.txt, Outcome m2: m1 .9747 (.0330), x -.9475 (.0442); F 435.8088
    d21, a2 = _path(res, "d21"), _path(res, "a2")
    printed(d21["b"], ".9747")
    printed(d21["se"], ".0330")
    printed(a2["b"], "-.9475")
    printed(a2["se"], ".0442")
    printed(res.models.iloc[1]["f"], "435.8088")
    assert (res.models.iloc[1]["df1"], res.models.iloc[1]["df2"]) == (2, 997)
    # Outcome y: R-sq .8999, F 2596.2785; m1 1.0059 (.0448)
    printed(res.models.iloc[2]["r2"], ".8999")
    printed(res.models.iloc[2]["f"], "2596.2785")
    printed(_path(res, "b1")["b"], "1.0059")
    printed(_path(res, "b1")["se"], ".0448")
    # Indirect effect(s): Total .9613 (.0795) [.8125, 1.1252]; Ind1 .9694 (.0515)
    # [.8746, 1.0771]; Ind2 .9215 (.0533) [.8214, 1.0326]; Ind3 -.9296 (.0519) [-1.0296, -.8277]
    expected = {"total": (".9613", ".0795", ".8125", "1.1252"),
                "ind1": (".9694", ".0515", ".8746", "1.0771"),
                "ind2": (".9215", ".0533", ".8214", "1.0326"),
                "ind3": ("-.9296", ".0519", "-1.0296", "-.8277")}
    ind = res.indirect.set_index("effect")
    assert ind.at["ind2", "path"] == "x -> m1 -> m2 -> y"
    for effect, (est, se, lo, hi) in expected.items():
        printed(ind.at[effect, "estimate"], est)
        assert ind.at[effect, "boot_se"] == pytest.approx(float(se), rel=0.05)
        assert ind.at[effect, "conf_low"] == pytest.approx(float(lo), abs=0.2 * float(se))
        assert ind.at[effect, "conf_high"] == pytest.approx(float(hi), abs=0.2 * float(se))
    assert res.sobel["effect"].tolist() == ["ind1", "ind3"]  # single-mediator paths only
    assert len(res.contrasts) == 3


# ----------------------------------------------------------------------------
# Classical standard errors and Sobel tests against R

def test_classical_paths_match_r(m4):
    res = mediation(m4, "x", ["m1", "m2"], "y", bootstrap=200, seed=1)
    # R: coef(lm(m1 ~ x)), sqrt(diag(vcov(.))); summary(.)$fstatistic, $r.squared
    a1 = _path(res, "a1")
    assert a1["b"] == pytest.approx(0.963699485145181, rel=1e-10)
    assert a1["se"] == pytest.approx(0.0302439098057941, rel=1e-10)
    assert res.models.iloc[0]["f"] == pytest.approx(1015.33039037801, rel=1e-10)
    assert res.models.iloc[0]["r2"] == pytest.approx(0.504303911186369, rel=1e-10)
    # R: lm(y ~ x + m1 + m2): F 1000.75399737089; m2 0.981079827556926 (0.0319712741192986)
    assert res.models.iloc[2]["f"] == pytest.approx(1000.75399737089, rel=1e-10)
    assert _path(res, "b2")["b"] == pytest.approx(0.981079827556926, rel=1e-10)
    assert _path(res, "b2")["se"] == pytest.approx(0.0319712741192986, rel=1e-10)
    # R: lm(y ~ x): x 1.04992875061810 (0.0517840052133084); HC3 se 0.0560041245819517
    assert res.total_effect == pytest.approx(1.04992875061810, rel=1e-10)
    assert _path(res, "c")["se"] == pytest.approx(0.0517840052133084, rel=1e-10)
    robust = mediation(m4, "x", ["m1", "m2"], "y", bootstrap=200, seed=1, robust=True)
    assert _path(robust, "c")["se"] == pytest.approx(0.0560041245819517, rel=1e-10)


# R: a <- lm(m1 ~ x, d); b <- lm(y ~ x + m1 + m2, d); z <- A*B / sqrt(B^2*sa^2 + A^2*sb^2)
# with sa, sb from vcov() (classical) or car::hccm(., type = "hc3"); p = 2*pnorm(-|z|)
R_SOBEL = {False: {"m1": (22.094987153923, 0.043047072819, 3.531706788277e-108),
                   "m2": (-22.122000075865, 0.043101467534, 1.941283525916e-108)},
           True: {"m1": (21.646876105485, 0.043938188417, 6.504223893598e-104),
                  "m2": (-22.581988877878, 0.042223502687, 6.515013026535e-113)}}


@pytest.mark.parametrize("robust", [False, True])
def test_sobel_matches_r_and_hand_formula(m4, robust):
    res = mediation(m4, "x", ["m1", "m2"], "y", bootstrap=200, seed=1, robust=robust)
    sob = res.sobel.set_index("mediator")
    for med, (z, se, p) in R_SOBEL[robust].items():
        assert sob.at[med, "z"] == pytest.approx(z, rel=1e-10)
        assert sob.at[med, "se"] == pytest.approx(se, rel=1e-10)
        assert sob.at[med, "p_value"] == pytest.approx(p, rel=1e-6)
        a, sa, b, sb = (sob.at[med, c] for c in ("a", "se_a", "b", "se_b"))
        assert sob.at[med, "z"] == pytest.approx(a * b / math.sqrt(b * b * sa * sa + a * a * sb * sb),
                                                 rel=1e-12)


def test_covariate_enters_every_regression_as_in_r(m4):
    d = m4.assign(k=np.arange(len(m4)) % 7)
    res = mediation(d, "x", ["m1", "m2"], "y", covariates=["k"], bootstrap=500, seed=3)
    # R: d$k <- (seq_len(nrow(d)) - 1) %% 7; coef(lm(m1 ~ x + k)), lm(m2 ~ x + k),
    # lm(y ~ x + m1 + m2 + k), lm(y ~ x + k)
    assert _path(res, "a1")["b"] == pytest.approx(0.963990179980467, rel=1e-10)
    assert _path(res, "a2")["b"] == pytest.approx(-0.969976699853501, rel=1e-10)
    assert _path(res, "b1")["b"] == pytest.approx(0.9869754041251, rel=1e-10)
    assert _path(res, "b2")["b"] == pytest.approx(0.981213766387884, rel=1e-10)
    assert res.direct_effect == pytest.approx(1.05219475782129, rel=1e-10)
    assert res.total_effect == pytest.approx(1.0518748643084, rel=1e-10)
    assert _path(res, "c")["se"] == pytest.approx(0.0518811457626773, rel=1e-10)
    assert set(res.paths.loc[res.paths["term"] == "k", "dependent"]) == {"m1", "m2", "y"}
    assert res.covariates == ("k",)


# ----------------------------------------------------------------------------
# Identities and the bootstrap itself

@pytest.mark.parametrize("serial", [False, True])
def test_total_is_direct_plus_indirect(m6, serial):
    d = m6.assign(k=np.arange(len(m6)) % 5)
    res = mediation(d, "x", ["m1", "m2"], "y", covariates=["k"], serial=serial,
                    bootstrap=300, seed=2)
    assert res.total_effect == pytest.approx(res.direct_effect + res.indirect_effect, rel=1e-10)
    ind = res.indirect.set_index("effect")
    specific = ind.drop(index="total")
    assert ind.at["total", "estimate"] == pytest.approx(specific["estimate"].sum(), rel=1e-12)
    # the bootstrap estimate at the full sample equals the product of the reported slopes
    a1, b1 = _path(res, "a1")["b"], _path(res, "b1")["b"]
    assert ind.at["ind1", "estimate"] == pytest.approx(a1 * b1, rel=1e-10)


def test_replicates_equal_refits_of_the_same_resamples(m4):
    idx = bootstrap_indices(len(m4), n_resamples=40, seed=11)
    res = mediation(m4, "x", ["m1", "m2"], "y", indices=idx)
    assert res.n_resamples == 40 and res.seed is None
    Z = m4.to_numpy()
    for r in range(40):
        s = Z[idx[r]]
        one = np.ones(len(s))
        a1 = np.linalg.lstsq(np.column_stack([one, s[:, 0]]), s[:, 1], rcond=None)[0][1]
        a2 = np.linalg.lstsq(np.column_stack([one, s[:, 0]]), s[:, 2], rcond=None)[0][1]
        b = np.linalg.lstsq(np.column_stack([one, s[:, :3]]), s[:, 3], rcond=None)[0]
        assert res.replicates[r, 0] == pytest.approx(a1 * b[2], rel=1e-9)
        assert res.replicates[r, 1] == pytest.approx(a2 * b[3], rel=1e-9)


def test_seed_repeats_and_the_plan_is_the_projects(m4):
    a = mediation(m4, "x", "m1", "y", bootstrap=500, seed=5)
    b = mediation(m4, "x", "m1", "y", bootstrap=500, seed=5)
    c = mediation(m4, "x", "m1", "y", indices=bootstrap_indices(len(m4), 500, seed=5))
    d = mediation(m4, "x", "m1", "y", bootstrap=500, seed=6)
    assert np.array_equal(a.replicates, b.replicates)
    assert np.array_equal(a.replicates, c.replicates)
    assert not np.array_equal(a.replicates, d.replicates)
    assert a.seed == 5 and a.n_resamples == 500 and a.n_failed == 0
    fresh = mediation(m4, "x", "m1", "y", bootstrap=100)
    assert isinstance(fresh.seed, int)


def test_limits_are_the_project_interval_of_the_replicates(m4):
    res = mediation(m4, "x", ["m1", "m2"], "y", bootstrap=1000, seed=9)
    t = res.replicates
    diff = (t[:, 0] - t[:, 1])[:, None]
    t0 = np.array([res.indirect.set_index("effect").at["ind1", "estimate"]
                   - res.indirect.set_index("effect").at["ind2", "estimate"]])
    low, high, se, _ = confidence_limits(diff, t0, None, 0.95, "percentile")
    con = res.contrasts.iloc[0]
    assert con["contrast"] == "ind1 - ind2"
    assert con["estimate"] == pytest.approx(t0[0], rel=1e-12)
    assert (con["conf_low"], con["conf_high"], con["boot_se"]) == pytest.approx(
        (low[0], high[0], se[0]), rel=1e-12)


def test_standardized_effects(m4):
    res = mediation(m4, "x", ["m1", "m2"], "y", bootstrap=1000, seed=4)
    # R: sd(d$x) 1.04408625100239, sd(d$y) 2.02955178257517
    assert res.sd_x == pytest.approx(1.04408625100239, rel=1e-12)
    assert res.sd_y == pytest.approx(2.02955178257517, rel=1e-12)
    for _, row in res.indirect.iterrows():
        assert row["std_partial"] == pytest.approx(row["estimate"] / res.sd_y, rel=1e-10)
        assert row["std_complete"] == pytest.approx(row["estimate"] * res.sd_x / res.sd_y,
                                                    rel=1e-10)
        assert row["std_complete_low"] < row["std_complete"] < row["std_complete_high"]
        assert row["std_partial_low"] < row["std_partial"] < row["std_partial_high"]


def test_bca_intervals(m4):
    pct = mediation(m4, "x", ["m1", "m2"], "y", bootstrap=2000, seed=8)
    bca = mediation(m4, "x", ["m1", "m2"], "y", bootstrap=2000, seed=8, method="bca")
    assert bca.method == "bca"
    assert np.array_equal(pct.replicates, bca.replicates)
    a, b = pct.indirect.set_index("effect"), bca.indirect.set_index("effect")
    assert not np.allclose(a["conf_low"], b["conf_low"], rtol=0, atol=1e-12)
    # both within sampling error of PROCESS's bias-corrected limits (see module docstring)
    for effect, (se, lo, hi) in PROCESS_M4_BOOT.items():
        assert b.at[effect, "conf_low"] == pytest.approx(float(lo), abs=0.3 * float(se))
        assert b.at[effect, "conf_high"] == pytest.approx(float(hi), abs=0.3 * float(se))


# ----------------------------------------------------------------------------
# Zhao, Lynch & Chen (2010) classification

@pytest.mark.parametrize("low, high, ind, direct, p, expected", [
    (0.1, 0.3, 0.2, 0.5, 0.01, "complementary"),
    (-0.3, -0.1, -0.2, -0.5, 0.01, "complementary"),
    (0.1, 0.3, 0.2, -0.5, 0.01, "competitive"),
    (0.1, 0.3, 0.2, 0.5, 0.30, "indirect_only"),
    (-0.1, 0.3, 0.1, 0.5, 0.01, "direct_only"),
    (-0.1, 0.3, 0.1, 0.5, 0.30, "no_effect"),
])
def test_classify(low, high, ind, direct, p, expected):
    assert classify(low, high, ind, direct, p, alpha=0.05) == expected
    assert expected in MEDIATION_TYPES


def test_model4_mediation_types(res4):
    ind = res4.indirect.set_index("effect")
    # a1 b1 > 0 with c' > 0; a2 b2 < 0; their sum's interval holds 0
    assert ind.at["ind1", "mediation_type"] == "complementary"
    assert ind.at["ind2", "mediation_type"] == "competitive"
    assert ind.at["total", "mediation_type"] == "direct_only"
    assert res4.mediation_type == "direct_only"
    assert ind["significant"].tolist() == [False, True, True]


# ----------------------------------------------------------------------------
# Output

def test_to_dict_is_json_with_the_project_vocabulary(res4):
    out = res4.to_dict()
    json.dumps(out)
    assert "replicates" not in out
    assert set(out) >= {"paths", "models", "indirect", "sobel", "contrasts", "effects",
                        "mediation_type", "indirect_effect", "direct_effect", "total_effect"}
    assert list(out["paths"][0]) == ["model", "dependent", "path", "term", "b", "se", "t",
                                     "p_value", "conf_low", "conf_high"]
    assert list(out["effects"][0])[:7] == ["kind", "b", "se", "t", "p_value", "conf_low",
                                           "conf_high"]
    assert out["effects"][2]["t"] is None  # the indirect effect has no t test
    assert out["mediators"] == ["m1", "m2"]
    text = res4.summary()
    assert text.startswith("Mediation analysis") and "indirect" in text


# ----------------------------------------------------------------------------
# Bad input: one line, the right error

@pytest.mark.parametrize("kwargs, error, match", [
    ({"x": "y", "m": "m1", "y": "y"}, ModelError, "both X and Y"),
    ({"x": "x", "m": "x", "y": "y"}, ModelError, "both X and mediator"),
    ({"x": "x", "m": "y", "y": "y"}, ModelError, "both Y and mediator"),
    ({"x": "x", "m": ["m1", "m2"], "y": "y", "covariates": ["m2"]}, ModelError,
     "both mediator and covariate"),
    ({"x": "x", "m": ["m1", "m1"], "y": "y"}, ModelError, "listed twice"),
    ({"x": "x", "m": "nope", "y": "y"}, ModelError, "'nope' is not in the data"),
    ({"x": "x", "m": "text", "y": "y"}, DataError, "holds text"),
    ({"x": "x", "m": [], "y": "y"}, ModelError, "at least one mediator"),
    ({"x": "x", "m": "m1", "y": "y", "method": "bc"}, DataError, "method"),
    ({"x": "x", "m": "m1", "y": "y", "ci": 95}, DataError, "ci"),
])
def test_bad_input_is_one_line(m4, kwargs, error, match):
    d = m4.head(50).assign(text=["high"] + ["1"] * 49)
    with pytest.raises(error, match=match) as info:
        mediation(d, bootstrap=100, seed=1, **kwargs)
    assert "\n" not in str(info.value)


def test_too_few_cases(m4):
    d = m4.head(4).assign(k=[1.0, 2.0, 4.0, 3.0])
    with pytest.raises(ModelError, match="too few for the model of y") as info:
        mediation(d, "x", ["m1", "m2"], "y", covariates=["k"], bootstrap=100, seed=1)
    assert "\n" not in str(info.value)


def test_missing_values_are_dropped_listwise(m4):
    d = m4.copy()
    d.loc[[3, 10], "m2"] = np.nan
    res = mediation(d, "x", ["m1", "m2"], "y", bootstrap=200, seed=1)
    assert (res.n, res.n_excluded) == (998, 2)
    ref = mediation(d.dropna(), "x", ["m1", "m2"], "y", bootstrap=200, seed=1)
    assert res.indirect["estimate"].tolist() == pytest.approx(ref.indirect["estimate"].tolist())


@pytest.mark.parametrize("text, expected", [
    ("SMMA -> TRUST -> PI", {"x": "SMMA", "m": ["TRUST"], "y": "PI", "covariates": [],
                             "serial": False}),
    (" SMMA -> TRUST , IMAGE -> PI ", {"x": "SMMA", "m": ["TRUST", "IMAGE"], "y": "PI",
                                       "covariates": [], "serial": False}),
    ("SMMA -> TRUST -> IMAGE -> PI | AGE, SEX", {"x": "SMMA", "m": ["TRUST", "IMAGE"],
                                                 "y": "PI", "covariates": ["AGE", "SEX"],
                                                 "serial": True}),
])
def test_parse_mediation(text, expected):
    assert parse_mediation(text) == expected


@pytest.mark.parametrize("text", ["SMMA -> PI", "SMMA -> -> PI", "A -> B, C -> D -> E",
                                  "PI ~ SMMA", "", "A -> B -> C |"])
def test_parse_mediation_refuses(text):
    with pytest.raises(ModelError, match="cannot read the mediation model"):
        parse_mediation(text)


def test_jackknife_equals_leave_one_out_refits(m4):
    from smma_stats.mediation_analysis.resampling import indirect_chains, indirect_statistic, jackknife

    d = m4.head(60)
    Z = d[["x", "m1", "m2", "y"]].to_numpy()
    chains = indirect_chains(2, serial=True)
    stat, V = indirect_statistic(Z, chains, 2, 0, True)
    jack = jackknife(stat, V, len(Z))
    for i in (0, 17, 59):
        s = np.delete(Z, i, axis=0)

        def slopes(y, cols, s=s):
            design = np.column_stack([np.ones(len(s)), s[:, cols]])
            return np.linalg.lstsq(design, s[:, y], rcond=None)[0][1:]

        a1 = slopes(1, [0])[0]
        a2, d21 = slopes(2, [0, 1])
        _, b1, b2 = slopes(3, [0, 1, 2])
        # chains (0,), (0, 1), (1,): x->m1->y, x->m1->m2->y, x->m2->y
        assert jack[i, :3] == pytest.approx([a1 * b1, a1 * d21 * b2, a2 * b2], rel=1e-9)


@pytest.mark.slow
def test_benchmark_script_runs():
    import subprocess
    import sys

    script = Path(__file__).resolve().parent.parent / "benchmarks" / "mediation_bench.py"
    out = subprocess.run([sys.executable, str(script), "--n", "100", "--resamples", "100",
                          "--runs", "1", "--markdown"], capture_output=True, text=True,
                         timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    assert "| parallel, BCa |" in out.stdout and "n = 100, 100 resamples" in out.stdout


# R (boot 1.3): d <- first 100 rows; idx <- bootstrap_indices(100, 1999, seed = 3) + 1;
# f <- function(d, i) { s <- d[i, ]; a1 <- coef(lm(m1 ~ x, s))[2]; a2 <- coef(lm(m2 ~ x, s))[2];
#   b <- coef(lm(y ~ x + m1 + m2, s)); c(a1 * b["m1"], a2 * b["m2"], a1 * b["m1"] + a2 * b["m2"]) }
# bo$t <- t(apply(idx, 1, function(i) f(d, i))); bo$t0 <- f(d, 1:100)
# tj <- leave-one-out f(d, (1:100)[-i]); L <- mean(tj[, j]) - tj[, j]
# boot.ci(bo, conf = .95, type = c("perc", "bca"), index = j, L = L): $percent[4:5], $bca[4:5]
R_BOOT_CI = {"ind1": (0.871385196297, 1.532743336725, 0.874301712738, 1.533040121273),
             "ind2": (-1.088825971988, -0.555610496073, -1.078141143719, -0.547218084349),
             "total": (-0.026525674752, 0.810355937243, -0.022516588718, 0.812485784417)}


def test_percentile_and_bca_limits_match_r_boot_ci(m4):
    d = m4.head(100)
    idx = bootstrap_indices(100, 1999, seed=3)
    pct = mediation(d, "x", ["m1", "m2"], "y", indices=idx).indirect.set_index("effect")
    bca = mediation(d, "x", ["m1", "m2"], "y", indices=idx,
                    method="bca").indirect.set_index("effect")
    for effect, (plo, phi, blo, bhi) in R_BOOT_CI.items():
        assert (pct.at[effect, "conf_low"], pct.at[effect, "conf_high"]) == pytest.approx(
            (plo, phi), rel=1e-9)
        assert (bca.at[effect, "conf_low"], bca.at[effect, "conf_high"]) == pytest.approx(
            (blo, bhi), rel=1e-9)
