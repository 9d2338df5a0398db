"""Stage 1 of the search: one integer sum per respondent and construct.

The sums alone fix the regression between construct scores, the category
counts, the mean answer of each construct and the normality of the
residuals; the item answers (stage 2) only split them. :func:`search_sums`
moves sums one point at a time until all of these are met.

Every statistic steered here is recomputed after each move, hundreds of
thousands of times per table, so this module keeps its own running versions
of statistics the library computes in full elsewhere (slope and R squared in
:mod:`smma_stats.regression`, Lilliefors D in :mod:`smma_stats.normality`,
Durbin-Watson d in :mod:`smma_stats.durbin_watson`): updated in O(1) from
integer moments, or summed with :func:`math.fsum`, so no result depends on
BLAS, the thread count or the machine.
"""

from __future__ import annotations

import math

import numpy as np

from ..errors import DataError
from ._budget import HINT, PATIENCE, POLISH_MOVES, ROUNDS, descend
from ._random import Uniforms
from ._start import initial_sums

# A construct's mean answer may wander this far from the target item mean.
MEAN_BAND = 0.1


def _lilliefors_d(x: np.ndarray, y: np.ndarray, b: float) -> float:
    """Lilliefors D of the residuals of y on x (slope b; the intercept cancels).

    The statistic of :func:`smma_stats.normality.ks_normality`, without its
    input checks and p-value, and with the mean and SD summed exactly.
    """
    from ..normality import ks_differences

    e = np.sort(y - b * x)
    e = e - math.fsum(e.tolist()) / len(e)
    sd = math.sqrt(math.fsum((e * e).tolist()) / (len(e) - 1))   # exact sums: no BLAS
    return max(ks_differences(e, 0.0, sd)) if sd > 0 else 1.0


