"""The one exception family of smma_stats.

Every error a user can cause (a wrong instrument, a bad cell in a response
file, a model naming an unknown construct) is a :class:`SmmaError`. The CLI
turns any of them into one line and exit code 1; library users can catch the
family or a single subclass.
"""

from __future__ import annotations


class SmmaError(Exception):
    """Base class of every error smma_stats raises on purpose."""


class InstrumentError(SmmaError):
    """The instrument (YAML) is malformed: the message names the key."""


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
            where.append(str(self.path))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return (", ".join(where) + ": " if where else "") + self.message


class DataError(SmmaError):
    """The data cannot support the statistic (too few cases, zero variance...)."""


class ModelError(SmmaError):
    """A regression model is not well defined (unknown term, singular design)."""
