"""The two residual figures SPSS users paste: Normal P-P plot and ZPRED vs SRESID.

Drawn from :func:`smma_stats.residual_diagnostics.residual_diagnostics`
values; :mod:`smma_stats.report.plots` puts them in a model's assumption
section. matplotlib is only touched through the figure it is handed.
"""

from __future__ import annotations

import numpy as np

#: Colours shared with the other figures of the report.
POINT = "#4C72B0"
LINE = "#C44E52"


def draw_pp(fig, zresid, words) -> None:
    """Observed against expected cumulative probability, with the diagonal.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    zresid : array_like
        Standardized residuals (ZRESID).
    words : dict
        Axis titles (``pp_observed``, ``pp_expected``).
    """
    from ..residual_diagnostics import normal_pp_points

    observed, expected = normal_pp_points(zresid)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], color=LINE, linewidth=1.2)
    ax.scatter(observed, expected, s=16, color=POINT, edgecolor="none")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel(words["pp_observed"])
    ax.set_ylabel(words["pp_expected"])
    ax.spines[["top", "right"]].set_visible(False)


def draw_zpred_sresid(fig, table, words) -> None:
    """SRESID (y) against ZPRED (x), with a dashed zero line, as SPSS's scatterplot.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    table : pandas.DataFrame
        ``ResidualDiagnosticsResult.table`` (columns ``zpred``, ``sresid``).
    words : dict
        Axis titles (``zpred_axis``, ``sresid_axis``).
    """
    x = np.asarray(table["zpred"], dtype=float)
    y = np.asarray(table["sresid"], dtype=float)
    ax = fig.add_subplot()
    ax.axhline(0.0, color="0.5", linewidth=0.8, linestyle="--")
    ax.axvline(0.0, color="0.5", linewidth=0.8, linestyle="--")
    ax.scatter(x, y, s=16, color=POINT, edgecolor="none")
    ax.set_xlabel(words["zpred_axis"])
    ax.set_ylabel(words["sresid_axis"])
    ax.spines[["top", "right"]].set_visible(False)
