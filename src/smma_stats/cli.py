"""The ``smma`` command: parse options, call the library, render, write.

No statistic is computed here. Any :class:`~smma_stats.errors.SmmaError`
becomes one line on standard error and exit code 1; usage errors exit 2.
"""

from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

import click

from .errors import SmmaError
from .output import print_report, refuse_inputs, write_atomic

FORMATS = ("text", "markdown", "html", "json", "docx")
LANGS = ("en", "id")
JUDGES = ("r", "r_corrected")
BOOT_METHODS = ("percentile", "bca")
MISSING = ("listwise", "pairwise", "person-mean")
KS_METHODS = ("lilliefors", "kolmogorov")

_FILE = click.Path(path_type=Path)


@click.group(name="smma", no_args_is_help=True,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(None, "--version", "-V", package_name="smma_stats", prog_name="smma",
                      message="%(prog)s %(version)s", help="Print the version and exit.")
def app() -> None:
    """Questionnaire (Likert) statistics the way SPSS prints them: item validity,
    Cronbach's alpha, K-S normality, regression, assumption tests and categories."""


def _responses_arg(func):
    return click.argument("responses", type=_FILE, metavar="RESPONSES")(func)


def _instrument_opt(func):
    return click.option(
        "--instrument", "-i", metavar="NAME|FILE",
        help="Instrument YAML file, or the name of a shipped instrument (see `smma "
             "instruments`). Default: the shipped instrument matching the file's columns, "
             "else inferred from the file as `smma init` does.")(func)


def _construct_opt(func):
    return click.option(
        "--construct", multiple=True, metavar="CODE=COLUMNS",
        help='Name a construct and its columns, e.g. "X1=X1.1..X1.5" (a range in file '
             'order) or "Y=Y1,Y2,Y3" (a list); ranges and lists mix ("X=#3..#7,#9"). A '
             'column is its header, or its header in quotes when it holds "," or ".." '
             '(\'X="1. Harga terjangkau, sesuai kualitas".."5. Diskon menarik"\'), or #N, '
             "the N-th column counting from 1. Repeat for each construct.")(func)


def _model_opt(func):
    return click.option("--model", multiple=True, metavar="TEXT",
                        help='Regression to run, e.g. "Y ~ X1 + X2"; repeatable. Replaces the '
                             "instrument's or the inferred models.")(func)


def _dimensions_opt(func):
    return click.option(
        "--dimensions", is_flag=True,
        help="Without --instrument: read X1.1..X1.5, X2.1..X2.4 as dimensions X1, X2 of one "
             "construct X (default: two constructs X1 and X2).")(func)


def _sheet_opt(func):
    return click.option("--sheet", metavar="NAME", help="Excel sheet name.")(func)


def _chunksize_opt(func):
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


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    raise click.exceptions.Exit(1)


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


#: Above this size a file's instrument is inferred from its header alone.
_INFER_FROM_ANSWERS_BYTES = 20_000_000


def _resolve(responses: Path, instrument: Optional[str], construct: Sequence[str],
             model: Sequence[str], sheet: Optional[str], dimensions: bool = False):
    """The instrument to use, and notes on how it was chosen (shown in the report)."""
    from .infer import with_models
    from .instrument import find_instrument

    if instrument and construct:
        raise SmmaError("give either --instrument or --construct, not both")
    if instrument and dimensions:
        raise SmmaError("--dimensions applies without --instrument; the instrument names "
                        "its dimensions")
    if instrument:
        inst = find_instrument(instrument)
        notes = [f"instrument: {inst.name}"]
    else:
        inst, notes = _infer(responses, construct, sheet, dimensions)
    if model:
        inst = with_models(inst, model)
        notes.append("models from --model used instead of the instrument's: "
                     + "; ".join(m.formula for m in inst.models))
    if not inst.models:
        notes.append("no models: no regression was run")
    return inst, notes


def _infer(responses: Path, construct: Sequence[str], sheet: Optional[str],
           dimensions: bool):
    """A shipped instrument matching the header, else one proposed from the answers."""
    from .infer import (adhoc_instrument, construct_columns, infer_instrument, match_shipped,
                        propose_instrument)
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
        return shipped, [f"instrument: {shipped.name} (shipped; its item columns match "
                         "the file)"]
    if large:
        inst, notes = infer_instrument(header, dimensions=dimensions)
        return inst, ["instrument inferred from the column names (a large file: answers "
                      "not read for the inference)"] + notes
    proposal = propose_instrument(_raw_frame(responses, sheet), dimensions=dimensions)
    return proposal.instrument, ["instrument inferred from the file"] + list(proposal.notes)


def _raw_frame(responses: Path, sheet: Optional[str]):
    from .readers import load_table

    return load_table(responses, sheet).frame


@app.command()
@_responses_arg
@_instrument_opt
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS),
              help="Report format (default: from the --out file name's extension, .docx, "
                   ".html, .md, .json or .txt; else text).")
