"""One call for the whole chapter-4 routine: :func:`analyze` -> :class:`StudyResult`.

:func:`analyze` runs named stages, each a short function over the responses
and the :class:`~smma_stats.options.AnalysisOptions`:

1. screen: duplicates, straight-lining, attention check (and, when asked,
   leave the flagged rows out);
2. items: validity and reliability per construct (dropping invalid items
   one at a time when asked), reliability per dimension;
3. scores: construct and dimension scores from the items kept;
4. models: each regression with its classical assumption tests;
5. normality of the construct scores; 6. categories; 7. groups;
8. bootstrap intervals.

Every statistic goes through one kernel whatever the size of the file:
moments and triangular factors are accumulated a block of rows at a time
(:mod:`smma_stats.moments`). A statistic the data cannot support is a
:class:`~smma_stats.study_result.NotComputable` in its place and the rest of
the study is still produced. Renderers only format a :class:`StudyResult`.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .errors import DataError, ModelError, SmmaError
from .options import AnalysisOptions
from .results import NotComputable
from .study_result import DropStep, ModelResult, StudyResult

__all__ = ["AnalysisOptions", "DropStep", "ModelResult", "NotComputable", "StudyResult",
           "analyze", "screen"]

# Older keyword names of analyze(), mapped to the options.
_RENAMED = {"alpha": "sig_level"}


def analyze(responses, instrument=None, options: AnalysisOptions | None = None, *,
            notes: tuple = (), progress=None, **settings) -> StudyResult:
    """Run the whole instrument-testing and regression routine.

    Parameters
    ----------
    responses : Responses, DataFrame, str or Path
        What :func:`smma_stats.read_responses` returns, or anything it reads.
    instrument : Instrument, str or Path, optional
        The instrument, a YAML path or a shipped instrument's name. Optional
        when ``responses`` is a :class:`~smma_stats.readers.Responses`.
    options : AnalysisOptions, optional
        Every setting (significance level, validity rule, missing-answer
        rule, bootstrap, ...); see :class:`~smma_stats.options.AnalysisOptions`.
    notes : tuple of str
        How the instrument was chosen or inferred; shown in the report.
    progress : callable, optional
        Called as ``progress(stage, done, total)`` while a large file is read
        (``"reading"``) and the statistics computed (``"computing"``).
    **settings
        Settings given one by one instead of (or on top of) ``options``:
        ``sig_level=0.01``, ``bootstrap=5000``, ``by="gender"``, ...
        (``alpha=`` is accepted as the older name of ``sig_level``).

    Returns
    -------
    StudyResult
        Language-neutral: render it with ``study.render("text", lang="id")``.

    Raises
    ------
    SmmaError
        A wrong setting, an unreadable file, or fewer than 4 respondents.

    Examples
    --------
    >>> study = analyze("data/sample/smma_responses.csv", "smma-instagram",
    ...                 bootstrap=2000, seed=1)                       # doctest: +SKIP
    >>> round(study.reliability["SMMA"].alpha, 3)                      # doctest: +SKIP
    0.748
    """
    opts = _options(options, settings)
    instrument, specs, responses = _inputs(responses, instrument, opts, progress)
    if opts.by is not None:
        from .groups import find_column

        find_column(responses.attributes, opts.by)
    step = _stepper(progress, 3 + len(instrument.models))
    screening, excluded, responses = _screen_stage(responses, instrument, opts)
    step()
    if responses.n < 4:
        raise DataError(f"only {responses.n} complete responses: at least 4 are needed")
    stats = _ItemStats(responses, instrument)
    validity, reliability, dim_rel, items_used, drop_steps = _item_stage(stats, instrument,
                                                                         opts)
    step()
    boot = _bootstrap_plan(opts)
    scores = _scores(responses, instrument, items_used)
    from .chapter import decide_hypotheses, describe

    # before the models, whose residuals a large study then holds: the peaks do not add up
    descriptives = describe(responses, instrument, scores, items_used, opts.sig_level)
    models, skipped = _model_stage(scores, instrument, opts, boot, step)
    normality = [m.normality for m in models if not isinstance(m.normality, NotComputable)]
    normality += _score_normality(scores, instrument, opts, skipped)
    categories, dim_cats, cat = _category_stage(scores, instrument, items_used, opts)
    study = StudyResult(
        instrument=instrument, responses=responses, sig_level=opts.sig_level,
        validity=validity, reliability=reliability, dimension_reliability=dim_rel,
        normality=tuple(normality), models=tuple(models), categories=categories,
        dimension_categories=dim_cats, items_used=items_used, drop_steps=tuple(drop_steps),
        settings=_settings(opts, instrument, responses, cat, boot), notes=tuple(notes),
        scores=scores, screening=screening, excluded_rows=excluded,
        bootstrap_alpha=_bootstrap_alpha(responses, items_used, boot), options=opts,
        not_computable=skipped,
        descriptives=descriptives,
        hypotheses=decide_hypotheses(models, instrument, opts.sig_level, opts.tails))
    if opts.by is not None:
        from .groups import group_breakdown

        study = dataclasses.replace(study, groups=group_breakdown(study, by=opts.by))
    if specs:
        study = _path_stage(study, specs, opts)
    step()
    return study


def _path_stage(study, specs, opts):
    """The mediation and moderation analyses, on the study's construct scores."""
    from .mediation_analysis import MediationResult
    from .path_analyses import run_path_analyses

    done = run_path_analyses(study, specs, bootstrap=opts.bootstrap, seed=opts.seed,
                             method=opts.bootstrap_method, robust=opts.robust,
                             alpha=opts.sig_level)
    return dataclasses.replace(
        study, mediation=tuple(r for r in done if isinstance(r, MediationResult)),
        moderation=tuple(r for r in done if not isinstance(r, MediationResult)))


