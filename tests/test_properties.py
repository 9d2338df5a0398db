"""Invariants of the statistics, checked on data that hypothesis chooses.

No golden numbers here: each property compares the package with itself under
a change that must not matter (the order of rows or items, a constant added
to an item, the size of the blocks the sufficient statistics are
accumulated in, the layout of a CSV file), or with a definition (alpha if
item deleted is alpha without the item). The goldens for the statistics
themselves are in the module's own test file (test_reliability.py,
test_validity.py, test_regression.py, test_chunked.py, test_readers*.py).

Every property runs a bounded number of examples, derandomized and without
an example database, so a run is the same on every machine and the whole
file takes a few seconds. Large tables are drawn by numpy from a seed that
hypothesis chooses (hypothesis chooses the shape, the seed and the
parameters; it would shrink a failure to the smallest of each).
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from smma_stats import moments
from smma_stats.errors import SmmaError
from smma_stats.instrument import instrument_from_dict
from smma_stats.readers import read_responses
from smma_stats.regression import regress
from smma_stats.reliability import cronbach_alpha
from smma_stats.study import analyze
from smma_stats.validity import item_validity

from _compare import json_differences

#: Deterministic on every machine: a fixed derivation of the examples, no database.
FIXED = settings(derandomize=True, database=None, deadline=None, print_blob=False,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

REL = 1e-9


def bounded(max_examples: int, **options) -> settings:
    """:data:`FIXED` with at most ``max_examples`` examples."""
    return settings(FIXED, max_examples=max_examples, **options)


def close(a, b, rel=REL, scale=1.0):
    """Equal to ``rel`` relative, or ``rel * scale`` absolute near zero (NaN equals NaN)."""
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=rel,
                               atol=rel * scale, equal_nan=True)


# ----------------------------------------------------------------- data

@st.composite
def likert(draw, min_items=2, max_items=7, min_rows=5, max_rows=40):
    """Answers 1..5 (respondents x items), every item and the total varying."""
    k = draw(st.integers(min_items, max_items))
    n = draw(st.integers(min_rows, max_rows))
    cells = draw(st.lists(st.integers(1, 5), min_size=n * k, max_size=n * k))
    x = np.array(cells, dtype=np.int64).reshape(n, k)
    assume((x.std(axis=0) > 0).all() and x.sum(axis=1).std() > 0)
    return pd.DataFrame(x, columns=[f"i{j + 1}" for j in range(k)])


def random_table(seed: int, n: int, k: int, kind: str) -> pd.DataFrame:
    """``n x k`` numbers of a kind: Likert integers, floats, or floats with gaps."""
    rng = np.random.default_rng(seed)
    trait = rng.standard_normal((n, 1))
    raw = trait + rng.standard_normal((n, k))
    if kind == "likert":
        x = np.clip(np.rint(3 + raw), 1, 5).astype(np.int64)
    else:
        x = 50.0 + 10.0 * raw
        if kind == "gaps":
            x[rng.random((n, k)) < 0.05] = np.nan
    return pd.DataFrame(x, columns=[f"c{j}" for j in range(k)])


def fixed_blocks(step: int):
    """A stand-in for :func:`smma_stats.moments.blocks` cutting ``step`` rows at a time."""
    def blocks(n, width, cells=None):
        for start in range(0, int(n), step):
            yield start, min(start + step, int(n))
    return blocks


# ----------------------------------------------------------------- Cronbach's alpha

def _alpha_fields(res):
    return [res.alpha, res.alpha_std, res.conf_low, res.conf_high, res.mean_inter_item_r,
            res.scale_mean, res.scale_var]


@bounded(25)
@given(likert(), st.randoms(use_true_random=False))
def test_alpha_does_not_depend_on_the_order_of_the_items(items, random):
    order = list(items.columns)
    random.shuffle(order)
    a, b = cronbach_alpha(items), cronbach_alpha(items[order])
    close(_alpha_fields(b), _alpha_fields(a), scale=1.0)
    per_item = a.items.set_index("item").loc[order].reset_index()
    for col in ("mean", "sd", "scale_mean_if_deleted", "scale_var_if_deleted",
                "r_corrected", "smc", "alpha_if_deleted"):
        close(b.items[col], per_item[col], scale=float(per_item[col].abs().max()) or 1.0)


@bounded(30)
@given(likert(), st.data())
def test_alpha_does_not_change_when_a_constant_is_added_to_an_item(items, data):
    item = data.draw(st.sampled_from(list(items.columns)), label="item")
    c = data.draw(st.integers(-20, 20) | st.floats(-20, 20, allow_nan=False,
                                                   allow_infinity=False), label="constant")
    shifted = items.copy()
    shifted[item] = shifted[item] + c
    a, b = cronbach_alpha(items), cronbach_alpha(shifted)
    close([b.alpha, b.alpha_std, b.conf_low, b.conf_high, b.mean_inter_item_r, b.scale_var],
          [a.alpha, a.alpha_std, a.conf_low, a.conf_high, a.mean_inter_item_r, a.scale_var],
          rel=1e-9, scale=1.0)
    close(b.scale_mean, a.scale_mean + c, scale=abs(a.scale_mean) + abs(c))
    for col in ("sd", "scale_var_if_deleted", "r_corrected", "smc", "alpha_if_deleted"):
        close(b.items[col], a.items[col], scale=float(a.items[col].abs().max()) or 1.0)


@bounded(20)
@given(likert(min_items=3))
def test_alpha_if_item_deleted_is_alpha_without_the_item(items):
    res = cronbach_alpha(items)
    for item, got in zip(res.items["item"], res.items["alpha_if_deleted"]):
        rest = items.drop(columns=item)
        assume(rest.sum(axis=1).std() > 0)
        close(got, cronbach_alpha(rest).alpha, scale=1.0)


# ----------------------------------------------------------------- item validity

@bounded(30)
@given(likert(min_rows=4), st.randoms(use_true_random=False),
       st.sampled_from(["r", "r_corrected"]), st.sampled_from([1, 2]))
def test_item_validity_does_not_depend_on_the_order_of_the_rows(items, random, judge, tails):
    rows = list(range(len(items)))
    random.shuffle(rows)
    a = item_validity(items, judge=judge, tails=tails)
    b = item_validity(items.iloc[rows], judge=judge, tails=tails)
    assert (b.n, b.n_valid, b.all_valid) == (a.n, a.n_valid, a.all_valid)
    close(b.table[["r", "r_corrected", "r_table"]], a.table[["r", "r_corrected", "r_table"]])
    close(b.table["p_value"], a.table["p_value"], scale=1e-3)
    assert b.table["valid"].tolist() == a.table["valid"].tolist()


# ----------------------------------------------------------------- regression

COEFFICIENTS = ["b", "se", "beta", "t", "p_value", "conf_low", "conf_high", "tolerance", "vif"]


@st.composite
def regression_data(draw):
    p = draw(st.integers(1, 3))
    n = draw(st.integers(p + 3, 40))
    columns = ["y"] + [f"x{j + 1}" for j in range(p)]
    cells = draw(st.lists(st.integers(5, 50), min_size=n * (p + 1), max_size=n * (p + 1)))
    frame = pd.DataFrame(np.array(cells, dtype=np.int64).reshape(n, p + 1), columns=columns)
    return frame, columns[1:]


@bounded(25)
@given(regression_data(), st.randoms(use_true_random=False), st.booleans())
def test_regression_does_not_depend_on_the_order_of_the_rows(data, random, robust):
    frame, x = data
    rows = list(range(len(frame)))
    random.shuffle(rows)
    try:
        a = regress(frame, "y", x, robust=robust)
    except SmmaError as exc:
        with pytest.raises(type(exc)):
            regress(frame.iloc[rows], "y", x, robust=robust)
        return
    b = regress(frame.iloc[rows], "y", x, robust=robust)
    assert (b.n, b.df_regression, b.df_residual) == (a.n, a.df_regression, a.df_residual)
    close([b.r, b.r2, b.adj_r2, b.f, b.ms_residual], [a.r, a.r2, a.adj_r2, a.f, a.ms_residual],
          scale=1e-3)
    close(b.f_p_value, a.f_p_value, rel=1e-7, scale=1e-6)
    cols = COEFFICIENTS + (["se_hc3", "t_hc3", "p_value_hc3"] if robust else [])
    assert list(b.coefficients["term"]) == list(a.coefficients["term"])
    for col in cols:
        ref = a.coefficients[col].to_numpy(float)
        scale = 1e-6 if col.startswith("p_value") else float(np.nanmax(np.abs(ref)) or 1.0)
        close(b.coefficients[col], ref, rel=1e-7 if col.startswith("p_value") else REL,
              scale=scale)
    # the residuals are the same numbers, in the new order
    close(b.residuals, np.asarray(a.residuals)[rows], scale=float(np.abs(a.residuals).max()))


# ----------------------------------------------------------------- blocks = whole

@bounded(25)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(257, 1500), k=st.integers(2, 8),
       kind=st.sampled_from(["likert", "float", "gaps"]), small=st.integers(1, 4096))
def test_item_moments_are_those_of_the_whole_table_for_any_block_size(seed, n, k, kind,
                                                                       small):
    """BLOCK_CELLS as set (one block for these tables) vs a small value (blocks of
    256 rows or more: the floor of :func:`smma_stats.moments.blocks`)."""
    table = random_table(seed, n, k, kind)
    spread = 4 if kind == "likert" else None
    whole = moments.item_moments(table, spread=spread)
    with mock.patch.object(moments, "BLOCK_CELLS", small):
        assert len(list(moments.blocks(n, k))) > 1
        part = moments.item_moments(table, spread=spread)
    assert (part.n, part.n_excluded, part.names) == (whole.n, whole.n_excluded, whole.names)
    close(part.mean, whole.mean, scale=float(np.abs(whole.mean).max()))
    close(part.cov, whole.cov, scale=float(np.abs(whole.cov).max()))


@bounded(40)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 700), k=st.integers(1, 6),
       kind=st.sampled_from(["likert", "float", "gaps"]), step=st.integers(1, 800))
def test_item_moments_in_blocks_of_any_number_of_rows(seed, n, k, kind, step):
    """Blocks of any size, down to one row (the block iterator replaced)."""
    table = random_table(seed, n, k, kind)
    spread = 4 if kind == "likert" else None
    whole = moments.item_moments(table, spread=spread)
    assume(whole.n >= 2)
    with mock.patch.object(moments, "blocks", fixed_blocks(step)):
        part = moments.item_moments(table, spread=spread)
    assert (part.n, part.n_excluded) == (whole.n, whole.n_excluded)
    close(part.mean, whole.mean, scale=float(np.abs(whole.mean).max()))
    close(part.cov, whole.cov, scale=float(np.nanmax(np.abs(whole.cov))))


@bounded(40)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 700), p=st.integers(1, 5),
       kind=st.sampled_from(["likert", "float"]), step=st.integers(1, 800),
       use_keep=st.booleans())
def test_factor_columns_in_blocks_of_any_number_of_rows(seed, n, p, kind, step, use_keep):
    """factor_columns takes its block size from its own call (not BLOCK_CELLS), so the
    block iterator itself is replaced: one block vs blocks of ``step`` rows."""
    table = random_table(seed, n, p, kind)
    columns = [table[c].to_numpy() for c in table.columns]
    keep = (np.random.default_rng(seed + 1).random(n) < 0.8) if use_keep else None
    with mock.patch.object(moments, "blocks", fixed_blocks(n)):
        n1, means1, rc1 = moments.factor_columns(columns, keep)
    with mock.patch.object(moments, "blocks", fixed_blocks(step)):
        n2, means2, rc2 = moments.factor_columns(columns, keep)
    assert n2 == n1 == (int(keep.sum()) if use_keep else n)
    assume(n1 >= 1)
    close(means2, means1, scale=float(np.abs(means1).max()))
    scale = float(np.abs(rc1).max()) or 1.0
    close(rc2.T @ rc2, rc1.T @ rc1, scale=scale * scale)
    full_rank = np.abs(np.diag(rc1)).min() > 1e-6 * scale
    if full_rank:                     # the factor itself is unique (diagonal >= 0)
        close(rc2, rc1, rel=1e-8, scale=scale)


# ----------------------------------------------------------------- a chunked read

STUDY = {
    "name": "chunks-property",
    "scale": {"min": 1, "max": 5,
              "labels": {1: "Sangat Tidak Setuju", 2: "Tidak Setuju", 3: "Netral",
                         4: "Setuju", 5: "Sangat Setuju"}},
    "constructs": {
        "X": {"dimensions": {"a": {"items": ["X1", "X2", "X3"]},
                             "b": {"items": ["X4", "X5"]}}},
        "Y": {"items": ["Y1", "Y2", "Y3"]},
    },
    "reverse": ["X2"],
    "models": ["Y ~ X", "Y ~ a + b"],
}
STUDY_ITEMS = ["X1", "X2", "X3", "X4", "X5", "Y1", "Y2", "Y3"]
STUDY_ROWS = 240


def _study_csv(path: Path) -> None:
    """240 respondents: labels in some cells, skipped answers, a blank line."""
    rng = np.random.default_rng(11)
    f = rng.standard_normal(STUDY_ROWS)
    y = 0.6 * f + 0.8 * rng.standard_normal(STUDY_ROWS)
    latent = [f] * 5 + [y] * 3
    x = np.column_stack([np.clip(np.rint(3.4 + 0.9 * (t + 0.8 * rng.standard_normal(
        STUDY_ROWS))), 1, 5) for t in latent]).astype(int)
    x[:, 1] = 6 - x[:, 1]                          # X2 is worded the other way round
    cells = x.astype(str).astype(object)
    labels = STUDY["scale"]["labels"]
    for i, j in zip(rng.integers(0, STUDY_ROWS, 40), rng.integers(0, 8, 40)):
        cells[i, j] = labels[int(x[i, j])]
    for i, j in zip(rng.integers(0, STUDY_ROWS, 25), rng.integers(0, 8, 25)):
        cells[i, j] = ""
    lines = ["id,gender," + ",".join(STUDY_ITEMS)]
    lines += [f"{i + 1},{'LP'[i % 2]}," + ",".join(r) for i, r in enumerate(cells)]
    lines.insert(120, "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def chunk_study(tmp_path_factory):
    path = tmp_path_factory.mktemp("chunk-property") / "responses.csv"
    _study_csv(path)
    inst = instrument_from_dict(STUDY)
    whole = {rule: analyze(read_responses(path, inst, missing=rule, chunksize=0), inst)
             .to_dict() for rule in ("listwise", "pairwise", "person-mean")}
    return path, inst, whole


@pytest.mark.slow
@bounded(8, suppress_health_check=list(HealthCheck))
@given(chunk=st.integers(1, STUDY_ROWS + 20),
       rule=st.sampled_from(["listwise", "pairwise", "person-mean"]))
def test_analysis_of_a_read_in_chunks_of_any_size_is_the_whole_read(chunk_study, chunk,
                                                                      rule):
    path, inst, whole = chunk_study
    responses = read_responses(path, inst, missing=rule, chunksize=chunk)
    assert responses.chunked
    part = analyze(responses, inst)
    assert json_differences(part.to_dict(), whole[rule]) == []


# ----------------------------------------------------------------- CSV round trip

LABELS = {1: "Sangat Tidak Setuju", 2: "Tidak Setuju", 3: "Netral", 4: "Setuju",
          5: "Sangat Setuju"}
ROUND_TRIP = {
    "name": "round-trip",
    "score": "mean",
    "scale": {"min": 1, "max": 5, "labels": LABELS},
    "constructs": {"X": {"items": ["X1", "X2", "X3"]}, "Y": {"items": ["Y1", "Y2", "Y3"]}},
    "reverse": ["X3"],
}
RT_ITEMS = ["X1", "X2", "X3", "Y1", "Y2", "Y3"]


def _write_round_trip(path: Path, raw: np.ndarray, gpa: np.ndarray, *, delimiter: str,
                      bom: bool, decimal_comma: bool, as_label: np.ndarray,
                      crlf: bool) -> None:
    """The raw answers (X3 as the respondent ticked it) in one CSV dialect."""
    def number(v: float) -> str:
        text = repr(float(v))
        return text.replace(".", ",") if decimal_comma else text

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["id", "ipk", *RT_ITEMS])
    for i, row in enumerate(raw):
        cells = [LABELS[int(v)] if lab else (number(v) if decimal_comma else str(int(v)))
                 for v, lab in zip(row, as_label[i])]
        writer.writerow([str(i + 1), number(gpa[i]), *cells])
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))


@bounded(20)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(6, 60),
       delimiter=st.sampled_from([",", ";", "\t", "|"]), bom=st.booleans(),
       decimal_comma=st.booleans(), label_share=st.sampled_from([0.0, 0.3, 1.0]),
       crlf=st.booleans())
def test_csv_dialects_read_back_the_same_answers(seed, n, delimiter, bom, decimal_comma,
                                                 label_share, crlf):
    decimal_comma = decimal_comma and delimiter != ","   # a comma file keeps the point
    rng = np.random.default_rng(seed)
    trait = rng.standard_normal((n, 1))
    keyed = np.clip(np.rint(3.5 + trait + 0.8 * rng.standard_normal((n, 6))), 1, 5)
    raw = keyed.copy()
    raw[:, 2] = 6 - raw[:, 2]                            # X3 written as ticked
    gpa = np.round(2.0 + 2.0 * rng.random(n), 2)
    as_label = rng.random((n, 6)) < label_share
    inst = instrument_from_dict(ROUND_TRIP)
    expected = pd.DataFrame(keyed, columns=RT_ITEMS, index=range(2, n + 2))
    assume((expected.std() > 0).all())
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.csv"
        _write_round_trip(plain, raw, gpa, delimiter=",", bom=False, decimal_comma=False,
                          as_label=np.zeros_like(as_label), crlf=False)
        other = Path(tmp) / "dialect.csv"
        _write_round_trip(other, raw, gpa, delimiter=delimiter, bom=bom,
                          decimal_comma=decimal_comma, as_label=as_label, crlf=crlf)
        a, b = read_responses(plain, inst), read_responses(other, inst)
    for resp in (a, b):
        assert list(resp.items.columns) == RT_ITEMS
        assert resp.items.index.tolist() == expected.index.tolist()
        np.testing.assert_array_equal(resp.items.to_numpy(float), expected.to_numpy())
        np.testing.assert_array_equal(resp.attributes["ipk"].to_numpy(float), gpa)
        # score: mean, the keyed items' mean per construct
        close(resp.scores["X"], expected[["X1", "X2", "X3"]].mean(axis=1), rel=1e-15)
    ra, rb = cronbach_alpha(a.items), cronbach_alpha(b.items)
    assert rb.alpha == ra.alpha
    close(ra.alpha, cronbach_alpha(expected).alpha, rel=1e-12, scale=1.0)
