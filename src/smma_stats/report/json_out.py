"""JSON output: ``StudyResult.to_dict()`` as strict JSON (no NaN)."""

from __future__ import annotations

import io
import json


def render_json(study) -> str:
    """The study as indented JSON, ending with a newline.

    ``allow_nan=False`` makes a NaN that slipped past ``to_dict`` an error
    rather than invalid JSON. The text is written piece by piece into one
    buffer: ``json.dumps`` would first hold every piece in a list, which for
    a large file's hundreds of thousands of screening flags costs hundreds
    of megabytes.
    """
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False, allow_nan=False)
    buf = io.StringIO()
    for piece in encoder.iterencode(study.to_dict()):
        buf.write(piece)
    buf.write("\n")
    return buf.getvalue()
