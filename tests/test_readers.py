"""Reading response files: formats, labels, reverse keying, scores, every error."""

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import InstrumentError, ResponseError, SmmaError
from smma_stats.instrument import instrument_from_dict, load_instrument
from smma_stats.readers import Responses, read_header, read_responses, validate_responses

DATA = Path(__file__).parent / "data"
HEADER = "nama,usia,X1.1,X1.2,X2.1,X2.2,Y1,Y2,Y3"
ITEMS = ["X1.1", "X1.2", "X2.1", "X2.2", "Y1", "Y2", "Y3"]

# readers_basic.csv, worked by hand. Dedi (row 5) skipped X1.2 and is dropped.
# Y3 is reverse keyed on 1..5: 1 + 5 - x.
#   row  X1.1 X1.2 X2.1 X2.2  Y1 Y2 Y3(raw->keyed) | entertainment interaction SMMA  PI
#   2 Ani   4    5    3    4   5  4  2 -> 4        |       9            7       16   13
#   3 Budi  3    3    4    4   3  3  3 -> 3        |       6            8       14    9
#   4 Citra 5    5    5    4   4  5  1 -> 5        |      10            9       19   14
#   6 Eka   4    4    4    5   5  5  2 -> 4        |       8            9       17   14
EXPECTED_ITEMS = pd.DataFrame(
    [[4, 5, 3, 4, 5, 4, 4], [3, 3, 4, 4, 3, 3, 3], [5, 5, 5, 4, 4, 5, 5], [4, 4, 4, 5, 5, 5, 4]],
    columns=ITEMS, index=[2, 3, 4, 6])
EXPECTED_SCORES = pd.DataFrame(
    {"SMMA": [16, 14, 19, 17], "PI": [13, 9, 14, 14],
     "entertainment": [9, 6, 10, 8], "interaction": [7, 8, 9, 9]}, index=[2, 3, 4, 6])


@pytest.fixture(scope="module")
def inst():
    return load_instrument(DATA / "readers_instrument.yaml")


def write(tmp_path, text, name="answers.csv", encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def check_basic(res):
    pd.testing.assert_frame_equal(res.items, EXPECTED_ITEMS, check_index_type=False)
    pd.testing.assert_frame_equal(res.scores, EXPECTED_SCORES, check_index_type=False)
    assert (res.n, res.n_read, res.n_dropped, res.dropped_rows) == (4, 5, 1, (5,))
    assert list(res.attributes.columns) == ["nama", "usia"]
    assert list(res.attributes["nama"]) == ["Ani", "Budi", "Citra", "Eka"]
    assert list(res.attributes.index) == [2, 3, 4, 6]


# ---------------------------------------------------------------- formats

def test_comma_csv(inst):
    path = DATA / "readers_basic.csv"
    res = read_responses(path, inst)
    assert isinstance(res, Responses)
    check_basic(res)
    assert res.source == str(path)
    assert res.sha256 == sha(path)
    assert res.columns == {i: i for i in ITEMS}
    assert all(dt == np.int64 for dt in res.items.dtypes)
    assert repr(res).startswith("Responses(n=4, n_read=5, n_dropped=1, items=7, source=")


def test_semicolon_bom_decimal_comma_and_labels(inst):
    # BOM, ';', CRLF, "4,0", "21,5", labels "netral", "SETUJU", "Sangat  setuju", aliases
    # "ss", "sts", "Strongly Agree", and a cell holding a single space (skipped item).
    res = read_responses(DATA / "readers_semicolon.csv", inst)
    check_basic(res)
    assert res.attributes.loc[2, "usia"] == 21.5
    assert res.sha256 == sha(DATA / "readers_semicolon.csv")  # digest of the bytes, BOM included


def test_tab_separated(inst):
    check_basic(read_responses(DATA / "readers_tab.tsv", inst))


def test_pipe_separated_with_quoted_header(tmp_path, inst):
    text = ('"nama, lengkap"|usia|' + "|".join(ITEMS) + "\n"
            "Ani|21|4|5|3|4|5|4|2\n")
    res = read_responses(write(tmp_path, text), inst)
    assert list(res.attributes.columns) == ["nama, lengkap", "usia"]
    assert res.items.loc[2].tolist() == [4, 5, 3, 4, 5, 4, 4]


def test_comma_file_keeps_decimal_point(tmp_path, inst):
    text = HEADER + "\nAni,21.5,4.0,5,3,4,5,4,2\n"
    res = read_responses(write(tmp_path, text), inst)
    assert res.items.loc[2, "X1.1"] == 4
    assert res.attributes.loc[2, "usia"] == 21.5


def test_quoted_decimal_comma_in_comma_file(tmp_path, inst):
    text = HEADER + '\nAni,21,"4,0",5,3,4,5,4,2\n'
    assert read_responses(write(tmp_path, text), inst).items.loc[2, "X1.1"] == 4


def test_xlsx_with_labels_sheet_choice_and_blank_row(tmp_path, inst):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Petunjuk"
    ws.append(["Petunjuk"])
    ws.append(["Isi jawaban di sheet Jawaban"])
    ws = wb.create_sheet("Jawaban")
    ws.append(HEADER.split(","))
    ws.append(["Ani", 21, 4, 5, "Netral", 4, 5, 4, 2])
    ws.append([])                                            # row 3: blank, ignored
    ws.append(["Budi", 22, 3, 3, 4, 4, 3, 3, "tidak setuju"])
    path = tmp_path / "answers.xlsx"
    wb.save(path)
    before = sha(path)
    for sheet in ("Jawaban", 1):
        res = read_responses(path, inst, sheet=sheet)
        assert list(res.items.index) == [2, 4]
        assert res.items.loc[2].tolist() == [4, 5, 3, 4, 5, 4, 4]
        assert res.items.loc[4].tolist() == [3, 3, 4, 4, 3, 3, 4]
        assert (res.n_read, res.n_dropped) == (2, 0)
        assert res.sha256 == before
    assert sha(path) == before
    # the first sheet by default: it has no item columns
    with pytest.raises(ResponseError, match="no column for item"):
        read_responses(path, inst)
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst, sheet="Data")
    assert str(err.value) == f"{path}: no sheet named 'Data'; sheets: Petunjuk, Jawaban"
    with pytest.raises(ResponseError, match=r"no sheet number 5; the workbook has 2 sheet\(s\)"):
        read_responses(path, inst, sheet=5)


