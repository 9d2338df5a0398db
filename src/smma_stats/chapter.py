"""The descriptive half of a results chapter and the hypothesis decisions, for a study.

:func:`describe` runs, on what :func:`~smma_stats.study.analyze` already
has (the responses, the items kept, the construct scores), the tables an
Indonesian Bab IV opens with: the respondent profile, the answers to every
item (count and percent per scale point, mean, SD and the class of the
mean), the construct descriptives and the Pearson and Spearman correlation
matrices of the construct scores. :func:`decide_hypotheses` turns the
fitted models into hypothesis decisions. Each piece that the data cannot
support is left out with its reason, as the rest of the study is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .errors import DataError, ModelError, SmmaError
from .results import ResultMixin, jsonable


@dataclass(frozen=True)
class Descriptives(ResultMixin):
    """The descriptive tables of a study.

    Attributes
    ----------
    profile : ProfileResult or None
        Frequencies of the respondents' attributes (None: no attribute column).
    items : dict of str to ItemFrequencyResult
        Per construct, the answers to its items.
    constructs : ConstructDescriptivesResult
        N, minimum, maximum, mean, SD and class of every construct score.
    pearson, spearman : CorrelationResult or None
        Correlation matrices of the construct scores (None with one construct).
    notes : dict of str to str
        Tables that could not be made, and why.
    """

    _title = "Descriptive statistics"
    profile: Any
    items: Mapping[str, Any]
    constructs: Any
    pearson: Any = None
    spearman: Any = None
    notes: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON layout: ``profile``, ``items``, ``constructs``, ``correlations``."""
        return jsonable({
            "profile": self.profile.table if self.profile is not None else None,
            "items": {code: {"frequencies": r.frequencies, "table": r.table, "rule": r.rule}
                      for code, r in self.items.items()},
            "constructs": self.constructs.table if self.constructs is not None else None,
            "correlations": {"pearson": _table(self.pearson),
                             "spearman": _table(self.spearman)},
            "notes": dict(self.notes),
        })


def _table(res):
    return None if res is None else res.table


def describe(responses, instrument, scores, items_used, sig_level: float) -> Descriptives:
    """The descriptive tables of a study's responses and scores."""
    from .descriptives import (construct_descriptives, correlation_matrix, item_frequencies,
                               respondent_profile)

    notes: dict[str, str] = {}

    def attempt(key, compute):
        try:
            return compute()
        except (DataError, ModelError, SmmaError) as exc:
            notes[key] = str(exc)
            return None

    scale = instrument.scale
    labels = dict(scale.labels) if getattr(scale, "labels", None) else None
    attrs = responses.attributes
    profile = attempt("profile", lambda: respondent_profile(attrs)) if attrs.shape[1] else None
    items = {}
    for code, used in items_used.items():
        got = attempt(f"items {code}", lambda used=used: item_frequencies(
            responses.items[list(used)], scale.min, scale.max, labels=labels))
        if got is not None:
            items[code] = got
    codes = list(instrument.constructs)
    sizes = {code: len(items_used[code]) for code in codes}
    constructs = attempt("constructs", lambda: construct_descriptives(
        scores[codes], sizes, scale_min=scale.min, scale_max=scale.max,
        score=instrument.score))
    pearson = spearman = None
    if len(codes) >= 2:
        pearson = attempt("pearson", lambda: correlation_matrix(scores[codes], "pearson",
                                                                sig_level))
        spearman = attempt("spearman", lambda: correlation_matrix(scores[codes], "spearman",
                                                                  sig_level))
    return Descriptives(profile=profile, items=items, constructs=constructs, pearson=pearson,
                        spearman=spearman, notes=notes)


def decide_hypotheses(models, instrument, sig_level: float, tails: int):
    """The hypothesis decisions of the fitted models, or None without a model.

    The instrument's ``hypotheses:`` are tested; without them every model
    term gets H1..Hn, two-sided, or, with one-tailed tests asked for
    (``tails=1``), positive (the usual "X has a positive effect on Y").
    """
    from .hypotheses import Hypothesis, default_hypotheses, test_hypotheses

    regressions = [m.regression for m in models]
    if not regressions:
        return None
    hyps = tuple(instrument.hypotheses) or default_hypotheses(regressions)
    if not instrument.hypotheses and tails == 1:
        hyps = tuple(Hypothesis(h.id, h.dependent, h.predictor, "positive", h.text)
                     for h in hyps)
    try:
        return test_hypotheses(regressions, hyps, sig_level=sig_level)
    except (ModelError, SmmaError) as exc:
        from .results import NotComputable

        return NotComputable(str(exc))
