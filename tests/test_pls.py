"""PLS-SEM estimation against seminr on the corporate reputation data.

Data: ``tests/data/pls_corp_rep.csv`` is ``corp_rep_data`` of Hair, Hult,
Ringle, Sarstedt, Danks & Ray (2021), *Partial Least Squares Structural
Equation Modeling (PLS-SEM) Using R* (the primer's published data set, 344
cases, missing answers coded -99), as the R package seminr ships it
(``data/corp_rep_data.rda``), written with ``write.csv``.

References:

* seminr's own test fixture ``tests/fixtures/V_3_6_0/corp_rep_simple_paths.csv``
  (``test_clean_data.R``), quoted below to 1e-5 as the test there checks it.
* seminr 2.3.1 run under R 4.2.2 for the other goldens:
  ``m <- estimate_pls(corp_rep_data, mm, sm, missing = mean_replacement,
  missing_value = "-99"); s <- summary(m)`` with
  ``mm`` = COMP (comp_1-3), LIKE (like_1-3), CUSA (cusa), CUSL (cusl_1-3),
  all Mode A, and ``sm`` = COMP, LIKE -> CUSA, CUSL; CUSA -> CUSL. The
  values are printed with ``options(digits = 15)`` from ``m$path_coef``,
  ``m$outer_weights``, ``m$outer_loadings``, ``s$reliability``,
  ``s$validity$htmt``, ``m$rSquared``, ``s$total_indirect_effects``,
  ``s$total_effects``, ``s$vif_antecedents`` and ``s$validity$vif_items``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import DataError, ModelError
from smma_stats.pls_sem import pls, specify

DATA = Path(__file__).parent / "data" / "pls_corp_rep.csv"

SIMPLE = ["CUSA ~ COMP + LIKE", "CUSL ~ COMP + LIKE + CUSA"]
MM = {"COMP": ["comp_1", "comp_2", "comp_3"], "LIKE": ["like_1", "like_2", "like_3"],
      "CUSA": ["cusa"], "CUSL": ["cusl_1", "cusl_2", "cusl_3"]}


@pytest.fixture(scope="module")
def corp():
    return pd.read_csv(DATA)


@pytest.fixture(scope="module")
def simple(corp):
    return pls(corp, SIMPLE, measurement=MM, missing_codes=[-99], seed=7, repetitions=2)


def _path(res, f, t, col="beta"):
    row = res.paths[(res.paths["from"] == f) & (res.paths["to"] == t)]
    return float(row[col].iloc[0])


def test_paths_match_seminr_fixture(simple):
    # seminr tests/fixtures/V_3_6_0/corp_rep_simple_paths.csv (test_clean_data.R, tol 1e-5)
    fixture = {("COMP", "CUSA"): 0.162051224909051, ("COMP", "CUSL"): 0.00917454313254589,
               ("LIKE", "CUSA"): 0.423869606104923, ("LIKE", "CUSL"): 0.342069436585268,
               ("CUSA", "CUSL"): 0.504466308486452}
    for (f, t), want in fixture.items():
        assert _path(simple, f, t) == pytest.approx(want, abs=1e-5)
        # the same model run through seminr 2.3.1 here: same 15 digits to 1e-9
        assert _path(simple, f, t) == pytest.approx(want, abs=1e-9)
    assert simple.converged and simple.n == 344 and simple.n_missing == 11


def test_weights_and_loadings_match_seminr(simple):
    # seminr 2.3.1: m$outer_weights, m$outer_loadings
    weights = {"comp_1": 0.536126654176766, "comp_2": 0.340386587272950,
               "comp_3": 0.328226602123469, "like_1": 0.418423277867762,
               "like_2": 0.377857887267651, "like_3": 0.359702860824559, "cusa": 1.0,
               "cusl_1": 0.368666506717448, "cusl_2": 0.420211287549889,
               "cusl_3": 0.364887372549333}
    loadings = {"comp_1": 0.857718793612679, "comp_2": 0.798452554490989,
                "comp_3": 0.817641078136601, "like_1": 0.879326326350000,
                "like_2": 0.870239287241134, "like_3": 0.843036435751000, "cusa": 1.0,
                "cusl_1": 0.832827190569312, "cusl_2": 0.917273194577698,
                "cusl_3": 0.842769528242402}
    tab = simple.loadings.set_index("item")
    for item in weights:
        assert tab.loc[item, "weight"] == pytest.approx(weights[item], abs=1e-8)
        assert tab.loc[item, "loading"] == pytest.approx(loadings[item], abs=1e-8)
        assert tab.loc[item, "indicator_reliability"] == pytest.approx(loadings[item] ** 2,
                                                                       abs=1e-8)


def test_reliability_matches_seminr(simple):
    # seminr 2.3.1: summary(m)$reliability (alpha, rhoC, AVE, rhoA)
    want = {"COMP": (0.776028273039252, 0.864615053174625, 0.680581647781986, 0.831879312073036),
            "LIKE": (0.830986638420283, 0.898566377670859, 0.747080545757965, 0.836057290398287),
            "CUSA": (1.0, 1.0, 1.0, 1.0),
            "CUSL": (0.830988169584043, 0.899067093951482, 0.748417240192090, 0.839041508158385)}
    tab = simple.reliability.set_index("construct")
    for c, (alpha, rho_c, ave, rho_a) in want.items():
        assert tab.loc[c, "alpha"] == pytest.approx(alpha, abs=1e-8)
        assert tab.loc[c, "rho_c"] == pytest.approx(rho_c, abs=1e-8)
        assert tab.loc[c, "ave"] == pytest.approx(ave, abs=1e-8)
        assert tab.loc[c, "rho_a"] == pytest.approx(rho_a, abs=1e-8)


def test_htmt_and_fornell_larcker_match_seminr(simple):
    # seminr 2.3.1: summary(m)$validity$htmt
    want = {("COMP", "LIKE"): 0.779756714287825, ("COMP", "CUSA"): 0.465471280355437,
            ("COMP", "CUSL"): 0.532490967933289, ("LIKE", "CUSA"): 0.576884117271112,
            ("LIKE", "CUSL"): 0.736665939502497, ("CUSA", "CUSL"): 0.754613774481056}
    got = {(r.a, r.b): r.htmt for r in simple.htmt.itertuples()}
    assert got.keys() == want.keys()
    for k, v in want.items():
        assert got[k] == pytest.approx(v, abs=1e-9)
    # seminr prints summary(m)$validity$fl_criteria to 3 decimals:
    # diagonal sqrt(AVE) .825 .864 1.000 .865; LIKE-COMP .645, CUSL-CUSA .689
    fl = simple.fornell_larcker.set_index("construct")
    assert [round(fl.loc[c, c], 3) for c in ("COMP", "LIKE", "CUSA", "CUSL")] == \
        [0.825, 0.864, 1.0, 0.865]
    assert round(fl.loc["LIKE", "COMP"], 3) == 0.645
    assert round(fl.loc["CUSL", "CUSA"], 3) == 0.689
    assert np.isnan(fl.loc["COMP", "LIKE"])


def test_r2_effects_and_vif_match_seminr(simple):
    # seminr 2.3.1: m$rSquared
    r2 = simple.r2.set_index("construct")
    assert r2.loc["CUSA", "r2"] == pytest.approx(0.294567877880395, abs=1e-9)
    assert r2.loc["CUSA", "adj_r2"] == pytest.approx(0.290430446079107, abs=1e-9)
    assert r2.loc["CUSL", "r2"] == pytest.approx(0.562038760000386, abs=1e-9)
    assert r2.loc["CUSL", "adj_r2"] == pytest.approx(0.558174396118037, abs=1e-9)
    eff = simple.effects
    ind = eff[eff.kind == "total_indirect"].set_index("from")["estimate"]
    # summary(m)$total_indirect_effects
    assert ind["COMP"] == pytest.approx(0.0817493832155769, abs=1e-9)
    assert ind["LIKE"] == pytest.approx(0.2138279354713572, abs=1e-9)
    spec = eff[eff.kind == "specific_indirect"]
    assert list(spec.through) == ["CUSA", "CUSA"]
    assert list(spec.estimate) == pytest.approx(list(ind.values), abs=1e-12)
    tot = eff[(eff.kind == "total") & (eff.to == "CUSL")].set_index("from")["estimate"]
    # summary(m)$total_effects
    assert tot["COMP"] == pytest.approx(0.0909239263481228, abs=1e-9)
    assert tot["LIKE"] == pytest.approx(0.5558973720566254, abs=1e-9)
    # summary(m)$vif_antecedents (3 decimals): CUSA: 1.713 1.713; CUSL: 1.751 1.968 1.418
    assert [round(_path(simple, f, "CUSL", "vif"), 3) for f in ("COMP", "LIKE", "CUSA")] == \
        [1.751, 1.968, 1.418]
    # summary(m)$validity$vif_items (3 decimals): COMP 1.397 1.787 1.888
    vif = simple.loadings.set_index("item")["vif"]
    assert [round(vif[i], 3) for i in MM["COMP"]] == [1.397, 1.787, 1.888]


def test_f2_uses_full_model_scores(simple):
    # R 4.2.2 on seminr's construct scores sc <- m$construct_scores:
    # (summary(lm(CUSL ~ COMP + LIKE + CUSA))$r.squared - R2 without the predictor)
    #   / (1 - R2 with it)
    want = {("COMP", "CUSL"): 0.000109788780462437, ("LIKE", "CUSL"): 0.135757683836595,
            ("CUSA", "CUSL"): 0.409905634346168, ("COMP", "CUSA"): 0.0217274730552372,
            ("LIKE", "CUSA"): 0.148651445375772}
    for (f, t), v in want.items():
        assert _path(simple, f, t, "f2") == pytest.approx(v, abs=1e-9)


def test_factorial_scheme_matches_seminr(corp):
    # seminr 2.3.1: estimate_pls(..., inner_weights = path_factorial)$path_coef
    res = pls(corp, SIMPLE, measurement=MM, missing_codes=[-99], scheme="factorial",
              predict=False, seed=1)
    want = {("COMP", "CUSA"): 0.162003141204628, ("LIKE", "CUSA"): 0.423918954282731,
            ("COMP", "CUSL"): 0.0103408631185936, ("LIKE", "CUSL"): 0.3433162499811916,
            ("CUSA", "CUSL"): 0.5025061372180527}
    for (f, t), v in want.items():
        assert _path(res, f, t) == pytest.approx(v, abs=1e-9)
    w = res.loadings.set_index("item")["weight"]
    assert w["cusl_1"] == pytest.approx(0.382486392870659, abs=1e-9)


def _textbook_pls(x: np.ndarray, blocks, adjacency, scheme: str) -> np.ndarray:
    """Wold's algorithm on the raw rows, one iteration at a time (the reference)."""
    z = (x - x.mean(0)) / x.std(0, ddof=1)
    n, c = len(z), len(blocks)
    w = [np.ones(len(b)) for b in blocks]
    both = adjacency + adjacency.T
    for _ in range(3000):
        y = np.column_stack([z[:, b] @ wj for b, wj in zip(blocks, w)])
        y = y / y.std(0, ddof=1)
        r = np.corrcoef(y, rowvar=False)
        e = np.sign(r) * both if scheme == "centroid" else r * both
        proxy = y @ e
        new = [z[:, b].T @ proxy[:, j] / (n - 1) for j, b in enumerate(blocks)]
        new = [v / np.std(z[:, b] @ v, ddof=1) for v, b in zip(new, blocks)]
        done = sum(np.abs(a - b).sum() for a, b in zip(new, w)) < 1e-10
        w = new
        if done:
            break
    y = np.column_stack([z[:, b] @ wj for b, wj in zip(blocks, w)])
    return np.corrcoef(y, rowvar=False)


