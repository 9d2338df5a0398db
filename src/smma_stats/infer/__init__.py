"""Instruments from a response file: shipped match, naming habits, answers, ad-hoc specs.

Used when ``smma analyze`` is run without ``--instrument``, and by ``smma init``:

1. a shipped instrument whose every item column is in the file is used;
2. else the instrument is inferred (:func:`propose_instrument`): columns
   whose answers are agreement labels or codes 1..k are items, grouped by
   the thesis item codes (``X1.1``, ``X1_1``, ``X11``, ``Y1``; ``X1`` and
   ``X2`` are two constructs unless ``dimensions=True``), by grid question
   (``Title [row]``), by numbering (``1.2``), or by position;
3. ``--construct "X1=X1.1..X1.5"`` names the constructs instead
   (:func:`adhoc_instrument`, :func:`construct_columns`).
"""

from .adhoc import adhoc_instrument, construct_columns, with_models
from .forms import InstrumentProposal, propose_instrument
from .naming import (
                     DEFAULT_ALIASES,
                     DEFAULT_LABELS,
                     default_models,
                     infer_instrument,
                     match_shipped,
)
from .yaml_out import instrument_to_yaml

__all__ = ["DEFAULT_ALIASES", "DEFAULT_LABELS", "InstrumentProposal", "adhoc_instrument",
           "construct_columns", "default_models", "infer_instrument", "instrument_to_yaml",
           "match_shipped", "propose_instrument", "with_models"]
