"""Checking many files: in this process, or spread over worker processes.

The results come back in the order of the files given whatever the number of
workers, so output never depends on ``--jobs``. Each result drops its map context
(the graph and derived facts): a run over thousands of maps keeps only problems,
which keeps memory flat and the garbage collector idle.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .checker import CheckConfig, CheckResult, check_file

MIN_FILES_PER_JOB = 40
"""Below this many files per worker, starting workers costs more than it saves."""


def check_files(files: Sequence[Path], config_for: Callable[[Path], CheckConfig], jobs: int | None = None
                ) -> list[CheckResult]:
    """Check ``files`` with the configuration ``config_for`` gives each, on up to ``jobs`` processes."""
    tasks = [(path, config_for(path)) for path in files]
    jobs = min(jobs or usable_cores(), len(tasks) // MIN_FILES_PER_JOB)
    if jobs > 1:
        try:
            return _in_workers(tasks, jobs)
        except (OSError, ImportError):  # no processes to be had here (a sandbox): do it ourselves
            pass
    return _check_chunk(tasks)


def usable_cores() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def _check_chunk(tasks: list[tuple[Path, CheckConfig]]) -> list[CheckResult]:
    results = []
    for path, config in tasks:
        result = check_file(path, config)
        if len(tasks) > 1:  # many maps: keep memory flat; one map: its context dies with the process
            result.context = None
        results.append(result)
    return results


def _in_workers(tasks: list[tuple[Path, CheckConfig]], jobs: int) -> list[CheckResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Forking reuses the modules already imported; elsewhere workers start afresh.
    method = "fork" if sys.platform.startswith("linux") else None
    size = -(-len(tasks) // (jobs * 4))  # a few chunks per worker evens out slow files
    chunks = [tasks[i:i + size] for i in range(0, len(tasks), size)]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method)) as pool:
        return [result for chunk in pool.map(_check_chunk, chunks) for result in chunk]