def screen(source, instrument=None, *, sheet=None, ignore_columns: tuple = ()):
    """Flag duplicates, straight-lining, failed attention checks and bad cells.

    Parameters
    ----------
    source : Responses, str, Path or pandas.DataFrame
        Responses already read (their rows are screened), or a response file
        or data frame: every row is read with
        :func:`~smma_stats.readers.read_all_rows` and cells that are not
        scale points are listed as ``out_of_range`` instead of stopping the
        reading.
    instrument : Instrument, str or Path, optional
        Needed unless ``source`` is a :class:`~smma_stats.readers.Responses`.
    sheet : str or int, optional
        Workbook sheet.
    ignore_columns : sequence of str
        More columns to leave out of the duplicate comparison.

    Returns
    -------
    ScreeningResult
        See :func:`smma_stats.screening.screen`.
    """
    from .instrument import Instrument, find_instrument
    from .readers import Responses, read_all_rows
    from .screening import screen as run

    if isinstance(source, Responses):
        return run(source, instrument or source.instrument, ignore_columns=ignore_columns)
    if instrument is None:
        raise SmmaError("screen: give the instrument (an Instrument, a YAML path or a "
                        "shipped instrument's name)")
    if not isinstance(instrument, Instrument):
        instrument = find_instrument(instrument)
    return run(read_all_rows(source, instrument, sheet=sheet), instrument,
               ignore_columns=ignore_columns)


# ------------------------------------------------------------------ settings and inputs

def _options(options, settings: dict) -> AnalysisOptions:
    if "lang" in settings:
        raise SmmaError("analyze() computes language-neutral results; choose the language "
                        "when rendering: study.render('text', lang='id')")
    renamed = {_RENAMED.get(k, k): v for k, v in settings.items()}
    known = {f.name for f in dataclasses.fields(AnalysisOptions)}
    unknown = sorted(set(renamed) - known)
    if unknown:
        raise SmmaError(f"analyze() got unknown setting(s): {', '.join(unknown)}")
    base = options if options is not None else AnalysisOptions()
    return base.replace(**renamed) if renamed else base


def _inputs(responses, instrument, opts: AnalysisOptions, progress):
    """The instrument, the mediation/moderation specs (checked before any reading: a
    typo fails at once) and the responses."""
    from .instrument import Instrument, find_instrument
    from .path_analyses import path_specs
    from .readers import Responses, read_responses

    if instrument is None:
        if not isinstance(responses, Responses):
            raise SmmaError("analyze: give the instrument (an Instrument, a YAML path or a "
                            "shipped instrument's name)")
        instrument = responses.instrument
    if not isinstance(instrument, Instrument):
        instrument = find_instrument(instrument)
    specs = path_specs(instrument, opts.mediate, opts.moderate)
    if not isinstance(responses, Responses):
        responses = read_responses(responses, instrument, missing=opts.missing,
                                   sheet=opts.sheet, max_missing_share=opts.max_missing_share,
                                   chunksize=opts.chunksize, progress=progress)
    return instrument, specs, responses


def _settings(opts, instrument, responses, cat, boot) -> dict:
    """The settings as the JSON echoes them (the options, and what they resolved to)."""
    from .screening import missing_summary

    out = opts.to_dict()
    for reading in ("sheet", "chunksize"):      # how the file was read, not the analysis
        out.pop(reading)
    missing = missing_summary(responses)     # what the responses were read with
    out.update(alpha=opts.sig_level, categories=cat, score=instrument.score,
               missing=missing["method"], max_missing_share=missing["max_missing_share"])
    if boot:
        out.update(bootstrap=boot["n_resamples"], seed=boot["seed"])
    return out