@click.option("--out", "-o", type=_FILE, metavar="FILE",
              help="Write the report to this file (default: standard output; required for "
                   "docx).")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
              help="Report language: en or id (Indonesian).")
@click.option("--decimal", type=click.Choice(("comma", "point")),
              help="Decimal separator of the report's numbers: comma (0,584; default with "
                   "--lang id) or point (APA: 0.584, .821 for r; default with --lang en). "
                   "JSON always uses the point.")
@click.option("--alpha", "--sig-level", "alpha", type=click.FloatRange(0.0001, 0.5),
              default=0.05, show_default=True,
              help="Significance level of every test (--sig-level is the same option).")
@click.option("--plots", type=_FILE, metavar="FOLDER",
              help="Write PNG figures to this folder (and embed them in html/docx).")
@click.option("--number-prefix", default="4", show_default=True, metavar="TEXT",
              help='Chapter number of table and figure captions: "4" gives "Tabel 4.1", '
                   '"Gambar 4.1"; "" numbers 1, 2, 3.')
@click.option("--margins", default="4,3,3,3", show_default=True, metavar="L,T,R,B",
              help="Word page margins in cm: left (binding), top, right, bottom.")
@click.option("--drop-invalid", is_flag=True,
              help="Drop invalid items one at a time, weakest first, re-testing after each.")
@click.option("--robust", is_flag=True,
              help="Add HC3 robust standard errors to the coefficient tables.")
@click.option("--judge", type=click.Choice(JUDGES), default="r", show_default=True,
              help="Which item-total r decides validity: r (item with total) or r_corrected "
                   "(item with total minus item).")
@click.option("--one-tailed", is_flag=True,
              help="One-tailed r table value (default two-tailed).")
@click.option("--ks-method", type=click.Choice(KS_METHODS), default="lilliefors",
              show_default=True, help="lilliefors (SPSS 21+) or kolmogorov (older SPSS, PSPP).")
@click.option("--missing", type=click.Choice(MISSING), default="listwise", show_default=True,
              help="Skipped answers: listwise (leave the respondent out, as SPSS), pairwise "
                   "(keep the blanks) or person-mean (fill in the mean of the respondent's "
                   "other answers to the construct).")
@click.option("--max-missing-share", type=click.FloatRange(0.0, 1.0, max_open=True),
              default=0.2, show_default=True, metavar="SHARE",
              help="With --missing person-mean: the largest share of a construct's items a "
                   "respondent may skip and still be filled in (0.2: one item in five); "
                   "respondents who skipped more are left out.")
@click.option("--exclude-flagged", is_flag=True,
              help="Leave out the responses the data screening flags (duplicates, "
                   "straight-lining, failed attention check); the report lists them.")
@click.option("--by", metavar="COLUMN",
              help="Compare every construct across the groups of this column (e.g. gender): "
                   "means, categories, t test or one-way ANOVA.")
