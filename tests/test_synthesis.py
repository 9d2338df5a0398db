"""Synthetic response tables: the shipped sample and the generator behind it.

Every target is checked here independently of smma_stats: numpy/pandas
formulas for alpha, item-total r and category counts, statsmodels OLS for the
regression and statsmodels ``lilliefors`` for the K-S statistic. Goldens for
the shipped sample come from R 4.2.2 (psych 2.2.9, nortest 1.0.4) on
``d <- read.csv("data/sample/smma_responses.csv", check.names = FALSE)``,
``sm <- d[, grep("^X", names(d))]``, ``pi <- d[, grep("^Y", names(d))]``,
``x <- rowSums(sm)``, ``y <- rowSums(pi)``, ``f <- lm(y ~ x)``.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import DataError
from smma_stats.instrument import instrument_from_dict, load_instrument
from smma_stats.synthesis import load_targets, synthesize, write_responses_csv

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "data" / "sample"
SAMPLE = SAMPLE_DIR / "smma_responses.csv"
TARGETS = SAMPLE_DIR / "targets.yaml"
INSTRUMENT = ROOT / "questionnaires" / "smma_instagram.yaml"
SEED = 2025          # the seed data/sample/README.md documents
N = 101
R_TABLE_101 = 0.1956  # two-tailed 5 % critical r, df = 99 (CONVENTIONS.md)
DIMENSIONS = ["entertainment", "interaction", "customization", "trendiness", "advertisement"]


# ----------------------------------------------------------------- references

def alpha_ref(items: pd.DataFrame) -> float:
    """Cronbach's alpha, k/(k-1) (1 - sum s_i^2 / s_T^2), variances with n - 1."""
    x = items.to_numpy(float)
    k = x.shape[1]
    return k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))


def ols_ref(y, x):
    import statsmodels.api as sm

    return sm.OLS(np.asarray(y, float), sm.add_constant(np.asarray(x, float))).fit()


def lilliefors_d(resid) -> float:
    from statsmodels.stats.diagnostic import lilliefors

    return float(lilliefors(np.asarray(resid, float), dist="norm", pvalmethod="table")[0])


def dallal_wilkinson_p(d: float, n: int) -> float:
    """SPSS's Lilliefors p (CONVENTIONS.md "Normality"), with the n > 100 rescaling."""
    if n > 100:
        d, n = d * (n / 100) ** 0.49, 100
    return math.exp(-7.01256 * d * d * (n + 2.78019) + 2.99587 * d * math.sqrt(n + 2.78019)
                    - 0.122119 + 0.974598 / math.sqrt(n) + 1.67997 / n)


def r_table(n: int) -> float:
    from scipy import stats

    t = stats.t.ppf(0.975, n - 2)
    return t / math.sqrt(n - 2 + t * t)


