"""SPSS .sav and .zsav files: stored codes, value labels and declared missing values.

SPSS keeps an answer as a number (the code) and may give each code a value
label ("Sangat Setuju") and declare some codes missing (9 = "no answer").
Declared-missing codes are read as empty cells here; what a code means for
an item is decided later against the instrument's scale labels.
"""

from __future__ import annotations

import numpy as np

from ..errors import ResponseError
from ._common import one_line


def _pyreadstat(path):
    try:
        import pyreadstat
    except ImportError:
        raise ResponseError("reading SPSS .sav files needs the pyreadstat package "
                            "(pip install pyreadstat)", path) from None
    return pyreadstat


def read_sav(path: str):
    """Cells (declared-missing codes emptied), headers, and the labels the file holds."""
    import pandas as pd

    # user_missing=True keeps declared-missing codes so they can be counted here;
    # the file is named rather than handed over as bytes, which every pyreadstat reads
    frame, meta = _read_isolated(path, user_missing=True)
    headers = [str(c) for c in frame.columns]
    frame.columns = headers
    emptied = {}
    for name, ranges in (meta["missing_ranges"] or {}).items():
        if name not in frame.columns:
            continue
        mask = _declared_missing(frame[name], ranges)
        if mask.any():
            frame[name] = frame[name].mask(mask)
            emptied[str(name)] = int(mask.sum())
    value_labels = {str(k): dict(v) for k, v in (meta["variable_value_labels"] or {}).items()
                    if v}
    variable_labels = {str(k): str(v) for k, v in
                       (meta["column_names_to_labels"] or {}).items() if v}
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    return frame, headers, {"value_labels": value_labels, "variable_labels": variable_labels,
                            "user_missing": emptied}


_META = ("missing_ranges", "variable_value_labels", "column_names_to_labels", "column_names")


def _read(path: str, kwargs: dict):
    """``pyreadstat.read_sav``: ("ok", cells, metadata), or ("error", the problem, None)."""
    try:
        import pyreadstat

        frame, meta = pyreadstat.read_sav(path, **kwargs)
    except Exception as exc:  # pyreadstat raises its own types for a damaged file
        return "error", one_line(exc), None
    return "ok", frame, {k: getattr(meta, k, None) for k in _META}


def _read_in_child(conn, path: str, kwargs: dict) -> None:
    """In a child process: read the file and send (status, frame, metadata) back."""
    try:
        conn.send(_read(path, kwargs))
    except Exception as exc:  # cells that cannot be sent
        conn.send(("error", one_line(exc), None))
    finally:
        conn.close()


def _read_isolated(path: str, **kwargs):
    """``pyreadstat.read_sav`` in a child process, so that a damaged file that crashes
    the SPSS reader (a segmentation fault in its C code) gives an error, not a crash.

    The child is started by the "forkserver" method where there is one (a fork
    of a small server process, cheap after the first), else by "spawn".
    """
    import multiprocessing as mp

    _pyreadstat(path)
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        # the server imports the reader once; each child is then a cheap fork of it
        ctx.set_forkserver_preload(["pandas", "pyreadstat", __name__])
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_read_in_child, args=(send, str(path), kwargs), daemon=True)
    try:
        child.start()
    except (AssertionError, OSError):   # no child possible here (a daemonic process)
        child = None
    send.close()
    try:
        message = receive.recv() if child is not None else _read(path, kwargs)
    except EOFError:                 # the child died without answering
        message = None
    finally:
        receive.close()
        if child is not None:
            child.join()
    if message is None:
        code = child.exitcode
        how = (f"signal {-code}" if code is not None and code < 0 else f"exit code {code}")
        raise ResponseError(f"the .sav file is damaged (the SPSS reader crashed: {how})", path)
    status, frame, meta = message
    if status != "ok":
        raise ResponseError(f"cannot be read as an SPSS .sav file ({frame})", path)
    return frame, meta


def _declared_missing(s, ranges) -> np.ndarray:
    """Cells whose code lies in one of the file's missing values or ranges."""
    from pandas.api.types import is_numeric_dtype

    mask = np.zeros(len(s), dtype=bool)
    numeric = is_numeric_dtype(s.dtype)
    for r in ranges:
        lo, hi = r["lo"], r["hi"]
        if numeric and isinstance(lo, (int, float)) and isinstance(hi, (int, float)):
            with np.errstate(invalid="ignore"):
                mask |= ((s >= lo) & (s <= hi)).to_numpy(dtype=bool, na_value=False)
        elif not numeric:
            mask |= (s == lo).to_numpy(dtype=bool, na_value=False)
    return mask


def sav_header(path: str) -> list[str]:
    """Variable names of a .sav file, without reading its cases."""
    _, meta = _read_isolated(path, metadataonly=True)
    return [str(c) for c in meta["column_names"]]


def label_attributes(frame, value_labels):
    """Other columns whose every code has a value label show the labels instead."""
    out = frame
    for name, labels in value_labels.items():
        if name not in frame.columns:
            continue
        s = frame[name]
        present = s.dropna().unique()
        if len(present) and all(v in labels for v in present):
            if out is frame:
                out = frame.copy()
            out[name] = s.map(labels)
    return out
