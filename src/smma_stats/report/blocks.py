"""Blocks of the model, assumption, contribution and category sections.

Helpers of :mod:`smma_stats.report.build`: each takes the builder (which
knows the language, the study and the number formats) and returns the
tables and sentences of one part of the report. Only decision rules are
applied here (compare a printed Sig. with alpha, Tolerance with 0.10); every
statistic comes from the result objects.
"""

from __future__ import annotations

import math

from .format import num, pct, prop, pval, records, whole
from ..regression import CONSTANT
from ..results import computable
from .document import Paragraph


def term_label(b, term: str) -> str:
    return b.t("term_constant") if term == CONSTANT else str(term)


# ------------------------------------------------------------------ a model

def model_blocks(b, reg) -> list:
    """Model Summary, ANOVA, Coefficients, the equation and the tests read from them."""
    preds = ", ".join(reg.predictors)
    note = b.t("note_model", predictors=preds, dependent=reg.dependent)
    out: list = [Paragraph(b.t("critical_values", t_table=num(reg.t_critical, lead=True),
                                alpha=b.alpha, df1=whole(reg.df_regression),
                                df2=whole(reg.df_residual),
                                f_table=num(reg.f_critical, lead=True)))]
    out.append(b.table("model_summary", ["col_R", "col_R2", "col_adj_R2", "col_se_est",
                                         "col_dw"],
                       [(prop(reg.r), prop(reg.r2), prop(reg.adj_r2), num(reg.se_estimate),
                         num(reg.durbin_watson))], note, left=0))
    rows = [(b.t(f"src_{r['source']}"), num(r["ss"]), whole(r["df"]), num(r["ms"]),
             num(r["f"]), pval(r["p_value"])) for r in records(reg.anova)]
    out.append(b.table("anova_table", ["col_source", "col_ss", "col_df", "col_ms", "col_F",
                                       "col_sig"], rows, note))

    coefs = records(reg.coefficients)
    out.append(_coefficient_table(b, reg, coefs, note))
    slopes = [r for r in coefs if r["term"] != CONSTANT]
    const = next((r for r in coefs if r["term"] == CONSTANT), None)
    eq = f"{reg.dependent} = {num(const['b'], lead=True) if const else '0'}"
    for r in slopes:
        sign = "-" if r["b"] < 0 else "+"
        eq += f" {sign} {num(abs(r['b']), lead=True)} {r['term']}"
    out.append(Paragraph(b.t("equation", equation=eq)))
    return out + _reading_blocks(b, reg, slopes)


def _coefficient_table(b, reg, coefs: list, note: str):
    """The Coefficients table, with the HC3 columns when the model has them."""
    hc3 = bool(coefs) and "se_hc3" in coefs[0]
    level = f"{(1 - reg.alpha) * 100:.10g}"
    cols = ["col_term", "col_b", "col_se", "col_beta", "col_t", "col_sig",
            b.t("col_ci_low", level=level), b.t("col_ci_high", level=level),
            "col_tolerance", "col_vif"] + (["col_se_hc3", "col_t_hc3", "col_sig_hc3"]
                                           if hc3 else [])
    rows = []
    for r in coefs:
        row = [term_label(b, r["term"]), num(r["b"]), num(r["se"]), prop(r["beta"]), num(r["t"]),
               pval(r["p_value"]), num(r["conf_low"]), num(r["conf_high"]),
               prop(r["tolerance"]), num(r["vif"])]
        if hc3:
            row += [num(r["se_hc3"]), num(r["t_hc3"]), pval(r["p_value_hc3"])]
        rows.append(row)
    if hc3:
        note += " " + b.t("note_hc3")
    return b.table("coef_table", cols, rows, note)


