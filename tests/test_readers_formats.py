"""Survey-platform CSV, Excel, SPSS .sav and Parquet give the numbers of the plain CSV.

formats_numeric.csv holds the 12 answers of formats_gforms.csv (a Google
Forms export: question texts as headers, Indonesian label answers) coded by
hand as 1..5; Hadi (row 9) skipped MB1 and is dropped listwise. Every other
format here is written from the same answers, so each must give the same
items frame, scores and Cronbach's alpha.
"""

import hashlib
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import ResponseError
from smma_stats.instrument import instrument_from_dict, load_instrument
from smma_stats.readers import read_header, read_responses, validate_responses
from smma_stats.reliability import cronbach_alpha

DATA = Path(__file__).parent / "data"
ITEMS = ["KI1", "KI2", "KI3", "MB1", "MB2", "MB3"]
LABELS = {1: "Sangat Tidak Setuju", 2: "Tidak Setuju", 3: "Netral", 4: "Setuju",
          5: "Sangat Setuju"}
GFORMS_HEADERS = {
    "KI1": "1. Informasi di akun Instagram ini mudah dipahami",
    "KI2": "2. Konten yang diunggah selalu TERBARU",
    "KI3": "Pertanyaan [KI3]",
    "MB1": "Minat beli [Saya berminat membeli produk yang dipromosikan]",
    "MB2": "I would recommend this product to a friend.",
    "MB3": "6) Saya tidak tertarik membeli produk ini ?",
}
# R 4.x, psych 2.x on formats_numeric.csv, complete rows, MB3 keyed as 6 - x:
#   psych::alpha(d[, c("KI1","KI2","KI3")])$total$raw_alpha
#   psych::alpha(d[, c("MB1","MB2","MB3")])$total$raw_alpha
R_ALPHA = {"KI": 0.928463855421687, "MB": 0.950732356857523}


@pytest.fixture(scope="module")
def inst():
    return load_instrument(DATA / "formats_instrument.yaml")


@pytest.fixture(scope="module")
def numeric(inst):
    return read_responses(DATA / "formats_numeric.csv", inst)


@pytest.fixture(scope="module")
def raw():
    """The answers as stored (MB3 not yet keyed), NaN for Hadi's skipped MB1."""
    return pd.read_csv(DATA / "formats_numeric.csv")


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def same_statistics(res, ref):
    pd.testing.assert_frame_equal(res.items, ref.items, check_index_type=False)
    pd.testing.assert_frame_equal(res.scores, ref.scores, check_index_type=False)
    assert (res.n, res.n_read, res.dropped_rows) == (11, 12, (9,))
    for code in ("KI", "MB"):
        cols = [i for i in ITEMS if i.startswith(code)]
        assert cronbach_alpha(res.items[cols]).alpha == cronbach_alpha(ref.items[cols]).alpha


def test_numeric_csv_alpha_matches_r(numeric):
    assert list(numeric.items.index) == [2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13]
    assert numeric.items.loc[2].tolist() == [4, 4, 5, 4, 5, 4]        # MB3 2 -> 4
    for code, golden in R_ALPHA.items():
        cols = [i for i in ITEMS if i.startswith(code)]
        assert cronbach_alpha(numeric.items[cols]).alpha == pytest.approx(golden, abs=1e-12)


# ---------------------------------------------------------------- Google Forms CSV

def test_google_forms_export(inst, numeric):
    path = DATA / "formats_gforms.csv"
    before = sha(path)
    res = read_responses(path, inst)
    same_statistics(res, numeric)
    assert res.columns == GFORMS_HEADERS
    assert list(res.attributes.columns) == ["Timestamp", "Email Address", "Nama",
                                            "Jenis Kelamin",
                                            "Apa saran Anda untuk akun Instagram ini?"]
    assert res.attributes.loc[4, "Apa saran Anda untuk akun Instagram ini?"] == "Tambah promo, ya"
    assert (res.n_missing_answers, res.missing_by_item["MB1"]) == (1, 1)
    assert validate_responses(path, inst) == []
    assert sha(path) == before


def test_wording_in_english_and_bracketed_wording(tmp_path, inst, numeric, raw):
    # every item by its English wording, one as a Google Forms grid row
    headers = {i: inst.items[i].text_en for i in ITEMS}
    headers["KI2"] = "Rate the account [" + headers["KI2"].upper() + "]"
    frame = raw.rename(columns=headers)
    res = read_responses(frame, inst)
    same_statistics(res, numeric)
    assert res.columns == headers


