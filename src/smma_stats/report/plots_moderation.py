"""The figures of a moderation: simple slopes and the Johnson-Neyman plot.

Drawn from a :class:`~smma_stats.moderation_analysis.ModerationResult` (its
``simple_slopes`` table and its conditional effect of X at any W), in the
report's language and decimal separator; :mod:`smma_stats.report.plots` puts
them in the moderation's section. matplotlib is only touched through the
figure it is handed.
"""

from __future__ import annotations

import textwrap

import numpy as np

from .format import decimal_text


def moderation_draws(res, words, name=str) -> list[tuple[str, str, object]]:
    """``(key, caption, draw)`` of each figure of one moderation.

    ``"simple_slopes"`` (predicted Y against X, one line per probed W) and,
    for a continuous W, ``"johnson_neyman"`` (the conditional effect of X
    across W's observed range with its confidence band, the zero line and
    the Johnson-Neyman points). ``words`` holds the figure words of the
    catalogue (``moderation_slopes``, ``moderation_jn``, ``effect_of``) and
    ``comma``, whether numbers take the decimal comma; ``name`` turns a
    column name into the name shown (the construct's label, say).
    """
    names = {"x": name(res.x), "y": name(res.y), "w": name(res.w)}
    out = [("simple_slopes", words["moderation_slopes"].format(**names),
            lambda fig: _draw_slopes(fig.add_subplot(1, 1, 1), res, words, names))]
    if not res.w_dichotomous:
        out.append(("johnson_neyman", words["moderation_jn"].format(**names),
                    lambda fig: _draw_jn(fig.add_subplot(1, 1, 1), res, words, names)))
    return out


def _draw_slopes(ax, res, words, names) -> None:
    for wi, part in res.simple_slopes.groupby("w", sort=True):
        value = decimal_text(f"{wi:.3g}", words.get("comma"))
        ax.plot(part["x"], part["y_hat"], marker="o", label=f"{names['w']} = {value}")
    ax.set_xlabel(names["x"])
    ax.set_ylabel(names["y"])
    ax.legend(loc="best", fontsize="small")


def _draw_jn(ax, res, words, names) -> None:
    grid = res.conditional_effect(np.linspace(res.w_min, res.w_max, 101))
    ax.fill_between(grid["w"], grid["conf_low"], grid["conf_high"], alpha=0.25, linewidth=0)
    ax.plot(grid["w"], grid["effect"])
    ax.axhline(0.0, color="black", linewidth=0.8)
    for p in res.johnson_neyman["w"]:
        ax.axvline(p, color="grey", linestyle="--", linewidth=0.8)
    ax.set_xlabel(names["w"])
    # two lines at most, so a long construct label stays inside the figure's height
    ax.set_ylabel(textwrap.fill(words["effect_of"].format(x=names["x"], y=names["y"]), 36))