def _reading_blocks(b, reg, slopes: list) -> list:
    """The t and F tests, R Square and the slopes, read out in sentences."""
    out: list = []
    dep = b.name(reg.dependent)
    for r in slopes:
        t = r["t"]
        t_text = f"t = {num(t, lead=True)}" if t >= 0 else f"|t| = {num(abs(t), lead=True)}"
        decision = b.t("t_yes" if r["p_value"] < reg.alpha else "t_no",
                       term=b.name(r["term"]), dependent=dep)
        out.append(Paragraph(b.t(
            "t_test", term=r["term"], t_text=t_text,
            t_cmp=">" if abs(t) > reg.t_critical else "<=",
            t_table=num(reg.t_critical, lead=True), p_text=b.sig(r["p_value"]),
            decision=decision)))
    decision = b.t("f_yes" if reg.f_p_value < reg.alpha else "f_no", dependent=dep)
    out.append(Paragraph(b.t("f_test", f=num(reg.f, lead=True),
                             f_cmp=">" if reg.f > reg.f_critical else "<=",
                             f_table=num(reg.f_critical, lead=True),
                             p_text=b.sig(reg.f_p_value), decision=decision)))
    share = round(reg.r2 * 100, 1)
    out.append(Paragraph(b.t("r2_sentence", r2=prop(reg.r2), adj_r2=prop(reg.adj_r2),
                             pct=pct(share), rest=pct(round(100 - share, 1)), dependent=dep)))
    held = b.t("slope_held") if len(slopes) > 1 else ""
    for r in slopes:
        out.append(Paragraph(b.t(
            "slope", x=b.name(r["term"]), y=dep, b=num(abs(r["b"]), lead=True), held=held,
            direction=b.t("slope_up" if r["b"] >= 0 else "slope_down"))))
    out.append(Paragraph(b.t("association_note", dependent=dep,
                             predictors=b.names(reg.predictors))))
    return out


# ------------------------------------------------------------------ assumptions

def gap_blocks(b, m) -> list:
    """One sentence per statistic of the model that the data could not support."""
    return [Paragraph(b.t("not_computable", test=b.t(f"test_{key}"), reason=reason))
            for key, reason in m.not_computable().items()]


def assumption_blocks(b, m) -> list:
    """Residual normality, multicollinearity, heteroscedasticity, linearity, autocorrelation."""
    reg, a = m.regression, b.s.alpha
    out: list = gap_blocks(b, m)
    if computable(m.normality):
        from .notes_blocks import normality_disagreement

        out.append(Paragraph(b.t("residual_normality", sentence=b.normality_sentence(m.normality))))
        out += [p for p in (normality_disagreement(b, m.normality),) if p is not None]

    slopes = [r for r in records(reg.coefficients) if r["term"] != CONSTANT]
    if len(slopes) >= 2:
        bad = [r["term"] for r in slopes if not (r["tolerance"] > 0.10 and r["vif"] < 10)]
        rows = [(r["term"], prop(r["tolerance"]), num(r["vif"]),
                 b.t("multicol_bad" if r["term"] in bad else "multicol_ok")) for r in slopes]
        table = b.table("multicol_table", ["col_term", "col_tolerance", "col_vif",
                                           "col_decision"], rows, b.t("multicol_rule"), tail=1)
        text = b.t("multicol_no", terms=", ".join(bad)) if bad else b.t("multicol_yes")
        out += [table, Paragraph(text)]
    else:
        out.append(Paragraph(b.t("multicol_simple")))

    g = m.glejser
    if computable(g) and getattr(g, "table", None) is not None:
        recs = records(g.table)
        rows, bad = [], []
        for r in recs:
            dec = ""
            if r["term"] != CONSTANT:
                ok = r["p_value"] > a
                dec = b.t("hetero_ok" if ok else "hetero_bad")
                bad += [] if ok else [str(r["term"])]
            rows.append((term_label(b, r["term"]), num(r["b"]), num(r["se"]), num(r["t"]),
                         pval(r["p_value"]), dec))
        table = b.table("glejser_table", ["col_term", "col_b", "col_se", "col_t", "col_sig",
                                          "col_decision"], rows, tail=1)
        text = (b.t("glejser_no", alpha=b.alpha, terms=", ".join(bad)) if bad
                else b.t("glejser_yes", alpha=b.alpha))
        out += [table, Paragraph(text)]
    rows, sentences = [], []
    for key, res in (("test_glejser", g), ("test_bp", m.breusch_pagan),
                     ("test_white", m.white)):
        if not computable(res):
            continue
        dec = b.t("hetero_ok" if res.passed else "hetero_bad")
        rows.append((b.t(key), num(res.statistic), _df(res), pval(res.p_value), dec))
        if key != "test_glejser":
            verdict = b.t("hetero_none_text" if res.passed else "hetero_found_text")
            sentences.append(Paragraph(b.t("hetero_sentence", test=b.t(key),
                                           p_text=b.sig(res.p_value), decision=verdict)))
    if rows:
        table = b.table("hetero_table", ["col_test", "col_statistic", "col_df", "col_sig",
                                         "col_decision"], rows, tail=1)
        out += [table] + sentences
    if computable(m.white) and m.white.dropped:
        out.append(Paragraph(b.t("white_dropped", terms=", ".join(m.white.dropped))))

    if computable(m.linearity):
        out += _linearity(b, reg, m.linearity)
    out += _autocorrelation(b, reg, m.runs)
    return out


