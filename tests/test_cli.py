"""The ``smma`` command, run in-process with click's CliRunner.

Fixture: ``tests/data/cli_instrument.yaml`` (two constructs, one model) and
``tests/data/cli_responses.csv`` (16 respondents; row 14 misses Y2, two cells
are answered with scale labels). The expected reports under
``tests/data/cli_expected_*`` were generated once from that fixture; their
numbers are cross-checked against R (psych::alpha, cor, lm) in
``test_json_numbers_match_independent_references``. Package versions in the
provenance block are fixed below. Regenerate the files after an intended
change with ``SMMA_UPDATE_EXPECTED=1``.
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
import re
from pathlib import Path

import pytest

from _compare import json_differences
from clirun import smma, user_error
from smma_stats.report import build as build_mod

DATA = Path(__file__).resolve().parent / "data"
UPDATE = os.environ.get("SMMA_UPDATE_EXPECTED") == "1"
VERSIONS = {"smma_stats": "0.0.test", "numpy": "1.0", "pandas": "2.0", "scipy": "1.1"}

RESPONSES = "cli_responses.csv"
INSTRUMENT = "cli_instrument.yaml"
EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html", "json": "json",
              "docx": "docx.txt"}


def flat(text: str) -> str:
    """Usage-error text without box drawing and line wrapping."""
    return " ".join(re.sub(r"[\u2500-\u257f]", " ", text).split())


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture(autouse=True)
def fixed_versions(monkeypatch):
    monkeypatch.setattr(build_mod, "_versions", lambda: dict(VERSIONS))
    monkeypatch.setattr(build_mod, "current_year", lambda: 2026)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """A copy of the fixture (line endings as stored in the repository's LF form)."""
    tmp = tmp_path_factory.mktemp("cli")
    for name in (RESPONSES, INSTRUMENT):
        (tmp / name).write_bytes((DATA / name).read_bytes().replace(b"\r\n", b"\n"))
    return tmp


@pytest.fixture
def files(work, tmp_path) -> tuple[Path, Path]:
    """Fresh copies in a per-test folder: (responses, instrument)."""
    for name in (RESPONSES, INSTRUMENT):
        (tmp_path / name).write_bytes((work / name).read_bytes())
    return tmp_path / RESPONSES, tmp_path / INSTRUMENT


def variant(files, name: str, old: str, new: str) -> Path:
    """The fixture responses with one text replaced, saved as ``name``."""
    text = files[0].read_text(encoding="utf-8")
    assert old in text
    path = files[0].parent / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _expected(name: str, actual: str) -> str:
    path = DATA / name
    if UPDATE:
        path.write_bytes(actual.encode("utf-8"))
    return path.read_bytes().decode("utf-8")


def docx_dump(data: bytes) -> str:
    """Paragraphs and table rows of a .docx in body order, one per line."""
    import docx
    from docx.table import Table as DocxTable

    lines = []
    for block in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(block, DocxTable):
            lines += [" | ".join(c.text for c in row.cells) for row in block.rows]
        else:
            lines.append(block.text)
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ exact output

@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "docx"])
def test_exact_output(files, fmt, lang):
    responses, instrument = files
    before = responses.read_bytes()
    if fmt == "docx":
        out = responses.parent / "report.docx"
        result = smma("analyze", responses, "-i", instrument, "--format", fmt, "--lang", lang,
                      "--out", out)
        assert result.exit_code == 0, result.output
        assert result.stderr == f"report written to {out}\n" and result.stdout == ""
        actual = docx_dump(out.read_bytes())
    else:
        result = smma("analyze", responses, "--instrument", instrument, "--format", fmt,
                      "--lang", lang)
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
        actual = result.stdout
    expected = _expected(f"cli_expected_{lang}.{EXTENSIONS[fmt]}", actual)
    if fmt == "json":
        # full-precision floats differ in the last digits between CPUs and BLAS builds
        assert json_differences(json.loads(actual), json.loads(expected)) == []
    else:
        assert actual == expected
    assert responses.read_bytes() == before


