"""The ``smma`` command: parse options, call the library, render, write.

The ``app`` group, ``analyze`` and ``validate`` live here; the other commands
in :mod:`smma_stats.cli_commands`, the shared options in
:mod:`smma_stats.cli_options`. No statistic is computed here. Any :class:`~smma_stats.errors.SmmaError`
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

from .cli_commands import init, instruments, pls_command, synthesize
from .cli_options import (BOOT_METHODS, EXTENSION_FORMATS, FILE, FORMATS, JUDGES,  # noqa: F401
                          KS_METHODS, LANGS, MISSING, chunksize_opt, construct_opt,
                          dimensions_opt, echo_report, format_for, guard, instrument_opt,
                          model_opt, resolve_instrument, responses_arg, sheet_opt)
from .errors import SmmaError
from .output import refuse_inputs

#: The --margins default (cm): a thesis page's left (binding), top, right, bottom.
WORD_MARGINS = "4,3,3,3"

@click.group(name="smma", no_args_is_help=True,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(None, "--version", "-V", package_name="smma_stats", prog_name="smma",
                      message="%(prog)s %(version)s", help="Print the version and exit.")
def app() -> None:
    """Questionnaire (Likert) statistics the way SPSS prints them: item validity,
    Cronbach's alpha, K-S normality, regression, assumption tests and categories."""


@app.command()
@responses_arg
@instrument_opt
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS),
              help="Report format (default: from the --out file name's extension, .docx, "
                   ".html, .md, .json or .txt; else text).")
@click.option("--out", "-o", type=FILE, metavar="FILE",
              help="Write the report to this file (default: standard output; required for "
                   "docx).")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
              help="Report language: en or id (Indonesian).")
@click.option("--decimal", type=click.Choice(("comma", "point")),
              help="Decimal separator of the report's numbers: comma (0,584; default with "
                   "--lang id) or point (APA: 0.584, .821 for r; default with --lang en). "
                   "JSON always uses the point.")
@click.option("--sig-level", "--alpha", "sig_level", type=click.FloatRange(0.0001, 0.5),
              default=0.05, show_default=True,
              help="Significance level of every test (--alpha is its older name).")
@click.option("--plots", type=FILE, metavar="FOLDER",
              help="Write PNG figures to this folder (and embed them in html/docx).")
@click.option("--number-prefix", default="4", show_default=True, metavar="TEXT",
              help='Chapter number of table and figure captions: "4" gives "Tabel 4.1", '
                   '"Gambar 4.1"; "" numbers 1, 2, 3.')
@click.option("--margins", default=WORD_MARGINS, show_default=True, metavar="L,T,R,B",
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
@click.option("--ks-method", "normality_method", type=click.Choice(KS_METHODS),
              default="lilliefors",
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
@construct_opt
@model_opt
@dimensions_opt
@sheet_opt
@chunksize_opt
@guard
def analyze(responses: Path, instrument: Optional[str], fmt: str, out: Optional[Path],
            lang: str, decimal: Optional[str], plots: Optional[Path], number_prefix: str,
            margins: str, construct: Sequence[str], model: Sequence[str], dimensions: bool,
            one_tailed: bool, **settings) -> None:
    """Analyse a response file and print or write the full report."""
    # the other options are named as the AnalysisOptions fields they set
    fmt = format_for(fmt, out)
    if out is not None and out.is_dir():
        raise SmmaError(f"--out {out} is a folder; give a file name")
    from .options import AnalysisOptions
    from .report import render
    from .study import analyze as run

    if margins != WORD_MARGINS:  # a typo fails before the analysis
        from .report.docx import parse_margins

        parse_margins(margins)

    options = AnalysisOptions(tails=1 if one_tailed else 2, **settings)
    inst, notes = resolve_instrument(responses, instrument, construct, model, options.sheet,
                                     dimensions)
    inputs = (responses, inst.source)
    if out is not None:
        refuse_inputs(out, inputs)
    progress = terminal_progress(fmt != "json")      # never for JSON
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

        figures = make_figures(study, lang=lang, decimal=decimal)
        for fig in figures:
            refuse_inputs(plots / fig.name, inputs, option="--plots")
        write_figures(figures, plots)
    report = render(study, fmt, lang=lang, figures=figures, decimal=decimal,
                    number_prefix=number_prefix, margins=margins)
    echo_report(report, out)


@app.command()
@responses_arg
@instrument_opt
@construct_opt
@dimensions_opt
@sheet_opt
@guard
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

    inst, _ = resolve_instrument(responses, instrument, construct, (), sheet, dimensions)
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


for _command in (pls_command, instruments, synthesize, init):
    app.add_command(_command)


def main() -> None:
    """Run the ``smma`` command in this interpreter (raises SystemExit when done)."""
    _one_blas_thread()
    try:
        app(prog_name="smma")
    except OSError as exc:      # a message that could not be written (a full device)
        _cannot_write(exc)
        raise SystemExit(1) from None


def run() -> None:
    """The ``smma`` program: :func:`main`, then end the process at once.

    Unloading pandas, pyarrow and scipy when the interpreter shuts down
    costs about 0.1 s, more than a tenth of a whole ``smma analyze`` of the
    101-respondent sample (measured: 0.77 s -> 0.67 s wall, median of nine
    runs). Nothing is left to do by then: outputs are written atomically and
    synced (:func:`smma_stats.output.write_atomic`), and both standard
    streams are flushed here, a write error still being one line and exit
    code 1. An error that is not a :class:`SystemExit` (a bug) takes the
    usual way out, with its traceback.
    """
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
        if not isinstance(code, int):       # SystemExit("message"), as Python would print it
            sys.stderr.write(f"{code}\n")
            code = 1
    try:
        sys.stdout.flush()
    except OSError as exc:
        _cannot_write(exc)
        code = 1
    try:
        sys.stderr.flush()
    except OSError:
        code = code or 1
    os._exit(code)


def _cannot_write(exc: OSError) -> None:
    try:
        sys.stderr.write(f"error: cannot write the output ({exc.strerror or exc})\n")
        sys.stderr.flush()
    except OSError:
        pass


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
