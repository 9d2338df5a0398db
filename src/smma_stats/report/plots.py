"""Figures for the report: category bars, regression scatter, residual plots.

:func:`make_figures` draws every figure of a ``StudyResult`` as PNG bytes
wrapped in :class:`~smma_stats.report.document.Figure`; :func:`write_figures`
saves them. Only numbers already in the result are drawn (counts, b values,
residuals); nothing is estimated here.

matplotlib is imported inside the functions, never at module import, so
``import smma_stats`` and the command line stay quick. Figures are drawn on
matplotlib's Agg canvas directly (no pyplot, no global figure state) with the
default style, a fixed size and dpi, and PNG metadata stripped, so the same
result gives the same bytes.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from ..errors import SmmaError
from ..output import write_atomic
from .document import Figure
from .format import decimal_text
from .messages import CATALOGUE
from .plots_moderation import moderation_draws

#: Figure size in inches and resolution: 6.4 x 4.2 in at 120 dpi = 768 x 504 px.
FIGSIZE = (6.4, 4.2)
DPI = 120
MARGINS = {"left": 0.1, "right": 0.97, "bottom": 0.12, "top": 0.95}

# The figures' words, from the one message catalogue (keys ``fig_*``).
_WORDS = {lang: {"lang": lang, **{k[4:]: v for k, v in words.items() if k.startswith("fig_")}}
          for lang, words in CATALOGUE.items()}

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def slugify(text: str) -> str:
    """A file-name-safe form of a construct name or formula.

    Letters, digits, ``.``, ``_`` and ``-`` are kept; every other run of
    characters becomes one ``_``.

    Examples
    --------
    >>> slugify("PI ~ entertainment + interaction")
    'PI_entertainment_interaction'
    >>> slugify("Minat beli (Y)")
    'Minat_beli_Y'
    """
    slug = _UNSAFE.sub("_", str(text)).strip("._")
    return slug or "figure"


def make_figures(study, lang: str = "en", decimal: str | None = None) -> tuple[Figure, ...]:
    """Draw every figure of a study as PNG.

    Parameters
    ----------
    study : StudyResult
        What :func:`smma_stats.analyze` returns.
    lang : {"en", "id"}
        Language of captions and axis labels. Category labels are drawn as
        they appear in each ``CategoryResult.table``, except that the
        standard labels (low/medium/high, Rendah/Sedang/Tinggi, and the
        five-class sets) are shown in ``lang``.
    decimal : {"point", "comma"}, optional
        Decimal separator of the numbers drawn (bar percentages, the
        regression equation, R², the SD of the normal curve); by default the
        comma for ``"id"`` and the point otherwise, as in the report.

    Returns
    -------
    tuple of Figure
        In this order: one category bar chart per construct
        (``categories_<construct>.png``); one scatter plot with the fitted
        line per simple model (``scatter_<Y>_<X>.png``); then, per model
        numbered from 1, a residual histogram with the normal curve
        (``residual_hist_<i>.png``), SPSS's Normal P-P plot of the
        standardized residual (``residual_pp_<i>.png``), a normal Q-Q plot of
        the residuals (``residual_qq_<i>.png``) and SPSS's scatterplot of
        SRESID against ZPRED (``residual_zpred_sresid_<i>.png``). Each
        figure's ``anchor`` names its section: ``categories:<construct>``,
        ``model:<i>`` for the scatter, ``assumptions:<i>`` for the residual
        figures.

    Notes
    -----
    The Q-Q plot puts the sorted residuals against the normal quantiles of
    Blom's plotting positions (i - 0.375) / (n + 0.25), the positions SPSS
    uses for its normal P-P and Q-Q plots. The normal curve over the
    histogram has mean 0 and the residuals' SD (n - 1 divisor), scaled to
    counts.

    Examples
    --------
    A study with constructs SMMA (dimensions entertainment, interaction) and
    PI, and the models ``PI ~ SMMA`` and ``PI ~ entertainment + interaction``:

    >>> figs = make_figures(study, lang="id")                 # doctest: +SKIP
    >>> [f.name for f in figs]                                 # doctest: +SKIP
    ['categories_SMMA.png', 'categories_PI.png', 'scatter_PI_SMMA.png', 'residual_hist_1.png', 'residual_pp_1.png', 'residual_qq_1.png', 'residual_zpred_sresid_1.png', 'residual_hist_2.png', 'residual_pp_2.png', 'residual_qq_2.png', 'residual_zpred_sresid_2.png']
    >>> figs[2].caption                                        # doctest: +SKIP
    'Diagram pencar Minat beli (PI) terhadap Aktivitas pemasaran media sosial (SMMA) dengan garis regresi'
    """
    words = _figure_words(lang, decimal)
    figures: list[Figure] = []
    used: set[str] = set()

    def add(stem: str, caption: str, draw, anchor: str | None = None) -> None:
        figures.append(Figure(_unique(stem, used), caption, draw_png(_comma_ticked(draw, words)),
                              anchor=anchor))

    instrument = study.instrument

    def name(code: str) -> str:
        label = instrument.label_of(code, lang)
        return code if label.lower() == code.lower() else f"{label} ({code})"

    for code, cat in study.categories.items():
        add(f"categories_{slugify(code)}",
            words["categories"].format(name=name(code), n=int(cat.n)),
            lambda fig, cat=cat: _draw_categories(fig, cat, words), f"categories:{code}")

    scores = study.scores
    for i, m in enumerate(study.models, start=1):
        reg = m.regression
        if len(reg.predictors) != 1:
            continue
        x_name, y_name = reg.predictors[0], reg.dependent
        names = (name(x_name), name(y_name))
        add(f"scatter_{slugify(y_name)}_{slugify(x_name)}",
            words["scatter"].format(y=names[1], x=names[0]),
            lambda fig, reg=reg, names=names: _draw_scatter(fig, reg, scores, words, names),
            f"model:{i}")

    for i, m in enumerate(study.models, start=1):
        _residual_figures(add, i, m, scores, words, name)
    for i, res in enumerate(getattr(study, "moderation", ()), start=1):
        stem = f"moderation_{i}_{slugify(res.y)}_{slugify(res.x)}_{slugify(res.w)}"
        for key, caption, draw in moderation_draws(res, words, name):
            add(f"{stem}_{key}", caption, draw, f"moderation:{i}")
    return tuple(figures)


def moderation_figures(result, lang: str = "en", decimal: str | None = None) -> dict[str, bytes]:
    """The figures of one moderation as PNG bytes, keyed ``simple_slopes`` and
    (for a continuous W) ``johnson_neyman``; :func:`make_figures` draws the
    same ones for every moderation of a study.

    Parameters
    ----------
    result : ModerationResult
        What :func:`smma_stats.moderation` returns.
    lang, decimal
        As for :func:`make_figures`.
    """
    words = _figure_words(lang, decimal)
    return {key: draw_png(_comma_ticked(draw, words))
            for key, _, draw in moderation_draws(result, words)}


def _residual_figures(add, i: int, m, scores, words, name) -> None:
    """Histogram, P-P, Q-Q and ZPRED-SRESID plots of model ``i``, in its assumption section."""
    from ..errors import SmmaError as _Error
    from .plots_residual import draw_pp, draw_zpred_sresid

    reg, where = m.regression, f"assumptions:{i}"
    resid = _finite(reg.residuals)
    y = name(reg.dependent)
    add(f"residual_hist_{i}", words["hist"].format(i=i, formula=m.formula),
        lambda fig: _draw_histogram(fig, resid, words), where)
    diag = None
    if scores is not None and resid.size > len(reg.predictors) + 1:
        from ..residual_diagnostics import residual_diagnostics

        try:
            diag = residual_diagnostics(reg, scores)
        except (_Error, KeyError, ValueError):
            diag = None
    if diag is not None:
        add(f"residual_pp_{i}", words["pp"].format(i=i, y=y),
            lambda fig: draw_pp(fig, diag.table["zresid"], words), where)
    add(f"residual_qq_{i}", words["qq"].format(i=i, formula=m.formula),
        lambda fig: _draw_qq(fig, resid, words), where)
    if diag is not None:
        add(f"residual_zpred_sresid_{i}", words["zpred"].format(i=i, y=y),
            lambda fig: draw_zpred_sresid(fig, diag.table, words), where)


def write_figures(figures, directory) -> list[Path]:
    """Write figures as PNG files into ``directory`` (created if missing).

    Each file is written to a temporary file in the same directory and then
    renamed over the target, so a reader never sees half a PNG.

    Parameters
    ----------
    figures : iterable of Figure
    directory : str or Path

    Returns
    -------
    list of Path
        The written files, in the order of ``figures``.

    Raises
    ------
    SmmaError
        The directory cannot be created or a file cannot be written.

    Examples
    --------
    >>> paths = write_figures(make_figures(study), "plots")    # doctest: +SKIP
    >>> [p.name for p in paths][:2]                            # doctest: +SKIP
    ['categories_SMMA.png', 'categories_PI.png']
    """
    out_dir = Path(directory)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SmmaError(f"cannot create the figure directory {str(out_dir)!r}: "
                        f"{exc.strerror or exc}") from exc
    return [write_atomic(out_dir / fig.name, fig.png) for fig in figures]


# --- drawing ---------------------------------------------------------------

def _draw_categories(fig, cat, words) -> None:
    table = cat.table
    labels = _category_labels(cat, words["lang"])
    counts = [int(c) for c in table["count"]]
    percents = [float(p) for p in table["percent"]]
    ax = fig.add_subplot()
    pos = list(range(len(labels)))
    bars = ax.bar(pos, counts, color="#4C72B0", edgecolor="black", linewidth=0.6)
    ax.set_xticks(pos, labels)
    texts = [f"{c} ({decimal_text(f'{p:.1f}', words.get('comma'))}%)"
             for c, p in zip(counts, percents)]
    ax.bar_label(bars, labels=texts, padding=2, fontsize=9)
    top = max(counts, default=0)
    ax.set_ylim(0, max(1.0, top * 1.15))
    ax.set_xlabel(words["category"])
    ax.set_ylabel(words["count"])
    ax.spines[["top", "right"]].set_visible(False)


def _draw_scatter(fig, reg, scores, words, names=None) -> None:
    import numpy as np

    x_name, y_name = reg.predictors[0], reg.dependent
    x_title, y_title = names or (x_name, y_name)
    x = np.asarray(scores[x_name], dtype=float)
    y = np.asarray(scores[y_name], dtype=float)
    b0, b1 = _simple_coefficients(reg)
    ax = fig.add_subplot()
    ax.scatter(x, y, s=18, alpha=0.7, color="#4C72B0", edgecolor="none",
               label=words["observations"])
    finite = x[np.isfinite(x)]
    if finite.size and math.isfinite(b0) and math.isfinite(b1):
        lo, hi = float(finite.min()), float(finite.max())
        ax.plot([lo, hi], [b0 + b1 * lo, b0 + b1 * hi], color="#C44E52", linewidth=1.6,
                label=words["fitted_line"])
        r2 = getattr(reg, "r2", float("nan"))
        text = _equation(y_name, x_name, b0, b1, words.get("comma", False))
        if math.isfinite(r2):
            text += f"\nR² = {decimal_text(f'{r2:.3f}', words.get('comma'))}"
        # above the axes, where no point can be
        ax.text(0.0, 1.02, text, transform=ax.transAxes, va="bottom", ha="left", fontsize=9)
    ax.set_xlabel(x_title)
    ax.set_ylabel(y_title)
    legend_above(fig, ax)
    ax.spines[["top", "right"]].set_visible(False)


def _draw_histogram(fig, resid, words) -> None:
    import numpy as np

    from ..distributions import norm_pdf

    ax = fig.add_subplot()
    n = resid.size
    if n == 0:
        return
    sd = float(np.std(resid, ddof=1)) if n > 1 else 0.0
    bins = max(5, min(30, math.ceil(math.log2(n) + 1) + 2))
    _, edges, _ = ax.hist(resid, bins=bins, color="#4C72B0", edgecolor="black",
                               linewidth=0.6)
    if sd > 0:
        width = float(edges[1] - edges[0])
        lo = min(float(edges[0]), -3.5 * sd)
        hi = max(float(edges[-1]), 3.5 * sd)
        grid = np.linspace(lo, hi, 200)
        density = norm_pdf(grid / sd) / sd
        ax.plot(grid, density * n * width, color="#C44E52", linewidth=1.6,
                label=words["normal_curve"].format(
                    sd=decimal_text(f"{sd:.3f}", words.get("comma"))))
        legend_above(fig, ax)
    ax.set_xlabel(words["residual"])
    ax.set_ylabel(words["count"])
    ax.spines[["top", "right"]].set_visible(False)


def _draw_qq(fig, resid, words) -> None:
    import numpy as np

    ax = fig.add_subplot()
    n = resid.size
    if n == 0:
        return
    z, observed = qq_points(resid)
    ax.scatter(z, observed, s=18, color="#4C72B0", edgecolor="none")
    sd = float(np.std(resid, ddof=1)) if n > 1 else 0.0
    mean = float(np.mean(resid))
    ends = np.array([z[0], z[-1]])
    ax.plot(ends, mean + sd * ends, color="#C44E52", linewidth=1.4)
    ax.set_xlabel(words["theoretical"])
    ax.set_ylabel(words["observed"])
    ax.spines[["top", "right"]].set_visible(False)


def legend_above(fig, ax) -> None:
    """The legend above the plot, right-aligned, where it covers no bar or point."""
    fig.subplots_adjust(top=0.86)
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.01), fontsize=8, frameon=False,
              borderaxespad=0.0)


def qq_points(values):
    """Normal Q-Q coordinates: Blom quantiles and the sorted values.

    Parameters
    ----------
    values : array_like
        Finite numbers.

    Returns
    -------
    z, observed : ndarray
        ``z[i] = ndtri((i - 0.375) / (n + 0.25))`` for ranks i = 1..n, and
        the values sorted ascending.

    Examples
    --------
    >>> z, obs = qq_points([3.0, 1.0, 2.0])
    >>> z.round(4).tolist()
    [-0.8694, 0.0, 0.8694]
    >>> obs.tolist()
    [1.0, 2.0, 3.0]
    """
    import numpy as np
    from ..distributions import norm_ppf

    observed = np.sort(np.asarray(values, dtype=float))
    n = observed.size
    ranks = np.arange(1, n + 1, dtype=float)
    return norm_ppf((ranks - 0.375) / (n + 0.25)), observed


# --- helpers ---------------------------------------------------------------

def _figure_words(lang: str, decimal: str | None) -> dict:
    words = dict(_words(lang))
    words["comma"] = (decimal or ("comma" if lang == "id" else "point")) == "comma"
    return words


def _comma_ticked(draw, words):
    """``draw`` followed by the decimal comma on the numeric tick labels, when asked."""
    def drawn(fig) -> None:
        draw(fig)
        for ax in fig.axes:
            comma_ticks(ax, words.get("comma"))
    return drawn


def _words(lang: str) -> dict:
    try:
        return _WORDS[lang]
    except KeyError:
        raise SmmaError(f"unknown language {lang!r}: use one of "
                        f"{', '.join(sorted(_WORDS))}") from None


def _category_labels(cat, lang: str) -> list[str]:
    """The table's classes: the standard keys in the figure's language, others as given."""
    from ..categories import KEYS
    from .messages import msg

    labels = [str(c) for c in cat.table["category"]]
    if tuple(labels) == KEYS.get(len(labels)):
        return [msg(f"cat_{len(labels)}_{j}", lang) for j in range(len(labels))]
    return labels


def _simple_coefficients(reg) -> tuple[float, float]:
    from ..regression import CONSTANT

    coefs = reg.coefficients
    terms = [str(t) for t in coefs["term"]]
    b = [float(v) for v in coefs["b"]]
    x_name = reg.predictors[0]
    b0 = b[terms.index(CONSTANT)] if CONSTANT in terms else b[0]
    b1 = b[terms.index(x_name)] if x_name in terms else b[1]
    return b0, b1


def _equation(y_name: str, x_name: str, b0: float, b1: float, comma: bool = False) -> str:
    sign = "−" if b1 < 0 else "+"
    b0_text, b1_text = (decimal_text(f"{v:.3f}", comma) for v in (b0, abs(b1)))
    return f"{y_name} = {b0_text} {sign} {b1_text} {x_name}"


def comma_ticks(ax, comma) -> None:
    """Tick labels with the decimal comma (numeric axes only; category names stay)."""
    if not comma:
        return
    from matplotlib.ticker import ScalarFormatter

    class CommaFormatter(ScalarFormatter):
        def __call__(self, x, pos=None):
            return super().__call__(x, pos).replace(".", ",")

    for axis in (ax.xaxis, ax.yaxis):
        if type(axis.get_major_formatter()) is ScalarFormatter:
            axis.set_major_formatter(CommaFormatter())


def _finite(values):
    import numpy as np

    arr = np.asarray(values, dtype=float).ravel()
    return arr[np.isfinite(arr)]


def _unique(stem: str, used: set[str]) -> str:
    name, k = f"{stem}.png", 2
    while name.lower() in used:
        name, k = f"{stem}_{k}.png", k + 1
    used.add(name.lower())
    return name


def draw_png(draw, margins=MARGINS) -> bytes:
    """PNG bytes of a :data:`FIGSIZE` figure at :data:`DPI` that ``draw(fig)`` fills.

    matplotlib's default style, fixed ``margins`` (fractions of the figure),
    the Agg canvas and no metadata: the same drawing gives the same bytes.
    """
    import io

    import matplotlib.style
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure

    with matplotlib.style.context("default"):
        fig = MplFigure(figsize=FIGSIZE, dpi=DPI)
        # fixed margins rather than a layout engine: one draw per figure, not two
        fig.subplots_adjust(**margins)
        FigureCanvasAgg(fig)
        draw(fig)
        buf = io.BytesIO()
        # No "Software" text chunk, so the bytes do not change with the matplotlib version.
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
        return buf.getvalue()
