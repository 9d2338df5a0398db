"""The ``smma`` commands besides ``analyze`` and ``validate``: ``pls``,
``instruments``, ``synthesize`` and ``init``.

:mod:`smma_stats.cli` registers them on its ``app`` group.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

import click

from .cli_options import (BOOT_METHODS, FILE, FORMATS, LANGS, construct_opt, dimensions_opt,
                          echo_report, fail, format_for, guard, instrument_opt, model_opt,
                          resolve_instrument, responses_arg, sheet_opt)
from .output import refuse_inputs, write_atomic


@click.command(name="pls")
@responses_arg
@instrument_opt
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
@click.option("--sig-level", "--alpha", "alpha", type=click.FloatRange(0.0001, 0.4999),
              default=0.05, show_default=True,
              help="Significance level of the path decisions (--alpha is its older name).")
@click.option("--missing", type=click.Choice(("mean", "casewise")), default="mean",
              show_default=True, help="Skipped answers: mean replacement or casewise deletion.")
@click.option("--consistent", is_flag=True,
              help="Consistent PLS (PLSc): correct reflective constructs for attenuation.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS),
              help="Output format (default: from the --out file name's extension; else "
                   "text).")
@click.option("--out", "-o", type=FILE, metavar="FILE",
              help="Write the report to FILE instead of the screen.")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
              help="Report language.")
@sheet_opt
@guard
def pls_command(responses: Path, instrument: Optional[str], model: Sequence[str], hoc: str,
                scheme: str, bootstrap: int, seed: Optional[int], ci: str, one_tailed: bool,
                alpha: float, missing: str, consistent: bool, fmt: str, out: Optional[Path],
                lang: str, sheet: Optional[str]) -> None:
    """PLS-SEM (SmartPLS-style): reliability, validity, paths, effects, fit, PLSpredict."""
    fmt = format_for(fmt, out)
    from .pls_sem import pls
    from .readers import read_responses
    from .report.pls_report import render_pls

    inst, _ = resolve_instrument(responses, instrument, (), (), sheet)
    if out is not None:
        refuse_inputs(out, (responses, inst.source))
    data = read_responses(responses, inst, missing="pairwise", sheet=sheet)
    result = pls(data.items, list(model) or None, instrument=inst, hoc=hoc, scheme=scheme,
                 bootstrap=bootstrap, seed=seed, ci=ci, one_tailed=one_tailed,
                 missing=missing, sig_level=alpha, consistent=consistent)
    report = render_pls(result, fmt, lang=lang, file=Path(responses).name,
                        instrument=inst.name)
    echo_report(report, out)


@click.command()
@guard
def instruments() -> None:
    """List the shipped instruments."""
    from .instrument import load_instrument, shipped_instruments

    for name, path in shipped_instruments().items():
        inst = load_instrument(path)
        click.echo(f"{name}\t{path.name}\t{len(inst.constructs)} constructs, "
                   f"{len(inst.item_ids)} items\t{inst.title}")


@click.command()
@click.option("--instrument", "-i", metavar="NAME|FILE", required=True,
              help="Instrument YAML file, or the name of a shipped instrument (see `smma "
                   "instruments`).")
@click.option("--targets", type=FILE, metavar="FILE",
              help="YAML file of target statistics (see data/sample/targets.yaml).")
@click.option("--n", type=click.IntRange(min=10), default=101, show_default=True,
              help="Number of respondents.")
@click.option("--seed", type=int, default=2025, show_default=True,
              help="Random seed (same seed, same bytes).")
@click.option("--out", "-o", type=FILE, default=Path("synthetic_responses.csv"),
              show_default=True, metavar="FILE",
              help="File to write: CSV, or Parquet (row groups of 100,000 rows) when the name "
                   "ends in .parquet.")
@guard
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


@click.command()
@responses_arg
@construct_opt
@model_opt
@dimensions_opt
@click.option("--out", "-o", type=FILE, default=Path("instrument.yaml"), show_default=True,
              metavar="FILE", help="Instrument YAML to write.")
@sheet_opt
@click.option("--force", is_flag=True, help="Replace an existing file.")
@guard
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
        fail(f"{out} exists; use --force to replace it")
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
