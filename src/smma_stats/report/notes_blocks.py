"""Report blocks that read notes and settle conflicting tests.

* :func:`note_blocks`: the set-up notes of a study (how the instrument was
  chosen, which models run) in the report's language, led by a note on the
  shipped synthetic sample when that is what was analysed;
* :func:`normality_disagreement`: one sentence when Kolmogorov-Smirnov and
  Shapiro-Wilk disagree for a variable;
* :func:`verdict_blocks`: one sentence per regression term on which the
  classical t test, the HC3 test and the bootstrap interval disagree, saying
  which the decision follows and why.

Only readings are decided here; every number comes from the study.
"""

from __future__ import annotations

import math

from ..regression import CONSTANT
from .document import Paragraph
from .format import num
from .messages import CATALOGUE
from .messages_notes import SAMPLE_CITATION, SAMPLE_SHA256

#: The shipped instrument the synthetic sample was made for, and the model
#: its article reports.
SAMPLE_INSTRUMENT = "smma-instagram"
SAMPLE_ARTICLE_MODEL = "PI ~ SMMA"


def is_shipped(path: str) -> bool:
    """Whether an instrument file is one of those shipped with the package."""
    from pathlib import Path

    try:
        from .. import questionnaires

        return Path(path).resolve().parent == Path(questionnaires.__file__).resolve().parent
    except (ImportError, OSError, TypeError):
        return False


def render_note(b, note) -> str:
    """A note in the report's language: through the catalogue when it is a
    :class:`~smma_stats.notes.Note` the catalogue knows, else its text."""
    key = "note_" + str(getattr(note, "key", "") or "")
    if key == "note_" or key not in CATALOGUE[b.lang]:
        return str(note)
    params = {}
    for name, value in dict(getattr(note, "params", {}) or {}).items():
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], dict):
            value = ", ".join(b.t(key + "_part", **part) for part in value)
        elif isinstance(value, (list, tuple)):
            value = b.joined([str(v) for v in value])
        elif name in ("question", "answer"):
            value = b.t("quoted_text", text=value)
        params[name] = value
    try:
        return b.t(key, **params)
    except (KeyError, IndexError, ValueError):
        return str(note)


def is_shipped_sample(study) -> bool:
    """Whether the study analysed the shipped synthetic SMMA sample with its instrument.

    The data file's SHA-256 must equal the shipped sample's and the instrument
    must be the shipped ``smma-instagram``.
    """
    inst = study.instrument
    sha = getattr(study.responses, "sha256", None)
    return (sha == SAMPLE_SHA256 and inst.name == SAMPLE_INSTRUMENT
            and is_shipped(getattr(inst, "source", None) or ""))


def note_blocks(b) -> list:
    """The sample note (shipped sample only), then every set-up note of the study."""
    out = []
    if is_shipped_sample(b.s):
        others = [m.formula for m in b.inst.models if m.formula != SAMPLE_ARTICLE_MODEL]
        key = "sample_illustration_one" if len(others) == 1 else "sample_illustration_many"
        out.append(Paragraph(b.t("sample_synthetic", citation=SAMPLE_CITATION,
                                 article_model=SAMPLE_ARTICLE_MODEL,
                                 illustrations=b.t(key, models="; ".join(others)))))
    out += [Paragraph(render_note(b, n)) for n in getattr(b.s, "notes", ()) or ()]
    return out


def normality_disagreement(b, nr):
    """A paragraph when K-S and Shapiro-Wilk fall on different sides of alpha, else None."""
    ks, sw = nr.p_value, getattr(nr, "shapiro_p_value", math.nan)
    if ks is None or sw is None or math.isnan(ks) or math.isnan(sw):
        return None
    alpha = b.s.alpha
    if (ks <= alpha) == (sw <= alpha):
        return None
    return Paragraph(b.t("normality_disagree", name=b.norm_name(nr), ks_p=b.sig(ks, "p"),
                         sw_p=b.sig(sw, "p"), n=nr.n))


def _hetero_rejects(b, m) -> list[str]:
    """Names of the heteroscedasticity tests (Breusch-Pagan, White) that reject."""
    from ..results import computable

    out = []
    for key, res in (("test_bp", getattr(m, "breusch_pagan", None)),
                     ("test_white", getattr(m, "white", None))):
        if computable(res) and not res.passed:
            out.append(f"{b.t(key)} ({b.sig(res.p_value)})")
    return out


def _boot_limits(m) -> dict:
    from .format import records

    boot = getattr(m, "bootstrap", None)
    if boot is None or getattr(boot, "table", None) is None:
        return {}
    return {r["term"]: (r["conf_low"], r["conf_high"]) for r in records(boot.table)}


def verdict_blocks(b, m) -> list:
    """One paragraph per term whose classical, HC3 and bootstrap verdicts disagree."""
    from .format import records

    reg = m.regression
    limits, hetero = _boot_limits(m), _hetero_rejects(b, m)
    level = f"{getattr(getattr(m, 'bootstrap', None), 'ci', 0.95) * 100:.10g}"
    out = []
    for r in records(reg.coefficients):
        term = r["term"]
        if term == CONSTANT:
            continue
        classic = r["p_value"] < reg.alpha
        hc3 = r.get("p_value_hc3")
        hc3 = None if hc3 is None or math.isnan(hc3) else hc3
        lim = limits.get(term)
        boot = None if lim is None else not (lim[0] <= 0 <= lim[1])
        if (hc3 is None or (hc3 < reg.alpha) == classic) and (boot is None or boot == classic):
            continue
        others = []
        if hc3 is not None:
            others.append(b.t("verdict_hc3", p_hc3=b.sig(hc3)))
        if lim is not None:
            others.append(b.t("verdict_boot_out" if boot else "verdict_boot_in", level=level,
                              low=num(lim[0], lead=True), high=num(lim[1], lead=True)))
        follow_hc3 = bool(hetero) and hc3 is not None
        reject = (hc3 < reg.alpha) if follow_hc3 else classic
        decision = b.t("t_yes" if reject else "t_no", term=b.name(term),
                       dependent=b.name(reg.dependent))
        if follow_hc3:
            follow = b.t("verdict_follow_hc3", hetero=b.joined(hetero), decision=decision)
        elif hetero:
            follow = b.t("verdict_follow_classic_hetero", hetero=b.joined(hetero),
                         decision=decision)
        else:
            follow = b.t("verdict_follow_classic", decision=decision)
        text = b.t("verdict_disagree", term=b.name(term), p_classic=b.sig(r["p_value"]),
                   others=b.joined(others)) + " " + follow
        if lim is not None:
            text += " " + b.t("verdict_boot_check")
        out.append(Paragraph(text))
    return out


__all__ = ["is_shipped", "is_shipped_sample", "normality_disagreement", "note_blocks", "render_note",
           "verdict_blocks"]
