"""Word (.docx) renderer: lays a :class:`~smma_stats.report.document.Document` out
as a thesis chapter.

The page is A4 with the margins Indonesian universities prescribe (left 4 cm
for the binding, top, right and bottom 3 cm), the text Times New Roman 12 pt.
Tables follow APA style as theses print them: the numbered caption above
("Tabel 4.1 ..."), no vertical lines, a rule above and below the header row
and one under the last row, the note and the source line below. Column
widths come from the cells (:mod:`smma_stats.report.widths`), so no word is
broken; a table too wide for a portrait page gets a landscape page. Figures
sit where the Document puts them, with the numbered caption and the source
line underneath.

Every cell, heading and caption is taken from the Document as is; this module
formats no number. python-docx is imported inside :func:`render_docx`.
"""

from __future__ import annotations

import io

from .document import Document, Figure, Paragraph, Table, with_short_labels
from .docx_xml import (FONT, LANG_TAGS, clean, fixed_widths, fixed_zip, header_row, set_fonts,
                       set_language, set_properties, table_rules, unbreakable_text)
from .widths import CELL_PAD_CM, column_widths, text_cm

#: Body size of a thesis (the typeface is :data:`FONT`).
BODY_PT = 12
#: Table cells: 11 pt up to five columns, 10 pt above; a table that does not fit
#: a landscape page at 10 pt steps down to 9 and then 8.
TABLE_PT = 11
_WIDE_PT = ((5, TABLE_PT), (99, 10))
_FALLBACK_PT = (9, 8)
NOTE_PT = 10
#: A4 and the margins (left, top, right, bottom) in centimetres.
PAGE_CM = (21.0, 29.7)
MARGINS_CM = (4.0, 3.0, 3.0, 3.0)
#: Widest a figure is inserted, in centimetres (less on a narrower text block).
FIGURE_WIDTH_CM = 14.0
#: Left-column cells longer than this are shortened, with the full text in a note.
LABEL_LIMIT = 40

_NOTE_PREFIXES = ("Note.", "Catatan.")


def render_docx(document: Document, margins=MARGINS_CM) -> bytes:
    """Render a report Document as a Word file.

    Parameters
    ----------
    document : Document
        The format-neutral report (see :mod:`smma_stats.report.document`).
    margins : 4 floats, default (4, 3, 3, 3)
        Left, top, right and bottom margin in centimetres.

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
    Landscape pages turn the binding margin to the top.

    Examples
    --------
    >>> from smma_stats.report.document import Document, Section, Table
    >>> doc = Document("Report", "n = 3", (Section("Results", (
    ...     Table("Table 1", ("item", "r"), (("X1", ".512"),), align=("l", "r")),)),))
    >>> render_docx(doc)[:2]
    b'PK'
    """
    import docx

    margins = parse_margins(margins)
    word = docx.Document()
    _set_page(word.sections[0], margins, landscape=False)
    set_fonts(word, FONT, BODY_PT)
    set_language(word, LANG_TAGS.get(document.lang, document.lang))
    set_properties(word, document)
    writer = _Writer(word, margins, document.lang)

    word.add_heading(clean(document.title), level=0)
    if document.subtitle:
        word.add_paragraph(clean(document.subtitle), style="Subtitle")
    for section in document.sections:
        # a section with a table too wide for portrait is set landscape as a whole,
        # so its heading and sentences stay with the table
        writer.orient(any(table_layout(b, margins)[2] for b in section.blocks
                          if isinstance(b, Table) and b.columns))
        word.add_heading(clean(section.title), level=min(max(int(section.level), 1), 9))
        for block in section.blocks:
            if isinstance(block, Table):
                writer.table(block)
            elif isinstance(block, Figure):
                writer.figure(block)
            else:
                text = block.text if isinstance(block, Paragraph) else str(block)
                word.add_paragraph(clean(text))

    buf = io.BytesIO()
    word.save(buf)
    return fixed_zip(buf.getvalue())


def parse_margins(margins) -> tuple[float, float, float, float]:
    """Margins as four centimetre values from ``"4,3,3,3"`` or a sequence.

    Examples
    --------
    >>> parse_margins("4,3,3,3")
    (4.0, 3.0, 3.0, 3.0)
    >>> parse_margins("2.5")
    (2.5, 2.5, 2.5, 2.5)
    """
    from ..errors import SmmaError

    parts = margins.split(",") if isinstance(margins, str) else list(margins)
    try:
        values = [float(p) for p in parts]
    except (TypeError, ValueError):
        values = []
    if len(values) == 1:
        values *= 4
    if len(values) != 4 or not all(0 <= v <= 8 for v in values):
        raise SmmaError(f"margins {margins!r}: give left,top,right,bottom in cm, "
                        "e.g. 4,3,3,3 (each 0 to 8)")
    return tuple(values)


def text_widths_cm(margins) -> tuple[float, float]:
    """Width of the text block on a portrait and on a landscape A4 page."""
    left, top, right, bottom = parse_margins(margins)
    return PAGE_CM[0] - left - right, PAGE_CM[1] - right - bottom