def _stepper(progress, total: int):
    done = [0]

    def step():
        done[0] += 1
        if progress is not None:
            progress("computing", done[0], total)

    return step


# ------------------------------------------------------------------ stages

def _screen_stage(responses, instrument, opts):
    """The screening flags, the rows left out, and the responses analysed."""
    from .screening import screen as run
    from .screening import without_rows

    screening = run(responses, instrument)
    excluded = screening.flagged_rows if opts.exclude_flagged else ()
    if excluded:
        responses = without_rows(responses, excluded)
    return screening, excluded, responses


class _ItemStats:
    """Item moments of the responses, computed once for all constructs.

    With no skipped answer the means and covariances of every item come
    from one pass; a construct's are a slice of them. With gaps (pairwise
    rule) each item set is taken over its own complete rows.
    """

    def __init__(self, responses, instrument):
        self.items = responses.items
        self.spread = int(instrument.scale.max - instrument.scale.min)
        whole = all(isinstance(d, np.dtype) and d.kind in "iu" for d in self.items.dtypes)
        # whole-number columns hold no gap; only float columns are looked at
        self.gaps = (not whole and len(self.items) > 0
                     and bool(self.items.isna().to_numpy().any()))
        self._all = None

    def moments(self, cols):
        from .moments import ItemMoments, item_moments

        if self.gaps:
            return item_moments(self.items[list(cols)], spread=self.spread)
        if self._all is None:
            self._all = item_moments(self.items, spread=self.spread)
        pos = {c: j for j, c in enumerate(self._all.names)}
        idx = [pos[c] for c in cols]
        return ItemMoments(n=self._all.n, n_excluded=0, mean=self._all.mean[idx],
                           cov=self._all.cov[np.ix_(idx, idx)], names=tuple(cols))

    def validity(self, cols, opts):
        from .validity import item_validity_from_moments

        m = self.moments(cols)
        return item_validity_from_moments(m.n, m.mean, m.cov, m.names, sig_level=opts.sig_level,
                                          tails=opts.tails, judge=opts.judge,
                                          n_excluded=m.n_excluded)

    def reliability(self, cols):
        from .reliability import cronbach_alpha_from_moments

        m = self.moments(cols)
        return cronbach_alpha_from_moments(m.n, m.mean, m.cov, m.names,
                                           n_excluded=m.n_excluded)


def _item_stage(stats: _ItemStats, instrument, opts):
    """Validity and reliability per construct, reliability per dimension."""
    items_used = {code: tuple(c.item_ids) for code, c in instrument.constructs.items()}
    drop_steps: list[DropStep] = []
    validity, reliability = {}, {}
    for code in instrument.constructs:
        if len(items_used[code]) < 2:
            raise DataError(f"construct {code!r} has {len(items_used[code])} item: item "
                            "validity and Cronbach's alpha need at least 2 items per "
                            "construct (analyse a single-item measure with smma pls)")
        while True:
            used = list(items_used[code])
            val = stats.validity(used, opts)
            if not opts.drop_invalid or val.all_valid or len(used) <= 2:
                break
            judged = val.table[opts.judge].fillna(-float("inf"))
            worst = val.table.loc[judged.idxmin()]
            items_used[code] = tuple(i for i in used if i != worst["item"])
            after = stats.reliability(list(items_used[code]))
            drop_steps.append(DropStep(code, str(worst["item"]), float(worst[opts.judge]),
                                       float(val.r_table), float(after.alpha)))
        validity[code] = val
        reliability[code] = stats.reliability(used)
    dim_rel = {name: stats.reliability(used)
               for name, used in _dimension_items(instrument, items_used) if len(used) >= 2}
    return validity, reliability, dim_rel, items_used, drop_steps


def _dimension_items(instrument, items_used):
    """``(dimension, its items kept)`` of every dimension, in instrument order."""
    return [(d.name, [i for i in d.item_ids if i in items_used[code]])
            for code, c in instrument.constructs.items() for d in c.dimensions]


def _scores(responses, instrument, items_used):
    """Construct and dimension scores of the items kept (the reader's when all are)."""
    from .scores import construct_scores

    full = all(tuple(items_used[c]) == tuple(k.item_ids)
               for c, k in instrument.constructs.items())
    have = responses.scores
    if (full and responses.instrument is instrument and have is not None
            and list(have.columns) == instrument.scale_names()):
        return have
    items = responses.items
    return construct_scores(items.to_numpy(), [str(c) for c in items.columns], instrument,
                            items_used=items_used, index=items.index)


