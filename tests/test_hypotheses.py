"""Hypothesis decisions from regression t tests, and the instrument's hypotheses list.

Goldens from R 4.2.2: ``summary(lm(...))`` for t and df, ``pt()`` for the
one-tailed p, ``qt()`` for the t table. Data: ``regression_mtcars.csv``
(R's mtcars: mpg, wt, hp) and ``descriptives_survey.csv`` (see
test_descriptives.py), with ``Y = Y1 + Y2 + Y3`` regressed on X1..X4.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from smma_stats import hypotheses as hyp
from smma_stats.errors import InstrumentError, ModelError, SmmaError
from smma_stats.hypotheses import Hypothesis, one_tailed_p, parse_hypotheses
from smma_stats.regression import regress

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def cars():
    return regress(pd.read_csv(DATA / "regression_mtcars.csv"), "mpg", ["wt", "hp"])


@pytest.fixture(scope="module")
def survey():
    d = pd.read_csv(DATA / "descriptives_survey.csv")
    d["Y"] = d[["Y1", "Y2", "Y3"]].sum(axis=1)
    return regress(d, "Y", ["X1", "X2", "X3", "X4"])


def test_one_tailed_p_matches_r_pt():
    # R: pt(-6.12869521981041, 29) and pt(-6.12869521981041, 29, lower.tail = FALSE)
    assert one_tailed_p(-6.12869521981041, 29, "negative") == pytest.approx(
        5.59823568100021e-07, rel=1e-9)
    assert one_tailed_p(-6.12869521981041, 29, "positive") == pytest.approx(
        0.999999440176432, rel=1e-13)
    with pytest.raises(SmmaError):
        one_tailed_p(1.0, 10, "two-sided")


def test_negative_significant_b_does_not_support_a_positive_hypothesis(cars):
    hs = [Hypothesis("H1", "mpg", "wt", "positive"),
          Hypothesis("H2", "mpg", "hp", "negative"),
          Hypothesis("H3", "mpg", "wt", "two-sided")]
    res = hyp.test_hypotheses(cars, hs)
    t = res.table.set_index("hypothesis")
    # R: summary(lm(mpg ~ wt + hp, mtcars)): t(wt) = -6.12869521981041, t(hp) = -3.51871191020878
    assert t.loc["H1", "t"] == pytest.approx(-6.12869521981041, rel=1e-10)
    assert t.loc["H1", "b"] == pytest.approx(-3.877830742404682, rel=1e-10)
    assert t.loc["H1", "df"] == 29
    # R: pt(-6.12869521981041, 29, lower.tail = FALSE)
    assert t.loc["H1", "p_value"] == pytest.approx(0.999999440176432, rel=1e-10)
    assert t.loc["H1", "decision"] == "not_supported"
    # the two-tailed p is significant all the same. R: 2 * pt(-6.1287, 29)
    assert t.loc["H1", "p_value_two_tailed"] == pytest.approx(1.11964713620004e-06, rel=1e-8)
    # R: pt(-3.51871191020878, 29)
    assert t.loc["H2", "p_value"] == pytest.approx(0.000725614265784712, rel=1e-8)
    assert t.loc["H2", "decision"] == "supported"
    # R: qt(0.95, 29) one-tailed, qt(0.975, 29) two-tailed
    assert t.loc["H1", "t_critical"] == pytest.approx(1.6991270265335, rel=1e-12)
    assert t.loc["H2", "t_critical"] == pytest.approx(1.6991270265335, rel=1e-12)
    assert t.loc["H3", "t_critical"] == pytest.approx(2.0452296421327, rel=1e-12)
    assert (t.loc["H3", "p_value"], t.loc["H3", "decision"]) == (
        pytest.approx(1.11964713620004e-06, rel=1e-8), "supported")
    assert t["tails"].tolist() == [1, 1, 2]
    assert res.decisions == {"H1": "not_supported", "H2": "supported", "H3": "supported"}


def test_one_tailed_supports_what_two_tailed_does_not(survey):
    hs = [Hypothesis("H1", "Y", "X1", "positive"), Hypothesis("H2", "Y", "X1", "two-sided"),
          Hypothesis("H3", "Y", "X3", "positive"), Hypothesis("H4", "Y", "X2", "negative")]
    t = hyp.test_hypotheses([survey], hs).table.set_index("hypothesis")
    # R: summary(lm(Y ~ X1 + X2 + X3 + X4)): t(X1) = 1.972489377590742, df 35
    assert t.loc["H1", "t"] == pytest.approx(1.972489377590742, rel=1e-10)
    # R: pt(1.972489377590742, 35, lower.tail = FALSE)
    assert t.loc["H1", "p_value"] == pytest.approx(0.02824752092151, rel=1e-9)
    assert t.loc["H1", "decision"] == "supported"
    # R: 2 * pt(-1.972489377590742, 35) = 0.0564950418430200 (Pr(>|t|))
    assert t.loc["H2", "p_value"] == pytest.approx(0.05649504184302, rel=1e-9)
    assert t.loc["H2", "decision"] == "not_supported"
    # R: pt(0.384709790823073, 35, lower.tail = FALSE)
    assert t.loc["H3", "p_value"] == pytest.approx(0.351390126995086, rel=1e-9)
    assert t.loc["H3", "decision"] == "not_supported"
    # a positive t under a negative hypothesis. R: pt(1.911803559494749, 35)
    assert t.loc["H4", "p_value"] == pytest.approx(0.967942057071159, rel=1e-10)
    # R: qt(0.95, 35), qt(0.975, 35)
    assert t.loc["H1", "t_critical"] == pytest.approx(1.68957245778027, rel=1e-12)
    assert t.loc["H2", "t_critical"] == pytest.approx(2.03010792825034, rel=1e-12)


def test_default_hypotheses_number_every_term_two_sided(cars, survey):
    res = hyp.test_hypotheses([cars, survey])
    t = res.table
    assert t["hypothesis"].tolist() == ["H1", "H2", "H3", "H4", "H5", "H6"]
    assert t["predictor"].tolist() == ["wt", "hp", "X1", "X2", "X3", "X4"]
    assert set(t["direction"]) == {"two-sided"} and set(t["tails"]) == {2}
    assert t["model"].tolist()[:2] == ["mpg ~ wt + hp"] * 2
    # two-sided p is R's Pr(>|t|): X2 0.0641158858576825
    assert t.loc[3, "p_value"] == pytest.approx(0.0641158858576825, rel=1e-9)
    assert t["decision"].tolist() == ["supported", "supported", "not_supported",
                                      "not_supported", "not_supported", "not_supported"]
    assert list(t.columns) == ["hypothesis", "dependent", "predictor", "model", "direction",
                               "b", "beta", "t", "df", "t_critical", "p_value",
                               "p_value_two_tailed", "tails", "decision"]
    json.dumps(res.to_dict())


def test_first_model_holding_the_path_is_used(cars):
    simple = regress(pd.read_csv(DATA / "regression_mtcars.csv"), "mpg", ["wt"])
    t = hyp.test_hypotheses([simple, cars], [Hypothesis("H1", "mpg", "wt", "negative")]).table
    assert t.loc[0, "model"] == "mpg ~ wt" and t.loc[0, "df"] == 30


def test_unknown_path_and_bad_alpha(cars):
    with pytest.raises(ModelError, match="hypothesis H9: no regression has qsec as a predictor "
                                         "of mpg"):
        hyp.test_hypotheses(cars, [Hypothesis("H9", "mpg", "qsec")])
    with pytest.raises(SmmaError, match="sig_level"):
        hyp.test_hypotheses(cars, alpha=0.7)
    with pytest.raises(SmmaError, match="direction"):
        Hypothesis("H1", "mpg", "wt", "up")


def test_t_critical_agrees_with_scipy_stdtrit(survey):
    from scipy.special import stdtrit

    t = hyp.test_hypotheses(survey, [Hypothesis("H1", "Y", "X1", "positive"),
                                     Hypothesis("H2", "Y", "X2")], alpha=0.01).table
    # scipy.special.stdtrit(df, p): the p quantile of Student's t
    assert t.loc[0, "t_critical"] == pytest.approx(stdtrit(35, 0.99), rel=1e-12)
    assert t.loc[1, "t_critical"] == pytest.approx(stdtrit(35, 0.995), rel=1e-12)


def test_test_hypotheses_is_not_collected_by_pytest():
    assert hyp.test_hypotheses.__test__ is False


# ------------------------------------------------------------------ instrument form

NAMES = {"SMMA", "PI", "BA", "entertainment"}


def test_parse_hypotheses_both_path_forms():
    raw = [{"id": "H1", "path": "PI ~ SMMA", "direction": "positive",
            "text": {"id": "SMMA berpengaruh positif terhadap PI", "en": "SMMA raises PI"}},
           {"path": "entertainment -> BA", "direction": "two_sided"},
           {"id": "H3", "path": " BA->PI ", "direction": "Negative", "text": "BA lowers PI"}]
    hs = parse_hypotheses(raw, NAMES)
    assert hs[0] == Hypothesis("H1", "PI", "SMMA", "positive",
                               {"id": "SMMA berpengaruh positif terhadap PI",
                                "en": "SMMA raises PI"})
    assert (hs[1].id, hs[1].path, hs[1].direction) == ("H2", ("BA", "entertainment"),
                                                       "two-sided")
    assert (hs[2].path, hs[2].direction, hs[2].text) == (
        ("PI", "BA"), "negative", {"id": "BA lowers PI", "en": "BA lowers PI"})
    assert parse_hypotheses(None, NAMES) == ()


def test_parse_hypotheses_checks_the_models():
    from smma_stats.instrument import Model

    models = (Model("PI", ("SMMA", "BA")),)
    hs = parse_hypotheses([{"path": "BA -> PI", "direction": "positive"}], NAMES, models=models)
    assert hs[0].path == ("PI", "BA")
    with pytest.raises(InstrumentError, match=r"key 'hypotheses\[0\].path': no model has "
                                              r"entertainment as a predictor of PI"):
        parse_hypotheses([{"path": "PI ~ entertainment"}], NAMES, models=models)


@pytest.mark.parametrize("raw, message", [
    ({"id": "H1"}, "key 'hypotheses': must be a list"),
    (["PI ~ SMMA"], "key 'hypotheses[0]': must be a mapping"),
    ([{"id": "H1", "path": "PI ~ SMMA", "sign": "+"}], "key 'hypotheses[0].sign': unknown"),
    ([{"id": "H1", "path": "PI = SMMA"}], "key 'hypotheses[0].path': write a path as"),
    ([{"id": "H1"}], "key 'hypotheses[0].path': write a path as"),
    ([{"id": "H1", "path": "PI ~ SMMA + BA"}], "one predictor and one dependent"),
    ([{"id": "H1", "path": "PI ~ XYZ"}], "'XYZ' is not a construct or dimension"),
    ([{"id": "H1", "path": "PI ~ PI"}], "'PI' is on both sides"),
    ([{"id": "H1", "path": "PI ~ SMMA", "direction": "up"}],
     "key 'hypotheses[0].direction': must be positive, negative or two-sided"),
    ([{"id": "H1", "path": "PI ~ SMMA"}, {"id": "H1", "path": "PI ~ BA"}],
     "key 'hypotheses[1].id': 'H1' is used twice"),
    ([{"id": "", "path": "PI ~ SMMA"}], "key 'hypotheses[0].id'"),
    ([{"id": "H1", "path": "PI ~ SMMA", "text": ["a"]}], "key 'hypotheses[0].text'"),
])
def test_parse_hypotheses_errors_are_one_line(raw, message):
    with pytest.raises(InstrumentError, match=message.replace("[", r"\[").replace("]", r"\]")
                       .replace("+", r"\+")) as exc:
        parse_hypotheses(raw, NAMES)
    assert "\n" not in str(exc.value)
