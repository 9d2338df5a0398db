"""The report: message catalogue, exact text/Markdown output, HTML safety, JSON contract.

The expected outputs under ``tests/data/report_expected_*`` were generated
once from the fixture below and checked line by line against the result
objects (and the regression numbers against statsmodels OLS). Regenerate
them after an intended change with ``SMMA_UPDATE_EXPECTED=1``.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import string
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import SmmaError
from smma_stats.report import build as build_mod
from smma_stats.report import render
from smma_stats.report.build import build_document
from smma_stats.report.format import level, num, prop, pval
from smma_stats.report.document import Figure, Paragraph, Table
from smma_stats.report.messages import EN, ID, msg

DATA = Path(__file__).resolve().parent / "data"
UPDATE = os.environ.get("SMMA_UPDATE_EXPECTED") == "1"

INSTRUMENT = """\
name: report-fixture
title: Social media marketing and purchase intention
title_id: Pemasaran media sosial dan minat beli
scale: {min: 1, max: 5}
constructs:
  SMMA:
    label: Social media marketing activities
    label_id: Aktivitas pemasaran media sosial
    dimensions:
      entertainment: {label: Entertainment, label_id: Hiburan, items: [X1, X2]}
      interaction: {label: Interaction, label_id: Interaksi, items: [X3, X4, X5]}
  PI:
    label: Purchase intention
    label_id: Minat beli
    items: [Y1, Y2, Y3]
models:
  - PI ~ SMMA
  - PI ~ entertainment + interaction
