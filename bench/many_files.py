"""Benchmark: `argmap check` on a folder of many small maps (issue 5, item 7).

Writes N maps of about a dozen statements each into a temporary folder (or the
folder given with --keep), then times one `argmap check` run over the folder as a
user would run it, through the console script in a fresh process.

    python bench/many_files.py              # 2,000 maps, the issue's case
    python bench/many_files.py -n 500 --jobs 1
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_SECONDS, LIMIT_SECONDS = 2.0, 10.0


def small_map(index: int) -> str:
    """A valid map of 12 statements and one argument, with a warning or two."""
    return f"""\
argmap: 1
title: "Generated map {index}"
thesis: t
claims:
  t: {{text: "Thesis number {index} holds"}}
  c1: {{text: "First reason for {index}", supports: t}}
  c2: {{text: "Second reason for {index}", supports: t}}
  c3: {{text: "Third reason for {index}"}}
  c4: {{text: "A reply to the objection in {index}", attacks: o1}}
counterclaims:
  o1: {{text: "An objection to {index}", attacks: c1, by: critics}}
  o2: {{text: "A second objection to {index}", contradicts: t}}
  o3: {{text: "An answer to the second objection's critics in {index}", supports: o2}}
evidence:
  e1: {{text: "A figure behind {index}", supports: c1, source: "Survey {index}"}}
  e2: {{text: "A study behind {index}", supports: c2, source: "Study {index}"}}
  e3: {{text: "A quote behind {index}", supports: [c3, o3], source: "Interview", quote: "said {index}"}}
  e4: {{text: "An unsourced note for {index}", attacks: o2}}
arguments:
  a1:
    premises: [c3, e3]
    conclusion: t
"""


def write_maps(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (folder / f"map-{index:05d}.yaml").write_text(small_map(index), encoding="utf-8")


def argmap_command() -> list[str]:
    script = Path(sys.executable).with_name("argmap")
    return [str(script)] if script.exists() else [sys.executable, "-m", "argmap"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--count", type=int, default=2000, help="number of maps (default 2000)")
    parser.add_argument("--jobs", help="pass --jobs N to argmap check")
    parser.add_argument("--keep", type=Path, help="write the maps here and keep them")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    try:
        write_maps(folder, args.count)
        command = argmap_command() + ["check", "--format", "text", str(folder)]
        if args.jobs:
            command += ["--jobs", args.jobs]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        run = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr.strip()
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"many files: {args.count} maps on {os.cpu_count()} cores in {elapsed:.2f} s "
              f"(goal {GOAL_SECONDS:.0f} s, limit {LIMIT_SECONDS:.0f} s; {cpu:.2f} s of CPU; "
              f"load average {load:.1f} before); exit {run.returncode}; {summary}")
        return 0 if run.returncode in (0, 1) else run.returncode
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
