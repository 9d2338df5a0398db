"""``python -m smma_stats.synthesis``: write a synthetic response table (CSV or Parquet).

The same as ``smma synthesize``, for a checkout without the ``smma`` script
on the path.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import SmmaError
from . import synthesize, write_responses


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv``, synthesize and write the table; 1 with a one-line error."""
    ap = argparse.ArgumentParser(prog="python -m smma_stats.synthesis",
                                 description="Make a synthetic response table that "
                                             "meets chosen targets.")
    ap.add_argument("--instrument", required=True, help="instrument YAML or shipped name")
    ap.add_argument("--targets", required=True, help="targets YAML")
    ap.add_argument("--n", required=True, type=int, help="number of respondents")
    ap.add_argument("--seed", required=True, type=int, help="random seed")
    ap.add_argument("--out", required=True,
                    help="file to write: CSV, or Parquet when the name ends in .parquet")
    args = ap.parse_args(argv)
    try:
        frame = synthesize(args.instrument, args.n, args.targets, args.seed)
        write_responses(frame, args.out)
    except SmmaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({len(frame)} respondents)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
