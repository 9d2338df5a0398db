"""Large files: reading in chunks gives the same responses and the same study.

Every test here compares two reads of the same file, so the reference for
each number is the whole read (itself checked against R and SPSS in the
other test files): ``read_responses(path, chunksize=0)`` reads the file
whole; ``chunksize=N`` reads it N rows at a time (tiny N, so a few thousand
rows give dozens of chunks and every chunk boundary case occurs). The
statistics go through the same kernels either way (block accumulation in
:mod:`smma_stats.moments`); the property tests of blocked vs whole
accumulation are in ``tests/test_properties.py``.

The fixture (3,000 respondents, written by :func:`_survey`) holds what real
exports hold: a timestamp, name, gender and age, an attention-check column,
reverse-keyed items, answers typed as scale labels in some cells (so a
column is text in some chunks and numbers in others), skipped answers,
exact duplicate submissions, straight-liners and blank lines.
"""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from smma_stats import cli, moments
from smma_stats import study as study_mod
from smma_stats.cli import app
from smma_stats.errors import ResponseError
from smma_stats.instrument import instrument_from_dict
from smma_stats.readers import _chunks, read_header, read_responses, validate_responses
from smma_stats.study import analyze

from _compare import json_differences

N = 3000
CHUNK = 97          # rows per chunk: 31 chunks, none aligned with anything in the file

INSTRUMENT = {
    "name": "stream-fixture",
    "scale": {"min": 1, "max": 5,
              "labels": {1: "Sangat Tidak Setuju", 2: "Tidak Setuju", 3: "Netral",
                         4: "Setuju", 5: "Sangat Setuju"},
              "aliases": {1: ["STS"], 2: ["TS"], 3: ["N"], 4: ["S"], 5: ["SS"]}},
    "constructs": {
        "X": {"dimensions": {"a": {"items": ["X1", "X2", "X3"]},
                             "b": {"items": ["X4", "X5"]}}},
        "M": {"items": ["M1", "M2", "M3"]},
        "Y": {"items": ["Y1", "Y2", "Y3", "Y4"]},
    },
    "reverse": ["X2", "Y3"],
    "models": ["Y ~ X", "Y ~ X + M"],
    "attention_check": {"column": "check", "expect": 4},
}
ITEMS = ["X1", "X2", "X3", "X4", "X5", "M1", "M2", "M3", "Y1", "Y2", "Y3", "Y4"]
LABELS = {1: "STS", 2: "Tidak Setuju", 3: "N", 4: "4 - Setuju", 5: "Sangat Setuju"}


def _answers(rng, n: int) -> np.ndarray:
    f = rng.standard_normal(n)
    m = 0.5 * f + rng.standard_normal(n)
    y = 0.6 * f + 0.3 * m + 0.7 * rng.standard_normal(n)
    latent = [f] * 5 + [m] * 3 + [y] * 4
    cols = [np.clip(np.rint(3.4 + 0.8 * (0.7 * t + 0.7 * rng.standard_normal(n))), 1, 5)
            for t in latent]
    out = np.column_stack(cols).astype(int)
    # X2 and Y3 are worded the other way round (keyed in the instrument); so is M3,
    # by mistake (not keyed): an invalid item for drop_invalid to remove
    for j in (ITEMS.index("X2"), ITEMS.index("Y3"), ITEMS.index("M3")):
        out[:, j] = 6 - out[:, j]
    return out


def _survey(n: int = N, seed: int = 7) -> pd.DataFrame:
    """The raw cells of the fixture, as text, one row per line of the CSV."""
    rng = np.random.default_rng(seed)
    items = _answers(rng, n)
    cells = pd.DataFrame(items.astype(str), columns=ITEMS)
    cells.insert(0, "Timestamp", [f"2024-05-{1 + i // 1000:02d} {i % 1000:04d}"
                                  for i in range(n)])
    cells.insert(1, "Nama", [f"R{i:05d}" for i in range(n)])
    cells.insert(2, "Gender", rng.choice(["L", "P"], n))
    cells.insert(3, "Usia", rng.integers(18, 40, n).astype(str))
    cells["check"] = np.where(rng.random(n) < 0.97, "4", "2")
    values = cells.to_numpy()
    # answers typed as labels, skipped answers, failed or blank attention checks
    for k, (i, j) in enumerate(zip(rng.integers(0, n, 150), rng.integers(4, 16, 150))):
        values[i, j] = LABELS[int(items[i, j - 4])]
    for i, j in zip(rng.integers(0, n, 60), rng.integers(4, 16, 60)):
        values[i, j] = ""
    values[rng.integers(0, n, 5), -1] = ""
    values[rng.integers(0, n, 5), -1] = "Setuju"
    # exact duplicate submissions (a later timestamp only) and straight-liners
    for src, dst in ((10, 500), (10, 2501), (333, 334), (1200, 2999)):
        if dst < n:
            values[dst, 1:] = values[src, 1:]
    for i in (40, 41, 1700):
        if i < n:
            values[i, 4:16] = "3"
    return pd.DataFrame(values, columns=cells.columns)


