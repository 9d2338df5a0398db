"""Skipped answers: drop the respondent, keep the gap, or fill it from the person's mean."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..instrument import Instrument

RULES = ("listwise", "pairwise", "person-mean")


@dataclass(frozen=True)
class Outcome:
    items: Any                       # kept rows; int64, or float64 with gaps or fills
    dropped: tuple[int, ...]         # spreadsheet rows left out
    n_missing: int                   # empty item cells among the rows read
    by_item: dict[str, int]          # item -> empty cells among the rows read
    imputed_rows: tuple[int, ...]    # kept rows with at least one filled answer
    n_imputed: int                   # answers filled


def allowed_gaps(n_items: int, share: float) -> int:
    """How many of a construct's ``n_items`` answers a respondent may skip under ``share``."""
    return min(math.floor(share * n_items + 1e-9), n_items - 1)


def apply_rule(codes, instrument: Instrument, rule: str, share: float) -> Outcome:
    """Reverse-key coded answers (NaN = skipped), then apply a missing-answer rule.

    Keying comes first, so a person mean is taken over keyed answers.
    """
    import pandas as pd

    scale = instrument.scale
    for item in instrument.reverse:
        codes[item] = scale.min + scale.max - codes[item]

    ids = list(codes.columns)
    index = codes.index
    if all(isinstance(dt, np.dtype) and dt.kind in "iu" for dt in codes.dtypes):
        # whole-number columns hold no gaps: nothing to drop or fill
        return Outcome(codes.astype("int64"), (), 0, dict.fromkeys(ids, 0), (), 0)
    # (rows, items), a view of the frame's one float block: column slices are contiguous
    values = codes.to_numpy(dtype=float, na_value=np.nan)
    gaps = np.isnan(values)
    per_item = gaps.sum(axis=0)
    by_item = {c: int(k) for c, k in zip(ids, per_item)}
    n_missing = int(per_item.sum())
    keep = np.ones(len(index), dtype=bool)
    filled = None
    if rule == "listwise":
        keep = ~gaps.any(axis=1)
    elif rule == "person-mean" and n_missing:
        filled = codes.to_numpy(dtype=float, na_value=np.nan, copy=True)
        where = {c: k for k, c in enumerate(ids)}
        for construct in instrument.constructs.values():
            cols = [where[c] for c in construct.item_ids]
            holes = gaps[:, cols].sum(axis=1)
            keep &= holes <= allowed_gaps(len(cols), share)
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = np.nansum(values[:, cols], axis=1) / (len(cols) - holes)
            for k in cols:
                if per_item[k]:
                    np.copyto(filled[:, k], mean, where=gaps[:, k])
    gapped = gaps.any(axis=1) & keep
    n_left = int(gaps[gapped].sum()) if gapped.any() else 0
    if filled is not None:
        frame = pd.DataFrame(filled, index=index, columns=ids)
        imputed, n_imputed = gapped, n_left
    else:
        frame, imputed, n_imputed = codes, np.zeros(len(index), dtype=bool), 0
    items = frame if keep.all() else frame.loc[keep]
    if n_left == 0:
        items = items.astype("int64")
    elif filled is None:
        items = items.astype("float64")
    return Outcome(items, tuple(index[~keep].tolist()), n_missing, by_item,
                   tuple(index[imputed].tolist()), n_imputed)