def _df(res) -> str:
    """``df`` of a chi-square, ``df1, df2`` of an F."""
    df, df2 = getattr(res, "df", None), getattr(res, "df2", None)
    if df2 is None or (isinstance(df2, float) and math.isnan(df2)):
        return whole(df)
    return f"{whole(df)}, {whole(df2)}"


def _linearity(b, reg, lin) -> list:
    x = reg.predictors[0]
    recs = records(lin.table)
    rows = [(b.t(f"src_{r['source']}"), num(r["ss"]), whole(r["df"]), num(r["ms"]),
             num(r["f"]), pval(r["p_value"])) for r in recs]
    table = b.table("linearity_table", ["col_source", "col_ss", "col_df", "col_ms", "col_F",
                                        "col_sig"], rows, dependent=reg.dependent, x=x)
    assoc = b.table("assoc_table", ["col_R", "col_R2_lin", "col_eta", "col_eta2"],
                    [(prop(lin.r), prop(lin.r2), prop(lin.eta), prop(lin.eta2))], left=0)
    text = b.t("linearity_yes" if lin.passed else "linearity_no", x=b.name(x),
               y=b.name(reg.dependent), p_text=b.sig(lin.p_value))
    return [table, assoc, Paragraph(text)]


def _autocorrelation(b, reg, runs) -> list:
    d, dl, du = reg.durbin_watson, reg.dw_lower, reg.dw_upper
    out: list = []
    if not math.isnan(d):
        dec = reg.dw_decision
        zone = {"positive": "dw_positive", "negative": "dw_negative", "none": "dw_none",
                "inconclusive": "dw_low" if d <= 2 else "dw_high"}.get(dec, "dw_missing")
        fmt = {"d": num(d, lead=True), "dl": num(dl, lead=True), "du": num(du, lead=True),
               "u4": num(4 - du, lead=True), "l4": num(4 - dl, lead=True)}
        table = b.table("dw_table", ["col_dw", "col_dl", "col_du", "col_4du", "col_4dl",
                                     "col_decision"],
                        [(num(d), num(dl), num(du), num(4 - du), num(4 - dl),
                          b.t(f"dec_{dec}") if dec else "")],
                        b.t("note_dw", alpha=b.alpha, n=reg.n, k=reg.k), left=0, tail=1)
        out += [table, Paragraph(b.t(zone, **fmt))]
    else:
        out.append(Paragraph(b.t("dw_missing")))
    if computable(runs):
        fields = [("col_test_value", "cutoff", num), ("col_below", "n_below", whole),
                  ("col_above", "n_above", whole), ("col_total_cases", "n", whole),
                  ("col_runs", "runs", whole), ("col_z", "statistic", num),
                  ("col_asymp_short", "p_value", pval)]
        present = [(c, attr, f) for c, attr, f in fields if getattr(runs, attr, None) is not None]
        table = b.table("runs_table", [c for c, _, _ in present],
                        [[f(getattr(runs, attr)) for _, attr, f in present]], left=0)
        out += [table, Paragraph(b.t("runs_yes" if runs.passed else "runs_no",
                                     p_text=b.sig(runs.p_value)))]
    return out


# ------------------------------------------------------------------ contributions

