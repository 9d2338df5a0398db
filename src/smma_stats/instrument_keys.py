"""The keys of an instrument YAML file, read and checked one by one.

:func:`instrument_fields` turns a parsed mapping into the fields of an
:class:`~smma_stats.instrument.Instrument`; every wrong key raises an
:class:`~smma_stats.errors.InstrumentError` naming it. The schema is described
in :mod:`smma_stats.instrument`.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from .errors import InstrumentError
from .instrument_parts import Construct, Dimension, Item, Model, Scale

_MODEL_RE = re.compile(r"^\s*([^~+]+?)\s*~\s*(.+?)\s*$")
_CATEGORY_METHODS = ("interval", "mean_sd", "ideal_percent")


def instrument_fields(raw: Any) -> dict[str, Any]:
    """The fields of an :class:`~smma_stats.instrument.Instrument` read from a parsed
    YAML mapping, every key checked (``source`` aside).

    Raises
    ------
    InstrumentError
        A key is missing or wrong; the message names the key.
    """
    if not isinstance(raw, dict):
        raise InstrumentError("an instrument must be a mapping with keys name, scale, constructs")
    known = {"name", "title", "title_id", "description", "scale", "score", "constructs",
             "reverse", "models", "categories", "columns", "attention_check",
             "mediation", "moderation", "hypotheses"}
    unknown = sorted(set(map(str, raw)) - known)
    if unknown:
        raise InstrumentError(f"unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")
    name = _req_str(raw, "name")
    scale = _parse_scale(raw.get("scale"))
    score = raw.get("score", "sum")
    if score not in ("sum", "mean"):
        raise InstrumentError(f"key 'score': must be 'sum' or 'mean', not {score!r}")
    reverse = _str_list(raw.get("reverse") or [], "reverse")
    constructs = _parse_constructs(raw.get("constructs"), set(reverse))

    all_items: dict[str, str] = {}
    for c in constructs.values():
        for it in c.items:
            if it.id in all_items:
                raise InstrumentError(
                    f"key 'constructs': item {it.id!r} appears in both {all_items[it.id]!r} "
                    f"and {c.code!r}" if all_items[it.id] != c.code else
                    f"key 'constructs.{c.code}': item {it.id!r} appears twice")
            all_items[it.id] = c.code
    for r in reverse:
        if r not in all_items:
            raise InstrumentError(f"key 'reverse': unknown item {r!r}")
    names = set(constructs) | {d.name for c in constructs.values() for d in c.dimensions}
    clash = {d.name for c in constructs.values() for d in c.dimensions} & set(constructs)
    if clash:
        raise InstrumentError(f"key 'constructs': {sorted(clash)[0]!r} is both a construct "
                              "and a dimension")
    raw_models = raw.get("models") or []
    if not isinstance(raw_models, list):
        raise InstrumentError(f"key 'models': must be a list of models such as ['Y ~ X'] "
                              f"(one '- Y ~ X' line each), not {_kind(raw_models)}")
    models = tuple(_parse_model(m, i, names) for i, m in enumerate(raw_models))
    mediation = tuple(_parse_path(m, f"mediation[{i}]", names, _MEDIATION_ROLES)
                      for i, m in enumerate(_list_of(raw, "mediation")))
    moderation = tuple(_parse_path(m, f"moderation[{i}]", names, _MODERATION_ROLES)
                       for i, m in enumerate(_list_of(raw, "moderation")))
    from .hypotheses import parse_hypotheses

    hypotheses = parse_hypotheses(raw.get("hypotheses"), names, models=models or None)
    categories = _parse_categories(raw.get("categories") or {})
    check = _parse_attention_check(raw.get("attention_check"), all_items)
    columns = raw.get("columns") or {}
    if not isinstance(columns, dict):
        raise InstrumentError("key 'columns': must map a file header to an item id")
    for header, item in columns.items():
        if str(item) not in all_items and not (check and str(item) == check["column"]):
            raise InstrumentError(f"key 'columns.{header}': unknown item {item!r}")
    return dict(
        name=name, title=_opt_text(raw.get("title"), "title") or name, scale=scale, score=score,
        constructs=constructs, reverse=tuple(reverse), models=models,
        categories=categories, columns={str(k): str(v) for k, v in columns.items()},
        attention_check=check, title_id=_opt_text(raw.get("title_id"), "title_id"),
        description=_opt_text(raw.get("description"), "description"),
        mediation=mediation, moderation=moderation, hypotheses=hypotheses)


def _kind(v: Any) -> str:
    """What a YAML value is, for a message."""
    if isinstance(v, str):
        return f"the text {v!r}"
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(v), repr(v))


def _opt_text(v: Any, key: str) -> str | None:
    """An optional text key: a text (or a number written as one), or nothing."""
    if v is None:
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    if not isinstance(v, str):
        raise InstrumentError(f"key {key!r}: must be a text, not {_kind(v)}")
    return v.strip()


def _req_str(raw: dict, key: str) -> str:
    v = raw.get(key)
    if not isinstance(v, str) or not v.strip():
        raise InstrumentError(f"key {key!r}: required, a non-empty text")
    return v.strip()


def _str_list(v: Any, key: str) -> list[str]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list):
        raise InstrumentError(f"key {key!r}: must be a list of item ids")
    return [str(x) for x in v]


def _scale_point(k: Any, lo: int, hi: int, key: str) -> int:
    """A key of ``scale.labels`` or ``scale.aliases`` as a point of the ``lo..hi`` scale."""
    try:
        kv = int(k)
    except (TypeError, ValueError):
        raise InstrumentError(f"key {key!r}: {k!r} is not a scale value") from None
    if not lo <= kv <= hi:
        raise InstrumentError(f"key {key!r}: {kv} is outside {lo}..{hi}")
    return kv


def _parse_scale(raw: Any) -> Scale:
    if not isinstance(raw, dict):
        raise InstrumentError("key 'scale': required, a mapping {min, max, labels}")
    lo, hi = raw.get("min"), raw.get("max")
    for key, v in (("min", lo), ("max", hi)):
        if not isinstance(v, int) or isinstance(v, bool):
            raise InstrumentError(f"key 'scale.{key}': must be a whole number, not {v!r}")
    if lo >= hi:
        raise InstrumentError(f"key 'scale': min ({lo}) must be below max ({hi})")
    labels = raw.get("labels") or {}
    if not isinstance(labels, dict):
        raise InstrumentError("key 'scale.labels': must map each value to its label")
    out = {}
    for k, text in labels.items():
        kv = _scale_point(k, lo, hi, "scale.labels")
        out[kv] = _opt_text(text, f"scale.labels.{kv}") or ""
    aliases = {}
    raw_aliases = raw.get("aliases") or {}
    if not isinstance(raw_aliases, dict):
        raise InstrumentError("key 'scale.aliases': must map each value to its other answer "
                              f"texts, e.g. {{4: [S, Agree]}}, not {_kind(raw_aliases)}")
    for k, texts in raw_aliases.items():
        kv = _scale_point(k, lo, hi, "scale.aliases")
        texts = texts if isinstance(texts, list) else [texts]
        if any(isinstance(t, (dict, list)) or t is None for t in texts):
            raise InstrumentError(f"key 'scale.aliases.{kv}': must be a text or a list of "
                                  "texts")
        aliases[kv] = tuple(str(t) for t in texts)
    return Scale(min=lo, max=hi, labels=out, aliases=aliases)


def _parse_items(raw: Any, where: str, reverse: set[str]) -> tuple[Item, ...]:
    if isinstance(raw, dict):
        items = []
        for k, v in raw.items():
            key = f"{where}.items.{k}"
            if isinstance(v, dict):
                text = _opt_text(v.get("id") or v.get("text"), f"{key}.id")
                text_en = _opt_text(v.get("en"), f"{key}.en")
            else:
                text, text_en = _opt_text(v, key), None
            items.append(Item(str(k), text, text_en, str(k) in reverse))
    elif isinstance(raw, list):
        items = [Item(str(k), reverse=str(k) in reverse) for k in raw]
    else:
        raise InstrumentError(f"key '{where}.items': required, a list of ids or a mapping "
                              "id: wording")
    if not items:
        raise InstrumentError(f"key '{where}.items': no items")
    return tuple(items)


def _parse_constructs(raw: Any, reverse: set[str]) -> dict[str, Construct]:
    if not isinstance(raw, dict) or not raw:
        raise InstrumentError("key 'constructs': required, a mapping of construct codes")
    out = {}
    for code, body in raw.items():
        code = str(code)
        where = f"constructs.{code}"
        if not isinstance(body, dict):
            raise InstrumentError(f"key {where!r}: must be a mapping with label and items "
                                  "or dimensions")
        label = _opt_text(body.get("label"), f"{where}.label") or code
        has_dims, has_items = "dimensions" in body, "items" in body
        if has_dims == has_items:
            raise InstrumentError(f"key {where!r}: give either 'items' or 'dimensions'")
        dims: list[Dimension] = []
        if has_dims:
            raw_dims = body["dimensions"]
            if not isinstance(raw_dims, dict) or not raw_dims:
                raise InstrumentError(f"key '{where}.dimensions': must be a mapping of "
                                      "dimension names")
            for dname, dbody in raw_dims.items():
                dwhere = f"{where}.dimensions.{dname}"
                if isinstance(dbody, list):
                    dbody = {"items": dbody}
                if not isinstance(dbody, dict):
                    raise InstrumentError(f"key {dwhere!r}: must be a mapping with items")
                dims.append(Dimension(str(dname),
                                      _opt_text(dbody.get("label"), f"{dwhere}.label")
                                      or str(dname),
                                      _parse_items(dbody.get("items"), dwhere, reverse),
                                      _opt_text(dbody.get("label_id"), f"{dwhere}.label_id")))
            items = tuple(it for d in dims for it in d.items)
        else:
            items = _parse_items(body["items"], where, reverse)
        seen = set()
        for it in items:
            if it.id in seen:
                raise InstrumentError(f"key {where!r}: item {it.id!r} appears twice")
            seen.add(it.id)
        out[code] = Construct(code, label, tuple(dims), items,
                              _opt_text(body.get("label_id"), f"{where}.label_id"))
    return out


def _parse_model(raw: Any, index: int, names: set[str]) -> Model:
    where = f"models[{index}]"
    if isinstance(raw, dict):
        dep, preds = raw.get("dependent"), raw.get("predictors")
        if isinstance(preds, str):
            preds = [preds]
        if not isinstance(dep, str) or not isinstance(preds, list) or not preds:
            raise InstrumentError(f"key {where!r}: needs 'dependent' and 'predictors'")
        dep, preds = dep.strip(), [str(p).strip() for p in preds]
    elif isinstance(raw, str) and (m := _MODEL_RE.match(raw)):
        dep = m.group(1).strip()
        preds = [t.strip() for t in m.group(2).split("+")]
    else:
        raise InstrumentError(f"key {where!r}: write a model as 'Y ~ X1 + X2', not {raw!r}")
    for term in [dep, *preds]:
        if term not in names:
            raise InstrumentError(f"key {where!r}: {term!r} is not a construct or dimension "
                                  f"(known: {', '.join(sorted(names))})")
    if dep in preds:
        raise InstrumentError(f"key {where!r}: {dep!r} is on both sides")
    if len(set(preds)) != len(preds):
        raise InstrumentError(f"key {where!r}: a predictor is named twice")
    return Model(dep, tuple(preds))


# Roles of a path analysis: (key, several names allowed, required); then flags.
_MEDIATION_ROLES = ((("x", False, True), ("m", True, True), ("y", False, True),
                     ("covariates", True, False)), {"serial": False})
_MODERATION_ROLES = ((("x", False, True), ("w", False, True), ("y", False, True),
                      ("covariates", True, False)), {"center": False})


def _list_of(raw: dict, key: str) -> list:
    value = raw.get(key) or []
    if not isinstance(value, list):
        raise InstrumentError(f"key {key!r}: must be a list of analyses")
    return value


def _parse_path(raw: Any, where: str, names: set[str], spec) -> dict[str, Any]:
    """One mediation or moderation entry as keyword arguments, names checked."""
    roles, flags = spec
    known = [r[0] for r in roles] + list(flags)
    if not isinstance(raw, dict):
        raise InstrumentError(f"key {where!r}: write it as a mapping with keys {', '.join(known)}")
    unknown = sorted(set(map(str, raw)) - set(known))
    if unknown:
        raise InstrumentError(f"key '{where}.{unknown[0]}': unknown (known: {', '.join(known)})")
    out: dict[str, Any] = {}
    seen: dict[str, str] = {}
    for key, several, required in roles:
        value = raw.get(key)
        if value is None and required:
            raise InstrumentError(f"key '{where}.{key}': required")
        values = [value] if isinstance(value, str) else list(value or [])
        if not several and len(values) != 1:
            raise InstrumentError(f"key '{where}.{key}': must name one construct")
        if required and not values:
            raise InstrumentError(f"key '{where}.{key}': name at least one construct")
        for v in map(str, values):
            if v not in names:
                raise InstrumentError(f"key '{where}.{key}': {v!r} is not a construct or "
                                      f"dimension (known: {', '.join(sorted(names))})")
            if v in seen:
                raise InstrumentError(f"key {where!r}: {v!r} is both {seen[v]} and {key}")
            seen[v] = key
        out[key] = [str(v) for v in values] if several else str(values[0])
    for flag, default in flags.items():
        value = raw.get(flag, default)
        if not isinstance(value, bool):
            raise InstrumentError(f"key '{where}.{flag}': must be true or false")
        out[flag] = value
    return out


def _parse_attention_check(raw: Any, items: Mapping[str, str]) -> dict | None:
    """``{column, expect}`` with ``expect`` a tuple of whole numbers and texts, and
    ``text`` / ``text_en`` when the wording is given."""
    key = "attention_check"
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(map(str, raw)) - {"column", "item", "text", "expect"}:
        raise InstrumentError(f"key {key!r}: must be a mapping {{column, text, expect}}")
    if "column" in raw and "item" in raw:
        raise InstrumentError(f"key {key!r}: give either 'column' or 'item'")
    wording = _check_wording(raw.get("text"), key)
    if "column" not in raw and "item" not in raw and not wording:
        raise InstrumentError(f"key {key!r}: give either 'column' or 'item', or the "
                              "question's 'text'")
    column = raw.get("column", raw.get("item", wording.get("text") or wording.get("text_en")))
    if not isinstance(column, (str, int)) or isinstance(column, bool) or not str(column).strip():
        raise InstrumentError(f"key {key!r}: 'column' must be a file header or an item id")
    if "item" in raw and str(column) not in items:
        raise InstrumentError(f"key '{key}.item': unknown item {column!r}")
    expect = raw.get("expect")
    values = expect if isinstance(expect, list) and expect else [expect]
    out = []
    for v in values:
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, bool) or not isinstance(v, (int, str)) or str(v).strip() == "":
            raise InstrumentError(f"key '{key}.expect': {v!r} is not an answer; give a scale "
                                  "point, an answer text or a list of them")
        out.append(v.strip() if isinstance(v, str) else v)
    return {"column": str(column).strip(), **wording, "expect": tuple(out)}


def _check_wording(raw: Any, key: str) -> dict[str, str]:
    """``text: "..."`` or ``text: {id: "...", en: "..."}`` as ``{text, text_en}``."""
    if raw is None:
        return {}
    if isinstance(raw, str):
        pairs = [("text", raw)]
    elif isinstance(raw, dict) and raw and not set(map(str, raw)) - {"id", "en"}:
        pairs = [(name, raw[k]) for k, name in (("id", "text"), ("en", "text_en")) if k in raw]
    else:
        pairs = [("text", None)]
    for _, text in pairs:
        if not isinstance(text, str) or not text.strip():
            raise InstrumentError(f"key '{key}.text': give the question's wording as a text "
                                  "or as {id: ..., en: ...}")
    return {name: text.strip() for name, text in pairs}


def _parse_categories(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InstrumentError("key 'categories': must be a mapping {method, levels}")
    out = {"method": "interval", "levels": 3, "basis": "hypothetical"}
    out.update(raw)
    if out["method"] not in _CATEGORY_METHODS:
        raise InstrumentError(f"key 'categories.method': must be one of "
                              f"{', '.join(_CATEGORY_METHODS)}, not {out['method']!r}")
    if out["levels"] not in (3, 5):
        raise InstrumentError(f"key 'categories.levels': must be 3 or 5, not {out['levels']!r}")
    if out["basis"] not in ("hypothetical", "sample"):
        raise InstrumentError("key 'categories.basis': must be 'hypothetical' or 'sample'")
    return out
