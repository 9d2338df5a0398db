"""The PLS-SEM report: a :class:`~smma_stats.pls_sem.PlsResult` laid out in one language.

:func:`build_pls_document` turns the result into the same format-neutral
:class:`~smma_stats.report.document.Document` the study report uses, so the
text, Markdown, HTML and Word renderers lay it out unchanged; JSON is
``PlsResult.to_dict()``. Every word comes from the message catalogue and
every number from :mod:`smma_stats.report.format`.
"""

from __future__ import annotations

from functools import partial

from .document import Document, Paragraph, Section, Table, make_table
from .format import num, pval, whole
from .messages import check_lang, msg
# FORMATS: the formats render_pls writes, those of the study report
from . import FORMATS, format_key, render_document  # noqa: F401


def render_pls(result, fmt: str = "text", lang: str = "en", file: str | None = None,
               instrument: str | None = None) -> str | bytes:
    """Render a PLS result as text, Markdown, HTML, JSON or Word (bytes)."""
    check_lang(lang)
    fmt = format_key(fmt)
    if fmt == "json":
        from .json_out import render_json

        return render_json(result)
    return render_document(build_pls_document(result, lang, file=file, instrument=instrument),
                           fmt)


def build_pls_document(result, lang: str = "en", file: str | None = None,
                       instrument: str | None = None) -> Document:
    """Lay out a PLS result: estimation, measurement model, structural model, fit, prediction."""
    m = partial(msg, lang=lang)
    sections = [Section(m("pls_sec_estimation"), tuple(_estimation(result, m))),
                Section(m("pls_sec_measurement"), tuple(_measurement(result, m))),
                Section(m("pls_sec_structural"), tuple(_structural(result, m))),
                Section(m("pls_sec_fit"), (_fit(result, m),))]
    if len(result.predict):
        sections.append(Section(m("pls_sec_predict"), (_predict(result, m),
                                                       Paragraph(m("pls_note_predict")))))
    subtitle = m("subtitle", file=file or m("source_none"), instrument=instrument or "-")
    return Document(title=m("pls_title"), subtitle=subtitle, sections=tuple(sections),
                    lang=lang)


def _estimation(r, m) -> list:
    missing = m("pls_missing_mean") if r.missing == "mean" else \
        m("pls_missing_casewise", n_dropped=r.n_dropped)
    out = [Paragraph(m("pls_estimation", scheme=m(f"pls_scheme_{r.scheme}"), n=r.n,
                       missing=missing, n_missing=r.n_missing, iterations=r.iterations,
                       converged=m("pls_converged" if r.converged else "pls_not_converged")))]
    if r.consistent:
        out.append(Paragraph(m("pls_consistent")))
    if r.hoc != "none":
        out.append(Paragraph(m(f"pls_hoc_{r.hoc}")))
    if r.n_resamples:
        level = _level(r)
        out.append(Paragraph(m("pls_bootstrap", n=r.n_resamples, seed=r.seed, method=r.ci_method,
                               level=level, tails=m("tails_1" if r.one_tailed else "tails_2"),
                               failed=r.n_failed)))
    else:
        out.append(Paragraph(m("pls_no_bootstrap")))
    return out


def _level(r) -> str:
    cover = 1 - 2 * r.alpha if r.one_tailed else 1 - r.alpha
    return f"{cover * 100:g}"


def _ci_cols(r, m) -> list[str]:
    level = _level(r)
    return [m("pls_col_se"), m("pls_col_t"), m("pls_col_p"), m("col_ci_low", level=level),
            m("col_ci_high", level=level)]


def _boot_cells(row, prefix: str = "") -> list[str]:
    return [num(row[prefix + "se"]), num(row[prefix + "t"]), pval(row[prefix + "p_value"]),
            num(row[prefix + "conf_low"]), num(row[prefix + "conf_high"])]


