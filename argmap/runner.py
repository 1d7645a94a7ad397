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
from dataclasses import replace
from pathlib import Path

from .checker import CheckConfig, CheckResult, check_file

MIN_FILES_PER_JOB = 40
"""Below this many files per worker, starting workers costs more than it saves."""


ConfigFor = Callable[[str | Path], CheckConfig]
"""A file's path -> the configuration it is checked with."""


def check_files(files: Sequence[Path], config_for: ConfigFor, jobs: int | None = None
                ) -> list[CheckResult]:
    """Check ``files`` with the configuration ``config_for`` gives each, on up to ``jobs`` processes.

    A problem in a library a map includes is judged by the configuration ``config_for`` gives the library (in
    worker processes, when ``config_for`` can be sent to them: argmap's own can)."""
    tasks = [(path, config_for(path)) for path in files]
    jobs = min(jobs or usable_cores(), len(tasks) // MIN_FILES_PER_JOB)
    if jobs > 1:
        try:
            return _in_workers(tasks, jobs, config_for if _picklable(config_for) else None)
        except (OSError, ImportError):  # no processes to be had here (a sandbox): do it ourselves
            pass
    return _check_chunk(tasks, config_for)


def _picklable(value: object) -> bool:
    import pickle

    try:
        pickle.dumps(value)
    except (pickle.PicklingError, AttributeError, TypeError):
        return False
    return True


def usable_cores() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def _check_chunk(tasks: list[tuple[Path, CheckConfig]], config_for: ConfigFor | None = None) -> list[CheckResult]:
    results = []
    for path, config in tasks:
        result = check_file(path, replace(config, config_of=config_for) if config_for is not None else config)
        if len(tasks) > 1:  # many maps: keep memory flat; one map: its context dies with the process
            result.context = None
        results.append(result)
    return results


def _in_workers(tasks: list[tuple[Path, CheckConfig]], jobs: int, config_for: ConfigFor | None) -> list[CheckResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    # Forking reuses the modules already imported; elsewhere workers start afresh.
    method = "fork" if sys.platform.startswith("linux") else None
    size = -(-len(tasks) // (jobs * 4))  # a few chunks per worker evens out slow files
    chunks = [tasks[i:i + size] for i in range(0, len(tasks), size)]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method)) as pool:
        return [result for chunk in pool.map(partial(_check_chunk, config_for=config_for), chunks)
                for result in chunk]
