"""Turn a ``StudyResult`` into a :class:`~smma_stats.report.document.Document`.

Every word comes from :mod:`smma_stats.report.messages`; every number is
formatted here, once, so each renderer only lays out strings. Nothing is
estimated here: the document shows what the study holds, read against the
decision rules a thesis states (r table, .60, Tolerance 0.10 / VIF 10 ...).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from ..errors import SmmaError
from .format import (DECIMALS, level, num, number_style, prop, pval, quoted, records,
                     whole)
from .blocks import item_hints
from .document import Document, Figure, Paragraph, Section, Table, make_table
from .messages import CATALOGUE, check_lang, msg

#: Packages whose versions the provenance block lists.
VERSION_PACKAGES = ("smma_stats", "numpy", "pandas", "scipy")


def build_document(study, lang: str = "en", figures: Iterable[Figure] = (),
                   decimal: str | None = None, number_prefix: str = "4",
                   year: int | None = None) -> Document:
    """Lay out a study as a format-neutral document in one language.

    Parameters
    ----------
    study : StudyResult
        What :func:`smma_stats.analyze` returns.
    lang : {"en", "id"}
        Language of every heading, label and sentence.
    figures : sequence of Figure
        Figures to include (see :func:`smma_stats.report.plots.make_figures`);
        each goes into the section its ``anchor`` names (category bars with
        their construct, scatter and residual plots with their model), the
        others into a figure section at the end.
    decimal : {"point", "comma"}, optional
        Decimal separator; by default the comma for ``"id"``, else the point.
    number_prefix : str, default "4"
        Chapter number of the captions: ``Tabel 4.1``, ``Gambar 4.1``.
    year : int, optional
        Year of the source line under tables and figures (default: this year).

    Returns
    -------
    Document
        Sections in report order: sample, data screening, validity,
        reliability, removed items, normality, one per model, classical
        assumption tests, contributions, categories, group comparison,
        figures without a section, provenance. Tables and figures are
        numbered in reading order.

    Examples
    --------
    >>> doc = build_document(study, lang="id")                 # doctest: +SKIP
    >>> [s.title for s in doc.sections if s.level == 1][:4]     # doctest: +SKIP
    ['Sampel Penelitian', 'Uji Validitas', 'Uji Reliabilitas', 'Penghapusan Butir Tidak Valid']
    """
    from .document import number_blocks

    lang = check_lang(lang)
    if decimal is None:
        decimal = "comma" if lang == "id" else "point"
    if decimal not in DECIMALS:
        raise SmmaError(f"decimal must be 'point' or 'comma', not {decimal!r}")
    with number_style(decimal):
        doc = _Builder(study, lang).document(tuple(figures))
    year = current_year() if year is None else int(year)
    sections = number_blocks(doc.sections, msg("caption_table", lang),
                             msg("caption_figure", lang), str(number_prefix),
                             msg("caption_source", lang, year=year),
                             unsourced=(msg("prov_table", lang),))
    return Document(doc.title, doc.subtitle, sections, doc.lang)


def current_year() -> int:
    """The year of the source line when none is given (the run date's year)."""
    import datetime

    return datetime.date.today().year


def base_name(path: Any) -> str:
    """The file name without any folder (Windows or POSIX separators)."""
    return re.split(r"[\\/]", str(path))[-1]


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    from .. import __version__

    out = {"smma_stats": __version__}
    for pkg in VERSION_PACKAGES[1:]:
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "-"
    return out


def is_abbreviation(code: str) -> bool:
    """Whether a construct code is an abbreviation (``PI``, ``X1``), not a word."""
    return not any(ch.islower() for ch in str(code))


# ------------------------------------------------------------------ builder

class _Builder:
    def __init__(self, study, lang: str):
        self.s, self.lang, self.inst = study, lang, study.instrument
        self.alpha = level(study.alpha)
        self.variant: str | None = None
        self.sections: list[Section] = []
        self.figures: list[Figure] = []

    def placed(self, anchor: str) -> list[Figure]:
        """The figures that belong in the section ``anchor`` names (taken out of the pool)."""
        mine = [f for f in self.figures if getattr(f, "anchor", None) == anchor]
        self.figures = [f for f in self.figures if f not in mine]
        return mine

    def t(self, key: str, **fmt) -> str:
        """A message; while a multiple regression is laid out, its ``_multiple`` variant
        when the catalogue has one (``f_yes_multiple``: "the predictors together")."""
        if self.variant and f"{key}_{self.variant}" in CATALOGUE[self.lang]:
            key = f"{key}_{self.variant}"
        return msg(key, self.lang, **fmt)

    def name(self, code: str) -> str:
        """A construct or dimension for a sentence: ``Label (CODE)``.

        In Indonesian a code that is a word (``entertainment``) is left out
        beside its translated label (``Hiburan``); abbreviations (``PI``,
        ``X1``) stay, as theses write them.
        """
        label = self.inst.label_of(code, self.lang)
        if label.lower() == code.lower() or (self.lang == "id" and not is_abbreviation(code)):
            return label
        return f"{label} ({code})"

    def cell(self, code: str) -> str:
        """A construct or dimension in a table row: the code, or in Indonesian the label
        of a code that is a word (see :meth:`name`)."""
        if self.lang == "id" and not is_abbreviation(code):
            return self.inst.label_of(code, self.lang)
        return code

    def names(self, codes) -> str:
        """``A``, ``A and B``, ``A, B and C`` (labels as in :meth:`name`)."""
        return self.joined([self.name(c) for c in codes])

    def joined(self, parts: list[str]) -> str:
        """``a``, ``a and b``, ``a, b and c`` in the report's language."""
        if len(parts) < 2:
            return "".join(parts)
        return f"{', '.join(parts[:-1])} {self.t('and')} {parts[-1]}"

    def sig(self, p: float, symbol: str = "Sig.") -> str:
        """``Sig. = .012 < .05`` / ``Sig. < .001 < .05`` / ``p = .452 > .05``."""
        if p is None or math.isnan(p):
            return f"{symbol} = -"
        text = pval(p)
        cmp = "<" if p < self.s.alpha else (">" if p > self.s.alpha else "=")
        head = f"{symbol} {text}" if text.startswith("<") else f"{symbol} = {text}"
        return f"{head} {cmp} {self.alpha}"

    def add(self, title: str, blocks: Iterable, level: int = 1) -> None:
        self.sections.append(Section(title, tuple(b for b in blocks if b is not None), level))

    def table(self, key: str, columns: list[str], rows: list, note: str | None = None,
              left: int = 1, tail: int = 0, **fmt) -> Table:
        """A table titled by the message ``key`` (see :func:`make_table`)."""
        cols = [self.t(c) if c.startswith("col_") else c for c in columns]
        return make_table(self.t(key, **fmt), cols, rows, note, left, tail)

    def document(self, figures: tuple) -> Document:
        from .blocks_descriptives import describe_sections, hypothesis_section
        from .blocks_paths import path_sections
        from .blocks import screening_blocks
        from .blocks_bootstrap import bootstrap_section
        from .blocks_groups import group_sections

        self.figures = list(figures)
        self.sample()
        if getattr(self.s, "screening", None) is not None:
            self.add(self.t("sec_screening"), screening_blocks(
                self, self.s.screening, tuple(self.s.excluded_rows), self.s.n))
        describe_sections(self)
        self.validity()
        self.reliability()
        self.drop_log()
        self.normality()
        for i, m in enumerate(self.s.models, 1):
            self.model(i, m)
        self.skipped_models()
        if self.s.models:
            self.assumptions()
        self.contributions()
        hypothesis_section(self)
        path_sections(self)
        bootstrap_section(self)
        self.categories()
        if getattr(self.s, "groups", None) is not None:
            group_sections(self, self.s.groups)
        if self.figures:
            self.add(self.t("sec_figures"), self.figures)
        self.provenance()
        inst, resp = self.inst, self.s.responses
        title = (inst.title_id or inst.title) if self.lang == "id" else inst.title
        source = base_name(resp.source) if resp.source else self.t("source_none")
        subtitle = self.t("subtitle", file=source, instrument=inst.name)
        return Document(title, subtitle, tuple(self.sections), self.lang)

    # -------------------------------------------------------------- sections

    def sample(self) -> None:
        from .blocks import missing_blocks

        r = self.s.responses
        cols = ["col_rows_read", "col_rows_dropped", "col_n_used"]
        row = [whole(r.n_read), whole(r.n_dropped), whole(r.n)]
        if self.s.excluded_rows:         # --exclude-flagged: read = dropped + flagged + used
            cols.insert(2, "col_rows_flagged")
            row.insert(2, whole(len(self.s.excluded_rows)))
        blocks = [self.table("sample_table", cols, [tuple(row)], left=0)]
        blocks += missing_blocks(self, r)
        from .notes_blocks import note_blocks

        blocks += note_blocks(self)
        self.add(self.t("sec_sample"), blocks)

    def validity(self) -> None:
        vals = self.s.validity
        first = next(iter(vals.values()), None)
        if first is None:
            return
        judge = self.t(f"judge_{first.judge}")
        self.add(self.t("sec_validity"), [Paragraph(self.t(
            "validity_method", alpha=level(first.alpha), tails=self.t(f"tails_{first.tails}"),
            df=first.n - 2, r_table=prop(first.r_table, 4), judge=judge))])
        for code, val in vals.items():
            recs = records(val.table)
            rows = [(r["item"], prop(r["r"]), prop(r["r_corrected"]), prop(r["r_table"], 4),
                     pval(r["p_value"]), self.t("valid" if r["valid"] else "invalid"))
                    for r in recs]
            table = self.table("validity_table", ["col_item", "col_r", "col_r_corrected",
                                                  "col_r_table", "col_sig", "col_decision"],
                               rows, tail=1, name=code)
            bad = [str(r["item"]) for r in recs if not r["valid"]]
            fmt = {"k": val.n_items, "name": self.name(code), "r_table": prop(val.r_table, 4),
                   "judge": self.t(f"judge_{val.judge}")}
            text = (self.t("validity_some", n_valid=val.n_valid, bad=", ".join(bad), **fmt)
                    if bad else self.t("validity_all", **fmt))
            self.add(self.name(code), [table, Paragraph(text)] + item_hints(self, code, recs),
                     level=2)

    def _rel_row(self, name: str, rel) -> tuple:
        return (name, prop(rel.alpha), prop(rel.alpha_std), whole(rel.n_items),
                self.t(f"grade_{rel.grade}"),
                self.t("reliable" if rel.reliable else "not_reliable"))

    def _rel_sentence(self, name: str, rel) -> Paragraph:
        key = "reliability_yes" if rel.reliable else "reliability_no"
        return Paragraph(self.t(key, name=name, alpha=prop(rel.alpha),
                                threshold=prop(getattr(rel, "threshold", 0.60), 2)))

    def reliability(self) -> None:
        rels = self.s.reliability
        if not rels:
            return
        threshold = prop(getattr(next(iter(rels.values())), "threshold", 0.60), 2)
        cols = ["col_variable", "col_alpha", "col_alpha_std", "col_n_items", "col_grade",
                "col_decision"]
        summary = self.table("reliability_table", cols,
                             [self._rel_row(c, r) for c, r in rels.items()], tail=2)
        self.add(self.t("sec_reliability"),
                 [Paragraph(self.t("reliability_method", threshold=threshold)), summary]
                 + [self._rel_sentence(self.name(c), r) for c, r in rels.items()])
        for code, rel in rels.items():
            rows = [(r["item"], num(r["scale_mean_if_deleted"]), num(r["scale_var_if_deleted"]),
                     prop(r["r_corrected"]), prop(r["alpha_if_deleted"])) for r in records(rel.items)]
            self.add(self.name(code), [self.table(
                "item_total_table", ["col_item", "col_scale_mean_del", "col_scale_var_del",
                                     "col_corrected_r", "col_alpha_del"], rows, name=code)],
                level=2)
        dims = self.s.dimension_reliability
        if dims:
            cols[0] = "col_dimension"
            table = self.table("dimension_table", cols,
                               [self._rel_row(self.cell(d), r) for d, r in dims.items()], tail=2)
            self.add(self.t("sec_dimensions"), [table] + [
                self._rel_sentence(self.name(d), r) for d, r in dims.items()], level=2)

    def drop_log(self) -> None:
        steps = self.s.drop_steps
        if not steps:
            return
        rows = [(str(i), s.construct, s.item, prop(s.r), prop(s.r_table, 4), prop(s.alpha_after))
                for i, s in enumerate(steps, 1)]
        self.add(self.t("sec_drop"), [Paragraph(self.t("drop_intro")), self.table(
            "drop_table", ["col_step", "col_variable", "col_item", "col_r", "col_r_table",
                           "col_alpha_after"], rows, left=3)])

    def skipped_models(self) -> None:
        gaps = {k[len("model "):]: v for k, v in getattr(self.s, "not_computable", {}).items()
                if k.startswith("model ")}
        if gaps:
            self.add(self.t("sec_models_skipped"), [
                Paragraph(self.t("model_skipped", formula=f, reason=r)) for f, r in gaps.items()])

    def norm_name(self, nr) -> str:
        for i, m in enumerate(self.s.models, 1):
            if m.normality is nr:
                return self.t("residual_of", i=i, formula=m.formula)
        return str(nr.variable)

    def normality_sentence(self, nr) -> str:
        key = "normality_yes" if nr.normal else "normality_no"
        name = self.norm_name(nr)
        if nr.variable in self.inst.constructs:
            name = self.name(nr.variable)
        return self.t(key, name=name, p_text=self.sig(nr.p_value, "p"), display=quoted(nr.display))

    def normality(self) -> None:
        results = self.s.normality
        if not results:
            return
        kolm = any(nr.method == "kolmogorov" for nr in results)
        cols = ["col_variable", "col_n", "col_mean", "col_sd", "col_d_abs", "col_d_pos",
                "col_d_neg"] + (["col_ks_z"] if kolm else []) + [
                "col_asymp", "col_p_accurate", "col_sw_w", "col_sw_p", "col_decision"]
        rows = []
        for nr in results:
            z = [num(nr.z)] if kolm else []
            star = "*" if nr.lower_bound else ""
            rows.append([self.norm_name(nr), whole(nr.n), num(nr.mean), num(nr.sd),
                         prop(nr.statistic), prop(nr.d_plus), prop(nr.d_minus)] + z + [
                         quoted(nr.display) + star, pval(nr.p_value), prop(nr.shapiro_statistic),
                         pval(nr.shapiro_p_value), self.t("normal" if nr.normal else
                                                          "not_normal")])
        notes = [self.t("note_ks")]
        if any(nr.method == "lilliefors" for nr in results):
            notes.append(self.t("note_lilliefors"))
        if any(nr.lower_bound for nr in results):
            notes.append(self.t("note_lower_bound"))
        table = self.table("normality_table", cols, rows, " ".join(notes), tail=1)
        method = "kolmogorov" if kolm else "lilliefors"
        from .notes_blocks import normality_disagreement

        intro = self.t(f"normality_method_{method}", alpha=self.alpha)
        self.add(self.t("sec_normality"),
                 [Paragraph(intro + " " + self.t("normality_sw_note")), table]
                 + [p for nr in results for p in (Paragraph(self.normality_sentence(nr)),
                                                  normality_disagreement(self, nr))])

    def model(self, i: int, m) -> None:
        from .blocks import model_blocks

        reg = m.regression
        key = "sec_model_simple" if len(reg.predictors) == 1 else "sec_model_multiple"
        from .notes_blocks import verdict_blocks

        self.variant = "multiple" if len(reg.predictors) > 1 else None
        try:
            blocks = model_blocks(self, reg)
        finally:
            self.variant = None
        self.add(self.t(key, i=i, formula=m.formula),
                 blocks + verdict_blocks(self, m) + self.placed(f"model:{i}"))

    def assumptions(self) -> None:
        from .blocks import assumption_blocks

        self.add(self.t("sec_assumptions"), [])
        for i, m in enumerate(self.s.models, 1):
            self.add(self.t("assumptions_model", i=i, formula=m.formula),
                     assumption_blocks(self, m) + self.placed(f"assumptions:{i}"), level=2)

    def contributions(self) -> None:
        from .blocks import contribution_blocks

        multi = [(i, m) for i, m in enumerate(self.s.models, 1)
                 if len(m.regression.predictors) >= 2
                 and m.regression.contributions is not None]
        if not multi:
            return
        blocks: list = [Paragraph(self.t("contrib_method"))]
        for i, m in multi:
            blocks += contribution_blocks(self, i, m)
        self.add(self.t("sec_contrib"), blocks)

    def categories(self) -> None:
        from .blocks import category_blocks

        cats = list(self.s.categories.items()) + list(self.s.dimension_categories.items())
        if not cats:
            return
        first = cats[0][1]
        self.add(self.t("sec_categories"), [Paragraph(self.t(
            f"cat_method_{first.method}", basis=self.t(f"basis_{first.basis}"),
            levels=first.levels))])
        for name, cat in cats:
            self.add(self.name(name), category_blocks(self, name, cat)
                     + self.placed(f"categories:{name}"), level=2)

    def _cat_setting(self, cat: dict) -> str:
        try:
            return self.t("cat_setting", method=self.t(f"catname_{cat['method']}"),
                          levels=cat["levels"], basis=self.t(f"basis_{cat['basis']}"))
        except KeyError:
            return ", ".join(f"{k} = {v}" for k, v in cat.items())

    def _shown_settings(self):
        """The settings a reader needs, in report order (the JSON echoes all of them)."""
        st = self.s.settings
        keys = ["alpha", "judge", "tails", "drop_invalid", "robust", "normality_method",
                "categories", "score", "lang", "missing", "exclude_flagged"]
        if st.get("by") is not None:
            keys.append("by")
        if st.get("bootstrap"):
            keys += ["bootstrap", "bootstrap_method", "seed"]
        values = dict(st, lang=self.lang)
        return [(k, values[k]) for k in keys if k in values]

    def _setting_row(self, key: str, value) -> tuple[str, str]:
        words = {"judge": "judge_", "tails": "tails_", "score": "score_",
                 "normality_method": "norm_", "missing": "missingname_",
                 "bootstrap_method": "bootmethod_"}
        if key in words:
            value = self.t(words[key] + str(value))
        elif key == "alpha":
            value = level(value)
        elif key == "categories":
            value = self._cat_setting(dict(value))
        elif isinstance(value, bool):
            value = self.t("yes") if value else self.t("no")
        try:
            return self.t(f"prov_{key}"), str(value)
        except KeyError:
            return key, str(value)

    def provenance(self) -> None:
        from .notes_blocks import is_shipped

        inst, resp = self.inst, self.s.responses
        rows = [(self.t("prov_file"), base_name(resp.source) if resp.source
                 else self.t("source_none")),
                (self.t("prov_sha"), resp.sha256 or self.t("none")),
                (self.t("prov_instrument"), inst.name)]
        if inst.source:
            file = base_name(inst.source)
            if is_shipped(inst.source):
                file = self.t("prov_shipped", file=file)
            rows.append((self.t("prov_instrument_file"), file))
        rows += [(self.t("prov_version", package=k), v) for k, v in _versions().items()]
        rows += [self._setting_row(key, value) for key, value in self._shown_settings()]
        self.add(self.t("sec_provenance"),
                 [self.table("prov_table", ["col_entry", "col_value"], rows, left=2)])
