"""The Open XML pieces python-docx has no API for, used by :mod:`.docx`.

Table rules and fixed column widths, non-breaking hyphens, fonts and
proofing language of the styles, fixed package dates. Every function takes
python-docx objects and changes them in place; python-docx is imported
inside the functions.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile

from typing import TYPE_CHECKING

from .widths import CELL_MARGIN_CM

if TYPE_CHECKING:
    from .document import Document

#: Typeface of every style.
FONT = "Times New Roman"

# A fixed date for the package metadata and zip entries: same input, same bytes.
_FIXED_DATE = _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# XML 1.0 forbids these control characters; user text (item wording) may hold them.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

LANG_TAGS = {"en": "en-US", "id": "id-ID"}


def unbreakable_text(run, text: str) -> None:
    """The text with non-breaking hyphens, so a cell wraps at spaces only
    ("Shapiro-Wilk", "Butir-Total" stay whole, as the column widths assume)."""
    from docx.oxml import OxmlElement

    for i, part in enumerate(text.split("-")):
        if i:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        if part:
            run._r.add_t(part)


def fixed_widths(grid, widths) -> None:
    """Fixed layout with the given column widths (grid columns and every cell)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    tbl_pr = grid._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(int(Cm(CELL_MARGIN_CM).twips)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    # schema order inside tblPr: ..., tblLayout, tblCellMar, tblLook, ...
    for el in (layout, margins):
        insert_before(tbl_pr, el, ("w:tblLook", "w:tblCaption", "w:tblDescription"))
    for col, width in zip(grid._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in grid.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def table_rules(grid) -> None:
    """APA rules: top and bottom of the table only, no vertical or inner lines."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = grid._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_rule(edge, "8") if edge in ("top", "bottom") else _rule(edge, None))
    # schema order inside tblPr: ... tblW, jc, ..., tblBorders, shd, tblLayout ...
    insert_before(tbl_pr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                    "w:tblCaption", "w:tblDescription"))


def header_row(row) -> None:
    """Rule under the header row, and repeat the header on each page."""
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)
    for cell in row.cells:
        tc_pr = cell._tc.get_or_add_tcPr()
        borders = OxmlElement("w:tcBorders")
        borders.append(_rule("bottom", "6"))
        # tcBorders comes after tcW/gridSpan/vMerge and before shd/vAlign
        insert_before(tc_pr, borders, ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection",
                                       "w:tcFitText", "w:vAlign", "w:hideMark"))


def insert_before(parent, element, tags) -> None:
    """Put ``element`` into ``parent`` before its first child of the first of ``tags``
    present (the schema's order), or last when none is."""
    from docx.oxml.ns import qn

    for tag in tags:
        anchor = parent.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(element)
            return
    parent.append(element)


def _rule(edge: str, size: str | None):
    """A border element: a black single line of ``size`` eighths of a point, or none."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(f"w:{edge}")
    el.set(qn("w:val"), "single" if size else "nil")
    if size:
        el.set(qn("w:sz"), size)
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
    return el


def set_fonts(word, font_name: str, body_pt: int) -> None:
    """Times New Roman everywhere (also for East Asian text), 12 pt body, black headings."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    for style in word.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            continue
        font = style.font
        font.name = font_name
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), font_name)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        if style.name.startswith("Heading") or style.name in ("Title", "Subtitle", "Caption"):
            font.color.rgb = RGBColor(0, 0, 0)
            font.italic = False
            for spacing in rpr.findall(qn("w:spacing")):
                rpr.remove(spacing)
    normal = word.styles["Normal"]
    normal.font.size = Pt(body_pt)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(6)
    sizes = {"Title": 16, "Subtitle": body_pt, "Heading 1": 14, "Heading 2": body_pt,
             "Heading 3": body_pt, "Caption": body_pt}
    for name, pt in sizes.items():
        word.styles[name].font.size = Pt(pt)
    word.styles["Caption"].font.bold = False
    word.styles["Caption"].paragraph_format.line_spacing = 1.0


def set_language(word, tag: str) -> None:
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


def set_properties(word, document: Document) -> None:
    props = word.core_properties
    props.title = clean(document.title)[:255]
    props.subject = clean(document.subtitle or "")[:255]
    props.author = "smma_stats"
    props.last_modified_by = "smma_stats"
    props.language = LANG_TAGS.get(document.lang, document.lang)
    props.revision = 1
    props.created = _FIXED_DATE
    props.modified = _FIXED_DATE
    props.last_printed = _FIXED_DATE


def fixed_zip(data: bytes) -> bytes:
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


def clean(text) -> str:
    return _BAD_XML.sub("", "" if text is None else str(text))
