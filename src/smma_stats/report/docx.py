"""Word (.docx) renderer: lays a :class:`~smma_stats.report.document.Document` out.

Tables follow APA style, as Indonesian theses print them: no vertical lines,
a rule above and below the header row and one under the last row, the title
in italics above and the note in a smaller font below. Figures go in at
15 cm wide with their caption underneath. The page is A4 portrait.

Every cell, heading and caption is taken from the Document as is; this module
formats nothing itself. python-docx is imported inside :func:`render_docx`.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile

from .document import Document, Figure, Paragraph, Table

#: Width of an inserted figure, in centimetres.
FIGURE_WIDTH_CM = 15.0
#: Font sizes in points: table body and notes. Wide tables (the K-S table
#: has twelve columns) step down to fit a portrait A4 page.
TABLE_PT = 10
NOTE_PT = 9
_WIDE_PT = ((6, TABLE_PT), (8, 9))  # up to 6 columns: 10 pt; up to 8: 9 pt; more: 8 pt
_NARROWEST_PT = 8
#: A4 portrait with 2.5 cm margins, the paper Indonesian theses are printed on.
PAGE_CM = (21.0, 29.7)
MARGIN_CM = 2.5

# A fixed date for the package metadata and zip entries: same input, same bytes.
_FIXED_DATE = _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# XML 1.0 forbids these control characters; user text (item wording) may hold them.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_NOTE_PREFIXES = ("Note.", "Catatan.")
_LANG_TAGS = {"en": "en-US", "id": "id-ID"}


def render_docx(document: Document) -> bytes:
    """Render a report Document as a Word file.

    Parameters
    ----------
    document : Document
        The format-neutral report (see :mod:`smma_stats.report.document`).

    Returns
    -------
    bytes
        The ``.docx`` file. The same Document gives the same bytes: the
        package dates and zip timestamps are fixed.

    Notes
    -----
    Section levels map to Word's "Heading 1" and "Heading 2" styles, so
    Word's navigation pane and table of contents pick them up. A table's
    header row repeats on every page the table spans. Cells whose column is
    marked ``"r"`` in ``Table.align`` are right-aligned, header included.

    Examples
    --------
    >>> from smma_stats.report.document import Document, Section, Table
    >>> doc = Document("Report", "n = 3", (Section("Results", (
    ...     Table("Table 1", ("item", "r"), (("X1", ".512"),), align=("l", "r")),)),))
    >>> render_docx(doc)[:2]
    b'PK'
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    word = docx.Document()
    _set_page(word)
    _set_language(word, _LANG_TAGS.get(document.lang, document.lang))
    _set_properties(word, document)

    word.add_heading(_clean(document.title), level=0)
    if document.subtitle:
        word.add_paragraph(_clean(document.subtitle), style="Subtitle")

    for section in document.sections:
        level = min(max(int(section.level), 1), 9)
        word.add_heading(_clean(section.title), level=level)
        for block in section.blocks:
            if isinstance(block, Table):
                _add_table(word, block)
            elif isinstance(block, Figure):
                word.add_picture(io.BytesIO(block.png), width=Cm(FIGURE_WIDTH_CM))
                pic = word.paragraphs[-1]
                pic.alignment = WD_ALIGN_PARAGRAPH.CENTER
                pic.paragraph_format.keep_with_next = True
                cap = word.add_paragraph(_clean(block.caption), style="Caption")
                cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif isinstance(block, Paragraph):
                word.add_paragraph(_clean(block.text))
            else:
                word.add_paragraph(_clean(str(block)))

    buf = io.BytesIO()
    word.save(buf)
    return _fixed_zip(buf.getvalue())


