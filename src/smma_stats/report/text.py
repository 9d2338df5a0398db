"""Plain-text layout of a report :class:`~smma_stats.report.document.Document`.

Deterministic on purpose: no colours, no terminal-width probing, paragraphs
wrapped at a fixed width, tables aligned with spaces and ASCII rules, so the
same study always prints the same characters.
"""

from __future__ import annotations

import textwrap

from .document import Document, Figure, Paragraph, Table

#: Paragraphs and notes are wrapped at this many characters.
WIDTH = 88
_GAP = "  "


def render_text(doc: Document) -> str:
    """The document as plain text, ending with one newline.

    Parameters
    ----------
    doc : Document

    Returns
    -------
    str
    """
    bar = "=" * max(len(doc.title), len(doc.subtitle), 1)
    parts = [f"{bar}\n{doc.title}\n{doc.subtitle}\n{bar}"]
    for section in doc.sections:
        rule = "=" if section.level == 1 else "-"
        parts.append(f"{section.title}\n{rule * len(section.title)}")
        for block in section.blocks:
            if isinstance(block, Table):
                parts.append(table_text(block))
            elif isinstance(block, Figure):
                parts.append(_wrap(f"[{block.caption}]"))
            elif isinstance(block, Paragraph):
                parts.append(_wrap(block.text))
    return "\n\n".join(parts) + "\n"


def table_text(table: Table) -> str:
    """One table: title, rules above and below the header and at the end, note."""
    n = len(table.columns)
    align = table.align or ("l",) + ("r",) * (n - 1)
    rows = [tuple(str(c) for c in row) for row in table.rows]
    widths = [max([len(table.columns[i])] + [len(r[i]) for r in rows]) for i in range(n)]

    def line(cells) -> str:
        out = [c.rjust(w) if a == "r" else c.ljust(w)
               for c, w, a in zip(cells, widths, align)]
        return _GAP.join(out).rstrip()

    rule = "-" * (sum(widths) + len(_GAP) * (n - 1))
    lines = [table.title, rule, line(table.columns), rule]
    lines += [line(r) for r in rows]
    lines.append(rule)
    if table.note:
        lines.append(_wrap(table.note))
    return "\n".join(lines)


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=WIDTH, break_long_words=False, break_on_hyphens=False)
