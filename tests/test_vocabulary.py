"""One vocabulary for the public API: ``sig_level`` for a test's significance
level (``alpha`` only for Cronbach's alpha), ``dependent`` / ``predictors``
for a model's variables (``x``, ``m``, ``w``, ``y`` only as PROCESS roles).

The older keywords (``alpha``, ``y``, ``x``) still work with the same
meaning: every renamed function gives the same result either way, and
refuses a call that gives both names of one parameter.
"""

from __future__ import annotations

import dataclasses
import inspect
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _compare import json_differences

import smma_stats
from smma_stats.keywords import SigLevelAlias, older_keywords

DATA = Path(__file__).resolve().parent / "data"

# Public names whose `alpha` is Cronbach's alpha (the only `alpha` allowed).
CRONBACH = {"reliability_label", "ReliabilityResult"}
# Public functions whose `x` / `y` are not a model's dependent and predictors:
# PROCESS role names, and the samples of a one- or two-sample test.
ROLE_NAMES = {"mediation": "PROCESS roles X and Y",
              "moderation": "PROCESS roles X and Y",
              "ks_normality": "the sample tested",
              "shapiro_wilk": "the sample tested",
              "mann_whitney_u": "the two samples (R's wilcox.test(x, y))"}

SALES = pd.DataFrame({"sales": [3, 5, 7, 6, 9, 11, 10, 13, 12, 16],
                      "ads": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
                      "price": [2, 1, 3, 2, 4, 3, 5, 4, 5, 3]})
LINEAR = pd.DataFrame({"y": [2, 3, 3, 4, 5, 5, 6, 8, 7, 9],
                       "x": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]})
ITEMS = pd.DataFrame({"x1": [4, 5, 3, 4, 2, 5, 3, 4], "x2": [4, 4, 3, 5, 2, 5, 2, 4],
                      "x3": [3, 5, 4, 4, 3, 4, 3, 5], "x4": [2, 3, 4, 2, 5, 1, 3, 3]})
GROUPS = ([4.2, 5.1, 4.8, 5.5], [6.0, 6.4, 5.9, 7.1], [5.0, 5.2, 4.6, 5.8])
HEIGHT = [70, 65, 63, 72, 81, 83, 66, 75, 80, 75, 79, 76, 76, 69, 75, 74,
          85, 86, 71, 64, 78, 80, 74, 72, 77, 81, 82, 80, 80, 80, 87]


def _paths():
    rng = np.random.default_rng(3)
    x, w = rng.normal(size=120), rng.normal(size=120)
    m = 0.5 * x + rng.normal(size=120)
    return pd.DataFrame({"x": x, "w": w, "m": m,
                         "y": 0.4 * m + 0.2 * x + 0.25 * x * w + rng.normal(size=120)})


def _heteroscedasticity(**kw):
    reg = smma_stats.regress(SALES, "sales", ["ads", "price"])
    columns = [SALES[c].to_numpy(dtype=float) for c in ("sales", "ads", "price")]
    return smma_stats.heteroscedasticity_tests(columns, None, np.asarray(reg.residuals),
                                               ("ads", "price"), **kw)


def _from_moments(**kw):
    m = smma_stats.item_moments(ITEMS)
    return smma_stats.item_validity_from_moments(m.n, m.mean, m.cov, m.names, **kw)


def _pls(**kw):
    corp = pd.read_csv(DATA / "pls_corp_rep.csv")
    mm = {"COMP": ["comp_1", "comp_2", "comp_3"], "LIKE": ["like_1", "like_2", "like_3"],
          "CUSA": ["cusa"], "CUSL": ["cusl_1", "cusl_2", "cusl_3"]}
    return smma_stats.pls(corp, ["CUSA ~ COMP + LIKE", "CUSL ~ COMP + LIKE + CUSA"],
                          measurement=mm, missing_codes=[-99], seed=7, predict=False, **kw)


def _groups(**kw):
    scores = pd.DataFrame({"A": [1.0, 2, 3, 4, 5, 6, 2, 4, 6]}, index=range(2, 11))
    attrs = pd.DataFrame({"g": ["a", "a", "a", "b", "b", "b", "c", "c", "c"]},
                         index=range(2, 11))
    return smma_stats.group_breakdown(scores, attrs, "g", **kw)


LEVEL = {"sig_level": 0.01}
OLD_LEVEL = {"alpha": 0.01}
MODEL = {"dependent": "sales", "predictors": ["ads", "price"]}
OLD_MODEL = {"y": "sales", "x": ["ads", "price"]}