@pytest.mark.parametrize("scheme", ["centroid", "factorial"])
def test_centroid_and_factorial_match_the_textbook_algorithm(corp, scheme):
    # No published centroid output exists for these data (seminr has no
    # centroid scheme, and plspm 0.5.7 disagrees with seminr's fixtures for
    # every scheme), so the reference is Wold's algorithm written out on the
    # raw rows, against which our correlation-matrix formulation is checked.
    cols = [c for v in MM.values() for c in v]
    x = corp[cols].replace(-99, np.nan)
    x = x.fillna(x.mean()).to_numpy(float)
    blocks = [np.arange(0, 3), np.arange(3, 6), np.array([6]), np.arange(7, 10)]
    adj = np.zeros((4, 4))
    adj[[0, 1], 2] = adj[[0, 1, 2], 3] = 1
    r = _textbook_pls(x, blocks, adj, scheme)
    b_cusl = np.linalg.solve(r[:3, :3], r[:3, 3])
    res = pls(corp, SIMPLE, measurement=MM, missing_codes=[-99], scheme=scheme,
              predict=False, seed=1)
    assert res.converged
    for f, b in zip(("COMP", "LIKE", "CUSA"), b_cusl):
        assert _path(res, f, "CUSL") == pytest.approx(b, abs=1e-8)
    if scheme == "factorial":   # the reference agrees with seminr's factorial path
        assert b_cusl[2] == pytest.approx(0.5025061372180527, abs=1e-8)


