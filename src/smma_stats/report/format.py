"""Number formatting, the one place every report and result summary takes it from.

A leaf module: it imports nothing of smma_stats, so the result objects and
every renderer can use it without an import cycle.
"""

from __future__ import annotations

import contextlib
import contextvars
import html
import math
import re
from typing import Any

#: Columns that hold p-values: printed "< .001" rather than ".000".
P_COLUMNS = frozenset({"p_value", "f_p_value", "p_value_hc3", "p_value_display"})


def format_p(p: float | None, digits: int = 3, lead: bool = False) -> str:
    """Format a p-value the APA/SPSS-reader way, never as ``.000``.

    ``lead=True`` keeps the leading zero (``0.046``, ``< 0.001``).

    Examples
    --------
    >>> format_p(0.0000123)
    '< .001'
    >>> format_p(0.04567)
    '.046'
    >>> format_p(1.0)
    '1.000'
    >>> format_p(0.04567, lead=True)
    '0.046'
    """
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "-"
    floor = 10.0 ** -digits
    if p < floor:
        text = f"{floor:.{digits}f}"
        return "< " + (text if lead else text.lstrip("0"))
    text = f"{p:.{digits}f}"
    return text.lstrip("0") if p < 1 and not lead else text


def format_num(x: Any, digits: int = 3) -> str:
    """Format one table cell: floats to ``digits`` decimals, others as text."""
    if x is None:
        return "-"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, int):
        return str(x)
    try:
        xf = float(x)
    except (TypeError, ValueError):
        return str(x)
    if math.isnan(xf):
        return "-"
    if math.isinf(xf):
        return "inf" if xf > 0 else "-inf"
    if float(xf).is_integer() and not isinstance(x, float) and abs(xf) < 1e15:
        return str(int(xf))
    return f"{xf:.{digits}f}"


#: Decimal separators a report may use; Indonesian academic writing uses the comma.
DECIMALS = ("point", "comma")

_DECIMAL: contextvars.ContextVar[str] = contextvars.ContextVar("decimal", default="point")


@contextlib.contextmanager
def number_style(decimal: str = "point"):
    """Format every number inside the block with this decimal separator.

    With ``"point"`` numbers follow APA: a leading zero except for values
    that cannot exceed 1 (:func:`prop`, p-values), ``0.584`` but ``.821``.
    With ``"comma"`` (Indonesian style) every number keeps its leading zero
    and uses a decimal comma: ``0,584``, ``0,821``, ``p < 0,001``.

    Examples
    --------
    >>> with number_style("comma"):
    ...     num(0.5843), prop(0.8214), pval(0.00001)
    ('0,584', '0,821', '< 0,001')
    >>> num(0.5843), prop(0.8214), pval(0.00001)
    ('0.584', '.821', '< .001')
    """
    if decimal not in DECIMALS:
        raise ValueError(f"decimal must be 'point' or 'comma', not {decimal!r}")
    token = _DECIMAL.set(decimal)
    try:
        yield
    finally:
        _DECIMAL.reset(token)


def decimal_style() -> str:
    """The decimal separator in force (see :func:`number_style`)."""
    return _DECIMAL.get()


def _styled(text: str, bounded: bool) -> str:
    """Apply the style in force to a number written with a point and its leading zero."""
    if _DECIMAL.get() == "comma":
        return text.replace(".", ",")
    if bounded:
        return re.sub(r"(^|[^0-9])0\.", r"\1.", text)
    return text


def num(x: Any, digits: int = 3, lead: bool = True) -> str:
    """A number with ``digits`` decimals and its leading zero (``0.584``, ``-1.250``).

    A value that would print as zero without being zero is shown in
    scientific notation instead, so no cell ever reads ``0.000``; a
    numerical zero (below 1e-9, e.g. the mean of OLS residuals) prints as
    ``0``. Missing values give an empty cell. ``lead=False`` is
    :func:`prop`: no leading zero in APA style.

    Examples
    --------
    >>> num(0.58431), num(-12.5), num(0.00002), num(None)
    ('0.584', '-12.500', '2.00e-05', '')
    """
    if x is None or isinstance(x, str):
        return "" if x is None else x
    xf = float(x)
    if math.isnan(xf):
        return ""
    if math.isinf(xf):
        return "inf" if xf > 0 else "-inf"
    if round(xf, digits) == 0:
        return "0" if abs(xf) < 1e-9 else _styled(f"{xf:.{digits - 1}e}", False)
    return _styled(f"{xf:.{digits}f}", not lead)


def prop(x: Any, digits: int = 3) -> str:
    """A statistic that cannot exceed 1 in size (r, alpha, beta, R2, eta, p): ``.821``.

    APA drops the leading zero only for such values; with the decimal comma
    the zero stays (``0,821``).
    """
    return num(x, digits, lead=False)


def level(alpha: float) -> str:
    """A significance level as a thesis writes it: ``.05`` (``0,05`` with the comma)."""
    return _styled(f"{float(alpha):g}", True)


def whole(x: Any) -> str:
    """A count or degrees of freedom: a whole number, empty when missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    xf = float(x)
    return str(int(xf)) if xf.is_integer() else num(xf)


def pct(x: float) -> str:
    """A percentage with one decimal (``55.4``, ``55,4`` with the comma)."""
    return _styled(f"{float(x):.1f}", False)


def pval(p: Any) -> str:
    """A p-value: ``< .001`` rather than ``.000``; empty when missing."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return ""
    return _styled(format_p(float(p), lead=True), True)


def quoted(text: str) -> str:
    """A number already written as SPSS prints it (``.200``), in the style in force.

    Examples
    --------
    >>> with number_style("comma"):
    ...     quoted(".200"), quoted("< .001")
    ('0,200', '< 0,001')
    """
    if _DECIMAL.get() != "comma":
        return text
    return re.sub(r"(^|[^0-9])\.(\d)", r"\g<1>0,\2", text).replace(".", ",")


def decimal_text(text: str, comma) -> str:
    """A formatted number with the decimal comma when ``comma`` is true.

    Examples
    --------
    >>> decimal_text("-1.250", True), decimal_text("16.7", False)
    ('-1,250', '16.7')
    """
    return text.replace(".", ",") if comma else text


def records(df) -> list[dict]:
    """The rows of a table as dicts (an empty list for None)."""
    return [] if df is None else df.to_dict(orient="records")


def _cells(df, digits: int) -> list[list[str]]:
    """Every body cell of a DataFrame as text (p-value columns as ``< .001``)."""
    rows = []
    for rec in df.itertuples(index=False):
        rows.append([format_p(float(val), digits)
                     if col in P_COLUMNS and isinstance(val, (float, int))
                     and not isinstance(val, bool) else format_num(val, digits)
                     for col, val in zip(df.columns, rec)])
    return rows


def table_text(df, digits: int = 3) -> str:
    """Render a DataFrame as an aligned plain-text table (p-values as ``< .001``)."""
    headers = [str(c) for c in df.columns]
    rows = _cells(df, digits)
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    numeric = [all(_looks_numeric(r[i]) for r in rows) and rows != [] for i in range(len(headers))]

    def line(cells):
        return "  ".join(c.rjust(w) if num else c.ljust(w)
                         for c, w, num in zip(cells, widths, numeric)).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    return "\n".join(out)


def table_html(df, digits: int = 3) -> str:
    """Render a DataFrame as an HTML table; every value is escaped."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(text)}</td>" for text in row) + "</tr>"
                   for row in _cells(df, digits))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _looks_numeric(text: str) -> bool:
    t = text.replace("< ", "").replace("-", "", 1)
    return t.replace(".", "", 1).isdigit() or text == "-"
