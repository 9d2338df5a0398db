"""The package's layout rules, read from the source with :mod:`ast`.

- No module in ``src/smma_stats`` over 500 lines (the message catalogue,
  ``report/messages.py``, is exempt: it is one table of sentences).
- No function over 60 lines, counted from its first statement after the
  docstring to its last line.
- No import cycle among the package's modules, imports inside functions
  counted too (``from .x import y`` leans on ``x``, or on the module ``x.y``
  when ``y`` is one; the parent packages an import loads are not counted).
- No private name imported from another module: when two modules need a
  name, it is public. Importing a package-private *module* (``from . import
  _chunks`` inside ``readers``) is fine.

Each checker is also run on a few lines written to break it, so that a check
that could never fail would show. ``test_imports.py`` covers what ``smma
--help`` loads; here only ``import smma_stats`` is checked for numpy, pandas
and scipy.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "smma_stats"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
EXEMPT_MODULES = {"smma_stats.report.messages"}


def module_name(path: Path, root: Path = SRC) -> str:
    """Dotted name of a source file: ``smma_stats/report/__init__.py`` -> ``smma_stats.report``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_sources(root: Path = SRC, package: str = "smma_stats") -> dict[str, tuple[str, bool]]:
    """``{module name: (source text, is a package __init__)}`` of every module."""
    return {module_name(p, root): (p.read_text(encoding="utf-8"), p.name == "__init__.py")
            for p in sorted((root / package).rglob("*.py"))}


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int]]:
    """``(name, lines)`` of each function longer than ``limit``, docstring excluded."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        body = node.body
        if ast.get_docstring(node, clean=False) is not None:
            body = body[1:]
        if not body:
            continue
        length = node.end_lineno - body[0].lineno + 1
        if length > limit:
            out.append((node.name, length))
    return out


def _absolute(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The module a ``from`` import names, relative levels resolved."""
    if level == 0:
        return name or ""
    parts = module.split(".") if is_package else module.split(".")[:-1]
    parts = parts[:len(parts) - (level - 1)]
    return ".".join(parts + ([name] if name else []))


def import_graph(sources: dict[str, tuple[str, bool]], package: str = "smma_stats"):
    """The package's imports, at any depth of the code.

    Returns ``(edges, private)``: ``edges[m]`` is the set of package modules
    ``m`` imports; ``private`` lists ``(module, from module, name)`` for each
    private name imported from another module.
    """
    edges: dict[str, set[str]] = {m: set() for m in sources}
    private = []
    for mod, (text, is_package) in sources.items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                edges[mod].update(a.name for a in node.names if a.name in sources)
                continue
            if not isinstance(node, ast.ImportFrom):
                continue
            target = _absolute(mod, is_package, node.level, node.module)
            if target != package and not target.startswith(package + "."):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                leaned_on = sub if sub in sources else target
                if leaned_on in sources and leaned_on != mod:
                    edges[mod].add(leaned_on)
                if (alias.name.startswith("_") and not alias.name.startswith("__")
                        and sub not in sources):
                    private.append((mod, target, alias.name))
    return edges, private


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of two or more modules (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(edges) + 100))
    try:
        for v in sorted(edges):
            if v not in index:
                visit(v)
    finally:
        sys.setrecursionlimit(limit)
    return sorted(found)


# ------------------------------------------------------------------ the package

SOURCES = package_sources()


def test_the_package_is_found():
    assert len(SOURCES) > 50
    assert "smma_stats.cli" in SOURCES and "smma_stats.report.messages" in SOURCES


def test_no_module_is_over_500_lines():
    long = {m: len(text.splitlines()) for m, (text, _) in SOURCES.items()
            if m not in EXEMPT_MODULES and len(text.splitlines()) > MAX_MODULE_LINES}
    assert long == {}, f"split these modules (lines): {long}"


def test_no_function_is_over_60_lines():
    long = {f"{m}.{name}": n for m, (text, _) in SOURCES.items()
            for name, n in long_functions(text)}
    assert long == {}, f"split these functions (lines without the docstring): {long}"


def test_no_import_cycle():
    edges, _ = import_graph(SOURCES)
    assert cycles(edges) == []


def test_no_private_name_is_imported_across_modules():
    _, private = import_graph(SOURCES)
    assert private == [], "make these names public, or keep them in one module"


