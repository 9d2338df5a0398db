"""The words drawn in and under the figures of :mod:`smma_stats.report.plots`.

Captions and axis titles in English and Indonesian; ``{name}``-style
placeholders are filled by the figure code. Kept apart from the report's
message catalogue because the figures are also drawn without a report.
"""

from __future__ import annotations

#: Figure words per language.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "lang": "en",
        "categories": "Categories of {name} (n = {n})",
        "category": "Category",
        "count": "Frequency",
        "scatter": "Scatter plot of {y} against {x} with the fitted regression line",
        "pp": "Normal P-P plot of the regression standardized residual of model {i} "
              "(dependent variable: {y})",
        "zpred": "Scatterplot of the studentized residual (SRESID) against the standardized "
                 "predicted value (ZPRED) of model {i} (dependent variable: {y})",
        "pp_observed": "Observed cumulative probability",
        "pp_expected": "Expected cumulative probability",
        "zpred_axis": "Regression standardized predicted value (ZPRED)",
        "sresid_axis": "Regression studentized residual (SRESID)",
        "hist": "Histogram of the residuals of model {i} ({formula}) with the normal curve",
        "qq": "Normal Q-Q plot of the residuals of model {i} ({formula})",
        "residual": "Unstandardized residual",
        "normal_curve": "Normal curve (mean 0, SD {sd})",
        "theoretical": "Expected normal quantile (z)",
        "observed": "Observed residual",
        "fitted_line": "Regression line",
        "observations": "Respondents",
    },
    "id": {
        "lang": "id",
        "categories": "Kategori {name} (n = {n})",
        "category": "Kategori",
        "count": "Frekuensi",
        "scatter": "Diagram pencar {y} terhadap {x} dengan garis regresi",
        "pp": "Grafik normal P-P residual terstandar regresi model {i} "
              "(variabel terikat: {y})",
        "zpred": "Diagram pencar residual terstudentisasi (SRESID) terhadap nilai prediksi "
                 "terstandar (ZPRED) model {i} (variabel terikat: {y})",
        "pp_observed": "Peluang kumulatif teramati",
        "pp_expected": "Peluang kumulatif harapan",
        "zpred_axis": "Nilai prediksi terstandar regresi (ZPRED)",
        "sresid_axis": "Residual terstudentisasi regresi (SRESID)",
        "hist": "Histogram residual model {i} ({formula}) dengan kurva normal",
        "qq": "Grafik normal Q-Q residual model {i} ({formula})",
        "residual": "Residual tidak terstandar",
        "normal_curve": "Kurva normal (rata-rata 0, SD {sd})",
        "theoretical": "Kuantil normal harapan (z)",
        "observed": "Residual teramati",
        "fitted_line": "Garis regresi",
        "observations": "Responden",
    },
}
