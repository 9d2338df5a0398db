"""The words of the report: Indonesian without English, English without
Indonesian, and sentences that say what the statistics allow.

``data/wording_hetero.csv`` is simulated here (numpy seed 12, 60 respondents,
3 items each of X, Z and Y; the error of Y grows with X) so that the
classical and the HC3 test of Z disagree; its reference values come from
statsmodels (see :func:`test_hc3_verdict_on_heteroscedastic_data`).

Every section (titles, paragraphs, table titles, headers, cells and notes)
of several studies is rendered in both languages:

* the shipped SMMA sample (``data/sample/smma_responses.csv`` with the
  shipped ``smma-instagram`` instrument), through the command line so the
  set-up notes of ``smma analyze`` are included;
* the 7P marketing-mix sample (``data/sample/marketing_mix_7p_responses.csv``
  with ``questionnaires/marketing_mix_7p.yaml``), with ``--by gender``,
  ``--bootstrap`` and ``--robust``;
* the conftest sample study with a mediation and a moderation;
* the Google Forms export with an attention check
  (``tests/data/screening_gforms.csv``, see ``test_screening_attention``).

A word of the other language fails the test unless it belongs to a name the
study itself supplies (instrument codes and labels, item ids and wording,
column names, data values, formulas) or to a statistic's name
(:data:`ALLOWED_PHRASES`).
"""

from __future__ import annotations

import hashlib
import math
import re
from pathlib import Path

import pytest

from clirun import smma
from conftest import SAMPLE_INSTRUMENT, sample_answers

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SMMA_CSV = SAMPLE / "smma_responses.csv"
MIX_CSV = SAMPLE / "marketing_mix_7p_responses.csv"
MIX_YAML = ROOT / "questionnaires" / "marketing_mix_7p.yaml"
GFORMS_CSV = Path(__file__).resolve().parent / "data" / "screening_gforms.csv"
GFORMS_YAML = Path(__file__).resolve().parent / "data" / "screening_gforms_instrument.yaml"

#: Common English words that never occur in Indonesian prose.
ENGLISH_WORDS = frozenset("""
the and of is are not with respondents respondent items reliable significant
variance for from by to in on at as be was were has have this that which when
than each every above below between test tests score scores predictor predictors
dependent variable variables effect effects indirect direct group groups answer answers
would could
question questions yes rejected accepted table only all none both or if it its their
there these those because so but while after before shows show does found should
report decision increase decrease higher lower poor good acceptable removed missing
shipped inferred construct constructs column columns file scale sample synthetic
published article reliability validity normality regression residuals
""".split())

#: Common Indonesian words that never occur in English prose.
INDONESIAN_WORDS = frozenset("""
dan yang tidak dengan adalah responden butir untuk dari pada atau ini itu dalam
sebesar sebanyak sehingga karena jika lebih besar kecil terhadap oleh secara bahwa
sebagai akan telah dapat tanpa setiap seluruh semua bukan juga antara hasil uji nilai
jumlah kategori rendah sedang tinggi diterima ditolak signifikan variabel berpengaruh
pengaruh hubungan berdistribusi kelompok baris kolom skor jawaban hitung sumber diolah
gambar sampel data_primer model_regresi tabel persentase frekuensi reliabel
""".split())

#: Names of statistics and SPSS labels that keep their English form in an
#: Indonesian thesis (removed before the check).
ALLOWED_PHRASES = (
    "Cronbach's Alpha", "Cronbach's alpha", "Sig.", "Kolmogorov-Smirnov", "Durbin-Watson",
    "Shapiro-Wilk", "Levene", "Mann-Whitney", "Kruskal-Wallis", "Tukey", "Games-Howell",
    "BootLLCI", "BootULCI", "Breusch-Pagan", "Asymp. Sig. (2-tailed)", "Asymp. Sig.",
    "One-Sample", "Lilliefors", "Glejser", "straight-lining", "listwise deletion",
    "attention check", "Corrected Item-Total Correlation", "Std. Error", "Johnson-Neyman",
    "Welch", "Sobel", "Zhao", "person-mean", "Item-Total", "(Constant)", "R Square",
    "Adjusted R Square", "unfavorable", "Tarigan", "Pangestuti",
    # SPSS output names quoted beside the Indonesian term
    "Independent Samples t-Test", "Deviation from Linearity",
)