def _model_stage(scores, instrument, opts, boot, step):
    """Each model of the instrument; a model the data cannot support is skipped with why."""
    models, skipped = [], {}
    for m in instrument.models:
        if all(t in scores for t in [m.dependent, *m.predictors]):
            try:
                models.append(_run_model(scores, m, opts, boot))
            except (DataError, ModelError) as exc:
                skipped[f"model {m.formula}"] = str(exc)
        step()
    return models, skipped


def _run_model(scores, model, opts, boot) -> ModelResult:
    """A regression with its classical assumption tests, each degrading on its own."""
    from .assumptions import linearity_from_columns, runs_test
    from .heteroscedasticity import heteroscedasticity_tests
    from .normality import ks_normality
    from .model_frame import model_columns
    from .regression import fit_columns

    y, x = model.dependent, tuple(model.predictors)
    columns, keep, n_excluded = model_columns(scores, y, x)
    reg = fit_columns(columns, y, x, keep=keep, n_excluded=n_excluded, alpha=opts.sig_level,
                      robust=opts.robust)
    e = np.asarray(reg.residuals)
    label = f"Unstandardized Residual ({model.formula})"
    hetero = _attempt(lambda: heteroscedasticity_tests(columns, keep, e, x,
                                                       sig_level=opts.sig_level), 3)
    linearity = None
    if len(x) == 1:
        ys, xs = (columns[0], columns[1]) if keep is None else (columns[0][keep],
                                                                 columns[1][keep])
        linearity = _attempt(lambda: linearity_from_columns(ys, xs, y, x[0], opts.sig_level))
    bootstrap = None
    if boot:
        from .bootstrap import bootstrap_regression

        bootstrap = _attempt(lambda: bootstrap_regression(scores, y, list(x), **boot))
    return ModelResult(
        formula=model.formula, regression=reg,
        normality=_attempt(lambda: ks_normality(e, method=opts.normality_method,
                                                sig_level=opts.sig_level, name=label)),
        glejser=hetero[0], breusch_pagan=hetero[1], white=hetero[2],
        runs=_attempt(lambda: runs_test(e, sig_level=opts.sig_level)),
        linearity=linearity, bootstrap=bootstrap)


def _attempt(compute, count: int = 0):
    """``compute()``, or NotComputable (``count`` of them) when the data cannot support it."""
    try:
        return compute()
    except (DataError, ModelError) as exc:
        gap = NotComputable(str(exc))
        return (gap,) * count if count else gap


def _score_normality(scores, instrument, opts, skipped: dict) -> list:
    """K-S normality of each construct score; one that cannot be tested goes to
    ``skipped`` with its reason (as a model's tests do)."""
    from .normality import ks_normality

    out = []
    for code in instrument.constructs:
        res = _attempt(lambda code=code: ks_normality(
            scores[code], method=opts.normality_method, sig_level=opts.sig_level, name=code))
        if isinstance(res, NotComputable):
            skipped[f"normality {code}"] = res.reason
        else:
            out.append(res)
    return out


def _category_stage(scores, instrument, items_used, opts):
    """Categories of every construct and dimension, and the settings used."""
    from .categories import categorize

    cat = dict(instrument.categories)
    for key, value in (("method", opts.category_method), ("levels", opts.category_levels),
                       ("basis", opts.category_basis)):
        if value:
            cat[key] = value

    def one(name, n_items):
        k = n_items if instrument.score == "sum" else 1
        x = scores[name]
        x = x.dropna() if x.dtype.kind == "f" else x     # pairwise: a score may be missing
        return categorize(x, k, instrument.scale.min, instrument.scale.max,
                          levels=cat["levels"], method=cat["method"], basis=cat["basis"],
                          name=name)

    categories = {code: one(code, len(items_used[code])) for code in instrument.constructs}
    dims = {name: one(name, len(used))
            for name, used in _dimension_items(instrument, items_used) if used}
    return categories, dims, cat


# ------------------------------------------------------------------ bootstrap

def _bootstrap_plan(opts: AnalysisOptions) -> dict:
    """Keyword arguments shared by every bootstrap of the study; empty when off."""
    if opts.bootstrap == 0:
        return {}
    from .resampling import random_seed

    seed = random_seed() if opts.seed is None else opts.seed
    return {"n_resamples": opts.bootstrap, "ci": 1 - opts.sig_level, "seed": seed,
            "method": opts.bootstrap_method}


def _bootstrap_alpha(responses, items_used, boot) -> dict:
    if not boot:
        return {}
    from .bootstrap import bootstrap_alpha

    return {code: bootstrap_alpha(responses.items[list(used)], name=code, **boot)
            for code, used in items_used.items()}
