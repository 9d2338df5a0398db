"""Instruments from a response file's header: shipped match, naming habits, ad-hoc specs.

Used when ``smma analyze`` is run without ``--instrument``:

1. a shipped instrument whose every item column is in the file is used;
2. else constructs are inferred from the usual item-naming habits of such
   files: ``X1.1``, ``X1_1`` (letter = construct, first number = dimension,
   second = item), ``X11`` when every column of that letter has two digits,
   and ``Y1``, ``Y2`` (items directly under the construct);
3. ``--construct "SMMA=X1.1..X5.2"`` (a column range in file order, or a
   comma list) builds an ad-hoc instrument.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from .errors import InstrumentError
from .instrument import Instrument, instrument_from_dict, load_instrument, shipped_instruments

_DOTTED = re.compile(r"^([A-Za-z]+)(\d+)[._](\d+)$")
_PLAIN = re.compile(r"^([A-Za-z]+)(\d+)$")

#: The 5-point agreement labels most Indonesian questionnaires use.
DEFAULT_LABELS = {1: "Sangat Tidak Setuju", 2: "Tidak Setuju", 3: "Netral", 4: "Setuju",
                  5: "Sangat Setuju"}
DEFAULT_ALIASES = {1: ["STS", "Strongly disagree"], 2: ["TS", "Disagree"],
                   3: ["N", "Neutral", "Ragu-ragu", "RR", "Cukup Setuju", "CS"],
                   4: ["S", "Agree"], 5: ["SS", "Strongly agree"]}


def match_shipped(columns: Iterable[str]) -> Instrument | None:
    """The shipped instrument whose item ids are exactly the file's item-like columns.

    Every item of the instrument must be a column, and no other column may
    look like an item (``X1.3``, ``Y12``): a file with extra items is not
    silently analysed with a shorter instrument.
    """
    cols = {str(c).strip().casefold() for c in columns}
    item_like = {c for c in cols if _DOTTED.match(c) or _PLAIN.match(c)}
    best = None
    for path in shipped_instruments().values():
        inst = load_instrument(path)
        ids = {i.casefold() for i in inst.item_ids}
        if ids <= cols and item_like <= ids and (best is None
                                                 or len(ids) > len(best.item_ids)):
            best = inst
    return best


def infer_instrument(columns: Sequence[str], scale_max: int = 5, scale_min: int = 1,
                     name: str = "inferred") -> tuple[Instrument, list[str]]:
    """Infer constructs, dimensions and models from item-like column names.

    Returns
    -------
    (Instrument, notes)
        ``notes`` are sentences saying what was inferred, for the report.

    Raises
    ------
    InstrumentError
        No column looks like an item.
    """
    groups: dict[str, dict[str, list[str]]] = {}
    plain: dict[str, list[tuple[str, str]]] = {}
    for col in columns:
        c = str(col).strip()
        if m := _DOTTED.match(c):
            groups.setdefault(m.group(1).upper(), {}).setdefault(
                f"{m.group(1).upper()}{m.group(2)}", []).append(c)
        elif m := _PLAIN.match(c):
            plain.setdefault(m.group(1).upper(), []).append((c, m.group(2)))
    for letter, cols in plain.items():
        digits = [d for _, d in cols]
        two_digit = all(len(d) == 2 for d in digits) and len({d[0] for d in digits}) >= 2
        if letter in groups or two_digit:
            for c, d in cols:
                key = f"{letter}{d[0]}" if two_digit else letter
                groups.setdefault(letter, {}).setdefault(key, []).append(c)
        else:
            groups.setdefault(letter, {})[letter] = [c for c, _ in cols]
    groups = {k: v for k, v in groups.items() if sum(len(x) for x in v.values()) >= 2}
    if not groups:
        raise InstrumentError("no column looks like a questionnaire item (X1.1, X1_1, Y1, ...): "
                              "give --instrument or --construct")
    constructs, notes = {}, []
    for letter in sorted(groups, key=lambda g: (g == "Y", g)):
        dims = groups[letter]
        if list(dims) == [letter] or len(dims) == 1:
            items = [c for cols in dims.values() for c in cols]
            constructs[letter] = {"label": letter, "items": items}
            notes.append(f"construct {letter}: {len(items)} items ({items[0]}..{items[-1]})")
        else:
            constructs[letter] = {"label": letter,
                                  "dimensions": {d: {"items": cols} for d, cols in dims.items()}}
            notes.append(f"construct {letter}: {len(dims)} dimensions "
                         f"({', '.join(dims)}), {sum(map(len, dims.values()))} items")
    models = _default_models(constructs)
    notes.append("models: " + ("; ".join(models) if models else "none (one construct)"))
    notes.append(f"scale: {scale_min}..{scale_max}")
    raw = {"name": name, "title": "Instrument inferred from the column names",
           "scale": _scale(scale_min, scale_max), "constructs": constructs, "models": models}
    return instrument_from_dict(raw), notes


def adhoc_instrument(specs: Sequence[str], columns: Sequence[str],
                     models: Sequence[str] = (), scale_min: int = 1, scale_max: int = 5,
                     ) -> tuple[Instrument, list[str]]:
    """Build an instrument from ``CODE=FIRST..LAST`` or ``CODE=A,B,C`` specs."""
    cols = [str(c).strip() for c in columns]
    constructs, notes = {}, []
    for spec in specs:
        if "=" not in spec:
            raise InstrumentError(f"--construct {spec!r}: write CODE=FIRST..LAST or CODE=A,B,C")
        code, body = (s.strip() for s in spec.split("=", 1))
        if ".." in body:
            first, last = (s.strip() for s in body.split("..", 1))
            for end in (first, last):
                if end not in cols:
                    raise InstrumentError(f"--construct {spec!r}: no column {end!r} in the file")
            i, j = cols.index(first), cols.index(last)
            if j < i:
                raise InstrumentError(f"--construct {spec!r}: {last!r} comes before {first!r}")
            items = cols[i:j + 1]
        else:
            items = [s.strip() for s in body.split(",") if s.strip()]
            missing = [s for s in items if s not in cols]
            if missing:
                raise InstrumentError(f"--construct {spec!r}: no column {missing[0]!r} in the file")
        constructs[code] = {"label": code, "items": items}
        notes.append(f"construct {code}: {len(items)} items ({items[0]}..{items[-1]})")
    model_list = list(models) or _default_models(constructs, dependent=list(constructs)[-1])
    raw = {"name": "adhoc", "title": "Ad-hoc instrument from --construct",
           "scale": _scale(scale_min, scale_max), "constructs": constructs,
           "models": model_list}
    notes.append("models: " + ("; ".join(model_list) if model_list else "none"))
    return instrument_from_dict(raw), notes


def _scale(lo: int, hi: int) -> dict:
    if (lo, hi) == (1, 5):
        return {"min": 1, "max": 5, "labels": DEFAULT_LABELS, "aliases": DEFAULT_ALIASES}
    return {"min": lo, "max": hi}


def _default_models(constructs: dict, dependent: str | None = None) -> list[str]:
    """Y on each other construct; Y on the dimensions of a single multi-dimension X."""
    if len(constructs) < 2:
        return []
    dep = dependent or ("Y" if "Y" in constructs else list(constructs)[-1])
    others = [c for c in constructs if c != dep]
    models = [f"{dep} ~ {c}" for c in others]
    if len(others) > 1:
        models.append(f"{dep} ~ {' + '.join(others)}")
    elif "dimensions" in constructs[others[0]]:
        models.append(f"{dep} ~ {' + '.join(constructs[others[0]]['dimensions'])}")
    return models


def instrument_to_yaml(inst: Instrument) -> str:
    """A YAML text of an instrument (for ``smma init``), loadable by load_instrument."""
    import yaml

    cons = {}
    for code, c in inst.constructs.items():
        body: dict = {"label": c.label}
        if c.dimensions:
            body["dimensions"] = {d.name: {"label": d.label, "items": d.item_ids}
                                  for d in c.dimensions}
        else:
            body["items"] = c.item_ids
        cons[code] = body
    raw = {"name": inst.name, "title": inst.title,
           "scale": {"min": inst.scale.min, "max": inst.scale.max,
                     "labels": dict(inst.scale.labels)},
           "score": inst.score, "constructs": cons,
           "models": [m.formula for m in inst.models]}
    if inst.reverse:
        raw["reverse"] = list(inst.reverse)
    return yaml.safe_dump(raw, sort_keys=False, allow_unicode=True)
