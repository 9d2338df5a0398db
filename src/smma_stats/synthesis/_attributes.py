"""Respondent columns besides the answers: id, drawn attributes, attention check.

Attributes (gender, age, class, ...) are drawn independently of each other
and of the answers, from their own random stream, so adding one never
changes the answers a seed gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import DataError
from ._random import Uniforms


def respondent_columns(u: Uniforms, instrument, rules: Mapping, n: int) -> dict[str, list]:
    """``id`` (1..n), one column per attribute rule, then the attention check.

    The instrument's attention-check question gets a column of its expected
    answer when no item or attribute already carries that name.
    """
    columns: dict[str, list] = {"id": list(range(1, n + 1))}
    for name, rule in rules.items():
        if name == "id" or name in instrument.items:
            raise DataError(f"attributes.{name}: the name is taken by a column of the table")
        columns[str(name)] = _attribute(u, str(name), rule, n)
    check = instrument.attention_check
    if check and check["column"] not in instrument.items and check["column"] not in columns:
        # an instructed-response question every synthetic respondent passes
        columns[check["column"]] = [check["expect"][0]] * n
    return columns


def _attribute(u: Uniforms, name: str, rule: Any, n: int) -> list:
    """``n`` values drawn by ``{values, weights}`` or ``{min, max, weights}``."""
    if not isinstance(rule, Mapping):
        raise DataError(f"attributes.{name}: give {{values, weights}} or {{min, max}}")
    if "values" in rule:
        values = [("yes" if v else "no") if isinstance(v, bool) else v
                  for v in rule["values"]]
    elif "min" in rule and "max" in rule:
        values = list(range(int(rule["min"]), int(rule["max"]) + 1))
    else:
        raise DataError(f"attributes.{name}: give {{values, weights}} or {{min, max}}")
    weights = rule.get("weights") or [1.0] * len(values)
    if len(weights) != len(values) or not values or min(weights) < 0 or sum(weights) <= 0:
        raise DataError(f"attributes.{name}: needs one non-negative weight per value")
    return [values[u.weighted(weights)] for _ in range(n)]