def _measurement(r, m) -> list:
    rel = make_table(m("pls_tab_reliability"),
                     [m("pls_col_construct"), m("pls_col_alpha"), m("pls_col_rho_a"),
                      m("pls_col_rho_c"), m("pls_col_ave")],
                     [[x["construct"], num(x["alpha"]), num(x["rho_a"]), num(x["rho_c"]),
                       num(x["ave"])] for x in r.reliability.to_dict("records")],
                     note=m("pls_note_reliability"))
    load = make_table(m("pls_tab_loadings"),
                      [m("pls_col_construct"), m("col_item"), m("pls_col_loading"),
                       *_ci_cols(r, m), m("pls_col_weight"), m("pls_col_vif")],
                      [[x["construct"], x["item"], num(x["loading"]), *_boot_cells(x, "loading_"),
                        num(x["weight"]), num(x["vif"])] for x in r.loadings.to_dict("records")])
    out = [rel, load]
    if len(r.hoc_loadings):
        out.append(make_table(m("pls_tab_hoc"),
                              [m("pls_col_construct"), m("col_dimension"), m("pls_col_loading"),
                               *_ci_cols(r, m)],
                              [[x["construct"], x["dimension"], num(x["loading"]), *_boot_cells(x)]
                               for x in r.hoc_loadings.to_dict("records")]))
    fl = r.fornell_larcker
    out.append(make_table(m("pls_tab_fl"), [m("pls_col_construct"), *fl.columns[1:]],
                          [[x["construct"], *[num(x[c]) for c in fl.columns[1:]]]
                           for x in fl.to_dict("records")], note=m("pls_note_fl")))
    out.append(make_table(m("pls_tab_htmt"), [m("pls_col_path"), "HTMT", *_ci_cols(r, m)],
                          [[f"{x['a']} <-> {x['b']}", num(x["htmt"]), *_boot_cells(x)]
                           for x in r.htmt.to_dict("records")], note=m("pls_note_htmt")))
    return out


def _structural(r, m) -> list:
    paths = make_table(m("pls_tab_paths"),
                       [m("pls_col_path"), m("pls_col_beta"), *_ci_cols(r, m), m("pls_col_f2"),
                        m("pls_col_vif"), m("col_decision")],
                       [[f"{x['from']} -> {x['to']}", num(x["beta"]), *_boot_cells(x),
                         num(x["f2"]), num(x["vif"]), _decision(r, x, m)]
                        for x in r.paths.to_dict("records")])
    r2 = make_table(m("pls_tab_r2"), [m("pls_col_construct"), m("pls_col_r2"), m("pls_col_adj_r2"),
                                      *_ci_cols(r, m)],
                    [[x["construct"], num(x["r2"]), num(x["adj_r2"]), *_boot_cells(x)]
                     for x in r.r2.to_dict("records")])
    out = [paths, r2]
    if len(r.effects):
        out.append(make_table(m("pls_tab_effects"),
                              [m("pls_col_effect"), m("pls_col_kind"), m("pls_col_estimate"),
                               *_ci_cols(r, m)],
                              [[_effect_name(x), m(f"pls_kind_{x['kind']}"), num(x["estimate"]),
                                *_boot_cells(x)] for x in r.effects.to_dict("records")]))
    return out


def _decision(r, row, m) -> str:
    key = row["decision"]
    return m(f"pls_{key}") if isinstance(key, str) else ""


def _effect_name(x) -> str:
    mid = [x["through"]] if x["through"] else []
    return " -> ".join([x["from"], *mid, x["to"]])


def _fit(r, m) -> Table:
    return make_table(m("pls_tab_fit"), [m("pls_col_measure"), m("pls_col_saturated"),
                                         m("pls_col_estimated")],
                      [[x["measure"].upper(), num(x["saturated"]), num(x["estimated"])]
                       for x in r.fit.to_dict("records")])


def _predict(r, m) -> Table:
    title = m("pls_tab_predict", k=whole(r.predict_folds), reps=whole(r.predict_repetitions))
    return make_table(title, [m("col_item"), m("pls_col_construct"), m("pls_col_q2"),
                              m("pls_col_pls_rmse"), m("pls_col_pls_mae"), m("pls_col_lm_rmse"),
                              m("pls_col_lm_mae")],
                      [[x["item"], x["construct"], num(x["q2_predict"]), num(x["pls_rmse"]),
                        num(x["pls_mae"]), num(x["lm_rmse"]), num(x["lm_mae"])]
                       for x in r.predict.to_dict("records")])
