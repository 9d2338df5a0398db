"""The attention check of a real survey export: its column found by id, by the
``columns:`` mapping or by its wording, answers read as item answers are.

``data/screening_gforms.csv`` is a Google Forms export: a Timestamp column,
every question as its header ("1. Konten di akun ini menarik"), answers as
Indonesian labels, and the instructed-response question "4. Untuk pertanyaan
ini, pilih Setuju" among the items. ``data/screening_gforms_instrument.yaml``
declares the check with the id ``cek_perhatian``, its wording in both
languages and ``expect: Setuju``. Checked by hand (spreadsheet rows, the
header is row 1):

    row  name   answer to question 4  | finding
      4  Citra  Tidak Setuju          | failed
      7  Fajar  Sangat Setuju         | failed (5, not 4)
      8  Gita   setuju                | passes: case is ignored
      9  Hadi   (blank)               | failed
     14  Maya   Tidak Setuju          | failed
  other rows    Setuju                | pass

No row is a duplicate or straight-lines, so the check alone flags rows.
"""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import pandas as pd
import pytest
import yaml

from smma_stats.errors import InstrumentError, ResponseError
from smma_stats.instrument import instrument_from_dict, load_instrument
from smma_stats.readers import read_responses
from smma_stats.readers import judge_attention
from smma_stats.study import screen
from smma_stats.study import analyze

DATA = Path(__file__).resolve().parent / "data"
CSV = DATA / "screening_gforms.csv"
YAML = DATA / "screening_gforms_instrument.yaml"
QUESTION = "4. Untuk pertanyaan ini, pilih Setuju"
FAILED = (4, 7, 9, 14)

#: The export's answer labels in English (the instrument's aliases).
ENGLISH = {"Sangat Tidak Setuju": "Strongly disagree", "Tidak Setuju": "Disagree",
           "Netral": "Neutral", "Setuju": "Agree", "setuju": "agree",
           "Sangat Setuju": "Strongly agree"}


@pytest.fixture(scope="module")
def inst():
    return load_instrument(YAML)


def raw_instrument() -> dict:
    return yaml.safe_load(YAML.read_text(encoding="utf-8"))


def export(header=None, cells=None) -> tuple[list[str], list[list[str]]]:
    """The export's header and rows, with the check's header and answers replaced."""
    rows = list(csv.reader(io.StringIO(CSV.read_text(encoding="utf-8"))))
    head, body = rows[0], rows[1:]
    at = head.index(QUESTION)
    if header is not None:
        head[at] = header
    if cells is not None:
        body = [[cells(c) if j >= 3 and j != 10 else c for j, c in enumerate(r)]
                for r in body]
    return head, body