#: Modules that put the statistics together with files, reports and the command
#: line; every other module is a statistics module.
OUTER = ("cli", "cli_options", "cli_commands", "report", "readers", "infer", "study",
         "study_result", "path_analyses", "__main__")
#: What a statistics module must not import (``report.format`` is the leaf that
#: turns numbers into text, which results use).
FORBIDDEN = ("cli", "cli_options", "cli_commands", "report", "readers", "infer", "study",
             "study_result")


def layer_violations(edges, package: str = "smma_stats") -> list[tuple[str, str]]:
    """``(module, import)`` pairs where a statistics module reaches outward."""
    def first(name: str) -> str:
        parts = name.split(".")
        return parts[1] if len(parts) > 1 else ""

    return sorted((m, d) for m, deps in edges.items() for d in deps
                  if m != package and first(m) not in OUTER and first(d) in FORBIDDEN
                  and d != f"{package}.report.format")


def test_statistics_modules_import_no_reader_report_or_command_line():
    edges, _ = import_graph(SOURCES)
    assert layer_violations(edges) == []


def test_the_graph_sees_function_level_imports():
    # cli imports the study only inside `analyze`: the graph must still see it
    edges, _ = import_graph(SOURCES)
    assert "smma_stats.study" in edges["smma_stats.cli"]
    assert "smma_stats.readers._chunks" in edges["smma_stats.readers"]


def test_import_smma_stats_loads_no_numpy_pandas_or_scipy():
    # --help is checked in test_imports.py; a fresh interpreter, as this one has them all
    code = ("import json, sys, smma_stats\n"
            "print(json.dumps(sorted(m for m in ('numpy', 'pandas', 'scipy') "
            "if m in sys.modules)))")
    path = os.pathsep.join([str(SRC)] + [p for p in [os.environ.get("PYTHONPATH")] if p])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=path), check=True, timeout=120)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


# ------------------------------------------------------------------ the checkers can fail

def _write(tmp_path: Path, files: dict[str, str]) -> dict[str, tuple[str, bool]]:
    for name, text in files.items():
        path = tmp_path / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package_sources(tmp_path, "pkg")


def test_a_long_function_is_found_and_its_docstring_is_not_counted():
    body = "".join(f"    x{i} = {i}\n" for i in range(60))
    doc = '    """' + "\n" * 20 + '    """\n'
    assert long_functions(f"def f():\n{doc}{body}") == []
    assert long_functions(f"def f():\n{doc}{body}    return x0\n") == [("f", 61)]
    method = "".join("    " + line + "\n" for line in f"def m(self):\n{body}    return 1".splitlines())
    assert long_functions(f"class C:\n{method}") == [("m", 61)]


def test_a_cycle_through_a_function_level_import_is_found(tmp_path):
    sources = _write(tmp_path, {
        "__init__.py": "",
        "a.py": "from .b import f\n",
        "b.py": "def f():\n    from .sub.c import g\n    return g\n",
        "sub/__init__.py": "",
        "sub/c.py": "def g():\n    import pkg.a\n",
        "d.py": "from . import a\n"})
    edges, _ = import_graph(sources, "pkg")
    assert edges["pkg.d"] == {"pkg.a"}
    assert cycles(edges) == [["pkg.a", "pkg.b", "pkg.sub.c"]]


def test_a_private_name_is_found_but_a_private_module_is_not(tmp_path):
    sources = _write(tmp_path, {
        "__init__.py": "",
        "a.py": "_helper = 1\n",
        "b.py": "def f():\n    from .a import _helper\n",
        "sub/__init__.py": "from . import _part\nfrom ._part import __doc__\n",
        "sub/_part.py": "from .. import a\n"})
    edges, private = import_graph(sources, "pkg")
    assert private == [("pkg.b", "pkg.a", "_helper")]
    assert edges["pkg.sub"] == {"pkg.sub._part"} and edges["pkg.sub._part"] == {"pkg.a"}
    assert cycles(edges) == []


def test_a_statistics_module_reaching_for_the_report_is_found(tmp_path):
    sources = _write(tmp_path, {
        "__init__.py": "",
        "stats.py": "def f():\n    from .report.plots import draw\n"
                    "from .report.format import num\n",
        "report/__init__.py": "", "report/plots.py": "draw = 1\n",
        "report/format.py": "num = 1\n",
        "cli.py": "from .report import plots\n"})
    edges, _ = import_graph(sources, "pkg")
    assert layer_violations(edges, "pkg") == [("pkg.stats", "pkg.report.plots")]