def test_xlsx_cell_error_names_row_and_column(tmp_path, inst):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER.split(","))
    ws.append(["Ani", 21, 4, 5, 3, 4, 5, 4, 2])
    ws.append(["Budi", 22, 3, 3, 4, 4, 3, 7, 3])
    path = tmp_path / "answers.xlsx"
    wb.save(path)
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst)
    assert str(err.value) == f"{path}, row 3, column 'Y2': 7 is outside the scale 1..5"


def test_dataframe_input(inst):
    df = pd.read_csv(DATA / "readers_basic.csv")
    res = read_responses(df, inst)
    check_basic(res)
    assert res.source is None and res.sha256 is None
    # the caller's frame is untouched
    assert list(df.index) == [0, 1, 2, 3, 4] and df.loc[0, "Y3"] == 2


def test_input_file_is_byte_identical_after_reading(tmp_path, inst):
    src = DATA / "readers_semicolon.csv"
    before = src.read_bytes()
    read_responses(src, inst)
    validate_responses(src, inst)
    assert src.read_bytes() == before


# ---------------------------------------------------------------- columns, keying, scores

def test_case_insensitive_headers(tmp_path, inst):
    text = "nama, x1.1 ,X1.2,x2.1,X2.2,y1,Y2,Y3\nAni,4,5,3,4,5,4,2\n"
    res = read_responses(write(tmp_path, text), inst)
    assert res.columns["X1.1"] == "x1.1" and res.columns["Y1"] == "y1"
    assert list(res.items.columns) == ITEMS


def test_columns_mapping_from_instrument(tmp_path):
    inst = instrument_from_dict({
        "name": "map", "scale": {"min": 1, "max": 4},
        "constructs": {"A": {"items": ["A1", "A2"]}},
        "columns": {"Saya suka iklannya": "A1", "Q2": "A2"}})
    text = "q2,Saya suka iklannya\n1,4\n"
    res = read_responses(write(tmp_path, text), inst)
    assert res.columns == {"A1": "Saya suka iklannya", "A2": "q2"}
    assert res.items.loc[2].tolist() == [4, 1]          # instrument order, not file order


def test_exact_header_wins_over_case_insensitive(tmp_path, inst):
    text = "x1.1,X1.1," + ",".join(ITEMS[1:]) + "\n1,2,5,3,4,5,4,2\n"
    res = read_responses(write(tmp_path, text), inst)
    assert res.columns["X1.1"] == "X1.1" and res.items.loc[2, "X1.1"] == 2
    assert list(res.attributes.columns) == ["x1.1"]