def test_columns_mapping_wins_over_wording(tmp_path, inst):
    mapped = instrument_from_dict({
        "name": "m", "scale": {"min": 1, "max": 5},
        "constructs": {"A": {"items": {"A1": "Saya suka kontennya", "A2": "Kontennya lucu"}}},
        "columns": {"P2": "A1"}})
    frame = pd.DataFrame({"Saya suka kontennya": [1, 2], "P2": [4, 5], "Kontennya lucu": [3, 3]})
    res = read_responses(frame, mapped)
    assert res.columns == {"A1": "P2", "A2": "Kontennya lucu"}
    assert list(res.attributes.columns) == ["Saya suka kontennya"]


@pytest.mark.parametrize("cell, value", [
    ("Setuju", 4), ("setuju", 4), ("Sangat  setuju.", 5), ("4 - Setuju", 4),
    ("SS (Sangat Setuju)", 5), ("Netral (3)", 3), ("Strongly agree", 5), ("2", 2),
])
def test_answer_texts(cell, value, inst):
    frame = pd.DataFrame({i: [cell if i == "KI1" else "3"] for i in ITEMS})
    assert read_responses(frame, inst).items.loc[2, "KI1"] == value


# ---------------------------------------------------------------- Excel

def test_xlsx_second_sheet_with_labels(tmp_path, inst, numeric):
    openpyxl = pytest.importorskip("openpyxl")
    gforms = pd.read_csv(DATA / "formats_gforms.csv", dtype=str, keep_default_na=False)
    wb = openpyxl.Workbook()
    wb.active.title = "Petunjuk"
    wb.active.append(["Petunjuk pengisian"])
    wb.active.append(["Jawaban ada di sheet kedua"])
    ws = wb.create_sheet("Jawaban")
    ws.append(list(gforms.columns))
    for row in gforms.itertuples(index=False):
        ws.append([None if v == "" else v for v in row])
    path = tmp_path / "answers.xlsx"
    wb.save(path)
    before = sha(path)
    same_statistics(read_responses(path, inst, sheet="Jawaban"), numeric)
    same_statistics(read_responses(path, inst, sheet=1), numeric)
    with pytest.raises(ResponseError, match=r"no column for item\(s\) KI1 \('Informasi di"):
        read_responses(path, inst)                                   # first sheet
    assert read_header(path, sheet="Jawaban") == list(gforms.columns)
    assert sha(path) == before


# ---------------------------------------------------------------- SPSS .sav

def write_sav(path, frame, **kw):
    pyreadstat = pytest.importorskip("pyreadstat")
    # SPSS variable names hold no spaces
    pyreadstat.write_sav(frame.rename(columns={"Jenis Kelamin": "Kelamin"}), str(path), **kw)
    return path


def test_sav_value_labels_and_declared_missing(tmp_path, inst, numeric, raw):
    frame = raw.copy()
    frame["MB1"] = frame["MB1"].fillna(9)                # "no answer", declared missing
    frame["Jenis Kelamin"] = frame["Jenis Kelamin"].map({"Laki-laki": 1, "Perempuan": 2})
    labels = {**{float(k): v for k, v in LABELS.items()}, 9.0: "Tidak menjawab"}
    path = write_sav(tmp_path / "answers.sav", frame.astype({i: float for i in ITEMS}),
                     variable_value_labels={**{i: labels for i in ITEMS},
                                            "Kelamin": {1: "Laki-laki", 2: "Perempuan"}},
                     missing_ranges={i: [9] for i in ITEMS})
    before = sha(path)
    res = read_responses(path, inst)
    same_statistics(res, numeric)
    assert res.n_missing_answers == 1 and res.missing_by_item["MB1"] == 1
    assert res.notes == (("1 answer(s) holding a code the file declares missing read as "
                          "skipped (MB1: 1)"),)
    # a column whose every code is labelled shows its labels
    assert res.attributes["Kelamin"].tolist() == numeric.attributes["Jenis Kelamin"].tolist()
    assert read_header(path) == ["Nama", "Kelamin", *ITEMS]
    assert sha(path) == before


@pytest.mark.parametrize("compress", [False, True])           # .sav and compressed .zsav
def test_sav_declared_missing_range(tmp_path, inst, numeric, raw, compress):
    frame = raw.astype({i: float for i in ITEMS})
    frame["MB1"] = frame["MB1"].fillna(99)
    path = write_sav(tmp_path / "answers.sav", frame, compress=compress,
                     missing_ranges={"MB1": [{"lo": 90, "hi": 99}]})
    assert Path(path).read_bytes()[:4] == (b"$FL3" if compress else b"$FL2")
    same_statistics(read_responses(path, inst), numeric)


