"""Instrument YAML as ``smma init`` writes it: every key the analysis needs, with
comments where a person should look (``# check: ...``)."""

from __future__ import annotations

from typing import Any

from ..instrument import Instrument


def _dump(obj: Any, indent: int = 0) -> list[str]:
    import yaml

    text = yaml.safe_dump(obj, sort_keys=False, allow_unicode=True, width=10_000,
                          default_flow_style=False)
    return [" " * indent + line for line in text.splitlines()]


def instrument_to_yaml(inst: Instrument) -> str:
    """A YAML text of an instrument, loadable by :func:`~smma_stats.instrument.load_instrument`.

    Scale labels and aliases, reverse keys, models, the ``columns:`` mapping
    and the attention check are all written, so the file gives the same
    analysis as the instrument itself.
    """
    cons = {}
    for code, c in inst.constructs.items():
        body: dict = {"label": c.label}
        if c.dimensions:
            body["dimensions"] = {d.name: {"label": d.label, "items": _items(d.items)}
                                  for d in c.dimensions}
        else:
            body["items"] = _items(c.items)
        cons[code] = body
    scale: dict = {"min": inst.scale.min, "max": inst.scale.max}
    if inst.scale.labels:
        scale["labels"] = dict(inst.scale.labels)
    if inst.scale.aliases:
        scale["aliases"] = {k: list(v) for k, v in inst.scale.aliases.items()}
    raw: dict = {"name": inst.name, "title": inst.title}
    if inst.title_id:
        raw["title_id"] = inst.title_id
    raw.update({"scale": scale, "score": inst.score, "constructs": cons})
    if inst.reverse:
        raw["reverse"] = list(inst.reverse)
    raw["models"] = [m.formula for m in inst.models]
    if inst.columns:
        raw["columns"] = dict(inst.columns)
    if inst.attention_check:
        check = dict(inst.attention_check)
        expect = list(check.pop("expect"))
        text, text_en = check.pop("text", None), check.pop("text_en", None)
        if text or text_en:
            check["text"] = {k: v for k, v in (("id", text), ("en", text_en)) if v}
        raw["attention_check"] = {**check, "expect": expect[0] if len(expect) == 1 else expect}
    return "\n".join(_dump(raw)) + "\n"


def _items(items):
    if any(it.text for it in items):
        return {it.id: it.text for it in items}
    return [it.id for it in items]


def proposal_yaml(proposal, source: str | None = None) -> str:
    """The proposal's instrument as YAML with its comments.

    Loading the text gives ``proposal.instrument`` back (same items, scale,
    reverse keys, models, columns and attention check).
    """
    raw, notes = proposal.raw, proposal.comments
    what = f" from {source}" if source else ""
    lines = [f"# Instrument proposed by `smma init`{what}.",
             "# Check the lines marked 'check:', the reverse-keyed items and the models;",
             "# then run `smma analyze FILE -i THIS_FILE`."]
    if proposal.attributes:
        lines.append("# Other columns (not items): " + ", ".join(proposal.attributes))
    for key in raw:
        if key == "constructs":
            lines.append("constructs:")
            for code, body in raw["constructs"].items():
                lines += [f"  # {c}" for c in notes.get(f"constructs.{code}", ())]
                lines += _dump({code: body}, 2)
        elif key == "reverse":
            lines.append("reverse:")
            for item in raw["reverse"]:
                tail = "; ".join(notes.get(f"reverse.{item}", ()))
                lines.append(_dump([item])[0] + (f"  # {tail}" if tail else ""))
        else:
            lines += [f"# {c}" for c in notes.get(key, ())]
            lines += _dump({key: raw[key]})
    return "\n".join(lines) + "\n"
