"""Instrument inference from item-naming habits and --construct specs."""

import pytest

from smma_stats import InstrumentError, load_instrument
from smma_stats.infer import adhoc_instrument, infer_instrument, instrument_to_yaml


def test_dotted_names_give_dimensions_and_models():
    cols = ["id", "gender", "X1.1", "X1.2", "X2.1", "X2.2", "Y1", "Y2", "Y3"]
    inst, notes = infer_instrument(cols)
    assert list(inst.constructs) == ["X", "Y"]
    assert [d.name for d in inst.constructs["X"].dimensions] == ["X1", "X2"]
    assert inst.items_of("Y") == ["Y1", "Y2", "Y3"]
    assert [m.formula for m in inst.models] == ["Y ~ X", "Y ~ X1 + X2"]
    assert any("construct X: 2 dimensions" in n for n in notes)


def test_underscore_and_two_digit_habits():
    inst, _ = infer_instrument(["X1_1", "X1_2", "X2_1", "X2_2", "Y1_1", "Y1_2"])
    assert inst.items_of("X2") == ["X2_1", "X2_2"]
    inst, _ = infer_instrument(["X11", "X12", "X21", "X22", "Y1", "Y2"])
    assert inst.items_of("X1") == ["X11", "X12"]
    assert inst.items_of("Y") == ["Y1", "Y2"]


def test_nothing_item_like():
    with pytest.raises(InstrumentError, match="no column looks like a questionnaire item"):
        infer_instrument(["name", "age", "city"])


def test_adhoc_ranges_and_lists():
    cols = ["id", "A1", "A2", "A3", "B1", "B2"]
    inst, _ = adhoc_instrument(["SMMA=A1..A3", "PI=B1,B2"], cols)
    assert inst.items_of("SMMA") == ["A1", "A2", "A3"]
    assert [m.formula for m in inst.models] == ["PI ~ SMMA"]
    with pytest.raises(InstrumentError, match="no column 'A9' in the file"):
        adhoc_instrument(["SMMA=A1..A9"], cols)
    with pytest.raises(InstrumentError, match="'A1' comes before 'A3'|'A1' comes before"):
        adhoc_instrument(["SMMA=A3..A1"], cols)
    with pytest.raises(InstrumentError, match="write CODE=FIRST..LAST"):
        adhoc_instrument(["SMMA"], cols)


def test_yaml_round_trip(tmp_path):
    inst, _ = infer_instrument(["X1.1", "X1.2", "X2.1", "X2.2", "Y1", "Y2"])
    path = tmp_path / "i.yaml"
    path.write_text(instrument_to_yaml(inst), encoding="utf-8")
    again = load_instrument(path)
    assert again.item_ids == inst.item_ids
    assert [m.formula for m in again.models] == [m.formula for m in inst.models]


def test_shipped_match_needs_exactly_its_items():
    from smma_stats.infer import match_shipped
    from smma_stats.instrument import find_instrument

    ids = find_instrument("smma-instagram").item_ids
    assert match_shipped(["id", "gender", *ids]).name == "smma-instagram"
    # an extra item-like column means the file is not that instrument
    assert match_shipped(["id", *ids, "X1.3"]) is None
    assert match_shipped(ids[:-1]) is None
