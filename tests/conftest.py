"""Fixtures shared by the test modules: a study analysed from files in a fresh folder.

``sample_study`` is the one the report renderers and the figures are drawn
from: two constructs (SMMA in two dimensions, PI), two models, and 60
respondents whose answers follow one latent trait, so every item is valid.
"""

from __future__ import annotations

import pytest

SAMPLE_INSTRUMENT = """\
name: sample-study
title: Sample study
title_id: Studi sampel
scale: {min: 1, max: 5}
constructs:
  SMMA:
    label: Social media marketing activities
    label_id: Aktivitas pemasaran media sosial
    dimensions:
      entertainment: {items: [X1, X2]}
      interaction: {items: [X3, X4]}
  PI:
    label: Purchase intention
    label_id: Minat beli
    items: [Y1, Y2, Y3]
models:
  - PI ~ SMMA
  - PI ~ entertainment + interaction
"""

SAMPLE_ITEMS = ("X1", "X2", "X3", "X4", "Y1", "Y2", "Y3")


def sample_answers(n: int = 60, seed: int = 7):
    """Likert answers (1..5) driven by one latent trait, so every item is valid."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    trait = rng.normal(size=n)
    cols = {}
    for item in SAMPLE_ITEMS:
        raw = 3 + 1.1 * trait + rng.normal(scale=0.8, size=n)
        cols[item] = np.clip(np.rint(raw), 1, 5).astype(int)
    return pd.DataFrame(cols)


@pytest.fixture(scope="session")
def write_study(tmp_path_factory):
    """``write_study(folder, instrument_yaml, responses)``: a fresh folder holding
    ``instrument.yaml`` and ``responses.csv`` (responses as CSV text or a data frame)."""
    def write(folder: str, instrument: str, responses):
        tmp = tmp_path_factory.mktemp(folder)
        (tmp / "instrument.yaml").write_bytes(instrument.encode("utf-8"))
        if isinstance(responses, str):
            (tmp / "responses.csv").write_bytes(responses.encode("utf-8"))
        else:
            responses.to_csv(tmp / "responses.csv", index=False)
        return tmp

    return write


@pytest.fixture(scope="session")
def analyze_folder():
    """``analyze_folder(folder, **options)``: :func:`smma_stats.study.analyze` of the
    folder's ``responses.csv`` against its ``instrument.yaml``."""
    def run(folder, **options):
        from smma_stats.study import analyze

        return analyze(folder / "responses.csv", folder / "instrument.yaml", **options)

    return run


@pytest.fixture(scope="session")
def sample_study(write_study, analyze_folder):
    """The analysed sample (see the module docstring)."""
    return analyze_folder(write_study("sample_study", SAMPLE_INSTRUMENT, sample_answers()))