def item_rs(items: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    total = items.sum(axis=1)
    r = items.apply(lambda s: s.corr(total))
    rc = items.apply(lambda s: s.corr(total - s))
    return r, rc


def coded(frame: pd.DataFrame, inst) -> pd.DataFrame:
    """Answers with reverse-keyed items turned back (min + max - x)."""
    out = frame[inst.item_ids].copy()
    for item in inst.reverse:
        out[item] = inst.scale.min + inst.scale.max - out[item]
    return out


# ----------------------------------------------------------------- the shipped sample

@pytest.fixture(scope="module")
def inst():
    return load_instrument(INSTRUMENT)


@pytest.fixture(scope="module")
def sample():
    return pd.read_csv(SAMPLE)


@pytest.fixture(scope="module")
def regenerated(inst):
    return synthesize(inst, N, load_targets(TARGETS), SEED)


@pytest.fixture(scope="module")
def scores(sample, inst):
    return pd.DataFrame({name: sample[inst.items_of(name)].sum(axis=1)
                         for name in ["SMMA", "PI", *DIMENSIONS]})


def published_figures(frame, inst) -> dict:
    """The figures the sample publishes, as the package prints them for ``frame``
    (a data frame, or a file the package reads).

    Alpha, slope and R squared to 3 decimals, whether every item is valid (by
    the item-total r and the corrected r), the respondents in the high
    category and the K-S display of the residuals. Regenerated tables are
    compared with the shipped one by these (and by shape), not by bytes: the
    generator's float search may end on another table on another CPU, BLAS or
    scipy, one with the same published figures.
    """
    from smma_stats.categories import categorize
    from smma_stats.normality import ks_normality
    from smma_stats.readers import read_responses
    from smma_stats.regression import regress
    from smma_stats.reliability import cronbach_alpha
    from smma_stats.validity import item_validity

    resp = read_responses(frame, inst)
    out = {"n": resp.n, "alpha": {}, "all_valid": {}, "high": {}}
    for construct in ("SMMA", "PI"):
        items = resp.items[inst.items_of(construct)]
        out["alpha"][construct] = f"{cronbach_alpha(items).alpha:.3f}"
        out["all_valid"][construct] = (item_validity(items).all_valid
                                       and item_validity(items, judge="r_corrected").all_valid)
        cats = categorize(resp.scores[construct], n_items=items.shape[1], scale_min=1,
                          scale_max=5, name=construct)
        out["high"][construct] = int(cats.counts["high"])
    reg = regress(resp.scores, "PI", "SMMA")
    out["b"] = f"{reg.coefficients['b'].iloc[1]:.3f}"
    out["r2"] = f"{reg.r2:.3f}"
    out["ks"] = ks_normality(reg.residuals).display
    return out


#: What data/sample/README.md publishes for the sample (the goldens of the tests below).
PUBLISHED = {"n": N, "alpha": {"SMMA": "0.748", "PI": "0.829"},
             "all_valid": {"SMMA": True, "PI": True}, "high": {"SMMA": 89, "PI": 92},
             "b": "1.484", "r2": "0.708", "ks": ".200"}


def assert_like_the_sample(frame: pd.DataFrame, sample: pd.DataFrame, inst) -> None:
    """Same shape, columns and kinds of values as the shipped sample, same figures."""
    assert frame.shape == sample.shape
    assert list(frame.columns) == list(sample.columns)
    items = frame[inst.item_ids]
    assert items.isin([1, 2, 3, 4, 5]).all().all()
    assert frame["id"].tolist() == sample["id"].tolist()
    for column in ("gender", "follows_account"):
        assert set(frame[column]) <= set(sample[column])
    assert published_figures(frame, inst) == PUBLISHED


def test_regenerated_sample_has_the_published_figures(regenerated, sample, inst, tmp_path):
    out = tmp_path / "again.csv"
    write_responses_csv(regenerated, out)
    assert_like_the_sample(pd.read_csv(out), sample, inst)


def test_regeneration_repeats_byte_for_byte_on_one_machine(regenerated, inst, tmp_path):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    write_responses_csv(regenerated, first)
    write_responses_csv(synthesize(inst, N, load_targets(TARGETS), SEED), second)
    assert first.read_bytes() == second.read_bytes()


def test_readme_documents_the_regenerating_call():
    readme = (SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    for command in ("smma synthesize --instrument smma-instagram",
                    "python -m smma_stats.synthesis"):
        line = next(l for l in readme.splitlines() if command in l)
        assert f"--seed {SEED}" in line and "--n 101" in line
        assert "--targets data/sample/targets.yaml" in line


@pytest.mark.slow
def test_module_command_in_fresh_processes(sample, inst, tmp_path):
    # another hash seed must not change a byte; both processes run on one BLAS/OpenMP
    # thread on this machine, so the comparison does not depend on the CPU
    procs, outs = [], []
    for hash_seed in ("12345", "54321"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed, OMP_NUM_THREADS="1",
                   OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
        env["PYTHONPATH"] = os.pathsep.join(
            [str(ROOT / "src")] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
        out = tmp_path / f"fresh-{hash_seed}.csv"
        outs.append(out)
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "smma_stats.synthesis", "--instrument", str(INSTRUMENT),
             "--targets", str(TARGETS), "--n", "101", "--seed", str(SEED), "--out", str(out)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert_like_the_sample(pd.read_csv(outs[0]), sample, inst)


def test_sample_layout(sample, inst):
    assert list(sample.columns) == ["id", "gender", "age", "follows_account", *inst.item_ids]
    assert len(inst.item_ids) == 30
    assert sample["id"].tolist() == list(range(1, 102))
    assert set(sample["gender"]) == {"female", "male"}
    assert sample["age"].between(18, 27).all()
    assert set(sample["follows_account"]) == {"yes", "no"}
    items = sample[inst.item_ids]
    assert (items.dtypes == np.int64).all()
    assert items.isin([1, 2, 3, 4, 5]).all().all()
    assert abs(items.to_numpy().mean() - 4.2) < 0.1
    raw = SAMPLE.read_bytes()
    assert b"\r" not in raw and raw.endswith(b"\n")


@pytest.mark.parametrize("construct, target, r_golden", [
    ("SMMA", 0.748, 0.748000),   # R: psych::alpha(sm)$total$raw_alpha
    ("PI", 0.829, 0.829002),     # R: psych::alpha(pi)$total$raw_alpha
])
def test_sample_alpha(sample, inst, construct, target, r_golden):
    a = alpha_ref(sample[inst.items_of(construct)])
    assert round(a, 3) == target
    assert abs(a - target) < 1e-4
    assert a == pytest.approx(r_golden, abs=1e-6)


@pytest.mark.parametrize("construct", ["SMMA", "PI"])
def test_sample_every_item_valid(sample, inst, construct):
    assert r_table(N) == pytest.approx(R_TABLE_101, abs=5e-5)
    r, rc = item_rs(sample[inst.items_of(construct)])
    assert (r > R_TABLE_101).all(), r[r <= R_TABLE_101]
    assert (rc > R_TABLE_101).all(), rc[rc <= R_TABLE_101]


def test_sample_regression(scores):
    fit = ols_ref(scores["PI"], scores["SMMA"])
    b, r2 = fit.params[1], fit.rsquared
    assert (round(b, 3), round(r2, 3)) == (1.484, 0.708)
    assert abs(b - 1.484) < 1e-4 and abs(r2 - 0.708) < 1e-4
    assert b == pytest.approx(1.483943, abs=1e-6)        # R: coef(f)[2]
    assert fit.params[0] == pytest.approx(21.771796, abs=1e-6)   # R: coef(f)[1]
    assert r2 == pytest.approx(0.708051, abs=1e-6)       # R: summary(f)$r.squared


def test_sample_residuals_normal(scores):
    from statsmodels.stats.diagnostic import lilliefors

    resid = ols_ref(scores["PI"], scores["SMMA"]).resid
    d = lilliefors_d(resid)
    # R: nortest::lillie.test(resid(f))$statistic
    assert d == pytest.approx(0.049358, abs=1e-6)
    assert d < 0.065
    assert dallal_wilkinson_p(d, N) > 0.2                  # SPSS prints ".200"
    assert lilliefors(np.asarray(resid), dist="norm", pvalmethod="table")[1] > 0.2
    # R: nortest::lillie.test(resid(f))$p.value = 0.7889


def test_sample_residuals_show_no_autocorrelation(scores):
    from statsmodels.stats.stattools import durbin_watson

    # Durbin-Watson in file order; dU = 1.696 for n = 101, one predictor
    d = durbin_watson(ols_ref(scores["PI"], scores["SMMA"]).resid)
    assert 1.85 < d < 2.15


def test_sample_categories(scores):
    # interval method, theoretical range, lower bounds inclusive
    smma_high = int((scores["SMMA"] >= 10 + 2 * 40 / 3).sum())
    pi_high = int((scores["PI"] >= 20 + 2 * 80 / 3).sum())
    assert (smma_high, pi_high) == (89, 92)               # R: sum(x >= 110/3), sum(y >= 220/3)
    assert (round(100 * smma_high / N, 1), round(100 * pi_high / N, 1)) == (88.1, 91.1)


def test_sample_five_dimension_model_is_plausible(scores):
    fit = ols_ref(scores["PI"], scores[DIMENSIONS])
    assert (fit.params[1:] > 0).all()
    assert fit.rsquared >= 0.708


def test_sample_through_the_package(sample, inst):
    """The package's own statistics print the published figures."""
    assert published_figures(SAMPLE, inst) == PUBLISHED


def test_running_statistics_agree_with_the_library(sample, inst):
    """The search's running alpha, slope, R squared, Lilliefors D, Durbin-Watson
    d and r table equal what the package prints for the same table."""
    from smma_stats.durbin_watson import durbin_watson
    from smma_stats.normality import ks_normality
    from smma_stats.readers import read_responses
    from smma_stats.regression import regress
    from smma_stats.reliability import cronbach_alpha
    from smma_stats.synthesis._answers import ItemSearch
    from smma_stats.synthesis._sums import SumSearch, _durbin_watson_d
    from smma_stats.synthesis._targets import parse_targets
    from smma_stats.validity import r_table as package_r_table

    resp = read_responses(SAMPLE, inst)
    spec = parse_targets(inst, N, load_targets(TARGETS))
    sums = {c: resp.scores[c].astype(int).tolist() for c in ("SMMA", "PI")}
    search = SumSearch(spec, sums, N)
    reg = regress(resp.scores, "PI", "SMMA")
    b, r2 = search.fit()
    assert b == pytest.approx(reg.coefficients["b"].iloc[1], rel=1e-12)
    assert r2 == pytest.approx(reg.r2, rel=1e-12)
    assert search.d_stat() == pytest.approx(ks_normality(reg.residuals).statistic, abs=1e-12)
    assert search.count_err() == 0 and search.met(spec["tol"])
    b_sum = reg.coefficients["b"].iloc[1]
    assert _durbin_watson_d(sums["SMMA"], sums["PI"], b_sum) == pytest.approx(
        durbin_watson(reg.residuals), abs=1e-12)
    for construct in ("SMMA", "PI"):
        items = resp.items[inst.items_of(construct)]
        rows = items.to_numpy(int).tolist()
        running = ItemSearch(rows, sums[construct], 1, 5, None, 0.0, 0.0)
        assert running.alpha_now() == pytest.approx(cronbach_alpha(items).alpha, rel=1e-12)
    assert package_r_table(N) == pytest.approx(R_TABLE_101, abs=5e-5)

# ----------------------------------------------------------------- the generator

def small_instrument(**extra):
    raw = {"name": "small", "scale": {"min": 1, "max": 5}, "score": "mean",
           "constructs": {"A": {"items": ["a1", "a2", "a3", "a4"]},
                          "B": {"items": ["b1", "b2", "b3", "b4", "b5", "b6"]},
                          "C": {"items": ["c1", "c2", "c3"]}},
           "reverse": ["a2", "b3"], "models": ["B ~ A"]}
    raw.update(extra)
    return instrument_from_dict(raw)


SMALL_TARGETS = {
    "alpha": {"A": 0.65, "B": 0.85, "C": 0.6},
    "model": {"formula": "B ~ A", "b": 0.6, "r2": 0.35},
    "categories": {"A": {"high": 40}, "B": {"low": 2, "high": 45}},
    "normal_residuals": True,
    "item_mean": 3.9,
    "attributes": {"class": {"values": ["A1", "B2"], "weights": [1, 3]},
                   "year": {"min": 2020, "max": 2022}},
}


def test_small_instrument_meets_its_targets():
    inst = small_instrument()
    n, tol = 60, 2e-4                     # tolerance default
    d = synthesize(inst, n, SMALL_TARGETS, seed=11)
    assert list(d.columns) == ["id", "class", "year", *inst.item_ids]
    assert set(d["class"]) <= {"A1", "B2"} and d["year"].between(2020, 2022).all()
    items = coded(d, inst)
    for construct, target in SMALL_TARGETS["alpha"].items():
        block = items[inst.items_of(construct)]
        assert abs(alpha_ref(block) - target) <= tol
        r, rc = item_rs(block)
        assert (r > r_table(n)).all() and (rc > r_table(n)).all()
    # mean scores: the slope is in item-mean units
    mean = {c: items[inst.items_of(c)].mean(axis=1) for c in "ABC"}
    fit = ols_ref(mean["B"], mean["A"])
    assert abs(fit.params[1] - 0.6) <= tol and abs(fit.rsquared - 0.35) <= tol
    assert lilliefors_d(fit.resid) < 0.65 / math.sqrt(n)
    # interval cuts of a 1..5 item mean: 2.33 and 3.67, lower bounds inclusive
    assert int((mean["A"] >= 11 / 3 - 1e-12).sum()) == 40
    assert int((mean["B"] >= 11 / 3 - 1e-12).sum()) == 45
    assert int((mean["B"] < 7 / 3 - 1e-12).sum()) == 2
    # the raw answers of a reverse-keyed item run the other way
    assert np.corrcoef(d["a2"], items[["a1", "a3", "a4"]].sum(axis=1))[0, 1] < 0


def test_seven_point_scale_with_five_azwar_classes():
    inst = small_instrument(scale={"min": 1, "max": 7}, score="sum", reverse=[],
                            categories={"method": "mean_sd", "levels": 5})
    n = 80
    targets = {"alpha": {"A": 0.75}, "model": {"formula": "A ~ B", "b": 0.5, "r2": 0.5},
               "categories": {"B": {"very high": 30, "very low": 0}}, "item_mean": 5.2,
               "tolerance": 1e-4}
    d = synthesize(inst, n, targets, seed=3)
    items = d[inst.item_ids]
    assert items.isin(range(1, 8)).all().all()
    assert abs(alpha_ref(items[inst.items_of("A")]) - 0.75) <= 1e-4
    a, b = (items[inst.items_of(c)].sum(axis=1) for c in "AB")
    fit = ols_ref(a, b)
    assert abs(fit.params[1] - 0.5) <= 1e-4 and abs(fit.rsquared - 0.5) <= 1e-4
    # Azwar, 6 items on 1..7: mu = 24, sigma = 6; "very high" from mu + 1.5 sigma = 33
    assert int((b >= 33).sum()) == 30 and int((b < 15).sum()) == 0


def test_same_seed_same_table_other_seed_other_table():
    inst = small_instrument()
    first = synthesize(inst, 60, SMALL_TARGETS, seed=1)
    pd.testing.assert_frame_equal(first, synthesize(inst, 60, SMALL_TARGETS, seed=1))
    assert not first.equals(synthesize(inst, 60, SMALL_TARGETS, seed=2))


def test_targets_file_round_trip(inst):
    targets = load_targets(TARGETS)
    assert targets["model"] == {"formula": "PI ~ SMMA", "b": 1.484, "r2": 0.708}
    assert targets["categories"] == {"SMMA": {"high": 89}, "PI": {"high": 92}}
    assert targets["alpha"] == {"SMMA": 0.748, "PI": 0.829}


@pytest.mark.parametrize("change, message", [
    ({"categories": {"A": {"high": 61}}}, "count 61 is not between 0 and n = 60"),
    ({"categories": {"A": {"low": 10, "medium": 10, "high": 10}}}, "add up to 30, not n = 60"),
    ({"categories": {"A": {"top": 3}}}, "unknown category 'top'"),
    ({"alpha": {"Z": 0.7}}, "'Z' is not a construct"),
    ({"model": {"formula": "B ~ A + C", "b": 1, "r2": 0.3}}, "one simple regression"),
    ({"model": {"formula": "B ~ A", "b": 0.6, "r2": 1.2}}, "r2 strictly between 0 and 1"),
    ({"tolerance": 0.5}, "tolerance must be in"),
    ({"colour": 1}, "unknown targets key 'colour'"),
])
def test_malformed_targets_raise(change, message):
    with pytest.raises(DataError, match=re.escape(message)):
        synthesize(small_instrument(), 60, {**SMALL_TARGETS, **change}, seed=1)


@pytest.mark.slow
def test_unreachable_alpha_raises_naming_the_target():
    # four 1..5 items cannot reach alpha .99 with these sums: the search says so
    targets = {**SMALL_TARGETS, "alpha": {"A": 0.99}}
    with pytest.raises(DataError, match=r"alpha\.A 0\.99 .*\(reached 0\.\d{4}\)"):
        synthesize(small_instrument(), 60, targets, seed=1)


def test_contradictory_mean_and_counts_raise():
    # nearly everyone "high" (item mean >= 3.67) yet a mean answer of 2.5
    targets = {**SMALL_TARGETS, "item_mean": 2.5, "categories": {"A": {"high": 58}}}
    with pytest.raises(DataError, match=r"targets not met after the search: .*item_mean 2\.5"):
        synthesize(small_instrument(), 60, targets, seed=1)


def test_bad_arguments_raise():
    inst = small_instrument()
    with pytest.raises(DataError, match="at least 10 respondents"):
        synthesize(inst, 5, SMALL_TARGETS, seed=1)
    with pytest.raises(DataError, match="seed"):
        synthesize(inst, 60, SMALL_TARGETS, seed=-1)
    with pytest.raises(DataError, match="targets file not found"):
        load_targets(Path(__file__).parent / "no_such_targets.yaml")


def test_write_responses_csv_is_plain_utf8_and_atomic(tmp_path):
    frame = pd.DataFrame({"id": [1, 2], "name": ["Siti Aisyah", "Zoë"], "X1": [4, 5]})
    out = tmp_path / "r.csv"
    out.write_text("old content", encoding="utf-8")
    write_responses_csv(frame, out)
    assert out.read_bytes() == "id,name,X1\n1,Siti Aisyah,4\n2,Zoë,5\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


def test_attention_check_question_is_answered_as_expected():
    inst = small_instrument(attention_check={"column": "Pilih Setuju", "expect": [4, "S"]})
    d = synthesize(inst, 30, {}, seed=2)
    assert list(d.columns[:2]) == ["id", "Pilih Setuju"]
    assert (d["Pilih Setuju"] == 4).all()
