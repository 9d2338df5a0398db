"""Word renderer: the .docx holds the Document's headings, tables, cells and figures."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from smma_stats.report.document import Document, Figure, Paragraph, Section, Table, number_blocks
from smma_stats.report.docx import (
    BODY_PT,
    FIGURE_WIDTH_CM,
    FONT,
    MARGINS_CM,
    NOTE_PT,
    PAGE_CM,
    TABLE_PT,
    parse_margins,
    render_docx,
    table_font_pt,
    table_layout,
)
from smma_stats.report.widths import CELL_PAD_CM, longest_word, text_cm


def tiny_png(width: int = 40, height: int = 30) -> bytes:
    """A valid grey RGB PNG built by hand (no imaging library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80" * (3 * width) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


VALIDITY = Table(
    title="Table 1\nItem validity (n = 101, r table = .196)",
    columns=("Item", "r", "r table", "Sig.", "Decision"),
    rows=(("X1.1", ".512", ".196", "< .001", "valid"),
          ("X1.2", ".145", ".196", ".148", "invalid")),
    note="Note. r = Pearson correlation of the item with the total score.",
    align=("l", "r", "r", "r", "l"),
)
COEFS = Table(
    title="Coefficients",
    columns=("Term", "B", "t"),
    rows=(("(Constant)", "3.204", "2.310"), ("SMMA", "0.415", "8.112")),
)


def small_document(lang: str = "en") -> Document:
    doc = _small(lang)
    sections = number_blocks(doc.sections, "Table", "Figure", "4",
                             "Source: primary data, processed, 2026")
    return Document(doc.title, doc.subtitle, sections, doc.lang)


def _small(lang: str) -> Document:
    return Document(
        title="Instrument test report",
        subtitle="smma-instagram, n = 101",
        lang=lang,
        sections=(
            Section("Validity", (Paragraph("All but one item are valid."), VALIDITY)),
            Section("Regression", (COEFS,), level=1),
            Section("Figures", (
                Figure("scatter_PI_SMMA.png", "Scatter plot of PI against SMMA", tiny_png()),
                Paragraph("Between the figures."),
                Figure("residual_hist_1.png", "Histogram of residuals", tiny_png(60, 20)),
            ), level=2),
        ),
    )


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def doc_tables(document: Document) -> list[Table]:
    return [b for s in document.sections for b in s.blocks if isinstance(b, Table)]


def doc_figures(document: Document) -> list[Figure]:
    return [b for s in document.sections for b in s.blocks if isinstance(b, Figure)]


def cells(word_table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in word_table.rows]


@pytest.fixture(scope="module")
def small():
    document = small_document()
    return document, open_docx(render_docx(document))


def test_returns_a_docx_package():
    data = render_docx(small_document())
    assert isinstance(data, bytes) and data[:2] == b"PK"
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "word/document.xml" in names and "[Content_Types].xml" in names


def test_title_subtitle_and_headings(small):
    document, word = small
    styled = [(p.style.name, p.text) for p in word.paragraphs
              if p.style.name in ("Title", "Subtitle") or p.style.name.startswith("Heading")]
    assert styled == [
        ("Title", "Instrument test report"),
        ("Subtitle", "smma-instagram, n = 101"),
        ("Heading 1", "Validity"),
        ("Heading 1", "Regression"),
        ("Heading 2", "Figures"),
    ]
    assert [t for _, t in styled[2:]] == [s.title for s in document.sections]


def test_paragraphs_keep_their_text(small):
    _, word = small
    texts = [p.text for p in word.paragraphs]
    assert "All but one item are valid." in texts
    assert "Between the figures." in texts


def test_tables_hold_the_documents_cells(small):
    document, word = small
    expected = doc_tables(document)
    assert len(word.tables) == len(expected)
    for got, table in zip(word.tables, expected):
        assert cells(got) == [list(table.columns)] + [list(r) for r in table.rows]


def test_numbers_are_right_aligned_where_the_table_says_so(small):
    _, word = small
    for row in word.tables[0].rows:
        aligned = [c.paragraphs[0].alignment for c in row.cells]
        assert aligned == [WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT,
                           WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.RIGHT,
                           WD_ALIGN_PARAGRAPH.LEFT]
    # no align given: everything left
    assert {c.paragraphs[0].alignment for r in word.tables[1].rows for c in r.cells} == {
        WD_ALIGN_PARAGRAPH.LEFT}


def test_apa_rules_top_and_bottom_no_vertical_lines(small):
    _, word = small
    for table in word.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        vals = {child.tag.split("}")[1]: child.get(qn("w:val")) for child in borders}
        assert vals == {"top": "single", "bottom": "single", "left": "nil", "right": "nil",
                        "insideH": "nil", "insideV": "nil"}
        header, body = table.rows[0], table.rows[1]
        for cell in header.cells:
            bottom = cell._tc.tcPr.find(qn("w:tcBorders")).find(qn("w:bottom"))
            assert bottom.get(qn("w:val")) == "single"
        for cell in body.cells:
            assert cell._tc.tcPr.find(qn("w:tcBorders")) is None
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None


def test_numbered_caption_above_note_and_source_below(small):
    _, word = small
    body = list(word.element.body.iterchildren())
    tbl = word.tables[0]._tbl
    i = body.index(tbl)
    caption = docx.text.paragraph.Paragraph(body[i - 1], word)
    note = docx.text.paragraph.Paragraph(body[i + 1], word)
    source = docx.text.paragraph.Paragraph(body[i + 2], word)
    assert caption.text == "Table 4.1 Table 1\nItem validity (n = 101, r table = .196)"
    assert caption.runs[0].text == "Table 4.1" and caption.runs[0].bold
    assert caption.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert caption.paragraph_format.keep_with_next
    assert note.text == VALIDITY.note
    assert all(r.font.size == Pt(NOTE_PT) for r in note.runs)
    assert note.runs[0].text == "Note." and note.runs[0].italic
    assert source.text == "Source: primary data, processed, 2026"
    coef = docx.text.paragraph.Paragraph(body[body.index(word.tables[1]._tbl) - 1], word)
    assert coef.text == "Table 4.2 Coefficients"


def test_cell_font_is_11_then_10_points():
    assert [table_font_pt(n) for n in (1, 5, 6, 9, 12)] == [TABLE_PT, TABLE_PT, 10, 10, 10]
    assert TABLE_PT == 11
    wide = Table("Wide", tuple(f"c{i}" for i in range(12)), (tuple("1" * 12),))
    word = open_docx(render_docx(Document("R", "", (Section("S", (COEFS, wide)),))))
    sizes = [{r.font.size for c in t.rows[1].cells for r in c.paragraphs[0].runs}
             for t in word.tables]
    assert sizes == [{Pt(TABLE_PT)}, {Pt(10)}]


def test_page_is_a4_with_thesis_margins_and_times_new_roman(small):
    _, word = small
    section = word.sections[0]
    # stored in twips: equal to the centimetre within a twip (635 EMU)
    assert abs(section.page_width - Cm(PAGE_CM[0])) <= 635
    assert abs(section.page_height - Cm(PAGE_CM[1])) <= 635
    got = [section.left_margin, section.top_margin, section.right_margin, section.bottom_margin]
    assert all(abs(g - Cm(m)) <= 635 for g, m in zip(got, (4, 3, 3, 3)))
    assert MARGINS_CM == (4.0, 3.0, 3.0, 3.0)
    usable = section.page_width - section.left_margin - section.right_margin
    assert usable >= Cm(FIGURE_WIDTH_CM) - 635
    normal = word.styles["Normal"]
    assert normal.font.name == FONT == "Times New Roman" and normal.font.size == Pt(BODY_PT)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {FONT}
    assert word.styles["Heading 1"].font.name == FONT


def test_margins_are_an_option():
    word = open_docx(render_docx(small_document(), margins="3,2.5,2,2"))
    section = word.sections[0]
    got = [section.left_margin, section.top_margin, section.right_margin, section.bottom_margin]
    assert all(abs(g - Cm(m)) <= 635 for g, m in zip(got, (3, 2.5, 2, 2)))
    assert parse_margins("4, 3, 3, 3") == (4.0, 3.0, 3.0, 3.0)
    from smma_stats.errors import SmmaError

    for bad in ("4,3,3", "a,b,c,d", "4,3,3,30"):
        with pytest.raises(SmmaError, match="margins"):
            parse_margins(bad)


def test_figures_are_embedded_with_numbered_captions_below(small):
    document, word = small
    figures = doc_figures(document)
    shapes = word.inline_shapes
    assert len(shapes) == len(figures) == 2
    for shape in shapes:
        assert abs(shape.width - Cm(FIGURE_WIDTH_CM)) < Cm(0.01)
    # aspect ratio of each PNG kept
    assert shapes[0].height == pytest.approx(shapes[0].width * 30 / 40, rel=1e-3)
    assert shapes[1].height == pytest.approx(shapes[1].width * 20 / 60, rel=1e-3)
    texts = [p.text for p in word.paragraphs]
    for i, fig in enumerate(figures, 1):
        at = texts.index(f"Figure 4.{i} {fig.caption}")
        assert word.paragraphs[at - 1]._p.xpath(".//pic:pic")  # the image just above
        assert texts[at + 1] == "Source: primary data, processed, 2026"
    media = [n for n in zipfile.ZipFile(io.BytesIO(render_docx(document))).namelist()
             if n.startswith("word/media/")]
    assert len(media) == 2


def test_same_document_same_bytes_and_no_clock_in_the_package():
    document = small_document()
    data = render_docx(document)
    assert render_docx(document) == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = open_docx(data).core_properties
    assert props.created.year == 2000 and props.modified.year == 2000
    assert props.title == "Instrument test report"


def test_language_is_set_for_proofing():
    for lang, tag in (("en", "en-US"), ("id", "id-ID")):
        word = open_docx(render_docx(small_document(lang)))
        rpr = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
            qn("w:rPr"))
        assert rpr.find(qn("w:lang")).get(qn("w:val")) == tag
        assert word.core_properties.language == tag


