"""One call for the whole chapter-4 routine: :func:`analyze` -> :class:`StudyResult`.

Runs, for every construct, dimension and model of an instrument: item
validity, reliability, normality (model residuals and construct scores),
regression with the classical assumption tests, and category breakdowns.
Renderers only format a :class:`StudyResult`; they never compute.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from typing import Any, Mapping

from .errors import DataError, SmmaError
from .results import ResultMixin, jsonable
from .screening import missing_summary


@dataclass(frozen=True)
class DropStep:
    """One step of ``drop_invalid``: the item removed and why."""

    construct: str
    item: str
    r: float
    r_table: float
    alpha_after: float


@dataclass(frozen=True)
class ModelResult(ResultMixin):
    """A regression with its classical assumption tests."""

    _title = "Model"
    formula: str
    regression: Any
    normality: Any
    glejser: Any
    breusch_pagan: Any
    white: Any
    runs: Any
    linearity: Any = None  # simple models only
    bootstrap: Any = None  # BootstrapResult when analyze(bootstrap=N)

    def to_dict(self) -> dict:
        return {
            "formula": self.formula,
            "regression": jsonable(self.regression),
            "normality": jsonable(self.normality),
            "glejser": jsonable(self.glejser),
            "breusch_pagan": jsonable(self.breusch_pagan),
            "white": jsonable(self.white),
            "runs": jsonable(self.runs),
            "linearity": jsonable(self.linearity),
            "bootstrap": jsonable(self.bootstrap),
        }


@dataclass(frozen=True)
class StudyResult(ResultMixin):
    """Everything :func:`analyze` computed, ready for any renderer.

    ``to_dict()`` gives the JSON layout that ``smma analyze --format json``
    prints (keys ``n``, ``n_dropped``, ``scales``, ``normality``,
    ``regressions``, ``categories``, ``screening``, ``groups`` and more).
    ``screening`` is the :class:`~smma_stats.screening.ScreeningResult` of
    the responses read; ``excluded_rows`` the flagged rows left out
    (``exclude_flagged=True``); ``groups`` the
    :class:`~smma_stats.groups.GroupResult` of ``by=``, or None.
    ``bootstrap_alpha`` maps each construct to the
    :class:`~smma_stats.bootstrap.BootstrapResult` of its alpha when
    ``bootstrap=N`` was given (each model's is ``ModelResult.bootstrap``).
    """

    _title = "Study"
    instrument: Any
    responses: Any
    alpha: float
    validity: Mapping[str, Any]
    reliability: Mapping[str, Any]
    dimension_reliability: Mapping[str, Any]
    normality: tuple
    models: tuple
    categories: Mapping[str, Any]
    dimension_categories: Mapping[str, Any]
    items_used: Mapping[str, tuple]
    drop_steps: tuple = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple = ()
    scores: Any = None
    screening: Any = None
    excluded_rows: tuple = ()
    groups: Any = None
    bootstrap_alpha: Mapping[str, Any] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return int(self.responses.n)

    @property
    def regressions(self) -> list:
        return [m.regression for m in self.models]

    def to_dict(self) -> dict:
        resp = self.responses
        scales = {}
        for code, rel in self.reliability.items():
            val = self.validity[code].table.set_index("item")
            items = []
            for row in rel.items.itertuples(index=False):
                v = val.loc[row.item]
                items.append({
                    "item": row.item, "r": v["r"], "r_corrected": v["r_corrected"],
                    "r_table": v["r_table"], "p_value": v["p_value"], "valid": bool(v["valid"]),
                    "alpha_if_deleted": row.alpha_if_deleted,
                    "scale_mean_if_deleted": row.scale_mean_if_deleted,
                    "scale_var_if_deleted": row.scale_var_if_deleted,
                    "mean": row.mean, "sd": row.sd,
                })
            scales[code] = {
                "label": self.instrument.label_of(code),
                "alpha": rel.alpha, "alpha_std": rel.alpha_std, "n_items": rel.n_items,
                "conf_low": rel.conf_low, "conf_high": rel.conf_high,
                "reliable": rel.reliable, "r_table": self.validity[code].r_table,
                "all_valid": self.validity[code].all_valid, "items": items,
                "bootstrap": _bootstrap_dict(self.bootstrap_alpha.get(code)),
            }
        out = {
            "instrument": {"name": self.instrument.name, "title": self.instrument.title},
            "source": os.path.basename(resp.source) if resp.source else None,
            "sha256": resp.sha256,
            "n": resp.n,
            "n_read": resp.n_read,
            "n_dropped": resp.n_dropped,
            "dropped_rows": list(resp.dropped_rows),
            "alpha": self.alpha,
            "scales": scales,
            "dimensions": {k: {"alpha": r.alpha, "alpha_std": r.alpha_std,
                               "n_items": r.n_items}
                           for k, r in self.dimension_reliability.items()},
            "normality": [_normality_dict(nr) for nr in self.normality],
            "regressions": [_regression_dict(m) for m in self.models],
            "categories": {k: _category_rows(c) for k, c in self.categories.items()},
            "category_method": {k: {"method": c.method, "levels": c.levels, "basis": c.basis,
                                    "rule": c.rule}
                                for k, c in self.categories.items()},
            "dimension_categories": {k: _category_rows(c)
                                     for k, c in self.dimension_categories.items()},
            "drop_steps": [dataclasses.asdict(s) for s in self.drop_steps],
            "missing": missing_summary(resp),
            "screening": None,
            "n_excluded": len(self.excluded_rows),
            "excluded_rows": None,
            "groups": self.groups.to_dict() if self.groups is not None else None,
            "bootstrap": _bootstrap_settings(self.settings),
            "settings": dict(self.settings),
            "notes": list(self.notes),
        }
        out = jsonable(out)
        # JSON-safe as built: a large file can have hundreds of thousands of flagged rows
        out["screening"] = self.screening.to_dict() if self.screening is not None else None
        out["excluded_rows"] = [int(r) for r in self.excluded_rows]
        return out

    def summary(self) -> str:
        from .report import render

        return render(self, "text")

    def _repr_html_(self) -> str:
        from .report import render

        return render(self, "html", fragment=True)


def _bootstrap_settings(settings: Mapping[str, Any]) -> dict | None:
    if not settings.get("bootstrap"):
        return None
    return {"n_resamples": settings["bootstrap"], "seed": settings["seed"],
            "method": settings["bootstrap_method"], "ci": 1 - settings["alpha"]}


def _bootstrap_dict(b) -> dict | None:
    """The interval of alpha or R Square, and per coefficient for a model."""
    if b is None:
        return None
    out = {"statistic": b.statistic, "estimate": b.estimate, "se": b.se, "bias": b.bias,
           "conf_low": b.conf_low, "conf_high": b.conf_high, "n": b.n,
           "n_failed": b.n_failed}
    if b.table is not None:
        out["coefficients"] = b.table.to_dict(orient="records")
    return out


def _normality_dict(nr) -> dict:
    return {
        "variable": nr.variable, "n": nr.n, "statistic": nr.statistic,
        "p_value": nr.p_value, "method": nr.method, "display": nr.display,
        "p_spss": nr.p_spss, "lower_bound": nr.lower_bound, "normal": nr.normal,
        "shapiro_statistic": nr.shapiro_statistic, "shapiro_p_value": nr.shapiro_p_value,
    }


def _regression_dict(m: ModelResult) -> dict:
    reg = m.regression
    coefs = []
    for row in reg.coefficients.to_dict(orient="records"):
        rec = {k: row.get(k) for k in ("term", "b", "se", "beta", "t", "p_value",
                                      "conf_low", "conf_high", "tolerance", "vif")}
        for extra in ("se_hc3", "t_hc3", "p_value_hc3"):
            if extra in row:
                rec[extra] = row[extra]
        coefs.append(rec)
    out = {
        "formula": m.formula, "dependent": reg.dependent, "predictors": list(reg.predictors),
        "n": reg.n, "r": reg.r, "r2": reg.r2, "adj_r2": reg.adj_r2,
        "se_estimate": reg.se_estimate, "f": reg.f, "f_p_value": reg.f_p_value,
        "df_regression": reg.df_regression, "df_residual": reg.df_residual,
        "t_critical": reg.t_critical, "f_critical": reg.f_critical,
        "durbin_watson": reg.durbin_watson, "dw_lower": reg.dw_lower,
        "dw_upper": reg.dw_upper, "dw_decision": reg.dw_decision,
        "coefficients": coefs,
        "anova": reg.anova.to_dict(orient="records"),
        "contributions": (reg.contributions.to_dict(orient="records")
                          if reg.contributions is not None else None),
        "assumptions": {
            "glejser": _test_dict(m.glejser), "breusch_pagan": _test_dict(m.breusch_pagan),
            "white": _test_dict(m.white), "runs": _test_dict(m.runs),
            "linearity": _test_dict(m.linearity),
            "residual_normality": _normality_dict(m.normality),
        },
        "bootstrap": _bootstrap_dict(m.bootstrap),
    }
    return out


def _test_dict(t) -> dict | None:
    if t is None:
        return None
    return jsonable(t)


def _category_rows(c) -> list[dict]:
    return [{"category": r["category"], "count": int(r["count"]), "percent": r["percent"],
             "lower": r["lower"], "upper": r["upper"]}
            for r in c.table.to_dict(orient="records")]


def _scores(items, instrument, items_used: Mapping[str, tuple]):
    """Construct and dimension scores from the (possibly reduced) item sets."""
    import pandas as pd

    cols = {}
    for name in instrument.scale_names():
        used = [i for i in instrument.items_of(name) if i in items_used[_owner(instrument, name)]]
        if not used:
            continue
        block = items[used]
        cols[name] = (block.sum(axis=1, skipna=False) if instrument.score == "sum"
                      else block.mean(axis=1, skipna=False))
    return pd.DataFrame(cols, index=items.index)


def _owner(instrument, name: str) -> str:
    if name in instrument.constructs:
        return name
    for code, c in instrument.constructs.items():
        if any(d.name == name for d in c.dimensions):
            return code
    raise SmmaError(f"unknown scale {name!r}")


def analyze(responses, instrument=None, *, alpha: float = 0.05, judge: str = "r",
            tails: int = 2, drop_invalid: bool = False, robust: bool = False,
            normality_method: str = "lilliefors", category_method: str | None = None,
            category_levels: int | None = None, category_basis: str | None = None,
            lang: str = "en", notes: tuple = (), missing: str = "listwise",
            exclude_flagged: bool = False, by: str | None = None, bootstrap: int = 0,
            seed: int | None = None, bootstrap_method: str = "percentile",
            progress=None, sheet: str | int | None = None, max_missing_share: float = 0.2,
            chunksize: int | None = None) -> StudyResult:
    """Run the whole instrument-testing and regression routine.

    Parameters
    ----------
    responses : Responses, DataFrame, str or Path
        What :func:`smma_stats.read_responses` returns, or anything it reads.
    instrument : Instrument, str or Path
        The instrument, a YAML path or a shipped instrument's name. Optional
        when ``responses`` is a :class:`Responses` (its instrument is used).
    alpha : float
        Significance level for every decision (r table, t/F critical values,
        assumption tests).
    judge : {"r", "r_corrected"}
        Which item-total correlation decides validity.
    tails : {1, 2}
        Tails of the r-table value.
    drop_invalid : bool
        Remove invalid items one at a time (weakest first), re-testing after
        each removal; each step is recorded in ``drop_steps``.
    robust : bool
        Add HC3 standard errors to every coefficient table.
    normality_method : {"lilliefors", "kolmogorov"}
    category_method, category_levels, category_basis
        Override the instrument's ``categories`` settings.
    lang : {"en", "id"}
        Language of the category labels.
    notes : tuple of str
        How the instrument was chosen or inferred; shown in the report.
    missing : {"listwise", "pairwise", "person-mean"}
        Missing-answer rule when ``responses`` still has to be read (see
        :func:`~smma_stats.readers.read_responses`).
    exclude_flagged : bool
        Leave out every response flagged by
        :func:`~smma_stats.screening.screen` (duplicates, straight-lining,
        failed attention check); the rows are listed in ``excluded_rows``.
        The study's ``responses`` are then a copy without those rows (see
        Notes).
    by : str, optional
        An attribute column: add a group breakdown (``groups``) of every
        construct, see :func:`~smma_stats.groups.group_breakdown`.
    bootstrap : int, default 0
        If positive, that many bootstrap resamples of the respondents give a
        ``1 - alpha`` confidence interval for each construct's Cronbach's
        alpha (``bootstrap_alpha``) and for each model's coefficients and
        R Square (``ModelResult.bootstrap``); see
        :mod:`smma_stats.bootstrap`.
    seed : int, optional
        Seed of the bootstrap draws; every statistic uses the same resamples.
        Without one a fresh seed is drawn and recorded in ``settings``.
    bootstrap_method : {"percentile", "bca"}
        Percentile or bias-corrected and accelerated intervals.
    progress : callable, optional
        Called as ``progress(stage, done, total)`` while a large file is read
        (``"reading"``) and the statistics computed (``"computing"``).
    sheet, max_missing_share, chunksize
        Passed to :func:`~smma_stats.readers.read_responses` when
        ``responses`` still has to be read.

    Returns
    -------
    StudyResult

    Notes
    -----
    Responses read in chunks (a large file, see
    :func:`~smma_stats.readers.read_responses`) or holding at least
    :data:`~smma_stats.streaming.LARGE_N` respondents are analysed from sums
    over blocks of respondents (:mod:`smma_stats.streaming`); the numbers
    are the same up to rounding.

    With ``exclude_flagged``, the responses without the flagged rows are a
    copy. Given a file rather than a :class:`Responses` kept elsewhere, the
    answers read are then let go, so the copy takes their place in memory
    instead of adding to it (for millions of respondents, give the file).
    """
    from .instrument import Instrument, find_instrument
    from .readers import Responses, read_responses

    if instrument is None:
        if not isinstance(responses, Responses):
            raise SmmaError("analyze: give the instrument (an Instrument, a YAML path or a "
                            "shipped instrument's name)")
        instrument = responses.instrument
    if not isinstance(instrument, Instrument):
        instrument = find_instrument(instrument)
    if not isinstance(responses, Responses):
        responses = read_responses(responses, instrument, missing=missing, sheet=sheet,
                                   max_missing_share=max_missing_share, chunksize=chunksize,
                                   progress=progress)
    if not 0 < alpha < 1:
        raise SmmaError(f"alpha must be between 0 and 1, not {alpha}")
    boot = _bootstrap_plan(bootstrap, seed, bootstrap_method, alpha)
    from .groups import find_column, group_breakdown
    from .screening import _drop_rows, _fields

    if by is not None:
        find_column(responses.attributes, by)
    step = _stepper(progress, 3 + len(instrument.models))
    engine = _engine(responses, instrument)
    screening = engine.screen()
    excluded = screening.flagged_rows if exclude_flagged else ()
    if excluded:
        # Only ``fields`` holds the tables from here: read from a file here, each is
        # let go as soon as its copy without the rows is made.
        kind, fields = type(responses), _fields(responses)
        del engine, responses
        _drop_rows(fields, excluded)
        responses = kind(**fields)
        del fields
        engine = _engine(responses, instrument)
    step()

    from .categories import categorize

    items = responses.items
    if len(items) < 4:
        raise DataError(f"only {len(items)} complete responses: at least 4 are needed")
    items_used = {code: tuple(c.item_ids) for code, c in instrument.constructs.items()}
    drop_steps: list[DropStep] = []
    validity, reliability = {}, {}
    for code in instrument.constructs:
        while True:
            used = list(items_used[code])
            val = engine.validity(used, alpha=alpha, tails=tails, judge=judge)
            if not drop_invalid or val.all_valid or len(used) <= 2:
                break
            judged = val.table[judge].fillna(-float("inf"))
            worst = val.table.loc[judged.idxmin()]
            items_used[code] = tuple(i for i in used if i != worst["item"])
            after = engine.reliability(list(items_used[code]))
            drop_steps.append(DropStep(code, str(worst["item"]), float(worst[judge]),
                                       float(val.r_table), float(after.alpha)))
        validity[code] = val
        reliability[code] = engine.reliability(used)

    dim_rel = {}
    for code, c in instrument.constructs.items():
        for d in c.dimensions:
            used = [i for i in d.item_ids if i in items_used[code]]
            if len(used) >= 2:
                dim_rel[d.name] = engine.reliability(used)
    step()

    boot_alpha = {}
    if boot:
        from .bootstrap import bootstrap_alpha

        boot_alpha = {code: bootstrap_alpha(items[list(items_used[code])], name=code, **boot)
                      for code in instrument.constructs}

    scores = engine.scores(items_used)
    models = []
    for m in instrument.models:
        if all(t in scores for t in [m.dependent, *m.predictors]):
            models.append(engine.model(scores, m, alpha, robust, normality_method, boot))
        step()
    models = tuple(models)

    normality = [m.normality for m in models]
    for code in instrument.constructs:
        normality.append(engine.normality(scores[code], normality_method, alpha, code))

    cat = dict(instrument.categories)
    if category_method:
        cat["method"] = category_method
    if category_levels:
        cat["levels"] = category_levels
    if category_basis:
        cat["basis"] = category_basis

    def _cat(name, n_items):
        k = n_items if instrument.score == "sum" else 1
        # under --missing pairwise a score is missing where one of its items is
        x = scores[name]
        x = x.dropna() if x.dtype.kind == "f" else x
        return categorize(x, k, instrument.scale.min, instrument.scale.max,
                          levels=cat["levels"], method=cat["method"], basis=cat["basis"],
                          lang=lang, name=name)

    categories = {code: _cat(code, len(items_used[code])) for code in instrument.constructs}
    dim_cats = {}
    for code, c in instrument.constructs.items():
        for d in c.dimensions:
            used = [i for i in d.item_ids if i in items_used[code]]
            if used:
                dim_cats[d.name] = _cat(d.name, len(used))

    settings = {"alpha": alpha, "judge": judge, "tails": tails, "drop_invalid": drop_invalid,
                "robust": robust, "normality_method": normality_method,
                "categories": cat, "score": instrument.score, "lang": lang,
                "missing": missing_summary(responses)["method"], "exclude_flagged": exclude_flagged}
    if by is not None:
        settings["by"] = by
    if boot:
        settings.update(bootstrap=boot["n_resamples"], bootstrap_method=boot["method"],
                        seed=boot["seed"])
    study = StudyResult(
        instrument=instrument, responses=responses, alpha=alpha, validity=validity,
        reliability=reliability, dimension_reliability=dim_rel, normality=tuple(normality),
        models=models, categories=categories, dimension_categories=dim_cats,
        items_used=items_used, drop_steps=tuple(drop_steps), settings=settings,
        notes=tuple(notes), scores=scores, screening=screening, excluded_rows=excluded,
        bootstrap_alpha=boot_alpha)
    if by is not None:
        study = dataclasses.replace(study, groups=group_breakdown(study, by=by))
    step()
    return study


class _Frames:
    """The statistics of :func:`analyze` computed on the whole item table."""

    def __init__(self, responses, instrument):
        self.responses, self.instrument = responses, instrument

    def screen(self):
        from .screening import screen

        return screen(self.responses, self.instrument)

    def validity(self, cols, alpha, tails, judge):
        from .validity import item_validity

        return item_validity(self.responses.items[cols], alpha=alpha, tails=tails,
                             judge=judge)

    def reliability(self, cols):
        from .reliability import cronbach_alpha

        return cronbach_alpha(self.responses.items[cols])

    def scores(self, items_used):
        return _scores(self.responses.items, self.instrument, items_used)

    def model(self, scores, model, alpha, robust, normality_method, boot=None):
        return _run_model(scores, model, alpha, robust, normality_method, boot)

    def normality(self, x, method, alpha, name):
        from .normality import ks_normality

        return ks_normality(x, method=method, alpha=alpha, name=name)


def _engine(responses, instrument):
    """The whole-table route, or block sums for a large study (:mod:`smma_stats.streaming`)."""
    from .streaming import MomentEngine, use_moments

    if use_moments(responses):
        return MomentEngine(responses, instrument)
    return _Frames(responses, instrument)


def _stepper(progress, total: int):
    done = [0]

    def step():
        done[0] += 1
        if progress is not None:
            progress("computing", done[0], total)

    return step


def _bootstrap_plan(n_resamples, seed, method, alpha) -> dict:
    """Keyword arguments shared by every bootstrap of the study; empty when off."""
    if isinstance(n_resamples, bool) or not isinstance(n_resamples, int) or n_resamples < 0:
        raise SmmaError(f"bootstrap must be a whole number of resamples (0 for none), "
                        f"got {n_resamples!r}")
    if n_resamples == 0:
        return {}
    from .bootstrap import METHODS, random_seed

    if method not in METHODS:
        raise SmmaError(f"bootstrap_method must be 'percentile' or 'bca', got {method!r}")
    if seed is None:
        seed = random_seed()
    return {"n_resamples": n_resamples, "ci": 1 - alpha, "seed": seed, "method": method}


def _run_model(scores, model, alpha, robust, normality_method, boot=None) -> ModelResult:
    from .assumptions import (breusch_pagan_test, glejser_test, linearity_test, runs_test,
                              white_test)
    from .normality import ks_normality
    from .regression import regress

    y, x = model.dependent, list(model.predictors)
    reg = regress(scores, y, x, alpha=alpha, robust=robust)
    import pandas as pd

    resid = pd.Series(reg.residuals, name=f"Unstandardized Residual ({model.formula})")
    return ModelResult(
        formula=model.formula,
        regression=reg,
        normality=ks_normality(resid, method=normality_method, alpha=alpha,
                               name=f"Unstandardized Residual ({model.formula})"),
        glejser=glejser_test(scores, y, x, alpha=alpha),
        breusch_pagan=breusch_pagan_test(scores, y, x, alpha=alpha),
        white=white_test(scores, y, x, alpha=alpha),
        runs=runs_test(reg.residuals, alpha=alpha),
        linearity=linearity_test(scores, y, x[0], alpha=alpha) if len(x) == 1 else None,
        bootstrap=_bootstrap_model(scores, y, x, boot) if boot else None,
    )


def _bootstrap_model(scores, y, x, boot):
    from .bootstrap import bootstrap_regression

    return bootstrap_regression(scores, y, x, **boot)
