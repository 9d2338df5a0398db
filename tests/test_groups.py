"""Group breakdowns: Levene (mean-centred), Student and Welch t, one-way ANOVA, and the
group section of the report.

Golden numbers come from R 4.2.2 (stats::t.test, stats::aov, car 3.1.1
car::leveneTest(center = mean)) on R's own ``sleep`` and ``PlantGrowth`` data,
and PSPP 1.x (T-TEST /GROUPS, ONEWAY /STATISTICS=HOMOGENEITY), which prints
Levene's test centred on the mean as SPSS does. Random data are checked
against scipy.stats.ttest_ind / levene(center="mean") / f_oneway.
"""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import DataError, SmmaError
from smma_stats.group_tests import (AnovaResult, TTestResult, independent_t_test, levene_test,
                                    one_way_anova)
from smma_stats.groups import group_breakdown
from smma_stats.instrument import instrument_from_dict
from smma_stats.report import render
from smma_stats.report.build import build_document
from smma_stats.report.document import Paragraph, Table

# R: sleep$extra, group 1 then group 2
SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
# R: PlantGrowth$weight by group (ctrl, trt1, trt2)
PLANT = [[4.17, 5.58, 5.18, 6.11, 4.50, 4.61, 5.17, 4.53, 5.33, 5.14],
         [4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69],
         [6.31, 5.12, 5.54, 5.50, 5.37, 5.29, 4.92, 6.15, 5.80, 5.26]]


# ------------------------------------------------------------------ R and PSPP goldens

def test_sleep_t_test_matches_r_and_pspp():
    res = independent_t_test(SLEEP_1, SLEEP_2, groups=("1", "2"))
    # R: t.test(extra ~ group, data = sleep, var.equal = TRUE)
    assert res.t == pytest.approx(-1.86081346749, abs=1e-10)
    assert res.df == 18
    assert res.p_value == pytest.approx(0.0791867142159, abs=1e-12)
    assert (res.conf_low, res.conf_high) == pytest.approx((-3.36387403229, 0.203874032288),
                                                          abs=1e-10)
    assert res.se == pytest.approx(0.849091017239, abs=1e-11)
    # R: t.test(extra ~ group, data = sleep)  (Welch)
    assert res.t_welch == pytest.approx(-1.86081346749, abs=1e-10)
    assert res.df_welch == pytest.approx(17.7764735162, abs=1e-9)
    assert res.p_value_welch == pytest.approx(0.0793941401874, abs=1e-12)
    assert (res.conf_low_welch, res.conf_high_welch) == pytest.approx(
        (-3.36548323071, 0.205483230712), abs=1e-10)
    # R: car::leveneTest(extra ~ group, sleep, center = mean); PSPP T-TEST prints .62, .441
    assert res.levene_statistic == pytest.approx(0.619723532885, abs=1e-11)
    assert res.levene_p_value == pytest.approx(0.441393059678, abs=1e-11)
    assert (res.levene_df1, res.levene_df2) == (1, 18)
    # PSPP: Mean Difference -1.58
    assert res.mean_difference == pytest.approx(-1.58, abs=1e-12)
    assert res.equal_variances and res.read == "pooled" and not res.significant


def test_plant_growth_anova_matches_r_and_pspp():
    res = one_way_anova(*PLANT, groups=("ctrl", "trt1", "trt2"))
    # R: summary(aov(weight ~ group, PlantGrowth))
    assert res.ss_between == pytest.approx(3.76634, abs=1e-10)
    assert res.ss_within == pytest.approx(10.49209, abs=1e-10)
    assert res.f == pytest.approx(4.84608786238, abs=1e-10)
    assert res.p_value == pytest.approx(0.0159099583256, abs=1e-12)
    assert (res.df_between, res.df_within) == (2, 27)
    assert res.eta2 == pytest.approx(3.76634 / (3.76634 + 10.49209), abs=1e-12)
    # R: car::leveneTest(weight ~ group, PlantGrowth, center = mean); PSPP ONEWAY: 1.24, .306
    assert res.levene_statistic == pytest.approx(1.23696295447, abs=1e-10)
    assert res.levene_p_value == pytest.approx(0.306194922991, abs=1e-11)
    assert res.significant


# ------------------------------------------------------------------ scipy cross-checks

@pytest.mark.parametrize("n1, n2, scale2, seed", [(5, 7, 1.0, 1), (30, 12, 3.0, 2),
                                                  (101, 80, 0.5, 3), (3, 2, 1.0, 4)])
