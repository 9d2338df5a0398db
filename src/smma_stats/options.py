"""The choices of one analysis, in one frozen object the CLI builds and the JSON echoes.

:class:`AnalysisOptions` holds every setting of
:func:`smma_stats.study.analyze`; it checks them once, when it is made, so a
wrong value is one clear line before any file is read. ``sig_level`` is the
significance level of every test; the word ``alpha`` is kept for Cronbach's
alpha.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from typing import Any

from .errors import SmmaError

JUDGES = ("r", "r_corrected")
NORMALITY_METHODS = ("lilliefors", "kolmogorov")
MISSING_RULES = ("listwise", "pairwise", "person-mean")
BOOTSTRAP_METHODS = ("percentile", "bca")
CATEGORY_METHODS = ("interval", "mean_sd", "ideal_percent")
CATEGORY_BASES = ("hypothetical", "sample")


@dataclasses.dataclass(frozen=True)
class AnalysisOptions:
    """Every setting of an analysis.

    Attributes
    ----------
    sig_level : float
        Significance level of every decision (r table, t/F critical values,
        assumption tests, bootstrap interval level ``1 - sig_level``).
    judge : {"r", "r_corrected"}
        Which item-total correlation decides validity.
    tails : {1, 2}
        Tails of the r-table value.
    drop_invalid : bool
        Remove invalid items one at a time, weakest first.
    robust : bool
        HC3 standard errors beside the classical ones.
    normality_method : {"lilliefors", "kolmogorov"}
    category_method, category_levels, category_basis
        Override the instrument's ``categories`` settings (None: keep).
    missing : {"listwise", "pairwise", "person-mean"}
    max_missing_share : float
        With ``person-mean``: the largest share of a construct's items a
        respondent may skip and still be filled in.
    exclude_flagged : bool
        Leave out the responses the screening flags.
    by : str or None
        An attribute column for group comparisons.
    bootstrap : int
        Resamples for bootstrap intervals (0: none).
    seed : int or None
        Seed of the bootstrap draws (None: a fresh one, recorded).
    bootstrap_method : {"percentile", "bca"}
    sheet : str, int or None
        Workbook sheet, when a file still has to be read.
    chunksize : int or None
        Rows per chunk for a large file (None: decided by the file's size).
    mediate, moderate : tuple of str
        Mediation (``"X -> M1, M2 -> Y"``) and moderation (``"Y ~ X * W"``)
        analyses to run besides the instrument's ``mediation:`` and
        ``moderation:`` entries; mediation bootstraps ``bootstrap`` resamples
        (5000 when 0) with the study's seed.

    Examples
    --------
    >>> AnalysisOptions(sig_level=0.01).sig_level
    0.01
    >>> AnalysisOptions(judge="pearson")
    Traceback (most recent call last):
    ...
    smma_stats.errors.SmmaError: judge must be one of r, r_corrected, not 'pearson'
    """

    sig_level: float = 0.05
    judge: str = "r"
    tails: int = 2
    drop_invalid: bool = False
    robust: bool = False
    normality_method: str = "lilliefors"
    category_method: str | None = None
    category_levels: int | None = None
    category_basis: str | None = None
    missing: str = "listwise"
    max_missing_share: float = 0.2
    exclude_flagged: bool = False
    by: str | None = None
    bootstrap: int = 0
    seed: int | None = None
    bootstrap_method: str = "percentile"
    sheet: str | int | None = None
    chunksize: int | None = None
    mediate: tuple = ()
    moderate: tuple = ()

    def __post_init__(self):
        level = self.sig_level
        if isinstance(level, bool) or not isinstance(level, numbers.Real) \
                or not 0 < level < 1 or math.isnan(level):
            raise SmmaError(f"the significance level must be between 0 and 1, not {level!r}")
        for name, allowed in (("judge", JUDGES), ("normality_method", NORMALITY_METHODS),
                              ("missing", MISSING_RULES), ("bootstrap_method", BOOTSTRAP_METHODS),
                              ("category_method", CATEGORY_METHODS),
                              ("category_basis", CATEGORY_BASES), ("category_levels", (3, 5)),
                              ("tails", (1, 2))):
            _choice(name, getattr(self, name), allowed, optional=name.startswith("category"))
        _whole("bootstrap", self.bootstrap)
        if self.seed is not None:
            _whole("seed", self.seed)

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-safe values."""
        return dataclasses.asdict(self)

    def replace(self, **changes) -> AnalysisOptions:
        """A copy with some settings changed (checked again)."""
        return dataclasses.replace(self, **changes)


def _choice(name: str, value, allowed, optional: bool = False) -> None:
    if optional and value is None:
        return
    if isinstance(value, bool) or value not in allowed:
        shown = ", ".join(str(a) for a in allowed)
        raise SmmaError(f"{name} must be one of {shown}, not {value!r}")


def _whole(name: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
        raise SmmaError(f"{name} must be a whole number of at least 0, not {value!r}")
