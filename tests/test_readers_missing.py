"""Skipped answers: listwise, pairwise and person-mean, with the counts each reports.

The worked example below is checked by hand. Construct A has five items in
two dimensions (a1 = A1..A3, a2 = A4, A5), A5 reverse keyed (6 - x); B has
two items. Sum scores. ``_`` is a skipped answer.

    row   A1 A2 A3 A4 A5(raw)  B1 B2   gaps
    2      4  4  5  3  2        4  5    -
    3      5  _  4  4  1        3  3    A2            (1 of 5 in A)
    4      3  3  _  _  3        2  2    A3, A4        (2 of 5 in A)
    5      2  2  2  2  4        _  1    B1            (1 of 2 in B)
    6      4  5  4  5  2        5  4    -
    7      _  4  3  4  2        3  3    A1            (1 of 5 in A)
    8      _  _  _  _  _        _  _    all seven     (name only)

Empty cells: 1 + 2 + 1 + 1 + 7 = 12. Per item: A1 2 (rows 7, 8), A2 2 (3, 8),
A3 2 (4, 8), A4 2 (4, 8), A5 1 (8), B1 2 (5, 8), B2 1 (8).

Person mean, max_missing_share = 0.2: A may lack floor(0.2 * 5) = 1 answer,
B floor(0.2 * 2) = 0. Rows 4 (2 in A), 5 (1 in B) and 8 are dropped.
  row 3: keyed A = 5, _, 4, 4, 5 (A5 1 -> 5); mean of the four = 18 / 4 = 4.5
         A = 5 + 4.5 + 4 + 4 + 5 = 22.5, a1 = 13.5, a2 = 9, B = 6.
         (Filling before keying would give (5 + 4 + 4 + 1) / 4 = 3.5: wrong.)
  row 7: keyed A = _, 4, 3, 4, 4; mean = 15 / 4 = 3.75
         A = 3.75 + 15 = 18.75, a1 = 10.75, a2 = 8, B = 6.
With max_missing_share = 0.5: A may lack 2, B 1; only row 8 is dropped.
  row 4: keyed A = 3, 3, _, _, 3 -> 3 and 3; A = 15, a1 = 9, a2 = 6, B = 4.
  row 5: B = _, 1 -> 1; B = 2.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import ResponseError, SmmaError
from smma_stats.instrument import instrument_from_dict
from smma_stats.readers import read_responses
from smma_stats.reliability import cronbach_alpha

ITEMS = ["A1", "A2", "A3", "A4", "A5", "B1", "B2"]
TEXT = """nama,A1,A2,A3,A4,A5,B1,B2
Ani,4,4,5,3,2,4,5
Budi,5,,4,4,1,3,3
Citra,3,3,,,3,2,2
Dedi,2,2,2,2,4,,1
Eka,4,5,4,5,2,5,4
Fajar,,4,3,4,2,3,3
Gita,,,,,,,
"""
BY_ITEM = {"A1": 2, "A2": 2, "A3": 2, "A4": 2, "A5": 1, "B1": 2, "B2": 1}


@pytest.fixture(scope="module")
def inst():
    return instrument_from_dict({
        "name": "gaps", "scale": {"min": 1, "max": 5},
        "constructs": {"A": {"dimensions": {"a1": ["A1", "A2", "A3"], "a2": ["A4", "A5"]}},
                       "B": {"items": ["B1", "B2"]}},
        "reverse": ["A5"]})


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "gaps.csv"
    p.write_text(TEXT, encoding="utf-8")
    return p


def keyed(rows):
    return pd.DataFrame(rows, columns=ITEMS)


def test_listwise_counts(path, inst):
    res = read_responses(path, inst)
    assert res.missing == "listwise"
    assert (res.n, res.n_read, res.n_dropped, res.dropped_rows) == (2, 7, 5, (3, 4, 5, 7, 8))
    assert (res.n_missing_answers, res.n_imputed_answers, res.n_imputed_respondents) == (12, 0, 0)
    assert dict(res.missing_by_item) == BY_ITEM and list(res.missing_by_item) == ITEMS
    assert res.imputed_rows == () and res.max_missing_share is None
    assert all(dt == np.int64 for dt in res.items.dtypes)
    assert res.scores.loc[2].tolist() == [4 + 4 + 5 + 3 + 4, 9, 4 + 4 + 5, 3 + 4]


def test_pairwise_keeps_every_row(path, inst):
    res = read_responses(path, inst, missing="pairwise")
    assert res.missing == "pairwise"
    assert (res.n, res.n_read, res.n_dropped, res.dropped_rows) == (7, 7, 0, ())
    assert (res.n_missing_answers, res.n_imputed_answers, res.n_imputed_respondents) == (12, 0, 0)
    assert dict(res.missing_by_item) == BY_ITEM
    nan = np.nan
    expected = keyed([[4, 4, 5, 3, 4, 4, 5], [5, nan, 4, 4, 5, 3, 3], [3, 3, nan, nan, 3, 2, 2],
                      [2, 2, 2, 2, 2, nan, 1], [4, 5, 4, 5, 4, 5, 4], [nan, 4, 3, 4, 4, 3, 3],
                      [nan] * 7]).set_axis(range(2, 9))
    pd.testing.assert_frame_equal(res.items, expected, check_index_type=False)
    # a score needs every one of its items
    scores = pd.DataFrame({"A": [20, nan, nan, 10, 22, nan, nan], "B": [9, 6, 4, nan, 9, 6, nan],
                           "a1": [13, nan, nan, 6, 13, nan, nan],
                           "a2": [7, 9, nan, 4, 9, 8, nan]}, index=range(2, 9))
    pd.testing.assert_frame_equal(res.scores, scores, check_index_type=False)
    assert res.attributes["nama"].tolist()[-1] == "Gita"
    # each statistic then uses the respondents who answered all it needs (B: rows 2, 3, 4, 6, 7)
    assert cronbach_alpha(res.items[["B1", "B2"]]).n == 5


def test_person_mean_default_share(path, inst):
    res = read_responses(path, inst, missing="person-mean")
    assert res.missing == "person-mean" and res.max_missing_share == 0.2
    assert (res.n, res.n_read, res.n_dropped, res.dropped_rows) == (4, 7, 3, (4, 5, 8))
    assert (res.n_missing_answers, res.n_imputed_answers, res.n_imputed_respondents) == (12, 2, 2)
    assert res.imputed_rows == (3, 7)
    assert dict(res.missing_by_item) == BY_ITEM
    expected = keyed([[4, 4, 5, 3, 4, 4, 5], [5, 4.5, 4, 4, 5, 3, 3], [4, 5, 4, 5, 4, 5, 4],
                      [3.75, 4, 3, 4, 4, 3, 3]]).astype(float).set_axis([2, 3, 6, 7])
    pd.testing.assert_frame_equal(res.items, expected, check_index_type=False)
    scores = pd.DataFrame({"A": [20, 22.5, 22, 18.75], "B": [9.0, 6, 9, 6],
                           "a1": [13, 13.5, 13, 10.75], "a2": [7.0, 9, 9, 8]},
                          index=[2, 3, 6, 7])
    pd.testing.assert_frame_equal(res.scores, scores, check_index_type=False)


def test_person_mean_wider_share(path, inst):
    res = read_responses(path, inst, missing="person_mean", max_missing_share=0.5)
    assert res.missing == "person-mean" and res.max_missing_share == 0.5
    assert (res.n, res.n_dropped, res.dropped_rows) == (6, 1, (8,))
    assert (res.n_missing_answers, res.n_imputed_answers, res.n_imputed_respondents) == (12, 5, 4)
    assert res.imputed_rows == (3, 4, 5, 7)
    assert res.items.loc[4].tolist() == [3, 3, 3, 3, 3, 2, 2]
    assert res.items.loc[5].tolist() == [2, 2, 2, 2, 2, 1, 1]
    assert res.scores.loc[4].tolist() == [15, 4, 9, 6]
    assert res.scores.loc[5].tolist() == [10, 2, 6, 4]


def test_person_mean_share_zero_is_listwise(path, inst):
    pm = read_responses(path, inst, missing="person-mean", max_missing_share=0)
    lw = read_responses(path, inst)
    pd.testing.assert_frame_equal(pm.items, lw.items)
    assert pm.dropped_rows == lw.dropped_rows and pm.n_imputed_answers == 0


def test_no_gaps_keeps_whole_numbers(inst):
    frame = pd.DataFrame([[4, 4, 5, 3, 2, 4, 5], [1, 2, 3, 4, 5, 1, 2]], columns=ITEMS)
    for rule in ("listwise", "pairwise", "person-mean"):
        res = read_responses(frame, inst, missing=rule)
        assert all(dt == np.int64 for dt in res.items.dtypes)
        assert (res.n_missing_answers, res.n_imputed_answers, res.n) == (0, 0, 2)
        assert res.missing_by_item == dict.fromkeys(ITEMS, 0)


def test_nothing_left(tmp_path, inst):
    p = tmp_path / "g.csv"
    p.write_text("A1,A2,A3,A4,A5,B1,B2\n4,,,4,4,4,4\n,,,,,,\n4,4,4,4,4,,\n", encoding="utf-8")
    with pytest.raises(ResponseError) as err:
        read_responses(p, inst, missing="person-mean")
    assert str(err.value) == (f"{p}: no usable responses: each of the 2 rows misses more than "
                              "20% of the items of a construct")
    p.write_text("nama,A1,A2,A3,A4,A5,B1,B2\nAni,,,,,,,\n", encoding="utf-8")
    with pytest.raises(ResponseError) as err:
        read_responses(p, inst, missing="pairwise")
    assert str(err.value) == f"{p}: no answers: none of the 1 rows answers an item"


@pytest.mark.parametrize("kw, message", [
    ({"missing": "mean"}, ("missing='mean' is not supported; use one of listwise, pairwise, "
                           "person-mean")),
    ({"missing": "person-mean", "max_missing_share": 1},
     "max_missing_share must be a number from 0 up to (not including) 1, not 1"),
    ({"missing": "person-mean", "max_missing_share": -0.1},
     "max_missing_share must be a number from 0 up to (not including) 1, not -0.1"),
    ({"missing": "person-mean", "max_missing_share": "20%"},
     "max_missing_share must be a number from 0 up to (not including) 1, not '20%'"),
])
def test_bad_settings(path, inst, kw, message):
    with pytest.raises(SmmaError) as err:
        read_responses(path, inst, **kw)
    assert str(err.value) == message


def test_input_untouched(path, inst):
    before = Path(path).read_bytes()
    for rule in ("listwise", "pairwise", "person-mean"):
        read_responses(path, inst, missing=rule)
    assert Path(path).read_bytes() == before