def test_control_characters_in_user_text_do_not_break_the_file():
    document = Document("Report\x07", "", (Section("Items", (
        Paragraph("item wording with a bell\x07 and a form feed\x0c"),
        Table("T", ("Item", "Text"), (("X1", "Saya \x1bsuka"),)),
    )),))
    word = open_docx(render_docx(document))
    assert word.paragraphs[0].text == "Report"
    assert cells(word.tables[0]) == [["Item", "Text"], ["X1", "Saya suka"]]


def test_ragged_and_empty_tables():
    document = Document("R", "", (Section("S", (
        Table("Short row", ("a", "b", "c"), (("1",), ("1", "2", "3"))),
        Table("No rows", ("a", "b"), ()),
        Table("No columns", (), ()),
    )),))
    word = open_docx(render_docx(document))
    assert len(word.tables) == 2
    assert cells(word.tables[0]) == [["a", "b", "c"], ["1", "", ""], ["1", "2", "3"]]
    assert cells(word.tables[1]) == [["a", "b"]]


# --- a whole study report ------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "id"])
def test_full_study_report(sample_study, lang):
    from smma_stats.report import render
    from smma_stats.report.build import build_document
    from smma_stats.report.document import shorten_labels

    figures = (Figure("scatter_PI_SMMA.png", "caption one", tiny_png(), anchor="model:1"),
               Figure("residual_qq_1.png", "caption two", tiny_png(30, 30),
                      anchor="assumptions:1"))
    document = build_document(sample_study, lang=lang, figures=figures, year=2026)
    data = render_docx(document)
    assert render(sample_study, "docx", lang=lang, figures=figures, year=2026) == data
    word = open_docx(data)

    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [s.title for s in document.sections]
    assert word.paragraphs[0].text == document.title

    tables = [shorten_labels(t, 40)[0] for t in doc_tables(document) if t.columns]
    assert len(tables) > 5
    assert len(word.tables) == len(tables)
    for got, table in zip(word.tables, tables):
        assert cells(got) == [list(table.columns)] + [
            list(r) + [""] * (len(table.columns) - len(r)) for r in table.rows]

    assert len(word.inline_shapes) == 2
    word_fig = "Figure" if lang == "en" else "Gambar"
    captions = [p.text for p in word.paragraphs if p.text.startswith(word_fig + " 4.")]
    assert captions == [f"{word_fig} 4.1 caption one", f"{word_fig} 4.2 caption two"]
    word_tab = "Table" if lang == "en" else "Tabel"
    numbered = [p.text.split(" ", 2)[1] for p in word.paragraphs
                if p.style.name == "Caption" and p.text.startswith(word_tab + " 4.")]
    assert numbered == [f"4.{i}" for i in range(1, len(tables) + 1)]


