"""smma_stats: Likert questionnaire statistics the way SPSS prints them.

The workflow, one module per step::

    instrument -> responses -> validity -> reliability -> normality
               -> regression -> assumptions -> categories -> report

Public names are loaded lazily so ``import smma_stats`` stays fast: scipy,
statsmodels and matplotlib are imported only by the functions that need them.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "SmmaError": "errors", "InstrumentError": "errors", "ResponseError": "errors",
    "DataError": "errors", "ModelError": "errors",
    "Instrument": "instrument", "load_instrument": "instrument",
    "shipped_instruments": "instrument", "find_instrument": "instrument",
    "Responses": "readers", "read_responses": "readers",
    "validate_responses": "readers", "read_header": "readers",
    "ValidityResult": "validity", "item_validity": "validity", "r_table": "validity",
    "item_moments": "moments", "item_validity_from_moments": "validity",
    "ReliabilityResult": "reliability", "cronbach_alpha": "reliability",
    "cronbach_alpha_from_moments": "reliability", "reliability_label": "reliability",
    "NormalityResult": "normality", "ks_normality": "normality",
    "shapiro_wilk": "shapiro",
    "RegressionResult": "regression", "regress": "regression",
    "regress_from_moments": "regression",
    "durbin_watson_bounds": "durbin_watson",
    "durbin_watson_decision": "durbin_watson", "RunsTestResult": "assumptions",
    "glejser_test": "heteroscedasticity",
    "breusch_pagan_test": "heteroscedasticity", "white_test": "heteroscedasticity",
    "heteroscedasticity_tests": "heteroscedasticity",
    "linearity_test": "assumptions", "runs_test": "assumptions",
    "AssumptionTestResult": "heteroscedasticity", "LinearityResult": "assumptions",
    "CategoryResult": "categories", "categorize": "categories",
    "StudyResult": "study", "analyze": "study",
    "ScreeningResult": "screening", "screen": "study",
    "GroupResult": "groups", "group_breakdown": "groups",
    "independent_t_test": "group_tests", "one_way_anova": "group_tests",
    "levene_test": "group_tests",
    "synthesize": "synthesis",
    "BootstrapResult": "bootstrap", "bootstrap_alpha": "bootstrap",
    "bootstrap_regression": "bootstrap", "bootstrap_indices": "resampling",
    "ProfileResult": "descriptives", "respondent_profile": "descriptives",
    "ItemFrequencyResult": "descriptives", "item_frequencies": "descriptives",
    "ConstructDescriptivesResult": "descriptives",
    "construct_descriptives": "descriptives", "CorrelationResult": "descriptives",
    "correlation_matrix": "descriptives", "mean_class": "descriptives",
    "Hypothesis": "hypotheses", "HypothesisResult": "hypotheses",
    "test_hypotheses": "hypotheses", "parse_hypotheses": "hypotheses",
    "MannWhitneyResult": "nonparametric", "mann_whitney_u": "nonparametric",
    "KruskalWallisResult": "nonparametric", "kruskal_wallis": "nonparametric",
    "PostHocResult": "posthoc", "tukey_hsd": "posthoc", "games_howell": "posthoc",
    "MediationResult": "mediation_analysis", "mediation": "mediation_analysis",
    "ModerationResult": "moderation_analysis", "moderation": "moderation_analysis",
    "pls": "pls_sem", "PlsResult": "pls_sem",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'smma_stats' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
