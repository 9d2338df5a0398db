"""The one message catalogue of the report, in English and Indonesian.

Every heading, column header, label and interpretation sentence of the
report is looked up here with :func:`msg`, so a translation lives in one
place and a key missing from a language is caught by the tests. Placeholders
use :meth:`str.format` names; both languages must use the same ones.

The Indonesian texts follow the terms of Indonesian theses (Uji Validitas,
r hitung, r tabel, Uji Asumsi Klasik, Sumbangan Efektif ...).
"""

from __future__ import annotations

from ..errors import SmmaError
from .messages_notes import NOTES_EN, NOTES_ID

EN: dict[str, str] = {
    # header and sample
    "subtitle": "Input file: {file} | Instrument: {instrument}",
    "source_none": "(data frame)",
    "sec_sample": "Sample",
    "sample_table": "Responses",
    "col_rows_read": "Rows read",
    "col_rows_dropped": "Rows dropped",
    "col_rows_flagged": "Flagged rows left out",
    "col_n_used": "Respondents analysed (n)",
    "sample_used": "{n_read} rows were read and {n} respondents with complete answers were "
                   "analysed.",
    "sample_dropped": "Dropped by listwise deletion because an answer was missing: {n_dropped} "
                      "of {n_read} rows (spreadsheet row numbers: {rows}).",
    "sample_none_dropped": "No row was dropped: every response was complete.",
    # validity
    "sec_validity": "Item validity",
    "validity_method": "r = Pearson correlation of each item with the total score; r corrected "
                       "= correlation with the total of the other items (Corrected Item-Total "
                       "Correlation). r table at alpha = {alpha}, {tails}, df = n - 2 = {df}: "
                       "{r_table}. An item is valid when its {judge} is above r table.",
    "tails_1": "one-tailed",
    "tails_2": "two-tailed",
    "judge_r": "r",
    "judge_r_corrected": "r corrected",
    "validity_table": "Item validity: {name}",
    "col_item": "Item",
    "col_r": "r",
    "col_r_corrected": "r corrected",
    "col_r_table": "r table",
    "col_sig": "Sig.",
    "col_decision": "Decision",
    "valid": "Valid",
    "invalid": "Invalid",
    "validity_all": "All {k} items of {name} are valid: the {judge} of each item is above "
                    "r table ({r_table}).",
    "validity_some": "{n_valid} of the {k} items of {name} are valid. Not valid (the {judge} "
                     "is not above r table {r_table}): {bad}.",
    # reliability
    "sec_reliability": "Reliability",
    "reliability_method": "Cronbach's alpha; a scale is taken as reliable when its alpha is "
                          "above {threshold} (the rule Indonesian theses take from Ghozali's "
                          "SPSS textbook; Nunnally, 1978, recommends .70). Grades "
                          "as theses give them after Sekaran: below .60 poor, .60 to .70 "
                          "acceptable, .70 to .80 good, .80 and above very good (Sekaran & "
                          "Bougie themselves call alphas below .60 poor, those in the .70 "
                          "range acceptable and those over .80 good).",
    "reliability_table": "Reliability Statistics",
    "col_variable": "Variable",
    "col_alpha": "Cronbach's Alpha",
    "col_alpha_std": "Alpha Based on Standardized Items",
    "col_n_items": "N of Items",
    "col_grade": "Grade (Sekaran)",
    "grade_poor": "poor",
    "grade_acceptable": "acceptable",
    "grade_good": "good",
    "grade_very good": "very good",
    "grade_undefined": "undefined",
    "reliable": "Reliable",
    "not_reliable": "Not reliable",
    "reliability_yes": "Cronbach's alpha of {name} is {alpha}, above {threshold}: the scale is "
                       "reliable.",
    "reliability_no": "Cronbach's alpha of {name} is {alpha}, not above {threshold}: the scale "
                      "is not reliable.",
    "item_total_table": "Item-Total Statistics: {name}",
    "col_scale_mean_del": "Scale Mean if Item Deleted",
    "col_scale_var_del": "Scale Variance if Item Deleted",
    "col_corrected_r": "Corrected Item-Total Correlation",
    "col_alpha_del": "Cronbach's Alpha if Item Deleted",
    "sec_dimensions": "Reliability of the dimensions",
    "dimension_table": "Reliability Statistics of the dimensions",
    "col_dimension": "Dimension",
    # drop log
    "sec_drop": "Removal of invalid items",
    "drop_intro": "Invalid items were removed one at a time, weakest first; validity was "
                  "tested again after each removal.",
    "drop_table": "Removed items",
    "col_step": "Step",
    "col_alpha_after": "Alpha after removal",
    # normality
    "sec_normality": "Normality",
    "sec_models_skipped": "Models not estimated",
    "normality_method_lilliefors": "One-Sample Kolmogorov-Smirnov test with the Lilliefors "
                                   "correction, as SPSS 21 and later print it. Asymp. Sig. is "
                                   "the value SPSS prints; the decision uses the accurate "
                                   "p-value beside it: the data are treated as normal when p is above "
                                   "{alpha}.",
    "normality_method_kolmogorov": "One-Sample Kolmogorov-Smirnov test (Kolmogorov-Smirnov Z, "
                                   "asymptotic p), as older SPSS versions and PSPP print it: "
                                   "the data are treated as normal when p is above {alpha}.",
    "normality_table": "One-Sample Kolmogorov-Smirnov Test",
    "col_n": "N",
    "col_mean": "Mean",
    "col_sd": "Std. Deviation",
    "col_d_abs": "D (Absolute)",
    "col_d_pos": "D+ (Positive)",
    "col_d_neg": "D- (Negative)",
    "col_ks_z": "Kolmogorov-Smirnov Z",
    "col_asymp": "Asymp. Sig. (2-tailed)",
    "col_p_accurate": "Accurate p",
    "col_sw_w": "Shapiro-Wilk W",
    "col_sw_p": "Shapiro-Wilk Sig.",
    "normal": "Normal",
    "not_normal": "Not normal",
    "note_ks": "D (Absolute), D+ (Positive), D- (Negative): Most Extreme Differences.",
    "note_lilliefors": "Lilliefors Significance Correction.",
    "note_lower_bound": "* This is a lower bound of the true significance.",
    "residual_of": "Residual of model {i} ({formula})",
    "normality_yes": "{name}: no evidence against normality ({p_text}; SPSS Asymp. Sig. "
                     "{display}), so the data can be treated as normally distributed.",
    "normality_no": "{name}: {p_text} (SPSS Asymp. Sig. {display}): the distribution "
                    "departs significantly from the normal, so the data cannot be treated "
                    "as normally distributed.",
    # regression
    "sec_model_simple": "Simple linear regression: model {i} ({formula})",
    "sec_model_multiple": "Multiple linear regression: model {i} ({formula})",
    "critical_values": "t table = {t_table} (alpha = {alpha}, two-tailed, df = {df2}); "
                       "F table = {f_table} (df = {df1}, {df2}).",
    "model_summary": "Model Summary",
    "col_R": "R",
    "col_R2": "R Square",
    "col_adj_R2": "Adjusted R Square",
    "col_se_est": "Std. Error of the Estimate",
    "col_dw": "Durbin-Watson",
    "note_model": "Predictors: (Constant), {predictors}. Dependent variable: {dependent}.",
    "anova_table": "ANOVA",
    "col_source": "Source",
    "src_Regression": "Regression",
    "src_Residual": "Residual",
    "src_Total": "Total",
    "col_ss": "Sum of Squares",
    "col_df": "df",
    "col_ms": "Mean Square",
    "col_F": "F",
    "coef_table": "Coefficients",
    "col_term": "Variable",
    "term_constant": "(Constant)",
    "col_b": "B",
    "col_se": "Std. Error",
    "col_beta": "Beta",
    "col_t": "t",
    "col_ci_low": "{level}% CI Lower",
    "col_ci_high": "{level}% CI Upper",
    "col_tolerance": "Tolerance",
    "col_vif": "VIF",
    "col_se_hc3": "Std. Error (HC3)",
    "col_t_hc3": "t (HC3)",
    "col_sig_hc3": "Sig. (HC3)",
    "note_hc3": "HC3: heteroscedasticity-consistent standard errors.",
    "equation": "Regression equation: {equation}",
    "t_test": "Partial t test, {term}: {t_text} {t_cmp} t table {t_table}, {p_text}: {decision}",
    "t_yes": "H0 is rejected; {term} is significantly associated with {dependent}.",
    "t_no": "H0 is not rejected; no significant association of {term} with {dependent} was "
            "found.",
    "f_test": "Simultaneous F test: F = {f} {f_cmp} F table {f_table}, {p_text}: {decision}",
    "f_yes": "H0 is rejected; the regression model explains a significant share of the "
             "variance of {dependent}.",
    "f_no": "H0 is not rejected; the regression model does not explain a significant share "
            "of the variance of {dependent}.",
    "r2_sentence": "R Square = {r2} (adjusted R Square = {adj_r2}): {pct}% of the variance of "
                   "{dependent} is accounted for by the model; the other {rest}% is not.",
    "slope": "Each one-point increase in the {x} score goes with a {b}-point {direction} in "
             "the {y} score{held}.",
    "slope_up": "increase",
    "slope_down": "decrease",
    "slope_held": ", the other predictors held constant",
    "association_note": "A regression on survey data shows association: it does not by itself "
                        "show that changes in {predictors} cause changes in {dependent}.",
    # classical assumptions
    "sec_assumptions": "Classical assumption tests",
    "assumptions_model": "Model {i}: {formula}",
    "residual_normality": "Normality of the residuals. {sentence}",
    "multicol_table": "Multicollinearity",
    "multicol_rule": "No multicollinearity when Tolerance is above 0.10 and VIF is below 10 "
                     "(Hair et al.).",
    "multicol_ok": "No multicollinearity",
    "multicol_bad": "Multicollinearity",
    "multicol_yes": "Every predictor has Tolerance above 0.10 and VIF below 10: no "
                    "multicollinearity.",
    "multicol_no": "Multicollinearity (Tolerance not above 0.10 or VIF not below 10): {terms}.",
    "multicol_simple": "With a single predictor there is no multicollinearity to test.",
    "glejser_table": "Heteroscedasticity: Glejser test (dependent variable: absolute residual)",
    "hetero_ok": "No heteroscedasticity",
    "hetero_bad": "Heteroscedasticity",
    "glejser_yes": "Glejser test: Sig. of every predictor is above {alpha}: no "
                   "heteroscedasticity.",
    "glejser_no": "Glejser test: Sig. is not above {alpha} for {terms}: heteroscedasticity.",
    "hetero_table": "Heteroscedasticity tests",
    "col_test": "Test",
    "col_statistic": "Statistic",
    "not_computable": "{test}: not computable on these data ({reason}).",
    "test_normality": "Normality of the residuals",
    "test_breusch_pagan": "Breusch-Pagan",
    "test_runs": "Runs test",
    "test_linearity": "Linearity",
    "test_bootstrap": "Bootstrap",
    "white_dropped": "Left out of White's test because each is an exact linear combination "
                     "of the other columns (as R's lm drops an aliased column): {terms}.",
    "model_skipped": "Model {formula} could not be estimated on these data: {reason}.",
    "test_glejser": "Glejser",
    "test_bp": "Breusch-Pagan",
    "test_white": "White",
    "hetero_sentence": "{test} test: {p_text}: {decision}.",
    "hetero_none_text": "no heteroscedasticity",
    "hetero_found_text": "heteroscedasticity",
    "linearity_table": "Linearity: {dependent} * {x}",
    "src_Between Groups": "Between Groups",
    "src_Linearity": "Linearity",
    "src_Deviation from Linearity": "Deviation from Linearity",
    "src_Within Groups": "Within Groups",
    "assoc_table": "Measures of Association",
    "col_R2_lin": "R Squared",
    "col_eta": "Eta",
    "col_eta2": "Eta Squared",
    "linearity_yes": "Deviation from Linearity: {p_text}: the relationship between {x} and "
                     "{y} is linear.",
    "linearity_no": "Deviation from Linearity: {p_text}: the relationship between {x} and {y} "
                    "is not linear.",
    "dw_table": "Autocorrelation: Durbin-Watson",
    "col_dl": "dL",
    "col_du": "dU",
    "col_4du": "4 - dU",
    "col_4dl": "4 - dL",
    "note_dw": "Exact bounds at alpha = {alpha}, n = {n}, k = {k} (predictors, the constant "
               "not counted). Decision rule after Ghozali.",
    "dw_positive": "d = {d} is below dL = {dl}: positive autocorrelation.",
    "dw_negative": "d = {d} is above 4 - dL = {l4}: negative autocorrelation.",
    "dw_none": "d = {d} lies between dU = {du} and 4 - dU = {u4}: no autocorrelation.",
    "dw_low": "d = {d} lies between dL = {dl} and dU = {du}: no decision (inconclusive zone).",
    "dw_high": "d = {d} lies between 4 - dU = {u4} and 4 - dL = {l4}: no decision "
               "(inconclusive zone).",
    "dw_missing": "Durbin-Watson d is not defined for these residuals.",
    "dec_positive": "Positive autocorrelation",
    "dec_negative": "Negative autocorrelation",
    "dec_none": "No autocorrelation",
    "dec_inconclusive": "No decision",
    "runs_table": "Runs Test (residuals)",
    "col_test_value": "Test Value (median)",
    "col_below": "Cases < Test Value",
    "col_above": "Cases >= Test Value",
    "col_total_cases": "Total Cases",
    "col_runs": "Number of Runs",
    "col_z": "Z",
    "col_asymp_short": "Asymp. Sig. (2-tailed)",
    "runs_yes": "Runs test: {p_text}: the residuals are random (no autocorrelation).",
    "runs_no": "Runs test: {p_text}: the residuals are not random (autocorrelation).",
    # contributions
    "sec_contrib": "Effective and relative contributions",
    "contrib_method": "Effective contribution = Beta x zero-order r x 100%; the effective "
                      "contributions add up to R Square. Relative contribution = effective "
                      "contribution / R Square.",
    "contrib_table": "Contributions: model {i} ({formula})",
    "col_r_zero": "r (zero-order)",
    "col_effective": "Effective contribution (%)",
    "col_relative": "Relative contribution (%)",
    "total": "Total",
    "contrib_sentence": "{term}: effective contribution {se}% of the variance of {dependent}, "
                        "relative contribution {sr}% of the variance the model accounts for.",
    # categories
    "sec_categories": "Category breakdown",
    "cat_method_interval": "Interval method: the {basis} score range cut into {levels} classes "
                           "of equal width.",
    "cat_method_mean_sd": "Mean and standard deviation method (Azwar), {basis} mean and "
                          "standard deviation, {levels} classes.",
    "cat_method_ideal_percent": "Ideal-score percentage method: each score as a percentage of "
                                "the highest possible score, {levels} classes.",
    "basis_hypothetical": "theoretical",
    "basis_sample": "observed",
    "cat_table": "Categories: {name}",
    "col_category": "Category",
    "col_range": "Score range",
    "col_count": "Frequency",
    "col_percent": "Percent",
    "cat_rule": "Boundary rule: {rule}. A score on a cut belongs to the class above it "
                "({note}).",
    "cat_score": "score",
    "cat_note_interval": "range {lo}-{hi}, class width {width}",
    "cat_note_mean_sd": "mu = {mu}, sigma = {sigma}",
    "cat_note_ideal_percent": "ideal score {ideal}",
    "cat_3_0": "Low",
    "cat_3_1": "Medium",
    "cat_3_2": "High",
    "cat_5_0": "Very low",
    "cat_5_1": "Low",
    "cat_5_2": "Medium",
    "cat_5_3": "High",
    "cat_5_4": "Very high",
    "cat_sentence": "The largest group of respondents, {count} of {n} ({pct}%), falls in the "
                    "{category} category of {name}; the mean score is {mean}.",
    "cat_ideal": "The mean score of {name} is {ideal}% of the ideal score.",
    # figures and provenance
    "sec_figures": "Figures",
    "caption_table": "Table",
    "caption_figure": "Figure",
    "caption_source": "Source: primary data, processed, {year}",
    "note_shortened": "Shortened labels: {labels}.",
    "sec_provenance": "Provenance",
    "prov_table": "Input, software and settings",
    "col_entry": "Entry",
    "col_value": "Value",
    "prov_file": "Input file",
    "prov_sha": "SHA-256 of the input file",
    "prov_instrument": "Instrument",
    "prov_instrument_file": "Instrument file",
    "prov_shipped": "{file} (shipped with smma_stats)",
    "prov_version": "{package} version",
    "prov_alpha": "Significance level (alpha)",
    "prov_judge": "Validity judged by",
    "prov_tails": "r table",
    "prov_drop_invalid": "Remove invalid items",
    "prov_robust": "Robust (HC3) standard errors",
    "prov_normality_method": "Normality test",
    "prov_categories": "Categories",
    "prov_score": "Score of a scale",
    "prov_lang": "Language of the analysis",
    "score_sum": "sum of the items",
    "score_mean": "mean of the items",
    "cat_setting": "{method}, {levels} classes, {basis} basis",
    "catname_interval": "interval",
    "catname_mean_sd": "mean and standard deviation (Azwar)",
    "catname_ideal_percent": "ideal-score percentage",
    "norm_lilliefors": "Kolmogorov-Smirnov with the Lilliefors correction",
    "norm_kolmogorov": "Kolmogorov-Smirnov Z (asymptotic)",
    # missing answers, data screening and group comparison
    "sample_used_incomplete": "{n_read} rows were read and {n} responses were analysed.",
    "sample_dropped_missing": "Dropped because too many answers were missing: {n_dropped} of "
                              "{n_read} rows (spreadsheet row numbers: {rows}).",
    "missing_pairwise": "Missing answers were handled pairwise (not filled in, no respondent "
                        "left out for them). Blank answers: {n_missing}.",
    "missing_person_mean": "Missing answers were filled in with the mean of the same "
                           "respondent's other answers (person-mean imputation). Answers "
                           "filled in: {n_imputed}; respondents concerned: {n_respondents}.",
    "missing_share": "A respondent who skipped more than {share}% of a construct's items was "
                     "left out.",
    "prov_missing": "Missing answers",
    "missingname_listwise": "listwise deletion",
    "missingname_pairwise": "pairwise",
    "missingname_person-mean": "person-mean imputation",
    "sec_screening": "Data screening",
    "screening_method": "All {n} responses were checked for duplicate submissions (the same "
                        "answer to every item and the same value in every other column) and "
                        "straight-lining (the same answer to every item answered, before "
                        "reverse keying).",
    "screening_ignored": "Left out of the duplicate comparison as a time stamp: {columns}.",
    "screening_attention": "Attention check: the question {column} is passed with the "
                           "answer {expect}.",
    "quoted_text": "\"{text}\"",
    "screening_attention_unmatched": "Attention check {column} (passed with {expect}) not "
                                     "screened: no column of the file holds its question.",
    "screening_table": "Screening results",
    "col_check": "Check",
    "col_n_flagged": "Responses flagged",
    "col_rows": "Rows (spreadsheet)",
    "flag_duplicate": "Duplicate submission",
    "flag_straight_lining": "Straight-lining",
    "flag_attention_check": "Failed attention check",
    "flag_out_of_range": "Not a scale point",
    "row_duplicate": "{row} (= row {other})",
    "row_straight": "{row} (all {value})",
    "row_attention": "{row} (answer {value})",
    "row_blank": "{row} (blank)",
    "screening_none": "No response was flagged.",
    "screening_kept": "{n_flagged} of {n} responses were flagged (rows {rows}); they were kept "
                      "in the analysis.",
    "screening_excluded": "{n_flagged} of {n} responses were flagged and left out of the "
                          "analysis (rows {rows}); {n_used} responses were analysed.",
    "prov_exclude_flagged": "Flagged responses left out",
    "or": "or",
    "sec_groups": "Comparison of groups by {by}",
    "groups_intro": "Respondents grouped by {by}: {levels}.",
    "groups_missing": "Left out of this section for having no value in {by}: {n_missing} "
                      "respondent(s).",
    "groups_method_t": "Two groups: independent-samples t test. Levene's test for equality of "
                       "variances (centred on the group means, as SPSS computes it) decides "
                       "which row is read: equal variances are assumed when its Sig. is above "
                       "{alpha}.",
    "groups_method_anova": "{k} groups: one-way ANOVA, with Levene's test of homogeneity of "
                           "variances (centred on the group means) and eta squared = SS "
                           "between groups / SS total.",
    "group_stats_table": "Group Statistics: {name}",
    "col_se_mean": "Std. Error Mean",
    "group_cat_table": "Categories of {name} by {by}",
    "ttest_table": "Independent Samples Test: {name}",
    "col_variances": "Variances",
    "col_levene_f": "Levene's F",
    "col_levene_sig": "Levene's Sig.",
    "col_sig2": "Sig. (2-tailed)",
    "col_mean_diff": "Mean Difference",
    "col_se_diff": "Std. Error Difference",
    "var_equal": "Equal variances assumed",
    "var_unequal": "Equal variances not assumed",
    "note_mean_diff": "Mean difference = mean of {a} - mean of {b}.",
    "ttest_sentence": "Levene's test: {levene}, so {variances} and the row \"{row}\" is read: "
                      "t = {t}, df = {df}, {p_text}: {decision}",
    "var_equal_text": "the variances are taken as equal",
    "var_unequal_text": "the variances are not taken as equal",
    "group_diff_yes": "the mean {name} score differs significantly between the groups of "
                      "{by} ({means}).",
    "group_diff_no": "no significant difference in the mean {name} score between the groups "
                     "of {by} was found ({means}).",
    "oneway_table": "One-way ANOVA: {name}",
    "homogeneity_table": "Test of Homogeneity of Variances: {name}",
    "col_levene_stat": "Levene Statistic",
    "col_df1": "df1",
    "col_df2": "df2",
    "anova_sentence": "F({df1}, {df2}) = {f}, {p_text}, eta squared = {eta2}: {decision}",
    "anova_levene_bad": "Levene's test: {p_text}: the variances differ between the groups, so "
                        "the F test should be read with care.",
    "group_skip_small": "{name}: not tested, because fewer than two respondents are in the "
                        "group(s) {levels}.",
    "group_skip_one": "{name}: not tested, because {by} has only one group.",
    "prov_by": "Groups compared by",
    # bootstrap
    "sec_bootstrap": "Bootstrap confidence intervals",
    "boot_method": "{n} bootstrap resamples of the {n_cases} respondents, drawn with "
                   "replacement (seed {seed}); {method} {level}% confidence intervals.",
    "bootmethod_percentile": "percentile",
    "bootmethod_bca": "bias-corrected and accelerated (BCa)",
    "boot_alpha_table": "Cronbach's alpha: bootstrap intervals",
    "col_boot_se": "Bootstrap Std. Error",
    "col_boot_bias": "Bootstrap Bias",
    "boot_coef_table": "Bootstrap coefficients: model {i} ({formula})",
    "boot_note_failed": "{n_failed} of {n_resamples} resamples were left out because the "
                        "statistic is undefined on them (a constant score or collinear "
                        "predictors).",
    "boot_alpha_above": "The {level}% bootstrap interval of Cronbach's alpha of {name} runs "
                        "from {low} to {high}; even its lower limit is above {threshold}.",
    "boot_alpha_below": "The {level}% bootstrap interval of Cronbach's alpha of {name} runs "
                        "from {low} to {high}; its lower limit is not above {threshold}.",
    "boot_zero_out": "The {level}% bootstrap interval of B for {term} runs from {low} to "
                     "{high} and does not include 0: the bootstrap supports an association "
                     "with {dependent}.",
    "boot_zero_in": "The {level}% bootstrap interval of B for {term} runs from {low} to "
                    "{high} and includes 0: the bootstrap does not support an association "
                    "with {dependent}.",
    "prov_bootstrap": "Bootstrap resamples",
    "prov_bootstrap_method": "Bootstrap interval",
    "prov_seed": "Bootstrap seed",
    "and": "and",
    "yes": "yes",
    "no": "no",
    "none": "none",
    # PLS-SEM (smma pls)
    "pls_title": "PLS-SEM: partial least squares structural equation modeling",
    "pls_sec_estimation": "Estimation",
    "pls_estimation": "PLS algorithm (Lohmoller) with the {scheme} weighting scheme on "
                      "standardised indicators; {n} cases; missing values: {missing} ({n_missing} "
                      "cells). The algorithm {converged} after {iterations} iterations (stop "
                      "criterion: sum of weight changes below 1e-7).",
    "pls_scheme_path": "path",
    "pls_scheme_factorial": "factorial",
    "pls_scheme_centroid": "centroid",
    "pls_missing_mean": "mean replacement",
    "pls_missing_casewise": "casewise deletion, {n_dropped} cases dropped",
    "pls_converged": "converged",
    "pls_consistent": "Consistent PLS (PLSc, Dijkstra & Henseler, 2015): the loadings and "
                      "construct correlations of the reflective constructs are corrected with "
                      "rho_A; PLSpredict uses the PLS estimates.",
    "pls_not_converged": "did NOT converge",
    "pls_hoc_repeated_indicators": "Higher-order constructs: repeated indicators approach "
                                   "(the dimension loadings are the paths from the "
                                   "higher-order construct to its dimensions).",
    "pls_hoc_two_stage_embedded": "Higher-order constructs: two-stage approach (embedded): the "
                                  "dimension scores of the repeated-indicators model are the "
                                  "indicators of the higher-order construct in stage 2.",
    "pls_hoc_two_stage_disjoint": "Higher-order constructs: two-stage approach (disjoint): the "
                                  "dimension scores of a stage-1 model without the higher-order "
                                  "construct are its indicators in stage 2.",
    "pls_bootstrap": "Bootstrap: {n} resamples (seed {seed}), {method} confidence intervals "
                     "({level}%), {tails} p-values; t = estimate / bootstrap standard "
                     "deviation, p from the t distribution with B - 1 degrees of freedom. "
                     "Resamples that could not be estimated: {failed}.",
    "pls_no_bootstrap": "No bootstrap was run, so standard deviations, t, p and intervals are "
                        "empty (use --bootstrap 5000).",
    "pls_sec_measurement": "Measurement model",
    "pls_sec_structural": "Structural model",
    "pls_sec_fit": "Model fit",
    "pls_sec_predict": "PLSpredict",
    "pls_tab_reliability": "Construct reliability and validity",
    "pls_tab_loadings": "Outer loadings and weights",
    "pls_tab_hoc": "Higher-order constructs: loadings of the dimensions",
    "pls_tab_fl": "Discriminant validity: Fornell-Larcker criterion",
    "pls_tab_htmt": "Discriminant validity: heterotrait-monotrait ratio (HTMT)",
    "pls_tab_paths": "Path coefficients",
    "pls_tab_r2": "R-square",
    "pls_tab_effects": "Total and indirect effects",
    "pls_tab_fit": "Model fit",
    "pls_tab_predict": "PLSpredict ({k} folds, {reps} repetitions)",
    "pls_note_fl": "Square root of the AVE on the diagonal, construct correlations below it.",
    "pls_note_reliability": "Thresholds (Hair et al.): alpha, rho_A and rho_C at least .70, "
                            "AVE at least .50; reliability is not assessed for formative "
                            "(Mode B) constructs.",
    "pls_note_htmt": "HTMT below .90 (.85 for conceptually distinct constructs) supports "
                     "discriminant validity (Henseler, Ringle & Sarstedt, 2015).",
    "pls_note_predict": "Q2predict above 0: PLS predicts better than the training mean; "
                        "compare PLS-SEM RMSE and MAE with the linear model (LM) benchmark.",
    "pls_col_construct": "Construct",
    "pls_col_mode": "Mode",
    "pls_col_loading": "Loading",
    "pls_col_weight": "Weight",
    "pls_col_vif": "VIF",
    "pls_col_alpha": "Cronbach's alpha",
    "pls_col_rho_a": "rho_A",
    "pls_col_rho_c": "Composite reliability (rho_C)",
    "pls_col_ave": "AVE",
    "pls_col_path": "Path",
    "pls_col_beta": "Original sample (O)",
    "pls_col_se": "Standard deviation (STDEV)",
    "pls_col_t": "T statistics (|O/STDEV|)",
    "pls_col_p": "P values",
    "pls_col_f2": "f-square",
    "pls_col_r2": "R-square",
    "pls_col_adj_r2": "R-square adjusted",
    "pls_col_effect": "Effect",
    "pls_col_kind": "Kind",
    "pls_col_estimate": "Estimate",
    "pls_col_measure": "Measure",
    "pls_col_saturated": "Saturated model",
    "pls_col_estimated": "Estimated model",
    "pls_col_q2": "Q2predict",
    "pls_col_pls_rmse": "PLS-SEM RMSE",
    "pls_col_pls_mae": "PLS-SEM MAE",
    "pls_col_lm_rmse": "LM RMSE",
    "pls_col_lm_mae": "LM MAE",
    "pls_kind_total": "total",
    "pls_kind_total_indirect": "total indirect",
    "pls_kind_specific_indirect": "specific indirect",
    "pls_supported": "supported",
    "pls_not_supported": "not supported",
    # descriptive statistics and hypotheses
    "sec_profile": "Respondent Profile",
    "sec_descriptives": "Descriptive Statistics",
    "sec_correlations": "Correlations Between Variables",
    "sec_hypotheses": "Hypothesis Testing",
    "profile_table": "Respondents by {variable}",
    "col_valid_percent": "Valid Percent",
    "missing_value": "No answer",
    "profile_sentence": "By {variable}, the largest group of respondents is {category} "
                        "({count} respondents, {pct}%).",
    "item_freq_table": "Answers to the items of {name}",
    "col_class": "Category",
    "col_min": "Minimum",
    "col_max": "Maximum",
    "col_item_mean": "Mean per item",
    "item_freq_note": "Cells: number of respondents (percent). The mean is read by class "
                      "intervals of width (max - min) / k: {rule}; a mean on a limit "
                      "belongs to the lower class.",
    "item_freq_sentence": "The mean of the item means of {name} is {mean}: {category}.",
    "construct_desc_table": "Descriptive statistics of the variables",
    "corr_pearson": "Pearson correlations",
    "corr_spearman": "Spearman rank correlations",
    "corr_note": "** significant at .01, * significant at .05 (two-tailed); N = {n}.",
    "hypothesis_table": "Summary of hypothesis tests",
    "col_hypothesis": "Hypothesis",
    "col_path": "Path",
    "col_direction": "Direction",
    "col_t_table": "t table",
    "hypothesis_note": "Partial t tests at the {alpha} level; a directional hypothesis is "
                       "tested one-tailed and is supported only by a significant coefficient "
                       "of the stated sign.",
    "direction_positive": "positive",
    "direction_negative": "negative",
    "direction_two_sided": "two-sided",
    "decision_supported": "Supported",
    "decision_not_supported": "Not supported",
    "hypothesis_supported": "{id}{wording}: B = {b}, t = {t}, t table = {t_table} "
                            "({how}), {p_text}: {id} is supported.",
    "hypothesis_not_supported": "{id}{wording}: B = {b}, t = {t}, t table = {t_table} "
                                "({how}), {p_text}: {id} is not supported.",
    "class_very_low": "very low",
    "class_low": "low",
    "class_medium": "medium",
    "class_high": "high",
    "class_very_high": "very high",
    # group follow-ups
    "followup_param": "No group's scores depart from normality (Shapiro-Wilk, Sig. > {alpha}), "
                      "so the test of means above is read; the rank test below is given "
                      "for comparison.",
    "followup_rank": "The scores of {groups} depart from normality (Shapiro-Wilk Sig. <= "
                     "{alpha}), so the rank test below is read instead of the test of means.",
    "mw_table": "Mann-Whitney U test of {name}",
    "kw_table": "Kruskal-Wallis test of {name}",
    "col_mw_u": "Mann-Whitney U",
    "col_mw_w": "Wilcoxon W",
    "col_exact_sig": "Exact Sig. (2-tailed)",
    "col_kw_h": "Kruskal-Wallis H",
    "mw_yes": "Mann-Whitney: {p_text}: the distributions differ between the groups.",
    "mw_no": "Mann-Whitney: {p_text}: no difference between the groups.",
    "kw_yes": "Kruskal-Wallis: {p_text}: at least one group differs.",
    "kw_no": "Kruskal-Wallis: {p_text}: no difference between the groups.",
    "posthoc_tukey": "Post hoc comparisons of {name} (Tukey HSD; equal variances by Levene)",
    "posthoc_gh": "Post hoc comparisons of {name} (Games-Howell; unequal variances by Levene)",
    "col_group_i": "(I) Group",
    "col_group_j": "(J) Group",
    "col_lower": "Lower Bound",
    "col_upper": "Upper Bound",
    # mediation and moderation
    "sec_mediation": "Mediation Analysis: {label}",
    "sec_moderation": "Moderation Analysis: {label}",
    "med_paths_table": "Regression coefficients of the mediation model",
    "col_model": "Model",
    "col_effect": "Effect",
    "col_boot_low": "BootLLCI",
    "col_boot_high": "BootULCI",
    "col_mediator": "Mediator",
    "medmodel_mediator": "Outcome: {dependent} (a path)",
    "medmodel_outcome": "Outcome: {dependent} (b paths and direct effect c')",
    "medmodel_total": "Outcome: {dependent} (total effect c)",
    "med_models_table": "Model summaries",
    "med_indirect_table": "Indirect effects",
    "med_boot_note": "Bootstrap: {n} resamples (seed {seed}), {method} intervals.",
    "med_sobel_table": "Sobel test (normal theory) of each indirect effect",
    "med_sentence": "The total effect of {x} on {y} is {total} ({total_p}); the direct effect "
                    "(c') is {direct} ({direct_p}); the indirect effect through the mediator(s) "
                    "is {indirect}, {level}% bootstrap CI [{low}, {high}]. Kind of mediation: "
                    "{kind}.",
    "med_rule": "Rule (Zhao, Lynch & Chen, 2010): an indirect effect whose bootstrap interval "
                "excludes 0 shows mediation; with a significant direct effect of the same sign "
                "it is complementary (partial) mediation, of the opposite sign competitive, "
                "without one indirect-only (full) mediation. Baron and Kenny's (1986) steps "
                "are not used: they need a significant total effect, which mediation does not.",
    "medtype_complementary": "complementary (partial) mediation",
    "medtype_competitive": "competitive mediation",
    "medtype_indirect_only": "indirect-only (full) mediation",
    "medtype_direct_only": "no mediation (direct effect only)",
    "medtype_no_effect": "no effect (neither indirect nor direct)",
    "mod_coef_table": "Moderated regression (PROCESS model 1)",
    "mod_center_note": "X and W were mean-centred before the product was formed.",
    "mod_r2_table": "R Square change due to the interaction",
    "col_r2_change": "R Square change",
    "mod_cond_table": "Conditional effects of {x} at values of {w}",
    "col_w_value": "Value of W",
    "mod_probe_pick_a_point": "W at its mean minus one SD, mean, and mean plus one SD (or its "
                              "two values when it has two).",
    "mod_probe_percentiles": "W at its 16th, 50th and 84th percentiles.",
    "mod_yes": "The interaction {x} x {w} is significant (B = {b}, {p_text}; R Square change "
               "{r2}): {w} moderates the effect of {x} on {y}.",
    "mod_no": "The interaction {x} x {w} is not significant (B = {b}, {p_text}; R Square "
              "change {r2}): no evidence that {w} moderates the effect of {x} on {y}.",
    "mod_jn": "Johnson-Neyman: the conditional effect changes significance at W = {points}.",
    "mod_jn_none": "Johnson-Neyman: no value of W within the data changes the significance "
                   "of the conditional effect.",
    # item hints
    "reverse_keyed": "Reverse-keyed items (scored min + max - answer before any statistic): "
                     "{items}.",
    "reverse_hint": "{item} correlates negatively with the rest of its scale (corrected r = "
                    "{r}): is {item} reverse-keyed? If so, list it under reverse: in the "
                    "instrument.",
    "constant_item": "{item} has the same answer from every respondent: it has no "
                     "correlation and is kept in Cronbach's alpha, as SPSS and PSPP keep it "
                     "(R's psych::alpha leaves such an item out).",
    # figures (words drawn in and under the figures)
    "fig_categories": "Categories of {name} (n = {n})",
    "fig_category": "Category",
    "fig_count": "Frequency",
    "fig_scatter": "Scatter plot of {y} against {x} with the fitted regression line",
    "fig_pp": "Normal P-P plot of the regression standardized residual of model {i} (dependent variable: {y})",
    "fig_zpred": "Scatterplot of the studentized residual (SRESID) against the standardized predicted value (ZPRED) of model {i} (dependent variable: {y})",
    "fig_pp_observed": "Observed cumulative probability",
    "fig_pp_expected": "Expected cumulative probability",
    "fig_zpred_axis": "Regression standardized predicted value (ZPRED)",
    "fig_sresid_axis": "Regression studentized residual (SRESID)",
    "fig_hist": "Histogram of the residuals of model {i} ({formula}) with the normal curve",
    "fig_qq": "Normal Q-Q plot of the residuals of model {i} ({formula})",
    "fig_residual": "Unstandardized residual",
    "fig_normal_curve": "Normal curve (mean 0, SD {sd})",
    "fig_theoretical": "Expected normal quantile (z)",
    "fig_observed": "Observed residual",
    "fig_fitted_line": "Regression line",
    "fig_observations": "Respondents",
    "fig_moderation_slopes": "Simple slopes: predicted {y} against {x} at the probed values of the moderator {w}",
    "fig_moderation_jn": "Conditional effect of {x} on {y} across the observed range of {w}, with its confidence band and the Johnson-Neyman points",
    "fig_effect_of": "Effect of {x} on {y}",
}