def _write_csv(frame: pd.DataFrame, path, blank_lines=(), newline="\n", end="\n") -> None:
    lines = [",".join(frame.columns)] + [",".join(r) for r in frame.to_numpy()]
    for at in sorted(blank_lines, reverse=True):
        lines.insert(at, "")
    path.write_bytes((newline.join(lines) + end).encode("utf-8"))


@pytest.fixture(scope="module")
def inst():
    return instrument_from_dict(INSTRUMENT)


@pytest.fixture(scope="module")
def survey_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("stream") / "survey.csv"
    _write_csv(_survey(), path, blank_lines=(700, 701, 1500))
    return path


# ------------------------------------------------------------------ comparing

def _cell(v):
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        return None if math.isnan(v) else float(v)
    return v


def _same_study(whole, chunked) -> None:
    a, b = whole.to_dict(), chunked.to_dict()
    assert json_differences(a, b) == []
    # and the per-respondent outputs
    pd.testing.assert_frame_equal(whole.scores.astype(float), chunked.scores.astype(float),
                                  check_index_type=False)
    for m1, m2 in zip(whole.models, chunked.models):
        np.testing.assert_allclose(m2.regression.residuals, m1.regression.residuals,
                                   rtol=1e-9, atol=1e-11)
        np.testing.assert_allclose(m2.regression.fitted, m1.regression.fitted, rtol=1e-12)
    for code, cat in whole.categories.items():
        assert list(cat.assignments) == list(chunked.categories[code].assignments)


# ------------------------------------------------------------------ reading

@pytest.mark.parametrize("missing", ["listwise", "pairwise", "person-mean"])
def test_chunked_read_gives_the_same_responses(survey_csv, inst, missing):
    whole = read_responses(survey_csv, inst, missing=missing, chunksize=0)
    part = read_responses(survey_csv, inst, missing=missing, chunksize=CHUNK)
    assert not whole.chunked and part.chunked
    for field in ("n", "n_read", "n_dropped", "dropped_rows", "sha256", "columns", "missing",
                  "n_missing_answers", "missing_by_item", "n_imputed_answers",
                  "n_imputed_respondents", "imputed_rows", "max_missing_share", "notes"):
        assert getattr(part, field) == getattr(whole, field), field
    assert whole.n_read == N            # the three blank lines are not rows
    assert list(part.items.index) == list(whole.items.index)
    np.testing.assert_array_equal(part.items.to_numpy(dtype=float),
                                  whole.items.to_numpy(dtype=float))
    np.testing.assert_array_equal(part.scores.to_numpy(dtype=float),
                                  whole.scores.to_numpy(dtype=float))
    assert list(part.attributes.columns) == list(whole.attributes.columns)
    for col in whole.attributes.columns:
        # a number is the same number whether its chunk read it as 18 or 18.0
        assert [_cell(v) for v in part.attributes[col]] == [_cell(v) for v in
                                                          whole.attributes[col]]
    if missing == "listwise":
        assert part.items.dtypes.unique().tolist() == [np.dtype(np.int8)]
        assert whole.n_dropped > 40


def test_files_above_the_threshold_are_read_in_chunks(survey_csv, inst, monkeypatch):
    assert not read_responses(survey_csv, inst).chunked
    monkeypatch.setattr(_chunks, "STREAM_MIN_BYTES", 1000)
    res = read_responses(survey_csv, inst)
    assert res.chunked
    assert read_header(survey_csv) == list(_survey().columns)
    assert not read_responses(survey_csv, inst, chunksize=0).chunked


