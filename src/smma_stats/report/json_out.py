"""JSON output: ``StudyResult.to_dict()`` as strict JSON (no NaN)."""

from __future__ import annotations

import json


def render_json(study) -> str:
    """The study as indented JSON, ending with a newline.

    ``allow_nan=False`` makes a NaN that slipped past ``to_dict`` an error
    rather than invalid JSON.
    """
    return json.dumps(study.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