def test_sav_found_by_variable_label_and_read_by_value_label(tmp_path, inst, numeric, raw):
    # variables Q1..Q6 labelled with the wording; answers coded 0..4 under the scale labels
    names = {i: f"Q{k}" for k, i in enumerate(ITEMS, 1)}
    frame = raw.copy()
    for i in ITEMS:
        frame[i] = frame[i] - 1
    frame = frame.rename(columns=names)
    zero_based = {float(k - 1): v for k, v in LABELS.items()}
    path = write_sav(tmp_path / "q.sav", frame,
                     column_labels={names[i]: inst.items[i].text for i in ITEMS},
                     variable_value_labels={names[i]: zero_based for i in ITEMS})
    res = read_responses(path, inst)
    same_statistics(res, numeric)
    assert res.columns == names
    assert res.notes[0] == ("KI1: stored codes read by their value labels as scale points "
                            "(0 -> 1, 1 -> 2, 2 -> 3, 3 -> 4, 4 -> 5)")
    assert len(res.notes) == 6


def test_sav_code_outside_the_scale_names_row_column_label_and_case(tmp_path, inst, raw):
    frame = raw.astype({i: float for i in ITEMS})
    frame.loc[2, "KI2"] = 9                               # third respondent, not declared missing
    path = write_sav(tmp_path / "answers.sav", frame,
                     variable_value_labels={"KI2": {9.0: "Tidak menjawab"}})
    before = sha(path)
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst)
    assert str(err.value) == (f"{path}, row 4, column 'KI2': 9 is outside the scale 1..5 "
                              "(value label 'Tidak menjawab') (case 3 in SPSS)")
    assert sha(path) == before


# ---------------------------------------------------------------- Parquet

def test_parquet(tmp_path, inst, numeric, raw):
    pytest.importorskip("pyarrow")
    frame = raw.copy()
    frame["KI1"] = frame["KI1"].astype("int8")
    frame["MB1"] = frame["MB1"].astype("Int64")           # nullable integers keep the gap
    frame["MB2"] = pd.Categorical(frame["MB2"].map(LABELS))
    path = tmp_path / "answers.parquet"
    frame.to_parquet(path)
    before = sha(path)
    same_statistics(read_responses(path, inst), numeric)
    assert read_header(path) == ["Nama", "Jenis Kelamin", *ITEMS]
    # a named index is a column again
    frame.set_index("Nama").to_parquet(path)
    res = read_responses(path, inst)
    assert list(res.attributes.columns) == ["Nama", "Jenis Kelamin"]
    assert read_header(path) == ["Nama", "Jenis Kelamin", *ITEMS]
    assert sha(path) != before


# ---------------------------------------------------------------- refused inputs

def refused(path, inst, message, **kw):
    """Reading and validating give exactly ``message`` and leave the file's bytes alone."""
    before = Path(path).read_bytes()
    with pytest.raises(ResponseError) as err:
        read_responses(path, inst, **kw)
    assert str(err.value) == message
    assert "\n" not in message
    assert str(validate_responses(path, inst, **kw)[0]) == message
    assert Path(path).read_bytes() == before
    return err.value


def gforms_text():
    return (DATA / "formats_gforms.csv").read_text(encoding="utf-8")


def test_unknown_label(tmp_path, inst):
    path = tmp_path / "g.csv"
    path.write_text(gforms_text().replace("Setuju,Setuju,Sangat Setuju",
                                          "Setuju,Setuju banget,Sangat Setuju", 1),
                    encoding="utf-8")
    err = refused(path, inst, f"{path}, row 2, column '2. Konten yang diunggah selalu "
                              "TERBARU': 'Setuju banget' is neither a scale point (1..5) "
                              "nor a label of the scale")
    assert (err.row, err.column) == (2, GFORMS_HEADERS["KI2"])


def test_two_names_of_different_points(tmp_path, inst):
    path = tmp_path / "g.csv"
    path.write_text(gforms_text().replace("Setuju,Setuju,Sangat Setuju",
                                          "Setuju,5 (Tidak Setuju),Sangat Setuju", 1),
                    encoding="utf-8")
    refused(path, inst, f"{path}, row 2, column '2. Konten yang diunggah selalu TERBARU': "
                        "'5 (Tidak Setuju)' names two different answers (5 and 2)")


def test_duplicate_question_header(tmp_path, inst):
    path = tmp_path / "g.csv"
    path.write_text(gforms_text().replace("Pertanyaan [KI3]", GFORMS_HEADERS["KI2"]),
                    encoding="utf-8")
    refused(path, inst, f"{path}: the header '2. Konten yang diunggah selalu TERBARU' appears "
                        "twice (columns 6 and 7); give each column its own name")


