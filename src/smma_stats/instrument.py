"""Instrument files: the questionnaire's constructs, items, scale and models.

An instrument is a YAML file; its schema is a public contract::

    name: smma-instagram            # id used on the command line
    title: Social media marketing activities and purchase intention
    scale: {min: 1, max: 5, labels: {1: Sangat Tidak Setuju, ..., 5: Sangat Setuju}}
    score: sum                      # sum (default) or mean of items
    constructs:
      SMMA:
        label: Social Media Marketing Activities
        dimensions:                 # optional level; else `items:` directly
          entertainment: {items: {X1.1: "item wording", X1.2: "..."}}
          interaction:   {items: [X2.1, X2.2]}     # list form: ids only
      PI:
        label: Purchase intention
        items: [Y1, Y2, Y3]
    reverse: [Y3]                   # reverse-keyed items: min + max - x
    models:                         # names are constructs or dimensions
      - PI ~ SMMA
      - PI ~ entertainment + interaction

Optional keys (additions, never required): ``title_id``, ``description``;
per construct/dimension ``label_id``; an item's wording may be a mapping
``{id: "...", en: "..."}`` (Indonesian and English); ``scale.aliases`` maps a
value to extra answer texts (``{5: [SS, Strongly agree]}``);
``categories: {method: interval, levels: 3}`` chooses the category method;
``columns:`` maps a file header to an item id (or to the attention check's
``column``); ``attention_check`` names an instructed-response question and
the answer that passes it::

    attention_check:
      column: cek                # an id, a file header, or an item id
      text: {id: "Untuk pertanyaan ini, pilih Setuju",     # optional wording
             en: "For this question, choose Agree"}
      expect: 4                  # a scale point or answer text; a list for several

``mediation`` and ``moderation`` list path analyses of construct or
dimension scores (:func:`smma_stats.mediation_analysis.mediation`,
:func:`smma_stats.moderation_analysis.moderation`)::

    mediation:                   # X -> M (one or more, parallel) -> Y
      - {x: SMMA, m: [TRUST], y: PI, covariates: [], serial: false}
    moderation:                  # does W change the effect of X on Y?
      - {x: SMMA, w: TRUST, y: PI, center: true}

The check's column is found as an item's is: by ``column``, by the
``columns:`` mapping, or by its wording (``text``, or ``column`` itself when
it is the question), case, spacing, punctuation and numbering ignored. With
``text`` alone, ``column`` is that wording. (``item:`` may stand for
``column:``; it must then be an item id.) A respondent whose answer is not one
of ``expect``, or is blank, fails the check; see
:func:`smma_stats.screening.screen`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .errors import InstrumentError
from .instrument_keys import instrument_fields
from .instrument_parts import Construct, Dimension, Item, Model, Scale

__all__ = ["Construct", "Dimension", "Instrument", "Item", "Model", "Scale", "find_instrument",
           "instrument_from_dict", "load_instrument", "shipped_instruments"]


@dataclass(frozen=True)
class Instrument:
    """A parsed, validated instrument. Build it with :func:`load_instrument`.

    Attributes
    ----------
    name, title : str
        Id used on the command line, and the human title.
    scale : Scale
    score : {"sum", "mean"}
        How an item set becomes a score.
    constructs : dict of str to Construct
        In file order.
    reverse : tuple of str
        Reverse-keyed item ids.
    models : tuple of Model
    mediation, moderation : tuple of dict
        Path analyses as keyword arguments of
        :func:`~smma_stats.mediation_analysis.mediation` (``x, m, y, covariates,
        serial``) and :func:`~smma_stats.moderation_analysis.moderation` (``x, w, y,
        covariates, center``).
    categories : dict
        Category settings (``method``, ``levels``, ...), defaults filled in.
    hypotheses : tuple of Hypothesis
        The research hypotheses (``hypotheses:``: id, path, direction
        ``positive``/``negative``/``two-sided``, text in id/en); see
        :func:`~smma_stats.hypotheses.parse_hypotheses`. Empty: each model
        term gets H1..Hn, two-sided.
    """

    name: str
    title: str
    scale: Scale
    score: str
    constructs: Mapping[str, Construct]
    reverse: tuple[str, ...] = ()
    models: tuple[Model, ...] = ()
    categories: Mapping[str, Any] = field(default_factory=dict)
    columns: Mapping[str, str] = field(default_factory=dict)
    attention_check: Mapping[str, Any] | None = None
    title_id: str | None = None
    description: str | None = None
    source: str | None = None
    mediation: tuple[Mapping[str, Any], ...] = ()
    moderation: tuple[Mapping[str, Any], ...] = ()
    hypotheses: tuple = ()

    @property
    def item_ids(self) -> list[str]:
        """Every item id, in file order."""
        return [i for c in self.constructs.values() for i in c.item_ids]

    @property
    def items(self) -> dict[str, Item]:
        return {it.id: it for c in self.constructs.values() for it in c.items}

    @property
    def dimensions(self) -> dict[str, Dimension]:
        return {d.name: d for c in self.constructs.values() for d in c.dimensions}

    def scale_names(self) -> list[str]:
        """Constructs then dimensions: every name a model may use."""
        return list(self.constructs) + list(self.dimensions)

    def items_of(self, name: str) -> list[str]:
        """Item ids of a construct or a dimension."""
        if name in self.constructs:
            return self.constructs[name].item_ids
        dims = self.dimensions
        if name in dims:
            return dims[name].item_ids
        raise InstrumentError(f"{name!r} is neither a construct nor a dimension of "
                              f"instrument {self.name!r}")

    def label_of(self, name: str, lang: str = "en") -> str:
        """Human label of a construct or dimension (Indonesian with ``lang='id'``)."""
        obj = self.constructs.get(name) or self.dimensions.get(name)
        if obj is None:
            return name
        if lang == "id" and obj.label_id:
            return obj.label_id
        return obj.label


def load_instrument(path: str | Path) -> Instrument:
    """Read and validate an instrument YAML file.

    Parameters
    ----------
    path : str or Path
        The YAML file, or the name of a shipped instrument (see
        :func:`shipped_instruments`).

    Returns
    -------
    Instrument

    Raises
    ------
    InstrumentError
        The file is missing or not YAML, or a key is wrong; the message names
        the file and the key.
    """
    from .yaml_loader import load_yaml

    p = Path(path)
    if not p.exists() and str(path) in shipped_instruments():   # a shipped name
        p = shipped_instruments()[str(path)]
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InstrumentError(f"{p}: instrument file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InstrumentError(f"{p}: cannot read instrument file ({exc})") from None
    try:
        raw = load_yaml(text)
    except InstrumentError as exc:
        raise InstrumentError(f"{p}: {exc}") from None
    try:
        return instrument_from_dict(raw, source=str(p))
    except InstrumentError as exc:
        raise InstrumentError(f"{p}: {exc}") from None


def instrument_from_dict(raw: Any, source: str | None = None) -> Instrument:
    """Validate a parsed YAML mapping and build an :class:`Instrument`."""
    return Instrument(**instrument_fields(raw), source=source)


# ---------------------------------------------------------------- shipped instruments

def shipped_instruments() -> dict[str, Path]:
    """The instruments shipped with the package: ``{name: path}``, by file name order."""
    from importlib import resources

    out: dict[str, Path] = {}
    root = resources.files("smma_stats.questionnaires")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            path = Path(str(entry))
            out[load_instrument(path).name] = path
    return out


def find_instrument(name_or_path: str | Path) -> Instrument:
    """Load an instrument from a file path or a shipped instrument's name.

    A shipped instrument may be named by its ``name:`` (``smma-instagram``)
    or its file stem (``smma_instagram``).
    """
    p = Path(name_or_path)
    if p.suffix.lower() in (".yaml", ".yml") or p.exists():
        return load_instrument(p)
    key = str(name_or_path)
    shipped = shipped_instruments()
    for name, path in shipped.items():
        if key in (name, path.stem):
            return load_instrument(path)
    raise InstrumentError(f"no instrument file or shipped instrument named {key!r} "
                          f"(shipped: {', '.join(sorted(shipped)) or 'none'})")
