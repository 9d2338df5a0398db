"""Time the bootstrap of a mediation model and print one table.

Each row runs ``smma_stats.mediation_analysis`` (or one stage of it) several times in
this process on generated data (X, two mediators, Y; n cases) and gives the
median, minimum and maximum wall time. The first call of each row is a
warm-up and is not counted. The reference target is 5,000 resamples of a
parallel model with two mediators and n = 1,000 in under a second on two
cores.

Rows:

- draws: the resample plan alone (``smma_stats.resampling.resample_plan``),
  the floor every bootstrap of the project shares;
- parallel, percentile: the whole analysis (four regressions, 5,000
  resamples, Sobel tests, tables);
- parallel, BCa: the same with the jackknife for the acceleration;
- serial, percentile: PROCESS model 6 with the same two mediators;
- parallel, percentile, robust: with HC3 standard errors.

Usage::

    python benchmarks/mediation_bench.py                 # n = 1000, B = 5000, 5 runs
    python benchmarks/mediation_bench.py --n 10000 --resamples 10000 --runs 3 --markdown
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from smma_stats.resampling import resample_plan  # noqa: E402
from smma_stats.mediation_analysis import mediation  # noqa: E402


def make_data(n: int, seed: int = 1):
    """X, two mediators and Y with a positive and a negative indirect effect."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    m1 = 0.6 * x + rng.normal(size=n)
    m2 = -0.5 * x + 0.3 * m1 + rng.normal(size=n)
    y = 0.3 * x + 0.5 * m1 + 0.4 * m2 + rng.normal(size=n)
    return pd.DataFrame({"x": x, "m1": m1, "m2": m2, "y": y})


def time_it(fn, runs: int) -> list[float]:
    fn()  # warm-up: imports, caches
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def rows(n: int, resamples: int):
    data = make_data(n)

    def draws():
        blocks, _, _ = resample_plan(n, resamples, 1)
        for _ in blocks:
            pass

    def run(**kw):
        return lambda: mediation(data, "x", ["m1", "m2"], "y", bootstrap=resamples, seed=1, **kw)

    return [("draws only", draws),
            ("parallel, percentile", run()),
            ("parallel, BCa", run(method="bca")),
            ("serial, percentile", run(serial=True)),
            ("parallel, percentile, robust", run(robust=True))]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="cases (default 1000)")
    ap.add_argument("--resamples", type=int, default=5000, help="resamples (default 5000)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per row (default 5)")
    ap.add_argument("--markdown", action="store_true", help="print a markdown table")
    args = ap.parse_args(argv)
    header = ("row", "median s", "min s", "max s")
    table = []
    for name, fn in rows(args.n, args.resamples):
        t = time_it(fn, args.runs)
        table.append((name, f"{statistics.median(t):.3f}", f"{min(t):.3f}", f"{max(t):.3f}"))
    print(f"mediation bootstrap: n = {args.n}, {args.resamples} resamples, two mediators, "
          f"{args.runs} runs, {os.cpu_count()} CPUs")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join(["---"] + ["---:"] * 3) + "|")
        for r in table:
            print("| " + " | ".join(r) + " |")
    else:
        width = max(len(r[0]) for r in table)
        print(f"{header[0]:<{width}}  " + "  ".join(f"{h:>8}" for h in header[1:]))
        for r in table:
            print(f"{r[0]:<{width}}  " + "  ".join(f"{v:>8}" for v in r[1:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
