"""The one route from raw cells to kept answers: chunk by chunk, or a table read whole.

A large file's chunks keep only what the statistics need: the keyed answers
in the smallest integer type that holds the scale (``int8`` for any usual
Likert scale; float64 when a skipped answer is left empty or filled), the
spreadsheet row numbers, and the other columns as categoricals. A table read
whole is one chunk kept as int64 answers and its own attribute columns.
Cells that are not plain one-digit answers go through the same cell checks
and missing-answer rules either way, so answers, counts and error messages
are the same.
"""

from __future__ import annotations

import re

import numpy as np

from ..errors import ResponseError
from ._cells import code_items
from ._columns import match_columns
from ._common import Table, blank_rows, compact_dtype, header_text
from ._missing import apply_rule

# (no nested repetition: a cell of a million digits is judged in linear time)
_PLAIN_NUMBER = re.compile(r"^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$")


# ------------------------------------------------------------------ the reader

class ChunkReader:
    """Collects the answers of a file chunk by chunk, in row order (compact types
    unless ``compact`` is False, as for a table read whole).

    A problem with the answers (a missing item column, a cell that is not an
    answer) is kept in ``deferred`` and coding stops, while the rest of the
    file is still read for problems with the file itself, which a whole read
    reports first. With ``keep_going`` every problem is listed in ``problems``
    and nothing is kept.
    """

    def __init__(self, instrument, path: str | None, kind: str, rule: str, share: float,
                 keep_going: bool = False, compact: bool = True):
        self.instrument, self.path, self.kind = instrument, path, kind
        self.rule, self.share, self.keep_going = rule, share, keep_going
        scale = instrument.scale
        self.lo, self.hi = scale.min, scale.max
        self.compact = compact
        self.dtype = compact_dtype(scale.min, scale.max) if compact else np.dtype(np.int64)
        self.ids = list(instrument.item_ids)
        self.reverse = [self.ids.index(i) for i in instrument.reverse]
        self.names: list[str] | None = None
        self.deferred: ResponseError | None = None     # first problem with the answers
        self.problems: list[ResponseError] = []        # every one (keep_going)
        self.columns: dict = {}
        self.absent: list = []
        self.n_read = 0
        self.store = Store(len(self.ids), self.dtype)
        self.rows: list = []        # per chunk: (first row, count) or an array of rows
        self.dropped: list[int] = []
        self.imputed: list[int] = []
        self.n_missing = self.n_imputed = 0
        self.by_item = dict.fromkeys(self.ids, 0)
        self.attributes: dict[str, _Categories] = {}
        self.blank_seen: dict[str, bool] = {}
        self.unmatched = False
        self.absent_told = False
        self.all_items = False
        self.attr_names: list[str] = []
        self.kept: list = []        # attribute frames of the kept rows (not compact)
        self.notes: list[str] = []
        self.digest: str | None = None
        self.table: Table | None = None     # a table read whole

    # -- header

    def set_header(self, headers: list[str], labels: dict | None = None) -> None:
        """Fix the column names (blank headers become "column i") and match the items."""
        self.names = [h if h else f"column {i + 1}" for i, h in enumerate(headers)]
        self.blank_seen = {self.names[i]: False for i, h in enumerate(headers) if not h}
        try:
            self.columns, self.absent = match_columns(self.names, self.instrument, self.path,
                                                      labels)
        except ResponseError as exc:
            self._problem(exc)
            self.unmatched = True
            return
        used = set(self.columns.values())
        self.attr_names = [h for h in self.names if h not in used]
        self.attributes = {h: _Categories() for h in self.attr_names}
        pos = {h: i for i, h in enumerate(self.names)}
        self.item_pos = np.array([pos[self.columns[i]] for i in self.ids]
                                 if not self.absent else [], dtype=np.intp)
        self.attr_pos = [pos[h] for h in self.attr_names]
        self.all_items = (self.item_pos.size == len(self.names)
                          and (self.item_pos == np.arange(len(self.names))).all())

    def _problem(self, exc: ResponseError) -> None:
        if self.deferred is None:
            self.deferred = exc
        self.problems.append(exc)

    @property
    def coding(self) -> bool:
        return not self.unmatched and (self.keep_going or self.deferred is None)

    # -- chunks

    def take_grid(self, digits, row0: int) -> None:
        """A block of one-digit cells, the first at spreadsheet row ``row0``."""
        m = digits.shape[0]
        if not self.coding or self.absent:
            return self.take_frame(self._grid_frame(digits, row0))
        vals = digits if self.all_items else digits[:, self.item_pos]
        if (self.lo > 0 and (vals < self.lo).any()) or (self.hi < 9 and (vals > self.hi).any()):
            return self.take_frame(self._grid_frame(digits, row0))
        self.n_read += m
        for name in self.blank_seen:
            self.blank_seen[name] = True
        if self.keep_going:
            return
        keyed = self.store.reserve(m)
        keyed[...] = vals
        for j in self.reverse:
            keyed[:, j] = self.lo + self.hi - vals[:, j].astype(np.int16)
        self.rows.append((row0, m))
        for h, p in zip(self.attr_names, self.attr_pos):
            self.attributes[h].add_values(digits[:, p].astype(np.int64))

    def take_batch(self, batch, row0: int) -> bool:
        """A Parquet record batch whose answers are whole numbers on the scale, without
        gaps, taken straight from its arrays; False (nothing taken) for any other, or
        when the other columns are not gathered apart (see ``_parquet_chunks``)."""
        import pyarrow as pa

        if (not self.coding or self.absent or self.keep_going or self.blank_seen
                or self.attr_names):
            return False
        where = {header_text(f): j for j, f in enumerate(batch.schema.names)}
        arrays = []
        for item in self.ids:
            j = where.get(self.columns[item])
            col = batch.column(j) if j is not None else None
            if col is None or not pa.types.is_integer(col.type) or col.null_count:
                return False
            a = col.to_numpy()
            if a.size and (a.min() < self.lo or a.max() > self.hi):
                return False
            arrays.append(a)
        m = batch.num_rows
        view = self.store.reserve(m)
        for j, a in enumerate(arrays):
            view[:, j] = a
        for j in self.reverse:
            view[:, j] = self.lo + self.hi - arrays[j]
        self.n_read += m
        self.rows.append((row0, m))
        return True

    def _grid_frame(self, digits, row0: int):
        import pandas as pd

        return pd.DataFrame(digits.astype(np.int64), columns=self.names,
                            index=pd.RangeIndex(row0, row0 + digits.shape[0]))

    def take_frame(self, frame) -> None:
        """Raw cells with the spreadsheet row as index (blank rows included)."""
        blank, empty = blank_rows(frame)
        frame = frame.set_axis(self.names, axis=1)
        for name, e in zip(self.names, empty):
            if name in self.blank_seen and not e:
                self.blank_seen[name] = True
        if blank.any():
            frame = frame.loc[~blank]
        self.n_read += len(frame)
        for h in self.attr_names:
            if not self.attributes[h].empty and frame[h].isna().any():
                self.attributes[h].empty = True
        self._code(Table(frame, self.path, None, len(frame), kind=self.kind))

    def take_table(self, table: Table) -> None:
        """A table read whole: blank rows gone, SPSS labels and declared-missing counts known."""
        self.table = table
        self.set_header(list(table.frame.columns), table.variable_labels)
        self.n_read += table.n_read
        self._code(table)
        used = set(self.columns.values())
        emptied = {h: k for h, k in table.user_missing.items() if h in used}
        if emptied:
            self.notes.append(f"{sum(emptied.values())} answer(s) holding a code the file "
                              "declares missing read as skipped (" + ", ".join(
                                  f"{h}: {k}" for h, k in emptied.items()) + ")")

    def _code(self, table: Table) -> None:
        """Code, check and keep the answers of ``table`` (one chunk)."""
        frame = table.frame
        if not self.coding or not len(frame):
            return
        codes, errors, notes = code_items(table, self.instrument)[1:]
        if self.absent_told:        # a missing item column is told once, with the first chunk
            errors = [e for e in errors if e.row is not None]
        self.absent_told = True
        if self.keep_going:
            self.problems.extend(errors)
            return
        if errors:
            self._problem(errors[0])
            return
        self.notes += notes
        self._keep(codes, frame)

    def _keep(self, codes, frame) -> None:
        out = apply_rule(codes, self.instrument, self.rule, self.share)
        items = out.items
        self.dropped.extend(out.dropped)
        self.imputed.extend(out.imputed_rows)
        self.n_missing += out.n_missing
        self.n_imputed += out.n_imputed
        for k, v in out.by_item.items():
            self.by_item[k] += v
        arr = items.to_numpy()
        if arr.dtype.kind == "f":
            self.store.add_floats(arr)
        else:
            self.store.reserve(len(arr))[...] = arr
        index = items.index.to_numpy(dtype=np.int64)
        if index.size and index[-1] - index[0] + 1 == index.size:
            self.rows.append((int(index[0]), int(index.size)))
        else:
            self.rows.append(index)
        if self.attr_names or not self.compact:
            kept = frame.loc[items.index] if len(items) != len(frame) else frame
            for h in self.attr_names if self.compact else ():
                self.attributes[h].add_values(kept[h])
            if not self.compact:
                self.kept.append(kept[self.attr_names])

    # -- the result

    def finish(self):
        """(answers, row index, attributes frame) of the kept rows."""
        import pandas as pd

        values = self.store.finish()
        n = len(values)
        contiguous = all(isinstance(r, tuple) for r in self.rows) and all(
            a[0] + a[1] == b[0] for a, b in zip(self.rows, self.rows[1:]))
        if contiguous and self.rows:
            index = pd.RangeIndex(self.rows[0][0], self.rows[0][0] + n)
        else:
            index = pd.Index(row_numbers(self.rows))
        self.rows = []
        if not self.compact:
            attributes = self.kept[0] if len(self.kept) == 1 else pd.concat(self.kept)
            if self.table is not None and self.table.value_labels:
                from ._spss import label_attributes

                attributes = label_attributes(attributes, self.table.value_labels)
            return values, index, attributes
        attrs = {h: c.finish() for h, c in self.attributes.items()
                 if h not in self.blank_seen or self.blank_seen[h]}
        attributes = pd.DataFrame(attrs, index=index) if attrs else pd.DataFrame(index=index)
        return values, index, attributes