def test_t_test_matches_scipy(n1, n2, scale2, seed):
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(seed)
    a, b = rng.normal(10, 2, n1), rng.normal(11, 2 * scale2, n2)
    res = independent_t_test(a, b, alpha=0.05)
    pooled, welch = stats.ttest_ind(a, b, equal_var=True), stats.ttest_ind(a, b, equal_var=False)
    assert (res.t, res.p_value) == pytest.approx((pooled.statistic, pooled.pvalue), rel=1e-10)
    assert (res.t_welch, res.p_value_welch, res.df_welch) == pytest.approx(
        (welch.statistic, welch.pvalue, welch.df), rel=1e-10)
    lev = stats.levene(a, b, center="mean")
    assert (res.levene_statistic, res.levene_p_value) == pytest.approx(
        (lev.statistic, lev.pvalue), rel=1e-10)
    assert res.equal_variances == (lev.pvalue > 0.05)
    ci = welch.confidence_interval(0.95)
    assert (res.conf_low_welch, res.conf_high_welch) == pytest.approx((ci.low, ci.high),
                                                                      rel=1e-10)


@pytest.mark.parametrize("sizes, seed", [((4, 5, 6), 1), ((20, 31, 17, 9), 2),
                                         ((2, 2, 3, 2, 8), 3)])
def test_anova_and_levene_match_scipy(sizes, seed):
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(seed)
    groups = [rng.normal(3 + k * 0.3, 1 + k * 0.2, n) for k, n in enumerate(sizes)]
    res = one_way_anova(*groups)
    ref = stats.f_oneway(*groups)
    assert (res.f, res.p_value) == pytest.approx((ref.statistic, ref.pvalue), rel=1e-10)
    lev = stats.levene(*groups, center="mean")
    got = levene_test(*groups)
    assert (got.statistic, got.p_value) == pytest.approx((lev.statistic, lev.pvalue), rel=1e-10)
    assert (res.levene_statistic, res.levene_p_value) == (got.statistic, got.p_value)
    allv = np.concatenate(groups)
    assert res.ss_total == pytest.approx(((allv - allv.mean()) ** 2).sum(), rel=1e-12)
    assert res.df_within == len(allv) - len(sizes)


def test_unequal_variances_read_the_welch_row():
    a = [10, 10.1, 9.9, 10, 10.05, 9.95, 10, 10.02]
    b = [4, 16, 7, 13, 1, 19, 10, 22]
    res = independent_t_test(a, b)
    assert res.levene_p_value < 0.05 and not res.equal_variances
    assert res.read == "welch" and res.chosen["df"] == res.df_welch


def test_too_few_values_are_data_errors():
    with pytest.raises(DataError):
        independent_t_test([1.0], [2.0, 3.0])
    with pytest.raises(DataError):
        one_way_anova([1, 2], [3])
    with pytest.raises(DataError):
        levene_test([1, 2, 3])


# ------------------------------------------------------------------ breakdown of a study

INSTRUMENT = {
    "name": "groups-fixture", "title": "Groups fixture", "title_id": "Data kelompok",
    "scale": {"min": 1, "max": 5},
    "constructs": {"SMMA": {"label": "Social media marketing", "label_id": "Pemasaran media "
                            "sosial", "items": ["X1", "X2", "X3", "X4"]},
                   "PI": {"label": "Purchase intention", "label_id": "Minat beli",
                          "items": ["Y1", "Y2", "Y3"]}},
    "models": ["PI ~ SMMA"],
}

ROWS = """\
X1,X2,X3,X4,Y1,Y2,Y3,gender,region
5,4,4,4,4,4,3,L,kota
3,4,4,5,3,4,5,P,desa
4,2,4,4,4,4,3,P,kota
2,3,1,2,1,1,3,L,desa
1,1,1,2,2,1,2,L,pinggiran
3,4,4,4,3,3,3,P,kota
4,5,3,3,4,3,5,P,desa
4,3,4,3,3,3,4,L,kota
4,4,5,5,5,5,5,P,kota
4,4,4,3,4,5,4,P,pinggiran
4,4,3,4,4,4,5,L,desa
3,2,2,2,2,4,4,P,desa
2,2,3,2,1,3,3,L,pinggiran
5,5,5,5,4,3,5,P,kota
3,4,3,2,3,3,4,,kota
5,4,4,3,3,4,4,L,desa
1,1,2,2,1,2,1,L,pinggiran
2,3,2,4,3,2,3,P,kota
3,2,1,2,2,2,2,L,desa
2,2,2,3,3,3,1,P,pinggiran
"""