def test_importing_the_renderer_does_not_import_python_docx():
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, smma_stats.report.docx\n"
            "print('docx' in sys.modules, 'matplotlib' in sys.modules)")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True)
    assert out.stdout.split() == ["False", "False"]


# --- layout: column widths, landscape pages, shortened labels ------------------

def grid_cm(word_table) -> list[float]:
    cols = word_table._tbl.tblGrid.findall(qn("w:gridCol"))
    return [int(c.get(qn("w:w"))) / 1440 * 2.54 for c in cols]


SPSS_ITEM_TOTAL = Table(
    "Item-Total Statistics",
    ("Item", "Scale Mean if Item Deleted", "Scale Variance if Item Deleted",
     "Corrected Item-Total Correlation", "Cronbach's Alpha if Item Deleted",
     "Squared Multiple Correlation"),
    (("X1.1", "37.683", "15.259", ".484", ".717", ".301"),
     ("X1.2", "37.713", "15.807", ".404", ".728", ".254")),
    align=("l",) + ("r",) * 5)


def test_every_column_holds_its_longest_word():
    tables = (SPSS_ITEM_TOTAL, VALIDITY, COEFS,
              Table("Std", ("Residual", "Std. Deviation", "Unstandardized Residual"),
                    (("Residual", "4.120", "Normal"),)))
    word = open_docx(render_docx(Document("R", "", (Section("S", tables),))))
    for table, got in zip(tables, word.tables):
        pt, widths, _ = table_layout(table)
        grid = grid_cm(got)
        assert grid == pytest.approx(widths, abs=0.01)
        assert got._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        for i, col in enumerate(zip(table.columns, *table.rows)):
            need = max(longest_word(c, lambda s: text_cm(s, pt)) for c in col)
            assert grid[i] >= need + CELL_PAD_CM - 0.01, (table.title, col[0])
        usable = PAGE_CM[0] - MARGINS_CM[0] - MARGINS_CM[2]
        assert sum(grid) <= usable + 0.01


