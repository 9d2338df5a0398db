"""What the ``smma`` commands share: option decorators, the report format, the
error guard, and the instrument a command runs with.

Nothing here imports numpy, pandas or scipy: ``smma --help`` stays light.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional, Sequence

import click

from .errors import SmmaError
# the commands' choices are the options' own
from .options import BOOTSTRAP_METHODS as BOOT_METHODS, JUDGES  # noqa: F401
from .options import MISSING_RULES as MISSING, NORMALITY_METHODS as KS_METHODS  # noqa: F401
from .output import print_report, write_atomic

FORMATS = ("text", "markdown", "html", "json", "docx")
LANGS = ("en", "id")

#: A file or folder argument, given to the command as a :class:`~pathlib.Path`.
FILE = click.Path(path_type=Path)


def responses_arg(func):
    return click.argument("responses", type=FILE, metavar="RESPONSES")(func)


def instrument_opt(func):
    return click.option(
        "--instrument", "-i", metavar="NAME|FILE",
        help="Instrument YAML file, or the name of a shipped instrument (see `smma "
             "instruments`). Default: the shipped instrument matching the file's columns, "
             "else inferred from the file as `smma init` does.")(func)


def construct_opt(func):
    return click.option(
        "--construct", multiple=True, metavar="CODE=COLUMNS",
        help='Name a construct and its columns, e.g. "X1=X1.1..X1.5" (a range in file '
             'order) or "Y=Y1,Y2,Y3" (a list); ranges and lists mix ("X=#3..#7,#9"). A '
             'column is its header, or its header in quotes when it holds "," or ".." '
             '(\'X="1. Harga terjangkau, sesuai kualitas".."5. Diskon menarik"\'), or #N, '
             "the N-th column counting from 1. Repeat for each construct.")(func)


def model_opt(func):
    return click.option("--model", multiple=True, metavar="TEXT",
                        help='Regression to run, e.g. "Y ~ X1 + X2"; repeatable. Replaces the '
                             "instrument's or the inferred models.")(func)


def dimensions_opt(func):
    return click.option(
        "--dimensions", is_flag=True,
        help="Without --instrument: read X1.1..X1.5, X2.1..X2.4 as dimensions X1, X2 of one "
             "construct X (default: two constructs X1 and X2).")(func)


def sheet_opt(func):
    return click.option("--sheet", metavar="NAME", help="Excel sheet name.")(func)


def chunksize_opt(func):
    return click.option(
        "--chunksize", type=click.IntRange(min=0), hidden=True, metavar="ROWS",
        help="Read a CSV or Parquet file in chunks of ROWS rows (0: read it whole). By "
             "default CSV files above 20 MB and Parquet files of 10 million cells or more "
             "are read in chunks.")(func)


#: Report formats told by the --out file name's extension.
EXTENSION_FORMATS = {".docx": "docx", ".html": "html", ".htm": "html", ".md": "markdown",
                     ".markdown": "markdown", ".json": "json", ".txt": "text"}


def format_for(fmt: Optional[str], out: Optional[Path]) -> str:
    """The report format: ``--format``, else the ``--out`` extension's, else text.

    A ``--format`` that contradicts a known extension is a usage error, so
    that a .docx never holds plain text.
    """
    implied = EXTENSION_FORMATS.get(out.suffix.lower()) if out is not None else None
    if fmt is None:
        fmt = implied or "text"
    elif implied is not None and implied != fmt:
        raise click.BadParameter(f"--format {fmt} contradicts the file name {out.name} "
                                 f"(a {out.suffix} file holds {implied}); drop --format or "
                                 "change the name", param_hint="--format")
    if fmt == "docx" and out is None:
        raise click.BadParameter("--format docx needs --out FILE", param_hint="--out")
    return fmt


def fail(message: str) -> None:
    """Print ``error: message`` on standard error and exit with code 1."""
    click.echo(f"error: {message}", err=True)
    raise click.exceptions.Exit(1)


def guard(func):
    """Turn a SmmaError raised by a command into one line and exit code 1."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except SmmaError as exc:
            fail(str(exc))

    return wrapper


#: Above this size a file's instrument is inferred from its header alone.
_INFER_FROM_ANSWERS_BYTES = 20_000_000


def resolve_instrument(responses: Path, instrument: Optional[str], construct: Sequence[str],
                       model: Sequence[str], sheet: Optional[str], dimensions: bool = False):
    """The instrument to use, and notes on how it was chosen (shown in the report)."""
    from .infer import with_models
    from .instrument import find_instrument
    from .notes import Note

    if instrument and construct:
        raise SmmaError("give either --instrument or --construct, not both")
    if instrument and dimensions:
        raise SmmaError("--dimensions applies without --instrument; the instrument names "
                        "its dimensions")
    if instrument:
        inst = find_instrument(instrument)
        notes = [Note(f"instrument: {inst.name}", "instrument", {"name": inst.name})]
    else:
        inst, notes = _infer(responses, construct, sheet, dimensions)
    if model:
        inst = with_models(inst, model)
        given = "; ".join(m.formula for m in inst.models)
        notes.append(Note("models from --model used instead of the instrument's: " + given,
                          "models_given", {"models": given}))
    if not inst.models:
        notes.append(Note("no models: no regression was run", "no_models"))
    return inst, notes


def _infer(responses: Path, construct: Sequence[str], sheet: Optional[str],
           dimensions: bool):
    """A shipped instrument matching the header, else one proposed from the answers."""
    from .infer import (adhoc_instrument, construct_columns, infer_instrument, match_shipped,
                        propose_instrument)
    from .notes import Note
    from .readers import read_header

    header = read_header(responses, sheet=sheet)
    large = responses.is_file() and responses.stat().st_size > _INFER_FROM_ANSWERS_BYTES
    if construct:
        specs = [construct_columns(spec, header) for spec in construct]
        if large:
            return adhoc_instrument(construct, header)
        proposal = propose_instrument(_raw_frame(responses, sheet), constructs=specs)
        return proposal.instrument, list(proposal.notes)
    shipped = match_shipped(header)
    if shipped is not None:
        return shipped, [Note(f"instrument: {shipped.name} (shipped; its item columns match "
                              "the file)", "instrument_shipped", {"name": shipped.name})]
    if large:
        inst, notes = infer_instrument(header, dimensions=dimensions)
        return inst, [Note("instrument inferred from the column names (a large file: answers "
                           "not read for the inference)", "inferred_header")] + notes
    proposal = propose_instrument(_raw_frame(responses, sheet), dimensions=dimensions)
    return proposal.instrument, [Note("instrument inferred from the file", "inferred_file")
                                 ] + list(proposal.notes)


def _raw_frame(responses: Path, sheet: Optional[str]):
    from .readers import load_table

    return load_table(responses, sheet).frame


def echo_report(report, out: Optional[Path]) -> None:
    """Print a rendered report, or write it to ``out`` and say so on standard error."""
    if out is None:
        print_report(report)
    else:
        write_atomic(out, report)
        click.echo(f"report written to {out}", err=True)
