"""Writing what the commands produce: atomically, and never over an input.

Every file smma_stats writes (a report, a figure, an instrument YAML, a
synthetic response file) goes through :func:`write_atomic`: the bytes go to
a new file beside the target, which is renamed over the target only once
everything is written, so a failure (a full disk, a killed process) leaves
an existing file as it was. The new file is opened with mode 0o666 so the
user's umask sets its permissions, as for any other program's output.

:func:`refuse_inputs` is called before anything is computed: a target that
is one of the run's input files (by its real path, through ``..``,
symbolic links or a hard link) is refused, because replacing the response
file with its own report loses the data.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Callable, Iterable

from .errors import SmmaError


def same_file(a, b) -> bool:
    """Whether two paths name the same file (real path, or device and inode).

    Examples
    --------
    >>> same_file("README.md", "./docs/../README.md")
    True
    >>> same_file("README.md", "no-such-file")
    False
    """
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        sa, sb = os.stat(a), os.stat(b)
    except (OSError, ValueError):
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def refuse_inputs(target, inputs: Iterable, option: str = "--out") -> None:
    """Raise :class:`SmmaError` if ``target`` is one of the ``inputs``.

    Parameters
    ----------
    target : str or Path
        A file the command is about to write.
    inputs : iterable of str or Path or None
        The files the command reads (``None`` entries are skipped).
    option : str
        The option that named ``target``, for the message.

    Raises
    ------
    SmmaError
        One line naming the option and the input it would replace.
    """
    for source in inputs:
        if source is None or not os.path.exists(source):
            continue
        if same_file(target, source):
            raise SmmaError(f"{option} {show_path(target)} is the input file "
                            f"{show_path(source)}; writing there would replace it. "
                            "Give another file name")


def show_path(path) -> str:
    """A path as text that can always be printed (undecodable bytes as escapes).

    Examples
    --------
    >>> show_path(b"caf\\xe9.csv".decode("utf-8", "surrogateescape"))
    'caf\\\\udce9.csv'
    """
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "surrogateescape")
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def write_atomic(path, data: str | bytes | Callable) -> Path:
    """Write ``data`` to ``path`` so that the old file survives any failure.

    Parameters
    ----------
    path : str or Path
        The target. Its folder is created if missing.
    data : str, bytes or callable
        Text (written as UTF-8), bytes, or a function called with the open
        binary file that writes into it.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    SmmaError
        ``path`` is a folder, or the file cannot be written (one line with
        the reason); no partial file is left behind.
    """
    path = Path(path)
    if path.is_dir():
        raise SmmaError(f"{show_path(path)}: is a folder; give a file name")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    blocker = next((p for p in reversed(path.parents) if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise SmmaError(f"{show_path(path)}: cannot write the file ({show_path(blocker)} is a "
                        "file, not a folder)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # mode 0o666: the umask decides the permissions, as open() would
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o666)
    except OSError as exc:
        raise SmmaError(f"{show_path(path)}: cannot write the file "
                        f"({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise SmmaError(f"{show_path(path)}: cannot write the file "
                            f"({exc.strerror or exc})") from None
        raise
    return path


def print_report(text: str | bytes, stream=None) -> None:
    """Write a report to standard output, checking the write and the flush.

    A full device, a closed pipe or an encoding the terminal cannot show is
    one :class:`SmmaError` line instead of a traceback or a silently
    truncated report.

    Parameters
    ----------
    text : str or bytes
        The report; a newline is added when it does not end with one.
    stream : file object, optional
        Default ``sys.stdout``.
    """
    import sys

    stream = sys.stdout if stream is None else stream
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    if not text.endswith("\n"):
        text += "\n"
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            stream.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
            stream.write(text)
            stream.flush()
    except OSError as exc:
        raise SmmaError(f"cannot write the report to standard output "
                        f"({exc.strerror or exc})") from None