@pytest.mark.parametrize("newline, end", [("\n", "\n"), ("\r\n", "\r\n"), ("\n", ""),
                                          ("\n", "\n\n\n")])
def test_digit_grid_files(tmp_path, inst, newline, end):
    """Only one-digit answers: the array parser, across line endings and file ends."""
    items = pd.DataFrame(_answers(np.random.default_rng(3), 1000).astype(str), columns=ITEMS)
    items.insert(5, "check", "4")
    path = tmp_path / "grid.csv"
    _write_csv(items, path, newline=newline, end=end)
    whole = read_responses(path, inst, chunksize=0)
    part = read_responses(path, inst, chunksize=64)
    assert part.n == whole.n == 1000 and part.sha256 == whole.sha256
    np.testing.assert_array_equal(part.items.to_numpy(), whole.items.to_numpy())
    _same_study(analyze(whole, inst), analyze(part, inst))


def test_quoted_cells_blank_headers_and_progress(tmp_path, inst):
    """Cells holding the delimiter or a line break, and a blank-headed column."""
    frame = _survey(800)
    frame["Nama"] = [f'"Sitompul, {v}"' if i % 7 else f'"{v}\nKupang"'
                     for i, v in enumerate(frame["Nama"])]
    frame[""] = ""                       # trailing comma: an empty column without header
    frame.insert(3, " ", np.where(np.arange(800) % 50, "", "x"))   # blank header, used
    path = tmp_path / "quoted.csv"
    _write_csv(frame, path)
    calls = []
    whole = read_responses(path, inst, chunksize=0)
    part = read_responses(path, inst, chunksize=41,
                          progress=lambda *a: calls.append(a))
    assert part.n == whole.n and part.dropped_rows == whole.dropped_rows
    assert list(part.attributes.columns) == list(whole.attributes.columns)
    assert "column 4" in whole.attributes.columns and "column 18" not in whole.attributes
    assert [str(v) for v in part.attributes["Nama"]] == list(whole.attributes["Nama"])
    assert calls and calls[-1][0] == "reading" and calls[-1][1] == calls[-1][2]
    _same_study(analyze(whole, inst), analyze(part, inst))


@pytest.mark.slow
def test_records_longer_than_a_chunk_and_spare_cells(tmp_path, inst):
    frame = _survey(120)
    frame["Nama"] = [f'"{v}\n{"x" * 300}"' for v in frame["Nama"]]
    path = tmp_path / "long.csv"
    _write_csv(frame, path)
    whole = read_responses(path, inst, chunksize=0)
    part = read_responses(path, inst, chunksize=1)
    assert part.n == whole.n and list(part.attributes["Nama"]) == list(
        whole.attributes["Nama"])
    # a first row with one cell more than the header: fine while the extra cells are empty
    spare = tmp_path / "spare.csv"
    _write_csv(_survey(120), spare)
    lines = spare.read_text(encoding="utf-8").split("\n")
    lines[1] += ","
    spare.write_text("\n".join(lines), encoding="utf-8")
    n = read_responses(spare, inst, chunksize=0).n
    assert read_responses(spare, inst, chunksize=7).n == n
    lines[100] += ",9"
    spare.write_text("\n".join(lines), encoding="utf-8")
    whole_err, part_err = _errors(spare, inst)
    assert part_err == whole_err and whole_err[1] == 101
    assert "cells but the header has" in whole_err[0]


def test_parquet_in_batches(tmp_path, survey_csv, inst, monkeypatch):
    pytest.importorskip("pyarrow")
    frame = pd.read_csv(survey_csv, dtype=str, keep_default_na=False)
    frame = frame[frame["Nama"] != ""]
    for col in ITEMS[:4]:                       # some numeric columns, some text
        frame[col] = pd.to_numeric(frame[col].where(frame[col] != ""), errors="coerce")
    frame = frame.dropna(subset=ITEMS[:4])
    path = tmp_path / "survey.parquet"
    frame.set_index("Nama").to_parquet(path)    # a named index comes back as a column
    whole = read_responses(path, inst, chunksize=0)
    part = read_responses(path, inst, chunksize=CHUNK)
    assert part.chunked and part.sha256 == whole.sha256 and part.n == whole.n
    assert list(part.attributes.columns) == list(whole.attributes.columns)
    _same_study(analyze(whole, inst), analyze(part, inst))
    header = read_header(path)
    monkeypatch.setattr(_chunks, "STREAM_MIN_BYTES", 1000)      # now from the schema only
    assert read_header(path) == header and header[0] == "Nama"
    assert read_responses(path, inst).chunked


