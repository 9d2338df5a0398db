"""Constructs from the item-naming habits of Indonesian theses.

``X1.1``, ``X1_1`` and ``X11`` name construct ``X1``, item 1 when the file has
more than one X number (``X1``, ``X2``: two independent variables); ``Y1``,
``Y2`` are the items of construct ``Y``. The older reading, one construct
``X`` with dimensions ``X1`` and ``X2``, is used only when asked for
(``dimensions=True``, ``--dimensions`` on the command line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..errors import InstrumentError
from ..notes import Note
from ..instrument import (
    Instrument,
    instrument_from_dict,
    load_instrument,
    shipped_instruments,
)

DOTTED = re.compile(r"^([A-Za-z]{1,5})(\d+)[._](\d+)$")
PLAIN = re.compile(r"^([A-Za-z]{1,5})(\d+)$")

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
    item_like = {c for c in cols if DOTTED.match(c) or PLAIN.match(c)}
    best = None
    for path in shipped_instruments().values():
        inst = load_instrument(path)
        ids = {i.casefold() for i in inst.item_ids}
        if ids <= cols and item_like <= ids and (best is None
                                                 or len(ids) > len(best.item_ids)):
            best = inst
    return best


def name_groups(names: Sequence[str]) -> dict[str, dict[str, list[str]]]:
    """Letter -> {number group -> names} for the item-like names, in file order.

    ``X1.1`` and ``X1_1`` go to group ``X1`` of letter ``X``; ``Y1`` to group
    ``Y``, or to ``Y1`` when every ``Y`` name has two digits with more than
    one first digit (``Y11``, ``Y12``, ``Y21``).
    Letters with a single name are left out.
    """
    groups: dict[str, dict[str, list[str]]] = {}
    plain: dict[str, list[tuple[str, str]]] = {}
    for c in (str(n).strip() for n in names):
        if m := DOTTED.match(c):
            letter = m.group(1).upper()
            groups.setdefault(letter, {}).setdefault(f"{letter}{m.group(2)}", []).append(c)
        elif m := PLAIN.match(c):
            plain.setdefault(m.group(1).upper(), []).append((c, m.group(2)))
    for letter, cols in plain.items():
        digits = [d for _, d in cols]
        two_digit = all(len(d) == 2 for d in digits) and len({d[0] for d in digits}) >= 2
        for c, d in cols:
            key = f"{letter}{d[0]}" if two_digit else letter
            groups.setdefault(letter, {}).setdefault(key, []).append(c)
    return {k: v for k, v in groups.items() if sum(len(x) for x in v.values()) >= 2}


def constructs_from_groups(groups: dict[str, dict[str, list[str]]], dimensions: bool = False,
                           ) -> tuple[dict[str, dict], list[str]]:
    """Construct mappings (``{code: {label, items | dimensions}}``) and one note per letter.

    A letter with several number groups gives one construct per group
    (``X1``, ``X2``), or with ``dimensions=True`` one construct with those
    groups as dimensions.
    """
    constructs: dict[str, dict] = {}
    notes = []
    for letter in sorted(groups, key=lambda g: (g.startswith("Y"), g)):
        dims = {k: v for k, v in groups[letter].items()}
        if len(dims) == 1:
            items = next(iter(dims.values()))
            constructs[letter] = {"label": letter, "items": items}
            continue
        span_list = [f"{v[0]}..{v[-1]}" for v in dims.values()]
        spans = " and ".join(span_list)
        names = " and ".join(dims)
        if dimensions:
            constructs[letter] = {"label": letter,
                                  "dimensions": {d: {"items": v} for d, v in dims.items()}}
            notes.append(Note(f"{spans} read as dimensions {names} of one construct {letter} "
                              "(--dimensions)", "read_dimensions",
                              {"spans": span_list, "names": list(dims), "letter": letter}))
        else:
            for d, v in dims.items():
                constructs[d] = {"label": d, "items": v}
            notes.append(Note(f"{spans} read as {len(dims)} constructs {names}; use "
                              f"--dimensions to read them as dimensions of {letter}",
                              "read_constructs", {"spans": span_list, "names": list(dims),
                                                  "k": len(dims), "letter": letter}))
    return constructs, notes


def items_of(body: dict) -> list[str]:
    """The item ids of a construct mapping, through its dimensions when it has them."""
    if "items" in body:
        return list(body["items"])
    return [i for d in body["dimensions"].values() for i in d["items"]]


def models_note(models: Sequence[str]) -> Note:
    """The note listing the models chosen (``"models: Y ~ X1 + X2"`` or ``"models: none"``)."""
    if not models:
        return Note("models: none", "models_none")
    text = "; ".join(models)
    return Note("models: " + text, "models", {"models": text})


def default_models(constructs: dict, dependent: str | None = None) -> list[str]:
    """The usual regressions of a thesis.

    Each dependent (constructs whose code starts with Y, else ``dependent``,
    else the last construct) on all the others (multiple regression), then
    on each alone (simple regressions); on the dimensions of a single
    predictor that has dimensions.
    """
    if len(constructs) < 2:
        return []
    codes = list(constructs)
    if dependent is not None:
        deps = [dependent]
    else:
        deps = [c for c in codes if c.upper().startswith("Y")] or [codes[-1]]
    preds = [c for c in codes if c not in deps]
    models = []
    for dep in deps:
        if len(preds) > 1:
            models.append(f"{dep} ~ {' + '.join(preds)}")
        models += [f"{dep} ~ {p}" for p in preds]
        if len(preds) == 1 and "dimensions" in constructs[preds[0]]:
            models.append(f"{dep} ~ {' + '.join(constructs[preds[0]]['dimensions'])}")
    return models


def default_scale(lo: int, hi: int) -> dict:
    """The ``scale:`` mapping: Indonesian labels and the usual aliases on a 1..5 scale."""
    if (lo, hi) == (1, 5):
        return {"min": 1, "max": 5, "labels": dict(DEFAULT_LABELS),
                "aliases": {k: list(v) for k, v in DEFAULT_ALIASES.items()}}
    return {"min": lo, "max": hi}


def infer_instrument(columns: Sequence[str], scale_max: int = 5, scale_min: int = 1,
                     name: str = "inferred", dimensions: bool = False,
                     ) -> tuple[Instrument, list[str]]:
    """Infer constructs and models from item-like column names alone.

    Parameters
    ----------
    columns : sequence of str
        The file's headers.
    scale_max, scale_min : int
        The answer scale.
    name : str
        The instrument's name.
    dimensions : bool
        Read ``X1.1..X2.4`` as dimensions ``X1``, ``X2`` of one construct
        ``X`` instead of two constructs.

    Returns
    -------
    (Instrument, notes)
        ``notes`` are sentences saying what was inferred, for the report.

    Raises
    ------
    InstrumentError
        No column looks like an item.

    Examples
    --------
    >>> inst, notes = infer_instrument(["X1.1", "X1.2", "X2.1", "X2.2", "Y1", "Y2"])
    >>> [m.formula for m in inst.models]
    ['Y ~ X1 + X2', 'Y ~ X1', 'Y ~ X2']
    >>> notes[0]
    'X1.1..X1.2 and X2.1..X2.2 read as 2 constructs X1 and X2; use --dimensions to read them as dimensions of X'
    """
    groups = name_groups(columns)
    if not groups:
        raise InstrumentError("no column looks like a questionnaire item (X1.1, X1_1, Y1, ...): "
                              "give --instrument or --construct")
    constructs, notes = constructs_from_groups(groups, dimensions)
    for code, body in constructs.items():
        items = items_of(body)
        notes.append(f"construct {code}: {len(items)} items ({items[0]}..{items[-1]})")
    models = default_models(constructs)
    notes.append(models_note(models) if models else
                 Note("models: none (one construct)", "models_none_one"))
    notes.append(Note(f"scale: {scale_min}..{scale_max}", "scale",
                      {"min": scale_min, "max": scale_max}))
    raw = {"name": name, "title": "Instrument inferred from the column names",
           "title_id": "Instrumen yang disusun dari nama kolom",
           "scale": default_scale(scale_min, scale_max), "constructs": constructs,
           "models": models}
    return instrument_from_dict(raw), notes