def _texts(doc):
    """Every string a reader sees in a document, one per block part."""
    from smma_stats.report.document import Paragraph, Table

    out = [doc.title, doc.subtitle]
    for sec in doc.sections:
        out.append(sec.title)
        for block in sec.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            elif isinstance(block, Table):
                out += [block.title, block.note or "", *block.columns]
                out += [cell for row in block.rows for cell in row]
            else:
                out.append(getattr(block, "caption", ""))
    return [str(t) for t in out if t]


def _given_words(study, lang: str) -> set[str]:
    """Words the study supplies: codes, labels, items, columns, data values, formulas."""
    from smma_stats.report.messages_notes import SAMPLE_CITATION

    inst = study.instrument
    names = list(inst.constructs) + list(inst.dimensions) + inst.item_ids
    text = [*names, *(inst.label_of(n, lang) for n in names), inst.name, SAMPLE_CITATION]
    text += [m.formula for m in inst.models]
    for item in inst.items.values():
        text += [str(v) for v in vars(item).values() if isinstance(v, (str, dict))]
    text += [str(v) for v in (inst.scale.labels or {}).values()] if hasattr(
        inst.scale, "labels") else []
    resp = study.responses
    text += [str(c) for c in resp.columns] + [str(c) for c in resp.columns.values()]
    frame = resp.attributes
    if frame is not None:
        text += [str(c) for c in frame.columns]
        for col in frame.columns:
            text += [str(v) for v in frame[col].dropna().unique()[:50]]
    words = set()
    for t in text:
        words.update(w.lower() for w in re.findall(r"[A-Za-z']+", str(t)))
    return words


def foreign_words(doc, study, lang: str) -> list[tuple[str, str]]:
    """(word, text) for each word of the other language in the document."""
    bad_words = ENGLISH_WORDS if lang == "id" else INDONESIAN_WORDS
    given = _given_words(study, lang)
    out = []
    for text in _texts(doc):
        clean = text
        for phrase in ALLOWED_PHRASES:
            clean = clean.replace(phrase, " ")
        for word in re.findall(r"[A-Za-z']+", clean):
            w = word.lower()
            if w in bad_words and w not in given:
                out.append((word, text[:160]))
    return out


@pytest.fixture(scope="module")
def studies(tmp_path_factory, write_study):
    """(name, study, notes) of every study the wording is checked on."""
    from smma_stats.study import analyze

    out = []
    out.append(("smma", analyze(SMMA_CSV, "smma-instagram")))
    out.append(("mix", analyze(MIX_CSV, str(MIX_YAML), by="gender", bootstrap=200,
                               seed=1, robust=True)))
    folder = write_study("wording_paths", SAMPLE_INSTRUMENT, sample_answers())
    out.append(("paths", analyze(folder / "responses.csv", str(folder / "instrument.yaml"),
                                 mediate=("entertainment -> interaction -> PI",),
                                 moderate=("PI ~ entertainment * interaction",))))
    out.append(("gforms", analyze(GFORMS_CSV, str(GFORMS_YAML))))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_word_of_the_other_language(studies, lang):
    from smma_stats.report.build import build_document

    found = {}
    for name, study in studies:
        bad = foreign_words(build_document(study, lang=lang, year=2026), study, lang)
        if bad:
            found[name] = sorted(set(bad))[:40]
    assert not found, found


