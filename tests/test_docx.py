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

from smma_stats.report.document import Document, Figure, Paragraph, Section, Table
from smma_stats.report.docx import (
    FIGURE_WIDTH_CM,
    NOTE_PT,
    PAGE_CM,
    TABLE_PT,
    render_docx,
    table_font_pt,
)


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


def test_table_title_above_in_italics_and_note_below_in_small_type(small):
    _, word = small
    body = list(word.element.body.iterchildren())
    tbl = word.tables[0]._tbl
    i = body.index(tbl)
    title = docx.text.paragraph.Paragraph(body[i - 1], word)
    note = docx.text.paragraph.Paragraph(body[i + 1], word)
    assert title.text == "Table 1\nItem validity (n = 101, r table = .196)"
    label, caption = title.runs[0], title.runs[-1]
    assert label.text == "Table 1" and label.bold
    assert caption.text.startswith("Item validity") and caption.italic
    assert note.text == VALIDITY.note
    assert all(r.font.size == Pt(NOTE_PT) for r in note.runs)
    assert note.runs[0].text == "Note." and note.runs[0].italic
    # a one-line title is italic as a whole
    coef_title = docx.text.paragraph.Paragraph(body[body.index(word.tables[1]._tbl) - 1], word)
    assert coef_title.text == "Coefficients" and coef_title.runs[0].italic


def test_cell_font_shrinks_for_wide_tables():
    assert [table_font_pt(n) for n in (1, 6, 7, 8, 9, 12)] == [TABLE_PT, TABLE_PT, 9, 9, 8, 8]
    wide = Table("Wide", tuple(f"c{i}" for i in range(12)), (tuple("1" * 12),))
    word = open_docx(render_docx(Document("R", "", (Section("S", (COEFS, wide)),))))
    sizes = [{r.font.size for c in t.rows[1].cells for r in c.paragraphs[0].runs}
             for t in word.tables]
    assert sizes == [{Pt(TABLE_PT)}, {Pt(8)}]


def test_page_is_a4(small):
    _, word = small
    section = word.sections[0]
    # stored in twips: equal to the centimetre within a twip (635 EMU)
    assert abs(section.page_width - Cm(PAGE_CM[0])) <= 635
    assert abs(section.page_height - Cm(PAGE_CM[1])) <= 635
    usable = section.page_width - section.left_margin - section.right_margin
    assert usable >= Cm(FIGURE_WIDTH_CM)


def test_figures_are_embedded_with_captions(small):
    document, word = small
    figures = doc_figures(document)
    shapes = word.inline_shapes
    assert len(shapes) == len(figures) == 2
    for shape in shapes:
        assert abs(shape.width - Cm(FIGURE_WIDTH_CM)) < Cm(0.01)
    # aspect ratio of each PNG kept
    assert shapes[0].height == pytest.approx(shapes[0].width * 30 / 40, rel=1e-3)
    assert shapes[1].height == pytest.approx(shapes[1].width * 20 / 60, rel=1e-3)
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions == [f.caption for f in figures]
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

    figures = (Figure("scatter_PI_SMMA.png", "caption one", tiny_png()),
               Figure("residual_qq_1.png", "caption two", tiny_png(30, 30)))
    document = build_document(sample_study, lang=lang, figures=figures)
    data = render_docx(document)
    assert render(sample_study, "docx", lang=lang, figures=figures) == data
    word = open_docx(data)

    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [s.title for s in document.sections]
    assert word.paragraphs[0].text == document.title

    tables = [t for t in doc_tables(document) if t.columns]
    assert len(tables) > 5
    assert len(word.tables) == len(tables)
    for got, table in zip(word.tables, tables):
        assert cells(got) == [list(table.columns)] + [
            list(r) + [""] * (len(table.columns) - len(r)) for r in table.rows]

    assert len(word.inline_shapes) == 2
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions == ["caption one", "caption two"]


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
