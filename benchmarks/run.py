#!/usr/bin/env python3
"""Wall time and peak memory of ``smma analyze`` beside its peers.

Every program runs as its own process, several times in this one
invocation; each row of the table is the median (and min-max) of those
runs.  Wall time is measured around the whole process, start-up included;
peak memory is the process's own maximum resident set size, read from
``os.wait4`` for that child alone.

Rows, for each input file:

- ``smma analyze FILE --format json`` (this project; no plots);
- the Python peer, ``peer_python.py`` (pandas + pingouin + statsmodels);
- the R peer, ``peer_r.R`` (read.csv, psych::alpha, lm, nortest), when
  ``Rscript`` is on PATH;
- the PSPP peer, syntax made from ``peer_pspp.sps`` for the file, when
  ``pspp`` is on PATH;
- for the 101-row sample only, the floor ``python -c "import pandas"``.

The ratio columns are this project's median divided by the row's median:
0.40 beside a peer means ``smma analyze`` took 40% of the peer's time.

Large inputs (10 + 20 five-point items, ``X1.1..X5.2`` and
``Y1.1..Y4.5``) are written by a vectorised numpy writer into a temporary
folder, removed on exit, as CSV and (with pyarrow) Parquet.

Examples
--------
    python benchmarks/run.py --quick            # sample + 100k, 3 runs each (< 2 min)
    python benchmarks/run.py                    # sample + 100k + 1M, 5 runs each
    python benchmarks/run.py --full --markdown  # + 10M, as a markdown table
    python benchmarks/run.py --sizes 1m --runs 3 --no-peers
    python benchmarks/run.py --quick --dry-run  # check the set-up, time nothing
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "data" / "sample" / "smma_responses.csv"

X_ITEMS = [f"X{d}.{i}" for d in range(1, 6) for i in range(1, 3)]
Y_ITEMS = [f"Y{d}.{i}" for d in range(1, 5) for i in range(1, 6)]
COLUMNS = X_ITEMS + Y_ITEMS
ITEM = re.compile(r"^([A-Za-z]+)(\d+)[._](\d+)$")

CHUNK = 500_000
SEED = 2025

TARGET_COLD_PEER = 0.5      # cold analyze <= 0.5 x the Python peer
TARGET_COLD_FLOOR = 2.0     # cold analyze <= 2 x `python -c "import pandas"`
TARGET_1M_PEER = 0.4        # 1M x 30 CSV <= 0.4 x the Python peer
TARGET_1M_RSS_MB = 600.0
TARGET_10M_RSS_MB = 1500.0

OURS = "smma analyze"
PY_PEER = "Python peer (pandas+pingouin+statsmodels)"
R_PEER = "R peer (psych, nortest, lm)"
PSPP_PEER = "PSPP peer"
FLOOR = 'floor: python -c "import pandas"'


# --------------------------------------------------------------------- data

def _items_chunk(rng, m: int):
    """``m`` respondents x 30 five-point items: two correlated latent traits.

    Roughly like the reference study: item mean about 4, alpha about .76
    (10 X items) and .87 (20 Y items), R2 of Y on X about .48.
    """
    import numpy as np

    fx = rng.standard_normal(m)
    fy = 0.85 * fx + 0.527 * rng.standard_normal(m)
    x = 4.1 + 0.75 * (0.55 * fx[:, None] + 0.85 * rng.standard_normal((m, len(X_ITEMS))))
    y = 4.0 + 0.75 * (0.55 * fy[:, None] + 0.85 * rng.standard_normal((m, len(Y_ITEMS))))
    return np.rint(np.hstack([x, y])).clip(1, 5).astype(np.uint8)


def write_responses(n: int, csv: Path | None = None, parquet: Path | None = None,
                    seed: int = SEED) -> None:
    """Write ``n`` synthetic respondents to ``csv`` and/or ``parquet``.

    Items are single digits, so each CSV line is built as a fixed-width
    byte row (digit, comma, digit, ..., newline) without any formatting
    loop.  The same ``n`` and ``seed`` give the same bytes.
    """
    import numpy as np

    width = 2 * len(COLUMNS)
    with contextlib.ExitStack() as stack:
        csv_fh = stack.enter_context(open(csv, "wb")) if csv else None
        pq_writer = None
        if csv_fh:
            csv_fh.write((",".join(COLUMNS) + "\n").encode("ascii"))
        if parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = pa.schema([(c, pa.int64()) for c in COLUMNS])
            pq_writer = stack.enter_context(pq.ParquetWriter(parquet, schema))
        for index, start in enumerate(range(0, n, CHUNK)):
            m = min(CHUNK, n - start)
            items = _items_chunk(np.random.default_rng([seed, index]), m)
            if csv_fh:
                buf = np.empty((m, width), dtype=np.uint8)
                buf[:, 0::2] = items + ord("0")
                buf[:, 1::2] = ord(",")
                buf[:, -1] = ord("\n")
                csv_fh.write(memoryview(buf))
            if pq_writer is not None:
                pq_writer.write_table(pa.Table.from_arrays(
                    [pa.array(items[:, j].astype(np.int64)) for j in range(len(COLUMNS))],
                    schema=schema))


def parse_size(text: str) -> int:
    """``"100k"`` -> 100000, ``"1m"`` -> 1000000, ``"250000"`` -> 250000."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use e.g. 100k, 1m, 10m)")
    value = float(match.group(1)) * {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    if value < 10 or value != int(value):
        raise argparse.ArgumentTypeError(f"not a usable number of respondents: {text!r}")
    return int(value)


def size_label(n: int) -> str:
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


# --------------------------------------------------------------- PSPP peer

def constructs_of(columns) -> dict[str, list[str]]:
    """Item columns grouped by construct letter, in file order."""
    out: dict[str, list[str]] = {}
    for col in columns:
        match = ITEM.match(col)
        if match:
            out.setdefault(match.group(1), []).append(col)
    return out


def pspp_syntax(csv: Path, columns: list[str]) -> str:
    """PSPP syntax for ``csv`` (first and last construct), from peer_pspp.sps."""
    groups = constructs_of(columns)
    if len(groups) < 2:
        raise ValueError(f"{csv.name}: need two constructs with items named like X1.1")
    pairs = list(groups.items())
    (x_code, xs), (y_code, ys) = pairs[0], pairs[-1]
    items = set(xs) | set(ys)
    # Non-item columns are read as text so any attribute column loads.
    variables = " ".join(f"{c} F8.2" if c in items else f"{_pspp_name(c, i)} A64"
                         for i, c in enumerate(columns))

    def cuts(k: int) -> tuple[str, str]:
        lo, hi = 1 * k, 5 * k
        return f"{lo + (hi - lo) / 3:.4f}", f"{lo + 2 * (hi - lo) / 3:.4f}"

    (x_cut1, x_cut2), (y_cut1, y_cut2) = cuts(len(xs)), cuts(len(ys))
    template = string.Template((HERE / "peer_pspp.sps").read_text(encoding="utf-8"))
    return template.substitute(
        file=str(csv).replace("'", "''"), variables=variables,
        x_code=x_code, y_code=y_code, x_first=xs[0], x_last=xs[-1],
        y_first=ys[0], y_last=ys[-1], x_cut1=x_cut1, x_cut2=x_cut2,
        y_cut1=y_cut1, y_cut2=y_cut2)


def _pspp_name(col: str, index: int) -> str:
    name = re.sub(r"[^A-Za-z0-9_]", "_", col)
    return name if name[:1].isalpha() else f"V{index}_{name}"


# -------------------------------------------------------------- measuring

@dataclass
class Row:
    """One program on one input: the runs measured and anything to note."""

    input: str
    program: str
    argv: list[str]
    walls: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    note: str = ""
    failed: bool = False
    json_out: bool = False

    @property
    def wall(self) -> float | None:
        return statistics.median(self.walls) if self.walls and not self.failed else None

    @property
    def cpu(self) -> float | None:
        return statistics.median(self.cpus) if self.cpus and not self.failed else None

    @property
    def rss_mb(self) -> float | None:
        if not self.rss_kib or self.failed:
            return None
        return statistics.median(self.rss_kib) * 1024 / 1e6


def child_env(src: Path | None = None) -> dict[str, str]:
    """The environment of every child: ``src`` (default the checkout's) first on the path."""
    env = dict(os.environ)
    src = str(src or ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["MPLBACKEND"] = "Agg"
    return env


def _rss_kib(pid: int) -> int:
    """Current resident set size of ``pid`` in KiB (0 when unknown)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def measure(argv: list[str], out: Path, err: Path, timeout: float, env: dict[str, str],
            max_rss_kib: int | None = None) -> tuple[int | None, float, int, str, float]:
    """Run ``argv`` once: (exit code, wall s, peak RSS KiB, why it was stopped, CPU s).

    The exit code is None when the run was stopped, for taking longer than
    ``timeout`` seconds or for holding more than ``max_rss_kib`` of memory
    (a guard so a run cannot push a shared machine out of memory); the
    reason is then "timeout" or "memory", else "".  Peak RSS is the
    child's own ``ru_maxrss`` from ``os.wait4``; CPU seconds are its user
    plus system time, which other work on the machine disturbs less than
    wall time.
    """
    reason: list[str] = []
    done = threading.Event()
    with open(out, "wb") as fo, open(err, "wb") as fe:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=fo, stderr=fe, stdin=subprocess.DEVNULL,
                                cwd=ROOT, env=env, start_new_session=True)

        def stop(why: str) -> None:
            # Only reached before the child is reaped (see below), so the
            # process group id still belongs to the child.
            if done.is_set() or reason:
                return
            reason.append(why)
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        def guard() -> None:
            while not done.wait(0.05):
                if max_rss_kib and _rss_kib(proc.pid) > max_rss_kib:
                    stop("memory")
                    return
                if time.perf_counter() - start > timeout:
                    stop("timeout")
                    return

        watcher = threading.Thread(target=guard, daemon=True)
        watcher.start()
        try:
            # Wait without reaping, stop the guard, then reap with wait4.
            os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
            wall = time.perf_counter() - start
        except BaseException:
            stop("interrupted")
            raise
        finally:
            done.set()
            watcher.join()
            if reason and reason[0] == "interrupted":
                proc.wait()
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    if reason:
        return None, wall, usage.ru_maxrss, reason[0], cpu
    return proc.returncode, wall, usage.ru_maxrss, "", cpu


def _last_line(path: Path) -> str:
    """The last line of an error log, without folder names, shortened."""
    try:
        lines = [ln.strip() for ln in path.read_text(errors="replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    if not lines:
        return ""
    line = lines[-1]
    for folder in (path.parent, ROOT / "src", ROOT):
        line = line.replace(str(folder) + os.sep, "")
    line = re.sub(r"(?<![\w.])(?:/[^\s/:'\"()]+)+/([^\s/:'\"()]+)", r"\1", line)
    return line if len(line) <= 100 else line[:97] + "..."


def run_group(rows: list[Row], runs: int, warmup: bool, timeout: float, work: Path,
              env: dict[str, str], log, max_rss_kib: int | None = None) -> None:
    """Measure every row ``runs`` times, round-robin so drift hits all rows alike."""
    out, err = work / "stdout.txt", work / "stderr.txt"

    def once(row: Row, timed: bool) -> None:
        code, wall, rss, why, cpu = measure(row.argv, out, err, timeout, env, max_rss_kib)
        if why == "timeout":
            row.failed, row.note = True, f"stopped: still running after {timeout:.0f} s"
        elif why == "memory":
            row.failed = True
            row.note = (f"stopped: memory above {max_rss_kib * 1024 / 1e9:.1f} GB "
                        f"after {wall:.0f} s")
        elif code != 0:
            row.failed = True
            row.note = f"failed (exit {code}): {_last_line(err)}"
        elif row.json_out and not row.walls:
            try:
                json.loads(out.read_text(encoding="utf-8"))
            except ValueError:
                row.failed, row.note = True, "output is not JSON"
        if timed and not row.failed:
            row.walls.append(wall)
            row.rss_kib.append(rss)
            row.cpus.append(cpu)
        log(f"  {row.program:<44} {wall:8.3f} s {cpu:8.3f} s CPU {rss / 1024:8.1f} MiB"
            f"{'  (warm-up)' if not timed else ''}{'  ' + row.note if row.failed else ''}")

    if warmup:
        for row in rows:
            once(row, timed=False)
    for _ in range(runs):
        for row in rows:
            if not row.failed:
                once(row, timed=True)


# ------------------------------------------------------------------ output

def _num(x: float | None, digits: int = 3) -> str:
    if x is None:
        return "-"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.{digits}f}"


def table_rows(rows: list[Row]) -> list[list[str]]:
    """The cells of the one results table (header first)."""
    header = ["input", "program", "runs", "wall s (median)", "wall min-max",
              "time ratio", "CPU s (median)", "peak RSS MB (median)", "RSS min-max",
              "RSS ratio", "note"]
    cells = [header]
    ours: dict[str, Row] = {r.input: r for r in rows if r.program == OURS}
    for r in rows:
        base = ours.get(r.input)
        t_ratio = m_ratio = "-"
        if r.program != OURS and base and base.wall and r.wall:
            t_ratio = f"{base.wall / r.wall:.2f}"
        if r.program != OURS and base and base.rss_mb and r.rss_mb:
            m_ratio = f"{base.rss_mb / r.rss_mb:.2f}"
        ok = bool(r.walls) and not r.failed
        mb = [k * 1024 / 1e6 for k in r.rss_kib]
        cells.append([
            r.input, r.program, str(len(r.walls)) if ok else "0",
            _num(r.wall), f"{_num(min(r.walls))}-{_num(max(r.walls))}" if ok else "-",
            t_ratio, _num(r.cpu),
            _num(r.rss_mb, 0), f"{_num(min(mb), 0)}-{_num(max(mb), 0)}" if ok else "-",
            m_ratio, r.note,
        ])
    return cells


def format_table(cells: list[list[str]], markdown: bool) -> str:
    numeric = {2, 3, 4, 5, 6, 7, 8, 9}
    if markdown:
        esc = [[c.replace("|", "\\|") for c in row] for row in cells]
        lines = ["| " + " | ".join(esc[0]) + " |",
                 "|" + "|".join("---:" if i in numeric else "---"
                                for i in range(len(esc[0]))) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in esc[1:]]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    out = []
    for j, row in enumerate(cells):
        parts = [c.rjust(widths[i]) if i in numeric and j else c.ljust(widths[i])
                 for i, c in enumerate(row)]
        out.append("  ".join(parts).rstrip())
        if j == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def targets(rows: list[Row], sample_input: str, inputs_1m: str, inputs_10m: str) -> list[str]:
    """One line per target: met, NOT met, or not measured.

    Time targets are judged on median wall time; the CPU-time ratio is
    printed beside it because it is steadier on a busy machine.
    """
    find = {(r.input, r.program): r for r in rows}

    def compare(name: str, inp: str, other: str, limit: float) -> str:
        ours, peer = find.get((inp, OURS)), find.get((inp, other))
        if ours and ours.failed:
            return f"{name}: NOT met ({ours.note})"
        if not (ours and ours.wall and peer and peer.wall):
            return f"{name}: not measured"
        ratio = ours.wall / peer.wall
        cpu = (f"; {ours.cpu / peer.cpu:.2f} x in CPU time"
               if ours.cpu and peer.cpu else "")
        return (f"{name}: {'met' if ratio <= limit else 'NOT met'} "
                f"({ratio:.2f} x in wall time{cpu})")

    def memory(name: str, inp: str, limit_mb: float) -> str:
        ours = find.get((inp, OURS))
        if ours and ours.failed:
            return f"{name}: NOT met ({ours.note})"
        if not (ours and ours.rss_mb):
            return f"{name}: not measured"
        return f"{name}: {'met' if ours.rss_mb <= limit_mb else 'NOT met'} ({ours.rss_mb:.0f} MB)"

    return [
        compare(f"cold analyze <= {TARGET_COLD_PEER:g} x Python peer", sample_input, PY_PEER,
                TARGET_COLD_PEER),
        compare(f'cold analyze <= {TARGET_COLD_FLOOR:g} x `python -c "import pandas"`',
                sample_input, FLOOR, TARGET_COLD_FLOOR),
        compare(f"1M x 30 CSV <= {TARGET_1M_PEER:g} x Python peer time", inputs_1m, PY_PEER,
                TARGET_1M_PEER),
        memory(f"1M x 30 CSV peak RSS <= {TARGET_1M_RSS_MB:.0f} MB", inputs_1m,
               TARGET_1M_RSS_MB),
        memory(f"10M x 30 CSV completes under {TARGET_10M_RSS_MB / 1000:g} GB", inputs_10m,
               TARGET_10M_RSS_MB),
    ]


def _load(value: float | None = None) -> str:
    if value is None:
        try:
            value = os.getloadavg()[0]
        except (AttributeError, OSError):
            return "unknown"
    return f"{value:.2f}"


def machine(load_start: float | None = None) -> list[str]:
    """Machine and software versions, one ``key: value`` line each."""
    def read(path: str) -> str:
        try:
            return Path(path).read_text()
        except OSError:
            return ""

    cpu = re.search(r"^model name\s*:\s*(.+)$", read("/proc/cpuinfo"), re.MULTILINE)
    mem = re.search(r"^MemTotal:\s*(\d+)\s*kB", read("/proc/meminfo"), re.MULTILINE)
    try:
        ncpu = len(os.sched_getaffinity(0))
    except AttributeError:
        ncpu = os.cpu_count() or 0
    lines = [
        (f"CPU: {cpu.group(1).strip() if cpu else platform.processor() or 'unknown'}, "
         f"{ncpu} cores available"),
        f"memory: {int(mem.group(1)) / 1024 ** 2:.1f} GiB" if mem else "memory: unknown",
        f"OS: {platform.system()} {platform.release()}",
        f"load average (1 min) at start {_load(load_start)}, at end {_load()}",
        f"Python {platform.python_version()}",
    ]
    from importlib import metadata

    vers = []
    for dist in ("smma_stats", "numpy", "pandas", "scipy", "pyarrow", "pingouin",
                 "statsmodels"):
        try:
            vers.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            vers.append(f"{dist} not installed")
    lines.append(", ".join(vers))
    for tool, args in (("Rscript", ["--version"]), ("pspp", ["--version"])):
        exe = shutil.which(tool)
        if not exe:
            lines.append(f"{tool}: not on PATH")
            continue
        try:
            res = subprocess.run([exe, *args], capture_output=True, text=True, timeout=30,
                                 check=False)
            text = (res.stdout + res.stderr).strip().splitlines()
            lines.append(text[0] if text else tool)
        except (OSError, subprocess.SubprocessError):
            lines.append(f"{tool}: version unknown")
    return lines


# -------------------------------------------------------------------- main

def snapshot_package(dest: Path) -> Path:
    """Copy the package (and its shipped instruments) to ``dest``, byte-compiled; return the path entry.

    A long run then measures one version of the code throughout, even if
    the checkout is edited meanwhile. The layout is the installed one:
    instruments in ``smma_stats/questionnaires``.
    """
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    pkg = dest / "smma_stats"
    shutil.copytree(ROOT / "src" / "smma_stats", pkg, ignore=skip)
    shipped = ROOT / "questionnaires"
    if shipped.is_dir() and not (pkg / "questionnaires").exists():
        shutil.copytree(shipped, pkg / "questionnaires", ignore=skip)
    # pip byte-compiles an installed package; do the same, so that no timed run
    # compiles the sources (PYTHONDONTWRITEBYTECODE would make every run do so)
    import compileall

    compileall.compile_dir(str(pkg), quiet=1)
    return dest


def default_max_rss_gb() -> float:
    """10 GB, or 45% of the memory available now if that is less."""
    try:
        text = Path("/proc/meminfo").read_text()
        avail = int(re.search(r"^MemAvailable:\s*(\d+)", text, re.MULTILINE).group(1)) * 1024 / 1e9
    except (OSError, AttributeError):
        return 10.0
    return min(10.0, 0.45 * avail)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description="Time `smma analyze` (wall time, peak RSS) beside Python, R and PSPP "
                    "peers; one table of medians over several runs.")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true",
                      help="sample + 100k only, 3 runs each (under two minutes)")
    mode.add_argument("--full", action="store_true",
                      help="sample + 100k, 1M and 10M respondents, 3 runs each")
    p.add_argument("--runs", type=int, help="timed runs per row (default 5; 3 with "
                   "--quick or --full, and 1 for inputs of 10M respondents or more)")
    p.add_argument("--sizes", help="large inputs, comma separated, e.g. 100k,1m,10m "
                   "(or 'none'); default 100k,1m")
    p.add_argument("--no-peers", action="store_true",
                   help="time only smma analyze (and the import-pandas floor)")
    p.add_argument("--no-parquet", action="store_true", help="skip the Parquet inputs")
    p.add_argument("--markdown", action="store_true",
                   help="print the table (and notes) as markdown")
    p.add_argument("--timeout", type=float, default=900.0,
                   help="seconds before a single run is stopped (default 900)")
    p.add_argument("--max-rss-gb", type=float,
                   help="stop a run whose memory passes this many GB (default: 10, or 45%% "
                        "of the memory available at start if less)")
    p.add_argument("--no-snapshot", action="store_true",
                   help="run the checkout's package directly instead of a copy taken at "
                        "start")
    p.add_argument("--analyses", action="store_true",
                   help="also time the PLS-SEM and mediation bootstraps (pls_bench.py, "
                        "mediation_bench.py) and print their tables after the main one")
    p.add_argument("--dry-run", action="store_true",
                   help="prepare inputs and print the plan; time nothing")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.runs is not None and args.runs < 1:
        raise SystemExit("--runs must be at least 1")
    runs = args.runs or (3 if (args.quick or args.full) else 5)
    if args.sizes is not None:
        sizes = ([] if args.sizes.strip().lower() in ("", "none", "0")
                 else [parse_size(s) for s in args.sizes.split(",")])
    elif args.quick:
        sizes = [100_000]
    elif args.full:
        sizes = [100_000, 1_000_000, 10_000_000]
    else:
        sizes = [100_000, 1_000_000]

    notes: list[str] = []
    has_parquet = importlib.util.find_spec("pyarrow") is not None
    if not has_parquet and not args.no_parquet:
        notes.append("pyarrow is not installed: Parquet inputs skipped")
    parquet = has_parquet and not args.no_parquet
    has_py_peer = all(importlib.util.find_spec(m) is not None
                      for m in ("pingouin", "statsmodels"))
    rscript, pspp = shutil.which("Rscript"), shutil.which("pspp")
    if not args.no_peers:
        if not has_py_peer:
            notes.append("pingouin or statsmodels is not installed: Python peer skipped")
        if not rscript:
            notes.append("Rscript is not on PATH: R peer skipped")
        if not pspp:
            notes.append("pspp is not on PATH: PSPP peer skipped")
    if args.quick and not args.no_peers and sizes:
        notes.append("--quick: R and PSPP peers run on the sample only")
    if parquet and not args.no_peers:
        notes.append("R and PSPP peers run on CSV only (neither reads Parquet here)")
    notes.append(f"a run is stopped when its memory passes "
                 f"{(args.max_rss_gb or default_max_rss_gb()):.1f} GB or it runs longer "
                 f"than {args.timeout:.0f} s")

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    max_rss_kib = int((args.max_rss_gb or default_max_rss_gb()) * 1e9 / 1024)
    py = sys.executable
    load_start = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="smma-bench-") as tmp:
        work = Path(tmp)
        env = child_env(None if args.no_snapshot else snapshot_package(work / "pkg"))

        if SAMPLE.exists():
            sample, sample_label = SAMPLE, "sample"
        else:
            sample, sample_label = work / "sample_101.csv", "test file"
            write_responses(101, csv=sample)
            notes.append(f"{SAMPLE.relative_to(ROOT)} not found: a generated 101-row "
                         "test file (30 items) stands in for it")
        with open(sample, "rb") as fh:
            n_sample = sum(1 for _ in fh) - 1
        sample_input = f"{sample_label} {n_sample} rows, CSV"

        def group_rows(label: str, path: Path, kind: str, with_floor: bool) -> list[Row]:
            group = [Row(label, OURS, [py, "-m", "smma_stats", "analyze", str(path),
                                       "--format", "json"], json_out=True)]
            if not args.no_peers:
                if has_py_peer:
                    group.append(Row(label, PY_PEER, [py, str(HERE / "peer_python.py"),
                                                      str(path)], json_out=True))
                heavy = not (args.quick and label != sample_input)
                if rscript and kind == "csv" and heavy:
                    group.append(Row(label, R_PEER, [rscript, "--vanilla",
                                                     str(HERE / "peer_r.R"), str(path)]))
                if pspp and kind == "csv" and heavy:
                    sps = work / (re.sub(r"[^A-Za-z0-9]+", "_", label).strip("_") + ".sps")
                    header = path.open(encoding="utf-8-sig").readline().strip().split(",")
                    sps.write_text(pspp_syntax(path, header), encoding="utf-8")
                    group.append(Row(label, PSPP_PEER, [pspp, str(sps)]))
            if with_floor:
                group.append(Row(label, FLOOR, [py, "-c", "import pandas"]))
            return group

        plan = [(sample_input, lambda: (sample, None), "csv", True)]
        labels: dict[int, str] = {}
        sizes_of: dict[str, int] = {}
        for n in sizes:
            stem = work / f"responses_{size_label(n)}"
            csv_label = f"{size_label(n)} x 30, CSV"
            labels[n] = csv_label
            sizes_of[csv_label] = sizes_of[f"{size_label(n)} x 30, Parquet"] = n
            plan.append((csv_label, (lambda n=n, stem=stem: _make(n, stem, parquet)), "csv",
                         False))
            if parquet:
                plan.append((f"{size_label(n)} x 30, Parquet",
                             (lambda stem=stem: (None, stem.with_suffix(".parquet"))),
                             "parquet", False))

        if args.dry_run:
            check = work / "check"
            write_responses(1_000, csv=check.with_suffix(".csv"),
                            parquet=check.with_suffix(".parquet") if parquet else None)
            _check_written(check.with_suffix(".csv"), 1_000)
            print(f"dry run: {runs} run(s) per row; nothing timed")
            for label, _, kind, floor in plan:
                path = sample if label == sample_input else check.with_suffix("." + kind)
                for row in group_rows(label, path, kind, floor):
                    print(f"{label:<24} {row.program:<44} {' '.join(row.argv[1:])}")
            for line in notes:
                print(f"note: {line}")
            return 0

        log(f"{runs} timed run(s) per row; temporary files in a folder removed on exit")
        for label, make, kind, floor in plan:
            log(f"{label}:")
            t0 = time.perf_counter()
            csv, pq = make()
            path = csv if kind == "csv" else pq
            if kind == "csv" and label != sample_input:
                log(f"  (written in {time.perf_counter() - t0:.1f} s)")
            group = group_rows(label, path, kind, floor)
            n_runs = runs
            if args.runs is None and sizes_of.get(label, 0) >= 10_000_000:
                n_runs = 1
            run_group(group, n_runs, warmup=(label == sample_input), timeout=args.timeout,
                      work=work, env=env, log=log, max_rss_kib=max_rss_kib)
            rows.extend(group)
            if kind == "parquet" or (kind == "csv" and not parquet and label != sample_input):
                for f in path.parent.glob(path.stem + ".*"):
                    f.unlink()

    n_1m = labels.get(1_000_000, "")
    n_10m = labels.get(10_000_000, "")
    cells = table_rows(rows)
    verdicts = targets(rows, sample_input, n_1m, n_10m)
    info = machine(load_start)
    # markdown: every line a list item; plain: machine lines bare, the rest labelled
    item, target, note = ("- ", "- ", "- note: ") if args.markdown else ("", "target: ", "note: ")
    for line in info:
        print(item + line)
    print()
    print(format_table(cells, markdown=args.markdown))
    print()
    for line in verdicts:
        print(target + line)
    for line in notes:
        print(note + line)
    if args.analyses:
        for script in ("pls_bench.py", "mediation_bench.py"):
            print()
            extra = ["--markdown"] if args.markdown and script.startswith("mediation") else []
            subprocess.run([sys.executable, str(HERE / script), *extra], check=False,
                           cwd=ROOT)
    return 0


def _make(n: int, stem: Path, parquet: bool) -> tuple[Path, Path | None]:
    """Write the inputs of ``n`` respondents in a separate process.

    Not in this one: on Linux a child's ``ru_maxrss`` starts from the peak
    of the process that started it (the high-water mark carries over the
    exec), so a benchmark process that had held a 10M-row table would floor
    every later reading at its own peak.
    """
    csv = stem.with_suffix(".csv")
    pq = stem.with_suffix(".parquet") if parquet else None
    code = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "from run import write_responses; "
            "write_responses(int(sys.argv[2]), csv=Path(sys.argv[3]), "
            "parquet=Path(sys.argv[4]) if sys.argv[4] else None)")
    subprocess.run([sys.executable, "-c", code, str(HERE), str(n), str(csv),
                    str(pq) if pq else ""], check=True, cwd=HERE)
    return csv, pq


def _check_written(csv: Path, n: int) -> None:
    """Read a generated file back: shape, header and item range."""
    import pandas as pd

    frame = pd.read_csv(csv)
    if list(frame.columns) != COLUMNS or len(frame) != n:
        raise SystemExit(f"generated file has shape {frame.shape}, expected ({n}, 30)")
    if frame.min().min() < 1 or frame.max().max() > 5:
        raise SystemExit("generated items fall outside 1..5")


if __name__ == "__main__":
    sys.exit(main())
