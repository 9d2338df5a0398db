"""``smma pls``: the command reads, calls :func:`smma_stats.pls_sem.pls` and renders.

Data: the shipped sample ``data/sample/smma_responses.csv`` with the
instrument matched from its columns (smma-instagram). The numbers are the
library's (checked in ``test_pls*.py``); here the command must pass the
options through and every format must carry the same figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from clirun import smma
from smma_stats.instrument import load_instrument
from smma_stats.pls_sem import pls

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "smma_responses.csv"


@pytest.fixture(scope="module")
def library():
    ins = load_instrument(ROOT / "questionnaires" / "smma_instagram.yaml")
    return pls(pd.read_csv(SAMPLE), instrument=ins, hoc="two-stage", bootstrap=300, seed=4)


def test_json_equals_the_library(library):
    res = smma("pls", SAMPLE, "--hoc", "two-stage", "--bootstrap", "300", "--seed", "4",
               "-f", "json")
    assert res.exit_code == 0, res.output
    got = json.loads(res.stdout)
    want = json.loads(json.dumps(library.to_dict()))
    assert got["hoc"] == "two_stage_embedded"
    assert got["paths"] == want["paths"]
    assert got["constructs"]["SMMA"] == want["constructs"]["SMMA"]
    assert got["bootstrap"]["n_resamples"] == 300 and got["bootstrap"]["seed"] == 4


def test_text_and_markdown_carry_the_same_numbers(library):
    beta = f"{library.paths.beta.iloc[0]:.3f}".lstrip("0")
    text = smma("pls", SAMPLE, "--hoc", "two-stage", "--bootstrap", "300", "--seed", "4")
    md = smma("pls", SAMPLE, "--hoc", "two-stage", "--bootstrap", "300", "--seed", "4",
              "-f", "markdown")
    assert text.exit_code == 0 and md.exit_code == 0
    assert "Path coefficients" in text.stdout and "SMMA -> PI" in text.stdout
    assert beta in text.stdout and beta in md.stdout
    assert "| SMMA -> PI |" in md.stdout


def test_indonesian_report():
    res = smma("pls", SAMPLE, "--lang", "id", "--scheme", "factorial", "--seed", "1")
    assert res.exit_code == 0
    assert "Koefisien Jalur" in res.stdout and "faktorial" in res.stdout
    assert "Bootstrap tidak dijalankan" in res.stdout


def test_model_option_and_out_file(tmp_path):
    out = tmp_path / "pls.md"
    res = smma("pls", SAMPLE, "--model",
               "PI ~ entertainment + interaction + customization + trendiness + advertisement",
               "--seed", "2", "-f", "markdown", "-o", out)
    assert res.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "entertainment -> PI" in text and "report written to" in res.stderr


def test_user_error_is_one_line():
    res = smma("pls", SAMPLE, "--model", "PI ~ NOPE", "--seed", "1")
    assert res.exit_code == 1
    assert res.stderr.strip().count("\n") == 0 and "NOPE" in res.stderr


def test_consistent_flag():
    res = smma("pls", SAMPLE, "--consistent", "--seed", "1", "-f", "json")
    assert res.exit_code == 0
    assert json.loads(res.stdout)["consistent"] is True
    text = smma("pls", SAMPLE, "--consistent", "--seed", "1")
    assert "Consistent PLS (PLSc" in text.stdout
