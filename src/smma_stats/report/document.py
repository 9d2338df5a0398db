"""A format-neutral report: sections of paragraphs, tables and figures.

:func:`smma_stats.report.build.build_document` turns a ``StudyResult`` into a
:class:`Document` in one language, every number already formatted; each
renderer (text, markdown, html, docx) only lays the blocks out. So the HTML
and the Word file cannot disagree on a number or a word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Paragraph:
    """Running text (an interpretation sentence, a note)."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table of already formatted cells.

    ``align`` holds one of ``"l"``/``"r"`` per column; ``note`` is printed
    under the table (SPSS-style footnote).
    """

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str | None = None
    align: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Figure:
    """A PNG image with its caption; ``name`` is the file name under --plots."""

    name: str
    caption: str
    png: bytes = field(repr=False)


Block = Union[Paragraph, Table, Figure]


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
