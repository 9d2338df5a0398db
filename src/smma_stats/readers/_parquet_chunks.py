"""Reading a large Parquet file a record batch at a time.

Whole-number answers go from each batch's arrays straight into the chunk
reader's compact store; the other columns are gathered as Arrow arrays and
become pandas once, at the end.
"""

from __future__ import annotations

import hashlib

from ..errors import ResponseError
from ._common import check_unique, header_text
from ._compact import ChunkReader, row_numbers
from ._parquet import (
    ArrowColumn,
    arrow_frame,
    header_fields,
    pyarrow_parquet,
    unreadable,
)

#: Cells (rows x columns) at most in one Parquet record batch.
PARQUET_BATCH_CELLS = 1 << 21


class ParquetSource:
    """A Parquet file read a record batch at a time.

    A batch holds at most ``chunk_rows`` rows and about :data:`PARQUET_BATCH_CELLS`
    cells, whatever the file's row groups (one row group of the whole file is
    read a batch at a time too).
    """

    kind = "parquet"

    def __init__(self, path: str, size: int, chunk_rows: int):
        self.path, self.size = path, size
        pq = pyarrow_parquet(path)
        try:
            # without pre-buffering: it would keep every row group's bytes read so far
            self.book = pq.ParquetFile(path, pre_buffer=False)
            schema = self.book.schema_arrow
            check_unique([header_text(c) for c in schema.names], path)
            self.total = max(int(self.book.metadata.num_rows), 1)
            self.rows_hint = int(self.book.metadata.num_rows)
        except ResponseError:
            raise
        except Exception as exc:  # pyarrow raises several types for a damaged file
            raise unreadable(exc, path) from None
        width = max(len(schema.names), 1)
        self.batch_rows = max(1, min(int(chunk_rows), max(1024, PARQUET_BATCH_CELLS // width)))
        with open(path, "rb") as fh:
            sha = hashlib.sha256()
            for piece in iter(lambda: fh.read(1 << 22), b""):
                sha.update(piece)
        self._digest = sha.hexdigest()
        #: schema position of each column, in the order of ``headers``
        self.fields = header_fields(schema)
        self.headers = [header_text(schema.names[j]) for j in self.fields]
        self.done = 0

    def digest(self) -> str:
        return self._digest

    def close(self) -> None:
        pass

    def batches(self, as_dictionary=()):
        """The record batches of the file, in row order.

        The text columns named in ``as_dictionary`` come dictionary-encoded, as
        Parquet usually stores them, instead of as one string per cell.
        """
        import pyarrow as pa

        pool = pa.default_memory_pool()
        try:
            book = self.book
            if as_dictionary:
                book = pyarrow_parquet(self.path).ParquetFile(
                    self.path, pre_buffer=False, read_dictionary=list(as_dictionary))
            for batch in book.iter_batches(batch_size=self.batch_rows):
                self.done += batch.num_rows
                yield batch
                del batch
        except ResponseError:
            raise
        except Exception as exc:
            raise unreadable(exc, self.path) from None
        finally:
            # Arrow's allocator keeps freed memory for reuse, which each batch (of one
            # size) does; it is handed back once, not after every batch (slow)
            pool.release_unused()


def run_parquet(reader: ChunkReader, source: ParquetSource, progress) -> None:
    """Feed every record batch of a Parquet file to ``reader``.

    Whole-number answers go straight from the batch's arrays into the
    reader's compact store; only a batch holding anything else (gaps, text,
    fractions, numbers off the scale) is turned into a pandas frame for the
    cell checks and missing-answer rules of a whole read. The other columns
    are kept as Arrow arrays (text dictionary-encoded) and turned into pandas
    once, at the end.
    """
    import pandas as pd

    # the headers read_parquet gives, from the schema's pandas metadata
    heads = arrow_frame(source.book.schema_arrow.empty_table(), source.path)[1]
    check_unique(heads, source.path)
    reader.set_header(heads)
    plan = _ParquetPlan(reader, source, heads)
    row = 2
    for batch in source.batches(plan.as_dictionary):
        if reader.deferred is not None and not reader.keep_going and reader.n_read:
            pass            # answers are done with; the rest is only checked to be readable
        else:
            before = len(reader.rows)
            if not reader.take_batch(plan.whole_numbers(batch), row):
                frame = arrow_frame(batch, source.path)[0]
                frame.index = pd.RangeIndex(row, row + len(frame))
                reader.take_frame(frame)
                del frame
            plan.keep_others(batch, reader.rows[before:], row)
        row += batch.num_rows
        del batch
        if progress:
            progress("reading", source.done, source.total)
    plan.close()


class _ParquetPlan:
    """Where a Parquet file's answers and other columns are in each record batch."""

    def __init__(self, reader: ChunkReader, source: ParquetSource, headers: list[str]):
        import pyarrow as pa

        self.reader, self.path = reader, source.path
        schema = source.book.schema_arrow
        self.floats: list[int] = []
        self.others: dict = {}
        self.as_dictionary: list[str] = []
        if headers != source.headers:   # pandas metadata the schema alone does not explain
            return
        where = {name: source.fields[i] for i, name in enumerate(reader.names)}
        if reader.columns and not reader.absent:
            self.floats = [where[h] for h in reader.columns.values()
                           if pa.types.is_floating(schema.field(where[h]).type)]
        if reader.attr_names:
            self.others = {h: (where[h], ArrowColumn(schema.field(where[h]).type))
                           for h in reader.attr_names}
            names = schema.names
            self.as_dictionary = [names[j] for j, column in self.others.values()
                                  if column.text and names[j] and names.count(names[j]) == 1]
            # the reader then keeps the answers only; these columns are gathered here
            reader.attributes = {h: column for h, (_, column) in self.others.items()}
            reader.attr_names = []

    def whole_numbers(self, batch):
        """The batch with float answer columns as integers when each cell is a whole number.

        A column with a gap, a NaN or a fraction is left as it is (the batch then
        takes the cell-by-cell route).
        """
        import pyarrow as pa

        if not self.reader.coding or self.reader.keep_going:
            return batch
        for j in self.floats:
            column = batch.column(j)
            if column.null_count:
                return batch
            try:
                whole = column.cast(pa.int64())       # safe: a fraction or NaN raises
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                return batch
            batch = batch.set_column(j, batch.schema.field(j).with_type(pa.int64()), whole)
        return batch

    def keep_others(self, batch, kept: list, row0: int) -> None:
        """Add the other columns' cells of the rows ``kept`` (as the reader lists them)."""
        if not self.others or not kept:
            return
        import pyarrow as pa

        if len(kept) == 1 and isinstance(kept[0], tuple) and kept[0] == (row0, batch.num_rows):
            take = None
        else:
            take = pa.array(row_numbers(kept) - row0)
        for j, column in self.others.values():
            cells = batch.column(j)
            column.add(cells if take is None else cells.take(take))

    def close(self) -> None:
        """Turn the other columns into pandas (a column that cannot be raises)."""
        import pyarrow as pa

        pool = pa.default_memory_pool()
        try:
            for _, column in self.others.values():
                column.close()
                pool.release_unused()       # each column's Arrow arrays, now converted
        except Exception as exc:
            raise unreadable(exc, self.path) from None


__all__ = ["PARQUET_BATCH_CELLS", "ParquetSource", "run_parquet"]