def test_cli_notes_are_translated():
    """The set-up notes of ``smma analyze`` come out in Indonesian."""
    out = smma("analyze", SMMA_CSV, "--lang", "id", "-f", "text").output
    assert "Instrumen: smma-instagram (bawaan smma_stats; kolom butirnya sesuai" in out
    assert "shipped; its item columns match" not in out
    en = smma("analyze", SMMA_CSV, "-f", "text").output
    assert "Instrument: smma-instagram (shipped with smma_stats; its item columns" in en


def test_word_lists_catch_their_language():
    """The check can fail: an English sentence is caught in Indonesian and back."""
    assert len(ENGLISH_WORDS) >= 60 and len(INDONESIAN_WORDS) >= 50
    assert {"the", "respondents"} <= set(re.findall(r"\w+", "the respondents")) & ENGLISH_WORDS
    assert {"yang", "responden"} <= set(re.findall(r"\w+", "responden yang")) & INDONESIAN_WORDS
    assert not ENGLISH_WORDS & INDONESIAN_WORDS


# ------------------------------------------------------------------ notes

def test_note_is_a_string_with_a_key():
    import pickle

    from smma_stats.notes import Note

    n = Note("scale: 1..5", "scale", {"min": 1, "max": 5})
    assert n == "scale: 1..5" and n.key == "scale" and n.params == {"min": 1, "max": 5}
    back = pickle.loads(pickle.dumps(n))
    assert back == n and back.key == "scale" and back.params == n.params


def test_notes_render_in_the_report_language(write_study):
    from smma_stats.infer import propose_instrument
    from smma_stats.notes import Note
    from smma_stats.report.build import build_document
    from smma_stats.study import analyze

    folder = write_study("wording_notes", SAMPLE_INSTRUMENT, sample_answers())
    import pandas as pd

    proposal = propose_instrument(pd.read_csv(folder / "responses.csv"))
    notes = tuple(proposal.notes) + ("a plain note kept as it is",
                                     Note("unknown key text", "no_such_key"))
    study = analyze(folder / "responses.csv", str(folder / "instrument.yaml"), notes=notes)
    id_text = [p for s in build_document(study, "id").sections for p in _texts_of(s)]
    en_text = [p for s in build_document(study, "en").sections for p in _texts_of(s)]
    assert "Skala: 1 sampai 5." in id_text and "Scale: 1 to 5." in en_text
    assert any(t.startswith("Model: ") for t in id_text)
    assert any(t.startswith("Variabel: ") and "butir)" in t for t in id_text)
    assert "a plain note kept as it is" in id_text and "unknown key text" in id_text


def _texts_of(section):
    from smma_stats.report.document import Paragraph

    return [b.text for b in section.blocks if isinstance(b, Paragraph)]


# ------------------------------------------------------------------ the sample

def test_sample_sha256_is_the_shipped_file():
    from smma_stats.report.messages_notes import SAMPLE_SHA256

    assert hashlib.sha256(SMMA_CSV.read_bytes()).hexdigest() == SAMPLE_SHA256


def test_sample_report_says_it_is_synthetic(studies):
    from smma_stats.report.build import build_document

    study = dict(studies)["smma"]
    for lang, head, illustration in (
            ("en", "These are the synthetic sample data", "is one the article does not"),
            ("id", "Data ini adalah data sampel sintetis", "tidak dilaporkan artikel")):
        first = build_document(study, lang).sections[0]
        note = next(t for t in _texts_of(first) if t.startswith(head))
        assert "Tarigan" in note and "PI ~ SMMA" in note and "DOI" in note
        assert "PI ~ entertainment + interaction" in note and illustration in note
    # the same data under another instrument is not the shipped sample
    other = dict(studies)["mix"]
    assert not any(t.startswith("These are the synthetic") for s in
                   build_document(other, "en").sections for t in _texts_of(s))


# ------------------------------------------------------------------ sentences

