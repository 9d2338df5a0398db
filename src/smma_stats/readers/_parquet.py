"""Parquet files (as pandas or Arrow writes them), read through pyarrow."""

from __future__ import annotations

import io

from ..errors import ResponseError


def _pyarrow_parquet(path):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ResponseError("reading Parquet files needs the pyarrow package "
                            "(pip install pyarrow)", path) from None
    return pq


def _unreadable(exc, path) -> ResponseError:
    from ._files import one_line

    return ResponseError(f"cannot be read as a Parquet file ({one_line(exc)})", path)


def read_parquet(data: bytes, path: str):
    """The cells and headers; a named index written by pandas comes back as a column."""
    import pandas as pd

    from ._files import _check_unique, _header_text

    pq = _pyarrow_parquet(path)
    try:
        book = pq.ParquetFile(io.BytesIO(data))
        _check_unique([_header_text(c) for c in book.schema_arrow.names], path)
        frame = book.read().to_pandas()
    except ResponseError:
        raise
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise _unreadable(exc, path) from None
    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()
    headers = [_header_text(c) for c in frame.columns]
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    return frame, headers


def parquet_header(data: bytes | None, path: str, schema=None) -> list[str]:
    """Column names from the file's schema, a named pandas index first, as read_parquet gives.

    The schema is read from ``data`` (the file's bytes), from the file at ``path`` when
    ``data`` is None, or given as ``schema``.
    """
    from ._files import _header_text

    if schema is None:
        pq = _pyarrow_parquet(path)
        try:
            schema = pq.read_schema(io.BytesIO(data) if data is not None else path)
        except Exception as exc:
            raise _unreadable(exc, path) from None
    index = []
    for entry in (schema.pandas_metadata or {}).get("index_columns", []):
        name = entry if isinstance(entry, str) else entry.get("name")
        if name is not None and not str(name).startswith("__index_level_"):
            index.append(str(name))
    names = [n for n in schema.names if n not in index and not n.startswith("__index_level_")]
    return [_header_text(h) for h in [*index, *names]]
