"""What :func:`smma_stats.study.analyze` returns: :class:`StudyResult` and its parts.

``StudyResult.to_dict()`` is the JSON layout ``smma analyze --format json``
prints. A statistic that cannot be computed on the data (a linearity test
when every X value occurs once, a model whose predictors are collinear) is a
:class:`NotComputable` in its place, with the reason; the JSON holds null
there and the reason under ``not_computable``.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from typing import Any, Mapping

from .results import NotComputable, ResultMixin, computable, jsonable
from .screening import missing_summary


@dataclass(frozen=True)
class DropStep:
    """One step of ``drop_invalid``: the item removed and why."""

    construct: str
    item: str
    r: float
    r_table: float
    alpha_after: float


@dataclass(frozen=True)
class ModelResult(ResultMixin):
    """A regression with its classical assumption tests."""

    _title = "Model"
    formula: str
    regression: Any
    normality: Any
    glejser: Any
    breusch_pagan: Any
    white: Any
    runs: Any
    linearity: Any = None  # simple models only
    bootstrap: Any = None  # BootstrapResult when analyze(bootstrap=N)

    def to_dict(self) -> dict:
        return {**{f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)},
                "not_computable": self.not_computable()}

    def not_computable(self) -> dict[str, str]:
        """``{test: reason}`` for each statistic the data could not support."""
        return {f.name: getattr(self, f.name).reason for f in dataclasses.fields(self)
                if isinstance(getattr(self, f.name), NotComputable)}


@dataclass(frozen=True)
class StudyResult(ResultMixin):
    """Everything :func:`analyze` computed, ready for any renderer.

    ``to_dict()`` gives the JSON layout that ``smma analyze --format json``
    prints (keys ``n``, ``n_dropped``, ``scales``, ``normality``,
    ``regressions``, ``categories``, ``screening``, ``groups`` and more).
    ``screening`` is the :class:`~smma_stats.screening.ScreeningResult` of
    the responses read; ``excluded_rows`` the flagged rows left out
    (``exclude_flagged=True``); ``groups`` the
    :class:`~smma_stats.groups.GroupResult` of ``by=``, or None.
    ``bootstrap_alpha`` maps each construct to the
    :class:`~smma_stats.bootstrap.BootstrapResult` of its alpha when
    ``bootstrap=N`` was given (each model's is ``ModelResult.bootstrap``).
    """

    _title = "Study"
    instrument: Any
    responses: Any
    sig_level: float
    validity: Mapping[str, Any]
    reliability: Mapping[str, Any]
    dimension_reliability: Mapping[str, Any]
    normality: tuple
    models: tuple
    categories: Mapping[str, Any]
    dimension_categories: Mapping[str, Any]
    items_used: Mapping[str, tuple]
    drop_steps: tuple = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple = ()
    scores: Any = None
    screening: Any = None
    excluded_rows: tuple = ()
    groups: Any = None
    bootstrap_alpha: Mapping[str, Any] = field(default_factory=dict)
    options: Any = None
    not_computable: Mapping[str, str] = field(default_factory=dict)
    descriptives: Any = None
    hypotheses: Any = None
    mediation: tuple = ()
    moderation: tuple = ()

    @property
    def n(self) -> int:
        return int(self.responses.n)

    @property
    def alpha(self) -> float:
        """The significance level (an older name of :attr:`sig_level`)."""
        return self.sig_level

    def __repr__(self) -> str:
        codes = ", ".join(self.reliability)
        formulas = "; ".join(m.formula for m in self.models) or "none"
        return (f"StudyResult(instrument={self.instrument.name!r}, n={self.n}, "
                f"constructs=[{codes}], models=[{formulas}], sig_level={self.sig_level})")

    def render(self, fmt: str = "text", lang: str = "en", **options) -> str | bytes:
        """The report in one format and language (see :func:`smma_stats.report.render`)."""
        from .report import render

        return render(self, fmt, lang=lang, **options)

    @property
    def regressions(self) -> list:
        return [m.regression for m in self.models]

    def _scales(self) -> dict:
        scales = {}
        for code, rel in self.reliability.items():
            val = self.validity[code].table.set_index("item")
            items = []
            for row in rel.items.to_dict(orient="records"):
                v = val.loc[row["item"]]
                items.append({"item": row["item"], **{k: v[k] for k in _VALIDITY_KEYS},
                              "valid": bool(v["valid"]), **{k: row[k] for k in _ITEM_KEYS}})
            scales[code] = {
                "label": self.instrument.label_of(code),
                "alpha": rel.alpha, "alpha_std": rel.alpha_std, "n_items": rel.n_items,
                "conf_low": rel.conf_low, "conf_high": rel.conf_high,
                "reliable": rel.reliable, "r_table": self.validity[code].r_table,
                "all_valid": self.validity[code].all_valid, "items": items,
                "bootstrap": _bootstrap_dict(self.bootstrap_alpha.get(code)),
            }
        return scales

    def to_dict(self) -> dict:
        resp = self.responses
        out = {
            "instrument": {"name": self.instrument.name, "title": self.instrument.title},
            "source": os.path.basename(resp.source) if resp.source else None,
            "sha256": resp.sha256,
            "n": resp.n,
            "n_read": resp.n_read,
            "n_dropped": resp.n_dropped,
            "dropped_rows": list(resp.dropped_rows),
            "alpha": self.sig_level,
            "sig_level": self.sig_level,
            "scales": self._scales(),
            "dimensions": {k: {"alpha": r.alpha, "alpha_std": r.alpha_std,
                               "n_items": r.n_items}
                           for k, r in self.dimension_reliability.items()},
            "normality": [_normality_dict(nr) for nr in self.normality],
            "regressions": [_regression_dict(m) for m in self.models],
            "categories": {k: _category_rows(c) for k, c in self.categories.items()},
            "category_method": {k: {"method": c.method, "levels": c.levels, "basis": c.basis,
                                    "rule": c.rule}
                                for k, c in self.categories.items()},
            "dimension_categories": {k: _category_rows(c)
                                     for k, c in self.dimension_categories.items()},
            "drop_steps": [dataclasses.asdict(s) for s in self.drop_steps],
            "missing": missing_summary(resp),
            "screening": None,
            "n_excluded": len(self.excluded_rows),
            "excluded_rows": None,
            "groups": self.groups.to_dict() if self.groups is not None else None,
            "bootstrap": _bootstrap_settings(self.settings),
            "settings": dict(self.settings),
            "notes": list(self.notes),
            "not_computable": dict(self.not_computable),
            "descriptives": self.descriptives.to_dict() if self.descriptives else None,
            "hypotheses": _hypotheses_dict(self.hypotheses),
            "mediation": [r.to_dict() for r in self.mediation],
            "moderation": [r.to_dict() for r in self.moderation],
        }
        out = jsonable(out)
        # JSON-safe as built: a large file can have hundreds of thousands of flagged rows
        out["screening"] = self.screening.to_dict() if self.screening is not None else None
        out["excluded_rows"] = [int(r) for r in self.excluded_rows]
        return out

    def summary(self) -> str:
        from .report import render

        return render(self, "text")

    def _repr_html_(self) -> str:
        from .report import render

        return render(self, "html", fragment=True)


def _hypotheses_dict(h) -> list | None:
    """The recap table of the hypothesis decisions, one record per hypothesis."""
    if not computable(h):
        return None
    texts = {x.id: dict(x.text) for x in h.hypotheses}
    return [dict(rec, text=texts.get(rec["hypothesis"], {}))
            for rec in h.table.to_dict(orient="records")]


def _bootstrap_settings(settings: Mapping[str, Any]) -> dict | None:
    if not settings.get("bootstrap"):
        return None
    return {"n_resamples": settings["bootstrap"], "seed": settings["seed"],
            "method": settings["bootstrap_method"], "ci": 1 - settings["sig_level"]}


def _bootstrap_dict(b) -> dict | None:
    """The interval of alpha or R Square, and per coefficient for a model."""
    if b is None:
        return None
    out = {k: getattr(b, k) for k in _BOOTSTRAP_KEYS}
    if b.table is not None:
        out["coefficients"] = b.table.to_dict(orient="records")
    return out


#: What the JSON keeps of each item's validity row, of its reliability row, of a
#: normality result, of a regression and of a bootstrap result, in order.
_VALIDITY_KEYS = ("r", "r_corrected", "r_table", "p_value")
_ITEM_KEYS = ("alpha_if_deleted", "scale_mean_if_deleted", "scale_var_if_deleted", "mean", "sd")
_NORMALITY_KEYS = ("variable", "n", "statistic", "p_value", "method", "display", "p_spss",
                   "lower_bound", "normal", "shapiro_statistic", "shapiro_p_value")
_REGRESSION_KEYS = ("n", "r", "r2", "adj_r2", "se_estimate", "f", "f_p_value", "df_regression",
                    "df_residual", "t_critical", "f_critical", "durbin_watson", "dw_lower",
                    "dw_upper", "dw_decision")
_BOOTSTRAP_KEYS = ("statistic", "estimate", "se", "bias", "conf_low", "conf_high", "n",
                   "n_failed")


def _normality_dict(nr) -> dict | None:
    return {k: getattr(nr, k) for k in _NORMALITY_KEYS} if computable(nr) else None


def _regression_dict(m: ModelResult) -> dict:
    reg = m.regression
    coefs = []
    for row in reg.coefficients.to_dict(orient="records"):
        rec = {k: row.get(k) for k in ("term", "b", "se", "beta", "t", "p_value",
                                      "conf_low", "conf_high", "tolerance", "vif")}
        for extra in ("se_hc3", "t_hc3", "p_value_hc3"):
            if extra in row:
                rec[extra] = row[extra]
        coefs.append(rec)
    out = {
        "formula": m.formula, "dependent": reg.dependent, "predictors": list(reg.predictors),
        **{k: getattr(reg, k) for k in _REGRESSION_KEYS}, "coefficients": coefs,
        "anova": reg.anova.to_dict(orient="records"),
        "contributions": (reg.contributions.to_dict(orient="records")
                          if reg.contributions is not None else None),
        "assumptions": {
            "glejser": _test_dict(m.glejser), "breusch_pagan": _test_dict(m.breusch_pagan),
            "white": _test_dict(m.white), "runs": _test_dict(m.runs),
            "linearity": _test_dict(m.linearity),
            "residual_normality": _normality_dict(m.normality),
        },
        "not_computable": m.not_computable(),
        "bootstrap": _bootstrap_dict(m.bootstrap),
    }
    return out


def _test_dict(t) -> dict | None:
    if not computable(t):
        return None
    return jsonable(t)


def _category_rows(c) -> list[dict]:
    return [{"category": r["category"], "count": int(r["count"]), "percent": r["percent"],
             "lower": r["lower"], "upper": r["upper"]}
            for r in c.table.to_dict(orient="records")]


