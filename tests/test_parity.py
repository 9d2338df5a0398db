"""The notebook API takes what the command line takes, and the output format follows the file name."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import smma_stats as sm
from clirun import smma

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "smma_responses.csv"


def test_instrument_by_shipped_name_everywhere():
    inst = sm.load_instrument("smma-instagram")
    assert inst.name == "smma-instagram" and "SMMA" in inst.constructs
    data = sm.read_responses(SAMPLE, "smma-instagram")
    assert data.n == 101 and data.instrument.name == "smma-instagram"


def test_study_has_a_short_repr_and_renders_itself():
    study = sm.analyze(SAMPLE, "smma-instagram")
    text = repr(study)
    assert len(text) < 300 and text.count("\n") == 0
    assert "n=101" in text and "PI ~ SMMA" in text
    assert study.render("text", lang="id").startswith("=")
    assert "Uji Validitas" in study.render("markdown", lang="id")
    with pytest.raises(sm.SmmaError, match="language-neutral"):
        sm.analyze(SAMPLE, "smma-instagram", lang="id")


@pytest.mark.parametrize("name, kind", [("bab4.docx", "docx"), ("r.html", "html"),
                                        ("r.md", "markdown"), ("r.json", "json"),
                                        ("r.txt", "text")])
def test_out_extension_picks_the_format(tmp_path, name, kind):
    out = tmp_path / name
    assert smma("analyze", SAMPLE, "-o", out).exit_code == 0
    data = out.read_bytes()
    if kind == "docx":
        assert zipfile.is_zipfile(out)
    elif kind == "html":
        assert data.startswith(b"<!DOCTYPE html>")
    elif kind == "json":
        assert data.lstrip().startswith(b"{")
    elif kind == "markdown":
        assert data.startswith(b"# ")
    else:
        assert data.startswith(b"=")


def test_format_contradicting_the_extension_is_a_usage_error(tmp_path):
    out = tmp_path / "bab4.docx"
    res = smma("analyze", SAMPLE, "-f", "text", "-o", out)
    assert res.exit_code == 2 and "contradicts the file name bab4.docx" in res.stderr
    assert not out.exists()
    # an unknown extension keeps the plain default or the format given
    assert smma("analyze", SAMPLE, "-f", "markdown", "-o", tmp_path / "r.out").exit_code == 0


def test_version():
    res = smma("--version")
    assert res.exit_code == 0 and sm.__version__ in res.stdout