# ------------------------------------------------------------------ statistics

@pytest.mark.parametrize("missing", ["listwise", "pairwise", "person-mean"])
def test_analysis_of_a_chunked_read_matches(survey_csv, inst, missing):
    whole = analyze(read_responses(survey_csv, inst, missing=missing, chunksize=0), inst)
    part = analyze(read_responses(survey_csv, inst, missing=missing, chunksize=CHUNK), inst)
    assert part.screening.counts == whole.screening.counts
    assert whole.screening.counts["duplicate"] >= 3
    assert whole.screening.counts["straight_lining"] >= 3
    assert whole.screening.counts["attention_check"] > 50
    _same_study(whole, part)


@pytest.mark.slow
def test_options_take_the_same_route(survey_csv, inst):
    options = {"drop_invalid": True, "robust": True, "judge": "r_corrected", "tails": 1,
               "exclude_flagged": True, "by": "Gender", "normality_method": "kolmogorov",
               "category_method": "mean_sd", "category_levels": 5, "sig_level": 0.1,
               "bootstrap": 200, "seed": 5}
    whole = analyze(read_responses(survey_csv, inst, chunksize=0), inst, **options)
    part = analyze(read_responses(survey_csv, inst, chunksize=CHUNK), inst, **options)
    assert whole.excluded_rows and part.excluded_rows == whole.excluded_rows
    assert "se_hc3" in part.models[0].regression.coefficients
    assert [s.item for s in whole.drop_steps] == ["M3"]
    assert part.groups is not None and part.groups.levels == ("L", "P")
    _same_study(whole, part)


def test_a_file_given_to_analyze_is_let_go_once_rows_are_excluded(survey_csv, inst,
                                                                    monkeypatch):
    """Given a file, analyze reads it (with the reading options) and, once the flagged
    rows are left out, holds nothing of the answers read: the copy without them takes
    their place in memory."""
    import weakref

    from smma_stats import screening

    read, alive = [], []
    drop_rows = screening._drop_rows

    def spy(fields, rows):
        read.append(weakref.ref(fields["items"]))
        return drop_rows(fields, rows)

    validity = study_mod._ItemStats.validity

    def check(self, *args, **kw):
        alive.append(read[0]() is not None)
        return validity(self, *args, **kw)

    monkeypatch.setattr(screening, "_drop_rows", spy)
    monkeypatch.setattr(study_mod._ItemStats, "validity", check)
    options = {"exclude_flagged": True, "by": "Gender"}
    study = analyze(survey_csv, inst, chunksize=CHUNK, missing="person-mean",
                    max_missing_share=0.5, **options)
    assert study.responses.chunked and study.excluded_rows and alive and not any(alive)
    held = read_responses(survey_csv, inst, missing="person-mean", max_missing_share=0.5,
                          chunksize=CHUNK)
    _same_study(analyze(held, inst, **options), study)
    assert study.settings["missing"] == "person-mean"


def test_block_products_run_on_one_blas_thread(survey_csv, inst, monkeypatch):
    """Thin products, hundreds of them: one BLAS thread each (when threadpoolctl is
    installed), and the same study without threadpoolctl."""
    import sys

    threadpoolctl = pytest.importorskip("threadpoolctl")
    data = read_responses(survey_csv, inst, chunksize=CHUNK)
    threads = []
    add = moments.Moments.add

    def spy(self, x):
        threads.extend(p["num_threads"] for p in threadpoolctl.threadpool_info()
                       if p["user_api"] == "blas")
        return add(self, x)

    monkeypatch.setattr(moments.Moments, "add", spy)
    with_limits = analyze(data, inst)
    assert threads and set(threads) == {1}
    monkeypatch.setitem(sys.modules, "threadpoolctl", None)   # as if not installed
    _same_study(with_limits, analyze(data, inst))