"""

# 20 respondents; X5 is unrelated to the rest (an invalid item), row 8 misses Y2.
RESPONSES = """\
X1,X2,X3,X4,X5,Y1,Y2,Y3
5,4,4,4,3,4,4,3
3,4,4,5,2,3,4,5
4,2,4,4,3,4,4,3
2,3,1,2,2,1,1,3
1,1,1,2,3,2,1,2
3,4,4,4,4,3,3,3
4,5,3,3,3,4,,5
4,3,4,3,3,3,3,4
4,4,5,5,2,5,5,5
4,4,4,4,1,4,5,4
4,4,3,4,4,4,4,5
3,2,2,2,5,2,4,4
2,2,3,2,4,1,3,3
5,5,5,5,2,4,3,5
3,4,3,2,3,3,3,4
5,4,4,3,3,3,4,4
1,1,2,2,3,1,2,1
2,3,2,4,1,3,2,3
3,2,1,2,5,2,2,2
2,2,2,2,2,3,3,1
"""

VERSIONS = {"smma_stats": "0.0.test", "numpy": "1.0", "pandas": "2.0", "scipy": "1.1"}

# Symbols and names that read the same in both languages.
NEUTRAL = {"R", "F", "t", "df", "B", "Beta", "VIF", "N", "Z", "Sig.", "Durbin-Watson",
           "dL", "dU", "4 - dU", "4 - dL", "Cronbach's Alpha", "Kolmogorov-Smirnov Z",
           "Eta", "Residual", "Total", "Normal", "Sig. (HC3)", "t (HC3)", "r (zero-order)"}
ENGLISH_WORDS = re.compile(r"\b(Item|Items|Test|Tests|Validity|Reliability|Normality|"
                           r"Regression|Coefficients|Summary|Decision|Variable|Dimension|"
                           r"Category|Categories|Contribution|contribution|Mean|Deviation|"
                           r"Source|Squares|Square|Lower|Upper|Frequency|Percent|(?<!One-)Sample|"
                           r"Provenance|Model Summary|Invalid|Tolerance|Error|Between|"
                           r"Within|Groups|Removed|Step|Figures|Entry|Value|Cases|Runs|"
                           r"Statistics|Heteroscedasticity|Multicollinearity|Linearity|"
                           r"Autocorrelation|Accurate)\b")
ZERO = re.compile(r"(?<![\d.])-?0?\.000(?![\d])")


@pytest.fixture(scope="module")
def paths(write_study):
    return write_study("report", INSTRUMENT, RESPONSES)


@pytest.fixture(scope="module")
def study(paths, analyze_folder):
    return analyze_folder(paths, drop_invalid=True)


@pytest.fixture(autouse=True)
def fixed_versions(monkeypatch):
    monkeypatch.setattr(build_mod, "_versions", lambda: dict(VERSIONS))
    monkeypatch.setattr(build_mod, "current_year", lambda: 2026)


def _expected(name: str, actual: str) -> str:
    path = DATA / name
    if UPDATE:
        path.write_bytes(actual.encode("utf-8"))
    return path.read_bytes().decode("utf-8")


# ------------------------------------------------------------------ catalogue

def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_both_languages_have_the_same_keys():
    assert set(EN) - set(ID) == set(), "keys missing from the Indonesian catalogue"
    assert set(ID) - set(EN) == set(), "keys missing from the English catalogue"


def test_both_languages_use_the_same_placeholders():
    for key in EN:
        assert _fields(EN[key]) == _fields(ID[key]), key
        assert EN[key].strip() and ID[key].strip(), key


def test_msg_fills_placeholders_and_rejects_unknown_keys():
    assert msg("validity_table", "id", name="PI") == "Hasil Uji Validitas PI"
    with pytest.raises(KeyError):
        msg("no_such_key", "en")
    with pytest.raises(SmmaError, match="language"):
        msg("sec_validity", "fr")


# ------------------------------------------------------------------ number formats

@pytest.mark.parametrize("value, digits, lead, text", [
    (0.60512, 3, False, ".605"), (-0.60512, 3, False, "-.605"), (1.4836, 3, True, "1.484"),
    (0.625, 3, True, "0.625"), (3e-16, 3, False, "0"), (-2e-4, 3, False, "-2.00e-04"),
    (float("nan"), 3, False, ""), (None, 3, False, ""), (12.0, 3, False, "12.000"),
])
def test_num(value, digits, lead, text):
    assert num(value, digits, lead) == text


def test_p_values_and_levels():
    assert pval(0.0) == "< .001"
    assert pval(0.00049) == "< .001"
    assert pval(0.0456) == ".046"
    assert pval(float("nan")) == ""
    assert level(0.05) == ".05" and level(0.025) == ".025" and level(0.1) == ".1"


# ------------------------------------------------------------------ exact output

@pytest.mark.parametrize("fmt, lang, name", [
    ("text", "en", "report_expected_en.txt"),
    ("text", "id", "report_expected_id.txt"),
    ("markdown", "en", "report_expected_en.md"),
])
def test_exact_output(study, fmt, lang, name):
    out = render(study, fmt, lang=lang)
    assert out == _expected(name, out)


def test_summary_is_the_text_report(study):
    assert study.summary() == render(study, "text")
    frag = study._repr_html_()
    assert frag.startswith('<div class="smma-report"') and "<html" not in frag


def test_report_order_and_sample(study):
    doc = build_document(study)
    titles = [s.title for s in doc.sections if s.level == 1]
    assert titles == [
        "Sample", "Data screening", "Descriptive Statistics", "Correlations Between Variables",
        "Item validity", "Reliability", "Removal of invalid items", "Normality",
        "Simple linear regression: model 1 (PI ~ SMMA)",
        "Multiple linear regression: model 2 (PI ~ entertainment + interaction)",
        "Classical assumption tests", "Effective and relative contributions",
        "Hypothesis Testing", "Category breakdown", "Provenance"]
    text = render(study, "text")
    # the row with the missing Y2 is spreadsheet row 8 (header = row 1)
    assert ("Dropped by listwise deletion because an answer was missing: 1 of 20 rows "
            "(spreadsheet\nrow numbers: 8).") in text
    assert doc.title == "Social media marketing and purchase intention"
    assert build_document(study, "id").title == "Pemasaran media sosial dan minat beli"


def test_numbers_match_the_result_objects(study):
    """Spot checks of cells against the fields they format (3 decimals; APA: a leading
    zero for B and SE, none for R Square and alpha, which cannot exceed 1)."""
    text = render(study, "text")
    reg = study.models[0].regression
    coef = reg.coefficients.set_index("term")
    b, se, t = coef.loc["SMMA", ["b", "se", "t"]]
    line = next(ln for ln in text.splitlines() if ln.startswith("SMMA ") and "< .001" in ln
                or ln.startswith("SMMA ") and f"{t:.3f}" in ln)
    assert f"{b:.3f}" in line and f"{se:.3f}" in line
    assert f"R Square = {prop(reg.r2)}" in text and f"R Square = {reg.r2:.3f}" not in text
    rel = study.reliability["PI"]
    assert f"Cronbach's alpha of Purchase intention (PI) is {prop(rel.alpha)}" in text
    assert study.drop_steps and study.drop_steps[0].item == "X5"
    assert re.search(r"^1\s+SMMA\s+X5\s", text, re.MULTILINE)


# ------------------------------------------------------------------ statistics wording

def _paragraphs(doc) -> list[str]:
    return [b.text for s in doc.sections for b in s.blocks if isinstance(b, Paragraph)]


def test_slope_sentence_is_in_points_never_percent(study):
    reg = study.models[0].regression
    b = reg.coefficients.set_index("term").loc["SMMA", "b"]
    en = [p for p in _paragraphs(build_document(study)) if "one-point increase" in p]
    assert en[0] == (f"Each one-point increase in the Social media marketing activities (SMMA) "
                     f"score goes with a {b:.3f}-point increase in the Purchase intention (PI) "
                     f"score.")
    assert len(en) == 3 and all("%" not in p for p in en)
    assert "the other predictors held constant" in en[1]
    ind = [p for p in _paragraphs(build_document(study, "id")) if "kenaikan satu poin" in p]
    assert len(ind) == 3 and all("%" not in p for p in ind)


def test_negative_slope_is_a_decrease(study):
    m = study.models[0]
    coefs = m.regression.coefficients.copy()
    coefs.loc[coefs["term"] == "SMMA", "b"] = -1.4836
    reg = dataclasses.replace(m.regression, coefficients=coefs)
    changed = dataclasses.replace(study, models=(dataclasses.replace(m, regression=reg),))
    text = " ".join(_paragraphs(build_document(changed)))
    assert "goes with a 1.484-point decrease in the Purchase intention (PI) score" in text
    assert "PI = " in text and "- 1.484 SMMA" in text


def test_r2_sentence_and_association_wording(study):
    reg = study.models[0].regression
    text = " ".join(_paragraphs(build_document(study)))
    share = round(reg.r2 * 100, 1)
    assert (f"{share:.1f}% of the variance of Purchase intention (PI) is accounted for by "
            f"the model") in text
    assert "cause changes" in text and "significantly associated with" in text
    assert " effect on " not in text and "influence" not in text


@pytest.mark.parametrize("d, decision, expected", [
    (0.9, "positive", "d = 0.900 is below dL"),
    (1.0, "inconclusive", "no decision (inconclusive zone)"),
    (2.0, "none", "d = 2.000 lies between dU"),
    (3.05, "inconclusive", "lies between 4 - dU"),
    (3.5, "negative", "d = 3.500 is above 4 - dL"),
])
def test_durbin_watson_zones(study, d, decision, expected):
    m = study.models[0]
    reg = dataclasses.replace(m.regression, durbin_watson=d, dw_lower=0.95, dw_upper=1.15,
                              dw_decision=decision)
    changed = dataclasses.replace(study, models=(dataclasses.replace(m, regression=reg),))
    assert expected in " ".join(_paragraphs(build_document(changed)))


def test_invalid_items_and_unreliable_scales_are_named(study):
    val = study.validity["PI"]
    table = val.table.copy()
    table.loc[table["item"] == "Y3", "valid"] = False
    rel = dataclasses.replace(study.reliability["PI"], alpha=0.512, reliable=False,
                              grade="poor")
    changed = dataclasses.replace(
        study, validity={**study.validity, "PI": dataclasses.replace(
            val, table=table, n_valid=val.n_items - 1, all_valid=False)},
        reliability={**study.reliability, "PI": rel})
    en = " ".join(_paragraphs(build_document(changed)))
    assert "are valid. Not valid (the r is not above r table" in en and "): Y3." in en
    assert "Cronbach's alpha of Purchase intention (PI) is .512, not above .60" in en
    ind = render(changed, "text", lang="id")
    assert "Tidak Valid" in ind and "Tidak Reliabel" in ind


# ------------------------------------------------------------------ languages

def _labels(doc) -> set[str]:
    out = {s.title for s in doc.sections}
    for s in doc.sections:
        for b in s.blocks:
            if isinstance(b, Table):
                out.add(b.title)
                out.update(b.columns)
    return out


def test_indonesian_report_has_no_english_heading(study):
    en, ind = _labels(build_document(study)), _labels(build_document(study, "id"))
    shared = {x for x in en & ind if x not in NEUTRAL}
    # construct/dimension names come from the instrument, not the catalogue; the scale
    # points (1..5) head the columns of the answer tables in both languages
    shared -= {"SMMA", "PI", "entertainment", "interaction", "1", "2", "3", "4", "5"}
    assert shared == set()
    for label in ind:
        assert not ENGLISH_WORDS.search(label), label
    for heading in ("Uji Validitas", "Uji Reliabilitas", "Uji Normalitas",
                    "Analisis Regresi Linear Sederhana: model 1 (PI ~ SMMA)",
                    "Uji Asumsi Klasik", "Sumbangan Efektif dan Sumbangan Relatif"):
        assert heading in ind


# ------------------------------------------------------------------ safety of every format

def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_no_zero_p_value_in_any_format(study, lang):
    outputs = [render(study, f, lang=lang) for f in ("text", "markdown", "html")]
    outputs.append(_docx_text(render(study, "docx", lang=lang)))
    for out in outputs:
        assert not ZERO.findall(out), ZERO.findall(out)
    data = json.loads(render(study, "json"))
    assert all(not ZERO.search(nr["display"]) for nr in data["normality"])


@pytest.fixture(scope="module")
def hostile_study():
    """A study whose construct label, item id and file name hold HTML."""
    import yaml

    from smma_stats.instrument import instrument_from_dict
    from smma_stats.study import analyze

    raw = yaml.safe_load(INSTRUMENT)
    raw["constructs"]["PI"] = {"label": "<script>alert('label')</script>",
                               "items": ["Y1", "<script>alert(1)</script>", "Y3"]}
    inst = instrument_from_dict(raw)
    frame = pd.read_csv(io.StringIO(RESPONSES)).dropna()
    frame = frame.rename(columns={"Y2": "<script>alert(1)</script>"}).astype(int)
    study = analyze(frame, inst)
    resp = dataclasses.replace(study.responses, source="C:\\data\\<script>alert(2)&.csv")
    return dataclasses.replace(study, responses=resp)


def test_html_escapes_every_value(hostile_study):
    figure = Figure("scatter_<script>.png", "caption <script>", b"\x89PNG fake")
    for fragment in (False, True):
        out = render(hostile_study, "html", figures=[figure], fragment=fragment)
        assert "<script" not in out.lower()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
        assert "&lt;script&gt;alert(2)&amp;.csv" in out   # the base name only
        assert "C:\\data" not in out
        assert not re.search(r"https?://|\b(src|href)\s*=\s*[\"'](?!data:)", out)
        assert 'src="data:image/png;base64,' in out
    page = render(hostile_study, "html")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<link" not in page and "<script" not in page


def test_markdown_keeps_html_as_text(hostile_study):
    out = render(hostile_study, "markdown")
    assert not re.search(r"(?<!\\)<script", out)
    assert "\\<script>alert(1)\\</script>" in out


def test_figures_in_text_and_markdown(study):
    figure = Figure("categories_PI.png", "Categories of PI (n = 19)", b"\x89PNG fake")
    assert "[Figure 4.1 Categories of PI (n = 19) (categories_PI.png)]" in render(
        study, "text", figures=[figure])
    assert ("![Categories of PI (n = 19)](categories_PI.png)\n\n**Figure 4.1** Categories of "
            "PI (n = 19)\n\n*Source: primary data, processed, 2026*") in render(
        study, "markdown", figures=[figure])


# ------------------------------------------------------------------ numbering and placement

FAKE = b"\x89PNG fake"


def _anchored():
    return (Figure("categories_PI.png", "bars of PI", FAKE, anchor="categories:PI"),
            Figure("scatter_PI_SMMA.png", "scatter", FAKE, anchor="model:1"),
            Figure("residual_pp_2.png", "P-P of model 2", FAKE, anchor="assumptions:2"),
            Figure("moderation.png", "no section", FAKE))


def _blocks(doc):
    return [(s.title, b) for s in doc.sections for b in s.blocks
            if isinstance(b, (Table, Figure))]


@pytest.mark.parametrize("lang, table, figure", [("en", "Table", "Figure"),
                                                 ("id", "Tabel", "Gambar")])
def test_tables_and_figures_are_numbered_in_reading_order(study, lang, table, figure):
    doc = build_document(study, lang=lang, figures=_anchored())
    blocks = [b for _, b in _blocks(doc)]
    tables = [b.label for b in blocks if isinstance(b, Table)]
    figures = [b.label for b in blocks if isinstance(b, Figure)]
    assert tables == [f"{table} 4.{i}" for i in range(1, len(tables) + 1)]
    assert figures == [f"{figure} 4.{i}" for i in range(1, 5)]
    assert len(tables) > 15


def test_number_prefix_and_year_are_parameters(study):
    doc = build_document(study, figures=_anchored()[:1], number_prefix="3", year=2031)
    first = _blocks(doc)[0][1]
    assert first.label == "Table 3.1" and first.caption.startswith("Table 3.1 ")
    assert first.source == "Source: primary data, processed, 2031"
    plain = build_document(study, lang="id", number_prefix="")
    assert _blocks(plain)[0][1].label == "Tabel 1"
    assert _blocks(plain)[0][1].source == "Sumber: data primer diolah, 2026"
    # the provenance table is not primary data
    assert _blocks(plain)[-1][1].source is None


def test_figures_stand_in_the_section_they_belong_to(study):
    doc = build_document(study, lang="en", figures=_anchored())
    titles = [s.title for s in doc.sections]
    where = {b.name: i for i, s in enumerate(doc.sections) for b in s.blocks
             if isinstance(b, Figure)}
    assert {name: titles[i] for name, i in where.items()} == {
        "categories_PI.png": "Purchase intention (PI)",
        "scatter_PI_SMMA.png": "Simple linear regression: model 1 (PI ~ SMMA)",
        "residual_pp_2.png": "Model 2: PI ~ entertainment + interaction",
        "moderation.png": "Figures",
    }
    # the category figure is in the category breakdown, after its table
    assert where["categories_PI.png"] > titles.index("Category breakdown")
    blocks = doc.sections[where["categories_PI.png"]].blocks
    assert isinstance(blocks[0], Table) and blocks[-1].name == "categories_PI.png"
    assert where["residual_pp_2.png"] > titles.index("Classical assumption tests")
    assert titles[-2:] == ["Figures", "Provenance"]
    # figures come in reading order: model 1, assumptions of model 2, categories, the rest
    order = [b.name for _, b in _blocks(doc) if isinstance(b, Figure)]
    assert order == ["scatter_PI_SMMA.png", "residual_pp_2.png", "categories_PI.png",
                     "moderation.png"]
    # no "File:" lines any more
    assert not any(isinstance(b, Paragraph) and b.text.startswith("File:")
                   for s in doc.sections for b in s.blocks)


def test_html_captions_and_figures(study):
    page = render(study, "html", lang="id", figures=_anchored())
    assert '<caption><span class="label">Tabel 4.1</span> ' in page
    assert ('<figcaption><span class="label">Gambar 4.3</span> bars of PI</figcaption></figure>'
            '\n<p class="source">Sumber: data primer diolah, 2026</p>') in page
    assert page.count("<figure>") == 4


@pytest.mark.parametrize("lang", ["en", "id"])
def test_text_tables_fit_100_columns(study, lang):
    out = render(study, "text", lang=lang, figures=_anchored())
    assert max(len(line) for line in out.splitlines()) <= 100
    assert render(study, "text", lang=lang, figures=_anchored()) == out


def test_provenance_has_no_paths_or_timestamps(study, paths):
    for fmt in ("text", "markdown", "html"):
        out = render(study, fmt)
        assert str(paths) not in out and str(paths.name) not in out
        assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}", out)
    text = render(study, "text")
    for line in ("Input file                    responses.csv",
                 "Instrument file               instrument.yaml",
                 "smma_stats version            0.0.test", "scipy version                 1.1"):
        assert line in text
    assert study.responses.sha256 in text


# ------------------------------------------------------------------ JSON

def test_json_round_trips_with_the_contract_keys(study):
    out = render(study, "json")
    assert out.endswith("}\n")
    data = json.loads(out)
    assert json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n" == out
    assert data["n"] == 19 and data["n_dropped"] == 1
    item_keys = {"item", "r", "r_corrected", "r_table", "p_value", "valid", "alpha_if_deleted",
                 "scale_mean_if_deleted", "scale_var_if_deleted"}
    for code in ("SMMA", "PI"):
        scale = data["scales"][code]
        assert {"alpha", "alpha_std", "n_items", "items"} <= set(scale)
        assert scale["n_items"] == len(scale["items"])
        for item in scale["items"]:
            assert item_keys <= set(item)
    assert [i["item"] for i in data["scales"]["SMMA"]["items"]] == ["X1", "X2", "X3", "X4"]
    for nr in data["normality"]:
        assert {"variable", "statistic", "p_value", "method", "display"} <= set(nr)
    for reg in data["regressions"]:
        assert {"dependent", "predictors", "n", "r", "r2", "adj_r2", "f", "f_p_value",
                "coefficients"} <= set(reg)
        for c in reg["coefficients"]:
            assert {"term", "b", "se", "beta", "t", "p_value", "conf_low", "conf_high",
                    "vif"} <= set(c)
    for rows in data["categories"].values():
        assert sum(r["count"] for r in rows) == 19
        for r in rows:
            assert {"category", "count", "percent"} <= set(r)


# ------------------------------------------------------------------ errors

def test_unknown_format_or_language(study):
    with pytest.raises(SmmaError, match="format"):
        render(study, "pdf")
    with pytest.raises(SmmaError, match="language"):
        render(study, "text", lang="fr")
    assert render(study, "md") == render(study, "markdown")


def test_shipped_instrument_is_named_as_such():
    from smma_stats.instrument import find_instrument
    from smma_stats.report.notes_blocks import is_shipped

    assert is_shipped(find_instrument("smma-instagram").source)
    assert not is_shipped(str(DATA / "instrument.yaml"))


def test_hc3_columns_and_kolmogorov_z_when_present(study):
    m = study.models[0]
    coefs = m.regression.coefficients.copy()
    coefs["se_hc3"], coefs["t_hc3"], coefs["p_value_hc3"] = 0.5, 2.0, 0.0004
    reg = dataclasses.replace(m.regression, coefficients=coefs)
    nr = dataclasses.replace(study.normality[-1], method="kolmogorov", z=0.667,
                             lower_bound=False, display=".765")
    changed = dataclasses.replace(study, models=(dataclasses.replace(m, regression=reg),),
                                  normality=(m.normality, nr))
    doc = build_document(changed)
    tables = {t.title: t for s in doc.sections for t in s.blocks if isinstance(t, Table)}
    coef = tables["Coefficients"]
    assert coef.columns[-3:] == ("Std. Error (HC3)", "t (HC3)", "Sig. (HC3)")
    assert coef.rows[1][-3:] == ("0.500", "2.000", "< .001")
    assert "HC3: heteroscedasticity-consistent standard errors." in coef.note
    ks = tables["One-Sample Kolmogorov-Smirnov Test"]
    assert "Kolmogorov-Smirnov Z" in ks.columns
    assert ks.rows[-1][ks.columns.index("Kolmogorov-Smirnov Z")] == "0.667"    # Z may exceed 1
    assert ks.rows[-1][ks.columns.index("Asymp. Sig. (2-tailed)")] == ".765"


def test_indonesian_reports_use_the_decimal_comma(study):
    """--lang id: every number with a decimal comma and its leading zero; JSON keeps
    the point; --decimal point gives the APA point style in Indonesian too."""
    reg = study.models[0].regression
    text = render(study, "text", lang="id")
    assert f"{reg.r2:.3f}".replace(".", ",") in text
    assert "< 0,001" in text and "< .001" not in text
    assert not re.search(r"(?<![\w.])\.\d", text)        # no ".821" left
    point = render(study, "text", lang="id", decimal="point")
    assert f"{reg.r2:.3f}".lstrip("0") in point
    assert json.loads(render(study, "json", lang="id"))["regressions"][0]["r2"] == reg.r2


def test_reverse_keys_are_named_and_a_forgotten_one_is_hinted(tmp_path):
    """The report names the reverse-keyed items, asks about an item with a negative
    corrected r, and says a constant item stays in alpha (as SPSS/PSPP)."""
    from smma_stats.instrument import instrument_from_dict
    from smma_stats.study import analyze

    rng = np.random.default_rng(12)
    trait = rng.normal(size=80)
    items = {f"X{i}": np.clip(np.rint(3 + trait + rng.normal(0, .7, 80)), 1, 5).astype(int)
             for i in range(1, 5)}
    items["X4"] = 6 - items["X4"]                       # written reversed, not declared
    items["X5"] = np.clip(np.rint(3 - trait + rng.normal(0, .7, 80)), 1, 5).astype(int)
    items["X6"] = np.full(80, 4)                        # never varies
    items.update({f"Y{i}": np.clip(np.rint(3 + trait + rng.normal(0, .7, 80)), 1, 5).astype(int)
                  for i in range(1, 4)})
    raw = {"name": "hints", "scale": {"min": 1, "max": 5}, "reverse": ["X5"],
           "constructs": {"X": {"items": ["X1", "X2", "X3", "X4", "X5", "X6"]},
                          "Y": {"items": ["Y1", "Y2", "Y3"]}}, "models": ["Y ~ X"]}
    study = analyze(pd.DataFrame(items), instrument_from_dict(raw))
    text = " ".join(render(study, "text").split())
    assert "Reverse-keyed items (scored min + max - answer before any statistic): X5." in text
    assert "is X4 reverse-keyed?" in text and "is X5 reverse-keyed?" not in text
    assert "X6 has the same answer from every respondent" in text
    ind = " ".join(render(study, "text", lang="id").split())
    assert "apakah X4 butir unfavorable" in ind


def test_sample_table_accounts_for_every_row_read_with_exclude_flagged():
    """Rows read = rows dropped for a missing answer + flagged rows left out + n."""
    from smma_stats.study import analyze

    root = Path(__file__).resolve().parent
    study = analyze(root / "data" / "forms_numbered.csv",
                    _forms_instrument(root / "data" / "forms_numbered.csv"),
                    exclude_flagged=True)
    doc = build_document(study)
    table = next(b for s in doc.sections for b in s.blocks if isinstance(b, Table))
    assert table.columns == ("Rows read", "Rows dropped", "Flagged rows left out",
                             "Respondents analysed (n)")
    read, dropped, flagged, used = (int(c) for c in table.rows[0])
    assert read == dropped + flagged + used and flagged == len(study.excluded_rows) > 0


def _forms_instrument(path):
    from smma_stats.cli_options import resolve_instrument

    inst, _ = resolve_instrument(path, None, (), (), None, False)
    return inst
