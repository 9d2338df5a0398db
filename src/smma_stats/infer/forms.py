"""An instrument proposed from a whole response file (``smma init``).

Survey platforms head each column with the question itself. The answers
tell which columns are items (see :mod:`.answers`); the headers tell how they
group into constructs, tried in this order:

1. a thesis item code before the question (``X1.2 Kontennya menarik``,
   ``Y3``): see :mod:`.naming`;
2. a grid question, which Google Forms exports as ``Title [row]``: one
   construct per title;
3. numbering ``1.2 ...``: one construct per first number;
4. failing those, one construct per block of consecutive items (marked
   ``# check: grouped by position`` in the YAML).

An item whose corrected item-total correlation within its construct is
negative is read as reverse-keyed; an instructed-response question ("Untuk
pertanyaan ini, pilih Setuju") becomes the attention check; every other
column is a respondent attribute.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InstrumentError
from ..instrument import Instrument, instrument_from_dict
from .adhoc import ADHOC_NAMES, item_ids
from .answers import (
    VOCABULARY,
    attention_answer,
    classify,
    coded,
    corrected_item_total,
    is_attribute_header,
    norm,
)
from ..notes import Note
from .naming import (constructs_from_groups, default_models, default_scale, items_of,
                     models_note, name_groups)

_TOKEN = re.compile(r"^\s*([A-Za-z]{1,5}\d+(?:[._]\d+)?)(?=$|[\s.):\-])")
_GRID = re.compile(r"^(.*\S)\s*\[([^\[\]]+)\]\s*$")
_SECTION = re.compile(r"^\s*(\d+)[._](\d+)(?=$|[\s.):\-])")
_NUMBERING = re.compile(r"^\s*(?:[A-Za-z]{1,5})?\d+(?:[._]\d+)*\s*(?:[.):\-]\s*|\s+)(?=\S)")


@dataclass(frozen=True)
class InstrumentProposal:
    """An instrument inferred from a response file, with what to tell the user.

    Attributes
    ----------
    instrument : Instrument
        Built from ``raw``, exactly as loading :meth:`to_yaml` gives it.
    raw : dict
        The instrument as a YAML mapping.
    notes : tuple of str
        One sentence per decision (which reading, which items reversed, ...).
    comments : dict of str to tuple of str
        YAML comments keyed by ``"constructs.CODE"``, ``"reverse.ID"``,
        ``"models"``, ``"attention_check"`` and ``"header"``.
    attributes : tuple of str
        The columns that are not items.
    """

    instrument: Instrument
    raw: Mapping[str, Any]
    notes: tuple[str, ...]
    comments: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    attributes: tuple[str, ...] = ()

    def to_yaml(self, source: str | None = None) -> str:
        """The instrument as commented YAML (see :func:`.yaml_out.proposal_yaml`)."""
        from .yaml_out import proposal_yaml

        return proposal_yaml(self, source)


def propose_instrument(frame, constructs: Sequence[tuple[str, Sequence[str]]] | None = None,
                       dimensions: bool = False, name: str = "inferred") -> InstrumentProposal:
    """Propose an instrument for a table of raw answers.

    Parameters
    ----------
    frame : pandas.DataFrame
        The raw cells, one column per header (labels not yet coded).
    constructs : sequence of (code, headers), optional
        Constructs given by the user (``--construct``); else inferred.
    dimensions : bool
        Read ``X1.1..X2.4`` as dimensions of one construct ``X``.
    name : str
        The instrument's name.

    Raises
    ------
    InstrumentError
        No column holds answers on an agreement scale.
    """
    headers = [str(c) for c in frame.columns]
    kinds, check = _classify_columns(frame, headers, constructs)
    scale, dropped = _scale(frame, kinds)
    items = [h for h in headers if h in kinds and h not in dropped]
    if not items:
        raise InstrumentError("no column holds questionnaire answers (scale labels such as "
                              "Setuju, or codes 1..5): give --instrument or --construct")
    comments: dict[str, list[str]] = {}
    if constructs:
        groups = _given(constructs, headers)
        notes = []
    else:
        groups, notes = _infer_groups(headers, items, dimensions, comments)
    raw_constructs, mapping = _build(groups)
    reverse, rev_notes = _reverse(frame, raw_constructs, mapping, comments)
    models = _models(raw_constructs, bool(constructs), comments)
    names = ADHOC_NAMES if constructs else {
        "name": name, "title": "Instrument inferred from the response file",
        "title_id": "Instrumen yang disusun dari berkas data"}
    raw: dict[str, Any] = {**names, "scale": scale, "constructs": raw_constructs}
    if reverse:
        raw["reverse"] = reverse
    raw["models"] = models
    if mapping:
        raw["columns"] = mapping
    if check is not None:
        raw["attention_check"] = {"column": check[0], "expect": check[1]}
        comments["attention_check"] = [f"the question asks for {scale['labels'][check[1]]!r}"
                                       if scale.get("labels") else "instructed response"]
    attributes = tuple(h for h in headers if h not in mapping and not _is_item_id(h, raw)
                       and (check is None or h != check[0]))
    notes += _summary(raw, rev_notes, check, attributes)
    return InstrumentProposal(instrument_from_dict(raw), raw, tuple(notes),
                              {k: tuple(v) for k, v in comments.items()}, attributes)


def _is_item_id(header: str, raw: dict) -> bool:
    return any(header in items_of(body) for body in raw["constructs"].values())


def _classify_columns(frame, headers, constructs):
    """{item header: labels seen} and the attention check (header, point) or None."""
    given = {h for _, hs in constructs or () for h in hs}
    kinds: dict[str, dict[str, int]] = {}
    check = None
    for h in headers:
        if h in given:
            c = classify(frame[h])
            kinds[h] = c[1] if c else {}
            continue
        if is_attribute_header(h):
            continue
        c = classify(frame[h])
        if c is None:
            continue
        point = attention_answer(h)
        if point is not None:
            check = check or (h, point)
        elif not constructs:
            kinds[h] = c[1]
    return kinds, check


def _scale(frame, kinds: dict[str, dict[str, int]]) -> tuple[dict, set[str]]:
    """The ``scale:`` mapping, and item columns whose codes fall outside it."""
    seen = {t: v for labels in kinds.values() for t, v in labels.items()}
    lows, highs = {}, {}
    for h in kinds:
        x = coded(frame[h])
        if np.isfinite(x).any():
            lows[h], highs[h] = np.nanmin(x), np.nanmax(x)
    if seen:
        lo, hi = 1, 5
    else:
        lo = 0 if any(v == 0 for v in lows.values()) else 1
        hi = int(max(max(highs.values(), default=5), 5))
    dropped = {h for h in kinds if lows.get(h, lo) < lo or highs.get(h, hi) > hi}
    scale = default_scale(lo, hi)
    if "labels" in scale:
        _labels_seen(scale, seen)
    return scale, dropped


def _labels_seen(scale: dict, seen: dict[str, int]) -> None:
    """Make a full label seen in the file the label of its point, and add every other
    text seen to the aliases (the usual ones stay)."""
    labels, aliases = scale["labels"], scale["aliases"]
    for text, v in sorted(seen.items(), key=lambda kv: (kv[1], kv[0])):
        if len(text) > 3 and norm(text) != norm(labels[v]) and norm(labels[v]) not in {
                norm(t) for t in seen if seen[t] == v}:
            aliases[v].insert(0, labels[v])
            labels[v] = text
    for text, v in sorted(seen.items(), key=lambda kv: (kv[1], kv[0])):
        known = {norm(labels[v])} | {norm(t) for t in aliases[v]}
        if norm(text) not in known:
            aliases[v].append(text)
    for v in aliases:
        aliases[v] = [t for t in aliases[v] if norm(t) != norm(labels[v])]


def _given(constructs, headers) -> list[dict]:
    return [{"code": code, "headers": list(hs), "ids": None, "wording": None,
             "first": headers.index(hs[0])} for code, hs in constructs]


def _infer_groups(headers, items, dimensions, comments) -> tuple[list[dict], list[str]]:
    """Groups ``{code, headers, ids, first}`` in file order, and the reading notes."""
    pos = {h: k for k, h in enumerate(headers)}
    tokens: dict[str, str] = {}
    for h in items:
        if m := _TOKEN.match(h):
            tokens.setdefault(m.group(1), h)
    counts = {t: sum(1 for h in items if (m := _TOKEN.match(h)) and m.group(1) == t)
              for t in tokens}
    tokens = {t: h for t, h in tokens.items() if counts[t] == 1}
    letter_groups = name_groups(list(tokens))
    named, notes = constructs_from_groups(letter_groups, dimensions)
    groups, used = [], set()
    for code, body in named.items():
        ids = items_of(body)
        hs = [tokens[i] for i in ids]
        used.update(hs)
        groups.append({"code": code, "headers": hs, "ids": ids, "first": pos[hs[0]],
                       "body": body if "dimensions" in body else None})
    rest = [h for h in items if h not in used]
    groups += _grids(rest, pos)
    used.update(h for g in groups for h in g["headers"])
    unnamed = _sections(rest, used, pos, comments)
    used.update(h for g in unnamed for h in g["headers"])
    unnamed += _blocks(headers, [h for h in rest if h not in used], pos, comments)
    used.update(h for g in unnamed for h in g["headers"])
    notes += [Note(f"{h!r} looks like a scale question but stands alone: left out of the "
                   "constructs", "stray_question", {"question": h})
              for h in rest if h not in used]
    _name_unnamed(unnamed, bool(groups), comments)
    groups = sorted(groups + unnamed, key=lambda g: g["first"])
    return groups, notes


def _grids(rest, pos) -> list[dict]:
    by_title: dict[str, list[str]] = {}
    for h in rest:
        if m := _GRID.match(h):
            by_title.setdefault(" ".join(m.group(1).split()), []).append(h)
    out, codes = [], set()
    for title, hs in by_title.items():
        if len(hs) < 2:
            continue
        code = _acronym(title, codes)
        codes.add(code)
        out.append({"code": code, "label": title, "headers": hs, "ids": None,
                    "first": pos[hs[0]],
                    "wording": [_GRID.match(h).group(2).strip() for h in hs]})
    return out


def _acronym(title: str, taken: set[str]) -> str:
    """``Kualitas Produk`` -> ``KP``; ``Harga`` -> ``HARGA``; on a clash ``KPR``, ..."""
    words = re.findall(r"[A-Za-z]+", _NUMBERING.sub("", title)) or ["K"]
    if len(words) == 1:
        candidates = [words[0][:10].upper()]
    else:
        initials = "".join(w[0] for w in words[:5]).upper()
        candidates = [initials, initials[:-1] + words[-1][:2].upper(),
                      initials[:-1] + words[-1][:3].upper()]
    for code in candidates:
        if code not in taken:
            return code
    k = 2
    while f"{candidates[0]}{k}" in taken:
        k += 1
    return f"{candidates[0]}{k}"


def _sections(rest, used, pos, comments) -> list[dict]:
    by_number: dict[str, list[str]] = {}
    for h in rest:
        if h not in used and (m := _SECTION.match(h)):
            by_number.setdefault(m.group(1), []).append(h)
    out = []
    for number, hs in by_number.items():
        if len(hs) >= 2:
            out.append({"code": None, "headers": hs, "ids": None, "first": pos[hs[0]],
                        "why": f"grouped by the numbering {number}.x of the questions"})
    return out


def _blocks(headers, rest, pos, comments) -> list[dict]:
    """Runs of consecutive item columns (any other column ends a run)."""
    left, out, run = set(rest), [], []
    for h in headers + [None]:
        if h is not None and h in left:
            run.append(h)
            continue
        if len(run) >= 2:
            out.append({"code": None, "headers": run, "ids": None, "first": pos[run[0]],
                        "why": f"check: grouped by position (columns #{pos[run[0]] + 1}.."
                               f"#{pos[run[-1]] + 1}, one block of consecutive questions)"})
        run = []
    return out


def _name_unnamed(unnamed, others: bool, comments) -> None:
    """X, Y; or X1..Xk, Y; or K1, K2 beside constructs named otherwise."""
    unnamed.sort(key=lambda g: g["first"])
    n = len(unnamed)
    for k, g in enumerate(unnamed):
        if others:
            g["code"] = f"K{k + 1}"
        elif k == n - 1 and n > 1:
            g["code"] = "Y"
        else:
            g["code"] = "X" if n <= 2 else f"X{k + 1}"
        comments.setdefault(f"constructs.{g['code']}", []).append(g["why"])


def _build(groups) -> tuple[dict, dict]:
    """``constructs:`` mapping (item id: wording) and ``columns:`` (header: item id)."""
    constructs, mapping, taken = {}, {}, set()
    for g in groups:
        hs = g["headers"]
        ids = g["ids"] or item_ids(g["code"], hs, taken | set(hs))
        taken.update(ids)
        wording = g.get("wording") or [_NUMBERING.sub("", h, count=1).strip() for h in hs]
        for h, i in zip(hs, ids):
            if h != i:
                mapping[h] = i
        items = {i: w for i, w, h in zip(ids, wording, hs) if w != i}
        body: dict[str, Any] = {"label": g.get("label") or g["code"]}
        if g.get("body"):
            body["dimensions"] = g["body"]["dimensions"]
        else:
            body["items"] = ({i: (items.get(i)) for i in ids} if items else list(ids))
        constructs[g["code"]] = body
    return constructs, mapping


def _reverse(frame, constructs, mapping, comments) -> tuple[list[str], list[str]]:
    """Items with a negative corrected item-total correlation in their construct."""
    header_of = {i: h for h, i in mapping.items()}
    reverse, notes = [], []
    for body in constructs.values():
        ids = items_of(body)
        if len(ids) < 3:
            continue
        x = np.column_stack([coded(frame[header_of.get(i, i)]) for i in ids])
        r = corrected_item_total(x)
        for i, rv in zip(ids, r):
            if np.isfinite(rv) and rv < 0:
                reverse.append(i)
                notes.append(Note(f"{i} read as reverse-keyed (corrected item-total r = "
                                  f"{rv:.3f})", "reverse", {"item": i, "r": f"{rv:.3f}"}))
                comments[f"reverse.{i}"] = [f"corrected item-total r = {rv:.3f} (negative): "
                                            "scored reversed; check its wording"]
    return reverse, notes


def _models(constructs, given: bool, comments) -> list[str]:
    codes = list(constructs)
    if given or not any(c.upper().startswith("Y") for c in codes):
        if len(codes) >= 2:
            comments["models"] = [f"check: the last construct, {codes[-1]}, is taken as the "
                                  "dependent variable"]
        return default_models(constructs, dependent=codes[-1] if codes else None)
    return default_models(constructs)


def _summary(raw, rev_notes, check, attributes) -> list[str]:
    counts = [{"code": code, "k": len(items_of(body))}
              for code, body in raw["constructs"].items()]
    parts = [f"{c['code']} ({c['k']} items)" for c in counts]
    notes = [Note("constructs: " + ", ".join(parts), "constructs", {"parts": counts})]
    notes += rev_notes
    if check is not None:
        notes.append(Note(f"attention check: {check[0]!r} (expects {check[1]})",
                          "attention_check", {"question": check[0], "answer": check[1]}))
    notes.append(models_note(raw["models"]))
    scale = raw["scale"]
    notes.append(Note(f"scale: {scale['min']}..{scale['max']}", "scale",
                      {"min": scale["min"], "max": scale["max"]}))
    if attributes:
        notes.append(Note("other columns: " + ", ".join(attributes), "other_columns",
                          {"columns": ", ".join(attributes)}))
    return notes


__all__ = ["VOCABULARY", "InstrumentProposal", "propose_instrument"]
