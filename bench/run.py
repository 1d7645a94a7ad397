"""The benchmark behind `make bench`: whole-process and in-process times, and peak memory.

It generates maps deterministically (bench/generate.py, fixed seeds) of 1,000,
10,000 and 100,000 statements, a broken map full of errors, and a folder of 2,000
small maps; times each command as a whole process (the median of 5 runs after a
warm-up, with the median processor time, user and system, and the peak resident
memory, both from the kernel's rusage) and the core steps in process; prints a table, a table of growth ratios per tenfold step, and writes
bench/results.json. It asserts nothing: docs/performance.md records what it printed.

Usage: python bench/run.py [--quick] [--runs N] [--page-only] [--limits-only]

Issue 10's limits are set for a quiet machine. The limits section runs the yardstick
(``python -c 'import yaml, networkx'``, best of three) between the runs of `check` and
`evaluate --format json` of the 100,000-statement map, so that each is also given
scaled to the yardstick's time on the quiet machine (:data:`QUIET_YARDSTICK`).
``--limits-only`` runs just that and prints it.

The HTML page of the 1,000-statement map is opened in headless Chromium (through
tests/chromium.py, as the browser tests do) and timed from navigation start to the
moment it is usable; without Chromium that row is left out. ``--page-only`` times
just that and prints it, leaving bench/results.json alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import attack_map, broken_map, generate_map, positions_map  # noqa: E402

MAPS = HERE / "maps"
ARGMAP = [sys.executable, "-m", "argmap"]


# The command runs under a small launcher process: a child's peak memory (ru_maxrss)
# starts from its parent's at fork time, and this benchmark's own process holds
# the generated maps, so measuring from here would report at least its size.
LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(json.dumps([time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status),
                  usage.ru_utime + usage.ru_stime]))
"""


def run_once(argv: list[str]) -> tuple[float, float, int, float]:
    """(wall seconds, peak MiB, exit code, processor seconds) of one run of ``argv``."""
    done = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, *argv], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    seconds, mib, code, cpu = json.loads(done.stdout)
    return seconds, mib, code, cpu


def measure(argv: list[str], runs: int) -> dict:
    run_once(argv)  # warm-up: file cache, .pyc files
    samples = [run_once(argv) for _ in range(runs)]
    return {
        "median_s": round(statistics.median(s[0] for s in samples), 4),
        "peak_mib": round(max(s[1] for s in samples), 1),
        "exit_code": samples[0][2],
        "cpu_s": round(statistics.median(s[3] for s in samples), 4),
    }


QUIET_YARDSTICK = 0.148
"""Seconds the yardstick took on this project's 2-core machine when it was quiet and issue 10's limits were set."""


def limits(path: Path, rounds: int) -> dict:
    """Issue 10's limits on ``path`` (the 100,000-statement map): the yardstick (best of three) and each command
    run in turn, ``rounds`` times; medians, and each command's median scaled by :data:`QUIET_YARDSTICK` over the
    yardstick's, which is what a quiet machine would give if the load slows both alike."""
    yardstick = [sys.executable, "-c", "import yaml, networkx"]
    commands = {"check": ARGMAP + ["check", str(path)],
                "evaluate --format json": ARGMAP + ["evaluate", str(path), "--format", "json"]}
    run_once(yardstick)
    samples: dict[str, list] = {"yardstick": [], **{name: [] for name in commands}}
    for _ in range(rounds):
        samples["yardstick"].append(min((run_once(yardstick) for _ in range(3)), key=lambda sample: sample[0]))
        for name, argv in commands.items():
            samples[name].append(run_once(argv))
    found = {name: {"median_s": round(statistics.median(s[0] for s in runs), 3),
                    "cpu_s": round(statistics.median(s[3] for s in runs), 3),
                    "peak_mib": round(max(s[1] for s in runs), 1)} for name, runs in samples.items()}
    scale = QUIET_YARDSTICK / found["yardstick"]["median_s"]
    for name in commands:
        found[name]["scaled_s"] = round(found[name]["median_s"] * scale, 2)
    return {"rounds": rounds, **found}


def print_limits(found: dict) -> None:
    print(f"\nissue 10's limits, {found['rounds']} rounds: the yardstick {found['yardstick']['median_s']:.3f} s "
          f"(quiet: {QUIET_YARDSTICK} s)")
    for name, limit in (("check", 6.0), ("evaluate --format json", 7.0)):
        row = found[name]
        print(f"  {name:<24} {row['median_s']:7.2f} s  processor {row['cpu_s']:6.2f} s  {row['peak_mib']:6.0f} MiB"
              f"  scaled {row['scaled_s']:5.2f} s  (limit {limit:.0f} s)")