EXT_MM = {"QUAL": [f"qual_{i}" for i in range(1, 9)], "PERF": [f"perf_{i}" for i in range(1, 6)],
          "CSOR": [f"csor_{i}" for i in range(1, 6)], "ATTR": [f"attr_{i}" for i in range(1, 4)],
          **MM}
EXT_PATHS = ["COMP ~ QUAL + PERF + CSOR + ATTR", "LIKE ~ QUAL + PERF + CSOR + ATTR", *SIMPLE]


def test_formative_mode_b_matches_seminr(corp):
    # seminr 2.3.1, the primer's extended model (seminr test-bootstrap.R):
    # QUAL, PERF, CSOR, ATTR composite(..., weights = mode_B)
    res = pls(corp, EXT_PATHS, measurement=EXT_MM,
              modes={c: "B" for c in ("QUAL", "PERF", "CSOR", "ATTR")},
              missing_codes=[-99], predict=False, seed=1)
    paths = {("QUAL", "COMP"): 0.4296594964991162, ("PERF", "COMP"): 0.2954606674878937,
             ("CSOR", "LIKE"): 0.178430536648040, ("ATTR", "LIKE"): 0.167058078048988,
             ("COMP", "CUSA"): 0.145542805810251, ("CUSA", "CUSL"): 0.50501245013497520}
    for (f, t), v in paths.items():
        assert _path(res, f, t) == pytest.approx(v, abs=1e-8)
    w = res.loadings.set_index("item")["weight"]
    assert w["qual_4"] == pytest.approx(-0.00453581713601706, abs=1e-8)
    assert w["qual_6"] == pytest.approx(0.39798160264072174, abs=1e-8)
    assert w["attr_3"] == pytest.approx(0.657563879733465, abs=1e-8)
    assert w["comp_1"] == pytest.approx(0.469304733339149, abs=1e-8)
    r2 = res.r2.set_index("construct")["r2"]
    assert r2["COMP"] == pytest.approx(0.630860523720583, abs=1e-8)
    assert r2["LIKE"] == pytest.approx(0.557643065206004, abs=1e-8)
    # summary()$validity$vif_items (3 decimals): QUAL 1.806 1.632 2.269 1.957 ...
    vif = res.loadings.set_index("item")["vif"]
    assert [round(vif[f"qual_{i}"], 3) for i in range(1, 5)] == [1.806, 1.632, 2.269, 1.957]
    rel = res.reliability.set_index("construct")
    assert rel.loc["QUAL", "mode"] == "B" and np.isnan(rel.loc["QUAL", "alpha"])
    ind = res.effects[(res.effects.kind == "total_indirect") & (res.effects.to == "CUSL")]
    # summary()$total_indirect_effects: QUAL -> CUSL .2483332581125651
    assert float(ind[ind["from"] == "QUAL"].estimate.iloc[0]) == \
        pytest.approx(0.2483332581125651, abs=1e-8)