def _add_table(word, table: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    # APA: "Table 1" in bold on its own line, the title in italics below it
    title = word.add_paragraph()
    label, sep, rest = _clean(table.title).partition("\n")
    if sep:
        title.add_run(label).bold = True
        title.add_run().add_break()
        title.add_run(rest).italic = True
    else:
        title.add_run(label).italic = True
    title.paragraph_format.keep_with_next = True
    title.paragraph_format.space_after = Pt(3)

    ncols = len(table.columns)
    if ncols == 0:
        title.paragraph_format.keep_with_next = False
        return
    align = tuple(table.align or ())
    right = [i < len(align) and align[i] == "r" for i in range(ncols)]
    grid = word.add_table(rows=1 + len(table.rows), cols=ncols)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _table_rules(grid)

    size = Pt(table_font_pt(ncols))
    for r, cells in enumerate([table.columns, *table.rows]):
        row_cells = grid.rows[r].cells
        for c in range(ncols):
            text = cells[c] if c < len(cells) else ""
            para = row_cells[c].paragraphs[0]
            run = para.add_run(_clean(str(text)))
            run.font.size = size
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right[c] else WD_ALIGN_PARAGRAPH.LEFT
            fmt = para.paragraph_format
            fmt.space_before = fmt.space_after = Pt(1)
            # keep a table with its note on one page where it fits
            fmt.keep_with_next = True
    _header_row(grid.rows[0])

    if table.note:
        note = word.add_paragraph()
        text = _clean(table.note)
        for prefix in _NOTE_PREFIXES:
            if text.startswith(prefix):
                note.add_run(prefix).italic = True
                text = text[len(prefix):]
                break
        note.add_run(text)
        for run in note.runs:
            run.font.size = Pt(NOTE_PT)
        note.paragraph_format.space_before = Pt(3)
    else:
        for cell in grid.rows[-1].cells:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = False


def table_font_pt(ncols: int) -> int:
    """Font size of a table's cells: smaller for wide tables."""
    for most, pt in _WIDE_PT:
        if ncols <= most:
            return pt
    return _NARROWEST_PT


def _table_rules(grid) -> None:
    """APA rules: top and bottom of the table only, no vertical or inner lines."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = grid._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        if edge in ("top", "bottom"):
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "8")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    # schema order inside tblPr: ... tblW, jc, ..., tblBorders, shd, tblLayout ...
    anchor = None
    for tag in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                "w:tblDescription"):
        anchor = tbl_pr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tbl_pr.append(borders)


def _header_row(row) -> None:
    """Rule under the header row, and repeat the header on each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)
    for cell in row.cells:
        tc_pr = cell._tc.get_or_add_tcPr()
        borders = OxmlElement("w:tcBorders")
        bottom = OxmlElement("w:bottom")
        bottom.set(qn("w:val"), "single")
        bottom.set(qn("w:sz"), "6")
        bottom.set(qn("w:space"), "0")
        bottom.set(qn("w:color"), "000000")
        borders.append(bottom)
        # tcBorders comes after tcW/gridSpan/vMerge and before shd/vAlign
        anchor = None
        for tag in ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                    "w:vAlign", "w:hideMark"):
            anchor = tc_pr.find(qn(tag))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            tc_pr.append(borders)


def _set_page(word) -> None:
    from docx.shared import Cm

    for section in word.sections:
        section.page_width, section.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
        section.left_margin = section.right_margin = Cm(MARGIN_CM)
        section.top_margin = section.bottom_margin = Cm(MARGIN_CM)


def _set_language(word, tag: str) -> None:
    """Proofing language of the default run style, so Word checks Indonesian as Indonesian."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = word.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/"
                                   + qn("w:rPr"))
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)


def _set_properties(word, document: Document) -> None:
    props = word.core_properties
    props.title = _clean(document.title)[:255]
    props.subject = _clean(document.subtitle or "")[:255]
    props.author = "smma_stats"
    props.last_modified_by = "smma_stats"
    props.language = _LANG_TAGS.get(document.lang, document.lang)
    props.revision = 1
    props.created = _FIXED_DATE
    props.modified = _FIXED_DATE
    props.last_printed = _FIXED_DATE


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed entry timestamps (python-docx stamps 'now')."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def _clean(text) -> str:
    return _BAD_XML.sub("", "" if text is None else str(text))