def test_json_numbers_match_independent_references():
    """The stored JSON agrees with R 4.x on the same 15 complete rows.

    R: d <- read.csv("cli_responses.csv"); "Setuju" -> 4, "N" -> 3; na.omit;
    bc <- rowSums(d[, c("X1","X2","X3","X4")]); pi <- rowSums(d[, c("Y1","Y2","Y3")]).
    """
    data = json.loads((DATA / "cli_expected_en.json").read_text(encoding="utf-8"))
    assert data["n"] == 15
    # R: psych::alpha(d[, X1:X4])$total$raw_alpha, then the same for Y1:Y3
    assert data["scales"]["BC"]["alpha"] == pytest.approx(0.80695847362514, abs=1e-13)
    assert data["scales"]["PI"]["alpha"] == pytest.approx(0.708395802098951, abs=1e-13)
    # R: cor(d[, X1:X4], bc)
    assert [i["r"] for i in data["scales"]["BC"]["items"]] == pytest.approx(
        [0.821883223906813, 0.797732056051048, 0.724671229681276, 0.845717452830125],
        abs=1e-13)
    reg = data["regressions"][0]
    # R: coef(lm(pi ~ bc)); summary(...)$r.squared; $fstatistic; pf(F, 1, 13, lower.tail=FALSE)
    assert [c["b"] for c in reg["coefficients"]] == pytest.approx(
        [1.886363636363634, 0.371212121212121], abs=1e-12)
    assert reg["r2"] == pytest.approx(0.245434101131252, abs=1e-13)
    assert reg["f"] == pytest.approx(4.22844885978776, abs=1e-12)
    assert reg["f_p_value"] == pytest.approx(0.0604041409856768, abs=1e-13)


def test_default_format_is_text_in_english(files):
    default = smma("analyze", files[0], "-i", files[1])
    explicit = smma("analyze", files[0], "-i", files[1], "-f", "text", "--lang", "en")
    assert default.exit_code == 0 and default.stdout == explicit.stdout


