"""The README against the program: every command and option is documented, the
fresh-machine commands are the ones CI runs, the JSON layout names real keys.

Commands and options are discovered from the click group itself, so an option
added to ``smma_stats.cli`` fails here until the README describes it.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from pathlib import Path

import pytest

from smma_stats.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SAMPLE = ROOT / "data" / "sample" / "smma_responses.csv"

TEST_COMMAND = 'python3 -m pip install -e ".[test]" && python3 -m pytest'
ANALYSIS_COMMAND = ("python3 -m pip install -e . && python3 -m smma_stats analyze "
                    "data/sample/smma_responses.csv")


def _commands() -> dict:
    return dict(app.commands)


def _options(command) -> list:
    return [p for p in command.params
            if p.param_type_name == "option" and not getattr(p, "hidden", False)]


def _choices(param) -> list[str] | None:
    """The allowed values of a choice option (click.Choice or an Enum annotation)."""
    kind = getattr(param, "type", None)
    if kind is not None and getattr(kind, "choices", None):
        return [getattr(c, "value", c) for c in kind.choices]
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [m.value for m in annotation]
    return None


def _usage_blocks() -> dict[str, str]:
    """``smma NAME ...`` synopsis lines of "## The command line", by command name."""
    section = README.split("## The command line", 1)[1]
    block = re.search(r"```text\n(.*?)```", section, re.DOTALL).group(1)
    out: dict[str, str] = {}
    name = None
    for line in block.splitlines():
        m = re.match(r"smma (\S+)", line)
        if m:
            name = m.group(1)
            out[name] = line
        elif name and line.strip():
            out[name] += "\n" + line
    return out


def _mentions(text: str, opt: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text) is not None


def test_the_app_has_the_documented_commands():
    assert set(_commands()) >= {"analyze", "validate", "instruments", "init", "synthesize"}


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_and_option_is_in_the_readme(name):
    command = _commands()[name]
    usage = _usage_blocks()
    assert name in usage, f"README's command-line synopsis has no line for `smma {name}`"
    synopsis = usage[name]
    assert f"`smma {name}`" in README, f"README does not describe `smma {name}`"
    for param in command.params:
        if param.param_type_name == "argument":
            assert param.name.upper() in synopsis, (name, param.name)
    missing = []
    for param in _options(command):
        for opt in list(param.opts) + list(param.secondary_opts):
            if opt == "--help":
                continue
            # long forms in this command's synopsis, short aliases anywhere in the README
            where = synopsis if opt.startswith("--") else README
            if not _mentions(where, opt):
                missing.append(opt)
    assert not missing, f"smma {name}: options missing from the README: {missing}"


@pytest.mark.parametrize("name", sorted(_commands()))
def test_readme_lists_no_stale_option_and_every_choice(name):
    command = _commands()[name]
    synopsis = _usage_blocks().get(name, "")
    known = {o for p in _options(command) for o in list(p.opts) + list(p.secondary_opts)}
    stale = set(re.findall(r"(?<![\w-])--[a-z][\w-]*", synopsis)) - known
    assert not stale, f"smma {name}: the README names options the command lacks: {stale}"
    for param in _options(command):
        choices = _choices(param)
        if not choices:
            continue
        m = re.search(rf"{re.escape(param.opts[0])}[ =]([\w|.-]+)", synopsis)
        assert m, (name, param.opts[0])
        assert set(m.group(1).split("|")) == set(choices), (param.opts[0], choices)


def test_readme_fresh_machine_commands_are_verbatim():
    lines = [line.strip() for line in README.splitlines()]
    assert TEST_COMMAND in lines
    assert ANALYSIS_COMMAND in lines


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST_COMMAND in [line.strip() for line in ci.splitlines()]


def test_readme_sample_analysis_runs():
    if not SAMPLE.exists():
        pytest.skip("data/sample/smma_responses.csv is not there yet")
    from click.testing import CliRunner

    result = CliRunner().invoke(app, ["analyze", str(SAMPLE)])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    assert result.exit_code == 0, result.output
    assert "Cronbach" in result.stdout


def _json_keys(value, out: set) -> set:
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            _json_keys(v, out)
    elif isinstance(value, list):
        for v in value:
            _json_keys(v, out)
    return out


def test_readme_json_layout_names_real_keys():
    from smma_stats.study import analyze

    data_dir = Path(__file__).resolve().parent / "data"
    study = analyze(data_dir / "cli_responses.csv", data_dir / "cli_instrument.yaml")
    keys = _json_keys(json.loads(json.dumps(study.to_dict())), set())
    # the shipped sample has attribute columns, so a respondent profile
    sample = analyze(SAMPLE, "smma-instagram")
    keys = _json_keys(json.loads(json.dumps(sample.to_dict())), keys)
    section = README.split("### JSON layout", 1)[1]
    block = re.search(r"```text\n(.*?)```", section, re.DOTALL).group(1)
    documented = set(re.findall(r"\b[a-z][a-z0-9_]*\b", block))
    assert documented, "no keys found in the README's JSON layout"
    assert documented - keys == set(), "README JSON keys the output lacks"


# ------------------------------------------------------------ ARCHITECTURE.md

def _layout_names() -> list[str]:
    """The module paths ARCHITECTURE.md's tables name, in order."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    return re.findall(r"^\| `([\w/]+\.py)` \|", text, flags=re.M)


def test_architecture_names_every_module_once():
    package = ROOT / "src" / "smma_stats"
    modules = sorted(str(p.relative_to(package)) for p in package.rglob("*.py"))
    names = _layout_names()
    assert sorted(set(names)) == modules
    assert len(names) == len(set(names)), "a module is named twice"


def test_architecture_table_pattern_sees_rows():
    # the pattern above must match a row as the document writes it
    assert _layout_names() and "report/plots_moderation.py" in _layout_names()
