"""Synthetic response tables with chosen statistics, for teaching and testing.

:func:`synthesize` builds a table of Likert answers for an instrument whose
analysis reproduces given figures: Cronbach's alpha per construct, the slope
and R squared of one simple regression between construct scores, normal
residuals of that regression, and category counts. A lecturer can make a fresh
exercise data set; the shipped sample reproduces a published study.

The search has two stages. First the construct scores alone (one integer sum
per respondent and construct) are moved one point at a time until the
regression, the category counts and the residual normality are met; the
tolerance on the slope and R squared tightens over the run while the counts
are kept exact. Then, respondent by respondent, single answers are traded
between two items of the same construct, which leaves every sum (so the
regression and the counts) untouched and moves only the item variances: that
sets alpha and keeps every item valid.

Every quantity the search steers is computed from integer sums, and every
random draw is a uniform double from numpy's PCG64 stream, so a seed gives the
same table, byte for byte, on any machine.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from .errors import DataError

_TARGET_KEYS = ("alpha", "model", "categories", "normal_residuals", "item_mean",
                "attributes", "tolerance")
_FORMULA_RE = re.compile(r"^\s*(\S+)\s*~\s*(\S+)\s*$")
# Item means may wander this far from the target item mean (per construct mean,
# and per item around its construct's mean).
_MEAN_BAND, _ITEM_BAND = 0.1, 0.35
# Safety margins above the critical r so every item stays valid after rounding.
_R_MARGIN, _RC_MARGIN = 0.10, 0.05
_STAGE_BUDGET, _PATIENCE = 40_000, 8_000
# Moves scored together by the exhaustive two-move step (pairs: this squared).
_POLISH_MOVES = 700
_ROUNDS = 20
_SUM_STARTS = 4        # stage-1 results tried when stage 2 cannot meet alpha
_HINT = " (a looser 'tolerance', more respondents or more items make targets easier)"


def load_targets(path: str | Path) -> dict:
    """Read synthesis targets from a YAML file.

    Parameters
    ----------
    path : str or Path
        YAML mapping with the keys described in :func:`synthesize`.

    Returns
    -------
    dict

    Raises
    ------
    DataError
        The file is missing, not YAML, or not a mapping of known keys.
    """
    import yaml

    p = Path(path)
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise DataError(f"{p}: targets file not found") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataError(f"{p}: cannot read targets ({exc.__class__.__name__})") from None
    if not isinstance(raw, dict):
        raise DataError(f"{p}: targets must be a mapping (alpha, model, categories, ...)")
    unknown = sorted(set(map(str, raw)) - set(_TARGET_KEYS))
    if unknown:
        raise DataError(f"{p}: unknown targets key {unknown[0]!r} "
                        f"(known: {', '.join(_TARGET_KEYS)})")
    return raw


# ----------------------------------------------------------------- random draws

class _Uniforms:
    """Uniform doubles from PCG64, drawn in blocks; the only source of randomness."""

    def __init__(self, seed_seq):
        self._gen = np.random.Generator(np.random.PCG64(seed_seq))
        self._buf: list[float] = []

    def next(self) -> float:
        if not self._buf:
            self._buf = self._gen.random(4096).tolist()[::-1]
        return self._buf.pop()

    def index(self, m: int) -> int:
        return min(int(self.next() * m), m - 1)

    def normals(self, size: int) -> np.ndarray:
        from scipy.special import ndtri

        u = np.array([self.next() for _ in range(size)])
        return ndtri(np.clip(u, 1e-12, 1 - 1e-12))

    def normal_scores(self, size: int) -> np.ndarray:
        """Blom's normal scores in random order: a sample shaped exactly normal."""
        from scipy.special import ndtri

        ranks = np.array(self.shuffled(range(1, size + 1)), float)
        return ndtri((ranks - 0.375) / (size + 0.25))

    def shuffled(self, values) -> list:
        out = list(values)
        for i in range(len(out) - 1, 0, -1):   # Fisher-Yates
            j = self.index(i + 1)
            out[i], out[j] = out[j], out[i]
        return out

    def weighted(self, weights) -> int:
        u, acc = self.next() * sum(weights), 0.0
        for i, w in enumerate(weights):
            acc += w
            if u < acc:
                return i
        return len(weights) - 1


# ----------------------------------------------------------------- targets

class _Score:
    """One construct's sum score: range, category thresholds and count targets."""

    def __init__(self, name, k, lo, hi, thresholds, counts, mean):
        self.name, self.k, self.lo, self.hi = name, k, lo, hi
        self.thresholds = thresholds          # category = number of thresholds <= T
        self.counts = counts                  # per category index, None = free
        self.mean = mean                      # target mean of the sum

    def category(self, t: int) -> int:
        return sum(t >= c for c in self.thresholds)


def _thresholds(method: str, levels: int, k: int, lo: int, hi: int) -> tuple[int, ...]:
    """Smallest integer sum in each category above the lowest (lower bounds inclusive)."""
    if method == "interval":
        cuts = [Fraction(lo) + Fraction(j * (hi - lo), levels) for j in range(1, levels)]
    elif method == "mean_sd":
        mu, sd = Fraction(lo + hi, 2), Fraction(hi - lo, 6)
        zs = (-1, 1) if levels == 3 else (Fraction(-3, 2), Fraction(-1, 2),
                                          Fraction(1, 2), Fraction(3, 2))
        cuts = [mu + z * sd for z in zs]
    else:  # ideal_percent: the score as a share of the ideal (highest) score
        cuts = [Fraction(hi * j, levels) for j in range(1, levels)]
    return tuple(math.ceil(c) for c in cuts)


