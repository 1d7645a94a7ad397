"""Writing an output file safely: whole or not at all, never over the map it came from,
and never through a symbolic link.

A regular destination gets its data through a temporary file created in the folder
the path names (``O_CREAT | O_EXCL | O_NOFOLLOW``), which is then renamed over the
destination's own name (:func:`os.replace` is atomic within one file system and does
not follow a final symbolic link). A reader never sees half a diagram, a failed run
leaves the old file as it was, and a link planted at the destination is replaced by
the file instead of being written through. A FIFO, a character device (``/dev/null``,
a terminal) and ``/dev/stdout``, ``/dev/stderr`` or ``/dev/fd/N`` are streams: they
are written to as they are, never replaced.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import signal
import stat
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import FrameType
from typing import Any, Self


class OutputError(Exception):
    """The output cannot be written where asked; the message says why."""


class _Interrupted(BaseException):
    """A deferred SIGTERM or SIGINT arrived while a temporary file existed."""


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)

# Standard streams named as files. They are written on the process's own descriptor:
# opening /proc/self/fd/1 again would start a new file offset at 0 (overwriting a log
# that stdout appends to), and replacing the name would replace the link in /dev.
_DESCRIPTOR_NAME = re.compile(r"/dev/(?:fd/(\d+)|(stdout)|(stderr))|/proc/self/fd/(\d+)")


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)  # hard links, and paths that resolve differently
    except OSError:
        return False


def _descriptor(path: str) -> int | None:
    """The file descriptor a path such as ``/dev/stdout`` or ``/dev/fd/3`` names, else None."""
    match = _DESCRIPTOR_NAME.fullmatch(path)
    if match is None:
        return None
    fd, stdout, stderr, proc_fd = match.groups()
    if stdout:
        return 1
    if stderr:
        return 2
    return int(fd or proc_fd)


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd`` (``os.write`` may write only part)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class _SignalWindow:
    """SIGTERM and SIGINT held back while a temporary file exists.

    Handlers are installed only for the duration of the ``with`` block, only in the
    main thread (the only one Python lets set them), and not over a signal that is
    ignored or whose handler was not set from Python (it could not be restored). A
    signal that arrives is recorded; :meth:`check` raises at the next safe point so
    the temporary file is removed, and :meth:`deliver` then hands the signal to the
    handler that was in place before.
    """

    SIGNALS = (signal.SIGTERM, signal.SIGINT)

    def __init__(self) -> None:
        self.received: list[int] = []
        self.previous: dict[int, Any] = {}

    def _record(self, signum: int, frame: FrameType | None) -> None:
        self.received.append(signum)

    def __enter__(self) -> Self:
        if threading.current_thread() is threading.main_thread():
            for signum in self.SIGNALS:
                handler = signal.getsignal(signum)
                if handler is None or handler == signal.SIG_IGN:
                    continue
                self.previous[signum] = signal.signal(signum, self._record)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)

    def check(self) -> None:
        if self.received:
            raise _Interrupted

    def deliver(self) -> None:
        """Act on a signal that arrived, as the previous handler would have.

        The default action (end the process) becomes ``SystemExit(128 + signum)``, the
        shell's code for a process a signal ended, so that ``finally`` blocks and the
        CLI's flushing still run; a Python handler (Python's own for SIGINT raises
        ``KeyboardInterrupt``) is called by raising the signal again.
        """
        if not self.received:
            return
        signum = self.received[0]
        handler: Callable[..., object] | int = self.previous[signum]
        if handler == signal.SIG_DFL:
            raise SystemExit(128 + signum)
        signal.raise_signal(signum)


def _write_stream(path: str, data: bytes) -> None:
    """Write ``data`` to a FIFO or character device, without creating, truncating or renaming it."""
    try:
        # O_NONBLOCK: a FIFO with no reader fails at once (ENXIO) instead of waiting forever.
        fd = os.open(path, os.O_WRONLY | _NONBLOCK | _NOFOLLOW | _CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(f"{path}: no process is reading this FIFO") from exc
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        kind = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(kind) or stat.S_ISCHR(kind)):  # swapped since it was looked at
            raise OutputError(f"{path} changed while it was being opened; nothing was written")
        os.set_blocking(fd, True)
        _write_all(fd, data)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def _create_temporary(folder: Path, name: str) -> tuple[int, Path]:
    """Create a new, empty file ``.NAME.XXXXXXXX.tmp`` in ``folder``, never through a link."""
    for _ in range(100):
        temporary = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600), temporary
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(f"cannot write in {folder}: {exc.strerror or exc}") from exc
    raise OutputError(f"cannot write in {folder}: no free name for a temporary file")


def _existing(path: str | os.PathLike[str], new: bool) -> os.stat_result | None:
    """What is at ``path`` now (a final link not followed), or None; with ``new``, anything there is refused."""
    try:
        existing = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"cannot write {os.fspath(path)}: {exc.strerror or exc}") from exc
    if new:
        raise OutputError(f"{os.fspath(path)} already exists; nothing was written")
    return existing


def _link_new(temporary: Path, destination: Path, path: str | os.PathLike[str]) -> None:
    """Give the complete ``temporary`` file the name ``destination`` unless the name is taken, then drop its
    temporary name (left to the caller's cleanup when linking fails)."""
    try:
        os.link(temporary, destination, follow_symlinks=False)
    except FileExistsError:
        raise OutputError(f"{os.fspath(path)} already exists; nothing was written") from None
    os.unlink(temporary)


def write_atomic(path: str | os.PathLike[str], data: bytes, protect: Iterable[str | os.PathLike[str]] = (),
                 new: bool = False) -> Path:
    """Write ``data`` to ``path``: a file whole or not at all, a FIFO or device as a stream.

    Parameters
    ----------
    path : path-like
        The destination. A regular file, a new name or a symbolic link is replaced by a
        new regular file through a temporary file and a rename: a link is replaced
        itself, never written through, so nothing is written outside the folder the
        path names. A FIFO, a character device, ``/dev/stdout``, ``/dev/stderr`` and
        ``/dev/fd/N`` are written to as streams, never replaced.
    data : bytes
        The whole content.
    protect : iterable of path-like
        Files that must never be overwritten (the input map), compared as files:
        a link to one of them is refused too.
    new : bool
        Create the file, never replace anything: any entry at ``path`` (a file, a link,
        a FIFO, even one that appears during the write) is left as it is and refused.
        The temporary file is then hard-linked to the name, which fails if the name is
        taken, instead of renamed over it.

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    OutputError
        ``path`` is a protected file, a folder, a socket or block device, a FIFO that
        no process reads, exists with ``new``, or its folder does not exist or cannot be written.
    SystemExit
        A SIGTERM or SIGINT arrived during the write while its default action was to
        end the process: the temporary file is removed and the code is 128 + signum.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> out = write_atomic(folder / "map.dot", b"digraph {}")
    >>> out.read_bytes()
    b'digraph {}'
    >>> write_atomic(folder / "map.dot", b"x", protect=[folder / "map.dot"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    argmap.atomic.OutputError: refusing to overwrite the input map ...map.dot
    """
    target = Path(path)
    for guarded in protect:
        if _same_file(target, Path(guarded)):
            raise OutputError(f"refusing to overwrite the input map {guarded}")
    fd = None if new else _descriptor(os.fspath(path))  # a stream named as a file exists: refused below
    if fd is not None:
        try:
            _write_all(fd, data)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        return target
    existing = _existing(path, new)
    if existing is not None:
        kind = existing.st_mode
        if stat.S_ISDIR(kind):
            raise OutputError(f"{path} is a folder")
        if stat.S_ISFIFO(kind) or stat.S_ISCHR(kind):
            _write_stream(os.fspath(path), data)
            return target
        if not (stat.S_ISREG(kind) or stat.S_ISLNK(kind)):
            raise OutputError(f"{path} is not a regular file, FIFO or character device")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    if existing is not None and stat.S_ISREG(existing.st_mode):
        mode = existing.st_mode & 0o7777
    else:  # a new file, or a link being replaced: its target's mode is none of ours
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    window = _SignalWindow()
    try:
        with window:
            handle, temporary = _create_temporary(folder, target.name)
            try:
                try:
                    window.check()
                    _write_all(handle, data)
                    os.fchmod(handle, mode)
                finally:
                    os.close(handle)
                window.check()
                if new:
                    _link_new(temporary, folder / target.name, path)
                else:
                    os.replace(temporary, folder / target.name)  # rename does not follow a final link
            except BaseException as exc:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass
                if isinstance(exc, OSError):
                    raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
                raise
    except _Interrupted:
        window.deliver()  # raises, or calls the previous handler
        raise OutputError(f"cannot write {path}: interrupted by a signal") from None
    window.deliver()  # a signal after the rename: the file is complete, the signal still counts
    return target