class _FakeNormality:
    def __init__(self, p, sw, n=101):
        self.p_value, self.shapiro_p_value, self.n = p, sw, n
        self.variable, self.display, self.normal = "PI", ".200", p > 0.05


def _builder(study, lang):
    from smma_stats.report.build import _Builder  # the report's own builder

    return _Builder(study, lang)


def test_normality_sentences_are_hedged(studies):
    from smma_stats.report.build import build_document

    study = dict(studies)["smma"]
    en = [t for s in build_document(study, "en").sections for t in _texts_of(s)]
    idn = [t for s in build_document(study, "id").sections for t in _texts_of(s)]
    # p = .796 for the residual of PI ~ SMMA (test_normality checks the value)
    assert ("Residual of model 1 (PI ~ SMMA): no evidence against normality (p = .796 > .05; "
            "SPSS Asymp. Sig. .200), so the data can be treated as normally distributed."
            in en)
    assert any("tidak ada bukti yang menolak normalitas (p = 0,796 > 0,05" in t
               and "dapat dianggap berdistribusi normal" in t for t in idn)
    assert not any("so the values are normally distributed" in t for t in en)


def test_disagreeing_normality_tests_get_one_sentence(studies):
    from smma_stats.report.format import number_style
    from smma_stats.report.notes_blocks import normality_disagreement

    study = dict(studies)["smma"]
    with number_style("point"):
        b = _builder(study, "en")
        text = normality_disagreement(b, _FakeNormality(0.03, 0.20)).text
        assert normality_disagreement(b, _FakeNormality(0.30, 0.20)) is None
        assert normality_disagreement(b, _FakeNormality(0.01, 0.02)) is None
        assert normality_disagreement(b, _FakeNormality(0.01, math.nan)) is None
    assert "p = .030 < .05" in text and "p = .200 > .05" in text
    assert "At n = 101, report Shapiro-Wilk" in text and "SPSS theses print it" in text


class _Res:
    def __init__(self, p):
        self.p_value, self.passed = p, p > 0.05


def test_conflicting_verdicts_name_the_test_followed(studies):
    import dataclasses

    from smma_stats.report.format import number_style
    from smma_stats.report.notes_blocks import verdict_blocks

    study = dict(studies)["mix"]
    m = study.models[0]
    reg = m.regression
    coefs = reg.coefficients.copy()
    term = coefs["term"].iloc[1]
    coefs.loc[1, "p_value"], coefs.loc[1, "p_value_hc3"] = 0.20, 0.01
    reg2 = dataclasses.replace(reg, coefficients=coefs)
    for hetero_p, follows in ((0.01, "follows the HC3 test"),
                              (0.50, "follows the classical t test")):
        m2 = dataclasses.replace(m, regression=reg2, breusch_pagan=_Res(hetero_p),
                                 white=_Res(0.5))
        with number_style("point"):
            texts = [p.text for p in verdict_blocks(_builder(study, "en"), m2)]
        mine = [t for t in texts if f"({term}) the tests disagree" in t]
        assert len(mine) == 1 and follows in mine[0], texts
        assert "the HC3 test gives Sig. = .010 < .05" in mine[0]
        expected = "H0 is rejected" if hetero_p < 0.05 else "H0 is not rejected"
        assert expected in mine[0]
    agree = coefs.assign(p_value_hc3=coefs["p_value"])
    same = dataclasses.replace(m, regression=dataclasses.replace(reg, coefficients=agree),
                               bootstrap=None)
    with number_style("point"):
        assert verdict_blocks(_builder(study, "en"), same) == []