@click.option("--bootstrap", type=click.IntRange(min=0), default=0, metavar="N",
              help="Add bootstrap confidence intervals from N resamples of the respondents "
                   "(e.g. 10000) for Cronbach's alpha, the regression coefficients and "
                   "R Square.")
@click.option("--bootstrap-method", type=click.Choice(BOOT_METHODS), default="percentile",
              show_default=True,
              help="percentile or bca (bias-corrected and accelerated).")
@click.option("--seed", type=click.IntRange(min=0), metavar="INTEGER",
              help="Seed of the bootstrap draws, to repeat a run exactly (default: a fresh "
                   "seed, printed in the report).")
@click.option("--mediate", multiple=True, metavar="TEXT",
              help='Mediation analysis of construct scores (PROCESS model 4), e.g. "SMMA -> '
                   'TRUST -> PI"; commas list parallel mediators ("SMMA -> TRUST, IMAGE -> '
                   'PI"), more arrows a serial chain (model 6), "| AGE" adds covariates. '
                   "Bootstrap from --bootstrap N resamples (default 5000), --bootstrap-method "
                   "and --seed; repeatable.")
@click.option("--moderate", multiple=True, metavar="TEXT",
              help='Moderation analysis of construct scores (PROCESS model 1), e.g. "PI ~ '
                   'SMMA * AGE" (W = AGE moderates SMMA), "+ C" adds covariates; repeatable.')
@_construct_opt
@_model_opt
@_dimensions_opt
@_sheet_opt
@_chunksize_opt
@_guard
def analyze(responses: Path, instrument: Optional[str], fmt: str, out: Optional[Path],
            lang: str, decimal: Optional[str], alpha: float, plots: Optional[Path],
            number_prefix: str, margins: str,
            drop_invalid: bool, robust: bool,
            judge: str, one_tailed: bool, ks_method: str, missing: str,
            max_missing_share: float, exclude_flagged: bool, by: Optional[str],
            bootstrap: int, bootstrap_method: str, seed: Optional[int],
            mediate: Sequence[str], moderate: Sequence[str],
            construct: Sequence[str], model: Sequence[str], dimensions: bool,
            sheet: Optional[str], chunksize: Optional[int]) -> None:
    """Analyse a response file and print or write the full report."""
    fmt = format_for(fmt, out)
    if out is not None and out.is_dir():
        raise SmmaError(f"--out {out} is a folder; give a file name")
    from .options import AnalysisOptions
    from .report import render
    from .report.docx import parse_margins
    from .study import analyze as run

    parse_margins(margins)  # a typo fails before the analysis

    options = AnalysisOptions(
        sig_level=alpha, judge=judge, tails=1 if one_tailed else 2, drop_invalid=drop_invalid,
        robust=robust, normality_method=ks_method, missing=missing,
        max_missing_share=max_missing_share, exclude_flagged=exclude_flagged, by=by,
        bootstrap=bootstrap, seed=seed, bootstrap_method=bootstrap_method, sheet=sheet,
        chunksize=chunksize, mediate=tuple(mediate), moderate=tuple(moderate))
    inst, notes = _resolve(responses, instrument, construct, model, sheet, dimensions)
    from .path_analyses import path_figures, path_specs

    path_specs(inst, mediate, moderate)  # a typo fails before the analysis
    inputs = (responses, inst.source)
    if out is not None:
        refuse_inputs(out, inputs)
    progress = _progress(fmt != "json")
    try:
        # the library reads the file itself, so that no table outlives its use
        # (with --exclude-flagged on a large file that halves the peak memory)
        study = run(responses, inst, options, notes=tuple(notes), progress=progress)
    finally:
        if progress is not None:
            progress.close()
    figures = ()
    if plots is not None:
        from .report.plots import make_figures, write_figures

        figures = make_figures(study, lang=lang, decimal=decimal) + path_figures(study.moderation)
        for fig in figures:
            refuse_inputs(plots / fig.name, inputs, option="--plots")
        write_figures(figures, plots)
    report = render(study, fmt, lang=lang, figures=figures, decimal=decimal,
                    number_prefix=number_prefix, margins=margins)
    if out is None:
        print_report(report)
    else:
        write_atomic(out, report)
        click.echo(f"report written to {out}", err=True)


