"""Blocks of the mediation and moderation sections, in the words theses use.

Mediation (PROCESS model 4/6): every regression (a paths, b paths, c' and
the total effect c) with its model summary, the indirect effects with
bootstrap intervals, the Sobel test, and a sentence on the kind of mediation
by the rule of Zhao, Lynch & Chen (2010). Moderation (PROCESS model 1 /
MRA): the coefficients with the interaction, the R2 change it brings, the
conditional effects of X at the probed values of W and the Johnson-Neyman
points. Every number comes from the results.
"""

from __future__ import annotations

from .blocks import term_label
from .document import Paragraph
from .format import num, prop, pval, records, whole


def mediation_blocks(b, r) -> list:
    """Regressions, indirect effects, Sobel tests and the verdict of one mediation."""
    level = f"{r.ci * 100:.10g}"
    rows = [(b.t(f"medmodel_{x['model']}", dependent=x["dependent"]), x["path"] or "",
             term_label(b, x["term"]), num(x["b"]), num(x["se"]), num(x["t"]),
             pval(x["p_value"]), num(x["conf_low"]), num(x["conf_high"]))
            for x in records(r.paths)]
    out: list = [b.table("med_paths_table", ["col_model", "col_path", "col_term", "col_b",
                                             "col_se", "col_t", "col_sig",
                                             b.t("col_ci_low", level=level),
                                             b.t("col_ci_high", level=level)], rows, left=3)]
    rows = [(b.t(f"medmodel_{x['model']}", dependent=x["dependent"]), prop(x["r2"]),
             num(x["f"]), whole(x["df1"]), whole(x["df2"]), pval(x["p_value"]))
            for x in records(r.models)]
    out.append(b.table("med_models_table", ["col_model", "col_R2", "col_F", "col_df1",
                                            "col_df2", "col_sig"], rows))
    rows = [(x["path"], num(x["estimate"]), num(x["boot_se"]), num(x["conf_low"]),
             num(x["conf_high"])) for x in records(r.indirect)]
    note = b.t("med_boot_note", n=whole(r.n_resamples), seed=r.seed,
               method=b.t(f"bootmethod_{r.method}"))
    out.append(b.table("med_indirect_table", ["col_path", "col_effect", "col_boot_se",
                                              "col_boot_low", "col_boot_high"], rows, note))
    rows = [(x["mediator"], num(x["estimate"]), num(x["se"]), num(x["z"]), pval(x["p_value"]))
            for x in records(r.sobel)]
    if rows:
        out.append(b.table("med_sobel_table", ["col_mediator", "col_effect", "col_se",
                                               "col_z", "col_sig"], rows))
    out.append(Paragraph(b.t(
        "med_sentence", x=b.name(r.x), y=b.name(r.y), total=num(r.total_effect),
        total_p=b.sig(r.total_p_value, "p"), direct=num(r.direct_effect),
        direct_p=b.sig(r.direct_p_value, "p"), indirect=num(r.indirect_effect),
        low=num(r.indirect_conf_low), high=num(r.indirect_conf_high), level=level,
        kind=b.t(f"medtype_{r.mediation_type}"))))
    out.append(Paragraph(b.t("med_rule")))
    return out


def moderation_blocks(b, r) -> list:
    """Coefficients, R2 change, conditional effects and Johnson-Neyman points of one MRA."""
    level = f"{(1 - r.alpha) * 100:.10g}"
    rows = [(term_label(b, x["term"]), num(x["b"]), num(x["se"]), num(x["t"]),
             pval(x["p_value"]), num(x["conf_low"]), num(x["conf_high"]))
            for x in records(r.coefficients)]
    note = b.t("mod_center_note") if r.center else None
    out: list = [b.table("mod_coef_table", ["col_term", "col_b", "col_se", "col_t", "col_sig",
                                            b.t("col_ci_low", level=level),
                                            b.t("col_ci_high", level=level)], rows, note)]
    ch = records(r.r2_change)[0]
    out.append(b.table("mod_r2_table", ["col_R2", "col_r2_change", "col_F", "col_df1",
                                        "col_df2", "col_sig"],
                       [(prop(r.r2), prop(ch["r2_change"]), num(ch["f"]), whole(ch["df1"]),
                         whole(ch["df2"]), pval(ch["p_value"]))], left=0))
    rows = [(num(x["w"]), num(x["effect"]), num(x["se"]), num(x["t"]), pval(x["p_value"]),
             num(x["conf_low"]), num(x["conf_high"])) for x in records(r.conditional_effects)]
    out.append(b.table("mod_cond_table", ["col_w_value", "col_effect", "col_se", "col_t",
                                          "col_sig", b.t("col_ci_low", level=level),
                                          b.t("col_ci_high", level=level)], rows,
                       b.t(f"mod_probe_{r.probe.replace('-', '_')}"), x=r.x, w=r.w, left=0))
    jn = [num(x["w"]) for x in records(r.johnson_neyman)]
    key = "mod_yes" if r.interaction_p_value < r.alpha else "mod_no"
    out.append(Paragraph(b.t(key, x=b.name(r.x), w=b.name(r.w), y=b.name(r.y),
                             b=num(r.interaction), p_text=b.sig(r.interaction_p_value),
                             r2=prop(ch["r2_change"]))))
    out.append(Paragraph(b.t("mod_jn", points=", ".join(jn)) if jn else b.t("mod_jn_none")))
    return out


def path_sections(b) -> None:
    """One section per mediation and per moderation of the study."""
    for r in getattr(b.s, "mediation", ()):
        sep = " -> " if r.serial else ", "
        label = f"{r.x} -> {sep.join(r.mediators)} -> {r.y}"
        b.add(b.t("sec_mediation", label=label), mediation_blocks(b, r))
    for i, r in enumerate(getattr(b.s, "moderation", ()), start=1):
        b.add(b.t("sec_moderation", label=f"{r.y} ~ {r.x} * {r.w}"),
              moderation_blocks(b, r) + b.placed(f"moderation:{i}"))
