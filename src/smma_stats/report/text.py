"""Plain-text layout of a report :class:`~smma_stats.report.document.Document`.

Deterministic on purpose: no colours, no terminal-width probing, paragraphs
wrapped at a fixed width, tables aligned with spaces and ASCII rules, so the
same study always prints the same characters.
"""

from __future__ import annotations

import textwrap

from .document import Document, Figure, Paragraph, Table, with_short_labels
from .widths import column_widths

#: Paragraphs and notes are wrapped at this many characters.
WIDTH = 88
#: No table line is longer than this (cells wrap at spaces; headers that still
#: do not fit become numbers explained under the table).
TABLE_WIDTH = 100
#: Left-column cells longer than this are shortened, with the full text in a note.
LABEL_LIMIT = 40
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
    lay = {Table: lambda t: table_text(t, doc.lang), Paragraph: lambda p: _wrap(p.text),
           Figure: lambda f: _wrap(f"[{f.full_caption} ({f.name})]")}
    for section in doc.sections:
        rule = "=" if section.level == 1 else "-"
        title = _wrap(section.title, TABLE_WIDTH)
        longest = max(len(line) for line in title.splitlines() or [""])
        parts.append(f"{title}\n{rule * longest}")
        parts += [lay[type(b)](b) for b in section.blocks if type(b) in lay]
    return "\n\n".join(parts) + "\n"


def table_text(table: Table, lang: str = "en") -> str:
    """One table within :data:`TABLE_WIDTH` characters.

    The numbered caption, rules above and below the header and at the end,
    then the note. Cells wrap at spaces (numbers never); long labels in the
    first columns are shortened and headers that still do not fit are
    replaced by ``(1)``, ``(2)`` ..., each explained in the note.
    """
    table = with_short_labels(table, LABEL_LIMIT, lang)
    notes = [table.note] if table.note else []
    n = len(table.columns)
    align = table.align or ("l",) + ("r",) * (n - 1)
    columns = [str(c) for c in table.columns]
    rows = [tuple(str(r[i]) if i < len(r) else "" for i in range(n)) for r in table.rows]
    room = TABLE_WIDTH - len(_GAP) * max(n - 1, 0)
    widths = column_widths(columns, rows, room, len, align=align)
    body = [max((len(r[i]) for r in rows), default=0) for i in range(n)]
    numbered: dict[int, str] = {}
    # number overhanging headers until the body cells fit unwrapped (or nothing is left)
    while (widths is None or any(w < b for w, b in zip(widths, body))) \
            and _number_a_header(columns, rows, numbered):
        widths = column_widths(columns, rows, room, len, align=align)
    if numbered:  # (1), (2) ... from left to right; same widths, as the markers are alike
        order = sorted(numbered)
        for k, i in enumerate(order, 1):
            columns[i] = f"({k})"
        notes.append("; ".join(f"({k}) {numbered[i]}" for k, i in enumerate(order, 1)))
        widths = column_widths(columns, rows, room, len, align=align) or widths
    if widths is None:  # even the numbers are too wide: keep every word whole, overflow
        widths = column_widths(columns, rows, 10 ** 6, len, align=align)
    widths = [int(w) for w in widths]
    head = [_cell_lines(c, w) for c, w in zip(columns, widths)]
    depth = max((len(h) for h in head), default=1)
    head = [[""] * (depth - len(h)) + h for h in head]  # headers sit on the rule
    rule = "-" * (sum(widths) + len(_GAP) * (n - 1))
    lines = [_wrap(table.caption, TABLE_WIDTH), rule]
    lines += [_line([h[k] for h in head], widths, align) for k in range(depth)]
    lines.append(rule)
    for r in rows:
        cells = [_cell_lines(c, w) for c, w in zip(r, widths)]
        for k in range(max((len(c) for c in cells), default=1)):
            lines.append(_line([c[k] if k < len(c) else "" for c in cells], widths, align))
    lines.append(rule)
    if notes:
        lines.append(_wrap(" ".join(notes)))
    return "\n".join(lines)


def _number_a_header(columns: list[str], rows, numbered: dict[int, str]) -> bool:
    """Mark the header that most overhangs its cells for numbering; False when none left.

    ``numbered`` maps the column to its original header; the column gets a
    placeholder of the final width (numbers are assigned left to right later).
    """
    best, excess = None, 0
    for i, c in enumerate(columns):
        if i in numbered:
            continue
        body = max((len(w) for r in rows for w in r[i].split()), default=0)
        over = max((len(w) for w in c.split()), default=0) - max(body, 4)
        if over > excess:
            best, excess = i, over
    if best is None:
        return False
    numbered[best] = columns[best]
    columns[best] = f"({len(numbered)})"
    return True


def _cell_lines(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    return textwrap.wrap(text, width=width, break_long_words=False,
                         break_on_hyphens=False) or [""]


def _line(cells, widths, align) -> str:
    out = [c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(cells, widths, align)]
    return _GAP.join(out).rstrip()


def _wrap(text: str, width: int = WIDTH) -> str:
    return textwrap.fill(text, width=width, break_long_words=False, break_on_hyphens=False)
