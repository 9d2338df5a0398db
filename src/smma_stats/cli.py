"""The ``smma`` command: parse options, call the library, render, write.

No statistic is computed here. Any :class:`~smma_stats.errors.SmmaError`
becomes one line on standard error and exit code 1; usage errors exit 2.
"""

from __future__ import annotations

import os
import tempfile
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from typing_extensions import Annotated

from .errors import SmmaError

app = typer.Typer(
    name="smma",
    help="Questionnaire (Likert) statistics the way SPSS prints them: item validity, "
         "Cronbach's alpha, K-S normality, regression, assumption tests and categories.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"
    docx = "docx"


class Lang(str, Enum):
    en = "en"
    id = "id"


class Judge(str, Enum):
    r = "r"
    r_corrected = "r_corrected"


class BootMethod(str, Enum):
    percentile = "percentile"
    bca = "bca"


class Missing(str, Enum):
    listwise = "listwise"
    pairwise = "pairwise"
    person_mean = "person-mean"


ResponsesArg = Annotated[Path, typer.Argument(help="Response file: CSV, XLSX, SAV or Parquet.",
                                              show_default=False)]
InstrumentOpt = Annotated[Optional[str], typer.Option(
    "--instrument", "-i", help="Instrument YAML file, or the name of a shipped instrument "
    "(see `smma instruments`). Default: the shipped instrument matching the file's columns, "
    "else inferred from the item names.")]
ConstructOpt = Annotated[Optional[List[str]], typer.Option(
    "--construct", help='Ad-hoc construct, e.g. "SMMA=X1.1..X5.2" (a column range) or '
    '"PI=Y1,Y2,Y3"; repeat for each construct.')]
ModelOpt = Annotated[Optional[List[str]], typer.Option(
    "--model", help='Model for ad-hoc constructs, e.g. "PI ~ SMMA"; repeatable.')]
SheetOpt = Annotated[Optional[str], typer.Option("--sheet", help="Excel sheet name.")]
ChunksizeOpt = Annotated[Optional[int], typer.Option(
    "--chunksize", min=0, hidden=True, metavar="ROWS",
    help="Read a CSV or Parquet file in chunks of ROWS rows (0: read it whole). By default "
    "CSV files above 20 MB and Parquet files of 10 million cells or more are read in "
    "chunks.")]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _guard(func):
    """Turn a SmmaError raised by a command into one line and exit code 1."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except SmmaError as exc:
            _fail(str(exc))

    return wrapper


def _resolve(responses: Path, instrument: Optional[str], construct: Optional[List[str]],
             model: Optional[List[str]], sheet: Optional[str]):
    """The instrument to use, and notes on how it was chosen."""
    from .infer import adhoc_instrument, infer_instrument, match_shipped
    from .instrument import find_instrument
    from .readers import read_header

    if instrument and construct:
        raise SmmaError("give either --instrument or --construct, not both")
    if instrument:
        inst = find_instrument(instrument)
        return inst, [f"instrument: {inst.name}"]
    header = read_header(responses, sheet=sheet)
    if construct:
        return adhoc_instrument(construct, header, model or ())
    shipped = match_shipped(header)
    if shipped is not None:
        return shipped, [f"instrument: {shipped.name} (shipped; its item columns match the file)"]
    inst, notes = infer_instrument(header)
    return inst, ["instrument inferred from the column names"] + notes


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that the old file survives any failure."""
    path = Path(path)
    if path.is_dir():
        raise SmmaError(f"{path}: is a folder; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise SmmaError(f"{path}: cannot write the file ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise SmmaError(f"{path}: cannot write the file ({exc.strerror or exc})") from None
        raise


@app.command()
@_guard
def analyze(
    responses: ResponsesArg,
    instrument: InstrumentOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.text,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Write the report to this file (default: standard output; "
        "required for docx).")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Report language: en or id "
                                       "(Indonesian).")] = Lang.en,
    alpha: Annotated[float, typer.Option("--alpha", min=0.0001, max=0.5,
                                         help="Significance level.")] = 0.05,
    plots: Annotated[Optional[Path], typer.Option(
        "--plots", help="Write PNG figures to this folder (and embed them in html/docx).")] = None,
    drop_invalid: Annotated[bool, typer.Option(
        "--drop-invalid", help="Drop invalid items one at a time, weakest first, re-testing "
        "after each.")] = False,
    robust: Annotated[bool, typer.Option(
        "--robust", help="Add HC3 robust standard errors to the coefficient tables.")] = False,
    judge: Annotated[Judge, typer.Option(
        "--judge", help="Which item-total r decides validity: r (item with total) or "
        "r_corrected (item with total minus item).")] = Judge.r,
    one_tailed: Annotated[bool, typer.Option(
        "--one-tailed", help="One-tailed r table value (default two-tailed).")] = False,
    ks_method: Annotated[str, typer.Option(
        "--ks-method", help="lilliefors (SPSS 21+) or kolmogorov (older SPSS, PSPP).")]
        = "lilliefors",
    missing: Annotated[Missing, typer.Option(
        "--missing", help="Skipped answers: listwise (leave the respondent out, as SPSS), "
        "pairwise (keep the blanks) or person-mean (fill in the mean of the respondent's "
        "other answers).")] = Missing.listwise,
    exclude_flagged: Annotated[bool, typer.Option(
        "--exclude-flagged", help="Leave out the responses the data screening flags "
        "(duplicates, straight-lining, failed attention check); the report lists them.")]
        = False,
    by: Annotated[Optional[str], typer.Option(
        "--by", metavar="COLUMN", help="Compare every construct across the groups of this "
        "column (e.g. gender): means, categories, t test or one-way ANOVA.")] = None,
    bootstrap: Annotated[int, typer.Option(
        "--bootstrap", metavar="N", min=0, help="Add bootstrap confidence intervals from N "
        "resamples of the respondents (e.g. 10000) for Cronbach's alpha, the regression "
        "coefficients and R Square.")] = 0,
    bootstrap_method: Annotated[BootMethod, typer.Option(
        "--bootstrap-method", help="percentile (default) or bca (bias-corrected and "
        "accelerated).")] = BootMethod.percentile,
    seed: Annotated[Optional[int], typer.Option(
        "--seed", min=0, help="Seed of the bootstrap draws, to repeat a run exactly "
        "(default: a fresh seed, printed in the report).")] = None,
    construct: ConstructOpt = None,
    model: ModelOpt = None,
    sheet: SheetOpt = None,
    chunksize: ChunksizeOpt = None,
) -> None:
    """Analyse a response file and print or write the full report."""
    if fmt is Format.docx and out is None:
        raise typer.BadParameter("--format docx needs --out FILE", param_hint="--out")
    if out is not None and out.is_dir():
        raise SmmaError(f"--out {out} is a folder; give a file name")
    if out is not None and out.is_dir():
        raise SmmaError(f"{out}: is a folder; give a file name")
    if ks_method not in ("lilliefors", "kolmogorov"):
        raise typer.BadParameter("use lilliefors or kolmogorov", param_hint="--ks-method")
    from .readers import read_responses
    from .report import render
    from .study import analyze as run

    inst, notes = _resolve(responses, instrument, construct, model, sheet)
    progress = _progress(fmt is not Format.json)
    try:
        data = read_responses(responses, inst, sheet=sheet, missing=missing.value,
                              chunksize=chunksize, progress=progress)
        study = run(data, inst, alpha=alpha, judge=judge.value, tails=1 if one_tailed else 2,
                    drop_invalid=drop_invalid, robust=robust, normality_method=ks_method,
                    lang=lang.value, notes=tuple(notes), exclude_flagged=exclude_flagged,
                    by=by, bootstrap=bootstrap, seed=seed,
                    bootstrap_method=bootstrap_method.value, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    figures = ()
    if plots is not None:
        from .report.plots import make_figures, write_figures

        figures = make_figures(study, lang=lang.value)
        write_figures(figures, plots)
    report = render(study, fmt.value, lang=lang.value, figures=figures)
    if out is None:
        typer.echo(report, nl=not str(report).endswith("\n"))
    else:
        write_atomic(out, report)
        typer.echo(f"report written to {out}", err=True)


@app.command()
@_guard
def validate(
    responses: ResponsesArg,
    instrument: InstrumentOpt = None,
    construct: ConstructOpt = None,
    sheet: SheetOpt = None,
) -> None:
    """Check a response file against an instrument and list every problem found."""
    from .readers import validate_responses

    inst, _ = _resolve(responses, instrument, construct, None, sheet)
    problems = validate_responses(responses, inst, sheet=sheet)
    for p in problems:
        typer.echo(str(p))
    if problems:
        typer.echo(f"{len(problems)} problem(s) found in {responses}", err=True)
        raise typer.Exit(1)
    typer.echo(f"{responses}: no problems found (instrument {inst.name}, "
               f"{len(inst.item_ids)} items)")


@app.command()
@_guard
def instruments() -> None:
    """List the shipped instruments."""
    from .instrument import load_instrument, shipped_instruments

    for name, path in shipped_instruments().items():
        inst = load_instrument(path)
        typer.echo(f"{name}\t{path.name}\t{len(inst.constructs)} constructs, "
                   f"{len(inst.item_ids)} items\t{inst.title}")


@app.command()
@_guard
def synthesize(
    instrument: InstrumentOpt = None,
    targets: Annotated[Optional[Path], typer.Option(
        "--targets", help="YAML file of target statistics (see data/sample/targets.yaml).")]
        = None,
    n: Annotated[int, typer.Option("--n", min=10, help="Number of respondents.")] = 101,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same bytes).")]
        = 2025,
    out: Annotated[Path, typer.Option("--out", "-o", help="CSV file to write.")]
        = Path("synthetic_responses.csv"),
) -> None:
    """Make a synthetic response file with chosen alpha, slope, R2 and category counts."""
    from .instrument import find_instrument
    from .synthesis import load_targets, synthesize as make, write_responses_csv

    if not instrument:
        raise typer.BadParameter("--instrument is required", param_hint="--instrument")
    inst = find_instrument(instrument)
    frame = make(inst, n, load_targets(targets) if targets else {}, seed)
    write_responses_csv(frame, out)
    typer.echo(f"{len(frame)} synthetic respondents written to {out}", err=True)


