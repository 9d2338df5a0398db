"""The readers' attention-check judging and the every-row entry point for screening.

``data/screening_gforms.csv`` (a Google Forms export, described in
``test_screening_attention.py``) has the instructed-response question
"4. Untuk pertanyaan ini, pilih Setuju" with ``expect: Setuju``. Checked by
hand: rows 4 (Tidak Setuju), 7 (Sangat Setuju), 9 (blank) and 14 (Tidak
Setuju) fail; row 8 answers "setuju" (case ignored) and passes.

The reference for every route is the screening module's own judging of the
same rows (:func:`smma_stats.screening.screen`), which these functions are to
replace: the rows, values and details must be identical.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import ResponseError
from smma_stats.instrument import instrument_from_dict, load_instrument
from smma_stats.readers import (
    AttentionAnswers,
    RawResponses,
    read_all_rows,
    read_responses,
)

from smma_stats.study import screen

DATA = Path(__file__).resolve().parent / "data"
CSV = DATA / "screening_gforms.csv"
YAML = DATA / "screening_gforms_instrument.yaml"
QUESTION = "4. Untuk pertanyaan ini, pilih Setuju"
FAILED = [4, 7, 9, 14]          # by hand, see the module docstring


@pytest.fixture(scope="module")
def inst():
    return load_instrument(YAML)


def screened(result):
    """(rows, values, details) of the attention-check flags of a ScreeningResult."""
    t = result.table[result.table["flag"] == "attention_check"]
    return t["row"].tolist(), t["value"].tolist(), t["detail"].tolist()


def test_read_all_rows_flags_the_rows_found_by_hand(inst):
    raw = read_all_rows(CSV, inst)
    assert isinstance(raw, RawResponses)
    att = raw.attention
    assert isinstance(att, AttentionAnswers)
    assert att.column == QUESTION and att.note is None
    assert att.rows.dtype == np.int64 and att.rows.tolist() == FAILED
    assert att.values == ["Tidak Setuju", "Sangat Setuju", None, "Tidak Setuju"]
    assert att.details[1] == f"answered 'Sangat Setuju' to {QUESTION!r} (expected Setuju)"
    assert att.details[2] == f"no answer to {QUESTION!r} (expected Setuju)"
    # the same as screening the file
    assert (att.rows.tolist(), att.values, att.details) == screened(screen(CSV, inst))


def test_read_all_rows_answers_are_as_ticked(inst):
    raw = read_all_rows(CSV, inst)
    assert list(raw.answers.columns) == list(inst.item_ids)
    assert raw.answers.index.tolist() == list(range(2, 16))
    assert raw.problems == () and raw.source == str(CSV)
    # MB3 is reverse-keyed: the raw answer of row 2 is "Tidak Setuju" = 2, not 6 - 2 = 4
    assert raw.answers.loc[2, "MB3"] == 2.0
    assert read_responses(CSV, inst).items.loc[2, "MB3"] == 4
    assert "Nama" in raw.attributes.columns and QUESTION in raw.attributes.columns


@pytest.mark.parametrize("chunksize", [None, 0, 3])
def test_responses_carry_the_check_of_the_rows_kept(inst, chunksize):
    kw = {} if chunksize is None else {"chunksize": chunksize}
    res = read_responses(CSV, inst, **kw)
    assert res.chunked is bool(chunksize)
    att = res.attention
    assert att.rows.tolist() == FAILED
    assert (att.rows.tolist(), att.values, att.details) == screened(screen(res))


def test_dropped_rows_are_not_judged(inst, tmp_path):
    """Listwise deletion drops row 4 (a skipped item): the check of the rows kept omits it."""
    lines = CSV.read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    cells[3] = ""                       # row 4 skips question 1
    lines[3] = ",".join(cells)
    path = tmp_path / "gap.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for kw in ({}, {"chunksize": 4}):
        res = read_responses(path, inst, **kw)
        assert res.dropped_rows == (4,)
        assert res.attention.rows.tolist() == [7, 9, 14]
    assert read_all_rows(path, inst).attention.rows.tolist() == FAILED


def demo(check=None, reverse=()):
    spec = {"name": "demo", "scale": {"min": 1, "max": 5},
            "constructs": {"PI": {"items": ["Y1", "Y2", "Y3"]}}, "reverse": list(reverse)}
    if check:
        spec["attention_check"] = check
    return instrument_from_dict(spec)


FRAME = pd.DataFrame({"Y1": [4, 2, 5, 3], "Y2": [5, 2, 4, 3], "Y3": [1, 4, 2, 3],
                      "check": [4, 2, None, 4.0]})


def test_no_check_gives_none():
    assert read_responses(FRAME, demo()).attention is None
    assert read_all_rows(FRAME, demo()).attention is None


def test_no_matching_column_gives_a_note():
    inst = demo({"column": "cek", "text": "Pilih Setuju untuk pertanyaan ini", "expect": 4})
    att = read_responses(FRAME, inst).attention
    assert att.column is None and att.rows.tolist() == [] and att.values == []
    assert att.note == ("attention check not screened: no column matches 'cek' by id, the "
                        "columns: mapping or wording (columns besides the items: check)")


def test_numbers_shown_as_whole_numbers():
    att = read_responses(FRAME, demo({"column": "check", "expect": 4})).attention
    assert att.rows.tolist() == [3, 4]
    assert att.values == [2, None] and isinstance(att.values[0], int)
    assert att.details == ["answered 2 to 'check' (expected 4)",
                           "no answer to 'check' (expected 4)"]


def test_an_item_as_the_check_is_judged_as_ticked():
    """Y3 is reverse-keyed and is the check: the answer ticked (not 6 - x) is judged."""
    inst = demo({"item": "Y3", "expect": 4}, reverse=["Y3"])
    for kw in ({}, {"chunksize": 0}):
        att = read_responses(FRAME.drop(columns="check"), inst, **kw).attention
        assert att.column == "Y3"
        assert att.rows.tolist() == [2, 4, 5] and att.values == [1, 2, 3]
        assert att.details[0] == "answered 1 to 'Y3' (expected 4)"
    raw = read_all_rows(FRAME.drop(columns="check"), inst)
    assert raw.attention.rows.tolist() == [2, 4, 5]


def test_cells_off_the_scale_are_problems_and_nan():
    frame = FRAME.assign(Y1=["4", "x", 5, 9])
    raw = read_all_rows(frame, demo({"column": "check", "expect": 4}))
    assert [(p.row, p.column) for p in raw.problems] == [(3, "Y1"), (5, "Y1")]
    assert raw.answers["Y1"].tolist()[:1] == [4.0]
    assert np.isnan(raw.answers.loc[3, "Y1"]) and np.isnan(raw.answers.loc[5, "Y1"])
    with pytest.raises(ResponseError, match="row 3, column 'Y1'"):
        read_responses(frame, demo())


def test_check_matching_two_columns_is_an_error():
    inst = demo({"column": "cek", "text": "Pilih Setuju", "expect": 4})
    frame = FRAME.drop(columns="check").assign(**{"1. Pilih Setuju": 4, "2. Pilih setuju": 4})
    with pytest.raises(ResponseError, match="matches several columns"):
        read_all_rows(frame, inst)


def test_responses_keep_an_ambiguous_check_as_an_error():
    """read_responses reads the answers; the check's error is kept for screening to raise."""
    inst = demo({"column": "cek", "text": "Pilih Setuju", "expect": 4})
    frame = FRAME.drop(columns="check").assign(**{"1. Pilih Setuju": 4, "2. Pilih setuju": 4})
    att = read_responses(frame, inst).attention
    assert att.column is None and att.rows.tolist() == []
    assert isinstance(att.error, ResponseError)
    assert str(att.error).startswith("the attention check 'cek' matches several columns")
