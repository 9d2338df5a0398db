"""Blocks of the group comparison section (``analyze(..., by=...)``).

Per construct: Group Statistics (N, mean, SD, standard error of the mean),
the categories within each group, and the Independent Samples Test (both
rows, with Levene's test) or the one-way ANOVA with the test of homogeneity
of variances, each read in one sentence. Every number comes from the
:class:`~smma_stats.groups.GroupResult`; only alpha decisions are made here.
"""

from __future__ import annotations

from .format import num, pct, prop, pval, records, whole
from .document import Paragraph


def group_sections(b, g) -> None:
    """Add the group comparison section and one subsection per construct."""
    by = g.by
    recs = [r for r in records(g.means) if r["construct"] == g.constructs[0]]
    levels = ", ".join(f"{r['group']} (n = {r['n']})" for r in recs)
    blocks = [Paragraph(b.t("groups_intro", by=by, levels=levels))]
    if g.n_missing:
        blocks.append(Paragraph(b.t("groups_missing", n_missing=g.n_missing, by=by)))
    if len(g.levels) == 2:
        blocks.append(Paragraph(b.t("groups_method_t", alpha=b.alpha)))
    elif len(g.levels) > 2:
        blocks.append(Paragraph(b.t("groups_method_anova", k=len(g.levels))))
    b.add(b.t("sec_groups", by=by), blocks)
    for code in g.constructs:
        b.add(b.name(code), construct_blocks(b, g, code), level=2)


def construct_blocks(b, g, code: str) -> list:
    by, name = g.by, b.name(code)
    means = [r for r in records(g.means) if r["construct"] == code]
    out: list = [b.table("group_stats_table", [by, "col_n", "col_mean", "col_sd",
                                               "col_se_mean"],
                         [(r["group"], whole(r["n"]), num(r["mean"]), num(r["sd"]),
                           num(r["se"])) for r in means], name=code)]
    cats = [r for r in records(g.categories) if r["construct"] == code]
    if cats:
        k = len(cats) // len(g.levels)
        labels = [b.t(f"cat_{k}_{j}") for j in range(k)]
        rows = []
        for i, lv in enumerate(g.levels):
            mine = cats[i * k:(i + 1) * k]
            cells = [f"{whole(r['count'])} ({pct(r['percent'])}%)" if r["count"] else "0"
                     for r in mine]
            rows.append([lv] + cells + [whole(sum(r["count"] for r in mine))])
        out.append(b.table("group_cat_table", [by] + labels + ["col_n"], rows, name=code,
                           by=by))
    test = g.tests.get(code)
    means_text = ", ".join(f"{r['group']} = {num(r['mean'], 2, lead=True)}" for r in means)
    if test is None:
        small = [r["group"] for r in means if r["n"] < 2]
        if len(g.levels) < 2:
            out.append(Paragraph(b.t("group_skip_one", name=name, by=by)))
        else:
            out.append(Paragraph(b.t("group_skip_small", name=name, levels=", ".join(small))))
        return out
    decision = b.t("group_diff_yes" if test.significant else "group_diff_no", name=name,
                   by=by, means=means_text)
    out += (_t_blocks(b, test, code, decision) if hasattr(test, "t_welch")
            else _anova_blocks(b, test, code, decision))
    follow = g.followups.get(code)
    return out + (followup_blocks(b, follow, code) if follow is not None else [])