def test_ambiguous_column_match(tmp_path):
    inst = instrument_from_dict({"name": "amb", "scale": {"min": 1, "max": 4},
                                 "constructs": {"A": {"items": ["A1"]}},
                                 "columns": {"Q1": "A1"}})
    path = write(tmp_path, "q1,Q1\n1,2\n")
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst)
    assert str(err.value) == f"{path}: item 'A1' matches several columns: 'q1', 'Q1'"


def test_reverse_keying_and_mean_scores(tmp_path):
    inst = instrument_from_dict({
        "name": "m", "scale": {"min": 1, "max": 7}, "score": "mean",
        "constructs": {"A": {"dimensions": {"a1": ["Q1", "Q2"], "a2": ["Q3"]}}},
        "reverse": ["Q2"]})
    text = "Q1,Q2,Q3\n7,1,4\n2,2,5\n"
    res = read_responses(write(tmp_path, text), inst)
    # Q2 keyed as 1 + 7 - x: 1 -> 7, 2 -> 6
    assert res.items["Q2"].tolist() == [7, 6]
    # means: A = (7+7+4)/3 = 6, (2+6+5)/3 = 13/3; a1 = 7, 4; a2 = 4, 5
    assert res.scores["A"].tolist() == pytest.approx([6.0, 13 / 3])
    assert res.scores["a1"].tolist() == [7.0, 4.0]
    assert res.scores["a2"].tolist() == [4.0, 5.0]
    assert list(res.scores.columns) == ["A", "a1", "a2"]


# ---------------------------------------------------------------- missing answers

def test_listwise_deletion_counts(tmp_path, inst):
    text = (HEADER + "\n"
            "Ani,21,4,5,3,4,5,4,2\n"
            "Budi,22,NA,3,4,4,3,3,3\n"      # row 3: NA
            "Citra,20,5,5,5,4,4,5,\n"       # row 4: empty last cell
            ",,,,,,,,\n"                    # row 5: blank row, not a respondent
            "\n"                            # row 6: empty line
            "Dedi,23,2,nan,3,3,2,2,4\n"     # row 7: nan
            "Eka,21,4,4,4,5,5,5,2\n")
    res = read_responses(write(tmp_path, text), inst)
    assert res.dropped_rows == (3, 4, 7)
    assert list(res.items.index) == [2, 8]
    assert (res.n, res.n_read, res.n_dropped) == (2, 5, 3)


def test_every_row_incomplete(tmp_path, inst):
    text = HEADER + "\nAni,21,,5,3,4,5,4,2\nBudi,22,3,,4,4,3,3,3\n"
    with pytest.raises(ResponseError) as err:
        read_responses(write(tmp_path, text), inst)
    assert str(err.value) == (f"{tmp_path / 'answers.csv'}: no complete responses: each of the "
                              "2 rows misses at least one answer")


def test_unknown_missing_rule(inst):
    with pytest.raises(SmmaError, match=r"^missing='mean' is not supported; use one of "
                                        r"listwise, pairwise, person-mean$"):
        read_responses(DATA / "readers_basic.csv", inst, missing="mean")


# ---------------------------------------------------------------- cell errors

@pytest.mark.parametrize("cell, message", [
    ("6", "6 is outside the scale 1..5"),
    ("0", "0 is outside the scale 1..5"),
    ("3.5", "3.5 is not a whole number; answers are the scale points 1..5"),
    ("Setuju sekali", "'Setuju sekali' is neither a scale point (1..5) nor a label of the scale"),
    ("-1", "-1 is outside the scale 1..5"),
])
def test_bad_cell_names_file_row_and_column(tmp_path, inst, cell, message):
    text = HEADER + "\nAni,21,4,5,3,4,5,4,2\nBudi,22,3,3,4," + cell + ",3,3,3\n"
    path = write(tmp_path, text)
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst)
    e = err.value
    assert (e.path, e.row, e.column, e.message) == (str(path), 3, "X2.2", message)
    assert str(e) == f"{path}, row 3, column 'X2.2': {message}"


def test_decimal_comma_non_integer(tmp_path, inst):
    text = "nama;" + ";".join(ITEMS) + "\nAni;4;5;3;3,5;5;4;2\n"
    with pytest.raises(ResponseError) as err:
        read_responses(write(tmp_path, text), inst)
    assert (err.value.row, err.value.column) == (2, "X2.2")
    assert err.value.message == "3.5 is not a whole number; answers are the scale points 1..5"


