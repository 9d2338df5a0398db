"""The specification of a PLS path model: constructs, indicators, modes, paths.

A :class:`PlsModel` is what the estimator needs and nothing more: constructs
in a causal order, the indicators of each (an indicator may serve two
constructs only in the repeated-indicators approach to higher-order
constructs, which :mod:`smma_stats.pls_sem.hoc` builds), Mode A (reflective,
correlation weights) or Mode B (formative, regression weights), and the
structural paths. :func:`specify` builds one from formula strings and a
measurement dictionary and checks it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..errors import ModelError

#: Measurement modes: "A" reflective (correlation weights), "B" formative.
MODES = ("A", "B")

_NAME_RE = re.compile(r"^[^\s~+]+$")


@dataclass(frozen=True)
class PlsModel:
    """A checked PLS path model.

    Attributes
    ----------
    constructs : tuple of str
        In causal (topological) order: every path goes from an earlier to a
        later construct.
    indicators : dict of str to tuple of str
        The indicators (data columns) of each construct.
    modes : dict of str to {"A", "B"}
    paths : tuple of (str, str)
        Structural paths ``(from, to)``.
    shared : bool
        True when an indicator serves more than one construct (repeated
        indicators of a higher-order construct).
    """

    constructs: tuple[str, ...]
    indicators: Mapping[str, tuple[str, ...]]
    modes: Mapping[str, str]
    paths: tuple[tuple[str, str], ...]
    shared: bool = False
    columns: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        cols: list[str] = []
        for c in self.constructs:
            for it in self.indicators[c]:
                if it not in cols:
                    cols.append(it)
        object.__setattr__(self, "columns", tuple(cols))

    @property
    def endogenous(self) -> tuple[str, ...]:
        """Constructs with at least one incoming path, in causal order."""
        targets = {t for _, t in self.paths}
        return tuple(c for c in self.constructs if c in targets)

    def predictors(self, construct: str) -> tuple[str, ...]:
        """The constructs with a path into ``construct``, in causal order."""
        src = {f for f, t in self.paths if t == construct}
        return tuple(c for c in self.constructs if c in src)

    def membership(self) -> np.ndarray:
        """Indicator-by-construct 0/1 matrix, shape (p, c), rows in :attr:`columns`."""
        pos = {col: i for i, col in enumerate(self.columns)}
        m = np.zeros((len(self.columns), len(self.constructs)))
        for j, c in enumerate(self.constructs):
            for it in self.indicators[c]:
                m[pos[it], j] = 1.0
        return m

    def adjacency(self) -> np.ndarray:
        """Construct-by-construct 0/1 matrix ``A[i, j] = 1`` for a path i -> j."""
        pos = {c: j for j, c in enumerate(self.constructs)}
        a = np.zeros((len(self.constructs), len(self.constructs)))
        for f, t in self.paths:
            a[pos[f], pos[t]] = 1.0
        return a

    def block(self, construct: str) -> np.ndarray:
        """Column positions (in :attr:`columns`) of a construct's indicators."""
        pos = {col: i for i, col in enumerate(self.columns)}
        return np.array([pos[it] for it in self.indicators[construct]], dtype=np.intp)


def parse_formula(text: str) -> tuple[str, tuple[str, ...]]:
    """Split ``"CUSA ~ COMP + LIKE"`` into ``("CUSA", ("COMP", "LIKE"))``.

    Examples
    --------
    >>> parse_formula("CUSL ~ COMP + LIKE + CUSA")
    ('CUSL', ('COMP', 'LIKE', 'CUSA'))
    """
    if not isinstance(text, str) or text.count("~") != 1:
        raise ModelError(f"a structural path must read 'TARGET ~ SOURCE + SOURCE', "
                         f"got {text!r}")
    lhs, rhs = (s.strip() for s in text.split("~"))
    sources = tuple(s.strip() for s in rhs.split("+"))
    for name in (lhs, *sources):
        if not name or not _NAME_RE.match(name):
            raise ModelError(f"a structural path must read 'TARGET ~ SOURCE + SOURCE', "
                             f"got {text!r}")
    return lhs, sources


