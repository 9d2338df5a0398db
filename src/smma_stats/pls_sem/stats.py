"""The vector of bootstrapped statistics: one function for sample and resamples.

:class:`StatPlan` lists which weights, loadings, paths, R2, effects and HTMT
ratios a model has, and :meth:`StatPlan.compute` evaluates all of them on a
stack of correlation matrices and weights. The sample estimates (a stack of
one) and the bootstrap replicates thus come from the same code.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .measures import construct_parts, htmt
from .structural import chain_effects, chains, path_coefficients, total_effects


@dataclass(frozen=True)
class StatPlan:
    """Positions of each statistic; ``labels`` names every column of ``compute``.

    A label is a tuple: ``("weight", item_pos, construct_pos)``,
    ``("loading", item_pos, construct_pos)``, ``("path", i, j)``,
    ``("r2", j)``, ``("total", i, j)``, ``("total_indirect", i, j)``,
    ``("specific", chain)``, ``("htmt", a, b)``.
    """

    layout: object
    labels: tuple
    outer: tuple[np.ndarray, np.ndarray]
    paths: tuple[np.ndarray, np.ndarray]
    endo: np.ndarray
    total: tuple[np.ndarray, np.ndarray]
    indirect: tuple[np.ndarray, np.ndarray]
    chain_list: tuple
    blocks: tuple

    @classmethod
    def of(cls, model, layout, W0: np.ndarray, S0: np.ndarray,
           exclude_targets=frozenset(), htmt_skip=frozenset()) -> "StatPlan":
        """Plan the statistics of ``model`` given its sample weights ``W0``."""
        pos = {c: j for j, c in enumerate(model.constructs)}
        keep = np.array([c not in exclude_targets for c in model.constructs])
        # single-indicator blocks have weight and loading 1 in every resample
        multi = np.array([len(model.indicators[c]) > 1 for c in model.constructs])
        orow, ocol = np.nonzero(layout.membership * multi)
        prow = np.array([pos[f] for f, _ in model.paths], dtype=np.intp)
        pcol = np.array([pos[t] for _, t in model.paths], dtype=np.intp)
        endo = np.array([j for j, _ in layout.predecessors], dtype=np.intp)
        C0, _ = construct_parts(S0[None], W0[None], layout)
        P0, _ = path_coefficients(C0, layout)
        T0 = total_effects(P0)[0]
        seqs = tuple(s for s in chains(layout) if keep[s[-1]])
        trow, tcol = np.nonzero((np.abs(T0) > 0) & keep[None, :])
        ind = {(s[0], s[-1]) for s in seqs}
        irow = np.array([i for i, _ in sorted(ind)], dtype=np.intp)
        icol = np.array([j for _, j in sorted(ind)], dtype=np.intp)
        hpos = [j for j, c in enumerate(model.constructs) if c not in htmt_skip]
        blocks = tuple(model.block(model.constructs[j]) for j in hpos)
        labels = ([("weight", int(r), int(c)) for r, c in zip(orow, ocol)]
                  + [("loading", int(r), int(c)) for r, c in zip(orow, ocol)]
                  + [("path", int(i), int(j)) for i, j in zip(prow, pcol)]
                  + [("r2", int(j)) for j in endo]
                  + [("total", int(i), int(j)) for i, j in zip(trow, tcol)]
                  + [("total_indirect", int(i), int(j)) for i, j in zip(irow, icol)]
                  + [("specific", s) for s in seqs]
                  + [("htmt", hpos[a], hpos[b]) for a in range(len(hpos))
                     for b in range(a + 1, len(hpos))])
        return cls(layout, tuple(labels), (orow, ocol), (prow, pcol), endo, (trow, tcol),
                   (irow, icol), seqs, blocks)

    def compute(self, S: np.ndarray, W: np.ndarray) -> np.ndarray:
        """Every planned statistic of each stack member, shape (B, len(labels))."""
        C, L = construct_parts(S, W, self.layout)
        P, r2 = path_coefficients(C, self.layout)
        T = total_effects(P)
        orow, ocol = self.outer
        parts = [W[:, orow, ocol], L[:, orow, ocol], P[:, self.paths[0], self.paths[1]],
                 r2[:, self.endo], T[:, self.total[0], self.total[1]],
                 (T - P)[:, self.indirect[0], self.indirect[1]],
                 chain_effects(P, list(self.chain_list)), htmt(S, list(self.blocks))]
        return np.concatenate(parts, axis=1)
