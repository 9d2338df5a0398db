"""Instrument inference: naming habits, answer labels, --construct specs, YAML output.

Fixtures ``tests/data/forms_*.csv`` are Google Forms-style exports written by
``tests/data/make_forms_fixtures.py`` (seeded factor model; see its
docstring). The corrected item-total correlation is checked against R.
"""

from pathlib import Path

import numpy as np
import pytest

from smma_stats import InstrumentError, load_instrument
from smma_stats.infer import (
    adhoc_instrument,
    construct_columns,
    infer_instrument,
    instrument_to_yaml,
    propose_instrument,
    with_models,
)
from smma_stats.infer.answers import (
    attention_answer,
    classify,
    corrected_item_total,
    is_attribute_header,
    label_value,
)

DATA = Path(__file__).parent / "data"


def _frame(name):
    from smma_stats.readers import load_table

    return load_table(DATA / f"forms_{name}.csv", None).frame


# ------------------------------------------------------------------ naming habits

def test_two_x_numbers_are_two_constructs_with_multiple_and_simple_models():
    cols = ["id", "gender", "X1.1", "X1.2", "X2.1", "X2.2", "Y1", "Y2", "Y3"]
    inst, notes = infer_instrument(cols)
    assert list(inst.constructs) == ["X1", "X2", "Y"]
    assert inst.items_of("X2") == ["X2.1", "X2.2"]
    assert not inst.dimensions
    assert [m.formula for m in inst.models] == ["Y ~ X1 + X2", "Y ~ X1", "Y ~ X2"]
    assert notes[0] == ("X1.1..X1.2 and X2.1..X2.2 read as 2 constructs X1 and X2; use "
                        "--dimensions to read them as dimensions of X")


def test_dimensions_reading_only_when_asked():
    inst, notes = infer_instrument(["X1.1", "X1.2", "X2.1", "X2.2", "Y1", "Y2"], dimensions=True)
    assert list(inst.constructs) == ["X", "Y"]
    assert [d.name for d in inst.constructs["X"].dimensions] == ["X1", "X2"]
    assert [m.formula for m in inst.models] == ["Y ~ X", "Y ~ X1 + X2"]
    assert notes[0] == ("X1.1..X1.2 and X2.1..X2.2 read as dimensions X1 and X2 of one "
                        "construct X (--dimensions)")


def test_underscore_and_two_digit_habits():
    inst, _ = infer_instrument(["X1_1", "X1_2", "X2_1", "X2_2", "Y1_1", "Y1_2"])
    assert list(inst.constructs) == ["X1", "X2", "Y"]
    assert inst.items_of("Y") == ["Y1_1", "Y1_2"]
    inst, _ = infer_instrument(["X11", "X12", "X21", "X22", "Y1", "Y2"])
    assert inst.items_of("X1") == ["X11", "X12"] and inst.items_of("Y") == ["Y1", "Y2"]
    inst, _ = infer_instrument(["X1", "X2", "X3", "Y1", "Y2"])   # one X: items of X
    assert list(inst.constructs) == ["X", "Y"]
    assert [m.formula for m in inst.models] == ["Y ~ X"]


def test_nothing_item_like():
    with pytest.raises(InstrumentError, match="no column looks like a questionnaire item"):
        infer_instrument(["name", "age", "city"])


def test_shipped_match_needs_exactly_its_items():
    from smma_stats.infer import match_shipped
    from smma_stats.instrument import find_instrument

    ids = find_instrument("smma-instagram").item_ids
    assert match_shipped(["id", "gender", *ids]).name == "smma-instagram"
    # an extra item-like column means the file is not that instrument
    assert match_shipped(["id", *ids, "X1.3"]) is None
    assert match_shipped(ids[:-1]) is None


# ------------------------------------------------------------------ --construct specs