class SumSearch:
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

    def mean_answer(self, code: str) -> float:
        """Mean answer of construct ``code``: its sums' mean over its item count."""
        return self.total[code] / (self.n * self.scores[code].k)

    def fits(self, moves) -> bool:
        """Whether every move keeps its sum inside the construct's range."""
        return all(self.scores[c].lo <= self.sums[c][j] + st <= self.scores[c].hi
                   for c, j, st in moves)

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
        """Slope (in score units) and R squared, from integer moments.

        :func:`smma_stats.regression.regress_from_moments` gives the same two
        numbers with the whole coefficient table; here ``change`` keeps the
        integer sums of squares and cross products current, so each move
        costs a few multiplications and the comparison with the target is exact.
        """
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
            dev = abs(self.mean_answer(c) - self.spec["item_mean"]) - MEAN_BAND
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

    def propose(self, u: Uniforms) -> list[tuple[str, int, int]]:
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

    def key(self, tol: float, than=None) -> tuple[int, float]:
        """(missed counts, penalty); D's (never negative) only when not worse than ``than``."""
        key = (self.count_err(), self.soft(tol))
        return key if than is not None and key > than else (key[0], key[1] + self.d_pen())

    def move(self, u: Uniforms):
        """A proposed move that keeps every sum in range, made; None otherwise."""
        moves = self.propose(u)
        if not self.fits(moves):
            return None
        for c, j, st in moves:
            self.change(c, j, st)
        return moves

    def undo(self, moves) -> None:
        for c, j, st in reversed(moves):
            self.change(c, j, -st)

    def polish(self, u: Uniforms, tol: float, tries: int = 400) -> bool:
        """Exhaustive two-move step onto the targets of b and R squared.

        Single moves are too coarse for the last decimals; every pair of one-point
        moves on the model's two scores (different respondents, so the moments
        add exactly) is scored at once, and the candidates closest to the
        targets are tried in turn until one keeps the counts, the means and D.
        """
        if not self.model:
            return self.met(tol)
        moves = self._polish_moves(u)
        ok, dist = self._pair_scores(moves, tol)
        rows, cols = np.nonzero(ok)
        if rows.size == 0:
            return False
        order = np.lexsort((cols, rows, dist[rows, cols]))[:tries]
        names = (self.model["x"], self.model["y"])
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

    def _polish_moves(self, u: Uniforms) -> list[tuple[int, int, int]]:
        """One-point moves ``(score, respondent, step)`` on x (0) and y (1), shuffled.

        At most ``POLISH_MOVES`` of them, then a "no move" ``(2, -1, 0)``, so
        that single moves are pairs too.
        """
        m, n = self.model, self.n
        x, y = self.sums[m["x"]], self.sums[m["y"]]
        sx_, sy_ = self.scores[m["x"]], self.scores[m["y"]]
        moves = [(0, j, st) for j in range(n) for st in (1, -1)
                 if sx_.lo <= x[j] + st <= sx_.hi]
        moves += [(1, j, st) for j in range(n) for st in (1, -1)
                  if sy_.lo <= y[j] + st <= sy_.hi]
        moves = u.shuffled(moves)[:POLISH_MOVES]
        moves.append((2, -1, 0))
        return moves

    def _category_changes(self, moves) -> list[np.ndarray]:
        """Net change of each counted category of the model's two scores, per move."""
        m = self.model
        sig = []
        for f, code in ((0, m["x"]), (1, m["y"])):
            sc, col = self.scores[code], self.sums[code]
            for c, want in enumerate(sc.counts):
                if want is None:
                    continue
                before = np.array([sc.category(col[j]) == c if fl == f else False
                                   for fl, j, _ in moves])
                after = np.array([sc.category(col[j] + s_) == c if fl == f else False
                                  for fl, j, s_ in moves])
                sig.append(after.astype(np.int64) - before.astype(np.int64))
        return sig

    def _pair_scores(self, moves, tol: float) -> tuple[np.ndarray, np.ndarray]:
        """Pairs of moves that keep the counts and means and land within ``tol``.

        Returns the mask of such pairs (upper triangle) and, for every pair,
        the larger distance of b and R squared from their targets.
        """
        m, n = self.model, self.n
        x, y = self.sums[m["x"]], self.sums[m["y"]]
        sx_, sy_ = self.scores[m["x"]], self.scores[m["y"]]
        flag = np.array([mv[0] for mv in moves], np.int64)
        jj = np.array([mv[1] for mv in moves], np.int64)
        st = np.array([mv[2] for mv in moves], np.int64)
        xv, yv = np.array(x + [0], np.int64)[jj], np.array(y + [0], np.int64)[jj]
        isx, isy = (flag == 0).astype(np.int64), (flag == 1).astype(np.int64)
        d_sx, d_sy = st * isx, st * isy
        d_sxx, d_syy = (2 * st * xv + 1) * isx, (2 * st * yv + 1) * isy
        d_sxy = st * yv * isx + st * xv * isy
        sx = self.total[m["x"]] + d_sx[:, None] + d_sx
        sy = self.total[m["y"]] + d_sy[:, None] + d_sy
        sxx = self.sxx + d_sxx[:, None] + d_sxx
        syy = self.syy + d_syy[:, None] + d_syy
        sxy = self.sxy + d_sxy[:, None] + d_sxy
        cxy, vx, vy = n * sxy - sx * sy, n * sxx - sx * sx, n * syy - sy * sy
        distinct = (jj[:, None] != jj) | (jj[:, None] < 0) | (jj < 0)
        ok = (vx > 0) & (vy > 0) & distinct & np.triu(np.ones((len(moves),) * 2, bool))
        for s_ in self._category_changes(moves):
            ok &= (s_[:, None] + s_) == 0
        mean_t = self.spec["item_mean"]
        ok &= np.abs(sx / (n * sx_.k) - mean_t) <= MEAN_BAND
        ok &= np.abs(sy / (n * sy_.k) - mean_t) <= MEAN_BAND
        vx_safe, vy_safe = np.where(ok, vx, 1), np.where(ok, vy, 1)
        b = cxy / vx_safe / m["b_sum_factor"]
        cxy_f = cxy.astype(float)
        r2 = cxy_f * cxy_f / (vx_safe.astype(float) * vy_safe)
        dist = np.maximum(np.abs(b - m["b"]), np.abs(r2 - m["r2"]))
        ok &= dist <= tol
        return ok, dist

    def kick(self, u: Uniforms, steps: int) -> None:
        """Random moves that keep the counts, the means and D, whatever b and R^2 do."""
        dmax = self.spec["dmax"]
        for _ in range(steps):
            moves = self.move(u)
            if moves is not None and (self.count_err() or not self.means_ok()
                                      or (dmax is not None and self.d_stat() > dmax)):
                self.undo(moves)

    def means_ok(self) -> bool:
        return all(abs(self.mean_answer(c) - self.spec["item_mean"]) <= MEAN_BAND
                   for c in self.codes)

    def met(self, tol: float) -> bool:
        m, dmax = self.model, self.spec["dmax"]
        if m:
            b, r2 = self.fit()
            if not (abs(b - m["b"]) <= tol and abs(r2 - m["r2"]) <= tol):
                return False
        if dmax is not None and self.d_stat() > dmax:
            return False
        return self.count_err() == 0 and self.means_ok()