def test_mean_scores_and_block_boundaries(survey_csv, inst, monkeypatch):
    """Item-mean scores, and blocks smaller than the data (several merges)."""
    raw = dict(INSTRUMENT, score="mean")
    mean_inst = instrument_from_dict(raw)
    whole = analyze(read_responses(survey_csv, mean_inst, chunksize=0), mean_inst)
    monkeypatch.setattr(moments, "BLOCK_CELLS", 5000)
    part = analyze(read_responses(survey_csv, mean_inst, chunksize=CHUNK), mean_inst)
    _same_study(whole, part)


def test_duplicates_of_wide_rows(inst):
    """Keys longer than one 64-bit word (hash, then word by word) and many repeats."""
    rng = np.random.default_rng(11)
    base = _answers(rng, 40)
    rows = base[rng.integers(0, 40, 2000)]             # almost every row repeats another
    frame = pd.DataFrame(rows, columns=ITEMS)
    frame["Gender"] = rng.choice(["L", "P"], 2000)
    frame["check"] = 4
    whole = read_responses(frame, inst)
    from smma_stats.study import screen

    got = screen(whole, inst).table
    dup = got[got["flag"] == "duplicate"]
    # pandas finds the same repeats, each with the first row it repeats
    key = pd.concat([whole.items, whole.attributes], axis=1)
    first = key.groupby(list(range(key.shape[1])) if False else list(key.columns),
                        sort=False).ngroup()
    first_row = pd.Series(key.index, index=key.index).groupby(first.to_numpy()).transform("min")
    expected = first_row[first_row != first_row.index]
    assert dup["row"].tolist() == expected.index.tolist()
    assert dup["other_row"].tolist() == expected.tolist()
    assert len(dup) > 1500


@pytest.mark.parametrize("kind", ["scores", "residuals", "ties", "gaps"])
@pytest.mark.parametrize("method", ["lilliefors", "kolmogorov"])
def test_normality_of_a_large_sample(kind, method):
    """Distinct values only (counted or sorted a block at a time) give the textbook D."""
    from scipy.stats import norm

    from smma_stats.normality import ks_normality

    rng = np.random.default_rng(4)
    x = {"scores": lambda: rng.integers(10, 51, 20_000),
         "residuals": lambda: rng.standard_normal(20_000) ** 3,
         "ties": lambda: np.round(rng.standard_normal(20_000), 1),
         "gaps": lambda: np.where(rng.random(20_000) < 0.1, np.nan,
                                  rng.integers(1, 6, 20_000))}[kind]()
    expected = ks_normality(pd.Series(x, name="v"), method=method).to_dict()
    # reference: every value sorted, D+ = max(i/n - F(x_i)), D- = max(F(x_i) - (i-1)/n)
    v = np.sort(np.asarray(x, dtype=float)[~np.isnan(np.asarray(x, dtype=float))])
    n = v.size
    u = norm.cdf((v - v.mean()) / v.std(ddof=1))
    i = np.arange(1, n + 1)
    d_plus, d_minus = np.max(i / n - u), np.max(u - (i - 1) / n)
    assert expected["n"] == n
    assert expected["d_plus"] == pytest.approx(d_plus, rel=1e-12)
    assert expected["d_minus"] == pytest.approx(-d_minus, rel=1e-12)
    assert expected["statistic"] == pytest.approx(max(d_plus, d_minus), rel=1e-12)
    assert expected["n"] > 5000 and expected["shapiro_statistic"] is None
    if kind == "scores":
        # whole numbers are counted, not sorted: the same result as the values as floats
        as_floats = ks_normality(pd.Series(x.astype(float), name="v"), method=method)
        for dtype in (np.int16, np.int64):
            counted = ks_normality(pd.Series(x.astype(dtype), name="v"), method=method)
            assert json_differences(counted.to_dict(), as_floats.to_dict(), tol=1e-12) == []


def test_normality_of_counted_scores_with_shapiro_wilk():
    """A small integer sample: counted for K-S, expanded in order for Shapiro-Wilk."""
    from smma_stats.normality import ks_normality

    x = np.random.default_rng(9).integers(10, 51, 300)
    counted, as_floats = ks_normality(x), ks_normality(x.astype(float))
    assert json_differences(counted.to_dict(), as_floats.to_dict(), tol=1e-12) == []
    assert counted.shapiro_statistic == as_floats.shapiro_statistic
    assert counted.mean == as_floats.mean