# name: (call taking keywords, the new keywords, the same given by their older names)
CASES = {
    "regress": (lambda **kw: smma_stats.regress(SALES, **kw),
                {**MODEL, **LEVEL}, {**OLD_MODEL, **OLD_LEVEL}),
    "regress_from_moments": (lambda **kw: smma_stats.regress_from_moments(
        8, [8.0, 4.5, 3.0], [[78.0, 55.0, 23.0], [55.0, 42.0, 18.0], [23.0, 18.0, 12.0]],
        "sales", ["ads", "price"], **kw), LEVEL, OLD_LEVEL),
    "glejser_test": (lambda **kw: smma_stats.glejser_test(SALES, **kw),
                     {**MODEL, **LEVEL}, {**OLD_MODEL, **OLD_LEVEL}),
    "breusch_pagan_test": (lambda **kw: smma_stats.breusch_pagan_test(SALES, koenker=False,
                                                                      **kw),
                           {**MODEL, **LEVEL}, {**OLD_MODEL, **OLD_LEVEL}),
    "white_test": (lambda **kw: smma_stats.white_test(SALES, **kw),
                   {**MODEL, **LEVEL}, {**OLD_MODEL, **OLD_LEVEL}),
    "heteroscedasticity_tests": (_heteroscedasticity, LEVEL, OLD_LEVEL),
    "linearity_test": (lambda **kw: smma_stats.linearity_test(LINEAR, **kw),
                       {"dependent": "y", "predictor": "x", **LEVEL},
                       {"y": "y", "x": "x", **OLD_LEVEL}),
    "runs_test": (lambda **kw: smma_stats.runs_test(
        [1.2, -0.5, -0.8, 0.3, 0.9, -1.1, 0.2, -0.4, 0.6, -0.2], **kw), LEVEL, OLD_LEVEL),
    "durbin_watson_bounds": (lambda **kw: smma_stats.durbin_watson_bounds(50, 2, **kw),
                             LEVEL, OLD_LEVEL),
    "bootstrap_regression": (lambda **kw: smma_stats.bootstrap_regression(
        SALES, n_resamples=200, seed=1, **kw), MODEL, OLD_MODEL),
    "item_validity": (lambda **kw: smma_stats.item_validity(ITEMS, **kw), LEVEL, OLD_LEVEL),
    "item_validity_from_moments": (_from_moments, LEVEL, OLD_LEVEL),
    "r_table": (lambda **kw: smma_stats.r_table(30, **kw), LEVEL, OLD_LEVEL),
    "ks_normality": (lambda **kw: smma_stats.ks_normality(HEIGHT, **kw), LEVEL, OLD_LEVEL),
    "independent_t_test": (lambda **kw: smma_stats.independent_t_test(*GROUPS[:2], **kw),
                           LEVEL, OLD_LEVEL),
    "one_way_anova": (lambda **kw: smma_stats.one_way_anova(*GROUPS, **kw), LEVEL, OLD_LEVEL),
    "mann_whitney_u": (lambda **kw: smma_stats.mann_whitney_u(*GROUPS[:2], **kw),
                       LEVEL, OLD_LEVEL),
    "kruskal_wallis": (lambda **kw: smma_stats.kruskal_wallis(*GROUPS, **kw),
                       LEVEL, OLD_LEVEL),
    "tukey_hsd": (lambda **kw: smma_stats.tukey_hsd(*GROUPS, **kw), LEVEL, OLD_LEVEL),
    "games_howell": (lambda **kw: smma_stats.games_howell(*GROUPS, **kw), LEVEL, OLD_LEVEL),
    "correlation_matrix": (lambda **kw: smma_stats.correlation_matrix(SALES, **kw),
                           LEVEL, OLD_LEVEL),
    "test_hypotheses": (lambda **kw: smma_stats.test_hypotheses(
        smma_stats.regress(SALES, "sales", ["ads", "price"]), **kw), LEVEL, OLD_LEVEL),
    "mediation": (lambda **kw: smma_stats.mediation(_paths(), "x", "m", "y", bootstrap=200,
                                                    seed=1, **kw), LEVEL, OLD_LEVEL),
    "moderation": (lambda **kw: smma_stats.moderation(_paths(), "x", "w", "y", **kw),
                   LEVEL, OLD_LEVEL),
    "pls": (_pls, LEVEL, OLD_LEVEL),
    "group_breakdown": (_groups, LEVEL, OLD_LEVEL),
}


def _public_functions():
    return {n: getattr(smma_stats, n) for n in smma_stats.__all__
            if n != "__version__" and inspect.isfunction(getattr(smma_stats, n))}


