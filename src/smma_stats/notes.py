"""Notes on how a study was set up, translatable by the report.

The command line and the instrument inference explain their choices in short
notes ("instrument: smma-instagram (shipped; ...)", "models: ..."), which
``analyze(notes=...)`` keeps and the report prints. A :class:`Note` is a
``str`` (its English text, so printing, joining and comparing it work as
before) that also carries a message key and its parameters, so the report
can render it in the report's language through the message catalogue
(:mod:`smma_stats.report.messages`, key ``"note_" + key``). A plain string,
or a Note whose key the catalogue does not know, is printed as it is.
"""

from __future__ import annotations

from typing import Any


class Note(str):
    """An English note that also knows its catalogue key and parameters.

    Parameters
    ----------
    text : str
        The English text (what ``str(note)`` gives).
    key : str
        Message key without the ``note_`` prefix; ``""`` for no key.
    params : dict, optional
        The values of the message's placeholders.

    Examples
    --------
    >>> n = Note("scale: 1..5", "scale", {"min": 1, "max": 5})
    >>> n == "scale: 1..5", n.key, n.params["max"]
    (True, 'scale', 5)
    """

    key: str
    params: dict[str, Any]

    def __new__(cls, text: str, key: str = "", params: dict[str, Any] | None = None):
        obj = super().__new__(cls, text)
        obj.key = key
        obj.params = dict(params or {})
        return obj

    def __reduce__(self):
        return (Note, (str(self), self.key, self.params))


__all__ = ["Note"]
