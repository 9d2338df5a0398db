"""``smma analyze --mediate/--moderate`` (smma_stats.path_analyses) and the instrument keys.

Data: the shipped sample ``data/sample/smma_responses.csv`` (101
respondents) with its shipped instrument ``smma_instagram``. The numbers
themselves are tested in test_mediation.py and test_moderation.py; here the
command must run the same analyses on the construct scores: the a path
must equal the OLS slope of the mediator's score on X's score, computed
from the scores the library's ``analyze`` gives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import smma, user_error
from smma_stats import analyze, find_instrument, regress

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "smma_responses.csv"
MED = "entertainment -> interaction, trendiness -> PI"
MOD = "PI ~ entertainment * interaction"


@pytest.fixture(scope="module")
def scores():
    return analyze(SAMPLE, find_instrument("smma_instagram")).scores


def test_json_gains_mediation_and_moderation(scores):
    res = smma("analyze", SAMPLE, "--format", "json", "--seed", "3", "--bootstrap", "500",
               "--mediate", MED, "--moderate", MOD)
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    (med,), (mod,) = data["mediation"], data["moderation"]
    assert (med["x"], med["mediators"], med["y"]) == ("entertainment",
                                                     ["interaction", "trendiness"], "PI")
    assert (med["n_resamples"], med["seed"]) == (500, 3)
    a1 = next(r for r in med["paths"] if r["path"] == "a1")
    ref = regress(scores, "interaction", "entertainment").coefficients
    assert a1["b"] == pytest.approx(float(ref["b"].iloc[1]), rel=1e-12)
    assert [r["effect"] for r in med["indirect"]] == ["total", "ind1", "ind2"]
    assert mod["product"] == "entertainment*interaction"
    assert len(mod["conditional_effects"]) == 3
    # the rest of the report is still there
    assert "regressions" in data and "scales" in data


def test_every_format_and_language_has_the_sections():
    """Mediation and moderation have report sections of their own, in both languages."""
    for fmt, lang, marks in (
            ("text", "en", ("Mediation Analysis: entertainment -> interaction, trendiness -> PI",
                            "Indirect effects",
                            "Moderation Analysis: PI ~ entertainment * interaction")),
            ("markdown", "id", ("Analisis Mediasi (Variabel Intervening)", "Efek tidak langsung",
                                "Analisis Moderasi")),
            ("html", "en", ("Sobel test", "Conditional effects of entertainment"))):
        res = smma("analyze", SAMPLE, "--format", fmt, "--lang", lang, "--seed", "1",
                   "--bootstrap", "200", "--mediate", MED, "--moderate", MOD)
        assert res.exit_code == 0, res.stderr
        for mark in marks:
            assert mark in res.stdout, (fmt, mark)
    assert res.stdout.rstrip().endswith("</html>")


@pytest.mark.slow
def test_plots_hold_the_moderation_figures(tmp_path):
    res = smma("analyze", SAMPLE, "--plots", tmp_path, "--moderate", MOD)
    assert res.exit_code == 0, res.stderr
    names = sorted(p.name for p in tmp_path.glob("moderation_*.png"))
    assert names == ["moderation_1_PI_entertainment_interaction_johnson_neyman.png",
                     "moderation_1_PI_entertainment_interaction_simple_slopes.png"]
    assert (tmp_path / names[0]).read_bytes()[:4] == b"\x89PNG"


def test_moderation_figures_sit_in_their_section(tmp_path):
    """Numbered in the moderation's own section, in the report's language."""
    res = smma("analyze", SAMPLE, "--plots", tmp_path, "--moderate", MOD, "--lang", "id",
               "--format", "markdown")
    assert res.exit_code == 0, res.stderr
    text = res.stdout
    start = text.index("## Analisis Moderasi")
    section = text[start:text.index("\n## ", start + 1)]
    assert "Simple slope: nilai prediksi Minat beli (PI) terhadap Hiburan" in section
    assert "Efek bersyarat Hiburan (entertainment) terhadap Minat beli (PI)" in section
    assert section.count("**Gambar 4.") == 2


@pytest.mark.parametrize("option, text, message", [
    ("--mediate", "SMMA -> PI", "cannot read the mediation model 'SMMA -> PI'"),
    ("--moderate", "PI ~ SMMA", "cannot read the moderation model 'PI ~ SMMA'"),
    ("--mediate", "SMMA -> NOPE -> PI",
     "mediation 'SMMA -> NOPE -> PI': column 'NOPE' is not in the data"),
    ("--moderate", "PI ~ SMMA * SMMA",
     "moderation 'PI ~ SMMA * SMMA': column 'SMMA' is both X and W"),
])
def test_bad_specification_is_one_line(option, text, message):
    line = user_error(smma("analyze", SAMPLE, option, text))
    assert message in line


def test_instrument_keys_run_the_analyses(tmp_path):
    src = find_instrument("smma_instagram").source
    yaml = Path(src).read_text(encoding="utf-8")
    yaml += ("\nmediation:\n  - {x: entertainment, m: [interaction], y: PI}\n"
             "moderation:\n  - {x: entertainment, w: interaction, y: PI, center: true}\n")
    inst = tmp_path / "inst.yaml"
    inst.write_text(yaml, encoding="utf-8")
    res = smma("analyze", SAMPLE, "--instrument", inst, "--format", "json", "--seed", "2",
               "--bootstrap", "300")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["mediation"][0]["mediators"] == ["interaction"]
    assert data["moderation"][0]["center"] is True
    assert data["moderation"][0]["conditional_effects"][1]["w"] == pytest.approx(0.0, abs=1e-9)


def test_word_reports_hold_the_sections(tmp_path):
    import docx

    out = tmp_path / "r.docx"
    res = smma("analyze", SAMPLE, "--format", "docx", "--out", out, "--moderate", MOD)
    assert res.exit_code == 0, res.stderr
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Moderation Analysis: PI ~ entertainment * interaction" in text