def search_sums(u: Uniforms, spec: dict, n: int) -> dict[str, list[int]]:
    """Sums per construct meeting every stage-1 target of ``spec`` (three starts at most).

    Raises :class:`~smma_stats.errors.DataError` naming the targets missed.
    """
    final = spec["tol"]
    schedule = [t for t in (0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 5e-4, 2e-4) if t > final]
    schedule.append(final)
    last = None
    for _attempt in range(3):
        search = SumSearch(spec, initial_sums(u, spec, n), n)
        last = search
        if not descend(search, u, schedule[0]):
            continue
        # greedy moves down the schedule; where single moves are too coarse for
        # the last step, an exhaustive two-move step; if none lands, kick the
        # sums and descend again
        for round_ in range(ROUNDS):
            if round_:
                search.kick(u, n // 2)
            coarse_ok = True
            for t in schedule:
                coarse_ok &= descend(search, u, t, PATIENCE // 4) or t < 10 * final
            if not coarse_ok:        # far from the targets: a fresh start is better
                break
            if search.met(final) or search.polish(u, final):
                search.polish(u, final / 4)     # closer to the centre when a pair allows
                return _settle_order(u, search)
    raise DataError("targets not met after the search: " + _sum_shortfall(last) + HINT)


def _settle_order(u: Uniforms, search: SumSearch) -> dict[str, list[int]]:
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
        d = _durbin_watson_d(sums[m["x"]], sums[m["y"]], b_sum)
        if best is None or abs(d - 2) < best[0]:
            best = (abs(d - 2), {c: list(v) for c, v in sums.items()})
        if abs(d - 2) < 0.15:
            break
        order = u.shuffled(range(n))
        sums = {c: [v[i] for i in order] for c, v in sums.items()}
    return best[1]


def _durbin_watson_d(x: list[int], y: list[int], b: float) -> float:
    """Durbin-Watson d of the residuals of y on x (slope b), in row order.

    :func:`smma_stats.durbin_watson.durbin_watson` of the same residuals,
    summed with :func:`math.fsum`: its dot products may round differently
    across BLAS builds, and d decides which row order is kept.
    """
    e = [yv - b * xv for xv, yv in zip(x, y)]
    n = len(e)
    mean = math.fsum(e) / n
    e = [v - mean for v in e]
    return (math.fsum((e[i] - e[i - 1]) ** 2 for i in range(1, n))
            / math.fsum(v * v for v in e))


def _sum_shortfall(s: SumSearch) -> str:
    """The targets ``s`` misses, each with the value reached, for the error message."""
    from ..categories import KEYS

    parts = []
    for c in s.codes:
        sc = s.spec["scores"][c]
        for lab, got, want in zip(KEYS[len(sc.counts)], s.counts[c], sc.counts):
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
        mean = s.mean_answer(c)
        if abs(mean - s.spec["item_mean"]) > MEAN_BAND:
            parts.append(f"item_mean {s.spec['item_mean']} (mean answer of {c} "
                         f"reached {mean:.2f})")
    return "; ".join(parts)
