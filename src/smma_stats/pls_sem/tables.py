"""Tidy tables of a PLS estimation, in the project's column vocabulary."""

from __future__ import annotations

import math

import numpy as np

from .fit import model_fit
from .measures import block_reliability, cronbach_alpha, composite_reliability, ave, outer_vif
from .structural import adjusted_r2, f_squared, inner_vif

#: Bootstrap columns added to each inferential table.
BOOT = ("se", "t", "p_value", "conf_low", "conf_high")


def boot_lookup(fitted, boot) -> dict:
    """Label -> (se, t, p_value, conf_low, conf_high); NaNs without a bootstrap."""
    nan = (math.nan,) * 5
    if boot is None:
        return {lab: nan for lab in fitted.plan.labels}
    out = {}
    for k, lab in enumerate(fitted.plan.labels):
        vals = (boot.se[k], boot.t[k], boot.p_value[k], boot.conf_low[k], boot.conf_high[k])
        out[lab] = tuple(float(v) for v in vals)
        if not boot.se[k] > 0:
            out[lab] = (0.0, math.nan, math.nan) + out[lab][3:]
    return out


def _inf(look, lab, prefix=""):
    vals = look.get(lab, (math.nan,) * 5)
    return {prefix + k: v for k, v in zip(BOOT, vals)}


def loadings_table(fitted, look, skip=frozenset()):
    import pandas as pd

    m, S, W = fitted.model, fitted.ind.corr, fitted.W
    rows = []
    for j, c in enumerate(m.constructs):
        if c in skip:
            continue
        idx = m.block(c)
        vif = outer_vif(S[np.ix_(idx, idx)])
        for k, i in enumerate(idx):
            lam = float(fitted.L[i, j])
            rows.append({"construct": c, "item": m.columns[i], "mode": m.modes[c],
                         "loading": lam, **_inf(look, ("loading", int(i), j), "loading_"),
                         "weight": float(W[i, j]), **_inf(look, ("weight", int(i), j), "weight_"),
                         "indicator_reliability": lam ** 2, "vif": float(vif[k])})
    return pd.DataFrame(rows)


def reliability_table(fitted, skip=frozenset(), extra=None):
    import pandas as pd

    m = fitted.model
    rows = []
    for j, c in enumerate(m.constructs):
        if c in skip:
            continue
        rel = {"alpha": math.nan, "rho_a": math.nan, "rho_c": math.nan, "ave": math.nan}
        if m.modes[c] == "A":
            idx = m.block(c)
            rel = block_reliability(fitted.ind.corr, fitted.W[:, j], idx, fitted.L[idx, j])
        rows.append({"construct": c, "mode": m.modes[c], **rel})
    for row in extra or []:
        rows.append(row)
    return pd.DataFrame(rows)


def hoc_reliability(fitted, hoc: str, locs) -> dict:
    """Alpha, rho_C and AVE of a repeated-indicators HOC from its LOCs' scores.

    The LOC-HOC correlations (the HOC -> LOC path coefficients) are the
    loadings; rho_A is left undefined because the HOC's weights belong to
    its repeated items, not to the LOC scores.
    """
    pos = {c: j for j, c in enumerate(fitted.model.constructs)}
    idx = [pos[x] for x in locs]
    lam = fitted.C[pos[hoc], idx]
    return {"construct": hoc, "mode": "A", "alpha": cronbach_alpha(fitted.C[np.ix_(idx, idx)]),
            "rho_a": math.nan, "rho_c": composite_reliability(lam), "ave": ave(lam)}


def htmt_table(fitted, look):
    import pandas as pd

    names = fitted.model.constructs
    rows = []
    for k, lab in enumerate(fitted.plan.labels):
        if lab[0] == "htmt":
            rows.append({"a": names[lab[1]], "b": names[lab[2]], "htmt": float(fitted.t0[k]),
                         **_inf(look, lab)})
    return pd.DataFrame(rows, columns=["a", "b", "htmt", *BOOT])


def fornell_larcker_table(fitted, rel, skip=frozenset()):
    import pandas as pd

    names = [c for c in fitted.model.constructs if c not in skip]
    pos = {c: j for j, c in enumerate(fitted.model.constructs)}
    ave_of = dict(zip(rel["construct"], rel["ave"]))
    rows = []
    for a_i, a in enumerate(names):
        row = {"construct": a}
        for b_i, b in enumerate(names):
            if b_i < a_i:
                row[b] = float(fitted.C[pos[a], pos[b]])
            elif b_i == a_i:
                row[b] = math.sqrt(ave_of[a]) if ave_of.get(a, math.nan) >= 0 else math.nan
            else:
                row[b] = math.nan
        rows.append(row)
    return pd.DataFrame(rows)