def in_process(path: Path) -> dict:
    """Seconds of each core step on one map, measured inside one process (the garbage collector
    off, as the command line runs)."""
    import gc

    from argmap.context import MapContext
    from argmap.evaluate import evaluate
    from argmap.loader import load_map
    from argmap.rules import RULES

    steps = {}
    gc.disable()
    try:
        start = time.perf_counter()
        loaded = load_map(path)
        steps["load"] = time.perf_counter() - start
        start = time.perf_counter()
        context = MapContext(loaded.model)  # the networkx graph
        steps["graph"] = time.perf_counter() - start
        start = time.perf_counter()
        for rule in RULES.values():
            if rule.check is not None and not rule.needs_sound_map:
                for _ in rule.check(context):
                    pass
        steps["rules"] = time.perf_counter() - start
        start = time.perf_counter()
        evaluate(context.graph)
        steps["evaluate"] = time.perf_counter() - start
    finally:
        gc.enable()
    return {key: round(value, 4) for key, value in steps.items()}


def page_ready(path: Path, folder: Path, runs: int) -> dict | None:
    """Seconds from navigation start until the HTML page of ``path`` is usable in headless Chromium: its script
    has found the diagram's nodes and wired the outline up (the mark ``argmap-ready``) and the next frame is
    drawn (``argmap-drawn``); the median of ``runs`` loads after a warm-up. ``peak_mib`` is the page's JavaScript
    heap then. None when Chromium or its driver is missing."""
    sys.path.insert(0, str(ROOT / "tests"))
    from chromium import BrowserMissing, start

    page = folder / "page.html"
    subprocess.run(ARGMAP + ["render", str(path), "-o", str(page)], cwd=ROOT, check=True, capture_output=True)
    try:
        driver = start(folder / "chromium-profile", logs=False)
    except BrowserMissing as exc:
        print(f"  (no page timing: {exc})", file=sys.stderr)
        return None
    from selenium.webdriver.support.ui import WebDriverWait

    drawn = "return (performance.getEntriesByName('argmap-drawn')[0] || {}).startTime"
    samples = []
    try:
        for _ in range(runs + 1):
            driver.get("about:blank")
            driver.get(page.as_uri())
            samples.append(WebDriverWait(driver, 60).until(lambda d: d.execute_script(drawn)) / 1000)
        heap = driver.execute_script("return performance.memory ? performance.memory.usedJSHeapSize : 0")
    finally:
        driver.quit()
    return {"median_s": round(statistics.median(samples[1:]), 4), "peak_mib": round(heap / 2**20, 1),
            "exit_code": 0, "bytes": page.stat().st_size}