def test_f_test_and_causal_note_read_for_one_predictor(studies):
    from smma_stats.report.build import build_document

    study = dict(studies)["smma"]
    en = [t for s in build_document(study, "en").sections for t in _texts_of(s)]
    f_texts = [t for t in en if t.startswith("Simultaneous F test")]
    assert len(f_texts) == 2
    assert "predictors together" not in f_texts[0]  # PI ~ SMMA: one predictor
    assert "the regression model explains a significant share" in f_texts[0]
    assert "the predictors together are significantly associated" in f_texts[1]
    idn = [t for s in build_document(study, "id").sections for t in _texts_of(s)
           if t.startswith("Uji F (simultan)")]
    assert "secara simultan" not in idn[0] and "secara simultan (bersama-sama)" in idn[1]
    assert any("does not by itself show that changes in Social media" in t
               and "cause changes in" in t for t in en)
    assert not any(" causes " in t or "predictors cause" in t for t in en)


def test_citations_next_to_the_thresholds():
    from smma_stats.report.messages import msg

    rel = msg("reliability_method", "en", threshold=".60")
    assert "Ghozali" in rel and "Nunnally, 1978, recommends .70" in rel
    assert "Sekaran & Bougie" in rel
    assert "(Hair et al.)" in msg("multicol_rule", "en")
    assert "(Hair dkk.)" in msg("multicol_rule", "id")
    assert "(Henseler, Ringle & Sarstedt, 2015)" in msg("pls_note_htmt", "en")
    assert "df = n - 2" in msg("validity_method", "id", alpha="0,05", tails="dua arah",
                               df=99, r_table="0,1956", judge="r hitung")


def test_attention_question_is_quoted(studies):
    from smma_stats.report.build import build_document

    study = dict(studies)["gforms"]
    for lang, words in (("en", "is passed with the answer"), ("id", "lolos dengan jawaban")):
        texts = [t for s in build_document(study, lang).sections for t in _texts_of(s)]
        line = next(t for t in texts if words in t)
        assert re.search(r'"[^"]+" (is passed|lolos) .* "Setuju"', line), line


def test_indonesian_counts_respondents(studies):
    from smma_stats.report.build import build_document

    study = dict(studies)["smma"]
    texts = [t for s in build_document(study, "id").sections for t in _texts_of(s)]
    assert "Sebanyak 101 baris data dibaca dan 101 responden dianalisis (semua butir " \
           "dijawab)." in texts
    assert not any("jawaban lengkap dianalisis" in t and "responden" not in t for t in texts)
    tables = [b for s in build_document(study, "id").sections for b in s.blocks
              if hasattr(b, "rows")]
    dims = next(t for t in tables if "dimensi" in t.title.lower())
    assert [r[0] for r in dims.rows][:2] == ["Hiburan", "Interaksi"]


def test_inferred_instrument_notes_in_indonesian():
    """Without --instrument the inference notes and the title come out in Indonesian."""
    out = smma("analyze", GFORMS_CSV, "--lang", "id", "-f", "text").output
    assert "Instrumen yang disusun dari berkas data" in out
    assert "Instrumen disusun dari isi berkas data." in out
    assert "Skala: 1 sampai 5." in out and "\nModel: " in out
    for english in ("instrument inferred", "models:", "scale:", "constructs:", "items)"):
        assert english not in out.lower(), english


def test_one_citation_of_the_study_everywhere():
    """README, sample README, the instrument, the notebook and the report cite the
    article alike, as its text prints it (no journal, volume, pages or DOI printed)."""
    import json

    from smma_stats.instrument import load_instrument
    from smma_stats.report.messages_notes import SAMPLE_CITATION

    def flat(text: str) -> str:
        return " ".join(text.replace("*", "").replace("> ", " ").split())

    nb = json.loads((ROOT / "notebooks" / "replication.ipynb").read_text(encoding="utf-8"))
    sources = {
        "README.md": (ROOT / "README.md").read_text(encoding="utf-8"),
        "data/sample/README.md": (SAMPLE / "README.md").read_text(encoding="utf-8"),
        "instrument description": load_instrument(
            ROOT / "questionnaires" / "smma_instagram.yaml").description,
        "notebook": "\n".join("".join(c["source"]) for c in nb["cells"]
                              if c["cell_type"] == "markdown"),
    }
    for name, text in sources.items():
        text = flat(text)
        assert flat(SAMPLE_CITATION) in text, name
        assert "prints no journal name, volume, pages or DOI" in text, name


