"""Start-up cost: ``import smma_stats`` and ``smma --help`` stay light, and the
lazily exported public names all resolve.

Each check runs in a fresh interpreter, since the test session itself has
imported statsmodels, matplotlib and scipy.stats long before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import smma_stats

SRC = Path(__file__).resolve().parents[1] / "src"
DATA = Path(__file__).resolve().parent / "data"

# Lists the modules that must never load at start-up or in an analysis:
# statsmodels, matplotlib, pingouin, scipy.stats, scipy.integrate and
# scipy.optimize. An analysis loads pandas and scipy.special (every p-value);
# `import smma_stats` and `smma --help` load neither.
PROBE = """
import json, sys
{body}
heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('statsmodels', 'matplotlib',
               'pingouin') or m.split('.')[:2] in (['scipy', 'stats'], ['scipy', 'integrate'],
               ['scipy', 'optimize']))
print(json.dumps({{"heavy": heavy, "pandas": "pandas" in sys.modules,
                  "numpy": "numpy" in sys.modules, "scipy": "scipy" in sys.modules,
                  "pydantic": "pydantic" in sys.modules}}))
"""


def _python(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    path = os.pathsep.join([str(SRC)] + [p for p in [os.environ.get("PYTHONPATH")] if p])
    env = dict(os.environ, PYTHONPATH=path, MPLBACKEND="Agg")
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env,
                          check=check, timeout=120)


def _probe(body: str) -> dict:
    out = _python("-c", PROBE.format(body=body))
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_smma_stats_is_light():
    found = _probe("import smma_stats")
    assert found["heavy"] == []


def test_help_is_light():
    body = ("from smma_stats.cli import main\n"
            "sys.argv = ['smma', '--help']\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code in (0, None)\n")
    found = _probe(body)
    assert found["heavy"] == []
    # the help screen needs neither the data stack nor a validation library
    assert (found["pandas"], found["numpy"], found["scipy"], found["pydantic"]) == (
        False, False, False, False)


def test_resolving_every_public_name_imports_nothing_heavy():
    found = _probe("import smma_stats\nfor n in smma_stats.__all__: getattr(smma_stats, n)")
    assert found["heavy"] == []


def test_an_analysis_uses_no_heavy_library():
    body = ("from smma_stats.cli import main\n"
            f"sys.argv = ['smma', 'analyze', {str(DATA / 'cli_responses.csv')!r}, '-i', "
            f"{str(DATA / 'cli_instrument.yaml')!r}, '--format', 'json']\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code in (0, None)\n")
    found = _probe(body)
    assert found["heavy"] == []
    assert found["pydantic"] is False


def test_the_distributions_load_scipy_special_only():
    code = ("import sys, smma_stats.distributions\n"
            "print(sorted(m.split('.')[1] for m in sys.modules if m.count('.') == 1\n"
            "             and m.split('.')[0] == 'scipy' and not m.split('.')[1].startswith('_')))")
    loaded = _python("-c", code).stdout.strip()
    # scipy.version is scipy's own start-up; no stats, integrate or optimize
    assert loaded == "['special', 'version']"


def test_python_m_smma_stats_help():
    out = _python("-m", "smma_stats", "--help")
    for command in ("analyze", "validate", "instruments", "init", "synthesize"):
        assert command in out.stdout
    assert "Traceback" not in out.stderr


def test_python_m_smma_stats_reports_a_user_error_in_one_line(tmp_path):
    missing = tmp_path / "missing.csv"
    out = _python("-m", "smma_stats", "analyze", str(missing), check=False)
    assert out.returncode == 1
    assert out.stderr == f"error: {missing}: file not found\n"
    assert out.stdout == ""


@pytest.mark.parametrize("name", smma_stats.__all__)
def test_every_public_name_resolves(name):
    value = getattr(smma_stats, name)
    assert value is not None
    if name != "__version__":
        assert getattr(value, "__module__", "").startswith("smma_stats."), name


def test_public_names_are_listed_and_unknown_names_fail():
    assert sorted(dir(smma_stats)) == sorted(smma_stats.__all__)
    assert len(set(smma_stats.__all__)) == len(smma_stats.__all__)
    with pytest.raises(AttributeError, match="no_such_name"):
        smma_stats.no_such_name  # noqa: B018
