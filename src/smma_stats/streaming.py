"""Large studies: every statistic from sums over blocks of respondents.

:func:`smma_stats.study.analyze` hands a study to :class:`MomentEngine` when
the responses were read in chunks or hold at least :data:`LARGE_N`
respondents. Nothing is then computed on a copy of the whole table:

- item validity and Cronbach's alpha come from the item means and
  covariance matrix, accumulated block by block
  (:func:`~smma_stats.validity.item_validity_from_moments`,
  :func:`~smma_stats.reliability.cronbach_alpha_from_moments`);
- each regression comes from the means and cross-products of its scores
  (:func:`~smma_stats.regression.regress_from_moments`); the residuals are
  then computed once, for the Durbin-Watson statistic, the Lilliefors test
  and the runs test;
- the Glejser, Breusch-Pagan and White auxiliary regressions come from the
  cross-products of ``|e|`` and ``e^2`` with the predictors (and their
  squares and products), the linearity test from group counts and sums;
- screening packs each respondent's answers into integer keys to find
  duplicate submissions.

The results are those of the whole-table route up to rounding (relative
differences of the order of 1e-12).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import sys
import time

import numpy as np

from .errors import DataError

#: Responses with at least this many respondents are analysed from block sums.
LARGE_N = 100_000

# Rows per block: a few megabytes of float64 whatever the number of columns.
_BLOCK_CELLS = 1 << 19


def _one_blas_thread(method):
    """Run ``method`` with numpy's BLAS on one thread, when threadpoolctl is installed.

    The products here are of thin blocks (many rows, a few dozen columns),
    hundreds of them: split over threads each gains nothing, and on a busy
    machine every product waits for its slowest thread (measured at 10
    million rows on two shared cores: the item moments took 40 s on two BLAS
    threads, 1 s on one).
    """
    @functools.wraps(method)
    def run(*args, **kwargs):
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:
            return method(*args, **kwargs)
        with threadpool_limits(limits=1, user_api="blas"):
            return method(*args, **kwargs)

    return run


def use_moments(responses) -> bool:
    """Whether :func:`~smma_stats.study.analyze` takes the block-sum route.

    It does for responses read in chunks, and for :data:`LARGE_N` respondents
    or more however they were read.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> use_moments(SimpleNamespace(n=101)), use_moments(SimpleNamespace(n=LARGE_N))
    (False, True)
    >>> use_moments(SimpleNamespace(n=5_000, chunked=True))
    True
    """
    return bool(getattr(responses, "chunked", False)) or int(responses.n) >= LARGE_N


def _blocks(n: int, width: int):
    step = max(256, _BLOCK_CELLS // max(int(width), 1))
    for start in range(0, n, step):
        yield start, min(start + step, n)


class Moments:
    """Means and centred cross-products of columns, accumulated block by block.

    Each column is shifted by a value near its mean (taken from the first
    block; rounded for whole numbers, whose shifted products then sum exactly)
    before its sums and cross-products are added up, so no large sums of
    squares are subtracted at the end.
    """

    def __init__(self, p: int, spread: int | None = None):
        self.n = 0
        self.shift = None
        self.s = np.zeros(p)
        self.ss = np.zeros((p, p))
        # whole numbers at most ``spread`` from their shift: single precision sums them
        # exactly while every partial sum stays below 2**24
        self.spread = spread

    def add(self, x: np.ndarray, scratch: bool = False) -> None:
        """Add the rows of a block (rows with a gap already removed).

        With ``scratch`` a float64 block is shifted in place.
        """
        if x.shape[0] == 0:
            return
        if self.shift is None:
            self.shift = x.mean(axis=0)
            if x.dtype.kind in "iu":
                self.shift = np.round(self.shift)
        if (self.spread is not None and x.dtype.kind in "iu"
                and self.spread * self.spread * x.shape[0] < 1 << 24):
            p = x.shape[1]
            xs = np.empty((x.shape[0], p + 1), dtype=np.float32)
            np.subtract(x, self.shift.astype(np.float32), out=xs[:, :p], casting="unsafe")
            xs[:, p] = 1.0                       # the sums come out of the same product
            g = xs.T @ xs
            self.s += g[:p, p]
            self.ss += g[:p, :p]
        else:
            if scratch and x.dtype == np.float64:
                xs = np.subtract(x, self.shift, out=x)
            else:
                xs = np.subtract(x, self.shift, dtype=np.float64)
            self.s += xs.sum(axis=0)
            self.ss += xs.T @ xs
        self.n += x.shape[0]

    @property
    def mean(self) -> np.ndarray:
        if not self.n:
            return np.full(self.s.size, np.nan)
        return self.shift + self.s / self.n

    @property
    def m2(self) -> np.ndarray:
        """Sums of squares and cross-products of deviations from the means."""
        if not self.n:
            return np.zeros_like(self.ss)
        return self.ss - np.outer(self.s, self.s) / self.n

    def cov(self) -> np.ndarray:
        p = self.s.size
        return self.m2 / (self.n - 1) if self.n >= 2 else np.full((p, p), np.nan)


class MomentEngine:
    """The statistics of :func:`~smma_stats.study.analyze` for a large study.

    Offers what the whole-table route offers: ``screen``, ``validity``,
    ``reliability``, ``scores``, ``model`` and ``normality``, with the same
    results.
    """

    def __init__(self, responses, instrument):
        self.responses, self.instrument = responses, instrument
        items = responses.items
        self.ids = [str(c) for c in items.columns]
        self.pos = {c: j for j, c in enumerate(self.ids)}
        values = items.to_numpy()
        if values.dtype.kind not in "iuf":
            values = items.to_numpy(dtype=float, na_value=np.nan)
        self.values = values
        self.n = values.shape[0]
        self.gaps = values.dtype.kind == "f" and any(
            np.isnan(values[a:b]).any() for a, b in _blocks(self.n, values.shape[1]))
        self._all = None

    # ------------------------------------------------------------ items

    @_one_blas_thread
    def _moments(self, cols):
        """(n, n_excluded, mean, cov) of the items ``cols`` over their complete rows."""
        idx = [self.pos[c] for c in cols]
        if not self.gaps:
            if self._all is None:
                scale = self.instrument.scale
                acc = Moments(len(self.ids), spread=scale.max - scale.min)
                for a, b in _blocks(self.n, len(self.ids)):
                    acc.add(self.values[a:b])
                self._all = (acc.n, acc.mean, acc.cov())
            n, mean, cov = self._all
            return n, 0, mean[idx], cov[np.ix_(idx, idx)]
        acc = Moments(len(idx))
        for a, b in _blocks(self.n, len(idx)):
            x = self.values[a:b, idx]
            acc.add(x[~np.isnan(x).any(axis=1)], scratch=True)
        return acc.n, self.n - acc.n, acc.mean, acc.cov()

    def validity(self, cols, alpha, tails, judge):
        from .validity import item_validity_from_moments

        n, excluded, mean, cov = self._moments(cols)
        return item_validity_from_moments(n, mean, cov, cols, alpha=alpha, tails=tails,
                                          judge=judge, n_excluded=excluded)

    def reliability(self, cols):
        from .reliability import cronbach_alpha_from_moments

        n, excluded, mean, cov = self._moments(cols)
        return cronbach_alpha_from_moments(n, mean, cov, cols, n_excluded=excluded)

    def scores(self, items_used):
        from .readers._compact import compact_scores

        inst = self.instrument
        full = all(tuple(items_used[c]) == tuple(k.item_ids)
                   for c, k in inst.constructs.items())
        have = self.responses.scores
        names = inst.scale_names()
        if (full and self.responses.instrument is inst and have is not None
                and list(have.columns) == names and len(have) == self.n):
            return have
        return compact_scores(self.values, self.ids, inst, items_used=items_used,
                              index=self.responses.items.index)

    def normality(self, x, method, alpha, name):
        from .normality import ks_normality

        return ks_normality(x, method=method, alpha=alpha, name=name)

    # ------------------------------------------------------------ screening

    def _raw(self, a: int, b: int, cols=None) -> np.ndarray:
        """Answers as ticked (reverse keying undone) of rows a..b."""
        cols = list(range(len(self.ids))) if cols is None else cols
        scale = self.instrument.scale
        whole = self.values.dtype.kind in "iu"
        block = self.values[a:b, cols].astype(np.int32 if whole else np.float64)
        rev = set(self.instrument.reverse)
        for j, c in enumerate(cols):
            if self.ids[c] in rev:
                block[:, j] = scale.min + scale.max - block[:, j]
        return block

    def screen(self):
        """The :func:`~smma_stats.screening.screen` result of the responses."""
        from .screening import TIMESTAMP_WORDS, _result

        attributes = self.responses.attributes
        ignored = [c for c in attributes.columns
                   if any(w in str(c).casefold() for w in TIMESTAMP_WORDS)]
        blocks = [self._duplicates(attributes.drop(columns=ignored)), self._straight_lining()]
        records, notes = [], []
        check = self.instrument.attention_check
        if check:
            records += self._attention(check, attributes, notes)
        return _result(records, self.n, check, tuple(ignored), blocks=blocks, notes=notes)

    def _duplicates(self, attributes):
        """Rows repeating an earlier row's answers and other columns exactly.

        Each row is packed into bytes (several answers to a byte), the bytes
        into 64-bit words. With one word per row the word is the row; with
        more, rows are first grouped by a hash of their words and only rows
        sharing a hash are compared word by word.
        """
        import pandas as pd

        from .screening import _Flags

        fields = self._key_fields(attributes)
        n_words = max(1, -(-sum(f.width for f in fields) // 8))
        h = np.empty(self.n, dtype=np.uint64)
        for a, b in _blocks(self.n, 8 * n_words):
            h[a:b] = _hash(_words(fields, n_words, slice(a, b)))
        ordered = np.sort(h)
        shared = ordered[1:][ordered[1:] == ordered[:-1]]
        del ordered
        none = _Flags("duplicate", np.empty(0, dtype=np.int64), [], [])
        if shared.size == 0:
            return none
        cand = np.flatnonzero(pd.Series(h, copy=False).isin(np.unique(shared)).to_numpy())
        del h
        words = np.empty((cand.size, n_words), dtype=np.uint64)
        for a, b in _blocks(cand.size, 8 * n_words):
            words[a:b] = _words(fields, n_words, cand[a:b])
        dup, first = _repeats(words, cand)
        if dup.size == 0:
            return none
        order = np.argsort(dup, kind="stable")
        rows = self.responses.items.index
        other = np.asarray(rows[first[order]], dtype=np.int64).tolist()
        return _Flags("duplicate", np.asarray(rows[dup[order]], dtype=np.int64),
                      detail=[f"the same answers and other columns as row {o}" for o in other],
                      other_row=other)

    def _key_fields(self, attributes) -> list:
        import pandas as pd

        scale = self.instrument.scale
        k = len(self.ids)
        if self.values.dtype.kind in "iu" and scale.max - scale.min < 256:
            fields = [_DigitField(self.values, scale.min, int(scale.max - scale.min) + 1)]
        else:
            fields = [_CodeField(pd.factorize(self._raw(0, self.n, [j])[:, 0],
                                              use_na_sentinel=True)[0]) for j in range(k)]
        for name in attributes.columns:
            fields.append(_CodeField(pd.factorize(attributes[name], use_na_sentinel=True)[0]))
        return fields

    def _straight_lining(self):
        from .screening import _Flags, _plain

        rows = self.responses.items.index
        where, values, counts = [], [], []
        for a, b in _blocks(self.n, len(self.ids)):
            raw = self._raw(a, b)
            if raw.dtype.kind == "f":
                answered = ~np.isnan(raw)
                count = answered.sum(axis=1)
                lo = np.where(answered, raw, np.inf).min(axis=1)
                hi = np.where(answered, raw, -np.inf).max(axis=1)
            else:
                count = np.full(b - a, raw.shape[1])
                lo, hi = raw.min(axis=1), raw.max(axis=1)
            p = np.flatnonzero((count >= 2) & (lo == hi))
            where.append(p + a)
            values += [_plain(v) for v in lo[p].tolist()]
            counts += count[p].tolist()
        at = np.concatenate(where) if where else np.empty(0, dtype=np.intp)
        return _Flags("straight_lining", np.asarray(rows[at], dtype=np.int64),
                      detail=[f"answered {v} to each of the {c} items answered"
                              for v, c in zip(values, counts)],
                      value=values)

    def _attention(self, check, attributes, notes: list) -> list[dict]:
        """Each distinct answer judged once by the whole-table rule, then spread over rows."""
        import pandas as pd

        from .readers._columns import match_attention
        from .screening import _attention

        column = check["column"]
        source = self.responses.source
        empty = pd.DataFrame(index=pd.RangeIndex(0))
        if column in self.pos:
            cells, header = self._raw(0, self.n, [self.pos[column]])[:, 0], column
        else:
            names = {str(h): h for h in attributes.columns}
            header = match_attention(list(names), self.instrument, source)
            if header is None:      # the whole-table rule says why nothing is flagged
                return _attention(empty, attributes.iloc[:0], check, self.instrument, source,
                                  notes=notes)
            cells = attributes[names[header]]
        codes, uniques = pd.factorize(cells, use_na_sentinel=True)
        values = list(np.asarray(uniques, dtype=object)) + [None]
        judged = _attention(empty, pd.DataFrame({header: pd.Series(values, dtype=object)}),
                            check, self.instrument, source)
        rows = self.responses.items.index
        codes = np.where(codes < 0, len(values) - 1, codes)
        out = []
        for rec in judged:
            for p in np.flatnonzero(codes == rec["row"]):
                out.append(dict(rec, row=int(rows[p])))
        return out

    # ------------------------------------------------------------ models

    @_one_blas_thread
    def model(self, scores, model, alpha, robust, normality_method, boot=None):
        """A :class:`~smma_stats.study.ModelResult` from block sums of the scores."""
        from .assumptions import _lm_result
        from .regression import _predictor_names
        from .study import ModelResult, _bootstrap_model

        y, x = model.dependent, list(model.predictors)
        names = _predictor_names(y, x)
        cols = [scores[c].to_numpy() for c in (y, *names)]
        keep = None
        for c in cols:
            if c.dtype.kind == "f":
                ok = ~np.isnan(c)
                keep = ok if keep is None else keep & ok
        if keep is not None and not keep.all():
            cols = [c[keep] for c in cols]
        n_all = len(scores)
        reg, acc = _regression(cols, y, names, alpha, n_all)
        e, fitted = _residuals(cols, acc, reg)
        from .durbin_watson import durbin_watson, durbin_watson_decision

        dw = durbin_watson(e)
        extra = {}
        if robust:
            extra["coefficients"] = _with_hc3(reg, cols, acc, e)
        e.setflags(write=False)
        fitted.setflags(write=False)
        reg = dataclasses.replace(reg, durbin_watson=dw, residuals=e, fitted=fitted,
                                  dw_decision=durbin_watson_decision(dw, reg.dw_lower,
                                                                     reg.dw_upper), **extra)
        label = f"Unstandardized Residual ({model.formula})"
        from .normality import ks_normality

        normality = ks_normality(e, method=normality_method, alpha=alpha, name=label)
        if reg.ss_residual == 0.0:
            raise DataError("the model fits every case exactly (all residuals are 0), so "
                            "heteroscedasticity cannot be tested")
        aux = _AuxMoments(cols[1:], e)
        glejser = aux.glejser(names, alpha)
        bp_fit = aux.fit(1, list(range(len(names))), names)
        breusch_pagan = _lm_result("Breusch-Pagan (Koenker)", bp_fit.n * bp_fit.r2, bp_fit,
                                   alpha)
        white_fit = aux.white(names)
        white = _lm_result("White", white_fit.n * white_fit.r2, white_fit, alpha)
        from .assumptions import runs_test

        runs = runs_test(e, alpha=alpha)
        linearity = _linearity(cols, acc, y, names[0], alpha) if len(names) == 1 else None
        return ModelResult(formula=model.formula, regression=reg, normality=normality,
                           glejser=glejser, breusch_pagan=breusch_pagan, white=white,
                           runs=runs, linearity=linearity,
                           bootstrap=_bootstrap_model(scores, y, x, boot) if boot else None)


class _DigitField:
    """All answers of a row in as few bytes as hold them, several answers to a byte."""

    def __init__(self, values, lo: int, base: int):
        self.values, self.lo, self.base = values, lo, base
        self.per = 1
        while base ** (self.per + 1) <= 256:
            self.per += 1
        self.width = -(-values.shape[1] // self.per)

    def take(self, rows) -> np.ndarray:
        block = self.values[rows]
        m, k = block.shape
        d = np.zeros((m, self.width * self.per), dtype=np.uint8)
        np.subtract(block, self.lo, out=d[:, :k], casting="unsafe")
        d = d.reshape(m, self.width, self.per)
        out = d[:, :, -1].copy()
        for j in range(self.per - 2, -1, -1):
            out *= np.uint8(self.base)
            out += d[:, :, j]
        return out


class _CodeField:
    """Codes (-1: empty) as code + 1 in one, two or four bytes."""

    def __init__(self, codes: np.ndarray):
        top = int(codes.max()) + 2 if codes.size else 1
        self.width = 1 if top <= 1 << 8 else 2 if top <= 1 << 16 else 4
        self.dtype = {1: np.uint8, 2: np.uint16, 4: np.uint32}[self.width]
        self.codes = codes

    def take(self, rows) -> np.ndarray:
        c = (self.codes[rows] + 1).astype(self.dtype)
        return c.view(np.uint8).reshape(c.size, self.width)


def _words(fields, n_words: int, rows) -> np.ndarray:
    """The key of each row (a slice or an array of positions) as 64-bit words."""
    first = fields[0].take(rows)
    out = np.zeros((first.shape[0], 8 * n_words), dtype=np.uint8)
    at = 0
    for f in fields:
        out[:, at:at + f.width] = first if at == 0 else f.take(rows)
        at += f.width
    return out.view(np.uint64)


def _hash(words: np.ndarray) -> np.ndarray:
    """One word per row: the word itself, or a mix of the words."""
    h = words[:, 0].copy()
    for j in range(1, words.shape[1]):
        h ^= words[:, j]
        h *= np.uint64(0x9E3779B97F4A7C15)
        h ^= h >> np.uint64(29)
    return h


def _repeats(keys: np.ndarray, positions: np.ndarray):
    """Positions whose key (a row of ``keys``) an earlier position has, and that position."""
    none = positions[:0]
    if keys.shape[0] < 2:
        return none, none
    if keys.shape[1] == 1:
        order = np.argsort(keys[:, 0])
        sk = keys[order, 0]
        eq = sk[1:] == sk[:-1]
    else:
        order = np.lexsort(keys.T[::-1])
        sk = keys[order]
        eq = (sk[1:] == sk[:-1]).all(axis=1)
    idx = np.flatnonzero(eq)
    if idx.size == 0:
        return none, none
    members = np.union1d(idx, idx + 1)        # sorted places in runs longer than one
    starts = np.ones(members.size, dtype=bool)
    starts[1:] = ~eq[members[1:] - 1] | (members[1:] != members[:-1] + 1)
    begin = np.flatnonzero(starts)
    pos = positions[order[members]]
    first = np.repeat(np.minimum.reduceat(pos, begin), np.diff(np.append(begin, pos.size)))
    dup = pos != first
    return pos[dup], first[dup]


def _block_matrix(cols, a: int, b: int) -> np.ndarray:
    """Rows a..b of the columns, as a float64 (rows x columns) block in column order."""
    out = np.empty((len(cols), b - a))
    for j, c in enumerate(cols):
        out[j] = c[a:b]
    return out.T


def _regression(cols, y, names, alpha, n_all):
    from .regression import regress_from_moments

    acc = Moments(len(cols))
    n = len(cols[0])
    for a, b in _blocks(n, len(cols)):
        acc.add(_block_matrix(cols, a, b), scratch=True)
    reg = regress_from_moments(acc.n, acc.mean, acc.m2, y, names, alpha=alpha,
                               n_excluded=n_all - acc.n)
    return reg, acc


def _residuals(cols, acc, reg):
    """Residuals and fitted values, centred as the whole-table fit computes them."""
    n = len(cols[0])
    slopes = reg.coefficients["b"].to_numpy()[1:]
    e = np.empty(n)
    fitted = np.empty(n)
    mean = acc.mean
    ybar = mean[0]
    for a, b in _blocks(n, len(cols)):
        fc = np.zeros(b - a)
        for j, c in enumerate(cols[1:]):
            fc += (c[a:b] - mean[j + 1]) * slopes[j]
        e[a:b] = (cols[0][a:b] - ybar) - fc
        fitted[a:b] = fc + ybar
    return e, fitted


def _with_hc3(reg, cols, acc, e):
    """The coefficient table with HC3 standard errors (MacKinnon & White, 1985)."""
    from .distributions import t_cdf

    n, k = len(e), len(cols) - 1
    xbar = acc.mean[1:]
    inv = np.linalg.inv(acc.m2[1:, 1:])
    g = np.zeros((k + 1, k + 1))
    for a, b in _blocks(n, k + 1):
        z = np.empty((b - a, k + 1))
        z[:, 0] = 1.0
        for j, c in enumerate(cols[1:]):
            z[:, j + 1] = c[a:b] - xbar[j]
        xc = z[:, 1:]
        h = 1.0 / n + np.einsum("ij,ij->i", xc @ inv, xc)
        with np.errstate(divide="ignore", invalid="ignore"):
            w = (e[a:b] / (1.0 - h)) ** 2
        g += (z * w[:, None]).T @ z
    d = np.zeros((k + 1, k + 1))
    d[0, 0] = 1.0 / n
    d[1:, 1:] = inv
    v = d @ g @ d
    lmat = np.eye(k + 1)
    lmat[0, 1:] = -xbar
    hc3 = lmat @ v @ lmat.T
    coef = reg.coefficients.copy()
    b = coef["b"].to_numpy()
    se3 = np.sqrt(np.diag(hc3))
    with np.errstate(divide="ignore", invalid="ignore"):
        coef["se_hc3"] = se3
        coef["t_hc3"] = b / se3
    coef["p_value_hc3"] = 2.0 * t_cdf(-np.abs(coef["t_hc3"].to_numpy()), reg.df_residual)
    return coef


class _AuxMoments:
    """Cross-products of |e|, e^2, the predictors and their squares and products."""

    def __init__(self, xs, e):
        k = len(xs)
        self.k = k
        self.pairs = [(i, j) for i in range(k) for j in range(i, k)]
        width = 2 + k + len(self.pairs)
        n = len(e)
        acc = Moments(width)
        lo = np.full(len(self.pairs), np.inf)
        hi = np.full(len(self.pairs), -np.inf)
        # pairs of columns (predictors, then products) equal on every row so far
        same = None
        for a, b in _blocks(n, width):
            zt = np.empty((width, b - a))          # one contiguous row per column
            ea = e[a:b]
            np.abs(ea, out=zt[0])
            np.multiply(ea, ea, out=zt[1])
            for j, c in enumerate(xs):
                zt[2 + j] = c[a:b]
            for p, (i, j) in enumerate(self.pairs):
                np.multiply(zt[2 + i], zt[2 + j], out=zt[2 + k + p])
            if b > a:
                prods = zt[2 + k:]
                lo = np.minimum(lo, prods.min(axis=1))
                hi = np.maximum(hi, prods.max(axis=1))
                cand = zt[2:]
                if same is None:
                    same = {(u, v) for v in range(k, cand.shape[0]) for u in range(v)}
                same = {(u, v) for u, v in same if np.array_equal(cand[u], cand[v])}
            acc.add(zt.T, scratch=True)
        self.acc = acc
        self.constant = lo == hi
        self.same = same or set()

    def fit(self, target: int, predictors, labels):
        from .regression import regress_from_moments

        idx = [target] + [2 + p for p in predictors]
        acc = self.acc
        return regress_from_moments(acc.n, acc.mean[idx], acc.m2[np.ix_(idx, idx)],
                                    "residual", tuple(labels), min_tolerance=0.0)

    def glejser(self, names, alpha):
        from .assumptions import AssumptionTestResult

        aux = self.fit(0, list(range(self.k)), names)
        table = aux.coefficients[["term", "b", "se", "t", "p_value"]].copy()
        passed = bool((table["p_value"].iloc[1:] > alpha).all())
        return AssumptionTestResult(
            name="Glejser", statistic=aux.f, df=aux.df_regression, df2=aux.df_residual,
            p_value=aux.f_p_value, passed=passed, alpha=float(alpha), n=aux.n, table=table)

    def white(self, names):
        """The White regression, leaving out a product that is constant or repeats a column."""
        k = self.k
        kept, labels = list(range(k)), list(names)
        for p, (i, j) in enumerate(self.pairs):
            col = k + p
            if self.constant[p] or any((u, col) in self.same for u in kept):
                continue
            kept.append(col)
            labels.append(f"{names[i]}^2" if i == j else f"{names[i]}*{names[j]}")
        return self.fit(1, kept, labels)


def _linearity(cols, acc, y: str, x: str, alpha: float):
    """SPSS's test for linearity from group counts and sums over the distinct x values."""
    from .assumptions import check_linearity_groups, linearity_from_sums

    yv, xv = cols
    n = len(yv)
    if xv.dtype.kind in "iu":
        base = int(xv.min())
        counts = np.bincount(xv.astype(np.intp) - base)
        present = np.flatnonzero(counts)
        where = np.full(counts.size, -1, dtype=np.intp)
        where[present] = np.arange(present.size)

        def group_of(a, b):
            return where[xv[a:b].astype(np.intp) - base]

        counts = counts[present]
    else:
        _, group = np.unique(xv, return_inverse=True)
        counts = np.bincount(group)

        def group_of(a, b):
            return group[a:b]
    g = counts.size
    check_linearity_groups(x, n, g)
    ybar = float(acc.mean[0])
    ss_total = float(acc.m2[0, 0])
    if ss_total == 0.0:
        raise DataError(f"dependent variable {y!r} is constant")
    sums = np.zeros(g)
    for a, b in _blocks(n, 2):
        sums += np.bincount(group_of(a, b), weights=yv[a:b], minlength=g)
    means = sums / counts
    ss_within = 0.0
    for a, b in _blocks(n, 2):
        d = yv[a:b] - means[group_of(a, b)]
        ss_within += float(np.dot(d, d))
    ss_between = float(np.sum(counts * (means - ybar) ** 2))
    r = float(acc.m2[0, 1] / math.sqrt(acc.m2[1, 1] * ss_total))
    return linearity_from_sums(y, x, n, g, ss_between, ss_within, ss_total, r, alpha)