# ------------------------------------------------------------------ errors

def _bad_file(tmp_path, edits, name="bad.csv"):
    frame = _survey(600)
    for (i, col), text in edits.items():
        frame.loc[i, col] = text
    path = tmp_path / name
    _write_csv(frame, path)
    return path


def _errors(path, inst, **kw):
    out = []
    for chunksize in (0, 50):
        with pytest.raises(ResponseError) as info:
            read_responses(path, inst, chunksize=chunksize, **kw)
        e = info.value
        out.append((str(e), e.row, e.column))
    return out


def test_cell_errors_name_the_same_row_and_column(tmp_path, inst):
    path = _bad_file(tmp_path, {(300, "Y2"): "7", (450, "X1"): "banyak", (451, "M2"): "2.5"})
    whole, part = _errors(path, inst)
    assert part == whole
    assert whole[1:] == (302, "Y2")
    assert "7 is outside the scale 1..5" in whole[0]
    problems = [[str(p) for p in validate_responses(path, inst, chunksize=c)] for c in (0, 50)]
    assert problems[1] == problems[0] and len(problems[0]) == 3


def test_grid_file_with_an_out_of_scale_digit(tmp_path, inst):
    items = pd.DataFrame(_answers(np.random.default_rng(5), 500).astype(str), columns=ITEMS)
    items.loc[321, "M3"] = "9"
    items["check"] = "4"
    path = tmp_path / "grid_bad.csv"
    _write_csv(items, path)
    whole, part = _errors(path, inst)
    assert part == whole and whole[1:] == (323, "M3")


def test_file_problems_come_before_cell_problems(tmp_path, inst, monkeypatch):
    """As in a whole read: a long row or a non-UTF-8 byte anywhere wins over a bad cell."""
    monkeypatch.setattr(_chunks, "_HEAD_BYTES", 4096)    # the bad byte lies past the head
    path = _bad_file(tmp_path, {(20, "X1"): "9", (550, "check"): "4,9,9"})
    whole, part = _errors(path, inst)
    assert part == whole and "cells but the header has" in whole[0] and whole[1] == 552
    data = bytearray(_bad_file(tmp_path, {(20, "X1"): "9"}).read_bytes())
    at = data.index(b"R00580")
    data[at:at + 1] = b"\xff"
    path = tmp_path / "latin.csv"
    path.write_bytes(bytes(data))
    whole, part = _errors(path, inst)
    assert part == whole and "is not UTF-8" in whole[0]
    missing = tmp_path / "no_y.csv"
    _write_csv(_survey(200).drop(columns=["Y4"]), missing)
    whole, part = _errors(missing, inst)
    assert part == whole and "no column for item(s) Y4" in whole[0]


def test_header_and_attention_check_problems(tmp_path, inst, monkeypatch):
    monkeypatch.setattr(_chunks, "_HEAD_BYTES", 4096)
    frame = _survey(300)
    frame.columns = [*frame.columns[:-2], "X1", "check"]     # Y4's column headed X1
    path = tmp_path / "twice.csv"
    _write_csv(frame, path)
    whole, part = _errors(path, inst)
    assert part == whole and "appears twice" in whole[0]
    no_check = tmp_path / "no_check.csv"
    _write_csv(_survey(300).drop(columns=["check"]), no_check)
    msgs, counts = [], []
    for chunksize in (0, 50):
        study = analyze(read_responses(no_check, inst, chunksize=chunksize), inst)
        msgs.append(list(study.screening.notes))
        counts.append(study.screening.counts)
    assert msgs[0] == msgs[1] and "'check'" in msgs[0][0]
    assert counts[0] == counts[1] and counts[0]["attention_check"] == 0


def test_attention_check_on_an_item(survey_csv, inst, monkeypatch):
    on_item = instrument_from_dict(dict(INSTRUMENT, attention_check={"column": "M1",
                                                                      "expect": [3, 4]}))
    whole = analyze(read_responses(survey_csv, on_item, chunksize=0), on_item)
    part = analyze(read_responses(survey_csv, on_item, chunksize=CHUNK), on_item)
    assert whole.screening.counts["attention_check"] > 500
    pd.testing.assert_frame_equal(part.screening.table, whole.screening.table)