def test_item_asked_twice(tmp_path, inst):
    path = tmp_path / "g.csv"
    path.write_text(gforms_text().replace("Pertanyaan [KI3]", "7. Konten yang diunggah "
                                                              "selalu terbaru"),
                    encoding="utf-8")
    refused(path, inst, f"{path}: item 'KI2' matches several columns: '2. Konten yang diunggah "
                        "selalu TERBARU', '7. Konten yang diunggah selalu terbaru'")


def test_header_matching_two_items(tmp_path):
    twin = instrument_from_dict({
        "name": "twin", "scale": {"min": 1, "max": 5},
        "constructs": {"A": {"items": {"A1": "Saya suka kontennya.",
                                       "A2": "Saya suka kontennya!"}}}})
    path = tmp_path / "t.csv"
    path.write_text("1. Saya suka kontennya\n4\n", encoding="utf-8")
    refused(path, twin, f"{path}: the column '1. Saya suka kontennya' matches several items: "
                        "A1, A2; name the item it holds in the instrument's columns: mapping")


def test_missing_item_names_its_wording_and_the_unmatched_question(tmp_path, inst,
                                                                   monkeypatch):
    monkeypatch.chdir(tmp_path)         # a short file name leaves room for the wording
    path = Path("g.csv")
    path.write_text(gforms_text().replace("2. Konten yang diunggah selalu TERBARU",
                                          "2. Konten yang diunggah selalu baru"),
                    encoding="utf-8")
    err = read_and_catch(path, inst)
    message = str(err)
    # one line of at most 300 characters: the item and its wording, as many headers as
    # there is room for, and the unmatched questions
    assert len(message) <= 300 and "\n" not in message
    assert message.startswith(f"{path}: no column for item(s) KI2 ('Konten yang diunggah "
                              "selalu terbaru.') of instrument 'formats-demo' (headers: "
                              "Timestamp, Email Address, Nama, ")
    assert message.endswith(", ...); column(s) that look like questions but match no item's "
                            "wording: '2. Konten yang diunggah selalu baru', "
                            "'Apa saran Anda untuk akun Instagram ini?'")


def test_attention_check_and_details_are_not_unmatched_questions(tmp_path):
    checked = instrument_from_dict({
        "name": "chk", "scale": {"min": 1, "max": 5},
        "constructs": {"A": {"items": {"A1": "Saya suka kontennya", "A2": "Kontennya lucu"}}},
        "attention_check": {"column": "Untuk pertanyaan ini pilih Setuju", "expect": 4}})
    path = tmp_path / "c.csv"
    path.write_text("Cap waktu,Alamat email Anda yang aktif,Untuk pertanyaan ini pilih Setuju,"
                    "Saya suka kontennya\n2024/03/04,a@b.id,4,5\n", encoding="utf-8")
    err = refused(path, checked, f"{path}: no column for item(s) A2 ('Kontennya lucu') of "
                                 "instrument 'chk' (headers: Cap waktu, Alamat email Anda yang "
                                 "aktif, Untuk pertanyaan ini pilih Setuju, Saya suka "
                                 "kontennya)")
    assert "look like questions" not in str(err)


ALL_ABSENT = ("no column for item(s) KI1 ('Informasi di akun Instagram ini mudah dipahami.'), "
              "KI2 ('Konten yang diunggah selalu terbaru.'), KI3 ('Saya percaya pada "
              "informasi yang diberikan.'), MB1 ('Saya berminat membeli produk yang "
              "dipromosikan.'), MB2 ('Saya akan merekomendasikan produk ini kepada te...'), "
              "MB3 of instrument 'formats-demo'")


