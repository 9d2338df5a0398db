"""A seeded mutation fuzzer over the CSV fixtures of ``tests/data``.

Each case takes one fixture with its instrument (``readers_*.csv`` with
``readers_instrument.yaml``, ``formats_*.csv`` with ``formats_instrument.yaml``,
``screening_gforms.csv`` and ``cli_responses.csv`` with theirs) and applies
one to three mutations: byte flips, truncation, delimiter swaps, quote
insertion, huge cells (up to 1 MB, so a case stays far below 1 GB), NUL
bytes, line-ending changes, dropped or repeated lines, invalid UTF-8.

Invariant: every reader entry point (``read_responses`` whole and in
chunks, ``validate_responses``, ``read_header``, ``read_all_rows``) either
reads the file or raises :class:`~smma_stats.errors.SmmaError` whose message
is one line of at most 300 characters; never another exception.

The default run is a fixed set of 25 cases (about 3 s); ``pytest -m fuzz``
runs the long loop (``SMMA_FUZZ_CASES`` cases, 1000 by default) and checks
that the process peaked under 1 GB. A failure
names the case's seed, and ``mutate(data, random.Random(seed))`` rebuilds the
input.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from smma_stats.errors import SmmaError
from smma_stats.instrument import load_instrument
from smma_stats.readers import read_all_rows, read_header, read_responses, validate_responses

DATA = Path(__file__).resolve().parent / "data"
FIXTURES = [
    ("readers_basic.csv", "readers_instrument.yaml"),
    ("readers_semicolon.csv", "readers_instrument.yaml"),
    ("readers_tab.tsv", "readers_instrument.yaml"),
    ("readers_latin1.csv", "readers_instrument.yaml"),
    ("formats_gforms.csv", "formats_instrument.yaml"),
    ("formats_numeric.csv", "formats_instrument.yaml"),
    ("screening_gforms.csv", "screening_gforms_instrument.yaml"),
    ("cli_responses.csv", "cli_instrument.yaml"),
]
SEED = 20250101


def _flip(data: bytearray, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 8)):
        if data:
            data[rng.randrange(len(data))] = rng.choice(
                [0, 0xFF, 0xC3, 34, 44, 59, 9, 10, 13, 0x1B, rng.randrange(256)])


def _truncate(data: bytearray, rng: random.Random) -> None:
    del data[rng.randrange(len(data) + 1):]


def _delimiters(data: bytearray, rng: random.Random) -> None:
    old, new = rng.sample([b",", b";", b"\t", b"|"], 2)
    text = bytes(data)
    if rng.random() < 0.5:
        text = text.replace(old, new)
    else:                               # only some of them
        parts = text.split(old)
        text = parts[0] + b"".join((new if rng.random() < 0.3 else old) + p for p in parts[1:])
    data[:] = text


def _quotes(data: bytearray, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 3)):
        data.insert(rng.randrange(len(data) + 1), 34)


def _huge_cell(data: bytearray, rng: random.Random) -> None:
    size = rng.choice([70_000, 140_000, 1 << 20])
    piece = rng.choice([b"x", b"9", b"ab,", b'"', b"\xe2\x80\xae"]) * (size // 3)
    at = rng.randrange(len(data) + 1)
    data[at:at] = piece[:size]


def _nul(data: bytearray, rng: random.Random) -> None:
    at = rng.randrange(len(data) + 1)
    data[at:at] = b"\x00" * rng.randint(1, 64)


def _line_ends(data: bytearray, rng: random.Random) -> None:
    text = bytes(data).replace(b"\r\n", b"\n")
    data[:] = text.replace(b"\n", rng.choice([b"\r", b"\r\n", b"\n\n", b"\r\r\n"]))


def _lines(data: bytearray, rng: random.Random) -> None:
    lines = bytes(data).split(b"\n")
    k = rng.randrange(len(lines))
    if rng.random() < 0.5:
        del lines[k]
    else:
        lines.insert(k, lines[k] * rng.randint(1, 3))
    data[:] = b"\n".join(lines)


def _encoding(data: bytearray, rng: random.Random) -> None:
    at = rng.randrange(len(data) + 1)
    data[at:at] = rng.choice([b"\xef\xbb\xbf", b"\xe9", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
                              b"\xc3"])


MUTATIONS = [_flip, _truncate, _delimiters, _quotes, _huge_cell, _nul, _line_ends, _lines,
             _encoding]


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for fn in rng.sample(MUTATIONS, rng.randint(1, 3)):
        fn(out, rng)
    return bytes(out)


_INSTRUMENTS: dict = {}


def instrument(name: str):
    if name not in _INSTRUMENTS:
        _INSTRUMENTS[name] = load_instrument(DATA / name)
    return _INSTRUMENTS[name]


def check_case(seed: int, folder: Path) -> None:
    rng = random.Random(seed)
    csv_name, inst_name = FIXTURES[seed % len(FIXTURES)]
    data = mutate((DATA / csv_name).read_bytes(), rng)
    path = folder / f"case{seed}{Path(csv_name).suffix}"
    path.write_bytes(data)
    inst = instrument(inst_name)
    readers = {
        "read_responses": lambda: read_responses(path, inst),
        "read_responses(chunks)": lambda: read_responses(path, inst, chunksize=3),
        "read_responses(pairwise)": lambda: read_responses(path, inst, missing="pairwise"),
        "validate_responses": lambda: validate_responses(path, inst),
        "validate_responses(chunks)": lambda: validate_responses(path, inst, chunksize=2),
        "read_header": lambda: read_header(path),
        "read_all_rows": lambda: read_all_rows(path, inst),
    }
    for what, read in readers.items():
        try:
            out = read()
        except SmmaError as exc:
            message = str(exc)
        except Exception as exc:  # the invariant broken: say which case and reader
            pytest.fail(f"seed {seed} ({csv_name}), {what}: {type(exc).__name__}: {exc!r:.300}")
        else:
            errors = out if what.startswith("validate") else []
            for err in errors:
                assert isinstance(err, SmmaError), (seed, what, err)
            message = str(errors[0]) if errors else ""
        assert "\n" not in message and len(message) <= 300, (seed, what, message)
        message.encode("utf-8")
    path.unlink()


def test_fuzzed_csv_files_read_or_fail_with_one_line(tmp_path):
    for k in range(25):
        check_case(SEED + k, tmp_path)


@pytest.mark.fuzz
def test_fuzzed_csv_files_long_run(tmp_path, request):
    if "fuzz" not in (request.config.getoption("-m") or ""):
        pytest.skip("the long fuzz loop runs with -m fuzz")
    import resource

    n = int(os.environ.get("SMMA_FUZZ_CASES", "1000"))
    for k in range(n):
        check_case(SEED + 1_000_000 + k, tmp_path)
    # the peak resident memory of the whole run (kilobytes on Linux) stayed under 1 GB
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1 << 20