def _parse(instrument, n, targets) -> dict:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 10:
        raise DataError(f"n must be a whole number of at least 10 respondents, got {n!r}")
    if not isinstance(targets, Mapping):
        raise DataError("targets must be a mapping (alpha, model, categories, ...)")
    unknown = sorted(set(map(str, targets)) - set(_TARGET_KEYS))
    if unknown:
        raise DataError(f"unknown targets key {unknown[0]!r} (known: {', '.join(_TARGET_KEYS)})")
    lo_s, hi_s = instrument.scale.min, instrument.scale.max
    item_mean = float(targets.get("item_mean", lo_s + 0.8 * (hi_s - lo_s)))
    if not lo_s + 0.5 < item_mean < hi_s - 0.3:
        raise DataError(f"item_mean {item_mean} leaves no room inside the scale "
                        f"{lo_s}..{hi_s}")
    tol = float(targets.get("tolerance", 2e-4))
    if not 0 < tol <= 0.01:
        raise DataError(f"tolerance must be in (0, 0.01], got {tol}")
    from .categories import LABELS

    cat = instrument.categories or {}
    method, levels = cat.get("method", "interval"), int(cat.get("levels", 3))
    labels = LABELS["en"][levels]
    labels_id = [lab.lower() for lab in LABELS["id"][levels]]
    cat_targets = targets.get("categories") or {}
    if cat_targets and cat.get("basis", "hypothetical") != "hypothetical":
        raise DataError("categories: synthesis counts categories on the theoretical range "
                        "only; the instrument uses basis 'sample'")
    scores = {}
    for code, con in instrument.constructs.items():
        k = len(con.items)
        lo, hi = k * lo_s, k * hi_s
        counts: list[int | None] = [None] * levels
        for label, cnt in (cat_targets.get(code) or {}).items():
            key = str(label).strip().lower()
            if key not in labels and key not in labels_id:
                raise DataError(f"categories.{code}: unknown category {label!r} "
                                f"(known: {', '.join(labels)})")
            index = labels.index(key) if key in labels else labels_id.index(key)
            if isinstance(cnt, bool) or not isinstance(cnt, int) or not 0 <= cnt <= n:
                raise DataError(f"categories.{code}.{label}: count {cnt!r} is not "
                                f"between 0 and n = {n}")
            counts[index] = cnt
        given = [c for c in counts if c is not None]
        if sum(given) > n or (len(given) == levels and sum(given) != n):
            raise DataError(f"categories.{code}: counts add up to {sum(given)}, "
                            f"not {'at most ' if len(given) < levels else ''}n = {n}")
        scores[code] = _Score(code, k, lo, hi, _thresholds(method, levels, k, lo, hi),
                              counts, k * item_mean)
    for code in cat_targets:
        if code not in scores:
            raise DataError(f"categories: {code!r} is not a construct of {instrument.name!r}")
    alphas = {}
    for code, value in (targets.get("alpha") or {}).items():
        if code not in scores:
            raise DataError(f"alpha: {code!r} is not a construct of {instrument.name!r}")
        if scores[code].k < 2:
            raise DataError(f"alpha: construct {code!r} has one item; alpha needs two")
        if not isinstance(value, (int, float)) or not -1 < value < 1:
            raise DataError(f"alpha.{code}: target {value!r} must lie between -1 and 1")
        alphas[code] = float(value)
    model = None
    if targets.get("model"):
        m = targets["model"]
        match = _FORMULA_RE.match(str(m.get("formula", "")))
        if not match:
            raise DataError(f"model.formula: write one simple regression 'Y ~ X', "
                            f"not {m.get('formula')!r}")
        y, x = match.groups()
        for term in (y, x):
            if term not in scores:
                raise DataError(f"model.formula: {term!r} is not a construct of "
                                f"{instrument.name!r}")
        if x == y:
            raise DataError("model.formula: the same construct on both sides")
        b, r2 = float(m.get("b", math.nan)), float(m.get("r2", math.nan))
        if not (0 < r2 < 1) or b == 0 or math.isnan(b):
            raise DataError(f"model: needs b (not 0) and r2 strictly between 0 and 1, "
                            f"got b = {m.get('b')!r}, r2 = {m.get('r2')!r}")
        # slope in sum units: a mean score divides each sum by its item count
        scale = scores[y].k / scores[x].k if instrument.score == "mean" else 1.0
        model = {"y": y, "x": x, "b": b, "r2": r2, "b_sum_factor": scale,
                 "formula": f"{y} ~ {x}"}
    normal = targets.get("normal_residuals", False)
    if normal and model is None:
        raise DataError("normal_residuals needs a model")
    dmax = 0.65 / math.sqrt(n) if normal else None
    return {"scores": scores, "alphas": alphas, "model": model, "dmax": dmax, "tol": tol,
            "item_mean": item_mean, "attributes": targets.get("attributes") or {}}


# ----------------------------------------------------------------- stage 1: sums

def _lilliefors_d(x: np.ndarray, y: np.ndarray, b: float) -> float:
    """Lilliefors D of the residuals of y on x (slope b; the intercept cancels)."""
    from scipy.special import ndtr

    e = np.sort(y - b * x)
    e = e - math.fsum(e.tolist()) / len(e)
    sd = math.sqrt(math.fsum((e * e).tolist()) / (len(e) - 1))   # exact sums: no BLAS
    if sd == 0:
        return 1.0
    f = ndtr(e / sd)
    n = len(e)
    i = np.arange(1, n + 1)
    return float(max(np.max(i / n - f), np.max(f - (i - 1) / n)))


