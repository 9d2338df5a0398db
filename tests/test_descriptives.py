"""Descriptives: respondent profile, item frequencies, construct descriptives, correlations.

``tests/data/descriptives_survey.csv`` is a synthetic survey of 40
respondents (numpy seed 20261207): Google-Forms-like timestamp, e-mail and
name columns, gender (two blanks), age (one blank), education, and seven
5-point items driven by one latent trait. Golden values come from R 4.2.2
(``table``, ``prop.table``, ``cut(..., right = FALSE)``, ``mean``, ``sd``,
``cor.test(..., exact = FALSE)``) run on that file with
``read.csv(..., na.strings = c("", "NA"))``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.descriptives import (class_cuts, class_rule, construct_descriptives,
                                     correlation_matrix, item_frequencies, mean_class,
                                     respondent_profile, stars)
from smma_stats.errors import DataError, SmmaError

DATA = Path(__file__).resolve().parent / "data" / "descriptives_survey.csv"
ITEMS = ["X1", "X2", "X3", "X4", "Y1", "Y2", "Y3"]
ATTRS = ["Timestamp", "Alamat Email", "Nama", "Jenis Kelamin", "Usia", "Pendidikan"]


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    return pd.read_csv(DATA)


def _rows(table, variable):
    return table[table["variable"] == variable].reset_index(drop=True)


# ------------------------------------------------------------------ respondent profile

def test_profile_detects_profile_columns_and_skips_the_rest(survey):
    res = respondent_profile(survey[ATTRS])
    assert res.variables == ("Jenis Kelamin", "Usia", "Pendidikan")
    assert res.kinds == {"Jenis Kelamin": "categorical", "Usia": "age",
                         "Pendidikan": "categorical"}
    assert res.skipped == {"Timestamp": "timestamp", "Alamat Email": "email",
                           "Nama": "free_text"}
    assert res.bins == {"Usia": (20.0, 30.0, 40.0, 50.0)}
    assert res.n == 40


def test_profile_gender_with_blanks_matches_r(survey):
    g = _rows(respondent_profile(survey[ATTRS]).table, "Jenis Kelamin")
    # R: table(d$Jenis.Kelamin, useNA = "ifany") -> Laki-laki 18, Perempuan 20, <NA> 2
    assert g["category"].tolist()[:2] == ["Laki-laki", "Perempuan"]
    assert g["count"].tolist() == [18, 20, 2]
    assert g["missing"].tolist() == [False, False, True]
    assert g["category"].isna().tolist() == [False, False, True]
    # R: prop.table(table(d$Jenis.Kelamin, useNA = "ifany")) * 100 -> 45, 50, 5
    assert g["percent"].tolist() == pytest.approx([45.0, 50.0, 5.0], rel=1e-12)
    # R: prop.table(table(d$Jenis.Kelamin)) * 100 -> 47.3684210526316 52.6315789473684
    assert g["valid_percent"].tolist()[:2] == pytest.approx(
        [47.3684210526316, 52.6315789473684], rel=1e-13)
    assert g["cumulative_percent"].tolist()[:2] == pytest.approx([47.3684210526316, 100.0],
                                                                 rel=1e-13)
    assert math.isnan(g["valid_percent"].iloc[2])


def test_profile_age_bands_match_r_cut(survey):
    a = _rows(respondent_profile(survey[ATTRS]).table, "Usia")
    assert a["category"].tolist()[:5] == ["< 20", "20-29", "30-39", "40-49", ">= 50"]
    # R: table(cut(d$Usia, c(-Inf, 20, 30, 40, 50, Inf), right = FALSE), useNA = "ifany")
    assert a["count"].tolist() == [3, 10, 10, 11, 5, 1]
    # R: prop.table(table(a, useNA = "ifany")) * 100
    assert a["percent"].tolist() == pytest.approx([7.5, 25, 25, 27.5, 12.5, 2.5], rel=1e-12)
    # R: prop.table(table(a)) * 100 and its cumsum
    assert a["valid_percent"].tolist()[:5] == pytest.approx(
        [7.69230769230769, 25.64102564102564, 25.64102564102564, 28.2051282051282,
         12.82051282051282], rel=1e-13)
    assert a["cumulative_percent"].tolist()[:5] == pytest.approx(
        [7.69230769230769, 33.33333333333333, 58.97435897435897, 87.17948717948717, 100],
        rel=1e-13)


def test_profile_age_on_a_band_limit_goes_up(survey):
    # rows 1-4 hold ages 20, 19, 50, 29: 20 is in 20-29, 50 in >= 50, 19 in < 20
    res = respondent_profile(survey.loc[:3, ["Usia"]])
    counts = dict(zip(res.table["category"], res.table["count"]))
    assert counts == {"< 20": 1, "20-29": 2, "30-39": 0, "40-49": 0, ">= 50": 1}


def test_profile_education_sorted_and_sums_to_100(survey):
    e = _rows(respondent_profile(survey[ATTRS]).table, "Pendidikan")
    # R: table(d$Pendidikan) -> D3 3, S1 18, S2 3, SMA 16
    assert e["category"].tolist() == ["D3", "S1", "S2", "SMA"]
    assert e["count"].tolist() == [3, 18, 3, 16]
    assert e["percent"].tolist() == pytest.approx([7.5, 45, 7.5, 40], rel=1e-12)
    assert e["percent"].sum() == pytest.approx(100.0)


def test_profile_explicit_bins_and_columns(survey):
    res = respondent_profile(survey[ATTRS], columns=["Usia"], bins=[25, 45])
    assert res.variables == ("Usia",)
    t = res.table
    assert t["category"].tolist() == ["< 25", "25-44", ">= 45", None]
    # R: table(cut(d$Usia, c(-Inf, 25, 45, Inf), right = FALSE))
    assert t["count"].tolist()[:3] == [9, 18, 12]
    assert t["count"].sum() == 40


def test_profile_numeric_codes_named_age_stay_categories():
    # an age column coded 1..4 (already bands) is not binned as years
    res = respondent_profile(pd.DataFrame({"Usia": [1, 2, 2, 3, 4, 1, 2, 3, 1, 4]}))
    assert res.kinds == {"Usia": "categorical"}
    assert res.table["category"].tolist() == ["1", "2", "3", "4"]


def test_profile_skips_numeric_ids_in_a_small_sample():
    a = pd.DataFrame({"No": [1, 2, 3, 4, 5, 6], "Semester": [2, 4, 2, 6, 4, 2]})
    res = respondent_profile(a)
    assert res.variables == ("Semester",) and res.skipped == {"No": "too_many_values"}


def test_profile_bins_dict_names_a_column():
    a = pd.DataFrame({"Lama penggunaan": [1.0, 2.5, 3.0, 6.0, 12.0, 7.5, 9.0, 4.0, 2.0,
                                          10.0, 11.0, 1.5]})
    res = respondent_profile(a, bins={"Lama penggunaan": [3, 6]})
    assert res.kinds == {"Lama penggunaan": "age"}
    assert res.table["category"].tolist() == ["< 3", "3-<6", ">= 6"]
    assert res.table["count"].tolist() == [4, 2, 6]


def test_profile_errors(survey):
    with pytest.raises(SmmaError, match="'Gender' is not an attribute column"):
        respondent_profile(survey[ATTRS], columns=["Gender"])
    with pytest.raises(SmmaError, match="increasing"):
        respondent_profile(survey[ATTRS], bins=[30, 20])
    with pytest.raises(DataError, match="no attribute column"):
        respondent_profile(survey[["Nama", "Alamat Email"]])


def test_profile_to_dict_is_json(survey):
    out = respondent_profile(survey[ATTRS]).to_dict()
    text = json.dumps(out)
    assert '"skipped": {"Timestamp": "timestamp"' in text
    assert out["table"][2]["category"] is None and out["table"][2]["valid_percent"] is None


# ------------------------------------------------------------------ class intervals

def test_class_cuts_and_rule():
    assert class_cuts(1, 5, 5) == pytest.approx([1.0, 1.8, 2.6, 3.4, 4.2, 5.0])
    assert class_cuts(1, 5, 3) == pytest.approx([1, 7 / 3, 11 / 3, 5])
    assert class_rule(1, 5, 5, "right") == (
        "very_low: 1.00 <= mean <= 1.80; low: 1.80 < mean <= 2.60; "
        "medium: 2.60 < mean <= 3.40; high: 3.40 < mean <= 4.20; very_high: 4.20 < mean <= 5.00")
    assert class_rule(1, 5, 5, "left").endswith("very_high: 4.20 <= mean <= 5.00")


def test_mean_class_boundaries_by_hand():
    # the printed thesis ranges 1.00-1.80 / 1.81-2.60 / 2.61-3.40 / 3.41-4.20 / 4.21-5.00
    means = [1.0, 1.8, 1.81, 2.6, 2.61, 3.4, 3.41, 4.2, 4.21, 5.0]
    assert mean_class(means, 1, 5) == ["very_low", "very_low", "low", "low", "medium",
                                      "medium", "high", "high", "very_high", "very_high"]
    # closed="left": a mean on a limit goes to the class above it
    assert mean_class([1.0, 1.8, 2.6, 4.2, 5.0], 1, 5, closed="left") == [
        "very_low", "low", "medium", "very_high", "very_high"]
    # exact fractions meet the cuts whatever the floating-point rounding: 9/5 = 1.8
    assert mean_class(9 / 5, 1, 5) == "very_low"
    assert mean_class(9 / 5, 1, 5, closed="left") == "low"
    # three classes on 1..5: cuts at 7/3 and 11/3
    assert mean_class([7 / 3, 2.34, 11 / 3, 3.67], 1, 5, classes=3) == [
        "low", "medium", "medium", "high"]
    # rounding first: 1.804 -> 1.80 (very low); unrounded it is low
    assert mean_class(1.804, 1, 5, decimals=2) == "very_low"
    assert mean_class(1.804, 1, 5) == "low"
    assert mean_class(float("nan"), 1, 5) is None


def test_mean_class_errors():
    with pytest.raises(DataError, match="outside the scale"):
        mean_class(5.2, 1, 5)
    with pytest.raises(SmmaError, match="classes must be"):
        mean_class(3, 1, 5, classes=6)
    with pytest.raises(SmmaError, match="closed must be"):
        mean_class(3, 1, 5, closed="both")


# ------------------------------------------------------------------ item frequencies

# R: as.vector(table(factor(x, levels = 1:5))); mean(x); sd(x)
R_ITEMS = {
    "X1": ([6, 9, 11, 14, 0], 2.825, 1.08338264187587),
    "X2": ([4, 13, 17, 5, 1], 2.65, 0.921258893426787),
    "X3": ([6, 9, 14, 8, 3], 2.825, 1.15219967998785),
    "X4": ([4, 16, 9, 11, 0], 2.675, 0.997111212067525),
    "Y1": ([8, 10, 11, 7, 4], 2.725, 1.26059611458332),
    "Y2": ([7, 5, 16, 10, 2], 2.875, 1.13651514141549),
    "Y3": ([5, 8, 18, 6, 3], 2.85, 1.07536517351561),
}
LABELS = {1: "STS", 2: "TS", 3: "N", 4: "S", 5: "SS"}


def test_item_frequencies_match_r(survey):
    res = item_frequencies(survey[ITEMS], 1, 5, labels=LABELS)
    for item, (counts, mean, sd) in R_ITEMS.items():
        f = res.frequencies[res.frequencies["item"] == item]
        assert f["value"].tolist() == [1, 2, 3, 4, 5]
        assert f["label"].tolist() == ["STS", "TS", "N", "S", "SS"]
        assert f["count"].tolist() == counts
        # R: prop.table(table(factor(x, levels = 1:5))) * 100
        assert f["percent"].tolist() == pytest.approx([100 * c / 40 for c in counts],
                                                      rel=1e-12)
        row = res.table.set_index("item").loc[item]
        assert row["n"] == 40 and row["n_missing"] == 0 and row["n_other"] == 0
        assert row["mean"] == pytest.approx(mean, rel=1e-13)
        assert row["sd"] == pytest.approx(sd, rel=1e-12)
    # every mean lies in 2.61..3.40
    assert set(res.table["category"]) == {"medium"}
    assert res.mean_of_item_means == pytest.approx(np.mean([v[1] for v in R_ITEMS.values()]))
    assert res.category_of_mean == "medium"
    assert res.wide("percent").loc["X1"].tolist() == pytest.approx([15, 22.5, 27.5, 35, 0])
    assert res.closed == "right" and res.rule.startswith("very_low: 1.00 <= mean <= 1.80")


def test_item_frequencies_missing_and_filled_answers():
    items = pd.DataFrame({"A": [1, 2, np.nan, 5, 5], "B": [3.0, 3.5, 4.0, 4.0, 2.0]})
    res = item_frequencies(items, 1, 5, classes=3)
    t = res.table.set_index("item")
    assert (t.loc["A", "n"], t.loc["A", "n_missing"]) == (4, 1)
    # the person-mean 3.5 counts in n and the mean but in no frequency row
    assert (t.loc["B", "n"], t.loc["B", "n_other"]) == (5, 1)
    assert t.loc["B", "mean"] == pytest.approx(3.3)
    assert res.wide().loc["B"].tolist() == [0, 1, 1, 2, 0]
    assert res.wide("percent").loc["A"].tolist() == pytest.approx([25, 25, 0, 0, 50])
    assert t.loc["A", "category"] == "medium"           # 3.25 in (2.33, 3.67]


def test_item_frequencies_errors():
    with pytest.raises(DataError, match="X: answer 6 is outside the scale 1..5"):
        item_frequencies(pd.DataFrame({"X": [1, 6]}), 1, 5)
    with pytest.raises(DataError, match="X: values must be numbers"):
        item_frequencies(pd.DataFrame({"X": ["a", "b"]}), 1, 5)
    with pytest.raises(DataError, match="X: no answers"):
        item_frequencies(pd.DataFrame({"X": [np.nan, np.nan]}), 1, 5)


# ------------------------------------------------------------------ construct descriptives

def test_construct_descriptives_match_r(survey):
    scores = pd.DataFrame({"X": survey[["X1", "X2", "X3", "X4"]].sum(axis=1),
                           "Y": survey[["Y1", "Y2", "Y3"]].sum(axis=1)})
    res = construct_descriptives(scores, {"X": 4, "Y": 3}, scale_min=1, scale_max=5)
    t = res.table.set_index("variable")
    # R: c(length(v), min(v), max(v), mean(v), sd(v))
    assert t.loc["X", ["n", "min", "max"]].tolist() == [40, 5, 17]
    assert t.loc["X", "mean"] == pytest.approx(10.975, rel=1e-14)
    assert t.loc["X", "sd"] == pytest.approx(2.94816327001519, rel=1e-13)
    assert t.loc["Y", ["n", "min", "max"]].tolist() == [40, 5, 13]
    assert t.loc["Y", "mean"] == pytest.approx(8.45, rel=1e-14)
    assert t.loc["Y", "sd"] == pytest.approx(2.39604374772783, rel=1e-13)
    assert t.loc["X", "item_mean"] == pytest.approx(10.975 / 4)
    assert t.loc["Y", "item_sd"] == pytest.approx(2.39604374772783 / 3, rel=1e-13)
    assert t.loc["X", ["theoretical_min", "theoretical_max"]].tolist() == [4, 20]
    assert t["category"].tolist() == ["medium", "medium"]
    # mean scores of the same answers: the same class, the same item mean
    means = construct_descriptives(scores / pd.Series({"X": 4, "Y": 3}), scale_min=1,
                                   scale_max=5, score="mean")
    assert means.table["item_mean"].tolist() == pytest.approx(t["item_mean"].tolist())
    assert means.table["category"].tolist() == ["medium", "medium"]


def test_construct_descriptives_errors():
    s = pd.DataFrame({"X": [4, 21]})
    with pytest.raises(DataError, match="X: score 21 is outside the theoretical range 4..20"):
        construct_descriptives(s, 4, scale_min=1, scale_max=5)
    with pytest.raises(SmmaError, match="X: give n_items"):
        construct_descriptives(s, scale_min=1, scale_max=5)
    with pytest.raises(SmmaError, match="score must be"):
        construct_descriptives(s, 4, scale_min=1, scale_max=5, score="total")


# ------------------------------------------------------------------ correlations

# R: cor.test(a, b, method = m, exact = FALSE): estimate, p.value, and complete pairs
R_COR = {
    "pearson": {("X", "Y"): (0.567890607714218, 0.000132347962409291, 40),
                ("X", "Usia"): (-0.227642246870757, 0.163393343719259, 39),
                ("Y", "Usia"): (-0.412079009974543, 0.00914281269962467, 39)},
    "spearman": {("X", "Y"): (0.545945215892923, 0.000268580459948824, 40),
                 ("X", "Usia"): (-0.233714886805849, 0.152149270094691, 39),
                 ("Y", "Usia"): (-0.413987266506652, 0.0087943442322942, 39)},
}


@pytest.mark.parametrize("method", ["pearson", "spearman"])
def test_correlation_matrix_matches_r(survey, method):
    scores = pd.DataFrame({"X": survey[["X1", "X2", "X3", "X4"]].sum(axis=1),
                           "Y": survey[["Y1", "Y2", "Y3"]].sum(axis=1),
                           "Usia": survey["Usia"]})
    res = correlation_matrix(scores, method=method)
    assert res.method == method and res.n_valid == {"X": 40, "Y": 40, "Usia": 39}
    for row in res.table.itertuples(index=False):
        r, p, n = R_COR[method][(row.variable_a, row.variable_b)]
        assert row.r == pytest.approx(r, rel=1e-12)
        assert row.p_value == pytest.approx(p, rel=1e-9)
        assert row.n == n
        assert row.stars == ("**" if p < 0.01 else "*" if p < 0.05 else "")
        assert row.significant == (p < 0.05)
    m = res.matrix("r")
    assert m.loc["Y", "X"] == m.loc["X", "Y"] and m.loc["X", "X"] == 1.0
    assert res.matrix("n").loc["Usia", "Usia"] == 39
    assert res.matrix("stars").loc["Usia", "Y"] == "**"


def test_stars_by_hand():
    assert [stars(p) for p in (0.0099, 0.01, 0.0499, 0.05, float("nan"))] == [
        "**", "*", "*", "", ""]


def test_correlation_constant_column_and_errors():
    d = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 2, 2]})
    row = correlation_matrix(d).table.iloc[0]
    assert math.isnan(row["r"]) and math.isnan(row["p_value"]) and row["stars"] == ""
    with pytest.raises(SmmaError, match="method must be"):
        correlation_matrix(d, method="kendall")
    with pytest.raises(DataError, match="at least two variables"):
        correlation_matrix(d[["a"]])