def _same(a, b) -> list:
    """The differences between two results (to_dict), tuples of them, or numbers."""
    if isinstance(a, tuple):
        return [d for x, y in zip(a, b) for d in _same(x, y)] + (
            [] if len(a) == len(b) else [("length", len(a), len(b))])
    if hasattr(a, "to_dict"):
        return json_differences(a.to_dict(), b.to_dict(), tol=0.0)
    return [] if a == b or (math.isnan(a) and math.isnan(b)) else [("value", a, b)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_new_and_older_keywords_give_the_same_result(name):
    call, new, old = CASES[name]
    by_new, by_old = call(**new), call(**old)
    assert _same(by_new, by_old) == []
    if "sig_level" in new:
        default = call(**{k: v for k, v in new.items() if k != "sig_level"})
        # the level really reaches the computation (or at least the result)
        assert _same(by_new, default) != []
        for res in by_new if isinstance(by_new, tuple) else (by_new,):
            if hasattr(res, "alpha"):
                assert res.sig_level == res.alpha == 0.01


@pytest.mark.parametrize("name", sorted(CASES))
def test_giving_both_names_is_a_type_error_naming_both(name):
    call, new, old = CASES[name]
    renamed = getattr(smma_stats, name).older_keywords
    for older, value in old.items():
        newer = renamed[older]
        with pytest.raises(TypeError, match=f"'{older}' and '{newer}'"):
            call(**new, **{older: value})


def test_every_renamed_function_has_a_case_here():
    renamed = {n for n, f in _public_functions().items() if hasattr(f, "older_keywords")}
    assert renamed == set(CASES)


def test_positional_calls_are_unchanged():
    by_position = smma_stats.regress(SALES, "sales", ["ads", "price"], 0.01, True)
    by_name = smma_stats.regress(SALES, dependent="sales", predictors=["ads", "price"],
                                 sig_level=0.01, robust=True)
    assert _same(by_position, by_name) == []
    assert smma_stats.r_table(30, 0.01, 1) == smma_stats.r_table(30, alpha=0.01, tails=1)
    with pytest.raises(TypeError, match="multiple values for argument 'dependent'"):
        smma_stats.regress(SALES, "sales", y="sales", x=["ads"])


@pytest.mark.parametrize("name", sorted(_public_functions()))
def test_public_functions_speak_one_vocabulary(name):
    func = getattr(smma_stats, name)
    params = inspect.signature(func).parameters
    if "alpha" in params:
        assert name in CRONBACH, f"{name}(alpha=...) is a significance level: call it sig_level"
    if {"x", "y"} & set(params):
        assert name in ROLE_NAMES, f"{name}: name a model's variables dependent / predictors"
    for older, newer in getattr(func, "older_keywords", {}).items():
        assert older not in params and newer in params
        # the docstring says which older keyword is still accepted
        doc = " ".join(func.__doc__.split())
        assert "older keyword" in doc and f"``{older}``" in doc, (name, older)


@pytest.mark.parametrize("name", sorted(n for n in smma_stats.__all__ if n != "__version__"
                                        and inspect.isclass(getattr(smma_stats, n))))
def test_results_name_their_significance_level_sig_level_too(name):
    cls = getattr(smma_stats, name)
    if not dataclasses.is_dataclass(cls) or name in CRONBACH:
        return
    fields = {f.name for f in dataclasses.fields(cls)}
    if "alpha" not in fields:
        return
    # a property, not a field: the JSON keeps its `alpha` key and gains nothing
    assert issubclass(cls, SigLevelAlias) and "sig_level" not in fields, name
    assert "significance level" in " ".join(cls.__doc__.split()).lower(), name


def test_the_json_of_a_result_keeps_alpha_and_adds_no_key():
    res = smma_stats.regress(SALES, "sales", "ads", sig_level=0.1)
    assert res.to_dict()["alpha"] == 0.1 and "sig_level" not in res.to_dict()
    with pytest.raises(AttributeError):
        res.sig_level = 0.05
    rel = smma_stats.cronbach_alpha(ITEMS[["x1", "x2", "x3"]])
    assert not hasattr(rel, "sig_level")


def test_the_decorator_keeps_the_function_and_checks_its_renames():
    def level(p, sig_level=0.05, *, tails=2):
        """Doc."""
        return p, sig_level, tails

    wrapped = older_keywords(alpha="sig_level")(level)
    assert (wrapped.__name__, wrapped.__doc__, wrapped.__module__) == (
        "level", "Doc.", __name__)
    assert inspect.signature(wrapped) == inspect.signature(level)
    assert wrapped(1, alpha=0.1, tails=1) == wrapped(1, 0.1, tails=1) == (1, 0.1, 1)
    assert wrapped(1) == (1, 0.05, 2)
    with pytest.raises(ValueError, match="cannot rename 'alpha' to 'level'"):
        older_keywords(alpha="level")(level)
    with pytest.raises(ValueError, match="cannot rename 'tails' to 'sig_level'"):
        older_keywords(tails="sig_level")(level)


def test_analyze_and_its_results_answer_to_sig_level(sample_study):
    assert sample_study.sig_level == sample_study.alpha
    model = sample_study.models[0]
    assert model.regression.sig_level == sample_study.sig_level
    assert model.runs.sig_level == model.glejser.sig_level == sample_study.sig_level