def contribution_blocks(b, i: int, m) -> list:
    """Effective and relative contribution table of one model, with a sentence per term."""
    reg = m.regression
    recs = records(reg.contributions)
    rows = [(r["term"], prop(r["beta"]), prop(r["r_zero_order"]), pct(r["effective"] * 100),
             pct(r["relative"] * 100)) for r in recs]
    rows.append((b.t("total"), "", "", pct(reg.r2 * 100), pct(100)))
    out: list = [b.table("contrib_table", ["col_term", "col_beta", "col_r_zero",
                                           "col_effective", "col_relative"], rows,
                         i=i, formula=m.formula)]
    dep = b.name(reg.dependent)
    out += [Paragraph(b.t("contrib_sentence", term=b.name(r["term"]), dependent=dep,
                          se=pct(r["effective"] * 100), sr=pct(r["relative"] * 100)))
            for r in recs]
    return out


# ------------------------------------------------------------------ categories

def _cut(x: float) -> str:
    text = f"{float(x):.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def category_blocks(b, name: str, cat) -> list:
    """Frequency table of the classes, the boundary rule and a sentence."""
    recs = records(cat.table)
    labels = [b.t(f"cat_{cat.levels}_{j}") for j in range(len(recs))]
    rows = [(lab, f"{_cut(r['lower'])} - {_cut(r['upper'])}", whole(r["count"]),
             pct(r["percent"])) for lab, r in zip(labels, recs)]
    rows.append((b.t("total"), "", whole(cat.n), pct(100)))
    word = b.t("cat_score")
    cuts = [r["upper"] for r in recs[:-1]]
    parts = [f"{labels[0]}: {word} < {_cut(cuts[0])}"]
    parts += [f"{labels[j]}: {_cut(cuts[j - 1])} <= {word} < {_cut(cuts[j])}"
              for j in range(1, len(labels) - 1)]
    parts.append(f"{labels[-1]}: {word} >= {_cut(cuts[-1])}")
    if cat.method == "interval":
        note = b.t("cat_note_interval", lo=_cut(recs[0]["lower"]), hi=_cut(recs[-1]["upper"]),
                   width=_cut(recs[0]["upper"] - recs[0]["lower"]))
    elif cat.method == "mean_sd":
        note = b.t("cat_note_mean_sd", mu=_cut(cat.mu), sigma=_cut(cat.sigma))
    else:
        note = b.t("cat_note_ideal_percent", ideal=_cut(recs[-1]["upper"]))
    table = b.table("cat_table", ["col_category", "col_range", "col_count", "col_percent"],
                    rows, b.t("cat_rule", rule="; ".join(parts), note=note),
                    name=b.cell(name))
    top = max(range(len(recs)), key=lambda j: (recs[j]["count"], -j))
    out = [table, Paragraph(b.t("cat_sentence", count=whole(recs[top]["count"]), n=cat.n,
                                pct=pct(recs[top]["percent"]), category=labels[top],
                                name=b.name(name), mean=num(cat.mean, 2, lead=True)))]
    ideal = getattr(cat, "ideal_percent", math.nan)
    if ideal is not None and not math.isnan(ideal):
        out.append(Paragraph(b.t("cat_ideal", name=b.name(name), ideal=pct(ideal))))
    return out


# ------------------------------------------------------------------ sample and screening

def missing_blocks(b, r) -> list:
    """Rows read and used, rows dropped, and what the missing-answer rule did."""
    from ..screening import missing_summary

    miss = missing_summary(r)
    listwise = miss["method"] == "listwise"
    out = [Paragraph(b.t("sample_used" if listwise else "sample_used_incomplete",
                         n_read=r.n_read, n=r.n))]
    if r.n_dropped:
        rows = ", ".join(str(x) for x in r.dropped_rows)
        out.append(Paragraph(b.t("sample_dropped" if listwise else "sample_dropped_missing",
                                 n_dropped=r.n_dropped, n_read=r.n_read, rows=rows)))
    elif listwise:
        out.append(Paragraph(b.t("sample_none_dropped")))
    if miss["method"] == "pairwise":
        out.append(Paragraph(b.t("missing_pairwise", n_missing=miss["n_missing_answers"])))
    elif miss["method"] == "person-mean":
        out.append(Paragraph(b.t("missing_person_mean", n_imputed=miss["n_imputed_answers"],
                                 n_respondents=miss["n_imputed_respondents"])))
        if miss["max_missing_share"] is not None:
            share = f"{miss['max_missing_share'] * 100:.10g}"
            out.append(Paragraph(b.t("missing_share", share=share)))
    return out


