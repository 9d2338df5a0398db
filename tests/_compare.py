"""Comparing two JSON-like study dictionaries number by number (shared by tests)."""

from __future__ import annotations

import math


def json_differences(a, b, where: str = "", tol: float = 1e-9) -> list:
    """Every place where two JSON-like values differ beyond ``tol`` (relative).

    Numbers near zero are compared with an absolute 1e-12 as well: p-values
    far below any level, and the LM statistic n R^2 of a heteroscedasticity
    test whose tiny R^2 two routes both take as 1 - SS_res / SS_total, good
    to about 1e-16 / R^2 relative. Keys (and their order), strings, booleans
    and whole numbers must be equal exactly.
    """
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            return [(where, list(a), list(b))]
        return [d for k in a for d in json_differences(a[k], b[k], f"{where}/{k}", tol)]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [(where, len(a), len(b))]
        return [d for i, (x, y) in enumerate(zip(a, b))
                for d in json_differences(x, y, f"{where}[{i}]", tol)]
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) \
            and not isinstance(b, bool):
        if a == b or (math.isnan(a) and math.isnan(b)):
            return []
        if isinstance(a, int) and isinstance(b, int):
            return [(where, a, b)]
        return [] if math.isclose(a, b, rel_tol=tol, abs_tol=1e-12) else [(where, a, b)]
    return [] if a == b else [(where, a, b)]