def _initial_sums(u: _Uniforms, spec: dict, n: int) -> dict[str, list[int]]:
    from scipy.special import ndtri

    scores, model = spec["scores"], spec["model"]
    z_common = u.normal_scores(n)
    sums = {}

    def sd_for(sc: _Score) -> float:
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


def _repair_counts(col: list[int], sc: _Score) -> None:
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


class _SumSearch:
    """Stage 1 state: integer sums, category counts and the model pair's moments."""

    def __init__(self, spec, sums, n):
        self.spec, self.n, self.model = spec, n, spec["model"]
        self.scores = spec["scores"]
        self.codes = list(self.scores)
        self.sums = {c: list(sums[c]) for c in self.codes}
        self.total = {c: sum(v) for c, v in self.sums.items()}
        self.counts = {}
        for c in self.codes:
            cnt = [0] * len(self.scores[c].counts)
            for t in self.sums[c]:
                cnt[self.scores[c].category(t)] += 1
            self.counts[c] = cnt
        m = self.model
        if m:
            x, y = self.sums[m["x"]], self.sums[m["y"]]
            self.sxx = sum(t * t for t in x)
            self.syy = sum(t * t for t in y)
            self.sxy = sum(a * b for a, b in zip(x, y))
            self.arr = {m["x"]: np.array(x, float), m["y"]: np.array(y, float)}
        self._d: float | None = None

    def count_err(self) -> int:
        return sum(abs(a - t) for c in self.codes
                   for a, t in zip(self.counts[c], self.scores[c].counts) if t is not None)

    def change(self, code: str, j: int, step: int) -> None:
        """Move respondent ``j``'s sum of ``code`` by ``step``, updating every moment."""
        sc, col, m = self.scores[code], self.sums[code], self.model
        old = col[j]
        col[j] = old + step
        self.total[code] += step
        c_old, c_new = sc.category(old), sc.category(old + step)
        self.counts[code][c_old] -= 1
        self.counts[code][c_new] += 1
        if m and code == m["x"]:
            self.sxx += 2 * step * old + step * step
            self.sxy += step * self.sums[m["y"]][j]
        elif m and code == m["y"]:
            self.syy += 2 * step * old + step * step
            self.sxy += step * self.sums[m["x"]][j]
        else:
            return
        self.arr[code][j] += step
        self._d = None

    def fit(self) -> tuple[float, float]:
        """Slope (in score units) and R squared, from integer moments."""
        m, n = self.model, self.n
        sx, sy = self.total[m["x"]], self.total[m["y"]]
        cxy = n * self.sxy - sx * sy
        vx, vy = n * self.sxx - sx * sx, n * self.syy - sy * sy
        if vx <= 0 or vy <= 0:
            return math.nan, 0.0
        return cxy / vx / m["b_sum_factor"], cxy * cxy / (vx * vy)

    def soft(self, tol: float) -> float:
        """Penalty for the regression (in tolerance units) and for the score means."""
        pen, m = 0.0, self.model
        if m:
            b, r2 = self.fit()
            if math.isnan(b):
                return math.inf
            pen += ((b - m["b"]) / tol) ** 2 + ((r2 - m["r2"]) / tol) ** 2
        for c in self.codes:
            dev = (abs(self.total[c] / (self.n * self.scores[c].k) - self.spec["item_mean"])
                   - _MEAN_BAND)
            if dev > 0:
                pen += (dev / 0.01) ** 2
        return pen

    def d_stat(self) -> float:
        m = self.model
        if not m or self.spec["dmax"] is None:
            return 0.0
        if self._d is None:         # cached until the model pair moves
            b_sum = self.fit()[0] * m["b_sum_factor"]
            self._d = _lilliefors_d(self.arr[m["x"]], self.arr[m["y"]], b_sum)
        return self._d

    def d_pen(self) -> float:
        dmax = self.spec["dmax"]
        if dmax is None:
            return 0.0
        return (max(0.0, self.d_stat() - dmax) / 0.002) ** 2

    def propose(self, u: _Uniforms) -> list[tuple[str, int, int]]:
        m, n = self.model, self.n
        if m and (u.next() < 0.9 or len(self.codes) == 2):
            code = m["x"] if u.next() < 0.5 else m["y"]
        else:
            code = self.codes[u.index(len(self.codes))]
        step = 1 if u.next() < 0.5 else -1
        j = u.index(n)
        if u.next() < 0.5:
            return [(code, j, step)]
        # a pair keeps the mean: fine control of spread and slope
        j2 = u.index(n - 1)
        j2 += j2 >= j
        return [(code, j, step), (code, j2, -step)]

    def run(self, u: _Uniforms, tol: float, patience: int = _PATIENCE) -> bool:
        """Greedy moves until every stage-1 target is met at ``tol``."""
        key = (self.count_err(), self.soft(tol) + self.d_pen())
        stall, done = 0, key[0] == 0 and self.met(tol)
        for _ in range(_STAGE_BUDGET):
            if done:
                return True
            stall += 1
            if stall > patience:
                return False
            moves = self.propose(u)
            if any(not self.scores[c].lo <= self.sums[c][j] + st <= self.scores[c].hi
                   for c, j, st in moves):
                continue
            for c, j, st in moves:
                self.change(c, j, st)
            new_key = (self.count_err(), self.soft(tol))
            if new_key <= key:      # the D penalty is never negative: test it last
                new_key = (new_key[0], new_key[1] + self.d_pen())
            if new_key > key:
                for c, j, st in reversed(moves):
                    self.change(c, j, -st)
                continue
            if new_key < key:
                stall = 0
            key = new_key
            done = key[0] == 0 and self.met(tol)
        return done

    def polish(self, u: _Uniforms, tol: float, tries: int = 400) -> bool:
        """Exhaustive two-move step onto the targets of b and R squared.

        Single moves are too coarse for the last decimals; every pair of one-point
        moves on the model's two scores (different respondents, so the moments
        add exactly) is scored at once, and the candidates closest to the
        targets are tried in turn until one keeps the counts, the means and D.
        """
        m, n = self.model, self.n
        if not m:
            return self.met(tol)
        x, y = self.sums[m["x"]], self.sums[m["y"]]
        sx_, sy_ = self.scores[m["x"]], self.scores[m["y"]]
        moves = [(0, j, st) for j in range(n) for st in (1, -1)
                 if sx_.lo <= x[j] + st <= sx_.hi]
        moves += [(1, j, st) for j in range(n) for st in (1, -1)
                  if sy_.lo <= y[j] + st <= sy_.hi]
        moves = u.shuffled(moves)[:_POLISH_MOVES]
        moves.append((2, -1, 0))             # "no move", so single moves are pairs too
        flag = np.array([mv[0] for mv in moves], np.int64)
        jj = np.array([mv[1] for mv in moves], np.int64)
        st = np.array([mv[2] for mv in moves], np.int64)
        xv, yv = np.array(x + [0], np.int64)[jj], np.array(y + [0], np.int64)[jj]
        isx, isy = (flag == 0).astype(np.int64), (flag == 1).astype(np.int64)
        d_sx, d_sy = st * isx, st * isy
        d_sxx, d_syy = (2 * st * xv + 1) * isx, (2 * st * yv + 1) * isy
        d_sxy = st * yv * isx + st * xv * isy
        # net change of each counted category, per move
        sig = []
        for f, sc, col in ((0, sx_, x), (1, sy_, y)):
            for c, want in enumerate(sc.counts):
                if want is None:
                    continue
                before = np.array([sc.category(col[j]) == c if fl == f else False
                                   for fl, j, _ in moves])
                after = np.array([sc.category(col[j] + s_) == c if fl == f else False
                                  for fl, j, s_ in moves])
                sig.append(after.astype(np.int64) - before.astype(np.int64))
        sx = self.total[m["x"]] + d_sx[:, None] + d_sx
        sy = self.total[m["y"]] + d_sy[:, None] + d_sy
        sxx = self.sxx + d_sxx[:, None] + d_sxx
        syy = self.syy + d_syy[:, None] + d_syy
        sxy = self.sxy + d_sxy[:, None] + d_sxy
        cxy, vx, vy = n * sxy - sx * sy, n * sxx - sx * sx, n * syy - sy * sy
        distinct = (jj[:, None] != jj) | (jj[:, None] < 0) | (jj < 0)
        ok = (vx > 0) & (vy > 0) & distinct & np.triu(np.ones((len(moves),) * 2, bool))
        for s_ in sig:
            ok &= (s_[:, None] + s_) == 0
        mean_t = self.spec["item_mean"]
        ok &= np.abs(sx / (n * sx_.k) - mean_t) <= _MEAN_BAND
        ok &= np.abs(sy / (n * sy_.k) - mean_t) <= _MEAN_BAND
        vx_safe, vy_safe = np.where(ok, vx, 1), np.where(ok, vy, 1)
        b = cxy / vx_safe / m["b_sum_factor"]
        cxy_f = cxy.astype(float)
        r2 = cxy_f * cxy_f / (vx_safe.astype(float) * vy_safe)
        dist = np.maximum(np.abs(b - m["b"]), np.abs(r2 - m["r2"]))
        ok &= dist <= tol
        rows, cols = np.nonzero(ok)
        if rows.size == 0:
            return False
        order = np.lexsort((cols, rows, dist[rows, cols]))[:tries]
        names = (m["x"], m["y"])
        for i in order:
            chosen = [moves[rows[i]], moves[cols[i]]]
            chosen = [(names[f], j, s_) for f, j, s_ in chosen if f < 2]
            for c, j, s_ in chosen:
                self.change(c, j, s_)
            if self.met(tol):
                return True
            for c, j, s_ in reversed(chosen):
                self.change(c, j, -s_)
        return False

    def kick(self, u: _Uniforms, steps: int) -> None:
        """Random moves that keep the counts, the means and D, whatever b and R^2 do."""
        dmax = self.spec["dmax"]
        for _ in range(steps):
            moves = self.propose(u)
            if any(not self.scores[c].lo <= self.sums[c][j] + st <= self.scores[c].hi
                   for c, j, st in moves):
                continue
            for c, j, st in moves:
                self.change(c, j, st)
            if (self.count_err() or not self.means_ok()
                    or (dmax is not None and self.d_stat() > dmax)):
                for c, j, st in reversed(moves):
                    self.change(c, j, -st)

    def means_ok(self) -> bool:
        return all(abs(self.total[c] / (self.n * self.scores[c].k) - self.spec["item_mean"])
                   <= _MEAN_BAND for c in self.codes)

    def met(self, tol: float) -> bool:
        m, dmax = self.model, self.spec["dmax"]
        if m:
            b, r2 = self.fit()
            if not (abs(b - m["b"]) <= tol and abs(r2 - m["r2"]) <= tol):
                return False
        if dmax is not None and self.d_stat() > dmax:
            return False
        return self.count_err() == 0 and self.means_ok()