def _answer(v) -> str:
    return f"{float(v):g}" if isinstance(v, float) else str(v)


def _flag_cells(b, flag: str, recs: list) -> list[str]:
    """``7 (= row 3)``, ``4 (all 5)``, ``5 (answer 2)``, ``6 (X3, X4)`` per row."""
    if flag == "out_of_range":
        cols: dict[int, list] = {}
        for r in recs:
            cols.setdefault(r["row"], []).append(str(r["column"]))
        return [f"{row} ({', '.join(c)})" for row, c in cols.items()]
    out = []
    for r in recs:
        if flag == "duplicate":
            out.append(b.t("row_duplicate", row=r["row"], other=r["other_row"]))
        elif flag == "straight_lining":
            out.append(b.t("row_straight", row=r["row"], value=_answer(r["value"])))
        elif r["value"] is None:
            out.append(b.t("row_blank", row=r["row"]))
        else:
            out.append(b.t("row_attention", row=r["row"], value=_answer(r["value"])))
    return out


def screening_blocks(b, sc, excluded: tuple, n_used: int) -> list:
    """What was checked, a table of the flags with their rows, and what was done."""
    out: list = [Paragraph(b.t("screening_method", n=sc.n))]
    if sc.ignored_columns:
        out.append(Paragraph(b.t("screening_ignored", columns=", ".join(sc.ignored_columns))))
    check = sc.attention_check
    if check:
        expect = f" {b.t('or')} ".join(b.t("quoted_text", text=v) for v in check["expect"])
        key = "screening_attention_unmatched" if sc.notes else "screening_attention"
        out.append(Paragraph(b.t(key, column=b.t("quoted_text", text=check["column"]),
                                 expect=expect)))
    recs = records(sc.table)
    flags = ["duplicate", "straight_lining"] + (["attention_check"] if check else [])
    flags += [f for f in ("attention_check", "out_of_range")
              if f not in flags and any(r["flag"] == f for r in recs)]
    rows = []
    for flag in flags:
        mine = [r for r in recs if r["flag"] == flag]
        cells = _flag_cells(b, flag, mine)
        rows.append((b.t(f"flag_{flag}"), whole(len(sc.rows_of(flag))),
                     ", ".join(cells) or "-"))
    out.append(b.table("screening_table", ["col_check", "col_n_flagged", "col_rows"], rows,
                       tail=1))
    listed = ", ".join(str(r) for r in sc.flagged_rows)
    if not sc.flagged_rows:
        out.append(Paragraph(b.t("screening_none")))
    elif excluded:
        out.append(Paragraph(b.t("screening_excluded", n_flagged=len(excluded), n=sc.n,
                                 rows=listed, n_used=n_used)))
    else:
        out.append(Paragraph(b.t("screening_kept", n_flagged=sc.n_flagged, n=sc.n,
                                 rows=listed)))
    return out


def item_hints(b, code: str, recs: list) -> list:
    """Which items are reverse-keyed; a negative r hints at a forgotten reverse key;
    an item that never varies stays in alpha (as SPSS and PSPP)."""
    out = []
    keyed = [i for i in b.inst.constructs[code].item_ids if i in set(b.inst.reverse)]
    if keyed:
        out.append(Paragraph(b.t("reverse_keyed", items=", ".join(keyed))))
    for r in recs:
        if r["r_corrected"] == r["r_corrected"] and r["r_corrected"] < 0 \
                and r["item"] not in keyed:
            out.append(Paragraph(b.t("reverse_hint", item=r["item"],
                                     r=prop(r["r_corrected"]))))
        elif r["r"] != r["r"]:
            out.append(Paragraph(b.t("constant_item", item=r["item"])))
    return out
