"""The parts of an instrument: items, dimensions, constructs, the answer scale
and the models to run. :mod:`smma_stats.instrument` builds and exports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping


class _ItemSet:
    """A set of items: its ``item_ids`` in order."""

    __slots__ = ()

    @property
    def item_ids(self) -> list[str]:
        return [it.id for it in self.items]


@dataclass(frozen=True)
class Item:
    """One questionnaire item (statement)."""

    id: str
    text: str | None = None
    text_en: str | None = None
    reverse: bool = False


@dataclass(frozen=True)
class Dimension(_ItemSet):
    """A named group of items inside a construct (e.g. ``entertainment``)."""

    name: str
    label: str
    items: tuple[Item, ...]
    label_id: str | None = None


@dataclass(frozen=True)
class Construct(_ItemSet):
    """A variable measured by a scale (e.g. ``SMMA``), optionally with dimensions."""

    code: str
    label: str
    dimensions: tuple[Dimension, ...]
    items: tuple[Item, ...]
    label_id: str | None = None


@dataclass(frozen=True)
class Scale:
    """The answer scale: integer points ``min..max`` and their label texts."""

    min: int
    max: int
    labels: Mapping[int, str] = field(default_factory=dict)
    aliases: Mapping[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def points(self) -> int:
        return self.max - self.min + 1


@dataclass(frozen=True)
class Model:
    """A regression to run: ``dependent ~ predictor + predictor``."""

    dependent: str
    predictors: tuple[str, ...]

    @property
    def formula(self) -> str:
        return f"{self.dependent} ~ {' + '.join(self.predictors)}"
