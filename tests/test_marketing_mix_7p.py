"""The 7P marketing-mix instrument and its synthetic practice sample.

The sample ``data/sample/marketing_mix_7p_responses.csv`` is checked against
its targets (``data/sample/marketing_mix_7p_targets.yaml``) through the
``smma`` command, and every number is cross-checked independently: alpha with
the textbook formula in numpy, the regression with statsmodels OLS, and
goldens from R 4.2.2 (psych 2.2.9, nortest 1.0.4) on
``d <- read.csv("data/sample/marketing_mix_7p_responses.csv", check.names = FALSE)``,
``mm <- d[, grep("^X", names(d))]``, ``pd <- d[, grep("^Y", names(d))]``,
``x <- rowSums(mm)``, ``y <- rowSums(pd)``, ``f <- lm(y ~ x)``.
"""

from __future__ import annotations

import inspect
import json
import shlex
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

import smma_stats
from smma_stats.cli import app
from smma_stats.infer import match_shipped
from smma_stats.instrument import find_instrument, load_instrument, shipped_instruments

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "data" / "sample"
SAMPLE = SAMPLE_DIR / "marketing_mix_7p_responses.csv"
TARGETS = SAMPLE_DIR / "marketing_mix_7p_targets.yaml"
INSTRUMENT = ROOT / "questionnaires" / "marketing_mix_7p.yaml"
SMMA_INSTRUMENT = ROOT / "questionnaires" / "smma_instagram.yaml"
SMMA_SAMPLE = SAMPLE_DIR / "smma_responses.csv"
NAME = "marketing-mix-7p"
N, SEED = 120, 7     # the call data/sample/README.md documents
MM_DIMENSIONS = ["product", "price", "place", "promotion", "people", "process",
                 "physical_evidence"]
PD_DIMENSIONS = ["problem_recognition", "information_search", "evaluation", "purchase",
                 "post_purchase"]
ATTRIBUTES = ["gender", "age_group", "channel"]


def _runner() -> CliRunner:
    """A runner that keeps standard error apart from standard output."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)
    return CliRunner()


def smma(*args):
    result = _runner().invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    assert result.exit_code == 0, result.output
    return result


def alpha_ref(items: pd.DataFrame) -> float:
    """Cronbach's alpha, k/(k-1) (1 - sum s_i^2 / s_T^2), variances with n - 1."""
    x = items.to_numpy(float)
    k = x.shape[1]
    return k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))


def ols_ref(y, x):
    import statsmodels.api as sm

    return sm.OLS(np.asarray(y, float), sm.add_constant(np.asarray(x, float))).fit()


@pytest.fixture(scope="module")
def inst():
    return load_instrument(INSTRUMENT)


