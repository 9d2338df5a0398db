"""Stage 2 of the search: splitting each sum into item answers.

One point at a time is traded between two items of the same respondent. A
trade leaves every sum, so the regression and the category counts of stage 1,
untouched and moves only the item variances: :func:`search_items` trades
until Cronbach's alpha meets its target and every item stays valid.

Alpha and the item-total correlations are the statistics of
:func:`smma_stats.reliability.cronbach_alpha` and
:func:`smma_stats.validity.item_validity`, kept here as running integer sums
per item: a trade changes two items of one respondent, and recomputing from
the table after each of tens of thousands of trades would cost a full pass
over it and round differently from machine to machine.
"""

from __future__ import annotations

import math

import numpy as np

from ..errors import DataError
from ._budget import HINT, PATIENCE, POLISH_MOVES, ROUNDS, descend
from ._random import Uniforms
from ._start import initial_items

# An item's mean may wander this far from its construct's mean answer.
ITEM_BAND = 0.35
# Safety margins above the critical r so every item stays valid after rounding.
R_MARGIN, RC_MARGIN = 0.10, 0.05


class ItemSearch:
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
        dev = abs(s_ / n - self.mean) - ITEM_BAND
        return pen + ((dev / 0.01) ** 2 if dev > 0 else 0.0)

    def alpha_now(self) -> float:
        return self.k / (self.k - 1) * (1 - sum(self.v) / self.vt)

    def key(self, tol: float, than=None) -> float:
        """The energy :func:`._budget.descend` lowers."""
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

    def propose(self, u: Uniforms) -> tuple[int, int, int] | None:
        j, a = u.index(self.n), u.index(self.k)
        b = u.index(self.k - 1)
        b += b >= a
        row = self.x[j]
        return (j, a, b) if row[a] > self.lo and row[b] < self.hi else None

    def met(self, tol: float) -> bool:
        return sum(self.pens) == 0 and (self.alpha is None
                                        or abs(self.alpha_now() - self.alpha) <= tol)

    def move(self, u: Uniforms):
        """A proposed trade, made; None when none was proposed."""
        mv = self.propose(u)
        if mv is not None:
            self.trade(*mv)
        return mv

    def undo(self, mv) -> None:
        j, a, b = mv
        self.trade(j, b, a)

    def kick(self, u: Uniforms, steps: int) -> None:
        """Random trades that keep every item valid, whatever alpha does."""
        for _ in range(steps):
            mv = self.move(u)
            if mv is not None and sum(self.pens) > 0:
                self.undo(mv)

    def polish(self, u: Uniforms, tol: float, depth: int = 2, tries: int = 200) -> bool:
        """Exhaustive step of ``depth`` (2 or 3) trades onto the alpha target.

        Like :meth:`._sums.SumSearch.polish`; alpha moves in coarse steps when items
        are few (sum(n Q) changes in steps of 2n), so three trades may be needed.
        """
        if self.alpha is None:
            return self.met(tol)
        n, k = self.n, self.k
        moves = [(j, a, b) for j in range(n) for a in range(k) for b in range(k)
                 if a != b and self.x[j][a] > self.lo and self.x[j][b] < self.hi]
        size = POLISH_MOVES if depth == 2 else POLISH_MOVES // 6
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


def search_items(u: Uniforms, totals: list[int], k: int, lo: int, hi: int,
                 alpha: float | None, tol: float, code: str) -> list[list[int]]:
    """Answers ``[respondent][item]`` of one construct whose rows add up to ``totals``.

    Alpha meets its target within ``tol`` (when given) and every item's
    corrected and uncorrected item-total r clear the two-tailed 5 % r table
    by a margin. Raises :class:`~smma_stats.errors.DataError` otherwise.
    """
    from ..validity import r_table

    n = len(totals)
    r_tab = r_table(n)
    schedule = [s for s in (0.01, 0.003, 0.001, 3e-4) if s > tol] + [tol]
    search = None
    # two starts with the full safety margins above r table, then a narrow one
    for r_margin, rc_margin in ((R_MARGIN, RC_MARGIN),) * 2 + ((0.02, 0.01),):
        search = ItemSearch(initial_items(u, totals, k, lo, hi, alpha), totals, lo, hi,
                            alpha, r_tab + r_margin, r_tab + rc_margin)
        if not descend(search, u, schedule[0]):
            continue
        best, since = math.inf, 0
        for round_ in range(ROUNDS):
            if round_:
                search.kick(u, n // 2)
            coarse_ok = True
            for s in schedule:
                fine = s < 10 * tol    # where a stall is likely: short patience
                coarse_ok &= descend(search, u, s, PATIENCE // (16 if fine else 4)) or fine
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
                        f"every item valid (reached {reached:.4f})" + HINT)
    raise DataError(f"targets not met after the search: every item of {code} valid, "
                    f"r and corrected r above r table {r_tab:.3f} "
                    f"(alpha reached {reached:.4f})" + HINT)
