"""A statistic the data cannot support is marked in its place; the rest of the study stands.

Fixtures:

- ``pilot_distinct_x.csv``: a 10-respondent pilot (X1..X4, Y1..Y3) whose X
  scores are 4, 5, ..., 13, each once, so SPSS's linearity test has no
  within-group variation. R 4.2.2 on the same file:
  ``x <- rowSums(d[, 1:4]); y <- rowSums(d[, 5:7]); m <- lm(y ~ x)``:
  coef 1.272727272727, 0.909090909091; R^2 0.897129186603; F 69.767441860465.
- ``sat_act_white.csv``: ACT, gender (coded 1/2) and age of the 700
  respondents of ``psych::sat.act`` (Revelle, psych package data). With a
  1/2-coded predictor the square of gender is an exact linear combination of
  the constant and gender itself; R's ``lm`` drops that aliased column.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from clirun import smma
from smma_stats.heteroscedasticity import white_test
from smma_stats.instrument import instrument_from_dict
from smma_stats.study import analyze
from smma_stats.results import NotComputable

DATA = Path(__file__).resolve().parent / "data"


def test_white_drops_the_aliased_square_as_r_bptest():
    """R 4.2.2, lmtest 0.9-40: m <- lm(ACT ~ gender + age, data = psych::sat.act);
    bptest(m, ~ gender + age + I(gender^2) + I(age^2) + gender:age)
    -> BP = 10.331587, df = 4, p-value = 0.035198 (I(gender^2) aliased)."""
    d = pd.read_csv(DATA / "sat_act_white.csv")
    res = white_test(d, "ACT", ["gender", "age"])
    assert res.statistic == pytest.approx(10.331587, abs=5e-7)
    assert res.df == 4
    assert res.p_value == pytest.approx(0.035198, abs=5e-7)
    assert res.dropped == ("gender^2",)


def test_pilot_with_distinct_scores_gives_a_full_study():
    study = analyze(DATA / "pilot_distinct_x.csv", _instrument())
    m = study.models[0]
    reg = m.regression
    np.testing.assert_allclose(reg.coefficients["b"], [1.272727272727, 0.909090909091],
                               rtol=1e-10)                     # R lm (module docstring)
    assert reg.r2 == pytest.approx(0.897129186603, rel=1e-10)
    assert reg.f == pytest.approx(69.767441860465, rel=1e-10)
    assert isinstance(m.linearity, NotComputable)
    assert "occurs once" in m.linearity.reason
    assert not isinstance(m.white, NotComputable) and not isinstance(m.runs, NotComputable)
    assert study.reliability["X"].alpha == study.reliability["X"].alpha  # computed


def test_pilot_through_the_command_line_exits_0_and_marks_the_gap(tmp_path):
    inst = tmp_path / "pilot.yaml"
    inst.write_text(json.dumps(_raw()), encoding="utf-8")
    res = smma("analyze", DATA / "pilot_distinct_x.csv", "-i", inst, "-f", "json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    reg = out["regressions"][0]
    assert reg["assumptions"]["linearity"] is None
    assert "occurs once" in reg["not_computable"]["linearity"]
    text = smma("analyze", DATA / "pilot_distinct_x.csv", "-i", inst, "--lang", "id")
    assert text.exit_code == 0 and "Linearitas: tidak dapat dihitung" in text.stdout


def test_a_collinear_model_is_skipped_with_its_reason():
    """Two predictors whose tolerance is below SPSS's .0001: that model is not
    estimated, the report says why, and every other number is still there."""
    rng = np.random.default_rng(4)
    n = 3000          # B differs from A on one row only: tolerance about 3e-5
    base = rng.integers(1, 6, (n, 1))
    items = {"A1": base[:, 0], "A2": base[:, 0], "B1": base[:, 0], "B2": base[:, 0],
             "Y1": rng.integers(1, 6, n), "Y2": rng.integers(1, 6, n)}
    items["B2"] = np.where(np.arange(n) == 0, np.clip(base[0, 0] + 1, 1, 5), base[:, 0])
    frame = pd.DataFrame(items)
    raw = {"name": "collinear", "scale": {"min": 1, "max": 5},
           "constructs": {"A": {"items": ["A1", "A2"]}, "B": {"items": ["B1", "B2"]},
                          "Y": {"items": ["Y1", "Y2"]}},
           "models": ["Y ~ A + B", "Y ~ A"]}
    study = analyze(frame, instrument_from_dict(raw))
    assert [m.formula for m in study.models] == ["Y ~ A"]
    assert "tolerance below" in study.not_computable["model Y ~ A + B"]
    from smma_stats.report import render

    text = render(study, "text")
    assert "Model Y ~ A + B could not be estimated" in text


def _raw() -> dict:
    return {"name": "pilot", "scale": {"min": 1, "max": 5},
            "constructs": {"X": {"items": ["X1", "X2", "X3", "X4"]},
                           "Y": {"items": ["Y1", "Y2", "Y3"]}},
            "models": ["Y ~ X"]}


def _instrument():
    return instrument_from_dict(_raw())


def test_a_single_item_construct_is_named():
    raw = {"name": "one", "scale": {"min": 1, "max": 5},
           "constructs": {"X": {"items": ["X1", "X2"]}, "Y": {"items": ["Y1"]}},
           "models": ["Y ~ X"]}
    frame = pd.DataFrame({"X1": [1, 2, 3, 4, 5, 2], "X2": [2, 2, 3, 5, 4, 1],
                          "Y1": [1, 3, 3, 4, 5, 2]})
    from smma_stats.errors import DataError

    with pytest.raises(DataError, match="construct 'Y' has 1 item"):
        analyze(frame, instrument_from_dict(raw))


def test_a_constant_construct_score_is_marked_not_computable():
    """Every respondent gives the same answers to C: its K-S test is named with its
    reason under not_computable, and the rest of the study stands."""
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"C1": [4] * 20, "C2": [4] * 20,
                          "X1": rng.integers(1, 6, 20), "X2": rng.integers(1, 6, 20),
                          "Y1": rng.integers(1, 6, 20), "Y2": rng.integers(1, 6, 20)})
    raw = {"name": "c", "scale": {"min": 1, "max": 5},
           "constructs": {"C": {"items": ["C1", "C2"]}, "X": {"items": ["X1", "X2"]},
                          "Y": {"items": ["Y1", "Y2"]}}, "models": ["Y ~ X"]}
    study = analyze(frame, instrument_from_dict(raw))
    assert "zero variance" in study.not_computable["normality C"]
    assert [m.formula for m in study.models] == ["Y ~ X"]
    assert study.to_dict()["not_computable"]["normality C"].startswith("C: all 20 values")
