"""The core of ``smma analyze``, written plainly with pandas, pingouin and statsmodels.

This is the script a researcher would write by hand: read the file, find
the constructs from the item names (``X1.1`` = construct ``X``), then for
each construct Cronbach's alpha (pingouin) and the item-total
correlations with their p-values, the regression of the last construct on
the others (statsmodels OLS), the Lilliefors test of its residuals and the
low / medium / high counts of every construct score.  It prints one JSON
object.

It does less than ``smma analyze`` (no dimensions, no alpha-if-deleted, no
assumption tests, no report), so the timing comparison favours this peer.

Usage: ``python peer_python.py RESPONSES.csv|RESPONSES.parquet``
"""

from __future__ import annotations

import json
import re
import sys

import numpy as np
import pandas as pd
import pingouin as pg
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.diagnostic import lilliefors

ITEM = re.compile(r"^([A-Za-z]+)(\d+)[._](\d+)$")


def read(path: str) -> pd.DataFrame:
    if path.lower().endswith(".parquet"):
        return pd.read_parquet(path)
    return pd.read_csv(path)


def main(path: str) -> None:
    frame = read(path)
    constructs: dict[str, list[str]] = {}
    for col in frame.columns:
        match = ITEM.match(str(col))
        if match:
            constructs.setdefault(match.group(1), []).append(col)
    if len(constructs) < 2:
        raise SystemExit(f"{path}: need two constructs with items named like X1.1")
    items = frame[[c for cols in constructs.values() for c in cols]].dropna()
    n = len(items)

    df = n - 2
    t_crit = stats.t.ppf(0.975, df)
    r_table = t_crit / np.sqrt(df + t_crit ** 2)

    out: dict = {"n": n, "scales": {}, "categories": {}}
    scores = {}
    for code, cols in constructs.items():
        block = items[cols]
        total = block.sum(axis=1)
        scores[code] = total
        alpha, ci = pg.cronbach_alpha(data=block)
        rows = []
        for col in cols:
            r, p = stats.pearsonr(block[col], total)
            r_corr = np.corrcoef(block[col], total - block[col])[0, 1]
            rows.append({"item": col, "r": r, "r_corrected": r_corr, "p_value": p,
                         "r_table": r_table, "valid": bool(r > r_table)})
        out["scales"][code] = {"alpha": alpha, "conf_low": ci[0], "conf_high": ci[1],
                               "n_items": len(cols), "items": rows}

        # Interval categories on the hypothetical range of a 1-5 scale.
        lo, hi = 1 * len(cols), 5 * len(cols)
        edges = [lo, lo + (hi - lo) / 3, lo + 2 * (hi - lo) / 3, hi]
        cats = pd.cut(total, edges, labels=["low", "medium", "high"], include_lowest=True)
        counts = cats.value_counts().reindex(["low", "medium", "high"])
        out["categories"][code] = {k: int(v) for k, v in counts.items()}

    codes = list(constructs)
    dep, preds = codes[-1], codes[:-1]
    exog = sm.add_constant(pd.DataFrame({c: scores[c] for c in preds}))
    fit = sm.OLS(scores[dep], exog).fit()
    d, p = lilliefors(fit.resid, dist="norm", pvalmethod="table")
    out["regression"] = {
        "dependent": dep, "predictors": preds, "r2": fit.rsquared, "adj_r2": fit.rsquared_adj,
        "f": fit.fvalue, "f_p_value": fit.f_pvalue,
        "coefficients": [{"term": t, "b": fit.params[t], "se": fit.bse[t], "t": fit.tvalues[t],
                          "p_value": fit.pvalues[t]} for t in exog.columns],
        "residual_normality": {"statistic": d, "p_value": p},
    }
    json.dump(out, sys.stdout, default=float)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__.strip().splitlines()[-1])
    main(sys.argv[1])