def cross_loadings_table(fitted, skip=frozenset()):
    import pandas as pd

    L = fitted.L
    names = fitted.model.constructs
    cols = [j for j, c in enumerate(names) if c not in skip]
    rows = [{"item": it, **{names[j]: float(L[i, j]) for j in cols}}
            for i, it in enumerate(fitted.model.columns)]
    return pd.DataFrame(rows)


def paths_table(fitted, look, hoc_paths=frozenset(), alpha: float = 0.05):
    """Paths with bootstrap inference, f2, inner VIF and the decision key.

    ``decision`` is ``"supported"`` when the bootstrap p-value is below
    ``alpha``, ``"not_supported"`` otherwise, None without a bootstrap.
    """
    import pandas as pd

    names = fitted.model.constructs
    f2 = f_squared(fitted.C, fitted.layout)
    vif = inner_vif(fitted.C, fitted.layout)
    rows = []
    for lab in fitted.plan.labels:
        if lab[0] != "path" or (names[lab[1]], names[lab[2]]) in hoc_paths:
            continue
        i, j = lab[1], lab[2]
        inf = _inf(look, lab)
        p = inf["p_value"]
        decision = None if math.isnan(p) else ("supported" if p < alpha else "not_supported")
        rows.append({"from": names[i], "to": names[j], "beta": float(fitted.P[i, j]), **inf,
                     "f2": f2[(i, j)], "vif": vif[(i, j)], "decision": decision})
    return pd.DataFrame(rows, columns=["from", "to", "beta", *BOOT, "f2", "vif", "decision"])


def effects_table(fitted, look):
    import pandas as pd

    names = fitted.model.constructs
    rows = []
    for k, lab in enumerate(fitted.plan.labels):
        if lab[0] not in ("total", "total_indirect", "specific"):
            continue
        if lab[0] == "specific":
            seq = lab[1]
            frm, to = names[seq[0]], names[seq[-1]]
            through = " -> ".join(names[s] for s in seq[1:-1])
            kind = "specific_indirect"
        else:
            frm, to, through, kind = names[lab[1]], names[lab[2]], "", lab[0]
        rows.append({"from": frm, "through": through, "to": to, "kind": kind,
                     "estimate": float(fitted.t0[k]), **_inf(look, lab)})
    return pd.DataFrame(rows, columns=["from", "through", "to", "kind", "estimate", *BOOT])


def r2_table(fitted, look, skip=frozenset()):
    import pandas as pd

    names, n = fitted.model.constructs, fitted.ind.n
    rows = []
    for j, preds in fitted.layout.predecessors:
        if names[j] in skip:
            continue
        r2 = float(fitted.r2[j])
        rows.append({"construct": names[j], "r2": r2, "adj_r2": adjusted_r2(r2, n, len(preds)),
                     **_inf(look, ("r2", j))})
    return pd.DataFrame(rows, columns=["construct", "r2", "adj_r2", *BOOT])


def fit_table(fitted):
    import pandas as pd

    m = fitted.model
    home = np.array([max(j for j, c in enumerate(m.constructs) if m.columns[i] in m.indicators[c])
                     for i in range(len(m.columns))])
    fit = model_fit(fitted.ind.corr, fitted.L, fitted.C, fitted.P, fitted.r2, home,
                    [m.modes[c] for c in m.constructs])
    return pd.DataFrame([{"measure": k, **v} for k, v in fit.items()],
                        columns=["measure", "saturated", "estimated"])


def hoc_table(fitted, look, dimensions, approach):
    """Loadings of each lower-order construct on its higher-order construct."""
    import pandas as pd

    pos = {c: j for j, c in enumerate(fitted.model.constructs)}
    rows = []
    for h, locs in dimensions.items():
        for loc in locs:
            if approach == "repeated_indicators":
                lab = ("path", pos[h], pos[loc])
                est = float(fitted.P[pos[h], pos[loc]])
                w = math.nan
            else:
                i = fitted.model.columns.index(loc)
                lab = ("loading", i, pos[h])
                est = float(fitted.L[i, pos[h]])
                w = float(fitted.W[i, pos[h]])
            rows.append({"construct": h, "dimension": loc, "loading": est, "weight": w,
                         **_inf(look, lab)})
    return pd.DataFrame(rows, columns=["construct", "dimension", "loading", "weight", *BOOT])
