"""Data screening: duplicates, straight-lining, attention checks, bad cells, and
``exclude_flagged`` with the report's "Data screening" section.

The fixture below was flagged by hand (spreadsheet rows; header = row 1):

    row  name   X1 X2 X3r Y1 Y2 check | finding
      2  Ani     4  5  2   4  4   4   |
      3  Budi    3  3  3   3  3   4   | straight-lining (all 3)
      4  Ani     4  5  2   4  4   4   | duplicate of row 2 (only the Timestamp differs)
      5  Citra   4  5  2   4  4   4   | same answers as row 2, other name: not a duplicate
      6  Dedi    5  5  1   5  5   4   | keyed scores all 5, ticked boxes differ: not flagged
      7  Eka     4  4  4   4  4   2   | straight-lining (all 4) and failed attention check
      8  Fitri   2  3  4   3  2       | attention check left blank
      9  Gita    3  4  2   4  3 Setuju| passes: "Setuju" is the label of 4
     10  Ani     4  5  2   4  4   4   | duplicate of row 2
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import InstrumentError, ResponseError
from smma_stats.instrument import instrument_from_dict
from smma_stats.readers import read_responses
from smma_stats.report import render
from smma_stats.report.build import build_document
from smma_stats.report.document import Paragraph, Table
from smma_stats.screening import FLAGS, without_rows
from smma_stats.study import screen

INSTRUMENT = {
    "name": "screening-fixture", "title": "Screening fixture", "title_id": "Data penyaringan",
    "scale": {"min": 1, "max": 5, "labels": {1: "Sangat Tidak Setuju", 2: "Tidak Setuju",
                                             3: "Netral", 4: "Setuju", 5: "Sangat Setuju"}},
    "constructs": {"X": {"label": "Content", "label_id": "Konten", "items": ["X1", "X2", "X3"]},
                   "Y": {"label": "Intention", "label_id": "Minat", "items": ["Y1", "Y2"]}},
    "reverse": ["X3"],
    "models": ["Y ~ X"],
    "attention_check": {"column": "check", "expect": 4},
}

CSV = """\
Timestamp,name,X1,X2,X3,Y1,Y2,check
2024-03-01 09:00,Ani,4,5,2,4,4,4
2024-03-01 09:05,Budi,3,3,3,3,3,4
2024-03-01 09:06,Ani,4,5,2,4,4,4
2024-03-01 09:10,Citra,4,5,2,4,4,4
2024-03-01 09:12,Dedi,5,5,1,5,5,4
2024-03-01 09:15,Eka,4,4,4,4,4,2
2024-03-01 09:20,Fitri,2,3,4,3,2,
2024-03-01 09:21,Gita,3,4,2,4,3,Setuju
2024-03-01 09:30,Ani,4,5,2,4,4,4
2024-03-01 09:31,Hadi,2,2,4,2,3,4
2024-03-01 09:40,Indra,5,4,1,5,4,4
2024-03-01 09:41,Joko,1,2,5,2,1,4
2024-03-01 09:50,Kiki,3,2,3,2,2,4
"""

EXPECTED = [(3, "straight_lining", None, None, 3),
            (4, "duplicate", None, 2, None),
            (7, "straight_lining", None, None, 4),
            (7, "attention_check", "check", None, 2),
            (8, "attention_check", "check", None, None),
            (10, "duplicate", None, 2, None)]


@pytest.fixture()
def inst():
    return instrument_from_dict(INSTRUMENT)


@pytest.fixture()
def csv_path(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def _tuples(res) -> list:
    order = {f: k for k, f in enumerate(FLAGS)}
    rows = sorted(res.table.to_dict(orient="records"), key=lambda r: (r["row"], order[r["flag"]]))
    return [(r["row"], r["flag"], r["column"], r["other_row"], r["value"]) for r in rows]


# ------------------------------------------------------------------ the flags

def test_flags_of_read_responses(csv_path, inst):
    res = screen(read_responses(csv_path, inst))
    assert _tuples(res) == EXPECTED
    assert res.flagged_rows == (3, 4, 7, 8, 10) and res.n_flagged == 5 and res.n == 13
    assert res.counts == {"duplicate": 2, "straight_lining": 2, "attention_check": 2,
                          "out_of_range": 0}
    assert res.ignored_columns == ("Timestamp",)
    assert res.attention_check == {"column": "check", "expect": (4,)}
    assert list(res.table.columns) == ["row", "flag", "column", "other_row", "value", "detail"]
    details = dict(zip(zip(res.table["row"], res.table["flag"]), res.table["detail"]))
    assert details[(4, "duplicate")] == "the same answers and other columns as row 2"
    assert details[(3, "straight_lining")] == "answered 3 to each of the 5 items answered"
    assert details[(8, "attention_check")] == "no answer to 'check' (expected 4)"


def test_a_file_gives_the_same_flags_as_its_responses(csv_path, inst):
    from_file = screen(csv_path, inst)
    from_responses = screen(read_responses(csv_path, inst))
    assert _tuples(from_file) == _tuples(from_responses)
    frame = pd.read_csv(io.StringIO(CSV))
    assert [t[:4] for t in _tuples(screen(frame, inst))] == [t[:4] for t in EXPECTED]


def test_straight_lining_reads_the_ticked_boxes_not_the_keyed_scores(csv_path, inst):
    resp = read_responses(csv_path, inst)
    # row 6 ticked 5,5,1,5,5: every keyed score is 5, yet the boxes differ
    assert set(resp.items.loc[6]) == {5}
    # row 7 ticked 4 everywhere: the keyed X3 is 2, yet it is straight-lining
    assert resp.items.loc[7, "X3"] == 2
    assert screen(resp).rows_of("straight_lining") == (3, 7)


def test_only_timestamp_columns_are_ignored(csv_path, inst):
    res = screen(csv_path, inst, ignore_columns=("name",))
    # without the name, row 5 (Citra) repeats row 2 as well
    assert res.rows_of("duplicate") == (4, 5, 10)
    text = CSV.replace("Timestamp", "Cap waktu")
    frame = pd.read_csv(io.StringIO(text))
    assert screen(frame, inst).ignored_columns == ("Cap waktu",)
    assert screen(frame.rename(columns={"Cap waktu": "tanggal"}), inst).rows_of("duplicate") == ()


def test_bad_cells_are_listed_instead_of_stopping(tmp_path, inst):
    lines = CSV.splitlines()
    lines[4] = "2024-03-01 09:10,Citra,9,5,2,4,oke,4"      # row 5: two bad cells
    lines[13:] = ["2024-03-02 10:00,Lia,3,,2,4,4,4", "2024-03-02 10:00,Lia,3,,2,4,4,4"]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ResponseError):
        read_responses(path, inst)
    res = screen(path, inst)
    bad = res.table[res.table["flag"] == "out_of_range"]
    assert list(zip(bad["row"], bad["column"])) == [(5, "X1"), (5, "Y2")]
    assert list(bad["detail"]) == ["9 is outside the scale 1..5",
                                   "'oke' is neither a scale point (1..5) nor a label of "
                                   "the scale"]
    # blanks in the same place are equal: row 15 repeats row 14
    assert res.rows_of("duplicate") == (4, 10, 15)
    assert res.counts["out_of_range"] == 1


# ------------------------------------------------------------------ attention check

@pytest.mark.parametrize("check, failed", [
    ({"column": "check", "expect": "Setuju"}, (7, 8)),
    ({"column": "CHECK ", "expect": [2, 4]}, (8,)),
    ({"column": "check", "expect": "setuju"}, (7, 8)),
    ({"item": "Y1", "expect": [4, 5]}, (3, 8, 11, 13, 14)),
    ({"column": "name", "expect": "Ani"}, (3, 5, 6, 7, 8, 9, 11, 12, 13, 14)),
])
def test_attention_check_forms(csv_path, check, failed):
    inst = instrument_from_dict({**INSTRUMENT, "attention_check": check})
    assert screen(csv_path, inst).rows_of("attention_check") == failed


def test_attention_column_not_in_the_file(csv_path):
    inst = instrument_from_dict({**INSTRUMENT, "attention_check": {"column": "perhatian",
                                                                   "expect": 4}})
    # nothing is flagged for the check, and a note names it and the other columns
    res = screen(csv_path, inst)
    assert len(res.notes) == 1
    assert re.search(r"attention check not screened: no column matches 'perhatian'.*"
                     r"Timestamp, name, check", res.notes[0]), res.notes
    assert res.counts["attention_check"] == 0 and res.counts["duplicate"] > 0


@pytest.mark.parametrize("raw, words", [
    ("X9", "must be a mapping"),
    ({"column": "c"}, "None is not an answer"),
    ({"column": "c", "item": "X1", "expect": 4}, "either 'column' or 'item'"),
    ({"item": "nope", "expect": 4}, "unknown item 'nope'"),
    ({"column": "c", "expect": True}, "True is not an answer"),
    ({"column": "c", "expect": []}, "is not an answer"),
    ({"column": "c", "expect": 4, "note": "x"}, "must be a mapping"),
])
def test_attention_check_schema(raw, words):
    with pytest.raises(InstrumentError, match=words):
        instrument_from_dict({**INSTRUMENT, "attention_check": raw})


def test_attention_check_is_normalised():
    inst = instrument_from_dict({**INSTRUMENT, "attention_check": {"item": "Y1",
                                                                   "expect": [4.0, " S "]}})
    assert inst.attention_check == {"column": "Y1", "expect": (4, "S")}
    assert instrument_from_dict({**INSTRUMENT, "attention_check": None}).attention_check is None


# ------------------------------------------------------------------ analysis and report

@pytest.fixture()
def studies(csv_path, inst):
    from smma_stats.study import analyze

    resp = read_responses(csv_path, inst)
    return analyze(resp), analyze(resp, exclude_flagged=True)


def test_exclude_flagged_drops_the_rows(studies):
    kept, excluded = studies
    assert kept.n == 13 and kept.excluded_rows == ()
    assert excluded.excluded_rows == (3, 4, 7, 8, 10) and excluded.n == 8
    assert list(excluded.responses.items.index) == [2, 5, 6, 9, 11, 12, 13, 14]
    assert list(excluded.scores.index) == list(excluded.responses.items.index)
    assert excluded.settings["exclude_flagged"] is True
    # the screening table still lists what was found in all 13 responses
    assert excluded.screening.n == 13


def test_without_rows_keeps_how_the_file_was_read(csv_path, inst):
    resp = read_responses(csv_path, inst)
    out = without_rows(resp, (2, 3))
    assert out.n == 11 and out.n_read == resp.n_read and out.source == resp.source
    assert 2 not in out.attributes.index and 3 not in out.scores.index


@pytest.mark.parametrize("chunksize", [0, 4])
def test_without_rows_shares_one_index_and_keeps_the_types(csv_path, inst, chunksize):
    resp = read_responses(csv_path, inst, chunksize=chunksize)
    assert resp.chunked == bool(chunksize)
    out = without_rows(resp, [7, 3])
    keep = ~resp.items.index.isin([3, 7])
    for name in ("items", "attributes", "scores"):
        # the same as selecting the rows by a mask, column types included
        pd.testing.assert_frame_equal(getattr(out, name), getattr(resp, name)[keep])
    assert out.items.index is out.attributes.index is out.scores.index
    assert out.n == 11 and list(out.items.index) == [2, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14]
    assert without_rows(resp, ()) is resp and without_rows(resp, [99]) is resp
    # the whole read and the chunked read keep the same answers and scores
    whole = without_rows(read_responses(csv_path, inst, chunksize=0), [7, 3])
    np.testing.assert_array_equal(out.items.to_numpy(float), whole.items.to_numpy(float))
    np.testing.assert_array_equal(out.scores.to_numpy(float), whole.scores.to_numpy(float))


def test_flags_in_the_json_are_the_table_rows(studies):
    from smma_stats.results import jsonable

    kept, excluded = studies
    for study in (kept, excluded):
        d = study.to_dict()
        table = study.screening.table
        assert d["screening"]["flags"] == jsonable(table.to_dict(orient="records"))
        assert d["screening"]["flagged_rows"] == list(study.screening.flagged_rows)
        assert d["excluded_rows"] == list(study.excluded_rows)
        json.dumps(d, allow_nan=False)
    assert excluded.to_dict()["screening"] == kept.to_dict()["screening"]


def _paragraphs(doc) -> str:
    return " ".join(b.text for s in doc.sections for b in s.blocks if isinstance(b, Paragraph))


def test_report_section_follows_the_sample(studies):
    kept, excluded = studies
    doc = build_document(kept)
    titles = [s.title for s in doc.sections if s.level == 1]
    assert titles[:3] == ["Sample", "Data screening", "Respondent Profile"]
    assert titles.index("Descriptive Statistics") < titles.index("Item validity")
    table = next(b for s in doc.sections for b in s.blocks
                 if isinstance(b, Table) and b.title == "Screening results")
    assert table.columns == ("Check", "Responses flagged", "Rows (spreadsheet)")
    assert table.rows == (("Duplicate submission", "2", "4 (= row 2), 10 (= row 2)"),
                          ("Straight-lining", "2", "3 (all 3), 7 (all 4)"),
                          ("Failed attention check", "2", "7 (answer 2), 8 (blank)"))
    text = _paragraphs(doc)
    assert 'Attention check: the question "check" is passed with the answer "4".' in text
    assert "Left out of the duplicate comparison as a time stamp: Timestamp." in text
    assert ("5 of 13 responses were flagged (rows 3, 4, 7, 8, 10); they were kept in the "
            "analysis.") in text
    assert ("5 of 13 responses were flagged and left out of the analysis (rows 3, 4, 7, 8, "
            "10); 8 responses were analysed.") in _paragraphs(build_document(excluded))
    ind = build_document(excluded, "id")
    assert [s.title for s in ind.sections if s.level == 1][1] == "Pemeriksaan Data"
    assert ("Sebanyak 5 dari 13 responden ditandai dan dikeluarkan dari analisis (baris 3, 4, "
            "7, 8, 10); 8 responden dianalisis.") in _paragraphs(ind)


@pytest.mark.parametrize("lang, heading", [("en", "Data screening"), ("id", "Pemeriksaan Data")])
def test_every_format_has_the_section(studies, lang, heading):
    _, excluded = studies
    for fmt in ("text", "markdown", "html"):
        out = render(excluded, fmt, lang=lang)
        assert heading in out and "10 (= " in out
    with zipfile.ZipFile(io.BytesIO(render(excluded, "docx", lang=lang))) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert heading in xml and "10 (= " in xml


def test_json_screening_keys(studies):
    _, excluded = studies
    data = json.loads(render(excluded, "json"))
    sc = data["screening"]
    assert sc["flagged_rows"] == [3, 4, 7, 8, 10] and sc["n"] == 13
    assert sc["counts"]["duplicate"] == 2
    assert {"row", "flag", "column", "other_row", "value", "detail"} <= set(sc["flags"][0])
    assert data["n_excluded"] == 5 and data["excluded_rows"] == [3, 4, 7, 8, 10]
    assert data["missing"]["method"] == "listwise"


# ------------------------------------------------------------------ missing answers and CLI

def _cli(*args):
    from click.testing import CliRunner

    from smma_stats.cli import app

    return CliRunner().invoke(app, ["analyze", *map(str, args)])


@pytest.fixture()
def cli_files(tmp_path):
    import yaml

    (tmp_path / "inst.yaml").write_text(yaml.safe_dump(INSTRUMENT), encoding="utf-8")
    # row 5 (Citra) skips Y2 and row 11 (Hadi) X2
    text = CSV.replace("Citra,4,5,2,4,4,4", "Citra,4,5,2,4,,4").replace(
        "Hadi,2,2,4,2,3,4", "Hadi,2,,4,2,3,4")
    (tmp_path / "resp.csv").write_text(text, encoding="utf-8")
    return tmp_path / "resp.csv", tmp_path / "inst.yaml"


def test_cli_exclude_flagged(csv_path, cli_files):
    _, inst = cli_files
    res = _cli(csv_path, "-i", inst, "--exclude-flagged", "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["excluded_rows"] == [3, 4, 7, 8, 10] and data["n"] == 8
    assert data["settings"]["exclude_flagged"] is True


def test_cli_missing_rules_are_reported(cli_files):
    resp, inst = cli_files
    listwise = _cli(resp, "-i", inst)
    assert listwise.exit_code == 0, listwise.output
    assert "Dropped by listwise deletion because an answer was missing: 2 of 13 rows" in (
        " ".join(listwise.stdout.split()))
    pairwise = _cli(resp, "-i", inst, "--missing", "pairwise", "--format", "json")
    assert pairwise.exit_code == 0, pairwise.output
    data = json.loads(pairwise.stdout)
    assert data["missing"]["method"] == "pairwise" and data["missing"]["n_missing_answers"] == 2
    # one of two or three items is more than the 20% a respondent may skip
    person = _cli(resp, "-i", inst, "--missing", "person-mean", "--lang", "id")
    assert person.exit_code == 0, person.output
    text = " ".join(person.stdout.split())
    assert ("Dikeluarkan karena terlalu banyak jawaban yang kosong: 2 dari 13 baris (nomor "
            "baris pada lembar kerja: 5, 11).") in text
    assert "Jawaban yang diisi: 0; responden yang bersangkutan: 0." in text
    assert "mengosongkan lebih dari 20% butir suatu konstruk dikeluarkan" in text
    bad = _cli(resp, "-i", inst, "--missing", "hotdeck")
    assert bad.exit_code == 2


def test_person_mean_imputation_is_counted(cli_files):
    from smma_stats.study import analyze

    resp, inst = cli_files
    data = read_responses(resp, instrument_from_dict(INSTRUMENT), missing="person-mean",
                          max_missing_share=0.5)
    text = _paragraphs(build_document(analyze(data)))
    assert ("Missing answers were filled in with the mean of the same respondent's other "
            "answers (person-mean imputation). Answers filled in: 2; respondents concerned: "
            "2.") in text
    assert "A respondent who skipped more than 50% of a construct's items was left out." in text
