"""``analyze(..., bootstrap=N)``, ``smma analyze --bootstrap N`` and the report section.

The intervals themselves are checked against R's boot in ``test_bootstrap.py``;
here the study must hand the same data, seed and level to those functions,
store what they return, and render it in both languages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from smma_stats.bootstrap import bootstrap_alpha, bootstrap_regression
from smma_stats.cli import app
from smma_stats.errors import SmmaError
from smma_stats.report import render
from smma_stats.report.build import build_document
from smma_stats.report.document import Table
from smma_stats.study import analyze

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "smma_responses.csv"
INSTRUMENT = ROOT / "questionnaires" / "smma_instagram.yaml"


@pytest.fixture(scope="module")
def study():
    return analyze(SAMPLE, INSTRUMENT, bootstrap=1000, seed=5, bootstrap_method="bca")


def test_study_passes_its_items_scores_seed_and_level(study):
    assert study.settings["bootstrap"] == 1000
    assert study.settings["seed"] == 5
    assert study.settings["bootstrap_method"] == "bca"
    items = study.responses.items
    for code in ("SMMA", "PI"):
        want = bootstrap_alpha(items[list(study.items_used[code])], n_resamples=1000, seed=5,
                               ci=0.95, method="bca", name=code)
        assert study.bootstrap_alpha[code] == want
    for m in study.models:
        reg = m.regression
        want = bootstrap_regression(study.scores, reg.dependent, list(reg.predictors),
                                    n_resamples=1000, seed=5, ci=0.95, method="bca")
        assert m.bootstrap.table.equals(want.table)
        assert (m.bootstrap.conf_low, m.bootstrap.conf_high) == (want.conf_low, want.conf_high)


def test_level_follows_alpha():
    s = analyze(SAMPLE, INSTRUMENT, alpha=0.10, bootstrap=200, seed=1)
    assert s.bootstrap_alpha["PI"].ci == pytest.approx(0.90)
    assert s.to_dict()["bootstrap"]["ci"] == pytest.approx(0.90)


def test_json_keys(study):
    data = json.loads(render(study, "json"))
    assert data["bootstrap"] == {"n_resamples": 1000, "seed": 5, "method": "bca",
                                 "ci": pytest.approx(0.95)}
    scale = data["scales"]["PI"]["bootstrap"]
    assert set(scale) == {"statistic", "estimate", "se", "bias", "conf_low", "conf_high", "n",
                          "n_failed"}
    assert scale["statistic"] == "alpha" and scale["estimate"] == data["scales"]["PI"]["alpha"]
    reg = data["regressions"][1]["bootstrap"]
    assert reg["statistic"] == "r2"
    assert [c["term"] for c in reg["coefficients"]][:2] == ["(Constant)", "entertainment"]
    assert set(reg["coefficients"][0]) == {"term", "b", "boot_se", "bias", "conf_low",
                                           "conf_high"}


def test_without_bootstrap_nothing_is_added():
    s = analyze(SAMPLE, INSTRUMENT)
    data = s.to_dict()
    assert data["bootstrap"] is None
    assert all(v["bootstrap"] is None for v in data["scales"].values())
    assert all(r["bootstrap"] is None for r in data["regressions"])
    assert s.settings["bootstrap"] == 0 and s.settings["seed"] is None
    assert "Bootstrap" not in render(s, "text")


def test_a_seed_is_drawn_and_reported_when_none_is_given():
    s = analyze(SAMPLE, INSTRUMENT, bootstrap=100)
    seed = s.settings["seed"]
    assert isinstance(seed, int)
    again = analyze(SAMPLE, INSTRUMENT, bootstrap=100, seed=seed)
    assert again.bootstrap_alpha == s.bootstrap_alpha
    assert f"seed {seed}" in render(s, "markdown")


@pytest.mark.parametrize("kwargs, match", [
    ({"bootstrap": -1}, "bootstrap"),
    ({"bootstrap": 10.5}, "bootstrap"),
    ({"bootstrap": 100, "bootstrap_method": "normal"}, "bootstrap_method"),
    ({"bootstrap": 100, "seed": -3}, "seed"),
    ({"bootstrap": 20}, "too few"),
])
def test_bad_bootstrap_settings(kwargs, match):
    with pytest.raises(SmmaError, match=match):
        analyze(SAMPLE, INSTRUMENT, **kwargs)


@pytest.mark.parametrize("lang, heading", [("en", "Bootstrap confidence intervals"),
                                           ("id", "Interval Kepercayaan Bootstrap")])
def test_report_section(study, lang, heading):
    text = render(study, "text", lang=lang)
    assert heading in text
    r = study.models[0].bootstrap.table.set_index("term")
    low = f"{r.loc['SMMA', 'conf_low']:.3f}"
    high = f"{study.bootstrap_alpha['PI'].conf_high:.3f}"
    if lang == "id":                # decimal comma, leading zeros kept
        low, high = low.replace(".", ","), high.replace(".", ",")
    else:                           # APA: no leading zero for alpha, which cannot exceed 1
        high = high.lstrip("0")
    assert low in text and high in text
    for fmt in ("markdown", "html"):
        assert heading in render(study, fmt, lang=lang)


def test_indonesian_bootstrap_labels_are_indonesian(study):
    english = re.compile(r"\b(Error|Lower|Upper|Variable|Square|Coefficients|interval of|"
                         r"resamples|respondents)\b")
    doc = build_document(study, "id")
    section = next(s for s in doc.sections if s.title == "Interval Kepercayaan Bootstrap")
    for block in section.blocks:
        texts = [block.title, *block.columns] if isinstance(block, Table) else [block.text]
        for text in texts:
            assert not english.search(text), text


def test_cli_options():
    runner = CliRunner()
    args = ["analyze", str(SAMPLE), "-i", str(INSTRUMENT), "--format", "json",
            "--bootstrap", "300", "--seed", "9", "--bootstrap-method", "bca"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["bootstrap"]["seed"] == 9 and data["bootstrap"]["method"] == "bca"
    assert runner.invoke(app, args).stdout == first.stdout
    bad = runner.invoke(app, ["analyze", str(SAMPLE), "--bootstrap", "-5"])
    assert bad.exit_code == 2