def small_maps(folder: Path, count: int = 2000) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"map{i:04d}.yaml").write_text(generate_map(12, seed=i), encoding="utf-8")


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 only, 3 runs")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page-only", action="store_true", help="only the HTML page's time to usable")
    parser.add_argument("--limits-only", action="store_true", help="only issue 10's limits, scaled by the yardstick")
    args = parser.parse_args()
    if args.limits_only:
        MAPS.mkdir(exist_ok=True)
        path = MAPS / "generated-100000.yaml"
        if not path.exists():
            path.write_text(generate_map(100000), encoding="utf-8")
        print_limits(limits(path, args.runs))
        return
    if args.page_only:
        MAPS.mkdir(exist_ok=True)
        path = MAPS / "generated-1000.yaml"
        if not path.exists():
            path.write_text(generate_map(1000), encoding="utf-8")
        with tempfile.TemporaryDirectory(prefix="argmap-bench-") as folder:
            print(json.dumps(page_ready(path, Path(folder), args.runs)))
        return
    sizes = [1000, 10000] if args.quick else [1000, 10000, 100000]
    runs = 3 if args.quick else args.runs

    MAPS.mkdir(exist_ok=True)
    paths = {}
    for n in sizes:
        paths[n] = MAPS / f"generated-{n}.yaml"
        if not paths[n].exists():
            paths[n].write_text(generate_map(n), encoding="utf-8")
    broken = MAPS / "broken-10000.yaml"
    if not broken.exists():
        broken.write_text(broken_map(10000), encoding="utf-8")
    folder = MAPS / "small-2000"
    if not folder.exists():
        small_maps(folder)
    weighing = {  # issue 13: the crux search on dense maps, and the positions of a map with open conflicts
        "attacks-20000": lambda: attack_map(20000),
        "mixed-20000": lambda: attack_map(20000, mixed=True),
        "positions-500": lambda: positions_map(500),
    }
    for name, make in weighing.items():
        paths[name] = MAPS / f"{name}.yaml"
        if not paths[name].exists():
            paths[name].write_text(make(), encoding="utf-8")

    tmp = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    commands = {
        "check": lambda p: ["check", str(p)],
        "evaluate --format json": lambda p: ["evaluate", str(p), "--format", "json"],
        "tree": lambda p: ["tree", str(p), "--no-labels"],
        "render --format dot": lambda p: ["render", str(p), "-o", str(tmp / "out.dot"), "--format", "dot"],
    }
    results = []
    flagship = ROOT / "arguments" / "beijing-parade.yaml"
    baseline = measure([sys.executable, "-c", "import yaml, networkx"], runs)
    results.append({"command": "python -c 'import yaml, networkx'", "size": 0, **baseline})
    results.append({"command": "--version", "size": 0, **measure(ARGMAP + ["--version"], runs)})
    results.append({"command": "check flagship", "size": 41, **measure(ARGMAP + ["check", str(flagship)], runs)})
    for n in sizes:
        for name, argv in commands.items():
            if name in ("tree", "render --format dot") and n > 10000:
                continue
            results.append({"command": name, "size": n, **measure(ARGMAP + argv(paths[n]), runs)})
            print(f"  {name:<24} {n:>7}  {results[-1]['median_s']:8.3f} s  {results[-1]['peak_mib']:8.1f} MiB",
                  file=sys.stderr)
    if 100000 in paths:  # the largest map's thesis stands, so every candidate is tried (smaller ones: it falls)
        results.append({"command": "evaluate --cruxes", "size": 100000,  # 20 s a run: timed twice
                        **measure(ARGMAP + ["evaluate", str(paths[100000]), "--cruxes"], 2)})
    for name in ("attacks-20000", "mixed-20000"):
        results.append({"command": f"evaluate --cruxes ({name.split('-')[0]})", "size": 20000,
                        **measure(ARGMAP + ["evaluate", str(paths[name]), "--cruxes"], runs)})
    results.append({"command": "evaluate --semantics preferred", "size": 500,
                    **measure(ARGMAP + ["evaluate", str(paths["positions-500"]), "--semantics", "preferred",
                                        "--max-positions", "64"], runs)})
    for semantics in ("quadratic-energy", "df-quad"):
        results.append({"command": f"evaluate --semantics {semantics}", "size": 10000,
                        **measure(ARGMAP + ["evaluate", str(paths[10000]), "--semantics", semantics], runs)})
    # issue 14 and 15: the flagship printed on A4 pages split until they read, a quote looked up in its
    # text with no exact match (the nearest-passage search), and the counts of `stats`
    results.append({"command": "render --split-again (A4 PDF)", "size": 41,
                    **measure(ARGMAP + ["render", str(flagship), "--split-again", "-o", str(tmp / "split.pdf")],
                              runs)})
    text = ROOT / "arguments" / "beijing-parade-op-ed.txt"
    results.append({"command": "quote (nearest passage)", "size": len(text.read_text(encoding="utf-8").split()),
                    **measure(ARGMAP + ["quote", str(text), "the parade was a loose show of unity by three allies"],
                              runs)})
    for n in sizes[:2]:
        results.append({"command": "stats", "size": n, **measure(ARGMAP + ["stats", str(paths[n])], runs)})
    results.append({"command": "check broken map", "size": 10000, **measure(ARGMAP + ["check", str(broken)], runs)})
    results.append({"command": "check folder of small maps", "size": 2000,
                    **measure(ARGMAP + ["check", str(folder)], runs)})
    page = page_ready(paths[1000], tmp, runs)
    if page is not None:  # the peak column holds the page's JavaScript heap
        results.append({"command": "html page usable (Chromium)", "size": 1000, **page})
    steps = {n: in_process(paths[n]) for n in sizes}
    bounds = limits(paths[100000], runs) if 100000 in paths else None
    shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n{'command':<30} {'size':>7} {'median s':>9} {'cpu s':>7} {'peak MiB':>9} {'exit':>4}")
    for row in results:
        cpu = f"{row['cpu_s']:>7.3f}" if "cpu_s" in row else f"{'-':>7}"
        print(f"{row['command']:<30} {row['size']:>7} {row['median_s']:>9.3f} {cpu} {row['peak_mib']:>9.1f} "
              f"{row['exit_code']:>4}")
    print(f"\nStart-up: check of the flagship / python -c 'import yaml, networkx' = "
          f"{results[2]['median_s'] / baseline['median_s']:.2f}")
    print(f"\n{'in process':<12} " + " ".join(f"{step:>9}" for step in next(iter(steps.values()))))
    for n, row in steps.items():
        print(f"{n:<12} " + " ".join(f"{value:>9.3f}" for value in row.values()))
    print(f"\n{'growth per tenfold step':<30} {'1k->10k':>8} {'10k->100k':>10}")
    for name in commands:
        times = {row["size"]: row["median_s"] for row in results if row["command"] == name}
        ratios = [f"{times[b] / times[a]:.1f}" if a in times and b in times else "-"
                  for a, b in ((1000, 10000), (10000, 100000))]
        print(f"{name:<30} {ratios[0]:>8} {ratios[1]:>10}")
    if bounds is not None:
        print_limits(bounds)
    out = {"machine": machine(), "runs": runs, "results": results, "in_process": steps, "limits": bounds}
    (HERE / "results.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print("\nwrote bench/results.json")


if __name__ == "__main__":
    main()
