"""What ``pip install .`` (not editable) puts in the wheel.

setuptools installs only the packages that ``pyproject.toml`` lists, so a
new subpackage missing from the list works in an editable checkout and fails
with ``ModuleNotFoundError`` after a normal install. These tests read the
list and the tree and fail on any gap.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "smma_stats"


def _setuptools() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["tool"]["setuptools"]


def _subpackages() -> set[str]:
    return {".".join(("smma_stats",) + p.parent.relative_to(PACKAGE).parts)
            for p in PACKAGE.rglob("__init__.py")}


def test_every_subpackage_is_listed():
    listed = set(_setuptools()["packages"])
    assert _subpackages() - listed == set()


def test_every_module_lies_in_a_listed_package():
    listed = set(_setuptools()["packages"])
    stray = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
             if ".".join(("smma_stats",) + p.parent.relative_to(PACKAGE).parts) not in listed]
    assert stray == []


def test_listed_packages_exist():
    dirs = _setuptools()["package-dir"]
    for name in _setuptools()["packages"]:
        root = dirs.get(name)
        path = ROOT / root if root else PACKAGE.parent.joinpath(*name.split("."))
        assert path.is_dir(), name

