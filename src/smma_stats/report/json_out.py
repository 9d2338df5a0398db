"""JSON output: ``StudyResult.to_dict()`` as strict JSON (no NaN)."""

from __future__ import annotations

import io
import json


def render_json(study) -> str:
    """The study as indented JSON, ending with a newline.

    ``allow_nan=False`` makes a NaN that slipped past ``to_dict`` an error
    rather than invalid JSON. ``json.dump`` writes the text piece by piece
    into one buffer: ``json.dumps`` would first hold every piece in a list,
    which for a large file's hundreds of thousands of screening flags costs
    hundreds of megabytes.
    """
    buf = io.StringIO()
    json.dump(study.to_dict(), buf, indent=2, ensure_ascii=False, allow_nan=False)
    buf.write("\n")
    return buf.getvalue()
