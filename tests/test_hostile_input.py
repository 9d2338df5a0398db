"""Unlucky and hostile response files: each is read right or refused with one
clear line naming the row and column, never a traceback or a crash.

Every file here is generated in the test (``tmp_path``) from a small
three-item instrument; the expected rows and messages follow from how the
file was written (the header is spreadsheet row 1).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from smma_stats.errors import InstrumentError, ResponseError
from smma_stats.instrument import instrument_from_dict
from smma_stats.readers import read_header, read_responses, validate_responses

INST = instrument_from_dict({"name": "demo", "scale": {"min": 1, "max": 5},
                             "constructs": {"PI": {"items": ["Y1", "Y2", "Y3"]}}})
ROWS = [[4, 5, 3], [2, 2, 1], [5, 4, 4], [3, 3, 2]]
ROUTES = [pytest.param({}, id="whole"), pytest.param({"chunksize": 2}, id="chunks")]


def csv_bytes(rows=ROWS, header="Y1,Y2,Y3", end="\n") -> bytes:
    lines = [header] + [",".join(str(c) for c in r) for r in rows]
    return (end.join(lines) + end).encode("utf-8")


def refused(path, **kw) -> ResponseError:
    with pytest.raises(ResponseError) as info:
        read_responses(path, INST, **kw)
    message = str(info.value)
    assert "\n" not in message and len(message) <= 300
    message.encode("utf-8")             # printable whatever the file name holds
    return info.value


# ---------------------------------------------------------------- line endings

@pytest.mark.parametrize("kw", ROUTES)
def test_cr_only_line_endings_are_read(tmp_path, kw):
    """Excel for Mac's "CSV (Macintosh)" ends each line with a lone CR."""
    path = tmp_path / "mac.csv"
    path.write_bytes(csv_bytes(end="\r"))
    res = read_responses(path, INST, **kw)
    assert res.items.to_numpy().tolist() == ROWS
    assert res.items.index.tolist() == [2, 3, 4, 5]
    assert read_header(path) == ["Y1", "Y2", "Y3"]
    assert validate_responses(path, INST, **kw) == []


# ---------------------------------------------------------------- long lines

def test_a_200_mb_line_is_refused_naming_its_row(tmp_path):
    """One row of 200 MB: refused at the line limit, row named, without reading it all."""
    path = tmp_path / "long.csv"
    with path.open("wb") as fh:
        fh.write(csv_bytes(ROWS[:2]))
        fh.write(b"4,5,")
        block = b"x" * (1 << 20)
        for _ in range(200):
            fh.write(block)
        fh.write(b"\n" + csv_bytes(ROWS[2:])[len(b"Y1,Y2,Y3\n"):])
    err = refused(path)
    assert err.row == 4
    assert err.message == 'a row longer than 16 MB, or a quote (") that is never closed'


def test_a_long_cell_below_the_limit_is_read_in_chunks(tmp_path):
    """A 3 MB cell in a chunked read: the block grows to hold it."""
    path = tmp_path / "cell.csv"
    rows = [[*r, "x" * (3 << 20) if k == 1 else "ok"] for k, r in enumerate(ROWS)]
    path.write_bytes(csv_bytes(rows, header="Y1,Y2,Y3,note"))
    res = read_responses(path, INST, chunksize=1)
    assert res.items.to_numpy().tolist() == ROWS
    assert res.attributes["note"].astype(str).str.len().tolist() == [2, 3 << 20, 2, 2]


def test_a_stray_quote_inside_a_cell_does_not_swallow_the_file(tmp_path):
    """``5"`` (an inch mark) is a plain character to a CSV parser, in both routes."""
    path = tmp_path / "inch.csv"
    rows = [[*r, f'{k}"' if k == 1 else "ok"] for k, r in enumerate(ROWS * 50)]
    path.write_bytes(csv_bytes(rows, header="Y1,Y2,Y3,size"))
    whole = read_responses(path, INST)
    chunked = read_responses(path, INST, chunksize=7)
    assert chunked.items.to_numpy().tolist() == whole.items.to_numpy().tolist()
    assert list(chunked.attributes["size"].astype(str)) == list(whole.attributes["size"])
    assert whole.attributes["size"].iloc[1] == '1"'