@pytest.fixture(scope="module")
def targets():
    return yaml.safe_load(TARGETS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample():
    return pd.read_csv(SAMPLE)


@pytest.fixture(scope="module")
def report():
    """``smma analyze SAMPLE --format json`` with no --instrument."""
    result = smma("analyze", SAMPLE, "--format", "json")
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def scores(sample, inst):
    return pd.DataFrame({name: sample[inst.items_of(name)].sum(axis=1)
                         for name in ["MM", "PD", *MM_DIMENSIONS]})


# ----------------------------------------------------------------- the instrument

def test_instrument_structure(inst):
    assert inst.name == NAME
    assert list(inst.constructs) == ["MM", "PD"]
    mm, pd_ = inst.constructs["MM"], inst.constructs["PD"]
    assert [d.name for d in mm.dimensions] == MM_DIMENSIONS
    assert [d.name for d in pd_.dimensions] == PD_DIMENSIONS
    assert mm.item_ids == [f"X{d}.{i}" for d in range(1, 8) for i in range(1, 4)]
    assert pd_.item_ids == [f"Y{d}.{i}" for d in range(1, 6) for i in range(1, 4)]
    assert (mm.label_id, pd_.label_id) == ("Bauran pemasaran (7P)", "Keputusan pembelian")
    assert [m.formula for m in inst.models] == [
        "PD ~ MM", "PD ~ " + " + ".join(MM_DIMENSIONS)]
    assert dict(inst.categories) == {"method": "interval", "levels": 3,
                                     "basis": "hypothetical"}
    assert inst.score == "sum" and inst.reverse == ()
    assert inst.title_id and "7P" in inst.description and "practice" in inst.description


def test_every_item_and_dimension_is_worded_in_both_languages(inst):
    texts = [(it.text, it.text_en) for it in inst.items.values()]
    assert all(t and e and t != e for t, e in texts)
    assert len({t for t, _ in texts}) == len({e for _, e in texts}) == len(texts) == 36
    for dim in inst.dimensions.values():
        assert dim.label and dim.label_id and dim.label != dim.name


def test_scale_is_the_smma_scale(inst):
    smma_scale = load_instrument(SMMA_INSTRUMENT).scale
    assert inst.scale == smma_scale
    assert inst.scale.labels[1] == "Sangat Tidak Setuju"
    assert inst.scale.aliases[5] == ("SS", "Strongly agree")


def test_shipped_and_listed():
    assert shipped_instruments()[NAME].name == INSTRUMENT.name
    assert find_instrument(NAME).item_ids == find_instrument("marketing_mix_7p").item_ids
    listing = smma("instruments").stdout.splitlines()
    row = next(line.split("\t") for line in listing if line.startswith(NAME + "\t"))
    assert row[1] == INSTRUMENT.name and row[2] == "2 constructs, 36 items"


# ----------------------------------------------------------------- regeneration

def _readme_command() -> list[str]:
    readme = (SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    line = next(l for l in readme.splitlines() if f"--instrument {NAME}" in l)
    return shlex.split(line)


def test_readme_gives_the_documented_call():
    args = _readme_command()
    assert args[:2] == ["smma", "synthesize"]
    opts = dict(zip(args[2::2], args[3::2]))
    assert opts == {"--instrument": NAME,
                    "--targets": "data/sample/marketing_mix_7p_targets.yaml",
                    "--n": str(N), "--seed": str(SEED),
                    "--out": "data/sample/marketing_mix_7p_responses.csv"}


def published_figures(report: dict) -> dict:
    """The figures the targets name, as ``smma analyze --format json`` prints them.

    A regenerated table is compared with the shipped one by these (and by
    shape and columns), not by bytes: the generator's float search may end on
    another table on another CPU, BLAS or scipy, one with the same figures.
    """
    slope = report["regressions"][0]["coefficients"][1]
    return {
        "alpha": {c: round(report["scales"][c]["alpha"], 3) for c in ("MM", "PD")},
        "all_valid": {c: report["scales"][c]["all_valid"] for c in ("MM", "PD")},
        "model": {"formula": report["regressions"][0]["formula"], "b": round(slope["b"], 3),
                  "r2": round(report["regressions"][0]["r2"], 3)},
        "categories": {c: {row["category"]: row["count"] for row in report["categories"][c]}
                       for c in ("MM", "PD")},
        "ks": report["normality"][0]["display"],
    }


def expected_figures(targets: dict) -> dict:
    return {"alpha": targets["alpha"], "all_valid": {"MM": True, "PD": True},
            "model": targets["model"], "categories": targets["categories"], "ks": ".200"}


@pytest.fixture(scope="module")
def regenerated_csv(tmp_path_factory):
    """The README's command run again, writing to a fresh folder."""
    out = tmp_path_factory.mktemp("mm7p") / "again.csv"
    args = _readme_command()[1:]
    args[args.index("--out") + 1] = str(out)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)             # the command's paths are relative to the root
        smma(*args)
    return out


def test_shipped_sample_has_the_target_figures(report, targets):
    assert published_figures(report) == expected_figures(targets)


def test_readme_command_regenerates_a_table_with_the_same_figures(regenerated_csv, sample,
                                                                   inst, report, targets):
    again = pd.read_csv(regenerated_csv)
    assert again.shape == sample.shape
    assert list(again.columns) == list(sample.columns)
    assert again["id"].tolist() == sample["id"].tolist()
    assert again[inst.item_ids].isin([1, 2, 3, 4, 5]).all().all()
    figures = published_figures(json.loads(smma("analyze", regenerated_csv, "--instrument",
                                                INSTRUMENT, "--format", "json").stdout))
    assert figures == published_figures(report) == expected_figures(targets)


def test_library_call_gives_the_command_table(regenerated_csv, targets):
    # the same machine makes both: this comparison does not depend on the CPU
    frame = smma_stats.synthesize(NAME, N, targets, SEED)
    again = pd.read_csv(regenerated_csv)
    assert list(frame.columns) == list(again.columns)
    pd.testing.assert_frame_equal(frame.reset_index(drop=True), again, check_dtype=False)
    pd.testing.assert_frame_equal(smma_stats.synthesize(NAME, N, targets, SEED), frame)


# ----------------------------------------------------------------- the sample

def test_sample_layout(sample, inst):
    assert list(sample.columns) == ["id", *ATTRIBUTES, *inst.item_ids]
    assert sample["id"].tolist() == list(range(1, N + 1))
    answers = sample[inst.item_ids]
    assert answers.notna().all().all() and answers.isin([1, 2, 3, 4, 5]).all().all()
    assert set(sample["gender"]) == {"female", "male"}
    assert set(sample["age_group"]) == {"17-25", "26-35", "36-45", "46-60"}
    assert set(sample["channel"]) == {"exhibition", "gallery", "instagram", "shopee"}


def test_automatic_match_picks_this_instrument(report, sample):
    assert report["instrument"]["name"] == NAME
    assert report["notes"] == [f"instrument: {NAME} (shipped; its item columns match the file)"]
    assert match_shipped(sample.columns).name == NAME


def test_automatic_match_keeps_the_smma_sample_apart():
    # the SMMA file lacks X1.3 (and X6, X7); this file lacks Y1.4 and Y1.5
    assert match_shipped(pd.read_csv(SMMA_SAMPLE, nrows=1).columns).name == "smma-instagram"
    smma_ids = set(load_instrument(SMMA_INSTRUMENT).item_ids)
    mm7p_ids = set(load_instrument(INSTRUMENT).item_ids)
    assert not smma_ids <= mm7p_ids and not mm7p_ids <= smma_ids


@pytest.mark.parametrize("construct, r_golden", [
    ("MM", 0.852999589955427),   # R: psych::alpha(mm)$total$raw_alpha
    ("PD", 0.803999278684909),   # R: psych::alpha(pd)$total$raw_alpha
])
def test_alpha_meets_the_target(report, sample, inst, targets, construct, r_golden):
    got = report["scales"][construct]
    assert got["n_items"] == len(inst.items_of(construct))
    assert round(got["alpha"], 3) == targets["alpha"][construct]
    assert abs(got["alpha"] - targets["alpha"][construct]) <= targets["tolerance"]
    assert got["alpha"] == pytest.approx(alpha_ref(sample[inst.items_of(construct)]),
                                         abs=1e-12)
    assert got["alpha"] == pytest.approx(r_golden, abs=1e-12)


@pytest.mark.parametrize("construct", ["MM", "PD"])
def test_every_item_is_valid(report, sample, inst, construct):
    got = report["scales"][construct]
    assert got["all_valid"] and got["reliable"]
    items = sample[inst.items_of(construct)]
    total = items.sum(axis=1)
    r = [items[c].corr(total) for c in items.columns]
    assert [i["r"] for i in got["items"]] == pytest.approx(r, abs=1e-12)
    assert min(r) > got["r_table"]


def test_simple_regression_meets_the_target(report, scores, targets):
    model = report["regressions"][0]
    assert model["formula"] == targets["model"]["formula"] == "PD ~ MM"
    const, slope = model["coefficients"]
    assert round(slope["b"], 3) == targets["model"]["b"]
    assert round(model["r2"], 3) == targets["model"]["r2"]
    assert abs(slope["b"] - targets["model"]["b"]) <= targets["tolerance"]
    assert abs(model["r2"] - targets["model"]["r2"]) <= targets["tolerance"]
    ref = ols_ref(scores["PD"], scores["MM"])
    assert [const["b"], slope["b"]] == pytest.approx(list(ref.params), abs=1e-10)
    assert [const["se"], slope["se"]] == pytest.approx(list(ref.bse), abs=1e-10)
    assert [const["t"], slope["t"]] == pytest.approx(list(ref.tvalues), rel=1e-10)
    assert slope["p_value"] == pytest.approx(ref.pvalues[1], rel=1e-6)
    assert model["r2"] == pytest.approx(ref.rsquared, abs=1e-12)
    assert model["f"] == pytest.approx(ref.fvalue, rel=1e-10)
    # R: coef(f); summary(f)$r.squared
    assert [const["b"], slope["b"]] == pytest.approx(
        [20.585403172530025, 0.461998739492608], abs=1e-10)
    assert model["r2"] == pytest.approx(0.451999217022725, abs=1e-12)


def test_residuals_are_normal(report, scores):
    from statsmodels.stats.diagnostic import lilliefors

    ks = report["normality"][0]
    assert ks["variable"] == "Unstandardized Residual (PD ~ MM)"
    assert ks["normal"] and ks["display"] == ".200"
    resid = ols_ref(scores["PD"], scores["MM"]).resid
    d = float(lilliefors(np.asarray(resid), dist="norm", pvalmethod="table")[0])
    assert ks["statistic"] == pytest.approx(d, abs=1e-12)
    # R: nortest::lillie.test(resid(f))$statistic
    assert ks["statistic"] == pytest.approx(0.0435102030996496, abs=1e-12)
    assert ks["statistic"] < 0.65 / np.sqrt(N)


@pytest.mark.parametrize("construct, items, cuts", [
    ("MM", 21, (49, 77)),   # 21 + 84 * (1/3, 2/3)
    ("PD", 15, (35, 55)),   # 15 + 60 * (1/3, 2/3)
])
def test_categories_meet_the_targets(report, scores, targets, construct, items, cuts):
    got = {row["category"]: row["count"] for row in report["categories"][construct]}
    assert got == targets["categories"][construct]
    s = scores[construct]
    counted = {"low": int((s < cuts[0]).sum()),
               "medium": int(((s >= cuts[0]) & (s < cuts[1])).sum()),
               "high": int((s >= cuts[1]).sum())}
    assert counted == got
    # R: table(cut(x, c(-Inf, 49, 77, Inf), right = FALSE)), the same for y
    assert counted == {"MM": {"low": 0, "medium": 36, "high": 84},
                       "PD": {"low": 0, "medium": 35, "high": 85}}[construct]


def test_seven_dimension_model_agrees_with_ols(report, scores):
    model = report["regressions"][1]
    assert model["predictors"] == MM_DIMENSIONS
    ref = ols_ref(scores["PD"], scores[MM_DIMENSIONS])
    assert [c["b"] for c in model["coefficients"]] == pytest.approx(list(ref.params),
                                                                     abs=1e-9)
    assert model["r2"] == pytest.approx(ref.rsquared, abs=1e-12)
    assert all(c["b"] > 0 for c in model["coefficients"][1:])


def test_attributes_follow_their_weights(sample, targets):
    # drawn independently of the answers, so only their shares are checked
    for name in ATTRIBUTES:
        rule = targets["attributes"][name]
        share = sample[name].value_counts(normalize=True)
        weights = np.array(rule["weights"], float) / sum(rule["weights"])
        for value, w in zip(rule["values"], weights):
            assert abs(share.get(value, 0.0) - w) < 0.12, (name, value)
