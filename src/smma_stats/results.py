"""Shared behaviour of every result object, and number formatting.

Number formatting lives in :mod:`smma_stats.report.format`.

Each statistic returns a frozen dataclass named ``<Thing>Result`` with plain
float fields and, where it has one, a tidy ``pandas.DataFrame`` table whose
columns use the project's one vocabulary (``item``, ``term``, ``b``, ``se``,
``beta``, ``t``, ``p_value``, ``conf_low``, ``conf_high`` ...).

:class:`ResultMixin` gives every one of them ``to_dict()`` (JSON-safe),
``summary()`` (plain text) and ``_repr_html_()`` (notebooks), so a result
renders the same way wherever it is shown.

This module must stay cheap to import: pandas is imported lazily.
"""

from __future__ import annotations

import dataclasses
import html
import math
from typing import Any

from .report.format import P_COLUMNS, format_num, format_p, table_html, table_text

def jsonable(value: Any) -> Any:
    """Convert numpy/pandas values, dataclasses and NaN into JSON-safe Python."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return value.to_dict()
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    # numpy scalars, pandas objects: duck-typed so numpy/pandas are not imported here
    type_name = type(value).__name__
    if type_name == "DataFrame":
        return [jsonable(rec) for rec in value.to_dict(orient="records")]
    if type_name == "Series":
        return jsonable(value.to_dict())
    if type_name == "ndarray":
        return jsonable(value.tolist())
    if hasattr(value, "item"):
        return jsonable(value.item())
    return str(value)


def array_field(**kwargs):
    """A dataclass field for per-case arrays: left out of ``repr``, comparisons
    and :meth:`ResultMixin.to_dict` (JSON holds the figures, not the rows)."""
    return dataclasses.field(repr=False, compare=False, metadata={"json": False}, **kwargs)


class ResultMixin:
    """Rendering shared by all frozen ``*Result`` dataclasses.

    Subclasses may set ``_title`` and override ``_scalars()`` to choose which
    fields are shown as "name: value" lines above the tables.
    """

    _title = "Result"

    def to_dict(self) -> dict:
        """All fields as JSON-safe Python (DataFrames become lists of records)."""
        return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)
                if not f.name.startswith("_") and f.metadata.get("json", True)}

    def _scalars(self) -> dict[str, Any]:
        out = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if isinstance(v, (int, float, str, bool)) or v is None:
                out[f.name] = v
        return out

    def _tables(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if type(getattr(self, f.name)).__name__ == "DataFrame"}

    @staticmethod
    def _fmt_scalar(name: str, value: Any) -> str:
        if name in P_COLUMNS or name.endswith("p_value"):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return format_p(float(value))
        return format_num(value)

    def summary(self) -> str:
        """A plain-text summary: the scalar figures, then each table."""
        lines = [self._title, "=" * len(self._title)]
        for k, v in self._scalars().items():
            lines.append(f"{k}: {self._fmt_scalar(k, v)}")
        for name, df in self._tables().items():
            lines += ["", name, table_text(df)]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        parts = [f"<h4>{html.escape(self._title)}</h4>"]
        scalars = self._scalars()
        if scalars:
            rows = "".join(
                f"<tr><th>{html.escape(k)}</th><td>{html.escape(self._fmt_scalar(k, v))}</td></tr>"
                for k, v in scalars.items())
            parts.append(f"<table>{rows}</table>")
        for name, df in self._tables().items():
            parts.append(f"<h5>{html.escape(name)}</h5>" + table_html(df))
        return "\n".join(parts)


@dataclasses.dataclass(frozen=True)
class NotComputable:
    """A statistic the data cannot support, and why (one line)."""

    reason: str

    def to_dict(self) -> None:
        return None


def computable(value) -> bool:
    """Whether a result slot holds a result (not None, not :class:`NotComputable`)."""
    return value is not None and not isinstance(value, NotComputable)
