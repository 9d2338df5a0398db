"""Blocks of the descriptive sections and of the hypothesis recap.

Respondent profile (one frequency table per attribute), the answers to the
items of each construct (count and percent per scale point, mean, SD and the
class of the mean), the construct descriptives, the Pearson and Spearman
correlation matrices with SPSS's stars, and the hypothesis recap table with
one sentence per hypothesis. Every number comes from the study's results;
only words are chosen here.
"""

from __future__ import annotations

from .document import Paragraph
from .format import num, pct, prop, pval, records, whole


def profile_blocks(b, profile) -> list:
    """One frequency table per profile variable, with a sentence on the largest group."""
    out: list = []
    recs = records(profile.table)
    for var in profile.variables:
        mine = [r for r in recs if r["variable"] == var]
        rows = [(r["category"] if r["category"] is not None else b.t("missing_value"),
                 whole(r["count"]), pct(r["percent"]),
                 "" if r["missing"] else pct(r["valid_percent"])) for r in mine]
        rows.append((b.t("total"), whole(profile.n), pct(100), ""))
        out.append(b.table("profile_table", ["col_category", "col_count", "col_percent",
                                             "col_valid_percent"], rows, variable=var))
        answered = [r for r in mine if not r["missing"]]
        if answered:
            top = max(answered, key=lambda r: r["count"])
            out.append(Paragraph(b.t("profile_sentence", variable=var,
                                     category=top["category"], count=whole(top["count"]),
                                     pct=pct(top["percent"]))))
    return out


def item_blocks(b, code: str, res) -> list:
    """The answers to a construct's items per scale point, mean, SD and class of the mean."""
    freq = records(res.frequencies)
    points = sorted({r["value"] for r in freq})
    labels = {r["value"]: (f"{r['label']} ({r['value']})" if r["label"] else str(r["value"]))
              for r in freq}
    cells = {(r["item"], r["value"]): f"{whole(r['count'])} ({pct(r['percent'])})"
             for r in freq}
    rows = []
    for r in records(res.table):
        rows.append([r["item"]] + [cells.get((r["item"], v), "") for v in points]
                    + [num(r["mean"], 2), num(r["sd"], 2), _class(b, r["category"])])
    columns = ["col_item"] + [labels[v] for v in points] + [
        "col_mean", "col_sd", "col_class"]
    note = b.t("item_freq_note", rule=_rule(b, res))
    table = b.table("item_freq_table", columns, rows, note, name=code)
    mean = res.mean_of_item_means
    text = b.t("item_freq_sentence", name=b.name(code), mean=num(mean, 2),
               category=_class(b, res.category_of_mean))
    return [table, Paragraph(text)]


def construct_desc_blocks(b, res) -> list:
    """N, minimum, maximum, mean, SD, item mean and class of every construct score."""
    rows = [(b.name(r["variable"]), whole(r["n"]), num(r["min"], 2), num(r["max"], 2),
             num(r["mean"], 2), num(r["sd"], 2), num(r["item_mean"], 2),
             _class(b, r["category"])) for r in records(res.table)]
    return [b.table("construct_desc_table", ["col_variable", "col_n", "col_min", "col_max",
                                             "col_mean", "col_sd", "col_item_mean",
                                             "col_class"], rows)]


def correlation_blocks(b, pearson, spearman) -> list:
    """Correlation matrices (lower triangle) with ** p < .01 and * p < .05, two-tailed."""
    out: list = []
    for key, res in (("corr_pearson", pearson), ("corr_spearman", spearman)):
        if res is None:
            continue
        r, stars = res.matrix("r"), res.matrix("stars")
        names = list(res.variables)
        rows = []
        for i, a in enumerate(names):
            row = [b.name(a)]
            for j, c in enumerate(names):
                row.append("1" if i == j else (f"{prop(r.loc[a, c])}{stars.loc[a, c]}"
                                               if j < i else ""))
            rows.append(row)
        out.append(b.table(key, ["col_variable"] + names, rows,
                           b.t("corr_note", n=whole(min(dict(res.n_valid).values())))))
    return out


def hypothesis_blocks(b, h) -> list:
    """The recap table of the hypotheses and one decision sentence each."""
    recs = records(h.table)
    rows = []
    for r in recs:
        rows.append((r["hypothesis"], f"{r['predictor']} -> {r['dependent']}",
                     b.t(f"direction_{r['direction'].replace('-', '_')}"), num(r["b"]),
                     prop(r["beta"]), num(r["t"]), num(r["t_critical"]), pval(r["p_value"]),
                     b.t(f"decision_{r['decision']}")))
    table = b.table("hypothesis_table", ["col_hypothesis", "col_path", "col_direction",
                                         "col_b", "col_beta", "col_t", "col_t_table",
                                         "col_sig", "col_decision"], rows,
                    b.t("hypothesis_note", alpha=b.alpha), left=3)
    out: list = [table]
    texts = {x.id: x.text for x in h.hypotheses}
    for r in recs:
        wording = (texts.get(r["hypothesis"]) or {}).get(b.lang)
        out.append(Paragraph(b.t(
            f"hypothesis_{r['decision']}", id=r["hypothesis"],
            wording=f" ({wording})" if wording else "", x=b.name(r["predictor"]),
            y=b.name(r["dependent"]), b=num(r["b"]), t=num(r["t"]),
            t_table=num(r["t_critical"]), p_text=b.sig(r["p_value"]),
            how=_how(b, r))))
    return out


def _how(b, r) -> str:
    """``positive, one-tailed`` / ``two-tailed`` (a two-sided direction is not said twice)."""
    tails = b.t("tails_1" if r["tails"] == 1 else "tails_2")
    if r["direction"] == "two-sided":
        return tails
    return f"{b.t('direction_' + r['direction'].replace('-', '_'))}, {tails}"


def _class(b, key) -> str:
    return b.t(f"class_{key}") if key else ""


def _rule(b, res) -> str:
    """The class intervals of the item means, as a thesis prints them (1.00 - 1.80 ...)."""
    from ..descriptives import class_table

    table = class_table(res.scale_min, res.scale_max, res.classes)
    parts = []
    for rec in records(table):
        parts.append(f"{num(rec['lower'], 2)} - {num(rec['upper'], 2)} "
                     f"{_class(b, rec['category'])}")
    return "; ".join(parts)


def describe_sections(b) -> None:
    """Respondent profile, answers per item, construct descriptives, correlations."""
    d = getattr(b.s, "descriptives", None)
    if d is None:
        return
    if d.profile is not None and d.profile.variables:
        b.add(b.t("sec_profile"), profile_blocks(b, d.profile))
    blocks = construct_desc_blocks(b, d.constructs) if d.constructs is not None else []
    b.add(b.t("sec_descriptives"), blocks)
    for code, res in d.items.items():
        b.add(b.name(code), item_blocks(b, code, res), level=2)
    if d.pearson is not None or d.spearman is not None:
        b.add(b.t("sec_correlations"), correlation_blocks(b, d.pearson, d.spearman))


def hypothesis_section(b) -> None:
    """The recap of the hypothesis decisions, when the study has models."""
    from ..results import computable

    h = getattr(b.s, "hypotheses", None)
    if computable(h) and len(h.table):
        b.add(b.t("sec_hypotheses"), hypothesis_blocks(b, h))
