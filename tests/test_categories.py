"""Category breakdowns (interval, Azwar mean/SD, ideal-score percentage)."""

import json

import numpy as np
import pandas as pd
import pytest

from smma_stats.categories import CategoryResult, categorize
from smma_stats.errors import DataError, SmmaError

# 40 sums of 6 items on a 1..5 scale (theoretical range 6..30). Generated in R 4.x:
#   set.seed(20240501)
#   x <- rowSums(matrix(sample(1:5, 40*6, replace=TRUE, prob=c(.05,.15,.3,.3,.2)), ncol=6))
# and every count below is R's
#   as.vector(table(cut(x, c(-Inf, cuts, Inf), right = FALSE)))
# (right = FALSE: a score on a cut goes to the class above, as categorize does).
X40 = [21, 18, 22, 22, 26, 20, 20, 21, 19, 18, 23, 19, 16, 20, 24, 17, 21, 22, 20, 18,
       20, 21, 15, 14, 23, 22, 19, 26, 20, 21, 22, 19, 25, 24, 20, 21, 21, 21, 22, 18]


def counts(res):
    return list(res.table["count"])


# ---------------------------------------------------------------- hand-checked case

def test_hand_checked_interval_three_classes():
    # 10 items on 1..5 -> range 10..50, width 40/3 = 13.33, cuts 23.33 and 36.67.
    #   low    (< 23.33):            12, 23, 10         -> 3
    #   medium (23.33 <= X < 36.67): 24, 30, 36         -> 3
    #   high   (>= 36.67):           37, 40, 50, 45     -> 4
    # ideal %: sum 307 / (50 * 10) * 100 = 61.4
    scores = pd.Series([12, 23, 24, 30, 36, 37, 40, 50, 10, 45], name="PI")
    res = categorize(scores, n_items=10, scale_min=1, scale_max=5)
    assert isinstance(res, CategoryResult)
    assert res.variable == "PI" and res.method == "interval" and res.levels == 3
    assert res.basis == "hypothetical" and res.n == 10
    assert list(res.table.columns) == ["category", "lower", "upper", "count", "percent"]
    assert list(res.table["category"]) == ["low", "medium", "high"]
    assert counts(res) == [3, 3, 4]
    assert list(res.table["percent"]) == [30.0, 30.0, 40.0]
    assert res.lower == pytest.approx((10, 70 / 3, 110 / 3))
    assert res.upper == pytest.approx((70 / 3, 110 / 3, 50))
    assert res.rule == "low: score < 23.33; medium: 23.33 <= score < 36.67; high: score >= 36.67"
    assert res.note == "range 10-50, class width 13.33"
    assert res.ideal_percent == pytest.approx(61.4)
    assert res.mean == pytest.approx(30.7)
    assert list(res.assignments) == ["low", "low", "medium", "medium", "medium",
                                     "high", "high", "high", "low", "high"]
    assert res.assignments.name == "PI"


def test_percent_is_not_rounded():
    res = categorize([10, 30, 50], n_items=10, scale_min=1, scale_max=5)
    assert res.table["percent"].tolist() == pytest.approx([100 / 3] * 3, abs=1e-13)


# ---------------------------------------------------------------- boundaries

def test_scores_on_a_cut_go_to_the_class_above():
    # 6 items on 1..5: Azwar mu = 6*3 = 18, sigma = 6*4/6 = 4 -> cuts 14 and 22.
    res = categorize([13, 14, 21, 22], n_items=6, scale_min=1, scale_max=5, method="mean_sd")
    assert (res.mu, res.sigma) == (18.0, 4.0)
    assert list(res.assignments) == ["low", "medium", "medium", "high"]
    assert res.rule == "low: score < 14; medium: 14 <= score < 22; high: score >= 22"
    assert res.note == "mu = 18, sigma = 4"


