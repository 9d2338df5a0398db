"""Mediation and moderation analyses of a study's construct scores, as ``smma analyze`` runs them.

The command line names them with ``--mediate "X -> M -> Y"`` and
``--moderate "Y ~ X * W"``, an instrument with its ``mediation`` and
``moderation`` keys. :func:`path_specs` reads both (so a typo fails before
the analysis starts), :func:`run_path_analyses` runs them on
``StudyResult.scores`` (``analyze`` keeps the results in
``StudyResult.mediation`` and ``StudyResult.moderation``; JSON keys
``mediation`` and ``moderation``); :func:`smma_stats.report.plots.make_figures`
draws the moderation figures with the study's other figures.
"""

from __future__ import annotations

from typing import Sequence

from .errors import SmmaError


def path_specs(inst, mediate: Sequence[str], moderate: Sequence[str]) -> list:
    """(kind, label, keyword arguments) of each mediation and moderation to run."""
    specs = [("mediation", s) for s in getattr(inst, "mediation", ())]
    specs += [("moderation", s) for s in getattr(inst, "moderation", ())]
    if mediate:
        from .mediation_analysis import parse_mediation

        specs += [("mediation", parse_mediation(t)) for t in mediate]
    if moderate:
        from .moderation_analysis import parse_moderation

        specs += [("moderation", parse_moderation(t)) for t in moderate]
    return [(kind, _label(kind, spec), dict(spec)) for kind, spec in specs]


def _label(kind: str, s) -> str:
    covs = f" | {', '.join(s['covariates'])}" if s.get("covariates") else ""
    if kind == "mediation":
        sep = " -> " if s.get("serial") else ", "
        return f"{s['x']} -> {sep.join(s['m'])} -> {s['y']}{covs}"
    return f"{s['y']} ~ {s['x']} * {s['w']}{covs}"


def run_path_analyses(study, specs, *, bootstrap: int, seed, method: str, robust: bool,
                      alpha: float) -> list:
    """The mediation and moderation results, on the study's construct scores.

    Mediation uses ``bootstrap`` resamples (5000 when 0) with the study's
    seed when it drew one, intervals at ``1 - alpha``; an error names the
    analysis it comes from.
    """
    if not specs:
        return []
    from .mediation_analysis import mediation
    from .moderation_analysis import moderation

    scores = study.scores
    if scores is None:
        raise SmmaError("mediation and moderation need the construct scores, which this "
                        "analysis did not keep")
    if seed is None:
        seed = study.settings.get("seed")  # the study's resamples, when it drew any
    out = []
    for kind, label, spec in specs:
        try:
            if kind == "mediation":
                out.append(mediation(scores, **spec, bootstrap=bootstrap or 5000, seed=seed,
                                     ci=1 - alpha, method=method, robust=robust,
                                     sig_level=alpha))
            else:
                out.append(moderation(scores, **spec, robust=robust, sig_level=alpha))
        except SmmaError as exc:
            raise SmmaError(f"{kind} {label!r}: {exc}") from None
    return out
