"""Blocks of the bootstrap section (``analyze(..., bootstrap=N)``).

One paragraph on the resampling, a table of Cronbach's alpha with its
bootstrap interval for every construct, and per model the coefficients and
R Square with theirs, each read in one sentence. Every number comes from the
:class:`~smma_stats.bootstrap.BootstrapResult` objects; only the readings
(lower limit above the reliability threshold, interval including 0) are
decided here.
"""

from __future__ import annotations

from .blocks import term_label
from .format import num, prop, records, whole
from ..regression import CONSTANT
from .document import Paragraph


def bootstrap_section(b) -> None:
    """Add the bootstrap section when the study was run with ``bootstrap=N``."""
    s = b.s
    alphas = dict(getattr(s, "bootstrap_alpha", None) or {})
    models = [(i, m) for i, m in enumerate(s.models, 1)
              if getattr(m, "bootstrap", None) is not None]
    if not alphas and not models:
        return
    first = next(iter(alphas.values()), None) or models[0][1].bootstrap
    level = f"{first.ci * 100:.10g}"
    lo, hi = b.t("col_ci_low", level=level), b.t("col_ci_high", level=level)
    blocks: list = [Paragraph(b.t(
        "boot_method", n=whole(first.n_resamples), n_cases=whole(first.n), seed=first.seed,
        method=b.t(f"bootmethod_{first.method}"), level=level))]
    if alphas:
        rows = [(code, prop(r.estimate), num(r.se), num(r.bias), prop(r.conf_low),
                 prop(r.conf_high)) for code, r in alphas.items()]
        blocks.append(b.table("boot_alpha_table", ["col_variable", "col_alpha", "col_boot_se",
                                                   "col_boot_bias", lo, hi], rows,
                              _failed_note(b, alphas.values())))
        for code, r in alphas.items():
            threshold = getattr(s.reliability.get(code), "threshold", 0.60)
            key = "boot_alpha_above" if r.conf_low > threshold else "boot_alpha_below"
            blocks.append(Paragraph(b.t(key, level=level, name=b.name(code),
                                        low=prop(r.conf_low), high=prop(r.conf_high),
                                        threshold=prop(threshold, 2))))
    for i, m in models:
        blocks += _model_blocks(b, i, m, level, lo, hi)
    b.add(b.t("sec_bootstrap"), blocks)


def _model_blocks(b, i: int, m, level: str, lo: str, hi: str) -> list:
    r = m.bootstrap
    coefs = records(r.table)
    rows = [(term_label(b, c["term"]), num(c["b"]), num(c["boot_se"]), num(c["bias"]),
             num(c["conf_low"]), num(c["conf_high"])) for c in coefs]
    rows.append((b.t("col_R2"), prop(r.estimate), num(r.se), num(r.bias), prop(r.conf_low),
                 prop(r.conf_high)))
    out: list = [b.table("boot_coef_table", ["colterm_label", "col_b", "col_boot_se",
                                             "col_boot_bias", lo, hi], rows,
                         _failed_note(b, [r]), i=i, formula=m.formula)]
    dep = b.name(m.regression.dependent)
    for c in coefs:
        if c["term"] == CONSTANT:
            continue
        key = "boot_zero_in" if c["conf_low"] <= 0 <= c["conf_high"] else "boot_zero_out"
        out.append(Paragraph(b.t(key, level=level, term=b.name(c["term"]),
                                 low=num(c["conf_low"]),
                                 high=num(c["conf_high"]), dependent=dep)))
    return out


def _failed_note(b, results) -> str | None:
    failed = sum(r.n_failed for r in results)
    if not failed:
        return None
    total = sum(r.n_resamples for r in results)
    return b.t("boot_note_failed", n_failed=whole(failed), n_resamples=whole(total))