@app.command()
@_guard
def init(
    responses: ResponsesArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Instrument YAML to write.")]
        = Path("instrument.yaml"),
    sheet: SheetOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write a starter instrument YAML inferred from a response file's header."""
    from .infer import infer_instrument, instrument_to_yaml
    from .readers import read_header

    if out.exists() and not force:
        _fail(f"{out} exists; use --force to replace it")
    inst, notes = infer_instrument(read_header(responses, sheet=sheet))
    write_atomic(out, "# Starter instrument inferred from " + responses.name +
                 ": check labels, reverse items and models.\n" + instrument_to_yaml(inst))
    for line in notes:
        typer.echo(line)
    typer.echo(f"instrument written to {out}", err=True)


def main() -> None:
    """Console entry point."""
    _one_blas_thread()
    app()


def _one_blas_thread() -> None:
    """Run linear algebra on one thread unless the user chose otherwise.

    Every large matrix here is tall and thin (respondents x a few dozen
    columns), where extra BLAS threads only add start-up and, on a busy
    machine, contention. Takes effect only before numpy is first imported.
    """
    names = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
             "GOTO_NUM_THREADS")
    if not any(n in os.environ for n in names):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"
        os.environ["MKL_NUM_THREADS"] = "1"


def _progress(wanted: bool):
    """A progress bar on standard error when it is a terminal (never for JSON)."""
    if not wanted:
        return None
    import sys

    try:
        if not sys.stderr.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    from .streaming import terminal_progress

    return terminal_progress()


if __name__ == "__main__":  # pragma: no cover
    main()