@pytest.mark.parametrize("kw", ROUTES)
def test_a_header_over_64_kb_is_read_whole(tmp_path, kw):
    """5,000 long questions before the items: the header is not cut at 64 KB."""
    questions = [f"Pertanyaan nomor {k:04d}: seberapa sering Anda membuka aplikasi ini?"
                 for k in range(5000)]
    header = ",".join(questions + ["Y1", "Y2", "Y3"])
    assert len(header) > 300_000
    rows = [[*(["1"] * 5000), *r] for r in ROWS]
    path = tmp_path / "wide.csv"
    path.write_bytes(csv_bytes(rows, header=header))
    res = read_responses(path, INST, **kw)
    assert res.items.to_numpy().tolist() == ROWS
    assert res.attributes.shape == (4, 5000)
    assert read_header(path)[-3:] == ["Y1", "Y2", "Y3"]


@pytest.mark.parametrize("kw", ROUTES)
def test_a_header_cell_over_the_csv_limit_names_the_file(tmp_path, kw):
    """A header cell over the csv module's 128 KB limit: one error naming the file."""
    path = tmp_path / "bighead.csv"
    path.write_bytes(b'"' + b"x" * 200_000 + b'",Y1,Y2,Y3\n1,2,3,4\n')
    err = refused(path, **kw)
    assert str(err).startswith(f"{path}: the header cannot be read (")


# ---------------------------------------------------------------- row numbers

@pytest.mark.parametrize("kw", ROUTES + [pytest.param({"chunksize": 3}, id="chunks3")])
def test_an_unclosed_quote_names_its_spreadsheet_row(tmp_path, kw):
    rows = [[*r] for r in ROWS * 3]
    rows[6][1] = '"4'                   # row 8: a quote that never closes
    path = tmp_path / "quote.csv"
    path.write_bytes(csv_bytes(rows))
    err = refused(path, **kw)
    assert err.row == 8
    assert str(err) == f'{path}, row 8: a quote (") opens a cell that is never closed'


@pytest.mark.parametrize("kw", ROUTES)
def test_a_long_row_names_its_spreadsheet_row_after_a_quoted_line_break(tmp_path, kw):
    path = tmp_path / "wide_row.csv"
    path.write_bytes(b'Y1,Y2,Y3,note\n4,5,3,"two\nlines"\n2,2,1,a\n5,4,4,b,extra\n3,3,2,c\n')
    err = refused(path, **kw)
    assert (err.row, err.message) == (4, "5 cells but the header has 4 columns")


# ---------------------------------------------------------------- cells

@pytest.mark.parametrize("cell, message", [
    ("4 \u1369", "'4 \u1369' is neither a scale point (1..5) nor a label of the scale"),
    ("12345678901234567890123", "12345678901234567890123 is outside the scale 1..5"),
    ("1e400", "inf is not a scale point (1..5)"),
])
@pytest.mark.parametrize("kw", ROUTES)
def test_odd_numbers_are_named_cell_errors(tmp_path, cell, message, kw):
    rows = [[*r] for r in ROWS]
    rows[2][1] = cell
    path = tmp_path / "odd.csv"
    path.write_bytes(csv_bytes(rows))
    err = refused(path, **kw)
    assert (err.row, err.column, err.message) == (4, "Y2", message)


def test_nested_parquet_columns_are_cell_errors(tmp_path):
    pytest.importorskip("pyarrow")
    frame = pd.DataFrame({"Y1": [[4], [2], [5], [3]], "Y2": [5, 2, 4, 3], "Y3": [3, 1, 4, 2],
                          "tags": [{"a": 1}, {"a": 2}, {"a": 1}, {"a": 3}]})
    path = tmp_path / "nested.parquet"
    frame.to_parquet(path)
    err = refused(path)
    assert (err.row, err.column, err.message) == (2, "Y1", "array([4]) is not a scale point "
                                                           "(1..5)")
    ok = frame.assign(Y1=[4, 2, 5, 3])
    ok.to_parquet(path)
    for kw in ({}, {"chunksize": 2}):
        res = read_responses(path, INST, **kw)
        assert res.items.to_numpy().tolist() == ROWS
        assert len(res.attributes["tags"]) == 4


@pytest.mark.parametrize("kw", ROUTES)
def test_an_empty_item_column_is_named(tmp_path, kw):
    rows = [[r[0], "", r[2]] for r in ROWS * 75]
    path = tmp_path / "blank.csv"
    path.write_bytes(csv_bytes(rows))
    err = refused(path, **kw)
    assert err.message == "no complete responses: the item column(s) 'Y2' are empty in all " \
                          "300 rows"