@pytest.fixture(scope="module")
def study():
    from smma_stats.study import analyze

    frame = pd.read_csv(io.StringIO(ROWS))
    return analyze(frame, instrument_from_dict(INSTRUMENT), by="gender")


def test_study_breakdown_by_two_groups(study):
    stats = pytest.importorskip("scipy.stats")
    g = study.groups
    assert g.by == "gender" and g.levels == ("L", "P") and g.n_missing == 1
    gender = study.responses.attributes["gender"]
    for code in ("SMMA", "PI"):
        s = study.scores[code]
        a, b = s[gender == "L"], s[gender == "P"]
        rows = g.means[g.means["construct"] == code].set_index("group")
        assert rows.loc["L", "n"] == 9 and rows.loc["P", "n"] == 10
        assert rows.loc["L", "mean"] == pytest.approx(a.mean(), rel=1e-12)
        assert rows.loc["P", "sd"] == pytest.approx(b.std(ddof=1), rel=1e-12)
        assert rows.loc["P", "se"] == pytest.approx(b.std(ddof=1) / np.sqrt(10), rel=1e-12)
        test = g.tests[code]
        assert isinstance(test, TTestResult) and test.groups == ("L", "P")
        ref = stats.ttest_ind(a, b, equal_var=True)
        assert (test.t, test.p_value) == pytest.approx((ref.statistic, ref.pvalue), rel=1e-10)
        cats = g.categories[g.categories["construct"] == code]
        for lv, n in (("L", 9), ("P", 10)):
            mine = cats[cats["group"] == lv]
            assert mine["count"].sum() == n and mine["percent"].sum() == pytest.approx(100)
        assert list(cats["category"][:3]) == list(study.categories[code].table["category"])


def test_breakdown_by_three_groups_is_an_anova(study):
    g = group_breakdown(study, by="region")
    assert g.levels == ("desa", "kota", "pinggiran")
    test = g.tests["PI"]
    assert isinstance(test, AnovaResult) and test.groups == g.levels
    region, s = study.responses.attributes["region"], study.scores["PI"]
    ref = one_way_anova(*(s[region == lv] for lv in g.levels))
    assert test.f == ref.f and test.eta2 == ref.eta2


def test_scores_frame_and_case_insensitive_column():
    scores = pd.DataFrame({"A": [1.0, 2, 3, 4, 5, 6]}, index=range(2, 8))
    attrs = pd.DataFrame({"Jenis Kelamin": [1, 1, 1, 2, 2, 2.0]}, index=range(2, 8))
    g = group_breakdown(scores, attrs, "jenis  kelamin")
    assert g.by == "Jenis Kelamin" and g.levels == ("1", "2")
    assert g.tests["A"].mean_difference == pytest.approx(-3)
    assert g.categories.empty


def test_unknown_column_names_it_and_lists_the_columns(study):
    with pytest.raises(SmmaError, match=r"'sex' is not a column of the file; the attribute "
                                        r"\(non-item\) columns are: gender, region"):
        group_breakdown(study, by="sex")
    from smma_stats.study import analyze

    with pytest.raises(SmmaError, match="gender, region"):
        analyze(study.responses, by="sex")


def test_a_group_of_one_skips_the_test():
    scores = pd.DataFrame({"A": [1.0, 2, 3, 4, 5]}, index=range(2, 7))
    attrs = pd.DataFrame({"g": ["a", "a", "b", "b", "c"]}, index=range(2, 7))
    g = group_breakdown(scores, attrs, "g")
    assert g.tests["A"] is None and g.notes["A"].endswith("group(s) c")
    one = group_breakdown(scores, attrs.assign(g="a"), "g")
    assert one.tests["A"] is None and "fewer than two groups" in one.notes["A"]


def _frames_equal(a, b):
    pd.testing.assert_frame_equal(a.means, b.means, rtol=1e-12)
    pd.testing.assert_frame_equal(a.categories, b.categories)
    assert a.levels == b.levels and a.n_missing == b.n_missing and a.notes == b.notes
    for code, t in a.tests.items():
        u = b.tests[code]
        assert type(t) is type(u)
        if t is not None:
            for k, v in t.to_dict().items():
                w = u.to_dict()[k]
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    # sums in another order: Levene's F (of small mean differences) moves most
                    assert v == pytest.approx(w, rel=1e-10, abs=1e-15), k
                else:           # labels, decisions and the group names
                    assert v == w, k


