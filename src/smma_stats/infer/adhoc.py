"""Constructs named on the command line (``--construct``) and models (``--model``).

A ``--construct`` spec is ``CODE=COLUMNS``; COLUMNS is a comma list of
column references or ranges ``FIRST..LAST`` (in file order). A reference is
a header as written (``X1.1``), a header in double or single quotes when it
holds a comma or two dots (``"1. Harga terjangkau, sesuai kualitas"``), or
``#N``, the N-th column of the file counting from 1.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..errors import InstrumentError
from ..instrument import Instrument, Model, instrument_from_dict
from ..notes import Note
from .naming import default_models, default_scale, models_note

_ID_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9_.]{0,15}$")
_FORMULA = re.compile(r"^\s*([^~+]+?)\s*~\s*(.+?)\s*$")
#: Name and titles of an instrument built from ``--construct`` specs.
ADHOC_NAMES = {"name": "adhoc", "title": "Ad-hoc instrument from --construct",
               "title_id": "Instrumen ad hoc dari --construct"}
_USAGE = ('write CODE=FIRST..LAST or CODE=A,B,C (quote a header holding "," or "..", '
          "or give positions #3..#7)")


def construct_columns(spec: str, columns: Sequence[str]) -> tuple[str, list[str]]:
    """The code and the headers of one ``--construct`` spec.

    Examples
    --------
    >>> cols = ["Nama", "1. Harga terjangkau, sesuai kualitas", "2. Harga bersaing", "Y1", "Y2"]
    >>> construct_columns('X="1. Harga terjangkau, sesuai kualitas"..#3', cols)[1]
    ['1. Harga terjangkau, sesuai kualitas', '2. Harga bersaing']
    >>> construct_columns("Y=Y1,Y2", cols)
    ('Y', ['Y1', 'Y2'])
    """
    cols = [str(c).strip() for c in columns]
    if "=" not in spec:
        raise InstrumentError(f"--construct {spec!r}: {_USAGE}")
    code, body = (s.strip() for s in spec.split("=", 1))
    if not code or not body:
        raise InstrumentError(f"--construct {spec!r}: {_USAGE}")
    headers: list[str] = []
    pos = 0
    while True:
        first, pos = _reference(spec, body, pos, cols)
        pos = _skip(body, pos)
        if body.startswith("..", pos):
            last, pos = _reference(spec, body, _skip(body, pos + 2), cols)
            if last < first:
                raise InstrumentError(f"--construct {spec!r}: {cols[last]!r} comes before "
                                      f"{cols[first]!r}")
            headers += cols[first:last + 1]
        else:
            headers.append(cols[first])
        pos = _skip(body, pos)
        if pos >= len(body):
            break
        if body[pos] != ",":
            raise InstrumentError(f"--construct {spec!r}: unexpected {body[pos:]!r}; {_USAGE}")
        pos = _skip(body, pos + 1)
    twice = sorted({h for h in headers if headers.count(h) > 1})
    if twice:
        raise InstrumentError(f"--construct {spec!r}: column {twice[0]!r} is named twice")
    return code, headers


def _skip(body: str, pos: int) -> int:
    while pos < len(body) and body[pos].isspace():
        pos += 1
    return pos


def _reference(spec: str, body: str, pos: int, cols: list[str]) -> tuple[int, int]:
    """(column index, position after the reference) of the reference at ``pos``."""
    if pos < len(body) and body[pos] in "\"'":
        end = body.find(body[pos], pos + 1)
        if end < 0:
            raise InstrumentError(f"--construct {spec!r}: a quote is not closed")
        name, after = body[pos + 1:end].strip(), end + 1
    elif m := re.compile(r"#(\d+)").match(body, pos):
        n = int(m.group(1))
        if not 1 <= n <= len(cols):
            raise InstrumentError(f"--construct {spec!r}: #{n}: the file has columns "
                                  f"#1..#{len(cols)}")
        return n - 1, m.end()
    else:
        ends = [i for i in (body.find(",", pos), body.find("..", pos)) if i >= 0]
        after = min(ends) if ends else len(body)
        name = body[pos:after].strip()
    if not name:
        raise InstrumentError(f"--construct {spec!r}: a column name is missing; {_USAGE}")
    if name in cols:
        return cols.index(name), after
    folded = [i for i, c in enumerate(cols) if " ".join(c.split()).casefold()
              == " ".join(name.split()).casefold()]
    if len(folded) == 1:
        return folded[0], after
    raise InstrumentError(f"--construct {spec!r}: no column {name!r} in the file")


def item_ids(code: str, headers: Sequence[str], taken: set[str]) -> list[str]:
    """Item ids for a construct's headers: the header when it is short and id-like
    (``X1.1``), else ``CODE1``, ``CODE2`` (``CODE.1`` when the code ends in a digit)."""
    if all(_ID_LIKE.match(h) for h in headers):
        return list(headers)
    sep = "." if code[-1:].isdigit() else ""
    out, k = [], 0
    for _ in headers:
        k += 1
        while f"{code}{sep}{k}" in taken:
            k += 1
        out.append(f"{code}{sep}{k}")
    return out


def adhoc_instrument(specs: Sequence[str], columns: Sequence[str],
                     models: Sequence[str] = (), scale_min: int = 1, scale_max: int = 5,
                     ) -> tuple[Instrument, list[str]]:
    """Build an instrument from ``--construct`` specs (see :func:`construct_columns`).

    Headers that are not short ids (whole questions) get item ids ``CODE1``,
    ``CODE2``, ... and a ``columns:`` mapping. Without ``models`` the last
    construct is regressed on the others.
    """
    cols = [str(c).strip() for c in columns]
    constructs, mapping, notes = {}, {}, []
    taken = set(cols)
    for spec in specs:
        code, headers = construct_columns(spec, cols)
        ids = item_ids(code, headers, taken)
        taken.update(ids)
        mapping.update({h: i for h, i in zip(headers, ids) if h != i})
        constructs[code] = {"label": code, "items": ids}
        notes.append(Note(f"construct {code}: {len(ids)} items ({headers[0]}..{headers[-1]})",
                          "construct_items", {"code": code, "k": len(ids), "first": headers[0],
                                              "last": headers[-1]}))
    model_list = list(models) or default_models(constructs, dependent=list(constructs)[-1])
    raw = {**ADHOC_NAMES, "scale": default_scale(scale_min, scale_max), "constructs": constructs,
           "models": model_list}
    if mapping:
        raw["columns"] = mapping
    notes.append(models_note(model_list))
    return instrument_from_dict(raw), notes


def with_models(instrument: Instrument, formulas: Sequence[str]) -> Instrument:
    """The instrument with its models replaced by ``formulas`` (``"Y ~ X1 + X2"``).

    Raises
    ------
    InstrumentError
        A formula is malformed or names no construct or dimension.
    """
    names = instrument.scale_names()
    models = []
    for text in formulas:
        m = _FORMULA.match(text)
        if not m:
            raise InstrumentError(f"--model {text!r}: write a model as 'Y ~ X1 + X2'")
        dep, preds = m.group(1).strip(), [t.strip() for t in m.group(2).split("+")]
        for term in [dep, *preds]:
            if term not in names:
                raise InstrumentError(f"--model {text!r}: {term!r} is not a construct or "
                                      f"dimension (known: {', '.join(names)})")
        if dep in preds or len(set(preds)) != len(preds):
            raise InstrumentError(f"--model {text!r}: a name appears twice")
        models.append(Model(dep, tuple(preds)))
    return dataclasses.replace(instrument, models=tuple(models))
