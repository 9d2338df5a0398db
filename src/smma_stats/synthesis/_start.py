"""Starting points of both searches, drawn from normal curves.

Stage 1 starts each construct's sums from a normal curve whose spread puts
the counted tail where the category counts ask (the model pair correlated as
the regression asks), then carries the respondents nearest a cut across it
until the counts are exact. Stage 2 starts each respondent's answers at the
sum divided evenly, spread by the within-respondent variance that the alpha
target implies.
"""

from __future__ import annotations

import math

import numpy as np

from ._random import Uniforms
from ._targets import Score


def initial_sums(u: Uniforms, spec: dict, n: int) -> dict[str, list[int]]:
    """Integer sums per construct with the category counts already exact."""
    from scipy.special import ndtri

    scores, model = spec["scores"], spec["model"]
    z_common = u.normal_scores(n)
    sums = {}

    def sd_for(sc: Score) -> float:
        # choose the spread so that a normal curve puts the counted tail where asked
        for idx in (0, len(sc.counts) - 1):
            cnt = sc.counts[idx]
            if cnt is None or cnt in (0, n):
                continue
            below = cnt / n if idx == 0 else 1 - cnt / n
            cut = (sc.thresholds[0] if idx == 0 else sc.thresholds[-1]) - 0.5
            z = float(ndtri(below))
            if z != 0 and (cut - sc.mean) / z > 0:
                return min((cut - sc.mean) / z, (sc.hi - sc.lo) / 4)
        # a sum of k items with SD 0.2 of the scale width, correlated as alpha implies
        a = spec["alphas"].get(sc.name, 0.8)
        r_bar = a / (sc.k - (sc.k - 1) * a)
        return 0.2 * (sc.hi - sc.lo) / sc.k * math.sqrt(sc.k * (1 + (sc.k - 1) * r_bar))

    def clip(v, sc):
        return [min(max(round(float(t)), sc.lo), sc.hi) for t in v]

    if model:
        sx, sy = scores[model["x"]], scores[model["y"]]
        sd_x = sd_for(sx)
        r = math.sqrt(model["r2"])
        b_sum = model["b"] * model["b_sum_factor"]
        sd_e = abs(b_sum) * sd_x * math.sqrt(1 - model["r2"]) / r
        x = clip(sx.mean + sd_x * z_common, sx)
        xa = np.array(x, float)
        e = u.normal_scores(n)
        e = (e - e.mean()) / e.std()
        sums[sx.name] = x
        sums[sy.name] = clip(sy.mean + b_sum * (xa - xa.mean()) + sd_e * e, sy)
    for code, sc in scores.items():
        if code not in sums:
            z = 0.5 * z_common + math.sqrt(0.75) * u.normal_scores(n)
            sums[code] = clip(sc.mean + sd_for(sc) * z, sc)
        _repair_counts(sums[code], sc)
    return sums


def _repair_counts(col: list[int], sc: Score) -> None:
    """Carry the respondents nearest a category boundary across it until the counts fit."""
    def err(cnt):
        return sum(abs(a - t) for a, t in zip(cnt, sc.counts) if t is not None)

    cnt = [0] * len(sc.counts)
    for t in col:
        cnt[sc.category(t)] += 1
    for _ in range(len(col) * len(sc.counts)):
        now = err(cnt)
        if now == 0:
            return
        best = None
        for j, t in enumerate(col):
            c = sc.category(t)
            for c2 in range(len(sc.counts)):
                if c2 == c:
                    continue
                # the nearest score of class c2: its lowest, or its highest
                new = sc.thresholds[c2 - 1] if c2 > c else sc.thresholds[c2] - 1
                if not sc.lo <= new <= sc.hi or sc.category(new) != c2:
                    continue
                trial = list(cnt)
                trial[c] -= 1
                trial[c2] += 1
                cand = (err(trial), abs(new - t), j, new)
                if best is None or cand < best:
                    best = cand
        if best is None or best[0] >= now:
            return
        j, new = best[2], best[3]
        cnt[sc.category(col[j])] -= 1
        cnt[sc.category(new)] += 1
        col[j] = new


def initial_items(u: Uniforms, totals: list[int], k: int, lo: int, hi: int,
                  alpha: float | None) -> list[list[int]]:
    """Split each respondent's sum ``totals[j]`` into ``k`` answers in ``lo..hi``."""
    n = len(totals)
    t = np.array(totals, float)
    var_t = float(t.var(ddof=1))
    a = 0.8 if alpha is None else alpha
    # within-respondent spread that gives alpha: sum of item deviation variances
    # = (1 - alpha) (k - 1) / k * var(T)
    sd_e = math.sqrt(max((1 - a) * (k - 1) / k * var_t / k, 0.05))
    offsets = u.normals(k) * 0.15
    offsets -= offsets.mean()
    x = []
    for j in range(n):
        z = u.normals(k)
        row = [min(max(round(float(totals[j] / k + offsets[i] + sd_e * z[i])), lo), hi)
               for i in range(k)]
        diff = totals[j] - sum(row)
        while diff != 0:
            step = 1 if diff > 0 else -1
            free = [i for i in range(k) if lo <= row[i] + step <= hi]
            i = free[u.index(len(free))]
            row[i] += step
            diff -= step
        x.append(row)
    return x