def test_adhoc_ranges_and_lists():
    cols = ["id", "A1", "A2", "A3", "B1", "B2"]
    inst, _ = adhoc_instrument(["SMMA=A1..A3", "PI=B1,B2"], cols)
    assert inst.items_of("SMMA") == ["A1", "A2", "A3"]
    assert [m.formula for m in inst.models] == ["PI ~ SMMA"]
    with pytest.raises(InstrumentError, match="no column 'A9' in the file"):
        adhoc_instrument(["SMMA=A1..A9"], cols)
    with pytest.raises(InstrumentError, match="'A1' comes before 'A3'"):
        adhoc_instrument(["SMMA=A3..A1"], cols)
    with pytest.raises(InstrumentError, match="write CODE=FIRST..LAST"):
        adhoc_instrument(["SMMA"], cols)


HEADERS = ["Timestamp", "1. Harga terjangkau, sesuai kualitas", "2. Harga bersaing",
           "3. Diskon menarik", "X1.1", "X1.2", "X1.3", "Y1", "Y2"]


@pytest.mark.parametrize("spec, expected", [
    ('X="1. Harga terjangkau, sesuai kualitas"..\'3. Diskon menarik\'', HEADERS[1:4]),
    ("X=#2..#4", HEADERS[1:4]),
    ('X=#2, "3. Diskon menarik"', [HEADERS[1], HEADERS[3]]),
    ("X1=X1.1..X1.3", ["X1.1", "X1.2", "X1.3"]),
    ("X1 = x1.1 .. X1.2 , Y2", ["X1.1", "X1.2", "Y2"]),
    ("Y=Y1,Y2", ["Y1", "Y2"]),
    ("X=#5..X1.3,#8", ["X1.1", "X1.2", "X1.3", "Y1"]),
])
def test_construct_references_quoted_positions_and_ranges(spec, expected):
    assert construct_columns(spec, HEADERS)[1] == expected


@pytest.mark.parametrize("spec, message", [
    ('X="1. Harga terjangkau, sesuai kualitas..#3', "a quote is not closed"),
    ("X=#0..#3", "#0: the file has columns #1..#9"),
    ("X=#2..#12", "#12: the file has columns #1..#9"),
    ("X=1. Harga terjangkau, sesuai kualitas", "no column '1. Harga terjangkau' in the file"),
    ('X="X1.1" "X1.2"', "unexpected"),
    ("X=X1.1,,X1.2", "a column name is missing"),
    ("X=X1.1,X1.1", "column 'X1.1' is named twice"),
    ("=X1.1", "write CODE=FIRST..LAST"),
])
def test_construct_spec_errors_name_the_problem(spec, message):
    with pytest.raises(InstrumentError) as info:
        construct_columns(spec, HEADERS)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_adhoc_long_headers_get_item_ids_and_a_columns_mapping():
    inst, _ = adhoc_instrument(["X=#2..#4", "Y=Y1,Y2"], HEADERS)
    assert inst.items_of("X") == ["X1", "X2", "X3"]
    assert inst.columns["2. Harga bersaing"] == "X2"
    assert inst.items_of("Y") == ["Y1", "Y2"]


def test_with_models_replaces_and_checks_names():
    inst, _ = infer_instrument(["X1.1", "X1.2", "X2.1", "X2.2", "Y1", "Y2"])
    again = with_models(inst, ["Y ~ X2"])
    assert [m.formula for m in again.models] == ["Y ~ X2"]
    with pytest.raises(InstrumentError, match="'Z' is not a construct or dimension"):
        with_models(inst, ["Y ~ Z"])
    with pytest.raises(InstrumentError, match="write a model as"):
        with_models(inst, ["Y X1"])


# ------------------------------------------------------------------ answers

@pytest.mark.parametrize("text, value", [
    ("Sangat Tidak Setuju", 1), ("sangat  tidak setuju", 1), ("STS", 1), ("Disagree", 2),
    ("Ragu-ragu", 3), ("ragu ragu", 3), ("Netral", 3), ("Strongly agree", 5), ("SS", 5),
    ("5 (Sangat Setuju)", 5), ("SS - 5", 5), ("4", 4), ("Laki-laki", None),
    ("5 (Setuju)", None),
])
def test_label_values(text, value):
    assert label_value(text) == value


