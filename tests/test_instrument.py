"""Instrument YAML: the public schema, and one clear message per wrong key."""

from pathlib import Path

import pytest

from smma_stats import InstrumentError, load_instrument
from smma_stats.instrument import find_instrument, instrument_from_dict, shipped_instruments

GOOD = """
name: demo
title: Demo study
scale: {min: 1, max: 5, labels: {1: Sangat Tidak Setuju, 2: Tidak Setuju, 3: Netral, 4: Setuju, 5: Sangat Setuju}}
score: sum
constructs:
  SMMA:
    label: Social Media Marketing Activities
    dimensions:
      entertainment: {items: {X1.1: "item wording", X1.2: {id: "kalimat", en: "wording"}}}
      interaction:   {items: [X2.1, X2.2]}
  PI:
    label: Purchase intention
    items: [Y1, Y2, Y3]
reverse: [Y3]
models:
  - PI ~ SMMA
  - PI ~ entertainment + interaction
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "inst.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_schema_example_loads(tmp_path):
    inst = load_instrument(write(tmp_path, GOOD))
    assert inst.name == "demo"
    assert inst.title == "Demo study"
    assert (inst.scale.min, inst.scale.max) == (1, 5)
    assert inst.scale.labels[5] == "Sangat Setuju"
    assert inst.item_ids == ["X1.1", "X1.2", "X2.1", "X2.2", "Y1", "Y2", "Y3"]
    assert inst.items_of("interaction") == ["X2.1", "X2.2"]
    assert inst.items_of("SMMA") == ["X1.1", "X1.2", "X2.1", "X2.2"]
    assert inst.items["X1.1"].text == "item wording"
    assert inst.items["X1.2"].text == "kalimat" and inst.items["X1.2"].text_en == "wording"
    assert inst.reverse == ("Y3",) and inst.items["Y3"].reverse
    assert [m.formula for m in inst.models] == ["PI ~ SMMA",
                                                "PI ~ entertainment + interaction"]
    assert inst.categories == {"method": "interval", "levels": 3, "basis": "hypothetical"}


@pytest.mark.parametrize("change, message", [
    (("reverse: [Y3]", "reverse: [Y9]"), "key 'reverse': unknown item 'Y9'"),
    (("items: [Y1, Y2, Y3]", "items: [Y1, Y2, X2.1]"),
     "item 'X2.1' appears in both 'SMMA' and 'PI'"),
    (("items: [Y1, Y2, Y3]", "items: [Y1, Y1, Y3]"), "key 'constructs.PI': item 'Y1' appears"),
    (("- PI ~ SMMA", "- PI ~ BRAND"),
     "key 'models[0]': 'BRAND' is not a construct or dimension"),
    (("{min: 1, max: 5,", "{min: 5, max: 5,"), "key 'scale': min (5) must be below max (5)"),
    (("{min: 1, max: 5,", "{min: 6, max: 5,"), "key 'scale': min (6) must be below max (5)"),
    (("score: sum", "score: median"), "key 'score': must be 'sum' or 'mean'"),
    (("name: demo", "nam: demo"), "unknown key 'nam'"),
    (("- PI ~ SMMA", "- PI SMMA"), "key 'models[0]': write a model as 'Y ~ X1 + X2'"),
    (("- PI ~ SMMA", "- PI ~ PI"), "key 'models[0]': 'PI' is on both sides"),
])
def test_wrong_instrument_names_the_key(tmp_path, change, message):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(InstrumentError) as err:
        load_instrument(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(InstrumentError, match="instrument file not found"):
        load_instrument(tmp_path / "nope.yaml")
    with pytest.raises(InstrumentError, match="not valid YAML at line 2"):
        load_instrument(write(tmp_path, "name: x\n  scale: [\n"))


def test_categories_and_columns_are_checked():
    base = {"name": "x", "scale": {"min": 1, "max": 5},
            "constructs": {"A": {"items": ["a1", "a2"]}}}
    with pytest.raises(InstrumentError, match="categories.method"):
        instrument_from_dict({**base, "categories": {"method": "quartile"}})
    with pytest.raises(InstrumentError, match="categories.levels"):
        instrument_from_dict({**base, "categories": {"levels": 4}})
    with pytest.raises(InstrumentError, match=r"key 'columns.Question one': unknown item"):
        instrument_from_dict({**base, "columns": {"Question one": "zz"}})
    with pytest.raises(InstrumentError, match="give either 'items' or 'dimensions'"):
        instrument_from_dict({**base, "constructs": {"A": {"label": "a"}}})


def test_shipped_instruments_are_found_by_name_and_stem():
    shipped = shipped_instruments()
    assert "smma-instagram" in shipped
    by_name = find_instrument("smma-instagram")
    by_stem = find_instrument("smma_instagram")
    assert by_name.item_ids == by_stem.item_ids
    with pytest.raises(InstrumentError, match="no instrument file or shipped instrument"):
        find_instrument("no-such-instrument")