def specify(paths: Sequence[str] | Sequence[tuple[str, str]],
            measurement: Mapping[str, Sequence[str]],
            modes: Mapping[str, str] | None = None, *,
            allow_shared: bool = False) -> PlsModel:
    """Build and check a PLS path model.

    Parameters
    ----------
    paths : sequence of str or of (from, to) pairs
        Formulas such as ``"CUSA ~ COMP + LIKE"``, or pairs.
    measurement : dict of str to sequence of str
        The indicators of each construct.
    modes : dict of str to {"A", "B"}, optional
        Measurement mode per construct; "A" (reflective) where not given.
    allow_shared : bool, default False
        Allow an indicator in more than one construct (repeated indicators).

    Returns
    -------
    PlsModel

    Raises
    ------
    ModelError
        A construct without indicators, an indicator in two constructs, a
        path naming an unknown construct, a cycle, an unknown mode.

    Examples
    --------
    >>> m = specify(["CUSA ~ COMP", "CUSL ~ CUSA + COMP"],
    ...             {"COMP": ["c1", "c2"], "CUSA": ["s"], "CUSL": ["l1", "l2"]})
    >>> m.constructs, m.predictors("CUSL")
    (('COMP', 'CUSA', 'CUSL'), ('COMP', 'CUSA'))
    """
    pairs = path_pairs(paths)
    blocks = _check_blocks(measurement, allow_shared)
    for f, t in pairs:
        for name in (f, t):
            if name not in blocks:
                raise ModelError(f"the path {f} -> {t} names {name!r}, which has no "
                                 f"indicators in the measurement model")
        if f == t:
            raise ModelError(f"the path {f} -> {t} points a construct at itself")
    order = _causal_order(list(blocks), pairs)
    linked = {n for p in pairs for n in p}
    unlinked = [c for c in blocks if c not in linked]
    if unlinked:
        raise ModelError(f"construct {unlinked[0]!r} is in no structural path")
    mode_of = _check_modes(modes or {}, blocks)
    return PlsModel(constructs=tuple(order), indicators=blocks, modes=mode_of,
                    paths=tuple(pairs), shared=_has_shared(blocks))


def path_pairs(paths) -> list[tuple[str, str]]:
    if isinstance(paths, str):
        paths = [paths]
    pairs: list[tuple[str, str]] = []
    for p in paths:
        if isinstance(p, str):
            target, sources = parse_formula(p)
            new = [(s, target) for s in sources]
        elif isinstance(p, (tuple, list)) and len(p) == 2 and all(isinstance(s, str) for s in p):
            new = [(p[0], p[1])]
        else:
            raise ModelError(f"a structural path must be a formula or a (from, to) pair, "
                             f"got {p!r}")
        for pair in new:
            if pair in pairs:
                raise ModelError(f"the path {pair[0]} -> {pair[1]} is given twice")
            pairs.append(pair)
    if not pairs:
        raise ModelError("the structural model has no paths")
    return pairs


def _check_blocks(measurement, allow_shared: bool) -> dict[str, tuple[str, ...]]:
    if not isinstance(measurement, Mapping) or not measurement:
        raise ModelError("the measurement model must map each construct to its indicators")
    blocks: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for name, items in measurement.items():
        if isinstance(items, str):
            items = [items]
        items = tuple(str(i) for i in (items or ()))
        if not items:
            raise ModelError(f"construct {name!r} has no indicators")
        if len(set(items)) != len(items):
            raise ModelError(f"construct {name!r} lists an indicator twice")
        for it in items:
            if it in owner and not allow_shared:
                raise ModelError(f"indicator {it!r} is in two constructs: {owner[it]!r} "
                                 f"and {name!r}")
            owner.setdefault(it, str(name))
        blocks[str(name)] = items
    return blocks


def _check_modes(modes, blocks) -> dict[str, str]:
    out = {}
    for c in blocks:
        m = modes.get(c, "A")
        m = {"reflective": "A", "formative": "B"}.get(str(m).lower(), str(m).upper())
        if m not in MODES:
            raise ModelError(f"mode of {c!r} must be 'A' (reflective) or 'B' (formative), "
                             f"got {modes.get(c)!r}")
        out[c] = m
    for c in modes:
        if c not in blocks:
            raise ModelError(f"a mode is given for {c!r}, which is not a construct")
    return out


def _causal_order(names: list[str], pairs) -> list[str]:
    """Kahn's topological sort, keeping the measurement order among ties."""
    indeg = {n: 0 for n in names}
    for _, t in pairs:
        indeg[t] += 1
    order: list[str] = []
    ready = [n for n in names if indeg[n] == 0]
    while ready:
        n = ready.pop(0)
        order.append(n)
        for f, t in pairs:
            if f == n:
                indeg[t] -= 1
                if indeg[t] == 0:
                    ready.append(t)
        ready.sort(key=names.index)
    if len(order) < len(names):
        cyc = [n for n in names if n not in order]
        raise ModelError(f"the structural model has a cycle through {', '.join(cyc)}; "
                         f"PLS path models must be recursive")
    return order


def _has_shared(blocks) -> bool:
    seen: set[str] = set()
    for items in blocks.values():
        if seen & set(items):
            return True
        seen |= set(items)
    return False