def test_group_values_as_codes():
    """Each distinct value labelled once: 1, 1.0, "1" and " 1 " are one group; a
    categorical column (as a large file is read) gives the same breakdown."""
    rng = np.random.default_rng(3)
    scores = pd.DataFrame({"A": rng.integers(5, 26, 60)}, index=range(2, 62))
    cells = rng.choice(np.array([1, 1.0, "1", " 1 ", "2", 2, "", None, "10"], dtype=object), 60)
    attrs = pd.DataFrame({"g": pd.Series(cells, index=scores.index, dtype=object)})
    g = group_breakdown(scores, attrs, "g")
    assert g.levels == ("1", "2", "10")            # numbers in numeric order
    label = {1: "1", "1": "1", " 1 ": "1", "2": "2", 2: "2", "10": "10"}
    assert g.n_missing == sum(1 for c in cells if c in ("", None))
    for lv in g.levels:
        members = scores["A"][[label.get(c) == lv for c in cells]]
        row = g.means[g.means["group"] == lv].iloc[0]
        assert row["n"] == len(members)
        assert row["mean"] == pytest.approx(members.mean(), rel=1e-12)
        assert row["sd"] == pytest.approx(members.std(ddof=1), rel=1e-12)
    ref = one_way_anova(*(scores["A"][[label.get(c) == lv for c in cells]] for lv in g.levels))
    assert g.tests["A"].f == pytest.approx(ref.f, rel=1e-12)
    as_category = attrs.assign(g=pd.Categorical(attrs["g"].replace("", None)))
    _frames_equal(group_breakdown(scores, as_category, "g"), g)


@pytest.mark.parametrize("k", [2, 3])
def test_large_breakdown_in_blocks_matches_scipy(k, monkeypatch):
    """Sums over blocks of rows (many here) give scipy's t, ANOVA and Levene."""
    stats = pytest.importorskip("scipy.stats")
    from smma_stats import group_tests, groups

    rng = np.random.default_rng(k)
    n = 30_000
    gender = rng.integers(0, k, n)
    score = (rng.integers(10, 41, n) + 2 * gender).astype(np.int16)
    scores = pd.DataFrame({"S": score, "M": np.where(rng.random(n) < 0.05, np.nan,
                                                    score / 10)})
    attrs = pd.DataFrame({"sex": pd.Categorical(np.array(["L", "P", "X"])[gender])})
    whole = group_breakdown(scores, attrs, "sex")
    monkeypatch.setattr(groups, "_BLOCK", 997)
    monkeypatch.setattr(group_tests, "_BLOCK", 997)
    blocks = group_breakdown(scores, attrs, "sex")
    _frames_equal(blocks, whole)
    for code in ("S", "M"):
        samples = [scores[code][gender == j].dropna().to_numpy(float) for j in range(k)]
        lev = stats.levene(*samples, center="mean")
        t = blocks.tests[code]
        assert (t.levene_statistic, t.levene_p_value) == pytest.approx(
            (lev.statistic, lev.pvalue), rel=1e-9)
        if k == 2:
            ref = stats.ttest_ind(*samples, equal_var=False)
            assert (t.t_welch, t.p_value_welch) == pytest.approx((ref.statistic, ref.pvalue),
                                                                 rel=1e-9)
        else:
            ref = stats.f_oneway(*samples)
            assert (t.f, t.p_value) == pytest.approx((ref.statistic, ref.pvalue), rel=1e-9)
    counts = blocks.means.set_index(["construct", "group"])["n"]
    assert counts["M"].sum() == scores["M"].notna().sum() and counts["S"].sum() == n


# ------------------------------------------------------------------ report

def _tables(doc) -> dict:
    return {b.title: b for s in doc.sections for b in s.blocks if isinstance(b, Table)}