def test_indonesian_never_counts_answers_as_respondents():
    """Counted people are *responden*: no 'N jawaban dianalisis / ditandai'."""
    from smma_stats.report.messages import ID

    for key, text in ID.items():
        assert not re.search(r"\{n\w*\} jawaban (lengkap )?(dianalisis|ditandai)", text), key
        assert "jawaban lengkap dianalisis" not in text, key


def test_two_sided_hypotheses_say_the_tails_once(studies):
    from smma_stats.report.build import build_document

    study = dict(studies)["mix"]
    for lang, twice, once in (("id", "(dua arah, dua arah)", "t tabel = 1,980 (dua arah)"),
                              ("en", "(two-sided, two-tailed)", "(two-tailed)")):
        texts = [t for s in build_document(study, lang).sections for t in _texts_of(s)]
        assert not any(twice in t for t in texts)
        assert any(once in t for t in texts), lang


def test_hc3_verdict_on_heteroscedastic_data():
    """``tests/data/wording_hetero.csv`` (60 simulated respondents, seed 12, errors of Y
    growing with X) makes the classical t test and HC3 disagree on Z while
    Breusch-Pagan rejects, so the decision follows HC3. statsmodels 0.14:
    ``OLS(Y, add_constant(X)).fit()`` p(Z) = .028942, ``get_robustcov_results("HC3")``
    p(Z) = .062672, ``het_breuschpagan`` LM p = .000980, ``het_white`` LM p = .003508."""
    from smma_stats.instrument import instrument_from_dict
    from smma_stats.report.build import build_document
    from smma_stats.study import analyze

    raw = {"name": "het", "title": "Het", "scale": {"min": 1, "max": 5},
           "constructs": {c: {"label": c, "items": [f"{c}{k}" for k in (1, 2, 3)]}
                          for c in ("X", "Z", "Y")},
           "models": ["Y ~ X + Z"]}
    study = analyze(Path(__file__).resolve().parent / "data" / "wording_hetero.csv",
                    instrument_from_dict(raw), robust=True)
    coefs = study.models[0].regression.coefficients.set_index("term")
    assert coefs.loc["Z", "p_value"] == pytest.approx(0.028942, abs=5e-7)
    assert coefs.loc["Z", "p_value_hc3"] == pytest.approx(0.062672, abs=5e-7)
    assert study.models[0].breusch_pagan.p_value == pytest.approx(0.000980, abs=5e-7)
    assert study.models[0].white.p_value == pytest.approx(0.003508, abs=5e-7)
    en = [t for s in build_document(study, "en").sections for t in _texts_of(s)]
    # X's scores also split the normality tests: K-S rejects, Shapiro-Wilk does not
    assert any(t.startswith("For X the two tests disagree (Kolmogorov-Smirnov p = .038 < .05; "
                            "Shapiro-Wilk p = .160 > .05). At n = 60, report Shapiro-Wilk")
               for t in en)
    mine = [t for t in en if "the tests disagree:" in t]
    assert mine == [
        "For Z the tests disagree: the classical t test gives Sig. = .029 < .05, the HC3 "
        "test gives Sig. = .063 > .05. The decision follows the HC3 test, because constant "
        "error variance, which the classical standard error assumes, is rejected by "
        "Breusch-Pagan (Sig. < .001 < .05) and White (Sig. = .004 < .05): H0 is not "
        "rejected; no significant association of Z with Y was found."]
    idn = [t for s in build_document(study, "id").sections for t in _texts_of(s)]
    assert any(t.startswith("Untuk Z hasil uji berbeda") and "mengikuti uji HC3" in t
               for t in idn)
