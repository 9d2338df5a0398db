"""Descriptive statistics of the first half of a results chapter.

* :func:`respondent_profile`: frequency tables of the respondents'
  attributes (gender, age band, education ...).
* :func:`item_frequencies`: answers per scale point, mean, SD and the
  interpretation class of the mean, per item.
* :func:`construct_descriptives`: N, minimum, maximum, mean, SD and the
  class of the mean, per construct score.
* :func:`correlation_matrix`: Pearson or Spearman correlation of every pair
  of scores with two-tailed p and SPSS's significance stars.
* :func:`mean_class`, :func:`class_cuts`, :func:`class_rule`: the
  class-interval rule behind the classes.

Every result carries keys (``"very_low"`` ... ``"very_high"``), never
translated words.
"""

from __future__ import annotations

from ._classes import CLASS_KEYS, class_cuts, class_rule, class_table, mean_class
from ._correlation import CorrelationResult, correlation_matrix, stars
from ._items import (ConstructDescriptivesResult, ItemFrequencyResult,
                     construct_descriptives, item_frequencies)
from ._profile import DEFAULT_AGE_BINS, ProfileResult, respondent_profile

__all__ = ["CLASS_KEYS", "DEFAULT_AGE_BINS", "ConstructDescriptivesResult", "CorrelationResult",
           "ItemFrequencyResult", "ProfileResult", "class_cuts", "class_rule", "class_table",
           "construct_descriptives", "correlation_matrix", "item_frequencies", "mean_class",
           "respondent_profile", "stars"]