# ---------------------------------------------------------------- messages

def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path):
    name = os.fsdecode(b"jawaban_\xe9\x1b[31m.csv")
    path = Path(os.fsdecode(bytes(tmp_path))) / name
    try:
        path.write_bytes(csv_bytes(header="A,B,C"))
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses the name")
    err = refused(path)
    assert "jawaban_\\xe9\\x1b[31m.csv: no column for item(s) Y1" in str(err)


def test_cells_with_terminal_escapes_and_huge_text_give_one_short_line(tmp_path):
    rows = [[*r] for r in ROWS]
    rows[1][0] = "\x1b[2J\x1b[31m" + "tolong " * 2000
    path = tmp_path / "esc.csv"
    path.write_bytes(csv_bytes(rows))
    err = refused(path)
    text = str(err)
    assert "\x1b" not in text and "\\x1b[2J" in text
    assert text.startswith(f"{path}, row 3, column 'Y1': '\\x1b[2J")
    assert "..." in text and text.endswith("is neither a scale point (1..5) nor a label of "
                                           "the scale")


def test_every_message_is_one_capped_line():
    err = ResponseError("x" * 5000 + "\n" + "y", "f.csv", row=3, column="c\x07" * 100)
    assert len(str(err)) <= 300 and "\n" not in str(err) and "\x07" not in str(err)
    assert len(str(InstrumentError("key 'a': " + "z" * 1000))) <= 300


# ---------------------------------------------------------------- SPSS .sav

def small_sav(path: Path) -> bytes:
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = pd.DataFrame({"Y1": [4.0, 2, 5, 3], "Y2": [5.0, 2, 4, 3], "Y3": [3.0, 1, 4, 2]})
    labels = {1.0: "STS", 2.0: "TS", 3.0: "N", 4.0: "S", 5.0: "SS"}
    pyreadstat.write_sav(frame, str(path), variable_value_labels={"Y1": labels})
    return path.read_bytes()


def test_a_sav_file_that_crashes_the_spss_reader_is_one_line(tmp_path):
    """One corrupted byte in the value-label index: pyreadstat dies of a segmentation
    fault; the file is read in a child process, so the crash becomes one line."""
    path = tmp_path / "ok.sav"
    data = small_sav(path)
    assert read_responses(path, INST).items.to_numpy().tolist() == ROWS
    # the variable-index record (type 4) after the value labels: count 1, then index 1
    at = data.find(b"\x04\x00\x00\x00\x01\x00\x00\x00", data.find(b"STS")) + 8
    assert data[at:at + 4] == b"\x01\x00\x00\x00"
    bad = tmp_path / "damaged.sav"
    bad.write_bytes(data[:at] + b"\xff" + data[at + 1:])
    for read in (lambda: read_responses(bad, INST), lambda: read_header(bad),
                 lambda: validate_responses(bad, INST)[0]):
        try:
            err = read()
        except ResponseError as exc:
            err = exc
        assert isinstance(err, ResponseError)
        assert str(err).startswith(f"{bad}: the .sav file is damaged (the SPSS reader crashed: "
                                   "signal ")


def test_a_truncated_sav_file_is_one_line(tmp_path):
    path = tmp_path / "cut.sav"
    data = small_sav(path)
    path.write_bytes(data[:400])
    err = refused(path)
    assert err.message.startswith("cannot be read as an SPSS .sav file (")


# ---------------------------------------------------------------- Excel workbooks

def workbook(path: Path, rows, header=("Y1", "Y2", "Y3")) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


@pytest.mark.parametrize("error", ["#DIV/0!", "#N/A", "#VALUE!", "#REF!"])
def test_excel_error_values_in_answers_are_named(tmp_path, error):
    rows = [[*r] for r in ROWS]
    rows[1][1] = error
    err = refused(workbook(tmp_path / "err.xlsx", rows))
    assert (err.row, err.column, err.message) == (3, "Y2", f"Excel error value {error} in "
                                                           "the cell")


def test_an_excel_error_in_another_column_is_kept_as_text(tmp_path):
    rows = [[*r, "#N/A" if k == 0 else k] for k, r in enumerate(ROWS)]
    res = read_responses(workbook(tmp_path / "other.xlsx", rows, ("Y1", "Y2", "Y3", "age")),
                         INST)
    assert res.items.to_numpy().tolist() == ROWS
    assert res.attributes["age"].tolist() == ["#N/A", 1, 2, 3]