def test_theoretical_minimum_and_maximum_are_inside():
    # interval, 5 classes on 10 items: width 8, cuts 18, 26, 34, 42
    res = categorize([10, 18, 26, 34, 42, 50, 17], n_items=10, scale_min=1, scale_max=5,
                     levels=5)
    assert list(res.assignments) == ["very_low", "low", "medium", "high", "very_high",
                                     "very_high", "very_low"]
    assert res.rule == ("very_low: score < 18; low: 18 <= score < 26; medium: 26 <= score < 34; "
                        "high: 34 <= score < 42; very_high: score >= 42")


def test_item_means_on_a_cut_follow_exact_arithmetic():
    # item means (n_items=1) on 1..5: cuts 7/3 and 11/3. The mean of the answers
    # (4, 4, 3) is 11/3 exactly, and must not fall below the cut by rounding error.
    means = pd.DataFrame({"a": [4, 3, 1], "b": [4, 2, 2], "c": [3, 2, 4]}).mean(axis=1)
    res = categorize(means, n_items=1, scale_min=1, scale_max=5)
    assert list(res.assignments) == ["high", "medium", "medium"]
    assert res.rule == "low: score < 2.33; medium: 2.33 <= score < 3.67; high: score >= 3.67"
    # Azwar on a 0..4 scale: mu - sigma = 2 - 2/3 is 1.3333333333333335 in doubles, while
    # the mean of the answers (1, 1, 2) is 4/3 = 1.3333333333333333: on the cut, so medium.
    res = categorize([(1 + 1 + 2) / 3, 1.3], n_items=1, scale_min=0, scale_max=4,
                     method="mean_sd")
    assert list(res.assignments) == ["medium", "low"]


# ---------------------------------------------------------------- against R

@pytest.mark.parametrize("method, levels, basis, expected", [
    ("interval", 3, "hypothetical", [0, 27, 13]),           # cuts 14, 22
    ("interval", 5, "hypothetical", [0, 2, 17, 19, 2]),     # cuts 6 + 24*(1:4)/5
    ("mean_sd", 3, "hypothetical", [0, 27, 13]),            # mu 18, sigma 4
    ("mean_sd", 5, "hypothetical", [0, 2, 10, 23, 5]),      # cuts 12, 16, 20, 24
    ("mean_sd", 3, "sample", [4, 31, 5]),                   # mean(x) -/+ sd(x)
    ("mean_sd", 5, "sample", [3, 9, 15, 10, 3]),            # mean(x) + c(-1.5,-.5,.5,1.5)*sd(x)
    ("interval", 3, "sample", [4, 23, 13]),                 # range(x) = 14..26, cuts 18, 22
    ("ideal_percent", 5, "hypothetical", [0, 0, 4, 31, 5]),  # x/30*100 cut 20, 40, 60, 80
    # ideal 3: R on score units, cut(x, c(-Inf, 10, 20, Inf), right = FALSE). (Cutting
    # x/30*100 at 200/3 instead gives 0 19 21: in doubles 20/30*100 = 66.666666666666657
    # < 200/3 = 66.666666666666671, so a score of exactly 2/3 of the ideal slips down.)
    ("ideal_percent", 3, "hypothetical", [0, 12, 28]),
])
def test_counts_match_r(method, levels, basis, expected):
    res = categorize(X40, n_items=6, scale_min=1, scale_max=5, levels=levels, method=method,
                     basis=basis)
    assert counts(res) == expected
    assert sum(counts(res)) == res.n == 40
    # R: sum(x) / (30 * 40) * 100
    assert res.ideal_percent == pytest.approx(68.4166666666667, abs=1e-12)


OPTIONS = [("interval", 3, "hypothetical"), ("interval", 5, "hypothetical"),
           ("interval", 3, "sample"), ("mean_sd", 3, "hypothetical"),
           ("mean_sd", 5, "hypothetical"), ("mean_sd", 3, "sample"), ("mean_sd", 5, "sample"),
           ("ideal_percent", 3, "hypothetical"), ("ideal_percent", 5, "hypothetical")]