def test_report_section_in_both_languages(study):
    doc = build_document(study)
    titles = [s.title for s in doc.sections if s.level == 1]
    assert titles.index("Comparison of groups by gender") == (
        titles.index("Category breakdown") + 1)
    tables = _tables(doc)
    t = tables["Independent Samples Test: PI"]
    test = study.groups.tests["PI"]
    assert t.rows[0][:3] == ("Equal variances assumed",
                             f"{test.levene_statistic:.3f}".lstrip("0"),
                             f"{test.levene_p_value:.3f}".lstrip("0"))
    assert t.rows[1][0] == "Equal variances not assumed" and t.rows[1][1:3] == ("", "")
    assert t.note == "Mean difference = mean of L - mean of P."
    stats = tables["Group Statistics: PI"]
    assert stats.columns[0] == "gender" and [r[0] for r in stats.rows] == ["L", "P"]
    text = " ".join(b.text for s in doc.sections for b in s.blocks if isinstance(b, Paragraph))
    assert "Left out of this section for having no value in gender: 1 respondent(s)." in text
    pi = study.groups.tests["PI"]
    assert (f"Levene's test: Sig. = {pi.levene_p_value:.3f} > .05, so the variances are taken "
            f"as equal and the row \"Equal variances assumed\" is read: t = {pi.t:.3f}, "
            f"df = 17, Sig. = {pi.p_value:.3f} < .05: the mean Purchase intention (PI) score "
            "differs significantly between the groups of gender (L = 8.00, P = 10.90)."
            ).replace("= 0.", "= .") in text
    ind = build_document(study, "id")
    assert "Uji Beda Berdasarkan gender" in [s.title for s in ind.sections]
    id_tables = _tables(ind)
    assert "Uji t Sampel Independen PI" in id_tables
    assert id_tables["Uji t Sampel Independen PI"].rows[0][0] == "Varians diasumsikan sama"


def test_anova_report_and_every_format(study):
    import dataclasses

    changed = dataclasses.replace(study, groups=group_breakdown(study, by="region"))
    tables = _tables(build_document(changed))
    assert [r[0] for r in tables["One-way ANOVA: PI"].rows] == ["Between Groups",
                                                              "Within Groups", "Total"]
    assert tables["Test of Homogeneity of Variances: PI"].columns == (
        "Levene Statistic", "df1", "df2", "Sig.")
    for lang in ("en", "id"):
        for fmt in ("text", "markdown", "html"):
            out = render(changed, fmt, lang=lang)
            assert ("eta squared" if lang == "en" else "eta kuadrat") in out
        with zipfile.ZipFile(io.BytesIO(render(changed, "docx", lang=lang))) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        assert ("One-way ANOVA: PI" if lang == "en" else "ANOVA Satu Jalur PI") in xml


def test_json_groups_layout(study):
    data = json.loads(render(study, "json"))
    g = data["groups"]
    assert g["by"] == "gender" and g["levels"] == ["L", "P"]
    pi = g["constructs"]["PI"]
    assert [m["group"] for m in pi["means"]] == ["L", "P"]
    assert {"n", "mean", "sd", "se"} <= set(pi["means"][0])
    test = pi["test"]
    assert test["kind"] == "t_test" and test["read"] in ("pooled", "welch")
    assert test["t"] == pytest.approx(study.groups.tests["PI"].t)
    assert {"levene_statistic", "levene_p_value", "t_welch", "df_welch"} <= set(test)
    assert data["settings"]["by"] == "gender"


def test_indonesian_group_labels_are_not_english(study):
    import dataclasses

    from smma_stats.report.messages import EN, ID

    keys = [k for k in ID if k.startswith(("col_levene", "col_sig2", "col_mean_diff",
                                           "col_se_diff", "col_se_mean", "col_variances",
                                           "var_", "group_", "ttest_", "oneway_",
                                           "homogeneity_", "sec_groups"))]
    assert all(EN[k] != ID[k] for k in keys)
    changed = dataclasses.replace(study, groups=group_breakdown(study, by="region"))
    text = render(changed, "text", lang="id")
    for word in ("Equal variances", "Between Groups", "Group Statistics", "Mean Difference"):
        assert word not in text


# ------------------------------------------------------------------ command line

def test_cli_by_option(tmp_path):
    import yaml
    from click.testing import CliRunner

    from smma_stats.cli import app

    (tmp_path / "inst.yaml").write_text(yaml.safe_dump(INSTRUMENT), encoding="utf-8")
    (tmp_path / "resp.csv").write_text(ROWS, encoding="utf-8")
    args = ["analyze", str(tmp_path / "resp.csv"), "-i", str(tmp_path / "inst.yaml")]
    res = CliRunner().invoke(app, args + ["--by", "region", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["groups"]["constructs"]["SMMA"]["test"]["kind"] == "anova"
    bad = CliRunner().invoke(app, args + ["--by", "umur"])
    assert bad.exit_code == 1
    assert "'umur' is not a column of the file" in bad.stderr
    assert "gender, region" in bad.stderr