# ------------------------------------------------------------------ progress

class ProgressLine:
    """A one-line progress bar on a terminal, redrawn in place.

    Nothing is drawn during the first ``delay`` seconds, so a quick run shows
    no bar at all; :meth:`close` wipes the line.
    """

    width = 24

    def __init__(self, stream, delay: float = 0.5, interval: float = 0.1):
        self.stream, self.delay, self.interval = stream, delay, interval
        self.start = time.monotonic()
        self.last = -math.inf
        self.shown = 0

    def __call__(self, stage: str, done: float, total: float) -> None:
        now = time.monotonic()
        if now - self.start < self.delay or now - self.last < self.interval:
            return
        self.last = now
        share = min(max(done / total, 0.0), 1.0) if total else 0.0
        filled = round(share * self.width)
        text = f"{stage:<10} [{'#' * filled}{'.' * (self.width - filled)}] {share:4.0%}"
        self.stream.write("\r" + text.ljust(self.shown))
        self.stream.flush()
        self.shown = max(self.shown, len(text))

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0


def terminal_progress(enabled: bool = True, stream=None) -> ProgressLine | None:
    """A :class:`ProgressLine` on standard error when it is a terminal, else None."""
    stream = sys.stderr if stream is None else stream
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return ProgressLine(stream) if enabled and tty else None