@pytest.mark.parametrize("text, hint", [
    ("KI1:KI2:KI3:MB1:MB2:MB3\n4:4:5:4:5:2\n",
     ("(headers: KI1:KI2:KI3:MB1:MB2:MB3); the file was read as one column headed "
      "'KI1:KI2:KI3:MB1:MB2:MB3' (its header is split by ':'?)")),
    ("Jawaban\n4;4;5;4;5;2\n",
     ("(headers: Jawaban); the file was read as one column headed 'Jawaban' (its first row "
      "is split by ';'?)")),
])
def test_wrong_delimiter_is_hinted(tmp_path, inst, text, hint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = Path("d.csv")
    path.write_text(text, encoding="utf-8")
    message = str(read_and_catch(path, inst))
    # the hint is kept whole; the items named are as many as the line has room for
    assert len(message) <= 300
    assert message.startswith(f"{path}: no column for item(s) KI1")
    assert message.endswith(f" of instrument 'formats-demo' {hint}; separate the columns "
                            "with a comma, semicolon, tab or |")


def read_and_catch(path, inst):
    try:
        read_responses(path, inst)
    except ResponseError as exc:
        return exc
    raise AssertionError("no error")


def test_latin1_export(tmp_path, inst):
    path = tmp_path / "g.csv"
    path.write_bytes(gforms_text().replace("Citra", "Céline").encode("latin-1"))
    refused(path, inst, f"{path}: line 4: byte 0xe9 is not UTF-8 text; save the file as "
                        "'CSV UTF-8' and try again")


@pytest.mark.parametrize("name", ["empty.sav", "empty.parquet", "empty.xlsx", "empty.csv"])
def test_empty_file_whatever_its_name(tmp_path, inst, name):
    path = tmp_path / name
    path.write_bytes(b"")
    refused(path, inst, f"{path}: the file is empty")


def test_damaged_sav_and_parquet(tmp_path, inst):
    sav = tmp_path / "bad.sav"
    sav.write_bytes(b"$FL2@(#) not really an SPSS file")
    err = read_and_catch(sav, inst)
    assert str(err).startswith(f"{sav}: cannot be read as an SPSS .sav file (")
    refused(sav, inst, str(err))
    pq = tmp_path / "bad.parquet"
    pq.write_bytes(b"PAR1\x00\x01 broken")
    err = read_and_catch(pq, inst)
    assert str(err).startswith(f"{pq}: cannot be read as a Parquet file (")
    refused(pq, inst, str(err))


def test_sheet_for_sav_and_parquet(tmp_path, inst, raw):
    pytest.importorskip("pyarrow")
    sav = write_sav(tmp_path / "a.sav", raw.astype({i: float for i in ITEMS}))
    refused(sav, inst, f"{sav}: sheet= applies to Excel workbooks, not to an SPSS .sav file",
            sheet="Jawaban")
    pq = tmp_path / "a.parquet"
    raw.to_parquet(pq)
    refused(pq, inst, f"{pq}: sheet= applies to Excel workbooks, not to a Parquet file",
            sheet=0)


def test_parquet_text_in_a_numeric_column_and_duplicate_names(tmp_path, inst, raw):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as papq

    frame = raw.astype({"KI3": str})
    frame.loc[5, "KI3"] = "oke"
    path = tmp_path / "a.parquet"
    frame.to_parquet(path)
    refused(path, inst, f"{path}, row 7, column 'KI3': 'oke' is neither a scale point (1..5) "
                        "nor a label of the scale")
    table = pa.Table.from_arrays([pa.array([1, 2]), pa.array([3, 4])], names=["KI1", "KI1"])
    papq.write_table(table, path)
    refused(path, inst, f"{path}: the header 'KI1' appears twice (columns 1 and 2); give each "
                        "column its own name")


def test_text_in_a_numeric_xlsx_column(tmp_path, inst, raw):
    pytest.importorskip("openpyxl")
    frame = raw.astype({"MB2": object})
    frame.loc[0, "MB2"] = "lima"
    path = tmp_path / "a.xlsx"
    frame.to_excel(path, index=False)
    refused(path, inst, f"{path}, row 2, column 'MB2': 'lima' is neither a scale point (1..5) "
                        "nor a label of the scale")


@pytest.mark.parametrize("module, name, message", [
    ("pyreadstat", "a.sav", ("reading SPSS .sav files needs the pyreadstat package "
                             "(pip install pyreadstat)")),
    ("pyarrow.parquet", "a.parquet", ("reading Parquet files needs the pyarrow package "
                                      "(pip install pyarrow)")),
])
def test_missing_optional_library(tmp_path, inst, raw, monkeypatch, module, name, message):
    pytest.importorskip("pyarrow")
    path = tmp_path / name
    if name.endswith(".sav"):
        write_sav(path, raw.astype({i: float for i in ITEMS}))
    else:
        raw.to_parquet(path)
    monkeypatch.setitem(sys.modules, module, None)        # import now raises ImportError
    refused(path, inst, f"{path}: {message}")
    with pytest.raises(ResponseError, match="needs the"):
        read_header(path)


def test_a_csv_starting_with_par1_is_text(tmp_path):
    par = instrument_from_dict({"name": "p", "scale": {"min": 1, "max": 5},
                                "constructs": {"P": {"items": ["PAR1", "PAR2"]}}})
    path = tmp_path / "p.csv"
    path.write_text("PAR1,PAR2\n4,5\n", encoding="utf-8")
    assert read_responses(path, par).items.loc[2].tolist() == [4, 5]
    assert np.array_equal(read_header(path), ["PAR1", "PAR2"])
