"""Writing outputs: never over an input file, atomically, with the user's umask.

Every form of naming the input a user could type is tried (the same name,
``./`` and ``..`` detours, a symbolic link, a hard link): each must be
refused with one line and exit code 1, and the input must keep its bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clirun import smma, user_error
from smma_stats import output
from smma_stats.errors import SmmaError

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def files(tmp_path) -> tuple[Path, Path]:
    """Fresh copies of the CLI fixture: (responses, instrument)."""
    for name in ("cli_responses.csv", "cli_instrument.yaml"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    (tmp_path / "sub").mkdir()
    return tmp_path / "cli_responses.csv", tmp_path / "cli_instrument.yaml"


def _aliases(path: Path) -> dict[str, Path]:
    """Other names of ``path``: relative detours, a symbolic link, a hard link."""
    folder = path.parent
    link = folder / "link.csv"
    link.symlink_to(path.name)
    hard = folder / "hard.csv"
    os.link(path, hard)
    return {"same": path, "dot": folder / "." / path.name,
            "updown": folder / "sub" / ".." / path.name, "symlink": link, "hardlink": hard}


@pytest.mark.parametrize("form", ["same", "dot", "updown", "symlink", "hardlink"])
def test_analyze_refuses_an_out_that_is_the_responses_file(files, form):
    responses, instrument = files
    before = responses.read_bytes()
    target = _aliases(responses)[form]
    line = user_error(smma("analyze", responses, "-i", instrument, "-o", target))
    assert "is the input file" in line and "--out" in line
    assert responses.read_bytes() == before


def test_analyze_refuses_an_out_that_is_the_instrument(files):
    responses, instrument = files
    before = instrument.read_bytes()
    line = user_error(smma("analyze", responses, "-i", instrument, "-o",
                           instrument.parent / "sub" / ".." / instrument.name))
    assert "is the input file" in line
    assert instrument.read_bytes() == before


def test_analyze_refuses_a_relative_out_naming_the_input(files, monkeypatch):
    responses, instrument = files
    before = responses.read_bytes()
    monkeypatch.chdir(responses.parent / "sub")
    line = user_error(smma("analyze", "../cli_responses.csv", "-i", instrument,
                           "-o", "../cli_responses.csv"))
    assert "is the input file" in line
    assert responses.read_bytes() == before


def test_plots_folder_is_refused_when_a_figure_would_replace_the_input(files):
    responses, instrument = files
    # a responses file named as one of the figures, in the --plots folder
    victim = responses.parent / "categories_BC.png"
    victim.write_bytes(responses.read_bytes())
    before = victim.read_bytes()
    line = user_error(smma("analyze", victim, "-i", instrument, "--plots", responses.parent))
    assert "--plots" in line and "is the input file" in line
    assert victim.read_bytes() == before


def test_init_refuses_to_write_over_the_responses_even_with_force(files):
    responses, _ = files
    before = responses.read_bytes()
    for target in (responses, responses.parent / "sub" / ".." / responses.name):
        line = user_error(smma("init", responses, "-o", target, "--force"))
        assert "is the input file" in line
    assert responses.read_bytes() == before


def test_synthesize_refuses_to_write_over_the_instrument(files):
    _, instrument = files
    before = instrument.read_bytes()
    line = user_error(smma("synthesize", "-i", instrument, "--n", 20, "-o", instrument))
    assert "is the input file" in line
    assert instrument.read_bytes() == before


def test_an_out_beside_the_input_is_written(files):
    responses, instrument = files
    out = responses.parent / "sub" / "report.txt"
    result = smma("analyze", responses, "-i", instrument, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").strip()


def test_written_files_take_the_umask_mode(files):
    responses, instrument = files
    old = os.umask(0o022)
    try:
        out = responses.parent / "report.md"
        assert smma("analyze", responses, "-i", instrument, "-f", "markdown", "-o", out,
                    "--plots", responses.parent / "figs").exit_code == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
    pngs = list((responses.parent / "figs").glob("*.png"))
    assert pngs and all(p.stat().st_mode & 0o777 == 0o644 for p in pngs)


def test_write_atomic_keeps_the_old_file_when_the_replace_fails(tmp_path, monkeypatch):
    out = tmp_path / "report.html"
    out.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    with pytest.raises(SmmaError, match="No space left on device"):
        output.write_atomic(out, "new")
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_write_atomic_removes_the_partial_file_when_the_writer_fails(tmp_path):
    def writer(fh):
        fh.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(SmmaError, match="cannot write"):
        output.write_atomic(tmp_path / "x.parquet", writer)
    assert list(tmp_path.iterdir()) == []


def test_same_file_sees_through_links(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("x")
    os.link(a, tmp_path / "b.csv")
    (tmp_path / "c.csv").symlink_to(a)
    assert output.same_file(a, tmp_path / "b.csv")
    assert output.same_file(a, tmp_path / "c.csv")
    assert not output.same_file(a, tmp_path / "missing.csv")
    (tmp_path / "d.csv").write_text("x")
    assert not output.same_file(a, tmp_path / "d.csv")


# ------------------------------------------------------------------ standard output

def _full_device_run(args):
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        return subprocess.run([sys.executable, "-m", "smma_stats", *map(str, args)],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_full_device_is_one_line_and_exit_1(files, fmt):
    responses, instrument = files
    res = _full_device_run(["analyze", responses, "-i", instrument, "-f", fmt])
    assert res.returncode == 1
    assert res.stderr.strip().splitlines() == [
        "error: cannot write the report to standard output (No space left on device)"]


def test_print_report_turns_a_write_error_into_one_line():
    class Full:
        def write(self, text):
            raise OSError(28, "No space left on device")

        def flush(self):
            pass

    with pytest.raises(SmmaError, match="No space left on device"):
        output.print_report("report", stream=Full())


def test_terminal_escapes_from_the_data_are_shown_escaped(files):
    """A label holding ESC [ 31 m (red) must not reach the terminal as a control code."""
    responses, instrument = files
    text = instrument.read_text(encoding="utf-8")
    assert "label: Brand content" in text
    instrument.write_text(text.replace("label: Brand content",
                                       'label: "Brand\\e[31m content"'), encoding="utf-8")
    for fmt in ("text", "markdown", "html"):
        res = smma("analyze", responses, "-i", instrument, "-f", fmt)
        assert res.exit_code == 0, res.output
        assert "\x1b" not in res.stdout and "Brand\\x1b" in res.stdout


def test_an_out_under_a_file_names_the_file(tmp_path):
    (tmp_path / "f").write_text("x")
    res = smma("synthesize", "-i", "smma-instagram", "--n", 20, "-o", tmp_path / "f" / "x.csv")
    line = user_error(res)
    assert "is a file, not a folder" in line and "Traceback" not in res.output


def test_the_program_flushes_everything_before_it_ends(files, tmp_path):
    """``python -m smma_stats`` ends the process without interpreter shutdown
    (cli.run): the report on standard output and the file it writes are whole."""
    import json
    import subprocess
    import sys

    responses, instrument = files
    args = [sys.executable, "-m", "smma_stats", "analyze", str(responses), "-i", str(instrument)]
    piped = subprocess.run(args + ["-f", "json"], capture_output=True, text=True, timeout=120)
    assert piped.returncode == 0, piped.stderr
    study = json.loads(piped.stdout)
    target = tmp_path / "report.json"
    written = subprocess.run(args + ["-o", str(target)], capture_output=True, text=True,
                             timeout=120)
    assert written.returncode == 0, written.stderr
    assert json.loads(target.read_text(encoding="utf-8")).keys() == study.keys()
    failed = subprocess.run(args[:4] + [str(tmp_path / "missing.csv")], capture_output=True,
                            text=True, timeout=120)
    assert failed.returncode == 1 and failed.stderr.startswith("error: ")
