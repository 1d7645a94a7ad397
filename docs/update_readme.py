"""Regenerate the command outputs shown in README.md (run by `make docs`).

Each block between ``<!-- begin: NAME -->`` and ``<!-- end: NAME -->`` is the
output of one argmap command on the flagship map, run here. With ``--check`` the
README is left alone and the exit code says whether it is current (a test runs
this, so the README cannot drift from what the commands print).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FLAGSHIP = "arguments/beijing-parade.yaml"

BLOCKS = {
    "check": ["check", FLAGSHIP],
    "tree": ["tree", FLAGSHIP],
    "evaluate": ["evaluate", FLAGSHIP, "--explain", "bloc-confrontation", "--cruxes"],
    "cruxes": ["evaluate", "arguments/school-uniforms.yaml", "--cruxes", "--explain", "safer-schools"],
}


def output(args: list[str]) -> str:
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run([sys.executable, "-m", "argmap", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"argmap {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def updated(text: str) -> str:
    for name, args in BLOCKS.items():
        block = f"<!-- begin: {name} -->\n```console\n$ argmap {' '.join(args)}\n{output(args)}```\n<!-- end: {name} -->"
        pattern = re.compile(rf"<!-- begin: {name} -->.*?<!-- end: {name} -->", re.S)
        if not pattern.search(text):
            raise SystemExit(f"README.md has no block {name}")
        text = pattern.sub(lambda _: block, text)
    return text


def main() -> None:
    current = README.read_text(encoding="utf-8")
    fresh = updated(current)
    if "--check" in sys.argv:
        sys.exit(0 if fresh == current else 1)
    if fresh != current:
        tmp = README.with_suffix(".md.tmp")
        tmp.write_text(fresh, encoding="utf-8")
        os.replace(tmp, README)


if __name__ == "__main__":
    main()
