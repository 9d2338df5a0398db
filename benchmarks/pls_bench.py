"""PLS-SEM bootstrap speed: smma_stats against the Python PLS packages.

The model is the corporate reputation model of the PLS-SEM primer (COMP,
LIKE -> CUSA, CUSL; CUSA -> CUSL; 10 indicators, n = 344, missing answers
-99 replaced by the item mean once), estimated with path weighting and
bootstrapped with 5,000 resamples.

The peers are pip packages that smma_stats does not depend on; give the
Python of a throwaway environment that has them::

    python -m venv /tmp/plsvenv && /tmp/plsvenv/bin/pip install seminr
    python -m venv /tmp/plspmvenv
    /tmp/plspmvenv/bin/pip install plspm "pandas<2.2" "numpy<2"
    python benchmarks/pls_bench.py --peer-python /tmp/plsvenv/bin/python \
        --plspm-python /tmp/plspmvenv/bin/python

A peer that takes long is run on fewer resamples and its time scaled to
5,000 (the table says so). Wall-clock seconds, best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "pls_corp_rep.csv"
PATHS = ["CUSA ~ COMP + LIKE", "CUSL ~ COMP + LIKE + CUSA"]
MM = {"COMP": ["comp_1", "comp_2", "comp_3"], "LIKE": ["like_1", "like_2", "like_3"],
      "CUSA": ["cusa"], "CUSL": ["cusl_1", "cusl_2", "cusl_3"]}

PRELUDE = f"""
import time, numpy as np, pandas as pd
MM = {MM!r}
COLS = [c for v in MM.values() for c in v]
x = pd.read_csv({str(DATA)!r})[COLS].replace(-99, np.nan)
x = x.fillna(x.mean())
"""

PEERS = {
    "seminr (Python port)": """
import seminr
mm = seminr.constructs(*[seminr.composite(c, items) for c, items in MM.items()])
sm = seminr.relationships(seminr.paths(["COMP", "LIKE"], ["CUSA", "CUSL"]),
                          seminr.paths("CUSA", "CUSL"))
t = time.perf_counter()
m = seminr.estimate_pls(x, mm, sm)
b = seminr.bootstrap_model(m, nboot=B, seed=1, cores=1)
print(time.perf_counter() - t)
""",
    "plspm": """
import plspm.config as c
from plspm.plspm import Plspm
from plspm.scheme import Scheme
from plspm.mode import Mode
names = list(MM)
paths = pd.DataFrame(0, index=names, columns=names)
paths.loc["CUSA", ["COMP", "LIKE"]] = 1
paths.loc["CUSL", ["COMP", "LIKE", "CUSA"]] = 1
cfg = c.Config(paths, scaled=True)
for k, items in MM.items():
    cfg.add_lv(k, Mode.A, *[c.MV(i) for i in items])
t = time.perf_counter()
Plspm(x, cfg, Scheme.PATH, iterations=3000, tolerance=1e-7, bootstrap=True,
      bootstrap_iterations=B, processes=1).bootstrap()
print(time.perf_counter() - t)
""",
}


def ours(n_resamples: int) -> float:
    import numpy as np
    import pandas as pd

    from smma_stats.pls_sem import pls

    x = pd.read_csv(DATA)[[c for v in MM.values() for c in v]].replace(-99, np.nan)
    x = x.fillna(x.mean())
    t = time.perf_counter()
    pls(x, PATHS, measurement=MM, bootstrap=n_resamples, seed=1, predict=False)
    return time.perf_counter() - t


def peer(python: str, code: str, n_resamples: int, timeout: float) -> float | None:
    script = PRELUDE + f"B = {n_resamples}\n" + textwrap.dedent(code)
    try:
        out = subprocess.run([python, "-c", script], capture_output=True, text=True,
                             timeout=timeout, check=True)
    except (subprocess.SubprocessError, OSError) as exc:
        print(f"  peer failed: {str(exc)[:200]}", file=sys.stderr)
        return None
    return float(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resamples", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peer-python", help="Python of an environment with plspm / seminr")
    ap.add_argument("--plspm-python", help="Python for plspm alone (plspm 0.5.7 needs "
                    "pandas < 2.2), default --peer-python")
    ap.add_argument("--peer-resamples", type=int, default=500,
                    help="resamples for the peers (their time is scaled to --resamples)")
    ap.add_argument("--timeout", type=float, default=900)
    args = ap.parse_args(argv)
    rows = [("smma_stats.pls_sem", args.resamples,
             min(ours(args.resamples) for _ in range(args.repeat)))]
    if args.peer_python:
        for name, code in PEERS.items():
            python = args.plspm_python if name == "plspm" and args.plspm_python \
                else args.peer_python
            secs = peer(python, code, args.peer_resamples, args.timeout)
            rows.append((name, args.peer_resamples, secs))
    print(f"| package | resamples run | seconds | seconds per {args.resamples} |")
    print("|---|---:|---:|---:|")
    for name, b, secs in rows:
        if secs is None:
            print(f"| {name} | {b} | failed | - |")
        else:
            print(f"| {name} | {b} | {secs:.2f} | {secs * args.resamples / b:.2f} |")


if __name__ == "__main__":
    main()
