"""Parquet files read a record batch at a time give what a whole read gives.

The reference for every number here is the same file read whole
(``read_responses(path, chunksize=0)``) and analysed by the whole-table route
(itself checked against R and SPSS in the other test files). The batch route
(``chunksize=N``, or a large file by default) reads the file in record
batches of at most N rows, takes whole-number answers straight from the
batches' arrays and the other columns as Arrow arrays, and is analysed from
block sums (:mod:`smma_stats.streaming`). The files below cover several row
groups, one row group split into many batches, skipped answers (as NaN in
float columns, under each missing-answer rule), answers typed as labels or
stored as a categorical, float columns of whole numbers, and other columns of
text, numbers with gaps, categoricals, flags and times.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import DataError, ResponseError
from smma_stats.instrument import instrument_from_dict
from smma_stats.readers import (
    _chunks,
    _parquet_chunks,
    read_header,
    read_responses,
    validate_responses,
)
from smma_stats.study import analyze
from smma_stats.synthesis import (
    write_responses,
    write_responses_csv,
    write_responses_parquet,
)

from _compare import json_differences

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

N = 1500
CHUNK = 97          # rows per batch: many batches, none aligned with a row group

INSTRUMENT = {
    "name": "parquet-fixture",
    "scale": {"min": 1, "max": 5,
              "labels": {1: "Sangat Tidak Setuju", 2: "Tidak Setuju", 3: "Netral",
                         4: "Setuju", 5: "Sangat Setuju"},
              "aliases": {1: ["STS"], 2: ["TS"], 3: ["N"], 4: ["S"], 5: ["SS"]}},
    "constructs": {
        "X": {"dimensions": {"a": {"items": ["X1", "X2", "X3"]},
                             "b": {"items": ["X4", "X5"]}}},
        "Y": {"items": ["Y1", "Y2", "Y3", "Y4"]},
    },
    "reverse": ["X2", "Y3"],
    "models": ["Y ~ X", "Y ~ a + b"],
}
ITEMS = ["X1", "X2", "X3", "X4", "X5", "Y1", "Y2", "Y3", "Y4"]
LABELS = {1: "STS", 2: "Tidak Setuju", 3: "N", 4: "Setuju", 5: "SS"}


@pytest.fixture(scope="module")
def inst():
    return instrument_from_dict(INSTRUMENT)


def _answers(rng, n: int) -> np.ndarray:
    """Answers 1..5 driven by two related traits, X2 and Y3 worded the other way round."""
    f = rng.standard_normal(n)
    y = 0.6 * f + 0.8 * rng.standard_normal(n)
    cols = [np.clip(np.rint(3.4 + 0.8 * (0.7 * t + 0.7 * rng.standard_normal(n))), 1, 5)
            for t in [f] * 5 + [y] * 4]
    out = np.column_stack(cols).astype(np.int64)
    for j in (ITEMS.index("X2"), ITEMS.index("Y3")):
        out[:, j] = 6 - out[:, j]
    return out


def _table(n: int = N, seed: int = 3) -> pd.DataFrame:
    """A response table with the other columns real exports hold."""
    rng = np.random.default_rng(seed)
    items = _answers(rng, n)
    frame = pd.DataFrame({
        "id": np.arange(1, n + 1, dtype=np.int64),
        "Timestamp": pd.Timestamp("2024-05-01") + pd.to_timedelta(np.arange(n), unit="min"),
        "Nama": [f"R{i:05d}" for i in range(n)],
        "Gender": pd.array(rng.choice(["L", "P"], n), dtype=object),
        "Usia": rng.integers(18, 40, n).astype(np.float64),
        "Kota": pd.Categorical(rng.choice(["Medan", "Padang", "Bogor"], n),
                               categories=["Medan", "Padang", "Bogor", "Solo"]),
        "Pengikut": rng.random(n) < 0.8,
    })
    frame.loc[rng.integers(0, n, 30), "Gender"] = None
    # a remark column empty in the first rows (whole batches of gaps), and one never filled
    frame["Catatan"] = pd.array([None if i < 1000 or i % 7 else "pindah" for i in range(n)],
                                dtype=object)
    frame["Kosong"] = pd.array([None] * n, dtype=object)
    frame.loc[rng.integers(0, n, 30), "Usia"] = np.nan
    for j, item in enumerate(ITEMS):
        frame[item] = items[:, j]
    # two submissions recorded twice (a later timestamp only) and a straight-liner
    for src, dst in ((10, 700), (333, 1400)):
        if dst < n:
            for col in frame.columns:
                if col != "Timestamp":
                    frame.loc[dst, col] = frame.loc[src, col]
    if n > 40:
        frame.loc[40, ITEMS] = 3
    return frame


def _with_gaps(frame: pd.DataFrame, seed: int = 5) -> pd.DataFrame:
    """Skipped answers (NaN, so the item columns are floats), only in the first rows.

    The later batches hold whole-number floats only, so both the cell-by-cell
    route and the whole-number route through float columns are taken.
    """
    rng = np.random.default_rng(seed)
    out = frame.copy()
    for item in ITEMS:
        out[item] = out[item].astype(np.float64)
    for i, j in zip(rng.integers(0, 600, 80), rng.integers(0, len(ITEMS), 80)):
        out.loc[i, ITEMS[j]] = np.nan
    return out


def _write(frame: pd.DataFrame, path, row_group_size: int | None = None):
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for name in ("Catatan", "Kosong"):          # text columns, whatever their cells
        if name in table.column_names:
            j = table.column_names.index(name)
            table = table.set_column(j, name, table.column(j).cast(pa.string()))
    pq.write_table(table, path, row_group_size=row_group_size)
    return path


# ------------------------------------------------------------------ comparing

def _cell(v):
    """A cell as a comparable value: numbers as floats, every kind of gap as None."""
    if v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    return v


def _same_responses(whole, part) -> None:
    assert not whole.chunked and part.chunked
    for field in ("n", "n_read", "n_dropped", "dropped_rows", "sha256", "columns", "missing",
                  "n_missing_answers", "missing_by_item", "n_imputed_answers",
                  "n_imputed_respondents", "imputed_rows", "max_missing_share"):
        assert getattr(part, field) == getattr(whole, field), field
    assert list(part.items.index) == list(whole.items.index)
    np.testing.assert_array_equal(part.items.to_numpy(dtype=float),
                                  whole.items.to_numpy(dtype=float))
    np.testing.assert_array_equal(part.scores.to_numpy(dtype=float),
                                  whole.scores.to_numpy(dtype=float))
    assert list(part.attributes.columns) == list(whole.attributes.columns)
    assert list(part.attributes.index) == list(whole.attributes.index)
    for col in whole.attributes.columns:
        assert [_cell(v) for v in part.attributes[col]] == \
            [_cell(v) for v in whole.attributes[col]], col


def _same_study(whole, part) -> None:
    assert json_differences(whole.to_dict(), part.to_dict()) == []
    pd.testing.assert_frame_equal(whole.scores.astype(float), part.scores.astype(float),
                                  check_index_type=False)
    for m1, m2 in zip(whole.models, part.models):
        np.testing.assert_allclose(m2.regression.residuals, m1.regression.residuals,
                                   rtol=1e-9, atol=1e-11)


def _both(path, inst, chunk=CHUNK, **options):
    whole = read_responses(path, inst, chunksize=0, **options)
    part = read_responses(path, inst, chunksize=chunk, **options)
    return whole, part


def _errors(path, inst, chunk=CHUNK):
    out = []
    for size in (0, chunk):
        with pytest.raises(ResponseError) as info:
            read_responses(path, inst, chunksize=size)
        out.append((info.value.message, info.value.row, info.value.column))
    return out


# ------------------------------------------------------------------ reading

@pytest.mark.parametrize("row_group_size", [400, None], ids=["four-groups", "one-group"])
def test_batches_give_the_whole_read_and_its_statistics(tmp_path, inst, row_group_size):
    path = _write(_table(), tmp_path / "answers.parquet", row_group_size)
    assert pq.ParquetFile(path).metadata.num_row_groups == (4 if row_group_size else 1)
    whole, part = _both(path, inst)
    _same_responses(whole, part)
    assert part.items.dtypes.unique().tolist() == [np.dtype(np.int8)]
    # the other columns: numbers and times as a whole read types them, text as categories
    types = part.attributes.dtypes
    assert types["id"] == np.int64 and types["Usia"] == np.float64
    assert types["Timestamp"] == whole.attributes.dtypes["Timestamp"]
    assert types["Pengikut"] == np.bool_
    assert isinstance(types["Gender"], pd.CategoricalDtype)
    assert list(types["Kota"].categories) == ["Medan", "Padang", "Bogor", "Solo"]
    w, p = analyze(whole, inst), analyze(part, inst)
    assert p.screening.counts == w.screening.counts
    assert w.screening.counts["duplicate"] == 2 and w.screening.counts["straight_lining"] >= 1
    _same_study(w, p)


@pytest.mark.parametrize("missing", ["listwise", "pairwise", "person-mean"])
def test_skipped_answers_under_each_rule(tmp_path, inst, missing):
    path = _write(_with_gaps(_table()), tmp_path / "gaps.parquet", 500)
    whole, part = _both(path, inst, missing=missing, max_missing_share=0.34)
    _same_responses(whole, part)
    assert whole.n_missing_answers > 60
    if missing == "listwise":
        assert whole.n_dropped > 60
        assert part.items.dtypes.unique().tolist() == [np.dtype(np.int8)]
        # text of dropped rows only is no category of the rows kept
        kept = set(whole.attributes["Nama"])
        assert set(part.attributes["Nama"].cat.categories) == kept
    _same_study(analyze(whole, inst), analyze(part, inst))


def test_whole_number_floats_take_the_array_route(tmp_path, inst, monkeypatch):
    frame = _table()
    for item in ITEMS:
        frame[item] = frame[item].astype(np.float64)
    path = _write(frame, tmp_path / "floats.parquet", 500)
    taken = []
    original = _chunks.ChunkReader.take_frame

    def spy(self, cells):
        taken.append(len(cells))
        return original(self, cells)

    monkeypatch.setattr(_chunks.ChunkReader, "take_frame", spy)
    whole, part = _both(path, inst)
    assert taken == []                  # no batch needed the cell-by-cell route
    _same_responses(whole, part)


def test_labels_and_categorical_answers(tmp_path, inst):
    frame = _table()
    rng = np.random.default_rng(11)
    typed = frame["X1"].astype(str).astype(object)           # a text column: digits ...
    rows = rng.integers(0, N, 200)
    typed.iloc[rows] = [LABELS[int(v)] for v in frame["X1"].iloc[rows]]   # ... and labels
    frame["X1"] = typed
    frame["Y2"] = pd.Categorical(frame["Y2"].map(LABELS))   # stored as a dictionary
    path = _write(frame, tmp_path / "labels.parquet", 600)
    whole, part = _both(path, inst)
    _same_responses(whole, part)
    _same_study(analyze(whole, inst), analyze(part, inst))


def test_a_named_index_and_a_blank_column(tmp_path, inst):
    frame = _table().set_index("Nama")
    frame[""] = None                    # an empty column without a header is no column
    frame.to_parquet(tmp_path / "indexed.parquet", row_group_size=700)
    path = tmp_path / "indexed.parquet"
    whole, part = _both(path, inst)
    _same_responses(whole, part)
    assert part.attributes.columns[0] == "Nama" and "" not in part.attributes.columns


def test_problems_are_those_of_a_whole_read(tmp_path, inst):
    frame = _with_gaps(_table())
    frame.loc[900, "X4"] = 2.5
    frame.loc[1200, "Y1"] = 7
    path = _write(frame, tmp_path / "bad.parquet", 500)
    whole_err, part_err = _errors(path, inst)
    assert part_err == whole_err
    assert whole_err[1:] == (902, "X4") and "2.5 is not a whole number" in whole_err[0]
    found = validate_responses(path, inst, chunksize=CHUNK)
    assert [(e.message, e.row, e.column) for e in found] == \
        [(e.message, e.row, e.column) for e in validate_responses(path, inst, chunksize=0)]
    assert [e.row for e in found] == [902, 1202]
    missing = _table().drop(columns=["Y4"])
    path = _write(missing, tmp_path / "short.parquet", 500)
    whole_err, part_err = _errors(path, inst)
    assert part_err == whole_err and "Y4" in whole_err[0]


def test_batches_stay_small_whatever_the_row_groups(tmp_path, inst, monkeypatch):
    """One row group of the whole file is still read a bounded batch at a time."""
    path = _write(_table(3000), tmp_path / "one.parquet")
    width = len(pq.read_schema(path).names)
    assert pq.ParquetFile(path).metadata.num_row_groups == 1
    sizes, text_types = [], set()
    original = _parquet_chunks.ParquetSource.batches

    def spy(self, *args):
        for batch in original(self, *args):
            sizes.append(batch.num_rows)
            text_types.add(batch.schema.field("Gender").type)
            yield batch

    monkeypatch.setattr(_parquet_chunks.ParquetSource, "batches", spy)
    monkeypatch.setattr(_chunks, "PARQUET_MIN_CELLS", 1000)      # large: read in batches
    monkeypatch.setattr(_parquet_chunks, "PARQUET_BATCH_CELLS", 1024 * width)
    part = read_responses(path, inst)
    assert part.chunked and sizes == [1024, 1024, 952]
    # text of the other columns comes dictionary-encoded, as Parquet stores it
    assert text_types == {pa.dictionary(pa.int32(), pa.string())}
    whole = read_responses(path, inst, chunksize=0)
    _same_responses(whole, part)
    assert read_header(path) == list(_table(3).columns)
    sizes.clear()
    read_responses(path, inst, chunksize=500)                     # the smaller bound wins
    assert max(sizes) == 500 and sum(sizes) == 3000


# ------------------------------------------------------------------ writing

def test_synthetic_tables_are_written_as_parquet_in_row_groups(tmp_path, inst):
    frame = _table(2500)
    out = write_responses(frame, tmp_path / "synthetic.parquet")
    meta = pq.ParquetFile(out).metadata
    assert meta.num_rows == 2500 and meta.num_row_groups == 1
    out = write_responses_parquet(frame, tmp_path / "groups.parquet", row_group_rows=1000)
    book = pq.ParquetFile(out)
    assert [book.metadata.row_group(i).num_rows for i in range(book.num_row_groups)] == \
        [1000, 1000, 500]
    back = pd.read_parquet(out)
    pd.testing.assert_frame_equal(back, frame, check_dtype=False)
    assert back[ITEMS].dtypes.unique().tolist() == [np.dtype(np.int64)]
    assert not list(tmp_path.glob(".*.tmp"))                      # nothing left beside
    # any other name is CSV, byte for byte as write_responses_csv writes it
    write_responses(frame, tmp_path / "a.csv")
    write_responses_csv(frame, tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    with pytest.raises(DataError, match="row_group_rows"):
        write_responses_parquet(frame, tmp_path / "c.parquet", row_group_rows=0)
