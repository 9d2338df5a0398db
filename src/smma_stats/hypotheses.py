"""Hypothesis decisions from the partial t tests of the reported regressions.

A thesis states hypotheses such as "H1: social media marketing activities
have a positive effect on purchase intention" and decides each from the t
test of the matching regression coefficient. A directional hypothesis
("positive", "negative") is decided by the one-tailed test, with the t
table at ``alpha`` in one tail; a non-directional one by the two-tailed
test. The sign counts: a significant negative coefficient does not support
a positive hypothesis.

Instruments may declare the hypotheses::

    hypotheses:
      - id: H1
        path: "PI ~ SMMA"          # or "SMMA -> PI"
        direction: positive        # positive | negative | two-sided
        text: {id: "...", en: "..."}

:func:`parse_hypotheses` turns that list into :class:`Hypothesis` objects.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import InstrumentError, ModelError, SmmaError
from .keywords import SigLevelAlias, older_keywords
from .results import ResultMixin

DIRECTIONS = ("positive", "negative", "two-sided")
DECISIONS = ("supported", "not_supported")
_DIRECTION_ALIASES = {"positive": "positive", "negative": "negative",
                      "two-sided": "two-sided", "two_sided": "two-sided",
                      "two-tailed": "two-sided", "two_tailed": "two-sided"}
_TILDE = re.compile(r"^\s*([^~]+?)\s*~\s*(.+?)\s*$")
_ARROW = re.compile(r"^\s*(.+?)\s*->\s*([^>]+?)\s*$")
_KEYS = {"id", "path", "direction", "text"}


@dataclass(frozen=True)
class Hypothesis:
    """One hypothesis: the effect of ``predictor`` on ``dependent``.

    Attributes
    ----------
    id : str
        "H1", "H2a" ...
    dependent, predictor : str
        Construct (or dimension) codes.
    direction : {"positive", "negative", "two-sided"}
        The sign the hypothesis expects; "two-sided" expects an effect of
        either sign.
    text : dict of str to str
        The hypothesis in words per language code (``{"id": ..., "en": ...}``).
    """

    id: str
    dependent: str
    predictor: str
    direction: str = "two-sided"
    text: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if self.direction not in DIRECTIONS:
            raise SmmaError(f"hypothesis {self.id}: direction must be positive, negative or "
                            f"two-sided, not {self.direction!r}")

    @property
    def path(self) -> tuple[str, str]:
        """``(dependent, predictor)``."""
        return self.dependent, self.predictor

    @property
    def tails(self) -> int:
        """1 for a directional hypothesis, 2 for a two-sided one."""
        return 2 if self.direction == "two-sided" else 1


@dataclass(frozen=True)
class HypothesisResult(SigLevelAlias, ResultMixin):
    """The decision on every hypothesis.

    Attributes
    ----------
    alpha : float
        Significance level (also readable as ``sig_level``).
    hypotheses : tuple of Hypothesis
        The hypotheses tested, in order (with their texts).
    table : pandas.DataFrame
        The recap, one row per hypothesis: ``hypothesis, dependent,
        predictor, model, direction, b, beta, t, df, t_critical, p_value,
        p_value_two_tailed, tails, decision``. ``model`` is the regression
        the coefficient comes from (``"PI ~ SMMA + BA"``); ``t_critical`` is
        the t table value for the test's tails at ``alpha``; ``p_value`` is
        one-tailed for a directional hypothesis; ``decision`` is
        ``"supported"`` or ``"not_supported"``.
    """

    _title = "Hypothesis tests"
    alpha: float
    hypotheses: tuple
    table: Any

    @property
    def decisions(self) -> dict[str, str]:
        """``{hypothesis id: decision}``."""
        return dict(zip(self.table["hypothesis"], self.table["decision"]))


def one_tailed_p(t: float, df: float, direction: str) -> float:
    """p of a t statistic in the tail the hypothesis names.

    ``P(T >= t)`` for "positive", ``P(T <= t)`` for "negative"; this is
    ``p_two / 2`` when the sign of ``t`` matches the direction and
    ``1 - p_two / 2`` when it does not.

    Examples
    --------
    >>> round(float(one_tailed_p(2.1, 30, "positive")), 6)  # R: pt(2.1, 30, lower.tail = FALSE)
    0.022121
    >>> round(float(one_tailed_p(2.1, 30, "negative")), 6)  # R: pt(2.1, 30)
    0.977879
    """
    from .distributions import t_cdf, t_sf

    if direction == "positive":
        return float(t_sf(t, df))
    if direction == "negative":
        return float(t_cdf(t, df))
    raise SmmaError(f"one_tailed_p needs direction positive or negative, not {direction!r}")


def _find_term(regressions, hyp: Hypothesis):
    for reg in regressions:
        if reg.dependent == hyp.dependent and hyp.predictor in reg.predictors:
            coef = reg.coefficients.set_index("term").loc[hyp.predictor]
            return reg, coef
    have = "; ".join(f"{r.dependent} ~ {' + '.join(r.predictors)}" for r in regressions)
    raise ModelError(f"hypothesis {hyp.id}: no regression has {hyp.predictor} as a predictor "
                     f"of {hyp.dependent} (models: {have or 'none'})")


def _decide(hyp: Hypothesis, reg, coef, alpha: float) -> dict:
    from .distributions import t_isf, t_two_sided_p

    t, df = float(coef["t"]), int(reg.df_residual)
    p_two = float(t_two_sided_p(t, df)) if not math.isnan(t) else math.nan
    if hyp.direction == "two-sided":
        p, t_crit = p_two, float(t_isf(alpha / 2, df))
    else:
        p, t_crit = one_tailed_p(t, df, hyp.direction), float(t_isf(alpha, df))
    supported = not math.isnan(p) and p < alpha
    return {"hypothesis": hyp.id, "dependent": hyp.dependent, "predictor": hyp.predictor,
            "model": f"{reg.dependent} ~ {' + '.join(reg.predictors)}",
            "direction": hyp.direction, "b": float(coef["b"]), "beta": float(coef["beta"]),
            "t": t, "df": df, "t_critical": t_crit, "p_value": p, "p_value_two_tailed": p_two,
            "tails": hyp.tails, "decision": DECISIONS[0] if supported else DECISIONS[1]}


def default_hypotheses(regressions) -> tuple[Hypothesis, ...]:
    """H1..Hn, two-sided, one per predictor of each regression in order."""
    out, seen = [], set()
    for reg in regressions:
        for pred in reg.predictors:
            if (reg.dependent, pred) not in seen:
                seen.add((reg.dependent, pred))
                out.append(Hypothesis(f"H{len(out) + 1}", reg.dependent, pred))
    return tuple(out)


@older_keywords(alpha="sig_level")
def test_hypotheses(regressions, hypotheses: Sequence[Hypothesis] | None = None,
                    sig_level: float = 0.05) -> HypothesisResult:
    """Decide each hypothesis from the t test of its regression coefficient.

    Parameters
    ----------
    regressions : RegressionResult or sequence of RegressionResult
        The fitted models (:func:`smma_stats.regress`).
    hypotheses : sequence of Hypothesis, optional
        The hypotheses; by default every predictor of every model in turn
        gets one, H1..Hn, two-sided.
    sig_level : float, default 0.05
        Significance level (in one tail for a directional hypothesis; older
        keyword: ``alpha``).

    Returns
    -------
    HypothesisResult

    Raises
    ------
    ModelError
        No regression holds a hypothesis's path.
    SmmaError
        ``sig_level`` is not between 0 and 0.5.

    Notes
    -----
    A hypothesis's coefficient comes from the first regression (in the
    order given) whose dependent variable is the hypothesis's and whose
    predictors include its predictor. With ``df = n - k - 1``:

    * positive: ``p = P(T_df >= t)``, ``t_critical = t_(sig_level, df)``;
    * negative: ``p = P(T_df <= t)``, the same ``t_critical`` (compare
      ``-t`` with it);
    * two-sided: ``p = P(|T_df| >= |t|)``, ``t_critical = t_(sig_level/2, df)``.

    The hypothesis is supported when ``p < sig_level``. A one-tailed p below
    0.5 needs a t of the hypothesised sign, so a significant coefficient
    of the wrong sign is not support.

    Examples
    --------
    >>> import pandas as pd
    >>> from smma_stats import regress
    >>> d = pd.DataFrame({"sales": [3, 5, 7, 6, 9, 11, 10, 13],
    ...                   "ads": [1, 2, 3, 4, 5, 6, 7, 8],
    ...                   "price": [2, 1, 3, 2, 4, 3, 5, 4]})
    >>> reg = regress(d, "sales", ["ads", "price"])
    >>> hs = [Hypothesis("H1", "sales", "ads", "positive"),
    ...       Hypothesis("H2", "sales", "price", "negative")]
    >>> res = test_hypotheses(reg, hs)
    >>> res.table[["hypothesis", "t", "t_critical", "p_value", "decision"]].round(4)
      hypothesis       t  t_critical  p_value       decision
    0         H1  4.8727       2.015   0.0023      supported
    1         H2 -0.2541       2.015   0.4048  not_supported
    """
    import pandas as pd

    if not isinstance(sig_level, (int, float)) or isinstance(sig_level, bool) \
            or not 0 < sig_level < 0.5:
        raise SmmaError("the significance level (sig_level) must be between 0 and 0.5, "
                        f"not {sig_level!r}")
    regs = [regressions] if hasattr(regressions, "coefficients") else list(regressions)
    hyps = default_hypotheses(regs) if hypotheses is None else tuple(hypotheses)
    rows = [_decide(h, *_find_term(regs, h), sig_level) for h in hyps]
    cols = ["hypothesis", "dependent", "predictor", "model", "direction", "b", "beta", "t",
            "df", "t_critical", "p_value", "p_value_two_tailed", "tails", "decision"]
    return HypothesisResult(alpha=float(sig_level), hypotheses=hyps,
                            table=pd.DataFrame(rows, columns=cols))


test_hypotheses.__test__ = False     # a library function, not a pytest test


def _parse_path(raw: Any, where: str, names: Collection[str]) -> tuple[str, str]:
    if not isinstance(raw, str):
        raise InstrumentError(f"key '{where}.path': write a path as 'Y ~ X' or 'X -> Y'")
    if (m := _TILDE.match(raw)):
        dep, pred = m.group(1), m.group(2)
    elif (m := _ARROW.match(raw)):
        pred, dep = m.group(1), m.group(2)
    else:
        raise InstrumentError(f"key '{where}.path': write a path as 'Y ~ X' or 'X -> Y', "
                              f"not {raw!r}")
    if any(c in pred for c in "+~>") or any(c in dep for c in "+~>"):
        raise InstrumentError(f"key '{where}.path': one predictor and one dependent per "
                              f"hypothesis, not {raw!r}")
    for term in (dep, pred):
        if term not in names:
            raise InstrumentError(f"key '{where}.path': {term!r} is not a construct or "
                                  f"dimension (known: {', '.join(sorted(names))})")
    if dep == pred:
        raise InstrumentError(f"key '{where}.path': {dep!r} is on both sides")
    return dep, pred


def _parse_text(raw: Any, where: str) -> dict[str, str]:
    if raw is None:
        return {}
    if isinstance(raw, str):
        return {"id": raw, "en": raw}
    if not isinstance(raw, Mapping) or not all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in raw.items()):
        raise InstrumentError(f"key '{where}.text': give the wording as a text or as "
                              "{id: ..., en: ...}")
    return dict(raw)


def parse_hypotheses(raw: Any, constructs: Collection[str], *,
                     models: Sequence[Any] | None = None) -> tuple[Hypothesis, ...]:
    """The ``hypotheses:`` list of an instrument as :class:`Hypothesis` objects.

    Parameters
    ----------
    raw : list of dict or None
        Each entry ``{id, path, direction, text}``: ``path`` is ``"Y ~ X"``
        or ``"X -> Y"``; ``direction`` is ``positive``, ``negative`` or
        ``two-sided`` (the default); ``text`` a mapping of language code to
        wording, or one text for every language. ``id`` defaults to
        ``H<position>``. None gives no hypotheses.
    constructs : collection of str
        The construct and dimension codes a path may name.
    models : sequence of Model, optional
        The instrument's models (objects with ``dependent`` and
        ``predictors``); when given, each path must be a term of one of
        them, so a hypothesis that no regression can test is caught when
        the instrument is read.

    Returns
    -------
    tuple of Hypothesis

    Raises
    ------
    InstrumentError
        One line naming the entry and key that is wrong.

    Examples
    --------
    >>> hs = parse_hypotheses([{"id": "H1", "path": "SMMA -> PI", "direction": "positive",
    ...                         "text": {"id": "SMMA berpengaruh positif terhadap PI"}}],
    ...                       {"SMMA", "PI"})
    >>> hs[0].dependent, hs[0].predictor, hs[0].direction
    ('PI', 'SMMA', 'positive')
    """
    if raw is None:
        return ()
    if not isinstance(raw, (list, tuple)):
        raise InstrumentError("key 'hypotheses': must be a list of {id, path, direction, text}")
    names, out, ids = set(constructs), [], set()
    for i, entry in enumerate(raw):
        where = f"hypotheses[{i}]"
        if not isinstance(entry, Mapping):
            raise InstrumentError(f"key {where!r}: must be a mapping {{id, path, direction, "
                                  "text}")
        unknown = sorted(set(map(str, entry)) - _KEYS)
        if unknown:
            raise InstrumentError(f"key '{where}.{unknown[0]}': unknown (known: "
                                  f"{', '.join(sorted(_KEYS))})")
        hid = entry.get("id", f"H{i + 1}")
        if not isinstance(hid, str) or not hid.strip():
            raise InstrumentError(f"key '{where}.id': must be a non-empty text such as 'H1'")
        hid = hid.strip()
        if hid in ids:
            raise InstrumentError(f"key '{where}.id': {hid!r} is used twice")
        ids.add(hid)
        dep, pred = _parse_path(entry.get("path"), where, names)
        direction = _DIRECTION_ALIASES.get(str(entry.get("direction", "two-sided")).lower())
        if direction is None:
            raise InstrumentError(f"key '{where}.direction': must be positive, negative or "
                                  f"two-sided, not {entry.get('direction')!r}")
        if models is not None and not any(m.dependent == dep and pred in m.predictors
                                          for m in models):
            raise InstrumentError(f"key '{where}.path': no model has {pred} as a predictor of "
                                  f"{dep}; add it under 'models'")
        out.append(Hypothesis(hid, dep, pred, direction, _parse_text(entry.get("text"), where)))
    return tuple(out)


__all__ = ["DECISIONS", "DIRECTIONS", "Hypothesis", "HypothesisResult", "default_hypotheses",
           "one_tailed_p", "parse_hypotheses", "test_hypotheses"]