def table_layout(table: Table, margins=MARGINS_CM):
    """Font size, column widths (cm) and orientation of one table.

    Every column is at least as wide as its longest word (estimated from
    Times New Roman widths) plus the cell margins. Portrait at the table's
    size, then at 10 pt; else landscape at 10 pt; else landscape at 9 and 8 pt.

    Returns
    -------
    pt : int
    widths : list of float
    landscape : bool
    """
    portrait, landscape = text_widths_cm(margins)
    first = table_font_pt(len(table.columns))
    small = _WIDE_PT[-1][1]
    tries = [(first, portrait, False), (small, portrait, False), (small, landscape, True)]
    tries += [(pt, landscape, True) for pt in _FALLBACK_PT if pt < small]
    for pt, width, land in tries:
        widths = column_widths(table.columns, table.rows, width,
                               lambda s, pt=pt: text_cm(s, pt), pad=CELL_PAD_CM,
                               align=table.align)
        if widths is not None:
            return pt, widths, land
    n = max(len(table.columns), 1)
    return _FALLBACK_PT[-1], [landscape / n] * n, True


def table_font_pt(ncols: int) -> int:
    """Font size of a table's cells: smaller for wide tables."""
    for most, pt in _WIDE_PT:
        if ncols <= most:
            return pt
    return _WIDE_PT[-1][1]


class _Writer:
    """Adds blocks to the Word body, switching page orientation where needed."""

    def __init__(self, word, margins, lang: str):
        self.word, self.margins, self.lang = word, margins, lang
        self.landscape = False

    def orient(self, landscape: bool) -> None:
        from docx.enum.section import WD_SECTION

        if landscape == self.landscape:
            return
        _set_page(self.word.add_section(WD_SECTION.NEW_PAGE), self.margins, landscape)
        self.landscape = landscape

    def caption(self, label: str | None, title: str, above: bool) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        para = self.word.add_paragraph(style="Caption")
        if label:
            para.add_run(clean(label)).bold = True
            para.add_run(" ")
        para.add_run(clean(title))
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = para.paragraph_format
        fmt.keep_with_next = above
        fmt.space_before, fmt.space_after = (Pt(6), Pt(3)) if above else (Pt(3), Pt(2))

    def source(self, text: str | None, keep: bool = False) -> None:
        from docx.shared import Pt

        if not text:
            return
        para = self.word.add_paragraph()
        run = para.add_run(clean(text))
        run.font.size = Pt(NOTE_PT)
        run.italic = True
        para.paragraph_format.space_after = Pt(10)
        para.paragraph_format.keep_with_next = keep

    def table(self, table: Table) -> None:
        table = with_short_labels(table, LABEL_LIMIT, self.lang)
        if not table.columns:
            self.caption(table.label, table.title, above=False)
            return
        pt, widths, landscape = table_layout(table, self.margins)
        if landscape and not self.landscape:  # the section decides; this is a safety net
            self.orient(True)
        self.caption(table.label, table.title, above=True)
        _add_grid(self.word, table, pt, widths)
        if table.note:
            _add_note(self.word, table.note, keep=bool(table.source))
        self.source(table.source)

    def figure(self, fig: Figure) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        usable = text_widths_cm(self.margins)[1 if self.landscape else 0]
        self.word.add_picture(io.BytesIO(fig.png), width=Cm(min(FIGURE_WIDTH_CM, usable)))
        pic = self.word.paragraphs[-1]
        pic.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pic.paragraph_format.keep_with_next = True
        self.caption(fig.label, fig.caption, above=False)
        if fig.source:
            self.word.paragraphs[-1].paragraph_format.keep_with_next = True
        self.source(fig.source)


def _add_grid(word, table: Table, pt: int, widths) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    ncols = len(table.columns)
    align = tuple(table.align or ())
    right = [i < len(align) and align[i] == "r" for i in range(ncols)]
    grid = word.add_table(rows=1 + len(table.rows), cols=ncols)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    table_rules(grid)
    fixed_widths(grid, [Cm(w) for w in widths])
    size = Pt(pt)
    for r, cells in enumerate([table.columns, *table.rows]):
        row_cells = grid.rows[r].cells
        for c in range(ncols):
            text = cells[c] if c < len(cells) else ""
            para = row_cells[c].paragraphs[0]
            run = para.add_run()
            unbreakable_text(run, clean(str(text)))
            run.font.size = size
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right[c] else WD_ALIGN_PARAGRAPH.LEFT
            fmt = para.paragraph_format
            fmt.space_before = fmt.space_after = Pt(1)
            fmt.line_spacing = 1.0
            fmt.first_line_indent = Cm(0)
            # keep a table with its note on one page where it fits
            fmt.keep_with_next = r < len(table.rows) or bool(table.note or table.source)
    header_row(grid.rows[0])


def _add_note(word, text: str, keep: bool) -> None:
    from docx.shared import Pt

    note = word.add_paragraph()
    text = clean(text)
    for prefix in _NOTE_PREFIXES:
        if text.startswith(prefix):
            note.add_run(prefix).italic = True
            text = text[len(prefix):]
            break
    note.add_run(text)
    for run in note.runs:
        run.font.size = Pt(NOTE_PT)
    fmt = note.paragraph_format
    fmt.space_before = Pt(3)
    fmt.line_spacing = 1.0
    fmt.keep_with_next = keep


def _set_page(section, margins, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    left, top, right, bottom = margins
    width, height = PAGE_CM
    if landscape:
        # the binding edge (the wide left margin) turns to the top of the page
        width, height = height, width
        left, top, right, bottom = top, left, bottom, right
        left, right = min(left, right), min(left, right)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(width), Cm(height)
    section.left_margin, section.right_margin = Cm(left), Cm(right)
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)


