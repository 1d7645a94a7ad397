"""Leaving the process: fast by default, normally under a tracer, a profiler or ARGMAP_NO_FAST_EXIT.

`argmap` ends with ``os._exit`` to skip freeing a large map object by object
(:func:`argmap.cliutil.run_and_exit`). That must not cost standard tools their
results: coverage and cProfile write their data at a normal exit.
"""

from __future__ import annotations

import os
import pstats
import subprocess
import sys

from conftest import REPO

FLAGSHIP = str(REPO / "arguments" / "beijing-parade.yaml")
ATEXIT = ("import atexit, sys; atexit.register(lambda: print('atexit ran')); "
          "sys.argv = ['argmap', 'check', '--no-config', sys.argv[1]]; "
          "from argmap.cli import main; main()")


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("ARGMAP_NO_FAST_EXIT", "COVERAGE_PROCESS_START")}
    environ.update(env)
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=REPO, env=environ,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def test_the_command_line_leaves_fast_by_default():
    done = run(["-c", ATEXIT, FLAGSHIP])
    assert "Checked 1 file" in done.stdout
    assert "atexit ran" not in done.stdout  # os._exit skips interpreter shutdown


def test_argmap_no_fast_exit_leaves_normally():
    done = run(["-c", ATEXIT, FLAGSHIP], ARGMAP_NO_FAST_EXIT="1")
    assert "Checked 1 file" in done.stdout and "atexit ran" in done.stdout


def test_coverage_run_writes_its_data(tmp_path):
    import coverage

    data = tmp_path / "coverage.data"
    run(["-m", "coverage", "run", f"--data-file={data}", "--source=argmap", "-m", "argmap", "check",
         "--no-config", FLAGSHIP])
    assert data.exists()
    measured = coverage.Coverage(data_file=str(data))
    measured.load()
    files = measured.get_data().measured_files()
    assert any(name.endswith(os.path.join("argmap", "checker.py")) for name in files), files


def test_cprofile_writes_its_profile(tmp_path):
    profile = tmp_path / "argmap.prof"
    run(["-m", "cProfile", "-o", str(profile), "-m", "argmap", "check", "--no-config", FLAGSHIP])
    stats = pstats.Stats(str(profile))
    assert any(name.endswith("checker.py") for name, _, _ in stats.stats), "no argmap function in the profile"


def test_a_library_call_leaves_the_garbage_collector_alone(tmp_path):
    import gc

    from argmap.checker import check_file

    assert gc.isenabled()
    check_file(REPO / "arguments" / "beijing-parade.yaml")
    assert gc.isenabled()
