"""Reading a large CSV or Parquet file a block of rows at a time.

A CSV block whose every cell is one digit (the usual export of coded
answers) is parsed with array operations; any other block goes through the
same pandas parser as a file read whole. A Parquet file is read a record
batch at a time. What is kept of each block is decided in
:mod:`._compact`.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable

import numpy as np

from ..errors import ResponseError
from ._compact import ChunkReader, Store
from ._parquet import parquet_header
from ._parquet_chunks import ParquetSource, run_parquet
from ._text import (
    MAX_LINE_BYTES,
    cells_of_any_size,
    cr_only,
    csv_header,
    csv_layout,
    csv_options,
    decode,
    not_utf8,
    parse_csv,
)

#: CSV files larger than this many bytes are read in chunks unless told otherwise.
STREAM_MIN_BYTES = 20 * 1024 * 1024
#: Parquet files (compressed) are read in chunks from this many cells (rows x columns).
PARQUET_MIN_CELLS = 10_000_000
#: Rows per chunk when no chunk size is given.
CHUNK_ROWS = 250_000

_HEAD_BYTES = 1 << 20
#: Largest block read at once, whatever the rows per chunk and the line length.
MAX_BLOCK_BYTES = 64 << 20
_BOM = b"\xef\xbb\xbf"
_NL, _CR, _QUOTE, _ZERO = 10, 13, 34, 48

Progress = Callable[[str, float, float], None]


# ------------------------------------------------------------------ sources

class _Hasher:
    """SHA-256 of the bytes fed, computed on a second thread while the blocks are parsed."""

    def __init__(self):
        import queue
        import threading

        self.sha = hashlib.sha256()
        self.queue = queue.Queue(maxsize=4)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            data = self.queue.get()
            if data is None:
                return
            self.sha.update(data)

    def feed(self, data: bytes) -> None:
        if data:
            self.queue.put(data)

    def stop(self) -> None:
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()

    def hexdigest(self) -> str:
        self.stop()
        return self.sha.hexdigest()


class _TextSource:
    """A CSV/text file: header and delimiter as for a whole read, then blocks of records."""

    kind = "text"

    def __init__(self, path: str, size: int, chunk_rows: int):
        self.path, self.size = path, size
        self.fh = open(path, "rb")
        self.hasher = _Hasher()
        try:
            head = self._read_head()
            self.hashed = self.done = len(head)
            bom = 3 if head.startswith(_BOM) else 0
            body = head[bom:]
            if self.done >= size:
                text = decode(head, path)
            else:
                cut = body.rfind(b"\n") + 1
                try:
                    text = body[:cut].decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise not_utf8(body, exc.start, path) from None
            # A header problem is reported only once the whole file is known to be text,
            # as a whole read decodes the file first.
            self.header_error = None
            try:
                self.delimiter, self.headers, self.spares = csv_layout(text, path)
            except ResponseError as exc:
                self.header_error = exc
                try:
                    self.delimiter, self.headers = csv_header(text)[:2]
                except ResponseError:   # the header itself cannot be parsed: said at once
                    raise exc from None
                self.spares = []
            reader = csv.reader(io.StringIO(text), delimiter=self.delimiter)
            next(reader)
            start = 0
            for _ in range(reader.line_num):
                found = body.find(b"\n", start)
                start = len(body) if found < 0 else found + 1
            self.offset = bom + start                 # where the first record begins
            self.lines_before = body[:start].count(b"\n")
            # rows above the first block: the header, and a blank row for each lone CR
            # ending a line there ("\r\r\n"), as the C parser counts them in a whole read
            above = body[:start]
            self.header_rows = 1 + above.count(b"\r") - above.count(b"\r\n")
            self.options = csv_options(self.delimiter, self.headers, self.spares)
            self.names = self.options["names"]
            sample = body[start:]
            first = sample[:sample.find(b"\n") + 1]
            self.crlf = first.endswith(b"\r\n")
            self.grid_width = 2 * len(self.names) + self.crlf
            line = max(len(sample) // max(sample.count(b"\n"), 1), self.grid_width, 1)
            self.block_bytes = max(min(int(chunk_rows) * line, MAX_BLOCK_BYTES), 1)
            if len(self.delimiter) != 1 or self.spares:
                self.grid_width = 0
            self.rows_hint = (size - self.offset) // self.grid_width if self.grid_width else None
        except BaseException:
            self.close()
            raise

    def _read_head(self) -> bytes:
        """The first megabyte, or more until the header line ends (CRs read as LFs)."""
        size = self.size
        head = self.fh.read(min(size, _HEAD_BYTES))
        self.hasher.feed(head)
        #: lines end with a lone CR (Excel for Mac): read as if they ended with LF
        self.cr = cr_only(head)
        while b"\n" not in head and not self.cr and len(head) < size:
            if len(head) > MAX_LINE_BYTES:          # a header longer than the limit
                raise ResponseError(f"the header line is longer than "
                                    f"{MAX_LINE_BYTES >> 20} MB; is this a response file?",
                                    self.path)
            more = self.fh.read(_HEAD_BYTES)
            if not more:
                break
            self.hasher.feed(more)
            head += more
        return head.replace(b"\r", b"\n") if self.cr else head

    def _read(self, n: int) -> bytes:
        """The next ``n`` bytes from ``self.pos``, hashed once each."""
        pos = self.pos
        data = self.fh.read(n)
        self.pos += len(data)
        if self.pos > self.hashed:
            self.hasher.feed(data[self.hashed - pos:] if pos < self.hashed else data)
            self.hashed = self.pos
        self.done = max(self.done, self.pos)
        return data.replace(b"\r", b"\n") if self.cr else data

    def close(self) -> None:
        self.fh.close()
        self.hasher.stop()

    def digest(self) -> str:
        return self.hasher.hexdigest()

    def blocks(self):
        """(bytes, last) for runs of whole records of about ``block_bytes``, in file order."""
        self.fh.seek(self.offset)
        self.pos = self.offset
        buf, eof = b"", self.offset >= self.size
        limit = self.block_bytes
        while buf or not eof:
            if len(buf) < limit and not eof:
                data = self._read(limit - len(buf))
                eof = not data or self.pos >= self.size
                buf = buf + data if buf else data
            if eof and len(buf) <= limit:
                end = len(buf)
            else:
                end = _record_end(buf, limit) or _csv_record_end(buf, limit, self.delimiter)
                if end == 0:                 # a record longer than a block: read on
                    if eof:
                        end = len(buf)
                    elif len(buf) > MAX_LINE_BYTES:
                        raise LongRow()
                    else:           # doubled, so a long record costs linear time
                        limit = max(limit + self.block_bytes, 2 * limit)
                        continue
            limit = self.block_bytes
            block, buf = (buf, b"") if end == len(buf) else (buf[:end], buf[end:])
            if block:
                yield block, eof and not buf
        self.fh.close()


class LongRow(Exception):
    """A record longer than :data:`MAX_LINE_BYTES` (or a quote never closed)."""


def _csv_record_end(buf: bytes, limit: int, delimiter: str) -> int:
    """:func:`_record_end` by the csv module's rules, for a buffer whose quotes do not pair up.

    A quote inside an unquoted cell (``5"``) is a plain character to a CSV
    parser but throws the quote count off; the csv module reads such cells
    as pandas does. Only a record followed by more bytes is known to be whole.
    """
    at = 0
    ends = []

    def lines():
        nonlocal at
        while at < len(buf) and at <= limit:
            nl = buf.find(b"\n", at)
            stop = len(buf) if nl < 0 else nl + 1
            piece, at = buf[at:stop], stop
            yield piece.decode("utf-8", "replace")

    try:
        with cells_of_any_size(len(buf)):
            for _ in csv.reader(lines(), delimiter=delimiter):
                if at < len(buf) and at <= limit:
                    ends.append(at)
    except csv.Error:           # e.g. a NUL byte: no record end known
        pass
    return ends[-1] if ends else 0


def _record_end(buf: bytes, limit: int) -> int:
    """Length of the longest prefix of ``buf[:limit]`` ending a record (0: none)."""
    end = buf.rfind(b"\n", 0, limit) + 1
    if end == 0 or buf.find(b'"', 0, end) < 0:
        return end
    a = np.frombuffer(buf, dtype=np.uint8, count=end)
    quotes = np.cumsum(a == _QUOTE)
    lines = np.flatnonzero(a == _NL)
    outside = lines[quotes[lines] % 2 == 0]       # a newline inside quotes is a cell's
    return int(outside[-1]) + 1 if outside.size else 0


def _grid(block: bytes, width: int, columns: int, delimiter: int, crlf: bool):
    """The digits of a block whose every row is one digit per column, else None."""
    if width == 0 or len(block) % width:
        return None
    g = np.frombuffer(block, dtype=np.uint8).reshape(-1, width)
    base, room = _grid_template(width, columns, delimiter, crlf)
    t = g - base                        # a digit's value; 0 for a delimiter or line end
    if (t > room).any():
        return None
    return t[:, 0:2 * columns - 1:2]


_TEMPLATES: dict = {}


def _grid_template(width: int, columns: int, delimiter: int, crlf: bool):
    key = (width, columns, delimiter, crlf)
    if key not in _TEMPLATES:
        base = np.full(width, delimiter, dtype=np.uint8)
        base[0:2 * columns - 1:2] = _ZERO
        base[-1] = _NL
        if crlf:
            base[-2] = _CR
        room = np.zeros(width, dtype=np.uint8)
        room[0:2 * columns - 1:2] = 9
        _TEMPLATES[key] = (base, room)
    return _TEMPLATES[key]


# ------------------------------------------------------------------ driving

def is_large(kind: str, size: int, path: str) -> bool:
    """Whether a CSV or Parquet file is read in chunks when no chunk size is given."""
    if kind == "text":
        return size > STREAM_MIN_BYTES
    if kind != "parquet":
        return False
    if size > STREAM_MIN_BYTES:
        return True
    try:
        import pyarrow.parquet as pq

        meta = pq.read_metadata(path)
        return meta.num_rows * meta.num_columns >= PARQUET_MIN_CELLS
    except Exception:  # no pyarrow, or a damaged file: the whole read says what is wrong
        return False


def large_header(path: str, kind: str, size: int) -> list[str]:
    """The headers of a large CSV or Parquet file, from its first megabyte or its schema."""
    if kind == "parquet":
        return parquet_header(path)
    source = _TextSource(path, size, CHUNK_ROWS)
    source.close()
    if source.header_error is not None:
        raise source.header_error
    return source.headers


def open_source(path: str, kind: str, size: int, chunk_rows: int):
    if kind == "parquet":
        return ParquetSource(path, size, chunk_rows)
    return _TextSource(path, size, chunk_rows)


def run(reader: ChunkReader, source, progress: Progress | None = None) -> None:
    """Feed every chunk of ``source`` to ``reader``.

    Problems with the file itself (not text, a duplicated header, a row longer than
    the header) come before problems with the answers, and a byte that is not UTF-8
    before all else, as when the file is read whole: after the first such problem the
    rest of the file is only checked for UTF-8.
    """
    reader.store = Store(len(reader.ids), reader.dtype, getattr(source, "rows_hint", None))
    if source.kind == "parquet":
        return run_parquet(reader, source, progress)
    failed = source.header_error
    if failed is None:
        reader.set_header(source.headers)
    rows_before = source.header_rows
    delimiter = ord(source.delimiter) if len(source.delimiter) == 1 else 0
    columns = len(source.names)
    try:
        blocks = source.blocks()
        for block, last in _guarded(blocks, lambda: failed, lambda: rows_before, source):
            lines = source.lines_before
            if failed is None:
                try:
                    rows_before = _take_block(reader, source, block, last, rows_before,
                                              delimiter, columns)
                except NotText:
                    raise
                except ResponseError as exc:
                    failed = exc
            if failed is not None:
                source.lines_before = lines
                _check_text(block, source)
            if progress:
                progress("reading", source.done, source.size)
    finally:
        source.close()
    if failed is not None:
        raise failed


def _guarded(blocks, failed, rows_before, source):
    """The blocks, a row past the length limit raised as the error naming its row."""
    try:
        yield from blocks
    except LongRow:
        first = failed()
        if first is not None:
            raise first from None
        raise ResponseError(f"a row longer than {MAX_LINE_BYTES >> 20} MB, or a quote (\") "
                            "that is never closed", source.path, row=rows_before() + 1) from None


def _take_block(reader, source, block: bytes, last: bool, rows_before: int, delimiter: int,
                columns: int) -> int:

    digits = _grid(block, source.grid_width, columns, delimiter, source.crlf)
    if digits is None and last and source.grid_width:
        body = block.rstrip(b"\r\n")    # blank lines closing the file hold no row
        digits = _grid(body + (b"\r\n" if source.crlf else b"\n"), source.grid_width,
                       columns, delimiter, source.crlf)
    if digits is not None:
        reader.take_grid(digits, rows_before + 1)
        source.lines_before += digits.shape[0]
        return rows_before + digits.shape[0]
    _check_text(block, source)
    frame = parse_csv(io.BytesIO(block), source.options, source.path, header=None,
                      encoding="utf-8", rows_before=rows_before)
    reader.take_frame(frame)
    return rows_before + len(frame)


class NotText(ResponseError):
    """A byte that is not UTF-8: reported before anything else."""


def _check_text(block: bytes, source) -> None:
    """Raise the whole read's error for a block holding a byte that is not UTF-8; else
    count the block's lines."""
    try:
        block.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise not_utf8(block, exc.start, source.path, source.lines_before, NotText) from None
    source.lines_before += block.count(b"\n")
