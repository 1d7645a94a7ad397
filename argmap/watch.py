"""Re-run a command whenever a file is saved: polling its modification time, no extra dependency.

An editor saves in several ways (in place, or by writing a new file and renaming it
over the old one, for a moment leaving no file at all), so a change is any change
of the file's modification time, size or inode, and a missing file is waited for.
The loop takes its sleep function and an iteration limit as arguments so tests can
drive it without waiting.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

Signature = tuple[int, int, int] | None


def signature(path: str | os.PathLike[str]) -> Signature:
    """What changes when ``path`` is saved: modification time, size and inode; None when it is missing."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def watch(
    path: str | os.PathLike[str],
    run: Callable[[], None],
    *,
    interval: float = 0.5,
    max_iterations: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    on_missing: Callable[[], None] | None = None,
) -> int:
    """Call ``run`` now and after every change to ``path``, until interrupted.

    Parameters
    ----------
    path : path-like
        The file to watch.
    run : callable
        Called with no arguments; it reports its own problems and must not exit.
    interval : float
        Seconds between polls.
    max_iterations : int, optional
        Stop after this many polls (for tests); None polls until Ctrl-C.
    sleep : callable
        Waits between polls; tests pass one that edits the file instead.
    on_missing : callable, optional
        Called once each time the file disappears.

    Returns
    -------
    int
        How many times ``run`` was called. Ctrl-C (KeyboardInterrupt) ends the
        loop quietly.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = tempfile.mkdtemp()
    >>> target = pathlib.Path(folder, "m.yaml")
    >>> _ = target.write_text("one")
    >>> def edit(seconds):
    ...     target.write_text(target.read_text() + " more")
    >>> watch(target, lambda: None, max_iterations=3, sleep=edit)
    4
    """
    runs = 0
    last = signature(path)
    try:
        run()
        runs += 1
        iterations = 0
        while max_iterations is None or iterations < max_iterations:
            iterations += 1
            sleep(interval)
            current = signature(path)
            if current == last:
                continue
            last = current
            if current is None:
                if on_missing is not None:
                    on_missing()
                continue
            run()
            runs += 1
    except KeyboardInterrupt:
        pass
    return runs