def test_validate_lists_every_problem_in_row_order(tmp_path, inst):
    text = (HEADER + "\n"
            "Ani,21,4,9,3,4,5,4,2\n"               # row 2: X1.2 = 9
            "Budi,22,3,3,4,4,3,3,3\n"
            "Citra,20,5,5,oke,4,4,2.5,1\n"        # row 4: X2.1 text, Y2 = 2.5
            "Dedi,23,,,,,,,\n"                     # row 5: skipped, not a problem
            "Eka,21,4,4,4,5,5,5,0\n")              # row 6: Y3 = 0
    path = write(tmp_path, text)
    problems = validate_responses(path, inst)
    assert [(e.row, e.column) for e in problems] == [(2, "X1.2"), (4, "X2.1"), (4, "Y2"),
                                                     (6, "Y3")]
    assert [e.message for e in problems] == [
        "9 is outside the scale 1..5",
        "'oke' is neither a scale point (1..5) nor a label of the scale",
        "2.5 is not a whole number; answers are the scale points 1..5",
        "0 is outside the scale 1..5"]
    assert all(e.path == str(path) for e in problems)
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst)
    assert str(err.value) == str(problems[0])
    assert validate_responses(DATA / "readers_basic.csv", inst) == []


def test_whole_number_columns_are_checked_too(tmp_path, inst):
    # integer and float (with gaps) columns take the array fast paths
    text = HEADER + "\nAni,21,4,5,3,4,5,4,2\nBudi,22,3,,4,4,3,3,13\nCitra,20,5,8,5,4,4,5,1\n"
    problems = validate_responses(write(tmp_path, text), inst)
    assert [(e.row, e.column, e.message) for e in problems] == [
        (3, "Y3", "13 is outside the scale 1..5"), (4, "X1.2", "8 is outside the scale 1..5")]


def test_boolean_and_date_cells_are_rejected(inst):
    df = pd.read_csv(DATA / "readers_basic.csv").astype({"Y1": object})
    df.loc[1, "Y1"] = True
    problems = validate_responses(df, inst)
    assert [(e.row, e.column, e.message) for e in problems] == [
        (3, "Y1", "True is not a scale point (1..5)")]
    assert problems[0].path is None and str(problems[0]) == (
        "row 3, column 'Y1': True is not a scale point (1..5)")


# ---------------------------------------------------------------- file errors

def test_latin1_file_is_refused(inst):
    path = DATA / "readers_latin1.csv"
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst)
    assert str(err.value) == (f"{path}: line 3: byte 0xe9 is not UTF-8 text; save the file as "
                              "'CSV UTF-8' and try again")


def test_missing_item_columns(tmp_path, inst):
    text = "nama,X1.1,X1.2,X2.1,Y1,Y2\nAni,4,5,3,5,4\n"
    path = write(tmp_path, text)
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst)
    assert str(err.value) == (f"{path}: no column for item(s) X2.2, Y3 of instrument "
                              "'readers-demo' (headers: nama, X1.1, X1.2, X2.1, Y1, Y2)")


def test_validate_reports_missing_column_then_cells(tmp_path, inst):
    text = "nama,X1.1,X1.2,X2.1,X2.2,Y1,Y2\nAni,4,5,3,4,5,6\n"
    problems = validate_responses(write(tmp_path, text), inst)
    assert [(e.row, e.column) for e in problems] == [(None, None), (2, "Y2")]
    assert "no column for item(s) Y3" in problems[0].message


def test_duplicate_header(tmp_path, inst):
    text = "nama,X1.1,X1.2,X1.1,X2.2,Y1,Y2\nAni,4,5,3,4,5,4\n"
    path = write(tmp_path, text)
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst)
    assert str(err.value) == (f"{path}: the header 'X1.1' appears twice (columns 2 and 4); "
                              "give each column its own name")
    assert [str(e) for e in validate_responses(path, inst)] == [str(err.value)]


def test_blank_header_columns(tmp_path, inst):
    # an empty trailing column is dropped; a blank header over data becomes "column N"
    text = HEADER + ",,\nAni,21,4,5,3,4,5,4,2,x,\n"
    res = read_responses(write(tmp_path, text), inst)
    assert list(res.attributes.columns) == ["nama", "usia", "column 10"]


@pytest.mark.parametrize("text, message", [
    ("", "the file is empty"),
    ("  \n\n", "the file is empty"),
    (HEADER + "\n", "no data rows below the header"),
    (HEADER + "\n,,,,,,,,\n\n", "no data rows below the header"),
])
def test_empty_file_and_no_rows(tmp_path, inst, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst)
    assert str(err.value) == f"{path}: {message}"