@app.command()
@_responses_arg
@_instrument_opt
@_construct_opt
@_dimensions_opt
@_sheet_opt
@_guard
def validate(responses: Path, instrument: Optional[str], construct: Sequence[str],
             dimensions: bool, sheet: Optional[str]) -> None:
    """Check a response file against an instrument and list every problem found.

    Cells that cannot be read (outside the scale, unknown labels, text) are
    problems: each is listed and the exit code is 1. Duplicate submissions,
    straight-lining and failed attention checks are listed as screening flags
    for the researcher to judge; they do not change the exit code.
    """
    from .readers import validate_responses
    from .study import screen

    inst, _ = _resolve(responses, instrument, construct, (), sheet, dimensions)
    problems = list(validate_responses(responses, inst, sheet=sheet))
    flags = None
    try:
        flags = screen(responses, inst, sheet=sheet)
    except SmmaError as exc:
        if not problems:  # otherwise the problems already say why the file cannot be read
            problems.append(exc)
    for p in problems:
        click.echo(str(p))
    listed = [] if flags is None else list(
        flags.table[flags.table["flag"] != "out_of_range"].itertuples(index=False))
    for rec in listed:
        where = f", column '{rec.column}'" if rec.column is not None else ""
        click.echo(f"{responses}: row {rec.row}{where}: {rec.flag.replace('_', ' ')}: "
                   f"{rec.detail}")
    if len(listed):
        counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in flags.counts.items()
                           if v and k != "out_of_range")
        click.echo(f"screening: {len({rec.row for rec in listed})} of {flags.n} responses flagged "
                   f"({counts}); `smma analyze --exclude-flagged` leaves them out", err=True)
    for note in flags.notes if flags is not None else ():
        click.echo(f"screening: {note}", err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) found in {responses}", err=True)
        raise click.exceptions.Exit(1)
    click.echo(f"{responses}: no problems found (instrument {inst.name}, "
               f"{len(inst.item_ids)} items)")


@app.command(name="pls")
@_responses_arg
@_instrument_opt
@click.option("--model", multiple=True, metavar="TEXT",
              help='Structural path(s), e.g. "PI ~ SMMA"; repeatable. Default: the '
                   "instrument's first model.")
@click.option("--hoc", type=click.Choice(("repeated", "two-stage", "two-stage-disjoint")),
              default="repeated", show_default=True,
              help="Approach to constructs with dimensions (second-order constructs); "
                   "two-stage is the embedded approach.")
@click.option("--scheme", type=click.Choice(("path", "factorial", "centroid")), default="path",
              show_default=True, help="Inner weighting scheme.")
@click.option("--bootstrap", type=click.IntRange(min=0), default=0, metavar="N",
              help="Bootstrap resamples for standard deviations, t, p and intervals "
                   "(SmartPLS suggests 5000); 0 skips the bootstrap.")
@click.option("--seed", type=click.IntRange(min=0), metavar="INTEGER",
              help="Seed of the bootstrap and of the PLSpredict folds (default: drawn and "
                   "reported).")
@click.option("--ci", type=click.Choice(BOOT_METHODS), default="percentile", show_default=True,
              help="Bootstrap confidence intervals.")
@click.option("--one-tailed", is_flag=True,
              help="One-tailed p-values and 1 - 2 alpha intervals.")
@click.option("--alpha", type=click.FloatRange(0.0001, 0.4999), default=0.05, show_default=True,
              help="Significance level.")
@click.option("--missing", type=click.Choice(("mean", "casewise")), default="mean",
              show_default=True, help="Skipped answers: mean replacement or casewise deletion.")
@click.option("--consistent", is_flag=True,
              help="Consistent PLS (PLSc): correct reflective constructs for attenuation.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS),
              help="Output format (default: from the --out file name's extension; else "
                   "text).")