def test_fit_srmr_matches_definition(simple, corp):
    # The structural model is saturated (every possible path), so the
    # estimated model implies the same construct correlations as the saturated
    fit = simple.fit.set_index("measure")
    assert fit.loc["srmr", "saturated"] == pytest.approx(fit.loc["srmr", "estimated"], abs=1e-12)
    # recompute the saturated SRMR by hand: common-factor blocks, lambda_i lambda_j r_ab
    cols = [c for v in MM.values() for c in v]
    x = corp[cols].replace(-99, np.nan)
    x = x.fillna(x.mean())
    S = np.corrcoef(x.to_numpy(), rowvar=False)
    lam = simple.loadings.set_index("item")["loading"][cols].to_numpy()
    block = np.repeat(np.arange(4), [3, 3, 1, 3])
    scores = simple.scores[list(MM)].to_numpy()
    R = np.corrcoef(scores, rowvar=False)
    sigma = np.outer(lam, lam) * R[np.ix_(block, block)]
    np.fill_diagonal(sigma, 1.0)
    low = np.tril_indices(10)
    srmr = np.sqrt(np.mean((S - sigma)[low] ** 2))
    assert fit.loc["srmr", "saturated"] == pytest.approx(srmr, rel=1e-10)
    assert 0 < fit.loc["nfi", "saturated"] < 1


