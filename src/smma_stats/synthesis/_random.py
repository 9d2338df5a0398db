"""The one source of randomness of the synthesizer: uniform doubles of PCG64.

Every draw (normal deviates, shuffles, weighted choices) is built from
uniform doubles taken in order from one stream, so a seed gives the same
table on any machine, whatever numpy's other samplers do between versions.
"""

from __future__ import annotations

import numpy as np


class Uniforms:
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
