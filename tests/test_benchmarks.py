"""The benchmark harness (benchmarks/run.py) works; nothing here is timed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("smma_bench_run", RUN)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_quick_dry_run_prints_the_plan():
    res = subprocess.run([sys.executable, str(RUN), "--quick", "--dry-run"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    assert res.returncode == 0, res.stderr
    assert "dry run" in res.stdout
    assert "-m smma_stats analyze" in res.stdout
    assert "100k x 30, CSV" in res.stdout
    assert "1M x 30" not in res.stdout  # --quick stops at 100k


def test_writer_gives_likert_items_and_same_bytes_for_same_seed(bench, tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    bench.write_responses(1234, csv=a, seed=7)
    bench.write_responses(1234, csv=b, seed=7)
    assert a.read_bytes() == b.read_bytes()
    frame = pd.read_csv(a)
    assert frame.shape == (1234, 30)
    assert list(frame.columns[:3]) == ["X1.1", "X1.2", "X2.1"]
    assert frame.columns[-1] == "Y4.5"
    assert frame.min().min() >= 1 and frame.max().max() <= 5
    assert frame.nunique().min() >= 3  # items use the scale, not a constant
    # Items of one construct correlate, as real scale items do.
    assert frame[bench.X_ITEMS].corr().values.min() > 0.1


def test_writer_parquet_holds_the_same_numbers(bench, tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    monkeypatch.setattr(bench, "CHUNK", 400)  # three chunks, the last one short
    csv, pq = tmp_path / "r.csv", tmp_path / "r.parquet"
    bench.write_responses(1001, csv=csv, parquet=pq)
    a, b = pd.read_csv(csv), pd.read_parquet(pq)
    assert len(a) == 1001
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


@pytest.mark.parametrize("text, n", [("100k", 100_000), ("1m", 1_000_000),
                                     ("10M", 10_000_000), ("2500", 2_500), ("1.5k", 1_500)])
def test_parse_size(bench, text, n):
    assert bench.parse_size(text) == n


def test_parse_size_rejects_junk(bench):
    import argparse

    with pytest.raises(argparse.ArgumentTypeError):
        bench.parse_size("lots")


def test_pspp_syntax_is_filled_for_the_file(bench, tmp_path):
    csv = tmp_path / "it's.csv"
    syntax = bench.pspp_syntax(csv, ["No", *bench.COLUMNS])
    assert "$" not in syntax
    assert "/FILE='" + str(csv).replace("'", "''") + "'" in syntax
    assert "No A64 X1.1 F8.2" in syntax
    assert "SUM(X1.1 TO X5.2)" in syntax and "SUM(Y1.1 TO Y4.5)" in syntax
    # 10 items on 1..5: the range 10..50 in three equal bands.
    assert "(LO THRU 23.3333=1) (LO THRU 36.6667=2)" in syntax
    assert "(LO THRU 46.6667=1) (LO THRU 73.3333=2)" in syntax


def _row(bench, program, walls, rss_kib, note="", failed=False, inp="sample 101 rows, CSV"):
    return bench.Row(inp, program, ["x"], walls=list(walls), rss_kib=list(rss_kib),
                     cpus=[w * 0.9 for w in walls], note=note, failed=failed)


def test_table_ratios_and_targets(bench):
    rows = [
        _row(bench, bench.OURS, [0.4, 0.5, 0.6], [100_000] * 3),
        _row(bench, bench.PY_PEER, [2.0, 2.0, 3.0], [200_000] * 3),
        _row(bench, bench.FLOOR, [0.2, 0.2, 0.3], [50_000] * 3),
        _row(bench, bench.OURS, [10.0], [800_000], inp="1M x 30, CSV"),
        _row(bench, bench.PY_PEER, [20.0], [900_000], inp="1M x 30, CSV"),
        _row(bench, bench.OURS, [], [], note="failed (exit 1): MemoryError", failed=True,
             inp="10M x 30, CSV"),
    ]
    cells = bench.table_rows(rows)
    header, ours, peer, floor = cells[:4]
    assert header[0] == "input" and len(set(map(len, cells))) == 1
    assert ours[3] == "0.500" and ours[4] == "0.400-0.600" and ours[5] == "-"
    assert peer[5] == "0.25"           # 0.5 / 2.0
    assert peer[9] == "0.50"           # 100000 / 200000 KiB
    assert floor[5] == "2.50"
    assert ours[6] == "0.450"          # CPU seconds
    assert ours[7] == "102"            # 100000 KiB = 102.4 MB
    assert cells[-1][3] == "-" and "MemoryError" in cells[-1][10]

    lines = bench.targets(rows, "sample 101 rows, CSV", "1M x 30, CSV", "10M x 30, CSV")
    assert lines[0] == ("cold analyze <= 0.5 x Python peer: met "
                        "(0.25 x in wall time; 0.25 x in CPU time)")
    assert "NOT met (2.50 x in wall time" in lines[1]
    assert "NOT met (0.50 x in wall time" in lines[2]
    assert lines[3].endswith("NOT met (819 MB)")
    assert lines[4].endswith("NOT met (failed (exit 1): MemoryError)")
    assert bench.targets(rows[:1], "sample 101 rows, CSV", "", "")[2].endswith("not measured")

    md = bench.format_table(cells, markdown=True).splitlines()
    assert md[0].startswith("| input | program |") and md[1].startswith("|---|---|---:")
    assert len(md) == len(cells) + 1
    plain = bench.format_table(cells, markdown=False).splitlines()
    assert set(plain[1]) <= {"-", " "}


def test_measure_reports_exit_code_and_memory(bench, tmp_path):
    env = bench.child_env()
    out, err = tmp_path / "o", tmp_path / "e"
    code, _, rss, why, cpu = bench.measure(
        [sys.executable, "-c", "import sys; sys.exit(3)"], out, err, 60, env)
    assert (code, why) == (3, "") and rss > 0 and cpu > 0
    code, _, _, why, _ = bench.measure(
        [sys.executable, "-c", "import time; time.sleep(60)"], out, err, 0.3, env)
    assert (code, why) == (None, "timeout")
    grab = "import time; b = b'x' * 400_000_000; time.sleep(60)"
    code, _, rss, why, _ = bench.measure([sys.executable, "-c", grab], out, err, 60, env,
                                         max_rss_kib=100_000)
    assert (code, why) == (None, "memory") and rss > 100_000


def test_error_notes_carry_no_folder_names(bench, tmp_path):
    log = tmp_path / "stderr.txt"
    log.write_text("Traceback (most recent call last):\n"
                   f"OSError: cannot read {tmp_path / 'big.csv'} or /usr/lib/x/y.csv\n")
    note = bench._last_line(log)
    assert note == "OSError: cannot read big.csv or y.csv"


def test_snapshot_has_the_installed_layout(bench, tmp_path):
    entry = bench.snapshot_package(tmp_path / "pkg")
    assert (entry / "smma_stats" / "__init__.py").is_file()
    assert (entry / "smma_stats" / "cli.py").is_file()
    # byte-compiled afresh, as pip installs it: one .pyc per module, none stale
    import importlib.util

    sources = sorted(entry.rglob("*.py"))
    assert sources
    for source in sources:
        assert Path(importlib.util.cache_from_source(str(source))).is_file(), source
    assert len(list(entry.rglob("*.pyc"))) == len(sources)
    if (ROOT / "questionnaires").is_dir():
        shipped = sorted(p.name for p in (ROOT / "questionnaires").glob("*.yaml"))
        copied = sorted(p.name for p in (entry / "smma_stats" / "questionnaires").glob("*.yaml"))
        assert copied == shipped