def write(path: Path, head: list[str], body: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([head, *body])
    return path


def failed_by_hand(head, body, passing=("setuju", "agree")) -> tuple[int, ...]:
    """Spreadsheet rows whose answer to the check is not the expected label."""
    at = next(j for j, h in enumerate(head) if "pilih setuju" in h.casefold()
              or "choose agree" in h.casefold() or h == "Pertanyaan tambahan")
    return tuple(k + 2 for k, r in enumerate(body) if r[at].strip().casefold() not in passing)


# ------------------------------------------------------------------ the fixture

def test_exactly_the_failed_rows_are_flagged(inst):
    res = screen(read_responses(CSV, inst))
    assert res.rows_of("attention_check") == FAILED == failed_by_hand(*export())
    assert res.flagged_rows == FAILED
    assert res.counts == {"duplicate": 0, "straight_lining": 0, "attention_check": 4,
                          "out_of_range": 0}
    table = res.table.set_index("row")
    assert set(table["column"]) == {QUESTION}
    assert list(table["value"]) == ["Tidak Setuju", "Sangat Setuju", None, "Tidak Setuju"]
    assert table.loc[9, "detail"] == f"no answer to {QUESTION!r} (expected Setuju)"
    assert table.loc[7, "detail"] == (f"answered 'Sangat Setuju' to {QUESTION!r} "
                                      "(expected Setuju)")
    # the file read directly gives the same flags
    pd.testing.assert_frame_equal(screen(CSV, inst).table, res.table)


def test_exclude_flagged_drops_the_failed_rows(inst):
    data = read_responses(CSV, inst)
    kept = analyze(data, inst)
    dropped = analyze(data, inst, exclude_flagged=True)
    assert kept.n == 14 and kept.excluded_rows == ()
    assert dropped.excluded_rows == FAILED
    assert dropped.n == 14 - len(FAILED) == 10
    assert list(dropped.responses.items.index) == [2, 3, 5, 6, 8, 10, 11, 12, 13, 15]
    assert dropped.screening.n == 14 and dropped.screening.counts["attention_check"] == 4


def test_chunked_reading_flags_the_same_rows(inst):
    whole = analyze(read_responses(CSV, inst, chunksize=0), inst, exclude_flagged=True)
    chunked = analyze(read_responses(CSV, inst, chunksize=5), inst, exclude_flagged=True)
    assert chunked.responses.chunked and chunked.excluded_rows == FAILED
    pd.testing.assert_frame_equal(chunked.screening.table, whole.screening.table)


def test_english_export(tmp_path, inst):
    """An English form: the check found by its English wording, answers as English labels."""
    head, body = export(cells=lambda c: ENGLISH.get(c, c))
    head[3:10] = ["1. The content on this account is interesting",
                  "2. The content on this account is easy to understand",
                  "3. This account posts new content regularly",
                  "4. For this question, choose Agree",
                  "5. I am interested in buying the products promoted",
                  "6. I would recommend this product to a friend",
                  "7. I am not interested in buying this product"]
    path = write(tmp_path / "english.csv", head, body)
    data = read_responses(path, inst)
    assert list(data.columns.values()) == head[3:6] + head[7:10]
    pd.testing.assert_frame_equal(data.items, read_responses(CSV, inst).items)
    res = screen(data)
    assert res.rows_of("attention_check") == FAILED == failed_by_hand(head, body)
    assert list(res.table["value"]) == ["Disagree", "Strongly agree", None, "Disagree"]


@pytest.mark.parametrize("header", [
    "cek_perhatian",                                   # the id
    "CEK perhatian",                                   # the id, case and spacing apart
    "Pertanyaan [cek_perhatian]",                      # the id in brackets
    "Untuk pertanyaan ini, pilih Setuju",              # the wording alone
    "12) UNTUK PERTANYAAN INI PILIH SETUJU!",          # numbered, case and punctuation
    "Pernyataan [Untuk pertanyaan ini, pilih Setuju]",  # a grid row
    "For this question, choose Agree",                 # the English wording
])
def test_header_forms(tmp_path, inst, header):
    path = write(tmp_path / "r.csv", *export(header))
    assert screen(path, inst).rows_of("attention_check") == FAILED


def test_columns_mapping(tmp_path):
    raw = raw_instrument()
    raw["columns"] = {"Pertanyaan tambahan": "cek_perhatian"}
    inst = instrument_from_dict(raw)
    head, body = export("Pertanyaan tambahan")
    path = write(tmp_path / "r.csv", head, body)
    assert screen(path, inst).rows_of("attention_check") == FAILED == failed_by_hand(head, body)


def test_column_given_as_the_question(tmp_path):
    """``column:`` holding the question text finds the numbered header; so does ``text``
    alone, which then names the column."""
    raw = raw_instrument()
    raw["attention_check"] = {"column": "Untuk pertanyaan ini, pilih Setuju",
                              "expect": "Setuju"}
    assert screen(CSV, instrument_from_dict(raw)).rows_of("attention_check") == FAILED
    raw["attention_check"] = {"text": "Untuk pertanyaan ini, pilih Setuju", "expect": 4}
    inst = instrument_from_dict(raw)
    assert inst.attention_check == {"column": "Untuk pertanyaan ini, pilih Setuju",
                                    "text": "Untuk pertanyaan ini, pilih Setuju",
                                    "expect": (4,)}
    assert screen(CSV, inst).rows_of("attention_check") == FAILED


# ------------------------------------------------------------------ answers

@pytest.mark.parametrize("cell, passes", [
    ("Setuju", True), ("  setuju ", True), ("SETUJU.", True), ("S", True), ("Agree", True),
    ("4", True), (4, True), (4.0, True), ("4,0", True), ("4 - Setuju", True),
    ("Setuju (4)", True),
    ("Sangat Setuju", False), ("Tidak Setuju", False), ("Strongly agree", False),
    ("5", False), (5, False), ("4 - Sangat Setuju", False), ("lainnya", False),
    ("", False), ("NA", False), (None, False), (float("nan"), False),
])
def test_answer_texts(cell, passes):
    """Each way of naming scale point 4, against each way of expecting it."""
    raw = raw_instrument()
    items = pd.DataFrame(index=[2])
    attributes = pd.DataFrame({QUESTION: pd.Series([cell], index=[2], dtype=object)})
    for expect in ("Setuju", "S", "Agree", 4, [4], "setuju."):
        raw["attention_check"]["expect"] = expect
        checked = instrument_from_dict(raw)
        flagged = judge_attention(checked, items, attributes, "r.csv")
        assert (len(flagged.rows) == 0) is passes, expect


def test_an_expected_text_that_is_no_label(tmp_path):
    """A check outside the scale (type a word) compares texts apart from case and
    punctuation."""
    raw = raw_instrument()
    raw["attention_check"] = {"text": "Ketik kata BIRU", "expect": ["biru", "Blue"]}
    inst = instrument_from_dict(raw)
    answers = ["Biru", "biru.", "BLUE", "merah", "", "Biru", "Biru", "biru", " Biru ", "hijau",
               "Biru", "Biru", "Biru", "biru"]
    head, body = export("4. Ketik kata BIRU")
    at = head.index("4. Ketik kata BIRU")
    for r, a in zip(body, answers):
        r[at] = a
    path = write(tmp_path / "r.csv", head, body)
    assert screen(path, inst).rows_of("attention_check") == (5, 6, 11)


# ------------------------------------------------------------------ problems

def test_wording_in_two_headers_is_one_clear_error(tmp_path, inst):
    head, body = export()
    head[-1] = "11. Untuk pertanyaan ini pilih setuju"
    path = write(tmp_path / "twice.csv", head, body)
    message = (f"{path}: the attention check 'cek_perhatian' matches several columns: "
               f"'{QUESTION}', '11. Untuk pertanyaan ini pilih setuju'; map the right one "
               "to 'cek_perhatian' in the instrument's columns: mapping")
    data = read_responses(path, inst)       # the items are read; the check is ambiguous
    for run in (lambda: screen(path, inst), lambda: screen(data),
                lambda: analyze(data, inst)):
        with pytest.raises(ResponseError) as info:
            run()
        assert str(info.value) == message and "\n" not in message
    # the columns: mapping settles it: column 11 is the check, failed in row 2 only
    for r in body:
        r[-1] = "Setuju"
    body[0][-1] = "Netral"
    write(path, head, body)
    raw = raw_instrument()
    raw["columns"] = {"11. Untuk pertanyaan ini pilih setuju": "cek_perhatian"}
    res = screen(path, instrument_from_dict(raw))
    assert res.rows_of("attention_check") == (2,)
    assert res.table["column"].tolist() == ["11. Untuk pertanyaan ini pilih setuju"]


def test_no_matching_column_is_a_note_not_an_error(tmp_path, inst):
    head, body = export("4. Pertanyaan lain")
    path = write(tmp_path / "none.csv", head, body)
    data = read_responses(path, inst)
    note = ("attention check not screened: no column matches 'cek_perhatian' by id, the "
            "columns: mapping or wording (columns besides the items: Timestamp, Alamat email, "
            "Nama, 4. Pertanyaan lain, Saran untuk akun ini)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")      # screen() keeps the note: no warning
        res = screen(data)
    assert res.notes == (note,) and res.to_dict()["notes"] == [note]
    assert res.counts["attention_check"] == 0 and res.flagged_rows == ()
    # the readers judge the check and keep the note; nothing is flagged
    judged = judge_attention(inst, data.items, data.attributes, str(path))
    assert len(judged.rows) == 0 and judged.note == note
    study = analyze(data, inst, exclude_flagged=True)
    assert study.n == 14 and study.excluded_rows == () and study.screening.notes == (note,)
    # the report says the check was not screened, in both languages
    from smma_stats.report import render

    assert "not screened: no column of the file holds its question" in " ".join(
        render(study, "text").split())
    assert "tidak diperiksa" in " ".join(render(study, "text", lang="id").split())


def test_check_question_is_not_an_unmatched_question(tmp_path, inst):
    """With an item column missing, the error lists stray questions but not the check's."""
    head, body = export()
    at = head.index("2. Konten di akun ini mudah dipahami")
    head[at] = "2. Konten di akun ini mudah sekali dipahami"
    path = write(tmp_path / "r.csv", head, body)
    with pytest.raises(ResponseError) as info:
        read_responses(path, inst)
    message = str(info.value)
    assert message.endswith("column(s) that look like questions but match no item's "
                            "wording: '2. Konten di akun ini mudah sekali dipahami', "
                            "'Saran untuk akun ini'")


# ------------------------------------------------------------------ instrument schema

def test_wording_forms():
    raw = raw_instrument()
    raw["attention_check"] = {"column": "cek", "text": "Pilih Setuju", "expect": 4}
    assert instrument_from_dict(raw).attention_check == {
        "column": "cek", "text": "Pilih Setuju", "expect": (4,)}
    raw["attention_check"] = {"text": {"en": " Choose Agree "}, "expect": 4}
    assert instrument_from_dict(raw).attention_check == {
        "column": "Choose Agree", "text_en": "Choose Agree", "expect": (4,)}


@pytest.mark.parametrize("check, words", [
    ({"expect": 4}, "give either 'column' or 'item', or the question's 'text'"),
    ({"column": "c", "text": "", "expect": 4}, "attention_check.text': give the question"),
    ({"column": "c", "text": {"fr": "Choisir"}, "expect": 4}, "attention_check.text'"),
    ({"column": "c", "text": ["a"], "expect": 4}, "attention_check.text'"),
    ({"column": "c", "text": {"id": None}, "expect": 4}, "attention_check.text'"),
    ({"column": "c", "wording": "x", "expect": 4}, "must be a mapping {column, text, expect}"),
])
def test_wording_errors(check, words):
    raw = raw_instrument()
    raw["attention_check"] = check
    with pytest.raises(InstrumentError, match=words.replace("{", r"\{").replace("}", r"\}")):
        instrument_from_dict(raw)


def test_columns_mapping_may_name_the_check_only():
    raw = raw_instrument()
    raw["columns"] = {"Tambahan": "cek_perhatian"}
    assert instrument_from_dict(raw).columns == {"Tambahan": "cek_perhatian"}
    raw["columns"] = {"Tambahan": "cek"}
    with pytest.raises(InstrumentError, match="key 'columns.Tambahan': unknown item 'cek'"):
        instrument_from_dict(raw)
    del raw["attention_check"]
    raw["columns"] = {"Tambahan": "cek_perhatian"}
    with pytest.raises(InstrumentError, match="unknown item 'cek_perhatian'"):
        instrument_from_dict(raw)
