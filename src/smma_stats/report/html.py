"""Self-contained HTML layout of a report document.

One file with its CSS inline and figures as ``data:`` URIs: it opens offline,
can be mailed as an attachment and links to nothing outside itself. Every
text from the document (item labels, file names) is escaped.
"""

from __future__ import annotations

import base64
from html import escape

from .document import Document, Figure, Paragraph, Table

CSS = """
.smma-report { font-family: "Segoe UI", Arial, sans-serif; font-size: 14px;
  line-height: 1.45; color: #222; max-width: 72em; }
.smma-report h1 { font-size: 1.6em; margin-bottom: 0.2em; }
.smma-report .subtitle { color: #555; margin-top: 0; }
.smma-report h2 { font-size: 1.3em; border-bottom: 1px solid #bbb; margin-top: 1.6em; }
.smma-report h3 { font-size: 1.1em; margin-top: 1.2em; }
.smma-report table { border-collapse: collapse; margin: 0.6em 0; }
.smma-report caption { text-align: left; padding-bottom: 0.3em; }
.smma-report th, .smma-report td { padding: 0.2em 0.7em; vertical-align: top; }
.smma-report thead th { border-top: 2px solid #333; border-bottom: 1px solid #333; }
.smma-report tbody tr:last-child td { border-bottom: 2px solid #333; }
.smma-report td.r, .smma-report th.r { text-align: right; }
.smma-report td.l, .smma-report th.l { text-align: left; }
.smma-report .note { font-size: 0.9em; color: #444; margin-top: 0; }
.smma-report figure { margin: 1em 0; text-align: center; }
.smma-report figcaption { margin-top: 0.3em; }
.smma-report .label { font-weight: bold; }
.smma-report .source { font-size: 0.85em; font-style: italic; color: #444; margin-top: 0.2em; }
.smma-report img { max-width: 100%; }
""".strip()


def render_html(doc: Document, fragment: bool = False) -> str:
    """The document as one HTML page, or only its body for a notebook.

    Parameters
    ----------
    doc : Document
    fragment : bool, default False
        Return a ``<div>`` (with its ``<style>``) instead of a whole page.

    Returns
    -------
    str
    """
    body = [f'<div class="smma-report" lang="{escape(doc.lang)}">',
            f"<style>{CSS}</style>" if fragment else "",
            f"<h1>{escape(doc.title)}</h1>",
            f'<p class="subtitle">{escape(doc.subtitle)}</p>']
    lay = {Table: table_html, Figure: figure_html, Paragraph: lambda p: f"<p>{escape(p.text)}</p>"}
    for section in doc.sections:
        tag = "h2" if section.level == 1 else "h3"
        body.append(f"<{tag}>{escape(section.title)}</{tag}>")
        body += [lay[type(b)](b) for b in section.blocks if type(b) in lay]
    body.append("</div>")
    inner = "\n".join(b for b in body if b)
    if fragment:
        return inner + "\n"
    return (f'<!DOCTYPE html>\n<html lang="{escape(doc.lang)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(doc.title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n"
            f"<body>\n{inner}\n</body>\n</html>\n")


def _labelled(label: str | None, text: str) -> str:
    head = f'<span class="label">{escape(label)}</span> ' if label else ""
    return head + escape(text)


def _source(text: str | None) -> str:
    return f'\n<p class="source">{escape(text)}</p>' if text else ""


def figure_html(fig: Figure) -> str:
    """The image with its numbered caption below, then the source line."""
    data = base64.b64encode(fig.png).decode("ascii")
    return (f'<figure><img alt="{escape(fig.caption)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{_labelled(fig.label, fig.caption)}</figcaption></figure>"
            + _source(fig.source))


def table_html(table: Table) -> str:
    """One table with its numbered title as the caption, its note and source below."""
    n = len(table.columns)
    align = table.align or ("l",) + ("r",) * (n - 1)
    head = "".join(f'<th class="{a}">{escape(c)}</th>' for c, a in zip(table.columns, align))
    rows = "".join("<tr>" + "".join(f'<td class="{a}">{escape(str(c))}</td>'
                                    for c, a in zip(row, align)) + "</tr>"
                   for row in table.rows)
    out = (f"<table><caption>{_labelled(table.label, table.title)}</caption>"
           f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    if table.note:
        out += f'\n<p class="note">{escape(table.note)}</p>'
    return out + _source(table.source)