def followup_blocks(b, f, code: str) -> list:
    """Which test to read and why, the rank test, and the post hoc comparisons."""
    bad = [g for g, p in f.normal.items() if p == p and p <= b.s.alpha]
    out: list = [Paragraph(b.t("followup_rank" if f.reading == "rank" else "followup_param",
                               groups=", ".join(bad), alpha=b.alpha))]
    r = f.rank_test
    if r is not None and hasattr(r, "u"):
        out.append(b.table("mw_table", ["col_mw_u", "col_mw_w", "col_z", "col_asymp_short",
                                        "col_exact_sig"],
                           [(num(r.u), num(r.w), num(r.z), pval(r.p_value),
                             pval(r.p_value_exact))], name=code, left=0))
        out.append(Paragraph(b.t("mw_yes" if r.p_value < b.s.alpha else "mw_no",
                                 p_text=b.sig(r.p_value))))
    elif r is not None:
        out.append(b.table("kw_table", ["col_kw_h", "col_df", "col_asymp_short"],
                           [(num(r.h), whole(r.df), pval(r.p_value))], name=code, left=0))
        out.append(Paragraph(b.t("kw_yes" if r.p_value < b.s.alpha else "kw_no",
                                 p_text=b.sig(r.p_value))))
    if f.posthoc is not None:
        ph = f.posthoc
        rows = [(x["group_a"], x["group_b"], num(x["mean_difference"]), num(x["se"]),
                 pval(x["p_value"]), num(x["conf_low"]), num(x["conf_high"]))
                for x in records(ph.table)]
        key = "posthoc_tukey" if ph.method.startswith("tukey") else "posthoc_gh"
        out.append(b.table(key, ["col_group_i", "col_group_j", "col_mean_diff", "col_se",
                                 "col_sig", "col_lower", "col_upper"], rows, name=code,
                           left=2))
    return out


def _t_blocks(b, t, code: str, decision: str) -> list:
    level = f"{(1 - t.alpha) * 100:.10g}"
    cols = ["col_variances", "col_levene_f", "col_levene_sig", "col_t", "col_df", "col_sig2",
            "col_mean_diff", "col_se_diff", b.t("col_ci_low", level=level),
            b.t("col_ci_high", level=level)]
    rows = [(b.t("var_equal"), num(t.levene_statistic), pval(t.levene_p_value), num(t.t),
             whole(t.df), pval(t.p_value), num(t.mean_difference), num(t.se), num(t.conf_low),
             num(t.conf_high)),
            (b.t("var_unequal"), "", "", num(t.t_welch), num(t.df_welch), pval(t.p_value_welch),
             num(t.mean_difference), num(t.se_welch), num(t.conf_low_welch),
             num(t.conf_high_welch))]
    a, c = t.groups
    table = b.table("ttest_table", cols, rows, b.t("note_mean_diff", a=a, b=c), name=code)
    pooled = t.equal_variances
    df = whole(t.df) if pooled else num(t.df_welch, lead=True)
    tv = t.t if pooled else t.t_welch
    sentence = b.t("ttest_sentence", levene=b.sig(t.levene_p_value),
                   variances=b.t("var_equal_text" if pooled else "var_unequal_text"),
                   row=b.t("var_equal" if pooled else "var_unequal"), t=num(tv, lead=True),
                   df=df, p_text=b.sig(t.chosen["p_value"]), decision=decision)
    return [table, Paragraph(sentence)]


def _anova_blocks(b, a, code: str, decision: str) -> list:
    homog = b.table("homogeneity_table", ["col_levene_stat", "col_df1", "col_df2", "col_sig"],
                    [(num(a.levene_statistic), whole(a.levene_df1), whole(a.levene_df2),
                      pval(a.levene_p_value))], name=code, left=0)
    rows = [(b.t("src_Between Groups"), num(a.ss_between), whole(a.df_between),
             num(a.ms_between), num(a.f), pval(a.p_value)),
            (b.t("src_Within Groups"), num(a.ss_within), whole(a.df_within), num(a.ms_within),
             "", ""),
            (b.t("src_Total"), num(a.ss_total), whole(a.df_between + a.df_within), "", "", "")]
    table = b.table("oneway_table", ["col_source", "col_ss", "col_df", "col_ms", "col_F",
                                     "col_sig"], rows, name=code)
    out = [homog, table, Paragraph(b.t("anova_sentence", df1=whole(a.df_between),
                                       df2=whole(a.df_within), f=num(a.f, lead=True),
                                       p_text=b.sig(a.p_value), eta2=prop(a.eta2),
                                       decision=decision))]
    if a.levene_p_value <= a.alpha:
        out.append(Paragraph(b.t("anova_levene_bad", p_text=b.sig(a.levene_p_value))))
    return out
