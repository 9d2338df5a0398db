"""Bootstrap inference of PLS-SEM: vectorised replicates, SEs, t, p and limits.

Data: ``tests/data/pls_corp_rep.csv`` (the primer's corporate reputation data,
see ``test_pls.py``).

Reference SEs: seminr 2.3.1's PLS estimation (``estimate_pls`` with
``path_weighting``, ``HTMT``) run under R 4.2.2 on 5,000 resamples drawn as
``bootstrap_model`` draws them (``set.seed(123 + i); sample.int(344, replace =
TRUE)``) from the mean-replaced data (-99 -> NA -> column mean), SEs
``apply(res, 2, sd)``. Our resamples come from another generator, so the two
SEs differ by sampling error only: with B = 5,000 the SD of a bootstrap SE is
about ``SE / sqrt(2 B)`` (1 %), so two independent estimates differ by more
than 5 % (3.5 such SDs) with negligible probability.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.pls_sem import pls

DATA = Path(__file__).parent / "data" / "pls_corp_rep.csv"
SIMPLE = ["CUSA ~ COMP + LIKE", "CUSL ~ COMP + LIKE + CUSA"]
MM = {"COMP": ["comp_1", "comp_2", "comp_3"], "LIKE": ["like_1", "like_2", "like_3"],
      "CUSA": ["cusa"], "CUSL": ["cusl_1", "cusl_2", "cusl_3"]}
COLS = [c for v in MM.values() for c in v]


@pytest.fixture(scope="module")
def clean():
    x = pd.read_csv(DATA)[COLS].replace(-99, np.nan)
    return x.fillna(x.mean())


@pytest.fixture(scope="module")
def boot(clean):
    return pls(clean, SIMPLE, measurement=MM, bootstrap=5000, seed=2024, predict=False)


def test_standard_errors_match_seminr_within_sampling_error(boot):
    # seminr 2.3.1 / R 4.2.2, 5000 resamples, sd of the replicates
    paths = {("COMP", "CUSA"): 0.0647703989167425, ("LIKE", "CUSA"): 0.0600079565495043,
             ("COMP", "CUSL"): 0.0551696543778824, ("LIKE", "CUSL"): 0.0559155957024358,
             ("CUSA", "CUSL"): 0.0426268670406742}
    tab = boot.paths.set_index(["from", "to"])
    for key, se in paths.items():
        assert tab.loc[key, "se"] == pytest.approx(se, rel=0.05)
    loadings = {"comp_1": 0.0201704760774904, "comp_2": 0.0300555630437929,
                "like_1": 0.0168771102204375, "cusl_2": 0.0102316142088700}
    weights = {"comp_1": 0.0439929269836253, "like_1": 0.0200434483735840,
               "cusl_3": 0.0155469720607049}
    lt = boot.loadings.set_index("item")
    for item, se in loadings.items():
        assert lt.loc[item, "loading_se"] == pytest.approx(se, rel=0.05)
    for item, se in weights.items():
        assert lt.loc[item, "weight_se"] == pytest.approx(se, rel=0.05)
    htmt = {("COMP", "LIKE"): 0.0414181916354076, ("LIKE", "CUSL"): 0.0410438592625724,
            ("CUSA", "CUSL"): 0.0337726507061799}
    ht = boot.htmt.set_index(["a", "b"])
    for key, se in htmt.items():
        assert ht.loc[key, "se"] == pytest.approx(se, rel=0.05)


def test_vectorised_replicates_equal_one_by_one_estimation(clean):
    from smma_stats.resampling import resample_plan
    from smma_stats.pls_sem.bootstrap import replicates
    from smma_stats.pls_sem.data import prepare
    from smma_stats.pls_sem.fitted import fit_sample
    from smma_stats.pls_sem.model import specify

    model = specify(SIMPLE, MM)
    f = fit_sample(prepare(clean, model.columns), model, "path", 1e-7, 3000)
    reps, B, failed, seed = replicates(f.ind.z, f.plan.compute, f.layout, "path",
                                       n_resamples=6, seed=11, tol=1e-7, max_iter=3000)
    assert (B, failed, seed) == (6, 0, 11)
    blocks, _, _ = resample_plan(len(clean), 6, 11)
    idx = np.vstack(list(blocks))
    labels = f.plan.labels
    for b in range(6):
        one = pls(clean.iloc[idx[b]].reset_index(drop=True), SIMPLE, measurement=MM,
                  predict=False, seed=1)
        for k, lab in enumerate(labels):
            if lab[0] == "path":
                row = one.paths[(one.paths["from"] == model.constructs[lab[1]])
                                & (one.paths["to"] == model.constructs[lab[2]])]
                assert reps[b, k] == pytest.approx(float(row.beta.iloc[0]), abs=1e-9)
            if lab[0] == "htmt":
                row = one.htmt[(one.htmt.a == model.constructs[lab[1]])
                               & (one.htmt.b == model.constructs[lab[2]])]
                assert reps[b, k] == pytest.approx(float(row.htmt.iloc[0]), abs=1e-9)


def test_t_and_p_follow_the_stated_rule(boot):
    from scipy import stats

    p = boot.paths.set_index(["from", "to"]).loc[("COMP", "CUSL")]
    assert p["t"] == pytest.approx(p["beta"] / p["se"], rel=1e-12)
    # two-tailed p from the t distribution with B - 1 = 4999 df
    assert p["p_value"] == pytest.approx(2 * stats.t.sf(abs(p["t"]), 4999), rel=1e-9)
    assert boot.n_resamples == 5000 and boot.n_failed == 0 and boot.seed == 2024
    d = boot.to_dict()["bootstrap"]
    assert d == {"n_resamples": 5000, "seed": 2024, "method": "percentile", "n_failed": 0,
                 "one_tailed": False, "alpha": 0.05}


def test_one_tailed_halves_p_and_narrows_limits(clean, boot):
    one = pls(clean, SIMPLE, measurement=MM, bootstrap=5000, seed=2024, one_tailed=True,
              predict=False)
    a = boot.paths.set_index(["from", "to"])
    b = one.paths.set_index(["from", "to"])
    assert np.allclose(b["p_value"], a["p_value"] / 2, rtol=1e-12)
    assert np.allclose(b["se"], a["se"], rtol=1e-12)          # same seed, same resamples
    assert (b["conf_low"] > a["conf_low"]).all() and (b["conf_high"] < a["conf_high"]).all()


def test_percentile_limits_are_order_statistics(clean):
    from smma_stats.resampling import confidence_limits
    from smma_stats.pls_sem.bootstrap import replicates
    from smma_stats.pls_sem.data import prepare
    from smma_stats.pls_sem.fitted import fit_sample
    from smma_stats.pls_sem.model import specify

    res = pls(clean, SIMPLE, measurement=MM, bootstrap=999, seed=5, predict=False)
    model = specify(SIMPLE, MM)
    f = fit_sample(prepare(clean, model.columns), model, "path", 1e-7, 3000)
    reps, *_ = replicates(f.ind.z, f.plan.compute, f.layout, "path", n_resamples=999,
                          seed=5, tol=1e-7, max_iter=3000)
    k = f.plan.labels.index(("path", 2, 3))               # CUSA -> CUSL
    srt = np.sort(reps[:, k])
    # (R + 1) * 0.025 = 25th and (R + 1) * 0.975 = 975th order statistics
    row = res.paths[(res.paths["from"] == "CUSA") & (res.paths["to"] == "CUSL")]
    assert float(row.conf_low.iloc[0]) == pytest.approx(srt[24], abs=1e-15)
    assert float(row.conf_high.iloc[0]) == pytest.approx(srt[974], abs=1e-15)
    low, high, se, _ = confidence_limits(reps, f.t0, None, 0.95, "percentile")
    assert float(row.se.iloc[0]) == pytest.approx(se[k], rel=1e-12)


def test_bca_limits_and_r2_inference(clean):
    res = pls(clean, SIMPLE, measurement=MM, bootstrap=1000, seed=9, ci="bca", predict=False)
    pct = pls(clean, SIMPLE, measurement=MM, bootstrap=1000, seed=9, predict=False)
    assert res.ci_method == "bca"
    a, b = res.paths["conf_low"].to_numpy(), pct.paths["conf_low"].to_numpy()
    assert not np.allclose(a, b) and np.allclose(a, b, atol=0.05)
    r2 = res.r2.set_index("construct")
    assert r2.loc["CUSL", "conf_low"] < r2.loc["CUSL", "r2"] < r2.loc["CUSL", "conf_high"]
    eff = res.effects
    assert eff[eff.kind == "specific_indirect"]["se"].gt(0).all()


def test_same_seed_same_result(clean):
    a = pls(clean, SIMPLE, measurement=MM, bootstrap=200, seed=3, predict=False)
    b = pls(clean, SIMPLE, measurement=MM, bootstrap=200, seed=3, predict=False)
    pd.testing.assert_frame_equal(a.paths, b.paths)
    pd.testing.assert_frame_equal(a.htmt, b.htmt)


def test_benchmark_script_prints_a_table():
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, str(root / "benchmarks" / "pls_bench.py"),
                          "--resamples", "50", "--repeat", "1"], capture_output=True,
                         text=True, timeout=120, check=True, cwd=root)
    lines = out.stdout.splitlines()
    assert lines[0].startswith("| package | resamples run | seconds |")
    assert lines[2].startswith("| smma_stats.pls_sem | 50 |")


def test_path_decision_keys(boot):
    # language-neutral keys; COMP -> CUSL (p about .87) is the one not supported
    dec = boot.paths.set_index(["from", "to"])["decision"]
    assert dec[("COMP", "CUSL")] == "not_supported"
    assert (dec.drop(("COMP", "CUSL")) == "supported").all()
