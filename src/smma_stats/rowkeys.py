"""Duplicate rows of a large table, found without comparing rows as Python objects.

Each row (the answers, then the other columns' values as category codes) is
packed into bytes, several answers to a byte, and the bytes into 64-bit
words. With one word per row the word is the row; with more, rows are first
grouped by a hash of their words and only rows sharing a hash are compared
word by word. Ten million rows of thirty answers take a few seconds and a
few hundred megabytes.
"""

from __future__ import annotations

import numpy as np

from .moments import blocks


def repeated_rows(values, attributes, scale_min: int, scale_max: int):
    """Rows that repeat an earlier row exactly, and the earlier row.

    Parameters
    ----------
    values : numpy.ndarray, shape (n, k)
        The answers (any numeric dtype; NaN for a skipped answer).
    attributes : pandas.DataFrame
        Other columns to compare (n rows, any types; blanks equal blanks).
    scale_min, scale_max : int
        The answer scale, for the packed form of whole-number answers.

    Returns
    -------
    dup, first : numpy.ndarray of int
        Positions (0-based) of each repeating row, in order, and of the first
        row with the same values.

    Examples
    --------
    >>> import pandas as pd
    >>> v = np.array([[1, 2], [3, 4], [1, 2], [1, 2]])
    >>> dup, first = repeated_rows(v, pd.DataFrame(index=range(4)), 1, 5)
    >>> dup.tolist(), first.tolist()
    ([2, 3], [0, 0])
    """
    fields = _key_fields(values, attributes, scale_min, scale_max)
    n = values.shape[0]
    n_words = max(1, -(-sum(f.width for f in fields) // 8))
    h = np.empty(n, dtype=np.uint64)
    for a, b in blocks(n, 8 * n_words):
        h[a:b] = _hash(_words(fields, n_words, slice(a, b)))
    ordered = np.sort(h)
    shared = ordered[1:][ordered[1:] == ordered[:-1]]
    del ordered
    none = np.empty(0, dtype=np.int64)
    if shared.size == 0:
        return none, none
    cand = np.flatnonzero(np.isin(h, np.unique(shared)))
    del h
    words = np.empty((cand.size, n_words), dtype=np.uint64)
    for a, b in blocks(cand.size, 8 * n_words):
        words[a:b] = _words(fields, n_words, cand[a:b])
    dup, first = _repeats(words, cand)
    order = np.argsort(dup, kind="stable")
    return dup[order], first[order]


def _key_fields(values, attributes, lo: int, hi: int) -> list:
    import pandas as pd

    if values.dtype.kind in "iu" and hi - lo < 256:
        fields = [_DigitField(values, int(lo), int(hi - lo) + 1)]
    else:
        fields = [_CodeField(pd.factorize(values[:, j], use_na_sentinel=True)[0])
                  for j in range(values.shape[1])]
    for j in range(attributes.shape[1]):
        fields.append(_CodeField(pd.factorize(attributes.iloc[:, j],
                                              use_na_sentinel=True)[0]))
    return fields


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
