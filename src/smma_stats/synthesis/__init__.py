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

The package is laid out as the search runs: ``_targets`` (reading and
checking targets), ``_start`` (starting points), ``_sums`` (stage 1),
``_answers`` (stage 2), ``_attributes`` (respondent columns besides the
answers), ``_random`` (the one random stream) and ``_budget`` (how long each
stage looks).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np

from ..errors import DataError
from ..output import write_atomic
from ._answers import search_items
from ._attributes import respondent_columns
from ._budget import SUM_STARTS
from ._random import Uniforms
from ._sums import search_sums
from ._targets import load_targets, parse_targets

__all__ = ["load_targets", "synthesize", "write_responses", "write_responses_csv",
           "write_responses_parquet"]


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

    from ..instrument import Instrument, find_instrument

    if not isinstance(instrument, Instrument):
        instrument = find_instrument(instrument)
    if isinstance(targets, (str, Path)):
        targets = load_targets(targets)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise DataError(f"seed must be a non-negative whole number, got {seed!r}")
    spec = parse_targets(instrument, n, targets)
    streams = np.random.SeedSequence(int(seed)).spawn(3)
    lo, hi = instrument.scale.min, instrument.scale.max
    columns = respondent_columns(Uniforms(streams[2]), instrument, spec["attributes"], n)

    u_sums, u_items = Uniforms(streams[0]), Uniforms(streams[1])
    for attempt in range(SUM_STARTS):
        sums = search_sums(u_sums, spec, int(n))
        try:
            answers = {}
            for code, con in instrument.constructs.items():
                k = len(con.items)
                answers[code] = ([[t] for t in sums[code]] if k == 1 else
                                 search_items(u_items, sums[code], k, lo, hi,
                                              spec["alphas"].get(code), spec["tol"], code))
            break
        except DataError:
            # some sums leave alpha only values off its target: new sums may not
            if attempt == SUM_STARTS - 1:
                raise
    for code, con in instrument.constructs.items():
        for i, item in enumerate(con.items):
            col = [row[i] for row in answers[code]]
            columns[item.id] = [lo + hi - v for v in col] if item.reverse else col
    frame = pd.DataFrame(columns)
    for item_id in instrument.item_ids:
        frame[item_id] = frame[item_id].astype("int64")
    return frame


#: Rows per row group of a Parquet file written by :func:`write_responses`.
PARQUET_ROW_GROUP_ROWS = 100_000


def write_responses(frame, path: str | Path) -> Path:
    """Write a response table as Parquet when ``path`` ends in ``.parquet``, else as CSV.

    Parameters
    ----------
    frame : pandas.DataFrame
    path : str or Path

    Returns
    -------
    Path
        The path written.

    See Also
    --------
    write_responses_csv, write_responses_parquet
    """
    if Path(path).suffix.lower() == ".parquet":
        return write_responses_parquet(frame, path)
    return write_responses_csv(frame, path)


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
    data = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    return write_atomic(path, data)


def write_responses_parquet(frame, path: str | Path,
                            row_group_rows: int = PARQUET_ROW_GROUP_ROWS) -> Path:
    """Write a response table as a Parquet file in row groups, atomically (needs pyarrow).

    The columns keep their types (answers as 64-bit integers), without the
    index. Rows are stored in row groups of ``row_group_rows``, so a reader
    can take a large file a piece at a time. As with
    :func:`write_responses_csv`, the file appears complete or not at all.

    Parameters
    ----------
    frame : pandas.DataFrame
    path : str or Path
    row_group_rows : int, optional
        Rows per row group (default :data:`PARQUET_ROW_GROUP_ROWS`).

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    DataError
        pyarrow is not installed, or ``row_group_rows`` is not a positive whole number.
    """
    if isinstance(row_group_rows, bool) or not isinstance(row_group_rows, (int, np.integer)) \
            or row_group_rows < 1:
        raise DataError(f"row_group_rows must be a positive whole number, not {row_group_rows!r}")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise DataError("writing Parquet files needs the pyarrow package "
                        "(pip install pyarrow)") from None
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return write_atomic(path, lambda fh: pq.write_table(
        table, fh, row_group_size=int(row_group_rows)))