@click.option("--out", "-o", type=_FILE, metavar="FILE",
              help="Write the report to FILE instead of the screen.")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
              help="Report language.")
@_sheet_opt
@_guard
def pls_command(responses: Path, instrument: Optional[str], model: Sequence[str], hoc: str,
                scheme: str, bootstrap: int, seed: Optional[int], ci: str, one_tailed: bool,
                alpha: float, missing: str, consistent: bool, fmt: str, out: Optional[Path],
                lang: str, sheet: Optional[str]) -> None:
    """PLS-SEM (SmartPLS-style): reliability, validity, paths, effects, fit, PLSpredict."""
    fmt = format_for(fmt, out)
    from .pls_sem import pls
    from .readers import read_responses
    from .report.pls_report import render_pls

    inst, _ = _resolve(responses, instrument, (), (), sheet)
    if out is not None:
        refuse_inputs(out, (responses, inst.source))
    data = read_responses(responses, inst, missing="pairwise", sheet=sheet)
    result = pls(data.items, list(model) or None, instrument=inst, hoc=hoc, scheme=scheme,
                 bootstrap=bootstrap, seed=seed, ci=ci, one_tailed=one_tailed,
                 missing=missing, alpha=alpha, consistent=consistent)
    report = render_pls(result, fmt, lang=lang, file=Path(responses).name,
                        instrument=inst.name)
    if out is None:
        print_report(report)
    else:
        write_atomic(out, report)
        click.echo(f"report written to {out}", err=True)


@app.command()
@_guard
def instruments() -> None:
    """List the shipped instruments."""
    from .instrument import load_instrument, shipped_instruments

    for name, path in shipped_instruments().items():
        inst = load_instrument(path)
        click.echo(f"{name}\t{path.name}\t{len(inst.constructs)} constructs, "
                   f"{len(inst.item_ids)} items\t{inst.title}")


@app.command()
@click.option("--instrument", "-i", metavar="NAME|FILE", required=True,
              help="Instrument YAML file, or the name of a shipped instrument (see `smma "
                   "instruments`).")
@click.option("--targets", type=_FILE, metavar="FILE",
              help="YAML file of target statistics (see data/sample/targets.yaml).")
@click.option("--n", type=click.IntRange(min=10), default=101, show_default=True,
              help="Number of respondents.")
@click.option("--seed", type=int, default=2025, show_default=True,
              help="Random seed (same seed, same bytes).")
@click.option("--out", "-o", type=_FILE, default=Path("synthetic_responses.csv"),
              show_default=True, metavar="FILE",
              help="File to write: CSV, or Parquet (row groups of 100,000 rows) when the name "
                   "ends in .parquet.")
@_guard
def synthesize(instrument: str, targets: Optional[Path], n: int, seed: int,
               out: Path) -> None:
    """Make a synthetic response file with chosen alpha, slope, R2 and category counts."""
    from .instrument import find_instrument
    from .synthesis import load_targets, synthesize as make, write_responses

    inst = find_instrument(instrument)
    refuse_inputs(out, (inst.source, targets))
    frame = make(inst, n, load_targets(targets) if targets else {}, seed)
    write_responses(frame, out)
    click.echo(f"{len(frame)} synthetic respondents written to {out}", err=True)


@app.command()
@_responses_arg
@_construct_opt
@_model_opt
@_dimensions_opt
@click.option("--out", "-o", type=_FILE, default=Path("instrument.yaml"), show_default=True,
              metavar="FILE", help="Instrument YAML to write.")
