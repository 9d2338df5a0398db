"""A format-neutral report: sections of paragraphs, tables and figures.

:func:`smma_stats.report.build.build_document` turns a ``StudyResult`` into a
:class:`Document` in one language, every number already formatted; each
renderer (text, markdown, html, docx) only lays the blocks out. So the HTML
and the Word file cannot disagree on a number or a word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Union


@dataclass(frozen=True)
class Paragraph:
    """Running text (an interpretation sentence, a note)."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table of already formatted cells.

    ``align`` holds one of ``"l"``/``"r"`` per column; ``note`` is printed
    under the table (SPSS-style footnote). ``label`` is the numbered caption
    prefix ("Tabel 4.1") and ``source`` the source line a thesis prints under
    the table; :func:`number_blocks` fills both.
    """

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str | None = None
    align: tuple[str, ...] | None = None
    label: str | None = None
    source: str | None = None

    @property
    def caption(self) -> str:
        """``label title`` (``"Tabel 4.1 Hasil Uji Validitas"``), or the title alone."""
        return f"{self.label} {self.title}" if self.label else self.title


@dataclass(frozen=True)
class Figure:
    """A PNG image with its caption; ``name`` is the file name under --plots.

    ``anchor`` says which section the figure belongs in (``"categories:PI"``,
    ``"model:1"``, ``"assumptions:1"``); figures without one are collected in a
    section of their own at the end. ``label`` ("Gambar 4.1") and ``source``
    are filled by :func:`number_blocks`.
    """

    name: str
    caption: str
    png: bytes = field(repr=False)
    anchor: str | None = None
    label: str | None = None
    source: str | None = None

    @property
    def full_caption(self) -> str:
        """``label caption`` (``"Gambar 4.1 Kategori ..."``), or the caption alone."""
        return f"{self.label} {self.caption}" if self.label else self.caption


Block = Union[Paragraph, Table, Figure]


def make_table(title: str, columns, rows, note: str | None = None, left: int = 1,
               tail: int = 0) -> Table:
    """A :class:`Table` of ``left`` label columns, then numbers (right-aligned), then
    ``tail`` columns of words (a decision), left-aligned."""
    return Table(title, tuple(columns), tuple(tuple(r) for r in rows), note,
                 ("l",) * left + ("r",) * (len(columns) - left - tail) + ("l",) * tail)


@dataclass(frozen=True)
class Section:
    """A heading (level 1 or 2) and its blocks."""

    title: str
    blocks: tuple[Block, ...] = ()
    level: int = 1


@dataclass(frozen=True)
class Document:
    """The whole report in one language."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    lang: str = "en"


def number_blocks(sections, table_word: str, figure_word: str, prefix: str = "4",
                  source: str | None = None, unsourced: Iterable[str] = ()) -> tuple:
    """Number tables and figures in reading order, each series on its own.

    Parameters
    ----------
    sections : sequence of Section
    table_word, figure_word : str
        ``"Tabel"`` / ``"Gambar"`` (or ``"Table"`` / ``"Figure"``).
    prefix : str, default "4"
        The chapter number: ``"4"`` gives ``Tabel 4.1``, ``Tabel 4.2`` ...;
        an empty prefix gives ``Tabel 1``.
    source : str, optional
        Source line put under every table and figure.
    unsourced : iterable of str
        Titles of tables that get no source line (the provenance table).

    Returns
    -------
    tuple of Section

    Examples
    --------
    >>> secs = (Section("A", (Table("T", ("a",), ()), Paragraph("x"), Table("U", ("b",), ()))),)
    >>> [b.caption for b in number_blocks(secs, "Tabel", "Gambar")[0].blocks
    ...  if isinstance(b, Table)]
    ['Tabel 4.1 T', 'Tabel 4.2 U']
    """
    skip = set(unsourced)
    lead = f"{prefix}." if str(prefix) else ""
    counts = {Table: 0, Figure: 0}
    out = []
    for sec in sections:
        blocks = []
        for b in sec.blocks:
            if isinstance(b, (Table, Figure)):
                counts[type(b)] += 1
                word = table_word if isinstance(b, Table) else figure_word
                src = None if getattr(b, "title", None) in skip else source
                b = replace(b, label=f"{word} {lead}{counts[type(b)]}", source=src)
            blocks.append(b)
        out.append(replace(sec, blocks=tuple(blocks)))
    return tuple(out)


def shorten_labels(table: Table, limit: int = 40) -> tuple[Table, tuple[tuple[str, str], ...]]:
    """Shorten long row labels (the first column, when left-aligned), with markers.

    A cell longer than ``limit`` characters keeps the part before its first
    parenthesis (``"Residual model 2 (PI ~ A + B)"`` -> ``"Residual model 2
    (a)"``), or as many whole words as fit; the marker ``(a)``, ``(b)`` ...
    points to the full text. The same text gets the same marker.

    Returns
    -------
    table : Table
        The table with shortened cells (unchanged when none is too long).
    labels : tuple of (marker, full text)
        For the note under the table.

    Examples
    --------
    >>> t = Table("T", ("Variable", "p"), (("Residual model 2 (PI ~ entertainment + "
    ...           "interaction + trendiness)", ".2"),), align=("l", "r"))
    >>> short, labels = shorten_labels(t)
    >>> short.rows[0][0], labels
    ('Residual model 2 (a)', (('(a)', 'Residual model 2 (PI ~ entertainment + interaction + trendiness)'),))
    """
    align = table.align or ("l",) * len(table.columns)
    marks: dict[str, str] = {}

    def short(text: str) -> str:
        if len(text) <= limit:
            return text
        mark = marks.setdefault(text, f"({chr(ord('a') + len(marks) % 26)})")
        head = text.split(" (", 1)[0]
        if len(head) > limit - 4 or head == text:
            words, head = text.split(), ""
            for w in words:
                if len(f"{head} {w}".strip()) > limit - 6:
                    break
                head = f"{head} {w}".strip()
            head = (head or text[: limit - 6]) + " \u2026"
        return f"{head} {mark}"

    first = bool(align) and align[0] == "l"
    rows = tuple(tuple(short(str(c)) if i == 0 and first else c for i, c in enumerate(r))
                 for r in table.rows)
    if not marks:
        return table, ()
    return replace(table, rows=rows), tuple((m, t) for t, m in marks.items())


def with_short_labels(table: Table, limit: int, lang: str) -> Table:
    """:func:`shorten_labels`, with the full texts added to the note in ``lang``."""
    from .messages import msg

    table, labels = shorten_labels(table, limit)
    if not labels:
        return table
    extra = msg("note_shortened", lang, labels="; ".join(f"{m} {t}" for m, t in labels))
    return replace(table, note=f"{table.note} {extra}" if table.note else extra)