def test_out_holds_what_stdout_shows(files):
    responses, instrument = files
    shown = smma("analyze", responses, "-i", instrument, "-f", "json").stdout
    out = responses.parent / "sub" / "report.json"
    result = smma("analyze", responses, "-i", instrument, "-f", "json", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == shown
    data = json.loads(shown)
    assert data["n"] == 15 and data["n_dropped"] == 1 and data["dropped_rows"] == [14]
    assert data["source"] == RESPONSES and data["instrument"]["name"] == "cli-fixture"


def test_options_reach_the_analysis(files):
    responses, instrument = files
    result = smma("analyze", responses, "-i", instrument, "-f", "json", "--alpha", "0.01",
                  "--judge", "r_corrected", "--one-tailed", "--robust",
                  "--ks-method", "kolmogorov", "--drop-invalid")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["alpha"] == 0.01
    settings = data["settings"]
    assert settings["judge"] == "r_corrected" and settings["tails"] == 1
    assert settings["robust"] is True and settings["normality_method"] == "kolmogorov"
    assert {nr["method"] for nr in data["normality"]} == {"kolmogorov"}
    assert all("se_hc3" in c for c in data["regressions"][0]["coefficients"])


def test_construct_option_builds_the_same_scales(files):
    responses, instrument = files
    named = json.loads(smma("analyze", responses, "-i", instrument, "-f", "json").stdout)
    adhoc = smma("analyze", responses, "--construct", "BC=X1..X4", "--construct",
                 "PI=Y1,Y2,Y3", "--model", "PI ~ BC", "-f", "json")
    assert adhoc.exit_code == 0, adhoc.output
    data = json.loads(adhoc.stdout)
    assert data["instrument"]["name"] == "adhoc"
    for code in ("BC", "PI"):
        assert data["scales"][code]["alpha"] == named["scales"][code]["alpha"]
    assert data["regressions"][0]["r2"] == named["regressions"][0]["r2"]


# ------------------------------------------------------------------ user errors (exit 1)

def test_missing_file(files):
    missing = files[0].parent / "no_such.csv"
    assert user_error(smma("analyze", missing, "-i", files[1])) == (
        f"error: {missing}: file not found")


def test_missing_instrument_file(files):
    missing = files[0].parent / "no_such.yaml"
    assert user_error(smma("analyze", files[0], "-i", missing)) == (
        f"error: {missing}: instrument file not found")


def test_latin1_bytes(files):
    path = files[0].parent / "latin1.csv"
    text = files[0].read_text(encoding="utf-8").replace("R02", "Jos\u00e9", 1)
    path.write_bytes(text.encode("latin-1"))
    assert user_error(smma("analyze", path, "-i", files[1])) == (
        f"error: {path}: line 3: byte 0xe9 is not UTF-8 text; save the file as 'CSV UTF-8' "
        "and try again")


def test_value_out_of_scale_names_file_row_and_column(files):
    path = variant(files, "scale.csv", "R05,2,4,3,2", "R05,2,4,7,2")
    assert user_error(smma("analyze", path, "-i", files[1])) == (
        f"error: {path}, row 6, column 'X3': 7 is outside the scale 1..5")


def test_text_that_is_no_label(files):
    path = variant(files, "label.csv", "R05,2,4,3,2", "R05,2,4,maybe,2")
    assert user_error(smma("analyze", path, "-i", files[1])) == (
        f"error: {path}, row 6, column 'X3': 'maybe' is neither a scale point (1..5) nor a "
        "label of the scale")


def test_missing_item_column(files):
    path = variant(files, "nocol.csv", ",Y3\n", ",Z3\n")
    assert user_error(smma("analyze", path, "-i", files[1])) == (
        f"error: {path}: no column for item(s) Y3 of instrument 'cli-fixture' (headers: "
        "respondent, X1, X2, X3, X4, Y1, Y2, Z3)")


def test_instrument_with_an_unknown_key(files):
    bad = files[1].parent / "bad.yaml"
    bad.write_text(files[1].read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    line = user_error(smma("analyze", files[0], "-i", bad))
    assert line.startswith(f"error: {bad}: unknown key 'colour' (known: ")


def test_unknown_shipped_instrument(files):
    line = user_error(smma("analyze", files[0], "-i", "no-such-instrument"))
    assert re.fullmatch(r"error: no instrument file or shipped instrument named "
                        r"'no-such-instrument' \(shipped: .*smma-instagram.*\)", line)


def test_construct_naming_an_absent_column(files):
    line = user_error(smma("analyze", files[0], "--construct", "BC=X1..X9"))
    assert line == "error: --construct 'BC=X1..X9': no column 'X9' in the file"
    line = user_error(smma("analyze", files[0], "--construct", "BC=X1,Q7"))
    assert line == "error: --construct 'BC=X1,Q7': no column 'Q7' in the file"


def test_instrument_and_construct_together(files):
    line = user_error(smma("analyze", files[0], "-i", files[1], "--construct", "BC=X1..X4"))
    assert line == "error: give either --instrument or --construct, not both"


def test_by_naming_an_absent_column(files):
    line = user_error(smma("analyze", files[0], "-i", files[1], "--by", "gender"))
    assert line.startswith("error: --by 'gender' ")
    assert "respondent" in line   # the columns it could use


def test_out_that_is_a_folder(files):
    folder = files[0].parent / "a_folder"
    folder.mkdir()
    line = user_error(smma("analyze", files[0], "-i", files[1], "--out", folder))
    assert str(folder) in line
    assert listing(files[0].parent) == sorted([RESPONSES, INSTRUMENT, "a_folder"])
    assert listing(folder) == []


# ------------------------------------------------------------------ usage errors (exit 2)

@pytest.mark.parametrize("args, words", [
    (["--format", "docx"], ["--format docx needs --out"]),
    (["--lang", "fr"], ["--lang", "fr"]),
    (["--format", "pdf"], ["--format", "pdf"]),
    (["--judge", "rho"], ["--judge", "rho"]),
    (["--ks-method", "anderson"], ["--ks-method", "anderson", "lilliefors", "kolmogorov"]),
    (["--alpha", "2"], ["--alpha", "0.5"]),
    (["--missing", "sometimes"], ["--missing", "sometimes"]),
    (["--no-such-option"], ["--no-such-option"]),
])
def test_usage_errors_exit_2(files, args, words):
    result = smma("analyze", files[0], "-i", files[1], *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    text = flat(result.stderr)
    for word in words:
        assert word in text, text


def test_no_arguments_prints_help():
    result = smma()
    assert result.exit_code in (0, 2)
    assert "analyze" in result.output and "Traceback" not in result.output


# ------------------------------------------------------------------ files: atomic, read-only

def test_failed_run_keeps_the_existing_out_file(files):
    bad = variant(files, "scale.csv", "R05,2,4,3,2", "R05,2,4,7,2")
    out = files[0].parent / "report.txt"
    out.write_bytes(b"the previous report\r\n")
    before = listing(out.parent)
    user_error(smma("analyze", bad, "-i", files[1], "--out", out))
    assert out.read_bytes() == b"the previous report\r\n"
    assert listing(out.parent) == before


def test_successful_run_replaces_out_and_leaves_no_temp_file(files):
    responses, instrument = files
    before = responses.read_bytes(), instrument.read_bytes()
    out = responses.parent / "report.md"
    out.write_bytes(b"old")
    result = smma("analyze", responses, "-i", instrument, "-f", "markdown", "-o", out)
    assert result.exit_code == 0
    assert out.read_bytes().decode("utf-8").startswith("# Brand content and purchase intention")
    assert listing(out.parent) == sorted([RESPONSES, INSTRUMENT, "report.md"])
    assert (responses.read_bytes(), instrument.read_bytes()) == before


# ------------------------------------------------------------------ HTML safety

HOSTILE_INSTRUMENT = """\
name: cli-hostile
title: "<script>title()</script>"
scale:
  min: 1
  max: 5
  labels: {1: Sangat Tidak Setuju, 2: Tidak Setuju, 3: Netral, 4: Setuju, 5: Sangat Setuju}
  aliases: {3: [N]}
constructs:
  BC:
    label: Brand content
    items: {X1: "<script>wording()</script>", X2: two, X3: three, X4: four}
  PI:
    label: "<script>label()</script>"
    items: [Y1, "<script>alert(1)</script>", Y3]
models: [PI ~ BC]
"""


def test_html_keeps_values_from_the_data_as_text(files):
    folder = files[0].parent
    inst = folder / "hostile.yaml"
    inst.write_text(HOSTILE_INSTRUMENT, encoding="utf-8")
    text = files[0].read_text(encoding="utf-8").replace(",Y2,", ",<script>alert(1)</script>,")
    data = folder / "<script>alert(2)&.csv"
    data.write_text(text, encoding="utf-8")
    result = smma("analyze", data, "-i", inst, "-f", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    for value in ("<script>alert(1)</script>", "<script>label()</script>",
                  "<script>title()</script>", "<script>alert(2)&.csv"):
        assert html.escape(value, quote=False) in page, value
    assert str(folder) not in page
    assert not re.search(r"https?://", page)


# ------------------------------------------------------------------ figures, html and docx

FIGURES = {"categories_BC.png", "categories_PI.png", "scatter_PI_BC.png",
           "residual_hist_1.png", "residual_pp_1.png", "residual_qq_1.png",
           "residual_zpred_sresid_1.png"}


@pytest.fixture(scope="module")
def plotted(work):
    """html and docx reports of the fixture, each with --plots."""
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(build_mod, "_versions", lambda: dict(VERSIONS))
        mp.setattr(build_mod, "current_year", lambda: 2026)
        for fmt in ("html", "docx"):
            folder = work / f"plots_{fmt}"
            report = work / f"report.{fmt}"
            result = smma("analyze", work / RESPONSES, "-i", work / INSTRUMENT, "-f", fmt,
                          "--plots", folder, "--out", report)
            assert result.exit_code == 0, result.output
            out[fmt] = (report, folder)
    return out


@pytest.mark.slow
def test_plots_are_png_images(plotted):
    import matplotlib.image

    _, folder = plotted["html"]
    assert set(listing(folder)) == FIGURES
    for name in FIGURES:
        image = matplotlib.image.imread(folder / name)
        assert image.ndim == 3 and image.shape[0] > 100 and image.shape[1] > 100, name
        assert image[..., :3].std() > 0, name  # not a blank canvas


def test_html_embeds_the_figures_and_loads_nothing(plotted):
    report, folder = plotted["html"]
    page = report.read_text(encoding="utf-8")
    embedded = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert {base64.b64decode(b) for b in embedded} == {(folder / n).read_bytes()
                                                       for n in FIGURES}
    assert not re.search(r"https?://", page)
    assert not re.search(r"\b(src|href)\s*=\s*[\"'](?!data:|#)", page)
    assert "<link" not in page and "<script" not in page


def test_docx_holds_the_report_tables_and_figures(plotted, work):
    import docx

    from smma_stats.report.build import build_document
    from smma_stats.report.document import Table
    from smma_stats.study import analyze

    report, folder = plotted["docx"]
    word = docx.Document(str(report))
    study = analyze(work / RESPONSES, work / INSTRUMENT)
    tables = [b for s in build_document(study).sections for b in s.blocks
              if isinstance(b, Table)]
    assert len(word.tables) == len(tables) >= 10
    for mine, theirs in zip(tables, word.tables):
        cells = [[c.text for c in row.cells] for row in theirs.rows]
        assert cells[0] == list(mine.columns), mine.title
        assert cells[1:] == [list(r) for r in mine.rows], mine.title
    first = [[c.text for c in row.cells] for row in word.tables[0].rows]
    assert first == [["Rows read", "Rows dropped", "Respondents analysed (n)"], ["16", "1", "15"]]
    assert len(word.inline_shapes) == len(FIGURES)
    assert set(listing(folder)) == FIGURES


# ------------------------------------------------------------------ other commands

def test_instruments_lists_the_shipped_one():
    result = smma("instruments")
    assert result.exit_code == 0 and result.stderr == ""
    names = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert "smma-instagram" in names


def test_validate_lists_every_problem(files):
    path = variant(files, "multi.csv", "R05,2,4,3,2", "R05,2,4,7,2")
    text = path.read_text(encoding="utf-8").replace("R09,2,2,3,3,3", "R09,2,2,3,3,maybe")
    path.write_text(text, encoding="utf-8")
    result = smma("validate", path, "-i", files[1])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}, row 6, column 'X3': 7 is outside the scale 1..5",
        (f"{path}, row 10, column 'Y1': 'maybe' is neither a scale point (1..5) nor a label "
         "of the scale"),
    ]
    assert result.stderr == f"2 problem(s) found in {path}\n"


def test_validate_a_good_file(files):
    result = smma("validate", files[0], "-i", files[1])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == f"{files[0]}: no problems found (instrument cli-fixture, 7 items)\n"


def test_validate_lists_screening_flags_without_failing(files):
    # row 3 (R02) repeated as the last row; R04 made to answer 3 to every item
    text = files[0].read_text(encoding="utf-8")
    lines = text.splitlines()
    r02 = next(line for line in lines if line.startswith("R02,"))
    text = text.replace("R04,3,1,3,2,1,1,2", "R04,3,3,3,3,3,3,3")
    text = text.rstrip("\n") + "\n" + r02.replace("R02,", "R02,", 1) + "\n"
    path = files[0].parent / "flags.csv"
    path.write_text(text, encoding="utf-8")
    last = len(text.splitlines())          # spreadsheet row of the repeated answers
    result = smma("validate", path, "-i", files[1])
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert out[0] == f"{path}: row 5: straight lining: answered 3 to each of the 7 items answered"
    assert out[1].startswith(f"{path}: row {last}: duplicate: ")
    assert "row 3" in out[1]
    assert out[-1] == f"{path}: no problems found (instrument cli-fixture, 7 items)"
    assert result.stderr.startswith(f"screening: 2 of {last - 1} responses flagged "
                                    "(duplicate 1, straight lining 1)")


def test_max_missing_share_decides_who_is_filled_in(files):
    # R02 skips X2: one of the four BC items (a share of 0.25)
    path = variant(files, "gap.csv", "R02,3,4,3,3", "R02,3,,3,3")

    def missing(source, *extra):
        result = smma("analyze", source, "-i", files[1], "-f", "json", "--missing",
                      "person-mean", *extra)
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        return report["n"], report["missing"]

    n0, before = missing(files[0], "--max-missing-share", "0.25")
    n, summary = missing(path)                             # default 0.2 < 0.25: left out
    assert (n, summary["n_imputed_answers"], summary["max_missing_share"]) == (
        n0 - 1, before["n_imputed_answers"], 0.2)
    n, summary = missing(path, "--max-missing-share", "0.25")   # 0.25 allowed: filled in
    assert (n, summary["n_imputed_answers"], summary["max_missing_share"]) == (
        n0, before["n_imputed_answers"] + 1, 0.25)
    result = smma("analyze", path, "-i", files[1], "--max-missing-share", "1")
    assert result.exit_code == 2 and "--max-missing-share" in flat(result.stderr)


def test_validate_a_missing_file(files):
    missing = files[0].parent / "gone.csv"
    result = smma("validate", missing, "-i", files[1])
    assert result.exit_code == 1
    assert result.stdout == f"{missing}: file not found\n"
    assert result.stderr == f"1 problem(s) found in {missing}\n"


def test_init_writes_a_loadable_instrument_and_refuses_to_overwrite(files):
    from smma_stats.instrument import load_instrument

    out = files[0].parent / "starter.yaml"
    result = smma("init", files[0], "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"instrument written to {out}\n"
    inst = load_instrument(out)
    assert inst.item_ids == ["X1", "X2", "X3", "X4", "Y1", "Y2", "Y3"]
    assert [m.formula for m in inst.models] == ["Y ~ X"]
    first = out.read_bytes()

    out.write_bytes(b"# my edits\n" + first)
    edited = out.read_bytes()
    line = user_error(smma("init", files[0], "--out", out))
    assert line == f"error: {out} exists; use --force to replace it"
    assert out.read_bytes() == edited

    assert smma("init", files[0], "--out", out, "--force").exit_code == 0
    assert out.read_bytes() == first
    assert "starter.yaml" in listing(out.parent)
    assert not [n for n in listing(out.parent) if n.endswith(".tmp")]


def test_synthesize_writes_a_file_that_validates(files, tmp_path):
    out = tmp_path / "synthetic.csv"
    result = smma("synthesize", "--instrument", files[1], "--n", 30, "--seed", 7, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"30 synthetic respondents written to {out}\n"
    assert smma("validate", out, "-i", files[1]).exit_code == 0
    again = tmp_path / "again.csv"
    smma("synthesize", "--instrument", files[1], "--n", 30, "--seed", 7, "--out", again)
    assert again.read_bytes() == out.read_bytes()


def test_synthesize_needs_an_instrument(tmp_path):
    result = smma("synthesize", "--out", tmp_path / "x.csv")
    assert result.exit_code == 2
    assert "--instrument" in flat(result.stderr)