def test_row_with_too_many_cells(tmp_path, inst):
    text = HEADER + "\nAni,21,4,5,3,4,5,4,2\nBudi,22,3,3,4,4,3,3,3,1,2\n"
    path = write(tmp_path, text)
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst)
    assert str(err.value) == f"{path}, row 3: 11 cells but the header has 9 columns"


def test_row_with_one_cell_too_many(tmp_path, inst):
    text = HEADER + "\nAni,21,4,5,3,4,5,4,2\nBudi,22,3,3,4,4,3,3,3,1\n"
    path = write(tmp_path, text)
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst)
    assert str(err.value) == f"{path}, row 3: 10 cells but the header has 9 columns"


@pytest.mark.parametrize("rows, row, cells", [
    ("Ani,21,4,5,3,4,5,4,2,\nBudi,22,3,3,4,4,3,3,3,1\n", 3, 10),   # first row: trailing ','
    ("Ani,21,4,5,3,4,5,4,2,,7\nBudi,22,3,3,4,4,3,3,3\n", 2, 11),
    ("Ani,21,4,5,3,4,5,4,2,,\nBudi,22,3,3,4,4,3,3,3,1\n", 3, 10),
])
def test_extra_cells_after_a_long_first_row(tmp_path, inst, rows, row, cells):
    path = write(tmp_path, HEADER + "\n" + rows)
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst)
    assert str(err.value) == f"{path}, row {row}: {cells} cells but the header has 9 columns"


def test_trailing_delimiters_are_harmless(tmp_path, inst):
    text = HEADER + ";\nAni;21;4;5;3;4;5;4;2;\nBudi;22;3;3;4;4;3;3;3;\n"
    res = read_responses(write(tmp_path, text.replace(",", ";")), inst)
    assert res.n == 2 and list(res.attributes.columns) == ["nama", "usia"]
    text = HEADER + "\nAni,21,4,5,3,4,5,4,2,\n"
    assert read_responses(write(tmp_path, text), inst).n == 1


def test_file_not_found_and_wrong_types(tmp_path, inst):
    path = tmp_path / "nope.csv"
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst)
    assert str(err.value) == f"{path}: file not found"
    with pytest.raises(ResponseError, match="cannot read responses from a list"):
        read_responses([1, 2], inst)


def test_old_xls_and_sheet_for_text(tmp_path, inst):
    xls = tmp_path / "answers.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    with pytest.raises(ResponseError) as err:
        read_responses(xls, inst)
    assert str(err.value) == (f"{xls}: an old-style .xls workbook; save it as .xlsx or as "
                              "CSV UTF-8")
    with pytest.raises(ResponseError, match="sheet= applies to Excel workbooks, not to a text"):
        read_responses(DATA / "readers_basic.csv", inst, sheet="Jawaban")


def test_damaged_xlsx(tmp_path, inst):
    bad = tmp_path / "answers.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ResponseError, match=r"cannot be read as an \.xlsx workbook"):
        read_responses(bad, inst)


def test_label_meaning_two_values_is_an_instrument_error(inst):
    clash = instrument_from_dict({
        "name": "c", "scale": {"min": 1, "max": 3, "labels": {1: "Tidak", 3: "Ya"},
                               "aliases": {3: ["tidak"]}},
        "constructs": {"A": {"items": ["A1"]}}})
    with pytest.raises(InstrumentError, match="'tidak' stands for both 1 and 3"):
        read_responses(pd.DataFrame({"A1": [1]}), clash)


# ---------------------------------------------------------------- headers only

def test_read_header(tmp_path):
    assert read_header(DATA / "readers_semicolon.csv") == HEADER.split(",")
    assert read_header(DATA / "readers_tab.tsv") == HEADER.split(",")
    assert read_header(pd.DataFrame(columns=["a", " b "])) == ["a", "b"]
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.append(["X1", None, 3, "Y1"])
    wb.create_sheet("Dua").append(["Z1"])
    wb.save(tmp_path / "h.xlsx")
    assert read_header(tmp_path / "h.xlsx") == ["X1", "3", "Y1"]
    assert read_header(tmp_path / "h.xlsx", sheet="Dua") == ["Z1"]
    with pytest.raises(ResponseError, match="the header 'a' appears twice"):
        read_header(write(tmp_path, "a;b;a\n1;2;3\n"))
    with pytest.raises(ResponseError, match="line 3: byte 0xe9 is not UTF-8"):
        read_header(DATA / "readers_latin1.csv")