@_sheet_opt
@click.option("--force", is_flag=True, help="Replace an existing file.")
@_guard
def init(responses: Path, construct: Sequence[str], model: Sequence[str], dimensions: bool,
         out: Path, sheet: Optional[str], force: bool) -> None:
    """Propose an instrument YAML for a response file (Google Forms, Excel, SPSS export).

    Columns answered with agreement labels (Sangat Tidak Setuju .. Sangat
    Setuju, STS..SS, Ragu-ragu, Strongly disagree ..) or codes 1..k are items;
    they are grouped into constructs by item code (X1.1, Y1), grid question
    (Title [row]), numbering (1.2) or, failing those, by position. Reverse-keyed
    items, the attention check and uncertain groupings are marked in the file
    for you to check. The file, used unchanged with -i, gives the same analysis
    as running without -i.
    """
    from .infer import match_shipped
    from .readers import load_table

    refuse_inputs(out, (responses,))
    if out.exists() and not force:
        _fail(f"{out} exists; use --force to replace it")
    frame = load_table(responses, sheet).frame
    headers = [str(c) for c in frame.columns]
    shipped = None if construct or model else match_shipped(headers)
    if shipped is not None:
        # the run without -i uses this instrument: a copy gives the same analysis
        text = Path(shipped.source).read_text(encoding="utf-8-sig")
        write_atomic(out, f"# {responses.name} matches the shipped instrument {shipped.name}; "
                          "this is a copy of it.\n" + text)
        click.echo(f"instrument: {shipped.name} (shipped; its item columns match the file)")
    else:
        _write_proposal(responses, frame, headers, construct, model, dimensions, out)
    click.echo(f"instrument written to {out}", err=True)


def _write_proposal(responses: Path, frame, headers: list, construct: Sequence[str],
                    model: Sequence[str], dimensions: bool, out: Path) -> None:
    """Write the instrument proposed for the file; print its notes."""
    import dataclasses

    from .infer import construct_columns, propose_instrument, with_models

    specs = [construct_columns(spec, headers) for spec in construct]
    proposal = propose_instrument(frame, constructs=specs or None, dimensions=dimensions)
    notes = list(proposal.notes)
    if model:
        inst = with_models(proposal.instrument, model)
        raw = {**proposal.raw, "models": [m.formula for m in inst.models]}
        proposal = dataclasses.replace(proposal, instrument=inst, raw=raw)
        notes.append("models from --model: " + "; ".join(raw["models"]))
    write_atomic(out, proposal.to_yaml(responses.name))
    for line in notes:
        click.echo(line)


def main() -> None:
    """Console entry point."""
    _one_blas_thread()
    try:
        app(prog_name="smma")
    except OSError as exc:      # a message that could not be written (a full device)
        import sys

        try:
            sys.stderr.write(f"error: cannot write the output ({exc.strerror or exc})\n")
        except OSError:
            pass
        raise SystemExit(1) from None


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
    return terminal_progress()


# ------------------------------------------------------------------ progress

class ProgressLine:
    """A one-line progress bar on a terminal, redrawn in place.

    Nothing is drawn during the first ``delay`` seconds, so a quick run shows
    no bar at all; :meth:`close` wipes the line.
    """

    width = 24

    def __init__(self, stream, delay: float = 0.5, interval: float = 0.1):
        self.stream, self.delay, self.interval = stream, delay, interval
        self.start = time.monotonic()
        self.last = -math.inf
        self.shown = 0

    def __call__(self, stage: str, done: float, total: float) -> None:
        now = time.monotonic()
        if now - self.start < self.delay or now - self.last < self.interval:
            return
        self.last = now
        share = min(max(done / total, 0.0), 1.0) if total else 0.0
        filled = round(share * self.width)
        text = f"{stage:<10} [{'#' * filled}{'.' * (self.width - filled)}] {share:4.0%}"
        self.stream.write("\r" + text.ljust(self.shown))
        self.stream.flush()
        self.shown = max(self.shown, len(text))

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0


def terminal_progress(enabled: bool = True, stream=None) -> ProgressLine | None:
    """A :class:`ProgressLine` on standard error when it is a terminal, else None."""
    stream = sys.stderr if stream is None else stream
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return ProgressLine(stream) if enabled and tty else None


if __name__ == "__main__":  # pragma: no cover
    main()
