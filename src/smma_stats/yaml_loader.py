"""A strict YAML loader for instrument files.

Instrument files are written by hand, so two mistakes YAML itself lets
through are refused here: a key given twice in one mapping (YAML keeps the
last silently) and anchors/aliases (``&a`` / ``*a``), which an instrument
never needs and which let a few hundred bytes expand into gigabytes (the
"billion laughs" file). libyaml's C parser is used when present.
"""

from __future__ import annotations

from typing import Any

from .errors import InstrumentError


def _loader_base():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _strict_loader():
    """A SafeLoader (the C one when present) whose mappings refuse a repeated key."""
    import yaml

    class StrictLoader(_loader_base()):
        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen: dict = {}
                for key_node, _ in node.value:
                    key = self.construct_object(key_node, deep=True)
                    try:
                        hash(key)
                    except TypeError:
                        continue            # the base class reports an unhashable key
                    if key in seen:
                        raise InstrumentError(
                            f"key {str(key)!r} appears twice in one mapping (lines "
                            f"{seen[key]} and {key_node.start_mark.line + 1})")
                    seen[key] = key_node.start_mark.line + 1
            return super().construct_mapping(node, deep=deep)

    return StrictLoader


def load_yaml(text: str) -> Any:
    """Parse an instrument's YAML text strictly.

    Raises
    ------
    InstrumentError
        The text is not YAML, uses an anchor or alias, or repeats a key in
        one mapping; the message gives the line.

    Examples
    --------
    >>> load_yaml("name: demo\\nscale: {min: 1, max: 5}")
    {'name': 'demo', 'scale': {'min': 1, 'max': 5}}
    >>> load_yaml("name: a\\nname: b")
    Traceback (most recent call last):
    ...
    smma_stats.errors.InstrumentError: key 'name' appears twice in one mapping (lines 1 and 2)
    >>> load_yaml("a: &x [1, 2]\\nb: *x")
    Traceback (most recent call last):
    ...
    smma_stats.errors.InstrumentError: YAML anchors and aliases (&x, *x) are not accepted in an instrument (line 1); write the values out
    """
    import yaml

    try:
        # a first pass over the parser's events (C speed) stops at the first anchor,
        # before anything could be expanded
        for event in yaml.parse(text, Loader=_loader_base()):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise InstrumentError(f"YAML anchors and aliases (&{anchor}, *{anchor}) are "
                                      f"not accepted in an instrument (line {line}); write "
                                      "the values out")
        return yaml.load(text, Loader=_strict_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InstrumentError(f"not valid YAML{where}") from None
    except RecursionError:
        raise InstrumentError("not valid YAML: nested too deeply") from None


__all__ = ["load_yaml"]