def _same(got, ref):
    assert counts(got) == counts(ref)
    assert (got.n, got.mean, got.mu) == (ref.n, ref.mean, ref.mu)
    assert got.ideal_percent == ref.ideal_percent or np.isnan([got.ideal_percent,
                                                               ref.ideal_percent]).all()
    if ref.sigma is not None:
        # integer scores: the SD from exact integer sums (correctly rounded)
        assert got.sigma == pytest.approx(ref.sigma, rel=1e-15)
    assert got.lower == pytest.approx(ref.lower, rel=1e-15)
    assert got.rule == ref.rule and got.note == ref.note
    assert list(got.assignments) == list(ref.assignments)
    assert got.assignments.index.equals(ref.assignments.index)


@pytest.mark.parametrize("dtype", ["int8", "int16", "int64", "uint8"])
def test_whole_number_scores_are_tallied_by_value(dtype):
    """Integer scores are counted per distinct value (classes found once per value):
    the same result as the same scores as floats, compared one by one. The float
    route's counts are R's (test_counts_match_r)."""
    s = pd.Series(np.array(X40, dtype=dtype), index=range(100, 140), name="S")
    for method, levels, basis in OPTIONS:
        got = categorize(s, 6, 1, 5, levels=levels, method=method, basis=basis)
        ref = categorize(s.astype(float), 6, 1, 5, levels=levels, method=method, basis=basis)
        _same(got, ref)


def test_tally_in_blocks_and_negative_points(monkeypatch):
    from smma_stats import moments

    monkeypatch.setattr(moments.Tally, "_BLOCK", 7)   # many blocks, a short last one
    x = np.random.default_rng(5).integers(-6, 7, 1000)
    for method, levels, basis in OPTIONS[:7]:
        got = categorize(x, 3, -2, 2, levels=levels, method=method, basis=basis)
        ref = categorize(x.astype(float), 3, -2, 2, levels=levels, method=method, basis=basis)
        _same(got, ref)
    # 3 items on -2..2: range -6..6, cuts -2 and 2 (a score on a cut goes up)
    res = categorize(np.array([-6, -2, 0, 2, 6], dtype=np.int16), 3, -2, 2)
    assert counts(res) == [1, 2, 2] and np.isnan(res.ideal_percent)
    with pytest.raises(DataError, match=r"score 7 \(respondent 1\) is outside"):
        categorize(np.array([6, 7], dtype=np.int16), 3, -2, 2)


def test_sample_basis_uses_sample_mean_and_sd():
    res = categorize(X40, n_items=6, scale_min=1, scale_max=5, method="mean_sd", basis="sample")
    assert res.mu == pytest.approx(20.525, abs=1e-12)              # R: mean(x)
    assert res.sigma == pytest.approx(2.65047165613971, abs=1e-12)  # R: sd(x)
    assert res.lower[1] == pytest.approx(20.525 - 2.65047165613971)


def test_ideal_percent_rule_and_bounds():
    res = categorize(X40, n_items=6, scale_min=1, scale_max=5, levels=5, method="ideal_percent")
    assert res.lower == (0.0, 6.0, 12.0, 18.0, 24.0)
    assert res.upper == (6.0, 12.0, 18.0, 24.0, 30.0)
    assert res.note == "cuts at 20%, 40%, 60%, 80% of the ideal score 30"
    assert res.mu is None and res.sigma is None


# ---------------------------------------------------------------- languages

def test_classes_are_language_neutral_keys():
    """Results carry keys; the report and the figures translate them."""
    from smma_stats.report.messages import msg

    res3 = categorize([12, 30, 45], n_items=10, scale_min=1, scale_max=5)
    assert list(res3.table["category"]) == ["low", "medium", "high"]
    assert res3.rule == "low: score < 23.33; medium: 23.33 <= score < 36.67; high: score >= 36.67"
    assert res3.note == "range 10-50, class width 13.33"
    res5 = categorize([10, 20, 30, 40, 50], n_items=10, scale_min=1, scale_max=5, levels=5)
    assert list(res5.table["category"]) == ["very_low", "low", "medium", "high", "very_high"]
    assert counts(res5) == [1, 1, 1, 1, 1]
    assert list(res5.assignments.cat.categories) == list(res5.table["category"])
    assert [msg(f"cat_5_{j}", "id") for j in range(5)] == [
        "Sangat Rendah", "Rendah", "Sedang", "Tinggi", "Sangat Tinggi"]