def test_extended_model_estimated_fit_differs(corp):
    res = pls(corp, EXT_PATHS, measurement=EXT_MM, missing_codes=[-99], predict=False, seed=1)
    fit = res.fit.set_index("measure")
    # QUAL..ATTR -> CUSA/CUSL are left out: the estimated model fits worse
    assert fit.loc["srmr", "estimated"] > fit.loc["srmr", "saturated"]


def test_casewise_deletion_drops_cases(corp):
    res = pls(corp, SIMPLE, measurement=MM, missing_codes=[-99], missing="casewise",
              predict=False, seed=1)
    x = corp[[c for v in MM.values() for c in v]]
    assert res.n == int((x != -99).all(axis=1).sum())
    assert res.n_dropped == 344 - res.n and res.n_dropped > 0


def test_nonconvergence_is_reported(corp):
    res = pls(corp, SIMPLE, measurement=MM, missing_codes=[-99], max_iter=2, predict=False,
              seed=1)
    assert res.converged is False and res.iterations == 2


def test_predict_against_linear_benchmark(simple):
    pred = simple.predict.set_index("item")
    assert list(pred.index) == ["cusa", "cusl_1", "cusl_2", "cusl_3"]
    assert (pred["q2_predict"] > 0).all()
    # RMSE is at least MAE, and the two benchmarks are of the same size here
    assert (pred["pls_rmse"] >= pred["pls_mae"]).all()
    assert np.allclose(pred["pls_rmse"], pred["lm_rmse"], rtol=0.1)


def test_predict_is_seeded(corp):
    a = pls(corp, SIMPLE, measurement=MM, missing_codes=[-99], seed=3, repetitions=1)
    b = pls(corp, SIMPLE, measurement=MM, missing_codes=[-99], seed=3, repetitions=1)
    pd.testing.assert_frame_equal(a.predict, b.predict)


def test_to_dict_layout(simple):
    d = simple.to_dict()
    assert set(d["constructs"]["COMP"]) == {"mode", "alpha", "rho_a", "rho_c", "ave", "items"}
    assert d["constructs"]["COMP"]["items"][0]["item"] == "comp_1"
    assert set(d["constructs"]["COMP"]["items"][0]) == {"item", "loading", "weight", "vif"}
    assert set(d["paths"][0]) == {"from", "to", "beta", "se", "t", "p_value", "conf_low",
                                  "conf_high", "f2"}
    assert set(d["htmt"][0]) == {"a", "b", "htmt", "conf_low", "conf_high"}
    assert d["r2"]["CUSA"]["r2"] == pytest.approx(0.294567877880395, abs=1e-9)
    assert set(d["effects"][0]) == {"from", "through", "to", "kind", "estimate", "se", "t",
                                    "p_value", "conf_low", "conf_high"}
    assert set(d["fit"]) == {"srmr", "nfi"}
    assert d["bootstrap"]["n_resamples"] == 0
    import json
    json.dumps(d, allow_nan=False)
    assert "PLS-SEM" in simple.summary() and "<h4>" in simple._repr_html_()