def _search_sums(u: _Uniforms, spec: dict, n: int) -> dict[str, list[int]]:
    final = spec["tol"]
    schedule = [t for t in (0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 5e-4, 2e-4) if t > final]
    schedule.append(final)
    last = None
    for _attempt in range(3):
        search = _SumSearch(spec, _initial_sums(u, spec, n), n)
        last = search
        if not search.run(u, schedule[0]):
            continue
        # greedy moves down the schedule; where single moves are too coarse for
        # the last step, an exhaustive two-move step; if none lands, kick the
        # sums and descend again
        for round_ in range(_ROUNDS):
            if round_:
                search.kick(u, n // 2)
            coarse_ok = True
            for t in schedule:
                coarse_ok &= search.run(u, t, _PATIENCE // 4) or t < 10 * final
            if not coarse_ok:        # far from the targets: a fresh start is better
                break
            if search.met(final) or search.polish(u, final):
                search.polish(u, final / 4)     # closer to the centre when a pair allows
                return _settle_order(u, search)
    raise DataError("targets not met after the search: " + _sum_shortfall(last) + _HINT)


def _settle_order(u: _Uniforms, search: _SumSearch) -> dict[str, list[int]]:
    """Put the respondents in an order whose residuals look independent.

    Row order changes no target, but a thesis also runs the Durbin-Watson
    test on the residuals in file order; reshuffle until d is near 2.
    """
    m, n, sums = search.model, search.n, search.sums
    if not m:
        return sums
    b_sum = search.fit()[0] * m["b_sum_factor"]
    best = None
    for _ in range(50):
        e = [yv - b_sum * xv for xv, yv in zip(sums[m["x"]], sums[m["y"]])]
        mean = math.fsum(e) / n
        e = [v - mean for v in e]
        d = (math.fsum((e[i] - e[i - 1]) ** 2 for i in range(1, n))
             / math.fsum(v * v for v in e))
        if best is None or abs(d - 2) < best[0]:
            best = (abs(d - 2), {c: list(v) for c, v in sums.items()})
        if abs(d - 2) < 0.15:
            break
        order = u.shuffled(range(n))
        sums = {c: [v[i] for i in order] for c, v in sums.items()}
    return best[1]


def _sum_shortfall(s: _SumSearch) -> str:
    from .categories import LABELS

    parts = []
    for c in s.codes:
        sc = s.spec["scores"][c]
        for lab, got, want in zip(LABELS["en"][len(sc.counts)], s.counts[c], sc.counts):
            if want is not None and got != want:
                parts.append(f"categories.{c}.{lab} {want} (reached {got})")
    m = s.spec["model"]
    if m:
        b, r2 = s.fit()
        if abs(b - m["b"]) > s.spec["tol"]:
            parts.append(f"model b {m['b']} (reached {b:.4f})")
        if abs(r2 - m["r2"]) > s.spec["tol"]:
            parts.append(f"model r2 {m['r2']} (reached {r2:.4f})")
        if s.spec["dmax"] is not None:
            d = s.d_stat()
            if d > s.spec["dmax"]:
                parts.append(f"normal_residuals: Lilliefors D below {s.spec['dmax']:.4f} "
                             f"(reached {d:.4f})")
    for c in s.codes:
        mean = s.total[c] / (s.n * s.scores[c].k)
        if abs(mean - s.spec["item_mean"]) > _MEAN_BAND:
            parts.append(f"item_mean {s.spec['item_mean']} (mean answer of {c} "
                         f"reached {mean:.2f})")
    return "; ".join(parts)


# ----------------------------------------------------------------- stage 2: items

class _ItemSearch:
    """Stage 2 for one construct: trade points between items within a respondent.

    Per item it keeps the integer sums S = sum x, Q = sum x^2 and P = sum x T;
    alpha and both item-total correlations follow from them exactly.
    """

    def __init__(self, x: list[list[int]], totals: list[int], lo: int, hi: int,
                 alpha: float | None, r_min: float, rc_min: float):
        self.x, self.t, self.lo, self.hi = x, totals, lo, hi
        self.n, self.k = len(x), len(x[0])
        self.alpha, self.r_min, self.rc_min = alpha, r_min, rc_min
        n, k = self.n, self.k
        self.s = [sum(row[i] for row in x) for i in range(k)]
        self.q = [sum(row[i] ** 2 for row in x) for i in range(k)]
        self.p = [sum(row[i] * t for row, t in zip(x, totals)) for i in range(k)]
        st = sum(totals)
        self.st, self.vt = st, n * sum(t * t for t in totals) - st * st
        self.mean = st / (n * k)
        self.v = [n * q - s_ * s_ for s_, q in zip(self.s, self.q)]
        self.pens = [self.item_pen(i) for i in range(k)]

    def item_pen(self, i: int) -> float:
        """Penalty of item ``i``: correlations below their floors, mean off the band."""
        n, s_, v = self.n, self.s[i], self.v[i]
        if v <= 0:
            return 1e6
        c = n * self.p[i] - s_ * self.st
        r = c / math.sqrt(v * self.vt)
        rest = self.vt - 2 * c + v
        rc = (c - v) / math.sqrt(v * rest) if rest > 0 else -1.0
        pen = (max(0.0, self.r_min - r) / 0.01) ** 2 + (max(0.0, self.rc_min - rc) / 0.01) ** 2
        dev = abs(s_ / n - self.mean) - _ITEM_BAND
        return pen + ((dev / 0.01) ** 2 if dev > 0 else 0.0)

    def alpha_now(self) -> float:
        return self.k / (self.k - 1) * (1 - sum(self.v) / self.vt)

    def energy(self, tol: float) -> float:
        a = 0.0 if self.alpha is None else ((self.alpha_now() - self.alpha) / tol) ** 2
        return a + sum(self.pens)

    def trade(self, j: int, a: int, b: int) -> None:
        """Move one point of respondent ``j`` from item ``a`` to item ``b``."""
        row, tj, n = self.x[j], self.t[j], self.n
        for i, step in ((a, -1), (b, 1)):
            self.q[i] += 2 * step * row[i] + 1
            self.s[i] += step
            self.p[i] += step * tj
            row[i] += step
            self.v[i] = n * self.q[i] - self.s[i] ** 2
            self.pens[i] = self.item_pen(i)

    def propose(self, u: _Uniforms) -> tuple[int, int, int] | None:
        j, a = u.index(self.n), u.index(self.k)
        b = u.index(self.k - 1)
        b += b >= a
        row = self.x[j]
        return (j, a, b) if row[a] > self.lo and row[b] < self.hi else None

    def met(self, tol: float) -> bool:
        return sum(self.pens) == 0 and (self.alpha is None
                                        or abs(self.alpha_now() - self.alpha) <= tol)

    def run(self, u: _Uniforms, tol: float, patience: int = _PATIENCE) -> bool:
        """Greedy trades until alpha is within ``tol`` and every item is valid."""
        energy, stall, done = self.energy(tol), 0, self.met(tol)
        for _ in range(_STAGE_BUDGET):
            if done:
                return True
            stall += 1
            if stall > patience:
                return False
            mv = self.propose(u)
            if mv is None:
                continue
            j, a, b = mv
            self.trade(j, a, b)
            new = self.energy(tol)
            if new > energy:
                self.trade(j, b, a)
                continue
            if new < energy:
                stall = 0
            energy = new
            done = self.met(tol)
        return done

    def kick(self, u: _Uniforms, steps: int) -> None:
        """Random trades that keep every item valid, whatever alpha does."""
        for _ in range(steps):
            mv = self.propose(u)
            if mv is None:
                continue
            self.trade(*mv)
            if sum(self.pens) > 0:
                j, a, b = mv
                self.trade(j, b, a)

    def polish(self, u: _Uniforms, tol: float, depth: int = 2, tries: int = 200) -> bool:
        """Exhaustive step of ``depth`` (2 or 3) trades onto the alpha target.

        Like :meth:`_SumSearch.polish`; alpha moves in coarse steps when items
        are few (sum(n Q) changes in steps of 2n), so three trades may be needed.
        """
        if self.alpha is None:
            return self.met(tol)
        n, k = self.n, self.k
        moves = [(j, a, b) for j in range(n) for a in range(k) for b in range(k)
                 if a != b and self.x[j][a] > self.lo and self.x[j][b] < self.hi]
        size = _POLISH_MOVES if depth == 2 else _POLISH_MOVES // 6
        moves = u.shuffled(moves)[:size] + [(-1, 0, 0)]
        jj = np.array([m[0] for m in moves], np.int64)
        aa = np.array([m[1] for m in moves], np.int64)
        bb = np.array([m[2] for m in moves], np.int64)
        real = jj >= 0
        xa = np.array([self.x[j][a] if j >= 0 else 0 for j, a, _ in moves], np.int64)
        xb = np.array([self.x[j][b] if j >= 0 else 0 for j, _, b in moves], np.int64)
        s_arr = np.array(self.s, np.int64)
        # change of sum(n Q_i - S_i^2) for one trade, and the cross term of two:
        # trades on different respondents add up except for -2 dS_1 . dS_2
        dv = np.where(real, 2 * (n * (xb - xa + 1) + s_arr[aa] - s_arr[bb] - 1), 0)

        def same(p, q):
            return (p[:, None] == q).astype(np.int64)

        cross = (same(aa, aa) + same(bb, bb) - same(aa, bb) - same(bb, aa)) * 2
        cross *= real[:, None] & real
        apart = (jj[:, None] != jj) | ~real[:, None] | ~real
        m_count = len(moves)
        v0 = sum(self.v)
        found = []                                  # (dist, l, i, j) with l <= i <= j
        for last in ([m_count - 1] if depth == 2 else range(m_count)):
            v_new = v0 + dv[last] + dv[:, None] + dv - cross - cross[last][:, None] - cross[last]
            alpha = k / (k - 1) * (1 - v_new / self.vt)
            dist = np.abs(alpha - self.alpha)
            ok = (dist <= tol) & apart & np.triu(np.ones((m_count, m_count), bool))
            ok &= apart[last][:, None] & apart[last]
            rows, cols = np.nonzero(ok)
            found += zip(dist[rows, cols].tolist(), [last] * len(rows), rows.tolist(),
                         cols.tolist())
        for _d, last, i, j in sorted(found)[:tries]:
            chosen = list(dict.fromkeys(m for m in (moves[last], moves[i], moves[j])
                                        if m[0] >= 0))
            if len(chosen) < sum(moves[t][0] >= 0 for t in (last, i, j)):
                continue                             # the same trade twice
            for m in chosen:
                self.trade(*m)
            if self.met(tol):
                return True
            for j_, a, b in reversed(chosen):
                self.trade(j_, b, a)
        return False


def _initial_items(u: _Uniforms, totals: list[int], k: int, lo: int, hi: int,
                   alpha: float | None) -> list[list[int]]:
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


def _search_items(u: _Uniforms, totals: list[int], k: int, lo: int, hi: int,
                  alpha: float | None, tol: float, code: str) -> list[list[int]]:
    from scipy.special import stdtrit

    n = len(totals)
    t = float(stdtrit(n - 2, 0.975))
    r_tab = t / math.sqrt(n - 2 + t * t)
    schedule = [s for s in (0.01, 0.003, 0.001, 3e-4) if s > tol] + [tol]
    search = None
    # two starts with the full safety margins above r table, then a narrow one
    for r_margin, rc_margin in ((_R_MARGIN, _RC_MARGIN),) * 2 + ((0.02, 0.01),):
        search = _ItemSearch(_initial_items(u, totals, k, lo, hi, alpha), totals, lo, hi,
                             alpha, r_tab + r_margin, r_tab + rc_margin)
        if not search.run(u, schedule[0]):
            continue
        best, since = math.inf, 0
        for round_ in range(_ROUNDS):
            if round_:
                search.kick(u, n // 2)
            coarse_ok = True
            for s in schedule:
                fine = s < 10 * tol    # where a stall is likely: short patience
                coarse_ok &= search.run(u, s, _PATIENCE // (16 if fine else 4)) or fine
            if not coarse_ok:
                break
            if search.met(tol) or search.polish(u, tol) or search.polish(u, tol, depth=3):
                search.polish(u, tol / 4)
                return search.x
            # with few items alpha takes only some values near its target, set
            # by the sums: stop early when the rounds bring it no closer
            gap = abs(search.alpha_now() - alpha) if alpha is not None else 0.0
            best, since = (gap, 0) if gap < best else (best, since + 1)
            if since >= 4:
                break
    reached = search.alpha_now()
    if alpha is not None and abs(reached - alpha) > tol:
        raise DataError(f"targets not met after the search: alpha.{code} {alpha} with "
                        f"every item valid (reached {reached:.4f})" + _HINT)
    raise DataError(f"targets not met after the search: every item of {code} valid, "
                    f"r and corrected r above r table {r_tab:.3f} "
                    f"(alpha reached {reached:.4f})" + _HINT)


# ----------------------------------------------------------------- attributes

def _attribute(u: _Uniforms, name: str, rule: Any, n: int) -> list:
    if not isinstance(rule, Mapping):
        raise DataError(f"attributes.{name}: give {{values, weights}} or {{min, max}}")
    if "values" in rule:
        values = [("yes" if v else "no") if isinstance(v, bool) else v
                  for v in rule["values"]]
    elif "min" in rule and "max" in rule:
        values = list(range(int(rule["min"]), int(rule["max"]) + 1))
    else:
        raise DataError(f"attributes.{name}: give {{values, weights}} or {{min, max}}")
    weights = rule.get("weights") or [1.0] * len(values)
    if len(weights) != len(values) or not values or min(weights) < 0 or sum(weights) <= 0:
        raise DataError(f"attributes.{name}: needs one non-negative weight per value")
    return [values[u.weighted(weights)] for _ in range(n)]


# ----------------------------------------------------------------- public API

def synthesize(instrument, n: int, targets: Mapping | str | Path, seed: int):
    """Make a response table whose analysis meets chosen targets.

    Parameters
    ----------
    instrument : Instrument, str or Path
        The questionnaire (an :class:`~smma_stats.instrument.Instrument`, a
        YAML path, or a shipped instrument's name). Its scale must be integer
        points ``min..max``.
    n : int
        Respondents (at least 10).
    targets : dict, str or Path
        A mapping (or a YAML file read by :func:`load_targets`) with keys

        ``alpha``: ``{CONSTRUCT: value}``, Cronbach's alpha over all items;
        ``model``: ``{formula: "Y ~ X", b: ..., r2: ...}``, one simple
        regression on construct scores (sum or mean, as the instrument
        scores); ``categories``: ``{CONSTRUCT: {label: count}}``, with the
        labels ``low, medium, high`` (5 levels: ``very low .. very high``)
        of the instrument's category method on the theoretical range, lower
        bounds inclusive; ``normal_residuals``: ``true`` keeps the model's
        residuals' Lilliefors D below ``0.65 / sqrt(n)``; ``item_mean``:
        the approximate mean answer (default: 80% of the way up the scale);
        ``tolerance``: largest distance of alpha, b and R squared from their
        targets (default 0.0002, inside the centre of a 3-decimal rounding);
        ``attributes``: ``{column: {values: [...], weights: [...]}}`` or
        ``{column: {min: a, max: b, weights: [...]}}``, drawn independently.
    seed : int
        Seed of numpy's PCG64 generator; the same call gives the same table.

    Returns
    -------
    pandas.DataFrame
        Columns ``id`` (1..n), the attributes in the order given, the
        instrument's attention-check question (when it is not an item)
        answered as expected, then every item in instrument order as integer
        answers (reverse-keyed items as a respondent would have ticked them).

    Raises
    ------
    DataError
        A target is malformed or contradictory, or the search could not meet
        it; the message names the target and the value reached.

    Notes
    -----
    *Stage 1, sums.* Each construct's sum per respondent starts from a
    normal curve whose spread puts the counted tail where the counts ask;
    the counts are then repaired by carrying the respondents nearest a cut
    across it. Moves of one sum (or of two respondents' sums in opposite
    directions) by one point are accepted when they do not worsen the pair
    (missed counts, penalty), compared in that order; the penalty measures b
    and R squared in units of a tolerance that shrinks from 0.05 to
    ``tolerance``, an item mean more than 0.1 from ``item_mean``, and
    Lilliefors D above ``0.65 / sqrt(n)`` (for n = 101, 0.0647: SPSS's
    Dallal-Wilkinson p is then .34 and the simulated p .37, both above .20). When
    single moves are too coarse for the last step, every pair of moves is
    scored at once and the pair nearest the targets that keeps the counts,
    the means and D is taken; failing that, the sums are shaken by random
    moves that keep the counts and the search descends again (three fresh
    starts at most). Last, the respondents are put in an order in which the
    residuals' Durbin-Watson d lies within 0.15 of 2, as no row order is
    implied by any target.

    *Stage 2, answers.* Each respondent's sum is split into answers, then
    one point at a time is traded between two items of the same respondent.
    A trade leaves every sum, so the regression and the counts, untouched
    and changes only the item variances, hence alpha and the item-total
    correlations; these are kept above the two-tailed 5 % r table plus 0.10
    (corrected item-total r: plus 0.05; a last start, for small samples,
    narrows the margins to 0.02 and 0.01), and each item mean within 0.35 of
    its construct's mean. Alpha is steered the same way as b in stage 1,
    with steps of up to three trades. With few items alpha takes only some
    values near its target, and which ones depends on the sums: when none
    is close enough, stage 1 runs again (four sets of sums at most).

    Every steered quantity is computed from integer sums, and the random
    draws are uniform doubles of PCG64 seeded through
    ``numpy.random.SeedSequence(seed)``, so the table does not depend on the
    machine, the thread count or hash randomisation.

    Examples
    --------
    >>> from smma_stats.instrument import instrument_from_dict
    >>> inst = instrument_from_dict({"name": "demo", "scale": {"min": 1, "max": 5},
    ...     "constructs": {"A": {"items": ["a1", "a2", "a3", "a4"]},
    ...                    "B": {"items": ["b1", "b2", "b3", "b4", "b5"]}}})
    >>> d = synthesize(inst, 40, {"alpha": {"A": 0.7, "B": 0.8},
    ...                           "model": {"formula": "B ~ A", "b": 0.9, "r2": 0.4},
    ...                           "item_mean": 3.8}, seed=1)
    >>> d.shape
    (40, 10)
    >>> import numpy as np
    >>> a = d[["a1", "a2", "a3", "a4"]].sum(axis=1)
    >>> b = d[["b1", "b2", "b3", "b4", "b5"]].sum(axis=1)
    >>> round(float(np.polyfit(a, b, 1)[0]), 3), round(float(np.corrcoef(a, b)[0, 1]) ** 2, 3)
    (0.9, 0.4)
    """
    import pandas as pd

    from .instrument import Instrument, find_instrument

    if not isinstance(instrument, Instrument):
        instrument = find_instrument(instrument)
    if isinstance(targets, (str, Path)):
        targets = load_targets(targets)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise DataError(f"seed must be a non-negative whole number, got {seed!r}")
    spec = _parse(instrument, n, targets)
    streams = np.random.SeedSequence(int(seed)).spawn(3)
    lo, hi = instrument.scale.min, instrument.scale.max
    columns: dict[str, list] = {"id": list(range(1, n + 1))}
    u_attr = _Uniforms(streams[2])
    for name, rule in spec["attributes"].items():
        if name == "id" or name in instrument.items:
            raise DataError(f"attributes.{name}: the name is taken by a column of the table")
        columns[str(name)] = _attribute(u_attr, str(name), rule, n)
    check = instrument.attention_check
    if check and check["column"] not in instrument.items and check["column"] not in columns:
        # an instructed-response question every synthetic respondent passes
        columns[check["column"]] = [check["expect"][0]] * n

    u_sums, u_items = _Uniforms(streams[0]), _Uniforms(streams[1])
    for attempt in range(_SUM_STARTS):
        sums = _search_sums(u_sums, spec, int(n))
        try:
            answers = {}
            for code, con in instrument.constructs.items():
                k = len(con.items)
                answers[code] = ([[t] for t in sums[code]] if k == 1 else
                                 _search_items(u_items, sums[code], k, lo, hi,
                                               spec["alphas"].get(code), spec["tol"], code))
            break
        except DataError:
            # some sums leave alpha only values off its target: new sums may not
            if attempt == _SUM_STARTS - 1:
                raise
    for code, con in instrument.constructs.items():
        for i, item in enumerate(con.items):
            col = [row[i] for row in answers[code]]
            columns[item.id] = [lo + hi - v for v in col] if item.reverse else col
    frame = pd.DataFrame(columns)
    for item_id in instrument.item_ids:
        frame[item_id] = frame[item_id].astype("int64")
    return frame


def write_responses_csv(frame, path: str | Path) -> Path:
    """Write a response table as UTF-8 CSV with ``\\n`` line ends, atomically.

    The bytes depend only on the table: no index, no platform line ends. The
    file appears complete or not at all (written beside the target, then
    renamed over it).

    Parameters
    ----------
    frame : pandas.DataFrame
    path : str or Path

    Returns
    -------
    Path
        The path written.
    """
    import secrets

    path = Path(path)
    data = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    # an ordinary new file (so the umask sets its mode), unique beside the target
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if tmp.exists():
            tmp.unlink()
        raise
    return path


def _main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    from .errors import SmmaError

    ap = argparse.ArgumentParser(prog="python -m smma_stats.synthesis",
                                 description="Make a synthetic response table that "
                                             "meets chosen targets.")
    ap.add_argument("--instrument", required=True, help="instrument YAML or shipped name")
    ap.add_argument("--targets", required=True, help="targets YAML")
    ap.add_argument("--n", required=True, type=int, help="number of respondents")
    ap.add_argument("--seed", required=True, type=int, help="random seed")
    ap.add_argument("--out", required=True, help="CSV file to write")
    args = ap.parse_args(argv)
    try:
        frame = synthesize(args.instrument, args.n, args.targets, args.seed)
        write_responses_csv(frame, args.out)
    except SmmaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({len(frame)} respondents)")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