def test_two_valued_predictor_gives_a_full_study(tmp_path):
    """A predictor with two values: its square in White's test is a linear function
    of it, so the square is left out (as R's lm drops an aliased column) and named;
    the linearity test (two groups) is not computable; the rest of the study stands,
    the same from a chunked read."""
    raw = dict(INSTRUMENT, constructs={"X": {"items": ["X1", "X2"]},
                                       "Y": {"items": ["Y1", "Y2"]}},
               reverse=[], models=["Y ~ X"], attention_check=None)
    two = instrument_from_dict(raw)
    rng = np.random.default_rng(2)
    x = rng.integers(1, 3, 500)          # X = 2 or 4: two groups only
    frame = pd.DataFrame({"X1": x, "X2": x, "Y1": np.clip(x + rng.integers(0, 3, 500), 1, 5),
                          "Y2": rng.integers(1, 6, 500)})
    path = tmp_path / "two.csv"
    frame.to_csv(path, index=False)
    whole = analyze(read_responses(path, two, chunksize=0), two)
    part = analyze(read_responses(path, two, chunksize=64), two)
    m = whole.models[0]
    assert m.white.dropped == ("X^2",) and m.white.df == 1
    assert m.white.statistic == pytest.approx(m.breusch_pagan.statistic, rel=1e-9)
    assert "linearity" in m.not_computable() and "3" in m.not_computable()["linearity"]
    _same_study(whole, part)


def test_no_usable_rows(tmp_path, inst):
    frame = _survey(300)
    frame.loc[:, "Y1"] = ""
    path = tmp_path / "empty_y1.csv"
    _write_csv(frame, path)
    whole, part = _errors(path, inst)
    assert part == whole and "no complete responses" in whole[0]


# ------------------------------------------------------------------ command line

def _runner():
    import inspect

    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)
    return CliRunner()


@pytest.mark.slow
def test_cli_json_is_the_same_and_shows_no_progress(survey_csv, inst, tmp_path):
    yml = tmp_path / "inst.yaml"
    yml.write_text(yaml.safe_dump(INSTRUMENT), encoding="utf-8")
    runner = _runner()
    outs = []
    for extra in ([], ["--chunksize", str(CHUNK)]):
        res = runner.invoke(app, ["analyze", str(survey_csv), "-i", str(yml), "--format",
                                  "json", "--seed", "1", *extra])
        assert res.exit_code == 0, res.output
        assert "reading" not in res.stderr and "[#" not in res.stderr
        assert "\r" not in res.stdout + res.stderr
        outs.append(json.loads(res.stdout))
    assert json_differences(outs[0], outs[1]) == []
    res = runner.invoke(app, ["analyze", str(survey_csv), "-i", str(yml), "--chunksize", "40"])
    assert res.exit_code == 0 and "\r" not in res.stdout + res.stderr
    assert "--chunksize" not in runner.invoke(app, ["analyze", "--help"]).stdout


def test_cli_error_line_is_the_same(tmp_path, inst):
    path = _bad_file(tmp_path, {(300, "Y2"): "7"})
    yml = tmp_path / "inst.yaml"
    yml.write_text(yaml.safe_dump(INSTRUMENT), encoding="utf-8")
    runner = _runner()
    errs = []
    for extra in ([], ["--chunksize", "50"]):
        res = runner.invoke(app, ["analyze", str(path), "-i", str(yml), *extra])
        assert res.exit_code == 1
        errs.append(res.stderr)
    assert errs[0] == errs[1] and "row 302, column 'Y2'" in errs[0]


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_line_on_a_terminal_only():
    assert cli.terminal_progress(stream=io.StringIO()) is None
    assert cli.terminal_progress(enabled=False, stream=_Terminal()) is None
    term = _Terminal()
    bar = cli.terminal_progress(stream=term)
    bar.delay = bar.interval = 0
    bar("reading", 50, 200)
    assert "reading" in term.getvalue() and "25%" in term.getvalue()
    bar.close()
    assert term.getvalue().endswith("\r")


def test_docstring_examples():
    import doctest

    from smma_stats import rowkeys, scores

    for module in (moments, rowkeys, scores):
        failed, attempted = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert attempted > 0 and failed == 0, module.__name__