def test_attention_questions_and_attribute_headers():
    assert attention_answer("Untuk pertanyaan ini, pilih Setuju") == 4
    assert attention_answer('For this question, choose "Strongly disagree"') == 1
    assert attention_answer("Saya memilih produk ini") is None
    assert is_attribute_header("Jenis Kelamin") and is_attribute_header("Usia (tahun)")
    assert is_attribute_header("Alamat email")
    assert not is_attribute_header("Saya merasa nama merek ini mudah diingat")


def test_classify_columns():
    import pandas as pd

    assert classify(pd.Series(["Setuju", "STS", None, "Ragu-ragu"])) == (
        "labels", {"Setuju": 4, "STS": 1, "Ragu-ragu": 3})
    assert classify(pd.Series([1, 2, 5, 4])) == ("codes", {})
    assert classify(pd.Series([18, 22, 25])) is None          # age
    assert classify(pd.Series(["Laki-laki", "Perempuan"])) is None
    assert classify(pd.Series(["Setuju", "Setuju"])) is None   # one answer only


def test_corrected_item_total_matches_r():
    x = np.array([[1, 2, 5, 2], [2, 2, 4, 3], [3, 4, 2, 3], [4, 5, 1, 5], [5, 4, 2, 4],
                  [4, 5, 1, 4.]])
    # R 4.x: sapply(1:4, function(j) cor(x[, j], rowSums(x[, -j])))
    # (= psych::alpha(x, check.keys = FALSE)$item.stats$r.drop)
    golden = [0.721110255092798, 0.417391935564841, -0.961869283869656, 0.787295821622217]
    assert corrected_item_total(x) == pytest.approx(golden, rel=1e-12)
    # incomplete rows are left out
    y = np.vstack([x, [np.nan, 1, 1, 1]])
    assert corrected_item_total(y) == pytest.approx(golden, rel=1e-12)


# ------------------------------------------------------------------ whole files

def test_grid_questions_give_one_construct_per_title():
    p = propose_instrument(_frame("grid"))
    inst = p.instrument
    assert list(inst.constructs) == ["KP", "HARGA", "KPE"]
    assert [inst.label_of(c) for c in inst.constructs] == [
        "Kualitas Produk", "Harga", "Keputusan Pembelian"]
    assert inst.items["KP3"].text == "Produk mudah rusak"
    assert inst.reverse == ("KP3",)
    assert inst.columns["Kualitas Produk [Produk mudah rusak]"] == "KP3"
    assert [m.formula for m in inst.models] == ["KPE ~ KP + HARGA", "KPE ~ KP", "KPE ~ HARGA"]
    assert inst.attention_check["column"] == "Untuk pertanyaan ini, pilih Setuju"
    assert inst.attention_check["expect"] == (4,)
    assert p.attributes == ("Timestamp", "Nama", "Jenis Kelamin", "Usia")
    # the file's own label for 3 becomes the label; the usual one stays an alias
    assert inst.scale.labels[3] == "Ragu-ragu" and "Netral" in inst.scale.aliases[3]
    assert p.comments["models"] == (
        "check: the last construct, KPE, is taken as the dependent variable",)


def test_numbered_headers_follow_the_thesis_naming():
    p = propose_instrument(_frame("numbered"))
    inst = p.instrument
    assert list(inst.constructs) == ["X1", "X2", "Y"]
    assert inst.items_of("Y") == ["Y1", "Y2", "Y3", "Y4", "Y5"]
    assert inst.reverse == ("Y4",)
    assert [m.formula for m in inst.models] == ["Y ~ X1 + X2", "Y ~ X1", "Y ~ X2"]
    assert p.notes[0].startswith("X1.1..X1.5 and X2.1..X2.4 read as 2 constructs X1 and X2")
    assert "Y4 read as reverse-keyed (corrected item-total r = -0.648)" in p.notes
    dims = propose_instrument(_frame("numbered"), dimensions=True).instrument
    assert list(dims.constructs) == ["X", "Y"] and list(dims.dimensions) == ["X1", "X2"]