def test_lazy_export():
    """``sm.pls`` is the function in any import order (the subpackage is pls_sem)."""
    import smma_stats
    import smma_stats.pls_sem  # noqa: F401  (importing it must not hide the function)
    assert smma_stats.PlsResult.__name__ == "PlsResult"
    assert smma_stats.pls is smma_stats.pls_sem.pls


@pytest.mark.parametrize("paths, mm, message", [
    (["B ~ A"], {"A": [], "B": ["b"]}, "has no indicators"),
    (["B ~ A"], {"A": ["x"], "B": ["x"]}, "in two constructs"),
    (["B ~ A", "C ~ A"], {"A": ["a"], "B": ["b"]}, "'C'"),
    (["B ~ A", "A ~ B"], {"A": ["a"], "B": ["b"]}, "cycle"),
    (["B ~ A", "C ~ B", "A ~ C"], {"A": ["a"], "B": ["b"], "C": ["c"]}, "cycle"),
    (["B ~~ A"], {"A": ["a"], "B": ["b"]}, "TARGET ~ SOURCE"),
])
def test_model_errors(paths, mm, message):
    with pytest.raises(ModelError, match=message) as info:
        specify(paths, mm)
    assert "\n" not in str(info.value)


def test_data_errors(corp):
    d = corp.copy()
    d["comp_2"] = 3
    with pytest.raises(DataError, match="'comp_2' is constant"):
        pls(d, SIMPLE, measurement=MM, missing_codes=[-99])
    with pytest.raises(ModelError, match="'nope' is not a column"):
        pls(corp, SIMPLE, measurement={**MM, "CUSA": ["nope"]})
    with pytest.raises(DataError, match="scheme"):
        pls(corp, SIMPLE, measurement=MM, scheme="circle")
    with pytest.raises(DataError, match="bootstrap"):
        pls(corp, SIMPLE, measurement=MM, bootstrap=1)


def test_plspredict_loocv_matches_seminr_earliest_antecedents(corp):
    # Leave-one-out folds are the same whatever the random split, so seminr's
    # PLSpredict is an exact reference. seminr 2.3.1 / R 4.2.2 on the
    # mean-replaced data: p <- predict_pls(m, technique = predict_EA,
    # noFolds = 344, reps = NULL, cores = 1); colSums(p$PLS_out_of_sample_residuals^2)
    # and summary(p)$PLS_out_of_sample (RMSE .996 1.257 1.434 1.474; MAE .776
    # .945 1.075 1.088). seminr's linear benchmark regresses on all other
    # items; ours (SmartPLS's) on the exogenous constructs' items, so only the
    # PLS errors are compared.
    x = corp[[c for v in MM.values() for c in v]].replace(-99, np.nan)
    x = x.fillna(x.mean())
    res = pls(x, SIMPLE, measurement=MM, folds=344, repetitions=1, seed=1)
    pred = res.predict.set_index("item")
    sse = {"cusa": 341.022444820418, "cusl_1": 543.878634753421,
           "cusl_2": 707.655724836050, "cusl_3": 747.250980665106}
    for item, v in sse.items():
        assert pred.loc[item, "pls_rmse"] ** 2 * 344 == pytest.approx(v, rel=1e-9)
    assert [round(v, 3) for v in pred["pls_mae"]] == [0.776, 0.945, 1.075, 1.088]


def test_scores_keep_the_data_index(corp):
    d = corp.set_index(corp.index + 2)                 # spreadsheet row numbers
    res = pls(d, SIMPLE, measurement=MM, missing_codes=[-99], missing="casewise",
              predict=False, seed=1)
    x = d[[c for v in MM.values() for c in v]]
    kept = x.index[(x != -99).all(axis=1)]
    assert list(res.scores.index) == list(kept)
    assert res.scores["COMP"].std(ddof=1) == pytest.approx(1.0, abs=1e-12)


def test_responses_are_taken_as_read():
    """sm.pls takes what read_responses returns, with its instrument."""
    import smma_stats as sm

    root = Path(__file__).resolve().parent.parent
    data = sm.read_responses(root / "data" / "sample" / "smma_responses.csv", "smma-instagram")
    a = sm.pls(data, predict=False)
    b = sm.pls(data.items, instrument=data.instrument, predict=False)
    assert a.paths.equals(b.paths)