ID: dict[str, str] = {
    "subtitle": "Berkas data: {file} | Instrumen: {instrument}",
    "source_none": "(tabel data)",
    "sec_sample": "Sampel Penelitian",
    "sample_table": "Data Responden",
    "col_rows_read": "Baris dibaca",
    "col_rows_dropped": "Baris dikeluarkan",
    "col_rows_flagged": "Baris bertanda yang dikeluarkan",
    "col_n_used": "Responden dianalisis (n)",
    "sample_used": "Sebanyak {n_read} baris data dibaca dan {n} responden dianalisis "
                   "(semua butir dijawab).",
    "sample_dropped": "Dikeluarkan dengan listwise deletion karena ada jawaban yang kosong: "
                      "{n_dropped} dari {n_read} baris (nomor baris pada lembar kerja: {rows}).",
    "sample_none_dropped": "Tidak ada baris yang dikeluarkan: semua jawaban lengkap.",
    "sec_validity": "Uji Validitas",
    "validity_method": "r hitung = korelasi Pearson skor butir dengan skor total; r terkoreksi "
                       "= korelasi butir dengan total butir lainnya (Corrected Item-Total "
                       "Correlation). r tabel pada taraf signifikansi {alpha}, uji {tails}, "
                       "df = n - 2 = {df}: {r_table}. Butir dinyatakan valid jika {judge} "
                       "lebih besar dari r tabel.",
    "tails_1": "satu arah",
    "tails_2": "dua arah",
    "judge_r": "r hitung",
    "judge_r_corrected": "r terkoreksi",
    "validity_table": "Hasil Uji Validitas {name}",
    "col_item": "Butir",
    "col_r": "r hitung",
    "col_r_corrected": "r terkoreksi",
    "col_r_table": "r tabel",
    "col_sig": "Sig.",
    "col_decision": "Keputusan",
    "valid": "Valid",
    "invalid": "Tidak Valid",
    "validity_all": "Seluruh {k} butir {name} valid: {judge} setiap butir lebih besar dari "
                    "r tabel ({r_table}).",
    "validity_some": "Sebanyak {n_valid} dari {k} butir {name} valid. Butir tidak valid "
                     "({judge} tidak lebih besar dari r tabel {r_table}): {bad}.",
    "sec_reliability": "Uji Reliabilitas",
    "reliability_method": "Cronbach's Alpha; instrumen dinyatakan reliabel jika nilai alpha "
                          "lebih besar dari {threshold} (aturan yang lazim dikutip dari buku "
                          "SPSS Ghozali; Nunnally, 1978, menganjurkan 0,70). "
                          "Tingkat seperti yang lazim dikutip dari Sekaran: di bawah 0,60 "
                          "buruk, 0,60 sampai 0,70 dapat diterima, 0,70 sampai 0,80 baik, "
                          "0,80 ke atas sangat baik (Sekaran & Bougie sendiri menyebut alpha "
                          "di bawah 0,60 buruk, sekitar 0,70 dapat diterima, dan di atas 0,80 "
                          "baik).",
    "reliability_table": "Hasil Uji Reliabilitas",
    "col_variable": "Variabel",
    "col_alpha": "Cronbach's Alpha",
    "col_alpha_std": "Alpha Berdasarkan Butir Terstandar",
    "col_n_items": "Jumlah Butir",
    "col_grade": "Tingkat (Sekaran)",
    "grade_poor": "buruk",
    "grade_acceptable": "dapat diterima",
    "grade_good": "baik",
    "grade_very good": "sangat baik",
    "grade_undefined": "tidak terdefinisi",
    "reliable": "Reliabel",
    "not_reliable": "Tidak Reliabel",
    "reliability_yes": "Nilai Cronbach's Alpha {name} sebesar {alpha}, lebih besar dari "
                       "{threshold}: instrumen reliabel.",
    "reliability_no": "Nilai Cronbach's Alpha {name} sebesar {alpha}, tidak lebih besar dari "
                      "{threshold}: instrumen tidak reliabel.",
    "item_total_table": "Statistik Butir-Total {name}",
    "col_scale_mean_del": "Rata-rata Skala jika Butir Dihapus",
    "col_scale_var_del": "Varians Skala jika Butir Dihapus",
    "col_corrected_r": "Korelasi Butir-Total Terkoreksi",
    "col_alpha_del": "Cronbach's Alpha jika Butir Dihapus",
    "sec_dimensions": "Reliabilitas Dimensi",
    "dimension_table": "Hasil Uji Reliabilitas Dimensi",
    "col_dimension": "Dimensi",
    "sec_drop": "Penghapusan Butir Tidak Valid",
    "drop_intro": "Butir tidak valid dihapus satu per satu, dimulai dari yang terlemah; "
                  "validitas diuji ulang setelah setiap penghapusan.",
    "drop_table": "Butir yang Dihapus",
    "col_step": "Langkah",
    "col_alpha_after": "Alpha setelah dihapus",
    "sec_normality": "Uji Normalitas",
    "sec_models_skipped": "Model yang Tidak Dapat Diestimasi",
    "normality_method_lilliefors": "Uji One-Sample Kolmogorov-Smirnov dengan koreksi "
                                   "Lilliefors, seperti dicetak SPSS 21 ke atas. Asymp. Sig. "
                                   "adalah nilai yang dicetak SPSS; keputusan memakai nilai p "
                                   "akurat di sebelahnya: data dianggap berdistribusi normal "
                                   "jika p lebih besar dari {alpha}.",
    "normality_method_kolmogorov": "Uji One-Sample Kolmogorov-Smirnov (Kolmogorov-Smirnov Z, p "
                                   "asimtotik), seperti dicetak SPSS versi lama dan PSPP: data "
                                   "dianggap berdistribusi normal jika p lebih besar dari "
                                   "{alpha}.",
    "normality_table": "Hasil Uji One-Sample Kolmogorov-Smirnov",
    "col_n": "N",
    "col_mean": "Rata-rata",
    "col_sd": "Simpangan Baku",
    "col_d_abs": "D (Mutlak)",
    "col_d_pos": "D+ (Positif)",
    "col_d_neg": "D- (Negatif)",
    "col_ks_z": "Kolmogorov-Smirnov Z",
    "col_asymp": "Asymp. Sig. (2 arah)",
    "col_p_accurate": "p akurat",
    "col_sw_w": "W Shapiro-Wilk",
    "col_sw_p": "Sig. Shapiro-Wilk",
    "normal": "Normal",
    "not_normal": "Tidak Normal",
    "note_ks": "D (Mutlak), D+ (Positif), D- (Negatif): selisih paling ekstrem.",
    "note_lilliefors": "Koreksi signifikansi Lilliefors.",
    "note_lower_bound": "* Nilai ini adalah batas bawah dari signifikansi yang sebenarnya.",
    "residual_of": "Residual model {i} ({formula})",
    "normality_yes": "{name}: tidak ada bukti yang menolak normalitas ({p_text}; Asymp. Sig. "
                     "SPSS {display}), sehingga data dapat dianggap berdistribusi normal.",
    "normality_no": "{name}: {p_text} (Asymp. Sig. SPSS {display}): sebaran data menyimpang "
                    "secara signifikan dari distribusi normal, sehingga data tidak dapat "
                    "dianggap berdistribusi normal.",
    "sec_model_simple": "Analisis Regresi Linear Sederhana: model {i} ({formula})",
    "sec_model_multiple": "Analisis Regresi Linear Berganda: model {i} ({formula})",
    "critical_values": "t tabel = {t_table} (alpha = {alpha}, dua arah, df = {df2}); "
                       "F tabel = {f_table} (df = {df1}, {df2}).",
    "model_summary": "Ringkasan Model (Koefisien Determinasi)",
    "col_R": "R",
    "col_R2": "R Kuadrat",
    "col_adj_R2": "R Kuadrat Disesuaikan",
    "col_se_est": "Galat Baku Estimasi",
    "col_dw": "Durbin-Watson",
    "note_model": "Prediktor: (Konstanta), {predictors}. Variabel dependen: {dependent}.",
    "anova_table": "ANOVA (Uji F)",
    "col_source": "Sumber",
    "src_Regression": "Regresi",
    "src_Residual": "Residual",
    "src_Total": "Total",
    "col_ss": "Jumlah Kuadrat",
    "col_df": "df",
    "col_ms": "Rata-rata Kuadrat",
    "col_F": "F",
    "coef_table": "Koefisien Regresi (Uji t)",
    "col_term": "Variabel",
    "term_constant": "(Konstanta)",
    "col_b": "B",
    "col_se": "Galat Baku",
    "col_beta": "Beta",
    "col_t": "t",
    "col_ci_low": "Batas Bawah {level}%",
    "col_ci_high": "Batas Atas {level}%",
    "col_tolerance": "Toleransi",
    "col_vif": "VIF",
    "col_se_hc3": "Galat Baku (HC3)",
    "col_t_hc3": "t (HC3)",
    "col_sig_hc3": "Sig. (HC3)",
    "note_hc3": "HC3: galat baku yang konsisten terhadap heteroskedastisitas.",
    "equation": "Persamaan regresi: {equation}",
    "t_test": "Uji t (parsial), {term}: {t_text} {t_cmp} t tabel {t_table}, {p_text}: "
              "{decision}",
    "t_yes": "H0 ditolak; {term} berhubungan signifikan dengan {dependent}.",
    "t_no": "H0 tidak ditolak; tidak ditemukan hubungan yang signifikan antara {term} dan "
            "{dependent}.",
    "f_test": "Uji F (simultan): F = {f} {f_cmp} F tabel {f_table}, {p_text}: {decision}",
    "f_yes": "H0 ditolak; model regresi menjelaskan bagian yang signifikan dari variasi "
             "{dependent}.",
    "f_no": "H0 tidak ditolak; model regresi tidak menjelaskan bagian yang signifikan dari "
            "variasi {dependent}.",
    "r2_sentence": "Koefisien determinasi (R Kuadrat) = {r2} (R Kuadrat disesuaikan = "
                   "{adj_r2}): {pct}% variasi {dependent} dapat dijelaskan oleh model; "
                   "sisanya {rest}% tidak dijelaskan oleh model.",
    "slope": "Setiap kenaikan satu poin skor {x} diikuti {direction} skor {y} sebesar {b} "
             "poin{held}.",
    "slope_up": "kenaikan",
    "slope_down": "penurunan",
    "slope_held": ", dengan prediktor lain dianggap tetap",
    "association_note": "Regresi pada data survei menunjukkan hubungan (asosiasi): hasil ini "
                        "sendiri tidak membuktikan bahwa perubahan {predictors} menyebabkan "
                        "perubahan {dependent}.",
    "sec_assumptions": "Uji Asumsi Klasik",
    "assumptions_model": "Model Regresi {i}: {formula}",
    "residual_normality": "Normalitas residual. {sentence}",
    "multicol_table": "Uji Multikolinearitas",
    "multicol_rule": "Tidak terjadi multikolinearitas jika nilai Toleransi lebih besar dari "
                     "0,10 dan VIF lebih kecil dari 10 (Hair dkk.).",
    "multicol_ok": "Tidak terjadi multikolinearitas",
    "multicol_bad": "Terjadi multikolinearitas",
    "multicol_yes": "Setiap prediktor memiliki Toleransi lebih besar dari 0,10 dan VIF lebih "
                    "kecil dari 10: tidak terjadi multikolinearitas.",
    "multicol_no": "Terjadi multikolinearitas (Toleransi tidak lebih besar dari 0,10 atau VIF "
                   "tidak lebih kecil dari 10): {terms}.",
    "multicol_simple": "Dengan satu prediktor tidak ada multikolinearitas yang perlu diuji.",
    "glejser_table": "Uji Heteroskedastisitas: Uji Glejser (variabel dependen: nilai mutlak "
                     "residual)",
    "hetero_ok": "Tidak terjadi heteroskedastisitas",
    "hetero_bad": "Terjadi heteroskedastisitas",
    "glejser_yes": "Uji Glejser: Sig. setiap prediktor lebih besar dari {alpha}: tidak terjadi "
                   "heteroskedastisitas.",
    "glejser_no": "Uji Glejser: Sig. tidak lebih besar dari {alpha} untuk {terms}: terjadi "
                  "heteroskedastisitas.",
    "hetero_table": "Hasil Uji Heteroskedastisitas",
    "col_test": "Uji",
    "col_statistic": "Statistik",
    "not_computable": "{test}: tidak dapat dihitung pada data ini ({reason}).",
    "test_normality": "Normalitas residual",
    "test_breusch_pagan": "Breusch-Pagan",
    "test_runs": "Uji run",
    "test_linearity": "Linearitas",
    "test_bootstrap": "Bootstrap",
    "white_dropped": "Dikeluarkan dari uji White karena masing-masing merupakan kombinasi "
                     "linear persis dari kolom lain (seperti R lm membuang kolom alias): "
                     "{terms}.",
    "model_skipped": "Model {formula} tidak dapat diestimasi pada data ini: {reason}.",
    "test_glejser": "Glejser",
    "test_bp": "Breusch-Pagan",
    "test_white": "White",
    "hetero_sentence": "Uji {test}: {p_text}: {decision}.",
    "hetero_none_text": "tidak terjadi heteroskedastisitas",
    "hetero_found_text": "terjadi heteroskedastisitas",
    "linearity_table": "Uji Linearitas: {dependent} * {x}",
    "src_Between Groups": "Antar Kelompok",
    "src_Linearity": "Linearitas",
    "src_Deviation from Linearity": "Penyimpangan dari Linearitas",
    "src_Within Groups": "Dalam Kelompok",
    "assoc_table": "Ukuran Asosiasi",
    "col_R2_lin": "R Kuadrat",
    "col_eta": "Eta",
    "col_eta2": "Eta Kuadrat",
    "linearity_yes": "Penyimpangan dari Linearitas (Deviation from Linearity): {p_text}: "
                     "hubungan antara {x} dan {y} linear.",
    "linearity_no": "Penyimpangan dari Linearitas (Deviation from Linearity): {p_text}: "
                    "hubungan antara {x} dan {y} tidak linear.",
    "dw_table": "Uji Autokorelasi: Durbin-Watson",
    "col_dl": "dL",
    "col_du": "dU",
    "col_4du": "4 - dU",
    "col_4dl": "4 - dL",
    "note_dw": "Batas eksak pada alpha = {alpha}, n = {n}, k = {k} (jumlah prediktor, "
               "konstanta tidak dihitung). Aturan keputusan menurut Ghozali.",
    "dw_positive": "d = {d} lebih kecil dari dL = {dl}: terjadi autokorelasi positif.",
    "dw_negative": "d = {d} lebih besar dari 4 - dL = {l4}: terjadi autokorelasi negatif.",
    "dw_none": "d = {d} terletak di antara dU = {du} dan 4 - dU = {u4}: tidak terjadi "
               "autokorelasi.",
    "dw_low": "d = {d} terletak di antara dL = {dl} dan dU = {du}: tanpa keputusan "
              "(daerah ragu-ragu).",
    "dw_high": "d = {d} terletak di antara 4 - dU = {u4} dan 4 - dL = {l4}: tanpa keputusan "
               "(daerah ragu-ragu).",
    "dw_missing": "Nilai d Durbin-Watson tidak terdefinisi untuk residual ini.",
    "dec_positive": "Autokorelasi positif",
    "dec_negative": "Autokorelasi negatif",
    "dec_none": "Tidak terjadi autokorelasi",
    "dec_inconclusive": "Tanpa keputusan",
    "runs_table": "Uji Run pada residual",
    "col_test_value": "Nilai Uji (median)",
    "col_below": "Kasus < Nilai Uji",
    "col_above": "Kasus >= Nilai Uji",
    "col_total_cases": "Jumlah Kasus",
    "col_runs": "Jumlah Run",
    "col_z": "Z",
    "col_asymp_short": "Asymp. Sig. (2 arah)",
    "runs_yes": "Uji run: {p_text}: residual acak (tidak terjadi autokorelasi).",
    "runs_no": "Uji run: {p_text}: residual tidak acak (terjadi autokorelasi).",
    "sec_contrib": "Sumbangan Efektif dan Sumbangan Relatif",
    "contrib_method": "Sumbangan efektif (SE) = Beta x r orde nol x 100%; jumlah SE sama "
                      "dengan R Kuadrat. Sumbangan relatif (SR) = SE / R Kuadrat.",
    "contrib_table": "Sumbangan Efektif dan Relatif: model {i} ({formula})",
    "col_r_zero": "r (orde nol)",
    "col_effective": "Sumbangan Efektif (%)",
    "col_relative": "Sumbangan Relatif (%)",
    "total": "Jumlah",
    "contrib_sentence": "{term}: sumbangan efektif {se}% terhadap variasi {dependent}, "
                        "sumbangan relatif {sr}% dari variasi yang dijelaskan model.",
    "sec_categories": "Kategorisasi Variabel",
    "cat_method_interval": "Metode interval: rentang skor {basis} dibagi menjadi {levels} kelas "
                           "dengan lebar sama.",
    "cat_method_mean_sd": "Metode rata-rata dan simpangan baku (Azwar), rata-rata dan simpangan "
                          "baku {basis}, {levels} kelas.",
    "cat_method_ideal_percent": "Metode persentase skor ideal: setiap skor sebagai persentase "
                                "dari skor tertinggi yang mungkin, {levels} kelas.",
    "basis_hypothetical": "hipotetik",
    "basis_sample": "empiris",
    "cat_table": "Kategori {name}",
    "col_category": "Kategori",
    "col_range": "Rentang Skor",
    "col_count": "Frekuensi",
    "col_percent": "Persentase",
    "cat_rule": "Aturan batas: {rule}. Skor yang tepat berada pada batas masuk ke kelas di "
                "atasnya ({note}).",
    "cat_score": "skor",
    "cat_note_interval": "rentang {lo}-{hi}, lebar kelas {width}",
    "cat_note_mean_sd": "mu = {mu}, sigma = {sigma}",
    "cat_note_ideal_percent": "skor ideal {ideal}",
    "cat_3_0": "Rendah",
    "cat_3_1": "Sedang",
    "cat_3_2": "Tinggi",
    "cat_5_0": "Sangat Rendah",
    "cat_5_1": "Rendah",
    "cat_5_2": "Sedang",
    "cat_5_3": "Tinggi",
    "cat_5_4": "Sangat Tinggi",
    "cat_sentence": "Kelompok responden terbesar, {count} dari {n} ({pct}%), berada pada "
                    "kategori {category} untuk {name}; rata-rata skor {mean}.",
    "cat_ideal": "Rata-rata skor {name} mencapai {ideal}% dari skor ideal.",
    "sec_figures": "Gambar",
    "caption_table": "Tabel",
    "caption_figure": "Gambar",
    "caption_source": "Sumber: data primer diolah, {year}",
    "note_shortened": "Label yang dipendekkan: {labels}.",
    "sec_provenance": "Informasi Reproduksi",
    "prov_table": "Data Masukan, Perangkat Lunak, dan Pengaturan",
    "col_entry": "Keterangan",
    "col_value": "Nilai",
    "prov_file": "Berkas data",
    "prov_sha": "SHA-256 berkas data",
    "prov_instrument": "Instrumen",
    "prov_instrument_file": "Berkas instrumen",
    "prov_shipped": "{file} (bawaan smma_stats)",
    "prov_version": "Versi {package}",
    "prov_alpha": "Taraf signifikansi (alpha)",
    "prov_judge": "Dasar keputusan validitas",
    "prov_tails": "r tabel",
    "prov_drop_invalid": "Hapus butir tidak valid",
    "prov_robust": "Galat baku robust (HC3)",
    "prov_normality_method": "Uji normalitas",
    "prov_categories": "Kategori",
    "prov_score": "Skor skala",
    "prov_lang": "Bahasa analisis",
    "score_sum": "jumlah skor butir",
    "score_mean": "rata-rata skor butir",
    "cat_setting": "{method}, {levels} kelas, dasar {basis}",
    "catname_interval": "interval",
    "catname_mean_sd": "rata-rata dan simpangan baku (Azwar)",
    "catname_ideal_percent": "persentase skor ideal",
    "norm_lilliefors": "Kolmogorov-Smirnov dengan koreksi Lilliefors",
    "norm_kolmogorov": "Kolmogorov-Smirnov Z (asimtotik)",
    "sample_used_incomplete": "Sebanyak {n_read} baris data dibaca dan {n} responden "
                              "dianalisis.",
    "sample_dropped_missing": "Dikeluarkan karena terlalu banyak jawaban yang kosong: "
                              "{n_dropped} dari {n_read} baris (nomor baris pada lembar kerja: "
                              "{rows}).",
    "missing_pairwise": "Jawaban kosong ditangani secara pairwise (tidak diisi, tidak ada "
                        "responden yang dikeluarkan karenanya). Jumlah jawaban kosong: "
                        "{n_missing}.",
    "missing_person_mean": "Jawaban kosong diisi dengan rata-rata jawaban lain dari responden "
                           "yang sama (imputasi rata-rata responden). Jawaban yang diisi: "
                           "{n_imputed}; responden yang bersangkutan: {n_respondents}.",
    "missing_share": "Responden yang mengosongkan lebih dari {share}% butir suatu konstruk "
                     "dikeluarkan.",
    "prov_missing": "Jawaban kosong",
    "missingname_listwise": "dikeluarkan per responden (listwise)",
    "missingname_pairwise": "berpasangan (pairwise)",
    "missingname_person-mean": "imputasi rata-rata responden",
    "sec_screening": "Pemeriksaan Data",
    "screening_method": "Jawaban seluruh {n} responden diperiksa untuk menemukan pengisian "
                        "ganda (jawaban yang sama untuk setiap butir dan isi yang sama pada "
                        "setiap kolom lain) dan jawaban seragam atau straight-lining (jawaban "
                        "yang sama untuk setiap butir yang diisi, sebelum pembalikan skor).",
    "screening_ignored": "Kolom waktu pengisian yang tidak dibandingkan untuk pengisian "
                         "ganda: {columns}.",
    "screening_attention": "Butir pemeriksa perhatian (attention check): pertanyaan {column} "
                           "lolos dengan jawaban {expect}.",
    "quoted_text": "\"{text}\"",
    "screening_attention_unmatched": "Butir pemeriksa perhatian {column} (lolos dengan "
                                     "jawaban {expect}) tidak diperiksa: tidak ada kolom "
                                     "berkas yang memuat pertanyaannya.",
    "screening_table": "Hasil Pemeriksaan Data",
    "col_check": "Pemeriksaan",
    "col_n_flagged": "Responden ditandai",
    "col_rows": "Baris (lembar kerja)",
    "flag_duplicate": "Pengisian ganda",
    "flag_straight_lining": "Jawaban seragam",
    "flag_attention_check": "Gagal butir pemeriksa perhatian",
    "flag_out_of_range": "Bukan titik skala",
    "row_duplicate": "{row} (= baris {other})",
    "row_straight": "{row} (semua {value})",
    "row_attention": "{row} (jawaban {value})",
    "row_blank": "{row} (kosong)",
    "screening_none": "Tidak ada responden yang ditandai.",
    "screening_kept": "Sebanyak {n_flagged} dari {n} responden ditandai (baris {rows}); "
                      "responden tersebut tetap dianalisis.",
    "screening_excluded": "Sebanyak {n_flagged} dari {n} responden ditandai dan dikeluarkan "
                          "dari analisis (baris {rows}); {n_used} responden dianalisis.",
    "prov_exclude_flagged": "Responden ditandai dikeluarkan",
    "or": "atau",
    "sec_groups": "Uji Beda Berdasarkan {by}",
    "groups_intro": "Responden dikelompokkan menurut {by}: {levels}.",
    "groups_missing": "Sebanyak {n_missing} responden tanpa isian {by} tidak diikutkan pada "
                      "bagian ini.",
    "groups_method_t": "Dua kelompok: uji t sampel independen (Independent Samples t-Test). "
                       "Uji Levene untuk kesamaan varians (berpusat pada rata-rata kelompok, "
                       "seperti perhitungan SPSS) menentukan baris yang dibaca: varians "
                       "dianggap sama jika Sig. lebih besar dari {alpha}.",
    "groups_method_anova": "{k} kelompok: ANOVA satu jalur (One-Way ANOVA), dengan uji Levene "
                           "untuk homogenitas varians (berpusat pada rata-rata kelompok) dan "
                           "eta kuadrat = JK antar kelompok / JK total.",
    "group_stats_table": "Statistik Kelompok {name}",
    "col_se_mean": "Galat Baku Rata-rata",
    "group_cat_table": "Kategori {name} menurut {by}",
    "ttest_table": "Uji t Sampel Independen {name}",
    "col_variances": "Varians",
    "col_levene_f": "F Levene",
    "col_levene_sig": "Sig. Levene",
    "col_sig2": "Sig. (2 arah)",
    "col_mean_diff": "Selisih Rata-rata",
    "col_se_diff": "Galat Baku Selisih",
    "var_equal": "Varians diasumsikan sama",
    "var_unequal": "Varians tidak diasumsikan sama",
    "note_mean_diff": "Selisih rata-rata = rata-rata {a} - rata-rata {b}.",
    "ttest_sentence": "Uji Levene: {levene}, sehingga {variances} dan baris \"{row}\" yang "
                      "dibaca: t = {t}, df = {df}, {p_text}: {decision}",
    "var_equal_text": "varians dianggap sama",
    "var_unequal_text": "varians tidak dianggap sama",
    "group_diff_yes": "terdapat perbedaan rata-rata skor {name} yang signifikan antar "
                      "kelompok {by} ({means}).",
    "group_diff_no": "tidak ditemukan perbedaan rata-rata skor {name} yang signifikan antar "
                     "kelompok {by} ({means}).",
    "oneway_table": "ANOVA Satu Jalur {name}",
    "homogeneity_table": "Uji Homogenitas Varians {name}",
    "col_levene_stat": "Statistik Levene",
    "col_df1": "df1",
    "col_df2": "df2",
    "anova_sentence": "F({df1}, {df2}) = {f}, {p_text}, eta kuadrat = {eta2}: {decision}",
    "anova_levene_bad": "Uji Levene: {p_text}: varians antar kelompok berbeda, sehingga hasil "
                        "uji F perlu dibaca dengan hati-hati.",
    "group_skip_small": "{name}: tidak diuji, karena kelompok {levels} berisi kurang dari dua "
                        "responden.",
    "group_skip_one": "{name}: tidak diuji, karena {by} hanya memiliki satu kelompok.",
    "prov_by": "Kelompok pembanding",
    # bootstrap
    "sec_bootstrap": "Interval Kepercayaan Bootstrap",
    "boot_method": "{n} sampel ulang bootstrap dari {n_cases} responden, diambil dengan "
                   "pengembalian (seed {seed}); interval kepercayaan {level}% metode {method}.",
    "bootmethod_percentile": "persentil",
    "bootmethod_bca": "BCa (koreksi bias dan percepatan)",
    "boot_alpha_table": "Interval Bootstrap Cronbach's Alpha",
    "col_boot_se": "Galat Baku Bootstrap",
    "col_boot_bias": "Bias Bootstrap",
    "boot_coef_table": "Koefisien Bootstrap: model {i} ({formula})",
    "boot_note_failed": "{n_failed} dari {n_resamples} sampel ulang tidak dipakai karena "
                        "statistiknya tidak terdefinisi (skor konstan atau prediktor yang "
                        "berkolinearitas sempurna).",
    "boot_alpha_above": "Interval bootstrap {level}% Cronbach's Alpha {name} adalah {low} "
                        "sampai {high}; batas bawahnya pun di atas {threshold}.",
    "boot_alpha_below": "Interval bootstrap {level}% Cronbach's Alpha {name} adalah {low} "
                        "sampai {high}; batas bawahnya tidak di atas {threshold}.",
    "boot_zero_out": "Interval bootstrap {level}% koefisien B {term} adalah {low} sampai "
                     "{high} dan tidak memuat 0: hasil bootstrap mendukung adanya hubungan "
                     "dengan {dependent}.",
    "boot_zero_in": "Interval bootstrap {level}% koefisien B {term} adalah {low} sampai "
                    "{high} dan memuat 0: hasil bootstrap tidak mendukung adanya hubungan "
                    "dengan {dependent}.",
    "prov_bootstrap": "Jumlah sampel ulang bootstrap",
    "prov_bootstrap_method": "Interval bootstrap",
    "prov_seed": "Seed bootstrap",
    "and": "dan",
    "yes": "ya",
    "no": "tidak",
    "none": "tidak ada",
    # PLS-SEM (smma pls)
    "pls_title": "PLS-SEM: pemodelan persamaan struktural partial least squares",
    "pls_sec_estimation": "Estimasi",
    "pls_estimation": "Algoritma PLS (Lohmoller) dengan skema pembobotan {scheme} pada "
                      "indikator terstandar; {n} kasus; data hilang: {missing} ({n_missing} "
                      "sel). Algoritma {converged} setelah {iterations} iterasi (kriteria henti: "
                      "jumlah perubahan bobot di bawah 1e-7).",
    "pls_scheme_path": "jalur (path)",
    "pls_scheme_factorial": "faktorial",
    "pls_scheme_centroid": "sentroid",
    "pls_missing_mean": "diganti rata-rata (mean replacement)",
    "pls_missing_casewise": "penghapusan kasus (casewise), {n_dropped} kasus dihapus",
    "pls_converged": "konvergen",
    "pls_consistent": "PLS konsisten (PLSc, Dijkstra & Henseler, 2015): loading dan korelasi "
                      "konstruk reflektif dikoreksi dengan rho_A; PLSpredict memakai estimasi "
                      "PLS.",
    "pls_not_converged": "TIDAK konvergen",
    "pls_hoc_repeated_indicators": "Konstruk orde tinggi: pendekatan indikator berulang "
                                   "(repeated indicators); loading dimensi adalah jalur dari "
                                   "konstruk orde tinggi ke dimensinya.",
    "pls_hoc_two_stage_embedded": "Konstruk orde tinggi: pendekatan dua tahap (embedded): skor "
                                  "dimensi dari model indikator berulang menjadi indikator "
                                  "konstruk orde tinggi pada tahap 2.",
    "pls_hoc_two_stage_disjoint": "Konstruk orde tinggi: pendekatan dua tahap (disjoint): skor "
                                  "dimensi dari model tahap 1 tanpa konstruk orde tinggi "
                                  "menjadi indikatornya pada tahap 2.",
    "pls_bootstrap": "Bootstrap: {n} sampel ulang (seed {seed}), interval kepercayaan {method} "
                     "({level}%), p-value {tails}; t = estimasi / standar deviasi bootstrap, p "
                     "dari distribusi t dengan derajat bebas B - 1. Sampel ulang yang gagal "
                     "diestimasi: {failed}.",
    "pls_no_bootstrap": "Bootstrap tidak dijalankan, sehingga standar deviasi, t, p dan "
                        "interval kosong (gunakan --bootstrap 5000).",
    "pls_sec_measurement": "Evaluasi Model Pengukuran (Outer Model)",
    "pls_sec_structural": "Evaluasi Model Struktural (Inner Model)",
    "pls_sec_fit": "Kecocokan Model (Model Fit)",
    "pls_sec_predict": "PLSpredict",
    "pls_tab_reliability": "Reliabilitas dan Validitas Konstruk",
    "pls_tab_loadings": "Outer Loading dan Outer Weight",
    "pls_tab_hoc": "Konstruk orde tinggi: loading dimensi",
    "pls_tab_fl": "Validitas Diskriminan: Kriteria Fornell-Larcker",
    "pls_tab_htmt": "Validitas Diskriminan: Heterotrait-Monotrait Ratio (HTMT)",
    "pls_tab_paths": "Koefisien Jalur (Path Coefficients)",
    "pls_tab_r2": "R-square",
    "pls_tab_effects": "Efek Total dan Tidak Langsung",
    "pls_tab_fit": "Kecocokan Model",
    "pls_tab_predict": "PLSpredict ({k} lipatan, {reps} pengulangan)",
    "pls_note_fl": "Akar AVE pada diagonal, korelasi antarkonstruk di bawahnya.",
    "pls_note_reliability": "Batas (Hair dkk.): alpha, rho_A dan rho_C minimal .70, AVE minimal "
                            ".50; reliabilitas tidak dinilai untuk konstruk formatif (Mode B).",
    "pls_note_htmt": "HTMT di bawah .90 (.85 untuk konstruk yang berbeda secara konseptual) "
                     "mendukung validitas diskriminan (Henseler, Ringle & Sarstedt, 2015).",
    "pls_note_predict": "Q2predict di atas 0: PLS memprediksi lebih baik daripada rata-rata data "
                        "latih; bandingkan RMSE dan MAE PLS-SEM dengan tolok ukur model linear "
                        "(LM).",
    "pls_col_construct": "Konstruk",
    "pls_col_mode": "Mode",
    "pls_col_loading": "Loading",
    "pls_col_weight": "Bobot",
    "pls_col_vif": "VIF",
    "pls_col_alpha": "Cronbach's alpha",
    "pls_col_rho_a": "rho_A",
    "pls_col_rho_c": "Reliabilitas komposit (rho_C)",
    "pls_col_ave": "AVE",
    "pls_col_path": "Jalur",
    "pls_col_beta": "Sampel asli (O)",
    "pls_col_se": "Standar deviasi (STDEV)",
    "pls_col_t": "T statistik (|O/STDEV|)",
    "pls_col_p": "P values",
    "pls_col_f2": "f-square",
    "pls_col_r2": "R-square",
    "pls_col_adj_r2": "R-square adjusted",
    "pls_col_effect": "Efek",
    "pls_col_kind": "Jenis",
    "pls_col_estimate": "Estimasi",
    "pls_col_measure": "Ukuran",
    "pls_col_saturated": "Model jenuh (saturated)",
    "pls_col_estimated": "Model estimasi",
    "pls_col_q2": "Q2predict",
    "pls_col_pls_rmse": "RMSE PLS-SEM",
    "pls_col_pls_mae": "MAE PLS-SEM",
    "pls_col_lm_rmse": "RMSE LM",
    "pls_col_lm_mae": "MAE LM",
    "pls_kind_total": "total",
    "pls_kind_total_indirect": "tidak langsung total",
    "pls_kind_specific_indirect": "tidak langsung spesifik",
    "pls_supported": "didukung",
    "pls_not_supported": "tidak didukung",
    # statistik deskriptif dan hipotesis
    "sec_profile": "Karakteristik Responden",
    "sec_descriptives": "Statistik Deskriptif",
    "sec_correlations": "Korelasi Antarvariabel",
    "sec_hypotheses": "Uji Hipotesis",
    "profile_table": "Responden berdasarkan {variable}",
    "col_valid_percent": "Persentase Valid",
    "missing_value": "Tidak menjawab",
    "profile_sentence": "Berdasarkan {variable}, kelompok responden terbesar adalah "
                        "{category} ({count} responden, {pct}%).",
    "item_freq_table": "Distribusi jawaban responden atas butir {name}",
    "col_class": "Kategori",
    "col_min": "Skor Terendah",
    "col_max": "Skor Tertinggi",
    "col_item_mean": "Rata-rata per butir",
    "item_freq_note": "Sel: jumlah responden (persentase). Rata-rata ditafsirkan dengan "
                      "interval kelas selebar (maks - min) / k: {rule}; rata-rata yang tepat "
                      "pada batas masuk kelas di bawahnya.",
    "item_freq_sentence": "Rata-rata skor butir {name} sebesar {mean}: {category}.",
    "construct_desc_table": "Statistik deskriptif variabel penelitian",
    "corr_pearson": "Korelasi Pearson",
    "corr_spearman": "Korelasi peringkat Spearman",
    "corr_note": "** signifikan pada taraf 0,01, * signifikan pada taraf 0,05 (dua sisi); "
                 "N = {n}.",
    "hypothesis_table": "Rekapitulasi hasil uji hipotesis",
    "col_hypothesis": "Hipotesis",
    "col_path": "Jalur",
    "col_direction": "Arah",
    "col_t_table": "t tabel",
    "hypothesis_note": "Uji parsial (uji t) pada taraf signifikansi {alpha}; hipotesis berarah "
                       "diuji satu sisi dan hanya diterima bila koefisiennya signifikan dengan "
                       "tanda yang dihipotesiskan.",
    "direction_positive": "positif",
    "direction_negative": "negatif",
    "direction_two_sided": "dua arah",
    "decision_supported": "Diterima",
    "decision_not_supported": "Ditolak",
    "hypothesis_supported": "{id}{wording}: B = {b}, t hitung = {t}, t tabel = {t_table} "
                            "({how}), {p_text}: {id} diterima.",
    "hypothesis_not_supported": "{id}{wording}: B = {b}, t hitung = {t}, t tabel = "
                                "{t_table} ({how}), {p_text}: {id} ditolak.",
    "class_very_low": "sangat rendah",
    "class_low": "rendah",
    "class_medium": "sedang",
    "class_high": "tinggi",
    "class_very_high": "sangat tinggi",
    # tindak lanjut uji kelompok
    "followup_param": "Skor setiap kelompok tidak menyimpang dari normal (Shapiro-Wilk, Sig. > "
                      "{alpha}), sehingga uji beda rata-rata di atas yang dibaca; uji "
                      "peringkat di bawah disajikan sebagai pembanding.",
    "followup_rank": "Skor kelompok {groups} menyimpang dari normal (Shapiro-Wilk Sig. <= "
                     "{alpha}), sehingga yang dibaca adalah uji peringkat di bawah, bukan uji "
                     "beda rata-rata.",
    "mw_table": "Uji Mann-Whitney {name}",
    "kw_table": "Uji Kruskal-Wallis {name}",
    "col_mw_u": "Mann-Whitney U",
    "col_mw_w": "Wilcoxon W",
    "col_exact_sig": "Sig. Eksak (2 arah)",
    "col_kw_h": "Kruskal-Wallis H",
    "mw_yes": "Mann-Whitney: {p_text}: sebaran skor berbeda antarkelompok.",
    "mw_no": "Mann-Whitney: {p_text}: tidak ada perbedaan antarkelompok.",
    "kw_yes": "Kruskal-Wallis: {p_text}: sedikitnya satu kelompok berbeda.",
    "kw_no": "Kruskal-Wallis: {p_text}: tidak ada perbedaan antarkelompok.",
    "posthoc_tukey": "Uji lanjut (post hoc) {name} (Tukey HSD; varians sama menurut Levene)",
    "posthoc_gh": "Uji lanjut (post hoc) {name} (Games-Howell; varians tidak sama menurut "
                  "Levene)",
    "col_group_i": "(I) Kelompok",
    "col_group_j": "(J) Kelompok",
    "col_lower": "Batas Bawah",
    "col_upper": "Batas Atas",
    # mediasi dan moderasi
    "sec_mediation": "Analisis Mediasi (Variabel Intervening): {label}",
    "sec_moderation": "Analisis Moderasi: {label}",
    "med_paths_table": "Koefisien regresi model mediasi",
    "col_model": "Model",
    "col_effect": "Efek",
    "col_boot_low": "BootLLCI",
    "col_boot_high": "BootULCI",
    "col_mediator": "Mediator",
    "medmodel_mediator": "Variabel terikat: {dependent} (jalur a)",
    "medmodel_outcome": "Variabel terikat: {dependent} (jalur b dan efek langsung c')",
    "medmodel_total": "Variabel terikat: {dependent} (efek total c)",
    "med_models_table": "Ringkasan model",
    "med_indirect_table": "Efek tidak langsung",
    "med_boot_note": "Bootstrap: {n} sampel ulang (seed {seed}), interval {method}.",
    "med_sobel_table": "Uji Sobel (teori normal) setiap efek tidak langsung",
    "med_sentence": "Efek total {x} terhadap {y} sebesar {total} ({total_p}); efek langsung "
                    "(c') sebesar {direct} ({direct_p}); efek tidak langsung melalui mediator "
                    "sebesar {indirect}, interval kepercayaan bootstrap {level}% [{low}; {high}]. "
                    "Jenis mediasi: {kind}.",
    "med_rule": "Aturan (Zhao, Lynch & Chen, 2010): efek tidak langsung yang interval "
                "bootstrap-nya tidak memuat 0 menunjukkan mediasi; bila efek langsung juga "
                "signifikan dengan tanda yang sama disebut mediasi komplementer (parsial), "
                "dengan tanda berlawanan mediasi kompetitif, dan bila efek langsung tidak "
                "signifikan mediasi tidak langsung saja (penuh). Langkah Baron dan Kenny (1986) "
                "tidak dipakai karena mensyaratkan efek total yang signifikan, padahal mediasi "
                "tidak memerlukannya.",
    "medtype_complementary": "mediasi komplementer (mediasi parsial)",
    "medtype_competitive": "mediasi kompetitif",
    "medtype_indirect_only": "mediasi tidak langsung saja (mediasi penuh)",
    "medtype_direct_only": "tidak ada mediasi (hanya efek langsung)",
    "medtype_no_effect": "tidak ada efek (baik tidak langsung maupun langsung)",
    "mod_coef_table": "Regresi moderasi (PROCESS model 1)",
    "mod_center_note": "X dan W dipusatkan pada rata-ratanya sebelum perkaliannya dibentuk.",
    "mod_r2_table": "Perubahan R Kuadrat karena interaksi",
    "col_r2_change": "Perubahan R Kuadrat",
    "mod_cond_table": "Efek bersyarat {x} pada nilai-nilai {w}",
    "col_w_value": "Nilai W",
    "mod_probe_pick_a_point": "W pada rata-rata dikurangi satu simpangan baku, rata-rata, dan "
                              "rata-rata ditambah satu simpangan baku (atau kedua nilainya bila "
                              "W hanya bernilai dua).",
    "mod_probe_percentiles": "W pada persentil ke-16, ke-50 dan ke-84.",
    "mod_yes": "Interaksi {x} x {w} signifikan (B = {b}, {p_text}; perubahan R Kuadrat {r2}): "
               "{w} memoderasi pengaruh {x} terhadap {y}.",
    "mod_no": "Interaksi {x} x {w} tidak signifikan (B = {b}, {p_text}; perubahan R Kuadrat "
              "{r2}): tidak ada bukti bahwa {w} memoderasi pengaruh {x} terhadap {y}.",
    "mod_jn": "Johnson-Neyman: signifikansi efek bersyarat berubah pada W = {points}.",
    "mod_jn_none": "Johnson-Neyman: tidak ada nilai W dalam data yang mengubah signifikansi "
                   "efek bersyarat.",
    # petunjuk butir
    "reverse_keyed": "Butir unfavorable (skornya dibalik: min + maks - jawaban, sebelum "
                     "perhitungan apa pun): {items}.",
    "reverse_hint": "{item} berkorelasi negatif dengan butir lain dalam skalanya (r "
                    "terkoreksi = {r}): apakah {item} butir unfavorable yang skornya harus "
                    "dibalik? Jika ya, cantumkan pada reverse: di instrumen.",
    "constant_item": "Semua responden memberi jawaban yang sama pada {item}: butir ini tidak "
                     "berkorelasi dan tetap dihitung dalam Cronbach's Alpha, seperti SPSS dan "
                     "PSPP (psych::alpha di R mengeluarkannya).",
    # figures (kata pada dan di bawah gambar)
    "fig_categories": "Kategori {name} (n = {n})",
    "fig_category": "Kategori",
    "fig_count": "Frekuensi",
    "fig_scatter": "Diagram pencar {y} terhadap {x} dengan garis regresi",
    "fig_pp": "Grafik normal P-P residual terstandar regresi model {i} (variabel terikat: {y})",
    "fig_zpred": "Diagram pencar residual terstudentisasi (SRESID) terhadap nilai prediksi terstandar (ZPRED) model {i} (variabel terikat: {y})",
    "fig_pp_observed": "Peluang kumulatif teramati",
    "fig_pp_expected": "Peluang kumulatif harapan",
    "fig_zpred_axis": "Nilai prediksi terstandar regresi (ZPRED)",
    "fig_sresid_axis": "Residual terstudentisasi regresi (SRESID)",
    "fig_hist": "Histogram residual model {i} ({formula}) dengan kurva normal",
    "fig_qq": "Grafik normal Q-Q residual model {i} ({formula})",
    "fig_residual": "Residual tidak terstandar",
    "fig_normal_curve": "Kurva normal (rata-rata 0, SD {sd})",
    "fig_theoretical": "Kuantil normal harapan (z)",
    "fig_observed": "Residual teramati",
    "fig_fitted_line": "Garis regresi",
    "fig_observations": "Responden",
    "fig_moderation_slopes": "Simple slope: nilai prediksi {y} terhadap {x} pada nilai-nilai moderator {w} yang diuji",
    "fig_moderation_jn": "Efek bersyarat {x} terhadap {y} sepanjang rentang nilai {w}, dengan pita kepercayaan dan titik Johnson-Neyman",
    "fig_effect_of": "Pengaruh {x} terhadap {y}",
}

#: Catalogue by language code.
EN.update(NOTES_EN)
ID.update(NOTES_ID)

CATALOGUE: dict[str, dict[str, str]] = {"en": EN, "id": ID}

#: Languages the report is written in.
LANGUAGES = tuple(CATALOGUE)


def check_lang(lang: str) -> str:
    """Return ``lang`` if the report speaks it, else raise :class:`SmmaError`."""
    if lang not in CATALOGUE:
        raise SmmaError(f"report language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang


def msg(key: str, lang: str = "en", **fmt) -> str:
    """Look up ``key`` in the catalogue of ``lang`` and fill its placeholders.

    Parameters
    ----------
    key : str
        Message key, e.g. ``"sec_validity"``.
    lang : {"en", "id"}
        Language.
    **fmt
        Values for the ``{name}`` placeholders.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        The key is not in the catalogue (a programming error, caught by tests).

    Examples
    --------
    >>> msg("sec_validity", "id")
    'Uji Validitas'
    >>> msg("validity_table", "en", name="PI")
    'Item validity: PI'
    """
    text = CATALOGUE[check_lang(lang)][key]
    return text.format(**fmt)
