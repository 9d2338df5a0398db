"""Running ``smma`` in-process for the tests: one runner, one check for tracebacks."""

from __future__ import annotations

import inspect

import pytest
from click.testing import CliRunner

from smma_stats.cli import app


def _runner() -> CliRunner:
    """A runner that keeps standard error apart from standard output."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)
    return CliRunner()


RUNNER = _runner()


def smma(*args, **kwargs):
    """Run ``smma ARGS`` in-process; fail on any traceback or uncaught exception."""
    result = RUNNER.invoke(app, [str(a) for a in args], **kwargs)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        trace = "".join(traceback.format_exception(*result.exc_info))
        pytest.fail(f"smma {' '.join(map(str, args))} raised instead of exiting:\n{trace}")
    assert "Traceback" not in result.output
    return result


def user_error(result, code: int = 1) -> str:
    """The one stderr line of a user error (exit 1): nothing on stdout."""
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert result.stdout == ""
    return lines[0]
