"""Column widths from content, so a table never breaks a word.

Word and LibreOffice break a word inside a cell only when the column is
narrower than the word. :func:`column_widths` therefore gives every column at
least the width of its longest word and shares what is left of the line in
proportion to what each column would need to hold its cells on one line.
The same code serves the Word renderer (widths in centimetres, estimated
from Times New Roman character widths) and the text renderer (widths in
characters, ``measure=len``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

#: Advance widths of Times New Roman in em, by character class (rounded up,
#: so an estimate errs on the wide side).
_NARROW = set("fijlrtI.,;:'!|()[]{}/\\`\u00b7-")
_WIDE = set("mwMW%@")
_CAPS_WIDE = set("ABCDGHKNOQRUVXYZ&")
_EM = {"space": 0.25, "narrow": 0.34, "digit": 0.5, "lower": 0.5, "upper": 0.68,
       "caps_wide": 0.74, "wide": 0.95, "other": 0.6}
#: Character classes in the order they are tried (a space is "space", not "other").
_KINDS = ((" ".__eq__, "space"), (_WIDE.__contains__, "wide"), (_NARROW.__contains__, "narrow"),
          (str.isdigit, "digit"), (_CAPS_WIDE.__contains__, "caps_wide"), (str.isupper, "upper"),
          (str.islower, "lower"))
#: One typographic point in centimetres.
PT_CM = 2.54 / 72
#: Left and right margin inside a table cell, in centimetres (Word's default is 0.19).
CELL_MARGIN_CM = 0.1
#: What a column needs beyond its text: both cell margins plus slack.
CELL_PAD_CM = 2 * CELL_MARGIN_CM + 0.05


def char_em(ch: str) -> float:
    """Estimated advance width of one character in em (Times New Roman)."""
    for belongs, kind in _KINDS:
        if belongs(ch):
            return _EM[kind]
    return _EM["other"]


def text_cm(text: str, pt: float, bold: bool = False) -> float:
    """Estimated printed width of ``text`` at ``pt`` points, in centimetres.

    Examples
    --------
    >>> round(text_cm("Residual", 10), 2)
    1.38
    """
    em = sum(char_em(c) for c in str(text)) * (1.08 if bold else 1.0)
    return em * pt * PT_CM


def longest_word(text: str, measure: Callable[[str], float]) -> float:
    """Width of the widest space-separated word of ``text``."""
    return max((measure(w) for w in str(text).split()), default=0.0)


def column_widths(columns: Sequence[str], rows: Sequence[Sequence[str]], available: float,
                  measure: Callable[[str], float], pad: float = 0.0,
                  align: Sequence[str] | None = None) -> list[float] | None:
    """Widths that keep every word whole, or None when even that does not fit.

    Parameters
    ----------
    columns : sequence of str
        Header cells.
    rows : sequence of sequence of str
        Body cells (short rows are padded with empty cells).
    available : float
        Width of the line, in the unit of ``measure``.
    measure : callable
        Width of a string (``len`` for text; :func:`text_cm` for Word).
    pad : float
        Added to every column (cell margins).
    align : sequence of {"l", "r"}, optional
        Body cells of ``"r"`` columns (numbers, ``< .001``) are never wrapped.

    Returns
    -------
    list of float or None
        Column widths summing to at most ``available``; None when the
        longest words alone need more.

    Examples
    --------
    >>> column_widths(["Item", "Corrected Item-Total Correlation"], [["X1.1", ".484"]], 20, len)
    [4.0, 16.0]
    >>> column_widths(["Item", "Corrected Item-Total Correlation"], [["X1.1", ".484"]], 40, len)
    [4.0, 32.0]
    >>> column_widths(["Item", "Correlation"], [["X1.1", ".484"]], 12, len) is None
    True
    """
    n = len(columns)
    cells = [[str(columns[i])] + [str(r[i]) if i < len(r) else "" for r in rows]
             for i in range(n)]
    whole = [bool(align) and i < len(align) and align[i] == "r" for i in range(n)]
    low = [max([longest_word(col[0], measure)]
               + [measure(c) if keep else longest_word(c, measure) for c in col[1:]]) + pad
           for col, keep in zip(cells, whole)]
    # a body cell would rather stay on one line than its header
    body = [max([lo] + [measure(c) + pad for c in col[1:]]) for lo, col in zip(low, cells)]
    want = [max(b, measure(col[0]) + pad) for b, col in zip(body, cells)]
    if sum(low) > available + 1e-9:
        return None
    if sum(want) <= available:
        return want
    base, goal = (body, want) if sum(body) <= available else (low, body)
    spare = available - sum(base)
    extra = [g - b for g, b in zip(goal, base)]
    total = sum(extra)
    return [b + (spare * e / total if total else 0.0) for b, e in zip(base, extra)]