def test_width_estimate_errs_on_the_wide_side():
    # Times New Roman advance widths (units per em 2048): "Residual" is 3.5 em
    # (R 1366, e 909, s 797, i 569, d 1024, u 1024, a 909, l 569 = 7167 units)
    assert text_cm("Residual", 10) >= 7167 / 2048 * 10 * 2.54 / 72
    assert text_cm("Deviation", 10) >= (1479 + 909 + 1024 + 569 + 909 + 569 + 569 + 1024
                                        + 1024) / 2048 * 10 * 2.54 / 72


def test_a_table_too_wide_for_portrait_gets_a_landscape_page():
    wide = Table("Kolmogorov-Smirnov", tuple(f"Statistic{i:02d}" for i in range(14)),
                 (tuple(f"{i}.123456" for i in range(14)),), align=("l",) + ("r",) * 13)
    doc = Document("R", "", (Section("A", (COEFS, wide, Paragraph("after the wide table"))),
                             Section("B", (Paragraph("next chapter part"),))))
    word = open_docx(render_docx(doc))
    orient = [(s.page_width > s.page_height) for s in word.sections]
    assert orient == [False, True, False]
    land = word.sections[1]
    assert abs(land.top_margin - Cm(MARGINS_CM[0])) <= 635  # binding edge on top
    pt, widths, landscape = table_layout(wide)
    assert landscape and sum(widths) <= PAGE_CM[1] - 6 + 0.01
    assert grid_cm(word.tables[1]) == pytest.approx(widths, abs=0.01)