def test_a_formula_without_a_saved_value_is_named(tmp_path):
    """openpyxl writes formulas without their values, as an unsaved workbook holds them."""
    rows = [[*r] for r in ROWS]
    rows[2][2] = "=A4-1"
    err = refused(workbook(tmp_path / "formula.xlsx", rows))
    assert (err.row, err.column) == (4, "Y3")
    assert err.message == ("formula without a saved value: open and save the file in Excel "
                           "(=A4-1)")


def test_a_huge_number_in_a_workbook_is_a_cell_error(tmp_path):
    rows = [[*r] for r in ROWS]
    rows[0][0] = 1e20
    err = refused(workbook(tmp_path / "big.xlsx", rows))
    assert (err.row, err.column, err.message) == (2, "Y1", "100000000000000000000 is outside "
                                                           "the scale 1..5")


def patch_sheet(path: Path, old: bytes, new: bytes) -> Path:
    """The workbook with ``old`` replaced by ``new`` in its sheet's XML (openpyxl itself
    cuts a text to Excel's 32,767 characters when writing)."""
    import zipfile

    out = path.with_name("patched_" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                assert old in data
                data = data.replace(old, new)
            dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out


def test_a_cell_over_excels_limit_is_refused(tmp_path):
    rows = [[*r, "x" * 32_767 if k == 3 else "ok"] for k, r in enumerate(ROWS)]
    path = workbook(tmp_path / "cell.xlsx", rows, ("Y1", "Y2", "Y3", "note"))
    err = refused(patch_sheet(path, b"x" * 32_767, b"x" * 40_000))
    assert (err.row, err.column) == (5, "note")
    assert err.message == "a cell of 40,000 characters; a cell holds at most 32,767"


def test_a_sheet_over_the_row_limit_is_refused_early(tmp_path, monkeypatch):
    from smma_stats.readers import _xlsx

    monkeypatch.setattr(_xlsx, "MAX_ROWS", 5)
    path = workbook(tmp_path / "rows.xlsx", ROWS * 3)
    err = refused(path)
    assert err.message == ("sheet 'Sheet' has 12 rows below the header, more than the 5 read; "
                           "save it as CSV, which is read in chunks")
    # a sheet that does not state its size is counted as it is read, and stopped at the limit
    import zipfile

    plain = tmp_path / "nodim.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(plain, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = data.replace(b'<dimension ref="A1:C13"/>', b"")
            dst.writestr(info, data)
    err = refused(plain)
    assert err.message == ("sheet 'Sheet' has more than 5 rows of answers; save it as CSV, "
                           "which is read in chunks")


def test_a_workbook_part_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    """A few hundred KB can unpack to a 300 MB string; the part sizes are checked first."""
    from smma_stats.readers import _xlsx

    monkeypatch.setattr(_xlsx, "MAX_PART_BYTES", 1 << 20)
    rows = [[*r, "ab" if k == 0 else "ok"] for k, r in enumerate(ROWS)]
    path = workbook(tmp_path / "bomb.xlsx", rows, ("Y1", "Y2", "Y3", "note"))
    path = patch_sheet(path, b">ab<", b">" + b"ab" * (1 << 20) + b"<")
    assert path.stat().st_size < 100_000
    err = refused(path)
    assert err.message.startswith("the workbook part 'xl/")
    assert err.message.endswith("unpacks to 2 MB, more than the 1 MB read; save the sheet "
                                "as CSV")


# ---------------------------------------------------------------- instrument YAML

GOOD_YAML = """name: demo
scale: {min: 1, max: 5, labels: {1: STS, 2: TS, 3: N, 4: S, 5: SS}}
constructs:
  PI: {label: Purchase intention, items: [Y1, Y2, Y3]}
  BC: {label: Brand content, items: [X1, X2]}
models: [PI ~ BC]
"""


def instrument_error(tmp_path, text: str) -> str:
    from smma_stats.instrument import load_instrument

    path = tmp_path / "inst.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InstrumentError) as info:
        load_instrument(path)
    message = str(info.value)
    assert "\n" not in message and len(message) <= 300
    prefix = f"{path}: "
    assert message.startswith(prefix)
    return message[len(prefix):]


def test_the_good_instrument_loads(tmp_path):
    from smma_stats.instrument import load_instrument

    path = tmp_path / "inst.yaml"
    path.write_text(GOOD_YAML, encoding="utf-8")
    inst = load_instrument(path)
    assert inst.item_ids == ["Y1", "Y2", "Y3", "X1", "X2"]
    assert [(m.dependent, m.predictors) for m in inst.models] == [("PI", ("BC",))]


@pytest.mark.parametrize("old, new, message", [
    ("labels: {1: STS", "aliases: [S, Agree], labels: {1: STS",
     "key 'scale.aliases': must map each value to its other answer texts, e.g. "
     "{4: [S, Agree]}, not a list"),
    ("labels: {1: STS", "aliases: Setuju, labels: {1: STS",
     "key 'scale.aliases': must map each value to its other answer texts, e.g. "
     "{4: [S, Agree]}, not the text 'Setuju'"),
    ("models: [PI ~ BC]", "models: 5",
     "key 'models': must be a list of models such as ['Y ~ X'] (one '- Y ~ X' line each), "
     "not 5"),
    ("models: [PI ~ BC]", "models: PI ~ BC",
     "key 'models': must be a list of models such as ['Y ~ X'] (one '- Y ~ X' line each), "
     "not the text 'PI ~ BC'"),
    ("name: demo", "name: demo\ntitle_id: [a, b]", "key 'title_id': must be a text, not a list"),
    ("label: Purchase intention", "label: Purchase intention, label_id: {x: 1}",
     "key 'constructs.PI.label_id': must be a text, not a mapping"),
])
def test_wrong_instrument_keys_are_named(tmp_path, old, new, message):
    assert old in GOOD_YAML
    assert instrument_error(tmp_path, GOOD_YAML.replace(old, new, 1)) == message


def test_a_key_given_twice_is_an_error(tmp_path):
    text = GOOD_YAML.replace("models: [PI ~ BC]", "models: [PI ~ BC]\nmodels: [BC ~ PI]")
    assert instrument_error(tmp_path, text) == ("key 'models' appears twice in one mapping "
                                                "(lines 6 and 7)")


def test_anchors_are_refused_and_a_billion_laughs_fails_at_once(tmp_path):
    text = GOOD_YAML.replace("constructs:", "extra: &x [1, 2]\nconstructs:")
    assert instrument_error(tmp_path, text) == (
        "YAML anchors and aliases (&x, *x) are not accepted in an instrument (line 3); "
        "write the values out")
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for k in range(1, 9):
        prev, cur = chr(ord("a") + k - 1), chr(ord("a") + k)
        laughs.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = "name: lol\n" + "\n".join(laughs) + "\n"
    assert instrument_error(tmp_path, bomb).startswith("YAML anchors and aliases (&a, *a)")


@pytest.mark.parametrize("end", ["\n", "\r\n", "\n\n", "\r\r\n", "\r\n\r\n", "\r"])
def test_row_numbers_agree_whatever_the_line_endings(tmp_path, end):
    """A blank line counts as a spreadsheet row, as Excel shows it: the bad cell of the
    last respondent is row 8 with single line ends and row 15 with doubled ones."""
    rows = [[*r] for r in ROWS + ROWS[:2]] + [[4, 9, 4]]
    path = tmp_path / "ends.csv"
    path.write_bytes(csv_bytes(rows, end=end))
    expected = 15 if end in ("\n\n", "\r\r\n", "\r\n\r\n") else 8
    for kw in ({}, {"chunksize": 1}, {"chunksize": 2}, {"chunksize": 4}):
        err = refused(path, **kw)
        assert (err.row, err.column, err.message) == (expected, "Y2",
                                                      "9 is outside the scale 1..5"), kw


@pytest.mark.parametrize("kw", ROUTES + [pytest.param({"chunksize": 1}, id="chunks1")])
def test_a_very_wide_row_with_a_big_quoted_cell_is_named_quickly(tmp_path, kw):
    """Row 4 holds a 200 KB quoted cell (over the csv module's 128 KB default) and then
    30,000 more cells: refused naming the row, without a column per cell."""
    wide = b'4,5,"' + b"x," * 100_000 + b'"' + b",a" * 30_000
    path = tmp_path / "wide.csv"
    path.write_bytes(csv_bytes(ROWS[:2]) + wide + b"\n" + b"2,2,2\n" * 3)
    err = refused(path, **kw)
    assert (err.row, err.message) == (4, "30003 cells but the header has 3 columns")