def test_sections_without_prefixes_are_grouped_by_position():
    p = propose_instrument(_frame("sections"))
    inst = p.instrument
    assert list(inst.constructs) == ["X", "Y"]
    assert inst.columns["1. Harga terjangkau, sesuai kualitas"] == "X1"
    assert inst.reverse == ("X2",)
    assert p.comments["constructs.X"] == (
        "check: grouped by position (columns #5..#9, one block of consecutive questions)",)
    assert (inst.scale.min, inst.scale.max) == (1, 5)
    assert inst.attention_check["column"] == "Pilih Setuju untuk pertanyaan ini"


def test_given_constructs_keep_the_answers_scale():
    frame = _frame("sections")
    headers = list(frame.columns)
    specs = [construct_columns("H=#5..#9", headers), construct_columns("P=#11..#14", headers)]
    p = propose_instrument(frame, constructs=specs)
    assert p.instrument.name == "adhoc" and list(p.instrument.constructs) == ["H", "P"]
    assert p.instrument.reverse == ("H2",)
    assert [m.formula for m in p.instrument.models] == ["P ~ H"]


def test_no_answer_columns():
    import pandas as pd

    frame = pd.DataFrame({"Nama": ["a", "b"], "Kota": ["x", "y"], "Skor": [70, 85]})
    with pytest.raises(InstrumentError, match="no column holds questionnaire answers"):
        propose_instrument(frame)


@pytest.mark.parametrize("name", ["grid", "numbered", "sections"])
def test_proposal_yaml_loads_to_the_same_instrument(tmp_path, name):
    p = propose_instrument(_frame(name))
    path = tmp_path / "i.yaml"
    path.write_text(p.to_yaml(f"forms_{name}.csv"), encoding="utf-8")
    again = load_instrument(path)
    inst = p.instrument
    for field in ("name", "scale", "constructs", "reverse", "models", "columns",
                  "attention_check", "categories", "score"):
        assert getattr(again, field) == getattr(inst, field), field
    text = path.read_text(encoding="utf-8")
    assert "Ragu-ragu" in text and "STS" in text
    assert "# corrected item-total r = " in text


def test_instrument_to_yaml_keeps_aliases_columns_and_check(tmp_path):
    inst = propose_instrument(_frame("grid")).instrument
    path = tmp_path / "i.yaml"
    path.write_text(instrument_to_yaml(inst), encoding="utf-8")
    again = load_instrument(path)
    for field in ("scale", "constructs", "reverse", "models", "columns", "attention_check"):
        assert getattr(again, field) == getattr(inst, field), field


def test_section_numbering_english_labels_and_a_lone_question():
    import pandas as pd

    rng = np.random.default_rng(5)
    labels = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
    z = rng.normal(size=(40, 2))

    def col(k):
        v = np.clip(np.rint(3 + z[:, k] + 0.5 * rng.normal(size=40)), 1, 5).astype(int)
        return [labels[i - 1] for i in v]

    frame = pd.DataFrame({
        "Email Address": [f"r{i}@mail.id" for i in range(40)],
        "1.1 The posts are fun": col(0), "1.2 The posts are new": col(0),
        "1.3 The posts are useful": col(0),
        "Overall I like the brand": col(0),
        "Semester": rng.integers(1, 9, size=40),
        "2.1 I will buy": col(1), "2.2 I will tell friends": col(1)})
    p = propose_instrument(frame)
    inst = p.instrument
    assert list(inst.constructs) == ["X", "Y"]
    assert inst.columns["1.2 The posts are new"] == "X2"
    assert inst.items["X2"].text == "The posts are new"
    assert inst.columns["2.2 I will tell friends"] == "Y2"
    assert p.comments["constructs.X"] == ("grouped by the numbering 1.x of the questions",)
    # a lone question and the semester (codes 1..8, but a respondent detail) are not items
    assert p.attributes == ("Email Address", "Overall I like the brand", "Semester")
    assert p.notes[0] == ("'Overall I like the brand' looks like a scale question but stands "
                          "alone: left out of the constructs")
    assert inst.scale.labels[5] == "Strongly agree" and "Sangat Setuju" in inst.scale.aliases[5]
    assert not inst.reverse