def test_long_row_labels_are_shortened_with_a_note():
    long = "Residual model 2 (PI ~ entertainment + interaction + customization + trendiness)"
    table = Table("Normality", ("Variable", "p"), ((long, ".910"), ("PI", ".784")),
                  note="Note. Lilliefors.", align=("l", "r"))
    word = open_docx(render_docx(Document("R", "", (Section("S", (table,)),), lang="id")))
    assert cells(word.tables[0]) == [["Variable", "p"], ["Residual model 2 (a)", ".910"],
                                     ["PI", ".784"]]
    notes = [p.text for p in word.paragraphs if p.text.startswith("Note.")]
    assert notes == [f"Note. Lilliefors. Label yang dipendekkan: (a) {long}."]


# --- what a user gets: LibreOffice renders the sample without breaking a word ----

@pytest.mark.slow
def test_libreoffice_pdf_keeps_every_table_label_whole(tmp_path):
    """Convert the shipped sample's Word report to PDF; every cell text is on one line or
    wrapped at a space, never inside a word (needs LibreOffice and pdftotext)."""
    import shutil
    import subprocess
    from pathlib import Path

    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or pdftotext is not installed")
    from smma_stats.report import render
    from smma_stats.report.build import build_document
    from smma_stats.report.plots import make_figures
    from smma_stats.study import analyze

    sample = Path(__file__).resolve().parents[1] / "data" / "sample" / "smma_responses.csv"
    study = analyze(sample, "smma-instagram")
    figures = make_figures(study, lang="id")
    out = tmp_path / "bab4.docx"
    out.write_bytes(render(study, "docx", lang="id", figures=figures, year=2026))
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=240)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "bab4.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    text = text.replace("\u2011", "-")  # the cells' non-breaking hyphens
    printed = set(text.split())
    document = build_document(study, lang="id", figures=figures, year=2026)
    tables = [b for s in document.sections for b in s.blocks if isinstance(b, Table)]
    # every word of every column header and row label is printed whole
    labels = {w for t in tables for cell in (*t.columns, *(r[0] for r in t.rows if r))
              for w in str(cell).split()}
    assert sorted(labels - printed) == []
    # and nothing is printed that is not a word of the document: no "Resid" + "ual"
    known = {w for s in document.sections for w in s.title.split()}
    known |= set(document.title.split()) | set(document.subtitle.split())
    for s in document.sections:
        for b in s.blocks:
            parts = [getattr(b, "text", ""), getattr(b, "caption", ""),
                     getattr(b, "note", "") or "", getattr(b, "source", "") or "",
                     getattr(b, "label", "") or ""]
            if isinstance(b, Table):
                parts += [*b.columns, *(c for r in b.rows for c in r)]
            known |= {w for part in parts for w in str(part).split()}
    from smma_stats.report.messages import msg

    known |= {"(a)", "(b)", "\u2026"} | set(msg("note_shortened", "id", labels="").split())
    def bare(words):
        return {w.rstrip(".,;:") for w in words}

    fragments = sorted(w for w in bare(printed) - bare(known) if not w.isdigit())
    assert fragments == []
    numbered = " ".join(text.split())
    for b in tables:
        assert b.label in numbered, b.label


# --- the command line: --number-prefix and --margins -------------------------------

def test_cli_number_prefix_and_margins(tmp_path):
    from pathlib import Path

    from clirun import smma, user_error

    data = Path(__file__).resolve().parent / "data"
    out = tmp_path / "bab3.docx"
    result = smma("analyze", data / "cli_responses.csv", "-i", data / "cli_instrument.yaml",
                  "-f", "docx", "-o", out, "--lang", "id", "--number-prefix", "3",
                  "--margins", "3,2.5,2,2")
    assert result.exit_code == 0, result.output
    word = open_docx(out.read_bytes())
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions[0].startswith("Tabel 3.1 ") and captions[1].startswith("Tabel 3.2 ")
    section = word.sections[0]
    got = [section.left_margin, section.top_margin, section.right_margin, section.bottom_margin]
    assert all(abs(g - Cm(m)) <= 635 for g, m in zip(got, (3, 2.5, 2, 2)))
    bad = smma("analyze", data / "cli_responses.csv", "-i", data / "cli_instrument.yaml",
               "-f", "docx", "-o", tmp_path / "x.docx", "--margins", "4,3")
    assert "margins" in user_error(bad)
    assert not (tmp_path / "x.docx").exists()
