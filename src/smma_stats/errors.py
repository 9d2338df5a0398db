"""The one exception family of smma_stats.

Every error a user can cause (a wrong instrument, a bad cell in a response
file, a model naming an unknown construct) is a :class:`SmmaError`. The CLI
turns any of them into one line and exit code 1; library users can catch the
family or a single subclass.

The message of a :class:`ResponseError` or :class:`InstrumentError` is one
printable line of at most :data:`MAX_MESSAGE` characters, whatever a file
holds: control characters and terminal escapes are shown escaped (``\\x1b``),
bytes of a file name that are not UTF-8 as ``\\xff``, and a long quoted cell
is elided with ``...``.
"""

from __future__ import annotations

import re
import unicodedata

#: Longest message of a ResponseError or InstrumentError, in characters.
MAX_MESSAGE = 300
#: Longest quoted text (a cell, a header) kept whole inside a message.
MAX_QUOTED = 60

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_QUOTED_RE = re.compile(r"'(?:[^'\\]|\\.){%d,}'|\"(?:[^\"\\]|\\.){%d,}\"" % (MAX_QUOTED,
                                                                             MAX_QUOTED))


def printable(text) -> str:
    """``text`` with every character a terminal would act on shown as an escape.

    Control and format characters (``\\x1b``, ``\\u202e``) become backslash
    escapes, and a byte of a file name that is not UTF-8 (Python keeps it as
    a lone surrogate) is shown as ``\\xNN``, so that printing the text can
    neither move the cursor nor raise ``UnicodeEncodeError``.

    Examples
    --------
    >>> printable("r\\u00e9sum\\u00e9\\x1b[31m.csv")
    'résumé\\\\x1b[31m.csv'
    >>> printable("data\\udcff.csv")
    'data\\\\xff.csv'
    """
    text = str(text)
    if text.isprintable():
        return text
    out = []
    for c in text:
        if c.isprintable() or c == " ":
            out.append(c)
        elif c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif "\udc80" <= c <= "\udcff":
            out.append(f"\\x{ord(c) - 0xDC00:02x}")
        elif ord(c) < 0x100:
            out.append(f"\\x{ord(c):02x}")
        elif unicodedata.category(c).startswith("Z"):
            out.append(" ")
        elif ord(c) < 0x10000:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    return "".join(out)


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, keeping both ends around ``...``."""
    if len(text) <= width:
        return text
    head = (width - 3) * 2 // 3
    tail = width - 3 - head
    return text[:head] + "..." + (text[-tail:] if tail else "")


def one_line(text, width: int = MAX_MESSAGE) -> str:
    """A message on one printable line of at most ``width`` characters.

    Runs of white space become one space; a long quoted piece (a cell, a
    header) keeps its start and end around ``...``; the whole is then cut in
    its middle when still too long. An exception gives its text, or its
    type's name when it has none.

    Examples
    --------
    >>> one_line("cell\\n  'abc'  is\\tbad")
    "cell 'abc' is bad"
    >>> len(one_line("x" * 1000))
    300
    """
    if isinstance(text, BaseException):
        text = str(text) or type(text).__name__
    text = printable(" ".join(str(text).split()))

    def cut(m):
        q = m.group(0)
        return q[0] + shorten(q[1:-1], MAX_QUOTED - 2) + q[-1]

    if len(text) > width:
        text = _QUOTED_RE.sub(cut, text)
    return shorten(text, width)


class SmmaError(Exception):
    """Base class of every error smma_stats raises on purpose."""


class InstrumentError(SmmaError):
    """The instrument (YAML) is malformed: the message names the key."""

    def __init__(self, message="", *args):
        super().__init__(one_line(message), *args)


class ResponseError(SmmaError):
    """A response file cannot be read or holds a value that is not an answer.

    Parameters
    ----------
    message : str
        What is wrong.
    path : str, optional
        The file, as the user named it.
    row : int, optional
        The row as a spreadsheet shows it (the header is row 1).
    column : str, optional
        The column header.

    Examples
    --------
    >>> print(ResponseError("'x' is not a scale point", "data.csv", row=3, column="Y1"))
    data.csv, row 3, column 'Y1': 'x' is not a scale point
    """

    def __init__(self, message: str, path: str | None = None,
                 row: int | None = None, column: str | None = None):
        self.message = message
        self.path = path
        self.row = row
        self.column = column
        super().__init__(self._compose())

    def _compose(self) -> str:
        where = []
        if self.path:
            where.append(shorten(printable(self.path), 100))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {one_line(repr(str(self.column)), MAX_QUOTED + 2)}")
        return one_line((", ".join(where) + ": " if where else "") + str(self.message))


class DataError(SmmaError):
    """The data cannot support the statistic (too few cases, zero variance...)."""


class ModelError(SmmaError):
    """A regression model is not well defined (unknown term, singular design)."""
