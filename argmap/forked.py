"""Run one function in a forked copy of this process while this process goes on.

A large map is checked on two cores this way: after the map is loaded and its graph
built, a forked child (which shares the loaded map, page by page, until either side
writes) runs some of the rules while the parent runs the others, and sends its
findings back through a pipe. Nothing is pickled on the way in; only the child's
result is pickled on the way out.

Where ``fork`` is missing, or fails, :func:`start` runs the function in this process
instead, so callers get the same result either way. Nothing here prints.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def usable_cores() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def can_fork() -> bool:
    """True where forking is safe to use: POSIX with ``fork`` (Linux; macOS's system libraries object)."""
    return hasattr(os, "fork") and sys.platform.startswith("linux")


class Pending(Generic[T]):
    """The result of a function that runs in a child process, or already ran here."""

    def __init__(self, function: Callable[[], T]) -> None:
        self._function = function
        self._pid = 0
        self._fd = -1
        self._done = False
        self._value: T | None = None

    def _fork(self) -> None:
        read_fd, write_fd = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_fd)
            os.close(write_fd)
            raise
        if pid == 0:  # the child: compute, send, and leave without running any clean-up of the parent's
            os.close(read_fd)
            code = 0
            try:
                payload = pickle.dumps(self._function(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_fd, "wb") as pipe:
                    pipe.write(payload)
            except BaseException:  # the parent notices the empty pipe and computes it itself
                code = 1
            os._exit(code)
        os.close(write_fd)
        self._pid, self._fd = pid, read_fd

    def result(self) -> T:
        """The function's value: read from the child, or computed here if the child failed."""
        if self._done:
            return self._value  # type: ignore[return-value]
        value: T | None = None
        received = False
        if self._pid:
            with os.fdopen(self._fd, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(self._pid, 0)
            if data and os.waitstatus_to_exitcode(status) == 0:
                value, received = pickle.loads(data), True
            self._pid = 0
        if not received:
            value = self._function()
        self._done, self._value = True, value
        self._function = None  # type: ignore[assignment]
        return value  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the child if it still runs (the parent gave up on the result)."""
        if self._pid:
            import signal

            os.close(self._fd)
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover - it ended on its own
                pass
            os.waitpid(self._pid, 0)
            self._pid = 0
        self._done = True


def start(function: Callable[[], T], fork: bool = True) -> Pending[T]:
    """Start ``function`` in a forked child when ``fork`` and forking is possible; collect it with ``result()``.

    Examples
    --------
    >>> pending = start(lambda: sum(range(10)))
    >>> pending.result()
    45
    """
    pending = Pending(function)
    if fork and can_fork():
        try:
            pending._fork()
        except OSError:  # no process to be had (a sandbox, a process limit): compute it later, here
            pass
    return pending