def row_numbers(rows) -> np.ndarray:
    """The spreadsheet rows of a reader's ``rows`` entries: (first row, count) or an array."""
    parts = [np.arange(r[0], r[0] + r[1], dtype=np.int64) if isinstance(r, tuple)
             else np.asarray(r, dtype=np.int64) for r in rows]
    return np.concatenate(parts) if parts else np.empty(0, np.int64)


class Store:
    """The kept answers, written in place as chunks arrive (room for ``hint`` rows first)."""

    def __init__(self, k: int, dtype, hint: int | None = None):
        self.k, self.dtype = k, dtype
        self.buf = np.empty((max(int(hint or 0), 0), k), dtype=dtype)
        self.n = 0
        self.floats: list = []       # (first row, float64 block): a gap left or filled

    def reserve(self, m: int) -> np.ndarray:
        """Rows for the next ``m`` respondents, to be filled in."""
        need = self.n + m
        if need > len(self.buf):
            grown = np.empty((max(need, len(self.buf) * 3 // 2, 1024), self.k), dtype=self.dtype)
            grown[:self.n] = self.buf[:self.n]
            self.buf = grown
        view = self.buf[self.n:need]
        self.n = need
        return view

    def add_floats(self, block) -> None:
        self.floats.append((self.n, np.array(block, dtype=np.float64)))
        self.reserve(len(block))

    def finish(self) -> np.ndarray:
        values = self.buf[:self.n]
        if self.floats:
            out = values.astype(np.float64)
            for at, block in self.floats:
                out[at:at + len(block)] = block
            values = out
        self.buf, self.floats = None, []
        return values


class _Categories:
    """One attribute column kept as codes into the distinct values seen.

    Cells are matched across chunks by value, numbers by their numeric value
    (a chunk may hold ``"7"`` as text where another holds the number 7). The
    values shown are those a whole read gives: text when the column holds
    any text, else numbers (floats when a cell is empty).
    """

    def __init__(self):
        self.lookup: dict = {}
        self.values: list = []
        self.codes: list = []
        self.text = False
        self.empty = False

    def add_values(self, cells) -> None:
        import pandas as pd

        local, uniques = pd.factorize(cells, use_na_sentinel=True)
        table = np.empty(len(uniques) + 1, dtype=np.int32)
        table[-1] = -1
        for j, u in enumerate(np.asarray(uniques, dtype=object)):
            table[j] = self._code(u)
        self.codes.append(table[local])

    def _code(self, u) -> int:
        key = _canonical(u)
        code = self.lookup.get(key)
        if code is None:
            code = self.lookup[key] = len(self.values)
            self.values.append(u.item() if isinstance(u, np.generic) else u)
            self.text = self.text or key[0] == "o"
        return code

    def _shown(self) -> list:
        out = []
        for v in self.values:
            number = isinstance(v, (int, float)) and not isinstance(v, bool)
            if number and self.text:
                v = str(int(v)) if float(v).is_integer() else str(v)
            elif number and self.empty:
                v = float(v)
            out.append(v)
        return out

    def finish(self):
        import pandas as pd

        codes = np.concatenate(self.codes) if self.codes else np.empty(0, np.int32)
        self.codes = []
        values = self._shown()
        try:
            return pd.Categorical.from_codes(codes, categories=pd.Index(values))
        except (ValueError, TypeError):   # values alike as categories (1 and True)
            out = np.empty(len(codes), dtype=object)
            out[:] = [None if c < 0 else values[c] for c in codes]
            return out


def _canonical(u):
    if isinstance(u, (bool, np.bool_)):
        return ("b", bool(u))
    if isinstance(u, (int, float, np.integer, np.floating)):
        return ("n", float(u))
    if isinstance(u, str) and _PLAIN_NUMBER.match(u):
        return ("n", float(u))
    return ("o", u)


# ------------------------------------------------------------------ scores