def test_written_class_names_map_to_keys():
    from smma_stats.categories import class_key

    assert class_key("Sangat Rendah", 5) == "very_low"
    assert class_key("very high", 5) == "very_high"
    assert class_key("Tinggi", 3) == "high"
    assert class_key("very_low", 3) is None


# ---------------------------------------------------------------- result object

def test_to_dict_is_json_and_leaves_out_assignments():
    res = categorize(pd.Series(X40, name="SMMA"), n_items=6, scale_min=1, scale_max=5)
    d = res.to_dict()
    assert "assignments" not in d
    assert d["table"][1] == {"category": "medium", "lower": 14.0, "upper": 22.0, "count": 27,
                             "percent": 67.5}
    json.dumps(d)
    assert "rule: low: score < 14" in res.summary()
    assert "<table>" in res._repr_html_()


def test_assignments_keep_the_input_index():
    s = pd.Series([12, 45], index=[7, 9])
    res = categorize(s, n_items=10, scale_min=1, scale_max=5, name="X")
    assert list(res.assignments.index) == [7, 9]
    assert res.variable == "X"
    assert categorize(np.array([12.0]), 10, 1, 5).variable == "score"


# ---------------------------------------------------------------- errors

def test_levels_must_be_three_or_five():
    with pytest.raises(SmmaError, match=r"^levels must be 3 or 5, not 4$"):
        categorize([12], n_items=10, scale_min=1, scale_max=5, levels=4)


def test_unknown_method():
    with pytest.raises(SmmaError, match=r"^unknown category method 'quartile'; use one of "
                                        r"interval, mean_sd, ideal_percent$"):
        categorize([12], n_items=10, scale_min=1, scale_max=5, method="quartile")


def test_unknown_basis_and_no_language():
    with pytest.raises(SmmaError, match="basis must be 'hypothetical' or 'sample', not 'obs'"):
        categorize([12], 10, 1, 5, basis="obs")
    with pytest.raises(TypeError):
        categorize([12], 10, 1, 5, lang="id")     # results carry keys, reports translate
    with pytest.raises(SmmaError, match="basis 'sample' does not apply to the ideal_percent"):
        categorize([12], 10, 1, 5, method="ideal_percent", basis="sample")


def test_score_outside_theoretical_range_names_the_value():
    with pytest.raises(DataError) as err:
        categorize(pd.Series([12, 51], name="PI"), n_items=10, scale_min=1, scale_max=5)
    assert str(err.value) == ("PI: score 51 (respondent 1) is outside the theoretical range "
                              "10..50 of 10 items on a 1..5 scale")
    with pytest.raises(DataError, match=r"score 9.5 \(respondent 0\)"):
        categorize([9.5], n_items=10, scale_min=1, scale_max=5)


def test_missing_and_empty_scores():
    with pytest.raises(DataError, match="missing score for respondent 1"):
        categorize([12, np.nan], 10, 1, 5)
    with pytest.raises(DataError, match="no scores"):
        categorize([], 10, 1, 5)


def test_sample_basis_needs_spread():
    with pytest.raises(DataError, match="the SD is zero"):
        categorize([20, 20, 20], 10, 1, 5, method="mean_sd", basis="sample")
    with pytest.raises(DataError, match="observed range cannot be divided"):
        categorize([20, 20], 10, 1, 5, basis="sample")


def test_bad_scale_arguments():
    with pytest.raises(SmmaError, match=r"scale_min \(5\) must be below scale_max \(1\)"):
        categorize([3], 1, 5, 1)
    with pytest.raises(SmmaError, match="n_items must be at least 1"):
        categorize([3], 0, 1, 5)
