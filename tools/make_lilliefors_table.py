"""Simulate the null distribution of the Lilliefors statistic and save it as a table.

The table ships as ``src/smma_stats/data/lilliefors_table.npz`` and is what
:func:`smma_stats.ks_normality` interpolates to get an accurate p-value.

For every sample size ``n`` of a grid, ``reps`` normal samples are drawn, each
is standardised with its own mean and SD (n - 1), and the Lilliefors statistic
``D = max(D+, D-)`` is computed. The table stores quantiles of Stephens'
modified statistic ``T = D * (sqrt(n) - 0.01 + 0.85 / sqrt(n))``, whose
distribution hardly changes with ``n``, at a fixed set of upper-tail
probabilities. The smallest simulated ``T`` of each row is kept as the point
where the p-value reaches 1.

D is invariant to location and scale, so standard normal samples suffice.
Every row has its own random stream derived from ``(seed, n)``, so a row does
not depend on the grid or on the number of worker processes.

Usage::

    python tools/make_lilliefors_table.py            # rebuild the shipped table
    python tools/make_lilliefors_table.py --check 60 0.1 0.11 --reps 200000 --seed 7

``--check`` simulates one sample size with an independent seed and prints the
Monte Carlo upper-tail probability of each given D (used for the test goldens).
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from scipy.special import ndtr

SEED = 20240607

# Sample sizes: every n up to 30 (where the distribution moves most with n),
# then a grid that is roughly even in log n. Beyond the last row the modified
# statistic is treated as having reached its limiting distribution.
N_GRID = (list(range(4, 31))
          + [32, 34, 36, 38, 40, 43, 46, 50, 55, 60, 65, 70, 80, 90, 100,
             115, 130, 150, 175, 200, 250, 300, 400, 500, 650, 800, 1000,
             1300, 1600, 2000, 2500, 3200, 4000, 5000, 7000, 10000])

# Upper-tail probabilities at which quantiles are stored: dense in the tail,
# every 0.01 in the body.
LEVELS = np.unique(np.round(np.concatenate([
    [0.001, 0.0015, 0.002, 0.003, 0.004, 0.005, 0.006, 0.008],
    np.arange(0.01, 0.05, 0.0025),
    np.arange(0.05, 0.951, 0.01),
    [0.96, 0.97, 0.98, 0.99, 0.995, 0.998, 0.999],
]), 6))

OUT = Path(__file__).resolve().parents[1] / "src" / "smma_stats" / "data" / "lilliefors_table.npz"


def reps_for(n: int) -> int:
    """Replications per row: more where they are cheap."""
    if n <= 100:
        return 1_000_000
    if n <= 1000:
        return 400_000
    return 200_000


def lilliefors_d(sorted_rows: np.ndarray) -> np.ndarray:
    """Lilliefors D of each row of an array whose rows are sorted ascending."""
    n = sorted_rows.shape[1]
    mean = sorted_rows.mean(axis=1, keepdims=True)
    sd = sorted_rows.std(axis=1, ddof=1, keepdims=True)
    z = sorted_rows - mean
    z /= sd
    cdf = ndtr(z, out=z)
    upper = np.arange(1, n + 1) / n
    lower = np.arange(0, n) / n
    d_plus = (upper - cdf).max(axis=1)
    d_minus = (cdf - lower).max(axis=1)
    return np.maximum(d_plus, d_minus)


def simulate_d(n: int, reps: int, seed: int) -> np.ndarray:
    """``reps`` simulated Lilliefors D values for samples of size ``n``."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, n]))
    chunk = max(1, 2_000_000 // n)
    out = np.empty(reps)
    buf = np.empty((chunk, n))
    done = 0
    while done < reps:
        k = min(chunk, reps - done)
        x = buf[:k]
        rng.standard_normal(out=x)
        x.sort(axis=1)
        out[done:done + k] = lilliefors_d(x)
        done += k
    return out


def stephens_factor(n: int) -> float:
    return np.sqrt(n) - 0.01 + 0.85 / np.sqrt(n)


def table_row(n: int, reps: int, seed: int) -> tuple[int, np.ndarray, float, float]:
    t0 = time.perf_counter()
    t = simulate_d(n, reps, seed) * stephens_factor(n)
    # The quantile at upper-tail probability p is the (1 - p) quantile.
    q = np.quantile(t, 1.0 - LEVELS, method="linear")
    return n, q, float(t.min()), time.perf_counter() - t0


def build(out: Path, seed: int, workers: int, scale: float) -> None:
    grid = sorted(N_GRID, key=lambda n: -n * reps_for(n))  # costly rows first
    rows: dict[int, tuple[np.ndarray, float]] = {}
    reps = {n: max(10_000, int(reps_for(n) * scale)) for n in grid}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(table_row, n, reps[n], seed) for n in grid]
        for fut in futures:
            n, q, tmin, secs = fut.result()
            rows[n] = (q, tmin)
            print(f"n = {n:6d}  reps = {reps[n]:8d}  {secs:7.1f} s", flush=True)
    ns = np.array(sorted(rows), dtype=np.int64)
    np.savez_compressed(
        out,
        n=ns,
        levels=LEVELS,
        quantiles=np.array([rows[n][0] for n in ns]),
        t_min=np.array([rows[n][1] for n in ns]),
        reps=np.array([reps[n] for n in ns], dtype=np.int64),
        seed=np.int64(seed),
        statistic=np.array("D * (sqrt(n) - 0.01 + 0.85 / sqrt(n))"),
    )
    print(f"wrote {out}")


def check(n: int, ds: list[float], reps: int, seed: int) -> None:
    d = simulate_d(n, reps, seed)
    for value in ds:
        p = float(np.mean(d >= value))
        se = np.sqrt(p * (1 - p) / reps)
        print(f"n = {n}  D = {value}  P(D >= d) = {p:.5f}  (MC s.e. {se:.5f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiply every row's replications (e.g. 0.01 for a quick trial)")
    ap.add_argument("--check", nargs="+", type=float, metavar=("N", "D"),
                    help="simulate sample size N and print P(D >= d) for each d")
    ap.add_argument("--reps", type=int, default=200_000, help="replications for --check")
    args = ap.parse_args()
    if args.check:
        check(int(args.check[0]), args.check[1:], args.reps, args.seed)
    else:
        build(args.out, args.seed, args.workers, args.scale)


if __name__ == "__main__":
    main()
