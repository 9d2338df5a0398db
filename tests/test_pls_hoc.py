"""Higher-order constructs on the shipped SMMA instrument and sample.

Data: ``data/sample/smma_responses.csv`` (the project's synthetic sample of
101 respondents) with ``questionnaires/smma_instagram.yaml``: SMMA has five
dimensions of 2 items, PI four dimensions of 5 items. No published PLS
results exist for these data, so the tests check structure and sanity, the
agreement of the approaches, and identities each approach must satisfy.

The disjoint two-stage approach is also checked against seminr's own fixture
for a higher-order construct (``tests/testthat/test-hoc.R``, "SEMinR correctly
estimates model for a HOC": ``higher_composite("Satisfaction", dimensions =
c("Image", "Value"), method = two_stage, weights = mode_A)`` on ``mobi``,
fixtures ``tests/fixtures/V_3_6_0/hoc-paths.csv`` and ``hoc-loadings.csv``,
compared there to 1e-5). ``tests/data/pls_mobi.csv`` is that ``mobi`` data set
(the ECSI mobile phone survey, 250 cases, as seminr ships it in
``data/mobi.rda``), written with ``write.csv``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import ModelError
from smma_stats.instrument import load_instrument
from smma_stats.pls_sem import pls

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def smma():
    ins = load_instrument(ROOT / "questionnaires" / "smma_instagram.yaml")
    return pd.read_csv(ROOT / "data" / "sample" / "smma_responses.csv"), ins


@pytest.fixture(scope="module")
def fits(smma):
    data, ins = smma
    return {hoc: pls(data, instrument=ins, hoc=hoc, seed=1, bootstrap=200, repetitions=1)
            for hoc in ("repeated", "two-stage", "two-stage-disjoint")}


def test_approach_is_reported(fits):
    assert fits["repeated"].hoc == "repeated_indicators"
    assert fits["two-stage"].hoc == "two_stage_embedded"
    assert fits["two-stage-disjoint"].hoc == "two_stage_disjoint"
    assert fits["repeated"].to_dict()["hoc"] == "repeated_indicators"


def test_structure_and_sanity(fits, smma):
    _, ins = smma
    dims = {"SMMA": [d.name for d in ins.constructs["SMMA"].dimensions],
            "PI": [d.name for d in ins.constructs["PI"].dimensions]}
    for res in fits.values():
        assert res.converged and res.n == 101
        hl = res.hoc_loadings
        assert list(hl.construct) == ["SMMA"] * 5 + ["PI"] * 4
        assert list(hl.dimension) == dims["SMMA"] + dims["PI"]
        assert hl.loading.between(0.3, 1.0).all()
        assert (hl.se > 0).all()
        assert list(res.paths["from"]) == ["SMMA"] and list(res.paths["to"]) == ["PI"]
        assert res.r2.r2.between(0, 1).all() and list(res.r2.construct) == ["PI"]
        items = res.loadings[res.loadings.construct.isin(dims["SMMA"] + dims["PI"])]
        assert len(items) == 30 and items.loading.between(0, 1).all()
        rel = res.reliability.set_index("construct")
        assert {"SMMA", "PI", *dims["SMMA"], *dims["PI"]} <= set(rel.index)
        assert rel.loc[["SMMA", "PI"], "ave"].between(0, 1).all()


def test_repeated_and_two_stage_agree(fits):
    beta = {k: float(r.paths.beta.iloc[0]) for k, r in fits.items()}
    assert beta["repeated"] == pytest.approx(beta["two-stage"], abs=0.02)
    assert beta["repeated"] == pytest.approx(beta["two-stage-disjoint"], abs=0.02)
    a = fits["repeated"].hoc_loadings.loading.to_numpy()
    for k in ("two-stage", "two-stage-disjoint"):
        assert np.allclose(a, fits[k].hoc_loadings.loading.to_numpy(), atol=0.05)


def test_repeated_hoc_loadings_are_score_correlations(fits):
    res = fits["repeated"]
    s = res.scores
    for row in res.hoc_loadings.itertuples():
        r = np.corrcoef(s[row.construct], s[row.dimension])[0, 1]
        assert row.loading == pytest.approx(r, abs=1e-10)
    # rho_C of the HOC from those loadings
    lam = res.hoc_loadings[res.hoc_loadings.construct == "SMMA"].loading.to_numpy()
    rho_c = lam.sum() ** 2 / (lam.sum() ** 2 + (1 - lam ** 2).sum())
    rel = res.reliability.set_index("construct")
    assert rel.loc["SMMA", "rho_c"] == pytest.approx(rho_c, abs=1e-12)


def test_embedded_stage_one_is_the_repeated_model(fits):
    # the embedded approach's first stage is the repeated-indicators model, so
    # the lower-order constructs' loadings are identical
    a = fits["repeated"].loadings
    b = fits["two-stage"].loadings
    a = a[a.construct == "entertainment"].loading.to_numpy()
    b = b[b.construct == "entertainment"].loading.to_numpy()
    assert np.allclose(a, b, atol=1e-12)


def test_dimension_model_without_hoc(smma):
    data, ins = smma
    res = pls(data, ["PI ~ entertainment + interaction + customization + trendiness "
                     "+ advertisement"], instrument=ins, seed=1, predict=False, hoc="repeated")
    assert res.hoc == "repeated_indicators"           # PI still has dimensions
    assert set(res.paths["from"]) == {"entertainment", "interaction", "customization",
                                      "trendiness", "advertisement"}


def test_hoc_errors(smma):
    data, ins = smma
    with pytest.raises(ModelError, match="hoc must be"):
        pls(data, instrument=ins, hoc="three-stage")
    with pytest.raises(ModelError, match="cannot also be in a structural path"):
        pls(data, ["PI ~ SMMA + entertainment"], instrument=ins)


def test_disjoint_two_stage_matches_seminr_hoc_fixture():
    mobi = pd.read_csv(ROOT / "tests" / "data" / "pls_mobi.csv")
    mm = {"Image": [f"IMAG{i}" for i in range(1, 6)],
          "Expectation": [f"CUEX{i}" for i in range(1, 4)],
          "Quality": [f"PERQ{i}" for i in range(1, 8)], "Value": ["PERV1", "PERV2"],
          "Satisfaction": ["Image", "Value"], "Complaints": ["CUSCO"],
          "Loyalty": [f"CUSL{i}" for i in range(1, 4)]}
    res = pls(mobi, ["Satisfaction ~ Expectation + Quality", "Complaints ~ Satisfaction",
                     "Loyalty ~ Satisfaction"], measurement=mm, hoc="two-stage-disjoint",
              predict=False, seed=1)
    # hoc-paths.csv
    want = {("Expectation", "Satisfaction"): 0.103641382040823,
            ("Quality", "Satisfaction"): 0.720064333276669,
            ("Satisfaction", "Complaints"): 0.486257317953653,
            ("Satisfaction", "Loyalty"): 0.627602841720655}
    got = {(r["from"], r["to"]): r["beta"] for r in res.paths.to_dict("records")}
    assert got.keys() == want.keys()
    for k, v in want.items():
        assert got[k] == pytest.approx(v, abs=1e-9)
    # hoc-loadings.csv: the dimensions on the HOC (stage 2) and items on their
    # lower-order constructs (stage 1) or on the other constructs (stage 2)
    hl = res.hoc_loadings.set_index("dimension")["loading"]
    assert hl["Image"] == pytest.approx(0.895650876207813, abs=1e-9)
    assert hl["Value"] == pytest.approx(0.839452525936479, abs=1e-9)
    load = res.loadings.set_index("item")["loading"]
    items = {"IMAG1": 0.750650331276109, "IMAG3": 0.573102651991915,
             "PERV2": 0.938620355988339, "PERQ2": 0.630872551924888,
             "CUEX3": 0.605626203859253, "CUSL2": 0.224294512163711}
    for item, v in items.items():
        assert load[item] == pytest.approx(v, abs=1e-9)
