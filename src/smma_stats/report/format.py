"""Number formatting, the one place every report and result summary takes it from.

A leaf module: it imports nothing of smma_stats, so the result objects and
every renderer can use it without an import cycle.
"""

from __future__ import annotations

import html
import math
import re
from typing import Any

#: Columns that hold p-values: printed "< .001" rather than ".000".
P_COLUMNS = frozenset({"p_value", "f_p_value", "p_value_hc3", "p_value_display"})


def format_p(p: float | None, digits: int = 3) -> str:
    """Format a p-value the APA/SPSS-reader way, never as ``.000``.

    Examples
    --------
    >>> format_p(0.0000123)
    '< .001'
    >>> format_p(0.04567)
    '.046'
    >>> format_p(1.0)
    '1.000'
    """
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "-"
    floor = 10.0 ** -digits
    if p < floor:
        return "< " + f"{floor:.{digits}f}".lstrip("0")
    text = f"{p:.{digits}f}"
    return text.lstrip("0") if p < 1 else text


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


def num(x: Any, digits: int = 3, lead: bool = False) -> str:
    """A number as SPSS prints it: ``digits`` decimals, ``.605`` without the 0.

    A value that would print as zero without being zero is shown in
    scientific notation instead, so no cell ever reads ``.000``; a numerical
    zero (below 1e-9, e.g. the mean of OLS residuals) prints as ``0``.
    Missing values give an empty cell.
    """
    if x is None or isinstance(x, str):
        return "" if x is None else x
    xf = float(x)
    if math.isnan(xf):
        return ""
    if math.isinf(xf):
        return "inf" if xf > 0 else "-inf"
    if round(xf, digits) == 0:
        return "0" if abs(xf) < 1e-9 else f"{xf:.{digits - 1}e}"
    text = f"{xf:.{digits}f}"
    if not lead:
        text = re.sub(r"^(-?)0\.", r"\1.", text)
    return text


def level(alpha: float) -> str:
    """A significance level as a thesis writes it: ``.05``, ``.025``, ``.1``."""
    return re.sub(r"^0\.", ".", f"{float(alpha):g}")


def whole(x: Any) -> str:
    """A count or degrees of freedom: a whole number, empty when missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    xf = float(x)
    return str(int(xf)) if xf.is_integer() else num(xf)


def pct(x: float) -> str:
    """A percentage with one decimal (``55.4``)."""
    return f"{float(x):.1f}"


def pval(p: Any) -> str:
    """A p-value: ``< .001`` rather than ``.000``; empty when missing."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return ""
    return format_p(float(p))


def records(df) -> list[dict]:
    """The rows of a table as dicts (an empty list for None)."""
    return [] if df is None else df.to_dict(orient="records")


def table_text(df, digits: int = 3) -> str:
    """Render a DataFrame as an aligned plain-text table (p-values as ``< .001``)."""
    headers = [str(c) for c in df.columns]
    rows = []
    for rec in df.itertuples(index=False):
        cells = []
        for col, val in zip(headers, rec):
            if col in P_COLUMNS and isinstance(val, (float, int)) and not isinstance(val, bool):
                cells.append(format_p(float(val), digits))
            else:
                cells.append(format_num(val, digits))
        rows.append(cells)
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
    body = []
    for rec in df.itertuples(index=False):
        tds = []
        for col, val in zip(df.columns, rec):
            if col in P_COLUMNS and isinstance(val, (float, int)) and not isinstance(val, bool):
                text = format_p(float(val), digits)
            else:
                text = format_num(val, digits)
            tds.append(f"<td>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _looks_numeric(text: str) -> bool:
    t = text.replace("< ", "").replace("-", "", 1)
    return t.replace(".", "", 1).isdigit() or text == "-"
