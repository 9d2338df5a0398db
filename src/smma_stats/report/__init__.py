"""The report: one study, five formats (text, Markdown, HTML, JSON, Word).

:func:`render` is the single entry point. Text, Markdown, HTML and Word are
laid out from the same :class:`~smma_stats.report.document.Document` (built
by :func:`~smma_stats.report.build.build_document`), so they agree on every
number and word; JSON is ``StudyResult.to_dict()``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import SmmaError

#: Formats :func:`render` writes.
FORMATS = ("text", "markdown", "html", "json", "docx")
_ALIASES = {"txt": "text", "md": "markdown"}


def render(study, fmt: str = "text", lang: str = "en", figures: Iterable = (),
           fragment: bool = False, decimal: str | None = None, number_prefix: str = "4",
           year: int | None = None, margins="4,3,3,3") -> str | bytes:
    """Render a study in one format and language.

    Parameters
    ----------
    study : StudyResult
        What :func:`smma_stats.analyze` returns.
    fmt : {"text", "markdown", "html", "json", "docx"}
        Output format (``"md"`` and ``"txt"`` are accepted too).
    lang : {"en", "id"}
        Language of headings, labels and sentences (JSON keys are English).
    figures : sequence of Figure
        Figures from :func:`smma_stats.report.plots.make_figures`; embedded in
        HTML and Word, referenced by file name in text and Markdown.
    fragment : bool, default False
        HTML only: return the body ``<div>`` for a notebook.
    decimal : {"point", "comma"}, optional
        Decimal separator of every number in the human formats (not JSON):
        the comma (and leading zeros) by default for Indonesian, the point
        (APA leading-zero rule) for English.
    number_prefix : str, default "4"
        Chapter number of table and figure captions ("Tabel 4.1", "Gambar 4.1").
    year : int, optional
        Year in the source line under tables and figures (default: this year).
    margins : str or 4 floats, default "4,3,3,3"
        Word only: left, top, right, bottom page margins in cm.

    Returns
    -------
    str or bytes
        ``bytes`` for ``"docx"``, text otherwise.

    Raises
    ------
    SmmaError
        Unknown format or language.

    Examples
    --------
    >>> study = smma_stats.analyze("responses.csv", "instrument.yaml")  # doctest: +SKIP
    >>> print(render(study, "text", lang="id").splitlines()[2])        # doctest: +SKIP
    Berkas data: responses.csv | Instrumen: report-fixture
    >>> render(study, "html").startswith("<!DOCTYPE html>")            # doctest: +SKIP
    True
    """
    from .build import build_document
    from .messages import check_lang

    check_lang(lang)
    key = format_key(fmt)
    if key == "json":
        from .json_out import render_json

        return render_json(study)
    doc = build_document(study, lang=lang, figures=figures, decimal=decimal,
                         number_prefix=number_prefix, year=year)
    return render_document(doc, key, fragment=fragment, margins=margins)


def format_key(fmt: str) -> str:
    """The name in :data:`FORMATS` of a format (``"md"`` gives ``"markdown"``).

    Raises
    ------
    SmmaError
        Unknown format.
    """
    key = _ALIASES.get(str(fmt).lower(), str(fmt).lower())
    if key not in FORMATS:
        raise SmmaError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    return key


def render_document(doc, fmt: str, fragment: bool = False, margins="4,3,3,3") -> str | bytes:
    """Lay out a :class:`~smma_stats.report.document.Document` as text, Markdown,
    HTML (the ``<div>`` alone with ``fragment``) or Word (bytes, with ``margins``).

    Every text format has its control characters shown escaped (:func:`terminal_safe`).
    """
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(doc, margins=margins)
    from .html import render_html
    from .markdown import render_markdown
    from .text import render_text

    if fmt == "html":
        return terminal_safe(render_html(doc, fragment=fragment))
    return terminal_safe({"text": render_text, "markdown": render_markdown}[fmt](doc))


def terminal_safe(text: str) -> str:
    """The text with every control character from the data (``\\x1b``...) shown escaped.

    Line breaks stay; a name or cell holding a terminal escape sequence can
    then neither move the cursor nor recolour a terminal the report is
    printed on.

    Examples
    --------
    >>> terminal_safe("a\\x1b[31mb\\nc")
    'a\\\\x1b[31mb\\nc'
    """
    from ..errors import printable

    return "\n".join(printable(line) for line in text.split("\n"))


__all__ = ["FORMATS", "format_key", "render", "render_document", "terminal_safe"]
