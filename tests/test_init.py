"""``smma init`` end to end, the instrument chosen by ``analyze``/``validate``
without ``-i``, ``--construct`` references, ``--model`` with ``-i``,
``--dimensions``, ``--version``.

Fixtures ``tests/data/forms_*.csv`` are Google Forms-style exports written
by ``tests/data/make_forms_fixtures.py`` (seeded; grid questions, numbered
questions, sections without prefixes). The regression of the numbered file
is checked against R.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from clirun import smma, user_error

from smma_stats import __version__, load_instrument

DATA = Path(__file__).parent / "data"
FIXTURES = ["grid", "numbered", "sections"]


def _init(tmp_path, name, *extra):
    out = tmp_path / f"{name}.yaml"
    res = smma("init", DATA / f"forms_{name}.csv", "-o", out, *extra)
    assert res.exit_code == 0, res.output
    assert res.stderr == f"instrument written to {out}\n"
    return out, res


def _json(*args):
    res = smma("analyze", *args, "-f", "json")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.mark.parametrize("name, constructs, reverse", [
    ("grid", ["KP", "HARGA", "KPE"], ["KP3"]),
    ("numbered", ["X1", "X2", "Y"], ["Y4"]),
    ("sections", ["X", "Y"], ["X2"]),
])
def test_init_validate_analyze(tmp_path, name, constructs, reverse):
    out, res = _init(tmp_path, name)
    raw = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert list(raw["constructs"]) == constructs
    assert raw["reverse"] == reverse
    assert "Ragu-ragu" in raw["scale"]["labels"].values() or "Ragu-ragu" in raw["scale"][
        "aliases"][3]
    assert raw["attention_check"]["expect"] == 4
    assert f"{reverse[0]} read as reverse-keyed" in res.stdout
    responses = DATA / f"forms_{name}.csv"
    checked = smma("validate", responses, "-i", out)
    assert checked.exit_code == 0, checked.output
    assert "no problems found" in checked.stdout and "attention check" in checked.stdout
    assert smma("validate", responses).exit_code == 0
    report = smma("analyze", responses, "-i", out)
    assert report.exit_code == 0, report.output


@pytest.mark.parametrize("name", FIXTURES)
def test_the_written_yaml_gives_the_same_numbers_as_the_run_without_it(tmp_path, name):
    out, _ = _init(tmp_path, name)
    responses = DATA / f"forms_{name}.csv"
    inferred = _json(responses)
    written = _json(responses, "-i", out)
    assert inferred["notes"][0] == "instrument inferred from the file"
    assert written["notes"] == ["instrument: inferred"]
    for key in set(inferred) - {"notes"}:
        assert written[key] == inferred[key], key
    assert inferred["regressions"] and inferred["scales"]


def test_labels_written_by_init_are_all_accepted(tmp_path):
    """Ragu-ragu was refused by the YAML an older init wrote: every label seen is kept."""
    out, _ = _init(tmp_path, "grid")
    inst = load_instrument(out)
    texts = {t.casefold() for t in inst.scale.labels.values()}
    texts |= {t.casefold() for ts in inst.scale.aliases.values() for t in ts}
    assert {"sangat tidak setuju", "tidak setuju", "ragu-ragu", "setuju",
            "sangat setuju", "netral", "sts", "ss"} <= texts


def test_two_x_constructs_and_the_multiple_regression_match_r(tmp_path):
    data = _json(DATA / "forms_numbered.csv")
    assert list(data["scales"]) == ["X1", "X2", "Y"]
    assert [r["formula"] for r in data["regressions"]] == ["Y ~ X1 + X2", "Y ~ X1", "Y ~ X2"]
    reg = data["regressions"][0]
    # R 4.x: labels STS..SS -> 1..5, Y4 reversed (6 - x), complete cases, sum scores;
    # summary(lm(Y ~ X1 + X2))$r.squared and coef(...)
    assert reg["n"] == 87
    assert reg["r2"] == pytest.approx(0.451036799221289, rel=1e-12)
    assert [c["b"] for c in reg["coefficients"]] == pytest.approx(
        [5.001955838431919, 0.455190449068962, 0.295748245008604], rel=1e-11)
    # psych::alpha(Y items, check.keys = FALSE)$total$raw_alpha
    assert data["scales"]["Y"]["alpha"] == pytest.approx(0.856004683097194, rel=1e-12)
    assert any("use --dimensions to read them as dimensions of X" in n for n in data["notes"])


def test_dimensions_flag(tmp_path):
    data = _json(DATA / "forms_numbered.csv", "--dimensions")
    assert list(data["scales"]) == ["X", "Y"]
    assert [r["formula"] for r in data["regressions"]] == ["Y ~ X", "Y ~ X1 + X2"]
    out, res = _init(tmp_path, "numbered", "--dimensions")
    assert list(load_instrument(out).dimensions) == ["X1", "X2"]
    assert "(--dimensions)" in res.stdout


def test_construct_with_quoted_headers_and_positions(tmp_path):
    responses = DATA / "forms_sections.csv"
    spec_x = 'H="1. Harga terjangkau, sesuai kualitas".."5. Diskon menarik"'
    by_name = _json(responses, "--construct", spec_x, "--construct", "P=#11..#14")
    by_pos = _json(responses, "--construct", "H=#5..#9", "--construct", "P=#11..#14")
    assert by_name["scales"] == by_pos["scales"]
    assert [r["formula"] for r in by_name["regressions"]] == ["P ~ H"]
    out, _ = _init(tmp_path, "sections", "--construct", "H=#5..#9", "--construct", "P=#11..#14")
    inst = load_instrument(out)
    assert inst.items_of("H") == ["H1", "H2", "H3", "H4", "H5"] and inst.reverse == ("H2",)
    written = _json(responses, "-i", out)
    assert written["scales"] == by_pos["scales"]


def test_model_with_instrument_replaces_its_models(tmp_path):
    out, _ = _init(tmp_path, "numbered")
    data = _json(DATA / "forms_numbered.csv", "-i", out, "--model", "Y ~ X2")
    assert [r["formula"] for r in data["regressions"]] == ["Y ~ X2"]
    assert "models from --model used instead of the instrument's: Y ~ X2" in data["notes"]


def test_instrument_without_models_says_no_regression_was_run(tmp_path):
    out, _ = _init(tmp_path, "sections")
    raw = yaml.safe_load(out.read_text(encoding="utf-8"))
    del raw["models"]
    bare = tmp_path / "bare.yaml"
    bare.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    data = _json(DATA / "forms_sections.csv", "-i", bare)
    assert data["regressions"] == []
    assert "no models: no regression was run" in data["notes"]
    text = smma("analyze", DATA / "forms_sections.csv", "-i", bare)
    assert "No models: no regression was run." in text.stdout


def test_version_and_synthesize_help():
    res = smma("--version")
    assert res.exit_code == 0 and res.stdout == f"smma {__version__}\n"
    help_text = " ".join(smma("synthesize", "--help").stdout.split())
    start = help_text.index("--instrument")
    assert "Default" not in help_text[start:help_text.index("--targets")]
    assert "required" in help_text[start:help_text.index("--targets")]


@pytest.mark.parametrize("args, message", [
    (("init", "{people}"), "no column holds questionnaire answers"),
    (("init", "{sections}", "--construct", 'X="1. Harga..#3'), "a quote is not closed"),
    (("init", "{sections}", "--construct", "X=1. Harga terjangkau, sesuai kualitas..#7"),
     "no column '1. Harga terjangkau' in the file"),
    (("init", "{sections}", "--construct", "X=#3..#40"), "#40: the file has columns #1..#14"),
    (("init", "{sections}", "--model", "Y ~ Q"), "'Q' is not a construct or dimension"),
    (("analyze", "{sections}", "-i", "{yaml}", "--model", "Y ~ Q"),
     "'Q' is not a construct or dimension"),
    (("analyze", "{sections}", "-i", "{yaml}", "--dimensions"),
     "--dimensions applies without --instrument"),
    (("validate", "{sections}", "--construct", "X=#5..#2"), "comes before"),
    (("init", "{sections}", "-o", "{yaml}"), "exists; use --force to replace it"),
])
def test_errors_are_one_line_exit_1(tmp_path, args, message):
    people = tmp_path / "people.csv"
    people.write_text("Nama,Kota,Skor\na,x,70\nb,y,85\n", encoding="utf-8")
    out, _ = _init(tmp_path, "sections")
    paths = {"people": people, "sections": DATA / "forms_sections.csv", "yaml": out}
    argv = [a.format(**paths) for a in args]
    if argv[0] == "init" and "-o" not in argv:
        argv += ["-o", str(tmp_path / "new.yaml")]
    line = user_error(smma(*argv))
    assert message in line


def test_a_file_of_a_shipped_instrument_gets_a_copy_of_it(tmp_path):
    sample = Path(__file__).parents[1] / "data" / "sample" / "smma_responses.csv"
    out = tmp_path / "smma.yaml"
    res = smma("init", sample, "-o", out)
    assert res.exit_code == 0, res.output
    assert res.stdout == ("instrument: smma-instagram (shipped; its item columns match the "
                          "file)\n")
    inst = load_instrument(out)
    assert inst.name == "smma-instagram" and inst.dimensions   # SMMA keeps its dimensions


def test_init_reads_an_excel_export(tmp_path):
    import pandas as pd

    book = tmp_path / "kuesioner.xlsx"
    pd.read_csv(DATA / "forms_grid.csv", dtype=str, keep_default_na=False).to_excel(
        book, index=False)
    out = tmp_path / "grid.yaml"
    res = smma("init", book, "-o", out)
    assert res.exit_code == 0, res.output
    inst = load_instrument(out)
    assert list(inst.constructs) == ["KP", "HARGA", "KPE"] and inst.reverse == ("KP3",)
