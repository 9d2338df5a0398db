"""Parquet files (as pandas or Arrow writes them), read through pyarrow."""

from __future__ import annotations

import io

import numpy as np

from ..errors import ResponseError
from ._common import check_unique, compact_dtype, header_text, one_line


def pyarrow_parquet(path):
    """``pyarrow.parquet``, or the error saying it is needed."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ResponseError("reading Parquet files needs the pyarrow package "
                            "(pip install pyarrow)", path) from None
    return pq


def unreadable(exc, path) -> ResponseError:
    """The error for a Parquet file pyarrow cannot read."""
    return ResponseError(f"cannot be read as a Parquet file ({one_line(exc)})", path)


def read_parquet(data: bytes, path: str):
    """The cells and headers; a named index written by pandas comes back as a column."""
    import pandas as pd

    pq = pyarrow_parquet(path)
    try:
        book = pq.ParquetFile(io.BytesIO(data))
        check_unique([header_text(c) for c in book.schema_arrow.names], path)
        cells = book.read()
    except ResponseError:
        raise
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise unreadable(exc, path) from None
    frame, headers = arrow_frame(cells, path)
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    return frame, headers


def arrow_frame(cells, path):
    """An Arrow table or record batch as pandas cells and their headers, a named pandas
    index brought back as a column."""
    try:
        frame = cells.to_pandas()
    except Exception as exc:
        raise unreadable(exc, path) from None
    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()
    return frame, [header_text(c) for c in frame.columns]


def parquet_header(path: str) -> list[str]:
    """Column names from the file's schema, a named pandas index first, as read_parquet gives."""
    pq = pyarrow_parquet(path)
    try:
        schema = pq.read_schema(path)
    except Exception as exc:
        raise unreadable(exc, path) from None
    return [header_text(schema.names[j]) for j in header_fields(schema)]


def header_fields(schema) -> list[int]:
    """Positions in ``schema`` of the columns in the order read_parquet gives them.

    A named pandas index comes first; an unnamed stored index
    (``__index_level_0__``) is not a column.
    """
    index = []
    for entry in (schema.pandas_metadata or {}).get("index_columns", []):
        name = entry if isinstance(entry, str) else entry.get("name")
        if name is not None and not str(name).startswith("__index_level_"):
            index.append(str(name))
    names = list(schema.names)
    first = [names.index(n) for n in index if n in names]
    rest = [j for j, n in enumerate(names) if n not in index
            and not n.startswith("__index_level_")]
    return first + rest


class ArrowColumn:
    """The kept cells of one non-item column, gathered batch by batch as Arrow arrays.

    Text is kept dictionary-encoded (as Parquet stores it, or encoded on
    arrival), so a column of a few distinct answers costs a byte or so per
    row. The column becomes pandas once, at the end (:meth:`close`): numbers,
    flags and dates as a whole read gives them, text and categoricals as a
    categorical.
    """

    def __init__(self, field_type):
        import pyarrow as pa

        self.type = field_type
        self.text = (pa.types.is_string(field_type) or pa.types.is_large_string(field_type)
                     or pa.types.is_binary(field_type) or pa.types.is_large_binary(field_type))
        self.coded = self.text or pa.types.is_dictionary(field_type)
        self.chunks: list = []
        self.values = None

    def add(self, array) -> None:
        import pyarrow as pa

        if len(array):
            if self.text and not pa.types.is_dictionary(array.type):
                array = array.dictionary_encode()
            self.chunks.append(array)

    def close(self) -> None:
        """Convert the gathered cells (a damaged or unconvertible column raises)."""
        import pyarrow as pa

        chunks, self.chunks = self.chunks, []
        if self.coded:
            self.values = self._categorical(chunks)
            return
        if (pa.types.is_integer(self.type) or pa.types.is_floating(self.type)) and not any(
                c.null_count for c in chunks) and not pa.types.is_float16(self.type):
            # numbers without gaps: the same numpy type as a whole read, copied once
            self.values = (np.concatenate([c.to_numpy() for c in chunks]) if chunks
                           else np.empty(0, dtype=self.type.to_pandas_dtype()))
            return
        cells = pa.chunked_array(chunks, type=self.type)
        del chunks
        series = cells.to_pandas()
        del cells
        # an array, not a Series (the rows are labelled by the reader), held in numpy's
        # memory rather than Arrow's, whose allocator keeps what is freed
        self.values = (np.array(series.to_numpy(), copy=True)
                       if isinstance(series.dtype, np.dtype) else series.array)

    def _categorical(self, chunks):
        """Dictionary-encoded chunks as one pandas Categorical (codes in numpy memory).

        Text keeps only the values of the rows kept (a stored dictionary lists
        those of whole row groups); a categorical keeps its categories.
        """
        import pandas as pd
        import pyarrow as pa
        import pyarrow.compute as pc

        ordered = bool(pa.types.is_dictionary(self.type) and self.type.ordered)
        if not chunks:
            return pd.Categorical([], ordered=ordered)
        column = pa.Table.from_arrays([pa.chunked_array(chunks, type=chunks[0].type)],
                                      ["cells"]).unify_dictionaries().column(0)
        del chunks
        dictionary = column.chunk(0).dictionary
        # stored code -> code of the result (one spare entry, for a column of gaps only)
        new = np.arange(max(len(dictionary), 1))
        if self.text:
            used = np.zeros(len(dictionary), dtype=bool)
            for chunk in column.chunks:
                used[pc.unique(chunk.indices).drop_null().to_numpy()] = True
            if not used.all():
                new[:len(used)][used] = np.arange(int(used.sum()))
                dictionary = dictionary.filter(pa.array(used))
        codes = np.empty(len(column), dtype=compact_dtype(-1, max(len(dictionary) - 1, 0)))
        at = 0
        for chunk in column.chunks:
            stored = chunk.indices
            part = new[stored.fill_null(0).to_numpy()]
            if stored.null_count:
                part[stored.is_null().to_numpy(zero_copy_only=False)] = -1
            codes[at:at + len(chunk)] = part
            at += len(chunk)
        del column
        return pd.Categorical.from_codes(codes, categories=pd.Index(dictionary.to_pandas()),
                                         ordered=ordered)

    def finish(self):
        """The converted cells, handed over (the column keeps no reference to them)."""
        values, self.values = self.values, None
        return values
