"""One vocabulary for the public functions, with their older keywords still accepted.

``sig_level`` is the significance level of a test; ``alpha`` is kept for
Cronbach's alpha. ``dependent`` and ``predictors`` name a model's
variables (``x``, ``m``, ``w`` and ``y`` stay the PROCESS role names of
mediation and moderation). Functions that once said ``alpha``, ``y`` or
``x`` for these are declared with the new names and decorated with
:func:`older_keywords`, so a call written with the older words still works;
result objects whose ``alpha`` field is the significance level (a JSON key,
so it stays) also answer to ``sig_level`` through :class:`SigLevelAlias`.
"""

from __future__ import annotations

import functools

__all__ = ["SigLevelAlias", "older_keywords"]


def older_keywords(**renamed: str):
    """Let a function also take older keyword names of its parameters.

    Parameters
    ----------
    **renamed : str
        ``older="newer"`` pairs: the function's parameter ``newer`` may also
        be given as the keyword ``older``. Positional calls are untouched.

    Returns
    -------
    callable
        A decorator. The decorated function keeps its own signature, name
        and docstring (:func:`functools.wraps`), and lists the pairs in its
        ``older_keywords`` attribute. Giving both names of one parameter is a
        ``TypeError`` naming both.

    Examples
    --------
    >>> @older_keywords(alpha="sig_level")
    ... def decide(p, sig_level=0.05):
    ...     return p < sig_level
    >>> decide(0.03, alpha=0.01), decide(0.03, sig_level=0.05)
    (False, True)
    >>> decide(0.03, alpha=0.01, sig_level=0.05)
    Traceback (most recent call last):
    ...
    TypeError: decide() got both 'alpha' and 'sig_level'; 'alpha' is the older name of 'sig_level'
    """
    def decorate(func):
        inner = func
        while hasattr(inner, "__wrapped__"):     # another decorator's wrapper
            inner = inner.__wrapped__
        code = inner.__code__
        params = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
        for old, new in renamed.items():
            if new not in params or old in params:
                raise ValueError(f"{func.__qualname__}() cannot rename {old!r} to {new!r}")

        @functools.wraps(func)
        def call(*args, **kwargs):
            for old in renamed.keys() & kwargs.keys():
                new = renamed[old]
                if new in kwargs:
                    raise TypeError(f"{func.__qualname__}() got both {old!r} and {new!r}; "
                                    f"{old!r} is the older name of {new!r}")
                kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        call.older_keywords = dict(renamed)
        return call
    return decorate


class SigLevelAlias:
    """``sig_level``: a result's ``alpha`` field, the significance level, by its newer name.

    A read-only property, not a field, so ``to_dict()`` and the JSON keep
    the key ``alpha``.
    """

    __slots__ = ()

    @property
    def sig_level(self) -> float:
        """The significance level the result was decided at (the ``alpha`` field)."""
        return self.alpha
