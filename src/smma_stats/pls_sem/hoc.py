"""Higher-order constructs: a construct whose indicators are other constructs.

A reflective-reflective second-order construct (e.g. SMMA measured by its
dimensions entertainment, interaction, ...) is estimated the ways SmartPLS 4
offers (Becker, Klein & Wetzels, 2012; Sarstedt, Hair, Cheah, Becker &
Ringle, 2019):

* **repeated indicators**: the higher-order construct (HOC) takes all the
  indicators of its lower-order constructs (LOCs) and has a path to each
  LOC; the path coefficients are the LOCs' loadings on the HOC;
* **two-stage, embedded**: stage 1 is the repeated-indicators model; stage 2
  replaces the LOCs by their stage-1 scores, which become the HOC's
  indicators;
* **two-stage, disjoint**: stage 1 leaves the HOC out and links its LOCs
  directly to the HOC's neighbours in the structural model; stage 2 as
  above.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ModelError
from .model import PlsModel, specify

#: Approaches, as accepted by :func:`smma_stats.pls_sem.pls` (``hoc=``).
APPROACHES = {"repeated": "repeated_indicators", "repeated_indicators": "repeated_indicators",
              "two-stage": "two_stage_embedded", "two_stage": "two_stage_embedded",
              "embedded": "two_stage_embedded", "two_stage_embedded": "two_stage_embedded",
              "two-stage-embedded": "two_stage_embedded",
              "disjoint": "two_stage_disjoint", "two_stage_disjoint": "two_stage_disjoint",
              "two-stage-disjoint": "two_stage_disjoint"}


@dataclass(frozen=True)
class HocSpec:
    """The user's model split into ordinary blocks and higher-order constructs.

    ``dimensions[HOC]`` lists the lower-order constructs of each HOC;
    ``blocks`` holds the manifest indicators of every other construct;
    ``paths`` are the structural (from, to) pairs between constructs.
    """

    paths: tuple[tuple[str, str], ...]
    blocks: dict[str, tuple[str, ...]]
    dimensions: dict[str, tuple[str, ...]]
    modes: dict[str, str]


def approach_key(hoc: str) -> str:
    """Normalise the ``hoc`` argument to a result key."""
    key = APPROACHES.get(str(hoc).strip().lower())
    if key is None:
        raise ModelError(f"hoc must be 'repeated', 'two-stage' (embedded) or "
                         f"'two-stage-disjoint', got {hoc!r}")
    return key


def split_spec(pairs, measurement, modes) -> HocSpec:
    """Separate constructs measured by constructs from those measured by items."""
    names = set(measurement)
    dims, blocks = {}, {}
    for c, items in measurement.items():
        items = (items,) if isinstance(items, str) else tuple(items)
        inner = [i for i in items if i in names]
        if inner and len(inner) != len(items):
            raise ModelError(f"construct {c!r} mixes constructs and items as indicators")
        if inner:
            dims[c] = tuple(inner)
        else:
            blocks[c] = items
    for h, locs in dims.items():
        for loc in locs:
            if loc in dims:
                raise ModelError(f"{loc!r} is itself higher-order; only second-order "
                                 f"constructs are supported")
            if any(loc in p for p in pairs):
                raise ModelError(f"dimension {loc!r} of the higher-order construct {h!r} "
                                 f"cannot also be in a structural path")
    return HocSpec(tuple(pairs), blocks, dims, dict(modes or {}))


def repeated_model(spec: HocSpec) -> PlsModel:
    """The repeated-indicators model: HOC -> LOC paths, HOC takes the LOCs' items."""
    measurement = {}
    pairs = list(spec.paths)
    for c, items in spec.blocks.items():
        measurement[c] = items
    for h, locs in spec.dimensions.items():
        measurement[h] = tuple(i for loc in locs for i in spec.blocks[loc])
        pairs += [(h, loc) for loc in locs]
    return specify(pairs, measurement, spec.modes, allow_shared=True)


def disjoint_stage1(spec: HocSpec) -> PlsModel:
    """Stage 1 of the disjoint approach: each LOC takes its HOC's place."""
    pairs: list[tuple[str, str]] = []
    for f, t in spec.paths:
        for a in spec.dimensions.get(f, (f,)):
            for b in spec.dimensions.get(t, (t,)):
                if (a, b) not in pairs:
                    pairs.append((a, b))
    modes = {c: m for c, m in spec.modes.items() if c not in spec.dimensions}
    return specify(pairs, dict(spec.blocks), modes)


def stage2_model(spec: HocSpec) -> PlsModel:
    """Stage 2: each HOC measured by its LOCs' scores (named after the LOCs)."""
    measurement = {c: items for c, items in spec.blocks.items()
                   if not any(c in locs for locs in spec.dimensions.values())}
    for h, locs in spec.dimensions.items():
        measurement[h] = locs
    modes = {c: m for c, m in spec.modes.items() if c in measurement}
    return specify(list(spec.paths), measurement, modes)
