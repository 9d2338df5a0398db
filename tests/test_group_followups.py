"""Rank and post hoc tests after a group comparison (--by).

The tests themselves are checked against R in test_nonparametric.py
(wilcox.test, kruskal.test) and test_posthoc.py (TukeyHSD, ptukey); here the
checks are that group_breakdown runs the right one on the right groups and
that the report reads the one that fits. Mann-Whitney on the two groups
below, R 4.2.2: wilcox.test(a, b, exact = FALSE, correct = FALSE).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smma_stats.groups import group_breakdown
from smma_stats.nonparametric import kruskal_wallis, mann_whitney_u
from smma_stats.posthoc import games_howell, tukey_hsd


def _frame(groups: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    values, labels = [], []
    for name, xs in groups.items():
        values += list(xs)
        labels += [name] * len(xs)
    return pd.DataFrame({"X": values}), pd.DataFrame({"g": labels})


def test_three_groups_with_a_difference_get_tukey():
    rng = np.random.default_rng(3)
    groups = {"A": rng.normal(10, 2, 30), "B": rng.normal(12, 2, 30),
              "C": rng.normal(15, 2, 30)}
    scores, attrs = _frame(groups)
    g = group_breakdown(scores, attrs, by="g")
    f = g.followups["X"]
    assert g.tests["X"].significant
    expected = tukey_hsd(*groups.values(), groups=("A", "B", "C"))
    pd.testing.assert_frame_equal(f.posthoc.table, expected.table)
    kw = kruskal_wallis(*groups.values(), groups=("A", "B", "C"))
    assert f.rank_test.h == pytest.approx(kw.h, rel=1e-12)
    assert f.reading == ("parametric" if all(p > 0.05 for p in f.normal.values()) else "rank")


def test_unequal_variances_get_games_howell():
    rng = np.random.default_rng(5)
    groups = {"A": rng.normal(10, 0.5, 40), "B": rng.normal(12, 4, 40),
              "C": rng.normal(15, 8, 40)}
    scores, attrs = _frame(groups)
    g = group_breakdown(scores, attrs, by="g")
    assert g.tests["X"].levene_p_value < 0.05
    expected = games_howell(*groups.values(), groups=("A", "B", "C"))
    pd.testing.assert_frame_equal(g.followups["X"].posthoc.table, expected.table)


def test_skewed_group_is_read_by_the_rank_test():
    a = [1, 1, 1, 1, 1, 1, 1, 2, 2, 9, 15, 30]          # far from normal
    b = [3, 4, 5, 4, 5, 6, 5, 4, 6, 5, 4, 5]
    scores, attrs = _frame({"a": a, "b": b})
    g = group_breakdown(scores, attrs, by="g")
    f = g.followups["X"]
    assert f.reading == "rank" and f.normal["a"] < 0.05
    # R 4.2.2: wilcox.test(a, b, exact = FALSE, correct = FALSE)$p.value
    assert f.rank_test.p_value == pytest.approx(
        mann_whitney_u(a, b, groups=("a", "b")).p_value, rel=1e-12)
    assert f.posthoc is None
    d = g.to_dict()["constructs"]["X"]
    assert d["reading"] == "rank" and d["rank_test"]["u"] == f.rank_test.u


def test_report_reads_the_rank_test_and_lists_post_hoc(tmp_path):
    from smma_stats.instrument import instrument_from_dict
    from smma_stats.report import render
    from smma_stats.study import analyze

    rng = np.random.default_rng(8)
    n = 90
    level = np.repeat([1, 3, 5], 30)
    items = {f"X{i}": np.clip(level + rng.integers(-1, 2, n), 1, 5) for i in range(1, 4)}
    items.update({f"Y{i}": np.clip(level + rng.integers(-1, 2, n), 1, 5) for i in range(1, 4)})
    frame = pd.DataFrame(items)
    frame["grp"] = np.repeat(["low", "mid", "high"], 30)
    inst = instrument_from_dict({"name": "g", "scale": {"min": 1, "max": 5},
                                 "constructs": {"X": {"items": ["X1", "X2", "X3"]},
                                                "Y": {"items": ["Y1", "Y2", "Y3"]}},
                                 "models": ["Y ~ X"]})
    study = analyze(frame, inst, by="grp")
    text = render(study, "text")
    assert "Kruskal-Wallis test of X" in text and "Post hoc comparisons of X" in text
    ind = render(study, "text", lang="id")
    assert "Uji lanjut (post hoc)" in ind
