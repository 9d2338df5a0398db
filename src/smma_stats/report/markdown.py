"""GitHub-flavoured Markdown layout of a report document (pipe tables)."""

from __future__ import annotations

import re
from urllib.parse import quote

from .document import Document, Figure, Paragraph, Table

# Backslash, backtick and brackets always; "<" where it could open an HTML tag;
# "*", "_" and "~" unless they stand between spaces (or "_" inside a word), where
# Markdown cannot read them as emphasis; "#" at the start of a block.
_SPECIAL = re.compile(r"[\\`\[\]]|<(?=[A-Za-z/!?])|(?<!\s)[*~]|[*~](?!\s)"
                      r"|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|^#")


def escape(text: str, cell: bool = False) -> str:
    """Escape ``text`` so Markdown shows it literally (``<script>`` stays text).

    ``cell=True`` also escapes ``|`` for a table cell.

    Examples
    --------
    >>> print(escape("<script> * PI ~ SMMA < .001 .200* smma_stats"))
    \\<script> * PI ~ SMMA < .001 .200\\* smma_stats
    >>> print(escape("a|b", cell=True))
    a\\|b
    """
    out = _SPECIAL.sub(lambda m: "\\" + m.group(0), str(text))
    return out.replace("|", "\\|") if cell else out


def render_markdown(doc: Document) -> str:
    """The document as Markdown, ending with one newline.

    Parameters
    ----------
    doc : Document

    Returns
    -------
    str
    """
    parts = [f"# {escape(doc.title)}", escape(doc.subtitle)]
    lay = {Table: table_markdown, Figure: figure_markdown, Paragraph: lambda p: escape(p.text)}
    for section in doc.sections:
        parts.append(f"{'#' * (section.level + 1)} {escape(section.title)}")
        parts += [lay[type(b)](b) for b in section.blocks if type(b) in lay]
    return "\n\n".join(parts) + "\n"


def _labelled(label: str | None, text: str) -> str:
    return f"**{escape(label)}** {escape(text)}" if label else f"**{escape(text)}**"


def figure_markdown(fig: Figure) -> str:
    """The image, its numbered caption below and the source line."""
    lines = [f"![{escape(fig.caption)}]({quote(fig.name)})", "", _labelled(fig.label, fig.caption)]
    if fig.source:
        lines += ["", f"*{escape(fig.source)}*"]
    return "\n".join(lines)


def table_markdown(table: Table) -> str:
    """The numbered title line, the pipe table, the note and the source line."""
    n = len(table.columns)
    align = table.align or ("l",) + ("r",) * (n - 1)

    def line(cells) -> str:
        return "| " + " | ".join(escape(c, cell=True) for c in cells) + " |"

    lines = [_labelled(table.label, table.title), "", line(table.columns),
             "| " + " | ".join("---:" if a == "r" else ":---" for a in align) + " |"]
    lines += [line(r) for r in table.rows]
    if table.note:
        lines += ["", escape(table.note)]
    if table.source:
        lines += ["", f"*{escape(table.source)}*"]
    return "\n".join(lines)
